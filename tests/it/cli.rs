//! The command line as people and CI jobs meet it: the summary line, `-q`
//! and `-v`, diagnostics with their source line and hint, colour, `--format
//! github`, `build --check`, completions, the man page, the exit codes of
//! every command, and the RSS channel's dates.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

use crate::common::*;

/// A site in a temporary folder: `content/` with `files`, a `feedwright.yaml`
/// of `config`, run from that folder with relative paths as people do.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new(config: &str, files: &[(&str, &str)]) -> Folder {
        let content: Vec<(String, &str)> = files
            .iter()
            .map(|(path, text)| (format!("content/{path}"), *text))
            .chain([("feedwright.yaml".to_string(), config)])
            .collect();
        let files: Vec<(&str, &str)> = content.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        Folder {
            dir: folder(&files),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `feedwright ARGS` in the folder, "now" fixed.
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = feedwright();
        cmd.current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .args(args);
        cmd.output().unwrap()
    }
}

const CONFIG: &str = "base_url: https://example.org/\ntitle: T\n";
const POST: &str = "---\ntitle: One\ndate: 2025-01-15T21:44:45+06:00\n---\nHello.\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    text(&output.stderr)
}

fn stdout(output: &Output) -> String {
    text(&output.stdout)
}

/// The one line of standard error, asserted to be the only one.
fn only_line(output: &Output) -> String {
    let stderr = stderr(output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    lines[0].to_string()
}

#[test]
fn a_build_ends_with_one_summary_line_naming_each_file() {
    let site = Folder::new(
        CONFIG,
        &[
            ("blog/one.md", POST),
            ("about.md", "---\ntitle: About\n---\nx\n"),
        ],
    );
    let output = site.run(&["build", "--sitemap"]);
    assert_eq!(output.status.code(), Some(0));
    let line = only_line(&output);
    let expected = "feedwright: wrote public/rss.xml, public/atom.xml, public/feed.json, public/sitemap.xml: 1 entry, 4 sitemap URLs, 0 warnings in ";
    assert!(line.starts_with(expected), "{line}");
    let seconds = line[expected.len()..].strip_suffix('s').expect("ends in s");
    assert!(seconds.parse::<f64>().is_ok_and(|s| s >= 0.0), "{line}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn quiet_prints_errors_only() {
    let site = Folder::new(CONFIG, &[("blog/one.md", POST), ("blog/.keep/x.md", "x")]);
    let output = site.run(&["-q", "build"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
    // A warning (a translation not in the site's language) is not an error.
    let site = Folder::new(
        "base_url: https://example.org/\nlanguage: en\n",
        &[("blog/one.md", POST), ("blog/one.fr.md", POST)],
    );
    let loud = site.run(&["build"]);
    assert!(warned(&stderr(&loud)), "{}", stderr(&loud));
    let quiet = site.run(&["build", "--quiet"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "");
    // Errors are printed, and nothing else.
    let site = Folder::new(
        CONFIG,
        &[("blog/bad.md", "---\ntitle: B\ndate: 2025-13-45\n---\nx\n")],
    );
    let output = site.run(&["build", "-q"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with("error: `date`: `2025-13-45` is not a date"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("feedwright:"),
        "no summary under -q: {stderr}"
    );
}

#[test]
fn a_bad_date_shows_its_line_a_marker_under_the_value_and_the_accepted_shapes() {
    let site = Folder::new(
        CONFIG,
        &[(
            "blog/bad.md",
            "---\ntitle: Bad\ndate:   2025-02-30 10:00  # oops\n---\nx\n",
        )],
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    let expected = "\
error: `date`: `2025-02-30 10:00` is not a date (no such day in the calendar)
 --> content/blog/bad.md:3:9
  |
3 | date:   2025-02-30 10:00  # oops
  |         ^^^^^^^^^^^^^^^^
  |
  = help: write a date like `2025-01-15T21:44:45+06:00` (RFC 3339), `2025-01-15 21:44:45 +0600` (Jekyll), `2025-01-15 21:44:45` or `2025-01-15` (in the site's time zone), or `Wed, 15 Jan 2025 21:44:45 +0600` (RFC 2822)

feedwright: nothing was written
";
    assert_eq!(stderr, expected);
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_config_typo_shows_its_line_and_the_nearest_key() {
    let site = Folder::new(
        "base_url: https://example.org/\ntitel: My blog\n",
        &[("blog/one.md", POST)],
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "\
error: unknown key `titel`
 --> feedwright.yaml:2:1
  |
2 | titel: My blog
  | ^^^^^
  |
  = help: did you mean `title`?

feedwright: nothing was written
"
    );
    // Nested, and far from every key: the hint lists the keys.
    let site = Folder::new(
        "base_url: https://example.org/\nauthor:\n  name: Jane\n  e-mail: j@example.org\n",
        &[("blog/one.md", POST)],
    );
    let shown = stderr(&site.run(&["build"]));
    assert!(shown.contains(" --> feedwright.yaml:4:3\n"), "{shown}");
    assert!(shown.contains("= help: did you mean `email`?"), "{shown}");
    let site = Folder::new(
        "base_url: https://example.org/\nzzz: 1\n",
        &[("blog/one.md", POST)],
    );
    let shown = stderr(&site.run(&["build"]));
    assert!(
        shown.contains("= help: the keys accepted here are `base_url`, `title`,"),
        "{shown}"
    );
}

#[test]
fn an_author_without_a_name_says_what_is_accepted() {
    let site = Folder::new(
        "base_url: https://example.org/\ntitle: T\nauthor:\n  email: jane@example.org\n",
        &[("blog/one.md", POST)],
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "\
error: `author`: `name` is missing
 --> feedwright.yaml:3:1
  |
3 | author:
  | ^^^^^^
  |
  = help: write `author: {name: Jane Doe, email: jane@example.org}` (the e-mail is optional) or `author: Jane Doe`

feedwright: nothing was written
"
    );
    // Written on one line, the mapping is marked.
    let site = Folder::new(
        "base_url: https://example.org/\nauthor: {email: jane@example.org}\n",
        &[("blog/one.md", POST)],
    );
    let shown = stderr(&site.run(&["build"]));
    assert!(
        shown.contains("2 | author: {email: jane@example.org}\n  |         ^^^^^"),
        "{shown}"
    );
    // A name alone is an author.
    let site = Folder::new(
        "base_url: https://example.org/\nauthor: Jane Doe\n",
        &[("blog/one.md", POST)],
    );
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    let atom = std::fs::read_to_string(site.path().join("public/atom.xml")).unwrap();
    assert_eq!(feed(&atom).authors[0].name, "Jane Doe");
}

#[test]
fn an_error_in_the_generators_configuration_shows_its_line() {
    let dir = folder(&[
        (
            "hugo.toml",
            "baseURL = 'https://example.org/'\ntimeZone = 'Mars/Olympus'\n[permalinks]\n  posts = '/:yeer/:slug/'\n",
        ),
        ("content/posts/one.md", POST),
    ]);
    let output = feedwright()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let shown = stderr(&output);
    assert!(
        shown.starts_with(
            "error: time zone: `Mars/Olympus` is not a time zone: write an offset such as `+06:00` or an IANA name such as `Asia/Dhaka`
 --> hugo.toml:2:12
  |
2 | timeZone = 'Mars/Olympus'
  |            ^^^^^^^^^^^^^^
"
        ),
        "{shown}"
    );
    std::fs::write(
        dir.path().join("hugo.toml"),
        "baseURL = 'https://example.org/'\n[permalinks]\n  posts = '/:yeer/:slug/'\n",
    )
    .unwrap();
    let output = feedwright()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let shown = stderr(&output);
    assert!(
        shown.contains(" --> hugo.toml:3:11\n  |\n3 |   posts = '/:yeer/:slug/'\n  |           ^^^^^^^^^^^^^^^\n"),
        "{shown}"
    );
}

#[test]
fn a_template_warning_is_drawn_at_its_first_place_with_every_other() {
    let boxed = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2025-01-15\n---\nSee {{{{< mybox >}}}}x{{{{< /mybox >}}}}.\n")
    };
    let site = Folder::new(
        CONFIG,
        &[("blog/a.md", &boxed("A")), ("blog/b.md", &boxed("B"))],
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stderr(&output);
    assert!(
        shown.starts_with(
            "warning: shortcode `mybox`: no template for it in the site or its themes; its tags were removed and its inner content kept (2×: content/blog/a.md:5; content/blog/b.md:5)
 --> content/blog/a.md:5:9
  |
5 | See {{< mybox >}}x{{< /mybox >}}.
  |         ^^^^^
"
        ),
        "{shown}"
    );
    let output = site.run(&["build", "--format", "github"]);
    assert!(
        stdout(&output).starts_with(
            "::warning file=content/blog/a.md,line=5,col=9,endColumn=14,title=feedwright::shortcode `mybox`"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_error_found_across_files_is_drawn_at_the_value_to_change() {
    let post = |title: &str, date: &str| {
        format!("---\ntitle: {title}\ndate: {date}\nslug: same\n---\nx\n")
    };
    let site = Folder::new(
        CONFIG,
        &[
            ("blog/a.md", &post("A", "2025-01-01")),
            ("blog/b.md", &post("B", "2025-01-02")),
        ],
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "\
error: has the same URL as content/blog/a.md (https://example.org/blog/same/); set a different `slug` or `url`
 --> content/blog/b.md:4:7
  |
4 | slug: same
  |       ^^^^

feedwright: nothing was written
"
    );
}

#[test]
fn every_error_of_a_run_is_shown_at_once() {
    let site = Folder::new(
        CONFIG,
        &[
            ("blog/a.md", "---\ntitle: A\ndate: nope\n---\nx\n"),
            (
                "blog/b.md",
                "---\ntitle: B\ndraft: perhaps\ndate: 2025-01-01\n---\nx\n",
            ),
            ("blog/c.md", "---\ntitle: [unclosed\n---\nx\n"),
        ],
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    for at in [
        "content/blog/a.md:3:7",
        "content/blog/b.md:3:8",
        "content/blog/c.md:",
    ] {
        assert!(stderr.contains(at), "no {at}:\n{stderr}");
    }
    assert!(
        stderr.ends_with("feedwright: 3 files have errors; nothing was written\n"),
        "{stderr}"
    );
}

/// Whether `text` holds an ANSI escape sequence.
fn colored(text: &str) -> bool {
    text.contains('\u{1b}')
}

#[test]
fn colour_is_off_when_piped_with_never_and_with_no_color_and_forced_by_always() {
    let site = Folder::new(
        CONFIG,
        &[("blog/bad.md", "---\ntitle: B\ndate: x\n---\nx\n")],
    );
    assert!(!colored(&stderr(&site.run(&["build"]))), "piped");
    assert!(!colored(&stderr(&site.run(&["build", "--color", "never"]))));
    let always = stderr(&site.run(&["build", "--color", "always"]));
    assert!(colored(&always), "{always:?}");
    let mut cmd = feedwright();
    cmd.current_dir(site.path())
        .env("NO_COLOR", "1")
        .args(["--color", "always", "build"]);
    assert!(
        colored(&text(&cmd.output().unwrap().stderr)),
        "always wins over NO_COLOR"
    );
}

/// `feedwright ARGS` run on a terminal (a pseudo-terminal made by `script`),
/// with `env`; what it printed.
fn on_a_terminal(dir: &Path, env: &[(&str, &str)], args: &str) -> String {
    let binary = assert_cmd::cargo::cargo_bin("feedwright");
    let mut cmd = std::process::Command::new("script");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .args(["-q", "-e", "-c"])
        .arg(format!("{} {args}", binary.display()))
        .arg("/dev/null");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let output = cmd.output().expect("`script` (util-linux) runs");
    text(&output.stdout)
}

#[test]
fn colour_is_on_at_a_terminal_unless_no_color_is_set() {
    let site = Folder::new(
        CONFIG,
        &[("blog/bad.md", "---\ntitle: B\ndate: x\n---\nx\n")],
    );
    let shown = on_a_terminal(site.path(), &[], "build");
    assert!(shown.contains("is not a date"), "{shown}");
    assert!(colored(&shown), "{shown:?}");
    let shown = on_a_terminal(site.path(), &[("NO_COLOR", "1")], "build");
    assert!(shown.contains("is not a date"), "{shown}");
    assert!(!colored(&shown), "{shown:?}");
    let shown = on_a_terminal(site.path(), &[], "build --color never");
    assert!(!colored(&shown), "{shown:?}");
    // clap's usage errors and help follow the same rules.
    let shown = on_a_terminal(site.path(), &[], "frobnicate");
    assert!(
        shown.contains("unrecognized subcommand") && colored(&shown),
        "{shown:?}"
    );
    let shown = on_a_terminal(site.path(), &[], "--color=never frobnicate");
    assert!(
        shown.contains("unrecognized subcommand") && !colored(&shown),
        "{shown:?}"
    );
    let shown = on_a_terminal(site.path(), &[("NO_COLOR", "1")], "--help");
    assert!(
        shown.contains("Exit codes") && !colored(&shown),
        "{shown:?}"
    );
}

#[test]
fn format_github_prints_workflow_commands_for_build_and_check() {
    let site = Folder::new(
        CONFIG,
        &[("blog/bad,1.md", "---\ntitle: B\ndate: 2025-13-01\n---\nx\n")],
    );
    let output = site.run(&["build", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = stdout(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with(
            "::error file=content/blog/bad%2C1.md,line=3,col=7,endColumn=17,title=feedwright::`date`: `2025-13-01` is not a date (no such day in the calendar)%0Ahelp: write a date like"
        ),
        "{stdout}"
    );
    // The summary stays on standard error, for the log.
    assert!(stderr(&output).contains("nothing was written"));

    // Paths relative to the repository's root, where GitHub places annotations.
    let mut cmd = feedwright();
    cmd.current_dir(site.path().join("content"))
        .env("GITHUB_WORKSPACE", site.path().parent().unwrap())
        .args([
            "build",
            "--config",
            "../feedwright.yaml",
            "--content",
            ".",
            "--format",
            "github",
        ]);
    let stdout = text(&cmd.output().unwrap().stdout);
    let dir = site.path().file_name().unwrap().to_str().unwrap();
    assert!(
        stdout.starts_with(&format!(
            "::error file={dir}/content/blog/bad%2C1.md,line=3,"
        )),
        "{stdout}"
    );

    let fixture = repo_root().join("crates/check/tests/check/rss-InvalidRFC2822Date.fail.xml");
    let output = feedwright()
        .args(["check", "--format", "github"])
        .arg(&fixture)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    let expected = format!(
        "::error file={},line=16,col=7,title=feedwright%3A InvalidRFC2822Date::",
        fixture.display()
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
}

#[test]
fn format_gitlab_prints_a_code_quality_report_for_build_and_check() {
    let site = Folder::new(
        CONFIG,
        &[("blog/bad.md", "---\ntitle: B\ndate: 2025-13-01\n---\nx\n")],
    );
    let mut cmd = feedwright();
    cmd.current_dir(site.path())
        .env_remove("GITHUB_WORKSPACE")
        .env("CI_PROJECT_DIR", site.path().parent().unwrap())
        .args(["build", "--format", "gitlab"]);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let dir = site.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(issues.as_array().unwrap().len(), 1, "{issues}");
    assert_eq!(
        issues[0]["location"],
        serde_json::json!({"path": format!("{dir}/content/blog/bad.md"), "lines": {"begin": 3}})
    );
    assert_eq!(issues[0]["severity"], "major");
    assert_eq!(issues[0]["check_name"], "feedwright");
    assert!(issues[0]["description"]
        .as_str()
        .unwrap()
        .starts_with("`date`: `2025-13-01` is not a date"));
    assert!(issues[0]["fingerprint"]
        .as_str()
        .is_some_and(|f| f.len() == 32));
    assert!(stderr(&output).contains("nothing was written"));

    // A clean build: an empty report, so the job's artifact is always valid.
    let clean = Folder::new(CONFIG, &[("blog/one.md", POST)]);
    let output = clean.run(&["build", "--format", "gitlab"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "[]\n");

    let fixture = repo_root().join("crates/check/tests/check/rss-InvalidRFC2822Date.fail.xml");
    let output = feedwright()
        .args(["check", "--format", "gitlab"])
        .arg(&fixture)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(issues[0]["check_name"], "feedwright/InvalidRFC2822Date");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 16);
}

#[test]
fn build_check_writes_nothing_and_names_each_output_that_differs() {
    let site = Folder::new(CONFIG, &[("blog/one.md", POST)]);
    let public = site.path().join("public");
    // Nothing built yet: every output is missing, and nothing is written.
    let output = site.run(&["build", "--check", "--sitemap"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr_text = stderr(&output);
    for name in ["rss.xml", "atom.xml", "feed.json", "sitemap.xml"] {
        assert!(
            stderr_text.contains(&format!("error: public/{name}: is missing")),
            "{stderr_text}"
        );
    }
    assert!(!public.exists(), "build --check wrote something");

    assert_eq!(site.run(&["build", "--sitemap"]).status.code(), Some(0));
    let output = site.run(&["build", "--check", "--sitemap"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(only_line(&output).starts_with(
        "feedwright: checked public/rss.xml, public/atom.xml, public/feed.json, public/sitemap.xml: 1 entry"
    ));

    // The post changes: the feeds are out of date, the sitemap is not (same URL and date).
    std::fs::write(
        site.path().join("content/blog/one.md"),
        POST.replace("Hello", "Changed"),
    )
    .unwrap();
    let before = std::fs::read(public.join("rss.xml")).unwrap();
    let output = site.run(&["build", "--check", "--sitemap"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr_text = stderr(&output);
    assert!(
        stderr_text.contains("error: public/rss.xml: differs from what the build makes"),
        "{stderr_text}"
    );
    for name in ["atom.xml", "feed.json"] {
        assert!(
            stderr_text.contains(&format!("error: public/{name}: differs")),
            "{stderr_text}"
        );
    }
    assert!(
        !stderr_text.contains("public/sitemap.xml:"),
        "{stderr_text}"
    );
    assert!(
        stderr_text.ends_with("feedwright: 3 of 4 outputs are out of date; nothing was written\n")
    );
    assert_eq!(
        std::fs::read(public.join("rss.xml")).unwrap(),
        before,
        "nothing is written"
    );
}

#[test]
fn completions_for_each_shell() {
    let markers = [
        ("bash", "complete -F _feedwright"),
        ("zsh", "#compdef feedwright"),
        ("fish", "complete -c feedwright"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in markers {
        let output = feedwright().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = text(&output.stdout);
        assert!(script.contains(marker), "{shell}: no {marker}");
        for word in ["build", "check", "list", "init", "syndicate", "format"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    // The bash script is valid bash, and completes the commands.
    let script = text(
        &feedwright()
            .args(["completions", "bash"])
            .output()
            .unwrap()
            .stdout,
    );
    let completed = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{script}\nCOMP_WORDS=(feedwright b); COMP_CWORD=1; _feedwright feedwright b feedwright; echo \"${{COMPREPLY[@]}}\""
        ))
        .output()
        .unwrap();
    assert!(completed.status.success(), "{}", text(&completed.stderr));
    assert_eq!(text(&completed.stdout).trim(), "build");
    feedwright().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_is_generated() {
    let output = feedwright().arg("man").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = text(&output.stdout);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &page[..200]
    );
    assert!(page.contains(".TH feedwright 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        "Exit codes",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    // groff reads it without a warning.
    let rendered = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::fs::File::open(write_temp(&page)).unwrap())
        .output();
    if let Ok(rendered) = rendered {
        assert!(rendered.status.success());
        assert_eq!(text(&rendered.stderr), "", "groff warns");
    }
    // One page per command into a folder.
    let dir = tempfile::tempdir().unwrap();
    feedwright()
        .arg("man")
        .arg("--dir")
        .arg(dir.path())
        .assert()
        .code(0);
    for name in [
        "feedwright.1",
        "feedwright-build.1",
        "feedwright-check.1",
        "feedwright-init.1",
        "feedwright-list.1",
    ] {
        let page = std::fs::read_to_string(dir.path().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(page.contains(".TH "), "{name}");
    }
}

fn write_temp(text: &str) -> std::path::PathBuf {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file.into_temp_path().keep().unwrap()
}

#[test]
fn help_lists_the_exit_codes_for_every_command() {
    for command in [
        &[][..],
        &["build"],
        &["check"],
        &["init"],
        &["list"],
        &["syndicate"],
        &["completions"],
        &["man"],
    ] {
        let output = feedwright().args(command).arg("--help").output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{command:?}");
        let help = text(&output.stdout);
        assert!(help.contains("Exit codes"), "{command:?}: {help}");
        assert!(help.contains("0  success"), "{command:?}");
        assert!(help.contains("1  content or output errors"), "{command:?}");
        assert!(
            help.contains("2  usage or configuration errors"),
            "{command:?}"
        );
    }
}

/// `cmd`'s exit code.
fn code(cmd: &mut Command) -> Option<i32> {
    cmd.output().unwrap().status.code()
}

#[test]
fn exit_codes_hold_for_every_command() {
    let good = Folder::new(CONFIG, &[("blog/one.md", POST)]);
    let broken = Folder::new(
        CONFIG,
        &[("blog/one.md", "---\ntitle: x\ndate: never\n---\n")],
    );
    let misconfigured = Folder::new(
        "base_url: https://example.org/\nlimt: 3\n",
        &[("blog/one.md", POST)],
    );
    let in_dir = |folder: &Folder, args: &[&str]| {
        let mut cmd = feedwright();
        cmd.current_dir(folder.path()).args(args);
        cmd
    };
    for (folder, args, expected) in [
        (&good, &["build"][..], 0),
        (&broken, &["build"], 1),
        (&misconfigured, &["build"], 2),
        (&good, &["build", "--limit", "many"], 2),
        (&good, &["build", "--now", "yesterday"], 2),
        (&good, &["build", "--check"], 0),
        (&broken, &["build", "--check"], 1),
        (&good, &["check", "public/rss.xml", "public/atom.xml"], 0),
        (&good, &["check", "content/blog/one.md"], 1),
        (&good, &["check", "missing.xml"], 2),
        (&good, &["check"], 2),
        (&misconfigured, &["syndicate", "--dry-run"], 2),
        (
            &good,
            &["syndicate", "--from", "missing.xml", "--dry-run"],
            2,
        ),
        (&good, &["list"], 0),
        (&broken, &["list"], 1),
        (&misconfigured, &["list"], 2),
        (&good, &["list", "--format", "yaml"], 2),
        (&misconfigured, &["init"], 2),
        (&good, &["completions", "bash"], 0),
        (&good, &["completions"], 2),
        (&good, &["man"], 0),
        (&good, &["man", "--section", "5"], 2),
        (&good, &["frobnicate"], 2),
        (&good, &["--version"], 0),
    ] {
        assert_eq!(code(&mut in_dir(folder, args)), Some(expected), "{args:?}");
    }

    // init: 0 where there is no feedwright.yaml yet.
    let bare = folder(&[("content/blog/one.md", POST)]);
    assert_eq!(
        code(feedwright().current_dir(bare.path()).arg("init")),
        Some(0)
    );
    // syndicate: 0 for a dry run (no credential, nothing sent), 1 when the
    // hub refuses the ping (a server on this machine answering 400).
    let hub = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = hub.local_addr().unwrap();
    let pinged = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let answering = std::thread::spawn({
        let pinged = pinged.clone();
        move || {
            use std::io::{Read, Write};
            let (mut stream, _) = hub.accept().unwrap();
            pinged.store(true, std::sync::atomic::Ordering::SeqCst);
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            stream
                .write_all(
                    b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .unwrap();
        }
    });
    let syndicating = folder(&[
        (
            "feedwright.yaml",
            &format!("base_url: https://example.org/\nsyndicate:\n  state: state.json\n  websub:\n    hubs: [\"http://{address}/\"]\n"),
        ),
        (
            "feed.atom",
            &std::fs::read_to_string(repo_root().join("tests/fixtures/syndicate/feed.atom")).unwrap(),
        ),
    ]);
    let syndicate = |args: &[&str]| {
        let mut cmd = feedwright();
        cmd.current_dir(syndicating.path())
            .args(["syndicate", "--from", "feed.atom", "--max", "1"])
            .args(args);
        code(&mut cmd)
    };
    assert_eq!(syndicate(&["--dry-run"]), Some(0));
    assert!(
        !pinged.load(std::sync::atomic::Ordering::SeqCst),
        "a dry run sent the ping"
    );
    assert_eq!(syndicate(&[]), Some(1));
    answering.join().unwrap();
}

#[test]
fn the_channel_dates_are_the_newest_publication_and_the_newest_update() {
    let site = Folder::new(
        CONFIG,
        &[
            // Published first, updated last.
            ("blog/old.md", "---\ntitle: Old\ndate: 2025-01-01T00:00:00Z\nlastmod: 2025-03-01T00:00:00Z\n---\nx\n"),
            ("blog/new.md", "---\ntitle: New\ndate: 2025-02-01T00:00:00Z\n---\nx\n"),
        ],
    );
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    let rss = std::fs::read(site.path().join("public/rss.xml")).unwrap();
    let channel = rss::Channel::read_from(&rss[..]).expect("a valid RSS channel");
    assert_eq!(channel.pub_date(), Some("Sat, 01 Feb 2025 00:00:00 +0000"));
    assert_eq!(
        channel.last_build_date(),
        Some("Sat, 01 Mar 2025 00:00:00 +0000")
    );
    let atom = std::fs::read_to_string(site.path().join("public/atom.xml")).unwrap();
    let atom = feed(&atom);
    assert_eq!(
        atom.updated.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-03-01T00:00:00+00:00")
    );
}

/// A folder holding `files` (paths from its root).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `feedwright init` in `dir`: the file it wrote, read as YAML, after
/// checking that a build with it writes what a build without it writes, and
/// that a second `init` refuses to overwrite it.
fn init_and_compare(dir: &Path, out: &str) -> serde_yaml::Value {
    let build = |into: &str| {
        let mut cmd = feedwright();
        cmd.current_dir(dir).args([
            "build",
            "--sitemap",
            "--now",
            "2026-01-01T00:00:00Z",
            "--out",
            into,
        ]);
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    };
    build(&format!("{out}-without"));
    let mut init = feedwright();
    init.current_dir(dir).arg("init");
    let output = init.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let line = only_line(&output);
    assert!(
        line.starts_with("feedwright: wrote feedwright.yaml from the "),
        "{line}"
    );
    let written = std::fs::read_to_string(dir.join("feedwright.yaml")).unwrap();
    build(&format!("{out}-with"));
    // Every output, under the same names (the generator's feed paths).
    let outputs = |folder: String| -> std::collections::BTreeMap<String, Vec<u8>> {
        let root = dir.join(folder);
        walkdir::WalkDir::new(&root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e.path().strip_prefix(&root).unwrap().display().to_string();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect()
    };
    let (without, with) = (
        outputs(format!("{out}-without")),
        outputs(format!("{out}-with")),
    );
    assert_eq!(
        without.keys().collect::<Vec<_>>(),
        with.keys().collect::<Vec<_>>(),
        "{written}"
    );
    for (name, bytes) in &without {
        assert!(
            *bytes == with[name],
            "{name} changed with the written feedwright.yaml:\n{written}"
        );
    }
    // Never overwritten: exit 2, the file as it was.
    let output = feedwright().current_dir(dir).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "error: feedwright.yaml: already exists; `feedwright init` never overwrites it"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("feedwright.yaml")).unwrap(),
        written
    );
    assert!(
        written.lines().filter(|l| l.starts_with('#')).count() > 10,
        "commented:\n{written}"
    );
    serde_yaml::from_str(&written).expect("valid YAML")
}

#[test]
fn init_carries_over_a_hugo_configuration() {
    let dir = folder(&[
        (
            "hugo.toml",
            "baseURL = 'https://hugo.example.org/blog/'\ntitle = 'Notes: on # things'\nlanguageCode = 'en-GB'\ntimeZone = 'Europe/London'\n[permalinks]\nposts = '/:year/:month/:slug/'\n[params]\ndescription = 'About things'\n[params.author]\nname = 'Ann Author'\nemail = 'ann@example.org'\n",
        ),
        ("content/posts/one.md", "---\ntitle: One\ndate: 2025-06-01 10:00\n---\nHi.\n"),
    ]);
    let yaml = init_and_compare(dir.path(), "public");
    assert_eq!(yaml["generator"], "hugo");
    assert_eq!(yaml["base_url"], "https://hugo.example.org/blog/");
    assert_eq!(yaml["title"], "Notes: on # things");
    assert_eq!(yaml["language"], "en-gb");
    assert_eq!(yaml["timezone"], "Europe/London");
    assert_eq!(yaml["author"]["name"], "Ann Author");
    assert_eq!(yaml["author"]["email"], "ann@example.org");
    let written = std::fs::read_to_string(dir.path().join("feedwright.yaml")).unwrap();
    assert!(
        written.contains("#   posts: /:year/:month/:slug/"),
        "{written}"
    );
}

#[test]
fn init_carries_over_a_jekyll_configuration() {
    let dir = folder(&[
        (
            "_config.yml",
            "url: https://jekyll.example.org\nbaseurl: /news\ntitle: Jekyll News\ndescription: What is new\nlang: fr\ntimezone: America/New_York\npermalink: /:year/:title/\nauthor:\n  name: Jo\n  email: not-an-address\n",
        ),
        ("_posts/2025-01-02-hello.md", "---\ntitle: Hello\n---\nHi.\n"),
    ]);
    let yaml = init_and_compare(dir.path(), "out");
    assert_eq!(yaml["generator"], "jekyll");
    assert_eq!(yaml["base_url"], "https://jekyll.example.org/news/");
    assert_eq!(yaml["title"], "Jekyll News");
    assert_eq!(yaml["description"], "What is new");
    assert_eq!(yaml["language"], "fr");
    assert_eq!(yaml["timezone"], "America/New_York");
    assert_eq!(yaml["author"]["name"], "Jo");
    // An e-mail the feeds could not carry is left out, as the build leaves it out.
    assert!(yaml["author"]["email"].is_null());
    let written = std::fs::read_to_string(dir.path().join("feedwright.yaml")).unwrap();
    assert!(written.contains("#   posts: /:year/:title/"), "{written}");
}

#[test]
fn init_carries_over_a_zola_configuration() {
    let dir = folder(&[
        (
            "config.toml",
            "base_url = \"https://zola.example.org\"\ntitle = \"Zola Site\"\ndescription = \"A Zola site\"\ndefault_language = \"de\"\nauthor = \"Zed\"\n",
        ),
        ("content/blog/post.md", "+++\ntitle = \"Post\"\ndate = 2025-03-04\n+++\nHi.\n"),
    ]);
    let yaml = init_and_compare(dir.path(), "public");
    assert_eq!(yaml["generator"], "zola");
    assert_eq!(yaml["base_url"], "https://zola.example.org");
    assert_eq!(yaml["title"], "Zola Site");
    assert_eq!(yaml["language"], "de");
    assert_eq!(yaml["author"]["name"], "Zed");
    assert!(yaml["timezone"].is_null(), "Zola has no time zone setting");
}

#[test]
fn init_without_a_generator_writes_every_key_commented() {
    let dir = folder(&[("content/blog/one.md", POST)]);
    let output = feedwright()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("feedwright.yaml")).unwrap();
    let yaml: Option<serde_yaml::Value> = serde_yaml::from_str(&written).unwrap();
    assert!(yaml.is_none(), "every key is commented out:\n{written}");
    assert!(
        written.contains("# base_url: https://example.org/"),
        "{written}"
    );
    // Until the base URL is set, a build says so.
    let build = feedwright()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(2));
    assert!(stderr(&build).contains("no base URL"), "{}", stderr(&build));
}

/// A site with a page of every fate: newest and older posts (`--limit 1`), a
/// draft, a future and an expired post, an undated page, a translation not
/// in the site's language, and the list pages.
fn site_of_every_fate() -> Folder {
    Folder::new(
        "base_url: https://example.org/\nlanguage: en\n",
        &[
            ("blog/new.md", "---\ntitle: New\ndate: 2025-06-01T00:00:00Z\n---\nx\n"),
            ("blog/old.md", "---\ntitle: Old\ndate: 2025-01-01T00:00:00Z\n---\nx\n"),
            ("blog/wip.md", "---\ntitle: WIP\ndate: 2025-03-01T00:00:00Z\ndraft: true\n---\nx\n"),
            ("blog/later.md", "---\ntitle: Later\ndate: 2030-01-01T00:00:00Z\n---\nx\n"),
            (
                "blog/gone.md",
                "---\ntitle: Gone\ndate: 2024-01-01T00:00:00Z\nexpiryDate: 2025-01-01T00:00:00Z\n---\nx\n",
            ),
            ("about.md", "---\ntitle: About\n---\nx\n"),
            ("blog/new.fr.md", "---\ntitle: Nouveau\ndate: 2025-06-01T00:00:00Z\n---\nx\n"),
        ],
    )
}

#[test]
fn verbose_tells_every_pages_fate_and_why() {
    let site = site_of_every_fate();
    let output = site.run(&["build", "-v", "--limit", "1", "--sitemap"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stderr(&output);
    for line in [
        "content/blog/new.md: in the feeds (rss.xml, atom.xml, feed.json): one of the newest 1 posts (`limit`, --limit)\n",
        "content/blog/old.md: sitemap only: older than the newest 1 posts the feeds carry (`limit`, --limit)\n",
        "content/blog/wip.md: draft: `draft: true` (or `published: false`); --drafts publishes it\n",
        "content/blog/later.md: future: published 2030-01-01T00:00:00Z, after now (2026-01-01T00:00:00Z); --future, or a later --now, publishes it\n",
        "content/blog/gone.md: expired: expired 2025-01-01T00:00:00Z (`expiryDate`); --expired publishes it\n",
        "content/about.md: undated: no date, so a page rather than a post\n",
        "content/blog/new.fr.md: excluded: a translation (`name.LANG.md`) not in the site's language\n",
        "https://example.org/blog/: sitemap only: the list page of section `blog`\n",
        "https://example.org/: sitemap only: the home page, a list page\n",
    ] {
        assert!(shown.contains(line), "no {line:?} in:\n{shown}");
    }
    let last = shown.lines().last().unwrap();
    assert!(last.starts_with("feedwright: wrote public/rss.xml, public/atom.xml, public/feed.json, public/sitemap.xml: 1 entry, 5 sitemap URLs, 1 warning in "), "{shown}");
    // Without -v, none of it.
    let quiet = stderr(&site.run(&["build"]));
    assert!(!quiet.contains("content/blog/old.md: "), "{quiet}");
}

#[test]
fn list_prints_what_a_build_would_publish_and_writes_nothing() {
    let site = site_of_every_fate();
    let output = site.run(&["list", "--format", "json", "--limit", "1"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pages: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON array");
    let pages = pages.as_array().expect("an array");
    let fate_of = |source: &str| -> &serde_json::Value {
        pages
            .iter()
            .find(|p| p["source"] == source)
            .unwrap_or_else(|| panic!("no {source} in {pages:?}"))
    };
    let new = fate_of("content/blog/new.md");
    assert_eq!(new["fate"], "in-feeds");
    assert_eq!(new["title"], "New");
    assert_eq!(new["date"], "2025-06-01T00:00:00Z");
    assert_eq!(new["permalink"], "https://example.org/blog/new/");
    assert_eq!(
        new["feeds"],
        serde_json::json!(["rss.xml", "atom.xml", "feed.json"])
    );
    for (source, fate) in [
        ("content/blog/old.md", "sitemap-only"),
        ("content/blog/wip.md", "draft"),
        ("content/blog/later.md", "future"),
        ("content/blog/gone.md", "expired"),
        ("content/about.md", "undated"),
        ("content/blog/new.fr.md", "excluded"),
    ] {
        let page = fate_of(source);
        assert_eq!(page["fate"], fate, "{source}");
        assert!(
            page["why"].as_str().is_some_and(|w| !w.is_empty()),
            "{source}"
        );
        assert_eq!(page["feeds"], serde_json::json!([]), "{source}");
    }
    // Newest first; the undated after the dated.
    let dates: Vec<Option<&str>> = pages.iter().map(|p| p["date"].as_str()).collect();
    let dated: Vec<&str> = dates.iter().map_while(|d| *d).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(
        dates[dated.len()..].iter().all(Option::is_none),
        "{dates:?}"
    );
    assert!(!site.path().join("public").exists(), "list wrote something");

    // The table: a header, a line per page, the columns aligned.
    let output = site.run(&["list", "--limit", "1"]);
    let table = stdout(&output);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), pages.len() + 1, "{table}");
    assert!(lines[0].starts_with("DATE (UTC)        TITLE"), "{table}");
    let column = lines[0].find("PERMALINK").unwrap();
    let new_line = lines.iter().find(|l| l.contains("blog/new/")).unwrap();
    assert!(new_line.starts_with("2025-06-01 00:00  New "), "{table}");
    assert_eq!(
        new_line.find("https://example.org/blog/new/"),
        Some(column),
        "{table}"
    );
    assert!(
        new_line.ends_with("rss.xml,atom.xml,feed.json  in the feeds"),
        "{table}"
    );
    assert!(!colored(&table));
}
