// Liyuan — composition root: command line, readers, translations, QML window.
#include "AppOptions.h"
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/assimp/CityJsonTileReader.h>
#include <liyuan/citygml/CityGmlTileReader.h>
#include <liyuan/assimp/ModelTileReader.h>
#include <liyuan/tiles3d/Tiles3dReader.h>
#include "AutomationRunner.h"
#include "InfoCommand.h"
#include "Tiles3dExporter.h" // export-3dtiles:
#include <liyuan/demo/SyntheticCity.h> // generate-city:
#include "LanguageManager.h"
#include "Recorder.h" // recording:
#include "SceneController.h"
#include "KioskController.h" // kiosk:
#include "RemoteServer.h"    // remote:
#include "WallLauncher.h" // sync:
#include "WallLayout.h"     // wall:
#include "WallScreenView.h" // wall:

#include <liyuan/geodata/LoadCancel.h>
#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/osgb/OsgbReader.h>
#include <liyuan/video/VideoFeed.h>

#include <QCoreApplication>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
#include <QSettings>
#include <QSurfaceFormat>
#include <QtQuick3D/QQuick3D>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <execinfo.h>
#include <malloc.h>
#include <memory>
#include <unistd.h>

using namespace liyuan;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Liyuan"));
    QCoreApplication::setApplicationName(QStringLiteral("liyuan"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LIYUAN_VERSION));
}

/** On a fatal signal: one line naming the signal and a raw backtrace on stderr, then the default
 *  action (core dump). Only async-signal-safe calls. A crash in a test run or on a user's machine
 *  then says where it happened instead of ending silently. */
void crashReporter(int sig)
{
    const char *name = strsignal(sig);
    const char head[] = "liyuan: crashed with signal ";
    (void)!write(STDERR_FILENO, head, sizeof head - 1);
    (void)!write(STDERR_FILENO, name, std::strlen(name));
    (void)!write(STDERR_FILENO, "\n", 1);
    void *frames[64];
    const int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void installCrashReporter()
{
    void *warm[1];
    backtrace(warm, 1); // loads libgcc before a crash could need it
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        std::signal(sig, crashReporter);
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef M_MMAP_THRESHOLD
    // Tiles come and go in buffers of 0.1-10 MB (decoded images, vertex data, the renderer's
    // copies). glibc raises its mmap threshold each time such a buffer is freed, so later ones
    // are carved from the heap and their pages stay with the process once freed: a fixed
    // threshold (which also stops that adjustment) gives them back. Production_5 flight: peak
    // RSS 442 -> 393 MB, frame times unchanged (README, Texture memory).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    installCrashReporter();
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const AppOptions options = AppOptions::parse(args);
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "liyuan: %s\nTry 'liyuan --help'.\n", qPrintable(options.error));
        return 64;
    }
    if (options.mode == AppOptions::Mode::Help) {
        std::printf("%s", qPrintable(options.helpText));
        return 0;
    }
    if (options.mode == AppOptions::Mode::Version) {
        std::printf("liyuan %s\n", LIYUAN_VERSION);
        return 0;
    }
    if (options.mode == AppOptions::Mode::Info) {
        QCoreApplication app(argc, argv);
        setIdentity();
        osgb::registerOsgbReader();
        tiles3d::registerTiles3dReader(); // tiles3d: `info` on a tileset
        registerGdalDrivers();
        { // remote: info on a URL fetches through the same disk cache
            TilesetOptions remote = TilesetOptions::fromSettings(QSettings(), TilesetOptions{});
            options.applyRemote(remote);
            RemoteSource::instance().configure(remote);
        }
        return InfoCommand::run(options.paths.value(0), options.deep, options.json);
    }
    if (options.mode == AppOptions::Mode::Export3dTiles) { // export-3dtiles:
        QCoreApplication app(argc, argv);
        setIdentity();
        osgb::registerOsgbReader();
        { // a production by URL is fetched through the same disk cache as the viewer's
            TilesetOptions remote = TilesetOptions::fromSettings(QSettings(), TilesetOptions{});
            options.applyRemote(remote);
            RemoteSource::instance().configure(remote);
        }
        ExportOptions exportOptions;
        exportOptions.tiling = options.tiling == QLatin1String("implicit") ? ExportOptions::Tiling::Implicit : ExportOptions::Tiling::Explicit;
        return Tiles3dExporter::runCommand(options.paths.value(0), options.paths.value(1), exportOptions);
    }
    if (options.mode == AppOptions::Mode::GenerateCity) { // generate-city:
        QCoreApplication app(argc, argv);
        setIdentity();
        demo::SyntheticCityOptions city;
        city.areaKm2 = options.cityAreaKm2;
        city.levels = options.cityLevels;
        city.tileSize = options.cityTileSize;
        city.seed = options.citySeed;
        return demo::SyntheticCity::run(options.paths.value(0), city);
    }

    QGuiApplication app(argc, argv);
    QSurfaceFormat::setDefaultFormat(QQuick3D::idealSurfaceFormat());
    setIdentity();
    if (options.kiosk) // kiosk: warnings and errors also go to the kiosk log
        KioskController::installLogHandler();
    osgb::registerOsgbReader();
    assimp::registerModelReader();
    assimp::registerCityJsonReader();
    citygml::registerCityGmlReader();
    tiles3d::registerTiles3dReader();
    registerGdalDrivers();

    LanguageManager languages;
    const QString lang = LanguageManager::initialLanguage(options.lang);
    if (!languages.setLanguage(lang))
        std::fprintf(stderr, "liyuan: no translation for %s\n", qPrintable(lang));

    qmlRegisterUncreatableType<CameraController>("Liyuan.Scene", 1, 0, "CameraController", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<TileDrawableModel>("Liyuan.Scene", 1, 0, "TileDrawableModel", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<SceneController>("Liyuan.Scene", 1, 0, "SceneController", QStringLiteral("owned by the app"));
    qmlRegisterUncreatableType<SceneClipping>("Liyuan.Scene", 1, 0, "SceneClipping", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<DrillDownController>("Liyuan.Scene", 1, 0, "DrillDownController", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<LiveDataController>("Liyuan.Scene", 1, 0, "LiveDataController", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<DeviceMarkers>("Liyuan.Scene", 1, 0, "DeviceMarkers", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<PlacementEditor>("Liyuan.Scene", 1, 0, "PlacementEditor", QStringLiteral("owned by the scene")); // placement:
    qmlRegisterUncreatableType<SchemeManager>("Liyuan.Scene", 1, 0, "SchemeManager", QStringLiteral("owned by the scene")); // schemes:
    qmlRegisterUncreatableType<DrillSliceModel>("Liyuan.Scene", 1, 0, "DrillSliceModel", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<ReviewController>("Liyuan.Scene", 1, 0, "ReviewController", QStringLiteral("owned by the scene")); // review:
    qmlRegisterUncreatableType<ProjectController>("Liyuan.Scene", 1, 0, "ProjectController", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<SelectionController>("Liyuan.Scene", 1, 0, "SelectionController", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<EventController>("Liyuan.Scene", 1, 0, "EventController", QStringLiteral("owned by the scene")); // events:
    qmlRegisterUncreatableType<EventListModel>("Liyuan.Scene", 1, 0, "EventListModel", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<EventMarkers>("Liyuan.Scene", 1, 0, "EventMarkers", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<CameraLayer>("Liyuan.Scene", 1, 0, "CameraLayer", QStringLiteral("owned by the scene")); // cameras:
    qmlRegisterUncreatableType<CameraIcons>("Liyuan.Scene", 1, 0, "CameraIcons", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<FeedGrid>("Liyuan.Scene", 1, 0, "FeedGrid", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<CalibrationSession>("Liyuan.Scene", 1, 0, "CalibrationSession", QStringLiteral("owned by the scene"));
    qmlRegisterUncreatableType<PresenterController>("Liyuan.Scene", 1, 0, "PresenterController", QStringLiteral("owned by the scene")); // presenter:

    SceneController scene;
    TilesetOptions streaming = TilesetOptions::fromSettings(QSettings(), TilesetOptions{});
    if (options.streamingSet[0]) streaming.cacheBytes = options.streaming.cacheBytes;
    if (options.streamingSet[1]) streaming.maxConcurrentLoads = options.streaming.maxConcurrentLoads;
    if (options.streamingSet[2]) streaming.lodScale = options.streaming.lodScale;
    if (options.streamingSet[3]) streaming.attachBudgetMs = options.streaming.attachBudgetMs;
    options.applyRemote(streaming); // remote: --disk-cache-mb, --offline, …
    scene.setOptions(streaming);

    // wall: --wall FILE --wall-screen ID: this process shows one screen of the wall
    WallLayout wall;
    int wallIndex = -1;
    if (!options.wall.isEmpty()) {
        QString error;
        if (!WallLayout::load(options.wall, &wall, &error)) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
            return 2;
        }
        // sync: without --wall-screen this process leads the wall (one follower process per screen)
        wallIndex = options.wallScreen.isEmpty() ? -1 : wall.indexOf(options.wallScreen);
        if (!options.wallScreen.isEmpty() && wallIndex < 0) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(wall.unknownScreenMessage(options.wallScreen)));
            return 2;
        }
    }
    const QSize windowSize = wallIndex >= 0 ? wall.screens().at(wallIndex).resolution : options.size;


    const bool recording = !options.recordOut.isEmpty(); // recording: --record-tour / --record
    const bool automated = !options.screenshot.isEmpty() || options.frames > 0 || recording || !options.exportStill.isEmpty();
    // kiosk: full screen, overlay only, no dialogs, messages to the overlay and a log, last state restored
    KioskOptions kioskOptions;
    kioskOptions.enabled = options.kiosk;
    kioskOptions.screens = options.kioskScreens;
    KioskController kiosk(kioskOptions, scene.presenter(), scene.camera());
    QStringList openPaths = options.paths;
    if (options.kiosk) {
        kiosk.loadSavedState();
        if (openPaths.isEmpty())
            openPaths = kiosk.savedPaths();
        kiosk.setPaths(openPaths);
        QObject::connect(&scene, &SceneController::messagesChanged, &kiosk, [&scene, &kiosk, seen = qsizetype(0)]() mutable {
            const QStringList m = scene.messages();
            if (m.size() < seen)
                seen = 0;
            for (qsizetype i = seen; i < m.size(); ++i)
                kiosk.report(m[i]);
            seen = m.size();
        });
        // (a --view or --tour on the command line wins over the saved state)
        if (options.view.isEmpty() && options.tour.isEmpty())
            QObject::connect(&scene, &SceneController::frameUpdated, &kiosk, [&scene, &kiosk, done = false]() mutable {
                if (done || !scene.homeApplied() || !scene.streamer()->rootsReady())
                    return;
                done = true;
                kiosk.restore();
            });
    }
    std::unique_ptr<AutomationRunner> runner;
    if (automated && !recording) {
        runner = std::make_unique<AutomationRunner>(options, &scene);
        QString error;
        if (!runner->prepare(&error)) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
            return 2;
        }
    }

    Recorder recorder(&scene); // recording: outlives the QML engine that binds to it
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty(QStringLiteral("liyuan"), &scene);
    engine.rootContext()->setContextProperty(QStringLiteral("initialWidth"), windowSize.width());
    engine.rootContext()->setContextProperty(QStringLiteral("initialHeight"), windowSize.height());
    // scripted runs hide the panels (clean screenshots), except when an input script drives the interface;
    // so do a wall screen and kiosk mode (KioskOverlay shows caption, clock, logo and messages)
    engine.rootContext()->setContextProperty(QStringLiteral("automated"),
                                             (automated && options.input.isEmpty()) || options.kiosk || wallIndex >= 0);
    engine.rootContext()->setContextProperty(QStringLiteral("kiosk"), &kiosk); // kiosk:
    engine.rootContext()->setContextProperty(QStringLiteral("overlaysHidden"), options.noOverlays); // wall:
    engine.rootContext()->setContextProperty(QStringLiteral("uiLanguage"), lang);
    engine.rootContext()->setContextProperty(QStringLiteral("languages"), &languages);
    languages.setEngine(&engine);
    // recording: the recorder (RecordDialog); the interface hides while it records
    engine.rootContext()->setContextProperty(QStringLiteral("recorder"), &recorder);
    QObject::connect(&recorder, &Recorder::activeChanged, &app, [&engine, &recorder, automated, wallIndex, &options] {
        engine.rootContext()->setContextProperty(QStringLiteral("automated"),
                                                 (automated && options.input.isEmpty()) || options.kiosk || wallIndex >= 0 || recorder.active());
    });
    engine.load(QUrl(QStringLiteral("qrc:/Liyuan/qml/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "liyuan: the user interface failed to load\n");
        return 3;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        std::fprintf(stderr, "liyuan: the root QML object is not a window\n");
        return 3;
    }
    scene.attachWindow(window);
    kiosk.attachWindow(window); // kiosk: (nothing unless --kiosk)

    // remote: HTTP + WebSocket control of the presenter
    std::unique_ptr<RemoteServer> remote;
    if (options.remotePort >= 0) {
        RemoteOptions remoteOptions;
        remoteOptions.bind = QHostAddress(options.remoteBind);
        remoteOptions.port = quint16(options.remotePort);
        remote = std::make_unique<RemoteServer>(scene.presenter(), remoteOptions);
        QString error;
        if (!remote->start(&error)) {
            std::fprintf(stderr, "liyuan: remote: %s\n", qPrintable(error));
            return 2;
        }
        RemoteServer *r = remote.get();
        remote->setStateProvider([&scene, &kiosk, r] {
            QJsonObject state = scene.stateJson();
            state.insert(QStringLiteral("remote"), r->stateJson());
            state.insert(QStringLiteral("kiosk"), kiosk.stateJson());
            return state;
        });
        QObject::connect(r, &RemoteServer::commandExecuted, &kiosk, [&kiosk](const QString &command, const QString &name) {
            if (command == QLatin1String("go"))
                kiosk.setLastView(name);
        });
        std::printf("remote: %s\n", qPrintable(remote->url()));
        std::printf("remote: token %s %s\n", r->tokenSource().startsWith(QLatin1Char('/')) ? "in" : "from", qPrintable(r->tokenSource()));
        std::fflush(stdout);
    }
    // presenter: captions in the interface language
    scene.presenter()->setLanguage(languages.language());
    QObject::connect(&languages, &LanguageManager::languageChanged, scene.presenter(),
                     [&scene, &languages] { scene.presenter()->setLanguage(languages.language()); });

    // recording: --record-tour NAME OUT.mp4 / --record OUT.mp4 --camera-path FILE
    if (recording) {
        RecordOptions record;
        record.output = options.recordOut;
        record.tour = options.recordTour;
        record.cameraPath = options.recordTour.isEmpty() ? options.cameraPath : QString();
        record.fps = options.recordFps;
        record.size = options.recordSize;
        record.quality = options.recordQuality;
        record.bitrateKbps = options.recordBitrate;
        recorder.setPrintProgress(true);
        recorder.installSignalCancel();
        QObject::connect(&recorder, &Recorder::finished, &app, [](int code, const QString &message) {
            std::fprintf(code == 0 ? stdout : stderr, "%s%s\n", code == 0 ? "record " : "liyuan: ", qPrintable(message));
            std::fflush(stdout);
            std::fflush(stderr);
            QCoreApplication::exit(code);
        });
        QString error;
        int code = Recorder::BadInput;
        if (!recorder.start(record, &error, &code)) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
            return code;
        }
    }
    if (wallIndex >= 0) { // wall: the window on its output, the camera's part of the shared view
        QString error;
        if (!WallScreenView::placeWindow(wall, wallIndex, window, &error)) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
            return 2;
        }
        WallScreenView::applyCamera(wall, wallIndex, scene.camera());
    }

    // schemes: --scheme / --compare apply once the project's schemes are loaded
    if (!options.scheme.isEmpty() || !options.compare.isEmpty()) {
        scene.schemes()->setPending(options.scheme, options.compare);
        QObject::connect(scene.schemes(), &SchemeManager::pendingFailed, &app, [automated, &scene](const QString &why) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(why));
            if (automated) // may come before exec(): queued
                QMetaObject::invokeMethod(qApp, [] { QCoreApplication::exit(2); }, Qt::QueuedConnection);
            else
                emit scene.schemes()->message(why);
        });
    }

    if (openPaths.isEmpty()) {
        if (automated)
            QObject::connect(&scene, &SceneController::demoReady, &app, [](bool ok) {
                if (!ok) {
                    std::fprintf(stderr, "liyuan: the demo district could not be opened\n");
                    QCoreApplication::exit(2);
                }
            });
        scene.openDemo();
    } else if (!scene.openPaths(openPaths) && automated) {
        for (const QString &m : scene.messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        return 2;
    }

    if (!options.registry.isEmpty() && !scene.live()->openRegistry(options.registry)) {
        for (const QString &m : scene.messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        if (automated)
            return 2;
    }
    if (!options.mapping.isEmpty() && !scene.live()->openMapping(options.mapping) && automated) {
        for (const QString &m : scene.messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        return 2;
    }
    // events: the event mapping before the broker, which then subscribes its topics too
    if (!options.eventMapping.isEmpty())
        scene.live()->setEventMappingPinned(true);
    if (!options.eventMapping.isEmpty() && !scene.live()->openEventMapping(options.eventMapping) && automated) {
        for (const QString &m : scene.messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        return 2;
    }
    if (!options.mqtt.isEmpty()
        && !scene.live()->connectTo(options.mqtt, options.mqttClientId, options.mqttUser,
                                qEnvironmentVariable("LIYUAN_MQTT_PASSWORD"), options.mqttCa)) {
        for (const QString &m : scene.messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        if (automated)
            return 2;
    }
    if (qIsFinite(options.sectionHeight))
        scene.setSectionHeight(options.sectionHeight);
    if (options.clipBox.size() == 6)
        scene.setClipBox(QVector3D(float(options.clipBox[0]), float(options.clipBox[1]), float(options.clipBox[2])),
                         QVector3D(float(options.clipBox[3]), float(options.clipBox[4]), float(options.clipBox[5])));
    if (!options.focus.isEmpty()) {
        scene.drill()->setAnimated(!automated);
        scene.drillTargets()->setPendingFocus(options.focus, options.explode);
    }

    // placement: --place runs through the editor once the data is in (before the screenshot settles)
    if (!options.place.isEmpty()) {
        auto pending = std::make_shared<QStringList>(options.place);
        QObject::connect(&scene, &SceneController::frameUpdated, &scene, [&scene, pending, automated] {
            TileStreamer *s = scene.streamer();
            if (pending->isEmpty() || !s->rootsReady() || !s->isSettled() || !scene.homeApplied())
                return;
            Vec3d mn, mx;
            for (const QString &text : std::as_const(*pending)) {
                PlacementEditor::PlaceSpec spec;
                QString error;
                PlacementEditor::parsePlaceSpec(text, &spec, &error);
                if (scene.layers()->model()->layer(spec.layerId) && !scene.layers()->layerBounds(spec.layerId, &mn, &mx))
                    return; // the model is not in yet
            }
            const QStringList specs = *pending;
            pending->clear();
            for (const QString &text : specs) {
                PlacementEditor::PlaceSpec spec;
                QString error;
                if (!PlacementEditor::parsePlaceSpec(text, &spec, &error) || !scene.placement()->applySpec(spec, &error)) {
                    std::fprintf(stderr, "liyuan: --place %s: %s\n", qPrintable(text), qPrintable(error));
                    if (automated)
                        QCoreApplication::exit(2);
                }
            }
        });
    }

    scene.review()->setPendingSpecs(options.measures); // review: --measure
    if (qIsFinite(options.projectionOpacity))
        scene.fusion()->setOpacity(options.projectionOpacity); // video fusion
    // video fusion: --project-image once the roots are in and the view is home (slots in order)
    if (!options.projectImages.isEmpty()) {
        auto pending = std::make_shared<QStringList>(options.projectImages);
        QObject::connect(&scene, &SceneController::frameUpdated, &scene, [&scene, pending, automated] {
            const TileStreamer *s = scene.streamer();
            if (pending->isEmpty() || !s->rootsReady() || !scene.homeApplied())
                return; // (not waiting for the view to settle: a --frames flight starts with them)
            const QStringList specs = *pending;
            pending->clear();
            for (int i = 0; i < specs.size(); ++i) {
                QString error;
                if (!scene.fusion()->projectImageSpec(i, specs[i], &error)) {
                    std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
                    if (automated)
                        QCoreApplication::exit(2);
                }
            }
        });
    }
    scene.events()->setPendingSpecs(options.events);    // events: --event

    // cameras: --cameras opens a registry (over the project's); --open-video / --project-video once it is in
    if (!options.cameras.isEmpty() && !scene.cameras()->openPinned(options.cameras) && automated) {
        for (const QString &m : scene.messages())
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(m));
        return 2;
    }
    if (!options.openVideo.isEmpty() || !options.projectVideo.isEmpty())
        scene.cameras()->setPending(options.openVideo, options.projectVideo);
    QObject::connect(scene.cameras(), &CameraLayer::pendingFailed, &app, [automated, &scene](const QString &why) {
        std::fprintf(stderr, "liyuan: %s\n", qPrintable(why));
        if (automated)
            QMetaObject::invokeMethod(qApp, [] { QCoreApplication::exit(2); }, Qt::QueuedConnection);
        else
            emit scene.cameras()->message(why);
    });
    if (!options.cameras.isEmpty() && automated)
        QObject::connect(scene.cameras(), &CameraLayer::registryLoaded, &app, [&scene](bool ok) {
            if (ok)
                return;
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(scene.cameras()->errorText())); // names the file and the records
            QMetaObject::invokeMethod(qApp, [] { QCoreApplication::exit(2); }, Qt::QueuedConnection);
        });
    // sync: --lead / --follow / --wall without --wall-screen (the one-machine launcher leads its followers)
    std::unique_ptr<WallLauncher> launcher;
    if (!options.lead.isEmpty() || !options.follow.isEmpty() || (!options.wall.isEmpty() && options.wallScreen.isEmpty())) {
        SyncOptions so;
        so.username = options.mqttUser;
        so.password = qEnvironmentVariable("LIYUAN_MQTT_PASSWORD");
        so.caFile = options.mqttCa;
        so.leaderTimeoutMs = options.syncTimeoutMs;
        so.logFile = options.syncLog;
        so.screenId = options.wallScreen;
        QString error;
        QStringList screens;
        for (const WallScreen &ws : wall.screens())
            screens << ws.id;
        const QString layoutWallId = wall.id();
        so.wallId = !options.wallId.isEmpty() ? options.wallId : !layoutWallId.isEmpty() ? layoutWallId : QStringLiteral("default");
        so.url = options.lead;
        if (!options.wall.isEmpty() && options.wallScreen.isEmpty()) {
            WallLauncher::Spec spec;
            spec.program = QCoreApplication::applicationFilePath();
            spec.wallFile = options.wall;
            spec.screens = screens;
            spec.wallId = so.wallId;
            spec.brokerUrl = options.lead;
            spec.commonArgs = options.paths;
            if (!options.lang.isEmpty())
                spec.commonArgs << QStringLiteral("--lang") << options.lang;
            if (!options.mqttUser.isEmpty())
                spec.commonArgs << QStringLiteral("--mqtt-user") << options.mqttUser;
            if (!options.mqttCa.isEmpty())
                spec.commonArgs << QStringLiteral("--mqtt-ca") << options.mqttCa;
            spec.commonArgs << QStringLiteral("--sync-timeout-ms") << QString::number(options.syncTimeoutMs);
            spec.stateDir = spec.logDir = options.followerStateDir;
            launcher = std::make_unique<WallLauncher>();
            if (!launcher->start(spec, &error)) {
                std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
                return 2;
            }
            so.url = launcher->brokerUrl();
            std::printf("wall: %d follower(s) over %s\n", launcher->followerCount(), qPrintable(so.url));
            std::fflush(stdout);
        }
        const bool leading = !so.url.isEmpty();
        if (!leading)
            so.url = options.follow;
        const bool ok = leading ? scene.sync()->startLeader(so, &error) : scene.sync()->startFollower(so, &error);
        if (!ok) {
            std::fprintf(stderr, "liyuan: %s %s: %s\n", leading ? "--lead" : "--follow", qPrintable(so.url), qPrintable(error));
            return 2;
        }
        if (!leading) {
            scene.setAutoHome(false); // the leader's camera drives the view
            if (wallIndex >= 0) // the wall's shared camera: the layout's field of view (eye point) or the leader's, and this screen's part
                scene.sync()->setFieldOfViewFunction([&wall, wallIndex, &scene](double leaderFov) {
                    scene.camera()->setFieldOfView(float(leaderFov));
                    WallScreenView::applyCamera(wall, wallIndex, scene.camera());
                });
            if (!options.stateJson.isEmpty() && !automated) {
                scene.stallMeter()->start(); // mend: gui.* of the state JSON
                scene.sync()->startStateWriter(options.stateJson, [&scene] { return scene.stateJson(); });
            }
        }
    }
    // presenter: --view / --tour / --tour-time once the project is in (the view's camera, not Home)
    if (!options.view.isEmpty() || !options.tour.isEmpty()) {
        scene.setAutoHome(false);
        scene.presenter()->setPendingStart(options.view, options.tour, options.tourTime);
        QObject::connect(scene.presenter(), &PresenterController::startFailed, &app, [automated, &scene](const QString &why) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(why));
            if (automated)
                QMetaObject::invokeMethod(qApp, [] { QCoreApplication::exit(2); }, Qt::QueuedConnection);
            else
                emit scene.presenter()->message(why);
        });
    }
    if (runner)
        runner->start();

    const int code = app.exec();
    scene.sync()->stop(); // sync: "offline" before the followers are stopped
    if (launcher)
        launcher->stopAll();
    // reads still running (a raster's overviews, tile loads) stop now: exit never waits for them
    LoadCancel::cancelAll();
    // cameras: every feed stops and its pipeline is torn down on its own thread before exit
    scene.cameras()->close();
    video::VideoFeed::waitForTeardown(5000);
    return code;
}
