// JsonCounts: reading a count (tokens, context length) that a server sent as a JSON number.
// Servers are untrusted: a negative, fractional-huge or absurd number is "not reported" (-1),
// never undefined behaviour. Counts are capped at 2^53, so sums of a few stay in range.
#pragma once

#include <QtGlobal>

#include <nlohmann/json.hpp>

namespace keel::core {

inline qint64 jsonCount(const nlohmann::json* value)
{
    constexpr qint64 kMax = qint64(1) << 53;
    if (!value)
        return -1;
    if (const auto* u = value->get_ptr<const nlohmann::json::number_unsigned_t*>())
        return *u <= nlohmann::json::number_unsigned_t(kMax) ? static_cast<qint64>(*u) : -1;
    if (const auto* i = value->get_ptr<const nlohmann::json::number_integer_t*>())
        return *i >= 0 && *i <= kMax ? static_cast<qint64>(*i) : -1;
    if (const auto* f = value->get_ptr<const nlohmann::json::number_float_t*>())
        return *f >= 0 && *f <= double(kMax) ? static_cast<qint64>(*f) : -1;
    return -1;
}

} // namespace keel::core
