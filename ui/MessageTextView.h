// MessageTextView: the read-only text of one message (body or reasoning). It is as tall as its
// text (the transcript scrolls, never a message) and safe for untrusted model output: it never
// loads a resource, not even a local file, and opens a link only after the user confirmed the
// full address, and only for web and e-mail links.
#pragma once

#include <QTextBrowser>

namespace keel::ui {

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

Q_SIGNALS:
    // Emitted when a link was clicked, before any dialog (for tests and diagnostics).
    void linkClicked(const QUrl& url);

private:
    void confirmAndOpen(const QUrl& url);
    void updateHeight();

    int m_contentHeight = 0;
};

} // namespace keel::ui
