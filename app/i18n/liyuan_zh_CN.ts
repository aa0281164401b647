<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AttributeTable</name>
        <message>
            <location filename="../layers/AttributeTable.qml" line="61" />
            <source>Search all columns…</source>
            <translation>搜索所有列…</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="75" />
            <source>Clear the search</source>
            <translation>清除搜索</translation>
        </message>
        <message numerus="yes">
            <location filename="../layers/AttributeTable.qml" line="80" />
            <source>%n feature(s)</source>
            <translation>
                <numerusform>%n 个要素</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="81" />
            <source>%1 of %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="129" />
            <source>Sort by %1</source>
            <translation>按 %1 排序</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="187" />
            <source>No features</source>
            <translation>没有要素</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="188" />
            <source>No feature matches “%1”</source>
            <translation>没有要素匹配“%1”</translation>
        </message>
    </context>
    <context>
        <name>CalibrationDialog</name>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="28" />
            <source>Calibrate %1</source>
            <translation>标定 %1</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="36" />
            <source>Now click the same point in the 3D view.</source>
            <translation>现在在三维视图中点击同一点。</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="37" />
            <source>Click a point in the picture (a corner, a kerb, a window).</source>
            <translation>在画面中点击一个点（墙角、路缘、窗户）。</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="87" />
            <source>(pick in the scene)</source>
            <translation>（在场景中拾取）</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="88" />
            <source> · %1 px</source>
            <translation> · %1 像素</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="95" />
            <source>Solve</source>
            <translation>解算</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="96" />
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="98" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
    </context>
    <context>
        <name>CameraPanel</name>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="18" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>online</source>
            <translation>在线</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="18" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>streaming</source>
            <translation>播放中</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="18" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="19" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>authentication failed</source>
            <translation>认证失败</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="19" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="27" />
            <source>Open a camera registry</source>
            <translation>打开摄像机台账</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="28" />
            <source>Camera registries (*.json *.gpkg)</source>
            <translation>摄像机台账 (*.json *.gpkg)</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="28" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="37" />
            <source>Cameras</source>
            <translation>摄像机</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="43" />
            <source>%1 of %2 shown</source>
            <translation>显示 %1 / %2</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="44" />
            <source>not loaded</source>
            <translation>未加载</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="45" />
            <source>no registry</source>
            <translation>无台账</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="45" />
            <source>loading…</source>
            <translation>加载中…</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="47" />
            <source>Show the cameras</source>
            <translation>显示摄像机</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="48" />
            <source>Open…</source>
            <translation>打开…</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="53" />
            <source>All departments</source>
            <translation>全部部门</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>Any state</source>
            <translation>任意状态</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="67" />
            <source>All tags</source>
            <translation>全部标签</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="72" />
            <source>Search name or id</source>
            <translation>搜索名称或编号</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="120" />
            <source>%1 · %2 · heading %3°, pitch %4°, field of view %5°, range %6 m%7</source>
            <translation>%1 · %2 · 方位 %3°，俯仰 %4°，视场角 %5°，视距 %6 米%7</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="124" />
            <source> · PTZ</source>
            <translation> · 云台</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="129" />
            <source>Live video</source>
            <translation>实时视频</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="131" />
            <source>Stop projecting</source>
            <translation>停止投射</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="131" />
            <source>Project</source>
            <translation>工程</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="134" />
            <source>Drape the live picture onto the scene (%1 at once)</source>
            <translation>将实时画面投射到场景上（最多同时 %1 路）</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="136" />
            <source>Look through</source>
            <translation>以此视角观看</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="137" />
            <source>Calibrate…</source>
            <translation>标定…</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="142" />
            <source>Projection opacity</source>
            <translation>投射不透明度</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="156" />
            <source>Projected: %1</source>
            <translation>已投射：%1</translation>
        </message>
    </context>
    <context>
        <name>CaptionOverlay</name>
        <message>
            <location filename="../presenter/CaptionOverlay.qml" line="44" />
            <source>%1 — step %2 of %3%4</source>
            <translation>%1 — 第 %2 / %3 步%4</translation>
        </message>
        <message>
            <location filename="../presenter/CaptionOverlay.qml" line="45" />
            <source> (paused)</source>
            <translation>（已暂停）</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <location filename="../schemes/CompareView.qml" line="28" />
            <source>Today (no scheme)</source>
            <translation>现状（无方案）</translation>
        </message>
    </context>
    <context>
        <name>DrillPanel</name>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="32" />
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="35" />
            <source>One level up (Backspace)</source>
            <translation>返回上一级 (Backspace)</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="75" />
            <source>%1 floors · %2</source>
            <translation>%1 层 · %2</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="76" />
            <source>IFC storeys</source>
            <translation>IFC 楼层</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="77" />
            <source>model floors</source>
            <translation>模型楼层</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="78" />
            <source>sliced by elevation</source>
            <translation>按标高切分</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="84" />
            <source>Collapse</source>
            <translation>合拢</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="84" />
            <source>Explode</source>
            <translation>展开</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="88" />
            <source>Ghost</source>
            <translation>半透明</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="92" />
            <source>Show the other floors ghosted instead of hiding them</source>
            <translation>其他楼层半透明显示而不隐藏</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="115" />
            <source>↑/↓: next floor · Backspace: back</source>
            <translation>↑/↓：切换楼层 · Backspace：返回</translation>
        </message>
    </context>
    <context>
        <name>EventPanel</name>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>info</source>
            <translation>提示</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>critical</source>
            <translation>紧急</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="66" />
            <source>Events (%1, %2 unacknowledged)</source>
            <translation>事件（%1 条，%2 条未确认）</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="82" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="94" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="94" />
            <source>Place by click</source>
            <translation>点击放置</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="102" />
            <source>Click in the view where the %1 is</source>
            <translation>在视图中点击%1的位置</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="113" />
            <source>All types</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="118" />
            <source>≥ %1</source>
            <translation>≥ %1</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="128" />
            <source>Unacknowledged only</source>
            <translation>仅未确认</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="135" />
            <source>Acknowledge all</source>
            <translation>全部确认</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="173" />
            <source>%1 m</source>
            <translation>%1 米</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="174" />
            <source>%1 km</source>
            <translation>%1 千米</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="185" />
            <source>Acknowledge</source>
            <translation>确认</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="193" />
            <source>No events. They arrive over MQTT (an event mapping), from --event, or by a click.</source>
            <translation>暂无事件。事件来自 MQTT（事件映射）、--event 参数或点击放置。</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="209" />
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="216" />
            <source>Go</source>
            <translation>前往</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="218" />
            <source>Fly to the event and open the feeds of the cameras that see it</source>
            <translation>飞至事件位置并打开能看到它的摄像机画面</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="222" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="235" />
            <source>x %1  y %2  z %3</source>
            <translation>x %1  y %2  z %3</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="237" />
            <source>(finding the ground…)</source>
            <translation>（正在确定地面高度…）</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="242" />
            <source>Who sees it</source>
            <translation>谁能看到</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="245" />
            <source>No camera layer</source>
            <translation>无摄像机图层</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="251" />
            <source>No camera sees this point</source>
            <translation>没有摄像机能看到此处</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="260" />
            <source>%1. %2 — %3 m</source>
            <translation>%1. %2 — %3 米</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="270" />
            <source>Nearby</source>
            <translation>附近</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="271" />
            <source>Radius (m)</source>
            <translation>半径（米）</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="296" />
            <source>No point layer</source>
            <translation>无点图层</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="296" />
            <source>Nothing within the radius</source>
            <translation>半径内没有要素</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="304" />
            <source>%1 — %2 m (%3)</source>
            <translation>%1 — %2 米（%3）</translation>
        </message>
    </context>
    <context>
        <name>FloorPanel</name>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="42" />
            <source>Power</source>
            <translation>用电</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="44" />
            <source>Water</source>
            <translation>用水</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="83" />
            <source>24 h · power / water</source>
            <translation>24 小时 · 用电 / 用水</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="88" />
            <source>Devices (%1)</source>
            <translation>设备 (%1)</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="125" />
            <source>Tenants</source>
            <translation>租户</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="136" />
            <source>Alarms</source>
            <translation>告警</translation>
        </message>
    </context>
    <context>
        <name>KioskOverlay</name>
        <message>
            <location filename="../kiosk/KioskOverlay.qml" line="16" />
            <source>Liyuan</source>
            <translation>里院</translation>
        </message>
    </context>
    <context>
        <name>LayerPanel</name>
        <message>
            <location filename="../layers/LayerPanel.qml" line="23" />
            <source>Layers</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="28" />
            <source>Drop files here, or use Open.</source>
            <translation>将文件拖到这里，或使用“打开”。</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="81" />
            <source>Show or hide</source>
            <translation>显示或隐藏</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="94" />
            <source>Photogrammetry</source>
            <translation>倾斜摄影</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="95" />
            <location filename="../layers/LayerPanel.qml" line="166" />
            <source>Terrain</source>
            <translation>地形</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="96" />
            <location filename="../layers/LayerPanel.qml" line="167" />
            <source>Imagery</source>
            <translation>影像</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="97" />
            <source>Vector</source>
            <translation>矢量</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="98" />
            <source>Points</source>
            <translation>点</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="100" />
            <source>%1 · loading %2%</source>
            <translation>%1 · 加载中 %2%</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="102" />
            <source>%1 · failed</source>
            <translation>%1 · 失败</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="114" />
            <source>Opacity, style and more</source>
            <translation>透明度、样式及更多</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="127" />
            <source>Zoom to</source>
            <translation>缩放至</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="132" />
            <source>Style…</source>
            <translation>样式…</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="137" />
            <source>Table</source>
            <translation>属性表</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="145" />
            <source>Move up</source>
            <translation>上移</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="152" />
            <source>Move down</source>
            <translation>下移</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="155" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="164" />
            <source>Show as</source>
            <translation>显示为</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="166" />
            <source>Auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="175" />
            <source>Reload this raster as %1</source>
            <translation>将此栅格重新加载为%1</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="176" />
            <source>Decided from the data: %1</source>
            <translation>由数据判定：%1</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="183" />
            <source>Opacity</source>
            <translation>不透明度</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="204" />
            <source>Bookmarks</source>
            <translation>书签</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="212" />
            <source>Bookmark this view</source>
            <translation>将当前视图加入书签</translation>
        </message>
    </context>
    <context>
        <name>LivePanel</name>
        <message>
            <location filename="../live/LivePanel.qml" line="35" />
            <source>Connect…</source>
            <translation>连接…</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="38" />
            <source>%1 messages · %2 rejected · last %3</source>
            <translation>%1 条消息 · %2 条被拒 · 最近 %3</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="45" />
            <source>Alarms (%1)</source>
            <translation>告警 (%1)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="77" />
            <source>Live data (MQTT)</source>
            <translation>实时数据 (MQTT)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="81" />
            <source>Broker URL</source>
            <translation>代理地址</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="83" />
            <source>Client id</source>
            <translation>客户端 ID</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="84" />
            <source>(random)</source>
            <translation>（随机）</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="85" />
            <source>User</source>
            <translation>用户名</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="87" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="88" />
            <source>kept in memory only</source>
            <translation>仅保存在内存中</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="89" />
            <source>CA file (TLS)</source>
            <translation>CA 证书 (TLS)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="91" />
            <source>system trust store</source>
            <translation>系统信任库</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="98" />
            <source>PEM certificates (*.pem *.crt)</source>
            <translation>PEM 证书 (*.pem *.crt)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="98" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <location filename="../shell/Main.qml" line="14" />
            <source>Liyuan — %1</source>
            <translation>里院 — %1</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="15" />
            <source>Liyuan — digital-twin city viewer</source>
            <translation>里院 — 数字孪生城市三维浏览器</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="25" />
            <source>Project</source>
            <translation>工程</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="30" />
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="31" />
            <source>Open project…</source>
            <translation>打开工程…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="33" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="36" />
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="39" />
            <source>Recent projects</source>
            <translation>最近的工程</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="53" />
            <source>Layers</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="60" />
            <source>Cameras</source>
            <translation>摄像机</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="67" />
            <source>Schemes</source>
            <translation>方案</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="74" />
            <source>Record…</source>
            <translation>录制…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="80" />
            <source>Presenter</source>
            <translation>演示</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="87" />
            <source>Open folder…</source>
            <translation>打开文件夹…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="91" />
            <source>Open file…</source>
            <translation>打开文件…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="95" />
            <source>Demo district</source>
            <translation>示范街区</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="100" />
            <source>Home</source>
            <translation>全图</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="103" />
            <source>Frame all data (H)</source>
            <translation>显示全部数据 (H)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="106" />
            <source>Section</source>
            <translation>剖切</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="109" />
            <source>Clipping box and section plane, for every layer</source>
            <translation>裁剪盒与剖切面，作用于所有图层</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="114" />
            <source>Clip to the selection</source>
            <translation>裁剪到所选对象</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="119" />
            <source>Cut above the selection's middle</source>
            <translation>在所选对象中部以上剖切</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="124" />
            <source>Cut above %1 m</source>
            <translation>在 %1 米以上剖切</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="129" />
            <source>Height</source>
            <translation>高度</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="133" />
            <source>No section</source>
            <translation>不剖切</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="137" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="141" />
            <source>Navigation help</source>
            <translation>操作说明</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="161" />
            <source>Open a ContextCapture production, Data/ or Tile_ folder</source>
            <translation>打开 ContextCapture 成果、Data/ 或 Tile_ 文件夹</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="166" />
            <source>Open a tile file</source>
            <translation>打开瓦片文件</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="167" />
            <source>All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</source>
            <translation>所有支持的格式 (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="168" />
            <source>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</source>
            <translation>OpenSceneGraph 瓦片 (*.osgb *.osgt *.ive)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="169" />
            <source>Rasters (*.tif *.tiff *.vrt *.img *.asc)</source>
            <translation>栅格 (*.tif *.tiff *.vrt *.img *.asc)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="170" />
            <source>Vectors (*.geojson *.json *.shp *.gpkg)</source>
            <translation>矢量 (*.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="171" />
            <location filename="../shell/Main.qml" line="177" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="176" />
            <source>Open a Liyuan project</source>
            <translation>打开里院工程</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="177" />
            <location filename="../shell/Main.qml" line="184" />
            <source>Liyuan projects (*.liyuan.json)</source>
            <translation>里院工程 (*.liyuan.json)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="182" />
            <source>Save the project as</source>
            <translation>工程另存为</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="198" />
            <source>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</source>
            <translation>&lt;b&gt;鼠标&lt;/b&gt;&lt;br&gt;左键拖动：平移（抓住的点始终在光标下）&lt;br&gt;右键拖动或 Ctrl+左键拖动：绕光标下的点旋转&lt;br&gt;中键拖动：俯仰&lt;br&gt;滚轮：向光标处缩放&lt;br&gt;双击：飞到该点&lt;br&gt;&lt;br&gt;&lt;b&gt;键盘&lt;/b&gt;&lt;br&gt;W A S D / 方向键：移动&lt;br&gt;Q / E、Page Down / Page Up：下降 / 上升&lt;br&gt;J / L：左转 / 右转 · I / K：抬头 / 低头&lt;br&gt;+ / −：缩放 · H / Home：全图&lt;br&gt;Shift：加速</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="246" />
            <source>Unsaved changes from %1 can be recovered.</source>
            <translation>可以恢复 %1 未保存的更改。</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="247" />
            <source>Recover</source>
            <translation>恢复</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="248" />
            <source>Discard</source>
            <translation>丢弃</translation>
        </message>
        <message numerus="yes">
            <location filename="../shell/Main.qml" line="843" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="847" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>PlacementPanel</name>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="20" />
            <source>Place a building model</source>
            <translation>放置建筑模型</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="21" />
            <source>Building models (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)</source>
            <translation>建筑模型 (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="21" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="33" />
            <source>Place model…</source>
            <translation>放置模型…</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="38" />
            <source>Edit models</source>
            <translation>编辑模型</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="42" />
            <source>Click a model in the view to move, turn or scale it</source>
            <translation>在视图中点击模型以移动、旋转或缩放</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="49" />
            <source>Click on the mesh or the terrain to place %1</source>
            <translation>在模型或地形上点击以放置 %1</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="53" />
            <location filename="../placement/PlacementPanel.qml" line="126" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="63" />
            <source>Placing %1</source>
            <translation>正在放置 %1</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="72" />
            <source>Easting</source>
            <translation>东坐标</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="79" />
            <source>Northing</source>
            <translation>北坐标</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="86" />
            <source>Height</source>
            <translation>高度</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="94" />
            <source>Heading (°)</source>
            <translation>方位角 (°)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="101" />
            <source>Scale</source>
            <translation>缩放</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="110" />
            <source>Snap to the ground</source>
            <translation>贴地</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="116" />
            <source>Drag the ring to turn, the disc or arrows to move, the cube to scale. Arrows: 1 m (Shift 10 m) · [ ]: turn 5° · + −: scale · Enter: done · Esc: cancel</source>
            <translation>拖动圆环旋转，拖动圆盘或箭头移动，拖动立方体缩放。方向键：1 米（Shift 10 米）· [ ]：旋转 5° · + −：缩放 · Enter：完成 · Esc：取消</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="125" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
    </context>
    <context>
        <name>PointOverlay</name>
        <message numerus="yes">
            <location filename="../layers/PointOverlay.qml" line="156" />
            <source>%n place(s) — click to zoom in</source>
            <translation>
                <numerusform>%n 个地点 — 点击放大</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PresenterPanel</name>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="31" />
            <source>Views</source>
            <translation>视图</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="38" />
            <source>Name of the view</source>
            <translation>视图名称</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="42" />
            <source>Add current view</source>
            <translation>添加当前视图</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="48" />
            <source>No saved views: frame the scene, then add it</source>
            <translation>尚无保存的视图：调整好画面后添加</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="63" />
            <source>Edit to rename</source>
            <translation>编辑以重命名</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="65" />
            <source>Go</source>
            <translation>前往</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="76" />
            <source>Add to the tour</source>
            <translation>加入导览</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="83" />
            <source>Tours</source>
            <translation>导览</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="96" />
            <source>Name of a new tour</source>
            <translation>新导览名称</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="99" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="112" />
            <source>Add step</source>
            <translation>添加步骤</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="154" />
            <source>Seconds</source>
            <translation>秒</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="163" />
            <source>Flight</source>
            <translation>飞行</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="163" />
            <source>Cut</source>
            <translation>切换</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="163" />
            <source>Cross-fade</source>
            <translation>淡入淡出</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="175" />
            <source>Transition (seconds)</source>
            <translation>过渡（秒）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="180" />
            <source>Caption (Chinese)</source>
            <translation>字幕（中文）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="186" />
            <source>Caption (English)</source>
            <translation>字幕（英文）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="198" />
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="199" />
            <source>Resume</source>
            <translation>继续</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="199" />
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="208" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="213" />
            <source>Loop</source>
            <translation>循环</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="221" />
            <source>%1 / %2 s</source>
            <translation>%1 / %2 秒</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="222" />
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="229" />
            <source>While a tour is loaded: PageDown/Right next, PageUp/Left previous, B or . blank, F5 play/stop, Esc stop</source>
            <translation>导览加载时：PageDown/→ 下一步，PageUp/← 上一步，B 或 . 黑屏，F5 播放/停止，Esc 停止</translation>
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message>
            <location filename="../recording/RecordDialog.qml" line="11" />
            <source>Record video</source>
            <translation>录制视频</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="31" />
            <source>MP4 video (*.mp4)</source>
            <translation>MP4 视频 (*.mp4)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="38" />
            <source>Camera path (*.path *.txt)</source>
            <translation>相机路径 (*.path *.txt)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="38" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="53" />
            <source>Tour</source>
            <translation>导览</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="61" />
            <source>Camera path</source>
            <translation>相机路径</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="62" />
            <source>path file</source>
            <translation>路径文件</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="63" />
            <location filename="../recording/RecordDialog.qml" line="85" />
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="65" />
            <source>Frames per second</source>
            <translation>每秒帧数</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="68" />
            <source>Size</source>
            <translation>尺寸</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="76" />
            <source>Quality</source>
            <translation>质量</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="80" />
            <source>x264 constant quality: lower is better (0 lossless, 20 default)</source>
            <translation>x264 恒定质量：数值越小越好（0 无损，默认 20）</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="83" />
            <source>Output file</source>
            <translation>输出文件</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="84" />
            <source>tour.mp4</source>
            <translation>导览.mp4</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="97" />
            <source>Frame %1 of %2</source>
            <translation>第 %1 帧，共 %2 帧</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="104" />
            <source>Record</source>
            <translation>录制</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="113" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="113" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>ReviewPanel</name>
        <message>
            <location filename="../review/ReviewPanel.qml" line="23" />
            <source>Click two points</source>
            <translation>点击两个点</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="24" />
            <source>Click the corners; double-click or Finish closes the area</source>
            <translation>依次点击角点；双击或“完成”闭合面积</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="25" />
            <source>Click a point: its height above the ground</source>
            <translation>点击一点：测量其离地高度</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="26" />
            <source>Click the viewpoint, then the target (eye height %1 m)</source>
            <translation>先点击视点，再点击目标（视高 %1 米）</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="33" />
            <source>Export review results as CSV</source>
            <translation>将审查结果导出为 CSV</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="36" />
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="41" />
            <source>Export review results as GeoJSON</source>
            <translation>将审查结果导出为 GeoJSON</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="44" />
            <source>GeoJSON files (*.geojson *.json)</source>
            <translation>GeoJSON 文件 (*.geojson *.json)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="56" />
            <source>Review</source>
            <translation>审查</translation>
        </message>
        <message numerus="yes">
            <location filename="../review/ReviewPanel.qml" line="59" />
            <source>%n over the height limit</source>
            <translation>
                <numerusform>%n 处超出限高</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="74" />
            <source>Distance</source>
            <translation>距离</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="75" />
            <source>Area</source>
            <translation>面积</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="76" />
            <source>Height</source>
            <translation>高度</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="77" />
            <source>Sightline</source>
            <translation>视线</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="88" />
            <source>Height-limit check</source>
            <translation>限高检查</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="104" />
            <source>Finish</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="109" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="115" />
            <source>Eye height (m)</source>
            <translation>视高（米）</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="129" />
            <source>Measurements and sightlines</source>
            <translation>测量与视线</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="153" />
            <source>Height limits: %1 zones, %2 buildings</source>
            <translation>限高：%1 个保护区，%2 栋建筑</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="181" />
            <source>%1: in no zone · %2 m</source>
            <translation>%1：不在保护区内 · %2 米</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="183" />
            <source>%1: %2 m, %3 m over the %4 m limit of %5</source>
            <translation>%1：%2 米，超出 %5 的 %4 米限高 %3 米</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="186" />
            <source>%1: %2 m within the %3 m limit</source>
            <translation>%1：%2 米，未超出 %3 米限高</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="194" />
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="195" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="196" />
            <source>Export GeoJSON…</source>
            <translation>导出 GeoJSON…</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="201" />
            <source>GeoJSON in the projected CRS (default WGS84)</source>
            <translation>GeoJSON 使用投影坐标系（默认 WGS84）</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="158" />
            <source>A building counts in every zone it overlaps (default: the zone of its centre)</source>
            <translation>建筑与哪些保护区重叠即受其限制（默认：按其中心所在保护区）</translation>
        </message>
    </context>
    <context>
        <name>SchemePanel</name>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="22" />
            <source>Design schemes</source>
            <translation>设计方案</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="27" />
            <source>No schemes in this project</source>
            <translation>本项目没有方案</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="34" />
            <location filename="../schemes/SchemePanel.qml" line="79" />
            <source>None (today's city)</source>
            <translation>无（现状）</translation>
        </message>
        <message numerus="yes">
            <location filename="../schemes/SchemePanel.qml" line="45" />
            <source>%n model(s)</source>
            <translation>
                <numerusform>%n 个模型</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../schemes/SchemePanel.qml" line="45" />
            <source>, %n area(s)</source>
            <translation>
                <numerusform>，%n 个范围</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="57" />
            <source>Compare</source>
            <translation>对比</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="64" />
            <source>Off</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="65" />
            <source>Side by side</source>
            <translation>并排</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="66" />
            <source>Swipe</source>
            <translation>卷帘</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="75" />
            <source>with</source>
            <translation>与</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="7" />
            <source>Streaming settings</source>
            <translation>加载设置</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="27" />
            <source>Tile cache (MB)</source>
            <translation>瓦片缓存 (MB)</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="29" />
            <source>Concurrent loads</source>
            <translation>并发加载数</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="31" />
            <source>LOD scale (higher = coarser)</source>
            <translation>LOD 比例（越大越粗）</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="36" />
            <source>Texture filtering</source>
            <translation>纹理过滤</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="37" />
            <source>Smooth distant textures (mipmaps; slower)</source>
            <translation>平滑远处纹理（mipmap，较慢）</translation>
        </message>
    </context>
    <context>
        <name>StatusLine</name>
        <message>
            <location filename="../shell/StatusLine.qml" line="14" />
            <source>Tiles drawn %1 · loading %2 · cached %3</source>
            <translation>绘制瓦片 %1 · 加载中 %2 · 已缓存 %3</translation>
        </message>
        <message>
            <location filename="../shell/StatusLine.qml" line="18" />
            <source>Cache %1 / %2 MB</source>
            <translation>缓存 %1 / %2 MB</translation>
        </message>
        <message>
            <location filename="../shell/StatusLine.qml" line="21" />
            <source>%1 ms/frame</source>
            <translation>%1 毫秒/帧</translation>
        </message>
        <message numerus="yes">
            <location filename="../shell/StatusLine.qml" line="26" />
            <source>%n tile(s) failed</source>
            <translation>
                <numerusform>%n 个瓦片加载失败</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../shell/StatusLine.qml" line="34" />
            <source>%1 · %n alarm(s)</source>
            <translation>
                <numerusform>%1 · %n 条告警</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StyleDialog</name>
        <message>
            <location filename="../layers/StyleDialog.qml" line="10" />
            <source>Layer style</source>
            <translation>图层样式</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="79" />
            <source>Colour by</source>
            <translation>着色方式</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="83" />
            <source>Single colour</source>
            <translation>单一颜色</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="83" />
            <source>Categories</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="83" />
            <source>Graduated ranges</source>
            <translation>分级</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="85" />
            <source>Attribute</source>
            <translation>属性</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="90" />
            <source>Classify</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="97" />
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="102" />
            <source>Pick…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="117" />
            <source>Extrude</source>
            <translation>拉伸</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="118" />
            <source>Extrude polygons to a height</source>
            <translation>将面拉伸到高度</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="119" />
            <source>Height attribute</source>
            <translation>高度属性</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="123" />
            <source>(automatic)</source>
            <translation>（自动）</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="125" />
            <source>Line width (m)</source>
            <translation>线宽（米）</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="140" />
            <source>Plane height (m, without terrain)</source>
            <translation>平面高度（米，无地形时）</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="140" />
            <source>Vertical offset (m)</source>
            <translation>垂直偏移（米）</translation>
        </message>
    </context>
    <context>
        <name>SyncOverlay</name>
        <message>
            <location filename="../sync/SyncOverlay.qml" line="22" />
            <source>Leader lost — showing the last picture</source>
            <translation>主控端已断开 — 显示最后画面</translation>
        </message>
        <message>
            <location filename="../sync/SyncOverlay.qml" line="23" />
            <source>Waiting for the leader…</source>
            <translation>正在等待主控端…</translation>
        </message>
    </context>
    <context>
        <name>VideoPanel</name>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="22" />
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message numerus="yes">
            <location filename="../cameras/VideoPanel.qml" line="33" />
            <source>A grid of %n feed(s)</source>
            <translation>
                <numerusform>%n 路画面的宫格</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="36" />
            <source>Close all</source>
            <translation>全部关闭</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="92" />
            <source>main</source>
            <translation>主码流</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="92" />
            <source>sub</source>
            <translation>子码流</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="110" />
            <source>Connecting…</source>
            <translation>连接中…</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="110" />
            <source>Stalled: no picture, reconnecting</source>
            <translation>卡顿：无画面，正在重连</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="111" />
            <source>Offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="111" />
            <source>Authentication failed</source>
            <translation>认证失败</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="112" />
            <source>Not playing</source>
            <translation>未播放</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="127" />
            <source>Stop projecting</source>
            <translation>停止投射</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="127" />
            <source>Project onto the scene</source>
            <translation>投射到场景</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="131" />
            <source>Look through this camera</source>
            <translation>以此摄像机视角观看</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="132" />
            <source>Calibrate…</source>
            <translation>标定…</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="134" />
            <source>Back to the grid</source>
            <translation>返回宫格</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="134" />
            <source>Maximise</source>
            <translation>最大化</translation>
        </message>
    </context>
    <context>
        <name>liyuan</name>
        <message>
            <location filename="../presenter/TourModel.cpp" line="23" />
            <source>"%1" is not a number of seconds</source>
            <translation>"%1" 不是秒数</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="28" />
            <source>"%1" is %2 (a number of seconds %3 up to %4 expected)</source>
            <translation>"%1" 为 %2（应为 %3、不超过 %4 的秒数）</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="31" />
            <source>from 0</source>
            <translation>不小于 0</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="31" />
            <source>above 0</source>
            <translation>大于 0</translation>
        </message>
    </context>
    <context>
        <name>liyuan::CalibrationSession</name>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="44" />
            <source>Calibration: no camera %1</source>
            <translation>标定：没有摄像机 %1</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="58" />
            <source>Pick a point in the picture, then the same point in the scene (%1 pairs at least).</source>
            <translation>先在画面中拾取一点，再在场景中拾取同一点（至少 %1 对）。</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="137" />
            <source>Solving…</source>
            <translation>解算中…</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="158" />
            <source>Not solved: %1</source>
            <translation>未能解算：%1</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="170" />
            <source>Reprojection error %1 px (RMS of %2 pairs); moved %3 m, heading %4°, pitch %5°, field of view %6°</source>
            <translation>重投影误差 %1 像素（%2 对的均方根）；移动 %3 米，方位 %4°，俯仰 %5°，视场角 %6°</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="193" />
            <source>Camera %1 calibrated (%2 px) and saved into %3</source>
            <translation>摄像机 %1 已标定（%2 像素）并保存到 %3</translation>
        </message>
    </context>
    <context>
        <name>liyuan::CameraLayer</name>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="101" />
            <source>Camera registry %1: the file cannot be read</source>
            <translation>摄像机台账 %1：文件无法读取</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="130" />
            <source>Camera registry not loaded: %1</source>
            <translation>摄像机台账未加载：%1</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="200" />
            <source>no camera %1 in the registry %2</source>
            <translation>台账 %2 中没有摄像机 %1</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="541" />
            <source>Camera %1 has no stream address</source>
            <translation>摄像机 %1 没有视频流地址</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="732" />
            <source>Camera registry not saved: %1</source>
            <translation>摄像机台账未保存：%1</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="732" />
            <source>no registry open</source>
            <translation>未打开台账</translation>
        </message>
    </context>
    <context>
        <name>liyuan::DrillDownController</name>
        <message>
            <location filename="../drilldown/DrillDownController.cpp" line="241" />
            <source>District</source>
            <translation>街区</translation>
        </message>
    </context>
    <context>
        <name>liyuan::DrillTargets</name>
        <message>
            <location filename="../drilldown/DrillTargets.cpp" line="95" />
            <source>--focus: no building '%1' in the registry %2</source>
            <translation>--focus：登记表 %2 中没有建筑 '%1'</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillTargets.cpp" line="104" />
            <source>--focus: building '%1' has no floor '%2'</source>
            <translation>--focus：建筑 '%1' 没有楼层 '%2'</translation>
        </message>
    </context>
    <context>
        <name>liyuan::EventController</name>
        <message>
            <location filename="../events/EventController.cpp" line="143" />
            <source>waiting for the scene frame</source>
            <translation>等待场景坐标系</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="149" />
            <source>its position is in %1 but the scene frame is not georeferenced</source>
            <translation>其位置采用 %1，但场景坐标系没有地理参考</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="162" />
            <source>bad CRS %1: %2</source>
            <translation>坐标系 %1 无效：%2</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="168" />
            <source>no transformation from %1 to the scene frame: %2</source>
            <translation>无法从 %1 转换到场景坐标系：%2</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="172" />
            <source>its position (%1, %2) cannot be transformed from %3</source>
            <translation>其位置 (%1, %2) 无法从 %3 转换</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="182" />
            <source>waiting for the ground</source>
            <translation>等待确定地面高度</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="211" />
            <source>an event needs an id and a type</source>
            <translation>事件需要编号和类型</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="225" />
            <source>event %1: %2</source>
            <translation>事件 %1：%2</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="266" />
            <source>'%1': expected TYPE:x,y[,z]</source>
            <translation>'%1'：应为 类型:x,y[,z]</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="269" />
            <source>'%1': the type must have 1 to 100 characters</source>
            <translation>'%1'：类型须为 1 至 100 个字符</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="272" />
            <source>'%1': expected TYPE:x,y[,z] (scene frame metres)</source>
            <translation>'%1'：应为 类型:x,y[,z]（场景坐标系，米）</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="278" />
            <source>'%1': '%2' is not a coordinate</source>
            <translation>'%1'：'%2' 不是坐标</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="333" />
            <source>Nothing there to place an event on</source>
            <translation>此处没有可放置事件的表面</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="345" />
            <source>Placed by a click</source>
            <translation>点击放置</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="594" />
            <source>--event %1</source>
            <translation>--event %1</translation>
        </message>
    </context>
    <context>
        <name>liyuan::FeedPool</name>
        <message>
            <location filename="../cameras/FeedPool.cpp" line="41" />
            <source>Camera %1: no credentials for '%2' in the keychain (%3); connecting without them</source>
            <translation>摄像机 %1：钥匙串中没有“%2”的凭据（%3）；不带凭据连接</translation>
        </message>
    </context>
    <context>
        <name>liyuan::KioskController</name>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="147" />
            <source>Kiosk: no screen named %1 (screens: %2); using %3</source>
            <translation>展示模式：没有名为 %1 的屏幕（现有屏幕：%2）；改用 %3</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="308" />
            <source>%1: the saved kiosk state cannot be read: %2</source>
            <translation>%1：无法读取已保存的展示状态：%2</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="314" />
            <source>%1: the saved kiosk state is not valid (%2); starting without it</source>
            <translation>%1：已保存的展示状态无效（%2）；不使用它启动</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="315" />
            <source>not a version 1 object</source>
            <translation>不是版本 1 的对象</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="368" />
            <source>Kiosk: the saved tour '%1' is not in the project any more</source>
            <translation>展示模式：已保存的导览“%1”已不在项目中</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="374" />
            <source>Kiosk: the saved scene state was not fully applied: %1</source>
            <translation>展示模式：已保存的场景状态未能完全应用：%1</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="382" />
            <source>Kiosk: the saved view '%1' is not in the project any more</source>
            <translation>展示模式：已保存的视图“%1”已不在项目中</translation>
        </message>
    </context>
    <context>
        <name>liyuan::LiveDataController</name>
        <message>
            <location filename="../live/LiveDataController.cpp" line="358" />
            <source>Replaying the recorded feed</source>
            <translation>正在回放录制的数据</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="360" />
            <source>Connecting to %1…</source>
            <translation>正在连接 %1…</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="362" />
            <source>Connected to %1</source>
            <translation>已连接 %1</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="364" />
            <source>Connection to %1 lost, reconnecting…</source>
            <translation>与 %1 的连接中断，正在重连…</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="366" />
            <source>Disconnected from %1</source>
            <translation>已断开 %1</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="367" />
            <source>Live data off</source>
            <translation>实时数据已关闭</translation>
        </message>
    </context>
    <context>
        <name>liyuan::PlacementEditor</name>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="98" />
            <source>local frame (no CRS)</source>
            <translation>局部坐标（无坐标系）</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="119" />
            <source>%1: %2 must be a finite number</source>
            <translation>%1：%2 必须是有限数值</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="119" />
            <location filename="../placement/PlacementEditor.cpp" line="444" />
            <source>placement</source>
            <translation>放置</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="223" />
            <location filename="../placement/PlacementEditor.cpp" line="384" />
            <source>no model is being edited</source>
            <translation>没有正在编辑的模型</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="228" />
            <location filename="../placement/PlacementEditor.cpp" line="444" />
            <source>%1: scale must be greater than 0, not %2</source>
            <translation>%1：缩放必须大于 0，而不是 %2</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="262" />
            <source>%1: not a model file (%2)</source>
            <translation>%1：不是模型文件 (%2)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="264" />
            <source>%1: no such file</source>
            <translation>%1：文件不存在</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="266" />
            <location filename="../placement/PlacementEditor.cpp" line="280" />
            <source>%1: the scene has no CRS, so a placement cannot be saved; open georeferenced data first</source>
            <translation>%1：场景没有坐标系，无法保存放置；请先打开有地理参考的数据</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="278" />
            <source>%1: the position must be finite</source>
            <translation>%1：位置必须是有限数值</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="292" />
            <source>%1: the model could not be added</source>
            <translation>%1：无法添加模型</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="302" />
            <source>%1: the model was added but cannot be edited</source>
            <translation>%1：模型已添加但无法编辑</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="313" />
            <source>%1: not a model layer; only models can be placed</source>
            <translation>%1：不是模型图层；只能放置模型</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="315" />
            <source>%1: the scene has no CRS, so the model stays in the local frame; open georeferenced data first</source>
            <translation>%1：场景没有坐标系，模型保留在局部坐标中；请先打开有地理参考的数据</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="342" />
            <source>%1: click on the mesh or the terrain to place the model</source>
            <translation>%1：在模型或地形上点击以放置模型</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="386" />
            <source>%1: the cursor position must be finite</source>
            <translation>%1：光标位置必须是有限数值</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="388" />
            <source>no view to move in</source>
            <translation>没有可移动的视图</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="392" />
            <source>%1: nothing under the cursor to move to</source>
            <translation>%1：光标下没有可移动到的位置</translation>
        </message>
    </context>
    <context>
        <name>liyuan::PresenterController</name>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="59" />
            <source>"camera.eye" is not three finite numbers</source>
            <translation>"camera.eye" 不是三个有限数</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="63" />
            <source>"camera.eye" is out of range (beyond 1e8 m)</source>
            <translation>"camera.eye" 超出范围（超过 1e8 米）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="67" />
            <source>"camera.rotation" is not a quaternion [w, x, y, z]</source>
            <translation>"camera.rotation" 不是四元数 [w, x, y, z]</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="76" />
            <source>"camera.fov" is not an angle from 1 to 170 degrees</source>
            <translation>"camera.fov" 不是 1 到 170 度之间的角度</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="181" />
            <source>View %1</source>
            <translation>视图 %1</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="334" />
            <source>"layers" is not an object</source>
            <translation>"layers" 不是对象</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="339" />
            <source>layer '%1' (not in the scene)</source>
            <translation>图层“%1”（不在场景中）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="343" />
            <source>layer '%1' ("visible" is not true or false)</source>
            <translation>图层“%1”（"visible" 不是 true 或 false）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="359" />
            <source>scheme '%1' (no such scheme)</source>
            <translation>方案“%1”（不存在）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="367" />
            <source>compare mode '%1' (off, split or swipe)</source>
            <translation>对比模式“%1”（应为 off、split 或 swipe）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="371" />
            <source>scheme '%1' to compare with (no such scheme)</source>
            <translation>用于对比的方案“%1”（不存在）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="420" />
            <source>video feed '%1' (no such camera)</source>
            <translation>视频“%1”（无此摄像机）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="428" />
            <source>projection '%1' (no such camera, or too many projections)</source>
            <translation>投射“%1”（无此摄像机，或投射过多）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="448" />
            <source>section plane (not four finite numbers)</source>
            <translation>剖切面（不是四个有限数）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="459" />
            <source>clipping box (not six finite numbers)</source>
            <translation>裁剪盒（不是六个有限数）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="463" />
            <location filename="../presenter/PresenterController.cpp" line="1211" />
            <location filename="../presenter/PresenterController.cpp" line="1214" />
            <source>Could not apply: %1</source>
            <translation>无法应用：%1</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="479" />
            <source>building '%1' (not in the building registry)</source>
            <translation>建筑“%1”（不在建筑台账中）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="493" />
            <source>floor %1 of building '%2' (no such floor)</source>
            <translation>建筑“%2”的 %1 层（无此楼层）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="519" />
            <location filename="../presenter/PresenterController.cpp" line="539" />
            <location filename="../presenter/PresenterController.cpp" line="557" />
            <source>View '%1': %2</source>
            <translation>视图“%1”：%2</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="570" />
            <source>At most %1 views</source>
            <translation>最多 %1 个视图</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="626" />
            <source>The tours' steps showing view '%1' were removed with it</source>
            <translation>导览中显示视图“%1”的步骤已一并删除</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="679" />
            <source>tour "%1", step %2: no saved view '%3'</source>
            <translation>导览“%1”第 %2 步：没有保存的视图“%3”</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="776" />
            <source>Tour '%1', step %2: %3</source>
            <translation>导览“%1”第 %2 步：%3</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="800" />
            <source>Tour %1</source>
            <translation>导览 %1</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1174" />
            <source>the opened scene</source>
            <translation>打开的场景</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1178" />
            <source>No saved view '%1' in %2 (views: %3)</source>
            <translation>%2 中没有保存的视图“%1”（视图：%3）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1179" />
            <location filename="../presenter/PresenterController.cpp" line="1189" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1188" />
            <source>No saved tour '%1' with steps in %2 (tours: %3)</source>
            <translation>%2 中没有含步骤的导览“%1”（导览：%3）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1215" />
            <source>building '%1' (no building registry loaded)</source>
            <translation>建筑“%1”（未加载建筑登记表）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1264" />
            <source>"views" is not a list</source>
            <translation>"views" 不是列表</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1267" />
            <source>%1 views (at most %2; the rest skipped)</source>
            <translation>%1 个视图（最多 %2 个，其余已跳过）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1275" />
            <location filename="../presenter/PresenterController.cpp" line="1300" />
            <source>not an object</source>
            <translation>不是对象</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1277" />
            <source>no "name"</source>
            <translation>缺少 "name"</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1279" />
            <source>a second view named '%1'</source>
            <translation>重复的视图名“%1”</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1281" />
            <source>"state" is not an object</source>
            <translation>"state" 不是对象</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1285" />
            <source>views[%1]: %2 (skipped)</source>
            <translation>views[%1]：%2（已跳过）</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1295" />
            <source>"tours" is not a list</source>
            <translation>"tours" 不是列表</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1304" />
            <source>a second tour named '%1'</source>
            <translation>重复的导览名“%1”</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1308" />
            <source>tours[%1]: %2 (skipped)</source>
            <translation>tours[%1]：%2（已跳过）</translation>
        </message>
    </context>
    <context>
        <name>liyuan::ProjectController</name>
        <message>
            <location filename="../project/ProjectController.cpp" line="296" />
            <source>View %1</source>
            <translation>视图 %1</translation>
        </message>
    </context>
    <context>
        <name>liyuan::Recorder</name>
        <message>
            <location filename="../recording/Recorder.cpp" line="189" />
            <source>Recording %1…</source>
            <translation>正在录制 %1…</translation>
        </message>
        <message>
            <location filename="../recording/Recorder.cpp" line="402" />
            <source>Finishing %1…</source>
            <translation>正在完成 %1…</translation>
        </message>
    </context>
    <context>
        <name>liyuan::ReviewController</name>
        <message>
            <location filename="../review/ReviewController.cpp" line="205" />
            <source>visible · %1</source>
            <translation>可见 · %1</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="206" />
            <source>blocked at %1 of %2</source>
            <translation>在 %2 中的 %1 处被遮挡</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="218" />
            <source>3D %1 · horizontal %2 · vertical %3</source>
            <translation>三维 %1 · 水平 %2 · 垂直 %3</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="222" />
            <source>horizontal %1 m² · 3D %2 m² · perimeter %3</source>
            <translation>水平 %1 平方米 · 三维 %2 平方米 · 周长 %3</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="228" />
            <source>%1 above the ground</source>
            <translation>离地 %1</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="369" />
            <source>Nothing there to measure on</source>
            <translation>此处没有可测量的表面</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="386" />
            <location filename="../review/ReviewController.cpp" line="573" />
            <source>Distance</source>
            <translation>距离</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="389" />
            <location filename="../review/ReviewController.cpp" line="571" />
            <source>Height</source>
            <translation>高度</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="394" />
            <location filename="../review/ReviewController.cpp" line="565" />
            <source>Sightline</source>
            <translation>视线</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="407" />
            <source>An area needs at least three distinct points</source>
            <translation>面积至少需要三个不同的点</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="410" />
            <location filename="../review/ReviewController.cpp" line="570" />
            <source>Area</source>
            <translation>面积</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="820" />
            <source>No protection zones: no vector layer has a %1 attribute</source>
            <translation>没有保护区：没有矢量图层含有 %1 属性</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="824" />
            <source>Nothing to check: no visible model or extruded footprint layer</source>
            <translation>无可检查对象：没有可见的模型或拉伸建筑轮廓图层</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="862" />
            <location filename="../review/ReviewController.cpp" line="899" />
            <source>No file to export to</source>
            <translation>未指定导出文件</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="891" />
            <location filename="../review/ReviewController.cpp" line="908" />
            <source>Exported %1</source>
            <translation>已导出 %1</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="963" />
            <source>visible</source>
            <translation>可见</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="968" />
            <source>blocked at %1</source>
            <translation>在 %1 处被遮挡</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="998" />
            <source>%1: +%2 over %3 m</source>
            <translation>%1：超出 %3 米限高 %2</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="504" />
            <source>recomputed once the scene has loaded</source>
            <translation>场景加载后重新计算</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="572" />
            <source>Polyline</source>
            <translation>折线</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../shell/SceneController.cpp" line="225" />
            <source>%1: presenter: %2</source>
            <translation>%1：演示：%2</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="237" />
            <source>The demo cameras' video server did not start: %1</source>
            <translation>演示摄像机的视频服务未能启动：%1</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="459" />
            <source>Generating the demo district…</source>
            <translation>正在生成示范街区…</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="477" />
            <source>Could not generate the demo district: %1</source>
            <translation>无法生成示范街区：%1</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="491" />
            <source>Points of interest</source>
            <translation>兴趣点</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="492" />
            <source>Heritage protection zones (height limits)</source>
            <translation>历史文化保护区（限高）</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="493" />
            <source>Streets</source>
            <translation>街道</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="494" />
            <source>Building footprints</source>
            <translation>建筑轮廓</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="495" />
            <source>Liyuan district (photogrammetry)</source>
            <translation>里院街区（倾斜摄影）</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="496" />
            <source>Orthophoto</source>
            <translation>正射影像</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="497" />
            <source>Terrain (DEM)</source>
            <translation>地形（DEM）</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="537" />
            <source>local frame (not georeferenced)</source>
            <translation>局部坐标（无地理参考）</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SchemeManager</name>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="80" />
            <location filename="../schemes/SchemeManager.cpp" line="114" />
            <source>There is no scheme %1 (%2 loaded)</source>
            <translation>没有方案 %1（已加载 %2 个）</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="98" />
            <location filename="../schemes/SchemeManager.cpp" line="454" />
            <source>Unknown compare mode '%1' (off, split or swipe)</source>
            <translation>未知的对比方式“%1”（off、split 或 swipe）</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="286" />
            <source>Scheme '%1': the model %2 cannot be opened</source>
            <translation>方案“%1”：无法打开模型 %2</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="405" />
            <source>Scheme '%1': an area in %2 cannot be placed in the scene frame</source>
            <translation>方案“%1”：%2 中的范围无法放入场景坐标系</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="421" />
            <source>The scheme areas have too many vertices for the GPU clipping texture</source>
            <translation>方案范围的顶点过多，超出 GPU 裁剪纹理容量</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="444" />
            <source>No scheme matches '%1' (schemes: %2)</source>
            <translation>没有与“%1”匹配的方案（方案：%2）</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="445" />
            <source>none loaded</source>
            <translation>未加载</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="461" />
            <source>No scheme matches '%1' to compare with</source>
            <translation>没有与“%1”匹配的对比方案</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SyncController</name>
        <message>
            <location filename="../sync/SyncController.cpp" line="212" />
            <source>The leader's scene state could not be applied: %1</source>
            <translation>无法应用主控端的场景状态：%1</translation>
        </message>
        <message>
            <location filename="../sync/SyncController.cpp" line="348" />
            <source>Malformed sync message ignored: %1</source>
            <translation>已忽略格式错误的同步消息：%1</translation>
        </message>
    </context>
    <context>
        <name>liyuan::TourModel</name>
        <message>
            <location filename="../presenter/TourModel.cpp" line="137" />
            <source>a tour has no "name"</source>
            <translation>导览缺少 "name"</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="141" />
            <source>tour "%1": "loop" is not true or false</source>
            <translation>导览“%1”："loop" 不是 true 或 false</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="144" />
            <source>tour "%1": "steps" is not a list</source>
            <translation>导览“%1”："steps" 不是列表</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="147" />
            <source>tour "%1" has %2 steps (at most %3)</source>
            <translation>导览“%1”有 %2 步（最多 %3 步）</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="151" />
            <source>tour "%1", step %2</source>
            <translation>导览“%1”第 %2 步</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="153" />
            <source>%1: not an object</source>
            <translation>%1：不是对象</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="158" />
            <source>%1: no "view"</source>
            <translation>%1：缺少 "view"</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="168" />
            <source>%1: unknown transition %2 (flight, cut or crossfade)</source>
            <translation>%1：未知过渡 %2（应为 flight、cut 或 crossfade）</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="169" />
            <source>(not text)</source>
            <translation>（不是文本）</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="178" />
            <source>%1: "caption" is not {"zh", "en"}</source>
            <translation>%1："caption" 不是 {"zh", "en"}</translation>
        </message>
    </context>
</TS>
