#!/usr/bin/env bash
# Integration suite: the real server over stdio with the real bundled sidecar, and Neovim as a
# second LSP client; Debian's postgresql for the campaign queue's tests (each starts a private
# cluster, test/helpers/postgres.ts). Builds what it needs first (each step cached). Extra
# arguments go to node --test (e.g. --test-name-pattern=hover).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/apt-packages.sh
ensure_debian_packages neovim jargon-text postgresql
bash scripts/build-python.sh
node scripts/build-ts.mjs
exec node scripts/run-node-tests.mjs integration "$@"
