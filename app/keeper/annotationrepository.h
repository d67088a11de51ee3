#pragma once

#include "keeperconfig.h"
#include "sessionmessages.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <map>

namespace wr {

// The annotation table over Qt SQL: one row per (board, annotation id) holding the register's
// current value — clock, content, author, tombstone flag. Synchronous, and like every Qt SQL
// connection usable from one thread only: the Keeper runs it on its worker thread.
//
// The repository stores what it is given; deciding which register value wins (the
// last-writer-wins comparison) is the caller's job, done in memory with AnnotationStore. That
// keeps one definition of the order, and is correct because one keeper owns a database.
//
// Schema migrations are numbered steps, each run in its own transaction together with the
// update of schema_version; a database whose version is newer than kSchemaVersion is refused.
class AnnotationRepository
{
public:
    static constexpr int kSchemaVersion = 1;

    using Key = QPair<QString, QString>; // board, annotation id
    struct Row
    {
        QString board;
        session::Annotation value; // the register, author and deleted included
    };
    using BoardRegisters = std::map<QString, QList<session::Annotation>>;

    explicit AnnotationRepository(DatabaseSettings settings);
    ~AnnotationRepository();
    AnnotationRepository(const AnnotationRepository &) = delete;
    AnnotationRepository &operator=(const AnnotationRepository &) = delete;

    // Connects, sets up durability (SQLite: WAL, synchronous=FULL; PostgreSQL:
    // synchronous_commit=on) and migrates. False and *error when the database cannot be
    // reached, is not a database, is from a newer version, or a migration failed.
    bool open(QString *error);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    const DatabaseSettings &settings() const { return m_settings; }

    // The schema version found when the database was opened (0 for a new one) and now.
    int versionAtOpen() const { return m_versionAtOpen; }
    int schemaVersion() const { return m_version; }

    // Every stored register, per board. Rows that cannot be decoded (a hand-edited database)
    // are skipped and counted in *skipped, never fatal.
    bool loadAll(BoardRegisters *out, QString *error, int *skipped = nullptr);

    // One transaction: insert or replace `upserts`, delete `removals`. Reconnects first when
    // the connection was lost; on failure rolls back and drops the connection so the next call
    // starts afresh (a restarted PostgreSQL server is picked up again).
    bool commit(const QList<Row> &upserts, const QList<Key> &removals, QString *error);

    quint64 transactionsCommitted() const { return m_transactions; }

    // The row encoding, exposed for tests: a register's content as stored in `fields`.
    static QByteArray encodeFields(const session::Annotation &value);

private:
    bool connectDatabase(QString *error);
    bool migrate(QString *error);
    bool exec(const QString &sql, QString *error);
    bool begin(QString *error);
    void rollback();
    bool readVersion(int *version, QString *error);
    bool upsertChunk(const QList<Row> &rows, qsizetype from, qsizetype count, QString *error);
    QString failure(const QString &what, const QSqlQuery &query) const;
    QString failure(const QString &what) const;

    DatabaseSettings m_settings;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::map<qsizetype, QSqlQuery> m_upserts; // prepared multi-row upserts by row count
    int m_versionAtOpen = 0;
    int m_version = 0;
    quint64 m_transactions = 0;
};

} // namespace wr
