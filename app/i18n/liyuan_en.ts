<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AttributeTable</name>
        <message>
            <location filename="../layers/AttributeTable.qml" line="61" />
            <source>Search all columns…</source>
            <translation>Search all columns…</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="75" />
            <source>Clear the search</source>
            <translation>Clear the search</translation>
        </message>
        <message numerus="yes">
            <location filename="../layers/AttributeTable.qml" line="80" />
            <source>%n feature(s)</source>
            <translation>
                <numerusform>%n feature</numerusform>
                <numerusform>%n features</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="81" />
            <source>%1 of %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="129" />
            <source>Sort by %1</source>
            <translation>Sort by %1</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="187" />
            <source>No features</source>
            <translation>No features</translation>
        </message>
        <message>
            <location filename="../layers/AttributeTable.qml" line="188" />
            <source>No feature matches “%1”</source>
            <translation>No feature matches “%1”</translation>
        </message>
    </context>
    <context>
        <name>CalibrationDialog</name>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="28" />
            <source>Calibrate %1</source>
            <translation>Calibrate %1</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="36" />
            <source>Now click the same point in the 3D view.</source>
            <translation>Now click the same point in the 3D view.</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="37" />
            <source>Click a point in the picture (a corner, a kerb, a window).</source>
            <translation>Click a point in the picture (a corner, a kerb, a window).</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="87" />
            <source>(pick in the scene)</source>
            <translation>(pick in the scene)</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="88" />
            <source> · %1 px</source>
            <translation> · %1 px</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="95" />
            <source>Solve</source>
            <translation>Solve</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="96" />
            <source>Preview</source>
            <translation>Preview</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationDialog.qml" line="98" />
            <source>Save</source>
            <translation>Save</translation>
        </message>
    </context>
    <context>
        <name>CameraPanel</name>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="18" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>online</source>
            <translation>online</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="18" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>streaming</source>
            <translation>streaming</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="18" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>offline</source>
            <translation>offline</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="19" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>authentication failed</source>
            <translation>authentication failed</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="19" />
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>unknown</source>
            <translation>unknown</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="27" />
            <source>Open a camera registry</source>
            <translation>Open a camera registry</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="28" />
            <source>Camera registries (*.json *.gpkg)</source>
            <translation>Camera registries (*.json *.gpkg)</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="28" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="37" />
            <source>Cameras</source>
            <translation>Cameras</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="43" />
            <source>%1 of %2 shown</source>
            <translation>%1 of %2 shown</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="44" />
            <source>not loaded</source>
            <translation>not loaded</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="45" />
            <source>no registry</source>
            <translation>no registry</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="45" />
            <source>loading…</source>
            <translation>loading…</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="47" />
            <source>Show the cameras</source>
            <translation>Show the cameras</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="48" />
            <source>Open…</source>
            <translation>Open…</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="53" />
            <source>All departments</source>
            <translation>All departments</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="59" />
            <source>Any state</source>
            <translation>Any state</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="67" />
            <source>All tags</source>
            <translation>All tags</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="72" />
            <source>Search name or id</source>
            <translation>Search name or id</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="120" />
            <source>%1 · %2 · heading %3°, pitch %4°, field of view %5°, range %6 m%7</source>
            <translation>%1 · %2 · heading %3°, pitch %4°, field of view %5°, range %6 m%7</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="124" />
            <source> · PTZ</source>
            <translation> · PTZ</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="129" />
            <source>Live video</source>
            <translation>Live video</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="131" />
            <source>Stop projecting</source>
            <translation>Stop projecting</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="131" />
            <source>Project</source>
            <translation>Project</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="134" />
            <source>Drape the live picture onto the scene (%1 at once)</source>
            <translation>Drape the live picture onto the scene (%1 at once)</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="136" />
            <source>Look through</source>
            <translation>Look through</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="137" />
            <source>Calibrate…</source>
            <translation>Calibrate…</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="142" />
            <source>Projection opacity</source>
            <translation>Projection opacity</translation>
        </message>
        <message>
            <location filename="../cameras/CameraPanel.qml" line="156" />
            <source>Projected: %1</source>
            <translation>Projected: %1</translation>
        </message>
    </context>
    <context>
        <name>CaptionOverlay</name>
        <message>
            <location filename="../presenter/CaptionOverlay.qml" line="44" />
            <source>%1 — step %2 of %3%4</source>
            <translation>%1 — step %2 of %3%4</translation>
        </message>
        <message>
            <location filename="../presenter/CaptionOverlay.qml" line="45" />
            <source> (paused)</source>
            <translation> (paused)</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <location filename="../schemes/CompareView.qml" line="28" />
            <source>Today (no scheme)</source>
            <translation>Today (no scheme)</translation>
        </message>
    </context>
    <context>
        <name>DrillPanel</name>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="32" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="35" />
            <source>One level up (Backspace)</source>
            <translation>One level up (Backspace)</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="75" />
            <source>%1 floors · %2</source>
            <translation>%1 floors · %2</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="76" />
            <source>IFC storeys</source>
            <translation>IFC storeys</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="77" />
            <source>model floors</source>
            <translation>model floors</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="78" />
            <source>sliced by elevation</source>
            <translation>sliced by elevation</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="84" />
            <source>Collapse</source>
            <translation>Collapse</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="84" />
            <source>Explode</source>
            <translation>Explode</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="88" />
            <source>Ghost</source>
            <translation>Ghost</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="92" />
            <source>Show the other floors ghosted instead of hiding them</source>
            <translation>Show the other floors ghosted instead of hiding them</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillPanel.qml" line="115" />
            <source>↑/↓: next floor · Backspace: back</source>
            <translation>↑/↓: next floor · Backspace: back</translation>
        </message>
    </context>
    <context>
        <name>EventPanel</name>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>info</source>
            <translation>info</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>low</source>
            <translation>low</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>medium</source>
            <translation>medium</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>high</source>
            <translation>high</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="14" />
            <source>critical</source>
            <translation>critical</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="66" />
            <source>Events (%1, %2 unacknowledged)</source>
            <translation>Events (%1, %2 unacknowledged)</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="82" />
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="94" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="94" />
            <source>Place by click</source>
            <translation>Place by click</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="102" />
            <source>Click in the view where the %1 is</source>
            <translation>Click in the view where the %1 is</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="113" />
            <source>All types</source>
            <translation>All types</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="118" />
            <source>≥ %1</source>
            <translation>≥ %1</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="128" />
            <source>Unacknowledged only</source>
            <translation>Unacknowledged only</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="135" />
            <source>Acknowledge all</source>
            <translation>Acknowledge all</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="173" />
            <source>%1 m</source>
            <translation>%1 m</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="174" />
            <source>%1 km</source>
            <translation>%1 km</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="185" />
            <source>Acknowledge</source>
            <translation>Acknowledge</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="193" />
            <source>No events. They arrive over MQTT (an event mapping), from --event, or by a click.</source>
            <translation>No events. They arrive over MQTT (an event mapping), from --event, or by a click.</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="209" />
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="216" />
            <source>Go</source>
            <translation>Go</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="218" />
            <source>Fly to the event and open the feeds of the cameras that see it</source>
            <translation>Fly to the event and open the feeds of the cameras that see it</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="222" />
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="235" />
            <source>x %1  y %2  z %3</source>
            <translation>x %1  y %2  z %3</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="237" />
            <source>(finding the ground…)</source>
            <translation>(finding the ground…)</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="242" />
            <source>Who sees it</source>
            <translation>Who sees it</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="245" />
            <source>No camera layer</source>
            <translation>No camera layer</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="251" />
            <source>No camera sees this point</source>
            <translation>No camera sees this point</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="260" />
            <source>%1. %2 — %3 m</source>
            <translation>%1. %2 — %3 m</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="270" />
            <source>Nearby</source>
            <translation>Nearby</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="271" />
            <source>Radius (m)</source>
            <translation>Radius (m)</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="296" />
            <source>No point layer</source>
            <translation>No point layer</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="296" />
            <source>Nothing within the radius</source>
            <translation>Nothing within the radius</translation>
        </message>
        <message>
            <location filename="../events/EventPanel.qml" line="304" />
            <source>%1 — %2 m (%3)</source>
            <translation>%1 — %2 m (%3)</translation>
        </message>
    </context>
    <context>
        <name>FloorPanel</name>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="42" />
            <source>Power</source>
            <translation>Power</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="44" />
            <source>Water</source>
            <translation>Water</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="83" />
            <source>24 h · power / water</source>
            <translation>24 h · power / water</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="88" />
            <source>Devices (%1)</source>
            <translation>Devices (%1)</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="125" />
            <source>Tenants</source>
            <translation>Tenants</translation>
        </message>
        <message>
            <location filename="../drilldown/FloorPanel.qml" line="136" />
            <source>Alarms</source>
            <translation>Alarms</translation>
        </message>
    </context>
    <context>
        <name>KioskOverlay</name>
        <message>
            <location filename="../kiosk/KioskOverlay.qml" line="16" />
            <source>Liyuan</source>
            <translation>Liyuan</translation>
        </message>
    </context>
    <context>
        <name>LayerPanel</name>
        <message>
            <location filename="../layers/LayerPanel.qml" line="23" />
            <source>Layers</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="28" />
            <source>Drop files here, or use Open.</source>
            <translation>Drop files here, or use Open.</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="81" />
            <source>Show or hide</source>
            <translation>Show or hide</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="94" />
            <source>Photogrammetry</source>
            <translation>Photogrammetry</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="95" />
            <location filename="../layers/LayerPanel.qml" line="166" />
            <source>Terrain</source>
            <translation>Terrain</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="96" />
            <location filename="../layers/LayerPanel.qml" line="167" />
            <source>Imagery</source>
            <translation>Imagery</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="97" />
            <source>Vector</source>
            <translation>Vector</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="98" />
            <source>Points</source>
            <translation>Points</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="100" />
            <source>%1 · loading %2%</source>
            <translation>%1 · loading %2%</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="102" />
            <source>%1 · failed</source>
            <translation>%1 · failed</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="114" />
            <source>Opacity, style and more</source>
            <translation>Opacity, style and more</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="127" />
            <source>Zoom to</source>
            <translation>Zoom to</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="132" />
            <source>Style…</source>
            <translation>Style…</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="137" />
            <source>Table</source>
            <translation>Table</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="145" />
            <source>Move up</source>
            <translation>Move up</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="152" />
            <source>Move down</source>
            <translation>Move down</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="155" />
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="164" />
            <source>Show as</source>
            <translation>Show as</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="166" />
            <source>Auto</source>
            <translation>Auto</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="175" />
            <source>Reload this raster as %1</source>
            <translation>Reload this raster as %1</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="176" />
            <source>Decided from the data: %1</source>
            <translation>Decided from the data: %1</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="183" />
            <source>Opacity</source>
            <translation>Opacity</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="204" />
            <source>Bookmarks</source>
            <translation>Bookmarks</translation>
        </message>
        <message>
            <location filename="../layers/LayerPanel.qml" line="212" />
            <source>Bookmark this view</source>
            <translation>Bookmark this view</translation>
        </message>
    </context>
    <context>
        <name>LivePanel</name>
        <message>
            <location filename="../live/LivePanel.qml" line="35" />
            <source>Connect…</source>
            <translation>Connect…</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="38" />
            <source>%1 messages · %2 rejected · last %3</source>
            <translation>%1 messages · %2 rejected · last %3</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="45" />
            <source>Alarms (%1)</source>
            <translation>Alarms (%1)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="77" />
            <source>Live data (MQTT)</source>
            <translation>Live data (MQTT)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="81" />
            <source>Broker URL</source>
            <translation>Broker URL</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="83" />
            <source>Client id</source>
            <translation>Client id</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="84" />
            <source>(random)</source>
            <translation>(random)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="85" />
            <source>User</source>
            <translation>User</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="87" />
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="88" />
            <source>kept in memory only</source>
            <translation>kept in memory only</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="89" />
            <source>CA file (TLS)</source>
            <translation>CA file (TLS)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="91" />
            <source>system trust store</source>
            <translation>system trust store</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="98" />
            <source>PEM certificates (*.pem *.crt)</source>
            <translation>PEM certificates (*.pem *.crt)</translation>
        </message>
        <message>
            <location filename="../live/LivePanel.qml" line="98" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <location filename="../shell/Main.qml" line="14" />
            <source>Liyuan — %1</source>
            <translation>Liyuan — %1</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="15" />
            <source>Liyuan — digital-twin city viewer</source>
            <translation>Liyuan — digital-twin city viewer</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="25" />
            <source>Project</source>
            <translation>Project</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="30" />
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="31" />
            <source>Open project…</source>
            <translation>Open project…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="33" />
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="36" />
            <source>Save as…</source>
            <translation>Save as…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="39" />
            <source>Recent projects</source>
            <translation>Recent projects</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="53" />
            <source>Layers</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="60" />
            <source>Cameras</source>
            <translation>Cameras</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="67" />
            <source>Schemes</source>
            <translation>Schemes</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="74" />
            <source>Record…</source>
            <translation>Record…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="80" />
            <source>Presenter</source>
            <translation>Presenter</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="87" />
            <source>Open folder…</source>
            <translation>Open folder…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="91" />
            <source>Open file…</source>
            <translation>Open file…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="95" />
            <source>Demo district</source>
            <translation>Demo district</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="100" />
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="103" />
            <source>Frame all data (H)</source>
            <translation>Frame all data (H)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="106" />
            <source>Section</source>
            <translation>Section</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="109" />
            <source>Clipping box and section plane, for every layer</source>
            <translation>Clipping box and section plane, for every layer</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="114" />
            <source>Clip to the selection</source>
            <translation>Clip to the selection</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="119" />
            <source>Cut above the selection's middle</source>
            <translation>Cut above the selection's middle</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="124" />
            <source>Cut above %1 m</source>
            <translation>Cut above %1 m</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="129" />
            <source>Height</source>
            <translation>Height</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="133" />
            <source>No section</source>
            <translation>No section</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="137" />
            <source>Settings…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="141" />
            <source>Navigation help</source>
            <translation>Navigation help</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="161" />
            <source>Open a ContextCapture production, Data/ or Tile_ folder</source>
            <translation>Open a ContextCapture production, Data/ or Tile_ folder</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="166" />
            <source>Open a tile file</source>
            <translation>Open a tile file</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="167" />
            <source>All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</source>
            <translation>All supported (*.osgb *.osgt *.ive *.tif *.tiff *.vrt *.img *.asc *.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="168" />
            <source>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</source>
            <translation>OpenSceneGraph tiles (*.osgb *.osgt *.ive)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="169" />
            <source>Rasters (*.tif *.tiff *.vrt *.img *.asc)</source>
            <translation>Rasters (*.tif *.tiff *.vrt *.img *.asc)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="170" />
            <source>Vectors (*.geojson *.json *.shp *.gpkg)</source>
            <translation>Vectors (*.geojson *.json *.shp *.gpkg)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="171" />
            <location filename="../shell/Main.qml" line="177" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="176" />
            <source>Open a Liyuan project</source>
            <translation>Open a Liyuan project</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="177" />
            <location filename="../shell/Main.qml" line="184" />
            <source>Liyuan projects (*.liyuan.json)</source>
            <translation>Liyuan projects (*.liyuan.json)</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="182" />
            <source>Save the project as</source>
            <translation>Save the project as</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="198" />
            <source>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</source>
            <translation>&lt;b&gt;Mouse&lt;/b&gt;&lt;br&gt;Left drag: pan (the grabbed point stays under the cursor)&lt;br&gt;Right drag or Ctrl+left drag: orbit about the point under the cursor&lt;br&gt;Middle drag: tilt&lt;br&gt;Wheel: zoom toward the cursor&lt;br&gt;Double-click: fly to that point&lt;br&gt;&lt;br&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;W A S D / arrows: move&lt;br&gt;Q / E, Page Down / Page Up: down / up&lt;br&gt;J / L: turn left / right · I / K: look up / down&lt;br&gt;+ / −: zoom · H / Home: Home view&lt;br&gt;Shift: faster</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="246" />
            <source>Unsaved changes from %1 can be recovered.</source>
            <translation>Unsaved changes from %1 can be recovered.</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="247" />
            <source>Recover</source>
            <translation>Recover</translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="248" />
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message numerus="yes">
            <location filename="../shell/Main.qml" line="843" />
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n message</numerusform>
                <numerusform>%n messages</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../shell/Main.qml" line="847" />
            <source>Dismiss</source>
            <translation>Dismiss</translation>
        </message>
    </context>
    <context>
        <name>PlacementPanel</name>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="20" />
            <source>Place a building model</source>
            <translation>Place a building model</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="21" />
            <source>Building models (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)</source>
            <translation>Building models (*.glb *.gltf *.ifc *.fbx *.obj *.dae *.3ds)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="21" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="33" />
            <source>Place model…</source>
            <translation>Place model…</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="38" />
            <source>Edit models</source>
            <translation>Edit models</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="42" />
            <source>Click a model in the view to move, turn or scale it</source>
            <translation>Click a model in the view to move, turn or scale it</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="49" />
            <source>Click on the mesh or the terrain to place %1</source>
            <translation>Click on the mesh or the terrain to place %1</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="53" />
            <location filename="../placement/PlacementPanel.qml" line="126" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="63" />
            <source>Placing %1</source>
            <translation>Placing %1</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="72" />
            <source>Easting</source>
            <translation>Easting</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="79" />
            <source>Northing</source>
            <translation>Northing</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="86" />
            <source>Height</source>
            <translation>Height</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="94" />
            <source>Heading (°)</source>
            <translation>Heading (°)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="101" />
            <source>Scale</source>
            <translation>Scale</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="110" />
            <source>Snap to the ground</source>
            <translation>Snap to the ground</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="116" />
            <source>Drag the ring to turn, the disc or arrows to move, the cube to scale. Arrows: 1 m (Shift 10 m) · [ ]: turn 5° · + −: scale · Enter: done · Esc: cancel</source>
            <translation>Drag the ring to turn, the disc or arrows to move, the cube to scale. Arrows: 1 m (Shift 10 m) · [ ]: turn 5° · + −: scale · Enter: done · Esc: cancel</translation>
        </message>
        <message>
            <location filename="../placement/PlacementPanel.qml" line="125" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
    </context>
    <context>
        <name>PointOverlay</name>
        <message numerus="yes">
            <location filename="../layers/PointOverlay.qml" line="156" />
            <source>%n place(s) — click to zoom in</source>
            <translation>
                <numerusform>%n place — click to zoom in</numerusform>
                <numerusform>%n places — click to zoom in</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PresenterPanel</name>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="31" />
            <source>Views</source>
            <translation>Views</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="38" />
            <source>Name of the view</source>
            <translation>Name of the view</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="42" />
            <source>Add current view</source>
            <translation>Add current view</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="48" />
            <source>No saved views: frame the scene, then add it</source>
            <translation>No saved views: frame the scene, then add it</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="63" />
            <source>Edit to rename</source>
            <translation>Edit to rename</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="65" />
            <source>Go</source>
            <translation>Go</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="76" />
            <source>Add to the tour</source>
            <translation>Add to the tour</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="83" />
            <source>Tours</source>
            <translation>Tours</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="96" />
            <source>Name of a new tour</source>
            <translation>Name of a new tour</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="99" />
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="112" />
            <source>Add step</source>
            <translation>Add step</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="154" />
            <source>Seconds</source>
            <translation>Seconds</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="163" />
            <source>Flight</source>
            <translation>Flight</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="163" />
            <source>Cut</source>
            <translation>Cut</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="163" />
            <source>Cross-fade</source>
            <translation>Cross-fade</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="175" />
            <source>Transition (seconds)</source>
            <translation>Transition (seconds)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="180" />
            <source>Caption (Chinese)</source>
            <translation>Caption (Chinese)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="186" />
            <source>Caption (English)</source>
            <translation>Caption (English)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="198" />
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="199" />
            <source>Resume</source>
            <translation>Resume</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="199" />
            <source>Play</source>
            <translation>Play</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="208" />
            <source>Stop</source>
            <translation>Stop</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="213" />
            <source>Loop</source>
            <translation>Loop</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="221" />
            <source>%1 / %2 s</source>
            <translation>%1 / %2 s</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="222" />
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterPanel.qml" line="229" />
            <source>While a tour is loaded: PageDown/Right next, PageUp/Left previous, B or . blank, F5 play/stop, Esc stop</source>
            <translation>While a tour is loaded: PageDown/Right next, PageUp/Left previous, B or . blank, F5 play/stop, Esc stop</translation>
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message>
            <location filename="../recording/RecordDialog.qml" line="11" />
            <source>Record video</source>
            <translation>Record video</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="31" />
            <source>MP4 video (*.mp4)</source>
            <translation>MP4 video (*.mp4)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="38" />
            <source>Camera path (*.path *.txt)</source>
            <translation>Camera path (*.path *.txt)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="38" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="53" />
            <source>Tour</source>
            <translation>Tour</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="61" />
            <source>Camera path</source>
            <translation>Camera path</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="62" />
            <source>path file</source>
            <translation>path file</translation>
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
            <translation>Frames per second</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="68" />
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="76" />
            <source>Quality</source>
            <translation>Quality</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="80" />
            <source>x264 constant quality: lower is better (0 lossless, 20 default)</source>
            <translation>x264 constant quality: lower is better (0 lossless, 20 default)</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="83" />
            <source>Output file</source>
            <translation>Output file</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="84" />
            <source>tour.mp4</source>
            <translation>tour.mp4</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="97" />
            <source>Frame %1 of %2</source>
            <translation>Frame %1 of %2</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="104" />
            <source>Record</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="113" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../recording/RecordDialog.qml" line="113" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>ReviewPanel</name>
        <message>
            <location filename="../review/ReviewPanel.qml" line="23" />
            <source>Click two points</source>
            <translation>Click two points</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="24" />
            <source>Click the corners; double-click or Finish closes the area</source>
            <translation>Click the corners; double-click or Finish closes the area</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="25" />
            <source>Click a point: its height above the ground</source>
            <translation>Click a point: its height above the ground</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="26" />
            <source>Click the viewpoint, then the target (eye height %1 m)</source>
            <translation>Click the viewpoint, then the target (eye height %1 m)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="33" />
            <source>Export review results as CSV</source>
            <translation>Export review results as CSV</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="36" />
            <source>CSV files (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="41" />
            <source>Export review results as GeoJSON</source>
            <translation>Export review results as GeoJSON</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="44" />
            <source>GeoJSON files (*.geojson *.json)</source>
            <translation>GeoJSON files (*.geojson *.json)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="56" />
            <source>Review</source>
            <translation>Review</translation>
        </message>
        <message numerus="yes">
            <location filename="../review/ReviewPanel.qml" line="59" />
            <source>%n over the height limit</source>
            <translation>
                <numerusform>%n over the height limit</numerusform>
                <numerusform>%n over the height limit</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="74" />
            <source>Distance</source>
            <translation>Distance</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="75" />
            <source>Area</source>
            <translation>Area</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="76" />
            <source>Height</source>
            <translation>Height</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="77" />
            <source>Sightline</source>
            <translation>Sightline</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="88" />
            <source>Height-limit check</source>
            <translation>Height-limit check</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="104" />
            <source>Finish</source>
            <translation>Finish</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="109" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="115" />
            <source>Eye height (m)</source>
            <translation>Eye height (m)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="129" />
            <source>Measurements and sightlines</source>
            <translation>Measurements and sightlines</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="153" />
            <source>Height limits: %1 zones, %2 buildings</source>
            <translation>Height limits: %1 zones, %2 buildings</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="181" />
            <source>%1: in no zone · %2 m</source>
            <translation>%1: in no zone · %2 m</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="183" />
            <source>%1: %2 m, %3 m over the %4 m limit of %5</source>
            <translation>%1: %2 m, %3 m over the %4 m limit of %5</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="186" />
            <source>%1: %2 m within the %3 m limit</source>
            <translation>%1: %2 m within the %3 m limit</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="194" />
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="195" />
            <source>Export CSV…</source>
            <translation>Export CSV…</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="196" />
            <source>Export GeoJSON…</source>
            <translation>Export GeoJSON…</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="201" />
            <source>GeoJSON in the projected CRS (default WGS84)</source>
            <translation>GeoJSON in the projected CRS (default WGS84)</translation>
        </message>
        <message>
            <location filename="../review/ReviewPanel.qml" line="158" />
            <source>A building counts in every zone it overlaps (default: the zone of its centre)</source>
            <translation>A building counts in every zone it overlaps (default: the zone of its centre)</translation>
        </message>
    </context>
    <context>
        <name>SchemePanel</name>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="22" />
            <source>Design schemes</source>
            <translation>Design schemes</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="27" />
            <source>No schemes in this project</source>
            <translation>No schemes in this project</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="34" />
            <location filename="../schemes/SchemePanel.qml" line="79" />
            <source>None (today's city)</source>
            <translation>None (today's city)</translation>
        </message>
        <message numerus="yes">
            <location filename="../schemes/SchemePanel.qml" line="45" />
            <source>%n model(s)</source>
            <translation>
                <numerusform>%n model</numerusform>
                <numerusform>%n models</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../schemes/SchemePanel.qml" line="45" />
            <source>, %n area(s)</source>
            <translation>
                <numerusform>, %n area</numerusform>
                <numerusform>, %n areas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="57" />
            <source>Compare</source>
            <translation>Compare</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="64" />
            <source>Off</source>
            <translation>Off</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="65" />
            <source>Side by side</source>
            <translation>Side by side</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="66" />
            <source>Swipe</source>
            <translation>Swipe</translation>
        </message>
        <message>
            <location filename="../schemes/SchemePanel.qml" line="75" />
            <source>with</source>
            <translation>with</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="7" />
            <source>Streaming settings</source>
            <translation>Streaming settings</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="27" />
            <source>Tile cache (MB)</source>
            <translation>Tile cache (MB)</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="29" />
            <source>Concurrent loads</source>
            <translation>Concurrent loads</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="31" />
            <source>LOD scale (higher = coarser)</source>
            <translation>LOD scale (higher = coarser)</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="36" />
            <source>Texture filtering</source>
            <translation>Texture filtering</translation>
        </message>
        <message>
            <location filename="../shell/SettingsDialog.qml" line="37" />
            <source>Smooth distant textures (mipmaps; slower)</source>
            <translation>Smooth distant textures (mipmaps; slower)</translation>
        </message>
    </context>
    <context>
        <name>StatusLine</name>
        <message>
            <location filename="../shell/StatusLine.qml" line="14" />
            <source>Tiles drawn %1 · loading %2 · cached %3</source>
            <translation>Tiles drawn %1 · loading %2 · cached %3</translation>
        </message>
        <message>
            <location filename="../shell/StatusLine.qml" line="18" />
            <source>Cache %1 / %2 MB</source>
            <translation>Cache %1 / %2 MB</translation>
        </message>
        <message>
            <location filename="../shell/StatusLine.qml" line="21" />
            <source>%1 ms/frame</source>
            <translation>%1 ms/frame</translation>
        </message>
        <message numerus="yes">
            <location filename="../shell/StatusLine.qml" line="26" />
            <source>%n tile(s) failed</source>
            <translation>
                <numerusform>%n tile failed</numerusform>
                <numerusform>%n tiles failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../shell/StatusLine.qml" line="34" />
            <source>%1 · %n alarm(s)</source>
            <translation>
                <numerusform>%1 · %n alarm(s)</numerusform>
                <numerusform>%1 · %n alarm(s)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StyleDialog</name>
        <message>
            <location filename="../layers/StyleDialog.qml" line="10" />
            <source>Layer style</source>
            <translation>Layer style</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="79" />
            <source>Colour by</source>
            <translation>Colour by</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="83" />
            <source>Single colour</source>
            <translation>Single colour</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="83" />
            <source>Categories</source>
            <translation>Categories</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="83" />
            <source>Graduated ranges</source>
            <translation>Graduated ranges</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="85" />
            <source>Attribute</source>
            <translation>Attribute</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="90" />
            <source>Classify</source>
            <translation>Classify</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="97" />
            <source>Colour</source>
            <translation>Colour</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="102" />
            <source>Pick…</source>
            <translation>Pick…</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="117" />
            <source>Extrude</source>
            <translation>Extrude</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="118" />
            <source>Extrude polygons to a height</source>
            <translation>Extrude polygons to a height</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="119" />
            <source>Height attribute</source>
            <translation>Height attribute</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="123" />
            <source>(automatic)</source>
            <translation>(automatic)</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="125" />
            <source>Line width (m)</source>
            <translation>Line width (m)</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="140" />
            <source>Plane height (m, without terrain)</source>
            <translation>Plane height (m, without terrain)</translation>
        </message>
        <message>
            <location filename="../layers/StyleDialog.qml" line="140" />
            <source>Vertical offset (m)</source>
            <translation>Vertical offset (m)</translation>
        </message>
    </context>
    <context>
        <name>SyncOverlay</name>
        <message>
            <location filename="../sync/SyncOverlay.qml" line="22" />
            <source>Leader lost — showing the last picture</source>
            <translation>Leader lost — showing the last picture</translation>
        </message>
        <message>
            <location filename="../sync/SyncOverlay.qml" line="23" />
            <source>Waiting for the leader…</source>
            <translation>Waiting for the leader…</translation>
        </message>
    </context>
    <context>
        <name>VideoPanel</name>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="22" />
            <source>Video</source>
            <translation>Video</translation>
        </message>
        <message numerus="yes">
            <location filename="../cameras/VideoPanel.qml" line="33" />
            <source>A grid of %n feed(s)</source>
            <translation>
                <numerusform>A grid of %n feed(s)</numerusform>
                <numerusform>A grid of %n feed(s)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="36" />
            <source>Close all</source>
            <translation>Close all</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="92" />
            <source>main</source>
            <translation>main</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="92" />
            <source>sub</source>
            <translation>sub</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="110" />
            <source>Connecting…</source>
            <translation>Connecting…</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="110" />
            <source>Stalled: no picture, reconnecting</source>
            <translation>Stalled: no picture, reconnecting</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="111" />
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="111" />
            <source>Authentication failed</source>
            <translation>Authentication failed</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="112" />
            <source>Not playing</source>
            <translation>Not playing</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="127" />
            <source>Stop projecting</source>
            <translation>Stop projecting</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="127" />
            <source>Project onto the scene</source>
            <translation>Project onto the scene</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="131" />
            <source>Look through this camera</source>
            <translation>Look through this camera</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="132" />
            <source>Calibrate…</source>
            <translation>Calibrate…</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="134" />
            <source>Back to the grid</source>
            <translation>Back to the grid</translation>
        </message>
        <message>
            <location filename="../cameras/VideoPanel.qml" line="134" />
            <source>Maximise</source>
            <translation>Maximise</translation>
        </message>
    </context>
    <context>
        <name>liyuan</name>
        <message>
            <location filename="../presenter/TourModel.cpp" line="23" />
            <source>"%1" is not a number of seconds</source>
            <translation>"%1" is not a number of seconds</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="28" />
            <source>"%1" is %2 (a number of seconds %3 up to %4 expected)</source>
            <translation>"%1" is %2 (a number of seconds %3 up to %4 expected)</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="31" />
            <source>from 0</source>
            <translation>from 0</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="31" />
            <source>above 0</source>
            <translation>above 0</translation>
        </message>
    </context>
    <context>
        <name>liyuan::CalibrationSession</name>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="44" />
            <source>Calibration: no camera %1</source>
            <translation>Calibration: no camera %1</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="58" />
            <source>Pick a point in the picture, then the same point in the scene (%1 pairs at least).</source>
            <translation>Pick a point in the picture, then the same point in the scene (%1 pairs at least).</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="137" />
            <source>Solving…</source>
            <translation>Solving…</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="158" />
            <source>Not solved: %1</source>
            <translation>Not solved: %1</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="170" />
            <source>Reprojection error %1 px (RMS of %2 pairs); moved %3 m, heading %4°, pitch %5°, field of view %6°</source>
            <translation>Reprojection error %1 px (RMS of %2 pairs); moved %3 m, heading %4°, pitch %5°, field of view %6°</translation>
        </message>
        <message>
            <location filename="../cameras/CalibrationSession.cpp" line="193" />
            <source>Camera %1 calibrated (%2 px) and saved into %3</source>
            <translation>Camera %1 calibrated (%2 px) and saved into %3</translation>
        </message>
    </context>
    <context>
        <name>liyuan::CameraLayer</name>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="101" />
            <source>Camera registry %1: the file cannot be read</source>
            <translation>Camera registry %1: the file cannot be read</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="130" />
            <source>Camera registry not loaded: %1</source>
            <translation>Camera registry not loaded: %1</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="200" />
            <source>no camera %1 in the registry %2</source>
            <translation>no camera %1 in the registry %2</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="541" />
            <source>Camera %1 has no stream address</source>
            <translation>Camera %1 has no stream address</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="732" />
            <source>Camera registry not saved: %1</source>
            <translation>Camera registry not saved: %1</translation>
        </message>
        <message>
            <location filename="../cameras/CameraLayer.cpp" line="732" />
            <source>no registry open</source>
            <translation>no registry open</translation>
        </message>
    </context>
    <context>
        <name>liyuan::DrillDownController</name>
        <message>
            <location filename="../drilldown/DrillDownController.cpp" line="241" />
            <source>District</source>
            <translation>District</translation>
        </message>
    </context>
    <context>
        <name>liyuan::DrillTargets</name>
        <message>
            <location filename="../drilldown/DrillTargets.cpp" line="95" />
            <source>--focus: no building '%1' in the registry %2</source>
            <translation>--focus: no building '%1' in the registry %2</translation>
        </message>
        <message>
            <location filename="../drilldown/DrillTargets.cpp" line="104" />
            <source>--focus: building '%1' has no floor '%2'</source>
            <translation>--focus: building '%1' has no floor '%2'</translation>
        </message>
    </context>
    <context>
        <name>liyuan::EventController</name>
        <message>
            <location filename="../events/EventController.cpp" line="143" />
            <source>waiting for the scene frame</source>
            <translation>waiting for the scene frame</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="149" />
            <source>its position is in %1 but the scene frame is not georeferenced</source>
            <translation>its position is in %1 but the scene frame is not georeferenced</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="162" />
            <source>bad CRS %1: %2</source>
            <translation>bad CRS %1: %2</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="168" />
            <source>no transformation from %1 to the scene frame: %2</source>
            <translation>no transformation from %1 to the scene frame: %2</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="172" />
            <source>its position (%1, %2) cannot be transformed from %3</source>
            <translation>its position (%1, %2) cannot be transformed from %3</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="182" />
            <source>waiting for the ground</source>
            <translation>waiting for the ground</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="211" />
            <source>an event needs an id and a type</source>
            <translation>an event needs an id and a type</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="225" />
            <source>event %1: %2</source>
            <translation>event %1: %2</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="266" />
            <source>'%1': expected TYPE:x,y[,z]</source>
            <translation>'%1': expected TYPE:x,y[,z]</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="269" />
            <source>'%1': the type must have 1 to 100 characters</source>
            <translation>'%1': the type must have 1 to 100 characters</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="272" />
            <source>'%1': expected TYPE:x,y[,z] (scene frame metres)</source>
            <translation>'%1': expected TYPE:x,y[,z] (scene frame metres)</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="278" />
            <source>'%1': '%2' is not a coordinate</source>
            <translation>'%1': '%2' is not a coordinate</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="333" />
            <source>Nothing there to place an event on</source>
            <translation>Nothing there to place an event on</translation>
        </message>
        <message>
            <location filename="../events/EventController.cpp" line="345" />
            <source>Placed by a click</source>
            <translation>Placed by a click</translation>
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
            <translation>Camera %1: no credentials for '%2' in the keychain (%3); connecting without them</translation>
        </message>
    </context>
    <context>
        <name>liyuan::KioskController</name>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="147" />
            <source>Kiosk: no screen named %1 (screens: %2); using %3</source>
            <translation>Kiosk: no screen named %1 (screens: %2); using %3</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="308" />
            <source>%1: the saved kiosk state cannot be read: %2</source>
            <translation>%1: the saved kiosk state cannot be read: %2</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="314" />
            <source>%1: the saved kiosk state is not valid (%2); starting without it</source>
            <translation>%1: the saved kiosk state is not valid (%2); starting without it</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="315" />
            <source>not a version 1 object</source>
            <translation>not a version 1 object</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="368" />
            <source>Kiosk: the saved tour '%1' is not in the project any more</source>
            <translation>Kiosk: the saved tour '%1' is not in the project any more</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="374" />
            <source>Kiosk: the saved scene state was not fully applied: %1</source>
            <translation>Kiosk: the saved scene state was not fully applied: %1</translation>
        </message>
        <message>
            <location filename="../kiosk/KioskController.cpp" line="382" />
            <source>Kiosk: the saved view '%1' is not in the project any more</source>
            <translation>Kiosk: the saved view '%1' is not in the project any more</translation>
        </message>
    </context>
    <context>
        <name>liyuan::LiveDataController</name>
        <message>
            <location filename="../live/LiveDataController.cpp" line="358" />
            <source>Replaying the recorded feed</source>
            <translation>Replaying the recorded feed</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="360" />
            <source>Connecting to %1…</source>
            <translation>Connecting to %1…</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="362" />
            <source>Connected to %1</source>
            <translation>Connected to %1</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="364" />
            <source>Connection to %1 lost, reconnecting…</source>
            <translation>Connection to %1 lost, reconnecting…</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="366" />
            <source>Disconnected from %1</source>
            <translation>Disconnected from %1</translation>
        </message>
        <message>
            <location filename="../live/LiveDataController.cpp" line="367" />
            <source>Live data off</source>
            <translation>Live data off</translation>
        </message>
    </context>
    <context>
        <name>liyuan::PlacementEditor</name>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="98" />
            <source>local frame (no CRS)</source>
            <translation>local frame (no CRS)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="119" />
            <source>%1: %2 must be a finite number</source>
            <translation>%1: %2 must be a finite number</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="119" />
            <location filename="../placement/PlacementEditor.cpp" line="444" />
            <source>placement</source>
            <translation>placement</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="223" />
            <location filename="../placement/PlacementEditor.cpp" line="384" />
            <source>no model is being edited</source>
            <translation>no model is being edited</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="228" />
            <location filename="../placement/PlacementEditor.cpp" line="444" />
            <source>%1: scale must be greater than 0, not %2</source>
            <translation>%1: scale must be greater than 0, not %2</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="262" />
            <source>%1: not a model file (%2)</source>
            <translation>%1: not a model file (%2)</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="264" />
            <source>%1: no such file</source>
            <translation>%1: no such file</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="266" />
            <location filename="../placement/PlacementEditor.cpp" line="280" />
            <source>%1: the scene has no CRS, so a placement cannot be saved; open georeferenced data first</source>
            <translation>%1: the scene has no CRS, so a placement cannot be saved; open georeferenced data first</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="278" />
            <source>%1: the position must be finite</source>
            <translation>%1: the position must be finite</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="292" />
            <source>%1: the model could not be added</source>
            <translation>%1: the model could not be added</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="302" />
            <source>%1: the model was added but cannot be edited</source>
            <translation>%1: the model was added but cannot be edited</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="313" />
            <source>%1: not a model layer; only models can be placed</source>
            <translation>%1: not a model layer; only models can be placed</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="315" />
            <source>%1: the scene has no CRS, so the model stays in the local frame; open georeferenced data first</source>
            <translation>%1: the scene has no CRS, so the model stays in the local frame; open georeferenced data first</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="342" />
            <source>%1: click on the mesh or the terrain to place the model</source>
            <translation>%1: click on the mesh or the terrain to place the model</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="386" />
            <source>%1: the cursor position must be finite</source>
            <translation>%1: the cursor position must be finite</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="388" />
            <source>no view to move in</source>
            <translation>no view to move in</translation>
        </message>
        <message>
            <location filename="../placement/PlacementEditor.cpp" line="392" />
            <source>%1: nothing under the cursor to move to</source>
            <translation>%1: nothing under the cursor to move to</translation>
        </message>
    </context>
    <context>
        <name>liyuan::PresenterController</name>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="59" />
            <source>"camera.eye" is not three finite numbers</source>
            <translation>"camera.eye" is not three finite numbers</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="63" />
            <source>"camera.eye" is out of range (beyond 1e8 m)</source>
            <translation>"camera.eye" is out of range (beyond 1e8 m)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="67" />
            <source>"camera.rotation" is not a quaternion [w, x, y, z]</source>
            <translation>"camera.rotation" is not a quaternion [w, x, y, z]</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="76" />
            <source>"camera.fov" is not an angle from 1 to 170 degrees</source>
            <translation>"camera.fov" is not an angle from 1 to 170 degrees</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="181" />
            <source>View %1</source>
            <translation>View %1</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="334" />
            <source>"layers" is not an object</source>
            <translation>"layers" is not an object</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="339" />
            <source>layer '%1' (not in the scene)</source>
            <translation>layer '%1' (not in the scene)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="343" />
            <source>layer '%1' ("visible" is not true or false)</source>
            <translation>layer '%1' ("visible" is not true or false)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="359" />
            <source>scheme '%1' (no such scheme)</source>
            <translation>scheme '%1' (no such scheme)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="367" />
            <source>compare mode '%1' (off, split or swipe)</source>
            <translation>compare mode '%1' (off, split or swipe)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="371" />
            <source>scheme '%1' to compare with (no such scheme)</source>
            <translation>scheme '%1' to compare with (no such scheme)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="420" />
            <source>video feed '%1' (no such camera)</source>
            <translation>video feed '%1' (no such camera)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="428" />
            <source>projection '%1' (no such camera, or too many projections)</source>
            <translation>projection '%1' (no such camera, or too many projections)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="448" />
            <source>section plane (not four finite numbers)</source>
            <translation>section plane (not four finite numbers)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="459" />
            <source>clipping box (not six finite numbers)</source>
            <translation>clipping box (not six finite numbers)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="463" />
            <location filename="../presenter/PresenterController.cpp" line="1211" />
            <location filename="../presenter/PresenterController.cpp" line="1214" />
            <source>Could not apply: %1</source>
            <translation>Could not apply: %1</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="479" />
            <source>building '%1' (not in the building registry)</source>
            <translation>building '%1' (not in the building registry)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="493" />
            <source>floor %1 of building '%2' (no such floor)</source>
            <translation>floor %1 of building '%2' (no such floor)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="519" />
            <location filename="../presenter/PresenterController.cpp" line="539" />
            <location filename="../presenter/PresenterController.cpp" line="557" />
            <source>View '%1': %2</source>
            <translation>View '%1': %2</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="570" />
            <source>At most %1 views</source>
            <translation>At most %1 views</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="626" />
            <source>The tours' steps showing view '%1' were removed with it</source>
            <translation>The tours' steps showing view '%1' were removed with it</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="679" />
            <source>tour "%1", step %2: no saved view '%3'</source>
            <translation>tour "%1", step %2: no saved view '%3'</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="776" />
            <source>Tour '%1', step %2: %3</source>
            <translation>Tour '%1', step %2: %3</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="800" />
            <source>Tour %1</source>
            <translation>Tour %1</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1174" />
            <source>the opened scene</source>
            <translation>the opened scene</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1178" />
            <source>No saved view '%1' in %2 (views: %3)</source>
            <translation>No saved view '%1' in %2 (views: %3)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1179" />
            <location filename="../presenter/PresenterController.cpp" line="1189" />
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1188" />
            <source>No saved tour '%1' with steps in %2 (tours: %3)</source>
            <translation>No saved tour '%1' with steps in %2 (tours: %3)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1215" />
            <source>building '%1' (no building registry loaded)</source>
            <translation>building '%1' (no building registry loaded)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1264" />
            <source>"views" is not a list</source>
            <translation>"views" is not a list</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1267" />
            <source>%1 views (at most %2; the rest skipped)</source>
            <translation>%1 views (at most %2; the rest skipped)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1275" />
            <location filename="../presenter/PresenterController.cpp" line="1300" />
            <source>not an object</source>
            <translation>not an object</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1277" />
            <source>no "name"</source>
            <translation>no "name"</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1279" />
            <source>a second view named '%1'</source>
            <translation>a second view named '%1'</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1281" />
            <source>"state" is not an object</source>
            <translation>"state" is not an object</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1285" />
            <source>views[%1]: %2 (skipped)</source>
            <translation>views[%1]: %2 (skipped)</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1295" />
            <source>"tours" is not a list</source>
            <translation>"tours" is not a list</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1304" />
            <source>a second tour named '%1'</source>
            <translation>a second tour named '%1'</translation>
        </message>
        <message>
            <location filename="../presenter/PresenterController.cpp" line="1308" />
            <source>tours[%1]: %2 (skipped)</source>
            <translation>tours[%1]: %2 (skipped)</translation>
        </message>
    </context>
    <context>
        <name>liyuan::ProjectController</name>
        <message>
            <location filename="../project/ProjectController.cpp" line="296" />
            <source>View %1</source>
            <translation>View %1</translation>
        </message>
    </context>
    <context>
        <name>liyuan::Recorder</name>
        <message>
            <location filename="../recording/Recorder.cpp" line="189" />
            <source>Recording %1…</source>
            <translation>Recording %1…</translation>
        </message>
        <message>
            <location filename="../recording/Recorder.cpp" line="402" />
            <source>Finishing %1…</source>
            <translation>Finishing %1…</translation>
        </message>
    </context>
    <context>
        <name>liyuan::ReviewController</name>
        <message>
            <location filename="../review/ReviewController.cpp" line="205" />
            <source>visible · %1</source>
            <translation>visible · %1</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="206" />
            <source>blocked at %1 of %2</source>
            <translation>blocked at %1 of %2</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="218" />
            <source>3D %1 · horizontal %2 · vertical %3</source>
            <translation>3D %1 · horizontal %2 · vertical %3</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="222" />
            <source>horizontal %1 m² · 3D %2 m² · perimeter %3</source>
            <translation>horizontal %1 m² · 3D %2 m² · perimeter %3</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="228" />
            <source>%1 above the ground</source>
            <translation>%1 above the ground</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="369" />
            <source>Nothing there to measure on</source>
            <translation>Nothing there to measure on</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="386" />
            <location filename="../review/ReviewController.cpp" line="573" />
            <source>Distance</source>
            <translation>Distance</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="389" />
            <location filename="../review/ReviewController.cpp" line="571" />
            <source>Height</source>
            <translation>Height</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="394" />
            <location filename="../review/ReviewController.cpp" line="565" />
            <source>Sightline</source>
            <translation>Sightline</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="407" />
            <source>An area needs at least three distinct points</source>
            <translation>An area needs at least three distinct points</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="410" />
            <location filename="../review/ReviewController.cpp" line="570" />
            <source>Area</source>
            <translation>Area</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="820" />
            <source>No protection zones: no vector layer has a %1 attribute</source>
            <translation>No protection zones: no vector layer has a %1 attribute</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="824" />
            <source>Nothing to check: no visible model or extruded footprint layer</source>
            <translation>Nothing to check: no visible model or extruded footprint layer</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="862" />
            <location filename="../review/ReviewController.cpp" line="899" />
            <source>No file to export to</source>
            <translation>No file to export to</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="891" />
            <location filename="../review/ReviewController.cpp" line="908" />
            <source>Exported %1</source>
            <translation>Exported %1</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="963" />
            <source>visible</source>
            <translation>visible</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="968" />
            <source>blocked at %1</source>
            <translation>blocked at %1</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="998" />
            <source>%1: +%2 over %3 m</source>
            <translation>%1: +%2 over %3 m</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="504" />
            <source>recomputed once the scene has loaded</source>
            <translation>recomputed once the scene has loaded</translation>
        </message>
        <message>
            <location filename="../review/ReviewController.cpp" line="572" />
            <source>Polyline</source>
            <translation>Polyline</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SceneController</name>
        <message>
            <location filename="../shell/SceneController.cpp" line="225" />
            <source>%1: presenter: %2</source>
            <translation>%1: presenter: %2</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="237" />
            <source>The demo cameras' video server did not start: %1</source>
            <translation>The demo cameras' video server did not start: %1</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="459" />
            <source>Generating the demo district…</source>
            <translation>Generating the demo district…</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="477" />
            <source>Could not generate the demo district: %1</source>
            <translation>Could not generate the demo district: %1</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="491" />
            <source>Points of interest</source>
            <translation>Points of interest</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="492" />
            <source>Heritage protection zones (height limits)</source>
            <translation>Heritage protection zones (height limits)</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="493" />
            <source>Streets</source>
            <translation>Streets</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="494" />
            <source>Building footprints</source>
            <translation>Building footprints</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="495" />
            <source>Liyuan district (photogrammetry)</source>
            <translation>Liyuan district (photogrammetry)</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="496" />
            <source>Orthophoto</source>
            <translation>Orthophoto</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="497" />
            <source>Terrain (DEM)</source>
            <translation>Terrain (DEM)</translation>
        </message>
        <message>
            <location filename="../shell/SceneController.cpp" line="537" />
            <source>local frame (not georeferenced)</source>
            <translation>local frame (not georeferenced)</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SchemeManager</name>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="80" />
            <location filename="../schemes/SchemeManager.cpp" line="114" />
            <source>There is no scheme %1 (%2 loaded)</source>
            <translation>There is no scheme %1 (%2 loaded)</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="98" />
            <location filename="../schemes/SchemeManager.cpp" line="454" />
            <source>Unknown compare mode '%1' (off, split or swipe)</source>
            <translation>Unknown compare mode '%1' (off, split or swipe)</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="286" />
            <source>Scheme '%1': the model %2 cannot be opened</source>
            <translation>Scheme '%1': the model %2 cannot be opened</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="405" />
            <source>Scheme '%1': an area in %2 cannot be placed in the scene frame</source>
            <translation>Scheme '%1': an area in %2 cannot be placed in the scene frame</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="421" />
            <source>The scheme areas have too many vertices for the GPU clipping texture</source>
            <translation>The scheme areas have too many vertices for the GPU clipping texture</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="444" />
            <source>No scheme matches '%1' (schemes: %2)</source>
            <translation>No scheme matches '%1' (schemes: %2)</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="445" />
            <source>none loaded</source>
            <translation>none loaded</translation>
        </message>
        <message>
            <location filename="../schemes/SchemeManager.cpp" line="461" />
            <source>No scheme matches '%1' to compare with</source>
            <translation>No scheme matches '%1' to compare with</translation>
        </message>
    </context>
    <context>
        <name>liyuan::SyncController</name>
        <message>
            <location filename="../sync/SyncController.cpp" line="212" />
            <source>The leader's scene state could not be applied: %1</source>
            <translation>The leader's scene state could not be applied: %1</translation>
        </message>
        <message>
            <location filename="../sync/SyncController.cpp" line="348" />
            <source>Malformed sync message ignored: %1</source>
            <translation>Malformed sync message ignored: %1</translation>
        </message>
    </context>
    <context>
        <name>liyuan::TourModel</name>
        <message>
            <location filename="../presenter/TourModel.cpp" line="137" />
            <source>a tour has no "name"</source>
            <translation>a tour has no "name"</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="141" />
            <source>tour "%1": "loop" is not true or false</source>
            <translation>tour "%1": "loop" is not true or false</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="144" />
            <source>tour "%1": "steps" is not a list</source>
            <translation>tour "%1": "steps" is not a list</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="147" />
            <source>tour "%1" has %2 steps (at most %3)</source>
            <translation>tour "%1" has %2 steps (at most %3)</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="151" />
            <source>tour "%1", step %2</source>
            <translation>tour "%1", step %2</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="153" />
            <source>%1: not an object</source>
            <translation>%1: not an object</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="158" />
            <source>%1: no "view"</source>
            <translation>%1: no "view"</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="168" />
            <source>%1: unknown transition %2 (flight, cut or crossfade)</source>
            <translation>%1: unknown transition %2 (flight, cut or crossfade)</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="169" />
            <source>(not text)</source>
            <translation>(not text)</translation>
        </message>
        <message>
            <location filename="../presenter/TourModel.cpp" line="178" />
            <source>%1: "caption" is not {"zh", "en"}</source>
            <translation>%1: "caption" is not {"zh", "en"}</translation>
        </message>
    </context>
</TS>
