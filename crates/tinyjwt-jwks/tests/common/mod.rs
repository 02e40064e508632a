//! A key-set server on 127.0.0.1 for tests, written on a bare `tokio::net::TcpListener` with
//! hand-written HTTP/1.1 responses, so that a test can make it misbehave exactly: hang,
//! answer 500, redirect to another host, serve an HTML page or an oversized body, answer
//! `304` to a matching `If-None-Match`, or stop listening (connection refused).
//!
//! Every connection carries one request (`Connection: close`); the server counts requests.
//! Nothing here ever connects anywhere: the only sockets are the listener on 127.0.0.1 and
//! the connections it accepts.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The test vectors (see tests/vectors/README.md).
pub struct Vectors {
    json: serde_json::Value,
}

impl Vectors {
    pub fn load() -> Self {
        let text = include_str!("../vectors/rotation.json");
        Self {
            json: serde_json::from_str(text).unwrap(),
        }
    }

    /// A JWK Set of the given kids.
    pub fn jwks(&self, kids: &[&str]) -> String {
        let keys: Vec<serde_json::Value> =
            kids.iter().map(|k| self.json["keys"][*k].clone()).collect();
        serde_json::json!({ "keys": keys }).to_string()
    }

    /// A JSON array of the PEM keys of the given kids (Trello style).
    pub fn pem_list(&self, kids: &[&str]) -> String {
        let pems: Vec<serde_json::Value> =
            kids.iter().map(|k| self.json["pems"][*k].clone()).collect();
        serde_json::Value::Array(pems).to_string()
    }

    /// The RS256 token signed by `kid`.
    pub fn token(&self, kid: &str) -> String {
        self.json["tokens"][kid].as_str().unwrap().to_owned()
    }

    pub fn nokid_token(&self) -> String {
        self.json["nokid"].as_str().unwrap().to_owned()
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this JSON body; with an ETag, a request whose `If-None-Match` equals it gets
    /// `304 Not Modified` instead. `cache_control` is sent verbatim when present.
    Set {
        body: String,
        etag: Option<String>,
        cache_control: Option<String>,
    },
    /// Accept, read the request, never answer (the socket stays open).
    Hang,
    /// This status, content type and body.
    Status(u16, &'static str, String),
    /// `302 Found` to this `Location`.
    Redirect(String),
    /// 200 with a body of this many bytes of JSON-ish padding; with `chunked`, no
    /// Content-Length (the size is only discovered by reading).
    Oversized { len: usize, chunked: bool },
}

pub struct Server {
    pub addr: SocketAddr,
    reply: Arc<Mutex<Reply>>,
    requests: Arc<AtomicUsize>,
    conditional: Arc<AtomicUsize>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Server {
    /// A server on 127.0.0.1 (a free port) answering `reply`.
    pub async fn start(reply: Reply) -> Arc<Server> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Arc::new(Server {
            addr,
            reply: Arc::new(Mutex::new(reply)),
            requests: Arc::new(AtomicUsize::new(0)),
            conditional: Arc::new(AtomicUsize::new(0)),
            task: Mutex::new(None),
        });
        server.serve(listener);
        server
    }

    fn serve(&self, listener: TcpListener) {
        let reply = self.reply.clone();
        let requests = self.requests.clone();
        let conditional = self.conditional.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let reply = reply.clone();
                let requests = requests.clone();
                let conditional = conditional.clone();
                tokio::spawn(async move {
                    let _ = handle(stream, reply, requests, conditional).await;
                });
            }
        });
        *self.task.lock().unwrap() = Some(task);
    }

    /// `http://127.0.0.1:PORT/jwks.json`
    pub fn url(&self) -> String {
        format!("http://{}/jwks.json", self.addr)
    }

    pub fn set_reply(&self, reply: Reply) {
        *self.reply.lock().unwrap() = reply;
    }

    /// Requests received so far (every one, whatever the answer).
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Requests that carried `If-None-Match`.
    pub fn conditional_requests(&self) -> usize {
        self.conditional.load(Ordering::SeqCst)
    }

    /// Stops listening: new connections are refused until [`Server::restart`].
    pub async fn stop(&self) {
        let task = self.task.lock().unwrap().take();
        if let Some(t) = task {
            t.abort();
            let _ = t.await;
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&self) {
        let listener = TcpListener::bind(self.addr).await.unwrap();
        self.serve(listener);
    }
}

async fn handle(
    mut stream: TcpStream,
    reply: Arc<Mutex<Reply>>,
    requests: Arc<AtomicUsize>,
    conditional: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut byte).await?;
        if n == 0 || head.len() > 64 * 1024 {
            return Ok(());
        }
        head.extend_from_slice(&byte[..n]);
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let head = String::from_utf8_lossy(&head).into_owned();
    let if_none_match = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("if-none-match")
            .then(|| value.trim().to_owned())
    });
    if if_none_match.is_some() {
        conditional.fetch_add(1, Ordering::SeqCst);
    }
    // A fixed same-origin move, whatever the reply: `/moved` → `/jwks.json`.
    if head.starts_with("GET /moved ") {
        let r = response(301, "text/plain", "Location: /jwks.json\r\n", b"");
        return write_all(stream, r).await;
    }
    let reply = reply.lock().unwrap().clone();
    let response = match reply {
        Reply::Set {
            body,
            etag,
            cache_control,
        } => {
            let mut extra = String::new();
            if let Some(cc) = &cache_control {
                extra += &format!("Cache-Control: {cc}\r\n");
            }
            if let Some(tag) = &etag {
                extra += &format!("ETag: {tag}\r\n");
                if if_none_match.as_deref() == Some(tag.as_str()) {
                    let r =
                        format!("HTTP/1.1 304 Not Modified\r\n{extra}Connection: close\r\n\r\n");
                    return write_all(stream, r.into_bytes()).await;
                }
            }
            response(200, "application/json", &extra, body.as_bytes())
        }
        Reply::Hang => {
            // Hold the connection open without answering, for far longer than any timeout.
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return Ok(());
        }
        Reply::Status(code, ct, body) => response(code, ct, "", body.as_bytes()),
        Reply::Redirect(location) => {
            response(302, "text/plain", &format!("Location: {location}\r\n"), b"")
        }
        Reply::Oversized { len, chunked } => {
            let mut body = b"{\"keys\":[".to_vec();
            body.resize(len, b' ');
            if chunked {
                let mut r = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
                for part in body.chunks(16 * 1024) {
                    r.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
                    r.extend_from_slice(part);
                    r.extend_from_slice(b"\r\n");
                }
                r.extend_from_slice(b"0\r\n\r\n");
                r
            } else {
                response(200, "application/json", "", &body)
            }
        }
    };
    write_all(stream, response).await
}

async fn write_all(mut stream: TcpStream, bytes: Vec<u8>) -> std::io::Result<()> {
    stream.write_all(&bytes).await?;
    stream.flush().await?;
    // Let the client read everything before the close (an oversized body may be abandoned by
    // the client, which resets the connection: that is fine).
    let _ = stream.shutdown().await;
    Ok(())
}

fn response(code: u16, content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let reason = match code {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut r = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// A clock the test moves by hand (Unix seconds).
#[derive(Clone)]
pub struct TestClock(pub Arc<std::sync::atomic::AtomicU64>);

impl TestClock {
    pub fn new(start: u64) -> Self {
        Self(Arc::new(std::sync::atomic::AtomicU64::new(start)))
    }
    pub fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
    pub fn advance(&self, secs: u64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}
