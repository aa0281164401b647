#include "AppOptions.h"
#include "PlacementEditor.h" // placement:
#include "ReviewController.h" // review: --measure syntax
#include <liyuan/scene/quick/VideoProjectors.h> // video fusion: --project-image syntax
#include "EventController.h" // events: --event syntax
#include <liyuan/demo/SyntheticCity.h> // generate-city:

#include <QFileInfo>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress> // remote:
#include <QRegularExpression>

#include <cmath> // presenter: --tour-time

namespace liyuan {

AppOptions AppOptions::parse(const QStringList &args)
{
    AppOptions o;
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
            "Liyuan — digital-twin 3D city viewer.\n\n"
            "Usage:\n"
            "  liyuan [OPTIONS] [PATH...]          open datasets (no PATH: the built-in demo district)\n"
            "  liyuan info [--deep] [--json] PATH  describe a dataset without rendering\n"
            "  liyuan export-3dtiles PRODUCTION OUT [--tiling explicit|implicit]\n"
            "                                      convert an OSGB production to OGC 3D Tiles 1.1\n"
            "  liyuan generate-city OUT [--area-km2 A] [--levels N] [--tile-size M] [--seed S]\n"
            "                                      write a synthetic city (ContextCapture OSGB production)\n\n"
            "PATH is a ContextCapture/Smart3D production folder (metadata.xml + Data/), a Data/ folder,\n"
            "one Tile_* folder, a single .osgb/.osgt/.ive file, a GDAL raster (DEM or image), or a\n"
            "Liyuan project (*.liyuan.json). Any PATH of an OSGB production may be an http://, https:// or\n"
            "s3:// URL (a production whose Data/ the server lists, metadata.xml, a Tile_* folder or an .osgb file)."));
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
            QStringLiteral("Render in a real window, wait until no load is pending for the view (at most --timeout), "
                           "write the PNG, print one summary line and exit."), QStringLiteral("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size (default 1280x720)."), QStringLiteral("WxH"));
    const QCommandLineOption cameraPath(QStringLiteral("camera-path"),
            QStringLiteral("OpenSceneGraph AnimationPath text file (time x y z qx qy qz qw per line, local frame, Z up)."),
            QStringLiteral("FILE"));
    const QCommandLineOption time(QStringLiteral("time"), QStringLiteral("Time on the camera path for --screenshot (seconds)."), QStringLiteral("T"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Longest wait for --screenshot to settle (default 120); "
            "a view that did not settle exits 4 unless --allow-unsettled is given."), QStringLiteral("S"));
    const QCommandLineOption allowUnsettled(QStringLiteral("allow-unsettled"),
            QStringLiteral("With --screenshot: a view that did not settle within --timeout still exits 0."));
    const QCommandLineOption frames(QStringLiteral("frames"),
            QStringLiteral("Play N frames (along --camera-path in real time, looping), print frame-time statistics and exit."), QStringLiteral("N"));
    const QCommandLineOption stateJson(QStringLiteral("state-json"),
            QStringLiteral("With --screenshot or --frames: write what was shown (datasets, CRS, camera, tiles, loads) as JSON."),
            QStringLiteral("OUT.json"));
    const QCommandLineOption saveProject(QStringLiteral("save-project"),
            QStringLiteral("With --screenshot or --frames: save what was shown as a project file."), QStringLiteral("OUT.liyuan.json"));
    const QCommandLineOption cacheMb(QStringLiteral("cache-mb"), QStringLiteral("Tile cache budget in MB (geometry + textures)."), QStringLiteral("MB"));
    const QCommandLineOption maxLoads(QStringLiteral("max-loads"), QStringLiteral("Tile files read at the same time."), QStringLiteral("N"));
    const QCommandLineOption lodScale(QStringLiteral("lod-scale"), QStringLiteral("LOD scale as OSG's LODScale: >1 coarser, <1 finer (default 1)."), QStringLiteral("X"));
    const QCommandLineOption frameBudget(QStringLiteral("frame-budget-ms"), QStringLiteral("GUI-thread milliseconds per frame for attaching loaded tiles."), QStringLiteral("MS"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: zh_CN or en (default: system locale)."), QStringLiteral("LANG"));
    const QCommandLineOption deep(QStringLiteral("deep"), QStringLiteral("info: visit every file: LOD levels, triangles and texture bytes per level, missing children, unreadable files."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("info: print one JSON object."));
    const QCommandLineOption tiling(QStringLiteral("tiling"), // export-3dtiles:
            QStringLiteral("export-3dtiles PRODUCTION OUT: explicit (default) or implicit tiling of the 3D Tiles written."), QStringLiteral("KIND"));
    // generate-city:
    const QCommandLineOption cityArea(QStringLiteral("area-km2"), QStringLiteral("generate-city: city area in square km (default 1)."), QStringLiteral("A"));
    const QCommandLineOption cityLevels(QStringLiteral("levels"), QStringLiteral("generate-city: PagedLOD levels per tile block (default 10)."), QStringLiteral("N"));
    const QCommandLineOption cityTile(QStringLiteral("tile-size"), QStringLiteral("generate-city: tile block edge in metres (default 500)."), QStringLiteral("M"));
    const QCommandLineOption citySeed(QStringLiteral("seed"), QStringLiteral("generate-city: random seed (default 1): same seed, same bytes."), QStringLiteral("S"));
    p.addOptions({cityArea, cityLevels, cityTile, citySeed});
    const QCommandLineOption registry(QStringLiteral("registry"),
            QStringLiteral("Building registry (JSON): buildings, floors, devices, tenants, meters."), QStringLiteral("FILE"));
    const QCommandLineOption mqtt(QStringLiteral("mqtt"),
            QStringLiteral("Connect to an MQTT broker for live data (tcp://host:1883, ssl://host:8883)."), QStringLiteral("URL"));
    const QCommandLineOption mqttClientId(QStringLiteral("mqtt-client-id"), QStringLiteral("MQTT client id (default: a random one)."), QStringLiteral("ID"));
    const QCommandLineOption mqttUser(QStringLiteral("mqtt-user"),
            QStringLiteral("MQTT user name; the password is read from LIYUAN_MQTT_PASSWORD."), QStringLiteral("NAME"));
    const QCommandLineOption mqttCa(QStringLiteral("mqtt-ca"), QStringLiteral("PEM CA file for TLS brokers."), QStringLiteral("FILE"));
    const QCommandLineOption mapping(QStringLiteral("mapping"),
            QStringLiteral("Payload mapping (JSON): SensorThings datastreams and JSON topic rules."), QStringLiteral("FILE"));
    const QCommandLineOption focus(QStringLiteral("focus"),
            QStringLiteral("Open the drill-down on a building of the registry, optionally one floor (its number)."),
            QStringLiteral("BUILDING[/FLOOR]"));
    const QCommandLineOption sectionHeight(QStringLiteral("section-height"),
            QStringLiteral("Section plane: cut away everything above this scene-frame height (metres)."), QStringLiteral("Z"));
    const QCommandLineOption clipBox(QStringLiteral("clip-box"),
            QStringLiteral("Clipping box: keep only what lies inside (scene frame)."), QStringLiteral("minx,miny,minz,maxx,maxy,maxz"));
    p.addOptions({sectionHeight, clipBox});
    const QCommandLineOption explode(QStringLiteral("explode"), QStringLiteral("With --focus: explode the building's floors."));
    // placement:
    const QCommandLineOption place(QStringLiteral("place"),
            QStringLiteral("Place a model layer once the data is in: scene-frame x, y (metres from the scene origin), "
                           "height (omitted: snapped to the ground under the model), heading (degrees clockwise from "
                           "grid north), scale. Repeatable; saved with --save-project."),
            QStringLiteral("LAYERID:x,y[,z][,heading[,scale]]"));
    p.addOption(place);
    const QCommandLineOption input(QStringLiteral("input"),
            QStringLiteral("With --screenshot: once the view has settled, play this user-input script (mouse and keys "
                           "through the real interface, which is shown), wait to settle again, then take the screenshot."),
            QStringLiteral("FILE"));
    p.addOption(input);
    p.addOption(allowUnsettled);
    // remote: datasets by URL
    const QCommandLineOption diskCacheMb(QStringLiteral("disk-cache-mb"),
            QStringLiteral("Size limit of the on-disk cache of downloaded files in MB (least recently used evicted; 0 = none)."),
            QStringLiteral("MB"));
    const QCommandLineOption diskCacheDir(QStringLiteral("disk-cache-dir"),
            QStringLiteral("Folder of the disk cache (default: <XDG cache>/liyuan/http); several instances may share it."),
            QStringLiteral("DIR"));
    const QCommandLineOption offline(QStringLiteral("offline"),
            QStringLiteral("Serve URLs from the disk cache only; a file not in it is an error naming the URL."));
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout-ms"),
            QStringLiteral("Abort (and retry) a request that receives nothing for this long (default 15000)."), QStringLiteral("MS"));
    const QCommandLineOption retries(QStringLiteral("retries"),
            QStringLiteral("Retries of a failed request (5xx, timeout, dropped or truncated), with exponential back-off (default 3)."),
            QStringLiteral("N"));
    p.addOptions({diskCacheMb, diskCacheDir, offline, requestTimeout, retries});
    // texmem: how tile textures are held
    const QCommandLineOption textureCompression(QStringLiteral("texture-compression"),
            QStringLiteral("Tile textures in memory: bc1 (default: 1/8 of RGBA8's bytes, BC3 where a texture has transparency), bc3, or none (RGBA8)."),
            QStringLiteral("none|bc1|bc3"));
    p.addOption(textureCompression);
    p.addOptions({help, version, screenshot, size, cameraPath, time, timeout, frames, stateJson, saveProject, cacheMb, maxLoads,
                  lodScale, frameBudget, lang, registry, mqtt, mqttClientId, mqttUser, mqttCa, mapping, focus, explode, deep, json});
    // review: measurements and sightlines for automation
    const QCommandLineOption measure(QStringLiteral("measure"),
            QStringLiteral("Measure once the view has settled (results in --state-json): KIND distance, area, height or "
                           "sightline, points in the scene frame (sightline: viewpoint then target). Repeatable."),
            QStringLiteral("KIND:x,y,z;x,y,z..."));
    p.addOption(measure);
    // schemes:
    const QCommandLineOption scheme(QStringLiteral("scheme"),
            QStringLiteral("Show a design scheme of the project: its name, id or index (0 = first; 'none')."),
            QStringLiteral("NAME|INDEX"));
    const QCommandLineOption compare(QStringLiteral("compare"),
            QStringLiteral("Compare the shown scheme with another: split (side by side) or swipe (slider), then ':' and "
                           "the second scheme (none: today's city)."),
            QStringLiteral("MODE[:SCHEME]"));
    p.addOptions({scheme, compare});
    // presenter:
    const QCommandLineOption view(QStringLiteral("view"),
            QStringLiteral("Apply a saved view of the opened project (camera, layers, scheme, drill-down, feeds, section) "
                           "before the screenshot."),
            QStringLiteral("NAME"));
    const QCommandLineOption tour(QStringLiteral("tour"),
            QStringLiteral("Play a saved tour of the opened project from its start."), QStringLiteral("NAME"));
    const QCommandLineOption tourTime(QStringLiteral("tour-time"),
            QStringLiteral("Show the tour at T seconds and hold it there (a deterministic picture)."), QStringLiteral("T"));
    const QCommandLineOption addView(QStringLiteral("add-view"),
            QStringLiteral("Save the view at the end of the run (camera and scene state) as NAME into the project "
                           "written by --save-project."),
            QStringLiteral("NAME"));
    p.addOptions({view, tour, tourTime, addView});
    // video fusion:
    const QCommandLineOption projectImage(QStringLiteral("project-image"),
            QStringLiteral("Once the view has settled, project a picture onto the scene from a camera pose: scene-frame "
                           "position, heading (clockwise from north), pitch, roll, horizontal field of view (degrees), "
                           "aspect (0 or omitted: the picture's), near and far (metres). Repeatable, up to 4."),
            QStringLiteral("FILE@x,y,z,heading,pitch,roll,hfov[,aspect,near,far]"));
    const QCommandLineOption projectionOpacity(QStringLiteral("projection-opacity"),
            QStringLiteral("Opacity of the projected pictures, 0 to 1 (default 1)."), QStringLiteral("X"));
    p.addOptions({projectImage, projectionOpacity});
    // events:
    const QCommandLineOption event(QStringLiteral("event"),
            QStringLiteral("Report an event of TYPE at scene-frame x, y (metres from the scene origin) and z (omitted: "
                           "on the ground); listed in --state-json with the cameras that see it and the nearby "
                           "points. Repeatable."),
            QStringLiteral("TYPE:x,y[,z]"));
    const QCommandLineOption eventMapping(QStringLiteral("event-mapping"),
            QStringLiteral("Event mapping (JSON, LiyuanEventMapping): which MQTT topics carry events and where their "
                           "id, type, position, CRS, time, severity and text are."), QStringLiteral("FILE"));
    p.addOptions({event, eventMapping});
    // rasters:
    const QCommandLineOption rasterAs(QStringLiteral("as"),
            QStringLiteral("Open every raster PATH as terrain or imagery, whatever its data says "
                           "(one path: PATH#terrain or PATH#imagery)."),
            QStringLiteral("terrain|imagery"));
    p.addOption(rasterAs);
    // cameras:
    const QCommandLineOption camerasOpt(QStringLiteral("cameras"),
            QStringLiteral("Open a surveillance-camera registry (JSON or GeoPackage; schema in the README)."), QStringLiteral("FILE"));
    const QCommandLineOption openVideo(QStringLiteral("open-video"),
            QStringLiteral("Open the live video of these cameras in the video grid (ids, comma-separated)."), QStringLiteral("ID[,ID...]"));
    const QCommandLineOption projectVideo(QStringLiteral("project-video"),
            QStringLiteral("Project the live video of these cameras onto the scene (ids, comma-separated; 4 at most)."),
            QStringLiteral("ID[,ID...]"));
    p.addOptions({camerasOpt, openVideo, projectVideo});
    // remote: / kiosk:
    const QCommandLineOption remote(QStringLiteral("remote"),
            QStringLiteral("Remote control over HTTP + WebSocket on this port (0: a free port; the URL is printed). "
                           "Token from LIYUAN_REMOTE_TOKEN or generated once into the config folder (0600)."),
            QStringLiteral("PORT"));
    const QCommandLineOption remoteBind(QStringLiteral("remote-bind"),
            QStringLiteral("Address the remote control listens on (default 127.0.0.1)."), QStringLiteral("ADDR"));
    const QCommandLineOption kiosk(QStringLiteral("kiosk"),
            QStringLiteral("Kiosk mode: full screen, interface reduced to an overlay, cursor hidden, no dialogs "
                           "(messages to the overlay and a log file), the last view or tour restored after a restart."));
    const QCommandLineOption kioskScreens(QStringLiteral("kiosk-screens"),
            QStringLiteral("With --kiosk: the outputs to fill (names as the system calls them, comma-separated)."),
            QStringLiteral("NAME[,NAME...]"));
    p.addOptions({remote, remoteBind, kiosk, kioskScreens});
    // recording:
    const QCommandLineOption recordTour(QStringLiteral("record-tour"),
            QStringLiteral("Record the project's tour NAME to an H.264 MP4 (frame by frame, each frame settled) and exit: "
                           "--record-tour NAME OUT.mp4."), QStringLiteral("NAME OUT.mp4"));
    const QCommandLineOption record(QStringLiteral("record"),
            QStringLiteral("Record --camera-path FILE (its whole duration) to an H.264 MP4 and exit."), QStringLiteral("OUT.mp4"));
    const QCommandLineOption recordFps(QStringLiteral("record-fps"),
            QStringLiteral("Frames per second of the recording (default 30)."), QStringLiteral("N"));
    const QCommandLineOption recordSize(QStringLiteral("record-size"),
            QStringLiteral("Video size, even numbers (default: the window size, --size)."), QStringLiteral("WxH"));
    const QCommandLineOption recordQuality(QStringLiteral("record-quality"),
            QStringLiteral("x264 constant quality, 0 (lossless) to 51 (worst); default 20."), QStringLiteral("Q"));
    const QCommandLineOption recordBitrate(QStringLiteral("record-bitrate"),
            QStringLiteral("Constant bit rate in kbit/s instead of constant quality."), QStringLiteral("KBPS"));
    p.addOptions({recordTour, record, recordFps, recordSize, recordQuality, recordBitrate});
    // wall:
    const QCommandLineOption wallOpt(QStringLiteral("wall"),
            QStringLiteral("Video wall layout (JSON; format in the README): screens, bezels, outputs, eye point."), QStringLiteral("FILE"));
    const QCommandLineOption wallScreen(QStringLiteral("wall-screen"),
            QStringLiteral("With --wall: this process shows that screen's part of the picture, full screen on its output, "
                           "interface and cursor hidden."), QStringLiteral("ID"));
    const QCommandLineOption exportStill(QStringLiteral("export-still"),
            QStringLiteral("Render the view (after --camera-path/--time) as a still of --still-size pixels by window-sized "
                           "tiles, each after streaming settled, stitched into one PNG; print progress and exit."),
            QStringLiteral("OUT.png"));
    const QCommandLineOption stillSize(QStringLiteral("still-size"),
            QStringLiteral("Size of --export-still (up to 16384x16384; default the window size)."), QStringLiteral("WxH"));
    const QCommandLineOption noOverlays(QStringLiteral("no-overlays"),
            QStringLiteral("Hide the screen-space overlays (point icons and labels, camera icons and labels, measurement "
                           "labels): the 3D scene only, continuous across wall screens and still tiles. Implied by --export-still."));
    p.addOptions({wallOpt, wallScreen, exportStill, stillSize, noOverlays});
    // sync: leader/follower walls over MQTT (--wall / --wall-screen: the wall part's, below)
    const QCommandLineOption wallId(QStringLiteral("wall-id"),
            QStringLiteral("Wall id in the MQTT topics liyuan/wall/ID/... (default: the layout's id, or 'default')."),
            QStringLiteral("ID"));
    const QCommandLineOption lead(QStringLiteral("lead"),
            QStringLiteral("Lead a wall: publish this window's camera, clock and scene state to the MQTT broker each frame."),
            QStringLiteral("URL"));
    const QCommandLineOption follow(QStringLiteral("follow"),
            QStringLiteral("Follow a wall's leader through the MQTT broker (with --wall FILE --wall-screen ID: that screen's part). "
                           "With --state-json the sync state is rewritten every 250 ms while running."),
            QStringLiteral("URL"));
    const QCommandLineOption syncLog(QStringLiteral("sync-log"),
            QStringLiteral("Write one line per published (leader) or applied (follower) frame: role, session, frame, monotonic ms."),
            QStringLiteral("FILE"));
    const QCommandLineOption syncTimeout(QStringLiteral("sync-timeout-ms"),
            QStringLiteral("Follower: the leader counts as lost after this long without a pose (default 1500)."), QStringLiteral("MS"));
    const QCommandLineOption followerStateDir(QStringLiteral("follower-state-dir"),
            QStringLiteral("With --wall and no --wall-screen: each follower writes DIR/SCREEN.json (live --state-json) "
                           "and DIR/SCREEN.log (--sync-log)."), QStringLiteral("DIR"));
    p.addOptions({wallId, lead, follow, syncLog, syncTimeout, followerStateDir});
    p.addOption(tiling); // export-3dtiles:
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Datasets to open."), QStringLiteral("[PATH...]"));
    o.helpText = p.helpText();
    // recording: --record-tour takes two values (NAME OUT.mp4): the second becomes --record OUT.mp4
    QStringList arguments = args;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString a = arguments[i];
        const int outAt = a == QLatin1String("--record-tour") ? i + 2
                        : a.startsWith(QLatin1String("--record-tour=")) ? i + 1 : -1;
        if (outAt > 0 && outAt < arguments.size() && !arguments[outAt].startsWith(QLatin1Char('-'))) {
            arguments.insert(outAt, QStringLiteral("--record"));
            break;
        }
    }

    if (!p.parse(arguments)) {
        o.error = p.errorText();
        return o;
    }
    if (p.isSet(help)) {
        o.mode = Mode::Help;
        return o;
    }
    if (p.isSet(version)) {
        o.mode = Mode::Version;
        return o;
    }
    o.registry = p.value(registry);
    o.cameras = p.value(camerasOpt);
    for (const QString &list : p.values(openVideo))
        for (const QString &id : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
            o.openVideo << id.trimmed();
    for (const QString &list : p.values(projectVideo))
        for (const QString &id : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
            o.projectVideo << id.trimmed();
    if ((p.isSet(openVideo) && o.openVideo.isEmpty()) || (p.isSet(projectVideo) && o.projectVideo.isEmpty())) {
        o.error = QStringLiteral("--open-video and --project-video need camera ids");
        return o;
    }
    o.mqtt = p.value(mqtt);
    o.mqttClientId = p.value(mqttClientId);
    o.mqttUser = p.value(mqttUser);
    o.mqttCa = p.value(mqttCa);
    o.mapping = p.value(mapping);
    o.focus = p.value(focus);
    o.explode = p.isSet(explode);
    if (p.isSet(sectionHeight)) {
        bool ok = false;
        o.sectionHeight = p.value(sectionHeight).toDouble(&ok);
        if (!ok || !qIsFinite(o.sectionHeight)) {
            o.error = QStringLiteral("--section-height must be a number, not '%1'").arg(p.value(sectionHeight));
            return o;
        }
    }
    if (p.isSet(clipBox)) {
        const QStringList parts = p.value(clipBox).split(QLatin1Char(','));
        for (const QString &v : parts) {
            bool ok = false;
            const double d = v.trimmed().toDouble(&ok);
            if (!ok || !qIsFinite(d))
                break;
            o.clipBox << d;
        }
        if (o.clipBox.size() != 6 || parts.size() != 6) {
            o.error = QStringLiteral("--clip-box needs six numbers minx,miny,minz,maxx,maxy,maxz, not '%1'").arg(p.value(clipBox));
            return o;
        }
    }
    // placement:
    o.place = p.values(place);
    for (const QString &spec : std::as_const(o.place)) {
        PlacementEditor::PlaceSpec parsed;
        if (!PlacementEditor::parsePlaceSpec(spec, &parsed, &o.error))
            return o;
    }
    // review: --measure is checked here so a typo fails before any window opens
    o.measures = p.values(measure);
    for (const QString &spec : o.measures) {
        QString kind;
        std::vector<Vec3d> points;
        if (!ReviewController::parseSpec(spec, &kind, &points, &o.error))
            return o;
    }
    o.projectImages = p.values(projectImage); // video fusion: checked before any window opens
    if (o.projectImages.size() > VideoProjectors::kSlots) {
        o.error = QStringLiteral("--project-image: at most %1 projections").arg(VideoProjectors::kSlots);
        return o;
    }
    if (p.isSet(projectionOpacity)) {
        bool ok = false;
        o.projectionOpacity = p.value(projectionOpacity).toDouble(&ok);
        if (!ok || !(o.projectionOpacity >= 0.0 && o.projectionOpacity <= 1.0)) {
            o.error = QStringLiteral("--projection-opacity must be a number from 0 to 1, not '%1'").arg(p.value(projectionOpacity));
            return o;
        }
    }
    for (const QString &spec : std::as_const(o.projectImages)) {
        QString file;
        CameraPose pose;
        bool aspectGiven = false;
        if (!VideoProjectors::parseImageSpec(spec, &file, &pose, &aspectGiven, &o.error))
            return o;
    }
    o.events = p.values(event); // events: checked before any window opens
    for (const QString &spec : std::as_const(o.events)) {
        live::EventRecord record;
        QString why;
        if (!EventController::parseEventSpec(spec, &record, &why)) {
            o.error = QStringLiteral("--event %1").arg(why);
            return o;
        }
    }
    o.eventMapping = p.value(eventMapping);
    // remote: / kiosk:
    if (p.isSet(remote)) {
        bool ok = false;
        o.remotePort = p.value(remote).toInt(&ok);
        if (!ok || o.remotePort < 0 || o.remotePort > 65535) {
            o.error = QStringLiteral("--remote must be a port from 0 to 65535 (0: a free port), not '%1'").arg(p.value(remote));
            return o;
        }
    }
    if (p.isSet(remoteBind)) {
        o.remoteBind = p.value(remoteBind).trimmed();
        if (QHostAddress(o.remoteBind).isNull()) {
            o.error = QStringLiteral("--remote-bind must be an IP address, not '%1'").arg(p.value(remoteBind));
            return o;
        }
        if (!p.isSet(remote)) {
            o.error = QStringLiteral("--remote-bind needs --remote PORT");
            return o;
        }
    }
    o.kiosk = p.isSet(kiosk);
    for (const QString &name : p.value(kioskScreens).split(QLatin1Char(','), Qt::SkipEmptyParts))
        o.kioskScreens << name.trimmed();
    if (p.isSet(kioskScreens) && (!o.kiosk || o.kioskScreens.isEmpty())) {
        o.error = QStringLiteral("--kiosk-screens needs --kiosk and at least one screen name");
        return o;
    }
    o.scheme = p.value(scheme); // schemes:
    o.compare = p.value(compare);
    if (!o.compare.isEmpty()) {
        const QString mode = o.compare.section(QLatin1Char(':'), 0, 0).toLower();
        if (mode != QLatin1String("split") && mode != QLatin1String("swipe") && mode != QLatin1String("off")) {
            o.error = QStringLiteral("--compare must be split, swipe or off, optionally with :SCHEME (got '%1')").arg(o.compare);
            return o;
        }
    }
    // presenter:
    o.view = p.value(view);
    o.tour = p.value(tour);
    o.addView = p.value(addView);
    if (p.isSet(tourTime)) {
        bool ok = false;
        o.tourTime = p.value(tourTime).toDouble(&ok);
        if (!ok || !std::isfinite(o.tourTime) || o.tourTime < 0 || o.tourTime > 1e7) {
            o.error = QStringLiteral("--tour-time must be a number of seconds from 0 (got '%1')").arg(p.value(tourTime));
            return o;
        }
        if (o.tour.isEmpty()) {
            o.error = QStringLiteral("--tour-time needs --tour NAME");
            return o;
        }
    }
    if ((p.isSet(view) && o.view.trimmed().isEmpty()) || (p.isSet(tour) && o.tour.trimmed().isEmpty())) {
        o.error = QStringLiteral("--view and --tour need a NAME");
        return o;
    }
    if (!o.addView.isEmpty() && p.value(QStringLiteral("save-project")).isEmpty()) {
        o.error = QStringLiteral("--add-view needs --save-project");
        return o;
    }
    if (o.explode && o.focus.isEmpty()) {
        o.error = QStringLiteral("--explode needs --focus BUILDING");
        return o;
    }
    QStringList pos = p.positionalArguments();
    if (!pos.isEmpty() && pos.first() == QLatin1String("info")) {
        o.mode = Mode::Info;
        pos.removeFirst();
        if (pos.size() != 1) {
            o.error = QStringLiteral("info needs exactly one PATH");
            return o;
        }
    } else if (!pos.isEmpty() && pos.first() == QLatin1String("export-3dtiles")) { // export-3dtiles:
        o.mode = Mode::Export3dTiles;
        pos.removeFirst();
        if (pos.size() != 2) {
            o.error = QStringLiteral("export-3dtiles needs PRODUCTION and OUT");
            return o;
        }
        o.tiling = p.isSet(tiling) ? p.value(tiling).trimmed().toLower() : QStringLiteral("explicit");
        if (o.tiling != QLatin1String("explicit") && o.tiling != QLatin1String("implicit")) {
            o.error = QStringLiteral("--tiling must be explicit or implicit, not '%1'").arg(p.value(tiling));
            return o;
        }
    } else if (!pos.isEmpty() && pos.first() == QLatin1String("generate-city")) { // generate-city:
        o.mode = Mode::GenerateCity;
        pos.removeFirst();
        if (pos.size() != 1) {
            o.error = QStringLiteral("generate-city needs exactly one OUT folder");
            return o;
        }
        demo::SyntheticCityOptions c;
        bool okA = true, okL = true, okT = true, okS = true;
        if (p.isSet(cityArea)) c.areaKm2 = p.value(cityArea).toDouble(&okA);
        if (p.isSet(cityLevels)) c.levels = p.value(cityLevels).toInt(&okL);
        if (p.isSet(cityTile)) c.tileSize = p.value(cityTile).toDouble(&okT);
        if (p.isSet(citySeed)) c.seed = p.value(citySeed).toULongLong(&okS);
        if (!okA || !okL || !okT || !okS) {
            o.error = QStringLiteral("generate-city: --area-km2 and --tile-size take numbers, --levels and --seed whole numbers (>= 0)");
            return o;
        }
        o.error = demo::SyntheticCity::validate(c);
        if (!o.error.isEmpty())
            return o;
        o.cityAreaKm2 = c.areaKm2;
        o.cityLevels = c.levels;
        o.cityTileSize = c.tileSize;
        o.citySeed = c.seed;
    } else if (p.isSet(cityArea) || p.isSet(cityLevels) || p.isSet(cityTile) || p.isSet(citySeed)) {
        o.error = QStringLiteral("--area-km2, --levels, --tile-size and --seed belong to 'liyuan generate-city'");
        return o;
    } else if (p.isSet(deep) || p.isSet(json)) {
        o.error = QStringLiteral("--deep and --json belong to 'liyuan info'");
        return o;
    }
    if (p.isSet(tiling) && o.mode != Mode::Export3dTiles) {
        o.error = QStringLiteral("--tiling belongs to 'liyuan export-3dtiles'");
        return o;
    }
    o.paths = pos;
    if (p.isSet(rasterAs)) { // rasters: --as is PATH#KIND on every path without its own
        const QString as = p.value(rasterAs).trimmed().toLower();
        if (as != QLatin1String("terrain") && as != QLatin1String("imagery")) {
            o.error = QStringLiteral("--as must be terrain or imagery, not '%1'").arg(p.value(rasterAs));
            return o;
        }
        if (o.mode == Mode::Info) {
            o.error = QStringLiteral("--as does not belong to 'liyuan info'");
            return o;
        }
        static const QRegularExpression own(QStringLiteral("#(terrain|imagery)$"), QRegularExpression::CaseInsensitiveOption);
        for (QString &path : o.paths)
            if (!path.endsWith(QLatin1String(".liyuan.json"), Qt::CaseInsensitive) && !own.match(path).hasMatch())
                path += QLatin1Char('#') + as;
    }
    o.deep = p.isSet(deep);
    o.json = p.isSet(json);
    o.screenshot = p.value(screenshot);
    o.cameraPath = p.value(cameraPath);
    o.stateJson = p.value(stateJson);
    o.saveProject = p.value(saveProject);
    o.input = p.value(input);
    o.lang = p.value(lang);
    if (!o.lang.isEmpty() && o.lang != QLatin1String("zh_CN") && o.lang != QLatin1String("en")) {
        o.error = QStringLiteral("--lang must be zh_CN or en, not '%1'").arg(o.lang);
        return o;
    }
    auto number = [&](const QCommandLineOption &opt, double lo, double hi, double *out) {
        bool ok = false;
        const double v = p.value(opt).toDouble(&ok);
        if (!ok || !(v >= lo && v <= hi)) {
            o.error = QStringLiteral("--%1 must be a number from %2 to %3, not '%4'")
                              .arg(opt.names().constLast()).arg(lo).arg(hi).arg(p.value(opt));
            return false;
        }
        *out = v;
        return true;
    };
    double v = 0;
    if (p.isSet(size)) {
        const QStringList wh = p.value(size).toLower().split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
        const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 16 || h < 16 || w > 16384 || h > 16384) {
            o.error = QStringLiteral("--size must be WxH (16..16384), not '%1'").arg(p.value(size));
            return o;
        }
        o.size = QSize(w, h);
    }
    if (p.isSet(time)) {
        if (!number(time, -1e9, 1e9, &o.time))
            return o;
        o.timeSet = true;
    }
    o.timeoutSet = p.isSet(timeout);
    if (p.isSet(timeout) && !number(timeout, 0.1, 86400, &o.timeoutSeconds))
        return o;
    o.allowUnsettled = p.isSet(allowUnsettled);
    if (p.isSet(frames)) {
        if (!number(frames, 1, 1e7, &v))
            return o;
        o.frames = int(v);
    }
    if (p.isSet(cacheMb)) {
        if (!number(cacheMb, 16, 1024 * 1024, &v))
            return o;
        o.streaming.cacheBytes = qint64(v * 1024 * 1024);
        o.streamingSet[0] = true;
    }
    if (p.isSet(maxLoads)) {
        if (!number(maxLoads, 1, 64, &v))
            return o;
        o.streaming.maxConcurrentLoads = int(v);
        o.streamingSet[1] = true;
    }
    if (p.isSet(lodScale)) {
        if (!number(lodScale, 0.01, 100, &o.streaming.lodScale))
            return o;
        o.streamingSet[2] = true;
    }
    if (p.isSet(frameBudget)) {
        if (!number(frameBudget, 0.5, 1000, &o.streaming.attachBudgetMs))
            return o;
        o.streamingSet[3] = true;
    }
    // sync:
    o.wall = p.value(wallOpt); // (the wall part reads them again below)
    o.wallScreen = p.value(wallScreen);
    o.wallId = p.value(wallId);
    o.lead = p.value(lead);
    o.follow = p.value(follow);
    o.syncLog = p.value(syncLog);
    o.followerStateDir = p.value(followerStateDir);
    if (!o.lead.isEmpty() && !o.follow.isEmpty()) {
        o.error = QStringLiteral("--lead and --follow exclude each other");
        return o;
    }
    if (!o.wallScreen.isEmpty() && o.wall.isEmpty()) {
        o.error = QStringLiteral("--wall-screen needs --wall FILE");
        return o;
    }
    if (!o.follow.isEmpty() && !o.wall.isEmpty() && o.wallScreen.isEmpty()) {
        o.error = QStringLiteral("--follow with --wall needs --wall-screen ID");
        return o;
    }
    if (p.isSet(followerStateDir) && (o.wall.isEmpty() || !o.wallScreen.isEmpty())) {
        o.error = QStringLiteral("--follower-state-dir belongs to --wall without --wall-screen");
        return o;
    }
    if (p.isSet(syncTimeout)) {
        if (!number(syncTimeout, 50, 600000, &v))
            return o;
        o.syncTimeoutMs = int(v);
    }
    // remote: datasets by URL
    if (p.isSet(diskCacheMb)) {
        if (!number(diskCacheMb, 0, 1024 * 1024 * 16, &v))
            return o;
        o.remote.diskCacheBytes = qint64(v * 1024 * 1024);
        o.remoteSet[0] = true;
    }
    if (p.isSet(diskCacheDir)) {
        o.remote.diskCacheDir = QFileInfo(p.value(diskCacheDir)).absoluteFilePath();
        o.remoteSet[1] = true;
    }
    if (p.isSet(offline)) {
        o.remote.offline = true;
        o.remoteSet[2] = true;
    }
    if (p.isSet(requestTimeout)) {
        if (!number(requestTimeout, 100, 600000, &v))
            return o;
        o.remote.requestTimeoutMs = int(v);
        o.remoteSet[3] = true;
    }
    if (p.isSet(retries)) {
        if (!number(retries, 0, 20, &v))
            return o;
        o.remote.maxRetries = int(v);
        o.remoteSet[4] = true;
    }
    if (p.isSet(textureCompression)) { // texmem
        if (!TilesetOptions::parseCompression(p.value(textureCompression), &o.textureCompression)) {
            o.error = QStringLiteral("--texture-compression: '%1' is not none, bc1 or bc3").arg(p.value(textureCompression));
            return o;
        }
        o.textureCompressionSet = true;
    }
    if (!o.stateJson.isEmpty() && o.screenshot.isEmpty() && o.frames == 0 && o.follow.isEmpty() && !p.isSet(exportStill)) { // wall: or --export-still
        o.error = QStringLiteral("--state-json needs --screenshot, --frames, --export-still or --follow");
        return o;
    }
    if (!o.saveProject.isEmpty() && o.screenshot.isEmpty() && o.frames == 0) {
        o.error = QStringLiteral("--save-project needs --screenshot or --frames");
        return o;
    }
    if (!o.input.isEmpty() && o.screenshot.isEmpty()) {
        o.error = QStringLiteral("--input needs --screenshot");
        return o;
    }
    // wall:
    o.wall = p.value(wallOpt);
    o.wallScreen = p.value(wallScreen);
    o.exportStill = p.value(exportStill);
    o.noOverlays = p.isSet(noOverlays) || !o.exportStill.isEmpty();
    if (!o.wallScreen.isEmpty() && o.wall.isEmpty()) {
        o.error = QStringLiteral("--wall-screen needs --wall FILE");
        return o;
    }
    if (p.isSet(stillSize)) {
        const QStringList wh = p.value(stillSize).toLower().split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
        const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 1 || h < 1 || w > 16384 || h > 16384) {
            o.error = QStringLiteral("--still-size must be WxH (1..16384), not '%1'").arg(p.value(stillSize));
            return o;
        }
        if (o.exportStill.isEmpty()) {
            o.error = QStringLiteral("--still-size needs --export-still");
            return o;
        }
        o.stillSize = QSize(w, h);
    }
    if (!o.exportStill.isEmpty() && (!o.screenshot.isEmpty() || o.frames > 0)) {
        o.error = QStringLiteral("--export-still cannot be combined with --screenshot or --frames");
        return o;
    }
    if (!o.exportStill.isEmpty() && !o.input.isEmpty()) {
        o.error = QStringLiteral("--export-still cannot be combined with --input");
        return o;
    }
    if ((p.isSet(time)) && o.cameraPath.isEmpty()) {
        o.error = QStringLiteral("--time needs --camera-path");
        return o;
    }
    // recording:
    o.recordTour = p.value(recordTour);
    o.recordOut = p.value(record);
    if (p.isSet(recordTour) && o.recordOut.isEmpty()) {
        o.error = QStringLiteral("--record-tour needs a tour name and an output file: --record-tour NAME OUT.mp4");
        return o;
    }
    if (p.isSet(recordTour) && o.recordTour.trimmed().isEmpty()) {
        o.error = QStringLiteral("--record-tour needs a tour name");
        return o;
    }
    if (!o.recordOut.isEmpty() && o.recordTour.isEmpty() && o.cameraPath.isEmpty()) {
        o.error = QStringLiteral("--record needs --camera-path FILE (or use --record-tour NAME OUT.mp4)");
        return o;
    }
    if (!o.recordOut.isEmpty() && (!o.screenshot.isEmpty() || o.frames > 0)) {
        o.error = QStringLiteral("--record and --record-tour do not go with --screenshot or --frames");
        return o;
    }
    const bool recording = !o.recordOut.isEmpty();
    for (const QCommandLineOption *opt : {&recordFps, &recordSize, &recordQuality, &recordBitrate})
        if (p.isSet(*opt) && !recording) {
            o.error = QStringLiteral("--%1 needs --record-tour or --record").arg(opt->names().constLast());
            return o;
        }
    if (p.isSet(recordFps)) {
        if (!number(recordFps, 1, 120, &v))
            return o;
        o.recordFps = int(v);
    }
    if (p.isSet(recordQuality)) {
        if (!number(recordQuality, 0, 51, &v))
            return o;
        o.recordQuality = int(v);
    }
    if (p.isSet(recordBitrate)) {
        if (!number(recordBitrate, 50, 200000, &v))
            return o;
        o.recordBitrate = int(v);
    }
    if (p.isSet(recordSize)) {
        const QStringList wh = p.value(recordSize).toLower().split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
        const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 16 || h < 16 || w > 7680 || h > 4320 || w % 2 || h % 2) {
            o.error = QStringLiteral("--record-size must be WxH with even numbers, 16x16 to 7680x4320, not '%1'")
                              .arg(p.value(recordSize));
            return o;
        }
        o.recordSize = QSize(w, h);
        o.size = o.recordSize; // the window renders at the video size
    }
    return o;
}

} // namespace liyuan
