//! MIME types (`image/png`, `text/html; charset=utf-8`).

use std::sync::LazyLock;

use regex::Regex;

static MIME: LazyLock<Regex> = LazyLock::new(|| {
    let token = r"[a-zA-Z0-9!#$%&'*+.^_`|~\-]+";
    Regex::new(&format!(
        r#"^{token}/{token}(?:\s*;\s*{token}=(?:{token}|"[^"]*"))*$"#
    ))
    .expect("a valid pattern")
});

/// A MIME type such as `image/png` or `text/html; charset=utf-8`.
pub(crate) fn mime_type(value: &str) -> bool {
    MIME.is_match(value)
}

/// Compiles this module's pattern now rather than at its first use.
pub(crate) fn compile_patterns() {
    LazyLock::force(&MIME);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        assert!(mime_type("image/png"));
        assert!(mime_type("text/html; charset=utf-8"));
        assert!(!mime_type("png"));
    }
}
