import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: dialog
    title: qsTr("Streaming settings")
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel

    onAboutToShow: {
        cacheSpin.value = Math.round(liyuan.cacheLimitMB)
        loadsSpin.value = liyuan.maxLoads
        lodSlider.value = liyuan.lodScale
        mipCheck.checked = liyuan.mipmaps
    }
    onAccepted: {
        liyuan.cacheLimitMB = cacheSpin.value
        liyuan.maxLoads = loadsSpin.value
        liyuan.lodScale = lodSlider.value
        liyuan.mipmaps = mipCheck.checked
        liyuan.saveSettings()
    }

    GridLayout {
        columns: 2
        Label { text: qsTr("Tile cache (MB)") }
        SpinBox { id: cacheSpin; from: 64; to: 65536; stepSize: 64; editable: true }
        Label { text: qsTr("Concurrent loads") }
        SpinBox { id: loadsSpin; from: 1; to: 16; editable: true }
        Label { text: qsTr("LOD scale (higher = coarser)") }
        RowLayout {
            Slider { id: lodSlider; from: 0.25; to: 4; stepSize: 0.05 }
            Label { text: lodSlider.value.toFixed(2) }
        }
        Label { text: qsTr("Texture filtering") }
        CheckBox { id: mipCheck; text: qsTr("Smooth distant textures (mipmaps; slower)") }
    }
}
