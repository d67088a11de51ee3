#include "negotiator.h"

#include "accessurl.h"
#include "connectionstring.h"
#include "logging.h"
#include "redact.h"
#include "sessionmessages.h"
#include "tlspin.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr qsizetype kMaxBodyBytes = 64 * 1024;
constexpr qsizetype kExcerptChars = 200;

// The placeholder earlier watchroom-relay versions printed in their example negotiate URL
// (user=NAME): still replaced by the display name, so such pasted URLs keep working.
constexpr QLatin1StringView kUserPlaceholder { "NAME" };

QString excerpt(const QByteArray &body)
{
    // Redacted before it is cut, so a URL cut in half is still recognised (a server may echo
    // the request, invite and all).
    QString text = redactSecrets(QString::fromUtf8(body.left(kExcerptChars * 4)).simplified());
    if (text.size() > kExcerptChars)
        text = text.left(kExcerptChars) + u'…';
    return text.isEmpty() ? u"(empty body)"_s : text;
}

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == "https"_L1 ? 443 : 80);
    return u"%1:%2"_s.arg(url.host()).arg(port);
}

bool hasAccessToken(const QUrl &url)
{
    return !QUrlQuery(url).queryItemValue(u"access_token"_s).isEmpty();
}

// Negotiate responses may carry http(s) URLs (the service's endpoint); clients need ws(s).
QUrl toWebSocketScheme(QUrl url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == "http"_L1)
        url.setScheme(u"ws"_s);
    else if (scheme == "https"_L1)
        url.setScheme(u"wss"_s);
    else
        url.setScheme(scheme);
    return url;
}

} // namespace

// ---- NegotiateResult ------------------------------------------------------------------------

bool NegotiateResult::isPermanent() const
{
    switch (error) {
    case Error::InvalidInput:
    case Error::BadResponse:
    case Error::MissingToken:
    case Error::Tls:
        return true;
    case Error::HttpStatus:
        return httpStatus >= 400 && httpStatus < 500 && httpStatus != 408 && httpStatus != 429;
    case Error::None:
    case Error::HostNotFound:
    case Error::ConnectionRefused:
    case Error::Timeout:
    case Error::Network:
        return false;
    }
    return false;
}

NegotiateResult NegotiateResult::success(const QUrl &url)
{
    NegotiateResult result;
    result.url = url;
    return result;
}

NegotiateResult NegotiateResult::failure(Error error, const QString &message, int httpStatus)
{
    NegotiateResult result;
    result.error = error;
    result.errorString = message;
    result.httpStatus = httpStatus;
    return result;
}

// ---- Negotiator -----------------------------------------------------------------------------

Negotiator::Negotiator(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &Negotiator::onTimeout);
}

Negotiator::~Negotiator()
{
    cancel();
}

Negotiator::InputKind Negotiator::classify(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return InputKind::Invalid;
    for (const auto key : { "endpoint="_L1, "accesskey="_L1, "version="_L1, "port="_L1 }) {
        if (text.startsWith(key, Qt::CaseInsensitive))
            return InputKind::ConnectionString;
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return InputKind::Invalid;
    const QString scheme = url.scheme().toLower();
    if (scheme == "ws"_L1 || scheme == "wss"_L1)
        return InputKind::ClientUrl;
    if (scheme == "http"_L1 || scheme == "https"_L1)
        return InputKind::NegotiateUrl;
    return InputKind::Invalid;
}

void Negotiator::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void Negotiator::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_ssl = configuration;
    m_sslChanged = true;
}

void Negotiator::setTlsPin(const QByteArray &digest)
{
    if (digest == m_pin)
        return;
    m_pin = digest;
    m_sslChanged = true;
}

bool Negotiator::isBusy() const
{
    return m_busy;
}

QUrl Negotiator::negotiateUrlFor(const NegotiateRequest &request)
{
    QUrl url(request.input.trimmed(), QUrl::StrictMode);
    QUrlQuery query(url);
    const auto add = [&query](const QString &key, const QString &value) {
        if (value.isEmpty())
            return;
        const QString present = query.queryItemValue(key, QUrl::FullyDecoded);
        if (!present.isEmpty() && !(key == "user"_L1 && present == kUserPlaceholder))
            return;
        query.removeAllQueryItems(key);
        // Fully percent-encoded: app servers decode '+' as a space (form encoding).
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(u"board"_s, request.board);
    add(u"user"_s, request.userId);
    add(u"role"_s, request.role);
    url.setQuery(query);
    return url;
}

QString Negotiator::redacted(const QUrl &url)
{
    // One list of secret-bearing parts for the relay and the client (docs/security.md).
    return redactedUrl(url);
}

void Negotiator::negotiate(const NegotiateRequest &request)
{
    cancel();
    m_busy = true;
    switch (classify(request.input)) {
    case InputKind::Invalid:
        finishLater(NegotiateResult::failure(
            NegotiateResult::Error::InvalidInput,
            u"enter a negotiate URL (http[s]://…), a ws[s]:// URL with an access_token, or a "
            "connection string (Endpoint=…;AccessKey=…;)"_s));
        return;
    case InputKind::ClientUrl: {
        QUrl url(request.input.trimmed(), QUrl::StrictMode);
        url.setScheme(url.scheme().toLower());
        if (!hasAccessToken(url)) {
            finishLater(NegotiateResult::failure(
                NegotiateResult::Error::MissingToken,
                u"the URL %1 has no access_token; use a negotiate URL or a connection string"_s.arg(
                    redacted(url))));
            return;
        }
        finishLater(NegotiateResult::success(url));
        return;
    }
    case InputKind::ConnectionString:
        finishLater(fromConnectionString(request));
        return;
    case InputKind::NegotiateUrl:
        break;
    }

    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    if (std::exchange(m_sslChanged, false)) {
        // Connections opened (or refused) under the old TLS settings must not be reused.
        m_network->clearConnectionCache();
    }
    m_url = negotiateUrlFor(request);
    m_deadline.start(m_timeout);
    qCDebug(lcHub) << "negotiating with" << redacted(m_url);
    sendHttp(false);
}

NegotiateResult Negotiator::fromConnectionString(const NegotiateRequest &request) const
{
    using Error = NegotiateResult::Error;
    QString error;
    const auto cs = ConnectionString::parse(request.input.trimmed(), &error);
    if (!cs)
        return NegotiateResult::failure(Error::InvalidInput,
                                        u"connection string: %1"_s.arg(redactSecrets(error)));
    if (!isValidHubName(request.hub)) {
        return NegotiateResult::failure(
            Error::InvalidInput, u"'%1' is not a valid hub name"_s.arg(request.hub.left(130)));
    }
    // The relay's negotiate defaults: board "main", role "annotator".
    const QString board = request.board.isEmpty() ? u"main"_s : request.board;
    const QString role = request.role.isEmpty() ? u"annotator"_s : request.role;
    const QStringList roles = session::webPubSubRolesFor(role, board);
    if (roles.isEmpty()) {
        return NegotiateResult::failure(
            Error::InvalidInput,
            u"role '%1' on board '%2': the role must be viewer, annotator, source or admin and "
            "the board match [A-Za-z0-9_.-]{1,64}"_s.arg(role.left(64), board.left(80)));
    }
    ClientAccessOptions options;
    options.userId = request.userId;
    options.roles = roles;
    options.lifetimeSeconds = m_tokenLifetimeSeconds;
    return NegotiateResult::success(clientAccessFor(*cs, request.hub, options).url);
}

void Negotiator::sendHttp(bool post)
{
    QNetworkRequest request(m_url);
    request.setRawHeader("Accept", "application/json, text/plain;q=0.9, */*;q=0.5");
    const bool pinned
        = !m_pin.isEmpty() && m_url.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0;
    if (pinned) {
        request.setSslConfiguration(
            TlsPin::pinnedConfiguration(m_ssl.value_or(QSslConfiguration::defaultConfiguration())));
    } else if (m_ssl) {
        request.setSslConfiguration(*m_ssl);
    }
    QNetworkReply *reply = nullptr;
    if (post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        reply = m_network->post(request, "{}"_ba);
    } else {
        reply = m_network->get(request);
    }
    m_reply = reply;
    const QByteArray pin = pinned ? m_pin : QByteArray();
    connect(reply, &QNetworkReply::sslErrors, this, [reply, pin](const QList<QSslError> &errors) {
        const TlsPin::Verdict verdict
            = TlsPin::check(errors, reply->sslConfiguration().peerCertificate(), pin);
        if (verdict.accept) {
            // Exactly the errors checked, no more.
            reply->ignoreSslErrors(errors);
            return;
        }
        reply->setProperty("watchroomSslErrors", verdict.message);
    });
    if (pinned) {
        // A resumed TLS session reports no errors: compare the certificate once more.
        connect(reply, &QNetworkReply::encrypted, this, [reply, pin] {
            QString message;
            if (TlsPin::matches(reply->sslConfiguration().peerCertificate(), pin, &message))
                return;
            reply->setProperty("watchroomTlsRefused", message);
            reply->abort();
        });
    }
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, post] { onReplyFinished(reply, post); });
}

void Negotiator::onReplyFinished(QNetworkReply *reply, bool post)
{
    using Error = NegotiateResult::Error;
    reply->deleteLater();
    if (reply != m_reply)
        return; // cancelled or timed out
    m_reply = nullptr;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(kMaxBodyBytes);
    const QString where = redacted(m_url);

    if (const QString refused = reply->property("watchroomTlsRefused").toString();
        !refused.isEmpty()) {
        finish(NegotiateResult::failure(
            Error::Tls, u"TLS handshake with %1 failed: %2"_s.arg(hostPort(m_url), refused)));
        return;
    }
    if (status == 0) {
        switch (reply->error()) {
        case QNetworkReply::HostNotFoundError:
            finish(NegotiateResult::failure(
                Error::HostNotFound,
                u"cannot resolve the host '%1' (%2)"_s.arg(m_url.host(), where)));
            return;
        case QNetworkReply::ConnectionRefusedError:
            finish(NegotiateResult::failure(
                Error::ConnectionRefused,
                u"connection refused by %1; is the server running? (%2)"_s.arg(hostPort(m_url),
                                                                               where)));
            return;
        case QNetworkReply::SslHandshakeFailedError: {
            const QString details = reply->property("watchroomSslErrors").toString();
            finish(NegotiateResult::failure(
                Error::Tls,
                u"TLS handshake with %1 failed: %2"_s.arg(
                    hostPort(m_url),
                    details.isEmpty() ? redactSecrets(reply->errorString()) : details)));
            return;
        }
        case QNetworkReply::TimeoutError:
            finish(NegotiateResult::failure(Error::Timeout,
                                            u"no answer from %1 in time"_s.arg(where)));
            return;
        default:
            // Qt's message quotes the whole URL, invite and all.
            finish(NegotiateResult::failure(
                Error::Network,
                u"negotiate at %1 failed: %2"_s.arg(where, redactSecrets(reply->errorString()))));
            return;
        }
    }

    if (!post && (status == 404 || status == 405)) {
        qCDebug(lcHub) << "negotiate GET answered" << status << "- trying POST";
        sendHttp(true);
        return;
    }
    if (status < 200 || status >= 300) {
        const QString reason
            = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        finish(NegotiateResult::failure(
            Error::HttpStatus,
            u"negotiate at %1 answered HTTP %2%3%4: %5"_s.arg(
                where, QString::number(status), reason.isEmpty() ? QString() : u" "_s + reason,
                post ? u" (to POST, after GET was refused)"_s : QString(), excerpt(body)),
            status));
        return;
    }

    QString error;
    const auto url = parseNegotiateResponse(body, &error);
    if (!url) {
        finish(NegotiateResult::failure(
            Error::BadResponse, u"%1 (from %2)"_s.arg(redactSecrets(error), where), status));
        return;
    }
    const QUrl webSocketUrl = toWebSocketScheme(*url);
    if (!hasAccessToken(webSocketUrl)) {
        finish(NegotiateResult::failure(
            Error::MissingToken,
            u"negotiate at %1 returned %2, which has no access_token"_s.arg(where,
                                                                            redacted(webSocketUrl)),
            status));
        return;
    }
    NegotiateResult result = NegotiateResult::success(webSocketUrl);
    result.httpStatus = status;
    result.response = QJsonDocument::fromJson(body).object();
    finish(result);
}

void Negotiator::onTimeout()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->abort();
    finish(NegotiateResult::failure(NegotiateResult::Error::Timeout,
                                    u"no answer from %1 within %2 s"_s.arg(redacted(m_url))
                                        .arg(double(m_timeout.count()) / 1000.0)));
}

void Negotiator::cancel()
{
    ++m_generation;
    m_deadline.stop();
    m_busy = false;
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort();
    }
}

void Negotiator::finish(const NegotiateResult &result)
{
    m_deadline.stop();
    m_busy = false;
    if (result.ok())
        qCDebug(lcHub) << "negotiated" << redacted(result.url);
    else
        qCDebug(lcHub) << "negotiate failed:" << result.errorString;
    Q_EMIT finished(result);
}

void Negotiator::finishLater(const NegotiateResult &result)
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, result] {
            if (generation == m_generation)
                finish(result);
        },
        Qt::QueuedConnection);
}

} // namespace wr
