// SecretField: masked entry, Show toggle, Replace / Remove for a stored secret.
#include "ui/settings/SecretField.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace keel::ui {

SecretField::SecretField(const QString& objectName, const QString& accessibleName, QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit)
    , m_show(new QToolButton)
    , m_replace(new QPushButton(tr("Replace…")))
    , m_remove(new QPushButton(tr("Remove")))
    , m_hint(new QLabel)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* row = new QHBoxLayout;
    row->setSpacing(6);

    m_edit->setObjectName(objectName);
    m_edit->setAccessibleName(accessibleName);
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText
                                | Qt::ImhNoAutoUppercase);
    row->addWidget(m_edit, 1);

    m_show->setObjectName(objectName + QStringLiteral("Show"));
    m_show->setText(tr("Show"));
    m_show->setAccessibleName(tr("Show what is typed"));
    m_show->setToolTip(tr("Show what is typed (a stored secret is never shown)"));
    m_show->setCheckable(true);
    row->addWidget(m_show);

    m_replace->setObjectName(objectName + QStringLiteral("Replace"));
    m_replace->setAccessibleName(tr("Replace the stored secret"));
    row->addWidget(m_replace);
    m_remove->setObjectName(objectName + QStringLiteral("Remove"));
    m_remove->setAccessibleName(tr("Remove the stored secret"));
    row->addWidget(m_remove);
    layout->addLayout(row);

    m_hint->setObjectName(objectName + QStringLiteral("Hint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hint);
    setFocusProxy(m_edit);

    connect(m_edit, &QLineEdit::textChanged, this, &SecretField::textEdited);
    connect(m_edit, &QLineEdit::editingFinished, this, &SecretField::editingFinished);
    connect(m_show, &QToolButton::toggled, this, [this](bool shown) {
        m_edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_show->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_replace, &QPushButton::clicked, this, [this] {
        m_hint->setText(tr("Type the new one: it replaces the stored one when saved."));
        m_hint->show();
        m_edit->setFocus(Qt::OtherFocusReason);
    });
    connect(m_remove, &QPushButton::clicked, this, &SecretField::removeClicked);
    setState(false, {}, {});
}

QString SecretField::typedText() const
{
    return m_edit->text();
}

void SecretField::clearTyped()
{
    // setText, not clear(): clear() is an undoable edit, and Ctrl+Z would bring the secret back.
    m_edit->setText({});
    m_show->setChecked(false);
}

void SecretField::setState(bool stored, const QString& placeholder, const QString& hint)
{
    m_edit->setPlaceholderText(placeholder);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_replace->setVisible(stored);
    m_remove->setVisible(stored);
}

} // namespace keel::ui
