#pragma once

#include "groupset.h"
#include "precisewakeup.h"
#include "ratelimit.h"
#include "webpubsub.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QWebSocket>

namespace wr {

// An un-acked message kept for a recovery. It shares the encoded payload with every other
// recipient: keeping a session's un-acked messages costs a reference, not a copy.
struct ReplayEntry
{
    quint64 sequenceId = 0;
    QByteArray tail;
};

} // namespace wr

Q_DECLARE_TYPEINFO(wr::ReplayEntry, Q_RELOCATABLE_TYPE);

namespace wr {

struct RelayMetrics;

// Web PubSub permissions of one connection: from the token's roles at connect time, changed
// at run time by the REST permission API (reference §7).
class Permissions
{
public:
    enum class Kind { SendToGroup, JoinLeaveGroup };

    static Permissions fromRoles(const QStringList &roles);

    bool allows(Kind kind, const QString &group) const;
    // REST semantics: no target = any group.
    void grant(Kind kind, const QString &target);
    void revoke(Kind kind, const QString &target);
    bool has(Kind kind, const QString &target) const;

private:
    struct Entry
    {
        bool any = false;
        QSet<QString> groups;
    };
    Entry &entry(Kind kind) { return kind == Kind::SendToGroup ? m_send : m_joinLeave; }
    const Entry &entry(Kind kind) const { return kind == Kind::SendToGroup ? m_send : m_joinLeave; }
    Entry m_send;
    Entry m_joinLeave;
};

struct SessionLimits
{
    int bufferMessages = 1000;
    qint64 bufferBytes = 16 * 1024 * 1024;
    qint64 maxPendingSendBytes = 64 * 1024; // queued above this: fire-and-forget is dropped
    int retentionSeconds = 60;
    qint64 maxFrameBytes = 1024 * 1024;
    // What a client may send (0: unlimited), as token buckets holding two seconds' worth (the
    // byte bucket at least one maxFrameBytes frame). Loopback clients are exempt unless
    // limitLoopback is set.
    int messagesPerSecond = 0;
    qint64 bytesPerSecond = 0;
    bool limitLoopback = false;
};

class ClientConnection;

// Coalesces the frames of one event-loop pass: a connection appends every frame it is given to
// its own pending buffer and asks the batcher for a flush, which runs once after all sockets
// that were readable in this pass have been handled. A recipient then costs one write() per
// pass instead of one per message, and its socket's write notifier stays off unless the
// kernel buffer is full.
// Under load a pass often holds a single incoming message (one readable socket), so passes are
// also paced: a flush less than kMinFlushIntervalNs after the previous one waits for the rest of
// that interval, to the microsecond where the platform allows (PreciseWakeup), and every
// recipient then takes the frames of several passes in one write(). No frame waits longer than
// the interval; an idle relay flushes at once, so a lone message is not delayed.
class FrameBatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kMinFlushIntervalNs = 1'000'000;

    explicit FrameBatcher(QObject *parent = nullptr);
    void schedule(ClientConnection *connection);
    void cancel(ClientConnection *connection);
    void flush();

private:
    void flushNow();

    QList<ClientConnection *> m_dirty;
    QList<ClientConnection *> m_flushing;
    bool m_posted = false;
    QElapsedTimer m_sinceFlush;
    PreciseWakeup m_paced;
};

// `reason` cut to what a close frame can carry (123 bytes of UTF-8).
QString closeReasonFitted(const QString &reason);

// Closes a WebSocket that no session owns any more (1008/1001 with a reason) and makes sure it
// is freed: on disconnected(), after a 2 s grace period at the latest, or with `owner`.
void closeAndDispose(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason,
                     QObject *owner);

// One client session. For reliable protocols it outlives its WebSocket: after a drop it keeps
// its sequence numbers, groups and un-acked messages for the retention time so the client can
// recover into it.
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    // `batcher` may be null: every frame is then handed to the socket at once.
    ClientConnection(QString id, QString hubKey, QString userId, bool reliable,
                     Permissions permissions, const SessionLimits &limits, RelayMetrics *metrics,
                     FrameBatcher *batcher, QObject *parent = nullptr);
    ~ClientConnection() override;

    const QString &id() const { return m_id; }
    const QString &hubKey() const { return m_hubKey; }
    const QString &userId() const { return m_userId; }
    bool isReliable() const { return m_reliable; }
    const QString &reconnectionToken() const { return m_reconnectionToken; }
    QString rotateReconnectionToken();

    Permissions &permissions() { return m_permissions; }
    const Permissions &permissions() const { return m_permissions; }
    GroupSet &groups() { return m_groups; }
    const GroupSet &groups() const { return m_groups; }

    // Socket ownership: attach takes the socket; detach hands it back (scheduled for deletion).
    void attach(QWebSocket *socket, QTcpSocket *transport);
    QWebSocket *socket() const { return m_socket; }
    bool isAttached() const { return m_socket != nullptr; }
    void detach();

    // A data message. Droppable (fire-and-forget) messages are skipped for a reader that is
    // behind or a session that is detached; they never get a sequence id, so the reliable
    // stream stays gapless. Returns false when the session overflowed and was dropped.
    bool deliver(const wps::EncodedData &data, bool droppable);
    // Control frames (ack, pong, system): not sequenced, only sent while attached.
    void sendControl(const QByteArray &json);
    void acknowledge(quint64 sequenceId);
    // Sends `connected` and replays the un-acked messages in order (after a recovery).
    void replayBuffered();

    qsizetype bufferedCount() const { return m_acked.size() + m_fireAndForget.size(); }
    qint64 pendingSendBytes() const;

    // Applies the sending limits of `limits` (or none) to this connection's next frames.
    void setRateLimited(bool limited);
    enum class RateVerdict { Within, OverMessageRate, OverByteRate };
    // Counts one received frame against the connection's limits.
    RateVerdict admitFrame(qint64 bytes);
    // Counts one frame that did not decode; false once a connection sends more than
    // kMalformedBurst of them at once or kMalformedPerSecond for long. Applies to every
    // connection, loopback too: decoding garbage at full speed costs everyone else latency.
    static constexpr double kMalformedBurst = 100;
    static constexpr double kMalformedPerSecond = 10;
    bool admitMalformed();

    // Duplicate detection: remembers processed ackIds per connection (bounded).
    bool wasProcessed(quint64 ackId) const;
    void markProcessed(quint64 ackId);
    // Requests whose ack comes later (a group hook's commit). A retry meanwhile (the client
    // resends its un-acked requests after a recovery) is neither run again nor answered: the
    // one ack to come answers both.
    void markInProgress(quint64 ackId) { m_ackIdsInProgress.append(ackId); }
    bool isInProgress(quint64 ackId) const { return m_ackIdsInProgress.contains(ackId); }
    void finishInProgress(quint64 ackId) { m_ackIdsInProgress.removeOne(ackId); }

    // Ends the session: optional `disconnected` reason, then close (1008 by default, so a
    // reliable client does not try to recover into it). Emits ended().
    void end(const QString &reason, int closeCode = 1008);
    bool hasEnded() const { return m_ended; }

    void startRetention();

    // Data frames are written straight to the connection's TCP socket (one small header plus
    // the payload already encoded once for all recipients) instead of through
    // QWebSocket::sendTextMessage, which converts and copies the payload three more times per
    // recipient. Set WATCHROOM_RELAY_QT_FRAMES=1 to use QWebSocket for comparison.
    static bool directFramesEnabled();

    // Hands the frames gathered so far in this event-loop pass to the socket.
    void flushPending();

Q_SIGNALS:
    void ended(ClientConnection *connection);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class FrameBatcher; // clears m_flushScheduled as it flushes
    // A data frame: the recipient's prefix, then the payload shared by every recipient.
    void writeData(std::optional<quint64> sequenceId, const QByteArray &tail);
    void writeText(const char *prefix, qsizetype prefixSize, const QByteArray &payload);
    void dropPending();

    using Buffered = ReplayEntry;
    // A ring of un-acked messages: nothing allocated while empty, no element moves when the
    // oldest is evicted or acknowledged, capacity doubling only while the session is behind.
    class ReplayQueue
    {
    public:
        qsizetype size() const { return m_count; }
        bool isEmpty() const { return m_count == 0; }
        qint64 bytes() const { return m_bytes; }
        const Buffered &front() const { return m_ring[m_head]; }
        const Buffered &at(qsizetype i) const { return m_ring[(m_head + i) & (m_ring.size() - 1)]; }
        void push(Buffered b);
        void popFront();
        void clear();

    private:
        QList<Buffered> m_ring; // size is zero or a power of two
        qsizetype m_head = 0;
        qsizetype m_count = 0;
        qint64 m_bytes = 0;
    };

    QString m_id;
    QString m_hubKey;
    QString m_userId;
    bool m_reliable;
    Permissions m_permissions;
    SessionLimits m_limits;
    RelayMetrics *m_metrics;
    FrameBatcher *m_batcher;
    QByteArray m_pending; // frames of this event-loop pass not yet handed to the socket
    bool m_flushScheduled = false;
    QString m_reconnectionToken;
    GroupSet m_groups;
    QPointer<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_transport; // the socket under m_socket, for direct frame writes
    quint64 m_lastSequenceId = 0;
    // Un-acked messages kept for a recovery, in two queues merged by sequence id on replay.
    // Acked sends must survive: when their queue overflows the session is dropped, as the
    // service does. Fire-and-forget traffic (cursors) is at most once: its queue keeps only
    // the newest messages, so a chatty group cannot get a session dropped.
    ReplayQueue m_acked;
    ReplayQueue m_fireAndForget;
    // The newest ackIds processed, oldest first (bounded). Clients number their sends upwards,
    // so an id above the highest seen is new without a search; a hash set would cost ~0.5 KiB
    // per connection from its first id.
    QList<quint64> m_processedAckIds;
    quint64 m_highestProcessedAckId = 0;
    QList<quint64> m_ackIdsInProgress; // a few at a time, none on an idle connection
    QBasicTimer m_retention; // a full QTimer per idle connection costs more than it needs
    bool m_ended = false;
    TokenBucket m_messageBudget; // unlimited until setRateLimited(true)
    TokenBucket m_byteBudget;
    TokenBucket m_malformedBudget { kMalformedPerSecond, kMalformedBurst };
};

} // namespace wr
