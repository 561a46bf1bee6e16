#!/usr/bin/env bash
# `npm test`: installs what it needs (npm packages, Python venv, spaCy model, sidecar bundle,
# code-server + Chromium for e2e), then runs every suite. Caches make a second run fast.
# All suites run even when one fails; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed" >&2; exit 1; }

failed=()
run() {
  local name=$1; shift
  echo; echo "=== $name"
  if ! "$@"; then failed+=("$name"); fi
}
run typecheck npx tsc -p . --noEmit
run lint npx eslint --no-error-on-unmatched-pattern client server test scripts bench
run pytest bash scripts/test-python.sh
run unit node scripts/run-node-tests.mjs unit
run integration node scripts/run-node-tests.mjs integration
run e2e bash scripts/test-e2e.sh

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all suites passed"
