//! Jekyll's walk over the whole site (jekyll 4.3.1 `lib/jekyll/reader.rb`
//! `read_directories`, `readers/post_reader.rb`, `readers/collection_reader.rb`,
//! `entry_filter.rb`): every folder the entry filter keeps is read for pages,
//! the `_posts` folder inside any of them for posts, and each configured
//! collection's `_<label>` folder for its documents. Folders and files whose
//! name starts with `_`, `.`, `#` or `~` (or ends with `~`) are not content,
//! and neither is anything `exclude` names, unless `include` names it.
//!
//! Which of the files found have front matter (and so are pages rather than
//! files copied as they are) is known only once they are read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{check_link, read_entries, Discovery, FileKind, Markup, SourceFile, MAX_DEPTH};
use crate::error::{Diagnostic, Error, Result};
use crate::site_config::jekyll::JekyllRules;

/// `Document::DATE_FILENAME_MATCHER`'s test on a post's file name: a
/// `YYYY-MM-DD-` prefix (years of 2 to 4 digits, months and days of 1 or 2).
pub(crate) fn dated_name(name: &str) -> Option<(&str, &str)> {
    let mut parts = name.splitn(4, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let slug = parts.next()?;
    let digits =
        |s: &str, min, max| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if digits(year, 2, 4) && digits(month, 1, 2) && digits(day, 1, 2) {
        let date_len = year.len() + month.len() + day.len() + 2;
        Some((&name[..date_len], slug))
    } else {
        None
    }
}

/// Walks the Jekyll site in `root`. `languages` are the configured language
/// codes, the default first: a page or post under a top-level folder named
/// after one of them is in that language.
pub(crate) fn discover(
    root: &Path,
    rules: &JekyllRules,
    languages: &[String],
    out_dir: &Path,
) -> Result<Discovery> {
    let mut found = Discovery {
        root: std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?,
        ..Discovery::default()
    };
    let walker = Walker {
        rules,
        languages,
        out_dir: out_dir.strip_prefix(root).unwrap_or(out_dir).to_path_buf(),
    };
    walker.walk(root, &mut Vec::new(), &mut found)?;
    let collections_dir = root.join(&rules.collections_dir);
    for collection in rules
        .collections
        .iter()
        .filter(|c| c.label != "posts" && c.output)
    {
        let dir = collections_dir.join(format!("_{}", collection.label));
        if dir.is_dir() {
            let label: Arc<str> = collection.label.as_str().into();
            walker.read_documents(&dir, &label, &mut found)?;
        }
    }
    if found.files.is_empty() && found.errors.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no posts or pages in the Jekyll site (pass --site DIR)",
            root.display()
        )));
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// What [`Walker::read_collection`] does with each file it keeps: its path,
/// the folders between, its stem and its markup.
type AddFile<'f> = dyn FnMut(PathBuf, &[String], &str, Markup, &mut Discovery) + 'f;

struct Walker<'a> {
    rules: &'a JekyllRules,
    languages: &'a [String],
    out_dir: PathBuf,
}

impl Walker<'_> {
    /// The markup of a file Jekyll renders to HTML (Markdown or HTML), by extension.
    fn markup(&self, name: &str) -> Option<Markup> {
        let (_, extension) = name.rsplit_once('.')?;
        let extension = extension.to_ascii_lowercase();
        if self.rules.markdown_ext.contains(&extension) {
            Some(Markup::Markdown)
        } else if matches!(extension.as_str(), "html" | "htm") {
            Some(Markup::Html)
        } else {
            None
        }
    }

    /// The language of a file under `folders`: the first folder's, when it names one.
    fn language(&self, folders: &[String]) -> usize {
        folders
            .first()
            .and_then(|first| {
                self.languages
                    .iter()
                    .position(|l| l.eq_ignore_ascii_case(first))
            })
            .unwrap_or(0)
    }

    /// `EntryFilter#filter`: whether the entry `relative` (a path relative to
    /// the site, or to the posts folder) is kept.
    fn keeps(&self, relative: &str, is_dir: bool) -> bool {
        let name = relative.rsplit('/').next().unwrap_or(relative);
        if name.ends_with('.') {
            return false;
        }
        let included = self
            .rules
            .include
            .iter()
            .any(|p| glob_includes(p, relative, is_dir) || glob_includes(p, name, is_dir));
        let excluded = self
            .rules
            .exclude
            .iter()
            .filter(|p| !self.rules.include.contains(p))
            .any(|p| glob_includes(p, relative, is_dir));
        if excluded && !included {
            return false;
        }
        if included {
            return true;
        }
        let special = |s: &str| s.starts_with(['.', '_', '#', '~']);
        !(special(relative) || special(name) || relative.ends_with('~'))
    }

    fn walk(&self, dir: &Path, folders: &mut Vec<String>, found: &mut Discovery) -> Result<()> {
        if folders.len() > MAX_DEPTH {
            return Ok(());
        }
        let entries = read_entries(dir)?;
        for (os_name, file_type) in entries {
            let path = dir.join(&os_name);
            let Some(name) = os_name.to_str() else {
                continue;
            };
            if file_type.is_dir() && name == "_posts" {
                let categories: Arc<[String]> = folders.as_slice().into();
                self.read_posts(&path, &categories, found)?;
                continue;
            }
            let mut relative = folders.join("/");
            if !relative.is_empty() {
                relative.push('/');
            }
            relative.push_str(name);
            if !self.keeps(&relative, file_type.is_dir()) || Path::new(&relative) == self.out_dir {
                continue;
            }
            if file_type.is_symlink() {
                check_link(&path, found);
                continue;
            }
            if file_type.is_dir() {
                folders.push(name.to_string());
                self.walk(&path, folders, found)?;
                folders.pop();
                continue;
            }
            let Some(markup) = self.markup(name) else {
                continue;
            };
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            found.files.push(SourceFile {
                path,
                folders: folders.as_slice().into(),
                name: stem.trim_end_matches('.').to_string(),
                kind: FileKind::Regular,
                language: None,
                lang: self.language(folders),
                markup,
                collection: None,
            });
        }
        Ok(())
    }

    /// Every dated file under a `_posts` folder; `categories` are the folders above it.
    fn read_posts(
        &self,
        dir: &Path,
        categories: &Arc<[String]>,
        found: &mut Discovery,
    ) -> Result<()> {
        let posts: Arc<str> = "posts".into();
        self.read_collection(
            dir,
            &mut Vec::new(),
            found,
            &mut |path, _, stem, markup, found| {
                if dated_name(stem).is_none() {
                    found.warnings.push(Diagnostic::new(
                        Some(path),
                        None,
                        "in _posts but not named YYYY-MM-DD-title; Jekyll does not publish it",
                    ));
                    return;
                }
                found.files.push(SourceFile {
                    path,
                    folders: Arc::clone(categories),
                    name: stem.to_string(),
                    kind: FileKind::Regular,
                    language: None,
                    lang: self.language(categories),
                    markup,
                    collection: Some(Arc::clone(&posts)),
                });
            },
        )
    }

    /// Every document of a collection's folder.
    fn read_documents(&self, dir: &Path, label: &Arc<str>, found: &mut Discovery) -> Result<()> {
        self.read_collection(
            dir,
            &mut Vec::new(),
            found,
            &mut |path, inner, stem, markup, found| {
                found.files.push(SourceFile {
                    path,
                    folders: inner.into(),
                    name: stem.to_string(),
                    kind: FileKind::Regular,
                    language: None,
                    lang: 0,
                    markup,
                    collection: Some(Arc::clone(label)),
                });
            },
        )
    }

    /// Every file of a collection's folder (`_posts`, `_<label>`) and its
    /// subfolders that the entry filter keeps (on its path inside the
    /// folder) and Jekyll renders: `add` gets its path, the folders between,
    /// its stem and its markup.
    fn read_collection(
        &self,
        dir: &Path,
        inner: &mut Vec<String>,
        found: &mut Discovery,
        add: &mut AddFile<'_>,
    ) -> Result<()> {
        for (os_name, file_type) in read_entries(dir)? {
            let path = dir.join(&os_name);
            let Some(name) = os_name.to_str() else {
                continue;
            };
            let mut relative = inner.join("/");
            if !relative.is_empty() {
                relative.push('/');
            }
            relative.push_str(name);
            if !self.keeps(&relative, file_type.is_dir()) || file_type.is_symlink() {
                continue;
            }
            if file_type.is_dir() {
                if inner.len() < MAX_DEPTH {
                    inner.push(name.to_string());
                    self.read_collection(&path, inner, found, add)?;
                    inner.pop();
                }
                continue;
            }
            if let Some(markup) = self.markup(name) {
                let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
                add(path, inner, stem, markup, found);
            }
        }
        Ok(())
    }
}

/// `EntryFilter#glob_include?` for one string pattern: `File.fnmatch?`
/// (without `FNM_PATHNAME`, so `*` crosses `/`), or a plain prefix of the
/// path (`exclude: [doc]` leaves out `docs/` too), or the folder itself
/// written with a trailing `/`.
fn glob_includes(pattern: &str, relative: &str, is_dir: bool) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_start_matches('/');
    fnmatch(pattern.as_bytes(), relative.as_bytes())
        || relative.starts_with(pattern)
        || (is_dir && pattern.strip_suffix('/') == Some(relative))
}

/// Ruby's `File.fnmatch?` without flags: `*`, `?`, `[set]` (`[!set]`), `\` escapes.
pub(crate) fn fnmatch(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| fnmatch(rest, &text[i..])),
        Some((b'?', rest)) => !text.is_empty() && fnmatch(rest, &text[1..]),
        Some((b'[', rest)) => {
            let Some(close) = rest.iter().skip(1).position(|&b| b == b']').map(|p| p + 1) else {
                return text.first() == Some(&b'[') && fnmatch(rest, &text[1..]);
            };
            let (set, after) = (&rest[..close], &rest[close + 1..]);
            let (negate, set) = match set.first() {
                Some(b'!' | b'^') => (true, &set[1..]),
                _ => (false, set),
            };
            let Some(&c) = text.first() else {
                return false;
            };
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == b'-' {
                    hit |= (set[i]..=set[i + 2]).contains(&c);
                    i += 3;
                } else {
                    hit |= set[i] == c;
                    i += 1;
                }
            }
            hit != negate && fnmatch(after, &text[1..])
        }
        Some((b'\\', rest)) if !rest.is_empty() => {
            text.first() == Some(&rest[0]) && fnmatch(&rest[1..], &text[1..])
        }
        Some((&c, rest)) => text.first() == Some(&c) && fnmatch(rest, &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names_as_jekyll_reads_them() {
        assert_eq!(
            dated_name("2015-7-1-Hello-World"),
            Some(("2015-7-1", "Hello-World"))
        );
        assert_eq!(
            dated_name("20-01-21-shortyear"),
            Some(("20-01-21", "shortyear"))
        );
        assert_eq!(
            dated_name("2020-01-04-dots.in.name"),
            Some(("2020-01-04", "dots.in.name"))
        );
        assert_eq!(dated_name("notadate"), None);
        assert_eq!(dated_name("2020-01-01"), None);
        assert_eq!(dated_name("12345-01-01-x"), None);
    }

    #[test]
    fn exclude_patterns_as_jekyll_matches_them() {
        assert!(glob_includes("doc", "docs", true));
        assert!(glob_includes("vendor/bundle/", "vendor/bundle", true));
        assert!(glob_includes("*.txt", "a/b.txt", false));
        assert!(glob_includes("README.md", "README.md", false));
        assert!(!glob_includes("README.md", "docs/README.md", false));
        assert!(glob_includes("[ab]*.md", "a1.md", false));
        assert!(!glob_includes("[!ab]*.md", "a1.md", false));
    }

    fn walker(rules: &JekyllRules) -> Walker<'_> {
        Walker {
            rules,
            languages: &[],
            out_dir: PathBuf::from("_site"),
        }
    }

    #[test]
    fn the_entry_filter() {
        let mut rules = JekyllRules::default();
        rules.exclude.push("README.md".into());
        rules.include.push("_under".into());
        let w = walker(&rules);
        assert!(w.keeps("about.md", false));
        assert!(!w.keeps("_includes", true));
        assert!(!w.keeps(".git", true));
        assert!(!w.keeps("#x.md", false));
        assert!(!w.keeps("x.md~", false));
        assert!(!w.keeps("README.md", false));
        assert!(!w.keeps("node_modules", true));
        assert!(w.keeps("_under", true));
        assert!(!w.keeps("sub/_partial.md", false));
    }
}
