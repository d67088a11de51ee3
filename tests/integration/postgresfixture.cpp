#include "postgresfixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>

#include <csignal>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
const QString kUser = u"watchroom"_s;
const QString kServerUser = u"postgres"_s; // the Debian package's system user
}

PostgresFixture::PostgresFixture()
    : m_asRoot(::geteuid() == 0)
{ }

PostgresFixture::~PostgresFixture()
{
    stop();
}

QString PostgresFixture::binDir()
{
    const QString env = qEnvironmentVariable("WATCHROOM_PG_BINDIR");
    if (!env.isEmpty())
        return env;
    QProcess p;
    p.start(u"pg_config"_s, { u"--bindir"_s });
    if (p.waitForFinished(5000) && p.exitCode() == 0) {
        const QString dir = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
        if (QFileInfo::exists(dir + u"/initdb"_s))
            return dir;
    }
    return u"/usr/lib/postgresql/15/bin"_s;
}

QString PostgresFixture::unavailableReason()
{
    const QString dir = binDir();
    for (const auto tool : { "initdb"_L1, "pg_ctl"_L1, "postgres"_L1 }) {
        if (!QFileInfo(dir + u'/' + tool).isExecutable())
            return u"PostgreSQL server binaries not found in %1 (Debian package postgresql)"_s.arg(dir);
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return u"the Qt SQL driver QPSQL is not installed (libqt6sql6-psql)"_s;
    if (::geteuid() == 0 && !::getpwnam("postgres"))
        return u"running as root and there is no 'postgres' user to run the server as"_s;
    return {};
}

QString PostgresFixture::bin(const QString &tool) const
{
    return binDir() + u'/' + tool;
}

QString PostgresFixture::socketDir() const
{
    return m_dir ? m_dir->path() : QString();
}

QStringList PostgresFixture::asServerUser(const QStringList &command) const
{
    if (!m_asRoot)
        return command;
    return QStringList { u"runuser"_s, u"-u"_s, kServerUser, u"--"_s } + command;
}

bool PostgresFixture::run(const QStringList &command, int timeoutMs, QString *output)
{
    const QStringList argv = asServerUser(command);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir->path()); // readable by the server user, unlike root's cwd
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C"_s);
    p.setProcessEnvironment(env);
    p.start(argv.first(), argv.mid(1));
    const bool finished = p.waitForStarted(5000) && p.waitForFinished(timeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished(2000);
    }
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool PostgresFixture::start(QString *error)
{
    if (m_running)
        return true;
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        *error = why;
        return false;
    }
    QString output;
    if (!m_dir) {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/watchroom-pg-XXXXXX"_s);
        if (!m_dir->isValid()) {
            *error = u"cannot create a temporary directory: %1"_s.arg(m_dir->errorString());
            return false;
        }
        if (m_asRoot) {
            const passwd *pw = ::getpwnam("postgres");
            if (!pw || ::chown(QFile::encodeName(m_dir->path()).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                *error = u"cannot hand %1 to the postgres user"_s.arg(m_dir->path());
                return false;
            }
        }
    }
    const QString data = m_dir->path() + u"/data"_s;
    if (!m_initialised) {
        if (!run({ bin(u"initdb"_s), u"-D"_s, data, u"-U"_s, kUser, u"--auth=trust"_s,
                   u"-E"_s, u"UTF8"_s, u"--locale=C"_s, u"--no-sync"_s },
                 60000, &output)) {
            *error = u"initdb failed: %1"_s.arg(output.right(2000));
            return false;
        }
        m_initialised = true;
    }

    // A free port: bound and released just before the server binds it. Another process could
    // take it in between, so try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (m_port == 0 || attempt > 0) {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0)) {
                *error = u"no free loopback port"_s;
                return false;
            }
            m_port = probe.serverPort();
        }
        const QString options = u"-k %1 -h 127.0.0.1 -p %2 -c fsync=on"_s.arg(m_dir->path())
                                    .arg(m_port);
        if (run({ bin(u"pg_ctl"_s), u"start"_s, u"-w"_s, u"-t"_s, u"30"_s, u"-D"_s, data,
                  u"-l"_s, m_dir->path() + u"/postgres.log"_s, u"-o"_s, options },
                 40000, &output)) {
            m_running = true;
            break;
        }
        *error = u"pg_ctl start failed: %1\n%2"_s.arg(output.right(1000), logTail());
    }
    if (!m_running)
        return false;

    // Stop the server should this process die without running stop() (a crash, SIGKILL).
    const QString watchdog
        = u"exec >/dev/null 2>&1 </dev/null; while [ -e /proc/%1 ]; do sleep 1; done; %2 stop -D '%3' -m immediate"_s.arg(
            QString::number(QCoreApplication::applicationPid()), bin(u"pg_ctl"_s), data);
    const QStringList argv = asServerUser({ u"sh"_s, u"-c"_s, watchdog });
    QProcess::startDetached(argv.first(), argv.mid(1), m_dir->path());
    return true;
}

bool PostgresFixture::stop(QString *error)
{
    if (!m_running)
        return true;
    m_running = false;
    const QString data = m_dir->path() + u"/data"_s;
    QString output;
    if (run({ bin(u"pg_ctl"_s), u"stop"_s, u"-D"_s, data, u"-m"_s, u"fast"_s, u"-w"_s, u"-t"_s,
              u"15"_s },
            20000, &output))
        return true;
    // Still up: kill the postmaster (first line of postmaster.pid); its children follow.
    QFile pidFile(data + u"/postmaster.pid"_s);
    if (pidFile.open(QIODevice::ReadOnly)) {
        const qint64 pid = pidFile.readLine().trimmed().toLongLong();
        if (pid > 0)
            ::kill(pid_t(pid), SIGKILL);
    }
    if (error)
        *error = u"pg_ctl stop failed: %1\n%2"_s.arg(output.right(1000), logTail());
    return false;
}

QString PostgresFixture::url(const QString &database) const
{
    return u"postgresql://%1@127.0.0.1:%2/%3"_s.arg(kUser).arg(m_port).arg(database);
}

bool PostgresFixture::createDatabase(const QString &name, QString *error)
{
    const QString connection = u"watchroom-pg-fixture-admin"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(u"127.0.0.1"_s);
        db.setPort(m_port);
        db.setUserName(kUser);
        db.setDatabaseName(u"postgres"_s);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            ok = q.exec(u"CREATE DATABASE \"%1\""_s.arg(name));
            if (!ok)
                *error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

QString PostgresFixture::logTail() const
{
    if (!m_dir)
        return {};
    QFile log(m_dir->path() + u"/postgres.log"_s);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(log.readAll().right(2000));
}
