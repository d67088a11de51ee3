#include "uilanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

struct Installed
{
    std::unique_ptr<QTranslator> qt;
    std::unique_ptr<QTranslator> app;
};

Installed &installed()
{
    static Installed translators;
    return translators;
}

std::unique_ptr<QTranslator> load(const QLocale &locale, const QString &catalogue)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, catalogue, u"_"_s, u":/i18n"_s))
        return {};
    return translator;
}

void replace(std::unique_ptr<QTranslator> &slot, std::unique_ptr<QTranslator> next)
{
    if (slot)
        QCoreApplication::removeTranslator(slot.get());
    slot = std::move(next);
    if (slot)
        QCoreApplication::installTranslator(slot.get());
}

} // namespace

QStringList availableUiLanguages()
{
    QStringList languages;
    const auto files = QDir(u":/i18n"_s).entryList({ u"watchroom_*.qm"_s }, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages.append(file.mid(qsizetype(sizeof("watchroom_") - 1)).chopped(3));
    return languages;
}

bool setUiLanguage(const QLocale &locale)
{
    // QTranslator::load(QLocale, …) also tries the locale's other UI languages, which would turn
    // an explicit "English" into the system language; English needs no catalogue at all.
    const bool english = locale.language() == QLocale::English || locale.language() == QLocale::C;
    auto &translators = installed();
    replace(translators.qt, english ? nullptr : load(locale, u"qtbase"_s));
    if (english) {
        // Only the plural forms of the %n strings ("1 annotation", not "1 annotation(s)").
        auto plurals = std::make_unique<QTranslator>();
        if (!plurals->load(u":/i18n/watchroom-plurals_en.qm"_s))
            plurals.reset();
        replace(translators.app, std::move(plurals));
        return false;
    }
    replace(translators.app, load(locale, u"watchroom"_s));
    return translators.app != nullptr;
}

} // namespace wr
