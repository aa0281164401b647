<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AttributeTable</name>
        <message>
            <location filename="../qml/AttributeTable.qml" line="61" />
            <source>Search all columns…</source>
            <translation>Search all columns…</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="75" />
            <source>Clear the search</source>
            <translation>Clear the search</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/AttributeTable.qml" line="80" />
            <source>%n feature(s)</source>
            <translation>
                <numerusform>%n feature</numerusform>
                <numerusform>%n features</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="81" />
            <source>%1 of %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="129" />
            <source>Sort by %1</source>
            <translation>Sort by %1</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="187" />
            <source>No features</source>
            <translation>No features</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="188" />
            <source>No feature matches “%1”</source>
            <translation>No feature matches “%1”</translation>
        </message>
    </context>
    <context>
        <name>LayerPanel</name>
        <message>
            <location filename="../qml/LayerPanel.qml" line="23" />
            <source>Layers</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="28" />
            <source>Drop files here, or use Open.</source>
            <translation>Drop files here, or use Open.</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="64" />
            <source>Show or hide</source>
            <translation>Show or hide</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="77" />
            <source>Photogrammetry</source>
            <translation>Photogrammetry</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="78" />
            <source>Terrain</source>
            <translation>Terrain</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="79" />
            <source>Imagery</source>
            <translation>Imagery</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="80" />
            <source>Vector</source>
            <translation>Vector</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="81" />
            <source>Points</source>
            <translation>Points</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="83" />
            <source>%1 · loading %2%</source>
            <translation>%1 · loading %2%</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="85" />
            <source>%1 · failed</source>
            <translation>%1 · failed</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="96" />
            <source>Opacity, style and more</source>
            <translation>Opacity, style and more</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="109" />
            <source>Zoom to</source>
            <translation>Zoom to</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="114" />
            <source>Style…</source>
            <translation>Style…</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="119" />
            <source>Table</source>
            <translation>Table</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="127" />
            <source>Move up</source>
            <translation>Move up</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="134" />
            <source>Move down</source>
            <translation>Move down</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="137" />
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="144" />
            <source>Opacity</source>
            <translation>Opacity</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="165" />
            <source>Bookmarks</source>
            <translation>Bookmarks</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="173" />
            <source>Bookmark this view</source>
            <translation>Bookmark this view</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <location filename="../qml/Main.qml" line="14" />
            <source>Liyuan — %1</source>
            <translation>Liyuan — %1</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="15" />
            <source>Liyuan — digital-twin city viewer</source>
            <translation>Liyuan — digital-twin city viewer</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="25" />
            <source>Project</source>
            <translation>Project</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="30" />
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="31" />
            <source>Open project…</source>
            <translation>Open project…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="33" />
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="36" />
            <source>Save as…</source>
            <translation>Save as…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="39" />
            <source>Recent projects</source>
            <translation>Recent projects</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="53" />
            <source>Layers</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="60" />
            <source>Open folder…</source>
            <translation>Open folder…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="64" />
            <source>Open file…</source>
            <translation>Open file…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="68" />
            <source>Demo district</source>
            <translation>Demo district</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="73" />
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="76" />
            <source>Frame all data (H)</source>
            <translation>Frame all data (H)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="79" />
            <source>Settings…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="83" />
            <source>Navigation help</source>
            <translation>Navigation help</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="103" />
            <source>Open a ContextCapture production, Data/ or Tile_ folder</source>
            <translation>Open a ContextCapture production, Data/ or Tile_ folder</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="108" />
            <source>Open a tile file</source>
            <translation>Open a tile file</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="109" />
            <source>All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</source>
            <translation>All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="110" />
            <source>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</source>
            <translation>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="111" />
            <source>Rasters (*.tif *.tiff *.vrt *.img *.asc)</source>
            <translation>Rasters (*.tif *.tiff *.vrt *.img *.asc)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="112" />
            <source>Vectors (*.geojson *.json *.shp *.gpkg)</source>
            <translation>Vectors (*.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="113" />
            <location filename="../qml/Main.qml" line="119" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="118" />
            <source>Open a Liyuan project</source>
            <translation>Open a Liyuan project</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="119" />
            <location filename="../qml/Main.qml" line="126" />
            <source>Liyuan projects (*.liyuan.json)</source>
            <translation>Liyuan projects (*.liyuan.json)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="124" />
            <source>Save the project as</source>
            <translation>Save the project as</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="140" />
            <source>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</source>
            <translation>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="185" />
            <source>Unsaved changes from %1 can be recovered.</source>
            <translation>Unsaved changes from %1 can be recovered.</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="186" />
            <source>Recover</source>
            <translation>Recover</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="187" />
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/Main.qml" line="407" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="411" />
            <source>Dismiss</source>
            <translation>Dismiss</translation>
        </message>
    </context>
    <context>
        <name>PointOverlay</name>
        <message numerus="yes">
            <location filename="../qml/PointOverlay.qml" line="156" />
            <source>%n place(s) — click to zoom in</source>
            <translation>
                <numerusform>%n place — click to zoom in</numerusform>
                <numerusform>%n places — click to zoom in</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="7" />
            <source>Streaming settings</source>
            <translation>Streaming settings</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="27" />
            <source>Tile cache (MB)</source>
            <translation>Tile cache (MB)</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="29" />
            <source>Concurrent loads</source>
            <translation>Concurrent loads</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="31" />
            <source>LOD scale (higher = coarser)</source>
            <translation>LOD scale (higher = coarser)</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="36" />
            <source>Texture filtering</source>
            <translation>Texture filtering</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="37" />
            <source>Smooth distant textures (mipmaps; slower)</source>
            <translation>Smooth distant textures (mipmaps; slower)</translation>
        </message>
    </context>
    <context>
        <name>StatusLine</name>
        <message>
            <location filename="../qml/StatusLine.qml" line="14" />
            <source>Tiles drawn %1 · loading %2 · cached %3</source>
            <translation>Tiles drawn %1 · loading %2 · cached %3</translation>
        </message>
        <message>
            <location filename="../qml/StatusLine.qml" line="18" />
            <source>Cache %1 / %2 MB</source>
            <translation>Cache %1 / %2 MB</translation>
        </message>
        <message>
            <location filename="../qml/StatusLine.qml" line="21" />
            <source>%1 ms/frame</source>
            <translation>%1 ms/frame</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/StatusLine.qml" line="26" />
            <source>%n tile(s) failed</source>
            <translation>
                <numerusform>%n tile failed</numerusform>
                <numerusform>%n tiles failed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StyleDialog</name>
        <message>
            <location filename="../qml/StyleDialog.qml" line="10" />
            <source>Layer style</source>
            <translation>Layer style</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="77" />
            <source>Colour by</source>
            <translation>Colour by</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="81" />
            <source>Single colour</source>
            <translation>Single colour</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="81" />
            <source>Categories</source>
            <translation>Categories</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="81" />
            <source>Graduated ranges</source>
            <translation>Graduated ranges</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="83" />
            <source>Attribute</source>
            <translation>Attribute</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="88" />
            <source>Classify</source>
            <translation>Classify</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="95" />
            <source>Colour</source>
            <translation>Colour</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="100" />
            <source>Pick…</source>
            <translation>Pick…</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="115" />
            <source>Extrude</source>
            <translation>Extrude</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="116" />
            <source>Extrude polygons to a height</source>
            <translation>Extrude polygons to a height</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="117" />
            <source>Height attribute</source>
            <translation>Height attribute</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="121" />
            <source>(automatic)</source>
            <translation>(automatic)</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="123" />
            <source>Line width (m)</source>
            <translation>Line width (m)</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="138" />
            <source>Plane height (m, without terrain)</source>
            <translation>Plane height (m, without terrain)</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="138" />
            <source>Vertical offset (m)</source>
            <translation>Vertical offset (m)</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../src/SceneController.cpp" line="262" />
            <source>Generating the demo district…</source>
            <translation>Generating the demo district…</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="280" />
            <source>Could not generate the demo district: %1</source>
            <translation>Could not generate the demo district: %1</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="317" />
            <source>Points of interest</source>
            <translation>Points of interest</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="319" />
            <source>Heritage protection zones (height limits)</source>
            <translation>Heritage protection zones (height limits)</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="330" />
            <source>Streets</source>
            <translation>Streets</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="333" />
            <source>Building footprints</source>
            <translation>Building footprints</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="342" />
            <source>Liyuan district (photogrammetry)</source>
            <translation>Liyuan district (photogrammetry)</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="344" />
            <source>Orthophoto</source>
            <translation>Orthophoto</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="346" />
            <source>Terrain (DEM)</source>
            <translation>Terrain (DEM)</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="380" />
            <source>local frame (not georeferenced)</source>
            <translation>local frame (not georeferenced)</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="721" />
            <source>View %1</source>
            <translation>View %1</translation>
        </message>
    </context>
</TS>
