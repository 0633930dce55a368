//! The one home of every rule that the generator and the checker both need:
//! namespaces, size limits, what a valid language tag or e-mail address is,
//! which characters XML allows, which HTML elements feed readers accept.
//!
//! The generator (`feedwright`) imports these, so a value the generator
//! accepts in its configuration is exactly one the checker accepts in a feed.

use std::sync::LazyLock;

use regex::Regex;

/// The W3C validator refuses feeds larger than this many bytes.
pub const MAX_FEED_BYTES: usize = 5_000_000;

/// The namespace of Atom 1.0.
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The namespace of `content:encoded`.
pub const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// The Dublin Core elements namespace.
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// The Media RSS namespace.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
/// The RDF namespace.
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The XHTML namespace.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// The namespace of `xml:lang` and `xml:base`.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of RFC 5005 feed history (`fh:complete`).
pub const FEED_HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// Why `value` cannot be a feed entry's id (RSS `guid`, Atom `id`, JSON Feed
/// `id`) as the checker reads ids, or `Ok` when it can: an absolute URI in
/// canonical form, a `tag:` URI by RFC 4151, in a registered scheme.
pub fn entry_id(value: &str) -> Result<(), String> {
    use crate::rules::uris::{canonical_form, check, UriProblem, UriRule};
    match check(value, UriRule::Full) {
        Ok(()) => {}
        Err(UriProblem::InvalidTag) => {
            return Err("is not a valid tag: URI (RFC 4151), such as tag:example.org,2025:post-1".into())
        }
        Err(UriProblem::SchemeNotIana(scheme)) => {
            return Err(format!(
                "uses the URI scheme `{scheme}:`, which is not registered with IANA; use a URL or a tag: URI"
            ))
        }
        Err(UriProblem::InvalidUriChar(c)) => {
            return Err(format!("contains {c:?}, which URIs do not allow: percent-encode it"))
        }
        Err(_) => {
            return Err(
                "is not an absolute URI: use a URL (https://example.org/old/path/) or a tag: URI (tag:example.org,2025:post-1)".into(),
            )
        }
    }
    match canonical_form(value) {
        Some(canonical) if canonical != value => Err(format!(
            "is not in canonical form (readers compare ids as written): write `{canonical}`"
        )),
        _ => Ok(()),
    }
}

/// Sitemaps: the sitemaps.org protocol's namespace and limits.
pub mod sitemap {
    /// The sitemaps.org namespace.
    pub const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    /// At most this many URLs (or sitemaps) in one file.
    pub const MAX_URLS: usize = 50_000;
    /// At most this many bytes in one uncompressed file.
    pub const MAX_BYTES: usize = 50 * 1024 * 1024;
    /// At most this many characters in a `loc`.
    pub const MAX_LOC: usize = 2048;
}

/// The ISO 639 codes the W3C validator accepts (its `iso639codes.py`): the
/// two-letter codes, the three-letter ones, and `x`. Sorted.
const ISO_639: &[&str] = &[
    "aa", "aar", "ab", "abk", "ace", "ach", "ada", "ady", "ae", "af", "afa", "afh", "afr", "ain",
    "ak", "aka", "akk", "alb", "ale", "alg", "alt", "am", "amh", "an", "ang", "anp", "apa", "ar",
    "ara", "arc", "arg", "arm", "arn", "arp", "art", "arw", "as", "asm", "ast", "ath", "aus", "av",
    "ava", "ave", "awa", "ay", "aym", "az", "aze", "ba", "bad", "bai", "bak", "bal", "bam", "ban",
    "baq", "bas", "bat", "be", "bej", "bel", "bem", "ben", "ber", "bg", "bh", "bho", "bi", "bih",
    "bik", "bin", "bis", "bla", "bm", "bn", "bnt", "bo", "bod", "bos", "br", "bra", "bre", "bs",
    "btk", "bua", "bug", "bul", "bur", "byn", "ca", "cad", "cai", "car", "cat", "cau", "ce", "ceb",
    "cel", "ces", "ch", "cha", "chb", "che", "chg", "chi", "chk", "chm", "chn", "cho", "chp",
    "chr", "chu", "chv", "chy", "cmc", "co", "cop", "cor", "cos", "cpe", "cpf", "cpp", "cr", "cre",
    "crh", "crp", "cs", "csb", "cu", "cus", "cv", "cy", "cym", "cze", "da", "dak", "dan", "dar",
    "day", "de", "del", "den", "deu", "dgr", "din", "div", "doi", "dra", "dsb", "dua", "dum",
    "dut", "dv", "dyu", "dz", "dzo", "ee", "efi", "egy", "eka", "el", "ell", "elx", "en", "eng",
    "enm", "eo", "epo", "es", "est", "et", "eu", "eus", "ewe", "ewo", "fa", "fan", "fao", "fas",
    "fat", "ff", "fi", "fij", "fil", "fin", "fiu", "fj", "fo", "fon", "fr", "fra", "fre", "frm",
    "fro", "frr", "frs", "fry", "ful", "fur", "fy", "ga", "gaa", "gay", "gba", "gd", "gem", "geo",
    "ger", "gez", "gil", "gl", "gla", "gle", "glg", "glv", "gmh", "gn", "goh", "gon", "gor", "got",
    "grb", "grc", "gre", "grn", "gsw", "gu", "guj", "gv", "gwi", "gws", "ha", "hai", "hat", "hau",
    "haw", "he", "heb", "her", "hi", "hil", "him", "hin", "hit", "hmn", "hmo", "ho", "hr", "hrv",
    "hsb", "ht", "hu", "hun", "hup", "hy", "hye", "hz", "ia", "iba", "ibo", "ice", "id", "ido",
    "ie", "ig", "ii", "iii", "ijo", "ik", "iku", "ile", "ilo", "ina", "inc", "ind", "ine", "inh",
    "io", "ipk", "ira", "iro", "is", "isl", "it", "ita", "iu", "ja", "jav", "jbo", "jpn", "jpr",
    "jrb", "jv", "ka", "kaa", "kab", "kac", "kal", "kam", "kan", "kar", "kas", "kat", "kau", "kaw",
    "kaz", "kbd", "kg", "kha", "khi", "khm", "kho", "ki", "kik", "kin", "kir", "kj", "kk", "kl",
    "km", "kmb", "kn", "ko", "kok", "kom", "kon", "kor", "kos", "kpe", "kr", "krc", "krl", "kro",
    "kru", "ks", "ku", "kua", "kum", "kur", "kut", "kv", "kw", "ky", "la", "lad", "lah", "lam",
    "lao", "lat", "lav", "lb", "lez", "lg", "li", "lim", "lin", "lit", "ln", "lo", "lol", "loz",
    "lt", "ltz", "lu", "lua", "lub", "lug", "lui", "lun", "luo", "lus", "lv", "mac", "mad", "mag",
    "mah", "mai", "mak", "mal", "man", "mao", "map", "mar", "mas", "may", "mdf", "mdr", "men",
    "mg", "mga", "mh", "mi", "mic", "min", "mis", "mk", "mkd", "mkh", "ml", "mlg", "mlt", "mn",
    "mnc", "mni", "mno", "mo", "moh", "mol", "mon", "mos", "mr", "mri", "ms", "msa", "mt", "mul",
    "mun", "mus", "mwl", "mwr", "my", "mya", "myn", "myv", "na", "nah", "nai", "nap", "nau", "nav",
    "nb", "nbl", "nd", "nde", "ndo", "nds", "ne", "nep", "new", "ng", "nia", "nic", "niu", "nl",
    "nld", "nn", "nno", "no", "nob", "nog", "non", "nor", "nr", "nso", "nub", "nv", "nwc", "ny",
    "nya", "nym", "nyn", "nyo", "nzi", "oc", "oci", "oj", "oji", "om", "or", "ori", "orm", "os",
    "osa", "oss", "ota", "oto", "pa", "paa", "pag", "pal", "pam", "pan", "pap", "pau", "peo",
    "per", "phi", "phn", "pi", "pl", "pli", "pol", "pon", "por", "pra", "pro", "ps", "pt", "pus",
    "qaa", "qtz", "qu", "que", "raj", "rap", "rar", "rm", "rn", "ro", "roa", "roh", "rom", "ron",
    "ru", "rum", "run", "rup", "rus", "rw", "sa", "sad", "sag", "sah", "sai", "sal", "sam", "san",
    "sas", "sat", "sc", "scc", "scn", "sco", "scr", "sd", "se", "sel", "sem", "sg", "sga", "sgn",
    "sh", "shn", "si", "sid", "sin", "sio", "sit", "sk", "sl", "sla", "slk", "slo", "slv", "sm",
    "sma", "sme", "smi", "smj", "smn", "smo", "sms", "sn", "sna", "snd", "snk", "so", "sog", "som",
    "son", "sot", "spa", "sq", "sqi", "sr", "srd", "srn", "srp", "srr", "ss", "ssa", "ssw", "st",
    "su", "suk", "sun", "sus", "sux", "sv", "sw", "swa", "swe", "syr", "ta", "tah", "tai", "tam",
    "tat", "te", "tel", "tem", "ter", "tet", "tg", "tgk", "tgl", "th", "tha", "ti", "tib", "tig",
    "tir", "tiv", "tk", "tkl", "tl", "tlh", "tli", "tmh", "tn", "to", "tog", "ton", "tpi", "tr",
    "ts", "tsi", "tsn", "tso", "tt", "tuk", "tum", "tup", "tur", "tut", "tvl", "tw", "twi", "ty",
    "tyv", "udm", "ug", "uga", "uig", "uk", "ukr", "umb", "und", "ur", "urd", "uz", "uzb", "vai",
    "ve", "ven", "vi", "vie", "vo", "vol", "vot", "wa", "wak", "wal", "war", "was", "wel", "wen",
    "wln", "wo", "wol", "x", "xal", "xh", "xho", "xx", "yao", "yap", "yi", "yid", "yo", "yor",
    "ypk", "za", "zap", "zen", "zh", "zha", "zho", "znd", "zu", "zul", "zun",
];

/// A language code as the W3C validator reads one, and so the checker: its
/// first subtag (before any `-`) is an ISO 639 code, in any case (`en`,
/// `en-US`, `ast`). The other subtags are not checked.
pub fn language_code(value: &str) -> bool {
    let primary = value.split('-').next().unwrap_or("").to_lowercase();
    ISO_639.binary_search(&primary.as_str()).is_ok()
}

/// A language tag as feedwright writes one: a [`language_code`] whose other
/// subtags are letters and digits, one to eight of them (`en-GB`,
/// `zh-Hant-TW`; not `en-`). Every such tag is one the checker accepts.
pub fn language(value: &str) -> bool {
    language_code(value)
        && value
            .split('-')
            .skip(1)
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The W3C validator's pattern of an e-mail address (`addr_spec.email_re`),
/// without anchors: a local part, `@`, and a dotted domain or IPv4 prefix.
pub(crate) const ADDR_SPEC_PATTERN: &str = r"[A-Z0-9_\-+.'!#$%&*/=?^_`{|}~]+@(?:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.|(?:[A-Z0-9\-]+\.)+)[A-Z0-9][-A-Z0-9]*";

static ADDR_SPEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^{ADDR_SPEC_PATTERN}\n?$")).expect("a valid pattern")
});

static SIMPLE_ADDR_SPEC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\w.%+-]+@[A-Za-z][\w.-]+\n?$").expect("a valid pattern"));

/// An e-mail address as the W3C validator accepts one, and so the checker
/// (`jane@example.com`; `jane@localhost`, whose domain the service would look
/// up, and `jane@example.c` are accepted too).
pub fn email_address(value: &str) -> bool {
    ADDR_SPEC.is_match(value) || SIMPLE_ADDR_SPEC.is_match(value)
}

static PLAIN_ADDR_SPEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-zA-Z0-9_\-+.']+@(?:[a-zA-Z0-9\-]+\.)+[a-zA-Z]{2,63}$")
        .expect("a valid pattern")
});

/// An e-mail address as feedwright writes one: a plain address whose domain
/// has a top-level name of two letters or more (`jane@example.com`). Every
/// such address is one the checker accepts.
pub fn addr_spec(value: &str) -> bool {
    PLAIN_ADDR_SPEC.is_match(value) && email_address(value)
}

/// Whether XML 1.0 allows `c` in a document, less DEL and the C1 controls it
/// discourages (they are never intended in UTF-8 text), and less U+FFFD, the
/// replacement character, which only ever marks text already damaged before it
/// reached the document. Validators flag all of these as bad characters.
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r'
        | '\u{20}'..='\u{7E}'
        | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFC}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// HTML in feeds: the elements the W3C validator accepts.
/// Elements the W3C validator accepts in feed HTML.
pub const ACCEPTABLE_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "big",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "data",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "eventsource",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "font",
    "form",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "keygen",
    "kbd",
    "label",
    "legend",
    "li",
    "m",
    "main",
    "map",
    "mark",
    "menu",
    "meter",
    "multicol",
    "nav",
    "nextid",
    "ol",
    "output",
    "optgroup",
    "option",
    "p",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "sound",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "time",
    "tfoot",
    "th",
    "thead",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "noscript",
    "wbr",
];

/// Whitelisted names the validator does not count as HTML at all.
pub const NOT_KNOWN: &[&str] = &["keygen", "multicol", "nextid", "sound", "spacer"];

/// The punctuation a URI may hold as itself, beside ASCII letters and digits
/// (the W3C validator's `urichars_re`; RFC 2396's reserved and unreserved
/// characters, `%` and `#`). Any other character (a space, `[`, `|`, `^`,
/// ...) must be percent-encoded; validators refuse a URI holding one.
pub const URI_PUNCTUATION: &str = ";/?:@&=+$.-_!~*'()%,#";

/// [`is_uri_byte`] for every byte, from [`URI_PUNCTUATION`]: URLs are read
/// byte by byte in the largest files (a sitemap of 50,000).
static URI_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let punctuation = URI_PUNCTUATION.as_bytes();
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether the byte `b` may stand as itself in a URI: an ASCII letter or
/// digit, or one of [`URI_PUNCTUATION`].
pub fn is_uri_byte(b: u8) -> bool {
    URI_BYTES[usize::from(b)]
}

/// Whether the character `c` may stand as itself in a URI: an ASCII letter
/// or digit, or one of [`URI_PUNCTUATION`].
pub fn is_uri_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_uri_byte)
}

/// The regular-expression class of the characters a URI may hold (letters,
/// digits and [`URI_PUNCTUATION`]), without those of `except`.
pub(crate) fn uri_char_class(except: &str) -> String {
    let punctuation: String = URI_PUNCTUATION
        .chars()
        .filter(|c| !except.contains(*c))
        .collect();
    format!("[0-9a-zA-Z{}]", regex::escape(&punctuation))
}

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    LazyLock::force(&ADDR_SPEC);
    LazyLock::force(&SIMPLE_ADDR_SPEC);
    LazyLock::force(&PLAIN_ADDR_SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte table, the character test and the patterns' class hold the
    /// same set.
    #[test]
    fn one_set_of_uri_characters() {
        let class = Regex::new(&format!("^{}$", uri_char_class(""))).expect("a valid pattern");
        let without_hash =
            Regex::new(&format!("^{}$", uri_char_class("#"))).expect("a valid pattern");
        for b in 0..=255u8 {
            let c = char::from(b);
            let expected = b.is_ascii_alphanumeric() || URI_PUNCTUATION.contains(c);
            assert_eq!(is_uri_byte(b), expected, "{c:?}");
            assert_eq!(is_uri_char(c), expected, "{c:?}");
            assert_eq!(class.is_match(&c.to_string()), expected, "{c:?}");
            assert_eq!(
                without_hash.is_match(&c.to_string()),
                expected && c != '#',
                "{c:?}"
            );
        }
        for c in ['é', '\u{2028}', '😀'] {
            assert!(!is_uri_char(c));
        }
    }

    /// What feedwright writes, the checker accepts.
    #[test]
    fn the_generators_rules_are_narrower_than_the_checkers() {
        for tag in [
            "en",
            "en-GB",
            "zh-Hant-TW",
            "ast",
            "x-klingon",
            "EN",
            "en-",
            "zz",
            "i-x",
            "en-a-b-c",
        ] {
            assert!(!language(tag) || language_code(tag), "{tag}");
        }
        for address in [
            "jane@example.org",
            "a.b+c@x.co.uk",
            "jane@[1.2.3.4]",
            "jane@localhost",
            "o'neil@example.ie",
        ] {
            assert!(!addr_spec(address) || email_address(address), "{address}");
        }
    }

    #[test]
    fn language_tags() {
        assert!(language("en"));
        assert!(language("en-US"));
        assert!(language("zh-Hant-TW"));
        assert!(language("EN-gb"));
        assert!(language("ast"));
        assert!(language("x-klingon"));
        assert!(!language("en-"));
        assert!(language_code("en-"));
        assert!(!language("i-klingon"));
        assert!(!language("english"));
        assert!(!language("e"));
        assert!(!language("zz"));
        assert!(!language("en_US"));
        assert!(!language("i-klingon"));
    }

    #[test]
    fn emails() {
        assert!(addr_spec("jane@example.org"));
        for bad in ["Jane Doe", "jane@", "jane doe@example.org", "@example.org"] {
            assert!(!addr_spec(bad), "{bad}");
            assert!(!email_address(bad), "{bad}");
        }
        // The service accepts these (it looks the domain up, a warning at
        // most); feedwright does not write them.
        for odd in ["jane@localhost", "jane@example.c", "j!ne@example.org"] {
            assert!(email_address(odd), "{odd}");
            assert!(!addr_spec(odd), "{odd}");
        }
    }
}
