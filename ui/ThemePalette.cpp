// ThemePalette: Keel's light and dark palettes, complete for every role and colour group so
// that no widget falls back to a platform colour of the other theme.
#include "ui/ThemePalette.h"

#include <QColor>

namespace keel::ui {

namespace {

struct Colours {
    QColor window, windowText, base, alternateBase, text, button, buttonText, highlight,
        highlightedText, link, linkVisited, toolTipBase, toolTipText, placeholder, mid, dark, light,
        shadow, disabledText;
};

QPalette build(const Colours& c)
{
    QPalette p;
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const bool disabled = group == QPalette::Disabled;
        p.setColor(group, QPalette::Window, c.window);
        p.setColor(group, QPalette::WindowText, disabled ? c.disabledText : c.windowText);
        p.setColor(group, QPalette::Base, c.base);
        p.setColor(group, QPalette::AlternateBase, c.alternateBase);
        p.setColor(group, QPalette::Text, disabled ? c.disabledText : c.text);
        p.setColor(group, QPalette::Button, c.button);
        p.setColor(group, QPalette::ButtonText, disabled ? c.disabledText : c.buttonText);
        p.setColor(group, QPalette::BrightText, Qt::white);
        p.setColor(group, QPalette::Highlight, disabled ? c.mid : c.highlight);
        p.setColor(group, QPalette::HighlightedText, c.highlightedText);
        p.setColor(group, QPalette::Link, c.link);
        p.setColor(group, QPalette::LinkVisited, c.linkVisited);
        p.setColor(group, QPalette::ToolTipBase, c.toolTipBase);
        p.setColor(group, QPalette::ToolTipText, c.toolTipText);
        p.setColor(group, QPalette::PlaceholderText, c.placeholder);
        p.setColor(group, QPalette::Light, c.light);
        p.setColor(group, QPalette::Midlight, c.light);
        p.setColor(group, QPalette::Mid, c.mid);
        p.setColor(group, QPalette::Dark, c.dark);
        p.setColor(group, QPalette::Shadow, c.shadow);
    }
    return p;
}

QPalette lightPalette()
{
    return build({
        .window = QColor(0xf5, 0xf5, 0xf7),
        .windowText = QColor(0x1d, 0x1d, 0x1f),
        .base = Qt::white,
        .alternateBase = QColor(0xf0, 0xf1, 0xf4),
        .text = QColor(0x1d, 0x1d, 0x1f),
        .button = QColor(0xfb, 0xfb, 0xfc),
        .buttonText = QColor(0x1d, 0x1d, 0x1f),
        .highlight = QColor(0x2f, 0x6f, 0xeb),
        .highlightedText = Qt::white,
        .link = QColor(0x1f, 0x5f, 0xd6),
        .linkVisited = QColor(0x6b, 0x3f, 0xc4),
        .toolTipBase = QColor(0x2b, 0x2c, 0x30),
        .toolTipText = QColor(0xf2, 0xf2, 0xf2),
        .placeholder = QColor(0x8a, 0x8c, 0x93),
        .mid = QColor(0xc4, 0xc6, 0xcc),
        .dark = QColor(0x9a, 0x9c, 0xa3),
        .light = Qt::white,
        .shadow = QColor(0x5a, 0x5c, 0x63),
        .disabledText = QColor(0xa0, 0xa2, 0xa8),
    });
}

QPalette darkPalette()
{
    return build({
        .window = QColor(0x1f, 0x20, 0x24),
        .windowText = QColor(0xe6, 0xe7, 0xea),
        .base = QColor(0x17, 0x18, 0x1b),
        .alternateBase = QColor(0x25, 0x26, 0x2b),
        .text = QColor(0xe6, 0xe7, 0xea),
        .button = QColor(0x2b, 0x2c, 0x31),
        .buttonText = QColor(0xe6, 0xe7, 0xea),
        .highlight = QColor(0x3d, 0x7e, 0xff),
        .highlightedText = Qt::white,
        .link = QColor(0x7a, 0xaa, 0xff),
        .linkVisited = QColor(0xb3, 0x94, 0xf5),
        .toolTipBase = QColor(0xee, 0xef, 0xf1),
        .toolTipText = QColor(0x1d, 0x1d, 0x1f),
        .placeholder = QColor(0x7d, 0x80, 0x88),
        .mid = QColor(0x45, 0x47, 0x4e),
        .dark = QColor(0x12, 0x13, 0x15),
        .light = QColor(0x3a, 0x3b, 0x41),
        .shadow = Qt::black,
        .disabledText = QColor(0x6c, 0x6f, 0x76),
    });
}

} // namespace

QPalette themePalette(core::Theme theme, const QPalette& system)
{
    switch (theme) {
    case core::Theme::Light:
        return lightPalette();
    case core::Theme::Dark:
        return darkPalette();
    case core::Theme::System:
        break;
    }
    return system;
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness()
           < palette.color(QPalette::WindowText).lightness();
}

} // namespace keel::ui
