// EventController, EventListModel, EventMarkers without a window: placement into the scene
// frame (CRS conversion with PROJ, waiting for the frame, refusing what cannot be placed),
// the ground function, updates by id, filters and acknowledgement, the Who-sees-it hook and
// Go, click placement, the event limit, --event specifications, pulsing markers.
#include "EventController.h"

#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/Crs.h>
#include <liyuan/live/EventMapping.h>

#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

using namespace liyuan;
using liyuan::live::EventRecord;

namespace {
EventRecord record(const QString &id, const QString &type, double x, double y, int severity = 2, const QString &crs = {},
                   bool hasZ = false, double z = 0)
{
    EventRecord r;
    r.id = id;
    r.type = type;
    r.position = Vec3d(x, y, z);
    r.hasZ = hasZ;
    r.crs = crs;
    r.severity = severity;
    r.severityName = live::EventMapping::severityName(severity);
    static qint64 t = QDateTime::currentMSecsSinceEpoch();
    r.time = QDateTime::fromMSecsSinceEpoch(t += 1000, Qt::UTC); // each one newer
    return r;
}

LocalFrame demoFrame()
{
    return LocalFrame(Crs::fromString(QStringLiteral("EPSG:4549")), Vec3d(528630, 3992050, 0));
}
} // namespace

class tst_EventController : public QObject
{
    Q_OBJECT
private slots:
    void specs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("hasZ");
        QTest::newRow("xy") << "fire:1.5,-2" << true << false;
        QTest::newRow("xyz") << "fire: 1, 2, 3" << true << true;
        QTest::newRow("type-with-space") << "gas leak:1,2" << true << false;
        QTest::newRow("no-colon") << "fire" << false << false;
        QTest::newRow("empty-type") << " :1,2" << false << false;
        QTest::newRow("one") << "fire:1" << false << false;
        QTest::newRow("four") << "fire:1,2,3,4" << false << false;
        QTest::newRow("text") << "fire:a,2" << false << false;
        QTest::newRow("nan") << "fire:nan,2" << false << false;
        QTest::newRow("empty-number") << "fire:1,,3" << false << false;
        QTest::newRow("huge") << "fire:1e30,2" << false << false;
    }
    void specs()
    {
        QFETCH(QString, spec);
        QFETCH(bool, ok);
        QFETCH(bool, hasZ);
        EventRecord r;
        QString error;
        QCOMPARE(EventController::parseEventSpec(spec, &r, &error), ok);
        if (!ok) {
            QVERIFY2(error.contains(spec.left(10).trimmed().isEmpty() ? QString() : spec.left(4)), qPrintable(error));
            return;
        }
        QCOMPARE(r.hasZ, hasZ);
        QVERIFY(r.crs.isEmpty()); // scene frame
        QCOMPARE(r.severityName, QStringLiteral("medium"));
    }

    void placesInTheSceneFrame()
    {
        EventController c(nullptr, nullptr);
        bool frameReady = false;
        c.setFrameSource([&frameReady](LocalFrame *f) {
            if (!frameReady)
                return false;
            *f = demoFrame();
            return true;
        });
        // scene-frame records need no frame
        QVERIFY(c.addRecord(record("a", "fire", 10, 20, 3, {}, true, 4), "cli"));
        QVERIFY(c.events().at(0).placed && c.events().at(0).grounded);
        // EPSG:4549 before the frame exists: kept, placed once it does
        QVERIFY(c.addRecord(record("b", "fire", 528780, 3992100, 2, "EPSG:4549"), "mqtt"));
        QVERIFY(!c.events().at(1).placed);
        QCOMPARE(c.markers()->count(), 1);
        frameReady = true;
        c.onFrame();
        QVERIFY(c.events().at(1).placed);
        QCOMPARE(c.events().at(1).scene.x, 150.0);
        QCOMPARE(c.events().at(1).scene.y, 50.0);
        QCOMPARE(c.markers()->count(), 2);
        // lon/lat: PROJ's answer
        const Vec3d lonlat(120.3215, 36.0652, 0);
        QVERIFY(c.addRecord(record("c", "flood", lonlat.x, lonlat.y, 1, "EPSG:4326"), "mqtt"));
        Vec3d want = lonlat;
        CoordinateTransform ct(Crs::fromString("EPSG:4326"), Crs::fromString("EPSG:4549"));
        QVERIFY(ct.transform(want));
        const Vec3d got = c.events().at(c.indexOf("c")).scene;
        QVERIFY(std::abs(got.x - (want.x - 528630)) < 1e-6 && std::abs(got.y - (want.y - 3992050)) < 1e-6);
        QVERIFY(std::abs(got.x) < 5000 && std::abs(got.y) < 5000);
    }

    void refusesWhatCannotBePlaced()
    {
        EventController c(nullptr, nullptr);
        c.setFrameSource([](LocalFrame *f) {
            *f = LocalFrame(); // not georeferenced
            return true;
        });
        QString error;
        QVERIFY(!c.addRecord(record("x", "fire", 1, 2, 2, "EPSG:4549"), "mqtt", &error));
        QVERIFY2(error.contains("event x") && error.contains("not georeferenced"), qPrintable(error));
        QVERIFY(!c.addRecord(record("", "fire", 1, 2), "mqtt", &error));
        QCOMPARE(c.count(), 0);
        // the live pipeline's refusals become messages
        QSignalSpy messages(&c, &EventController::message);
        c.addEvents({record("y", "fire", 1, 2, 2, "EPSG:4549")});
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains("event y"));
    }

    void groundsEventsWithoutZ()
    {
        EventController c(nullptr, nullptr);
        QVERIFY(c.addRecord(record("g", "fire", 5, 6), "cli"));
        QVERIFY(!c.events().at(0).grounded);
        QVERIFY(c.hasPending());
        int calls = 0;
        bool drawn = false;
        c.setGroundFunction([&](double x, double y, double *z) {
            ++calls;
            if (!drawn)
                return false;
            *z = x + y; // a sloped ground
            return true;
        });
        c.resolvePending();
        QVERIFY(!c.events().at(0).grounded);
        drawn = true;
        c.resolvePending();
        QVERIFY(c.events().at(0).grounded);
        QCOMPARE(c.events().at(0).scene.z, 11.0);
        QVERIFY(!c.hasPending());
        const QVariantMap m = c.event("g");
        QCOMPARE(m.value("position").toMap().value("z").toDouble(), 11.0);
        QCOMPARE(calls, 2);
    }

    void updatesFiltersAndAcknowledges()
    {
        EventController c(nullptr, nullptr);
        QVERIFY(c.addRecord(record("1", "fire", 0, 0, 4, {}, true), "cli"));
        QVERIFY(c.addRecord(record("2", "crowd", 0, 0, 1, {}, true), "cli"));
        QVERIFY(c.addRecord(record("3", "fire", 0, 0, 2, {}, true), "cli"));
        EventListModel *m = c.model();
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(m->idAt(0), QStringLiteral("3")); // newest first
        QCOMPARE(c.types(), (QStringList{"crowd", "fire"}));
        m->setTypeFilter("fire");
        QCOMPARE(m->rowCount(), 2);
        m->setMinSeverity(3);
        QCOMPARE(m->rowCount(), 1);
        QCOMPARE(m->data(m->index(0), EventListModel::SeverityNameRole).toString(), QStringLiteral("critical"));
        m->setTypeFilter({});
        m->setMinSeverity(0);
        QVERIFY(c.acknowledge("1"));
        QVERIFY(!c.acknowledge("1"));
        QVERIFY(!c.acknowledge("nope"));
        QCOMPARE(c.unacknowledged(), 2);
        m->setUnacknowledgedOnly(true);
        QCOMPARE(m->rowCount(), 2);
        // an update by id keeps the acknowledgement and replaces the rest
        QVERIFY(c.addRecord(record("1", "fire", 7, 8, 3, {}, true), "mqtt"));
        QCOMPARE(c.count(), 3);
        QVERIFY(c.events().at(c.indexOf("1")).acknowledged);
        QCOMPARE(c.events().at(c.indexOf("1")).scene.x, 7.0);
        QCOMPARE(c.acknowledgeAll(), 2);
        QCOMPARE(m->rowCount(), 0);
        QVERIFY(c.remove("2"));
        QCOMPARE(c.count(), 2);
    }

    void whoSeesItAndGo()
    {
        EventController c(nullptr, nullptr);
        QVERIFY(c.addRecord(record("e", "fire", 10, 20, 3, {}, true, 1), "cli"));
        QVERIFY(!c.hasCameraLayer());
        QVERIFY(c.seeingCameras("e").isEmpty());
        QSignalSpy feeds(&c, &EventController::openFeedsRequested);
        QVERIFY(c.go("e"));
        QCOMPARE(feeds.count(), 0); // no camera sees it: nothing to open
        QVERIFY(!c.go("missing"));
        Vec3d asked;
        int queries = 0;
        c.setSeeingCamerasFunction([&](const Vec3d &p) {
            asked = p;
            ++queries;
            QVariantList out;
            for (int i = 0; i < 6; ++i)
                out.append(QVariantMap{{"id", QStringLiteral("cam-%1").arg(i)}, {"distance", 10.0 * (i + 1)}});
            return out;
        });
        QVERIFY(c.hasCameraLayer());
        QCOMPARE(c.seeingCameras("e").size(), 6);
        QCOMPARE(asked, Vec3d(10, 20, 1));
        (void)c.seeingCameras("e");
        QCOMPARE(queries, 1); // kept until something changes
        c.refreshSeeing();
        (void)c.seeingCameras("e");
        QCOMPARE(queries, 2);
        EventOptions o = c.options();
        o.topFeeds = 3;
        c.setOptions(o);
        QVERIFY(c.go("e"));
        QCOMPARE(feeds.count(), 1);
        QCOMPARE(feeds.at(0).at(0).toStringList(), (QStringList{"cam-0", "cam-1", "cam-2"}));
        QCOMPARE(feeds.at(0).at(1).toString(), QStringLiteral("cam-0"));
        QCOMPARE(c.selectedId(), QStringLiteral("e"));
        const QJsonArray state = c.stateJson();
        QCOMPARE(state.size(), 1);
        QCOMPARE(state.at(0).toObject().value("seeingCameras").toArray().size(), 6);
    }

    void clickPlacement()
    {
        EventController c(nullptr, nullptr);
        QVERIFY(!c.placeAt(10, 10)); // not armed
        c.setPixelPickFunction([](double px, double py, Vec3d *hit) {
            if (px < 0)
                return false; // the sky
            *hit = Vec3d(px, py, 2.5);
            return true;
        });
        QSignalSpy messages(&c, &EventController::message);
        c.setPlaceType(QStringLiteral("intrusion"));
        c.setPlaceSeverity(4);
        QVERIFY(c.placing());
        QVERIFY(!c.placeAt(-1, 0));
        QCOMPARE(messages.count(), 1);
        QVERIFY(c.placing()); // still armed after a miss
        QVERIFY(c.placeAt(30, 40));
        QVERIFY(!c.placing()); // one click, one event
        QCOMPARE(c.count(), 1);
        const EventController::Event &e = c.events().at(0);
        QCOMPARE(e.record.type, QStringLiteral("intrusion"));
        QCOMPARE(e.record.severityName, QStringLiteral("critical"));
        QCOMPARE(e.source, QStringLiteral("click"));
        QCOMPARE(e.scene, Vec3d(30, 40, 2.5));
        QVERIFY(e.grounded);
        QCOMPARE(c.selectedId(), e.record.id);
    }

    void limitAndMarkers()
    {
        EventController c(nullptr, nullptr);
        EventOptions o;
        o.maxEvents = 3;
        c.setOptions(o);
        for (int i = 0; i < 5; ++i) {
            EventRecord r = record(QString::number(i), "t", i, 0, i % 5, {}, true);
            r.time = QDateTime(QDate(2026, 1, 1), QTime(0, 0, i), Qt::UTC);
            QVERIFY(c.addRecord(r, "cli"));
        }
        QCOMPARE(c.count(), 3);
        QCOMPARE(c.indexOf("0"), -1); // the oldest went
        QCOMPARE(c.indexOf("1"), -1);
        EventMarkers *mk = c.markers();
        QCOMPARE(mk->count(), 3);
        QCOMPARE(mk->pulsing(), 3);
        QVERIFY(EventMarkers::colorFor(4, false) != EventMarkers::colorFor(0, false));
        QVERIFY(EventMarkers::colorFor(4, true) != EventMarkers::colorFor(4, false));
        mk->setPhase(0.0);
        const float s0 = mk->scaleAt(2);
        mk->setPhase(0.1);
        QVERIFY(std::abs(mk->scaleAt(2) - s0) > 0.05); // unacknowledged: pulses
        QVERIFY(c.acknowledge("4"));
        QCOMPARE(mk->pulsing(), 2);
        const int ack = 2; // markers follow the event order: "2", "3", "4"
        const float a0 = mk->scaleAt(ack);
        mk->setPhase(0.37);
        QCOMPARE(mk->scaleAt(ack), a0); // acknowledged: still
        QCOMPARE(mk->buildBuffer().size(), 3 * 80);
        // the marker stands on its point
        QVERIFY(mk->centerAt(0).z() > 0);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    tst_EventController t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_eventcontroller.moc"
