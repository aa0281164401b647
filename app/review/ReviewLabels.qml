import QtQuick

// Labels of the review results (lengths, areas, heights, sightline outcomes, excess over a
// height limit), at the window positions ReviewController projects for each frame.
Item {
    id: root
    Repeater {
        model: liyuan.review.labels
        delegate: Rectangle {
            required property var modelData
            x: modelData.x + 6
            y: modelData.y - height - 4
            width: label.implicitWidth + 10
            height: label.implicitHeight + 4
            radius: 3
            color: "#d0202428"
            border.color: modelData.color
            Text {
                id: label
                anchors.centerIn: parent
                text: parent.modelData.text
                color: parent.modelData.color
                font.pixelSize: 12
            }
        }
    }
}
