import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Drill-down controls: breadcrumbs (district › block › building › floor) with Back, and
// the floor stack of the focused building (top floor first): Explode, isolate a floor
// (click, or Up/Down keys), ghost or hide the other floors.
Item {
    id: root
    readonly property QtObject drill: liyuan.drill
    readonly property bool active: drill.state !== 0
    property real leftInset: 0 // room taken by a panel at the top left (the schemes panel)

    // breadcrumbs along the top of the view
    Rectangle {
        id: crumbs
        visible: root.active
        anchors.top: parent.top
        anchors.topMargin: 8
        // centred in the view, moved right to clear a panel at the top left
        x: Math.max((parent.width - width) / 2, Math.min(root.leftInset + 8, parent.width - width - 8))
        width: crumbRow.implicitWidth + 16
        height: crumbRow.implicitHeight + 8
        radius: 4
        color: "#e6ffffff"
        border.color: "#b0b8c0"
        RowLayout {
            id: crumbRow
            anchors.centerIn: parent
            spacing: 2
            ToolButton {
                text: "‹ " + qsTr("Back")
                onClicked: drill.back()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("One level up (Backspace)")
            }
            Repeater {
                model: drill.breadcrumbs
                RowLayout {
                    required property string modelData
                    required property int index
                    spacing: 2
                    Label { text: "›"; visible: index > 0; color: "#667" }
                    ToolButton {
                        text: modelData
                        font.bold: index === drill.breadcrumbs.length - 1
                        onClicked: drill.goToCrumb(index)
                    }
                }
            }
        }
    }

    // the floor stack
    Rectangle {
        visible: root.active
        anchors { right: parent.right; verticalCenter: parent.verticalCenter; rightMargin: 8 }
        width: 190
        height: Math.min(parent.height * 0.8, stack.implicitHeight + 16)
        radius: 4
        color: "#eeffffff"
        border.color: "#b0b8c0"
        ColumnLayout {
            id: stack
            anchors.fill: parent
            anchors.margins: 8
            spacing: 4
            Label {
                text: drill.buildingName
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("%1 floors · %2").arg(drill.floors.length).arg(
                          drill.floorSource === "ifc-storeys" ? qsTr("IFC storeys")
                        : drill.floorSource === "node-names" ? qsTr("model floors")
                        : qsTr("sliced by elevation"))
                color: "#556"
                font.pixelSize: 11
            }
            RowLayout {
                Button {
                    text: drill.state >= 2 ? qsTr("Collapse") : qsTr("Explode")
                    onClicked: drill.state >= 2 ? drill.back() : drill.explode()
                }
                CheckBox {
                    text: qsTr("Ghost")
                    checked: drill.ghostOthers
                    onToggled: drill.ghostOthers = checked
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Show the other floors ghosted instead of hiding them")
                }
            }
            ListView {
                id: floorList
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: Math.min(contentHeight, 460)
                clip: true
                model: drill.floors
                currentIndex: -1
                delegate: ItemDelegate {
                    required property var modelData
                    width: floorList.width
                    height: 22
                    highlighted: drill.state === 3 && drill.floorIndex === modelData.index
                    text: modelData.name
                    font.pixelSize: 12
                    onClicked: drill.isolateIndex(modelData.index)
                }
                ScrollBar.vertical: ScrollBar {}
            }
            Label {
                text: qsTr("↑/↓: next floor · Backspace: back")
                color: "#667"
                font.pixelSize: 10
            }
        }
    }
}
