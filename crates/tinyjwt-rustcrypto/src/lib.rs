//! # tinyjwt-rustcrypto
//!
//! A pure-Rust [`SignatureBackend`] for tinyjwt built on the RustCrypto crates. It is the
//! portable default: it runs wherever Rust compiles, including `wasm32` and Cortex-M.
//!
//! Nothing in it needs a heap: every algorithm verifies on a microcontroller with no
//! allocator, and each family is a cargo feature, so a firmware links only what it uses.
//!
//! | algorithms | feature | crate |
//! |---|---|---|
//! | HS256/384/512 | `hs` | `hmac` 0.12 + `sha2` 0.10 |
//! | RS256/384/512, PS256/384/512 | `rs` | `crypto-bigint` 0.7 fixed-size integers + `sha2` 0.10 |
//! | ES256 | `es256` | `p256` 0.13 |
//! | ES384 | `es384` | `p384` 0.13 |
//! | ES512 | `es512` | `p521` 0.13 |
//! | EdDSA, Ed25519 (RFC 9864) | `eddsa` | `ed25519-dalek` 2 |
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
//! - `hs`, `rs`, `es256`, `es384`, `es512`, `eddsa` (**all on by default**): one per algorithm
//!   family, as in the table; `hs` is `hs256` + `hs384` + `hs512`, `rs` is `rs256` … `ps512`,
//!   one feature per algorithm, so an HS256- or RS256-only firmware does not link SHA-512
//!   (10 KiB of Cortex-M3 code). With an algorithm's feature off, none of its code is linked,
//!   and a key of it is refused with [`Error::UnsupportedAlg`] when it is prepared (so a token
//!   of that algorithm finds no key); nothing panics. `default-features = false` turns every
//!   algorithm off: name the ones you need, e.g. `features = ["hs256"]`.
//!   On a microcontroller the curves are the biggest part: about 94 KiB (P-384) and 80 KiB
//!   (P-521) of Cortex-M3 code (opt-level "z", `ci/cortex-m`), against 7 KiB for P-256.
//! - `alloc`: kept so existing `features = ["alloc"]` lines still build; it changes nothing.
//!   RS*/PS* used to need it (the `rsa` crate's heap integers); see
//!   [RSA without a heap](#rsa-without-a-heap).
//!
//! ## RSA without a heap
//!
//! The RSA public operation runs on `crypto-bigint`'s stack-allocated `Uint`s in Montgomery
//! form, sized to the smallest of 2048, 4096 and 8192 bits that holds the modulus. The
//! PKCS#1 v1.5 check rebuilds the one valid encoding and compares it byte for byte; PSS is
//! RFC 8017 §9.1.2 with MGF1 and a salt as long as the hash. The key keeps its modulus inline
//! (1 KiB, the core's `MAX_RSA_BITS`). This replaced the `rsa` crate: it does the same
//! `crypto-bigint` arithmetic through heap integers, and both give the same verdicts on every
//! Wycheproof and RFC vector (the conformance suite) and against ring and aws-lc-rs (the
//! differential fuzz target).
//!
//! ## Why these versions
//!
//! Chosen by measurement, not by recency:
//! - `crypto-bigint` 0.7: the arithmetic `rsa` 0.10 uses, without its boxes.
//! - `hmac` 0.12, `sha2` 0.10, `p256`/`p384`/`p521` 0.13, `ed25519-dalek` 2: their newest major
//!   versions are about 24 KiB bigger on Cortex-M for the same algorithms, which matters more
//!   on a microcontroller than anything the new versions add for verification.
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
// With every algorithm family off the backend refuses every key, and the match arms that
// would use these go away.
#![cfg_attr(
    not(any(
        feature = "_hmac",
        feature = "_rsa",
        feature = "es256",
        feature = "es384",
        feature = "es512",
        feature = "eddsa"
    )),
    allow(unused_imports, unreachable_code, unused_variables)
)]

#[cfg(feature = "_hmac")]
use hmac::{Hmac, Mac};
// The `Verifier` trait the curve crates and ed25519-dalek implement.
#[cfg(feature = "hs256")]
use sha2::Sha256;
#[cfg(feature = "hs384")]
use sha2::Sha384;
#[cfg(feature = "hs512")]
use sha2::Sha512;
#[cfg(any(feature = "es256", feature = "es384", feature = "es512"))]
use signature::Verifier as _;
#[cfg(any(
    feature = "es256",
    feature = "es384",
    feature = "es512",
    feature = "eddsa"
))]
use tinyjwt_core::KeyProblem;
#[cfg(any(feature = "es256", feature = "es384", feature = "es512"))]
use tinyjwt_core::alg::Curve;
#[cfg(feature = "_hmac")]
use tinyjwt_core::alg::Hash;
use tinyjwt_core::{BadSignature, BoundKey, Error, KeyInput, SignatureBackend};

#[cfg(feature = "_rsa")]
mod rsa_fixed;

#[cfg(test)]
extern crate std;

/// The RustCrypto backend. Stateless and `Copy`: keep one anywhere, there is no global state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RustCrypto;

/// A key prepared by [`RustCrypto`] for exactly one algorithm.
///
/// Its `Debug` output never shows secret material. With `rs` on it holds an RSA modulus inline
/// (up to 1 KiB), so every key is that big: a key set of `N` keys costs `N` KiB of RAM.
pub struct RustCryptoKey(Inner);

// The RSA key is held inline (no heap, so no box): every key costs its 1 KiB, by design.
#[cfg_attr(feature = "_rsa", allow(clippy::large_enum_variant))]
enum Inner {
    #[cfg(feature = "hs256")]
    Hs256(Hmac<Sha256>),
    #[cfg(feature = "hs384")]
    Hs384(Hmac<Sha384>),
    #[cfg(feature = "hs512")]
    Hs512(Hmac<Sha512>),
    #[cfg(feature = "es256")]
    Es256(p256::ecdsa::VerifyingKey),
    #[cfg(feature = "es384")]
    Es384(p384::ecdsa::VerifyingKey),
    #[cfg(feature = "es512")]
    Es512(p521::ecdsa::VerifyingKey),
    #[cfg(feature = "eddsa")]
    Ed25519(ed25519_dalek::VerifyingKey),
    #[cfg(feature = "_rsa")]
    Rsa(rsa_fixed::FixedRsaKey),
    /// With every family off no key can be made; this keeps the type inhabited-free but valid.
    #[cfg(not(any(
        feature = "_hmac",
        feature = "_rsa",
        feature = "es256",
        feature = "es384",
        feature = "es512",
        feature = "eddsa"
    )))]
    #[allow(dead_code)]
    None(core::convert::Infallible),
}

impl core::fmt::Debug for RustCryptoKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.0 {
            #[cfg(feature = "hs256")]
            Inner::Hs256(_) => "Hmac(redacted)",
            #[cfg(feature = "hs384")]
            Inner::Hs384(_) => "Hmac(redacted)",
            #[cfg(feature = "hs512")]
            Inner::Hs512(_) => "Hmac(redacted)",
            #[cfg(feature = "es256")]
            Inner::Es256(_) => "Es256",
            #[cfg(feature = "es384")]
            Inner::Es384(_) => "Es384",
            #[cfg(feature = "es512")]
            Inner::Es512(_) => "Es512",
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(_) => "Ed25519",
            #[cfg(feature = "_rsa")]
            Inner::Rsa(_) => "Rsa",
            #[cfg(not(any(
                feature = "_hmac",
                feature = "_rsa",
                feature = "es256",
                feature = "es384",
                feature = "es512",
                feature = "eddsa"
            )))]
            Inner::None(never) => match *never {},
        };
        write!(f, "RustCryptoKey({kind})")
    }
}

// Each algorithm's verification is its own `#[inline(never)]` function: inlined into the one
// `match` below, LLVM merges all arms' locals into a single frame, so an HS256 verification
// paid for P-384's stack (6 KiB measured on Cortex-M3, `ci/cortex-m`).

/// Verifies an HMAC tag: full length only, constant-time comparison inside `verify_slice`.
#[cfg(feature = "_hmac")]
#[inline(never)]
fn hmac_verify<M: Mac + Clone>(keyed: &M, input: &[u8], tag: &[u8]) -> bool {
    let mut mac = keyed.clone();
    mac.update(input);
    mac.verify_slice(tag).is_ok()
}

/// ES256: `from_slice` takes exactly r||s and refuses r, s = 0 or >= n.
#[cfg(feature = "es256")]
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
#[cfg(feature = "eddsa")]
#[inline(never)]
fn ed25519_verify(k: &ed25519_dalek::VerifyingKey, input: &[u8], sig: &[u8]) -> bool {
    ed25519_dalek::Signature::from_slice(sig).is_ok_and(|s| k.verify_strict(input, &s).is_ok())
}

/// RS*/PS*: the fixed-size-integer path (`rsa_fixed`).
#[cfg(feature = "_rsa")]
#[inline(never)]
fn rsa_verify(k: &rsa_fixed::FixedRsaKey, input: &[u8], sig: &[u8]) -> bool {
    k.verify(input, sig)
}

impl SignatureBackend for RustCrypto {
    type Key = RustCryptoKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<RustCryptoKey, Error> {
        let inner = match key.input() {
            #[cfg(feature = "_hmac")]
            KeyInput::Hmac { hash, secret } => {
                let s = secret.as_bytes();
                // HMAC takes a key of any length: `new_from_slice` never fails for it.
                let bad = |_| Error::InvalidKey(tinyjwt_core::KeyProblem::Encoding);
                match hash {
                    #[cfg(feature = "hs256")]
                    Hash::Sha256 => Inner::Hs256(Hmac::new_from_slice(s).map_err(bad)?),
                    #[cfg(feature = "hs384")]
                    Hash::Sha384 => Inner::Hs384(Hmac::new_from_slice(s).map_err(bad)?),
                    #[cfg(feature = "hs512")]
                    Hash::Sha512 => Inner::Hs512(Hmac::new_from_slice(s).map_err(bad)?),
                    // An HMAC algorithm whose feature is off.
                    #[allow(unreachable_patterns)]
                    _ => return Err(Error::UnsupportedAlg),
                }
            }
            #[cfg(any(feature = "es256", feature = "es384", feature = "es512"))]
            KeyInput::Ecdsa { curve, key } => {
                let off_curve = Error::InvalidKey(KeyProblem::Point);
                let sec1 = key.to_sec1();
                let point = sec1.as_bytes();
                // `from_sec1_bytes` checks the coordinates are < p and the point is on the curve.
                match curve {
                    #[cfg(feature = "es256")]
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
                    // A curve whose feature is off.
                    #[allow(unreachable_patterns)]
                    _ => return Err(Error::UnsupportedAlg),
                }
            }
            // `from_bytes` decompresses the point (refusing bytes that are not one); the core
            // has already refused non-canonical and small-order encodings.
            #[cfg(feature = "eddsa")]
            KeyInput::Ed25519 { key } => Inner::Ed25519(
                ed25519_dalek::VerifyingKey::from_bytes(key.as_bytes())
                    .map_err(|_| Error::InvalidKey(KeyProblem::Point))?,
            ),
            // The core has checked the size against the algorithm and the exponent; the
            // legacy-size flag needs nothing different here.
            #[cfg(feature = "_rsa")]
            KeyInput::RsaPkcs1 { hash, key, .. } => Inner::Rsa(rsa_fixed::FixedRsaKey::new(
                rsa_fixed::Scheme::Pkcs1,
                hash,
                &key,
            )?),
            #[cfg(feature = "_rsa")]
            KeyInput::RsaPss { hash, key } => Inner::Rsa(rsa_fixed::FixedRsaKey::new(
                rsa_fixed::Scheme::Pss,
                hash,
                &key,
            )?),
            // A family whose feature is off.
            #[allow(unreachable_patterns)]
            _ => return Err(Error::UnsupportedAlg),
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
            #[cfg(feature = "hs256")]
            Inner::Hs256(m) => hmac_verify(m, signing_input, sig),
            #[cfg(feature = "hs384")]
            Inner::Hs384(m) => hmac_verify(m, signing_input, sig),
            #[cfg(feature = "hs512")]
            Inner::Hs512(m) => hmac_verify(m, signing_input, sig),
            #[cfg(feature = "es256")]
            Inner::Es256(k) => es256_verify(k, signing_input, sig),
            #[cfg(feature = "es384")]
            Inner::Es384(k) => es384_verify(k, signing_input, sig),
            #[cfg(feature = "es512")]
            Inner::Es512(k) => es512_verify(k, signing_input, sig),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(k) => ed25519_verify(k, signing_input, sig),
            #[cfg(feature = "_rsa")]
            Inner::Rsa(k) => rsa_verify(k, signing_input, sig),
            #[cfg(not(any(
                feature = "_hmac",
                feature = "_rsa",
                feature = "es256",
                feature = "es384",
                feature = "es512",
                feature = "eddsa"
            )))]
            Inner::None(never) => match *never {},
        };
        if ok { Ok(()) } else { Err(BadSignature) }
    }
}

#[cfg(test)]
mod tests;
