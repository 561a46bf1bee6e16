#!/usr/bin/env bash
# `npm run lint`: every static check of both languages and the release workflow, in one place.
#   TypeScript: prettier (format), eslint (with the import boundaries), import circles
#   (scripts/import-cycles.mjs);  Python: ruff (lint + format), mypy --strict on the sidecar
#   package (python-src/mypy.ini);  CI: actionlint.
# All checks run even when one fails. `lint.sh --fix` rewrites what the formatters can fix.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib/actionlint.sh

fix=false
[ "${1:-}" = "--fix" ] && fix=true
failed=()
check() {
  local name=$1; shift
  if ! "$@"; then failed+=("$name"); fi
}

VPY=$(bash scripts/build-python.sh --print-python) || { echo "lint: no Python venv" >&2; exit 1; }
RUFF=("$VPY" -m ruff)
PY_PATHS=(python-src bench/sidecar_bench.py bench/sidecar_corpus.py bench/bundle_compare.py bench/cjk_silver_pipeline.py)
if $fix; then
  npx prettier --write --log-level warn .
  "${RUFF[@]}" check --fix --config python-src/ruff.toml "${PY_PATHS[@]}"
  "${RUFF[@]}" format --config python-src/ruff.toml "${PY_PATHS[@]}"
fi
check prettier npx prettier --check --log-level warn .
check eslint npx eslint --no-error-on-unmatched-pattern client server shared cli test scripts bench
check import-cycles node scripts/import-cycles.mjs
check ruff "${RUFF[@]}" check --config python-src/ruff.toml "${PY_PATHS[@]}"
check ruff-format "${RUFF[@]}" format --check --config python-src/ruff.toml "${PY_PATHS[@]}"
check mypy bash -c 'cd python-src && "$1" -m mypy --config-file mypy.ini' mypy "$VPY"
if actionlint=$(ensure_actionlint); then
  check actionlint "$actionlint" -no-color
else
  failed+=(actionlint)
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "lint: failed: ${failed[*]}" >&2
  exit 1
fi
echo "lint: clean (prettier, eslint, import cycles, ruff, ruff format, mypy, actionlint)"
