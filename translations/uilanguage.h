#pragma once

#include <QLocale>
#include <QStringList>

namespace wr {

// The languages the UI is translated into besides English, as locale names ("de", "zh_CN").
QStringList availableUiLanguages();

// Switches the UI to `locale`: installs Qt's and Watchroom's catalogues for it (from :/i18n),
// replacing those an earlier call installed. Installing and removing translators sends
// QEvent::LanguageChange to every widget, so open windows retranslate. English, or a language
// without a catalogue, leaves the source strings (English gets only its plural forms). Returns
// whether a Watchroom catalogue for a language other than English was installed. Call from the
// GUI thread, after the application object exists.
bool setUiLanguage(const QLocale &locale);

} // namespace wr
