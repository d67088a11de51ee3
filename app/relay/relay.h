#pragma once

#include "clientaddress.h"
#include "frontserver.h"
#include "relayconfig.h"
#include "relaymetrics.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class QWebSocketServer;

namespace wr {

class BoardServices;
class HttpApi;
class HubService;

// watchroom-relay as a library object: one port serving the Web PubSub client endpoint, the
// REST API, negotiate, /healthz and /metrics. The executable, the tests and (later) the
// desktop app's embedded relay all use this class.
class Relay : public QObject
{
    Q_OBJECT

public:
    explicit Relay(RelayConfig config, QObject *parent = nullptr);
    ~Relay() override;

    bool start(QString *error);
    // Tells every client the relay is going away (1001) and stops listening.
    void stop();

    quint16 port() const;
    QUrl httpUrl() const; // http(s)://host:port/ as advertised (--public-url)
    QUrl listenUrl() const; // http(s)://address:port/ actually bound
    QString connectionString() const;
    QUrl negotiateUrl(const QString &board = QStringLiteral("main")) const;
    QList<QByteArray> accessKeys() const { return m_keys; }

    HubService *hub() const { return m_hub; }
    BoardServices *boards() const { return m_boards; }
    const RelayMetrics &metrics() const { return m_metrics; }
    const RelayConfig &config() const { return m_config; }

private:
    bool loadAccessKeys(QString *error);
    void logTrustedProxies() const;
    // Counts a WebSocket upgrade against its client's connection limit; false (and the
    // refusal filled in) when the address is at the limit. `client` is the effective address
    // (TrustedProxies::clientAddress).
    bool admitConnection(QTcpSocket *socket, const QHostAddress &client,
                         FrontServer::Refusal *refusal);
    void releaseConnection(const QString &addressKey);

    RelayConfig m_config;
    RelayMetrics m_metrics;
    QList<QByteArray> m_keys;
    HubService *m_hub = nullptr;
    BoardServices *m_boards = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
    FrontServer *m_front = nullptr;
    HttpApi *m_http = nullptr;
    TrustedProxies m_trustedProxies;
    QHash<QString, int> m_connectionsPerAddress; // open WebSockets by addressKey()
    // Upgrades routed to the WebSocket server whose WebSocket is not there yet: the client's
    // address and, when counted against the per-address limit, its addressKey().
    struct Admission
    {
        QHostAddress client;
        QString countedKey; // empty: not counted
    };
    QHash<QTcpSocket *, Admission> m_admitted;
};

} // namespace wr
