import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The attribute table of a vector layer: a search field, a sortable header (click a column
// to sort, again to reverse) and the rows of a FeatureTableProxy. Clicking a row selects
// its feature; selectFid() selects a feature picked elsewhere (the view scrolls to it).
Pane {
    id: root

    /** A FeatureTableProxy (over a FeatureTableModel). */
    property var proxy
    /** The selected feature's id (undefined when none). */
    property var selectedFid

    signal featureSelected(var fid)

    padding: 6

    /** Selects a feature (from the map, the layer list, …) and scrolls its row into view. */
    function selectFid(fid) {
        selectedFid = fid
        if (!proxy)
            return
        var row = proxy.proxyRowOfFid(fid)
        if (row >= 0)
            table.positionViewAtRow(row, TableView.Contain)
    }

    // the search set elsewhere (a saved project, …) shows in the field
    Connections {
        target: root.proxy
        ignoreUnknownSignals: true
        function onSearchChanged() {
            if (!searchTimer.running && searchField.text !== root.proxy.search)
                searchField.text = root.proxy.search
        }
    }

    onProxyChanged: {
        searchField.text = proxy ? proxy.search : ""
        selectedFid = undefined
    }

    FontMetrics {
        id: metrics
        font: searchField.font
    }
    /** One height for every row, whatever script it holds. */
    readonly property real rowHeight: Math.ceil(metrics.height * 1.25) + 8

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: searchField
                Layout.fillWidth: true
                placeholderText: qsTr("Search all columns…")
                selectByMouse: true
                onTextChanged: searchTimer.restart()
                onAccepted: {
                    searchTimer.stop()
                    if (root.proxy)
                        root.proxy.search = text
                }
            }
            ToolButton {
                text: "✕"
                visible: searchField.text.length > 0
                onClicked: searchField.clear()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Clear the search")
            }
            Label {
                text: !root.proxy ? ""
                      : root.proxy.count === root.proxy.totalCount
                        ? qsTr("%n feature(s)", "", root.proxy.totalCount)
                        : qsTr("%1 of %2").arg(root.proxy.count).arg(root.proxy.totalCount)
                color: root.palette.placeholderText
            }
        }

        Timer {
            id: searchTimer
            interval: 200
            onTriggered: if (root.proxy) root.proxy.search = searchField.text
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            HorizontalHeaderView {
                id: header
                syncView: table
                Layout.fillWidth: true
                clip: true
                delegate: Rectangle {
                    implicitWidth: 80
                    implicitHeight: headerText.implicitHeight + 10
                    color: headerTap.pressed ? "#dbe3ee" : "#eef2f6"
                    border.color: "#cfd6df"
                    Text {
                        id: headerText
                        anchors.fill: parent
                        anchors.leftMargin: 6
                        anchors.rightMargin: 6
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: root.proxy && root.proxy.isNumericColumn(column)
                                             ? Text.AlignRight : Text.AlignLeft
                        elide: Text.ElideRight
                        font.bold: true
                        text: display + (root.proxy && root.proxy.sortColumn === column
                                         ? (root.proxy.sortOrder === Qt.AscendingOrder ? " ▲" : " ▼") : "")
                    }
                    TapHandler {
                        id: headerTap
                        onTapped: if (root.proxy) root.proxy.toggleSort(column)
                    }
                    HoverHandler {
                        cursorShape: Qt.PointingHandCursor
                    }
                    ToolTip.visible: headerHover.hovered
                    ToolTip.delay: 500
                    ToolTip.text: qsTr("Sort by %1").arg(display)
                    HoverHandler {
                        id: headerHover
                    }
                }
            }

            TableView {
                id: table
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: root.proxy
                boundsBehavior: Flickable.StopAtBounds
                columnSpacing: 0
                rowSpacing: 0
                columnWidthProvider: function (column) {
                    if (!root.proxy)
                        return 80
                    // the model counts CJK characters double
                    var chars = root.proxy.columnCharWidth(column)
                    return Math.max(56, Math.min(360, chars * metrics.advanceWidth("0") * 1.1 + 18))
                }
                ScrollBar.vertical: ScrollBar {}
                ScrollBar.horizontal: ScrollBar {}

                // roles: display (text), value (raw), featureId, numeric; context: row, column
                delegate: Rectangle {
                    implicitHeight: root.rowHeight
                    readonly property bool selected: root.selectedFid !== undefined
                                                     && featureId === root.selectedFid
                    color: selected ? root.palette.highlight : (row % 2 ? "#f6f8fa" : "#ffffff")
                    Text {
                        id: cellText
                        anchors.fill: parent
                        anchors.leftMargin: 6
                        anchors.rightMargin: 6
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: numeric ? Text.AlignRight : Text.AlignLeft
                        elide: Text.ElideRight
                        text: display
                        color: parent.selected ? root.palette.highlightedText : "#1b1f24"
                    }
                    TapHandler {
                        onTapped: {
                            root.selectedFid = featureId
                            root.featureSelected(featureId)
                        }
                    }
                }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: !root.proxy || root.proxy.count === 0
        text: !root.proxy || root.proxy.totalCount === 0
              ? qsTr("No features")
              : qsTr("No feature matches “%1”").arg(root.proxy.search)
        color: root.palette.placeholderText
    }
}
