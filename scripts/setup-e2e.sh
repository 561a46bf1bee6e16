#!/usr/bin/env bash
# Installs what the end-to-end suite needs to run a real VS Code here: Debian's Chromium (driven
# by playwright-core), and code-server 4.100.3 (VS Code 1.100, the last line on Node 20) in a
# cache folder outside the repository. Idempotent: a second run only checks and prints the paths.
#
# Prints nothing on stdout but `CODE_SERVER=<path>` as its last line, so callers can `eval` it.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep's version inside code-server 4.100.3; its postinstall looks for this cache name.
RIPGREP_WRAPPER_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="${SAMSARA_CACHE:-$HOME/.cache/samsara}"
PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
BIN="$PREFIX/node_modules/.bin/code-server"

log() { echo "[setup-e2e] $*" >&2; }

# --- Debian packages: Chromium (with an emoji font and a Japanese one, IPA Gothic, so screenshots
# show the Japanese manuscript as a writer sees it, not as empty boxes), plus kerberos headers and
# pkg-config for a native module of code-server. apt-get update runs only when something is missing.
source scripts/lib/apt-packages.sh
ensure_debian_packages chromium fonts-noto-color-emoji fonts-ipafont-gothic libkrb5-dev pkg-config

# --- code-server, installed once into the cache and checked by running it.
if [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then
  log "code-server $CODE_SERVER_VERSION already installed in $PREFIX"
else
  mkdir -p "$CACHE"
  # Two setups at once (e.g. two worktrees) must not install into the same folder together.
  exec 9>"$CACHE/code-server.lock"
  flock 9
  if ! { [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; }; then
    log "installing code-server $CODE_SERVER_VERSION into $PREFIX (about a minute)"
    rm -rf "$PREFIX"; mkdir -p "$PREFIX"

    # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless its cache
    # already holds the release tarball; rg itself is published on npm.
    rgcache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_WRAPPER_VERSION"
    if [ ! -f "$rgcache/$RIPGREP_ASSET" ]; then
      work=$(mktemp -d)
      (cd "$work" && npm pack --silent @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf ./*.tgz)
      mkdir -p "$rgcache"
      tar czf "$rgcache/$RIPGREP_ASSET" -C "$work/package/bin" rg
      rm -rf "$work"
    fi

    # npm 11 skips dependency install scripts unless the project approves them; code-server's
    # postinstall (which installs VS Code's own dependencies) and node-pty/kerberos need them.
    cat >"$PREFIX/package.json" <<'JSON'
{
  "name": "samsara-e2e-code-server",
  "private": true,
  "description": "code-server for Samsara's end-to-end tests (created by scripts/setup-e2e.sh)"
}
JSON
    # --unsafe-perm: code-server's postinstall refuses to run as root without it.
    # npm_config_yes: node-pty's postinstall calls npx, which would otherwise prompt.
    (cd "$PREFIX" && npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm \
      --dangerously-allow-all-scripts "code-server@$CODE_SERVER_VERSION" >&2)
    "$BIN" --version >/dev/null || { log "code-server installed but does not run"; exit 1; }
  fi
  flock -u 9
fi

[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium is missing"; exit 1; }
log "code-server: $BIN ($("$BIN" --version | head -1))"
echo "CODE_SERVER=$BIN"
