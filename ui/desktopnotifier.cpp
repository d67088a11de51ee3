#include "desktopnotifier.h"

#include <QGuiApplication>
#include <QSystemTrayIcon>

namespace wr {

bool TrayNotifier::notify(const QString &title, const QString &text)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return false;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QGuiApplication::windowIcon(), this);
        m_tray->setToolTip(QGuiApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &DesktopNotifier::activated);
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger
                        || reason == QSystemTrayIcon::DoubleClick)
                        Q_EMIT activated();
                });
        m_tray->show();
    }
    m_tray->showMessage(title, text, QSystemTrayIcon::Warning, 10'000);
    return true;
}

} // namespace wr
