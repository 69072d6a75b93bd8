// MarkdownHtml: a renderer of our own over md4c's callbacks (md4c-html would pass raw HTML and
// any link scheme through): every string escaped, raw HTML shown as text, links and images
// only to schemes that cannot run anything, images never loaded.
#include "transfer/MarkdownHtml.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QUrl>

#include <md4c.h>

namespace keel::core {

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct MarkdownHtmlText {
    Q_DECLARE_TR_FUNCTIONS(MarkdownHtml)
};

// md4c hands entities over verbatim; these are the named ones worth decoding (others stay as
// written, escaped, so "&foo;" reads as "&foo;").
const QHash<QString, char32_t>& namedEntities()
{
    static const QHash<QString, char32_t> entities{
        {QStringLiteral("amp"), U'&'},     {QStringLiteral("lt"), U'<'},
        {QStringLiteral("gt"), U'>'},      {QStringLiteral("quot"), U'"'},
        {QStringLiteral("apos"), U'\''},   {QStringLiteral("nbsp"), 0xA0},
        {QStringLiteral("copy"), 0xA9},    {QStringLiteral("reg"), 0xAE},
        {QStringLiteral("trade"), 0x2122}, {QStringLiteral("hellip"), 0x2026},
        {QStringLiteral("mdash"), 0x2014}, {QStringLiteral("ndash"), 0x2013},
        {QStringLiteral("lsquo"), 0x2018}, {QStringLiteral("rsquo"), 0x2019},
        {QStringLiteral("ldquo"), 0x201C}, {QStringLiteral("rdquo"), 0x201D},
        {QStringLiteral("laquo"), 0xAB},   {QStringLiteral("raquo"), 0xBB},
        {QStringLiteral("bull"), 0x2022},  {QStringLiteral("middot"), 0xB7},
        {QStringLiteral("times"), 0xD7},   {QStringLiteral("divide"), 0xF7},
        {QStringLiteral("deg"), 0xB0},     {QStringLiteral("plusmn"), 0xB1},
        {QStringLiteral("para"), 0xB6},    {QStringLiteral("sect"), 0xA7},
        {QStringLiteral("euro"), 0x20AC},  {QStringLiteral("pound"), 0xA3},
        {QStringLiteral("yen"), 0xA5},     {QStringLiteral("cent"), 0xA2},
        {QStringLiteral("larr"), 0x2190},  {QStringLiteral("rarr"), 0x2192},
        {QStringLiteral("uarr"), 0x2191},  {QStringLiteral("darr"), 0x2193},
        {QStringLiteral("harr"), 0x2194},  {QStringLiteral("le"), 0x2264},
        {QStringLiteral("ge"), 0x2265},    {QStringLiteral("ne"), 0x2260},
        {QStringLiteral("infin"), 0x221E}, {QStringLiteral("micro"), 0xB5},
        {QStringLiteral("shy"), 0xAD},     {QStringLiteral("zwj"), 0x200D},
        {QStringLiteral("zwnj"), 0x200C},  {QStringLiteral("ensp"), 0x2002},
        {QStringLiteral("emsp"), 0x2003},  {QStringLiteral("thinsp"), 0x2009},
    };
    return entities;
}

QString fromCodePoint(char32_t code)
{
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        code = 0xFFFD;
    return QString::fromUcs4(&code, 1);
}

// "&amp;", "&#123;", "&#x1F600;" -> the character; unknown names stay as written.
QString decodeEntity(const QString& entity)
{
    if (entity.size() < 3 || !entity.startsWith(u'&') || !entity.endsWith(u';'))
        return entity;
    const QStringView body = QStringView(entity).mid(1, entity.size() - 2);
    if (body.startsWith(u'#')) {
        const bool hex = body.size() > 1 && (body[1] == u'x' || body[1] == u'X');
        bool ok = false;
        const qulonglong code = body.mid(hex ? 2 : 1).toULongLong(&ok, hex ? 16 : 10);
        return fromCodePoint(ok && code <= 0x10FFFF ? char32_t(code) : 0xFFFD);
    }
    const auto it = namedEntities().constFind(body.toString());
    return it != namedEntities().cend() ? fromCodePoint(*it) : entity;
}

QString utf8(const MD_CHAR* text, MD_SIZE size)
{
    return QString::fromUtf8(text, qsizetype(size));
}

// An attribute (link target, code info) with its entities decoded.
QString attributeText(const MD_ATTRIBUTE& attribute)
{
    QString decoded;
    if (attribute.text == nullptr || attribute.size == 0)
        return decoded;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        const MD_OFFSET from = attribute.substr_offsets[i];
        const MD_OFFSET to = attribute.substr_offsets[i + 1];
        const QString piece = utf8(attribute.text + from, to - from);
        switch (attribute.substr_types[i]) {
        case MD_TEXT_ENTITY:
            decoded += decodeEntity(piece);
            break;
        case MD_TEXT_NULLCHAR:
            decoded += QChar(0xFFFD);
            break;
        default:
            decoded += piece;
            break;
        }
    }
    return decoded;
}

bool isInvisible(QChar c)
{
    const char16_t u = c.unicode();
    return u <= 0x20 || (u >= 0x7F && u <= 0x9F) || c.isSpace()
           || c.category() == QChar::Other_Format;
}

// The target when a browser would read it as one of the allowed schemes, else "". Browsers
// drop control characters and whitespace around and inside a scheme ("java\tscript:"), so
// the scheme is judged with every such character removed; anything without a scheme (a
// relative link) is refused too: an exported file has no base to resolve it against.
QString allowedTarget(const QString& target, bool mailAllowed)
{
    QString compact;
    compact.reserve(target.size());
    for (QChar c : target) {
        if (!isInvisible(c))
            compact += c;
    }
    const qsizetype colon = compact.indexOf(u':');
    if (colon <= 0)
        return {};
    const QString scheme = compact.left(colon).toLower();
    const bool allowed = scheme == QLatin1String("http") || scheme == QLatin1String("https")
                         || (mailAllowed && scheme == QLatin1String("mailto"));
    if (!allowed)
        return {};
    // What goes into the attribute: the target without control characters, trimmed.
    QString cleaned;
    cleaned.reserve(target.size());
    for (QChar c : target) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && !(u >= 0x7F && u <= 0x9F))
            cleaned += c;
    }
    return cleaned.trimmed();
}

// "Image: a chart — example.com", as the transcript shows an image it does not load.
QString imageLabel(const QString& alt, const QString& target)
{
    const QUrl url(target);
    QString where = url.host(QUrl::FullyEncoded);
    if (!where.isEmpty() && url.port() >= 0)
        where += u':' + QString::number(url.port());
    QString description = alt.simplified();
    constexpr qsizetype kLongest = 80;
    if (description.size() > kLongest)
        description = description.left(kLongest - 1) + QChar(0x2026);
    if (where.isEmpty())
        return description.isEmpty() ? MarkdownHtmlText::tr("Image")
                                     : MarkdownHtmlText::tr("Image: %1").arg(description);
    if (description.isEmpty())
        return MarkdownHtmlText::tr("Image: %1").arg(where);
    return MarkdownHtmlText::tr("Image: %1 — %2").arg(description, where);
}

// A code block's language as a class name: letters, digits and a few signs ("c++", "c#").
QString languageClass(const QString& info)
{
    QString language;
    for (QChar c : info) {
        if (c.isSpace())
            break;
        if (c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'+' || c == u'#' || c == u'.')
            language += c;
        else
            return {};
    }
    return language.left(40);
}

// The element of a block that needs no more than its name.
const char* blockTag(MD_BLOCKTYPE type)
{
    switch (type) {
    case MD_BLOCK_QUOTE:
        return "blockquote";
    case MD_BLOCK_UL:
        return "ul";
    case MD_BLOCK_OL:
        return "ol";
    case MD_BLOCK_LI:
        return "li";
    case MD_BLOCK_TABLE:
        return "table";
    case MD_BLOCK_THEAD:
        return "thead";
    case MD_BLOCK_TBODY:
        return "tbody";
    case MD_BLOCK_TR:
        return "tr";
    case MD_BLOCK_TH:
        return "th";
    case MD_BLOCK_TD:
        return "td";
    default: // paragraphs, and raw HTML blocks (not produced with MD_FLAG_NOHTML) as text
        return "p";
    }
}

// The element of a span that needs no more than its name; null for the others.
const char* spanTag(MD_SPANTYPE type)
{
    switch (type) {
    case MD_SPAN_EM:
        return "em";
    case MD_SPAN_STRONG:
        return "strong";
    case MD_SPAN_CODE:
        return "code";
    case MD_SPAN_DEL:
        return "s";
    case MD_SPAN_U:
        return "u";
    default:
        return nullptr;
    }
}

// Blocks whose children start on lines of their own.
bool isContainer(MD_BLOCKTYPE type)
{
    return type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL
           || type == MD_BLOCK_TABLE || type == MD_BLOCK_THEAD || type == MD_BLOCK_TBODY;
}

class Renderer {
public:
    QString out;

    int enterBlock(MD_BLOCKTYPE type, void* detail)
    {
        switch (type) {
        case MD_BLOCK_DOC:
            return 0;
        case MD_BLOCK_HR:
            out += QLatin1String("<hr>\n");
            return 0;
        case MD_BLOCK_H:
            out += QStringLiteral("<h%1>").arg(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
            return 0;
        case MD_BLOCK_OL:
            if (const unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
                start != 1) {
                out += QStringLiteral("<ol start=\"%1\">\n").arg(start);
                return 0;
            }
            break;
        case MD_BLOCK_CODE: {
            const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
            const QString language = languageClass(attributeText(code->lang));
            out += QLatin1String("<pre><code");
            if (!language.isEmpty())
                out += QLatin1String(" class=\"language-") + escapeHtml(language) + u'"';
            out += u'>';
            return 0;
        }
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: {
            out += u'<' + QLatin1String(blockTag(type));
            const MD_ALIGN align = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
            if (align == MD_ALIGN_LEFT)
                out += QLatin1String(" align=\"left\"");
            else if (align == MD_ALIGN_CENTER)
                out += QLatin1String(" align=\"center\"");
            else if (align == MD_ALIGN_RIGHT)
                out += QLatin1String(" align=\"right\"");
            out += u'>';
            return 0;
        }
        default:
            break;
        }
        out += u'<' + QLatin1String(blockTag(type)) + u'>';
        if (isContainer(type))
            out += u'\n';
        if (type == MD_BLOCK_LI) {
            const auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
            if (li->is_task)
                out += li->task_mark == ' ' ? QStringLiteral("\u2610 ") : QStringLiteral("\u2611 ");
        }
        return 0;
    }

    int leaveBlock(MD_BLOCKTYPE type, void* detail)
    {
        switch (type) {
        case MD_BLOCK_DOC:
        case MD_BLOCK_HR:
            return 0;
        case MD_BLOCK_H:
            out += QStringLiteral("</h%1>\n").arg(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
            return 0;
        case MD_BLOCK_CODE:
            // The block's last newline would be an empty last line in QTextDocument (the PDF);
            // browsers show the same either way.
            if (out.endsWith(u'\n'))
                out.chop(1);
            out += QLatin1String("</code></pre>\n");
            return 0;
        default:
            break;
        }
        out += QLatin1String("</") + QLatin1String(blockTag(type)) + u'>';
        if (type != MD_BLOCK_TH && type != MD_BLOCK_TD)
            out += u'\n';
        return 0;
    }

    int enterSpan(MD_SPANTYPE type, void* detail)
    {
        if (type == MD_SPAN_IMG) {
            // Its alt text is collected, not written: the image becomes one link at the end.
            if (m_imageDepth++ == 0) {
                m_alt.clear();
                m_imageTarget = attributeText(static_cast<const MD_SPAN_IMG_DETAIL*>(detail)->src);
            }
            return 0;
        }
        if (m_imageDepth > 0)
            return 0;
        if (const char* tag = spanTag(type)) {
            out += u'<' + QLatin1String(tag) + u'>';
            return 0;
        }
        if (type != MD_SPAN_A) // maths and wiki links are not enabled: nothing to write
            return 0;
        const auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
        const QString target = allowedTarget(attributeText(a->href), true);
        // No link inside a link: the inner one keeps its text only.
        const bool link = !target.isEmpty() && m_openLinks == 0;
        m_links.append(link);
        if (link) {
            ++m_openLinks;
            out += QLatin1String("<a href=\"") + escapeHtml(target)
                   + QLatin1String("\" rel=\"noopener noreferrer nofollow\">");
        }
        return 0;
    }

    int leaveSpan(MD_SPANTYPE type)
    {
        if (type == MD_SPAN_IMG) {
            if (--m_imageDepth == 0)
                writeImage();
            return 0;
        }
        if (m_imageDepth > 0)
            return 0;
        if (const char* tag = spanTag(type)) {
            out += QLatin1String("</") + QLatin1String(tag) + u'>';
            return 0;
        }
        if (type == MD_SPAN_A && !m_links.isEmpty() && m_links.takeLast()) {
            --m_openLinks;
            out += QLatin1String("</a>");
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size)
    {
        QString piece;
        switch (type) {
        case MD_TEXT_NULLCHAR:
            piece = QChar(0xFFFD);
            break;
        case MD_TEXT_BR:
            if (m_imageDepth > 0)
                m_alt += u' ';
            else
                out += QLatin1String("<br>\n");
            return 0;
        case MD_TEXT_SOFTBR:
            piece = m_imageDepth > 0 ? QStringLiteral(" ") : QStringLiteral("\n");
            break;
        case MD_TEXT_ENTITY:
            piece = decodeEntity(utf8(text, size));
            break;
        case MD_TEXT_NORMAL:
        case MD_TEXT_CODE:
        case MD_TEXT_HTML: // raw HTML is text, escaped like any other
        case MD_TEXT_LATEXMATH:
            piece = utf8(text, size);
            break;
        }
        if (m_imageDepth > 0)
            m_alt += piece;
        else
            out += escapeHtml(piece);
        return 0;
    }

private:
    void writeImage()
    {
        const QString target = allowedTarget(m_imageTarget, false);
        const QString label = imageLabel(m_alt, target.isEmpty() ? QString() : target);
        if (target.isEmpty() || m_openLinks > 0) {
            out += QLatin1String("<span class=\"image\">") + escapeHtml(label)
                   + QLatin1String("</span>");
            return;
        }
        out += QLatin1String("<a class=\"image\" href=\"") + escapeHtml(target)
               + QLatin1String("\" rel=\"noopener noreferrer nofollow\">") + escapeHtml(label)
               + QLatin1String("</a>");
    }

    int m_imageDepth = 0;
    QString m_alt;
    QString m_imageTarget;
    QList<bool> m_links; // per open MD_SPAN_A: whether an <a> was written for it
    int m_openLinks = 0;
};

} // namespace

QString markdownToSafeHtml(const QString& markdown)
{
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
        return static_cast<Renderer*>(self)->enterBlock(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
        return static_cast<Renderer*>(self)->leaveBlock(type, detail);
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
        return static_cast<Renderer*>(self)->enterSpan(type, detail);
    };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
        return static_cast<Renderer*>(self)->leaveSpan(type);
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
        return static_cast<Renderer*>(self)->text(type, text, size);
    };
    const QByteArray bytes = markdown.toUtf8();
    Renderer renderer;
    if (md_parse(bytes.constData(), MD_SIZE(bytes.size()), &parser, &renderer) != 0) {
        // md4c ran out of memory: the text as it is, still escaped.
        return QLatin1String("<pre>") + escapeHtml(markdown) + QLatin1String("</pre>\n");
    }
    return renderer.out;
}

QString escapeHtml(const QString& text)
{
    QString escaped;
    escaped.reserve(text.size() + text.size() / 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            escaped += QLatin1String("&amp;");
            break;
        case u'<':
            escaped += QLatin1String("&lt;");
            break;
        case u'>':
            escaped += QLatin1String("&gt;");
            break;
        case u'"':
            escaped += QLatin1String("&quot;");
            break;
        case u'\'':
            escaped += QLatin1String("&#39;");
            break;
        default:
            escaped += c;
            break;
        }
    }
    return escaped;
}

} // namespace keel::core
