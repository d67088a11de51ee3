#include "joindialog.h"

#include "links.h"
#include "negotiator.h"
#include "sessionmessages.h"
#include "tlspin.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
constexpr int kMaxRecent = 8;
const QString kPinsKey = QStringLiteral("join/pins"); // hub → "sha256:…"

// TLS hubs: an https negotiate URL or a wss client URL.
bool usesTls(const QString &hub)
{
    switch (Negotiator::classify(hub)) {
    case Negotiator::InputKind::NegotiateUrl:
    case Negotiator::InputKind::ClientUrl: {
        const QString scheme = QUrl(hub.trimmed()).scheme().toLower();
        return scheme == "https"_L1 || scheme == "wss"_L1;
    }
    case Negotiator::InputKind::ConnectionString: // its endpoint may be https, too
        return hub.contains("endpoint=https"_L1, Qt::CaseInsensitive);
    case Negotiator::InputKind::Invalid:
        return false;
    }
    return false;
}

QIcon swatch(const QString &color)
{
    QPixmap pm(16, 16);
    pm.fill(QColor::fromString(color));
    return QIcon(pm);
}
} // namespace

JoinDialog::JoinDialog(const QString &board, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"joinDialog"_s);
    QSettings settings;
    auto *form = new QFormLayout(this);
    m_hub = new QComboBox(this);
    m_hub->setEditable(true);
    m_hub->setInsertPolicy(QComboBox::NoInsert);
    m_hub->addItems(recentHubs());
    m_hub->setCurrentIndex(-1);
    m_hub->setMinimumContentsLength(48);
    m_hubLabel = new QLabel(this);
    m_hubLabel->setBuddy(m_hub);
    form->addRow(m_hubLabel, m_hub);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    form->addRow(QString(), m_hint);

    m_board = new QLineEdit(board, this);
    m_boardLabel = new QLabel(this);
    m_boardLabel->setBuddy(m_board);
    form->addRow(m_boardLabel, m_board);

    m_pin = new QLineEdit(this);
    m_pin->setObjectName(u"pinField"_s);
    m_pinLabel = new QLabel(this);
    m_pinLabel->setBuddy(m_pin);
    form->addRow(m_pinLabel, m_pin);
    m_pin->hide();
    m_pinLabel->hide();

    m_name = new QLineEdit(settings.value(u"identity/name"_s).toString(), this);
    m_name->setMaxLength(64);
    m_nameLabel = new QLabel(this);
    m_nameLabel->setBuddy(m_name);
    form->addRow(m_nameLabel, m_name);

    m_colorName = settings.value(u"identity/color"_s, u"#3e63dd"_s).toString();
    m_color = new QToolButton(this);
    m_color->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_color->setIcon(swatch(m_colorName));
    m_colorLabel = new QLabel(this);
    m_colorLabel->setBuddy(m_color);
    form->addRow(m_colorLabel, m_color);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_join = buttons->button(QDialogButtonBox::Ok);
    form->addRow(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_color, &QToolButton::clicked, this, &JoinDialog::chooseColor);
    connect(m_hub, &QComboBox::editTextChanged, this, &JoinDialog::hubChanged);
    connect(m_pin, &QLineEdit::textEdited, this, [this] {
        m_pinEdited = true;
        validate();
    });
    connect(m_board, &QLineEdit::textEdited, this, [this] {
        m_boardEdited = true;
        validate();
    });
    connect(m_name, &QLineEdit::textChanged, this, &JoinDialog::validate);
    retranslate();
}

void JoinDialog::hubChanged()
{
    // A link or a negotiate URL that names its board fills the board in, unless typed.
    const JoinTarget target = JoinLinks::parse(m_hub->currentText());
    if (target.ok() && !target.board.isEmpty() && !m_boardEdited) {
        QSignalBlocker block(m_board);
        m_board->setText(target.board);
    }
    const bool tls = target.ok() && usesTls(target.hub);
    m_pin->setVisible(tls);
    m_pinLabel->setVisible(tls);
    if (tls && !m_pinEdited) {
        // The link's pin, else the one last used with this hub.
        const QByteArray pin = target.pin.isEmpty() ? rememberedPin(target.hub) : target.pin;
        m_pin->setText(TlsPin::format(pin));
        m_pin->setCursorPosition(0);
    }
    validate();
}

QString JoinDialog::problem() const
{
    const JoinTarget target = JoinLinks::parse(m_hub->currentText());
    if (!target.ok())
        return target.error;
    if (m_pin->isVisibleTo(this) && !m_pin->text().trimmed().isEmpty()) {
        QString why;
        if (!TlsPin::parse(m_pin->text(), &why))
            return tr("Certificate pin: expected sha256: and the 64 hex digits of the hub's "
                      "certificate fingerprint.");
    }
    if (!session::isValidBoardName(m_board->text().trimmed()))
        return tr("Board names use letters, digits, '_', '.' and '-' (at most 64).");
    return {};
}

void JoinDialog::validate()
{
    const QString why = problem();
    m_join->setEnabled(why.isEmpty());
    if (!why.isEmpty() && !m_hub->currentText().trimmed().isEmpty()) {
        m_hint->setText(why);
        growToFit();
        return;
    }
    const JoinTarget target = JoinLinks::parse(m_hub->currentText());
    switch (Negotiator::classify(target.hub)) {
    case Negotiator::InputKind::NegotiateUrl:
        m_hint->setText(tr("A negotiate URL: a Watchroom relay or an app server in front of "
                           "Azure Web PubSub."));
        break;
    case Negotiator::InputKind::ClientUrl:
        m_hint->setText(tr("A client URL with its token: it works until the token expires."));
        break;
    case Negotiator::InputKind::ConnectionString:
        m_hint->setText(tr("A connection string: a token is made on this computer. It is not "
                           "remembered (it contains the access key)."));
        break;
    case Negotiator::InputKind::Invalid:
        m_hint->setText(tr("Paste a watchroom:// link, a negotiate URL, a wss:// URL or a "
                           "connection string."));
        break;
    }
    growToFit();
}

void JoinDialog::growToFit()
{
    // The pin row appears and the hint may wrap to more lines: grow rather than overlap.
    if (!isVisible())
        return;
    QLayout *form = layout();
    form->activate();
    const int needed = form->hasHeightForWidth() ? form->totalHeightForWidth(width())
                                                 : form->totalSizeHint().height();
    if (height() < needed)
        resize(width(), needed);
}

void JoinDialog::chooseColor()
{
    const QColor c = QColorDialog::getColor(QColor::fromString(m_colorName), this,
                                            tr("Your colour"));
    if (!c.isValid())
        return;
    m_colorName = c.name();
    m_color->setIcon(swatch(m_colorName));
}

JoinRequest JoinDialog::request() const
{
    const JoinTarget target = JoinLinks::parse(m_hub->currentText());
    JoinRequest r;
    r.hub = target.hub;
    r.board = m_board->text().trimmed();
    r.name = m_name->text().trimmed();
    r.color = m_colorName;
    if (m_pin->isVisibleTo(this))
        r.pin = TlsPin::parse(m_pin->text()).value_or(QByteArray());
    return r;
}

QStringList JoinDialog::recentHubs()
{
    return QSettings().value(u"join/recentHubs"_s).toStringList();
}

QByteArray JoinDialog::rememberedPin(const QString &hub)
{
    const QVariantMap pins = QSettings().value(kPinsKey).toMap();
    return TlsPin::parse(pins.value(hub).toString()).value_or(QByteArray());
}

void JoinDialog::remember(const JoinRequest &request)
{
    QSettings settings;
    if (!request.name.isEmpty())
        settings.setValue(u"identity/name"_s, request.name);
    if (!request.color.isEmpty())
        settings.setValue(u"identity/color"_s, request.color);
    if (Negotiator::classify(request.hub) == Negotiator::InputKind::ConnectionString)
        return;
    QStringList recent = recentHubs();
    recent.removeAll(request.hub);
    recent.prepend(request.hub);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(u"join/recentHubs"_s, recent);
    // Pins of the recent hubs only, so the map cannot grow without bound.
    const QVariantMap old = settings.value(kPinsKey).toMap();
    QVariantMap pins;
    for (const QString &hub : std::as_const(recent)) {
        if (hub == request.hub) {
            if (!request.pin.isEmpty())
                pins.insert(hub, TlsPin::format(request.pin));
        } else if (old.contains(hub)) {
            pins.insert(hub, old.value(hub));
        }
    }
    settings.setValue(kPinsKey, pins);
}

void JoinDialog::retranslate()
{
    setWindowTitle(tr("Join a session"));
    m_hubLabel->setText(tr("&Hub:"));
    m_hub->setAccessibleName(tr("Hub address or link"));
    m_hub->lineEdit()->setPlaceholderText(tr("watchroom://join?hub=…, http://host:7300/negotiate?…, "
                                             "wss://…, Endpoint=…"));
    m_boardLabel->setText(tr("&Board:"));
    m_nameLabel->setText(tr("Your &name:"));
    m_name->setPlaceholderText(tr("How others see you"));
    m_colorLabel->setText(tr("Your &colour:"));
    m_pinLabel->setText(tr("Certificate &pin:"));
    m_pin->setPlaceholderText(tr("sha256:… (only for a self-signed certificate on a LAN)"));
    m_pin->setAccessibleName(tr("Certificate pin"));
    m_pin->setToolTip(tr("The SHA-256 fingerprint of the hub's certificate. With a pin, only "
                         "that certificate is accepted; without one, the certificate must be "
                         "trusted by this computer."));
    m_color->setText(tr("Choose…"));
    m_join->setText(tr("Join"));
    validate();
}

void JoinDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace wr
