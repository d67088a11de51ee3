#include "uilanguage.h"
#include "watchroomresources.h"
#include "watchroomversion.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QImage>
#include <QPixmap>
#include <QTest>

using namespace Qt::StringLiterals;

// The resources the desktop app links (watchroom_resources, watchroom_translations): icons are
// found and readable in light and dark themes, and a language switch reaches Qt's own strings
// and the open windows.
class TestResources : public QObject
{
    Q_OBJECT

private slots:
    void appIconHasEveryShippedSize();
    void toolbarIconsReadOnTheirTheme_data();
    void toolbarIconsReadOnTheirTheme();
    void unknownToolbarIconIsNull();
    void versionHeaderMatchesTheBuild();
    void everyLanguageHasACatalogue();
    void switchingLanguageTranslatesQtStringsAndNotifies();
    void cleanupTestCase();

private:
    static double averageInkLightness(const QIcon &icon, int size);
};

double TestResources::averageInkLightness(const QIcon &icon, int size)
{
    const QImage image = icon.pixmap(QSize(size, size), 1.0).toImage().convertToFormat(
            QImage::Format_ARGB32);
    double sum = 0;
    double weight = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            sum += c.lightness() * c.alphaF();
            weight += c.alphaF();
        }
    }
    return weight > 0 ? sum / weight : -1;
}

void TestResources::appIconHasEveryShippedSize()
{
    const QList<QSize> sizes = wr::appIcon().availableSizes();
    for (const int size : { 16, 22, 24, 32, 48, 64, 128, 256, 512 })
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(u"no %1 px icon"_s.arg(size)));
    QCOMPARE(wr::appIcon().pixmap(QSize(16, 16), 1.0).size(), QSize(16, 16));
}

void TestResources::toolbarIconsReadOnTheirTheme_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : wr::toolbarIconNames())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestResources::toolbarIconsReadOnTheirTheme()
{
    QFETCH(QString, name);
    const QPalette light(QColor(0x23, 0x26, 0x29), QColor(0xef, 0xf0, 0xf1));
    const QPalette dark(QColor(0xfc, 0xfc, 0xfc), QColor(0x2a, 0x2e, 0x32));
    const QIcon onLight = wr::toolbarIcon(name, light);
    const QIcon onDark = wr::toolbarIcon(name, dark);
    QVERIFY(!onLight.isNull());
    QVERIFY(!onDark.isNull());
    for (const int size : { 24, 48 }) {
        // Dark ink on a light window, light ink on a dark one.
        QVERIFY2(averageInkLightness(onLight, size) < 80, qPrintable(name));
        QVERIFY2(averageInkLightness(onDark, size) > 180, qPrintable(name));
    }
    QVERIFY(onLight.availableSizes().contains(QSize(48, 48)));
}

void TestResources::unknownToolbarIconIsNull()
{
    QVERIFY(wr::toolbarIcon(u"no-such-icon"_s).isNull());
}

void TestResources::versionHeaderMatchesTheBuild()
{
    QCOMPARE(QStringLiteral(WATCHROOM_VERSION_STRING), QStringLiteral(WATCHROOM_VERSION));
    QCOMPARE(QStringLiteral(WATCHROOM_APP_ID), u"io.github.watchroom.Watchroom"_s);
}

void TestResources::everyLanguageHasACatalogue()
{
    const QStringList expected { u"de"_s, u"es"_s, u"fr"_s, u"ja"_s, u"zh_CN"_s };
    QCOMPARE(wr::availableUiLanguages(), expected);
    for (const QString &lang : expected)
        QVERIFY2(QFile::exists(u":/i18n/qtbase_%1.qm"_s.arg(lang)), qPrintable(lang));
}

void TestResources::switchingLanguageTranslatesQtStringsAndNotifies()
{
    struct Counter : QObject
    {
        int changes = 0;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::LanguageChange)
                ++changes;
            return false;
        }
    } counter;
    qApp->installEventFilter(&counter);

    const auto cancel = [] { return QCoreApplication::translate("QPlatformTheme", "Cancel"); };
    QCOMPARE(cancel(), u"Cancel"_s);

    wr::setUiLanguage(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(cancel(), u"Abbrechen"_s);
    QVERIFY(counter.changes > 0);

    wr::setUiLanguage(QLocale(QLocale::French));
    QCOMPARE(cancel(), u"Annuler"_s);

    const int before = counter.changes;
    wr::setUiLanguage(QLocale(QLocale::English));
    QCOMPARE(cancel(), u"Cancel"_s);
    QVERIFY(counter.changes > before);
    qApp->removeEventFilter(&counter);
}

void TestResources::cleanupTestCase()
{
    wr::setUiLanguage(QLocale(QLocale::English));
}

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
