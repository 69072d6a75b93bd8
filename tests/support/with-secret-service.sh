#!/bin/sh
# Runs a command with a private D-Bus session and an unlocked GNOME Keyring (a real Secret
# Service), so keychain tests store, read and delete keys through QtKeychain for real without
# touching the user's own keyring. The keyring's files go under $HOME (a sandbox in tests).
#
#   with-secret-service.sh COMMAND [ARGS...]
set -eu
exec dbus-run-session -- sh -c '
    printf %s keel-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$@"
