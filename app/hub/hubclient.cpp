#include "hubclient.h"
#include "overloaded.h"

#include "logging.h"
#include "redact.h"
#include "tlspin.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslError>
#include <QSslSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace wr {

namespace {

constexpr int kCloseAbnormal = QWebSocketProtocol::CloseCodeAbnormalDisconnection; // 1006
constexpr int kClosePolicy = QWebSocketProtocol::CloseCodePolicyViolated; // 1008

const QLatin1StringView kOutboxFull { "OutboxFull" };
const QLatin1StringView kTimeout { "Timeout" };
const QLatin1StringView kClientStopped { "ClientStopped" };

QString checkGroup(const QString &group)
{
    if (group.trimmed().isEmpty())
        return u"the group name is empty"_s;
    if (group.size() > wps::kMaxGroupNameLength)
        return u"group names are at most %1 characters"_s.arg(wps::kMaxGroupNameLength);
    return {};
}

bool isDataMessage(const wps::ClientMessage &message)
{
    return std::holds_alternative<wps::SendToGroup>(message)
        || std::holds_alternative<wps::SendEvent>(message);
}

// Qt 6.4 reports a refused WebSocket upgrade only in the error string, e.g.
// "QWebSocketPrivate::processHandshake: Unhandled http status code: 401 (Unauthorized)."
struct HandshakeStatus
{
    int code = 0;
    QString phrase;
};

HandshakeStatus handshakeStatus(const QString &errorString)
{
    static const QRegularExpression re(uR"(status code: (\d{3})(?: \(([^)]*)\))?)"_s);
    const auto match = re.match(errorString);
    if (!match.hasMatch())
        return {};
    return { match.captured(1).toInt(), match.captured(2) };
}

} // namespace

HubClient::HubClient(HubClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_clock.start();
    m_attemptTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_recoveryDeadline.setSingleShot(true);
    m_outboxTimer.setSingleShot(true);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &HubClient::continueFlush);
    connect(&m_attemptTimer, &QTimer::timeout, this, &HubClient::onAttemptTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Recovering)
            attemptRecovery();
        else if (m_state == State::Reconnecting)
            beginNewConnection();
    });
    connect(&m_recoveryDeadline, &QTimer::timeout, this, [this] {
        giveUpRecovery(u"could not recover the connection within %1 s"_s.arg(
            double(m_options.recoveryWindow.count()) / 1000.0));
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &HubClient::sendPing);
    connect(&m_livenessTimer, &QTimer::timeout, this, &HubClient::checkLiveness);
    connect(&m_sequenceAckTimer, &QTimer::timeout, this, &HubClient::flushSequenceAck);
    connect(&m_outboxTimer, &QTimer::timeout, this, &HubClient::onOutboxTimer);
    connect(&m_statsTimer, &QTimer::timeout, this, &HubClient::onStatsTick);
}

HubClient::~HubClient()
{
    ++m_attemptGeneration;
    if (m_negotiator)
        m_negotiator->cancel();
    if (QWebSocket *socket = m_socket) {
        socket->disconnect(this);
        if (m_socketOpen && socket->state() == QAbstractSocket::ConnectedState) {
            // A clean close tells the service the session is over; flush so the close frame
            // leaves before the socket is destroyed with us.
            socket->close(QWebSocketProtocol::CloseCodeNormal, u"client closed"_s);
            socket->flush();
        }
        delete socket;
    }
}

// ---- public API -----------------------------------------------------------------------------

bool HubClient::start(const NegotiateRequest &request)
{
    if (m_state != State::Stopped && m_state != State::Offline) {
        qCWarning(lcHub) << "start() ignored: the client is" << m_state;
        return false;
    }
    if (!m_negotiator) {
        m_negotiator = new Negotiator(this);
        connect(m_negotiator, &Negotiator::finished, this, [this](const NegotiateResult &result) {
            const UrlCallback done = std::exchange(m_negotiatorDone, {});
            if (done)
                done(result);
        });
    }
    m_negotiator->setTimeout(m_options.connectTimeout);
    if (m_options.sslConfiguration)
        m_negotiator->setSslConfiguration(*m_options.sslConfiguration);
    m_negotiator->setTlsPin(m_options.tlsPin);
    // A pasted ws(s):// URL carries a token that cannot be renewed.
    const bool renewable = Negotiator::classify(request.input) != Negotiator::InputKind::ClientUrl;
    return startWith(
        [this, request](const UrlCallback &done) {
            m_negotiatorDone = done;
            m_negotiator->negotiate(request);
        },
        renewable);
}

bool HubClient::start(const QUrl &clientAccessUrl)
{
    if (m_state != State::Stopped && m_state != State::Offline) {
        qCWarning(lcHub) << "start() ignored: the client is" << m_state;
        return false;
    }
    NegotiateRequest request;
    request.input = clientAccessUrl.toString(QUrl::FullyEncoded);
    return start(request);
}

bool HubClient::start(UrlProvider provider)
{
    return startWith(std::move(provider), true);
}

bool HubClient::startWith(UrlProvider provider, bool renewable)
{
    if (m_state != State::Stopped && m_state != State::Offline) {
        qCWarning(lcHub) << "start() ignored: the client is" << m_state;
        return false;
    }
    m_provider = std::move(provider);
    m_renewableUrl = renewable;
    m_reconnectAttempt = 0;
    m_rateBaseMs = m_clock.elapsed();
    m_rateInBase = m_stats.messagesIn;
    m_rateOutBase = m_stats.messagesOut;
    m_statsTimer.start(m_options.statsInterval);
    setState(m_state == State::Offline ? State::Reconnecting : State::Connecting);
    if (m_state == State::Connecting || m_state == State::Reconnecting)
        beginNewConnection();
    return true;
}

void HubClient::stop()
{
    if (m_state == State::Stopped)
        return;
    ++m_attemptGeneration;
    m_negotiatorDone = {};
    if (m_negotiator)
        m_negotiator->cancel();
    m_attemptTimer.stop();
    m_retryTimer.stop();
    m_recoveryDeadline.stop();
    m_outboxTimer.stop();
    m_statsTimer.stop();
    stopSessionTimers();
    discardSocket(true);
    m_provider = {};
    m_connectionId.clear();
    m_reconnectionToken.clear();
    m_groups.clear();
    m_ackDeadlines.clear();
    m_retriesDue.clear();
    // Failures are reported after the state change, from a copy: a slot may start() again.
    std::map<quint64, Pending> pending;
    pending.swap(m_outbox);
    m_stats.outboxSize = 0;
    setState(State::Stopped);
    qCDebug(lcHub) << "stopped;" << pending.size() << "acked sends failed";
    for (const auto &[ackId, entry] : pending) {
        if (entry.internal)
            continue;
        Q_EMIT sendFailed(ackId, kClientStopped,
                          u"the client was stopped before the service acknowledged"_s);
    }
}

void HubClient::reconnectNow()
{
    if (m_state == State::Reconnecting && m_retryTimer.isActive()) {
        m_retryTimer.stop();
        beginNewConnection();
    } else if (m_state == State::Offline && m_provider) {
        m_reconnectAttempt = 0;
        setState(State::Reconnecting);
        if (m_state == State::Reconnecting)
            beginNewConnection();
    }
}

quint64 HubClient::joinGroup(const QString &group)
{
    const quint64 ackId = m_nextAckId++;
    if (const QString problem = checkGroup(group); !problem.isEmpty())
        return rejectLater(ackId, wps::AckError::BadRequest, problem);
    // Remembered for rejoining only when it is actually queued.
    if (qsizetype(m_outbox.size()) < m_options.outboxLimit)
        m_groups.insert(group);
    return enqueue(wps::JoinGroup { group, ackId }, ackId, group, true);
}

quint64 HubClient::leaveGroup(const QString &group)
{
    const quint64 ackId = m_nextAckId++;
    if (const QString problem = checkGroup(group); !problem.isEmpty())
        return rejectLater(ackId, wps::AckError::BadRequest, problem);
    if (qsizetype(m_outbox.size()) < m_options.outboxLimit)
        m_groups.remove(group);
    return enqueue(wps::LeaveGroup { group, ackId }, ackId, group, false);
}

quint64 HubClient::sendToGroup(const QString &group, const QJsonValue &data, wps::DataType dataType,
                               bool noEcho)
{
    const quint64 ackId = m_nextAckId++;
    if (const QString problem = checkGroup(group); !problem.isEmpty())
        return rejectLater(ackId, wps::AckError::BadRequest, problem);
    QString problem;
    if (!wps::isValidPayload(dataType, data, &problem))
        return rejectLater(ackId, wps::AckError::BadRequest, problem);
    return enqueue(wps::SendToGroup { group, ackId, noEcho, dataType, data }, ackId, group, false);
}

quint64 HubClient::sendEvent(const QString &event, const QJsonValue &data, wps::DataType dataType)
{
    const quint64 ackId = m_nextAckId++;
    if (event.trimmed().isEmpty())
        return rejectLater(ackId, wps::AckError::BadRequest, u"the event name is empty"_s);
    QString problem;
    if (!wps::isValidPayload(dataType, data, &problem))
        return rejectLater(ackId, wps::AckError::BadRequest, problem);
    return enqueue(wps::SendEvent { event, ackId, dataType, data }, ackId, {}, false);
}

bool HubClient::sendToGroupFireAndForget(const QString &group, const QJsonValue &data,
                                         wps::DataType dataType, bool noEcho)
{
    if (!checkGroup(group).isEmpty() || !wps::isValidPayload(dataType, data)) {
        qCWarning(lcHub) << "fire-and-forget send to" << group.left(80) << "is invalid";
        return false;
    }
    return fireAndForget(wps::SendToGroup { group, std::nullopt, noEcho, dataType, data });
}

bool HubClient::sendEventFireAndForget(const QString &event, const QJsonValue &data,
                                       wps::DataType dataType)
{
    if (event.trimmed().isEmpty() || !wps::isValidPayload(dataType, data)) {
        qCWarning(lcHub) << "fire-and-forget event" << event.left(80) << "is invalid";
        return false;
    }
    return fireAndForget(wps::SendEvent { event, std::nullopt, dataType, data });
}

HubStats HubClient::stats() const
{
    HubStats stats = m_stats;
    stats.outboxSize = qsizetype(m_outbox.size());
    return stats;
}

std::chrono::milliseconds HubClient::backoffBound(int attempt, std::chrono::milliseconds base,
                                                  std::chrono::milliseconds cap)
{
    if (base <= 0ms)
        return 0ms;
    if (attempt >= 31)
        return cap;
    const qint64 bound = base.count() * (qint64(1) << std::max(attempt, 0));
    return std::chrono::milliseconds(std::min<qint64>(bound, cap.count()));
}

QUrl HubClient::recoveryUrl(const QUrl &url, const QString &connectionId,
                            const QString &reconnectionToken)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(u"awps_connection_id"_s);
    query.removeAllQueryItems(u"awps_reconnection_token"_s);
    // Fully percent-encoded: services decode '+' as a space (URLSearchParams).
    query.addQueryItem(u"awps_connection_id"_s,
                       QString::fromLatin1(QUrl::toPercentEncoding(connectionId)));
    query.addQueryItem(u"awps_reconnection_token"_s,
                       QString::fromLatin1(QUrl::toPercentEncoding(reconnectionToken)));
    QUrl out = url;
    out.setQuery(query);
    return out;
}

// ---- state ----------------------------------------------------------------------------------

void HubClient::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcHub) << m_state << "→" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void HubClient::fail(const QString &message)
{
    m_lastError = message;
    qCInfo(lcHub).noquote() << message;
    // Queued: transitions continue after this, and a slot that stop()s must not cut one short.
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT errorOccurred(message); }, Qt::QueuedConnection);
}

void HubClient::beginNewConnection()
{
    discardSocket(false);
    m_retryTimer.stop();
    m_recoveryDeadline.stop();
    m_connectionId.clear();
    m_reconnectionToken.clear();
    const quint64 generation = ++m_attemptGeneration;
    // The Negotiator reports its own (more precise) timeout first.
    m_attemptTimer.start(m_options.connectTimeout + 1000ms);
    QPointer<HubClient> self(this);
    // A copy: the provider may answer synchronously, and a slot may stop() (resetting
    // m_provider) while it runs.
    const UrlProvider provider = m_provider;
    provider([self, generation](const NegotiateResult &result) {
        if (self && generation == self->m_attemptGeneration)
            self->onUrl(result);
    });
}

void HubClient::onUrl(const NegotiateResult &result)
{
    m_attemptTimer.stop();
    ++m_attemptGeneration; // one answer per request
    if (!result.ok()) {
        attemptFailed(result.errorString, result.isPermanent());
        return;
    }
    m_url = result.url;
    openSocket(m_url);
}

void HubClient::openSocket(const QUrl &url)
{
    discardSocket(false);
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    m_socketOpen = false;
    m_closeFrameReceived = false;
    m_transportFailed = false;
    m_tlsRefusal.clear();
    const bool pinned
        = !m_options.tlsPin.isEmpty() && url.scheme().compare("wss"_L1, Qt::CaseInsensitive) == 0;
    if (pinned) {
        socket->setSslConfiguration(TlsPin::pinnedConfiguration(
            m_options.sslConfiguration.value_or(QSslConfiguration::defaultConfiguration())));
    } else if (m_options.sslConfiguration) {
        socket->setSslConfiguration(*m_options.sslConfiguration);
    }
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        if (socket == m_socket)
            onSocketOpened();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        if (socket == m_socket)
            onFrame(text.toUtf8());
    });
    // The service sends text; JSON in a binary frame is still JSON.
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray &data) {
                if (socket == m_socket)
                    onFrame(data);
            });
    // Qt emits aboutToClose when a close frame arrives (our own closes are not connected), and
    // passes on its TCP socket's when a write to a reset connection failed and Qt aborted that
    // socket: then errorOccurred came first (connected below, once the socket exists), and no
    // close frame came.
    connect(socket, &QWebSocket::aboutToClose, this, [this, socket] {
        if (socket == m_socket && !m_transportFailed)
            m_closeFrameReceived = true;
    });
    const QByteArray pin = pinned ? m_options.tlsPin : QByteArray();
    connect(socket, &QWebSocket::sslErrors, this,
            [this, socket, pin](const QList<QSslError> &errors) {
                if (socket != m_socket)
                    return;
                // QWebSocket updates its sslConfiguration() only after the handshake; the
                // QSslSocket it owns (a child) knows the peer's certificate already.
                const auto *tls = socket->findChild<QSslSocket *>();
                const TlsPin::Verdict verdict
                    = TlsPin::check(errors, tls ? tls->peerCertificate() : QSslCertificate(), pin);
                if (!verdict.accept) {
                    m_tlsRefusal = verdict.message;
                    return;
                }
                // QWebSocket 6.4 applies ignoreSslErrors(list) only to the next open(); the
                // overload without a list reaches the running handshake and ignores exactly
                // the errors of this signal, each of which was checked above.
                socket->ignoreSslErrors();
            });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketLost(socket); });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                // After the handshake, disconnected() follows and carries the close code.
                if (socket == m_socket && !m_socketOpen)
                    onSocketLost(socket);
            });
    m_attemptTimer.start(m_options.connectTimeout);
    qCDebug(lcHub) << "opening" << Negotiator::redacted(url);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({ m_options.subprotocol });
    socket->open(QNetworkRequest(url), handshake);
    if (auto *transport = socket->findChild<QAbstractSocket *>()) {
        connect(transport, &QAbstractSocket::errorOccurred, this, [this, socket] {
            if (socket == m_socket)
                m_transportFailed = true;
        });
    }
}

void HubClient::onSocketOpened()
{
    if (!m_options.tlsPin.isEmpty() && m_url.scheme().compare("wss"_L1, Qt::CaseInsensitive) == 0) {
        // A resumed TLS session reports no errors: compare the certificate once more.
        QString message;
        if (!TlsPin::matches(m_socket->sslConfiguration().peerCertificate(), m_options.tlsPin,
                             &message)) {
            attemptFailed(u"TLS handshake with %1 failed: %2"_s.arg(m_url.host(), message), true);
            return;
        }
    }
    m_socketOpen = true;
    m_lastInboundMs = m_clock.elapsed();
    if (m_socket->subprotocol() != m_options.subprotocol) {
        attemptFailed(u"the service did not accept the subprotocol %1 (it answered '%2')"_s.arg(
                          m_options.subprotocol, m_socket->subprotocol()),
                      true);
    }
    // Otherwise wait for the `connected` system message; the attempt timer keeps running.
}

void HubClient::onSocketLost(QWebSocket *socket)
{
    if (socket != m_socket)
        return;
    const bool wasOpen = m_socketOpen;
    const int code = wasOpen ? int(socket->closeCode()) : 0;
    const QString reason = socket->closeReason();
    // Qt's messages may quote the URL, and with it the access token.
    const QString error = redactSecrets(socket->errorString());
    // Without a close frame Qt leaves closeCode() at its default: report 1006 instead.
    const bool closeFrame = m_closeFrameReceived;
    discardSocket(false);

    if (m_state == State::Connected) {
        m_lastCloseCode = closeFrame ? code : kCloseAbnormal;
        m_lastCloseReason = closeFrame ? reason : QString();
        fail(closeFrame ? u"the service closed the connection (%1%2)"_s.arg(code).arg(
                 reason.isEmpty() ? QString() : u" "_s + reason)
                        : u"the connection dropped: %1"_s.arg(error));
        transportLost(m_lastCloseCode);
        return;
    }

    if (wasOpen && closeFrame) {
        m_lastCloseCode = code;
        m_lastCloseReason = reason;
        if (m_state == State::Recovering && code == kClosePolicy) {
            giveUpRecovery(u"the service refused the recovery (1008 %1); starting a new "
                           "connection"_s.arg(reason));
            return;
        }
    }
    const HandshakeStatus status = handshakeStatus(error);
    QString message;
    if (!m_tlsRefusal.isEmpty()) {
        // A certificate that is not trusted now will not be trusted on the next attempt.
        attemptFailed(u"TLS handshake with %1 failed: %2"_s.arg(m_url.host(), m_tlsRefusal), true);
        return;
    }
    if (status.code)
        message = u"the service refused the connection: HTTP %1 %2"_s.arg(status.code)
                      .arg(status.phrase);
    else if (wasOpen && closeFrame)
        message = u"the service closed the connection before it was ready (%1 %2)"_s.arg(code).arg(
            reason);
    else
        message = u"cannot connect to %1: %2"_s.arg(m_url.host(), error);
    // A refused upgrade with a URL that cannot be renewed will be refused forever.
    const bool permanent = !m_renewableUrl && m_state != State::Recovering && status.code >= 400
        && status.code < 500 && status.code != 408 && status.code != 429;
    attemptFailed(message, permanent);
}

void HubClient::onAttemptTimeout()
{
    const double seconds = double(m_options.connectTimeout.count()) / 1000.0;
    if (!m_socket) {
        ++m_attemptGeneration; // a late URL is ignored
        if (m_negotiator)
            m_negotiator->cancel();
        m_negotiatorDone = {};
        attemptFailed(u"no connection URL within %1 s"_s.arg(seconds), false);
        return;
    }
    attemptFailed(u"no answer from %1 within %2 s"_s.arg(m_url.host()).arg(seconds), false);
}

void HubClient::discardSocket(bool graceful)
{
    m_attemptTimer.stop();
    QWebSocket *socket = m_socket;
    if (!socket)
        return;
    m_socket = nullptr;
    const bool open = m_socketOpen;
    m_socketOpen = false;
    socket->disconnect(this);
    if (graceful && open && socket->state() == QAbstractSocket::ConnectedState) {
        // A close frame tells the service the session is over. Flushed at once, so it leaves
        // even if this client is destroyed before the closing handshake completes. Connected
        // first: close() may disconnect synchronously.
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCodeNormal, u"client stopped"_s);
        socket->flush();
        QTimer::singleShot(2000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        return;
    }
    // No close frame: the service keeps a reliable session for a recovery.
    socket->abort();
    socket->deleteLater();
}

void HubClient::attemptFailed(const QString &reason, bool permanent)
{
    discardSocket(false);
    fail(reason);
    if (m_state == State::Recovering) {
        if (permanent)
            giveUpRecovery(reason);
        else if (m_recoveryDeadline.isActive())
            m_retryTimer.start(m_options.recoveryInterval);
        return;
    }
    if (permanent)
        goOffline(reason);
    else
        scheduleReconnect();
}

void HubClient::scheduleReconnect()
{
    discardSocket(false);
    stopSessionTimers();
    m_recoveryDeadline.stop();
    m_connectionId.clear();
    m_reconnectionToken.clear();
    if (m_options.maxReconnectAttempts > 0
        && m_reconnectAttempt >= m_options.maxReconnectAttempts) {
        goOffline(u"gave up after %1 attempts; last error: %2"_s.arg(m_reconnectAttempt)
                      .arg(m_lastError));
        return;
    }
    const auto bound
        = backoffBound(m_reconnectAttempt, m_options.reconnectBase, m_options.reconnectCap);
    // Full jitter: clients that lost the service together do not come back together.
    const qint64 delay = bound.count() > 0
        ? qint64(QRandomGenerator::global()->bounded(quint64(bound.count()) + 1))
        : 0;
    ++m_reconnectAttempt;
    setState(State::Reconnecting);
    if (m_state != State::Reconnecting)
        return;
    qCDebug(lcHub) << "reconnect attempt" << m_reconnectAttempt << "in" << delay << "ms";
    m_retryTimer.start(std::chrono::milliseconds(delay));
    Q_EMIT reconnectScheduled(int((delay + 999) / 1000));
}

void HubClient::goOffline(const QString &reason)
{
    ++m_attemptGeneration;
    m_negotiatorDone = {};
    if (m_negotiator)
        m_negotiator->cancel();
    discardSocket(false);
    stopSessionTimers();
    m_retryTimer.stop();
    m_recoveryDeadline.stop();
    m_connectionId.clear();
    m_reconnectionToken.clear();
    if (m_lastError != reason)
        fail(reason);
    qCWarning(lcHub).noquote() << "offline:" << reason;
    setState(State::Offline);
}

void HubClient::transportLost(int closeCode)
{
    stopSessionTimers();
    if (m_reliable && !m_connectionId.isEmpty() && !m_reconnectionToken.isEmpty()
        && closeCode != kClosePolicy) {
        startRecovery();
        return;
    }
    scheduleReconnect();
}

void HubClient::startRecovery()
{
    qCInfo(lcHub) << "recovering connection" << m_connectionId;
    setState(State::Recovering);
    if (m_state != State::Recovering)
        return;
    m_recoveryDeadline.start(m_options.recoveryWindow);
    attemptRecovery();
}

void HubClient::attemptRecovery()
{
    openSocket(recoveryUrl(m_url, m_connectionId, m_reconnectionToken));
}

void HubClient::giveUpRecovery(const QString &reason)
{
    m_recoveryDeadline.stop();
    m_retryTimer.stop();
    discardSocket(false);
    fail(reason);
    scheduleReconnect();
}

void HubClient::sessionEstablished(const wps::Connected &message)
{
    m_attemptTimer.stop();
    if (m_state == State::Connected) {
        // The service may refresh the reconnection token.
        if (message.connectionId == m_connectionId && message.reconnectionToken)
            m_reconnectionToken = *message.reconnectionToken;
        return;
    }
    const bool recovered = m_state == State::Recovering && message.connectionId == m_connectionId;
    m_recoveryDeadline.stop();
    m_retryTimer.stop();
    ++m_epoch;
    m_reconnectAttempt = 0;
    if (recovered) {
        if (message.reconnectionToken)
            m_reconnectionToken = *message.reconnectionToken;
        ++m_stats.recoveries;
        qCInfo(lcHub) << "recovered connection" << m_connectionId;
        setState(State::Connected);
        if (m_state != State::Connected)
            return;
        startSessionTimers();
        // Tell the service at once what survived, so it can release its buffer.
        m_ackedSequenceId = 0;
        flushSequenceAck();
        flushOutbox();
        return;
    }

    m_connectionId = message.connectionId;
    m_userId = message.userId.value_or(QString());
    m_reconnectionToken = message.reconnectionToken.value_or(QString());
    m_reliable = m_socket && m_socket->subprotocol() == wps::kJsonReliableProtocol;
    m_largestSequenceId = 0;
    m_ackedSequenceId = 0;
    m_stats.lastSequenceId = 0;
    if (m_hadConnection)
        ++m_stats.reconnects;
    m_hadConnection = true;
    qCInfo(lcHub) << "connected" << m_connectionId << "as" << m_userId;
    setState(State::Connected);
    if (m_state != State::Connected)
        return;
    startSessionTimers();
    rejoinGroups();
    flushOutbox();
    Q_EMIT connected(m_connectionId, m_userId);
}

void HubClient::startSessionTimers()
{
    m_lastInboundMs = m_clock.elapsed();
    m_pingSentMs = -1;
    if (m_options.pingInterval > 0ms)
        m_pingTimer.start(m_options.pingInterval);
    if (m_options.livenessTimeout > 0ms)
        m_livenessTimer.start(
            std::max<std::chrono::milliseconds>(m_options.livenessTimeout / 4, 10ms));
    if (m_reliable)
        m_sequenceAckTimer.start(m_options.sequenceAckInterval);
    // A first round trip right away, so stats have one before the first interval.
    if (m_options.pingInterval > 0ms)
        sendPing();
}

void HubClient::stopSessionTimers()
{
    m_pingTimer.stop();
    m_livenessTimer.stop();
    m_sequenceAckTimer.stop();
    m_flushTimer.stop(); // the next session flushes from its start
    m_pingSentMs = -1;
}

void HubClient::checkLiveness()
{
    if (m_state != State::Connected)
        return;
    const qint64 silentMs = m_clock.elapsed() - m_lastInboundMs;
    if (silentMs < m_options.livenessTimeout.count())
        return;
    // Half-open connections (sleep, a dead NAT entry) never report an error by themselves.
    discardSocket(false);
    m_lastCloseCode = kCloseAbnormal;
    m_lastCloseReason.clear();
    fail(u"no data from the service for %1 s; the connection is considered dead"_s.arg(
        double(silentMs) / 1000.0));
    transportLost(kCloseAbnormal);
}

void HubClient::sendPing()
{
    if (m_state != State::Connected)
        return;
    if (writeFrame(wps::encode(wps::Ping {})) && m_pingSentMs < 0)
        m_pingSentMs = m_clock.elapsed();
}

// ---- frames ---------------------------------------------------------------------------------

bool HubClient::writeFrame(const QByteArray &frame)
{
    if (!m_socket || !m_socketOpen)
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    return true;
}

void HubClient::onFrame(const QByteArray &frame)
{
    m_lastInboundMs = m_clock.elapsed();
    const wps::ServiceDecodeResult decoded = wps::decodeServiceMessage(frame);
    if (!decoded.ok()) {
        if (!decoded.unknownType)
            qCWarning(lcHub) << "ignored a frame from the service:" << decoded.error;
        return;
    }
    std::visit(Overloaded {
                   [this](const wps::Connected &m) { sessionEstablished(m); },
                   [this](const wps::Disconnected &m) {
                       fail(u"the service is closing the connection: %1"_s.arg(m.message));
                   },
                   [this](const wps::Pong &) {
                       if (m_pingSentMs >= 0) {
                           m_stats.roundTripMs = m_clock.elapsed() - m_pingSentMs;
                           m_pingSentMs = -1;
                       }
                   },
                   [this](const wps::Ack &m) { onAck(m); },
                   [this](const wps::GroupMessage &m) {
                       onData(m.sequenceId, [&] {
                           Q_EMIT groupMessage(m.group, m.fromUserId.value_or(QString()),
                                               m.dataType, m.data);
                       });
                   },
                   [this](const wps::ServerMessage &m) {
                       onData(m.sequenceId, [&] { Q_EMIT serverMessage(m.dataType, m.data); });
                   },
               },
               *decoded.message);
}

void HubClient::onData(std::optional<quint64> sequenceId, const std::function<void()> &deliver)
{
    if (m_state != State::Connected) {
        qCDebug(lcHub) << "data before the session was ready, ignored";
        return;
    }
    if (sequenceId && m_reliable) {
        if (*sequenceId <= m_largestSequenceId) {
            ++m_stats.duplicatesDropped; // replayed after a recovery
            return;
        }
        const quint64 jump = *sequenceId - m_largestSequenceId;
        m_largestSequenceId = *sequenceId;
        m_stats.lastSequenceId = *sequenceId;
        // Ack on receipt, not after processing; at once when the service is far ahead or
        // enough has arrived since the last ack to threaten the service's un-acked buffer.
        if (jump > m_options.sequenceAckGap
            || m_largestSequenceId - m_ackedSequenceId >= m_options.sequenceAckBacklog)
            flushSequenceAck();
    }
    ++m_stats.messagesIn;
    deliver();
}

void HubClient::flushSequenceAck()
{
    if (!m_reliable || m_state != State::Connected || m_largestSequenceId <= m_ackedSequenceId)
        return;
    if (writeFrame(wps::encode(wps::SequenceAck { m_largestSequenceId })))
        m_ackedSequenceId = m_largestSequenceId;
}

void HubClient::onAck(const wps::Ack &ack)
{
    const auto it = m_outbox.find(ack.ackId);
    if (it == m_outbox.end()) {
        qCDebug(lcHub) << "ack for unknown ackId" << ack.ackId;
        return;
    }
    if (ack.success || ack.errorName == wps::AckError::Duplicate) {
        // Duplicate: a retry of something the service already did.
        if (!ack.success)
            ++m_stats.duplicateAcks;
        completeEntry(ack.ackId, true, {}, {});
        return;
    }
    // Permanent: retrying the same request cannot change the answer.
    if (ack.errorName == wps::AckError::Forbidden || ack.errorName == wps::AckError::BadRequest) {
        completeEntry(ack.ackId, false, ack.errorName, ack.errorMessage);
        return;
    }
    Pending &entry = it->second;
    if (++entry.retries > m_options.maxAckRetries) {
        completeEntry(
            ack.ackId, false, ack.errorName,
            u"%1 (gave up after %2 retries)"_s.arg(ack.errorMessage).arg(m_options.maxAckRetries));
        return;
    }
    qCDebug(lcHub) << "ack" << ack.ackId << "failed with" << ack.errorName << "- retrying";
    entry.phase = Pending::Phase::RetryWait;
    m_retriesDue.push_back({ m_clock.elapsed() + m_options.ackRetryDelay.count(), ack.ackId, 0 });
    scheduleOutboxTimer();
}

// ---- outbox ---------------------------------------------------------------------------------

quint64 HubClient::enqueue(wps::ClientMessage message, quint64 ackId, const QString &group,
                           bool isJoin, bool internal)
{
    if (!internal && qsizetype(m_outbox.size()) >= m_options.outboxLimit) {
        return rejectLater(
            ackId, kOutboxFull,
            u"%1 acked sends are already waiting for the service"_s.arg(m_outbox.size()));
    }
    Pending entry;
    entry.message = std::move(message);
    entry.group = group;
    entry.isJoin = isJoin;
    entry.internal = internal;
    auto [it, inserted] = m_outbox.emplace(ackId, std::move(entry));
    Q_ASSERT(inserted);
    m_stats.outboxSize = qsizetype(m_outbox.size());
    if (m_state == State::Connected) {
        // Rejoins go first and are few; the rest keeps its place behind a paced flush.
        if (internal)
            transmit(ackId, it->second);
        else
            continueFlush();
    }
    return ackId;
}

quint64 HubClient::rejectLater(quint64 ackId, const QString &errorName, const QString &message)
{
    // Queued: the caller learns the ackId before the failure arrives.
    QMetaObject::invokeMethod(
        this, [this, ackId, errorName, message] { Q_EMIT sendFailed(ackId, errorName, message); },
        Qt::QueuedConnection);
    return ackId;
}

void HubClient::transmit(quint64 ackId, Pending &entry)
{
    const QByteArray frame = wps::encode(entry.message);
    fitsSlice(frame.size()); // retries and rejoins are not held back, but they count
    transmit(ackId, entry, frame);
}

void HubClient::transmit(quint64 ackId, Pending &entry, const QByteArray &frame)
{
    m_sliceBytes += frame.size();
    ++m_sliceMessages;
    if (!writeFrame(frame)) {
        entry.phase = Pending::Phase::Waiting;
        return;
    }
    entry.phase = Pending::Phase::Sent;
    entry.epoch = m_epoch;
    if (!entry.counted && isDataMessage(entry.message)) {
        entry.counted = true;
        ++m_stats.messagesOut;
    }
    if (m_options.ackTimeout > 0ms) {
        m_ackDeadlines.push_back(
            { m_clock.elapsed() + m_options.ackTimeout.count(), ackId, m_epoch });
        scheduleOutboxTimer();
    }
}

void HubClient::flushOutbox()
{
    m_flushFrom = 0;
    continueFlush();
}

void HubClient::continueFlush()
{
    m_flushTimer.stop();
    // In ackId order, i.e. the order of the calls; the same ackIds as before. An outbox of
    // thousands sent at once would exceed the relay's burst and be closed with 1008 at every
    // reconnect, so it goes in slices.
    for (auto it = m_outbox.lower_bound(m_flushFrom); it != m_outbox.end(); ++it) {
        if (m_state != State::Connected)
            return; // the next session starts again from the oldest entry
        auto &[ackId, entry] = *it;
        m_flushFrom = ackId;
        if (entry.phase != Pending::Phase::Waiting
            && !(entry.phase == Pending::Phase::Sent && entry.epoch != m_epoch))
            continue;
        const QByteArray frame = wps::encode(entry.message);
        if (!fitsSlice(frame.size())) {
            const qint64 wait = m_sliceStartMs + m_options.sendSlice.count() - m_clock.elapsed();
            qCDebug(lcHub) << "paced flush: next slice in" << wait << "ms from ackId" << ackId;
            m_flushTimer.start(std::chrono::milliseconds(std::max<qint64>(1, wait)));
            return;
        }
        transmit(ackId, entry, frame);
    }
    m_flushFrom = m_nextAckId;
}

bool HubClient::fitsSlice(qint64 bytes)
{
    const qint64 now = m_clock.elapsed();
    if (m_sliceStartMs < 0 || now - m_sliceStartMs >= m_options.sendSlice.count()) {
        m_sliceStartMs = now;
        m_sliceMessages = 0;
        m_sliceBytes = 0;
    }
    if (m_options.sendSliceMessages > 0 && m_sliceMessages >= m_options.sendSliceMessages)
        return false;
    // A frame larger than the byte budget still goes, alone in its slice.
    return m_options.sendSliceBytes <= 0 || m_sliceMessages == 0
        || m_sliceBytes + bytes <= m_options.sendSliceBytes;
}

void HubClient::rejoinGroups()
{
    QSet<QString> pendingJoins;
    for (const auto &[ackId, entry] : m_outbox) {
        if (entry.isJoin)
            pendingJoins.insert(entry.group);
    }
    QStringList groups = m_groups.values();
    groups.sort();
    for (const QString &group : std::as_const(groups)) {
        if (pendingJoins.contains(group))
            continue; // the flush that follows sends it
        const quint64 ackId = m_nextAckId++;
        enqueue(wps::JoinGroup { group, ackId }, ackId, group, true, true);
    }
}

void HubClient::completeEntry(quint64 ackId, bool success, const QString &errorName,
                              const QString &message)
{
    auto node = m_outbox.extract(ackId);
    if (node.empty())
        return;
    const Pending entry = std::move(node.mapped());
    m_stats.outboxSize = qsizetype(m_outbox.size());
    if (!success && entry.isJoin) {
        const bool anotherJoin
            = std::any_of(m_outbox.cbegin(), m_outbox.cend(), [&](const auto &e) {
                  return e.second.isJoin && e.second.group == entry.group;
              });
        if (!anotherJoin)
            m_groups.remove(entry.group);
    }
    if (entry.internal) {
        if (!success) {
            qCWarning(lcHub) << "rejoining" << entry.group << "failed:" << errorName << message;
            Q_EMIT groupRejoinFailed(entry.group, errorName, message);
        }
        return;
    }
    if (success)
        Q_EMIT sendAcked(ackId);
    else
        Q_EMIT sendFailed(ackId, errorName, message);
}

void HubClient::scheduleOutboxTimer()
{
    qint64 next = -1;
    if (!m_ackDeadlines.empty())
        next = m_ackDeadlines.front().atMs;
    if (!m_retriesDue.empty())
        next = next < 0 ? m_retriesDue.front().atMs : std::min(next, m_retriesDue.front().atMs);
    if (next < 0) {
        m_outboxTimer.stop();
        return;
    }
    if (m_outboxTimer.isActive() && m_outboxTimerAtMs <= next)
        return;
    m_outboxTimerAtMs = next;
    m_outboxTimer.start(std::chrono::milliseconds(std::max<qint64>(0, next - m_clock.elapsed())));
}

void HubClient::onOutboxTimer()
{
    const qint64 now = m_clock.elapsed();
    while (!m_ackDeadlines.empty() && m_ackDeadlines.front().atMs <= now) {
        const Due due = m_ackDeadlines.front();
        m_ackDeadlines.pop_front();
        const auto it = m_outbox.find(due.ackId);
        if (it == m_outbox.end() || m_state != State::Connected || due.epoch != m_epoch)
            continue;
        Pending &entry = it->second;
        if (entry.phase != Pending::Phase::Sent || entry.epoch != due.epoch)
            continue;
        if (++entry.retries > m_options.maxAckRetries) {
            completeEntry(
                due.ackId, false, kTimeout,
                u"no ack from the service after %1 attempts"_s.arg(m_options.maxAckRetries + 1));
            continue;
        }
        // Safe to repeat: the service answers Duplicate if it already did it.
        qCDebug(lcHub) << "no ack for" << due.ackId << "- sending it again";
        transmit(due.ackId, entry);
    }
    while (!m_retriesDue.empty() && m_retriesDue.front().atMs <= now) {
        const Due due = m_retriesDue.front();
        m_retriesDue.pop_front();
        const auto it = m_outbox.find(due.ackId);
        if (it == m_outbox.end() || it->second.phase != Pending::Phase::RetryWait)
            continue;
        if (m_state == State::Connected)
            transmit(due.ackId, it->second);
        else
            it->second.phase = Pending::Phase::Waiting;
    }
    scheduleOutboxTimer();
}

bool HubClient::fireAndForget(const wps::ClientMessage &message)
{
    if (m_state != State::Connected || !m_socket || !m_socketOpen) {
        ++m_stats.droppedWhileDisconnected;
        return false;
    }
    if (m_socket->bytesToWrite() > m_options.maxQueuedWriteBytes) {
        ++m_stats.droppedBackpressure;
        return false;
    }
    writeFrame(wps::encode(message));
    ++m_stats.messagesOut;
    return true;
}

void HubClient::onStatsTick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 elapsed = now - m_rateBaseMs;
    if (elapsed <= 0)
        return;
    m_stats.messagesInPerSecond
        = double(m_stats.messagesIn - m_rateInBase) * 1000.0 / double(elapsed);
    m_stats.messagesOutPerSecond
        = double(m_stats.messagesOut - m_rateOutBase) * 1000.0 / double(elapsed);
    m_rateInBase = m_stats.messagesIn;
    m_rateOutBase = m_stats.messagesOut;
    m_rateBaseMs = now;
    m_stats.outboxSize = qsizetype(m_outbox.size());
    if (m_stats != m_lastEmittedStats) {
        m_lastEmittedStats = m_stats;
        Q_EMIT statsChanged();
    }
}

} // namespace wr
