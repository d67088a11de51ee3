#include "keeperlogging.h"

Q_LOGGING_CATEGORY(lcKeeper, "watchroom.keeper", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKeeperDb, "watchroom.keeper.db", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKeeperRemote, "watchroom.keeper.remote", QtWarningMsg)
