# Sourced by the build scripts. Lets one ccache serve every clone and every build directory (the
# normal build, build-asan, build-tsan): paths under the repository are hashed relative to it, so
# a fresh clone elsewhere (CI) hits the cache its predecessors filled. The sanitizer builds double
# what the cache holds, hence the larger default size (an explicit CCACHE_MAXSIZE wins).
export CCACHE_BASEDIR="$root"
export CCACHE_NOHASHDIR=true
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-15G}"
