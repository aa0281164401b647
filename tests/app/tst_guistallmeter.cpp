// GuiStallMeter (app/shell): measures real stalls of a real event loop, and does nothing until
// started (no 200 Hz wake-ups in sessions that report nothing).
#include "GuiStallMeter.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>
#include <QThread>
#include <QTimer>

using liyuan::GuiStallMeter;

class TestGuiStallMeter : public QObject
{
    Q_OBJECT

private:
    // spins this thread's event loop for ms without blocking it
    static void spin(int ms)
    {
        QEventLoop loop;
        QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
        loop.exec();
    }

private slots:
    void notRunningUntilStarted()
    {
        GuiStallMeter meter;
        QVERIFY(!meter.isRunning());
        spin(200);
        QCOMPARE(meter.ticks(), qint64(0));
        QCOMPARE(meter.maxStallMs(), 0.0);
        meter.start();
        QVERIFY(meter.isRunning());
        meter.start(); // idempotent
        spin(200);
        QVERIFY2(meter.ticks() >= 10, qPrintable(QString::number(meter.ticks()))); // ~40 at 5 ms
        meter.stop();
        QVERIFY(!meter.isRunning());
        const qint64 stopped = meter.ticks();
        spin(100);
        QCOMPARE(meter.ticks(), stopped);
    }

    void blockedLoop_data()
    {
        QTest::addColumn<int>("blockMs");
        QTest::newRow("120 ms") << 120;
        QTest::newRow("300 ms") << 300;
    }
    void blockedLoop()
    {
        QFETCH(int, blockMs);
        GuiStallMeter meter;
        meter.start();
        spin(50);
        QThread::msleep(ulong(blockMs)); // the GUI thread blocked: the timer cannot fire
        spin(50);
        QVERIFY2(meter.maxStallMs() >= blockMs - 20 && meter.maxStallMs() < 1000,
                 qPrintable(QString::number(meter.maxStallMs())));
        QCOMPARE(meter.stallsOver50Ms(), 1);
        meter.reset();
        QCOMPARE(meter.maxStallMs(), 0.0);
        QCOMPARE(meter.stallsOver50Ms(), 0);
    }

    void idleSecond()
    {
        GuiStallMeter meter;
        meter.start();
        spin(1000);
        QVERIFY2(meter.maxStallMs() < 50, qPrintable(QString::number(meter.maxStallMs())));
        QCOMPARE(meter.stallsOver50Ms(), 0);
        QVERIFY2(meter.ticks() >= 100, qPrintable(QString::number(meter.ticks()))); // ~200 at 5 ms
    }
};

QTEST_GUILESS_MAIN(TestGuiStallMeter)
#include "tst_guistallmeter.moc"
