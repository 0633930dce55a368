//! The build's self-check for template text: a rendered entry must not show
//! `{{<`, `{{%`, `{%`, `{{ site.`, `{{ page.` or a Zola call outside code.

/// The first piece of template syntax in `html` outside `<pre>` and `<code>`,
/// with a little context; `None` when there is none.
pub fn find(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut code_depth = 0usize;
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'<', b'{', &bytes[i..]) {
        let at = i + k;
        if bytes[at] == b'<' {
            let rest = &html[at..];
            if starts_with_tag(rest, "<pre") || starts_with_tag(rest, "<code") {
                code_depth += 1;
            } else if rest.starts_with("</pre>") || rest.starts_with("</code>") {
                code_depth = code_depth.saturating_sub(1);
            }
            i = at + 1;
            continue;
        }
        if code_depth == 0 {
            if let Some(len) = template_at(&html[at..]) {
                let end = (at + len + 40).min(html.len());
                let end = (end..=html.len())
                    .find(|&e| html.is_char_boundary(e))
                    .unwrap_or(html.len());
                return Some(html[at..end].to_string());
            }
        }
        i = at + 1;
    }
    None
}

fn starts_with_tag(text: &str, tag: &str) -> bool {
    text.starts_with(tag)
        && matches!(
            text.as_bytes().get(tag.len()),
            Some(b'>' | b' ' | b'\t' | b'\n')
        )
}

/// The length of the template opener at the start of `text`, if any.
fn template_at(text: &str) -> Option<usize> {
    for opener in [
        "{{<", "{{&lt;", "{{%", "{%", "{{ site.", "{{ page.", "{{site.", "{{page.",
    ] {
        if text.starts_with(opener) {
            return Some(opener.len());
        }
    }
    // A Zola call: `{{ name(` or `{% name(`.
    let rest = text.strip_prefix("{{")?;
    let trimmed = rest.trim_start();
    let name_len = trimmed
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    (name_len > 0
        && trimmed.as_bytes()[0].is_ascii_alphabetic()
        && trimmed[name_len..].trim_start().starts_with('('))
    .then_some(2 + (rest.len() - trimmed.len()) + name_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_template_text_outside_code_only() {
        assert_eq!(find("<p>ok {{ .Title }}</p>"), None);
        assert!(find("<p>{{&lt; figure src=x &gt;}}</p>").is_some());
        assert!(find("<p>{% highlight ruby %}</p>").is_some());
        assert!(find("<p>see {{ site.url }}/x</p>").is_some());
        assert!(find("<p>{{ admonition(type=\"tip\") }}</p>").is_some());
        assert_eq!(
            find("<pre><code>{{&lt; x &gt;}} {% raw %}</code></pre>"),
            None
        );
        assert_eq!(find("<p><code>{{ page.title }}</code> then text</p>"), None);
        assert!(find("<pre><code>x</code></pre><p>{{% y %}}</p>").is_some());
    }
}
