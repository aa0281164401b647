import QtQuick
import QtQuick.Controls

// Points of interest drawn over the View3D: one icon per PointOverlayModel row, at the
// row's window position (the model projects and clusters every frame), label to the right
// with a halo. Clusters are bigger circles showing their count. Put it above the navigation
// MouseArea (same size): taps on icons emit poiClicked/clusterClicked while every press,
// drag and wheel still reaches the navigation underneath.
Item {
    id: root

    /** A PointOverlayModel. */
    property var model
    /** Sets the model's label language when not empty ("zh_CN" or "en"). */
    property string labelLanguage
    property bool showLabels: true
    property color labelColor: "#1b1f24"
    property color haloColor: "#f4ffffff"
    property color clusterColor: "#2f5fd0"

    signal poiClicked(string layerId, var fid)
    signal clusterClicked(int row)

    readonly property real iconRadius: model ? model.iconRadius : 12
    readonly property real clusterRadius: model ? model.clusterRadius : 18

    onLabelLanguageChanged: applyLanguage()
    onModelChanged: applyLanguage()
    function applyLanguage() {
        if (model && labelLanguage.length > 0)
            model.labelLanguage = labelLanguage
    }

    readonly property var categoryPalette: ["#d9480f", "#1971c2", "#2b8a3e", "#ae3ec9", "#e67700",
                                     "#0c8599", "#c2255c", "#5f3dc4", "#5c940d", "#862e9c"]
    /** A stable colour per category (a hash of its text). */
    function categoryColor(category) {
        if (!category || category.length === 0)
            return "#495057"
        var h = 0
        for (var i = 0; i < category.length; ++i)
            h = (h * 31 + category.charCodeAt(i)) % 1000003
        return categoryPalette[h % categoryPalette.length]
    }
    /** The category's first character (a letter or a Han character), else a dot. */
    function glyph(category) {
        if (!category || category.length === 0)
            return "•"
        var c = category.codePointAt(0)
        return String.fromCodePoint(c).toUpperCase()
    }

    /** The POI or cluster under a point of this item ({} when none). */
    function itemAt(x, y) {
        return model ? model.itemAt(x, y) : ({})
    }
    /** Emits poiClicked or clusterClicked for what is under (x, y); false when nothing is. */
    function tapAt(x, y) {
        var hit = itemAt(x, y)
        if (hit.row === undefined)
            return false
        if (hit.count > 1)
            clusterClicked(hit.row)
        else
            poiClicked(hit.layerId, hit.fid)
        return true
    }

    // Taps are watched, not taken: a PointHandler only lurks (passive grab, the press is not
    // accepted), so a press on an icon still reaches the navigation underneath and a drag
    // that starts on an icon pans as usual. A release within the drag distance is a tap.
    // (A TapHandler or MouseArea on the icons would swallow the press in Qt 6.4.)
    PointHandler {
        id: tapWatcher
        acceptedButtons: Qt.LeftButton
        property point pressPosition
        property bool moved: false
        property bool canceled: false
        onActiveChanged: {
            if (active) {
                pressPosition = point.position
                moved = false
                canceled = false
            } else if (!moved && !canceled) {
                root.tapAt(pressPosition.x, pressPosition.y)
            }
        }
        onPointChanged: {
            if (active && !moved
                    && Math.abs(point.position.x - pressPosition.x) + Math.abs(point.position.y - pressPosition.y)
                       > Qt.styleHints.startDragDistance)
                moved = true
        }
        onGrabChanged: (transition, eventPoint) => {
            if (transition === PointerDevice.CancelGrabPassive || transition === PointerDevice.CancelGrabExclusive)
                canceled = true
        }
    }

    Repeater {
        model: root.model

        // roles: x, y (window pixels), label, count, layerId, fid, category, photo, depth
        delegate: Item {
            id: poi
            x: model.x
            y: model.y
            z: -model.depth  // nearer on top
            readonly property bool isCluster: model.count > 1
            readonly property real r: isCluster ? root.clusterRadius : root.iconRadius
            readonly property string categoryText: model.category
            readonly property string photoUrl: model.photo

            // clusters: a soft ring behind the disc
            Rectangle {
                visible: poi.isCluster
                width: 2 * poi.r + 10
                height: width
                radius: width / 2
                x: -width / 2
                y: -height / 2
                color: root.clusterColor
                opacity: 0.3
            }

            Rectangle {
                id: disc
                width: 2 * poi.r
                height: width
                radius: poi.r
                x: -poi.r
                y: -poi.r
                color: poi.isCluster ? root.clusterColor : root.categoryColor(poi.categoryText)
                border.color: "white"
                border.width: 2
                antialiasing: true
                scale: hover.hovered ? 1.15 : 1.0
                Behavior on scale { NumberAnimation { duration: 80 } }

                Text {
                    anchors.centerIn: parent
                    text: poi.isCluster ? (model.count > 999 ? "999+" : String(model.count))
                                        : root.glyph(poi.categoryText)
                    color: "white"
                    font.bold: true
                    font.pixelSize: poi.isCluster ? (model.count > 99 ? 11 : 13) : 12
                }

                HoverHandler {
                    id: hover
                    cursorShape: Qt.PointingHandCursor
                }

                ToolTip.visible: hover.hovered && (poi.isCluster || poi.photoUrl.length > 0)
                ToolTip.delay: 300
                ToolTip.text: poi.isCluster ? qsTr("%n place(s) — click to zoom in", "", model.count) : model.label
            }

            Text {
                id: label
                visible: root.showLabels && !poi.isCluster && text.length > 0 && (model.showLabel || hover.hovered)
                x: poi.r + 3
                y: -height / 2
                text: model.label
                color: root.labelColor
                style: Text.Outline
                styleColor: root.haloColor
                font.pixelSize: 13
                font.bold: hover.hovered
                maximumLineCount: 1
                elide: Text.ElideRight
                width: Math.min(implicitWidth, 220)
            }

            // photo preview while hovering a POI that has one
            Rectangle {
                visible: hover.hovered && poi.photoUrl.length > 0 && !poi.isCluster
                         && photo.status === Image.Ready
                x: poi.r + 3
                y: label.visible ? label.height / 2 + 2 : poi.r + 2
                width: photo.paintedWidth + 6
                height: photo.paintedHeight + 6
                color: "white"
                border.color: "#9aa5b1"
                radius: 3
                Image {
                    id: photo
                    anchors.centerIn: parent
                    width: 160
                    height: 120
                    fillMode: Image.PreserveAspectFit
                    asynchronous: true
                    sourceSize.width: 320
                    source: hover.hovered && !poi.isCluster ? poi.photoUrl : ""
                }
            }
        }
    }
}
