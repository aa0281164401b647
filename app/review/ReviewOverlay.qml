import QtQuick
import QtQuick3D

// The review tools in 3D, in the scene frame (a child of the Z-up node): translucent red
// boxes around buildings over their height limit, and the lines of measurements,
// sightlines (visible part green, obstructed part red) and violation outlines, drawn over
// the meshes they lie on (see shaders/review.vert).
Node {
    id: root
    readonly property QtObject review: liyuan.review

    Model {
        visible: root.review.boxes.vertexCount > 0
        geometry: root.review.boxes
        materials: CustomMaterial {
            property bool onTop: false
            shadingMode: CustomMaterial.Unshaded
            cullMode: Material.NoCulling
            depthDrawMode: Material.NeverDepthDraw
            sourceBlend: CustomMaterial.SrcAlpha
            destinationBlend: CustomMaterial.OneMinusSrcAlpha
            vertexShader: "shaders/review.vert"
            fragmentShader: "shaders/review.frag"
        }
    }
    Model {
        visible: root.review.lines.vertexCount > 0
        geometry: root.review.lines
        materials: CustomMaterial {
            property bool onTop: true
            shadingMode: CustomMaterial.Unshaded
            cullMode: Material.NoCulling
            sourceBlend: CustomMaterial.SrcAlpha
            destinationBlend: CustomMaterial.OneMinusSrcAlpha
            vertexShader: "shaders/review.vert"
            fragmentShader: "shaders/review.frag"
        }
    }
}
