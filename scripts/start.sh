#!/usr/bin/env bash
# The main job (README): build the spaCy sidecar bundle (cached), then print the entities it
# finds in samples/sample.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
bash scripts/build-python.sh
node --import tsx scripts/print-entities.ts "${1:-samples/sample.md}"
