#pragma once

#include "theme.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace wr {

// What we share with the others on the board; persisted in QSettings ("privacy/…").
struct PrivacySettings
{
    bool hideOthersCursors = false;
    bool dontShareMyCursor = false;
    bool dontAllowFollowing = false;
    bool operator==(const PrivacySettings &) const = default;

    static PrivacySettings load();
    void save() const;
};

// Whether a threshold alert also notifies the desktop and asks for the window's attention
// (QSettings "alerts/desktopNotifications", default on); the banner shows it either way.
bool desktopNotificationsEnabled();
void setDesktopNotificationsEnabled(bool enabled);

// The UI language override: "" follows the system; otherwise a locale name ("de", "zh_CN").
QString savedUiLanguage();
// Applies savedUiLanguage() (or `name`) through wr::setUiLanguage and remembers it.
void applyUiLanguage(const QString &name);

// Settings that apply at once: language, appearance, privacy and alerts. Each change is saved and
// signalled immediately; there is nothing to confirm.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(Theme::Mode theme, const PrivacySettings &current, QWidget *parent = nullptr);

    QComboBox *languageBox() const { return m_language; }
    QComboBox *themeBox() const { return m_theme; }

Q_SIGNALS:
    void themeChosen(wr::Theme::Mode mode);
    void privacyChanged(const wr::PrivacySettings &privacy);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    PrivacySettings privacy() const;

    QLabel *m_languageLabel = nullptr;
    QLabel *m_themeLabel = nullptr;
    QLabel *m_privacyLabel = nullptr;
    QLabel *m_alertsLabel = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_theme = nullptr;
    QCheckBox *m_hideCursors = nullptr;
    QCheckBox *m_shareCursor = nullptr;
    QCheckBox *m_noFollow = nullptr;
    QCheckBox *m_notify = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace wr
