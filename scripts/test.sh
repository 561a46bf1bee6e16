#!/usr/bin/env bash
# `npm test`: installs what it needs (npm packages, Python venv, spaCy model, sidecar bundle,
# code-server + Chromium for e2e), then runs every suite. Caches make a second run fast.
# All suites run even when one fails; the exit code is non-zero if any failed.
# Each suite also runs alone: npm run typecheck | lint | test:py | test:unit | test:integration | test:e2e.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed" >&2; exit 1; }

failed=()
run() {
  local name=$1; shift
  echo; echo "=== $name"
  if ! "$@"; then failed+=("$name"); fi
}
run typecheck npm run -s typecheck
run lint npm run -s lint
run pytest npm run -s test:py
run unit npm run -s test:unit
run integration npm run -s test:integration
run e2e npm run -s test:e2e

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all suites passed"
