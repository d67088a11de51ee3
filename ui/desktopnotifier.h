#pragma once

#include <QObject>
#include <QString>

class QSystemTrayIcon;

namespace wr {

// How the board reaches a person who looks elsewhere when a threshold alerts: a notification
// of the desktop. Behind this small interface so tests record what would be shown, and so a
// platform with its own notification service can have its own implementation.
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Shows a notification; false when the desktop cannot show one (no notification area).
    virtual bool notify(const QString &title, const QString &text) = 0;

Q_SIGNALS:
    // The person clicked the notification (or the icon that carries it).
    void activated();
};

// Notifications through Qt's system tray icon, which uses the desktop's notification service
// (freedesktop notifications on Linux, Notification Center on macOS, balloons on Windows). The
// icon appears with the first notification, so a board that never alerts adds nothing to the
// tray.
class TrayNotifier : public DesktopNotifier
{
    Q_OBJECT

public:
    using DesktopNotifier::DesktopNotifier;

    bool notify(const QString &title, const QString &text) override;

private:
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace wr
