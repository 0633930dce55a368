//! Small helpers on parsed XML elements, shared by every format checker.

use roxmltree::Node;

/// The element children of `node`.
pub(crate) fn elements<'a, 'input>(
    node: Node<'a, 'input>,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// All the text inside `node` (text and CDATA, at any depth), in order.
pub(crate) fn text_of(node: Node) -> String {
    let mut out = String::new();
    for child in node.descendants().filter(Node::is_text) {
        out.push_str(child.text().unwrap_or(""));
    }
    out
}

/// The element's namespace URI, or "" for none.
pub(crate) fn ns_of<'a>(node: Node<'a, '_>) -> &'a str {
    node.tag_name().namespace().unwrap_or("")
}

/// Where the element starts, for findings.
pub(crate) fn pos(node: Node) -> usize {
    node.range().start
}

/// Whether the element has non-whitespace text directly inside it, and where.
pub(crate) fn stray_text(node: Node) -> Option<usize> {
    node.children().find_map(stray_text_in)
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

/// The prefixed name as written, e.g. `dc:creator`, for messages.
pub(crate) fn display_name(node: Node) -> String {
    let name = node.tag_name().name();
    match node
        .tag_name()
        .namespace()
        .and_then(|uri| node.lookup_prefix(uri))
    {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{name}"),
        _ => name.to_string(),
    }
}
