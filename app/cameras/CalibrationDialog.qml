import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia

// Calibrating a camera: its live picture on the left; a click there picks a point in the picture,
// the next click in the 3D view picks the same point in the scene. With six pairs or more,
// Solve finds the camera's position, orientation and field of view and shows the reprojection
// error; Preview puts the camera there (frustum and projection), Save writes it into the registry.
Rectangle {
    id: root
    readonly property QtObject cal: liyuan.calibration
    readonly property QtObject grid: liyuan.cameras.grid
    // the camera's feed in the grid (opened with the dialog) also plays here
    readonly property int row: cal.active ? grid.rowOf(cal.cameraId) + 0 * grid.count : -1
    visible: cal.active
    color: "#f2ffffff"
    radius: 4
    border.color: "#b0b8c0"

    onRowChanged: if (row >= 0) grid.attachSink(row, out.videoSink)
    Component.onDestruction: grid.detachSink(out.videoSink)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        RowLayout {
            Label { text: qsTr("Calibrate %1").arg(cal.cameraId); font.bold: true; Layout.fillWidth: true }
            ToolButton { text: "✕"; onClicked: cal.cancel() }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.pixelSize: 11
            color: cal.step === "scene" ? "#1971c2" : "#444"
            text: cal.step === "scene" ? qsTr("Now click the same point in the 3D view.")
                                       : qsTr("Click a point in the picture (a corner, a kerb, a window).")
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: width * 9 / 16
            color: "black"
            VideoOutput {
                id: out
                anchors.fill: parent
                fillMode: VideoOutput.PreserveAspectFit
            }
            Repeater {
                model: cal.pairs
                Rectangle {
                    required property var modelData
                    required property int index
                    x: out.contentRect.x + modelData.u / Math.max(1, out.sourceRect.width) * out.contentRect.width - 5
                    y: out.contentRect.y + modelData.v / Math.max(1, out.sourceRect.height) * out.contentRect.height - 5
                    width: 10; height: 10; radius: 5
                    color: modelData.hasScene ? "#40c057" : "#fab005"
                    border.color: "white"
                    Text { x: 12; y: -4; text: index + 1; color: "yellow"; font.bold: true; font.pixelSize: 11 }
                }
            }
            MouseArea {
                anchors.fill: parent
                onClicked: (ev) => {
                    var r = out.contentRect
                    if (r.width <= 0 || out.sourceRect.width <= 0) return
                    cal.addVideoPoint((ev.x - r.x) / r.width * out.sourceRect.width, (ev.y - r.y) / r.height * out.sourceRect.height,
                                      out.sourceRect.width, out.sourceRect.height)
                }
            }
        }
        ListView {
            id: pairList
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 60
            clip: true
            model: cal.pairs
            delegate: RowLayout {
                required property var modelData
                required property int index
                width: pairList.width
                Label {
                    Layout.fillWidth: true
                    font.pixelSize: 11
                    text: (index + 1) + ". " + Math.round(modelData.u) + ", " + Math.round(modelData.v) + " px → "
                          + (modelData.hasScene ? modelData.x.toFixed(1) + ", " + modelData.y.toFixed(1) + ", " + modelData.z.toFixed(1) + " m"
                                                : qsTr("(pick in the scene)"))
                          + (modelData.errorPx >= 0 ? qsTr(" · %1 px").arg(modelData.errorPx.toFixed(2)) : "")
                }
                ToolButton { text: "✕"; font.pixelSize: 10; onClicked: cal.removePair(index) }
            }
        }
        Label { Layout.fillWidth: true; wrapMode: Text.Wrap; font.pixelSize: 11; text: cal.resultText }
        RowLayout {
            Button { text: qsTr("Solve"); enabled: cal.pairs.length >= cal.minPairs; onClicked: cal.solve() }
            CheckBox { text: qsTr("Preview"); enabled: cal.solved; checked: cal.previewing; onToggled: cal.setPreview(checked) }
            Item { Layout.fillWidth: true }
            Button { text: qsTr("Save"); enabled: cal.solved; onClicked: cal.save() }
        }
    }
}
