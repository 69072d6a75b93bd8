// CodeLanguages: the word lists, switches and aliases of every highlighted language.
#include "ui/CodeLanguages.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace keel::ui {

namespace {

QStringList words(const char* spaceSeparated, bool lowerCase = false)
{
    QStringList list = QString::fromLatin1(spaceSeparated).split(u' ', Qt::SkipEmptyParts);
    if (lowerCase) {
        for (QString& word : list)
            word = word.toLower();
    }
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}

const char* const kCKeywords =
    "auto break case const continue default do else enum extern for goto if inline register "
    "restrict return sizeof static struct switch typedef union volatile while _Alignas _Alignof "
    "_Atomic _Generic _Noreturn _Static_assert _Thread_local";
const char* const kCTypes =
    "bool char double float int long short signed unsigned void size_t ssize_t ptrdiff_t "
    "intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t FILE "
    "wchar_t printf fprintf sprintf snprintf malloc calloc realloc free memcpy memset strlen";
const char* const kCppKeywords =
    "alignas alignof and asm break case catch class concept const consteval constexpr constinit "
    "const_cast continue co_await co_return co_yield decltype default delete do dynamic_cast else "
    "enum explicit export extern final for friend goto if inline mutable namespace new noexcept "
    "not operator or override private protected public register reinterpret_cast requires "
    "return sizeof static static_assert static_cast struct switch template this thread_local "
    "throw try typedef typeid typename union using virtual volatile while";
const char* const kCppTypes =
    "auto bool char char8_t char16_t char32_t double float int long short signed unsigned void "
    "wchar_t size_t std string string_view vector map unordered_map set unordered_set array "
    "unique_ptr shared_ptr weak_ptr optional variant pair tuple span int8_t int16_t int32_t "
    "int64_t uint8_t uint16_t uint32_t uint64_t cout cerr endl move forward make_unique "
    "make_shared QString QObject QList QWidget";
const char* const kCLiterals = "true false nullptr NULL";

const char* const kPythonKeywords =
    "and as assert async await break class continue def del elif else except finally for from "
    "global if import in is lambda match case nonlocal not or pass raise return try while with "
    "yield";
const char* const kPythonTypes =
    "abs all any bool bytes callable chr dict dir enumerate filter float format frozenset "
    "getattr hasattr hash hex id input int isinstance issubclass iter len list map max min next "
    "object open ord pow print property range repr reversed round set setattr slice sorted str "
    "sum super tuple type zip Exception ValueError TypeError KeyError IndexError RuntimeError";
const char* const kPythonLiterals = "True False None self cls";

const char* const kJsKeywords =
    "async await break case catch class const continue debugger default delete do else export "
    "extends finally for from function get if import in instanceof let new of return set static "
    "super switch throw try typeof var void while with yield as implements interface package "
    "private protected public readonly type enum declare namespace abstract keyof infer is "
    "satisfies module";
const char* const kJsTypes =
    "Array Boolean Date Error Function JSON Map Math Number Object Promise RegExp Set String "
    "Symbol console document window globalThis any boolean never number object string symbol "
    "unknown bigint parseInt parseFloat require";
const char* const kJsLiterals = "true false null undefined this NaN Infinity";

const char* const kShellKeywords =
    "if then else elif fi for while until do done case esac in function select return local "
    "export readonly declare time";
const char* const kShellTypes =
    "alias bg cd echo eval exec exit fg getopts hash jobs kill printf pwd read set shift source "
    "test trap type ulimit umask unalias unset wait sudo apt pip npm git curl grep sed awk cat ls "
    "mkdir rm cp mv chmod chown docker make cmake python python3 node";
const char* const kShellLiterals = "true false";

const char* const kRustKeywords =
    "as async await break const continue crate dyn else enum extern fn for if impl in let loop "
    "match mod move mut pub ref return self Self static struct super trait type unsafe use where "
    "while";
const char* const kRustTypes =
    "bool char f32 f64 i8 i16 i32 i64 i128 isize str u8 u16 u32 u64 u128 usize String Vec "
    "Option Result Box Rc Arc RefCell HashMap HashSet Some None Ok Err";
const char* const kRustLiterals = "true false";

const char* const kGoKeywords =
    "break case chan const continue default defer else fallthrough for func go goto if import "
    "interface map package range return select struct switch type var";
const char* const kGoTypes =
    "bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string "
    "uint uint8 uint16 uint32 uint64 uintptr any append cap close copy delete len make new panic "
    "print println recover";
const char* const kGoLiterals = "true false nil iota";

const char* const kJavaKeywords =
    "abstract assert break case catch class const continue default do else enum extends final "
    "finally for goto if implements import instanceof interface native new package private "
    "protected public record return sealed permits static strictfp super switch synchronized "
    "this throw throws transient try var void volatile while yield";
const char* const kJavaTypes =
    "boolean byte char double float int long short String Object Integer Long Double Boolean "
    "List Map Set ArrayList HashMap HashSet Optional System";
const char* const kJavaLiterals = "true false null";

const char* const kSqlKeywords =
    "add all alter and as asc begin between by case check column commit constraint create "
    "cross database default delete desc distinct drop else end except exists explain foreign "
    "from full group having if in index inner insert intersect into is join key left like limit "
    "not null offset on or order outer primary references replace returning right rollback "
    "select set table then transaction trigger union unique update using values view when where "
    "with count sum avg min max coalesce";
const char* const kSqlTypes =
    "bigint binary blob boolean char date datetime decimal double float int integer json jsonb "
    "numeric real serial smallint text time timestamp uuid varchar";
const char* const kSqlLiterals = "true false null";

const char* const kYamlLiterals = "true false null yes no on off True False Null Yes No On Off";
const char* const kCssKeywords = "important";

std::vector<CodeLanguage> buildLanguages()
{
    std::vector<CodeLanguage> list;
    list.reserve(32); // references returned by add() stay valid
    auto add = [&list](const char* id, const char* name) -> CodeLanguage& {
        CodeLanguage language;
        language.id = QString::fromLatin1(id);
        language.displayName = QString::fromLatin1(name);
        list.push_back(language);
        return list.back();
    };
    CodeLanguage& c = add("c", "C");
    c.keywords = words(kCKeywords);
    c.types = words(kCTypes);
    c.literals = words(kCLiterals);
    c.slashComments = c.preprocessor = true;

    CodeLanguage& cpp = add("cpp", "C++");
    cpp.keywords = words(kCppKeywords);
    cpp.types = words(kCppTypes);
    cpp.literals = words(kCLiterals);
    cpp.slashComments = cpp.preprocessor = true;

    CodeLanguage& python = add("python", "Python");
    python.keywords = words(kPythonKeywords);
    python.types = words(kPythonTypes);
    python.literals = words(kPythonLiterals);
    python.hashComments = python.tripleQuotes = python.singleQuoteTriple = true;
    python.stringPrefixes = python.annotations = python.capitalizedTypes = true;

    CodeLanguage& js = add("javascript", "JavaScript");
    js.keywords = words(kJsKeywords);
    js.types = words(kJsTypes);
    js.literals = words(kJsLiterals);
    js.slashComments = js.backtickStrings = js.backtickEscapes = js.capitalizedTypes = true;
    CodeLanguage& ts = add("typescript", "TypeScript");
    ts = list.at(list.size() - 2);
    ts.id = QStringLiteral("typescript");
    ts.displayName = QStringLiteral("TypeScript");
    ts.annotations = true;

    CodeLanguage& json = add("json", "JSON");
    json.literals = words("true false null");
    json.slashComments = json.keysBeforeColon = true; // comments: JSONC, harmless in JSON
    json.functionCalls = false;

    CodeLanguage& shell = add("shell", "Shell");
    shell.keywords = words(kShellKeywords);
    shell.types = words(kShellTypes);
    shell.literals = words(kShellLiterals);
    shell.shellComments = shell.variables = shell.rawSingleQuotes = true;
    shell.functionCalls = false;

    CodeLanguage& rust = add("rust", "Rust");
    rust.keywords = words(kRustKeywords);
    rust.types = words(kRustTypes);
    rust.literals = words(kRustLiterals);
    rust.slashComments = rust.macros = rust.lifetimes = rust.capitalizedTypes = true;

    CodeLanguage& go = add("go", "Go");
    go.keywords = words(kGoKeywords);
    go.types = words(kGoTypes);
    go.literals = words(kGoLiterals);
    go.slashComments = go.backtickStrings = true;

    CodeLanguage& java = add("java", "Java");
    java.keywords = words(kJavaKeywords);
    java.types = words(kJavaTypes);
    java.literals = words(kJavaLiterals);
    java.slashComments = java.tripleQuotes = java.annotations = java.capitalizedTypes = true;

    CodeLanguage& sql = add("sql", "SQL");
    sql.keywords = words(kSqlKeywords, true);
    sql.types = words(kSqlTypes, true);
    sql.literals = words(kSqlLiterals, true);
    sql.dashComments = sql.caseInsensitive = sql.doubledQuoteEscapes = true;
    sql.slashComments = true; // /* */ (a // line comment is rare enough not to matter)

    add("html", "HTML").syntax = CodeSyntax::Markup;
    add("xml", "XML").syntax = CodeSyntax::Markup;
    CodeLanguage& css = add("css", "CSS");
    css.syntax = CodeSyntax::Css;
    css.keywords = words(kCssKeywords);
    CodeLanguage& scss = add("scss", "SCSS");
    scss.syntax = CodeSyntax::Css;
    scss.keywords = words(kCssKeywords);
    scss.slashComments = true; // SCSS has // line comments; in CSS "//" starts URLs

    CodeLanguage& yaml = add("yaml", "YAML");
    yaml.syntax = CodeSyntax::Yaml;
    yaml.literals = words(kYamlLiterals);

    add("diff", "Diff").syntax = CodeSyntax::Diff;
    return list;
}

const std::vector<CodeLanguage>& languages()
{
    static const std::vector<CodeLanguage> list = buildLanguages();
    return list;
}

const QHash<QString, const CodeLanguage*>& aliases()
{
    static const QHash<QString, const CodeLanguage*> table = [] {
        const char* const pairs[][2] = {
            {"c", "c"},
            {"h", "c"},
            {"cpp", "cpp"},
            {"c++", "cpp"},
            {"cc", "cpp"},
            {"cxx", "cpp"},
            {"hpp", "cpp"},
            {"hxx", "cpp"},
            {"py", "python"},
            {"python", "python"},
            {"python3", "python"},
            {"js", "javascript"},
            {"javascript", "javascript"},
            {"jsx", "javascript"},
            {"mjs", "javascript"},
            {"cjs", "javascript"},
            {"node", "javascript"},
            {"ts", "typescript"},
            {"typescript", "typescript"},
            {"tsx", "typescript"},
            {"json", "json"},
            {"jsonc", "json"},
            {"json5", "json"},
            {"sh", "shell"},
            {"bash", "shell"},
            {"shell", "shell"},
            {"zsh", "shell"},
            {"console", "shell"},
            {"shellscript", "shell"},
            {"rust", "rust"},
            {"rs", "rust"},
            {"go", "go"},
            {"golang", "go"},
            {"java", "java"},
            {"sql", "sql"},
            {"postgresql", "sql"},
            {"mysql", "sql"},
            {"sqlite", "sql"},
            {"html", "html"},
            {"htm", "html"},
            {"xhtml", "html"},
            {"vue", "html"},
            {"xml", "xml"},
            {"svg", "xml"},
            {"css", "css"},
            {"scss", "scss"},
            {"sass", "scss"},
            {"less", "scss"},
            {"yaml", "yaml"},
            {"yml", "yaml"},
            {"diff", "diff"},
            {"patch", "diff"},
        };
        QHash<QString, const CodeLanguage*> map;
        for (const auto& [alias, id] : pairs) {
            for (const CodeLanguage& language : languages()) {
                if (language.id == QLatin1String(id))
                    map.insert(QString::fromLatin1(alias), &language);
            }
        }
        return map;
    }();
    return table;
}

} // namespace

const CodeLanguage* findCodeLanguage(QStringView name)
{
    if (name.isEmpty() || name.size() > 32)
        return nullptr;
    return aliases().value(name.toString().toLower(), nullptr);
}

QString codeLanguageLabel(QStringView name)
{
    if (const CodeLanguage* language = findCodeLanguage(name))
        return language->displayName;
    constexpr qsizetype kLongest = 24;
    return name.size() > kLongest ? name.left(kLongest - 1).toString() + QChar(0x2026)
                                  : name.toString();
}

QList<const CodeLanguage*> codeLanguages()
{
    QList<const CodeLanguage*> list;
    for (const CodeLanguage& language : languages())
        list.append(&language);
    return list;
}

} // namespace keel::ui
