//! Small helpers on parsed XML elements, shared by every format checker.

use roxmltree::Node;

/// All the text inside `node` (text and CDATA, at any depth), in order.
pub(crate) fn text_of(node: Node) -> String {
    let mut out = String::new();
    for child in node.descendants().filter(Node::is_text) {
        out.push_str(child.text().unwrap_or(""));
    }
    out
}

/// The value of the element's attribute `local` in no namespace (roxmltree's
/// `attribute("name")` would take one in any namespace).
pub(crate) fn plain_attribute<'a>(node: Node<'a, '_>, local: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.namespace().is_none() && a.name() == local)
        .map(|a| a.value())
}

/// The element's namespace URI, or "" for none.
pub(crate) fn ns_of<'a>(node: Node<'a, '_>) -> &'a str {
    node.tag_name().namespace().unwrap_or("")
}

/// Where the element starts, for findings.
pub(crate) fn pos(node: Node) -> usize {
    node.range().start
}

/// Where the non-whitespace text of a text node starts; `None` for whitespace
/// or any other kind of node.
pub(crate) fn stray_text_in(node: Node) -> Option<usize> {
    let text = node.text().filter(|_| node.is_text())?;
    // Nearly always the indentation between elements: told at a glance.
    if text
        .bytes()
        .all(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
    {
        return None;
    }
    let trimmed = text.trim_start();
    // Point at the text itself, not at the whitespace before it.
    (!trimmed.is_empty()).then(|| node.range().start + (text.len() - trimmed.len()))
}
