#pragma once

#include <QIcon>
#include <QPalette>
#include <QStringList>

namespace wr {

// The Watchroom icon in every shipped size (16 to 512 px): window icon, About dialog.
QIcon appIcon();

// A toolbar icon by name (see toolbarIconNames()), in the variant that reads on `palette`:
// dark ink on a light window colour, light ink on a dark one. Widgets that outlive a palette
// change (QEvent::ApplicationPaletteChange) ask again. A null QIcon for an unknown name.
QIcon toolbarIcon(const QString &name, const QPalette &palette);
// The same for the application's current palette.
QIcon toolbarIcon(const QString &name);

// live, zoom-out, annotate, follow, join, host, export.
QStringList toolbarIconNames();

} // namespace wr
