#include "remotekeeper.h"

#include "keeper.h"
#include "keeperlogging.h"
#include "sessionmessages.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace wr {

RemoteKeeper::RemoteKeeper(Keeper *keeper, const QStringList &boards, HubClientOptions options,
                           QObject *parent)
    : QObject(parent)
    , m_keeper(keeper)
    , m_client(std::move(options))
{
    for (const QString &board : boards) {
        if (!session::isValidBoardName(board))
            qCWarning(lcKeeperRemote) << "ignoring invalid board name" << board;
        else if (!m_boards.contains(board))
            m_boards.append(board);
    }
    connect(&m_client, &HubClient::connected, this, &RemoteKeeper::onConnected);
    connect(&m_client, &HubClient::groupMessage, this, &RemoteKeeper::onGroupMessage);
    connect(&m_client, &HubClient::sendFailed, this,
            [](quint64 ackId, const QString &name, const QString &message) {
                qCWarning(lcKeeperRemote) << "send" << ackId << "failed:" << name << message;
            });
    connect(&m_client, &HubClient::groupRejoinFailed, this,
            [](const QString &group, const QString &name, const QString &message) {
                qCWarning(lcKeeperRemote) << "rejoining" << group << "failed:" << name << message;
            });
}

RemoteKeeper::~RemoteKeeper()
{
    m_client.stop();
}

bool RemoteKeeper::start(const QUrl &clientAccessUrl)
{
    if (!m_client.start(clientAccessUrl))
        return false;
    joinGroups();
    return true;
}

bool RemoteKeeper::start(const NegotiateRequest &request)
{
    if (!m_client.start(request))
        return false;
    joinGroups();
    return true;
}

bool RemoteKeeper::start(HubClient::UrlProvider provider)
{
    if (!m_client.start(std::move(provider)))
        return false;
    joinGroups();
    return true;
}

void RemoteKeeper::stop()
{
    m_client.stop();
    m_snapshotDue.clear();
}

// Sent once connected; HubClient rejoins them on every later connection by itself.
void RemoteKeeper::joinGroups()
{
    for (const QString &board : std::as_const(m_boards)) {
        m_client.joinGroup(session::annotationsGroup(board));
        m_client.joinGroup(session::presenceGroup(board));
    }
}

void RemoteKeeper::onConnected()
{
    // Pull what peers hold: edits made while the keeper was not connected.
    const QJsonObject request = session::encode(session::SyncRequest {});
    for (const QString &board : std::as_const(m_boards))
        m_client.sendToGroupFireAndForget(session::presenceGroup(board), request,
                                          wps::DataType::Json, true);
}

void RemoteKeeper::onGroupMessage(const QString &group, const QString &fromUserId,
                                  wps::DataType dataType, const QJsonValue &data)
{
    const qsizetype dot = group.lastIndexOf(u'.');
    if (dot <= 0)
        return;
    const QString board = group.left(dot);
    const QStringView kind = QStringView(group).sliced(dot + 1);
    if (!m_boards.contains(board))
        return;
    const bool annotations = kind == "annotations"_L1;
    if (!annotations && kind != "presence"_L1)
        return;
    if (dataType != wps::DataType::Json) {
        ++m_stats.malformed;
        return;
    }
    const session::DecodeResult decoded = session::decode(data);
    if (!decoded.ok()) {
        ++m_stats.malformed;
        qCDebug(lcKeeperRemote) << "dropping a malformed message on" << group << "from"
                                << fromUserId << ":" << decoded.error;
        return;
    }
    const session::Message &message = *decoded.message;

    if (!annotations) {
        if (std::holds_alternative<session::SyncRequest>(message)
            && fromUserId != m_client.userId()) {
            ++m_stats.syncRequests;
            scheduleSnapshot(board);
        }
        return;
    }

    if (const auto *op = std::get_if<session::AnnotationOp>(&message)) {
        ++m_stats.opsReceived;
        const QString id = op->annotation.id;
        QPointer<RemoteKeeper> self(this);
        m_keeper->submit(board, *op, fromUserId, [self, board, id](const KeeperResult &result) {
            if (!self)
                return;
            if (result.ok) {
                ++self->m_stats.opsPersisted;
                emit self->opPersisted(board, id);
            } else {
                ++self->m_stats.opsFailed;
                qCWarning(lcKeeperRemote) << "annotation" << id << "on" << board
                                          << "not persisted:" << result.error;
                emit self->opFailed(board, id, result.error);
            }
        });
    } else if (const auto *snapshot = std::get_if<session::Snapshot>(&message)) {
        if (fromUserId == m_client.userId())
            return; // our own answer
        ++m_stats.snapshotsMerged;
        m_keeper->mergeSnapshot(board, *snapshot, [board](const KeeperResult &result) {
            if (!result.ok)
                qCWarning(lcKeeperRemote) << "snapshot on" << board
                                          << "not persisted:" << result.error;
        });
    }
}

void RemoteKeeper::scheduleSnapshot(const QString &board)
{
    // A burst of joiners gets one answer per event loop turn, not one per request.
    if (m_snapshotDue.contains(board))
        return;
    m_snapshotDue.insert(board);
    QMetaObject::invokeMethod(
        this,
        [this, board] {
            if (m_snapshotDue.remove(board))
                sendSnapshot(board);
        },
        Qt::QueuedConnection);
}

void RemoteKeeper::sendSnapshot(const QString &board)
{
    const QList<QJsonObject> messages = m_keeper->snapshotFor(board);
    for (const QJsonObject &message : messages)
        m_client.sendToGroup(session::annotationsGroup(board), message, wps::DataType::Json, true);
    m_stats.snapshotMessagesSent += quint64(messages.size());
    emit snapshotSent(board, int(messages.size()));
}

} // namespace wr
