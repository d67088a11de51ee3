#include "keeper.h"

#include "annotationrepository.h"
#include "annotationstore.h"
#include "handoff.h"
#include "hlc.h"
#include "keeperlogging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QPointer>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace wr {

// The database side: lives on the keeper's worker thread, owns the repository there.
class KeeperWorker : public HandOffReceiver
{
public:
    explicit KeeperWorker(DatabaseSettings settings)
        : settings(std::move(settings))
    { }

    DatabaseSettings settings;
    std::unique_ptr<AnnotationRepository> repository;
};

namespace {

bool isColor(const QString &color)
{
    if (color.size() != 7 || color.at(0) != u'#')
        return false;
    return std::all_of(color.begin() + 1, color.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    });
}

// The limits of PROTOCOL.md for one register value, for callers that did not come through the
// session codec (which enforces the same ones).
QString validateEntry(const session::Annotation &a, qint64 nowMs)
{
    if (a.id.isEmpty())
        return u"the annotation has no id"_s;
    if (a.id.size() > session::kMaxIdLength)
        return u"the annotation id is longer than %1 characters"_s.arg(session::kMaxIdLength);
    if (a.clock.isNull() || a.clock.physicalMs <= 0)
        return u"annotation %1 has no clock"_s.arg(a.id);
    if (a.clock.node.size() > session::kMaxIdLength)
        return u"the clock of annotation %1 has a userId longer than %2 characters"_s.arg(
            a.id, QString::number(session::kMaxIdLength));
    if (a.clock.physicalMs > nowMs
        && quint64(a.clock.physicalMs) - quint64(nowMs)
            > quint64(HybridLogicalClock::kMaxForwardSkewMs))
        return u"the clock of annotation %1 (%2) is more than a day ahead of the keeper's"_s.arg(
            a.id, a.clock.toString());
    if (a.author.size() > session::kMaxIdLength)
        return u"the author of annotation %1 is longer than %2 characters"_s.arg(
            a.id, QString::number(session::kMaxIdLength));
    if (a.deleted)
        return {};
    if (a.text.size() > session::kMaxTextLength)
        return u"the text of annotation %1 is longer than %2 characters"_s.arg(
            a.id, QString::number(session::kMaxTextLength));
    if (a.tags.size() > session::kMaxTags)
        return u"annotation %1 has more than %2 tags"_s.arg(a.id,
                                                            QString::number(session::kMaxTags));
    for (const QString &tag : a.tags) {
        if (tag.isEmpty() || tag.size() > session::kMaxTagLength)
            return u"annotation %1 has an empty tag or one longer than %2 characters"_s.arg(
                a.id, QString::number(session::kMaxTagLength));
    }
    if (a.panel && a.panel->size() > session::kMaxIdLength)
        return u"the panel of annotation %1 is longer than %2 characters"_s.arg(
            a.id, QString::number(session::kMaxIdLength));
    if (a.t0 < 0 || (a.t1 && *a.t1 < a.t0))
        return u"annotation %1 has a negative t0 or a t1 before t0"_s.arg(a.id);
    if (!a.color.isEmpty() && !isColor(a.color))
        return u"the colour of annotation %1 is not \"#rrggbb\""_s.arg(a.id);
    return {};
}

QString invalidBoard(const QString &board)
{
    return u"invalid board name '%1' (expected [A-Za-z0-9_.-]{1,64})"_s.arg(board.left(80));
}

} // namespace

Keeper::Keeper(KeeperConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_thread.setObjectName(u"watchroom-keeper-db"_s);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { flush(); });
    connect(&m_retentionTimer, &QTimer::timeout, this, &Keeper::applyRetention);
}

Keeper::~Keeper()
{
    close();
}

qint64 Keeper::now() const
{
    return m_config.wallClock ? m_config.wallClock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 Keeper::horizon(qint64 nowMs) const
{
    if (m_config.maxAge.count() <= 0)
        return std::numeric_limits<qint64>::min();
    return nowMs - qint64(m_config.maxAge.count());
}

bool Keeper::open(QString *error)
{
    if (m_worker)
        return true;
    m_thread.start();
    m_worker = new KeeperWorker(m_config.database);
    m_worker->moveToThread(&m_thread);

    bool ok = false;
    QString failure;
    AnnotationRepository::BoardRegisters loaded;
    int skipped = 0;
    KeeperWorker *worker = m_worker;
    worker->post(
        [&] {
            worker->repository = std::make_unique<AnnotationRepository>(worker->settings);
            ok = worker->repository->open(&failure)
                && worker->repository->loadAll(&loaded, &failure, &skipped);
            if (!ok)
                worker->repository.reset();
        },
        true);
    if (!ok) {
        m_thread.quit();
        m_thread.wait();
        delete m_worker;
        m_worker = nullptr;
        if (error)
            *error = failure;
        return false;
    }

    m_boards.clear();
    qsizetype registers = 0;
    for (const auto &[board, values] : loaded) {
        store(board, true)->merge(session::Snapshot { values });
        registers += values.size();
    }
    m_stats.skippedRowsAtLoad = skipped;
    qCInfo(lcKeeper) << "opened" << m_config.database.displayName() << "with" << registers
                     << "annotations on" << m_boards.size() << "boards";

    applyRetention();
    flush(true); // retention at startup is done when open() returns
    if (m_config.retentionInterval.count() > 0
        && (m_config.maxAge.count() > 0 || m_config.maxCountPerBoard > 0))
        m_retentionTimer.start(m_config.retentionInterval);
    return true;
}

void Keeper::close()
{
    m_retentionTimer.stop();
    m_retryTimer.stop();
    if (m_worker) {
        // Deliver the result of the transaction in flight (its completions run now), then
        // commit whatever is pending, synchronously.
        for (int round = 0; m_commitInFlight && round < 100; ++round) {
            m_worker->post([] {}, true);
            QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
        }
        if (!m_commitInFlight)
            flush(true);

        KeeperWorker *worker = m_worker;
        worker->post([worker] { worker->repository.reset(); }, true);
        m_thread.quit();
        m_thread.wait();
        delete m_worker;
        m_worker = nullptr;
        m_commitInFlight = false;
    }
    // Nothing can commit any more.
    QList<Waiting> left = std::exchange(m_waiting, {});
    left.append(std::exchange(m_inFlight.waiting, {}));
    m_dirty.clear();
    m_inFlight.keys.clear();
    for (const Waiting &w : std::as_const(left))
        finish(w.done, { false, u"keeper closed before the change was committed"_s, 0 });
}

AnnotationStore *Keeper::store(const QString &board, bool create)
{
    const auto it = m_boards.find(board);
    if (it != m_boards.end())
        return it->second.get();
    if (!create)
        return nullptr;
    auto s = std::make_unique<AnnotationStore>(m_config.nodeId, m_config.wallClock);
    AnnotationStore *raw = s.get();
    m_boards.emplace(board, std::move(s));
    return raw;
}

QString Keeper::validate(const QString &board, const session::AnnotationOp &op,
                         const QString &fromUserId, qint64 nowMs)
{
    if (!session::isValidBoardName(board))
        return invalidBoard(board);
    if (fromUserId.size() > session::kMaxIdLength)
        return u"the sender's userId is longer than %1 characters"_s.arg(session::kMaxIdLength);
    session::Annotation a = op.annotation;
    a.deleted = op.kind == session::AnnotationOp::Kind::Delete;
    a.author.clear(); // never taken from an op
    return validateEntry(a, nowMs);
}

void Keeper::submit(const QString &board, const session::AnnotationOp &op,
                    const QString &fromUserId, Completion done)
{
    if (!m_worker) {
        finishLater(std::move(done), { false, u"the keeper is not open"_s, 0 });
        return;
    }
    const qint64 t = now();
    if (const QString invalid = validate(board, op, fromUserId, t); !invalid.isEmpty()) {
        ++m_stats.rejected;
        qCDebug(lcKeeper) << "rejected an op on" << board << "from" << fromUserId << ":"
                          << invalid;
        finishLater(std::move(done), { false, invalid, 0 });
        return;
    }
    if (m_waiting.size() + m_inFlight.waiting.size() >= m_config.maxPendingOps) {
        finishLater(std::move(done),
                    { false, u"keeper overloaded: %1 ops waiting for the database"_s.arg(
                                 m_waiting.size() + m_inFlight.waiting.size()),
                      0 });
        return;
    }
    if (op.annotation.clock.physicalMs < horizon(t)) {
        // Retention would remove it at once; storing it could resurrect a purged register.
        ++m_stats.expired;
        finishLater(std::move(done), { true, {}, 0 });
        return;
    }
    AnnotationStore *s = store(board, true);
    const QString &id = op.annotation.id;
    const auto before = s->entry(id);
    s->apply(op, fromUserId);
    const bool changed = s->entry(id) != before;
    if (changed)
        m_dirty.insert({ board, id });
    accept(std::move(done), changed ? 1 : 0);
}

int Keeper::mergeInto(const QString &board, const session::Snapshot &snapshot)
{
    const qint64 h = horizon(now());
    session::Snapshot fresh;
    fresh.annotations.reserve(snapshot.annotations.size());
    for (const session::Annotation &a : snapshot.annotations) {
        if (a.clock.physicalMs >= h)
            fresh.annotations.append(a);
        else
            ++m_stats.expired;
    }
    if (fresh.annotations.isEmpty())
        return 0;
    AnnotationStore *s = store(board, true);
    QHash<QString, std::optional<session::Annotation>> before;
    for (const session::Annotation &a : std::as_const(fresh.annotations)) {
        if (!before.contains(a.id))
            before.insert(a.id, s->entry(a.id));
    }
    s->merge(fresh);
    int changed = 0;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (s->entry(it.key()) != it.value()) {
            m_dirty.insert({ board, it.key() });
            ++changed;
        }
    }
    return changed;
}

void Keeper::mergeSnapshot(const QString &board, const session::Snapshot &snapshot,
                           Completion done)
{
    if (!m_worker) {
        finishLater(std::move(done), { false, u"the keeper is not open"_s, 0 });
        return;
    }
    if (!session::isValidBoardName(board)) {
        ++m_stats.rejected;
        finishLater(std::move(done), { false, invalidBoard(board), 0 });
        return;
    }
    const qint64 t = now();
    for (const session::Annotation &a : snapshot.annotations) {
        if (const QString invalid = validateEntry(a, t); !invalid.isEmpty()) {
            ++m_stats.rejected;
            finishLater(std::move(done), { false, invalid, 0 });
            return;
        }
    }
    accept(std::move(done), mergeInto(board, snapshot));
}

void Keeper::importBoard(const QString &board, const QByteArray &json, Completion done)
{
    const auto reject = [&](const QString &why) {
        ++m_stats.rejected;
        finishLater(std::move(done), { false, u"import into %1: %2"_s.arg(board.left(80), why), 0 });
    };
    if (!m_worker) {
        finishLater(std::move(done), { false, u"the keeper is not open"_s, 0 });
        return;
    }
    if (!session::isValidBoardName(board))
        return reject(invalidBoard(board));
    if (json.size() > m_config.maxImportBytes)
        return reject(u"the document is larger than %1 bytes"_s.arg(m_config.maxImportBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return reject(u"not JSON (%1 at offset %2)"_s.arg(parseError.errorString())
                          .arg(parseError.offset));
    if (!doc.isObject())
        return reject(u"expected a JSON object (an exported board)"_s);
    const session::DecodeResult decoded = session::decode(QJsonValue(doc.object()));
    if (!decoded.ok())
        return reject(u"not an annotation export: %1"_s.arg(decoded.error));
    const auto *snapshot = std::get_if<session::Snapshot>(&*decoded.message);
    if (!snapshot)
        return reject(u"not an annotation export: expected \"type\": \"snapshot\""_s);
    const qint64 t = now();
    for (const session::Annotation &a : snapshot->annotations) {
        if (const QString invalid = validateEntry(a, t); !invalid.isEmpty())
            return reject(invalid);
    }
    accept(std::move(done), mergeInto(board, *snapshot));
}

QByteArray Keeper::exportBoard(const QString &board) const
{
    QJsonObject o = session::encode(snapshot(board));
    o.insert("board"_L1, board);
    o.insert("exportedAt"_L1, now());
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

session::Snapshot Keeper::snapshot(const QString &board) const
{
    const auto it = m_boards.find(board);
    return it == m_boards.end() ? session::Snapshot {} : it->second->snapshot();
}

QList<QJsonObject> Keeper::snapshotFor(const QString &board) const
{
    QList<QJsonObject> messages;
    const QList<session::Snapshot> parts = session::splitSnapshot(snapshot(board));
    messages.reserve(parts.size());
    for (const session::Snapshot &part : parts)
        messages.append(session::encode(part));
    return messages;
}

QStringList Keeper::boards() const
{
    QStringList names;
    for (const auto &entry : m_boards)
        names.append(entry.first);
    return names;
}

qsizetype Keeper::visibleCount(const QString &board) const
{
    const auto it = m_boards.find(board);
    return it == m_boards.end() ? 0 : it->second->rowCount();
}

void Keeper::applyRetention()
{
    if (!m_worker || (m_config.maxAge.count() <= 0 && m_config.maxCountPerBoard <= 0))
        return;
    const qint64 h = horizon(now());
    for (auto it = m_boards.begin(); it != m_boards.end();) {
        const QString &board = it->first;
        const session::Snapshot all = it->second->snapshot();
        session::Snapshot keep;
        int purged = 0;
        for (const session::Annotation &a : all.annotations) {
            if (a.clock.physicalMs < h) {
                m_dirty.insert({ board, a.id });
                ++purged;
            } else {
                keep.annotations.append(a);
            }
        }
        if (purged) {
            // AnnotationStore never forgets a register: rebuild the board without them.
            m_stats.retentionRemoved += purged;
            auto fresh = std::make_unique<AnnotationStore>(m_config.nodeId, m_config.wallClock);
            fresh->merge(keep);
            it->second = std::move(fresh);
        }
        if (m_config.maxCountPerBoard > 0) {
            QList<session::Annotation> visible;
            for (const session::Annotation &a : std::as_const(keep.annotations)) {
                if (!a.deleted)
                    visible.append(a);
            }
            const qsizetype excess = visible.size() - m_config.maxCountPerBoard;
            if (excess > 0) {
                std::sort(visible.begin(), visible.end(),
                          [](const session::Annotation &a, const session::Annotation &b) {
                              return a.clock < b.clock;
                          });
                session::Snapshot tombstones;
                for (qsizetype i = 0; i < excess; ++i) {
                    session::Annotation t;
                    t.id = visible.at(i).id;
                    t.clock = visible.at(i).clock; // a delete wins over a put on an equal clock
                    t.author = visible.at(i).author;
                    t.deleted = true;
                    tombstones.annotations.append(t);
                    m_dirty.insert({ board, t.id });
                }
                it->second->merge(tombstones);
                m_stats.retentionEvicted += excess;
            }
        }
        if (keep.annotations.isEmpty())
            it = m_boards.erase(it);
        else
            ++it;
    }
    if (!m_dirty.isEmpty())
        scheduleFlush();
}

void Keeper::accept(Completion done, int changed)
{
    m_waiting.append({ std::move(done), changed });
    scheduleFlush();
}

void Keeper::finish(Completion done, const KeeperResult &result)
{
    if (result.ok)
        ++m_stats.completedOk;
    else
        ++m_stats.completedFailed;
    if (done)
        done(result);
}

void Keeper::finishLater(Completion done, const KeeperResult &result)
{
    // Through the event loop like every other completion: never inside the submitting call.
    QMetaObject::invokeMethod(
        this, [this, done = std::move(done), result] { finish(done, result); },
        Qt::QueuedConnection);
}

void Keeper::scheduleFlush()
{
    if (m_flushScheduled || m_commitInFlight || !m_worker)
        return;
    // Queued, so that every op of the current event (a burst read from one socket) joins the
    // same transaction.
    m_flushScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushScheduled = false;
            flush();
        },
        Qt::QueuedConnection);
}

void Keeper::flush(bool synchronous)
{
    if (!m_worker || m_commitInFlight || (m_dirty.isEmpty() && m_waiting.isEmpty()))
        return;
    m_retryTimer.stop();
    Batch batch { std::exchange(m_dirty, {}), std::exchange(m_waiting, {}) };
    QList<AnnotationRepository::Row> upserts;
    QList<AnnotationRepository::Key> removals;
    upserts.reserve(batch.keys.size());
    for (const Key &key : std::as_const(batch.keys)) {
        const AnnotationStore *s = store(key.first, false);
        if (const auto value = s ? s->entry(key.second) : std::nullopt)
            upserts.append({ key.first, *value });
        else
            removals.append(key);
    }
    const int rows = int(upserts.size() + removals.size());
    if (rows == 0) {
        // Nothing changed since the last commit: what these ops depend on is durable already.
        QPointer<Keeper> self(this);
        for (const Waiting &w : std::as_const(batch.waiting)) {
            finish(w.done, { true, {}, w.changed });
            if (!self)
                return;
        }
        return;
    }

    m_inFlight = std::move(batch);
    m_commitInFlight = true;
    KeeperWorker *worker = m_worker;
    if (synchronous) {
        bool ok = false;
        QString error;
        worker->post(
            [&] {
                ok = worker->repository && worker->repository->commit(upserts, removals, &error);
            },
            true);
        onCommitted(ok, error, rows);
        return;
    }
    worker->post([this, worker, upserts = std::move(upserts), removals = std::move(removals), rows] {
        QString error = u"the database is closed"_s;
        const bool ok = worker->repository && worker->repository->commit(upserts, removals, &error);
        m_results->post([this, ok, error, rows] { onCommitted(ok, error, rows); });
    });
}

void Keeper::onCommitted(bool ok, const QString &error, int rows)
{
    m_commitInFlight = false;
    const Batch batch = std::exchange(m_inFlight, {});
    if (ok) {
        ++m_stats.transactions;
        m_stats.rowsWritten += quint64(rows);
        m_stats.largestBatch = std::max(m_stats.largestBatch, int(batch.waiting.size()));
        m_retryDelay = std::chrono::milliseconds(0);
    } else {
        ++m_stats.failedTransactions;
        m_stats.lastError = error;
        m_dirty.unite(batch.keys); // retried; memory stays the authority
        qCWarning(lcKeeper) << "annotation commit failed," << batch.waiting.size()
                            << "ops not acknowledged:" << error;
    }

    QPointer<Keeper> self(this);
    const KeeperResult failed { false, error, 0 };
    for (const Waiting &w : batch.waiting) {
        finish(w.done, ok ? KeeperResult { true, {}, w.changed } : failed);
        if (!self)
            return; // a completion destroyed the keeper
    }
    if (ok)
        emit committed(int(batch.waiting.size()), rows);
    else
        emit commitFailed(error);
    if (!self)
        return;

    if (!m_waiting.isEmpty() || (ok && !m_dirty.isEmpty()))
        scheduleFlush();
    else if (!m_dirty.isEmpty())
        scheduleRetry();
}

void Keeper::scheduleRetry()
{
    if (m_retryTimer.isActive() || !m_worker)
        return;
    using std::chrono::milliseconds;
    m_retryDelay = m_retryDelay.count() == 0 ? m_config.retryBase
                                             : std::min(m_retryDelay * 2, m_config.retryCap);
    m_retryTimer.start(std::max(m_retryDelay, milliseconds(1)));
}

KeeperStats Keeper::stats() const
{
    KeeperStats s = m_stats;
    s.pendingCompletions = m_waiting.size() + m_inFlight.waiting.size();
    s.dirtyRegisters = m_dirty.size() + m_inFlight.keys.size();
    s.commitInFlight = m_commitInFlight;
    return s;
}

} // namespace wr
