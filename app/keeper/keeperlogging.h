#pragma once

#include <QLoggingCategory>

// Quiet by default: QT_LOGGING_RULES="watchroom.keeper*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcKeeper)       // watchroom.keeper
Q_DECLARE_LOGGING_CATEGORY(lcKeeperDb)     // watchroom.keeper.db
Q_DECLARE_LOGGING_CATEGORY(lcKeeperRemote) // watchroom.keeper.remote
