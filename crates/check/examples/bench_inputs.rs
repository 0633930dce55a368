//! Writes the benchmark's inputs to a folder, for profilers:
//! `cargo run --release -p feedwright-check --example bench_inputs -- DIR`
//! writes `DIR/rss.xml`, `DIR/atom.xml` and `DIR/sitemap.xml`.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/inputs.rs"]
mod inputs;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bench_inputs DIR");
        return ExitCode::from(2);
    };
    let files = [
        ("rss.xml", inputs::rss_feed()),
        ("atom.xml", inputs::atom_feed()),
        ("sitemap.xml", inputs::sitemap(50_000)),
    ];
    for (name, bytes) in files {
        if let Err(e) = std::fs::write(dir.join(name), bytes) {
            eprintln!("bench_inputs: {}: {e}", dir.join(name).display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
