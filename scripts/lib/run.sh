# Sourced by the scripts: run prints a command (shell-quoted, on stderr), then runs it.
run() {
    printf '+' >&2
    printf ' %q' "$@" >&2
    printf '\n' >&2
    "$@"
}
