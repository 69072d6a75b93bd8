// ToolResultView: the result of one tool call inside its card, piece by piece: text (monospace,
// selectable, a very long text cut short with a "Show all" button), images as thumbnails decoded
// from the bytes the tool sent (never fetched from anywhere), resources as their address and
// text, audio and binary data as a short description. An error result is drawn in the error
// colour.
#pragma once

#include "core/tools/ToolTypes.h"

#include <QWidget>

class QAbstractButton;
class QLabel;
class QVBoxLayout;

namespace keel::ui {

class MessageTextView;

class ToolResultView : public QWidget {
    Q_OBJECT
public:
    explicit ToolResultView(QWidget* parent = nullptr);

    // Rebuilt only when the result differs from the one shown.
    void setResult(const core::ToolResult& result, bool error);
    bool isEmpty() const { return m_result.content.isEmpty(); }
    bool isError() const { return m_error; }

    // The whole text as shown, pieces separated by newlines (for tests and copying).
    QString shownText() const;
    QList<MessageTextView*> textViews() const;
    QList<QLabel*> images() const;
    QList<QAbstractButton*> showAllButtons() const;

    // Longer texts are shown cut at this length until the user asks for all of it.
    static constexpr int kTruncateAt = 20'000;
    static constexpr int kThumbnailWidth = 320;
    // Larger images are described, not decoded.
    static constexpr qsizetype kMaxImageBytes = 16 * 1024 * 1024;

    // Colours shared with the card: the error ink and the quiet ink of secondary text.
    static QColor errorColor(const QPalette& palette);
    static QColor quietColor(const QPalette& palette);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void addText(const QString& text);
    void addImage(const core::ToolContent& piece);
    void addNote(const QString& text);
    void applyPalette();

    QVBoxLayout* m_layout;
    core::ToolResult m_result;
    bool m_error = false;
};

} // namespace keel::ui
