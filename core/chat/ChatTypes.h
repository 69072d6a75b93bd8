// Value types that cross threads between the core loop and its callers (GUI, CLI): what a turn
// asks for, what it reports while running, and how it ended.
#pragma once

#include "chat/Attachment.h"
#include "net/HttpRequest.h" // ProxyConfig
#include "tools/ToolTypes.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>

namespace keel::core {

enum class Role { System, User, Assistant, Tool };

// One message of the conversation as sent to a provider. A reply that used tools becomes
// several: the assistant's text with the calls it made, one Tool message per result, then the
// assistant's next text (chatMessagesFor in chat/ToolHistory.h does that expansion).
struct ChatMessage {
    ChatMessage() = default;
    // The common case, a plain message: {Role::User, text}.
    ChatMessage(Role messageRole, QString messageContent)
        : role(messageRole)
        , content(std::move(messageContent))
    {
    }

    Role role = Role::User;
    QString content{};
    QList<ToolCall> toolCalls{}; // Assistant: the calls it made after its content
    // Tool: the call this result answers (id and name), and whether the tool failed.
    QString toolCallId{};
    QString toolName{};
    bool isError = false;
    // User: files attached to the message. Images go as image input in the provider's format;
    // text files are inlined into the text (textWithAttachments) when the request is built.
    QList<Attachment> attachments{};
};

// Where and how to reach a provider. The API key is carried in memory only.
struct ProviderConfig {
    QString kind = QStringLiteral("openai");
    QString baseUrl{};
    QString apiKey{};
    QString apiKeySource{}; // e.g. the environment variable it came from; named in auth errors
    QList<QPair<QByteArray, QByteArray>> extraHeaders{};
    bool verifyTls = true; // may be turned off for loopback servers only (enforced by CurlMulti)
    ProxyConfig proxy;

    // Quirks of OpenAI-compatible servers, set from the preset (ProviderPresets).
    bool sendStreamOptions = true; // stream_options.include_usage (usage in the last chunk)
    QString maxTokensField = QStringLiteral("max_tokens"); // or "max_completion_tokens"
    // How reasoning effort is sent: "reasoning_effort" (OpenAI, xAI, Groq...), "reasoning"
    // (OpenRouter's {"reasoning":{"effort":...}}) or "" (not sent).
    QString reasoningStyle = QStringLiteral("reasoning_effort");
};

struct TurnRequest {
    QString turnId{};
    ProviderConfig provider;
    QString model{};
    QString systemPrompt{};
    QList<ChatMessage> messages{};
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    // Reasoning controls, each used by the providers that support it: OpenAI-style effort
    // ("low" / "medium" / "high"), Anthropic extended thinking and Gemini thinking budgets.
    QString reasoningEffort{};
    std::optional<int> thinkingBudgetTokens;
    // false: one plain (non-streaming) request; the reply arrives whole when the model is done.
    bool stream = true;
    int connectTimeoutMs = 20'000;
    int idleTimeoutMs = 600'000; // no byte for this long fails the turn; 0 disables
    int maxAttempts = 3;         // connect failures, 429 and 5xx are retried before any token
    // Persistence: when set, the core saves the reply into this stored message as it streams
    // (at least once a second) and when it ends; persistPrefix is text the message already had
    // (a reply being continued), saved in front of the new text.
    qint64 persistMessageId = 0;
    QString persistPrefix{};

    // Tools: what the turn may offer and run. `tools` is what the provider request carries;
    // the turn fills it from the tool registry when toolOptions.enabled (tests may set it).
    ToolOptions toolOptions{};
    QList<ToolSpec> tools{};
};

struct Usage {
    qint64 inputTokens = -1; // -1: not reported
    qint64 outputTokens = -1;
};

enum class TurnPhase {
    Connecting,
    WaitingForFirstToken,
    Streaming,
    Retrying,
    PreparingTools,   // starting MCP servers and listing their tools before the first request
    AwaitingApproval, // a tool call waits for the user's Allow / Deny
    RunningTool,      // toolName names it (or them: "echo, get-sum")
};

struct TurnHeartbeat {
    QString turnId{};
    TurnPhase phase = TurnPhase::Connecting;
    qint64 elapsedMs = 0;
    qint64 bytes = 0;
    qint64 tokens = 0; // content and reasoning deltas received so far
    qint64 idleMs = 0; // since the last byte (or since the start, before any byte)
    // attempt counts from 1; while Retrying it is the attempt that starts in retryInMs.
    qint64 retryInMs = 0;
    int attempt = 1;
    int maxAttempts = 1;
    QString toolName{}; // AwaitingApproval / RunningTool
    int step = 1;       // model calls of the turn so far (tool use makes several)
};

// Everything that arrived since the previous delta signal of the same turn.
struct TurnDelta {
    QString turnId{};
    QString text{};
    QString reasoning{};
};

enum class ErrorKind {
    None,
    Network,
    IdleTimeout,
    Auth,
    RateLimit,
    ServerError,
    InvalidRequest, // 400/404/413/422 and the like: the request itself was refused
    Protocol,
    Cancelled,
};

struct TurnError {
    ErrorKind kind = ErrorKind::None;
    QString message{}; // human, one paragraph, never contains the API key
    int httpStatus = 0;
    bool retryable = false;
    qint64 retryAfterMs = -1; // the server's Retry-After, when it sent one
};

enum class TurnOutcome { Complete, Incomplete, Error, Cancelled };

struct TurnResult {
    QString turnId{};
    TurnOutcome outcome = TurnOutcome::Complete;
    QString text{};      // the whole reply as received, also when the turn failed
    QString reasoning{}; // the whole reasoning as received
    QString finishReason{};
    Usage usage;
    TurnError error;
    qint64 durationMs = 0;
    qint64 firstTokenMs = -1; // from the start of the turn to the first content or reasoning
    qint64 bytes = 0;
    qint64 tokens = 0;                 // content and reasoning deltas received, as in TurnHeartbeat
    QList<ToolCallRecord> toolCalls{}; // every call of the turn, in order
    int steps = 1;                     // model calls made
};

struct ModelInfo {
    QString id{};          // what requests name as "model"
    QString displayName{}; // the provider's human name, if it has one
    qint64 contextLength = -1;
};

struct ModelListRequest {
    QString requestId{};
    ProviderConfig provider;
    int connectTimeoutMs = 20'000;
};

struct ModelListResult {
    QString requestId{};
    QList<ModelInfo> models{};
    TurnError error; // kind None on success
    qint64 latencyMs = 0;
};

// Stable names for JSON output (CLI events, diagnostics).
QString wireName(TurnPhase phase);
QString wireName(ErrorKind kind);
QString wireName(TurnOutcome outcome);

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::TurnRequest)
Q_DECLARE_METATYPE(keel::core::TurnHeartbeat)
Q_DECLARE_METATYPE(keel::core::TurnDelta)
Q_DECLARE_METATYPE(keel::core::TurnResult)
Q_DECLARE_METATYPE(keel::core::ModelListRequest)
Q_DECLARE_METATYPE(keel::core::ModelListResult)
