#pragma once
#include <QList>
#include <QtNumeric>
#include <liyuan/scene/TilesetOptions.h>

#include <QSize>
#include <QString>
#include <QStringList>

namespace liyuan {

/** Everything the command line says. Parsed once on the main thread. */
struct AppOptions
{
    enum class Mode { Gui, Info, Help, Version, Export3dTiles, GenerateCity };
    Mode mode = Mode::Gui;

    QStringList paths;          ///< datasets to open; empty = the demo district
    QString tiling = QStringLiteral("explicit"); ///< export-3dtiles: --tiling explicit|implicit
    QString screenshot;         ///< --screenshot OUT.png
    QSize size{1280, 720};      ///< --size WxH
    QString cameraPath;         ///< --camera-path FILE
    double time = -1;           ///< --time T (seconds on the path); <0 = path start
    bool timeSet = false;
    double timeoutSeconds = 120;///< --timeout S
    bool timeoutSet = false;    ///< --timeout was given (a --frames run then ends at it too)
    bool allowUnsettled = false;///< --allow-unsettled: a screenshot that timed out still exits 0
    int frames = 0;             ///< --frames N
    QString stateJson;          ///< --state-json OUT.json
    QString saveProject;        ///< --save-project OUT.liyuan.json
    QString input;              ///< --input FILE: a user-input script played before the screenshot (InputScript)
    QString lang;               ///< --lang zh_CN|en (empty = system locale)
    TilesetOptions streaming;   ///< --cache-mb, --max-loads, --lod-scale, --frame-budget-ms (over settings)
    bool streamingSet[4] = {false, false, false, false};
    // remote: --disk-cache-mb, --disk-cache-dir, --offline, --request-timeout-ms, --retries (their fields of TilesetOptions)
    TilesetOptions remote;
    bool remoteSet[5] = {false, false, false, false, false};
    // texmem: --texture-compression none|bc1|bc3 (over the setting streaming/textureCompression)
    bool textureCompressionSet = false;
    TextureCompression textureCompression = TextureCompression::Bc1;
    /** remote: copies the remote options that were given onto `o`. */
    void applyRemote(TilesetOptions &o) const
    {
        if (remoteSet[0]) o.diskCacheBytes = remote.diskCacheBytes;
        if (remoteSet[1]) o.diskCacheDir = remote.diskCacheDir;
        if (remoteSet[2]) o.offline = remote.offline;
        if (remoteSet[3]) o.requestTimeoutMs = remote.requestTimeoutMs;
        if (remoteSet[4]) o.maxRetries = remote.maxRetries;
        if (textureCompressionSet) o.textureCompression = textureCompression; // texmem
    }

    // live data and drill-down
    QString registry;           ///< --registry FILE (building registry JSON)
    QString cameras;            ///< --cameras FILE (camera registry, JSON or GeoPackage)
    QStringList openVideo;      ///< --open-video ID[,ID…]
    QStringList projectVideo;   ///< --project-video ID[,ID…]
    QString mqtt;               ///< --mqtt URL (broker; without it the demo replays its recorded feed)
    QString mqttClientId;       ///< --mqtt-client-id ID
    QString mqttUser;           ///< --mqtt-user NAME (password from LIYUAN_MQTT_PASSWORD)
    QString mqttCa;             ///< --mqtt-ca FILE (PEM CA for ssl:// / mqtts://)
    QString mapping;            ///< --mapping FILE (payload mapping JSON)
    QString focus;              ///< --focus BUILDING[/FLOOR]
    double sectionHeight = qQNaN(); ///< --section-height Z (scene frame): cut away everything above
    QList<double> clipBox;      ///< --clip-box minx,miny,minz,maxx,maxy,maxz (scene frame)
    bool explode = false;       ///< --explode

    // placement: --place LAYERID:x,y[,z][,heading[,scale]] (repeatable; scene frame; z omitted = snapped)
    QStringList place;
    // review: --measure KIND:x,y,z;x,y,z… (scene frame), repeatable
    QStringList measures;
    // video fusion: --project-image FILE@x,y,z,heading,pitch,roll,hfov[,aspect,near,far] (repeatable, ≤ 4)
    QStringList projectImages;
    double projectionOpacity = qQNaN(); ///< --projection-opacity 0..1 (liyuan.fusion.opacity)
    // events: --event TYPE:x,y[,z] (repeatable; scene frame; no z = on the ground), --event-mapping FILE
    QStringList events;
    QString eventMapping;
    // schemes:
    QString scheme;             ///< --scheme NAME|ID|INDEX (0-based; "none")
    QString compare;            ///< --compare split|swipe|off[:SCHEME]
    // recording: --record-tour NAME OUT.mp4 | --record OUT.mp4 --camera-path FILE
    QString recordOut;          ///< OUT.mp4 (empty: no recording)
    QString recordTour;         ///< tour name
    int recordFps = 30;         ///< --record-fps N
    QSize recordSize;           ///< --record-size WxH (invalid = the window size, --size)
    int recordQuality = 20;     ///< --record-quality Q (x264 constant quality, 0..51)
    int recordBitrate = 0;      ///< --record-bitrate KBPS (constant bit rate instead)
    // presenter:
    QString view;               ///< --view NAME: a saved view of the project applied before the screenshot
    QString tour;               ///< --tour NAME: a saved tour played from the start
    double tourTime = -1;       ///< --tour-time T: the tour shown (and held) at T seconds; <0 = play
    QString addView;            ///< --add-view NAME: the view at the end of the run saved into --save-project

    // remote: --remote PORT (0 = a free port; -1 = off), --remote-bind ADDR
    int remotePort = -1;
    QString remoteBind = QStringLiteral("127.0.0.1");
    // kiosk: --kiosk, --kiosk-screens NAME,NAME
    bool kiosk = false;
    QStringList kioskScreens;
    // sync: (with --wall / --wall-screen of the wall part)
    QString wallId;             ///< --wall-id ID (topic level; default: the layout's id or "default")
    QString lead;               ///< --lead URL (publish this window's view to the broker)
    QString follow;             ///< --follow URL (show the leader's view)
    QString syncLog;            ///< --sync-log FILE (one line per published/applied frame)
    int syncTimeoutMs = 1500;   ///< --sync-timeout-ms MS (follower: leader lost after this long without a pose)
    QString followerStateDir;   ///< --follower-state-dir DIR (launcher: followers' live state JSON files)

    // wall:
    QString wall;               ///< --wall FILE (wall layout JSON)
    QString wallScreen;         ///< --wall-screen ID (this process shows that screen)
    QString exportStill;        ///< --export-still OUT.png (tiled still of the view)
    QSize stillSize;            ///< --still-size WxH (default: the window size)
    bool noOverlays = false;    ///< --no-overlays (implied by --export-still): the 3D scene without screen-space icons/labels

    // generate-city: OUT (paths[0]) --area-km2 A --levels N --tile-size M --seed S
    double cityAreaKm2 = 1.0;
    int cityLevels = 10;
    double cityTileSize = 500;
    quint64 citySeed = 1;

    // info
    bool deep = false;
    bool json = false;

    QString helpText;
    QString error;              ///< non-empty: the command line is wrong

    /** Parses argv (without running anything). */
    static AppOptions parse(const QStringList &arguments);
};

} // namespace liyuan
