import QtQuick
import QtQuick3D

// The camera layer in 3D (inside the scene node, scene frame): one instanced sphere per screen
// cluster of cameras, coloured by state, and the frustum and ground footprint lines of the
// selected and hovered cameras.
Node {
    readonly property QtObject cams: liyuan.cameras
    visible: cams.visible && cams.count > 0

    Model {
        source: "#Sphere"
        instancing: cams.icons
        visible: cams.icons.clusterCount > 0
        depthBias: -30
        materials: DefaultMaterial {
            lighting: DefaultMaterial.NoLighting
            diffuseColor: "white"
        }
    }
    Model {
        geometry: cams.frustums
        materials: DefaultMaterial {
            lighting: DefaultMaterial.NoLighting
            vertexColorsEnabled: true
            cullMode: Material.NoCulling
        }
    }
}
