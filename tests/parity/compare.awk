# Compares two lists of `content file<TAB>URL` lines: the generator's
# (first file; Hugo's HTML-escaped) and feedwright's (second file).
# Prints each difference and a summary line; exits 1 on any difference.
function unescape(s) {
    gsub(/&#43;/, "+", s); gsub(/&#39;/, "'", s); gsub(/&#34;/, "\"", s)
    gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
    gsub(/&amp;/, "\\&", s)
    return s
}
# Pages only: Jekyll lists its generated and non-HTML pages (feeds, styles) too.
function is_page(path) {
    if (path == "parity-urls.txt" || path ~ /(^|\/)404\.(html|md|markdown)$/) return 0
    return path ~ /\.(md|markdown|mdown|mkdn|mkd|mkdown|html|htm)$/
}
BEGIN { FS = "\t" }
FNR == NR {
    if (NF < 2) next
    path = unescape($1); url = unescape($2)
    sub(/^\.\//, "", path)
    if (url == "" || !is_page(path)) next
    want[path] = url
    next
}
{
    if (NF < 2) next
    got[$1] = $2
}
END {
    bad = 0; same = 0
    for (path in want) {
        if (!(path in got)) { print "  missing  " path "  " want[path]; bad++ }
        else if (got[path] != want[path]) { print "  differs  " path "\n    " generator ": " want[path] "\n    feedwright: " got[path]; bad++ }
        else same++
    }
    for (path in got) if (!(path in want)) { print "  extra    " path "  " got[path]; bad++ }
    printf "%s %s (%s): %d pages with the same URL, %d differences\n", (bad ? "FAIL" : "ok  "), site, generator, same, bad
    exit (bad ? 1 : 0)
}
