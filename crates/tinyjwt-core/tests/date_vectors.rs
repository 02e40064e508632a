//! Tokens with NumericDates before 1970, past `u64` and in exotic spellings (issue 11, points 1
//! and 2), signed by Python's standard library and cross-checked with PyJWT
//! (`tests/vectors/gen_dates.py`), verified end to end through [`Verifier`].
//!
//! The two 1.4 MB tokens are the shapes: `exp` = 2 with a 2^20-digit mantissa (once
//! read as 2,000,000,000 and accepted) and `nbf` = 10^20 as `0.000…1e1048591` (once read as
//! 100000 and accepted).

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod common;

use common::TestBackend;
use serde_json::Value;
use tinyjwt_core::*;

/// The token files `dates.json` names.
fn vector_file(name: &str) -> &'static str {
    match name {
        "dates_big_exp2.jwt" => include_str!("vectors/dates_big_exp2.jwt"),
        "dates_big_nbf1e20.jwt" => include_str!("vectors/dates_big_nbf1e20.jwt"),
        other => panic!("dates.json names an unknown token file {other}"),
    }
}

struct Vector {
    name: String,
    expect: String,
    token: String,
}

fn manifest() -> (Vec<u8>, u64, Vec<Vector>) {
    // Embedded at compile time rather than read at run time: the suite also runs on
    // wasm32-wasip1, where the runner gives the test no file system.
    let text = include_str!("vectors/dates.json");
    let m: Value = serde_json::from_str(text).unwrap();
    assert_eq!(m["alg"], "HS256");
    let secret = m["secret"].as_str().unwrap().as_bytes().to_vec();
    let now = m["now"].as_u64().unwrap();
    let vectors = m["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let token = match (v.get("token"), v.get("token_file")) {
                (Some(t), None) => t.as_str().unwrap().to_owned(),
                (None, Some(f)) => vector_file(f.as_str().unwrap()).trim_end().to_owned(),
                _ => panic!("a vector has a token or a token_file: {v}"),
            };
            Vector {
                name: v["name"].as_str().unwrap().to_owned(),
                expect: v["expect"].as_str().unwrap().to_owned(),
                token,
            }
        })
        .collect();
    (secret, now, vectors)
}

/// Verifies at `now` under `policy`, with room for the 1.4 MB tokens.
fn verify(secret: &[u8], policy: Policy<'_>, token: &str, now: u64) -> Result<(), Error> {
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(secret).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    let v: Verifier<'_, TestBackend> = {
        let mut v = Verifier::new(TestBackend::default(), policy).unwrap();
        v.keys_mut().add_key(&key, None).unwrap();
        v
    }
    .max_token_len(2 << 20);
    let mut buf = vec![0u8; token.len()];
    v.verify(token, now, &mut buf).map(|_| ())
}

#[test]
fn every_vector_gets_its_verdict() {
    let (secret, now, vectors) = manifest();
    assert_eq!(vectors.len(), 24);
    for v in &vectors {
        let got = verify(&secret, Policy::new(), &v.token, now);
        let code = got.map_or_else(|e| e.code(), |()| "ok");
        assert_eq!(code, v.expect, "{}", v.name);
        // Strings and null are not dates: the error names the claim and its JSON type.
        if v.expect == "invalid_claim" {
            assert!(
                matches!(
                    got,
                    Err(Error::InvalidClaim {
                        reason: ClaimReason::WrongType,
                        ..
                    })
                ),
                "{}",
                v.name
            );
        }
    }
}

#[test]
fn verdicts_hold_at_the_ends_of_u64_time() {
    let (secret, _, vectors) = manifest();
    let token = |name: &str| {
        &vectors
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .token
    };
    let at = |name: &str, now: u64| verify(&secret, Policy::new(), token(name), now);
    // 2^64 and beyond never expire within u64 time; 2^63 expires at 2^63 exactly.
    for name in [
        "exp_2_64",
        "exp_2_64_fraction",
        "exp_1e300",
        "exp_1E_plus_300",
    ] {
        assert_eq!(at(name, u64::MAX), Ok(()), "{name}");
    }
    assert_eq!(at("exp_2_63", (1 << 63) - 1), Ok(()));
    assert!(matches!(
        at("exp_2_63", 1 << 63),
        Err(Error::Expired { .. })
    ));
    // Dates before 1970 are in the past of every clock, 0 included.
    assert!(matches!(at("exp_negative", 0), Err(Error::Expired { .. })));
    assert!(matches!(at("exp_minus_0_5", 0), Err(Error::Expired { .. })));
    assert_eq!(at("nbf_negative", 0), Ok(()));
    assert_eq!(at("nbf_minus_0_5", 0), Ok(()));
    assert_eq!(at("iat_negative", 0), Ok(()));
    // 2^63 as nbf becomes valid at 2^63; 2^64 never does.
    assert!(matches!(
        at("nbf_2_63", (1 << 63) - 1),
        Err(Error::NotYetValid { .. })
    ));
    assert_eq!(at("nbf_2_63", 1 << 63), Ok(()));
    assert!(matches!(
        at("nbf_2_64", u64::MAX),
        Err(Error::NotYetValid { .. })
    ));
    // The big exp = 2 expired at 2 and not before; a leeway stretches it exactly.
    assert_eq!(at("big_exp_2", 1), Ok(()));
    assert!(matches!(at("big_exp_2", 2), Err(Error::Expired { .. })));
    let lenient = Policy::new().leeway(10);
    assert_eq!(verify(&secret, lenient, token("big_exp_2"), 11), Ok(()));
    assert!(matches!(
        verify(&secret, lenient, token("big_exp_2"), 12),
        Err(Error::Expired { .. })
    ));
    // The big nbf = 10^20 is still ahead the second before its exp (2100-01-01)...
    assert!(matches!(
        at("big_nbf_1e20", 4_102_444_799),
        Err(Error::NotYetValid { .. })
    ));
    // ...and past u64 time, when the exp rule is not what fails first.
    let p = Policy::new().leeway(u64::MAX);
    assert!(matches!(
        verify(&secret, p, token("big_nbf_1e20"), 0),
        Err(Error::NotYetValid { .. })
    ));
}

#[test]
fn negative_iat_under_iat_rules() {
    let (secret, now, vectors) = manifest();
    let token = |name: &str| &vectors.iter().find(|v| v.name == name).unwrap().token;
    // Not in the future...
    let p = Policy::new().reject_future_iat();
    assert_eq!(verify(&secret, p, token("iat_negative"), now), Ok(()));
    assert_eq!(verify(&secret, p, token("iat_minus_1e300"), now), Ok(()));
    // ...but old: -100 plus a day is long past at 2023, and exactly at the edge at 0.
    let p = Policy::new().max_age(86_400);
    assert!(matches!(
        verify(&secret, p, token("iat_negative"), now),
        Err(Error::TooOld { .. })
    ));
    assert_eq!(verify(&secret, p, token("iat_negative"), 86_300), Ok(()));
    assert!(matches!(
        verify(&secret, p, token("iat_negative"), 86_301),
        Err(Error::TooOld { .. })
    ));
    // -100.25 rounds down to -101 for the age.
    assert!(matches!(
        verify(&secret, p, token("iat_negative_fraction"), 86_300),
        Err(Error::TooOld { .. })
    ));
    let p = Policy::new().max_age(u64::MAX).leeway(u64::MAX);
    assert!(matches!(
        verify(&secret, p, token("iat_minus_1e300"), 0),
        Err(Error::TooOld { .. })
    ));
}

#[test]
fn big_tokens_need_a_raised_max_token_len() {
    let (secret, now, vectors) = manifest();
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(&secret).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    let v: Verifier<'_, TestBackend> = {
        let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
        v.keys_mut().add_key(&key, None).unwrap();
        v
    };
    for t in vectors.iter().filter(|v| v.name.starts_with("big_")) {
        assert!(t.token.len() > 1_398_000, "{}", t.name);
        let mut buf = vec![0u8; t.token.len()];
        assert_eq!(
            v.verify(&t.token, now, &mut buf).map(|_| ()),
            Err(Error::TooLarge(Limit::Token)),
            "{}",
            t.name
        );
    }
}
