// AskCommand: `keel ask`, the headless client on the same core as the GUI. It sends one prompt
// and prints the reply as it streams (or one JSON object per event with --json).
#pragma once

#include "AppOptions.h"
#include "chat/ChatTypes.h"

#include <QObject>

namespace keel::core {
class Engine;
}

namespace keel::app {

class AskCommand : public QObject {
    Q_OBJECT
public:
    // request: the provider, model and parameters to use (see commandRequest); the prompt and
    // the output format come from options.
    AskCommand(AppOptions options, core::TurnRequest request, core::Engine* engine,
               QObject* parent = nullptr);

    // Starts the turn; emits done(exitCode) when it ended. Returns false (with the message on
    // stderr) if there is nothing to send or no model to send it to.
    bool start();
    // Stops the turn (Ctrl+C); done() follows with the partial reply printed and exit code 130.
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void onDelta(const core::TurnDelta& delta);
    void onHeartbeat(const core::TurnHeartbeat& heartbeat);
    void onFinished(const core::TurnResult& result);

    AppOptions m_options;
    core::TurnRequest m_request;
    core::Engine* m_engine;
    QString m_turnId;
    bool m_endsWithNewline = true;
    bool m_cancelled = false;
};

} // namespace keel::app
