//! A post's image as a file of the site: the file served at the image's URL,
//! found beside the post in its page bundle or in the site's static folder,
//! so the feeds can give its exact length (an RSS `<enclosure>` needs one)
//! and syndication can upload it.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;
use url::Url;

/// The file served at `url`, the image the front matter names as `src` for
/// the post whose content file is `source`: in its bundle (`in_bundle`, `src`
/// relative), else under one of `folders` (the site's static folder first)
/// at the URL's path below `base`. Paths that would leave a folder are refused.
pub(crate) fn image_file(
    src: &str,
    url: &Url,
    source: &Path,
    in_bundle: bool,
    base: &Url,
    folders: &[PathBuf],
) -> Option<PathBuf> {
    let src = src.trim();
    let relative_src = Url::parse(src).is_err() && !src.starts_with('/');
    if in_bundle && relative_src {
        let relative = safe_relative(src.split(['?', '#']).next()?)?;
        let beside = source.parent()?.join(relative);
        return beside.is_file().then_some(beside);
    }
    if url.origin() != base.origin() {
        return None;
    }
    let path = url.path().strip_prefix(base.path())?;
    let path = percent_decode_str(path).decode_utf8().ok()?;
    let relative = safe_relative(&path)?;
    folders
        .iter()
        .map(|folder| folder.join(&relative))
        .find(|candidate| candidate.is_file())
}

/// `path` as a relative path that cannot leave its folder (`..` and roots refused).
fn safe_relative(path: &str) -> Option<PathBuf> {
    let path = Path::new(path);
    let plain = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    (plain && path.components().next().is_some()).then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_never_leave_the_site() {
        assert!(safe_relative("../secret.png").is_none());
        assert!(safe_relative("a/../../b.png").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert_eq!(
            safe_relative("./img/a.png"),
            Some(PathBuf::from("./img/a.png"))
        );
    }

    #[test]
    fn files_beside_the_post_or_in_the_static_folder() {
        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("content/blog/b");
        let statics = dir.path().join("static");
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::create_dir_all(statics.join("images")).unwrap();
        std::fs::write(bundle.join("cover.png"), b"png").unwrap();
        std::fs::write(statics.join("images/a b.jpg"), b"jpeg").unwrap();
        let base = Url::parse("https://example.org/site/").unwrap();
        let source = bundle.join("index.md");
        let folders = [statics.clone()];
        let url = base.join("blog/b/cover.png").unwrap();
        assert_eq!(
            image_file("cover.png", &url, &source, true, &base, &folders),
            Some(bundle.join("cover.png"))
        );
        let url = base.join("images/a%20b.jpg").unwrap();
        assert_eq!(
            image_file("/images/a b.jpg", &url, &source, true, &base, &folders),
            Some(statics.join("images/a b.jpg"))
        );
        let elsewhere = Url::parse("https://cdn.example.net/site/images/a%20b.jpg").unwrap();
        assert_eq!(
            image_file(
                elsewhere.as_str(),
                &elsewhere,
                &source,
                false,
                &base,
                &folders
            ),
            None
        );
        let escaping = Url::parse("https://example.org/site/%2E%2E/secret").unwrap();
        assert_eq!(
            image_file("x", &escaping, &source, false, &base, &folders),
            None
        );
    }
}
