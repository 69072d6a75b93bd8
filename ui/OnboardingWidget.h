// OnboardingWidget: what the chat area shows while no provider is configured: a short welcome
// that walks a new user to a working provider, with one button per common preset, one for a
// custom (OpenAI-compatible) server, and a word on the API-key variables Keel picks up.
#pragma once

#include <QString>
#include <QWidget>

namespace keel::ui {

class OnboardingWidget : public QWidget {
    Q_OBJECT
public:
    explicit OnboardingWidget(QWidget* parent = nullptr);

Q_SIGNALS:
    // A preset id of core::providerPresets() ("openai", "anthropic", "gemini", "openrouter",
    // "deepseek", "ollama"), or "" for a custom provider.
    void presetChosen(const QString& presetId);
};

} // namespace keel::ui
