// WindowGeometry: the window's and the splitter's saved state in an ini file.
#include "ui/WindowGeometry.h"

#include "ui/MainWindow.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>

namespace keel::ui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kSplitterKey = QStringLiteral("window/splitter");

} // namespace

QString WindowGeometry::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("window.ini"));
}

bool WindowGeometry::restore(MainWindow& window, const QString& path)
{
    if (!QFileInfo::exists(path))
        return false;
    const QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return false;
    // restoreGeometry keeps the window on a screen that exists now.
    bool restored = window.restoreGeometry(file.value(kGeometryKey).toByteArray());
    if (QSplitter* splitter = window.splitter())
        restored = splitter->restoreState(file.value(kSplitterKey).toByteArray()) && restored;
    return restored;
}

bool WindowGeometry::save(const MainWindow& window, const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSettings file(path, QSettings::IniFormat);
    file.setValue(kGeometryKey, window.saveGeometry());
    if (const QSplitter* splitter = window.splitter())
        file.setValue(kSplitterKey, splitter->saveState());
    file.sync();
    return file.status() == QSettings::NoError;
}

} // namespace keel::ui
