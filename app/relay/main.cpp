#include "boardservices.h"
#include "keeper.h"
#include "negotiator.h"
#include "redact.h"
#include "relay.h"
#include "relayconfig.h"
#include "remotekeeper.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <functional>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

#ifdef Q_OS_UNIX
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[1], &byte, 1);
}

// SIGINT/SIGTERM become an event-loop event, so clients are closed cleanly.
void installSignalHandlers(QCoreApplication *app, std::function<void()> stop)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [app, stop, notifier] {
        notifier->setEnabled(false);
        char byte;
        [[maybe_unused]] const auto n = ::read(g_signalFds[0], &byte, 1);
        stop();
        // Let the close frames leave before the process ends.
        QTimer::singleShot(200, app, &QCoreApplication::quit);
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
// Every client is a file descriptor; the usual soft limit of 1024 would cap the relay far
// below what it can serve, so take what the hard limit allows.
void raiseFileLimit()
{
    struct rlimit limit = {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}
#else
void installSignalHandlers(QCoreApplication *, std::function<void()>) { }
void raiseFileLimit() { }
#endif

QString loggingRules(const QString &level)
{
    QString rules;
    if (level == "debug"_L1)
        rules += u"watchroom.*.debug=true\n"_s;
    else if (level == "info"_L1)
        rules += u"watchroom.*.info=true\n"_s;
    else if (level == "error"_L1)
        rules += u"watchroom.*.warning=false\n"_s;
    return rules;
}

// `--keeper-only <hub>`: the keeper as a participant of a remote hub, no listening port.
int runKeeperOnly(QCoreApplication &app, const wr::RelayConfig &config, QTextStream &out,
                  QTextStream &err)
{
    QString why;
    wr::KeeperConfig keeperConfig;
    if (!wr::keeperConfigFor(config, &keeperConfig, &why)) {
        err << "watchroom-relay: " << why << Qt::endl;
        return 2;
    }
    const wr::DatabaseSettings *database = &keeperConfig.database;
    std::optional<QLockFile> lock;
    if (database->backend == wr::DatabaseSettings::Backend::Sqlite) {
        lock.emplace(wr::keeperLockPath(database->sqlitePath));
        QDir().mkpath(QFileInfo(database->sqlitePath).absolutePath());
        if (!lock->tryLock(0)) {
            err << "watchroom-relay: " << database->displayName()
                << " is in use by another watchroom-relay process" << Qt::endl;
            return 1;
        }
    }
    wr::Keeper keeper(keeperConfig);
    if (!keeper.open(&why)) {
        err << "watchroom-relay: cannot open the keeper's database " << database->displayName()
            << ": " << why << Qt::endl;
        return 1;
    }
    wr::RemoteKeeper remote(&keeper, config.keeperBoards);
    wr::NegotiateRequest request;
    request.input = config.keeperOnly;
    request.hub = config.defaultHub;
    request.userId = u"watchroom-keeper"_s;
    request.role = u"admin"_s;
    if (!remote.start(request)) {
        err << "watchroom-relay: --keeper-only: cannot connect with '"
            << wr::redactSecrets(config.keeperOnly) << "'" << Qt::endl;
        return 2;
    }
    QObject::connect(remote.client(), &wr::HubClient::stateChanged, &app,
                     [&out, &remote](wr::HubClient::State state) {
                         out << "Keeper: " << QVariant::fromValue(state).toString();
                         if (const QString error = remote.client()->lastError(); !error.isEmpty())
                             out << " (" << wr::redactSecrets(error) << ")";
                         out << Qt::endl;
                     });
    installSignalHandlers(&app, [&remote, &keeper] {
        remote.stop();
        keeper.close();
    });
    out << "Keeper for " << config.keeperBoards.join(u", "_s) << " on " << database->displayName()
        << Qt::endl;
    return app.exec();
}

// `--export-annotations BOARD [--output FILE]` and `--import-annotations BOARD FILE`: one job
// on the keeper's database, no listening port.
int runAnnotationTask(const wr::RelayConfig &config, QTextStream &out, QTextStream &err)
{
    using Task = wr::RelayConfig::AnnotationTask;
    const bool exporting = config.annotationTask == Task::Export;
    const QString flag = exporting ? u"--export-annotations"_s : u"--import-annotations"_s;
    if (!config.keeperEnabled()) {
        err << "watchroom-relay: " << flag << " needs the keeper (it is off)" << Qt::endl;
        return 2;
    }
    QString why;
    wr::KeeperConfig keeperConfig;
    if (!wr::keeperConfigFor(config, &keeperConfig, &why)) {
        err << "watchroom-relay: " << why << Qt::endl;
        return 2;
    }
    // Retention is the serving relay's business; an export should show what is stored.
    keeperConfig.maxAge = {};
    keeperConfig.maxCountPerBoard = 0;
    const wr::DatabaseSettings &database = keeperConfig.database;
    std::optional<QLockFile> lock;
    if (database.backend == wr::DatabaseSettings::Backend::Sqlite) {
        if (!QFileInfo::exists(database.sqlitePath) && exporting) {
            err << "watchroom-relay: no keeper database at " << database.sqlitePath << Qt::endl;
            return 1;
        }
        // A relay serving this file would never see the import, and could write over it.
        lock.emplace(wr::keeperLockPath(database.sqlitePath));
        QDir().mkpath(QFileInfo(database.sqlitePath).absolutePath());
        if (!lock->tryLock(0)) {
            err << "watchroom-relay: " << database.displayName()
                << " is in use by a running watchroom-relay; stop it, or use "
                   "GET/POST /api/boards/"
                << config.annotationBoard << "/annotations on it instead" << Qt::endl;
            return 1;
        }
    }

    QByteArray input;
    if (!exporting) {
        QFile file;
        const bool ok = config.annotationFile == "-"_L1
            ? file.open(stdin, QIODevice::ReadOnly)
            : (file.setFileName(config.annotationFile), file.open(QIODevice::ReadOnly));
        if (!ok) {
            err << "watchroom-relay: cannot read " << config.annotationFile << ": "
                << file.errorString() << Qt::endl;
            return 1;
        }
        input = file.readAll();
    }

    wr::Keeper keeper(keeperConfig);
    if (!keeper.open(&why)) {
        err << "watchroom-relay: cannot open the keeper's database " << database.displayName()
            << ": " << why << Qt::endl;
        return 1;
    }
    if (exporting) {
        const QByteArray document = keeper.exportBoard(config.annotationBoard);
        keeper.close();
        QFile file;
        if (config.annotationFile == "-"_L1) {
            out.flush();
            if (!file.open(stdout, QIODevice::WriteOnly)) {
                err << "watchroom-relay: cannot write to standard output" << Qt::endl;
                return 1;
            }
        } else {
            file.setFileName(config.annotationFile);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                err << "watchroom-relay: cannot write " << config.annotationFile << ": "
                    << file.errorString() << Qt::endl;
                return 1;
            }
        }
        if (file.write(document) != document.size() || !file.flush()) {
            err << "watchroom-relay: cannot write " << config.annotationFile << ": "
                << file.errorString() << Qt::endl;
            return 1;
        }
        return 0;
    }

    // Completions run from the keeper's thread's event loop, never inside importBoard().
    QEventLoop loop;
    std::optional<wr::KeeperResult> outcome;
    keeper.importBoard(config.annotationBoard, input, [&](const wr::KeeperResult &result) {
        outcome = result;
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    keeper.close();
    if (!outcome->ok) {
        err << "watchroom-relay: " << outcome->error << Qt::endl;
        return 1;
    }
    err << "Imported into " << config.annotationBoard << " on " << database.displayName() << ": "
        << outcome->changed << " annotation(s) changed" << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // The relay toggles a write notifier per client socket on every event-loop pass; Qt's own
    // UNIX dispatcher does that far more cheaply than the GLib one (a headless server needs no
    // GLib integration). An explicit QT_NO_GLIB from the environment still wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"watchroom-relay"_s);
    QCoreApplication::setOrganizationName(u"watchroom"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WATCHROOM_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const wr::ConfigResult parsed =
        wr::parseRelayConfig(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment());
    switch (parsed.outcome) {
    case wr::ConfigOutcome::ShowHelp:
    case wr::ConfigOutcome::ShowVersion:
        out << parsed.message << Qt::endl;
        return 0;
    case wr::ConfigOutcome::Error:
        err << "watchroom-relay: " << parsed.message << Qt::endl;
        return 2;
    case wr::ConfigOutcome::Run:
        break;
    }
    QLoggingCategory::setFilterRules(loggingRules(parsed.config.logLevel));

    if (parsed.config.annotationTask != wr::RelayConfig::AnnotationTask::None)
        return runAnnotationTask(parsed.config, out, err);
    if (!parsed.config.keeperOnly.isEmpty())
        return runKeeperOnly(app, parsed.config, out, err);

    raiseFileLimit();
    wr::Relay relay(parsed.config);
    QString error;
    if (!relay.start(&error)) {
        err << "watchroom-relay: " << error << Qt::endl;
        return 1;
    }
    installSignalHandlers(&app, [&relay] { relay.stop(); });

    // Scripts wait for the first line; keep it exactly this shape.
    out << "Listening on "
        << relay.listenUrl().toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        << Qt::endl;
    out << "Connection string: " << relay.connectionString() << Qt::endl;
    out << "Negotiate: " << relay.negotiateUrl().toString() << Qt::endl;
    // On a wildcard address, say where teammates can reach this machine.
    const QHostAddress listen = parsed.config.listenAddress;
    if (listen == QHostAddress::AnyIPv4 || listen == QHostAddress::Any
        || listen == QHostAddress::AnyIPv6) {
        const auto addresses = QNetworkInterface::allAddresses();
        for (const QHostAddress &address : addresses) {
            if (address.isLoopback() || address.isLinkLocal()
                || (listen == QHostAddress::AnyIPv4
                    && address.protocol() != QAbstractSocket::IPv4Protocol))
                continue;
            QUrl url = relay.listenUrl();
            url.setHost(address.toString());
            out << "Reachable at: "
                << url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                << Qt::endl;
        }
    }
    if (!parsed.config.dataDir.isEmpty())
        out << "Data directory: " << parsed.config.dataDir << Qt::endl;
    return app.exec();
}
