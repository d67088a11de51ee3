#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <optional>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
struct SystemLook
{
    QPalette palette;
    QString style;
};
std::optional<SystemLook> &systemLook()
{
    static std::optional<SystemLook> look;
    return look;
}
} // namespace

QString Theme::toString(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return u"light"_s;
    case Mode::Dark:
        return u"dark"_s;
    case Mode::System:
        break;
    }
    return u"system"_s;
}

Theme::Mode Theme::fromString(const QString &text)
{
    if (text == "light"_L1)
        return Mode::Light;
    if (text == "dark"_L1)
        return Mode::Dark;
    return Mode::System;
}

QString Theme::displayName(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return tr("Light");
    case Mode::Dark:
        return tr("Dark");
    case Mode::System:
        break;
    }
    //: Appearance: follow the operating system's light/dark setting
    return tr("System");
}

QPalette Theme::lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::WindowText, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xf0, 0xf3));
    p.setColor(QPalette::Text, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::Button, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::ButtonText, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xdb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
    p.setColor(QPalette::ToolTipText, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::Mid, QColor(0xa0, 0xa4, 0xab));
    p.setColor(QPalette::PlaceholderText, QColor(0x70, 0x74, 0x7b));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0x9e, 0xa5));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0x9e, 0xa5));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0x9e, 0xa5));
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1e, 0x20, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xe4, 0xe6, 0xea));
    p.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1b));
    p.setColor(QPalette::AlternateBase, QColor(0x24, 0x27, 0x2c));
    p.setColor(QPalette::Text, QColor(0xe4, 0xe6, 0xea));
    p.setColor(QPalette::Button, QColor(0x2a, 0x2d, 0x32));
    p.setColor(QPalette::ButtonText, QColor(0xe4, 0xe6, 0xea));
    p.setColor(QPalette::Highlight, QColor(0x4d, 0x8d, 0xf5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2d, 0x32));
    p.setColor(QPalette::ToolTipText, QColor(0xe4, 0xe6, 0xea));
    p.setColor(QPalette::Mid, QColor(0x60, 0x64, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x36, 0x3b));
    p.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x13));
    p.setColor(QPalette::Shadow, QColor(0x08, 0x08, 0x0a));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8e, 0x95));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6a, 0x6e, 0x75));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6a, 0x6e, 0x75));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6a, 0x6e, 0x75));
    return p;
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool Theme::apply(Mode mode)
{
    auto &look = systemLook();
    if (!look)
        look = SystemLook { QApplication::palette(), QApplication::style()->name() };
    switch (mode) {
    case Mode::System:
        QApplication::setStyle(QStyleFactory::create(look->style));
        QApplication::setPalette(look->palette);
        return isDark(look->palette);
    case Mode::Light:
    case Mode::Dark:
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(mode == Mode::Dark ? darkPalette() : lightPalette());
        return mode == Mode::Dark;
    }
    return false;
}

} // namespace wr
