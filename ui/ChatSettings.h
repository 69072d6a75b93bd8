// ChatSettings: what the chat window needs to start a turn (provider, model, system prompt,
// idle timeout). Filled by app/ from the settings and the command line; a plain value.
#pragma once

#include "core/chat/ChatTypes.h"

#include <QString>

#include <optional>

namespace keel::ui {

struct ChatSettings {
    core::ProviderConfig provider;
    QString model;
    QString systemPrompt;
    int idleTimeoutMs = 600'000;
    QString reasoningEffort;
    std::optional<int> thinkingBudgetTokens;
};

} // namespace keel::ui
