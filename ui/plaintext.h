#pragma once

#include <QString>
#include <QTextDocument>

namespace wr {

// A tooltip that shows `plain` literally. Qt guesses whether tooltip text is rich text, so a
// peer's name like "<img src=x>" would be interpreted: escape it and mark the result as rich
// text explicitly.
inline QString escapedLines(const QString &plain)
{
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return escaped;
}

inline QString richToolTip(const QString &plain)
{
    return QLatin1String("<qt>") + escapedLines(plain) + QLatin1String("</qt>");
}

// The same with lines QToolTip does not wrap (white-space:pre), for a name that should stay on
// one line.
inline QString unwrappedRichToolTip(const QString &plain)
{
    return QLatin1String("<p style=\"white-space:pre\">") + escapedLines(plain)
        + QLatin1String("</p>");
}

// The same, but `plain` itself when Qt would not take it for rich text anyway (QToolTip and
// QLabel's Qt::AutoText decide with Qt::mightBeRichText), so ordinary text stays unchanged.
inline QString literalToolTip(const QString &plain)
{
    return Qt::mightBeRichText(plain) ? richToolTip(plain) : plain;
}

// Text for a QAction, QCheckBox or button that shows `plain` literally: there '&' marks the
// next letter as a shortcut, and "&&" is one ampersand.
inline QString mnemonicEscaped(const QString &plain)
{
    return QString(plain).replace(QLatin1Char('&'), QLatin1String("&&"));
}

} // namespace wr
