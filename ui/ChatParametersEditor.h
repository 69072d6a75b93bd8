// ChatParametersEditor: the form for core::ChatParameters (system prompt, temperature, top-p,
// max output tokens, reasoning effort, thinking budget, streaming), used for the chat defaults
// (every field; the numeric ones may be left to the provider) and for overrides (a conversation,
// an assistant: each field shows the default, greyed, until its "override" box is ticked; fields
// whose value differs from the default are marked and have a reset button).
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QString>
#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QToolButton;

namespace keel::ui {

class ChatParametersEditor : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Defaults, Overrides };

    explicit ChatParametersEditor(Mode mode, QWidget* parent = nullptr);

    Mode mode() const { return m_mode; }

    // Overrides mode: what the fields show while not overridden, and what "differs" means.
    void setDefaults(const core::ChatParameters& defaults);
    core::ChatParameters defaults() const { return m_defaults; }

    // Defaults mode: every field (an unset temperature / top-p / max tokens is "provider
    // default"). Overrides mode: the set fields are the overridden ones.
    void setParameters(const core::ChatParameters& parameters);
    // Defaults mode: every field. Overrides mode: only the overridden fields.
    core::ChatParameters parameters() const;

    // Overrides mode: drops every override; the fields show the defaults again. Emits edited().
    void resetToDefaults();

    // Reasoning effort for "openai", thinking budget for "anthropic" and "gemini", neither for
    // "ollama"; both for "" (or a kind this version does not know). Values of hidden fields are
    // kept: they apply again when the provider changes back.
    void setProviderKind(const QString& kind);
    QString providerKind() const { return m_providerKind; }

Q_SIGNALS:
    // The user changed something (not emitted by setDefaults / setParameters).
    void edited();

private:
    enum Field {
        SystemPrompt,
        Temperature,
        TopP,
        MaxTokens,
        ReasoningEffort,
        ThinkingBudget,
        Stream,
        FieldCount
    };

    struct Row {
        QString key;                      // objectName stem: "temperature"
        QString name;                     // shown: "Temperature"
        QLabel* label = nullptr;          // Defaults mode
        QCheckBox* overrideBox = nullptr; // Overrides mode
        QWidget* control = nullptr;
        QWidget* field = nullptr;             // the control, or the box holding it
        QCheckBox* providerDefault = nullptr; // temperature, top-p, max tokens
        QToolButton* reset = nullptr;         // Overrides mode
        bool overridden = false;
        bool shown = true; // for the provider kind
    };

    void buildRows(QGridLayout* grid);
    void addRow(QGridLayout* grid, Field field, QWidget* control);
    void connectEdits();
    void writeField(Field field, const core::ChatParameters& values);
    void readField(Field field, core::ChatParameters& out) const;
    bool differs(Field field) const;
    static bool sameField(Field field, const core::ChatParameters& a,
                          const core::ChatParameters& b);
    void setOverridden(Field field, bool overridden);
    void updateRow(Field field);
    void onUserEdit(Field field);

    Mode m_mode;
    core::ChatParameters m_defaults = core::ChatParameters::builtInDefaults();
    QString m_providerKind;
    std::array<Row, FieldCount> m_rows;
    bool m_updating = false;

    QPlainTextEdit* m_systemPrompt = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QDoubleSpinBox* m_topP = nullptr;
    QSpinBox* m_maxTokens = nullptr;
    QComboBox* m_reasoningEffort = nullptr;
    QSpinBox* m_thinkingBudget = nullptr;
    QCheckBox* m_stream = nullptr;
};

} // namespace keel::ui
