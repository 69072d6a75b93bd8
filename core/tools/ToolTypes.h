// ToolTypes: the value types of tool use that cross threads and layers: what a turn offers the
// model (ToolSpec), what the model asks for (ToolCall), what a tool gives back (ToolResult), the
// user's policies and answers, the live state of a call shown on its card (ToolCallEvent), and
// the record of a call kept with the stored reply (ToolCallRecord).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>

namespace keel::core {

// The built-in tools' server name (MCP servers use the name given in mcp.json).
inline QString builtinServerName()
{
    return QStringLiteral("keel");
}

// One tool offered to the model.
struct ToolSpec {
    QString name{};  // as the model sees it: unique in a turn, [A-Za-z0-9_-]{1,64}
    QString title{}; // human title, if the tool has one
    QString description{};
    QString inputSchema{}; // JSON Schema of the arguments (an object schema), compact JSON text
    QString server{};      // MCP server name, or builtinServerName()
    QString toolName{};    // the tool's own name on its server
    // "server/tool": the key policies and per-tool switches are stored under.
    QString key() const { return server + QLatin1Char('/') + toolName; }
};

// A call the model asked for.
struct ToolCall {
    QString id{};        // the provider's call id; synthesized ("call_N") when it gives none
    QString name{};      // ToolSpec::name
    QString arguments{}; // JSON text of an object, as the model sent it ("{}" when empty)
};

// One piece of a tool's result.
struct ToolContent {
    enum class Kind { Text, Image, Audio, Resource, ResourceLink };
    Kind kind = Kind::Text;
    QString text{};     // Text; Resource with text; ResourceLink: its name
    QString mimeType{}; // Image, Audio, Resource
    QByteArray data{};  // Image, Audio, binary Resource: the decoded bytes
    QString uri{};      // Resource, ResourceLink
};

struct ToolResult {
    bool isError = false;
    QList<ToolContent> content{};
    qint64 durationMs = 0;
    // What the model is sent: text pieces joined by newlines; other pieces described in
    // brackets ("[image: image/png, 1234 bytes]").
    QString modelText() const;
    static ToolResult error(const QString& message);
};

enum class ToolPolicy { Ask, Allow, Deny };

// What a turn may do with tools. The GUI fills it from the Tools settings; the CLI from
// --allow-tool / --allow-all-tools.
struct ToolOptions {
    bool enabled = false;                       // false: no tools offered
    int maxSteps = 10;                          // model calls in one turn, the first included
    int callTimeoutMs = 0;                      // 0: none (long tools are normal)
    ToolPolicy defaultPolicy = ToolPolicy::Ask; // tools with no entry in `policies`
    QHash<QString, ToolPolicy> policies{};      // by ToolSpec::key()
    QSet<QString> disabledTools{};              // by ToolSpec::key(): not offered
    // Allowed by the name the model sees (ToolSpec::name), over any policy: the CLI's
    // --allow-tool NAME, given before the registry has named the tools.
    QSet<QString> allowedNames{};
    // Ask with nobody to ask (CLI): the call is denied and the model told so.
    bool canAsk = true;
    ToolPolicy policyFor(const QString& key) const { return policies.value(key, defaultPolicy); }
};

enum class ToolCallState {
    AwaitingApproval,
    Running,
    Done,      // the tool answered (its result may still say isError)
    Failed,    // it could not run or crashed: result carries the error
    Denied,    // by the user or by policy: the model was told
    Cancelled, // the user stopped the turn while it ran
};

// The user's answer to an approval card.
enum class ToolApproval { AllowOnce, AllowAlways, Deny };

// The life of one call, sent each time it changes (and on progress).
struct ToolCallEvent {
    QString turnId{};
    int step = 1; // which model call of the turn asked for it, from 1
    ToolCall call{};
    QString server{}; // "" when the model named a tool that does not exist
    QString toolName{};
    QString title{};
    ToolCallState state = ToolCallState::Running;
    // Progress reported by the tool (MCP notifications/progress); -1: none yet / unknown total.
    double progress = -1;
    double progressTotal = -1;
    QString progressMessage{};
    ToolResult result{};      // Done, Failed, Denied, Cancelled
    qint64 elapsedMs = 0;     // since it started running (0 while awaiting approval)
    qsizetype textOffset = 0; // length of the reply's text when the call was made
};

// A call as kept with a stored reply: enough to show its card again and to send the
// conversation back to the model.
struct ToolCallRecord {
    int step = 1;
    qsizetype textOffset = 0; // position in the reply's content where the call was made
    ToolCall call{};
    QString server{};
    QString toolName{};
    ToolCallState state = ToolCallState::Done;
    ToolResult result{};
};

QString wireName(ToolCallState state);
ToolCallState toolCallStateFromName(const QString& name); // unknown -> Failed
QString wireName(ToolPolicy policy);
ToolPolicy toolPolicyFromName(const QString& name); // unknown -> Ask

// JSON of a reply's records (stored in the messages table), and back; "" for none.
QString toolCallRecordsToJson(const QList<ToolCallRecord>& records);
QList<ToolCallRecord> toolCallRecordsFromJson(const QString& json); // malformed -> empty

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::ToolSpec)
Q_DECLARE_METATYPE(keel::core::ToolCall)
Q_DECLARE_METATYPE(keel::core::ToolResult)
Q_DECLARE_METATYPE(keel::core::ToolCallEvent)
Q_DECLARE_METATYPE(keel::core::ToolApproval)
