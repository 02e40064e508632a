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
//!     Err(tinyjwt_core::Error::BadSignature)
//! );
//! # Ok::<(), tinyjwt_core::Error>(())
//! ```
//!
//! ## Behaviour shared with every tinyjwt backend
//!
//! The rules are those of `tinyjwt-ring` and `tinyjwt-rustcrypto`, input for input, down to
//! the error code (the conformance suite runs all three and compares them vector by vector):
//!
//! - **RSA**: moduli of 2048–8192 bits through aws-lc-rs's `*_2048_8192_*` parameter sets. A
//!   key of 1024–2047 bits (only possible when bound with `Strength::AllowWeak`) is accepted
//!   for RS256 and RS512 through `RSA_PKCS1_1024_8192_SHA{256,512}_FOR_LEGACY_USE_ONLY` and
//!   refused as [`Error::WeakKey`] for RS384 and PS* — exactly where ring has a legacy set,
//!   so all three backends accept the same keys. A signature whose length differs from the
//!   modulus is `bad_signature`. The PSS salt length is the hash length (RFC 7518 §3.5).
//! - **ECDSA**: signatures are exactly `r||s` (`*_FIXED`), so DER is refused; r or s equal to
//!   0 or ≥ n are refused (CVE-2022-21449). The point is validated (on the curve, coordinates
//!   < p) when the key is prepared, so a bad point is [`Error::InvalidKey`] then and not
//!   `bad_signature` at every verify. ES512 is P-521 with SHA-512, 66-byte `r` and `s`.
//! - **Ed25519**: RFC 8032 with `S` < L. AWS-LC, like ring, is laxer than `ed25519-dalek`'s
//!   `verify_strict`; this adapter adds the same checks as `tinyjwt-ring`: a public key that
//!   is not canonically encoded, not a curve point, or of small order is
//!   [`Error::InvalidKey`] at prepare time, and a signature whose `R` is of small order is
//!   refused.
//! - **HMAC**: the key is scheduled once (`aws_lc_rs::hmac::Key`); `hmac::verify` compares the
//!   full tag in constant time, so a truncated tag never verifies.
//!
//! ## Costs
//!
//! Nothing is parsed or copied per verify on the Rust side; what a verification allocates is
//! AWS-LC's own (an `EVP_PKEY_CTX` and, for ECDSA, the DER form of `r||s` it verifies), the
//! same as calling `ParsedPublicKey::verify_sig` directly.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaPublicKeyComponents};
use tinyjwt_core::alg::{Curve, Family, Hash};
use tinyjwt_core::{
    BoundKey, EcPublicKey, Ed25519PublicKey, Error, HmacSecret, KeyMaterial, KeyProblem,
    RsaPublicKey, SignatureBackend,
};

mod ed25519;

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
    Rsa {
        key: ParsedPublicKey,
        /// The modulus length in bytes: the only signature length that can verify.
        len: usize,
    },
    Ecdsa(ParsedPublicKey),
    Ed25519(ParsedPublicKey),
}

impl core::fmt::Debug for AwsLcRsKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match &self.0 {
            Inner::Hmac(_) => "Hmac(redacted)",
            Inner::Rsa { .. } => "Rsa",
            Inner::Ecdsa(_) => "Ecdsa",
            Inner::Ed25519(_) => "Ed25519",
        };
        write!(f, "AwsLcRsKey({kind})")
    }
}

// Key preparation: one function per algorithm family, each taking what the core checked.

/// HMAC: the key is scheduled once.
fn prepare_hmac(hash: Hash, secret: &HmacSecret<'_>) -> Inner {
    let alg = match hash {
        Hash::Sha256 => hmac::HMAC_SHA256,
        Hash::Sha384 => hmac::HMAC_SHA384,
        Hash::Sha512 => hmac::HMAC_SHA512,
    };
    Inner::Hmac(Box::new(hmac::Key::new(alg, secret.as_bytes())))
}

/// The parameter set for `family` and a modulus of `bits` bits, with ring's legacy rule.
fn rsa_params(family: Family, bits: usize) -> Result<&'static signature::RsaParameters, Error> {
    use signature as s;
    let strong = bits >= tinyjwt_core::limits::MIN_RSA_BITS;
    Ok(match (family, strong) {
        (Family::RsaPkcs1(Hash::Sha256), true) => &s::RSA_PKCS1_2048_8192_SHA256,
        (Family::RsaPkcs1(Hash::Sha384), true) => &s::RSA_PKCS1_2048_8192_SHA384,
        (Family::RsaPkcs1(Hash::Sha512), true) => &s::RSA_PKCS1_2048_8192_SHA512,
        (Family::RsaPss(Hash::Sha256), true) => &s::RSA_PSS_2048_8192_SHA256,
        (Family::RsaPss(Hash::Sha384), true) => &s::RSA_PSS_2048_8192_SHA384,
        (Family::RsaPss(Hash::Sha512), true) => &s::RSA_PSS_2048_8192_SHA512,
        // Reachable only for keys bound with `Strength::AllowWeak`. aws-lc-rs has the same two
        // legacy sets as ring, so the three backends accept the same weak keys.
        (Family::RsaPkcs1(Hash::Sha256), false) => {
            &s::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
        }
        (Family::RsaPkcs1(Hash::Sha512), false) => {
            &s::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY
        }
        (Family::RsaPkcs1(_) | Family::RsaPss(_), false) => return Err(Error::WeakKey),
        _ => return Err(Error::KeyMismatch),
    })
}

/// RSA: `n`/`e` (already without leading zeros) become an AWS-LC `RSA` once.
fn prepare_rsa(family: Family, rsa: &RsaPublicKey<'_>) -> Result<Inner, Error> {
    let bits = rsa.bits();
    if bits < tinyjwt_core::key::MIN_LEGACY_RSA_BITS {
        return Err(Error::WeakKey);
    }
    if bits > tinyjwt_core::limits::MAX_RSA_BITS {
        return Err(Error::InvalidKey(KeyProblem::Unsupported));
    }
    let params = rsa_params(family, bits)?;
    let key = RsaPublicKeyComponents {
        n: rsa.n(),
        e: rsa.e(),
    }
    .to_parsed_public_key(params)
    .map_err(|_| Error::InvalidKey(KeyProblem::Encoding))?;
    Ok(Inner::Rsa {
        key,
        len: rsa.signature_len(),
    })
}

/// The longest SEC1 uncompressed point: `04` and two 66-byte P-521 coordinates.
const MAX_SEC1_LEN: usize = 1 + 2 * 66;

/// ECDSA: the SEC1 point is decoded and validated once.
fn prepare_ecdsa(curve: Curve, ec: &EcPublicKey<'_>) -> Result<Inner, Error> {
    let alg: &'static signature::EcdsaVerificationAlgorithm = match curve {
        Curve::P256 => &signature::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &signature::ECDSA_P384_SHA384_FIXED,
        Curve::P521 => &signature::ECDSA_P521_SHA512_FIXED,
    };
    let c = curve.coordinate_len();
    if ec.x().len() != c || ec.y().len() != c {
        return Err(Error::InvalidKey(KeyProblem::Encoding));
    }
    let mut point = [0u8; MAX_SEC1_LEN];
    point[0] = 4;
    point[1..1 + c].copy_from_slice(ec.x());
    point[1 + c..1 + 2 * c].copy_from_slice(ec.y());
    // AWS-LC checks the coordinates are < p and the point is on the curve.
    let key = ParsedPublicKey::new(alg, &point[..1 + 2 * c])
        .map_err(|_| Error::InvalidKey(KeyProblem::Point))?;
    Ok(Inner::Ecdsa(key))
}

/// Ed25519: the strict key checks, then the raw key once.
fn prepare_ed25519(pk: &Ed25519PublicKey<'_>) -> Result<Inner, Error> {
    let pk = pk.as_bytes();
    ed25519::check_public_key(pk)?;
    let key = ParsedPublicKey::new(&signature::ED25519, pk)
        .map_err(|_| Error::InvalidKey(KeyProblem::Point))?;
    Ok(Inner::Ed25519(key))
}

impl SignatureBackend for AwsLcRs {
    type Key = AwsLcRsKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<AwsLcRsKey, Error> {
        let family = key.alg().family();
        let inner = match (family, key.material()) {
            (Family::Hmac(hash), KeyMaterial::Hmac(secret)) => prepare_hmac(hash, secret),
            (Family::RsaPkcs1(_) | Family::RsaPss(_), KeyMaterial::Rsa(rsa)) => {
                prepare_rsa(family, rsa)?
            }
            (Family::Ecdsa(curve), KeyMaterial::Ec(ec)) if ec.curve() == curve => {
                prepare_ecdsa(curve, ec)?
            }
            (Family::Ed25519, KeyMaterial::Ed25519(pk)) => prepare_ed25519(pk)?,
            _ => return Err(Error::KeyMismatch),
        };
        Ok(AwsLcRsKey(inner))
    }

    fn verify(&self, key: &AwsLcRsKey, signing_input: &[u8], sig: &[u8]) -> Result<(), Error> {
        let ok = match &key.0 {
            Inner::Hmac(k) => hmac::verify(k, signing_input, sig).is_ok(),
            // AWS-LC checks the length too; stating it keeps the rule visible and
            // backend-independent.
            Inner::Rsa { key, len } => {
                sig.len() == *len && key.verify_sig(signing_input, sig).is_ok()
            }
            Inner::Ecdsa(k) => k.verify_sig(signing_input, sig).is_ok(),
            Inner::Ed25519(k) => {
                sig.len() == 64
                    && !tinyjwt_core::key::is_small_order_encoding(&sig[..32])
                    && k.verify_sig(signing_input, sig).is_ok()
            }
        };
        if ok { Ok(()) } else { Err(Error::BadSignature) }
    }
}

#[cfg(test)]
mod tests;
