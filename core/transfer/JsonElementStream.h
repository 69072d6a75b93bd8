// JsonElementStream: reads a large JSON file one conversation at a time, so a 200 MB export
// never becomes one 2 GB DOM. The conversations are the elements of the top-level array, or of
// the top-level object's "conversations" array (the rest of that object is the header), or the
// top-level object itself when it has no such array. Built on nlohmann's SAX parser: syntax
// errors name the line and column; reading stops early on cancel.
#pragma once

#include "transfer/TransferTypes.h"

#include <functional>
#include <nlohmann/json.hpp>

class QIODevice;

namespace keel::core {

class JsonElementStream {
public:
    // Called with each element in file order (index from 0); return false to stop (the
    // handler then owns the reason: read() returns an empty, non-cancelled error).
    using ElementHandler = std::function<bool(nlohmann::json&& element, qint64 index)>;

    // Reads `in` to the end. progress gets (bytes read, totalBytes) now and then and its cancel
    // flag is checked as often. Errors: "not valid JSON at line L, column C: <what>", "empty",
    // a top level that is neither an array nor an object, cancelled (cancelledImport()).
    TransferError read(QIODevice& in, qint64 totalBytes, const ElementHandler& handler,
                       const TransferProgress& progress = {});

    // After read(): the top-level object without its "conversations" (null for an array or a
    // single-conversation object); true when the top level was an array.
    const nlohmann::json& header() const { return m_header; }
    bool topLevelArray() const { return m_topLevelArray; }

private:
    nlohmann::json m_header;
    bool m_topLevelArray = false;
};

} // namespace keel::core
