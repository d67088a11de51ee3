#pragma once

#include "webpubsub.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QBasicTimer>
#include <QTimer>
#include <QTcpSocket>
#include <QWebSocket>




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
    const Entry &entry(Kind kind) const
    {
        return kind == Kind::SendToGroup ? m_send : m_joinLeave;
    }
    Entry m_send;
    Entry m_joinLeave;
};

struct SessionLimits
{
    int bufferMessages = 1000;
    qint64 bufferBytes = 16 * 1024 * 1024;
    qint64 maxPendingSendBytes = 4 * 1024 * 1024;
    int retentionSeconds = 60;
    qint64 maxFrameBytes = 1024 * 1024;
};

// One client session. For reliable protocols it outlives its WebSocket: after a drop it keeps
// its sequence numbers, groups and un-acked messages for the retention time so the client can
// recover into it.
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    ClientConnection(QString id, QString hubKey, QString userId, bool reliable,
                     Permissions permissions, const SessionLimits &limits, RelayMetrics *metrics,
                     QObject *parent = nullptr);
    ~ClientConnection() override;

    const QString &id() const { return m_id; }
    const QString &hubKey() const { return m_hubKey; }
    const QString &userId() const { return m_userId; }
    bool isReliable() const { return m_reliable; }
    const QString &reconnectionToken() const { return m_reconnectionToken; }
    QString rotateReconnectionToken();

    Permissions &permissions() { return m_permissions; }
    const Permissions &permissions() const { return m_permissions; }
    QSet<QString> &groups() { return m_groups; }
    const QSet<QString> &groups() const { return m_groups; }

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

    qsizetype bufferedCount() const
    {
        return qsizetype(m_acked.items.size() + m_fireAndForget.items.size());
    }
    qint64 pendingSendBytes() const;

    // Duplicate detection: remembers processed ackIds per connection (bounded).
    bool wasProcessed(quint64 ackId) const { return m_processedAckIds.contains(ackId); }
    void markProcessed(quint64 ackId);

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

Q_SIGNALS:
    void ended(ClientConnection *connection);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    // A data frame: the recipient's prefix, then the payload shared by every recipient.
    void writeData(std::optional<quint64> sequenceId, const QByteArray &tail);
    void writeText(const char *prefix, qsizetype prefixSize, const QByteArray &payload);

    // Buffered messages share the encoded payload with every other recipient: keeping a
    // session's un-acked messages costs a reference, not a copy.
    struct Buffered
    {
        quint64 sequenceId;
        QByteArray tail;
    };
    struct ReplayQueue
    {
        QList<Buffered> items; // QList: nothing allocated while empty, O(1) removal at the front
        qint64 bytes = 0;
        void push(Buffered b);
        void popFront();
        void clear();
    };

    QString m_id;
    QString m_hubKey;
    QString m_userId;
    bool m_reliable;
    Permissions m_permissions;
    SessionLimits m_limits;
    RelayMetrics *m_metrics;
    QString m_reconnectionToken;
    QSet<QString> m_groups;
    QPointer<QWebSocket> m_socket;
    QPointer<QTcpSocket> m_transport; // the socket under m_socket, for direct frame writes
    quint64 m_lastSequenceId = 0;
    // Un-acked messages kept for a recovery, in two queues merged by sequence id on replay.
    // Acked sends must survive: when their queue overflows the session is dropped, as the
    // service does. Fire-and-forget traffic (cursors) is at most once: its queue keeps only
    // the newest messages, so a chatty group cannot get a session dropped.
    ReplayQueue m_acked;
    ReplayQueue m_fireAndForget;
    QSet<quint64> m_processedAckIds;
    QList<quint64> m_processedOrder;
    QBasicTimer m_retention; // a full QTimer per idle connection costs more than it needs
    bool m_ended = false;
};

} // namespace wr
