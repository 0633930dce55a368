//! Writes a synthetic Hugo-style blog of N posts for benchmarks:
//! `cargo run --release --example gen_site -- --posts 10000 --seed 1 --out DIR`
//! writes `DIR/content/blog/*.md`.
//!
//! Deterministic: post `i` comes from its own PRNG seeded by `(seed, i)`, so the
//! same arguments give the same bytes whatever the thread count, and a smaller
//! `--posts` writes a prefix of a larger run. Posts are shaped like the real seed
//! post (`shared/seed/post-1.md`): YAML front matter in the shapes real sites
//! write, then 1 to 12 KiB of varied Markdown. 10,000 posts come to about 42 MB.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

/// splitmix64: tiny, fast, good enough for text, and every stream is independent.
pub struct Rng(u64);

impl Rng {
    /// The stream of post `index` under `seed`.
    pub fn for_post(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ 0x5851_f42d_4c95_7f2d);
        let mixed = r.next_u64() ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Rng(mixed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "team",
    "delivery",
    "lean",
    "flow",
    "value",
    "backlog",
    "sprint",
    "release",
    "deploy",
    "pipeline",
    "incident",
    "review",
    "latency",
    "throughput",
    "budget",
    "roadmap",
    "strategy",
    "culture",
    "mentor",
    "leadership",
    "engineering",
    "system",
    "service",
    "cluster",
    "metric",
    "signal",
    "feedback",
    "iteration",
    "increment",
    "quality",
    "coverage",
    "contract",
    "outcome",
    "customer",
    "product",
    "stakeholder",
    "priority",
    "alignment",
    "focus",
    "momentum",
    "habit",
    "toil",
    "resilience",
    "reliability",
    "capacity",
    "queue",
    "batch",
    "handoff",
    "waste",
    "kaizen",
    "experiment",
    "hypothesis",
    "baseline",
    "estimate",
    "forecast",
    "risk",
    "debt",
    "refactor",
    "design",
    "architecture",
    "boundary",
    "interface",
    "ownership",
    "on-call",
    "runbook",
    "dashboard",
    "budget",
    "migration",
    "cloud",
    "platform",
    "observability",
    "trace",
    "and",
    "the",
    "of",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "with",
    "our",
    "their",
    "but",
    "when",
    "while",
    "without",
    "across",
    "through",
    "because",
    "so",
    "yet",
    "can",
    "should",
    "might",
    "must",
    "will",
    "often",
    "rarely",
    "always",
    "quickly",
    "deliberately",
    "small",
    "large",
    "fragile",
    "robust",
    "explicit",
    "implicit",
    "measurable",
    "hybrid",
    "cross-functional",
    "long-term",
    "short-term",
    "end-to-end",
    "hands-on",
    "it’s",
    "we’re",
    "don’t",
    "“glue”",
];

/// Non-ASCII fragments: accents, Greek, Cyrillic, CJK, Hebrew, Arabic, emoji.
const FOREIGN: &[&str] = &[
    "café",
    "naïve",
    "façade",
    "Kraków",
    "São Paulo",
    "Ærøskøbing",
    "λόγος",
    "ελέγχου",
    "привет",
    "команда",
    "改善",
    "日本語",
    "看板",
    "데이터",
    "שלום",
    "مرحبا",
    "🚀",
    "✅",
    "🔥",
    "—",
    "€100",
    "½",
    "→",
    "ß",
    "Zürich",
    "Øresund",
];

const TAGS: &[&str] = &[
    "lean",
    "agile",
    "devops",
    "kubernetes",
    "leadership",
    "C++",
    "rust",
    "open source",
    "日本語",
    "sre",
    "management",
    "testing",
    "cloud",
    "security",
    "career",
];

const CATEGORIES: &[&str] = &[
    "Engineering",
    "Management",
    "Case Studies",
    "Notes",
    "Opinion",
    "Tutorials",
    "Operations",
];

const AUTHORS: &[&str] = &[
    "Jane Doe",
    "John Smith",
    "Zoë Brontë",
    "José Álvarez",
    "Łukasz Wiśniewski",
    "山田 太郎",
    "Ana María Pérez",
];

const LANGS: &[&str] = &[
    "rust", "go", "python", "bash", "yaml", "html", "js", "sql", "",
];

const OFFSETS: &[&str] = &["Z", "+00:00", "-05:00", "-07:00", "+05:30", "+09:00"];

fn word(rng: &mut Rng) -> &'static str {
    if rng.chance(0.03) {
        rng.pick(FOREIGN)
    } else {
        rng.pick(WORDS)
    }
}

fn capitalised(out: &mut String, w: &str) {
    let mut chars = w.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// A sentence of plain words with inline Markdown and HTML sprinkled in.
fn sentence(out: &mut String, rng: &mut Rng, page: &str) {
    let n = rng.range(5, 18);
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        let w = word(rng);
        let roll = rng.below(100);
        match roll {
            _ if k == 0 => capitalised(out, w),
            0..=3 => {
                let _ = write!(out, "*{w}*");
            }
            4..=5 => {
                let _ = write!(out, "**{w}**");
            }
            6 => {
                let _ = write!(out, "***{w}***");
            }
            7..=8 => {
                let _ = write!(out, "`{w}`");
            }
            9 => {
                let _ = write!(out, "[{w}](https://example.com/{w}/{})", rng.below(999));
            }
            10 => {
                let _ = write!(out, "[{w}](../{page}-{}/)", rng.below(50));
            }
            11 => {
                let _ = write!(out, "[{w}](/blog/{w}-{}/#section)", rng.below(50));
            }
            12 => match rng.below(4) {
                0 => {
                    let _ = write!(out, "![{w}](images/{page}-{}.png)", rng.below(9));
                }
                1 => {
                    let _ = write!(out, "![{w}](./diagram-{}.svg)", rng.below(9));
                }
                2 => {
                    let _ = write!(out, "![{w}](../images/{w}.jpg \"{w}\")");
                }
                _ => {
                    let _ = write!(out, "![{w}](https://cdn.example.net/{w}.webp)");
                }
            },
            13 => match rng.below(5) {
                0 => {
                    let _ = write!(
                        out,
                        "<kbd>Ctrl</kbd>+<kbd>{}</kbd>",
                        rng.pick(&["C", "V", "K"])
                    );
                }
                1 => {
                    let _ = write!(out, "<abbr title=\"{w} level objective\">SLO</abbr>");
                }
                2 => {
                    let _ = write!(out, "H<sub>2</sub>O and x<sup>2</sup>");
                }
                3 => out.push_str("&copy; &amp; &mdash; &#8482;"),
                _ => {
                    let _ = write!(out, "<https://example.com/{w}>");
                }
            },
            14 => out.push_str("a < b && c > d"),
            15 => {
                let _ = write!(out, "~~{w}~~");
            }
            _ => out.push_str(w),
        }
    }
    out.push_str(rng.pick(&[".", ".", ".", "!", "?", "…", ":"]));
}

fn paragraph(out: &mut String, rng: &mut Rng, page: &str) {
    let n = rng.range(1, 6);
    let wrap = rng.chance(0.2);
    let hard_break = rng.chance(0.15);
    for k in 0..n {
        if k > 0 {
            out.push_str(match (wrap, hard_break) {
                (_, true) => "  \n",
                (true, false) => "\n",
                _ => " ",
            });
        }
        sentence(out, rng, page);
    }
    out.push_str("\n\n");
}

fn heading(out: &mut String, rng: &mut Rng) {
    out.push_str(rng.pick(&["## ", "## ", "### ", "#### "]));
    capitalised(out, word(rng));
    for _ in 0..rng.range(1, 4) {
        out.push(' ');
        out.push_str(word(rng));
    }
    if rng.chance(0.1) {
        let _ = write!(out, " {{#h-{}}}", rng.below(1000));
    }
    out.push_str("\n\n");
}

fn code(out: &mut String, rng: &mut Rng) {
    let fence = if rng.chance(0.8) { "```" } else { "~~~" };
    let indented = rng.chance(0.12);
    if !indented {
        let _ = writeln!(out, "{fence}{}", rng.pick(LANGS));
    }
    for _ in 0..rng.range(3, 14) {
        if indented {
            out.push_str("    ");
        }
        let w = rng.pick(WORDS);
        match rng.below(6) {
            0 => {
                let _ = writeln!(
                    out,
                    "if a < {} && b > 0 {{ return \"{w}\"; }}",
                    rng.below(99)
                );
            }
            1 => {
                let _ = writeln!(out, "<div class=\"{w}\">&amp; {w}</div>");
            }
            2 => {
                let _ = writeln!(
                    out,
                    "let {} = vec![1, 2, 3]; // {w} & more",
                    w.replace('-', "_")
                );
            }
            3 => {
                let _ = writeln!(
                    out,
                    "kubectl get pods -l app={w} | grep -v Running > /tmp/{w}.log"
                );
            }
            4 => {
                let _ = writeln!(
                    out,
                    "SELECT * FROM {w} WHERE id <> {} AND ok = 1;",
                    rng.below(999)
                );
            }
            _ => {
                let _ = writeln!(out, "    {w}: {}", rng.below(100));
            }
        }
    }
    if !indented {
        out.push_str(fence);
        out.push('\n');
    }
    out.push('\n');
}

fn table(out: &mut String, rng: &mut Rng) {
    let cols = rng.range(2, 5);
    out.push('|');
    for _ in 0..cols {
        out.push(' ');
        capitalised(out, rng.pick(WORDS));
        out.push_str(" |");
    }
    out.push_str("\n|");
    for _ in 0..cols {
        out.push_str(rng.pick(&[" --- |", " :--- |", " :---: |", " ---: |"]));
    }
    out.push('\n');
    for _ in 0..rng.range(2, 8) {
        out.push('|');
        for _ in 0..cols {
            out.push(' ');
            match rng.below(5) {
                0 => {
                    let _ = write!(out, "{}", rng.below(100_000));
                }
                1 => {
                    let _ = write!(out, "{}.{}%", rng.below(100), rng.below(10));
                }
                2 => {
                    let _ = write!(out, "`{}`", rng.pick(WORDS));
                }
                3 => out.push_str(rng.pick(FOREIGN)),
                _ => {
                    out.push_str(rng.pick(WORDS));
                    out.push(' ');
                    out.push_str(rng.pick(WORDS));
                }
            }
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn list(out: &mut String, rng: &mut Rng, page: &str) {
    let ordered = rng.chance(0.35);
    let tasks = !ordered && rng.chance(0.15);
    for k in 0..rng.range(2, 8) {
        if ordered {
            let _ = write!(out, "{}. ", k + 1);
        } else {
            out.push_str("- ");
        }
        if tasks && k < 3 {
            out.push_str(if rng.chance(0.5) { "[x] " } else { "[ ] " });
        }
        sentence(out, rng, page);
        out.push('\n');
        if rng.chance(0.15) {
            for _ in 0..rng.range(1, 3) {
                out.push_str(if ordered { "   - " } else { "  - " });
                sentence(out, rng, page);
                out.push('\n');
            }
        }
    }
    out.push('\n');
}

fn quote(out: &mut String, rng: &mut Rng, page: &str) {
    for k in 0..rng.range(1, 3) {
        if k > 0 {
            out.push_str(">\n");
        }
        out.push_str("> ");
        sentence(out, rng, page);
        out.push('\n');
    }
    if rng.chance(0.3) {
        let _ = writeln!(out, ">\n> — {}", rng.pick(AUTHORS));
    }
    out.push('\n');
}

fn html_block(out: &mut String, rng: &mut Rng, page: &str) {
    let w = rng.pick(WORDS);
    match rng.below(5) {
        0 => {
            let _ = write!(
                out,
                "<div class=\"note\">\n<p>{w} &amp; <em>{}</em></p>\n</div>\n\n",
                rng.pick(FOREIGN)
            );
        }
        1 => {
            let _ = write!(
                out,
                "<figure>\n  <img src=\"images/{page}-fig.png\" alt=\"{w}\">\n  <figcaption>Figure: {w}</figcaption>\n</figure>\n\n"
            );
        }
        2 => {
            let _ = write!(out, "<details>\n<summary>{w}</summary>\n\nHidden {w} details with a <a href=\"../{w}/\">link</a>.\n\n</details>\n\n");
        }
        3 => {
            let _ = write!(out, "<iframe src=\"https://www.youtube.com/embed/{}\" width=\"560\" height=\"315\"></iframe>\n\n", rng.below(1_000_000));
        }
        _ => {
            let _ = write!(out, "<!-- TODO: {w} -->\n\n");
        }
    }
}

/// The Markdown body of a post, about `target` bytes long.
fn body(out: &mut String, rng: &mut Rng, page: &str, target: usize) {
    let start = out.len();
    let more_after = if rng.chance(0.26) {
        rng.range(1, 3)
    } else {
        usize::MAX
    };
    let mut blocks = 0;
    paragraph(out, rng, page);
    while out.len() - start < target {
        blocks += 1;
        if blocks == more_after {
            out.push_str("<!--more-->\n\n");
        }
        match rng.below(100) {
            0..=44 => paragraph(out, rng, page),
            45..=54 => heading(out, rng),
            55..=62 => code(out, rng),
            63..=67 => table(out, rng),
            68..=78 => list(out, rng, page),
            79..=84 => quote(out, rng, page),
            85..=87 => out.push_str(rng.pick(&["---\n\n", "***\n\n", "* * *\n\n"])),
            _ => html_block(out, rng, page),
        }
    }
}

/// A YAML double-quoted string.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn timestamp(out: &mut String, instant: DateTime<Utc>, offset: &str) {
    if offset == "Z" {
        let _ = write!(out, "{}", instant.format("%Y-%m-%dT%H:%M:%SZ"));
        return;
    }
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let hours: i32 = offset[1..3].parse().unwrap_or(0);
    let minutes: i32 = offset[4..6].parse().unwrap_or(0);
    let zone = FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).expect("valid offset");
    let _ = write!(
        out,
        "{}",
        instant.with_timezone(&zone).format("%Y-%m-%dT%H:%M:%S%:z")
    );
}

/// Post `index` under `seed`: its file name and its bytes.
pub fn post(seed: u64, index: u64) -> (String, String) {
    let mut rng = Rng::for_post(seed, index);
    let slug_word = rng
        .pick(WORDS)
        .trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let slug_word = if slug_word.is_empty() {
        "post"
    } else {
        slug_word
    };
    let name = format!("{index}-{slug_word}");

    // Body size: log-uniform-ish between 1 and 12 KiB, skewed small (median
    // about 3 KB, mean about 4 KB, as in the reference corpus).
    let target = (1024.0 * 12f64.powf(rng.unit().powf(1.55))) as usize;
    let mut out = String::with_capacity(target + 1024);

    out.push_str("---\ntitle: ");
    let mut title = String::new();
    capitalised(&mut title, rng.pick(WORDS));
    for _ in 0..rng.range(1, 4) {
        title.push(' ');
        title.push_str(word(&mut rng));
    }
    match rng.below(10) {
        0 => title.push_str(": a field note"),
        1 => title.push_str(" & \"lessons\""),
        2 => {
            title.push(' ');
            title.push_str(rng.pick(FOREIGN));
        }
        _ => {}
    }
    let plain_ok = !title.contains(": ")
        && !title.contains('"')
        && !title.contains('&')
        && !title.contains('“')
        && !title.contains('’')
        && !title.contains('—');
    match rng.below(3) {
        0 if plain_ok => out.push_str(&title),
        1 if !title.contains('\'') && !title.contains('"') => {
            let _ = write!(out, "'{title}'");
        }
        _ => quoted(&mut out, &title),
    }
    out.push('\n');

    // Post 0 is the newest; each further post is about two hours older.
    let newest = Utc
        .with_ymd_and_hms(2025, 6, 30, 18, 0, 0)
        .single()
        .expect("valid date");
    let date = newest - Duration::minutes(120 * index as i64 + rng.below(90) as i64)
        + Duration::seconds(rng.below(60) as i64);
    let roll = rng.unit();
    let offset = if roll < 0.68 {
        "+06:00"
    } else if roll < 0.95 {
        rng.pick(OFFSETS)
    } else {
        ""
    };
    out.push_str("date: ");
    if offset.is_empty() {
        let _ = write!(out, "{}", date.format("%Y-%m-%d"));
    } else {
        timestamp(&mut out, date, offset);
    }
    out.push('\n');

    let roll = rng.unit();
    if roll < 0.35 {
        // The seed post's odd spelling: a space before the colon and nothing after.
        out.push_str("description : \n");
    } else if roll < 0.45 {
        out.push_str("description: \"\"\n");
    } else {
        out.push_str("description: ");
        let mut d = String::new();
        sentence(&mut d, &mut rng, &name);
        quoted(&mut out, &d);
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "image: \"/images/blog/post-{}.jpg\"\ntype: post",
        rng.below(60)
    );

    let terms = |out: &mut String, rng: &mut Rng, key: &str, pool: &[&str]| {
        let n = rng.range(1, 4);
        let mut chosen: Vec<&str> = Vec::with_capacity(n);
        for _ in 0..n {
            let t = rng.pick(pool);
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        if rng.chance(0.5) {
            let _ = writeln!(out, "{key}: [{}]", chosen.join(", "));
        } else {
            let _ = writeln!(out, "{key}:");
            for t in chosen {
                let _ = writeln!(out, "  - {t}");
            }
        }
    };
    if rng.chance(0.9) {
        terms(&mut out, &mut rng, "tags", TAGS);
    }
    if rng.chance(0.8) {
        terms(&mut out, &mut rng, "categories", CATEGORIES);
    }
    if rng.chance(0.85) {
        let author = rng.pick(AUTHORS);
        if rng.chance(0.5) {
            let _ = writeln!(out, "author: {author}");
        } else {
            out.push_str("author: ");
            quoted(&mut out, author);
            out.push('\n');
        }
    }
    let roll = rng.unit();
    if roll < 0.03 {
        out.push_str("draft: true\n");
    } else if roll < 0.08 {
        out.push_str("draft: false\n");
    }
    if rng.chance(0.12) {
        out.push_str("lastmod: ");
        let later = date + Duration::hours(rng.range(1, 2000) as i64);
        timestamp(
            &mut out,
            later,
            if rng.chance(0.5) { "Z" } else { "+06:00" },
        );
        out.push('\n');
    }
    if rng.chance(0.05) {
        let _ = writeln!(out, "slug: {slug_word}-note-{index}");
    }
    out.push_str("---\n\n");
    body(&mut out, &mut rng, &name, target);
    (format!("{name}.md"), out)
}

struct Args {
    posts: u64,
    seed: u64,
    out: PathBuf,
    threads: usize,
}

fn usage() -> ! {
    eprintln!("usage: gen_site --posts N --out DIR [--seed S] [--threads T]");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        posts: 0,
        seed: 1,
        out: PathBuf::new(),
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        let number = || value.parse::<u64>().unwrap_or_else(|_| usage());
        match flag.as_str() {
            "--posts" => args.posts = number(),
            "--seed" => args.seed = number(),
            "--threads" => args.threads = number().max(1) as usize,
            "--out" => args.out = PathBuf::from(&value),
            _ => usage(),
        }
    }
    if args.posts == 0 || args.out.as_os_str().is_empty() {
        usage();
    }
    args
}

fn write_posts(dir: &Path, args: &Args) -> std::io::Result<u64> {
    let threads = args.threads as u64;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || -> std::io::Result<u64> {
                    let mut bytes = 0;
                    // Interleaved, so every thread gets a fair share of big and small posts.
                    for i in (t..args.posts).step_by(threads as usize) {
                        let (name, text) = post(args.seed, i);
                        bytes += text.len() as u64;
                        std::fs::write(dir.join(name), text)?;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a writer thread panicked"))
            .sum()
    })
}

fn main() {
    let args = parse_args();
    let started = Instant::now();
    let dir = args.out.join("content").join("blog");
    // Stale posts from a bigger run would change the site: start from nothing.
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("cannot clear the old content/blog");
    }
    std::fs::create_dir_all(&dir).expect("cannot create content/blog");
    match write_posts(&dir, &args) {
        Ok(bytes) => eprintln!(
            "gen_site: wrote {} posts, {bytes} bytes under {} in {:.2} s",
            args.posts,
            dir.display(),
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("gen_site: {e}");
            std::process::exit(1);
        }
    }
}
