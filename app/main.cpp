// Liyuan — composition root: command line, readers, translations, QML window.
#include "AppOptions.h"
#include <liyuan/scene/RemoteSource.h>
#include <liyuan/assimp/CityJsonTileReader.h>
#include <liyuan/citygml/CityGmlTileReader.h>
#include <liyuan/assimp/ModelTileReader.h>
#include "AutomationRunner.h"
#include "InfoCommand.h"
#include "LanguageManager.h"
#include "SceneController.h"

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
        registerGdalDrivers();
        { // remote: info on a URL fetches through the same disk cache
            TilesetOptions remote = TilesetOptions::fromSettings(QSettings(), TilesetOptions{});
            options.applyRemote(remote);
            RemoteSource::instance().configure(remote);
        }
        return InfoCommand::run(options.paths.value(0), options.deep, options.json);
    }

    QGuiApplication app(argc, argv);
    QSurfaceFormat::setDefaultFormat(QQuick3D::idealSurfaceFormat());
    setIdentity();
    osgb::registerOsgbReader();
    assimp::registerModelReader();
    assimp::registerCityJsonReader();
    citygml::registerCityGmlReader();
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

    const bool automated = !options.screenshot.isEmpty() || options.frames > 0;
    std::unique_ptr<AutomationRunner> runner;
    if (automated) {
        runner = std::make_unique<AutomationRunner>(options, &scene);
        QString error;
        if (!runner->prepare(&error)) {
            std::fprintf(stderr, "liyuan: %s\n", qPrintable(error));
            return 2;
        }
    }

    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty(QStringLiteral("liyuan"), &scene);
    engine.rootContext()->setContextProperty(QStringLiteral("initialWidth"), options.size.width());
    engine.rootContext()->setContextProperty(QStringLiteral("initialHeight"), options.size.height());
    // scripted runs hide the panels (clean screenshots), except when an input script drives the interface
    engine.rootContext()->setContextProperty(QStringLiteral("automated"), automated && options.input.isEmpty());
    engine.rootContext()->setContextProperty(QStringLiteral("uiLanguage"), lang);
    engine.rootContext()->setContextProperty(QStringLiteral("languages"), &languages);
    languages.setEngine(&engine);
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

    if (options.paths.isEmpty()) {
        if (automated)
            QObject::connect(&scene, &SceneController::demoReady, &app, [](bool ok) {
                if (!ok) {
                    std::fprintf(stderr, "liyuan: the demo district could not be opened\n");
                    QCoreApplication::exit(2);
                }
            });
        scene.openDemo();
    } else if (!scene.openPaths(options.paths) && automated) {
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
    if (runner)
        runner->start();
    const int code = app.exec();
    // reads still running (a raster's overviews, tile loads) stop now: exit never waits for them
    LoadCancel::cancelAll();
    // cameras: every feed stops and its pipeline is torn down on its own thread before exit
    scene.cameras()->close();
    video::VideoFeed::waitForTeardown(5000);
    return code;
}
