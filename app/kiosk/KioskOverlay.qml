import QtQuick
import QtQuick.Controls

// kiosk: what the wall shows over the scene in --kiosk mode — logo, clock and messages that fade
// out (errors never open a dialog). The tour's caption and the blank screen are the presenter's
// CaptionOverlay. Mouse and keys pass through.
Item {
    id: overlay
    anchors.fill: parent
    property var kioskController: null

    Text {
        id: logo
        visible: !liyuan.presenter.blanked
        anchors { left: parent.left; top: parent.top; margins: 24 }
        text: qsTr("Liyuan")
        color: "white"
        opacity: 0.8
        font.pixelSize: 28
        font.bold: true
        style: Text.Outline
        styleColor: "#80000000"
    }

    Text {
        id: clock
        visible: !liyuan.presenter.blanked
        anchors { right: parent.right; top: parent.top; margins: 24 }
        color: "white"
        opacity: 0.8
        font.pixelSize: 28
        style: Text.Outline
        styleColor: "#80000000"
        function tick() { text = Qt.formatDateTime(new Date(), "yyyy-MM-dd  hh:mm") }
        Component.onCompleted: tick()
        Timer { interval: 1000; running: true; repeat: true; onTriggered: clock.tick() }
    }

    Column {
        anchors { left: parent.left; bottom: parent.bottom; margins: 24 }
        spacing: 8
        Repeater {
            model: overlay.kioskController ? overlay.kioskController.messages : []
            delegate: Rectangle {
                required property string modelData
                width: Math.min(overlay.width * 0.5, msg.implicitWidth + 24)
                height: msg.implicitHeight + 12
                radius: 4
                color: "#c0402020"
                opacity: 0
                Component.onCompleted: opacity = 0.9
                Behavior on opacity { NumberAnimation { duration: 600 } }
                Text {
                    id: msg
                    anchors.centerIn: parent
                    width: Math.min(implicitWidth, overlay.width * 0.5 - 24)
                    wrapMode: Text.Wrap
                    color: "white"
                    font.pixelSize: 16
                    text: modelData
                }
            }
        }
    }
}
