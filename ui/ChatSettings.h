// ChatSettings: what one turn of the chat window uses: provider (with its key, in memory),
// model and parameters. Resolved from the configuration for each turn (core::Settings), or
// given fixed (tests, and windows without a configuration); a plain value.
#pragma once

#include "core/chat/ChatTypes.h"
#include "core/settings/Settings.h"

#include <QString>

#include <optional>

namespace keel::ui {

struct ChatSettings {
    core::ProviderConfig provider;
    QString model;
    QString systemPrompt;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    QString reasoningEffort;
    std::optional<int> thinkingBudgetTokens;
    bool stream = true;
    int connectTimeoutMs = 20'000;
    int idleTimeoutMs = 600'000;

    static ChatSettings fromResolved(const core::ResolvedChat& chat)
    {
        ChatSettings settings;
        settings.provider = chat.config;
        settings.model = chat.model;
        const core::ChatParameters& p = chat.parameters;
        settings.systemPrompt = p.systemPrompt.value_or(QString());
        settings.temperature = p.temperature;
        settings.topP = p.topP;
        settings.maxTokens = p.maxTokens;
        settings.reasoningEffort = p.reasoningEffort.value_or(QString());
        if (p.thinkingBudgetTokens && *p.thinkingBudgetTokens > 0)
            settings.thinkingBudgetTokens = p.thinkingBudgetTokens;
        settings.stream = p.stream.value_or(true);
        settings.connectTimeoutMs = chat.connectTimeoutMs;
        settings.idleTimeoutMs = chat.idleTimeoutMs;
        return settings;
    }

    void applyTo(core::TurnRequest& request) const
    {
        request.provider = provider;
        request.model = model;
        request.systemPrompt = systemPrompt;
        request.temperature = temperature;
        request.topP = topP;
        request.maxTokens = maxTokens;
        request.reasoningEffort = reasoningEffort;
        request.thinkingBudgetTokens = thinkingBudgetTokens;
        request.stream = stream;
        request.connectTimeoutMs = connectTimeoutMs;
        request.idleTimeoutMs = idleTimeoutMs;
    }
};

} // namespace keel::ui
