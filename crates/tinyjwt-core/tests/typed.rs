//! Typed claims through tinyjwt's own deserializer over the verified payload (feature `serde`).
#![cfg(feature = "serde")]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod common;

use common::*;
use serde::Deserialize;
use tinyjwt_core::*;

const SECRET: &[u8] = b"an app secret of at least 32 bytes!";
const NOW: u64 = 1_700_000_000;

fn verifier(policy: Policy<'_>) -> Verifier<'_, TestBackend> {
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(SECRET).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    {
        let mut v = Verifier::new(TestBackend::default(), policy).unwrap();
        v.keys_mut().add_key(&key, None).unwrap();
        v
    }
}

/// Trello's claims; `state` may carry escapes, so it is an owned heapless string.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Trello<'a> {
    id_plugin: &'a str,
    id_board: &'a str,
    id_member: &'a str,
    state: heapless::String<64>,
    exp: u64,
}

#[test]
fn trello_custom_check_is_one_line() {
    let v = verifier(Policy::new().issuers(&["trello"]));
    let claims = format!(
        r#"{{"idPlugin":"5f1","idBoard":"b1","idMember":"m1","state":"{{\"a\":\"b\/c\"}}","iat":{},"exp":{},"iss":"trello"}}"#,
        NOW - 5,
        NOW + 60
    );
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, &claims);
    let mut buf = [0u8; 1024];
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    let c: Trello<'_> = verified.deserialize().unwrap();
    assert!(c.id_plugin == "5f1"); // the app's own plugin id: one line
    assert_eq!((c.id_board, c.id_member, c.exp), ("b1", "m1", NOW + 60));
    assert_eq!(
        c.state.as_str(),
        r#"{"a":"b/c"}"#,
        "unescaped into the heapless string"
    );
}

#[test]
fn borrowed_str_never_returns_escaped_text() {
    #[derive(Deserialize)]
    struct Miro<'a> {
        team: &'a str,
        #[allow(dead_code)]
        user: &'a str,
    }
    let v = verifier(Policy::new());
    let ok = format!(r#"{{"team":"t1","user":"u1","exp":{}}}"#, NOW + 60);
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, &ok);
    let mut buf = [0u8; 512];
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    assert_eq!(verified.deserialize::<Miro<'_>>().unwrap().team, "t1");

    let escaped = format!(r#"{{"team":"t\/1","user":"u1","exp":{}}}"#, NOW + 60);
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, &escaped);
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    assert_eq!(
        verified.deserialize::<Miro<'_>>().err(),
        Some(Error::ClaimsMismatch)
    );

    // Escaped member names are unescaped before matching fields.
    let escaped_name = format!(r#"{{"t\u0065am":"t1","user":"u1","exp":{}}}"#, NOW + 60);
    let token = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256"}"#,
        &escaped_name,
    );
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    assert_eq!(verified.deserialize::<Miro<'_>>().unwrap().team, "t1");

    // A missing field is a typed-claims error.
    let missing = format!(r#"{{"user":"u1","exp":{}}}"#, NOW + 60);
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, &missing);
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    assert_eq!(
        verified.deserialize::<Miro<'_>>().err(),
        Some(Error::ClaimsMismatch)
    );
}

#[test]
#[cfg_attr(target_os = "wasi", ignore = "wasm32-wasip1 has no threads")]
fn payload_nested_to_the_cap_deserializes_in_a_small_stack() {
    // The deserializer recurses once per level the target walks; ignored members (here the
    // 64-deep `x`) are skipped without recursion, and the payload's depth cap bounds the rest.
    // Measured on x86_64 (verify + deserialize): passes in a 16 KiB thread stack in release,
    // 32 KiB in debug (48 KiB with serde-json-core); 64 KiB asserted.
    use tinyjwt_core::limits::MAX_PAYLOAD_DEPTH;
    #[derive(Deserialize)]
    struct Sub<'a> {
        sub: &'a str,
    }
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let v = verifier(Policy::new());
            // The payload object is level 1, then MAX_PAYLOAD_DEPTH - 1 arrays.
            let levels = MAX_PAYLOAD_DEPTH - 1;
            let payload = format!(
                r#"{{"x":{}0{},"sub":"s","exp":{}}}"#,
                "[".repeat(levels),
                "]".repeat(levels),
                NOW + 60
            );
            let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, &payload);
            let mut buf = [0u8; 1024];
            let verified = v.verify(&token, NOW, &mut buf).unwrap();
            assert_eq!(verified.deserialize::<Sub<'_>>().unwrap().sub, "s");
        })
        .unwrap()
        .join()
        .unwrap();
}
