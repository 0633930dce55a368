//! Finding the content files: walk the content folder in a stable order and
//! classify each Markdown file as Hugo does (regular page, leaf bundle, section list).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Diagnostic, Error, Result};

/// How deep folders may nest before the walk stops (a guard, not a real limit).
const MAX_DEPTH: usize = 64;

/// What Hugo makes of a content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `name.md`: a page whose name is its file name.
    Regular,
    /// `name/index.md`: a leaf bundle, named after its folder; resources live beside it.
    LeafBundle,
    /// `_index.md`: the list page of its folder (a section, or the home page at the root).
    SectionIndex,
}

/// A Markdown file found under the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceFile {
    /// The path to read it from.
    pub path: PathBuf,
    /// The folders between the content folder and the page (for a bundle, its
    /// parent's); shared by every file of a folder.
    pub folders: Arc<[String]>,
    /// The page's own name: file stem, or bundle folder name; "" for a section index.
    pub name: String,
    /// What kind of page it is.
    pub kind: FileKind,
    /// The translation suffix (`fr` in `post.fr.md`), if any.
    pub language: Option<String>,
}

/// What the walk found besides pages.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    /// The content files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Things skipped that the user should hear about.
    pub warnings: Vec<Diagnostic>,
    /// Symbolic links that loop, dangle or lead out of the content folder.
    pub errors: Vec<Error>,
    /// The content folder, resolved, to tell where links lead.
    root: PathBuf,
}

/// Walks `root` (not following symbolic links, so nothing outside it is read
/// and no link loop can trap the walk), in byte order of names.
pub(crate) fn discover(root: &Path) -> Result<Discovery> {
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
    walk(root, &mut Vec::new(), &mut found)?;
    if found.files.is_empty() && found.errors.is_empty() {
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

fn walk(dir: &Path, folders: &mut Vec<String>, found: &mut Discovery) -> Result<()> {
    if folders.len() > MAX_DEPTH {
        found.warnings.push(Diagnostic::new(
            Some(dir.to_path_buf()),
            None,
            format!("folders nest more than {MAX_DEPTH} deep; skipped"),
        ));
        return Ok(());
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let file_type = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        entries.push((entry.file_name(), file_type));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));

    // The content folder itself is never a bundle (Hugo's home is a branch).
    let here: Arc<[String]> = folders.as_slice().into();
    let is_leaf_bundle = !folders.is_empty()
        && entries.iter().any(|(name, file_type)| {
            !file_type.is_dir()
                && name
                    .to_str()
                    .and_then(markdown_stem)
                    .is_some_and(|stem| split_language(stem).0 == "index")
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
        if name.starts_with('.') {
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
                walk(&path, folders, found)?;
                folders.pop();
            }
            continue;
        }
        let Some(stem) = markdown_stem(name) else {
            continue;
        };
        let (base, language) = split_language(stem);
        let (kind, page_folders, page_name) = match base {
            "_index" => (FileKind::SectionIndex, Arc::clone(&here), String::new()),
            "index" if !folders.is_empty() => {
                let (bundle, parents) = folders.split_last().expect("not empty");
                (FileKind::LeafBundle, parents.into(), bundle.clone())
            }
            // Other Markdown files in a leaf bundle are its resources.
            _ if is_leaf_bundle => continue,
            _ => (FileKind::Regular, Arc::clone(&here), base.to_string()),
        };
        found.files.push(SourceFile {
            path,
            folders: page_folders,
            name: page_name,
            kind,
            language: language.map(str::to_string),
        });
    }
    Ok(())
}

/// The stem of a Markdown file name (`post` for `post.md`), or `None`.
fn markdown_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .filter(|stem| !stem.is_empty())
}

/// `post.fr` → (`post`, Some(`fr`)) when the suffix is an ISO 639-1 code
/// (optionally with a region, `pt-br`); anything else is part of the name.
pub(crate) fn split_language(stem: &str) -> (&str, Option<&str>) {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        let primary = suffix.split('-').next().unwrap_or("");
        let region_ok = suffix[primary.len()..].strip_prefix('-').is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if !base.is_empty() && is_iso639_1(primary) && region_ok {
            return (base, Some(suffix));
        }
    }
    (stem, None)
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
