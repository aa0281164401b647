import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Style of one layer: colours by attribute (single / categories / graduated ranges),
// extrusion height attribute and line width for vectors; offsets for terrain and imagery.
Dialog {
    id: dialog
    title: qsTr("Layer style")
    modal: true
    standardButtons: Dialog.Ok | Dialog.Apply | Dialog.Cancel
    width: 460

    property string layerId: ""
    property var info: ({})
    property var style: ({})
    readonly property bool isVector: info.kind === "vector" || info.kind === "points"
    readonly property var fieldNames: {
        var names = []
        var f = info.fields || []
        for (var i = 0; i < f.length; ++i)
            names.push(f[i].name)
        return names
    }

    function openFor(id) {
        layerId = id
        info = liyuan.layers.styleInfo(id)
        style = JSON.parse(JSON.stringify(info.style || {}))
        var mode = style.colorMode || "single"
        modeBox.currentIndex = ["single", "categorized", "graduated"].indexOf(mode)
        attrBox.currentIndex = Math.max(0, fieldNames.indexOf(style.attribute || ""))
        colorField.text = style.color || "#c8b496"
        extrudeCheck.checked = style.extrude !== false
        var h = (style.heightAttributes && style.heightAttributes.length > 0) ? style.heightAttributes[0] : (info.heightAttribute || "")
        heightBox.currentIndex = fieldNames.indexOf(h) + 1
        lineWidth.value = Math.round((style.lineWidth || 2) * 10)
        offsetSpin.value = Math.round((info.kind === "imagery" ? (style.height || 0) : (style.verticalOffset !== undefined ? style.verticalOffset : -0.3)) * 10)
        open()
    }

    function collect() {
        var s = JSON.parse(JSON.stringify(style))
        if (isVector) {
            s.colorMode = ["single", "categorized", "graduated"][modeBox.currentIndex]
            s.attribute = attrBox.currentText
            s.color = colorField.text
            s.extrude = extrudeCheck.checked
            if (heightBox.currentIndex > 0)
                s.heightAttributes = [heightBox.currentText]
            else
                delete s.heightAttributes
            s.lineWidth = lineWidth.value / 10
        } else if (info.kind === "imagery") {
            s.height = offsetSpin.value / 10
        } else {
            s.verticalOffset = offsetSpin.value / 10
        }
        return s
    }

    onAccepted: liyuan.layers.setStyle(layerId, collect())
    onApplied: liyuan.layers.setStyle(layerId, collect())

    ColorDialog {
        id: colorDialog
        selectedColor: colorField.text
        onAccepted: colorField.text = selectedColor.toString()
    }

    ColumnLayout {
    width: parent.width
    GridLayout {
        Layout.fillWidth: true
        columns: 2
        visible: dialog.isVector

        Label { text: qsTr("Colour by") }
        ComboBox {
            id: modeBox
            Layout.fillWidth: true
            model: [qsTr("Single colour"), qsTr("Categories"), qsTr("Graduated ranges")]
        }
        Label { text: qsTr("Attribute"); visible: modeBox.currentIndex > 0 }
        RowLayout {
            visible: modeBox.currentIndex > 0
            ComboBox { id: attrBox; model: dialog.fieldNames; Layout.fillWidth: true }
            Button {
                text: qsTr("Classify")
                onClicked: {
                    var mode = ["single", "categorized", "graduated"][modeBox.currentIndex]
                    dialog.style = liyuan.layers.autoStyle(dialog.layerId, mode, attrBox.currentText)
                }
            }
        }
        Label { text: qsTr("Colour"); visible: modeBox.currentIndex === 0 }
        RowLayout {
            visible: modeBox.currentIndex === 0
            Rectangle { width: 24; height: 24; color: colorField.text; border.color: "#555" }
            TextField { id: colorField; Layout.fillWidth: true }
            Button { text: qsTr("Pick…"); onClicked: colorDialog.open() }
        }
        ListView {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 160)
            visible: modeBox.currentIndex > 0
            clip: true
            model: modeBox.currentIndex === 1 ? (dialog.style.categories || []) : (dialog.style.ranges || [])
            delegate: RowLayout {
                required property var modelData
                Rectangle { width: 16; height: 16; color: modelData.color; border.color: "#555" }
                Label { text: modelData.label || String(modelData.value) }
            }
        }
        Label { text: qsTr("Extrude") }
        CheckBox { id: extrudeCheck; text: qsTr("Extrude polygons to a height") }
        Label { text: qsTr("Height attribute") }
        ComboBox {
            id: heightBox
            Layout.fillWidth: true
            model: [qsTr("(automatic)")].concat(dialog.fieldNames)
        }
        Label { text: qsTr("Line width (m)") }
        SpinBox {
            id: lineWidth
            from: 1; to: 500; stepSize: 5
            property real realValue: value / 10
            textFromValue: (v) => (v / 10).toFixed(1)
            valueFromText: (t) => Math.round(parseFloat(t) * 10)
            editable: true
        }
    }
    GridLayout {
        Layout.fillWidth: true
        columns: 2
        visible: !dialog.isVector
        Label {
            text: dialog.info.kind === "imagery" ? qsTr("Plane height (m, without terrain)") : qsTr("Vertical offset (m)")
        }
        SpinBox {
            id: offsetSpin
            from: -10000; to: 100000; stepSize: 1
            textFromValue: (v) => (v / 10).toFixed(1)
            valueFromText: (t) => Math.round(parseFloat(t) * 10)
            editable: true
        }
    }
}
}
