#!/usr/bin/env bash
# make_configure — `make` recovers from a build directory left half-configured (a failed
# configure leaves CMakeCache.txt but no Makefile): `make configure` must run CMake again
# instead of skipping it, and must skip it once the build system is complete.
. "$(dirname "$0")/lib.bash"

b="$T_TMP/build"
mkdir -p "$b"
# what a configure that failed on a missing library leaves behind
printf 'CMAKE_BUILD_TYPE:STRING=RelWithDebInfo\n' >"$b/CMakeCache.txt"
run make -s -C "$BAGU_SRC" configure BUILD="$b"
expect_rc 0 "make configure over a stale CMakeCache.txt"
[ -f "$b/Makefile" ] && ok || bad "make configure left no Makefile in a half-configured build dir"

# complete: make configure must not reconfigure (the Makefile stays untouched)
touch -d '2000-01-01' "$b/Makefile"
run make -s -C "$BAGU_SRC" configure BUILD="$b"
expect_rc 0 "make configure over a complete build dir"
[ "$(stat -c %Y "$b/Makefile")" = "$(date -d '2000-01-01' +%s)" ] && ok ||
	bad "make configure reconfigured a complete build dir"
finish
