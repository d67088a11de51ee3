#include "relay.h"

#include "boardservices.h"
#include "clientauth.h"
#include "connectionstring.h"
#include "frontserver.h"
#include "httpapi.h"
#include "hub.h"
#include "logging.h"
#include "ratelimit.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// Qt HttpServer 6.4 warns about every WebSocket upgrade it is asked to refuse. The relay
// refuses unauthorised upgrades on purpose (and counts them in /metrics), so that warning would
// let anyone fill the log. Its debug and info lines print whole requests (URLs with invite
// secrets and access tokens, Authorization headers), so they stay off whatever the logging
// rules say: no secret may reach the log (docs/security.md). Chained, so the application's own
// rules still apply to everything else.
void quietHttpServerUpgradeWarnings(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
        category->setEnabled(QtWarningMsg, false);
    }
}
} // namespace

Relay::Relay(RelayConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_trustedProxies(m_config.trustedProxies)
{ }

Relay::~Relay()
{
    delete m_front;
    delete m_http;
    if (m_hub)
        m_hub->setGroupHook(nullptr);
    delete m_boards;
    delete m_hub;
}

bool Relay::loadAccessKeys(QString *error)
{
    for (const QString &key : std::as_const(m_config.accessKeys))
        m_keys.append(key.toUtf8());
    if (!m_keys.isEmpty())
        return true;
    const auto generate = [] {
        QByteArray raw(32, Qt::Uninitialized);
        QRandomGenerator::system()->generate(raw.begin(), raw.end());
        return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    if (m_config.dataDir.isEmpty()) {
        m_keys.append(generate());
        return true;
    }
    const QString path = QDir(m_config.dataDir).filePath(u"access-key"_s);
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the access key %1: %2"_s.arg(path, existing.errorString());
            return false;
        }
        const QByteArray key = existing.readAll().trimmed();
        if (key.size() < 16) {
            *error = u"the access key in %1 is shorter than 16 characters"_s.arg(path);
            return false;
        }
        m_keys.append(key);
        return true;
    }
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = u"cannot create the data directory %1"_s.arg(m_config.dataDir);
        return false;
    }
    QSaveFile file(path);
    const QByteArray key = generate();
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key + '\n') < 0 || !file.commit()) {
        *error = u"cannot write the access key %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    m_keys.append(key);
    return true;
}

bool Relay::start(QString *error)
{
    static const bool filterInstalled = [] {
        g_previousFilter = QLoggingCategory::installFilter(quietHttpServerUpgradeWarnings);
        return true;
    }();
    Q_UNUSED(filterInstalled);
    if (!loadAccessKeys(error))
        return false;

    SessionLimits limits;
    limits.bufferMessages = m_config.reliableBufferMessages;
    limits.bufferBytes = m_config.reliableBufferBytes;
    limits.maxPendingSendBytes = m_config.maxPendingSendBytes;
    limits.retentionSeconds = m_config.sessionRetentionSeconds;
    limits.maxFrameBytes = m_config.maxFrameBytes;
    limits.messagesPerSecond = m_config.maxMessagesPerSecond;
    limits.bytesPerSecond = m_config.maxBytesPerSecond;
    limits.limitLoopback = m_config.limitLoopback;
    m_hub = new HubService(limits, &m_metrics);
    m_boards = new BoardServices(m_hub, m_config.defaultHub);
    if (!m_boards->configure(m_config, error))
        return false;
    m_hub->setGroupHook(m_boards);

    m_webSockets
        = new QWebSocketServer(u"watchroom-relay"_s, QWebSocketServer::NonSecureMode, m_hub);
    m_webSockets->setSupportedSubprotocols(
        { QString(wps::kJsonReliableProtocol), QString(wps::kJsonProtocol) });
    m_webSockets->setMaxPendingConnections(1024);
    connect(m_webSockets, &QWebSocketServer::newConnection, m_hub, [this] {
        while (QWebSocket *socket = m_webSockets->nextPendingConnection()) {
            const QNetworkRequest handshake = socket->request();
            const ClientRequest request = inspectClientRequest(
                socket->requestUrl(), handshake.rawHeader("Authorization"), m_keys);
            const bool reliable = socket->subprotocol() == wps::kJsonReliableProtocol;
            QTcpSocket *transport
                = m_front->takeUpgradedSocket(socket->peerAddress(), socket->peerPort());
            QHostAddress client = socket->peerAddress();
            if (transport) {
                // The WebSocket now holds its address's connection count: once a QWebSocket
                // has taken the socket over, the socket's own destroyed() was never seen.
                const Admission admission = m_admitted.take(transport);
                if (!admission.client.isNull())
                    client = admission.client;
                if (const QString key = admission.countedKey; !key.isEmpty())
                    connect(socket, &QObject::destroyed, this,
                            [this, key] { releaseConnection(key); });
            }
            if (request.kind == ClientRequest::Kind::Recovery) {
                m_hub->recover(socket, transport, request.hub, request.connectionId,
                               request.reconnectionToken, client);
            } else if (request.authorized && !socket->subprotocol().isEmpty()) {
                m_hub->accept(socket, transport, request.identity, reliable, client);
            } else {
                // The front server checked this already; a token can expire in between.
                ++m_metrics.authFailures;
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, request.error.left(120));
                socket->deleteLater();
            }
        }
    });

    m_front = new FrontServer(m_webSockets);
    m_front->setListenBacklogSize(1024);
    m_front->setRouter([this](const RequestHead &head, QTcpSocket *socket,
                              FrontServer::Refusal *refusal) {
        if (!head.isWebSocketUpgrade())
            return FrontServer::Route::Http;
        if (chooseSubprotocol(head.header("sec-websocket-protocol")).isEmpty())
            return FrontServer::Route::Http; // answered with 400 by the HTTP side
        const ClientRequest request
            = inspectClientRequest(head.url, head.header("authorization"), m_keys);
        if (request.kind != ClientRequest::Kind::Recovery
            && !(request.kind == ClientRequest::Kind::New && request.authorized))
            return FrontServer::Route::Http; // answered with 401 before any WebSocket exists
        const QHostAddress client
            = m_trustedProxies.clientAddress(socket->peerAddress(), head.header("x-forwarded-for"));
        return admitConnection(socket, client, refusal) ? FrontServer::Route::WebSocket
                                                        : FrontServer::Route::Refuse;
    });
    connect(m_front, &FrontServer::badRequest, this, [this] { ++m_metrics.badHttpRequests; });

    if (!m_config.tlsCertificatePath.isEmpty()) {
        QFile certFile(m_config.tlsCertificatePath);
        QFile keyFile(m_config.tlsKeyPath);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the TLS certificate or key"_s;
            return false;
        }
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll());
        const QByteArray keyData = keyFile.readAll();
        QSslKey key(keyData, QSsl::Rsa);
        if (key.isNull())
            key = QSslKey(keyData, QSsl::Ec);
        if (chain.isEmpty() || key.isNull()) {
            *error = u"%1 is not a PEM certificate or %2 not a PEM RSA/EC private key"_s.arg(
                m_config.tlsCertificatePath, m_config.tlsKeyPath);
            return false;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_front->setTlsConfiguration(tls);
    }

    if (!m_front->listen(m_config.listenAddress, m_config.port)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(m_config.listenAddress.toString())
                     .arg(m_config.port)
                     .arg(m_front->errorString());
        return false;
    }

    HttpApiSettings settings;
    settings.keys = m_keys;
    settings.defaultHub = m_config.defaultHub;
    for (const InviteSecret &invite : std::as_const(m_config.invites))
        settings.invites.append({ invite.role, invite.secret });
    settings.tls = m_front->isTls();
    settings.endpoint = httpUrl();
    settings.endpointIsPublic = !m_config.publicUrl.isEmpty();
    settings.keeper = m_boards->hasKeeper();
    settings.sourceTokens = m_config.sourceTokens;
    settings.inviteFailuresPerMinute = m_config.inviteFailuresPerMinute;
    settings.trustedProxies = m_trustedProxies;
    m_http = new HttpApi(m_hub, &m_metrics, settings, m_boards);
    m_http->bind(m_front);
    m_boards->start();
    qCInfo(lcRelay) << "listening on" << httpUrl().toString();
    logTrustedProxies();
    return true;
}

void Relay::logTrustedProxies() const
{
    for (const auto &[address, prefix] : m_config.trustedProxies) {
        const QString range = address.toString() + u'/' + QString::number(prefix);
        qCInfo(lcRelay).noquote() << "trusting X-Forwarded-For from" << range;
        // Legal (a firewall may let only the proxy reach the port), but then every client can
        // name the address its limits are counted against.
        if (prefix == 0)
            qCWarning(lcRelay).noquote()
                << "--trusted-proxy" << range << "trusts every peer: any client that reaches the"
                << "port directly can choose the address its limits count against";
    }
    // A relay on loopback needs no invite, but a proxy in front of it exposes negotiate to
    // whoever the proxy lets in; the relay cannot tell, so it says so.
    if (!m_config.trustedProxies.isEmpty() && m_config.invites.isEmpty())
        qCWarning(lcRelay) << "a trusted proxy is configured but no invite secret: anyone the"
                           << "proxy lets through can negotiate any role";
}

bool Relay::admitConnection(QTcpSocket *socket, const QHostAddress &client,
                            FrontServer::Refusal *refusal)
{
    const int limit = m_config.maxConnectionsPerAddress;
    // The exemption follows the effective client: a trusted proxy on loopback forwarding
    // clients from elsewhere does not make them loopback clients.
    const bool counted = limit > 0 && (m_config.limitLoopback || !isLoopbackAddress(client));
    const QString key = counted ? addressKey(client) : QString();
    if (counted) {
        const int open = m_connectionsPerAddress.value(key);
        if (open >= limit) {
            ++m_metrics.limitRefusalsConnections;
            qCInfo(lcRelay) << "refused a WebSocket from" << key << ": it has" << open
                            << "connections open";
            refusal->message = u"too many connections from this address: %1 are open, the most "
                               "this relay allows per address"_s.arg(open);
            return false;
        }
        ++m_connectionsPerAddress[key];
    }
    // Held by the TCP socket until its WebSocket exists (a failed handshake frees the socket),
    // then by the WebSocket (see the newConnection handler).
    m_admitted.insert(socket, { client, key });
    connect(socket, &QObject::destroyed, this, [this, socket] {
        if (const QString held = m_admitted.take(socket).countedKey; !held.isEmpty())
            releaseConnection(held);
    });
    return true;
}

void Relay::releaseConnection(const QString &key)
{
    const auto it = m_connectionsPerAddress.find(key);
    if (it != m_connectionsPerAddress.end() && --*it <= 0)
        m_connectionsPerAddress.erase(it);
}

void Relay::stop()
{
    if (m_boards)
        m_boards->stop();
    if (m_hub)
        m_hub->closeEverything(u"the relay is shutting down"_s);
    if (m_front)
        m_front->close();
}

quint16 Relay::port() const
{
    return m_front ? m_front->serverPort() : 0;
}

QUrl Relay::httpUrl() const
{
    if (!m_config.publicUrl.isEmpty()) {
        QUrl url(m_config.publicUrl);
        if (!url.path().endsWith(u'/'))
            url.setPath(url.path() + u'/');
        return url;
    }
    // A wildcard address is no place to connect to; advertise loopback for this machine
    // (negotiate answers with the host each client used).
    QUrl url = listenUrl();
    const QHostAddress address(url.host());
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any)
        url.setHost(QHostAddress(QHostAddress::LocalHost).toString());
    else if (address == QHostAddress::AnyIPv6)
        url.setHost(QHostAddress(QHostAddress::LocalHostIPv6).toString());
    return url;
}

QUrl Relay::listenUrl() const
{
    QUrl url;
    url.setScheme(m_front && m_front->isTls() ? u"https"_s : u"http"_s);
    url.setHost(m_config.listenAddress.toString());
    url.setPort(port());
    url.setPath(u"/"_s);
    return url;
}

QString Relay::connectionString() const
{
    ConnectionString cs;
    cs.endpoint = httpUrl();
    cs.accessKey = QString::fromUtf8(m_keys.value(0));
    cs.version = u"1.0"_s;
    return cs.toString();
}

QUrl Relay::negotiateUrl(const QString &board) const
{
    QUrl url = httpUrl().resolved(QUrl(u"negotiate"_s));
    QUrlQuery query;
    query.addQueryItem(u"board"_s, board);
    query.addQueryItem(u"role"_s, u"annotator"_s);
    url.setQuery(query);
    return url;
}

} // namespace wr
