//! Unit tests of the cache state machine and its header parsers. End-to-end runs with real
//! key sets are in `tests/cache.rs`, the property tests in `tests/cache_props.rs`.
use super::*;
use crate::key::BoundKey;
use crate::policy::Policy;

/// Prepares every key and accepts every signature of the right length: these tests look at
/// the cache's decisions, not at cryptography.
struct AcceptAll;
impl SignatureBackend for AcceptAll {
    type Key = ();
    fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> {
        Ok(())
    }
    fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), crate::BadSignature> {
        Ok(())
    }
}

const X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

/// A JWK Set of Ed25519 keys with these `kid`s (RFC 8037's public key for each).
fn set(kids: &[&str]) -> std::string::String {
    let members: std::vec::Vec<_> = kids
        .iter()
        .map(|k| std::format!(r#"{{"kty":"OKP","crv":"Ed25519","kid":"{k}","x":"{X}"}}"#))
        .collect();
    std::format!(r#"{{"keys":[{}]}}"#, members.join(","))
}

/// `{"alg":"EdDSA","kid":<kid>}.{}.<R = the key's point, S = 0>`: `R` must not be of small
/// order (the core refuses such signatures before any backend runs).
fn token(kid: &str) -> std::string::String {
    token_alg("EdDSA", kid)
}

fn token_alg(alg: &str, kid: &str) -> std::string::String {
    use base64::Engine;
    let b = |d: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d);
    let h = std::format!(r#"{{"alg":"{alg}","kid":"{kid}"}}"#);
    let mut sig = [0u8; 64];
    let r = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(X)
        .unwrap();
    sig[..32].copy_from_slice(&r);
    std::format!("{}.{}.{}", b(h.as_bytes()), b(b"{}"), b(&sig))
}

fn cache(policy: CachePolicy) -> KeyCache<'static, AcceptAll, 4> {
    let v = Verifier::new(AcceptAll, Policy::new().allow_missing_exp()).unwrap();
    KeyCache::new(v, SetFormat::Jwks(JwkOptions::new()), policy)
}

fn verifies(c: &KeyCache<'_, AcceptAll, 4>, kid: &str, now: u64) -> Result<(), Error> {
    let mut buf = [0u8; 512];
    c.verify(&token(kid), now, &mut buf).map(|_| ())
}

const T0: u64 = 1_700_000_000;

#[test]
fn presets_have_their_documented_numbers() {
    let d = CachePolicy::DEFAULT;
    assert_eq!(
        (
            d.default_max_age,
            d.min_max_age,
            d.max_max_age,
            d.cooldown,
            d.max_stale
        ),
        (600, 60, 86_400, 30, 86_400)
    );
    let j = CachePolicy::JOSE;
    assert_eq!((j.default_max_age, j.cooldown), (600, 30));
    assert_eq!((j.min_max_age, j.max_max_age, j.max_stale), (600, 600, 0));
    let l = CachePolicy::LIBJWT;
    assert_eq!((l.default_max_age, l.cooldown), (300, 60));
    assert_eq!((l.min_max_age, l.max_max_age, l.max_stale), (300, 300, 0));
    assert_eq!(CachePolicy::default(), CachePolicy::new());
    // Builders, the range normalised.
    let p = CachePolicy::new()
        .default_max_age(5)
        .max_age_range(100, 10)
        .cooldown(7)
        .max_stale(9);
    assert_eq!(
        (p.default_max_age, p.min_max_age, p.max_max_age),
        (5, 10, 100)
    );
    assert_eq!((p.cooldown, p.max_stale), (7, 9));
}

#[test]
fn max_age_is_clamped_and_cache_control_wins_over_expires() {
    let p = CachePolicy::DEFAULT;
    let m = |max_age, expires_in| FetchMeta {
        max_age,
        expires_in,
        etag: None,
    };
    assert_eq!(p.max_age_for(&m(None, None)), 600);
    assert_eq!(p.max_age_for(&m(Some(0), None)), 60);
    assert_eq!(p.max_age_for(&m(Some(59), None)), 60);
    assert_eq!(p.max_age_for(&m(Some(60), None)), 60);
    assert_eq!(p.max_age_for(&m(Some(3600), None)), 3600);
    assert_eq!(p.max_age_for(&m(Some(86_401), None)), 86_400);
    assert_eq!(p.max_age_for(&m(Some(u64::MAX), None)), 86_400);
    assert_eq!(p.max_age_for(&m(None, Some(7200))), 7200);
    assert_eq!(p.max_age_for(&m(None, Some(1))), 60);
    assert_eq!(p.max_age_for(&m(Some(120), Some(7200))), 120);
    // The caller's own default is not clamped.
    let q = p.default_max_age(5);
    assert_eq!(q.max_age_for(&m(None, None)), 5);
    // jose and libjwt ignore the server.
    assert_eq!(CachePolicy::JOSE.max_age_for(&m(Some(10), None)), 600);
    assert_eq!(CachePolicy::LIBJWT.max_age_for(&m(None, Some(99_999))), 300);
}

#[test]
fn cache_control_parsing() {
    let cc = parse_cache_control;
    assert_eq!(cc(""), None);
    assert_eq!(cc("public"), None);
    assert_eq!(cc("max-age=0"), Some(0));
    assert_eq!(cc("public, max-age=86400"), Some(86400));
    assert_eq!(cc("public,max-age=300,must-revalidate"), Some(300));
    assert_eq!(cc("  MAX-AGE=12  "), Some(12));
    assert_eq!(cc("max-age=\"60\""), Some(60));
    assert_eq!(cc("max-age = 60"), Some(60));
    // Two max-age directives: the smaller.
    assert_eq!(cc("max-age=600, max-age=60"), Some(60));
    // Invalid values mean stale.
    assert_eq!(cc("max-age="), Some(0));
    assert_eq!(cc("max-age"), Some(0));
    assert_eq!(cc("max-age=-1"), Some(0));
    assert_eq!(cc("max-age=1e3"), Some(0));
    assert_eq!(cc("max-age=\"60"), Some(0));
    // Over 2^31: 2^31 (RFC 9111 §1.2.2), however many digits.
    assert_eq!(cc("max-age=2147483649"), Some(MAX_DELTA_SECONDS));
    assert_eq!(
        cc("max-age=99999999999999999999999999999999999999"),
        Some(MAX_DELTA_SECONDS)
    );
    assert_eq!(cc("no-cache"), Some(0));
    assert_eq!(cc("No-Store, max-age=3600"), Some(0));
    // A qualified no-cache names header fields; it does not make the body stale.
    assert_eq!(cc("no-cache=\"Set-Cookie\", max-age=3600"), Some(3600));
    // s-maxage is for shared caches; a quoted comma does not split.
    assert_eq!(cc("s-maxage=10, max-age=100"), Some(100));
    assert_eq!(cc("private=\"x, max-age=1\", max-age=100"), Some(100));
    assert_eq!(cc("ext=\"a\\\"b, max-age=1\", max-age=100"), Some(100));
    assert_eq!(cc(",,,max-age=5,,"), Some(5));
    // A second field line through FetchMeta: the smaller wins too.
    let m = FetchMeta::new()
        .with_cache_control("max-age=100")
        .with_cache_control("public")
        .with_cache_control("max-age=50");
    assert_eq!(m.max_age, Some(50));
}

#[test]
fn http_dates() {
    let d = parse_http_date;
    assert_eq!(d("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
    assert_eq!(d("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
    assert_eq!(d("Tue, 29 Feb 2000 00:00:00 GMT"), Some(951_782_400));
    assert_eq!(d("Fri, 31 Dec 9999 23:59:59 GMT"), Some(253_402_300_799));
    assert_eq!(d(" Sun, 06 Nov 1994 08:49:37 GMT "), Some(784_111_777));
    // Wrong weekday, impossible dates, other forms, garbage.
    assert_eq!(d("Mon, 06 Nov 1994 08:49:37 GMT"), None);
    assert_eq!(d("Thu, 29 Feb 2001 00:00:00 GMT"), None);
    assert_eq!(d("Sun, 06 Nov 1994 24:00:00 GMT"), None);
    assert_eq!(d("Sun, 06 Nov 1994 08:49:37 UTC"), None);
    // The obsolete forms: asctime always, RFC 850 with a reference time for its century.
    assert_eq!(d("Sun Nov  6 08:49:37 1994"), Some(784_111_777));
    assert_eq!(d("Thu Feb 29 00:00:00 2024"), Some(1_709_164_800));
    assert_eq!(d("Wed Feb 29 00:00:00 2023"), None);
    assert_eq!(d("Sun Nov 06 08:49:37 1994"), Some(784_111_777));
    assert_eq!(d("Sun Nov  6 08:49:37 94"), None);
    assert_eq!(d("Sunday, 06-Nov-94 08:49:37 GMT"), None);
    let at = parse_http_date_at;
    let y2025 = 1_764_633_600;
    assert_eq!(
        at("Sunday, 06-Nov-94 08:49:37 GMT", y2025),
        Some(784_111_777)
    );
    assert_eq!(
        at("Sun, 06 Nov 1994 08:49:37 GMT", y2025),
        Some(784_111_777)
    );
    assert_eq!(at("Sun Nov  6 08:49:37 1994", y2025), Some(784_111_777));
    assert_eq!(at("Sun, 06-Nov-94 08:49:37 GMT", y2025), None);
    assert_eq!(at("Sunday, 06-Nov-94 08:49:37 UTC", y2025), None);
    assert_eq!(at("Sunday, 06-Nov-1994 08:49:37 GMT", y2025), None);
    // "75" in 2025 is 2075 (50 years ahead, not more); "76" is 1976.
    assert_eq!(
        at("Tuesday, 01-Jan-75 00:00:00 GMT", y2025),
        Some(3_313_526_400)
    );
    assert_eq!(
        at("Thursday, 01-Jan-76 00:00:00 GMT", y2025),
        Some(189_302_400)
    );
    // Before 1970 there is nothing to give; at the u64 ends no overflow.
    assert_eq!(at("Tuesday, 01-Jan-69 00:00:00 GMT", 0), None);
    let _ = at("Tuesday, 01-Jan-69 00:00:00 GMT", u64::MAX);
    assert_eq!(d("Wed, 31 Dec 1969 23:59:59 GMT"), None);
    assert_eq!(d("0"), None);
    assert_eq!(d(""), None);
    assert_eq!(d("Sun, 06 Nov 1994 08:49:3\u{e9}GMT"), None);
    // Expires - Date; invalid Expires is "already expired"; no Date: now.
    let e = |exp, date, now| FetchMeta::new().with_expires(exp, date, now).expires_in;
    let date = Some("Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(e("Sun, 06 Nov 1994 09:49:37 GMT", date, 0), Some(3600));
    assert_eq!(e("Sun, 06 Nov 1994 07:49:37 GMT", date, 0), Some(0));
    assert_eq!(e("0", date, 0), Some(0));
    assert_eq!(
        e("Sun, 06 Nov 1994 09:49:37 GMT", None, 784_111_777),
        Some(3600)
    );
    assert_eq!(
        e(
            "Sun, 06 Nov 1994 09:49:37 GMT",
            Some("yesterday"),
            784_111_777
        ),
        Some(3600)
    );
}

#[test]
fn cold_start_fetch_then_use() {
    let mut c = cache(CachePolicy::DEFAULT);
    assert_eq!(verifies(&c, "a", T0), Err(Error::KeysUnavailable));
    assert_eq!(c.decide(&token("a"), T0), Decision::Refresh);
    assert!(c.needs_refresh(T0, 0));
    c.fetch_started(T0);
    assert!(c.in_flight(T0 + 1));
    // While the first fetch is in flight, every token waits for it.
    assert_eq!(c.decide(&token("a"), T0 + 1), Decision::Wait);
    assert!(!c.needs_refresh(T0 + 1, 0));
    let stats = c
        .fetch_succeeded(set(&["a", "b"]).as_bytes(), FetchMeta::new(), T0 + 2)
        .unwrap();
    assert_eq!((stats.members(), stats.used(), stats.skipped()), (2, 2, 0));
    assert!(!c.in_flight(T0 + 2));
    assert_eq!(c.decide(&token("a"), T0 + 3), Decision::UseKeys);
    assert_eq!(verifies(&c, "b", T0 + 3), Ok(()));
    assert_eq!(c.age(T0 + 3), Some(1));
    assert_eq!((c.max_age(), c.fresh_until()), (600, Some(T0 + 602)));
    assert_eq!(c.usable_until(), Some(T0 + 602 + 86_400));
    let s = c.stats();
    assert_eq!((s.fetches, s.successes, s.failures, s.keys), (1, 1, 0, 2));
    assert_eq!(s.last_success, Some(T0 + 2));
}

#[test]
fn unknown_kid_refreshes_once_per_cooldown() {
    let mut c = cache(CachePolicy::DEFAULT);
    c.fetch_started(T0);
    c.fetch_succeeded(set(&["a"]).as_bytes(), FetchMeta::new(), T0)
        .unwrap();
    let b = token("b");
    // Within the cooldown of the first fetch: refused, no fetch.
    assert_eq!(c.decide(&b, T0 + 29), Decision::Reject(Error::UnknownKid));
    assert_eq!(c.decide(&b, T0 + 30), Decision::Refresh);
    c.fetch_started(T0 + 30);
    assert_eq!(c.decide(&b, T0 + 31), Decision::Wait);
    // The new set still lacks "b": refused until the next cooldown ends.
    c.fetch_succeeded(set(&["a"]).as_bytes(), FetchMeta::new(), T0 + 32)
        .unwrap();
    assert_eq!(c.decide(&b, T0 + 33), Decision::Reject(Error::UnknownKid));
    assert_eq!(c.decide(&b, T0 + 59), Decision::Reject(Error::UnknownKid));
    assert_eq!(c.decide(&b, T0 + 60), Decision::Refresh);
    // "a" is never refused meanwhile.
    assert_eq!(c.decide(&token("a"), T0 + 33), Decision::UseKeys);
    // A token of an algorithm the set has no key of also refreshes (a rotation to a new
    // algorithm), at the same rate.
    let es = token_alg("ES256", "a");
    assert_eq!(
        c.decide(&es, T0 + 40),
        Decision::Reject(Error::AlgNotAllowed)
    );
}

#[test]
fn bad_tokens_never_fetch() {
    let c = cache(CachePolicy::DEFAULT);
    assert_eq!(
        c.decide("not a token", T0),
        Decision::Reject(Error::Malformed(crate::error::Malformed::SegmentCount))
    );
    assert_eq!(
        c.decide("e30.e30.AA", T0),
        Decision::Reject(Error::InvalidHeader(crate::error::HeaderParam::Alg))
    );
    // Refused by the verifier's policy before the key set is asked.
    let v = Verifier::new(
        AcceptAll,
        Policy::new().algorithms(&[crate::Algorithm::ES256]),
    )
    .unwrap();
    let c = KeyCache::<_, 4>::new(v, SetFormat::Jwks(JwkOptions::new()), CachePolicy::DEFAULT);
    assert_eq!(
        c.decide(&token("a"), T0),
        Decision::Reject(Error::AlgNotAllowed)
    );
}

#[test]
fn stale_while_revalidate_then_while_error_then_unavailable() {
    let p = CachePolicy::DEFAULT.max_stale(1000);
    let mut c = cache(p);
    c.fetch_started(T0);
    c.fetch_succeeded(
        set(&["a"]).as_bytes(),
        FetchMeta::new().with_cache_control("max-age=100"),
        T0,
    )
    .unwrap();
    let a = token("a");
    assert_eq!(c.decide(&a, T0 + 99), Decision::UseKeys);
    // Past max age: verify now and refresh beside.
    assert_eq!(c.decide(&a, T0 + 100), Decision::UseKeysAndRefresh);
    assert!(c.needs_refresh(T0 + 100, 0));
    assert!(c.needs_refresh(T0 + 90, 10));
    assert!(!c.needs_refresh(T0 + 89, 10));
    c.fetch_started(T0 + 100);
    // While that fetch runs, stale keys keep serving, and no second refresh is asked.
    assert_eq!(c.decide(&a, T0 + 101), Decision::UseKeys);
    c.fetch_failed(Error::KeysUnavailable, T0 + 105);
    assert_eq!(c.decide(&a, T0 + 110), Decision::UseKeys);
    assert_eq!(verifies(&c, "a", T0 + 110), Ok(()));
    assert_eq!(c.decide(&a, T0 + 130), Decision::UseKeysAndRefresh);
    c.fetch_started(T0 + 130);
    // A broken body does not replace the keys or reset their age.
    assert!(
        c.fetch_succeeded(b"<html>", FetchMeta::new(), T0 + 131)
            .is_err()
    );
    assert_eq!(c.age(T0 + 131), Some(131));
    assert_eq!(verifies(&c, "a", T0 + 1099), Ok(()));
    // Past max age + max_stale: unavailable, one fetch per cooldown asked for.
    assert_eq!(verifies(&c, "a", T0 + 1100), Err(Error::KeysUnavailable));
    assert!(!c.is_usable(T0 + 1100));
    assert_eq!(c.decide(&a, T0 + 1100), Decision::Refresh);
    c.fetch_started(T0 + 1100);
    c.fetch_failed(Error::KeysUnavailable, T0 + 1101);
    assert_eq!(
        c.decide(&a, T0 + 1101),
        Decision::Reject(Error::KeysUnavailable)
    );
    assert_eq!(
        c.after_failure(Error::KeysUnavailable, T0 + 1101),
        Decision::Reject(Error::KeysUnavailable)
    );
    assert_eq!(c.decide(&a, T0 + 1130), Decision::Refresh);
    // The keys were never dropped: a 304 brings them back.
    c.fetch_started(T0 + 1130);
    c.fetch_not_modified(FetchMeta::new(), T0 + 1131).unwrap();
    assert_eq!(c.decide(&a, T0 + 1132), Decision::UseKeys);
    assert_eq!(verifies(&c, "a", T0 + 1132), Ok(()));
    let s = c.stats();
    assert_eq!(
        (s.fetches, s.successes, s.not_modified, s.failures),
        (5, 1, 1, 3)
    );
    assert_eq!(s.last_error, Some(Error::KeysUnavailable));
    assert_eq!(s.last_failure, Some(T0 + 1101));
}

#[test]
fn not_modified_resets_the_age_and_keeps_the_etag() {
    let mut c = cache(CachePolicy::DEFAULT);
    // A 304 with no set to keep is a failure.
    assert_eq!(
        c.fetch_not_modified(FetchMeta::new(), T0),
        Err(Error::KeysUnavailable)
    );
    let meta = FetchMeta::new()
        .with_etag("W/\"v1\"")
        .with_cache_control("max-age=300");
    c.fetch_succeeded(set(&["a"]).as_bytes(), meta, T0).unwrap();
    assert_eq!(c.etag(), Some("W/\"v1\""));
    assert_eq!(c.age(T0 + 400), Some(400));
    assert!(!c.is_fresh(T0 + 400));
    c.fetch_not_modified(FetchMeta::new(), T0 + 400).unwrap();
    assert_eq!((c.age(T0 + 400), c.max_age()), (Some(0), 600));
    assert!(c.is_fresh(T0 + 999));
    assert_eq!(c.etag(), Some("W/\"v1\""));
    c.fetch_not_modified(FetchMeta::new().with_etag("\"v2\""), T0 + 500)
        .unwrap();
    assert_eq!(c.etag(), Some("\"v2\""));
    // A 200 without an ETag forgets it; one with control characters or too long is not kept.
    c.fetch_succeeded(set(&["a"]).as_bytes(), FetchMeta::new(), T0 + 600)
        .unwrap();
    assert_eq!(c.etag(), None);
    let bad = FetchMeta::new().with_etag("\"v3\"\r\nSet-Cookie: x");
    c.fetch_succeeded(set(&["a"]).as_bytes(), bad, T0 + 601)
        .unwrap();
    assert_eq!(c.etag(), None);
    let long = [b'a'; MAX_ETAG_LEN + 1];
    let long = core::str::from_utf8(&long).unwrap();
    c.fetch_succeeded(
        set(&["a"]).as_bytes(),
        FetchMeta::new().with_etag(long),
        T0 + 602,
    )
    .unwrap();
    assert_eq!(c.etag(), None);
    c.fetch_succeeded(
        set(&["a"]).as_bytes(),
        FetchMeta::new().with_etag(&long[1..]),
        T0 + 603,
    )
    .unwrap();
    assert_eq!(c.etag().map(str::len), Some(MAX_ETAG_LEN));
}

#[test]
fn refused_bodies_keep_the_old_keys() {
    let mut c = cache(CachePolicy::DEFAULT);
    c.fetch_succeeded(set(&["a", "b"]).as_bytes(), FetchMeta::new(), T0)
        .unwrap();
    let kids = |c: &KeyCache<'_, AcceptAll, 4>| {
        c.verifier()
            .keys()
            .iter()
            .map(|(k, _)| std::string::String::from(k.unwrap()))
            .collect::<std::vec::Vec<_>>()
    };
    let five = set(&["1", "2", "3", "4", "5"]);
    let oversized = std::format!(
        r#"{{"keys":[],"pad":"{}"}}"#,
        "x".repeat(crate::jwks::MAX_JWKS_LEN)
    );
    let only_secrets =
        r#"{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"},{"kty":"oct","k":"c2VjcmV0"}]}"#;
    for (body, err) in [
        (&b"{\"keys\":[]}"[..], Error::NoUsableKey),
        (b"{\"keys\":[", Error::BadJson(crate::error::Part::Key)),
        (b"", Error::BadJson(crate::error::Part::Key)),
        (
            oversized.as_bytes(),
            Error::TooLarge(crate::error::Limit::KeyMaterial),
        ),
        (five.as_bytes(), Error::TooLarge(crate::error::Limit::Keys)),
        (only_secrets.as_bytes(), Error::NoUsableKey),
    ] {
        assert_eq!(
            c.fetch_succeeded(body, FetchMeta::new(), T0 + 10),
            Err(err),
            "{}",
            core::str::from_utf8(&body[..body.len().min(40)]).unwrap()
        );
        assert_eq!(kids(&c), ["a", "b"]);
        assert_eq!(c.age(T0 + 10), Some(10));
        assert_eq!(c.stats().last_error, Some(err));
    }
    // The refused set's skips are reported.
    let last = c.stats().last_load;
    assert_eq!((last.used(), last.skipped()), (0, 2));
    assert_eq!(last.count(SkipReason::Symmetric), 2);
    assert_eq!(last.members(), 2);
    assert_eq!(
        std::format!("{last}"),
        "0 of 2 members used, 2 skipped (symmetric 2)"
    );
    assert_eq!(c.stats().failures, 6);
    assert_eq!(c.stats().keys, 2);
    assert_eq!(verifies(&c, "a", T0 + 10), Ok(()));
}

#[test]
fn time_going_backwards() {
    let mut c = cache(CachePolicy::DEFAULT);
    c.fetch_started(T0);
    c.fetch_succeeded(set(&["a"]).as_bytes(), FetchMeta::new(), T0)
        .unwrap();
    let (a, b) = (token("a"), token("b"));
    // A step back looks like the same step forward.
    assert_eq!(c.age(T0 - 10), Some(10));
    assert_eq!(c.decide(&a, T0 - 10), Decision::UseKeys);
    // Within the cooldown either way.
    assert_eq!(c.decide(&b, T0 - 29), Decision::Reject(Error::UnknownKid));
    assert_eq!(c.decide(&b, T0 - 30), Decision::Refresh);
    // Far back (a board whose clock reset to 0): the set is too old to trust, re-fetch.
    assert_eq!(c.decide(&a, 0), Decision::Refresh);
    assert_eq!(verifies(&c, "a", 0), Err(Error::KeysUnavailable));
    c.fetch_started(0);
    assert_eq!(c.decide(&a, 5), Decision::Wait);
    c.fetch_succeeded(set(&["a"]).as_bytes(), FetchMeta::new(), 5)
        .unwrap();
    assert_eq!(c.decide(&a, 6), Decision::UseKeys);
    // Extremes never overflow.
    for now in [0, 1, u64::MAX - 1, u64::MAX] {
        let _ = c.decide(&a, now);
        let _ = c.decide(&b, now);
        let _ = c.after_failure(Error::BadSignature, now);
        let _ = verifies(&c, "a", now);
        let _ = c.needs_refresh(now, u64::MAX);
    }
    c.fetch_started(u64::MAX);
    c.fetch_succeeded(
        set(&["a"]).as_bytes(),
        FetchMeta::new().with_cache_control("max-age=99999999999"),
        u64::MAX,
    )
    .unwrap();
    assert_eq!(c.fresh_until(), Some(u64::MAX));
    assert_eq!(c.decide(&a, u64::MAX), Decision::UseKeys);
    assert_eq!(c.decide(&a, 0), Decision::Refresh);
}

#[test]
fn after_failure_refreshes_for_key_errors_only() {
    let mut c = cache(CachePolicy::DEFAULT);
    c.fetch_started(T0);
    c.fetch_succeeded(set(&["a"]).as_bytes(), FetchMeta::new(), T0)
        .unwrap();
    let e = Error::BadSignature;
    assert_eq!(c.after_failure(e, T0 + 1), Decision::Reject(e));
    assert_eq!(c.after_failure(e, T0 + 30), Decision::Refresh);
    for key_err in [
        Error::UnknownKid,
        Error::KidAlgMismatch,
        Error::KeysUnavailable,
    ] {
        assert_eq!(c.after_failure(key_err, T0 + 30), Decision::Refresh);
    }
    for token_err in [
        Error::Expired {
            exp: crate::NumericDate::from_secs(1),
        },
        Error::WrongAudience,
        Error::AlgNotAllowed,
    ] {
        assert_eq!(
            c.after_failure(token_err, T0 + 30),
            Decision::Reject(token_err)
        );
    }
    c.fetch_started(T0 + 30);
    assert_eq!(c.after_failure(e, T0 + 31), Decision::Wait);
}

#[test]
fn try_start_fetch_is_single_flight_and_lost_fetches_expire() {
    let mut c = cache(CachePolicy::DEFAULT);
    assert!(c.try_start_fetch(T0));
    assert!(!c.try_start_fetch(T0));
    assert!(!c.try_start_fetch(T0 + 29));
    assert_eq!(c.stats().fetches, 1);
    // Never reported: presumed lost once the cooldown is over, and asked for again.
    assert_eq!(c.decide(&token("a"), T0 + 29), Decision::Wait);
    assert!(!c.in_flight(T0 + 30));
    assert_eq!(c.decide(&token("a"), T0 + 30), Decision::Refresh);
    assert!(c.try_start_fetch(T0 + 30));
    // Cooldown 0: no rate limit and no single flight.
    let mut z = cache(CachePolicy::DEFAULT.cooldown(0));
    assert!(z.try_start_fetch(T0));
    assert!(z.try_start_fetch(T0));
    assert!(!z.in_flight(T0));
}

#[test]
fn new_drops_keys_the_verifier_had() {
    let mut v: Verifier<'_, AcceptAll, 4> = Verifier::new(AcceptAll, Policy::new()).unwrap();
    v.keys_mut()
        .add_jwks(set(&["a"]).as_bytes(), JwkOptions::new())
        .unwrap();
    let c = KeyCache::new(v, SetFormat::Jwks(JwkOptions::new()), CachePolicy::DEFAULT);
    assert!(c.verifier().keys().is_empty());
    assert_eq!(c.format(), SetFormat::Jwks(JwkOptions::new()));
    assert_eq!(*c.policy(), CachePolicy::DEFAULT);
}
