// SearchResultDelegate: two-line painting of search hits with highlighted matches.
#include "ui/SearchResultDelegate.h"

#include "ui/ConversationDelegate.h"
#include "ui/ThemePalette.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace keel::ui {

namespace {

constexpr int kVerticalPadding = 6;
constexpr int kLineGap = 2;

// Draws `text` on one line, its highlights bold on `matchBackground`, eliding at the right edge.
void drawHighlighted(QPainter* painter, const QRect& area, const QString& text,
                     const QList<TextRange>& highlights, const QFont& font, const QColor& color,
                     const QColor& matchBackground)
{
    QFont bold = font;
    bold.setWeight(QFont::Bold);
    const QFontMetrics normalMetrics(font);
    const QFontMetrics boldMetrics(bold);
    const int right = area.left() + area.width();
    int x = area.left();
    // Returns false once the line is full.
    auto segment = [&](int from, int to, bool match) {
        if (to <= from)
            return true;
        const QFontMetrics& metrics = match ? boldMetrics : normalMetrics;
        QString shown = text.mid(from, to - from);
        int width = metrics.horizontalAdvance(shown);
        const bool overflow = x + width > right;
        if (overflow) {
            shown = metrics.elidedText(shown, Qt::ElideRight, right - x);
            width = metrics.horizontalAdvance(shown);
        }
        if (!shown.isEmpty()) {
            const QRect box(x, area.top(), width, area.height());
            if (match) {
                const int height = metrics.height();
                const QRectF back(x - 1.5, area.top() + (area.height() - height) / 2.0, width + 3.0,
                                  height);
                painter->setPen(Qt::NoPen);
                painter->setBrush(matchBackground);
                painter->drawRoundedRect(back, 3, 3);
            }
            painter->setFont(match ? bold : font);
            painter->setPen(color);
            painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter, shown);
            x += width;
        }
        return !overflow;
    };

    QList<TextRange> ranges = highlights;
    std::sort(ranges.begin(), ranges.end(),
              [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
    int position = 0;
    for (const TextRange& range : std::as_const(ranges)) {
        const int start = std::clamp(range.start, position, int(text.size()));
        const int end = std::clamp(range.start + range.length, start, int(text.size()));
        if (!segment(position, start, false) || !segment(start, end, true))
            return;
        position = end;
    }
    segment(position, int(text.size()), false);
}

} // namespace

SearchResultDelegate::SearchResultDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QString SearchResultDelegate::scrollToFirstMatch(const QString& text, QList<TextRange>* highlights,
                                                 const QFontMetrics& metrics, int width)
{
    if (!highlights || highlights->isEmpty() || width <= 0)
        return text;
    const TextRange first =
        *std::min_element(highlights->cbegin(), highlights->cend(),
                          [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
    const int matchEnd = metrics.horizontalAdvance(text.left(first.start + first.length));
    if (first.start <= 0 || matchEnd <= width)
        return text;
    // Keep about a quarter of the width as context in front of the match, from a word start.
    const int context = width / 4;
    int cut = first.start;
    while (cut > 0
           && metrics.horizontalAdvance(text.mid(cut - 1, first.start - cut + 1)) <= context)
        --cut;
    const qsizetype space = text.indexOf(QLatin1Char(' '), cut);
    if (space >= 0 && space < first.start)
        cut = int(space) + 1;
    if (cut <= 0)
        return text;

    const QString ellipsis(QChar(0x2026));
    const int shift = int(ellipsis.size()) - cut;
    QList<TextRange> shifted;
    for (TextRange range : std::as_const(*highlights)) {
        const int end = range.start + range.length;
        if (end <= cut)
            continue;
        range.start = std::max(range.start, cut) + shift;
        range.length = end + shift - range.start;
        shifted.append(range);
    }
    *highlights = shifted;
    return ellipsis + text.mid(cut);
}

QString SearchResultDelegate::shortWhen(const QDateTime& when, const QDateTime& now)
{
    if (!when.isValid())
        return {};
    const QLocale locale;
    const QDate day = when.toLocalTime().date();
    const qint64 daysAgo = day.daysTo(now.toLocalTime().date());
    if (daysAgo <= 0) {
        // Hours and minutes in the locale's order; seconds would only be noise here.
        QString format = locale.timeFormat(QLocale::ShortFormat);
        format.remove(QStringLiteral(":ss"));
        return locale.toString(when.toLocalTime().time(), format);
    }
    if (daysAgo == 1)
        return tr("Yesterday");
    if (daysAgo < 7)
        return locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    if (day.year() == now.toLocalTime().date().year())
        return locale.toString(day, QStringLiteral("d MMM"));
    return locale.toString(day, QLocale::ShortFormat);
}

void SearchResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    ConversationDelegate::paintRowBackground(painter, option, false);

    const QColor window = option.palette.color(QPalette::Window);
    const QColor text = option.palette.color(QPalette::WindowText);
    QColor matchBackground = option.palette.color(QPalette::Highlight);
    matchBackground.setAlphaF(0.28f);
    const QColor dim = mix(text, window, 0.45);

    const int padding = ConversationDelegate::kTextPadding;
    const QRect area = ConversationDelegate::rowRect(option.rect)
                           .adjusted(padding, kVerticalPadding, -padding, -kVerticalPadding);
    const int lineHeight = QFontMetrics(option.font).height();
    const QRect firstLine(area.left(), area.top(), area.width(), lineHeight);
    const QRect secondLine(area.left(), area.top() + lineHeight + kLineGap, area.width(),
                           lineHeight);

    // The date, right-aligned on the first line; the title takes the rest.
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QString when = shortWhen(index.data(SearchResultsModel::UpdatedAtRole).toDateTime(),
                                   QDateTime::currentDateTime());
    const int whenWidth = when.isEmpty() ? 0 : QFontMetrics(small).horizontalAdvance(when) + 8;
    painter->setFont(small);
    painter->setPen(dim);
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, when);
    const QRect titleArea = firstLine.adjusted(0, 0, -whenWidth, 0);

    QFont titleFont = option.font;
    titleFont.setWeight(QFont::DemiBold);
    const QString title = index.data(SearchResultsModel::TitleRole).toString();
    QString snippet = index.data(SearchResultsModel::SnippetRole).toString();
    auto highlights = index.data(SearchResultsModel::HighlightsRole).value<QList<TextRange>>();
    const bool titleHit = index.data(SearchResultsModel::MessageIdRole).toLongLong() == 0;

    if (titleHit && !snippet.isEmpty()) {
        // The title is what matched: it carries the highlights.
        snippet =
            scrollToFirstMatch(snippet, &highlights, QFontMetrics(titleFont), titleArea.width());
        drawHighlighted(painter, titleArea, snippet, highlights, titleFont, text, matchBackground);
        QFont note = option.font;
        note.setItalic(true);
        painter->setFont(note);
        painter->setPen(dim);
        painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter, tr("Title matches"));
    } else {
        painter->setFont(titleFont);
        painter->setPen(text);
        painter->drawText(
            titleArea, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, titleArea.width()));
        snippet =
            scrollToFirstMatch(snippet, &highlights, QFontMetrics(option.font), secondLine.width());
        drawHighlighted(painter, secondLine, snippet, highlights, option.font,
                        mix(text, window, 0.2), matchBackground);
    }
    painter->restore();
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int lineHeight = QFontMetrics(option.font).height();
    return {0, 2 * lineHeight + kLineGap + 2 * kVerticalPadding + 2};
}

} // namespace keel::ui
