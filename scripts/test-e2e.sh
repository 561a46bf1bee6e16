#!/usr/bin/env bash
# End-to-end suite in a real VS Code: installs code-server and Chromium (cached), packages the
# VSIX, then runs test/e2e/*.test.ts, which install that VSIX into fresh code-server instances.
# Extra arguments go to node --test (e.g. --test-name-pattern=hover).
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(bash scripts/setup-e2e.sh | tail -1)"   # sets CODE_SERVER
export CODE_SERVER
SAMSARA_VSIX="$(bash scripts/package.sh | tail -1)"
export SAMSARA_VSIX
echo "e2e: $SAMSARA_VSIX in code-server ($CODE_SERVER)"
exec node scripts/run-node-tests.mjs e2e "$@"
