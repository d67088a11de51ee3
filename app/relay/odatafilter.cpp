#include "odatafilter.h"

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

// A filter arrives in a REST query string or JSON body from whoever holds an access key, so
// the parser is strict and bounded: the text is at most MaxLength characters, tokenised once,
// and parenthesised/`not` nesting is capped, so recursion depth is bounded too. `and`/`or`
// chains are flattened into n-ary nodes, which keeps evaluation and destruction of the tree
// bounded by the nesting cap rather than by the number of operators.
//
// Case: field names (userId, connectionId, groups) are matched case-insensitively, as the
// Azure service documents them ("Case insensitive", reference-odata-filter). Operators and
// keywords (eq, ne, in, and, or, not) are lower case only, like OData 4.0; `EQ` is rejected
// with a hint. Literal values are compared exactly (case-sensitive).

namespace wr {

struct ODataFilter::Node
{
    enum class Kind { UserIdEquals, ConnectionIdEquals, InGroups, Not, And, Or };

    Kind kind;
    QString literal; // the comparisons and InGroups
    std::vector<std::shared_ptr<const Node>> children; // Not: one; And/Or: two or more
};

namespace {

using NodePtr = std::shared_ptr<const ODataFilter::Node>;
using Kind = ODataFilter::Node::Kind;

constexpr qsizetype MaxLength = 4096;
constexpr int MaxNesting = 64;

struct Token
{
    enum class Type { Word, String, Number, OpenParen, CloseParen, Invalid, End };

    Type type = Type::End;
    qsizetype offset = 0;
    QStringView source; // the token as written
    QString value; // String: the unescaped literal; Invalid: the error message
};

enum class Field { None, UserId, ConnectionId, Groups };

Field fieldOf(const Token &token)
{
    if (token.type != Token::Type::Word)
        return Field::None;
    if (token.source.compare("userId"_L1, Qt::CaseInsensitive) == 0)
        return Field::UserId;
    if (token.source.compare("connectionId"_L1, Qt::CaseInsensitive) == 0)
        return Field::ConnectionId;
    if (token.source.compare("groups"_L1, Qt::CaseInsensitive) == 0)
        return Field::Groups;
    return Field::None;
}

bool isKeyword(const Token &token, QLatin1StringView keyword)
{
    return token.type == Token::Type::Word && token.source == keyword;
}

QString describeChar(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return u"'%1'"_s.arg(c);
    return u"U+%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0')).toUpper();
}

// How a token is quoted in error messages; long string literals are shortened.
QString describe(const Token &token)
{
    switch (token.type) {
    case Token::Type::End:
        return u"the end of the filter"_s;
    case Token::Type::String:
        if (token.source.size() > 40)
            return u"string literal %1…'"_s.arg(token.source.left(36));
        return u"string literal %1"_s.arg(token.source);
    default:
        return u"'%1'"_s.arg(token.source);
    }
}

QString at(const Token &token)
{
    return u"at offset %1"_s.arg(token.offset);
}

// " (operators are lower case: write 'and')" when a keyword was written in another case.
QString caseHint(const Token &token)
{
    static constexpr QLatin1StringView keywords[]
        = { "and"_L1, "or"_L1, "not"_L1, "eq"_L1, "ne"_L1, "in"_L1 };
    if (token.type != Token::Type::Word)
        return {};
    for (QLatin1StringView keyword : keywords) {
        if (token.source != keyword && token.source.compare(keyword, Qt::CaseInsensitive) == 0)
            return u" (operators are lower case: write '%1')"_s.arg(keyword);
    }
    return {};
}

// OData operators that may follow a property but are outside the supported subset.
bool isUnsupportedOperator(const Token &token)
{
    static constexpr QLatin1StringView operators[]
        = { "gt"_L1,  "ge"_L1,  "lt"_L1,  "le"_L1,  "in"_L1,    "has"_L1,
            "add"_L1, "sub"_L1, "mul"_L1, "div"_L1, "divby"_L1, "mod"_L1 };
    return token.type == Token::Type::Word
        && std::find(std::begin(operators), std::end(operators), token.source)
        != std::end(operators);
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// Tokenises the whole text; stops after the first Invalid token, and always ends with End.
std::vector<Token> tokenize(QStringView text)
{
    std::vector<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        Token token;
        token.offset = i;
        if (c == u'(' || c == u')') {
            token.type = c == u'(' ? Token::Type::OpenParen : Token::Type::CloseParen;
            token.source = text.mid(i, 1);
            ++i;
        } else if (c == u'\'') {
            // OData string literal: '' inside stands for one quote.
            qsizetype j = i + 1;
            bool closed = false;
            while (j < n) {
                if (text[j] == u'\'') {
                    if (j + 1 < n && text[j + 1] == u'\'') {
                        token.value.append(u'\'');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    ++j;
                    break;
                }
                token.value.append(text[j]);
                ++j;
            }
            if (!closed) {
                token.type = Token::Type::Invalid;
                token.source = text.mid(i, 1);
                token.value = u"unterminated string literal starting at offset %1"_s.arg(i);
                tokens.push_back(std::move(token));
                break;
            }
            token.type = Token::Type::String;
            token.source = text.mid(i, j - i);
            i = j;
        } else if (c.isDigit()) {
            qsizetype j = i + 1;
            while (j < n && (isWordChar(text[j]) || text[j] == u'.'))
                ++j;
            token.type = Token::Type::Number;
            token.source = text.mid(i, j - i);
            i = j;
        } else if (isWordChar(c)) {
            qsizetype j = i + 1;
            while (j < n && isWordChar(text[j]))
                ++j;
            token.type = Token::Type::Word;
            token.source = text.mid(i, j - i);
            i = j;
        } else {
            token.type = Token::Type::Invalid;
            token.source = text.mid(i, 1);
            token.value = u"unexpected character %1 at offset %2"_s.arg(describeChar(c),
                                                                        QString::number(i));
            tokens.push_back(std::move(token));
            break;
        }
        tokens.push_back(std::move(token));
    }
    Token end;
    end.offset = n;
    tokens.push_back(std::move(end));
    return tokens;
}

NodePtr makeNode(Kind kind, QString literal = {}, std::vector<NodePtr> children = {})
{
    return std::make_shared<const ODataFilter::Node>(
        ODataFilter::Node { kind, std::move(literal), std::move(children) });
}

// Recursive descent over
//   filter     := or END
//   or         := and ('or' and)*
//   and        := unary ('and' unary)*
//   unary      := 'not' unary | primary
//   primary    := '(' or ')' | field ('eq' | 'ne') STRING | STRING 'in' 'groups'
//   field      := 'userId' | 'connectionId'
// Every function returns nullptr after recording the first error.
class Parser
{
public:
    explicit Parser(QStringView text)
        : m_tokens(tokenize(text))
    { }

    NodePtr parseFilter()
    {
        if (peek().type == Token::Type::End)
            return fail(
                u"empty filter at offset 0: expected a condition such as userId eq 'alice'"_s);
        NodePtr root = parseOr(0);
        if (!root)
            return nullptr;
        const Token &rest = peek();
        if (rest.type == Token::Type::Invalid)
            return fail(rest.value);
        if (rest.type != Token::Type::End) {
            return fail(u"unexpected %1 %2 after a complete condition%3"_s.arg(
                describe(rest), at(rest), caseHint(rest)));
        }
        return root;
    }

    QString error() const { return m_error; }

private:
    const Token &peek(size_t ahead = 0) const
    {
        return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
    }

    const Token &take()
    {
        const Token &token = peek();
        if (m_pos < m_tokens.size() - 1)
            ++m_pos;
        return token;
    }

    NodePtr fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return nullptr;
    }

    NodePtr failNesting(const Token &token)
    {
        return fail(u"nesting deeper than %1 levels at offset %2 (%3)"_s.arg(
            QString::number(MaxNesting), QString::number(token.offset), describe(token)));
    }

    NodePtr parseOr(int depth)
    {
        std::vector<NodePtr> terms;
        for (;;) {
            NodePtr term = parseAnd(depth);
            if (!term)
                return nullptr;
            terms.push_back(std::move(term));
            if (!isKeyword(peek(), "or"_L1))
                break;
            take();
        }
        if (terms.size() == 1)
            return terms.front();
        return makeNode(Kind::Or, {}, std::move(terms));
    }

    NodePtr parseAnd(int depth)
    {
        std::vector<NodePtr> factors;
        for (;;) {
            NodePtr factor = parseUnary(depth);
            if (!factor)
                return nullptr;
            factors.push_back(std::move(factor));
            if (!isKeyword(peek(), "and"_L1))
                break;
            take();
        }
        if (factors.size() == 1)
            return factors.front();
        return makeNode(Kind::And, {}, std::move(factors));
    }

    NodePtr parseUnary(int depth)
    {
        if (!isKeyword(peek(), "not"_L1))
            return parsePrimary(depth);
        const Token &notToken = take();
        if (depth >= MaxNesting)
            return failNesting(notToken);
        NodePtr operand = parseUnary(depth + 1);
        if (!operand)
            return nullptr;
        return makeNode(Kind::Not, {}, { std::move(operand) });
    }

    NodePtr parsePrimary(int depth)
    {
        const Token &token = peek();
        switch (token.type) {
        case Token::Type::Invalid:
            return fail(token.value);
        case Token::Type::End:
            return fail(u"unexpected end of the filter %1: expected a condition"_s.arg(at(token)));
        case Token::Type::CloseParen:
            return fail(u"unexpected ')' %1: expected a condition"_s.arg(at(token)));
        case Token::Type::Number:
            return fail(u"numbers are not supported: '%1' %2"_s.arg(token.source, at(token)));
        case Token::Type::OpenParen: {
            const Token &open = take();
            if (depth >= MaxNesting)
                return failNesting(open);
            NodePtr inner = parseOr(depth + 1);
            if (!inner)
                return nullptr;
            const Token &close = peek();
            if (close.type == Token::Type::Invalid)
                return fail(close.value);
            if (close.type != Token::Type::CloseParen) {
                return fail(u"missing ')' to close '(' at offset %1: found %2 %3%4"_s.arg(
                    QString::number(open.offset), describe(close), at(close), caseHint(close)));
            }
            take();
            return inner;
        }
        case Token::Type::String:
            return parseMembership();
        case Token::Type::Word:
            break;
        }

        switch (fieldOf(token)) {
        case Field::UserId:
        case Field::ConnectionId:
            return parseComparison();
        case Field::Groups:
            return fail(
                u"'%1' %2 can only be used as '<group>' in groups"_s.arg(token.source, at(token)));
        case Field::None:
            break;
        }
        const QString lower = token.source.toString().toLower();
        if (lower == "true"_L1 || lower == "false"_L1 || lower == "null"_L1)
            return fail(u"unsupported literal '%1' %2: expected a condition"_s.arg(token.source,
                                                                                   at(token)));
        if (peek(1).type == Token::Type::OpenParen)
            return fail(u"unsupported function '%1' %2"_s.arg(token.source, at(token)));
        const QString hint = caseHint(token);
        if (!hint.isEmpty() || lower == "and"_L1 || lower == "or"_L1 || lower == "eq"_L1
            || lower == "ne"_L1 || lower == "in"_L1) {
            return fail(
                u"unexpected '%1' %2: expected a condition%3"_s.arg(token.source, at(token), hint));
        }
        return fail(u"unsupported field '%1' %2 (supported: userId, connectionId, groups)"_s.arg(
            token.source, at(token)));
    }

    // userId|connectionId eq|ne 'literal'
    NodePtr parseComparison()
    {
        const Token &field = take();
        const Kind kind
            = fieldOf(field) == Field::UserId ? Kind::UserIdEquals : Kind::ConnectionIdEquals;
        const Token &op = peek();
        if (op.type == Token::Type::Invalid)
            return fail(op.value);
        const bool eq = isKeyword(op, "eq"_L1);
        if (!eq && !isKeyword(op, "ne"_L1)) {
            if (isUnsupportedOperator(op)) {
                return fail(u"unsupported operator %1 %2: '%3' supports only eq and ne"_s.arg(
                    describe(op), at(op), field.source.toString()));
            }
            return fail(u"expected eq or ne after '%1', found %2 %3%4"_s.arg(
                field.source.toString(), describe(op), at(op), caseHint(op)));
        }
        take();
        const Token &value = peek();
        switch (value.type) {
        case Token::Type::String:
            break;
        case Token::Type::Invalid:
            return fail(value.value);
        case Token::Type::Number:
            return fail(u"numbers are not supported: '%1' %2"_s.arg(value.source, at(value)));
        case Token::Type::Word:
            return fail(u"unsupported value '%1' %2: compare with a string literal in single "
                        "quotes"_s.arg(value.source, at(value)));
        default:
            return fail(u"expected a string literal after '%1', found %2 %3"_s.arg(
                op.source.toString(), describe(value), at(value)));
        }
        take();
        NodePtr comparison = makeNode(kind, value.value);
        if (eq)
            return comparison;
        return makeNode(Kind::Not, {}, { std::move(comparison) });
    }

    // 'group' in groups
    NodePtr parseMembership()
    {
        const Token &literal = take();
        const Token &in = peek();
        if (in.type == Token::Type::Invalid)
            return fail(in.value);
        if (!isKeyword(in, "in"_L1)) {
            return fail(u"expected 'in groups' after %1, found %2 %3%4"_s.arg(
                describe(literal), describe(in), at(in), caseHint(in)));
        }
        take();
        const Token &collection = peek();
        if (collection.type == Token::Type::Invalid)
            return fail(collection.value);
        if (collection.type == Token::Type::OpenParen) {
            return fail(u"unsupported 'in' list %1: only '<group>' in groups is supported"_s.arg(
                at(collection)));
        }
        if (fieldOf(collection) != Field::Groups) {
            return fail(u"expected 'groups' after 'in', found %1 %2"_s.arg(describe(collection),
                                                                           at(collection)));
        }
        take();
        return makeNode(Kind::InGroups, literal.value);
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    QString m_error;
};

bool evaluate(const ODataFilter::Node &node, const QString &connectionId, const QString &userId,
              const std::function<bool(const QString &)> &inGroup)
{
    const auto eval
        = [&](const NodePtr &child) { return evaluate(*child, connectionId, userId, inGroup); };
    switch (node.kind) {
    case Kind::UserIdEquals:
        // Anonymous connections have no user id; `userId eq ''` must not select them.
        return !userId.isEmpty() && userId == node.literal;
    case Kind::ConnectionIdEquals:
        return connectionId == node.literal;
    case Kind::InGroups:
        return inGroup(node.literal);
    case Kind::Not:
        return !eval(node.children.front());
    case Kind::And:
        return std::all_of(node.children.cbegin(), node.children.cend(), eval);
    case Kind::Or:
        return std::any_of(node.children.cbegin(), node.children.cend(), eval);
    }
    return false;
}

} // namespace

std::optional<ODataFilter> ODataFilter::parse(const QString &text, QString *error)
{
    if (text.size() > MaxLength) {
        if (error) {
            *error = u"filter is %1 characters long, more than the %2 allowed (offset %2)"_s.arg(
                QString::number(text.size()), QString::number(MaxLength));
        }
        return std::nullopt;
    }
    Parser parser(text);
    NodePtr root = parser.parseFilter();
    if (!root) {
        if (error)
            *error = parser.error();
        return std::nullopt;
    }
    ODataFilter filter;
    filter.m_root = std::move(root);
    return filter;
}

bool ODataFilter::matchesMembership(const QString &connectionId, const QString &userId,
                                    const std::function<bool(const QString &)> &inGroup) const
{
    // A default-constructed filter has no condition and selects every connection.
    if (!m_root)
        return true;
    return evaluate(*m_root, connectionId, userId, inGroup);
}

bool ODataFilter::matches(const QString &connectionId, const QString &userId,
                          const QSet<QString> &groups) const
{
    return matchesMembership(connectionId, userId,
                             [&groups](const QString &group) { return groups.contains(group); });
}

} // namespace wr
