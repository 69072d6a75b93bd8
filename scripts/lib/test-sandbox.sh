# Sourced by scripts/test, scripts/sanitize and scripts/bench (which source lib/run.sh too): moves the rest of the calling script
# into a fresh, private environment, so that no test can touch a real user's configuration, data,
# keychain or credentials, or go through a proxy. Call enter_test_sandbox after building (the
# build must still see the real HOME, where ccache keeps its cache). The sandbox is removed on exit.

enter_test_sandbox() {
    sandbox="$(mktemp -d "${TMPDIR:-/tmp}/keel-test.XXXXXXXX")"
    trap 'rm -rf "$sandbox"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    mkdir -p "$sandbox"/{home,config,data,cache,state}
    mkdir -m 700 "$sandbox/runtime"

    export HOME="$sandbox/home"
    export XDG_CONFIG_HOME="$sandbox/config"
    export XDG_DATA_HOME="$sandbox/data"
    export XDG_CACHE_HOME="$sandbox/cache"
    export XDG_STATE_HOME="$sandbox/state"
    export XDG_RUNTIME_DIR="$sandbox/runtime"
    export QT_QPA_PLATFORM=offscreen
    # English whatever the machine's locale: Keel picks its language from these.
    unset LANGUAGE LC_MESSAGES
    export LANG=C.UTF-8 LC_ALL=C.UTF-8
    # No proxy between the tests and their loopback servers.
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
    export NO_PROXY=127.0.0.1,localhost,::1
    export no_proxy="$NO_PROXY"
    # Never the user's session bus (and so keychain), and never real provider credentials.
    unset DBUS_SESSION_BUS_ADDRESS OPENAI_API_KEY OPENAI_BASE_URL KEEL_MODEL \
        ANTHROPIC_API_KEY GEMINI_API_KEY GOOGLE_API_KEY OLLAMA_HOST \
        OPENROUTER_API_KEY DEEPSEEK_API_KEY
}
