# Sourced by the fetch scripts (fetch-test-pipeline.sh, fetch-sudachidict.sh).
# fetch_wheel ROOT DEST FILE REQUIREMENT SHA256: downloads one wheel from PyPI into DEST once (pip
# download with the build venv's pip: --no-deps, binary only, --require-hashes, so pip refuses any
# file whose sha256 differs), and prints DEST/FILE. A cached file is checked against SHA256 first.
fetch_wheel() {
  local root=$1 dest=$2 file=$3 requirement=$4 sha256=$5 vpy req
  if [ ! -f "$dest/$file" ] || [ "$(sha256sum "$dest/$file" | cut -d' ' -f1)" != "$sha256" ]; then
    mkdir -p "$dest"
    vpy=$(bash "$root/scripts/build-python.sh" --print-python)
    req=$(mktemp)
    echo "$requirement --hash=sha256:$sha256" >"$req"
    "$vpy" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r "$req" -d "$dest" >&2 ||
      { rm -f "$req"; return 1; }
    rm -f "$req"
  fi
  echo "$dest/$file"
}
