#!/usr/bin/env bash
# Where a build's time goes (see docs/performance.md):
#
#   bash bench/profile.sh [--posts 100000] [--callgrind-posts 10000] [--dir DIR]
#
# Builds feedwright with debug info (its own target folder, same optimisation),
# then, on sites from bench/run.sh's generator:
#   - perf (sampling the cpu-clock software event, which works in VMs without
#     hardware counters) on the --posts site: wall-clock view, kernel included;
#   - callgrind on the --callgrind-posts site: exact instruction counts, which
#     other load on the machine cannot skew.
# Each tool is skipped, saying so, when it is not installed (Debian packages
# linux-perf and valgrind). Reports are written under DIR/profile/.
set -euo pipefail

posts=100000
cg_posts=10000
dir="${FEEDWRIGHT_BENCH_DIR:-/tmp/feedwright-bench}"
seed=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --posts) posts="$2"; shift 2 ;;
    --callgrind-posts) cg_posts="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/profile.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mkdir -p "$dir/profile"
dir="$(cd "$dir" && pwd)"
out="$dir/profile"
say() { printf '%s\n' "$*" >&2; }

say "== building with debug info (target/profiling)"
# The release profile, plus symbols and line tables for the profilers.
CARGO_PROFILE_RELEASE_DEBUG=true CARGO_PROFILE_RELEASE_STRIP=none \
  CARGO_TARGET_DIR="$repo/target/profiling" \
  cargo build --release --quiet --bin feedwright --example gen_site
bin="$repo/target/profiling/release/feedwright"
gen="$repo/target/profiling/release/examples/gen_site"

site() {
  local n="$1" root="$dir/posts-$1" stamp
  stamp="posts=$n seed=$seed gen=$(sha256sum "$repo/examples/gen_site.rs" | cut -c1-16)"
  if [[ "$(cat "$root/.stamp" 2>/dev/null)" != "$stamp" ]]; then
    say "== generating $n posts in $root"
    rm -rf "$root"
    "$gen" --posts "$n" --seed "$seed" --out "$root"
    echo "$stamp" > "$root/.stamp"
  fi
  echo "$root/content"
}

build_args() {
  echo "build --content $1 --out $out/public-$2 --base-url https://bench.example.org/ --now 2026-01-01T00:00:00Z --sitemap"
}

if command -v perf >/dev/null 2>&1 && perf record -e cpu-clock -o /dev/null -- true >/dev/null 2>&1; then
  content="$(site "$posts")"
  # shellcheck disable=SC2046
  "$bin" $(build_args "$content" "$posts") 2>/dev/null # warm the page cache
  say "== perf record, $posts posts"
  # shellcheck disable=SC2046
  perf record -q -F 1999 -e cpu-clock --call-graph dwarf,16384 -o "$out/perf-$posts.data" -- \
    "$bin" $(build_args "$content" "$posts") 2>/dev/null
  perf report -i "$out/perf-$posts.data" --no-children --sort dso,symbol --stdio -g none \
    --percent-limit 0.5 2>/dev/null | grep -v '^$' > "$out/perf-$posts-self.txt"
  perf report -i "$out/perf-$posts.data" --children --sort symbol --stdio -g none --percent-limit 2 \
    2>/dev/null | grep -v '^$' > "$out/perf-$posts-inclusive.txt"
  perf report -i "$out/perf-$posts.data" --no-children --sort pid --stdio -g none 2>/dev/null \
    | { grep -v '^$' || true; } > "$out/perf-$posts-threads.txt"
  say "   $out/perf-$posts-self.txt, -inclusive.txt, -threads.txt"
else
  say "== perf not usable here: skipped (Debian: apt-get install linux-perf)"
fi

if command -v valgrind >/dev/null 2>&1; then
  content="$(site "$cg_posts")"
  say "== callgrind, $cg_posts posts (one thread: callgrind runs threads one at a time anyway)"
  # shellcheck disable=SC2046
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out/callgrind-$cg_posts.out" \
    "$bin" $(build_args "$content" "$cg_posts") 2>"$out/callgrind-$cg_posts.log"
  # Whole reports into files (a `| head` would kill the annotator under pipefail).
  callgrind_annotate --inclusive=no "$out/callgrind-$cg_posts.out" \
    > "$out/callgrind-$cg_posts-self.txt" 2>/dev/null
  callgrind_annotate --inclusive=yes "$out/callgrind-$cg_posts.out" \
    > "$out/callgrind-$cg_posts-inclusive.txt" 2>/dev/null
  say "   $out/callgrind-$cg_posts-self.txt, -inclusive.txt"
else
  say "== valgrind not installed: callgrind skipped (Debian: apt-get install valgrind)"
fi
