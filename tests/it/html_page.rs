//! Reading an HTML page as browsers do: html5ever's HTML5 parser (tokenizer
//! and tree builder, exact errors) into a small tree, with every parse error
//! it reports, so a test can hold a page to "valid HTML5" and walk its
//! elements.
#![allow(dead_code)]

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{Attribute, ParseOpts, QualName};

/// One node of the tree: an element (with its name and attributes), the
/// document, a comment or a doctype; text is kept on its parent.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// The element's name (the document's and comments' are empty).
    pub(crate) name: QualName,
    /// The element's attributes, as written.
    pub(crate) attrs: Vec<(String, String)>,
    /// The nodes inside, in order.
    pub(crate) children: Vec<usize>,
    /// The node it is in.
    pub(crate) parent: Option<usize>,
    /// The text directly inside.
    pub(crate) text: String,
    /// Whether it is an element.
    pub(crate) element: bool,
}

/// A parsed page: its nodes (0 is the document), its parse errors, its mode.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// Every node; 0 is the document.
    pub(crate) nodes: Vec<Node>,
    /// Every parse error the parser reported.
    pub(crate) errors: Vec<String>,
    /// The doctype's name, if the page has one.
    pub(crate) doctype: Option<String>,
    /// Whether the parser fell into quirks mode (no `<!DOCTYPE html>`).
    pub(crate) quirks: bool,
}

impl Page {
    /// Every element named `name`, in document order.
    pub(crate) fn elements(&self, name: &str) -> Vec<&Node> {
        let mut found = Vec::new();
        self.walk(0, &mut |node| {
            if node.element && &*node.name.local == name {
                found.push(node);
            }
        });
        found
    }

    fn walk<'a>(&'a self, at: usize, visit: &mut impl FnMut(&'a Node)) {
        let node = &self.nodes[at];
        visit(node);
        for &child in &node.children {
            self.walk(child, visit);
        }
    }

    /// The text inside `node`, its descendants' included.
    pub(crate) fn text_of(&self, node: &Node) -> String {
        let mut text = node.text.clone();
        for &child in &node.children {
            text.push_str(&self.text_of(&self.nodes[child]));
        }
        text
    }
}

impl Node {
    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses `html` as a whole document.
pub(crate) fn parse(html: &str) -> Page {
    let opts = ParseOpts {
        tokenizer: TokenizerOpts {
            exact_errors: true,
            ..TokenizerOpts::default()
        },
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..TreeBuilderOpts::default()
        },
    };
    html5ever::parse_document(Sink::default(), opts).one(html)
}

#[derive(Default)]
struct Sink {
    page: RefCell<Page>,
}

impl Sink {
    fn add(&self, name: QualName, attrs: Vec<(String, String)>, element: bool) -> usize {
        let mut page = self.page.borrow_mut();
        if page.nodes.is_empty() {
            page.nodes.push(document());
        }
        page.nodes.push(Node {
            name,
            attrs,
            children: Vec::new(),
            parent: None,
            text: String::new(),
            element,
        });
        page.nodes.len() - 1
    }

    fn detach(page: &mut Page, node: usize) {
        if let Some(parent) = page.nodes[node].parent.take() {
            page.nodes[parent].children.retain(|&c| c != node);
        }
    }
}

fn document() -> Node {
    Node {
        name: QualName::new(None, html5ever::ns!(), html5ever::local_name!("")),
        attrs: Vec::new(),
        children: Vec::new(),
        parent: None,
        text: String::new(),
        element: false,
    }
}

fn attrs(attrs: Vec<Attribute>) -> Vec<(String, String)> {
    attrs
        .into_iter()
        .map(|a| (a.name.local.to_string(), a.value.to_string()))
        .collect()
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Page;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Page {
        let mut page = self.page.into_inner();
        if page.nodes.is_empty() {
            page.nodes.push(document());
        }
        page
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.page.borrow_mut().errors.push(msg.into_owned());
    }

    fn get_document(&self) -> usize {
        let mut page = self.page.borrow_mut();
        if page.nodes.is_empty() {
            page.nodes.push(document());
        }
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.page.borrow(), |page| &page.nodes[*target].name)
    }

    fn create_element(&self, name: QualName, attributes: Vec<Attribute>, _: ElementFlags) -> usize {
        self.add(name, attrs(attributes), true)
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.add(
            QualName::new(None, html5ever::ns!(), html5ever::local_name!("")),
            Vec::new(),
            false,
        )
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.create_comment(StrTendril::new())
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        let mut page = self.page.borrow_mut();
        match child {
            NodeOrText::AppendText(text) => page.nodes[*parent].text.push_str(&text),
            NodeOrText::AppendNode(node) => {
                Sink::detach(&mut page, node);
                page.nodes[node].parent = Some(*parent);
                page.nodes[*parent].children.push(node);
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &usize, prev: &usize, child: NodeOrText<usize>) {
        let has_parent = self.page.borrow().nodes[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, _: StrTendril, _: StrTendril) {
        self.page.borrow_mut().doctype = Some(name.to_string());
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        *target
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.page.borrow_mut().quirks = mode != QuirksMode::NoQuirks;
    }

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let mut page = self.page.borrow_mut();
        let Some(parent) = page.nodes[*sibling].parent else {
            return;
        };
        match new_node {
            NodeOrText::AppendText(text) => page.nodes[parent].text.push_str(&text),
            NodeOrText::AppendNode(node) => {
                Sink::detach(&mut page, node);
                let at = page.nodes[parent]
                    .children
                    .iter()
                    .position(|c| c == sibling)
                    .unwrap_or(0);
                page.nodes[parent].children.insert(at, node);
                page.nodes[node].parent = Some(parent);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, attributes: Vec<Attribute>) {
        let mut page = self.page.borrow_mut();
        for (name, value) in attrs(attributes) {
            if !page.nodes[*target].attrs.iter().any(|(n, _)| *n == name) {
                page.nodes[*target].attrs.push((name, value));
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Sink::detach(&mut self.page.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut page = self.page.borrow_mut();
        let children = std::mem::take(&mut page.nodes[*node].children);
        for &child in &children {
            page.nodes[child].parent = Some(*new_parent);
        }
        page.nodes[*new_parent].children.extend(children);
    }
}

#[test]
fn the_parser_reports_what_is_not_valid_html5() {
    let good = parse("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title></head><body><p>a <a href=\"x\">b</a></p></body></html>\n");
    assert!(good.errors.is_empty(), "{:?}", good.errors);
    assert!(!good.quirks);
    assert_eq!(good.elements("a")[0].attr("href"), Some("x"));
    let bad = parse("<html><body><p>a</div></b>&bogus</body>");
    assert!(!bad.errors.is_empty());
    assert!(bad.quirks);
}
