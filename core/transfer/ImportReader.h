// ImportReader: turns a file into an ImportBatch: recognises Keel JSON (one conversation or an
// archive), the ChatGPT data export (conversations.json with `mapping` trees) and the Claude
// data export (conversations.json with `chat_messages`), streams it with JsonElementStream and
// converts each conversation. Nothing is written here; the batch goes to TreeStore::importTrees.
// Errors are for humans: which file, which conversation (number and title), which line, and
// that nothing was imported. A ZIP archive, an empty file or another kind of JSON gets its own
// explanation.
#pragma once

#include "transfer/TransferTypes.h"

#include <QByteArray>
#include <QString>

namespace keel::core {

struct ImportReadResult {
    std::optional<ImportBatch> batch; // nullopt: error says why
    TransferError error;
};

// progress reports (bytes read, file size).
ImportReadResult readImportFile(const QString& path, const TransferProgress& progress = {});
// The same for bytes already in memory (tests, fuzzing); name stands for the file in errors.
ImportReadResult readImportData(const QByteArray& data, const QString& name,
                                const TransferProgress& progress = {});

} // namespace keel::core
