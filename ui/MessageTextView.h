// MessageTextView: the read-only text of one message (body or reasoning). It is as tall as its
// text (the transcript scrolls, never a message) and safe for untrusted model output: it never
// loads a resource, not even a local file, and opens a link only after the user confirmed the
// full address, and only for web and e-mail links. A reply's view also highlights, frames and
// labels its fenced code blocks, each with a Copy button (enableCodeBlocks).
#pragma once

#include <QTextBrowser>

namespace keel::ui {

class CodeBlockOverlay;
class CodeHighlighter;

class MessageTextView : public QTextBrowser {
    Q_OBJECT
public:
    explicit MessageTextView(QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Every resource is refused: images and style sheets in model output stay unloaded.
    QVariant loadResource(int type, const QUrl& name) override;

    // True for the schemes a confirmed link may be opened with (http, https, mailto).
    static bool isOpenable(const QUrl& url);

    // Syntax colours, frames and headers (language, Copy) for fenced code blocks, in colours
    // that follow the palette. For rendered Markdown; call once, before any text.
    void enableCodeBlocks();
    CodeBlockOverlay* codeBlocks() const { return m_codeBlocks; }
    CodeHighlighter* highlighter() const { return m_highlighter; }

Q_SIGNALS:
    // Emitted when a link was clicked, before any dialog (for tests and diagnostics).
    void linkClicked(const QUrl& url);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void confirmAndOpen(const QUrl& url);
    void updateHeight();

    int m_contentHeight = 0;
    CodeHighlighter* m_highlighter = nullptr; // owned by the document
    CodeBlockOverlay* m_codeBlocks = nullptr;
};

} // namespace keel::ui
