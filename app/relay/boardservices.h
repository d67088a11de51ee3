#pragma once

#include "hub.h"
#include "sessionmessages.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>

class QLockFile;
class QNetworkAccessManager;

namespace wr {

class Keeper;
struct KeeperResult;
class MetricStore;
struct RelayConfig;
namespace sources {
class MetricSource;
}

// The lock file a relay holds while its keeper uses this SQLite database; offline imports and
// a second relay refuse to use the database while it is held.
QString keeperLockPath(const QString &sqlitePath);

// What the relay does for Watchroom boards on top of the plain Web PubSub hub:
//  - runs the configured metric sources (host sampler, Prometheus scrapers) and publishes their
//    frames to "<board>.metrics" on the default hub as server-originated group messages;
//  - with a keeper: routes annotation ops sent to "<board>.annotations" through it and lets the
//    hub acknowledge the sender only after the keeper committed them, and answers a
//    `sync-request` on "<board>.presence" with the board's snapshot, sent to that connection
//    only (server messages).
class BoardServices : public QObject, public GroupHook
{
    Q_OBJECT

public:
    BoardServices(HubService *hub, QString defaultHub, QObject *parent = nullptr);
    ~BoardServices() override;

    // Opens the keeper and creates the sources the configuration asks for. Nothing is started.
    bool configure(const RelayConfig &config, QString *error);
    void start();
    void stop();

    bool hasKeeper() const { return m_keeper != nullptr; }
    Keeper *keeper() const { return m_keeper.get(); }
    QList<sources::MetricSource *> sources() const { return m_sources; }

    // Merges an exported board (Keeper::importBoard) and, once committed and if anything
    // changed, sends the board's snapshot to "<board>.annotations" as server messages so
    // connected clients merge it. `done` runs after that, never inside this call.
    void importAnnotations(const QString &board, const QByteArray &json,
                           std::function<void(const KeeperResult &)> done = {});
    // The board's current snapshot to everyone in "<board>.annotations".
    void publishSnapshot(const QString &board);

    // Publishes a metrics frame to "<board>.metrics" (split when it would not fit in one
    // message). Returns the number of messages sent.
    int publishMetrics(const QString &board, const session::MetricsFrame &frame);

    GroupSendOutcome groupSend(const ClientConnection &from, const wps::SendToGroup &message,
                               const AckCallback &ack) override;

    // Remembers the metrics seen on "<board>.metrics" for the backfill of late joiners.
    void recordMetrics(const QString &board, const session::MetricsFrame &frame);

    struct Stats
    {
        quint64 backfillFramesSent = 0;
        quint64 framesPublished = 0;
        quint64 opsSubmitted = 0;
        quint64 opsRejected = 0;
        quint64 syncRequestsAnswered = 0;
    };
    const Stats &stats() const { return m_stats; }

private:
    void answerSyncRequest(const QString &hubName, const QString &connectionId,
                           const QString &board);

    void sendBackfill(const QString &hubName, const QString &connectionId, const QString &board);
    QList<session::MetricsFrame> split(const session::MetricsFrame &frame) const;

    HubService *m_hub;
    QString m_defaultHub;
    qint64 m_backfillMs = 0; // 0: no metric history kept
    std::map<QString, std::unique_ptr<MetricStore>> m_history; // by board
    std::unique_ptr<QLockFile> m_databaseLock; // SQLite only
    std::unique_ptr<Keeper> m_keeper;
    QNetworkAccessManager *m_network = nullptr;
    QList<sources::MetricSource *> m_sources;
    Stats m_stats;
};

} // namespace wr
