//! `feedwright syndicate` end to end: the real binary against mock Mastodon,
//! Bluesky, dev.to and WebSub servers on 127.0.0.1 that record every request.
//! No test reaches a real service, and every test checks that no credential
//! appears in stdout, stderr or the state file.

mod mock;
mod site;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use mock::{MockServer, Recorded, Reply};

use serde_json::{json, Value};

const MASTODON_TOKEN: &str = "mastodon-TOKEN-0f9e8d7c";
const BLUESKY_PASSWORD: &str = "bsky-app-pw-1a2b-3c4d";
const DEVTO_KEY: &str = "devto-KEY-5e6f7a8b";
const ACCESS_JWT: &str = "eyJ-ACCESS-JWT-secret-99";
const REFRESH_JWT: &str = "eyJ-REFRESH-JWT-secret-77";
const SECRETS: [&str; 5] = [
    MASTODON_TOKEN,
    BLUESKY_PASSWORD,
    DEVTO_KEY,
    ACCESS_JWT,
    REFRESH_JWT,
];

const NOW: &str = "2026-01-01T00:00:00Z";

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/syndicate")
        .join(name)
}

fn golden(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/syndicate")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// `actual` equals the golden body `name` (printed whole when it does not).
fn assert_golden(actual: &Value, name: &str) {
    let expected = golden(name);
    assert!(
        *actual == expected,
        "{name} differs; the request body was:\n{}",
        serde_json::to_string_pretty(actual).unwrap()
    );
}

// ---- default behaviour of each platform ----

fn mastodon_ok(request: &Recorded, n: usize) -> Reply {
    match (request.method.as_str(), request.route()) {
        ("GET", "/api/v2/instance") => Reply::json(
            200,
            json!({"configuration": {"statuses": {"max_characters": 500, "characters_reserved_per_url": 23}}}),
        ),
        ("POST", "/api/v1/statuses") => Reply::json(
            200,
            json!({"id": format!("{}", 1000 + n), "url": format!("https://mastodon.example/@me/{}", 1000 + n)}),
        ),
        _ => Reply::json(404, json!({"error": "Record not found"})),
    }
}

fn bluesky_ok(request: &Recorded, _n: usize) -> Reply {
    match request.route() {
        "/xrpc/com.atproto.server.createSession" => Reply::json(
            200,
            json!({"did": "did:plc:abc123", "handle": "alice.example.org", "accessJwt": ACCESS_JWT, "refreshJwt": REFRESH_JWT}),
        ),
        "/xrpc/com.atproto.repo.uploadBlob" => Reply::json(
            200,
            json!({"blob": {"$type": "blob", "ref": {"$link": "bafkreitest"}, "mimeType": "image/png", "size": request.body.len()}}),
        ),
        "/xrpc/com.atproto.repo.createRecord" => {
            let rkey = request.json()["rkey"].as_str().unwrap_or("x").to_string();
            Reply::json(
                200,
                json!({"uri": format!("at://did:plc:abc123/app.bsky.feed.post/{rkey}"), "cid": "bafyreitest"}),
            )
        }
        _ => Reply::json(
            400,
            json!({"error": "InvalidRequest", "message": "no such method"}),
        ),
    }
}

fn devto_with(existing: Value) -> impl Fn(&Recorded, usize) -> Reply + Send + Sync {
    move |request, n| match (request.method.as_str(), request.route()) {
        ("GET", "/api/articles/me/all") => {
            if request.path.contains("page=1&") {
                Reply::json(200, existing.clone())
            } else {
                Reply::json(200, json!([]))
            }
        }
        ("POST", "/api/articles") => Reply::json(
            201,
            json!({"id": 500 + n, "url": format!("https://dev.to/me/post-{}", 500 + n)}),
        ),
        _ => Reply::json(404, json!({"error": "not found", "status": 404})),
    }
}

fn hub_ok(_request: &Recorded, _n: usize) -> Reply {
    Reply::status(204)
}

/// The four platforms, each its own server.
struct Platforms {
    mastodon: MockServer,
    bluesky: MockServer,
    devto: MockServer,
    hub: MockServer,
}

impl Platforms {
    fn new() -> Platforms {
        Platforms {
            mastodon: MockServer::start(mastodon_ok),
            bluesky: MockServer::start(bluesky_ok),
            devto: MockServer::start(devto_with(json!([]))),
            hub: MockServer::start(hub_ok),
        }
    }

    fn posts(&self) -> usize {
        self.mastodon.posts() + self.bluesky.posts() + self.devto.posts() + self.hub.posts()
    }

    /// How many requests of any kind the four servers received.
    fn requests(&self) -> usize {
        [&self.mastodon, &self.bluesky, &self.devto, &self.hub]
            .iter()
            .map(|server| server.requests().len())
            .sum()
    }
}

/// A working folder with a config file naming the platforms.
struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    fn new(platforms: &Platforms) -> Run {
        Run::with_config(&config_for(platforms))
    }

    fn with_config(config: &str) -> Run {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("feedwright.yaml"), config).unwrap();
        Run { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Copies a fixture feed into the folder as `feed.xml` (or `name`).
    fn feed(&self, fixture_name: &str) -> &Run {
        std::fs::copy(fixture(fixture_name), self.path("feed")).unwrap();
        self
    }

    fn write_feed(&self, text: &str) {
        std::fs::write(self.path("feed"), text).unwrap();
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = self.site_command(&["--from", "feed"]);
        cmd.args(args);
        cmd
    }

    /// `syndicate` on the site in the folder (no `--from`), with `args`.
    fn site_command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("feedwright").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env("TEST_MASTODON_TOKEN", MASTODON_TOKEN)
            .env("TEST_BLUESKY_PASSWORD", BLUESKY_PASSWORD)
            .env("TEST_DEVTO_KEY", DEVTO_KEY)
            .args(["syndicate", "--now", NOW])
            .args(args)
            .timeout(Duration::from_secs(120));
        cmd
    }

    /// Runs `syndicate` and checks no credential leaked anywhere.
    fn run(&self, args: &[&str]) -> Output {
        let output = self.command(args).output().unwrap();
        self.assert_no_secrets(&output);
        output
    }

    /// Runs `syndicate` on the site in the folder and checks no credential leaked.
    fn run_site(&self, args: &[&str]) -> Output {
        let output = self.site_command(args).output().unwrap();
        self.assert_no_secrets(&output);
        output
    }

    fn assert_no_secrets(&self, output: &Output) {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let state = std::fs::read_to_string(self.path("syndication.json")).unwrap_or_default();
        for secret in SECRETS {
            assert!(
                !stdout.contains(secret),
                "a credential in stdout:\n{stdout}"
            );
            assert!(
                !stderr.contains(secret),
                "a credential in stderr:\n{stderr}"
            );
            assert!(
                !state.contains(secret),
                "a credential in the state file:\n{state}"
            );
        }
    }

    fn state(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.path("syndication.json")).unwrap())
            .unwrap()
    }
}

fn config_for(p: &Platforms) -> String {
    format!(
        "syndicate:
  state: syndication.json
  max_per_run: 5
  timeout_seconds: 10
  mastodon:
    instance: {}
    token_env: TEST_MASTODON_TOKEN
    visibility: unlisted
  bluesky:
    service: {}
    handle: alice.example.org
    password_env: TEST_BLUESKY_PASSWORD
  devto:
    api: {}/api
    key_env: TEST_DEVTO_KEY
  websub:
    hubs: [{}/hub]
",
        p.mastodon.url, p.bluesky.url, p.devto.url, p.hub.url
    )
}

/// The first line (the title) of each status posted to a mock Mastodon.
fn titles(mastodon: &MockServer) -> Vec<String> {
    mastodon
        .requests_to("POST", "/api/v1/statuses")
        .iter()
        .map(|s| {
            s.json()["status"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// An Atom feed with `entries` as (slug, title, summary, date, categories).
fn atom_feed(entries: &[(&str, &str, &str, &str, &[&str])]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>T</title><id>https://blog.example.org/</id><updated>2025-06-01T00:00:00Z</updated>
  <link rel="self" href="https://blog.example.org/atom.xml"/>
"#,
    );
    for (slug, title, summary, date, categories) in entries {
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        xml.push_str(&format!(
            "  <entry><title>{}</title><id>https://blog.example.org/blog/{slug}/</id>\
             <link rel=\"alternate\" href=\"https://blog.example.org/blog/{slug}/\"/>\
             <published>{date}</published><updated>{date}</updated>\
             <summary>{}</summary>{}</entry>\n",
            escape(title),
            escape(summary),
            categories
                .iter()
                .map(|c| format!("<category term=\"{c}\"/>"))
                .collect::<String>()
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

// ---- the tests the issue lists ----

#[test]
fn first_run_with_max_posts_the_newest_and_a_second_run_posts_nothing() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--max", "2"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // The newest two of three, oldest of them first, to each of three networks.
    assert_eq!(titles(&platforms.mastodon), ["Second post", "Third post"]);
    assert_eq!(
        platforms
            .bluesky
            .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")
            .len(),
        2
    );
    assert_eq!(
        platforms.devto.requests_to("POST", "/api/articles").len(),
        2
    );
    assert_eq!(platforms.hub.posts(), 1, "one ping for the run");
    let state = run.state();
    assert_eq!(
        state["tag:blog.example.org,2025:first"]["mastodon"]["seeded"],
        true
    );
    assert_eq!(
        state["tag:blog.example.org,2025:third"]["mastodon"]["url"],
        "https://mastodon.example/@me/1001"
    );
    assert_eq!(
        state["tag:blog.example.org,2025:third"]["mastodon"]["at"],
        NOW
    );
    let text = stdout(&output);
    assert!(
        text.contains("mastodon: posted \"Third post\" https://mastodon.example/@me/1001"),
        "{text}"
    );
    assert!(text.contains("websub: pinged"), "{text}");
    assert!(
        text.contains(
            "bluesky: posted \"Third post\" https://bsky.app/profile/alice.example.org/post/"
        ),
        "{text}"
    );

    let before = platforms.posts();
    let requests_before = platforms.requests();
    let again = run.run(&[]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(platforms.posts(), before, "a second run posts nothing");
    assert_eq!(platforms.requests(), requests_before, "nor asks anything");
    assert!(stdout(&again).contains("0 posted"), "{}", stdout(&again));
}

#[test]
fn without_a_state_file_it_refuses_until_seeded_then_posts_only_the_new_post() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let refused = run.run(&[]);
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("--seed"), "{}", stderr(&refused));
    assert_eq!(platforms.requests(), 0);
    assert!(!run.path("syndication.json").exists());

    let seeded = run.run(&["--seed"]);
    assert_eq!(code(&seeded), 0, "{}", stderr(&seeded));
    assert_eq!(platforms.posts(), 0, "--seed sends nothing");
    let state = run.state();
    for id in ["first", "second", "third"] {
        for network in ["mastodon", "bluesky", "devto", "websub"] {
            assert_eq!(
                state[format!("tag:blog.example.org,2025:{id}")][network]["seeded"],
                true
            );
        }
    }

    // A new post appears: exactly it goes out, once per network.
    let feed = std::fs::read_to_string(fixture("feed.atom")).unwrap().replace(
        "  <entry>\n    <title>Third post</title>",
        "  <entry>\n    <title>Fourth post</title>\n    <id>tag:blog.example.org,2025:fourth</id>\n    <link rel=\"alternate\" href=\"https://blog.example.org/blog/fourth/\"/>\n    <published>2025-04-01T10:00:00Z</published>\n  </entry>\n  <entry>\n    <title>Third post</title>",
    );
    run.write_feed(&feed);
    let output = run.run(&[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let statuses = platforms.mastodon.requests_to("POST", "/api/v1/statuses");
    assert_eq!(statuses.len(), 1);
    assert!(statuses[0].json()["status"]
        .as_str()
        .unwrap()
        .contains("https://blog.example.org/blog/fourth/"));
    assert_eq!(
        platforms
            .bluesky
            .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")
            .len(),
        1
    );
    assert_eq!(
        platforms
            .bluesky
            .requests_to("POST", "/xrpc/com.atproto.server.createSession")
            .len(),
        1
    );
    assert_eq!(
        platforms.devto.requests_to("POST", "/api/articles").len(),
        1
    );
    assert_eq!(platforms.hub.posts(), 1);
    let hub_body = platforms.hub.requests()[0].text();
    assert_eq!(
        hub_body,
        "hub.mode=publish&hub.url=https%3A%2F%2Fblog.example.org%2Fatom.xml"
    );
}

#[test]
fn mastodon_failing_does_not_stop_bluesky_and_the_rerun_posts_only_to_mastodon() {
    let platforms = Platforms {
        // Every status POST fails with a 500 whose reply echoes the token back.
        mastodon: MockServer::start(|request, n| {
            if request.method == "POST" {
                let auth = request.header("authorization").unwrap_or("").to_string();
                Reply::json(500, json!({"error": format!("boom, you sent {auth}")}))
                    .with_header("Retry-After", "0")
            } else {
                mastodon_ok(request, n)
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    // The site had the first post when it was seeded; the second and third are new.
    let full = std::fs::read_to_string(fixture("feed.atom")).unwrap();
    let first_entry = full.rfind("  <entry>").unwrap();
    run.write_feed(&format!(
        "{}{}",
        &full[..full.find("  <entry>").unwrap()],
        &full[first_entry..]
    ));
    assert_eq!(code(&run.run(&["--seed"])), 0);
    run.write_feed(&full);
    let output = run.run(&["--to", "mastodon,bluesky"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    // Tried once and retried three times; then the network stopped for the run.
    assert_eq!(
        platforms
            .mastodon
            .requests_to("POST", "/api/v1/statuses")
            .len(),
        4
    );
    assert!(
        stderr(&output).contains("error: mastodon"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("Bearer ***"),
        "the echoed token is redacted: {}",
        stderr(&output)
    );
    assert_eq!(
        platforms
            .bluesky
            .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")
            .len(),
        2
    );
    let state = run.state();
    let second = &state["tag:blog.example.org,2025:second"];
    assert!(second.get("mastodon").is_none());
    assert!(second["bluesky"]["url"]
        .as_str()
        .unwrap()
        .starts_with("https://bsky.app/profile/alice.example.org/post/"));

    // The instance recovers: the rerun posts the same entry to Mastodon alone.
    let recovered = Platforms {
        bluesky: MockServer::start(bluesky_ok),
        ..Platforms::new()
    };
    let config = config_for(&recovered);
    std::fs::write(run.path("feedwright.yaml"), config).unwrap();
    let output = run.run(&["--to", "mastodon,bluesky"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(titles(&recovered.mastodon), ["Second post", "Third post"]);
    assert_eq!(
        recovered.bluesky.posts(),
        0,
        "bluesky had it already: not even a session"
    );
}

#[test]
fn a_retry_carries_the_same_idempotency_key() {
    let platforms = Platforms {
        mastodon: MockServer::start(|request, n| {
            if request.method == "POST" && n == 0 {
                // The first attempt's reply is lost: the server is too slow.
                Reply::status(503).with_header("Retry-After", "0")
            } else {
                mastodon_ok(request, n)
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--to", "mastodon", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let statuses = platforms.mastodon.requests_to("POST", "/api/v1/statuses");
    assert_eq!(statuses.len(), 2);
    let key = statuses[0].header("idempotency-key").unwrap();
    assert_eq!(statuses[1].header("idempotency-key"), Some(key));
    assert_eq!(statuses[0].body, statuses[1].body);
    assert_eq!(
        statuses[0].header("authorization"),
        Some(format!("Bearer {MASTODON_TOKEN}").as_str())
    );

    // The key is a function of the entry: another run for the same entry uses it again.
    let other = Platforms::new();
    let again = Run::new(&other);
    again.feed("feed.atom");
    again.run(&["--to", "mastodon", "--max", "1"]);
    assert_eq!(
        other.mastodon.requests_to("POST", "/api/v1/statuses")[0].header("idempotency-key"),
        Some(key)
    );
}

#[test]
fn a_429_with_retry_after_is_honoured() {
    let platforms = Platforms {
        devto: MockServer::start(|request, n| {
            if request.method == "POST" && n == 0 {
                Reply::json(
                    429,
                    json!({"error": "Rate limit reached, try again in 2 seconds", "status": 429}),
                )
                .with_header("Retry-After", "2")
            } else {
                devto_with(json!([]))(request, n)
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let started = Instant::now();
    let output = run.run(&["--to", "devto", "--max", "1"]);
    let elapsed = started.elapsed();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        platforms.devto.requests_to("POST", "/api/articles").len(),
        2
    );
    assert!(elapsed >= Duration::from_secs(2), "waited only {elapsed:?}");
    assert!(elapsed < Duration::from_secs(30), "waited {elapsed:?}");
}

#[test]
fn a_devto_article_already_carrying_the_canonical_url_is_recorded_not_duplicated() {
    let existing = json!([
        {"id": 7, "title": "Unrelated", "canonical_url": "https://other.example/x", "url": "https://dev.to/me/unrelated-7"},
        {"id": 8, "title": "First post", "canonical_url": "https://blog.example.org/blog/first/", "url": "https://dev.to/me/first-post-8"}
    ]);
    let platforms = Platforms {
        devto: MockServer::start(devto_with(existing)),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    std::fs::write(run.path("syndication.json"), "{}\n").unwrap();
    let output = run.run(&["--to", "devto", "--max", "2", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let posts = platforms.devto.requests_to("POST", "/api/articles");
    assert_eq!(posts.len(), 1, "only the second post is created");
    assert_eq!(
        posts[0].json()["article"]["canonical_url"],
        "https://blog.example.org/blog/second/"
    );
    assert_eq!(posts[0].header("api-key"), Some(DEVTO_KEY));
    assert!(posts[0]
        .header("user-agent")
        .unwrap()
        .starts_with("feedwright/"));
    let lists = platforms.devto.requests_to("GET", "/api/articles/me/all");
    assert_eq!(lists.len(), 2, "every page, up to the empty one");
    let state = run.state();
    assert_eq!(
        state["tag:blog.example.org,2025:first"]["devto"]["url"],
        "https://dev.to/me/first-post-8"
    );
    // --format json: stdout is exactly one JSON array.
    let results: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(
        results,
        json!([
            {"id": "tag:blog.example.org,2025:first", "network": "devto", "status": "existing", "url": "https://dev.to/me/first-post-8"},
            {"id": "tag:blog.example.org,2025:second", "network": "devto", "status": "posted", "url": "https://dev.to/me/post-500"}
        ])
    );
}

#[test]
fn devto_posts_nothing_when_the_article_list_cannot_be_read() {
    let platforms = Platforms {
        devto: MockServer::start(|request, _| {
            if request.method == "GET" {
                Reply::json(401, json!({"error": "unauthorized", "status": 401}))
            } else {
                Reply::json(201, json!({"url": "https://dev.to/x"}))
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--to", "devto,mastodon", "--max", "1"]);
    assert_eq!(code(&output), 1);
    assert_eq!(platforms.devto.posts(), 0);
    assert_eq!(
        platforms.mastodon.posts(),
        1,
        "the other network still posts"
    );
    assert!(
        stderr(&output).contains("cannot list the account's articles"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bluesky_facets_cover_the_link_and_hashtags_in_utf8_bytes() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.write_feed(&atom_feed(&[(
        "emoji",
        "Ünïcödé 🦀 post — 日本語のタイトル",
        "Résumé with emoji 👩‍👩‍👧 and Кириллица.",
        "2025-05-01T00:00:00Z",
        &["Machine Learning", "日本語"],
    )]));
    let output = run.run(&["--to", "bluesky", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let creates = platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.createRecord");
    assert_eq!(creates.len(), 1);
    let body = creates[0].json();
    assert_golden(&body, "bluesky_create_record.json");
    let record = &body["record"];
    let text = record["text"].as_str().unwrap();
    let bytes = text.as_bytes();
    let slice = |facet: &Value| {
        let start = facet["index"]["byteStart"].as_u64().unwrap() as usize;
        let end = facet["index"]["byteEnd"].as_u64().unwrap() as usize;
        std::str::from_utf8(&bytes[start..end]).unwrap().to_string()
    };
    let facets = record["facets"].as_array().unwrap();
    assert_eq!(facets.len(), 3);
    assert_eq!(slice(&facets[0]), "https://blog.example.org/blog/emoji/");
    assert_eq!(
        facets[0]["features"][0]["uri"],
        "https://blog.example.org/blog/emoji/"
    );
    assert_eq!(slice(&facets[1]), "#MachineLearning");
    assert_eq!(facets[1]["features"][0]["tag"], "MachineLearning");
    assert_eq!(slice(&facets[2]), "#日本語");
    assert_eq!(facets[2]["features"][0]["tag"], "日本語");
    let rkey = body["rkey"].as_str().unwrap();
    assert!(is_tid(rkey), "{rkey}");
    assert_eq!(
        creates[0].header("authorization"),
        Some(format!("Bearer {ACCESS_JWT}").as_str())
    );
    let session = &platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.server.createSession")[0];
    assert_eq!(
        session.json(),
        json!({"identifier": "alice.example.org", "password": BLUESKY_PASSWORD})
    );
}

fn is_tid(text: &str) -> bool {
    let alphabet = "234567abcdefghijklmnopqrstuvwxyz";
    text.len() == 13
        && "234567abcdefghij".contains(&text[..1])
        && text.chars().all(|c| alphabet.contains(c))
}

#[test]
fn a_400_grapheme_summary_is_cut_to_fit_each_network() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    // 400 graphemes: words of five letters and a space, with a family emoji in each word.
    let summary: String = (0..80).map(|_| "ab👩‍👩‍👧c ").collect::<String>();
    let summary = summary.trim_end();
    assert_eq!(unicode_graphemes(summary), 399);
    run.write_feed(&atom_feed(&[(
        "long",
        "A long one",
        summary,
        "2025-05-01T00:00:00Z",
        &["rust"],
    )]));
    let output = run.run(&["--to", "bluesky,mastodon", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));

    let record = &platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[0]
        .json()["record"];
    let text = record["text"].as_str().unwrap();
    assert!(
        unicode_graphemes(text) <= 300,
        "{} graphemes",
        unicode_graphemes(text)
    );
    assert!(
        unicode_graphemes(text) >= 290,
        "cut no shorter than needed: {}",
        unicode_graphemes(text)
    );
    assert!(
        text.contains("c…\n"),
        "cut after a word, with an ellipsis: {text}"
    );
    assert!(
        text.ends_with("https://blog.example.org/blog/long/\n\n#Rust"),
        "{text}"
    );
    assert_eq!(
        record["embed"]["external"]["description"], summary,
        "the card keeps the whole summary"
    );

    let status = platforms.mastodon.requests_to("POST", "/api/v1/statuses")[0].json();
    let status = status["status"].as_str().unwrap();
    // 500 with the URL counted as 23: the whole summary fits on Mastodon.
    assert!(status.contains(summary), "{status}");
    assert_eq!(
        status,
        format!("A long one\n\n{summary}\n\nhttps://blog.example.org/blog/long/\n\n#Rust")
    );
}

fn unicode_graphemes(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text.graphemes(true).count()
}

#[test]
fn a_missing_token_variable_exits_2_and_sends_nothing() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run
        .command(&["--max", "1"])
        .env_remove("TEST_BLUESKY_PASSWORD")
        .output()
        .unwrap();
    run.assert_no_secrets(&output);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("TEST_BLUESKY_PASSWORD"),
        "{}",
        stderr(&output)
    );
    for server in [
        &platforms.mastodon,
        &platforms.bluesky,
        &platforms.devto,
        &platforms.hub,
    ] {
        assert!(server.requests().is_empty(), "sent {:?}", server.requests());
    }
    assert!(!run.path("syndication.json").exists());
}

#[test]
fn dry_run_sends_no_post_and_writes_no_state() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--dry-run", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(platforms.posts(), 0);
    assert!(!run.path("syndication.json").exists());
    let text = stdout(&output);
    assert!(text.contains("POST http"), "{text}");
    assert!(text.contains("/api/v1/statuses"), "{text}");
    assert!(text.contains("Authorization: ***"), "{text}");
    assert!(text.contains("\"repo\": \"<did>\""), "{text}");
    assert!(text.contains("hub.mode=publish"), "{text}");
    // Read-only requests are allowed: the instance's limits, dev.to's list.
    assert_eq!(
        platforms
            .mastodon
            .requests_to("GET", "/api/v2/instance")
            .len(),
        1
    );
    assert_eq!(
        platforms
            .devto
            .requests_to("GET", "/api/articles/me/all")
            .len(),
        1
    );
}

#[test]
fn dry_run_needs_no_credential_and_shows_stars_in_its_place() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run
        .command(&["--dry-run", "--max", "1"])
        .env_remove("TEST_MASTODON_TOKEN")
        .env_remove("TEST_BLUESKY_PASSWORD")
        .env_remove("TEST_DEVTO_KEY")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    for variable in [
        "TEST_MASTODON_TOKEN",
        "TEST_BLUESKY_PASSWORD",
        "TEST_DEVTO_KEY",
    ] {
        assert!(text.contains(&format!("{variable} is not set")), "{text}");
    }
    assert!(text.contains("Authorization: ***"), "{text}");
    assert!(text.contains("api-key: ***"), "{text}");
    assert!(text.contains("\"password\": \"***\""), "{text}");
    assert!(text.contains("\"repo\": \"<did>\""), "{text}");
    assert!(text.contains("POST http"), "{text}");
    assert!(text.contains("/api/articles"), "{text}");
    assert!(
        text.contains("feedwright: dry run: 4 posts would go out"),
        "{text}"
    );
    // Nothing that needs a credential is sent: no POST, no dev.to list.
    assert_eq!(platforms.posts(), 0);
    assert!(platforms
        .devto
        .requests_to("GET", "/api/articles/me/all")
        .is_empty());
    assert!(platforms.bluesky.requests().is_empty());
    assert!(!run.path("syndication.json").exists());
    // Without --dry-run, the same run refuses to start.
    let output = run
        .command(&["--max", "1"])
        .env_remove("TEST_DEVTO_KEY")
        .output()
        .unwrap();
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("TEST_DEVTO_KEY"));
}

#[test]
fn from_reads_atom_rss_and_json_feed() {
    for (fixture_name, self_link, entries) in [
        ("feed.atom", "https://blog.example.org/atom.xml", 3),
        ("feed.rss", "https://blog.example.org/rss.xml", 2),
        ("feed.json", "https://blog.example.org/feed.json", 2),
    ] {
        let platforms = Platforms::new();
        // No hubs in the config: the feed's own `rel="hub"` would be used, so name the mock hub.
        let run = Run::new(&platforms);
        run.feed(fixture_name);
        let output = run.run(&["--max", "5", "--format", "json"]);
        assert_eq!(code(&output), 0, "{fixture_name}: {}", stderr(&output));
        let results: Value = serde_json::from_slice(&output.stdout).unwrap();
        let posted = results
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["network"] == "mastodon" && r["status"] == "posted")
            .count();
        assert_eq!(posted, entries, "{fixture_name}");
        let statuses = platforms.mastodon.requests_to("POST", "/api/v1/statuses");
        let first = statuses[0].json();
        assert_eq!(
            first["status"], "First post\n\nFirst summary.\n\nhttps://blog.example.org/blog/first/",
            "{fixture_name}"
        );
        assert_eq!(first["visibility"], "unlisted");
        assert_eq!(first["language"], "en", "{fixture_name}");
        let second = statuses[1].json();
        assert!(
            second["status"]
                .as_str()
                .unwrap()
                .contains("\n\n#MachineLearning"),
            "{fixture_name}: {second}"
        );
        let ping = &platforms.hub.requests()[0];
        assert_eq!(
            ping.text(),
            format!("hub.mode=publish&hub.url={}", urlencode(self_link)),
            "{fixture_name}"
        );
        assert_eq!(
            ping.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        // The RSS item without a guid is known by its link.
        if fixture_name == "feed.rss" {
            assert!(run
                .state()
                .get("https://blog.example.org/blog/first/")
                .is_some());
        }
    }
}

fn urlencode(text: &str) -> String {
    text.replace(':', "%3A").replace('/', "%2F")
}

#[test]
fn golden_request_bodies() {
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let status = &platforms.mastodon.requests_to("POST", "/api/v1/statuses")[0];
    assert_golden(&status.json(), "mastodon_status.json");
    assert_eq!(status.header("content-type"), Some("application/json"));
    let article = &platforms.devto.requests_to("POST", "/api/articles")[0];
    assert_golden(&article.json(), "devto_article.json");
    assert_eq!(
        article.header("accept"),
        Some("application/vnd.forem.api-v1+json")
    );
    let record = &platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[0];
    assert_golden(&record.json(), "bluesky_third_post.json");
}

#[test]
fn a_kill_between_posts_leaves_a_valid_state_file() {
    // The second status hangs: the process is killed while it waits.
    let platforms = Platforms {
        mastodon: MockServer::start(|request, n| {
            let reply = mastodon_ok(request, n);
            if request.method == "POST" && n == 1 {
                reply.after(Duration::from_secs(60))
            } else {
                reply
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    std::fs::write(run.path("syndication.json"), "{}\n").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("feedwright"))
        .current_dir(run.dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("TEST_MASTODON_TOKEN", MASTODON_TOKEN)
        .args([
            "syndicate",
            "--from",
            "feed",
            "--now",
            NOW,
            "--to",
            "mastodon",
            "--max",
            "3",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while platforms
        .mastodon
        .requests_to("POST", "/api/v1/statuses")
        .len()
        < 2
    {
        assert!(Instant::now() < deadline, "the second post never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let state = run.state();
    assert_eq!(state.as_object().unwrap().len(), 1, "{state}");
    assert!(state["tag:blog.example.org,2025:first"]["mastodon"]["url"].is_string());
    // No temporary file is left to be mistaken for the state.
    let leftovers: Vec<_> = std::fs::read_dir(run.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    // The rerun posts the two others, the interrupted one with the same key.
    let interrupted_key = platforms.mastodon.requests_to("POST", "/api/v1/statuses")[1]
        .header("idempotency-key")
        .unwrap()
        .to_string();
    let after = Platforms::new();
    std::fs::write(run.path("feedwright.yaml"), config_for(&after)).unwrap();
    let output = run.run(&["--to", "mastodon"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let statuses = after.mastodon.requests_to("POST", "/api/v1/statuses");
    assert_eq!(statuses.len(), 2);
    assert_eq!(
        statuses[0].header("idempotency-key"),
        Some(interrupted_key.as_str())
    );
}

#[test]
fn bluesky_already_exists_counts_as_posted() {
    let platforms = Platforms {
        bluesky: MockServer::start(|request, n| {
            if request.route() == "/xrpc/com.atproto.repo.createRecord" {
                Reply::json(
                    400,
                    json!({"error": "InvalidRequest", "message": "Record already exists"}),
                )
            } else {
                bluesky_ok(request, n)
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--to", "bluesky", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let rkey = platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[0]
        .json()["rkey"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        run.state()["tag:blog.example.org,2025:third"]["bluesky"]["url"],
        format!("https://bsky.app/profile/alice.example.org/post/{rkey}")
    );
}

#[test]
fn a_reply_over_a_megabyte_is_an_error_and_not_retried() {
    let platforms = Platforms {
        mastodon: MockServer::start(|request, n| {
            if request.method == "POST" {
                Reply::status(200).with_body(vec![b' '; 1_000_001])
            } else {
                mastodon_ok(request, n)
            }
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--to", "mastodon", "--max", "1"]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        platforms
            .mastodon
            .requests_to("POST", "/api/v1/statuses")
            .len(),
        1
    );
    assert!(
        stderr(&output).contains("larger than 1000000 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn configuration_errors_name_the_key_and_line_and_exit_2() {
    let run = Run::with_config("syndicate:\n  mastodon:\n    instance: http://mastodon.example\n");
    run.feed("feed.atom");
    let output = run.run(&["--max", "1"]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.contains("error: `syndicate.mastodon.instance`")
            && message.contains("--> feedwright.yaml:3:15"),
        "{message}"
    );

    let run = Run::with_config(
        "syndicate:\n  mastodon:\n    instance: https://m.example\n    tokn_env: X\n",
    );
    run.feed("feed.atom");
    let output = run.run(&["--max", "1"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("feedwright.yaml:4:"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("tokn_env"), "{}", stderr(&output));

    // A network named in --to but not configured.
    let platforms = Platforms::new();
    let run = Run::with_config(&format!(
        "syndicate:\n  websub:\n    hubs: [{}/hub]\n",
        platforms.hub.url
    ));
    run.feed("feed.atom");
    let output = run.run(&["--to", "devto", "--max", "1"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("devto is not configured"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn websub_uses_the_feeds_own_hub_when_none_is_configured() {
    let hub = MockServer::start(hub_ok);
    let feed = std::fs::read_to_string(fixture("feed.json"))
        .unwrap()
        .replace("https://hub.example.org/", &format!("{}/websub", hub.url));
    let run = Run::with_config("syndicate:\n  websub: {}\n");
    run.write_feed(&feed);
    let output = run.run(&["--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let pings = hub.requests_to("POST", "/websub");
    assert_eq!(pings.len(), 1);
    assert!(stdout(&output).contains(&format!("websub: pinged {}/websub", hub.url)));
}

#[test]
fn a_devto_create_whose_reply_is_lost_is_not_sent_again() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let created = Arc::new(AtomicBool::new(false));
    let server_created = created.clone();
    let platforms = Platforms {
        devto: MockServer::start(move |request, n| match request.method.as_str() {
            // The article is created, but the reply is a gateway error.
            "POST" => {
                server_created.store(true, Ordering::SeqCst);
                Reply::json(502, json!({"error": "bad gateway"})).with_header("Retry-After", "0")
            }
            _ if server_created.load(Ordering::SeqCst) => devto_with(json!([
                {"id": 9, "canonical_url": "https://blog.example.org/blog/third/", "url": "https://dev.to/me/third-9"}
            ]))(request, n),
            _ => devto_with(json!([]))(request, n),
        }),
        ..Platforms::new()
    };
    let run = Run::new(&platforms);
    run.feed("feed.atom");
    let output = run.run(&["--to", "devto", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(created.load(Ordering::SeqCst));
    assert_eq!(
        platforms.devto.requests_to("POST", "/api/articles").len(),
        1,
        "no second create"
    );
    assert_eq!(
        run.state()["tag:blog.example.org,2025:third"]["devto"]["url"],
        "https://dev.to/me/third-9"
    );
}

#[test]
fn from_reads_a_feed_by_url() {
    let feed = std::fs::read(fixture("feed.rss")).unwrap();
    let site = MockServer::start(move |_, _| {
        Reply::status(200)
            .with_header("Content-Type", "application/rss+xml")
            .with_body(feed.clone())
    });
    let platforms = Platforms::new();
    let run = Run::new(&platforms);
    let output = run
        .site_command(&[
            "--from",
            &format!("{}/rss.xml", site.url),
            "--to",
            "mastodon",
            "--seed",
        ])
        .output()
        .unwrap();
    run.assert_no_secrets(&output);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(site.requests_to("GET", "/rss.xml").len(), 1);
    let state = run.state();
    assert_eq!(
        state["https://blog.example.org/blog/second/"]["mastodon"]["seeded"],
        true
    );
    assert_eq!(
        state["https://blog.example.org/blog/first/"]["mastodon"]["seeded"],
        true
    );
    assert_eq!(platforms.requests(), 0);
}
