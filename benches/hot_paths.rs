//! Criterion micro-benchmarks of a build's hot pieces, on posts from the same
//! generator as `bench/run.sh` (`examples/gen_site.rs`):
//! `cargo bench --bench hot_paths [-- FILTER]`.
//!
//! Short by default (1 s warm-up, 3 s measurement) so the whole set runs in
//! about a minute; pass `--measurement-time N` for steadier figures.

// `criterion_group!` makes a public function it cannot document.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use feedwright::internals::date::{self, SiteTimezone};
use feedwright::internals::{front_matter, markdown, sanitize};
use url::Url;

// The generator is an example program; its `post` function is shared so the
// micro-benchmarks see exactly the posts the end-to-end benchmark reads.
#[allow(dead_code, unreachable_pub)]
#[path = "../examples/gen_site.rs"]
mod gen_site;

const SEED: u64 = 1;

/// `n` generated posts (file name, whole text).
fn posts(n: u64) -> Vec<(String, String)> {
    (0..n).map(|i| gen_site::post(SEED, i)).collect()
}

/// The first generated post whose body is at least `min` bytes (and below `max`).
fn post_with_body(min: usize, max: usize) -> String {
    (0..)
        .map(|i| gen_site::post(SEED, i).1)
        .find(|text| {
            let body = front_matter::split(Path::new("x.md"), text)
                .expect("splits")
                .body
                .len();
            (min..max).contains(&body)
        })
        .expect("the generator makes every size")
}

fn front_matter_benches(c: &mut Criterion) {
    let posts = posts(256);
    let path = Path::new("post.md");
    let mut group = c.benchmark_group("front_matter");
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.bench_function("split/256_posts", |b| {
        b.iter(|| {
            for (_, text) in &posts {
                black_box(front_matter::split(path, black_box(text)).expect("splits"));
            }
        })
    });
    group.bench_function("split_parse/256_posts", |b| {
        b.iter(|| {
            for (_, text) in &posts {
                let split = front_matter::split(path, black_box(text)).expect("splits");
                black_box(
                    front_matter::parse(path, &split, front_matter::Keys::Metadata)
                        .expect("parses"),
                );
            }
        })
    });
    // The baseline parses into a generic YAML value: the same parser
    // without feedwright's typed visitor, for comparison.
    group.bench_function("split_yaml_value/256_posts", |b| {
        b.iter(|| {
            for (_, text) in &posts {
                let split = front_matter::split(path, black_box(text)).expect("splits");
                let value: serde_yaml::Value = serde_yaml::from_str(split.front).expect("YAML");
                black_box(value);
            }
        })
    });
    group.finish();
}

fn date_benches(c: &mut Criterion) {
    let utc = SiteTimezone::default();
    let dhaka: SiteTimezone = "Asia/Dhaka".parse().expect("a known zone");
    let shapes = [
        ("rfc3339_offset", "2025-01-15T21:44:45+06:00", utc),
        ("rfc3339_z", "2025-01-15T21:44:45Z", utc),
        ("date_only_named_zone", "2025-01-15", dhaka),
        ("jekyll_space_offset", "2025-01-15 21:44:45 +0600", utc),
        ("rfc2822", "Wed, 15 Jan 2025 21:44:45 +0600", utc),
    ];
    let mut group = c.benchmark_group("date_parse");
    for (name, text, zone) in shapes {
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| date::parse(black_box(text), zone).expect("a date"))
        });
    }
    group.finish();
}

fn markdown_benches(c: &mut Criterion) {
    let page = Url::parse("https://bench.example.org/blog/some-post/").expect("a URL");
    let sizes = [
        ("1KiB", post_with_body(1000, 1400)),
        ("3KiB", post_with_body(2800, 3200)),
        ("12KiB", post_with_body(11_500, 13_500)),
    ];
    let mut group = c.benchmark_group("markdown");
    for (name, text) in &sizes {
        let body = front_matter::split(Path::new("x.md"), text)
            .expect("splits")
            .body;
        group.throughput(Throughput::Bytes(body.len() as u64));
        // The whole entry: pulldown-cmark twice (content, summary) plus the
        // ammonia/html5ever pass that sanitises and makes URLs absolute.
        group.bench_with_input(BenchmarkId::new("render", name), body, |b, body| {
            b.iter(|| markdown::render(black_box(body), &page))
        });
        // pulldown-cmark alone, to split `render` into parsing and rewriting.
        group.bench_with_input(BenchmarkId::new("pulldown_only", name), body, |b, body| {
            b.iter(|| {
                let mut out = String::with_capacity(body.len() * 3 / 2);
                pulldown_cmark::html::push_html(
                    &mut out,
                    pulldown_cmark::Parser::new_ext(black_box(body), markdown::options()),
                );
                out
            })
        });
        // The URL rewrite and sanitiser alone, on pulldown-cmark's HTML.
        let mut rendered = String::new();
        pulldown_cmark::html::push_html(
            &mut rendered,
            pulldown_cmark::Parser::new_ext(body, markdown::options()),
        );
        group.bench_with_input(
            BenchmarkId::new("for_feed_rewrite", name),
            &rendered,
            |b, h| b.iter(|| sanitize::for_feed(black_box(h), &page)),
        );
    }
    group.finish();
}

fn templates_benches(c: &mut Criterion) {
    use feedwright::internals::templates::{self, Generator, PageContext, SiteContext};
    let page_url = Url::parse("https://bench.example.org/blog/some-post/").expect("a URL");
    let front = serde_json::json!({"title": "T", "draft_note": "x"});
    let page = PageContext {
        rel_path: "blog/some-post.md",
        permalink: &page_url,
        front_matter: &front,
        first_line: 1,
    };
    let fixture = |path: &str| {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .expect("a fixture");
        let body = front_matter::split(Path::new("x.md"), &text)
            .expect("splits")
            .body
            .to_string();
        body
    };
    let plain = post_with_body(2800, 3200);
    let plain = front_matter::split(Path::new("x.md"), &plain)
        .expect("splits")
        .body
        .to_string();
    let cases = [
        ("none/3KiB", Generator::Hugo, plain),
        (
            "hugo_shortcodes",
            Generator::Hugo,
            fixture("tests/fixtures/sites/hugo/content/posts/shortcodes.md"),
        ),
        (
            "jekyll_liquid",
            Generator::Jekyll,
            fixture("tests/fixtures/sites/jekyll/_posts/2024-03-01-liquid.md"),
        ),
        (
            "zola_calls",
            Generator::Zola,
            fixture("tests/fixtures/sites/zola/content/blog/calls.md"),
        ),
    ];
    let mut group = c.benchmark_group("templates");
    for (name, generator, body) in &cases {
        let mut site = SiteContext::new(Url::parse("https://bench.example.org/").expect("a URL"));
        site.generator = *generator;
        group.throughput(Throughput::Bytes(body.len() as u64));
        // Templates alone: the body in, Markdown and fragments out.
        group.bench_with_input(BenchmarkId::new("expand", name), body, |b, body| {
            b.iter(|| templates::expand(black_box(body), &site, &page))
        });
    }
    group.finish();
}

fn build_benches(c: &mut Criterion) {
    // A whole build of a small site, end to end, including the file system.
    let dir = tempfile::tempdir().expect("a temp dir");
    let blog = dir.path().join("content").join("blog");
    std::fs::create_dir_all(&blog).expect("content/blog");
    for (name, text) in posts(1000) {
        std::fs::write(blog.join(name), text).expect("write a post");
    }
    let options = feedwright::Options {
        content_dir: Some(dir.path().join("content")),
        out_dir: Some(dir.path().join("public")),
        config_file: Some(dir.path().join("none.yaml")),
        base_url: Some("https://bench.example.org/".into()),
        sitemap: true,
        now: Some("2026-01-01T00:00:00Z".into()),
        ..Default::default()
    };
    std::fs::write(dir.path().join("none.yaml"), "title: bench\n").expect("config");
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("1000_posts_sitemap", |b| {
        b.iter(|| feedwright::build(&options).expect("builds"))
    });

    // One post near the size limit (8 MiB of links and images): what
    // tests/it/robustness.rs checks is published whole, measured here.
    let big = tempfile::tempdir().expect("a temp dir");
    let blog = big.path().join("content").join("blog");
    std::fs::create_dir_all(&blog).expect("content/blog");
    let mut post = String::from("---\ntitle: Big\ndate: 2025-01-01\n---\n");
    while post.len() < 8 * 1024 * 1024 - 100 {
        post.push_str("Lorem ipsum dolor sit amet, [a link](../x/) and ![img](i.png).\n\n");
    }
    std::fs::write(blog.join("big.md"), post).expect("write the post");
    std::fs::write(big.path().join("none.yaml"), "title: bench\n").expect("config");
    let big_options = feedwright::Options {
        content_dir: Some(big.path().join("content")),
        out_dir: Some(big.path().join("public")),
        config_file: Some(big.path().join("none.yaml")),
        ..options.clone()
    };
    group.bench_function("one_8MiB_post", |b| {
        b.iter(|| feedwright::build(&big_options).expect("builds"))
    });
    group.finish();
}

criterion_group! {
    name = hot_paths;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = front_matter_benches, date_benches, markdown_benches, templates_benches, build_benches
}
criterion_main!(hot_paths);
