// WholeResponseMapper: see WholeResponseMapper.h.
#include "providers/WholeResponseMapper.h"

#include "providers/MapperSupport.h"

#include <QCoreApplication>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>
#include <variant>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct WholeResponseMapperText {
    Q_DECLARE_TR_FUNCTIONS(WholeResponseMapper)
};

// The start of a body, readable in one line: enough to recognise an HTML error page or a
// proxy's complaint without quoting megabytes.
QString bodySnippet(const QByteArray& body)
{
    constexpr qsizetype maxChars = 120;
    QString snippet =
        QString::fromUtf8(body.first(std::min<qsizetype>(body.size(), 4 * maxChars))).simplified();
    if (snippet.size() > maxChars || body.size() > 4 * maxChars) {
        snippet.truncate(maxChars);
        snippet += QChar(0x2026); // …
    }
    return snippet;
}

// Anything a user would see or a turn would end on; usage alone is not a reply.
bool holdsReply(const StreamEvents& events)
{
    return std::any_of(events.begin(), events.end(), [](const StreamEvent& event) {
        return !std::holds_alternative<UsageEvent>(event);
    });
}

StreamError protocolError(const QString& message)
{
    StreamError error;
    error.error.kind = ErrorKind::Protocol;
    error.error.message = message;
    return error;
}

} // namespace

WholeResponseMapper::WholeResponseMapper(QString providerName, MapFunction map)
    : m_providerName(std::move(providerName))
    , m_map(std::move(map))
{
}

StreamEvents WholeResponseMapper::feed(QByteArrayView bytes)
{
    if (m_tooBig)
        return {};
    if (m_body.size() + bytes.size() > kMaxBody) {
        m_tooBig = true;
        m_body.clear();
        return {protocolError(
            WholeResponseMapperText::tr("The reply from %1 is implausibly large (over %2 MB).")
                .arg(m_providerName)
                .arg(kMaxBody / (1024 * 1024)))};
    }
    m_body.append(bytes);
    return {};
}

StreamEvents WholeResponseMapper::finish()
{
    if (m_tooBig || m_complete)
        return {};
    const QByteArray body = std::exchange(m_body, {}).trimmed();
    if (body.isEmpty())
        return {protocolError(
            WholeResponseMapperText::tr("The reply from %1 was empty.").arg(m_providerName))};

    const nlohmann::json root = nlohmann::json::parse(body.cbegin(), body.cend(), nullptr, false);
    if (root.is_discarded()) {
        return {protocolError(WholeResponseMapperText::tr("The reply from %1 is not valid JSON: %2")
                                  .arg(m_providerName, bodySnippet(body)))};
    }
    StreamEvents events = m_map(root);
    if (!holdsReply(events)) {
        return {protocolError(WholeResponseMapperText::tr("The reply from %1 holds no message: %2")
                                  .arg(m_providerName, bodySnippet(body)))};
    }
    m_complete = true;
    return events;
}

} // namespace keel::core
