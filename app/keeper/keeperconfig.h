#pragma once

#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace wr {

// Where the keeper's database is. SQLite (a file, the embedded default) or PostgreSQL.
struct DatabaseSettings
{
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString sqlitePath; // Sqlite: the database file; its directory is created if missing
    QString host; // Postgres: host name, address or (libpq style) a Unix socket directory
    int port = 5432;
    QString databaseName;
    QString userName;
    QString password;
    // Postgres: libpq options from the URL query ("connect_timeout=5;sslmode=require"), in the
    // form QSqlDatabase::setConnectOptions takes them.
    QString connectOptions;
    // How long a write waits for a lock held by another connection before failing: SQLite's
    // busy timeout, PostgreSQL's lock_timeout. A failed write fails its ops' completions.
    std::chrono::milliseconds lockTimeout { 5000 };

    static DatabaseSettings sqlite(const QString &path);
    // "postgresql://user:password@host:port/database?connect_timeout=5&sslmode=require"
    // (also "postgres://"), "sqlite:///absolute/path.db", or a plain file path for SQLite.
    // Percent-encoding in user, password and database is decoded. nullopt and *error on bad
    // input (unknown scheme, bad port, an option value that cannot be passed to libpq).
    static std::optional<DatabaseSettings> fromUrl(const QString &url, QString *error);

    // For logs and errors: the URL without its password.
    QString displayName() const;
    QString backendName() const; // "sqlite" | "postgresql"
};

// Everything the keeper can be told. Durations of 0 disable what they bound.
struct KeeperConfig
{
    DatabaseSettings database;

    // Retention, applied at startup and every retentionInterval. An annotation whose last write
    // (its clock's physical time) is older than maxAge is removed, tombstones included, and
    // ops older than that are not stored. Above maxCountPerBoard visible annotations, the
    // least recently written ones are deleted (they become tombstones at their own clock, so
    // the deletion reaches peers through snapshots and loses to any later edit).
    std::chrono::milliseconds maxAge { 0 };
    int maxCountPerBoard = 0;
    std::chrono::milliseconds retentionInterval { std::chrono::minutes(10) };

    // Ops accepted but not yet committed; above this submits fail at once ("overloaded").
    qsizetype maxPendingOps = 100000;
    // Largest JSON document importBoard() accepts.
    qsizetype maxImportBytes = 64 * 1024 * 1024;
    // After a failed transaction, uncommitted changes are retried with exponential backoff.
    std::chrono::milliseconds retryBase { 250 };
    std::chrono::milliseconds retryCap { 5000 };

    // The HLC node id of the keeper's stores, and its wall clock (Unix ms; empty: the system
    // clock). Tests move time with it.
    QString nodeId = QStringLiteral("keeper");
    std::function<qint64()> wallClock;
};

} // namespace wr
