// TransferCliSupport: what TransferCliTest builds and runs: the keel binary in a --profile
// without a keychain or a provider from the environment, the history database of a profile,
// and conversations with everything a conversation can hold.
#pragma once

#include "KeelCli.h"
#include "store/Database.h"
#include "store/StorePaths.h"
#include "store/TreeStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <optional>

namespace keel::test {

using namespace keel::core;

inline const QByteArray kKey = "sk-keel-test-SECRET-4f9d";

using Run = CliRun;

inline QProcessEnvironment childEnvironment()
{
    return cliEnvironment();
}

inline Run runKeel(const QString& profile, const QStringList& arguments,
                   const QByteArray& input = {},
                   const QProcessEnvironment& env = childEnvironment(), int timeoutMs = 60000)
{
    return runKeelCli(profile, arguments, input, env, timeoutMs);
}

// Where `keel --profile DIR` keeps its history: applyProfile() points XDG_DATA_HOME into DIR.
inline QString databasePathIn(const QString& profile)
{
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QDir(profile).filePath(QStringLiteral("data")).toLocal8Bit());
    const QString path = defaultDatabasePath();
    qputenv("XDG_DATA_HOME", saved);
    return path;
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QJsonObject jsonObjectOf(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

// Where two byte strings first differ, with some context, for a failure message.
inline QString firstDifference(const QByteArray& a, const QByteArray& b)
{
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    return QStringLiteral("sizes %1 and %2, first difference at byte %3:\n%4\n---\n%5")
        .arg(a.size())
        .arg(b.size())
        .arg(i)
        .arg(QString::fromUtf8(a.mid(qMax<qsizetype>(0, i - 80), 200)),
             QString::fromUtf8(b.mid(qMax<qsizetype>(0, i - 80), 200)));
}

inline QDateTime at(int day, int second)
{
    return QDateTime(QDate(2031, 3, day), QTime(10, 0, second, 123), Qt::UTC);
}

inline StoredMessage message(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                             const QDateTime& createdAt)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = text;
    m.createdAt = createdAt;
    return m;
}

// A 1x1 PNG.
inline QByteArray pngBytes()
{
    return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
                               "890000000d49444154789c63f8cfc0d00000048101802c55ceb000000000"
                               "49454e44ae426082");
}

// Everything a conversation can hold: two branches below the first question (the first one
// current), an image and a text attachment, a reply with reasoning, usage, timing and a tool
// call with text and image results, an incomplete and a failed reply, per-conversation
// settings, pinned, CJK and emoji, multi-line code. Returns its id.
inline qint64 addRichConversation(Database& db)
{
    const qint64 id =
        db.createConversation(QStringLiteral("Round trip 往返 🚀 \"quoted\""),
                              QStringLiteral(R"({"model":"test-model","temperature":0.3})"))
            ->id;
    StoredMessage question =
        message(id, 0, Role::User,
                QStringLiteral(
                    "Explain this code, 请解释 🌏\n\n```cpp\nint main() {\n    return 0;\n}\n```\n"
                    "\tTabs, \\backslashes\\ and <tags> & \"quotes\"."),
                at(1, 1));
    Attachment image;
    image.kind = Attachment::Kind::Image;
    image.fileName = QStringLiteral("dot.png");
    image.mimeType = QStringLiteral("image/png");
    image.data = pngBytes();
    image.originalSize = image.data.size();
    Attachment notes;
    notes.kind = Attachment::Kind::Text;
    notes.fileName = QStringLiteral("notes 笔记.txt");
    notes.mimeType = QStringLiteral("text/plain");
    notes.data = QStringLiteral("line 1\nline 2 — ünïcode ✓\n").toUtf8();
    notes.originalSize = notes.data.size();
    question.attachments = {image, notes};
    const qint64 q = db.appendMessage(question)->id;

    StoredMessage first = message(
        id, q, Role::Assistant,
        QStringLiteral("Let me look. It returns **0**.\n\n```python\nprint('好')\n```"), at(1, 5));
    first.model = QStringLiteral("test-model");
    first.reasoning = QStringLiteral("The user wants 代码 explained.\nStep 2.");
    first.usage.inputTokens = 123;
    first.usage.outputTokens = 45;
    first.finishReason = QStringLiteral("stop");
    first.firstTokenMs = 321;
    first.durationMs = 4567;
    ToolCallRecord call;
    call.step = 1;
    call.textOffset = 12;
    call.call.id = QStringLiteral("call_1");
    call.call.name = QStringLiteral("read_file");
    call.call.arguments = QStringLiteral(R"({"path":"/tmp/a b.txt"})");
    call.server = QStringLiteral("files");
    call.toolName = QStringLiteral("read_file");
    call.state = ToolCallState::Done;
    ToolContent text;
    text.text = QStringLiteral("file body\nsecond line");
    ToolContent picture;
    picture.kind = ToolContent::Kind::Image;
    picture.mimeType = QStringLiteral("image/png");
    picture.data = pngBytes();
    call.result.content = {text, picture};
    call.result.durationMs = 42;
    first.toolCalls = {call};
    const qint64 firstId = db.appendMessage(first)->id;

    StoredMessage second =
        message(id, q, Role::Assistant, QStringLiteral("A second take, cut short"), at(1, 9));
    second.model = QStringLiteral("other-model");
    second.status = MessageStatus::Incomplete;
    second.errorMessage = QStringLiteral("The connection was closed.");
    const qint64 secondId = db.appendMessage(second)->id;
    const qint64 followUp =
        db.appendMessage(message(id, secondId, Role::User, QStringLiteral("Go on 😀"), at(1, 12)))
            ->id;
    StoredMessage failed = message(id, followUp, Role::Assistant, QStringLiteral(""), at(1, 15));
    failed.status = MessageStatus::Error;
    failed.errorMessage = QStringLiteral("Rate limited (429).");
    db.appendMessage(failed);

    db.selectBranch(id, firstId, 50); // the first reply's branch is the current one
    db.setPinned(id, true);
    return id;
}

inline qint64 addPlainConversation(Database& db, const QString& question, const QString& answer,
                                   int day)
{
    const qint64 id = db.createConversation(QString())->id;
    const qint64 q = db.appendMessage(message(id, 0, Role::User, question, at(day, 1)))->id;
    StoredMessage reply = message(id, q, Role::Assistant, answer, at(day, 2));
    reply.model = QStringLiteral("test-model");
    db.appendMessage(reply);
    return id;
}

// The conversation as the history holds it, for comparisons across profiles.
inline std::optional<ConversationTree> loadTree(const QString& profile, qint64 id)
{
    Database db;
    if (!db.open(databasePathIn(profile), Database::OpenMode::ReadOnly))
        return std::nullopt;
    return TreeStore(db).loadTree(id);
}

// The three alignments of needle's base64 inside a longer base64 text.
inline QList<QByteArray> base64Forms(const QByteArray& needle)
{
    QList<QByteArray> forms;
    for (int shift = 0; shift < 3; ++shift) {
        const QByteArray encoded = (QByteArray(shift, 'x') + needle).toBase64();
        const int start = shift == 0 ? 0 : 4; // the leading group mixes in the padding bytes
        forms << encoded.mid(start, encoded.size() - start - 4);
    }
    return forms;
}

} // namespace keel::test
