#pragma once

#include "hlc.h"
#include "sessionmessages.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace wr {

// The board's annotations: one last-writer-wins register per annotation id, ordered by the ops'
// hybrid logical clocks (PROTOCOL.md, "Annotations"). A delete is a tombstone that wins like any
// op; a later put revives. Merging is commutative, associative and idempotent, so every replica
// that has seen the same ops and snapshots, in any order and with any duplicates, holds the same
// snapshot().
//
// Ordering of two register values: the greater clock wins; on an equal clock (only a buggy or
// hostile writer reuses one) a delete beats a put, and two puts are ordered by their content, so
// even then every replica picks the same winner.
//
// A tombstone keeps only id, clock and author (deleted = true, every other field empty): what a
// register held before the delete depends on delivery order, so keeping it would diverge.
//
// Author: the hub-stamped fromUserId of the op that created the annotation. The creating put is
// the one with the smallest clock (anyone else's edit happens after they saw it, so its HLC is
// greater), which makes the author independent of delivery order. A snapshot carries the author
// but not the creating op's clock, so an author taken from a snapshot is preferred to one
// inferred from ops: the snapshot's holder saw the creation, we may only have seen later edits.
// Among several snapshot authors the one on the smallest entry clock wins (any deterministic
// choice keeps replicas convergent).
//
// Model: one row per visible (non-deleted) annotation, sorted by t0 then id.
class AnnotationStore : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        PanelRole, // QString, or a null QVariant for "every panel"
        T0Role, // qint64 epoch ms
        T1Role, // qint64 epoch ms, or a null QVariant for a point annotation
        TextRole,
        TagsRole, // QStringList
        ColorRole, // "#rrggbb"
        AuthorRole,
        ClockRole, // HlcTimestamp::toString()
        IsRegionRole, // bool: t1 is set
    };
    Q_ENUM(Roles)

    // localUserId is the HLC node id and the author of local edits. An empty wallClock uses the
    // system clock.
    explicit AnnotationStore(QString localUserId, std::function<qint64()> wallClock = {},
                             QObject *parent = nullptr);

    QString localUserId() const { return m_localUserId; }
    void setLocalUserId(const QString &userId);

    // A received op. Observes its clock; returns whether annotation(id) changed (false for a
    // stale or duplicate op, or a delete of something not visible). fromUserId is the
    // hub-stamped sender; a put's sender may become the annotation's author.
    bool apply(const session::AnnotationOp &op, const QString &fromUserId);
    // A received snapshot (tombstones included), merged entry by entry like ops.
    void merge(const session::Snapshot &snapshot);
    // Every register, tombstones included, sorted by id: what a late joiner needs.
    session::Snapshot snapshot() const;

    // Local edits: stamp a fresh clock, apply locally, return the op to send. put() assigns a new
    // id (a QUuid without braces) when a.id is empty; a.author and a.deleted are ignored.
    session::AnnotationOp put(session::Annotation a);
    session::AnnotationOp remove(const QString &id);

    // A visible annotation; nullopt when unknown or deleted.
    std::optional<session::Annotation> annotation(const QString &id) const;
    // The register of id, tombstones included (deleted = true); nullopt when unknown. What a
    // persistence layer stores.
    std::optional<session::Annotation> entry(const QString &id) const;
    // Visible annotations in row order (t0, then id).
    QList<session::Annotation> visible() const;
    // Tags of visible annotations, unique and sorted case-insensitively: the tag filter's choices.
    QStringList allTags() const;

    const HybridLogicalClock &clock() const { return m_clock; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // Added, edited or revived (as seen through annotation(id)).
    void annotationChanged(const QString &id);
    // Deleted (it was visible before).
    void annotationRemoved(const QString &id);

private:
    struct Register
    {
        session::Annotation value; // value.author is the current author
        int authorRank = 0; // see AuthorSource in the .cpp
        session::HlcTimestamp authorClock;
    };
    struct AuthorCandidate
    {
        int rank = 0;
        session::HlcTimestamp clock;
        QString author;
    };
    struct RowKey
    {
        qint64 t0 = 0;
        QString id;
        bool operator<(const RowKey &other) const;
        bool operator==(const RowKey &) const = default;
    };

    static Register merged(const Register *current, const session::Annotation &entry,
                           const AuthorCandidate &candidate);
    static std::optional<session::Annotation> visibleValue(const Register *reg);
    const Register *findRegister(const QString &id) const;
    bool commit(const QString &id, Register next);
    void updateRows(const std::optional<session::Annotation> &before,
                    const std::optional<session::Annotation> &after);
    void rebuildRows();

    QString m_localUserId;
    HybridLogicalClock m_clock;
    QHash<QString, Register> m_registers;
    QList<RowKey> m_rows;
};

} // namespace wr
