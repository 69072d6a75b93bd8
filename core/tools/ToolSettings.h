// ToolSettings: tools.json, Keel's own choices about tools (kept apart from mcp.json so that
// file stays in the format other clients share): whether tools are offered at all, the step
// limit, an optional per-call timeout, and per tool (by "server/tool") its approval policy and
// whether it is offered. Loading never fails (missing -> defaults; corrupt -> moved aside to
// tools.json.bak with a notice).
#pragma once

#include "tools/ToolTypes.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace keel::core {

struct ToolSettings {
    bool enabled = true;                   // offer tools to models at all
    int maxSteps = 10;                     // model calls per turn
    int callTimeoutSeconds = 0;            // 0: none
    QHash<QString, ToolPolicy> policies{}; // missing: Ask
    QSet<QString> disabledTools{};         // not offered to the model
    // The options of a GUI turn (canAsk true).
    ToolOptions options() const;
    bool operator==(const ToolSettings&) const = default;
};

QByteArray toolSettingsToJson(const ToolSettings& settings);
std::optional<ToolSettings> toolSettingsFromJson(const QByteArray& json, QString* error);

struct LoadedToolSettings {
    ToolSettings settings;
    QString notice{};
};
LoadedToolSettings loadToolSettings(const QString& path);
QString saveToolSettings(const QString& path, const ToolSettings& settings); // "" on success

} // namespace keel::core
