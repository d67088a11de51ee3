#pragma once

#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace wr {

// The subset of the OData `filter` the Web PubSub REST API accepts (reference §8.2):
//   userId eq 'alice', userId ne 'bob', connectionId eq '…', connectionId ne '…',
//   '<group>' in groups, not(...), parentheses, combined with `and` / `or`.
// Anything else is rejected with a message that names the unsupported part.
class ODataFilter
{
public:
    static std::optional<ODataFilter> parse(const QString &text, QString *error = nullptr);

    // userId is empty for anonymous connections (never equal to any literal).
    // The same, with `inGroup` answering whether the connection is in a group.
    bool matchesMembership(const QString &connectionId, const QString &userId,
                           const std::function<bool(const QString &)> &inGroup) const;
    bool matches(const QString &connectionId, const QString &userId,
                 const QSet<QString> &groups) const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace wr
