// ProviderEditor: builds the form, keeps it validated against Settings, saves it, and runs the
// connection test and the model fetch through the dialog's listModelsRequested signal.
#include "ui/settings/ProviderEditor.h"

#include "core/providers/Provider.h"
#include "core/providers/ProviderPresets.h"
#include "ui/settings/ModelListEditor.h"
#include "ui/settings/SecretField.h"
#include "ui/settings/SettingsStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

using settingsStyle::Tone;

namespace {

QString kindLabel(const QString& kind)
{
    if (kind == QLatin1String("openai"))
        return ProviderEditor::tr("OpenAI-compatible (Chat Completions)");
    if (kind == QLatin1String("anthropic"))
        return ProviderEditor::tr("Anthropic (Messages)");
    if (kind == QLatin1String("gemini"))
        return ProviderEditor::tr("Google Gemini");
    if (kind == QLatin1String("ollama"))
        return ProviderEditor::tr("Ollama (native API)");
    return kind;
}

} // namespace

ProviderEditor::ProviderEditor(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_content(new QWidget)
    , m_title(new QLabel)
    , m_subtitle(new QLabel)
    , m_name(new QLineEdit)
    , m_kind(new QComboBox)
    , m_baseUrl(new QLineEdit)
    , m_key(new SecretField(QStringLiteral("providerApiKey"), tr("API key")))
    , m_headers(new QTableWidget(0, 2))
    , m_enabled(new QCheckBox(tr("Enabled: offer its models in the model picker")))
    , m_verifyTls(new QCheckBox(tr("Verify TLS certificates")))
    , m_models(new ModelListEditor)
    , m_validation(settingsStyle::messageLabel(QStringLiteral("providerValidation")))
    , m_message(settingsStyle::messageLabel(QStringLiteral("providerMessage")))
    , m_revert(new QPushButton(tr("Revert")))
    , m_save(new QPushButton(tr("Save")))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 12, 0);
    contentLayout->setSpacing(6);
    contentLayout->addWidget(buildForm());
    contentLayout->addWidget(settingsStyle::sectionHeader(tr("Models")));
    contentLayout->addWidget(m_models, 1);
    m_scroll->setWidget(m_content);
    layout->addWidget(m_scroll, 1);

    settingsStyle::setMessage(m_validation, {}, Tone::Bad);
    layout->addWidget(m_validation);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_message, 1);
    buttons->addStretch(0);
    m_revert->setObjectName(QStringLiteral("revertProvider"));
    m_revert->setAccessibleName(tr("Revert the changes to this provider"));
    m_save->setObjectName(QStringLiteral("saveProvider"));
    m_save->setAccessibleName(tr("Save this provider"));
    m_save->setAutoDefault(false);
    m_revert->setAutoDefault(false);
    buttons->addWidget(m_revert, 0, Qt::AlignBottom);
    buttons->addWidget(m_save, 0, Qt::AlignBottom);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &ProviderEditor::save);
    connect(m_revert, &QPushButton::clicked, this, &ProviderEditor::revert);
    connect(m_models, &ModelListEditor::edited, this, &ProviderEditor::updateState);
    connect(m_models, &ModelListEditor::testRequested, this, [this] { requestModels(false); });
    connect(m_models, &ModelListEditor::fetchRequested, this, [this] { requestModels(true); });
    connect(m_settings, &core::Settings::keySaved, this, &ProviderEditor::onKeySaved);
    connect(m_settings, &core::Settings::secretBackendChanged, this,
            &ProviderEditor::onBackendChanged);
    loadProvider({});
}

QWidget* ProviderEditor::buildForm()
{
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    QFont titleFont;
    titleFont.setBold(true);
    titleFont.setPointSizeF(QFont().pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(settingsStyle::sectionHeader(tr("Connection")));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    m_name->setObjectName(QStringLiteral("providerName"));
    m_name->setAccessibleName(tr("Provider name"));
    m_name->setPlaceholderText(tr("Shown in the model picker; used by keel --provider"));
    form->addRow(tr("&Name:"), m_name);
    m_kind->setObjectName(QStringLiteral("providerKind"));
    m_kind->setAccessibleName(tr("API kind"));
    for (const QString& kind : core::providerKinds())
        m_kind->addItem(kindLabel(kind), kind);
    form->addRow(tr("API &kind:"), m_kind);
    m_baseUrl->setObjectName(QStringLiteral("providerBaseUrl"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setClearButtonEnabled(true);
    form->addRow(tr("Base &URL:"), m_baseUrl);
    form->addRow(tr("API &key:"), m_key);
    m_enabled->setObjectName(QStringLiteral("providerEnabled"));
    m_enabled->setAccessibleName(tr("Provider enabled"));
    form->addRow(QString(), m_enabled);
    m_verifyTls->setObjectName(QStringLiteral("providerVerifyTls"));
    m_verifyTls->setAccessibleName(tr("Verify TLS certificates"));
    form->addRow(QString(), m_verifyTls);
    layout->addLayout(form);

    layout->addWidget(settingsStyle::sectionHeader(tr("Extra HTTP headers")));
    m_headers->setObjectName(QStringLiteral("providerHeaders"));
    m_headers->setAccessibleName(tr("Extra HTTP headers"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_headers->verticalHeader()->hide();
    m_headers->setShowGrid(false);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setSelectionMode(QAbstractItemView::SingleSelection);
    m_headers->setFixedHeight(100);
    auto* addHeader = new QPushButton(tr("Add header"));
    addHeader->setObjectName(QStringLiteral("addHeader"));
    addHeader->setAccessibleName(tr("Add a header"));
    m_removeHeader = new QPushButton(tr("Remove header"));
    m_removeHeader->setObjectName(QStringLiteral("removeHeader"));
    m_removeHeader->setAccessibleName(tr("Remove the selected header"));
    m_noHeaders = new QLabel(tr("None. Some gateways want one, e.g. an organisation id."));
    m_noHeaders->setForegroundRole(QPalette::PlaceholderText);
    auto* headerButtons = new QHBoxLayout;
    headerButtons->setSpacing(8);
    headerButtons->addWidget(m_noHeaders);
    headerButtons->addStretch(1);
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(m_removeHeader);
    layout->addWidget(m_headers);
    layout->addLayout(headerButtons);

    connect(m_name, &QLineEdit::textChanged, this, &ProviderEditor::updateState);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProviderEditor::onKindChanged);
    connect(m_baseUrl, &QLineEdit::textChanged, this, [this] {
        updateTlsState();
        updateState();
    });
    connect(m_key, &SecretField::textEdited, this, [this] {
        if (!m_filling && !m_key->typedText().isEmpty())
            m_keyFailed = false;
        updateState();
    });
    connect(m_key, &SecretField::removeClicked, this, [this] {
        m_removeKey = true;
        m_key->clearTyped();
        updateKeyState();
        updateState();
    });
    connect(m_enabled, &QCheckBox::toggled, this, &ProviderEditor::updateState);
    connect(m_verifyTls, &QCheckBox::toggled, this, &ProviderEditor::updateState);
    connect(m_headers, &QTableWidget::itemChanged, this, &ProviderEditor::updateState);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem);
        m_headers->setItem(row, 1, new QTableWidgetItem);
        updateHeadersShown();
        m_headers->setCurrentCell(row, 0);
        m_headers->editItem(m_headers->item(row, 0));
    });
    connect(m_removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
        updateHeadersShown();
        updateState();
    });
    updateHeadersShown();
    return box;
}

void ProviderEditor::updateHeadersShown()
{
    // An empty table is a tall box that says nothing: show one line instead.
    const bool any = m_headers->rowCount() > 0;
    m_headers->setVisible(any);
    m_removeHeader->setVisible(any);
    m_noHeaders->setVisible(!any);
}

void ProviderEditor::loadProvider(const QString& id)
{
    m_pendingTest.clear();
    m_pendingFetch.clear();
    m_isNew = false;
    m_removeKey = false;
    m_keyFailed = false;
    m_keyWriteId.clear();
    m_saved = id.isEmpty() ? core::ProviderEntry{}
                           : m_settings->provider(id).value_or(core::ProviderEntry{});
    fillFields(m_saved);
    showMessage({}, false);
    updateKeyState();
    updateState();
    m_scroll->verticalScrollBar()->setValue(0);
}

void ProviderEditor::loadNewProvider(const core::ProviderEntry& entry)
{
    loadProvider({});
    m_isNew = true;
    m_saved = entry;
    fillFields(entry);
    updateKeyState();
    updateState();
}

void ProviderEditor::fillFields(const core::ProviderEntry& entry)
{
    m_filling = true;
    const bool any = !entry.id.isEmpty();
    m_content->setEnabled(any);
    m_name->setText(entry.name);
    const QString kind = entry.kind.isEmpty() ? QStringLiteral("openai") : entry.kind;
    m_kind->setCurrentIndex(std::max(m_kind->findData(kind), 0));
    m_kind->setEnabled(entry.presetId.isEmpty()); // a preset fixes the protocol
    m_lastKind = m_kind->currentData().toString();
    m_baseUrl->setText(entry.baseUrl);
    m_baseUrl->setPlaceholderText(defaultUrlFor(m_lastKind));
    m_key->clearTyped();
    m_headers->setRowCount(0);
    for (const auto& [name, value] : entry.extraHeaders) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(name));
        m_headers->setItem(row, 1, new QTableWidgetItem(value));
    }
    updateHeadersShown();
    m_models->load(entry.models, entry.defaultModel);
    m_enabled->setChecked(entry.enabled);
    m_verifyTls->setChecked(entry.verifyTls);
    m_filling = false;
    updateTlsState();

    QString origin = kindLabel(m_lastKind);
    if (const auto preset = core::findPreset(entry.presetId))
        origin = tr("%1 preset · %2").arg(preset->name, origin);
    else
        origin = tr("Custom · %1").arg(origin);
    m_subtitle->setText(any ? origin : tr("Select a provider on the left, or add one."));
}

core::ProviderEntry ProviderEditor::currentEntry() const
{
    core::ProviderEntry entry = m_saved;
    entry.name = m_name->text().trimmed();
    entry.kind = m_kind->currentData().toString();
    entry.baseUrl = m_baseUrl->text().trimmed();
    entry.extraHeaders.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem* name = m_headers->item(row, 0);
        const QTableWidgetItem* value = m_headers->item(row, 1);
        const QString n = name ? name->text().trimmed() : QString();
        const QString v = value ? value->text().trimmed() : QString();
        if (!n.isEmpty() || !v.isEmpty())
            entry.extraHeaders.append({n, v});
    }
    entry.defaultModel = m_models->defaultModel();
    entry.enabled = m_enabled->isChecked();
    entry.verifyTls = m_verifyTls->isChecked();
    entry.models = m_models->models();
    return entry;
}

QString ProviderEditor::validationError() const
{
    return m_saved.id.isEmpty() ? QString() : m_settings->validateProvider(currentEntry());
}

void ProviderEditor::focusKeyField()
{
    m_key->setFocus(Qt::OtherFocusReason);
}

void ProviderEditor::refreshFromSettings()
{
    if (m_saved.id.isEmpty() || m_isNew)
        return;
    const std::optional<core::ProviderEntry> stored = m_settings->provider(m_saved.id);
    if (!stored) { // removed (by this page or elsewhere)
        loadProvider({});
        return;
    }
    const bool edited = currentEntry() != m_saved || !m_key->typedText().isEmpty() || m_removeKey;
    if (!edited && *stored != m_saved) {
        m_saved = *stored;
        fillFields(m_saved);
    } else {
        m_saved.hasKey = stored->hasKey; // the edits keep comparing with what they started from
    }
    updateKeyState();
    updateState();
}

void ProviderEditor::updateState()
{
    if (m_filling)
        return;
    const bool any = !m_saved.id.isEmpty();
    const core::ProviderEntry entry = currentEntry();
    const QString error = validationError();
    settingsStyle::setMessage(m_validation, error, Tone::Bad);
    const bool dirty =
        any && (m_isNew || entry != m_saved || !m_key->typedText().isEmpty() || m_removeKey);
    m_save->setEnabled(dirty && error.isEmpty());
    m_revert->setEnabled(dirty);
    m_revert->setText(m_isNew ? tr("Discard") : tr("Revert"));
    m_models->setActionsEnabled(any && error.isEmpty() && m_pendingTest.isEmpty()
                                && m_pendingFetch.isEmpty());
    m_title->setText(!any                   ? tr("No provider selected")
                     : entry.name.isEmpty() ? tr("New provider")
                                            : entry.name);
    if (dirty && !m_keyFailed && m_keyWriteId.isEmpty())
        showMessage({}, false); // an earlier "Saved." no longer describes the form
    if (dirty != m_dirty) {
        m_dirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

void ProviderEditor::updateKeyState()
{
    const bool stored = !m_isNew && m_saved.hasKey && !m_removeKey;
    const bool local = core::findPreset(m_saved.presetId).value_or(core::ProviderPreset{}).local;
    QString placeholder;
    QString hint;
    if (m_removeKey) {
        placeholder = tr("No key");
        hint = tr("The stored key is removed when you save.");
    } else if (stored) {
        placeholder = m_settings->secretBackend() == core::SecretBackend::File
                          ? tr("Stored in the private key file")
                          : tr("Stored in the system keychain");
        hint = tr("A stored key is never shown. Type a new key to replace it.");
    } else {
        placeholder = local ? tr("Usually not needed for a server on this computer")
                            : tr("Paste the provider's API key");
        if (m_settings->secretBackend() == core::SecretBackend::Unavailable)
            hint = tr("Keys cannot be stored until a keychain or the private key file is "
                      "available (see the top of this page).");
    }
    m_key->setState(stored, placeholder, hint);
}

void ProviderEditor::updateTlsState()
{
    const QString url = m_baseUrl->text().trimmed();
    const bool loopback = core::isLoopbackUrl(url.isEmpty() ? defaultUrlFor(m_lastKind) : url);
    m_verifyTls->setEnabled(loopback);
    if (!loopback && !m_verifyTls->isChecked())
        m_verifyTls->setChecked(true);
    m_verifyTls->setToolTip(loopback ? tr("Turn off only for a server on this computer with a "
                                          "self-signed certificate")
                                     : tr("Always on for servers that are not on this computer"));
}

void ProviderEditor::onKindChanged()
{
    if (m_filling)
        return;
    const QString kind = m_kind->currentData().toString();
    // A URL that was only the old kind's default follows the kind.
    if (m_baseUrl->text().trimmed() == defaultUrlFor(m_lastKind))
        m_baseUrl->setText(defaultUrlFor(kind));
    m_baseUrl->setPlaceholderText(defaultUrlFor(kind));
    m_lastKind = kind;
    updateTlsState();
    updateState();
}

void ProviderEditor::save()
{
    if (m_saved.id.isEmpty())
        return;
    const core::ProviderEntry entry = currentEntry();
    const QString error = m_settings->saveProvider(entry);
    if (!error.isEmpty()) {
        settingsStyle::setMessage(m_validation, error, Tone::Bad);
        return;
    }
    m_isNew = false;
    m_saved = m_settings->provider(entry.id).value_or(entry);
    const QString key = m_key->typedText();
    if (m_saved != entry) {
        fillFields(m_saved); // shows what was stored; the typed key stays until it is stored
        m_key->lineEdit()->setText(key);
    }
    if (!key.isEmpty() || m_removeKey) {
        m_keyWriteId = m_saved.id;
        m_removeKey = false;
        showMessage(key.isEmpty() ? tr("Saved. Removing the key…") : tr("Saved. Storing the key…"),
                    false);
        m_settings->setProviderKey(m_saved.id, key);
    } else {
        showMessage(tr("Saved."), false);
    }
    updateKeyState();
    updateState();
    Q_EMIT saved(m_saved.id);
}

void ProviderEditor::revert()
{
    if (!m_isNew) {
        loadProvider(m_saved.id);
        return;
    }
    loadProvider({});
    Q_EMIT discarded();
}

void ProviderEditor::onKeySaved(const QString& providerId, const QString& error)
{
    if (providerId.isEmpty() || providerId != m_keyWriteId)
        return;
    m_keyWriteId.clear();
    m_keyFailed = !error.isEmpty();
    if (const auto stored = m_settings->provider(providerId))
        m_saved.hasKey = stored->hasKey;
    if (!m_keyFailed)
        m_key->clearTyped();
    // On failure the typed key stays (masked) so that Save can try again.
    showMessage(m_keyFailed ? tr("The key was not stored: %1").arg(error) : tr("Saved."),
                m_keyFailed);
    updateKeyState();
    updateState();
}

void ProviderEditor::onBackendChanged()
{
    updateKeyState();
    const core::SecretBackend backend = m_settings->secretBackend();
    const bool canStore =
        backend == core::SecretBackend::File || backend == core::SecretBackend::Keychain;
    // The user saved a key, it failed for want of a store, and now there is one: do what they
    // asked for.
    if (canStore && m_keyFailed && !m_isNew && !m_saved.id.isEmpty()
        && !m_key->typedText().isEmpty() && m_keyWriteId.isEmpty()) {
        m_keyWriteId = m_saved.id;
        showMessage(tr("Storing the key…"), false);
        m_settings->setProviderKey(m_saved.id, m_key->typedText());
    }
    updateState();
}

void ProviderEditor::requestModels(bool fetch)
{
    std::optional<QString> typedKey;
    if (!m_key->typedText().isEmpty())
        typedKey = m_key->typedText();
    else if (m_removeKey)
        typedKey = QString();
    core::ModelListRequest request;
    request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider = m_settings->requestConfig(currentEntry(), typedKey);
    request.connectTimeoutMs = m_settings->general().network.connectTimeoutMs;
    (fetch ? m_pendingFetch : m_pendingTest) = request.requestId;
    m_models->showBusy(fetch ? tr("Fetching models…") : tr("Testing…"));
    updateState();
    Q_EMIT listModelsRequested(request);
}

void ProviderEditor::onModelsListed(const core::ModelListResult& result)
{
    const bool test = !result.requestId.isEmpty() && result.requestId == m_pendingTest;
    const bool fetch = !result.requestId.isEmpty() && result.requestId == m_pendingFetch;
    if (!test && !fetch)
        return; // an answer for another entry, or for a request this editor forgot
    (test ? m_pendingTest : m_pendingFetch).clear();
    const auto count = result.models.size();
    if (result.error.kind != core::ErrorKind::None) {
        m_models->showResult(result.error.message.isEmpty() ? tr("The provider did not answer.")
                                                            : result.error.message,
                             false);
    } else if (test) {
        m_models->showResult(
            count == 1 ? tr("Connected — 1 model, %1 ms").arg(result.latencyMs)
                       : tr("Connected — %1 models, %2 ms").arg(count).arg(result.latencyMs),
            true);
    } else {
        const bool first = m_models->models().isEmpty();
        const qsizetype added = m_models->mergeFetched(result.models);
        QString text = tr("Fetched %1 models.").arg(count);
        if (!first)
            text = added == 0
                       ? tr("Fetched %1 models: nothing new.").arg(count)
                       : tr("Fetched %1 models: %2 new, added disabled.").arg(count).arg(added);
        m_models->showResult(text + QLatin1Char(' ') + tr("Save to keep the list."), true);
    }
    updateState();
}

void ProviderEditor::showMessage(const QString& text, bool error)
{
    settingsStyle::setMessage(m_message, text, error ? Tone::Bad : Tone::Neutral);
}

QString ProviderEditor::defaultUrlFor(const QString& kind) const
{
    const std::unique_ptr<core::Provider> provider = core::createProvider(kind);
    return provider ? provider->defaultBaseUrl() : QString();
}

} // namespace keel::ui
