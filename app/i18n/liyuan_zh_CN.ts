<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AttributeTable</name>
        <message>
            <location filename="../qml/AttributeTable.qml" line="61" />
            <source>Search all columns…</source>
            <translation>搜索所有列…</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="75" />
            <source>Clear the search</source>
            <translation>清除搜索</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/AttributeTable.qml" line="80" />
            <source>%n feature(s)</source>
            <translation>
                <numerusform>%n 个要素</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="81" />
            <source>%1 of %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="129" />
            <source>Sort by %1</source>
            <translation>按 %1 排序</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="187" />
            <source>No features</source>
            <translation>没有要素</translation>
        </message>
        <message>
            <location filename="../qml/AttributeTable.qml" line="188" />
            <source>No feature matches “%1”</source>
            <translation>没有要素匹配“%1”</translation>
        </message>
    </context>
    <context>
        <name>LayerPanel</name>
        <message>
            <location filename="../qml/LayerPanel.qml" line="23" />
            <source>Layers</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="28" />
            <source>Drop files here, or use Open.</source>
            <translation>将文件拖到这里，或使用“打开”。</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="64" />
            <source>Show or hide</source>
            <translation>显示或隐藏</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="77" />
            <source>Photogrammetry</source>
            <translation>倾斜摄影</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="78" />
            <source>Terrain</source>
            <translation>地形</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="79" />
            <source>Imagery</source>
            <translation>影像</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="80" />
            <source>Vector</source>
            <translation>矢量</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="81" />
            <source>Points</source>
            <translation>点</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="83" />
            <source>%1 · loading %2%</source>
            <translation>%1 · 加载中 %2%</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="85" />
            <source>%1 · failed</source>
            <translation>%1 · 失败</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="96" />
            <source>Opacity, style and more</source>
            <translation>透明度、样式及更多</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="109" />
            <source>Zoom to</source>
            <translation>缩放至</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="114" />
            <source>Style…</source>
            <translation>样式…</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="119" />
            <source>Table</source>
            <translation>属性表</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="127" />
            <source>Move up</source>
            <translation>上移</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="134" />
            <source>Move down</source>
            <translation>下移</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="137" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="144" />
            <source>Opacity</source>
            <translation>不透明度</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="165" />
            <source>Bookmarks</source>
            <translation>书签</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="173" />
            <source>Bookmark this view</source>
            <translation>将当前视图加入书签</translation>
        </message>
    </context>
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
            <source>Project</source>
            <translation>工程</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="30" />
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="31" />
            <source>Open project…</source>
            <translation>打开工程…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="33" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="36" />
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="39" />
            <source>Recent projects</source>
            <translation>最近的工程</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="53" />
            <source>Layers</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="60" />
            <source>Open folder…</source>
            <translation>打开文件夹…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="64" />
            <source>Open file…</source>
            <translation>打开文件…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="68" />
            <source>Demo district</source>
            <translation>示范街区</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="73" />
            <source>Home</source>
            <translation>全图</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="76" />
            <source>Frame all data (H)</source>
            <translation>显示全部数据 (H)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="79" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="83" />
            <source>Navigation help</source>
            <translation>操作说明</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="103" />
            <source>Open a ContextCapture production, Data/ or Tile_ folder</source>
            <translation>打开 ContextCapture 成果、Data/ 或 Tile_ 文件夹</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="108" />
            <source>Open a tile file</source>
            <translation>打开瓦片文件</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="109" />
            <source>All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</source>
            <translation>所有支持的格式 (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="110" />
            <source>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</source>
            <translation>OpenSceneGraph 瓦片 (*.osgb *.osgt *.ive)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="111" />
            <source>Rasters (*.tif *.tiff *.vrt *.img *.asc)</source>
            <translation>栅格 (*.tif *.tiff *.vrt *.img *.asc)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="112" />
            <source>Vectors (*.geojson *.json *.shp *.gpkg)</source>
            <translation>矢量 (*.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="113" />
            <location filename="../qml/Main.qml" line="119" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="118" />
            <source>Open a Liyuan project</source>
            <translation>打开里院工程</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="119" />
            <location filename="../qml/Main.qml" line="126" />
            <source>Liyuan projects (*.liyuan.json)</source>
            <translation>里院工程 (*.liyuan.json)</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="124" />
            <source>Save the project as</source>
            <translation>工程另存为</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="140" />
            <source>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</source>
            <translation>&lt;b&gt;鼠标&lt;/b&gt;&lt;br&gt;左键拖动：平移（抓住的点始终在光标下）&lt;br&gt;右键拖动或 Ctrl+左键拖动：绕光标下的点旋转&lt;br&gt;中键拖动：俯仰&lt;br&gt;滚轮：向光标处缩放&lt;br&gt;双击：飞到该点&lt;br&gt;&lt;br&gt;&lt;b&gt;键盘&lt;/b&gt;&lt;br&gt;W A S D / 方向键：移动&lt;br&gt;Q / E、Page Down / Page Up：下降 / 上升&lt;br&gt;J / L：左转 / 右转 · I / K：抬头 / 低头&lt;br&gt;+ / −：缩放 · H / Home：全图&lt;br&gt;Shift：加速</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="185" />
            <source>Unsaved changes from %1 can be recovered.</source>
            <translation>可以恢复 %1 未保存的更改。</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="186" />
            <source>Recover</source>
            <translation>恢复</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="187" />
            <source>Discard</source>
            <translation>丢弃</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/Main.qml" line="407" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="411" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>PointOverlay</name>
        <message numerus="yes">
            <location filename="../qml/PointOverlay.qml" line="156" />
            <source>%n place(s) — click to zoom in</source>
            <translation>
                <numerusform>%n 个地点 — 点击放大</numerusform>
            </translation>
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
            <location filename="../qml/SettingsDialog.qml" line="27" />
            <source>Tile cache (MB)</source>
            <translation>瓦片缓存 (MB)</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="29" />
            <source>Concurrent loads</source>
            <translation>并发加载数</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="31" />
            <source>LOD scale (higher = coarser)</source>
            <translation>LOD 比例（越大越粗）</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="36" />
            <source>Texture filtering</source>
            <translation>纹理过滤</translation>
        </message>
        <message>
            <location filename="../qml/SettingsDialog.qml" line="37" />
            <source>Smooth distant textures (mipmaps; slower)</source>
            <translation>平滑远处纹理（mipmap，较慢）</translation>
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
        <name>StyleDialog</name>
        <message>
            <location filename="../qml/StyleDialog.qml" line="10" />
            <source>Layer style</source>
            <translation>图层样式</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="77" />
            <source>Colour by</source>
            <translation>着色方式</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="81" />
            <source>Single colour</source>
            <translation>单一颜色</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="81" />
            <source>Categories</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="81" />
            <source>Graduated ranges</source>
            <translation>分级</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="83" />
            <source>Attribute</source>
            <translation>属性</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="88" />
            <source>Classify</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="95" />
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="100" />
            <source>Pick…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="115" />
            <source>Extrude</source>
            <translation>拉伸</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="116" />
            <source>Extrude polygons to a height</source>
            <translation>将面拉伸到高度</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="117" />
            <source>Height attribute</source>
            <translation>高度属性</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="121" />
            <source>(automatic)</source>
            <translation>（自动）</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="123" />
            <source>Line width (m)</source>
            <translation>线宽（米）</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="138" />
            <source>Plane height (m, without terrain)</source>
            <translation>平面高度（米，无地形时）</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="138" />
            <source>Vertical offset (m)</source>
            <translation>垂直偏移（米）</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../src/SceneController.cpp" line="262" />
            <source>Generating the demo district…</source>
            <translation>正在生成示范街区…</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="280" />
            <source>Could not generate the demo district: %1</source>
            <translation>无法生成示范街区：%1</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="317" />
            <source>Points of interest</source>
            <translation>兴趣点</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="319" />
            <source>Heritage protection zones (height limits)</source>
            <translation>历史文化保护区（限高）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="330" />
            <source>Streets</source>
            <translation>街道</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="333" />
            <source>Building footprints</source>
            <translation>建筑轮廓</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="342" />
            <source>Liyuan district (photogrammetry)</source>
            <translation>里院街区（倾斜摄影）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="344" />
            <source>Orthophoto</source>
            <translation>正射影像</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="346" />
            <source>Terrain (DEM)</source>
            <translation>地形（DEM）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="380" />
            <source>local frame (not georeferenced)</source>
            <translation>局部坐标（无地理参考）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="721" />
            <source>View %1</source>
            <translation>视图 %1</translation>
        </message>
    </context>
</TS>
