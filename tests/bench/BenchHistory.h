// BenchHistory: the large history keel-bench starts the app with: 10,000 conversations (a few
// messages each, English text with some Markdown) and among them one of 5,000 messages, written
// straight into a database file with the app's own schema (Database), in one transaction.
#pragma once

#include <QString>

namespace keel::bench {

struct BenchHistory {
    bool ok = false;
    QString error;
    qint64 longConversationId = 0; // the 5,000-message conversation
    int conversations = 0;
    int messages = 0;
    double seconds = 0; // to generate
};

BenchHistory generateHistory(const QString& databasePath, int conversations, int longMessages);

} // namespace keel::bench
