#pragma once

#include "hub.h"
#include "ratelimit.h"
#include "relaymetrics.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

namespace wr {

class BoardServices;
struct InviteSecret;

struct HttpApiSettings
{
    QList<QByteArray> keys;
    QString defaultHub;
    QList<QPair<QString, QString>> invites; // role, secret
    bool tls = false;
    QUrl endpoint; // http(s)://host:port/ as the relay advertises itself
    qint64 tokenLifetimeSeconds = 3600;
    bool keeper = false; // a keeper holds the boards' state (negotiate tells clients)
    QStringList sourceTokens; // "[BOARD=]SECRET" for POST /api/boards/{board}/metrics
    qsizetype maxIngestBytes = 4 * 1024 * 1024;
    int inviteFailuresPerMinute = 10; // per client address (addressKey), then 429
};

// Everything on the relay's port that is not a WebSocket: the Web PubSub data-plane REST API
// (reference §8.1, exact status codes), negotiate, /healthz, /metrics, and the 401/400
// answers to upgrade requests that were refused before any WebSocket exists.
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // `boards` may be null: no push ingest (404).
    HttpApi(HubService *hub, RelayMetrics *metrics, HttpApiSettings settings,
            BoardServices *boards = nullptr, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply
    {
        QHttpServerResponder::StatusCode status;
        QByteArray body;
        QByteArray contentType;
        QByteArray errorCode;
        qint64 retryAfterSeconds = 0; // > 0: a Retry-After header
    };
    static Reply error(QHttpServerResponder::StatusCode status, const QByteArray &code,
                       const QString &message);
    static Reply json(const QJsonObject &object,
                      QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok);
    static Reply empty(QHttpServerResponder::StatusCode status);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply);

    Reply negotiate(const QHttpServerRequest &request, const QHostAddress &peer);
    Reply rest(const QHttpServerRequest &request, const QStringList &segments);
    Reply ingest(const QHttpServerRequest &request, const QStringList &segments);
    Reply annotations(const QHttpServerRequest &request, const QString &board);
    bool adminAuthorized(const QHttpServerRequest &request, const QString &board,
                         QString *reason) const;
    bool sourceAuthorized(const QHttpServerRequest &request, const QString &board,
                          QString *reason) const;
    Reply root(const QHttpServerRequest &request) const;
    QUrl advertisedBase(const QHttpServerRequest &request) const;

    HubService *m_hub;
    BoardServices *m_boards;
    RelayMetrics *m_metrics;
    HttpApiSettings m_settings;
    QElapsedTimer m_uptime;
    FailureLimiter m_inviteFailures;
};

} // namespace wr
