// NoticeBanner: a strip across the top of the conversation for problems that are not about one
// message (the history database could not be written, was locked or damaged). Non-modal: the
// window keeps working under it; the user dismisses it when they have read it.
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace keel::ui {

class NoticeBanner : public QWidget {
    Q_OBJECT
public:
    explicit NoticeBanner(QWidget* parent = nullptr);

    // Shows the banner with this text (plain text), replacing what it said before.
    void showMessage(const QString& message);
    QString message() const;
    QToolButton* dismissButton() const { return m_dismiss; }

Q_SIGNALS:
    void dismissed();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QLabel* m_label;
    QToolButton* m_dismiss;
};

} // namespace keel::ui
