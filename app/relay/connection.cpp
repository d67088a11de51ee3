#include "connection.h"

#include "logging.h"
#include "relaymetrics.h"

#include <QRandomGenerator>
#include <QTimer>
#include <QTimerEvent>

#include <algorithm>
#include <cstring>
#include <utility>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
constexpr qsizetype kMaxRememberedAckIds = 4096;
// A pass that produces more than this for one recipient (a replay, a burst) hands it over at
// once rather than growing the pending buffer further.
constexpr qsizetype kFlushThresholdBytes = 256 * 1024;
// Pending buffers up to this size keep their allocation between passes.
constexpr qsizetype kKeptPendingCapacity = 64 * 1024;
constexpr qsizetype kKeepPendingFromBytes = 2048;

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

FrameBatcher::FrameBatcher(QObject *parent)
    : QObject(parent)
{
    connect(&m_paced, &PreciseWakeup::timeout, this, &FrameBatcher::flushNow);
}

void FrameBatcher::schedule(ClientConnection *connection)
{
    m_dirty.append(connection);
    if (!m_posted) {
        m_posted = true;
        // A queued call runs at the start of the next pass, after every socket notifier of
        // this one: all frames of the pass are in the pending buffers by then.
        QMetaObject::invokeMethod(this, &FrameBatcher::flush, Qt::QueuedConnection);
    }
}

void FrameBatcher::cancel(ClientConnection *connection)
{
    m_dirty.removeAll(connection);
    std::replace(m_flushing.begin(), m_flushing.end(), connection,
                 static_cast<ClientConnection *>(nullptr));
}

void FrameBatcher::flush()
{
    if (m_paced.isActive())
        return; // the paced flush takes these frames too
    const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.nsecsElapsed() : kMinFlushIntervalNs;
    if (since < kMinFlushIntervalNs) {
        m_paced.start(kMinFlushIntervalNs - since);
        return;
    }
    flushNow();
}

void FrameBatcher::flushNow()
{
    m_posted = false;
    m_sinceFlush.start();
    m_flushing.swap(m_dirty);
    // A flush may fail a socket, and the session's reaction may reach cancel(): entries are
    // read by index and cleared, never iterated with a live iterator.
    for (qsizetype i = 0; i < m_flushing.size(); ++i) {
        if (ClientConnection *c = std::exchange(m_flushing[i], nullptr)) {
            c->m_flushScheduled = false;
            c->flushPending();
        }
    }
    m_flushing.clear();
}

Permissions Permissions::fromRoles(const QStringList &roles)
{
    Permissions p;
    for (const QString &role : roles) {
        if (role == "webpubsub.joinLeaveGroup"_L1)
            p.m_joinLeave.any = true;
        else if (role == "webpubsub.sendToGroup"_L1)
            p.m_send.any = true;
        else if (role.startsWith("webpubsub.joinLeaveGroup."_L1))
            p.m_joinLeave.groups.insert(role.mid(25));
        else if (role.startsWith("webpubsub.sendToGroup."_L1))
            p.m_send.groups.insert(role.mid(22));
    }
    return p;
}

bool Permissions::allows(Kind kind, const QString &group) const
{
    const Entry &e = entry(kind);
    return e.any || e.groups.contains(group);
}

void Permissions::grant(Kind kind, const QString &target)
{
    if (target.isEmpty())
        entry(kind).any = true;
    else
        entry(kind).groups.insert(target);
}

void Permissions::revoke(Kind kind, const QString &target)
{
    if (target.isEmpty()) {
        entry(kind).any = false;
        entry(kind).groups.clear();
    } else {
        entry(kind).groups.remove(target);
    }
}

bool Permissions::has(Kind kind, const QString &target) const
{
    const Entry &e = entry(kind);
    return target.isEmpty() ? e.any : (e.any || e.groups.contains(target));
}

ClientConnection::ClientConnection(QString id, QString hubKey, QString userId, bool reliable,
                                   Permissions permissions, const SessionLimits &limits,
                                   RelayMetrics *metrics, FrameBatcher *batcher, QObject *parent)
    : QObject(parent)
    , m_id(std::move(id))
    , m_hubKey(std::move(hubKey))
    , m_userId(std::move(userId))
    , m_reliable(reliable)
    , m_permissions(std::move(permissions))
    , m_limits(limits)
    , m_metrics(metrics)
    , m_batcher(batcher)
    , m_reconnectionToken(randomToken(24))
{ }

ClientConnection::~ClientConnection()
{
    if (m_flushScheduled && m_batcher)
        m_batcher->cancel(this);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

QString ClientConnection::rotateReconnectionToken()
{
    m_reconnectionToken = randomToken(24);
    return m_reconnectionToken;
}

bool ClientConnection::directFramesEnabled()
{
    static const bool enabled = qEnvironmentVariableIntValue("WATCHROOM_RELAY_QT_FRAMES") == 0;
    return enabled;
}

void ClientConnection::attach(QWebSocket *socket, QTcpSocket *transport)
{
    m_retention.stop();
    if (m_socket && m_socket != socket)
        detach();
    m_socket = socket;
    socket->setParent(this);
    m_transport = directFramesEnabled() ? transport : nullptr;
    qCDebug(lcRelay) << "session" << m_id
                     << (m_transport ? "writes frames directly" : "writes through QWebSocket");
}

void ClientConnection::dropPending()
{
    if (m_flushScheduled && m_batcher)
        m_batcher->cancel(this);
    m_flushScheduled = false;
    m_pending.clear();
}

void ClientConnection::detach()
{
    if (!m_socket)
        return;
    dropPending(); // nobody will read them; a reliable session replays from its queues
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    m_transport = nullptr;
    socket->disconnect(this);
    if (socket->state() != QAbstractSocket::UnconnectedState)
        socket->abort();
    socket->deleteLater();
    ++m_metrics->connectionsClosed;
}

void ClientConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_retention.timerId())
        return QObject::timerEvent(event);
    m_retention.stop();
    ++m_metrics->sessionsExpired;
    qCDebug(lcRelay) << "session" << m_id << "expired";
    end(QString());
}

void ClientConnection::startRetention()
{
    m_retention.start(m_limits.retentionSeconds * 1000, this);
}

qint64 ClientConnection::pendingSendBytes() const
{
    return m_socket ? m_socket->bytesToWrite() + m_pending.size() : 0;
}

void ClientConnection::flushPending()
{
    if (m_pending.isEmpty())
        return;
    if (!m_transport || m_transport->state() != QAbstractSocket::ConnectedState) {
        m_pending.clear();
        return;
    }
    // Writes at once what the kernel takes; only a remainder waits for the write notifier.
    // The socket copies small buffers and shares large ones, so the buffer is kept only
    // when the copy left it unshared.
    QPointer<QTcpSocket> transport = m_transport;
    QByteArray frames;
    frames.swap(m_pending);
    transport->write(frames);
    if (transport)
        transport->flush(); // may fail the socket and, through its signals, end this session
    // Only a busy connection keeps its buffer: an idle one (thousands of them on a server)
    // should not hold a few hundred bytes each for the next frame.
    if (frames.size() >= kKeepPendingFromBytes && frames.capacity() <= kKeptPendingCapacity
        && frames.isDetached() && m_pending.isEmpty() && m_transport && !m_ended) {
        frames.resize(0);
        m_pending.swap(frames);
    }
}

void ClientConnection::writeData(std::optional<quint64> sequenceId, const QByteArray &tail)
{
    char prefix[wps::EncodedData::kMaxPrefixBytes];
    const int n = wps::EncodedData::writePrefix(prefix, sequenceId);
    ++m_metrics->messagesDelivered;
    writeText(prefix, n, tail);
}

void ClientConnection::writeText(const char *prefix, qsizetype prefixSize,
                                 const QByteArray &payload)
{
    const quint64 length = quint64(prefixSize + payload.size());
    m_metrics->bytesSent += length;
    if (!m_transport) {
        m_socket->sendTextMessage(QString::fromUtf8(prefix, prefixSize)
                                  + QString::fromUtf8(payload));
        return;
    }
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return; // closing: nothing may follow a close frame
    // RFC 6455 §5.2, server to client: FIN + text opcode, no mask, 7/16/64-bit length; the
    // header and the recipient's prefix go out in one write, the shared payload in another.
    char head[10 + wps::EncodedData::kMaxPrefixBytes];
    int n = 0;
    head[n++] = char(0x81);
    if (length < 126) {
        head[n++] = char(length);
    } else if (length <= 0xFFFF) {
        head[n++] = char(126);
        head[n++] = char(length >> 8);
        head[n++] = char(length & 0xFF);
    } else {
        head[n++] = char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            head[n++] = char((length >> shift) & 0xFF);
    }
    if (prefixSize > 0)
        std::memcpy(head + n, prefix, size_t(prefixSize));
    if (!m_batcher) {
        m_transport->write(head, n + prefixSize);
        m_transport->write(payload);
        return;
    }
    m_pending.append(head, n + prefixSize);
    m_pending.append(payload);
    if (m_pending.size() >= kFlushThresholdBytes) {
        flushPending();
    } else if (!m_flushScheduled) {
        m_flushScheduled = true;
        m_batcher->schedule(this);
    }
}

bool ClientConnection::deliver(const wps::EncodedData &data, bool droppable)
{
    if (m_ended)
        return false;
    if (droppable) {
        if (!m_socket) {
            ++m_metrics->droppedWhileRecovering;
            return true;
        }
        // What the kernel refused so far, not this pass's own frames: a reader that keeps up
        // must never lose a message because many arrived at once.
        if (m_socket->bytesToWrite() > m_limits.maxPendingSendBytes) {
            ++m_metrics->droppedSlowConsumer;
            return true;
        }
    }
    if (!m_reliable) {
        if (!m_socket)
            return true;
        // An unreliable reader that is far behind even on acked traffic is cut off, as the
        // service does: its memory must stay bounded.
        if (const qint64 pending = pendingSendBytes(); pending > m_limits.bufferBytes) {
            ++m_metrics->sessionsDroppedOverflow;
            qCWarning(lcRelayHub) << "connection" << m_id << "of user" << m_userId
                                  << "dropped: it could not keep up (" << pending
                                  << "bytes pending)";
            end(u"the connection could not keep up and was closed"_s);
            return false;
        }
        writeData(std::nullopt, data.tail());
        return true;
    }
    const quint64 sequenceId = ++m_lastSequenceId;
    Buffered entry { sequenceId, data.tail() };
    const qint64 entryBytes = entry.tail.size() + 32;
    if (!droppable
        && (m_acked.size() >= m_limits.bufferMessages
            || m_acked.bytes() + entryBytes > m_limits.bufferBytes)) {
        ++m_metrics->sessionsDroppedOverflow;
        qCWarning(lcRelayHub) << "session" << m_id << "of user" << m_userId
                              << "dropped: its un-acked buffer overflowed (" << m_acked.size()
                              << "messages," << m_acked.bytes() << "bytes)";
        end(u"un-acked message buffer overflowed; the session was dropped"_s);
        return false;
    }
    if (m_socket)
        writeData(sequenceId, entry.tail);
    ReplayQueue &queue = droppable ? m_fireAndForget : m_acked;
    queue.push(std::move(entry));
    while (m_fireAndForget.size() > m_limits.bufferMessages
           || m_fireAndForget.bytes() > m_limits.bufferBytes) {
        m_fireAndForget.popFront();
        ++m_metrics->replayEvictions;
    }
    return true;
}

void ClientConnection::ReplayQueue::push(Buffered b)
{
    if (m_count == m_ring.size()) {
        // Full (or never used): unroll into a ring twice the size.
        QList<Buffered> grown(std::max<qsizetype>(16, m_ring.size() * 2));
        for (qsizetype i = 0; i < m_count; ++i)
            grown[i] = std::move(m_ring[(m_head + i) & (m_ring.size() - 1)]);
        m_ring.swap(grown);
        m_head = 0;
    }
    m_bytes += b.tail.size() + 32;
    m_ring[(m_head + m_count) & (m_ring.size() - 1)] = std::move(b);
    ++m_count;
}

void ClientConnection::ReplayQueue::popFront()
{
    Buffered &b = m_ring[m_head];
    m_bytes -= b.tail.size() + 32;
    b.tail = QByteArray();
    m_head = (m_head + 1) & (m_ring.size() - 1);
    if (--m_count == 0)
        clear(); // an idle session holds no ring
}

void ClientConnection::ReplayQueue::clear()
{
    m_ring = QList<Buffered>();
    m_head = 0;
    m_count = 0;
    m_bytes = 0;
}

void ClientConnection::sendControl(const QByteArray &json)
{
    if (!m_socket)
        return;
    writeText(nullptr, 0, json);
}

void ClientConnection::acknowledge(quint64 sequenceId)
{
    for (ReplayQueue *queue : { &m_acked, &m_fireAndForget }) {
        while (!queue->isEmpty() && queue->front().sequenceId <= sequenceId)
            queue->popFront();
    }
}

void ClientConnection::replayBuffered()
{
    if (!m_socket)
        return;
    qsizetype a = 0;
    qsizetype f = 0;
    while (m_socket && (a < m_acked.size() || f < m_fireAndForget.size())) {
        const bool takeAcked = f == m_fireAndForget.size()
            || (a < m_acked.size() && m_acked.at(a).sequenceId < m_fireAndForget.at(f).sequenceId);
        // A copy: a write can flush, fail the socket and clear the queues under us.
        const Buffered b = takeAcked ? m_acked.at(a++) : m_fireAndForget.at(f++);
        writeData(b.sequenceId, b.tail);
    }
}

void ClientConnection::setRateLimited(bool limited)
{
    m_messageBudget = limited && m_limits.messagesPerSecond > 0
        ? TokenBucket(m_limits.messagesPerSecond, 2.0 * m_limits.messagesPerSecond)
        : TokenBucket();
    m_byteBudget = limited && m_limits.bytesPerSecond > 0
        ? TokenBucket(
            double(m_limits.bytesPerSecond),
            std::max(2.0 * double(m_limits.bytesPerSecond), double(m_limits.maxFrameBytes)))
        : TokenBucket();
}

bool ClientConnection::admitMalformed()
{
    return m_malformedBudget.take(1, monotonicMs());
}

ClientConnection::RateVerdict ClientConnection::admitFrame(qint64 bytes)
{
    if (!m_messageBudget.isLimited() && !m_byteBudget.isLimited())
        return RateVerdict::Within;
    const qint64 now = monotonicMs();
    if (!m_messageBudget.take(1, now))
        return RateVerdict::OverMessageRate;
    if (!m_byteBudget.take(double(bytes), now))
        return RateVerdict::OverByteRate;
    return RateVerdict::Within;
}

bool ClientConnection::wasProcessed(quint64 ackId) const
{
    if (m_processedAckIds.isEmpty() || ackId > m_highestProcessedAckId)
        return false;
    // Newest first: a retried send is usually one of the last few.
    return std::find(m_processedAckIds.crbegin(), m_processedAckIds.crend(), ackId)
        != m_processedAckIds.crend();
}

void ClientConnection::markProcessed(quint64 ackId)
{
    m_processedAckIds.push_back(ackId);
    m_highestProcessedAckId = std::max(m_highestProcessedAckId, ackId);
    if (m_processedAckIds.size() > kMaxRememberedAckIds)
        m_processedAckIds.removeFirst();
}

QString closeReasonFitted(const QString &reason)
{
    // A close frame's payload is at most 125 bytes: the code, then the reason in UTF-8.
    QString fitted = reason.left(123);
    while (fitted.toUtf8().size() > 123)
        fitted.chop(1);
    return fitted;
}

void closeAndDispose(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason,
                     QObject *owner)
{
    // Ownership first: the socket outlives this session, so the long-lived owner frees it at
    // the latest (it must not stay parented to a session that is about to be deleted, nor
    // float without a parent past the end of the event loop).
    socket->setParent(owner);
    // Connected before close(): a socket whose TCP connection is already gone emits
    // disconnected() from inside close(), and a later connect would never see it.
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    // Give the close frame a moment to leave, then make sure the socket goes away.
    QTimer::singleShot(2000, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
    else
        socket->close(code, closeReasonFitted(reason));
}

void ClientConnection::end(const QString &reason, int closeCode)
{
    if (m_ended)
        return;
    m_ended = true;
    m_retention.stop();
    if (m_socket) {
        if (!reason.isEmpty())
            sendControl(wps::encode(wps::Disconnected { reason }));
        // Everything queued goes out before the close frame, which QWebSocket writes itself.
        flushPending();
        dropPending();
    }
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        m_transport = nullptr;
        socket->disconnect(this);
        closeAndDispose(socket, QWebSocketProtocol::CloseCode(closeCode), reason, parent());
        ++m_metrics->connectionsClosed;
    }
    m_acked.clear();
    m_fireAndForget.clear();
    Q_EMIT ended(this);
}

} // namespace wr
