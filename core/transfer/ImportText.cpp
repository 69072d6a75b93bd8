// ImportText: see ImportText.h.
#include "transfer/ImportText.h"

#include "chat/Attachment.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace keel::core {

using nlohmann::json;

QString fencedBlock(const QString& text, const QString& language)
{
    const QString fence = codeFence(text);
    QString block = fence + language.simplified() + u'\n' + text;
    if (!text.endsWith(u'\n'))
        block += u'\n';
    return block + fence;
}

QString quotedBlock(const QString& text)
{
    QStringList lines = text.split(u'\n');
    for (QString& line : lines)
        line = line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line;
    return lines.join(u'\n');
}

void appendBlock(QString& text, const QString& block)
{
    if (block.isEmpty())
        return;
    if (!text.isEmpty())
        text += QLatin1String("\n\n");
    text += block;
}

const json& jsonField(const json& object, const char* key)
{
    static const json null;
    if (!object.is_object())
        return null;
    const auto it = object.find(key);
    return it == object.end() ? null : *it;
}

std::string_view jsonStringView(const json& object, const char* key)
{
    const json& value = jsonField(object, key);
    return value.is_string() ? std::string_view(value.get_ref<const std::string&>())
                             : std::string_view();
}

QString jsonText(const json& object, const char* key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    const std::string& value = it->get_ref<const std::string&>();
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

QString jsonCompact(const json& value)
{
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

std::optional<QDateTime> utcFromEpochSeconds(const json* value)
{
    if (value == nullptr || !value->is_number())
        return std::nullopt;
    const double seconds = value->get<double>();
    constexpr double maxSeconds = 253402300799.0; // 9999-12-31T23:59:59Z
    if (!std::isfinite(seconds) || seconds < 0 || seconds > maxSeconds)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), Qt::UTC);
}

std::optional<QDateTime> utcFromIso(const json* value)
{
    if (value == nullptr || !value->is_string())
        return std::nullopt;
    QString text = QString::fromStdString(value->get_ref<const std::string&>()).trimmed();
    // Qt reads at most milliseconds; Python and JavaScript write up to microseconds.
    static const QRegularExpression fraction(QStringLiteral(R"((\.\d{3})\d+)"));
    text.replace(fraction, QStringLiteral("\\1"));
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime) // no offset given: exports write UTC
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

} // namespace keel::core
