#include "relay.h"
#include "relayconfig.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>

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
void installSignalHandlers(QCoreApplication *app, wr::Relay *relay)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [app, relay, notifier] {
        notifier->setEnabled(false);
        char byte;
        [[maybe_unused]] const auto n = ::read(g_signalFds[0], &byte, 1);
        relay->stop();
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
void installSignalHandlers(QCoreApplication *, wr::Relay *) { }
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

    raiseFileLimit();
    wr::Relay relay(parsed.config);
    QString error;
    if (!relay.start(&error)) {
        err << "watchroom-relay: " << error << Qt::endl;
        return 1;
    }
    installSignalHandlers(&app, &relay);

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
