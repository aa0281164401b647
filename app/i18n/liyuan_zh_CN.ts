<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>Main</name>
        <message>
            <location filename="../qml/Main.qml" line="14" />
            <source>Liyuan — %1</source>
            <translation>里院 — %1</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="15" />
            <source>Liyuan — digital-twin city viewer</source>
            <translation>里院 — 数字孪生城市三维浏览器</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="25" />
            <source>Open folder…</source>
            <translation>打开文件夹…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="29" />
            <source>Open file…</source>
            <translation>打开文件…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="33" />
            <source>Demo district</source>
            <translation>示范街区</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="38" />
            <source>Home</source>
            <translation>全图</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <source>Frame all data (H)</source>
            <translation>显示全部数据 (H)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="44" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="48" />
            <source>Navigation help</source>
            <translation>操作说明</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="68" />
            <source>Open a ContextCapture production, Data/ or Tile_ folder</source>
            <translation>打开 ContextCapture 成果、Data/ 或 Tile_ 文件夹</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="73" />
            <source>Open a tile file</source>
            <translation>打开瓦片文件</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="74" />
            <source>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</source>
            <translation>OpenSceneGraph 瓦片 (*.osgb *.osgt *.ive)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="74" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="88" />
            <source>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</source>
            <translation>&lt;b&gt;鼠标&lt;/b&gt;&lt;br&gt;左键拖动：平移（抓住的点始终在光标下）&lt;br&gt;右键拖动或 Ctrl+左键拖动：绕光标下的点旋转&lt;br&gt;中键拖动：俯仰&lt;br&gt;滚轮：向光标处缩放&lt;br&gt;双击：飞到该点&lt;br&gt;&lt;br&gt;&lt;b&gt;键盘&lt;/b&gt;&lt;br&gt;W A S D / 方向键：移动&lt;br&gt;Q / E、Page Down / Page Up：下降 / 上升&lt;br&gt;J / L：左转 / 右转 · I / K：抬头 / 低头&lt;br&gt;+ / −：缩放 · H / Home：全图&lt;br&gt;Shift：加速</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/Main.qml" line="247" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="251" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="7" />
            <source>Streaming settings</source>
            <translation>加载设置</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="25" />
            <source>Tile cache (MB)</source>
            <translation>瓦片缓存 (MB)</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="27" />
            <source>Concurrent loads</source>
            <translation>并发加载数</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="29" />
            <source>LOD scale (higher = coarser)</source>
            <translation>LOD 比例（越大越粗）</translation>
        </message>
    </context>
    <context>
        <name>StatusLine</name>
        <message>
            <location filename="../qml/StatusLine.qml" line="14" />
            <source>Tiles drawn %1 · loading %2 · cached %3</source>
            <translation>绘制瓦片 %1 · 加载中 %2 · 已缓存 %3</translation>
        </message>
        <message>
            <location filename="../qml/StatusLine.qml" line="18" />
            <source>Cache %1 / %2 MB</source>
            <translation>缓存 %1 / %2 MB</translation>
        </message>
        <message>
            <location filename="../qml/StatusLine.qml" line="21" />
            <source>%1 ms/frame</source>
            <translation>%1 毫秒/帧</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/StatusLine.qml" line="26" />
            <source>%n tile(s) failed</source>
            <translation>
                <numerusform>%n 个瓦片加载失败</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../src/SceneController.cpp" line="187" />
            <source>Generating the demo district…</source>
            <translation>正在生成示范街区…</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="205" />
            <source>Could not generate the demo district: %1</source>
            <translation>无法生成示范街区：%1</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="226" />
            <source>local frame (not georeferenced)</source>
            <translation>局部坐标（无地理参考）</translation>
        </message>
    </context>
</TS>
