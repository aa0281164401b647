import QtQuick

// Labels of the camera icons over the 3D view: names of the nearer lone cameras, member counts
// of clusters, decluttered by CameraIcons (no two overlap). Window pixels of the view.
Item {
    readonly property QtObject cams: liyuan.cameras
    visible: cams.visible && cams.count > 0
    Repeater {
        model: cams.icons.labels
        Rectangle {
            required property var modelData
            x: modelData.count > 1 ? modelData.x - width / 2 : modelData.x + 10
            y: modelData.y - height / 2
            width: label.implicitWidth + (modelData.count > 1 ? 10 : 8)
            height: label.implicitHeight + 2
            radius: modelData.count > 1 ? height / 2 : 3
            color: modelData.count > 1 ? modelData.color : (modelData.highlighted ? "#f0fff3bf" : "#c8ffffff")
            border.color: modelData.count > 1 ? "white" : modelData.color
            Text {
                id: label
                anchors.centerIn: parent
                text: modelData.text
                font.pixelSize: 11
                font.bold: modelData.count > 1 || modelData.highlighted
                color: modelData.count > 1 ? "white" : "#212529"
            }
        }
    }
}
