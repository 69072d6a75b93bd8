// ProvidersCommand: lists, adds and removes configured providers; an added key goes to the
// SecretStore through Settings::setProviderKey, exactly as from the settings dialog.
#include "ProvidersCommand.h"

#include "settings/FirstRun.h"
#include "settings/Settings.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace keel::app {

namespace {

// A keychain answers in milliseconds, and SecretStore gives up on a silent one after 5 s; this
// only guards against waiting forever if neither happens.
constexpr int kBackendTimeoutMs = 30'000;

void writeOut(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void printError(const QString& message)
{
    writeOut(stderr, QStringLiteral("keel: ") + message + QLatin1Char('\n'));
}

// One line of standard input. On a terminal the typing is not echoed: the key must not stay on
// the screen.
QString readKeyLine()
{
#ifdef Q_OS_UNIX
    termios saved{};
    const bool quiet = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (quiet) {
        writeOut(stderr, QCoreApplication::translate("keel::app::ProvidersCommand",
                                                     "API key (not shown): "));
        termios noEcho = saved;
        noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &noEcho);
    }
#endif
    std::string line;
    std::getline(std::cin, line);
#ifdef Q_OS_UNIX
    if (quiet) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        writeOut(stderr, QStringLiteral("\n"));
    }
#endif
    const QString key = QString::fromUtf8(line).trimmed();
    std::fill(line.begin(), line.end(), '\0');
    return key;
}

QString shownUrl(const core::ProviderEntry& entry)
{
    return entry.baseUrl.isEmpty() ? QStringLiteral("(default)") : entry.baseUrl;
}

// Where the key is kept, never the key.
QString keyStore(const core::ProviderEntry& entry, core::SecretBackend backend)
{
    if (!entry.hasKey)
        return QStringLiteral("none");
    switch (backend) {
    case core::SecretBackend::Keychain:
        return QStringLiteral("keychain");
    case core::SecretBackend::File:
        return QStringLiteral("file");
    case core::SecretBackend::Unavailable:
        return QStringLiteral("unavailable");
    case core::SecretBackend::Unknown:
        break;
    }
    return QStringLiteral("stored");
}

nlohmann::ordered_json providerJson(const core::ProviderEntry& entry, core::SecretBackend backend)
{
    nlohmann::ordered_json models = nlohmann::ordered_json::array();
    for (const core::ModelEntry& model : entry.models) {
        nlohmann::ordered_json item{{"id", model.id.toStdString()},
                                    {"displayName", model.displayName.toStdString()},
                                    {"enabled", model.enabled}};
        if (model.contextLength > 0)
            item["contextLength"] = model.contextLength;
        models.push_back(std::move(item));
    }
    return {{"id", entry.id.toStdString()},
            {"name", entry.name.toStdString()},
            {"kind", entry.kind.toStdString()},
            {"preset", entry.presetId.toStdString()},
            {"baseUrl", entry.baseUrl.toStdString()},
            {"defaultModel", entry.effectiveDefaultModel().toStdString()},
            {"enabled", entry.enabled},
            {"hasKey", entry.hasKey},
            {"keyStore", keyStore(entry, backend).toStdString()},
            {"models", std::move(models)}};
}

} // namespace

ProvidersCommand::ProvidersCommand(AppOptions options, core::Settings* settings, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(settings)
{
}

void ProvidersCommand::start()
{
    if (m_options.providersAction == QStringLiteral("add"))
        add();
    else if (m_options.providersAction == QStringLiteral("remove"))
        remove();
    else
        list();
}

void ProvidersCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT done(exitCode);
}

void ProvidersCommand::whenBackend(std::function<bool(core::SecretBackend)> accept,
                                   std::function<void()> then)
{
    if (accept(m_settings->secretBackend())) {
        then();
        return;
    }
    // One waiter at a time: a context object owns both the connection and the timeout.
    auto* waiter = new QObject(this);
    connect(m_settings, &core::Settings::secretBackendChanged, waiter,
            [waiter, accept, then](core::SecretBackend backend) {
                if (!accept(backend))
                    return;
                waiter->deleteLater();
                then();
            });
    QTimer::singleShot(kBackendTimeoutMs, waiter, [this, waiter] {
        waiter->deleteLater();
        printError(tr("The system keychain did not answer."));
        finish(1);
    });
}

void ProvidersCommand::whenKeySaved(const QString& providerId,
                                    std::function<void(const QString&)> then)
{
    auto* waiter = new QObject(this);
    connect(m_settings, &core::Settings::keySaved, waiter,
            [waiter, providerId, then](const QString& id, const QString& error) {
                if (id != providerId)
                    return;
                waiter->deleteLater();
                then(error);
            });
}

void ProvidersCommand::list()
{
    const QList<core::ProviderEntry>& providers = m_settings->providers();
    const bool anyKey = std::any_of(providers.cbegin(), providers.cend(),
                                    [](const core::ProviderEntry& e) { return e.hasKey; });
    if (!anyKey) {
        printList();
        return;
    }
    // "keychain" or "file" is only known once the keychain was probed.
    whenBackend([](core::SecretBackend b) { return b != core::SecretBackend::Unknown; },
                [this] { printList(); });
}

void ProvidersCommand::printList()
{
    const QList<core::ProviderEntry>& providers = m_settings->providers();
    const core::SecretBackend backend = m_settings->secretBackend();
    if (m_options.json) {
        nlohmann::ordered_json array = nlohmann::ordered_json::array();
        for (const core::ProviderEntry& entry : providers)
            array.push_back(providerJson(entry, backend));
        writeOut(stdout, QString::fromStdString(
                             array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
                             + QLatin1Char('\n'));
        finish(0);
        return;
    }
    if (providers.isEmpty()) {
        printError(tr("No providers are configured. Add one with keel providers add "
                      "--name N --kind K [--base-url URL] [--api-key-stdin]."));
        finish(0);
        return;
    }
    QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("KIND"),
                             QStringLiteral("BASE URL"), QStringLiteral("DEFAULT MODEL"),
                             QStringLiteral("ENABLED"), QStringLiteral("KEY")}};
    for (const core::ProviderEntry& entry : providers) {
        const QString model = entry.effectiveDefaultModel();
        rows.append({entry.name, entry.kind, shownUrl(entry),
                     model.isEmpty() ? QStringLiteral("-") : model,
                     entry.enabled ? QStringLiteral("yes") : QStringLiteral("no"),
                     keyStore(entry, backend)});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        text += line + QLatin1Char('\n');
    }
    writeOut(stdout, text);
    finish(0);
}

void ProvidersCommand::add()
{
    if (m_options.apiKeyStdin) {
        m_key = readKeyLine();
        if (m_key.isEmpty()) {
            printError(tr("No API key on standard input (one line expected)."));
            finish(2);
            return;
        }
    }
    const QList<core::ProviderEntry>& existing = m_settings->providers();
    if (!m_options.preset.isEmpty()) {
        m_entry = core::providerFromPreset(m_options.preset, existing);
        if (m_entry.id.isEmpty()) {
            printError(tr("Unknown preset \"%1\". Try --help for the list.").arg(m_options.preset));
            finish(2);
            return;
        }
    } else {
        m_entry = core::customProvider(m_options.addKind, existing);
    }
    m_entry.name = m_options.addName.trimmed();
    if (!m_options.addBaseUrl.isEmpty())
        m_entry.baseUrl = m_options.addBaseUrl;
    if (!m_options.model.isEmpty()) {
        // Instead of the preset's suggestion: the model list is what the picker offers.
        core::ModelEntry model;
        model.id = m_options.model;
        m_entry.models = {model};
        m_entry.defaultModel = model.id;
    }
    const QString invalid = m_settings->validateProvider(m_entry);
    if (!invalid.isEmpty()) {
        printError(invalid);
        finish(2);
        return;
    }
    if (m_key.isEmpty()) {
        m_settings->saveProvider(m_entry);
        writeOut(
            stdout,
            tr("Added provider “%1” (%2, %3)").arg(m_entry.name, m_entry.kind, shownUrl(m_entry))
                + QLatin1Char('\n'));
        finish(0);
        return;
    }
    // Nothing is saved until it is known that the key can be kept too.
    whenBackend([](core::SecretBackend b) { return b != core::SecretBackend::Unknown; },
                [this] { saveWithKey(); });
}

void ProvidersCommand::saveWithKey()
{
    const core::SecretBackend backend = m_settings->secretBackend();
    if (backend == core::SecretBackend::Unavailable) {
        if (!m_options.allowSecretFile) {
            m_key.clear();
            printError(m_settings->secretBackendDetail());
            printError(tr("The provider was not added. Run the command again with "
                          "--allow-secret-file to keep its key in %1, readable only "
                          "by you.")
                           .arg(m_settings->paths().secretFile()));
            finish(1);
            return;
        }
        m_settings->setSecretFileAllowed(true);
        whenBackend([](core::SecretBackend b) { return b == core::SecretBackend::File; },
                    [this] { saveWithKey(); });
        return;
    }
    const QString error = m_settings->saveProvider(m_entry);
    if (!error.isEmpty()) {
        m_key.clear();
        printError(error);
        finish(2);
        return;
    }
    whenKeySaved(m_entry.id, [this, backend](const QString& keyError) {
        if (!keyError.isEmpty()) {
            m_settings->removeProvider(m_entry.id); // a provider without its key is no use
            printError(keyError);
            printError(tr("The provider was not added."));
            finish(1);
            return;
        }
        writeOut(
            stdout,
            tr("Added provider “%1” (%2, %3)").arg(m_entry.name, m_entry.kind, shownUrl(m_entry))
                + QLatin1Char('\n'));
        if (backend == core::SecretBackend::File) {
            printError(tr("warning: no system keychain is available; the API key is "
                          "kept in the file %1 (readable only by you).")
                           .arg(m_settings->paths().secretFile()));
        }
        finish(0);
    });
    m_settings->setProviderKey(m_entry.id, std::exchange(m_key, QString()));
}

void ProvidersCommand::remove()
{
    const std::optional<core::ProviderEntry> found =
        m_settings->providerByName(m_options.providerTarget);
    if (!found || m_settings->isTransient(found->id)) {
        printError(tr("No provider “%1” is configured (see keel providers list).")
                       .arg(m_options.providerTarget));
        finish(1);
        return;
    }
    m_entry = *found;
    const auto removed = [this](const QString& keyError) {
        m_settings->removeProvider(m_entry.id);
        if (!keyError.isEmpty()) {
            printError(tr("Removed provider “%1”, but its API key could not be "
                          "deleted: %2")
                           .arg(m_entry.name, keyError));
            finish(1);
            return;
        }
        writeOut(stdout, tr("Removed provider “%1”").arg(m_entry.name) + QLatin1Char('\n'));
        finish(0);
    };
    if (!m_entry.hasKey) {
        removed(QString());
        return;
    }
    // Deleting the key first gives an answer to wait for: removeProvider alone does not, and
    // the process must not end while the keychain is still deleting.
    whenKeySaved(m_entry.id, removed);
    m_settings->setProviderKey(m_entry.id, QString());
}

ProviderChoice chooseProvider(const AppOptions& options, const core::Settings& settings)
{
    ProviderChoice choice;
    if (options.providerFromCommandLine) {
        choice.source = ProviderChoice::Source::CommandLine;
        return choice;
    }
    if (!options.providerName.isEmpty()) {
        const std::optional<core::ProviderEntry> entry =
            settings.providerByName(options.providerName);
        if (!entry) {
            choice.error =
                QCoreApplication::translate("keel::app::ProvidersCommand",
                                            "No provider “%1” is configured (see keel providers "
                                            "list; add one with keel providers add).")
                    .arg(options.providerName);
            return choice;
        }
        choice.source = ProviderChoice::Source::Named;
        choice.entry = entry;
        choice.model = entry->effectiveDefaultModel();
        return choice;
    }
    const core::ModelRef configured = settings.defaultModel();
    if (!configured.isEmpty()) {
        if (const auto entry = settings.provider(configured.providerId)) {
            choice.source = ProviderChoice::Source::ConfiguredDefault;
            choice.entry = entry;
            choice.model = configured.model;
            return choice;
        }
    }
    choice.source = ProviderChoice::Source::Environment;
    return choice;
}

core::TurnRequest commandRequest(const AppOptions& options, const core::Settings& settings,
                                 const ProviderChoice& choice)
{
    core::TurnRequest request;
    const core::NetworkSettings& network = settings.general().network;
    request.connectTimeoutMs = network.connectTimeoutMs;
    request.idleTimeoutMs =
        options.idleTimeoutFromCommandLine ? options.idleTimeoutMs : network.idleTimeoutMs;
    if (choice.entry) {
        request.provider = settings.requestConfig(*choice.entry);
        // --model, else the configured one, else KEEL_MODEL (already in options.model).
        request.model =
            options.modelFromCommandLine || choice.model.isEmpty() ? options.model : choice.model;
        const core::ChatParameters& defaults = settings.general().chatDefaults;
        request.systemPrompt = defaults.systemPrompt.value_or(QString());
        request.temperature = defaults.temperature;
        request.topP = defaults.topP;
        request.maxTokens = defaults.maxTokens;
        request.reasoningEffort = defaults.reasoningEffort.value_or(QString());
        // 0 ("off", the built-in default) is not sent: the provider's own default applies,
        // as it does for a provider given by the flags.
        if (defaults.thinkingBudgetTokens.value_or(0) > 0)
            request.thinkingBudgetTokens = defaults.thinkingBudgetTokens;
        request.stream = defaults.stream.value_or(true);
    } else {
        request.provider = options.provider;
        if (!options.apiKeyVariable.isEmpty()) // the core's wording (and translation)
            request.provider.apiKeySource =
                QCoreApplication::translate("ProviderPresets", "the environment variable %1")
                    .arg(options.apiKeyVariable);
        // The configured proxy applies to every request, also to an ad-hoc provider's.
        request.provider.proxy = settings.requestConfig(core::ProviderEntry{}).proxy;
        request.model = options.model;
    }
    if (options.systemPromptFromCommandLine)
        request.systemPrompt = options.systemPrompt;
    if (!options.reasoningEffort.isEmpty())
        request.reasoningEffort = options.reasoningEffort;
    if (options.thinkingBudgetTokens)
        request.thinkingBudgetTokens = options.thinkingBudgetTokens;
    return request;
}

} // namespace keel::app
