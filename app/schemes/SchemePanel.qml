import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Design schemes (liyuan.schemes): the list with the shown one marked (click to show it,
// "None" for today's city), the compare mode (off / split / swipe) and the second scheme.
Rectangle {
    id: panel
    readonly property var schemes: liyuan.schemes
    implicitWidth: 300
    implicitHeight: column.implicitHeight + 16
    radius: 6
    color: "#ecffffff"
    border.color: "#9aa5b1"

    ColumnLayout {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 8 }
        spacing: 4

        Label {
            text: qsTr("Design schemes")
            font.bold: true
        }
        Label {
            visible: panel.schemes.count === 0
            text: qsTr("No schemes in this project")
            color: "#666"
        }

        ItemDelegate {
            Layout.fillWidth: true
            visible: panel.schemes.count > 0
            text: (panel.schemes.activeScheme < 0 ? "● " : "○ ") + qsTr("None (today's city)")
            highlighted: panel.schemes.activeScheme < 0
            onClicked: panel.schemes.activeScheme = -1
        }
        Repeater {
            model: panel.schemes.schemes
            ItemDelegate {
                required property var modelData
                required property int index
                Layout.fillWidth: true
                text: (modelData.active ? "● " : "○ ") + modelData.name
                      + "  " + qsTr("%n model(s)", "", modelData.models) + qsTr(", %n area(s)", "", modelData.areas)
                highlighted: modelData.active
                ToolTip.visible: hovered && modelData.description.length > 0
                ToolTip.text: modelData.description
                ToolTip.delay: 500
                onClicked: panel.schemes.activeScheme = index
            }
        }

        RowLayout {
            visible: panel.schemes.count > 0
            Layout.fillWidth: true
            Label { text: qsTr("Compare") }
            ComboBox {
                id: modeBox
                Layout.fillWidth: true
                textRole: "label"
                valueRole: "mode"
                model: [
                    { mode: "off", label: qsTr("Off") },
                    { mode: "split", label: qsTr("Side by side") },
                    { mode: "swipe", label: qsTr("Swipe") }
                ]
                currentIndex: Math.max(0, indexOfValue(panel.schemes.compareMode))
                onActivated: panel.schemes.compareMode = currentValue
            }
        }
        RowLayout {
            visible: panel.schemes.count > 0 && panel.schemes.compareMode !== "off"
            Layout.fillWidth: true
            Label { text: qsTr("with") }
            ComboBox {
                Layout.fillWidth: true
                model: {
                    var names = [qsTr("None (today's city)")]
                    for (var i = 0; i < panel.schemes.schemes.length; ++i)
                        names.push(panel.schemes.schemes[i].name)
                    return names
                }
                currentIndex: panel.schemes.compareScheme + 1
                onActivated: (i) => panel.schemes.compareScheme = i - 1
            }
        }
    }
}
