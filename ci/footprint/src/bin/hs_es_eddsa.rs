//! Footprint firmware (b): HS256, ES256 and EdDSA in one verifier. The secret is loaded with
//! `add_secret`, the public keys as JWKs with `add_jwk` (how an issuer publishes them); one
//! real token of each algorithm (fuzz/vectors, see tokens/gen.py) verifies under an issuer,
//! audience and `exp` policy, and a tampered copy of each fails.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::mem::size_of;

use cortex_m_rt::entry;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::limits::DEFAULT_BUFFER_LEN;
use tinyjwt_core::{Algorithm, Error, Policy, Strength, Verifier, base64url};
use tinyjwt_footprint::{fail, finish, print_figure, stack_used, verify_case};
use tinyjwt_rustcrypto::RustCrypto;

const HS256_TOKEN: &str = include_str!("../../tokens/hs256.jwt");
const SECRET_B64U: &str = include_str!("../../tokens/hs256.secret.b64u");
const ES256_TOKEN: &str = include_str!("../../tokens/es256.jwt");
const ES256_JWK: &str = include_str!("../../tokens/es256.jwk.json");
const EDDSA_TOKEN: &str = include_str!("../../tokens/eddsa.jwt");
const EDDSA_JWK: &str = include_str!("../../tokens/eddsa.jwk.json");
/// Longest secret accepted here (HS512's recommended 64 bytes).
const MAX_SECRET_LEN: usize = 64;
/// One key per algorithm.
const KEYS: usize = 3;

/// "Now": after the tokens' `iat`/`nbf`, before their `exp`.
const NOW: u64 = 1_700_000_100;
const POLICY: Policy<'static> = Policy::new()
    .leeway(30)
    .issuers(&["fuzz"])
    .audiences(&["a"]);

/// Loads the three keys (the measured call).
#[inline(never)]
fn load(v: &mut Verifier<'static, RustCrypto, KEYS>, secret: &[u8]) -> Result<(), Error> {
    let mut keys = v.keys_mut();
    keys.add_secret(
        Algorithm::HS256,
        black_box(secret),
        Some("hs256"),
        Strength::Enforce,
    )?;
    keys.add_jwk(black_box(ES256_JWK.as_bytes()), JwkOptions::new())?;
    keys.add_jwk(black_box(EDDSA_JWK.as_bytes()), JwkOptions::new())
}

#[entry]
fn main() -> ! {
    let mut v = match Verifier::<RustCrypto, KEYS>::new(RustCrypto, POLICY) {
        Ok(v) => v,
        Err(_) => fail("Verifier::new"),
    };
    let mut secret = [0u8; MAX_SECRET_LEN];
    let Ok(secret) = base64url::decode(SECRET_B64U.trim_ascii_end().as_bytes(), &mut secret) else {
        fail("the secret's base64url");
    };
    let mut loaded = false;
    let used = stack_used(&mut || loaded = load(&mut v, secret).is_ok());
    if !loaded {
        fail("loading the keys");
    }
    print_figure("stack.load", used);
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    verify_case(&v, "HS256", HS256_TOKEN, NOW, &mut buf);
    verify_case(&v, "ES256", ES256_TOKEN, NOW, &mut buf);
    verify_case(&v, "EdDSA", EDDSA_TOKEN, NOW, &mut buf);
    print_figure(
        "size.verifier",
        size_of::<Verifier<'static, RustCrypto, KEYS>>(),
    );
    print_figure("size.buffer", buf.len());
    finish()
}
