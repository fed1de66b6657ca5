#!/usr/bin/env bash
# The project's test command (`npm test`). Works on a fresh Debian 12 machine:
#   1. system packages for the browser tests (Chromium, Noto CJK fonts) — installed when missing
#   2. npm ci            3. type check (tsc)       4. unit tests (vitest)
#   5. production build  6. end-to-end tests (Playwright driving Chromium against dist/)
# Every stage runs even when an earlier one failed; the exit status is non-zero if any failed,
# and the very last line is `N passed, N failed` with totals from the vitest JSON reports (a
# failed type check, build or install counts as one failure each).
#
# Environment: ONEMAP_SKIP_NPM_CI=1 skips `npm ci` (local runs while a dev server uses
# node_modules); ONEMAP_CHROMIUM=/path/to/chromium uses another Chromium for the browser tests.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM="${ONEMAP_CHROMIUM:-/usr/bin/chromium}"
REPORTS=test-results
UNIT_REPORT="$REPORTS/unit.json"
E2E_REPORT="$REPORTS/e2e.json"
stage_failures=0
failed_stages=()
unit_exit=1
e2e_exit=1
summary=""

stage() { printf '\n==> %s\n' "$*"; }
fail_stage() {
  stage_failures=$((stage_failures + 1))
  failed_stages+=("$1")
  printf '!!! stage failed: %s\n' "$1" >&2
}

has_chromium() { [ -x "$CHROMIUM" ]; }
has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    # No `grep -q`: it would stop reading early, fc-list would die of SIGPIPE, and with pipefail
    # the check would fail even though the font is there.
    fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null
  else
    # fontconfig's tools are usually pulled in with chromium; without them, look for the files.
    find /usr/share/fonts /usr/local/share/fonts -iname 'NotoSansCJK*' 2>/dev/null | grep . >/dev/null
  fi
}

# 1. System packages -------------------------------------------------------------------------
stage "system packages: chromium, fonts-noto-cjk"
if has_chromium && has_cjk_font; then
  echo "found $CHROMIUM and Noto Sans CJK"
elif [ "$(id -u)" -ne 0 ]; then
  echo "ERROR: the browser tests need $CHROMIUM and the Noto CJK fonts, and this user cannot install them." >&2
  echo "       Run as root, or first: sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk" >&2
  fail_stage "system packages (not root; chromium or fonts-noto-cjk missing)"
else
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk; then
    if ! { has_chromium && has_cjk_font; }; then
      fail_stage "system packages (installed, but $CHROMIUM or Noto Sans CJK is still missing)"
    fi
  else
    fail_stage "system packages (apt-get failed)"
  fi
fi

# 2. npm ci ----------------------------------------------------------------------------------
stage "npm ci"
if [ "${ONEMAP_SKIP_NPM_CI:-}" = "1" ]; then
  echo "skipped (ONEMAP_SKIP_NPM_CI=1)"
elif ! npm ci --no-audit --no-fund; then
  fail_stage "npm ci"
fi

BIN=node_modules/.bin
mkdir -p "$REPORTS"

# 3. Type check ------------------------------------------------------------------------------
stage "type check: tsc --noEmit -p tsconfig.json"
"$BIN/tsc" --noEmit -p tsconfig.json || fail_stage "type check"

# 4. Unit tests ------------------------------------------------------------------------------
stage "unit tests: vitest run --config vitest.config.ts"
rm -f "$UNIT_REPORT"
"$BIN/vitest" run --config vitest.config.ts
unit_exit=$?

# 5. Build -----------------------------------------------------------------------------------
stage "build: vite build"
# A failed build must not leave an older dist/ for the browser tests to pass against.
rm -rf dist
"$BIN/vite" build || fail_stage "build"

# 6. End-to-end tests ------------------------------------------------------------------------
stage "end-to-end tests: vitest run --config vitest.e2e.config.ts"
rm -f "$E2E_REPORT"
if has_chromium; then
  "$BIN/vitest" run --config vitest.e2e.config.ts
  e2e_exit=$?
else
  echo "skipped: $CHROMIUM is missing (counted as failed)" >&2
  e2e_exit=1
fi

# Summary ------------------------------------------------------------------------------------
stage "summary"
if [ "${#failed_stages[@]}" -gt 0 ]; then
  printf '  failed stage: %s\n' "${failed_stages[@]}"
fi
overall=0
if [ "$stage_failures" -gt 0 ] || [ "$unit_exit" -ne 0 ] || [ "$e2e_exit" -ne 0 ]; then overall=1; fi

if [ -x "$BIN/tsx" ]; then
  summary="$("$BIN/tsx" scripts/summarize-tests.ts --stage-failures "$stage_failures" \
    "unit=$UNIT_REPORT:$unit_exit" "e2e=$E2E_REPORT:$e2e_exit")"
  summary_exit=$?
else
  summary_exit=1
fi
if [ "$summary_exit" -eq 0 ] && [ -n "$summary" ]; then
  printf '%s\n' "$summary" | sed '$d'
  last_line="$(printf '%s\n' "$summary" | tail -n 1)"
else
  # Without tsx no test could run either: nothing passed, each suite counts as one failure.
  echo "  (could not read the test reports)"
  last_line="0 passed, $((stage_failures + 2)) failed"
  overall=1
fi
echo "$last_line"
exit "$overall"
