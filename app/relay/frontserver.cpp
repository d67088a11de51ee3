#include "frontserver.h"

#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace wr {

bool RequestHead::isWebSocketUpgrade() const
{
    return header("upgrade").toLower().contains("websocket")
        && header("connection").toLower().contains("upgrade");
}

std::optional<RequestHead> RequestHead::parse(const QByteArray &bytes)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RequestHead head;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1."))
        return head; // malformed: empty method
    const QUrl url = QUrl::fromEncoded(requestLine[1], QUrl::StrictMode);
    if (!url.isValid() || !requestLine[1].startsWith('/'))
        return head;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return head;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        auto it = head.headers.find(name);
        if (it == head.headers.end())
            head.headers.insert(name, value);
        else
            *it += ", " + value;
    }
    head.url = url;
    head.method = requestLine[0];
    return head;
}

FrontServer::FrontServer(QWebSocketServer *webSockets, QObject *parent)
    : QTcpServer(parent)
    , m_webSockets(webSockets)
{
    m_sweep.setInterval(1000);
    connect(&m_sweep, &QTimer::timeout, this, &FrontServer::sweep);
}

void FrontServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

void FrontServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(*m_tls);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcRelay) << "cannot adopt connection:" << socket->errorString();
        delete socket;
        return;
    }
    // Qt 6.4 leaves Nagle on for accepted sockets: 20 ms p99 instead of 0.5 ms for cursors.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_deadlines.insert(socket, QDateTime::currentMSecsSinceEpoch() + kHeadTimeoutMs);
    if (!m_sweep.isActive())
        m_sweep.start();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (m_deadlines.remove(socket))
            socket->deleteLater();
    });
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        connect(ssl, &QSslSocket::sslErrors, this, [this, ssl](const QList<QSslError> &errors) {
            drop(ssl, u"TLS handshake failed: %1"_s.arg(errors.value(0).errorString()));
        });
        connect(ssl, &QAbstractSocket::errorOccurred, this, [this, ssl] {
            if (m_deadlines.contains(ssl))
                drop(ssl, u"TLS handshake failed: %1"_s.arg(ssl->errorString()));
        });
        ssl->startServerEncryption();
    }
}

void FrontServer::inspect(QTcpSocket *socket)
{
    if (!m_deadlines.contains(socket))
        return;
    const QByteArray bytes = socket->peek(kMaxHeadBytes);
    const auto head = RequestHead::parse(bytes);
    if (!head) {
        if (bytes.size() >= kMaxHeadBytes) {
            // An oversized token in the URL or a header ends here: a clear status, not a reset.
            Q_EMIT badRequest(u"request head larger than %1 bytes"_s.arg(kMaxHeadBytes));
            m_deadlines.remove(socket);
            socket->disconnect(this);
            refuse(socket,
                   { 431, "Request Header Fields Too Large", "RequestHeaderTooLarge",
                     u"the request line and headers are larger than %1 bytes (an "
                     "oversized token?)"_s.arg(kMaxHeadBytes) });
        }
        return;
    }
    if (head->method.isEmpty()) {
        Q_EMIT badRequest(u"malformed HTTP request"_s);
        m_deadlines.remove(socket);
        socket->disconnect(this);
        refuse(socket,
               { 400, "Bad Request", "BadRequest",
                 u"malformed HTTP request: the request line or a header is not valid "
                 "HTTP/1.1 (characters not allowed in a URL must be percent-encoded)"_s });
        return;
    }
    m_deadlines.remove(socket);
    socket->disconnect(this);
    Refusal refusal;
    const Route route = m_router ? m_router(*head, socket, &refusal) : Route::Http;
    if (route == Route::Refuse) {
        refuse(socket, refusal);
        return;
    }
    if (route == Route::WebSocket) {
        const QPair<QString, quint16> key { socket->peerAddress().toString(), socket->peerPort() };
        m_upgrading.insert(key, socket);
        connect(socket, &QObject::destroyed, this, [this, key] { m_upgrading.remove(key); });
        m_webSockets->handleConnection(socket);
        return;
    }
    // The HTTP server reads the request from the socket's buffer; nothing new will arrive
    // from the peer to trigger readyRead, so raise it once it has connected.
    addPendingConnection(socket);
    QMetaObject::invokeMethod(
        socket, [socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

QTcpSocket *FrontServer::takeUpgradedSocket(const QHostAddress &peer, quint16 peerPort)
{
    return m_upgrading.take({ peer.toString(), peerPort });
}

void FrontServer::drop(QTcpSocket *socket, const QString &reason)
{
    qCDebug(lcRelay) << "dropping connection from" << socket->peerAddress() << ":" << reason;
    m_deadlines.remove(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    Q_EMIT badRequest(reason);
}

void FrontServer::refuse(QTcpSocket *socket, const Refusal &refusal)
{
    // Bytes left unread when the socket closes make the kernel reset the connection, and the
    // client could lose the answer: everything it sends is read and discarded, and the socket
    // is closed once the client has been quiet for a moment (or closed itself).
    socket->readAll();
    auto *quiet = new QTimer(socket);
    quiet->setSingleShot(true);
    quiet->setInterval(200);
    connect(quiet, &QTimer::timeout, socket, [socket] { socket->disconnectFromHost(); });
    connect(socket, &QIODevice::readyRead, socket, [socket, quiet] {
        socket->readAll();
        quiet->start();
    });
    quiet->start();
    const QByteArray body
        = QJsonDocument(QJsonObject { { u"code"_s, QString::fromLatin1(refusal.code) },
                                      { u"message"_s, refusal.message } })
              .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + refusal.statusText
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nx-ms-error-code: " + refusal.code
                  + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    // A peer that never reads, or never stops sending, must not keep the socket.
    QTimer::singleShot(5000, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

void FrontServer::sweep()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<QTcpSocket *> expired;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend(); ++it) {
        if (it.value() < now)
            expired.append(it.key());
    }
    for (QTcpSocket *socket : expired)
        drop(socket, u"no complete request within %1 s"_s.arg(kHeadTimeoutMs / 1000));
    if (m_deadlines.isEmpty())
        m_sweep.stop();
}

} // namespace wr
