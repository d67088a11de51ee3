// watchroom: the desktop app. Everything but the command line lives in watchroom_ui.
#include "desktopapp.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "watchroomresources.h"
#include "watchroomversion.h"

#include <QApplication>
#include <QMessageBox>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // --version and --help must work without a display: parse before QApplication exists.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    wr::DesktopOptions options = wr::DesktopOptions::parse(arguments);
    switch (options.action) {
    case wr::DesktopOptions::Action::ShowVersion:
    case wr::DesktopOptions::Action::ShowHelp:
        std::fputs(qPrintable(options.message + u'\n'), stdout);
        return 0;
    case wr::DesktopOptions::Action::Error:
        std::fputs(qPrintable(options.message + u'\n'), stderr);
        return 2;
    case wr::DesktopOptions::Action::Run:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Watchroom"_s);
    QApplication::setApplicationName(u"watchroom"_s);
    QApplication::setApplicationVersion(QStringLiteral(WATCHROOM_VERSION));
    // Wayland finds the icon through the desktop file's name.
    QGuiApplication::setDesktopFileName(QStringLiteral(WATCHROOM_APP_ID));
    QApplication::setWindowIcon(wr::appIcon());
    wr::applyUiLanguage(wr::savedUiLanguage());

    wr::DesktopApp desktop(options);
    QString error;
    if (!desktop.start(&error)) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Watchroom"), error);
        return 1;
    }
    desktop.window()->show();
    const int code = QApplication::exec();
    desktop.stop();
    return code;
}
