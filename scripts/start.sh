#!/usr/bin/env bash
# `npm start`, the main job: builds everything (npm packages, the spaCy sidecar bundle, the
# TypeScript bundles, the platform VSIX), then opens VS Code on samples/ with that VSIX installed:
# code-server on 127.0.0.1, in the browser at the printed URL. Ctrl-C stops it.
# (`npm run entities` prints the entities of a file without an editor.)
#
# Env: SAMSARA_PORT (default 8080, else the next free port), SAMSARA_CACHE (where code-server is
# installed, default ~/.cache/samsara). The editor profile lives in .cache/start/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

eval "$(bash scripts/setup-e2e.sh | tail -1)"   # installs code-server (cached); sets CODE_SERVER
VSIX=$(bash scripts/package.sh | tail -1)       # setup.sh + vsce package

PROFILE="$ROOT/.cache/start"
mkdir -p "$PROFILE/user-data/User" "$PROFILE/extensions"
settings="$PROFILE/user-data/User/settings.json"
# First run only: later changes made in the editor are kept.
if [ ! -f "$settings" ]; then
  cat >"$settings" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off"
}
JSON
fi
# The freshly packaged build replaces whatever version was installed before.
"$CODE_SERVER" --install-extension "$VSIX" --force \
  --extensions-dir "$PROFILE/extensions" --user-data-dir "$PROFILE/user-data" >&2

port=${SAMSARA_PORT:-8080}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
while port_busy "$port"; do port=$((port + 1)); done

url="http://127.0.0.1:$port/?folder=$ROOT/samples"
echo
echo "Samsara is installed in VS Code (code-server $("$CODE_SERVER" --version | head -1 | cut -d' ' -f1))."
echo "Open this URL in a browser:  $url"
echo "(Ctrl-C stops it.)"
echo
# No gallery: the editor reaches nothing but 127.0.0.1.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}'
exec "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-telemetry --disable-update-check --disable-getting-started-override \
  --config "$PROFILE/config.yaml" \
  --user-data-dir "$PROFILE/user-data" --extensions-dir "$PROFILE/extensions" \
  "$ROOT/samples"
