import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ToolBar {
    id: bar
    property string cursorText: ""
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 16
        Label {
            text: qsTr("Tiles drawn %1 · loading %2 · cached %3").arg(liyuan.tilesDrawn)
                  .arg(liyuan.tilesLoading).arg(liyuan.tilesCached)
        }
        Label {
            text: qsTr("Cache %1 / %2 MB").arg(liyuan.cacheMB.toFixed(0)).arg(liyuan.cacheBudgetMB.toFixed(0))
        }
        Label {
            text: qsTr("%1 ms/frame").arg(liyuan.frameMs.toFixed(1))
        }
        Label {
            visible: liyuan.tilesFailed > 0
            color: "#b00020"
            text: qsTr("%n tile(s) failed", "", liyuan.tilesFailed)
        }
        Label {
            // live data: connection state and active alarms
            visible: liyuan.live.connectionState !== "off"
            color: liyuan.live.alarms.length > 0 ? "#c92a2a"
                 : (liyuan.live.connectionState === "connected" || liyuan.live.connectionState === "replay") ? "#2b8a3e" : "#e67700"
            text: liyuan.live.alarms.length > 0
                  ? qsTr("%1 · %n alarm(s)", "", liyuan.live.alarms.length).arg(liyuan.live.connectionText)
                  : liyuan.live.connectionText
        }
        Item { Layout.fillWidth: true }
        Label {
            text: bar.cursorText
            font.family: "monospace"
        }
    }
}
