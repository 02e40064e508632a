//! # tinyjwt-aws-lc-rs
//!
//! A [`SignatureBackend`] for tinyjwt built on [aws-lc-rs](https://docs.rs/aws-lc-rs) 1.19
//! (AWS-LC, the crypto behind rustls' default provider): all fourteen JWS algorithms tinyjwt
//! knows — HS256/384/512, RS256/384/512, PS256/384/512, ES256, ES384, **ES512** (AWS-LC has
//! P-521) and EdDSA / RFC 9864's Ed25519.
//!
//! Pick this backend for servers that want the fastest verification: every public key is
//! parsed **once**, when it is loaded, into an [`aws_lc_rs::signature::ParsedPublicKey`]
//! (RSA straight from `n`/`e` through `RsaPublicKeyComponents::to_parsed_public_key`, EC
//! from the SEC1 point, Ed25519 from its 32 bytes), so a verification does no key parsing at
//! all — where ring 0.17 re-reads the RSA modulus on every call. It needs `std`, a heap and
//! a C compiler at build time (aws-lc-sys compiles AWS-LC; on x86_64/aarch64 Linux no
//! CMake, NASM or Go is needed). For a lighter C-free build use `tinyjwt-ring`; for WASM and
//! microcontrollers `tinyjwt-rustcrypto`.
//!
//! ```
//! use tinyjwt_core::{Algorithm, BoundKey, HmacSecret, KeyMaterial, SignatureBackend, Strength};
//! use tinyjwt_aws_lc_rs::AwsLcRs;
//!
//! let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
//! let key = AwsLcRs.prepare(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?)?;
//! // A forged all-zero tag is refused (`hmac::verify` compares tags in constant time).
//! assert_eq!(
//!     AwsLcRs.verify(&key, b"header.payload", &[0; 32]),
//!     Err(tinyjwt_core::BadSignature)
//! );
//! # Ok::<(), tinyjwt_core::Error>(())
//! ```
//!
//! ## Behaviour shared with every tinyjwt backend
//!
//! The rules are those of `tinyjwt-ring` and `tinyjwt-rustcrypto`, input for input, down to
//! the error code (the conformance suite runs all three and compares them vector by vector;
//! `tinyjwt_conformance::check_backend` checks the backend contract in `tests/contract.rs`).
//! What every backend must do alike the core decides before this backend runs (key sizes,
//! encodings, signature lengths, the small-order Ed25519 `R`; see `SignatureBackend`'s
//! contract); what is left here:
//!
//! - **RSA**: moduli of 2048–8192 bits through aws-lc-rs's `*_2048_8192_*` parameter sets. A
//!   key of 1024–2047 bits (bound with `Strength::AllowWeak`, and only for RS256 and RS512:
//!   the core refuses the others, where ring has no legacy set) arrives marked `legacy_size`
//!   and goes through `RSA_PKCS1_1024_8192_SHA{256,512}_FOR_LEGACY_USE_ONLY`, as in ring. The
//!   PSS salt length is the hash length (RFC 7518 §3.5).
//! - **ECDSA**: signatures are exactly `r||s` (`*_FIXED`), so DER is refused; r or s equal to
//!   0 or ≥ n are refused (CVE-2022-21449). The point is validated (on the curve, coordinates
//!   < p) when the key is prepared, so a bad point is [`Error::InvalidKey`] then and not
//!   `bad_signature` at every verify. ES512 is P-521 with SHA-512, 66-byte `r` and `s`.
//! - **Ed25519**: RFC 8032 with `S` < L. AWS-LC, like ring, is laxer than `ed25519-dalek`'s
//!   `verify_strict` (measured in the conformance crate's `edge_cases.rs`: raw AWS-LC accepts
//!   the identity-key forgery and a small-order `R`); the core refuses both (the key when it
//!   is bound, the `R` before `verify` runs), and this adapter refuses a key that does not
//!   decode to a curve point at prepare time, since AWS-LC keeps the raw bytes unchecked.
//!   Calling [`AwsLcRs`]'s `verify` directly skips the core's `R` rule — use
//!   `tinyjwt_core::backend::verify_signature`.
//! - **HMAC**: the key is scheduled once (`aws_lc_rs::hmac::Key`); `hmac::verify` compares the
//!   full tag in constant time, so a truncated tag never verifies.
//!
//! ## Costs
//!
//! Nothing is parsed or copied per verify on the Rust side; what a verification allocates is
//! AWS-LC's own (an `EVP_PKEY_CTX` and, for ECDSA, the DER form of `r||s` it verifies), the
//! same as calling `ParsedPublicKey::verify_sig` directly (counted, C side included, by
//! `benches/examples/aws_lc_allocs.rs`).
// Unit tests may truncate in casts (clippy.toml frees them of the other panic lints).
#![cfg_attr(test, allow(clippy::cast_possible_truncation))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaPublicKeyComponents};
use curve25519_dalek::edwards::CompressedEdwardsY;
use tinyjwt_core::alg::{Curve, Hash};
use tinyjwt_core::{
    BadSignature, BoundKey, EcPublicKey, Ed25519PublicKey, Error, HmacSecret, KeyInput, KeyProblem,
    RsaPublicKey, SignatureBackend,
};

/// The aws-lc-rs backend. Stateless and `Copy`: keep one anywhere, there is no global state
/// (AWS-LC initialises itself on first use).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AwsLcRs;

/// A key prepared by [`AwsLcRs`] for exactly one algorithm. `Send + Sync`: one prepared key
/// may serve many threads.
///
/// Its `Debug` output never shows secret material.
pub struct AwsLcRsKey(Inner);

enum Inner {
    /// Boxed: aws-lc-rs's `hmac::Key` holds AWS-LC's `HMAC_CTX` inline (about 1.2 KiB), and a
    /// verifier keeps its prepared keys inline, so unboxed every key slot (RSA, EC, ...)
    /// would pay for it. One allocation when the key is loaded, none per verify.
    Hmac(Box<hmac::Key>),
    /// RSA (PKCS#1 v1.5 or PSS, the parameters fixed in the key), ECDSA or Ed25519; `kind`
    /// names which, for `Debug`.
    Public {
        key: ParsedPublicKey,
        kind: &'static str,
    },
}

impl core::fmt::Debug for AwsLcRsKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.0 {
            Inner::Hmac(_) => "Hmac(redacted)",
            Inner::Public { kind, .. } => kind,
        };
        write!(f, "AwsLcRsKey({kind})")
    }
}

// Key preparation: one function per `KeyInput` family.

/// HMAC: the key is scheduled once.
fn prepare_hmac(hash: Hash, secret: &HmacSecret<'_>) -> Inner {
    let alg = match hash {
        Hash::Sha256 => hmac::HMAC_SHA256,
        Hash::Sha384 => hmac::HMAC_SHA384,
        Hash::Sha512 => hmac::HMAC_SHA512,
    };
    Inner::Hmac(Box::new(hmac::Key::new(alg, secret.as_bytes())))
}

/// AWS-LC's parameter set for the RSA scheme the core bound a key to: PKCS#1 v1.5 or PSS
/// (MGF1 with the same hash, salt length = hash length) with `hash`. The
/// `*_FOR_LEGACY_USE_ONLY` sets (1024–8192 bits) exactly when the core marked the key
/// `legacy_size`, which it does only for PKCS#1 v1.5 with SHA-256 or SHA-512.
fn rsa_params(pss: bool, hash: Hash, legacy_size: bool) -> &'static signature::RsaParameters {
    use signature as s;
    match (pss, hash, legacy_size) {
        (true, Hash::Sha256, _) => &s::RSA_PSS_2048_8192_SHA256,
        (true, Hash::Sha384, _) => &s::RSA_PSS_2048_8192_SHA384,
        (true, Hash::Sha512, _) => &s::RSA_PSS_2048_8192_SHA512,
        (false, Hash::Sha256, true) => &s::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        (false, Hash::Sha512, true) => &s::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        (false, Hash::Sha256, false) => &s::RSA_PKCS1_2048_8192_SHA256,
        (false, Hash::Sha384, _) => &s::RSA_PKCS1_2048_8192_SHA384,
        (false, Hash::Sha512, false) => &s::RSA_PKCS1_2048_8192_SHA512,
    }
}

/// RSA: `n`/`e` (already without leading zeros) become an AWS-LC `RSA` once.
fn prepare_rsa(
    params: &'static signature::RsaParameters,
    rsa: &RsaPublicKey<'_>,
) -> Result<Inner, Error> {
    RsaPublicKeyComponents {
        n: rsa.n(),
        e: rsa.e(),
    }
    .to_parsed_public_key(params)
    .map(|key| Inner::Public { key, kind: "Rsa" })
    .map_err(|_| Error::InvalidKey(KeyProblem::Encoding))
}

/// ECDSA: the SEC1 point is decoded and validated once.
fn prepare_ecdsa(curve: Curve, ec: &EcPublicKey<'_>) -> Result<Inner, Error> {
    let alg: &'static signature::EcdsaVerificationAlgorithm = match curve {
        Curve::P256 => &signature::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &signature::ECDSA_P384_SHA384_FIXED,
        Curve::P521 => &signature::ECDSA_P521_SHA512_FIXED,
    };
    // AWS-LC checks the coordinates are < p and the point is on the curve.
    ParsedPublicKey::new(alg, ec.to_sec1().as_bytes())
        .map(|key| Inner::Public { key, kind: "Ecdsa" })
        .map_err(|_| Error::InvalidKey(KeyProblem::Point))
}

/// Ed25519: the key must decode to a curve point (AWS-LC stores the raw bytes and would only
/// fail every signature later; canonical encoding and small order are the core's checks).
fn prepare_ed25519(pk: &Ed25519PublicKey<'_>) -> Result<Inner, Error> {
    let pk = pk.as_bytes();
    if CompressedEdwardsY(*pk).decompress().is_none() {
        return Err(Error::InvalidKey(KeyProblem::Point));
    }
    ParsedPublicKey::new(&signature::ED25519, pk)
        .map(|key| Inner::Public {
            key,
            kind: "Ed25519",
        })
        .map_err(|_| Error::InvalidKey(KeyProblem::Point))
}

impl SignatureBackend for AwsLcRs {
    type Key = AwsLcRsKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<AwsLcRsKey, Error> {
        let inner = match key.input() {
            KeyInput::Hmac { hash, secret } => prepare_hmac(hash, &secret),
            KeyInput::RsaPkcs1 {
                hash,
                key,
                legacy_size,
            } => prepare_rsa(rsa_params(false, hash, legacy_size), &key)?,
            KeyInput::RsaPss { hash, key } => prepare_rsa(rsa_params(true, hash, false), &key)?,
            KeyInput::Ecdsa { curve, key } => prepare_ecdsa(curve, &key)?,
            KeyInput::Ed25519 { key } => prepare_ed25519(&key)?,
        };
        Ok(AwsLcRsKey(inner))
    }

    fn verify(
        &self,
        key: &AwsLcRsKey,
        signing_input: &[u8],
        sig: &[u8],
    ) -> Result<(), BadSignature> {
        // AWS-LC refuses any signature of the wrong length itself (RSA: not the modulus
        // length; ECDSA: not 2 × the scalar length; Ed25519: not 64 bytes).
        let ok = match &key.0 {
            Inner::Hmac(k) => hmac::verify(k, signing_input, sig).is_ok(),
            Inner::Public { key, .. } => key.verify_sig(signing_input, sig).is_ok(),
        };
        if ok { Ok(()) } else { Err(BadSignature) }
    }
}

#[cfg(test)]
mod tests;
