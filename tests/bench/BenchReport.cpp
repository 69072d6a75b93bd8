// BenchReport: the table keel-bench prints.
#include "BenchReport.h"

#include <QLocale>

#include <algorithm>

namespace keel::bench {

QString grouped(double value)
{
    return QLocale(QLocale::English).toString(qint64(value + (value < 0 ? -0.5 : 0.5)));
}

QString fixed(double value, int decimals, const QString& unit)
{
    const QString number = QLocale(QLocale::English).toString(value, 'f', decimals);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString renderTable(const QString& title, const QStringList& columns,
                    const QList<Section>& sections)
{
    // The first column holds the labels; a row with one value writes it after the label.
    qsizetype labelWidth = columns.value(0).size();
    QList<qsizetype> widths;
    for (qsizetype c = 1; c < columns.size(); ++c)
        widths.append(columns[c].size());
    for (const Section& section : sections) {
        for (const Row& row : section.rows) {
            if (row.heading)
                continue;
            // Every value starts in the same column, also a single one after a long label.
            labelWidth = std::max(labelWidth, row.label.size() + 2);
            if (row.cells.size() < 2)
                continue;
            for (qsizetype c = 0; c < row.cells.size() && c < widths.size(); ++c)
                widths[c] = std::max(widths[c], row.cells[c].size());
        }
    }
    qsizetype total = labelWidth;
    for (qsizetype width : widths)
        total += 3 + width;
    for (const Section& section : sections) {
        for (const Row& row : section.rows) {
            if (!row.heading && row.cells.size() == 1)
                total = std::max(total, labelWidth + 3 + row.cells[0].size());
        }
    }

    const QString rule = QString(total, QLatin1Char('-'));
    QString out = title + QLatin1Char('\n') + rule + QLatin1Char('\n');
    QString header = columns.value(0).leftJustified(labelWidth);
    for (qsizetype c = 1; c < columns.size(); ++c)
        header += QStringLiteral("   ") + columns[c].rightJustified(widths[c - 1]);
    out += header + QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (const Section& section : sections) {
        for (const Row& row : section.rows) {
            if (row.heading) {
                out += row.label + QLatin1Char('\n');
                continue;
            }
            const QString label = QStringLiteral("  ") + row.label;
            if (row.cells.size() == 1) {
                out += label.leftJustified(labelWidth) + QStringLiteral("   ") + row.cells[0]
                       + QLatin1Char('\n');
                continue;
            }
            QString line = label.leftJustified(labelWidth);
            for (qsizetype c = 0; c < widths.size(); ++c)
                line += QStringLiteral("   ") + row.cells.value(c).rightJustified(widths[c]);
            out += line + QLatin1Char('\n');
        }
    }
    return out + rule + QLatin1Char('\n');
}

} // namespace keel::bench
