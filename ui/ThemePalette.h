// ThemePalette: the colours of Keel's light and dark themes. Widgets derive every colour they
// paint from the palette, so switching the application palette repaints the whole window in
// the other theme. "System" is the palette the platform gave at start-up.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QPalette>

namespace keel::ui {

// The palette for theme; `system` is returned for Theme::System.
QPalette themePalette(core::Theme theme, const QPalette& system);

// Whether the palette is a dark one (light text on a dark window).
bool isDarkPalette(const QPalette& palette);

} // namespace keel::ui
