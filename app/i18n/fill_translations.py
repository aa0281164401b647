#!/usr/bin/env python3
"""Fills liyuan_zh_CN.ts and liyuan_en.ts with the project's translations.

Run after `cmake --build build --target update_translations` has added new source texts:
    python3 app/i18n/fill_translations.py
Texts missing here stay 'unfinished' and are listed, so nothing is silently untranslated.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent

ZH = {
    "Show as": "显示为",
    "Auto": "自动",
    "Reload this raster as %1": "将此栅格重新加载为%1",
    "Decided from the data: %1": "由数据判定：%1",
    "Section": "剖切",
    "Clipping box and section plane, for every layer": "裁剪盒与剖切面，作用于所有图层",
    "Clip to the selection": "裁剪到所选对象",
    "Cut above the selection's middle": "在所选对象中部以上剖切",
    "Cut above %1 m": "在 %1 米以上剖切",
    "No section": "不剖切",
    "Liyuan — %1": "里院 — %1",
    "Liyuan — digital-twin city viewer": "里院 — 数字孪生城市三维浏览器",
    "Open folder…": "打开文件夹…",
    "Open file…": "打开文件…",
    "Demo district": "示范街区",
    "Home": "全图",
    "Frame all data (H)": "显示全部数据 (H)",
    "Settings…": "设置…",
    "Navigation help": "操作说明",
    "Open a ContextCapture production, Data/ or Tile_ folder": "打开 ContextCapture 成果、Data/ 或 Tile_ 文件夹",
    "Open a tile file": "打开瓦片文件",
    "OpenSceneGraph tiles (*.osgb *.osgt *.ive)": "OpenSceneGraph 瓦片 (*.osgb *.osgt *.ive)",
    "All files (*)": "所有文件 (*)",
    "%n message(s)": ["%n 条消息"],
    "Dismiss": "关闭",
    "Streaming settings": "加载设置",
    "Tile cache (MB)": "瓦片缓存 (MB)",
    "Concurrent loads": "并发加载数",
    "LOD scale (higher = coarser)": "LOD 比例（越大越粗）",
    "Tiles drawn %1 · loading %2 · cached %3": "绘制瓦片 %1 · 加载中 %2 · 已缓存 %3",
    "Cache %1 / %2 MB": "缓存 %1 / %2 MB",
    "%1 ms/frame": "%1 毫秒/帧",
    "%n tile(s) failed": ["%n 个瓦片加载失败"],
    "Generating the demo district…": "正在生成示范街区…",
    "Could not generate the demo district: %1": "无法生成示范街区：%1",
    "local frame (not georeferenced)": "局部坐标（无地理参考）",
    "<b>Mouse</b><br>Left drag: pan (the grabbed point stays under the cursor)<br>"
    "Right drag or Ctrl+left drag: orbit about the point under the cursor<br>"
    "Middle drag: tilt<br>Wheel: zoom toward the cursor<br>Double-click: fly to that point<br><br>"
    "<b>Keyboard</b><br>W A S D / arrows: move<br>Q / E, Page Down / Page Up: down / up<br>"
    "J / L: turn left / right · I / K: look up / down<br>+ / −: zoom · H / Home: Home view<br>"
    "Shift: faster":
    "<b>鼠标</b><br>左键拖动：平移（抓住的点始终在光标下）<br>"
    "右键拖动或 Ctrl+左键拖动：绕光标下的点旋转<br>"
    "中键拖动：俯仰<br>滚轮：向光标处缩放<br>双击：飞到该点<br><br>"
    "<b>键盘</b><br>W A S D / 方向键：移动<br>Q / E、Page Down / Page Up：下降 / 上升<br>"
    "J / L：左转 / 右转 · I / K：抬头 / 低头<br>+ / −：缩放 · H / Home：全图<br>"
    "Shift：加速",
    "Search all columns…": "搜索所有列…",
    "Clear the search": "清除搜索",
    "%n feature(s)": ["%n 个要素"],
    "%1 of %2": "%1 / %2",
    "Sort by %1": "按 %1 排序",
    "No features": "没有要素",
    "No feature matches “%1”": "没有要素匹配“%1”",
    "Layers": "图层",
    "Drop files here, or use Open.": "将文件拖到这里，或使用“打开”。",
    "Show or hide": "显示或隐藏",
    "Photogrammetry": "倾斜摄影",
    "Terrain": "地形",
    "Imagery": "影像",
    "Vector": "矢量",
    "Points": "点",
    "%1 · loading %2%": "%1 · 加载中 %2%",
    "%1 · failed": "%1 · 失败",
    "Opacity, style and more": "透明度、样式及更多",
    "Zoom to": "缩放至",
    "Style…": "样式…",
    "Table": "属性表",
    "Move up": "上移",
    "Move down": "下移",
    "Remove": "移除",
    "Opacity": "不透明度",
    "Bookmarks": "书签",
    "Bookmark this view": "将当前视图加入书签",
    "Project": "工程",
    "New": "新建",
    "Open project…": "打开工程…",
    "Save": "保存",
    "Save as…": "另存为…",
    "Recent projects": "最近的工程",
    "All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)": "所有支持的格式 (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)",
    "Rasters (*.tif *.tiff *.vrt *.img *.asc)": "栅格 (*.tif *.tiff *.vrt *.img *.asc)",
    "Vectors (*.geojson *.json *.shp *.gpkg)": "矢量 (*.geojson *.json *.shp *.gpkg)",
    "Open a Liyuan project": "打开里院工程",
    "Liyuan projects (*.liyuan.json)": "里院工程 (*.liyuan.json)",
    "Save the project as": "工程另存为",
    "Unsaved changes from %1 can be recovered.": "可以恢复 %1 未保存的更改。",
    "Recover": "恢复",
    "Discard": "丢弃",
    "%n place(s) — click to zoom in": ["%n 个地点 — 点击放大"],
    "Texture filtering": "纹理过滤",
    "Smooth distant textures (mipmaps; slower)": "平滑远处纹理（mipmap，较慢）",
    "Layer style": "图层样式",
    "Colour by": "着色方式",
    "Single colour": "单一颜色",
    "Categories": "分类",
    "Graduated ranges": "分级",
    "Attribute": "属性",
    "Classify": "分类",
    "Colour": "颜色",
    "Pick…": "选择…",
    "Extrude": "拉伸",
    "Extrude polygons to a height": "将面拉伸到高度",
    "Height attribute": "高度属性",
    "(automatic)": "（自动）",
    "Line width (m)": "线宽（米）",
    "Plane height (m, without terrain)": "平面高度（米，无地形时）",
    "Vertical offset (m)": "垂直偏移（米）",
    "Points of interest": "兴趣点",
    "Heritage protection zones (height limits)": "历史文化保护区（限高）",
    "Streets": "街道",
    "Building footprints": "建筑轮廓",
    "Liyuan district (photogrammetry)": "里院街区（倾斜摄影）",
    "Orthophoto": "正射影像",
    "Terrain (DEM)": "地形（DEM）",
    "View %1": "视图 %1",
    # review tools
    "Review": "审查",
    "%n over the height limit": ["%n 处超出限高"],
    "Distance": "距离",
    "Area": "面积",
    "Height": "高度",
    "Sightline": "视线",
    "Height-limit check": "限高检查",
    "Click two points": "点击两个点",
    "Click the corners; double-click or Finish closes the area": "依次点击角点；双击或“完成”闭合面积",
    "Click a point: its height above the ground": "点击一点：测量其离地高度",
    "Click the viewpoint, then the target (eye height %1 m)": "先点击视点，再点击目标（视高 %1 米）",
    "Finish": "完成",
    "Cancel": "取消",
    "Eye height (m)": "视高（米）",
    "Measurements and sightlines": "测量与视线",
    "Height limits: %1 zones, %2 buildings": "限高：%1 个保护区，%2 栋建筑",
    "%1: in no zone · %2 m": "%1：不在保护区内 · %2 米",
    "%1: %2 m, %3 m over the %4 m limit of %5": "%1：%2 米，超出 %5 的 %4 米限高 %3 米",
    "%1: %2 m within the %3 m limit": "%1：%2 米，未超出 %3 米限高",
    "Clear": "清除",
    "Export CSV…": "导出 CSV…",
    "Export GeoJSON…": "导出 GeoJSON…",
    "GeoJSON in the projected CRS (default WGS84)": "GeoJSON 使用投影坐标系（默认 WGS84）",
    "Export review results as CSV": "将审查结果导出为 CSV",
    "Export review results as GeoJSON": "将审查结果导出为 GeoJSON",
    "CSV files (*.csv)": "CSV 文件 (*.csv)",
    "GeoJSON files (*.geojson *.json)": "GeoJSON 文件 (*.geojson *.json)",
    "visible · %1": "可见 · %1",
    "blocked at %1 of %2": "在 %2 中的 %1 处被遮挡",
    "3D %1 · horizontal %2 · vertical %3": "三维 %1 · 水平 %2 · 垂直 %3",
    "horizontal %1 m² · 3D %2 m² · perimeter %3": "水平 %1 平方米 · 三维 %2 平方米 · 周长 %3",
    "%1 above the ground": "离地 %1",
    "Nothing there to measure on": "此处没有可测量的表面",
    "An area needs at least three distinct points": "面积至少需要三个不同的点",
    "No protection zones: no vector layer has a %1 attribute": "没有保护区：没有矢量图层含有 %1 属性",
    "Nothing to check: no visible model or extruded footprint layer": "无可检查对象：没有可见的模型或拉伸建筑轮廓图层",
    "No file to export to": "未指定导出文件",
    "Exported %1": "已导出 %1",
    "visible": "可见",
    "blocked at %1": "在 %1 处被遮挡",
    "%1: +%2 over %3 m": "%1：超出 %3 米限高 %2",
    "recomputed once the scene has loaded": "场景加载后重新计算",
    "Polyline": "折线",
    "A building counts in every zone it overlaps (default: the zone of its centre)": "建筑与哪些保护区重叠即受其限制（默认：按其中心所在保护区）",
    # schemes:
    "Schemes": "方案",
    "Design schemes": "设计方案",
    "No schemes in this project": "本项目没有方案",
    "None (today's city)": "无（现状）",
    "%n model(s)": ["%n 个模型"],
    ", %n area(s)": ["，%n 个范围"],
    "Compare": "对比",
    "Off": "关闭",
    "Side by side": "并排",
    "Swipe": "卷帘",
    "with": "与",
    "Today (no scheme)": "现状（无方案）",
    "There is no scheme %1 (%2 loaded)": "没有方案 %1（已加载 %2 个）",
    "Unknown compare mode '%1' (off, split or swipe)": "未知的对比方式“%1”（off、split 或 swipe）",
    "Scheme '%1': the model %2 cannot be opened": "方案“%1”：无法打开模型 %2",
    "Scheme '%1': an area in %2 cannot be placed in the scene frame": "方案“%1”：%2 中的范围无法放入场景坐标系",
    "The scheme areas have too many vertices for the GPU clipping texture": "方案范围的顶点过多，超出 GPU 裁剪纹理容量",
    "No scheme matches '%1' (schemes: %2)": "没有与“%1”匹配的方案（方案：%2）",
    "none loaded": "未加载",
    "No scheme matches '%1' to compare with": "没有与“%1”匹配的对比方案",
    'Back': '返回',
    'One level up (Backspace)': '返回上一级 (Backspace)',
    '%1 floors · %2': '%1 层 · %2',
    'IFC storeys': 'IFC 楼层',
    'model floors': '模型楼层',
    'sliced by elevation': '按标高切分',
    'Collapse': '合拢',
    'Explode': '展开',
    'Ghost': '半透明',
    'Show the other floors ghosted instead of hiding them': '其他楼层半透明显示而不隐藏',
    '↑/↓: next floor · Backspace: back': '↑/↓：切换楼层 · Backspace：返回',
    'Power': '用电',
    'Water': '用水',
    '24 h · power / water': '24 小时 · 用电 / 用水',
    'Devices (%1)': '设备 (%1)',
    'Tenants': '租户',
    'Alarms': '告警',
    'Connect…': '连接…',
    '%1 messages · %2 rejected · last %3': '%1 条消息 · %2 条被拒 · 最近 %3',
    'Alarms (%1)': '告警 (%1)',
    'Live data (MQTT)': '实时数据 (MQTT)',
    'Broker URL': '代理地址',
    'Client id': '客户端 ID',
    '(random)': '（随机）',
    'User': '用户名',
    'Password': '密码',
    'kept in memory only': '仅保存在内存中',
    'CA file (TLS)': 'CA 证书 (TLS)',
    'system trust store': '系统信任库',
    'PEM certificates (*.pem *.crt)': 'PEM 证书 (*.pem *.crt)',
    'Place a building model': '放置建筑模型',
    'Building models (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)': '建筑模型 (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)',
    'Place model…': '放置模型…',
    'Edit models': '编辑模型',
    'Click a model in the view to move, turn or scale it': '在视图中点击模型以移动、旋转或缩放',
    'Click on the mesh or the terrain to place %1': '在模型或地形上点击以放置 %1',
    'Placing %1': '正在放置 %1',
    'Easting': '东坐标',
    'Northing': '北坐标',
    'Heading (°)': '方位角 (°)',
    'Scale': '缩放',
    'Snap to the ground': '贴地',
    'Drag the ring to turn, the disc or arrows to move, the cube to scale. Arrows: 1 m (Shift 10 m) · [ ]: turn 5° · + −: scale · Enter: done · Esc: cancel': '拖动圆环旋转，拖动圆盘或箭头移动，拖动立方体缩放。方向键：1 米（Shift 10 米）· [ ]：旋转 5° · + −：缩放 · Enter：完成 · Esc：取消',
    'Done': '完成',
    '%1 · %n alarm(s)': ['%1 · %n 条告警'],
    'District': '街区',
    'Replaying the recorded feed': '正在回放录制的数据',
    'Connecting to %1…': '正在连接 %1…',
    'Connected to %1': '已连接 %1',
    'Connection to %1 lost, reconnecting…': '与 %1 的连接中断，正在重连…',
    'Disconnected from %1': '已断开 %1',
    'Live data off': '实时数据已关闭',
    'local frame (no CRS)': '局部坐标（无坐标系）',
    "--focus: no building '%1' in the registry %2": "--focus：登记表 %2 中没有建筑 '%1'",
    "--focus: building '%1' has no floor '%2'": "--focus：建筑 '%1' 没有楼层 '%2'",
    '%1: %2 must be a finite number': '%1：%2 必须是有限数值',
    'placement': '放置',
    'no model is being edited': '没有正在编辑的模型',
    '%1: scale must be greater than 0, not %2': '%1：缩放必须大于 0，而不是 %2',
    '%1: not a model file (%2)': '%1：不是模型文件 (%2)',
    '%1: no such file': '%1：文件不存在',
    '%1: the scene has no CRS, so a placement cannot be saved; open georeferenced data first': '%1：场景没有坐标系，无法保存放置；请先打开有地理参考的数据',
    '%1: the position must be finite': '%1：位置必须是有限数值',
    '%1: the model could not be added': '%1：无法添加模型',
    '%1: the model was added but cannot be edited': '%1：模型已添加但无法编辑',
    '%1: not a model layer; only models can be placed': '%1：不是模型图层；只能放置模型',
    '%1: the scene has no CRS, so the model stays in the local frame; open georeferenced data first': '%1：场景没有坐标系，模型保留在局部坐标中；请先打开有地理参考的数据',
    '%1: click on the mesh or the terrain to place the model': '%1：在模型或地形上点击以放置模型',
    '%1: the cursor position must be finite': '%1：光标位置必须是有限数值',
    'no view to move in': '没有可移动的视图',
    '%1: nothing under the cursor to move to': '%1：光标下没有可移动到的位置',
    # events: the event panel, markers, placement and their messages
    "info": "提示",
    "low": "低",
    "medium": "中",
    "high": "高",
    "critical": "紧急",
    "Events (%1, %2 unacknowledged)": "事件（%1 条，%2 条未确认）",
    "Type": "类型",
    "Place by click": "点击放置",
    "Click in the view where the %1 is": "在视图中点击%1的位置",
    "All types": "全部类型",
    "≥ %1": "≥ %1",
    "Unacknowledged only": "仅未确认",
    "Acknowledge all": "全部确认",
    "%1 m": "%1 米",
    "%1 km": "%1 千米",
    "Acknowledge": "确认",
    "No events. They arrive over MQTT (an event mapping), from --event, or by a click.":
        "暂无事件。事件来自 MQTT（事件映射）、--event 参数或点击放置。",
    "%1 · %2": "%1 · %2",
    "Go": "前往",
    "Fly to the event and open the feeds of the cameras that see it": "飞至事件位置并打开能看到它的摄像机画面",
    "x %1  y %2  z %3": "x %1  y %2  z %3",
    "(finding the ground…)": "（正在确定地面高度…）",
    "Who sees it": "谁能看到",
    "No camera layer": "无摄像机图层",
    "No camera sees this point": "没有摄像机能看到此处",
    "%1. %2 — %3 m": "%1. %2 — %3 米",
    "Nearby": "附近",
    "Radius (m)": "半径（米）",
    "No point layer": "无点图层",
    "Nothing within the radius": "半径内没有要素",
    "%1 — %2 m (%3)": "%1 — %2 米（%3）",
    "waiting for the scene frame": "等待场景坐标系",
    "its position is in %1 but the scene frame is not georeferenced": "其位置采用 %1，但场景坐标系没有地理参考",
    "bad CRS %1: %2": "坐标系 %1 无效：%2",
    "no transformation from %1 to the scene frame: %2": "无法从 %1 转换到场景坐标系：%2",
    "its position (%1, %2) cannot be transformed from %3": "其位置 (%1, %2) 无法从 %3 转换",
    "waiting for the ground": "等待确定地面高度",
    "an event needs an id and a type": "事件需要编号和类型",
    "event %1: %2": "事件 %1：%2",
    "'%1': expected TYPE:x,y[,z]": "'%1'：应为 类型:x,y[,z]",
    "'%1': the type must have 1 to 100 characters": "'%1'：类型须为 1 至 100 个字符",
    "'%1': expected TYPE:x,y[,z] (scene frame metres)": "'%1'：应为 类型:x,y[,z]（场景坐标系，米）",
    "'%1': '%2' is not a coordinate": "'%1'：'%2' 不是坐标",
    "Nothing there to place an event on": "此处没有可放置事件的表面",
    "Placed by a click": "点击放置",
    "--event %1": "--event %1",
}

EN_PLURALS = {
    "%n over the height limit": ["%n over the height limit", "%n over the height limit"],
    "%n message(s)": ["%n message", "%n messages"],
    "%n tile(s) failed": ["%n tile failed", "%n tiles failed"],
    "%n feature(s)": ["%n feature", "%n features"],
    "%n place(s) — click to zoom in": ["%n place — click to zoom in", "%n places — click to zoom in"],
    "%n model(s)": ["%n model", "%n models"],  # schemes:
    ", %n area(s)": [", %n area", ", %n areas"],
}


def fill(path, table, english):
    tree = ET.parse(path)
    missing = []
    for msg in tree.getroot().iter("message"):
        src = msg.find("source").text or ""
        tr = msg.find("translation")
        numerus = msg.get("numerus") == "yes"
        if english:
            value = EN_PLURALS.get(src, [src, src] if numerus else src)
        else:
            value = table.get(src)
        if value is None:
            missing.append(src)
            continue
        for child in list(tr):
            tr.remove(child)
        tr.text = None
        if numerus:
            forms = value if isinstance(value, list) else [value]
            for f in forms:
                ET.SubElement(tr, "numerusform").text = f
        else:
            tr.text = value
        tr.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    with open(path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
        fh.write(b"\n")
    return missing


if __name__ == "__main__":
    miss = fill(HERE / "liyuan_zh_CN.ts", ZH, english=False)
    fill(HERE / "liyuan_en.ts", {}, english=True)
    for m in miss:
        print("untranslated (zh_CN):", repr(m), file=sys.stderr)
    sys.exit(1 if miss else 0)
