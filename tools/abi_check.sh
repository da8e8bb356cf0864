#!/usr/bin/env bash
# Compares a libaero.so with the committed ABI baseline, with libabigail's abidiff.
#
# Usage: tools/abi_check.sh [--write] LIBRARY BASELINE [DEBUG_INFO_DIR]
#
# The check passes when the library offers every function of the baseline with the same
# signature; functions it adds are listed and allowed (a minor version may add them). A
# removed function, or a changed parameter, return or public type, fails it (exit 1). Types
# defined outside the public header (the structs behind the opaque handles) are private:
# --drop-private-types with the header's directory keeps their layout out of the comparison.
#
# abidiff reads types from DWARF: LIBRARY must carry its debug info (the RelWithDebInfo
# build, installed unstripped), or DEBUG_INFO_DIR must hold its separate debug file (a
# stripped library's, as `objcopy --only-keep-debug` writes and a .gnu_debuglink names).
#
# --write rewrites BASELINE from LIBRARY instead (see `make abi-baseline`). Source paths in
# the description are made relative to the repository, so the file does not depend on where
# the tree was built.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

write=0
if [ "${1:-}" = "--write" ]; then
  write=1
  shift
fi
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
library=$1
baseline=$2
debug_dir=${3:-}
headers=$repo/include

for tool in abidw abidiff; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "abi_check: $tool is missing (Debian package abigail-tools; tools/setup.sh installs it)" >&2
    exit 1
  fi
done
if [ ! -e "$library" ]; then
  echo "abi_check: no library at $library (build and install first: make install-sdk)" >&2
  exit 1
fi

# Without DWARF abidiff still compares the symbol tables, and would pass a changed signature:
# refuse to run blind.
if [ -z "$debug_dir" ] && ! readelf -S --wide "$library" | grep -q '\.debug_info'; then
  echo "abi_check: $library has no debug info (stripped?): give the directory of its debug file" >&2
  exit 1
fi
debug_args=()
if [ -n "$debug_dir" ]; then
  debug_args=(--debug-info-dir "$debug_dir")
fi

if [ $write -eq 1 ]; then
  mkdir -p "$(dirname "$baseline")"
  tmp=$(mktemp)
  abidw --exported-interfaces-only --drop-private-types --headers-dir "$headers" \
    --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash \
    ${debug_args[@]+"${debug_args[@]}"} --out-file "$tmp" "$library"
  sed "s#path='$repo/#path='#" "$tmp" >"$baseline"
  rm -f "$tmp"
  echo "abi_check: wrote $baseline ($(grep -c '<elf-symbol ' "$baseline") functions)"
  exit 0
fi

# --d2 is the debug-info directory of the second (current) library; the baseline is XML.
debug2_args=()
if [ -n "$debug_dir" ]; then
  debug2_args=(--d2 "$debug_dir")
fi
common=(--drop-private-types --headers-dir2 "$headers" ${debug2_args[@]+"${debug2_args[@]}"})

# First the full report, added functions included, for the log.
set +e
abidiff "${common[@]}" "$baseline" "$library"
full=$?
# Then the verdict without added functions: any change left is a failure. abidiff's status
# is a bit set (1 error, 2 usage, 4 ABI change, 8 incompatible change); changed functions
# set 4 alone, so every non-zero status fails.
abidiff --no-added-syms "${common[@]}" "$baseline" "$library" >/dev/null
verdict=$?
set -e
if [ $verdict -ne 0 ]; then
  if [ $((verdict & 3)) -ne 0 ]; then
    echo "abi_check: abidiff failed (status $verdict)" >&2
  else
    echo "abi_check: $library breaks the ABI of $baseline (removed or changed functions above)" >&2
  fi
  exit 1
fi
if [ $full -ne 0 ]; then
  echo "abi_check: compatible: only added functions; record them with make abi-baseline at release"
else
  echo "abi_check: $library matches $baseline"
fi
