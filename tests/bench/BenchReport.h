// BenchReport: what keel-bench's phases hand back (table rows and JSON) and the one table it
// prints: a column per streaming client, and rows for the app's own figures.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace keel::bench {

// Where the programs are and how long to measure.
struct BenchConfig {
    QString keel;        // the keel binary
    QString nodeModules; // with the openai package (scripts/mcp-servers)
    QString sdkScript;   // tests/bench/openai-stream.cjs
    QString node = QStringLiteral("node");
    QString curl = QStringLiteral("curl");
    QString workDir; // profiles, outputs (a temporary directory)
    bool quick = false;
};

struct Row {
    QString label;
    QStringList cells; // one per client column, or a single value
    bool heading = false;
};

// One phase's result: its rows, its JSON, and what went wrong (the run then fails).
struct Section {
    QString key; // the phase's name in the JSON file
    QList<Row> rows;
    QJsonObject json;
    QStringList problems;

    void heading(const QString& text) { rows.append(Row{text, {}, true}); }
    void row(const QString& label, const QStringList& cells) { rows.append(Row{label, cells}); }
    void fail(const QString& problem) { problems.append(problem); }
};

QString renderTable(const QString& title, const QStringList& columns,
                    const QList<Section>& sections);

// Formatting with units: 1,234,567 / 12.3 ms / 45.6 MB / 7.8 %.
QString grouped(double value);
QString fixed(double value, int decimals, const QString& unit = {});

} // namespace keel::bench
