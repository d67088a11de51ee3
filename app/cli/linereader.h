#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace wr::cli {

// Reads standard input line by line on a helper thread and hands batches of lines to the
// thread of this object, so a blocking read never stalls the event loop (portable: no
// platform notifier on stdin). At most `maxBatchesInFlight` batches are handed out before
// release() returns a credit: the consumer's pace limits the reading (backpressure).
// Destroying the reader abandons the thread (it may be blocked in a read that only the end of
// the process ends); nothing is delivered afterwards.
class LineReader : public QObject
{
    Q_OBJECT

public:
    LineReader(qsizetype batchLines, int maxBatchesInFlight, QObject *parent = nullptr);
    ~LineReader() override;

    void start();
    void release(); // one batch handled

    // Lines longer than this end the input with an error.
    static constexpr qsizetype kMaxLineBytes = 2 * 1024 * 1024;

Q_SIGNALS:
    void linesRead(const QList<QByteArray> &lines); // without line terminators
    void finished(const QString &error); // end of input; error empty unless it failed

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    qsizetype m_batchLines;
    bool m_started = false;
};

} // namespace wr::cli
