import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Events: the list (filters by type, severity and acknowledgement; acknowledge one or all),
// click placement (the next click in the view places an event of the chosen type), and for the
// selected event its details, Who sees it (the cameras whose view contains it, best first — or
// "no camera layer"), Nearby (features of the chosen point layers within the radius, nearest
// first) and Go (fly there, open the best cameras' feeds).
Rectangle {
    id: root
    readonly property QtObject events: liyuan.events
    property bool expanded: false // folded: the header (count in red while unacknowledged) leaves the view free
    readonly property var severityNames: [qsTr("info"), qsTr("low"), qsTr("medium"), qsTr("high"), qsTr("critical")]
    readonly property var severityColors: ["#428bf5", "#2ecc71", "#f5c523", "#f57c1f", "#e51c23"]
    property var detail: ({})
    property var seeing: []
    property var nearbyItems: []

    function refreshDetail() {
        if (events.selectedId === "") {
            detail = ({}); seeing = []; nearbyItems = []
            return
        }
        detail = events.event(events.selectedId)
        seeing = detail.seeingCameras || []
        nearbyItems = detail.nearby || []
    }
    Connections {
        target: root.events
        function onSelectionChanged() { root.refreshDetail() }
        function onEventsChanged() { root.refreshDetail() }
        function onOptionsChanged() { root.refreshDetail() }
        function onSeeingChanged() { root.refreshDetail() }
        function onPointLayersChanged() { root.refreshDetail() }
    }

    width: 340
    height: expanded ? Math.min(column.implicitHeight + 16, parent ? parent.height * 0.8 : 700) : header.implicitHeight + 12
    radius: 6
    color: "#f2ffffff"
    border.color: "#b0b8c0"
    clip: true

    Timer { // distances follow the camera
        interval: 1000
        running: root.visible && root.expanded && root.events.count > 0
        repeat: true
        onTriggered: root.events.model.refreshDistances()
    }

    Flickable {
        anchors.fill: parent
        anchors.margins: 8
        contentHeight: column.implicitHeight
        clip: true
        ColumnLayout {
            id: column
            width: parent.width
            spacing: 4

            RowLayout {
                id: header
                Layout.fillWidth: true
                Label {
                    text: qsTr("Events (%1, %2 unacknowledged)").arg(root.events.count).arg(root.events.unacknowledged)
                    font.bold: true
                    color: root.events.unacknowledged > 0 ? "#c92a2a" : "#222"
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
                ToolButton { objectName: "eventPanelToggle"; text: root.expanded ? "▾" : "▸"; onClicked: root.expanded = !root.expanded }
            }

            // click placement
            RowLayout {
                visible: root.expanded
                Layout.fillWidth: true
                TextField {
                    id: placeType
                    text: "fire"
                    placeholderText: qsTr("Type")
                    Layout.preferredWidth: 80
                }
                ComboBox {
                    id: placeSeverity
                    model: root.severityNames
                    currentIndex: root.events.placeSeverity
                    onActivated: (i) => root.events.placeSeverity = i
                    Layout.preferredWidth: 100
                }
                Button {
                    objectName: "eventPlaceButton"
                    text: root.events.placing ? qsTr("Cancel") : qsTr("Place by click")
                    highlighted: root.events.placing
                    onClicked: root.events.placeType = root.events.placing ? "" : placeType.text
                    Layout.fillWidth: true
                }
            }
            Label {
                visible: root.expanded && root.events.placing
                text: qsTr("Click in the view where the %1 is").arg(root.events.placeType)
                color: "#1864ab"
                font.pixelSize: 11
            }

            // filters
            RowLayout {
                visible: root.expanded
                Layout.fillWidth: true
                ComboBox {
                    id: typeFilter
                    model: [qsTr("All types")].concat(root.events.types)
                    onActivated: (i) => root.events.model.typeFilter = i === 0 ? "" : root.events.types[i - 1]
                    Layout.fillWidth: true
                }
                ComboBox {
                    model: root.severityNames.map((n) => qsTr("≥ %1").arg(n))
                    currentIndex: root.events.model.minSeverity
                    onActivated: (i) => root.events.model.minSeverity = i
                    Layout.preferredWidth: 110
                }
            }
            RowLayout {
                visible: root.expanded
                Layout.fillWidth: true
                CheckBox {
                    text: qsTr("Unacknowledged only")
                    checked: root.events.model.unacknowledgedOnly
                    onToggled: root.events.model.unacknowledgedOnly = checked
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "eventAckAllButton"
                    text: qsTr("Acknowledge all")
                    enabled: root.events.unacknowledged > 0
                    onClicked: root.events.acknowledgeAll()
                }
            }

            ListView {
                id: list
                visible: root.expanded
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(contentHeight, 180)
                clip: true
                model: root.events.model
                delegate: ItemDelegate {
                    required property string eventId
                    required property string type
                    required property int severity
                    required property string timeText
                    required property bool acknowledged
                    required property double distance
                    required property bool selected
                    width: list.width
                    height: 28
                    padding: 2
                    highlighted: selected
                    onClicked: root.events.selectedId = eventId
                    onDoubleClicked: root.events.go(eventId)
                    contentItem: RowLayout {
                        spacing: 6
                        Rectangle {
                            width: 10; height: 10; radius: 5
                            color: root.severityColors[Math.max(0, Math.min(4, severity))]
                            opacity: acknowledged ? 0.4 : 1
                        }
                        Label { text: type; font.bold: !acknowledged; Layout.preferredWidth: 70; elide: Text.ElideRight }
                        Label { text: root.severityNames[Math.max(0, Math.min(4, severity))]; color: "#555"; font.pixelSize: 10 }
                        Label { text: timeText; color: "#555"; font.pixelSize: 10 }
                        Label {
                            text: distance < 0 ? "—" : distance < 1000 ? qsTr("%1 m").arg(Math.round(distance))
                                                                       : qsTr("%1 km").arg((distance / 1000).toFixed(1))
                            color: "#555"; font.pixelSize: 10
                            Layout.fillWidth: true
                            horizontalAlignment: Text.AlignRight
                        }
                        ToolButton {
                            visible: !acknowledged
                            implicitHeight: 24
                            padding: 2
                            text: "✓"
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Acknowledge")
                            onClicked: root.events.acknowledge(eventId)
                        }
                    }
                }
            }
            Label {
                visible: root.expanded && root.events.count === 0
                text: qsTr("No events. They arrive over MQTT (an event mapping), from --event, or by a click.")
                wrapMode: Text.Wrap
                color: "#666"
                font.pixelSize: 11
                Layout.fillWidth: true
            }

            // the selected event
            ColumnLayout {
                visible: root.expanded && root.events.selectedId !== "" && root.detail.id !== undefined
                Layout.fillWidth: true
                spacing: 3
                Rectangle { Layout.fillWidth: true; height: 1; color: "#d0d5da" }
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("%1 · %2").arg(root.detail.type || "").arg(root.detail.id || "")
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "eventGoButton"
                        text: qsTr("Go")
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Fly to the event and open the feeds of the cameras that see it")
                        onClicked: root.events.go(root.events.selectedId)
                    }
                    Button {
                        text: qsTr("Remove")
                        onClicked: root.events.remove(root.events.selectedId)
                    }
                }
                Label {
                    visible: (root.detail.text || "") !== ""
                    text: root.detail.text || ""
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    font.pixelSize: 11
                }
                Label {
                    text: root.detail.position === undefined ? (root.detail.problem || "")
                          : qsTr("x %1  y %2  z %3").arg(root.detail.position.x.toFixed(1)).arg(root.detail.position.y.toFixed(1))
                            .arg(root.detail.position.z === null || root.detail.position.z === undefined
                                 ? qsTr("(finding the ground…)") : root.detail.position.z.toFixed(1))
                    color: "#555"
                    font.pixelSize: 10
                }

                Label { text: qsTr("Who sees it"); font.bold: true }
                Label {
                    visible: !root.events.hasCameraLayer
                    text: qsTr("No camera layer")
                    color: "#666"
                    font.pixelSize: 11
                }
                Label {
                    visible: root.events.hasCameraLayer && root.seeing.length === 0
                    text: qsTr("No camera sees this point")
                    color: "#666"
                    font.pixelSize: 11
                }
                Repeater {
                    model: root.seeing
                    Label {
                        required property var modelData
                        required property int index
                        text: qsTr("%1. %2 — %3 m").arg(index + 1).arg(modelData.name || modelData.id)
                              .arg(modelData.distance !== undefined ? Math.round(modelData.distance) : "?")
                        font.pixelSize: 11
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                }

                RowLayout {
                    Layout.fillWidth: true
                    Label { text: qsTr("Nearby"); font.bold: true; Layout.fillWidth: true }
                    Label { text: qsTr("Radius (m)"); font.pixelSize: 11 }
                    SpinBox {
                        from: 10; to: 5000; stepSize: 10
                        editable: true
                        value: Math.round(root.events.nearbyRadius)
                        onValueModified: root.events.nearbyRadius = value
                        Layout.preferredWidth: 110
                    }
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 4
                    Repeater {
                        model: root.events.pointLayers
                        CheckBox {
                            required property var modelData
                            text: modelData.name
                            checked: modelData.chosen
                            font.pixelSize: 11
                            onToggled: root.events.setLayerChosen(modelData.id, checked)
                        }
                    }
                }
                Label {
                    visible: root.nearbyItems.length === 0
                    text: root.events.pointLayers.length === 0 ? qsTr("No point layer") : qsTr("Nothing within the radius")
                    color: "#666"
                    font.pixelSize: 11
                }
                Repeater {
                    model: root.nearbyItems
                    Label {
                        required property var modelData
                        text: qsTr("%1 — %2 m (%3)").arg(modelData.name).arg(Math.round(modelData.distance)).arg(modelData.layerName)
                        font.pixelSize: 11
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
}
