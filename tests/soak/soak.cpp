// watchroom-soak: the relay under continuous churn (docs/reliability.md, "Load, soak and
// faults"). Starts the real watchroom-relay with a keeper in a temporary data directory and
// keeps N HubClients (the app's client code) busy for a while: each joins its team's board,
// sends cursors at 30 Hz, writes acked annotation ops (new, edited, deleted) and leaves after a
// random lifetime, when a new client takes its place. Every few seconds it prints one line of
// the relay's RSS, open descriptors and /metrics. At the end it checks that every acked op is in
// the relay's export, that nothing went wrong, and that RSS and descriptors stayed flat.
// Exit status 0 only when every check passed.
#include "hubclient.h"
#include "sessionmessages.h"
#include "soaksupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
namespace s = wr::session;

namespace {

const QString kAccessKey = u"soak-access-key-0123456789abcdef"_s;

struct Settings
{
    QString relay;
    int durationS = 600;
    int clients = 300;
    int teamSize = 10;
    int sampleS = 10;
    int lifeMinS = 20;
    int lifeMaxS = 120;
    int annotateMeanMs = 4000; // per client
    int idsPerBoard = 0; // > 0: ops edit and delete this many annotation ids per board
    int warmupS = 60;
    double rssTolerance = 0.15; // last third vs first third (median), relative …
    qint64 rssSlackKiB = 8192; // … or absolute, whichever is larger
    int fdSlack = 4; // descriptors above the baseline once every client has left
};

QElapsedTimer &clock()
{
    static QElapsedTimer timer;
    return timer;
}

double nowMs()
{
    return double(clock().nsecsElapsed()) / 1e6;
}

qint64 uniform(qint64 lo, qint64 hi)
{
    return lo + qint64(QRandomGenerator::global()->bounded(quint64(hi - lo + 1)));
}

// Everything the clients report, read by the sampler and the verdict.
struct Tally
{
    quint64 joins = 0;
    quint64 leaves = 0;
    quint64 cursorsSent = 0;
    quint64 cursorsReceived = 0;
    quint64 opsSent = 0;
    quint64 opsAcked = 0;
    quint64 opsReceived = 0;
    // errors
    quint64 unexpectedDrops = 0; // the connection went away while the client was not leaving
    quint64 failedAcks = 0;
    quint64 unackedAtLeave = 0;
    quint64 decodeErrors = 0;
    quint64 duplicates = 0; // the same annotation op (id, clock) delivered twice to one client
    quint64 joinFailures = 0;
    QStringList firstErrors;
    QList<double> cursorLatencyMs; // since the last sample

    quint64 errors() const
    {
        return unexpectedDrops + failedAcks + unackedAtLeave + decodeErrors + duplicates
            + joinFailures;
    }
    void note(const QString &what)
    {
        if (firstErrors.size() < 10)
            firstErrors.append(what);
    }
};

struct AckedOp
{
    s::HlcTimestamp clock;
    bool deleted = false;
};

// Last acked op per annotation id, per board.
using AckedOps = QHash<QString, QHash<QString, AckedOp>>;

class SoakClient : public QObject
{
    Q_OBJECT

public:
    SoakClient(const QString &board, const QString &userId, int lifetimeMs, int annotateMeanMs,
               int idsPerBoard, Tally *tally, AckedOps *acked, QObject *parent)
        : QObject(parent)
        , m_board(board)
        , m_userId(userId)
        , m_annotateMeanMs(annotateMeanMs)
        , m_idsPerBoard(idsPerBoard)
        , m_tally(tally)
        , m_acked(acked)
    {
        connect(&m_client, &wr::HubClient::connected, this, &SoakClient::onConnected);
        connect(&m_client, &wr::HubClient::stateChanged, this, &SoakClient::onState);
        connect(&m_client, &wr::HubClient::groupMessage, this, &SoakClient::onGroupMessage);
        connect(&m_client, &wr::HubClient::sendAcked, this, &SoakClient::onAcked);
        connect(&m_client, &wr::HubClient::sendFailed, this, &SoakClient::onFailed);
        m_cursorTimer.setTimerType(Qt::PreciseTimer);
        m_cursorTimer.setInterval(33);
        connect(&m_cursorTimer, &QTimer::timeout, this, &SoakClient::sendCursor);
        m_annotateTimer.setSingleShot(true);
        connect(&m_annotateTimer, &QTimer::timeout, this, &SoakClient::annotate);
        m_lifeTimer.setSingleShot(true);
        m_lifeTimer.setInterval(lifetimeMs);
        connect(&m_lifeTimer, &QTimer::timeout, this, &SoakClient::leave);
        m_drainTimer.setInterval(50);
        connect(&m_drainTimer, &QTimer::timeout, this, &SoakClient::checkDrained);
    }

    void start(const QUrl &url)
    {
        m_client.start(url);
        m_lifeTimer.start();
    }

    // Stops sending, waits (bounded) for the acks of what was sent, then closes cleanly.
    void leave()
    {
        if (m_leaving)
            return;
        m_leaving = true;
        m_lifeTimer.stop();
        m_cursorTimer.stop();
        m_annotateTimer.stop();
        m_drainStarted.start();
        m_drainTimer.start();
        checkDrained();
    }

    bool hasLeft() const { return m_left; }

Q_SIGNALS:
    void left();

private:
    void onConnected()
    {
        if (m_everConnected) {
            // A new connection after the first: the earlier one was lost (onState counted it).
            return;
        }
        m_everConnected = true;
        m_joinAcks.insert(m_client.joinGroup(s::presenceGroup(m_board)));
        m_joinAcks.insert(m_client.joinGroup(s::annotationsGroup(m_board)));
    }

    void onState(wr::HubClient::State state)
    {
        using State = wr::HubClient::State;
        if (m_leaving || !m_everConnected)
            return;
        if (state == State::Recovering || state == State::Reconnecting || state == State::Offline) {
            ++m_tally->unexpectedDrops;
            m_tally->note(u"%1: connection lost (%2 %3, %4)"_s.arg(
                m_userId, QString::number(m_client.lastCloseCode()), m_client.lastCloseReason(),
                m_client.lastError()));
        }
    }

    void onGroupMessage(const QString &group, const QString &, wr::wps::DataType,
                        const QJsonValue &data)
    {
        const s::DecodeResult decoded = s::decode(data);
        if (!decoded.ok()) {
            ++m_tally->decodeErrors;
            m_tally->note(
                u"%1: undecodable message on %2: %3"_s.arg(m_userId, group, decoded.error));
            return;
        }
        if (std::holds_alternative<s::Cursor>(*decoded.message)) {
            ++m_tally->cursorsReceived;
            const QJsonValue sent = data.toObject().value("sent"_L1);
            if (sent.isDouble())
                m_tally->cursorLatencyMs.append(nowMs() - sent.toDouble());
        } else if (const auto *op = std::get_if<s::AnnotationOp>(&*decoded.message)) {
            ++m_tally->opsReceived;
            const QString key = op->annotation.id + u'|' + op->annotation.clock.toString();
            if (m_seenOps.contains(key)) {
                ++m_tally->duplicates;
                m_tally->note(u"%1: op %2 delivered twice"_s.arg(m_userId, key));
            }
            m_seenOps.insert(key);
        }
    }

    void onAcked(quint64 ackId)
    {
        if (m_joinAcks.remove(ackId)) {
            if (m_joinAcks.isEmpty() && !m_leaving) {
                ++m_tally->joins;
                m_cursorTimer.start();
                scheduleAnnotation();
            }
            return;
        }
        const auto it = m_pendingOps.find(ackId);
        if (it == m_pendingOps.end())
            return;
        ++m_tally->opsAcked;
        AckedOp &last = (*m_acked)[m_board][it->second.id];
        if (last.clock.isNull() || last.clock < it->second.op.clock)
            last = it->second.op;
        m_pendingOps.erase(it);
    }

    void onFailed(quint64 ackId, const QString &errorName, const QString &message)
    {
        if (m_joinAcks.remove(ackId)) {
            ++m_tally->joinFailures;
            m_tally->note(u"%1: join failed: %2 %3"_s.arg(m_userId, errorName, message));
            return;
        }
        if (m_pendingOps.erase(ackId) == 0)
            return;
        if (errorName == "ClientStopped"_L1) {
            ++m_tally->unackedAtLeave;
            m_tally->note(u"%1: op still unacked when leaving"_s.arg(m_userId));
        } else {
            ++m_tally->failedAcks;
            m_tally->note(u"%1: op failed: %2 %3"_s.arg(m_userId, errorName, message));
        }
    }

    void sendCursor()
    {
        s::Cursor cursor;
        cursor.panel = u"cpu"_s;
        cursor.t = QDateTime::currentMSecsSinceEpoch();
        cursor.y = double(m_cursorCount++ % 100);
        QJsonObject data = s::encode(cursor);
        data.insert("sent"_L1, nowMs()); // unknown fields are ignored by every receiver
        if (m_client.sendToGroupFireAndForget(s::presenceGroup(m_board), data,
                                              wr::wps::DataType::Json, true))
            ++m_tally->cursorsSent;
    }

    void scheduleAnnotation()
    {
        m_annotateTimer.start(int(uniform(m_annotateMeanMs / 2, m_annotateMeanMs * 3 / 2)));
    }

    void annotate()
    {
        s::AnnotationOp op;
        const int dice = int(uniform(0, 9));
        if (m_idsPerBoard > 0) {
            // A bounded set of annotations per board that everyone edits and deletes.
            op.annotation.id = u"n%1"_s.arg(uniform(0, m_idsPerBoard - 1));
            if (dice < 2) {
                op.kind = s::AnnotationOp::Kind::Delete;
                op.annotation.deleted = true;
            } else {
                op.annotation.text = u"note %1 from %2"_s.arg(m_opCount).arg(m_userId);
            }
        } else if (!m_ownIds.isEmpty() && dice < 2) {
            op.annotation.id = m_ownIds.at(int(uniform(0, m_ownIds.size() - 1)));
            op.annotation.text = u"edited by %1"_s.arg(m_userId);
        } else if (!m_ownIds.isEmpty() && dice == 2) {
            op.kind = s::AnnotationOp::Kind::Delete;
            op.annotation.id = m_ownIds.takeAt(int(uniform(0, m_ownIds.size() - 1)));
            op.annotation.deleted = true;
        } else {
            op.annotation.id = u"%1-%2"_s.arg(m_userId).arg(m_opCount);
            op.annotation.text = u"note %1 from %2"_s.arg(m_opCount).arg(m_userId);
            m_ownIds.append(op.annotation.id);
        }
        const qint64 wall = QDateTime::currentMSecsSinceEpoch();
        op.annotation.t0 = wall - 60000;
        op.annotation.color = u"#f5a524"_s;
        op.annotation.tags = { u"soak"_s };
        op.annotation.clock = s::HlcTimestamp { wall, quint32(m_opCount), m_userId };
        ++m_opCount;
        const quint64 ackId = m_client.sendToGroup(s::annotationsGroup(m_board), s::encode(op));
        m_pendingOps.emplace(
            ackId,
            PendingOp { op.annotation.id, AckedOp { op.annotation.clock, op.annotation.deleted } });
        ++m_tally->opsSent;
        scheduleAnnotation();
    }

    void checkDrained()
    {
        // A client still connecting or joining finishes that first: stopping in the middle of
        // a handshake leaves the relay a session that looks dropped, kept for recovery.
        const bool drained = m_client.state() == wr::HubClient::State::Connected
            && m_joinAcks.isEmpty() && m_client.stats().outboxSize == 0;
        if (!drained && m_drainStarted.elapsed() < 10000)
            return;
        m_drainTimer.stop();
        m_client.stop();
        m_left = true;
        ++m_tally->leaves;
        Q_EMIT left();
    }

    QString m_board;
    QString m_userId;
    int m_annotateMeanMs;
    int m_idsPerBoard; // 0: every new annotation gets a new id
    Tally *m_tally;
    AckedOps *m_acked;
    wr::HubClient m_client;
    QTimer m_cursorTimer;
    QTimer m_annotateTimer;
    QTimer m_lifeTimer;
    QTimer m_drainTimer;
    QElapsedTimer m_drainStarted;
    QSet<quint64> m_joinAcks;
    struct PendingOp
    {
        QString id;
        AckedOp op;
    };
    std::map<quint64, PendingOp> m_pendingOps; // by ackId, waiting for the ack
    QStringList m_ownIds;
    QSet<QString> m_seenOps;
    quint64 m_cursorCount = 0;
    int m_opCount = 0;
    bool m_everConnected = false;
    bool m_leaving = false;
    bool m_left = false;
};

void say(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Runs the event loop until `done` holds or `timeoutMs` passed; returns `done()`.
template<class Predicate> bool waitUntil(Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

struct Sample
{
    double t = 0;
    qint64 rssKiB = 0;
    int fds = 0;
};

class SoakDriver : public QObject
{
public:
    explicit SoakDriver(Settings settings)
        : m_settings(std::move(settings))
    { }

    int run()
    {
        clock().start();
        QTemporaryDir dataDir;
        if (!dataDir.isValid()) {
            say(u"FAIL: no temporary directory"_s);
            return 2;
        }
        QString error;
        const QStringList args { u"--port"_s,
                                 u"0"_s,
                                 u"--data-dir"_s,
                                 dataDir.path(),
                                 u"--access-key"_s,
                                 kAccessKey,
                                 u"--host-sampler"_s,
                                 u"off"_s,
                                 u"--backfill-minutes"_s,
                                 u"0"_s };
        if (!m_relay.start(m_settings.relay, args, &error)) {
            say(u"FAIL: %1"_s.arg(error));
            return 2;
        }
        const int boards = (m_settings.clients + m_settings.teamSize - 1) / m_settings.teamSize;
        say(u"# watchroom-soak: relay %1 (pid %2, %3), %4 clients in %5 boards of %6, "
            "%7 s, lifetimes %8-%9 s, an annotation op every ~%10 ms per client (%11), "
            "cursors at 30 Hz"_s.arg(m_settings.relay)
                .arg(m_relay.pid())
                .arg(m_relay.baseUrl().toString())
                .arg(m_settings.clients)
                .arg(boards)
                .arg(m_settings.teamSize)
                .arg(m_settings.durationS)
                .arg(m_settings.lifeMinS)
                .arg(m_settings.lifeMaxS)
                .arg(m_settings.annotateMeanMs)
                .arg(m_settings.idsPerBoard > 0
                         ? u"puts and deletes on %1 ids per board"_s.arg(m_settings.idsPerBoard)
                         : u"new annotations, edits and deletes of one's own"_s));
        waitUntil([] { return false; }, 1000);
        m_baselineRss = wrsoak::rssKiB(m_relay.pid());
        m_baselineFds = wrsoak::openFds(m_relay.pid());
        say(u"# baseline: RSS %1 KiB, %2 open descriptors"_s.arg(m_baselineRss).arg(m_baselineFds));
        say(u"t_s,connections,rss_kib,fds,sessions,delivered_per_s,cursor_p50_ms,cursor_p99_ms,"
            "cursors_dropped_slow,joins,leaves,ops_acked,errors"_s);

        m_slots.resize(size_t(m_settings.clients));
        m_generation.assign(size_t(m_settings.clients), 0);
        const int rampMs = std::min(10000, m_settings.durationS * 1000 / 4);
        for (int slot = 0; slot < m_settings.clients; ++slot)
            QTimer::singleShot(slot * rampMs / m_settings.clients, this,
                               [this, slot] { spawn(slot); });
        m_startMs = nowMs();
        m_lastSampleMs = m_startMs;
        QTimer sampler;
        sampler.setInterval(m_settings.sampleS * 1000);
        connect(&sampler, &QTimer::timeout, this, [this] { sample(); });
        sampler.start();

        const bool ranThrough
            = waitUntil([this] { return !m_relay.isRunning(); }, m_settings.durationS * 1000);
        sampler.stop();
        if (ranThrough) {
            say(u"FAIL: the relay exited during the run: %1"_s.arg(
                QString::fromUtf8(m_relay.standardError().right(2000))));
            return 1;
        }
        m_ending = true;
        return finish();
    }

private:
    void spawn(int slot)
    {
        if (m_ending)
            return;
        const QString board = u"soak-%1"_s.arg(slot / m_settings.teamSize);
        const QString user = u"u%1-%2"_s.arg(slot).arg(m_generation[size_t(slot)]++);
        const int lifetime = int(uniform(m_settings.lifeMinS * 1000, m_settings.lifeMaxS * 1000));
        auto *client = new SoakClient(board, user, lifetime, m_settings.annotateMeanMs,
                                      m_settings.idsPerBoard, &m_tally, &m_acked, this);
        m_slots[size_t(slot)] = client;
        connect(client, &SoakClient::left, this, [this, client, slot] {
            client->deleteLater();
            if (!m_ending)
                QTimer::singleShot(int(uniform(0, 500)), this, [this, slot] { spawn(slot); });
        });
        client->start(wrsoak::clientUrl(m_relay.baseUrl(), kAccessKey, user,
                                        s::webPubSubRolesFor(u"annotator"_s, board)));
    }

    QHash<QByteArray, double> relayMetrics()
    {
        const auto reply = wrsoak::httpGet(m_relay.baseUrl().resolved(QUrl(u"metrics"_s)));
        if (reply.status != 200) {
            ++m_metricsFailures;
            return {};
        }
        return wrsoak::parseMetrics(reply.body);
    }

    static double sumPrefixed(const QHash<QByteArray, double> &metrics, const QByteArray &prefix)
    {
        double sum = 0;
        for (auto it = metrics.cbegin(); it != metrics.cend(); ++it) {
            if (it.key().startsWith(prefix))
                sum += it.value();
        }
        return sum;
    }

    void sample()
    {
        const double t = nowMs();
        Sample s;
        s.t = (t - m_startMs) / 1000.0;
        s.rssKiB = wrsoak::rssKiB(m_relay.pid());
        s.fds = wrsoak::openFds(m_relay.pid());
        const auto metrics = relayMetrics();
        const double delivered = metrics.value("watchroom_relay_messages_delivered_total");
        const double rate = (delivered - m_lastDelivered) / ((t - m_lastSampleMs) / 1000.0);
        m_lastDelivered = delivered;
        m_lastSampleMs = t;
        const QList<double> latencies = std::exchange(m_tally.cursorLatencyMs, {});
        m_samples.append(s);
        say(u"%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13"_s.arg(s.t, 0, 'f', 0)
                .arg(metrics.value("watchroom_relay_connections"))
                .arg(s.rssKiB)
                .arg(s.fds)
                .arg(metrics.value("watchroom_relay_sessions"))
                .arg(rate, 0, 'f', 0)
                .arg(wrsoak::median(latencies), 0, 'f', 2)
                .arg(wrsoak::percentile(latencies, 99), 0, 'f', 2)
                .arg(metrics.value(
                    "watchroom_relay_messages_dropped_total{reason=\"slow_consumer\"}"))
                .arg(m_tally.joins)
                .arg(m_tally.leaves)
                .arg(m_tally.opsAcked)
                .arg(m_tally.errors()));
    }

    int finish()
    {
        int failures = 0;
        const auto check = [&](bool ok, const QString &what) {
            say(u"%1: %2"_s.arg(ok ? u"ok"_s : u"FAIL"_s, what));
            if (!ok)
                ++failures;
        };

        // Everyone leaves (acks drained first), then the relay should be back where it began.
        for (const auto &client : m_slots) {
            if (client)
                client->leave();
        }
        const bool allLeft = waitUntil(
            [this] {
                return std::all_of(m_slots.begin(), m_slots.end(),
                                   [](const auto &c) { return !c || c->hasLeft(); });
            },
            30000);
        check(allLeft, u"every client left within 30 s"_s);
        QHash<QByteArray, double> metrics;
        QElapsedTimer drainClock;
        drainClock.start();
        const bool drained = waitUntil(
            [&] {
                metrics = relayMetrics();
                return metrics.value("watchroom_relay_connections", -1) == 0
                    && metrics.value("watchroom_relay_sessions", -1) == 0
                    && wrsoak::openFds(m_relay.pid()) <= m_baselineFds + m_settings.fdSlack;
            },
            75000);
        const int fdsAfter = wrsoak::openFds(m_relay.pid());
        const qint64 rssAfter = wrsoak::rssKiB(m_relay.pid());
        say(u"# %1 s after every client left: %2 open descriptors (baseline %3), RSS %4 KiB "
            "(baseline %5), connections %6, sessions %7"_s
                .arg(double(drainClock.elapsed()) / 1000.0, 0, 'f', 1)
                .arg(fdsAfter)
                .arg(m_baselineFds)
                .arg(rssAfter)
                .arg(m_baselineRss)
                .arg(metrics.value("watchroom_relay_connections", -1))
                .arg(metrics.value("watchroom_relay_sessions", -1)));
        check(drained,
              u"within 75 s: connections and sessions back to 0, descriptors back to the "
              "baseline (+%1)"_s.arg(m_settings.fdSlack));

        // Every acked op is in the relay's export (the keeper's state), at least as new as acked.
        quint64 lost = 0, checked = 0, exported = 0;
        QStringList lostExamples;
        for (auto board = m_acked.cbegin(); board != m_acked.cend(); ++board) {
            const auto reply = wrsoak::httpGet(
                m_relay.baseUrl().resolved(QUrl(u"api/boards/%1/annotations"_s.arg(board.key()))),
                wrsoak::adminToken(m_relay.baseUrl(), kAccessKey, board.key()), 30000);
            QHash<QString, s::Annotation> present;
            if (reply.status == 200) {
                const s::DecodeResult decoded
                    = s::decode(QJsonDocument::fromJson(reply.body).object());
                if (const auto *snapshot
                    = decoded.ok() ? std::get_if<s::Snapshot>(&*decoded.message) : nullptr) {
                    for (const auto &a : snapshot->annotations)
                        present.insert(a.id, a);
                }
            } else {
                say(u"FAIL: export of %1: HTTP %2 %3"_s.arg(board.key())
                        .arg(reply.status)
                        .arg(reply.error));
                ++failures;
            }
            exported += quint64(present.size());
            for (auto op = board->cbegin(); op != board->cend(); ++op) {
                ++checked;
                const auto it = present.constFind(op.key());
                const bool ok = it != present.cend()
                    && (op->clock < it->clock
                        || (op->clock == it->clock && op->deleted == it->deleted));
                if (!ok) {
                    ++lost;
                    if (lostExamples.size() < 5)
                        lostExamples.append(board.key() + u'/' + op.key());
                }
            }
        }
        check(lost == 0 && checked > 0,
              u"every acked annotation op is in the export: %1 ids checked (last acked op per "
              "id), %2 entries exported, %3 missing or older%4"_s.arg(checked)
                  .arg(exported)
                  .arg(lost)
                  .arg(lostExamples.isEmpty() ? QString()
                                              : u" (e.g. %1)"_s.arg(lostExamples.join(u", "_s))));

        // Errors, client side and relay side.
        const double relayMalformed = metrics.value("watchroom_relay_malformed_messages_total");
        const double relayFailedAcks = sumPrefixed(metrics, "watchroom_relay_failed_acks_total");
        const double relayOverflow
            = metrics.value("watchroom_relay_sessions_dropped_overflow_total");
        const double relayAuth = metrics.value("watchroom_relay_auth_failures_total");
        say(u"# clients: %1 joins, %2 leaves, %3 cursors sent, %4 received, %5 annotation ops "
            "sent, %6 acked, %7 received by peers"_s.arg(m_tally.joins)
                .arg(m_tally.leaves)
                .arg(m_tally.cursorsSent)
                .arg(m_tally.cursorsReceived)
                .arg(m_tally.opsSent)
                .arg(m_tally.opsAcked)
                .arg(m_tally.opsReceived));
        say(u"# relay: %1 messages delivered, %2 cursor frames dropped for slow consumers, "
            "%3 dropped while recovering"_s
                .arg(metrics.value("watchroom_relay_messages_delivered_total"), 0, 'f', 0)
                .arg(metrics.value(
                    "watchroom_relay_messages_dropped_total{reason=\"slow_consumer\"}"))
                .arg(metrics.value(
                    "watchroom_relay_messages_dropped_total{reason=\"recovering\"}")));
        const quint64 relayErrors
            = quint64(relayMalformed + relayFailedAcks + relayOverflow + relayAuth);
        check(m_tally.errors() == 0 && relayErrors == 0 && m_metricsFailures == 0,
              u"no errors: %1 unexpected drops, %2 failed acks, %3 ops unacked at leave, %4 "
              "decode errors, %5 duplicate deliveries, %6 failed joins; relay: %7 malformed, "
              "%8 failed acks, %9 sessions dropped on overflow, %10 auth failures; %11 failed "
              "/metrics requests"_s.arg(m_tally.unexpectedDrops)
                  .arg(m_tally.failedAcks)
                  .arg(m_tally.unackedAtLeave)
                  .arg(m_tally.decodeErrors)
                  .arg(m_tally.duplicates)
                  .arg(m_tally.joinFailures)
                  .arg(relayMalformed)
                  .arg(relayFailedAcks)
                  .arg(relayOverflow)
                  .arg(relayAuth)
                  .arg(m_metricsFailures));
        for (const QString &e : std::as_const(m_tally.firstErrors))
            say(u"#   %1"_s.arg(e));

        // Flat: after the warm-up, the median of the last third against the first third.
        QList<double> firstRss, lastRss, firstFds, lastFds;
        QList<Sample> steady;
        for (const Sample &s : std::as_const(m_samples)) {
            if (s.t >= m_settings.warmupS)
                steady.append(s);
        }
        const qsizetype third = steady.size() / 3;
        for (qsizetype i = 0; i < third; ++i) {
            firstRss.append(double(steady.at(i).rssKiB));
            firstFds.append(steady.at(i).fds);
            lastRss.append(double(steady.at(steady.size() - 1 - i).rssKiB));
            lastFds.append(steady.at(steady.size() - 1 - i).fds);
        }
        if (third == 0) {
            check(false,
                  u"RSS and descriptors flat: too few samples after the %1 s warm-up"_s.arg(
                      m_settings.warmupS));
        } else {
            const double rss1 = wrsoak::median(firstRss), rss3 = wrsoak::median(lastRss);
            const double allowed
                = std::max(m_settings.rssTolerance * rss1, double(m_settings.rssSlackKiB));
            check(rss3 - rss1 <= allowed,
                  u"RSS flat: median of the last third %1 KiB vs the first third %2 KiB after "
                  "the warm-up (%3 samples each; %4 KiB, %5 %); allowed growth %6 KiB"_s
                      .arg(rss3, 0, 'f', 0)
                      .arg(rss1, 0, 'f', 0)
                      .arg(third)
                      .arg(rss3 - rss1, 0, 'f', 0)
                      .arg(100 * (rss3 - rss1) / rss1, 0, 'f', 1)
                      .arg(allowed, 0, 'f', 0));
            const double fd1 = wrsoak::median(firstFds), fd3 = wrsoak::median(lastFds);
            const double fdAllowed = std::max(0.05 * fd1, 10.0);
            check(fd3 - fd1 <= fdAllowed,
                  u"descriptors flat: median of the last third %1 vs the first third %2 "
                  "(allowed growth %3)"_s.arg(fd3)
                      .arg(fd1)
                      .arg(fdAllowed, 0, 'f', 0));
        }
        check(m_relay.isRunning(), u"the relay is still running"_s);
        m_relay.terminate();
        say(failures == 0 ? u"VERDICT: PASS"_s
                          : u"VERDICT: FAIL (%1 checks failed)"_s.arg(failures));
        return failures == 0 ? 0 : 1;
    }

    Settings m_settings;
    wrsoak::RelayProcess m_relay;
    Tally m_tally;
    AckedOps m_acked;
    std::vector<QPointer<SoakClient>> m_slots;
    std::vector<int> m_generation;
    QList<Sample> m_samples;
    qint64 m_baselineRss = 0;
    int m_baselineFds = 0;
    double m_startMs = 0;
    double m_lastSampleMs = 0;
    double m_lastDelivered = 0;
    int m_metricsFailures = 0;
    bool m_ending = false;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Soak test of watchroom-relay: clients join, send cursors at 30 Hz, annotate and "
        "leave continuously; RSS, descriptors and /metrics are sampled; every acked "
        "annotation op must be in the relay's export at the end."_s);
    parser.addHelpOption();
    Settings d;
#ifdef WATCHROOM_RELAY_PATH
    d.relay = QStringLiteral(WATCHROOM_RELAY_PATH);
#endif
    const QCommandLineOption relay(u"relay"_s, u"watchroom-relay executable."_s, u"path"_s,
                                   d.relay);
    const QCommandLineOption duration(u"duration"_s, u"Seconds to run (default 600)."_s, u"s"_s,
                                      QString::number(d.durationS));
    const QCommandLineOption clients(u"clients"_s, u"Clients at a time (default 300)."_s, u"n"_s,
                                     QString::number(d.clients));
    const QCommandLineOption team(u"team-size"_s, u"Clients per board (default 10)."_s, u"n"_s,
                                  QString::number(d.teamSize));
    const QCommandLineOption sampleEvery(u"sample"_s, u"Seconds between samples (default 10)."_s,
                                         u"s"_s, QString::number(d.sampleS));
    const QCommandLineOption lifeMin(u"life-min"_s, u"Shortest client lifetime, s (20)."_s, u"s"_s,
                                     QString::number(d.lifeMinS));
    const QCommandLineOption lifeMax(u"life-max"_s, u"Longest client lifetime, s (120)."_s, u"s"_s,
                                     QString::number(d.lifeMaxS));
    const QCommandLineOption annotate(u"annotate-ms"_s,
                                      u"Mean ms between annotation ops per client (4000)."_s,
                                      u"ms"_s, QString::number(d.annotateMeanMs));
    const QCommandLineOption ids(u"ids-per-board"_s,
                                 u"Annotation ids per board that every op picks from; 0 (the "
                                 "default): every new annotation has a new id, so the data set "
                                 "grows."_s,
                                 u"n"_s, QString::number(d.idsPerBoard));
    const QCommandLineOption warmup(u"warmup"_s,
                                    u"Seconds of warm-up left out of the flatness check (60)."_s,
                                    u"s"_s, QString::number(d.warmupS));
    const QCommandLineOption rssTolerance(u"rss-tolerance"_s,
                                          u"Allowed RSS growth, relative (0.15)."_s, u"x"_s,
                                          QString::number(d.rssTolerance));
    parser.addOptions({ relay, duration, clients, team, sampleEvery, lifeMin, lifeMax, annotate,
                        ids, warmup, rssTolerance });
    parser.process(app);

    Settings settings = d;
    bool ok = true;
    const auto number = [&](const QCommandLineOption &option, int lo, int hi) {
        bool valid = false;
        const int value = parser.value(option).toInt(&valid);
        if (!valid || value < lo || value > hi) {
            say(u"--%1 must be an integer from %2 to %3"_s.arg(option.names().constFirst())
                    .arg(lo)
                    .arg(hi));
            ok = false;
        }
        return value;
    };
    settings.relay = parser.value(relay);
    settings.durationS = number(duration, 5, 86400);
    settings.clients = number(clients, 1, 5000);
    settings.teamSize = number(team, 1, 1000);
    settings.sampleS = number(sampleEvery, 1, 3600);
    settings.lifeMinS = number(lifeMin, 1, 86400);
    settings.lifeMaxS = number(lifeMax, 1, 86400);
    settings.annotateMeanMs = number(annotate, 10, 3600000);
    settings.idsPerBoard = number(ids, 0, 1000000);
    settings.warmupS = number(warmup, 0, 86400);
    bool validTolerance = false;
    settings.rssTolerance = parser.value(rssTolerance).toDouble(&validTolerance);
    if (!validTolerance || settings.rssTolerance < 0) {
        say(u"--rss-tolerance must be a non-negative number"_s);
        ok = false;
    }
    if (ok && settings.lifeMaxS < settings.lifeMinS) {
        say(u"--life-max must not be below --life-min"_s);
        ok = false;
    }
    if (ok && settings.relay.isEmpty()) {
        say(u"--relay is required (this build has no default)"_s);
        ok = false;
    }
    if (!ok)
        return 2;
    SoakDriver driver(settings);
    return driver.run();
}

#include "soak.moc"
