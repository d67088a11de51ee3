#include "annotationstore.h"

#include <QLoggingCategory>
#include <QSet>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

Q_LOGGING_CATEGORY(lcAnnotations, "watchroom.model.annotations", QtWarningMsg)

// Where a register's author came from; a greater value is preferred (see the class comment).
enum AuthorSource : int {
    NoAuthor = 0,
    AuthorFromOp = 1,
    AuthorFromSnapshot = 2,
};

// Above this many row changes at once a snapshot resets the model instead of signalling row by
// row (a late joiner's first snapshot into an empty list is always a reset).
constexpr qsizetype kResetThreshold = 256;

int sign(int value)
{
    return (value > 0) - (value < 0);
}

int compareOptional(const std::optional<qint64> &a, const std::optional<qint64> &b)
{
    if (!a || !b)
        return int(a.has_value()) - int(b.has_value());
    return (*a > *b) - (*a < *b);
}

int compareOptional(const std::optional<QString> &a, const std::optional<QString> &b)
{
    if (!a || !b)
        return int(a.has_value()) - int(b.has_value());
    return sign(QString::compare(*a, *b));
}

int compareTags(const QStringList &a, const QStringList &b)
{
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (const int c = QString::compare(a.at(i), b.at(i)))
            return sign(c);
    }
    return (a.size() > b.size()) - (a.size() < b.size());
}

// A total order on the content of two puts, only consulted when their clocks are equal.
int compareContent(const session::Annotation &a, const session::Annotation &b)
{
    if (a.t0 != b.t0)
        return a.t0 < b.t0 ? -1 : 1;
    if (const int c = compareOptional(a.t1, b.t1))
        return c;
    if (const int c = compareOptional(a.panel, b.panel))
        return c;
    if (const int c = QString::compare(a.text, b.text))
        return sign(c);
    if (const int c = compareTags(a.tags, b.tags))
        return c;
    return sign(QString::compare(a.color, b.color));
}

// Whether register value `a` beats `b`.
bool supersedes(const session::Annotation &a, const session::Annotation &b)
{
    const auto order = a.clock <=> b.clock;
    if (order != 0)
        return order > 0;
    if (a.deleted != b.deleted)
        return a.deleted;
    if (a.deleted)
        return false; // equal tombstones
    return compareContent(a, b) > 0;
}

session::Annotation tombstone(const QString &id, const session::HlcTimestamp &clock)
{
    session::Annotation t;
    t.id = id;
    t.clock = clock;
    t.deleted = true;
    return t;
}

session::Annotation normalized(const session::Annotation &entry, bool deleted)
{
    if (deleted)
        return tombstone(entry.id, entry.clock);
    session::Annotation a = entry;
    a.deleted = false;
    a.author.clear(); // authorship is tracked beside the value, never taken from an op
    return a;
}

} // namespace

bool AnnotationStore::RowKey::operator<(const RowKey &other) const
{
    if (t0 != other.t0)
        return t0 < other.t0;
    return QString::compare(id, other.id) < 0;
}

AnnotationStore::AnnotationStore(QString localUserId, std::function<qint64()> wallClock,
                                 QObject *parent)
    : QAbstractListModel(parent)
    , m_localUserId(std::move(localUserId))
    , m_clock(m_localUserId, std::move(wallClock))
{ }

void AnnotationStore::setLocalUserId(const QString &userId)
{
    m_localUserId = userId;
    m_clock.setNodeId(userId);
}

AnnotationStore::Register AnnotationStore::merged(const Register *current,
                                                  const session::Annotation &entry,
                                                  const AuthorCandidate &candidate)
{
    Register next = current ? *current : Register {};
    if (!current || supersedes(entry, current->value)) {
        const QString author = next.value.author;
        next.value = entry;
        next.value.author = author;
    }
    if (candidate.rank != NoAuthor && !candidate.author.isEmpty()) {
        bool better = candidate.rank > next.authorRank;
        if (candidate.rank == next.authorRank) {
            const auto order = candidate.clock <=> next.authorClock;
            better = order < 0
                || (order == 0 && QString::compare(candidate.author, next.value.author) < 0);
        }
        if (better) {
            next.authorRank = candidate.rank;
            next.authorClock = candidate.clock;
            next.value.author = candidate.author;
        }
    }
    return next;
}

const AnnotationStore::Register *AnnotationStore::findRegister(const QString &id) const
{
    const auto it = m_registers.constFind(id);
    return it == m_registers.constEnd() ? nullptr : &*it;
}

std::optional<session::Annotation> AnnotationStore::visibleValue(const Register *reg)
{
    if (!reg || reg->value.deleted)
        return std::nullopt;
    return reg->value;
}

bool AnnotationStore::apply(const session::AnnotationOp &op, const QString &fromUserId)
{
    const session::Annotation &a = op.annotation;
    if (a.id.isEmpty()) {
        qCDebug(lcAnnotations) << "dropping an annotation op without id from" << fromUserId;
        return false;
    }
    m_clock.observe(a.clock);
    const bool isDelete = op.kind == session::AnnotationOp::Kind::Delete;
    AuthorCandidate candidate;
    if (!isDelete)
        candidate = { AuthorFromOp, a.clock, fromUserId };
    return commit(a.id, merged(findRegister(a.id), normalized(a, isDelete), candidate));
}

void AnnotationStore::merge(const session::Snapshot &snapshot)
{
    // Merge into a scratch map first, so that the model changes either row by row or, when most
    // of it changes, with one reset.
    QHash<QString, Register> pending;
    QStringList order;
    for (const session::Annotation &entry : snapshot.annotations) {
        if (entry.id.isEmpty())
            continue;
        m_clock.observe(entry.clock);
        AuthorCandidate candidate;
        if (!entry.author.isEmpty())
            candidate = { AuthorFromSnapshot, entry.clock, entry.author };
        const Register *current = nullptr;
        if (const auto p = pending.constFind(entry.id); p != pending.constEnd()) {
            current = &*p;
        } else {
            current = findRegister(entry.id);
            order.append(entry.id);
        }
        Register next = merged(current, normalized(entry, entry.deleted), candidate);
        pending.insert(entry.id, std::move(next));
    }

    QStringList changed;
    QSet<QString> wasVisible;
    for (const QString &id : std::as_const(order)) {
        const auto before = visibleValue(findRegister(id));
        if (before != visibleValue(&*pending.constFind(id)))
            changed.append(id);
        if (before)
            wasVisible.insert(id);
    }

    if (changed.size() > kResetThreshold || (m_rows.isEmpty() && changed.size() > 1)) {
        beginResetModel();
        for (const QString &id : std::as_const(order))
            m_registers.insert(id, pending.value(id));
        rebuildRows();
        endResetModel();
        for (const QString &id : std::as_const(changed)) {
            if (visibleValue(findRegister(id)))
                emit annotationChanged(id);
            else if (wasVisible.contains(id))
                emit annotationRemoved(id);
        }
        return;
    }
    for (const QString &id : std::as_const(order))
        commit(id, pending.value(id));
}

// Stores `next` as the register of `id`, signalling exactly the row change it causes.
bool AnnotationStore::commit(const QString &id, Register next)
{
    const auto it = m_registers.find(id);
    const auto before = visibleValue(it == m_registers.end() ? nullptr : &*it);
    const auto after = visibleValue(&next);
    if (before == after) {
        m_registers.insert(id, std::move(next)); // e.g. a tombstone learning its author
        return false;
    }

    if (!before) {
        const RowKey key { after->t0, id };
        const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), key) - m_rows.begin();
        beginInsertRows(QModelIndex(), int(pos), int(pos));
        m_registers.insert(id, std::move(next));
        m_rows.insert(pos, key);
        endInsertRows();
        emit annotationChanged(id);
        return true;
    }

    const RowKey oldKey { before->t0, id };
    const auto oldIt = std::lower_bound(m_rows.begin(), m_rows.end(), oldKey);
    Q_ASSERT(oldIt != m_rows.end() && *oldIt == oldKey);
    const int from = int(oldIt - m_rows.begin());

    if (!after) {
        beginRemoveRows(QModelIndex(), from, from);
        m_registers.insert(id, std::move(next));
        m_rows.removeAt(from);
        endRemoveRows();
        emit annotationRemoved(id);
        return true;
    }

    const RowKey newKey { after->t0, id };
    int to = from;
    if (newKey != oldKey) {
        const int insertAt
            = int(std::lower_bound(m_rows.begin(), m_rows.end(), newKey) - m_rows.begin());
        to = insertAt > from ? insertAt - 1 : insertAt; // index once the row left `from`
    }
    if (to != from) {
        beginMoveRows(QModelIndex(), from, from, QModelIndex(), to > from ? to + 1 : to);
        m_registers.insert(id, std::move(next));
        m_rows.move(from, to);
        m_rows[to] = newKey;
        endMoveRows();
    } else {
        m_registers.insert(id, std::move(next));
        m_rows[from] = newKey;
    }
    const QModelIndex changedIndex = index(to);
    emit dataChanged(changedIndex, changedIndex);
    emit annotationChanged(id);
    return true;
}

void AnnotationStore::rebuildRows()
{
    m_rows.clear();
    for (auto it = m_registers.cbegin(); it != m_registers.cend(); ++it) {
        if (!it->value.deleted)
            m_rows.append({ it->value.t0, it.key() });
    }
    std::sort(m_rows.begin(), m_rows.end());
}

session::Snapshot AnnotationStore::snapshot() const
{
    session::Snapshot s;
    s.annotations.reserve(m_registers.size());
    for (const Register &reg : m_registers)
        s.annotations.append(reg.value);
    std::sort(s.annotations.begin(), s.annotations.end(),
              [](const session::Annotation &a, const session::Annotation &b) {
                  return QString::compare(a.id, b.id) < 0;
              });
    return s;
}

session::AnnotationOp AnnotationStore::put(session::Annotation a)
{
    if (a.id.isEmpty())
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.deleted = false;
    a.author.clear();
    a.clock = m_clock.tick();
    session::AnnotationOp op { session::AnnotationOp::Kind::Put, std::move(a) };
    // No observe(): the clock was just issued by our own HLC.
    const AuthorCandidate candidate { AuthorFromOp, op.annotation.clock, m_localUserId };
    commit(op.annotation.id,
           merged(findRegister(op.annotation.id), normalized(op.annotation, false), candidate));
    if (findRegister(op.annotation.id)->value.clock != op.annotation.clock) {
        // Only possible against a clock our HLC refused to follow (see HybridLogicalClock).
        qCWarning(lcAnnotations) << "local edit of" << op.annotation.id
                                 << "lost to a clock from the future";
    }
    return op;
}

session::AnnotationOp AnnotationStore::remove(const QString &id)
{
    session::AnnotationOp op { session::AnnotationOp::Kind::Delete, tombstone(id, m_clock.tick()) };
    commit(id, merged(findRegister(id), op.annotation, {}));
    return op;
}

std::optional<session::Annotation> AnnotationStore::annotation(const QString &id) const
{
    return visibleValue(findRegister(id));
}

std::optional<session::Annotation> AnnotationStore::entry(const QString &id) const
{
    const Register *reg = findRegister(id);
    return reg ? std::optional(reg->value) : std::nullopt;
}

QList<session::Annotation> AnnotationStore::visible() const
{
    QList<session::Annotation> result;
    result.reserve(m_rows.size());
    for (const RowKey &key : m_rows)
        result.append(m_registers.value(key.id).value);
    return result;
}

QStringList AnnotationStore::allTags() const
{
    QSet<QString> seen;
    QStringList tags;
    for (const RowKey &key : m_rows) {
        for (const QString &tag : m_registers.value(key.id).value.tags) {
            if (!seen.contains(tag)) {
                seen.insert(tag);
                tags.append(tag);
            }
        }
    }
    std::sort(tags.begin(), tags.end(), [](const QString &a, const QString &b) {
        const int c = QString::compare(a, b, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : QString::compare(a, b) < 0;
    });
    return tags;
}

int AnnotationStore::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AnnotationStore::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto it = m_registers.constFind(m_rows.at(index.row()).id);
    if (it == m_registers.constEnd())
        return {};
    const session::Annotation &a = it->value;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return a.text;
    case IdRole:
        return a.id;
    case PanelRole:
        return a.panel ? QVariant(*a.panel) : QVariant();
    case T0Role:
        return QVariant::fromValue(a.t0);
    case T1Role:
        return a.t1 ? QVariant::fromValue(*a.t1) : QVariant();
    case TagsRole:
        return a.tags;
    case ColorRole:
        return a.color;
    case AuthorRole:
        return a.author;
    case ClockRole:
        return a.clock.toString();
    case IsRegionRole:
        return a.t1.has_value();
    default:
        return {};
    }
}

QHash<int, QByteArray> AnnotationStore::roleNames() const
{
    return {
        { Qt::DisplayRole, "display"_ba },
        { IdRole, "id"_ba },
        { PanelRole, "panel"_ba },
        { T0Role, "t0"_ba },
        { T1Role, "t1"_ba },
        { TextRole, "text"_ba },
        { TagsRole, "tags"_ba },
        { ColorRole, "color"_ba },
        { AuthorRole, "author"_ba },
        { ClockRole, "clock"_ba },
        { IsRegionRole, "isRegion"_ba },
    };
}

} // namespace wr
