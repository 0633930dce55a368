//! Finding the content files: walk the content folder in a stable order and
//! classify each file as the site's generator does. feedwright's own
//! convention and Hugo's (`hugolib/pagebundler`, `hugofs/files/classifier.go`
//! in Hugo 0.111.3) share one walk: regular pages, leaf bundles that keep
//! their folder's files as resources, section lists (`_index`). Zola's
//! (`components/content/src/file_info.rs`, `Site::load`) differs in what a
//! bundle holds and how a language suffix reads; Jekyll's is its own walk
//! over the whole site ([`jekyll`]).

pub(crate) mod jekyll;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Diagnostic, Error, Result};

/// How deep folders may nest before the walk stops (a guard, not a real limit).
const MAX_DEPTH: usize = 64;

/// What the generator makes of a content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `name.md`: a page whose name is its file name.
    Regular,
    /// `name/index.md`: a leaf bundle, named after its folder; resources live beside it.
    LeafBundle,
    /// `_index.md`: the list page of its folder (a section, or the home page at the root).
    SectionIndex,
}

/// The language a page body is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Markup {
    /// Markdown, rendered to HTML.
    #[default]
    Markdown,
    /// HTML (Hugo's and Jekyll's `.html` content files), kept as it is.
    Html,
}

/// A content file found under the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceFile {
    /// The path to read it from.
    pub(crate) path: PathBuf,
    /// The folders between the content folder and the page (for a bundle, its
    /// parent's; for a Jekyll post, those above its `_posts`); shared by
    /// every file of a folder.
    pub(crate) folders: Arc<[String]>,
    /// The page's own name: file stem without its language suffix, or bundle
    /// folder name; "" for a section index.
    pub(crate) name: String,
    /// What kind of page it is.
    pub(crate) kind: FileKind,
    /// The translation suffix as written (`fr` in `post.fr.md`), if any.
    pub(crate) language: Option<String>,
    /// The page's language: its index in the configured languages (0, the
    /// default, where none is configured).
    pub(crate) lang: usize,
    /// What the body is written in.
    pub(crate) markup: Markup,
    /// Jekyll: the collection the document belongs to (`posts`, or a
    /// configured collection's label); `None` for a page.
    pub(crate) collection: Option<Arc<str>>,
}

/// What the walk found besides pages.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    /// The content files, sorted by path.
    pub(crate) files: Vec<SourceFile>,
    /// Things skipped that the user should hear about.
    pub(crate) warnings: Vec<Diagnostic>,
    /// Symbolic links that loop, dangle or lead out of the content folder.
    pub(crate) errors: Vec<Error>,
    /// The content folder, resolved, to tell where links lead.
    root: PathBuf,
}

/// A test of a file's absolute path: whether the site's configuration leaves it out.
pub(crate) type IgnoredFiles = Box<dyn Fn(&Path) -> bool + Send + Sync>;

/// Whose conventions the walk follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LayoutKind {
    /// feedwright's own: Hugo-like, `.md` and `.markdown`, any ISO 639-1 suffix a translation.
    Plain,
    /// Hugo's.
    Hugo,
    /// Zola's.
    Zola,
}

/// How to walk a content folder: the generator's conventions and the site's languages.
pub(crate) struct Layout {
    /// Whose conventions.
    pub(crate) kind: LayoutKind,
    /// The configured language codes, the default first (one for a
    /// single-language site).
    pub(crate) languages: Vec<String>,
    /// Files (absolute paths) the site's configuration leaves out: Hugo
    /// `ignoreFiles`, Zola `ignored_content`.
    pub(crate) ignored: Option<IgnoredFiles>,
}

impl Layout {
    /// feedwright's own layout.
    pub(crate) fn plain() -> Layout {
        Layout {
            kind: LayoutKind::Plain,
            languages: Vec::new(),
            ignored: None,
        }
    }

    /// The stem of a content file name and its markup, or `None` for a file
    /// the generator does not treat as content.
    fn content_stem<'n>(&self, name: &'n str) -> Option<(&'n str, Markup)> {
        let (stem, extension) = name.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        let markup = match (self.kind, extension) {
            (LayoutKind::Plain, "md" | "markdown") => Markup::Markdown,
            (LayoutKind::Hugo, "md" | "markdown" | "mdown") => Markup::Markdown,
            (LayoutKind::Hugo, "html" | "htm") => Markup::Html,
            (LayoutKind::Zola, "md") => Markup::Markdown,
            _ => return None,
        };
        Some((stem, markup))
    }

    /// Whether a file or folder name is never content: hidden files, and
    /// Hugo's `#` and `~` editor files.
    fn skips(&self, name: &str) -> bool {
        name.starts_with('.')
            || (self.kind == LayoutKind::Hugo && (name.starts_with('#') || name.ends_with('~')))
    }

    /// A stem without its language suffix, the suffix, and the language index:
    /// Hugo reads a suffix only when it names a configured language; Zola
    /// splits at the first dot of a multilingual site's names, keeps the
    /// default language's suffix in the name, and refuses an unknown one.
    fn split_language<'s>(
        &self,
        stem: &'s str,
        folder_lang: usize,
    ) -> std::result::Result<(&'s str, Option<&'s str>, usize), String> {
        match self.kind {
            LayoutKind::Plain => {
                let (base, suffix) = split_language(stem);
                Ok((base, suffix, folder_lang))
            }
            LayoutKind::Hugo => {
                if let Some((base, suffix)) = stem.rsplit_once('.') {
                    if let Some(index) = self
                        .languages
                        .iter()
                        .position(|l| l.eq_ignore_ascii_case(suffix))
                    {
                        if !base.is_empty() {
                            return Ok((base, Some(suffix), index));
                        }
                    }
                }
                Ok((stem, None, folder_lang))
            }
            LayoutKind::Zola => {
                if self.languages.len() < 2 {
                    return Ok((stem, None, 0));
                }
                let Some((base, suffix)) = stem.split_once('.') else {
                    return Ok((stem, None, 0));
                };
                match self.languages.iter().position(|l| l == suffix) {
                    Some(0) => Ok((stem, None, 0)),
                    Some(index) => Ok((base, Some(suffix), index)),
                    None => Err(format!(
                        "has a language code of `{suffix}`, which is not among the languages of the site's config.toml ({}); Zola refuses it too: rename the file or add the language",
                        self.languages.join(", ")
                    )),
                }
            }
        }
    }
}

/// Walks each content folder of `roots` (a folder and the language its
/// files are in unless their name says otherwise), not following symbolic
/// links (so nothing outside it is read and no link loop can trap the walk),
/// in byte order of names.
pub(crate) fn discover_all(roots: &[(PathBuf, usize)], layout: &Layout) -> Result<Discovery> {
    let mut all = Discovery::default();
    for (root, lang) in roots {
        let found = discover_with(root, layout, *lang, roots.len() == 1)?;
        all.files.extend(found.files);
        all.warnings.extend(found.warnings);
        all.errors.extend(found.errors);
        all.root = found.root;
    }
    if all.files.is_empty() && all.errors.is_empty() {
        let folders: Vec<String> = roots.iter().map(|(r, _)| r.display().to_string()).collect();
        return Err(Error::Usage(format!(
            "{}: no content files in the content folder (pass --content DIR)",
            folders.join(", ")
        )));
    }
    Ok(all)
}

/// Walks `root` with feedwright's own conventions.
pub(crate) fn discover(root: &Path) -> Result<Discovery> {
    discover_with(root, &Layout::plain(), 0, true)
}

fn discover_with(root: &Path, layout: &Layout, lang: usize, alone: bool) -> Result<Discovery> {
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Usage(format!(
            "{}: content folder not found (pass --content DIR)",
            root.display()
        )),
        _ => Error::io(root, e),
    })?;
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a folder (pass --content DIR)",
            root.display()
        )));
    }
    let mut found = Discovery {
        root: fs::canonicalize(root).map_err(|e| Error::io(root, e))?,
        ..Discovery::default()
    };
    walk(root, &mut Vec::new(), &mut found, layout, lang)?;
    if alone && found.files.is_empty() && found.errors.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no Markdown files (.md, .markdown) in the content folder (pass --content DIR)",
            root.display()
        )));
    }
    Ok(found)
}

/// A symbolic link in the content folder is never followed: one that loops,
/// dangles or leads outside the folder is an error (content must not be read
/// from elsewhere), one that leads inside it is skipped, its target being read
/// where it is.
fn check_link(path: &Path, found: &mut Discovery) {
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(&found.root) => found.warnings.push(Diagnostic::new(
            Some(path.to_path_buf()),
            None,
            "symbolic link not followed (its target is read where it is)",
        )),
        Ok(target) => found.errors.push(Error::content(
            path,
            None,
            format!(
                "is a symbolic link to {}, outside the content folder; content must be inside it",
                target.display()
            ),
        )),
        Err(e) => found.errors.push(Error::content(
            path,
            None,
            format!("is a symbolic link that cannot be followed ({e}): a loop or a missing target"),
        )),
    }
}

/// The sorted entries of `dir`: names and file types.
pub(crate) fn read_entries(dir: &Path) -> Result<Vec<(std::ffi::OsString, fs::FileType)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let file_type = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        entries.push((entry.file_name(), file_type));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

fn walk(
    dir: &Path,
    folders: &mut Vec<String>,
    found: &mut Discovery,
    layout: &Layout,
    lang: usize,
) -> Result<()> {
    if folders.len() > MAX_DEPTH {
        found.warnings.push(Diagnostic::new(
            Some(dir.to_path_buf()),
            None,
            format!("folders nest more than {MAX_DEPTH} deep; skipped"),
        ));
        return Ok(());
    }
    let entries = read_entries(dir)?;

    // The content folder itself is never a bundle (Hugo's home is a branch).
    // Zola's bundles keep their other Markdown files as pages, so only
    // Hugo's (and feedwright's) swallow their folder.
    let here: Arc<[String]> = folders.as_slice().into();
    let is_index = |stem: &str| match layout.kind {
        LayoutKind::Zola => stem.split('.').next() == Some("index"),
        _ => layout
            .split_language(stem, lang)
            .is_ok_and(|(base, _, _)| base == "index"),
    };
    let is_leaf_bundle = !folders.is_empty()
        && layout.kind != LayoutKind::Zola
        && entries.iter().any(|(name, file_type)| {
            !file_type.is_dir()
                && name
                    .to_str()
                    .and_then(|n| layout.content_stem(n))
                    .is_some_and(|(stem, _)| is_index(stem))
        });

    for (os_name, file_type) in entries {
        let path = dir.join(&os_name);
        let Some(name) = os_name.to_str() else {
            found.warnings.push(Diagnostic::new(
                Some(path.clone()),
                None,
                "file name is not UTF-8; skipped",
            ));
            continue;
        };
        if layout.skips(name) {
            continue;
        }
        if file_type.is_symlink() {
            check_link(&path, found);
            continue;
        }
        if file_type.is_dir() {
            // Folders inside a leaf bundle hold its resources, not pages.
            if !is_leaf_bundle {
                folders.push(name.to_string());
                walk(&path, folders, found, layout, lang)?;
                folders.pop();
            }
            continue;
        }
        let Some((stem, markup)) = layout.content_stem(name) else {
            continue;
        };
        if layout
            .ignored
            .as_ref()
            .is_some_and(|ignored| ignored(&found.root.join(folders.join("/")).join(name)))
        {
            continue;
        }
        if layout.kind == LayoutKind::Zola && (stem == "_index" || stem.starts_with("_index.")) {
            // `_index.md`, or `_index.<another language>.md`; any other
            // `_index.*` (the default language's too) is not a section.
            let suffix = stem.strip_prefix("_index.");
            let section_lang = match suffix {
                None => Some(0),
                Some(code) => layout
                    .languages
                    .iter()
                    .skip(1)
                    .position(|l| l == code)
                    .map(|i| i + 1),
            };
            if let Some(section_lang) = section_lang {
                found.files.push(SourceFile {
                    path,
                    folders: Arc::clone(&here),
                    name: String::new(),
                    kind: FileKind::SectionIndex,
                    language: suffix.map(str::to_string),
                    lang: section_lang,
                    markup,
                    collection: None,
                });
            }
            continue;
        }
        let (base, language, page_lang) = match layout.split_language(stem, lang) {
            Ok(split) => split,
            Err(message) => {
                found.errors.push(Error::content(&path, None, message));
                continue;
            }
        };
        let (kind, page_folders, page_name) = if layout.kind == LayoutKind::Zola {
            if !folders.is_empty() && is_index(stem) {
                let (bundle, parents) = folders.split_last().expect("not empty");
                let slug_source = if base == "index" {
                    bundle.clone()
                } else {
                    base.to_string()
                };
                (FileKind::LeafBundle, parents.into(), slug_source)
            } else {
                (FileKind::Regular, Arc::clone(&here), base.to_string())
            }
        } else {
            match base {
                "_index" => (FileKind::SectionIndex, Arc::clone(&here), String::new()),
                "index" if !folders.is_empty() => {
                    let (bundle, parents) = folders.split_last().expect("not empty");
                    (FileKind::LeafBundle, parents.into(), bundle.clone())
                }
                // Other content files in a leaf bundle are its resources.
                _ if is_leaf_bundle => continue,
                _ => (FileKind::Regular, Arc::clone(&here), base.to_string()),
            }
        };
        found.files.push(SourceFile {
            path,
            folders: page_folders,
            name: page_name,
            kind,
            language: language.map(str::to_string),
            lang: page_lang,
            markup,
            collection: None,
        });
    }
    Ok(())
}

/// `post.fr` → (`post`, Some(`fr`)) when the suffix is an ISO 639-1 code
/// (optionally with a region, `pt-br`); anything else is part of the name.
pub(crate) fn split_language(stem: &str) -> (&str, Option<&str>) {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if !base.is_empty() && !suffix.contains('_') && is_language_code(suffix) {
            return (base, Some(suffix));
        }
    }
    (stem, None)
}

/// An ISO 639-1 code, alone or with a region (`pt-br`, `zh_CN`).
pub(crate) fn is_language_code(code: &str) -> bool {
    let primary = code.split(['-', '_']).next().unwrap_or("");
    let region_ok = code[primary.len()..]
        .strip_prefix(['-', '_'])
        .is_none_or(|r| (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    is_iso639_1(primary) && region_ok
}

fn is_iso639_1(code: &str) -> bool {
    const CODES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";
    code.len() == 2 && CODES.split(' ').any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_suffixes() {
        assert_eq!(split_language("index.ca"), ("index", Some("ca")));
        assert_eq!(split_language("post.pt-br"), ("post", Some("pt-br")));
        assert_eq!(
            split_language("Charming-Evening-Field.1"),
            ("Charming-Evening-Field.1", None)
        );
        assert_eq!(split_language("file.new"), ("file.new", None));
        assert_eq!(split_language("post"), ("post", None));
        assert_eq!(split_language(".en"), (".en", None));
    }

    #[test]
    fn classifies_hugo_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "_index.md",
            "about.md",
            "blog/_index.md",
            "blog/post-1.md",
            "blog/bundle/index.md",
            "blog/bundle/notes.md",
            "blog/bundle/img/x.md",
            "blog/.hidden.md",
            ".git/x.md",
            "blog/image.png",
            "docs/a/b/deep.markdown",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let found = discover(root).unwrap();
        let summary: Vec<_> = found
            .files
            .iter()
            .map(|f| (f.folders.join("/"), f.name.as_str(), f.kind))
            .collect();
        assert_eq!(
            summary,
            vec![
                (String::new(), "", FileKind::SectionIndex),
                (String::new(), "about", FileKind::Regular),
                ("blog".into(), "", FileKind::SectionIndex),
                ("blog".into(), "bundle", FileKind::LeafBundle),
                ("blog".into(), "post-1", FileKind::Regular),
                ("docs/a/b".into(), "deep", FileKind::Regular),
            ]
        );
    }
}
