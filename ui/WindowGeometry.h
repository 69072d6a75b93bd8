// WindowGeometry: the chat window's size, position, state (maximized) and sidebar width across
// restarts, kept in window.ini in the configuration directory (QStandardPaths'
// AppConfigLocation, which --profile points into the profile). The app reads it once before the
// window is shown and writes it after the window closed.
#pragma once

#include <QString>

namespace keel::ui {

class MainWindow;

class WindowGeometry {
public:
    // <AppConfigLocation>/window.ini
    static QString defaultPath();

    // Applies what the file holds; false when there is nothing (usable) to apply.
    static bool restore(MainWindow& window, const QString& path);
    // False when the file could not be written.
    static bool save(const MainWindow& window, const QString& path);
};

} // namespace keel::ui
