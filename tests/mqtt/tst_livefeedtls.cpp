// LiveFeed over TLS against a REAL broker: a throw-away CA and server certificate (CN/SAN
// 127.0.0.1 + localhost) made with the openssl command line, mosquitto with a TLS listener on a
// free loopback port and password authentication (mosquitto_passwd, no anonymous access).
// Covers: verified TLS + login + delivery through the PayloadMapping; a certificate from another
// CA, a wrong password and a missing CA file are refused with clear errors that never contain
// the password.
#include "TestRequire.h"
#include <liyuan/mqtt/LiveFeed.h>

#include "TestBroker.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using liyuan::mqtt::LiveFeed;
using liyuan::live::Observation;
using liyuan::live::PayloadMapping;

using liyuan_test::Broker;
using liyuan_test::findTool;
using liyuan_test::freeLoopbackPort;

namespace {
const QString User = QStringLiteral("liyuan-tls");
const QString Password = QStringLiteral("Tls-s3cret-Pw-7781");
const QString WrongPassword = QStringLiteral("Wrong-s3cret-Pw-4412");
const QString Topic = QStringLiteral("v1.1/Datastreams(1)/Observations");
} // namespace

class TestLiveFeedTls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void brokerRequiresTlsAndPassword();
    void connectsAndReceives_data();
    void connectsAndReceives();
    void rejectsWrongCa();
    void rejectsWrongPassword();
    void missingCaFile();

private:
    bool run(const QString &exe, const QStringList &args, QString *output = nullptr);
    bool makeCa(const QString &name, const QString &cn);
    QString file(const QString &name) const { return m_dir.filePath(name); }
    LiveFeed::Settings settings(const QString &url = {}) const;
    QStringList pubArgs() const;
    // Waits until the feed reported at least one connection error and checks it stays unconnected.
    void expectRefused(LiveFeed &feed, QSignalSpy &errors, QStringList *messages);

    QString m_openssl, m_mosquitto, m_pub, m_passwd;
    QTemporaryDir m_dir;
    std::unique_ptr<Broker> m_broker;
};

bool TestLiveFeedTls::run(const QString &exe, const QStringList &args, QString *output)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(exe, args);
    const bool ok = p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    else if (!ok)
        qWarning("%s %s failed:\n%s", qPrintable(exe), qPrintable(args.join(u' ')), qPrintable(out));
    return ok;
}

// Self-signed CA <name>.pem / <name>.key. Own config file: independent of the system openssl.cnf.
bool TestLiveFeedTls::makeCa(const QString &name, const QString &cn)
{
    QFile cnf(file(name + QStringLiteral(".cnf")));
    if (!cnf.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    cnf.write(QStringLiteral("[req]\nprompt = no\ndistinguished_name = dn\nx509_extensions = v3_ca\n"
                             "[dn]\nCN = %1\n"
                             "[v3_ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n"
                             "subjectKeyIdentifier = hash\n")
                  .arg(cn).toUtf8());
    cnf.close();
    return run(m_openssl, {"req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
                           "-config", cnf.fileName(), "-keyout", file(name + ".key"), "-out", file(name + ".pem")});
}

void TestLiveFeedTls::initTestCase()
{
    m_openssl = findTool(QStringLiteral("openssl"));
    m_mosquitto = findTool(QStringLiteral("mosquitto"));
    m_pub = findTool(QStringLiteral("mosquitto_pub"));
    m_passwd = findTool(QStringLiteral("mosquitto_passwd"));
    if (m_openssl.isEmpty())
        LIYUAN_SKIP("openssl not installed (apt-get install openssl)");
    if (m_mosquitto.isEmpty() || m_pub.isEmpty() || m_passwd.isEmpty())
        LIYUAN_SKIP("mosquitto / mosquitto_pub / mosquitto_passwd not installed (apt-get install mosquitto mosquitto-clients)");
    QVERIFY(m_dir.isValid());

    // CA, server key + CSR, server certificate signed by the CA (SAN: 127.0.0.1 and localhost).
    QVERIFY(makeCa(QStringLiteral("ca"), QStringLiteral("Liyuan Test CA")));
    QVERIFY(makeCa(QStringLiteral("other-ca"), QStringLiteral("Liyuan Other CA"))); // never signs anything
    QFile cnf(file(QStringLiteral("server.cnf")));
    QVERIFY(cnf.open(QIODevice::WriteOnly | QIODevice::Truncate));
    cnf.write("[req]\nprompt = no\ndistinguished_name = dn\n[dn]\nCN = 127.0.0.1\n"
              "[v3_srv]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\n"
              "extendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1, DNS:localhost\n");
    cnf.close();
    QVERIFY(run(m_openssl, {"req", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256", "-config", cnf.fileName(),
                            "-keyout", file("server.key"), "-out", file("server.csr")}));
    QVERIFY(run(m_openssl, {"x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
                            "-set_serial", "4711", "-days", "2", "-sha256", "-extfile", cnf.fileName(),
                            "-extensions", "v3_srv", "-out", file("server.pem")}));
    QString verify;
    QVERIFY2(run(m_openssl, {"verify", "-CAfile", file("ca.pem"), file("server.pem")}, &verify), qPrintable(verify));

    QVERIFY(run(m_passwd, {"-c", "-b", file("passwd"), User, Password}));

    // mosquitto started as root drops to the user 'mosquitto': everything it reads must be
    // readable by others (throw-away material in a temporary directory).
    const auto r644 = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    for (const char *f : {"ca.pem", "server.pem", "server.key", "passwd"})
        QVERIFY(QFile::setPermissions(file(QString::fromLatin1(f)), r644));
    QVERIFY(QFile::setPermissions(m_dir.path(), r644 | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther));

    const quint16 port = freeLoopbackPort();
    QVERIFY(port != 0);
    m_broker = std::make_unique<Broker>(
        m_mosquitto, port,
        QStringLiteral("cafile %1\ncertfile %2\nkeyfile %3\nrequire_certificate false\n"
                       "password_file %4\nallow_anonymous false\n")
            .arg(file("ca.pem"), file("server.pem"), file("server.key"), file("passwd")));
    QString err;
    QVERIFY2(m_broker->start(&err), qPrintable(err));
    qInfo("mosquitto (TLS + password) listening on 127.0.0.1:%u", port);
}

void TestLiveFeedTls::cleanupTestCase()
{
    if (m_broker)
        m_broker->stop();
    QVERIFY(!m_broker || !m_broker->running());
    m_broker.reset();
}

LiveFeed::Settings TestLiveFeedTls::settings(const QString &url) const
{
    LiveFeed::Settings s;
    s.url = url.isEmpty() ? QStringLiteral("ssl://127.0.0.1:%1").arg(m_broker->port()) : url;
    s.clientId = QStringLiteral("liyuan-tls-test-%1").arg(QCoreApplication::applicationPid());
    s.username = User;
    s.password = Password;
    s.caFile = file(QStringLiteral("ca.pem"));
    s.topics = {QStringLiteral("v1.1/#")};
    s.keepAliveSeconds = 5;
    s.minRetryMs = 200;
    s.maxRetryMs = 1000;
    return s;
}

QStringList TestLiveFeedTls::pubArgs() const
{
    return {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "--cafile", file("ca.pem"),
            "-u", User, "-P", Password, "-q", "0", "-t", Topic};
}

// The fixture itself: without TLS, or without the password, mosquitto_pub is turned away.
void TestLiveFeedTls::brokerRequiresTlsAndPassword()
{
    QVERIFY(m_broker && m_broker->running());
    QString out;
    QVERIFY(run(m_pub, pubArgs() << "-m" << "{}", &out));
    QVERIFY2(!run(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "-u", User, "-P", Password,
                          "-t", Topic, "-m", "{}"}, &out),
             "plain TCP was accepted on the TLS listener");
    QVERIFY2(!run(m_pub, {"-h", "127.0.0.1", "-p", QString::number(m_broker->port()), "--cafile", file("ca.pem"),
                          "-t", Topic, "-m", "{}"}, &out),
             "anonymous publish was accepted");
    qInfo("anonymous mosquitto_pub: %s", qPrintable(out.trimmed()));
}

void TestLiveFeedTls::connectsAndReceives_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::newRow("ssl://127.0.0.1") << "ssl" << "127.0.0.1";
    QTest::newRow("mqtts://127.0.0.1") << "mqtts" << "127.0.0.1";
}

void TestLiveFeedTls::connectsAndReceives()
{
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    LiveFeed feed;
    feed.setMapping(PayloadMapping::sensorThings({{"1", "T-1"}}));
    QList<Observation> received;
    QStringList errors;
    connect(&feed, &LiveFeed::observationsReady, this, [&](const QList<Observation> &b) { received += b; });
    connect(&feed, &LiveFeed::connectionError, this, [&](const QString &m) { errors << m; });
    QVERIFY2(feed.start(settings(QStringLiteral("%1://%2:%3").arg(scheme, host).arg(m_broker->port()))),
             qPrintable(feed.lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(feed.state(), LiveFeed::State::Connected, 15000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    QVERIFY(run(m_pub, pubArgs() << "-m" << R"({"phenomenonTime":"2024-05-01T12:00:00Z","result":21.5})"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
    const Observation &o = received.first();
    QCOMPARE(o.deviceId, QStringLiteral("T-1"));
    QCOMPARE(o.value, 21.5);
    QCOMPARE(o.topic, Topic);
    QCOMPARE(o.time, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(feed.counters().parsed, quint64(1));
    feed.stop();
    QCOMPARE(feed.state(), LiveFeed::State::Disconnected);
}

void TestLiveFeedTls::expectRefused(LiveFeed &feed, QSignalSpy &errors, QStringList *messages)
{
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, 15000);
    QTest::qWait(1500); // a few retries: never gets through
    QVERIFY(feed.state() != LiveFeed::State::Connected);
    QVERIFY(feed.state() == LiveFeed::State::Reconnecting);
    for (const QList<QVariant> &args : qAsConst(errors))
        *messages << args.at(0).toString();
    *messages << feed.lastError();
    for (const QString &m : qAsConst(*messages)) {
        QVERIFY(!m.isEmpty());
        QVERIFY2(!m.contains(Password), qPrintable(m));
        QVERIFY2(!m.contains(WrongPassword), qPrintable(m));
    }
    QCOMPARE(feed.counters().received, quint64(0));
}

void TestLiveFeedTls::rejectsWrongCa()
{
    LiveFeed feed;
    feed.setMapping(PayloadMapping::sensorThings({{"1", "T-1"}}));
    QSignalSpy errors(&feed, &LiveFeed::connectionError);
    LiveFeed::Settings s = settings();
    s.caFile = file(QStringLiteral("other-ca.pem"));
    QVERIFY2(feed.start(s), qPrintable(feed.lastError()));
    QStringList messages;
    expectRefused(feed, errors, &messages);
    if (QTest::currentTestFailed())
        return;
    qInfo("wrong CA: %s", qPrintable(feed.lastError()));
    QVERIFY2(feed.lastError().contains(QLatin1String("TLS"), Qt::CaseInsensitive)
                 && feed.lastError().contains(QLatin1String("certificate"), Qt::CaseInsensitive),
             qPrintable(feed.lastError()));
    feed.stop();
    QCOMPARE(feed.state(), LiveFeed::State::Disconnected);
}

void TestLiveFeedTls::rejectsWrongPassword()
{
    LiveFeed feed;
    feed.setMapping(PayloadMapping::sensorThings({{"1", "T-1"}}));
    QSignalSpy errors(&feed, &LiveFeed::connectionError);
    LiveFeed::Settings s = settings();
    s.password = WrongPassword;
    QVERIFY2(feed.start(s), qPrintable(feed.lastError()));
    QStringList messages;
    expectRefused(feed, errors, &messages);
    if (QTest::currentTestFailed())
        return;
    qInfo("wrong password: %s", qPrintable(feed.lastError()));
    const QString e = feed.lastError();
    QVERIFY2(e.contains(QLatin1String("not authorized"), Qt::CaseInsensitive)
                 || e.contains(QLatin1String("user name or password"), Qt::CaseInsensitive),
             qPrintable(e));
    feed.stop();
    QCOMPARE(feed.state(), LiveFeed::State::Disconnected);
}

void TestLiveFeedTls::missingCaFile()
{
    LiveFeed feed;
    LiveFeed::Settings s = settings();
    s.caFile = file(QStringLiteral("no-such-ca.pem"));
    QVERIFY(!feed.start(s));
    QCOMPARE(feed.state(), LiveFeed::State::Disconnected);
    qInfo("missing CA: %s", qPrintable(feed.lastError()));
    QVERIFY2(feed.lastError().contains(s.caFile), qPrintable(feed.lastError()));
    QVERIFY2(feed.lastError().contains(QLatin1String("CA file")), qPrintable(feed.lastError()));
    QVERIFY(!feed.lastError().contains(Password));
}

QTEST_GUILESS_MAIN(TestLiveFeedTls)
#include "tst_livefeedtls.moc"
