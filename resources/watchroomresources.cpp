#include "watchroomresources.h"

#include <QFile>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace wr {

QIcon appIcon()
{
    QIcon icon;
    for (const int size : { 16, 22, 24, 32, 48, 64, 128, 256, 512 })
        icon.addFile(u":/icons/app/watchroom-%1.png"_s.arg(size), QSize(size, size));
    return icon;
}

QIcon toolbarIcon(const QString &name, const QPalette &palette)
{
    // The window colour decides rather than the text colour: toolbars sit on it.
    const bool darkTheme = palette.color(QPalette::Window).lightness() < 128;
    const QString base = u":/icons/toolbar/%1/%2"_s.arg(darkTheme ? "dark"_L1 : "light"_L1, name);
    if (!QFile::exists(base + u".png"_s))
        return {};
    QIcon icon;
    icon.addFile(base + u".png"_s, QSize(24, 24));
    icon.addFile(base + u"@2x.png"_s, QSize(48, 48));
    return icon;
}

QIcon toolbarIcon(const QString &name)
{
    return toolbarIcon(name, QGuiApplication::palette());
}

QStringList toolbarIconNames()
{
    return { u"live"_s, u"zoom-out"_s, u"annotate"_s, u"follow"_s, u"join"_s, u"host"_s, u"export"_s };
}

} // namespace wr
