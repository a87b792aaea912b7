#!/usr/bin/env bash
# Every test, in order: static checks, unit tests (Vitest), security scan, build, browser e2e (Chromium),
# Electron e2e (skips with its reason where no Electron binary exists). Ends with one plain line
# `N passed, N failed, N skipped` summing every runner; each static check counts as one test.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT

check() { # name, command...
  local name=$1
  shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!!! $name failed"; fi
}

add_counts() { # json file with {passed, failed, skipped}
  [ -f "$1" ] || return 1
  eval "$(node -e 'const c=require(process.argv[1]); console.log(`p=${c.passed} f=${c.failed} s=${c.skipped}`)' "$1")"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

check typecheck npm run -s typecheck
check lint npm run -s lint

echo "=== unit tests (vitest)"
COUNT_FILE="$results_dir/vitest.json" npx vitest run || true
add_counts "$results_dir/vitest.json" || { echo "!!! vitest produced no results"; failed=$((failed + 1)); }

check "security scan (electronegativity)" npm run -s test:security
check build npm run -s build

echo "=== e2e (playwright: browser in Chromium, electron where a binary exists)"
rm -f test-results/playwright.json
npx playwright test || true
if [ -f test-results/playwright.json ]; then
  node -e '
    const report = require(process.argv[1]);
    const s = report.stats;
    // Say why each skipped test was skipped (e.g. no Electron binary here), not just that it was.
    const walk = (suite) => [...(suite.suites ?? []).flatMap(walk), ...(suite.specs ?? []).flatMap((spec) => spec.tests.map((t) => ({ spec, t })))];
    for (const { spec, t } of report.suites.flatMap(walk)) {
      if (t.status !== "skipped") continue;
      const why = [...(t.annotations ?? []), ...t.results.flatMap((r) => r.annotations ?? [])].find((a) => a.type === "skip")?.description;
      console.log(`skipped: [${t.projectName}] ${spec.title} — ${why ?? "no reason given"}`);
    }
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }));
  ' "$PWD/test-results/playwright.json" "$results_dir/pw-counts.json"
  add_counts "$results_dir/pw-counts.json"
else
  echo "!!! playwright produced no results"; failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
