#include "httpapi.h"

#include "accessurl.h"
#include "boardservices.h"
#include "clientauth.h"
#include "ingest.h"
#include "jwt.h"
#include "keeper.h"
#include "logging.h"
#include "odatafilter.h"
#include "sessionmessages.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using Status = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

namespace wr {

namespace {

constexpr qsizetype kMaxRestBodyBytes = 1024 * 1024;

QStringList decodedSegments(const QUrl &url)
{
    QStringList out;
    const QStringList raw = url.path(QUrl::FullyEncoded).split(u'/', Qt::SkipEmptyParts);
    for (const QString &segment : raw)
        out.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    return out;
}

// Form-style decoding as the SDKs encode (URLSearchParams): '+' is a space, %2B a plus. The
// '+' must be replaced before percent-decoding, or the two become indistinguishable.
QStringList queryValues(const QUrlQuery &query, const QString &key)
{
    QStringList out;
    const QStringList values = query.allQueryItemValues(key, QUrl::FullyEncoded);
    for (QString value : values)
        out.append(QUrl::fromPercentEncoding(value.replace(u'+', "%20"_L1).toUtf8()));
    return out;
}

QString queryValue(const QUrlQuery &query, const QString &key)
{
    return queryValues(query, key).value(0);
}

bool sameSecret(const QString &a, const QString &b)
{
    return constantTimeEquals(a.toUtf8(), b.toUtf8());
}

// Highest role a secret grants → roles it may hand out.
bool roleAllowed(const QString &granted, const QString &requested)
{
    if (granted == "admin"_L1)
        return true;
    if (granted == "annotator"_L1)
        return requested == "annotator"_L1 || requested == "viewer"_L1;
    return granted == requested;
}

// Header names are case-insensitive; QHttpServerRequest::value() in 6.4 is not.
QByteArray header(const QHttpServerRequest &request, QByteArrayView name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// Every value of a list header, in order, joined with commas (repeated headers are one list,
// RFC 9110 §5.3): each proxy may add its own X-Forwarded-For line.
QByteArray headerList(const QHttpServerRequest &request, QByteArrayView name)
{
    QByteArray joined;
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) != 0)
            continue;
        if (!joined.isEmpty())
            joined += ',';
        joined += value;
    }
    return joined;
}

// The first element of a comma-separated header value, trimmed.
QByteArray firstListElement(const QByteArray &value)
{
    const qsizetype comma = value.indexOf(',');
    return (comma < 0 ? value : value.left(comma)).trimmed();
}

QStringList tokenRoles(const QJsonObject &claims)
{
    QStringList roles;
    const QJsonValue role = claims.value("role"_L1);
    if (role.isArray()) {
        const QJsonArray array = role.toArray();
        for (const QJsonValue &r : array)
            roles.append(r.toString());
    } else {
        roles.append(role.toString());
    }
    return roles;
}

QString randomGuestName()
{
    return u"guest-%1"_s.arg(QRandomGenerator::global()->bounded(100000, 999999));
}

} // namespace

HttpApi::HttpApi(HubService *hub, RelayMetrics *metrics, HttpApiSettings settings,
                 BoardServices *boards, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_hub(hub)
    , m_boards(boards)
    , m_metrics(metrics)
    , m_settings(std::move(settings))
    , m_inviteFailures(std::max(1, m_settings.inviteFailuresPerMinute), 60 * 1000)
    , m_sourceTokenFailures(std::max(1, m_settings.inviteFailuresPerMinute), 60 * 1000)
{
    m_uptime.start();
}

HttpApi::Reply HttpApi::error(Status status, const QByteArray &code, const QString &message)
{
    const QJsonObject body { { u"code"_s, QString::fromLatin1(code) }, { u"message"_s, message } };
    return { status, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", code };
}

HttpApi::Reply HttpApi::json(const QJsonObject &object, Status status)
{
    return { status, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", {} };
}

HttpApi::Reply HttpApi::empty(Status status)
{
    return { status, {}, {}, {} };
}

void HttpApi::send(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(reply.status);
    if (!reply.errorCode.isEmpty())
        responder.writeHeader("x-ms-error-code", reply.errorCode);
    const bool head = request.method() == Method::Head;
    if (!reply.contentType.isEmpty())
        responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(head ? 0 : reply.body.size()));
    responder.writeHeader("Cache-Control", "no-store");
    if (reply.retryAfterSeconds > 0)
        responder.writeHeader("Retry-After", QByteArray::number(reply.retryAfterSeconds));
    responder.writeBody(head ? QByteArray() : reply.body);
}

QUrl HttpApi::advertisedBase(const QHttpServerRequest &request) const
{
    // Behind NAT or a proxy the relay cannot see how clients reach it; the operator said so.
    if (m_settings.endpointIsPublic)
        return m_settings.endpoint;
    // Otherwise clients reach the relay through whatever address they used for this request.
    QString scheme = m_settings.tls ? u"https"_s : u"http"_s;
    QByteArray forwardedHost;
    if (m_settings.trustedProxies.contains(m_requestPeer)) {
        // A proxy that terminates TLS talks plain HTTP to the relay while its clients use
        // https/wss. The leftmost value is what the first proxy saw.
        const QByteArray proto = firstListElement(header(request, "x-forwarded-proto")).toLower();
        if (proto == "https" || proto == "http")
            scheme = QString::fromLatin1(proto);
        forwardedHost = firstListElement(header(request, "x-forwarded-host"));
    }
    const auto baseFor = [&scheme](const QByteArray &host) {
        if (host.isEmpty())
            return QUrl();
        const QUrl url(scheme + u"://"_s + QString::fromLatin1(host) + u'/', QUrl::StrictMode);
        // A host header is a host and a port, nothing more.
        const bool plain = url.isValid() && !url.host().isEmpty() && url.path() == "/"_L1
            && url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment();
        return plain ? url : QUrl();
    };
    if (const QUrl url = baseFor(forwardedHost); !url.isEmpty())
        return url;
    if (const QUrl url = baseFor(header(request, "host")); !url.isEmpty())
        return url;
    return m_settings.endpoint;
}

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Refused WebSocket upgrades: Qt HttpServer 6.4 hands them to missingHandler().
    if (header(request, "upgrade").toLower() == "websocket")
        return false;
    const QStringList segments = decodedSegments(request.url());
    const Method method = request.method();
    const bool read = method == Method::Get || method == Method::Head;
    m_requestPeer = socket->peerAddress();
    const QHostAddress client = m_settings.trustedProxies.clientAddress(
        m_requestPeer, headerList(request, "x-forwarded-for"));
    Reply reply;
    if (segments.value(0) == "api"_L1 && segments.value(1) == "health"_L1 && segments.size() == 2)
        reply = read ? empty(Status::Ok)
                     : error(Status::MethodNotAllowed, "MethodNotAllowed", u"use GET or HEAD"_s);
    else if (segments.value(0) == "api"_L1 && segments.value(1) == "boards"_L1
             && segments.size() == 4 && segments[3] == "annotations"_L1)
        reply = annotations(request, segments[2]);
    else if (segments.value(0) == "api"_L1 && segments.value(1) == "boards"_L1)
        reply = ingest(request, segments, client);
    else if (segments.value(0) == "api"_L1)
        reply = rest(request, segments);
    else if (segments.size() == 1 && segments[0] == "negotiate"_L1)
        reply = read ? negotiate(request, client)
                     : error(Status::MethodNotAllowed, "MethodNotAllowed", u"use GET"_s);
    else if (segments.size() == 1 && segments[0] == "healthz"_L1 && read)
        reply = json({ { u"status"_s, u"ok"_s },
                       { u"version"_s, QStringLiteral(WATCHROOM_VERSION) },
                       { u"uptimeSeconds"_s, m_uptime.elapsed() / 1000 },
                       { u"connections"_s, m_hub->gauges().connections } });
    else if (segments.size() == 1 && segments[0] == "metrics"_L1 && read)
        reply = { Status::Ok,
                  m_metrics->toPrometheusText(m_hub->gauges()),
                  "text/plain; version=0.0.4; charset=utf-8",
                  {} };
    else if (segments.isEmpty() && read)
        reply = root(request);
    else if (segments.value(0) == "client"_L1)
        reply = error(Status::BadRequest, "BadRequest",
                      u"the client endpoint needs a WebSocket upgrade"_s);
    else
        reply = error(Status::NotFound, "NotFound",
                      u"no such endpoint: %1"_s.arg(request.url().path().left(200)));
    send(request, socket, reply);
    return true;
}

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Only WebSocket upgrades the front server refused end up here.
    const ClientRequest client
        = inspectClientRequest(request.url(), header(request, "authorization"), m_settings.keys);
    Reply reply;
    if (client.kind == ClientRequest::Kind::NotClientEndpoint) {
        reply = error(Status::NotFound, "NotFound",
                      u"WebSocket clients connect to /client/hubs/{hub}"_s);
    } else if (chooseSubprotocol(header(request, "sec-websocket-protocol")).isEmpty()) {
        reply = error(Status::BadRequest, "BadRequest",
                      u"offer the subprotocol json.reliable.webpubsub.azure.v1 or "
                      "json.webpubsub.azure.v1"_s);
    } else {
        ++m_metrics->authFailures;
        reply = error(Status::Unauthorized, "Unauthorized",
                      client.error.isEmpty() ? u"unauthorized"_s : client.error);
    }
    send(request, socket, reply);
}

HttpApi::Reply HttpApi::root(const QHttpServerRequest &request) const
{
    const QUrl base = advertisedBase(request);
    return json(
        { { u"service"_s, u"watchroom-relay"_s },
          { u"version"_s, QStringLiteral(WATCHROOM_VERSION) },
          { u"protocols"_s,
            QJsonArray { QString(wps::kJsonReliableProtocol), QString(wps::kJsonProtocol) } },
          { u"negotiate"_s, base.resolved(QUrl(u"negotiate"_s)).toString() },
          { u"clientEndpoint"_s,
            base.resolved(QUrl(u"client/hubs/"_s + m_settings.defaultHub)).toString() } });
}

std::optional<HttpApi::Reply> HttpApi::blockedForGuessing(FailureLimiter &limiter,
                                                          const QString &address, qint64 nowMs,
                                                          quint64 *refusals, const QString &what)
{
    const qint64 blockedMs = limiter.blockedForMs(address, nowMs);
    if (blockedMs <= 0)
        return std::nullopt;
    ++*refusals;
    const qint64 seconds = (blockedMs + 999) / 1000;
    Reply refused = error(Status::TooManyRequests, "TooManyRequests",
                          u"too many wrong %1 from this address (more than %2 a minute); try "
                          "again in %3 s"_s.arg(what)
                              .arg(m_settings.inviteFailuresPerMinute)
                              .arg(seconds));
    refused.retryAfterSeconds = seconds;
    return refused;
}

HttpApi::Reply HttpApi::negotiate(const QHttpServerRequest &request, const QHostAddress &client)
{
    const QUrlQuery query = request.query();
    const QString hub = queryValue(query, u"hub"_s).isEmpty() ? m_settings.defaultHub
                                                              : queryValue(query, u"hub"_s);
    const QString board
        = queryValue(query, u"board"_s).isEmpty() ? u"main"_s : queryValue(query, u"board"_s);
    QString user = queryValue(query, u"user"_s).trimmed();
    QString role = queryValue(query, u"role"_s);

    if (!isValidHubName(hub))
        return error(Status::BadRequest, "BadRequest",
                     u"'%1' is not a valid hub name"_s.arg(hub.left(130)));
    if (!session::isValidBoardName(board))
        return error(Status::BadRequest, "BadRequest", u"board must match [A-Za-z0-9_.-]{1,64}"_s);
    if (!role.isEmpty() && session::webPubSubRolesFor(role, board).isEmpty())
        return error(Status::BadRequest, "BadRequest",
                     u"role must be viewer, annotator, source or admin"_s);
    if (user.size() > 128)
        return error(Status::BadRequest, "BadRequest", u"user names are at most 128 characters"_s);

    if (!m_settings.invites.isEmpty()) {
        QString invite = queryValue(query, u"invite"_s);
        const QByteArray authorization = header(request, "authorization");
        if (invite.isEmpty() && authorization.startsWith("Bearer "))
            invite = QString::fromUtf8(authorization.mid(7).trimmed());
        // Guessing: an address that sent too many wrong secrets is refused without looking at
        // the secret at all, so a right guess during the block tells it nothing.
        const QString address = addressKey(client);
        const qint64 now = monotonicMs();
        if (auto refused
            = blockedForGuessing(m_inviteFailures, address, now, &m_metrics->limitRefusalsInvites,
                                 u"invite secrets"_s))
            return *refused;
        QString granted;
        for (const auto &[inviteRole, secret] : std::as_const(m_settings.invites)) {
            if (!invite.isEmpty() && sameSecret(secret, invite)) {
                granted = inviteRole;
                break;
            }
        }
        if (granted.isEmpty()) {
            ++m_metrics->authFailures;
            if (!invite.isEmpty()) {
                m_inviteFailures.recordFailure(address, now);
                qCInfo(lcRelayHttp) << "negotiate: wrong invite secret from" << address;
            }
            return error(Status::Unauthorized, "Unauthorized",
                         invite.isEmpty() ? u"this relay needs an invite secret (invite=…)"_s
                                          : u"the invite secret is not valid"_s);
        }
        if (role.isEmpty())
            role = granted;
        if (!roleAllowed(granted, role)) {
            ++m_metrics->authFailures;
            return error(Status::Forbidden, "Forbidden",
                         u"this invite grants at most the role '%1'"_s.arg(granted));
        }
    } else if (role.isEmpty()) {
        role = u"annotator"_s;
    }
    if (user.isEmpty())
        user = randomGuestName();

    QUrl base = advertisedBase(request);
    ConnectionString cs;
    cs.endpoint = base;
    cs.accessKey = QString::fromUtf8(m_settings.keys.value(0));
    cs.version = u"1.0"_s;
    ClientAccessOptions options;
    options.userId = user;
    options.roles = session::webPubSubRolesFor(role, board);
    options.lifetimeSeconds = m_settings.tokenLifetimeSeconds;
    const ClientAccess access = clientAccessFor(cs, hub, options);
    QJsonObject body = negotiateResponse(access);
    body.insert(u"hub"_s, hub);
    body.insert(u"board"_s, board);
    body.insert(u"role"_s, role);
    body.insert(u"userId"_s, user);
    body.insert(u"keeper"_s, m_settings.keeper);
    return json(body);
}

HttpApi::SourceAuth HttpApi::sourceAuthorized(const QHttpServerRequest &request,
                                              const QString &board, QString *reason) const
{
    const QByteArray authorization = header(request, "authorization");
    const QByteArray token = authorization.mid(7).trimmed();
    if (!authorization.startsWith("Bearer ") || token.isEmpty()) {
        *reason = u"send Authorization: Bearer <token>: a source token, or a JWT with the "
                  "source role for this board"_s;
        return SourceAuth::Missing;
    }
    for (const QString &configured : m_settings.sourceTokens) {
        const qsizetype eq = configured.indexOf(u'=');
        const QString secret = eq < 0 ? configured : configured.mid(eq + 1);
        if (sameSecret(secret, QString::fromUtf8(token))) {
            if (eq < 0 || configured.left(eq) == board)
                return SourceAuth::Granted;
            *reason = u"this source token is for another board"_s;
            return SourceAuth::Refused;
        }
    }
    Jwt::VerifyOptions options;
    options.keys = m_settings.keys;
    const auto verified = Jwt::verify(token, options, reason);
    if (!verified)
        return SourceAuth::Invalid;
    // The same permission a WebSocket source needs to send to the board's metrics group.
    const QStringList roles = tokenRoles(verified->claims);
    if (!Permissions::fromRoles(roles).allows(Permissions::Kind::SendToGroup,
                                              session::metricsGroup(board))) {
        *reason = u"the token may not send to %1 (it needs the source role for this board)"_s.arg(
            session::metricsGroup(board));
        return SourceAuth::Refused;
    }
    return SourceAuth::Granted;
}

bool HttpApi::adminAuthorized(const QHttpServerRequest &request, const QString &board,
                              QString *reason) const
{
    const QByteArray authorization = header(request, "authorization");
    if (!authorization.startsWith("Bearer ")) {
        *reason = u"send Authorization: Bearer <token>: a client token with the admin role (for "
                  "example the token of GET /negotiate?role=admin)"_s;
        return false;
    }
    Jwt::VerifyOptions options;
    options.keys = m_settings.keys;
    const auto verified = Jwt::verify(authorization.mid(7).trimmed(), options, reason);
    if (!verified)
        return false;
    // What the admin role grants on this board: sending to all of its groups. Annotators may
    // send to the annotations group only, sources to the metrics group only.
    const Permissions permissions = Permissions::fromRoles(tokenRoles(verified->claims));
    for (const QString &group : { session::annotationsGroup(board), session::metricsGroup(board),
                                  session::presenceGroup(board) }) {
        if (!permissions.allows(Permissions::Kind::SendToGroup, group)) {
            *reason = u"the token does not have the admin role for board %1"_s.arg(board);
            return false;
        }
    }
    return true;
}

HttpApi::Reply HttpApi::annotations(const QHttpServerRequest &request, const QString &board)
{
    ++m_metrics->restRequests;
    if (!session::isValidBoardName(board))
        return error(Status::BadRequest, "InvalidBoardName",
                     u"board names match [A-Za-z0-9_.-]{1,64}"_s);
    const Method method = request.method();
    const bool read = method == Method::Get || method == Method::Head;
    if (!read && method != Method::Post)
        return error(Status::MethodNotAllowed, "MethodNotAllowed",
                     u"use GET to export or POST to import"_s);
    QString reason;
    if (!adminAuthorized(request, board, &reason)) {
        ++m_metrics->authFailures;
        return error(Status::Unauthorized, "Unauthorized", reason);
    }
    Keeper *keeper = m_boards ? m_boards->keeper() : nullptr;
    if (!keeper)
        return error(Status::NotFound, "NoKeeper",
                     u"this relay keeps no annotations (it runs with --keeper off)"_s);
    if (read)
        return { Status::Ok, keeper->exportBoard(board), "application/json", {} };

    const QByteArray body = request.body();
    if (body.size() > keeper->config().maxImportBytes)
        return error(Status::PayloadTooLarge, "PayloadTooLarge",
                     u"import at most %1 bytes"_s.arg(keeper->config().maxImportBytes));
    // The shape is checked here so a wrong document gets its 400 at once; the keeper checks
    // again, with each entry's limits, before it changes anything.
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return error(Status::BadRequest, "InvalidJson",
                     u"the body is not JSON (%1 at offset %2)"_s.arg(parseError.errorString())
                         .arg(parseError.offset));
    const session::DecodeResult decoded = session::decode(QJsonValue(document.object()));
    const auto *snapshot = decoded.ok() && document.isObject()
        ? std::get_if<session::Snapshot>(&*decoded.message)
        : nullptr;
    if (!snapshot)
        return error(Status::BadRequest, "InvalidAnnotations",
                     u"the body is not an annotation export (a snapshot message)%1"_s.arg(
                         decoded.ok() ? QString() : u": "_s + decoded.error.left(300)));
    const qsizetype entries = snapshot->annotations.size();
    // QHttpServerResponder is tied to the request and socket of this call in Qt 6.4 and the
    // server may already be parsing the connection's next request, so the commit's outcome
    // cannot be the answer: it is logged, and reaches clients as a snapshot.
    m_boards->importAnnotations(board, body, [board, entries](const KeeperResult &result) {
        if (result.ok)
            qCInfo(lcRelay).noquote() << "imported" << entries << "annotation entries into" << board
                                      << "," << result.changed << "changed";
        else
            qCWarning(lcRelay).noquote() << "import into" << board << "failed:" << result.error;
    });
    return json(
        { { u"board"_s, board }, { u"entries"_s, entries }, { u"status"_s, u"accepted"_s } },
        Status::Accepted);
}

HttpApi::Reply HttpApi::ingest(const QHttpServerRequest &request, const QStringList &segments,
                               const QHostAddress &client)
{
    ++m_metrics->restRequests;
    if (!m_boards || segments.size() != 4 || segments[3] != "metrics"_L1)
        return error(Status::NotFound, "NotFound",
                     u"push metrics with POST /api/boards/{board}/metrics"_s);
    const QString board = segments[2];
    if (!session::isValidBoardName(board))
        return error(Status::BadRequest, "InvalidBoardName",
                     u"board names match [A-Za-z0-9_.-]{1,64}"_s);
    if (request.method() != Method::Post)
        return error(Status::MethodNotAllowed, "MethodNotAllowed", u"use POST"_s);
    // Source tokens are secrets like invites: an address that sent too many wrong ones is
    // refused without looking at the credential, so a right guess during the block tells it
    // nothing.
    const QString address = addressKey(client);
    const qint64 now = monotonicMs();
    if (auto refused
        = blockedForGuessing(m_sourceTokenFailures, address, now,
                             &m_metrics->limitRefusalsSourceTokens, u"source tokens"_s))
        return *refused;
    QString reason;
    if (const SourceAuth auth = sourceAuthorized(request, board, &reason);
        auth != SourceAuth::Granted) {
        ++m_metrics->authFailures;
        if (auth == SourceAuth::Invalid) {
            m_sourceTokenFailures.recordFailure(address, now);
            qCInfo(lcRelayHttp) << "metrics push: wrong source token from" << address;
        }
        return error(Status::Unauthorized, "Unauthorized", reason);
    }
    const QByteArray body = request.body();
    if (body.size() > m_settings.maxIngestBytes)
        return error(Status::PayloadTooLarge, "PayloadTooLarge",
                     u"push at most %1 bytes per request"_s.arg(m_settings.maxIngestBytes));
    if (body.trimmed().isEmpty())
        return error(Status::BadRequest, "EmptyBody", u"the body is empty"_s);

    const QByteArray contentType = header(request, "content-type");
    const QByteArray mediaType = contentType.split(';').value(0).trimmed().toLower();
    const QUrlQuery query = request.query();
    std::optional<sources::IngestFormat> format;
    if (const QString name = queryValue(query, u"format"_s); !name.isEmpty()) {
        format = sources::ingestFormatFromName(name);
        if (!format)
            return error(Status::BadRequest, "BadRequest",
                         u"format must be json, prometheus, openmetrics or influx"_s);
    } else if (mediaType == "application/json" || mediaType == "text/plain"
               || mediaType == "application/openmetrics-text" || mediaType.isEmpty()) {
        format = sources::detectIngestFormat(contentType, body);
    } else {
        return error(Status::UnsupportedMediaType, "UnsupportedMediaType",
                     u"Content-Type must be application/json (a metrics frame), text/plain "
                     "(Prometheus text or Influx line protocol) or application/openmetrics-text"_s);
    }
    sources::IngestOptions options;
    options.source = u"push"_s;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    options.maxBodyBytes = m_settings.maxIngestBytes;
    if (const QString precision = queryValue(query, u"precision"_s); !precision.isEmpty()) {
        const auto parsed = sources::influxPrecisionFromString(precision);
        if (!parsed)
            return error(Status::BadRequest, "BadRequest", u"precision must be ns, us, ms or s"_s);
        options.precision = *parsed;
    }
    const sources::IngestResult result = sources::ingest(*format, body, options);
    QJsonArray problems;
    for (const QString &problem : result.errors)
        problems.append(problem.left(300));
    if (!result.ok() || result.frame.series.isEmpty()) {
        QJsonObject body { { u"code"_s, u"InvalidMetrics"_s },
                           { u"message"_s,
                             result.ok() ? u"no usable samples in the body"_s
                                         : result.fatalError.left(500) } };
        if (!problems.isEmpty())
            body.insert(u"errors"_s, problems);
        return { Status::BadRequest, QJsonDocument(body).toJson(QJsonDocument::Compact),
                 "application/json", "InvalidMetrics" };
    }
    qsizetype points = 0;
    for (const session::MetricSeries &series : result.frame.series)
        points += series.points.size();
    const int messages = m_boards->publishMetrics(board, result.frame);
    QJsonObject answer { { u"series"_s, result.frame.series.size() },
                         { u"points"_s, points },
                         { u"messages"_s, messages },
                         { u"errorCount"_s, result.errorCount } };
    if (!problems.isEmpty())
        answer.insert(u"errors"_s, problems);
    return json(answer, Status::Accepted);
}

HttpApi::Reply HttpApi::rest(const QHttpServerRequest &request, const QStringList &segments)
{
    ++m_metrics->restRequests;
    if (segments.size() < 3 || segments[1] != "hubs"_L1)
        return error(Status::NotFound, "NotFound", u"REST paths start with /api/hubs/{hub}"_s);
    const QString hub = segments[2];
    if (!isValidHubName(hub))
        return error(Status::BadRequest, "InvalidHubName",
                     u"'%1' is not a valid hub name"_s.arg(hub.left(130)));

    // Authentication: HS256 bearer token, lenient audience (reference §1.6).
    const QByteArray authorization = header(request, "authorization");
    if (!authorization.startsWith("Bearer ")) {
        ++m_metrics->authFailures;
        return error(Status::Unauthorized, "Unauthorized",
                     u"missing Authorization: Bearer token"_s);
    }
    {
        QString reason;
        Jwt::VerifyOptions options;
        options.keys = m_settings.keys;
        const auto verified = Jwt::verify(authorization.mid(7).trimmed(), options, &reason);
        if (verified) {
            const QString audience = verified->claims.value("aud"_L1).toString();
            if (!restAudienceMatches(audience, request.url().path(QUrl::FullyEncoded)))
                reason = u"token audience '%1' does not match the request path"_s.arg(
                    audience.left(300));
        }
        if (!verified || !reason.isEmpty()) {
            ++m_metrics->authFailures;
            return error(Status::Unauthorized, "Unauthorized", reason);
        }
    }

    const QUrlQuery query = request.query();
    const Method method = request.method();
    const QStringList rest = segments.mid(3);
    const auto is = [&rest](std::initializer_list<QLatin1StringView> shape) {
        if (rest.size() != qsizetype(shape.size()))
            return false;
        qsizetype i = 0;
        for (QLatin1StringView part : shape) {
            if (part != "*"_L1 && rest[i] != part)
                return false;
            ++i;
        }
        return true;
    };
    const auto methodNotAllowed = [] {
        return error(Status::MethodNotAllowed, "MethodNotAllowed",
                     u"this method is not allowed on this resource"_s);
    };

    // Common query parameters.
    QSet<QString> excluded;
    for (const QString &id : queryValues(query, u"excluded"_s))
        excluded.insert(id);
    std::optional<ODataFilter> filter;
    if (const QString text = queryValue(query, u"filter"_s); !text.isEmpty()) {
        QString reason;
        filter = ODataFilter::parse(text, &reason);
        if (!filter)
            return error(Status::BadRequest, "InvalidFilter", reason);
    }
    if (const QString ttl = queryValue(query, u"messageTtlSeconds"_s); !ttl.isEmpty()) {
        bool ok = false;
        const int seconds = ttl.toInt(&ok);
        if (!ok || seconds < 0 || seconds > 300)
            return error(Status::BadRequest, "BadRequest",
                         u"messageTtlSeconds must be between 0 and 300"_s);
    }
    const QString reason = queryValue(query, u"reason"_s);
    const HubService::Audience audience { excluded, filter ? &*filter : nullptr };

    // Message body → payload, by Content-Type (reference §4.3).
    const auto payload = [&request](wps::DataType *type, QJsonValue *data, Reply *failure) {
        const QByteArray body = request.body();
        if (body.size() > kMaxRestBodyBytes) {
            *failure = error(Status::PayloadTooLarge, "PayloadTooLarge",
                             u"messages are limited to %1 bytes"_s.arg(kMaxRestBodyBytes));
            return false;
        }
        const QByteArray contentType
            = header(request, "content-type").split(';').value(0).trimmed().toLower();
        if (contentType == "text/plain") {
            *type = wps::DataType::Text;
            *data = QString::fromUtf8(body);
        } else if (contentType == "application/json") {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson('[' + body + ']', &parseError);
            if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
                *failure
                    = error(Status::BadRequest, "InvalidJson", u"the body is not valid JSON"_s);
                return false;
            }
            *type = wps::DataType::Json;
            *data = doc.array().at(0);
        } else if (contentType == "application/octet-stream" || contentType.isEmpty()) {
            *type = wps::DataType::Binary;
            *data = QString::fromLatin1(body.toBase64());
        } else {
            *failure = error(Status::UnsupportedMediaType, "UnsupportedMediaType",
                             u"Content-Type must be application/json, text/plain or "
                             "application/octet-stream"_s);
            return false;
        }
        return true;
    };
    const auto serverSend = [&](const std::function<void(const wps::EncodedData &)> &deliver) {
        if (method != Method::Post)
            return methodNotAllowed();
        wps::DataType type;
        QJsonValue data;
        Reply failure;
        if (!payload(&type, &data, &failure))
            return failure;
        deliver(wps::EncodedData::forServer(type, data));
        return empty(Status::Accepted);
    };

    if (is({ ":send"_L1 }))
        return serverSend([&](const wps::EncodedData &d) { m_hub->sendToAll(hub, d, audience); });
    if (is({ "users"_L1, "*"_L1, ":send"_L1 }))
        return serverSend(
            [&](const wps::EncodedData &d) { m_hub->sendToUser(hub, rest[1], d, audience); });
    if (is({ "connections"_L1, "*"_L1, ":send"_L1 }))
        return serverSend(
            [&](const wps::EncodedData &d) { m_hub->sendToConnection(hub, rest[1], d); });
    if (is({ "groups"_L1, "*"_L1, ":send"_L1 })) {
        if (method != Method::Post)
            return methodNotAllowed();
        wps::DataType type;
        QJsonValue data;
        Reply failure;
        if (!payload(&type, &data, &failure))
            return failure;
        m_hub->sendToGroup(hub, rest[1],
                           wps::EncodedData::forGroup(rest[1], std::nullopt, type, data), audience);
        return empty(Status::Accepted);
    }
    if (is({ "groups"_L1, "*"_L1, "connections"_L1, "*"_L1 })) {
        if (method == Method::Put) {
            if (!m_hub->addConnectionToGroup(hub, rest[1], rest[3]))
                return error(Status::NotFound, "NotFound",
                             u"connection '%1' does not exist"_s.arg(rest[3]));
            return empty(Status::Ok);
        }
        if (method == Method::Delete) {
            m_hub->removeConnectionFromGroup(hub, rest[1], rest[3]);
            return empty(Status::NoContent);
        }
        return methodNotAllowed();
    }
    if (is({ "users"_L1, "*"_L1, "groups"_L1, "*"_L1 })) {
        if (method == Method::Put) {
            m_hub->addUserToGroup(hub, rest[3], rest[1]);
            return empty(Status::Ok);
        }
        if (method == Method::Delete) {
            m_hub->removeUserFromGroup(hub, rest[3], rest[1]);
            return empty(Status::NoContent);
        }
        return methodNotAllowed();
    }
    if (is({ "users"_L1, "*"_L1, "groups"_L1 })) {
        if (method != Method::Delete)
            return methodNotAllowed();
        m_hub->removeUserFromAllGroups(hub, rest[1]);
        return empty(Status::NoContent);
    }
    if (is({ "connections"_L1, "*"_L1, "groups"_L1 })) {
        if (method != Method::Delete)
            return methodNotAllowed();
        m_hub->removeConnectionFromAllGroups(hub, rest[1]);
        return empty(Status::NoContent);
    }
    if (is({ ":addToGroups"_L1 }) || is({ ":removeFromGroups"_L1 })) {
        if (method != Method::Post)
            return methodNotAllowed();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
        const QJsonObject body = doc.object();
        if (parseError.error != QJsonParseError::NoError || !body.value("groups"_L1).isArray())
            return error(Status::BadRequest, "BadRequest",
                         u"the body must be {\"groups\": [...], \"filter\": \"...\"}"_s);
        QStringList groups;
        const QJsonArray array = body.value("groups"_L1).toArray();
        for (const QJsonValue &g : array) {
            if (!g.isString() || g.toString().isEmpty()
                || g.toString().size() > wps::kMaxGroupNameLength)
                return error(Status::BadRequest, "BadRequest",
                             u"groups must be non-empty strings of at most 1024 characters"_s);
            groups.append(g.toString());
        }
        std::optional<ODataFilter> bodyFilter;
        if (const QString text = body.value("filter"_L1).toString(); !text.isEmpty()) {
            QString why;
            bodyFilter = ODataFilter::parse(text, &why);
            if (!bodyFilter)
                return error(Status::BadRequest, "InvalidFilter", why);
        }
        if (rest[0] == ":addToGroups"_L1)
            m_hub->addConnectionsToGroups(hub, groups, bodyFilter ? &*bodyFilter : nullptr);
        else
            m_hub->removeConnectionsFromGroups(hub, groups, bodyFilter ? &*bodyFilter : nullptr);
        return empty(Status::Ok);
    }
    if (is({ "groups"_L1, "*"_L1, "connections"_L1 })) {
        if (method != Method::Get)
            return methodNotAllowed();
        bool ok = true;
        int pageSize = 100;
        if (const QString v = queryValue(query, u"maxpagesize"_s); !v.isEmpty()) {
            pageSize = v.toInt(&ok);
            if (!ok || pageSize < 1 || pageSize > 200)
                return error(Status::BadRequest, "BadRequest",
                             u"maxpagesize must be between 1 and 200"_s);
        }
        int top = -1;
        if (const QString v = queryValue(query, u"top"_s); !v.isEmpty()) {
            top = v.toInt(&ok);
            if (!ok || top < 1)
                return error(Status::BadRequest, "BadRequest", u"top must be positive"_s);
        }
        int offset = 0;
        if (const QString v = queryValue(query, u"continuationToken"_s); !v.isEmpty()) {
            offset = v.toInt(&ok);
            if (!ok || offset < 0)
                return error(Status::BadRequest, "BadRequest", u"invalid continuationToken"_s);
        }
        const auto members = m_hub->groupMembers(hub, rest[1]);
        const int limit = top > 0 ? std::min<int>(top, int(members.size())) : int(members.size());
        const int end = std::min(limit, offset + pageSize);
        QJsonArray value;
        for (int i = offset; i < end; ++i) {
            QJsonObject item { { u"connectionId"_s, members[i]->id() } };
            if (!members[i]->userId().isEmpty())
                item.insert(u"userId"_s, members[i]->userId());
            value.append(item);
        }
        QJsonObject page { { u"value"_s, value } };
        if (end < limit) {
            QUrl next = advertisedBase(request).resolved(
                QUrl(request.url().path(QUrl::FullyEncoded), QUrl::StrictMode));
            QUrlQuery nextQuery(query);
            nextQuery.removeAllQueryItems(u"continuationToken"_s);
            nextQuery.addQueryItem(u"continuationToken"_s, QString::number(end));
            if (!nextQuery.hasQueryItem(u"maxpagesize"_s))
                nextQuery.addQueryItem(u"maxpagesize"_s, QString::number(pageSize));
            next.setQuery(nextQuery);
            page.insert(u"nextLink"_s, next.toString(QUrl::FullyEncoded));
        }
        return json(page);
    }
    if (is({ "connections"_L1, "*"_L1 })) {
        if (method == Method::Delete) {
            m_hub->closeConnection(hub, rest[1], reason);
            return empty(Status::NoContent);
        }
        if (method == Method::Head || method == Method::Get)
            return empty(m_hub->connectionExists(hub, rest[1]) ? Status::Ok : Status::NotFound);
        return methodNotAllowed();
    }
    if (is({ ":closeConnections"_L1 })) {
        if (method != Method::Post)
            return methodNotAllowed();
        m_hub->closeAll(hub, excluded, reason);
        return empty(Status::NoContent);
    }
    if (is({ "groups"_L1, "*"_L1, ":closeConnections"_L1 })) {
        if (method != Method::Post)
            return methodNotAllowed();
        m_hub->closeGroup(hub, rest[1], excluded, reason);
        return empty(Status::NoContent);
    }
    if (is({ "users"_L1, "*"_L1, ":closeConnections"_L1 })) {
        if (method != Method::Post)
            return methodNotAllowed();
        m_hub->closeUser(hub, rest[1], excluded, reason);
        return empty(Status::NoContent);
    }
    if (is({ "groups"_L1, "*"_L1 }) || is({ "users"_L1, "*"_L1 })) {
        if (method != Method::Head && method != Method::Get)
            return methodNotAllowed();
        const bool exists = rest[0] == "groups"_L1 ? m_hub->groupExists(hub, rest[1])
                                                   : m_hub->userExists(hub, rest[1]);
        return empty(exists ? Status::Ok : Status::NotFound);
    }
    if (is({ "permissions"_L1, "*"_L1, "connections"_L1, "*"_L1 })) {
        Permissions::Kind kind;
        if (rest[1] == "sendToGroup"_L1)
            kind = Permissions::Kind::SendToGroup;
        else if (rest[1] == "joinLeaveGroup"_L1)
            kind = Permissions::Kind::JoinLeaveGroup;
        else
            return error(Status::BadRequest, "BadRequest",
                         u"permission must be sendToGroup or joinLeaveGroup"_s);
        const QString target = queryValue(query, u"targetName"_s);
        ClientConnection *c = m_hub->connection(hub, rest[3]);
        if (method == Method::Put) {
            if (!c)
                return error(Status::NotFound, "NotFound",
                             u"connection '%1' does not exist"_s.arg(rest[3]));
            c->permissions().grant(kind, target);
            return empty(Status::Ok);
        }
        if (method == Method::Delete) {
            if (c)
                c->permissions().revoke(kind, target);
            return empty(Status::NoContent);
        }
        if (method == Method::Head || method == Method::Get)
            return empty(c && c->permissions().has(kind, target) ? Status::Ok : Status::NotFound);
        return methodNotAllowed();
    }
    if (is({ ":generateToken"_L1 })) {
        if (method != Method::Post)
            return methodNotAllowed();
        int minutes = 60;
        if (const QString v = queryValue(query, u"minutesToExpire"_s); !v.isEmpty()) {
            bool ok = false;
            minutes = v.toInt(&ok);
            if (!ok || minutes < 1)
                return error(Status::BadRequest, "BadRequest",
                             u"minutesToExpire must be a positive number"_s);
        }
        const QString clientType = queryValue(query, u"clientType"_s);
        if (!clientType.isEmpty() && clientType.compare("Default"_L1, Qt::CaseInsensitive) != 0)
            return error(Status::BadRequest, "BadRequest",
                         u"only clientType=Default is supported by this relay"_s);
        ConnectionString cs;
        cs.endpoint = advertisedBase(request);
        cs.accessKey = QString::fromUtf8(m_settings.keys.value(0));
        ClientAccessOptions options;
        options.userId = queryValue(query, u"userId"_s);
        options.roles = queryValues(query, u"role"_s);
        options.groups = queryValues(query, u"group"_s);
        options.lifetimeSeconds = qint64(minutes) * 60;
        return json({ { u"token"_s, clientAccessFor(cs, hub, options).token } });
    }
    return error(Status::NotFound, "NotFound",
                 u"no such REST operation: %1"_s.arg(request.url().path().left(200)));
}

} // namespace wr
