// DraftKeeper: what the user typed into the composer and did not send, per conversation, across
// conversation switches and restarts. It remembers the text in memory at once, writes it to the
// store (through StoreClient, queued) about a second after typing stops, right away when the
// composer is emptied (e.g. the message was sent), and when another conversation opens or the
// window closes (flush()). Opening a conversation puts its draft back into the composer, from
// memory or, the first time, from the store (loadDraft). The new, not yet stored chat has id 0;
// when it gets stored its draft moves to the new id, so it does not come back in the next new chat.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

namespace keel::core {
class StoreClient;
} // namespace keel::core

namespace keel::ui {

class Composer;
class ConversationController;

class DraftKeeper : public QObject {
    Q_OBJECT
public:
    // store may be null: drafts then live as long as the window. All must outlive the keeper.
    DraftKeeper(Composer* composer, ConversationController* controller, core::StoreClient* store,
                QObject* parent = nullptr);

    // How long typing must pause before the draft is written to the store.
    static constexpr int kSaveDelayMs = 1000;

    // The conversation whose draft the composer holds.
    qint64 conversationId() const { return m_current; }
    // Its draft as known here ("" when there is none or it was not read yet).
    QString draft(qint64 conversationId) const { return m_drafts.value(conversationId); }
    bool isSavePending() const { return m_dirtyId >= 0; }

public Q_SLOTS:
    // Writes the draft that waits for the pause in typing now.
    void flush();

private:
    void onComposerChanged();
    void onConversationChanged();
    void onConversationCreated(qint64 conversationId);
    void onDraftLoaded(qint64 conversationId, const QString& text);
    // Puts the conversation's draft into the composer (asking the store when it is not known).
    void show(qint64 conversationId);
    void apply(const QString& text);
    void save(qint64 conversationId, const QString& text);

    Composer* m_composer;
    ConversationController* m_controller;
    core::StoreClient* m_store;
    qint64 m_current = 0;
    QHash<qint64, QString> m_drafts; // known drafts (absent: not read from the store yet)
    qint64 m_dirtyId = -1;           // whose draft waits to be written; -1: none
    qint64 m_awaitedId = -1;         // whose draft was asked of the store; -1: none
    bool m_applying = false;         // the composer is being filled from here
    QTimer m_saveTimer;
};

} // namespace keel::ui
