//! The seam between the format code (this crate) and the cryptography (a backend crate).
//!
//! Modelled on RustCrypto's `signature::Verifier`: one small trait, one concern. The core
//! hands a backend a [`BoundKey`] whose material is already parsed, whose algorithm is
//! fixed and whose strength is checked; the backend turns it into its own prepared key once
//! (an HMAC state keyed in advance, a parsed RSA modulus, a decompressed curve point), then
//! verifies any number of signatures with it.
//!
//! The core has already checked, before `verify` is called, that the token's `alg` equals
//! the key's algorithm and that the signature has exactly [`BoundKey::signature_len`] bytes.
//! A backend must still never panic on any input.

use crate::Error;
use crate::key::BoundKey;

/// A signature-verification backend (ring, RustCrypto, a secure element, ...).
///
/// ```
/// use tinyjwt_core::{BoundKey, Error, SignatureBackend};
///
/// /// A backend that knows no algorithm at all: every key is refused when it is loaded.
/// struct Nothing;
///
/// impl SignatureBackend for Nothing {
///     type Key = core::convert::Infallible;
///     fn prepare(&self, _key: &BoundKey<'_>) -> Result<Self::Key, Error> {
///         Err(Error::UnsupportedAlg)
///     }
///     fn verify(&self, key: &Self::Key, _input: &[u8], _sig: &[u8]) -> Result<(), Error> {
///         match *key {}
///     }
/// }
/// ```
pub trait SignatureBackend {
    /// A verifying key prepared for exactly one algorithm.
    type Key;

    /// Prepares `key` once. Returns [`Error::UnsupportedAlg`] if this backend (or its enabled
    /// features) cannot verify the key's algorithm, [`Error::InvalidKey`] if the material is
    /// unusable (an EC point not on the curve, for one), [`Error::WeakKey`] if the backend
    /// refuses its size.
    fn prepare(&self, key: &BoundKey<'_>) -> Result<Self::Key, Error>;

    /// Verifies `signature` over `signing_input` (the ASCII bytes `header.payload`).
    /// Any failure is [`Error::BadSignature`]; comparisons must be constant-time.
    fn verify(&self, key: &Self::Key, signing_input: &[u8], signature: &[u8]) -> Result<(), Error>;
}

impl<B: SignatureBackend + ?Sized> SignatureBackend for &B {
    type Key = B::Key;
    fn prepare(&self, key: &BoundKey<'_>) -> Result<Self::Key, Error> {
        (**self).prepare(key)
    }
    fn verify(&self, key: &Self::Key, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        (**self).verify(key, signing_input, signature)
    }
}
