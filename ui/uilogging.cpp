#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "watchroom.ui", QtWarningMsg)
