//! # tinyjwt-ring
//!
//! A [`SignatureBackend`] for tinyjwt built on [*ring*](https://docs.rs/ring) 0.17: thirteen of
//! the fourteen JWS algorithms tinyjwt knows (HS256/384/512, RS256/384/512, PS256/384/512,
//! ES256, ES384, EdDSA and RFC 9864's Ed25519), all but **ES512**.
//!
//! ## No ES512 (P-521)
//!
//! ring 0.17 has no P-521 arithmetic, so [`Ring::prepare`] refuses every ES512 key with
//! [`Error::UnsupportedAlg`]; `Verifier::add_key` (and `add_jwk`, `add_pem`, ...) return that
//! error when such a key is loaded, never later at verification. Use `tinyjwt-rustcrypto`
//! for ES512 (it verifies it without a heap); the conformance suite states this per backend
//! (`tinyjwt_conformance::Supports`).
//!
//! Pick this backend for servers that want a small, quick build: ring's assembly makes RSA
//! and ECDSA fast, and it compiles without a CMake-style C build (`tinyjwt-aws-lc-rs` is
//! faster still, RSA most of all, and has ES512, for the cost of building AWS-LC). It needs a
//! heap (RSA moduli are kept in a `Vec`) and one of ring's supported targets; for WASM and
//! microcontrollers use `tinyjwt-rustcrypto`.
//!
//! ```
//! use tinyjwt_core::{Algorithm, BoundKey, HmacSecret, KeyMaterial, SignatureBackend, Strength};
//! use tinyjwt_ring::Ring;
//!
//! let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
//! let key = Ring.prepare(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?)?;
//! // A forged all-zero tag is refused (ring compares tags in constant time).
//! assert_eq!(Ring.verify(&key, b"header.payload", &[0; 32]), Err(tinyjwt_core::BadSignature));
//! # Ok::<(), tinyjwt_core::Error>(())
//! ```
//!
//! ## Behaviour shared with every tinyjwt backend
//!
//! - **RSA**: moduli of 2048–8192 bits through ring's `*_2048_8192_*` parameter sets. A key of
//!   1024–2047 bits can only exist when the caller bound it with `Strength::AllowWeak`, and
//!   only for RS256 and RS512 (the core refuses it as `weak_key` for RS384 and PS*, because
//!   ring has no legacy set for them); it arrives marked `legacy_size` and goes through ring's
//!   `*_1024_8192_*_FOR_LEGACY_USE_ONLY` sets. A signature whose length differs from the
//!   modulus is `bad_signature`. PSS salt length is the hash length (RFC 7518 §3.5).
//! - **ECDSA**: signatures are exactly `r||s` (ring's `*_FIXED` algorithms), so DER is
//!   refused, and r or s equal to 0 or ≥ n are refused (CVE-2022-21449). The public point is
//!   validated when the key is prepared (through ring's own ECDH peer-key validation, since
//!   ring has no other point-validation API), so a point off the curve is
//!   [`Error::InvalidKey`] then and not `bad_signature` at every verify.
//! - **Ed25519**: RFC 8032, `S` ≥ L refused by ring. Where ring is laxer than
//!   `ed25519-dalek`'s `verify_strict`, the stricter rule applies so both backends agree: a
//!   public key that is not canonically encoded or of small order is refused by the core when
//!   it is bound, one that is not a curve point by this adapter at prepare time (all
//!   [`Error::InvalidKey`]); a signature whose `R` is of small order is refused by the core's
//!   verifier before ring runs (`BoundKey::admits_signature`; calling [`Ring`]'s `verify`
//!   directly skips that rule — use `tinyjwt_core::backend::verify_signature`).
//! - **HMAC**: the key is scheduled once (`ring::hmac::Key`); `ring::hmac::verify` compares
//!   the full tag in constant time, so a truncated tag never verifies.
//!
//! ## Costs
//!
//! ring 0.17 has no public type for a pre-parsed RSA public key, so `n`/`e` are copied once at
//! prepare time and ring re-derives its Montgomery constants on each verify (a few µs next to
//! the exponentiation). HMAC and ECDSA keys are fully prepared once.
#![no_std]
// Unit tests may truncate in casts (clippy.toml frees them of the other panic lints).
#![cfg_attr(test, allow(clippy::cast_possible_truncation))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;

use curve25519_dalek::edwards::CompressedEdwardsY;
use ring::{agreement, hmac, rand, signature};
use tinyjwt_core::alg::{Curve, Hash};
use tinyjwt_core::key::Sec1Point;
use tinyjwt_core::{BadSignature, BoundKey, Error, KeyInput, KeyProblem, SignatureBackend};

/// The ring backend. Stateless and `Copy`: keep one anywhere, there is no global state.
///
/// Verifies every algorithm but ES512: ring has no P-521, and an ES512 key is
/// [`Error::UnsupportedAlg`] when it is prepared (see the [crate docs](crate#no-es512-p-521)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ring;

/// A key prepared by [`Ring`] for exactly one algorithm.
///
/// Its `Debug` output never shows secret material.
pub struct RingKey(Inner);

enum Inner {
    Hmac(hmac::Key),
    Rsa {
        params: &'static signature::RsaParameters,
        n: Vec<u8>,
        e: Vec<u8>,
    },
    Ecdsa {
        alg: &'static signature::EcdsaVerificationAlgorithm,
        /// SEC1 uncompressed point `04 || x || y`.
        point: Sec1Point,
    },
    Ed25519([u8; 32]),
}

impl core::fmt::Debug for RingKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.0 {
            Inner::Hmac(_) => "Hmac(redacted)",
            Inner::Rsa { .. } => "Rsa",
            Inner::Ecdsa { .. } => "Ecdsa",
            Inner::Ed25519(_) => "Ed25519",
        };
        write!(f, "RingKey({kind})")
    }
}

/// ring's parameter set for RSASSA-PKCS1-v1_5 with `hash`; the `*_FOR_LEGACY_USE_ONLY` sets
/// (1024–8192 bits) exactly when the core marked the key `legacy_size`, which it does only
/// for SHA-256 and SHA-512.
fn pkcs1_params(hash: Hash, legacy_size: bool) -> &'static signature::RsaParameters {
    use signature as s;
    match (hash, legacy_size) {
        (Hash::Sha256, false) => &s::RSA_PKCS1_2048_8192_SHA256,
        (Hash::Sha384, _) => &s::RSA_PKCS1_2048_8192_SHA384,
        (Hash::Sha512, false) => &s::RSA_PKCS1_2048_8192_SHA512,
        (Hash::Sha256, true) => &s::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        (Hash::Sha512, true) => &s::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
    }
}

fn pss_params(hash: Hash) -> &'static signature::RsaParameters {
    match hash {
        Hash::Sha256 => &signature::RSA_PSS_2048_8192_SHA256,
        Hash::Sha384 => &signature::RSA_PSS_2048_8192_SHA384,
        Hash::Sha512 => &signature::RSA_PSS_2048_8192_SHA512,
    }
}

/// ring's ECDH (for point validation) and ECDSA algorithms for `curve`; `None` for P-521,
/// which ring does not implement.
fn ecdsa_algs(
    curve: Curve,
) -> Option<(
    &'static agreement::Algorithm,
    &'static signature::EcdsaVerificationAlgorithm,
)> {
    match curve {
        Curve::P256 => Some((&agreement::ECDH_P256, &signature::ECDSA_P256_SHA256_FIXED)),
        Curve::P384 => Some((&agreement::ECDH_P384, &signature::ECDSA_P384_SHA384_FIXED)),
        Curve::P521 => None,
    }
}

/// Validates a SEC1 point with ring's ECDH peer-key check (on the curve, coordinates < p).
fn validate_point(alg: &'static agreement::Algorithm, point: &[u8]) -> Result<(), Error> {
    let rng = rand::SystemRandom::new();
    let mine = agreement::EphemeralPrivateKey::generate(alg, &rng)
        .map_err(|_| Error::InvalidKey(KeyProblem::Unsupported))?;
    let peer = agreement::UnparsedPublicKey::new(alg, point);
    agreement::agree_ephemeral(mine, &peer, |_| ())
        .map_err(|_| Error::InvalidKey(KeyProblem::Point))
}

/// Refuses (as `invalid_key`) an Ed25519 key that does not decode to a curve point: ring has
/// no point-decoding API and would only fail every signature later. (Canonical encoding and
/// small order are the core's checks.)
fn check_ed25519_point(pk: &[u8; 32]) -> Result<(), Error> {
    match CompressedEdwardsY(*pk).decompress() {
        Some(_) => Ok(()),
        None => Err(Error::InvalidKey(KeyProblem::Point)),
    }
}

impl SignatureBackend for Ring {
    type Key = RingKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<RingKey, Error> {
        let inner = match key.input() {
            KeyInput::Hmac { hash, secret } => {
                let alg = match hash {
                    Hash::Sha256 => hmac::HMAC_SHA256,
                    Hash::Sha384 => hmac::HMAC_SHA384,
                    Hash::Sha512 => hmac::HMAC_SHA512,
                };
                Inner::Hmac(hmac::Key::new(alg, secret.as_bytes()))
            }
            KeyInput::RsaPkcs1 {
                hash,
                key,
                legacy_size,
            } => Inner::Rsa {
                params: pkcs1_params(hash, legacy_size),
                n: key.n().to_vec(),
                e: key.e().to_vec(),
            },
            KeyInput::RsaPss { hash, key } => Inner::Rsa {
                params: pss_params(hash),
                n: key.n().to_vec(),
                e: key.e().to_vec(),
            },
            KeyInput::Ecdsa { curve, key } => {
                // ES512: ring has no P-521.
                let (ecdh, alg) = ecdsa_algs(curve).ok_or(Error::UnsupportedAlg)?;
                let point = key.to_sec1();
                validate_point(ecdh, point.as_bytes())?;
                Inner::Ecdsa { alg, point }
            }
            KeyInput::Ed25519 { key } => {
                let pk = *key.as_bytes();
                check_ed25519_point(&pk)?;
                Inner::Ed25519(pk)
            }
        };
        Ok(RingKey(inner))
    }

    fn verify(&self, key: &RingKey, signing_input: &[u8], sig: &[u8]) -> Result<(), BadSignature> {
        let ok = match &key.0 {
            Inner::Hmac(k) => hmac::verify(k, signing_input, sig).is_ok(),
            Inner::Rsa { params, n, e } => signature::RsaPublicKeyComponents { n, e }
                .verify(params, signing_input, sig)
                .is_ok(),
            Inner::Ecdsa { alg, point } => {
                signature::UnparsedPublicKey::new(*alg, point.as_bytes())
                    .verify(signing_input, sig)
                    .is_ok()
            }
            Inner::Ed25519(pk) => signature::UnparsedPublicKey::new(&signature::ED25519, pk)
                .verify(signing_input, sig)
                .is_ok(),
        };
        if ok { Ok(()) } else { Err(BadSignature) }
    }
}
