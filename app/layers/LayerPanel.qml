import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The layer panel: order (top first), visibility, opacity, zoom-to, remove, load progress;
// and the project's bookmarks.
Pane {
    id: panel
    padding: 6
    property var layers: liyuan.layers

    StyleDialog {
        id: styleDialog
        parent: Overlay.overlay
        anchors.centerIn: parent
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        Label {
            text: qsTr("Layers")
            font.bold: true
        }
        Label {
            visible: layerList.count === 0
            text: qsTr("Drop files here, or use Open.")
            opacity: 0.7
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ListView {
            id: layerList
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 120
            clip: true
            spacing: 2
            model: panel.layers.model
            // layers of one multi-layer file (a GeoPackage) are grouped under its name
            section.property: "group"
            section.delegate: Label {
                required property string section
                width: layerList.width
                height: section.length > 0 ? implicitHeight + 6 : 0
                visible: section.length > 0
                text: section.length > 0 ? "▸ " + section : ""
                font.bold: true
                topPadding: 4
                elide: Text.ElideMiddle
            }
            delegate: Frame {
                id: row
                width: layerList.width
                padding: 4
                leftPadding: group.length > 0 ? 14 : 4
                required property string group
                required property int index
                required property string layerId
                required property string name
                required property string kind
                required property bool layerVisible
                required property real layerOpacity
                required property string status
                required property real progress
                required property string message
                required property string rasterAs
                required property string rasterReason
                readonly property bool raster: kind === "terrain" || kind === "imagery"
                property bool expanded: false
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        CheckBox {
                            checked: row.layerVisible
                            onToggled: panel.layers.setVisible(row.layerId, checked)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Show or hide")
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 0
                            Label {
                                text: row.name
                                elide: Text.ElideMiddle
                                Layout.fillWidth: true
                                color: row.status === "failed" ? "#b00020" : palette.text
                            }
                            Label {
                                text: {
                                    var k = row.kind === "photogrammetry" ? qsTr("Photogrammetry")
                                          : row.kind === "terrain" ? qsTr("Terrain")
                                          : row.kind === "imagery" ? qsTr("Imagery")
                                          : row.kind === "vector" ? qsTr("Vector")
                                          : row.kind === "points" ? qsTr("Points") : row.kind
                                    if (row.status === "loading")
                                        return qsTr("%1 · loading %2%").arg(k).arg(Math.round(row.progress * 100))
                                    if (row.status === "failed")
                                        return qsTr("%1 · failed").arg(k)
                                    return k
                                }
                                font.pixelSize: 11
                                opacity: 0.7
                            }
                        }
                        ToolButton {
                            objectName: "layerExpand_" + row.layerId
                            text: row.expanded ? "▴" : "▾"
                            onClicked: row.expanded = !row.expanded
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Opacity, style and more")
                        }
                    }
                    ProgressBar {
                        visible: row.status === "loading"
                        value: row.progress
                        Layout.fillWidth: true
                    }
                    Flow {
                        visible: row.expanded
                        Layout.fillWidth: true
                        spacing: 2
                        Button {
                            text: qsTr("Zoom to")
                            onClicked: panel.layers.zoomTo(row.layerId)
                        }
                        Button {
                            visible: row.status === "ready"
                            text: qsTr("Style…")
                            onClicked: styleDialog.openFor(row.layerId)
                        }
                        Button {
                            visible: row.kind === "vector" || row.kind === "points"
                            text: qsTr("Table")
                            onClicked: liyuan.selection.showTable(liyuan.selection.tableLayer === row.layerId ? "" : row.layerId)
                        }
                        Button {
                            text: "▲"
                            enabled: row.index > 0
                            onClicked: panel.layers.model.move(row.index, row.index - 1)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Move up")
                        }
                        Button {
                            text: "▼"
                            enabled: row.index < layerList.count - 1
                            onClicked: panel.layers.model.move(row.index, row.index + 1)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Move down")
                        }
                        Button {
                            text: qsTr("Remove")
                            onClicked: panel.layers.remove(row.layerId)
                        }
                    }
                    // a raster is terrain or imagery: decided from the data, the user may say otherwise
                    Flow {
                        visible: row.expanded && row.raster
                        Layout.fillWidth: true
                        spacing: 2
                        Label { text: qsTr("Show as"); height: 32; verticalAlignment: Text.AlignVCenter }
                        Repeater {
                            model: [{ as: "", label: qsTr("Auto") }, { as: "terrain", label: qsTr("Terrain") },
                                    { as: "imagery", label: qsTr("Imagery") }]
                            delegate: Button {
                                required property var modelData
                                objectName: "layerAs_" + (modelData.as.length > 0 ? modelData.as : "auto") + "_" + row.layerId
                                text: modelData.label
                                highlighted: row.rasterAs === modelData.as
                                onClicked: panel.layers.setRasterAs(row.layerId, modelData.as)
                                ToolTip.visible: hovered
                                ToolTip.text: modelData.as.length > 0 ? qsTr("Reload this raster as %1").arg(modelData.label)
                                                                      : qsTr("Decided from the data: %1").arg(row.rasterReason)
                            }
                        }
                    }
                    RowLayout {
                        visible: row.expanded
                        Layout.fillWidth: true
                        Label { text: qsTr("Opacity") }
                        Slider {
                            from: 0; to: 1
                            value: row.layerOpacity
                            Layout.fillWidth: true
                            onMoved: panel.layers.setOpacity(row.layerId, value)
                        }
                    }
                    Label {
                        visible: row.expanded && row.message.length > 0
                        text: row.message
                        wrapMode: Text.WrapAnywhere
                        font.pixelSize: 11
                        Layout.fillWidth: true
                    }
                }
            }
        }

        RowLayout {
            Label {
                text: qsTr("Bookmarks")
                font.bold: true
                Layout.fillWidth: true
            }
            ToolButton {
                text: "+"
                onClicked: liyuan.project.addBookmark("")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Bookmark this view")
            }
        }
        ListView {
            id: bookmarkList
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 160)
            clip: true
            model: liyuan.project.bookmarks
            delegate: RowLayout {
                width: bookmarkList.width
                required property int index
                required property string modelData
                ItemDelegate {
                    text: modelData
                    Layout.fillWidth: true
                    onClicked: liyuan.project.goToBookmark(index)
                }
                ToolButton {
                    text: "✕"
                    onClicked: liyuan.project.removeBookmark(index)
                }
            }
        }
    }
}
