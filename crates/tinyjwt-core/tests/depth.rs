//! JSON nesting (issue 11, point 7): a payload may nest `MAX_PAYLOAD_DEPTH` (64) levels, as
//! jose and PyJWT allow; one more is `TooDeep`; the header keeps its small cap. The payload
//! tokens are signed by Node `jose` (`tests/vectors/gen_nested.mjs`), and verified here with
//! real HMAC (the test backend's).

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod common;

use common::*;
use serde_json::Value as J;
use tinyjwt_core::json::validate;
use tinyjwt_core::limits::{MAX_HEADER_DEPTH, MAX_PAYLOAD_DEPTH};
use tinyjwt_core::*;

const VECTORS: &str = include_str!("vectors/nested_hs256.json");

struct Vectors {
    secret: Vec<u8>,
    now: u64,
    /// (payload depth, token)
    tokens: Vec<(usize, String)>,
}

fn vectors() -> Vectors {
    let v: J = serde_json::from_str(VECTORS).unwrap();
    let tokens = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let depth = usize::try_from(t["depth"].as_u64().unwrap()).unwrap();
            (depth, t["token"].as_str().unwrap().to_owned())
        })
        .collect();
    Vectors {
        secret: v["secret"].as_str().unwrap().as_bytes().to_vec(),
        now: v["now"].as_u64().unwrap(),
        tokens,
    }
}

fn verifier(secret: &[u8]) -> Verifier<'static, TestBackend> {
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(secret).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    {
        let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
        v.keys_mut().add_key(&key, None).unwrap();
        v
    }
}

#[test]
fn jose_tokens_nested_to_the_payload_cap_verify() {
    assert_eq!(MAX_PAYLOAD_DEPTH, 64);
    let vs = vectors();
    let depths: Vec<usize> = vs.tokens.iter().map(|t| t.0).collect();
    assert_eq!(depths, [20, MAX_PAYLOAD_DEPTH, MAX_PAYLOAD_DEPTH + 1]);
    for (depth, token) in &vs.tokens {
        let v = verifier(&vs.secret);
        let mut buf = [0u8; 2048];
        let r = v.verify(token, vs.now, &mut buf);
        if *depth <= MAX_PAYLOAD_DEPTH {
            let verified = r.unwrap_or_else(|e| panic!("depth {depth}: {e:?}"));
            assert!(verified.claims().sub.unwrap().eq_str("nested"));
            assert_eq!(
                validate::<MAX_PAYLOAD_DEPTH>(verified.payload(), Part::Payload),
                Ok(())
            );
        } else {
            // One level past the cap: the precise error, after the signature was checked
            // (the token is genuine).
            assert_eq!(r.map(|_| ()), Err(Error::TooDeep(Part::Payload)), "{depth}");
            assert_eq!(v.backend().calls.get(), 1);
        }
    }
    // A tampered signature at the cap still fails as such.
    let (_, token) = &vs.tokens[1];
    let mut bad = token.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == 'A' { 'B' } else { 'A' });
    let mut buf = [0u8; 2048];
    assert_eq!(
        verifier(&vs.secret)
            .verify(&bad, vs.now, &mut buf)
            .map(|_| ()),
        Err(Error::BadSignature)
    );
}

/// `levels` containers (arrays and objects alternating) around `0`.
fn nest(levels: usize) -> String {
    let (mut open, mut close) = (String::new(), String::new());
    for i in 0..levels {
        if i % 2 == 0 {
            open.push('[');
            close.insert(0, ']');
        } else {
            open.push_str("{\"a\":");
            close.insert(0, '}');
        }
    }
    format!("{open}0{close}")
}

#[test]
fn header_depth_cap_is_unchanged() {
    assert_eq!(MAX_HEADER_DEPTH, 16);
    let secret = b"an app secret of at least 32 bytes!";
    let v = verifier(secret);
    let payload = r#"{"sub":"s","exp":4000000000}"#;
    // The header object is level 1.
    for (levels, want) in [
        (MAX_HEADER_DEPTH - 1, Ok(())),
        (MAX_HEADER_DEPTH, Err(Error::TooDeep(Part::Header))),
    ] {
        let header = format!(r#"{{"alg":"HS256","x":{}}}"#, nest(levels));
        let token = hs_token(Algorithm::HS256, secret, &header, payload);
        let mut buf = [0u8; 2048];
        assert_eq!(v.verify(&token, 1_700_000_000, &mut buf).map(|_| ()), want);
    }
    // The payload at its cap and one past, built here with the same shape as the vectors.
    for (levels, want) in [
        (MAX_PAYLOAD_DEPTH - 1, Ok(())),
        (MAX_PAYLOAD_DEPTH, Err(Error::TooDeep(Part::Payload))),
    ] {
        let payload = format!(r#"{{"sub":"s","exp":4000000000,"x":{}}}"#, nest(levels));
        let token = hs_token(Algorithm::HS256, secret, r#"{"alg":"HS256"}"#, &payload);
        let mut buf = [0u8; 2048];
        assert_eq!(v.verify(&token, 1_700_000_000, &mut buf).map(|_| ()), want);
    }
}
