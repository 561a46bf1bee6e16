#!/usr/bin/env bash
# Proof of the glibc floor (not part of `npm test`: it takes many minutes). In a Debian 11 root
# (bullseye, glibc 2.31, made once with debootstrap and cached):
#   1. builds CPython 3.11 from Debian's own source tarball (bullseye ships only 3.9, and the
#      pinned dependency set needs 3.11: numpy 2.4 requires it, build-python.sh checks for it);
#   2. builds the sidecar bundle there with the repository's scripts/build-python.sh;
#   3. runs that bundle's handshake and one analysis inside the root and on this machine;
#   4. runs this checkout's bundle (python-dist/, built on this machine) inside the root and shows
#      that the older C library refuses it.
# The release workflow does the same on a manylinux_2_28 image (glibc 2.28); this script is the
# proof that building on an old base is what sets the floor. Needs root (debootstrap, chroot).
# Env: SAMSARA_CACHE (default ~/.cache/samsara; the root lives in $SAMSARA_CACHE/debian11-root),
# SAMSARA_TODAY_BUNDLE (the bundle built on this machine; default this checkout's python-dist).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${SAMSARA_CACHE:-$HOME/.cache/samsara}
ROOTFS="$CACHE/debian11-root"
TODAY=${SAMSARA_TODAY_BUNDLE:-$REPO/python-dist/samsara-sidecar}
MIRROR=http://deb.debian.org/debian
# Debian 12's python3.11 source package: its .orig tarball is CPython 3.11.2's own release tarball.
PY_URL="$MIRROR/pool/main/p/python3.11/python3.11_3.11.2.orig.tar.gz"
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
PY_PREFIX=/opt/python3.11

say() { printf '\n== %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { echo "debian11.sh: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
# shellcheck source=../lib/apt-packages.sh
. "$REPO/scripts/lib/apt-packages.sh"
ensure_debian_packages debootstrap binutils

mkdir -p "$CACHE"
exec 8>"$CACHE/debian11-root.lock"
flock 8

say "Debian 11 root: $ROOTFS"
if [ ! -f "$ROOTFS/.samsara-complete" ]; then
  rm -rf "$ROOTFS"
  # Build tools and the headers of the C libraries CPython's modules use. No libreadline-dev and no
  # libncurses-dev: those modules stay unbuilt, as the bundle excludes them anyway (GPL).
  debootstrap --variant=minbase \
    --include=build-essential,ca-certificates,curl,libssl-dev,zlib1g-dev,libffi-dev,libbz2-dev,liblzma-dev,uuid-dev,binutils,util-linux \
    bullseye "$ROOTFS" "$MIRROR" >"$CACHE/debian11-debootstrap.log" 2>&1 ||
    { tail -n 20 "$CACHE/debian11-debootstrap.log" >&2; exit 1; }
  touch "$ROOTFS/.samsara-complete"
fi
chroot "$ROOTFS" ldd --version | head -n 1

# The root sees the host's name resolution and CA bundle (for pip), /proc and /dev.
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/samsara-host-ca.crt"
mounted=()
cleanup() { local m; for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
for fs in proc dev; do
  if ! mountpoint -q "$ROOTFS/$fs"; then
    if [ "$fs" = proc ]; then mount -t proc proc "$ROOTFS/proc"; else mount --bind /dev "$ROOTFS/dev"; fi
    mounted+=("$ROOTFS/$fs")
  fi
done
in_root() {
  chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 \
    PIP_CERT=/etc/ssl/certs/samsara-host-ca.crt SSL_CERT_FILE=/etc/ssl/certs/samsara-host-ca.crt "$@"
}

say "CPython 3.11 in the root ($PY_PREFIX)"
if [ ! -x "$ROOTFS$PY_PREFIX/bin/python3.11" ]; then
  mkdir -p "$ROOTFS/build"
  curl -fsSL -o "$ROOTFS/build/python.tar.gz" "$PY_URL"
  echo "$PY_SHA256  $ROOTFS/build/python.tar.gz" | sha256sum -c --quiet
  # --enable-shared: PyInstaller bundles libpython; the rpath lets the interpreter find it.
  in_root bash -c "set -e; cd /build && rm -rf Python-3.11.2 && tar xzf python.tar.gz && cd Python-3.11.2 &&
    ./configure --prefix=$PY_PREFIX --enable-shared LDFLAGS=-Wl,-rpath,$PY_PREFIX/lib >/build/configure.log 2>&1 &&
    nice -n 10 make -j2 >/build/make.log 2>&1 && make install >/build/install.log 2>&1" ||
    { tail -n 30 "$ROOTFS/build/"*.log >&2; exit 1; }
fi
in_root "$PY_PREFIX/bin/python3.11" -VV

say "Sidecar bundle built in the root"
src="$ROOTFS/src/samsara"
rm -rf "$src/python-src" "$src/scripts"
mkdir -p "$src/scripts" "$ROOTFS/cache"
cp -a "$REPO/python-src" "$src/python-src"
cp -a "$REPO/scripts/build-python.sh" "$src/scripts/"
find "$src/python-src" -name __pycache__ -prune -exec rm -rf {} +
# The staged model (the same files whatever the base); staging fetches it when it is missing.
[ -d "$CACHE/model" ] && [ ! -d "$ROOTFS/cache/model" ] && cp -a "$CACHE/model" "$ROOTFS/cache/model"
in_root env SAMSARA_PYTHON="$PY_PREFIX/bin/python3.11" SAMSARA_CACHE=/cache \
  nice -n 10 bash /src/samsara/scripts/build-python.sh
old_base_bundle="$src/python-dist/samsara-sidecar"
bash "$REPO/scripts/glibc-floor/check.sh" "$old_base_bundle" --max 2.31

cp "$REPO/scripts/glibc-floor/converse.py" "$src/converse.py"
say "Old-base bundle inside Debian 11"
in_root "$PY_PREFIX/bin/python3.11" /src/samsara/converse.py /src/samsara/python-dist/samsara-sidecar/samsara-sidecar
say "Old-base bundle on this machine ($(ldd --version | head -n 1))"
python3 "$REPO/scripts/glibc-floor/converse.py" "$old_base_bundle/samsara-sidecar"

say "Today's bundle (built on this machine: $TODAY) inside Debian 11"
bash "$REPO/scripts/glibc-floor/check.sh" "$TODAY" || true
rm -rf "$ROOTFS/today"
cp -a "$TODAY" "$ROOTFS/today"
if in_root bash -c 'printf "{\"id\":\"b\",\"action\":\"shutdown\"}\n" | /today/samsara-sidecar' >/tmp/samsara-debian11-today.out 2>&1; then
  echo "  unexpectedly started:"; head -n 3 /tmp/samsara-debian11-today.out; exit 1
fi
echo "  refused (as expected):"
grep -m 3 -E 'GLIBC|error' /tmp/samsara-debian11-today.out | sed 's/^/    /' || head -n 3 /tmp/samsara-debian11-today.out
rm -rf "$ROOTFS/today"
say "done: the old-base bundle runs on Debian 11 and here; today's is refused on Debian 11"
