// The watchroom-relay executable as an operator runs it: first lines for scripts, the access
// key persisted in the data directory, bad configuration refused, SIGTERM closing clients.
#include "accessurl.h"
#include "connectionstring.h"
#include "webpubsub.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <csignal>

using namespace Qt::StringLiterals;

class TestRelayProcess : public QObject
{
    Q_OBJECT

private slots:
    void printsListeningLineAndPersistsKey();
    void refusesBadConfiguration_data();
    void refusesBadConfiguration();
    void sigtermClosesClientsCleanly();

private:
    struct Started
    {
        QString listening;
        QString connectionString;
    };
    static bool start(QProcess &process, const QStringList &arguments, Started *started);
};

bool TestRelayProcess::start(QProcess &process, const QStringList &arguments, Started *started)
{
    process.setProgram(QStringLiteral(WATCHROOM_RELAY_PATH));
    process.setArguments(arguments);
    process.start();
    if (!process.waitForStarted(5000))
        return false;
    QByteArray out;
    const bool ready = QTest::qWaitFor(
        [&] {
            out += process.readAllStandardOutput();
            return out.count('\n') >= 2 || process.state() == QProcess::NotRunning;
        },
        10000);
    const QList<QByteArray> lines = out.split('\n');
    if (!ready || lines.size() < 2)
        return false;
    started->listening = QString::fromUtf8(lines[0]);
    started->connectionString = QString::fromUtf8(lines[1]).section(u": "_s, 1);
    return true;
}

void TestRelayProcess::printsListeningLineAndPersistsKey()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    const QStringList args { u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir.path() };
    Started first;
    QString firstKey;
    {
        QProcess relay;
        QVERIFY(start(relay, args, &first));
        static const QRegularExpression line(uR"(^Listening on http://127\.0\.0\.1:\d+$)"_s);
        QVERIFY2(line.match(first.listening).hasMatch(), qPrintable(first.listening));
        const auto cs = wr::ConnectionString::parse(first.connectionString);
        QVERIFY2(cs, qPrintable(first.connectionString));
        firstKey = cs->accessKey;
        QVERIFY(firstKey.size() >= 32);
        QVERIFY(QFile::exists(dataDir.filePath(u"access-key"_s)));
        QCOMPARE(QFile(dataDir.filePath(u"access-key"_s)).permissions()
                     & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        relay.terminate();
        QVERIFY(relay.waitForFinished(5000));
        QCOMPARE(relay.exitStatus(), QProcess::NormalExit);
        QCOMPARE(relay.exitCode(), 0);
    }
    Started second;
    QProcess relay;
    QVERIFY(start(relay, args, &second));
    QCOMPARE(wr::ConnectionString::parse(second.connectionString)->accessKey, firstKey);
    relay.terminate();
    QVERIFY(relay.waitForFinished(5000));
}

void TestRelayProcess::refusesBadConfiguration_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("port not a number") << QStringList { u"--port"_s, u"http"_s } << u"http"_s;
    QTest::addRow("port out of range") << QStringList { u"--port"_s, u"70000"_s } << u"70000"_s;
    QTest::addRow("LAN without invite") << QStringList { u"--listen"_s, u"0.0.0.0"_s }
                                        << u"invite"_s;
    QTest::addRow("bad invite role") << QStringList { u"--invite"_s, u"boss=x"_s } << u"boss"_s;
    QTest::addRow("missing config file")
        << QStringList { u"--config"_s, u"/nonexistent/relay.conf"_s } << u"relay.conf"_s;
    QTest::addRow("unknown flag") << QStringList { u"--frobnicate"_s } << u"frobnicate"_s;
}

void TestRelayProcess::refusesBadConfiguration()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QProcess relay;
    relay.setProgram(QStringLiteral(WATCHROOM_RELAY_PATH));
    relay.setArguments(arguments);
    relay.start();
    QVERIFY(relay.waitForFinished(10000));
    QVERIFY(relay.exitCode() != 0);
    const QString err = QString::fromUtf8(relay.readAllStandardError());
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY(relay.readAllStandardOutput().isEmpty());
}

void TestRelayProcess::sigtermClosesClientsCleanly()
{
    QTemporaryDir dataDir;
    QProcess relay;
    Started started;
    QVERIFY(start(relay, { u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir.path() }, &started));
    const auto cs = wr::ConnectionString::parse(started.connectionString);
    QVERIFY(cs);
    QWebSocket client;
    QStringList frames;
    connect(&client, &QWebSocket::textMessageReceived, this,
            [&frames](const QString &f) { frames.append(f); });
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QString(wr::wps::kJsonReliableProtocol) });
    client.open(QNetworkRequest(wr::clientAccessFor(*cs, u"watchroom"_s, {}).url), options);
    QTRY_COMPARE(frames.size(), 1);
    QSignalSpy closed(&client, &QWebSocket::disconnected);
    ::kill(pid_t(relay.processId()), SIGTERM);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QVERIFY(frames.last().contains(u"disconnected"_s));
    QVERIFY(relay.waitForFinished(5000));
    QCOMPARE(relay.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestRelayProcess)
#include "tst_relayprocess.moc"
