import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia

// The live video grid: 1, 4, 9 or 16 feeds (sub streams); a double-click maximises one tile
// (main stream, the others stop decoding) and restores the grid. Each tile names its camera and
// shows the feed's state: connecting, playing, stalled, offline, auth failed (with the reason);
// feeds reconnect by themselves with back-off.
Rectangle {
    id: root
    readonly property QtObject grid: liyuan.cameras.grid
    color: "#e6212529"
    radius: 4
    signal calibrate(string cameraId)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 4
        spacing: 4
        RowLayout {
            Label { text: qsTr("Video"); color: "white"; font.bold: true }
            Item { Layout.fillWidth: true }
            Repeater {
                model: [1, 4, 9, 16]
                ToolButton {
                    required property int modelData
                    text: modelData
                    checkable: true
                    checked: grid.layout === modelData
                    onClicked: grid.layout = modelData
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("A grid of %n feed(s)", "", modelData)
                }
            }
            ToolButton { text: qsTr("Close all"); onClicked: grid.closeAll() }
        }
        GridView {
            id: gv
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            interactive: false
            model: grid
            readonly property int cols: grid.maximised >= 0 ? 1 : grid.columns
            cellWidth: width / cols
            cellHeight: height / cols
            delegate: Item {
                id: tile
                required property int index
                required property string cameraId
                required property string name
                required property string feedState
                required property int frames
                required property string errorText
                required property string stream
                required property bool shown
                width: shown ? gv.cellWidth : 0
                height: shown ? gv.cellHeight : 0
                visible: shown
                Rectangle {
                    anchors.fill: parent
                    anchors.margins: 2
                    color: "black"
                    border.color: liyuan.cameras.selectedId === tile.cameraId ? "#ffd43b" : "#495057"
                    VideoOutput {
                        id: out
                        anchors.fill: parent
                        anchors.margins: 1
                        fillMode: VideoOutput.PreserveAspectFit
                        Component.onCompleted: grid.attachSink(tile.index, out.videoSink)
                        Component.onDestruction: grid.detachSink(out.videoSink)
                    }
                    Connections {
                        target: tile
                        function onIndexChanged() { grid.attachSink(tile.index, out.videoSink) }
                    }
                    Rectangle {
                        anchors { left: parent.left; right: parent.right; top: parent.top }
                        height: 18
                        color: "#99000000"
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 4
                            Rectangle {
                                width: 8; height: 8; radius: 4
                                color: tile.feedState === "playing" ? "#40c057"
                                     : tile.feedState === "connecting" || tile.feedState === "stalled" ? "#fab005"
                                     : "#fa5252"
                            }
                            Label {
                                text: tile.name + " · " + (tile.stream === "main" ? qsTr("main") : qsTr("sub"))
                                color: "white"; font.pixelSize: 10
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            ToolButton {
                                text: "✕"; implicitHeight: 18; implicitWidth: 18; font.pixelSize: 10
                                onClicked: grid.close(tile.index)
                            }
                        }
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: tile.feedState !== "playing"
                        color: "white"
                        horizontalAlignment: Text.AlignHCenter
                        width: parent.width - 12
                        wrapMode: Text.Wrap
                        text: ({ "connecting": qsTr("Connecting…"), "stalled": qsTr("Stalled: no picture, reconnecting"),
                                 "offline": qsTr("Offline"), "authFailed": qsTr("Authentication failed"),
                                 "idle": qsTr("Not playing") })[tile.feedState] || tile.feedState
                              + (tile.errorText.length > 0 && tile.feedState !== "connecting" ? "\n" + tile.errorText : "")
                    }
                    MouseArea {
                        anchors.fill: parent
                        anchors.topMargin: 18
                        acceptedButtons: Qt.LeftButton | Qt.RightButton
                        onClicked: (ev) => {
                            liyuan.cameras.select(tile.cameraId)
                            if (ev.button === Qt.RightButton) tileMenu.popup()
                        }
                        onDoubleClicked: grid.maximised = grid.maximised === tile.index ? -1 : tile.index
                        Menu {
                            id: tileMenu
                            MenuItem {
                                text: liyuan.cameras.isProjected(tile.cameraId) ? qsTr("Stop projecting") : qsTr("Project onto the scene")
                                onTriggered: liyuan.cameras.isProjected(tile.cameraId) ? liyuan.cameras.stopProjection(tile.cameraId)
                                                                                       : liyuan.cameras.project(tile.cameraId)
                            }
                            MenuItem { text: qsTr("Look through this camera"); onTriggered: liyuan.cameras.lookThrough(tile.cameraId) }
                            MenuItem { text: qsTr("Calibrate…"); onTriggered: root.calibrate(tile.cameraId) }
                            MenuItem {
                                text: grid.maximised === tile.index ? qsTr("Back to the grid") : qsTr("Maximise")
                                onTriggered: grid.maximised = grid.maximised === tile.index ? -1 : tile.index
                            }
                        }
                    }
                }
            }
        }
    }
}
