#include "linereader.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QWaitCondition>

#include <cstdio>
#include <thread>

using namespace Qt::StringLiterals;

namespace wr::cli {

struct LineReader::Shared
{
    QMutex mutex;
    QWaitCondition creditAvailable;
    int credits = 0;
    LineReader *target = nullptr; // null once the reader is gone
};

LineReader::LineReader(qsizetype batchLines, int maxBatchesInFlight, QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
    , m_batchLines(std::max<qsizetype>(batchLines, 1))
{
    m_shared->credits = std::max(maxBatchesInFlight, 1);
    m_shared->target = this;
}

LineReader::~LineReader()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->target = nullptr;
    m_shared->creditAvailable.wakeAll();
}

void LineReader::release()
{
    QMutexLocker lock(&m_shared->mutex);
    ++m_shared->credits;
    m_shared->creditAvailable.wakeAll();
}

void LineReader::start()
{
    if (m_started)
        return;
    m_started = true;
    std::thread([shared = m_shared, batchLines = m_batchLines] {
        // Delivers on the reader's thread unless the reader is gone; false then.
        const auto deliver = [&shared](auto call) {
            QMutexLocker lock(&shared->mutex);
            LineReader *target = shared->target;
            if (!target)
                return false;
            // Queued: runs in the reader's thread; dropped if the reader dies first.
            QMetaObject::invokeMethod(
                target, [target, call] { call(target); }, Qt::QueuedConnection);
            return true;
        };
        QList<QByteArray> batch;
        QByteArray line;
        QString error;
        char buffer[64 * 1024];
        bool eof = false;
        while (!eof) {
            const size_t n = std::fread(buffer, 1, sizeof buffer, stdin);
            if (n == 0) {
                eof = true;
                if (std::ferror(stdin))
                    error = u"read error"_s;
                if (!line.isEmpty())
                    batch.append(std::exchange(line, {}));
            }
            for (size_t i = 0; i < n; ++i) {
                if (buffer[i] != '\n') {
                    line.append(buffer[i]);
                    continue;
                }
                if (line.endsWith('\r'))
                    line.chop(1);
                batch.append(std::exchange(line, {}));
            }
            if (line.size() > kMaxLineBytes) {
                error = u"a line is longer than %1 bytes"_s.arg(kMaxLineBytes);
                eof = true;
            }
            while (batch.size() >= batchLines || (eof && !batch.isEmpty())) {
                QList<QByteArray> part = batch.mid(0, batchLines);
                batch.remove(0, part.size());
                {
                    QMutexLocker lock(&shared->mutex);
                    while (shared->target && shared->credits == 0)
                        shared->creditAvailable.wait(&shared->mutex);
                    if (!shared->target)
                        return;
                    --shared->credits;
                }
                if (!deliver([part](LineReader *target) { emit target->linesRead(part); }))
                    return;
            }
        }
        deliver([error](LineReader *target) { emit target->finished(error); });
    }).detach();
}

} // namespace wr::cli
