//! A key set that stays fresh: the sans-I/O cache state machine behind a JWKS (or PEM list)
//! URL. No I/O, no clock, no allocation: the caller drives it with `now` (Unix seconds) and
//! the bytes it fetched, and it answers, for each token, what to do.
//!
//! Platforms publish their verification keys at a URL and rotate them (Canva's and mini-app
//! platforms' `/.well-known/jwks.json`, Trello's JSON list of PEM keys), and tell every backend
//! to cache the set and to re-fetch when a token names a key it does not know. A
//! [`KeyCache`] owns a [`Verifier`] and the state of that cache, and turns the advice into one
//! [`Decision`] per token:
//!
//! | the set | the token's key (header `alg`/`kid`, by the [selection rule](crate::Verifier#key-selection)) | a fetch may start (cooldown over) | [`decide`](KeyCache::decide) |
//! |---|---|---|---|
//! | fresh (age < max age) | in the set | — | [`UseKeys`](Decision::UseKeys) |
//! | stale, within the staleness bound | in the set | yes | [`UseKeysAndRefresh`](Decision::UseKeysAndRefresh) |
//! | stale, within the staleness bound | in the set | no | [`UseKeys`](Decision::UseKeys) |
//! | usable (fresh or within the bound) | not in the set | yes | [`Refresh`](Decision::Refresh) |
//! | usable | not in the set | no, one in flight | [`Wait`](Decision::Wait) |
//! | usable | not in the set | no | [`Reject`](Decision::Reject)`(`[`UnknownKid`](Error::UnknownKid)`)` (or the selection error) |
//! | none (never loaded, or past the bound) | — | yes | [`Refresh`](Decision::Refresh) |
//! | none | — | no, one in flight | [`Wait`](Decision::Wait) |
//! | none | — | no | [`Reject`](Decision::Reject)`(`[`KeysUnavailable`](Error::KeysUnavailable)`)` |
//!
//! A token whose header is malformed, or refused by the verifier's [`Policy`](crate::Policy)
//! (`algorithms`, `typ`, `crit`), is [`Reject`](Decision::Reject)ed with that error first:
//! garbage never causes a fetch.
//!
//! # Driving it
//!
//! ```text
//! loop for each token:
//!   match cache.decide(token, now):
//!     UseKeys           => cache.verify(token, now, buf)
//!     UseKeysAndRefresh => cache.fetch_started(now); spawn the fetch; cache.verify(token, now, buf)
//!     Refresh           => cache.fetch_started(now); fetch; report; decide again
//!     Wait              => wait until the fetch in flight reports; decide again
//!     Reject(e)         => refuse with e (keys_unavailable: 503, else 401)
//!   on verify error e (bad_signature, unknown_kid): match cache.after_failure(e, now) like decide
//! reporting a fetch: fetch_succeeded(body, meta, now) | fetch_not_modified(meta, now)
//!                    | fetch_failed(err, now)
//! ```
//!
//! **"Asked for" precisely.** The cache asks for a fetch by returning
//! [`Refresh`](Decision::Refresh) or [`UseKeysAndRefresh`](Decision::UseKeysAndRefresh) (from
//! [`decide`](KeyCache::decide) or [`after_failure`](KeyCache::after_failure); also
//! [`needs_refresh`](KeyCache::needs_refresh) returning `true`). It does so only when no fetch
//! has started within the last [cooldown](CachePolicy::cooldown) seconds, so once the caller
//! acts on it with [`fetch_started`](KeyCache::fetch_started) (or
//! [`try_start_fetch`](KeyCache::try_start_fetch)), two fetches the cache asked for start at
//! least `cooldown` seconds apart on the caller's clock, and none is asked for while one that
//! started less than `cooldown` ago has not reported. The cooldown counts from the *start* of
//! the last attempt, whatever its outcome, so a failing key server is retried once per
//! cooldown and no faster. A fetch that has not reported after `cooldown` seconds is presumed
//! lost (a cancelled task): the next `decide` asks again rather than wait forever, so keep the
//! HTTP timeout below the cooldown (`tinyjwt-jwks`: 5 s against 30 s).
//!
//! `decide` takes `&self` and `fetch_started` `&mut self`: a shared cache calls them under one
//! lock, or calls [`try_start_fetch`](KeyCache::try_start_fetch) under the write lock after a
//! `decide` under the read lock (it starts the fetch only if one may still start, so of many
//! readers that saw `Refresh`, one fetches and the others wait or decide again).
//!
//! # Stale-while-revalidate, stale-while-error
//!
//! A set past its max age but within the staleness bound ([`CachePolicy::max_stale`]) still
//! verifies every token whose key it holds: [`decide`](KeyCache::decide) says
//! [`UseKeysAndRefresh`](Decision::UseKeysAndRefresh) (verify now, refresh beside, do not wait)
//! and [`verify`](KeyCache::verify) accepts it. When refreshes keep failing, the last good set
//! keeps serving until `max age + max_stale` has passed since it was fetched (or revalidated
//! with a `304`); after that, `verify` refuses with [`Error::KeysUnavailable`] (never a panic)
//! and `decide` asks for a fetch once per cooldown. The keys are not dropped: the next success
//! or `304` brings them back.
//!
//! A fetch whose body is malformed, over the size limit ([`MAX_JWKS_LEN`](crate::jwks::MAX_JWKS_LEN),
//! [`MAX_PEM_LIST_LEN`](crate::pem::MAX_PEM_LIST_LEN)), over the capacity `K`, or holds no
//! usable key ([`Error::NoUsableKey`]) is a failure: the new set is built beside the current
//! one and only swapped in ([`Verifier::replace_keys`]) when it loaded whole, so the old keys
//! stay, and their age is not reset.
//!
//! # Time
//!
//! `now` is the caller's clock in Unix seconds (a monotonic clock works as well: only
//! differences are used). All arithmetic saturates; no input panics. **A clock that goes
//! backwards** by `d` seconds makes the set look `d` seconds old, as a step forward would
//! (ages and cooldowns are distances, [`u64::abs_diff`]): the cache cannot tell which reading
//! was wrong, so it neither trusts a set for longer than its max age (an embedded board whose
//! clock resets to 1970 re-fetches instead of serving the set for 56 years) nor blocks
//! refreshes until the clock catches up. A step back smaller than the cooldown keeps the
//! cooldown; a larger one ends it, and the next fetch restarts it from the new clock.
//!
//! # Formats
//!
//! [`SetFormat::Jwks`] loads a JWK Set with the skip rules of [`jwks`](crate::jwks) (a bad
//! member is skipped and counted, see [`LoadStats`]); [`SetFormat::PemList`] loads a JSON
//! array of PEM strings (Trello) as kid-less keys of one algorithm, which serve every token of
//! that algorithm: there, rotation shows as [`Error::BadSignature`], and
//! [`after_failure`](KeyCache::after_failure) turns it into one refresh per cooldown.
//!
//! ```
//! # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
//! # struct AcceptAll;
//! # impl SignatureBackend for AcceptAll {
//! #     type Key = ();
//! #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
//! #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
//! # }
//! use tinyjwt_core::jwk::JwkOptions;
//! use tinyjwt_core::{Algorithm, CachePolicy, Decision, FetchMeta, KeyCache, Policy, SetFormat, Verifier};
//! let verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
//! let format = SetFormat::Jwks(JwkOptions::new().alg(Algorithm::EdDSA));
//! let mut cache = KeyCache::new(verifier, format, CachePolicy::DEFAULT);
//! // {"alg":"EdDSA","kid":"k1"}.{"exp":2000000000}.<R = the key's point, S = 0>
//! let token = "eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJleHAiOjIwMDAwMDAwMDB9.\
//!     11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
//! let now = 1_700_000_000;
//! // Cold cache: fetch first.
//! assert_eq!(cache.decide(token, now), Decision::Refresh);
//! cache.fetch_started(now);
//! let body = br#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1",
//!     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
//! let meta = FetchMeta::new().with_cache_control("public, max-age=3600");
//! let loaded = cache.fetch_succeeded(body, meta, now + 1)?;
//! assert_eq!(loaded.used(), 1);
//! assert_eq!(cache.decide(token, now + 2), Decision::UseKeys);
//! let mut buf = [0u8; 1024];
//! assert!(cache.verify(token, now + 2, &mut buf).is_ok());
//! // A token naming a kid the set lacks, within the cooldown: refused, no fetch.
//! let other = "eyJhbGciOiJFZERTQSIsImtpZCI6ImsyIn0.eyJleHAiOjIwMDAwMDAwMDB9.\
//!     11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
//! assert_eq!(cache.decide(other, now + 2), Decision::Reject(Error::UnknownKid));
//! // ... and after the cooldown, one refresh.
//! assert_eq!(cache.decide(other, now + 31), Decision::Refresh);
//! # Ok::<(), Error>(())
//! ```

use core::fmt;

use crate::alg::Algorithm;
use crate::backend::SignatureBackend;
use crate::error::Error;
use crate::jwk::JwkOptions;
use crate::jwks::SkipReason;
use crate::key::Strength;
use crate::keyset::{DEFAULT_KEYS, KeySet};
use crate::limits::MAX_HEADER_LEN;
use crate::verify::{Verified, Verifier};

/// Longest `ETag` a [`KeyCache`] stores to send back in `If-None-Match`. Real ones are a
/// quoted hash (under 70 bytes); a longer one (or one with control characters, which could
/// not be sent back as a header) is not stored, and the next fetch is unconditional.
pub const MAX_ETAG_LEN: usize = 128;

/// How long a key set is trusted, and how often it may be re-fetched. All values in seconds.
///
/// - **default max age**: how long a fetched set is fresh when the response carries neither
///   `Cache-Control: max-age` nor `Expires`;
/// - **max age range** `[min, max]`: the clamp on a server-given max age. The minimum keeps a
///   `max-age=0` / `no-cache` / `no-store` server from causing a fetch per request; the
///   maximum bounds how long a key removed from the set (revoked) keeps verifying, whatever
///   the server says;
/// - **cooldown**: the least time between two fetches the cache asks for (see the
///   [module docs](self) for exactly what that promises); also how long a fetch may stay
///   unreported before it is presumed lost;
/// - **max stale**: how long past its max age the last good set keeps verifying while
///   refreshes fail (stale-while-error) or have not happened yet; after it,
///   [`Error::KeysUnavailable`].
///
/// ```
/// use tinyjwt_core::CachePolicy;
/// // Trello: "poll at most hourly".
/// const TRELLO: CachePolicy = CachePolicy::DEFAULT.default_max_age(3600).max_age_range(3600, 3600);
/// assert_eq!(TRELLO.cooldown, 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CachePolicy {
    /// How long a set is fresh when the response gives no max age.
    pub default_max_age: u64,
    /// The lower end of the clamp on a server-given max age.
    pub min_max_age: u64,
    /// The upper end of the clamp on a server-given max age (a value below `min_max_age`
    /// clamps every server-given max age to `min_max_age`; no value panics).
    pub max_max_age: u64,
    /// The least time between two fetches the cache asks for.
    pub cooldown: u64,
    /// How long past its max age the last good set keeps verifying.
    pub max_stale: u64,
}

impl Default for CachePolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl CachePolicy {
    /// tinyjwt's default: max age 10 min when the server gives none, a server's max age
    /// clamped to `[60 s, 24 h]`, cooldown 30 s, staleness bound 24 h.
    ///
    /// Why: platform tokens are short-lived (mini-app tokens 5 min) and a rotation is handled
    /// by the unknown-`kid` refresh whatever the max age, so the max age mostly decides how
    /// soon a key *removed* from the set stops verifying: 10 min (panva `jose`'s
    /// `cacheMaxAge`) is a tenth of the cost of Canva's advised 60 min in exposure, at one
    /// small fetch per 10 min. A server that says `max-age` is believed between 60 s (below
    /// that, a busy service would fetch per burst) and 24 h (a set trusted for longer would
    /// outlive any sane rotation). The 30 s cooldown is `jose`'s: a flood of random `kid`s
    /// costs two fetches a minute at most. The 24 h staleness bound rides out a day-long
    /// outage of the key server with the keys it last published (Go's `keyfunc` keeps them
    /// forever); a key removed during the outage cannot be learnt of anyway.
    pub const DEFAULT: CachePolicy = CachePolicy {
        default_max_age: 600,
        min_max_age: 60,
        max_max_age: 24 * 3600,
        cooldown: 30,
        max_stale: 24 * 3600,
    };

    /// panva `jose` `createRemoteJWKSet` (v4 to v6): `cacheMaxAge` 600000 ms (10 min),
    /// `cooldownDuration` 30000 ms (30 s). Like `jose`, the server's `Cache-Control` is not
    /// used (the range is `[600, 600]`), and there is no staleness bound (0): `jose` fails the
    /// verification when the reload of an expired set fails. (`jose` counts its cooldown from
    /// the last *successful* fetch; this cache counts it from the last attempt, so a failing
    /// server is also retried at most every 30 s.)
    pub const JOSE: CachePolicy = CachePolicy {
        default_max_age: 600,
        min_max_age: 600,
        max_max_age: 600,
        cooldown: 30,
        max_stale: 0,
    };

    /// libjwt `jwks_load_fromurl_cached`: a TTL of 300 s, a refetch cooldown of 60 s (the
    /// numbers of issue 13). A fixed TTL (range `[300, 300]`, the server's `Cache-Control` is
    /// not used) and no staleness bound (0).
    pub const LIBJWT: CachePolicy = CachePolicy {
        default_max_age: 300,
        min_max_age: 300,
        max_max_age: 300,
        cooldown: 60,
        max_stale: 0,
    };

    /// The [`DEFAULT`](Self::DEFAULT) policy.
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// Sets how long a set is fresh when the response gives no max age. A max age of 0
    /// makes every set stale at once (every token asks for a refresh, one per cooldown);
    /// with a staleness bound of 0 as well, no set is ever usable.
    pub const fn default_max_age(mut self, seconds: u64) -> Self {
        self.default_max_age = seconds;
        self
    }

    /// Sets the range a server-given max age is clamped to (`min` and `max` are swapped if
    /// given in the wrong order).
    pub const fn max_age_range(mut self, min: u64, max: u64) -> Self {
        if min <= max {
            self.min_max_age = min;
            self.max_max_age = max;
        } else {
            self.min_max_age = max;
            self.max_max_age = min;
        }
        self
    }

    /// Sets the least time between two fetches the cache asks for (0: no rate limit, and no
    /// single-flight either: every `decide` that wants a fetch asks for one).
    pub const fn cooldown(mut self, seconds: u64) -> Self {
        self.cooldown = seconds;
        self
    }

    /// Sets how long past its max age the last good set keeps verifying (0: not at all).
    pub const fn max_stale(mut self, seconds: u64) -> Self {
        self.max_stale = seconds;
        self
    }

    // The values are plain public fields (`policy.cooldown`): one way to read them, and the
    // builder-style setters above, named like the fields, to write them.

    /// The max age a response with `meta` gets: `Cache-Control: max-age` (which wins over
    /// `Expires`, RFC 9111 §4.2.1), else `Expires`, clamped to the range; else the default
    /// (not clamped: it is the caller's own).
    ///
    /// ```
    /// use tinyjwt_core::{CachePolicy, FetchMeta};
    /// let p = CachePolicy::DEFAULT;
    /// assert_eq!(p.max_age_for(&FetchMeta::new()), 600);
    /// assert_eq!(p.max_age_for(&FetchMeta::new().with_cache_control("max-age=5")), 60);
    /// assert_eq!(p.max_age_for(&FetchMeta::new().with_cache_control("no-store")), 60);
    /// assert_eq!(p.max_age_for(&FetchMeta::new().with_cache_control("max-age=31536000")), 86400);
    /// ```
    pub const fn max_age_for(&self, meta: &FetchMeta<'_>) -> u64 {
        let given = match (meta.max_age, meta.expires_in) {
            (Some(a), _) => a,
            (None, Some(e)) => e,
            (None, None) => return self.default_max_age,
        };
        if given < self.min_max_age {
            self.min_max_age
        } else if given > self.max_max_age {
            self.max_max_age
        } else {
            given
        }
    }
}

/// What a key set is, at its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetFormat {
    /// A JWK Set (`{"keys":[...]}`), loaded with these options (see [`jwks`](crate::jwks)):
    /// `JwkOptions::new().alg(Algorithm::RS256)` for Canva's alg-less RSA keys.
    Jwks(JwkOptions),
    /// A JSON array of PEM strings (Trello), each a kid-less key bound to `alg`.
    PemList {
        /// The algorithm every key is bound to (PEM carries none).
        alg: Algorithm,
        /// Whether minimum strengths are enforced.
        strength: Strength,
    },
}

mod meta;
pub use meta::{
    FetchMeta, MAX_DELTA_SECONDS, parse_cache_control, parse_http_date, parse_http_date_at,
};

/// What the caller does with a token, answered by [`KeyCache::decide`] and
/// [`KeyCache::after_failure`]. See the table in the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Verify now with the current keys ([`KeyCache::verify`]).
    UseKeys,
    /// Verify now with the current keys (they are past their max age but within the
    /// staleness bound, and hold the token's key), **and** start a refresh beside: call
    /// [`KeyCache::fetch_started`] and fetch without making this token wait for it.
    UseKeysAndRefresh,
    /// Fetch first: call [`KeyCache::fetch_started`], fetch, report the outcome, then
    /// [`decide`](KeyCache::decide) again. The set is unusable (never loaded, or past the
    /// staleness bound), or lacks the token's key, and the cooldown is over. Within the
    /// cooldown that follows, `decide` does not answer `Refresh` again.
    Refresh,
    /// A fetch the cache asked for is in flight and this token needs its outcome: wait for
    /// it to report (`fetch_succeeded`, `fetch_not_modified` or `fetch_failed`), then
    /// [`decide`](KeyCache::decide) again. Never returned when the caller does not start
    /// fetches concurrently with `decide`.
    Wait,
    /// Refuse the token now, with this error, and fetch nothing:
    /// [`Error::UnknownKid`] (or another selection error: [`Error::AlgNotAllowed`] when the
    /// set has no key of the token's algorithm, [`Error::KidAlgMismatch`]) within the cooldown;
    /// [`Error::KeysUnavailable`] when there is no usable set and the cooldown is not over;
    /// the header's error for a malformed token or one the policy refuses.
    Reject(Error),
}

/// What one load of a fetched body did: members seen, keys used, members skipped per
/// [`SkipReason`]. `Copy`: taken out of the [`JwksSummary`](crate::jwks::JwksSummary), which
/// borrows the body. For a body that was refused, the counts cover the members met before
/// the error, and [`used`](Self::used) is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct LoadStats {
    members: usize,
    used: usize,
    counts: [usize; SkipReason::ALL.len()],
}

impl LoadStats {
    /// How many members the set has (JWK Set members, or PEM strings).
    pub fn members(&self) -> usize {
        self.members
    }

    /// How many keys were loaded.
    pub fn used(&self) -> usize {
        self.used
    }

    /// How many members were skipped.
    pub fn skipped(&self) -> usize {
        self.counts.iter().fold(0usize, |a, &n| a.saturating_add(n))
    }

    /// How many members were skipped for `reason`.
    pub fn count(&self, reason: SkipReason) -> usize {
        SkipReason::ALL
            .iter()
            .position(|&r| r == reason)
            .and_then(|i| self.counts.get(i).copied())
            .unwrap_or(0)
    }

    /// Each reason with its count, in [`SkipReason::ALL`] order, zero counts left out.
    pub fn counts(&self) -> impl Iterator<Item = (SkipReason, usize)> + '_ {
        SkipReason::ALL
            .iter()
            .zip(self.counts.iter())
            .filter(|&(_, &n)| n > 0)
            .map(|(&r, &n)| (r, n))
    }

    fn skip(&mut self, reason: SkipReason) {
        if let Some(i) = SkipReason::ALL.iter().position(|&r| r == reason)
            && let Some(n) = self.counts.get_mut(i)
        {
            *n = n.saturating_add(1);
        }
    }
}

impl fmt::Display for LoadStats {
    /// `2 of 3 members used, 1 skipped (symmetric 1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} members used", self.used, self.members)?;
        if self.skipped() > 0 {
            write!(f, ", {} skipped (", self.skipped())?;
            for (i, (r, n)) in self.counts().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{} {n}", r.code())?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// The counters a service exports as metrics ([`KeyCache::stats`]). Counters saturate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct CacheStats {
    /// Fetches started ([`KeyCache::fetch_started`]).
    pub fetches: u64,
    /// Bodies loaded and swapped in.
    pub successes: u64,
    /// `304 Not Modified` answers that revalidated the set.
    pub not_modified: u64,
    /// Fetches that failed ([`KeyCache::fetch_failed`]), bodies refused, and `304`s without a
    /// set to keep.
    pub failures: u64,
    /// When the set was last loaded or revalidated.
    pub last_success: Option<u64>,
    /// When the last failure was reported.
    pub last_failure: Option<u64>,
    /// The last failure's error ([`Error::code`] for a metric label).
    pub last_error: Option<Error>,
    /// Keys in the set in force.
    pub keys: usize,
    /// The last body loaded, whether it was swapped in or refused.
    pub last_load: LoadStats,
}

/// A [`Verifier`] whose keys come from a URL, and the state of their cache. See the
/// [module docs](self).
///
/// Build the verifier with its [`Policy`](crate::Policy) and backend (its keys are dropped:
/// the cache knows no age for them; load a bootstrap set with
/// [`fetch_succeeded`](Self::fetch_succeeded) if you ship one). The capacity `K` must hold
/// every usable key of the published set: a set with more is refused
/// ([`Error::TooLarge`]`(`[`Limit::Keys`](crate::Limit::Keys)`)`) and the old keys stay.
pub struct KeyCache<'p, B: SignatureBackend, const K: usize = DEFAULT_KEYS> {
    verifier: Verifier<'p, B, K>,
    format: SetFormat,
    policy: CachePolicy,
    /// When the set in force was loaded or last revalidated; `None` before the first load.
    loaded_at: Option<u64>,
    /// The max age in force for that set.
    max_age: u64,
    /// When the last fetch started.
    started_at: Option<u64>,
    /// A fetch started and has not reported.
    in_flight: bool,
    /// Empty: none (a valid `ETag` is never empty: it is at least `""`).
    etag: heapless::String<MAX_ETAG_LEN>,
    stats: CacheStats,
}

impl<'p, B: SignatureBackend, const K: usize> KeyCache<'p, B, K> {
    /// A cache with no set yet: the first [`decide`](Self::decide) asks for a fetch.
    pub fn new(mut verifier: Verifier<'p, B, K>, format: SetFormat, policy: CachePolicy) -> Self {
        verifier.replace_keys(KeySet::new());
        Self {
            verifier,
            format,
            policy,
            loaded_at: None,
            max_age: 0,
            started_at: None,
            in_flight: false,
            etag: heapless::String::new(),
            stats: CacheStats::default(),
        }
    }

    /// The verifier (its keys are the set in force).
    pub fn verifier(&self) -> &Verifier<'p, B, K> {
        &self.verifier
    }

    /// The cache policy.
    pub fn policy(&self) -> &CachePolicy {
        &self.policy
    }

    /// The format of the key set.
    pub fn format(&self) -> SetFormat {
        self.format
    }

    /// The `ETag` of the set in force, to send as `If-None-Match`.
    pub fn etag(&self) -> Option<&str> {
        (!self.etag.is_empty()).then_some(self.etag.as_str())
    }

    /// The counters.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// How old the set is at `now` (a distance: see [Time](self#time)); `None` before the
    /// first load.
    pub fn age(&self, now: u64) -> Option<u64> {
        self.loaded_at.map(|t| now.abs_diff(t))
    }

    /// The max age in force (0 before the first load).
    pub fn max_age(&self) -> u64 {
        self.max_age
    }

    /// Whether the set is younger than its max age.
    pub fn is_fresh(&self, now: u64) -> bool {
        self.age(now).is_some_and(|a| a < self.max_age)
    }

    /// Whether the set may verify: younger than max age plus the staleness bound.
    pub fn is_usable(&self, now: u64) -> bool {
        self.age(now)
            .is_some_and(|a| a < self.max_age.saturating_add(self.policy.max_stale))
    }

    /// When (on the clock of the last load) the set stops being fresh, for a background task
    /// that refreshes before that.
    pub fn fresh_until(&self) -> Option<u64> {
        self.loaded_at.map(|t| t.saturating_add(self.max_age))
    }

    /// When the set stops being usable.
    pub fn usable_until(&self) -> Option<u64> {
        self.fresh_until()
            .map(|t| t.saturating_add(self.policy.max_stale))
    }

    /// Whether a fetch may start now: none started within the cooldown (a fetch still in
    /// flight after the cooldown is presumed lost).
    pub fn may_fetch(&self, now: u64) -> bool {
        self.started_at
            .is_none_or(|t| now.abs_diff(t) >= self.policy.cooldown)
    }

    /// Whether a fetch started less than the cooldown ago and has not reported.
    pub fn in_flight(&self, now: u64) -> bool {
        self.in_flight && !self.may_fetch(now)
    }

    /// For a background task that keeps the set warm: whether to fetch now, without a token.
    /// True when a fetch may start ([`may_fetch`](Self::may_fetch)) and there is no set or it
    /// is fresh for less than `ahead` more seconds. Acting on it counts as a fetch the cache
    /// asked for (the cooldown applies to it and to `decide` alike).
    pub fn needs_refresh(&self, now: u64, ahead: u64) -> bool {
        self.may_fetch(now)
            && self
                .age(now)
                .is_none_or(|a| a.saturating_add(ahead) >= self.max_age)
    }

    /// What to do with `token` at `now` (see [`Decision`] and the [module docs](self)). Parses
    /// only the header (as [`Verifier::verify`] does, on a [`MAX_HEADER_LEN`]-byte stack
    /// buffer) and asks the key set whether it holds a key the token could be checked
    /// against; no signature is checked.
    pub fn decide(&self, token: &str, now: u64) -> Decision {
        let mut scratch = [0u8; MAX_HEADER_LEN];
        let header = match self.verifier.header_only(token, &mut scratch) {
            Ok(h) => h,
            Err(e) => return Decision::Reject(e),
        };
        if !self.is_usable(now) {
            return self.fetch_or(Error::KeysUnavailable, now);
        }
        let kid = header.kid();
        match self
            .verifier
            .keys()
            .check_selectable(header.alg(), kid.as_ref())
        {
            Ok(()) if self.is_fresh(now) || !self.may_fetch(now) => Decision::UseKeys,
            Ok(()) => Decision::UseKeysAndRefresh,
            Err(e) => self.fetch_or(e, now),
        }
    }

    /// What to do after [`verify`](Self::verify) failed with `err`: for
    /// [`Error::BadSignature`] (Trello's advice: a failed verification may mean the keys
    /// rotated; with kid-less keys it is the only sign), [`Error::UnknownKid`],
    /// [`Error::KidAlgMismatch`] and [`Error::KeysUnavailable`], one refresh when a fetch may
    /// start ([`Refresh`](Decision::Refresh); then verify again), [`Wait`](Decision::Wait)
    /// while one is in flight, else [`Reject`](Decision::Reject)`(err)`. Any other error is
    /// about the token, not the keys: `Reject(err)`.
    pub fn after_failure(&self, err: Error, now: u64) -> Decision {
        match err {
            Error::BadSignature
            | Error::UnknownKid
            | Error::KidAlgMismatch
            | Error::KeysUnavailable => self.fetch_or(err, now),
            _ => Decision::Reject(err),
        }
    }

    fn fetch_or(&self, err: Error, now: u64) -> Decision {
        if self.may_fetch(now) {
            Decision::Refresh
        } else if self.in_flight(now) {
            Decision::Wait
        } else {
            Decision::Reject(err)
        }
    }

    /// Records that a fetch starts at `now`: the cooldown starts. Call it when acting on
    /// [`Refresh`](Decision::Refresh) or [`UseKeysAndRefresh`](Decision::UseKeysAndRefresh)
    /// (under the same lock as the `decide`), or for a fetch of your own (start-up, a
    /// background refresh).
    pub fn fetch_started(&mut self, now: u64) {
        self.started_at = Some(now);
        self.in_flight = true;
        self.stats.fetches = self.stats.fetches.saturating_add(1);
    }

    /// Starts a fetch ([`fetch_started`](Self::fetch_started)) only if one
    /// [may start](Self::may_fetch) at `now`; returns whether it did. For callers that
    /// `decide` under a read lock: of those that saw `Refresh`, the first to take the write
    /// lock fetches, the others get `false` (then [`Wait`](Decision::Wait) or decide again).
    pub fn try_start_fetch(&mut self, now: u64) -> bool {
        let go = self.may_fetch(now);
        if go {
            self.fetch_started(now);
        }
        go
    }

    /// Reports a `200` with `body`: builds a new set beside the current one (with the
    /// verifier's backend, in the [format](SetFormat)) and, if it loads whole, swaps it in,
    /// sets its max age from `meta` ([`CachePolicy::max_age_for`]) and stores its `ETag`.
    ///
    /// The new set is built on this call's stack (`size_of::<KeySet<B, K>>()` bytes, plus the
    /// loader's scratch buffers).
    ///
    /// # Errors
    /// The loader's error ([`KeyLoader::add_jwks`](crate::KeyLoader::add_jwks),
    /// [`KeyLoader::add_pem_list_json`](crate::KeyLoader::add_pem_list_json)): malformed,
    /// over the size limit, [`Error::NoUsableKey`], over the capacity `K`. The old keys and
    /// their age stay, and the failure is counted.
    pub fn fetch_succeeded(
        &mut self,
        body: &[u8],
        meta: FetchMeta<'_>,
        now: u64,
    ) -> Result<LoadStats, Error> {
        self.in_flight = false;
        let mut stats = LoadStats::default();
        let mut set: KeySet<B, K> = KeySet::new();
        let backend = self.verifier.backend();
        let loaded = match self.format {
            SetFormat::Jwks(opts) => load_jwks(&mut set, backend, body, opts, &mut stats),
            SetFormat::PemList { alg, strength } => {
                load_pem_list(&mut set, backend, body, alg, strength)
            }
        };
        match loaded {
            Ok((members, used)) => {
                stats.members = members;
                stats.used = used;
                self.verifier.replace_keys(set);
                self.loaded_at = Some(now);
                self.max_age = self.policy.max_age_for(&meta);
                self.etag.clear();
                self.store_etag(meta.etag);
                self.stats.successes = self.stats.successes.saturating_add(1);
                self.stats.last_success = Some(now);
                self.stats.keys = self.verifier.keys().len();
                self.stats.last_load = stats;
                Ok(stats)
            }
            Err(e) => {
                stats.members = stats.skipped();
                self.stats.last_load = stats;
                self.record_failure(e, now);
                Err(e)
            }
        }
    }

    /// Reports a `304 Not Modified`: the set in force is current. Keeps the keys, resets
    /// their age to 0 at `now`, takes the max age from `meta`, and the `ETag` if it has one.
    ///
    /// # Errors
    /// [`Error::KeysUnavailable`] when there is no set to keep (a `304` to a request that
    /// had no `If-None-Match`): counted as a failure.
    pub fn fetch_not_modified(&mut self, meta: FetchMeta<'_>, now: u64) -> Result<(), Error> {
        self.in_flight = false;
        if self.loaded_at.is_none() {
            self.record_failure(Error::KeysUnavailable, now);
            return Err(Error::KeysUnavailable);
        }
        self.loaded_at = Some(now);
        self.max_age = self.policy.max_age_for(&meta);
        if meta.etag.is_some() {
            self.etag.clear();
            self.store_etag(meta.etag);
        }
        self.stats.not_modified = self.stats.not_modified.saturating_add(1);
        self.stats.last_success = Some(now);
        Ok(())
    }

    /// Reports a fetch that failed (connection, timeout, a status other than 200/304, a body
    /// over the caller's cap): the keys stay, the failure is counted with `err` (the caller's
    /// choice of error; `tinyjwt-jwks` uses [`Error::KeysUnavailable`]).
    pub fn fetch_failed(&mut self, err: Error, now: u64) {
        self.in_flight = false;
        self.record_failure(err, now);
    }

    fn record_failure(&mut self, err: Error, now: u64) {
        self.stats.failures = self.stats.failures.saturating_add(1);
        self.stats.last_failure = Some(now);
        self.stats.last_error = Some(err);
    }

    /// Stores `etag` if it fits [`MAX_ETAG_LEN`] and is visible ASCII (no control characters:
    /// it is sent back as a header value).
    fn store_etag(&mut self, etag: Option<&str>) {
        if let Some(e) = etag
            && !e.is_empty()
            && e.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        {
            // Too long: not stored (push_str fails whole, leaving it empty).
            let _ = self.etag.push_str(e);
        }
    }

    /// Verifies `token` with the set in force ([`Verifier::verify`]), if it is usable.
    ///
    /// # Errors
    /// [`Error::KeysUnavailable`] when there is no usable set (never loaded, or past max age
    /// plus the staleness bound); else as [`Verifier::verify`].
    pub fn verify<'b>(
        &self,
        token: &str,
        now: u64,
        buf: &'b mut [u8],
    ) -> Result<Verified<'b>, Error> {
        if !self.is_usable(now) {
            return Err(Error::KeysUnavailable);
        }
        self.verifier.verify(token, now, buf)
    }
}

/// The JWK Set arm of [`KeyCache::fetch_succeeded`]: (members, keys used). Each format has a
/// frame of its own (`inline(never)`), so a JWKS load does not pay for the PEM list's 8 KiB
/// text buffer and DER scratch on the stack (LLVM merges the locals of inlined arms).
#[inline(never)]
fn load_jwks<B: SignatureBackend, const K: usize>(
    set: &mut KeySet<B, K>,
    backend: &B,
    body: &[u8],
    opts: JwkOptions,
    stats: &mut LoadStats,
) -> Result<(usize, usize), Error> {
    set.loader(backend)
        .add_jwks_with(body, opts, |s| stats.skip(s.reason()))
        .map(|summary| (summary.members(), summary.used()))
}

/// The PEM-list arm of [`KeyCache::fetch_succeeded`] (see [`load_jwks`]).
#[inline(never)]
fn load_pem_list<B: SignatureBackend, const K: usize>(
    set: &mut KeySet<B, K>,
    backend: &B,
    body: &[u8],
    alg: Algorithm,
    strength: Strength,
) -> Result<(usize, usize), Error> {
    set.loader(backend)
        .add_pem_list_json(body, alg, strength)
        .map(|n| (n, n))
}

#[cfg(test)]
mod tests;
