// Settings: the live configuration on its owner's thread. Memory is updated at once and the
// change signalled; files are saved by queued calls to the settings thread's writer, each
// carrying the whole list. Keys and the proxy password: SettingsSecrets.cpp.
#include "settings/Settings.h"

#include "ThreadCheck.h"
#include "providers/ProviderPresets.h"
#include "settings/SettingsWriter.h"

#include <QProcessEnvironment>
#include <QUrl>
#include <QUuid>

#include <utility>

namespace keel::core {

void registerSettingsMetaTypes(); // SettingsTypes.cpp

namespace {

const QStringList kKinds = {QStringLiteral("openai"), QStringLiteral("anthropic"),
                            QStringLiteral("gemini"), QStringLiteral("ollama")};

template <typename Call>
void post(QObject* target, Call&& call)
{
    QMetaObject::invokeMethod(target, std::forward<Call>(call), Qt::QueuedConnection);
}

// RFC 9110 token characters: anything else would corrupt the request.
bool isHeaderName(const QString& name)
{
    static const QString punctuation = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : name) {
        const bool alnum = c.unicode() < 128 && c.isLetterOrNumber();
        if (!alnum && !punctuation.contains(c))
            return false;
    }
    return !name.isEmpty();
}

QString quoted(const QString& text)
{
    return QStringLiteral("“%1”").arg(text);
}

} // namespace

Settings::Settings(SettingsPaths paths, SettingsWriter* writer, SecretStore* secrets,
                   QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths))
    , m_writer(writer)
    , m_secrets(secrets)
{
    registerSettingsMetaTypes();
}

Settings::~Settings() = default;

void Settings::load()
{
    KEEL_ASSERT_OWN_THREAD(this);
    auto providers = loadProviders(m_paths.providersFile());
    auto assistants = loadAssistants(m_paths.assistantsFile());
    auto general = loadGeneralSettings(m_paths.settingsFile());
    m_loadNotices.clear();
    for (const QString& notice : {providers.notice, assistants.notice, general.notice}) {
        if (!notice.isEmpty())
            m_loadNotices << notice;
    }
    m_loadNotices << loadToolFiles();
    const QList<ProviderEntry> transient = m_providers; // only transient ones exist before load
    m_providers = providers.value;
    for (const ProviderEntry& entry : transient) {
        if (m_transient.contains(entry.id) && indexOfProvider(entry.id) < 0)
            m_providers.append(entry);
    }
    m_assistants = assistants.value;
    m_general = general.value;
    // Keys users keep in their environment work without being entered again.
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const ProviderPreset& preset : providerPresets()) {
        for (const QString& variable : preset.apiKeyVariables()) {
            if (environment.contains(variable))
                m_environment.insert(variable, environment.value(variable));
        }
    }

    if (m_writer) {
        connect(
            m_writer, &SettingsWriter::saveFailed, this,
            [this](const QString&, const QString& error) { Q_EMIT saveFailed(error); },
            Qt::QueuedConnection);
    }
    if (m_secrets) {
        connect(m_secrets, &SecretStore::backendChanged, this, &Settings::onBackendChanged,
                Qt::QueuedConnection);
        connect(m_secrets, &SecretStore::secretRead, this, &Settings::onSecretRead,
                Qt::QueuedConnection);
        connect(m_secrets, &SecretStore::secretWritten, this, &Settings::onSecretWritten,
                Qt::QueuedConnection);
        connect(m_secrets, &SecretStore::secretRemoved, this, &Settings::onSecretRemoved,
                Qt::QueuedConnection);
        // The opt-in first: the probe's answer depends on it.
        post(m_secrets, [store = m_secrets, allowed = m_general.secretFileAllowed] {
            store->setFileAllowed(allowed);
        });
        post(m_secrets, [store = m_secrets] { store->probe(); });
        readStoredKeys();
    }
}

// ---- Providers ----

std::optional<ProviderEntry> Settings::provider(const QString& id) const
{
    const int index = indexOfProvider(id);
    return index < 0 ? std::nullopt : std::optional<ProviderEntry>(m_providers.at(index));
}

std::optional<ProviderEntry> Settings::providerByName(const QString& name) const
{
    const QString wanted = name.trimmed();
    for (const ProviderEntry& entry : m_providers) {
        if (entry.name.trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
            return entry;
    }
    for (const ProviderEntry& entry : m_providers) {
        if (entry.id.compare(wanted, Qt::CaseInsensitive) == 0)
            return entry;
    }
    return std::nullopt;
}

QString Settings::validateProvider(const ProviderEntry& entry) const
{
    const QString name = entry.name.trimmed();
    if (name.isEmpty())
        return tr("Name: enter a name for this provider.");
    for (const ProviderEntry& other : m_providers) {
        if (other.id != entry.id && other.name.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return tr("Name: another provider is already called %1.")
                .arg(quoted(other.name.trimmed()));
    }
    if (!kKinds.contains(entry.kind.trimmed().toLower()))
        return tr("Kind: choose one of openai, anthropic, gemini or ollama.");

    const QString url = entry.baseUrl.trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        const QString scheme = parsed.scheme().toLower();
        if (!parsed.isValid() || parsed.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return tr("Base URL: enter an address that starts with http:// or "
                      "https://, e.g. https://api.example.com/v1.");
        // providers.json is not a place for secrets, and a URL is shown everywhere.
        if (!parsed.userInfo().isEmpty())
            return tr("Base URL: leave the user name and password out of the "
                      "address; enter the key in the API key field.");
    }
    if (!entry.verifyTls) {
        QString effectiveUrl = url;
        if (effectiveUrl.isEmpty()) {
            if (const auto preset = findPreset(entry.presetId))
                effectiveUrl = preset->baseUrl;
        }
        if (!isLoopbackUrl(effectiveUrl))
            return tr("TLS verification: it can be turned off only for a server on "
                      "this computer (localhost, 127.0.0.1 or ::1).");
    }
    for (const auto& [headerName, value] : entry.extraHeaders) {
        const QString trimmed = headerName.trimmed();
        if (trimmed.isEmpty())
            return tr("Headers: every header needs a name.");
        if (!isHeaderName(trimmed))
            return tr("Headers: %1 is not a valid header name.").arg(quoted(trimmed));
        if (value.contains(u'\r') || value.contains(u'\n'))
            return tr("Headers: the value of %1 must be a single line.").arg(quoted(trimmed));
    }
    return {};
}

QString Settings::saveProvider(const ProviderEntry& entry)
{
    KEEL_ASSERT_OWN_THREAD(this);
    ProviderEntry stored = entry;
    stored.id = stored.id.trimmed();
    stored.name = stored.name.trimmed();
    stored.kind = stored.kind.trimmed().toLower();
    stored.baseUrl = stored.baseUrl.trimmed();
    if (stored.id.isEmpty()) {
        const QString base = stored.presetId.isEmpty() ? QStringLiteral("custom") : stored.presetId;
        stored.id = base;
        for (int n = 2; indexOfProvider(stored.id) >= 0; ++n)
            stored.id = QStringLiteral("%1-%2").arg(base).arg(n);
    }
    if (const QString error = validateProvider(stored); !error.isEmpty())
        return error;

    // hasKey follows what the secret store confirmed (setProviderKey), not the caller's copy.
    const int index = indexOfProvider(stored.id);
    if (index >= 0) {
        stored.hasKey = m_providers.at(index).hasKey;
        if (stored == m_providers.at(index))
            return {};
        m_providers[index] = stored;
    } else {
        stored.hasKey = false;
        m_providers.append(stored);
    }
    if (!m_transient.contains(stored.id))
        saveProvidersLater();
    Q_EMIT providersChanged();
    return {};
}

void Settings::removeProvider(const QString& id)
{
    KEEL_ASSERT_OWN_THREAD(this);
    const int index = indexOfProvider(id);
    if (index < 0)
        return;
    const bool transient = m_transient.remove(id);
    m_providers.removeAt(index);
    m_keys.remove(id);
    m_keysPending.remove(id);
    // Answers still on their way concern the removed entry, not a later one with its id.
    for (auto it = m_keyWrites.begin(); it != m_keyWrites.end();) {
        if (it.value() == id)
            it = m_keyWrites.erase(it);
        else
            ++it;
    }
    if (!transient) {
        if (m_secrets) {
            // Also when hasKey is false: a write may still be under way; removing a missing
            // secret is fine.
            post(m_secrets, [store = m_secrets, name = apiKeySecretName(id),
                             tag = QStringLiteral("settings-forget-%1").arg(++m_tagCounter)] {
                store->remove(name, tag);
            });
        }
        saveProvidersLater();
    }
    Q_EMIT providersChanged();
}

void Settings::addTransientProvider(const ProviderEntry& entry, const QString& apiKey)
{
    KEEL_ASSERT_OWN_THREAD(this);
    ProviderEntry stored = entry;
    stored.id = stored.id.trimmed();
    const QString base = stored.id.isEmpty() ? QStringLiteral("command-line") : stored.id;
    const auto taken = [this](const QString& id) {
        return indexOfProvider(id) >= 0 && !m_transient.contains(id);
    };
    stored.id = base;
    for (int n = 2; taken(stored.id); ++n)
        stored.id = QStringLiteral("%1-%2").arg(base).arg(n);
    if (stored.name.trimmed().isEmpty())
        stored.name = stored.id;
    stored.hasKey = !apiKey.isEmpty();

    const int index = indexOfProvider(stored.id);
    if (index >= 0)
        m_providers[index] = stored;
    else
        m_providers.append(stored);
    m_transient.insert(stored.id);
    if (apiKey.isEmpty())
        m_keys.remove(stored.id);
    else
        m_keys.insert(stored.id, apiKey);
    Q_EMIT providersChanged();
}

ProviderConfig Settings::requestConfig(const ProviderEntry& entry,
                                       const std::optional<QString>& typedKey) const
{
    KEEL_ASSERT_OWN_THREAD(this);
    ProviderConfig config = entry.config();
    // Named in authentication errors: where the user fixes the key.
    const QString settingsPlace =
        tr("Settings \u25b8 Providers \u25b8 %1").arg(entry.name.trimmed());
    if (typedKey) {
        config.apiKey = *typedKey;
        config.apiKeySource = settingsPlace;
    } else {
        const auto [key, source] = keyAndSource(entry);
        config.apiKey = key;
        config.apiKeySource = source.isEmpty() ? settingsPlace : source;
    }
    if (m_transient.contains(entry.id))
        config.apiKeySource = tr("the command line options");
    const NetworkSettings& network = m_general.network;
    config.proxy.mode = network.proxyMode;
    if (network.proxyMode == ProxyConfig::Mode::Manual) {
        config.proxy.url = network.proxyUrl;
        config.proxy.user = network.proxyUser;
        config.proxy.password = m_proxyPassword;
    }
    return config;
}

// ---- Models ----

QList<Settings::ModelChoice> Settings::modelChoices() const
{
    QList<ModelChoice> choices;
    for (const ProviderEntry& entry : m_providers) {
        if (!entry.enabled)
            continue;
        for (const ModelEntry& model : entry.enabledModels())
            choices.append({{entry.id, model.id}, entry.name, model.shownName()});
    }
    return choices;
}

QPair<QString, QString> Settings::keyAndSource(const ProviderEntry& entry) const
{
    if (const QString stored = m_keys.value(entry.id); !stored.isEmpty())
        return {stored, QString()};
    if (m_transient.contains(entry.id))
        return {};
    // Only a preset's own variables: a custom server never gets, say, the OpenAI key.
    const auto preset = findPreset(entry.presetId);
    const QStringList variables = preset ? preset->apiKeyVariables() : QStringList();
    for (const QString& variable : variables) {
        if (const QString key = m_environment.value(variable); !key.isEmpty())
            return {key, tr("the environment variable %1").arg(variable)};
    }
    return {};
}

ModelRef Settings::defaultModel() const
{
    if (const ModelRef& session = m_session.defaultModel; !session.isEmpty()) {
        const int index = indexOfProvider(session.providerId);
        if (index >= 0 && m_providers.at(index).enabled)
            return session;
    }
    const ModelRef& chosen = m_general.defaultModel;
    if (!chosen.isEmpty()) {
        const int index = indexOfProvider(chosen.providerId);
        if (index >= 0 && m_providers.at(index).enabled)
            return chosen;
    }
    for (const ProviderEntry& entry : m_providers) {
        if (entry.enabled && !entry.effectiveDefaultModel().isEmpty())
            return {entry.id, entry.effectiveDefaultModel()};
    }
    return {};
}

// ---- Assistants ----

std::optional<Assistant> Settings::assistant(const QString& id) const
{
    for (const Assistant& assistant : m_assistants) {
        if (assistant.id == id)
            return assistant;
    }
    return std::nullopt;
}

Assistant Settings::saveAssistant(Assistant assistant)
{
    KEEL_ASSERT_OWN_THREAD(this);
    assistant.name = assistant.name.trimmed();
    if (assistant.name.isEmpty())
        assistant.name = tr("Untitled assistant");
    if (assistant.id.trimmed().isEmpty()) {
        // Random, so a conversation started from a deleted assistant never names a new one.
        do {
            assistant.id = QStringLiteral("assistant-")
                           + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        } while (this->assistant(assistant.id));
    }
    bool replaced = false;
    for (Assistant& existing : m_assistants) {
        if (existing.id == assistant.id) {
            if (existing == assistant)
                return assistant;
            existing = assistant;
            replaced = true;
            break;
        }
    }
    if (!replaced)
        m_assistants.append(assistant);
    saveAssistantsLater();
    Q_EMIT assistantsChanged();
    return assistant;
}

Assistant Settings::duplicateAssistant(const QString& id)
{
    KEEL_ASSERT_OWN_THREAD(this);
    const auto original = assistant(id);
    if (!original)
        return {};
    Assistant copy = *original;
    copy.id.clear();
    const QString base = tr("%1 (copy)").arg(original->name);
    copy.name = base;
    const auto nameTaken = [this](const QString& name) {
        for (const Assistant& a : m_assistants) {
            if (a.name.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    };
    for (int n = 2; nameTaken(copy.name); ++n)
        copy.name = tr("%1 (copy %2)").arg(original->name).arg(n);
    copy = saveAssistant(copy);
    // Next to its original, where the user is looking.
    const int from = int(m_assistants.size()) - 1;
    for (int i = 0; i < from; ++i) {
        if (m_assistants.at(i).id == id) {
            if (i + 1 != from) {
                m_assistants.move(from, i + 1);
                saveAssistantsLater();
                Q_EMIT assistantsChanged();
            }
            break;
        }
    }
    return copy;
}

void Settings::removeAssistant(const QString& id)
{
    KEEL_ASSERT_OWN_THREAD(this);
    const auto removed = m_assistants.removeIf([&id](const Assistant& a) { return a.id == id; });
    if (removed == 0)
        return;
    saveAssistantsLater();
    Q_EMIT assistantsChanged();
}

ConversationSettings Settings::conversationFromAssistant(const QString& id) const
{
    ConversationSettings settings;
    if (const auto found = assistant(id)) {
        settings.model = found->model;
        settings.overrides = found->parameters;
        settings.assistantId = found->id;
    }
    return settings;
}

// ---- General ----

void Settings::setGeneral(const GeneralSettings& settings)
{
    KEEL_ASSERT_OWN_THREAD(this);
    GeneralSettings next = settings;
    // Follows what the secret store confirmed (setProxyPassword), not the caller's copy.
    next.network.hasProxyPassword = m_general.network.hasProxyPassword;
    if (next == m_general)
        return;
    const bool fileAllowedChanged = next.secretFileAllowed != m_general.secretFileAllowed;
    m_general = next;
    if (fileAllowedChanged && m_secrets) {
        post(m_secrets, [store = m_secrets, allowed = next.secretFileAllowed] {
            store->setFileAllowed(allowed);
        });
    }
    saveGeneralLater();
    Q_EMIT generalChanged();
}

void Settings::setSecretFileAllowed(bool allowed)
{
    GeneralSettings next = m_general;
    next.secretFileAllowed = allowed;
    setGeneral(next);
}

// ---- Turns ----

Resolution Settings::resolve(const ConversationSettings& conversation) const
{
    KEEL_ASSERT_OWN_THREAD(this);
    const ProviderEntry* entry = nullptr;
    QString model;
    // The conversation's choice, unless its provider is gone or disabled: then the default.
    if (const int index = indexOfProvider(conversation.model.providerId);
        index >= 0 && m_providers.at(index).enabled) {
        entry = &m_providers.at(index);
        model = conversation.model.model.isEmpty() ? entry->effectiveDefaultModel()
                                                   : conversation.model.model;
    }
    if (!entry) {
        if (const ModelRef fallback = defaultModel(); !fallback.isEmpty()) {
            entry = &m_providers.at(indexOfProvider(fallback.providerId));
            model = fallback.model;
        }
    }
    if (!entry) {
        for (const ProviderEntry& candidate : m_providers) {
            if (candidate.enabled) {
                entry = &candidate;
                break;
            }
        }
    }
    Resolution resolution;
    if (!entry) {
        resolution.error = m_providers.isEmpty()
                               ? tr("No provider is set up yet. Add one in Settings "
                                    "\u25b8 Providers (Ctrl+,).")
                               : tr("All providers are disabled. Enable one in "
                                    "Settings \u25b8 Providers (Ctrl+,).");
        return resolution;
    }
    const QString name = quoted(entry->name);
    const auto preset = findPreset(entry->presetId);
    const bool needsKey = entry->kind != QLatin1String("ollama") && !(preset && preset->local)
                          && !isLoopbackUrl(entry->baseUrl);
    if (needsKey && keyAndSource(*entry).first.isEmpty()) {
        resolution.error =
            m_keysPending.contains(entry->id)
                ? tr("The API key of %1 is still being read from the keychain. Try "
                     "again in a moment.")
                      .arg(name)
                : tr("%1 has no API key yet. Enter it in Settings \u25b8 Providers.").arg(name);
        return resolution;
    }
    if (model.isEmpty()) {
        resolution.error = tr("Choose a model for %1 in the model picker or in "
                              "Settings \u25b8 Providers.")
                               .arg(name);
        return resolution;
    }
    ResolvedChat chat;
    chat.provider = *entry;
    chat.config = requestConfig(*entry);
    chat.model = model;
    chat.parameters = m_general.chatDefaults.overriddenBy(m_session.parameters)
                          .overriddenBy(conversation.overrides);
    chat.connectTimeoutMs = m_general.network.connectTimeoutMs;
    chat.idleTimeoutMs = m_session.idleTimeoutMs.value_or(m_general.network.idleTimeoutMs);
    resolution.chat = chat;
    return resolution;
}

// ---- Saving ----

void Settings::saveProvidersLater()
{
    if (m_writer) {
        post(m_writer, [writer = m_writer, providers = savedProviders()] {
            writer->saveProviders(providers);
        });
    }
}

void Settings::saveAssistantsLater()
{
    if (m_writer) {
        post(m_writer, [writer = m_writer, assistants = m_assistants] {
            writer->saveAssistants(assistants);
        });
    }
}

void Settings::saveGeneralLater()
{
    if (m_writer) {
        post(m_writer,
             [writer = m_writer, general = m_general] { writer->saveGeneralSettings(general); });
    }
}

QList<ProviderEntry> Settings::savedProviders() const
{
    QList<ProviderEntry> saved;
    for (const ProviderEntry& entry : m_providers) {
        if (!m_transient.contains(entry.id))
            saved.append(entry);
    }
    return saved;
}

int Settings::indexOfProvider(const QString& id) const
{
    if (id.isEmpty())
        return -1;
    for (int i = 0; i < m_providers.size(); ++i) {
        if (m_providers.at(i).id == id)
            return i;
    }
    return -1;
}

} // namespace keel::core