// DraftKeeper: per-conversation composer drafts, in memory and in the store.
#include "ui/DraftKeeper.h"

#include "core/store/StoreClient.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"

#include <QTextCursor>

#include <utility>

namespace keel::ui {

DraftKeeper::DraftKeeper(Composer* composer, ConversationController* controller,
                         core::StoreClient* store, QObject* parent)
    : QObject(parent)
    , m_composer(composer)
    , m_controller(controller)
    , m_store(store)
    , m_current(controller->conversationId())
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &DraftKeeper::flush);
    connect(m_composer, &QPlainTextEdit::textChanged, this, &DraftKeeper::onComposerChanged);
    connect(m_controller, &ConversationController::conversationCreated, this,
            &DraftKeeper::onConversationCreated);
    connect(m_controller, &ConversationController::conversationChanged, this,
            &DraftKeeper::onConversationChanged);
    if (m_store != nullptr)
        connect(m_store->store(), &core::Store::draftLoaded, this, &DraftKeeper::onDraftLoaded,
                Qt::QueuedConnection);
    show(m_current);
}

void DraftKeeper::flush()
{
    m_saveTimer.stop();
    if (m_dirtyId < 0)
        return;
    const qint64 id = std::exchange(m_dirtyId, -1);
    save(id, m_drafts.value(id));
}

void DraftKeeper::onComposerChanged()
{
    if (m_applying)
        return;
    const QString text = m_composer->toPlainText();
    m_drafts.insert(m_current, text);
    m_awaitedId = -1; // typed before the stored draft came: what is typed wins
    if (m_dirtyId >= 0 && m_dirtyId != m_current)
        flush();
    m_dirtyId = m_current;
    // Emptied (sent, or deleted at once): no reason to wait, and nothing must come back.
    if (text.isEmpty())
        flush();
    else
        m_saveTimer.start();
}

void DraftKeeper::onConversationChanged()
{
    const qint64 id = m_controller->conversationId();
    if (id == m_current)
        return;
    flush(); // the draft of the conversation left behind
    m_current = id;
    show(id);
}

void DraftKeeper::onConversationCreated(qint64 conversationId)
{
    if (m_current != 0 || conversationId <= 0)
        return;
    // The same conversation, now stored: what is in the composer (typed after sending) is its
    // draft, and the new chat's draft is gone.
    const bool pending = m_dirtyId == 0;
    const QString text = m_drafts.take(0);
    m_saveTimer.stop();
    m_dirtyId = -1;
    m_current = conversationId;
    if (pending || !text.isEmpty())
        save(0, {});
    m_drafts.insert(conversationId, text);
    if (!text.isEmpty()) {
        m_dirtyId = conversationId;
        flush();
    }
}

void DraftKeeper::onDraftLoaded(qint64 conversationId, const QString& text)
{
    if (conversationId != m_awaitedId)
        return;
    m_awaitedId = -1;
    m_drafts.insert(conversationId, text);
    if (conversationId == m_current)
        apply(text);
}

void DraftKeeper::show(qint64 conversationId)
{
    const auto known = m_drafts.constFind(conversationId);
    if (known != m_drafts.constEnd()) {
        m_awaitedId = -1;
        apply(*known);
        return;
    }
    apply({});
    if (m_store == nullptr)
        return;
    m_awaitedId = conversationId;
    m_store->post([conversationId](core::Store* store) { store->loadDraft(conversationId); });
}

void DraftKeeper::apply(const QString& text)
{
    if (m_composer->toPlainText() == text)
        return;
    m_applying = true;
    m_composer->setPlainText(text);
    m_composer->moveCursor(QTextCursor::End);
    m_applying = false;
}

void DraftKeeper::save(qint64 conversationId, const QString& text)
{
    if (m_store == nullptr)
        return;
    m_store->post(
        [conversationId, text](core::Store* store) { store->saveDraft(conversationId, text); });
}

} // namespace keel::ui
