#pragma once

#include <QLoggingCategory>

// One category per subsystem, quiet by default: QT_LOGGING_RULES="watchroom.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
Q_DECLARE_LOGGING_CATEGORY(lcRelayHttp)
Q_DECLARE_LOGGING_CATEGORY(lcRelayHub)
Q_DECLARE_LOGGING_CATEGORY(lcHub)
