#include "joindialog.h"

#include "links.h"
#include "negotiator.h"
#include "sessionmessages.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
constexpr int kMaxRecent = 8;

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
    connect(m_hub, &QComboBox::editTextChanged, this, [this] {
        // A link or a negotiate URL that names its board fills the board in, unless typed.
        const JoinTarget target = JoinLinks::parse(m_hub->currentText());
        if (target.ok() && !target.board.isEmpty() && !m_boardEdited) {
            QSignalBlocker block(m_board);
            m_board->setText(target.board);
        }
        validate();
    });
    connect(m_board, &QLineEdit::textEdited, this, [this] {
        m_boardEdited = true;
        validate();
    });
    connect(m_name, &QLineEdit::textChanged, this, &JoinDialog::validate);
    retranslate();
}

QString JoinDialog::problem() const
{
    const JoinTarget target = JoinLinks::parse(m_hub->currentText());
    if (!target.ok())
        return target.error;
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
    return r;
}

QStringList JoinDialog::recentHubs()
{
    return QSettings().value(u"join/recentHubs"_s).toStringList();
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
