#include "connection.h"

#include "logging.h"
#include "relaymetrics.h"

#include <QRandomGenerator>
#include <QTimerEvent>

#include <cstring>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
constexpr qsizetype kMaxRememberedAckIds = 4096;

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

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
                                   RelayMetrics *metrics, QObject *parent)
    : QObject(parent)
    , m_id(std::move(id))
    , m_hubKey(std::move(hubKey))
    , m_userId(std::move(userId))
    , m_reliable(reliable)
    , m_permissions(std::move(permissions))
    , m_limits(limits)
    , m_metrics(metrics)
    , m_reconnectionToken(randomToken(24))
{

}

ClientConnection::~ClientConnection()
{
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
    qCDebug(lcRelay) << "session" << m_id << (m_transport ? "writes frames directly"
                                                          : "writes through QWebSocket");
}

void ClientConnection::detach()
{
    if (!m_socket)
        return;
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
    return m_socket ? m_socket->bytesToWrite() : 0;
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
    m_transport->write(head, n + prefixSize);
    m_transport->write(payload);
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
        if (m_socket->bytesToWrite() > m_limits.bufferBytes) {
            ++m_metrics->sessionsDroppedOverflow;
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
        && (qsizetype(m_acked.items.size()) >= m_limits.bufferMessages
            || m_acked.bytes + entryBytes > m_limits.bufferBytes)) {
        ++m_metrics->sessionsDroppedOverflow;
        qCInfo(lcRelay) << "session" << m_id << "dropped: un-acked buffer overflowed";
        end(u"un-acked message buffer overflowed; the session was dropped"_s);
        return false;
    }
    if (m_socket)
        writeData(sequenceId, entry.tail);
    ReplayQueue &queue = droppable ? m_fireAndForget : m_acked;
    queue.push(std::move(entry));
    while (qsizetype(m_fireAndForget.items.size()) > m_limits.bufferMessages
           || m_fireAndForget.bytes > m_limits.bufferBytes) {
        m_fireAndForget.popFront();
        ++m_metrics->replayEvictions;
    }
    return true;
}

void ClientConnection::ReplayQueue::push(Buffered b)
{
    bytes += b.tail.size() + 32;
    items.push_back(std::move(b));
}

void ClientConnection::ReplayQueue::popFront()
{
    bytes -= items.front().tail.size() + 32;
    items.pop_front();
}

void ClientConnection::ReplayQueue::clear()
{
    items.clear();
    bytes = 0;
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
        while (!queue->items.empty() && queue->items.front().sequenceId <= sequenceId)
            queue->popFront();
    }
}

void ClientConnection::replayBuffered()
{
    if (!m_socket)
        return;
    auto a = m_acked.items.cbegin();
    auto f = m_fireAndForget.items.cbegin();
    while (a != m_acked.items.cend() || f != m_fireAndForget.items.cend()) {
        const bool takeAcked = f == m_fireAndForget.items.cend()
            || (a != m_acked.items.cend() && a->sequenceId < f->sequenceId);
        const Buffered &b = takeAcked ? *a++ : *f++;
        writeData(b.sequenceId, b.tail);
    }
}

void ClientConnection::markProcessed(quint64 ackId)
{
    m_processedAckIds.insert(ackId);
    m_processedOrder.push_back(ackId);
    if (qsizetype(m_processedOrder.size()) > kMaxRememberedAckIds) {
        m_processedAckIds.remove(m_processedOrder.front());
        m_processedOrder.pop_front();
    }
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
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCode(closeCode), reason.left(120));
        // Give the close frame a moment to leave, then make sure the socket goes away.
        QTimer::singleShot(2000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->setParent(nullptr);
        ++m_metrics->connectionsClosed;
    }
    m_acked.clear();
    m_fireAndForget.clear();
    Q_EMIT ended(this);
}

} // namespace wr
