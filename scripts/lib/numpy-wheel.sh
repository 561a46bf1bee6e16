# Sourced by build-python.sh. numpy for the Linux bundle, built from its sdist without BLAS/LAPACK.
# Why: numpy's manylinux/musllinux wheels carry OpenBLAS linked to libgfortran and, on x86_64, to
# libquadmath (LGPL-2.1+), and the bundle ships no GPL/LGPL library (test_bundle_licences.py).
# spaCy needs no BLAS from numpy: thinc multiplies matrices with blis, and numpy falls back to its
# bundled lapack_lite. The build also drops ~28 MB of OpenBLAS from the bundle.
# macOS and Windows keep PyPI's wheels (Accelerate; an OpenBLAS DLL with no libquadmath): see the
# notes in .github/workflows/release.yml.
# The wheel takes a few minutes to compile, once per numpy version, Python and platform: it is kept
# in $CACHE/wheels (the setup cache), and this file's hash is part of the venv key.
NUMPY_NOBLAS_ARGS=(
  -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none -Csetup-args=-Dallow-noblas=true
  # The C++ SIMD sorting kernels (Highway, x86-simd-sort) are most of the compile time and speed
  # up only np.sort/argsort, which spaCy does not use on its hot path; the SIMD test module is unused.
  -Csetup-args=-Ddisable-highway=true -Csetup-args=-Ddisable-intel-sort=true -Csetup-args=-Dtest-simd=[]
)

# numpy_noblas_wheel PYTHON CACHE CONSTRAINTS: sets NUMPY_WHEEL to the wheel's path, building it
# if needed (called directly, not in $(...), so that set -e stops the build on a failure).
numpy_noblas_wheel() {
  local py=$1 cache=$2 version tag dir wheel
  version=$(sed -n 's/^numpy==\([^ ]*\).*/\1/p' "$3")
  [ -n "$version" ] || { echo "numpy-wheel: no numpy==VERSION pin in $3" >&2; return 1; }
  # e.g. cp311-linux-x86_64-glibc: a musl (Alpine) build must not reuse a glibc one.
  tag=$("$py" -c 'import platform, sys, sysconfig; v = sys.version_info
print("cp%d%d-%s-%s" % (v.major, v.minor, sysconfig.get_platform(), platform.libc_ver()[0] or "musl"))') || return 1
  dir="$cache/wheels/numpy-$version-noblas-$tag"
  wheel=$(find "$dir" -maxdepth 1 -name "numpy-$version-*.whl" 2>/dev/null | head -n 1)
  if [ -z "$wheel" ]; then
    echo "numpy-wheel: compiling numpy $version without BLAS (once per version; a few minutes)" >&2
    rm -rf "$dir.tmp"
    "$py" -m pip wheel --quiet --no-deps --no-binary numpy "numpy==$version" -w "$dir.tmp" "${NUMPY_NOBLAS_ARGS[@]}" >&2 || return 1
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"   # only a finished build counts
    wheel=$(find "$dir" -maxdepth 1 -name "numpy-$version-*.whl" | head -n 1)
    [ -n "$wheel" ] || { echo "numpy-wheel: pip wheel left no wheel in $dir" >&2; return 1; }
  fi
  NUMPY_WHEEL=$wheel
}
