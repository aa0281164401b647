import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Model placement (liyuan.placement): "Place model…" (then click on the mesh or terrain),
// "Edit models" (then click a model), and while a model is edited its origin in the scene
// CRS, heading, scale, snapping to the ground, Done / Cancel. Handles in the 3D view and
// keys (arrows, [ ], + −, Enter, Esc) edit the same placement.
Pane {
    id: panel
    readonly property QtObject editor: liyuan.placement
    padding: 8
    opacity: 0.95

    function fmt(v, d) { return isFinite(v) ? Number(v).toFixed(d) : "" }

    FileDialog {
        id: modelDialog
        title: qsTr("Place a building model")
        nameFilters: [qsTr("Building models (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)"), qsTr("All files (*)")]
        onAccepted: panel.editor.beginPlaceNew(selectedFile.toString())
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        RowLayout {
            visible: !panel.editor.active && !panel.editor.placing
            Button {
                objectName: "placeModelButton"
                text: qsTr("Place model…")
                onClicked: modelDialog.open()
            }
            CheckBox {
                objectName: "editModelsCheck"
                text: qsTr("Edit models")
                checked: panel.editor.editMode
                onToggled: panel.editor.editMode = checked
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Click a model in the view to move, turn or scale it")
            }
        }

        RowLayout {
            visible: panel.editor.placing
            Label {
                text: qsTr("Click on the mesh or the terrain to place %1").arg(panel.editor.placingPath.split("/").pop())
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
            Button { text: qsTr("Cancel"); onClicked: panel.editor.cancel() }
        }

        GridLayout {
            visible: panel.editor.active
            columns: 2
            columnSpacing: 6
            rowSpacing: 2
            Label {
                Layout.columnSpan: 2
                text: qsTr("Placing %1").arg(panel.editor.layerName)
                font.bold: true
            }
            Label {
                Layout.columnSpan: 2
                text: panel.editor.crsName
                opacity: 0.7
                font.pixelSize: 11
            }
            Label { text: qsTr("Easting") }
            TextField {
                Layout.preferredWidth: 150
                text: panel.fmt(panel.editor.crsX, 3)
                validator: DoubleValidator { notation: DoubleValidator.StandardNotation }
                onEditingFinished: panel.editor.setCrsPosition(Number(text), panel.editor.crsY, panel.editor.crsZ)
            }
            Label { text: qsTr("Northing") }
            TextField {
                Layout.preferredWidth: 150
                text: panel.fmt(panel.editor.crsY, 3)
                validator: DoubleValidator { notation: DoubleValidator.StandardNotation }
                onEditingFinished: panel.editor.setCrsPosition(panel.editor.crsX, Number(text), panel.editor.crsZ)
            }
            Label { text: qsTr("Height") }
            TextField {
                Layout.preferredWidth: 150
                enabled: !panel.editor.snapToGround
                text: panel.fmt(panel.editor.crsZ, 3)
                validator: DoubleValidator { notation: DoubleValidator.StandardNotation }
                onEditingFinished: panel.editor.setCrsPosition(panel.editor.crsX, panel.editor.crsY, Number(text))
            }
            Label { text: qsTr("Heading (°)") }
            TextField {
                Layout.preferredWidth: 150
                text: panel.fmt(panel.editor.heading, 2)
                validator: DoubleValidator { notation: DoubleValidator.StandardNotation }
                onEditingFinished: panel.editor.setHeading(Number(text))
            }
            Label { text: qsTr("Scale") }
            TextField {
                Layout.preferredWidth: 150
                text: panel.fmt(panel.editor.scale, 4)
                validator: DoubleValidator { bottom: 0.0001; notation: DoubleValidator.StandardNotation }
                onEditingFinished: panel.editor.setScale(Number(text))
            }
            CheckBox {
                Layout.columnSpan: 2
                text: qsTr("Snap to the ground")
                checked: panel.editor.snapToGround
                onToggled: panel.editor.snapToGround = checked
            }
            Label {
                Layout.columnSpan: 2
                text: qsTr("Drag the ring to turn, the disc or arrows to move, the cube to scale. "
                           + "Arrows: 1 m (Shift 10 m) · [ ]: turn 5° · + −: scale · Enter: done · Esc: cancel")
                wrapMode: Text.Wrap
                Layout.preferredWidth: 240
                font.pixelSize: 11
                opacity: 0.7
            }
            RowLayout {
                Layout.columnSpan: 2
                Button { objectName: "placementDone"; text: qsTr("Done"); highlighted: true; onClicked: panel.editor.commit() }
                Button { objectName: "placementCancel"; text: qsTr("Cancel"); onClicked: panel.editor.cancel() }
            }
        }

        Label {
            visible: panel.editor.lastError.length > 0 && (panel.editor.active || panel.editor.placing)
            text: panel.editor.lastError
            color: "#c92a2a"
            wrapMode: Text.Wrap
            Layout.preferredWidth: 240
        }
    }
}
