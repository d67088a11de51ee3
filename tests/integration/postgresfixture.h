#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A throw-away PostgreSQL server for tests and benchmarks: initdb into a temporary directory,
// pg_ctl start on 127.0.0.1 and a free port (and a Unix socket in the same directory), stopped
// and deleted by stop() or the destructor. PostgreSQL refuses to run as root, so when the test
// runs as root initdb, pg_ctl and the server run as the `postgres` system user (runuser), and
// the directory is handed to that user. A watchdog shell stops the server if the test process
// dies without cleaning up.
class PostgresFixture
{
public:
    PostgresFixture();
    ~PostgresFixture();
    PostgresFixture(const PostgresFixture &) = delete;
    PostgresFixture &operator=(const PostgresFixture &) = delete;

    // WATCHROOM_PG_BINDIR, else pg_config --bindir, else /usr/lib/postgresql/15/bin.
    static QString binDir();
    // Empty when the fixture can run here, else why not (for QSKIP).
    static QString unavailableReason();

    // initdb on the first call, then pg_ctl start; bounded (about 60 s at worst).
    bool start(QString *error);
    // pg_ctl stop -m fast, bounded; SIGKILL of the postmaster if that fails.
    bool stop(QString *error = nullptr);
    bool isRunning() const { return m_running; }

    quint16 port() const { return m_port; }
    QString socketDir() const;
    // postgresql://watchroom@127.0.0.1:<port>/<database>
    QString url(const QString &database = QStringLiteral("postgres")) const;
    bool createDatabase(const QString &name, QString *error);
    QString logTail() const;

private:
    bool run(const QStringList &command, int timeoutMs, QString *output);
    QStringList asServerUser(const QStringList &command) const;
    QString bin(const QString &tool) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_initialised = false;
    bool m_running = false;
    quint16 m_port = 0;
    bool m_asRoot = false;
};
