//! Contacts in RSS (`author`, `managingEditor`, `webMaster`): an e-mail
//! address and the person's name, `jane@example.com (Jane Doe)`, read as the
//! W3C validator reads them.

/// What the shape of an RSS contact says before its address is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contact {
    /// An address but no name in parentheses (a warning; the address is not checked further).
    MissingRealName,
    /// An address in another shape than `address (Name)` (a warning, likewise).
    EmailFormat,
    /// The shape is right, or there is no `@` at all: check the address.
    Check,
}

/// Reads the shape of an RSS contact, as the validator's `email_with_name` does.
pub(crate) fn rss_contact(value: &str) -> Contact {
    let has_address = value.find('@').is_some_and(|at| at > 0);
    if !has_address || value.ends_with(')') {
        Contact::Check
    } else if value.find(' ').is_some_and(|at| at > 0) {
        Contact::EmailFormat
    } else {
        Contact::MissingRealName
    }
}

/// The address in a contact, as Python's `email.utils.getaddresses` finds
/// it for the validator: the text in angle brackets, or else the text outside
/// parenthesized comments (its first word, when it holds no `@`). A list of
/// several addresses is returned whole.
pub(crate) fn address_of(value: &str) -> String {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut outside = String::with_capacity(value.len());
    let mut commas = 0;
    for c in value.chars() {
        match c {
            '"' if depth == 0 => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => {
                depth -= 1;
                continue;
            }
            ',' if !quoted && depth == 0 => commas += 1,
            _ => {}
        }
        if depth == 0 {
            outside.push(c);
        }
    }
    if commas > 0 && outside.split(',').filter(|p| !p.trim().is_empty()).count() > 1 {
        return value.to_string();
    }
    if let Some(open) = outside.find('<') {
        let inner = &outside[open + 1..];
        return inner[..inner.find('>').unwrap_or(inner.len())]
            .trim()
            .to_string();
    }
    let outside = outside.trim();
    if outside.contains('@') {
        outside.to_string()
    } else {
        outside.split_whitespace().next().unwrap_or("").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts() {
        assert_eq!(rss_contact("jane@example.com (Jane Doe)"), Contact::Check);
        assert_eq!(rss_contact("jane@example.com"), Contact::MissingRealName);
        assert_eq!(rss_contact("Jane <jane@example.com>"), Contact::EmailFormat);
        assert_eq!(rss_contact("Jane Doe"), Contact::Check);
        assert_eq!(rss_contact("@example.com"), Contact::Check);
    }

    #[test]
    fn addresses_as_getaddresses_finds_them() {
        assert_eq!(
            address_of("jane@example.org (Jane Doe)"),
            "jane@example.org"
        );
        assert_eq!(
            address_of("Jane Doe <jane@example.org>"),
            "jane@example.org"
        );
        assert_eq!(address_of("\"Doe, Jane\" <jane@x.org>"), "jane@x.org");
        assert_eq!(address_of("Jane Doe"), "Jane");
        assert_eq!(address_of("(Jane) jane@x.org"), "jane@x.org");
        assert_eq!(address_of("a b@c.d"), "a b@c.d");
        assert_eq!(address_of("a@x.org, b@x.org"), "a@x.org, b@x.org");
    }
}
