// ThemePalette: the colours of Keel's light and dark themes. Widgets derive every colour they
// paint from the palette, so switching the application palette repaints the whole window in
// the other theme. "System" is the palette the platform gave at start-up.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QColor>
#include <QPalette>

namespace keel::ui {

// The palette for theme; `system` is returned for Theme::System.
QPalette themePalette(core::Theme theme, const QPalette& system);

// Whether the palette is a dark one (light text on a dark window).
bool isDarkPalette(const QPalette& palette);

// a blended towards b: 0 gives a, 1 gives b. Quiet tints and rules are made this way.
QColor mix(const QColor& a, const QColor& b, qreal amountOfB);

// Colours of code blocks: the syntax colours (one set for light and one for dark palettes, each
// readable on its code background) and the block's frame, derived from the palette.
struct CodeColours {
    QColor keyword, type, literal, string, number, comment, function, meta, tag, attribute, key,
        variable, added, addedBackground, removed, removedBackground, hunk, hunkBackground;
    QColor background;       // inside the frame
    QColor border;           // the frame's outline
    QColor headerBackground; // the strip with the language label and Copy
    QColor headerText;
};

CodeColours codeColours(const QPalette& palette);

} // namespace keel::ui
