// ImportReader: sniffs the first bytes (empty, ZIP, not JSON), streams the rest, decides the
// export's kind from the Keel header or the first conversation, and converts every conversation
// with the converter of that kind. Any error leaves no batch: an import is all or nothing.
#include "transfer/ImportReader.h"

#include "transfer/ChatGptImport.h"
#include "transfer/ClaudeImport.h"
#include "transfer/JsonElementStream.h"
#include "transfer/KeelJson.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ImportReaderText {
    Q_DECLARE_TR_FUNCTIONS(ImportReader)
};

using json = nlohmann::json;

constexpr qint64 SniffBytes = 4096;
constexpr int MaxKeysShown = 6;
constexpr qsizetype MaxTitleShown = 60;

QString nothingImported(const QString& message)
{
    return message + u' ' + ImportReaderText::tr("Nothing was imported.");
}

ImportReadResult failure(const QString& message)
{
    return {std::nullopt, {nothingImported(message)}};
}

QString quoted(const QString& text)
{
    return QStringLiteral("“%1”").arg(text);
}

// What the first bytes say before any parsing: empty, an archive, or not JSON at all. Empty
// string: looks like JSON, go on.
QString sniff(const QByteArray& head, const QString& name)
{
    QByteArray rest = head;
    if (rest.startsWith("\xEF\xBB\xBF"))
        rest.remove(0, 3);
    rest = rest.trimmed();
    if (rest.isEmpty()) // else more whitespace may follow: the stream tells
        return head.size() < SniffBytes ? ImportReaderText::tr("%1 is empty.").arg(quoted(name))
                                        : QString();
    if (head.startsWith("PK\x03\x04"))
        return ImportReaderText::tr("%1 is a ZIP archive: unpack it and choose conversations.json "
                                    "inside.")
            .arg(quoted(name));
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return ImportReaderText::tr("%1 is UTF-16 text; JSON files are UTF-8: save it as UTF-8 and "
                                    "import it again.")
            .arg(quoted(name));
    if (rest.front() == '[' || rest.front() == '{')
        return {};
    // The first line, printable, for the user to recognise (<!DOCTYPE html>, a CSV header, ...).
    QString start = QString::fromUtf8(rest.left(200)).section(QLatin1Char('\n'), 0, 0).trimmed();
    for (QChar& c : start) {
        if (!c.isPrint())
            c = QChar(u'·');
    }
    if (start.size() > 40)
        start = start.left(40) + QStringLiteral("…");
    return ImportReaderText::tr("%1 is not a JSON file (it starts with %2).")
        .arg(quoted(name), quoted(start));
}

QString plural(const json& value)
{
    switch (value.type()) {
    case json::value_t::object:
        return ImportReaderText::tr("objects");
    case json::value_t::array:
        return ImportReaderText::tr("arrays");
    case json::value_t::string:
        return ImportReaderText::tr("strings");
    case json::value_t::boolean:
        return ImportReaderText::tr("true and false values");
    case json::value_t::null:
        return ImportReaderText::tr("nulls");
    default:
        return ImportReaderText::tr("numbers");
    }
}

QString keyList(const json& object)
{
    QStringList keys;
    for (auto it = object.begin(); it != object.end() && keys.size() < MaxKeysShown; ++it)
        keys.append(QString::fromStdString(it.key()));
    QString list = keys.join(QStringLiteral(", "));
    if (object.size() > std::size_t(MaxKeysShown))
        list += QStringLiteral(", …");
    return list;
}

// One value for a human: "an object with keys a, b, c", "a number", ...
QString describe(const json& value)
{
    switch (value.type()) {
    case json::value_t::object:
        return value.empty() ? ImportReaderText::tr("an empty object")
                             : ImportReaderText::tr("an object with keys %1").arg(keyList(value));
    case json::value_t::array:
        return value.empty() ? ImportReaderText::tr("an empty array")
                             : ImportReaderText::tr("an array");
    case json::value_t::string:
        return ImportReaderText::tr("a string");
    case json::value_t::boolean:
        return ImportReaderText::tr("true or false");
    case json::value_t::null:
        return QStringLiteral("null");
    default:
        return ImportReaderText::tr("a number");
    }
}

// What the file holds, seen from its first element: "an array of numbers", "an object with
// keys a, b", "an object whose conversations are strings".
QString describeFile(const json& first, const JsonElementStream& stream)
{
    if (stream.topLevelArray()) {
        if (first.is_object())
            return first.empty() ? ImportReaderText::tr("an array of empty objects")
                                 : ImportReaderText::tr("an array of objects with keys %1")
                                       .arg(keyList(first));
        return ImportReaderText::tr("an array of %1").arg(plural(first));
    }
    if (stream.header().is_object())
        return ImportReaderText::tr("an object whose “conversations” are %1").arg(plural(first));
    return describe(first);
}

bool isKeelConversation(const json& element)
{
    const auto messages = element.is_object() ? element.find("messages") : element.end();
    return element.is_object() && messages != element.end() && messages->is_array();
}

QString titleOf(const json& element)
{
    if (!element.is_object())
        return {};
    for (const char* key : {"title", "name"}) {
        const auto it = element.find(key);
        if (it != element.end() && it->is_string()) {
            QString title = QString::fromStdString(it->get_ref<const std::string&>()).simplified();
            if (title.size() > MaxTitleShown)
                title = title.left(MaxTitleShown) + QStringLiteral("…");
            return title;
        }
    }
    return {};
}

QString versionError(const QString& name, int version)
{
    return ImportReaderText::tr("%1 is a Keel export of version %2; this version of Keel reads "
                                "version %3 and older. Update Keel to import it.")
        .arg(quoted(name))
        .arg(version)
        .arg(KeelJsonVersion);
}

class Reader {
public:
    Reader(QString name, const TransferProgress& progress)
        : m_name(std::move(name))
        , m_progress(progress)
    {
    }

    ImportReadResult read(QIODevice& in, qint64 total)
    {
        const TransferError streamError = m_stream.read(
            in, total, [this](json&& element, qint64 index) { return convert(element, index); },
            m_progress);
        if (streamError.cancelled || m_progress.cancelled())
            return {std::nullopt, cancelledImport()};
        if (!m_error.isEmpty())
            return failure(m_error);
        if (!streamError.ok())
            return failure(
                ImportReaderText::tr("%1 is %2.").arg(quoted(m_name), streamError.message));
        // Keys after the conversations are known only now.
        if (isKeelHeader(m_stream.header()) && keelVersion(m_stream.header()) > KeelJsonVersion)
            return failure(versionError(m_name, keelVersion(m_stream.header())));
        if (!m_kind) {
            if (isKeelHeader(m_stream.header()))
                m_kind = ImportSource::Keel; // an archive of no conversations
            else
                return failure(
                    ImportReaderText::tr("%1 holds no conversations.").arg(quoted(m_name)));
        }
        m_batch.source = *m_kind;
        return {std::move(m_batch), {}};
    }

private:
    bool convert(const json& element, qint64 index)
    {
        if (!m_kind && !decideKind(element))
            return false;
        const qint64 number = index + 1;
        const QString title = titleOf(element);
        const QString which =
            title.isEmpty()
                ? ImportReaderText::tr("Conversation %1 of %2").arg(number).arg(quoted(m_name))
                : ImportReaderText::tr("Conversation %1 (%2) of %3")
                      .arg(number)
                      .arg(quoted(title), quoted(m_name));
        QString error;
        std::optional<ConversationTree> tree;
        switch (*m_kind) {
        case ImportSource::Keel:
            if (isChatGptConversation(element) || isClaudeConversation(element)) {
                error = otherKind(element);
                break;
            }
            tree = conversationFromKeelJson(element, error);
            break;
        case ImportSource::ChatGpt:
            if (!isChatGptConversation(element)) {
                error = otherKind(element);
                break;
            }
            tree = chatGptConversation(element, error, m_batch.warnings);
            break;
        case ImportSource::Claude:
            if (!isClaudeConversation(element)) {
                error = otherKind(element);
                break;
            }
            tree = claudeConversation(element, error, m_batch.warnings);
            break;
        }
        if (!tree) {
            if (error.isEmpty())
                error = ImportReaderText::tr("it could not be read");
            // A translation may end its sentence with a full-width stop.
            if (!error.endsWith(QLatin1Char('.')) && !error.endsWith(QChar(0x3002)))
                error += QLatin1Char('.');
            m_error = QStringLiteral("%1: %2").arg(which, error);
            return false;
        }
        m_batch.messageCount += tree->messages.size();
        m_batch.conversations.append(std::move(*tree));
        return true;
    }

    // From the header when it names Keel's format, else from what the first element is.
    bool decideKind(const json& first)
    {
        const json& header = m_stream.header();
        if (isKeelHeader(header)) {
            if (keelVersion(header) > KeelJsonVersion) {
                m_error = versionError(m_name, keelVersion(header));
                return false;
            }
            m_kind = ImportSource::Keel;
        } else if (isChatGptConversation(first)) {
            m_kind = ImportSource::ChatGpt;
        } else if (isClaudeConversation(first)) {
            m_kind = ImportSource::Claude;
        } else if (isKeelConversation(first)) {
            m_kind = ImportSource::Keel;
        } else {
            m_error =
                ImportReaderText::tr("%1 is not a Keel, ChatGPT or Claude export: it holds %2.")
                    .arg(quoted(m_name), describeFile(first, m_stream));
            return false;
        }
        return true;
    }

    QString otherKind(const json& element) const
    {
        QString found = describe(element);
        if (isChatGptConversation(element))
            found = ImportReaderText::tr("a ChatGPT conversation");
        else if (isClaudeConversation(element))
            found = ImportReaderText::tr("a Claude conversation");
        return ImportReaderText::tr("it is %1, not a %2 conversation like the first one")
            .arg(found, sourceTitle(*m_kind));
    }

    QString m_name;
    const TransferProgress& m_progress;
    JsonElementStream m_stream;
    std::optional<ImportSource> m_kind;
    ImportBatch m_batch;
    QString m_error{};
};

} // namespace

ImportReadResult readImportFile(const QString& path, const TransferProgress& progress)
{
    const QFileInfo info(path);
    const QString name = info.fileName().isEmpty() ? path : info.fileName();
    if (!info.exists())
        return failure(ImportReaderText::tr("%1 does not exist.").arg(quoted(path)));
    if (info.isDir())
        return failure(ImportReaderText::tr("%1 is a folder, not a file.").arg(quoted(path)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(ImportReaderText::tr("%1 could not be opened: %2.")
                           .arg(quoted(path), file.errorString()));
    if (const QString sniffed = sniff(file.peek(SniffBytes), name); !sniffed.isEmpty())
        return failure(sniffed);
    return Reader(name, progress).read(file, file.size());
}

ImportReadResult readImportData(const QByteArray& data, const QString& name,
                                const TransferProgress& progress)
{
    if (const QString sniffed = sniff(data.left(SniffBytes), name); !sniffed.isEmpty())
        return failure(sniffed);
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return Reader(name, progress).read(buffer, data.size());
}

} // namespace keel::core
