#!/usr/bin/env bash
# `npm run package`: builds everything (npm deps, the PyInstaller sidecar bundle, the TypeScript
# bundles) and packs a platform-specific VSIX for this machine into dist/samsara-<target>.vsix.
# The sidecar bundle is native code, so each platform gets its own VSIX, built on that platform.
# Prints the VSIX path as its last line.
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

exe=python-dist/samsara-sidecar/samsara-sidecar
[ "$target" = "${target#win32}" ] || exe="$exe.exe"
[ -f "$exe" ] || { echo "package: the sidecar bundle $exe is missing (scripts/build-python.sh)" >&2; exit 1; }
[ -f dist/server.js ] && [ -f dist/client.js ] || { echo "package: dist/ bundles missing" >&2; exit 1; }

out="dist/samsara-$target.vsix"
rm -f "$out"
# --no-dependencies: the bundles are self-contained, node_modules must not ship.
# --skip-license only when the repository has no LICENSE file yet (vsce would prompt).
license_flag=()
[ -f LICENSE ] || [ -f LICENSE.md ] || [ -f LICENSE.txt ] || license_flag=(--skip-license)
npx --no-install vsce package --no-dependencies --target "$target" "${license_flag[@]}" \
  --baseImagesUrl "https://example.invalid/samsara/raw/main/" --out "$out" >&2

bytes=$(wc -c <"$out" | tr -d ' ')
echo "package: $out ($((bytes / 1048576)) MB)" >&2
echo "$out"
