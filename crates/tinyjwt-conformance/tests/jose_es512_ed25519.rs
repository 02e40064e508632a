//! ES512 (P-521) and RFC 9864 `"alg":"Ed25519"` tokens and keys made by panva `jose`
//! (`crates/tinyjwt-core/tests/vectors/gen_es512.mjs`), through the full `Verifier` with each
//! backend that supports them: RustCrypto and aws-lc-rs verify both; ring verifies `Ed25519`
//! and refuses every ES512 key with `unsupported_alg` when it is loaded ([`Supports::RING`]).

use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_conformance::Supports;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::{Algorithm, Error, Policy, SignatureBackend, Strength, Verifier};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

macro_rules! vector {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tinyjwt-core/tests/vectors/",
            $name
        ))
    };
}

const P521_JWK: &str = vector!("p521.jwk.json");
const P521_PEM: &str = vector!("p521.pub.pem");
const P521_DER: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tinyjwt-core/tests/vectors/p521.pub.der"
));
const ED_JWK: &str = vector!("ed25519_jose.jwk.json");
const ED_JWK_ALG: &str = vector!("ed25519_jose_alg.jwk.json");
const ED_PEM: &str = vector!("ed25519_jose.pub.pem");
const TOKENS: &str = vector!("es512_ed25519_tokens.json");

/// After the tokens' `iat` (1700000000), before their `exp` (4102444800, year 2100).
const NOW: u64 = 1_700_000_100;
const EXP: i64 = 4_102_444_800;

fn token(name: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(TOKENS).unwrap();
    doc[name].as_str().unwrap().to_owned()
}

/// The token with one base64url character in the middle of its signature changed.
fn tampered(token: &str) -> String {
    let mut t = token.as_bytes().to_vec();
    let at = token.rfind('.').unwrap() + 20;
    t[at] = if t[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(t).unwrap()
}

fn verifier<B: SignatureBackend>(b: B) -> Verifier<'static, B, 4> {
    Verifier::new(b, Policy::new().issuers(&["jose"])).unwrap()
}

/// `Ok((alg, exp, key index))` of a verified token.
fn check<B: SignatureBackend>(
    v: &Verifier<'_, B, 4>,
    token: &str,
) -> Result<(Algorithm, i64, usize), Error> {
    let mut buf = [0u8; 1024];
    let ok = v.verify(token, NOW, &mut buf)?;
    Ok((
        ok.header().alg(),
        ok.claims().exp.unwrap().secs(),
        ok.key_index(),
    ))
}

fn es512_from_jwk_pem_and_der<B: SignatureBackend + Copy>(b: B) {
    let es512 = token("es512");
    for source in ["jwk", "pem", "der"] {
        let mut v = verifier(b);
        match source {
            "jwk" => v.keys_mut().add_jwk(P521_JWK.as_bytes(), JwkOptions::new()),
            "pem" => v.keys_mut().add_pem(
                P521_PEM.as_bytes(),
                Algorithm::ES512,
                Some("es512"),
                Strength::Enforce,
            ),
            _ => v
                .keys_mut()
                .add_der(P521_DER, Algorithm::ES512, Some("es512"), Strength::Enforce),
        }
        .unwrap();
        assert_eq!(
            check(&v, &es512),
            Ok((Algorithm::ES512, EXP, 0)),
            "{source}"
        );
        assert_eq!(
            check(&v, &tampered(&es512)),
            Err(Error::BadSignature),
            "{source}"
        );
        // A P-521 key serves ES512 only: the Ed25519 token finds no key for its alg.
        assert_eq!(check(&v, &token("ed25519")), Err(Error::AlgNotAllowed));
    }
    // The same key bound to ES384 or ES256 from the PEM is refused: wrong curve.
    let mut v = verifier(b);
    for alg in [Algorithm::ES256, Algorithm::ES384, Algorithm::EdDSA] {
        assert_eq!(
            v.keys_mut()
                .add_pem(P521_PEM.as_bytes(), alg, None, Strength::Enforce)
                .err(),
            Some(Error::KeyMismatch),
            "{alg}"
        );
    }
}

#[test]
fn es512_jose_token_verifies_with_rustcrypto_from_jwk_pem_and_der() {
    assert!(Supports::RUSTCRYPTO.contains(Algorithm::ES512));
    es512_from_jwk_pem_and_der(RustCrypto);
}

#[test]
fn es512_jose_token_verifies_with_aws_lc_rs_from_jwk_pem_and_der() {
    assert!(Supports::AWS_LC_RS.contains(Algorithm::ES512));
    es512_from_jwk_pem_and_der(AwsLcRs);
}

#[test]
fn es512_keys_are_unsupported_on_ring_when_loaded() {
    assert!(!Supports::RING.contains(Algorithm::ES512));
    let mut v = verifier(Ring);
    assert_eq!(
        v.keys_mut()
            .add_jwk(P521_JWK.as_bytes(), JwkOptions::new())
            .err(),
        Some(Error::UnsupportedAlg)
    );
    assert_eq!(
        v.keys_mut()
            .add_pem(
                P521_PEM.as_bytes(),
                Algorithm::ES512,
                Some("es512"),
                Strength::Enforce
            )
            .err(),
        Some(Error::UnsupportedAlg)
    );
    assert_eq!(
        v.keys_mut()
            .add_der(P521_DER, Algorithm::ES512, None, Strength::Enforce)
            .err(),
        Some(Error::UnsupportedAlg)
    );
    // In a set, the backend's refusal skips the member (RFC 7517 §5), with the reason and
    // the precise error reported; a set of nothing else has no usable key.
    let set = format!(r#"{{"keys":[{P521_JWK}]}}"#);
    let mut reasons = Vec::new();
    assert_eq!(
        v.keys_mut()
            .add_jwks_with(set.as_bytes(), JwkOptions::new(), |s| reasons
                .push((s.reason(), s.error())))
            .err(),
        Some(Error::NoUsableKey)
    );
    assert_eq!(
        reasons,
        [(
            tinyjwt_core::jwks::SkipReason::Backend,
            Error::UnsupportedAlg
        )]
    );
    // Nothing was loaded, so the token has no key at all.
    assert_eq!(check(&v, &token("es512")), Err(Error::AlgNotAllowed));
}

fn ed25519_rules<B: SignatureBackend + Copy>(b: B) {
    let (ed25519, eddsa) = (token("ed25519"), token("eddsa"));

    // A JWK with "alg":"Ed25519" binds to Ed25519: the RFC 9864 token verifies, the EdDSA
    // token signed by the very same key does not (one key, one algorithm).
    let mut v = verifier(b);
    v.keys_mut()
        .add_jwk(ED_JWK_ALG.as_bytes(), JwkOptions::new())
        .unwrap();
    assert_eq!(check(&v, &ed25519), Ok((Algorithm::Ed25519, EXP, 0)));
    assert_eq!(check(&v, &eddsa), Err(Error::AlgNotAllowed));
    assert_eq!(check(&v, &tampered(&ed25519)), Err(Error::BadSignature));

    // Without `alg` the JWK stays EdDSA (RFC 8037), and refuses the Ed25519 token.
    let mut v = verifier(b);
    v.keys_mut()
        .add_jwk(ED_JWK.as_bytes(), JwkOptions::new())
        .unwrap();
    assert_eq!(check(&v, &eddsa), Ok((Algorithm::EdDSA, EXP, 0)));
    assert_eq!(check(&v, &ed25519), Err(Error::AlgNotAllowed));

    // The caller's algorithm picks Ed25519 for an `alg`-less JWK; a JWK declaring the other
    // name does not fit it.
    let mut v = verifier(b);
    v.keys_mut()
        .add_jwk(ED_JWK.as_bytes(), JwkOptions::new().alg(Algorithm::Ed25519))
        .unwrap();
    assert_eq!(check(&v, &ed25519), Ok((Algorithm::Ed25519, EXP, 0)));
    assert_eq!(check(&v, &eddsa), Err(Error::AlgNotAllowed));
    assert_eq!(
        v.keys_mut()
            .add_jwk(
                ED_JWK_ALG.as_bytes(),
                JwkOptions::new().alg(Algorithm::EdDSA)
            )
            .err(),
        Some(Error::KeyMismatch)
    );

    // To accept both names, load the key twice, once per algorithm (here from its PEM).
    let mut v = verifier(b);
    for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
        v.keys_mut()
            .add_pem(ED_PEM.as_bytes(), alg, Some("ed25519"), Strength::Enforce)
            .unwrap();
    }
    assert_eq!(check(&v, &eddsa), Ok((Algorithm::EdDSA, EXP, 0)));
    assert_eq!(check(&v, &ed25519), Ok((Algorithm::Ed25519, EXP, 1)));

    // A policy restricted to EdDSA refuses the Ed25519 token before any crypto.
    let only = [Algorithm::EdDSA];
    let mut v: Verifier<'_, B, 4> =
        Verifier::new(b, Policy::new().issuers(&["jose"]).algorithms(&only)).unwrap();
    v.keys_mut()
        .add_jwk(ED_JWK_ALG.as_bytes(), JwkOptions::new())
        .unwrap();
    let mut buf = [0u8; 1024];
    assert_eq!(
        v.verify(&ed25519, NOW, &mut buf).map(|_| ()),
        Err(Error::AlgNotAllowed)
    );
}

#[test]
fn ed25519_alg_with_ring() {
    assert!(Supports::RING.contains(Algorithm::Ed25519));
    ed25519_rules(Ring);
}

#[test]
fn ed25519_alg_with_rustcrypto() {
    assert!(Supports::RUSTCRYPTO.contains(Algorithm::Ed25519));
    ed25519_rules(RustCrypto);
}

#[test]
fn ed25519_alg_with_aws_lc_rs() {
    assert!(Supports::AWS_LC_RS.contains(Algorithm::Ed25519));
    ed25519_rules(AwsLcRs);
}
