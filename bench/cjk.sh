#!/usr/bin/env bash
# Japanese and Chinese fidelity (bench/cjkFidelityBench.ts): builds the bundle if needed, installs
# the corpora (Debian's debian-reference-ja and -zh-cn), then runs the bench, which trains its
# silver pipelines once (bench/cjk_silver_pipeline.py, cached by the builder's hash) and fetches
# Sudachi's dictionary (scripts/fetch-sudachidict.sh). Prints figures; never fails on a target.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/build-python.sh"
source "$ROOT/scripts/lib/apt-packages.sh"
ensure_debian_packages debian-reference-ja debian-reference-zh-cn
cd "$ROOT"
npx tsx bench/cjkFidelityBench.ts
