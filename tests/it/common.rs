//! Helpers shared by the integration tests: run the real binary on fixture
//! sites and parse what it wrote with strict parsers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;

/// Whether a command's standard error holds a warning (a message, not the
/// summary's count of none).
pub(crate) fn warned(stderr: &str) -> bool {
    stderr.contains("warning:") || stderr.contains("warning[")
}

/// The `feedwright` binary, with no `SOURCE_DATE_EPOCH`, `NO_COLOR` or
/// `GITHUB_WORKSPACE` leaking in from the environment.
pub(crate) fn feedwright() -> Command {
    let mut cmd = Command::cargo_bin("feedwright").expect("binary is built");
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_WORKSPACE");
    cmd
}

/// `binary build --sitemap` from `content` into `out`, with a base URL and a
/// fixed "now", as a plain command (so tests can set its user, limits and
/// signals, and kill it), its output silenced.
pub(crate) fn plain_build(binary: &Path, content: &Path, out: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(binary);
    // In the site's own folder: the repository's feedwright.yaml (the sample
    // site's) is none of the test's business.
    if let Some(site) = content.parent() {
        cmd.current_dir(site);
    }
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--out")
        .arg(out)
        .args([
            "--base-url",
            "https://example.org/",
            "--now",
            "2026-01-01T00:00:00Z",
            "--sitemap",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// A temporary site: `content/` with the given files, and an empty `public/` beside it.
pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn new(files: &[(&str, &str)]) -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        for (path, text) in files {
            site.write(path, text.as_bytes());
        }
        site
    }

    /// As [`Site::new`], from generated paths and texts.
    pub(crate) fn generated(files: &[(String, String)]) -> Site {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        Site::new(&refs)
    }

    pub(crate) fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.content().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    pub(crate) fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// `feedwright build` on this site, with a base URL and a fixed "now".
    pub(crate) fn build(&self) -> Command {
        let mut cmd = feedwright();
        cmd.current_dir(self.dir.path())
            .arg("build")
            .arg("--content")
            .arg(self.content())
            .arg("--out")
            .arg(self.out())
            .args([
                "--base-url",
                "https://example.org/",
                "--now",
                "2026-01-01T00:00:00Z",
            ]);
        cmd
    }

    /// `feedwright build --sitemap` on this site as a plain command (see [`plain_build`]).
    pub(crate) fn plain_build(&self) -> StdCommand {
        self.plain_build_into(&self.out())
    }

    /// As [`Site::plain_build`], writing into `out`.
    pub(crate) fn plain_build_into(&self, out: &Path) -> StdCommand {
        self.plain_build_with(Path::new(env!("CARGO_BIN_EXE_feedwright")), out)
    }

    /// As [`Site::plain_build_into`], running `binary`.
    pub(crate) fn plain_build_with(&self, binary: &Path, out: &Path) -> StdCommand {
        let mut cmd = plain_build(binary, &self.content(), out);
        cmd.current_dir(self.dir.path());
        cmd
    }

    pub(crate) fn read(&self, name: &str) -> String {
        fs::read_to_string(self.out().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

/// The post of [`built_site`].
pub(crate) const GOOD_POST: &str =
    "---\ntitle: Good\ndate: 2025-01-15T21:44:45+06:00\n---\nBody.\n";

/// Every file in `dir` (recursively, by relative path) with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let file_type = entry.file_type().unwrap();
            if file_type.is_dir() {
                files.insert(format!("{relative}/"), Vec::new());
                stack.push(path);
            } else if file_type.is_symlink() {
                files.insert(relative, b"-> symlink".to_vec());
            } else {
                files.insert(relative, fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// Runs `cmd` and returns its exit code, its stderr and its peak memory in KiB
/// (from `wait4`, which reports this child alone).
// The child is reaped by `wait4` (for its rusage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
pub(crate) fn run_measured(cmd: &mut StdCommand) -> (Option<i32>, String, i64) {
    let (code, stderr, usage) = run_with_usage(cmd);
    (code, stderr, usage.ru_maxrss)
}

/// Runs `cmd` and returns its exit code, its stderr and what `wait4` says it used.
// The child is reaped by `wait4` (for its rusage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_with_usage(cmd: &mut StdCommand) -> (Option<i32>, String, libc::rusage) {
    use std::io::Read;
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 writes into the two locals.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, stderr, usage)
}

/// What [`peak_memory`] measured of a command.
#[derive(Debug)]
pub(crate) struct Measured {
    /// The exit code, `None` when a signal ended it.
    pub(crate) code: Option<i32>,
    /// Its standard error.
    pub(crate) stderr: String,
    /// Its peak memory (resident set), in KiB.
    pub(crate) peak_kib: i64,
    /// The processor time it used (user and system), whatever else ran meanwhile.
    pub(crate) cpu: Duration,
}

/// Runs `cmd` from a fresh copy of this test binary that runs nothing else
/// (`peak_memory_probe`), and returns its exit code, stderr, peak memory and
/// processor time.
///
/// A child's peak memory, as the kernel reports it, is at least that of the
/// process that spawned it (it records the spawner's peak when the child
/// replaces its program); this binary runs every test at once, so its own peak
/// would hide the child's.
pub(crate) fn peak_memory(cmd: &StdCommand) -> Measured {
    let scratch = tempfile::tempdir().unwrap();
    let stderr_file = scratch.path().join("stderr");
    let argv: Vec<String> = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|arg| arg.to_str().expect("UTF-8 arguments").to_string())
        .collect();
    let unset: Vec<String> = cmd
        .get_envs()
        .filter(|(_, value)| value.is_none())
        .map(|(key, _)| key.to_str().expect("UTF-8 names").to_string())
        .collect();
    let mut probe = StdCommand::new(std::env::current_exe().unwrap());
    probe
        .args([
            "--exact",
            "common::peak_memory_probe",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(PROBE_ARGV, argv.join(PROBE_SEPARATOR))
        .env(PROBE_UNSET, unset.join(PROBE_SEPARATOR))
        .env(PROBE_STDERR, &stderr_file)
        .env(PROBE_DIR, cmd.get_current_dir().unwrap_or(Path::new(".")))
        .stderr(Stdio::inherit());
    let output = probe.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report = stdout
        .lines()
        .find_map(|line| {
            line.split_once("peak-memory-probe: ")
                .map(|(_, report)| report)
        })
        .unwrap_or_else(|| panic!("the probe did not report:\n{stdout}"));
    let mut fields = report.split(' ');
    Measured {
        code: fields.next().unwrap().parse().ok(),
        peak_kib: fields.next().unwrap().parse().unwrap(),
        cpu: Duration::from_micros(fields.next().unwrap().parse().unwrap()),
        stderr: fs::read_to_string(&stderr_file).unwrap(),
    }
}

const PROBE_ARGV: &str = "FEEDWRIGHT_PROBE_ARGV";
const PROBE_UNSET: &str = "FEEDWRIGHT_PROBE_UNSET";
const PROBE_STDERR: &str = "FEEDWRIGHT_PROBE_STDERR";
const PROBE_DIR: &str = "FEEDWRIGHT_PROBE_DIR";
const PROBE_SEPARATOR: &str = "\u{1f}";

/// [`peak_memory`]'s other half: run by it, measures the command it was
/// given; run with the other tests, checks that a small command measured so
/// reads as small while this process holds far more.
#[test]
fn peak_memory_probe() {
    if let Some(argv) = std::env::var_os(PROBE_ARGV) {
        let argv = argv.into_string().unwrap();
        let mut argv = argv.split(PROBE_SEPARATOR);
        let mut cmd = StdCommand::new(argv.next().unwrap());
        cmd.args(argv)
            .current_dir(std::env::var_os(PROBE_DIR).unwrap());
        for name in std::env::var(PROBE_UNSET).unwrap().split(PROBE_SEPARATOR) {
            if !name.is_empty() {
                cmd.env_remove(name);
            }
        }
        let (code, stderr, usage) = run_with_usage(&mut cmd);
        fs::write(std::env::var_os(PROBE_STDERR).unwrap(), stderr).unwrap();
        let code = code.map_or("signal".to_string(), |c| c.to_string());
        let micros = |t: libc::timeval| t.tv_sec * 1_000_000 + t.tv_usec;
        let cpu = micros(usage.ru_utime) + micros(usage.ru_stime);
        println!("peak-memory-probe: {code} {} {cpu}", usage.ru_maxrss);
        return;
    }
    let held = vec![1u8; 256 << 20];
    let mut version = StdCommand::new(env!("CARGO_BIN_EXE_feedwright"));
    version.arg("--version");
    let measured = peak_memory(&version);
    assert_eq!(measured.code, Some(0));
    assert!(
        measured.peak_kib < 64 * 1024,
        "`feedwright --version` measured {measured:?}"
    );
    assert!(measured.cpu < Duration::from_secs(5), "{measured:?}");
    assert_eq!(std::hint::black_box(held)[12345], 1);
}

/// A site holding one good post, built once so there are outputs to protect.
pub(crate) fn built_site() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::new(&[("blog/good.md", GOOD_POST)]);
    assert!(site.plain_build().status().unwrap().success());
    let before = snapshot(&site.out());
    assert_eq!(before.len(), 4, "{:?}", before.keys());
    (site, before)
}

/// Runs `cmd`, asserting its exit code, that stderr says each of `expected`,
/// that nothing panicked, and that the outputs are byte-for-byte `before`.
pub(crate) fn assert_refused(
    cmd: &mut StdCommand,
    code: i32,
    expected: &[&str],
    out: &Path,
    before: &BTreeMap<String, Vec<u8>>,
) -> String {
    let (exit, stderr, _) = run_measured(cmd);
    assert_eq!(exit, Some(code), "stderr:\n{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "stderr lacks {text:?}:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    let after = snapshot(out);
    let changed: Vec<_> = before
        .keys()
        .chain(after.keys())
        .filter(|name| before.get(*name) != after.get(*name))
        .collect();
    assert!(changed.is_empty(), "outputs changed: {changed:?}\n{stderr}");
    stderr
}

/// Breaks the built site with `bad` at `path`: the build must refuse it,
/// naming `path` and saying each of `expected`, and leave the outputs as they
/// were; `--keep-going` must build the rest, warning about `path`. Returns
/// the refused build's stderr.
pub(crate) fn assert_bad_post(path: &str, bad: &[u8], expected: &[&str]) -> String {
    let (site, before) = built_site();
    site.write(path, bad);
    let mut expected = expected.to_vec();
    expected.push(path);
    let stderr = assert_refused(&mut site.plain_build(), 1, &expected, &site.out(), &before);
    let (code, skipped, _) = run_measured(site.plain_build().arg("--keep-going"));
    assert_eq!(code, Some(0), "--keep-going:\n{skipped}");
    assert!(
        skipped.contains("warning: ") && skipped.contains(path),
        "--keep-going does not warn about {path}:\n{skipped}"
    );
    assert!(site
        .read("rss.xml")
        .contains("<link>https://example.org/blog/good/</link>"));
    stderr
}

/// xorshift64*: small, seeded, the same on every machine.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A fraction in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `len` bytes, the high byte of each number.
    pub(crate) fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next() >> 56) as u8).collect()
    }
}

/// Parses `text` as XML 1.0 with a strict parser, panicking with the error otherwise.
pub(crate) fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

/// Parses a feed with feed-rs, as a feed reader would.
pub(crate) fn feed(text: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs rejects the feed: {e}\n{text}"))
}

/// The text of the first descendant element named `name` (any namespace) under `node`.
pub(crate) fn child_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .and_then(|n| n.text())
}

/// Every element named `name` (any namespace).
pub(crate) fn elements<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

/// The RSS `<item>` whose `<link>` is `link`.
pub(crate) fn rss_item<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    link: &str,
) -> roxmltree::Node<'a, 'i> {
    elements(doc, "item")
        .into_iter()
        .find(|item| child_text(*item, "link") == Some(link))
        .unwrap_or_else(|| panic!("no item with link {link}"))
}

/// Builds the sample site (`content/` and `feedwright.yaml` at the
/// repository's root) as the README says, with `--sitemap` and a fixed "now",
/// into a temporary folder.
pub(crate) fn build_sample_site() -> (tempfile::TempDir, assert_cmd::assert::Assert) {
    let out = tempfile::tempdir().unwrap();
    let assert = feedwright()
        .current_dir(repo_root())
        .args([
            "build",
            "--sitemap",
            "--now",
            "2026-01-01T00:00:00Z",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    (out, assert)
}

/// The repository root (where the sample site lives).
pub(crate) fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The problems the JSON Feed JSON Schema finds in `text` (none: valid),
/// checked as the schema's reference script (`validate.py`) checks: `feed.json`
/// as draft-07 with formats, its `feed-1` reference resolved to the local
/// `feed-1.json` as a draft-04 resource. See `tests/schemas/README.md`.
pub(crate) fn json_feed_schema_errors(text: &str) -> Vec<String> {
    use jsonschema::{Draft, Registry};
    static VALIDATOR: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
        let schemas = repo_root().join("tests/schemas/jsonfeed");
        let read = |name: &str| -> serde_json::Value {
            serde_json::from_str(&fs::read_to_string(schemas.join(name)).unwrap()).unwrap()
        };
        let one = Draft::Draft4.create_resource(read("feed-1.json"));
        let registry = Registry::new()
            .add("https://json.schemastore.org/feed-1", one)
            .unwrap()
            .prepare()
            .unwrap();
        // The registry lives as long as the validator: both for the whole run.
        let registry: &'static Registry<'static> = Box::leak(Box::new(registry));
        jsonschema::options()
            .with_draft(Draft::Draft7)
            .with_base_uri("https://json.schemastore.org/feed")
            .with_registry(registry)
            .should_validate_formats(true)
            .build(&read("feed.json"))
            .unwrap()
    });
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"));
    VALIDATOR
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
