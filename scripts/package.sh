#!/usr/bin/env bash
# `npm run package`: builds everything (npm deps, the PyInstaller sidecar bundle, the TypeScript
# bundles) and packs a platform-specific VSIX for this machine into dist/samsara-<target>.vsix.
# The sidecar bundle is native code, so each platform gets its own VSIX, built on that platform.
# SAMSARA_VSIX_TARGET=universal packs one without a sidecar, for platforms with no bundle.
# Also: prints the bundle's glibc floor on Linux (SAMSARA_GLIBC_FLOOR=2.28: fails above it, as the
# release does); writes THIRD_PARTY_NOTICES.txt from the bundle; fills repository/bugs/homepage
# and makes the README's pictures and links absolute from SAMSARA_REPOSITORY_URL (the release
# passes its own; else the git remote `origin` when it is https; else none: see
# scripts/lib/packaged-readme.mjs). Prints the VSIX path as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

# vsce's --target names for this machine (PyInstaller cannot cross-compile).
target="${SAMSARA_VSIX_TARGET:-}"
if [ -z "$target" ]; then
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) os=win32 ;;
    *) echo "package: unsupported OS $(uname -s)" >&2; exit 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    armv7l) arch=armhf ;;
    *) echo "package: unsupported CPU $(uname -m)" >&2; exit 1 ;;
  esac
  target="$os-$arch"
  # Alpine's musl needs its own target.
  if [ "$os" = linux ] && [ -f /etc/alpine-release ]; then target="alpine-$arch"; fi
fi

# SAMSARA_SKIP_SETUP=1: the caller built everything already (the release workflow does, with the
# platform's own bundle script on Windows).
[ "${SAMSARA_SKIP_SETUP:-}" = 1 ] || bash scripts/setup.sh >&2

universal=false
[ "$target" = universal ] && universal=true
if ! $universal; then
  exe=python-dist/samsara-sidecar/samsara-sidecar
  [ "$target" = "${target#win32}" ] || exe="$exe.exe"
  [ -f "$exe" ] || { echo "package: the sidecar bundle $exe is missing (scripts/build-python.sh)" >&2; exit 1; }
fi
[ -f dist/server.js ] && [ -f dist/client.js ] && [ -f dist/cli.js ] || { echo "package: dist/ bundles missing" >&2; exit 1; }

# The C library the Linux bundle needs (PyInstaller bundles run only where glibc is as new).
case "$target" in
  linux-*)
    # shellcheck source=lib/apt-packages.sh
    command -v objdump >/dev/null 2>&1 || { . scripts/lib/apt-packages.sh && ensure_debian_packages binutils; }
    bash scripts/glibc-floor/check.sh python-dist/samsara-sidecar ${SAMSARA_GLIBC_FLOOR:+--max "$SAMSARA_GLIBC_FLOOR"} >&2 ;;
esac

# Third-party notices: the bundle's own metadata (Python distributions, shared libraries, model)
# and the npm packages bundled into dist/*.js.
notices=THIRD_PARTY_NOTICES.txt
{
  if ! $universal; then
    if [ "$target" = "${target#win32}" ]; then venv_python=$(bash scripts/build-python.sh --print-python)
    else venv_python=$(pwsh -NoProfile -File scripts/build-python.ps1 -PrintPython | tail -n 1); fi
    "$venv_python" python-src/build_tools/third_party_notices.py python-dist/samsara-sidecar
  fi
  node scripts/lib/npm-notices.mjs
} >"$notices"

# Where the release lives: repository, bugs and homepage in the manifest, and the README's base.
repo_url=${SAMSARA_REPOSITORY_URL:-}
if [ -z "$repo_url" ]; then
  origin=$(git remote get-url origin 2>/dev/null || true)
  case "$origin" in https://*) repo_url=${origin%.git} ;; esac
fi
repo_url=${repo_url%.git}
case "$repo_url" in
  '' | https://*) ;;
  *) echo "package: SAMSARA_REPOSITORY_URL must be an https URL, not $repo_url" >&2; exit 1 ;;
esac
case "$repo_url" in
  *.invalid/* | *example.* | *localhost*) echo "package: $repo_url is a placeholder, not a repository" >&2; exit 1 ;;
esac
ref=${SAMSARA_REPOSITORY_REF:-main}
readme=dist/README.packaged.md
node scripts/lib/packaged-readme.mjs README.md "$readme" "$repo_url" "$ref"

# The manifest is patched for packing only, and restored whatever happens.
cp package.json dist/package.json.committed
trap 'cp dist/package.json.committed package.json; rm -f dist/package.json.committed' EXIT
node -e '
  const fs = require("fs");
  const [repo] = process.argv.slice(1);
  const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"));
  if (repo) {
    manifest.repository = { type: "git", url: repo + ".git" };
    manifest.bugs = { url: repo + "/issues" };
    manifest.homepage = repo + "#readme";
  }
  fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n");
' "$repo_url"

out="dist/samsara-$target.vsix"
rm -f "$out"
# --no-dependencies: the bundles are self-contained, node_modules must not ship.
# --skip-license only when the repository has no LICENSE file yet (vsce would prompt).
flags=(--no-dependencies --readme-path "$readme" --out "$out")
[ -f LICENSE ] || [ -f LICENSE.md ] || [ -f LICENSE.txt ] || flags+=(--skip-license)
[ -n "$repo_url" ] || flags+=(--allow-missing-repository)
if $universal; then
  # No sidecar: the allowlist without python-dist/.
  grep -v '^!python-dist/' .vscodeignore >dist/.vscodeignore-universal
  flags+=(--ignoreFile dist/.vscodeignore-universal)
else
  flags+=(--target "$target")
fi
npx --no-install vsce package "${flags[@]}" >&2

bytes=$(wc -c <"$out" | tr -d ' ')
echo "package: $out ($((bytes / 1048576)) MB)${repo_url:+ for $repo_url}" >&2
echo "$out"
