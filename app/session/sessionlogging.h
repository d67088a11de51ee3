#pragma once

#include <QLoggingCategory>

// Quiet by default: QT_LOGGING_RULES="watchroom.session.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcSession)
