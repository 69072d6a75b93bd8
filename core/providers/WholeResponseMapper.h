// WholeResponseMapper: the StreamMapper of a non-streaming turn ("stream": false). It keeps the
// body until the response ends, parses it as one JSON document and hands it to the provider's
// mapping, which yields the same StreamEvents the provider's stream would have (text, reasoning,
// tool calls, usage, finish reason, or the error a 200 body may carry), so TurnRunner treats
// both kinds of turn alike.
#pragma once

#include "providers/Provider.h"

#include <QString>

#include <functional>
#include <nlohmann/json_fwd.hpp>

namespace keel::core {

class WholeResponseMapper final : public StreamMapper {
public:
    // No chat reply is this big; a server sending more is broken or hostile.
    static constexpr qsizetype kMaxBody = 64 * 1024 * 1024;

    // The events a whole response means; called once, with a parsed JSON document.
    using MapFunction = std::function<StreamEvents(const nlohmann::json& response)>;

    // providerName names the server in errors ("Anthropic", "Ollama" ...).
    WholeResponseMapper(QString providerName, MapFunction map);

    StreamEvents feed(QByteArrayView bytes) override; // buffers; an error only past kMaxBody
    StreamEvents finish() override;                   // parses and maps the whole body
    bool sawEndOfStream() const override { return m_complete; }

private:
    QString m_providerName;
    MapFunction m_map;
    QByteArray m_body;
    bool m_tooBig = false;
    bool m_complete = false; // the body parsed and held a reply (or an error)
};

} // namespace keel::core
