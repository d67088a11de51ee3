// The desktop app and links, offscreen: a watchroom:// link opened while the app runs (macOS
// sends it as a QFileOpenEvent to the application object) joins that hub, including an https
// hub with the link's certificate pin; hosting with a TLS certificate serves https/wss and puts
// the pin into the links, which a joiner can use as they are; the Join dialog shows the pin
// field for https hubs and remembers the pin per hub. Saves host-tls.png and join-pin.png
// (into $WATCHROOM_SCREENSHOT_DIR or ./screenshots) to look at.
#include "desktopapp.h"
#include "hostdialog.h"
#include "hubclient.h"
#include "joindialog.h"
#include "links.h"
#include "mainwindow.h"
#include "relay.h"
#include "session.h"
#include "tlspin.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileOpenEvent>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 10000;
} // namespace

class TestUiLinks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void fileOpenEventJoinsTheLinkedHub_data();
    void fileOpenEventJoinsTheLinkedHub();
    void unpinnedTlsHubShowsWhyInABanner();
    void fileOpenEventWithABadLinkShowsABanner();
    void otherFileOpenEventsAreLeftAlone();
    void hostingWithTlsPutsThePinIntoTheLinks();
    void hostingWithHalfATlsPairIsRefused();
    void joinDialogAsksForAPinOnTlsHubs();

private:
    wr::RelayConfig relayConfig(bool tls) const;
    QString screenshotPath(const QString &name) const;

    QString m_certificatePath;
    QString m_keyPath;
    QByteArray m_pin;
    std::unique_ptr<wr::DesktopApp> m_app;
};

void TestUiLinks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<wr::MainWindow *>();
    QCoreApplication::setOrganizationName(u"WatchroomTest"_s);
    QCoreApplication::setApplicationName(u"tst_uilinks"_s);
    QSettings().clear();
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    m_certificatePath = QFINDTESTDATA("../data/tls/localhost.crt");
    m_keyPath = QFINDTESTDATA("../data/tls/localhost.key");
    QVERIFY(!m_certificatePath.isEmpty() && !m_keyPath.isEmpty());
    m_pin = wr::TlsPin::digestOf(QSslCertificate::fromPath(m_certificatePath).value(0));
    QCOMPARE(m_pin.size(), 32);
}

void TestUiLinks::init()
{
    // Zero configuration: the embedded relay on loopback.
    m_app = std::make_unique<wr::DesktopApp>(wr::DesktopOptions::parse({ u"watchroom"_s }));
    QString error;
    QVERIFY2(m_app->start(&error), qPrintable(error));
    m_app->window()->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client()->state(), wr::HubClient::State::Connected,
                              kTimeoutMs);
}

void TestUiLinks::cleanup()
{
    if (m_app)
        m_app->stop();
    m_app.reset();
    QSettings().clear();
}

wr::RelayConfig TestUiLinks::relayConfig(bool tls) const
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir.clear();
    if (tls) {
        config.tlsCertificatePath = m_certificatePath;
        config.tlsKeyPath = m_keyPath;
    }
    return config;
}

QString TestUiLinks::screenshotPath(const QString &name) const
{
    const QString dir = qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                             QDir::current().filePath(u"screenshots"_s));
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

void TestUiLinks::fileOpenEventJoinsTheLinkedHub_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addRow("http hub") << false;
    QTest::addRow("https hub with the link's pin") << true;
}

void TestUiLinks::fileOpenEventJoinsTheLinkedHub()
{
    QFETCH(bool, tls);
    wr::Relay other(relayConfig(tls));
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    const QString link = wr::JoinLinks::makeLink(other.negotiateUrl(u"ops"_s).toString(), u"ops"_s,
                                                 tls ? m_pin : QByteArray());
    QSignalSpy replaced(m_app.get(), &wr::DesktopApp::windowReplaced);

    QFileOpenEvent event { QUrl(link) };
    QVERIFY(QCoreApplication::sendEvent(qApp, &event)); // taken by the app
    QVERIFY(replaced.wait(kTimeoutMs));
    QVERIFY(!m_app->relay()); // left the embedded relay: joined elsewhere
    QCOMPARE(m_app->session()->board(), u"ops"_s);
    QCOMPARE(m_app->client()->options().tlsPin, tls ? m_pin : QByteArray());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client()->state(), wr::HubClient::State::Connected,
                              kTimeoutMs);
    QVERIFY2(m_app->client()->lastError().isEmpty(), qPrintable(m_app->client()->lastError()));
}

void TestUiLinks::unpinnedTlsHubShowsWhyInABanner()
{
    wr::Relay other(relayConfig(true));
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    const QString link = wr::JoinLinks::makeLink(other.negotiateUrl(u"ops"_s).toString(), u"ops"_s);
    QSignalSpy replaced(m_app.get(), &wr::DesktopApp::windowReplaced);
    QFileOpenEvent event { QUrl(link) };
    QVERIFY(QCoreApplication::sendEvent(qApp, &event));
    QVERIFY(replaced.wait(kTimeoutMs));
    wr::MainWindow *window = m_app->window();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client()->state(), wr::HubClient::State::Offline, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->banners()->keys().contains(u"connection"_s), kTimeoutMs);
    const QString shown = window->banners()->text(u"connection"_s);
    QVERIFY2(shown.contains(u"the relay's certificate is not trusted: self-signed; pin it to "
                            "trust it on a LAN: "_s
                            + wr::TlsPin::format(m_pin)),
             qPrintable(shown));
    window->resize(1100, 500);
    QCoreApplication::processEvents();
    QVERIFY(window->grab().save(screenshotPath(u"join-unpinned.png"_s)));
}

void TestUiLinks::fileOpenEventWithABadLinkShowsABanner()
{
    QSignalSpy replaced(m_app.get(), &wr::DesktopApp::windowReplaced);
    QFileOpenEvent event { QUrl(u"watchroom://join?board=x"_s) };
    QVERIFY(QCoreApplication::sendEvent(qApp, &event));
    QVERIFY(m_app->window()->banners()->keys().contains(u"link"_s));
    QVERIFY2(m_app->window()->banners()->text(u"link"_s).contains(u"not an invitation"_s),
             qPrintable(m_app->window()->banners()->text(u"link"_s)));
    QVERIFY(!replaced.wait(300)); // nothing joined
    QVERIFY(m_app->relay());
}

void TestUiLinks::otherFileOpenEventsAreLeftAlone()
{
    QSignalSpy replaced(m_app.get(), &wr::DesktopApp::windowReplaced);
    QFileOpenEvent event { QUrl::fromLocalFile(QDir::temp().filePath(u"layout.json"_s)) };
    QCoreApplication::sendEvent(qApp, &event);
    QVERIFY(!replaced.wait(300));
    QVERIFY(m_app->relay());
    QVERIFY(!m_app->window()->banners()->keys().contains(u"link"_s));
}

void TestUiLinks::hostingWithTlsPutsThePinIntoTheLinks()
{
    // Through the dialog, as a person would: fill the files in, press Host.
    wr::HostDialog dialog([this](const wr::HostRequest &r) { return m_app->host(r); },
                          m_app->window());
    dialog.addressBox()->setCurrentIndex(dialog.addressBox()->findText(u"127.0.0.1"_s));
    auto *port = dialog.findChild<QSpinBox *>();
    QVERIFY(port);
    port->setValue(0); // any free port, never a fixed one in a test
    dialog.certificateField()->setText(m_certificatePath);
    dialog.keyField()->setText(m_keyPath);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.hostButton(), Qt::LeftButton);

    QVERIFY(m_app->relay());
    QCOMPARE(m_app->relay()->listenUrl().scheme(), u"https"_s);
    const QString link = dialog.linkText(u"annotator"_s);
    QVERIFY2(
        link.contains(u"&pin="_s
                      + QString::fromLatin1(QUrl::toPercentEncoding(wr::TlsPin::format(m_pin)))),
        qPrintable(link));
    QVERIFY(dialog.linkText(u"viewer"_s).contains(u"&pin=sha256"_s));
    // Let the layouts settle (the button's new text, the wrapped status) before the picture.
    QTRY_VERIFY(dialog.hostButton()->width() >= dialog.hostButton()->sizeHint().width());
    QVERIFY(dialog.grab().save(screenshotPath(u"host-tls.png"_s)));

    // Our own session reconnects to the relay over TLS, trusting it by the pin.
    QCOMPARE(m_app->client()->options().tlsPin, m_pin);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client()->state(), wr::HubClient::State::Connected,
                              kTimeoutMs);

    // A joiner uses the link as it is.
    const wr::JoinTarget target = wr::JoinLinks::parse(link);
    QVERIFY2(target.ok(), qPrintable(target.error));
    QCOMPARE(target.pin, m_pin);
    QVERIFY(target.hub.startsWith(u"https://127.0.0.1:"_s));
    wr::HubClientOptions options;
    options.tlsPin = target.pin;
    wr::HubClient joiner(options);
    wr::NegotiateRequest request;
    request.input = target.hub;
    request.board = target.board;
    request.userId = u"joiner"_s;
    QVERIFY(joiner.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(joiner.state(), wr::HubClient::State::Connected, kTimeoutMs);
    // Without the pin the same hub is refused, with the reason.
    wr::HubClient unpinned;
    QVERIFY(unpinned.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(unpinned.state(), wr::HubClient::State::Offline, kTimeoutMs);
    QVERIFY2(unpinned.lastError().contains(u"pin it to trust it on a LAN"_s),
             qPrintable(unpinned.lastError()));
    joiner.stop();
}

void TestUiLinks::hostingWithHalfATlsPairIsRefused()
{
    wr::HostRequest request;
    request.address = QHostAddress(QHostAddress::LocalHost);
    request.certificatePath = m_certificatePath;
    const wr::HostResult result = m_app->host(request);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"key"_s), qPrintable(result.error));
    QCOMPARE(m_app->relay()->listenUrl().scheme(), u"http"_s); // still the loopback relay
    request.certificatePath = m_keyPath; // a key is no certificate
    request.keyPath = m_keyPath;
    const wr::HostResult wrong = m_app->host(request);
    QVERIFY(!wrong.ok);
    QVERIFY2(wrong.error.contains(u"certificate"_s), qPrintable(wrong.error));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client()->state(), wr::HubClient::State::Connected,
                              kTimeoutMs);
}

void TestUiLinks::joinDialogAsksForAPinOnTlsHubs()
{
    const QString hub = u"https://192.168.1.20:7300/negotiate?board=ops&invite=abc"_s;
    {
        wr::JoinDialog dialog(u"main"_s, m_app->window());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.hubBox()->setEditText(u"http://192.168.1.20:7300/negotiate?board=ops"_s);
        QVERIFY(!dialog.pinField()->isVisible()); // plain http: nothing to pin
        dialog.hubBox()->setEditText(wr::JoinLinks::makeLink(hub, u"ops"_s, m_pin));
        QVERIFY(dialog.pinField()->isVisible());
        QCOMPARE(dialog.pinField()->text(), wr::TlsPin::format(m_pin)); // from the link
        QVERIFY(dialog.problem().isEmpty());
        dialog.hubBox()->lineEdit()->setCursorPosition(0);
        QCoreApplication::processEvents();
        // Rows do not overlap: the dialog grew to what its form needs at this width.
        QTRY_VERIFY(dialog.height() >= dialog.layout()->totalHeightForWidth(dialog.width()));
        QVERIFY(dialog.grab().save(screenshotPath(u"join-pin.png"_s)));
        QCOMPARE(dialog.request().pin, m_pin);
        QCOMPARE(dialog.request().hub, hub);
        dialog.pinField()->setText(u"sha256:12"_s);
        QVERIFY(!dialog.problem().isEmpty());
        dialog.pinField()->setText(wr::TlsPin::format(m_pin));
        wr::JoinDialog::remember(dialog.request());
    }
    QCOMPARE(wr::JoinDialog::rememberedPin(hub), m_pin);
    // Picking the hub again later fills its pin in.
    wr::JoinDialog again(u"main"_s, m_app->window());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.hubBox()->itemText(0), hub);
    again.hubBox()->setCurrentIndex(0);
    QVERIFY(again.pinField()->isVisible());
    QCOMPARE(again.pinField()->text(), wr::TlsPin::format(m_pin));
    QCOMPARE(again.request().pin, m_pin);
}

QTEST_MAIN(TestUiLinks)
#include "tst_uilinks.moc"
