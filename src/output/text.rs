//! Writing text into XML and HTML: the escaping every writer shares. Each
//! function appends to a `String`, copying runs that need nothing in one go
//! (feeds carry tens of megabytes of HTML; escaping it is on the hot path).

/// `text` as XML character data or a double-quoted attribute value: `&`,
/// `<`, `>` and `"` as entity references (as Atom's and HTML's text is written).
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    push_replacing(out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    });
}

/// `text` as RSS plain-text character data: `<` and `&` as the hexadecimal
/// references the RSS Advisory Board recommends (`&#x3C;`, `&#x26;`), which
/// the W3C Feed Validation Service does not take for escaped HTML, as it
/// takes `&lt;` in a title such as "Vec<T>".
pub(crate) fn push_rss_text(out: &mut String, text: &str) {
    push_replacing(out, text, |b| match b {
        b'&' => Some("&#x26;"),
        b'<' => Some("&#x3C;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    });
}

/// `text` in a CDATA section; a `]]>` inside is split across two sections,
/// so it round-trips.
pub(crate) fn push_cdata(out: &mut String, text: &str) {
    out.push_str("<![CDATA[");
    let mut rest = text;
    while let Some(at) = memchr::memmem::find(rest.as_bytes(), b"]]>") {
        out.push_str(&rest[..at + 2]);
        out.push_str("]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out.push_str("]]>");
}

/// Appends `text`, each byte `replace` names replaced by its text.
fn push_replacing(out: &mut String, text: &str, replace: impl Fn(u8) -> Option<&'static str>) {
    let bytes = text.as_bytes();
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Every byte replaced is ASCII, so `i` is a character boundary.
        if let Some(with) = replace(b) {
            out.push_str(&text[done..i]);
            out.push_str(with);
            done = i + 1;
        }
    }
    out.push_str(&text[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut out = String::new();
        push_escaped(&mut out, "a<b & \"c\" > 'd' é");
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot; &gt; 'd' é");
        let mut out = String::new();
        push_rss_text(&mut out, "Vec<T> & co");
        assert_eq!(out, "Vec&#x3C;T&gt; &#x26; co");
    }

    #[test]
    fn cdata_terminators_round_trip() {
        let mut out = String::from("<x>");
        push_cdata(&mut out, "a ]]> b ]]]]>> c");
        out.push_str("</x>");
        let doc = roxmltree::Document::parse(&out).unwrap();
        let text: String = doc
            .root_element()
            .children()
            .filter_map(|c| c.text())
            .collect();
        assert_eq!(text, "a ]]> b ]]]]>> c");
    }
}
