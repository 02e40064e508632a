//! Test-only backends and helpers, built from dev-dependencies (hmac 0.12, sha2 0.10).
#![allow(dead_code)]
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use std::cell::Cell;
use tinyjwt_core::{Algorithm, BadSignature, BoundKey, Error, KeyMaterial, SignatureBackend};

/// HMAC via RustCrypto; every other algorithm "verifies" when the signature equals the
/// first bytes of the key's modulus/point repeated (only to exercise key selection).
#[derive(Default)]
pub struct TestBackend {
    pub calls: Cell<usize>,
}

pub struct TestKey {
    alg: Algorithm,
    secret: Vec<u8>,
}

impl SignatureBackend for TestBackend {
    type Key = TestKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<TestKey, Error> {
        let secret = match key.material() {
            KeyMaterial::Hmac(s) => s.as_bytes().to_vec(),
            KeyMaterial::Rsa(k) => k.n().to_vec(),
            KeyMaterial::Ec(k) => k.x().to_vec(),
            KeyMaterial::Ed25519(k) => k.as_bytes().to_vec(),
        };
        Ok(TestKey {
            alg: key.alg(),
            secret,
        })
    }

    fn verify(&self, key: &TestKey, input: &[u8], sig: &[u8]) -> Result<(), BadSignature> {
        self.calls.set(self.calls.get() + 1);
        let ok = match key.alg {
            Algorithm::HS256 => mac::<Hmac<sha2::Sha256>>(&key.secret, input, sig),
            Algorithm::HS384 => mac::<Hmac<sha2::Sha384>>(&key.secret, input, sig),
            Algorithm::HS512 => mac::<Hmac<sha2::Sha512>>(&key.secret, input, sig),
            _ => fake_sig(&key.secret, sig.len()) == sig,
        };
        if ok { Ok(()) } else { Err(BadSignature) }
    }
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], input: &[u8], sig: &[u8]) -> bool {
    let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key).unwrap();
    m.update(input);
    m.verify_slice(sig).is_ok()
}

/// The "signature" the test backend accepts for a non-HMAC key.
pub fn fake_sig(key: &[u8], len: usize) -> Vec<u8> {
    key.iter().cycle().take(len).copied().collect()
}

pub fn b64(data: &[u8]) -> String {
    B64.encode(data)
}

pub fn unb64(s: &str) -> Vec<u8> {
    B64.decode(s).unwrap()
}

/// Builds `header.payload.signature` with HMAC over the given JSON texts.
pub fn hs_token(alg: Algorithm, secret: &[u8], header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let sig = match alg {
        Algorithm::HS256 => sign::<Hmac<sha2::Sha256>>(secret, input.as_bytes()),
        Algorithm::HS384 => sign::<Hmac<sha2::Sha384>>(secret, input.as_bytes()),
        Algorithm::HS512 => sign::<Hmac<sha2::Sha512>>(secret, input.as_bytes()),
        _ => panic!("not an HMAC alg"),
    };
    format!("{input}.{}", b64(&sig))
}

fn sign<M: Mac + hmac::digest::KeyInit>(key: &[u8], input: &[u8]) -> Vec<u8> {
    let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key).unwrap();
    m.update(input);
    m.finalize().into_bytes().to_vec()
}

/// A token for a non-HMAC key under the test backend.
pub fn fake_token(key: &[u8], sig_len: usize, header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(&fake_sig(key, sig_len))
    )
}
