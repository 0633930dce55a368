# Compares two lists of `content file<TAB>URL` lines: the generator's
# (first file; Hugo's HTML-escaped) and feedwright's (second file). A file
# may appear more than once (a Hugo site's languages each have their own
# content folder, `post/a.md` in each): each file's set of URLs is compared.
# Prints each difference and a summary line; exits 1 on any difference.
function unescape(s) {
    gsub(/&#43;/, "+", s); gsub(/&#39;/, "'", s); gsub(/&#34;/, "\"", s)
    gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
    gsub(/&amp;/, "\\&", s)
    return s
}
# Pages only: Jekyll lists its generated and non-HTML pages (feeds, styles) too.
function is_page(path) {
    if (path == "parity-urls.txt" || path ~ /^404\.(html|md|markdown)$/) return 0
    return path ~ /\.(md|markdown|mdown|mkdn|mkd|mkdown|html|htm)$/
}
BEGIN { FS = "\t"; SUBSEP = "\t" }
FNR == NR {
    if (NF < 2) next
    path = unescape($1); url = unescape($2)
    sub(/^\.\//, "", path)
    if (url == "" || !is_page(path)) next
    want[path, url] = 1; files[path] = 1
    next
}
{
    if (NF < 2) next
    got[$1, $2] = 1; files[$1] = 1
}
END {
    for (pair in want) if (!(pair in got)) { split(pair, p, SUBSEP); print "  " generator " only:   " p[1] "  " p[2]; bad[p[1]] = 1 }
    for (pair in got) if (!(pair in want)) { split(pair, p, SUBSEP); print "  feedwright only: " p[1] "  " p[2]; bad[p[1]] = 1 }
    same = 0; differ = 0
    for (path in files) if (path in bad) differ++; else same++
    printf "%s %s (%s): %d pages with the same URL, %d differences\n", (differ ? "FAIL" : "ok  "), site, generator, same, differ
    exit (differ ? 1 : 0)
}
