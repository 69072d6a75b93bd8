// ToolSettings: tools.json. Written with sorted policies and switches so the same settings give
// the same bytes; read leniently (missing or mistyped fields default, numbers are clamped).
#include "tools/ToolSettings.h"

#include "settings/ConfigFile.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ToolSettingsText {
    Q_DECLARE_TR_FUNCTIONS(ToolSettings)
};

using Json = nlohmann::ordered_json;

constexpr int kMinSteps = 1;
constexpr int kMaxSteps = 50;
constexpr qint64 kMaxCallTimeoutSeconds = 7 * 24 * 3600; // longer reads as a typo, not intent

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

std::optional<qint64> integerAt(const Json& object, const char* key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return std::nullopt;
    if (it->is_number_float()) {
        const double value = it->get<double>();
        if (!(value == value)) // NaN cannot come from JSON, but a stray value must not crash
            return std::nullopt;
        return qint64(std::clamp(value, -1e15, 1e15));
    }
    if (it->is_number_unsigned())
        return qint64(std::min<std::uint64_t>(it->get<std::uint64_t>(), 1'000'000'000'000ULL));
    return it->get<qint64>();
}

} // namespace

ToolOptions ToolSettings::options() const
{
    ToolOptions options;
    options.enabled = enabled;
    options.maxSteps = std::clamp(maxSteps, kMinSteps, kMaxSteps);
    // A week in milliseconds still fits an int.
    options.callTimeoutMs =
        int(std::clamp<qint64>(callTimeoutSeconds, 0, kMaxCallTimeoutSeconds) * 1000);
    options.defaultPolicy = ToolPolicy::Ask;
    options.policies = policies;
    options.disabledTools = disabledTools;
    options.canAsk = true;
    return options;
}

QByteArray toolSettingsToJson(const ToolSettings& settings)
{
    Json document = Json::object();
    document["enabled"] = settings.enabled;
    document["maxSteps"] = std::clamp(settings.maxSteps, kMinSteps, kMaxSteps);
    document["callTimeoutSeconds"] =
        std::clamp<qint64>(settings.callTimeoutSeconds, 0, kMaxCallTimeoutSeconds);

    QStringList keys = settings.policies.keys();
    keys.sort();
    Json policies = Json::object();
    for (const QString& key : keys) {
        const ToolPolicy policy = settings.policies.value(key);
        if (policy != ToolPolicy::Ask) // the default needs no entry
            policies[key.toStdString()] = wireName(policy).toStdString();
    }
    document["policies"] = std::move(policies);

    QStringList disabled(settings.disabledTools.cbegin(), settings.disabledTools.cend());
    disabled.sort();
    Json tools = Json::array();
    for (const QString& key : disabled)
        tools.push_back(key.toStdString());
    document["disabledTools"] = std::move(tools);
    return QByteArray::fromStdString(document.dump(2, ' ', false, Json::error_handler_t::replace))
           + '\n';
}

std::optional<ToolSettings> toolSettingsFromJson(const QByteArray& json, QString* error)
{
    const Json document = Json::parse(json.begin(), json.end(), nullptr, false);
    if (document.is_discarded()) {
        if (error)
            *error =
                ToolSettingsText::tr("not valid JSON: error at %1").arg(jsonErrorLocation(json));
        return std::nullopt;
    }
    if (!document.is_object()) {
        if (error)
            *error = ToolSettingsText::tr("the file does not hold a JSON object");
        return std::nullopt;
    }
    ToolSettings settings;
    if (const auto enabled = document.find("enabled");
        enabled != document.end() && enabled->is_boolean())
        settings.enabled = enabled->get<bool>();
    if (const auto steps = integerAt(document, "maxSteps"))
        settings.maxSteps = int(std::clamp<qint64>(*steps, kMinSteps, kMaxSteps));
    if (const auto timeout = integerAt(document, "callTimeoutSeconds"))
        settings.callTimeoutSeconds = int(std::clamp<qint64>(*timeout, 0, kMaxCallTimeoutSeconds));
    if (const auto policies = document.find("policies");
        policies != document.end() && policies->is_object()) {
        for (auto it = policies->begin(); it != policies->end(); ++it) {
            if (!it.value().is_string())
                continue;
            const ToolPolicy policy =
                toolPolicyFromName(qs(it.value().get<std::string>()).trimmed().toLower());
            if (policy != ToolPolicy::Ask)
                settings.policies.insert(qs(it.key()), policy);
        }
    }
    if (const auto disabled = document.find("disabledTools");
        disabled != document.end() && disabled->is_array()) {
        for (const Json& key : *disabled) {
            if (key.is_string() && !key.get_ref<const std::string&>().empty())
                settings.disabledTools.insert(qs(key.get<std::string>()));
        }
    }
    return settings;
}

LoadedToolSettings loadToolSettings(const QString& path)
{
    LoadedToolSettings loaded;
    const ConfigFileContents contents = readConfigFile(path);
    if (!contents.exists)
        return loaded;
    QString error = contents.error;
    if (error.isEmpty()) {
        if (std::optional<ToolSettings> settings = toolSettingsFromJson(contents.bytes, &error)) {
            loaded.settings = *settings;
            return loaded;
        }
    }
    loaded.notice =
        moveConfigFileAside(path, error, ToolSettingsText::tr("the default tool settings"));
    return loaded;
}

QString saveToolSettings(const QString& path, const ToolSettings& settings)
{
    return writeConfigFileAtomically(path, toolSettingsToJson(settings));
}

} // namespace keel::core
