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
}

EN_PLURALS = {
    "%n message(s)": ["%n message", "%n messages"],
    "%n tile(s) failed": ["%n tile failed", "%n tiles failed"],
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
