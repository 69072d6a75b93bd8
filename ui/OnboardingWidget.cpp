// OnboardingWidget: a centred column of fixed maximum width, so it reads well in a wide window.
#include "ui/OnboardingWidget.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace keel::ui {

namespace {

constexpr int kColumnWidth = 560;

} // namespace

OnboardingWidget::OnboardingWidget(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("onboarding"));
    setAccessibleName(tr("Welcome"));

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(24, 24, 24, 24);
    outer->addStretch(1);

    auto* column = new QWidget(this);
    column->setMaximumWidth(kColumnWidth);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(14);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    auto* title = new QLabel(tr("Welcome to Keel"), column);
    title->setObjectName(QStringLiteral("onboardingTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.7);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAccessibleName(title->text());
    layout->addWidget(title);

    auto* intro = new QLabel(
        tr("Keel talks to language models through a provider: a cloud service with your API "
           "key, or a model running on this computer. Pick one to set it up; you can add more "
           "later in Settings."),
        column);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(10);
    const QList<QPair<QString, QString>> buttons = {
        {QStringLiteral("openai"), tr("OpenAI")},
        {QStringLiteral("anthropic"), tr("Anthropic")},
        {QStringLiteral("gemini"), tr("Google Gemini")},
        {QStringLiteral("openrouter"), tr("OpenRouter")},
        {QStringLiteral("deepseek"), tr("DeepSeek")},
        {QStringLiteral("ollama"), tr("Ollama (runs locally)")},
        {QString(), tr("Custom / OpenAI-compatible…")},
    };
    int index = 0;
    for (const auto& [id, label] : buttons) {
        auto* button = new QPushButton(label, column);
        button->setObjectName(id.isEmpty() ? QStringLiteral("presetCustom")
                                           : QStringLiteral("preset-") + id);
        button->setAccessibleName(id.isEmpty() ? tr("Add a custom provider")
                                               : tr("Set up %1").arg(label));
        button->setMinimumHeight(button->sizeHint().height() + 10);
        button->setCursor(Qt::PointingHandCursor);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this, [this, id = id] { Q_EMIT presetChosen(id); });
        // The custom entry spans the last row: it is the odd one out.
        if (id.isEmpty())
            grid->addWidget(button, index / 2 + (index % 2), 0, 1, 2);
        else
            grid->addWidget(button, index / 2, index % 2);
        ++index;
    }
    layout->addSpacing(4);
    layout->addLayout(grid);
    layout->addSpacing(4);

    auto* hint = new QLabel(
        tr("Already have keys in your environment? On its first start Keel picks up "
           "OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY), "
           "OPENROUTER_API_KEY, DEEPSEEK_API_KEY and OLLAMA_HOST, and an Ollama answering on "
           "localhost:11434."),
        column);
    hint->setObjectName(QStringLiteral("onboardingHint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
}

} // namespace keel::ui
