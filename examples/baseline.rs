//! The floor a build is measured against, on one thread, for `bench/run.sh`:
//! `cargo run --release --example baseline -- MODE CONTENT_DIR`.
//!
//! - `read`: read every `.md` file under CONTENT_DIR (the I/O floor);
//! - `yaml`: read, split off the front matter and parse it into a generic
//!   `serde_yaml::Value` (the issue's "read + split + parse every front matter
//!   with serde_yaml (one thread)" row);
//! - `front-matter`: read, split and parse with feedwright's own typed
//!   `front_matter::parse` (what `Site::load` does per file, minus the page model).
//!
//! It prints the file count, the bytes read and the wall time to stderr; the
//! script measures time and memory from outside anyway.

use std::path::{Path, PathBuf};
use std::time::Instant;

use feedwright::internals::front_matter;

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(mode), Some(root)) = (args.next(), args.next()) else {
        eprintln!("usage: baseline read|yaml|front-matter CONTENT_DIR");
        std::process::exit(2);
    };
    let started = Instant::now();
    let files = markdown_files(Path::new(&root));
    let mut bytes = 0usize;
    // Kept so the optimiser cannot drop the parsing: the number of keys seen.
    let mut keys = 0usize;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1)
        });
        bytes += text.len();
        match mode.as_str() {
            "read" => keys += usize::from(text.starts_with("---")),
            "yaml" => {
                let split = front_matter::split(path, &text).expect("front matter splits");
                let value: serde_yaml::Value =
                    serde_yaml::from_str(split.front).expect("front matter is YAML");
                keys += value.as_mapping().map_or(0, |m| m.len());
            }
            "front-matter" => {
                let split = front_matter::split(path, &text).expect("front matter splits");
                let front = front_matter::parse(path, &split, front_matter::Keys::All)
                    .expect("front matter parses");
                keys += usize::from(front.title.text().is_some());
            }
            _ => {
                eprintln!("unknown mode {mode}: read, yaml or front-matter");
                std::process::exit(2);
            }
        }
    }
    eprintln!(
        "baseline {mode}: {} files, {bytes} bytes, {keys} keys, {:.3} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
}
