#include "reducedwindow.h"

#include "metricstore.h"

#include <algorithm>
#include <vector>

namespace wr {

ReducedWindow::ReducedWindow(const MetricStore *store, const QString &seriesId)
    : m_store(store)
    , m_id(seriesId)
{ }

void ReducedWindow::setRange(qint64 from, qint64 to, int columns)
{
    m_grid = ReductionGrid::make(from, to, columns);
}

bool ReducedWindow::update()
{
    if (!m_buffer && m_store)
        m_buffer = m_store->buffer(m_id); // series are never removed: the pointer stays valid
    if (!m_buffer || m_grid.isEmpty()) {
        const bool hadPoints = !m_items.empty() || m_before || m_after;
        clear();
        return hadPoints;
    }
    const TimeSeriesBuffer &buffer = *m_buffer;
    if (!m_built) {
        rebuild(buffer);
        return true;
    }
    const bool moved = !(m_grid == m_builtGrid);
    if (!moved && buffer.revision() == m_seenRevision)
        return false;
    if (moved) {
        // Only a forward slide at the same column width is incremental.
        if (m_grid.width != m_builtGrid.width || m_grid.firstBucket < m_builtGrid.firstBucket
            || m_grid.lastBucket < m_builtGrid.lastBucket
            || m_grid.firstBucket > m_builtGrid.lastBucket) {
            rebuild(buffer);
            return true;
        }
        dropColumnsBefore(m_grid.firstBucket);
        m_builtGrid = m_grid;
    }

    const TimeSeriesBuffer::EditsSince edits = buffer.earliestEditSince(m_seenEditSerial);
    if (!edits.known) {
        rebuild(buffer);
        return true;
    }
    // Late points at or before what is folded dirty their column and everything after it. (An
    // edit before the grid may hide later ones in the same batch: refold the whole grid.)
    std::optional<qint64> dirty;
    if (edits.earliest && *edits.earliest <= m_foldedUpTo)
        dirty = std::max(m_builtGrid.bucketOf(*edits.earliest), m_builtGrid.firstBucket);

    if (buffer.evictedTotal() != m_seenEvicted) {
        if (buffer.isEmpty()) {
            m_items.clear();
        } else {
            const qint64 front = m_builtGrid.bucketOf(buffer.timeAt(0));
            dropColumnsBefore(front);
            if (!m_items.empty() && m_items.front().bucket == front && !(dirty && *dirty <= front))
                refoldFrontColumn(buffer);
        }
    }

    qsizetype begin = 0;
    if (dirty) {
        while (!m_items.empty() && m_items.back().bucket >= *dirty)
            m_items.pop_back();
        begin = buffer.lowerBound(*dirty * m_builtGrid.width);
    } else {
        begin = buffer.lowerBound(std::max(m_foldedUpTo + 1, m_builtGrid.start()));
    }
    const qsizetype end = buffer.lowerBound(m_builtGrid.end());
    detail::foldRange(buffer, begin, end, m_builtGrid.width, m_items);
    finish(buffer);
    return true;
}

QList<Sample> ReducedWindow::points() const
{
    QList<Sample> out;
    detail::materialise(m_before, m_items, m_after, out);
    return out;
}

void ReducedWindow::clear()
{
    m_items.clear();
    m_before.reset();
    m_after.reset();
    m_built = false;
}

void ReducedWindow::rebuild(const TimeSeriesBuffer &buffer)
{
    m_items.clear();
    m_builtGrid = m_grid;
    const qsizetype begin = buffer.lowerBound(m_builtGrid.start());
    const qsizetype end = buffer.lowerBound(m_builtGrid.end());
    detail::foldRange(buffer, begin, end, m_builtGrid.width, m_items);
    m_built = true;
    ++m_rebuilds;
    finish(buffer);
}

// The oldest points of the first column were evicted: fold again what is left of it, up to
// where folding had got.
void ReducedWindow::refoldFrontColumn(const TimeSeriesBuffer &buffer)
{
    const qint64 bucket = m_items.front().bucket;
    while (!m_items.empty() && m_items.front().bucket == bucket)
        m_items.pop_front();
    const qint64 width = m_builtGrid.width;
    const qsizetype begin = buffer.lowerBound(bucket * width);
    const qsizetype end = buffer.lowerBound(std::min((bucket + 1) * width, m_foldedUpTo + 1));
    std::vector<detail::ColumnItem> column;
    detail::foldRange(buffer, begin, end, width, column);
    for (auto it = column.crbegin(); it != column.crend(); ++it)
        m_items.push_front(*it);
}

void ReducedWindow::dropColumnsBefore(qint64 bucket)
{
    while (!m_items.empty() && m_items.front().bucket < bucket)
        m_items.pop_front();
}

void ReducedWindow::finish(const TimeSeriesBuffer &buffer)
{
    const qsizetype begin = buffer.lowerBound(m_builtGrid.start());
    const qsizetype end = buffer.lowerBound(m_builtGrid.end());
    m_before = begin > 0 ? std::optional<Sample>(buffer.at(begin - 1)) : std::nullopt;
    m_after = end < buffer.size() ? std::optional<Sample>(buffer.at(end)) : std::nullopt;
    m_foldedUpTo = buffer.isEmpty()
        ? m_builtGrid.start() - 1
        : std::min(m_builtGrid.end() - 1, buffer.timeAt(buffer.size() - 1));
    m_seenRevision = buffer.revision();
    m_seenEditSerial = buffer.editSerial();
    m_seenEvicted = buffer.evictedTotal();
}

} // namespace wr
