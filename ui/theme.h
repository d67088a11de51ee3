#pragma once

#include <QCoreApplication>
#include <QPalette>
#include <QString>

namespace wr {

// Light and dark appearance. System follows the platform's palette (Qt 6.4 has no colour-scheme
// API, so "dark" means a dark window colour); Light and Dark override it with the Fusion style
// and a palette of our own.
class Theme
{
    Q_DECLARE_TR_FUNCTIONS(wr::Theme)

public:
    enum class Mode { System, Light, Dark };

    static QString toString(Mode mode); // "system" | "light" | "dark" (settings)
    static Mode fromString(const QString &text); // unknown: System
    static QString displayName(Mode mode);

    static QPalette lightPalette();
    static QPalette darkPalette();
    static bool isDark(const QPalette &palette);

    // Applies `mode` to the application; returns whether the result is dark. Remembers the
    // platform's palette the first time, so System can restore it after an override.
    static bool apply(Mode mode);
};

} // namespace wr
