//! # tinyjwt-jwks
//!
//! Key sets that stay fresh: a [`RemoteKeySet`] verifies tokens with the keys published at a
//! URL (a JWK Set such as Canva's or a mini-app platform's `/.well-known/jwks.json`, or a
//! JSON list of PEM keys such as Trello's), fetched over HTTPS, cached, and refreshed when
//! they expire or when a token names a key the set does not have yet.
//!
//! The decisions (when a set is fresh, when to refetch, how long old keys keep serving
//! through an outage, what to do with an unknown `kid`) are made by the core's sans-I/O
//! [`KeyCache`], identically on a server and a microcontroller.
//! This crate only moves bytes and time into it:
//!
//! - [`fetch`]: one bounded HTTP GET (5 s deadline, 1 MiB cap, 200/304 only, same-origin
//!   redirects only, `https` unless allowed, `ETag` revalidation). reqwest on rustls: no
//!   OpenSSL.
//! - **single-flight**: however many requests need a refresh at once, one fetch runs, in a
//!   task of its own (a request that is cancelled does not cancel it), and every waiting
//!   request reuses its outcome; the cache's cooldown (30 s by default) bounds fetches
//!   caused by tokens naming random `kid`s.
//! - **no lock across an `.await`**: the cache sits in a `std::sync::RwLock`, taken only for
//!   the synchronous `decide`/`verify` calls; verification runs under the read lock, so any
//!   number of requests verify in parallel, and no lock is held when your code runs.
//! - **bounded waits**: a request waits for at most one fetch, and a fetch for at most the
//!   timeout; after that it gets an answer (the old keys, or
//!   [`Error::KeysUnavailable`]).
//! - [`Metrics`] and `tracing` events (target `tinyjwt_jwks`): fetches, failures, last
//!   success, last error, keys loaded, members skipped. Never any token text.
//!
//! ```no_run
//! use tinyjwt::cache::SetFormat;
//! use tinyjwt::JwkOptions;
//! use tinyjwt::{Algorithm, DefaultBackend, Policy, Verifier};
//! use tinyjwt_jwks::RemoteKeySet;
//!
//! #[derive(serde::Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Canva { user_id: String, brand_id: String }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let policy = Policy::new().audiences(&["my-app-id"]);
//! let verifier: Verifier<_, 16> = Verifier::new(DefaultBackend::default(), policy)?;
//! let keys = RemoteKeySet::new(
//!     "https://api.canva.com/rest/v1/apps/my-app-id/jwks",
//!     verifier,
//!     SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256)),
//! )?;
//! let claims: Canva = keys.verify_claims("Bearer eyJ...").await?;
//! println!("user {} brand {}", claims.user_id, claims.brand_id);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod fetch;

/// The workspace README's `tinyjwt-jwks` example, extracted by `build.rs` and compiled as a
/// doctest so that it cannot rot.
#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/readme_jwks.md"))]
pub struct ReadmeDoctests;

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard, Weak};
use std::time::Duration;

use tinyjwt::cache::{
    CachePolicy, CacheStats, Decision, FetchMeta, KeyCache, LoadStats, SetFormat,
};
use tinyjwt::{Error, SignatureBackend, Verified, Verifier};
use tokio::sync::watch;

pub use fetch::{FetchError, FetchOptions, Fetcher, is_loopback};

/// The default key capacity of a [`RemoteKeySet`]: 16 keys, several times what platforms
/// publish (one or two current keys, one retiring).
pub const DEFAULT_REMOTE_KEYS: usize = 16;

/// The clock a [`RemoteKeySet`] reads (Unix seconds). Tests pass their own.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// How a [`RemoteKeySet`] behaves besides its verifier and format: the cache policy, the
/// fetch options and the clock. `Default`: [`CachePolicy::DEFAULT`], [`FetchOptions`]'s
/// defaults, the system clock.
#[derive(Clone)]
pub struct Options {
    /// When the set is fresh, the refetch cooldown, the staleness bound.
    pub cache: CachePolicy,
    /// Timeout, body cap, redirects, `http`.
    pub fetch: FetchOptions,
    /// The clock.
    pub clock: Clock,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            cache: CachePolicy::DEFAULT,
            fetch: FetchOptions::default(),
            clock: Arc::new(tinyjwt::now),
        }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("cache", &self.cache)
            .field("fetch", &self.fetch)
            .finish_non_exhaustive()
    }
}

impl Options {
    /// Sets the cache policy.
    pub fn cache(mut self, policy: CachePolicy) -> Self {
        self.cache = policy;
        self
    }

    /// Sets the fetch options.
    pub fn fetch(mut self, fetch: FetchOptions) -> Self {
        self.fetch = fetch;
        self
    }

    /// Sets the clock (Unix seconds; a monotonic count works too: only differences matter).
    pub fn clock(mut self, clock: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }
}

/// What a service exports about its key set: the cache's counters plus what only the HTTP
/// side knows (the precise reason of the last failed fetch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metrics {
    /// The URL.
    pub url: String,
    /// The cache's counters: fetches started, successes, `304`s, failures, last success and
    /// failure times, keys in force, the last load's [`LoadStats`].
    pub cache: CacheStats,
    /// Keys loaded by the set in force.
    pub keys_loaded: usize,
    /// Members of the last body loaded that were skipped (see
    /// [`LoadStats::counts`] for the reasons).
    pub skipped: usize,
    /// The last failed fetch's reason, and when (clock seconds). Kept after a later success
    /// (compare with `cache.last_success`).
    pub last_error: Option<(u64, FetchError)>,
}

struct Inner<B: SignatureBackend, const K: usize> {
    cache: RwLock<KeyCache<'static, B, K>>,
    fetcher: Fetcher,
    clock: Clock,
    /// Bumped (and waiters woken) each time a fetch reports, whatever its outcome.
    reported: watch::Sender<u64>,
    last_error: std::sync::Mutex<Option<(u64, FetchError)>>,
}

/// A verifier whose keys come from a URL and stay fresh. Cheap to clone (an `Arc`), `Send`
/// and `Sync`: build one at start-up and share it with every request handler.
///
/// `K` is the key capacity (a published set with more usable keys is refused, and the old
/// keys stay). See the [crate docs](crate) for the guarantees.
pub struct RemoteKeySet<B: SignatureBackend, const K: usize = DEFAULT_REMOTE_KEYS> {
    inner: Arc<Inner<B, K>>,
}

impl<B: SignatureBackend, const K: usize> Clone for RemoteKeySet<B, K> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl<B: SignatureBackend, const K: usize> fmt::Debug for RemoteKeySet<B, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteKeySet")
            .field("url", &self.inner.fetcher.url().as_str())
            .finish_non_exhaustive()
    }
}

impl<B, const K: usize> RemoteKeySet<B, K>
where
    B: SignatureBackend + Send + Sync + 'static,
    B::Key: Send + Sync,
{
    /// A key set at `url`, verified by `verifier` (its policy and backend; its keys are
    /// replaced by the fetched ones), in `format`, with default [`Options`]. Nothing is
    /// fetched until the first token (or [`refresh`](Self::refresh), or
    /// [`spawn_refresher`](Self::spawn_refresher)).
    ///
    /// `Policy<'static>`: a policy built from run-time strings (an app id from the
    /// environment) can borrow them from a `Box::leak`ed slice, once, at start-up.
    ///
    /// # Errors
    /// A URL that does not parse, or is not `https` (see [`FetchOptions::allow_http`]).
    pub fn new(
        url: &str,
        verifier: Verifier<'static, B, K>,
        format: SetFormat,
    ) -> Result<Self, FetchError> {
        Self::with_options(url, verifier, format, Options::default())
    }

    /// [`new`](Self::new) with [`Options`].
    pub fn with_options(
        url: &str,
        verifier: Verifier<'static, B, K>,
        format: SetFormat,
        options: Options,
    ) -> Result<Self, FetchError> {
        let fetcher = Fetcher::new(url, options.fetch)?;
        let cache = KeyCache::new(verifier, format, options.cache);
        Ok(Self {
            inner: Arc::new(Inner {
                cache: RwLock::new(cache),
                fetcher,
                clock: options.clock,
                reported: watch::Sender::new(0),
                last_error: std::sync::Mutex::new(None),
            }),
        })
    }

    /// Verifies a token (or an `Authorization` value `Bearer <token>`) into `buf`, which the
    /// returned [`Verified`] borrows; no lock is held once this returns.
    ///
    /// Drives the cache: refreshes first when the set is missing, too old, or lacks the
    /// token's `kid` (and the cooldown allows), waiting for at most one fetch; refreshes
    /// beside (without waiting) when the set is stale but holds the key. A signature that
    /// fails under kid-less keys (a PEM list that rotated) starts the refresh the cache asks
    /// for and returns [`Error::BadSignature`]: the next token verifies with the new keys
    /// ([`verify_with`](Self::verify_with) and [`verify_claims`](Self::verify_claims) retry
    /// in place instead, with a buffer of their own).
    ///
    /// # Errors
    /// The verifier's error; [`Error::UnknownKid`] for a `kid` the fresh set lacks;
    /// [`Error::KeysUnavailable`] when no usable set could be had (the last fetch error is in
    /// [`metrics`](Self::metrics)).
    pub async fn verify<'b>(&self, token: &str, buf: &'b mut [u8]) -> Result<Verified<'b>, Error> {
        let token = strip_bearer(token)?;
        self.settle(token).await?;
        let now = self.now();
        let result = self.read().verify(token, now, buf);
        if let Err(e) = result
            && self.read().after_failure(e, now) == Decision::Refresh
        {
            self.start_background_fetch(now);
        }
        result
    }

    /// Verifies a token (or `Bearer <token>`) and calls `f` with the verified token, after
    /// every lock is released; returns what `f` returns. Unlike [`verify`](Self::verify), a
    /// signature failure the cache attributes to rotated keys is retried once after the
    /// refresh.
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub async fn verify_with<R>(
        &self,
        token: &str,
        f: impl FnOnce(&Verified<'_>) -> R,
    ) -> Result<R, Error> {
        let token = strip_bearer(token)?;
        let len = token.len() / 4 * 3 + 3;
        let mut refreshed = self.settle(token).await?;
        loop {
            let mut buf = vec![0u8; len];
            let now = self.now();
            let result = self.read().verify(token, now, &mut buf);
            match result {
                Ok(v) => return Ok(f(&v)),
                Err(e) if refreshed => return Err(e),
                Err(e) => {
                    let d = self.read().after_failure(e, now);
                    match d {
                        Decision::Refresh | Decision::Wait => {
                            self.fetch_or_wait(d).await;
                            refreshed = true;
                        }
                        _ => return Err(e),
                    }
                }
            }
        }
    }

    /// Verifies a token (or `Bearer <token>`) and deserializes its claims into `T` with
    /// `serde_json` (owned: `T` borrows nothing from the token).
    ///
    /// # Errors
    /// As [`verify_with`](Self::verify_with), plus verified claims that do not fit `T`:
    /// [`Error::ClaimsMismatch`].
    pub async fn verify_claims<T: serde::de::DeserializeOwned>(
        &self,
        token: &str,
    ) -> Result<T, Error> {
        self.verify_with(token, |v| serde_json::from_slice::<T>(v.payload()))
            .await?
            .map_err(|_| Error::ClaimsMismatch)
    }

    /// Fetches the set now (unless a fetch is in flight or the cooldown forbids one: then
    /// waits for the one in flight, or returns at once), and reports how it went: `Ok` with
    /// the load stats of the body (`None` for a `304`), or the fetch error.
    pub async fn refresh(&self) -> Result<Option<LoadStats>, FetchError> {
        let rx = self.inner.reported.subscribe();
        let now = self.now();
        let started = self.write().try_start_fetch(now);
        if started {
            let inner = self.inner.clone();
            return spawn_fetch(inner)
                .await
                .unwrap_or_else(|_| Err(FetchError::Http("the fetch task panicked".to_owned())));
        }
        if self.read().in_flight(now) {
            wait(rx, self.inner.fetcher.options().timeout).await;
        }
        match self.last_error_since(now) {
            Some(e) => Err(e),
            None => Ok(None),
        }
    }

    /// Starts a task that keeps the set warm: it fetches when there is no set or it is fresh
    /// for less than `ahead` more (and the cooldown allows), so tokens never wait for a
    /// refresh in steady state. The task holds a weak reference: it ends when the last
    /// clone of this set is dropped, or when the returned handle is dropped.
    ///
    /// Needs a tokio runtime.
    pub fn spawn_refresher(&self, ahead: Duration) -> RefresherHandle {
        let weak: Weak<Inner<B, K>> = Arc::downgrade(&self.inner);
        let ahead = ahead.as_secs();
        let task = tokio::spawn(async move {
            loop {
                let Some(inner) = weak.upgrade() else { return };
                let now = (inner.clock)();
                let (go, sleep_for) = {
                    let mut cache = inner.cache.write().unwrap_or_else(PoisonError::into_inner);
                    let go = cache.needs_refresh(now, ahead) && cache.try_start_fetch(now);
                    let due = cache
                        .fresh_until()
                        .map_or(0, |t| t.saturating_sub(ahead).saturating_sub(now));
                    let cooldown = cache.policy().cooldown;
                    (go, due.clamp(1, cooldown.clamp(1, 60)))
                };
                if go {
                    let _ = spawn_fetch(inner.clone()).await;
                }
                drop(inner);
                tokio::time::sleep(Duration::from_secs(sleep_for)).await;
            }
        });
        RefresherHandle(task)
    }

    /// The metrics.
    pub fn metrics(&self) -> Metrics {
        let cache = self.read().stats();
        Metrics {
            url: self.inner.fetcher.url().to_string(),
            cache,
            keys_loaded: cache.keys,
            skipped: cache.last_load.skipped(),
            last_error: self
                .inner
                .last_error
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }

    /// The URL.
    pub fn url(&self) -> &str {
        self.inner.fetcher.url().as_str()
    }

    /// Runs `f` on the cache under its read lock (for inspection: ages, the keys in force).
    /// Do not block in `f`.
    pub fn with_cache<R>(&self, f: impl FnOnce(&KeyCache<'static, B, K>) -> R) -> R {
        f(&self.read())
    }

    fn now(&self) -> u64 {
        (self.inner.clock)()
    }

    fn read(&self) -> RwLockReadGuard<'_, KeyCache<'static, B, K>> {
        self.inner
            .cache
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, KeyCache<'static, B, K>> {
        self.inner
            .cache
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn last_error_since(&self, since: u64) -> Option<FetchError> {
        let last = self
            .inner
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        last.as_ref()
            .filter(|(t, _)| *t >= since)
            .map(|(_, e)| e.clone())
    }

    /// Drives `decide` until the cache says the keys may be used (`Ok(refreshed)`) or the
    /// token is refused. Waits for at most one fetch: after it, a second `Refresh`/`Wait`
    /// is answered with the cache's verdict (`KeysUnavailable` when there is no usable set).
    async fn settle(&self, token: &str) -> Result<bool, Error> {
        let mut refreshed = false;
        loop {
            let now = self.now();
            let decision = self.read().decide(token, now);
            match decision {
                Decision::UseKeys => return Ok(refreshed),
                Decision::UseKeysAndRefresh => {
                    self.start_background_fetch(now);
                    return Ok(refreshed);
                }
                Decision::Reject(e) => return Err(e),
                Decision::Refresh | Decision::Wait if refreshed => {
                    // Had our fetch: the verdict is the set as it is now.
                    return if self.read().is_usable(now) {
                        Ok(true)
                    } else {
                        Err(Error::KeysUnavailable)
                    };
                }
                d @ (Decision::Refresh | Decision::Wait) => {
                    self.fetch_or_wait(d).await;
                    refreshed = true;
                }
            }
        }
    }

    /// Acts on `Refresh` (start the fetch if no one else just did, and wait for it) or
    /// `Wait` (wait for the fetch in flight). Returns once a fetch has reported, or after
    /// the fetch timeout plus a margin (a lost fetch task).
    async fn fetch_or_wait(&self, d: Decision) {
        let rx = self.inner.reported.subscribe();
        let now = self.now();
        if d == Decision::Refresh && self.write().try_start_fetch(now) {
            let _ = spawn_fetch(self.inner.clone()).await;
            return;
        }
        if self.read().in_flight(now) {
            wait(rx, self.inner.fetcher.options().timeout).await;
        }
    }

    fn start_background_fetch(&self, now: u64) {
        if self.write().try_start_fetch(now) {
            drop(spawn_fetch(self.inner.clone()));
        }
    }
}

/// Waits until a fetch reports, for at most `timeout` plus a second.
async fn wait(mut rx: watch::Receiver<u64>, timeout: Duration) {
    let _ = tokio::time::timeout(timeout + Duration::from_secs(1), rx.changed()).await;
}

/// Runs one fetch (already recorded with `try_start_fetch`) in a task of its own, so that a
/// cancelled request never leaves the cache with a fetch that never reports.
fn spawn_fetch<B, const K: usize>(
    inner: Arc<Inner<B, K>>,
) -> tokio::task::JoinHandle<Result<Option<LoadStats>, FetchError>>
where
    B: SignatureBackend + Send + Sync + 'static,
    B::Key: Send + Sync,
{
    tokio::spawn(async move {
        let etag = inner
            .cache
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .etag()
            .map(str::to_owned);
        let url = inner.fetcher.url().as_str();
        tracing::debug!(target: "tinyjwt_jwks", url, conditional = etag.is_some(), "fetching key set");
        let result = inner.fetcher.fetch(etag.as_deref()).await;
        let now = (inner.clock)();
        let outcome = {
            let mut cache = inner.cache.write().unwrap_or_else(PoisonError::into_inner);
            match result {
                Ok(fetch::Fetched::Body(body, meta)) => {
                    match cache.fetch_succeeded(&body, core_meta(&meta), now) {
                        Ok(stats) => {
                            tracing::info!(
                                target: "tinyjwt_jwks",
                                url,
                                keys = stats.used(),
                                members = stats.members(),
                                skipped = stats.skipped(),
                                max_age = cache.max_age(),
                                "key set loaded"
                            );
                            Ok(Some(stats))
                        }
                        Err(e) => Err(FetchError::KeySet(e)),
                    }
                }
                Ok(fetch::Fetched::NotModified(meta)) => {
                    match cache.fetch_not_modified(core_meta(&meta), now) {
                        Ok(()) => {
                            tracing::debug!(target: "tinyjwt_jwks", url, max_age = cache.max_age(), "key set not modified");
                            Ok(None)
                        }
                        Err(e) => Err(FetchError::KeySet(e)),
                    }
                }
                Err(e) => {
                    cache.fetch_failed(Error::KeysUnavailable, now);
                    Err(e)
                }
            }
        };
        if let Err(e) = &outcome {
            tracing::warn!(
                target: "tinyjwt_jwks",
                url,
                error = e.code(),
                reason = %e,
                "key set fetch failed; the last good keys stay"
            );
            *inner
                .last_error
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some((now, e.clone()));
        }
        inner.reported.send_modify(|n| *n = n.wrapping_add(1));
        outcome
    })
}

fn core_meta(meta: &fetch::HttpMeta) -> FetchMeta<'_> {
    FetchMeta {
        max_age: meta.max_age,
        expires_in: meta.expires_in,
        etag: meta.etag.as_deref(),
    }
}

/// `Bearer <token>` (any case, as [`tinyjwt::bearer`] reads it) or a bare token.
fn strip_bearer(value: &str) -> Result<&str, Error> {
    let trimmed = value.trim_start_matches([' ', '\t']);
    match trimmed.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("bearer ") => tinyjwt::bearer(value),
        _ => Ok(value),
    }
}

/// The background refresher of [`RemoteKeySet::spawn_refresher`]; dropping it stops the task.
#[derive(Debug)]
pub struct RefresherHandle(tokio::task::JoinHandle<()>);

impl Drop for RefresherHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(all(test, any(feature = "rustcrypto", feature = "ring")))]
mod tests {
    use super::*;

    fn send_sync_clone<T: Send + Sync + Clone + 'static>(_: &T) {}
    fn send<T: Send>(_: &T) {}

    /// Shareable across a multi-threaded runtime, and its futures may be spawned.
    #[test]
    fn remote_key_set_is_send_sync_and_its_futures_are_send() {
        let verifier: Verifier<'static, tinyjwt::DefaultBackend, 4> =
            Verifier::new(tinyjwt::DefaultBackend::default(), tinyjwt::Policy::new()).unwrap();
        let format = SetFormat::Jwks(tinyjwt::JwkOptions::new());
        let keys = RemoteKeySet::new("https://issuer.example/jwks", verifier, format).unwrap();
        send_sync_clone(&keys);
        let mut buf = [0u8; 64];
        send(&keys.verify("a.b.c", &mut buf));
        send(&keys.verify_claims::<serde_json::Value>("a.b.c"));
        send(&keys.refresh());
        assert_eq!(strip_bearer("Bearer a.b.c"), Ok("a.b.c"));
        assert_eq!(strip_bearer("a.b.c"), Ok("a.b.c"));
        assert!(strip_bearer("Bearer  ").is_err());
    }
}
