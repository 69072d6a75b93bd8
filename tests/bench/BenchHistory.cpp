// BenchHistory: a generated history at the app's schema, for start-up and open figures.
#include "BenchHistory.h"

#include "BenchSupport.h"
#include "store/Database.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <array>
#include <random>

namespace keel::bench {

namespace {

constexpr std::array kWords{
    "the",    "model",  "reply",   "stream", "token", "window", "thread", "queue",  "of",
    "and",    "to",     "a",       "in",     "is",    "it",     "you",    "that",   "for",
    "with",   "on",     "are",     "be",     "can",   "as",     "not",    "your",   "or",
    "have",   "if",     "but",     "an",     "from",  "by",     "we",     "will",   "what",
    "how",    "use",    "when",    "which",  "there", "more",   "so",     "one",    "all",
    "memory", "server", "request", "cache",  "paint", "event",  "loop",   "layout", "font"};

class Text {
public:
    int uniform(int low, int high)
    {
        return std::uniform_int_distribution<int>(low, high)(m_random);
    }

    QString sentences(int words)
    {
        QString text;
        bool capital = true;
        for (int i = 0; i < words; ++i) {
            QString word = QString::fromLatin1(kWords[std::size_t(uniform(0, kWords.size() - 1))]);
            if (capital)
                word[0] = word[0].toUpper();
            capital = false;
            text += word;
            if (i + 1 == words || uniform(0, 99) < 9) {
                text += QLatin1Char('.');
                capital = true;
            }
            if (i + 1 < words)
                text += uniform(0, 99) < 3 ? QStringLiteral("\n\n") : QStringLiteral(" ");
        }
        return text;
    }

    // Replies now and then carry a list or a code block, as real ones do.
    QString reply()
    {
        QString text = sentences(uniform(20, 160));
        const int extra = uniform(0, 9);
        if (extra == 0) {
            text += QStringLiteral("\n\n```cpp\nint answer(int x)\n{\n    return x * %1;\n}\n```\n")
                        .arg(uniform(2, 99));
        } else if (extra == 1) {
            for (int i = 0; i < 4; ++i)
                text += QStringLiteral("\n- ") + sentences(uniform(4, 12));
        }
        return text;
    }

private:
    std::mt19937 m_random{20261121};
};

bool run(QSqlQuery& query, QString* error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

} // namespace

BenchHistory generateHistory(const QString& databasePath, int conversations, int longMessages)
{
    BenchHistory history;
    const double start = monotonicSeconds();
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(databasePath + suffix);
    core::Database db;
    if (!db.open(databasePath)) {
        history.error = db.lastError().message;
        return history;
    }
    QSqlDatabase connection = db.connection();
    // A one-off bulk load: no journal needed (a failed run starts over).
    QSqlQuery(connection).exec(QStringLiteral("PRAGMA journal_mode = OFF"));
    QSqlQuery(connection).exec(QStringLiteral("PRAGMA synchronous = OFF"));
    QSqlQuery(connection).exec(QStringLiteral("BEGIN"));

    QSqlQuery insertConversation(connection);
    insertConversation.prepare(QStringLiteral(
        "INSERT INTO conversations (title, search_title, created_at, updated_at, pinned)"
        " VALUES (?, ?, ?, ?, 0)"));
    QSqlQuery insertMessage(connection);
    insertMessage.prepare(QStringLiteral(
        "INSERT INTO messages (conversation_id, parent_id, role, content, search_text, model,"
        " input_tokens, output_tokens, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'complete', ?, ?)"));
    QSqlQuery finishConversation(connection);
    finishConversation.prepare(QStringLiteral(
        "UPDATE conversations SET current_leaf_id = ?, updated_at = ? WHERE id = ?"));

    Text text;
    const QVariant noText(QMetaType::fromType<QString>());
    const QVariant noParent(QMetaType::fromType<qint64>());
    qint64 time = QDateTime(QDate(2025, 1, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
    const int longIndex = conversations / 2; // in the middle: not simply the newest rows
    for (int c = 0; c < conversations; ++c) {
        const int messages = c == longIndex ? longMessages : 2 * text.uniform(1, 3);
        time += qint64(text.uniform(10, 120)) * 60'000;
        const QString first = text.sentences(text.uniform(4, 30));
        const QString title = core::Database::titleFromMessage(first);
        const QString indexedTitle = core::Database::searchTextFor(title);
        insertConversation.bindValue(0, title);
        insertConversation.bindValue(1, indexedTitle == title ? noText : QVariant(indexedTitle));
        insertConversation.bindValue(2, time);
        insertConversation.bindValue(3, time);
        if (!run(insertConversation, &history.error))
            return history;
        const qint64 conversationId = insertConversation.lastInsertId().toLongLong();
        if (c == longIndex)
            history.longConversationId = conversationId;
        qint64 parent = 0;
        for (int m = 0; m < messages; ++m) {
            const bool assistant = m % 2 == 1;
            const QString content =
                m == 0 ? first : (assistant ? text.reply() : text.sentences(text.uniform(4, 40)));
            const QString indexed = core::Database::searchTextFor(content);
            time += qint64(text.uniform(2, 90)) * 1000;
            insertMessage.bindValue(0, conversationId);
            insertMessage.bindValue(1, parent ? QVariant(parent) : noParent);
            insertMessage.bindValue(2, assistant ? QStringLiteral("assistant")
                                                 : QStringLiteral("user"));
            insertMessage.bindValue(3, content);
            insertMessage.bindValue(4, indexed == content ? noText : QVariant(indexed));
            insertMessage.bindValue(5,
                                    assistant ? QStringLiteral("gpt-4o-mini") : QStringLiteral(""));
            insertMessage.bindValue(6, assistant ? text.uniform(50, 4000) : -1);
            insertMessage.bindValue(7, assistant ? text.uniform(20, 1500) : -1);
            insertMessage.bindValue(8, time);
            insertMessage.bindValue(9, time);
            if (!run(insertMessage, &history.error))
                return history;
            parent = insertMessage.lastInsertId().toLongLong();
            ++history.messages;
        }
        finishConversation.bindValue(0, parent);
        finishConversation.bindValue(1, time);
        finishConversation.bindValue(2, conversationId);
        if (!run(finishConversation, &history.error))
            return history;
        ++history.conversations;
    }
    QSqlQuery commit(connection);
    commit.prepare(QStringLiteral("COMMIT"));
    if (!run(commit, &history.error))
        return history;
    // As the app leaves it: write-ahead log on.
    QSqlQuery(connection).exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    history.seconds = monotonicSeconds() - start;
    history.ok = history.longConversationId > 0;
    return history;
}

} // namespace keel::bench
