#pragma once

#include "clientaddress.h"
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
#include <optional>

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
    // endpoint is the operator's --public-url: answers name it instead of the request's Host.
    bool endpointIsPublic = false;
    qint64 tokenLifetimeSeconds = 3600;
    bool keeper = false; // a keeper holds the boards' state (negotiate tells clients)
    QStringList sourceTokens; // "[BOARD=]SECRET" for POST /api/boards/{board}/metrics
    qsizetype maxIngestBytes = 4 * 1024 * 1024;
    // Per client address (addressKey), then 429; wrong invite secrets on negotiate and wrong
    // source tokens on POST /api/boards/{board}/metrics are counted apart, with this budget each.
    int inviteFailuresPerMinute = 10;
    TrustedProxies trustedProxies; // who may name the client in X-Forwarded-For
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
                      QHttpServerResponder::StatusCode status
                      = QHttpServerResponder::StatusCode::Ok);
    static Reply empty(QHttpServerResponder::StatusCode status);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply);

    // `client` is the effective client address (TrustedProxies::clientAddress).
    Reply negotiate(const QHttpServerRequest &request, const QHostAddress &client);
    Reply rest(const QHttpServerRequest &request, const QStringList &segments);
    Reply ingest(const QHttpServerRequest &request, const QStringList &segments,
                 const QHostAddress &client);
    Reply annotations(const QHttpServerRequest &request, const QString &board);
    bool adminAuthorized(const QHttpServerRequest &request, const QString &board,
                         QString *reason) const;
    enum class SourceAuth {
        Granted,
        Missing, // no bearer credential: no guess
        Refused, // a real credential that does not allow this board
        Invalid, // neither a source token nor a token signed with the access key: a guess
    };
    SourceAuth sourceAuthorized(const QHttpServerRequest &request, const QString &board,
                                QString *reason) const;
    // 429 with Retry-After, or nullopt when `address` is not blocked.
    std::optional<Reply> blockedForGuessing(FailureLimiter &limiter, const QString &address,
                                            qint64 nowMs, quint64 *refusals, const QString &what);
    Reply root(const QHttpServerRequest &request) const;
    // Where clients reach the relay, for the URLs answers carry: --public-url when given, else
    // the scheme and host of this request (X-Forwarded-Proto / -Host from a trusted proxy).
    QUrl advertisedBase(const QHttpServerRequest &request) const;

    HubService *m_hub;
    BoardServices *m_boards;
    RelayMetrics *m_metrics;
    HttpApiSettings m_settings;
    QElapsedTimer m_uptime;
    FailureLimiter m_inviteFailures;
    FailureLimiter m_sourceTokenFailures;
    // The TCP peer of the request handleRequest() is answering (handlers run inside it).
    QHostAddress m_requestPeer;
};

} // namespace wr
