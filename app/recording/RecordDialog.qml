import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Records a tour (or a camera path file) to an H.264 MP4 through `recorder` (Recorder). A window
// of its own: it is not part of the recorded picture, and it stays usable (progress, cancel)
// while the main window renders the frames with its interface hidden.
Window {
    id: dialog
    title: qsTr("Record video")
    width: 420
    height: 330
    flags: Qt.Dialog
    // the main window's size: the default video size
    property int defaultWidth: 1280
    property int defaultHeight: 720

    function show_() {
        widthField.text = String(defaultWidth - defaultWidth % 2)
        heightField.text = String(defaultHeight - defaultHeight % 2)
        if (tourBox.count > 0 && tourBox.currentIndex < 0)
            tourBox.currentIndex = 0
        dialog.show()
        dialog.raise()
    }

    FileDialog {
        id: outDialog
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("MP4 video (*.mp4)")]
        defaultSuffix: "mp4"
        onAccepted: outField.text = selectedFile.toString().replace(/^file:\/\//, "")
    }
    FileDialog {
        id: pathDialog
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Camera path (*.path *.txt)"), qsTr("All files (*)")]
        onAccepted: pathField.text = selectedFile.toString().replace(/^file:\/\//, "")
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8
        enabled: true
        GridLayout {
            columns: 3
            columnSpacing: 6
            Layout.fillWidth: true
            enabled: !recorder.active

            RadioButton { id: useTour; text: qsTr("Tour"); checked: recorder.tours.length > 0 }
            ComboBox {
                id: tourBox
                Layout.fillWidth: true
                Layout.columnSpan: 2
                model: recorder.tours
                enabled: useTour.checked
            }
            RadioButton { id: usePath; text: qsTr("Camera path"); checked: recorder.tours.length === 0 }
            TextField { id: pathField; Layout.fillWidth: true; enabled: usePath.checked; placeholderText: qsTr("path file") }
            Button { text: qsTr("…"); enabled: usePath.checked; onClicked: pathDialog.open() }

            Label { text: qsTr("Frames per second") }
            SpinBox { id: fpsBox; from: 1; to: 120; value: 30; editable: true; Layout.columnSpan: 2 }

            Label { text: qsTr("Size") }
            RowLayout {
                Layout.columnSpan: 2
                TextField { id: widthField; implicitWidth: 70; validator: IntValidator { bottom: 16; top: 7680 } }
                Label { text: "×" }
                TextField { id: heightField; implicitWidth: 70; validator: IntValidator { bottom: 16; top: 4320 } }
            }

            Label { text: qsTr("Quality") }
            SpinBox {
                id: qualityBox; from: 0; to: 51; value: 20; editable: true; Layout.columnSpan: 2
                ToolTip.visible: hovered
                ToolTip.text: qsTr("x264 constant quality: lower is better (0 lossless, 20 default)")
            }

            Label { text: qsTr("Output file") }
            TextField { id: outField; Layout.fillWidth: true; placeholderText: qsTr("tour.mp4") }
            Button { text: qsTr("…"); onClicked: outDialog.open() }
        }

        ProgressBar {
            Layout.fillWidth: true
            from: 0; to: 1
            value: recorder.progress
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: recorder.active
                  ? qsTr("Frame %1 of %2").arg(recorder.frame).arg(recorder.frameCount) + (recorder.status.length ? " — " + recorder.status : "")
                  : recorder.status
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                text: qsTr("Record")
                enabled: !recorder.active && outField.text.length > 0
                         && (useTour.checked ? tourBox.currentIndex >= 0 : pathField.text.length > 0)
                onClicked: recorder.startRecording(useTour.checked ? tourBox.currentText : "",
                                                   useTour.checked ? "" : pathField.text, outField.text,
                                                   fpsBox.value, parseInt(widthField.text), parseInt(heightField.text),
                                                   qualityBox.value)
            }
            Button {
                text: recorder.active ? qsTr("Cancel") : qsTr("Close")
                onClicked: recorder.active ? recorder.cancel() : dialog.close()
            }
        }
    }
    Shortcut { sequence: "Esc"; onActivated: recorder.active ? recorder.cancel() : dialog.close() }
}
