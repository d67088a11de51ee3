#include "hostdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

HostDialog::HostDialog(Host host, QWidget *parent)
    : QDialog(parent)
    , m_host(std::move(host))
{
    setObjectName(u"hostDialog"_s);
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    auto *form = new QFormLayout;
    m_address = new QComboBox(this);
    const QList<QHostAddress> addresses = candidateAddresses();
    for (const QHostAddress &a : addresses)
        m_address->addItem(a.toString(), a.toString());
    m_addressLabel = new QLabel(this);
    m_addressLabel->setBuddy(m_address);
    form->addRow(m_addressLabel, m_address);
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(7300);
    m_portLabel = new QLabel(this);
    m_portLabel->setBuddy(m_port);
    form->addRow(m_portLabel, m_port);
    // Optional TLS: PEM files for the embedded relay; the pin goes into the links.
    const auto fileRow = [this, form](QLineEdit *&field, QLabel *&label, QPushButton *&browse,
                                      const QString &name) {
        field = new QLineEdit(this);
        field->setObjectName(name);
        field->setClearButtonEnabled(true);
        browse = new QPushButton(this);
        auto *row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(browse);
        label = new QLabel(this);
        label->setBuddy(field);
        form->addRow(label, row);
    };
    fileRow(m_certificate, m_certificateLabel, m_certificateBrowse, u"tlsCertificate"_s);
    fileRow(m_key, m_keyLabel, m_keyBrowse, u"tlsKey"_s);
    connect(m_certificateBrowse, &QPushButton::clicked, this, [this] {
        browse(m_certificate, tr("TLS certificate"),
               tr("PEM certificates (*.crt *.pem *.cer);;All files (*)"));
    });
    connect(m_keyBrowse, &QPushButton::clicked, this, [this] {
        browse(m_key, tr("TLS private key"), tr("PEM keys (*.key *.pem);;All files (*)"));
    });
    layout->addLayout(form);

    m_hostButton = new QPushButton(this);
    m_hostButton->setDefault(true);
    layout->addWidget(m_hostButton, 0, Qt::AlignLeft);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    m_linksBox = new QWidget(this);
    m_links = new QGridLayout(m_linksBox);
    m_links->setContentsMargins(0, 0, 0, 0);
    m_links->setColumnStretch(1, 1);
    layout->addWidget(m_linksBox);
    m_linksBox->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_hostButton, &QPushButton::clicked, this, &HostDialog::startHosting);
    retranslate();
    setMinimumWidth(620);
}

HostDialog::HostDialog(PlainHost host, QWidget *parent)
    : HostDialog(Host([host = std::move(host)](const HostRequest &request) {
                     return host ? host(request.address, request.port) : HostResult {};
                 }),
                 parent)
{
    for (QWidget *w :
         { static_cast<QWidget *>(m_certificate), static_cast<QWidget *>(m_key),
           static_cast<QWidget *>(m_certificateLabel), static_cast<QWidget *>(m_keyLabel),
           static_cast<QWidget *>(m_certificateBrowse), static_cast<QWidget *>(m_keyBrowse) }) {
        w->hide();
    }
}

void HostDialog::browse(QLineEdit *field, const QString &title, const QString &filter)
{
    const QString path = QFileDialog::getOpenFileName(this, title, field->text(), filter);
    if (!path.isEmpty())
        field->setText(QDir::toNativeSeparators(path));
}

QList<QHostAddress> HostDialog::candidateAddresses()
{
    QList<QHostAddress> lan;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        if (!(iface.flags() & QNetworkInterface::IsUp)
            || (iface.flags() & QNetworkInterface::IsLoopBack))
            continue;
        const QList<QNetworkAddressEntry> entries = iface.addressEntries();
        for (const QNetworkAddressEntry &e : entries) {
            if (e.ip().protocol() == QAbstractSocket::IPv4Protocol && !e.ip().isLinkLocal())
                lan.append(e.ip());
        }
    }
    lan.append(QHostAddress(QHostAddress::LocalHost));
    return lan;
}

void HostDialog::startHosting()
{
    if (!m_host)
        return;
    m_status->setText(tr("Starting…"));
    m_hostButton->setEnabled(false);
    HostRequest request;
    request.address = QHostAddress(m_address->currentData().toString());
    request.port = quint16(m_port->value());
    if (m_certificate->isVisibleTo(this)) {
        request.certificatePath = QDir::fromNativeSeparators(m_certificate->text().trimmed());
        request.keyPath = QDir::fromNativeSeparators(m_key->text().trimmed());
    }
    const HostResult result = m_host(request);
    m_hostButton->setEnabled(true);
    showResult(result);
}

void HostDialog::addLinkRow(int row, const QString &label, const QString &text, const QString &name)
{
    auto *caption = new QLabel(label, m_linksBox);
    auto *field = new QLineEdit(text, m_linksBox);
    field->setReadOnly(true);
    field->setObjectName(name);
    field->setAccessibleName(label);
    field->setCursorPosition(0);
    auto *copy = new QPushButton(tr("Copy"), m_linksBox);
    copy->setAccessibleName(tr("Copy %1").arg(label));
    connect(copy, &QPushButton::clicked, this, [this, text, copy] {
        QGuiApplication::clipboard()->setText(text);
        m_status->setText(tr("Copied to the clipboard."));
        copy->setFocus();
    });
    m_links->addWidget(caption, row, 0);
    m_links->addWidget(field, row, 1);
    m_links->addWidget(copy, row, 2);
}

void HostDialog::showResult(const HostResult &result)
{
    m_result = result;
    while (QLayoutItem *item = m_links->takeAt(0)) {
        if (item->widget())
            item->widget()->deleteLater();
        delete item;
    }
    if (!result.ok) {
        m_status->setText(result.error.isEmpty() ? QString()
                                                 : tr("Could not host: %1").arg(result.error));
        m_linksBox->setVisible(false);
        return;
    }
    if (result.pin.isEmpty()) {
        m_status->setText(tr("Hosting at %1. Send a link to each person; a viewer link cannot "
                             "annotate.")
                              .arg(result.address));
    } else {
        m_status->setText(tr("Hosting at %1 with TLS, certificate %2. Send a link to each "
                             "person (it carries the certificate's pin); a viewer link cannot "
                             "annotate.")
                              .arg(result.address, result.pin));
    }
    int row = 0;
    for (const HostLink &l : result.links) {
        const QString role = l.role == "viewer"_L1 ? tr("Viewer") : tr("Annotator");
        //: Host dialog: the link to send to someone, for one role
        addLinkRow(row++, tr("%1 link").arg(role), l.link, l.role + u"Link"_s);
        //: Host dialog: the hub URL for scripts and watchroom-cli, for one role
        addLinkRow(row++, tr("%1 hub URL").arg(role), l.hubUrl, l.role + u"HubUrl"_s);
    }
    m_linksBox->setVisible(true);
    m_hostButton->setText(tr("Host again at this address"));
}

QString HostDialog::linkText(const QString &role) const
{
    const auto *field = m_linksBox->findChild<QLineEdit *>(role + u"Link"_s);
    return field ? field->text() : QString();
}

void HostDialog::retranslate()
{
    setWindowTitle(tr("Host a team session"));
    m_intro->setText(tr("The relay inside Watchroom moves to an address others on your network "
                        "can reach. Annotations are kept; everyone needs a link with an invite "
                        "secret to join."));
    m_addressLabel->setText(tr("&Address:"));
    m_portLabel->setText(tr("&Port:"));
    m_certificateLabel->setText(tr("TLS &certificate:"));
    m_certificate->setPlaceholderText(tr("optional: a PEM file, for https/wss"));
    m_certificate->setAccessibleName(tr("TLS certificate file"));
    m_keyLabel->setText(tr("TLS &key:"));
    m_key->setPlaceholderText(tr("its private key (PEM)"));
    m_key->setAccessibleName(tr("TLS private key file"));
    m_certificateBrowse->setText(tr("Browse…"));
    m_certificateBrowse->setAccessibleName(tr("Choose the TLS certificate file"));
    m_keyBrowse->setText(tr("Browse…"));
    m_keyBrowse->setAccessibleName(tr("Choose the TLS private key file"));
    m_port->setSpecialValueText(tr("any free port"));
    m_hostButton->setText(m_result.ok ? tr("Host again at this address") : tr("&Host"));
    if (m_result.ok)
        showResult(m_result);
}

void HostDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace wr
