#!/usr/bin/env bash
# InstallLayoutTest: `cmake --install` of the build into a temporary prefix lays out exactly the
# files the package ships, both validators pass on them and the installed keel --version names
# the project's version (packaging/validate-install does the checking).
#
#   install-layout-test.sh SOURCE_DIR BUILD_DIR VERSION
#
# Exit code 77 (skipped) only when a validator is not installed (scripts/deps --test installs both).
set -euo pipefail

source_dir="$1"
build_dir="$2"
version="$3"

for tool in desktop-file-validate appstreamcli; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (scripts/deps --test)"
        exit 77
    fi
done

prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix/usr" --component Runtime
"$source_dir/packaging/validate-install" "$prefix/usr" "$version"
