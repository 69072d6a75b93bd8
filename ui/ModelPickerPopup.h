// ModelPickerPopup: the model picker's drop-down: a search field over one list of models
// grouped under their provider's name. Keyboard first: the search field keeps the focus, typing
// filters, Up/Down move through the visible models, Enter picks, Esc closes.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QFrame>
#include <QList>
#include <QString>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace keel::ui {

class ModelPickerPopup : public QFrame {
    Q_OBJECT
public:
    struct Entry {
        core::ModelRef ref; // empty: the "default model" entry
        QString providerName;
        QString modelName;
    };

    // Item data of the list's rows, for tests and accessibility.
    enum Role { RowKindRole = Qt::UserRole + 1, ProviderIdRole, ModelIdRole, CurrentRole };
    enum class RowKind { Header, Model, Default };

    explicit ModelPickerPopup(QWidget* parent = nullptr);

    // defaultLabel: the text of the "default model" entry listed first ("" = none);
    // defaultDetail says what it currently resolves to ("OpenAI · gpt-4o").
    void setEntries(const QList<Entry>& entries, const QString& defaultLabel,
                    const QString& defaultDetail);
    // The row shown checked; an empty ref checks the "default model" entry.
    void setCurrent(const core::ModelRef& ref);

    // Clears the filter, selects the current row and takes the keyboard.
    void prepareToShow();

    // Tall enough to show every row without scrolling.
    int preferredHeight() const;

    QLineEdit* searchField() const { return m_search; }
    QListWidget* list() const { return m_list; }
    // The refs of the model rows the filter leaves visible, in order (tests).
    QList<core::ModelRef> visibleRefs() const;

Q_SIGNALS:
    void picked(const keel::core::ModelRef& ref);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    void applyFilter(const QString& text);
    void moveSelection(int step);
    void pickRow(QListWidgetItem* item);
    bool isPickable(int row) const;
    void markCurrent();

    QLineEdit* m_search;
    QListWidget* m_list;
    QLabel* m_empty;
    core::ModelRef m_current;
    bool m_hasDefault = false;
};

} // namespace keel::ui
