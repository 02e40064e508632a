//! Bounds (issue 6): hostile input of a megabyte is refused early, by the cheapest check that
//! applies and before any cryptography, and nothing recurses on input depth. These tests
//! assert *which* error comes back (and, with a counting backend, that no signature check
//! ran); they deliberately assert no timings. The cost model is in `fuzz/README.md`.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod common;

use common::*;
use tinyjwt_core::json::validate;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::limits::{
    DEFAULT_MAX_TOKEN_LEN, MAX_HEADER_DEPTH, MAX_HEADER_LEN, MAX_PAYLOAD_DEPTH, MAX_SIGNATURE_LEN,
};
use tinyjwt_core::*;

const MB: usize = 1 << 20;
const SECRET: &[u8] = b"an app secret of at least 32 bytes!";
const NOW: u64 = 1_700_000_000;
/// `{"alg":"HS256"}`
const HS256_HEADER: &str = "eyJhbGciOiJIUzI1NiJ9";

fn verifier(max_len: usize) -> Verifier<'static, TestBackend> {
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(SECRET).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    {
        let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
        v.keys_mut().add_key(&key, Some("k1")).unwrap();
        v
    }
    .max_token_len(max_len)
}

fn verify(v: &Verifier<'static, TestBackend>, token: &str) -> Error {
    let mut buf = vec![0u8; 4 * MB];
    v.verify(token, NOW, &mut buf).map(|_| ()).unwrap_err()
}

/// 1 MB of base64url that decodes to garbage.
fn garbage(len: usize) -> String {
    "QUJD".repeat(len / 4)
}

#[test]
fn one_megabyte_token_is_refused_by_length_first() {
    let v = verifier(DEFAULT_MAX_TOKEN_LEN);
    let token = format!("{HS256_HEADER}.{}.{}", garbage(MB), garbage(64));
    assert_eq!(verify(&v, &token), Error::TooLarge(Limit::Token));
    // Not even the dots are counted: a megabyte without a single dot gets the same answer.
    assert_eq!(verify(&v, &"A".repeat(MB)), Error::TooLarge(Limit::Token));
    assert_eq!(v.backend().calls.get(), 0);
}

#[test]
fn one_megabyte_payload_is_never_decoded_before_the_signature() {
    // A verifier that admits megabyte tokens: the payload is still only read after the
    // signature verified, so garbage there (not even base64url) costs one HMAC pass.
    let v = verifier(4 * MB);
    let payload = "!".repeat(MB);
    let token = format!("{HS256_HEADER}.{payload}.{}", b64(&[0u8; 32]));
    assert_eq!(verify(&v, &token), Error::BadSignature);
    assert_eq!(v.backend().calls.get(), 1);

    // Valid base64url garbage too.
    let token = format!("{HS256_HEADER}.{}.{}", garbage(MB), b64(&[0u8; 32]));
    assert_eq!(verify(&v, &token), Error::BadSignature);
    assert_eq!(v.backend().calls.get(), 2);
}

#[test]
fn wrong_length_signature_skips_the_backend() {
    let v = verifier(4 * MB);
    let token = format!("{HS256_HEADER}.{}.{}", garbage(MB), b64(&[0u8; 31]));
    assert_eq!(verify(&v, &token), Error::BadSignature);
    assert_eq!(v.backend().calls.get(), 0);
}

#[test]
fn huge_header_is_refused_before_decoding() {
    let v = verifier(4 * MB);
    let token = format!("{}.{}.{}", garbage(MB), garbage(64), b64(&[0u8; 32]));
    assert_eq!(verify(&v, &token), Error::TooLarge(Limit::Header));
    // Just over the cap, also before decoding (the length is computed from the text).
    let just_over = b64(&vec![b' '; MAX_HEADER_LEN + 1]);
    let token = format!("{just_over}.e30.{}", b64(&[0u8; 32]));
    assert_eq!(verify(&v, &token), Error::TooLarge(Limit::Header));
    assert_eq!(v.backend().calls.get(), 0);
}

#[test]
fn huge_signature_is_refused_before_decoding() {
    let v = verifier(4 * MB);
    let token = format!("{HS256_HEADER}.e30.{}", garbage(MB));
    assert_eq!(verify(&v, &token), Error::TooLarge(Limit::Signature));
    let token = format!(
        "{HS256_HEADER}.e30.{}",
        b64(&vec![0u8; MAX_SIGNATURE_LEN + 1])
    );
    assert_eq!(verify(&v, &token), Error::TooLarge(Limit::Signature));
    assert_eq!(v.backend().calls.get(), 0);
}

#[test]
fn many_segments_are_refused_without_decoding() {
    let v = verifier(4 * MB);
    assert_eq!(
        verify(&v, &".".repeat(MB)),
        Error::Malformed(Malformed::SegmentCount)
    );
    let token = format!("{HS256_HEADER}.{}..", garbage(MB / 2));
    assert_eq!(
        verify(&v, &token),
        Error::Malformed(Malformed::SegmentCount)
    );
}

#[test]
fn hostile_headers_within_the_cap() {
    let v = verifier(4 * MB);
    let sig = b64(&[0u8; 32]);
    // Nesting deeper than the cap, inside the 1 KiB header.
    let deep = format!(
        r#"{{"alg":"HS256","x":{}1{}}}"#,
        "[".repeat(500),
        "]".repeat(500)
    );
    let token = format!("{}.e30.{sig}", b64(deep.as_bytes()));
    assert_eq!(verify(&v, &token), Error::TooDeep(Part::Header));
    // The duplicate-name worst case the header allows: ~1 KiB of one-letter names, all
    // distinct (each a binary search of the names before it).
    let mut names = String::from(r#"{"alg":"HS256""#);
    let mut i = 0u32;
    while names.len() < MAX_HEADER_LEN - 16 {
        let c = char::from_u32(0x100 + i).unwrap();
        names.push_str(&format!(r#","{c}":0"#));
        i += 1;
    }
    names.push('}');
    let token = format!("{}.e30.{sig}", b64(names.as_bytes()));
    assert_eq!(verify(&v, &token), Error::BadSignature);
    // And with a duplicate at the very end.
    let dup = format!("{}{}", &names[..names.len() - 1], r#","\u0100":1}"#);
    assert!(dup.len() <= MAX_HEADER_LEN);
    let token = format!("{}.e30.{sig}", b64(dup.as_bytes()));
    assert_eq!(verify(&v, &token), Error::DuplicateMember(Part::Header));
    assert_eq!(v.backend().calls.get(), 1);
}

#[test]
fn json_nesting_of_a_megabyte_does_not_recurse() {
    // A recursive parser would overflow the stack here; ours stops at the cap.
    let doc = "[".repeat(MB);
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(doc.as_bytes(), Part::Payload),
        Err(Error::TooDeep(Part::Payload))
    );
    let doc = format!("{}{}", "{\"a\":".repeat(MB / 5), "1");
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(doc.as_bytes(), Part::Payload),
        Err(Error::TooDeep(Part::Payload))
    );
    // Exactly at the cap is fine.
    let doc = format!(
        "{}{}",
        "[".repeat(MAX_PAYLOAD_DEPTH),
        "]".repeat(MAX_PAYLOAD_DEPTH)
    );
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(doc.as_bytes(), Part::Payload),
        Ok(())
    );
}

#[test]
fn json_megabyte_flat_documents() {
    // Long strings, long numbers and long arrays: one pass each.
    let s = format!("\"{}\"", "a\\u00e9".repeat(MB / 7));
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(s.as_bytes(), Part::Payload),
        Ok(())
    );
    let n = format!("1{}", "0".repeat(MB));
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(n.as_bytes(), Part::Payload),
        Ok(())
    );
    let a = format!("[{}0]", "0,".repeat(MB / 2));
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(a.as_bytes(), Part::Payload),
        Ok(())
    );
    // Garbage after a megabyte of valid text is still found.
    let bad = format!("[{}0,]", "0,".repeat(MB / 2));
    assert_eq!(
        validate::<MAX_PAYLOAD_DEPTH>(bad.as_bytes(), Part::Payload),
        Err(Error::BadJson(Part::Payload))
    );
}

#[test]
fn key_material_over_its_limits_is_refused_before_parsing() {
    let big = vec![b'{'; MB];
    let mut scratch = [0u8; tinyjwt_core::jwk::JWK_SCRATCH_LEN];
    assert_eq!(
        tinyjwt_core::jwk::parse(&big, JwkOptions::new(), &mut scratch).unwrap_err(),
        Error::TooLarge(Limit::KeyMaterial)
    );
    assert_eq!(
        tinyjwt_core::jwks::for_each(&big, JwkOptions::new(), |_| Ok(())).unwrap_err(),
        Error::TooLarge(Limit::KeyMaterial)
    );
    let mut pem_scratch = vec![0u8; tinyjwt_core::pem::PEM_SCRATCH_LEN];
    assert_eq!(
        tinyjwt_core::pem::parse(&big, &mut pem_scratch).unwrap_err(),
        Error::TooLarge(Limit::KeyMaterial)
    );
    let mut v = verifier(DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(&big, Algorithm::RS256, Strength::Enforce)
            .unwrap_err(),
        Error::TooLarge(Limit::KeyMaterial)
    );
    assert!(tinyjwt_core::der::parse(&big).is_err());
    assert_eq!(v.keys().len(), 1);
}

#[test]
#[cfg_attr(target_os = "wasi", ignore = "wasm32-wasip1 has no threads")]
fn verify_fits_a_small_thread_stack() {
    // No recursion on input depth, no stack buffers sized by the input: a verification with
    // header and payload nested to the cap fits a 64 KiB thread stack even unoptimized
    // (measured on x86_64: fails at 24 KiB, passes at 32 KiB in a debug build; passes at the
    // 16 KiB glibc minimum in release). Cortex-M figures belong to the embedded work.
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let v = verifier(DEFAULT_MAX_TOKEN_LEN);
            const HD: usize = MAX_HEADER_DEPTH - 1;
            const PD: usize = MAX_PAYLOAD_DEPTH - 1;
            let nest = |levels: usize, inner: &str| {
                format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels))
            };
            let header = format!(r#"{{"alg":"HS256","kid":"k1","x":{}}}"#, nest(HD, "1"));
            let payload = format!(r#"{{"exp":2000000000,"sub":"s","x":{}}}"#, nest(PD, "1"));
            let token = hs_token(Algorithm::HS256, SECRET, &header, &payload);
            let mut buf = [0u8; 2048];
            let verified = v.verify(&token, NOW, &mut buf).unwrap();
            assert!(verified.claims().sub.unwrap().eq_str("s"));
        })
        .unwrap()
        .join()
        .unwrap();
}
