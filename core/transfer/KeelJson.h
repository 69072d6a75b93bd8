// KeelJson: Keel's own export format, lossless: every branch, metadata, tool calls and
// attachments (base64), with a format tag and a version. One file holds one conversation or an
// archive of many; the same writer makes both, streaming, so an archive of any size never sits
// in memory. Written deterministically (ids renumbered in tree order, keys in a fixed order,
// two-space indentation), so export -> import -> export gives the same bytes.
//
//     {
//       "format": "keel.conversations",
//       "version": 1,
//       "conversations": [ { "sourceId": ..., "title": ..., "messages": [ ... ] } ]
//     }
#pragma once

#include "transfer/TransferTypes.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

class QIODevice;

namespace keel::core {

inline constexpr char KeelJsonFormat[] = "keel.conversations";
inline constexpr int KeelJsonVersion = 1;

class KeelJsonWriter {
public:
    explicit KeelJsonWriter(QIODevice& out);
    // Each returns false when the device failed to write (errorString() says why).
    bool begin();
    bool add(const ConversationTree& tree);
    bool finish();
    QString errorString() const { return m_error; }

private:
    bool write(const QByteArray& bytes);

    QIODevice& m_out;
    int m_count = 0;
    QString m_error;
};

// The whole document for these conversations (what KeelJsonWriter writes).
QByteArray keelJson(const QList<ConversationTree>& conversations);

// One conversation as written (messages renumbered 1.. in tree order).
nlohmann::ordered_json conversationToKeelJson(const ConversationTree& tree);

// One conversation object of a Keel file back to a tree (file-local ids). Unknown fields are
// ignored and missing ones defaulted; error (human, naming the field) when the value is not
// an object or a field has an impossible type (messages not an array, ...).
std::optional<ConversationTree> conversationFromKeelJson(const nlohmann::json& object,
                                                         QString& error);

// The file's top-level object (without its conversations) names this format.
bool isKeelHeader(const nlohmann::json& header);
// The version a Keel header declares (0 when absent); newer than KeelJsonVersion is refused.
int keelVersion(const nlohmann::json& header);

} // namespace keel::core
