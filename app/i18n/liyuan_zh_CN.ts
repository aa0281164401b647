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
        <name>DrillPanel</name>
        <message>
            <location filename="../qml/DrillPanel.qml" line="28" />
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="31" />
            <source>One level up (Backspace)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="71" />
            <source>%1 floors · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="72" />
            <source>IFC storeys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="73" />
            <source>model floors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="74" />
            <source>sliced by elevation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="80" />
            <source>Collapse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="80" />
            <source>Explode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="84" />
            <source>Ghost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="88" />
            <source>Show the other floors ghosted instead of hiding them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../qml/DrillPanel.qml" line="111" />
            <source>↑/↓: next floor · Backspace: back</source>
            <translation type="unfinished" />
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
            <location filename="../qml/LayerPanel.qml" line="78" />
            <source>Show or hide</source>
            <translation>显示或隐藏</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="91" />
            <source>Photogrammetry</source>
            <translation>倾斜摄影</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="92" />
            <source>Terrain</source>
            <translation>地形</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="93" />
            <source>Imagery</source>
            <translation>影像</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="94" />
            <source>Vector</source>
            <translation>矢量</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="95" />
            <source>Points</source>
            <translation>点</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="97" />
            <source>%1 · loading %2%</source>
            <translation>%1 · 加载中 %2%</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="99" />
            <source>%1 · failed</source>
            <translation>%1 · 失败</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="110" />
            <source>Opacity, style and more</source>
            <translation>透明度、样式及更多</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="123" />
            <source>Zoom to</source>
            <translation>缩放至</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="128" />
            <source>Style…</source>
            <translation>样式…</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="133" />
            <source>Table</source>
            <translation>属性表</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="141" />
            <source>Move up</source>
            <translation>上移</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="148" />
            <source>Move down</source>
            <translation>下移</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="151" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="158" />
            <source>Opacity</source>
            <translation>不透明度</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="179" />
            <source>Bookmarks</source>
            <translation>书签</translation>
        </message>
        <message>
            <location filename="../qml/LayerPanel.qml" line="187" />
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
            <location filename="../qml/Main.qml" line="489" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="493" />
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
        <name>ReviewPanel</name>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="23" />
            <source>Click two points</source>
            <translation>点击两个点</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="24" />
            <source>Click the corners; double-click or Finish closes the area</source>
            <translation>依次点击角点；双击或“完成”闭合面积</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="25" />
            <source>Click a point: its height above the ground</source>
            <translation>点击一点：测量其离地高度</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="26" />
            <source>Click the viewpoint, then the target (eye height %1 m)</source>
            <translation>先点击视点，再点击目标（视高 %1 米）</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="33" />
            <source>Export review results as CSV</source>
            <translation>将审查结果导出为 CSV</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="36" />
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="41" />
            <source>Export review results as GeoJSON</source>
            <translation>将审查结果导出为 GeoJSON</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="44" />
            <source>GeoJSON files (*.geojson *.json)</source>
            <translation>GeoJSON 文件 (*.geojson *.json)</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="56" />
            <source>Review</source>
            <translation>审查</translation>
        </message>
        <message numerus="yes">
            <location filename="../qml/ReviewPanel.qml" line="59" />
            <source>%n over the height limit</source>
            <translation>
                <numerusform>%n 处超出限高</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="74" />
            <source>Distance</source>
            <translation>距离</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="75" />
            <source>Area</source>
            <translation>面积</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="76" />
            <source>Height</source>
            <translation>高度</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="77" />
            <source>Sightline</source>
            <translation>视线</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="88" />
            <source>Height-limit check</source>
            <translation>限高检查</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="104" />
            <source>Finish</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="109" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="115" />
            <source>Eye height (m)</source>
            <translation>视高（米）</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="129" />
            <source>Measurements and sightlines</source>
            <translation>测量与视线</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="153" />
            <source>Height limits: %1 zones, %2 buildings</source>
            <translation>限高：%1 个保护区，%2 栋建筑</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="175" />
            <source>%1: in no zone · %2 m</source>
            <translation>%1：不在保护区内 · %2 米</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="177" />
            <source>%1: %2 m, %3 m over the %4 m limit of %5</source>
            <translation>%1：%2 米，超出 %5 的 %4 米限高 %3 米</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="180" />
            <source>%1: %2 m within the %3 m limit</source>
            <translation>%1：%2 米，未超出 %3 米限高</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="188" />
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="189" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="190" />
            <source>Export GeoJSON…</source>
            <translation>导出 GeoJSON…</translation>
        </message>
        <message>
            <location filename="../qml/ReviewPanel.qml" line="195" />
            <source>GeoJSON in the projected CRS (default WGS84)</source>
            <translation>GeoJSON 使用投影坐标系（默认 WGS84）</translation>
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
            <location filename="../qml/StyleDialog.qml" line="79" />
            <source>Colour by</source>
            <translation>着色方式</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="83" />
            <source>Single colour</source>
            <translation>单一颜色</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="83" />
            <source>Categories</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="83" />
            <source>Graduated ranges</source>
            <translation>分级</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="85" />
            <source>Attribute</source>
            <translation>属性</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="90" />
            <source>Classify</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="97" />
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="102" />
            <source>Pick…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="117" />
            <source>Extrude</source>
            <translation>拉伸</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="118" />
            <source>Extrude polygons to a height</source>
            <translation>将面拉伸到高度</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="119" />
            <source>Height attribute</source>
            <translation>高度属性</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="123" />
            <source>(automatic)</source>
            <translation>（自动）</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="125" />
            <source>Line width (m)</source>
            <translation>线宽（米）</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="140" />
            <source>Plane height (m, without terrain)</source>
            <translation>平面高度（米，无地形时）</translation>
        </message>
        <message>
            <location filename="../qml/StyleDialog.qml" line="140" />
            <source>Vertical offset (m)</source>
            <translation>垂直偏移（米）</translation>
        </message>
    </context>
    <context>
        <name>liyuan::DrillDownController</name>
        <message>
            <location filename="../src/DrillDownController.cpp" line="222" />
            <source>District</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>liyuan::ReviewController</name>
        <message>
            <location filename="../src/ReviewController.cpp" line="156" />
            <source>visible · %1</source>
            <translation>可见 · %1</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="157" />
            <source>blocked at %1 of %2</source>
            <translation>在 %2 中的 %1 处被遮挡</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="169" />
            <source>3D %1 · horizontal %2 · vertical %3</source>
            <translation>三维 %1 · 水平 %2 · 垂直 %3</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="173" />
            <source>horizontal %1 m² · 3D %2 m² · perimeter %3</source>
            <translation>水平 %1 平方米 · 三维 %2 平方米 · 周长 %3</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="179" />
            <source>%1 above the ground</source>
            <translation>离地 %1</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="317" />
            <source>Nothing there to measure on</source>
            <translation>此处没有可测量的表面</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="334" />
            <source>Distance</source>
            <translation>距离</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="337" />
            <source>Height</source>
            <translation>高度</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="342" />
            <source>Sightline</source>
            <translation>视线</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="355" />
            <source>An area needs at least three distinct points</source>
            <translation>面积至少需要三个不同的点</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="358" />
            <source>Area</source>
            <translation>面积</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="621" />
            <source>No protection zones: no vector layer has a %1 attribute</source>
            <translation>没有保护区：没有矢量图层含有 %1 属性</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="625" />
            <source>Nothing to check: no visible model or extruded footprint layer</source>
            <translation>无可检查对象：没有可见的模型或拉伸建筑轮廓图层</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="662" />
            <location filename="../src/ReviewController.cpp" line="699" />
            <source>No file to export to</source>
            <translation>未指定导出文件</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="691" />
            <location filename="../src/ReviewController.cpp" line="708" />
            <source>Exported %1</source>
            <translation>已导出 %1</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="763" />
            <source>visible</source>
            <translation>可见</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="768" />
            <source>blocked at %1</source>
            <translation>在 %1 处被遮挡</translation>
        </message>
        <message>
            <location filename="../src/ReviewController.cpp" line="790" />
            <source>%1: +%2 over %3 m</source>
            <translation>%1：超出 %3 米限高 %2</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../src/SceneController.cpp" line="295" />
            <source>Generating the demo district…</source>
            <translation>正在生成示范街区…</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="313" />
            <source>Could not generate the demo district: %1</source>
            <translation>无法生成示范街区：%1</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="350" />
            <source>Points of interest</source>
            <translation>兴趣点</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="352" />
            <source>Heritage protection zones (height limits)</source>
            <translation>历史文化保护区（限高）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="363" />
            <source>Streets</source>
            <translation>街道</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="366" />
            <source>Building footprints</source>
            <translation>建筑轮廓</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="375" />
            <source>Liyuan district (photogrammetry)</source>
            <translation>里院街区（倾斜摄影）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="377" />
            <source>Orthophoto</source>
            <translation>正射影像</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="379" />
            <source>Terrain (DEM)</source>
            <translation>地形（DEM）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="416" />
            <source>local frame (not georeferenced)</source>
            <translation>局部坐标（无地理参考）</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="764" />
            <source>View %1</source>
            <translation>视图 %1</translation>
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="905" />
            <source>--focus: no building '%1' in the registry %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../src/SceneController.cpp" line="914" />
            <source>--focus: building '%1' has no floor '%2'</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
