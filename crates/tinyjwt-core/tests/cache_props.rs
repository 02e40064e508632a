//! Property tests of the key cache (issue 13 point 1): for any sequence of tokens, fetch
//! outcomes, background ticks and clock readings (jumping forwards, backwards, to 0 and to
//! `u64::MAX`), under the presets and random policies:
//!
//! 1. **at most one fetch per cooldown**: every fetch the cache asks for (`Refresh`,
//!    `UseKeysAndRefresh`, `needs_refresh`) comes at least `cooldown` seconds (on the caller's
//!    clock, either way) after the previous fetch started, so the fetches a caller makes by
//!    acting on them are pairwise `cooldown` apart in sequence, and none is asked for while
//!    one that started less than `cooldown` ago is unreported;
//! 2. **a known kid is never refused** while the last good set is fresh or within the
//!    staleness bound: `decide` says `UseKeys` (`UseKeysAndRefresh` when stale) and `verify`
//!    succeeds; past the bound `verify` says `keys_unavailable`;
//! 3. `Wait` only while a fetch is in flight; failed loads (malformed, oversized, empty,
//!    secrets only) never change the keys; nothing panics or overflows.
//!
//! The model below is written from the documented rules, not from the implementation. Keys
//! are HS256 `oct` JWKs, verified with real HMAC by `TestBackend`.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]

mod common;

use common::*;
use proptest::prelude::*;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::*;

/// Kids `k0`..`k5` may be published; `k6`, `k7` never are.
const KIDS: usize = 8;
const PUBLISHED: u32 = 6;

fn secret(i: usize) -> [u8; 32] {
    [i as u8 + 1; 32]
}

fn tokens() -> Vec<String> {
    (0..KIDS)
        .map(|i| {
            let h = format!(r#"{{"alg":"HS256","kid":"k{i}"}}"#);
            hs_token(Algorithm::HS256, &secret(i), &h, "{}")
        })
        .collect()
}

/// A token naming a published kid whose signature is wrong.
fn forged(i: usize) -> String {
    let h = format!(r#"{{"alg":"HS256","kid":"k{i}"}}"#);
    hs_token(
        Algorithm::HS256,
        b"not the key, but 32 bytes long!!",
        &h,
        "{}",
    )
}

fn set_json(mask: u8) -> String {
    let members: Vec<String> = (0..PUBLISHED as usize)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| {
            format!(
                r#"{{"kty":"oct","kid":"k{i}","alg":"HS256","k":"{}"}}"#,
                b64(&secret(i))
            )
        })
        .collect();
    format!(r#"{{"keys":[{}]}}"#, members.join(","))
}

#[derive(Debug, Clone)]
enum Outcome {
    /// A 200 whose set holds the kids of the mask's low 6 bits (0: an empty set, refused).
    Ok {
        mask: u8,
        max_age: Option<u64>,
    },
    NotModified {
        max_age: Option<u64>,
    },
    Failed,
    Malformed,
    Oversized,
    SecretsRefused,
}

#[derive(Debug, Clone)]
enum Event {
    /// A request with the token of kid `kid`; the caller acts on a fetch request if `act`
    /// (and reports it at once if `now_done`, else it stays in flight).
    Token {
        kid: usize,
        forged: bool,
        act: bool,
        now_done: Option<Outcome>,
    },
    /// A background tick: fetch if `needs_refresh(now, ahead)`.
    Tick {
        ahead: u64,
        now_done: Option<Outcome>,
    },
    /// The fetch in flight (if any) reports.
    Report(Outcome),
}

fn step() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => 0i64..5,
        4 => 0i64..120,
        2 => -60i64..60,
        2 => 0i64..200_000,
        1 => -200_000i64..0,
        1 => prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()],
    ]
}

fn max_age() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![
        Just(None),
        (0u64..1000).prop_map(Some),
        any::<u64>().prop_map(Some)
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        6 => (any::<u8>(), max_age()).prop_map(|(mask, max_age)| Outcome::Ok { mask: mask & 0x3f, max_age }),
        2 => max_age().prop_map(|max_age| Outcome::NotModified { max_age }),
        3 => Just(Outcome::Failed),
        1 => Just(Outcome::Malformed),
        1 => Just(Outcome::Oversized),
        1 => Just(Outcome::SecretsRefused),
    ]
}

fn event() -> impl Strategy<Value = (i64, Event)> {
    let ev = prop_oneof![
        8 => (0..KIDS, prop::bool::weighted(0.1), prop::bool::weighted(0.9), prop::option::weighted(0.7, outcome()))
            .prop_map(|(kid, forged, act, now_done)| Event::Token { kid, forged, act, now_done }),
        1 => (0u64..400, prop::option::weighted(0.7, outcome()))
            .prop_map(|(ahead, now_done)| Event::Tick { ahead, now_done }),
        2 => outcome().prop_map(Event::Report),
    ];
    (step(), ev)
}

fn policy() -> impl Strategy<Value = CachePolicy> {
    prop_oneof![
        Just(CachePolicy::DEFAULT),
        Just(CachePolicy::JOSE),
        Just(CachePolicy::LIBJWT),
        (0u64..300, 0u64..200, 0u64..2000, 0u64..90, 0u64..1000).prop_map(
            |(d, lo, hi, cd, stale)| CachePolicy::new()
                .default_max_age(d)
                .max_age_range(lo, hi)
                .cooldown(cd)
                .max_stale(stale)
        ),
    ]
}

fn start() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0u64),
        Just(1_700_000_000u64),
        Just(u64::MAX - 1000),
        any::<u64>()
    ]
}

/// The documented rules, tracked beside the cache.
struct Model {
    policy: CachePolicy,
    /// The kids of the set in force, when it was loaded or revalidated, its max age.
    set: Option<(u8, u64, u64)>,
    last_start: Option<u64>,
    pending: bool,
    starts: Vec<u64>,
}

impl Model {
    fn max_age(&self, given: Option<u64>) -> u64 {
        let p = &self.policy;
        // A `max-age` over 2^31 is read as 2^31 (RFC 9111), then clamped.
        given.map_or(p.default_max_age, |g| {
            g.min(2_147_483_648).clamp(p.min_max_age, p.max_max_age)
        })
    }
    fn cooldown_over(&self, now: u64) -> bool {
        self.last_start
            .is_none_or(|s| now.abs_diff(s) >= self.policy.cooldown)
    }
    fn age(&self, now: u64) -> Option<(u8, u64, u64)> {
        self.set.map(|(m, at, max)| (m, now.abs_diff(at), max))
    }
    fn usable(&self, now: u64) -> bool {
        self.age(now)
            .is_some_and(|(_, age, max)| age < max.saturating_add(self.policy.max_stale))
    }
    fn fresh(&self, now: u64) -> bool {
        self.age(now).is_some_and(|(_, age, max)| age < max)
    }
    fn holds(&self, kid: usize) -> bool {
        self.set
            .is_some_and(|(m, _, _)| kid < 8 && m & (1 << kid) != 0)
    }
}

struct World {
    cache: KeyCache<'static, TestBackend, 8>,
    model: Model,
    tokens: Vec<String>,
    oversized: Vec<u8>,
}

impl World {
    /// The caller starts a fetch the cache asked for.
    fn start(&mut self, now: u64) -> Result<(), TestCaseError> {
        prop_assert!(
            self.model.cooldown_over(now),
            "fetch asked for at {now} within the cooldown of {:?}",
            self.model.last_start
        );
        if let Some(&prev) = self.model.starts.last() {
            prop_assert!(now.abs_diff(prev) >= self.model.policy.cooldown);
        }
        self.cache.fetch_started(now);
        self.model.last_start = Some(now);
        self.model.pending = true;
        self.model.starts.push(now);
        Ok(())
    }

    fn report(&mut self, o: &Outcome, now: u64) -> Result<(), TestCaseError> {
        self.model.pending = false;
        let before = self.model.set;
        match *o {
            Outcome::Ok { mask, max_age } => {
                let body = set_json(mask);
                let meta = FetchMeta {
                    max_age,
                    ..FetchMeta::new()
                };
                let r = self.cache.fetch_succeeded(body.as_bytes(), meta, now);
                if mask == 0 {
                    prop_assert_eq!(r, Err(Error::NoUsableKey));
                } else {
                    prop_assert_eq!(r.map(|s| s.used()), Ok(mask.count_ones() as usize));
                    self.model.set = Some((mask, now, self.model.max_age(max_age)));
                }
            }
            Outcome::NotModified { max_age } => {
                let meta = FetchMeta {
                    max_age,
                    ..FetchMeta::new()
                };
                let r = self.cache.fetch_not_modified(meta, now);
                match self.model.set {
                    Some((m, _, _)) => {
                        prop_assert_eq!(r, Ok(()));
                        self.model.set = Some((m, now, self.model.max_age(max_age)));
                    }
                    None => prop_assert_eq!(r, Err(Error::KeysUnavailable)),
                }
            }
            Outcome::Failed => self.cache.fetch_failed(Error::KeysUnavailable, now),
            Outcome::Malformed => {
                let r = self
                    .cache
                    .fetch_succeeded(b"{\"keys\":[{", FetchMeta::new(), now);
                prop_assert!(r.is_err());
            }
            Outcome::Oversized => {
                let r = self
                    .cache
                    .fetch_succeeded(&self.oversized, FetchMeta::new(), now);
                prop_assert_eq!(r, Err(Error::TooLarge(Limit::KeyMaterial)));
            }
            Outcome::SecretsRefused => {
                // allow_symmetric is on, but a weak (short) secret is skipped: no usable key.
                let body = br#"{"keys":[{"kty":"oct","kid":"k0","alg":"HS256","k":"c2VjcmV0"}]}"#;
                let r = self.cache.fetch_succeeded(body, FetchMeta::new(), now);
                prop_assert_eq!(r, Err(Error::NoUsableKey));
            }
        }
        if matches!(
            o,
            Outcome::Malformed | Outcome::Oversized | Outcome::SecretsRefused
        ) || matches!(o, Outcome::Ok { mask: 0, .. })
        {
            prop_assert_eq!(self.model.set, before);
        }
        self.check_keys()
    }

    fn check_keys(&self) -> Result<(), TestCaseError> {
        let mut mask = 0u8;
        for (kid, _) in self.cache.verifier().keys().iter() {
            let i: u8 = kid.unwrap()[1..].parse().unwrap();
            mask |= 1 << i;
        }
        prop_assert_eq!(mask, self.model.set.map_or(0, |(m, _, _)| m));
        Ok(())
    }

    /// Checks a decision for the token of `kid` at `now` against the model (the decision
    /// depends on the header only: a forged signature is decided like a good one); returns
    /// whether it asks for a fetch.
    fn check(&self, d: Decision, kid: usize, now: u64) -> Result<bool, TestCaseError> {
        let m = &self.model;
        let known = m.holds(kid) && m.usable(now);
        let in_flight = m.pending && !m.cooldown_over(now);
        if known {
            let want = if m.fresh(now) || !m.cooldown_over(now) {
                Decision::UseKeys
            } else {
                Decision::UseKeysAndRefresh
            };
            prop_assert_eq!(d, want, "known kid k{} at {}", kid, now);
        } else {
            let want = if m.cooldown_over(now) {
                Decision::Refresh
            } else if in_flight {
                Decision::Wait
            } else if !m.usable(now) {
                Decision::Reject(Error::KeysUnavailable)
            } else {
                Decision::Reject(Error::UnknownKid)
            };
            prop_assert_eq!(d, want, "kid k{} at {}", kid, now);
        }
        Ok(matches!(d, Decision::Refresh | Decision::UseKeysAndRefresh))
    }

    fn token(
        &mut self,
        kid: usize,
        forged_sig: bool,
        act: bool,
        done: &Option<Outcome>,
        now: u64,
    ) -> Result<(), TestCaseError> {
        let token = if forged_sig {
            forged(kid)
        } else {
            self.tokens[kid].clone()
        };
        let mut d = self.cache.decide(&token, now);
        let mut asks = self.check(d, kid, now)?;
        let mut buf = [0u8; 1024];
        let verified = self.cache.verify(&token, now, &mut buf).map(|_| ());
        if !self.model.usable(now) {
            prop_assert_eq!(verified, Err(Error::KeysUnavailable));
        } else if self.model.holds(kid) {
            prop_assert_eq!(
                verified,
                if forged_sig {
                    Err(Error::BadSignature)
                } else {
                    Ok(())
                }
            );
        } else {
            prop_assert_eq!(verified, Err(Error::UnknownKid));
        }
        if let Err(e) = verified
            && matches!(d, Decision::UseKeys | Decision::UseKeysAndRefresh)
        {
            // Verification failed after UseKeys: only a forged signature can do that.
            prop_assert_eq!(e, Error::BadSignature);
            let after = self.cache.after_failure(e, now);
            let cooldown_over = self.model.cooldown_over(now);
            match after {
                Decision::Refresh => prop_assert!(cooldown_over),
                Decision::Wait => prop_assert!(self.model.pending && !cooldown_over),
                Decision::Reject(r) => {
                    prop_assert_eq!(r, e);
                    prop_assert!(!cooldown_over);
                }
                other => prop_assert!(false, "after_failure gave {other:?}"),
            }
            if after == Decision::Refresh {
                d = after;
                asks = true;
            }
        }
        if asks && act {
            self.start(now)?;
            if let Some(o) = done {
                self.report(o, now)?;
            }
        }
        let _ = d;
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn cache_follows_its_rules(
        policy in policy(),
        t0 in start(),
        events in prop::collection::vec(event(), 1..120),
    ) {
        let verifier = Verifier::new(TestBackend::default(), Policy::new().allow_missing_exp()).unwrap();
        let format = SetFormat::Jwks(JwkOptions::new().allow_symmetric(true));
        let mut oversized = b"{\"keys\":[],\"pad\":\"".to_vec();
        oversized.resize(jwks::MAX_JWKS_LEN + 1, b'x');
        oversized.extend_from_slice(b"\"}");
        let mut w = World {
            cache: KeyCache::new(verifier, format, policy),
            model: Model { policy, set: None, last_start: None, pending: false, starts: Vec::new() },
            tokens: tokens(),
            oversized,
        };
        let mut now = t0;
        for (dt, ev) in &events {
            now = now.saturating_add_signed(*dt);
            match ev {
                Event::Token { kid, forged, act, now_done } => {
                    let forged = *forged && (*kid as u32) < PUBLISHED;
                    w.token(*kid, forged, *act, now_done, now)?;
                }
                Event::Tick { ahead, now_done } => {
                    let asks = w.cache.needs_refresh(now, *ahead);
                    if asks {
                        w.start(now)?;
                        if let Some(o) = now_done {
                            w.report(o, now)?;
                        }
                    }
                }
                Event::Report(o) => {
                    if w.model.pending {
                        w.report(o, now)?;
                    }
                }
            }
            prop_assert_eq!(w.cache.is_usable(now), w.model.usable(now));
            prop_assert_eq!(w.cache.in_flight(now), w.model.pending && !w.model.cooldown_over(now));
            w.check_keys()?;
        }
        let s = w.cache.stats();
        prop_assert_eq!(s.fetches, w.model.starts.len() as u64);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// The header parsers never panic, and what they give stays in range.
    #[test]
    fn header_parsers_are_total(
        s in prop_oneof![
            ".*",
            "[ ,=\"a-zA-Z0-9\\-\\\\]{0,40}",
            "(max-age|no-cache|no-store|MAX-AGE|s-maxage)(=\"?[0-9]{0,25}\"?)?(, ?[a-z\\-]{1,9}(=\"[^\"]{0,5}\")?){0,3}",
            "(Mon|Sun|Thu), [0-9]{2} (Jan|Feb|Dec|Foo) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
        ],
        policy in policy(),
        now in any::<u64>(),
    ) {
        if let Some(n) = cache::parse_cache_control(&s) {
            prop_assert!(n <= cache::MAX_DELTA_SECONDS);
        }
        if let Some(t) = cache::parse_http_date(&s) {
            prop_assert!(t <= 253_402_300_800);
        }
        let meta = FetchMeta::new().with_cache_control(&s).with_expires(&s, Some(&s), now);
        let a = policy.max_age_for(&meta);
        prop_assert!(a >= policy.min_max_age && a <= policy.max_max_age);
    }
}
