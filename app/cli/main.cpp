// watchroom-cli: tail, annotate, publish (docs/session.md). All logic is in watchroom_cli.
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("watchroom-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WATCHROOM_VERSION));
    return wr::cli::run(QCoreApplication::arguments());
}
