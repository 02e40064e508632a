//! Footprint firmware (c): RS256 with a 2048-bit key alone. Loads the public key as a JWK
//! with `add_jwk`, verifies one real token (fuzz/vectors, see tokens/gen.py) under an issuer,
//! audience and `exp` policy, and checks a tampered copy fails. No allocator: the RustCrypto
//! backend's RSA runs on fixed-size integers.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::mem::size_of;

use cortex_m_rt::entry;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::limits::DEFAULT_BUFFER_LEN;
use tinyjwt_core::{Policy, Verifier};
use tinyjwt_footprint::{fail, finish, print_figure, stack_used, verify_case};
use tinyjwt_rustcrypto::RustCrypto;

const TOKEN: &str = include_str!("../../tokens/rs256.jwt");
const JWK: &str = include_str!("../../tokens/rs256.jwk.json");

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
    let mut loaded = false;
    let used = stack_used(&mut || {
        loaded = v
            .keys_mut()
            .add_jwk(black_box(JWK.as_bytes()), JwkOptions::new())
            .is_ok();
    });
    if !loaded {
        fail("add_jwk");
    }
    print_figure("stack.load", used);
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    verify_case(&v, "RS256", TOKEN, NOW, &mut buf);
    print_figure(
        "size.verifier",
        size_of::<Verifier<'static, RustCrypto, 1>>(),
    );
    print_figure("size.buffer", buf.len());
    finish()
}
