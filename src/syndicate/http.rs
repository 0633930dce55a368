//! The one HTTP client of `feedwright syndicate`: timeouts, a cap on replies,
//! retries with back-off that honour `Retry-After`, no redirects, and every
//! credential kept out of what is printed.

use std::fmt;
use std::time::Duration;

use ureq::http;
use ureq::Agent;
use url::Url;

/// The most a reply body may hold; a longer reply is that request's error.
pub const MAX_REPLY_BYTES: u64 = 1_000_000;

/// How many times a request is retried after a 429, a 5xx or a timeout.
pub const MAX_RETRIES: u32 = 3;

/// The longest wait a `Retry-After` may impose; a longer one waits this long.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("feedwright/", env!("CARGO_PKG_VERSION"));

/// How requests are timed and retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpSettings {
    /// The connect timeout, and the total timeout of one attempt.
    pub timeout: Duration,
    /// The first back-off; each retry waits twice as long as the one before.
    pub backoff: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            timeout: Duration::from_secs(30),
            backoff: Duration::from_secs(1),
        }
    }
}

/// The values that must never be printed: tokens, passwords, session tokens.
/// Filled as they become known (a session token arrives mid-run), hence the cell.
#[derive(Debug, Default)]
pub struct Secrets(std::cell::RefCell<Vec<String>>);

impl Secrets {
    /// Remembers `value` so every message is scrubbed of it.
    pub fn add(&self, value: &str) {
        let mut secrets = self.0.borrow_mut();
        // Very short values would redact ordinary words; a credential is never that short.
        if value.len() < 4 || secrets.iter().any(|s| s == value) {
            return;
        }
        // A server may echo a value back JSON-escaped or percent-encoded.
        let escaped = serde_json::to_string(value).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        let variants = [
            value.to_string(),
            escaped.to_string(),
            // Some encoders (PHP's, Rails' in places) also escape `/`.
            escaped.replace('/', "\\/"),
            url::form_urlencoded::byte_serialize(value.as_bytes()).collect(),
        ];
        for variant in variants {
            if !secrets.contains(&variant) {
                secrets.push(variant);
            }
        }
        // Longest first, so a value that contains another is replaced whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// `text` with every secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in self.0.borrow().iter() {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
        out
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// No body (a GET).
    Empty,
    /// `application/json`.
    Json(serde_json::Value),
    /// `application/x-www-form-urlencoded`, pairs in order.
    Form(Vec<(String, String)>),
    /// Raw bytes with their media type (a blob upload).
    Bytes {
        /// The media type.
        content_type: String,
        /// The bytes.
        data: Vec<u8>,
    },
}

/// A request, described completely so it can be sent, retried or printed by `--dry-run`.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The absolute URL.
    pub url: String,
    /// Headers besides `Content-Type` and `User-Agent`; a secret header's value
    /// is printed as `***`.
    pub headers: Vec<Header>,
    /// The body.
    pub body: Body,
}

/// One header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Its name.
    pub name: &'static str,
    /// Its value.
    pub value: String,
    /// Whether the value is a credential.
    pub secret: bool,
}

impl Request {
    /// A GET of `url`.
    pub fn get(url: impl Into<String>) -> Request {
        Request {
            method: "GET",
            url: url.into(),
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    /// A POST of `body` to `url`.
    pub fn post(url: impl Into<String>, body: Body) -> Request {
        Request {
            method: "POST",
            url: url.into(),
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a plain header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Request {
        self.headers.push(Header {
            name,
            value: value.into(),
            secret: false,
        });
        self
    }

    /// Adds a header whose value is a credential.
    pub fn secret_header(mut self, name: &'static str, value: impl Into<String>) -> Request {
        self.headers.push(Header {
            name,
            value: value.into(),
            secret: true,
        });
        self
    }

    fn content_type(&self) -> Option<&str> {
        match &self.body {
            Body::Empty => None,
            Body::Json(_) => Some("application/json"),
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
            Body::Bytes { content_type, .. } => Some(content_type),
        }
    }

    fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            Body::Empty => Vec::new(),
            Body::Json(value) => serde_json::to_vec(value).expect("a JSON value serialises"),
            Body::Form(pairs) => url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish()
                .into_bytes(),
            Body::Bytes { data, .. } => data.clone(),
        }
    }
}

/// The request as `--dry-run` prints it: method and URL, the headers with
/// credentials as `***`, then the body (JSON pretty-printed, a blob by size).
impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for header in &self.headers {
            let value = if header.secret { "***" } else { &header.value };
            writeln!(f, "{}: {value}", header.name)?;
        }
        if let Some(content_type) = self.content_type() {
            writeln!(f, "Content-Type: {content_type}")?;
        }
        match &self.body {
            Body::Empty => Ok(()),
            Body::Json(value) => writeln!(
                f,
                "\n{}",
                serde_json::to_string_pretty(value).expect("a JSON value serialises")
            ),
            Body::Form(_) => writeln!(f, "\n{}", String::from_utf8_lossy(&self.body_bytes())),
            Body::Bytes { data, .. } => writeln!(f, "\n<{} bytes>", data.len()),
        }
    }
}

/// A reply that arrived whole.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The body, at most [`MAX_REPLY_BYTES`].
    pub body: Vec<u8>,
    /// The `Location` header, for a redirect.
    pub location: Option<String>,
}

impl Reply {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Why a request did not get a reply worth reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No reply: connection refused, timeout, TLS, DNS (after any retries).
    Transport(String),
    /// The reply was larger than [`MAX_REPLY_BYTES`].
    TooLarge,
    /// An attempt whose reply was lost did its work ([`Client::send_guarded`]).
    TookEffect,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Transport(message) => f.write_str(message),
            Failure::TooLarge => write!(f, "the reply is larger than {MAX_REPLY_BYTES} bytes"),
            Failure::TookEffect => f.write_str("the reply was lost, but the request took effect"),
        }
    }
}

/// Sends requests: one agent for the internet (honouring the proxy settings of
/// the environment) and one for this machine's loopback addresses (never proxied).
pub struct Client {
    remote: Agent,
    loopback: Agent,
    settings: HttpSettings,
    /// Everything that must be scrubbed from messages.
    pub secrets: Secrets,
}

impl Client {
    /// A client with `settings`.
    pub fn new(settings: HttpSettings) -> Client {
        let agent = |proxy: Option<ureq::Proxy>| {
            Agent::config_builder()
                .http_status_as_error(false)
                // POSTs follow no redirects; nor do GETs that carry credentials.
                .max_redirects(0)
                .timeout_connect(Some(settings.timeout))
                .timeout_global(Some(settings.timeout))
                .user_agent(USER_AGENT)
                .proxy(proxy)
                .build()
                .new_agent()
        };
        Client {
            remote: agent(ureq::Proxy::try_from_env()),
            loopback: agent(None),
            settings,
            secrets: Secrets::default(),
        }
    }

    /// Sends `request`, retrying a 429, a 5xx or a timeout up to [`MAX_RETRIES`]
    /// times with exponential back-off (or the server's `Retry-After`, at most
    /// [`MAX_RETRY_AFTER`]). Any other reply is returned as it is.
    pub fn send(&self, request: &Request) -> Result<Reply, Failure> {
        self.send_guarded(request, || false)
    }

    /// [`send`](Client::send) for a request that is not idempotent: before
    /// retrying after an attempt whose outcome is unknown (no reply, or a 5xx
    /// that may have come after the work was done), `took_effect` is asked
    /// whether it was done after all; then no retry is sent and the result is
    /// [`Failure::TookEffect`].
    pub fn send_guarded(
        &self,
        request: &Request,
        mut took_effect: impl FnMut() -> bool,
    ) -> Result<Reply, Failure> {
        let mut attempt = 0;
        loop {
            let outcome = self.send_once(request);
            let (retry_after, unknown) = match &outcome {
                Ok((reply, retry_after)) if reply.status == 429 => (*retry_after, false),
                Ok((reply, retry_after)) if reply.status >= 500 => (*retry_after, true),
                Err(Attempt::Retryable(_)) => (None, true),
                _ => break finish(outcome),
            };
            if attempt == MAX_RETRIES {
                break finish(outcome);
            }
            if unknown && took_effect() {
                break Err(Failure::TookEffect);
            }
            std::thread::sleep(wait_before_retry(
                attempt,
                retry_after,
                self.settings.backoff,
            ));
            attempt += 1;
        }
        .map_err(|failure| match failure {
            Failure::Transport(message) => Failure::Transport(self.secrets.redact(&message)),
            other => other,
        })
    }

    /// Fetches `url` following redirects, for a feed given to `--from`: no
    /// credentials are sent, and the body may be as large as `max_bytes`.
    pub fn fetch_document(&self, url: &Url, max_bytes: u64) -> Result<Vec<u8>, String> {
        let agent = self.agent_for(url.as_str());
        let response = agent
            .get(url.as_str())
            .config()
            .max_redirects(5)
            .build()
            .call()
            .map_err(|e| describe_error(&e))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(format!("the server answered {status}"));
        }
        let mut body = response.into_body();
        body.with_config()
            .limit(max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    format!("the document is larger than {max_bytes} bytes")
                }
                other => describe_error(&other),
            })
    }

    fn agent_for(&self, url: &str) -> &Agent {
        match Url::parse(url) {
            Ok(url) if is_loopback(&url) => &self.loopback,
            _ => &self.remote,
        }
    }

    fn send_once(&self, request: &Request) -> Result<(Reply, Option<Duration>), Attempt> {
        let mut builder = http::Request::builder()
            .method(request.method)
            .uri(request.url.as_str());
        for header in &request.headers {
            builder = builder.header(header.name, header.value.as_str());
        }
        if let Some(content_type) = request.content_type() {
            builder = builder.header("Content-Type", content_type);
        }
        let http_request = builder
            .body(request.body_bytes())
            .map_err(|e| Attempt::Final(Failure::Transport(format!("invalid request: {e}"))))?;
        let response = match self.agent_for(&request.url).run(http_request) {
            Ok(response) => response,
            Err(e @ (ureq::Error::Timeout(_) | ureq::Error::Io(_))) => {
                return Err(Attempt::Retryable(describe_error(&e)))
            }
            Err(e) => return Err(Attempt::Final(Failure::Transport(describe_error(&e)))),
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
        let location = header("location");
        let body = response
            .into_body()
            .with_config()
            .limit(MAX_REPLY_BYTES)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Attempt::Final(Failure::TooLarge),
                e @ (ureq::Error::Timeout(_) | ureq::Error::Io(_)) => {
                    Attempt::Retryable(describe_error(&e))
                }
                other => Attempt::Final(Failure::Transport(describe_error(&other))),
            })?;
        Ok((
            Reply {
                status,
                body,
                location,
            },
            retry_after,
        ))
    }
}

/// How long to wait before retry number `attempt + 1`: the server's
/// `Retry-After` (at most [`MAX_RETRY_AFTER`]), else `backoff` doubled per attempt.
pub fn wait_before_retry(
    attempt: u32,
    retry_after: Option<Duration>,
    backoff: Duration,
) -> Duration {
    match retry_after {
        Some(wait) => wait.min(MAX_RETRY_AFTER),
        None => backoff * 2u32.pow(attempt),
    }
}

enum Attempt {
    Retryable(String),
    Final(Failure),
}

fn finish(outcome: Result<(Reply, Option<Duration>), Attempt>) -> Result<Reply, Failure> {
    match outcome {
        Ok((reply, _)) => Ok(reply),
        Err(Attempt::Retryable(message)) => Err(Failure::Transport(message)),
        Err(Attempt::Final(failure)) => Err(failure),
    }
}

fn describe_error(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::Io(e) => format!("connection failed: {e}"),
        other => other.to_string(),
    }
}

/// `Retry-After`: a number of seconds, or an HTTP date (then the wait is measured
/// from the clock: it is a wait, never part of any output).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// Whether `url`'s host is this machine: `127.0.0.1`, `[::1]` or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Checks a service's base URL: `https://`, or `http://` to this machine only;
/// no query, fragment or credentials. Returns it without a trailing `/`.
pub fn parse_service_url(text: &str) -> Result<String, String> {
    let url =
        Url::parse(text.trim()).map_err(|e| format!("`{text}` is not an absolute URL ({e})"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
            "`{text}` must use https:// (http:// is allowed only to 127.0.0.1, [::1] or localhost)"
        ))
        }
        _ => return Err(format!("`{text}` must start with https://")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{text}` has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "`{text}` must not carry credentials; they come from environment variables"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{text}` must not have a query or a fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// The server's own explanation in an error reply (`error`, `message`,
/// `error_description`), else the start of the body, redacted.
pub fn error_message(reply: &Reply, secrets: &Secrets) -> String {
    let from_json = reply.json().and_then(|json| {
        let field = |name: &str| json.get(name).and_then(|v| v.as_str()).map(str::to_string);
        let parts: Vec<String> = ["error", "message", "error_description"]
            .iter()
            .filter_map(|name| field(name))
            .collect();
        (!parts.is_empty()).then(|| parts.join(": "))
    });
    let text = from_json.unwrap_or_else(|| {
        let body = String::from_utf8_lossy(&reply.body);
        let body: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = body.chars().take(300).collect();
        if short.len() < body.len() {
            short.push('…');
        }
        short
    });
    let text = secrets.redact(&text);
    if text.is_empty() {
        format!("the server answered {}", reply.status)
    } else {
        format!("the server answered {}: {text}", reply.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_every_form() {
        let secrets = Secrets::default();
        secrets.add("s3cr3t/t0ken+x");
        assert_eq!(secrets.redact("bad token s3cr3t/t0ken+x"), "bad token ***");
        assert_eq!(secrets.redact("token=s3cr3t%2Ft0ken%2Bx"), "token=***");
        assert_eq!(
            secrets.redact("{\"t\":\"s3cr3t\\/t0ken+x\"}"),
            "{\"t\":\"***\"}"
        );
    }

    #[test]
    fn waits_double_unless_the_server_says() {
        let second = Duration::from_secs(1);
        assert_eq!(wait_before_retry(0, None, second), second);
        assert_eq!(wait_before_retry(2, None, second), 4 * second);
        assert_eq!(wait_before_retry(1, Some(7 * second), second), 7 * second);
        assert_eq!(
            wait_before_retry(0, Some(3600 * second), second),
            MAX_RETRY_AFTER
        );
    }

    /// A server on 127.0.0.1 that answers every request with `reply` (or
    /// never, for `None`), counting requests.
    fn server(
        reply: Option<&'static str>,
    ) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = count.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for mut stream in listener.incoming().flatten() {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut buffer = [0u8; 4096];
                let _ = stream.read(&mut buffer);
                match reply {
                    Some(reply) => {
                        let _ = stream.write_all(reply.as_bytes());
                    }
                    // Hold the connection open, answering nothing.
                    None => held.push(stream),
                }
            }
        });
        (url, count)
    }

    #[test]
    fn server_errors_are_retried_three_times_with_back_off() {
        let (url, count) = server(Some(
            "HTTP/1.1 500 Oops\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        ));
        let client = Client::new(HttpSettings {
            timeout: Duration::from_secs(5),
            backoff: Duration::from_millis(20),
        });
        let started = std::time::Instant::now();
        let reply = client.send(&Request::get(url)).unwrap();
        assert_eq!(reply.status, 500);
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 4);
        // 20 + 40 + 80 ms.
        assert!(
            started.elapsed() >= Duration::from_millis(140),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_server_that_never_answers_times_out() {
        let (url, count) = server(None);
        let client = Client::new(HttpSettings {
            timeout: Duration::from_millis(300),
            backoff: Duration::from_millis(1),
        });
        let started = std::time::Instant::now();
        let failure = client.send(&Request::get(url)).unwrap_err();
        assert_eq!(failure, Failure::Transport("timed out".into()));
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        // Timeouts are retried too: four attempts.
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 4);
    }

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn service_urls_are_https_or_loopback() {
        assert_eq!(
            parse_service_url("https://mastodon.social/").unwrap(),
            "https://mastodon.social"
        );
        assert!(parse_service_url("http://127.0.0.1:8080").is_ok());
        assert!(parse_service_url("http://[::1]:8080/").is_ok());
        assert!(parse_service_url("http://localhost/api").is_ok());
        for bad in [
            "http://mastodon.social",
            "ftp://x.org",
            "https://user:pw@x.org",
            "https://x.org/?q",
            "mastodon.social",
        ] {
            assert!(parse_service_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dry_run_text_hides_credentials() {
        let request = Request::post(
            "https://x.org/api",
            Body::Json(serde_json::json!({"status": "hi"})),
        )
        .secret_header("Authorization", "Bearer abc123")
        .header("Idempotency-Key", "k");
        let text = request.to_string();
        assert!(text.contains("Authorization: ***"), "{text}");
        assert!(!text.contains("abc123"));
        assert!(text.contains("\"status\": \"hi\""));
    }
}
