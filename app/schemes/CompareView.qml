import QtQuick
import QtQuick.Controls
import QtQuick3D

// The second view of a scheme comparison (liyuan.schemes.compareMode):
//  split — beside the main view, same size, its camera locked to the main one (both bind
//          liyuan.camera), navigation in it moves both;
//  swipe — over the main view, drawn right of a draggable vertical slider.
// It shows the compared scheme's models (and nothing of the other schemes) and flattens /
// clips the photogrammetry with that scheme's areas (SceneClipping slot 1). Only created
// while comparing (a Loader), so a plain session pays nothing for it.
Item {
    id: root
    property Item mainView
    readonly property var schemes: liyuan.schemes
    readonly property string mode: schemes.compareMode
    readonly property var cam: liyuan.camera
    readonly property bool split: mode === "split"
    readonly property int cut: mode === "swipe" ? Math.round(schemes.swipePosition * width) : 0

    visible: mode !== "off"
    x: mainView.x + (split ? mainView.width : 0)
    y: mainView.y
    width: mainView.width
    height: mainView.height

    function schemeName(index) {
        return index >= 0 && index < schemes.count ? schemes.schemes[index].name : qsTr("Today (no scheme)")
    }

    Loader {
        id: loader
        anchors.fill: parent
        anchors.leftMargin: root.cut
        active: root.mode !== "off"
        clip: true
        enabled: false // events go through to the main view's navigation (swipe) or the area below (split)
        // the Loader resizes its item to itself; the view sits inside it (split: as wide as the
        // main view; swipe: as wide as the part right of the slider)
        sourceComponent: Item {
          View3D {
            id: view2
            // swipe: only the part right of the slider is rendered, through an off-centre
            // frustum cut from the main view's (so its pixels line up with the main view's)
            width: root.width - root.cut
            height: root.height
            visible: width > 0
            renderMode: View3D.Offscreen
            camera: root.split ? camera2 : swipeCamera
            environment: SceneEnvironment {
                backgroundMode: SceneEnvironment.Color
                clearColor: "#9db8d2"
                antialiasingMode: SceneEnvironment.NoAA
                // offscreen: translucent layers leave alpha < 1 in the texture; composite it opaque
                effects: Effect {
                    passes: Pass {
                        shaders: Shader { stage: Shader.Fragment; shader: "shaders/opaque.frag" }
                    }
                }
            }
            Node {
                eulerRotation.x: -90
                PerspectiveCamera {
                    id: camera2
                    position: root.cam.position
                    rotation: root.cam.rotation
                    fieldOfView: root.cam.fieldOfView
                    fieldOfViewOrientation: PerspectiveCamera.Vertical
                    clipNear: root.cam.clipNear
                    clipFar: root.cam.clipFar
                }
                // The main view's perspective projection (vertical field of view, aspect of the
                // whole view) restricted to x in [cut, width]: NDC x' = (x - c) / s with
                // s = (1 - x0) / 2, c = (1 + x0) / 2 and x0 = -1 + 2 cut / width.
                CustomCamera {
                    id: swipeCamera
                    position: root.cam.position
                    rotation: root.cam.rotation
                    projection: {
                        const w = Math.max(1, root.width), h = Math.max(1, root.height)
                        const x0 = -1 + 2 * Math.min(root.cut, w - 1) / w
                        // (re-evaluated when the field of view or the clip planes change)
                        void root.cam.fieldOfView, void root.cam.clipNear, void root.cam.clipFar
                        return root.cam.projectionFor(x0, 1, -1, 1, w / h)
                    }
                }
                // ahead of the Repeater3D: outlives the materials (see TileMaterial.qml)
                Texture {
                    id: polygonTexture2
                    textureData: liyuan.clipping.polygonData
                    // Qt 6.4: a destroyed Texture stays connected to its TextureData; the data outlives it
                    // here (shared with another view or tile), and its next update would call the dead Texture
                    Component.onDestruction: textureData = null
                    minFilter: Texture.Nearest
                    magFilter: Texture.Nearest
                    mipFilter: Texture.None
                    generateMipmaps: false
                }
                InstanceList { id: parkedTiles } // no instances: a parked tile draws nothing
                Repeater3D {
                    model: liyuan.tiles
                    delegate: Model {
                        required property QtObject drawable
                        geometry: drawable.geometry
                        position: drawable.position
                        rotation: drawable.rotation
                        scale: drawable.scale
                        // a tile not drawn now stays parked (no instances), as in Main.qml: its GPU copies stay
                        instancing: drawable.shown ? null : parkedTiles
                        visible: (drawable.shown || drawable.parked) && root.schemes.showsDataset(drawable.dataset, 1, root.schemes.revision)
                        property Texture tex: Texture {
                            textureData: drawable.texture
                            source: drawable.textureSource // texmem: block-compressed (KTX)
                            // Qt 6.4: a destroyed Texture stays connected to its TextureData; the data outlives it
                            // here (shared with another view or tile), and its next update would call the dead Texture
                            Component.onDestruction: textureData = null
                            generateMipmaps: liyuan.mipmaps
                            mipFilter: liyuan.mipmaps ? Texture.Linear : Texture.None
                        }
                        materials: TileMaterial {
                            mapTexture: tex
                            polyTexture: polygonTexture2
                            hasMap: drawable.hasTexture
                            vertexColors: drawable.hasVertexColors
                            baseColor: Qt.vector4d(drawable.baseColor.r, drawable.baseColor.g,
                                                   drawable.baseColor.b, drawable.baseColor.a)
                            surface: drawable // lit, metallic, roughness, emissive
                            layerOpacity: drawable.opacity
                            schemeTarget: root.schemes.isAreaTarget(drawable.dataset)
                            schemeSlot: 1
                            hideTarget: false
                            focusTarget: false
                        }
                    }
                }
            }
          }
        }
    }

    // split: navigation in the second view moves the shared camera (same size as the main
    // view, so its pixels mean the same to the camera's picking)
    MouseArea {
        id: nav
        objectName: "compareViewArea"
        anchors.fill: parent
        enabled: root.split
        acceptedButtons: Qt.LeftButton | Qt.RightButton | Qt.MiddleButton
        property real lastX: 0
        property real lastY: 0
        property int dragMode: 0 // 1 pan, 2 orbit, 3 tilt
        property bool moved: false
        onPressed: (ev) => {
            lastX = ev.x; lastY = ev.y
            moved = false
            root.cam.beginDrag(ev.x, ev.y)
            if (ev.button === Qt.RightButton || (ev.button === Qt.LeftButton && (ev.modifiers & Qt.ControlModifier)))
                dragMode = 2
            else if (ev.button === Qt.MiddleButton)
                dragMode = 3
            else
                dragMode = 1
        }
        onPositionChanged: (ev) => {
            if (Math.abs(ev.x - lastX) + Math.abs(ev.y - lastY) > 0)
                moved = true
            if (dragMode === 1)
                root.cam.panTo(ev.x, ev.y)
            else if (dragMode === 2)
                root.cam.orbitBy(ev.x - lastX, ev.y - lastY)
            else if (dragMode === 3)
                root.cam.tiltBy(ev.y - lastY)
            lastX = ev.x; lastY = ev.y
        }
        onReleased: (ev) => {
            // a click picks what this view shows (the compared scheme's models, not the main one's)
            if (!moved && ev.button === Qt.LeftButton)
                liyuan.selection.pickAt(ev.x, ev.y, 1)
            dragMode = 0
        }
        onWheel: (ev) => root.cam.zoomAt(ev.x, ev.y, ev.angleDelta.y / 120)
        onDoubleClicked: (ev) => {
            var p = root.cam.pickPoint(ev.x, ev.y)
            var d = Math.sqrt(Math.pow(p.x - root.cam.position.x, 2) + Math.pow(p.y - root.cam.position.y, 2)
                              + Math.pow(p.z - root.cam.position.z, 2))
            root.cam.flyToPoint(p, d * 0.4)
        }
    }

    // split: a divider; swipe: the slider
    Rectangle {
        visible: root.split
        x: -1; width: 2; height: parent.height
        color: "#ffffff"
    }
    Rectangle {
        id: slider
        visible: root.mode === "swipe"
        x: root.cut - width / 2
        width: 4; height: parent.height
        color: "#ffffff"
        Rectangle {
            anchors.centerIn: parent
            width: 28; height: 44; radius: 6
            color: "#f0ffffff"
            border.color: "#555"
            Label { anchors.centerIn: parent; text: "⟺" }
        }
        MouseArea {
            anchors.fill: parent
            anchors.margins: -14
            cursorShape: Qt.SplitHCursor
            drag.target: null
            onPositionChanged: (ev) => {
                if (pressed) {
                    var p = mapToItem(root, ev.x, ev.y)
                    root.schemes.swipePosition = Math.max(0, Math.min(1, p.x / root.width))
                }
            }
        }
    }

    // which scheme each side shows
    component Tag: Rectangle {
        property alias text: tagLabel.text
        width: tagLabel.implicitWidth + 16
        height: tagLabel.implicitHeight + 8
        radius: 4
        color: "#c0202020"
        Label { id: tagLabel; anchors.centerIn: parent; color: "white" }
    }
    Tag {
        visible: !automated
        x: root.split ? 8 : Math.min(root.cut + 8, root.width - width - 8)
        y: 8
        text: root.schemeName(root.schemes.compareScheme)
    }
    Tag {
        visible: !automated
        x: root.split ? 8 - root.width : Math.max(8, root.cut - width - 8)
        y: 8
        text: root.schemeName(root.schemes.activeScheme)
    }
}
