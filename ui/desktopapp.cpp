#include "desktopapp.h"

#include "hostdialog.h"
#include "hubclient.h"
#include "joindialog.h"
#include "links.h"
#include "mainwindow.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"
#include "uilogging.h"

#include <QCommandLineParser>
#include <QTimer>
#include <QUrlQuery>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

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
    parser.addOptions({ help, version, join, board, name });
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
    m_client = new HubClient({}, this);
    m_binding = new SessionBinding(m_session, m_client, this);

    m_window = std::make_unique<MainWindow>(m_session->metrics(), m_session->annotations(),
                                            m_session->presence(), m_session);
    m_window->setWindowTitle(m_options.join.isEmpty()
                                 ? tr("Watchroom — %1 (this computer)").arg(m_options.board)
                                 : tr("Watchroom — %1").arg(m_options.board));
    m_window->setJoinHandler([this](const JoinRequest &request) {
        // Not from inside the dialog's stack: the window that runs it is replaced.
        QTimer::singleShot(0, this, [this, request] { join(request); });
    });
    if (m_relay) {
        m_window->setHostHandler(
            [this](const QHostAddress &address, quint16 port) { return host(address, port); });
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

    m_options.join = request.hub;
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
    HostResult result;
    if (!m_relay) {
        result.error = tr("Only a session hosted on this computer can be shared.");
        return result;
    }
    const auto secret = [] {
        return QUuid::createUuid().toString(QUuid::Id128); // 122 random bits
    };
    const QString previousAnnotator = m_annotatorInvite;
    const QString previousViewer = m_viewerInvite;
    const QHostAddress previousAddress = m_hostAddress;
    const quint16 previousPort = m_relay->port();
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
    QString error;
    if (!startRelay(address, port, &error)) {
        result.error = error;
        // Back to where we were, so the board keeps working.
        m_annotatorInvite = previousAnnotator;
        m_viewerInvite = previousViewer;
        QString again;
        if (!startRelay(previousAddress.isNull() ? QHostAddress(QHostAddress::LocalHost)
                                                 : previousAddress,
                        previousPort, &again)) {
            m_window->showBanner(u"relay"_s, tr("The local relay stopped: %1").arg(again));
            return result;
        }
    } else {
        m_hostAddress = address;
        result.ok = true;
    }
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
        link.link = JoinLinks::makeLink(link.hubUrl, m_options.board);
        result.links.append(link);
    }
    m_window->setWindowTitle(tr("Watchroom — %1 (hosting at %2)").arg(m_options.board,
                                                                    result.address));
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
