//! A small HTTP/1.1 server on 127.0.0.1 for the URL checks' tests: each
//! request is answered by a function of its path and headers, one
//! connection per request. Also used by the CLI's tests
//! (`tests/it/check_cli.rs` at the workspace root).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A request as the handler sees it.
pub(crate) struct Request {
    /// The path and query.
    pub(crate) path: String,
    /// The headers, names lower-cased.
    pub(crate) headers: Vec<(String, String)>,
}

impl Request {
    /// A header's value.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A reply.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Body,
    /// Waited before anything is sent.
    pub(crate) delay: Duration,
}

/// A reply's body.
pub(crate) enum Body {
    Bytes(Vec<u8>),
    /// `count` copies of a chunk, written as they go (for huge bodies).
    Repeat(Vec<u8>, usize),
}

impl Reply {
    /// A reply with `status`, no header and `body`.
    pub(crate) fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Bytes(body.into()),
            delay: Duration::ZERO,
        }
    }

    /// This reply with a header.
    pub(crate) fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// A redirect.
    pub(crate) fn redirect(status: u16, to: &str) -> Reply {
        Reply::new(status, "").header("Location", to)
    }

    /// This reply's body gzipped, with its `Content-Encoding`.
    pub(crate) fn gzipped(mut self) -> Reply {
        if let Body::Bytes(bytes) = &self.body {
            self.body = Body::Bytes(gzip(bytes));
        }
        self.header("Content-Encoding", "gzip")
    }
}

/// `bytes` gzipped.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A running server; it stops with the test process.
pub(crate) struct Server {
    port: u16,
}

impl Server {
    /// Starts a server answering with `handler`.
    pub(crate) fn start(
        handler: impl Fn(&Request, u16) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handler = Arc::new(handler);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                thread::spawn(move || serve(stream, &*handler, port));
            }
        });
        Server { port }
    }

    /// The URL of `path` on this server.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn serve(stream: TcpStream, handler: &(dyn Fn(&Request, u16) -> Reply + Send + Sync), port: u16) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let reply = handler(&Request { path, headers }, port);
    thread::sleep(reply.delay);
    let length = match &reply.body {
        Body::Bytes(bytes) => bytes.len(),
        Body::Repeat(chunk, count) => chunk.len() * count,
    };
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    let mut stream = stream;
    // The client may hang up early (a size cap, a timeout): not an error here.
    let _ = stream.write_all(head.as_bytes());
    match &reply.body {
        Body::Bytes(bytes) => {
            let _ = stream.write_all(bytes);
        }
        Body::Repeat(chunk, count) => {
            for _ in 0..*count {
                if stream.write_all(chunk).is_err() {
                    break;
                }
            }
        }
    }
    let _ = stream.flush();
}
