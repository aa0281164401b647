<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
            <source>Open folder…</source>
            <translation>Open folder…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="29" />
            <source>Open file…</source>
            <translation>Open file…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="33" />
            <source>Demo district</source>
            <translation>Demo district</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="38" />
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <source>Frame all data (H)</source>
            <translation>Frame all data (H)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="44" />
            <source>Settings…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="48" />
            <source>Navigation help</source>
            <translation>Navigation help</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="68" />
            <source>Open a ContextCapture production, Data/ or Tile_ folder</source>
            <translation>Open a ContextCapture production, Data/ or Tile_ folder</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="73" />
            <source>Open a tile file</source>
            <translation>Open a tile file</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="74" />
            <source>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</source>
            <translation>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="74" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="88" />
            <source>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</source>
            <translation>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/Main.qml" line="247" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="251" />
            <source>Dismiss</source>
            <translation>Dismiss</translation>
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
            <location filename="../qml/SettingsDialog.qml" line="25" />
            <source>Tile cache (MB)</source>
            <translation>Tile cache (MB)</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="27" />
            <source>Concurrent loads</source>
            <translation>Concurrent loads</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="29" />
            <source>LOD scale (higher = coarser)</source>
            <translation>LOD scale (higher = coarser)</translation>
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
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../src/SceneController.cpp" line="187" />
            <source>Generating the demo district…</source>
            <translation>Generating the demo district…</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="205" />
            <source>Could not generate the demo district: %1</source>
            <translation>Could not generate the demo district: %1</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="226" />
            <source>local frame (not georeferenced)</source>
            <translation>local frame (not georeferenced)</translation>
        </message>
    </context>
</TS>
