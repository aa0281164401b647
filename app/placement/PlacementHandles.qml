import QtQuick
import QtQuick3D

// Placement handles around the model being edited (liyuan.placement), in the scene's Z-up
// frame: a ground ring to rotate, a centre disc and east/north arrows to move, a cube on the
// top corner of the bounds to scale. Drawn only; Main.qml's MouseArea hit-tests them through
// liyuan.placement.handleAt() and drags through beginDrag/dragTo/endDrag.
Node {
    id: root
    required property QtObject editor
    visible: editor.active

    readonly property vector3d c: editor.handleCenter
    readonly property real r: Math.max(1, editor.handleRadius)
    readonly property real thick: Math.max(0.3, r * 0.035)
    readonly property string hot: editor.activeHandle

    component HandleMaterial: DefaultMaterial {
        lighting: DefaultMaterial.NoLighting
        cullMode: Material.NoCulling
    }

    // rotation ring on the ground
    Repeater3D {
        model: 48
        delegate: Model {
            required property int index
            readonly property real a: index * 2 * Math.PI / 48
            source: "#Cube"
            position: Qt.vector3d(root.c.x + root.r * Math.cos(a), root.c.y + root.r * Math.sin(a), root.c.z)
            eulerRotation.z: a * 180 / Math.PI + 90
            scale: Qt.vector3d(2 * Math.PI * root.r / 48 * 1.05 / 100, root.thick / 100, root.thick * 0.5 / 100)
            materials: HandleMaterial { diffuseColor: root.hot === "rotate" ? "#ffe066" : "#f59f00" }
        }
    }

    // free move: the centre disc
    Model {
        source: "#Cylinder"
        position: root.c
        eulerRotation.x: 90
        scale: Qt.vector3d(root.r * 0.6 / 100, root.thick * 0.4 / 100, root.r * 0.6 / 100)
        materials: HandleMaterial {
            diffuseColor: root.hot === "move" ? "#74c0fc" : "#1c7ed6"
            opacity: 0.55
        }
    }

    // move east (x) and north (y): shafts with a block at the tip
    Model {
        source: "#Cube"
        position: Qt.vector3d(root.c.x + root.r * 0.65, root.c.y, root.c.z)
        scale: Qt.vector3d(root.r * 0.6 / 100, root.thick / 100, root.thick / 100)
        materials: HandleMaterial { diffuseColor: root.hot === "moveX" ? "#ff8787" : "#e03131" }
    }
    Model {
        source: "#Cube"
        position: Qt.vector3d(root.c.x + root.r * 0.95, root.c.y, root.c.z)
        scale: Qt.vector3d(root.thick * 3 / 100, root.thick * 3 / 100, root.thick * 3 / 100)
        materials: HandleMaterial { diffuseColor: root.hot === "moveX" ? "#ff8787" : "#e03131" }
    }
    Model {
        source: "#Cube"
        position: Qt.vector3d(root.c.x, root.c.y + root.r * 0.65, root.c.z)
        scale: Qt.vector3d(root.thick / 100, root.r * 0.6 / 100, root.thick / 100)
        materials: HandleMaterial { diffuseColor: root.hot === "moveY" ? "#8ce99a" : "#2f9e44" }
    }
    Model {
        source: "#Cube"
        position: Qt.vector3d(root.c.x, root.c.y + root.r * 0.95, root.c.z)
        scale: Qt.vector3d(root.thick * 3 / 100, root.thick * 3 / 100, root.thick * 3 / 100)
        materials: HandleMaterial { diffuseColor: root.hot === "moveY" ? "#8ce99a" : "#2f9e44" }
    }

    // scale: a cube on the top corner of the model's bounds
    Model {
        source: "#Cube"
        position: root.editor.boundsMax
        readonly property real s: Math.max(0.8, root.r * 0.06)
        scale: Qt.vector3d(s / 100, s / 100, s / 100)
        materials: HandleMaterial { diffuseColor: root.hot === "scale" ? "#e599f7" : "#9c36b5" }
    }

    // the model's bounds as a faint box
    Model {
        source: "#Cube"
        position: Qt.vector3d((root.editor.boundsMin.x + root.editor.boundsMax.x) / 2,
                              (root.editor.boundsMin.y + root.editor.boundsMax.y) / 2,
                              (root.editor.boundsMin.z + root.editor.boundsMax.z) / 2)
        scale: Qt.vector3d((root.editor.boundsMax.x - root.editor.boundsMin.x) / 100,
                           (root.editor.boundsMax.y - root.editor.boundsMin.y) / 100,
                           (root.editor.boundsMax.z - root.editor.boundsMin.z) / 100)
        materials: HandleMaterial {
            diffuseColor: "#ffffff"
            opacity: 0.12
        }
    }
}
