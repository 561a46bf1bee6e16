#!/usr/bin/env bash
# Pool scan-throughput bench (bench/poolBench.ts): builds the bundle if needed, gets the corpus (the
# public-domain Jargon File from Debian's jargon-text, unless SAMSARA_BENCH_CORPUS names a text
# file), and runs the driver; the in-process spaCy baselines run in the build venv
# (bench/pool_baseline.py). Prints figures; never fails on a target.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/build-python.sh"
CORPUS=${SAMSARA_BENCH_CORPUS:-/usr/share/doc/jargon-text/jargon.txt.gz}
if [ ! -f "$CORPUS" ]; then
  source "$ROOT/scripts/lib/apt-packages.sh"
  ensure_debian_packages jargon-text || {
    echo "bench: $CORPUS missing: install Debian's jargon-text or set SAMSARA_BENCH_CORPUS to a text file" >&2
    exit 1
  }
fi
cd "$ROOT"
SAMSARA_BENCH_CORPUS="$CORPUS" npx tsx bench/poolBench.ts "$@"
