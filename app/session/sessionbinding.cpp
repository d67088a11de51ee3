#include "sessionbinding.h"

#include "session.h"
#include "sessionlogging.h"

using namespace Qt::StringLiterals;

namespace wr {

SessionBinding::SessionBinding(Session *session, HubClient *client, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_client(client)
{
    Q_ASSERT(session && client);
    connect(client, &HubClient::stateChanged, this, &SessionBinding::onStateChanged);
    connect(client, &HubClient::connected, this, &SessionBinding::onConnected);
    connect(client, &HubClient::groupMessage, session,
            [session](const QString &group, const QString &from, wps::DataType type,
                      const QJsonValue &data) {
                session->receiveGroupMessage(group, from, data, type == wps::DataType::Json);
            });
    connect(client, &HubClient::serverMessage, session,
            [session](wps::DataType type, const QJsonValue &data) {
                session->receiveServerMessage(data, type == wps::DataType::Json);
            });
    connect(client, &HubClient::sendAcked, this, &SessionBinding::onSendAcked);
    connect(client, &HubClient::sendFailed, this, &SessionBinding::onSendFailed);
    connect(session, &Session::frameOut, this, &SessionBinding::onFrameOut);
}

SessionBinding::~SessionBinding() = default;

bool SessionBinding::start(const NegotiateRequest &request)
{
    if (!m_client)
        return false;
    // A pasted ws(s):// URL needs no negotiate endpoint, and its token cannot be renewed:
    // HubClient knows how to treat that.
    if (Negotiator::classify(request.input) == Negotiator::InputKind::ClientUrl)
        return m_client->start(request);

    if (!m_negotiator) {
        m_negotiator = new Negotiator(this);
        connect(m_negotiator, &Negotiator::finished, this, [this](const NegotiateResult &result) {
            if (result.ok()) {
                const QJsonValue keeper = result.response.value("keeper"_L1);
                m_keeper = keeper.isBool() ? std::optional<bool>(keeper.toBool()) : std::nullopt;
                if (m_session)
                    m_session->setKeeperPresent(m_keeper);
                emit negotiated(result);
            } else {
                emit negotiateFailed(result);
            }
            const HubClient::UrlCallback done = std::exchange(m_negotiateDone, {});
            if (done)
                done(result);
        });
    }
    m_negotiator->setTimeout(m_client->options().connectTimeout);
    if (m_client->options().sslConfiguration)
        m_negotiator->setSslConfiguration(*m_client->options().sslConfiguration);
    m_negotiator->setTlsPin(m_client->options().tlsPin);
    return m_client->start([this, request](const HubClient::UrlCallback &done) {
        m_negotiateDone = done;
        m_negotiator->negotiate(request);
    });
}

void SessionBinding::stop()
{
    if (m_session)
        m_session->stop();
    m_negotiateDone = {};
    if (m_negotiator)
        m_negotiator->cancel();
    if (m_client)
        m_client->stop();
}

void SessionBinding::onStateChanged(HubClient::State state)
{
    if (!m_session || !m_client)
        return;
    if (state == HubClient::State::Connected) {
        // A new connection is announced by connected() right after this; a recovered one only
        // here, with the same connection id.
        if (!m_connectionId.isEmpty() && m_client->connectionId() == m_connectionId)
            m_session->transportUp(m_client->userId(), true);
        return;
    }
    m_session->transportDown();
}

void SessionBinding::onConnected(const QString &connectionId, const QString &userId)
{
    if (!m_session || !m_client)
        return;
    m_connectionId = connectionId;
    const QSet<QString> joined = m_client->joinedGroups();
    // Join before anything is sent: the service handles one connection's frames in order, so
    // answers to our sync-request find us in the annotations group.
    for (const QString &group :
         { m_session->metricsGroup(), m_session->presenceGroup(), m_session->annotationsGroup() }) {
        if (!joined.contains(group))
            m_client->joinGroup(group);
    }
    m_session->transportUp(userId, false);
}

void SessionBinding::onFrameOut(const SessionFrame &frame)
{
    if (!m_client)
        return;
    if (frame.delivery == SessionFrame::Delivery::Acked) {
        const quint64 ackId
            = m_client->sendToGroup(frame.group, frame.data, wps::DataType::Json, frame.noEcho);
        m_tokens.insert(ackId, frame.token);
    } else {
        m_client->sendToGroupFireAndForget(frame.group, frame.data, wps::DataType::Json,
                                           frame.noEcho);
    }
}

void SessionBinding::onSendAcked(quint64 ackId)
{
    const auto it = m_tokens.constFind(ackId);
    if (it == m_tokens.cend())
        return; // a join or someone else's send
    const quint64 token = *it;
    m_tokens.erase(it);
    if (m_session)
        m_session->sendAcked(token);
}

void SessionBinding::onSendFailed(quint64 ackId, const QString &errorName, const QString &message)
{
    const auto it = m_tokens.constFind(ackId);
    if (it == m_tokens.cend())
        return;
    const quint64 token = *it;
    m_tokens.erase(it);
    if (m_session)
        m_session->sendFailed(token, errorName, message);
}

} // namespace wr
