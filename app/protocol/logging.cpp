#include "logging.h"

Q_LOGGING_CATEGORY(lcProtocol, "watchroom.protocol", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRelay, "watchroom.relay", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRelayHttp, "watchroom.relay.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRelayHub, "watchroom.relay.hub", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHub, "watchroom.hub", QtWarningMsg)
