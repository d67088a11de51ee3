#include "desktopapp.h"

#include "connectionstring.h"

#include "hostdialog.h"
#include "hubclient.h"
#include "joindialog.h"
#include "links.h"
#include "mainwindow.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"
#include "tlspin.h"
#include "uilogging.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QFileOpenEvent>
#include <QTimer>
#include <QUrlQuery>
#include <QRandomGenerator>
#include <QSettings>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

// The host of whatever was pasted to join (a URL or a connection string), for the title; empty
// for our own embedded relay or text without a host.
QString hubHost(const QString &join)
{
    if (join.isEmpty())
        return {};
    const QUrl url(join.trimmed());
    if (!url.host().isEmpty())
        return url.host();
    const auto connectionString = ConnectionString::parse(join);
    return connectionString ? connectionString->endpoint.host() : QString();
}

QString defaultName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name.isEmpty() ? QCoreApplication::translate("wr::DesktopApp", "Guest") : name;
}

// A stable per-installation colour, so peers recognise each other between sessions.
QString defaultColor()
{
    static const char *const colors[] = { "#e5484d", "#3e63dd", "#30a46c", "#f76b15",
                                          "#8e4ec6", "#12a594", "#d6409f", "#ad7f58" };
    return QString::fromLatin1(colors[QRandomGenerator::global()->bounded(8)]);
}

} // namespace

DesktopOptions DesktopOptions::parse(const QStringList &arguments)
{
    DesktopOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "wr::DesktopApp", "Collaborative live monitoring: live charts, shared cursors and "
                          "annotations."));
    const QCommandLineOption help({ u"h"_s, u"help"_s },
                                  QCoreApplication::translate("wr::DesktopApp", "Show this help."));
    const QCommandLineOption version(
        { u"v"_s, u"version"_s },
        QCoreApplication::translate("wr::DesktopApp", "Show the version and exit."));
    const QCommandLineOption join(
        u"join"_s,
        QCoreApplication::translate("wr::DesktopApp",
                                    "Join a hub instead of hosting one on this computer: a "
                                    "negotiate URL, a wss:// client URL or a connection string."),
        u"hub"_s);
    const QCommandLineOption board(
        u"board"_s, QCoreApplication::translate("wr::DesktopApp", "The board to open (default: main)."),
        u"board"_s, u"main"_s);
    const QCommandLineOption name(
        u"name"_s, QCoreApplication::translate("wr::DesktopApp", "Your display name."), u"name"_s);
    const QCommandLineOption pin(
        u"pin"_s,
        QCoreApplication::translate("wr::DesktopApp",
                                    "Trust an https/wss hub whose certificate has this SHA-256 "
                                    "fingerprint (a self-signed certificate on a LAN)."),
        u"sha256:hex"_s);
    parser.addOptions({ help, version, join, board, name, pin });
    parser.addPositionalArgument(
        u"link"_s,
        QCoreApplication::translate("wr::DesktopApp",
                                    "A watchroom://join?hub=…&board=… link to join."),
        u"[link]"_s);

    if (!parser.parse(arguments)) {
        options.action = Action::Error;
        options.message = parser.errorText();
        return options;
    }
    if (parser.isSet(version)) {
        options.action = Action::ShowVersion;
        options.message = u"watchroom " WATCHROOM_VERSION ""_s;
        return options;
    }
    if (parser.isSet(help)) {
        options.action = Action::ShowHelp;
        options.message = parser.helpText().replace("<executable_name>"_L1, "watchroom"_L1);
        return options;
    }
    QStringList positional = parser.positionalArguments();
    QString link;
    if (!positional.isEmpty() && JoinLinks::isLink(positional.constFirst()))
        link = positional.takeFirst();
    if (!positional.isEmpty()) {
        options.action = Action::Error;
        options.message = QCoreApplication::translate("wr::DesktopApp", "Unexpected argument: %1")
                              .arg(positional.constFirst());
        return options;
    }
    options.join = parser.value(join).trimmed();
    if (JoinLinks::isLink(options.join))
        link = std::exchange(options.join, QString());
    options.board = parser.value(board);
    options.name = parser.value(name);
    if (!link.isEmpty()) {
        if (!options.join.isEmpty()) {
            options.action = Action::Error;
            options.message = QCoreApplication::translate(
                "wr::DesktopApp", "Give either a watchroom:// link or --join, not both.");
            return options;
        }
        const JoinTarget target = JoinLinks::parse(link);
        if (!target.ok()) {
            options.action = Action::Error;
            options.message = target.error;
            return options;
        }
        options.join = target.hub;
        if (!parser.isSet(board) && !target.board.isEmpty())
            options.board = target.board;
        options.pin = target.pin;
    }
    if (parser.isSet(pin)) {
        QString why;
        const auto digest = TlsPin::parse(parser.value(pin), &why);
        if (!digest) {
            options.action = Action::Error;
            options.message = QCoreApplication::translate("wr::DesktopApp", "--pin: %1").arg(why);
            return options;
        }
        options.pin = *digest;
    }
    if (!session::isValidBoardName(options.board)) {
        options.action = Action::Error;
        options.message = QCoreApplication::translate(
                              "wr::DesktopApp", "'%1' is not a valid board name "
                                                "(letters, digits, '_', '.', '-'; at most 64).")
                              .arg(options.board);
    }
    return options;
}

DesktopApp::DesktopApp(DesktopOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    // macOS delivers a clicked watchroom:// link to the running app as a QFileOpenEvent.
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
}

bool DesktopApp::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FileOpen && watched == QCoreApplication::instance()) {
        const QUrl url = static_cast<QFileOpenEvent *>(event)->url();
        if (openLink(url))
            return true;
    }
    return QObject::eventFilter(watched, event);
}

bool DesktopApp::openLink(const QUrl &link)
{
    const QString text = link.toString(QUrl::FullyEncoded);
    if (!JoinLinks::isLink(text))
        return false;
    const JoinTarget target = JoinLinks::parse(text);
    if (!target.ok()) {
        qCWarning(lcUi) << "ignored a link that is not an invitation:" << target.error;
        if (m_window)
            m_window->showBanner(u"link"_s, tr("Could not open the link: %1").arg(target.error));
        return true;
    }
    JoinRequest request;
    request.hub = target.hub;
    request.board = target.board;
    request.pin = target.pin;
    request.name = m_options.name;
    request.color = m_options.color;
    // Not from inside the event's dispatch: join() replaces the window.
    QTimer::singleShot(0, this, [this, request] { join(request); });
    return true;
}

DesktopApp::~DesktopApp()
{
    stop();
}

bool DesktopApp::startRelay(const QHostAddress &address, quint16 port, QString *error)
{
    // A relay of our own on a port the system picks (or the one chosen for a team session).
    // It samples this machine on the board and, with a data directory, keeps the board's
    // annotations in SQLite there, so moving it to another address keeps them.
    RelayConfig config;
    config.listenAddress = address;
    config.port = port;
    config.logLevel = u"warning"_s;
    config.hostSamplerBoards = { m_options.board };
    config.keeperBoards = { m_options.board };
    config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/relay"_s;
    if (!m_annotatorInvite.isEmpty()) {
        config.invites = { { u"annotator"_s, m_annotatorInvite },
                           { u"viewer"_s, m_viewerInvite } };
    }
    config.tlsCertificatePath = m_tlsCertificatePath;
    config.tlsKeyPath = m_tlsKeyPath;
    m_relay = new Relay(config, this);
    QString relayError;
    if (m_relay->start(&relayError))
        return true;
    // Without persistence rather than not at all (an unwritable data directory).
    qCWarning(lcUi) << "local relay with data directory failed:" << relayError;
    delete m_relay;
    config.dataDir.clear();
    m_relay = new Relay(config, this);
    if (m_relay->start(&relayError))
        return true;
    delete m_relay;
    m_relay = nullptr;
    *error = relayError;
    return false;
}

QString DesktopApp::embeddedNegotiateInput() const
{
    // Through negotiate, like any joiner, so the session learns whether a keeper answers.
    QUrl url = m_relay->negotiateUrl(m_options.board);
    if (!m_annotatorInvite.isEmpty()) {
        QUrlQuery query(url);
        query.addQueryItem(u"invite"_s, m_annotatorInvite);
        url.setQuery(query);
    }
    return url.toString();
}

void DesktopApp::buildSession(const QString &name, const QString &color, const QString &userId)
{
    SessionOptions sessionOptions;
    sessionOptions.board = m_options.board;
    sessionOptions.userId = userId;
    sessionOptions.name = name;
    sessionOptions.color = color;
    sessionOptions.client = u"watchroom/" WATCHROOM_VERSION ""_s;
    m_session = new Session(sessionOptions, this);
    HubClientOptions clientOptions;
    clientOptions.tlsPin = m_options.join.isEmpty() ? m_hostPin : m_options.pin;
    m_client = new HubClient(clientOptions, this);
    m_binding = new SessionBinding(m_session, m_client, this);

    m_window = std::make_unique<MainWindow>(m_session->metrics(), m_session->annotations(),
                                            m_session->presence(), m_session);
    // The window builds its title and status-bar place from this, again after a language change.
    m_window->setSessionPlace({ m_options.join.isEmpty() ? SessionPlace::Kind::ThisComputer
                                                         : SessionPlace::Kind::Joined,
                                m_options.board,
                                hubHost(m_options.join) });
    m_window->setJoinHandler([this](const JoinRequest &request) {
        // Not from inside the dialog's stack: the window that runs it is replaced.
        QTimer::singleShot(0, this, [this, request] { join(request); });
    });
    if (m_relay) {
        m_window->setHostHandler([this](const HostRequest &request) { return host(request); });
    } else {
        m_window->setHostHandler(
            {}, tr("You are in a session hosted elsewhere. Start Watchroom without --join to "
                   "host one from this computer."));
    }
    if (Negotiator::classify(m_options.join) == Negotiator::InputKind::ClientUrl)
        m_window->setAccess(JoinLinks::accessFromClientUrl(QUrl(m_options.join), m_options.board));

    connect(m_client, &HubClient::stateChanged, this, &DesktopApp::updateStatus);
    connect(m_client, &HubClient::statsChanged, this, &DesktopApp::updateStatus);
    connect(m_client, &HubClient::reconnectScheduled, this, [this](int seconds) {
        m_reconnectSeconds = seconds;
        updateStatus();
    });
    connect(m_client, &HubClient::errorOccurred, this, [this](const QString &message) {
        if (m_window)
            m_window->showBanner(u"connection"_s, tr("Connection problem: %1").arg(message),
                                 BannerBar::Kind::Warning);
    });
    connect(m_binding, &SessionBinding::negotiated, this, &DesktopApp::onNegotiated);
    connect(m_binding, &SessionBinding::negotiateFailed, this,
            [this](const NegotiateResult &result) {
                qCWarning(lcUi) << "negotiate failed:" << result.errorString;
                if (m_window)
                    m_window->showBanner(u"connection"_s,
                                         tr("Could not join: %1").arg(result.errorString));
            });
}

void DesktopApp::onNegotiated(const NegotiateResult &result)
{
    if (m_window)
        m_window->setAccess(JoinLinks::accessFromNegotiate(result, m_options.board));
}

bool DesktopApp::start(QString *error)
{
    QSettings settings;
    QString userId = settings.value(u"identity/userId"_s).toString();
    if (userId.isEmpty()) {
        userId = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        settings.setValue(u"identity/userId"_s, userId);
    }
    QString name = m_options.name;
    if (name.isEmpty())
        name = settings.value(u"identity/name"_s, defaultName()).toString();
    QString color = m_options.color;
    if (color.isEmpty())
        color = settings.value(u"identity/color"_s).toString();
    if (color.isEmpty()) {
        color = defaultColor();
        settings.setValue(u"identity/color"_s, color);
    }

    NegotiateRequest request;
    request.board = m_options.board;
    request.userId = userId;
    if (m_options.join.isEmpty()) {
        QString relayError;
        if (!startRelay(QHostAddress::LocalHost, 0, &relayError)) {
            *error = tr("Could not start the local relay: %1").arg(relayError);
            return false;
        }
        request.input = embeddedNegotiateInput();
        request.role = u"annotator"_s;
        qCInfo(lcUi) << "embedded relay on" << m_relay->listenUrl().toString();
    } else {
        request.input = m_options.join;
    }

    buildSession(name, color, userId);
    if (!m_binding->start(request)) {
        *error = tr("Could not start the connection.");
        return false;
    }
    updateStatus();
    return true;
}

void DesktopApp::stop()
{
    if (m_binding)
        m_binding->stop();
    if (m_relay)
        m_relay->stop();
}

void DesktopApp::join(const JoinRequest &request)
{
    const QRect geometry = m_window ? m_window->geometry() : QRect();
    const bool maximized = m_window && m_window->isMaximized();
    // Leave: bye to the peers, close the connection, and stop hosting.
    stop();
    if (m_window) {
        m_window->hide();
        m_window.release()->deleteLater();
    }
    for (QObject *old : { static_cast<QObject *>(m_binding), static_cast<QObject *>(m_client),
                          static_cast<QObject *>(m_session), static_cast<QObject *>(m_relay) }) {
        if (old)
            old->deleteLater();
    }
    m_binding = nullptr;
    m_client = nullptr;
    m_session = nullptr;
    m_relay = nullptr;
    m_annotatorInvite.clear();
    m_viewerInvite.clear();
    m_reconnectSeconds = -1;

    m_tlsCertificatePath.clear();
    m_tlsKeyPath.clear();
    m_hostPin.clear();
    m_hostAddress = QHostAddress();

    m_options.join = request.hub;
    m_options.pin = request.pin;
    m_options.board = request.board.isEmpty() ? m_options.board : request.board;
    m_options.name = request.name;
    m_options.color = request.color;
    QString error;
    const bool ok = start(&error);
    if (m_window) {
        if (geometry.isValid())
            m_window->setGeometry(geometry);
        maximized ? m_window->showMaximized() : m_window->show();
        if (!ok)
            m_window->showBanner(u"connection"_s, error);
        Q_EMIT windowReplaced(m_window.get());
    }
}

HostResult DesktopApp::host(const QHostAddress &address, quint16 port)
{
    HostRequest request;
    request.address = address;
    request.port = port;
    return host(request);
}

HostResult DesktopApp::host(const HostRequest &hostRequest)
{
    HostResult result;
    if (!m_relay) {
        result.error = tr("Only a session hosted on this computer can be shared.");
        return result;
    }
    // TLS: both files or neither; the pin is the certificate's, so joiners need no CA.
    QString certificatePath = hostRequest.certificatePath.trimmed();
    QString keyPath = hostRequest.keyPath.trimmed();
    QByteArray pin;
    if (certificatePath.isEmpty() != keyPath.isEmpty()) {
        result.error = tr("Serving TLS needs both a certificate file and its key file.");
        return result;
    }
    if (!certificatePath.isEmpty()) {
        certificatePath = QFileInfo(certificatePath).absoluteFilePath();
        keyPath = QFileInfo(keyPath).absoluteFilePath();
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificatePath);
        if (chain.isEmpty()) {
            result.error = tr("%1 holds no PEM certificate.").arg(certificatePath);
            return result;
        }
        pin = TlsPin::digestOf(chain.constFirst());
    }
    const auto secret = [] {
        return QUuid::createUuid().toString(QUuid::Id128); // 122 random bits
    };
    const QString previousAnnotator = m_annotatorInvite;
    const QString previousViewer = m_viewerInvite;
    const QHostAddress previousAddress = m_hostAddress;
    const quint16 previousPort = m_relay->port();
    const QString previousCertificate = m_tlsCertificatePath;
    const QString previousKey = m_tlsKeyPath;
    const QByteArray previousPin = m_hostPin;
    if (m_annotatorInvite.isEmpty()) {
        m_annotatorInvite = secret();
        m_viewerInvite = secret();
    }

    // Qt's relay cannot rebind a listening server: stop it and start another on the new
    // address. The keeper's database lives in the data directory, so annotations stay; our
    // session keeps its stores and reconnects like after a network change.
    m_client->stop();
    m_relay->stop();
    delete m_relay;
    m_relay = nullptr;
    m_tlsCertificatePath = certificatePath;
    m_tlsKeyPath = keyPath;
    m_hostPin = pin;
    QString error;
    if (!startRelay(hostRequest.address, hostRequest.port, &error)) {
        result.error = error;
        // Back to where we were, so the board keeps working.
        m_annotatorInvite = previousAnnotator;
        m_viewerInvite = previousViewer;
        m_tlsCertificatePath = previousCertificate;
        m_tlsKeyPath = previousKey;
        m_hostPin = previousPin;
        QString again;
        if (!startRelay(previousAddress.isNull() ? QHostAddress(QHostAddress::LocalHost)
                                                 : previousAddress,
                        previousPort, &again)) {
            m_window->showBanner(u"relay"_s, tr("The local relay stopped: %1").arg(again));
            return result;
        }
    } else {
        m_hostAddress = hostRequest.address;
        result.ok = true;
    }
    // Our own connection trusts the embedded relay's certificate by its pin, like a joiner.
    m_client->setTlsPin(m_hostPin);
    NegotiateRequest request;
    request.board = m_options.board;
    request.userId = QSettings().value(u"identity/userId"_s).toString();
    request.input = embeddedNegotiateInput();
    request.role = u"annotator"_s;
    m_binding->start(request);
    if (!result.ok)
        return result;

    QUrl base = m_relay->listenUrl();
    result.address = u"%1:%2"_s.arg(base.host()).arg(m_relay->port());
    result.pin = TlsPin::format(m_hostPin);
    for (const auto &[role, invite] : { std::pair { u"viewer"_s, m_viewerInvite },
                                        std::pair { u"annotator"_s, m_annotatorInvite } }) {
        QUrl url = base.resolved(QUrl(u"negotiate"_s));
        QUrlQuery query;
        query.addQueryItem(u"board"_s, m_options.board);
        query.addQueryItem(u"role"_s, role);
        query.addQueryItem(u"invite"_s, invite);
        url.setQuery(query);
        HostLink link;
        link.role = role;
        link.hubUrl = url.toString();
        link.link = JoinLinks::makeLink(link.hubUrl, m_options.board, m_hostPin);
        result.links.append(link);
    }
    m_window->setSessionPlace({ SessionPlace::Kind::Hosting, m_options.board, result.address });
    updateStatus();
    return result;
}

void DesktopApp::updateStatus()
{
    if (!m_window || !m_client)
        return;
    ConnectionStatus status;
    using S = ConnectionStatus::State;
    switch (m_client->state()) {
    case HubClient::State::Stopped:
        status.state = S::Stopped;
        break;
    case HubClient::State::Connecting:
        status.state = S::Connecting;
        break;
    case HubClient::State::Connected:
        status.state = S::Connected;
        m_reconnectSeconds = -1;
        break;
    case HubClient::State::Recovering:
        status.state = S::Recovering;
        break;
    case HubClient::State::Reconnecting:
        status.state = S::Reconnecting;
        status.reconnectInSeconds = m_reconnectSeconds;
        break;
    case HubClient::State::Offline:
        status.state = S::Offline;
        break;
    }
    status.roundTripMs = m_client->stats().roundTripMs;
    //: Where we are connected when hosting: the relay runs inside this app
    if (m_relay && !m_hostAddress.isNull() && m_hostAddress != QHostAddress(QHostAddress::LocalHost))
        status.where = tr("this computer, shared at %1").arg(m_hostAddress.toString());
    else
        status.where = m_relay ? tr("this computer") : QUrl(m_options.join).host();
    if (status.state == ConnectionStatus::State::Connected)
        m_window->banners()->dismiss(u"connection"_s);
    status.detail = m_client->lastError();
    m_window->setConnectionStatus(status);
}

} // namespace wr
