//! Crash safety (issue #3): a build killed with SIGKILL at any moment leaves
//! every output file either the complete old version or the complete new one,
//! and the next successful build leaves no temporary file behind.
//!
//! Two content folders differ in one post (its text and its `lastmod`, so every
//! output differs); builds of each in turn write into one output folder and are
//! killed after a pseudo-random delay (seeded, so a failure reproduces) spread
//! over the whole build, weighted towards its end where the writes happen.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{plain_build, snapshot, Rng};

/// Posts per site, and bytes per post: enough that a build takes a while
/// (about a second in a debug build) and the feeds take a few milliseconds to
/// write; fewer, shorter builds leave room for more kills in the time budget.
const POSTS: usize = 120;
const POST_BYTES: usize = 8 * 1024;

/// The whole test stays within this (CI has two cores and many other tests).
const BUDGET: Duration = Duration::from_secs(25);

fn write_site(content: &Path, version: &str) {
    for i in 0..POSTS {
        let day = i % 28 + 1;
        let month = i / 28 % 12 + 1;
        // Post 0 differs between the versions, in its body and its lastmod.
        let (marker, lastmod) = if i == 0 {
            (
                version,
                if version == "old" {
                    "2025-03-01"
                } else {
                    "2025-03-02"
                },
            )
        } else {
            ("same", "2025-03-01")
        };
        let mut post = format!(
            "---\ntitle: Post {i} {marker}\ndate: 2024-{month:02}-{day:02}T10:00:00+02:00\nlastmod: {lastmod}\ntags: [t{}]\n---\n",
            i % 7
        );
        let paragraph = format!(
            "Paragraph of post {i} ({marker}) with [a link](../p{}/) and *emphasis*.\n\n",
            i + 1
        );
        while post.len() < POST_BYTES {
            post.push_str(&paragraph);
        }
        let path = content.join(format!("blog/p{i:03}.md"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, post).unwrap();
    }
}

fn build(content: &Path, out: &Path) -> Command {
    let mut cmd = plain_build(Path::new(env!("CARGO_BIN_EXE_feedwright")), content, out);
    cmd.args(["--limit", "0"]);
    cmd
}

/// The output files (temporary files aside) and their bytes.
fn outputs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(out)
        .into_iter()
        .filter(|(name, _)| !is_temp(name))
        .collect()
}

fn has_temp(out: &Path) -> bool {
    fs::read_dir(out).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| is_temp(&e.file_name().to_string_lossy()))
    })
}

fn is_temp(name: &str) -> bool {
    name.starts_with(".feedwright-") && name.ends_with(".tmp")
}

#[test]
fn a_killed_build_leaves_each_file_old_or_new_and_no_temp_files_after_the_next() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let (old_content, new_content) = (dir.path().join("old"), dir.path().join("new"));
    write_site(&old_content, "old");
    write_site(&new_content, "new");

    // The complete sets, each built alone; timing the builds sets the kill window.
    let mut sets = Vec::new();
    let mut build_time = Duration::ZERO;
    for content in [&old_content, &new_content] {
        let out = dir.path().join(format!("reference-{}", sets.len()));
        let timer = Instant::now();
        assert!(build(content, &out).status().unwrap().success());
        build_time = build_time.max(timer.elapsed());
        sets.push(outputs(&out));
    }
    let (old, new) = (&sets[0], &sets[1]);
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        ["atom.xml", "feed.json", "rss.xml", "sitemap.xml"]
    );
    for (name, bytes) in old {
        assert_ne!(
            Some(bytes),
            new.get(name),
            "{name} is the same in both versions"
        );
        if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
        } else {
            roxmltree::Document::parse(std::str::from_utf8(bytes).unwrap()).unwrap();
        }
    }

    let out = dir.path().join("public");
    assert!(build(&old_content, &out).status().unwrap().success());
    let mut rng = Rng(0x5EED_F00D_CAFE_D00D);
    let (mut kills, mut kills_while_writing, mut completed, mut mixed) = (0, 0, 0, 0);
    // As many rounds as the budget allows after the final build; a round costs
    // at most one build.
    let rounds = (BUDGET
        .saturating_sub(started.elapsed() + build_time)
        .as_secs_f64()
        / build_time.as_secs_f64())
    .clamp(6.0, 60.0) as usize;
    for round in 0..rounds {
        let content = if round % 2 == 0 {
            &new_content
        } else {
            &old_content
        };
        let mut child = build(content, &out).spawn().unwrap();
        let killed_at = if round % 2 == 0 {
            // Anywhere in the build (or just after it).
            let delay = build_time.mul_f64(rng.unit() * 1.1);
            std::thread::sleep(delay);
            format!("{delay:?} in")
        } else {
            // While it writes: the writes take milliseconds at the end of a
            // build of seconds, so wait for its first temporary file to appear,
            // then kill it 0-3 ms later.
            let deadline = Instant::now() + build_time * 4;
            while Instant::now() < deadline
                && child.try_wait().unwrap().is_none()
                && !has_temp(&out)
            {
                std::thread::sleep(Duration::from_micros(100));
            }
            let delay = Duration::from_micros(rng.next() % 3_000);
            std::thread::sleep(delay);
            kills_while_writing += usize::from(child.try_wait().unwrap().is_none());
            format!("{delay:?} into the writes of")
        };
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success());
                completed += 1;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                kills += 1;
            }
        }
        let now = outputs(&out);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            old.keys().collect::<Vec<_>>(),
            "round {round}: an output went missing"
        );
        let mut from_old = 0;
        for (name, bytes) in &now {
            let is_old = bytes == &old[name];
            assert!(
                is_old || bytes == &new[name],
                "round {round} (killed {killed_at} the build): {name} is neither the old nor the new version ({} bytes)",
                bytes.len()
            );
            from_old += usize::from(is_old);
        }
        mixed += usize::from(from_old != 0 && from_old != now.len());
    }

    // The next successful build completes the set and removes every temporary file.
    assert!(build(&new_content, &out).status().unwrap().success());
    assert_eq!(&outputs(&out), new);
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| is_temp(n))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    eprintln!(
        "crash safety: {rounds} builds, {kills} killed ({kills_while_writing} while writing), {completed} completed, {mixed} kills left old and new files side by side; build time {build_time:?}, total {:?}",
        started.elapsed()
    );
    assert!(
        kills >= rounds / 3,
        "only {kills} of {rounds} builds were killed"
    );
    assert!(kills_while_writing > 0, "no build was killed while writing");
}
