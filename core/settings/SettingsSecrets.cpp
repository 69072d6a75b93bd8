// Settings (secrets): API keys and the proxy password. Values go to the SecretStore on the
// settings thread and stay in memory for requests; answers come back as queued signals matched
// to their requests by tag, so an answer overtaken by a newer edit is ignored.
#include "ThreadCheck.h"
#include "settings/Settings.h"

#include <algorithm>
#include <utility>

namespace keel::core {

namespace {

const QString kReadTagPrefix = QStringLiteral("settings-read-");

template <typename Call>
void post(QObject* target, Call&& call)
{
    QMetaObject::invokeMethod(target, std::forward<Call>(call), Qt::QueuedConnection);
}

QString quoted(const QString& text)
{
    return QStringLiteral("“%1”").arg(text);
}

} // namespace

void Settings::setProviderKey(const QString& id, const QString& key)
{
    KEEL_ASSERT_OWN_THREAD(this);
    const int index = indexOfProvider(id);
    if (index < 0) {
        Q_EMIT keySaved(id, tr("The key was not saved: the provider no longer "
                               "exists. Save the provider first."));
        return;
    }
    // A read still on its way would bring back the old key.
    m_keysPending.remove(id);
    for (auto it = m_keyWrites.begin(); it != m_keyWrites.end();) {
        if (it.value() == id && it.key().startsWith(kReadTagPrefix))
            it = m_keyWrites.erase(it);
        else
            ++it;
    }
    if (key.isEmpty())
        m_keys.remove(id);
    else
        m_keys.insert(id, key);

    if (m_transient.contains(id) || !m_secrets) {
        if (m_transient.contains(id))
            m_providers[index].hasKey = !key.isEmpty();
        Q_EMIT keySaved(id, {}); // kept in memory for this run, which is all there is
        return;
    }
    const QString name = apiKeySecretName(id);
    if (key.isEmpty()) {
        const QString tag = QStringLiteral("settings-remove-%1").arg(++m_tagCounter);
        m_keyWrites.insert(tag, id);
        post(m_secrets, [store = m_secrets, name, tag] { store->remove(name, tag); });
    } else {
        const QString tag = QStringLiteral("settings-write-%1").arg(++m_tagCounter);
        m_keyWrites.insert(tag, id);
        post(m_secrets, [store = m_secrets, name, key, tag] { store->write(name, key, tag); });
    }
}

void Settings::setProxyPassword(const QString& password)
{
    KEEL_ASSERT_OWN_THREAD(this);
    m_proxyPassword = password;
    for (auto it = m_keyWrites.begin(); it != m_keyWrites.end();) {
        if (it.value().isEmpty() && it.key().startsWith(kReadTagPrefix))
            it = m_keyWrites.erase(it);
        else
            ++it;
    }
    if (!m_secrets) {
        Q_EMIT proxyPasswordSaved({});
        return;
    }
    const QString name = proxyPasswordSecretName();
    const QString tag =
        QStringLiteral("settings-%1-%2")
            .arg(password.isEmpty() ? QStringLiteral("remove") : QStringLiteral("write"))
            .arg(++m_tagCounter);
    m_keyWrites.insert(tag, QString());
    if (password.isEmpty())
        post(m_secrets, [store = m_secrets, name, tag] { store->remove(name, tag); });
    else
        post(m_secrets,
             [store = m_secrets, name, password, tag] { store->write(name, password, tag); });
}

void Settings::readStoredKeys()
{
    if (!m_secrets)
        return;
    for (const ProviderEntry& entry : std::as_const(m_providers)) {
        if (!entry.hasKey || m_transient.contains(entry.id) || m_keys.contains(entry.id)
            || m_keysPending.contains(entry.id))
            continue;
        const QString tag = kReadTagPrefix + QString::number(++m_tagCounter);
        m_keysPending.insert(entry.id);
        m_keyWrites.insert(tag, entry.id);
        post(m_secrets, [store = m_secrets, name = apiKeySecretName(entry.id), tag] {
            store->read(name, tag);
        });
    }
    const bool proxyPending = std::any_of(m_keyWrites.keyValueBegin(), m_keyWrites.keyValueEnd(),
                                          [](const auto& pair) { return pair.second.isEmpty(); });
    if (m_general.network.hasProxyPassword && m_proxyPassword.isEmpty() && !proxyPending) {
        const QString tag = kReadTagPrefix + QString::number(++m_tagCounter);
        m_keyWrites.insert(tag, QString());
        post(m_secrets, [store = m_secrets, name = proxyPasswordSecretName(), tag] {
            store->read(name, tag);
        });
    }
}

void Settings::onSecretRead(const QString& tag, const QString&, const QString& value,
                            const SecretError& error)
{
    const auto it = m_keyWrites.constFind(tag);
    if (it == m_keyWrites.constEnd())
        return; // not ours, or overtaken by a newer value
    const QString id = it.value();
    m_keyWrites.erase(it);
    const bool gone = error.kind == SecretError::Kind::NotFound;
    if (id.isEmpty()) {
        if (error.ok()) {
            m_proxyPassword = value;
        } else if (gone && m_general.network.hasProxyPassword) {
            m_general.network.hasProxyPassword = false;
            saveGeneralLater();
            Q_EMIT generalChanged();
        }
        return;
    }
    m_keysPending.remove(id);
    if (error.ok()) {
        m_keys.insert(id, value);
        Q_EMIT keyLoaded(id, {});
        return;
    }
    const int index = indexOfProvider(id);
    const QString name = quoted(index >= 0 ? m_providers.at(index).name : id);
    QString message = error.message;
    if (gone) {
        // Deleted outside Keel: stop claiming there is one.
        message = tr("No API key is stored for %1 any more. Enter it again in "
                     "Settings \u25b8 Providers.")
                      .arg(name);
        if (index >= 0 && m_providers.at(index).hasKey) {
            m_providers[index].hasKey = false;
            saveProvidersLater();
            Q_EMIT providersChanged();
        }
    } else if (message.isEmpty()) {
        message = tr("The API key of %1 could not be read.").arg(name);
    }
    Q_EMIT keyLoaded(id, message);
}

void Settings::onSecretWritten(const QString& tag, const QString&, const SecretError& error)
{
    const auto it = m_keyWrites.constFind(tag);
    if (it == m_keyWrites.constEnd())
        return;
    const QString id = it.value();
    m_keyWrites.erase(it);
    const QString message =
        error.ok()
            ? QString()
            : (error.message.isEmpty() ? tr("The secret could not be stored.") : error.message);
    if (id.isEmpty()) {
        if (error.ok() && !m_general.network.hasProxyPassword) {
            m_general.network.hasProxyPassword = true;
            saveGeneralLater();
            Q_EMIT generalChanged();
        }
        Q_EMIT proxyPasswordSaved(message);
        return;
    }
    const int index = indexOfProvider(id);
    if (error.ok() && index >= 0 && !m_providers.at(index).hasKey) {
        m_providers[index].hasKey = true;
        saveProvidersLater();
        Q_EMIT providersChanged();
    }
    Q_EMIT keySaved(id, message);
}

void Settings::onSecretRemoved(const QString& tag, const QString&, const SecretError& error)
{
    const auto it = m_keyWrites.constFind(tag);
    if (it == m_keyWrites.constEnd())
        return;
    const QString id = it.value();
    m_keyWrites.erase(it);
    const bool removed = error.ok() || error.kind == SecretError::Kind::NotFound;
    const QString message =
        removed
            ? QString()
            : (error.message.isEmpty() ? tr("The secret could not be removed.") : error.message);
    if (id.isEmpty()) {
        if (removed && m_general.network.hasProxyPassword) {
            m_general.network.hasProxyPassword = false;
            saveGeneralLater();
            Q_EMIT generalChanged();
        }
        Q_EMIT proxyPasswordSaved(message);
        return;
    }
    const int index = indexOfProvider(id);
    if (removed && index >= 0 && m_providers.at(index).hasKey) {
        m_providers[index].hasKey = false;
        saveProvidersLater();
        Q_EMIT providersChanged();
    }
    Q_EMIT keySaved(id, message);
}

void Settings::onBackendChanged(SecretBackend backend, const QString& detail)
{
    m_secretBackend = backend;
    m_secretBackendDetail = detail;
    Q_EMIT secretBackendChanged(backend, detail);
    // Keys that could not be read before (no keychain, file not yet allowed) may be now.
    if (backend == SecretBackend::Keychain || backend == SecretBackend::File)
        readStoredKeys();
}

} // namespace keel::core
