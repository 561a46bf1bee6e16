#!/usr/bin/env bash
# Installs and builds everything the tests and the main job need; each step is cached.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm packages: reinstall only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# Neovim: the integration suite shows the server works with a second, non-VS Code LSP client.
source scripts/lib/apt-packages.sh
ensure_debian_packages neovim
# C/C++ compilers and Python's headers: build-python.sh compiles numpy without BLAS once per numpy version (cached).
ensure_debian_packages gcc g++ python3-dev
bash scripts/build-python.sh   # venv, model, PyInstaller bundle (skips when python-src/ is unchanged)
bash scripts/fetch-test-pipeline.sh >/dev/null   # the French pipeline wheel the language tests install
bash scripts/fetch-sudachidict.sh >/dev/null     # Sudachi's dictionary wheel the Japanese tests unpack
node scripts/build-ts.mjs       # client + server bundles
