#!/usr/bin/env bash
# The performance benchmark of issues #5 and #14 (see docs/performance.md):
#
#   bash bench/run.sh [--sizes 1000,10000,100000] [--runs 5] [--dir DIR]
#                     [--jobs site,hugo-default,limit0,uncapped]
#                     [--generator gen-corpus|gen_site]
#                     [--no-hugo] [--no-baselines] [--no-single-thread]
#                     [--quiet-wait SECONDS]
#
# For each size it generates a synthetic blog (seed 1) under DIR (default
# /tmp/feedwright-bench; ~430 MB for 100,000 posts, reused while the generator
# is unchanged) with the team's ../shared/tools/gen-corpus when it is there
# (or $GEN_CORPUS), else examples/gen_site.rs (the same shape of content),
# then times, warm cache, median of --runs, the jobs asked for:
#   site:  feedwright build --sitemap --formats rss,atom (the newest 20
#          posts, sitemap: Hugo's three outputs), then with JSON Feed too
#          (the default); the same on one thread (RAYON_NUM_THREADS=1);
#          Hugo doing the same job (bench/hugo/), when `hugo` is installed;
#          the floors: read every file, and read + split + parse every front
#          matter with serde_yaml, one thread (examples/baseline.rs);
#   hugo-default: Hugo's default build (bench/hugo-default/hugo.toml: RSS of
#          the home page, each section, taxonomy and term, and the sitemap)
#          and feedwright doing that job (bench/hugo-default/feedwright.yaml:
#          the same feeds at Hugo's paths, the newest 20 each, and the
#          sitemap); checks that every feedwright feed's entries are the
#          newest of Hugo's same file, in the same order;
#   limit0: feedwright build --limit 0 (every post wanted, 5,000,000 bytes
#          per feed), sizes up to 10,000;
#   uncapped: --limit 0 with max_feed_bytes: 0 (bench/uncapped.yaml): every
#          post's full content in one feed per format, self-check included,
#          sizes up to 10,000.
# Each measurement waits (up to --quiet-wait s, default 30) for an idle
# machine and reports the share of it other processes used meanwhile (the
# "others' load" column); CPU s is user + system.
# Timing uses hyperfine when present, else bash's clock; peak memory comes
# from GNU time (`/usr/bin/time`, Debian package `time`) when present.
# It prints a Markdown table and saves it, with the raw data, under DIR.
set -euo pipefail

sizes="1000,10000,100000"
runs=5
dir="${FEEDWRIGHT_BENCH_DIR:-/tmp/feedwright-bench}"
hugo_on=1
baselines_on=1
single_on=1
quiet_wait=30
seed=1
jobs="site,hugo-default,limit0,uncapped"
generator=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --no-hugo) hugo_on=0; shift ;;
    --no-baselines) baselines_on=0; shift ;;
    --no-single-thread) single_on=0; shift ;;
    --quiet-wait) quiet_wait="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --generator) generator="$2"; shift 2 ;;
    -h|--help) sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
job_on() { [[ ",$jobs," == *",$1,"* ]]; }
gen_corpus="${GEN_CORPUS:-$repo/../shared/tools/gen-corpus}"
if [[ -z $generator ]]; then
  if [[ -x $gen_corpus ]]; then generator=gen-corpus; else generator=gen_site; fi
fi
if [[ $generator == gen-corpus && ! -x $gen_corpus ]]; then
  echo "bench/run.sh: gen-corpus not found at $gen_corpus (set GEN_CORPUS, or --generator gen_site)" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
raw="$dir/raw"
mkdir -p "$raw"

say() { printf '%s\n' "$*" >&2; }

say "== building (release)"
cargo build --release --quiet --bin feedwright --example gen_site --example baseline
target="${CARGO_TARGET_DIR:-$repo/target}/release"
feedwright="$target/feedwright"
gen="$target/examples/gen_site"
baseline="$target/examples/baseline"

have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
# BENCH_NO_HYPERFINE=1 tries the fallback timing on a machine that has hyperfine.
[[ -n "${BENCH_NO_HYPERFINE:-}" ]] && have_hyperfine=0
have_gnu_time=0
/usr/bin/time -f '%M' true >/dev/null 2>&1 && have_gnu_time=1
have_hugo=0
if [[ $hugo_on == 1 ]]; then
  if command -v hugo >/dev/null 2>&1; then
    have_hugo=1
  else
    say "== hugo not installed: skipping the Hugo comparison (Debian: apt-get install hugo)"
  fi
fi
[[ $have_hyperfine == 1 ]] || say "== hyperfine not installed: timing with bash's clock (apt-get install hyperfine)"
[[ $have_gnu_time == 1 ]] || say "== GNU time not installed: no peak memory (apt-get install time)"

# Hugo works in copies of bench/hugo and bench/hugo-default, so it never
# writes into the repository.
hugo_site="$dir/hugo-site"
hugo_default_site="$dir/hugo-default-site"
if [[ $have_hugo == 1 ]]; then
  rm -rf "$hugo_site" "$hugo_default_site"
  cp -R "$repo/bench/hugo" "$hugo_site"
  cp -R "$repo/bench/hugo-default" "$hugo_default_site"
fi

# The machine, for the record.
machine() {
  local cpu
  cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores; memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null)"
  echo "- OS: $(uname -sr); $(rustc --version 2>/dev/null || echo rustc ?)"
  echo "- feedwright: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$repo" status --porcelain 2>/dev/null | grep -q . && echo dirty || echo clean) tree)"
  [[ $have_hugo == 1 ]] && echo "- $(hugo version 2>/dev/null | cut -d' ' -f1-2)"
  [[ $have_hyperfine == 1 ]] && echo "- $(hyperfine --version); warm cache, --warmup 1 --runs $runs, median"
  [[ $have_hyperfine == 0 ]] && echo "- bash clock; 1 warm-up run, $runs runs, median"
  echo "- content: $generator --seed $seed"
  echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# A site of $1 posts, generated again only when missing or the generator changed.
site() {
  local n="$1" root="$dir/$generator-$1"
  local stamp source
  source="$repo/examples/gen_site.rs"
  [[ $generator == gen-corpus ]] && source="$gen_corpus"
  stamp="posts=$n seed=$seed $generator=$(sha256sum "$source" | cut -c1-16)"
  if [[ "$(cat "$root/.stamp" 2>/dev/null)" != "$stamp" ]]; then
    say "== generating $n posts in $root ($generator)"
    rm -rf "$root"
    if [[ $generator == gen-corpus ]]; then
      "$gen_corpus" --posts "$n" --seed "$seed" --out "$root" >&2
    else
      "$gen" --posts "$n" --seed "$seed" --out "$root"
    fi
    echo "$stamp" > "$root/.stamp"
  fi
  echo "$root"
}

# median_of FILE: the median of the numbers in FILE, one per line.
median_of() {
  sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# busy_jiffies: "busy total" CPU jiffies of the whole machine so far (/proc/stat).
busy_jiffies() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}

# wait_quiet: waits (up to --quiet-wait seconds) for a second in which the machine is at least
# 90% idle, since other programs on a 2-core machine skew every figure.
wait_quiet() {
  local i a b idle
  for ((i = 0; i < quiet_wait; i++)); do
    a=($(busy_jiffies)); sleep 1; b=($(busy_jiffies))
    idle=$(awk -v bb="${b[0]}" -v ba="${a[0]}" -v tb="${b[1]}" -v ta="${a[1]}" 'BEGIN { t = tb - ta; print (t > 0) ? int(100 * (1 - (bb - ba) / t)) : 100 }')
    ((idle >= 90)) && return 0
    ((i == 0)) && say "   waiting for the machine to be idle (now ${idle}% idle)"
  done
  say "   the machine stayed busy: figures will be noisy"
}

# measure KEY PREPARE COMMAND: sets $median, $low/$high and $cpu (user + system,
# mean, seconds), $rss_mb and $others (the share of the machine other processes
# used meanwhile). PREPARE runs before every run (unmeasured).
measure() {
  local key="$1" prepare="$2" cmd="$3"
  say "-- $key: $cmd"
  wait_quiet
  local before after wall_start wall_end
  before=($(busy_jiffies)); wall_start=$(date +%s%N)
  cpu="n/a"
  if [[ $have_hyperfine == 1 ]]; then
    hyperfine --style basic --warmup 1 --runs "$runs" --prepare "$prepare" \
      --export-json "$raw/$key.json" --command-name "$key" "$cmd" >&2
    median="$(grep -o '"median": *[0-9.eE+-]*' "$raw/$key.json" | head -1 | sed 's/.*: *//')"
    low="$(grep -o '"min": *[0-9.eE+-]*' "$raw/$key.json" | head -1 | sed 's/.*: *//')"
    high="$(grep -o '"max": *[0-9.eE+-]*' "$raw/$key.json" | head -1 | sed 's/.*: *//')"
    cpu="$(awk -v u="$(grep -o '"user": *[0-9.eE+-]*' "$raw/$key.json" | head -1 | sed 's/.*: *//')" \
               -v s="$(grep -o '"system": *[0-9.eE+-]*' "$raw/$key.json" | head -1 | sed 's/.*: *//')" \
               'BEGIN { print u + s }')"
  else
    local times="$raw/$key.times" i start end
    : > "$times"
    for ((i = 0; i <= runs; i++)); do
      bash -c "$prepare"
      start=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1
      end=$(date +%s%N)
      # Run 0 is the warm-up.
      ((i > 0)) && echo "$(( (end - start) / 1000 ))e-6" >> "$times"
    done
    median="$(median_of "$times")"
    low="$(sort -g "$times" | head -1)"
    high="$(sort -g "$times" | tail -1)"
  fi
  rss_mb="n/a"
  if [[ $have_gnu_time == 1 ]]; then
    bash -c "$prepare"
    /usr/bin/time -f '%M %U %S' -o "$raw/$key.rss" bash -c "exec $cmd" >/dev/null 2>&1
    rss_mb="$(awk '{ printf "%.0f", $1 / 1024 }' "$raw/$key.rss")"
    if [[ $cpu == "n/a" ]]; then cpu="$(awk '{ print $2 + $3 }' "$raw/$key.rss")"; fi
  fi
  after=($(busy_jiffies)); wall_end=$(date +%s%N)
  # Others' share = machine busy time minus our own runs' CPU time (warm-up, runs, memory run).
  others="$(awk -v bb="${after[0]}" -v ba="${before[0]}" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" \
    -v wall="$(( (wall_end - wall_start) / 1000000 ))" -v cpu="$cpu" -v n="$((runs + 2))" \
    'BEGIN { own = (cpu == "n/a") ? 0 : cpu * n; o = ((bb - ba) / hz - own) / (wall / 1000 * cores);
             if (o < 0) o = 0; printf "%.0f%%", 100 * o }')"
  return 0
}

# row N MB WHAT REFERENCE: one line of the table for the last measure.
row() {
  local cpu_s="n/a"
  [[ $cpu != "n/a" ]] && cpu_s="$(fmt_s "$cpu")"
  echo "| $1 | $2 | $3 | $(fmt_s "$median") | $(fmt_s "$low")–$(fmt_s "$high") | $cpu_s | $rss_mb | $(ratio "$median" "$4") | $others |" >> "$table.tmp"
}

fmt_s() { awk -v t="$1" 'BEGIN { printf "%.3f", t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "-" }'; }

table="$dir/results.md"
{
  echo "### Machine"
  echo
  machine
  echo
  echo "### Results"
  echo
  echo "| posts | MB | what | median s | min–max s | CPU s | peak RSS MB | ÷ feedwright | others' load |"
  echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|"
} > "$table.tmp"
checks=""

# every_entry_job KEY WHAT GOAL ARGS: feedwright --limit 0 with ARGS on the
# site of $n posts: one row (the entries per format, the megabytes written)
# and one line against GOAL (at 10,000 posts).
every_entry_job() {
  local key="$1" what="$2" goal="$3" args="$4"
  local job_out="$dir/$key-out-$n" entries written_mb
  measure "feedwright-$key-$n" "rm -rf $job_out" "$feedwright $fw_common --out $job_out --limit 0 $args"
  entries="$(grep -c '<item>' "$job_out/rss.xml" || true)"
  written_mb="$(du -cb "$job_out"/* | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }')"
  row "$n" "$mb" "feedwright $what ($entries entries per format, $written_mb MB)" "${fw:-$median}"
  checks+="- $n posts, $what: $(fmt_s "$median") s for $written_mb MB written, self-check included (goal at 10,000: $goal), peak RSS $rss_mb MB"$'\n'
}

IFS=',' read -r -a size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  root="$(site "$n")"
  content="$root/content"
  mb="$(du -sb "$content" | awk '{ printf "%.1f", $1 / 1e6 }')"
  out="$dir/out-$n"
  # --site: the generated site is the site (no feedwright.yaml there), so the
  # repository's own feedwright.yaml (the sample site's) is never read.
  fw_common="build --site $root --content $content --now 2026-01-01T00:00:00Z"
  fw_args="$fw_common --out $out --base-url https://bench.example.org/ --sitemap"
  fw=""

  if job_on site; then
  # Issue 5's job is Hugo's three outputs (RSS, Atom, sitemap): the ratio
  # to Hugo is taken on that, like for like; the default build, which also
  # writes JSON Feed, is the row after it.
  measure "feedwright-$n" "rm -rf $out" "$feedwright $fw_args --formats rss,atom"
  fw="$median"
  fw_rss="$rss_mb"
  row "$n" "$mb" "feedwright build --sitemap --formats rss,atom" "$fw"
  measure "feedwright-json-$n" "rm -rf $out" "$feedwright $fw_args"
  row "$n" "$mb" "feedwright build --sitemap (RSS, Atom, JSON Feed)" "$fw"

  if [[ $single_on == 1 ]]; then
    measure "feedwright-1thread-$n" "rm -rf $out" "env RAYON_NUM_THREADS=1 $feedwright $fw_args"
    row "$n" "$mb" "feedwright, one thread" "$fw"
  fi

  if [[ $have_hugo == 1 ]]; then
    hugo_out="$dir/hugo-out-$n"
    measure "hugo-$n" "rm -rf $hugo_out" \
      "hugo --source $hugo_site --contentDir $content --destination $hugo_out --cacheDir $dir/hugo-cache --noBuildLock --quiet"
    hugo_s="$median"
    row "$n" "$mb" "Hugo, same three outputs" "$fw"
    # Same job: the same feed entries in the same order, the same sitemap URLs.
    fw_items="$(grep -o '<guid[^>]*>[^<]*' "$out/rss.xml" | sed 's/.*>//' | tr '\n' ' ')"
    hugo_items="$(grep -o '<guid[^>]*>[^<]*' "$hugo_out/rss.xml" | sed 's/.*>//' | tr '\n' ' ')"
    [[ "$fw_items" == "$hugo_items" ]] || say "!! $n posts: Hugo's feed entries differ from feedwright's"
    fw_urls="$(cat "$out"/sitemap*.xml | grep -c '<loc>' || true)"
    hugo_urls="$(grep -c '<loc>' "$hugo_out/sitemap.xml" || true)"
    say "   sitemap URLs: feedwright $fw_urls (incl. sitemap index entries), Hugo $hugo_urls"
    checks+="- $n posts: Hugo / feedwright = $(ratio "$hugo_s" "$fw") (goal at 10,000: ≥ 15×)"$'\n'
  fi

  if [[ $baselines_on == 1 ]]; then
    measure "read-$n" "true" "$baseline read $content"
    row "$n" "$mb" "read every file, one thread" "$fw"
    measure "yaml-$n" "true" "$baseline yaml $content"
    yaml_s="$median"
    row "$n" "$mb" "read + split + serde_yaml front matter, one thread" "$fw"
    checks+="- $n posts: feedwright $(fmt_s "$fw") s vs read+split+parse floor $(fmt_s "$yaml_s") s (goal: feedwright ≤ floor)"$'\n'
  fi
  if [[ $n == 100000 ]]; then
    checks+="- 100000 posts: feedwright $(fmt_s "$fw") s (goal < 1.5 s), peak RSS $fw_rss MB (goal < 150 MB)"$'\n'
  fi
  fi # site

  if job_on hugo-default; then
    hd_out="$dir/hd-out-$n"
    measure "feedwright-hugo-default-$n" "rm -rf $hd_out" \
      "$feedwright $fw_common --out $hd_out --config $repo/bench/hugo-default/feedwright.yaml --sitemap"
    hd_fw="$median"
    hd_rss="$rss_mb"
    row "$n" "$mb" "feedwright, Hugo-default job ($(find "$hd_out" -name '*.xml' | wc -l) files)" "$hd_fw"
    if [[ $have_hugo == 1 ]]; then
      hugo_hd_out="$dir/hugo-hd-out-$n"
      measure "hugo-default-$n" "rm -rf $hugo_hd_out" \
        "hugo --source $hugo_default_site --contentDir $content --destination $hugo_hd_out --cacheDir $dir/hugo-cache --noBuildLock --quiet"
      hugo_hd="$median"
      row "$n" "$mb" "Hugo's default build ($(find "$hugo_hd_out" -name '*.xml' | wc -l) files)" "$hd_fw"
      # Same feeds: every feed feedwright wrote is at the same path in Hugo's
      # output and holds the newest of Hugo's entries, in the same order.
      same=0 differ=0
      while IFS= read -r f; do
        mine="$(grep -o '<guid[^>]*>[^<]*' "$hd_out/$f" | sed 's/.*>//')"
        k="$(printf '%s\n' "$mine" | wc -l)"
        theirs="$(grep -o '<guid[^>]*>[^<]*' "$hugo_hd_out/$f" 2>/dev/null | sed 's/.*>//' | awk -v k="$k" 'NR <= k')"
        if [[ "$mine" == "$theirs" ]]; then same=$((same + 1)); else differ=$((differ + 1)); say "!! $f: entries differ from Hugo's"; fi
      done < <(cd "$hd_out" && find . -name 'index.xml' | sort)
      say "   $same feeds hold Hugo's newest entries in Hugo's order, $differ differ; Hugo also writes $(cd "$hugo_hd_out" && find . -name index.xml | wc -l) feeds (its taxonomy lists' besides)"
      checks+="- $n posts, Hugo-default job: Hugo $(fmt_s "$hugo_hd") s / feedwright $(fmt_s "$hd_fw") s = $(ratio "$hugo_hd" "$hd_fw") (goal at 10,000: ≥ 20×); peak RSS $hd_rss MB; $same feeds the same as Hugo's, $differ differ"$'\n'
    fi
    if [[ $n == 100000 ]]; then
      checks+="- 100000 posts, Hugo-default job: feedwright $(fmt_s "$hd_fw") s (goal < 2 s), peak RSS $hd_rss MB (goal < 250 MB)"$'\n'
    fi
  fi

  if job_on limit0 && ((n <= 10000)); then
    every_entry_job limit0 "--limit 0" "< 0.15 s" "--base-url https://bench.example.org/"
  fi
  if job_on uncapped && ((n <= 10000)); then
    every_entry_job uncapped "--limit 0, max_feed_bytes: 0" "< 1 s" "--config $repo/bench/uncapped.yaml"
  fi
done

{
  cat "$table.tmp"
  if [[ -n "$checks" ]]; then
    echo
    echo "### Against the goals of issues #5 and #14"
    echo
    printf '%s' "$checks"
  fi
} > "$table"
rm -f "$table.tmp"
cp "$table" "$raw/results-$(date -u +%Y%m%dT%H%M%SZ).md"
echo
cat "$table"
say ""
say "saved: $table (raw data under $raw)"
