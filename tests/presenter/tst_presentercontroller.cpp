// PresenterController: tours sampled as a pure function of time (cut / flight / cross-fade at the
// step edges, loop wrap), hostile tour and view JSON, 10 000 steps, playback and presenter keys,
// captions in the interface language, the project part's round trip, and a scene state applied
// to a real drill-down controller and section clipping.
#include "PresenterController.h"
#include "DrillDownController.h"
#include "TourModel.h"

#include <liyuan/scene/quick/CameraController.h>
#include <liyuan/scene/quick/SceneClipping.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace liyuan;

namespace {
QJsonObject makeView(const QString &name, double x, double y, double z, float headingDeg = 0, double fov = 45)
{
    const QQuaternion q = QQuaternion::fromAxisAndAngle(0, 0, 1, headingDeg);
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("camera"), QJsonObject{{QStringLiteral("eye"), QJsonArray{x, y, z}},
                                                              {QStringLiteral("rotation"), QJsonArray{q.scalar(), q.x(), q.y(), q.z()}},
                                                              {QStringLiteral("fov"), fov}}},
                       {QStringLiteral("state"), QJsonObject{}}};
}

QJsonObject step(const QString &view, double duration, const QString &transition, double td,
                 const QString &zh = {}, const QString &en = {})
{
    return QJsonObject{{QStringLiteral("view"), view},
                       {QStringLiteral("duration"), duration},
                       {QStringLiteral("transition"), transition},
                       {QStringLiteral("transitionDuration"), td},
                       {QStringLiteral("caption"), QJsonObject{{QStringLiteral("zh"), zh}, {QStringLiteral("en"), en}}}};
}

/** Views A (0,0,100), B (1000,0,100), C (1000,1000,300); tour "t": A 4 s cut, B 5 s flight 2 s, C 6 s crossfade 2 s. */
QJsonObject project(bool loop = false, const QString &firstTransition = QStringLiteral("cut"))
{
    QJsonArray steps{step(QStringLiteral("A"), 4, firstTransition, 1, QStringLiteral("甲"), QStringLiteral("Alpha")),
                     step(QStringLiteral("B"), 5, QStringLiteral("flight"), 2, QStringLiteral("乙"), QStringLiteral("Bravo")),
                     step(QStringLiteral("C"), 6, QStringLiteral("crossfade"), 2, QStringLiteral("丙"), QStringLiteral("Charlie"))};
    return QJsonObject{{QStringLiteral("views"), QJsonArray{makeView(QStringLiteral("A"), 0, 0, 100),
                                                            makeView(QStringLiteral("B"), 1000, 0, 100, 90),
                                                            makeView(QStringLiteral("C"), 1000, 1000, 300, 180, 60)}},
                       {QStringLiteral("tours"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                                        {QStringLiteral("loop"), loop},
                                                                        {QStringLiteral("steps"), steps}}}}};
}

bool near(const Vec3d &a, const Vec3d &b, double tol = 1e-6) { return (a - b).length() <= tol; }
const Vec3d kA(0, 0, 100), kB(1000, 0, 100), kC(1000, 1000, 300);
} // namespace

class tst_PresenterController : public QObject
{
    Q_OBJECT
private slots:
    void sampleBoundaries_data()
    {
        QTest::addColumn<double>("t");
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("where"); // A, B, C, or "mid" (flight in between)
        QTest::addColumn<double>("fade");
        QTest::addColumn<bool>("finished");
        QTest::newRow("start") << 0.0 << 0 << "A" << 0.0 << false;
        QTest::newRow("negative time") << -5.0 << 0 << "A" << 0.0 << false;
        QTest::newRow("NaN time") << std::numeric_limits<double>::quiet_NaN() << 0 << "A" << 0.0 << false;
        QTest::newRow("end of step 1") << 3.999 << 0 << "A" << 0.0 << false;
        QTest::newRow("flight starts at A") << 4.0 << 1 << "A" << 0.0 << false;
        QTest::newRow("flight half way") << 5.0 << 1 << "mid" << 0.0 << false;
        QTest::newRow("flight lands on B") << 6.0 << 1 << "B" << 0.0 << false;
        QTest::newRow("holds B") << 8.99 << 1 << "B" << 0.0 << false;
        QTest::newRow("crossfade starts on B") << 9.0 << 2 << "B" << 0.0 << false;
        QTest::newRow("fading out B") << 9.5 << 2 << "B" << 0.5 << false;
        QTest::newRow("black, on C") << 10.0 << 2 << "C" << 1.0 << false;
        QTest::newRow("fading in C") << 10.5 << 2 << "C" << 0.5 << false;
        QTest::newRow("C shown") << 11.0 << 2 << "C" << 0.0 << false;
        QTest::newRow("end") << 15.0 << 2 << "C" << 0.0 << true;
        QTest::newRow("far past the end") << 1e12 << 2 << "C" << 0.0 << true;
        QTest::newRow("infinite time") << std::numeric_limits<double>::infinity() << 0 << "A" << 0.0 << false;
    }
    void sampleBoundaries()
    {
        QFETCH(double, t);
        QFETCH(int, step);
        QFETCH(QString, where);
        QFETCH(double, fade);
        QFETCH(bool, finished);
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QString error;
        QVERIFY2(p.fromJson(project(), &error), qPrintable(error));
        QCOMPARE(p.tourDuration(QStringLiteral("t")), 15.0);
        const PresenterController::TourSample s = p.sampleTour(QStringLiteral("t"), t);
        QVERIFY(s.valid);
        QCOMPARE(s.step, step);
        QVERIFY2(std::abs(s.fade - fade) < 1e-3, qPrintable(QString::number(s.fade)));
        QCOMPARE(s.finished, finished);
        if (where == QLatin1String("A"))
            QVERIFY(near(s.eye, kA, 1e-3));
        else if (where == QLatin1String("B"))
            QVERIFY(near(s.eye, kB, 1e-3));
        else if (where == QLatin1String("C"))
            QVERIFY(near(s.eye, kC, 1e-3));
        else { // the eased flight's middle: half way, raised by the arc (travel 1000 m > 200 m)
            QVERIFY(near(Vec3d(s.eye.x, s.eye.y, 0), Vec3d(500, 0, 0), 1e-3));
            QVERIFY2(std::abs(s.eye.z - (100 + 0.25 * 1000)) < 1e-3, qPrintable(QString::number(s.eye.z)));
        }
        if (where == QLatin1String("C"))
            QCOMPARE(s.fieldOfView, 60.0);
    }

    void flightIsEasedAndMonotonic()
    {
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project()));
        // smooth in/out: slow at both ends, x only grows
        double lastX = -1;
        for (int i = 0; i <= 200; ++i) {
            const double x = p.sampleTour(QStringLiteral("t"), 4.0 + 2.0 * i / 200).eye.x;
            QVERIFY(x >= lastX - 1e-9);
            lastX = x;
        }
        const double early = p.sampleTour(QStringLiteral("t"), 4.1).eye.x;   // u = 0.05
        const double middle = p.sampleTour(QStringLiteral("t"), 5.1).eye.x - p.sampleTour(QStringLiteral("t"), 5.0).eye.x;
        QVERIFY2(early < 0.05 * 1000 / 2, qPrintable(QString::number(early))); // eased in: well below linear
        QVERIFY(middle > 0.05 * 1000);                                          // fastest in the middle
    }

    void deterministic()
    {
        PresenterController a(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        PresenterController b(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(a.fromJson(project(true, QStringLiteral("flight"))));
        QVERIFY(b.fromJson(a.toJson()));
        for (int i = 0; i < 2000; ++i) {
            const double t = i * 0.0173;
            const auto s1 = a.sampleTour(QStringLiteral("t"), t);
            const auto s2 = a.sampleTour(QStringLiteral("t"), t); // same object, again
            const auto s3 = b.sampleTour(QStringLiteral("t"), t); // another object from the saved JSON
            for (const auto *s : {&s2, &s3}) {
                QCOMPARE(s->step, s1.step);
                QCOMPARE(s->eye.x, s1.eye.x);
                QCOMPARE(s->eye.y, s1.eye.y);
                QCOMPARE(s->eye.z, s1.eye.z);
                QCOMPARE(s->rotation, s1.rotation);
                QCOMPARE(s->fade, s1.fade);
                QCOMPARE(s->captionEn, s1.captionEn);
            }
        }
    }

    void loopWraps()
    {
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project(true, QStringLiteral("flight"))));
        // pass 0 starts on A with no flight; after the wrap, step 1 flies in from C
        QVERIFY(near(p.sampleTour(QStringLiteral("t"), 0).eye, kA));
        const auto wrapped = p.sampleTour(QStringLiteral("t"), 15.0);
        QCOMPARE(wrapped.step, 0);
        QVERIFY(!wrapped.finished);
        QVERIFY(near(wrapped.eye, kC, 1e-3));
        QVERIFY(near(p.sampleTour(QStringLiteral("t"), 16.0).eye, kA, 1e-3)); // the 1 s flight has landed
        // the same time in the tenth pass shows the same picture
        const auto first = p.sampleTour(QStringLiteral("t"), 5.25), tenth = p.sampleTour(QStringLiteral("t"), 5.25 + 9 * 15);
        QCOMPARE(tenth.step, first.step);
        QVERIFY(near(tenth.eye, first.eye, 1e-6));
        // a cross-fade into step 1 after the wrap fades from C
        QVERIFY(p.fromJson(project(true, QStringLiteral("crossfade"))));
        const auto fading = p.sampleTour(QStringLiteral("t"), 15.25);
        QVERIFY(near(fading.eye, kC, 1e-3));
        QVERIFY(std::abs(fading.fade - 0.5) < 1e-6);
    }

    void hostileTours_data()
    {
        QTest::addColumn<QJsonObject>("tour");
        QTest::addColumn<QString>("expected"); // in the error
        const QJsonObject good = step(QStringLiteral("A"), 3, QStringLiteral("cut"), 0);
        auto tour = [](const QJsonArray &steps) {
            return QJsonObject{{QStringLiteral("name"), QStringLiteral("bad")}, {QStringLiteral("steps"), steps}};
        };
        auto with = [good](const char *key, const QJsonValue &v) {
            QJsonObject o = good;
            if (v.isUndefined())
                o.remove(QLatin1String(key));
            else
                o.insert(QLatin1String(key), v);
            return o;
        };
        QTest::newRow("missing view") << tour({good, with("view", QJsonValue::Undefined)}) << "step 2: no \"view\"";
        QTest::newRow("view not text") << tour({with("view", 3)}) << "step 1: no \"view\"";
        QTest::newRow("unknown view") << tour({with("view", QStringLiteral("Nowhere"))}) << "no saved view 'Nowhere'";
        QTest::newRow("negative duration") << tour({with("duration", -2)}) << "\"duration\" is -2";
        QTest::newRow("zero duration") << tour({with("duration", 0)}) << "\"duration\" is 0";
        QTest::newRow("NaN duration") << tour({with("duration", std::numeric_limits<double>::quiet_NaN())}) << "\"duration\"";
        QTest::newRow("infinite duration") << tour({with("duration", std::numeric_limits<double>::infinity())}) << "\"duration\"";
        QTest::newRow("huge duration") << tour({with("duration", 1e300)}) << "\"duration\" is 1e+300";
        QTest::newRow("duration as text") << tour({with("duration", QStringLiteral("5"))}) << "\"duration\" is not a number";
        QTest::newRow("negative transition") << tour({with("transitionDuration", -1)}) << "\"transitionDuration\" is -1";
        QTest::newRow("unknown transition") << tour({with("transition", QStringLiteral("wipe"))}) << "unknown transition \"wipe\"";
        QTest::newRow("transition not text") << tour({with("transition", 7)}) << "unknown transition (not text)";
        QTest::newRow("caption a number") << tour({with("caption", 12)}) << "\"caption\" is not";
        QTest::newRow("step not an object") << tour({good, QJsonValue(5)}) << "step 2: not an object";
        QTest::newRow("steps not a list") << QJsonObject{{QStringLiteral("name"), QStringLiteral("bad")}, {QStringLiteral("steps"), 3}} << "\"steps\" is not a list";
        QTest::newRow("no name") << QJsonObject{{QStringLiteral("steps"), QJsonArray{good}}} << "has no \"name\"";
        QTest::newRow("loop not a bool") << QJsonObject{{QStringLiteral("name"), QStringLiteral("bad")}, {QStringLiteral("loop"), QStringLiteral("yes")}} << "\"loop\" is not";
        QJsonArray many;
        for (int i = 0; i < TourModel::kMaxSteps + 1; ++i)
            many.append(good);
        QTest::newRow("10001 steps") << tour(many) << "has 10001 steps (at most 10000)";
    }
    void hostileTours()
    {
        QFETCH(QJsonObject, tour);
        QFETCH(QString, expected);
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project()));
        QSignalSpy changed(&p, &PresenterController::toursChanged);
        QString error;
        QVERIFY(!p.setTour(tour, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(changed.isEmpty());
        QCOMPARE(p.tourNames(), QStringList{QStringLiteral("t")}); // nothing replaced
        // the same record in a project: skipped with the message, the rest loads
        QJsonObject proj = project();
        QJsonArray tours = proj.value(QStringLiteral("tours")).toArray();
        tours.append(tour);
        proj.insert(QStringLiteral("tours"), tours);
        QVERIFY(!p.fromJson(proj, &error));
        QVERIFY2(error.contains(QStringLiteral("tours[1]")), qPrintable(error));
        QCOMPARE(p.tourNames(), QStringList{QStringLiteral("t")});
        QCOMPARE(p.viewNames().size(), 3);
    }

    void defaultsAndClamps()
    {
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project()));
        QString error;
        // no duration/transition: 8 s flights of 2 s; a transition longer than its step is clamped
        QVERIFY2(p.setTour(QJsonObject{{QStringLiteral("name"), QStringLiteral("d")},
                                       {QStringLiteral("steps"), QJsonArray{QJsonObject{{QStringLiteral("view"), QStringLiteral("A")}},
                                                                            step(QStringLiteral("B"), 1, QStringLiteral("Cross-Fade"), 50)}}},
                           &error),
                 qPrintable(error));
        const QJsonObject t = p.tour(QStringLiteral("d"));
        const QJsonArray steps = t.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps[0].toObject().value(QStringLiteral("duration")).toDouble(), 8.0);
        QCOMPARE(steps[0].toObject().value(QStringLiteral("transition")).toString(), QStringLiteral("flight"));
        QCOMPARE(steps[0].toObject().value(QStringLiteral("transitionDuration")).toDouble(), 2.0);
        QCOMPARE(steps[1].toObject().value(QStringLiteral("transition")).toString(), QStringLiteral("crossfade"));
        QCOMPARE(steps[1].toObject().value(QStringLiteral("transitionDuration")).toDouble(), 1.0);
        QCOMPARE(p.tourDuration(QStringLiteral("d")), 9.0);
        QCOMPARE(p.tourDuration(QStringLiteral("unknown")), 0.0);
        QVERIFY(!p.sampleTour(QStringLiteral("unknown"), 1).valid);
        // by index too
        QCOMPARE(p.tour(QStringLiteral("1")).value(QStringLiteral("name")).toString(), QStringLiteral("d"));
    }

    void tenThousandSteps()
    {
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project()));
        QJsonArray steps;
        for (int i = 0; i < TourModel::kMaxSteps; ++i)
            steps.append(step(i % 2 ? QStringLiteral("A") : QStringLiteral("B"), 0.5, QStringLiteral("flight"), 0.25));
        QString error;
        QVERIFY2(p.setTour(QJsonObject{{QStringLiteral("name"), QStringLiteral("long")}, {QStringLiteral("steps"), steps}}, &error),
                 qPrintable(error));
        QCOMPARE(p.tourDuration(QStringLiteral("long")), 5000.0);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 20000; ++i) {
            const auto s = p.sampleTour(QStringLiteral("long"), i * 0.25);
            QCOMPARE(s.step, std::min(i / 2, TourModel::kMaxSteps - 1));
        }
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(p.sampleTour(QStringLiteral("long"), 4999.9).step, 9999);
        // through the project part and back
        PresenterController q(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(q.fromJson(p.toJson()));
        QCOMPARE(q.tour(QStringLiteral("long")).value(QStringLiteral("steps")).toArray().size(), 10000);
    }

    void hostileViews_data()
    {
        QTest::addColumn<QJsonValue>("view");
        QTest::addColumn<QString>("expected");
        QJsonObject good = makeView(QStringLiteral("X"), 1, 2, 3);
        auto cam = [good](const char *key, const QJsonValue &v) {
            QJsonObject o = good;
            QJsonObject c = o.value(QStringLiteral("camera")).toObject();
            c.insert(QLatin1String(key), v);
            o.insert(QStringLiteral("camera"), c);
            return QJsonValue(o);
        };
        QTest::newRow("not an object") << QJsonValue(3) << "not an object";
        QTest::newRow("no name") << QJsonValue(QJsonObject{{QStringLiteral("camera"), good.value(QStringLiteral("camera"))}}) << "no \"name\"";
        QTest::newRow("duplicate name") << QJsonValue(makeView(QStringLiteral("A"), 0, 0, 0)) << "a second view named 'A'";
        QTest::newRow("eye of two") << cam("eye", QJsonArray{1, 2}) << "camera.eye";
        QTest::newRow("eye NaN") << cam("eye", QJsonArray{1, std::numeric_limits<double>::quiet_NaN(), 2}) << "camera.eye";
        QTest::newRow("eye far away") << cam("eye", QJsonArray{1e30, 0, 0}) << "out of range";
        QTest::newRow("zero rotation") << cam("rotation", QJsonArray{0, 0, 0, 0}) << "camera.rotation";
        QTest::newRow("fov 0") << cam("fov", 0) << "camera.fov";
        QTest::newRow("fov text") << cam("fov", QStringLiteral("wide")) << "camera.fov";
        QJsonObject badState = good;
        badState.insert(QStringLiteral("state"), 5);
        QTest::newRow("state not an object") << QJsonValue(badState) << "\"state\" is not an object";
    }
    void hostileViews()
    {
        QFETCH(QJsonValue, view);
        QFETCH(QString, expected);
        QJsonObject proj = project();
        QJsonArray views = proj.value(QStringLiteral("views")).toArray();
        views.append(view);
        proj.insert(QStringLiteral("views"), views);
        PresenterController p(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QString error;
        QVERIFY(!p.fromJson(proj, &error));
        QVERIFY2(error.contains(QStringLiteral("views[3]")) && error.contains(expected), qPrintable(error));
        QCOMPARE(p.viewNames(), (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
        QCOMPARE(p.tourNames(), QStringList{QStringLiteral("t")}); // the rest loads
        // whole part malformed
        QVERIFY(!p.fromJson(QJsonObject{{QStringLiteral("views"), 3}, {QStringLiteral("tours"), QStringLiteral("x")}}, &error));
        QVERIFY2(error.contains(QStringLiteral("\"views\" is not a list")) && error.contains(QStringLiteral("\"tours\" is not a list")),
                 qPrintable(error));
        QVERIFY(p.viewNames().isEmpty());
    }

    void viewEditing()
    {
        CameraController camera;
        PresenterController p(&camera, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project()));
        QSignalSpy views(&p, &PresenterController::viewsChanged);
        camera.setPose(Vec3d(10, 20, 30), QQuaternion::fromAxisAndAngle(0, 0, 1, 30));
        p.addCurrentView(QStringLiteral("A")); // taken: made unique
        QCOMPARE(p.viewNames().last(), QStringLiteral("A (2)"));
        const QJsonArray eye = p.view(QStringLiteral("A (2)")).value(QStringLiteral("camera")).toObject().value(QStringLiteral("eye")).toArray();
        QCOMPARE(eye, (QJsonArray{10.0, 20.0, 30.0}));
        p.addCurrentView(QString());
        QCOMPARE(p.viewNames().last(), QStringLiteral("View 5"));
        // renaming follows into the tours
        p.renameView(1, QStringLiteral("Bay"));
        QCOMPARE(p.tour(QStringLiteral("t")).value(QStringLiteral("steps")).toArray()[1].toObject().value(QStringLiteral("view")).toString(),
                 QStringLiteral("Bay"));
        p.moveView(0, 2);
        QCOMPARE(p.viewNames().mid(0, 3), (QStringList{QStringLiteral("Bay"), QStringLiteral("C"), QStringLiteral("A")}));
        p.moveView(0, 99); // ignored
        p.renameView(99, QStringLiteral("x"));
        // removing a view removes the steps that show it
        p.removeView(0);
        QCOMPARE(p.tour(QStringLiteral("t")).value(QStringLiteral("steps")).toArray().size(), 2);
        QCOMPARE(p.tourDuration(QStringLiteral("t")), 10.0);
        QVERIFY(views.size() >= 5);
        // going to a view flies there
        QVERIFY(p.goToView(QStringLiteral("C")));
        QVERIFY(camera.flying());
        QVERIFY(!p.goToView(QStringLiteral("nowhere")));
        QString error;
        QVERIFY(p.applyView(p.view(QStringLiteral("A")), PresenterController::Transition::Cut, 0, &error));
        QVERIFY(near(camera.eye(), kA));
    }

    void playbackAndKeys()
    {
        CameraController camera;
        PresenterController p(&camera, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        QVERIFY(p.fromJson(project()));
        QSignalSpy state(&p, &PresenterController::stateChanged);
        // no tour loaded: the navigation keys are not the presenter's
        for (int key : {Qt::Key_PageDown, Qt::Key_PageUp, Qt::Key_Right, Qt::Key_Left, Qt::Key_B, Qt::Key_Period, Qt::Key_Escape})
            QVERIFY(!p.handleKey(key));
        QVERIFY(!p.handleKey(Qt::Key_A));
        // F5 plays the first tour
        QVERIFY(p.handleKey(Qt::Key_F5));
        QCOMPARE(p.currentTour(), QStringLiteral("t"));
        QVERIFY(p.playing());
        QCOMPARE(p.currentStep(), 0);
        QCOMPARE(p.stepCount(), 3);
        QVERIFY(near(camera.eye(), kA));
        QCOMPARE(p.caption(), QStringLiteral("Alpha"));
        p.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(p.caption(), QStringLiteral("甲"));
        p.setLanguage(QStringLiteral("en"));
        // frames advance the clock
        for (int i = 0; i < 50; ++i)
            p.advance(0.1);
        QCOMPARE(p.currentStep(), 1);
        QVERIFY(std::abs(p.tourTime() - 5.0) < 1e-9);
        QVERIFY(std::abs(camera.eye().x - 500) < 1e-3); // mid-flight, as sampled
        // pause holds the clock
        p.pause();
        p.advance(1.0);
        QVERIFY(std::abs(p.tourTime() - 5.0) < 1e-9);
        p.resume();
        // PageDown / Right: next step; PageUp / Left: previous
        QVERIFY(p.handleKey(Qt::Key_PageDown));
        QCOMPARE(p.currentStep(), 2);
        QCOMPARE(p.tourTime(), 9.0);
        QCOMPARE(p.caption(), QStringLiteral("Charlie"));
        QVERIFY(p.handleKey(Qt::Key_Right)); // last step, no loop: stays
        QCOMPARE(p.currentStep(), 2);
        QVERIFY(p.handleKey(Qt::Key_PageUp));
        QCOMPARE(p.currentStep(), 1);
        QVERIFY(p.handleKey(Qt::Key_Left));
        QCOMPARE(p.currentStep(), 0);
        QVERIFY(p.handleKey(Qt::Key_Left));
        QCOMPARE(p.currentStep(), 0);
        // blank: B and . toggle
        QVERIFY(p.handleKey(Qt::Key_B));
        QVERIFY(p.blanked());
        QVERIFY(p.handleKey(Qt::Key_Period));
        QVERIFY(!p.blanked());
        // cross-fade through advance: the fade follows the sample
        p.seek(9.5);
        QVERIFY(std::abs(p.fade() - 0.5) < 1e-6);
        // runs to the end and stops playing, still loaded
        for (int i = 0; i < 100; ++i)
            p.advance(0.1);
        QVERIFY(!p.playing());
        QCOMPARE(p.currentTour(), QStringLiteral("t"));
        QVERIFY(near(camera.eye(), kC));
        // loop: wraps instead
        p.setLoop(true);
        QVERIFY(p.tour(QStringLiteral("t")).value(QStringLiteral("loop")).toBool());
        QVERIFY(p.handleKey(Qt::Key_F5)); // not playing: plays again
        QVERIFY(p.playing());
        for (int i = 0; i < 160; ++i)
            p.advance(0.1);
        QVERIFY(p.playing());
        QCOMPARE(p.currentStep(), 0);
        // F5 while playing stops; Esc stops and unloads
        QVERIFY(p.handleKey(Qt::Key_F5));
        QVERIFY(p.currentTour().isEmpty());
        QVERIFY(p.playTour(QStringLiteral("0")));
        QVERIFY(p.handleKey(Qt::Key_Escape));
        QVERIFY(p.currentTour().isEmpty());
        QVERIFY(!p.playing());
        QVERIFY(p.caption().isEmpty());
        QVERIFY(!p.handleKey(Qt::Key_PageDown)); // the camera's again
        QVERIFY(!p.playTour(QStringLiteral("nope")));
        QVERIFY(state.size() > 5);
        const QJsonObject js = p.stateJson();
        QCOMPARE(js.value(QStringLiteral("tours")).toArray().size(), 1);
        QCOMPARE(js.value(QStringLiteral("playing")).toBool(), false);
        // hostile clocks do nothing
        QVERIFY(p.playTour(QStringLiteral("t")));
        p.advance(std::numeric_limits<double>::quiet_NaN());
        p.advance(-3);
        QCOMPARE(p.tourTime(), 0.0);
    }

    void sceneStateOnDrillAndSection()
    {
        SceneClipping clip;
        DrillDownController drill(nullptr, &clip, nullptr);
        drill.setAnimated(false);
        DrillBuilding b;
        b.id = QStringLiteral("tower");
        b.name = QStringLiteral("Tower");
        b.footprint = QPolygonF(QRectF(0, 0, 30, 20));
        for (int i = 0; i < 5; ++i)
            b.floors << DrillFloor{i + 1, QStringLiteral("%1F").arg(i + 1), i * 3.6, 3.6, -1};
        CameraController camera;
        PresenterController p(&camera, nullptr, nullptr, &drill, nullptr, &clip, nullptr);
        QSignalSpy changed(&p, &PresenterController::sceneStateChanged);
        const QJsonObject target{
                {QStringLiteral("drill"), QJsonObject{{QStringLiteral("building"), QStringLiteral("tower")},
                                                      {QStringLiteral("floor"), 3},
                                                      {QStringLiteral("explode"), true}}},
                {QStringLiteral("section"), QJsonObject{{QStringLiteral("plane"), QJsonArray{0, 0, 1, -12.5}},
                                                        {QStringLiteral("box"), QJsonArray{-1, -2, -3, 4, 5, 6}}}}};
        // the building registry is not in yet: the drill waits for it
        QString error;
        QVERIFY2(p.applySceneState(target, &error), qPrintable(error));
        QVERIFY(!p.settled());
        drill.setBuildings({b});
        p.advance(0);
        QVERIFY(p.settled());
        QCOMPARE(drill.state(), DrillDownController::Floor);
        QCOMPARE(drill.floor(), 3);
        QVERIFY(clip.planeEnabled());
        QCOMPARE(clip.plane(), QVector4D(0, 0, 1, -12.5f));
        QVERIFY(clip.boxEnabled());
        const QJsonObject s = p.sceneState();
        QCOMPARE(s.value(QStringLiteral("drill")).toObject(), target.value(QStringLiteral("drill")).toObject());
        QCOMPARE(s.value(QStringLiteral("section")).toObject(), target.value(QStringLiteral("section")).toObject());
        QTRY_VERIFY(!changed.isEmpty()); // coalesced, after the event loop
        // applying what is already shown changes nothing
        changed.clear();
        QVERIFY(p.applySceneState(s, &error));
        QTest::qWait(20);
        QVERIFY(changed.isEmpty());
        // explode only, then back to the district and no section
        QVERIFY(p.applySceneState(QJsonObject{{QStringLiteral("drill"), QJsonObject{{QStringLiteral("building"), QStringLiteral("tower")},
                                                                                    {QStringLiteral("explode"), true}}}},
                                  &error));
        QCOMPARE(drill.state(), DrillDownController::Exploded);
        QVERIFY(p.applySceneState(QJsonObject{{QStringLiteral("drill"), QJsonObject{{QStringLiteral("building"), QString()}}},
                                              {QStringLiteral("section"), QJsonObject{{QStringLiteral("plane"), QJsonValue()},
                                                                                      {QStringLiteral("box"), QJsonValue()}}}},
                                  &error));
        QCOMPARE(drill.state(), DrillDownController::District);
        QVERIFY(!clip.planeEnabled());
        QVERIFY(!clip.boxEnabled());
        QTRY_VERIFY(!changed.isEmpty());
        // what cannot be applied is named, the rest is applied
        QVERIFY(!p.applySceneState(QJsonObject{{QStringLiteral("drill"), QJsonObject{{QStringLiteral("building"), QStringLiteral("annex")}}},
                                               {QStringLiteral("section"), QJsonObject{{QStringLiteral("plane"), QJsonArray{0, 0, 1, 5}},
                                                                                       {QStringLiteral("box"), QJsonArray{1, 2}}}}},
                                   &error));
        QVERIFY2(error.contains(QStringLiteral("building 'annex'")) && error.contains(QStringLiteral("clipping box")), qPrintable(error));
        QVERIFY(clip.planeEnabled());
        QVERIFY(!p.applySceneState(QJsonObject{{QStringLiteral("drill"), QJsonObject{{QStringLiteral("building"), QStringLiteral("tower")},
                                                                                     {QStringLiteral("floor"), 99}}}},
                                   &error));
        QVERIFY2(error.contains(QStringLiteral("floor 99")), qPrintable(error));
    }
};

QTEST_MAIN(tst_PresenterController)
#include "tst_presentercontroller.moc"
