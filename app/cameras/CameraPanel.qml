import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Surveillance cameras: the registry (open, count, state), filters by department, tag, state and
// name, the matching cameras (a click selects and frames one), and the selected camera's details
// and actions: open its live picture, project it onto the scene, look through it, calibrate it.
Rectangle {
    id: root
    readonly property QtObject cams: liyuan.cameras
    signal calibrate(string cameraId)
    radius: 4
    color: "#f2ffffff"
    border.color: "#b0b8c0"

    function stateText(s) {
        return ({ "online": qsTr("online"), "streaming": qsTr("streaming"), "offline": qsTr("offline"),
                  "authFailed": qsTr("authentication failed"), "unknown": qsTr("unknown") })[s] || s
    }
    function stateColor(s) {
        return ({ "online": "#2f9e44", "streaming": "#1971c2", "offline": "#c92a2a", "authFailed": "#e8590c" })[s] || "#868e96"
    }

    FileDialog {
        id: registryDialog
        title: qsTr("Open a camera registry")
        nameFilters: [qsTr("Camera registries (*.json *.gpkg)"), qsTr("All files (*)")]
        onAccepted: cams.open(selectedFile.toString().replace(/^file:\/\//, ""))
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        RowLayout {
            Label { text: qsTr("Cameras"); font.bold: true }
            Label {
                Layout.fillWidth: true
                elide: Text.ElideRight
                color: "#555"
                font.pixelSize: 11
                text: cams.status === "ready" ? qsTr("%1 of %2 shown").arg(cams.shownCount).arg(cams.count)
                    : cams.status === "failed" ? qsTr("not loaded")
                    : cams.status === "empty" ? qsTr("no registry") : qsTr("loading…")
            }
            CheckBox { checked: cams.visible; onToggled: cams.visible = checked; ToolTip.visible: hovered; ToolTip.text: qsTr("Show the cameras") }
            ToolButton { text: qsTr("Open…"); onClicked: registryDialog.open() }
        }
        RowLayout {
            ComboBox {
                Layout.fillWidth: true
                model: [qsTr("All departments")].concat(cams.departments)
                onActivated: (i) => cams.departmentFilter = i === 0 ? "" : cams.departments[i - 1]
            }
            ComboBox {
                Layout.fillWidth: true
                readonly property var states: ["", "online", "streaming", "offline", "authFailed", "unknown"]
                model: [qsTr("Any state"), qsTr("online"), qsTr("streaming"), qsTr("offline"), qsTr("authentication failed"), qsTr("unknown")]
                onActivated: (i) => cams.stateFilter = states[i]
            }
        }
        RowLayout {
            ComboBox {
                Layout.fillWidth: true
                visible: cams.tags.length > 0
                model: [qsTr("All tags")].concat(cams.tags)
                onActivated: (i) => cams.tagFilter = i === 0 ? "" : cams.tags[i - 1]
            }
            TextField {
                Layout.fillWidth: true
                placeholderText: qsTr("Search name or id")
                onTextChanged: cams.textFilter = text
            }
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 80
            clip: true
            // re-read when the registry, the filters or the states change
            model: cams.status === "ready" ? cams.list(300 + 0 * cams.shownCount) : []
            Connections {
                target: cams
                function onFilterChanged() { list.model = cams.list(300) }
                function onRegistryChanged() { list.model = cams.status === "ready" ? cams.list(300) : [] }
            }
            delegate: ItemDelegate {
                required property var modelData
                width: list.width
                height: 22
                highlighted: cams.selectedId === modelData.id
                onClicked: cams.flyTo(modelData.id)
                onDoubleClicked: cams.openFeed(modelData.id)
                contentItem: RowLayout {
                    Rectangle { width: 8; height: 8; radius: 4; color: root.stateColor(modelData.state) }
                    Label { text: modelData.name; elide: Text.ElideRight; Layout.fillWidth: true; font.pixelSize: 11 }
                    Label { text: modelData.department; color: "#777"; font.pixelSize: 10 }
                    Label { visible: modelData.ptz; text: "PTZ"; color: "#1971c2"; font.pixelSize: 9 }
                }
            }
        }
        // the selected camera
        ColumnLayout {
            visible: cams.selectedId.length > 0
            Layout.fillWidth: true
            spacing: 2
            Rectangle { Layout.fillWidth: true; height: 1; color: "#dee2e6" }
            RowLayout {
                Rectangle { width: 10; height: 10; radius: 5; color: root.stateColor(cams.selected.state || "") }
                Label { text: cams.selected.name || ""; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                ToolButton { text: "✕"; onClicked: cams.select("") }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: 11
                color: "#444"
                text: qsTr("%1 · %2 · heading %3°, pitch %4°, field of view %5°, range %6 m%7")
                      .arg(cams.selected.department || "—").arg(root.stateText(cams.selected.state || ""))
                      .arg(Math.round(cams.selected.heading || 0)).arg(Math.round(cams.selected.pitch || 0))
                      .arg(Math.round(cams.selected.hfov || 0)).arg(Math.round(cams.selected.far || 0))
                      .arg(cams.selected.ptz ? qsTr(" · PTZ") : "")
            }
            Flow {
                Layout.fillWidth: true
                spacing: 4
                Button { text: qsTr("Live video"); onClicked: cams.openFeed(cams.selectedId) }
                Button {
                    text: cams.selected.projected ? qsTr("Stop projecting") : qsTr("Project")
                    onClicked: cams.selected.projected ? cams.stopProjection(cams.selectedId) : cams.project(cams.selectedId)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Drape the live picture onto the scene (%1 at once)").arg(cams.maxProjections)
                }
                Button { text: qsTr("Look through"); onClicked: cams.lookThrough(cams.selectedId) }
                Button { text: qsTr("Calibrate…"); onClicked: root.calibrate(cams.selectedId) }
            }
        }
        RowLayout {
            visible: cams.projected.length > 0
            Label { text: qsTr("Projection opacity"); font.pixelSize: 11 }
            Slider {
                Layout.fillWidth: true
                from: 0; to: 1
                value: liyuan.fusion.opacity
                onMoved: liyuan.fusion.opacity = value
            }
        }
        Label {
            visible: cams.projected.length > 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.pixelSize: 11
            color: "#1971c2"
            text: qsTr("Projected: %1").arg(cams.projected.join(", "))
        }
    }
}
