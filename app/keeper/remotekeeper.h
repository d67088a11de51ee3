#pragma once

#include "hubclient.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace wr {

class Keeper;

// The keeper as a headless participant of a remote hub (Azure Web PubSub, or another relay):
// `watchroom-relay --keeper-only <hub>`. For each board it joins <board>.annotations and
// <board>.presence through a HubClient, persists every annotation op and snapshot it sees
// through the Keeper, and answers a `sync-request` with the board's snapshot on the
// annotations group (PROTOCOL.md "Late joiners", cloud mode). It answers at once: annotators
// wait 0–500 ms and stay silent once a snapshot was seen, so the keeper's answer, which holds
// everything, is the one a late joiner gets. On every new connection it sends a sync-request
// itself, so edits made while it was away reach it from peers that hold state.
//
// The keeper needs a token that may send to the annotations group (annotator or admin role).
class RemoteKeeper : public QObject
{
    Q_OBJECT

public:
    struct Stats
    {
        quint64 opsReceived = 0;
        quint64 opsPersisted = 0; // committed
        quint64 opsFailed = 0; // rejected or failed to commit
        quint64 snapshotsMerged = 0;
        quint64 malformed = 0; // undecodable messages on the board's groups
        quint64 syncRequests = 0;
        quint64 snapshotMessagesSent = 0;
    };

    // Boards with an invalid name are left out (and logged). `keeper` must be open and outlive
    // this object.
    RemoteKeeper(Keeper *keeper, const QStringList &boards, HubClientOptions options = {},
                 QObject *parent = nullptr);
    ~RemoteKeeper() override;

    bool start(const QUrl &clientAccessUrl);
    bool start(const NegotiateRequest &request);
    bool start(HubClient::UrlProvider provider);
    void stop();

    QStringList boards() const { return m_boards; }
    HubClient *client() { return &m_client; }
    Stats stats() const { return m_stats; }

signals:
    void opPersisted(const QString &board, const QString &id);
    void opFailed(const QString &board, const QString &id, const QString &error);
    void snapshotSent(const QString &board, int messages);

private:
    void joinGroups();
    void onConnected();
    void onGroupMessage(const QString &group, const QString &fromUserId, wps::DataType dataType,
                        const QJsonValue &data);
    void scheduleSnapshot(const QString &board);
    void sendSnapshot(const QString &board);

    Keeper *m_keeper;
    QStringList m_boards;
    HubClient m_client;
    QSet<QString> m_snapshotDue;
    Stats m_stats;
};

} // namespace wr
