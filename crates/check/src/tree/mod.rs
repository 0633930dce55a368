//! The element walker every XML feed is checked with, on the W3C
//! validator's model: each element is checked by its parent's rule for that
//! name; a name the parent does not know is `UndefinedElement` when its
//! namespace is one the validator knows, and skipped when it is not; an
//! element's attributes are checked against those its rule expects; text
//! directly inside an element with children is `UnexpectedText`.
//!
//! Names are read as the validator reads them: the format's own elements
//! have no prefix, and every known namespace has its usual prefix whatever
//! the document calls it (`dc:creator` is `dc:creator` even if written
//! `x:creator`), compared as the validator does, without case or a trailing
//! slash.

pub(crate) mod leaf;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use roxmltree::Node;

use crate::rules::uris::UriRule;
use crate::spec::{RDF_NS, XML_NS};
use crate::xml::namespaces::KNOWN_NAMESPACES;
use crate::xml::node::stray_text_in;
use crate::{Code, Context, Sink};

pub(crate) use leaf::{Leaf, Value};

/// The prefix of elements in namespaces the validator does not know.
pub(crate) const UNKNOWN: &str = "?";

/// Which kind of feed a document is, as the W3C validator tells them apart:
/// a few rules depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeedType {
    /// RSS 0.9x or 2.0.
    Rss2,
    /// RSS 1.0 or 0.90 (RDF).
    Rss1,
    /// An Atom feed.
    Atom,
    /// An Atom entry document.
    AtomEntry,
}

/// An element's name as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Name<'a> {
    /// The validator's prefix for the element's namespace: `""` for the
    /// format's own elements, [`UNKNOWN`] for namespaces it does not know.
    pub(crate) prefix: &'static str,
    /// The local name.
    pub(crate) local: &'a str,
}

impl Name<'_> {
    /// Whether this is `prefix:local`.
    pub(crate) fn is(&self, prefix: &str, local: &str) -> bool {
        self.prefix == prefix && self.local == local
    }
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.prefix {
            "" | UNKNOWN => f.write_str(self.local),
            prefix => write!(f, "{prefix}:{}", self.local),
        }
    }
}

/// An element being checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct El<'a, 'i> {
    /// The element.
    pub(crate) node: Node<'a, 'i>,
    /// Its name as the rules read it.
    pub(crate) name: Name<'a>,
    /// Its parent's name (`root` for the document element).
    pub(crate) parent: Name<'a>,
}

impl<'a, 'i> El<'a, 'i> {
    /// Where the element starts, for findings.
    pub(crate) fn pos(&self) -> usize {
        self.node.range().start
    }

    /// The value of the attribute `local` in no namespace.
    pub(crate) fn attr(&self, local: &str) -> Option<&'a str> {
        crate::xml::node::plain_attribute(self.node, local)
    }

    /// The value of an attribute in namespace `ns`.
    pub(crate) fn attr_ns(&self, ns: &str, local: &str) -> Option<&'a str> {
        self.node.attribute((ns, local))
    }

    /// The text directly inside the element (text and CDATA, not that of child elements).
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for child in self.node.children().filter(Node::is_text) {
            out.push_str(child.text().unwrap_or(""));
        }
        out
    }

    /// Whether the element has element children.
    pub(crate) fn has_elements(&self) -> bool {
        self.node.children().any(|n| n.is_element())
    }
}

/// An attribute name: its namespace (`""` for none) and local name.
pub(crate) type AttrName = (&'static str, &'static str);

/// The attributes an element's rule expects.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Attrs {
    /// These (and `xml:base`, `xml:id`, `xml:lang`, `xml:space`).
    Only(&'static [AttrName]),
    /// Any: the element is not checked (the validator's "eater").
    Any,
}

/// The names of the children checked so far, the validator's `children`.
#[derive(Debug, Default)]
pub(crate) struct Seen<'a>(Vec<Name<'a>>);

impl<'a> Seen<'a> {
    /// Whether a child `prefix:local` came before.
    pub(crate) fn has(&self, prefix: &str, local: &str) -> bool {
        self.0.iter().any(|n| n.is(prefix, local))
    }

    /// Whether a child in the namespace of `prefix` came before.
    pub(crate) fn has_prefix(&self, prefix: &str) -> bool {
        self.0.iter().any(|n| n.prefix == prefix)
    }

    /// How many children `prefix:local` came before.
    pub(crate) fn count(&self, prefix: &str, local: &str) -> usize {
        self.0.iter().filter(|n| n.is(prefix, local)).count()
    }

    /// How many children came before.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Records a child that the parent's rule took as `prefix:local`.
    pub(crate) fn push(&mut self, name: Name<'a>) {
        self.0.push(name);
    }
}

/// The attributes the validator always accepts.
const XML_ATTRS: &[&str] = &["base", "id", "lang", "space"];

/// RDF attributes a text element may carry in RSS 1.0.
const RDF_TEXT_ATTRS: &[AttrName] = &[
    (RDF_NS, "parseType"),
    (RDF_NS, "datatype"),
    (RDF_NS, "resource"),
];

/// `near_miss`: a namespace read without case and without what follows its last word character.
fn near_miss(uri: &str) -> String {
    let end = uri
        .char_indices()
        .rfind(|(_, c)| c.is_alphanumeric() || *c == '_')
        .map_or(0, |(i, c)| i + c.len_utf8());
    uri[..end].to_lowercase()
}

/// The known namespaces by their near misses.
static NEAR_MISSES: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    KNOWN_NAMESPACES
        .iter()
        .map(|(uri, prefix)| (near_miss(uri), *prefix))
        .collect()
});

/// The validator's prefix for a namespace it knows, compared as `near_miss` compares.
pub(crate) fn known_prefix(uri: &str) -> Option<&'static str> {
    NEAR_MISSES.get(&near_miss(uri)).copied()
}

/// The document-wide state of a walk, and the one way rules report.
pub(crate) struct Walker<'w, 't> {
    /// Where findings go.
    pub(crate) sink: &'w mut Sink<'t>,
    /// What the checker knows beside the document.
    pub(crate) ctx: &'w Context,
    /// The kind of feed, once its root is known.
    pub(crate) feed: Option<FeedType>,
    /// Namespaces whose elements are the format's own (unprefixed) ones.
    default_namespaces: Vec<String>,
    /// The RSS version (`<rss version>`), where there is one.
    pub(crate) rss_version: Option<String>,
    /// `rdf:about` values seen, which must be unique.
    pub(crate) abouts: HashSet<String>,
    /// `sx:sync` ids seen, which must be unique.
    pub(crate) sync_ids: HashSet<String>,
    /// Whether the document is encoded in UTF-8.
    pub(crate) utf8: bool,
    /// Whether the channel (or feed) uses iTunes elements, or an item before did.
    pub(crate) itunes: bool,
    /// HTML found so far, checked at the end, side by side.
    html: Vec<crate::html::HtmlCheck>,
    /// The prefixes of the document's namespaces, as looked up so far.
    prefixes: Vec<(String, Option<&'static str>)>,
}

impl<'w, 't> Walker<'w, 't> {
    /// A walker reporting to `sink`.
    pub(crate) fn new(sink: &'w mut Sink<'t>, ctx: &'w Context) -> Self {
        let utf8 = sink.utf8;
        Walker {
            sink,
            ctx,
            feed: None,
            default_namespaces: Vec::new(),
            rss_version: None,
            abouts: HashSet::new(),
            sync_ids: HashSet::new(),
            utf8,
            itunes: false,
            html: Vec::new(),
            prefixes: Vec::new(),
        }
    }

    /// Checks `html`, found in `el`, once the walk is over (see [`Walker::finish`]).
    pub(crate) fn html(&mut self, el: &El, html: &str, relative_refs: bool) {
        self.html.push(crate::html::HtmlCheck {
            pos: el.pos(),
            what: format!("<{}>", el.name),
            html: html.to_string(),
            relative_refs,
        });
    }

    /// Ends the walk: checks the HTML it found.
    pub(crate) fn finish(self) {
        crate::html::check_all(self.sink, self.html);
    }

    /// [`known_prefix`], remembered for the namespaces of this document.
    pub(crate) fn prefix_of(&mut self, uri: &str) -> Option<&'static str> {
        if let Some((_, prefix)) = self.prefixes.iter().find(|(u, _)| u == uri) {
            return *prefix;
        }
        let prefix = known_prefix(uri);
        self.prefixes.push((uri.to_string(), prefix));
        prefix
    }

    /// Reports `code` at the start of `el`.
    pub(crate) fn report(&mut self, el: &El, code: Code, message: impl Into<String>) {
        self.sink.report(el.pos(), code, message);
    }

    /// Makes `uri` a namespace of the format's own elements.
    pub(crate) fn add_default_namespace(&mut self, uri: &str) {
        self.default_namespaces.push(uri.to_string());
    }

    /// Whether the document is RSS 2.0 (or 0.9x).
    pub(crate) fn is_rss2(&self) -> bool {
        self.feed == Some(FeedType::Rss2)
    }

    /// Whether the document is RSS 1.0 (RDF).
    pub(crate) fn is_rss1(&self) -> bool {
        self.feed == Some(FeedType::Rss1)
    }

    /// The element `node` under a parent named `parent`, its name read as
    /// the validator reads it. An element in no namespace in anything but
    /// RSS 2.0 is `UndeterminableVocabulary`, and read as unknown.
    pub(crate) fn element<'a, 'i>(&mut self, node: Node<'a, 'i>, parent: Name<'a>) -> El<'a, 'i> {
        let local = node.tag_name().name();
        let prefix = match node.tag_name().namespace().filter(|ns| !ns.is_empty()) {
            None if self.feed.is_some_and(|f| f != FeedType::Rss2) => {
                self.sink.report(
                    node.range().start,
                    Code::UndeterminableVocabulary,
                    format!("<{local}> is in no namespace: readers cannot tell what it means"),
                );
                UNKNOWN
            }
            None => "",
            Some(uri) if self.default_namespaces.iter().any(|d| d == uri) => "",
            Some(uri) => self.prefix_of(uri).unwrap_or(UNKNOWN),
        };
        El {
            node,
            name: Name { prefix, local },
            parent,
        }
    }

    /// Checks the children of container `el` in order: `rule` checks each
    /// child its parent knows and returns the attributes it expects, or
    /// `None` for a name the parent does not define. Children in unknown
    /// namespaces are skipped; text beside them is `UnexpectedText`.
    /// Returns the names of the children, in order.
    pub(crate) fn children<'a, 'i>(
        &mut self,
        el: &El<'a, 'i>,
        mut rule: impl FnMut(&mut Self, &El<'a, 'i>, &Seen<'a>) -> Option<Attrs>,
    ) -> Seen<'a> {
        self.no_text(el);
        let mut seen = Seen::default();
        for node in el.node.children().filter(Node::is_element) {
            let child = self.element(node, el.name);
            self.language(&child);
            if child.name.prefix == UNKNOWN {
                self.skip(&child);
            } else if let Some(attrs) = rule(self, &child, &seen) {
                self.attributes(&child, attrs);
            } else {
                self.undefined(&child);
            }
            seen.push(child.name);
        }
        seen
    }

    /// `UnexpectedText` for text directly inside `el`, once.
    pub(crate) fn no_text(&mut self, el: &El) {
        if let Some(at) = el.node.children().find_map(stray_text_in) {
            self.sink.report(
                at,
                Code::UnexpectedText,
                format!("text directly inside <{}>, which holds elements", el.name),
            );
        }
    }

    /// An element its parent does not define: reported, and not checked further.
    pub(crate) fn undefined(&mut self, el: &El) {
        if el.name.prefix == "xhtml" {
            self.report(
                el,
                Code::MisplacedXHTMLContent,
                format!("<{}> is XHTML outside XHTML content", el.name),
            );
        } else {
            self.report(
                el,
                Code::UndefinedElement,
                format!("<{}> is not defined inside <{}>", el.name, el.parent),
            );
        }
        self.skip(el);
    }

    /// An element that is not checked (the validator's "eater"), though its
    /// children in no namespace are still errors in RSS 2.0 extensions, and
    /// RDF's mixed content in RSS 1.0.
    pub(crate) fn skip(&mut self, el: &El) {
        if self.is_rss2() && !el.name.prefix.is_empty() {
            if let Some(child) = el
                .node
                .children()
                .find(|n| n.is_element() && crate::xml::node::ns_of(*n).is_empty())
            {
                self.sink.report(
                    child.range().start,
                    Code::NotInANamespace,
                    format!(
                        "<{}> inside the extension element <{}> is in no namespace",
                        child.tag_name().name(),
                        el.name
                    ),
                );
            }
        }
        if self.is_rss1() && el.name.prefix == UNKNOWN {
            self.rdf_extension(el.node);
        }
    }

    /// RSS 1.0 extensions are RDF: no element mixes text and elements
    /// (unless `rdf:parseType="Literal"`), and `rdf:about` values are unique.
    pub(crate) fn rdf_extension(&mut self, node: Node) {
        if node.attribute((RDF_NS, "parseType")) == Some("Literal") {
            return;
        }
        if let Some(about) = node.attribute((RDF_NS, "about")) {
            if !self.abouts.insert(about.to_string()) {
                self.sink.report(
                    node.range().start,
                    Code::DuplicateValue,
                    format!("rdf:about {about:?} is used twice"),
                );
            }
        }
        let elements: Vec<Node> = node.children().filter(Node::is_element).collect();
        if !elements.is_empty() && node.children().any(|n| stray_text_in(n).is_some()) {
            self.sink.report(
                node.range().start,
                Code::InvalidRDF,
                "an RDF element holds both text and elements (mixed content)",
            );
        }
        for child in elements {
            self.rdf_extension(child);
        }
    }

    /// `xml:lang`, wherever it is, names a language, and `xml:base` is an IRI.
    pub(crate) fn language(&mut self, el: &El) {
        if let Some(base) = el.attr_ns(XML_NS, "base") {
            leaf::uri(self, el, base, UriRule::Iri, Code::InvalidIRI);
        }
        if let Some(lang) = el.attr_ns(XML_NS, "lang").filter(|l| !l.is_empty()) {
            if !crate::spec::language_code(lang) {
                self.report(
                    el,
                    Code::InvalidLanguage,
                    format!("xml:lang {lang:?} is not an ISO 639 language code"),
                );
            }
        }
    }

    /// Checks `el`'s attributes against those its rule expects.
    pub(crate) fn attributes(&mut self, el: &El, expected: Attrs) {
        let Attrs::Only(expected) = expected else {
            return;
        };
        for attr in el.node.attributes() {
            let ns = attr.namespace().unwrap_or("");
            let name = attr.name();
            if (ns == XML_NS && XML_ATTRS.contains(&name))
                || expected.iter().any(|(n, l)| *n == ns && *l == name)
            {
                continue;
            }
            let prefix = if ns.is_empty() {
                None
            } else {
                self.prefix_of(ns)
            };
            if !ns.is_empty() && prefix.is_none() {
                if self.is_rss2() && crate::xml::node::ns_of(el.node).is_empty() {
                    self.report(
                        el,
                        Code::UseOfExtensionAttr,
                        format!(
                            "<{}> carries the extension attribute {name}: readers will ignore it",
                            el.name
                        ),
                    );
                }
                continue;
            }
            let shown = match prefix {
                Some(prefix) => format!("{prefix}:{name}"),
                None => name.to_string(),
            };
            self.report(
                el,
                Code::UnexpectedAttribute,
                format!("<{}> takes no {shown} attribute", el.name),
            );
        }
    }

    /// Checks a leaf element (text, no children) by `leaf`; returns the
    /// attributes it expects.
    pub(crate) fn leaf(&mut self, el: &El, seen: &Seen, leaf: Leaf) -> Option<Attrs> {
        leaf::check(self, el, seen, leaf);
        Some(if self.is_rss1() && leaf.attrs.is_empty() {
            Attrs::Only(RDF_TEXT_ATTRS)
        } else {
            Attrs::Only(leaf.attrs)
        })
    }

    /// `code` (`DuplicateSemantics`, `DuplicateItemSemantics`) when `el`'s
    /// parent already has `other`, which says the same.
    pub(crate) fn same_meaning(
        &mut self,
        el: &El,
        seen: &Seen,
        other: (&'static str, &'static str),
        code: Code,
    ) {
        if seen.has(other.0, other.1) {
            let other = Name {
                prefix: other.0,
                local: other.1,
            };
            self.report(
                el,
                code,
                format!("<{other}> and <{}> say the same thing: use one", el.name),
            );
        }
    }

    /// The language in `el`'s attribute `name` (no namespace), if any, is an ISO 639 code.
    pub(crate) fn language_attr(&mut self, el: &El, name: &str) {
        if let Some(lang) = el.attr(name).filter(|l| !l.is_empty()) {
            if !crate::spec::language_code(lang) {
                self.report(
                    el,
                    Code::InvalidLanguage,
                    format!("{name} {lang:?} is not an ISO 639 language code"),
                );
            }
        }
    }

    /// `indexing:index`, which says whether search engines may index the feed, is yes or no.
    pub(crate) fn indexing(&mut self, el: &El) {
        if let Some(index) = el.attr_ns("urn:atom-extension:indexing", "index") {
            if !["yes", "no"].contains(&index) {
                self.report(
                    el,
                    Code::InvalidYesNo,
                    format!("indexing:index must be yes or no, not {index:?}"),
                );
            }
        }
    }

    /// Plain text of `el` (or of one of its attributes): no HTML, as the
    /// validator's `nonhtml` reads it; `code` names what HTML found is.
    pub(crate) fn plain(&mut self, el: &El, what: &str, text: &str, code: Code) {
        let rss2_profile = self.is_rss2()
            && self
                .rss_version
                .as_deref()
                .is_none_or(|v| v.starts_with("2."));
        crate::html::check_plain(
            self.sink,
            crate::html::Plain {
                start: el.pos(),
                what,
                text,
                code,
                rss2_profile,
            },
        );
    }

    /// The trimmed text of `el`, which holds text and no elements.
    pub(crate) fn text_value(&mut self, el: &El) -> String {
        self.text_only(el);
        el.text().trim().to_string()
    }

    /// Checks that `el`, which holds text, holds no elements.
    pub(crate) fn text_only(&mut self, el: &El) {
        leaf::no_children(self, el, false);
    }

    /// `DuplicateElement` (or `code`) when `el`'s name came before among its siblings.
    pub(crate) fn once(&mut self, el: &El, seen: &Seen, code: Code) {
        if seen.has(el.name.prefix, el.name.local) {
            self.report(
                el,
                code,
                format!("<{}> appears more than once in <{}>", el.name, el.parent),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_compare_as_near_misses() {
        assert_eq!(known_prefix("http://purl.org/dc/elements/1.1/"), Some("dc"));
        assert_eq!(known_prefix("http://purl.org/dc/elements/1.1"), Some("dc"));
        assert_eq!(known_prefix("HTTP://PURL.ORG/DC/ELEMENTS/1.1/"), Some("dc"));
        assert_eq!(known_prefix("http://search.yahoo.com/mrss"), Some("media"));
        assert_eq!(known_prefix("http://example.org/ns#"), None);
    }
}
