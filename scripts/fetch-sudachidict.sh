#!/usr/bin/env bash
# Fetches Sudachi's dictionary wheel the Japanese tests use (sudachidict_core 20261015, 77 MB;
# 198 MB unpacked) into the cache, once, and prints the wheel's path. spaCy's Japanese pipelines
# need it (sudachipy.Dictionary() imports the sudachidict_core package); the bundle never carries
# it: the server fetches it with the Japanese pipeline and hands it to the sidecar through
# SAMSARA_SUPPORT_PACKAGES, and the tests unpack this wheel the same way. Downloaded only, never
# installed: in the build venv, PyInstaller would see it. pip refuses any file but PyPI's (sha256).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SAMSARA_CACHE:-$HOME/.cache/samsara}
DEST="$CACHE/support-wheels"
WHEEL="$DEST/sudachidict_core-20261015-py3-none-any.whl"
SHA256=6d7774b518e64c88a0578975d569590b3dae3b3c834f166486aa611879ee9d98
if [ ! -f "$WHEEL" ] || [ "$(sha256sum "$WHEEL" | cut -d' ' -f1)" != "$SHA256" ]; then
  mkdir -p "$DEST"
  VPY=$(bash "$ROOT/scripts/build-python.sh" --print-python)
  REQ=$(mktemp)
  trap 'rm -f "$REQ"' EXIT
  echo "sudachidict-core==20261015 --hash=sha256:$SHA256" >"$REQ"
  "$VPY" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r "$REQ" -d "$DEST" >&2
fi
echo "$WHEEL"
