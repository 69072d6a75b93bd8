// JsonElementStream: nlohmann's SAX parser over a QIODevice read in 64 KB chunks, with a DOM
// builder of its own (a stack of pointers, no recursion) that hands each conversation over as
// soon as it is complete, so at most one element is in memory at a time.
//
// The header of a top-level object is built as the parse goes: while the "conversations"
// elements are handed over, header() already holds the keys that came before them (a Keel file
// puts format and version first), and after read() all of them.
#include "transfer/JsonElementStream.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QRegularExpression>

#include <algorithm>
#include <istream>
#include <streambuf>
#include <utility>
#include <vector>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct JsonElementStreamText {
    Q_DECLARE_TR_FUNCTIONS(JsonElementStream)
};

using json = nlohmann::json;

constexpr qint64 ChunkBytes = 64 * 1024;
// Deeper than any real export and shallow enough for every recursive walk of a json value
// (dump, copy, comparison) to stay far from the end of a thread's stack.
constexpr int MaxDepth = 10000;
constexpr qsizetype MaxReasonLength = 200;

// Feeds the parser from the device, a chunk at a time; counts the bytes for progress and stops
// (end of input) when cancelled or when the device fails.
class DeviceBuffer : public std::streambuf {
public:
    DeviceBuffer(QIODevice& in, qint64 total, const TransferProgress& progress)
        : m_in(in)
        , m_total(total)
        , m_progress(progress)
        , m_chunk(ChunkBytes, '\0')
    {
    }

    bool cancelled() const { return m_cancelled; }
    QString readError() const { return m_readError; }
    qint64 bytesRead() const { return m_bytesRead; }
    // Bytes the parser has taken so far.
    qint64 consumed() const { return m_bytesRead - qint64(egptr() - gptr()); }

    // Line and column (from 1, as nlohmann counts them) of the byte before `position`, for the
    // errors whose message has none; the chunk holding it is the current one.
    std::pair<qint64, qint64> lineAndColumn(qint64 position) const
    {
        const qint64 chunkStart = m_bytesRead - qint64(egptr() - eback());
        const qint64 upto = std::clamp<qint64>(position - chunkStart, 0, egptr() - eback());
        qint64 lines = m_newlinesBefore;
        qint64 lastNewline = m_lastNewlineBefore;
        for (qint64 i = 0; i < upto; ++i) {
            if (eback()[i] == '\n') {
                ++lines;
                lastNewline = chunkStart + i;
            }
        }
        return {lines + 1, position - lastNewline - 1};
    }

protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (m_cancelled || !m_readError.isEmpty() || m_atEnd)
            return traits_type::eof();
        if (m_progress.cancelled()) {
            m_cancelled = true;
            return traits_type::eof();
        }
        for (const char* c = eback(); c != nullptr && c < egptr(); ++c) {
            if (*c == '\n') {
                ++m_newlinesBefore;
                m_lastNewlineBefore = m_bytesRead - qint64(egptr() - c);
            }
        }
        setg(nullptr, nullptr, nullptr);
        qint64 n = m_in.read(m_chunk.data(), ChunkBytes);
        // A pipe may have nothing yet without being at its end.
        while (n == 0 && m_in.isSequential() && !m_in.atEnd() && m_in.waitForReadyRead(30000))
            n = m_in.read(m_chunk.data(), ChunkBytes);
        if (n < 0) {
            m_readError = m_in.errorString();
            return traits_type::eof();
        }
        if (n == 0) {
            m_atEnd = true;
            m_progress(m_bytesRead, m_total);
            return traits_type::eof();
        }
        m_bytesRead += n;
        m_progress(m_bytesRead, m_total);
        setg(m_chunk.data(), m_chunk.data(), m_chunk.data() + n);
        return traits_type::to_int_type(*gptr());
    }

private:
    QIODevice& m_in;
    qint64 m_total = 0;
    const TransferProgress& m_progress;
    std::vector<char> m_chunk;
    qint64 m_bytesRead = 0;
    qint64 m_newlinesBefore = 0;     // in the chunks before the current one
    qint64 m_lastNewlineBefore = -1; // offset in the file
    bool m_cancelled = false;
    bool m_atEnd = false;
    QString m_readError{};
};

QString topLevelKind(const json& value)
{
    if (value.is_string())
        return JsonElementStreamText::tr("a string");
    if (value.is_boolean())
        return JsonElementStreamText::tr("true or false");
    if (value.is_null())
        return QStringLiteral("null");
    return JsonElementStreamText::tr("a number");
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 2: " prefix (line and column are said our way), shortened: "last read" can quote a
// whole long string.
QString parseReason(const std::string& what)
{
    QString reason = QString::fromStdString(what);
    if (reason.startsWith(QLatin1Char('['))) {
        const qsizetype end = reason.indexOf(QLatin1String("] "));
        if (end >= 0)
            reason = reason.mid(end + 2);
    }
    if (reason.startsWith(QLatin1String("parse error"))) {
        const qsizetype colon = reason.indexOf(QLatin1String(": "));
        if (colon >= 0)
            reason = reason.mid(colon + 2);
    }
    if (reason.size() > MaxReasonLength)
        reason = reason.left(MaxReasonLength) + QStringLiteral("…");
    return reason;
}

class ElementBuilder {
public:
    ElementBuilder(const JsonElementStream::ElementHandler& handler, const DeviceBuffer& buffer,
                   const TransferProgress& progress, json& header, bool& topLevelArray)
        : m_handler(handler)
        , m_buffer(buffer)
        , m_progress(progress)
        , m_header(header)
        , m_topLevelArray(topLevelArray)
    {
    }

    // After the parse: the whole top-level object when it had no "conversations" array (it is
    // then the one element); false when the handler stopped at it.
    bool finishTopLevelObject()
    {
        if (m_topLevelArray || m_streamedConversations || !m_header.is_object())
            return true;
        m_element = std::move(m_header);
        m_header = json();
        return deliver();
    }

    bool stopped() const { return m_stopped; }
    bool cancelled() const { return m_cancelled; }
    bool sawValue() const { return m_sawValue; }
    const QString& error() const { return m_error; }

    // ---- nlohmann's SAX interface ----
    bool null() { return scalar(json(nullptr)); }
    bool boolean(bool value) { return scalar(json(value)); }
    bool number_integer(json::number_integer_t value) { return scalar(json(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return scalar(json(value)); }
    bool number_float(json::number_float_t value, const json::string_t&)
    {
        return scalar(json(value));
    }
    bool string(json::string_t& value) { return scalar(json(std::move(value))); }
    bool binary(json::binary_t&) { return scalar(json()); } // JSON text has no binary values

    bool start_object(std::size_t) { return startContainer(json::object()); }
    bool end_object() { return endContainer(); }

    bool start_array(std::size_t)
    {
        if (m_depth == 0) {
            m_topLevelArray = true;
            return enter() && startStreaming();
        }
        if (m_pendingConversations) {
            m_pendingConversations = false;
            m_streamedConversations = true;
            return enter() && startStreaming();
        }
        return startContainer(json::array());
    }

    bool end_array()
    {
        if (m_streamDepth == m_depth) {
            m_streamDepth = 0;
            --m_depth;
            return true;
        }
        return endContainer();
    }

    bool key(json::string_t& name)
    {
        if (m_streamDepth == 0 && m_depth == 1 && name == "conversations") {
            m_pendingConversations = true; // streamed if it is an array
            return true;
        }
        m_slot = &(*m_stack.back())[name];
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& exception)
    {
        const std::string what = exception.what();
        // Nothing but whitespace before the end.
        if (!m_sawValue && what.find("unexpected end of input") != std::string::npos) {
            m_error = QStringLiteral("empty");
            return false;
        }
        static const QRegularExpression at(QStringLiteral("at line (\\d+), column (\\d+)"));
        const QRegularExpressionMatch match = at.match(QString::fromStdString(what));
        QString line = match.captured(1);
        QString column = match.captured(2);
        if (!match.hasMatch()) { // a number out of range says no position
            const auto [l, c] = m_buffer.lineAndColumn(qint64(position));
            line = QString::number(l);
            column = QString::number(c);
        }
        m_error = JsonElementStreamText::tr("not valid JSON at line %1, column %2 (byte %3): %4")
                      .arg(line, column)
                      .arg(std::min(qint64(position), m_buffer.bytesRead())) // not past the end
                      .arg(parseReason(what));
        return false;
    }

private:
    bool enter()
    {
        m_sawValue = true;
        if (++m_depth > MaxDepth) {
            m_error = JsonElementStreamText::tr("nested more than %1 levels deep (at byte %2)")
                          .arg(MaxDepth)
                          .arg(m_buffer.consumed());
            return false;
        }
        return true;
    }

    // The array just opened holds the elements.
    bool startStreaming()
    {
        m_streamDepth = m_depth;
        m_streamBase = m_stack.size();
        return true;
    }

    bool atElementLevel() const
    {
        return m_streamDepth > 0 && m_depth == m_streamDepth && m_stack.size() == m_streamBase;
    }

    // Puts a new value where the parse is: a new element, the top-level object, the next item
    // of the array being built or the value of the last key.
    json* place(json&& value)
    {
        if (atElementLevel()) {
            m_element = std::move(value);
            return &m_element;
        }
        if (m_stack.empty()) {
            m_header = std::move(value);
            return &m_header;
        }
        json& parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        if (m_pendingConversations) { // "conversations" that is not an array: a header field
            m_pendingConversations = false;
            m_slot = &parent["conversations"];
        }
        *m_slot = std::move(value);
        return m_slot;
    }

    bool scalar(json&& value)
    {
        m_sawValue = true;
        if (m_depth == 0) {
            m_error = JsonElementStreamText::tr("not an array or an object (the whole file is %1)")
                          .arg(topLevelKind(value));
            return false;
        }
        const bool element = atElementLevel();
        place(std::move(value));
        return !element || deliver();
    }

    bool startContainer(json&& empty)
    {
        json* container = place(std::move(empty)); // where the parse is before it goes in
        if (!enter())
            return false;
        m_stack.push_back(container);
        return true;
    }

    bool endContainer()
    {
        m_stack.pop_back();
        --m_depth;
        return !atElementLevel() || deliver();
    }

    bool deliver()
    {
        if (m_progress.cancelled()) {
            m_cancelled = true;
            return false;
        }
        json element = std::move(m_element);
        m_element = json();
        if (!m_handler(std::move(element), m_index++)) {
            m_stopped = true;
            return false;
        }
        return true;
    }

    const JsonElementStream::ElementHandler& m_handler;
    const DeviceBuffer& m_buffer;
    const TransferProgress& m_progress;
    json& m_header;
    bool& m_topLevelArray;

    std::vector<json*> m_stack; // the containers being built, innermost last
    json m_element;
    json* m_slot = nullptr; // the value of the last key
    int m_depth = 0;        // containers open, streamed arrays included
    int m_streamDepth = 0;  // depth of the array whose items are the elements; 0: none open
    std::size_t m_streamBase = 0;
    bool m_pendingConversations = false; // the header's "conversations" key was just read
    bool m_streamedConversations = false;
    qint64 m_index = 0;
    bool m_sawValue = false;
    bool m_stopped = false;
    bool m_cancelled = false;
    QString m_error{};
};

} // namespace

TransferError JsonElementStream::read(QIODevice& in, qint64 totalBytes,
                                      const ElementHandler& handler,
                                      const TransferProgress& progress)
{
    m_header = json();
    m_topLevelArray = false;
    if (progress.cancelled())
        return cancelledImport();
    progress(0, totalBytes);

    DeviceBuffer buffer(in, totalBytes, progress);
    std::istream stream(&buffer);
    ElementBuilder builder(handler, buffer, progress, m_header, m_topLevelArray);
    const bool parsed = json::sax_parse(stream, &builder);

    // The device's end and a cancel both look like the end of the input to the parser, so
    // they come first.
    if (buffer.cancelled() || builder.cancelled())
        return cancelledImport();
    if (builder.stopped())
        return {};
    if (!buffer.readError().isEmpty())
        return {JsonElementStreamText::tr("unreadable after %1 bytes: %2")
                    .arg(buffer.bytesRead())
                    .arg(buffer.readError())};
    if (!parsed || !builder.error().isEmpty())
        return {builder.error().isEmpty() ? JsonElementStreamText::tr("not valid JSON")
                                          : builder.error()};
    if (!builder.finishTopLevelObject())
        return builder.cancelled() ? cancelledImport() : TransferError{};
    return {};
}

} // namespace keel::core
