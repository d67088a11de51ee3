#include "odatafilter.h"

#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using wr::ODataFilter;

namespace {

struct Connection
{
    QString connectionId;
    QString userId;
    QSet<QString> groups;
};

// A few connections that differ in every field the filter can see, including an anonymous one.
const QList<Connection> &sampleConnections()
{
    static const QList<Connection> connections = {
        { u"c1"_s, u"alice"_s, { u"g1"_s, u"g2"_s } },
        { u"c2"_s, u"bob"_s, { u"g2"_s } },
        { u"c3"_s, QString(), {} },
        { u"c4"_s, u"o'brien"_s, { u"it's"_s, u"g1"_s } },
    };
    return connections;
}

// A generated filter and what it must evaluate to, computed without the parser.
struct Generated
{
    QString text;
    std::function<bool(const Connection &)> expected;
};

class FilterGenerator
{
public:
    explicit FilterGenerator(quint32 seed)
        : m_random(seed)
    { }

    Generated generate(int depth)
    {
        const int choice = depth <= 0 ? int(m_random.bounded(3)) : int(m_random.bounded(7));
        switch (choice) {
        case 0: {
            const QString user = pick({ u"alice"_s, u"bob"_s, u"o'brien"_s, QString() });
            const bool eq = m_random.bounded(2) == 0;
            const QString field = pick({ u"userId"_s, u"userid"_s, u"USERID"_s });
            return { u"%1 %2 %3"_s.arg(field, eq ? u"eq"_s : u"ne"_s, quoted(user)),
                     [user, eq](const Connection &c) {
                         const bool equal = !c.userId.isEmpty() && c.userId == user;
                         return eq ? equal : !equal;
                     } };
        }
        case 1: {
            const QString id = pick({ u"c1"_s, u"c2"_s, u"c3"_s, u"c9"_s });
            const bool eq = m_random.bounded(2) == 0;
            return { u"connectionId %1 %2"_s.arg(eq ? u"eq"_s : u"ne"_s, quoted(id)),
                     [id, eq](const Connection &c) { return (c.connectionId == id) == eq; } };
        }
        case 2: {
            const QString group = pick({ u"g1"_s, u"g2"_s, u"it's"_s, u"nope"_s });
            return { u"%1 in groups"_s.arg(quoted(group)),
                     [group](const Connection &c) { return c.groups.contains(group); } };
        }
        case 3: {
            Generated inner = generate(depth - 1);
            const QString text = m_random.bounded(2) ? u"not (%1)"_s.arg(inner.text)
                                                     : u"not(%1)"_s.arg(inner.text);
            return { text, [f = inner.expected](const Connection &c) { return !f(c); } };
        }
        case 4:
        case 5: {
            Generated left = generate(depth - 1);
            Generated right = generate(depth - 1);
            const bool isAnd = choice == 4;
            return { u"(%1) %2 (%3)"_s.arg(left.text, isAnd ? u"and"_s : u"or"_s, right.text),
                     [l = left.expected, r = right.expected, isAnd](const Connection &c) {
                         return isAnd ? (l(c) && r(c)) : (l(c) || r(c));
                     } };
        }
        default: {
            Generated inner = generate(depth - 1);
            return { u"( %1 )"_s.arg(inner.text), inner.expected };
        }
        }
    }

private:
    QString pick(const QStringList &options)
    {
        return options.at(int(m_random.bounded(quint32(options.size()))));
    }

    static QString quoted(QString value)
    {
        return u"'"_s + value.replace(u"'"_s, u"''"_s) + u"'"_s;
    }

    QRandomGenerator m_random;
};

} // namespace

class TestODataFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void rejects_data();
    void rejects();
    void errorIsOptional();
    void lengthLimit();
    void nestingLimit_data();
    void nestingLimit();
    void hostileInputIsRejected_data();
    void hostileInputIsRejected();
    void generatedFiltersMatchReference();
    void fuzzTokenSoup();
    void fuzzRandomCharacters();
    void defaultFilterMatchesEverything();
};

void TestODataFilter::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("connectionId");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<bool>("expected");

    const QString c1 = u"c1"_s;
    const QString alice = u"alice"_s;
    const QStringList g12 = { u"g1"_s, u"g2"_s };

    // Comparisons on userId, including anonymous connections (empty userId).
    QTest::addRow("userId eq: same user") << u"userId eq 'alice'"_s << c1 << alice << g12 << true;
    QTest::addRow("userId eq: other user") << u"userId eq 'bob'"_s << c1 << alice << g12 << false;
    QTest::addRow("userId eq: values are case-sensitive")
        << u"userId eq 'Alice'"_s << c1 << alice << g12 << false;
    QTest::addRow("userId ne: other user") << u"userId ne 'bob'"_s << c1 << alice << g12 << true;
    QTest::addRow("userId ne: same user") << u"userId ne 'alice'"_s << c1 << alice << g12 << false;
    QTest::addRow("anonymous: eq bob") << u"userId eq 'bob'"_s << c1 << QString() << g12 << false;
    QTest::addRow("anonymous: ne bob") << u"userId ne 'bob'"_s << c1 << QString() << g12 << true;
    QTest::addRow("anonymous: eq empty literal never matches")
        << u"userId eq ''"_s << c1 << QString() << g12 << false;
    QTest::addRow("anonymous: ne empty literal")
        << u"userId ne ''"_s << c1 << QString() << g12 << true;
    QTest::addRow("named user: eq empty literal")
        << u"userId eq ''"_s << c1 << alice << g12 << false;

    // Comparisons on connectionId.
    QTest::addRow("connectionId eq: same")
        << u"connectionId eq 'c1'"_s << c1 << alice << g12 << true;
    QTest::addRow("connectionId eq: other")
        << u"connectionId eq 'c2'"_s << c1 << alice << g12 << false;
    QTest::addRow("connectionId ne: other")
        << u"connectionId ne 'c2'"_s << c1 << alice << g12 << true;
    QTest::addRow("connectionId ne: same")
        << u"connectionId ne 'c1'"_s << c1 << alice << g12 << false;
    QTest::addRow("connectionId with slash")
        << u"connectionId eq 'conn/1'"_s << u"conn/1"_s << alice << g12 << true;

    // Group membership.
    QTest::addRow("in groups: member") << u"'g1' in groups"_s << c1 << alice << g12 << true;
    QTest::addRow("in groups: not a member") << u"'g3' in groups"_s << c1 << alice << g12 << false;
    QTest::addRow("in groups: no groups at all")
        << u"'g1' in groups"_s << c1 << alice << QStringList() << false;
    QTest::addRow("in groups: group names are case-sensitive")
        << u"'G1' in groups"_s << c1 << alice << g12 << false;
    QTest::addRow("in groups: name with spaces and slash")
        << u"'room/a b' in groups"_s << c1 << alice << QStringList { u"room/a b"_s } << true;

    // String literals.
    QTest::addRow("escaped quote: o'brien")
        << u"userId eq 'o''brien'"_s << c1 << u"o'brien"_s << g12 << true;
    QTest::addRow("escaped quote: does not match unescaped text")
        << u"userId eq 'o''brien'"_s << c1 << u"o''brien"_s << g12 << false;
    QTest::addRow("escaped quote: a single quote")
        << u"userId eq ''''"_s << c1 << u"'"_s << g12 << true;
    QTest::addRow("escaped quote: in a group name")
        << u"'it''s' in groups"_s << c1 << alice << QStringList { u"it's"_s } << true;
    QTest::addRow("keywords inside a literal")
        << u"userId eq 'a and b or not c'"_s << c1 << u"a and b or not c"_s << g12 << true;
    QTest::addRow("parentheses inside a literal")
        << u"userId eq '(x)'"_s << c1 << u"(x)"_s << g12 << true;
    QTest::addRow("non-ASCII literal") << u"userId eq 'zoë'"_s << c1 << u"zoë"_s << g12 << true;

    // not.
    QTest::addRow("not: prefix form") << u"not userId eq 'alice'"_s << c1 << alice << g12 << false;
    QTest::addRow("not: function form, member")
        << u"not('g1' in groups)"_s << c1 << alice << g12 << false;
    QTest::addRow("not: function form, non-member")
        << u"not('g3' in groups)"_s << c1 << alice << g12 << true;
    QTest::addRow("not: double negation")
        << u"not not userId eq 'alice'"_s << c1 << alice << g12 << true;

    // Precedence: each row gives a different answer under the wrong grouping.
    QTest::addRow("precedence: and before or, and first")
        << u"userId eq 'bob' and 'g1' in groups or connectionId eq 'c1'"_s << c1 << alice << g12
        << true;
    QTest::addRow("precedence: and before or, or first")
        << u"connectionId eq 'c1' or userId eq 'bob' and 'g9' in groups"_s << c1 << alice << g12
        << true;
    QTest::addRow("precedence: parentheses override")
        << u"(connectionId eq 'c1' or userId eq 'bob') and 'g9' in groups"_s << c1 << alice << g12
        << false;
    QTest::addRow("precedence: not binds tighter than and")
        << u"not userId eq 'bob' and 'g9' in groups"_s << c1 << alice << g12 << false;
    QTest::addRow("precedence: not binds tighter than or")
        << u"not connectionId eq 'c1' or 'g1' in groups"_s << c1 << alice << g12 << true;
    QTest::addRow("precedence: not applies to the parenthesised group")
        << u"not (connectionId eq 'c1' or 'g1' in groups)"_s << c1 << alice << g12 << false;

    // Chains.
    QTest::addRow("and chain: all true")
        << u"userId eq 'alice' and connectionId eq 'c1' and 'g2' in groups"_s << c1 << alice << g12
        << true;
    QTest::addRow("and chain: last false")
        << u"userId eq 'alice' and connectionId eq 'c1' and 'g3' in groups"_s << c1 << alice << g12
        << false;
    QTest::addRow("or chain: all false")
        << u"userId eq 'x' or connectionId eq 'y' or 'z' in groups"_s << c1 << alice << g12
        << false;
    QTest::addRow("or chain: last true")
        << u"userId eq 'x' or connectionId eq 'y' or 'g2' in groups"_s << c1 << alice << g12
        << true;
    QTest::addRow("nested parentheses") << u"((('g1' in groups)))"_s << c1 << alice << g12 << true;

    // Layout and case.
    QTest::addRow("whitespace: tabs and newlines")
        << u"\tuserId\neq\r\n'alice'  "_s << c1 << alice << g12 << true;
    QTest::addRow("whitespace: none around parentheses")
        << u"not(userId eq 'alice')or('g1' in groups)"_s << c1 << alice << g12 << true;
    QTest::addRow("field names are case-insensitive: userid")
        << u"userid eq 'alice'"_s << c1 << alice << g12 << true;
    QTest::addRow("field names are case-insensitive: ConnectionID")
        << u"ConnectionID eq 'c1'"_s << c1 << alice << g12 << true;
    QTest::addRow("field names are case-insensitive: GROUPS")
        << u"'g2' in GROUPS"_s << c1 << alice << g12 << true;
}

void TestODataFilter::matches()
{
    QFETCH(QString, filter);
    QFETCH(QString, connectionId);
    QFETCH(QString, userId);
    QFETCH(QStringList, groups);
    QFETCH(bool, expected);

    QString error;
    const auto parsed = ODataFilter::parse(filter, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(connectionId, userId, QSet<QString>(groups.cbegin(), groups.cend())),
             expected);
}

void TestODataFilter::rejects_data()
{
    QTest::addColumn<QString>("filter");
    // Every fragment must appear in the message: the offending part and where it is.
    QTest::addColumn<QStringList>("fragments");

    QTest::addRow("empty") << QString() << QStringList { u"empty"_s };
    QTest::addRow("whitespace only") << u"  \t "_s << QStringList { u"empty"_s };
    QTest::addRow("unknown field")
        << u"name eq 'x'"_s << QStringList { u"unsupported field"_s, u"'name'"_s, u"offset 0"_s };
    QTest::addRow("operator gt") << u"userId gt 'x'"_s << QStringList { u"'gt'"_s, u"offset 7"_s };
    QTest::addRow("operator le") << u"connectionId le 'x'"_s
                                 << QStringList { u"'le'"_s, u"offset 13"_s };
    QTest::addRow("operator in on userId")
        << u"userId in ('a', 'b')"_s << QStringList { u"'in'"_s, u"offset 7"_s };
    QTest::addRow("upper-case EQ")
        << u"userId EQ 'x'"_s << QStringList { u"'EQ'"_s, u"offset 7"_s, u"'eq'"_s };
    QTest::addRow("upper-case AND") << u"userId eq 'a' AND userId eq 'b'"_s
                                    << QStringList { u"'AND'"_s, u"offset 14"_s, u"'and'"_s };
    QTest::addRow("upper-case NOT")
        << u"NOT userId eq 'a'"_s << QStringList { u"'NOT'"_s, u"offset 0"_s, u"'not'"_s };
    QTest::addRow("function call") << u"contains(userId, 'a')"_s
                                   << QStringList { u"function"_s, u"'contains'"_s, u"offset 0"_s };
    QTest::addRow("function call after not")
        << u"not endswith(userId, 'milk')"_s
        << QStringList { u"function"_s, u"'endswith'"_s, u"offset 4"_s };
    QTest::addRow("number value") << u"userId eq 42"_s << QStringList { u"'42'"_s, u"offset 10"_s };
    QTest::addRow("number as condition")
        << u"1.5e3"_s << QStringList { u"'1.5e3'"_s, u"offset 0"_s };
    QTest::addRow("null value") << u"userId eq null"_s
                                << QStringList { u"'null'"_s, u"offset 10"_s };
    QTest::addRow("field compared with field")
        << u"userId eq connectionId"_s << QStringList { u"'connectionId'"_s, u"offset 10"_s };
    QTest::addRow("boolean literal") << u"true"_s << QStringList { u"'true'"_s, u"offset 0"_s };
    QTest::addRow("unterminated string")
        << u"userId eq 'abc"_s << QStringList { u"unterminated"_s, u"offset 10"_s };
    QTest::addRow("unterminated string ending in escaped quote")
        << u"userId eq 'abc''"_s << QStringList { u"unterminated"_s, u"offset 10"_s };
    QTest::addRow("lone quote") << u"'"_s << QStringList { u"unterminated"_s, u"offset 0"_s };
    QTest::addRow("trailing field")
        << u"userId eq 'a' userId"_s << QStringList { u"'userId'"_s, u"offset 14"_s };
    QTest::addRow("trailing close paren")
        << u"userId eq 'a')"_s << QStringList { u"')'"_s, u"offset 13"_s };
    QTest::addRow("missing close paren")
        << u"(userId eq 'a'"_s << QStringList { u"')'"_s, u"offset 0"_s, u"offset 14"_s };
    QTest::addRow("empty parentheses") << u"()"_s << QStringList { u"')'"_s, u"offset 1"_s };
    QTest::addRow("dangling and") << u"userId eq 'a' and"_s
                                  << QStringList { u"end of the filter"_s, u"offset 17"_s };
    QTest::addRow("leading or") << u"or userId eq 'a'"_s
                                << QStringList { u"'or'"_s, u"offset 0"_s };
    QTest::addRow("not alone") << u"not"_s << QStringList { u"end of the filter"_s, u"offset 3"_s };
    QTest::addRow("missing value")
        << u"userId eq"_s << QStringList { u"end of the filter"_s, u"offset 9"_s };
    QTest::addRow("missing operator")
        << u"userId 'a'"_s << QStringList { u"'a'"_s, u"offset 7"_s, u"eq or ne"_s };
    QTest::addRow("in list") << u"'a' in ('a', 'b')"_s << QStringList { u"'in'"_s, u"offset 7"_s };
    QTest::addRow("in a non-collection")
        << u"'a' in userId"_s << QStringList { u"'userId'"_s, u"offset 7"_s };
    QTest::addRow("literal on the left of eq")
        << u"'a' eq userId"_s << QStringList { u"'eq'"_s, u"offset 4"_s };
    QTest::addRow("groups on the left")
        << u"groups eq 'a'"_s << QStringList { u"'groups'"_s, u"offset 0"_s };
    QTest::addRow("lambda over groups")
        << u"groups/any(g: g eq 'a')"_s << QStringList { u"'groups'"_s, u"offset 0"_s };
    QTest::addRow("C-style operator")
        << u"userId eq 'a' && userId eq 'b'"_s << QStringList { u"'&'"_s, u"offset 14"_s };
    QTest::addRow("double-quoted string")
        << u"userId eq \"a\""_s << QStringList { u"'\"'"_s, u"offset 10"_s };
    QTest::addRow("$filter= prefix")
        << u"$filter=userId eq 'a'"_s << QStringList { u"'$'"_s, u"offset 0"_s };
    QTest::addRow("control character")
        << u"userId eq 'a'\u0001"_s << QStringList { u"U+0001"_s, u"offset 13"_s };
    QTest::addRow("error inside parentheses")
        << u"('g1' in groups and (userId gt 'b'))"_s << QStringList { u"'gt'"_s, u"offset 28"_s };
    QTest::addRow("first error wins")
        << u"userId gt 'a' and $"_s << QStringList { u"'gt'"_s, u"offset 7"_s };
}

void TestODataFilter::rejects()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, fragments);

    QString error;
    const auto parsed = ODataFilter::parse(filter, &error);
    QVERIFY2(!parsed, qPrintable(u"accepted: "_s + filter));
    for (const QString &fragment : std::as_const(fragments))
        QVERIFY2(error.contains(fragment), qPrintable(u"'%1' not in: %2"_s.arg(fragment, error)));
}

void TestODataFilter::errorIsOptional()
{
    QVERIFY(!ODataFilter::parse(u"userId gt 'a'"_s));
    QVERIFY(ODataFilter::parse(u"userId eq 'a'"_s));
}

void TestODataFilter::lengthLimit()
{
    const QString prefix = u"userId eq '"_s;
    const QString padding(4096 - prefix.size() - 1, u'x');
    const QString atLimit = prefix + padding + u"'"_s;
    QCOMPARE(atLimit.size(), 4096);
    const auto parsed = ODataFilter::parse(atLimit);
    QVERIFY(parsed);
    QVERIFY(parsed->matches(u"c1"_s, padding, {}));

    const QString overLimit = prefix + padding + u"x'"_s;
    QString error;
    QVERIFY(!ODataFilter::parse(overLimit, &error));
    QVERIFY2(error.contains(u"4097"_s) && error.contains(u"4096"_s), qPrintable(error));
}

void TestODataFilter::nestingLimit_data()
{
    QTest::addColumn<QString>("opening"); // repeated `levels` times before the condition
    QTest::addColumn<QString>("closing"); // repeated `levels` times after it
    QTest::addColumn<int>("levels");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("64 parentheses") << u"("_s << u")"_s << 64 << true;
    QTest::addRow("65 parentheses") << u"("_s << u")"_s << 65 << false;
    QTest::addRow("64 nots") << u"not "_s << QString() << 64 << true;
    QTest::addRow("65 nots") << u"not "_s << QString() << 65 << false;
    QTest::addRow("32 not( pairs") << u"not ("_s << u")"_s << 32 << true;
    QTest::addRow("33 not( pairs") << u"not ("_s << u")"_s << 33 << false;
}

void TestODataFilter::nestingLimit()
{
    QFETCH(QString, opening);
    QFETCH(QString, closing);
    QFETCH(int, levels);
    QFETCH(bool, accepted);

    const QString filter
        = opening.repeated(levels) + u"'g1' in groups"_s + closing.repeated(levels);
    QString error;
    const auto parsed = ODataFilter::parse(filter, &error);
    QCOMPARE(bool(parsed), accepted);
    if (accepted) {
        // An even number of nots (or none) leaves the condition as it is.
        const int nots = opening.contains(u"not"_s) ? levels : 0;
        QCOMPARE(parsed->matches(u"c1"_s, u"alice"_s, { u"g1"_s }), nots % 2 == 0);
    } else {
        QVERIFY2(error.contains(u"nesting"_s) && error.contains(u"64"_s), qPrintable(error));
        QVERIFY2(error.contains(u"offset "_s), qPrintable(error));
    }
}

void TestODataFilter::hostileInputIsRejected_data()
{
    QTest::addColumn<QString>("filter");

    QTest::addRow("4096 open parentheses") << QString(4096, u'(');
    QTest::addRow("100000 open parentheses") << QString(100000, u'(');
    QTest::addRow("4000 nots") << u"not "_s.repeated(1000);
    QTest::addRow("4095 quotes") << QString(4095, u'\'');
    QTest::addRow("2000 ands") << u"and "_s.repeated(1000);
    QTest::addRow("lone surrogate") << QString(QChar(0xD800));
    QTest::addRow("NUL") << QString(QChar(0));
}

void TestODataFilter::hostileInputIsRejected()
{
    QFETCH(QString, filter);
    QString error;
    QVERIFY(!ODataFilter::parse(filter, &error));
    QVERIFY(!error.isEmpty());
}

// Random well-formed filters, checked against an evaluator that does not use the parser.
void TestODataFilter::generatedFiltersMatchReference()
{
    FilterGenerator generator(20240611);
    for (int i = 0; i < 2000; ++i) {
        const Generated generated = generator.generate(4);
        QString error;
        const auto parsed = ODataFilter::parse(generated.text, &error);
        QVERIFY2(parsed, qPrintable(generated.text + u" → "_s + error));
        for (const Connection &c : sampleConnections()) {
            if (parsed->matches(c.connectionId, c.userId, c.groups) != generated.expected(c)) {
                QFAIL(qPrintable(u"%1 disagrees with the reference for connection %2"_s.arg(
                    generated.text, c.connectionId)));
            }
        }
    }
}

// Random sequences over the filter's own alphabet must parse or fail cleanly, never crash; a
// filter that parses must also behave consistently when wrapped in not(...) and or.
void TestODataFilter::fuzzTokenSoup()
{
    // Whole conditions and connectives are drawn often enough that some sequences parse.
    const QStringList conditions = {
        u"userId eq 'alice'"_s, u"userId ne 'bob'"_s,   u"connectionId eq 'c1'"_s,
        u"'g1' in groups"_s,    u"'it''s' in groups"_s, u"userId eq ''"_s,
    };
    const QStringList connectives = { u"and"_s, u"or"_s, u"not"_s, u"("_s, u")"_s };
    const QStringList noise = {
        u"userId"_s, u"connectionId"_s, u"groups"_s,   u"UserID"_s, u"eq"_s, u"ne"_s,
        u"in"_s,     u"AND"_s,          u"gt"_s,       u"'g1'"_s,   u"''"_s, u"'a''b'"_s,
        u"'"_s,      u"42"_s,           u"null"_s,     u"true"_s,   u","_s,  u"/"_s,
        u"$"_s,      u"\""_s,           u"contains"_s,
    };
    QRandomGenerator random(7300);
    const auto pick = [&random](const QStringList &from) {
        return from.at(int(random.bounded(quint32(from.size()))));
    };
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QString filter;
        const int length = 1 + int(random.bounded(12));
        for (int t = 0; t < length; ++t) {
            if (t > 0 && random.bounded(4) != 0)
                filter += u' ';
            const quint32 kind = random.bounded(10);
            filter += pick(kind < 4 ? conditions : kind < 8 ? connectives : noise);
        }
        QString error;
        const auto parsed = ODataFilter::parse(filter, &error);
        if (!parsed) {
            QVERIFY2(error.contains(u"offset"_s), qPrintable(filter + u" → "_s + error));
            continue;
        }
        ++accepted;
        const auto negated = ODataFilter::parse(u"not (%1)"_s.arg(filter));
        const auto doubled = ODataFilter::parse(u"(%1) or (%1)"_s.arg(filter));
        QVERIFY2(negated && doubled, qPrintable(filter));
        for (const Connection &c : sampleConnections()) {
            const bool result = parsed->matches(c.connectionId, c.userId, c.groups);
            QCOMPARE(negated->matches(c.connectionId, c.userId, c.groups), !result);
            QCOMPARE(doubled->matches(c.connectionId, c.userId, c.groups), result);
        }
    }
    // Without enough valid filters the consistency checks above would never run.
    QVERIFY2(accepted > 500, qPrintable(QString::number(accepted)));
}

void TestODataFilter::fuzzRandomCharacters()
{
    const QString interesting = u"()' \tuUdDiIgGeEnNoOrRaAtT0$/,\""_s;
    QRandomGenerator random(4096);
    for (int i = 0; i < 20000; ++i) {
        QString filter;
        const int length = int(random.bounded(64));
        for (int c = 0; c < length; ++c) {
            if (random.bounded(4) == 0)
                filter += QChar(char16_t(random.bounded(0x10000)));
            else
                filter += interesting.at(int(random.bounded(quint32(interesting.size()))));
        }
        QString error;
        const auto parsed = ODataFilter::parse(filter, &error);
        if (parsed)
            parsed->matches(u"c1"_s, QString(), {});
        else
            QVERIFY2(!error.isEmpty(), qPrintable(filter));
    }
}

void TestODataFilter::defaultFilterMatchesEverything()
{
    const ODataFilter filter;
    QVERIFY(filter.matches(u"c1"_s, QString(), {}));
}

QTEST_GUILESS_MAIN(TestODataFilter)
#include "tst_odatafilter.moc"
