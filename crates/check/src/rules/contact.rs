//! Contacts in RSS (`author`, `managingEditor`, `webMaster`): an e-mail
//! address and the person's name, `jane@example.com (Jane Doe)`.

/// How an RSS `author`, `managingEditor` or `webMaster` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contact {
    /// `jane@example.com (Jane Doe)`.
    Valid,
    /// An address but no name in parentheses.
    MissingRealName,
    /// An address in another shape (`Jane <jane@example.com>`).
    EmailFormat,
    /// No usable e-mail address.
    Invalid,
}

/// Reads an RSS contact as the RSS profile wants it: `address (Real Name)`.
pub(crate) fn rss_contact(value: &str) -> Contact {
    let value = value.trim();
    if !value.contains('@') {
        return Contact::Invalid;
    }
    if !value.ends_with(')') {
        return if value.contains(' ') {
            Contact::EmailFormat
        } else if crate::spec::addr_spec(value) {
            Contact::MissingRealName
        } else {
            Contact::Invalid
        };
    }
    match value.find('(') {
        Some(open) if crate::spec::addr_spec(value[..open].trim()) => Contact::Valid,
        Some(_) => Contact::EmailFormat,
        None => Contact::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts() {
        assert_eq!(rss_contact("jane@example.com (Jane Doe)"), Contact::Valid);
        assert_eq!(rss_contact("jane@example.com"), Contact::MissingRealName);
        assert_eq!(rss_contact("Jane <jane@example.com>"), Contact::EmailFormat);
        assert_eq!(rss_contact("Jane Doe"), Contact::Invalid);
    }
}
