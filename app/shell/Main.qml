import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import QtQuick3D

ApplicationWindow {
    id: window
    width: initialWidth
    height: initialHeight
    visible: true
    color: "#9db8d2" // sky; View3D draws underneath (Underlay)
    title: liyuan.datasetSummary.length > 0
           ? qsTr("Liyuan — %1").arg(liyuan.datasetSummary)
           : qsTr("Liyuan — digital-twin city viewer")

    readonly property var cam: liyuan.camera

    header: ToolBar {
        visible: !automated
        RowLayout {
            anchors.fill: parent
            spacing: 4
            ToolButton {
                text: qsTr("Project")
                onClicked: projectMenu.open()
                Menu {
                    id: projectMenu
                    y: parent.height
                    MenuItem { text: qsTr("New"); onTriggered: liyuan.project.newProject() }
                    MenuItem { text: qsTr("Open project…"); onTriggered: projectOpenDialog.open() }
                    MenuItem {
                        text: qsTr("Save")
                        onTriggered: if (!liyuan.project.save()) projectSaveDialog.open()
                    }
                    MenuItem { text: qsTr("Save as…"); onTriggered: projectSaveDialog.open() }
                    MenuSeparator {}
                    Menu {
                        title: qsTr("Recent projects")
                        enabled: liyuan.project.recent.length > 0
                        Repeater {
                            model: liyuan.project.recent
                            MenuItem {
                                required property string modelData
                                text: modelData
                                onTriggered: liyuan.project.open(modelData)
                            }
                        }
                    }
                }
            }
            ToolButton {
                text: qsTr("Layers")
                checkable: true
                checked: layerPanel.visible
                onToggled: layerPanel.visible = checked
            }
            // cameras: the surveillance-camera panel
            ToolButton {
                text: qsTr("Cameras")
                checkable: true
                checked: cameraPanel.open
                onToggled: cameraPanel.open = checked
            }
            // schemes: the design scheme panel
            ToolButton {
                text: qsTr("Schemes")
                checkable: true
                checked: schemePanel.open
                onToggled: schemePanel.open = checked
            }
            // recording: a tour or camera path to an MP4 video
            ToolButton {
                text: qsTr("Record…")
                onClicked: { recordDialog.defaultWidth = window.width; recordDialog.defaultHeight = window.height; recordDialog.show_() }
            }
            // presenter: views and tours
            ToolButton {
                objectName: "presenterButton"
                text: qsTr("Presenter")
                checkable: true
                checked: presenterPanel.visible
                onToggled: presenterPanel.visible = checked
            }
            ToolSeparator {}
            ToolButton {
                text: qsTr("Open folder…")
                onClicked: folderDialog.open()
            }
            ToolButton {
                text: qsTr("Open file…")
                onClicked: fileDialog.open()
            }
            ToolButton {
                text: qsTr("Demo district")
                onClicked: liyuan.openDemo()
            }
            ToolSeparator {}
            ToolButton {
                text: qsTr("Home")
                onClicked: liyuan.home()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Frame all data (H)")
            }
            ToolButton {
                text: qsTr("Section")
                onClicked: sectionMenu.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Clipping box and section plane, for every layer")
                Menu {
                    id: sectionMenu
                    y: parent.height
                    MenuItem {
                        text: qsTr("Clip to the selection")
                        enabled: liyuan.selection.hasSelection
                        onTriggered: liyuan.clipToSelection()
                    }
                    MenuItem {
                        text: qsTr("Cut above the selection's middle")
                        enabled: liyuan.selection.hasSelection
                        onTriggered: liyuan.setSectionHeight(liyuan.selection.center.z)
                    }
                    MenuItem {
                        text: qsTr("Cut above %1 m").arg(sectionHeight.value)
                        onTriggered: liyuan.setSectionHeight(sectionHeight.value)
                    }
                    MenuItem {
                        contentItem: RowLayout {
                            Label { text: qsTr("Height") }
                            SpinBox { id: sectionHeight; from: -100; to: 1000; value: 10; editable: true }
                        }
                    }
                    MenuItem { text: qsTr("No section"); onTriggered: liyuan.clearSection() }
                }
            }
            ToolButton {
                text: qsTr("Settings…")
                onClicked: settingsDialog.open()
            }
            ToolButton {
                text: qsTr("Navigation help")
                onClicked: helpPopup.open()
            }
            ToolButton {
                // shown in the language it switches to
                text: uiLanguage === "zh_CN" ? "English" : "中文"
                onClicked: languages.setLanguage(uiLanguage === "zh_CN" ? "en" : "zh_CN")
            }
            Item { Layout.fillWidth: true }
            Label {
                text: liyuan.crsName
                elide: Text.ElideRight
                Layout.maximumWidth: window.width * 0.4
                rightPadding: 8
            }
        }
    }

    FolderDialog {
        id: folderDialog
        title: qsTr("Open a ContextCapture production, Data/ or Tile_ folder")
        onAccepted: liyuan.openPaths([selectedFolder.toString()])
    }
    FileDialog {
        id: fileDialog
        title: qsTr("Open a tile file")
        nameFilters: [qsTr("All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)"),
                      qsTr("OpenSceneGraph tiles (*.osgb *.osgt *.ive)"),
                      qsTr("Rasters (*.tif *.tiff *.vrt *.img *.asc)"),
                      qsTr("Vectors (*.geojson *.json *.shp *.gpkg)"),
                      qsTr("All files (*)")]
        onAccepted: liyuan.openPaths([selectedFile.toString()])
    }
    FileDialog {
        id: projectOpenDialog
        title: qsTr("Open a Liyuan project")
        nameFilters: [qsTr("Liyuan projects (*.liyuan.json)"), qsTr("All files (*)")]
        onAccepted: liyuan.project.open(selectedFile.toString())
    }
    FileDialog {
        id: projectSaveDialog
        title: qsTr("Save the project as")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Liyuan projects (*.liyuan.json)")]
        onAccepted: liyuan.project.saveAs(selectedFile.toString())
    }
    SettingsDialog {
        id: settingsDialog
        anchors.centerIn: parent
    }
    Popup {
        id: helpPopup
        anchors.centerIn: parent
        modal: true
        padding: 16
        contentItem: Label {
            textFormat: Text.StyledText
            text: qsTr("<b>Mouse</b><br>Left drag: pan (the grabbed point stays under the cursor)<br>"
                       + "Right drag or Ctrl+left drag: orbit about the point under the cursor<br>"
                       + "Middle drag: tilt<br>Wheel: zoom toward the cursor<br>Double-click: fly to that point<br><br>"
                       + "<b>Keyboard</b><br>W A S D / arrows: move<br>Q / E, Page Down / Page Up: down / up<br>"
                       + "J / L: turn left / right · I / K: look up / down<br>+ / −: zoom · H / Home: Home view<br>"
                       + "Shift: faster")
        }
    }

    // recording: the record dialog (a window of its own: not in the recorded picture)
    RecordDialog { id: recordDialog }

    LayerPanel {
        id: layerPanel
        visible: !automated
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: 300
        z: 2
    }

    // drag files or folders onto the window to add them
    DropArea {
        anchors.fill: parent
        z: 3
        onDropped: (drop) => {
            if (drop.hasUrls) {
                var paths = []
                for (var i = 0; i < drop.urls.length; ++i)
                    paths.push(drop.urls[i].toString())
                liyuan.openPaths(paths)
                drop.accept()
            }
        }
    }

    // offered when the last session ended without saving
    Rectangle {
        visible: liyuan.project.recoveryAvailable && !automated
        z: 4
        anchors { top: parent.top; horizontalCenter: parent.horizontalCenter; topMargin: 8 }
        width: recoveryRow.implicitWidth + 24
        height: recoveryRow.implicitHeight + 16
        radius: 6
        color: "#f0fff3cd"
        border.color: "#c8a000"
        RowLayout {
            id: recoveryRow
            anchors.centerIn: parent
            Label { text: qsTr("Unsaved changes from %1 can be recovered.").arg(liyuan.project.recoveryTime) }
            Button { objectName: "recoverButton"; text: qsTr("Recover"); onClicked: liyuan.project.recoverAutosave() }
            Button { objectName: "discardRecoveryButton"; text: qsTr("Discard"); onClicked: liyuan.project.discardAutosave() }
        }
    }

    View3D {
        id: view
        objectName: "sceneView" // InputScript: @x,y,z positions are pixels of this view
        anchors { top: parent.top; bottom: parent.bottom; right: parent.right }
        anchors.left: layerPanel.visible ? layerPanel.right : parent.left
        // schemes: side by side, the compared scheme's view takes the right half
        anchors.rightMargin: liyuan.schemes.compareMode === "split" ? (parent.width - (layerPanel.visible ? layerPanel.width : 0)) / 2 : 0
        onWidthChanged: liyuan.setViewSize(width, height)
        onHeightChanged: liyuan.setViewSize(width, height)
        Component.onCompleted: liyuan.setViewSize(width, height)
        renderMode: View3D.Underlay
        camera: cam.offAxis ? subViewCamera : camera // wall: a sub-view (wall screen, still tile) is off-axis
        environment: SceneEnvironment {
            backgroundMode: SceneEnvironment.Color
            clearColor: "#9db8d2"
            antialiasingMode: SceneEnvironment.NoAA
        }

        // the scene's local frame is Z up; Qt Quick 3D is Y up
        Node {
            eulerRotation.x: -90

            PerspectiveCamera {
                id: camera
                position: cam.position
                rotation: cam.rotation
                fieldOfView: cam.fieldOfView
                fieldOfViewOrientation: PerspectiveCamera.Vertical
                clipNear: cam.clipNear
                clipFar: cam.clipFar
            }
            // wall: the asymmetric frustum of a sub-view of the shared virtual camera (CameraController.projection)
            CustomCamera {
                id: subViewCamera
                position: cam.position
                rotation: cam.rotation
                projection: cam.projection
            }

            // GPU clipping data (SceneClipping), shared by every tile material; declared
            // ahead of the Repeater3Ds so it outlives their materials (see TileMaterial.qml)
            Texture {
                id: polygonTexture
                textureData: liyuan.clipping.polygonData
                minFilter: Texture.Nearest
                magFilter: Texture.Nearest
                mipFilter: Texture.None
                generateMipmaps: false
            }
            // video fusion (liyuan.fusion): projected pictures, depth maps, projector rows
            Texture {
                id: fusionFramesTex
                textureData: liyuan.fusion.frames
                minFilter: Texture.Linear
                magFilter: Texture.Linear
                mipFilter: Texture.None
                generateMipmaps: false
            }
            Texture {
                id: fusionDepthTex
                textureData: liyuan.fusion.depth
                minFilter: Texture.Nearest
                magFilter: Texture.Nearest
                mipFilter: Texture.None
                generateMipmaps: false
            }
            Texture {
                id: fusionParamsTex
                textureData: liyuan.fusion.params
                minFilter: Texture.Nearest
                magFilter: Texture.Nearest
                mipFilter: Texture.None
                generateMipmaps: false
            }

            // the TextureInputs every tile material shares (TileMaterial.fusion*): held by this
            // material, which no Model uses (same property names: a TextureInput takes the name of
            // the property holding it), so they outlive the materials of unloaded tiles
            // (Qt 6.4 leaves a TextureInput's watch on its Texture connected after its material
            // is gone; per-material TextureInputs on these long-lived Textures crashed on exit)
            CustomMaterial {
                id: fusionInputs
                property TextureInput fusionFrames: TextureInput { texture: fusionFramesTex }
                property TextureInput fusionDepth: TextureInput { texture: fusionDepthTex }
                property TextureInput fusionParams: TextureInput { texture: fusionParamsTex }
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
                    // drill-down of a model building: floors (mesh groups) lift apart, the
                    // others hide or ghost, the isolated one is cut open
                    readonly property int drillRev: liyuan.drill.revision
                    readonly property bool drillModel: drawable.dataset === liyuan.drill.modelDataset && drawable.dataset >= 0
                    // streaming: a loaded tile that is not drawn now stays "parked" (zero instances) so
                    // Qt 6.4 keeps its GPU copies (a hidden Model's are released and re-made when shown again,
                    // each time leaving a cached resource binding behind, QTBUG-126581); the least
                    // recently shown beyond TilesetOptions::maxParkedDrawables are hidden
                    // (schemes: other schemes' models are not drawn in the main view)
                    instancing: drawable.shown ? null : parkedTiles
                    visible: (drawable.shown || drawable.parked) && !(drillModel && drillRev >= 0 && liyuan.drill.groupHidden(drawable.dataset, drawable.group))
                             && liyuan.schemes.showsDataset(drawable.dataset, 0, liyuan.schemes.revision)
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
                        lift: drillModel && drillRev >= 0 ? liyuan.drill.liftFor(drawable.dataset, drawable.group) : 0
                        ghost: drillModel && drillRev >= 0 && liyuan.drill.groupGhost(drawable.dataset, drawable.group)
                        sliceOn: drillModel && drillRev >= 0 && liyuan.drill.groupCutTop(drawable.dataset, drawable.group) < 1e8
                        sliceZ1: drillModel && drillRev >= 0 ? liyuan.drill.groupCutTop(drawable.dataset, drawable.group) : 1e9
                        mapTexture: tex
                        polyTexture: polygonTexture
                        fusionFrames: fusionInputs.fusionFrames
                        fusionDepth: fusionInputs.fusionDepth
                        fusionParams: fusionInputs.fusionParams
                        fusionReach: liyuan.fusion.activeCount > 0
                                     && liyuan.fusion.reaches(drawable, liyuan.fusion.revision, drawable.position)
                        hasMap: drawable.hasTexture
                        vertexColors: drawable.hasVertexColors
                        baseColor: Qt.vector4d(drawable.baseColor.r, drawable.baseColor.g,
                                               drawable.baseColor.b, drawable.baseColor.a)
                        surface: drawable // lit, metallic, roughness, emissive
                        layerOpacity: drawable.opacity
                        schemeTarget: liyuan.schemes.isAreaTarget(drawable.dataset) // schemes: photogrammetry only
                        hideTarget: liyuan.drill.revision >= 0 && liyuan.drill.isSliceSource(drawable)
                    }
                }
            }

            // drill-down: the floors of an exploded photogrammetry building, one slice of
            // each tile over its footprint per floor, cut on the GPU and lifted apart
            Repeater3D {
                model: liyuan.drill.slices
                delegate: Model {
                    required property QtObject slice
                    readonly property QtObject src: slice.drawable
                    geometry: slice.geometry
                    position: src ? src.position : Qt.vector3d(0, 0, 0)
                    rotation: src ? src.rotation : Qt.quaternion(1, 0, 0, 0)
                    scale: src ? src.scale : Qt.vector3d(1, 1, 1)
                    visible: src !== null && slice.shown
                    property Texture tex: Texture {
                        textureData: src ? src.texture : null
                        source: src ? src.textureSource : "" // texmem: block-compressed (KTX)
                        // Qt 6.4: a destroyed Texture stays connected to its TextureData; the data outlives it
                        // here (shared with another view or tile), and its next update would call the dead Texture
                        Component.onDestruction: textureData = null
                        generateMipmaps: liyuan.mipmaps
                        mipFilter: liyuan.mipmaps ? Texture.Linear : Texture.None
                    }
                    materials: TileMaterial {
                        mapTexture: tex
                        polyTexture: polygonTexture
                        hasMap: src !== null && src.hasTexture
                        vertexColors: src !== null && src.hasVertexColors
                        baseColor: src ? Qt.vector4d(src.baseColor.r, src.baseColor.g, src.baseColor.b, src.baseColor.a)
                                       : Qt.vector4d(1, 1, 1, 1)
                        layerOpacity: src ? src.opacity : 1
                        schemeTarget: false
                        focusTarget: false
                        hideTarget: false
                        sliceOn: true
                        slicePoly: liyuan.drill.slicePolygon
                        sliceZ0: slice.z0
                        sliceZ1: slice.z1
                        lift: slice.lift
                        ghost: slice.ghost
                    }
                }
            }

            // live devices: one instanced sphere per registry device, coloured by state,
            // following the exploded floors; alarms pulse
            Model {
                source: "#Sphere"
                instancing: liyuan.live.markers
                visible: liyuan.live.markers.count > 0
                depthBias: -20
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    diffuseColor: "white"
                }
            }
            // events: one instanced sphere per event, coloured by severity; unacknowledged ones
            // pulse (faster and wider when more severe), the phase animated here
            Model {
                source: "#Sphere"
                instancing: liyuan.events.markers
                visible: liyuan.events.markers.count > 0
                depthBias: -20
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    diffuseColor: "white"
                }
                NumberAnimation {
                    target: liyuan.events.markers
                    property: "phase"
                    from: 0; to: 1
                    duration: 2000
                    loops: Animation.Infinite
                    running: liyuan.events.markers.pulsing > 0 && !automated
                }
            }
            // footfall from the people counters, on the ground
            Model {
                visible: liyuan.live.hasHeatmap && liyuan.drill.state < 2
                source: "#Rectangle"
                position: Qt.vector3d(liyuan.live.heatmapCenter.x, liyuan.live.heatmapCenter.y, liyuan.live.heatmapCenter.z + 0.4)
                scale: Qt.vector3d(liyuan.live.heatmapSize.x / 100, liyuan.live.heatmapSize.y / 100, 1)
                materials: PrincipledMaterial {
                    lighting: PrincipledMaterial.NoLighting
                    cullMode: Material.NoCulling
                    alphaMode: PrincipledMaterial.Blend
                    baseColorMap: Texture { textureData: liyuan.live.heatmap }
                }
            }
            // the selected feature or tile: a translucent box around it
            Model {
                visible: liyuan.selection.hasSelection
                source: "#Cube"
                position: liyuan.selection.center
                scale: Qt.vector3d(liyuan.selection.size.x / 100 * 1.04, liyuan.selection.size.y / 100 * 1.04,
                                   liyuan.selection.size.z / 100 * 1.04)
                materials: DefaultMaterial {
                    lighting: DefaultMaterial.NoLighting
                    diffuseColor: "#ffcc00"
                    opacity: 0.35
                    cullMode: Material.NoCulling
                }
            }

            // review: measurement/sightline lines and height-limit violations
            ReviewOverlay {}
            // cameras: clustered icons, frustum and footprint of the selected/hovered camera
            CameraOverlay { visible: !overlaysHidden } // wall: --no-overlays, stills
        }
    }

    // placement: the handles (ring, disc, arrows, scale cube) around the model being edited, in
    // a view of their own over the scene, so they stay visible and grabbable when buildings or
    // the model itself stand in front of them (as in any 3D editor); loaded the first time a
    // model is edited, then only hidden: in Qt 6.4 creating and destroying an offscreen View3D
    // while the render thread draws crashed now and then (tst_placementapp under load)
    Loader {
        id: handlesLoader
        anchors.fill: view
        active: false
        visible: liyuan.placement.active
        z: 0.5
        Connections {
            target: liyuan.placement
            function onLayerChanged() {
                if (liyuan.placement.active)
                    handlesLoader.active = true
            }
        }
        sourceComponent: View3D {
            renderMode: View3D.Offscreen
            camera: handleCamera
            environment: SceneEnvironment {
                backgroundMode: SceneEnvironment.Transparent
                antialiasingMode: SceneEnvironment.NoAA
            }
            Node {
                eulerRotation.x: -90
                PerspectiveCamera {
                    id: handleCamera
                    position: cam.position
                    rotation: cam.rotation
                    fieldOfView: cam.fieldOfView
                    fieldOfViewOrientation: PerspectiveCamera.Vertical
                    clipNear: cam.clipNear
                    clipFar: cam.clipFar
                }
                PlacementHandles { editor: liyuan.placement }
            }
        }
    }

    // schemes: the compared scheme's view (split: right half; swipe: over the view, right of a slider)
    CompareView {
        mainView: view
        z: 1
    }

    // navigation: left drag pans, right drag (or Ctrl+left) orbits about the point under
    // the cursor, middle drag tilts, wheel zooms toward the cursor, double-click flies there
    MouseArea {
        id: mouse
        anchors.fill: view
        acceptedButtons: Qt.LeftButton | Qt.RightButton | Qt.MiddleButton
        hoverEnabled: true
        property real lastX: 0
        property real lastY: 0
        property int mode: 0 // 1 pan, 2 orbit, 3 tilt
        onPressed: (ev) => {
            keys.forceActiveFocus()
            lastX = ev.x; lastY = ev.y
            // placement: a press on a placement handle drags it
            if (ev.button === Qt.LeftButton && liyuan.placement.active && liyuan.placement.beginDrag(ev.x, ev.y)) {
                mode = 4
                return
            }
            cam.beginDrag(ev.x, ev.y)
            if (ev.button === Qt.RightButton || (ev.button === Qt.LeftButton && (ev.modifiers & Qt.ControlModifier)))
                mode = 2
            else if (ev.button === Qt.MiddleButton)
                mode = 3
            else
                mode = 1
        }
        onPositionChanged: (ev) => {
            if (mode === 4) { // placement:
                dragged = true
                liyuan.placement.dragTo(ev.x, ev.y)
                return
            }
            if (mode !== 0 && Math.abs(ev.x - lastX) + Math.abs(ev.y - lastY) > 0)
                dragged = true
            if (mode === 1)
                cam.panTo(ev.x, ev.y)
            else if (mode === 2)
                cam.orbitBy(ev.x - lastX, ev.y - lastY)
            else if (mode === 3)
                cam.tiltBy(ev.y - lastY)
            lastX = ev.x; lastY = ev.y
            if (mode === 0) {
                hoverTimer.restart()
                liyuan.cameras.hoverAt(ev.x, ev.y) // cameras: the hovered camera's frustum
            }
        }
        property bool dragged: false
        onReleased: (ev) => {
            if (mode === 4) // placement:
                liyuan.placement.endDrag()
            else if (!dragged && ev.button === Qt.LeftButton) {
                if (liyuan.calibration.active && liyuan.calibration.step === "scene") // cameras: calibration pick
                    liyuan.calibration.addScenePointAt(ev.x, ev.y)
                else if (liyuan.events.placing) // events: the click places an event
                    liyuan.events.placeAt(ev.x, ev.y)
                else if (liyuan.review.tool !== "") // review: a tool takes the click
                    liyuan.review.click(ev.x, ev.y)
                else if (liyuan.cameras.clickAt(ev.x, ev.y)) // cameras: an icon selects its camera, a cluster zooms in
                    cameraPanel.open = true
                else if (!liyuan.placement.clickAt(ev.x, ev.y)) // placement: placing / picking a model to edit
                    // schemes: right of the swipe slider the compared scheme's view is shown
                    liyuan.selection.pickAt(ev.x, ev.y, liyuan.schemes.compareMode === "swipe"
                                              && ev.x > liyuan.schemes.swipePosition * view.width ? 1 : 0)
            }
            mode = 0
            dragged = false
        }
        onWheel: (ev) => cam.zoomAt(ev.x, ev.y, ev.angleDelta.y / 120)
        onDoubleClicked: (ev) => {
            if (liyuan.review.tool !== "") { // review: double-click closes an area
                liyuan.review.finish()
                dragged = true // the release that follows adds no point
                return
            }
            var p = cam.pickPoint(ev.x, ev.y)
            var d = Math.sqrt(Math.pow(p.x - cam.position.x, 2) + Math.pow(p.y - cam.position.y, 2)
                              + Math.pow(p.z - cam.position.z, 2))
            cam.flyToPoint(p, d * 0.4)
        }
        Timer {
            id: hoverTimer
            interval: 120
            onTriggered: statusLine.cursorText = liyuan.describePoint(mouse.mouseX, mouse.mouseY)
        }
    }

    PointOverlay {
        visible: !overlaysHidden // wall: --no-overlays, stills
        anchors.fill: view
        clip: true // icons and labels at the edges stay inside the 3D view (not over the menu bar or status line)
        z: 1.5 // over the swipe comparison too: the labels belong to both sides
        model: liyuan.pois
        labelLanguage: uiLanguage
        onPoiClicked: (layerId, fid) => liyuan.selection.selectFeature(layerId, fid, false)
        onClusterClicked: (row) => {
            var members = model.membersOf(row)
            if (members.length > 0)
                liyuan.selection.selectFeature(members[0].layerId, members[0].fid, true)
        }
    }

    // cameras: icon labels, the camera panel, the live video grid and calibration
    CameraLabels {
        visible: !overlaysHidden // wall: --no-overlays, stills
        anchors.fill: view
        clip: true
        z: 1.5
    }
    CameraPanel {
        id: cameraPanel
        property bool open: false
        visible: open && !automated
        anchors { right: view.right; top: view.top; margins: 8 }
        width: 330
        height: Math.min(view.height * 0.55, 460)
        z: 2.1
        onCalibrate: (id) => { liyuan.cameras.openFeed(id); liyuan.calibration.start(id, Qt.size(0, 0)) }
    }
    VideoPanel {
        id: videoPanel
        // shown in scripted runs too: --open-video screenshots show the grid
        visible: liyuan.cameras.grid.count > 0
        anchors { right: view.right; bottom: view.bottom; margins: 8 }
        width: Math.min(view.width * 0.45, 640)
        height: width * 9 / 16 + 30
        z: 2.1
        onCalibrate: (id) => { liyuan.cameras.openFeed(id); liyuan.calibration.start(id, Qt.size(0, 0)) }
    }
    CalibrationDialog {
        anchors { left: view.left; top: view.top; margins: 8 }
        width: 420
        height: Math.min(view.height - 16, 620)
        z: 2.2
    }

    // review: result labels over the view, and the tools panel
    ReviewLabels {
        visible: !overlaysHidden // wall: --no-overlays, stills
        anchors.fill: view
        clip: true
        z: 1.5
    }
    ReviewPanel {
        id: reviewPanel
        visible: !automated
        anchors { right: view.right; bottom: attributeTable.visible ? attributeTable.top : statusLine.top; margins: 8 }
        z: 2
    }

    // schemes: scheme list, compare mode and second scheme
    SchemePanel {
        id: schemePanel
        property bool open: true
        visible: open && !automated && liyuan.schemes.count > 0
        anchors { left: view.left; top: view.top; margins: 8 }
        width: 320
        z: 2
    }

    DrillPanel {
        anchors.fill: view
        leftInset: schemePanel.visible ? schemePanel.width + 8 : 0
        visible: !automated
        z: 2
    }

    FloorPanel {
        visible: liyuan.drill.state === 3 && !automated
        anchors { left: view.left; bottom: view.bottom; margins: 8 }
        width: 330
        height: Math.min(view.height * 0.75, 560)
        z: 2
    }

    LivePanel {
        visible: liyuan.live.connectionState !== "off" && !automated && liyuan.drill.state !== 3
        anchors { left: view.left; bottom: view.bottom; margins: 8 }
        width: 300
        z: 2
    }

    // placement: Place model… / Edit models, and the edited model's position, heading, scale
    PlacementPanel {
        visible: !automated
        anchors { right: view.right; bottom: reviewPanel.visible ? reviewPanel.top : view.bottom; margins: 8 }
        z: 2
    }

    // events: list, filters, acknowledgement, click placement, Who sees it, Nearby, Go
    EventPanel {
        visible: !automated
        anchors { right: featurePanel.visible ? featurePanel.left : view.right; top: view.top; margins: 8 }
        z: 2
    }

    // presenter: caption, cross-fade black and blank screen over the view; the views/tours panel
    CaptionOverlay {
        anchors.fill: view
        z: 50
    }
    PresenterPanel {
        id: presenterPanel
        objectName: "presenterPanel"
        visible: false
        anchors { right: view.right; top: view.top; bottom: view.bottom; margins: 8 }
        width: 380
        z: 3
    }

    FeaturePanel {
        id: featurePanel
        visible: liyuan.selection.hasSelection && !automated
        anchors { right: parent.right; top: parent.top; margins: 8 }
        width: 320
        height: Math.min(parent.height * 0.7, 520)
        z: 2
    }

    AttributeTable {
        id: attributeTable
        visible: liyuan.selection.tableLayer.length > 0 && !automated
        anchors { left: view.left; right: view.right; bottom: parent.bottom }
        height: parent.height * 0.33
        proxy: liyuan.selection.table
        z: 2
        onFeatureSelected: (fid) => liyuan.selection.selectFeature(liyuan.selection.tableLayer, fid, true)
    }

    Item {
        id: keys
        anchors.fill: parent
        focus: true
        Keys.onPressed: (ev) => {
            if (liyuan.placement.handleKey(ev.key, ev.modifiers)) { // placement: keys while placing a model
                ev.accepted = true
                return
            }
            if (liyuan.presenter.handleKey(ev.key)) { // presenter: clicker keys, only while a tour is loaded (F5 starts one)
                ev.accepted = true
                return
            }
            var fast = (ev.modifiers & Qt.ShiftModifier) ? 3 : 1
            switch (ev.key) {
            case Qt.Key_Up:
                if (liyuan.drill.state !== 0) liyuan.drill.floorUp(); else cam.moveBy(0, 0.2 * fast, 0)
                break
            case Qt.Key_Down:
                if (liyuan.drill.state !== 0) liyuan.drill.floorDown(); else cam.moveBy(0, -0.2 * fast, 0)
                break
            case Qt.Key_Backspace: case Qt.Key_Escape: liyuan.drill.back(); break
            case Qt.Key_W: cam.moveBy(0, 0.2 * fast, 0); break
            case Qt.Key_S: cam.moveBy(0, -0.2 * fast, 0); break
            case Qt.Key_A: case Qt.Key_Left: cam.moveBy(-0.2 * fast, 0, 0); break
            case Qt.Key_D: case Qt.Key_Right: cam.moveBy(0.2 * fast, 0, 0); break
            case Qt.Key_E: case Qt.Key_PageUp: cam.moveBy(0, 0, 0.2 * fast); break
            case Qt.Key_Q: case Qt.Key_PageDown: cam.moveBy(0, 0, -0.2 * fast); break
            case Qt.Key_J: cam.turnBy(-5 * fast, 0); break
            case Qt.Key_L: cam.turnBy(5 * fast, 0); break
            case Qt.Key_I: cam.turnBy(0, 3 * fast); break
            case Qt.Key_K: cam.turnBy(0, -3 * fast); break
            case Qt.Key_Plus: case Qt.Key_Equal: cam.zoomAt(view.width / 2, view.height / 2, 1); break
            case Qt.Key_Minus: cam.zoomAt(view.width / 2, view.height / 2, -1); break
            case Qt.Key_H: case Qt.Key_Home: liyuan.home(); break
            case Qt.Key_C: // schemes: compare off → side by side → swipe → off
                if (liyuan.schemes.count === 0) return
                liyuan.schemes.compareMode = ({ "off": "split", "split": "swipe" })[liyuan.schemes.compareMode] || "off"
                break
            default: return
            }
            ev.accepted = true
        }
    }

    // progress while the demo district is generated
    Rectangle {
        anchors.centerIn: parent
        visible: liyuan.busy
        width: 360; height: 90; radius: 8
        color: "#e0ffffff"
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 16
            Label { text: liyuan.busyText }
            ProgressBar { Layout.fillWidth: true; value: liyuan.busyProgress }
        }
    }

    // messages: failed tiles, warnings (each reported once)
    Rectangle {
        id: messageBox
        visible: liyuan.messages.length > 0 && !automated
        anchors { right: parent.right; bottom: parent.bottom; margins: 8 }
        width: Math.min(parent.width * 0.5, 560)
        height: Math.min(messageList.contentHeight + 40, parent.height * 0.35)
        radius: 6
        color: "#e6fff8e1"
        border.color: "#c8a000"
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 6
            RowLayout {
                Label {
                    text: qsTr("%n message(s)", "", liyuan.messages.length)
                    font.bold: true
                    Layout.fillWidth: true
                }
                ToolButton { text: qsTr("Dismiss"); onClicked: liyuan.clearMessages() }
            }
            ListView {
                id: messageList
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: liyuan.messages
                delegate: Label {
                    width: messageList.width
                    text: modelData
                    wrapMode: Text.WrapAnywhere
                    font.pixelSize: 11
                }
            }
        }
    }

    // sync: a follower's "leader lost / waiting" banner over the last picture
    SyncOverlay {
        sync: liyuan.sync
        z: 20
    }

    footer: StatusLine {
        id: statusLine
        visible: !automated
    }

    // kiosk: clock, logo and fading messages over the scene (--kiosk only; captions: CaptionOverlay)
    KioskOverlay {
        z: 60
        visible: kiosk.enabled
        kioskController: kiosk
    }
}
