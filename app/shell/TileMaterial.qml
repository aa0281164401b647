import QtQuick
import QtQuick3D

// The material of every tile, model and vector mesh: texture or vertex colours, as captured
// (photogrammetry, vector meshes with baked shading) or, for models (`lit`), shaded by a fixed
// afternoon sun and a sky/ground ambient with their PBR metallic/roughness/emissive factors;
// plus the GPU clipping of SceneClipping (flatten/clip polygons, box, section plane, focus
// fading) and the per-copy floor slice of the drill-down (sliceOn … lift); video fusion
// (liyuan.fusion: pictures projected from cameras, occluded by depth maps) in the *_video stages,
// chosen only while a projection is drawn.
CustomMaterial {
    id: m
    property QtObject clip: liyuan.clipping
    property bool schemeTarget: false   // photogrammetry: scheme areas flatten/clip it
    property int schemeSlot: 0          // whose scheme areas: 0 the main view, 1 the compared scheme's view
    property bool sectionTarget: true   // the clipping box / section plane apply
    property bool focusTarget: true     // faded outside the focused building
    property bool hideTarget: true      // hidden inside an exploded building's footprint

    shadingMode: CustomMaterial.Unshaded
    cullMode: Material.NoCulling
    vertexShader: fusionOn ? "shaders/tile_video.vert" : "shaders/tile.vert" // + the projectors' clip coordinates
    // the full fragment stage only while something is cut or faded for this mesh
    // (a shader with discard loses the early depth test under a software rasteriser)
    readonly property bool discards: sliceOn || clipOn || hideOn || boxOn || planeOn
    // lit meshes (models) use the same three stages with the lighting added (tile_lit*.frag)
    readonly property string stage: lit ? "shaders/tile_lit" : "shaders/tile"
    fragmentShader: stage + (fusionOn ? (discards ? "_video.frag" : "_video_plain.frag")
                                      : discards ? ".frag" : (focusOn || ghost) ? "_fade.frag" : "_plain.frag")
    sourceBlend: (layerOpacity < 0.999 || ghost) ? CustomMaterial.SrcAlpha : CustomMaterial.NoBlend
    destinationBlend: (layerOpacity < 0.999 || ghost) ? CustomMaterial.OneMinusSrcAlpha : CustomMaterial.NoBlend

    // Qt 6.4 calls TextureInput::setTexture(null) on an already deleted TextureInput when a
    // Texture dies after it: the Textures used here must be created before this material
    // (the drawable's Texture is declared ahead of the material in the Model, the polygon
    // Texture once in the scene, ahead of every Repeater3D).
    property Texture mapTexture: null
    property Texture polyTexture: null
    Component.onDestruction: {
        baseMap.texture = null
        polyTex.texture = null
    }
    property TextureInput baseMap: TextureInput { texture: m.mapTexture }
    property bool hasMap: false
    property bool vertexColors: false
    property vector4d baseColor: Qt.vector4d(1, 1, 1, 1)
    property real layerOpacity: 1.0
    property bool ghost: false

    // lighting: from the drawable (TileDrawable: lit when its geometry has normals)
    property QtObject surface: null
    property bool lit: surface !== null && surface.lit
    property real metallic: surface ? surface.metallic : 0
    property real roughness: surface ? surface.roughness : 1
    property vector3d emissive: surface ? surface.emissive : Qt.vector3d(0, 0, 0)

    property TextureInput polyTex: TextureInput { texture: m.polyTexture }
    property int polyCount: clip.polygonCount
    property int polyModes: clip.polygonModes
    property bool flattenOn: schemeTarget && (clip.flattenSlots & (1 << schemeSlot)) !== 0
    property bool clipOn: schemeTarget && (clip.clipSlots & (1 << schemeSlot)) !== 0
    property bool focusOn: focusTarget && clip.focusOn
    property bool hideOn: hideTarget && clip.hideOn
    property bool boxOn: sectionTarget && clip.boxEnabled
    property vector3d boxMin: clip.boxMin
    property vector3d boxMax: clip.boxMax
    property bool planeOn: sectionTarget && clip.planeEnabled
    property vector4d plane: clip.plane

    // video fusion: the TextureInputs of VideoProjectors' three textures, shared by every
    // material (held in the scene: see Main.qml's fusionInputs); without them (a view that does
    // not fuse) it is off
    property QtObject fusion: liyuan.fusion
    property TextureInput fusionFrames: null
    property TextureInput fusionDepth: null
    property TextureInput fusionParams: null
    // (translucent layers — zone volumes — neither receive nor occlude the pictures)
    // (fusionReach: a drawn projector may see this mesh — VideoProjectors.reaches)
    property bool fusionReach: true
    readonly property bool fusionOn: fusionParams !== null && fusion.activeCount > 0 && fusion.opacity > 0
                                     && layerOpacity >= 0.5 && !ghost && fusionReach
    property int fusionCount: fusionOn ? fusion.activeCount : 0
    property real fusionOpacity: fusion.opacity
    property real fusionSoftness: fusion.softness
    property vector2d fusionDepthSize: fusion.depthSize

    property bool sliceOn: false
    property int slicePoly: -1
    property real sliceZ0: -1e9
    property real sliceZ1: 1e9
    property real lift: 0
}
