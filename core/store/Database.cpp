// Database: schema, migrations, queries and the text rules of the full-text index.
//
// The index is FTS5 with the unicode61 tokenizer over a copy of each text in which every CJK
// character is its own token (separated by U+001F, which unicode61 treats as a separator and
// which displaySnippet() removes again). Texts without CJK are indexed as they are: the copy is
// stored (messages.search_text, conversations.search_title) only when it differs, and views
// give the FTS5 external-content tables the text that was indexed, so triggers can keep the
// index in step with every insert, update and (cascading) delete.
#include "store/Database.h"

#include "store/MessageExtras.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>

#include <atomic>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct DatabaseText {
    Q_DECLARE_TR_FUNCTIONS(Database)
};

constexpr char16_t IndexSeparator = 0x1F;
constexpr int TitleLength = 60;

// SQLite primary result codes (sqlite3.h); the Qt driver reports them as nativeErrorCode().
constexpr int SqlitePerm = 3;
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteIoErr = 10;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADb = 26;

const QString ConversationColumns = QStringLiteral(
    "c.id, c.title, c.created_at, c.updated_at, c.pinned, c.current_leaf_id, c.settings_json, "
    "c.source_id");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

// Text columns are NOT NULL, and the driver binds a null QString as NULL.
QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

// The indexed copy, or NULL when it equals the text (most texts: no CJK).
QVariant Database::storedSearchText(const QString& text)
{
    const QString indexed = searchTextFor(text);
    return indexed == text ? QVariant(QMetaType::fromType<QString>()) : QVariant(indexed);
}

QString Database::roleName(Role role)
{
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::User:
        return QStringLiteral("user");
    case Role::Assistant:
        return QStringLiteral("assistant");
    case Role::Tool: // tool results live inside the reply that made the calls; never a row
        return QStringLiteral("tool");
    }
    return QStringLiteral("user");
}

namespace {

Role roleFromName(const QString& name)
{
    if (name == QLatin1String("system"))
        return Role::System;
    if (name == QLatin1String("user"))
        return Role::User;
    return Role::Assistant;
}

bool isCjk(char32_t c)
{
    const bool inBlock = (c >= 0x1100 && c <= 0x11FF)       // Hangul Jamo
                         || (c >= 0x3000 && c <= 0x303F)    // CJK symbols (々 〆 〇 ...)
                         || (c >= 0x3040 && c <= 0x30FF)    // Hiragana, Katakana
                         || (c >= 0x3100 && c <= 0x31FF)    // Bopomofo, Hangul compat., kana ext.
                         || (c >= 0x3400 && c <= 0x4DBF)    // Han extension A
                         || (c >= 0x4E00 && c <= 0x9FFF)    // Han
                         || (c >= 0xA960 && c <= 0xA97F)    // Hangul Jamo extended A
                         || (c >= 0xAC00 && c <= 0xD7FF)    // Hangul syllables, Jamo ext. B
                         || (c >= 0xF900 && c <= 0xFAFF)    // Han compatibility
                         || (c >= 0xFF66 && c <= 0xFFDC)    // halfwidth Katakana and Hangul
                         || (c >= 0x1B000 && c <= 0x1B16F)  // kana supplement / extended
                         || (c >= 0x20000 && c <= 0x3134F); // Han extensions B-G
    // Punctuation in these blocks (、。「」・) separates words already.
    return inBlock && QChar::isLetterOrNumber(c);
}

// Walks text by code point (surrogate pairs joined).
template <typename F>
void forEachCodePoint(QStringView text, F&& f)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const QChar ch = text[i];
        if (ch.isHighSurrogate() && i + 1 < n && text[i + 1].isLowSurrogate()) {
            f(QChar::surrogateToUcs4(ch, text[i + 1]), text.mid(i, 2));
            i += 2;
        } else {
            f(char32_t(ch.unicode()), text.mid(i, 1));
            ++i;
        }
    }
}

QString humanMessage(StoreError::Kind kind, const QString& path, const QString& detail)
{
    switch (kind) {
    case StoreError::Kind::ReadOnly:
        return DatabaseText::tr("Keel cannot write to its history at %1: the file or its folder "
                                "is read-only (%2). What you type stays in the window but is not "
                                "saved.")
            .arg(path, detail);
    case StoreError::Kind::DiskFull:
        return DatabaseText::tr("The disk holding Keel's history (%1) is full. What you type "
                                "stays in the window but is not saved until there is space again.")
            .arg(path);
    case StoreError::Kind::Locked:
        return DatabaseText::tr("Keel's history at %1 is locked by another program (%2). The "
                                "change was not saved; close the other program and try again.")
            .arg(path, detail);
    case StoreError::Kind::Corrupt:
        return DatabaseText::tr("Keel's history at %1 is damaged (%2).").arg(path, detail);
    case StoreError::Kind::None:
    case StoreError::Kind::Other:
        break;
    }
    return DatabaseText::tr("Keel's history at %1 reported an error: %2").arg(path, detail);
}

ConversationSummary conversationFromRow(const QSqlQuery& q)
{
    ConversationSummary c;
    c.id = q.value(0).toLongLong();
    c.title = q.value(1).toString();
    c.createdAt = fromMs(q.value(2).toLongLong());
    c.updatedAt = fromMs(q.value(3).toLongLong());
    c.pinned = q.value(4).toInt() != 0;
    c.currentLeafId = q.value(5).isNull() ? 0 : q.value(5).toLongLong();
    c.settingsJson = q.value(6).toString();
    c.sourceId = q.value(7).toString();
    return c;
}

} // namespace

// A write transaction, or a savepoint inside one already open, rolled back unless committed.
class Database::Transaction {
public:
    explicit Transaction(Database& database)
        : m_database(database)
    {
    }
    ~Transaction()
    {
        if (m_active)
            rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool begin()
    {
        m_level = m_database.m_transactionDepth;
        // IMMEDIATE takes the write lock up front, so a busy database waits (busy_timeout)
        // instead of failing halfway through.
        if (!m_database.exec(m_level == 0 ? QStringLiteral("BEGIN IMMEDIATE")
                                          : QStringLiteral("SAVEPOINT keel_%1").arg(m_level)))
            return false;
        ++m_database.m_transactionDepth;
        m_active = true;
        return true;
    }
    bool commit()
    {
        if (!m_active)
            return false;
        if (!m_database.exec(m_level == 0 ? QStringLiteral("COMMIT")
                                          : QStringLiteral("RELEASE keel_%1").arg(m_level))) {
            rollback();
            return false;
        }
        m_active = false;
        --m_database.m_transactionDepth;
        return true;
    }
    void rollback()
    {
        // Keeps lastError: the failure that led here is what the user must hear about.
        QSqlQuery q(m_database.m_db);
        if (m_level == 0) {
            q.exec(QStringLiteral("ROLLBACK"));
        } else {
            q.exec(QStringLiteral("ROLLBACK TO keel_%1").arg(m_level));
            q.exec(QStringLiteral("RELEASE keel_%1").arg(m_level));
        }
        m_active = false;
        --m_database.m_transactionDepth;
    }

private:
    Database& m_database;
    int m_level = 0;
    bool m_active = false;
};

Database::Database() = default;

Database::~Database()
{
    close();
}

void Database::setBusyTimeoutMs(int milliseconds)
{
    m_busyTimeoutMs = milliseconds;
    if (m_open)
        exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(milliseconds));
}

// ---- opening ---------------------------------------------------------------------------------

bool Database::open(const QString& path, OpenMode mode)
{
    close();
    m_path = path;
    m_lastError = {};
    m_openWarnings.clear();
    m_recoveredStreaming = 0;

    if (mode == OpenMode::ReadOnly) {
        if (!QFileInfo::exists(path))
            return failWith(StoreError::Kind::Other,
                            DatabaseText::tr("There is no history database at %1.").arg(path));
        return openForReading();
    }

    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return failWith(StoreError::Kind::ReadOnly,
                        humanMessage(StoreError::Kind::ReadOnly, path,
                                     DatabaseText::tr("cannot create the folder")));
    if (openConnection(Connection::ReadWrite) && prepareReadWrite())
        return true;

    const StoreError failure = m_lastError;
    dropConnection();
    if (failure.kind == StoreError::Kind::Corrupt)
        return startOver(failure);
    if (failure.kind == StoreError::Kind::ReadOnly && QFileInfo::exists(path)) {
        // A write-protected history can still be shown and searched.
        if (openForReading()) {
            StoreError warning = failure;
            warning.message = humanMessage(StoreError::Kind::ReadOnly, path,
                                           DatabaseText::tr("opened for reading only"));
            m_openWarnings << warning;
            return true;
        }
        m_lastError = failure;
    }
    return false;
}

bool Database::setAsideAndStartOver()
{
    if (m_path.isEmpty() || m_readOnly)
        return false;
    const StoreError cause = m_lastError;
    dropConnection();
    m_openWarnings.clear();
    return startOver(cause);
}

bool Database::startOver(const StoreError& cause)
{
    const QString movedTo = moveAside();
    if (movedTo.isEmpty())
        return false; // lastError says why it could not be moved; nothing was overwritten
    if (!openConnection(Connection::ReadWrite) || !prepareReadWrite()) {
        dropConnection();
        return false;
    }
    StoreError warning;
    warning.kind = StoreError::Kind::Corrupt;
    warning.movedTo = movedTo;
    warning.message = DatabaseText::tr("%1 It was moved to %2 and a new, empty history was "
                                       "started.")
                          .arg(cause.message, movedTo);
    m_openWarnings << warning;
    return true;
}

bool Database::openForReading()
{
    if (openConnection(Connection::ReadOnly) && configureReadOnly())
        return true;
    dropConnection();
    if (m_lastError.kind == StoreError::Kind::Corrupt) {
        m_lastError.message +=
            u' ' + DatabaseText::tr("Start Keel to move it aside and begin a new history.");
        return false;
    }
    // A WAL database in a folder nobody may write to: SQLite cannot create the shared-memory
    // file it reads through. With no writer possible the file cannot change: read it as is.
    if (m_lastError.kind != StoreError::Kind::ReadOnly
        || QFileInfo(QFileInfo(m_path).absolutePath()).isWritable())
        return false;
    if (openConnection(Connection::Immutable) && configureReadOnly())
        return true;
    dropConnection();
    return false;
}

bool Database::openConnection(Connection kind)
{
    static std::atomic<int> counter{0};
    m_connectionName = QStringLiteral("keel-history-%1").arg(counter.fetch_add(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    switch (kind) {
    case Connection::ReadWrite:
        m_db.setDatabaseName(m_path);
        break;
    case Connection::ReadOnly:
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        break;
    case Connection::Immutable:
        m_db.setDatabaseName(QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded)
                             + QStringLiteral("?immutable=1"));
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        break;
    }
    m_readOnly = kind != Connection::ReadWrite;
    if (!m_db.open())
        return fail(m_db.lastError());
    m_open = true;
    return true;
}

void Database::dropConnection()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_open = false;
    m_readOnly = false;
    m_transactionDepth = 0;
}

void Database::close()
{
    dropConnection();
}

bool Database::prepareReadWrite()
{
    if (!exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs)))
        return false;
    // The first statement that reads the file: garbage shows up here as "not a database".
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("PRAGMA journal_mode = WAL")))
        return false;
    q.finish();
    if (!exec(QStringLiteral("PRAGMA foreign_keys = ON"))
        || !exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        return false;
    QSqlQuery check(m_db);
    if (!run(check, QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return false;
    check.finish();
    const std::optional<int> version = userVersion();
    if (!version)
        return false;
    if (*version > SchemaVersion)
        return failWith(StoreError::Kind::Other,
                        DatabaseText::tr("Keel's history at %1 was written by a newer version of "
                                         "Keel (schema %2; this version knows %3). Nothing was "
                                         "changed; please update Keel.")
                            .arg(m_path)
                            .arg(*version)
                            .arg(SchemaVersion));
    return migrate(*version) && recoverStreaming();
}

bool Database::configureReadOnly()
{
    if (!exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs))
        || !exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return false;
    QSqlQuery check(m_db);
    if (!run(check, QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return false;
    check.finish();
    const std::optional<int> version = userVersion();
    if (!version)
        return false;
    if (*version < SchemaVersion)
        return failWith(StoreError::Kind::Other,
                        DatabaseText::tr("Keel's history at %1 is from an older version of Keel: "
                                         "open the app once to upgrade it.")
                            .arg(m_path));
    if (*version > SchemaVersion)
        return failWith(StoreError::Kind::Other,
                        DatabaseText::tr("Keel's history at %1 was written by a newer version of "
                                         "Keel; please update Keel.")
                            .arg(m_path));
    return true;
}

std::optional<int> Database::userVersion()
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("PRAGMA user_version")) || !q.next()) {
        if (m_lastError.kind == StoreError::Kind::None)
            fail(q.lastError());
        return std::nullopt;
    }
    return q.value(0).toInt();
}

QString Database::moveAside()
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = m_path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_path + QStringLiteral(".corrupt-") + stamp + QStringLiteral("-%1").arg(n);
    if (!QFile::rename(m_path, target)) {
        failWith(StoreError::Kind::Corrupt,
                 DatabaseText::tr("Keel's history at %1 is damaged and could not be moved aside "
                                  "(to %2). It was left untouched; Keel runs without history.")
                     .arg(m_path, target));
        return {};
    }
    // The journal files belong to the damaged database: they travel with it.
    for (const QString& suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(m_path + suffix))
            QFile::rename(m_path + suffix, target + suffix);
    }
    return target;
}

// ---- migrations --------------------------------------------------------------------------------

bool Database::migrate(int fromVersion)
{
    for (int version = fromVersion; version < SchemaVersion; ++version) {
        Transaction tx(*this);
        if (!tx.begin())
            return false;
        const bool ok = version == 0   ? migrateTo1()
                        : version == 1 ? migrateTo2()
                        : version == 2 ? migrateTo3()
                                       : migrateTo4();
        if (!ok || !exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1))
            || !tx.commit())
            return false;
    }
    return true;
}

bool Database::migrateTo1()
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE conversations ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " title TEXT NOT NULL DEFAULT '',"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL,"
                       " pinned INTEGER NOT NULL DEFAULT 0,"
                       " current_leaf_id INTEGER,"
                       " settings_json TEXT NOT NULL DEFAULT '',"
                       " source_id TEXT NOT NULL DEFAULT '',"
                       " deleted_at INTEGER)"),
        QStringLiteral("CREATE TABLE messages ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " conversation_id INTEGER NOT NULL"
                       "  REFERENCES conversations(id) ON DELETE CASCADE,"
                       " parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,"
                       " role TEXT NOT NULL,"
                       " content TEXT NOT NULL DEFAULT '',"
                       " reasoning TEXT NOT NULL DEFAULT '',"
                       " model TEXT NOT NULL DEFAULT '',"
                       " input_tokens INTEGER NOT NULL DEFAULT -1,"
                       " output_tokens INTEGER NOT NULL DEFAULT -1,"
                       " status TEXT NOT NULL DEFAULT 'complete',"
                       " finish_reason TEXT NOT NULL DEFAULT '',"
                       " error_message TEXT NOT NULL DEFAULT '',"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX messages_conversation_parent"
                       " ON messages(conversation_id, parent_id)"),
        // Cascading deletes and walks down the tree look children up by parent alone.
        QStringLiteral("CREATE INDEX messages_parent ON messages(parent_id)"),
        // Keeps the crash recovery at every start from scanning all messages.
        QStringLiteral("CREATE INDEX messages_streaming ON messages(status)"
                       " WHERE status = 'streaming'"),
        QStringLiteral("CREATE INDEX conversations_updated ON conversations(updated_at)"),
    };
    for (const QString& sql : statements) {
        if (!exec(sql))
            return false;
    }
    return true;
}

bool Database::migrateTo3()
{
    // The calls a reply made and their results (JSON, see ToolCallRecord); "" for none.
    return exec(
        QStringLiteral("ALTER TABLE messages ADD COLUMN tool_calls TEXT NOT NULL DEFAULT ''"));
}

bool Database::migrateTo4()
{
    return MessageExtras(*this).createSchema();
}

bool Database::migrateTo2()
{
    if (!exec(QStringLiteral("ALTER TABLE messages ADD COLUMN search_text TEXT"))
        || !exec(QStringLiteral("ALTER TABLE conversations ADD COLUMN search_title TEXT")))
        return false;

    // The CJK copies of existing rows, in batches so a large history needs little memory.
    // Written before the triggers exist, and indexed by the rebuild below.
    const auto backfill = [this](const QString& table, const QString& source,
                                 const QString& target) {
        qint64 lastId = 0;
        for (;;) {
            QSqlQuery select(m_db);
            if (!run(select,
                     QStringLiteral("SELECT id, %1 FROM %2 WHERE id > ? ORDER BY id LIMIT 2000")
                         .arg(source, table),
                     {lastId}))
                return false;
            QList<QPair<qint64, QString>> changed;
            int rows = 0;
            while (select.next()) {
                ++rows;
                lastId = select.value(0).toLongLong();
                const QString text = select.value(1).toString();
                const QString indexed = searchTextFor(text);
                if (indexed != text)
                    changed.append({lastId, indexed});
            }
            select.finish();
            for (const auto& [id, indexed] : changed) {
                QSqlQuery update(m_db);
                if (!run(update,
                         QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(table, target),
                         {indexed, id}))
                    return false;
            }
            if (rows == 0)
                return true;
        }
    };
    if (!backfill(QStringLiteral("messages"), QStringLiteral("content"),
                  QStringLiteral("search_text"))
        || !backfill(QStringLiteral("conversations"), QStringLiteral("title"),
                     QStringLiteral("search_title")))
        return false;

    const QString tokenizer =
        QStringLiteral("tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'");
    const QStringList statements = {
        QStringLiteral("CREATE VIEW messages_search_source AS"
                       " SELECT id, COALESCE(search_text, content) AS body FROM messages"),
        QStringLiteral("CREATE VIEW conversations_search_source AS"
                       " SELECT id, COALESCE(search_title, title) AS title FROM conversations"),
        QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(body,"
                       " content = 'messages_search_source', content_rowid = 'id', %1)")
            .arg(tokenizer),
        QStringLiteral("CREATE VIRTUAL TABLE conversations_fts USING fts5(title,"
                       " content = 'conversations_search_source', content_rowid = 'id', %1)")
            .arg(tokenizer),
        QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"),
        QStringLiteral("INSERT INTO conversations_fts(conversations_fts) VALUES ('rebuild')"),
        // External content: the index is told the exact text it indexed when a row goes.
        QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
                       " INSERT INTO messages_fts(rowid, body)"
                       "  VALUES (new.id, COALESCE(new.search_text, new.content));"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
                       " INSERT INTO messages_fts(messages_fts, rowid, body)"
                       "  VALUES ('delete', old.id, COALESCE(old.search_text, old.content));"
                       " END"),
        QStringLiteral(
            "CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, search_text ON messages"
            " WHEN old.content IS NOT new.content OR old.search_text IS NOT new.search_text"
            " BEGIN"
            " INSERT INTO messages_fts(messages_fts, rowid, body)"
            "  VALUES ('delete', old.id, COALESCE(old.search_text, old.content));"
            " INSERT INTO messages_fts(rowid, body)"
            "  VALUES (new.id, COALESCE(new.search_text, new.content));"
            " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN"
                       " INSERT INTO conversations_fts(rowid, title)"
                       "  VALUES (new.id, COALESCE(new.search_title, new.title));"
                       " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN"
                       " INSERT INTO conversations_fts(conversations_fts, rowid, title)"
                       "  VALUES ('delete', old.id, COALESCE(old.search_title, old.title));"
                       " END"),
        QStringLiteral(
            "CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title, search_title"
            " ON conversations"
            " WHEN old.title IS NOT new.title OR old.search_title IS NOT new.search_title"
            " BEGIN"
            " INSERT INTO conversations_fts(conversations_fts, rowid, title)"
            "  VALUES ('delete', old.id, COALESCE(old.search_title, old.title));"
            " INSERT INTO conversations_fts(rowid, title)"
            "  VALUES (new.id, COALESCE(new.search_title, new.title));"
            " END"),
    };
    for (const QString& sql : statements) {
        if (!exec(sql))
            return false;
    }
    return true;
}

bool Database::recoverStreaming()
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("UPDATE messages SET status = 'incomplete', error_message ="
                            " CASE WHEN error_message = '' THEN ? ELSE error_message END"
                            " WHERE status = 'streaming'"),
             {DatabaseText::tr("Keel stopped before this reply was finished.")}))
        return false;
    m_recoveredStreaming = q.numRowsAffected();
    return true;
}

// ---- plumbing ----------------------------------------------------------------------------------

bool Database::run(QSqlQuery& query, const QString& sql, const QVariantList& values)
{
    if (!m_open)
        return failWith(StoreError::Kind::Other,
                        DatabaseText::tr("Keel's history is not open, so nothing can be loaded or "
                                         "saved."));
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return fail(query.lastError());
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return fail(query.lastError());
    return true;
}

bool Database::exec(const QString& sql)
{
    QSqlQuery q(m_db);
    return run(q, sql);
}

bool Database::fail(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xFF; // primary code of an extended one
    StoreError::Kind kind = ok ? errorKindForCode(code) : StoreError::Kind::Other;
    if (ok && (code == SqliteCantOpen || code == SqlitePerm)) {
        const QFileInfo file(m_path);
        const QFileInfo folder(file.absolutePath());
        const bool writable = file.exists() ? file.isWritable() : folder.isWritable();
        kind = writable ? StoreError::Kind::Other : StoreError::Kind::ReadOnly;
    }
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.driverText().trimmed();
    if (detail.isEmpty())
        detail = DatabaseText::tr("unknown error");
    detail = QStringLiteral("SQLite: ") + detail;
    return failWith(kind, humanMessage(kind, m_path, detail));
}

bool Database::failWith(StoreError::Kind kind, const QString& message)
{
    m_lastError.kind = kind;
    m_lastError.message = message;
    m_lastError.movedTo.clear();
    return false;
}

StoreError::Kind Database::errorKindForCode(int sqliteCode)
{
    switch (sqliteCode & 0xFF) {
    case SqliteReadOnly:
    case SqlitePerm:
        return StoreError::Kind::ReadOnly;
    case SqliteFull:
        return StoreError::Kind::DiskFull;
    case SqliteBusy:
    case SqliteLocked:
        return StoreError::Kind::Locked;
    case SqliteCorrupt:
    case SqliteNotADb:
        return StoreError::Kind::Corrupt;
    case SqliteIoErr:
    default:
        return StoreError::Kind::Other;
    }
}

bool Database::beginTransaction()
{
    if (!m_open)
        return failWith(StoreError::Kind::Other, DatabaseText::tr("The history is not open."));
    if (!exec(m_transactionDepth == 0
                  ? QStringLiteral("BEGIN IMMEDIATE")
                  : QStringLiteral("SAVEPOINT keel_%1").arg(m_transactionDepth)))
        return false;
    ++m_transactionDepth;
    return true;
}

bool Database::commitTransaction()
{
    if (m_transactionDepth == 0)
        return failWith(StoreError::Kind::Other, DatabaseText::tr("No transaction is open."));
    const int level = m_transactionDepth - 1;
    if (!exec(level == 0 ? QStringLiteral("COMMIT")
                         : QStringLiteral("RELEASE keel_%1").arg(level))) {
        rollbackTransaction();
        return false;
    }
    --m_transactionDepth;
    return true;
}

void Database::rollbackTransaction()
{
    if (m_transactionDepth == 0)
        return;
    const int level = m_transactionDepth - 1;
    QSqlQuery q(m_db);
    if (level == 0) {
        q.exec(QStringLiteral("ROLLBACK"));
    } else {
        q.exec(QStringLiteral("ROLLBACK TO keel_%1").arg(level));
        q.exec(QStringLiteral("RELEASE keel_%1").arg(level));
    }
    --m_transactionDepth;
}

const QString& Database::messageColumns()
{
    static const QString columns =

        QStringLiteral(
            "m.id, m.conversation_id, m.parent_id, m.role, m.content, m.reasoning, m.model, "
            "m.input_tokens, m.output_tokens, m.status, m.finish_reason, m.error_message, "
            "m.created_at, m.updated_at, m.tool_calls, m.first_token_ms, m.duration_ms");
    return columns;
}

StoredMessage Database::messageFromRow(const QSqlQuery& q)
{
    StoredMessage m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.parentId = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
    m.role = roleFromName(q.value(3).toString());
    m.content = q.value(4).toString();
    m.reasoning = q.value(5).toString();
    m.model = q.value(6).toString();
    m.usage.inputTokens = q.value(7).toLongLong();
    m.usage.outputTokens = q.value(8).toLongLong();
    m.status = messageStatusFromName(q.value(9).toString());
    m.finishReason = q.value(10).toString();
    m.errorMessage = q.value(11).toString();
    m.createdAt = fromMs(q.value(12).toLongLong());
    m.updatedAt = fromMs(q.value(13).toLongLong());
    m.toolCalls = toolCallRecordsFromJson(q.value(14).toString());
    m.firstTokenMs = MessageExtras::loadedMs(q.value(15));
    m.durationMs = MessageExtras::loadedMs(q.value(16));
    return m;
}

// ---- conversations -----------------------------------------------------------------------------

std::optional<QList<ConversationSummary>> Database::listConversations()
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("SELECT %1 FROM conversations c WHERE c.deleted_at IS NULL"
                               " ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC")
                    .arg(ConversationColumns)))
        return std::nullopt;
    QList<ConversationSummary> list;
    while (q.next())
        list.append(conversationFromRow(q));
    return list;
}

std::optional<ConversationSummary> Database::conversation(qint64 conversationId)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("SELECT %1 FROM conversations c WHERE c.id = ?")
                 .arg(ConversationColumns),
             {conversationId}))
        return std::nullopt;
    if (!q.next()) {
        failWith(
            StoreError::Kind::Other,
            DatabaseText::tr("Conversation %1 is no longer in the history.").arg(conversationId));
        return std::nullopt;
    }
    return conversationFromRow(q);
}

std::optional<ConversationSummary> Database::createConversation(const QString& title,
                                                                const QString& settingsJson)
{
    const qint64 now = nowMs();
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("INSERT INTO conversations (title, search_title, created_at,"
                            " updated_at, settings_json) VALUES (?, ?, ?, ?, ?)"),
             {nonNull(title), storedSearchText(title), now, now, nonNull(settingsJson)}))
        return std::nullopt;
    return conversation(q.lastInsertId().toLongLong());
}

std::optional<ConversationSummary> Database::setConversationSettings(qint64 conversationId,
                                                                     const QString& settingsJson)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("UPDATE conversations SET settings_json = ? WHERE id = ?"),
             {nonNull(settingsJson), conversationId}))
        return std::nullopt;
    return conversation(conversationId);
}

std::optional<ConversationSummary> Database::renameConversation(qint64 conversationId,
                                                                const QString& title)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("UPDATE conversations SET title = ?, search_title = ? WHERE id = ?"),
             {nonNull(title), storedSearchText(title), conversationId}))
        return std::nullopt;
    return conversation(conversationId);
}

std::optional<ConversationSummary> Database::setPinned(qint64 conversationId, bool pinned)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("UPDATE conversations SET pinned = ? WHERE id = ?"),
             {pinned ? 1 : 0, conversationId}))
        return std::nullopt;
    return conversation(conversationId);
}

bool Database::deleteConversation(qint64 conversationId)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("UPDATE conversations SET deleted_at = ?"
                              " WHERE id = ? AND deleted_at IS NULL"),
               {nowMs(), conversationId});
}

std::optional<ConversationSummary> Database::restoreConversation(qint64 conversationId)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("UPDATE conversations SET deleted_at = NULL WHERE id = ?"),
             {conversationId}))
        return std::nullopt;
    return conversation(conversationId);
}

std::optional<int> Database::purgeDeleted()
{
    Transaction tx(*this);
    if (!tx.begin())
        return std::nullopt;
    // A long branch would cascade parent by parent, deeper than SQLite's trigger depth limit:
    // cutting the parent links first lets every message go by its conversation alone.
    QSqlQuery unlink(m_db);
    if (!run(unlink, QStringLiteral("UPDATE messages SET parent_id = NULL WHERE conversation_id"
                                    " IN (SELECT id FROM conversations"
                                    " WHERE deleted_at IS NOT NULL)")))
        return std::nullopt;
    QSqlQuery remove(m_db);
    if (!run(remove, QStringLiteral("DELETE FROM conversations WHERE deleted_at IS NOT NULL")))
        return std::nullopt;
    const int removed = remove.numRowsAffected();
    if (!tx.commit())
        return std::nullopt;
    return removed;
}

// ---- messages ----------------------------------------------------------------------------------

std::optional<StoredMessage> Database::message(qint64 messageId)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("SELECT %1 FROM messages m WHERE m.id = ?").arg(messageColumns()),
             {messageId}))
        return std::nullopt;
    if (!q.next()) {
        failWith(StoreError::Kind::Other,
                 DatabaseText::tr("Message %1 is no longer in the history.").arg(messageId));
        return std::nullopt;
    }
    QList<StoredMessage> one{messageFromRow(q)};
    q.finish();
    if (!MessageExtras(*this).fillAttachments(one))
        return std::nullopt;
    return one.first();
}

std::optional<StoredMessage> Database::appendMessage(const StoredMessage& message)
{
    Transaction tx(*this);
    if (!tx.begin())
        return std::nullopt;
    const std::optional<ConversationSummary> owner = conversation(message.conversationId);
    if (!owner)
        return std::nullopt;
    if (message.parentId > 0) {
        QSqlQuery parent(m_db);
        if (!run(parent, QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"),
                 {message.parentId}))
            return std::nullopt;
        if (!parent.next() || parent.value(0).toLongLong() != message.conversationId) {
            failWith(StoreError::Kind::Other,
                     DatabaseText::tr("Message %1 is not in conversation %2, so nothing can be "
                                      "added below it.")
                         .arg(message.parentId)
                         .arg(message.conversationId));
            return std::nullopt;
        }
    }
    const qint64 now = nowMs();
    const qint64 created =
        message.createdAt.isValid() ? message.createdAt.toMSecsSinceEpoch() : now;
    const qint64 updated =
        message.updatedAt.isValid() ? message.updatedAt.toMSecsSinceEpoch() : created;
    QSqlQuery insert(m_db);
    if (!run(insert,
             QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content,"
                            " search_text, reasoning, model, input_tokens, output_tokens, status,"
                            " finish_reason, error_message, created_at, updated_at, tool_calls,"
                            " first_token_ms, duration_ms)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             {message.conversationId, nullableId(message.parentId), roleName(message.role),
              nonNull(message.content), storedSearchText(message.content),
              nonNull(message.reasoning), nonNull(message.model), message.usage.inputTokens,
              message.usage.outputTokens, wireName(message.status), nonNull(message.finishReason),
              nonNull(message.errorMessage), created, updated,
              nonNull(toolCallRecordsToJson(message.toolCalls)),
              MessageExtras::storedMs(message.firstTokenMs),
              MessageExtras::storedMs(message.durationMs)}))
        return std::nullopt;
    const qint64 id = insert.lastInsertId().toLongLong();
    if (!MessageExtras(*this).insertAttachments(id, message.attachments))
        return std::nullopt;

    QString title = owner->title;
    if (title.isEmpty() && message.role == Role::User)
        title = titleFromMessage(message.content);
    QSqlQuery touch(m_db);
    if (!run(touch,
             QStringLiteral("UPDATE conversations SET current_leaf_id = ?,"
                            " updated_at = MAX(updated_at, ?), title = ?, search_title = ?"
                            " WHERE id = ?"),
             {id, created, nonNull(title), storedSearchText(title), message.conversationId}))
        return std::nullopt;

    std::optional<StoredMessage> stored = this->message(id);
    if (!stored)
        return std::nullopt;
    QList<StoredMessage> one{*stored};
    if (!fillSiblings(message.conversationId, one) || !tx.commit())
        return std::nullopt;
    return one.first();
}

bool Database::saveMessage(const StoredMessage& message)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("UPDATE messages SET content = ?, search_text = ?, reasoning = ?,"
                              " status = ?, input_tokens = ?, output_tokens = ?,"
                              " finish_reason = ?, error_message = ?,"
                              " model = CASE WHEN ? = '' THEN model ELSE ? END, updated_at = ?,"
                              " tool_calls = ?, first_token_ms = ?, duration_ms = ? WHERE id = ?"),
               {nonNull(message.content), storedSearchText(message.content),
                nonNull(message.reasoning), wireName(message.status), message.usage.inputTokens,
                message.usage.outputTokens, nonNull(message.finishReason),
                nonNull(message.errorMessage), nonNull(message.model), nonNull(message.model),
                nowMs(), nonNull(toolCallRecordsToJson(message.toolCalls)),
                MessageExtras::storedMs(message.firstTokenMs),
                MessageExtras::storedMs(message.durationMs), message.id});
}

bool Database::saveStreamingText(qint64 messageId, const QString& content, const QString& reasoning,
                                 const std::optional<QString>& toolCallsJson)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("UPDATE messages SET content = ?, search_text = ?, reasoning = ?,"
                              " tool_calls = CASE WHEN ? THEN ? ELSE tool_calls END,"
                              " status = 'streaming', updated_at = ? WHERE id = ?"),
               {nonNull(content), storedSearchText(content), nonNull(reasoning),
                toolCallsJson.has_value(), nonNull(toolCallsJson.value_or(QString())), nowMs(),
                messageId});
}

std::optional<QList<StoredMessage>> Database::branchEndingAt(qint64 conversationId, qint64 leafId,
                                                             int count)
{
    QList<StoredMessage> messages;
    if (count <= 0 || leafId <= 0)
        return messages;
    // One primary-key lookup per step, never more than count steps: cheap whatever the length
    // of the conversation.
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("WITH RECURSIVE branch(id, depth) AS ("
                            " SELECT id, 0 FROM messages WHERE id = ? AND conversation_id = ?"
                            " UNION ALL"
                            " SELECT m.parent_id, b.depth + 1 FROM branch b"
                            " JOIN messages m ON m.id = b.id"
                            " WHERE m.parent_id IS NOT NULL AND b.depth + 1 < ?)"
                            " SELECT %1 FROM branch b JOIN messages m ON m.id = b.id"
                            " ORDER BY b.depth DESC")
                 .arg(messageColumns()),
             {leafId, conversationId, count}))
        return std::nullopt;
    while (q.next())
        messages.append(messageFromRow(q));
    return messages;
}

bool Database::fillSiblings(qint64 conversationId, QList<StoredMessage>& messages)
{
    if (messages.isEmpty())
        return true;
    // All children of every parent on the page, in one query.
    QStringList parents;
    bool hasRoot = false;
    for (const StoredMessage& m : messages) {
        if (m.parentId > 0)
            parents << QString::number(m.parentId);
        else
            hasRoot = true;
    }
    QString sql = QStringLiteral("SELECT id, parent_id FROM messages WHERE conversation_id = ?"
                                 " AND parent_id IN (SELECT value FROM json_each(?))");
    QVariantList values{conversationId, QString(QLatin1Char('[') + parents.join(QLatin1Char(','))
                                                + QLatin1Char(']'))};
    if (hasRoot) {
        sql += QStringLiteral(" UNION ALL SELECT id, NULL FROM messages"
                              " WHERE conversation_id = ? AND parent_id IS NULL");
        values << conversationId;
    }
    sql += QStringLiteral(" ORDER BY 1");
    QSqlQuery q(m_db);
    if (!run(q, sql, values))
        return false;
    QHash<qint64, QList<qint64>> children;
    while (q.next())
        children[q.value(1).isNull() ? 0 : q.value(1).toLongLong()].append(q.value(0).toLongLong());
    for (StoredMessage& m : messages)
        m.siblingIds = children.value(m.parentId);
    return true;
}

std::optional<qint64> Database::fallbackLeaf(qint64 conversationId)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("SELECT max(id) FROM messages WHERE conversation_id = ?"),
             {conversationId}))
        return std::nullopt;
    return q.next() && !q.value(0).isNull() ? q.value(0).toLongLong() : 0;
}

std::optional<ConversationPage> Database::pageEndingAt(const ConversationSummary& conversation,
                                                       qint64 leafId, int count)
{
    ConversationPage page;
    page.conversation = conversation;
    std::optional<QList<StoredMessage>> messages = branchEndingAt(conversation.id, leafId, count);
    if (!messages || !fillSiblings(conversation.id, *messages)
        || !MessageExtras(*this).fillAttachments(*messages))
        return std::nullopt;
    page.messages = std::move(*messages);
    page.hasOlder = !page.messages.isEmpty() && page.messages.first().parentId > 0;
    return page;
}

std::optional<ConversationPage> Database::loadLatest(qint64 conversationId, int count)
{
    const std::optional<ConversationSummary> owner = conversation(conversationId);
    if (!owner)
        return std::nullopt;
    qint64 leaf = owner->currentLeafId;
    if (leaf <= 0) {
        const std::optional<qint64> fallback = fallbackLeaf(conversationId);
        if (!fallback)
            return std::nullopt;
        leaf = *fallback;
    }
    std::optional<ConversationPage> page = pageEndingAt(*owner, leaf, count);
    if (page && page->messages.isEmpty() && owner->currentLeafId > 0) {
        // The remembered leaf is gone (should not happen): show the newest message's branch.
        const std::optional<qint64> fallback = fallbackLeaf(conversationId);
        if (!fallback)
            return std::nullopt;
        if (*fallback > 0)
            page = pageEndingAt(*owner, *fallback, count);
    }
    return page;
}

std::optional<ConversationPage> Database::loadOlder(qint64 conversationId, qint64 beforeMessageId,
                                                    int count)
{
    const std::optional<ConversationSummary> owner = conversation(conversationId);
    if (!owner)
        return std::nullopt;
    const std::optional<StoredMessage> before = message(beforeMessageId);
    if (!before)
        return std::nullopt;
    if (before->conversationId != conversationId) {
        failWith(StoreError::Kind::Other, DatabaseText::tr("Message %1 is not in conversation %2.")
                                              .arg(beforeMessageId)
                                              .arg(conversationId));
        return std::nullopt;
    }
    return pageEndingAt(*owner, before->parentId, count);
}

std::optional<ConversationPage> Database::selectBranch(qint64 conversationId, qint64 messageId,
                                                       int count)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("WITH RECURSIVE below(id) AS ("
                            " SELECT id FROM messages WHERE id = ? AND conversation_id = ?"
                            " UNION ALL"
                            " SELECT m.id FROM messages m JOIN below ON m.parent_id = below.id)"
                            " SELECT m.id FROM below JOIN messages m ON m.id = below.id"
                            " WHERE NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = m.id)"
                            " ORDER BY m.updated_at DESC, m.id DESC LIMIT 1"),
             {messageId, conversationId}))
        return std::nullopt;
    if (!q.next()) {
        failWith(StoreError::Kind::Other, DatabaseText::tr("Message %1 is not in conversation %2.")
                                              .arg(messageId)
                                              .arg(conversationId));
        return std::nullopt;
    }
    const qint64 leaf = q.value(0).toLongLong();
    q.finish();
    QSqlQuery update(m_db);
    if (!run(update, QStringLiteral("UPDATE conversations SET current_leaf_id = ? WHERE id = ?"),
             {leaf, conversationId}))
        return std::nullopt;
    return loadLatest(conversationId, count);
}

// ---- search ------------------------------------------------------------------------------------

std::optional<QList<SearchHit>> Database::search(const QString& query, int limit)
{
    QList<SearchHit> hits;
    const QString match = ftsQuery(query);
    if (match.isEmpty() || limit <= 0)
        return hits;

    // Newest first rather than by bm25: FTS5 walks its doclists in rowid order and stops at
    // the limit, so even a word in half of a million messages answers in milliseconds.
    const int titleLimit = qMax(1, limit / 5);
    QSqlQuery titles(m_db);
    if (!run(titles,
             QStringLiteral("SELECT c.id, c.title, c.updated_at,"
                            " highlight(conversations_fts, 0, char(2), char(3))"
                            " FROM conversations_fts"
                            " JOIN conversations c ON c.id = conversations_fts.rowid"
                            " WHERE conversations_fts MATCH ? AND c.deleted_at IS NULL"
                            " ORDER BY conversations_fts.rowid DESC LIMIT ?"),
             {match, titleLimit}))
        return std::nullopt;
    while (titles.next()) {
        SearchHit hit;
        hit.conversationId = titles.value(0).toLongLong();
        hit.title = titles.value(1).toString();
        hit.updatedAt = fromMs(titles.value(2).toLongLong());
        hit.snippet = displaySnippet(titles.value(3).toString());
        hits.append(hit);
    }
    titles.finish();

    QSqlQuery messages(m_db);
    if (!run(messages,
             QStringLiteral("SELECT m.id, m.conversation_id, c.title, m.updated_at,"
                            " snippet(messages_fts, 0, char(2), char(3), '…', 24)"
                            " FROM messages_fts"
                            " JOIN messages m ON m.id = messages_fts.rowid"
                            " JOIN conversations c ON c.id = m.conversation_id"
                            " WHERE messages_fts MATCH ? AND c.deleted_at IS NULL"
                            " ORDER BY messages_fts.rowid DESC LIMIT ?"),
             {match, limit - int(hits.size())}))
        return std::nullopt;
    while (messages.next()) {
        SearchHit hit;
        hit.messageId = messages.value(0).toLongLong();
        hit.conversationId = messages.value(1).toLongLong();
        hit.title = messages.value(2).toString();
        hit.updatedAt = fromMs(messages.value(3).toLongLong());
        hit.snippet = displaySnippet(messages.value(4).toString());
        hits.append(hit);
    }
    return hits;
}

// ---- text rules --------------------------------------------------------------------------------

QString Database::searchTextFor(const QString& text)
{
    bool needed = false;
    forEachCodePoint(text, [&needed](char32_t c, QStringView) {
        if (c == IndexSeparator || isCjk(c))
            needed = true;
    });
    if (!needed)
        return text;
    QString out;
    out.reserve(text.size() * 2);
    forEachCodePoint(text, [&out](char32_t c, QStringView units) {
        if (c == IndexSeparator) {
            out += QLatin1Char(' '); // ours alone, so displaySnippet() may drop every one
        } else if (isCjk(c)) {
            if (!out.isEmpty() && out.back() != QChar(IndexSeparator))
                out += QChar(IndexSeparator);
            out += units;
            out += QChar(IndexSeparator);
        } else {
            out += units;
        }
    });
    return out;
}

QString Database::ftsQuery(const QString& userQuery)
{
    constexpr int MaxTerms = 32;
    QStringList phrases;
    bool prefixLast = false;
    const QStringList words =
        userQuery.left(2000).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (phrases.size() == MaxTerms)
            break;
        QString phrase;
        bool hasToken = false;
        bool endsInLatinToken = false;
        int run = 0; // length of the Latin token at the end so far
        forEachCodePoint(word, [&](char32_t c, QStringView units) {
            if (c < 0x20) {
                phrase += QLatin1Char(' ');
                endsInLatinToken = false;
                run = 0;
            } else if (isCjk(c)) {
                // Inside quotes FTS5 tokenizes the text itself: spaces make each character a
                // token, and the quoted whole a phrase of adjacent characters.
                phrase += QLatin1Char(' ');
                phrase += units;
                phrase += QLatin1Char(' ');
                hasToken = true;
                endsInLatinToken = false;
                run = 0;
            } else if (QChar::isLetterOrNumber(c)) {
                phrase += units;
                hasToken = true;
                endsInLatinToken = true;
                ++run;
            } else {
                // Punctuation, quotes, '*', '-': literal text inside the quotes, where the
                // tokenizer treats it as a separator.
                phrase += c == U'"' ? QStringLiteral("\"\"") : units.toString();
                endsInLatinToken = false;
                run = 0;
            }
        });
        if (!hasToken)
            continue;
        phrases << QLatin1Char('"') + phrase.simplified() + QLatin1Char('"');
        prefixLast = endsInLatinToken && run >= 2;
    }
    if (phrases.isEmpty())
        return {};
    // The last word is probably still being typed, unless the query ends with a space. A
    // one-letter prefix would touch a large part of the vocabulary: it stays a whole word.
    if (prefixLast && !userQuery.back().isSpace())
        phrases.last() += QLatin1Char('*');
    return phrases.join(QLatin1Char(' '));
}

QString Database::displaySnippet(const QString& indexedSnippet)
{
    QString text = indexedSnippet;
    text.remove(QChar(IndexSeparator));
    return text.simplified();
}

QString Database::titleFromMessage(const QString& text)
{
    QString line;
    for (const QString& candidate : text.split(QLatin1Char('\n'))) {
        line = candidate.simplified();
        if (!line.isEmpty())
            break;
    }
    if (line.size() <= TitleLength)
        return line;
    QString cut = line.left(TitleLength - 1); // room for the ellipsis
    if (cut.back().isHighSurrogate())
        cut.chop(1);
    if (!line.at(cut.size()).isSpace()) {
        // Back to the last word boundary, unless the text has none worth keeping (CJK).
        const qsizetype space = cut.lastIndexOf(QLatin1Char(' '));
        if (space >= TitleLength / 3)
            cut.truncate(space);
    }
    return cut.trimmed() + QChar(0x2026);
}

// ---- schema 4: deletion and drafts (MessageExtras) ---------------------------------------------

std::optional<int> Database::deleteMessage(qint64 conversationId, qint64 messageId)
{
    return MessageExtras(*this).deleteMessage(conversationId, messageId);
}

bool Database::saveDraft(qint64 conversationId, const QString& text)
{
    return MessageExtras(*this).saveDraft(conversationId, text);
}

std::optional<QString> Database::draft(qint64 conversationId)
{
    return MessageExtras(*this).draft(conversationId);
}

} // namespace keel::core
