//! How long the checker takes on the largest files it must read: a feed at
//! the 5,000,000-byte limit (RSS and Atom, each item with a full HTML post)
//! and a sitemap of 50,000 URLs, the protocol's limit.
//!
//! Each is measured twice: in wall-clock time (`check/`), and in the
//! processor time of the whole process (`check-cpu/`, every thread the
//! checker starts counted), which other work on a busy machine inflates far
//! less than the wall clock: on an idle machine the wall time is at most
//! about the processor time.
//!
//! `cargo bench -p feedwright-check --bench check`; figures in `docs/check.md`.

// `criterion_group!` makes a public function it cannot document.
#![allow(missing_docs)]

#[path = "support/inputs.rs"]
mod inputs;

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use feedwright_check::{check, Level, Options};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-06-01T00:00:00Z")
        .expect("a valid date")
        .with_timezone(&Utc)
}

/// The processor time of this process, all threads (user and system).
struct ProcessTime;

/// Nanoseconds of processor time since the process started.
fn process_time_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to write.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    u64::try_from(now.tv_sec).expect("a positive time") * 1_000_000_000
        + u64::try_from(now.tv_nsec).expect("a positive time")
}

impl Measurement for ProcessTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        process_time_ns()
    }
    fn end(&self, started: u64) -> u64 {
        process_time_ns() - started
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &Milliseconds
    }
}

/// Shows nanoseconds as milliseconds of processor time.
struct Milliseconds;

impl ValueFormatter for Milliseconds {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "ms (cpu)"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (per, unit) = match throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => (*n as f64 / 1e6, "MB/s (cpu)"),
            Throughput::Elements(n) => (*n as f64, "elem/s (cpu)"),
        };
        values.iter_mut().for_each(|v| *v = per * 1e9 / *v);
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn bench_file<M: Measurement>(c: &mut Criterion<M>, group: &str, name: &str, bytes: &[u8]) {
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
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| black_box(check(name, black_box(bytes), &options)))
    });
    group.finish();
}

/// The three files, checked in `group`.
fn bench_files<M: Measurement>(c: &mut Criterion<M>, group: &str) {
    feedwright_check::compile_patterns();
    bench_file(c, group, "rss.xml (5 MB)", &inputs::rss_feed());
    bench_file(c, group, "atom.xml (5 MB)", &inputs::atom_feed());
    bench_file(
        c,
        group,
        "sitemap.xml (50,000 URLs)",
        &inputs::sitemap(50_000),
    );
}

fn wall_time(c: &mut Criterion) {
    bench_files(c, "check");
}

fn processor_time(c: &mut Criterion<ProcessTime>) {
    bench_files(c, "check-cpu");
}

criterion_group! {
    name = wall;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10))
        .sample_size(30);
    targets = wall_time
}
criterion_group! {
    name = cpu;
    config = Criterion::default()
        .with_measurement(ProcessTime)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10))
        .sample_size(30);
    targets = processor_time
}
criterion_main!(wall, cpu);
