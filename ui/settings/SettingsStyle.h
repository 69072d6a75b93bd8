// SettingsStyle: the few look-and-feel helpers the settings pages share, so every page has the
// same section headers and the same red / green / amber for inline messages.
#pragma once

#include <QColor>
#include <QFont>
#include <QLabel>
#include <QPalette>
#include <QString>

namespace keel::ui::settingsStyle {

enum class Tone { Neutral, Good, Bad };

// A bold heading over a group of fields; only the weight is set, so family and size keep
// following the application font.
inline QLabel* sectionHeader(const QString& text)
{
    auto* label = new QLabel(text);
    QFont font;
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 10, 0, 2);
    return label;
}

// A wrapping, selectable plain-text label for inline messages (server errors are never
// interpreted as rich text).
inline QLabel* messageLabel(const QString& objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Red for problems, green for success, readable on light and dark palettes.
inline void setTone(QLabel* label, Tone tone)
{
    QPalette palette = label->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    QColor color = QPalette().color(QPalette::WindowText);
    if (tone == Tone::Bad)
        color = dark ? QColor(255, 125, 115) : QColor(185, 30, 30);
    else if (tone == Tone::Good)
        color = dark ? QColor(120, 215, 135) : QColor(25, 125, 50);
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

inline void setMessage(QLabel* label, const QString& text, Tone tone)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    setTone(label, tone);
}

} // namespace keel::ui::settingsStyle
