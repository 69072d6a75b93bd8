// EngineWiring: every connection between the chat window (GUI thread) and the Engine (core
// loop), in one place, so the app and the tests that compose the window as the app does wire
// them identically. All of them are queued and carry values only.
#pragma once

#include <QString>

namespace keel::core {
class Engine;
class Settings;
} // namespace keel::core

namespace keel::ui {

class MainWindow;

// settings (may be null): the MCP servers it holds are handed to the engine now and after each
// change (started at once, so their tools are ready for the first message), and "always allow"
// answers on tool cards become the tool's policy. logDir: where each MCP server's log goes.
void wireWindowToEngine(MainWindow& window, core::Engine& engine, core::Settings* settings,
                        const QString& logDir);

} // namespace keel::ui
