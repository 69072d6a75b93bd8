// ModelsCommand: `keel models`, the provider's model list on stdout (one id per line, or one
// JSON document with --json), fetched by the core loop like everything else.
#pragma once

#include "AppOptions.h"
#include "chat/ChatTypes.h"

#include <QObject>

namespace keel::core {
class Engine;
}

namespace keel::app {

class ModelsCommand : public QObject {
    Q_OBJECT
public:
    // request: the provider and connect timeout to use (see commandRequest).
    ModelsCommand(AppOptions options, core::TurnRequest request, core::Engine* engine,
                  QObject* parent = nullptr);
    bool start(); // always true: there is nothing to refuse before asking
    // Ctrl+C: done(130) at once; stopping the core afterwards drops the request.
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void onListed(const core::ModelListResult& result);

    AppOptions m_options;
    core::TurnRequest m_request;
    core::Engine* m_engine;
    QString m_requestId;
};

} // namespace keel::app
