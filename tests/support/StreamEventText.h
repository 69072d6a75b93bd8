// StreamEventText: readable, comparable renderings of StreamEvents for the mapper tests, and the
// runs that feed a mapper its bytes whole, in fixed-size chunks or in random slices, so every
// test can show that chunking changes nothing.
#pragma once

#include "providers/StreamEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <type_traits>
#include <variant>

namespace keel::test {

// One line per event, so QCOMPARE failures show what differed.
inline QString describe(const core::StreamEvent& event)
{
    using namespace keel::core;
    return std::visit(
        [](const auto& e) -> QString {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, TextDelta>)
                return QStringLiteral("text:") + e.text;
            else if constexpr (std::is_same_v<T, ReasoningDelta>)
                return QStringLiteral("reasoning:") + e.text;
            else if constexpr (std::is_same_v<T, ToolCallDelta>)
                return QStringLiteral("tool:%1|%2|%3|%4")
                    .arg(QString::number(e.index), e.id, e.name, e.argumentsFragment);
            else if constexpr (std::is_same_v<T, UsageEvent>)
                return QStringLiteral("usage:%1/%2")
                    .arg(e.usage.inputTokens)
                    .arg(e.usage.outputTokens);
            else if constexpr (std::is_same_v<T, FinishEvent>)
                return QStringLiteral("finish:") + e.reason;
            else
                return QStringLiteral("error:%1|%2|%3")
                    .arg(QString::number(int(e.error.kind)), e.error.message,
                         e.error.retryable ? QStringLiteral("retry") : QStringLiteral("final"));
        },
        event);
}

inline QStringList describe(const core::StreamEvents& events)
{
    QStringList out;
    for (const core::StreamEvent& event : events)
        out.append(describe(event));
    return out;
}

// What one mapper made of a whole response.
struct Run {
    QStringList events;
    bool done = false;
};

template <typename Mapper>
Run feedWhole(const QByteArray& bytes)
{
    Mapper mapper;
    Run run;
    run.events = describe(mapper.feed(bytes));
    run.events += describe(mapper.finish());
    run.done = mapper.sawEndOfStream();
    return run;
}

template <typename Mapper>
Run feedInChunks(const QByteArray& bytes, qsizetype chunkSize)
{
    Mapper mapper;
    Run run;
    for (qsizetype i = 0; i < bytes.size(); i += chunkSize)
        run.events += describe(
            mapper.feed(QByteArrayView(bytes).sliced(i).first(qMin(chunkSize, bytes.size() - i))));
    run.events += describe(mapper.finish());
    run.done = mapper.sawEndOfStream();
    return run;
}

// Slices of 1..39 bytes, reproducible from the seed.
template <typename Mapper>
Run feedRandomly(const QByteArray& bytes, quint32 seed)
{
    QRandomGenerator random(seed);
    Mapper mapper;
    Run run;
    qsizetype i = 0;
    while (i < bytes.size()) {
        const qsizetype size = qMin<qsizetype>(random.bounded(1, 40), bytes.size() - i);
        run.events += describe(mapper.feed(QByteArrayView(bytes).sliced(i, size)));
        i += size;
    }
    run.events += describe(mapper.finish());
    run.done = mapper.sawEndOfStream();
    return run;
}

// The first error among the events, or nullptr; it points into events.
inline const core::StreamError* firstError(const core::StreamEvents& events)
{
    for (const core::StreamEvent& event : events) {
        if (const auto* error = std::get_if<core::StreamError>(&event))
            return error;
    }
    return nullptr;
}

} // namespace keel::test
