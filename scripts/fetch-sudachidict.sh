#!/usr/bin/env bash
# Fetches Sudachi's dictionary wheel the Japanese tests use (sudachidict_core 20261015, 77 MB;
# 198 MB unpacked) into the cache, once, and prints the wheel's path. spaCy's Japanese pipelines
# need it (sudachipy.Dictionary() imports the sudachidict_core package); the bundle never carries
# it: the server fetches it with the Japanese pipeline and hands it to the sidecar through
# SAMSARA_SUPPORT_PACKAGES, and the tests unpack this wheel the same way. Downloaded only, never
# installed: in the build venv, PyInstaller would see it. The sha256 is PyPI's; pip refuses others.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SAMSARA_CACHE:-$HOME/.cache/samsara}
# shellcheck source=lib/fetch-wheel.sh
source "$ROOT/scripts/lib/fetch-wheel.sh"
fetch_wheel "$ROOT" "$CACHE/support-wheels" sudachidict_core-20261015-py3-none-any.whl sudachidict-core==20261015 \
  6d7774b518e64c88a0578975d569590b3dae3b3c834f166486aa611879ee9d98
