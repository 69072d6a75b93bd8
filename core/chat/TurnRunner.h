// TurnRunner: one turn on the core loop: builds the provider request, drives the transfer,
// maps the stream to text, coalesces deltas for the GUI, beats once a second, retries transient
// failures that happen before the first token, and ends with a TurnResult that always carries
// every byte of text received, whatever went wrong.
#pragma once

#include "chat/ChatTypes.h"
#include "chat/DeltaCoalescer.h"
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

class TurnRunner : public QObject, private TransferSink {
    Q_OBJECT
public:
    static constexpr int kHeartbeatMs = 1000;
    static constexpr int kFirstBackoffMs = 1000;        // doubled per attempt, with +-25 % jitter
    static constexpr qint64 kMaxRetryAfterMs = 120'000; // longer waits are the user's call

    // store (may be null) receives the reply when the request has a persistMessageId.
    TurnRunner(TurnRequest request, std::unique_ptr<Provider> provider, CurlMulti& curl,
               Store* store = nullptr, QObject* parent = nullptr);
    ~TurnRunner() override;

    const QString& turnId() const { return m_request.turnId; }
    void start();
    void cancel();

Q_SIGNALS:
    void delta(const keel::core::TurnDelta& delta);
    void heartbeat(const keel::core::TurnHeartbeat& heartbeat);
    // Emitted once; the runner may be deleted afterwards.
    void finished(const keel::core::TurnResult& result);

private:
    void onResponseHead(const HttpResponseHead& head) override;
    bool onBody(QByteArrayView bytes) override;
    void onFinished(const TransferOutcome& outcome) override;

    void startAttempt();
    bool apply(const StreamEvents& events); // false: the stream reported an error
    void addText(const QString& text);
    void emitHeartbeat();
    void saveProgress(); // the streaming reply, if it changed since the last save
    // Fails the turn, or schedules another attempt when the error allows it.
    void fail(TurnError error);
    void finish(TurnOutcome outcome, TurnError error = {});
    TurnError transportError(const TransferOutcome& outcome) const;
    TurnPhase phase() const;

    TurnRequest m_request;
    std::unique_ptr<Provider> m_provider;
    std::unique_ptr<StreamMapper> m_mapper;
    CurlMulti& m_curl;
    Store* m_store;
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
    QByteArray m_errorBody; // body of a non-2xx response, capped
    std::optional<TurnError> m_streamError;
    TurnResult m_result;
    qint64 m_tokens = 0;
    bool m_finished = false;
};

} // namespace keel::core
