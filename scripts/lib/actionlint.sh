# Sourced by scripts/lint.sh. ensure_actionlint: prints the path of actionlint, installing the
# pinned version from the Go module proxy into the cache the first time (about 20 s).
ACTIONLINT_VERSION=v1.7.12
ensure_actionlint() {
  local bin_dir="${SAMSARA_CACHE:-$HOME/.cache/samsara}/actionlint-$ACTIONLINT_VERSION"
  if [ ! -x "$bin_dir/actionlint" ]; then
    command -v go >/dev/null || { echo "actionlint needs Go to install (go install github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION)" >&2; return 1; }
    echo "installing actionlint $ACTIONLINT_VERSION into $bin_dir" >&2
    mkdir -p "$bin_dir"
    GOBIN="$bin_dir" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
  fi
  echo "$bin_dir/actionlint"
}
