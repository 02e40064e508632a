//! # tinyjwt-rustcrypto
//!
//! A pure-Rust [`SignatureBackend`] for tinyjwt built on the RustCrypto crates. It is the
//! portable default: it runs wherever Rust compiles, including `wasm32` and Cortex-M.
//!
//! | algorithms | crate | heap |
//! |---|---|---|
//! | HS256/384/512 | `hmac` 0.12 + `sha2` 0.10 | no |
//! | ES256, ES384, ES512 | `p256` / `p384` (feature `es384`) / `p521` (feature `es512`) 0.13 | no |
//! | EdDSA, Ed25519 (RFC 9864) | `ed25519-dalek` 2 | no |
//! | RS256/384/512, PS256/384/512 | `rsa` =0.10.0-rc.20, feature `alloc` | yes |
//!
//! ```
//! use tinyjwt_core::{Algorithm, BoundKey, HmacSecret, KeyMaterial, SignatureBackend, Strength};
//! use tinyjwt_rustcrypto::RustCrypto;
//!
//! let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
//! let key = RustCrypto.prepare(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?)?;
//! // A forged all-zero tag is refused (`verify_slice` compares in constant time).
//! assert_eq!(
//!     RustCrypto.verify(&key, b"header.payload", &[0; 32]),
//!     Err(tinyjwt_core::BadSignature)
//! );
//! # Ok::<(), tinyjwt_core::Error>(())
//! ```
//!
//! ## Features
//!
//! - `alloc` (**on by default**): RS*/PS* through the `rsa` crate, the only part that needs a
//!   heap. It is on by default because most users (servers, WASM) have a heap and expect all
//!   fourteen algorithms; for a target without an allocator use `default-features = false`, and
//!   RSA keys are then refused with [`Error::UnsupportedAlg`] when they are prepared. Without
//!   `alloc` the crate builds for `thumbv7em-none-eabihf` with no allocator.
//! - `es384` and `es512` (**on by default**): ES384 through `p384` and ES512 through `p521`.
//!   Neither needs a heap, but on a microcontroller they are the biggest part of the backend:
//!   about 94 KiB and 80 KiB of Cortex-M3 code (opt-level "z", `ci/cortex-m`), against 7 KiB
//!   for P-256, so a 256 KiB-flash part cannot hold both. With a feature off, keys of its
//!   algorithm are refused with [`Error::UnsupportedAlg`] when they are prepared.
//!   `default-features = false` turns them off too; name the ones you need.
//!
//! ## Why these versions
//!
//! Chosen by measurement, not by recency:
//! - `rsa` 0.10 (only release candidates exist, so it is pinned exactly with `=`): it verifies
//!   an RSA-2048 signature about 3× faster than 0.9 (79 µs against 236 µs on the project's
//!   reference machine), and RSA verification dominates RS*/PS* token checks.
//! - `hmac` 0.12, `sha2` 0.10, `p256`/`p384`/`p521` 0.13, `ed25519-dalek` 2: their newest major
//!   versions are about 24 KiB bigger on Cortex-M for the same algorithms, which matters more
//!   on a microcontroller than anything the new versions add for verification. (`rsa` 0.10
//!   brings its own `sha2` 0.11; that copy is compiled only with `alloc`.)
//!
//! ## Behaviour shared with every tinyjwt backend
//!
//! - **RSA**: 2048–8192-bit moduli. A key of 1024–2047 bits (bound with
//!   `Strength::AllowWeak`) is accepted for RS256 and RS512 only; the core refuses it as
//!   [`Error::WeakKey`] for RS384 and PS* when it is bound (mirroring what ring can do), so
//!   every backend accepts exactly the same keys. A signature whose length differs from the modulus is
//!   `bad_signature`; the PSS salt length is the hash length (RFC 7518 §3.5).
//! - **ECDSA**: exactly `r||s` (`Signature::from_slice`), so DER is refused; r or s equal to 0
//!   or ≥ n are refused (CVE-2022-21449) — `ecdsa` 0.16 already does this when decoding, and
//!   the adapter's tests pin it (for P-256 and P-521). The point is validated when the key is
//!   prepared. ES512 signs SHA-512 of the input with P-521 (RFC 7518 §3.4); `r` and `s` are 66
//!   bytes each.
//! - **Ed25519**: `verify_strict` (RFC 8032 with `S` < L, small-order `R` refused — the core's
//!   verifier refuses such an `R` too, before any backend runs). A public key that is not
//!   canonically encoded or of small order is refused by the core, one that is not a curve
//!   point here at prepare time, all as [`Error::InvalidKey`] — the same answer `tinyjwt-ring`
//!   gives.
//! - **HMAC**: the MAC is keyed once and cloned per verify; `verify_slice` compares the full
//!   tag in constant time, so a truncated tag never verifies.
#![no_std]
// Unit tests may truncate in casts (clippy.toml frees them of the other panic lints).
#![cfg_attr(test, allow(clippy::cast_possible_truncation))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use ed25519_dalek::Verifier as _;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};
use tinyjwt_core::alg::{Curve, Hash};
use tinyjwt_core::{BadSignature, BoundKey, Error, KeyInput, KeyProblem, SignatureBackend};

#[cfg(feature = "alloc")]
mod rsa_impl;

/// The RustCrypto backend. Stateless and `Copy`: keep one anywhere, there is no global state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RustCrypto;

/// A key prepared by [`RustCrypto`] for exactly one algorithm.
///
/// Its `Debug` output never shows secret material.
pub struct RustCryptoKey(Inner);

enum Inner {
    Hs256(Hmac<Sha256>),
    Hs384(Hmac<Sha384>),
    Hs512(Hmac<Sha512>),
    Es256(p256::ecdsa::VerifyingKey),
    #[cfg(feature = "es384")]
    Es384(p384::ecdsa::VerifyingKey),
    #[cfg(feature = "es512")]
    Es512(p521::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    #[cfg(feature = "alloc")]
    Rsa(rsa_impl::RsaKey),
}

impl core::fmt::Debug for RustCryptoKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.0 {
            Inner::Hs256(_) | Inner::Hs384(_) | Inner::Hs512(_) => "Hmac(redacted)",
            Inner::Es256(_) => "Es256",
            #[cfg(feature = "es384")]
            Inner::Es384(_) => "Es384",
            #[cfg(feature = "es512")]
            Inner::Es512(_) => "Es512",
            Inner::Ed25519(_) => "Ed25519",
            #[cfg(feature = "alloc")]
            Inner::Rsa(_) => "Rsa",
        };
        write!(f, "RustCryptoKey({kind})")
    }
}

// Each algorithm's verification is its own `#[inline(never)]` function: inlined into the one
// `match` below, LLVM merges all arms' locals into a single frame, so an HS256 verification
// paid for P-384's stack (6 KiB measured on Cortex-M3, `ci/cortex-m`).

/// Verifies an HMAC tag: full length only, constant-time comparison inside `verify_slice`.
#[inline(never)]
fn hmac_verify<M: Mac + Clone>(keyed: &M, input: &[u8], tag: &[u8]) -> bool {
    let mut mac = keyed.clone();
    mac.update(input);
    mac.verify_slice(tag).is_ok()
}

/// ES256: `from_slice` takes exactly r||s and refuses r, s = 0 or >= n.
#[inline(never)]
fn es256_verify(k: &p256::ecdsa::VerifyingKey, input: &[u8], sig: &[u8]) -> bool {
    p256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| k.verify(input, &s).is_ok())
}

/// ES384, as ES256.
#[cfg(feature = "es384")]
#[inline(never)]
fn es384_verify(k: &p384::ecdsa::VerifyingKey, input: &[u8], sig: &[u8]) -> bool {
    p384::ecdsa::Signature::from_slice(sig).is_ok_and(|s| k.verify(input, &s).is_ok())
}

/// ES512 (P-521 with SHA-512), as ES256: `p521`'s `Verifier` hashes the input with SHA-512
/// (RFC 7518 §3.4), and `from_slice` takes exactly the 132-byte r||s.
#[cfg(feature = "es512")]
#[inline(never)]
fn es512_verify(k: &p521::ecdsa::VerifyingKey, input: &[u8], sig: &[u8]) -> bool {
    p521::ecdsa::Signature::from_slice(sig).is_ok_and(|s| k.verify(input, &s).is_ok())
}

/// EdDSA and Ed25519 (RFC 9864: the same signature) with the strict rules (canonical `S`, no
/// small-order `R` or key).
#[inline(never)]
fn ed25519_verify(k: &ed25519_dalek::VerifyingKey, input: &[u8], sig: &[u8]) -> bool {
    ed25519_dalek::Signature::from_slice(sig).is_ok_and(|s| k.verify_strict(input, &s).is_ok())
}

impl SignatureBackend for RustCrypto {
    type Key = RustCryptoKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<RustCryptoKey, Error> {
        let off_curve = Error::InvalidKey(KeyProblem::Point);
        let inner = match key.input() {
            KeyInput::Hmac { hash, secret } => {
                let s = secret.as_bytes();
                // HMAC takes a key of any length: `new_from_slice` never fails for it.
                let bad = |_| Error::InvalidKey(KeyProblem::Encoding);
                match hash {
                    Hash::Sha256 => Inner::Hs256(Hmac::new_from_slice(s).map_err(bad)?),
                    Hash::Sha384 => Inner::Hs384(Hmac::new_from_slice(s).map_err(bad)?),
                    Hash::Sha512 => Inner::Hs512(Hmac::new_from_slice(s).map_err(bad)?),
                }
            }
            KeyInput::Ecdsa { curve, key } => {
                let sec1 = key.to_sec1();
                let point = sec1.as_bytes();
                // `from_sec1_bytes` checks the coordinates are < p and the point is on the curve.
                match curve {
                    Curve::P256 => Inner::Es256(
                        p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| off_curve)?,
                    ),
                    #[cfg(feature = "es384")]
                    Curve::P384 => Inner::Es384(
                        p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| off_curve)?,
                    ),
                    #[cfg(feature = "es512")]
                    Curve::P521 => Inner::Es512(
                        p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| off_curve)?,
                    ),
                    // A curve whose feature is off: like RSA without `alloc`.
                    #[allow(unreachable_patterns)]
                    _ => return Err(Error::UnsupportedAlg),
                }
            }
            // `from_bytes` decompresses the point (refusing bytes that are not one); the core
            // has already refused non-canonical and small-order encodings.
            KeyInput::Ed25519 { key } => Inner::Ed25519(
                ed25519_dalek::VerifyingKey::from_bytes(key.as_bytes()).map_err(|_| off_curve)?,
            ),
            #[cfg(feature = "alloc")]
            KeyInput::RsaPkcs1 { hash, key, .. } => {
                Inner::Rsa(rsa_impl::RsaKey::new(rsa_impl::Scheme::Pkcs1, hash, &key)?)
            }
            #[cfg(feature = "alloc")]
            KeyInput::RsaPss { hash, key } => {
                Inner::Rsa(rsa_impl::RsaKey::new(rsa_impl::Scheme::Pss, hash, &key)?)
            }
            #[cfg(not(feature = "alloc"))]
            KeyInput::RsaPkcs1 { .. } | KeyInput::RsaPss { .. } => {
                return Err(Error::UnsupportedAlg);
            }
        };
        Ok(RustCryptoKey(inner))
    }

    fn verify(
        &self,
        key: &RustCryptoKey,
        signing_input: &[u8],
        sig: &[u8],
    ) -> Result<(), BadSignature> {
        let ok = match &key.0 {
            Inner::Hs256(m) => hmac_verify(m, signing_input, sig),
            Inner::Hs384(m) => hmac_verify(m, signing_input, sig),
            Inner::Hs512(m) => hmac_verify(m, signing_input, sig),
            Inner::Es256(k) => es256_verify(k, signing_input, sig),
            #[cfg(feature = "es384")]
            Inner::Es384(k) => es384_verify(k, signing_input, sig),
            #[cfg(feature = "es512")]
            Inner::Es512(k) => es512_verify(k, signing_input, sig),
            Inner::Ed25519(k) => ed25519_verify(k, signing_input, sig),
            #[cfg(feature = "alloc")]
            Inner::Rsa(k) => k.verify(signing_input, sig),
        };
        if ok { Ok(()) } else { Err(BadSignature) }
    }
}
