// SecretFile: the 0600 JSON fallback file for secrets (see the header for the safety rules).
#include "settings/SecretFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct SecretFileText {
    Q_DECLARE_TR_FUNCTIONS(SecretFile)
};

using nlohmann::json;

// A key file is a handful of short strings; anything far bigger is not ours.
constexpr qint64 kMaxFileSize = qint64(1024) * 1024;

SecretError makeError(SecretError::Kind kind, const QString& message)
{
    return SecretError{kind, message};
}

QString errnoText(int error)
{
    return qt_error_string(error);
}

int openNoIntr(const char* path, int flags, mode_t mode = 0)
{
    int fd;
    do {
        fd = ::open(path, flags, mode);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

bool writeAll(int fd, const char* data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

// Reads at most limit + 1 bytes so an oversized file is noticed without reading all of it.
bool readAll(int fd, QByteArray* out, qint64 limit)
{
    std::array<char, 8192> buffer{};
    while (out->size() <= limit) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0)
            return true;
        out->append(buffer.data(), n);
    }
    return true;
}

// Makes the rename durable; best effort (some file systems refuse fsync on a directory).
void syncDirectory(const QString& dir)
{
    const int fd =
        openNoIntr(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

SecretFile::SecretFile(QString path)
    : m_path(std::move(path))
{
}

SecretFile::Loaded SecretFile::load() const
{
    Loaded result;
    const QString file = QDir::toNativeSeparators(m_path);
    // problem: a whole clause naming the file ("The key file %1 is ..."), so it translates as one.
    const auto unusable = [&](SecretError::Kind kind, const QString& problem) {
        result.state = LoadState::Unusable;
        result.error = makeError(kind, SecretFileText::tr("%1, so Keel does not use it. Saving a "
                                                          "key replaces it (the old file is kept "
                                                          "as %2.bak).")
                                           .arg(problem, file));
        return result;
    };

    // O_NOFOLLOW: a symlink here could point the keys anywhere; it is refused like a bad file.
    const int fd = openNoIntr(QFile::encodeName(m_path).constData(),
                              O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return result; // Missing
        return unusable(SecretError::Kind::Denied,
                        SecretFileText::tr("The key file %1 could not be opened (%2)")
                            .arg(file, errnoText(error)));
    }

    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return unusable(SecretError::Kind::Denied,
                        SecretFileText::tr("The key file %1 is not a regular file").arg(file));
    }
    if (st.st_uid != ::geteuid()) {
        ::close(fd);
        return unusable(SecretError::Kind::Denied,
                        SecretFileText::tr("The key file %1 belongs to another user").arg(file));
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        ::close(fd);
        return unusable(
            SecretError::Kind::Denied,
            SecretFileText::tr("The key file %1 can be changed by other users").arg(file));
    }
    // Readable by others (e.g. copied in by hand): close that hole now rather than later.
    if ((st.st_mode & 07777) != (S_IRUSR | S_IWUSR))
        ::fchmod(fd, S_IRUSR | S_IWUSR);

    QByteArray bytes;
    const bool readOk = readAll(fd, &bytes, kMaxFileSize);
    const int readErrno = errno;
    ::close(fd);
    if (!readOk) {
        return unusable(SecretError::Kind::Other,
                        SecretFileText::tr("The key file %1 could not be read (%2)")
                            .arg(file, errnoText(readErrno)));
    }
    if (bytes.size() > kMaxFileSize)
        return unusable(SecretError::Kind::Other,
                        SecretFileText::tr("The key file %1 is unreasonably large").arg(file));

    const json document = json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return unusable(
            SecretError::Kind::Other,
            SecretFileText::tr("The key file %1 is damaged (not a JSON object)").arg(file));
    for (auto it = document.begin(); it != document.end(); ++it) {
        if (!it.value().is_string()) {
            return unusable(
                SecretError::Kind::Other,
                SecretFileText::tr("The key file %1 is damaged (an entry is not text)").arg(file));
        }
        result.entries.insert(QString::fromStdString(it.key()),
                              QString::fromStdString(it.value().get<std::string>()));
    }
    result.state = LoadState::Ok;
    return result;
}

SecretError SecretFile::save(const QMap<QString, QString>& entries)
{
    const QString where = QDir::toNativeSeparators(m_path);
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return makeError(
            SecretError::Kind::Other,
            SecretFileText::tr("The key could not be saved: the folder %1 could not be "
                               "created.")
                .arg(QDir::toNativeSeparators(dir)));
    }

    json document = json::object();
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        document[it.key().toStdString()] = it.value().toStdString();
    const std::string text =
        document.dump(2, ' ', false, json::error_handler_t::replace) + std::string("\n");

    // A fresh, exclusive file: nobody else can have it open, and it is 0600 from birth.
    QByteArray tempPath;
    int fd = -1;
    for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
        tempPath = QFile::encodeName(m_path) + ".tmp-"
                   + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        fd = openNoIntr(tempPath.constData(),
                        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
                        S_IRUSR | S_IWUSR);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        return makeError(SecretError::Kind::Other,
                         SecretFileText::tr("The key could not be saved in %1 (%2).")
                             .arg(where, errnoText(errno)));
    }

    const auto fail = [&](int error) {
        if (fd >= 0)
            ::close(fd);
        ::unlink(tempPath.constData());
        return makeError(SecretError::Kind::Other,
                         SecretFileText::tr("The key could not be saved in %1 (%2).")
                             .arg(where, errnoText(error)));
    };
    // The umask can only narrow the mode given to open(); fchmod states it exactly anyway.
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0)
        return fail(errno);
    if (!writeAll(fd, text.data(), text.size()))
        return fail(errno);
    if (::fsync(fd) != 0)
        return fail(errno);
    const int closed = ::close(fd);
    fd = -1;
    if (closed != 0)
        return fail(errno);
    if (::rename(tempPath.constData(), QFile::encodeName(m_path).constData()) != 0)
        return fail(errno);
    syncDirectory(dir);
    return {};
}

SecretError SecretFile::moveAside()
{
    const QByteArray path = QFile::encodeName(m_path);
    const QByteArray backup = path + ".bak";
    // Narrow the old file first so the backup never leaks keys wider than the original did.
    const int fd = openNoIntr(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd >= 0) {
        ::fchmod(fd, S_IRUSR | S_IWUSR);
        ::close(fd);
    }
    if (::rename(path.constData(), backup.constData()) != 0 && errno != ENOENT) {
        return makeError(SecretError::Kind::Other,
                         SecretFileText::tr("The key could not be saved: the unusable key file %1 "
                                            "could not be moved aside (%2).")
                             .arg(QDir::toNativeSeparators(m_path), errnoText(errno)));
    }
    return {};
}

SecretFile::ReadResult SecretFile::read(const QString& name) const
{
    const Loaded loaded = load();
    if (loaded.state == LoadState::Unusable)
        return {QString(), loaded.error};
    const auto it = loaded.entries.constFind(name);
    if (it == loaded.entries.constEnd()) {
        return {QString(), makeError(SecretError::Kind::NotFound,
                                     SecretFileText::tr("No key named “%1” is stored.").arg(name))};
    }
    return {it.value(), {}};
}

SecretError SecretFile::write(const QString& name, const QString& value)
{
    Loaded loaded = load();
    if (loaded.state == LoadState::Unusable) {
        if (SecretError moved = moveAside(); !moved.ok())
            return moved;
        loaded.entries.clear();
    }
    loaded.entries.insert(name, value);
    return save(loaded.entries);
}

SecretError SecretFile::remove(const QString& name)
{
    Loaded loaded = load();
    if (loaded.state == LoadState::Missing)
        return {};
    if (loaded.state == LoadState::Unusable)
        return loaded.error;
    if (loaded.entries.remove(name) == 0)
        return {};
    return save(loaded.entries);
}

} // namespace keel::core
