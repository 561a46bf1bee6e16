#!/usr/bin/env bash
# Languages benchmark (bench/languages_bench.py): builds the bundle if needed, fetches the French
# pipeline wheel (scripts/fetch-test-pipeline.sh), Sudachi's dictionary (scripts/fetch-sudachidict.sh)
# and the French and Japanese corpora (Debian's debian-reference-fr/-ja), then runs the bench with
# the build venv. Prints figures; never fails on a target.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/build-python.sh"
VPY=$(bash "$ROOT/scripts/build-python.sh" --print-python)
WHEEL=$(bash "$ROOT/scripts/fetch-test-pipeline.sh")
DICTIONARY=$(bash "$ROOT/scripts/fetch-sudachidict.sh")
source "$ROOT/scripts/lib/apt-packages.sh"
ensure_debian_packages debian-reference-fr debian-reference-ja fortunes-de fortunes-es fortunes-it fortunes-pl fortunes-ru fortunes-br fortunes-cs
"$VPY" "$ROOT/bench/languages_bench.py" --wheel "$WHEEL" --dictionary-wheel "$DICTIONARY" "$@"
npx tsx "$ROOT/bench/languageDetectionBench.ts"
