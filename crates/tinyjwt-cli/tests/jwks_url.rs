//! `tinyjwt verify --jwks-url` against a key-set server on 127.0.0.1 that the test starts
//! (issue 13 §5): a set that cannot be fetched or used is exit status 2, naming the URL and
//! the reason, within the timeout; plain http only to loopback unless --allow-http.

#[path = "../../tinyjwt-jwks/tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{Reply, Server, Vectors};
use predicates::prelude::*;

const BIN: &str = env!("CARGO_BIN_EXE_tinyjwt");
const USAGE: i32 = 2;

/// A runtime whose worker threads serve the test's key-set server while the test runs the
/// CLI synchronously.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn serve(rt: &tokio::runtime::Runtime, reply: Reply) -> Arc<Server> {
    rt.block_on(Server::start(reply))
}

fn verify(url: &str, token: &str) -> Command {
    let mut c = Command::new(BIN);
    c.timeout(Duration::from_secs(30)).args([
        "verify",
        "--jwks-url",
        url,
        "--aud",
        "app-123",
        "--iss",
        "https://platform.example",
        "--fetch-timeout",
        "0.5",
        token,
    ]);
    c
}

fn set(body: String) -> Reply {
    Reply::Set {
        body,
        etag: None,
        cache_control: None,
    }
}

#[test]
fn fetches_and_verifies() {
    let rt = runtime();
    let v = Vectors::load();
    let server = serve(&rt, set(v.jwks(&["k1", "k2"])));
    verify(&server.url(), &v.token("k2"))
        .assert()
        .success()
        .stdout(predicate::str::contains("u-k2"));
    verify(&server.url(), &v.token("k3"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("unknown_kid").or(predicate::str::contains("kid")));
    assert_eq!(server.requests(), 2);
}

#[test]
fn unusable_sets_are_exit_2_with_url_and_reason() {
    let rt = runtime();
    let v = Vectors::load();
    let server = serve(&rt, set(String::new()));
    let other = serve(&rt, set(v.jwks(&["k1"])));
    let url = server.url();
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::Status(500, "text/plain", "down".into()),
            "HTTP status 500",
        ),
        (
            Reply::Status(404, "application/json", "{}".into()),
            "HTTP status 404",
        ),
        (
            Reply::Status(200, "text/html", "<html>login</html>".into()),
            "content type \"text/html\"",
        ),
        (set("this is not json".into()), "[bad_json]"),
        (
            Reply::Oversized {
                len: 100_000,
                chunked: true,
            },
            "larger than the 65536-byte cap",
        ),
        (
            Reply::Oversized {
                len: 100_000,
                chunked: false,
            },
            "larger than the 65536-byte cap",
        ),
        (
            Reply::Redirect(other.url()),
            "redirect not followed: to another origin",
        ),
        (
            Reply::Redirect("https://keys.attacker.invalid/".into()),
            "redirect not followed",
        ),
        (set("{\"keys\":[]}".into()), "[no_usable_key]"),
    ];
    for (reply, reason) in cases {
        server.set_reply(reply.clone());
        verify(&url, &v.token("k1"))
            .assert()
            .code(USAGE)
            .stdout("")
            .stderr(predicate::str::contains(format!("--jwks-url {url}: ")))
            .stderr(predicate::str::contains(reason));
    }
    assert_eq!(other.requests(), 0);
}

#[test]
fn hanging_and_refused_within_the_timeout() {
    let rt = runtime();
    let v = Vectors::load();
    let server = serve(&rt, Reply::Hang);
    let start = Instant::now();
    verify(&server.url(), &v.token("k1"))
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains(server.url()))
        .stderr(predicate::str::contains("no complete answer within 500 ms"));
    // The fetch timeout is 0.5 s; the bound is generous (process start, a loaded machine).
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    rt.block_on(server.stop());
    verify(&server.url(), &v.token("k1"))
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains(server.url()))
        .stderr(predicate::str::contains("cannot connect"));
}

#[test]
fn plain_http_only_to_loopback_unless_allowed() {
    let v = Vectors::load();
    // Refused before any connection or name lookup.
    for url in [
        "http://keys.example.invalid/jwks.json",
        "http://10.0.0.1/jwks.json",
    ] {
        verify(url, &v.token("k1"))
            .assert()
            .code(USAGE)
            .stderr(predicate::str::contains(format!("--jwks-url {url}")))
            .stderr(predicate::str::contains("only to a loopback address"));
    }
    verify("ftp://127.0.0.1/jwks.json", &v.token("k1"))
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("scheme \"ftp\" refused"));
    // --allow-http itself is covered by the unit test `keys::tests::http_rule` (using it
    // here would need a non-loopback host, and these tests reach nothing but 127.0.0.1).
}
