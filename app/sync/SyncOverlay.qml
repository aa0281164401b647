import QtQuick

// sync: a follower's banner when its leader is gone (the last picture stays) or not yet seen
Rectangle {
    id: banner
    property var sync: null
    visible: sync !== null && sync.role === "follower" && sync.status !== "following"
    anchors.top: parent.top
    anchors.horizontalCenter: parent.horizontalCenter
    anchors.topMargin: 24
    width: label.implicitWidth + 40
    height: label.implicitHeight + 20
    radius: 6
    color: "#cc1b1b1b"
    border.color: sync !== null && sync.status === "lost" ? "#e0a030" : "#808080"
    Text {
        id: label
        anchors.centerIn: parent
        color: "white"
        font.pixelSize: 20
        text: banner.sync !== null && banner.sync.status === "lost"
              ? qsTr("Leader lost — showing the last picture")
              : qsTr("Waiting for the leader…")
    }
}
