//! A realistic mixed JWK Set (made by Node crypto / panva jose, see
//! `tinyjwt-core/tests/vectors/gen_mixed_jwks.mjs`) loaded into a verifier with each real
//! backend: the good RS256, ES256 and EdDSA keys verify jose-signed tokens, and every member
//! that cannot be used is skipped with the reason the generator put it there for — including
//! the point off the curve, which only the backend's `prepare` can see.

use serde_json::Value;
use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::jwks::{SkipReason, Skipped};
use tinyjwt_core::{Algorithm, Error, Part, Policy, SignatureBackend, Verifier};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

const SET: &[u8] = include_bytes!("../../tinyjwt-core/tests/vectors/mixed_jwks.json");
const EXPECT: &str = include_str!("../../tinyjwt-core/tests/vectors/mixed_jwks.expect.json");
const NOW: u64 = 1_700_000_100;

fn expect() -> Value {
    serde_json::from_str(EXPECT).unwrap()
}

/// (index, kid, reason code) of every member the generator meant to be skipped.
fn expected_skips() -> Vec<(usize, Option<String>, String)> {
    expect()["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["reason"] != "used")
        .map(|m| {
            (
                m["index"].as_u64().unwrap() as usize,
                m["kid"].as_str().map(String::from),
                m["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn token(name: &str) -> String {
    expect()["tokens"][name].as_str().unwrap().to_owned()
}

fn report(s: &Skipped<'_>) -> (usize, Option<String>, String) {
    (
        s.index(),
        s.kid().map(|k| k.to_string()),
        s.reason().code().to_owned(),
    )
}

fn mixed_set_loads<B: SignatureBackend>(backend: B, name: &str) {
    let mut v: Verifier<'_, B, 8> = Verifier::new(backend, Policy::new()).unwrap();
    let mut seen = Vec::new();
    let summary = v
        .keys_mut()
        .add_jwks_with(SET, JwkOptions::new(), |s| seen.push(report(s)))
        .unwrap();
    let want = expected_skips();
    assert_eq!(seen, want, "{name}");
    assert_eq!((summary.members(), summary.used()), (21, 3), "{name}");
    assert_eq!(summary.skipped(), want.len(), "{name}");
    assert_eq!(v.keys().len(), 3);
    // The summary lists the first MAX_SKIPPED_LISTED of them and counts the rest.
    let listed: Vec<_> = summary.listed().iter().map(report).collect();
    assert_eq!(listed[..], want[..tinyjwt_core::jwks::MAX_SKIPPED_LISTED]);
    assert_eq!(
        summary.unlisted(),
        want.len() - tinyjwt_core::jwks::MAX_SKIPPED_LISTED
    );
    for r in SkipReason::ALL {
        let n = want.iter().filter(|w| w.2 == r.code()).count();
        assert_eq!(summary.count(r), n, "{name}: {}", r.code());
    }
    let counts: Vec<_> = summary.counts().map(|(r, n)| (r.code(), n)).collect();
    assert_eq!(
        counts,
        [
            ("not_an_object", 1),
            ("private_material", 2),
            ("symmetric", 1),
            ("kid_invalid", 2),
            ("malformed", 5),
            ("not_for_signature", 2),
            ("unsupported_curve", 2),
            ("alg_mismatch", 1),
            ("weak", 1),
            ("bad_point", 1),
        ],
        "{name}"
    );

    // The good keys verify jose's tokens, each found by its kid.
    let mut buf = [0u8; 2048];
    for (kid, index) in [("good-rs256", 0), ("good-es256", 1), ("good-eddsa", 2)] {
        let ok = v.verify(&token(kid), NOW, &mut buf).unwrap();
        assert_eq!(ok.key_index(), index, "{name}: {kid}");
        assert_eq!(ok.claims().exp.map(|d| d.secs()), Some(4_102_444_800));
    }
    // Tokens signed by the keys of skipped members find no key.
    for kid in ["leaked-private", "leaked-rsa-private", "p256-says-es384"] {
        assert_eq!(
            v.verify(&token(kid), NOW, &mut buf).err(),
            Some(Error::UnknownKid),
            "{name}: {kid}"
        );
    }

    // Naming an algorithm: only the RS256 key is used. The other good keys are `other_alg`,
    // and so are the off-curve and y-less ES256 members (the algorithm is checked before the
    // key material).
    v.replace_keys(Default::default());
    let mut other = Vec::new();
    let summary = v
        .keys_mut()
        .add_jwks_with(SET, JwkOptions::new().alg(Algorithm::RS256), |s| {
            if s.reason() == SkipReason::OtherAlg {
                other.push(s.kid().unwrap().to_string());
            }
        })
        .unwrap();
    assert_eq!(summary.used(), 1);
    assert_eq!(
        other,
        ["good-es256", "good-eddsa", "off-curve", "no-y"],
        "{name}"
    );
    assert!(v.verify(&token("good-rs256"), NOW, &mut buf).is_ok());
}

#[test]
fn mixed_set_with_ring() {
    mixed_set_loads(Ring, "ring");
}

#[test]
fn mixed_set_with_rustcrypto() {
    mixed_set_loads(RustCrypto, "rustcrypto");
}

#[test]
fn mixed_set_with_aws_lc_rs() {
    mixed_set_loads(AwsLcRs, "aws-lc-rs");
}

fn without_good_keys() -> String {
    let mut set: Value = serde_json::from_slice(SET).unwrap();
    let keys = set["keys"].as_array_mut().unwrap();
    keys.retain(|k| {
        !k["kid"]
            .as_str()
            .is_some_and(|kid| kid.starts_with("good-"))
    });
    assert_eq!(keys.len(), 18);
    set.to_string()
}

fn only_bad_members_fail<B: SignatureBackend>(backend: B, name: &str) {
    let mut v: Verifier<'_, B, 8> = Verifier::new(backend, Policy::new()).unwrap();
    let bad = without_good_keys();
    let mut seen = 0;
    assert_eq!(
        v.keys_mut()
            .add_jwks_with(bad.as_bytes(), JwkOptions::new(), |_| seen += 1)
            .err(),
        Some(Error::NoUsableKey),
        "{name}"
    );
    // Every member was reported before the call failed, and nothing stayed loaded.
    assert_eq!(seen, 18, "{name}");
    assert_eq!(v.keys().len(), 0);

    // Malformed JSON still fails the whole set, and rolls back the keys read before it.
    let text = std::str::from_utf8(SET).unwrap();
    let cut = &text[..text.find("good-eddsa").unwrap()];
    assert_eq!(
        v.keys_mut()
            .add_jwks(cut.as_bytes(), JwkOptions::new())
            .err(),
        Some(Error::BadJson(Part::Key)),
        "{name}"
    );
    assert_eq!(v.keys().len(), 0);
    let dup = text.replacen(r#""kty": "RSA""#, r#""kty": "RSA", "kty": "RSA""#, 1);
    assert_eq!(
        v.keys_mut()
            .add_jwks(dup.as_bytes(), JwkOptions::new())
            .err(),
        Some(Error::DuplicateMember(Part::Key)),
        "{name}"
    );
    assert_eq!(
        v.keys_mut()
            .add_jwks(br#"{"keys":"none"}"#, JwkOptions::new())
            .err(),
        Some(Error::InvalidKey(tinyjwt_core::KeyProblem::Encoding))
    );
    // A verifier too small for the good keys fails as a whole too.
    let mut small: Verifier<'_, &B, 2> = Verifier::new(v.backend(), Policy::new()).unwrap();
    assert_eq!(
        small.keys_mut().add_jwks(SET, JwkOptions::new()).err(),
        Some(Error::TooLarge(tinyjwt_core::Limit::Keys))
    );
    assert_eq!(small.keys().len(), 0);
}

#[test]
fn only_bad_members_fail_with_ring() {
    only_bad_members_fail(Ring, "ring");
}

#[test]
fn only_bad_members_fail_with_rustcrypto() {
    only_bad_members_fail(RustCrypto, "rustcrypto");
}

#[test]
fn only_bad_members_fail_with_aws_lc_rs() {
    only_bad_members_fail(AwsLcRs, "aws-lc-rs");
}
