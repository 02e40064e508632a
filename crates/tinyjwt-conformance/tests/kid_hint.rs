//! `kid` is a hint (RFC 7515 §4.1.4): every combination of token `kid` (absent, matching,
//! different) × key `kid` (absent, present, different) × one key or several, for secrets,
//! PEM, JWK and JWK Set loading, through all three backends, on tokens PyJWT signed
//! (`vectors/gen_kid.py`).
//!
//! The expected verdict comes from [`expected`], a direct statement of the rule written
//! here independently of the verifier's code: with a token `kid`, the keys loaded with that
//! `kid` are tried first, then the keys loaded without one; without a token `kid`, every
//! key of the algorithm is tried in order; a `kid` no candidate answers to is `unknown_kid`.

use serde_json::Value;
use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::{
    Algorithm, BoundKey, Error, HmacSecret, KeyMaterial, Policy, SignatureBackend, Strength,
    Verifier,
};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

const NOW: u64 = 1_800_000_000;

fn doc() -> Value {
    serde_json::from_str(include_str!("vectors/kid_hint.json")).unwrap()
}

#[derive(Clone, Copy, Debug)]
enum Format {
    Secret,
    Pem,
    Jwk,
    Jwks,
}

/// Key configurations: (key name, kid it is loaded with), for key names `x` and `y`.
const CONFIGS: &[&[(usize, Option<&str>)]] = &[
    &[(0, None)],
    &[(0, Some("a"))],
    &[(0, Some("b"))],
    &[(0, Some("a")), (1, Some("b"))],
    &[(0, None), (1, Some("a"))],
    &[(0, Some("a")), (1, None)],
    &[(0, None), (1, None)],
    &[(0, Some("b")), (1, Some("b"))],
];

/// The rule, stated independently: the index of the key that verifies, or the error.
fn expected(
    config: &[(usize, Option<&str>)],
    signer: usize,
    kid: Option<&str>,
) -> Result<usize, Error> {
    let candidates: Vec<usize> = match kid {
        None => (0..config.len()).collect(),
        Some(k) => {
            let named = (0..config.len()).filter(|&i| config[i].1 == Some(k));
            let unnamed = (0..config.len()).filter(|&i| config[i].1.is_none());
            named.chain(unnamed).collect()
        }
    };
    if candidates.is_empty() {
        return Err(Error::UnknownKid);
    }
    candidates
        .into_iter()
        .find(|&i| config[i].0 == signer)
        .ok_or(Error::BadSignature)
}

fn with_kid(jwk: &Value, kid: Option<&str>) -> Value {
    let mut jwk = jwk.clone();
    if let Some(kid) = kid {
        jwk["kid"] = Value::String(kid.into());
    }
    jwk
}

fn load<B: SignatureBackend>(
    v: &mut Verifier<'_, B, 4>,
    doc: &Value,
    format: Format,
    alg: Algorithm,
    names: [&str; 2],
    config: &[(usize, Option<&str>)],
) {
    match format {
        Format::Secret => {
            for &(i, kid) in config {
                let s = doc["secrets"][names[i]].as_str().unwrap().as_bytes();
                let key = KeyMaterial::Hmac(HmacSecret::new(s).unwrap());
                v.keys_mut()
                    .add_key(&BoundKey::new(alg, key, Strength::Enforce).unwrap(), kid)
                    .unwrap();
            }
        }
        Format::Pem => {
            for &(i, kid) in config {
                let pem = doc["keys"][names[i]]["pem"].as_str().unwrap();
                v.keys_mut()
                    .add_pem(pem.as_bytes(), alg, kid, Strength::Enforce)
                    .unwrap();
            }
        }
        Format::Jwk => {
            for &(i, kid) in config {
                let jwk = with_kid(&doc["keys"][names[i]]["jwk"], kid).to_string();
                v.keys_mut()
                    .add_jwk(jwk.as_bytes(), JwkOptions::new().alg(alg))
                    .unwrap();
            }
        }
        Format::Jwks => {
            let keys: Vec<Value> = config
                .iter()
                .map(|&(i, kid)| with_kid(&doc["keys"][names[i]]["jwk"], kid))
                .collect();
            let set = serde_json::json!({ "keys": keys }).to_string();
            assert!(
                v.keys_mut()
                    .add_jwks(set.as_bytes(), JwkOptions::new().alg(alg))
                    .is_ok()
            );
        }
    }
    assert_eq!(v.keys().len(), config.len());
}

/// Runs every configuration of one key family and format; returns the number of checks.
fn family<B: SignatureBackend + Copy>(
    backend: B,
    format: Format,
    alg: Algorithm,
    names: [&str; 2],
) -> usize {
    let doc = doc();
    let tokens = doc["tokens"].as_array().unwrap();
    let mut checks = 0;
    for config in CONFIGS {
        let mut v: Verifier<'_, B, 4> = Verifier::new(backend, Policy::new()).unwrap();
        load(&mut v, &doc, format, alg, names, config);
        for t in tokens {
            let signer = t["signer"].as_str().unwrap();
            let kid = t["kid"].as_str();
            let token = t["token"].as_str().unwrap();
            let want = match names.iter().position(|n| *n == signer) {
                Some(s) => expected(config, s, kid),
                // Signed by a key of the same family that is not loaded.
                None if t["alg"].as_str() == Some(alg.name()) => expected(config, usize::MAX, kid),
                // Another algorithm: no key can serve it.
                None => Err(Error::AlgNotAllowed),
            };
            let mut buf = [0u8; 2048];
            let got = v.verify(token, NOW, &mut buf).map(|ok| ok.key_index());
            assert_eq!(
                got, want,
                "{format:?} {config:?}: token of {signer} with kid {kid:?}"
            );
            checks += 1;
        }
    }
    checks
}

fn all<B: SignatureBackend + Copy>(backend: B) {
    let mut checks = 0;
    checks += family(backend, Format::Secret, Algorithm::HS256, ["s1", "s2"]);
    for format in [Format::Pem, Format::Jwk, Format::Jwks] {
        checks += family(backend, format, Algorithm::RS256, ["r1", "r2"]);
        checks += family(backend, format, Algorithm::ES256, ["e1", "e2"]);
    }
    // 7 formats × families, 8 configurations, 18 tokens each.
    assert_eq!(checks, 7 * CONFIGS.len() * 18);
}

#[test]
fn kid_is_a_hint_ring() {
    all(Ring);
}

#[test]
fn kid_is_a_hint_rustcrypto() {
    all(RustCrypto);
}

#[test]
fn kid_is_a_hint_aws_lc_rs() {
    all(AwsLcRs);
}

#[test]
fn a_kid_on_a_key_of_another_alg_is_kid_alg_mismatch() {
    // An HS256 token naming the kid of a loaded RS256 key, with no kid-less HS256 key.
    let doc = doc();
    let mut v: Verifier<'_, RustCrypto, 4> = Verifier::new(RustCrypto, Policy::new()).unwrap();
    let pem = doc["keys"]["r1"]["pem"].as_str().unwrap();
    v.keys_mut()
        .add_pem(
            pem.as_bytes(),
            Algorithm::RS256,
            Some("a"),
            Strength::Enforce,
        )
        .unwrap();
    let s = doc["secrets"]["s1"].as_str().unwrap().as_bytes();
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(s).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    v.keys_mut().add_key(&key, Some("b")).unwrap();
    let token = |signer: &str, kid: Option<&str>| {
        doc["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["signer"] == signer && t["kid"].as_str() == kid)
            .unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let mut buf = [0u8; 2048];
    assert_eq!(
        v.verify(&token("s1", Some("a")), NOW, &mut buf).err(),
        Some(Error::KidAlgMismatch)
    );
    assert_eq!(
        v.verify(&token("s1", Some("b")), NOW, &mut buf)
            .map(|o| o.key_index()),
        Ok(1)
    );
    assert_eq!(
        v.verify(&token("s1", None), NOW, &mut buf)
            .map(|o| o.key_index()),
        Ok(1)
    );
    // With a kid-less HS256 key added, the same token has a candidate and verifies.
    v.keys_mut().add_key(&key, None).unwrap();
    assert_eq!(
        v.verify(&token("s1", Some("a")), NOW, &mut buf)
            .map(|o| o.key_index()),
        Ok(2)
    );
}
