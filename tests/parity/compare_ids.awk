# Compares each feed entry's id with the one the generator's own feed gives
# it: the first file lists `URL<TAB>id` for every post, as jekyll-feed writes
# them (`{{ post.id | absolute_url }}`); the others are feedwright's Atom
# feeds, whose entries pair an `<id>` with a `<link rel="alternate">`.
# Prints each difference and a summary line; exits 1 on any difference.
function unescape(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
    gsub(/&apos;/, "'", s); gsub(/&amp;/, "\\&", s)
    return s
}
BEGIN { FS = "\t" }
FNR == NR { if (NF >= 2) want[$1] = $2; next }
/<entry>/ { id = ""; link = "" }
/^ *<id>/ { s = $0; sub(/^ *<id>/, "", s); sub(/<\/id>.*/, "", s); id = unescape(s) }
/^ *<link href="[^"]*" rel="alternate"/ { s = $0; sub(/^ *<link href="/, "", s); sub(/".*/, "", s); link = unescape(s) }
/<\/entry>/ {
    if (!(link in want)) next
    if (want[link] == id) same++
    else { differ++; print "  entry id differs: " link "  generator " want[link] "  feedwright " id }
}
END {
    # Posts listed, none found in feedwright's feeds: the comparison saw nothing.
    for (link in want) { listed = 1; break }
    if (listed && same + differ == 0) { differ = 1; print "  no entry of feedwright's Atom feeds is a post the generator lists" }
    printf "%s %s (%s): %d entry ids the same, %d differ\n", (differ ? "FAIL" : "ok  "), site, generator, same, differ
    exit (differ ? 1 : 0)
}
