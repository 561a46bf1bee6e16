#!/usr/bin/env bash
# Python suite: builds the sidecar bundle if needed (scripts/build-python.sh), then runs pytest
# from the build venv on python-src/tests: the unbundled sidecar (python -m samsara_sidecar)
# and the bundle in python-dist/. Extra arguments go to pytest (e.g. -k bundle).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/build-python.sh"
bash "$ROOT/scripts/fetch-test-pipeline.sh" >/dev/null
bash "$ROOT/scripts/fetch-sudachidict.sh" >/dev/null   # Sudachi's dictionary for test_japanese.py
VPY=$(bash "$ROOT/scripts/build-python.sh" --print-python)
cd "$ROOT/python-src"
unset PYTHONHOME
status=0
PYTHONPATH="$ROOT/python-src" "$VPY" -m pytest tests -q -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
  # pytest's "no tests collected": a suite that ran nothing proved nothing.
  echo "test-python: pytest collected no tests${*:+ (arguments: $*)}" >&2
  exit 1
fi
exit "$status"
