// ModelsCommand: prints a model list.
#include "ModelsCommand.h"

#include "Engine.h"

#include <QUuid>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace keel::app {

ModelsCommand::ModelsCommand(AppOptions options, core::TurnRequest request, core::Engine* engine,
                             QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_request(std::move(request))
    , m_engine(engine)
{
    connect(engine, &core::Engine::modelsListed, this, &ModelsCommand::onListed,
            Qt::QueuedConnection);
}

bool ModelsCommand::start()
{
    core::ModelListRequest request;
    request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider = m_request.provider;
    request.connectTimeoutMs = m_request.connectTimeoutMs;
    m_requestId = request.requestId;
    core::Engine* engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->listModels(request); }, Qt::QueuedConnection);
    return true;
}

void ModelsCommand::cancel()
{
    m_requestId.clear(); // a late answer is no longer ours
    constexpr int kExitInterrupted = 130;
    Q_EMIT done(kExitInterrupted);
}

void ModelsCommand::onListed(const core::ModelListResult& result)
{
    if (result.requestId != m_requestId)
        return;
    const bool ok = result.error.kind == core::ErrorKind::None;
    if (m_options.json) {
        nlohmann::json document;
        if (ok) {
            nlohmann::json models = nlohmann::json::array();
            for (const core::ModelInfo& model : result.models) {
                nlohmann::json entry{{"id", model.id.toStdString()}};
                if (!model.displayName.isEmpty())
                    entry["display_name"] = model.displayName.toStdString();
                if (model.contextLength > 0)
                    entry["context_length"] = model.contextLength;
                models.push_back(std::move(entry));
            }
            document = {{"models", std::move(models)}, {"latency_ms", result.latencyMs}};
        } else {
            document = {{"error",
                         {{"kind", core::wireName(result.error.kind).toStdString()},
                          {"message", result.error.message.toStdString()},
                          {"status", result.error.httpStatus}}}};
        }
        const std::string text =
            document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
        std::fputs(text.c_str(), stdout);
    } else if (ok) {
        for (const core::ModelInfo& model : result.models) {
            const QString line = model.displayName.isEmpty() || model.displayName == model.id
                                     ? model.id
                                     : model.id + QLatin1Char('\t') + model.displayName;
            std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
        }
    } else {
        std::fprintf(stderr, "keel: %s\n", qPrintable(result.error.message.simplified()));
    }
    std::fflush(stdout);
    Q_EMIT done(ok ? 0 : 1);
}

} // namespace keel::app
