import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// presenter: saved views (add the current one, rename, reorder, remove, go) and the tour
// editor (steps from views, timing, transition, captions zh/en, reorder) with play / pause /
// stop / loop. Everything goes through liyuan.presenter; views and tours are saved in the project.
Rectangle {
    id: panel
    readonly property var presenter: liyuan.presenter
    property string currentTour: presenter.tours.length > 0 ? presenter.tours[Math.max(0, tourBox.currentIndex)] : ""
    // re-read when the tours change
    readonly property var info: { presenter.tours; presenter.loop; return currentTour.length > 0 ? presenter.tourInfo(currentTour) : ({}) }
    implicitWidth: 360
    radius: 6
    color: "#f2ffffff"
    border.color: "#9aa5b1"

    Flickable {
        anchors.fill: parent
        anchors.margins: 8
        contentHeight: column.implicitHeight
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: parent.width
            spacing: 4

            Label { text: qsTr("Views"); font.bold: true }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: viewName
                    objectName: "presenterViewName"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Name of the view")
                }
                Button {
                    objectName: "presenterAddView"
                    text: qsTr("Add current view")
                    onClicked: { panel.presenter.addCurrentView(viewName.text); viewName.text = "" }
                }
            }
            Label {
                visible: panel.presenter.views.length === 0
                text: qsTr("No saved views: frame the scene, then add it")
                color: "#666"
            }
            Repeater {
                model: panel.presenter.views
                RowLayout {
                    required property string modelData
                    required property int index
                    Layout.fillWidth: true
                    spacing: 2
                    TextField {
                        Layout.fillWidth: true
                        text: modelData
                        onEditingFinished: if (text !== modelData) panel.presenter.renameView(index, text)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Edit to rename")
                    }
                    ToolButton { text: qsTr("Go"); onClicked: panel.presenter.goToView(modelData) }
                    ToolButton { text: "↑"; enabled: index > 0; onClicked: panel.presenter.moveView(index, index - 1) }
                    ToolButton {
                        text: "↓"
                        enabled: index < panel.presenter.views.length - 1
                        onClicked: panel.presenter.moveView(index, index + 1)
                    }
                    ToolButton { text: "✕"; onClicked: panel.presenter.removeView(index) }
                    ToolButton {
                        text: "+"
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Add to the tour")
                        onClicked: panel.presenter.addTourStep(panel.currentTour.length > 0 ? panel.currentTour : newTourName.text, modelData)
                    }
                }
            }

            MenuSeparator { Layout.fillWidth: true }
            Label { text: qsTr("Tours"); font.bold: true }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: tourBox
                    Layout.fillWidth: true
                    model: panel.presenter.tours
                    visible: count > 0
                }
                TextField {
                    id: newTourName
                    Layout.fillWidth: true
                    visible: panel.presenter.tours.length === 0
                    placeholderText: qsTr("Name of a new tour")
                }
                ToolButton {
                    text: qsTr("Delete")
                    enabled: panel.currentTour.length > 0
                    onClicked: panel.presenter.removeTour(panel.currentTour)
                }
            }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: newStepView
                    Layout.fillWidth: true
                    model: panel.presenter.views
                }
                Button {
                    text: qsTr("Add step")
                    enabled: newStepView.currentIndex >= 0
                    onClicked: {
                        const name = panel.currentTour.length > 0 ? panel.currentTour : newTourName.text
                        panel.presenter.addTourStep(name, newStepView.currentText)
                    }
                }
            }
            Repeater {
                model: panel.info.steps || []
                Frame {
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    padding: 4
                    background: Rectangle {
                        color: panel.presenter.tour === panel.currentTour && panel.presenter.step === index ? "#dcebff" : "transparent"
                        border.color: "#c8ccd0"
                        radius: 4
                    }
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            Label { text: (index + 1) + "."; font.bold: true }
                            ComboBox {
                                Layout.fillWidth: true
                                model: panel.presenter.views
                                currentIndex: panel.presenter.views.indexOf(modelData.view)
                                onActivated: panel.presenter.setTourStep(panel.currentTour, index, { "view": currentText })
                            }
                            ToolButton { text: "↑"; enabled: index > 0; onClicked: panel.presenter.moveTourStep(panel.currentTour, index, index - 1) }
                            ToolButton {
                                text: "↓"
                                enabled: index < (panel.info.steps || []).length - 1
                                onClicked: panel.presenter.moveTourStep(panel.currentTour, index, index + 1)
                            }
                            ToolButton { text: "✕"; onClicked: panel.presenter.removeTourStep(panel.currentTour, index) }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            Label { text: qsTr("Seconds") }
                            SpinBox {
                                from: 1; to: 3600; editable: true
                                value: Math.round(modelData.duration)
                                onValueModified: panel.presenter.setTourStep(panel.currentTour, index, { "duration": value })
                            }
                            ComboBox {
                                Layout.fillWidth: true
                                readonly property var keys: ["flight", "cut", "crossfade"]
                                model: [qsTr("Flight"), qsTr("Cut"), qsTr("Cross-fade")]
                                currentIndex: Math.max(0, keys.indexOf(modelData.transition))
                                onActivated: panel.presenter.setTourStep(panel.currentTour, index, { "transition": keys[currentIndex] })
                            }
                            SpinBox {
                                from: 0; to: 600; editable: true
                                value: Math.round(modelData.transitionDuration * 10)
                                enabled: modelData.transition !== "cut"
                                textFromValue: (v) => (v / 10).toFixed(1)
                                valueFromText: (t) => Math.round(Number(t) * 10)
                                onValueModified: panel.presenter.setTourStep(panel.currentTour, index, { "transitionDuration": value / 10 })
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Transition (seconds)")
                            }
                        }
                        TextField {
                            Layout.fillWidth: true
                            placeholderText: qsTr("Caption (Chinese)")
                            text: modelData.caption ? modelData.caption.zh : ""
                            onEditingFinished: panel.presenter.setTourStep(panel.currentTour, index, { "captionZh": text })
                        }
                        TextField {
                            Layout.fillWidth: true
                            placeholderText: qsTr("Caption (English)")
                            text: modelData.caption ? modelData.caption.en : ""
                            onEditingFinished: panel.presenter.setTourStep(panel.currentTour, index, { "captionEn": text })
                        }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                enabled: panel.currentTour.length > 0
                Button {
                    objectName: "presenterPlay"
                    text: panel.presenter.playing && !panel.presenter.paused ? qsTr("Pause")
                          : panel.presenter.paused ? qsTr("Resume") : qsTr("Play")
                    onClicked: {
                        if (panel.presenter.tour === panel.currentTour && panel.presenter.playing)
                            panel.presenter.togglePause()
                        else
                            panel.presenter.playTour(panel.currentTour)
                    }
                }
                Button {
                    text: qsTr("Stop")
                    enabled: panel.presenter.tour.length > 0
                    onClicked: panel.presenter.stop()
                }
                CheckBox {
                    text: qsTr("Loop")
                    checked: panel.info.loop === true
                    onToggled: panel.presenter.setTourLoop(panel.currentTour, checked)
                }
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignRight
                    text: panel.presenter.tour.length > 0
                          ? qsTr("%1 / %2 s").arg(panel.presenter.tourTime.toFixed(1)).arg(panel.presenter.tourDuration(panel.presenter.tour).toFixed(0))
                          : qsTr("%1 s").arg(panel.currentTour.length > 0 ? panel.presenter.tourDuration(panel.currentTour).toFixed(0) : 0)
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: "#666"
                text: qsTr("While a tour is loaded: PageDown/Right next, PageUp/Left previous, B or . blank, F5 play/stop, Esc stop")
            }
        }
    }
}
