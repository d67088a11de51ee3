#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Shared by the fuzz_*.cpp targets: quiet logging (a warning per rejected input would cost more
// than the parse itself) and the input as the types the parsers take.
namespace wr::fuzz {

inline void quietMessages()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg) {
            fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            abort();
        }
    });
}

// A copy: a QByteArray is NUL-terminated in real use, and code may rely on it.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// No copy: a view carries no terminator, so reading past its end is a bug ASan reports.
inline QByteArrayView view(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

// A property the target checks failed: abort so libFuzzer keeps the input as a crash.
[[noreturn]] inline void violated(const char *what)
{
    fprintf(stderr, "fuzz invariant violated: %s\n", what);
    abort();
}

} // namespace wr::fuzz
