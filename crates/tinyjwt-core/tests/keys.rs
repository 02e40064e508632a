//! Key sources end to end: JWK, JWK Sets, PEM, DER and certificates loaded into a `Verifier`,
//! RFC 7517 / RFC 7520 example keys, platform-shaped key sets (Canva-style JWKS, Trello-style
//! PEM list), rotation, and algorithm-confusion attempts.
//!
//! The vectors under `tests/vectors/` were generated once with OpenSSL 3.0 (see its README).

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod common;

use common::*;
use tinyjwt_core::jwk::{self, JWK_SCRATCH_LEN, JwkOptions};
use tinyjwt_core::jwks::SkipReason;
use tinyjwt_core::pem::{self, PEM_SCRATCH_LEN};
use tinyjwt_core::*;

const NOW: u64 = 1_700_000_000;
const PAYLOAD: &str = r#"{"sub":"u1","exp":2000000000}"#;

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

fn verifier<const K: usize>() -> Verifier<'static, TestBackend, K> {
    Verifier::new(TestBackend::default(), Policy::new()).unwrap()
}

/// `Verifier::add_jwks`, reduced to the number of keys added.
fn add_jwks<const K: usize>(
    v: &mut Verifier<'_, TestBackend, K>,
    json: &[u8],
    opts: JwkOptions,
) -> Result<usize, Error> {
    v.keys_mut().add_jwks(json, opts).map(|s| s.used())
}

fn verify<const K: usize>(v: &Verifier<'_, TestBackend, K>, token: &str) -> Result<usize, Error> {
    let mut buf = [0u8; 4096];
    v.verify(token, NOW, &mut buf).map(|ok| ok.key_index())
}

/// The RSA modulus of a PEM key (what the test backend "signs" with).
fn pem_n(pem: &[u8]) -> Vec<u8> {
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    match pem::parse(pem, &mut scratch).unwrap() {
        KeyMaterial::Rsa(k) => k.n().to_vec(),
        other => panic!("not RSA: {other:?}"),
    }
}

/// Owned copy of key material, to compare keys from different sources.
#[derive(Debug, PartialEq, Eq)]
enum Owned {
    Rsa(Vec<u8>, Vec<u8>),
    Ec(Curve, Vec<u8>, Vec<u8>),
    Ed(Vec<u8>),
    Hmac(Vec<u8>),
}

fn owned(m: &KeyMaterial<'_>) -> Owned {
    match m {
        KeyMaterial::Rsa(k) => Owned::Rsa(k.n().to_vec(), k.e().to_vec()),
        KeyMaterial::Ec(k) => Owned::Ec(k.curve(), k.x().to_vec(), k.y().to_vec()),
        KeyMaterial::Ed25519(k) => Owned::Ed(k.as_bytes().to_vec()),
        KeyMaterial::Hmac(s) => Owned::Hmac(s.as_bytes().to_vec()),
    }
}

fn from_pem(pem: &[u8]) -> Owned {
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    owned(&pem::parse(pem, &mut scratch).unwrap())
}

fn from_jwk(json: &[u8], opts: JwkOptions) -> Owned {
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    owned(
        jwk::parse(json, opts, &mut scratch)
            .unwrap()
            .key()
            .material(),
    )
}

// ----- RFC 7517 Appendix A and RFC 7520 §3 ----------------------------------------------------

const RFC7517_A1_EC: &str = r#"{"kty":"EC","crv":"P-256",
  "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
  "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
  "use":"enc","kid":"1"}"#;
const RFC7517_A1_RSA: &str = r#"{"kty":"RSA",
  "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
  "e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
const RFC7517_A3: &str = r#"{"keys":
  [{"kty":"oct","alg":"A128KW","k":"GawgguFyGrWKav7AX4VKUg"},
   {"kty":"oct",
    "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    "kid":"HMAC key used in JWS spec Appendix A.1 example"}]}"#;

const RFC7520_3_1_EC_P521: &str = r#"{"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig",
  "crv":"P-521",
  "x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt",
  "y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"}"#;
/// RFC 7520 §3.2: the same key with its private part.
const RFC7520_3_2_D: &str = r#","d":"AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zbKipQrCW9CGZH3T4ubpnoTKLDYJ_fF3_rJt"}"#;
const RFC7520_3_3_RSA: &str = r#"{"kty":"RSA","kid":"bilbo.baggins@hobbiton.example","use":"sig",
  "n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
  "e":"AQAB"}"#;
const RFC7520_3_5_OCT: &str = r#"{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037",
  "use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;

/// RFC 7515 A.1 (HS256, no kid), signed with the RFC 7517 A.3 HMAC key.
const RFC7515_A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[test]
fn rfc7517_a1_public_keys() {
    let set = format!(r#"{{"keys":[{RFC7517_A1_EC},{RFC7517_A1_RSA}]}}"#);
    let mut v = verifier::<4>();
    // The EC key is for encryption: skipped. The RSA key is bound to RS256 by its own `alg`.
    assert_eq!(add_jwks(&mut v, set.as_bytes(), JwkOptions::new()), Ok(1));
    let n = unb64(
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    );
    assert_eq!(n.len(), 256);
    let t = fake_token(&n, 256, r#"{"alg":"RS256","kid":"2011-04-29"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Ok(0));
    let t = fake_token(&n, 256, r#"{"alg":"RS256","kid":"1"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Err(Error::UnknownKid));
    // Alone, the EC key is refused rather than skipped.
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    assert_eq!(
        jwk::parse(RFC7517_A1_EC.as_bytes(), JwkOptions::new(), &mut scratch).unwrap_err(),
        Error::InvalidKey(KeyProblem::NotForVerify)
    );
    // Without `use`, it is an ES256 key.
    let ec = RFC7517_A1_EC.replace(r#""use":"enc","#, "");
    let key = jwk::parse(ec.as_bytes(), JwkOptions::new(), &mut scratch).unwrap();
    assert_eq!((key.key().alg(), key.kid()), (Algorithm::ES256, Some("1")));
}

#[test]
fn rfc7517_a3_symmetric_keys() {
    let mut v = verifier::<4>();
    // Shared secrets in a key set are skipped unless allowed: here nothing usable remains.
    assert_eq!(
        add_jwks(&mut v, RFC7517_A3.as_bytes(), JwkOptions::new()),
        Err(Error::NoUsableKey)
    );
    assert_eq!(v.keys().len(), 0);
    // Allowed and named HS256: the A128KW key-wrapping key is skipped, the HMAC key is used.
    let opts = JwkOptions::new()
        .alg(Algorithm::HS256)
        .allow_symmetric(true);
    assert_eq!(add_jwks(&mut v, RFC7517_A3.as_bytes(), opts), Ok(1));
    let mut buf = [0u8; 512];
    let ok = v.verify(RFC7515_A1_TOKEN, 1_300_819_379, &mut buf).unwrap();
    assert!(ok.claims().iss.unwrap().eq_str("joe"));
}

#[test]
fn rfc7520_section3_keys() {
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    // §3.1: a P-521 key (66-byte coordinates) implies ES512, alone and in a set.
    let p521 = jwk::parse(
        RFC7520_3_1_EC_P521.as_bytes(),
        JwkOptions::new(),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(p521.key().alg(), Algorithm::ES512);
    assert_eq!(p521.key().signature_len(), 132);
    assert_eq!(p521.kid(), Some("bilbo.baggins@hobbiton.example"));
    let KeyMaterial::Ec(point) = *p521.key().material() else {
        panic!("not EC")
    };
    assert_eq!((point.curve(), point.x().len()), (Curve::P521, 66));
    let x = point.x().to_vec();
    let mut ec = verifier::<4>();
    let set = format!(r#"{{"keys":[{RFC7520_3_1_EC_P521}]}}"#);
    assert_eq!(add_jwks(&mut ec, set.as_bytes(), JwkOptions::new()), Ok(1));
    let header = r#"{"alg":"ES512","kid":"bilbo.baggins@hobbiton.example"}"#;
    assert_eq!(verify(&ec, &fake_token(&x, 132, header, PAYLOAD)), Ok(0));
    // A 131- or 133-byte signature never reaches the backend.
    for len in [131, 133, 96] {
        assert_eq!(
            verify(&ec, &fake_token(&x, len, header, PAYLOAD)),
            Err(Error::BadSignature),
            "{len}"
        );
    }
    let mut v = verifier::<4>();
    // §3.2: the private key is an error alone, and never loaded from a set.
    let private = RFC7520_3_1_EC_P521.trim_end_matches('}').to_owned() + RFC7520_3_2_D;
    assert_eq!(
        jwk::parse(private.as_bytes(), JwkOptions::new(), &mut scratch).unwrap_err(),
        Error::InvalidKey(KeyProblem::PrivateMaterial)
    );
    let set = format!(r#"{{"keys":[{private},{RFC7517_A1_RSA}]}}"#);
    let summary = v
        .keys_mut()
        .add_jwks(set.as_bytes(), JwkOptions::new())
        .unwrap();
    assert_eq!(summary.used(), 1);
    let skipped = summary.listed()[0];
    assert_eq!(
        (skipped.index(), skipped.reason(), skipped.error()),
        (
            0,
            SkipReason::PrivateMaterial,
            Error::InvalidKey(KeyProblem::PrivateMaterial)
        )
    );
    assert!(skipped.kid().unwrap() == "bilbo.baggins@hobbiton.example");
    v.replace_keys(Default::default());
    // §3.3: an RSA key without `alg` needs the caller to name one.
    assert_eq!(
        jwk::parse(RFC7520_3_3_RSA.as_bytes(), JwkOptions::new(), &mut scratch).unwrap_err(),
        Error::InvalidKey(KeyProblem::Missing)
    );
    v.keys_mut()
        .add_jwk(
            RFC7520_3_3_RSA.as_bytes(),
            JwkOptions::new().alg(Algorithm::PS256),
        )
        .unwrap();
    // §3.5: a symmetric key bound to HS256 by its own `alg`.
    v.keys_mut()
        .add_jwk(RFC7520_3_5_OCT.as_bytes(), JwkOptions::new())
        .unwrap();
    let k = unb64("hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg");
    let header = r#"{"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"}"#;
    assert_eq!(
        verify(&v, &hs_token(Algorithm::HS256, &k, header, PAYLOAD)),
        Ok(1)
    );
    let n = unb64(&RFC7520_3_3_RSA.split(r#""n":""#).nth(1).unwrap()[..342]);
    let header = r#"{"alg":"PS256","kid":"bilbo.baggins@hobbiton.example"}"#;
    assert_eq!(verify(&v, &fake_token(&n, n.len(), header, PAYLOAD)), Ok(0));
    // The same kid with RS256: that key is bound to PS256 only.
    let header = r#"{"alg":"RS256","kid":"bilbo.baggins@hobbiton.example"}"#;
    assert_eq!(
        verify(&v, &fake_token(&n, n.len(), header, PAYLOAD)),
        Err(Error::AlgNotAllowed)
    );
}

/// A P-521 key made by `jose` (gen_es512.mjs): its SPKI PEM, DER and JWK spellings give the
/// same 66-byte coordinates, and the SEC1 point in the SPKI loads as ES512 material.
#[test]
fn p521_key_from_jose_in_every_spelling() {
    let jwk = from_jwk(vector!("p521.jwk.json"), JwkOptions::new());
    let Owned::Ec(curve, x, y) = &jwk else {
        panic!("not EC: {jwk:?}")
    };
    assert_eq!((*curve, x.len(), y.len()), (Curve::P521, 66, 66));
    assert_eq!(from_pem(vector!("p521.pub.pem")), jwk);
    assert_eq!(owned(&der::parse(vector!("p521.pub.der")).unwrap()), jwk);
    assert_eq!(der::kind(vector!("p521.pub.der")), Ok(der::DerKind::Spki));
    let mut v = verifier::<2>();
    v.keys_mut()
        .add_pem(
            vector!("p521.pub.pem"),
            Algorithm::ES512,
            Some("es512"),
            Strength::Enforce,
        )
        .unwrap();
    assert_eq!(
        v.keys_mut()
            .add_der(
                vector!("p521.pub.der"),
                Algorithm::ES384,
                None,
                Strength::Enforce
            )
            .err(),
        Some(Error::KeyMismatch)
    );
    let header = r#"{"alg":"ES512","kid":"es512"}"#;
    assert_eq!(verify(&v, &fake_token(x, 132, header, PAYLOAD)), Ok(0));
    // The Ed25519 key from jose: one JWK without `alg` (EdDSA) and one with "alg":"Ed25519".
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    let plain = jwk::parse(
        vector!("ed25519_jose.jwk.json"),
        JwkOptions::new(),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(plain.key().alg(), Algorithm::EdDSA);
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    let fully = jwk::parse(
        vector!("ed25519_jose_alg.jwk.json"),
        JwkOptions::new(),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(fully.key().alg(), Algorithm::Ed25519);
    assert_eq!(plain.key().material(), fully.key().material());
    assert_eq!(
        from_pem(vector!("ed25519_jose.pub.pem")),
        owned(fully.key().material())
    );
}

// ----- Platform-shaped key sources -------------------------------------------------------------

#[test]
fn canva_style_jwks() {
    let set = vector!("canva_jwks.json");
    let mut v = verifier::<4>();
    // `kid`, `kty`, `n`, `e` only: without a caller algorithm nothing can be bound.
    assert_eq!(
        add_jwks(&mut v, set, JwkOptions::new()),
        Err(Error::NoUsableKey)
    );
    let mut why = Vec::new();
    assert_eq!(
        v.keys_mut()
            .add_jwks_with(set, JwkOptions::new(), |s| why
                .push((s.kid().unwrap().to_string(), s.reason())))
            .err(),
        Some(Error::NoUsableKey)
    );
    assert_eq!(
        why,
        [
            ("canva-a".to_string(), SkipReason::NoAlg),
            ("canva-b".to_string(), SkipReason::NoAlg)
        ]
    );
    assert_eq!(
        add_jwks(&mut v, set, JwkOptions::new().alg(Algorithm::RS256)),
        Ok(2)
    );
    let (na, nb) = (
        pem_n(vector!("rsa4096_a.pub.pem")),
        pem_n(vector!("rsa4096_b.pub.pem")),
    );
    assert_eq!(na.len(), 512);
    let ta = fake_token(&na, 512, r#"{"alg":"RS256","kid":"canva-a"}"#, PAYLOAD);
    let tb = fake_token(&nb, 512, r#"{"alg":"RS256","kid":"canva-b"}"#, PAYLOAD);
    assert_eq!(verify(&v, &ta), Ok(0));
    assert_eq!(verify(&v, &tb), Ok(1));
    // A token naming one kid but signed with the other key.
    let swapped = fake_token(&nb, 512, r#"{"alg":"RS256","kid":"canva-a"}"#, PAYLOAD);
    assert_eq!(verify(&v, &swapped), Err(Error::BadSignature));
    let tc = fake_token(&na, 512, r#"{"alg":"RS256","kid":"canva-c"}"#, PAYLOAD);
    assert_eq!(verify(&v, &tc), Err(Error::UnknownKid));
    let other_alg = fake_token(&na, 512, r#"{"alg":"PS256","kid":"canva-a"}"#, PAYLOAD);
    assert_eq!(verify(&v, &other_alg), Err(Error::AlgNotAllowed));
}

#[test]
fn trello_style_pem_list_and_rotation() {
    let list = vector!("trello_pem_list.json");
    let mut v = verifier::<4>();
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(list, Algorithm::RS256, Strength::Enforce),
        Ok(2)
    );
    let old = pem_n(vector!("rsa4096_a.pub.pem"));
    let new = pem_n(vector!("rsa4096_b.pub.pem"));
    let third = pem_n(vector!("rsa4096_c.pub.pem"));
    let header = r#"{"alg":"RS256"}"#;
    // Kid-less tokens are tried against each key in order.
    assert_eq!(verify(&v, &fake_token(&old, 512, header, PAYLOAD)), Ok(0));
    assert_eq!(verify(&v, &fake_token(&new, 512, header, PAYLOAD)), Ok(1));
    let calls = v.backend().calls.get();
    assert_eq!(
        verify(&v, &fake_token(&third, 512, header, PAYLOAD)),
        Err(Error::BadSignature)
    );
    assert_eq!(v.backend().calls.get() - calls, 2);
    // After rotation the old key is gone: reload with the new list only.
    v.replace_keys(Default::default());
    let rotated = format!(
        "[{:?}]",
        std::str::from_utf8(vector!("rsa4096_b.pub.pem")).unwrap()
    );
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(rotated.as_bytes(), Algorithm::RS256, Strength::Enforce),
        Ok(1)
    );
    assert_eq!(
        verify(&v, &fake_token(&old, 512, header, PAYLOAD)),
        Err(Error::BadSignature)
    );
    assert_eq!(verify(&v, &fake_token(&new, 512, header, PAYLOAD)), Ok(0));
}

#[test]
fn pem_bundle_rotation() {
    let mut bundle = Vec::new();
    bundle.extend_from_slice(vector!("rsa4096_a.pub.pem"));
    bundle.extend_from_slice(b"\n");
    bundle.extend_from_slice(vector!("rsa4096_b.pub.pem"));
    let mut v = verifier::<2>();
    assert_eq!(
        v.keys_mut()
            .add_pem_bundle(&bundle, Algorithm::RS256, Strength::Enforce),
        Ok(2)
    );
    let header = r#"{"alg":"RS256"}"#;
    let b = pem_n(vector!("rsa4096_b.pub.pem"));
    assert_eq!(verify(&v, &fake_token(&b, 512, header, PAYLOAD)), Ok(1));
    // A third key does not fit: nothing of that bundle is kept.
    v.replace_keys(Default::default());
    bundle.extend_from_slice(vector!("rsa4096_c.pub.pem"));
    assert_eq!(
        v.keys_mut()
            .add_pem_bundle(&bundle, Algorithm::RS256, Strength::Enforce),
        Err(Error::TooLarge(Limit::Keys))
    );
    assert_eq!(v.keys().len(), 0);
    assert_eq!(
        v.keys_mut()
            .add_pem_bundle(b"  \n", Algorithm::RS256, Strength::Enforce),
        Err(Error::Malformed(Malformed::KeyFormat))
    );
}

#[test]
fn pem_list_errors_roll_back() {
    let mut v = verifier::<4>();
    let a = std::str::from_utf8(vector!("rsa4096_a.pub.pem")).unwrap();
    let enc = Error::InvalidKey(KeyProblem::Encoding);
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(b"{}", Algorithm::RS256, Strength::Enforce),
        Err(enc)
    );
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(b"[1]", Algorithm::RS256, Strength::Enforce),
        Err(enc)
    );
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(b"[]", Algorithm::RS256, Strength::Enforce),
        Err(Error::Malformed(Malformed::KeyFormat))
    );
    let with_private = format!(
        "[{a:?},{:?}]",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
    );
    assert_eq!(
        v.keys_mut().add_pem_list_json(
            with_private.as_bytes(),
            Algorithm::RS256,
            Strength::Enforce
        ),
        Err(Error::InvalidKey(KeyProblem::PrivateMaterial))
    );
    let trailing = format!("[{a:?}] x");
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(trailing.as_bytes(), Algorithm::RS256, Strength::Enforce),
        Err(Error::BadJson(Part::Key))
    );
    assert_eq!(v.keys().len(), 0);
    // A 4096-bit key is fine for any RSA algorithm but never for ES256.
    let one = format!("[{a:?}]");
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(one.as_bytes(), Algorithm::ES256, Strength::Enforce),
        Err(Error::KeyMismatch)
    );
}

#[test]
fn mixed_jwks_keeps_only_signature_keys() {
    let canva: serde_json::Value = serde_json::from_slice(vector!("canva_jwks.json")).unwrap();
    let mut keys = canva["keys"].as_array().unwrap().clone();
    let extra = [
        r#"{"kty":"RSA","kid":"enc-1","use":"enc","alg":"RSA-OAEP","n":"AQAB","e":"AQAB"}"#,
        r#"{"kty":"EC","kid":"ecdh","use":"enc","crv":"P-256","x":"AA","y":"AA"}"#,
        r#"{"kty":"OKP","kid":"x25519","crv":"X25519","x":"AA"}"#,
        r#"{"kty":"EC","kid":"k1","crv":"secp256k1","x":"AA","y":"AA","alg":"ES256K"}"#,
        r#"{"kty":"PQC","kid":"future","pub":"AA"}"#,
        RFC7520_3_1_EC_P521,
        r#"{"kty":"EC","kid":"wrap","crv":"P-384","x":"AA","y":"AA","key_ops":["wrapKey"]}"#,
    ];
    for (i, e) in extra.iter().enumerate() {
        keys.insert(i % keys.len(), serde_json::from_str(e).unwrap());
    }
    let set = serde_json::json!({ "keys": keys }).to_string();
    let mut v = verifier::<8>();
    assert_eq!(
        add_jwks(
            &mut v,
            set.as_bytes(),
            JwkOptions::new().alg(Algorithm::RS256)
        ),
        Ok(2)
    );
    let na = pem_n(vector!("rsa4096_a.pub.pem"));
    let t = fake_token(&na, 512, r#"{"alg":"RS256","kid":"canva-a"}"#, PAYLOAD);
    assert!(verify(&v, &t).is_ok());
    let t = fake_token(&na, 512, r#"{"alg":"RS256","kid":"enc-1"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Err(Error::UnknownKid));
}

#[test]
fn jwks_capacity_rollback_and_shared_kid() {
    let c = vector!("rsa4096_c.jwks.json");
    let canva = vector!("canva_jwks.json");
    let opts = JwkOptions::new().alg(Algorithm::RS256);
    let mut v = verifier::<2>();
    assert_eq!(add_jwks(&mut v, c, opts), Ok(1));
    // Two more do not fit in 2: the whole set is refused and the first key stays.
    assert_eq!(
        add_jwks(&mut v, canva, opts),
        Err(Error::TooLarge(Limit::Keys))
    );
    assert_eq!(v.keys().len(), 1);
    // A set whose second member is broken loses that member only.
    let mut v = verifier::<4>();
    let text = std::str::from_utf8(canva).unwrap();
    let second = text.rfind(r#""e": "AQAB""#).unwrap();
    let broken = format!(
        "{}{}",
        &text[..second],
        text[second..].replacen("AQAB", "AQAB=", 1)
    );
    let summary = v.keys_mut().add_jwks(broken.as_bytes(), opts).unwrap();
    assert_eq!(
        (summary.used(), summary.count(SkipReason::Malformed)),
        (1, 1)
    );
    assert_eq!(summary.listed()[0].error(), Error::BadBase64(Part::Key));
    // A set whose JSON breaks after its first key leaves nothing behind.
    v.replace_keys(Default::default());
    let cut = format!("{}]}}", &text[..second]);
    assert_eq!(
        add_jwks(&mut v, cut.as_bytes(), opts),
        Err(Error::BadJson(Part::Key))
    );
    assert_eq!(v.keys().len(), 0);
    // Two keys sharing a kid are both candidates for it.
    let shared = text.replace("canva-b", "canva-a");
    assert_eq!(add_jwks(&mut v, shared.as_bytes(), opts), Ok(2));
    let nb = pem_n(vector!("rsa4096_b.pub.pem"));
    let t = fake_token(&nb, 512, r#"{"alg":"RS256","kid":"canva-a"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Ok(1));
    // Oversized input is refused before parsing.
    let huge = vec![b' '; tinyjwt_core::jwks::MAX_JWKS_LEN + 1];
    assert_eq!(
        add_jwks(&mut v, &huge, opts),
        Err(Error::TooLarge(Limit::KeyMaterial))
    );
}

// ----- PEM, DER, certificates: one key, many spellings ------------------------------------------

#[test]
fn every_spelling_of_a_key_gives_the_same_material() {
    let rs = JwkOptions::new().alg(Algorithm::RS256);
    let jwk = from_jwk(vector!("rsa2048.jwk.json"), rs);
    assert!(matches!(&jwk, Owned::Rsa(n, e) if n.len() == 256 && e == &[1, 0, 1]));
    assert_eq!(from_pem(vector!("rsa2048.pub.pem")), jwk);
    assert_eq!(from_pem(vector!("rsa2048.pkcs1.pem")), jwk);
    assert_eq!(from_pem(vector!("cert_rsa2048.pem")), jwk);
    assert_eq!(owned(&der::parse(vector!("rsa2048.pub.der")).unwrap()), jwk);
    assert_eq!(
        owned(&der::parse(vector!("rsa2048.pkcs1.der")).unwrap()),
        jwk
    );
    assert_eq!(
        owned(&der::parse(vector!("cert_rsa2048.der")).unwrap()),
        jwk
    );
    assert_eq!(
        owned(&der::certificate(vector!("cert_rsa2048.der")).unwrap()),
        jwk
    );
    assert_eq!(
        der::kind(vector!("cert_rsa2048.der")),
        Ok(der::DerKind::Certificate)
    );

    let none = JwkOptions::new();
    assert_eq!(
        from_pem(vector!("ec256.pub.pem")),
        from_jwk(vector!("ec256.jwk.json"), none)
    );
    assert_eq!(
        from_pem(vector!("ec384.pub.pem")),
        from_jwk(vector!("ec384.jwk.json"), none)
    );
    assert_eq!(
        from_pem(vector!("ed25519.pub.pem")),
        from_jwk(vector!("ed25519.jwk.json"), none)
    );
    assert_eq!(
        owned(&der::parse(vector!("ec256.pub.der")).unwrap()),
        from_pem(vector!("ec256.pub.pem"))
    );
    assert_eq!(
        owned(&der::parse(vector!("ec384.pub.der")).unwrap()),
        from_pem(vector!("ec384.pub.pem"))
    );
    assert_eq!(
        owned(&der::parse(vector!("ed25519.pub.der")).unwrap()),
        from_pem(vector!("ed25519.pub.pem"))
    );
    assert!(matches!(
        from_pem(vector!("cert_ec256.pem")),
        Owned::Ec(Curve::P256, _, _)
    ));
}

#[test]
fn add_pem_and_der_bind_the_named_alg() {
    let mut v = verifier::<8>();
    v.keys_mut()
        .add_pem(
            vector!("rsa2048.pub.pem"),
            Algorithm::PS384,
            Some("rsa"),
            Strength::Enforce,
        )
        .unwrap();
    v.keys_mut()
        .add_der(
            vector!("ec256.pub.der"),
            Algorithm::ES256,
            Some("ec"),
            Strength::Enforce,
        )
        .unwrap();
    v.keys_mut()
        .add_pem(
            vector!("ec384.pub.pem"),
            Algorithm::ES384,
            None,
            Strength::Enforce,
        )
        .unwrap();
    v.keys_mut()
        .add_pem(
            vector!("ed25519.pub.pem"),
            Algorithm::EdDSA,
            None,
            Strength::Enforce,
        )
        .unwrap();
    v.keys_mut()
        .add_pem(
            vector!("cert_ec256.pem"),
            Algorithm::ES256,
            Some("cert"),
            Strength::Enforce,
        )
        .unwrap();
    assert_eq!(v.keys().len(), 5);
    // Curves and types must match the named algorithm.
    for (alg, pem) in [
        (Algorithm::ES384, vector!("ec256.pub.pem")),
        (Algorithm::ES256, vector!("ed25519.pub.pem")),
        (Algorithm::EdDSA, vector!("rsa2048.pub.pem")),
        (Algorithm::RS256, vector!("cert_ec256.pem")),
    ] {
        assert_eq!(
            v.keys_mut()
                .add_pem(pem, alg, None, Strength::Enforce)
                .err(),
            Some(Error::KeyMismatch)
        );
    }
    let KeyMaterial::Ec(ec) = der::parse(vector!("ec256.pub.der")).unwrap() else {
        panic!()
    };
    let t = fake_token(ec.x(), 64, r#"{"alg":"ES256","kid":"ec"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Ok(1));
    let t = fake_token(ec.x(), 64, r#"{"alg":"ES256","kid":"rsa"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Err(Error::KidAlgMismatch));
    // The certificate shares the EC key's kid-less path only when its key signed.
    let t = fake_token(ec.x(), 64, r#"{"alg":"ES256"}"#, PAYLOAD);
    assert_eq!(verify(&v, &t), Ok(1));
}

#[test]
fn der_and_pem_edits_are_rejected() {
    let der = vector!("rsa2048.pub.der");
    let mut trailing = der.to_vec();
    trailing.push(0);
    assert_eq!(
        der::parse(&trailing),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    let mut v = verifier::<2>();
    assert_eq!(
        v.keys_mut()
            .add_der(&trailing, Algorithm::RS256, None, Strength::Enforce)
            .err(),
        Some(Error::InvalidKey(KeyProblem::Der))
    );
    let cert = vector!("cert_rsa2048.der");
    let mut trailing = cert.to_vec();
    trailing.push(0);
    assert_eq!(
        der::certificate(&trailing),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    // Every single-byte truncation of the certificate fails cleanly.
    for len in 0..cert.len() {
        assert!(der::parse(&cert[..len]).is_err(), "{len}");
    }
    let pem = std::str::from_utf8(vector!("rsa2048.pub.pem")).unwrap();
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    assert_eq!(
        pem::parse(
            format!("{pem}-----END PUBLIC KEY-----\n").as_bytes(),
            &mut scratch
        ),
        Err(Error::Malformed(Malformed::KeyFormat))
    );
    assert_eq!(
        pem::parse(
            pem.replace("PUBLIC KEY", "CERTIFICATE").as_bytes(),
            &mut scratch
        ),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    // A 1024-bit-sized DER cut from the 2048-bit one is not silently accepted either.
    assert!(
        v.keys_mut()
            .add_der(&der[..150], Algorithm::RS256, None, Strength::AllowWeak)
            .is_err()
    );
}

// ----- PEM as people have it on disk (RFC 7468 lax parsing) -------------------------------------

#[test]
fn pem_as_people_have_it_on_disk() {
    let rsa = from_pem(vector!("rsa2048.pub.pem"));
    // OpenSSL's own output with explanatory text before (x509, rsa) or after (pkey) the block.
    assert_eq!(from_pem(vector!("pem_lax/openssl_x509_text.pem")), rsa);
    assert_eq!(from_pem(vector!("pem_lax/openssl_rsa_text.pem")), rsa);
    assert_eq!(
        from_pem(vector!("pem_lax/openssl_pkey_text.pem")),
        from_pem(vector!("ec256.pub.pem"))
    );
    // Edited copies: CRLF, BOM, other widths, a blank line, trailing blanks, notes, all of it.
    for (name, text) in [
        ("crlf", vector!("pem_lax/rsa2048_crlf.pem")),
        ("bom", vector!("pem_lax/rsa2048_bom.pem")),
        ("w76", vector!("pem_lax/rsa2048_w76.pem")),
        ("wrandom", vector!("pem_lax/rsa2048_wrandom.pem")),
        ("blank", vector!("pem_lax/rsa2048_blank.pem")),
        ("trailing", vector!("pem_lax/rsa2048_trailing.pem")),
        ("notes", vector!("pem_lax/rsa2048_notes.pem")),
        ("everything", vector!("pem_lax/rsa2048_everything.pem")),
    ] {
        assert_eq!(from_pem(text), rsa, "{name}");
        assert!(pem::is_pem(text), "{name}");
        let mut scratch = [0u8; PEM_SCRATCH_LEN];
        assert_eq!(
            owned(&pem::parse_pem_or_der(text, &mut scratch).unwrap()),
            rsa,
            "{name}"
        );
        let mut v = verifier::<1>();
        v.keys_mut()
            .add_pem(text, Algorithm::RS256, None, Strength::Enforce)
            .unwrap();
    }
}

#[test]
fn two_blocks_and_text_are_not_one_key() {
    let two = vector!("pem_lax/two_blocks.pem");
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    let fmt = Error::Malformed(Malformed::KeyFormat);
    // One key expected, two given: an error, for every single-key loader.
    assert_eq!(pem::parse(two, &mut scratch), Err(fmt));
    assert_eq!(pem::parse_pem_or_der(two, &mut scratch), Err(fmt));
    let mut v = verifier::<4>();
    assert_eq!(
        v.keys_mut()
            .add_pem(two, Algorithm::RS256, None, Strength::Enforce)
            .err(),
        Some(fmt)
    );
    // As a bundle, each block is one key; the text around them is explanatory.
    assert_eq!(
        v.keys_mut()
            .add_pem_bundle(two, Algorithm::RS256, Strength::Enforce),
        Err(Error::KeyMismatch) // the second is an EC key
    );
    assert_eq!(v.keys().len(), 0);
    let blocks: Vec<_> = pem::blocks(two).map(|b| from_pem(b.unwrap())).collect();
    assert_eq!(
        blocks,
        [
            from_pem(vector!("rsa2048.pub.pem")),
            from_pem(vector!("ec256.pub.pem"))
        ]
    );
    // A list of PEM strings: each entry may carry its explanatory text too.
    let list = serde_json::to_string(&[
        std::str::from_utf8(vector!("pem_lax/openssl_x509_text.pem")).unwrap(),
        std::str::from_utf8(vector!("pem_lax/rsa2048_everything.pem")).unwrap(),
    ])
    .unwrap();
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(list.as_bytes(), Algorithm::RS256, Strength::Enforce),
        Ok(2)
    );
    // ...but one entry holding two blocks is an error like any single key.
    let list = serde_json::to_string(&[std::str::from_utf8(two).unwrap()]).unwrap();
    assert_eq!(
        v.keys_mut()
            .add_pem_list_json(list.as_bytes(), Algorithm::ES256, Strength::Enforce),
        Err(fmt)
    );
}

#[test]
fn text_is_never_mistaken_for_der() {
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    let fmt = Err(Error::Malformed(Malformed::KeyFormat));
    // OpenSSL's text-only output (`-noout -text`): prose, no block. Before, the CLI read it
    // as DER and said "the DER encoding is not strict".
    let x509 = std::str::from_utf8(vector!("pem_lax/openssl_x509_text.pem")).unwrap();
    let prose = &x509[..x509.find("-----BEGIN").unwrap()];
    assert!(!pem::is_pem(prose.as_bytes()));
    assert_eq!(pem::parse_pem_or_der(prose.as_bytes(), &mut scratch), fmt);
    // Even prose starting with '0' (0x30, DER's first byte) is not DER once it holds a block.
    let zero = format!(
        "0) our key:\n{}",
        std::str::from_utf8(vector!("ec256.pub.pem")).unwrap()
    );
    assert!(matches!(
        pem::parse_pem_or_der(zero.as_bytes(), &mut scratch),
        Ok(KeyMaterial::Ec(_))
    ));
    // DER is still DER, strictly.
    let der = vector!("rsa2048.pub.der");
    assert!(!pem::is_pem(der));
    assert_eq!(
        owned(&pem::parse_pem_or_der(der, &mut scratch).unwrap()),
        from_pem(vector!("rsa2048.pub.pem"))
    );
    let mut trailing = der.to_vec();
    trailing.push(0);
    assert_eq!(
        pem::parse_pem_or_der(&trailing, &mut scratch),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
}

// ----- Algorithm confusion ----------------------------------------------------------------------

#[test]
fn hmac_keyed_with_rsa_public_key_bytes_never_reaches_crypto() {
    let pem = vector!("rsa2048.pub.pem");
    let der = vector!("rsa2048.pub.der");
    let n = pem_n(pem);
    let mut v = verifier::<4>();
    v.keys_mut()
        .add_pem(pem, Algorithm::RS256, None, Strength::Enforce)
        .unwrap();
    v.keys_mut()
        .add_jwk(
            vector!("rsa2048.jwk.json"),
            JwkOptions::new()
                .alg(Algorithm::RS256)
                .allow_symmetric(false),
        )
        .unwrap();
    let pem_trimmed = std::str::from_utf8(pem).unwrap().trim().as_bytes().to_vec();
    for secret in [pem.to_vec(), pem_trimmed, der.to_vec(), n.clone()] {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            for header in [
                format!(r#"{{"alg":"{alg}"}}"#),
                format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
            ] {
                let t = hs_token(alg, &secret, &header, PAYLOAD);
                assert_eq!(verify(&v, &t), Err(Error::AlgNotAllowed));
            }
        }
    }
    assert_eq!(v.backend().calls.get(), 0, "no signature check may run");
    // And the key can never be bound to an HMAC algorithm in the first place.
    for alg in [Algorithm::HS256, Algorithm::HS512] {
        assert_eq!(
            v.keys_mut()
                .add_pem(pem, alg, None, Strength::AllowWeak)
                .err(),
            Some(Error::KeyMismatch)
        );
        assert_eq!(
            v.keys_mut()
                .add_der(der, alg, None, Strength::AllowWeak)
                .err(),
            Some(Error::KeyMismatch)
        );
        assert_eq!(
            v.keys_mut()
                .add_jwk(vector!("rsa2048.jwk.json"), JwkOptions::new().alg(alg))
                .err(),
            Some(Error::KeyMismatch)
        );
    }
    let rsa_as_hs = std::str::from_utf8(vector!("rsa2048.jwk.json"))
        .unwrap()
        .replacen('{', r#"{"alg":"HS256","#, 1);
    assert_eq!(
        v.keys_mut()
            .add_jwk(rsa_as_hs.as_bytes(), JwkOptions::new())
            .err(),
        Some(Error::KeyMismatch)
    );
    // With a kid naming the RSA key, the answer is the same kind of refusal, still before crypto.
    let mut v = verifier::<2>();
    v.keys_mut()
        .add_pem(pem, Algorithm::RS256, Some("rsa"), Strength::Enforce)
        .unwrap();
    v.keys_mut()
        .add_jwk(RFC7520_3_5_OCT.as_bytes(), JwkOptions::new())
        .unwrap();
    let t = hs_token(
        Algorithm::HS256,
        &n,
        r#"{"alg":"HS256","kid":"rsa"}"#,
        PAYLOAD,
    );
    assert_eq!(verify(&v, &t), Err(Error::KidAlgMismatch));
    assert_eq!(v.backend().calls.get(), 0);
}
