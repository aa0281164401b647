import QtQuick
import QtQuick.Controls

// presenter: the tour's caption in the interface language (lower third), the black of a
// cross-fade (liyuan.presenter.fade) and the blanked screen (B / .).
Item {
    id: overlay
    readonly property var presenter: liyuan.presenter

    // cross-fade: black over the view, as opaque as the tour's fade
    Rectangle {
        objectName: "presenterFade"
        anchors.fill: parent
        color: "black"
        opacity: overlay.presenter.blanked ? 1 : overlay.presenter.fade
        visible: opacity > 0
    }

    Rectangle {
        objectName: "presenterCaption"
        visible: overlay.presenter.caption.length > 0 && !overlay.presenter.blanked
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: parent.height / 8 }
        width: Math.min(parent.width * 0.8, caption.implicitWidth + 48)
        height: caption.implicitHeight + 24
        radius: 6
        color: "#b0000000"
        opacity: 1 - overlay.presenter.fade
        Label {
            id: caption
            anchors.centerIn: parent
            width: Math.min(implicitWidth, overlay.width * 0.8 - 48)
            text: overlay.presenter.caption
            color: "white"
            font.pixelSize: Math.max(18, overlay.height / 28)
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    // which step of how many, while a tour is loaded (not in a clean screenshot)
    Label {
        visible: overlay.presenter.tour.length > 0 && !overlay.presenter.blanked && !automated
        anchors { right: parent.right; bottom: parent.bottom; margins: 8 }
        text: qsTr("%1 — step %2 of %3%4").arg(overlay.presenter.tour).arg(overlay.presenter.step + 1)
              .arg(overlay.presenter.stepCount).arg(overlay.presenter.paused ? qsTr(" (paused)") : "")
        color: "white"
        style: Text.Outline
        styleColor: "black"
    }
}
