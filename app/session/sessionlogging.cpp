#include "sessionlogging.h"

Q_LOGGING_CATEGORY(lcSession, "watchroom.session", QtWarningMsg)
