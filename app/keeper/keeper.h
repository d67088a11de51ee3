#pragma once

#include "handoff.h"
#include "keeperconfig.h"
#include "sessionmessages.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>
#include <QThread>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

namespace wr {

class AnnotationStore;
class KeeperWorker;

// The outcome of a submit, a snapshot merge or an import, delivered once to its completion.
struct KeeperResult
{
    bool ok = true;
    QString error; // why not ok: invalid input, "overloaded", or the database's error
    int changed = 0; // registers this call changed (0 for a stale or duplicate op)
};

struct KeeperStats
{
    quint64 transactions = 0; // committed
    quint64 failedTransactions = 0;
    quint64 rowsWritten = 0; // upserted or deleted, in committed transactions
    quint64 completedOk = 0;
    quint64 completedFailed = 0; // database failures, rejections and overload
    quint64 rejected = 0; // invalid input
    quint64 expired = 0; // ops older than maxAge, accepted but not stored
    quint64 retentionRemoved = 0; // registers purged for age
    quint64 retentionEvicted = 0; // annotations deleted for count
    int largestBatch = 0; // most completions released by one transaction
    qsizetype pendingCompletions = 0; // accepted, waiting for a commit (in flight included)
    qsizetype dirtyRegisters = 0; // changed in memory, not yet committed
    bool commitInFlight = false;
    int skippedRowsAtLoad = 0;
    QString lastError;
};

// Holds every board's annotations and persists them (PROTOCOL.md "Annotations", DESIGN.md
// "Data flows" 3). Transport-independent: the relay (or RemoteKeeper) feeds it ops and asks it
// for snapshots; it knows nothing about connections.
//
// Threads: a Keeper lives on one thread (the relay's); every public function is called there
// and every completion runs there, never inside the call that submitted it. The database runs
// on a worker thread the Keeper owns, so its event loop never waits for an fsync (open() and
// close() are the exceptions: they block, at startup and shutdown).
//
// Durability: an op's completion reports success only after a transaction that contains the
// register it changed (or, for a stale or duplicate op, the register that beat it) has
// committed. Group commit: changes that arrive while a transaction is in flight are written
// together by the next one, so throughput grows with concurrency instead of collapsing to one
// fsync per op. A failed transaction fails the completions waiting for it with the database's
// error (the relay nacks them; clients retry with the same ackId) and its changes stay queued
// and are retried with backoff, so memory and database converge once the database is back.
//
// Memory is the authority on ordering: each board's AnnotationStore decides which register
// value wins (last-writer-wins by HLC, AnnotationStore's rules) and the database receives the
// winner. One keeper owns a database.
class Keeper : public QObject
{
    Q_OBJECT

public:
    using Completion = std::function<void(const KeeperResult &)>;

    explicit Keeper(KeeperConfig config, QObject *parent = nullptr);
    ~Keeper() override; // close()

    // Blocking: starts the worker, connects, migrates, loads every board, applies retention.
    bool open(QString *error);
    // Blocking: waits for the transaction in flight, commits what is pending (completing it),
    // fails anything left with "keeper closed", stops the worker. Safe to call twice.
    void close();
    bool isOpen() const { return m_worker != nullptr; }
    const KeeperConfig &config() const { return m_config; }

    // An annotation op received on <board>.annotations, fromUserId as stamped by the hub.
    // Validated (board name, id, limits of PROTOCOL.md, a clock not more than a day ahead),
    // merged into the board's state at once, acknowledged through `done` after the commit.
    void submit(const QString &board, const session::AnnotationOp &op, const QString &fromUserId,
                Completion done = {});
    // A snapshot seen on the wire (e.g. peers answering a sync request), merged like ops.
    void mergeSnapshot(const QString &board, const session::Snapshot &snapshot,
                       Completion done = {});

    // What a late joiner needs: every register of the board (tombstones included), as encoded
    // `snapshot` messages each within kMaxMessageBytes. At least one (possibly empty) message.
    // Includes changes still waiting for their commit.
    QList<QJsonObject> snapshotFor(const QString &board) const;
    session::Snapshot snapshot(const QString &board) const;
    QStringList boards() const;
    qsizetype visibleCount(const QString &board) const;

    // A board's registers as one JSON document: a snapshot message with "board" and
    // "exportedAt" added, so an export is also a valid snapshot.
    QByteArray exportBoard(const QString &board) const;
    // Merges such a document (or any snapshot message) into `board` by clock; the board in the
    // file is ignored. Invalid JSON, a wrong shape or a bad entry fail the completion and change
    // nothing.
    void importBoard(const QString &board, const QByteArray &json, Completion done = {});

    // Applies the retention settings now (also done at open and every retentionInterval).
    void applyRetention();

    KeeperStats stats() const;

    // Why an op is not acceptable, or an empty string. nowMs is the keeper's wall clock.
    static QString validate(const QString &board, const session::AnnotationOp &op,
                            const QString &fromUserId, qint64 nowMs);

signals:
    // A transaction committed: how many completions it released and rows it wrote.
    void committed(int completions, int rows);
    void commitFailed(const QString &error);

private:
    using Key = QPair<QString, QString>; // board, id
    struct Waiting
    {
        Completion done;
        int changed = 0;
    };
    struct Batch
    {
        QSet<Key> keys;
        QList<Waiting> waiting;
    };

    qint64 now() const;
    qint64 horizon(qint64 nowMs) const; // registers older than this are purged
    AnnotationStore *store(const QString &board, bool create);
    int mergeInto(const QString &board, const session::Snapshot &snapshot);
    void accept(Completion done, int changed);
    void finish(Completion done, const KeeperResult &result);
    void finishLater(Completion done, const KeeperResult &result);
    void scheduleFlush();
    void flush(bool synchronous = false);
    void onCommitted(bool ok, const QString &error, int rows);
    void scheduleRetry();

    KeeperConfig m_config;
    std::map<QString, std::unique_ptr<AnnotationStore>> m_boards;
    QThread m_thread;
    // Receives the database thread's results on this object's thread (deleted with it, and
    // with it any result still queued).
    HandOffReceiver *m_results = new HandOffReceiver(this);
    KeeperWorker *m_worker = nullptr;

    QSet<Key> m_dirty; // registers changed in memory, not yet in a transaction
    QList<Waiting> m_waiting; // completions for the next transaction
    Batch m_inFlight;
    bool m_commitInFlight = false;
    bool m_flushScheduled = false;
    QTimer m_retryTimer;
    std::chrono::milliseconds m_retryDelay { 0 };
    QTimer m_retentionTimer;
    KeeperStats m_stats;
};

} // namespace wr
