#!/usr/bin/env bash
# Installs feedwright from this repository's source with `cargo install
# --locked`, into a folder of its own, and puts that folder's bin/ on PATH.
# The install step of action.yml; also run by the test suite and by CI.
#
#   scripts/install.sh [--root DIR] [--cache-key]
#
#   --root DIR    where to install (DIR/bin/feedwright) [default:
#                 $FEEDWRIGHT_ROOT, else $RUNNER_TOOL_CACHE/feedwright on a
#                 GitHub runner, else ~/.feedwright]
#   --cache-key   print the key that names this source (for a cache of DIR)
#                 and exit
#
# An installed binary built from the same source (the same cache key) is
# kept: with DIR restored from a cache, nothing is compiled. On GitHub
# Actions, DIR/bin is appended to $GITHUB_PATH so later steps find
# `feedwright`. Needs `cargo` (a Rust toolchain) on PATH.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=${FEEDWRIGHT_ROOT:-}
print_key=false
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=${2:?--root needs a folder}; shift 2 ;;
    --cache-key) print_key=true; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$root" ]; then
  if [ -n "${RUNNER_TOOL_CACHE:-}" ]; then
    root="$RUNNER_TOOL_CACHE/feedwright"
  else
    root="$HOME/.feedwright"
  fi
fi

# The key: the version and a hash of everything the binary is built from.
cache_key() {
  local version hash
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$source_dir/Cargo.toml" | head -n 1)
  hash=$(cd "$source_dir" && find Cargo.toml Cargo.lock src crates -type f \
      -not -path '*/tests/*' -not -path '*/target/*' -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  echo "feedwright-$version-$(uname -s)-$(uname -m)-$hash"
}

key=$(cache_key)
if $print_key; then
  echo "$key"
  exit 0
fi

stamp="$root/.source-key"
if [ -x "$root/bin/feedwright" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
  echo "feedwright: already installed in $root (source $key)"
else
  command -v cargo >/dev/null || {
    echo "install.sh: cargo is needed (install a Rust toolchain, e.g. with rustup)" >&2
    exit 2
  }
  echo "feedwright: installing from $source_dir into $root"
  cargo install --locked --force --path "$source_dir" --root "$root"
  echo "$key" > "$stamp"
fi

if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$root/bin" >> "$GITHUB_PATH"
fi
"$root/bin/feedwright" --version
