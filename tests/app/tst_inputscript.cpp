// InputScript (--input): parsing with errors naming the file and line, and playing into a real
// QQuickWindow through Qt Quick's event delivery — clicks on a named button, a drag seen by a
// MouseArea move by move, right button with modifiers, double-click, wheel, keys and text
// into a focused TextInput, scene points through a projector, and steps that must fail.
#include "TestRequire.h"
#include "InputScript.h"

#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace liyuan;

namespace {

const char *kQml = R"(
import QtQuick
Window {
    width: 400; height: 300; visible: true
    property int clicks: 0
    property int rightCtrlClicks: 0
    property int doubleClicks: 0
    property var path: []
    property real wheelNotches: 0
    property int upKeys: 0
    property string typed: ""
    Rectangle {
        objectName: "button"
        x: 300; y: 20; width: 80; height: 30
        MouseArea { anchors.fill: parent; onClicked: clicks++ }
    }
    Rectangle {
        objectName: "hidden"
        visible: false
        width: 10; height: 10
    }
    Item {
        objectName: "view"
        x: 10; y: 60; width: 280; height: 200
        MouseArea {
            anchors.fill: parent
            acceptedButtons: Qt.LeftButton | Qt.RightButton
            onPressed: (ev) => { path = [[ev.x, ev.y]]; keys.forceActiveFocus() }
            onPositionChanged: (ev) => { var p = path; p.push([ev.x, ev.y]); path = p }
            onClicked: (ev) => { if (ev.button === Qt.RightButton && (ev.modifiers & Qt.ControlModifier)) rightCtrlClicks++ }
            onDoubleClicked: doubleClicks++
            onWheel: (ev) => wheelNotches += ev.angleDelta.y / 120
        }
    }
    Item {
        id: keys
        focus: true
        Keys.onUpPressed: upKeys++
    }
    TextInput {
        objectName: "field"
        x: 300; y: 100; width: 80; height: 20
        onTextChanged: typed = text
    }
}
)";

} // namespace

class tst_InputScript : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static InputScript::SceneProjector projector()
    {
        // a fake camera: scene x,y in metres are view pixels; z < 0 is "behind the camera"
        return [](const Vec3d &p, QPointF *px) {
            if (p.z < 0)
                return false;
            *px = QPointF(p.x, p.y);
            return true;
        };
    }

private slots:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("steps");
        QTest::newRow("comments and blank lines") << QByteArray("# a comment\n\n  click 10,20   # trailing\n") << 1;
        QTest::newRow("every step") << QByteArray("click 1,2 right ctrl\ndouble-click #view\npress 3,4\nmove 5,6\n"
                                                 "release 5,6\ndrag @1,2,3 #view+5,-5 middle shift steps 4\n"
                                                 "wheel 10,10 -2\nkey Ctrl+S\ntext hello # not a comment\nwait 100\nsettle\n")
                                    << 11;
        QTest::newRow("CRLF") << QByteArray("click 1,2\r\nkey Up\r\n") << 2;
    }
    void parses()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, steps);
        InputScript s;
        QString error;
        QVERIFY2(s.parse(text, QStringLiteral("t.txt"), &error), qPrintable(error));
        QCOMPARE(int(s.steps().size()), steps);
    }

    void stepDetails()
    {
        InputScript s;
        QString error;
        QVERIFY2(s.parse("drag @1,2,3 #view+5,-5 middle shift steps 4\nkey Ctrl+S\ntext hello # not a comment\n", "t", &error),
                 qPrintable(error));
        const InputScript::Step &d = s.steps()[0];
        QCOMPARE(d.kind, InputScript::Step::Kind::Drag);
        QCOMPARE(d.a.kind, InputScript::Position::Kind::Scene);
        QCOMPARE(d.a.scene.z, 3.0);
        QCOMPARE(d.b.kind, InputScript::Position::Kind::Item);
        QCOMPARE(d.b.itemName, QStringLiteral("view"));
        QCOMPARE(d.b.pixel, QPointF(5, -5));
        QCOMPARE(d.button, Qt::MiddleButton);
        QCOMPARE(d.modifiers, Qt::KeyboardModifiers(Qt::ShiftModifier));
        QCOMPARE(d.steps, 4);
        QCOMPARE(s.steps()[1].key, int(Qt::Key_S));
        QCOMPARE(s.steps()[1].modifiers, Qt::KeyboardModifiers(Qt::ControlModifier));
        QCOMPARE(s.steps()[2].text, QStringLiteral("hello # not a comment"));
        QCOMPARE(s.steps()[2].line, 3);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray("# nothing\n\n") << "t.txt: the input script has no steps";
        QTest::newRow("unknown step") << QByteArray("click 1,2\nfly 3,4\n") << "t.txt:2: unknown step 'fly'";
        QTest::newRow("bad position") << QByteArray("click 1;2\n") << "t.txt:1: '1;2' is not a position";
        QTest::newRow("NaN") << QByteArray("click nan,2\n") << "is not a position";
        QTest::newRow("huge coordinate") << QByteArray("click 1e300,2\n") << "is not a position";
        QTest::newRow("scene point with two numbers") << QByteArray("move @1,2\n") << "is not a scene point";
        QTest::newRow("bad item") << QByteArray("click #9lives\n") << "is not an item";
        QTest::newRow("no position") << QByteArray("click\n") << "'click' needs a position";
        QTest::newRow("drag with one end") << QByteArray("drag 1,2\n") << "'drag' needs a position";
        QTest::newRow("unknown word") << QByteArray("click 1,2 sideways\n") << "unexpected 'sideways'";
        QTest::newRow("steps 0") << QByteArray("drag 1,2 3,4 steps 0\n") << "steps must be 1 to 1000";
        QTest::newRow("steps huge") << QByteArray("drag 1,2 3,4 steps 99999999\n") << "steps must be 1 to 1000";
        QTest::newRow("wheel without notches") << QByteArray("wheel 1,2\n") << "wheel needs a number";
        QTest::newRow("not a key") << QByteArray("key Blorp\n") << "'Blorp' is not a key";
        QTest::newRow("two keys") << QByteArray("key Up Down\n") << "key needs one key sequence";
        QTest::newRow("text without characters") << QByteArray("text\n") << "text needs the characters";
        QTest::newRow("negative wait") << QByteArray("wait -5\n") << "wait needs milliseconds";
        QTest::newRow("endless wait") << QByteArray("wait 1e12\n") << "wait needs milliseconds";
        QTest::newRow("settle with argument") << QByteArray("settle 5\n") << "settle takes no argument";
        QTest::newRow("binary") << QByteArray("click 1,2\n\x00\x01\xff\xfe", 15) << "t.txt:2: not UTF-8 text";
    }
    void rejects()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        InputScript s;
        QString error;
        QVERIFY(!s.parse(text, QStringLiteral("t.txt"), &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(s.steps().empty());
    }

    void loadErrorsNameTheFile()
    {
        InputScript s;
        QString error;
        QVERIFY(!s.load(m_dir.filePath("missing.txt"), &error));
        QVERIFY2(error.contains("missing.txt") && error.contains("cannot read"), qPrintable(error));
        QFile big(m_dir.filePath("big.txt"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(2 << 20, ' '));
        big.close();
        QVERIFY(!s.load(big.fileName(), &error));
        QVERIFY2(error.contains("big.txt") && error.contains("larger than the limit"), qPrintable(error));
    }

    void playsIntoAWindow()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QQmlEngine engine;
        QQmlComponent c(&engine);
        c.setData(kQml, QUrl());
        std::unique_ptr<QObject> root(c.create());
        QVERIFY2(root, qPrintable(c.errorString()));
        auto *w = qobject_cast<QQuickWindow *>(root.get());
        QVERIFY(w);
        QVERIFY(QTest::qWaitForWindowExposed(w));
        auto *view = w->findChild<QQuickItem *>("view");
        QVERIFY(view);

        InputScript s;
        QString error;
        QVERIFY2(s.parse("click #button\n"
                         "click #button+30,0\n"            // still on the 80 px wide button
                         "drag @20,30,0 @120,80,0 steps 5\n" // scene points → view pixels → window
                         "click 100,100 right ctrl\n"
                         "double-click @50,50,0\n"
                         "wheel @50,50,0 3\n"
                         "key Up\n"
                         "click #field\n"
                         "text 里院 ok\n"
                         "wait 30\n",
                         "play.txt", &error),
                 qPrintable(error));
        QSignalSpy finished(&s, &InputScript::finished), failed(&s, &InputScript::failed);
        s.play(w, view, projector(), [] { return false; });
        QVERIFY(s.isPlaying());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(root->property("clicks").toInt(), 2);
        // the drag: press at (20,30) of the view, 5 moves, the last one at (120,80)
        const QVariantList path = root->property("path").toList();
        // (the double-click's own press came after the drag: path restarted there)
        QCOMPARE(path.size(), 1);
        QCOMPARE(path.first().toList().value(0).toDouble(), 50.0);
        QCOMPARE(root->property("rightCtrlClicks").toInt(), 1);
        QCOMPARE(root->property("doubleClicks").toInt(), 1);
        QCOMPARE(root->property("wheelNotches").toDouble(), 3.0);
        QCOMPARE(root->property("upKeys").toInt(), 1);
        QCOMPARE(root->property("typed").toString(), QStringLiteral("里院 ok"));
    }

    void dragIsDeliveredMoveByMove()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QQmlEngine engine;
        QQmlComponent c(&engine);
        c.setData(kQml, QUrl());
        std::unique_ptr<QObject> root(c.create());
        QVERIFY2(root, qPrintable(c.errorString()));
        auto *w = qobject_cast<QQuickWindow *>(root.get());
        QVERIFY(QTest::qWaitForWindowExposed(w));
        auto *view = w->findChild<QQuickItem *>("view");
        InputScript s;
        QString error;
        QVERIFY(s.parse("drag @20,30,0 @120,80,0 steps 5\n", "drag.txt", &error));
        QSignalSpy finished(&s, &InputScript::finished);
        s.play(w, view, projector(), [] { return false; });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const QVariantList path = root->property("path").toList();
        QCOMPARE(path.size(), 6); // the press and five moves
        QCOMPARE(path.first().toList().value(0).toDouble(), 20.0);
        QCOMPARE(path.first().toList().value(1).toDouble(), 30.0);
        QCOMPARE(path.last().toList().value(0).toDouble(), 120.0);
        QCOMPARE(path.last().toList().value(1).toDouble(), 80.0);
        QCOMPARE(path.at(3).toList().value(0).toDouble(), 80.0); // 3/5 of the way
    }

    void failsWithFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no such item") << QByteArray("wait 1\nclick #nothing\n") << "fail.txt:2: no visible item named 'nothing'";
        QTest::newRow("hidden item") << QByteArray("click #hidden\n") << "fail.txt:1: no visible item named 'hidden'";
        QTest::newRow("behind the camera") << QByteArray("click @1,2,-1\n") << "fail.txt:1: the scene point 1.00,2.00,-1.00 is behind the camera";
        QTest::newRow("outside the window") << QByteArray("click 500,20\n") << "fail.txt:1: position 500.0,20.0 lies outside the 400x300 window";
        QTest::newRow("item offset outside") << QByteArray("click #button+200,0\n") << "lies outside";
    }
    void failsWithFileAndLine()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QQmlEngine engine;
        QQmlComponent c(&engine);
        c.setData(kQml, QUrl());
        std::unique_ptr<QObject> root(c.create());
        QVERIFY2(root, qPrintable(c.errorString()));
        auto *w = qobject_cast<QQuickWindow *>(root.get());
        QVERIFY(QTest::qWaitForWindowExposed(w));
        InputScript s;
        QString error;
        QVERIFY(s.parse(text, "fail.txt", &error));
        QSignalSpy finished(&s, &InputScript::finished), failed(&s, &InputScript::failed);
        s.play(w, w->findChild<QQuickItem *>("view"), projector(), [] { return false; });
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(finished.count(), 0);
        QVERIFY2(failed.first().first().toString().contains(expected), qPrintable(failed.first().first().toString()));
        QVERIFY(!s.isPlaying());
        QCOMPARE(root->property("clicks").toInt(), 0);
    }

    void settleWaitsForTheScene()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariable("QT_QPA_PLATFORM") != "offscreen")
            LIYUAN_SKIP("no display: run under xvfb-run");
        QQmlEngine engine;
        QQmlComponent c(&engine);
        c.setData(kQml, QUrl());
        std::unique_ptr<QObject> root(c.create());
        auto *w = qobject_cast<QQuickWindow *>(root.get());
        QVERIFY(QTest::qWaitForWindowExposed(w));
        InputScript s;
        QString error;
        QVERIFY(s.parse("settle\nclick #button\n", "settle.txt", &error));
        QElapsedTimer busyFor;
        busyFor.start();
        QSignalSpy finished(&s, &InputScript::finished);
        s.play(w, w->findChild<QQuickItem *>("view"), projector(), [&] { return busyFor.elapsed() < 400; });
        QTest::qWait(200);
        QCOMPARE(root->property("clicks").toInt(), 0); // still waiting for the scene
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(root->property("clicks").toInt(), 1);
        QVERIFY(busyFor.elapsed() >= 400);
    }
};

QTEST_MAIN(tst_InputScript)
#include "tst_inputscript.moc"
