// McpServerLog: an append-only, size-capped text log per MCP server.
#include "mcp/McpServerLog.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace keel::core {

McpServerLog::McpServerLog(QString path, qint64 maxBytes)
    : m_path(std::move(path))
    , m_maxBytes(maxBytes)
{
}

void McpServerLog::note(const QString& text)
{
    write(QStringLiteral("keel: "), text);
}

void McpServerLog::stderrLine(const QString& text)
{
    write(QStringLiteral("stderr: "), text);
}

void McpServerLog::write(const QString& prefix, const QString& text)
{
    if (m_path.isEmpty() || !open())
        return;
    QString line = QDateTime::currentDateTime().toString(Qt::ISODateWithMs);
    line += QLatin1Char(' ') + prefix;
    // One entry per line, whatever the text holds.
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    line += flat;
    line += QLatin1Char('\n');
    m_file.write(line.toUtf8());
    m_file.flush();
    if (m_file.size() > m_maxBytes)
        rotate();
}

bool McpServerLog::open()
{
    if (m_file.isOpen())
        return true;
    if (m_failed)
        return false;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        m_failed = true;
        return false;
    }
    return true;
}

void McpServerLog::rotate()
{
    m_file.close();
    const QString old = m_path + QStringLiteral(".1");
    QFile::remove(old);
    QFile::rename(m_path, old);
    m_failed = false;
}

} // namespace keel::core
