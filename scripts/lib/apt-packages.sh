# Sourced by the setup scripts. ensure_debian_packages PKG...: installs the Debian packages that
# are missing (apt-get update runs only then), as root or through sudo; fails with the list when
# neither is possible.
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "missing Debian packages: ${missing[*]} (run as root or install them yourself)" >&2; return 1; }
    sudo="sudo"
  fi
  echo "installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}
