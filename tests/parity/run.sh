#!/usr/bin/env bash
# Parity: build sites with their own generator (Hugo or Jekyll) and with
# feedwright, and compare the URL of every page that has a content file.
#
#   bash tests/parity/run.sh                  # every fixture in tests/parity/sites/
#   bash tests/parity/run.sh --site ~/my-blog # your own Hugo or Jekyll site
#
# Each site is copied to a temporary folder first (yours is never written
# to). The generator lists its pages through a template the copy is given
# (Hugo: layouts/index.html; Jekyll: a page parity-urls.txt); feedwright
# lists them with `build --print-urls`. A page is a mismatch when the two
# give it different URLs, missing when only the generator publishes it,
# extra when only feedwright does. On a Jekyll site each post's entry id in
# feedwright's Atom feed is also compared with jekyll-feed's (`post.id`). Needs `hugo` or `jekyll` on PATH (Debian:
# apt-get install hugo jekyll ruby-jekyll-feed); FEEDWRIGHT names
# the binary (default: target/release/feedwright, built if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
feedwright="${FEEDWRIGHT:-$repo/target/release/feedwright}"
if [ ! -x "$feedwright" ]; then
  (cd "$repo" && cargo build --release --quiet)
fi

sites=()
while [ $# -gt 0 ]; do
  case "$1" in
    --site) sites+=("$(cd "$2" && pwd)"); shift 2 ;;
    *) echo "usage: $0 [--site DIR]..." >&2; exit 2 ;;
  esac
done
if [ ${#sites[@]} -eq 0 ]; then
  for dir in "$here"/sites/*/; do sites+=("${dir%/}"); done
fi

# Hugo 0.111 reads HUGO_* variables as settings; none may leak in.
for var in $(env | sed -n 's/^\(HUGO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done

passed=0
failed=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for site in "${sites[@]}"; do
  name="$(basename "$site")"
  copy="$work/$name"
  rm -rf "$copy"
  mkdir -p "$copy"
  cp -a "$site/." "$copy/"
  rm -rf "$copy/public" "$copy/_site" "$copy/resources" "$copy/.jekyll-cache"
  if [ -f "$copy/_config.yml" ] || [ -f "$copy/_config.yaml" ]; then
    generator=jekyll
    cp "$here/templates/parity-urls.txt" "$copy/parity-urls.txt"
    (cd "$copy" && jekyll build --quiet --destination "$work/$name.out" >"$work/$name.log" 2>&1) || {
      echo "FAIL $name: jekyll could not build it:"; cat "$work/$name.log"; failed=$((failed + 1)); continue; }
    # Its posts' entry ids, as jekyll-feed writes them, apart.
    grep '^ID	' "$work/$name.out/parity-urls.txt" | cut -f2- >"$work/$name.generator-ids" || true
    grep -v '^ID	' "$work/$name.out/parity-urls.txt" >"$work/$name.generator" || true
  else
    generator=hugo
    mkdir -p "$copy/layouts/_default"
    cp "$here/templates/index.html" "$copy/layouts/index.html"
    for kind in single list; do
      [ -f "$copy/layouts/_default/$kind.html" ] || echo x >"$copy/layouts/_default/$kind.html"
    done
    (cd "$copy" && hugo --quiet --destination "$work/$name.out" >"$work/$name.log" 2>&1) || {
      echo "FAIL $name: hugo could not build it:"; cat "$work/$name.log"; failed=$((failed + 1)); continue; }
    find "$work/$name.out" -maxdepth 2 -name index.html -exec cat {} + >"$work/$name.generator"
  fi
  rm -f "$copy/parity-urls.txt"
  "$feedwright" build --site "$copy" --out "$work/$name.fw" --allow-empty --limit 0 \
    --now 2026-11-29T00:00:00Z --print-urls >"$work/$name.feedwright" 2>"$work/$name.fwlog" || {
    echo "FAIL $name: feedwright could not build it:"; cat "$work/$name.fwlog"; failed=$((failed + 1)); continue; }
  same_ids=0
  if [ "$generator" = jekyll ]; then
    # Every Atom feed feedwright wrote under jekyll-feed's name, each language's.
    mapfile -t atoms < <(find "$work/$name.fw" -name feed.xml | sort)
    if awk -v site="$name" -v generator="$generator" -f "$here/compare_ids.awk" \
      "$work/$name.generator-ids" "${atoms[@]}"; then
      same_ids=0
    else
      same_ids=1
    fi
  fi
  if awk -v site="$name" -v generator="$generator" -f "$here/compare.awk" \
    "$work/$name.generator" "$work/$name.feedwright" && [ "$same_ids" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "parity: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
