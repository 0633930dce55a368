//! How long the checker takes on the largest files it must read: a feed at
//! the 5,000,000-byte limit (RSS and Atom, each item with a full HTML post)
//! and a sitemap of 50,000 URLs, the protocol's limit.
//!
//! `cargo bench -p feedwright-check --bench check`; figures in `docs/check.md`.

// `criterion_group!` makes a public function it cannot document.
#![allow(missing_docs)]

#[path = "support/inputs.rs"]
mod inputs;

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use feedwright_check::{check, Level, Options};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-06-01T00:00:00Z")
        .expect("a valid date")
        .with_timezone(&Utc)
}

fn bench_file(c: &mut Criterion, name: &str, bytes: &[u8]) {
    let options = Options::at(now());
    // The file must be one the checker finds valid: a benchmark of errors
    // would measure the wrong thing.
    let report = check(name, bytes, &options);
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.level == Level::Error)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| black_box(check(name, black_box(bytes), &options)))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    feedwright_check::compile_patterns();
    bench_file(c, "rss.xml (5 MB)", &inputs::rss_feed());
    bench_file(c, "atom.xml (5 MB)", &inputs::atom_feed());
    bench_file(c, "sitemap.xml (50,000 URLs)", &inputs::sitemap(50_000));
}

criterion_group! {
    name = check_benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10))
        .sample_size(30);
    targets = benches
}
criterion_main!(check_benches);
