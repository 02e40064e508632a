//! A tinyjwt verifier as a WebAssembly module with no imports: the public API
//! (`tinyjwt_core::Verifier` with the RustCrypto backend) behind two C-ABI exports, so its
//! size is the verifier's and not a binding generator's.
//!
//! - `token_buffer() -> *mut u8`: where the host writes the token (at most
//!   [`MAX_TOKEN_LEN`] bytes) in the module's memory;
//! - `verify(ptr, len, now) -> u32`: verifies the `len` bytes at `ptr` at time `now` (Unix
//!   seconds): [`VERIFIED`], [`BAD_SIGNATURE`] or [`OTHER_ERROR`].
//!
//! The keys and the policy (issuer `fuzz`, audience `a`, `exp`) are built in: the tokens are the
//! fuzz crate's differential vectors (fuzz/vectors). The `Verifier` is built on each call, so
//! the module keeps no state between calls (a real one would keep it: the size is the same).
#![no_std]

use core::panic::PanicInfo;

use tinyjwt_core::error::KeyProblem;
use tinyjwt_core::limits::DEFAULT_BUFFER_LEN;
use tinyjwt_core::{Algorithm, Error, Policy, Strength, Verifier, base64url};
use tinyjwt_rustcrypto::RustCrypto;

/// `verify`'s result: the token verified.
pub const VERIFIED: u32 = 0;
/// `verify`'s result: a key was found but the signature is wrong.
pub const BAD_SIGNATURE: u32 = 1;
/// `verify`'s result: any other refusal (claims, format, no key).
pub const OTHER_ERROR: u32 = 2;

/// Longest token the host may write into [`token_buffer`].
pub const MAX_TOKEN_LEN: usize = 4096;

/// The HS256 key of fuzz/vectors/diff_keys.json, base64url (its JWK's `k`; written by
/// ci/footprint/tokens/gen.py).
const HS256_SECRET_B64U: &str = include_str!("../../footprint/tokens/hs256.secret.b64u");
/// Longest secret decoded here (HS512's recommended 64 bytes).
const MAX_SECRET_LEN: usize = 64;
/// Every public key of the differential vectors (RS*, PS*, ES256, ES384, EdDSA), and the ES512
/// key the Cortex-M firmware uses.
#[cfg(feature = "all")]
const PUBLIC_KEYS: &[&str] = &[
    include_str!("../../../fuzz/vectors/diff_keys.json"),
    include_str!("../../cortex-m/tokens/es512.jwks.json"),
];
/// The secret and, with `all`, the public keys.
#[cfg(feature = "all")]
const KEYS: usize = 16;
#[cfg(not(feature = "all"))]
const KEYS: usize = 1;

const POLICY: Policy<'static> = Policy::new()
    .leeway(30)
    .issuers(&["fuzz"])
    .audiences(&["a"]);

/// Where the host writes the token.
static mut TOKEN: [u8; MAX_TOKEN_LEN] = [0; MAX_TOKEN_LEN];

/// The address of the token buffer in the module's memory.
#[unsafe(no_mangle)]
pub extern "C" fn token_buffer() -> *mut u8 {
    core::ptr::addr_of_mut!(TOKEN).cast()
}

/// Verifies the `len` bytes at `ptr` (inside [`token_buffer`]) at time `now`.
#[unsafe(no_mangle)]
pub extern "C" fn verify(ptr: *const u8, len: usize, now: u64) -> u32 {
    let base = core::ptr::addr_of!(TOKEN).cast::<u8>();
    // Only the token buffer is read: a pointer or length outside it is refused.
    let start = (ptr as usize).wrapping_sub(base as usize);
    if start > MAX_TOKEN_LEN || len > MAX_TOKEN_LEN - start {
        return OTHER_ERROR;
    }
    // SAFETY: [ptr, ptr + len) lies inside TOKEN (checked above); wasm is single-threaded and
    // nothing else writes TOKEN while this call runs.
    let bytes = unsafe { core::slice::from_raw_parts(base.add(start), len) };
    let Ok(token) = core::str::from_utf8(bytes) else {
        return OTHER_ERROR;
    };
    match run(token, now) {
        Ok(()) => VERIFIED,
        Err(Error::BadSignature) => BAD_SIGNATURE,
        Err(_) => OTHER_ERROR,
    }
}

fn run(token: &str, now: u64) -> Result<(), Error> {
    let mut v = Verifier::<RustCrypto, KEYS>::new(RustCrypto, POLICY)?;
    let mut secret = [0u8; MAX_SECRET_LEN];
    let secret = base64url::decode(HS256_SECRET_B64U.trim_ascii_end().as_bytes(), &mut secret)
        .map_err(|_| Error::InvalidKey(KeyProblem::Encoding))?;
    v.keys_mut()
        .add_secret(Algorithm::HS256, secret, Some("hs256"), Strength::Enforce)?;
    #[cfg(feature = "all")]
    for set in PUBLIC_KEYS {
        v.keys_mut()
            .add_jwks(set.as_bytes(), tinyjwt_core::jwk::JwkOptions::new())?;
    }
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    v.verify(token, now, &mut buf).map(|_| ())
}

/// A trap: the host sees the call fail.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
