//! Writing outputs: each file goes to a temporary file in the output folder,
//! is flushed to disk, then renamed over the old one, so a reader (or a
//! crashed build) only ever sees the complete old file or the complete new one.
//!
//! Builds into one folder take turns (an exclusive lock on the folder itself,
//! so no lock file is left among the outputs), so two at once still end with a
//! complete set, and the one holding the lock may safely remove temporary files
//! a killed build left behind.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path};

use crate::error::{Error, Result};
use crate::output::OutputFile;

/// Writes every file into `out_dir` (created if missing), each atomically.
pub(crate) fn write_all(out_dir: &Path, files: &[OutputFile]) -> Result<()> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: the output path exists and is not a folder (pass --out DIR)",
            out_dir.display()
        )));
    }
    fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    // The folders the files go into (a section's, a term's), each checked to
    // stay inside the output folder, parents before children.
    let mut folders = BTreeSet::new();
    for file in files {
        let path = Path::new(&file.name);
        let inside = path.components().all(|c| matches!(c, Component::Normal(_)))
            && path.components().next().is_some();
        if !inside {
            return Err(Error::Render {
                output: file.name.clone(),
                message: "an output path outside the output folder".into(),
            });
        }
        let mut parent = path.parent();
        while let Some(folder) = parent.filter(|p| !p.as_os_str().is_empty()) {
            folders.insert(out_dir.join(folder));
            parent = folder.parent();
        }
    }
    for folder in &folders {
        fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    // Where a folder cannot be opened as a file (not on Linux or macOS), builds
    // still write atomically; they only lose the turn-taking.
    let lock = fs::File::open(out_dir)
        .ok()
        .filter(|folder| folder.lock().is_ok());
    if lock.is_some() {
        remove_stale_temp_files(out_dir);
        for folder in &folders {
            remove_stale_temp_files(folder);
        }
    }
    // Every file is written in full (and flushed) before any is renamed: a full
    // disk or any write error then leaves every old file as it was, rather than
    // new feeds beside an old sitemap. Dropped on error, the temporary files go.
    // The files are written side by side: flushing each to disk is a wait.
    use rayon::prelude::*;
    // Feeds of a site's other languages live in their folders (`fr/atom.xml`).
    for file in files {
        if let Some(parent) = Path::new(&file.name)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            let dir = out_dir.join(parent);
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
    }
    let written = files
        .par_iter()
        .map(|file| {
            let target = out_dir.join(&file.name);
            write_temp(&target, &file.bytes).map(|temp| (temp, target))
        })
        .collect::<Result<Vec<_>>>()?;
    for (temp, target) in written {
        temp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
    }
    drop(lock);
    Ok(())
}

/// An output file whose bytes on disk are not the build's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The file in the output folder.
    pub path: std::path::PathBuf,
    /// Whether it is missing, rather than different.
    pub missing: bool,
}

/// Each of `files` whose copy in `out_dir` is missing or differs, in order;
/// reads only, for `build --check`.
pub(crate) fn differences(out_dir: &Path, files: &[OutputFile]) -> Result<Vec<Difference>> {
    let mut differing = Vec::new();
    for file in files {
        let path = out_dir.join(&file.name);
        match fs::read(&path) {
            Ok(bytes) if bytes == file.bytes => {}
            Ok(_) => differing.push(Difference {
                path,
                missing: false,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => differing.push(Difference {
                path,
                missing: true,
            }),
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(differing)
}

const TEMP_PREFIX: &str = ".feedwright-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes temporary files of builds that were killed mid-write; only called
/// with the lock held, when no other build can be writing one.
fn remove_stale_temp_files(out_dir: &Path) {
    let Ok(entries) = fs::read_dir(out_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `bytes` in a flushed temporary file beside `target`, ready to be renamed over it.
fn write_temp(target: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes).map_err(|e| Error::io(target, e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(target, e))?;
    // Feeds are public files: give them the usual mode rather than the temp file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temp
            .as_file()
            .set_permissions(fs::Permissions::from_mode(0o644));
    }
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_files_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("rss.xml"), "old").unwrap();
        let files = [OutputFile {
            name: "rss.xml".into(),
            bytes: b"new".to_vec(),
        }];
        write_all(dir.path(), &files).unwrap();
        assert_eq!(fs::read(dir.path().join("rss.xml")).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["rss.xml"]);
    }

    #[test]
    fn files_go_into_folders_inside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| OutputFile {
            name: name.into(),
            bytes: b"x".to_vec(),
        };
        write_all(dir.path(), &[file("tags/c++/rss.xml"), file("rss.xml")]).unwrap();
        assert_eq!(fs::read(dir.path().join("tags/c++/rss.xml")).unwrap(), b"x");
        for bad in ["../x.xml", "/etc/x", "a/../../x", ""] {
            assert!(write_all(dir.path(), &[file(bad)]).is_err(), "{bad}");
        }
    }

    #[test]
    fn temp_files_of_killed_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".feedwright-abc123.tmp");
        fs::write(&stale, "half a feed").unwrap();
        write_all(dir.path(), &[]).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn an_output_path_that_is_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("public");
        fs::write(&file, "keep").unwrap();
        assert!(write_all(&file, &[]).is_err());
        assert_eq!(fs::read(&file).unwrap(), b"keep");
    }
}
