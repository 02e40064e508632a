//! The key cache end to end with real key sets (issue 13 point 1): a Canva-style JWKS
//! rotation, Trello's PEM list rotating under kid-less tokens, the 21-member mixed set's skip
//! counts, refused refreshes that keep the old keys, 304 revalidation, max-age clamping,
//! stale-while-error then `keys_unavailable`; and the HTTP-date parsers against dates Python
//! formatted (`vectors/http_dates.json`, made by `vectors/gen_http_dates.py`).
//!
//! The RSA keys are the OpenSSL-made 4096-bit vectors; `TestBackend` "verifies" an RSA
//! signature that is the modulus cycled (the cache, not RSA, is under test).
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]

mod common;

use common::*;
use tinyjwt_core::cache::{parse_http_date, parse_http_date_at};
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::jwks::SkipReason;
use tinyjwt_core::pem::{self, PEM_SCRATCH_LEN};
use tinyjwt_core::*;

macro_rules! vector {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/",
            $name
        ))
        .as_slice()
    };
}

const T0: u64 = 1_700_000_000;
const PAYLOAD: &str = r#"{"sub":"u1","exp":4000000000}"#;

fn pem_n(pem: &[u8]) -> Vec<u8> {
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    match pem::parse(pem, &mut scratch).unwrap() {
        KeyMaterial::Rsa(k) => k.n().to_vec(),
        other => panic!("not RSA: {other:?}"),
    }
}

fn rs_token(pem: &[u8], kid: Option<&str>) -> String {
    let header = match kid {
        Some(k) => format!(r#"{{"alg":"RS256","kid":"{k}"}}"#),
        None => r#"{"alg":"RS256"}"#.to_string(),
    };
    fake_token(&pem_n(pem), 512, &header, PAYLOAD)
}

type Cache = KeyCache<'static, TestBackend, 4>;

fn cache(format: SetFormat, policy: CachePolicy) -> Cache {
    KeyCache::new(
        Verifier::new(TestBackend::default(), Policy::new()).unwrap(),
        format,
        policy,
    )
}

fn canva() -> SetFormat {
    SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256))
}

fn verify(c: &Cache, token: &str, now: u64) -> Result<usize, Error> {
    let mut buf = [0u8; 4096];
    c.verify(token, now, &mut buf).map(|v| v.key_index())
}

fn kids(c: &Cache) -> Vec<Option<String>> {
    c.verifier()
        .keys()
        .iter()
        .map(|(k, _)| k.map(String::from))
        .collect()
}

/// The Canva-style set after a rotation: key b stays, key c (`rsa4096_c.jwks.json`) is new,
/// key a is gone.
fn rotated_set() -> Vec<u8> {
    let a: serde_json::Value = serde_json::from_slice(vector!("canva_jwks.json")).unwrap();
    let c: serde_json::Value = serde_json::from_slice(vector!("rsa4096_c.jwks.json")).unwrap();
    let keys = vec![a["keys"][1].clone(), c["keys"][0].clone()];
    serde_json::to_vec(&serde_json::json!({ "keys": keys })).unwrap()
}

/// Plays the caller: decides, and on `Refresh` fetches `body` at once (a fetch of 1 s).
/// Returns the decision that finally applies to the token, and the fetches made.
fn drive(c: &mut Cache, token: &str, now: u64, body: &[u8]) -> (Decision, usize) {
    let mut fetches = 0;
    loop {
        match c.decide(token, now) {
            Decision::Refresh => {
                assert!(fetches == 0, "a second Refresh for one token");
                c.fetch_started(now);
                fetches += 1;
                let _ = c.fetch_succeeded(body, FetchMeta::new(), now + 1);
            }
            d => return (d, fetches),
        }
    }
}

#[test]
fn canva_style_rotation() {
    let mut c = cache(canva(), CachePolicy::DEFAULT);
    let (a, b, cc) = (
        vector!("rsa4096_a.pub.pem"),
        vector!("rsa4096_b.pub.pem"),
        vector!("rsa4096_c.pub.pem"),
    );
    let (ta, tb, tc) = (
        rs_token(a, Some("canva-a")),
        rs_token(b, Some("canva-b")),
        rs_token(cc, Some("c")),
    );
    let first = vector!("canva_jwks.json");
    // Cold cache: one fetch, then both keys verify.
    assert_eq!(drive(&mut c, &ta, T0, first), (Decision::UseKeys, 1));
    assert_eq!(verify(&c, &ta, T0 + 1), Ok(0));
    assert_eq!(verify(&c, &tb, T0 + 1), Ok(1));
    assert_eq!(c.stats().last_load.used(), 2);
    // Ten minutes later the platform rotates. The first token with the new kid causes
    // exactly one fetch and verifies.
    let next = rotated_set();
    let t = T0 + 300;
    assert_eq!(drive(&mut c, &tc, t, &next), (Decision::UseKeys, 1));
    assert_eq!(verify(&c, &tc, t + 1), Ok(1));
    assert_eq!(kids(&c), [Some("canva-b".into()), Some("c".into())]);
    // Key b survived the rotation; key a left the set: its tokens are refused with no fetch
    // within the cooldown, and after it with one fetch that does not bring it back.
    assert_eq!(verify(&c, &tb, t + 1), Ok(0));
    assert_eq!(
        drive(&mut c, &ta, t + 2, &next),
        (Decision::Reject(Error::UnknownKid), 0)
    );
    assert_eq!(verify(&c, &ta, t + 2), Err(Error::UnknownKid));
    assert_eq!(
        drive(&mut c, &ta, t + 30, &next),
        (Decision::Reject(Error::UnknownKid), 1)
    );
    let s = c.stats();
    assert_eq!((s.fetches, s.successes, s.failures, s.keys), (3, 3, 0, 2));
}

#[test]
fn a_flood_of_unknown_kids_costs_one_fetch_per_cooldown() {
    let mut c = cache(canva(), CachePolicy::DEFAULT);
    let set = vector!("canva_jwks.json");
    let a = vector!("rsa4096_a.pub.pem");
    c.fetch_started(T0);
    c.fetch_succeeded(set, FetchMeta::new(), T0).unwrap();
    let mut fetches = 0;
    // 10,000 tokens over 300 s (33 a second), each with a random kid.
    for i in 0..10_000u64 {
        let now = T0 + i * 300 / 10_000;
        let t = rs_token(
            a,
            Some(&format!("rnd-{}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15))),
        );
        fetches += drive(&mut c, &t, now, set).1;
    }
    // Fetches at T0 + 30, 60, ..., 270 (the first was at T0): 9.
    assert_eq!(fetches, 9);
    assert_eq!(c.stats().fetches, 10);
}

#[test]
fn trello_pem_list_rotation_through_after_failure() {
    let format = SetFormat::PemList {
        alg: Algorithm::RS256,
        strength: Strength::Enforce,
    };
    let policy = CachePolicy::DEFAULT
        .default_max_age(3600)
        .max_age_range(3600, 3600);
    let mut c = cache(format, policy);
    let (a, b, cc) = (
        vector!("rsa4096_a.pub.pem"),
        vector!("rsa4096_b.pub.pem"),
        vector!("rsa4096_c.pub.pem"),
    );
    let list = vector!("trello_pem_list.json");
    let loaded = c.fetch_succeeded(list, FetchMeta::new(), T0).unwrap();
    assert_eq!((loaded.members(), loaded.used()), (2, 2));
    assert_eq!(kids(&c), [None, None]);
    // Trello tokens name no key: any kid-less RS256 key is a candidate.
    let (ta, tc) = (rs_token(a, None), rs_token(cc, None));
    assert_eq!(c.decide(&ta, T0 + 60), Decision::UseKeys);
    assert_eq!(verify(&c, &ta, T0 + 60), Ok(0));
    // Trello rotates to [b, c]: a token of c fails the signature check, which (Trello's
    // advice) triggers one refresh.
    let rotated = serde_json::to_vec(&[
        std::str::from_utf8(b).unwrap(),
        std::str::from_utf8(cc).unwrap(),
    ])
    .unwrap();
    let now = T0 + 120;
    assert_eq!(c.decide(&tc, now), Decision::UseKeys);
    let e = verify(&c, &tc, now).unwrap_err();
    assert_eq!(e, Error::BadSignature);
    assert_eq!(c.after_failure(e, now), Decision::Refresh);
    c.fetch_started(now);
    c.fetch_succeeded(&rotated, FetchMeta::new(), now + 1)
        .unwrap();
    assert_eq!(verify(&c, &tc, now + 1), Ok(1));
    // The old key is gone; a forged or old token gets one refresh per cooldown, no more.
    let e = verify(&c, &ta, now + 2).unwrap_err();
    assert_eq!(
        c.after_failure(e, now + 2),
        Decision::Reject(Error::BadSignature)
    );
    assert_eq!(c.after_failure(e, now + 30), Decision::Refresh);
    // An empty or broken list keeps the keys.
    for body in [&b"[]"[..], b"[\"not pem\"]", b"{\"keys\":[]}"] {
        assert!(c.fetch_succeeded(body, FetchMeta::new(), now + 40).is_err());
        assert_eq!(verify(&c, &tc, now + 40), Ok(1));
    }
}

#[test]
fn mixed_set_skip_counts_reach_the_stats() {
    let mut c = cache(SetFormat::Jwks(JwkOptions::new()), CachePolicy::DEFAULT);
    let expect: serde_json::Value =
        serde_json::from_str(include_str!("vectors/mixed_jwks.expect.json")).unwrap();
    let loaded = c
        .fetch_succeeded(vector!("mixed_jwks.json"), FetchMeta::new(), T0)
        .unwrap();
    assert_eq!(loaded.members(), 21);
    for reason in SkipReason::ALL {
        let want = expect["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["reason"] == reason.code())
            .count();
        // The off-curve point is refused by a real backend's `prepare` only.
        let want = if reason == SkipReason::BadPoint {
            0
        } else {
            want
        };
        assert_eq!(loaded.count(reason), want, "{reason:?}");
    }
    assert_eq!(loaded.used(), 3 + 1);
    assert_eq!(loaded.skipped(), 17);
    assert_eq!(c.stats().last_load, loaded);
    assert_eq!(c.stats().keys, 4);
}

#[test]
fn refused_refreshes_keep_the_old_keys() {
    let mut c = cache(canva(), CachePolicy::DEFAULT);
    let set = vector!("canva_jwks.json");
    c.fetch_succeeded(set, FetchMeta::new(), T0).unwrap();
    let ta = rs_token(vector!("rsa4096_a.pub.pem"), Some("canva-a"));
    let mut oversized = set.to_vec();
    oversized.truncate(set.len() - 2);
    oversized.extend_from_slice(b",\"pad\":\"");
    oversized.resize(jwks::MAX_JWKS_LEN + 1, b'x');
    oversized.extend_from_slice(b"\"}");
    let weak = br#"{"keys":[{"kid":"w","kty":"RSA","e":"AQAB","n":"AQAB"}]}"#;
    let mut now = T0;
    for (body, err) in [
        (
            &b"<html><body>502 Bad Gateway</body></html>"[..],
            Error::BadJson(Part::Key),
        ),
        (&set[..set.len() / 2], Error::BadJson(Part::Key)),
        (&oversized, Error::TooLarge(Limit::KeyMaterial)),
        (b"{\"keys\":[]}", Error::NoUsableKey),
        (b"{}", Error::InvalidKey(KeyProblem::Missing)),
        (weak, Error::NoUsableKey),
        // A PEM list where a JWK Set was expected: the top level is not an object.
        (vector!("trello_pem_list.json"), Error::BadJson(Part::Key)),
    ] {
        now += 30;
        assert_eq!(c.decide(&ta, now), Decision::UseKeys);
        c.fetch_started(now);
        let what = String::from_utf8_lossy(&body[..body.len().min(30)]).into_owned();
        assert_eq!(
            c.fetch_succeeded(body, FetchMeta::new(), now),
            Err(err),
            "{what}"
        );
        assert_eq!(kids(&c), [Some("canva-a".into()), Some("canva-b".into())]);
        assert_eq!(verify(&c, &ta, now), Ok(0));
        assert_eq!(c.age(now), Some(now - T0));
        assert_eq!(c.stats().last_error, Some(err));
    }
    assert_eq!(c.stats().failures, 7);
}

#[test]
fn max_age_from_the_server_is_clamped_and_304_resets_it() {
    let mut c = cache(canva(), CachePolicy::DEFAULT);
    let set = vector!("canva_jwks.json");
    let ta = rs_token(vector!("rsa4096_a.pub.pem"), Some("canva-a"));
    for (cc, max_age) in [
        ("max-age=0", 60),
        ("no-store", 60),
        ("public, max-age=3600", 3600),
        ("max-age=31536000, immutable", 86_400),
    ] {
        c.fetch_succeeded(set, FetchMeta::new().with_cache_control(cc), T0)
            .unwrap();
        assert_eq!(c.max_age(), max_age, "{cc}");
        assert_eq!(c.decide(&ta, T0 + max_age - 1), Decision::UseKeys);
        assert_eq!(
            c.decide(&ta, T0 + max_age),
            Decision::UseKeysAndRefresh,
            "{cc}"
        );
    }
    // Expires - Date when there is no max-age.
    let meta = FetchMeta::new().with_expires(
        "Tue, 14 Nov 2023 23:13:20 GMT",
        Some("Tue, 14 Nov 2023 22:13:20 GMT"),
        T0,
    );
    c.fetch_succeeded(set, meta.with_etag("\"e1\""), T0)
        .unwrap();
    assert_eq!((c.max_age(), c.etag()), (3600, Some("\"e1\"")));
    // Revalidation: 304 keeps the keys, resets the age, takes the new max age.
    let later = T0 + 5000;
    assert_eq!(c.decide(&ta, later), Decision::UseKeysAndRefresh);
    c.fetch_started(later);
    c.fetch_not_modified(
        FetchMeta::new().with_cache_control("max-age=120"),
        later + 1,
    )
    .unwrap();
    assert_eq!((c.age(later + 1), c.max_age()), (Some(0), 120));
    assert_eq!(c.decide(&ta, later + 100), Decision::UseKeys);
    assert_eq!(verify(&c, &ta, later + 100), Ok(0));
    assert_eq!(c.etag(), Some("\"e1\""));
    assert_eq!(c.stats().not_modified, 1);
}

#[test]
fn stale_while_error_then_keys_unavailable() {
    let set = vector!("canva_jwks.json");
    let ta = rs_token(vector!("rsa4096_a.pub.pem"), Some("canva-a"));
    // DEFAULT: the last good set serves 24 h past its 10 min max age while the IdP is down.
    let mut c = cache(canva(), CachePolicy::DEFAULT);
    c.fetch_started(T0);
    c.fetch_succeeded(set, FetchMeta::new(), T0).unwrap();
    let end = T0 + 600 + 86_400;
    let mut now = T0 + 600;
    let mut fetches = 0;
    while now < end {
        match c.decide(&ta, now) {
            Decision::UseKeysAndRefresh => {
                c.fetch_started(now);
                c.fetch_failed(Error::KeysUnavailable, now + 5);
                fetches += 1;
            }
            d => assert_eq!(d, Decision::UseKeys),
        }
        assert_eq!(verify(&c, &ta, now), Ok(0));
        now += 7;
    }
    // One failed refresh per 30 s cooldown (the decisions fall every 7 s: one per 35 s).
    assert_eq!(fetches, 86_400 / 35 + 1);
    assert_eq!(c.stats().failures, fetches as u64);
    assert_eq!(verify(&c, &ta, end), Err(Error::KeysUnavailable));
    assert!(matches!(
        c.decide(&ta, end),
        Decision::Refresh | Decision::Reject(Error::KeysUnavailable)
    ));
    // JOSE: no staleness bound; a failed reload of an expired set fails the tokens.
    let mut j = cache(canva(), CachePolicy::JOSE);
    j.fetch_succeeded(set, FetchMeta::new().with_cache_control("max-age=60"), T0)
        .unwrap();
    assert_eq!(j.max_age(), 600);
    assert_eq!(verify(&j, &ta, T0 + 599), Ok(0));
    assert_eq!(verify(&j, &ta, T0 + 600), Err(Error::KeysUnavailable));
    assert_eq!(j.decide(&ta, T0 + 600), Decision::Refresh);
}

#[test]
fn http_dates_match_python() {
    #[derive(serde::Deserialize)]
    struct Vectors {
        now: u64,
        imf: Vec<(String, u64)>,
        asctime: Vec<(String, u64)>,
        rfc850: Vec<(String, u64)>,
    }
    let v: Vectors = serde_json::from_slice(vector!("http_dates.json")).unwrap();
    assert!(v.imf.len() > 400 && v.asctime.len() > 400 && v.rfc850.len() > 100);
    for (text, secs) in v.imf.iter().chain(&v.asctime) {
        assert_eq!(parse_http_date(text), Some(*secs), "{text}");
        assert_eq!(parse_http_date_at(text, v.now), Some(*secs), "{text}");
    }
    for (text, secs) in &v.rfc850 {
        assert_eq!(parse_http_date(text), None, "{text}");
        assert_eq!(parse_http_date_at(text, v.now), Some(*secs), "{text}");
    }
    // Through FetchMeta: Expires - Date in the three forms.
    let meta = FetchMeta::new().with_expires(
        "Sunday, 06-Nov-94 09:49:37 GMT",
        Some("Sun Nov  6 08:49:37 1994"),
        v.now,
    );
    assert_eq!(meta.expires_in, Some(3600));
}
