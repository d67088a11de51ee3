#pragma once

#include <QHostAddress>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace wr {

// A secret that lets a desktop client join with a role.
struct InviteSecret
{
    QString role; // viewer|annotator|source|admin
    QString secret;
};

// Everything watchroom-relay needs to start. Filled from, highest precedence first, command-line
// flags, WATCHROOM_RELAY_* environment variables, an INI file (--config), then these defaults.
struct RelayConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 7300; // 0 = ephemeral
    QStringList accessKeys; // primary[, secondary]; empty = generate/persist in dataDir
    QString dataDir; // parseRelayConfig fills in <generic data location>/watchroom-relay
    QString defaultHub = QStringLiteral("watchroom");
    QList<InviteSecret> invites;
    QString tlsCertificatePath, tlsKeyPath; // both or neither; absolute and readable
    QString publicUrl; // optional http(s) URL to advertise instead of the listen address
    QString logLevel = QStringLiteral("warning"); // error|warning|info|debug

    // limits
    qint64 maxFrameBytes = 1024 * 1024;
    int reliableBufferMessages = 1000;
    qint64 reliableBufferBytes = 16 * 1024 * 1024;
    int sessionRetentionSeconds = 60;
    qint64 maxPendingSendBytes = 4 * 1024 * 1024; // per connection; above this fire-and-forget
                                                  // messages are dropped
};

enum class ConfigOutcome { Run, ShowHelp, ShowVersion, Error };

struct ConfigResult
{
    ConfigOutcome outcome;
    RelayConfig config;
    QString message; // help/version text or error
};

// `arguments` is what QCoreApplication::arguments() returns (program name first). Never exits
// and never prints; main() decides what to do with the outcome and message.
ConfigResult parseRelayConfig(const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace wr
