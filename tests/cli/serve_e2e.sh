#!/usr/bin/env bash
# Browser tests of `bagu serve` (tests/e2e/site.mjs): playwright-core from node_modules
# (scripts/setup.sh runs `npm ci`) driving /usr/bin/chromium headless. Uses the build's
# content.db when there is one, else tests/e2e/content. Screenshots: $BAGU_BUILD/screenshots/.
. "$(dirname "$0")/lib.bash"
: "${BAGU_BUILD:?BAGU_BUILD must point at the build directory}"
if [ ! -f "$BAGU_SRC/node_modules/playwright-core/package.json" ]; then
	bad "node_modules/playwright-core is missing: run scripts/setup.sh (npm ci)"; finish; exit
fi
command -v node >/dev/null && [ -x "${BAGU_CHROMIUM:-/usr/bin/chromium}" ] && ok || { bad "node or chromium missing: run scripts/setup.sh"; finish; exit; }
DB="$BAGU_BUILD/content.db"
if [ ! -f "$DB" ]; then
	DB="$T_TMP/content.db"
	run "$BAGU" build --content "$BAGU_SRC/tests/e2e/content" --out "$DB"; expect_rc 0 "build e2e content"
fi
# the diagram checks run against the fixture tree (one msc, one dot)
FIXDB="$T_TMP/fixture.db"
run "$BAGU" build --content "$BAGU_SRC/tests/fixtures/content" --out "$FIXDB"; expect_rc 0 "build fixture db"
out=$(cd "$BAGU_SRC" && E2E_DB="$DB" E2E_DIAGRAM_DB="$FIXDB" timeout 300 node tests/e2e/site.mjs 2>&1); rc=$?
printf '%s\n' "$out" | grep -v ' passed, .* failed$' >&2
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$out" | tail -1)
if [ -n "$line" ]; then
	T_PASS=$((T_PASS + ${line%% *})); f=${line#*, }; T_FAIL=$((T_FAIL + ${f%% *}))
fi
[ "$rc" -eq 0 ] && ok || bad "browser tests exited $rc"
finish
