// ConfigFile: reading, moving aside and atomically writing the configuration files.
#include "settings/ConfigFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ConfigFileText {
    Q_DECLARE_TR_FUNCTIONS(ConfigFile)
};

constexpr qint64 kMaxFileSize = 16 * 1024 * 1024; // configuration, not data: larger is damage

// Records where a document stops being JSON.
class ErrorLocator : public nlohmann::json_sax<nlohmann::json> {
public:
    std::size_t position = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t at, const std::string&,
                     const nlohmann::detail::exception&) override
    {
        position = at;
        return false;
    }
};

} // namespace

ConfigFileContents readConfigFile(const QString& path)
{
    ConfigFileContents contents;
    const QFileInfo info(path);
    contents.exists = info.exists() || info.isSymLink();
    if (!contents.exists)
        return contents;
    QFile file(path);
    if (info.isDir()) {
        contents.error = ConfigFileText::tr("it is a folder");
    } else if (info.size() > kMaxFileSize) {
        contents.error = ConfigFileText::tr("it is larger than %1 MB").arg(kMaxFileSize >> 20);
    } else if (!file.open(QIODevice::ReadOnly)) {
        contents.error = file.errorString();
    } else {
        contents.bytes = file.readAll();
        if (file.error() != QFileDevice::NoError)
            contents.error = file.errorString();
    }
    return contents;
}

QString moveConfigFileAside(const QString& path, const QString& reason, const QString& startedWith)
{
    const QString backup = path + QStringLiteral(".bak");
    const QFileInfo old(backup);
    if (old.isDir() && !old.isSymLink())
        QDir(backup).removeRecursively();
    else if (old.exists() || old.isSymLink())
        QFile::remove(backup);
    const QString file = QFileInfo(path).fileName();
    if (QDir().rename(path, backup)) {
        return ConfigFileText::tr("%1 could not be read (%2); it was moved to %3 and Keel started "
                                  "with %4.")
            .arg(file, reason, QDir::toNativeSeparators(backup), startedWith);
    }
    return ConfigFileText::tr("%1 could not be read (%2) nor moved aside to %3; Keel started with "
                              "%4, which will replace it when settings are saved.")
        .arg(file, reason, QDir::toNativeSeparators(backup), startedWith);
}

QString configSaveError(const QString& path, const QString& reason)
{
    return ConfigFileText::tr("Could not save %1: %2").arg(QFileInfo(path).fileName(), reason);
}

QString makeConfigParentDir(const QString& path)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (QDir().mkpath(dir))
        return {};
    return configSaveError(path, ConfigFileText::tr("the folder %1 could not be created")
                                     .arg(QDir::toNativeSeparators(dir)));
}

QString writeConfigFileAtomically(const QString& path, const QByteArray& bytes, bool privateWhenNew)
{
    if (QString error = makeConfigParentDir(path); !error.isEmpty())
        return error;
    const bool isNew = !QFileInfo::exists(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return configSaveError(path, file.errorString());
    // Before the first byte: the temporary file becomes the real one by a rename.
    if (isNew && privateWhenNew)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return configSaveError(path, reason);
    }
    if (!file.commit())
        return configSaveError(path, file.errorString());
    return {};
}

qsizetype jsonErrorOffset(const QByteArray& text)
{
    ErrorLocator locator;
    nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
    return std::clamp<qsizetype>(qsizetype(locator.position), 1, qMax<qsizetype>(1, text.size()));
}

QString jsonErrorLocation(const QByteArray& text)
{
    const qsizetype at = jsonErrorOffset(text);
    const QByteArray before = text.left(at - 1);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = at - (before.lastIndexOf('\n') + 1);
    return ConfigFileText::tr("line %1, column %2").arg(line).arg(column);
}

} // namespace keel::core
