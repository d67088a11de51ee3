#include "faultproxy.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

#include <algorithm>

namespace {

// Header length and payload length of the WebSocket frame at the start of `data`, or -1 when
// `data` does not hold the whole header yet (RFC 6455 §5.2).
qint64 frameHeaderLength(const QByteArray &data, quint64 *payloadLength)
{
    if (data.size() < 2)
        return -1;
    const auto byte = [&data](qsizetype i) { return quint64(quint8(data.at(i))); };
    const bool masked = byte(1) & 0x80;
    const quint64 length7 = byte(1) & 0x7F;
    qint64 header = 2;
    quint64 length = length7;
    if (length7 == 126) {
        if (data.size() < 4)
            return -1;
        length = (byte(2) << 8) | byte(3);
        header = 4;
    } else if (length7 == 127) {
        if (data.size() < 10)
            return -1;
        length = 0;
        for (int i = 2; i < 10; ++i)
            length = (length << 8) | byte(i);
        header = 10;
    }
    if (masked)
        header += 4;
    *payloadLength = length;
    return header;
}

} // namespace

FaultProxy::FaultProxy(QHostAddress targetAddress, quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetAddress(std::move(targetAddress))
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    for (auto &pair : m_pairs) {
        for (QTcpSocket *socket : { pair->client, pair->server }) {
            socket->disconnect(this);
            socket->abort();
            delete socket;
        }
    }
}

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultProxy::throughProxy(const QUrl &url) const
{
    QUrl out = url;
    out.setHost(QHostAddress(QHostAddress::LocalHost).toString());
    out.setPort(port());
    return out;
}

qint64 FaultProxy::nowMs() const
{
    return QDeadlineTimer::current().deadline();
}

void FaultProxy::cutNextFrame(const QByteArray &marker)
{
    m_cutArmed = true;
    m_cutMarker = marker;
}

void FaultProxy::onNewConnection()
{
    while (m_server.hasPendingConnections()) {
        QTcpSocket *client = m_server.nextPendingConnection();
        ++m_acceptedTotal;
        if (m_refusing) {
            ++m_refusedTotal;
            client->abort();
            client->deleteLater();
            continue;
        }
        auto pair = std::make_unique<Pair>();
        Pair *p = pair.get();
        p->id = m_nextPairId++;
        client->setParent(this);
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        p->client = client;
        p->server = new QTcpSocket(this);
        p->up = std::make_unique<Pipe>();
        p->up->from = p->client;
        p->up->to = p->server;
        p->down = std::make_unique<Pipe>();
        p->down->from = p->server;
        p->down->to = p->client;
        p->down->scanFrames = true;
        for (Pipe *pipe : { p->up.get(), p->down.get() }) {
            pipe->timer.setSingleShot(true);
            connect(&pipe->timer, &QTimer::timeout, this, [this, p, pipe] { pump(p, pipe); });
        }
        connect(p->client, &QTcpSocket::readyRead, this, [this, p] { read(p, p->up.get()); });
        connect(p->server, &QTcpSocket::readyRead, this, [this, p] { read(p, p->down.get()); });
        connect(p->client, &QTcpSocket::disconnected, this,
                [this, p] { onClosed(p, p->up.get()); });
        connect(p->server, &QTcpSocket::disconnected, this,
                [this, p] { onClosed(p, p->down.get()); });
        connect(p->server, &QTcpSocket::connected, this, [this, p] {
            p->server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            p->upstreamConnected = true;
            pump(p, p->up.get());
        });
        connect(p->server, &QTcpSocket::errorOccurred, this, [this, p] {
            if (!p->upstreamConnected)
                destroy(p);
        });
        m_pairs.push_back(std::move(pair));
        p->server->connectToHost(m_targetAddress, m_targetPort);
        Q_EMIT connectionAccepted();
    }
}

void FaultProxy::read(Pair *pair, Pipe *pipe)
{
    const QByteArray data = pipe->from->readAll();
    if (data.isEmpty() || pair->closing)
        return;
    const qint64 due = nowMs() + m_delay.count();
    if (pipe->scanFrames) {
        pipe->pending += data;
        splitFrames(pipe, due);
    } else {
        pipe->queue.push_back({ due, data, false });
    }
    pump(pair, pipe);
}

void FaultProxy::splitFrames(Pipe *pipe, qint64 dueMs)
{
    for (;;) {
        if (!pipe->headDone) {
            const qsizetype end = pipe->pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = pipe->pending.left(end + 4);
            pipe->pending.remove(0, end + 4);
            pipe->headDone = true;
            pipe->queue.push_back({ dueMs, head, false });
            if (!head.startsWith("HTTP/1.1 101")) {
                // Not an upgrade: the rest is an HTTP body, forwarded as it comes.
                pipe->scanFrames = false;
                if (!pipe->pending.isEmpty())
                    pipe->queue.push_back({ dueMs, std::exchange(pipe->pending, {}), false });
                return;
            }
            continue;
        }
        quint64 payload = 0;
        const qint64 header = frameHeaderLength(pipe->pending, &payload);
        if (header < 0 || quint64(pipe->pending.size()) < quint64(header) + payload)
            return;
        const qsizetype total = qsizetype(quint64(header) + payload);
        pipe->queue.push_back({ dueMs, pipe->pending.left(total), true });
        pipe->pending.remove(0, total);
    }
}

void FaultProxy::pump(Pair *pair, Pipe *pipe)
{
    if (pair->closing || pipe->stalled)
        return;
    if (pipe == pair->up.get() && !pair->upstreamConnected)
        return;
    const qint64 now = nowMs();
    while (!pipe->queue.empty()) {
        Chunk &chunk = pipe->queue.front();
        if (chunk.dueMs > now) {
            pipe->timer.start(std::chrono::milliseconds(chunk.dueMs - now));
            return;
        }
        if (chunk.frame && m_cutArmed && pipe == pair->down.get()
            && (m_cutMarker.isEmpty() || chunk.data.contains(m_cutMarker))) {
            quint64 payload = 0;
            const qint64 header = frameHeaderLength(chunk.data, &payload);
            const qsizetype cutAt = payload > 1 ? qsizetype(quint64(header) + payload / 2) : 1;
            m_cutArmed = false;
            ++m_cutsDone;
            pair->closing = true;
            // The partial frame reaches the client, then the connection ends without a close
            // frame. The client side is shut down gracefully so the partial bytes are not
            // lost to a reset.
            pair->server->disconnect(this);
            pair->server->abort();
            pipe->to->write(chunk.data.left(cutAt));
            pipe->to->readAll();
            pipe->to->disconnectFromHost();
            Q_EMIT connectionCut();
            destroy(pair);
            return;
        }
        pipe->to->write(chunk.data);
        pipe->queue.pop_front();
    }
    if (pipe->fromClosed)
        pipe->to->disconnectFromHost();
}

void FaultProxy::onClosed(Pair *pair, Pipe *pipe)
{
    pipe->fromClosed = true;
    if (pair->closing)
        return;
    Pipe *other = pipe == pair->up.get() ? pair->down.get() : pair->up.get();
    if (pipe->stalled) {
        // Held bytes never arrive: the peer sees a dead connection.
        pair->closing = true;
        pipe->to->abort();
        destroy(pair);
        return;
    }
    pump(pair, pipe);
    if (other->fromClosed || (pipe->to->state() == QAbstractSocket::UnconnectedState))
        destroy(pair);
}

void FaultProxy::destroy(Pair *pair)
{
    pair->closing = true;
    // Deferred: this may run inside a signal of one of the pair's sockets or timers.
    QMetaObject::invokeMethod(
        this,
        [this, id = pair->id] {
            const auto it = std::find_if(m_pairs.begin(), m_pairs.end(),
                                         [id](const auto &p) { return p->id == id; });
            if (it == m_pairs.end())
                return;
            for (QTcpSocket *socket : { (*it)->client, (*it)->server }) {
                socket->disconnect(this);
                if (socket->state() == QAbstractSocket::ClosingState
                    || (socket->state() == QAbstractSocket::ConnectedState
                        && socket->bytesToWrite() > 0)) {
                    // Let a graceful shutdown finish writing, bounded.
                    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                    QTimer::singleShot(2000, socket, [socket] { socket->deleteLater(); });
                    continue;
                }
                socket->abort();
                socket->deleteLater();
            }
            m_pairs.erase(it);
        },
        Qt::QueuedConnection);
}

void FaultProxy::dropAll()
{
    m_cutArmed = false;
    for (auto &pair : m_pairs) {
        pair->closing = true;
        for (QTcpSocket *socket : { pair->client, pair->server }) {
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
    }
    m_pairs.clear();
}

void FaultProxy::stallExisting(Direction direction)
{
    for (auto &pair : m_pairs) {
        if (int(direction) & int(Direction::Upstream))
            pair->up->stalled = true;
        if (int(direction) & int(Direction::Downstream))
            pair->down->stalled = true;
    }
}

void FaultProxy::stopReadingFromServer()
{
    for (auto &pair : m_pairs) {
        pair->down->stalled = true;
        QObject::disconnect(pair->server, &QTcpSocket::readyRead, this, nullptr);
        // Qt stops reading once its buffer is full; the kernel holds the rest.
        pair->server->setReadBufferSize(1);
        pair->server->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    }
}

void FaultProxy::unstallAll()
{
    for (auto &pair : m_pairs) {
        pair->up->stalled = false;
        pair->down->stalled = false;
        pump(pair.get(), pair->up.get());
        pump(pair.get(), pair->down.get());
    }
}
