// TurnRunner: one turn on the core loop: builds the provider request, drives the transfer,
// maps the stream to text, coalesces deltas for the GUI, beats once a second, retries transient
// failures that happen before the first token, and ends with a TurnResult that always carries
// every byte of text received, whatever went wrong. A turn with tools is a loop: when the model
// asks for tool calls, a ToolStep gets them approved and run, their results are appended and
// the model is called again, until it answers without calls or the step limit is reached.
#pragma once

#include "chat/ChatTypes.h"
#include "chat/DeltaCoalescer.h"
#include "chat/ToolCallCollector.h"
#include "net/CurlMulti.h"
#include "providers/Provider.h"
#include "providers/ThinkTagSplitter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace keel::core {

class Store;
class ToolRegistry;
class ToolStep;

class TurnRunner : public QObject, private TransferSink {
    Q_OBJECT
public:
    static constexpr int kHeartbeatMs = 1000;
    static constexpr int kFirstBackoffMs = 1000;        // doubled per attempt, with +-25 % jitter
    static constexpr qint64 kMaxRetryAfterMs = 120'000; // longer waits are the user's call

    // store (may be null) receives the reply when the request has a persistMessageId; tools
    // (may be null: no tools) lists and runs the tools the request allows.
    TurnRunner(TurnRequest request, std::unique_ptr<Provider> provider, CurlMulti& curl,
               Store* store = nullptr, ToolRegistry* tools = nullptr, QObject* parent = nullptr);
    ~TurnRunner() override;

    const QString& turnId() const { return m_request.turnId; }
    void start();
    void cancel();
    // The user's answer to a call's approval card (ignored when nothing waits for it).
    void answerToolApproval(const QString& callId, ToolApproval approval);

Q_SIGNALS:
    void delta(const keel::core::TurnDelta& delta);
    void heartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void toolCallUpdated(const keel::core::ToolCallEvent& event);
    // Emitted once; the runner may be deleted afterwards.
    void finished(const keel::core::TurnResult& result);

private:
    void onResponseHead(const HttpResponseHead& head) override;
    bool onBody(QByteArrayView bytes) override;
    void onFinished(const TransferOutcome& outcome) override;

    void startAttempt();
    void beginToolStep();
    void onToolStepFinished();
    void flushThinkTags();
    QList<ToolCallRecord> allToolCalls() const;
    bool apply(const StreamEvents& events); // false: the stream reported an error
    void addText(const QString& text);
    void markFirstToken(); // the first content or reasoning of the turn: result.firstTokenMs
    void emitHeartbeat();
    void saveProgress(); // the streaming reply, if it changed since the last save
    // Fails the turn, or schedules another attempt when the error allows it.
    void fail(TurnError error);
    void finish(TurnOutcome outcome, TurnError error = {});
    TurnError transportError(const TransferOutcome& outcome) const;
    // A 2xx response that held nothing the mapper understood: empty, or not the kind's format.
    TurnError noReplyError(qint64 bytesReceived) const;
    TurnPhase phase() const;

    TurnRequest m_request;
    std::unique_ptr<Provider> m_provider;
    std::unique_ptr<StreamMapper> m_mapper;
    CurlMulti& m_curl;
    Store* m_store;
    ToolRegistry* m_tools;
    ToolCallCollector m_collector;
    std::unique_ptr<ToolStep> m_toolStep;
    QList<ToolCallRecord> m_toolRecords; // of the steps already done
    QString m_stepRefusal;               // why the current step's calls are not run
    QString m_savedToolCalls;
    bool m_preparingTools = false;
    int m_step = 1;
    qsizetype m_stepTextStart = 0; // where the current step's text starts in the content
    qint64 m_stepTokens = 0;       // retries are allowed until the step's first token
    qsizetype m_savedTextSize = 0;
    qsizetype m_savedReasoningSize = 0;
    DeltaCoalescer m_coalescer;
    QTimer m_heartbeatTimer;
    QTimer m_retryTimer;
    int m_attempt = 0;
    ThinkTagSplitter m_thinkTags;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_sinceLastByte;

    std::optional<TransferId> m_transfer;
    HttpResponseHead m_head;
    bool m_gotHead = false;
    bool m_httpOk = false;
    bool m_webPage = false; // a 2xx HTML page: read like an error body, never decoded as a stream
    QByteArray m_errorBody; // body of a non-2xx response, capped
    std::optional<TurnError> m_streamError;
    TurnResult m_result;
    qint64 m_tokens = 0;
    bool m_finished = false;
    bool m_sendsImages = false; // a 400 about images then gets the plain-words explanation
};

} // namespace keel::core
