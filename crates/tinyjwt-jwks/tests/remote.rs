//! `RemoteKeySet` against a JWKS server on 127.0.0.1 started by each test (issue 13 §4):
//! rotation, a flood of unknown `kid`s, the server going down (refused, hanging, 500s),
//! bad bodies keeping the old keys, `304` revalidation, a PEM list, the background refresher.
//!
//! Time: the cache runs on a hand-moved clock (`TestClock`), so ages, cooldowns and staleness
//! bounds are exact; only the HTTP timeout is real time, and is asserted with generous bounds.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use common::{Reply, Server, TestClock, Vectors};
use tinyjwt::JwkOptions;
use tinyjwt::cache::{CachePolicy, SetFormat};
use tinyjwt::{Algorithm, DefaultBackend, Error, Policy, Strength, Verifier};
use tinyjwt_jwks::{FetchError, FetchOptions, Options, RemoteKeySet};

const T0: u64 = 1_800_000_000;
const TIMEOUT: Duration = Duration::from_millis(500);
/// "No request waits longer than the timeout": the bound asserted, generous for a loaded
/// machine (the timeout is 0.5 s).
const WAIT_BOUND: Duration = Duration::from_secs(5);

#[derive(serde::Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Canva {
    user_id: String,
    brand_id: String,
}

fn policy() -> Policy<'static> {
    Policy::new()
        .audiences(&["app-123"])
        .issuers(&["https://platform.example"])
}

fn remote(url: &str, clock: &TestClock, cache: CachePolicy) -> RemoteKeySet<DefaultBackend> {
    let verifier = Verifier::new(DefaultBackend::default(), policy()).unwrap();
    let c = clock.clone();
    let options = Options::default()
        .cache(cache)
        .fetch(FetchOptions::default().allow_http(true).timeout(TIMEOUT))
        .clock(move || c.now());
    RemoteKeySet::with_options(
        url,
        verifier,
        SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256)),
        options,
    )
    .unwrap()
}

fn set(body: String) -> Reply {
    Reply::Set {
        body,
        etag: None,
        cache_control: None,
    }
}

/// An RS256-looking token naming `kid`, with a junk signature (never reaches the crypto).
fn forged(kid: &str) -> String {
    let h = B64.encode(format!(r#"{{"alg":"RS256","kid":"{kid}"}}"#));
    let p = B64.encode(r#"{"aud":"app-123","iss":"https://platform.example","exp":4102444800}"#);
    format!("{h}.{p}.{}", B64.encode([7u8; 256]))
}

/// Waits until every fetch started has reported (a background refresh has finished).
async fn settled(keys: &RemoteKeySet<DefaultBackend>) {
    let start = Instant::now();
    loop {
        let c = keys.metrics().cache;
        if c.fetches == c.successes + c.not_modified + c.failures {
            return;
        }
        assert!(
            start.elapsed() < WAIT_BOUND,
            "a fetch never reported: {c:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn claims(keys: &RemoteKeySet<DefaultBackend>, token: &str) -> Result<Canva, Error> {
    keys.verify_claims::<Canva>(token).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rotation_one_fetch_per_new_kid_and_old_kid_fails_after_removal() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]))).await;
    let clock = TestClock::new(T0);
    let keys = remote(&server.url(), &clock, CachePolicy::DEFAULT);

    // Cold cache: one fetch, then k1 verifies (through the buffer API and the typed one).
    let mut buf = [0u8; 4096];
    let verified = keys.verify(&v.token("k1"), &mut buf).await.unwrap();
    assert_eq!(verified.header().kid().unwrap().to_string(), "k1");
    assert_eq!(
        claims(&keys, &format!("Bearer {}", v.token("k1")))
            .await
            .unwrap(),
        Canva {
            user_id: "u-k1".into(),
            brand_id: "b-k1".into()
        }
    );
    assert_eq!(server.requests(), 1);

    // The issuer rotates: k2 replaces k1. Past the cooldown, the first k2 token (here 50 of
    // them at once) causes exactly one fetch, and verifies.
    server.set_reply(set(v.jwks(&["k2"])));
    clock.advance(31);
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let keys = keys.clone();
            let t = v.token("k2");
            tokio::spawn(async move { keys.verify_claims::<Canva>(&t).await })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap().user_id, "u-k2");
    }
    assert_eq!(server.requests(), 2);

    // The old key left the set: k1 tokens fail, within the cooldown without a fetch...
    assert_eq!(claims(&keys, &v.token("k1")).await, Err(Error::UnknownKid));
    assert_eq!(server.requests(), 2);
    // ... and after it with one fetch (the set still lacks k1).
    clock.advance(31);
    assert_eq!(claims(&keys, &v.token("k1")).await, Err(Error::UnknownKid));
    assert_eq!(claims(&keys, &v.token("k1")).await, Err(Error::UnknownKid));
    assert_eq!(server.requests(), 3);
    // k2 is untouched by all this.
    assert_eq!(
        claims(&keys, &v.token("k2")).await.unwrap().brand_id,
        "b-k2"
    );
    let m = keys.metrics();
    assert_eq!(
        (m.cache.fetches, m.cache.successes, m.keys_loaded),
        (3, 3, 1)
    );
    assert_eq!(m.url, server.url());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn flood_of_random_kids_costs_at_most_one_fetch_per_cooldown() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]))).await;
    let clock = TestClock::new(T0);
    let keys = remote(&server.url(), &clock, CachePolicy::DEFAULT);
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    assert_eq!(server.requests(), 1);

    // 10,000 tokens with random unknown kids over 100 s of clock, 100 at a time.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut fetches_at = Vec::new();
    for step in 0..100u64 {
        let before = server.requests();
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let token = forged(&format!("rnd-{seed:016x}"));
                let keys = keys.clone();
                tokio::spawn(async move { keys.verify_claims::<Canva>(&token).await })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), Err(Error::UnknownKid));
        }
        if server.requests() > before {
            fetches_at.push((step, server.requests() - before));
        }
        clock.advance(1);
    }
    // Cooldown 30 s from the start of the last fetch (at T0): fetches at +30, +60, +90.
    assert_eq!(fetches_at, vec![(30, 1), (60, 1), (90, 1)]);
    assert_eq!(server.requests(), 4);
    // The real key still verifies.
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn server_down_known_keys_serve_until_the_staleness_bound() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]))).await;
    let clock = TestClock::new(T0);
    // Fresh 100 s, stale-but-usable 200 s more, cooldown 10 s.
    let cache = CachePolicy::DEFAULT
        .default_max_age(100)
        .max_age_range(100, 100)
        .cooldown(10)
        .max_stale(200);
    let keys = remote(&server.url(), &clock, cache);
    assert!(claims(&keys, &v.token("k1")).await.is_ok());

    let timed = |keys: RemoteKeySet<DefaultBackend>, token: String| async move {
        let start = Instant::now();
        let r = keys.verify_claims::<Canva>(&token).await;
        let took = start.elapsed();
        assert!(took < WAIT_BOUND, "waited {took:?}");
        r
    };

    // 1. Connection refused.
    server.stop().await;
    clock.advance(150); // stale: verifies now, refreshes beside (and that fails)
    assert!(timed(keys.clone(), v.token("k1")).await.is_ok());
    settled(&keys).await;
    let m = keys.metrics();
    assert!(
        matches!(m.last_error, Some((_, FetchError::Connect(_)))),
        "{m:?}"
    );

    // 2. Hanging past the timeout: known keys keep verifying without waiting for it.
    server.restart().await;
    server.set_reply(Reply::Hang);
    clock.advance(50); // T0+200
    for _ in 0..20 {
        assert!(timed(keys.clone(), v.token("k1")).await.is_ok());
    }
    settled(&keys).await;
    assert!(matches!(
        keys.metrics().last_error,
        Some((_, FetchError::Timeout(_)))
    ));

    // 3. 500s.
    server.set_reply(Reply::Status(500, "text/plain", "down".into()));
    clock.advance(50); // T0+250, still within the bound
    assert!(timed(keys.clone(), v.token("k1")).await.is_ok());
    settled(&keys).await;
    assert!(matches!(
        keys.metrics().last_error,
        Some((_, FetchError::Status(500)))
    ));
    clock.advance(49); // T0+299: the last second of the bound
    assert!(timed(keys.clone(), v.token("k1")).await.is_ok());
    settled(&keys).await;

    // Past the bound: keys_unavailable, for every request, each within the timeout. While the
    // server hangs, 100 concurrent requests share one fetch and all wait at most its timeout.
    server.set_reply(Reply::Hang);
    clock.advance(11); // T0+310
    let before = server.requests();
    let tasks: Vec<_> = (0..100)
        .map(|_| tokio::spawn(timed(keys.clone(), v.token("k1"))))
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), Err(Error::KeysUnavailable));
    }
    assert_eq!(server.requests() - before, 1);
    // Within the cooldown: refused at once, no fetch.
    let start = Instant::now();
    assert_eq!(
        claims(&keys, &v.token("k1")).await,
        Err(Error::KeysUnavailable)
    );
    assert!(start.elapsed() < TIMEOUT, "{:?}", start.elapsed());
    // 500s past the bound: still keys_unavailable.
    server.set_reply(Reply::Status(500, "text/plain", "down".into()));
    clock.advance(10);
    assert_eq!(
        claims(&keys, &v.token("k1")).await,
        Err(Error::KeysUnavailable)
    );
    assert!(matches!(
        keys.metrics().last_error,
        Some((_, FetchError::Status(500)))
    ));

    // The server comes back: the next fetch (past the cooldown) restores service.
    server.set_reply(set(v.jwks(&["k1"])));
    clock.advance(10);
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    let m = keys.metrics();
    assert!(m.cache.failures >= 5, "{m:?}");
    assert_eq!(m.cache.last_success, Some(T0 + 330));
}

#[tokio::test]
async fn bad_bodies_keep_the_old_keys_and_report_why() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]))).await;
    let clock = TestClock::new(T0);
    let keys = remote(&server.url(), &clock, CachePolicy::DEFAULT.cooldown(1));
    assert_eq!(keys.refresh().await.unwrap().unwrap().used(), 1);

    let other = Server::start(set(v.jwks(&["k2"]))).await;
    type Check = fn(&FetchError) -> bool;
    let cases: Vec<(Reply, Check)> = vec![
        (set("{\"keys\":[".into()), |e| {
            matches!(e, FetchError::KeySet(Error::BadJson(_)))
        }),
        (set("{\"keys\":[]}".into()), |e| {
            matches!(e, FetchError::KeySet(Error::NoUsableKey))
        }),
        (
            Reply::Oversized {
                len: 2 << 20,
                chunked: true,
            },
            |e| *e == FetchError::TooLarge(1 << 20),
        ),
        (
            Reply::Oversized {
                len: 2 << 20,
                chunked: false,
            },
            |e| *e == FetchError::TooLarge(1 << 20),
        ),
        (Reply::Redirect(other.url()), |e| {
            matches!(e, FetchError::Redirect(_))
        }),
        (
            Reply::Redirect("https://evil.invalid/jwks.json".into()),
            |e| matches!(e, FetchError::Redirect(_)),
        ),
        (
            Reply::Status(200, "text/html", "<html>sign in</html>".into()),
            |e| matches!(e, FetchError::ContentType(_)),
        ),
        (
            Reply::Status(503, "text/html", "<html>maintenance</html>".into()),
            |e| *e == FetchError::Status(503),
        ),
    ];
    for (reply, expected) in cases {
        server.set_reply(reply.clone());
        clock.advance(2);
        let e = keys.refresh().await.unwrap_err();
        assert!(expected(&e), "{reply:?}: {e:?}");
        let m = keys.metrics();
        assert_eq!(m.last_error.as_ref().map(|(_, e)| e), Some(&e), "{reply:?}");
        assert_eq!(m.keys_loaded, 1, "{reply:?}");
        // The old key still verifies, and the set's age was not reset by the failure.
        assert!(claims(&keys, &v.token("k1")).await.is_ok(), "{reply:?}");
        assert_eq!(
            keys.with_cache(|c| c.age(clock.now())),
            Some(clock.now() - T0)
        );
    }
    assert_eq!(
        other.requests(),
        0,
        "a cross-origin redirect is never followed"
    );
}

#[tokio::test]
async fn not_modified_keeps_the_keys_and_resets_the_age() {
    let v = Vectors::load();
    let server = Server::start(Reply::Set {
        body: v.jwks(&["k1"]),
        etag: Some("\"v1\"".into()),
        cache_control: Some("max-age=120".into()),
    })
    .await;
    let clock = TestClock::new(T0);
    let keys = remote(&server.url(), &clock, CachePolicy::DEFAULT);
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    assert_eq!(
        keys.with_cache(|c| (c.max_age(), c.etag().map(str::to_owned))),
        (120, Some("\"v1\"".to_owned()))
    );

    // Stale: the token verifies at once and the set is revalidated beside it.
    clock.advance(130);
    assert!(!keys.with_cache(|c| c.is_fresh(clock.now())));
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    settled(&keys).await;
    assert_eq!(server.conditional_requests(), 1);
    let m = keys.metrics();
    assert_eq!(
        (m.cache.not_modified, m.cache.successes, m.keys_loaded),
        (1, 1, 1)
    );
    assert_eq!(keys.with_cache(|c| c.age(clock.now())), Some(0));
    assert!(keys.with_cache(|c| c.is_fresh(clock.now())));
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn pem_list_rotation_retries_after_a_bad_signature() {
    // Trello: kid-less PEM keys. A token signed by a new key fails its signature against the
    // old set; past the cooldown, that failure causes one refresh and the token verifies.
    let v = Vectors::load();
    let server = Server::start(set(v.pem_list(&["k1"]))).await;
    let clock = TestClock::new(T0);
    let verifier = Verifier::new(DefaultBackend::default(), policy()).unwrap();
    let c = clock.clone();
    let keys: RemoteKeySet<DefaultBackend> = RemoteKeySet::with_options(
        &server.url(),
        verifier,
        SetFormat::PemList {
            alg: Algorithm::RS256,
            strength: Strength::Enforce,
        },
        Options::default()
            .fetch(FetchOptions::default().allow_http(true).timeout(TIMEOUT))
            .clock(move || c.now()),
    )
    .unwrap();
    assert!(claims(&keys, &v.nokid_token()).await.is_ok());
    server.set_reply(set(v.pem_list(&["k2", "k3"])));
    // Within the cooldown the new key's token is refused without a fetch.
    assert_eq!(
        claims(&keys, &v.token("k2")).await,
        Err(Error::BadSignature)
    );
    assert_eq!(server.requests(), 1);
    clock.advance(31);
    assert_eq!(claims(&keys, &v.token("k2")).await.unwrap().user_id, "u-k2");
    assert_eq!(server.requests(), 2);
    // The buffer API refuses the first such token and refreshes beside it.
    server.set_reply(set(v.pem_list(&["k1"])));
    clock.advance(31);
    let mut buf = [0u8; 4096];
    assert_eq!(
        keys.verify(&v.nokid_token(), &mut buf).await.unwrap_err(),
        Error::BadSignature
    );
    settled(&keys).await;
    assert!(keys.verify(&v.nokid_token(), &mut buf).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn background_refresher_keeps_the_set_warm() {
    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]))).await;
    let clock = TestClock::new(T0);
    let cache = CachePolicy::DEFAULT
        .default_max_age(100)
        .max_age_range(100, 100)
        .cooldown(1);
    let keys = remote(&server.url(), &clock, cache);
    let handle = keys.spawn_refresher(Duration::from_secs(20));
    let until = |n: usize| {
        let server = server.clone();
        async move {
            let start = Instant::now();
            while server.requests() < n && start.elapsed() < Duration::from_secs(10) {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            server.requests()
        }
    };
    // The task loads the set before any token arrives; a token then waits for nothing.
    assert_eq!(until(1).await, 1);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    assert_eq!(server.requests(), 1);
    // 85 s later the set is fresh for 15 s more, under the 20 s ahead: refreshed in the
    // background, before it expires.
    clock.advance(85);
    assert_eq!(until(2).await, 2);
    assert!(keys.with_cache(|c| c.is_fresh(clock.now())));
    // Dropping the handle stops the task.
    drop(handle);
    clock.advance(85);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(server.requests(), 2);
    let _ = Arc::strong_count(&server);
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test] // current-thread: the fetch task runs on this thread, under this subscriber
async fn tracing_events_name_the_url_and_the_reason_never_the_token() {
    let out = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(out.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let v = Vectors::load();
    let server = Server::start(set(v.jwks(&["k1"]))).await;
    let clock = TestClock::new(T0);
    let keys = remote(&server.url(), &clock, CachePolicy::DEFAULT.cooldown(1));
    assert!(claims(&keys, &v.token("k1")).await.is_ok());
    server.set_reply(Reply::Status(500, "text/plain", "down".into()));
    clock.advance(2);
    assert!(keys.refresh().await.is_err());
    assert!(claims(&keys, &forged("nope")).await.is_err());

    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("key set loaded"), "{log}");
    assert!(log.contains("keys=1"), "{log}");
    assert!(log.contains("key set fetch failed"), "{log}");
    assert!(
        log.contains("error=\"status\"") || log.contains("error=status"),
        "{log}"
    );
    assert!(log.contains(&server.url()), "{log}");
    for token in [v.token("k1"), forged("nope")] {
        for piece in token.split('.') {
            assert!(!log.contains(piece), "token text in the log: {log}");
        }
    }
}
