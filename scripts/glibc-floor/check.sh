#!/usr/bin/env bash
# The C-library floor of a bundle: the highest GLIBC_x.y symbol version any ELF file in DIR needs
# (a PyInstaller bundle starts only where glibc is at least that new).
#   check.sh DIR            prints "glibc floor: 2.36 (needed by FILE)"
#   check.sh DIR --max 2.28 the same, and exits 1 when the floor is above 2.28, naming the files
# A bundle with no glibc reference at all (macOS, Windows, musl) prints "glibc floor: none".
# Reads the dynamic symbol table with objdump -T (binutils), else readelf --dyn-syms.
set -euo pipefail
dir=${1:?usage: check.sh DIR [--max X.Y]}
max=""
[ "${2:-}" = --max ] && max=${3:?--max needs a version such as 2.28}
[ -d "$dir" ] || { echo "glibc-floor: $dir is not a folder" >&2; exit 2; }

if command -v objdump >/dev/null 2>&1; then dump=(objdump -T)
elif command -v readelf >/dev/null 2>&1; then dump=(readelf --dyn-syms -W)
else echo "glibc-floor: neither objdump nor readelf (binutils) is installed" >&2; exit 2; fi

# One "VERSION FILE" line per ELF file: the highest GLIBC_ version that file references.
per_file=$(
  # Shared libraries and executables only: the data files (the model, .pyc) are most of the files.
  find "$dir" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print0 | while IFS= read -r -d '' file; do
    [ "$(head -c 4 "$file" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    top=$("${dump[@]}" "$file" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -V | tail -n 1 || true)
    [ -z "$top" ] || printf '%s %s\n' "$top" "${file#"$dir"/}"
  done | sort -V
)
if [ -z "$per_file" ]; then echo "glibc floor: none (no ELF file references glibc)"; exit 0; fi

floor=$(tail -n 1 <<<"$per_file" | cut -d' ' -f1)
needed_by=$(awk -v v="$floor" '$1 == v { print $2 }' <<<"$per_file")
echo "glibc floor: $floor (needed by $(head -n 3 <<<"$needed_by" | paste -sd, -)$([ "$(wc -l <<<"$needed_by")" -gt 3 ] && echo ', …'))"
if [ -n "$max" ] && [ "$(printf '%s\n%s\n' "$max" "$floor" | sort -V | tail -n 1)" != "$max" ]; then
  echo "glibc-floor: the bundle needs glibc $floor, above the floor of $max; files above it:" >&2
  while read -r v f; do
    [ "$(printf '%s\n%s\n' "$max" "$v" | sort -V | tail -n 1)" = "$max" ] || echo "  GLIBC_$v  $f" >&2
  done <<<"$per_file"
  exit 1
fi
