#include "annotationrepository.h"

#include "keeperlogging.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

// Rows per multi-row INSERT: one round trip to PostgreSQL per chunk instead of per row, well
// under both drivers' bound-parameter limits (8 columns each).
constexpr qsizetype kChunkRows = 64;
constexpr int kColumns = 8;

struct Migration
{
    int version;
    const char *description;
    QStringList statements; // the same SQL for SQLite and PostgreSQL
};

// Append only: a released step never changes, a schema change is a new step.
const QList<Migration> &migrations()
{
    static const QList<Migration> steps {
        { 1,
          "annotation registers keyed by (board, id)",
          {
              u"CREATE TABLE annotations ("
              "board TEXT NOT NULL, "
              "id TEXT NOT NULL, "
              "clock_ms BIGINT NOT NULL, "
              "clock_counter BIGINT NOT NULL, "
              "clock_node TEXT NOT NULL, "
              "author TEXT NOT NULL, "
              "deleted INTEGER NOT NULL, "
              "fields TEXT NOT NULL, "
              "PRIMARY KEY (board, id))"_s,
              // Retention scans a board by age.
              u"CREATE INDEX annotations_board_clock ON annotations (board, clock_ms)"_s,
          } },
    };
    return steps;
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"watchroom-keeper-%1"_s.arg(counter.fetchAndAddRelaxed(1) + 1);
}

// A null QString binds as SQL NULL; the columns are NOT NULL.
QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

std::optional<session::Annotation> decodeRow(const QString &id, qint64 clockMs, qint64 counter,
                                             const QString &node, const QString &author,
                                             bool deleted, const QByteArray &fields,
                                             QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(fields, &parseError);
    if (!doc.isObject()) {
        *error = u"fields are not a JSON object (%1)"_s.arg(parseError.errorString());
        return std::nullopt;
    }
    if (counter < 0 || counter > qint64(std::numeric_limits<quint32>::max())) {
        *error = u"clock counter out of range"_s;
        return std::nullopt;
    }
    // Decoded through the session codec, so a stored row meets the same limits as the wire.
    QJsonObject entry = doc.object();
    entry.insert("id"_L1, id);
    entry.insert("clock"_L1, session::HlcTimestamp { clockMs, quint32(counter), node }.toString());
    entry.insert("author"_L1, author);
    entry.insert("deleted"_L1, deleted);
    const session::DecodeResult decoded = session::decode(QJsonValue(QJsonObject {
        { u"type"_s, u"snapshot"_s },
        { u"v"_s, session::kVersion },
        { u"annotations"_s, QJsonArray { entry } },
    }));
    const auto *snapshot = decoded.ok() ? std::get_if<session::Snapshot>(&*decoded.message)
                                        : nullptr;
    if (!snapshot || snapshot->annotations.size() != 1) {
        *error = decoded.error.isEmpty() ? u"not a snapshot entry"_s : decoded.error;
        return std::nullopt;
    }
    return snapshot->annotations.first();
}

} // namespace

AnnotationRepository::AnnotationRepository(DatabaseSettings settings)
    : m_settings(std::move(settings))
    , m_connectionName(nextConnectionName())
{ }

AnnotationRepository::~AnnotationRepository()
{
    close();
}

QByteArray AnnotationRepository::encodeFields(const session::Annotation &value)
{
    if (value.deleted)
        return "{}"_ba; // a tombstone keeps only id, clock and author
    const QJsonObject message = session::encode(session::Snapshot { { value } });
    QJsonObject entry = message.value("annotations"_L1).toArray().at(0).toObject();
    for (const auto key : { "id"_L1, "clock"_L1, "author"_L1, "deleted"_L1 })
        entry.remove(key);
    return QJsonDocument(entry).toJson(QJsonDocument::Compact);
}

QString AnnotationRepository::failure(const QString &what, const QSqlQuery &query) const
{
    const QSqlError e = query.lastError();
    return u"%1 (%2): %3"_s.arg(what, m_settings.displayName(),
                                e.text().trimmed().isEmpty() ? u"unknown error"_s
                                                             : e.text().trimmed());
}

QString AnnotationRepository::failure(const QString &what) const
{
    const QSqlError e = m_db.lastError();
    return u"%1 (%2): %3"_s.arg(what, m_settings.displayName(),
                                e.text().trimmed().isEmpty() ? u"unknown error"_s
                                                             : e.text().trimmed());
}

bool AnnotationRepository::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        *error = failure(u"database statement failed"_s, q);
        return false;
    }
    return true;
}

bool AnnotationRepository::begin(QString *error)
{
    // SQLite: take the write lock now, so a busy database waits (busy timeout) here instead of
    // failing halfway through with a stale read snapshot.
    return exec(m_settings.backend == DatabaseSettings::Backend::Sqlite ? u"BEGIN IMMEDIATE"_s
                                                                        : u"BEGIN"_s,
                error);
}

void AnnotationRepository::rollback()
{
    if (!m_db.isOpen())
        return;
    QSqlQuery q(m_db);
    q.exec(u"ROLLBACK"_s); // nothing to do when the connection is gone
}

bool AnnotationRepository::open(QString *error)
{
    if (m_db.isOpen())
        return true;
    if (!connectDatabase(error) || !migrate(error)) {
        close();
        return false;
    }
    return true;
}

bool AnnotationRepository::connectDatabase(QString *error)
{
    const bool sqlite = m_settings.backend == DatabaseSettings::Backend::Sqlite;
    const QString driver = sqlite ? u"QSQLITE"_s : u"QPSQL"_s;
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        *error = u"the Qt SQL driver %1 is not installed (%2)"_s.arg(
            driver, sqlite ? u"libqt6sql6-sqlite"_s : u"libqt6sql6-psql"_s);
        return false;
    }
    m_db = QSqlDatabase::addDatabase(driver, m_connectionName);
    const auto lockMs = qint64(m_settings.lockTimeout.count());
    if (sqlite) {
        if (m_settings.sqlitePath.isEmpty()) {
            *error = u"no SQLite database file configured"_s;
            return false;
        }
        const QFileInfo file(m_settings.sqlitePath);
        if (file.isDir()) {
            *error = u"the SQLite database path %1 is a directory"_s.arg(m_settings.sqlitePath);
            return false;
        }
        if (!QDir().mkpath(file.absolutePath())) {
            *error = u"cannot create the directory %1"_s.arg(file.absolutePath());
            return false;
        }
        m_db.setDatabaseName(m_settings.sqlitePath);
        m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(lockMs));
    } else {
        m_db.setHostName(m_settings.host);
        m_db.setPort(m_settings.port);
        m_db.setDatabaseName(m_settings.databaseName);
        m_db.setUserName(m_settings.userName);
        m_db.setPassword(m_settings.password);
        m_db.setConnectOptions(m_settings.connectOptions);
    }
    if (!m_db.open()) {
        *error = failure(u"cannot open the annotation database"_s);
        return false;
    }

    if (sqlite) {
        // WAL: readers never block the writer. synchronous=FULL: every commit fsyncs the WAL,
        // so an acked op survives not only kill -9 (NORMAL would) but also a power cut or a
        // kernel crash; group commit pays that fsync once per batch, not per op.
        QSqlQuery q(m_db);
        if (!q.exec(u"PRAGMA journal_mode=WAL"_s) || !q.next()) {
            *error = failure(u"cannot open the annotation database"_s, q);
            return false;
        }
        if (q.value(0).toString().compare("wal"_L1, Qt::CaseInsensitive) != 0) {
            *error = u"%1: SQLite refused WAL mode (journal mode is '%2')"_s.arg(
                m_settings.displayName(), q.value(0).toString());
            return false;
        }
        // A 64 MiB page cache and checkpoints every ~32 MiB of WAL instead of every 4 MiB: a
        // checkpoint writes and fsyncs the database file inside some commit, which then acks
        // late; fewer, larger ones keep the ack latency flat.
        if (!exec(u"PRAGMA synchronous=FULL"_s, error)
            || !exec(u"PRAGMA cache_size=-65536"_s, error)
            || !exec(u"PRAGMA wal_autocheckpoint=8192"_s, error))
            return false;
    } else {
        // The server default could be off; the durability promise needs the commit to wait for
        // the WAL flush. lock_timeout bounds how long a write waits for another session's lock.
        if (!exec(u"SET synchronous_commit TO on"_s, error)
            || !exec(u"SET client_min_messages TO warning"_s, error)
            || !exec(u"SET lock_timeout TO %1"_s.arg(lockMs), error))
            return false;
    }
    return true;
}

bool AnnotationRepository::readVersion(int *version, QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT MAX(version) FROM schema_version"_s)) {
        *error = failure(u"cannot read the schema version"_s, q);
        return false;
    }
    *version = q.next() && !q.isNull(0) ? q.value(0).toInt() : -1;
    return true;
}

bool AnnotationRepository::migrate(QString *error)
{
    const bool postgres = m_settings.backend == DatabaseSettings::Backend::Postgres;
    // Two keepers starting at once on one PostgreSQL database must not both migrate: each step
    // re-reads the version under an exclusive lock on schema_version.
    const QString lock = u"LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE"_s;

    int version = 0;
    if (!begin(error)
        || !exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s, error)
        || (postgres && !exec(lock, error)) || !readVersion(&version, error)) {
        rollback();
        return false;
    }
    if (version < 0) {
        version = 0;
        if (!exec(u"INSERT INTO schema_version (version) VALUES (0)"_s, error)) {
            rollback();
            return false;
        }
    }
    if (!exec(u"COMMIT"_s, error)) {
        rollback();
        return false;
    }
    m_versionAtOpen = version;
    m_version = version;
    if (version > kSchemaVersion) {
        *error = u"the annotation database %1 has schema version %2, newer than the %3 this "
                 "keeper supports: it was written by a newer Watchroom; upgrade, or point the "
                 "keeper at another database"_s
                     .arg(m_settings.displayName())
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }

    for (const Migration &step : migrations()) {
        if (step.version <= m_version)
            continue;
        int current = 0;
        if (!begin(error) || (postgres && !exec(lock, error)) || !readVersion(&current, error)) {
            rollback();
            return false;
        }
        if (current >= step.version) { // another keeper got there first
            rollback();
            m_version = current;
            continue;
        }
        for (const QString &sql : step.statements) {
            if (!exec(sql, error)) {
                rollback();
                *error = u"schema migration %1 (%2) failed, database left at version %3: %4"_s
                             .arg(step.version)
                             .arg(QLatin1StringView(step.description))
                             .arg(current)
                             .arg(*error);
                return false;
            }
        }
        if (!exec(u"UPDATE schema_version SET version = %1"_s.arg(step.version), error)
            || !exec(u"COMMIT"_s, error)) {
            rollback();
            return false;
        }
        qCInfo(lcKeeperDb) << "migrated" << m_settings.displayName() << "to schema version"
                           << step.version;
        m_version = step.version;
    }
    return true;
}

void AnnotationRepository::close()
{
    m_upserts.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool AnnotationRepository::loadAll(BoardRegisters *out, QString *error, int *skipped)
{
    out->clear();
    if (skipped)
        *skipped = 0;
    if (!open(error))
        return false;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT board, id, clock_ms, clock_counter, clock_node, author, deleted, fields "
                "FROM annotations ORDER BY board, id"_s)) {
        *error = failure(u"cannot read annotations"_s, q);
        close();
        return false;
    }
    while (q.next()) {
        const QString board = q.value(0).toString();
        const QString id = q.value(1).toString();
        QString rowError;
        const auto value = decodeRow(id, q.value(2).toLongLong(), q.value(3).toLongLong(),
                                     q.value(4).toString(), q.value(5).toString(),
                                     q.value(6).toInt() != 0, q.value(7).toString().toUtf8(),
                                     &rowError);
        if (!value || !session::isValidBoardName(board)) {
            qCWarning(lcKeeperDb) << "skipping unreadable annotation row" << board << id << ":"
                                  << (value ? u"invalid board name"_s : rowError);
            if (skipped)
                ++*skipped;
            continue;
        }
        (*out)[board].append(*value);
    }
    if (q.lastError().isValid()) {
        *error = failure(u"cannot read annotations"_s, q);
        close();
        return false;
    }
    return true;
}

bool AnnotationRepository::upsertChunk(const QList<Row> &rows, qsizetype from, qsizetype count,
                                       QString *error)
{
    auto it = m_upserts.find(count);
    if (it == m_upserts.end()) {
        QString sql = u"INSERT INTO annotations (board, id, clock_ms, clock_counter, clock_node, "
                      "author, deleted, fields) VALUES "_s;
        for (qsizetype i = 0; i < count; ++i)
            sql += i ? u", (?, ?, ?, ?, ?, ?, ?, ?)"_s : u"(?, ?, ?, ?, ?, ?, ?, ?)"_s;
        sql += u" ON CONFLICT (board, id) DO UPDATE SET clock_ms = excluded.clock_ms, "
               "clock_counter = excluded.clock_counter, clock_node = excluded.clock_node, "
               "author = excluded.author, deleted = excluded.deleted, fields = excluded.fields"_s;
        QSqlQuery q(m_db);
        if (!q.prepare(sql)) {
            *error = failure(u"cannot prepare the annotation upsert"_s, q);
            return false;
        }
        it = m_upserts.emplace(count, std::move(q)).first;
    }
    QSqlQuery &q = it->second;
    int position = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const Row &row = rows.at(i);
        const session::Annotation &a = row.value;
        q.bindValue(position++, notNull(row.board));
        q.bindValue(position++, notNull(a.id));
        q.bindValue(position++, a.clock.physicalMs);
        q.bindValue(position++, qint64(a.clock.counter));
        q.bindValue(position++, notNull(a.clock.node));
        q.bindValue(position++, notNull(a.author));
        q.bindValue(position++, a.deleted ? 1 : 0);
        q.bindValue(position++, QString::fromUtf8(encodeFields(a)));
    }
    Q_ASSERT(position == count * kColumns);
    if (!q.exec()) {
        *error = failure(u"cannot write annotations"_s, q);
        return false;
    }
    return true;
}

bool AnnotationRepository::commit(const QList<Row> &upserts, const QList<Key> &removals,
                                  QString *error)
{
    if (!open(error))
        return false;
    const auto fail = [this] {
        rollback();
        close(); // reconnect on the next attempt
        return false;
    };
    if (!begin(error))
        return fail();
    for (qsizetype from = 0; from < upserts.size(); from += kChunkRows) {
        if (!upsertChunk(upserts, from, std::min(kChunkRows, upserts.size() - from), error))
            return fail();
    }
    if (!removals.isEmpty()) {
        QSqlQuery q(m_db);
        if (!q.prepare(u"DELETE FROM annotations WHERE board = ? AND id = ?"_s)) {
            *error = failure(u"cannot prepare the annotation delete"_s, q);
            return fail();
        }
        for (const Key &key : removals) {
            q.bindValue(0, key.first);
            q.bindValue(1, key.second);
            if (!q.exec()) {
                *error = failure(u"cannot delete annotations"_s, q);
                return fail();
            }
        }
    }
    QSqlQuery q(m_db);
    if (!q.exec(u"COMMIT"_s)) {
        *error = failure(u"cannot commit annotations"_s, q);
        return fail();
    }
    ++m_transactions;
    return true;
}

} // namespace wr
