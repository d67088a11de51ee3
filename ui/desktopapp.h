#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace wr {

class HubClient;
class MainWindow;
struct HostRequest;
struct HostResult;
struct JoinRequest;
struct NegotiateResult;
class Relay;
class Session;
class SessionBinding;
struct ConnectionStatus;

// What `watchroom` was asked to do on the command line.
struct DesktopOptions
{
    enum class Action { Run, ShowVersion, ShowHelp, Error };
    Action action = Action::Run;
    QString join; // empty: host an embedded relay on loopback (zero configuration)
    QString board = QStringLiteral("main");
    QString name; // display name; empty: the settings' or the login name
    QString color; // "#rrggbb"; empty: the settings' or a random one
    QByteArray pin; // --pin or the link's pin=: the hub's certificate digest; empty: none
    QString message; // help text or the error

    // `arguments` as QCoreApplication::arguments() gives them (program name first). Needs no
    // application object, so --version and --help work without a display. A watchroom:// link
    // (watchroom://join?hub=…&board=…[&pin=…]) is accepted as the first argument or as
    // --join's value; an explicit --board or --pin wins over the link's.
    static DesktopOptions parse(const QStringList &arguments);
};

// The desktop app's wiring: an embedded relay (zero configuration) or a remote hub (--join),
// a HubClient and a Session bound to it, and the MainWindow over the session's stores. The
// window sees the stores and the session only; the connection's state reaches it as a
// ConnectionStatus. A watchroom:// link opened while the app runs (macOS sends it to the
// application object as a QFileOpenEvent, not on the command line) joins that hub like the
// Join dialog does.
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    explicit DesktopApp(DesktopOptions options, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Starts the relay (when hosting), the connection and creates the window (not shown).
    bool start(QString *error);
    void stop();

    // Leaves this session and joins another hub (the window is replaced and shown).
    void join(const JoinRequest &request);
    // A watchroom:// link opened while running: join() with its hub, board and pin; a link
    // that is not an invitation shows a banner. False when `link` is not a watchroom:// URL.
    bool openLink(const QUrl &link);
    // Moves the embedded relay to the request's address with invite secrets for viewers and
    // annotators (restarting it there; the keeper's data directory stays the same), serving
    // TLS with the request's certificate and key when given, and reconnects. The links of the
    // result carry the certificate's pin.
    HostResult host(const HostRequest &request);
    HostResult host(const QHostAddress &address, quint16 port);

    MainWindow *window() const { return m_window.get(); }
    Session *session() const { return m_session; }
    HubClient *client() const { return m_client; }
    Relay *relay() const { return m_relay; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // The window was replaced (join): the new one is shown already.
    void windowReplaced(wr::MainWindow *window);

private:
    bool startRelay(const QHostAddress &address, quint16 port, QString *error);
    QString embeddedNegotiateInput() const;
    void buildSession(const QString &name, const QString &color, const QString &userId);
    void onNegotiated(const NegotiateResult &result);
    void updateStatus();

    DesktopOptions m_options;
    Relay *m_relay = nullptr;
    HubClient *m_client = nullptr;
    Session *m_session = nullptr;
    SessionBinding *m_binding = nullptr;
    std::unique_ptr<MainWindow> m_window;
    int m_reconnectSeconds = -1;
    QString m_annotatorInvite; // hosting for a team: the invite our own connection uses
    QString m_viewerInvite;
    QHostAddress m_hostAddress; // where we host for a team; null: loopback only
    QString m_tlsCertificatePath; // hosting with TLS: the embedded relay's certificate …
    QString m_tlsKeyPath; // … and key; empty: plain http/ws
    QByteArray m_hostPin; // the digest of that certificate; our own connection pins it
};

} // namespace wr
