// Unit tests of code highlighting: for each language a snippet, rendered as the app renders a
// reply (StreamingMarkdown into a document with a CodeHighlighter), gets the expected token at
// the expected place, including lines inside a construct opened on an earlier line; aliases
// resolve; unknown languages stay plain; the light and dark colour sets differ and are readable.
#include "ui/CodeHighlighter.h"

#include "ui/CodeBlocks.h"
#include "ui/CodeLanguages.h"
#include "ui/StreamingMarkdown.h"
#include "ui/ThemePalette.h"

#include <QAbstractTextDocumentLayout>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <cmath>
#include <memory>

using namespace keel::ui;
using namespace Qt::StringLiterals;

namespace {

struct Expectation {
    int line = 0;
    QString text;
    int token = -1; // CodeToken, or -1: no highlighting at all
};

constexpr int kPlain = -1;

QString tokenName(int token)
{
    static const char* const names[] = {
        "Keyword",   "Type", "Literal",  "String", "Number",  "Comment", "Function",  "Meta", "Tag",
        "Attribute", "Key",  "Variable", "Added",  "Removed", "Hunk",    "DiffHeader"};
    if (token < 0)
        return QStringLiteral("plain");
    return QString::fromLatin1(names[token]);
}

// Every token its own colour, so that a format tells which token it is.
CodeColours distinctColours()
{
    CodeColours c;
    QColor* colours[] = {&c.keyword, &c.type,     &c.literal, &c.string,  &c.number,
                         &c.comment, &c.function, &c.meta,    &c.tag,     &c.attribute,
                         &c.key,     &c.variable, &c.added,   &c.removed, &c.hunk};
    int i = 1;
    for (QColor* colour : colours)
        *colour = QColor(i++, 100, 200);
    c.addedBackground = c.removedBackground = c.hunkBackground = Qt::white;
    return c;
}

// A reply with one code block, rendered and highlighted as a message's view does it.
struct Rendered {
    explicit Rendered(const QString& markdown)
    {
        document.documentLayout(); // the highlighter follows changes the layout reports
        highlighter = std::make_unique<CodeHighlighter>(&document);
        highlighter->setColours(distinctColours());
        StreamingMarkdown markdownRenderer(&document);
        for (qsizetype i = 0; i < markdown.size(); i += 7) // streamed, as replies are
            markdownRenderer.append(QStringView(markdown).mid(i, 7));
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            if (CodeBlocks::isCodeLine(block))
                lines.append(block);
        }
    }

    // The token whose format covers the first occurrence of `text` on code line `line`.
    int tokenOf(int line, const QString& text, QString* problem) const
    {
        const QTextBlock block = lines.value(line);
        const qsizetype at = block.text().indexOf(text);
        if (!block.isValid() || at < 0) {
            *problem = u"no \"%1\" on line %2"_s.arg(text).arg(line);
            return -2;
        }
        for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
            if (range.start <= at && range.start + range.length >= at + text.size()) {
                for (int token = 0; token < int(CodeToken::Count); ++token) {
                    if (highlighter->format(CodeToken(token)) == range.format)
                        return token;
                }
            }
            if (range.start < at + text.size() && range.start + range.length > at)
                return -3; // partly covered
        }
        return kPlain;
    }

    QTextDocument document;
    std::unique_ptr<CodeHighlighter> highlighter;
    QList<QTextBlock> lines;
};

double luminance(const QColor& colour)
{
    auto channel = [](qreal c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
           + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

Q_DECLARE_METATYPE(QList<Expectation>)

class CodeHighlighterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void languagesGetTheirTokens_data()
    {
        QTest::addColumn<QString>("fence");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QList<Expectation>>("expected");
        const int K = int(CodeToken::Keyword), T = int(CodeToken::Type),
                  L = int(CodeToken::Literal), S = int(CodeToken::String),
                  N = int(CodeToken::Number), C = int(CodeToken::Comment),
                  F = int(CodeToken::Function), M = int(CodeToken::Meta), G = int(CodeToken::Tag),
                  A = int(CodeToken::Attribute), Y = int(CodeToken::Key),
                  V = int(CodeToken::Variable), P = int(CodeToken::Added),
                  R = int(CodeToken::Removed), H = int(CodeToken::Hunk),
                  D = int(CodeToken::DiffHeader);

        QTest::newRow("c")
            << u"c"_s
            << u"#include <stdio.h>\nint main(void) { /* starts\n still */ return 0; "
               u"// done\n}"_s
            << QList<Expectation>{
                   {0, u"#include"_s, M}, {0, u"<stdio.h>"_s, S}, {1, u"int"_s, T},
                   {1, u"main"_s, F},     {1, u"/* starts"_s, C}, {2, u" still */"_s, C},
                   {2, u"return"_s, K},   {2, u"0"_s, N},         {2, u"// done"_s, C}};
        QTest::newRow("c++") << u"c++"_s
                             << u"template <typename T> auto f(T t) { std::string s = \"hi\"; "
                                u"return nullptr; }"_s
                             << QList<Expectation>{{0, u"template"_s, K}, {0, u"typename"_s, K},
                                                   {0, u"auto"_s, T},     {0, u"std"_s, T},
                                                   {0, u"\"hi\""_s, S},   {0, u"nullptr"_s, L},
                                                   {0, u"t)"_s, kPlain}};
        QTest::newRow("python")
            << u"py"_s
            << u"@cache\ndef area(x):\n    \"\"\"Doc\n    more.\"\"\"\n    return None  # note\n"
               u"s = f'{x}' + r\"\\d\" + 0x1F"_s
            << QList<Expectation>{
                   {0, u"@cache"_s, M},    {1, u"def"_s, K},         {1, u"area"_s, F},
                   {2, u"\"\"\"Doc"_s, S}, {3, u"more.\"\"\""_s, S}, {4, u"return"_s, K},
                   {4, u"None"_s, L},      {4, u"# note"_s, C},      {5, u"f'{x}'"_s, S},
                   {5, u"r\"\\d\""_s, S},  {5, u"0x1F"_s, N}};
        QTest::newRow("javascript")
            << u"js"_s
            << u"const a = `multi\nline`; // c\nlet n = 42.5e3; function g() { return null; }"_s
            << QList<Expectation>{{0, u"const"_s, K},    {0, u"`multi"_s, S}, {1, u"line`"_s, S},
                                  {1, u"// c"_s, C},     {2, u"let"_s, K},    {2, u"42.5e3"_s, N},
                                  {2, u"function"_s, K}, {2, u"g"_s, F},      {2, u"null"_s, L}};
        QTest::newRow("typescript")
            << u"tsx"_s << u"interface Props { name: string; }\nexport type Id = number;"_s
            << QList<Expectation>{{0, u"interface"_s, K}, {0, u"Props"_s, T},  {0, u"string"_s, T},
                                  {0, u"name"_s, kPlain}, {1, u"export"_s, K}, {1, u"number"_s, T}};
        QTest::newRow("json")
            << u"json"_s << u"{\"key\": \"value\", \"n\": -1.5, \"ok\": true, \"none\": null}"_s
            << QList<Expectation>{{0, u"\"key\""_s, Y},
                                  {0, u"\"value\""_s, S},
                                  {0, u"1.5"_s, N},
                                  {0, u"true"_s, L},
                                  {0, u"null"_s, L}};
        QTest::newRow("shell") << u"bash"_s
                               << u"# setup\nexport PATH=\"$HOME/bin:$PATH\"\necho ${USER} 'no $x' "
                                  u"a#b"_s
                               << QList<Expectation>{{0, u"# setup"_s, C}, {1, u"export"_s, K},
                                                     {1, u"$HOME"_s, V},   {1, u"/bin:"_s, S},
                                                     {2, u"echo"_s, T},    {2, u"${USER}"_s, V},
                                                     {2, u"'no $x'"_s, S}, {2, u"a#b"_s, kPlain}};
        QTest::newRow("rust")
            << u"rs"_s
            << u"fn main() { let s: &'static str = \"x\"; println!(\"{}\", s); }\n/* a\n b */ "
               u"let v: Vec<u8> = Vec::new();"_s
            << QList<Expectation>{{0, u"fn"_s, K},    {0, u"'static"_s, T},  {0, u"str"_s, T},
                                  {0, u"\"x\""_s, S}, {0, u"println!"_s, F}, {1, u"/* a"_s, C},
                                  {2, u" b */"_s, C}, {2, u"let"_s, K},      {2, u"u8"_s, T}};
        QTest::newRow("go") << u"golang"_s
                            << u"package main\nfunc f() error { return nil } // x\nvar s = "
                               u"`raw\nstring`"_s
                            << QList<Expectation>{{0, u"package"_s, K}, {1, u"func"_s, K},
                                                  {1, u"error"_s, T},   {1, u"nil"_s, L},
                                                  {1, u"// x"_s, C},    {2, u"`raw"_s, S},
                                                  {3, u"string`"_s, S}};
        QTest::newRow("java") << u"java"_s
                              << u"@Override\npublic String toString() { return \"x\"; } /** doc\n "
                                 u"*/ int i = 0;"_s
                              << QList<Expectation>{{0, u"@Override"_s, M}, {1, u"public"_s, K},
                                                    {1, u"String"_s, T},    {1, u"\"x\""_s, S},
                                                    {1, u"/** doc"_s, C},   {2, u" */"_s, C},
                                                    {2, u"int"_s, T}};
        QTest::newRow("sql") << u"sql"_s
                             << u"SELECT name FROM users WHERE id = 1; -- find\n/* multi\nline */ "
                                u"insert into t values ('it''s')"_s
                             << QList<Expectation>{{0, u"SELECT"_s, K},    {0, u"FROM"_s, K},
                                                   {0, u"name"_s, kPlain}, {0, u"1"_s, N},
                                                   {0, u"-- find"_s, C},   {1, u"/* multi"_s, C},
                                                   {2, u"line */"_s, C},   {2, u"insert"_s, K},
                                                   {2, u"'it''s'"_s, S}};
        QTest::newRow("html") << u"html"_s
                              << u"<!-- c\n -->\n<a href=\"x\"\n   class=y>text &amp;</a>"_s
                              << QList<Expectation>{{0, u"<!-- c"_s, C}, {1, u" -->"_s, C},
                                                    {2, u"a"_s, G},      {2, u"href"_s, A},
                                                    {2, u"\"x\""_s, S},  {3, u"class"_s, A},
                                                    {3, u"y"_s, S},      {3, u"text"_s, kPlain},
                                                    {3, u"&amp;"_s, L}};
        QTest::newRow("xml") << u"xml"_s << u"<?xml version=\"1.0\"?>\n<root attr='v'/>"_s
                             << QList<Expectation>{{0, u"<?xml version=\"1.0\"?>"_s, M},
                                                   {1, u"root"_s, G},
                                                   {1, u"attr"_s, A},
                                                   {1, u"'v'"_s, S}};
        QTest::newRow("css") << u"css"_s
                             << u"/* c\n */ .btn:hover {\n  color: #fff;\n  margin: 0 4px "
                                u"!important;\n}"_s
                             << QList<Expectation>{{0, u"/* c"_s, C}, {1, u" */"_s, C},
                                                   {1, u".btn"_s, G}, {2, u"color"_s, A},
                                                   {2, u"#fff"_s, N}, {3, u"margin"_s, A},
                                                   {3, u"4px"_s, N},  {3, u"!important"_s, K}};
        QTest::newRow("yaml") << u"yml"_s
                              << u"# cfg\nname: keel\nlist:\n  - key: \"v\"\n    n: 3\n    on: "
                                 u"true # yes"_s
                              << QList<Expectation>{{0, u"# cfg"_s, C}, {1, u"name"_s, Y},
                                                    {1, u"keel"_s, S},  {3, u"key"_s, Y},
                                                    {3, u"\"v\""_s, S}, {4, u"3"_s, N},
                                                    {5, u"true"_s, L},  {5, u"# yes"_s, C}};
        QTest::newRow("diff") << u"patch"_s
                              << u"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n "
                                 u"same"_s
                              << QList<Expectation>{{0, u"diff --git"_s, D}, {1, u"--- a/x"_s, D},
                                                    {2, u"+++ b/x"_s, D},    {3, u"@@ -1"_s, H},
                                                    {4, u"-old"_s, R},       {5, u"+new"_s, P},
                                                    {6, u"same"_s, kPlain}};
    }

    void languagesGetTheirTokens()
    {
        QFETCH(QString, fence);
        QFETCH(QString, code);
        QFETCH(QList<Expectation>, expected);
        const Rendered rendered(u"Intro.\n\n```"_s + fence + u'\n' + code + u"\n```\n\nAfter."_s);
        QCOMPARE(rendered.lines.size(), code.count(u'\n') + 1);
        for (const Expectation& e : expected) {
            QString problem;
            const int token = rendered.tokenOf(e.line, e.text, &problem);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY2(token == e.token,
                     qPrintable(u"line %1, \"%2\": %3, expected %4"_s.arg(e.line).arg(
                         e.text, tokenName(token), tokenName(e.token))));
        }
    }

    void openConstructsEndWithTheirBlock()
    {
        // An unclosed comment in one block does not colour the next block.
        const Rendered rendered(u"```c\nint a; /* never closed\n```\n\n```c\nint b;\n```"_s);
        QCOMPARE(rendered.lines.size(), 2);
        QString problem;
        QCOMPARE(rendered.tokenOf(0, u"/* never closed"_s, &problem), int(CodeToken::Comment));
        QCOMPARE(rendered.tokenOf(1, u"int"_s, &problem), int(CodeToken::Type));
        QVERIFY(problem.isEmpty());
    }

    void aliasesResolve_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("id");
        const char* const pairs[][2] = {
            {"c", "c"},
            {"h", "c"},
            {"cpp", "cpp"},
            {"C++", "cpp"},
            {"cc", "cpp"},
            {"cxx", "cpp"},
            {"hpp", "cpp"},
            {"py", "python"},
            {"Python", "python"},
            {"js", "javascript"},
            {"javascript", "javascript"},
            {"jsx", "javascript"},
            {"mjs", "javascript"},
            {"ts", "typescript"},
            {"typescript", "typescript"},
            {"tsx", "typescript"},
            {"json", "json"},
            {"jsonc", "json"},
            {"sh", "shell"},
            {"bash", "shell"},
            {"shell", "shell"},
            {"zsh", "shell"},
            {"console", "shell"},
            {"rust", "rust"},
            {"rs", "rust"},
            {"go", "go"},
            {"golang", "go"},
            {"java", "java"},
            {"sql", "sql"},
            {"html", "html"},
            {"xml", "xml"},
            {"css", "css"},
            {"scss", "scss"},
            {"yaml", "yaml"},
            {"yml", "yaml"},
            {"diff", "diff"},
            {"patch", "diff"},
        };
        for (const auto& [alias, id] : pairs)
            QTest::newRow(alias) << QString::fromLatin1(alias) << QString::fromLatin1(id);
    }

    void aliasesResolve()
    {
        QFETCH(QString, alias);
        QFETCH(QString, id);
        const CodeLanguage* language = findCodeLanguage(alias);
        QVERIFY(language != nullptr);
        QCOMPARE(language->id, id);
        QCOMPARE(codeLanguageLabel(alias), language->displayName);
    }

    void unknownLanguagesStayPlain()
    {
        QVERIFY(findCodeLanguage(u"brainfuck") == nullptr);
        QVERIFY(findCodeLanguage(u"") == nullptr);
        QCOMPARE(codeLanguageLabel(u"brainfuck"), u"brainfuck"_s);
        QCOMPARE(codeLanguageLabel(u""), QString());
        for (const QString& fence : {u"brainfuck"_s, QString()}) {
            const Rendered rendered(u"```"_s + fence + u"\nint x = \"s\"; // c\n```"_s);
            QCOMPARE(rendered.lines.size(), 1);
            QVERIFY(rendered.lines.first().layout()->formats().isEmpty());
        }
    }

    void darkAndLightColoursDifferAndAreReadable()
    {
        const CodeColours light = codeColours(themePalette(keel::core::Theme::Light, {}));
        const CodeColours dark = codeColours(themePalette(keel::core::Theme::Dark, {}));
        const QList<std::pair<const char*, QColor CodeColours::*>> syntax = {
            {"keyword", &CodeColours::keyword},   {"type", &CodeColours::type},
            {"literal", &CodeColours::literal},   {"string", &CodeColours::string},
            {"number", &CodeColours::number},     {"comment", &CodeColours::comment},
            {"function", &CodeColours::function}, {"meta", &CodeColours::meta},
            {"tag", &CodeColours::tag},           {"attribute", &CodeColours::attribute},
            {"key", &CodeColours::key},           {"variable", &CodeColours::variable},
            {"hunk", &CodeColours::hunk},
        };
        for (const auto& [name, member] : syntax) {
            QVERIFY2(light.*member != dark.*member, name);
            // WCAG AA for normal text on the code background of each theme.
            QVERIFY2(contrast(light.*member, light.background) >= 4.5, name);
            QVERIFY2(contrast(dark.*member, dark.background) >= 4.5, name);
        }
        QVERIFY(contrast(light.added, light.addedBackground) >= 4.5);
        QVERIFY(contrast(light.removed, light.removedBackground) >= 4.5);
        QVERIFY(contrast(dark.added, dark.addedBackground) >= 4.5);
        QVERIFY(contrast(dark.removed, dark.removedBackground) >= 4.5);
        QVERIFY(luminance(dark.background) < luminance(light.background));

        // The highlighter takes the set it is given and colours the document with it again.
        const Rendered rendered(u"```python\nreturn 1\n```"_s);
        rendered.highlighter->setColours(light);
        const QTextBlock line = rendered.lines.first();
        auto keywordColour = [&line] {
            for (const QTextLayout::FormatRange& range : line.layout()->formats()) {
                if (range.start == 0)
                    return range.format.foreground().color();
            }
            return QColor();
        };
        QCOMPARE(keywordColour(), light.keyword);
        rendered.highlighter->setColours(dark);
        QCOMPARE(keywordColour(), dark.keyword);
    }
};

QTEST_MAIN(CodeHighlighterTest)
#include "CodeHighlighterTest.moc"
