// MarkdownDeltaBench: the rendering benchmark. A realistic 200 KB reply (headings,
// paragraphs with inline formatting, lists, tables, code blocks of 20 to 60 lines in several
// languages) streams into a real ui::MessageWidget (a reply, shown in an 800 px wide scroll area,
// offscreen) in deltas of 20 to 40 characters. Measured per delta: MessageWidget::appendText and
// the layout it triggers, forced as the app pays it before its next paint (posted layout requests,
// the document's size, the widget's size hint). Painting is not measured; it happens between
// deltas, as in the app.
//
// Two replies are measured side by side, one delta each in turn, so that load from other
// processes hits both alike: one around 2 KB of reply, one around 200 KB. The reply is made of
// sections whose content depends only on the section's language, and it ends with the text of
// its first two sections again, so both windows apply exactly the same deltas to the same kind of
// tail. Prints the medians and their ratio; fails when the ratio exceeds 2.
#include "ui/CodeBlockOverlay.h"
#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"

#include <QAbstractTextDocumentLayout>
#include <QElapsedTimer>
#include <QPalette>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>
#include <QTextDocument>

#include <algorithm>
#include <cstdio>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kTargetBytes = 200 * 1024;
constexpr qsizetype kWindowCentre = 2 * 1024; // within the section
constexpr int kDeltas = 50;

struct Language {
    const char* fence;
    QStringList lines; // cycled to the block's length
};

QList<Language> languages()
{
    return {
        {"python",
         {u"def summarize(items: list[dict], key: str = \"score\") -> dict:"_s,
          u"    \"\"\"Group items by category and keep the best score.\"\"\""_s,
          u"    best: dict[str, float] = {}"_s, u"    for item in items:  # one pass"_s,
          u"        category = item.get(\"category\", \"other\")"_s,
          u"        value = float(item[key]) * 1.5 if item.get(\"boost\") else item[key]"_s,
          u"        best[category] = max(best.get(category, 0), value)"_s,
          u"    return dict(sorted(best.items(), key=lambda kv: -kv[1]))"_s, u""_s}},
        {"cpp",
         {u"#include <algorithm>"_s, u"template <typename T>"_s,
          u"std::vector<T> topN(std::vector<T> values, std::size_t n) {"_s,
          u"    /* Partial sort is enough: only the first n must be in order. */"_s,
          u"    n = std::min(n, values.size());"_s,
          u"    std::partial_sort(values.begin(), values.begin() + n, values.end(),"_s,
          u"                      std::greater<T>{});"_s,
          u"    values.resize(n); // drop the rest"_s, u"    return values;"_s, u"}"_s}},
        {"javascript",
         {u"export async function fetchAll(urls, { retries = 3 } = {}) {"_s,
          u"  const results = [];"_s, u"  for (const url of urls) {"_s,
          u"    let attempt = 0; // retried with backoff"_s, u"    while (attempt++ < retries) {"_s,
          u"      const res = await fetch(url, { headers: { Accept: 'application/json' } });"_s,
          u"      if (res.ok) { results.push(await res.json()); break; }"_s,
          u"      await new Promise((r) => setTimeout(r, 250 * attempt));"_s, u"    }"_s, u"  }"_s,
          u"  return `${results.length} of ${urls.length} loaded`;"_s, u"}"_s}},
        {"rust",
         {u"use std::collections::HashMap;"_s,
          u"pub fn word_counts(text: &str) -> HashMap<&str, usize> {"_s,
          u"    let mut counts = HashMap::new();"_s, u"    for word in text.split_whitespace() {"_s,
          u"        *counts.entry(word).or_insert(0) += 1; // borrow, no copy"_s, u"    }"_s,
          u"    println!(\"{} distinct words\", counts.len());"_s, u"    counts"_s, u"}"_s}},
        {"go",
         {u"package cache"_s, u"import \"sync\""_s,
          u"type Cache struct { mu sync.Mutex; items map[string][]byte }"_s,
          u"func (c *Cache) Get(key string) ([]byte, bool) {"_s, u"\tc.mu.Lock()"_s,
          u"\tdefer c.mu.Unlock() // released on every path"_s, u"\tv, ok := c.items[key]"_s,
          u"\treturn v, ok"_s, u"}"_s}},
        {"sql",
         {u"-- Top customers of the last 30 days"_s,
          u"SELECT c.id, c.name, SUM(o.total) AS revenue"_s, u"FROM customers c"_s,
          u"JOIN orders o ON o.customer_id = c.id"_s,
          u"WHERE o.created_at > now() - interval '30 days'"_s, u"GROUP BY c.id, c.name"_s,
          u"HAVING SUM(o.total) > 1000"_s, u"ORDER BY revenue DESC LIMIT 20;"_s}},
        {"yaml",
         {u"services:"_s, u"  web:"_s, u"    image: \"nginx:1.25\"  # pinned"_s, u"    ports:"_s,
          u"      - \"8080:80\""_s, u"    environment:"_s, u"      LOG_LEVEL: info"_s,
          u"      WORKERS: 4"_s, u"    restart: true"_s}},
    };
}

QString codeBlock(const Language& language, int lines)
{
    QString code = u"```"_s + QString::fromLatin1(language.fence) + u'\n';
    for (int i = 0; i < lines; ++i)
        code += language.lines.at(i % language.lines.size()) + u'\n';
    return code + u"```\n\n"_s;
}

// One section; its text depends only on `kind`.
QString section(int kind)
{
    const QList<Language> all = languages();
    const Language& language = all.at(kind % all.size());
    const QString name = QString::fromLatin1(language.fence);
    QString text = u"## Working with %1, part %2\n\n"_s.arg(name).arg(kind + 1);
    for (int p = 0; p < 3; ++p)
        text += u"This paragraph explains the **%1** example in plain words, with `inline code`, "
                u"a [reference](https://example.com/docs/%1/%2) and some *emphasis*. It is "
                u"long enough to wrap over a few lines at eight hundred pixels, as replies "
                u"usually do when a model explains something step by step.\n\n"_s.arg(name)
                    .arg(p);
    text += u"Things to keep in mind:\n\n"_s;
    for (int i = 0; i < 4; ++i)
        text += u"- Point %1 about %2: keep functions small and name them well.\n"_s.arg(i + 1).arg(
            name);
    text += u"\n"_s;
    for (int i = 0; i < 3; ++i)
        text += u"%1. Step %1, which `runs` after the one before.\n"_s.arg(i + 1);
    text += u"\n| Option | Default | Meaning |\n|---|---|---|\n"_s;
    for (int i = 0; i < 4; ++i)
        text += u"| `opt%1` | %2 | what option %1 changes |\n"_s.arg(i).arg(i * 10);
    text += u"\n"_s;
    text += codeBlock(language, 20 + (kind * 13) % 41); // 20 to 60 lines
    text += u"That is the whole %1 example; the next section builds on it.\n\n"_s.arg(name);
    return text;
}

struct Reply {
    QString text;
    qsizetype repeatStart = 0; // where the text of the first two sections comes again
};

// Sections of every kind in turn; the reply ends with the first two sections again, so that the
// text around 2 KB comes once more near the end.
Reply buildReply()
{
    const int kinds = int(languages().size());
    const QString opening = section(0) + section(1);
    Reply reply;
    for (int count = 0;; ++count) {
        if (count % kinds == 0 && reply.text.size() + opening.size() >= kTargetBytes) {
            reply.repeatStart = reply.text.size();
            reply.text += opening;
            return reply;
        }
        reply.text += section(count % kinds);
    }
}

struct Stream {
    Stream()
        : widget(new ui::MessageWidget(core::Role::Assistant, u"bench-model"_s))
    {
        area.setWidgetResizable(true);
        area.setWidget(widget);
        area.resize(800 + area.verticalScrollBar()->sizeHint().width(), 600);
        area.show();
        widget->setStreaming(true);
    }

    // What the app pays for one delta before it paints again.
    qint64 apply(const QString& chunk)
    {
        QElapsedTimer timer;
        timer.start();
        widget->appendText(chunk);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QSizeF size = widget->bodyDocument()->documentLayout()->documentSize();
        const QSize hint = widget->sizeHint();
        const qint64 elapsed = timer.nsecsElapsed();
        sink += size.height() + hint.height();
        return elapsed;
    }

    // Painting and everything else, outside the measurement; the view follows the stream.
    void settle()
    {
        area.verticalScrollBar()->setValue(area.verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
    }

    QScrollArea area;
    ui::MessageWidget* widget; // owned by the area
    qreal sink = 0;
};

QList<int> deltaSizes(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<int> sizes;
    for (int i = 0; i < count; ++i)
        sizes.append(random.bounded(20, 41));
    return sizes;
}

// Streams text[from, to) in deltas of 20 to 40 characters, unmeasured.
void streamUnmeasured(Stream& stream, const QString& text, qsizetype from, qsizetype to)
{
    QRandomGenerator random(7);
    int n = 0;
    for (qsizetype at = from; at < to;) {
        const qsizetype size = std::min<qsizetype>(random.bounded(20, 41), to - at);
        stream.widget->appendText(text.mid(at, size));
        at += size;
        if (++n % 16 == 0)
            stream.settle();
    }
    stream.settle();
}

struct Figures {
    double median = 0;
    double p25 = 0;
    double p75 = 0;
    double max = 0;
};

Figures figures(QList<qint64> samples)
{
    std::sort(samples.begin(), samples.end());
    auto at = [&samples](double q) {
        return samples.at(qsizetype(q * double(samples.size() - 1) + 0.5)) / 1e6;
    };
    return {at(0.5), at(0.25), at(0.75), samples.last() / 1e6};
}

} // namespace

class MarkdownDeltaBench : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deltaCostDoesNotGrowWithTheReply()
    {
        const Reply reply = buildReply();
        const QList<int> sizes = deltaSizes(kDeltas, 42);
        qsizetype windowLength = 0;
        for (int size : sizes)
            windowLength += size;
        const qsizetype smallStart = kWindowCentre - windowLength / 2;
        const qsizetype largeStart = reply.repeatStart + smallStart;
        QCOMPARE(reply.text.mid(largeStart, windowLength),
                 reply.text.mid(smallStart, windowLength));

        Stream small;
        Stream large;
        QElapsedTimer prefix;
        prefix.start();
        streamUnmeasured(small, reply.text, 0, smallStart);
        streamUnmeasured(large, reply.text, 0, largeStart);
        const qint64 prefixMs = prefix.elapsed();

        QList<qint64> smallSamples;
        QList<qint64> largeSamples;
        qsizetype offset = 0;
        for (int size : sizes) {
            const QString smallChunk = reply.text.mid(smallStart + offset, size);
            const QString largeChunk = reply.text.mid(largeStart + offset, size);
            smallSamples.append(small.apply(smallChunk));
            small.settle();
            largeSamples.append(large.apply(largeChunk));
            large.settle();
            offset += size;
        }
        QCOMPARE(small.widget->text(), reply.text.left(smallStart + windowLength));
        QCOMPARE(large.widget->text(), reply.text.left(largeStart + windowLength));
        // The large reply really is rendered: a frame and header for each code block.
        QVERIFY(large.widget->body()->codeBlocks()->count() >= 50);

        // For information: a finished reply of this size rendered at once (a conversation that
        // opens), and again for a new palette (the theme switches).
        Stream restored;
        QElapsedTimer once;
        once.start();
        restored.widget->setStreaming(false);
        restored.widget->setText(reply.text);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const qint64 restoreMs = once.elapsed();
        once.restart();
        QPalette palette = restored.widget->palette();
        palette.setColor(QPalette::Base, Qt::black);
        palette.setColor(QPalette::Text, Qt::white);
        restored.widget->setPalette(palette);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const qint64 repaletteMs = once.elapsed();
        QCOMPARE(restored.widget->body()->codeBlocks()->count(), reply.text.count(u"```") / 2);

        const Figures a = figures(smallSamples);
        const Figures b = figures(largeSamples);
        const double ratio = b.median / a.median;
        std::printf("\nMarkdownDeltaBench: cost of one delta (20-40 chars) streamed into a reply,"
                    " 800 px wide\n"
                    "  (appendText + posted layout requests + document size + size hint;"
                    " %d deltas each, interleaved)\n\n"
                    "  %-14s %12s %10s %10s %10s %10s\n"
                    "  %-14s %9.1f KB %7.3f ms %7.3f ms %7.3f ms %7.3f ms\n"
                    "  %-14s %9.1f KB %7.3f ms %7.3f ms %7.3f ms %7.3f ms\n\n"
                    "  ratio of medians (200 KB / 2 KB): %.2f   (limit 2.00)\n"
                    "  reply: %.1f KB, %d code blocks; streaming to the windows took %.1f s\n"
                    "  the whole reply at once: %lld ms to render, %lld ms for a new palette\n\n",
                    kDeltas, "window", "reply", "median", "p25", "p75", "max", "around 2 KB",
                    (smallStart + windowLength / 2) / 1024.0, a.median, a.p25, a.p75, a.max,
                    "around 200 KB", (largeStart + windowLength / 2) / 1024.0, b.median, b.p25,
                    b.p75, b.max, ratio, reply.text.size() / 1024.0,
                    restored.widget->body()->codeBlocks()->count(), prefixMs / 1000.0, restoreMs,
                    repaletteMs);
        std::fflush(stdout);
        QVERIFY2(ratio <= 2.0, qPrintable(u"ratio %1 exceeds 2"_s.arg(ratio)));
    }
};

QTEST_MAIN(MarkdownDeltaBench)
#include "MarkdownDeltaBench.moc"
