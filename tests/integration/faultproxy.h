#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>

class QTcpSocket;

// A TCP proxy on 127.0.0.1:0 in front of a server (the relay), for tests that need the network
// to misbehave: drop every connection without a close frame, refuse new connections, stall
// or delay forwarding, and cut a connection in the middle of a WebSocket frame.
class FaultProxy : public QObject
{
    Q_OBJECT

public:
    enum class Direction { Upstream = 1, Downstream = 2, Both = 3 }; // client → server = up

    FaultProxy(QHostAddress targetAddress, quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // `url` with its host and port replaced by the proxy's.
    QUrl throughProxy(const QUrl &url) const;

    // Aborts both sides of every connection: no close frame, no FIN handshake to finish.
    void dropAll();
    // New connections are accepted and closed at once (the client sees the handshake fail).
    void setRefusing(bool refusing) { m_refusing = refusing; }
    bool isRefusing() const { return m_refusing; }
    // Stops forwarding on the connections open now (new ones are unaffected); bytes are held
    // until unstalled or dropped.
    void stallExisting(Direction direction);
    void unstallAll();
    // Stops reading from the server on the connections open now, so what the server sends
    // next stays unread in the kernel; dropAll() then resets those connections (RST) instead
    // of closing them, and a server still writing sees its write fail.
    void stopReadingFromServer();
    // Every chunk is held this long before it is forwarded (each direction).
    void setDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    // The next server→client WebSocket frame whose payload contains `marker` (any frame when
    // empty) is forwarded only in part — its header and half its payload — and then both
    // sides are aborted.
    void cutNextFrame(const QByteArray &marker = {});
    bool cutPending() const { return m_cutArmed; }

    int activeConnections() const { return int(m_pairs.size()); }
    int acceptedTotal() const { return m_acceptedTotal; }
    int refusedTotal() const { return m_refusedTotal; }
    int cutsDone() const { return m_cutsDone; }

Q_SIGNALS:
    void connectionAccepted();
    void connectionCut();

private:
    struct Chunk
    {
        qint64 dueMs;
        QByteArray data;
        bool frame = false; // a whole WebSocket frame (downstream, after the handshake)
    };
    struct Pipe
    {
        QTcpSocket *from = nullptr;
        QTcpSocket *to = nullptr;
        std::deque<Chunk> queue;
        bool stalled = false;
        bool fromClosed = false; // flush what is queued, then close `to`
        QTimer timer;
        // Downstream only: splits the byte stream into the HTTP head and whole frames.
        bool scanFrames = false;
        bool headDone = false;
        QByteArray pending;
    };
    struct Pair
    {
        quint64 id = 0;
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        std::unique_ptr<Pipe> up;
        std::unique_ptr<Pipe> down;
        bool upstreamConnected = false;
        bool closing = false;
    };

    void onNewConnection();
    void read(Pair *pair, Pipe *pipe);
    void pump(Pair *pair, Pipe *pipe);
    void splitFrames(Pipe *pipe, qint64 dueMs);
    void onClosed(Pair *pair, Pipe *pipe);
    void destroy(Pair *pair);
    qint64 nowMs() const;

    QTcpServer m_server;
    QHostAddress m_targetAddress;
    quint16 m_targetPort;
    std::deque<std::unique_ptr<Pair>> m_pairs;
    bool m_refusing = false;
    std::chrono::milliseconds m_delay { 0 };
    bool m_cutArmed = false;
    QByteArray m_cutMarker;
    int m_acceptedTotal = 0;
    int m_refusedTotal = 0;
    int m_cutsDone = 0;
    quint64 m_nextPairId = 1;
};
