// SettingsJson: the JSON forms of SettingsFiles.h: providers.json and assistants.json
// (pretty-printed so users can read them; never a key: there is no field for one) and the
// settings a conversation stores. Readers are lenient about fields: unknown ones are ignored,
// missing or mistyped ones defaulted; only a document of the wrong shape is refused.
#include "settings/ConfigFile.h"
#include "settings/SettingsFiles.h"

#include <QCoreApplication>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct SettingsJsonText {
    Q_DECLARE_TR_FUNCTIONS(SettingsJson)
};

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json; // written files keep a readable field order

constexpr int kFormatVersion = 1;

// ---- JSON reading helpers: wrong types read as absent ----

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

// The document's top-level object, checked for shape: nullopt (with *error) when it is not
// JSON, not an object, or its version is not a number.
std::optional<Json> parseDocument(const QByteArray& bytes, QString* error)
{
    Json document = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (document.is_discarded()) {
        const qsizetype at = jsonErrorOffset(bytes);
        const qsizetype line = bytes.left(at - 1).count('\n') + 1;
        setError(error,
                 SettingsJsonText::tr("not valid JSON at byte %1, line %2").arg(at).arg(line));
        return std::nullopt;
    }
    if (!document.is_object()) {
        setError(error, SettingsJsonText::tr("the file does not hold a JSON object"));
        return std::nullopt;
    }
    if (const auto version = document.find("version");
        version != document.end() && !version->is_number()) {
        setError(error, SettingsJsonText::tr("its \"version\" is not a number"));
        return std::nullopt;
    }
    return document;
}

const Json* member(const Json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::optional<QString> stringAt(const Json& object, const char* key)
{
    const Json* value = member(object, key);
    if (!value || !value->is_string())
        return std::nullopt;
    return QString::fromStdString(value->get<std::string>());
}

QString textAt(const Json& object, const char* key)
{
    return stringAt(object, key).value_or(QString());
}

bool boolAt(const Json& object, const char* key, bool fallback)
{
    const Json* value = member(object, key);
    return value && value->is_boolean() ? value->get<bool>() : fallback;
}

std::optional<double> realAt(const Json& object, const char* key)
{
    const Json* value = member(object, key);
    if (!value || !value->is_number())
        return std::nullopt;
    const double number = value->get<double>();
    return std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
}

std::optional<qint64> integerAt(const Json& object, const char* key)
{
    const Json* value = member(object, key);
    if (!value || !(value->is_number_integer()))
        return std::nullopt;
    if (value->is_number_unsigned())
        return qint64(std::min<quint64>(value->get<quint64>(), quint64(INT64_MAX)));
    return value->get<qint64>();
}

std::optional<int> intAt(const Json& object, const char* key)
{
    const auto value = integerAt(object, key);
    if (!value)
        return std::nullopt;
    return int(std::clamp<qint64>(*value, INT_MIN, INT_MAX));
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

QByteArray dumpPretty(const OrderedJson& document)
{
    // replace: a lone surrogate must not make saving throw.
    const std::string text = document.dump(2, ' ', false, Json::error_handler_t::replace);
    return QByteArray::fromStdString(text) + '\n';
}

// ---- Chat parameters ----

OrderedJson parametersToJson(const ChatParameters& parameters)
{
    OrderedJson object = OrderedJson::object();
    if (parameters.systemPrompt)
        object["systemPrompt"] = utf8(*parameters.systemPrompt);
    if (parameters.temperature)
        object["temperature"] = *parameters.temperature;
    if (parameters.topP)
        object["topP"] = *parameters.topP;
    if (parameters.maxTokens)
        object["maxTokens"] = *parameters.maxTokens;
    if (parameters.reasoningEffort)
        object["reasoningEffort"] = utf8(*parameters.reasoningEffort);
    if (parameters.thinkingBudgetTokens)
        object["thinkingBudgetTokens"] = *parameters.thinkingBudgetTokens;
    if (parameters.stream)
        object["stream"] = *parameters.stream;
    return object;
}

ChatParameters parametersFromJson(const Json& object)
{
    ChatParameters parameters;
    parameters.systemPrompt = stringAt(object, "systemPrompt");
    parameters.temperature = realAt(object, "temperature");
    parameters.topP = realAt(object, "topP");
    parameters.maxTokens = intAt(object, "maxTokens");
    parameters.reasoningEffort = stringAt(object, "reasoningEffort");
    parameters.thinkingBudgetTokens = intAt(object, "thinkingBudgetTokens");
    if (const Json* stream = member(object, "stream"); stream && stream->is_boolean())
        parameters.stream = stream->get<bool>();
    return parameters;
}

// ---- Providers ----

OrderedJson providerToJson(const ProviderEntry& entry)
{
    OrderedJson headers = OrderedJson::array();
    for (const auto& [name, value] : entry.extraHeaders)
        headers.push_back({{"name", utf8(name)}, {"value", utf8(value)}});
    OrderedJson models = OrderedJson::array();
    for (const ModelEntry& model : entry.models) {
        models.push_back({{"id", utf8(model.id)},
                          {"displayName", utf8(model.displayName)},
                          {"enabled", model.enabled},
                          {"contextLength", model.contextLength}});
    }
    // hasKey records that the keychain holds a key; the key itself has no field here.
    return OrderedJson{{"id", utf8(entry.id)},
                       {"name", utf8(entry.name)},
                       {"kind", utf8(entry.kind)},
                       {"preset", utf8(entry.presetId)},
                       {"baseUrl", utf8(entry.baseUrl)},
                       {"headers", headers},
                       {"defaultModel", utf8(entry.defaultModel)},
                       {"enabled", entry.enabled},
                       {"verifyTls", entry.verifyTls},
                       {"hasKey", entry.hasKey},
                       {"models", models}};
}

std::optional<ProviderEntry> providerFromJson(const Json& object)
{
    ProviderEntry entry;
    entry.id = textAt(object, "id").trimmed();
    entry.name = textAt(object, "name").trimmed();
    if (entry.id.isEmpty() || entry.name.isEmpty())
        return std::nullopt;
    entry.kind = textAt(object, "kind").trimmed().toLower();
    if (entry.kind.isEmpty())
        entry.kind = QStringLiteral("openai"); // the kind nearly every server speaks
    entry.presetId = textAt(object, "preset");
    entry.baseUrl = textAt(object, "baseUrl");
    if (const Json* headers = member(object, "headers"); headers && headers->is_array()) {
        for (const Json& header : *headers) {
            const QString name = textAt(header, "name");
            if (!name.isEmpty())
                entry.extraHeaders.append({name, textAt(header, "value")});
        }
    }
    entry.defaultModel = textAt(object, "defaultModel");
    entry.enabled = boolAt(object, "enabled", true);
    entry.verifyTls = boolAt(object, "verifyTls", true);
    entry.hasKey = boolAt(object, "hasKey", false);
    if (const Json* models = member(object, "models"); models && models->is_array()) {
        for (const Json& item : *models) {
            ModelEntry model;
            model.id = textAt(item, "id");
            if (model.id.isEmpty())
                continue;
            model.displayName = textAt(item, "displayName");
            model.enabled = boolAt(item, "enabled", true);
            model.contextLength = integerAt(item, "contextLength").value_or(-1);
            entry.models.append(model);
        }
    }
    return entry;
}

// ---- Assistants ----

OrderedJson assistantToJson(const Assistant& assistant)
{
    return OrderedJson{{"id", utf8(assistant.id)},
                       {"name", utf8(assistant.name)},
                       {"description", utf8(assistant.description)},
                       {"provider", utf8(assistant.model.providerId)},
                       {"model", utf8(assistant.model.model)},
                       {"parameters", parametersToJson(assistant.parameters)}};
}

std::optional<Assistant> assistantFromJson(const Json& object)
{
    Assistant assistant;
    assistant.id = textAt(object, "id").trimmed();
    assistant.name = textAt(object, "name").trimmed();
    if (assistant.id.isEmpty() || assistant.name.isEmpty())
        return std::nullopt;
    assistant.description = textAt(object, "description");
    assistant.model.providerId = textAt(object, "provider");
    assistant.model.model = textAt(object, "model");
    if (const Json* parameters = member(object, "parameters"))
        assistant.parameters = parametersFromJson(*parameters);
    return assistant;
}

// The list under `key`, each item read by `read`; items without an id (or repeating one) are
// dropped, since everything else refers to entries by id.
template <typename T, typename Read>
std::optional<QList<T>> listFromJson(const QByteArray& bytes, const char* key, Read read,
                                     QString* error)
{
    const auto document = parseDocument(bytes, error);
    if (!document)
        return std::nullopt;
    QList<T> list;
    const Json* items = member(*document, key);
    if (!items)
        return list;
    if (!items->is_array()) {
        setError(error, SettingsJsonText::tr("its \"%1\" is not a list").arg(QLatin1String(key)));
        return std::nullopt;
    }
    QStringList ids;
    for (const Json& item : *items) {
        const std::optional<T> value = read(item);
        if (!value || ids.contains(value->id))
            continue;
        ids << value->id;
        list.append(*value);
    }
    return list;
}

} // namespace

QByteArray providersToJson(const QList<ProviderEntry>& providers)
{
    OrderedJson list = OrderedJson::array();
    for (const ProviderEntry& entry : providers)
        list.push_back(providerToJson(entry));
    return dumpPretty(OrderedJson{{"version", kFormatVersion}, {"providers", list}});
}

std::optional<QList<ProviderEntry>> providersFromJson(const QByteArray& json, QString* error)
{
    return listFromJson<ProviderEntry>(json, "providers", providerFromJson, error);
}

QByteArray assistantsToJson(const QList<Assistant>& assistants)
{
    OrderedJson list = OrderedJson::array();
    for (const Assistant& assistant : assistants)
        list.push_back(assistantToJson(assistant));
    return dumpPretty(OrderedJson{{"version", kFormatVersion}, {"assistants", list}});
}

std::optional<QList<Assistant>> assistantsFromJson(const QByteArray& json, QString* error)
{
    return listFromJson<Assistant>(json, "assistants", assistantFromJson, error);
}

QString conversationSettingsToJson(const ConversationSettings& settings)
{
    if (settings.isEmpty())
        return {};
    OrderedJson object = OrderedJson::object();
    if (!settings.model.providerId.isEmpty())
        object["provider"] = utf8(settings.model.providerId);
    if (!settings.model.model.isEmpty())
        object["model"] = utf8(settings.model.model);
    if (!settings.assistantId.isEmpty())
        object["assistant"] = utf8(settings.assistantId);
    if (!settings.overrides.isEmpty())
        object["parameters"] = parametersToJson(settings.overrides);
    return QString::fromStdString(object.dump(-1, ' ', false, Json::error_handler_t::replace));
}

ConversationSettings conversationSettingsFromJson(const QString& json)
{
    ConversationSettings settings;
    if (json.trimmed().isEmpty())
        return settings;
    const QByteArray bytes = json.toUtf8();
    const Json object = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (object.is_discarded() || !object.is_object())
        return settings;
    settings.model.providerId = textAt(object, "provider");
    settings.model.model = textAt(object, "model");
    settings.assistantId = textAt(object, "assistant");
    if (const Json* parameters = member(object, "parameters"))
        settings.overrides = parametersFromJson(*parameters);
    return settings;
}

} // namespace keel::core
