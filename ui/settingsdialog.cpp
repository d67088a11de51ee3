#include "settingsdialog.h"

#include "uilanguage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

PrivacySettings PrivacySettings::load()
{
    QSettings s;
    PrivacySettings p;
    p.hideOthersCursors = s.value(u"privacy/hideOthersCursors"_s, false).toBool();
    p.dontShareMyCursor = s.value(u"privacy/dontShareMyCursor"_s, false).toBool();
    p.dontAllowFollowing = s.value(u"privacy/dontAllowFollowing"_s, false).toBool();
    return p;
}

void PrivacySettings::save() const
{
    QSettings s;
    s.setValue(u"privacy/hideOthersCursors"_s, hideOthersCursors);
    s.setValue(u"privacy/dontShareMyCursor"_s, dontShareMyCursor);
    s.setValue(u"privacy/dontAllowFollowing"_s, dontAllowFollowing);
}

QString savedUiLanguage()
{
    return QSettings().value(u"appearance/language"_s).toString();
}

bool desktopNotificationsEnabled()
{
    return QSettings().value(u"alerts/desktopNotifications"_s, true).toBool();
}

void setDesktopNotificationsEnabled(bool enabled)
{
    QSettings().setValue(u"alerts/desktopNotifications"_s, enabled);
}

void applyUiLanguage(const QString &name)
{
    QSettings().setValue(u"appearance/language"_s, name);
    setUiLanguage(name.isEmpty() ? QLocale() : QLocale(name));
}

SettingsDialog::SettingsDialog(Theme::Mode theme, const PrivacySettings &current,
                               QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"settingsDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_language = new QComboBox(this);
    m_language->addItem(QString(), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    const QStringList languages = availableUiLanguages();
    for (const QString &name : languages) {
        const QLocale locale(name);
        QString native = locale.nativeLanguageName();
        if (!native.isEmpty())
            native[0] = native[0].toUpper();
        m_language->addItem(native.isEmpty() ? name : native, name);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(savedUiLanguage())));
    m_languageLabel = new QLabel(this);
    m_languageLabel->setBuddy(m_language);
    form->addRow(m_languageLabel, m_language);

    m_theme = new QComboBox(this);
    for (Theme::Mode mode : { Theme::Mode::System, Theme::Mode::Light, Theme::Mode::Dark })
        m_theme->addItem(QString(), int(mode));
    m_theme->setCurrentIndex(m_theme->findData(int(theme)));
    m_themeLabel = new QLabel(this);
    m_themeLabel->setBuddy(m_theme);
    form->addRow(m_themeLabel, m_theme);

    m_privacyLabel = new QLabel(this);
    m_hideCursors = new QCheckBox(this);
    m_hideCursors->setChecked(current.hideOthersCursors);
    m_shareCursor = new QCheckBox(this);
    m_shareCursor->setChecked(current.dontShareMyCursor);
    m_noFollow = new QCheckBox(this);
    m_noFollow->setChecked(current.dontAllowFollowing);
    form->addRow(m_privacyLabel, m_hideCursors);
    form->addRow(QString(), m_shareCursor);
    form->addRow(QString(), m_noFollow);

    m_alertsLabel = new QLabel(this);
    m_notify = new QCheckBox(this);
    m_notify->setObjectName(u"desktopNotifications"_s);
    m_notify->setChecked(desktopNotificationsEnabled());
    form->addRow(m_alertsLabel, m_notify);
    connect(m_notify, &QCheckBox::toggled, this, &setDesktopNotificationsEnabled);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        // Installing the catalogues sends LanguageChange to every window, this one included.
        applyUiLanguage(m_language->currentData().toString());
    });
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        Q_EMIT themeChosen(Theme::Mode(m_theme->currentData().toInt()));
    });
    for (QCheckBox *box : { m_hideCursors, m_shareCursor, m_noFollow }) {
        connect(box, &QCheckBox::toggled, this, [this] {
            const PrivacySettings p = privacy();
            p.save();
            Q_EMIT privacyChanged(p);
        });
    }
    retranslate();
}

PrivacySettings SettingsDialog::privacy() const
{
    PrivacySettings p;
    p.hideOthersCursors = m_hideCursors->isChecked();
    p.dontShareMyCursor = m_shareCursor->isChecked();
    p.dontAllowFollowing = m_noFollow->isChecked();
    return p;
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    //: Language choice: use the operating system's language
    m_language->setItemText(0, tr("System language"));
    m_language->setAccessibleName(tr("Language"));
    m_themeLabel->setText(tr("&Appearance:"));
    m_theme->setAccessibleName(tr("Appearance"));
    for (int i = 0; i < m_theme->count(); ++i)
        m_theme->setItemText(i, Theme::displayName(Theme::Mode(m_theme->itemData(i).toInt())));
    m_privacyLabel->setText(tr("Privacy:"));
    m_hideCursors->setText(tr("Hide other people's cursors"));
    m_shareCursor->setText(tr("Don't share my cursor"));
    m_noFollow->setText(tr("Don't allow others to follow me"));
    m_noFollow->setToolTip(tr("Others see what you look at, but cannot follow your view."));
    m_alertsLabel->setText(tr("Alerts:"));
    m_notify->setText(tr("Notify the desktop when a threshold is crossed"));
    m_notify->setToolTip(tr("A notification, and the taskbar or Dock asks for attention. The "
                            "board's banner shows every alert either way."));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace wr
