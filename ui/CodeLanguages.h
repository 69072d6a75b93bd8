// CodeLanguages: the languages whose code blocks Keel highlights, the names a fence's info string
// may give them ("py", "c++", "tsx"), the label a code block's header shows, and the words and
// switches each language's lexer (CodeLexer) works with. Immutable tables, built on first use.
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace keel::ui {

// Which scanner a language uses: the generic one (switches below) or a dedicated one.
enum class CodeSyntax { Generic, Markup, Css, Yaml, Diff };

struct CodeLanguage {
    QString id;          // "python"
    QString displayName; // "Python"
    CodeSyntax syntax = CodeSyntax::Generic;
    // Sorted lists (lower case where caseInsensitive).
    QStringList keywords;
    QStringList types; // types and builtin functions
    QStringList literals;
    bool hashComments = false;    // # to the end of the line
    bool shellComments = false;   // # only where a word starts (shell)
    bool slashComments = false;   // // and /* */
    bool dashComments = false;    // -- (SQL)
    bool caseInsensitive = false; // keywords in any case (SQL)
    bool backtickStrings = false; // `...`, may span lines (JS templates, Go raw strings)
    bool backtickEscapes = false; // a backslash escapes inside `...` (JS, not Go)
    bool tripleQuotes = false;    // """...""" spans lines (Python; ''' too; Java text blocks)
    bool singleQuoteTriple = false;
    bool stringPrefixes = false;      // r"..", f"..", b"..", rb".." (Python)
    bool preprocessor = false;        // # directives (C, C++)
    bool macros = false;              // name! (Rust)
    bool lifetimes = false;           // 'a (Rust)
    bool annotations = false;         // @Name (Java, Python decorators, TypeScript)
    bool variables = false;           // $name, ${name}, $1 (shell)
    bool keysBeforeColon = false;     // "key": (JSON)
    bool capitalizedTypes = false;    // Words starting with a capital are types (Java, Rust, TS)
    bool functionCalls = true;        // name( is a function
    bool doubledQuoteEscapes = false; // 'it''s' (SQL)
    bool rawSingleQuotes = false;     // no escapes in '...' (shell)
};

// The language an info string names, matched case-insensitively against the ids and aliases;
// nullptr for none or an unknown one (its code stays plain).
const CodeLanguage* findCodeLanguage(QStringView name);

// What a code block's header says: the language's display name, an unknown language's own word
// (shortened), or an empty string when the fence named none.
QString codeLanguageLabel(QStringView name);

// Every language, for tests and diagnostics.
QList<const CodeLanguage*> codeLanguages();

} // namespace keel::ui
