//! Hostile and broken input (issue #3): every case exits non-zero with an error
//! naming the file (and line where known), never panics, and leaves existing
//! outputs byte-for-byte as they were; nothing a post says reaches outside
//! `--content` or `--out`; two builds at once, and a write that fails half-way
//! (a file-size limit standing in for a full disk), leave a complete set.
//! Crash inputs found by fuzzing are replayed from `tests/regressions/`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::*;

const POST: &str = GOOD_POST;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `feedwright build` on `site`, run as `nobody` when the tests run as root (as
/// CI does), so that file permissions bind it: root reads and writes through
/// any mode bits. `nobody` may not reach the build's target folder (a checkout
/// under `/root`), so it runs a copy of the binary inside the site's folder,
/// which is opened to everyone.
fn unprivileged_build(site: &Site) -> Command {
    if !is_root() {
        return site.plain_build();
    }
    fs::set_permissions(site.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let binary = site.dir.path().join("feedwright-copy");
    fs::copy(env!("CARGO_BIN_EXE_feedwright"), &binary).unwrap();
    fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = site.plain_build_with(&binary, &site.out());
    cmd.uid(65534).gid(65534);
    cmd
}

// ---------------------------------------------------------------------------
// Encodings and bytes.
// ---------------------------------------------------------------------------

#[test]
fn invalid_utf8_names_file_and_line() {
    // In the front matter, and in the body.
    assert_bad_post(
        "blog/latin1.md",
        b"---\ntitle: Caf\xe9\ndate: 2025-01-01\n---\nBody\n",
        &["blog/latin1.md:2:", "not valid UTF-8"],
    );
    assert_bad_post(
        "blog/bad.md",
        b"---\ntitle: x\ndate: 2025-01-01\n---\nab\xff\xfecd\n",
        &["blog/bad.md:5:", "not valid UTF-8"],
    );
}

#[test]
fn random_binary_bytes_are_refused() {
    for seed in 1..=5 {
        let stderr = assert_bad_post("blog/noise.md", &Rng(seed | 1).bytes(65_536), &[]);
        assert!(
            stderr.contains("not valid UTF-8") || stderr.contains("NUL byte"),
            "{stderr}"
        );
    }
}

#[test]
fn a_nul_byte_names_file_and_line() {
    // On a line of its own at the end, as themefisher-bookworm's post-1.md ends.
    assert_bad_post(
        "blog/post-1.md",
        b"---\ntitle: Nul\ndate: 2025-01-01\n---\nLast line.\n\0",
        &["blog/post-1.md:6:", "NUL byte"],
    );
    // At the end of the last line.
    assert_bad_post(
        "blog/bad.md",
        b"---\ntitle: x\ndate: 2025-01-01\n---\nbody\0",
        &["blog/bad.md:5:", "NUL byte"],
    );
}

#[test]
fn bom_crlf_toml_and_jekyll_names_simply_work() {
    let site = Site::new(&[
        (
            "blog/bom-crlf.md",
            "\u{feff}---\r\ntitle: BOM\r\ndate: 2025-01-15\r\ntags:\r\n  - a\r\n---\r\nLine one.\r\n\r\n[link](../x/)\r\n",
        ),
        (
            "blog/bom-toml.md",
            "\u{feff}+++\r\ntitle = \"BOM TOML\"\r\ndate = 2025-01-14\r\n+++\r\nBody.\r\n",
        ),
        ("blog/crlf-only.md", "---\r\ntitle: CRLF\r\ndate: 2025-01-13\r\n---\r\nBody.\r\n"),
        ("blog/crlf-offset.md", "\u{feff}---\r\ntitle: CRLF offset\r\ndate: 2025-01-15T21:44:45+06:00\r\n---\r\nBody.\r\n"),
        ("blog/toml.md", "+++\ntitle = \"TOML\"\ndate = 2023-01-31T10:00:00Z\n[taxonomies]\ntags = [\"t\"]\n+++\nBody\n"),
        ("posts/2013-09-14-jekyll-post.markdown", "---\ntitle: Jekyll\n---\nBody\n"),
    ]);
    assert!(site.plain_build().status().unwrap().success());
    let rss = site.read("rss.xml");
    let parsed = feed(&rss);
    let titles: Vec<_> = parsed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        ["CRLF offset", "BOM", "BOM TOML", "CRLF", "TOML", "Jekyll"]
    );
    assert!(!rss.contains('\u{feff}'));
    let doc = xml(&rss);
    for (link, date) in [
        (
            "https://example.org/blog/crlf-offset/",
            "Wed, 15 Jan 2025 15:44:45 +0000",
        ),
        (
            "https://example.org/blog/toml/",
            "Tue, 31 Jan 2023 10:00:00 +0000",
        ),
        (
            "https://example.org/posts/2013/09/14/jekyll-post/",
            "Sat, 14 Sep 2013 00:00:00 +0000",
        ),
    ] {
        assert_eq!(
            child_text(rss_item(&doc, link), "pubDate"),
            Some(date),
            "{link}"
        );
    }
    for name in ["rss.xml", "atom.xml", "sitemap.xml"] {
        crate::targets::check_output(name, site.read(name).as_bytes(), "https://example.org/");
    }
}

// ---------------------------------------------------------------------------
// Front matter.
// ---------------------------------------------------------------------------

#[test]
fn unclosed_front_matter_names_line_1() {
    // With a final line break, and without one.
    assert_bad_post(
        "blog/open.md",
        b"---\ntitle: Open\ndate: 2025-01-01\nBody without a closing line.\n",
        &["blog/open.md:1:", "never closed"],
    );
    assert_bad_post(
        "blog/bad.md",
        b"---\ntitle: x\ndate: 2025-01-01\nbody",
        &["blog/bad.md:1:", "never closed"],
    );
}

#[test]
fn bad_yaml_is_rejected_with_its_line() {
    assert_bad_post(
        "blog/bad.md",
        b"---\ntitle: x\ntags: [a, b\ndate: 2025-01-01\n---\nx",
        &["blog/bad.md:", "YAML"],
    );
}

#[test]
fn bad_toml_is_rejected_with_its_line() {
    assert_bad_post(
        "blog/bad.md",
        b"+++\ntitle = \"x\"\ndate = \n+++\nx",
        &["blog/bad.md:3:", "TOML"],
    );
}

#[test]
fn a_date_that_is_not_a_date_is_rejected_with_line_and_value() {
    assert_bad_post(
        "blog/bad.md",
        b"---\ntitle: x\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nx",
        &[
            "blog/bad.md:3:",
            "`2023-01-29 18:30:22 2023 -0800` is not a date",
        ],
    );
}

#[test]
fn a_dated_post_without_title_is_rejected() {
    assert_bad_post(
        "blog/bad.md",
        b"---\ndate: 2025-01-01\n---\nbody",
        &["blog/bad.md:", "no `title`"],
    );
}

/// "Billion laughs": ten levels of nine aliases each.
fn alias_bomb(read_key: bool) -> String {
    let mut yaml = String::from("---\ntitle: Bomb\ndate: 2025-01-01\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let mut previous = 'a';
    for name in 'b'..='j' {
        let refs = vec![format!("*{previous}"); 9].join(",");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    if read_key {
        yaml.push_str("tags: *j\n");
    }
    yaml + "---\nBody.\n"
}

#[test]
fn a_yaml_alias_bomb_in_a_read_key_is_refused_quickly() {
    // Refused by the parser's repetition limit, before any expansion.
    assert_bad_post(
        "blog/bomb.md",
        alias_bomb(true).as_bytes(),
        &["blog/bomb.md:", "repetition limit"],
    );
}

#[test]
fn keep_going_fills_the_feed_past_a_post_only_its_entry_finds_broken() {
    // The pass over the whole site does not read `tags`; the feed's does.
    let bomb = alias_bomb(true).replace("date: 2025-01-01", "date: 2025-01-03");
    let site = Site::new(&[
        ("blog/bomb.md", bomb.as_str()),
        ("blog/b.md", "---\ntitle: B\ndate: 2025-01-02\n---\nB.\n"),
        ("blog/c.md", "---\ntitle: C\ndate: 2025-01-01\n---\nC.\n"),
    ]);
    let (code, stderr, _) = run_measured(site.plain_build().args(["--keep-going", "--limit", "2"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("blog/bomb.md")
            && stderr.contains("(skipped)"),
        "{stderr}"
    );
    let titles: Vec<String> = feed(&site.read("atom.xml"))
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, ["B", "C"]);
}

#[test]
fn a_post_whose_body_renders_to_nothing_has_no_empty_content() {
    // Only a Hugo comment: the entry keeps its title, link and summary.
    let site = Site::new(&[(
        "blog/hidden.md",
        "---\ntitle: Hidden\ndate: 2025-01-01\ndescription: What it is about.\n---\n{{< comment >}}A draft note.{{< /comment >}}\n",
    )]);
    let (code, stderr, _) = run_measured(&mut site.plain_build());
    assert_eq!(code, Some(0), "{stderr}");
    for name in ["atom.xml", "rss.xml"] {
        let text = site.read(name);
        crate::targets::check_output(name, text.as_bytes(), "https://example.org/");
        assert!(!text.contains("A draft note"), "{text}");
        assert!(
            !text.contains("<content type=\"html\"></content>")
                && !text.contains("<content:encoded><![CDATA[]]>"),
            "{text}"
        );
    }
    let check = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .arg("check")
        .arg(site.out().join("atom.xml"))
        .arg(site.out().join("rss.xml"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
}

#[test]
fn keep_going_leaves_a_post_only_its_entry_finds_broken_out_of_the_sitemap() {
    let bomb = alias_bomb(true);
    let site = Site::new(&[
        ("blog/bomb.md", bomb.as_str()),
        ("blog/b.md", "---\ntitle: B\ndate: 2025-01-02\n---\nB.\n"),
    ]);
    let (code, stderr, _) = run_measured(site.plain_build().arg("--keep-going"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("blog/bomb.md") && stderr.contains("(skipped)"),
        "{stderr}"
    );
    let sitemap = site.read("sitemap.xml");
    crate::targets::check_output("sitemap.xml", sitemap.as_bytes(), "https://example.org/");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/blog/b/"), "{locs:?}");
    assert!(!locs.iter().any(|l| l.contains("bomb")), "{locs:?}");
}

#[test]
fn a_yaml_alias_bomb_in_skipped_keys_is_never_expanded() {
    let site = Site::new(&[("blog/bomb.md", &alias_bomb(false))]);
    // Expanding it would hit the parser's repetition limit and fail the build.
    assert!(site.plain_build().status().unwrap().success());
    assert!(site.read("rss.xml").contains("<title>Bomb</title>"));
}

#[test]
fn deeply_nested_yaml_is_refused_quickly() {
    for (shape, front) in [
        (
            "flow",
            format!("x: {}{}\n", "[".repeat(500_000), "]".repeat(500_000)),
        ),
        (
            "mapping",
            format!("x: {}1{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)),
        ),
    ] {
        let post = format!("---\ntitle: Deep\ndate: 2025-01-01\n{front}---\nBody\n");
        let stderr = assert_bad_post("blog/deep.md", post.as_bytes(), &["blog/deep.md:"]);
        assert!(
            stderr.contains("nests more than") || stderr.contains("over 1048576 bytes"),
            "{shape}: {stderr}"
        );
    }
}

#[test]
fn deeply_nested_block_yaml_is_bounded() {
    // Block sequences nest without brackets: `- - - - x`, and indented mappings.
    let dashes = format!("x: {}a\n", "- ".repeat(200_000));
    let mut indented = String::from("x:\n");
    for depth in 1..1_000 {
        indented.push_str(&" ".repeat(depth));
        indented.push_str("a:\n");
    }
    for (shape, front) in [("dashes", dashes), ("indented", indented)] {
        let post = format!("---\ntitle: Deep\ndate: 2025-01-01\n{front}---\nBody\n");
        let site = Site::new(&[("blog/good.md", POST)]);
        assert!(site.plain_build().status().unwrap().success());
        let before = snapshot(&site.out());
        site.write("blog/deep.md", post.as_bytes());
        let (code, stderr, _) = run_measured(&mut site.plain_build());
        assert!(!stderr.contains("panicked"), "{shape}: {stderr}");
        // Either refused (naming the file) or read: both are fine, a crash is not.
        match code {
            Some(0) => {}
            Some(1) => {
                assert!(stderr.contains("blog/deep.md:"), "{shape}: {stderr}");
                assert_eq!(snapshot(&site.out()), before, "{shape}");
            }
            other => panic!("{shape}: exit {other:?}\n{stderr}"),
        }
    }
}

#[test]
fn a_duplicate_key_names_file_and_line() {
    // Its second appearance is the line to fix, whichever key it is.
    assert_bad_post(
        "blog/dup.md",
        b"---\ntitle: Dup\ndate: 2025-01-01\ntags: [a]\ntags: [b]\n---\nBody\n",
        &["blog/dup.md:5:", "duplicate key `tags`"],
    );
    assert_bad_post(
        "blog/bad.md",
        b"---\ntitle: x\ndate: 2025-01-01\ntitle: y\n---\nx",
        &["blog/bad.md:4:", "duplicate key `title`"],
    );
}

#[test]
fn a_bad_date_after_a_non_ascii_key_is_an_error_not_a_panic() {
    // Found by fuzzing: looking up the date's line sliced `catégorie` mid-character.
    assert_bad_post(
        "blog/fr.md",
        "---\ntitle: Fr\ncatégorie: x\ndate: pas une date\n---\nBody\n".as_bytes(),
        &["blog/fr.md:4:", "`date`"],
    );
}

#[test]
fn a_date_past_year_9999_in_utc_is_an_error() {
    // Found by fuzzing: it printed as `+10000-01-01T13:59:59Z`.
    assert_bad_post(
        "blog/far.md",
        b"---\ntitle: Far\ndate: 9999-12-31T23:59:59-14:00\n---\nBody\n",
        &["blog/far.md:3:", "0001 to 9999"],
    );
}

// ---------------------------------------------------------------------------
// Size.
// ---------------------------------------------------------------------------

#[test]
fn a_100_mb_post_is_refused_without_reading_it() {
    let (site, before) = built_site();
    let path = site.content().join("blog/huge.md");
    fs::write(&path, "---\ntitle: Huge\ndate: 2025-01-01\n---\n").unwrap();
    // Sparse: 100 MB long, no disk used.
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    assert_refused(
        &mut site.plain_build(),
        1,
        &[
            "blog/huge.md",
            "104857600 bytes",
            "over 33554432 bytes are refused",
        ],
        &site.out(),
        &before,
    );
    let measured = peak_memory(&site.plain_build());
    assert!(measured.peak_kib < 64 * 1024, "{measured:?}");
}

#[test]
fn a_post_near_the_size_limit_is_published_whole() {
    // Its speed and memory are measured by `cargo bench --bench hot_paths --
    // build/one_8MiB_post`, not here: a test asserts what could be wrong.
    let site = Site::new(&[]);
    let mut post = String::from("---\ntitle: Big\ndate: 2025-01-01\n---\n");
    let mut paragraphs = 0;
    while post.len() < 8 * 1024 * 1024 - 100 {
        paragraphs += 1;
        post.push_str(&format!(
            "Paragraph {paragraphs}, [a link](../x/) and ![img](i.png).\n\n"
        ));
    }
    site.write("blog/big.md", post.as_bytes());
    // With the 5 MB feed cap it would be cut to a summary (tests/it/feeds.rs).
    fs::write(
        site.dir.path().join("feedwright.yaml"),
        "max_feed_bytes: 0\n",
    )
    .unwrap();
    let (code, stderr, _) = run_measured(&mut site.plain_build());
    assert_eq!(code, Some(0), "{stderr}");
    let atom = site.read("atom.xml");
    crate::targets::check_output("atom.xml", atom.as_bytes(), "https://example.org/");
    // Whole: the last paragraph is there, and every link and image of every
    // paragraph was made absolute (none left relative, none dropped).
    let entries = feed(&atom).entries;
    let content = entries[0]
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .unwrap();
    assert!(
        content.contains(&format!("Paragraph {paragraphs},")),
        "the post was cut"
    );
    assert_eq!(
        content
            .matches("href=\"https://example.org/blog/x/\"")
            .count(),
        paragraphs,
        "links made absolute"
    );
    assert_eq!(
        content
            .matches("src=\"https://example.org/blog/big/i.png\"")
            .count(),
        paragraphs,
        "images made absolute"
    );
}

// ---------------------------------------------------------------------------
// The content folder.
// ---------------------------------------------------------------------------

#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let (site, before) = built_site();
    fs::remove_dir_all(site.content()).unwrap();
    assert_refused(
        &mut site.plain_build(),
        2,
        &[
            "content folder not found",
            &site.content().display().to_string(),
        ],
        &site.out(),
        &before,
    );
}

#[test]
fn a_content_path_that_is_a_file_is_a_usage_error() {
    let (site, before) = built_site();
    fs::remove_dir_all(site.content()).unwrap();
    fs::write(site.content(), "not a folder").unwrap();
    assert_refused(
        &mut site.plain_build(),
        2,
        &["not a folder"],
        &site.out(),
        &before,
    );
}

#[test]
fn an_empty_content_folder_is_refused() {
    // Most likely a wrong --content: empty feeds would empty every reader's copy.
    let site = Site::new(&[]);
    fs::create_dir_all(site.content()).unwrap();
    let (code, stderr, _) = run_measured(&mut site.plain_build());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no Markdown files"), "{stderr}");
    assert!(!site.out().exists(), "nothing may be written");
    // Where earlier builds left outputs, they stay.
    let (site, before) = built_site();
    fs::remove_dir_all(site.content()).unwrap();
    fs::create_dir_all(site.content().join("blog")).unwrap();
    fs::write(site.content().join("blog/notes.txt"), "not Markdown").unwrap();
    assert_refused(
        &mut site.plain_build(),
        2,
        &[&site.content().display().to_string(), "no Markdown files"],
        &site.out(),
        &before,
    );
}

#[test]
fn an_unreadable_content_folder_names_it() {
    let (site, before) = built_site();
    let blog = site.content().join("blog");
    fs::set_permissions(&blog, fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = unprivileged_build(&site);
    let stderr = assert_refused(
        &mut cmd,
        1,
        &["blog", "ermission denied"],
        &site.out(),
        &before,
    );
    fs::set_permissions(&blog, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(stderr.contains(&blog.display().to_string()), "{stderr}");
}

#[test]
fn an_unreadable_post_names_it() {
    let (site, before) = built_site();
    site.write("blog/secret.md", POST.as_bytes());
    let secret = site.content().join("blog/secret.md");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = unprivileged_build(&site);
    assert_refused(
        &mut cmd,
        1,
        &["blog/secret.md", "ermission denied"],
        &site.out(),
        &before,
    );
}

#[test]
fn symlink_loops_and_links_out_of_the_content_folder_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("leak.md"),
        "---\ntitle: LEAKED\ndate: 2025-01-01\n---\nSECRET-OUTSIDE-CONTENT\n",
    )
    .unwrap();
    let (site, before) = built_site();
    let blog = site.content().join("blog");
    std::os::unix::fs::symlink("loop-a", blog.join("loop-b")).unwrap();
    std::os::unix::fs::symlink("loop-b", blog.join("loop-a")).unwrap();
    std::os::unix::fs::symlink(outside.path(), blog.join("outside-dir")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("leak.md"), blog.join("leak.md")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", blog.join("passwd.md")).unwrap();
    let stderr = assert_refused(
        &mut site.plain_build(),
        1,
        &["symbolic link"],
        &site.out(),
        &before,
    );
    for link in ["loop-a", "loop-b", "outside-dir", "leak.md", "passwd.md"] {
        assert!(
            stderr.contains(&format!("blog/{link}: is a symbolic link")),
            "no error for {link}:\n{stderr}"
        );
    }

    // Links that stay inside the folder are skipped (their targets are read
    // where they are), and --keep-going builds past the bad ones.
    std::os::unix::fs::symlink(".", blog.join("self")).unwrap();
    let (code, stderr, _) = run_measured(site.plain_build().arg("--keep-going"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("blog/self: symbolic link not followed"),
        "{stderr}"
    );
    for name in ["rss.xml", "atom.xml", "sitemap.xml"] {
        let text = site.read(name);
        assert!(!text.contains("LEAKED") && !text.contains("SECRET-OUTSIDE"));
        assert!(!text.contains("root:"), "{name} holds /etc/passwd");
        crate::targets::check_output(name, text.as_bytes(), "https://example.org/");
    }
}

// ---------------------------------------------------------------------------
// The output folder.
// ---------------------------------------------------------------------------

#[test]
fn an_output_path_that_is_a_file_is_a_usage_error() {
    let site = Site::new(&[("blog/good.md", POST)]);
    fs::write(site.out(), "precious").unwrap();
    let (code, stderr, _) = run_measured(&mut site.plain_build());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("not a folder") && stderr.contains(&site.out().display().to_string()));
    assert!(!stderr.contains("panicked"));
    assert_eq!(fs::read(site.out()).unwrap(), b"precious");
}

#[test]
fn a_read_only_output_folder_names_it_and_keeps_the_old_files() {
    let (site, before) = built_site();
    site.write("blog/new.md", POST.replace("Good", "New").as_bytes());
    fs::set_permissions(site.out(), fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = unprivileged_build(&site);
    let stderr = assert_refused(&mut cmd, 1, &["ermission denied"], &site.out(), &before);
    fs::set_permissions(site.out(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        stderr.contains(&site.out().display().to_string()),
        "{stderr}"
    );
}

/// `cmd` with a file-size limit (RLIMIT_FSIZE): writes past it fail with EFBIG,
/// as a full disk fails them with ENOSPC; it needs no root and binds root too.
fn with_file_size_limit(cmd: &mut Command, limit: u64) {
    // SAFETY: signal and setrlimit are async-signal-safe, as pre_exec requires.
    unsafe {
        cmd.pre_exec(move || {
            // Ignored (and still ignored after exec), SIGXFSZ no longer kills the
            // process: the write returns EFBIG instead.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[test]
fn a_full_disk_keeps_every_old_file_and_says_what_failed() {
    let (site, before) = built_site();
    // A long new post: the feeds grow past the limit, the sitemap does not.
    let body = "A line of the new post, long enough to matter.\n\n".repeat(2_000);
    site.write(
        "blog/new.md",
        format!("---\ntitle: New\ndate: 2025-02-01\n---\n{body}").as_bytes(),
    );
    // The new outputs' sizes, from a build elsewhere.
    let scratch = tempfile::tempdir().unwrap();
    assert!(site
        .plain_build_into(scratch.path())
        .status()
        .unwrap()
        .success());
    let size = |name: &str| fs::metadata(scratch.path().join(name)).unwrap().len();
    let (rss, atom) = (size("rss.xml"), size("atom.xml"));
    // Atom escapes its HTML, RSS wraps it in CDATA: Atom is the larger, so a limit
    // between them fails the second file after the first was written in full.
    assert!(rss + 1_000 < atom, "rss {rss}, atom {atom}");
    for limit in [rss / 2, (rss + atom) / 2] {
        let mut cmd = site.plain_build();
        with_file_size_limit(&mut cmd, limit);
        let stderr = assert_refused(&mut cmd, 1, &["File too large"], &site.out(), &before);
        assert!(stderr.contains(".xml"), "names no output file: {stderr}");
    }
    // With room again the build completes, leaving no temporary files.
    assert!(site.plain_build().status().unwrap().success());
    let after = snapshot(&site.out());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert!(site.read("rss.xml").contains("<title>New</title>"));
}

#[test]
fn two_builds_into_one_folder_at_once_leave_a_complete_set() {
    let a = Site::new(&[("blog/a.md", &POST.replace("Good", "Version A"))]);
    let b = Site::new(&[("blog/b.md", &POST.replace("Good", "Version B"))]);
    // The complete set each build writes, built alone first.
    let mut sets = Vec::new();
    for site in [&a, &b] {
        assert!(site.plain_build().status().unwrap().success());
        sets.push(snapshot(&site.out()));
    }
    assert_ne!(sets[0], sets[1]);
    let shared = tempfile::tempdir().unwrap();
    let out = shared.path().join("public");
    let spawn = |site: &Site| {
        site.plain_build_into(&out)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..10 {
        let (first, second) = if round % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let children = [spawn(first), spawn(second)];
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let result = snapshot(&out);
        assert!(
            result == sets[0] || result == sets[1],
            "round {round}: a mixed or incomplete set: {:?}",
            result.keys()
        );
    }
}

// ---------------------------------------------------------------------------
// Nothing escapes: no front-matter value writes outside --out or reads outside --content.
// ---------------------------------------------------------------------------

#[test]
fn no_front_matter_value_reaches_outside_the_site() {
    let long = "x".repeat(5_000);
    let evil_values = [
        "../../../../../../tmp/feedwright-escape",
        "/etc/passwd",
        "/tmp/feedwright-escape/",
        "C:\\Windows\\System32\\x",
        "C:/x",
        "%2e%2e/%2e%2e/%2e%2e/x",
        "..%2f..%2f..%2fx",
        "..\\..\\..\\x",
        "a\\u0000b/../../x",
        "file:///etc/passwd",
        "//evil.example/x",
        &long,
    ];
    let keys = [
        "slug",
        "url",
        "path",
        "tags",
        "categories",
        "section",
        "title",
        "image",
    ];
    let mut files = Vec::new();
    for (i, value) in evil_values.iter().enumerate() {
        for key in keys {
            // A double-quoted YAML string: `\u0000` is a real NUL once parsed.
            let quoted = format!(
                "\"{}\"",
                value.replace('\\', "\\\\").replace("\\\\u0000", "\\u0000")
            );
            files.push((
                format!("blog/p{i}-{key}.md"),
                format!("---\ntitle: T{i} {key}\ndate: 2025-01-{:02}\n{key}: {quoted}\n---\n[l](../../../../x) ![i](../../../etc/passwd)\n", i + 1),
            ));
        }
    }
    // A content file with the longest name the file system allows.
    files.push((format!("blog/{}.md", "n".repeat(250)), POST.to_string()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = Site::new(&refs);
    let root_before = snapshot(site.dir.path());
    // `url` values collide (two posts with one URL), so keep going past them.
    let (code, stderr, _) = run_measured(site.plain_build().args(["--keep-going", "--limit", "0"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!Path::new("/tmp/feedwright-escape").exists());
    // Only the three outputs are new anywhere under the site's folder.
    let root_after = snapshot(site.dir.path());
    let added: Vec<_> = root_after
        .keys()
        .filter(|k| !root_before.contains_key(*k))
        .collect();
    assert_eq!(
        added,
        [
            "public/",
            "public/atom.xml",
            "public/feed.json",
            "public/rss.xml",
            "public/sitemap.xml"
        ]
    );
    for name in ["rss.xml", "atom.xml", "feed.json", "sitemap.xml"] {
        let text = site.read(name);
        crate::targets::check_output(name, text.as_bytes(), "https://example.org/");
        assert!(!text.contains("root:x:0"), "{name} holds /etc/passwd");
    }
    // Every image is under the site, or on the host a protocol-relative value named.
    let rss = site.read("rss.xml");
    for url in rss.split("url=\"").skip(1) {
        assert!(
            url.starts_with("https://example.org/") || url.starts_with("https://evil.example/x\""),
            "{}",
            &url[..url.len().min(80)]
        );
    }
}

#[test]
fn output_names_in_the_config_cannot_escape() {
    for name in [
        "../escape.xml",
        "/tmp/escape.xml",
        "..",
        "a/b.xml",
        "C:x.xml",
        ".hidden.xml",
    ] {
        let (site, before) = built_site();
        let config = site.dir.path().join("feedwright.yaml");
        fs::write(&config, format!("output:\n  rss: {name:?}\n")).unwrap();
        assert_refused(
            site.plain_build().arg("--config").arg(&config),
            2,
            &["output.rss", "plain file name"],
            &site.out(),
            &before,
        );
    }
}

// ---------------------------------------------------------------------------
// Crash inputs found by fuzzing, replayed through the same code the fuzzer ran.
// ---------------------------------------------------------------------------

#[test]
fn fuzz_regressions_replay() {
    let root = repo_root().join("tests/regressions");
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 4] = [
        ("front_matter", crate::targets::fuzz_front_matter),
        ("date", crate::targets::fuzz_date),
        ("markdown", crate::targets::fuzz_markdown),
        ("build_one_post", crate::targets::fuzz_build_one_post),
    ];
    let mut replayed = 0;
    for (name, target) in targets {
        let Ok(entries) = fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| target(&bytes));
            assert!(result.is_ok(), "{} fails again", path.display());
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found under {}",
        root.display()
    );
}

/// The seed corpora's own files (the sample site) pass every target.
#[test]
fn the_sample_site_passes_every_fuzz_target() {
    let mut stack = vec![repo_root().join("content")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let bytes = fs::read(&path).unwrap();
                crate::targets::fuzz_front_matter(&bytes);
                crate::targets::fuzz_markdown(&bytes);
                crate::targets::fuzz_build_one_post(&bytes);
            }
        }
    }
}
