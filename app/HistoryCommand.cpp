// HistoryCommand: prints the history as text or JSON.
#include "HistoryCommand.h"

#include "store/Database.h"
#include "store/StorePaths.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

namespace keel::app {

namespace {

using nlohmann::json;

constexpr int SearchLimit = 50;

struct HistoryCommandText {
    Q_DECLARE_TR_FUNCTIONS(HistoryCommand)
};

void out(const QString& text)
{
    std::fputs(text.toUtf8().constData(), stdout);
}

int failure(const QString& message)
{
    std::fprintf(stderr, "keel: %s\n", message.simplified().toUtf8().constData());
    return 1;
}

void printJson(const json& document)
{
    const std::string text = document.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
    std::fputs(text.c_str(), stdout);
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

std::string isoTime(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs).toStdString();
}

QString localTime(const QDateTime& time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

json conversationJson(const core::ConversationSummary& c)
{
    return {{"id", c.id},
            {"title", utf8(c.title)},
            {"created_at", isoTime(c.createdAt)},
            {"updated_at", isoTime(c.updatedAt)},
            {"pinned", c.pinned},
            {"current_leaf_id", c.currentLeafId > 0 ? json(c.currentLeafId) : json(nullptr)}};
}

QString displayTitle(const QString& title)
{
    return title.isEmpty() ? QStringLiteral("(untitled)") : title;
}

} // namespace

HistoryCommand::HistoryCommand(AppOptions options)
    : m_options(std::move(options))
{
}

int HistoryCommand::run()
{
    const QString path = core::defaultDatabasePath();
    if (!QFileInfo::exists(path)) {
        if (m_options.historyAction == QStringLiteral("show"))
            return failure(HistoryCommandText::tr("No history yet."));
        if (m_options.json)
            printJson(json::array());
        else
            out(HistoryCommandText::tr("No history yet.") + QLatin1Char('\n'));
        return 0;
    }
    core::Database database;
    if (!database.open(path, core::Database::OpenMode::ReadOnly))
        return failure(database.lastError().message);
    if (m_options.historyAction == QStringLiteral("show"))
        return show(database);
    if (m_options.historyAction == QStringLiteral("search"))
        return search(database);
    return list(database);
}

int HistoryCommand::list(core::Database& database)
{
    const auto conversations = database.listConversations();
    if (!conversations)
        return failure(database.lastError().message);
    if (m_options.json) {
        json array = json::array();
        for (const core::ConversationSummary& c : *conversations)
            array.push_back(conversationJson(c));
        printJson(array);
        return 0;
    }
    if (conversations->isEmpty())
        out(HistoryCommandText::tr("No history yet.") + QLatin1Char('\n'));
    QString text;
    for (const core::ConversationSummary& c : *conversations) {
        text += QStringLiteral("%1\t%2\t%3%4\n")
                    .arg(c.id)
                    .arg(localTime(c.updatedAt), c.pinned ? QStringLiteral("[pinned] ") : QString(),
                         displayTitle(c.title).simplified());
    }
    out(text);
    return 0;
}

int HistoryCommand::show(core::Database& database)
{
    const qint64 id = m_options.historyConversationId;
    if (!database.conversation(id))
        return failure(
            HistoryCommandText::tr("There is no conversation %1 in the history.").arg(id));
    const auto page = database.loadLatest(id, std::numeric_limits<int>::max());
    if (!page)
        return failure(database.lastError().message);
    if (m_options.json) {
        json messages = json::array();
        for (const core::StoredMessage& m : page->messages) {
            messages.push_back(
                {{"id", m.id},
                 {"parent_id", m.parentId > 0 ? json(m.parentId) : json(nullptr)},
                 {"role", utf8(core::Database::roleName(m.role))},
                 {"status", utf8(core::wireName(m.status))},
                 {"content", utf8(m.content)},
                 {"reasoning", utf8(m.reasoning)},
                 {"model", utf8(m.model)},
                 {"created_at", isoTime(m.createdAt)},
                 {"input_tokens", m.usage.inputTokens},
                 {"output_tokens", m.usage.outputTokens},
                 {"finish_reason", utf8(m.finishReason)},
                 {"error", utf8(m.errorMessage)},
                 {"sibling_ids", std::vector<qint64>(m.siblingIds.begin(), m.siblingIds.end())}});
        }
        printJson({{"conversation", conversationJson(page->conversation)},
                   {"messages", std::move(messages)}});
        return 0;
    }
    QString text = QStringLiteral("# %1\n").arg(displayTitle(page->conversation.title));
    for (const core::StoredMessage& m : page->messages) {
        QString header = core::Database::roleName(m.role);
        if (m.status != core::MessageStatus::Complete)
            header += QStringLiteral(" (%1)").arg(core::wireName(m.status));
        if (m.siblingIds.size() > 1)
            header += QStringLiteral(" [%1/%2]")
                          .arg(m.siblingIds.indexOf(m.id) + 1)
                          .arg(m.siblingIds.size());
        text += QStringLiteral("\n%1:\n%2\n").arg(header, m.content);
        if (!m.errorMessage.isEmpty() && m.status != core::MessageStatus::Complete)
            text += QStringLiteral("[%1]\n").arg(m.errorMessage);
    }
    out(text);
    return 0;
}

int HistoryCommand::search(core::Database& database)
{
    const auto hits = database.search(m_options.historyQuery, SearchLimit);
    if (!hits)
        return failure(database.lastError().message);
    if (m_options.json) {
        json results = json::array();
        for (const core::SearchHit& hit : *hits) {
            results.push_back(
                {{"conversation_id", hit.conversationId},
                 {"message_id", hit.messageId > 0 ? json(hit.messageId) : json(nullptr)},
                 {"title", utf8(hit.title)},
                 {"snippet", utf8(hit.snippet)}, // matches between U+0002 and U+0003
                 {"updated_at", isoTime(hit.updatedAt)}});
        }
        printJson(results);
        return 0;
    }
    if (hits->isEmpty()) {
        out(HistoryCommandText::tr("No matches.") + QLatin1Char('\n'));
        return 0;
    }
    QString text;
    for (const core::SearchHit& hit : *hits) {
        QString snippet = hit.snippet;
        snippet.replace(QChar(0x02), QLatin1Char('[')).replace(QChar(0x03), QLatin1Char(']'));
        text += QStringLiteral("%1\t%2\t%3\t%4\n")
                    .arg(hit.conversationId)
                    .arg(hit.messageId > 0 ? QString::number(hit.messageId) : QStringLiteral("-"),
                         displayTitle(hit.title).simplified(), snippet);
    }
    out(text);
    return 0;
}

} // namespace keel::app
