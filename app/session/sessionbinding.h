#pragma once

#include "hubclient.h"
#include "negotiator.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <optional>

namespace wr {

class Session;
struct SessionFrame;

// Connects a transport-independent Session to a HubClient (the thin adapter of DESIGN.md):
//  - a new connection joins <board>.metrics, .presence and .annotations (HubClient rejoins them
//    after a reconnect on its own) and then tells the session it is up; a recovered connection
//    tells it it is up again with nothing lost; any other state takes it down;
//  - group and server messages go to the session;
//  - the session's frames go out as acked sendToGroup (annotations, snapshots, acked metrics)
//    or fire-and-forget (presence group, with noEcho; metrics), and acks come back by token.
// Every new connection gets its URL from a Negotiator, so the negotiate response's "keeper"
// flag (our relay with an active keeper) reaches Session::setKeeperPresent for Auto mode.
// Neither object is owned.
class SessionBinding : public QObject
{
    Q_OBJECT

public:
    SessionBinding(Session *session, HubClient *client, QObject *parent = nullptr);
    ~SessionBinding() override;

    Session *session() const { return m_session; }
    HubClient *client() const { return m_client; }

    // Starts the client for `request` (anything the Negotiator accepts). False when the client
    // is not Stopped or Offline.
    bool start(const NegotiateRequest &request);
    // The session says bye, then the client closes.
    void stop();

    // What the last negotiate answered for "keeper"; nullopt when it did not say (or when the
    // input needed no negotiate endpoint).
    std::optional<bool> keeperAdvertised() const { return m_keeper; }

Q_SIGNALS:
    // A negotiate attempt succeeded (every new connection negotiates again): its URL, whose
    // token carries our roles, and result.response, the endpoint's JSON answer (the relay adds
    // "role" and "keeper"). The desktop app disables what the role may not do.
    void negotiated(const wr::NegotiateResult &result);
    // A negotiate attempt failed (the client retries or goes Offline on its own).
    void negotiateFailed(const wr::NegotiateResult &result);

private:
    void onStateChanged(HubClient::State state);
    void onConnected(const QString &connectionId, const QString &userId);
    void onFrameOut(const SessionFrame &frame);
    void onSendAcked(quint64 ackId);
    void onSendFailed(quint64 ackId, const QString &errorName, const QString &message);

    QPointer<Session> m_session;
    QPointer<HubClient> m_client;
    Negotiator *m_negotiator = nullptr;
    HubClient::UrlCallback m_negotiateDone;
    QString m_connectionId; // of the last new connection
    std::optional<bool> m_keeper;
    QHash<quint64, quint64> m_tokens; // HubClient ackId -> session token
};

} // namespace wr
