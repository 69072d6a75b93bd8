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

QColor mix(const QColor& a, const QColor& b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amountOfB,
                            a.greenF() + (b.greenF() - a.greenF()) * amountOfB,
                            a.blueF() + (b.blueF() - a.blueF()) * amountOfB);
}

// The syntax colours follow GitHub's light and dark code themes, which keep at least 4.5:1
// contrast on their backgrounds; the backgrounds here are as light (as dark) as GitHub's.
CodeColours codeColours(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    CodeColours c;
    if (isDarkPalette(palette)) {
        c.keyword = QColor(0xff, 0x7b, 0x72);
        c.type = QColor(0xff, 0xa6, 0x57);
        c.literal = QColor(0x79, 0xc0, 0xff);
        c.string = QColor(0xa5, 0xd6, 0xff);
        c.number = QColor(0x79, 0xc0, 0xff);
        c.comment = QColor(0x8b, 0x94, 0x9e);
        c.function = QColor(0xd2, 0xa8, 0xff);
        c.meta = QColor(0xd2, 0xa8, 0xff);
        c.tag = QColor(0x7e, 0xe7, 0x87);
        c.attribute = QColor(0x79, 0xc0, 0xff);
        c.key = QColor(0x7e, 0xe7, 0x87);
        c.variable = QColor(0xff, 0xa6, 0x57);
        c.added = QColor(0xaf, 0xf5, 0xb4);
        c.addedBackground = QColor(0x03, 0x3a, 0x16);
        c.removed = QColor(0xff, 0xdc, 0xd7);
        c.removedBackground = QColor(0x67, 0x06, 0x0c);
        c.hunk = QColor(0x79, 0xc0, 0xff);
        c.hunkBackground = QColor(0x0c, 0x2d, 0x6b);
        c.background = mix(base, text, 0.06);
        c.headerBackground = mix(base, text, 0.10);
        c.border = mix(base, text, 0.16);
    } else {
        c.keyword = QColor(0xcf, 0x22, 0x2e);
        c.type = QColor(0x95, 0x38, 0x00);
        c.literal = QColor(0x05, 0x50, 0xae);
        c.string = QColor(0x0a, 0x30, 0x69);
        c.number = QColor(0x05, 0x50, 0xae);
        c.comment = QColor(0x63, 0x6c, 0x76);
        c.function = QColor(0x82, 0x50, 0xdf);
        c.meta = QColor(0x82, 0x50, 0xdf);
        c.tag = QColor(0x11, 0x63, 0x29);
        c.attribute = QColor(0x05, 0x50, 0xae);
        c.key = QColor(0x11, 0x63, 0x29);
        c.variable = QColor(0x95, 0x38, 0x00);
        c.added = QColor(0x11, 0x63, 0x29);
        c.addedBackground = QColor(0xda, 0xfb, 0xe1);
        c.removed = QColor(0x82, 0x07, 0x1e);
        c.removedBackground = QColor(0xff, 0xeb, 0xe9);
        c.hunk = QColor(0x05, 0x50, 0xae);
        c.hunkBackground = QColor(0xdd, 0xf4, 0xff);
        c.background = mix(base, text, 0.035);
        c.headerBackground = mix(base, text, 0.07);
        c.border = mix(base, text, 0.13);
    }
    c.headerText = mix(text, base, 0.3);
    return c;
}

} // namespace keel::ui
