// Attachment: what a file is (by its bytes, not its name), the size caps, and the fenced text the
// model reads for text and code files.
#include "chat/Attachment.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>

namespace keel::core {

namespace {

// Beyond the text cap only this much more is read to decide whether a large file is text: a
// 2 GB log must not be read whole to send its first 200 KB.
constexpr qint64 kTextSniffBytes = 4 * kMaxTextBytes;

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct AttachmentText {
    Q_DECLARE_TR_FUNCTIONS(Attachment)
};

// True when the bytes stop inside a multi-byte UTF-8 sequence (the decoder keeps such a tail as
// state instead of reporting it).
bool endsInsideCharacter(const QByteArray& bytes)
{
    const qsizetype size = bytes.size();
    for (qsizetype i = size - 1; i >= 0 && i >= size - 4; --i) {
        const auto byte = static_cast<unsigned char>(bytes.at(i));
        if ((byte & 0xC0) == 0x80)
            continue; // a continuation byte: the lead is further back
        const qsizetype length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        return size - i < length;
    }
    return false;
}

// Valid UTF-8 without NUL bytes. complete: the bytes are the whole file, so a character cut at
// the end is an error; otherwise they are its head and the cut is expected.
bool isText(const QByteArray& bytes, bool complete)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError() && !(complete && endsInsideCharacter(bytes));
}

// The longest prefix of at most maxBytes that ends on a character boundary.
QByteArray cutAtCharacter(const QByteArray& bytes, qint64 maxBytes)
{
    if (bytes.size() <= maxBytes)
        return bytes;
    qsizetype end = static_cast<qsizetype>(maxBytes);
    while (end > 0 && (static_cast<unsigned char>(bytes.at(end)) & 0xC0) == 0x80)
        --end;
    return bytes.left(end);
}

QString baseName(const QString& fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    return name.isEmpty() ? fileName : name;
}

// bytes: the whole file, or (complete false) its head; size: the size of the whole file.
AttachmentLoad classify(const QString& fileName, const QByteArray& bytes, qint64 size,
                        bool complete)
{
    const QString name = baseName(fileName);
    AttachmentLoad load;
    if (size <= 0) {
        load.error = AttachmentText::tr("%1 is empty.").arg(name);
        return load;
    }
    Attachment attachment;
    attachment.fileName = name;
    attachment.originalSize = size;
    if (const QString mime = imageMimeType(bytes); !mime.isEmpty()) {
        if (size > kMaxImageBytes) {
            load.error = AttachmentText::tr("%1 is %2; images can be at most %3.")
                             .arg(name, humanFileSize(size), humanFileSize(kMaxImageBytes));
            return load;
        }
        attachment.kind = Attachment::Kind::Image;
        attachment.mimeType = mime;
        attachment.data = bytes;
        load.attachment = attachment;
        return load;
    }
    if (!isText(bytes, complete)) {
        load.error =
            AttachmentText::tr("%1 is neither an image (PNG, JPEG, WebP, GIF) nor a text file.")
                .arg(name);
        return load;
    }
    attachment.kind = Attachment::Kind::Text;
    attachment.mimeType = QStringLiteral("text/plain");
    attachment.data = cutAtCharacter(bytes, kMaxTextBytes);
    attachment.truncated = size > attachment.data.size();
    if (attachment.truncated)
        load.warning = AttachmentText::tr("%1 is %2; only the first %3 are sent.")
                           .arg(name, humanFileSize(size), humanFileSize(kMaxTextBytes));
    load.attachment = attachment;
    return load;
}

} // namespace

QString codeFence(const QString& text, QChar mark)
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar c : text) {
        run = c == mark ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max<qsizetype>(3, longest + 1), mark);
}

QString humanFileSize(qint64 bytes)
{
    if (bytes < 1024)
        return AttachmentText::tr("%1 bytes").arg(bytes);
    const bool megabytes = bytes >= 1024 * 1024;
    const double value = double(bytes) / (megabytes ? 1024.0 * 1024.0 : 1024.0);
    QString number = value < 10 ? QString::number(value, 'f', 1) : QString::number(qRound(value));
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return megabytes ? AttachmentText::tr("%1 MB").arg(number)
                     : AttachmentText::tr("%1 KB").arg(number);
}

AttachmentLoad attachmentFromBytes(const QString& fileName, const QByteArray& bytes)
{
    return classify(fileName, bytes, bytes.size(), true);
}

AttachmentLoad attachmentFromFile(const QString& path)
{
    QFile file(path);
    const QString name = baseName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        AttachmentLoad load;
        load.error = AttachmentText::tr("%1 could not be read: %2").arg(name, file.errorString());
        return load;
    }
    const qint64 size = file.size();
    const QByteArray head = file.peek(16);
    // An image is read whole (unless it is too large to send); anything else only as far as
    // needed to tell text and to send the part below the cap.
    qint64 toRead = size;
    if (!imageMimeType(head).isEmpty())
        toRead = size > kMaxImageBytes ? head.size() : size;
    else
        toRead = std::min(size, kTextSniffBytes);
    const QByteArray bytes = file.read(toRead);
    if (bytes.size() < toRead) {
        AttachmentLoad load;
        load.error = AttachmentText::tr("%1 could not be read: %2").arg(name, file.errorString());
        return load;
    }
    return classify(path, bytes, size, bytes.size() == size);
}

QString imageMimeType(const QByteArray& bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (bytes.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("image/jpeg");
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    return {};
}

QString fenceLanguageFor(const QString& fileName)
{
    const QString name = baseName(fileName).toLower();
    static const QHash<QString, QString> byName = {
        {QStringLiteral("makefile"), QStringLiteral("makefile")},
        {QStringLiteral("gnumakefile"), QStringLiteral("makefile")},
        {QStringLiteral("dockerfile"), QStringLiteral("dockerfile")},
        {QStringLiteral("containerfile"), QStringLiteral("dockerfile")},
        {QStringLiteral("cmakelists.txt"), QStringLiteral("cmake")},
        {QStringLiteral("meson.build"), QStringLiteral("meson")},
        {QStringLiteral(".bashrc"), QStringLiteral("bash")},
        {QStringLiteral(".zshrc"), QStringLiteral("zsh")},
        {QStringLiteral(".profile"), QStringLiteral("bash")},
        {QStringLiteral(".gitignore"), QStringLiteral("gitignore")},
        {QStringLiteral("cargo.lock"), QStringLiteral("toml")},
    };
    if (const auto it = byName.constFind(name); it != byName.constEnd())
        return *it;
    if (name.startsWith(QLatin1String("dockerfile.")))
        return QStringLiteral("dockerfile");

    static const QHash<QString, QString> bySuffix = {
        {QStringLiteral("c"), QStringLiteral("c")},
        {QStringLiteral("h"), QStringLiteral("c")},
        {QStringLiteral("cpp"), QStringLiteral("cpp")},
        {QStringLiteral("cc"), QStringLiteral("cpp")},
        {QStringLiteral("cxx"), QStringLiteral("cpp")},
        {QStringLiteral("c++"), QStringLiteral("cpp")},
        {QStringLiteral("hpp"), QStringLiteral("cpp")},
        {QStringLiteral("hh"), QStringLiteral("cpp")},
        {QStringLiteral("hxx"), QStringLiteral("cpp")},
        {QStringLiteral("ipp"), QStringLiteral("cpp")},
        {QStringLiteral("py"), QStringLiteral("python")},
        {QStringLiteral("pyw"), QStringLiteral("python")},
        {QStringLiteral("pyi"), QStringLiteral("python")},
        {QStringLiteral("js"), QStringLiteral("javascript")},
        {QStringLiteral("mjs"), QStringLiteral("javascript")},
        {QStringLiteral("cjs"), QStringLiteral("javascript")},
        {QStringLiteral("jsx"), QStringLiteral("jsx")},
        {QStringLiteral("ts"), QStringLiteral("typescript")},
        {QStringLiteral("mts"), QStringLiteral("typescript")},
        {QStringLiteral("cts"), QStringLiteral("typescript")},
        {QStringLiteral("tsx"), QStringLiteral("tsx")},
        {QStringLiteral("json"), QStringLiteral("json")},
        {QStringLiteral("jsonl"), QStringLiteral("json")},
        {QStringLiteral("ndjson"), QStringLiteral("json")},
        {QStringLiteral("geojson"), QStringLiteral("json")},
        {QStringLiteral("sh"), QStringLiteral("bash")},
        {QStringLiteral("bash"), QStringLiteral("bash")},
        {QStringLiteral("zsh"), QStringLiteral("zsh")},
        {QStringLiteral("fish"), QStringLiteral("fish")},
        {QStringLiteral("ps1"), QStringLiteral("powershell")},
        {QStringLiteral("bat"), QStringLiteral("batch")},
        {QStringLiteral("cmd"), QStringLiteral("batch")},
        {QStringLiteral("rs"), QStringLiteral("rust")},
        {QStringLiteral("go"), QStringLiteral("go")},
        {QStringLiteral("java"), QStringLiteral("java")},
        {QStringLiteral("kt"), QStringLiteral("kotlin")},
        {QStringLiteral("kts"), QStringLiteral("kotlin")},
        {QStringLiteral("scala"), QStringLiteral("scala")},
        {QStringLiteral("groovy"), QStringLiteral("groovy")},
        {QStringLiteral("gradle"), QStringLiteral("groovy")},
        {QStringLiteral("sql"), QStringLiteral("sql")},
        {QStringLiteral("html"), QStringLiteral("html")},
        {QStringLiteral("htm"), QStringLiteral("html")},
        {QStringLiteral("xhtml"), QStringLiteral("html")},
        {QStringLiteral("css"), QStringLiteral("css")},
        {QStringLiteral("scss"), QStringLiteral("scss")},
        {QStringLiteral("sass"), QStringLiteral("sass")},
        {QStringLiteral("less"), QStringLiteral("less")},
        {QStringLiteral("yaml"), QStringLiteral("yaml")},
        {QStringLiteral("yml"), QStringLiteral("yaml")},
        {QStringLiteral("diff"), QStringLiteral("diff")},
        {QStringLiteral("patch"), QStringLiteral("diff")},
        {QStringLiteral("md"), QStringLiteral("markdown")},
        {QStringLiteral("markdown"), QStringLiteral("markdown")},
        {QStringLiteral("toml"), QStringLiteral("toml")},
        {QStringLiteral("ini"), QStringLiteral("ini")},
        {QStringLiteral("cfg"), QStringLiteral("ini")},
        {QStringLiteral("conf"), QStringLiteral("ini")},
        {QStringLiteral("xml"), QStringLiteral("xml")},
        {QStringLiteral("svg"), QStringLiteral("xml")},
        {QStringLiteral("ui"), QStringLiteral("xml")},
        {QStringLiteral("qrc"), QStringLiteral("xml")},
        {QStringLiteral("qml"), QStringLiteral("qml")},
        {QStringLiteral("cmake"), QStringLiteral("cmake")},
        {QStringLiteral("mk"), QStringLiteral("makefile")},
        {QStringLiteral("swift"), QStringLiteral("swift")},
        {QStringLiteral("m"), QStringLiteral("objectivec")},
        {QStringLiteral("mm"), QStringLiteral("objectivec")},
        {QStringLiteral("cs"), QStringLiteral("csharp")},
        {QStringLiteral("fs"), QStringLiteral("fsharp")},
        {QStringLiteral("vb"), QStringLiteral("vbnet")},
        {QStringLiteral("rb"), QStringLiteral("ruby")},
        {QStringLiteral("php"), QStringLiteral("php")},
        {QStringLiteral("pl"), QStringLiteral("perl")},
        {QStringLiteral("pm"), QStringLiteral("perl")},
        {QStringLiteral("lua"), QStringLiteral("lua")},
        {QStringLiteral("r"), QStringLiteral("r")},
        {QStringLiteral("dart"), QStringLiteral("dart")},
        {QStringLiteral("hs"), QStringLiteral("haskell")},
        {QStringLiteral("ex"), QStringLiteral("elixir")},
        {QStringLiteral("exs"), QStringLiteral("elixir")},
        {QStringLiteral("erl"), QStringLiteral("erlang")},
        {QStringLiteral("clj"), QStringLiteral("clojure")},
        {QStringLiteral("ml"), QStringLiteral("ocaml")},
        {QStringLiteral("zig"), QStringLiteral("zig")},
        {QStringLiteral("nim"), QStringLiteral("nim")},
        {QStringLiteral("jl"), QStringLiteral("julia")},
        {QStringLiteral("vue"), QStringLiteral("vue")},
        {QStringLiteral("svelte"), QStringLiteral("svelte")},
        {QStringLiteral("graphql"), QStringLiteral("graphql")},
        {QStringLiteral("gql"), QStringLiteral("graphql")},
        {QStringLiteral("proto"), QStringLiteral("protobuf")},
        {QStringLiteral("tex"), QStringLiteral("latex")},
        {QStringLiteral("csv"), QStringLiteral("csv")},
        {QStringLiteral("tf"), QStringLiteral("hcl")},
        {QStringLiteral("hcl"), QStringLiteral("hcl")},
        {QStringLiteral("nix"), QStringLiteral("nix")},
        {QStringLiteral("vim"), QStringLiteral("vim")},
        {QStringLiteral("el"), QStringLiteral("elisp")},
        {QStringLiteral("asm"), QStringLiteral("asm")},
        {QStringLiteral("s"), QStringLiteral("asm")},
        {QStringLiteral("glsl"), QStringLiteral("glsl")},
    };
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0) // no suffix, or a dot file without one (".env")
        return {};
    return bySuffix.value(name.mid(dot + 1));
}

QString textWithAttachments(const QString& text, const QList<Attachment>& attachments)
{
    QStringList blocks;
    if (!text.isEmpty())
        blocks << text;
    for (const Attachment& attachment : attachments) {
        if (attachment.isImage())
            continue;
        QString content = QString::fromUtf8(attachment.data);
        if (!content.isEmpty() && !content.endsWith(u'\n'))
            content += u'\n';
        const QString fence = codeFence(content);
        QString block = attachment.fileName + u'\n' + fence + fenceLanguageFor(attachment.fileName)
                        + u'\n' + content + fence;
        if (attachment.truncated)
            block += u'\n'
                     + AttachmentText::tr("(cut off at %1 of %2)")
                           .arg(humanFileSize(attachment.data.size()),
                                humanFileSize(attachment.originalSize));
        blocks << block;
    }
    return blocks.join(QLatin1String("\n\n"));
}

bool hasImages(const QList<Attachment>& attachments)
{
    return std::any_of(attachments.cbegin(), attachments.cend(),
                       [](const Attachment& attachment) { return attachment.isImage(); });
}

} // namespace keel::core
