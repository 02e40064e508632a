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
//! Pick this backend for servers: ring's assembly makes RSA and ECDSA the fastest available in
//! Rust. It needs a heap (RSA moduli are kept in a `Vec`) and one of ring's supported targets;
//! for WASM and microcontrollers use `tinyjwt-rustcrypto`.
//!
//! ```
//! use tinyjwt_core::{Algorithm, BoundKey, HmacSecret, KeyMaterial, SignatureBackend, Strength};
//! use tinyjwt_ring::Ring;
//!
//! let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
//! let key = Ring.prepare(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?)?;
//! // A forged all-zero tag is refused (ring compares tags in constant time).
//! assert_eq!(Ring.verify(&key, b"header.payload", &[0; 32]), Err(tinyjwt_core::Error::BadSignature));
//! # Ok::<(), tinyjwt_core::Error>(())
//! ```
//!
//! ## Behaviour shared with every tinyjwt backend
//!
//! - **RSA**: moduli of 2048–8192 bits through ring's `*_2048_8192_*` parameter sets. A key of
//!   1024–2047 bits can only exist when the caller bound it with `Strength::AllowWeak`; it is
//!   then accepted for RS256 and RS512 through ring's `*_1024_8192_*_FOR_LEGACY_USE_ONLY`
//!   sets and refused as [`Error::WeakKey`] for RS384 and PS* (ring has no legacy set for
//!   them; `tinyjwt-rustcrypto` refuses the same keys). A signature whose length differs from
//!   the modulus is `bad_signature`. PSS salt length is the hash length (RFC 7518 §3.5).
//! - **ECDSA**: signatures are exactly `r||s` (ring's `*_FIXED` algorithms), so DER is
//!   refused, and r or s equal to 0 or ≥ n are refused (CVE-2022-21449). The public point is
//!   validated when the key is prepared (through ring's own ECDH peer-key validation, since
//!   ring has no other point-validation API), so a point off the curve is
//!   [`Error::InvalidKey`] then and not `bad_signature` at every verify.
//! - **Ed25519**: RFC 8032, `S` ≥ L refused by ring. Where ring is laxer than
//!   `ed25519-dalek`'s `verify_strict`, this adapter adds the stricter check so both backends
//!   agree: a public key that is not canonically encoded, not a curve point, or of small order
//!   is [`Error::InvalidKey`] at prepare time, and a signature whose `R` is of small order is
//!   refused.
//! - **HMAC**: the key is scheduled once (`ring::hmac::Key`); `ring::hmac::verify` compares
//!   the full tag in constant time, so a truncated tag never verifies.
//!
//! ## Costs
//!
//! ring 0.17 has no public type for a pre-parsed RSA public key, so `n`/`e` are copied once at
//! prepare time and ring re-derives its Montgomery constants on each verify (a few µs next to
//! the exponentiation). HMAC and ECDSA keys are fully prepared once.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;

use ring::{agreement, hmac, rand, signature};
use tinyjwt_core::alg::{Curve, Family, Hash};
use tinyjwt_core::{BoundKey, Error, KeyMaterial, KeyProblem, SignatureBackend};

mod ed25519;

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
        /// SEC1 uncompressed point `04 || x || y`; `len` bytes are used.
        point: [u8; MAX_SEC1_LEN],
        len: usize,
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
        // Reachable only for keys bound with `Strength::AllowWeak`.
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

/// The longest SEC1 uncompressed point ring can verify with: `04` and two P-384 coordinates.
const MAX_SEC1_LEN: usize = 1 + 2 * 48;

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

impl SignatureBackend for Ring {
    type Key = RingKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<RingKey, Error> {
        let family = key.alg().family();
        let inner = match (family, key.material()) {
            (Family::Hmac(hash), KeyMaterial::Hmac(secret)) => {
                let alg = match hash {
                    Hash::Sha256 => hmac::HMAC_SHA256,
                    Hash::Sha384 => hmac::HMAC_SHA384,
                    Hash::Sha512 => hmac::HMAC_SHA512,
                };
                Inner::Hmac(hmac::Key::new(alg, secret.as_bytes()))
            }
            (Family::RsaPkcs1(_) | Family::RsaPss(_), KeyMaterial::Rsa(rsa)) => {
                let bits = rsa.bits();
                if bits < tinyjwt_core::key::MIN_LEGACY_RSA_BITS {
                    return Err(Error::WeakKey);
                }
                if bits > tinyjwt_core::limits::MAX_RSA_BITS {
                    return Err(Error::InvalidKey(KeyProblem::Unsupported));
                }
                Inner::Rsa {
                    params: rsa_params(family, bits)?,
                    n: rsa.n().to_vec(),
                    e: rsa.e().to_vec(),
                }
            }
            (Family::Ecdsa(curve), KeyMaterial::Ec(ec)) if ec.curve() == curve => {
                // ES512: ring has no P-521.
                let (ecdh, alg) = ecdsa_algs(curve).ok_or(Error::UnsupportedAlg)?;
                let c = curve.coordinate_len();
                if ec.x().len() != c || ec.y().len() != c {
                    return Err(Error::InvalidKey(KeyProblem::Encoding));
                }
                let mut point = [0u8; MAX_SEC1_LEN];
                point[0] = 4;
                point[1..1 + c].copy_from_slice(ec.x());
                point[1 + c..1 + 2 * c].copy_from_slice(ec.y());
                let len = 1 + 2 * c;
                validate_point(ecdh, &point[..len])?;
                Inner::Ecdsa { alg, point, len }
            }
            (Family::Ed25519, KeyMaterial::Ed25519(pk)) => {
                let pk = *pk.as_bytes();
                ed25519::check_public_key(&pk)?;
                Inner::Ed25519(pk)
            }
            _ => return Err(Error::KeyMismatch),
        };
        Ok(RingKey(inner))
    }

    fn verify(&self, key: &RingKey, signing_input: &[u8], sig: &[u8]) -> Result<(), Error> {
        let ok = match &key.0 {
            Inner::Hmac(k) => hmac::verify(k, signing_input, sig).is_ok(),
            Inner::Rsa { params, n, e } => {
                // ring checks this too; stating it keeps the rule visible and backend-independent.
                sig.len() == n.len()
                    && signature::RsaPublicKeyComponents { n, e }
                        .verify(params, signing_input, sig)
                        .is_ok()
            }
            Inner::Ecdsa { alg, point, len } => {
                let pk = signature::UnparsedPublicKey::new(*alg, &point[..*len]);
                pk.verify(signing_input, sig).is_ok()
            }
            Inner::Ed25519(pk) => {
                sig.len() == 64
                    && !tinyjwt_core::key::is_small_order_encoding(&sig[..32])
                    && signature::UnparsedPublicKey::new(&signature::ED25519, pk)
                        .verify(signing_input, sig)
                        .is_ok()
            }
        };
        if ok { Ok(()) } else { Err(Error::BadSignature) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tinyjwt_core::{Algorithm, EcPublicKey, HmacSecret, RsaPublicKey, Strength};

    #[test]
    fn hmac_round_trip_and_full_tag_only() {
        let secret = [7u8; 32];
        let k = BoundKey::new(
            Algorithm::HS256,
            KeyMaterial::Hmac(HmacSecret::new(&secret).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        let key = Ring.prepare(&k).unwrap();
        let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &secret), b"a.b");
        assert_eq!(Ring.verify(&key, b"a.b", tag.as_ref()), Ok(()));
        assert_eq!(
            Ring.verify(&key, b"a.c", tag.as_ref()),
            Err(Error::BadSignature)
        );
        assert_eq!(
            Ring.verify(&key, b"a.b", &tag.as_ref()[..16]),
            Err(Error::BadSignature)
        );
        assert_eq!(Ring.verify(&key, b"a.b", &[]), Err(Error::BadSignature));
        assert!(!alloc::format!("{key:?}").contains('7'));
    }

    #[test]
    fn ec_point_off_curve_is_invalid_key() {
        let x = [1u8; 32];
        let y = [2u8; 32];
        let k = BoundKey::new(
            Algorithm::ES256,
            KeyMaterial::Ec(EcPublicKey::new(Curve::P256, &x, &y).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        assert_eq!(
            Ring.prepare(&k).map(|_| ()),
            Err(Error::InvalidKey(KeyProblem::Point))
        );
    }

    #[test]
    fn es512_is_unsupported_at_prepare() {
        // Any P-521 key, on the curve or not: refused before ring would need the arithmetic.
        let c = [1u8; 66];
        let k = BoundKey::new(
            Algorithm::ES512,
            KeyMaterial::Ec(EcPublicKey::new(Curve::P521, &c, &c).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        assert_eq!(Ring.prepare(&k).map(|_| ()), Err(Error::UnsupportedAlg));
    }

    #[test]
    fn ed25519_alg_is_served_like_eddsa() {
        // RFC 8032 §7.1 TEST 1: the empty message.
        let pk = [
            0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64,
            0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68,
            0xf7, 0x07, 0x51, 0x1a,
        ];
        let sig = [
            0xe5, 0x56, 0x43, 0x00, 0xc3, 0x60, 0xac, 0x72, 0x90, 0x86, 0xe2, 0xcc, 0x80, 0x6e,
            0x82, 0x8a, 0x84, 0x87, 0x7f, 0x1e, 0xb8, 0xe5, 0xd9, 0x74, 0xd8, 0x73, 0xe0, 0x65,
            0x22, 0x49, 0x01, 0x55, 0x5f, 0xb8, 0x82, 0x15, 0x90, 0xa3, 0x3b, 0xac, 0xc6, 0x1e,
            0x39, 0x70, 0x1c, 0xf9, 0xb4, 0x6b, 0xd2, 0x5b, 0xf5, 0xf0, 0x59, 0x5b, 0xbe, 0x24,
            0x65, 0x51, 0x41, 0x43, 0x8e, 0x7a, 0x10, 0x0b,
        ];
        let ed = KeyMaterial::Ed25519(tinyjwt_core::Ed25519PublicKey::new(&pk).unwrap());
        for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
            let key = Ring
                .prepare(&BoundKey::new(alg, ed, Strength::Enforce).unwrap())
                .unwrap();
            assert_eq!(Ring.verify(&key, b"", &sig), Ok(()));
            assert_eq!(Ring.verify(&key, b"x", &sig), Err(Error::BadSignature));
        }
    }

    #[test]
    fn weak_rsa_follows_ring_legacy_sets() {
        let mut n = [0xffu8; 160]; // 1280 bits, odd
        n[0] = 0xc3;
        let rsa = RsaPublicKey::new(&n, &[1, 0, 1]).unwrap();
        for (alg, ok) in [
            (Algorithm::RS256, true),
            (Algorithm::RS384, false),
            (Algorithm::RS512, true),
            (Algorithm::PS256, false),
            (Algorithm::PS384, false),
            (Algorithm::PS512, false),
        ] {
            let k = BoundKey::new(alg, KeyMaterial::Rsa(rsa), Strength::AllowWeak).unwrap();
            let got = Ring.prepare(&k).map(|_| ());
            assert_eq!(got, if ok { Ok(()) } else { Err(Error::WeakKey) }, "{alg}");
            if ok {
                let key = Ring.prepare(&k).unwrap();
                assert_eq!(Ring.verify(&key, b"x", &[1; 160]), Err(Error::BadSignature));
                assert_eq!(Ring.verify(&key, b"x", &[1; 3]), Err(Error::BadSignature));
            }
        }
    }

    #[test]
    fn ed25519_key_not_on_the_curve_refused() {
        // The core refuses small-order and non-canonical encodings itself; this backend adds
        // the decoding check. y = 2 is canonical, not small order, and has no x on the curve.
        let mut pk = [0u8; 32];
        pk[0] = 2;
        assert!(
            curve25519_dalek::edwards::CompressedEdwardsY(pk)
                .decompress()
                .is_none()
        );
        let k = BoundKey::new(
            Algorithm::EdDSA,
            KeyMaterial::Ed25519(tinyjwt_core::Ed25519PublicKey::new(&pk).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        assert_eq!(
            Ring.prepare(&k).map(|_| ()),
            Err(Error::InvalidKey(KeyProblem::Point))
        );
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            tinyjwt_core::Ed25519PublicKey::new(&identity),
            Err(Error::InvalidKey(KeyProblem::Point))
        );
    }
}
