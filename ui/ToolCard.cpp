// ToolCard: header, arguments, progress, result and approval buttons of one tool call.
#include "ui/ToolCard.h"

#include "ui/MessageTextView.h"
#include "ui/ThemePalette.h"
#include "ui/ToolCardHeader.h"
#include "ui/ToolResultView.h"

#include <QAbstractButton>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace keel::ui {

namespace {

constexpr int kRadius = 8;
constexpr int kIndent = ToolCardHeader::kIndent;

// Arguments as the model sent them, indented when they parse; anything else is shown as is.
QString prettyArguments(const QString& arguments)
{
    const std::string text = arguments.toStdString();
    const auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    if (parsed.is_discarded())
        return arguments;
    return QString::fromStdString(
        parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

bool hasNoArguments(const QString& arguments)
{
    const QString trimmed = arguments.trimmed();
    if (trimmed.isEmpty())
        return true;
    const auto parsed = nlohmann::json::parse(trimmed.toStdString(), nullptr, false);
    return !parsed.is_discarded() && parsed.is_object() && parsed.empty();
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setBold(true);
    label->setFont(small);
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    return label;
}

} // namespace

ToolCard::ToolCard(QWidget* parent)
    : QFrame(parent)
    , m_header(new ToolCardHeader(this))
    , m_body(new QWidget(this))
    , m_argumentsLabel(caption(tr("Arguments"), m_body))
    , m_arguments(new MessageTextView(m_body))
    , m_progress(new QProgressBar(m_body))
    , m_progressMessage(new QLabel(m_body))
    , m_resultLabel(caption(tr("Result"), m_body))
    , m_result(new ToolResultView(m_body))
    , m_approvalRow(new QWidget(this))
    , m_allowOnce(new QPushButton(tr("Allow once"), m_approvalRow))
    , m_allowAlways(new QPushButton(tr("Always allow this tool"), m_approvalRow))
    , m_deny(new QPushButton(tr("Deny"), m_approvalRow))
{
    setObjectName(QStringLiteral("toolCard"));
    setFrameShape(QFrame::NoFrame);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 3, 10, 3);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    connect(m_header, &QAbstractButton::toggled, m_body, &QWidget::setVisible);
    // clicked() comes from the mouse and the keyboard only, never from setChecked().
    connect(m_header, &QAbstractButton::clicked, this, [this] { m_toggledByUser = true; });

    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(kIndent, 0, 0, 6);
    bodyLayout->setSpacing(4);
    m_argumentsLabel->setAccessibleName(tr("Arguments"));
    bodyLayout->addWidget(m_argumentsLabel);
    m_arguments->setObjectName(QStringLiteral("toolArguments"));
    m_arguments->setAccessibleName(tr("Arguments"));
    m_arguments->document()->setUndoRedoEnabled(false);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 0.92);
    m_arguments->setFont(mono);
    bodyLayout->addWidget(m_arguments);

    m_progress->setObjectName(QStringLiteral("toolProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setMaximumHeight(fontMetrics().height());
    m_progress->hide(); // until the tool reports progress
    bodyLayout->addWidget(m_progress);
    m_progressMessage->setObjectName(QStringLiteral("toolProgressMessage"));
    m_progressMessage->setAccessibleName(tr("Progress message"));
    m_progressMessage->setTextFormat(Qt::PlainText);
    m_progressMessage->setWordWrap(true);
    m_progressMessage->hide();
    bodyLayout->addWidget(m_progressMessage);

    m_resultLabel->hide();
    bodyLayout->addWidget(m_resultLabel);
    m_result->hide();
    bodyLayout->addWidget(m_result);
    m_body->hide();
    layout->addWidget(m_body);

    auto* approval = new QHBoxLayout(m_approvalRow);
    approval->setContentsMargins(kIndent, 2, 0, 6);
    approval->setSpacing(8);
    m_allowOnce->setObjectName(QStringLiteral("allowOnceButton"));
    m_allowOnce->setAccessibleName(tr("Allow this call once"));
    m_allowAlways->setObjectName(QStringLiteral("allowAlwaysButton"));
    m_allowAlways->setAccessibleName(tr("Always allow this tool"));
    m_allowAlways->setToolTip(tr("Run this tool from now on without asking"));
    m_deny->setObjectName(QStringLiteral("denyButton"));
    m_deny->setAccessibleName(tr("Deny this call"));
    m_deny->setToolTip(tr("The model is told that the call was denied"));
    for (QPushButton* button : {m_allowOnce, m_allowAlways, m_deny}) {
        button->setAutoDefault(false);
        approval->addWidget(button);
    }
    approval->addStretch(1);
    connect(m_allowOnce, &QPushButton::clicked, this,
            [this] { choose(core::ToolApproval::AllowOnce); });
    connect(m_allowAlways, &QPushButton::clicked, this,
            [this] { choose(core::ToolApproval::AllowAlways); });
    connect(m_deny, &QPushButton::clicked, this, [this] { choose(core::ToolApproval::Deny); });
    // Outside the collapsible body: a waiting turn must never hide its question.
    m_approvalRow->hide();
    layout->addWidget(m_approvalRow);

    applyPalette();
}

void ToolCard::setEvent(const core::ToolCallEvent& event)
{
    Shown shown;
    shown.callId = event.call.id;
    shown.name = event.call.name;
    shown.title = event.title;
    shown.server = event.server;
    shown.toolName = event.toolName;
    shown.arguments = event.call.arguments;
    shown.state = event.state;
    shown.result = event.result;
    shown.elapsedMs = event.elapsedMs;
    shown.progress = event.progress;
    shown.progressTotal = event.progressTotal;
    shown.progressMessage = event.progressMessage;
    display(shown);
}

void ToolCard::setRecord(const core::ToolCallRecord& record)
{
    Shown shown;
    shown.callId = record.call.id;
    shown.name = record.call.name;
    shown.server = record.server;
    shown.toolName = record.toolName;
    shown.arguments = record.call.arguments;
    shown.state = record.state;
    if (shown.state == core::ToolCallState::AwaitingApproval
        || shown.state == core::ToolCallState::Running)
        shown.state = core::ToolCallState::Cancelled;
    shown.result = record.result;
    display(shown);
}

bool ToolCard::isLive() const
{
    return m_state == core::ToolCallState::AwaitingApproval
           || m_state == core::ToolCallState::Running;
}

void ToolCard::display(const Shown& shown)
{
    const bool stateChanged = !m_hasState || shown.state != m_state;
    if (!stateChanged && m_state == core::ToolCallState::Running)
        m_elapsedMs = std::max(m_elapsedMs, shown.elapsedMs); // never backwards
    else
        m_elapsedMs = shown.elapsedMs;
    m_callId = shown.callId;
    m_title = !shown.title.isEmpty()      ? shown.title
              : !shown.toolName.isEmpty() ? shown.toolName
                                          : shown.name;
    m_server = shown.server;
    m_state = shown.state;
    m_hasState = true;
    m_resultIsError = shown.result.isError;
    m_durationMs = shown.result.durationMs > 0 ? shown.result.durationMs : m_elapsedMs;
    const QString name = tr("Tool call %1").arg(m_title);
    if (name != accessibleName())
        setAccessibleName(name);

    if (stateChanged || shown.arguments != m_rawArguments) {
        m_rawArguments = shown.arguments;
        const bool none = hasNoArguments(shown.arguments);
        m_argumentsLabel->setText(none ? tr("No arguments") : tr("Arguments"));
        m_arguments->setPlainText(none ? QString() : prettyArguments(shown.arguments));
        m_arguments->setVisible(!none);
    }

    if (stateChanged) {
        const bool waiting = m_state == core::ToolCallState::AwaitingApproval;
        for (QPushButton* button : {m_allowOnce, m_allowAlways, m_deny})
            button->setEnabled(waiting);
        m_approvalRow->setVisible(waiting);
        // The question must be seen; otherwise open while it runs, closed when it is over,
        // unless the user decided by hand.
        if (waiting)
            setExpanded(true);
        else if (!m_toggledByUser)
            setExpanded(isLive());
    }
    updateProgress(shown);
    m_result->setResult(shown.result, isError());
    const bool hasResult = !m_result->isEmpty() && !isLive();
    m_resultLabel->setText(isError() ? tr("Error") : tr("Result"));
    m_resultLabel->setVisible(hasResult);
    m_result->setVisible(hasResult);
    updateHeader();
    update();
}

void ToolCard::updateProgress(const Shown& shown)
{
    const bool running = m_state == core::ToolCallState::Running;
    // An update without progress (the once-a-second one) keeps what the tool reported last.
    m_progressReported = running && (m_progressReported || shown.progress >= 0);
    const bool reported = m_progressReported;
    if (running && shown.progress >= 0) {
        if (shown.progressTotal > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(
                int(std::clamp(shown.progress / shown.progressTotal, 0.0, 1.0) * 1000));
            m_progress->setTextVisible(true);
        } else {
            m_progress->setRange(0, 0); // busy: the tool does not know how much is left
            m_progress->setTextVisible(false);
        }
        m_progressMessage->setText(shown.progressMessage);
    }
    m_progress->setVisible(reported);
    m_progressMessage->setVisible(reported && !m_progressMessage->text().isEmpty());
}

bool ToolCard::isError() const
{
    return m_state == core::ToolCallState::Failed || m_state == core::ToolCallState::Denied
           || (m_state == core::ToolCallState::Done && m_resultIsError);
}

void ToolCard::updateHeader()
{
    QString server;
    if (m_server == core::builtinServerName())
        server = tr("· built-in");
    else if (!m_server.isEmpty())
        server = tr("· %1").arg(m_server);
    auto tone = ToolCardHeader::Tone::Quiet;
    if (isError())
        tone = ToolCardHeader::Tone::Error;
    else if (m_state == core::ToolCallState::AwaitingApproval)
        tone = ToolCardHeader::Tone::Attention;
    const QString spoken = m_state == core::ToolCallState::Running ? tr("Running") : stateText();
    m_header->setParts(m_title, server, stateText(), spoken, tone);
}

QString ToolCard::stateText() const
{
    switch (m_state) {
    case core::ToolCallState::AwaitingApproval:
        return tr("Waiting for your approval");
    case core::ToolCallState::Running:
        return m_elapsedMs >= 1000 ? tr("Running… %1").arg(formatElapsed(m_elapsedMs))
                                   : tr("Running…");
    case core::ToolCallState::Done:
        return m_resultIsError ? tr("Error · %1").arg(formatDuration(m_durationMs))
                               : tr("Done · %1").arg(formatDuration(m_durationMs));
    case core::ToolCallState::Failed:
        return tr("Failed");
    case core::ToolCallState::Denied:
        return tr("Denied");
    case core::ToolCallState::Cancelled:
        return tr("Stopped");
    }
    return {};
}

QString ToolCard::formatDuration(qint64 milliseconds)
{
    if (milliseconds < 100)
        return tr("%1 ms").arg(std::max<qint64>(0, milliseconds));
    if (milliseconds < 10'000)
        return tr("%1 s").arg(QLocale().toString(double(milliseconds) / 1000.0, 'f', 1));
    return formatElapsed(milliseconds + 500);
}

QString ToolCard::formatElapsed(qint64 milliseconds)
{
    const qint64 seconds = std::max<qint64>(0, milliseconds) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString ToolCard::titleText() const
{
    return m_header->title();
}

QString ToolCard::serverText() const
{
    return m_header->server();
}

QAbstractButton* ToolCard::headerButton() const
{
    return m_header;
}

QString ToolCard::argumentsText() const
{
    return m_arguments->isHidden() ? QString() : m_arguments->toPlainText();
}

bool ToolCard::isExpanded() const
{
    return m_header->isChecked();
}

void ToolCard::setExpanded(bool expanded)
{
    m_header->setChecked(expanded);
    m_body->setVisible(expanded);
}

void ToolCard::choose(core::ToolApproval approval)
{
    // One answer per question: a second click must not send a second answer.
    for (QPushButton* button : {m_allowOnce, m_allowAlways, m_deny})
        button->setEnabled(false);
    Q_EMIT approvalChosen(m_callId, approval);
}

void ToolCard::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colors = palette();
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);
    QColor border = mix(base, text, 0.16);
    if (m_state == core::ToolCallState::AwaitingApproval)
        border = colors.color(QPalette::Highlight);
    painter.setPen(QPen(border, 1));
    painter.setBrush(mix(base, text, 0.03));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
}

void ToolCard::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ToolCard::applyPalette()
{
    const QColor quiet = ToolResultView::quietColor(palette());
    for (QLabel* label : {m_argumentsLabel, m_progressMessage, m_resultLabel}) {
        QPalette own = label->palette();
        own.setColor(QPalette::WindowText, quiet);
        label->setPalette(own);
    }
    update();
}

} // namespace keel::ui
