// McpServerLog: one MCP server's log file — its stderr lines ("stderr: ...") and Keel's notes
// about it ("keel: ..."), each line stamped with an ISO time, appended, and rotated to "<file>.1"
// past 1 MB. Plain small appends on the owner's thread; a log that cannot be written is ignored
// (the server still runs).
#pragma once

#include <QFile>
#include <QString>

namespace keel::core {

class McpServerLog {
public:
    explicit McpServerLog(QString path, qint64 maxBytes = 1024 * 1024);

    const QString& path() const { return m_path; }
    void note(const QString& text);       // "keel: text"
    void stderrLine(const QString& text); // "stderr: text"

private:
    void write(const QString& prefix, const QString& text);
    bool open();
    void rotate();

    QString m_path;
    qint64 m_maxBytes;
    QFile m_file;
    bool m_failed = false; // could not open: stop trying until the next rotation
};

} // namespace keel::core
