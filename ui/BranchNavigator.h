// BranchNavigator: the "‹ 2/3 ›" control of a message that has other versions (siblings made by
// an edit or a regeneration). It only shows the position and asks for the neighbour; the
// conversation controller decides what switching means.
#pragma once

#include <QWidget>

class QAbstractButton;
class QLabel;

namespace keel::ui {

class BranchNavigator : public QWidget {
    Q_OBJECT
public:
    explicit BranchNavigator(QWidget* parent = nullptr);

    // `position` counts from 1; hidden when there is only one version.
    void setPosition(int position, int count);
    int position() const { return m_position; }
    int count() const { return m_count; }
    // "2/3"
    QString text() const;

    QAbstractButton* previousButton() const { return m_previous; }
    QAbstractButton* nextButton() const { return m_next; }

    // While a reply is written, the branch must not change under it.
    void setInteractive(bool interactive);

Q_SIGNALS:
    void previousRequested();
    void nextRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateButtons();
    void applyPalette();

    QAbstractButton* m_previous;
    QLabel* m_label;
    QAbstractButton* m_next;
    int m_position = 1;
    int m_count = 1;
    bool m_interactive = true;
};

} // namespace keel::ui
