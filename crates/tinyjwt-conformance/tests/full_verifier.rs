//! The RFC vectors through the core's full `Verifier`, with each backend: RFC 7515's JWT
//! payloads verify (at a `now` before their `exp`) and RFC 7520 / RFC 8037's text payloads
//! verify at the signature layer and then end as `claims_not_json`. ring, RustCrypto and
//! aws-lc-rs all give the same answers.

mod common;
use common as rfc;

use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_conformance::Supports;
use tinyjwt_core::{Algorithm, Error, Policy, SignatureBackend, Verifier};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

/// RFC 7515 A.1–A.3 carry `exp` = 1300819380 (2011-03-22T18:43:00Z).
const RFC7515_EXP: u64 = 1_300_819_380;

fn full<B: SignatureBackend>(backend: B, v: &rfc::Vector, now: u64) -> Result<Option<u64>, Error> {
    let mut verifier: Verifier<'_, B> = Verifier::new(backend, Policy::new())?;
    let kb = rfc::key_bytes(&v.key);
    if let Ok(alg) = Algorithm::from_name(&v.alg) {
        let key = rfc::bind(alg, &v.key, &kb)?;
        let kid = v.key.get("kid").and_then(|k| k.as_str());
        let header_kid = token_kid(&v.token);
        verifier
            .keys_mut()
            .add_key(&key, header_kid.as_deref().or(kid))?;
    }
    let mut buf = [0u8; 2048];
    let verified = verifier.verify(&v.token, now, &mut buf)?;
    Ok(verified
        .claims()
        .exp
        .and_then(|d| u64::try_from(d.secs()).ok()))
}

/// The `kid` in the token's header, found with serde_json (test-side only).
fn token_kid(token: &str) -> Option<String> {
    use base64::Engine as _;
    let header = token.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v.get("kid")?.as_str().map(String::from)
}

#[test]
fn rfc_vectors_through_the_full_verifier() {
    for v in rfc::vectors() {
        let jwt = v.name.starts_with("RFC 7515");
        let now = if jwt { RFC7515_EXP - 1 } else { 1_700_000_000 };
        let alg = Algorithm::from_name(&v.alg).unwrap();
        // A backend without the algorithm (ring: ES512) refuses the key when it is added.
        let want = |s: Supports| match (s.contains(alg), jwt) {
            (false, _) => Err(Error::UnsupportedAlg),
            (true, true) => Ok(Some(RFC7515_EXP)),
            (true, false) => Err(Error::ClaimsNotJson),
        };
        let ring = full(Ring, &v, now);
        let rc = full(RustCrypto, &v, now);
        let aws = full(AwsLcRs, &v, now);
        assert_eq!(ring, want(Supports::RING), "ring: {}", v.name);
        assert_eq!(rc, want(Supports::RUSTCRYPTO), "rustcrypto: {}", v.name);
        assert_eq!(aws, want(Supports::AWS_LC_RS), "aws-lc-rs: {}", v.name);
        if jwt {
            // At exp itself the token has expired (leeway 0).
            assert!(
                matches!(full(Ring, &v, RFC7515_EXP), Err(Error::Expired { .. })),
                "{}",
                v.name
            );
            assert!(
                matches!(
                    full(RustCrypto, &v, RFC7515_EXP),
                    Err(Error::Expired { .. })
                ),
                "{}",
                v.name
            );
            assert!(
                matches!(full(AwsLcRs, &v, RFC7515_EXP), Err(Error::Expired { .. })),
                "{}",
                v.name
            );
        }
    }
}
