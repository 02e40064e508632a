//! The fetcher alone against a misbehaving server on 127.0.0.1: every rule of
//! `tinyjwt_jwks::fetch` (status, content type, body cap, redirects, timeout, 304).

mod common;

use std::time::{Duration, Instant};

use common::{Reply, Server, Vectors};
use tinyjwt_jwks::fetch::{FetchError, FetchOptions, Fetched, Fetcher};

fn opts() -> FetchOptions {
    FetchOptions::default()
        .allow_http(true)
        .timeout(Duration::from_millis(500))
}

fn set(body: String, etag: Option<&str>) -> Reply {
    Reply::Set {
        body,
        etag: etag.map(str::to_owned),
        cache_control: Some("public, max-age=120".to_owned()),
    }
}

#[tokio::test]
async fn ok_then_not_modified() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]), Some("\"v1\""))).await;
    let f = Fetcher::new(&server.url(), opts()).unwrap();
    let Fetched::Body(body, meta) = f.fetch(None).await.unwrap() else {
        panic!("expected a body")
    };
    assert_eq!(body, v.jwks(&["k1"]).as_bytes());
    assert_eq!(meta.max_age, Some(120));
    assert_eq!(meta.etag.as_deref(), Some("\"v1\""));
    // Revalidation: the server sees If-None-Match and answers 304.
    let r = f.fetch(Some("\"v1\"")).await.unwrap();
    assert!(matches!(r, Fetched::NotModified(_)), "{r:?}");
    assert_eq!(server.conditional_requests(), 1);
    // Another tag: a full body.
    assert!(matches!(
        f.fetch(Some("\"v0\"")).await.unwrap(),
        Fetched::Body(..)
    ));
}

#[tokio::test]
async fn statuses_and_html() {
    let server = Server::start(Reply::Status(500, "application/json", "{}".into())).await;
    let f = Fetcher::new(&server.url(), opts()).unwrap();
    assert_eq!(f.fetch(None).await, Err(FetchError::Status(500)));
    server.set_reply(Reply::Status(404, "text/html", "<html>no</html>".into()));
    assert_eq!(f.fetch(None).await, Err(FetchError::Status(404)));
    // A 304 to an unconditional request is not a key set.
    server.set_reply(Reply::Status(304, "text/plain", String::new()));
    assert_eq!(f.fetch(None).await, Err(FetchError::Status(304)));
    // An HTML page served with 200 (a login page, a captive portal).
    server.set_reply(Reply::Status(
        200,
        "text/html; charset=utf-8",
        "<html>login</html>".into(),
    ));
    assert_eq!(
        f.fetch(None).await,
        Err(FetchError::ContentType("text/html; charset=utf-8".into()))
    );
}

#[tokio::test]
async fn body_cap() {
    let server = Server::start(Reply::Oversized {
        len: 4096,
        chunked: false,
    })
    .await;
    let small = opts().max_body(1024);
    let f = Fetcher::new(&server.url(), small.clone()).unwrap();
    assert_eq!(f.fetch(None).await, Err(FetchError::TooLarge(1024)));
    server.set_reply(Reply::Oversized {
        len: 4096,
        chunked: true,
    });
    assert_eq!(f.fetch(None).await, Err(FetchError::TooLarge(1024)));
    // Exactly at the cap is fine.
    server.set_reply(Reply::Oversized {
        len: 1024,
        chunked: true,
    });
    assert!(matches!(f.fetch(None).await, Ok(Fetched::Body(b, _)) if b.len() == 1024));
    // The default cap is 1 MiB.
    server.set_reply(Reply::Oversized {
        len: (1 << 20) + 1,
        chunked: true,
    });
    let f = Fetcher::new(&server.url(), opts()).unwrap();
    assert_eq!(f.fetch(None).await, Err(FetchError::TooLarge(1 << 20)));
}

#[tokio::test]
async fn redirects() {
    let v = Vectors::load();
    let target = Server::start(set(v.jwks(&["k1"]), None)).await;
    // Same origin: followed.
    let server = Server::start(Reply::Redirect("/keys".into())).await;
    let f = Fetcher::new(&server.url(), opts()).unwrap();
    // /keys on the same server redirects again, forever: the hop limit ends it.
    let e = f.fetch(None).await.unwrap_err();
    assert!(
        matches!(&e, FetchError::Redirect(m) if m.contains("more than 5")),
        "{e}"
    );
    assert_eq!(server.requests(), 6);
    // Another origin (another port of 127.0.0.1 is another origin): refused, never requested.
    server.set_reply(Reply::Redirect(target.url()));
    let e = f.fetch(None).await.unwrap_err();
    assert!(
        matches!(&e, FetchError::Redirect(m) if m.contains("another origin")),
        "{e}"
    );
    assert_eq!(target.requests(), 0);
    // Another host: refused before any connection (so no name is ever resolved).
    server.set_reply(Reply::Redirect(
        "http://keys.attacker.invalid/jwks.json".into(),
    ));
    let e = f.fetch(None).await.unwrap_err();
    assert!(
        e.to_string().contains("http://keys.attacker.invalid"),
        "{e}"
    );
}

#[tokio::test]
async fn same_origin_redirect_is_followed() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]), None)).await;
    let moved = format!("http://{}/moved", server.addr);
    let f = Fetcher::new(&moved, opts()).unwrap();
    assert!(matches!(f.fetch(None).await, Ok(Fetched::Body(..))));
    assert_eq!(server.requests(), 2);
    let no = Fetcher::new(&moved, opts().follow_same_origin_redirects(false)).unwrap();
    assert!(matches!(no.fetch(None).await, Err(FetchError::Redirect(_))));
}

#[tokio::test]
async fn hang_times_out_and_refused_is_connect() {
    let server = Server::start(Reply::Hang).await;
    let f = Fetcher::new(&server.url(), opts()).unwrap();
    let start = Instant::now();
    assert_eq!(
        f.fetch(None).await,
        Err(FetchError::Timeout(Duration::from_millis(500)))
    );
    // Generous bound: the deadline is 0.5 s; a loaded CI machine may add scheduling delay.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    server.stop().await;
    let e = f.fetch(None).await.unwrap_err();
    assert!(matches!(&e, FetchError::Connect(_)), "{e:?}");
}
