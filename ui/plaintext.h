#pragma once

#include <QString>

namespace wr {

// A tooltip that shows `plain` literally. Qt guesses whether tooltip text is rich text, so a
// peer's name like "<img src=x>" would be interpreted: escape it and mark the result as rich
// text explicitly.
inline QString richToolTip(const QString &plain)
{
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QLatin1String("<qt>") + escaped + QLatin1String("</qt>");
}

} // namespace wr
