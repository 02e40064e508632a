//! Footprint firmware (a): HS256 alone. Loads the shared secret with `add_secret`, as
//! firmware holding an HMAC secret would, verifies one real token (fuzz/vectors, see
//! tokens/gen.py) under an issuer, audience and `exp` policy, and checks a tampered copy fails.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::mem::size_of;

use cortex_m_rt::entry;
use tinyjwt_core::limits::DEFAULT_BUFFER_LEN;
use tinyjwt_core::{Algorithm, Policy, Strength, Verifier, base64url};
use tinyjwt_footprint::{fail, finish, print_figure, stack_used, verify_case};
use tinyjwt_rustcrypto::RustCrypto;

/// `{"alg":"HS256","typ":"JWT","kid":"hs256"}`, claims `iss` "fuzz", `aud` ["a","b"], `exp`
/// 4000000000.
const TOKEN: &str = include_str!("../../tokens/hs256.jwt");
/// The secret, base64url (the JWK's `k`): decoded at start-up, as a provisioned secret would be.
const SECRET_B64U: &str = include_str!("../../tokens/hs256.secret.b64u");
/// Longest secret accepted here (HS512's recommended 64 bytes).
const MAX_SECRET_LEN: usize = 64;

/// "Now": after the token's `iat`/`nbf`, before its `exp`.
const NOW: u64 = 1_700_000_100;
const POLICY: Policy<'static> = Policy::new()
    .leeway(30)
    .issuers(&["fuzz"])
    .audiences(&["a"]);

#[entry]
fn main() -> ! {
    let mut v = match Verifier::<RustCrypto, 1>::new(RustCrypto, POLICY) {
        Ok(v) => v,
        Err(_) => fail("Verifier::new"),
    };
    let mut secret = [0u8; MAX_SECRET_LEN];
    let Ok(secret) = base64url::decode(SECRET_B64U.trim_ascii_end().as_bytes(), &mut secret) else {
        fail("the secret's base64url");
    };
    let mut loaded = false;
    let used = stack_used(&mut || {
        loaded = v
            .keys_mut()
            .add_secret(Algorithm::HS256, black_box(secret), None, Strength::Enforce)
            .is_ok();
    });
    if !loaded {
        fail("add_secret");
    }
    print_figure("stack.load", used);
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    verify_case(&v, "HS256", TOKEN, NOW, &mut buf);
    print_figure(
        "size.verifier",
        size_of::<Verifier<'static, RustCrypto, 1>>(),
    );
    print_figure("size.buffer", buf.len());
    finish()
}
