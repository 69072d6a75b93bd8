// SecretField: the entry for a secret (an API key, the proxy password): a masked line edit with
// a Show toggle while typing, and, once a secret is stored, "Replace…" and "Remove" instead of
// the secret itself. A stored secret is never put back on screen: the field stays empty and its
// placeholder says where the secret is kept. The owner decides when typed text is stored.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace keel::ui {

class SecretField : public QWidget {
    Q_OBJECT
public:
    // objectName names the line edit (the buttons get it as a prefix), for tests.
    explicit SecretField(const QString& objectName, const QString& accessibleName,
                         QWidget* parent = nullptr);

    QLineEdit* lineEdit() const { return m_edit; }
    QPushButton* removeButton() const { return m_remove; }
    QPushButton* replaceButton() const { return m_replace; }
    QString typedText() const;
    // Forgets what was typed, leaving no trace in the undo history, and masks the field again.
    void clearTyped();

    // stored: a secret is kept (Replace / Remove shown). placeholder: what the empty field
    // says; hint: a line under it ("" hides it).
    void setState(bool stored, const QString& placeholder, const QString& hint);

Q_SIGNALS:
    void textEdited();
    void editingFinished();
    void removeClicked();

private:
    QLineEdit* m_edit;
    QToolButton* m_show;
    QPushButton* m_replace;
    QPushButton* m_remove;
    QLabel* m_hint;
};

} // namespace keel::ui
