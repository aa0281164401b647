import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The isolated floor of the drill-down: its devices with live state (a click flies to the
// device), current power and water with a 24-hour chart, tenants, and the floor's alarms.
// Refreshed from liyuan.live.revision (throttled in C++).
Rectangle {
    id: root
    readonly property QtObject drill: liyuan.drill
    readonly property QtObject live: liyuan.live
    readonly property int rev: live ? live.revision : 0
    readonly property var summary: (rev >= 0 && drill.state === 3 && live) ? live.floorSummary(drill.buildingId, drill.floor) : ({})
    readonly property var devices: (rev >= 0 && drill.state === 3 && live) ? live.devicesOnFloor(drill.buildingId, drill.floor) : []

    visible: drill.state === 3
    radius: 4
    color: "#f2ffffff"
    border.color: "#b0b8c0"

    function fmt(v, unit, digits) {
        return (v === undefined || v === null || isNaN(v)) ? "—" : Number(v).toFixed(digits) + " " + unit
    }
    function stateColor(s) {
        return s === "alarm" ? "#e03131" : s === "warn" ? "#f59f00" : s === "normal" ? "#2f9e44"
             : s === "stale" ? "#868e96" : "#ced4da"
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6
        Label {
            text: drill.buildingName + " · " + drill.floorName
            font.bold: true
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        GridLayout {
            columns: 2
            Layout.fillWidth: true
            Label { text: qsTr("Power"); color: "#555" }
            Label { text: fmt(summary.power, "kW", 1); font.bold: true }
            Label { text: qsTr("Water"); color: "#555" }
            Label { text: fmt(summary.water, "m³/h", 2); font.bold: true }
        }
        // 24-hour chart of the floor's power (orange) and water (blue), 15-minute buckets
        Canvas {
            id: chart
            Layout.fillWidth: true
            Layout.preferredHeight: 90
            property var power: summary.powerSeries || []
            property var water: summary.waterSeries || []
            onPowerChanged: requestPaint()
            onWaterChanged: requestPaint()
            onPaint: {
                const ctx = getContext("2d")
                ctx.reset()
                ctx.fillStyle = "#f8f9fa"
                ctx.fillRect(0, 0, width, height)
                function series(values, colour) {
                    let max = 0
                    for (let v of values) if (v !== null && v > max) max = v
                    if (max <= 0) return
                    ctx.strokeStyle = colour
                    ctx.lineWidth = 1.5
                    ctx.beginPath()
                    let started = false
                    for (let i = 0; i < values.length; ++i) {
                        const v = values[i]
                        if (v === null) { started = false; continue }
                        const x = i / Math.max(1, values.length - 1) * (width - 4) + 2
                        const y = height - 4 - v / max * (height - 10)
                        if (!started) { ctx.moveTo(x, y); started = true } else ctx.lineTo(x, y)
                    }
                    ctx.stroke()
                }
                series(power, "#f08c00")
                series(water, "#1c7ed6")
            }
            Label {
                anchors { left: parent.left; bottom: parent.bottom; margins: 2 }
                text: qsTr("24 h · power / water")
                font.pixelSize: 9
                color: "#667"
            }
        }
        Label { text: qsTr("Devices (%1)").arg(devices.length); font.bold: true }
        ListView {
            id: deviceList
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 80
            clip: true
            model: devices
            delegate: ItemDelegate {
                required property var modelData
                width: deviceList.width
                height: 22
                onClicked: liyuan.flyToDevice(modelData.id)
                contentItem: RowLayout {
                    spacing: 6
                    Rectangle { width: 10; height: 10; radius: 5; color: stateColor(modelData.state) }
                    Label {
                        text: modelData.id + " · " + modelData.type
                        font.pixelSize: 11
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        opacity: modelData.state === "stale" ? 0.5 : 1
                    }
                    Label {
                        text: modelData.value === null || modelData.value === undefined
                              ? (modelData.text || "—") : Number(modelData.value).toFixed(1) + " " + (modelData.unit || "")
                        font.pixelSize: 11
                    }
                    Label {
                        text: modelData.ageSeconds < 0 ? "" : Math.round(modelData.ageSeconds) + " s"
                        font.pixelSize: 10
                        color: modelData.state === "stale" ? "#c92a2a" : "#868e96"
                    }
                }
            }
            ScrollBar.vertical: ScrollBar {}
        }
        Label { text: qsTr("Tenants"); font.bold: true; visible: (summary.tenants || []).length > 0 }
        Repeater {
            model: summary.tenants || []
            Label {
                required property var modelData
                text: modelData.company + " · " + modelData.industry + " · " + Math.round(modelData.area) + " m²"
                font.pixelSize: 11
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Label { text: qsTr("Alarms"); font.bold: true; color: "#c92a2a"; visible: (summary.alarms || []).length > 0 }
        Repeater {
            model: summary.alarms || []
            Label {
                required property var modelData
                text: "⚠ " + modelData.deviceId + ": " + Number(modelData.value).toFixed(1) + " ≥ " + Number(modelData.threshold).toFixed(1)
                color: "#c92a2a"
                font.pixelSize: 11
            }
        }
    }
}
