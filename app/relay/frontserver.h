#pragma once

#include <QByteArray>
#include <QHash>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

class QWebSocketServer;

namespace wr {

// The head of an HTTP/1.1 request, read (not consumed) from a new connection so that it can
// be routed. Only what routing needs: method, target and header values.
struct RequestHead
{
    QByteArray method;
    QUrl url; // path and query as sent
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool isWebSocketUpgrade() const;

    // nullopt: incomplete. An empty method: malformed.
    static std::optional<RequestHead> parse(const QByteArray &bytes);
};

// The relay's one listening socket. Qt HttpServer 6.4 upgrades WebSockets itself and cannot
// choose a subprotocol, so this server looks at each request head first (QIODevice::peek,
// nothing consumed) and hands WebSocket upgrades to a QWebSocketServer and everything else to
// the QAbstractHttpServer bound to it through the QTcpServer pending-connection queue.
// TLS (QSslSocket server mode) happens before the head is read, so both paths see plaintext.
class FrontServer : public QTcpServer
{
    Q_OBJECT

public:
    enum class Route { WebSocket, Http, Refuse };
    // An answer the front server writes itself before closing the connection (Route::Refuse),
    // for upgrades refused before any WebSocket or HTTP server sees them.
    struct Refusal
    {
        int status = 429;
        QByteArray statusText = "Too Many Requests";
        QByteArray code = "TooManyRequests"; // the JSON body's code and x-ms-error-code
        QString message;
    };
    // `socket` is the connection the head came on; a router that counts it can watch it.
    using Router = std::function<Route(const RequestHead &, QTcpSocket *socket, Refusal *refusal)>;

    explicit FrontServer(QWebSocketServer *webSockets, QObject *parent = nullptr);

    void setRouter(Router router) { m_router = std::move(router); }
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return m_tls.has_value(); }

    // The TCP socket a WebSocket was upgraded from, found by its peer address (QWebSocket does
    // not expose it). The relay writes data frames to it directly.
    QTcpSocket *takeUpgradedSocket(const QHostAddress &peer, quint16 peerPort);

    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;
    static constexpr int kHeadTimeoutMs = 10000;

Q_SIGNALS:
    void badRequest(const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void inspect(QTcpSocket *socket);
    void drop(QTcpSocket *socket, const QString &reason);
    void refuse(QTcpSocket *socket, const Refusal &refusal);
    void sweep();

    QWebSocketServer *m_webSockets;
    Router m_router;
    std::optional<QSslConfiguration> m_tls;
    QHash<QTcpSocket *, qint64> m_deadlines; // sockets whose head is not complete yet
    QHash<QPair<QString, quint16>, QTcpSocket *> m_upgrading;
    QTimer m_sweep;
};

} // namespace wr
