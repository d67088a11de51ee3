#include "hub.h"
#include "overloaded.h"

#include "jwt.h"
#include "logging.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr const char *kClosingHandshake = "watchroomClosingHandshake";
constexpr const char *kTransportFailed = "watchroomTransportFailed";

QString newConnectionId()
{
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool sameSecret(const QString &a, const QString &b)
{
    return constantTimeEquals(a.toUtf8(), b.toUtf8());
}

auto inGroupsOf(const ClientConnection *c)
{
    return [c](const QString &group) { return c->groups().contains(group); };
}

} // namespace

HubService::HubService(const SessionLimits &limits, RelayMetrics *metrics, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_metrics(metrics)
{
    // WATCHROOM_RELAY_UNBATCHED=1 hands every frame to its socket at once, for comparison.
    if (qEnvironmentVariableIntValue("WATCHROOM_RELAY_UNBATCHED") == 0)
        m_batcher = new FrameBatcher(this);
}

HubService::~HubService()
{
    // Every session, including ended ones still waiting for deleteLater(), goes before the
    // batcher they point to.
    const auto sessions = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
    for (ClientConnection *c : sessions) {
        c->disconnect(this);
        delete c;
    }
    m_hubs.clear();
}

HubService::HubState *HubService::state(const QString &hub)
{
    auto it = m_hubs.find(hubKey(hub));
    return it == m_hubs.end() ? nullptr : &it.value();
}

const HubService::HubState *HubService::state(const QString &hub) const
{
    auto it = m_hubs.constFind(hubKey(hub));
    return it == m_hubs.cend() ? nullptr : &it.value();
}

ClientConnection *HubService::accept(QWebSocket *socket, QTcpSocket *transport,
                                     const ClientIdentity &identity, bool reliable,
                                     const QHostAddress &client)
{
    const QString key = hubKey(identity.hub);
    HubState &hub = m_hubs[key];
    QString id = newConnectionId();
    while (hub.connections.contains(id))
        id = newConnectionId();
    auto *connection = new ClientConnection(id, key, identity.userId, reliable,
                                            Permissions::fromRoles(identity.roles), m_limits,
                                            m_metrics, m_batcher, this);
    hub.connections.insert(id, connection);
    if (!identity.userId.isEmpty())
        hub.users[identity.userId].append(connection);
    connect(connection, &ClientConnection::ended, this, &HubService::removeSession);
    connection->setRateLimited(m_limits.limitLoopback || !isLoopbackAddress(client));
    connection->attach(socket, transport);
    wire(connection, socket, transport);
    ++m_metrics->connectionsOpened;

    wps::Connected connected { id, std::nullopt, std::nullopt };
    if (!identity.userId.isEmpty())
        connected.userId = identity.userId;
    if (reliable)
        connected.reconnectionToken = connection->reconnectionToken();
    connection->sendControl(wps::encode(connected));
    for (const QString &group : identity.groups) {
        if (!group.isEmpty() && group.size() <= wps::kMaxGroupNameLength)
            join(hub, connection, group);
    }
    qCDebug(lcRelayHub) << "connected" << id << "user" << identity.userId << "hub" << key
                        << (reliable ? "reliable" : "json");
    return connection;
}

bool HubService::recover(QWebSocket *socket, QTcpSocket *transport, const QString &hub,
                         const QString &connectionId, const QString &reconnectionToken,
                         const QHostAddress &client)
{
    ClientConnection *c = connection(hub, connectionId);
    if (!c || c->hasEnded() || !c->isReliable()
        || !sameSecret(c->reconnectionToken(), reconnectionToken)) {
        ++m_metrics->recoveriesRejected;
        qCDebug(lcRelayHub) << "recovery rejected for" << connectionId;
        closeAndDispose(socket, QWebSocketProtocol::CloseCodePolicyViolated,
                        u"the session is gone; start a new connection"_s, this);
        return false;
    }
    c->setRateLimited(m_limits.limitLoopback || !isLoopbackAddress(client));
    c->attach(socket, transport);
    wire(c, socket, transport);
    ++m_metrics->recoveries;
    ++m_metrics->connectionsOpened;
    wps::Connected connected { c->id(), std::nullopt, c->rotateReconnectionToken() };
    if (!c->userId().isEmpty())
        connected.userId = c->userId();
    c->sendControl(wps::encode(connected));
    c->replayBuffered();
    qCDebug(lcRelayHub) << "recovered" << c->id() << "replayed" << c->bufferedCount();
    return true;
}

void HubService::wire(ClientConnection *connection, QWebSocket *socket, QTcpSocket *transport)
{
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxFrameBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxFrameBytes));
    connect(
        socket, &QWebSocket::textMessageReceived, connection,
        [this, connection](const QString &message) { handleFrame(connection, message.toUtf8()); });
    // The service accepts JSON requests in UTF-8 binary frames too.
    connect(socket, &QWebSocket::binaryMessageReceived, connection,
            [this, connection](const QByteArray &message) { handleFrame(connection, message); });
    connect(socket, &QWebSocket::disconnected, connection,
            [this, connection, socket] { handleSocketLost(connection, socket); });
    // A client that closes with a close frame is done with its session; one whose TCP
    // connection just ends (no closing handshake) may come back to recover it. QWebSocket
    // also passes on its TCP socket's aboutToClose, which comes when a write to a reset
    // connection failed and Qt aborted the socket: errorOccurred comes first then, and that
    // connection was lost, not closed. (Nothing here calls into the TCP socket: its
    // aboutToClose may come from its destructor.)
    if (transport) {
        connect(transport, &QAbstractSocket::errorOccurred, socket,
                [socket] { socket->setProperty(kTransportFailed, true); });
    }
    connect(socket, &QWebSocket::aboutToClose, connection, [socket] {
        if (!socket->property(kTransportFailed).toBool())
            socket->setProperty(kClosingHandshake, true);
    });
    if (socket->state() != QAbstractSocket::ConnectedState) {
        // Already gone between the handshake and here.
        QMetaObject::invokeMethod(
            connection, [this, connection, socket] { handleSocketLost(connection, socket); },
            Qt::QueuedConnection);
    }
}

void HubService::handleSocketLost(ClientConnection *connection, QWebSocket *socket)
{
    if (connection->socket() != socket)
        return; // an old socket replaced by a recovery
    if (socket->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData)
        ++m_metrics->oversizedMessages;
    const bool clientClosed = socket->property(kClosingHandshake).toBool();
    connection->detach();
    if (connection->isReliable() && !clientClosed
        && socket->closeCode() != QWebSocketProtocol::CloseCodeTooMuchData) {
        qCDebug(lcRelayHub) << "session" << connection->id() << "detached, recoverable";
        connection->startRetention();
    } else {
        connection->end(QString());
    }
}

void HubService::removeSession(ClientConnection *connection)
{
    const auto it = m_hubs.find(connection->hubKey());
    if (it == m_hubs.end())
        return;
    HubState &hub = it.value();
    const GroupSet groups = connection->groups();
    for (const QString &group : groups)
        leave(hub, connection, group);
    if (!connection->userId().isEmpty()) {
        auto users = hub.users.find(connection->userId());
        if (users != hub.users.end()) {
            users->removeOne(connection);
            if (users->isEmpty())
                hub.users.erase(users);
        }
    }
    hub.connections.remove(connection->id());
    if (hub.connections.isEmpty())
        m_hubs.erase(it);
    connection->deleteLater();
    m_memoryReleaser.sessionEnded();
}

void HubService::sendAck(ClientConnection *connection, quint64 ackId, const QString &errorName,
                         const QString &errorMessage)
{
    wps::Ack ack { ackId, errorName.isEmpty(), errorName, errorMessage };
    if (!ack.success)
        m_metrics->countFailedAck(errorName);
    connection->sendControl(wps::encode(ack));
}

void HubService::join(HubState &hub, ClientConnection *connection, const QString &group)
{
    if (connection->groups().insert(group))
        hub.groups[group].append(connection);
}

void HubService::leave(HubState &hub, ClientConnection *connection, const QString &group)
{
    if (!connection->groups().remove(group))
        return;
    auto it = hub.groups.find(group);
    if (it == hub.groups.end())
        return;
    it->removeOne(connection);
    if (it->isEmpty())
        hub.groups.erase(it);
}

bool HubService::inAudience(const ClientConnection *c, const Audience *audience)
{
    if (!audience)
        return true;
    if (audience->excluded.contains(c->id()))
        return false;
    return !audience->filter
        || audience->filter->matchesMembership(c->id(), c->userId(), inGroupsOf(c));
}

int HubService::fanOut(const QList<ClientConnection *> &members, const wps::EncodedData &data,
                       const ClientConnection *skip, bool droppable, const Audience *audience)
{
    // `members` is a copy: a delivery may end a session, which edits the live lists.
    int delivered = 0;
    for (ClientConnection *c : members) {
        if (c == skip || c->hasEnded() || !inAudience(c, audience))
            continue;
        if (c->deliver(data, droppable))
            ++delivered;
    }
    return delivered;
}

void HubService::handleFrame(ClientConnection *connection, const QByteArray &frame)
{
    QElapsedTimer timer;
    timer.start();
    ++m_metrics->messagesReceived;
    m_metrics->bytesReceived += quint64(frame.size());
    if (connection->hasEnded())
        return;
    if (const auto verdict = connection->admitFrame(frame.size());
        verdict != ClientConnection::RateVerdict::Within) {
        const bool messages = verdict == ClientConnection::RateVerdict::OverMessageRate;
        const QString reason = messages
            ? u"message rate limit exceeded: more than %1 messages/s"_s.arg(
                m_limits.messagesPerSecond)
            : u"byte rate limit exceeded: more than %1 bytes/s"_s.arg(m_limits.bytesPerSecond);
        ++(messages ? m_metrics->limitClosesMessageRate : m_metrics->limitClosesByteRate);
        qCInfo(lcRelayHub).noquote() << "connection" << connection->id() << "of user"
                                     << connection->userId() << "closed:" << reason;
        connection->end(reason, QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    }

    const wps::ClientDecodeResult decoded = wps::decodeClientMessage(frame, m_limits.maxFrameBytes);
    if (!decoded.ok()) {
        ++m_metrics->malformedMessages;
        qCDebug(lcRelayHub) << "malformed frame from" << connection->id() << ":" << decoded.error;
        if (!connection->admitMalformed()) {
            const QString reason
                = u"too many malformed messages (last: %1)"_s.arg(decoded.error.left(60));
            ++m_metrics->limitClosesMalformed;
            qCInfo(lcRelayHub).noquote() << "connection" << connection->id() << "of user"
                                         << connection->userId() << "closed:" << reason;
            connection->end(reason, QWebSocketProtocol::CloseCodePolicyViolated);
            return;
        }
        if (decoded.ackId)
            sendAck(connection, *decoded.ackId, wps::AckError::BadRequest, decoded.error);
        return;
    }
    HubState *hub = state(connection->hubKey());
    if (!hub)
        return;

    // Duplicate detection comes first: a retried request with the same ackId is never run
    // twice, whatever else changed since.
    const auto duplicate = [&](const std::optional<quint64> &ackId) {
        if (ackId && connection->wasProcessed(*ackId)) {
            sendAck(connection, *ackId, wps::AckError::Duplicate,
                    u"ackId %1 was already processed"_s.arg(*ackId));
            return true;
        }
        if (ackId && connection->isInProgress(*ackId)) {
            // Delivered already, its ack still to come (the keeper's commit): that ack answers
            // this retry too. Running it again would deliver it twice.
            qCDebug(lcRelayHub) << "ackId" << *ackId << "is still in progress; not run again";
            return true;
        }
        return false;
    };
    const auto forbidden = [&](const std::optional<quint64> &ackId, const QString &what) {
        if (ackId)
            sendAck(connection, *ackId, wps::AckError::Forbidden, what);
        else
            m_metrics->countFailedAck(wps::AckError::Forbidden);
    };
    const auto succeed = [&](const std::optional<quint64> &ackId) {
        if (ackId) {
            connection->markProcessed(*ackId);
            sendAck(connection, *ackId);
        }
    };

    std::visit(
        Overloaded {
            [&](const wps::JoinGroup &m) {
                if (duplicate(m.ackId))
                    return;
                if (!connection->permissions().allows(Permissions::Kind::JoinLeaveGroup, m.group)) {
                    forbidden(m.ackId, u"no permission to join group '%1'"_s.arg(m.group));
                    return;
                }
                join(*hub, connection, m.group);
                succeed(m.ackId);
            },
            [&](const wps::LeaveGroup &m) {
                if (duplicate(m.ackId))
                    return;
                if (!connection->permissions().allows(Permissions::Kind::JoinLeaveGroup, m.group)) {
                    forbidden(m.ackId, u"no permission to leave group '%1'"_s.arg(m.group));
                    return;
                }
                leave(*hub, connection, m.group);
                succeed(m.ackId);
            },
            [&](const wps::SendToGroup &m) {
                if (duplicate(m.ackId))
                    return;
                if (!connection->permissions().allows(Permissions::Kind::SendToGroup, m.group)) {
                    forbidden(m.ackId, u"no permission to send to group '%1'"_s.arg(m.group));
                    return;
                }
                GroupSendOutcome outcome = GroupSendOutcome::Deliver;
                if (m_groupHook) {
                    // In progress before the hook runs: it may call the AckCallback at once.
                    if (m.ackId)
                        connection->markInProgress(*m.ackId);
                    outcome
                        = m_groupHook->groupSend(*connection, m, deferredAck(connection, m.ackId));
                    if (m.ackId && outcome != GroupSendOutcome::DeliverAckLater)
                        connection->finishInProgress(*m.ackId);
                    if (outcome == GroupSendOutcome::Refused)
                        return;
                }
                const auto members = hub->groups.value(m.group);
                if (!members.isEmpty()) {
                    std::optional<QString> from;
                    if (!connection->userId().isEmpty())
                        from = connection->userId();
                    const auto data = wps::EncodedData::forGroup(m.group, from, m.dataType, m.data);
                    fanOut(members, data, m.noEcho ? connection : nullptr, !m.ackId, nullptr);
                }
                // The sender's own session may have ended by overflowing during the fan-out.
                if (!connection->hasEnded() && outcome == GroupSendOutcome::Deliver)
                    succeed(m.ackId);
                m_metrics->observeLatency(double(timer.nsecsElapsed()) / 1e9);
            },
            [&](const wps::SendEvent &m) {
                if (duplicate(m.ackId))
                    return;
                // The relay has no upstream event handler: events are accepted and dropped.
                succeed(m.ackId);
            },
            [&](const wps::SequenceAck &m) {
                if (connection->isReliable())
                    connection->acknowledge(m.sequenceId);
            },
            [&](const wps::Ping &) { connection->sendControl(wps::encode(wps::Pong {})); },
        },
        *decoded.message);
}

AckCallback HubService::deferredAck(ClientConnection *connection, std::optional<quint64> ackId)
{
    QPointer<ClientConnection> target = connection;
    return [this, target, ackId](const QString &errorName, const QString &errorMessage) {
        if (!ackId) {
            if (!errorName.isEmpty())
                m_metrics->countFailedAck(errorName);
            return;
        }
        if (!target || target->hasEnded())
            return; // the client retries with the same ackId on its next connection
        target->finishInProgress(*ackId);
        if (errorName.isEmpty())
            target->markProcessed(*ackId);
        sendAck(target, *ackId, errorName, errorMessage);
    };
}

// ---- REST operations --------------------------------------------------------------------

ClientConnection *HubService::connection(const QString &hub, const QString &connectionId) const
{
    const HubState *h = state(hub);
    return h ? h->connections.value(connectionId) : nullptr;
}

int HubService::sendToAll(const QString &hub, const wps::EncodedData &data,
                          const Audience &audience)
{
    const HubState *h = state(hub);
    if (!h)
        return 0;
    const QList<ClientConnection *> all = h->connections.values();
    return fanOut(all, data, nullptr, false, &audience);
}

int HubService::sendToUser(const QString &hub, const QString &userId, const wps::EncodedData &data,
                           const Audience &audience)
{
    const HubState *h = state(hub);
    if (!h)
        return 0;
    return fanOut(h->users.value(userId), data, nullptr, false, &audience);
}

int HubService::sendToConnection(const QString &hub, const QString &connectionId,
                                 const wps::EncodedData &data)
{
    ClientConnection *c = connection(hub, connectionId);
    if (!c)
        return 0;
    return fanOut({ c }, data, nullptr, false, nullptr);
}

int HubService::sendToGroup(const QString &hub, const QString &group, const wps::EncodedData &data,
                            const Audience &audience)
{
    const HubState *h = state(hub);
    if (!h)
        return 0;
    return fanOut(h->groups.value(group), data, nullptr, false, &audience);
}

bool HubService::addConnectionToGroup(const QString &hub, const QString &group,
                                      const QString &connectionId)
{
    ClientConnection *c = connection(hub, connectionId);
    if (!c)
        return false;
    join(*state(hub), c, group);
    return true;
}

bool HubService::removeConnectionFromGroup(const QString &hub, const QString &group,
                                           const QString &connectionId)
{
    ClientConnection *c = connection(hub, connectionId);
    if (!c)
        return false;
    leave(*state(hub), c, group);
    return true;
}

void HubService::addUserToGroup(const QString &hub, const QString &group, const QString &userId)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto connections = h->users.value(userId);
    for (ClientConnection *c : connections)
        join(*h, c, group);
}

void HubService::removeUserFromGroup(const QString &hub, const QString &group,
                                     const QString &userId)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto connections = h->users.value(userId);
    for (ClientConnection *c : connections)
        leave(*h, c, group);
}

void HubService::removeUserFromAllGroups(const QString &hub, const QString &userId)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto connections = h->users.value(userId);
    for (ClientConnection *c : connections) {
        const GroupSet groups = c->groups();
        for (const QString &group : groups)
            leave(*h, c, group);
    }
}

bool HubService::removeConnectionFromAllGroups(const QString &hub, const QString &connectionId)
{
    ClientConnection *c = connection(hub, connectionId);
    if (!c)
        return false;
    const GroupSet groups = c->groups();
    for (const QString &group : groups)
        leave(*state(hub), c, group);
    return true;
}

void HubService::addConnectionsToGroups(const QString &hub, const QStringList &groups,
                                        const ODataFilter *filter)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto all = h->connections.values();
    for (ClientConnection *c : all) {
        if (filter && !filter->matchesMembership(c->id(), c->userId(), inGroupsOf(c)))
            continue;
        for (const QString &group : groups)
            join(*h, c, group);
    }
}

void HubService::removeConnectionsFromGroups(const QString &hub, const QStringList &groups,
                                             const ODataFilter *filter)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto all = h->connections.values();
    for (ClientConnection *c : all) {
        if (filter && !filter->matchesMembership(c->id(), c->userId(), inGroupsOf(c)))
            continue;
        for (const QString &group : groups)
            leave(*h, c, group);
    }
}

QList<const ClientConnection *> HubService::groupMembers(const QString &hub,
                                                         const QString &group) const
{
    QList<const ClientConnection *> out;
    if (const HubState *h = state(hub)) {
        const auto members = h->groups.value(group);
        for (const ClientConnection *c : members)
            out.append(c);
    }
    return out;
}

bool HubService::closeConnection(const QString &hub, const QString &connectionId,
                                 const QString &reason)
{
    ClientConnection *c = connection(hub, connectionId);
    if (!c)
        return false;
    c->end(reason.isEmpty() ? u"closed by the server"_s : reason);
    return true;
}

void HubService::closeAll(const QString &hub, const QSet<QString> &excluded, const QString &reason)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto all = h->connections.values();
    for (ClientConnection *c : all) {
        if (!excluded.contains(c->id()))
            c->end(reason.isEmpty() ? u"closed by the server"_s : reason);
    }
}

void HubService::closeGroup(const QString &hub, const QString &group, const QSet<QString> &excluded,
                            const QString &reason)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto members = h->groups.value(group);
    for (ClientConnection *c : members) {
        if (!excluded.contains(c->id()))
            c->end(reason.isEmpty() ? u"closed by the server"_s : reason);
    }
}

void HubService::closeUser(const QString &hub, const QString &userId, const QSet<QString> &excluded,
                           const QString &reason)
{
    HubState *h = state(hub);
    if (!h)
        return;
    const auto connections = h->users.value(userId);
    for (ClientConnection *c : connections) {
        if (!excluded.contains(c->id()))
            c->end(reason.isEmpty() ? u"closed by the server"_s : reason);
    }
}

void HubService::closeEverything(const QString &reason)
{
    QList<ClientConnection *> all;
    for (const HubState &hub : std::as_const(m_hubs))
        all += hub.connections.values();
    for (ClientConnection *c : all)
        c->end(reason, QWebSocketProtocol::CloseCodeGoingAway);
}

bool HubService::connectionExists(const QString &hub, const QString &connectionId) const
{
    const ClientConnection *c = connection(hub, connectionId);
    return c && !c->hasEnded();
}

bool HubService::groupExists(const QString &hub, const QString &group) const
{
    const HubState *h = state(hub);
    return h && h->groups.contains(group);
}

bool HubService::userExists(const QString &hub, const QString &userId) const
{
    const HubState *h = state(hub);
    return h && h->users.contains(userId);
}

RelayMetrics::Gauges HubService::gauges() const
{
    RelayMetrics::Gauges g;
    for (const HubState &hub : m_hubs) {
        g.sessions += hub.connections.size();
        g.groups += hub.groups.size();
        for (const ClientConnection *c : hub.connections) {
            g.connections += c->isAttached() ? 1 : 0;
            g.bufferedMessages += c->bufferedCount();
            g.pendingSendBytes += c->pendingSendBytes();
        }
    }
    return g;
}

} // namespace wr
