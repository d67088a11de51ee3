// Unit tests of wr::Session: two or three sessions wired back to back through an in-memory
// "hub" (Mesh) that stamps fromUserId, honours noEcho, acks acked sends, and can shuffle and
// duplicate deliveries. No network.
#include "annotationstore.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "session.h"
#include "webpubsub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using wr::Session;
using wr::SessionFrame;
using wr::SessionMode;
using wr::SessionOptions;
namespace s = wr::session;

namespace {

constexpr int kTimeoutMs = 5000;
const QString kBoard = u"ops"_s;

// An in-memory hub for sessions of one board. Every session "joins" the three groups.
class Mesh : public QObject
{
public:
    struct Delivery
    {
        int target; // session index
        QString group; // empty: a server message
        QString from;
        QJsonObject data;
    };

    // Automatic: deliveries go out from the event loop, in order. Manual: they wait for
    // flush(), which may shuffle and duplicate them.
    explicit Mesh(bool automatic = true)
        : m_automatic(automatic)
    { }

    Session *add(const QString &userId, SessionOptions options = {})
    {
        options.board = kBoard;
        if (!options.random)
            options.random = [](qint64) { return qint64(0); };
        auto session = std::make_unique<Session>(options);
        const int index = int(m_sessions.size());
        connect(session.get(), &Session::frameOut, this,
                [this, index](const SessionFrame &frame) { onFrame(index, frame); });
        m_sessions.push_back(std::move(session));
        m_users.append(userId);
        m_up.append(false);
        m_frames.append(QList<SessionFrame>());
        return m_sessions.back().get();
    }

    void up(int index)
    {
        m_up[index] = true;
        m_sessions[index]->transportUp(m_users[index], false);
    }
    void down(int index)
    {
        m_up[index] = false;
        m_sessions[index]->transportDown();
    }
    Session *at(int index) const { return m_sessions[size_t(index)].get(); }

    // Frames a session sent, by message type.
    int sentOfType(int index, const QString &type) const
    {
        return int(std::count_if(
            m_frames[index].cbegin(), m_frames[index].cend(),
            [&](const SessionFrame &f) { return f.data.value("type"_L1).toString() == type; }));
    }
    QList<SessionFrame> sent(int index) const { return m_frames[index]; }

    // Delivers everything queued, possibly shuffled and with duplicates, until nothing is left.
    void flush(QRandomGenerator *shuffle = nullptr, double duplicateRate = 0)
    {
        while (!m_queue.isEmpty()) {
            QList<Delivery> batch = std::exchange(m_queue, {});
            if (shuffle) {
                const qsizetype n = batch.size();
                for (qsizetype i = 0; i < n; ++i) {
                    if (shuffle->generateDouble() < duplicateRate)
                        batch.append(batch.at(i));
                }
                std::shuffle(batch.begin(), batch.end(), *shuffle);
            }
            for (const Delivery &d : std::as_const(batch))
                deliver(d);
        }
    }
    qsizetype queued() const { return m_queue.size(); }

    // Acked sends to the annotations group by this user are refused (a viewer).
    QSet<QString> viewers;

private:
    void onFrame(int index, const SessionFrame &frame)
    {
        m_frames[index].append(frame);
        if (!m_up[index]) {
            qWarning("a session sent while down");
            return;
        }
        const bool refused = frame.delivery == SessionFrame::Delivery::Acked
            && frame.group.endsWith(u".annotations"_s) && viewers.contains(m_users[index]);
        if (refused) {
            QTimer::singleShot(0, this, [this, index, token = frame.token] {
                m_sessions[index]->sendFailed(token, QString(wr::wps::AckError::Forbidden),
                                              u"no permission"_s);
            });
            return;
        }
        for (int j = 0; j < int(m_sessions.size()); ++j) {
            if ((j == index && frame.noEcho) || !m_up[j])
                continue;
            enqueue({ j, frame.group, m_users[index], frame.data });
        }
        if (frame.delivery == SessionFrame::Delivery::Acked) {
            QTimer::singleShot(0, this, [this, index, token = frame.token] {
                m_sessions[index]->sendAcked(token);
            });
        }
    }
    void enqueue(const Delivery &d)
    {
        m_queue.append(d);
        if (m_automatic && m_queue.size() == 1)
            QTimer::singleShot(0, this, [this] { flush(); });
    }
    void deliver(const Delivery &d)
    {
        if (!m_up[d.target])
            return;
        Session *target = m_sessions[size_t(d.target)].get();
        if (d.group.isEmpty())
            target->receiveServerMessage(d.data);
        else
            target->receiveGroupMessage(d.group, d.from, d.data);
    }

    bool m_automatic;
    std::vector<std::unique_ptr<Session>> m_sessions;
    QStringList m_users;
    QList<bool> m_up;
    QList<QList<SessionFrame>> m_frames;
    QList<Delivery> m_queue;
};

s::Annotation note(const QString &text, qint64 t0, std::optional<qint64> t1 = std::nullopt)
{
    s::Annotation a;
    a.text = text;
    a.t0 = t0;
    a.t1 = t1;
    a.tags = { u"deploy"_s };
    a.color = u"#f5a524"_s;
    return a;
}

QJsonObject opMessage(const QString &id, const QString &text, const QString &clock)
{
    s::Annotation a = note(text, 1000);
    a.id = id;
    a.clock = *s::HlcTimestamp::parse(clock);
    return s::encode(s::AnnotationOp { s::AnnotationOp::Kind::Put, a });
}

SessionOptions boardOptions()
{
    SessionOptions o;
    o.board = kBoard;
    return o;
}

// Visible annotations without the fields that legitimately differ between replicas (none).
QList<s::Annotation> visible(const Session *session)
{
    return session->annotations()->visible();
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void joinSendsHelloSyncRequestAndPresence();
    void helloIsAnsweredWithPresence();
    void presenceChangesAndHeartbeat();
    void byeRemovesThePeer();
    void cursorIsThrottledLatestWinsTrailingSent();
    void cursorLeavingSendsPanelNull();
    void cursorDroppedWhileDown();
    void threeSessionsConvergeUnderShuffleAndDuplicates();
    void lateJoinerGetsOneSnapshotInCloudMode();
    void relayModeLeavesTheAnswerToTheKeeper();
    void autoModeFollowsTheKeeperFlag();
    void viewerNeverAnswersAgainAfterForbidden();
    void annotationOpsOutsideTheAnnotationsGroupAreRejected();
    void badMessagesAreCountedAndDropped_data();
    void badMessagesAreCountedAndDropped();
    void offlineEditsAreSentOnReconnectAndSyncRepeats();
    void offlineEditsOfOneIdCoalesce();
    void refusedEditIsReportedNotRetried();
    void invalidLocalAnnotationIsRefused();
    void metricsReachTheStore();
    void stoppedSessionSendsNothing();
};

void TestSession::joinSendsHelloSyncRequestAndPresence()
{
    Mesh mesh;
    mesh.add(u"alice"_s);
    mesh.up(0);
    const QList<SessionFrame> frames = mesh.sent(0);
    QCOMPARE(frames.size(), 3);
    QCOMPARE(frames.at(0).data.value("type"_L1).toString(), u"hello"_s);
    QCOMPARE(frames.at(1).data.value("type"_L1).toString(), u"sync-request"_s);
    QCOMPARE(frames.at(2).data.value("type"_L1).toString(), u"presence"_s);
    for (const SessionFrame &f : frames) {
        QCOMPARE(f.group, u"ops.presence"_s);
        QVERIFY(f.noEcho);
        QVERIFY(f.delivery == SessionFrame::Delivery::FireAndForget);
    }
    QCOMPARE(mesh.at(0)->userId(), u"alice"_s);
    QCOMPARE(frames.at(0).data.value("name"_L1).toString(), u"alice"_s); // no name: the userId
}

void TestSession::helloIsAnsweredWithPresence()
{
    Mesh mesh;
    SessionOptions late;
    late.name = u"Bob"_s;
    mesh.add(u"alice"_s);
    mesh.add(u"bob"_s, late);
    mesh.up(0);
    mesh.up(1);
    const int alicePresenceBefore = mesh.sentOfType(0, u"presence"_s);
    QTRY_COMPARE_WITH_TIMEOUT(mesh.sentOfType(0, u"presence"_s), alicePresenceBefore + 1,
                              kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(mesh.at(1)->presence()->peer(u"alice"_s).has_value(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(mesh.at(0)->presence()->peer(u"bob"_s).has_value(), kTimeoutMs);
    QCOMPARE(mesh.at(0)->presence()->peer(u"bob"_s)->name, u"Bob"_s);
    // Own messages never make us our own peer.
    QVERIFY(!mesh.at(0)->presence()->peer(u"alice"_s));
}

void TestSession::presenceChangesAndHeartbeat()
{
    Mesh mesh;
    SessionOptions fast;
    fast.heartbeatInterval = 30ms;
    mesh.add(u"alice"_s, fast);
    mesh.add(u"bob"_s);
    mesh.up(0);
    mesh.up(1);
    Session *alice = mesh.at(0);
    const int before = mesh.sentOfType(0, u"presence"_s);
    alice->setState(s::PresenceState::Idle);
    QCOMPARE(mesh.sentOfType(0, u"presence"_s), before + 1);
    alice->setState(s::PresenceState::Idle); // no change, nothing sent
    QCOMPARE(mesh.sentOfType(0, u"presence"_s), before + 1);
    alice->setView(s::View { u"cpu"_s, 1000, std::nullopt });
    alice->setFollowable(false);
    QCOMPARE(mesh.sentOfType(0, u"presence"_s), before + 3);
    QTRY_VERIFY_WITH_TIMEOUT(mesh.at(1)->presence()->peer(u"alice"_s)
                                 && !mesh.at(1)->presence()->peer(u"alice"_s)->followable,
                             kTimeoutMs);
    const auto peer = *mesh.at(1)->presence()->peer(u"alice"_s);
    QCOMPARE(peer.state, s::PresenceState::Idle);
    QCOMPARE(peer.view, (s::View { u"cpu"_s, 1000, std::nullopt }));
    // Heartbeats keep going with nothing changing.
    QTRY_VERIFY_WITH_TIMEOUT(mesh.sentOfType(0, u"presence"_s) >= before + 6, kTimeoutMs);
}

void TestSession::byeRemovesThePeer()
{
    Mesh mesh;
    mesh.add(u"alice"_s);
    mesh.add(u"bob"_s);
    mesh.up(0);
    mesh.up(1);
    QTRY_VERIFY_WITH_TIMEOUT(mesh.at(1)->presence()->peer(u"alice"_s).has_value(), kTimeoutMs);
    QSignalSpy left(mesh.at(1)->presence(), &wr::PresenceModel::peerLeft);
    mesh.at(0)->stop();
    QCOMPARE(mesh.sentOfType(0, u"bye"_s), 1);
    QTRY_COMPARE_WITH_TIMEOUT(left.size(), 1, kTimeoutMs);
    QVERIFY(!mesh.at(1)->presence()->peer(u"alice"_s));
}

void TestSession::cursorIsThrottledLatestWinsTrailingSent()
{
    // ≤ 30 Hz by default.
    QVERIFY(SessionOptions {}.cursorInterval.count() * 30 >= 1000);

    qint64 now = 1000;
    SessionOptions options;
    options.cursorInterval = 40ms;
    options.monotonicClock = [&now] { return now; };
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s, options);
    mesh.add(u"bob"_s);
    mesh.up(0);
    mesh.up(1);
    Session *bob = mesh.at(1);
    QSignalSpy moved(bob->presence(), &wr::PresenceModel::cursorMoved);

    // A burst within one interval (the clock does not move): the first goes out at once, the
    // last one after the interval, everything between is replaced.
    for (int i = 0; i < 100; ++i)
        alice->moveCursor(u"cpu"_s, 5000 + i, double(i));
    QCOMPARE(mesh.sentOfType(0, u"cursor"_s), 1);
    QTRY_COMPARE_WITH_TIMEOUT(mesh.sentOfType(0, u"cursor"_s), 2, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(moved.size(), 2, kTimeoutMs);
    QCOMPARE(bob->presence()->peer(u"alice"_s)->cursor, (s::Cursor { u"cpu"_s, 5099, 99.0 }));
    QCOMPARE(alice->stats().cursorsSent, quint64(2));
    QCOMPARE(alice->stats().cursorsCoalesced, quint64(98));

    // Not moved: nothing is sent.
    now += 1000;
    alice->moveCursor(u"cpu"_s, 5099, 99.0);
    QCOMPARE(mesh.sentOfType(0, u"cursor"_s), 2);

    // After a quiet interval a move goes out at once.
    alice->moveCursor(u"cpu"_s, 6000, 1.0);
    QCOMPARE(mesh.sentOfType(0, u"cursor"_s), 3);

    // Moving away and back within the interval: nothing moved, nothing trails.
    alice->moveCursor(u"cpu"_s, 6001, 2.0);
    alice->moveCursor(u"cpu"_s, 6000, 1.0);
    QCOMPARE(mesh.sentOfType(0, u"cursor"_s), 3);
    QVERIFY(mesh.sent(0).last().noEcho);
}

void TestSession::cursorLeavingSendsPanelNull()
{
    qint64 now = 0;
    SessionOptions options;
    options.monotonicClock = [&now] { return now; };
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s, options);
    mesh.add(u"bob"_s);
    mesh.up(0);
    mesh.up(1);
    alice->moveCursor(u"cpu"_s, 10, 1);
    alice->leaveCursor(); // within the interval: trails
    QTRY_COMPARE_WITH_TIMEOUT(mesh.sentOfType(0, u"cursor"_s), 2, kTimeoutMs);
    const QJsonObject last = mesh.sent(0).last().data;
    QVERIFY(last.contains("panel"_L1));
    QVERIFY(last.value("panel"_L1).isNull());
    QTRY_VERIFY_WITH_TIMEOUT(mesh.at(1)->presence()->peer(u"alice"_s)
                                 && mesh.at(1)->presence()->peer(u"alice"_s)->cursor
                                 && !mesh.at(1)->presence()->peer(u"alice"_s)->cursor->panel,
                             kTimeoutMs);
}

void TestSession::cursorDroppedWhileDown()
{
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s);
    alice->moveCursor(u"cpu"_s, 10, 1);
    QCOMPARE(mesh.sent(0).size(), 0);
    mesh.up(0);
    mesh.down(0);
    const qsizetype before = mesh.sent(0).size();
    alice->moveCursor(u"cpu"_s, 11, 1);
    QCOMPARE(mesh.sent(0).size(), before);
}

void TestSession::threeSessionsConvergeUnderShuffleAndDuplicates()
{
    Mesh mesh(false);
    for (const QString &user : { u"alice"_s, u"bob"_s, u"carol"_s })
        mesh.add(user);
    for (int i = 0; i < 3; ++i)
        mesh.up(i);
    QRandomGenerator random(20261206);
    QStringList ids;
    for (int round = 0; round < 300; ++round) {
        Session *writer = mesh.at(int(random.bounded(3)));
        const int action = int(random.bounded(10));
        if (action < 5 || ids.isEmpty()) {
            const QString id = writer->putAnnotation(note(u"n%1"_s.arg(round), round * 10));
            QVERIFY(!id.isEmpty());
            ids.append(id);
        } else if (action < 8) {
            s::Annotation edit = note(u"edit %1"_s.arg(round), round * 10, round * 10 + 5);
            edit.id = ids.at(random.bounded(int(ids.size())));
            QVERIFY(!writer->putAnnotation(edit).isEmpty());
        } else {
            writer->removeAnnotation(ids.at(random.bounded(int(ids.size()))));
        }
        if (random.bounded(8) == 0)
            mesh.flush(&random, 0.3); // partial exchange: concurrent edits in between
    }
    mesh.flush(&random, 0.3);
    QTRY_VERIFY_WITH_TIMEOUT(mesh.at(0)->stats().pendingLocalOps == 0
                                 && mesh.at(1)->stats().pendingLocalOps == 0
                                 && mesh.at(2)->stats().pendingLocalOps == 0,
                             kTimeoutMs);
    const s::Snapshot reference = mesh.at(0)->annotations()->snapshot();
    QVERIFY(reference.annotations.size() > 50);
    QCOMPARE(mesh.at(1)->annotations()->snapshot(), reference);
    QCOMPARE(mesh.at(2)->annotations()->snapshot(), reference);
    QCOMPARE(visible(mesh.at(1)), visible(mesh.at(0)));
    QCOMPARE(mesh.at(0)->stats().malformed + mesh.at(0)->stats().wrongGroup, quint64(0));
}

void TestSession::lateJoinerGetsOneSnapshotInCloudMode()
{
    SessionOptions quick;
    quick.mode = SessionMode::Cloud;
    quick.snapshotAnswerMaxDelay = 0ms; // answers at once
    SessionOptions slow = quick;
    slow.snapshotAnswerMaxDelay = 10s;
    slow.random = [](qint64 bound) { return bound; }; // … but only after 10 s
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s, quick);
    Session *bob = mesh.add(u"bob"_s, slow);
    SessionOptions joiner;
    joiner.mode = SessionMode::Cloud;
    Session *carol = mesh.add(u"carol"_s, joiner);
    mesh.up(0);
    mesh.up(1);
    for (int i = 0; i < 40; ++i)
        alice->putAnnotation(note(u"note %1 "_s.arg(i) + QString(1500, u'x'), i));
    QTRY_COMPARE_WITH_TIMEOUT(bob->annotations()->rowCount(), 40, kTimeoutMs);
    QVERIFY(bob->removeAnnotation(alice->annotations()->visible().first().id));
    QTRY_COMPARE_WITH_TIMEOUT(bob->annotations()->rowCount(), 39, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice->annotations()->rowCount(), 39, kTimeoutMs);

    QSignalSpy answered(alice, &Session::snapshotAnswered);
    const quint64 aliceSent = alice->stats().snapshotsSent;
    mesh.up(2);
    QTRY_COMPARE_WITH_TIMEOUT(carol->annotations()->snapshot(), alice->annotations()->snapshot(),
                              kTimeoutMs);
    QCOMPARE(answered.size(), 1);
    QVERIFY(answered.first().first().toInt() > 1); // 40 × 1.5 kB does not fit in 64 KiB
    QTRY_COMPARE_WITH_TIMEOUT(bob->stats().snapshotsSuppressed, quint64(1), kTimeoutMs);
    QCOMPARE(bob->stats().snapshotsSent, quint64(0));
    QCOMPARE(alice->stats().snapshotsSent, aliceSent + 1);
    // The joiner had nothing to offer and did not answer.
    QCOMPARE(carol->stats().snapshotsSent, quint64(0));
    QCOMPARE(mesh.sentOfType(2, u"snapshot"_s), 0);
    // The tombstone travelled too.
    QCOMPARE(carol->annotations()->rowCount(), 39);
}

void TestSession::relayModeLeavesTheAnswerToTheKeeper()
{
    SessionOptions relay;
    relay.mode = SessionMode::Relay;
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s, relay);
    Session *bob = mesh.add(u"bob"_s, relay);
    mesh.up(0);
    alice->putAnnotation(note(u"kept"_s, 1));
    QSignalSpy requested(alice, &Session::syncRequested);
    mesh.up(1);
    QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 1, kTimeoutMs);
    QCOMPARE(requested.first().first().toString(), u"bob"_s);
    // The answer decision is taken when the request arrives: no answer is scheduled.
    QTRY_COMPARE_WITH_TIMEOUT(mesh.queued(), 0, kTimeoutMs);
    QCOMPARE(mesh.sentOfType(0, u"snapshot"_s), 0);
    QCOMPARE(bob->annotations()->rowCount(), 0);
    // The keeper answers with a server message.
    bob->receiveServerMessage(s::encode(alice->annotations()->snapshot()));
    QCOMPARE(bob->annotations()->snapshot(), alice->annotations()->snapshot());
    QCOMPARE(bob->stats().snapshotsReceived, quint64(1));
}

void TestSession::autoModeFollowsTheKeeperFlag()
{
    Session session;
    QCOMPARE(session.mode(), SessionMode::Auto);
    QCOMPARE(session.effectiveMode(), SessionMode::Cloud); // unknown service
    session.setKeeperPresent(true);
    QCOMPARE(session.effectiveMode(), SessionMode::Relay);
    session.setKeeperPresent(false);
    QCOMPARE(session.effectiveMode(), SessionMode::Cloud);
    SessionOptions cloud;
    cloud.mode = SessionMode::Cloud;
    Session forced(cloud);
    forced.setKeeperPresent(true);
    QCOMPARE(forced.effectiveMode(), SessionMode::Cloud);
}

void TestSession::viewerNeverAnswersAgainAfterForbidden()
{
    SessionOptions cloud;
    cloud.mode = SessionMode::Cloud;
    Mesh mesh;
    Session *viewer = mesh.add(u"viewer"_s, cloud);
    mesh.add(u"late"_s, cloud);
    mesh.add(u"later"_s, cloud);
    mesh.viewers.insert(u"viewer"_s);
    mesh.up(0);
    // State from a snapshot (as a keeper would send it).
    s::Annotation a = note(u"x"_s, 1);
    a.id = u"a1"_s;
    a.clock = *s::HlcTimestamp::parse(u"100:0:admin"_s);
    a.author = u"admin"_s;
    viewer->receiveServerMessage(s::encode(s::Snapshot { { a } }));
    QCOMPARE(viewer->annotations()->rowCount(), 1);
    mesh.up(1);
    QTRY_COMPARE_WITH_TIMEOUT(viewer->stats().sendFailures, quint64(1), kTimeoutMs);
    QSignalSpy requested(viewer, &Session::syncRequested);
    mesh.up(2);
    QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(mesh.queued(), 0, kTimeoutMs);
    QCOMPARE(mesh.sentOfType(0, u"snapshot"_s), 1); // only the first, refused, attempt
}

void TestSession::annotationOpsOutsideTheAnnotationsGroupAreRejected()
{
    Session session(boardOptions());
    session.transportUp(u"me"_s);
    QSignalSpy rejected(&session, &Session::messageRejected);
    const QJsonObject op = opMessage(u"evil"_s, u"forged"_s, u"5:0:mallory"_s);
    session.receiveGroupMessage(u"ops.presence"_s, u"mallory"_s, op);
    session.receiveGroupMessage(u"ops.metrics"_s, u"mallory"_s, op);
    s::Annotation evil = note(u"forged"_s, 1);
    evil.id = u"evil"_s;
    evil.clock = *s::HlcTimestamp::parse(u"5:0:mallory"_s);
    session.receiveGroupMessage(u"ops.presence"_s, u"mallory"_s,
                                s::encode(s::Snapshot { { evil } }));
    QCOMPARE(session.stats().wrongGroup, quint64(3));
    QCOMPARE(rejected.size(), 3);
    QCOMPARE(session.annotations()->snapshot().annotations.size(), 0);
    // A presence message on the annotations group is just as wrong.
    session.receiveGroupMessage(u"ops.annotations"_s, u"mallory"_s,
                                s::encode(s::Cursor { u"p"_s, 1, 2 }));
    QCOMPARE(session.stats().wrongGroup, quint64(4));
    QVERIFY(!session.presence()->peer(u"mallory"_s));
    // Another board's group is not ours at all.
    session.receiveGroupMessage(u"other.annotations"_s, u"mallory"_s, op);
    QCOMPARE(session.stats().foreignGroup, quint64(1));
    QCOMPARE(session.annotations()->rowCount(), 0);

    // The right group and the server are accepted.
    session.receiveGroupMessage(u"ops.annotations"_s, u"bob"_s, op);
    session.receiveServerMessage(opMessage(u"kept"_s, u"by keeper"_s, u"6:0:keeper"_s));
    QCOMPARE(session.annotations()->rowCount(), 2);
    QCOMPARE(session.annotations()->annotation(u"evil"_s)->author, u"bob"_s);
    QCOMPARE(session.stats().received, quint64(2));
}

void TestSession::badMessagesAreCountedAndDropped_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<bool>("isJson");
    QTest::addColumn<QString>("counter");

    QTest::addRow("text data") << u"ops.presence"_s << QJsonValue(u"hello"_s) << false
                               << u"malformed"_s;
    QTest::addRow("json array") << u"ops.annotations"_s << QJsonValue(QJsonArray { 1, 2 }) << true
                                << u"malformed"_s;
    QTest::addRow("unknown type") << u"ops.presence"_s
                                  << QJsonValue(
                                         QJsonObject { { u"type"_s, u"dance"_s }, { u"v"_s, 1 } })
                                  << true << u"malformed"_s;
    QTest::addRow("annotation without clock")
        << u"ops.annotations"_s
        << QJsonValue(QJsonObject { { u"type"_s, u"annotation"_s },
                                    { u"v"_s, 1 },
                                    { u"op"_s, u"put"_s },
                                    { u"id"_s, u"x"_s },
                                    { u"t0"_s, 1 },
                                    { u"text"_s, u"t"_s } })
        << true << u"malformed"_s;
    QJsonObject longText = opMessage(u"x"_s, QString(2001, u'a'), u"1:0:bob"_s);
    QTest::addRow("text over 2000")
        << u"ops.annotations"_s << QJsonValue(longText) << true << u"malformed"_s;
    QJsonObject huge = s::encode(s::Cursor { u"cpu"_s, 1, 1 });
    huge.insert(u"padding"_s, QString(70 * 1024, u'p')); // unknown field, but too big
    QTest::addRow("cursor over 64 KiB")
        << u"ops.presence"_s << QJsonValue(huge) << true << u"oversized"_s;
    QJsonObject bigOp = opMessage(u"x"_s, u"t"_s, u"1:0:bob"_s);
    bigOp.insert(u"extra"_s, QString(65 * 1024, u'e'));
    QTest::addRow("annotation over 64 KiB")
        << u"ops.annotations"_s << QJsonValue(bigOp) << true << u"oversized"_s;
    QTest::addRow("metrics with bad points")
        << u"ops.metrics"_s
        << QJsonValue(QJsonDocument::fromJson(
                          R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[1]]}]})")
                          .object())
        << true << u"malformed"_s;
}

void TestSession::badMessagesAreCountedAndDropped()
{
    QFETCH(QString, group);
    QFETCH(QJsonValue, data);
    QFETCH(bool, isJson);
    QFETCH(QString, counter);

    Session session(boardOptions());
    session.transportUp(u"me"_s);
    QSignalSpy rejected(&session, &Session::messageRejected);
    session.receiveGroupMessage(group, u"mallory"_s, data, isJson);
    session.receiveServerMessage(data, isJson);
    const wr::SessionStats st = session.stats();
    const quint64 count = counter == "malformed"_L1 ? st.malformed : st.oversized;
    QCOMPARE(count, quint64(2));
    QCOMPARE(st.received, quint64(0));
    QCOMPARE(rejected.size(), 2);
    QVERIFY(!rejected.first().at(2).toString().isEmpty()); // a reason for the log
    QCOMPARE(session.annotations()->snapshot().annotations.size(), 0);
    QCOMPARE(session.metrics()->seriesIds().size(), 0);
    QVERIFY(!session.presence()->peer(u"mallory"_s));

    // Still working afterwards.
    session.receiveGroupMessage(u"ops.annotations"_s, u"bob"_s,
                                opMessage(u"ok"_s, u"fine"_s, u"1:0:bob"_s));
    QCOMPARE(session.annotations()->rowCount(), 1);
}

void TestSession::offlineEditsAreSentOnReconnectAndSyncRepeats()
{
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s);
    Session *bob = mesh.add(u"bob"_s);
    mesh.up(0);
    mesh.up(1);
    const QString shared = alice->putAnnotation(note(u"shared"_s, 1));
    QTRY_VERIFY_WITH_TIMEOUT(bob->annotations()->annotation(shared).has_value(), kTimeoutMs);

    mesh.down(0);
    QVERIFY(!alice->isUp());
    const QString offline = alice->putAnnotation(note(u"made offline"_s, 2));
    QVERIFY(alice->removeAnnotation(shared));
    const QString online = bob->putAnnotation(note(u"made meanwhile"_s, 3));
    QCOMPARE(alice->stats().pendingLocalOps, 2);
    QCOMPARE(alice->pendingAnnotationIds().size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(mesh.queued(), 0, kTimeoutMs);
    QVERIFY(!bob->annotations()->annotation(offline));

    // Back: bob's edit arrives through the snapshot bob sends in answer to the new
    // sync-request; alice's through her pending ops.
    QSignalSpy acked(alice, &Session::localEditAcked);
    mesh.up(0);
    QCOMPARE(mesh.sentOfType(0, u"sync-request"_s), 2);
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 2, kTimeoutMs);
    QCOMPARE(alice->stats().pendingLocalOps, 0);
    QTRY_COMPARE_WITH_TIMEOUT(bob->annotations()->snapshot(), alice->annotations()->snapshot(),
                              kTimeoutMs);
    QVERIFY(alice->annotations()->annotation(online));
    QVERIFY(bob->annotations()->annotation(offline));
    QVERIFY(!bob->annotations()->annotation(shared));
}

void TestSession::offlineEditsOfOneIdCoalesce()
{
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s);
    mesh.add(u"bob"_s);
    const QString id = alice->putAnnotation(note(u"v1"_s, 1)); // never connected yet
    s::Annotation v2 = note(u"v2"_s, 1);
    v2.id = id;
    alice->putAnnotation(v2);
    QCOMPARE(alice->stats().pendingLocalOps, 1);
    mesh.up(1);
    mesh.up(0);
    QCOMPARE(mesh.sentOfType(0, u"annotation"_s), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        mesh.at(1)->annotations()->annotation(id).value_or(s::Annotation {}).text, u"v2"_s,
        kTimeoutMs);
}

void TestSession::refusedEditIsReportedNotRetried()
{
    Mesh mesh;
    Session *viewer = mesh.add(u"viewer"_s);
    mesh.viewers.insert(u"viewer"_s);
    mesh.up(0);
    QSignalSpy failed(viewer, &Session::localEditFailed);
    const QString id = viewer->putAnnotation(note(u"not allowed"_s, 1));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(failed.first().at(1).toString(), u"Forbidden"_s);
    QCOMPARE(viewer->stats().pendingLocalOps, 0);
    mesh.down(0);
    mesh.up(0);
    QCOMPARE(mesh.sentOfType(0, u"annotation"_s), 1);
}

void TestSession::invalidLocalAnnotationIsRefused()
{
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s);
    mesh.up(0);
    const qsizetype before = mesh.sent(0).size();
    QString error;
    QVERIFY(alice->putAnnotation(note(QString(2001, u'x'), 1), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    s::Annotation tags = note(u"t"_s, 1);
    tags.tags = QStringList(17, u"x"_s);
    QVERIFY(alice->putAnnotation(tags, &error).isEmpty());
    QVERIFY(alice->putAnnotation(note(u"backwards"_s, 100, 50), &error).isEmpty());
    QVERIFY(error.contains(u"t1"_s));
    QCOMPARE(mesh.sent(0).size(), before);
    QCOMPARE(alice->annotations()->snapshot().annotations.size(), 0);
    QVERIFY(!alice->removeAnnotation(u"unknown"_s));
}

void TestSession::metricsReachTheStore()
{
    Mesh mesh;
    Session *source = mesh.add(u"source"_s);
    Session *viewer = mesh.add(u"viewer"_s);
    mesh.up(0);
    mesh.up(1);
    s::MetricsFrame frame;
    frame.source = u"test"_s;
    s::MetricSeries series;
    series.id = u"host/cpu"_s;
    series.name = u"CPU"_s;
    series.unit = u"%"_s;
    series.points = { { 1000, 1.0 }, { 2000, qQNaN() }, { 3000, 3.0 } };
    frame.series = { series };
    QCOMPARE(source->publishMetrics(frame), quint64(0));
    QTRY_COMPARE_WITH_TIMEOUT(viewer->metrics()->size(u"host/cpu"_s), 3, kTimeoutMs);
    QCOMPARE(viewer->metrics()->info(u"host/cpu"_s)->unit, u"%"_s);
    QCOMPARE(viewer->stats().metricPoints, quint64(3));
    QVERIFY(viewer->metrics()->samples(u"host/cpu"_s, 0, 5000).at(1).isGap());

    QSignalSpy acked(source, &Session::metricsAcked);
    const quint64 token = source->publishMetrics(frame, true);
    QVERIFY(token != 0);
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, kTimeoutMs);
    QCOMPARE(acked.first().first().toULongLong(), token);

    // Metrics on the presence group are not metrics.
    viewer->receiveGroupMessage(u"ops.presence"_s, u"x"_s, s::encode(frame));
    QCOMPARE(viewer->stats().wrongGroup, quint64(1));
}

void TestSession::stoppedSessionSendsNothing()
{
    Mesh mesh;
    Session *alice = mesh.add(u"alice"_s);
    mesh.up(0);
    alice->stop();
    alice->stop();
    const qsizetype sent = mesh.sent(0).size();
    alice->moveCursor(u"cpu"_s, 1, 1);
    alice->setState(s::PresenceState::Away);
    alice->transportUp(u"alice"_s);
    QCOMPARE(mesh.sent(0).size(), sent);
    QCOMPARE(mesh.sentOfType(0, u"bye"_s), 1);
    QVERIFY(alice->isStopped());
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
