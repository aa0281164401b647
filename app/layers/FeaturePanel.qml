import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Attributes of what was picked: a feature (with its archive photo, if an attribute names
// one) or a photogrammetry/terrain tile.
Pane {
    id: panel
    property var selection: liyuan.selection.current
    padding: 8

    ColumnLayout {
        anchors.fill: parent
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: panel.selection.title || ""
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            ToolButton {
                text: "✕"
                onClicked: liyuan.selection.clear()
            }
        }
        Label {
            text: panel.selection.layerName || ""
            opacity: 0.7
            font.pixelSize: 11
        }
        Image {
            visible: source.toString().length > 0
            source: panel.selection.photo || ""
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            Layout.fillWidth: true
            Layout.preferredHeight: visible ? 180 : 0
        }
        ListView {
            id: attrs
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.selection.attributes || []
            delegate: RowLayout {
                width: attrs.width
                required property var modelData
                Label {
                    text: modelData.name
                    opacity: 0.7
                    Layout.preferredWidth: attrs.width * 0.35
                    elide: Text.ElideRight
                }
                Label {
                    text: modelData.value
                    wrapMode: Text.WrapAnywhere
                    Layout.fillWidth: true
                }
            }
        }
    }
}
