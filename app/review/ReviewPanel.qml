import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

// Review tools: measure distance, area and height above the ground, sightlines, the
// height-limit check of the protection zones; the results, Clear and export (CSV, GeoJSON).
// While a tool is on, a left click in the view picks its points (Main.qml's MouseArea);
// double-click or Finish closes an area, Esc cancels.
Rectangle {
    id: root
    readonly property QtObject review: liyuan.review
    property bool expanded: false
    width: 340
    height: expanded ? Math.min(column.implicitHeight + 16, parent ? parent.height * 0.6 : 600) : header.implicitHeight + 12
    radius: 6
    color: "#f2ffffff"
    border.color: "#b0b8c0"
    clip: true

    function toolHint() {
        switch (review.tool) {
        case "distance": return qsTr("Click two points")
        case "area": return qsTr("Click the corners; double-click or Finish closes the area")
        case "height": return qsTr("Click a point: its height above the ground")
        case "sightline": return qsTr("Click the viewpoint, then the target (eye height %1 m)").arg(review.eyeHeight.toFixed(1))
        }
        return ""
    }

    FileDialog {
        id: csvDialog
        title: qsTr("Export review results as CSV")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)")]
        onAccepted: review.exportCsv(selectedFile.toString())
    }
    FileDialog {
        id: geoJsonDialog
        title: qsTr("Export review results as GeoJSON")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "geojson"
        nameFilters: [qsTr("GeoJSON files (*.geojson *.json)")]
        onAccepted: review.exportGeoJson(selectedFile.toString(), projectedBox.checked)
    }

    ColumnLayout {
        id: column
        anchors { fill: parent; margins: 8 }
        spacing: 4

        RowLayout {
            id: header
            Layout.fillWidth: true
            Label { text: qsTr("Review"); font.bold: true; Layout.fillWidth: true }
            Label {
                visible: review.violationCount > 0
                text: qsTr("%n over the height limit", "", review.violationCount)
                color: "#c92a2a"
            }
            ToolButton {
                text: root.expanded ? "▾" : "▸"
                onClicked: root.expanded = !root.expanded
            }
        }

        Flow {
            visible: root.expanded
            Layout.fillWidth: true
            spacing: 4
            Repeater {
                model: [
                    { tool: "distance", label: qsTr("Distance") },
                    { tool: "area", label: qsTr("Area") },
                    { tool: "height", label: qsTr("Height") },
                    { tool: "sightline", label: qsTr("Sightline") }
                ]
                delegate: Button {
                    required property var modelData
                    text: modelData.label
                    checkable: true
                    checked: review.tool === modelData.tool
                    onClicked: review.tool = checked ? modelData.tool : ""
                }
            }
            Button {
                text: qsTr("Height-limit check")
                onClicked: review.runHeightCheck()
            }
        }
        RowLayout {
            visible: root.expanded && review.tool !== ""
            Layout.fillWidth: true
            Label {
                text: root.toolHint()
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                color: "#495057"
            }
            Button {
                visible: review.tool === "area"
                enabled: review.pendingPoints >= 3
                text: qsTr("Finish")
                onClicked: review.finish()
            }
            Button {
                visible: review.pendingPoints > 0
                text: qsTr("Cancel")
                onClicked: review.cancel()
            }
        }
        RowLayout {
            visible: root.expanded && review.tool === "sightline"
            Label { text: qsTr("Eye height (m)") }
            SpinBox {
                from: 0; to: 1000; stepSize: 1
                value: Math.round(review.eyeHeight * 10)
                property int decimals: 1
                validator: DoubleValidator { bottom: 0; top: 100 }
                textFromValue: (v) => (v / 10).toFixed(1)
                valueFromText: (t) => Math.round(parseFloat(t) * 10)
                onValueModified: review.eyeHeight = value / 10
            }
        }

        Label {
            visible: root.expanded && review.results.length > 0
            text: qsTr("Measurements and sightlines")
            font.bold: true
        }
        ListView {
            visible: root.expanded && review.results.length > 0
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 160)
            clip: true
            model: review.results
            delegate: RowLayout {
                required property var modelData
                width: ListView.view.width
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: "<b>" + modelData.label + "</b> " + modelData.text
                    color: modelData.valid ? "#212529" : "#c92a2a"
                }
                ToolButton { text: "✕"; onClicked: review.removeResult(modelData.index) }
            }
        }

        Label {
            visible: root.expanded && (review.heightChecks.length > 0 || review.heightCheckMessage.length > 0)
            text: qsTr("Height limits: %1 zones, %2 buildings").arg(review.zoneCount).arg(review.candidateCount)
            font.bold: true
        }
        CheckBox {
            visible: root.expanded && review.zoneCount > 0
            text: qsTr("A building counts in every zone it overlaps (default: the zone of its centre)")
            checked: review.zoneRule === "overlap"
            onToggled: review.zoneRule = checked ? "overlap" : "centroid"
        }
        Label {
            visible: root.expanded && review.heightCheckMessage.length > 0
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: review.heightCheckMessage
            color: "#868e96"
        }
        ListView {
            visible: root.expanded && review.heightChecks.length > 0
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 160)
            clip: true
            model: review.heightChecks
            delegate: Label {
                required property var modelData
                width: ListView.view.width
                wrapMode: Text.WordWrap
                color: modelData.violation ? "#c92a2a" : "#2b8a3e"
                text: !modelData.inZone
                      ? qsTr("%1: in no zone · %2 m").arg(modelData.name).arg(modelData.height.toFixed(1))
                      : modelData.violation
                        ? qsTr("%1: %2 m, %3 m over the %4 m limit of %5").arg(modelData.name)
                              .arg(modelData.height.toFixed(1)).arg(modelData.excess.toFixed(1))
                              .arg(modelData.limit.toFixed(1)).arg(modelData.zone)
                        : qsTr("%1: %2 m within the %3 m limit").arg(modelData.name)
                              .arg(modelData.height.toFixed(1)).arg(modelData.limit.toFixed(1))
            }
        }

        RowLayout {
            visible: root.expanded
            Layout.fillWidth: true
            Button { text: qsTr("Clear"); onClicked: review.clear() }
            Button { text: qsTr("Export CSV…"); onClicked: csvDialog.open() }
            Button { text: qsTr("Export GeoJSON…"); onClicked: geoJsonDialog.open() }
        }
        CheckBox {
            id: projectedBox
            visible: root.expanded
            text: qsTr("GeoJSON in the projected CRS (default WGS84)")
        }
        Label {
            visible: root.expanded && review.status.length > 0
            Layout.fillWidth: true
            wrapMode: Text.WrapAnywhere
            text: review.status
            color: "#495057"
            font.pixelSize: 11
        }
    }
}
