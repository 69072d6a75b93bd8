// ConfigFile: the disk side every configuration file shares (providers.json, settings.ini,
// mcp.json, tools.json ...): reading a file that may be missing or damaged, moving an unusable
// one aside as FILE.bak with a notice for the user, and writing all-or-nothing. Plain
// functions for the settings thread and for loaders that run before the event loop.
#pragma once

#include <QByteArray>
#include <QString>

namespace keel::core {

struct ConfigFileContents {
    bool exists = false;
    QByteArray bytes;
    QString error; // set when it exists but could not be read (a folder, too large, no access)
};
ConfigFileContents readConfigFile(const QString& path);

// Moves an unusable file to FILE.bak (replacing an older one) and returns the notice for a
// banner: why it was unusable (`reason`), where it went, and what Keel uses instead
// (`startedWith`, e.g. "no MCP servers").
QString moveConfigFileAside(const QString& path, const QString& reason, const QString& startedWith);

// "Could not save NAME: REASON".
QString configSaveError(const QString& path, const QString& reason);
// Creates the file's folder; "" on success, else configSaveError's text.
QString makeConfigParentDir(const QString& path);
// QSaveFile: the old file stays as it was unless the new one was written completely. With
// privateWhenNew a file that does not exist yet is created readable only by its owner (an
// existing file keeps its permissions). "" on success, else a human error.
QString writeConfigFileAtomically(const QString& path, const QByteArray& bytes,
                                  bool privateWhenNew = false);

// Where a text stops being JSON, for messages: "line L, column C". nlohmann's non-throwing
// DOM parser does not say, so this re-reads the text with a SAX handler.
// Where text stops being JSON: a 1-based byte offset (clamped into the text).
qsizetype jsonErrorOffset(const QByteArray& text);
QString jsonErrorLocation(const QByteArray& text);

} // namespace keel::core
