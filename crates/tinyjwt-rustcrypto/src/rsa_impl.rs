//! RS*/PS* through the `rsa` crate (feature `alloc`).

use rsa::sha2::{Sha256, Sha384, Sha512};
use rsa::signature::Verifier;
use rsa::{BoxedUint, RsaPublicKey, pkcs1v15, pss};
use tinyjwt_core::alg::Hash;
use tinyjwt_core::{Error, KeyProblem};

/// A parsed RSA key with its padding scheme and hash fixed.
pub(crate) enum RsaKey {
    Pkcs1Sha256(pkcs1v15::VerifyingKey<Sha256>),
    Pkcs1Sha384(pkcs1v15::VerifyingKey<Sha384>),
    Pkcs1Sha512(pkcs1v15::VerifyingKey<Sha512>),
    PssSha256(pss::VerifyingKey<Sha256>),
    PssSha384(pss::VerifyingKey<Sha384>),
    PssSha512(pss::VerifyingKey<Sha512>),
}

/// The RSA signature scheme of a JWS algorithm family.
pub(crate) enum Scheme {
    Pkcs1,
    Pss,
}

impl RsaKey {
    /// Parses `key` for `scheme` with `hash`. The core has checked the size (1024–8192 bits,
    /// under 2048 only for RS256/RS512 allowed weak) and the exponent; this crate needs no
    /// separate legacy parameters, so `legacy_size` is not looked at.
    pub(crate) fn new(
        scheme: Scheme,
        hash: Hash,
        key: &tinyjwt_core::RsaPublicKey<'_>,
    ) -> Result<Self, Error> {
        let n = BoxedUint::from_be_slice_vartime(key.n());
        let e = BoxedUint::from_be_slice_vartime(key.e());
        // The `rsa` crate takes explicit size limits (its default stops at 4096 bits); they
        // are the core's, so this never refuses a key the core bound.
        let public = RsaPublicKey::new_with_size_limits(
            n,
            e,
            tinyjwt_core::key::MIN_LEGACY_RSA_BITS..=tinyjwt_core::limits::MAX_RSA_BITS,
        )
        .map_err(|_| Error::InvalidKey(KeyProblem::Encoding))?;
        Ok(match (scheme, hash) {
            (Scheme::Pkcs1, Hash::Sha256) => Self::Pkcs1Sha256(pkcs1v15::VerifyingKey::new(public)),
            (Scheme::Pkcs1, Hash::Sha384) => Self::Pkcs1Sha384(pkcs1v15::VerifyingKey::new(public)),
            (Scheme::Pkcs1, Hash::Sha512) => Self::Pkcs1Sha512(pkcs1v15::VerifyingKey::new(public)),
            // `pss::VerifyingKey::new` fixes the salt length to the hash length (RFC 7518 §3.5),
            // as ring does; an auto-detected salt length would accept more than ring.
            (Scheme::Pss, Hash::Sha256) => Self::PssSha256(pss::VerifyingKey::new(public)),
            (Scheme::Pss, Hash::Sha384) => Self::PssSha384(pss::VerifyingKey::new(public)),
            (Scheme::Pss, Hash::Sha512) => Self::PssSha512(pss::VerifyingKey::new(public)),
        })
    }

    pub(crate) fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        // The `rsa` crate checks `sig.len() == modulus length` itself (RFC 8017 §8.2.2 step 1);
        // the signature types only bound the length before copying.
        const MAX: usize = tinyjwt_core::limits::MAX_SIGNATURE_LEN;
        match self {
            Self::Pkcs1Sha256(k) => pkcs1(k, input, sig, MAX),
            Self::Pkcs1Sha384(k) => pkcs1(k, input, sig, MAX),
            Self::Pkcs1Sha512(k) => pkcs1(k, input, sig, MAX),
            Self::PssSha256(k) => pss_verify(k, input, sig, MAX),
            Self::PssSha384(k) => pss_verify(k, input, sig, MAX),
            Self::PssSha512(k) => pss_verify(k, input, sig, MAX),
        }
    }
}

fn pkcs1<K: Verifier<pkcs1v15::Signature>>(k: &K, input: &[u8], sig: &[u8], max: usize) -> bool {
    pkcs1v15::Signature::from_bytes_with_max_len(sig, max)
        .is_ok_and(|s| k.verify(input, &s).is_ok())
}

fn pss_verify<K: Verifier<pss::Signature>>(k: &K, input: &[u8], sig: &[u8], max: usize) -> bool {
    pss::Signature::from_bytes_with_max_len(sig, max).is_ok_and(|s| k.verify(input, &s).is_ok())
}
