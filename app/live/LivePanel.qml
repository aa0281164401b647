import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Live data: the connection state (broker or the demo's recorded feed), last-message age,
// counters, and every active alarm (a click focuses the building and isolates the floor).
// "Connect…" opens the broker settings: URL, client id, TLS CA file, user and password (the
// password stays in memory: it is never written into the project).
Rectangle {
    id: root
    readonly property QtObject live: liyuan.live
    radius: 4
    color: "#f2ffffff"
    border.color: "#b0b8c0"
    implicitHeight: col.implicitHeight + 16

    ColumnLayout {
        id: col
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        RowLayout {
            Rectangle {
                width: 10; height: 10; radius: 5
                color: live.connectionState === "connected" || live.connectionState === "replay" ? "#2f9e44"
                     : live.connectionState === "off" ? "#adb5bd" : "#f59f00"
            }
            Label {
                text: live.connectionText
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            ToolButton { text: qsTr("Connect…"); onClicked: connectDialog.open() }
        }
        Label {
            text: qsTr("%1 messages · %2 rejected · last %3").arg(live.messagesApplied).arg(live.messagesRejected)
                  .arg(live.lastMessageAge < 0 ? "—" : Math.round(live.lastMessageAge) + " s")
            font.pixelSize: 10
            color: "#555"
        }
        Label {
            visible: live.alarms.length > 0
            text: qsTr("Alarms (%1)").arg(live.alarms.length)
            font.bold: true
            color: "#c92a2a"
            SequentialAnimation on opacity {
                running: live.alarms.length > 0
                loops: Animation.Infinite
                NumberAnimation { to: 0.35; duration: 600 }
                NumberAnimation { to: 1.0; duration: 600 }
            }
        }
        Repeater {
            model: live.alarms
            ItemDelegate {
                required property var modelData
                Layout.fillWidth: true
                height: 20
                text: "⚠ " + modelData.buildingId + " " + modelData.floor + "F · " + modelData.deviceId + " "
                      + Number(modelData.value).toFixed(1) + (modelData.unit ? " " + modelData.unit : "")
                font.pixelSize: 11
                onClicked: {
                    liyuan.drill.focus(modelData.buildingId)
                    liyuan.drill.isolate(modelData.floor)
                }
            }
        }
    }

    Dialog {
        id: connectDialog
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Live data (MQTT)")
        standardButtons: Dialog.Ok | Dialog.Cancel
        GridLayout {
            columns: 2
            Label { text: qsTr("Broker URL") }
            TextField { id: url; text: live.brokerUrl || "tcp://localhost:1883"; Layout.preferredWidth: 280 }
            Label { text: qsTr("Client id") }
            TextField { id: clientId; placeholderText: qsTr("(random)") }
            Label { text: qsTr("User") }
            TextField { id: user }
            Label { text: qsTr("Password") }
            TextField { id: password; echoMode: TextInput.Password; placeholderText: qsTr("kept in memory only") }
            Label { text: qsTr("CA file (TLS)") }
            RowLayout {
                TextField { id: ca; Layout.fillWidth: true; placeholderText: qsTr("system trust store") }
                Button { text: "…"; onClicked: caDialog.open() }
            }
        }
        onAccepted: liyuan.live.connectTo(url.text, clientId.text, user.text, password.text, ca.text)
        FileDialog {
            id: caDialog
            nameFilters: [qsTr("PEM certificates (*.pem *.crt)"), qsTr("All files (*)")]
            onAccepted: ca.text = selectedFile.toString().replace("file://", "")
        }
    }
}
