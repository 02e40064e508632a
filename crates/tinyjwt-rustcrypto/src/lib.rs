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
//!     Err(tinyjwt_core::Error::BadSignature)
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
//!   `Strength::AllowWeak`) is accepted for RS256 and RS512 only and refused as
//!   [`Error::WeakKey`] for RS384 and PS*, mirroring what ring can do, so both backends accept
//!   exactly the same keys. A signature whose length differs from the modulus is
//!   `bad_signature`; the PSS salt length is the hash length (RFC 7518 §3.5).
//! - **ECDSA**: exactly `r||s` (`Signature::from_slice`), so DER is refused; r or s equal to 0
//!   or ≥ n are refused (CVE-2022-21449) — `ecdsa` 0.16 already does this when decoding, and
//!   the adapter's tests pin it (for P-256 and P-521). The point is validated when the key is
//!   prepared. ES512 signs SHA-512 of the input with P-521 (RFC 7518 §3.4); `r` and `s` are 66
//!   bytes each.
//! - **Ed25519**: `verify_strict` (RFC 8032 with `S` < L, small-order `R` refused). A public key
//!   that is not canonically encoded, not a curve point, or of small order is
//!   [`Error::InvalidKey`] at prepare time — the same answer `tinyjwt-ring` gives.
//! - **HMAC**: the MAC is keyed once and cloned per verify; `verify_slice` compares the full
//!   tag in constant time, so a truncated tag never verifies.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use ed25519_dalek::Verifier as _;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};
use tinyjwt_core::alg::{Curve, Family, Hash};
use tinyjwt_core::{BoundKey, Error, KeyMaterial, KeyProblem, SignatureBackend};

mod ed25519;
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

/// The longest SEC1 uncompressed point: `04` and two 66-byte P-521 coordinates.
const MAX_SEC1_LEN: usize = 1 + 2 * 66;

fn sec1_point<'a>(buf: &'a mut [u8; MAX_SEC1_LEN], x: &[u8], y: &[u8]) -> &'a [u8] {
    let c = x.len();
    buf[0] = 4;
    buf[1..1 + c].copy_from_slice(x);
    buf[1 + c..1 + 2 * c].copy_from_slice(y);
    &buf[..1 + 2 * c]
}

impl SignatureBackend for RustCrypto {
    type Key = RustCryptoKey;

    fn prepare(&self, key: &BoundKey<'_>) -> Result<RustCryptoKey, Error> {
        let bad = Error::InvalidKey(KeyProblem::Encoding);
        let off_curve = Error::InvalidKey(KeyProblem::Point);
        let inner = match (key.alg().family(), key.material()) {
            (Family::Hmac(hash), KeyMaterial::Hmac(secret)) => {
                let s = secret.as_bytes();
                // `new_from_slice` accepts any length for HMAC; the error arm is unreachable.
                match hash {
                    Hash::Sha256 => Inner::Hs256(Hmac::new_from_slice(s).map_err(|_| bad)?),
                    Hash::Sha384 => Inner::Hs384(Hmac::new_from_slice(s).map_err(|_| bad)?),
                    Hash::Sha512 => Inner::Hs512(Hmac::new_from_slice(s).map_err(|_| bad)?),
                }
            }
            (Family::Ecdsa(curve), KeyMaterial::Ec(ec)) if ec.curve() == curve => {
                let c = curve.coordinate_len();
                if ec.x().len() != c || ec.y().len() != c {
                    return Err(bad);
                }
                let mut buf = [0u8; MAX_SEC1_LEN];
                let point = sec1_point(&mut buf, ec.x(), ec.y());
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
            (Family::Ed25519, KeyMaterial::Ed25519(pk)) => {
                let pk = pk.as_bytes();
                ed25519::check_public_key(pk)?;
                Inner::Ed25519(ed25519_dalek::VerifyingKey::from_bytes(pk).map_err(|_| off_curve)?)
            }
            #[cfg(feature = "alloc")]
            (Family::RsaPkcs1(_) | Family::RsaPss(_), KeyMaterial::Rsa(rsa)) => {
                Inner::Rsa(rsa_impl::RsaKey::new(key.alg().family(), rsa)?)
            }
            #[cfg(not(feature = "alloc"))]
            (Family::RsaPkcs1(_) | Family::RsaPss(_), KeyMaterial::Rsa(_)) => {
                return Err(Error::UnsupportedAlg);
            }
            _ => return Err(Error::KeyMismatch),
        };
        Ok(RustCryptoKey(inner))
    }

    fn verify(&self, key: &RustCryptoKey, signing_input: &[u8], sig: &[u8]) -> Result<(), Error> {
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
        if ok { Ok(()) } else { Err(Error::BadSignature) }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    #[cfg(feature = "es512")]
    use std::format;
    use tinyjwt_core::{Algorithm, EcPublicKey, HmacSecret, Strength};

    /// A P-256 ES256 key whose point is the curve's generator (public constants).
    fn p256_generator_key() -> RustCryptoKey {
        let x = hex32("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
        let y = hex32("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
        let k = BoundKey::new(
            Algorithm::ES256,
            KeyMaterial::Ec(EcPublicKey::new(Curve::P256, &x, &y).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        RustCrypto.prepare(&k).unwrap()
    }

    fn hex32(s: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn ecdsa_r_s_zero_or_at_least_n_refused() {
        let key = p256_generator_key();
        let n = hex32("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        let one = {
            let mut o = [0u8; 32];
            o[31] = 1;
            o
        };
        let mut sig = [0u8; 64];
        for (r, s) in [
            ([0u8; 32], one),
            (one, [0u8; 32]),
            ([0u8; 32], [0u8; 32]),
            (n, one),
            (one, n),
            ([0xff; 32], one),
        ] {
            sig[..32].copy_from_slice(&r);
            sig[32..].copy_from_slice(&s);
            assert_eq!(
                RustCrypto.verify(&key, b"m", &sig),
                Err(Error::BadSignature)
            );
        }
        // DER-shaped input of any length is refused.
        assert_eq!(
            RustCrypto.verify(&key, b"m", &[0x30, 6, 2, 1, 1, 2, 1, 1]),
            Err(Error::BadSignature)
        );
        assert_eq!(RustCrypto.verify(&key, b"m", &[]), Err(Error::BadSignature));
    }

    #[cfg(feature = "es512")]
    fn hex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }

    #[cfg(feature = "es512")]
    const P521_GX: &str = "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66";
    #[cfg(feature = "es512")]
    const P521_GY: &str = "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650";
    #[cfg(feature = "es512")]
    const P521_N: &str = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

    /// Without `es512` a P-521 key is refused when it is prepared, as RSA is without `alloc`.
    #[cfg(not(feature = "es512"))]
    #[test]
    fn p521_without_the_feature_is_unsupported() {
        let c = [1u8; 66];
        assert_eq!(p521_key(&c, &c).map(|_| ()), Err(Error::UnsupportedAlg));
    }

    fn p521_key(x: &[u8], y: &[u8]) -> Result<RustCryptoKey, Error> {
        let k = BoundKey::new(
            Algorithm::ES512,
            KeyMaterial::Ec(EcPublicKey::new(Curve::P521, x, y)?),
            Strength::Enforce,
        )?;
        RustCrypto.prepare(&k)
    }

    #[cfg(feature = "es512")]
    #[test]
    fn p521_r_s_zero_or_at_least_n_refused() {
        let key = p521_key(&hex(P521_GX), &hex(P521_GY)).unwrap();
        let n = hex(P521_N);
        let mut one = [0u8; 66];
        one[65] = 1;
        let zero = [0u8; 66];
        let mut sig = [0u8; 132];
        for (r, s) in [
            (&zero[..], &one[..]),
            (&one, &zero),
            (&n, &one),
            (&one, &n),
            (&[0xff; 66], &one),
        ] {
            sig[..66].copy_from_slice(r);
            sig[66..].copy_from_slice(s);
            assert_eq!(
                RustCrypto.verify(&key, b"m", &sig),
                Err(Error::BadSignature)
            );
        }
        // r = s = 1 is in range and simply wrong.
        sig[..66].copy_from_slice(&one);
        sig[66..].copy_from_slice(&one);
        assert_eq!(
            RustCrypto.verify(&key, b"m", &sig),
            Err(Error::BadSignature)
        );
        // Other lengths (P-384's 96, one short, DER) are refused.
        for len in [96, 131, 8, 0] {
            assert_eq!(
                RustCrypto.verify(&key, b"m", &sig[..len]),
                Err(Error::BadSignature)
            );
        }
        assert_eq!(format!("{key:?}"), "RustCryptoKey(Es512)");
    }

    #[cfg(feature = "es512")]
    #[test]
    fn p521_point_off_curve_or_out_of_range_is_invalid_key() {
        let (gx, mut gy) = (hex(P521_GX), hex(P521_GY));
        gy[65] ^= 1;
        assert_eq!(
            p521_key(&gx, &gy).map(|_| ()),
            Err(Error::InvalidKey(KeyProblem::Point))
        );
        // A coordinate ≥ p (p = 2^521 - 1; 66 bytes of 0xff exceed it).
        assert_eq!(
            p521_key(&[0xff; 66], &hex(P521_GY)).map(|_| ()),
            Err(Error::InvalidKey(KeyProblem::Point))
        );
    }

    #[test]
    fn ec_point_off_curve_is_invalid_key() {
        let k = BoundKey::new(
            Algorithm::ES256,
            KeyMaterial::Ec(EcPublicKey::new(Curve::P256, &[1; 32], &[2; 32]).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        assert_eq!(
            RustCrypto.prepare(&k).map(|_| ()),
            Err(Error::InvalidKey(KeyProblem::Point))
        );
    }

    #[test]
    fn hmac_full_tag_only() {
        let secret = [7u8; 64];
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let k = BoundKey::new(
                alg,
                KeyMaterial::Hmac(HmacSecret::new(&secret).unwrap()),
                Strength::Enforce,
            )
            .unwrap();
            let key = RustCrypto.prepare(&k).unwrap();
            let len = k.signature_len();
            assert_eq!(
                RustCrypto.verify(&key, b"a.b", &[0; 64][..len]),
                Err(Error::BadSignature)
            );
            assert_eq!(
                RustCrypto.verify(&key, b"a.b", &[]),
                Err(Error::BadSignature)
            );
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
            RustCrypto.prepare(&k).map(|_| ()),
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
