// SecretFile: the opt-in fallback for secrets when no keychain service exists: one JSON object
// {name: value} in the profile (SettingsPaths::secretFile()), readable and writable by its
// owner only (mode 0600).
//
// Safety rules (kept deliberately simple):
// - Every write builds a new file with open(O_CREAT|O_EXCL, 0600) + fchmod(0600) next to the
//   old one, fsyncs it and renames it over: the file is never half-written, never briefly
//   wider than 0600 whatever the umask, and any earlier wider mode is gone after a write.
// - Reading refuses a file that is not a regular file owned by us, or that group/others can
//   write (its values could have been swapped); a file others can merely read is tightened
//   to 0600 on the spot.
// - A file that is corrupt or refused is reported on read (never a crash); the next write
//   moves it aside as FILE.bak (mode 0600, so no key leaks wider) and starts a fresh one.
// Plain synchronous class: SecretStore calls it on the settings thread.
#pragma once

#include "settings/SecretStore.h"

#include <QMap>
#include <QString>

namespace keel::core {

class SecretFile {
public:
    explicit SecretFile(QString path);

    struct ReadResult {
        QString value;
        SecretError error; // NotFound when the file or the entry does not exist
    };

    ReadResult read(const QString& name) const;
    SecretError write(const QString& name, const QString& value);
    SecretError remove(const QString& name); // a missing entry or file is success

    const QString& path() const { return m_path; }

private:
    enum class LoadState { Ok, Missing, Unusable };
    struct Loaded {
        LoadState state = LoadState::Missing;
        QMap<QString, QString> entries;
        SecretError error; // set when Unusable
    };

    Loaded load() const;
    SecretError save(const QMap<QString, QString>& entries);
    SecretError moveAside();

    QString m_path;
};

} // namespace keel::core
