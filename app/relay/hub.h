#pragma once

#include "connection.h"
#include "memoryrelease.h"
#include "odatafilter.h"
#include "relaymetrics.h"
#include "webpubsub.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

class QWebSocket;

namespace wr {

// Who a verified client token says the connection is.
struct ClientIdentity
{
    QString hub;
    QString userId;
    QStringList roles;
    QStringList groups;
};

// Lets the relay's Watchroom services look at group sends before the fan-out (HubService stays
// a plain Web PubSub hub without one).
using AckCallback = std::function<void(const QString &errorName, const QString &errorMessage)>;
enum class GroupSendOutcome {
    Deliver, // fan out and acknowledge as usual
    DeliverAckLater, // fan out; the hook calls the AckCallback once (empty error: success)
    Refused, // the hook called the AckCallback with an error; nothing is delivered
};
class GroupHook
{
public:
    virtual ~GroupHook() = default;
    // Called for every permitted sendToGroup that is not a duplicate. Must be cheap for groups
    // it does not care about: cursor traffic passes through here.
    virtual GroupSendOutcome groupSend(const ClientConnection &from,
                                       const wps::SendToGroup &message, const AckCallback &ack)
        = 0;
};

// The service side of the Web PubSub client protocol: sessions, groups, users, permissions and
// fan-out, for every hub (names compared case-insensitively). Transport-independent apart from
// taking ownership of accepted QWebSockets; the REST API calls the same operations.
class HubService : public QObject
{
    Q_OBJECT

public:
    HubService(const SessionLimits &limits, RelayMetrics *metrics, QObject *parent = nullptr);
    ~HubService() override;

    // A new, authenticated connection: sends `connected`, applies the token's groups.
    // `transport` is the TCP socket under `socket` (may be null: frames then go through
    // QWebSocket). `client` is the client's address (behind a trusted proxy, the one it
    // forwarded for), which decides whether the per-connection rate limits apply.
    ClientConnection *accept(QWebSocket *socket, QTcpSocket *transport,
                             const ClientIdentity &identity, bool reliable,
                             const QHostAddress &client);
    // A recovery attempt (awps_connection_id + awps_reconnection_token). A session that is
    // gone, or a wrong token, is closed with 1008 after the upgrade, as the service does.
    bool recover(QWebSocket *socket, QTcpSocket *transport, const QString &hub,
                 const QString &connectionId, const QString &reconnectionToken,
                 const QHostAddress &client);

    // ---- operations of the REST API (return false when the target does not exist) -------
    struct Audience
    {
        QSet<QString> excluded; // connection ids
        const ODataFilter *filter = nullptr;
    };
    int sendToAll(const QString &hub, const wps::EncodedData &data, const Audience &audience);
    int sendToUser(const QString &hub, const QString &userId, const wps::EncodedData &data,
                   const Audience &audience);
    int sendToConnection(const QString &hub, const QString &connectionId,
                         const wps::EncodedData &data);
    int sendToGroup(const QString &hub, const QString &group, const wps::EncodedData &data,
                    const Audience &audience);

    bool addConnectionToGroup(const QString &hub, const QString &group,
                              const QString &connectionId);
    bool removeConnectionFromGroup(const QString &hub, const QString &group,
                                   const QString &connectionId);
    void addUserToGroup(const QString &hub, const QString &group, const QString &userId);
    void removeUserFromGroup(const QString &hub, const QString &group, const QString &userId);
    void removeUserFromAllGroups(const QString &hub, const QString &userId);
    bool removeConnectionFromAllGroups(const QString &hub, const QString &connectionId);
    void addConnectionsToGroups(const QString &hub, const QStringList &groups,
                                const ODataFilter *filter);
    void removeConnectionsFromGroups(const QString &hub, const QStringList &groups,
                                     const ODataFilter *filter);
    QList<const ClientConnection *> groupMembers(const QString &hub, const QString &group) const;

    bool closeConnection(const QString &hub, const QString &connectionId, const QString &reason);
    void closeAll(const QString &hub, const QSet<QString> &excluded, const QString &reason);
    void closeGroup(const QString &hub, const QString &group, const QSet<QString> &excluded,
                    const QString &reason);
    void closeUser(const QString &hub, const QString &userId, const QSet<QString> &excluded,
                   const QString &reason);
    void closeEverything(const QString &reason);

    bool connectionExists(const QString &hub, const QString &connectionId) const;
    bool groupExists(const QString &hub, const QString &group) const;
    bool userExists(const QString &hub, const QString &userId) const;

    ClientConnection *connection(const QString &hub, const QString &connectionId) const;

    RelayMetrics::Gauges gauges() const;

    // Not owned; null: none.
    void setGroupHook(GroupHook *hook) { m_groupHook = hook; }

private:
    struct HubState
    {
        QHash<QString, ClientConnection *> connections;
        QHash<QString, QList<ClientConnection *>> groups;
        QHash<QString, QList<ClientConnection *>> users;
    };

    static QString hubKey(const QString &hub) { return hub.toLower(); }
    HubState *state(const QString &hub);
    const HubState *state(const QString &hub) const;

    void wire(ClientConnection *connection, QWebSocket *socket, QTcpSocket *transport);
    void handleFrame(ClientConnection *connection, const QByteArray &frame);
    void handleSocketLost(ClientConnection *connection, QWebSocket *socket);
    void removeSession(ClientConnection *connection);
    void sendAck(ClientConnection *connection, quint64 ackId, const QString &errorName = {},
                 const QString &errorMessage = {});
    AckCallback deferredAck(ClientConnection *connection, std::optional<quint64> ackId);

    void join(HubState &hub, ClientConnection *connection, const QString &group);
    void leave(HubState &hub, ClientConnection *connection, const QString &group);
    int fanOut(const QList<ClientConnection *> &members, const wps::EncodedData &data,
               const ClientConnection *skip, bool droppable, const Audience *audience);
    static bool inAudience(const ClientConnection *c, const Audience *audience);

    SessionLimits m_limits;
    RelayMetrics *m_metrics;
    FrameBatcher *m_batcher = nullptr;
    GroupHook *m_groupHook = nullptr;
    // Hands the heap pages of a wave of ended sessions back to the system.
    MemoryReleaser m_memoryReleaser { 256, 5000, this };
    QHash<QString, HubState> m_hubs;
};

} // namespace wr
