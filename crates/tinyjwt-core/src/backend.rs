//! The seam between the format code (this crate) and the cryptography (a backend crate).
//!
//! Modelled on RustCrypto's `signature::Verifier`: one small trait, one concern. The core
//! hands a backend a [`BoundKey`] whose material is already parsed, whose algorithm is
//! fixed and whose strength is checked, as a [`KeyInput`](crate::KeyInput) (one variant per algorithm family);
//! the backend turns it into its own prepared key once (an HMAC state keyed in advance, a
//! parsed RSA modulus, a decompressed curve point), then verifies any number of signatures
//! with it. Every rule that must hold identically for all backends is applied by the core,
//! once; see the [trait's contract](SignatureBackend#the-contract).

use crate::Error;
use crate::key::BoundKey;

/// The one failure [`SignatureBackend::verify`] reports: the signature does not verify.
///
/// The core maps it to [`Error::BadSignature`] (`From` is implemented). It carries nothing on
/// purpose: why a signature failed (bad padding, a scalar out of range, a wrong tag) is not
/// something a verifier may tell an attacker, or that two backends could agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BadSignature;

impl From<BadSignature> for Error {
    fn from(_: BadSignature) -> Self {
        Error::BadSignature
    }
}

impl core::fmt::Display for BadSignature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("bad signature")
    }
}

/// A signature-verification backend (ring, RustCrypto, aws-lc-rs, a secure element, ...).
///
/// # The contract
///
/// **Already checked by the core — do not re-check.** A backend only ever sees keys built by
/// [`BoundKey::new`], and [`BoundKey::input`] says in its type what was checked
/// (see [`KeyInput`]'s table):
///
/// - the material fits the algorithm (an HMAC secret is never handed over for RS256, a P-384
///   point never for ES256), so `prepare` matches [`KeyInput`] exhaustively with no
///   "mismatch" arm;
/// - strength: HMAC secrets at least the hash size (unless [`Strength::AllowWeak`]); RSA
///   moduli of [`MIN_RSA_BITS`]–[`MAX_RSA_BITS`] bits, or of 1024–2047 bits only for RS256 and
///   RS512 allowed weak, flagged `legacy_size` (use legacy parameters exactly then);
/// - encodings: RSA `n` odd without leading zeros, `e` odd, 3 ≤ e < 2³²; EC coordinates of
///   exactly the curve's size ([`EcPublicKey::to_sec1`] gives the SEC1 form); Ed25519 keys
///   canonical and not of small order.
///
/// Before `verify` runs, the core ([`Verifier::verify`], [`verify_signature`]) has checked
/// that the token's `alg` is the key's, that the signature has exactly
/// [`BoundKey::signature_len`] bytes, and, for Ed25519, that its `R` half is not of small
/// order ([`BoundKey::admits_signature`]). A backend may rely on none of this for memory
/// safety: `verify` must never panic on any input, of any length.
///
/// **Left to the backend** (it has the arithmetic): whether an EC point is on its curve and
/// an Ed25519 key decodes to a point — checked in `prepare`, so a bad key is refused when it
/// is loaded, not with `bad_signature` at every token; ECDSA `r`, `s` in `1..n` (refuse 0,
/// CVE-2022-21449) in the fixed `r || s` form (never DER); Ed25519 `S < L`; RSA-PSS with
/// MGF1 of the same hash and salt length = hash length (RFC 7518 §3.5); HMAC over the full
/// tag only.
///
/// **Constant time.** HMAC tag comparison must be constant-time (a byte-by-byte early exit
/// leaks the tag). Public-key verification handles only public data and need not be, but
/// must not branch on secret data (it has none).
///
/// **What to return when.**
///
/// | situation | `prepare` returns |
/// |---|---|
/// | this backend (or its enabled features) cannot verify the key's algorithm (ring: ES512) | [`Error::UnsupportedAlg`] |
/// | an EC point not on the curve, an Ed25519 key that does not decode | [`Error::InvalidKey`]`(`[`KeyProblem::Point`]`)` |
/// | a key the backend's library refuses for another reason | [`Error::InvalidKey`]`(`[`KeyProblem::Encoding`]`)` |
/// | a resource the backend needs fails (a random generator) | [`Error::InvalidKey`]`(`[`KeyProblem::Unsupported`]`)` |
///
/// `verify` returns `Ok(())` or [`BadSignature`], nothing else. Never return
/// [`Error::WeakKey`] or [`Error::KeyMismatch`] from `prepare`: both are the core's, decided
/// before the backend runs. Every backend must give the same answer on every input; the
/// conformance crate's `check_backend` and Wycheproof `run_for` check a backend against
/// this contract in one call each.
///
/// ```
/// use tinyjwt_core::backend::{BadSignature, SignatureBackend};
/// use tinyjwt_core::{Algorithm, BoundKey, Error, HmacSecret, KeyInput, KeyMaterial, Strength};
///
/// /// A backend for HS256 only, by exact (not constant-time!) comparison: for show.
/// struct Toy;
///
/// impl SignatureBackend for Toy {
///     type Key = [u8; 32];
///     fn prepare(&self, key: &BoundKey<'_>) -> Result<[u8; 32], Error> {
///         // Exhaustive: no `_ => KeyMismatch`, no size re-check.
///         match key.input() {
///             KeyInput::Hmac { hash: tinyjwt_core::Hash::Sha256, secret } => {
///                 let mut k = [0u8; 32];
///                 for (o, b) in k.iter_mut().zip(secret.as_bytes()) {
///                     *o = *b;
///                 }
///                 Ok(k)
///             }
///             KeyInput::Hmac { .. }
///             | KeyInput::RsaPkcs1 { .. }
///             | KeyInput::RsaPss { .. }
///             | KeyInput::Ecdsa { .. }
///             | KeyInput::Ed25519 { .. } => Err(Error::UnsupportedAlg),
///         }
///     }
///     fn verify(&self, key: &[u8; 32], _input: &[u8], sig: &[u8]) -> Result<(), BadSignature> {
///         if sig == key { Ok(()) } else { Err(BadSignature) }
///     }
/// }
///
/// let secret = KeyMaterial::Hmac(HmacSecret::new(&[7; 32])?);
/// let bound = BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?;
/// let key = Toy.prepare(&bound)?;
/// assert_eq!(Toy.verify(&key, b"h.p", &[7; 32]), Ok(()));
/// // Through the core's rules: a signature of the wrong length never reaches the backend.
/// let check = |sig: &[u8]| tinyjwt_core::backend::verify_signature(&Toy, &bound, &key, b"h.p", sig);
/// assert_eq!(check(&[7; 31]), Err(Error::BadSignature));
/// assert_eq!(check(&[8; 32]), Err(Error::BadSignature));
/// let hs512 = BoundKey::new(Algorithm::HS512, KeyMaterial::Hmac(HmacSecret::new(&[7; 64])?), Strength::Enforce)?;
/// assert_eq!(Toy.prepare(&hs512).map(|_| ()), Err(Error::UnsupportedAlg));
/// # Ok::<(), Error>(())
/// ```
///
/// [`Strength::AllowWeak`]: crate::Strength::AllowWeak
/// [`KeyInput`]: crate::KeyInput
/// [`MIN_RSA_BITS`]: crate::limits::MIN_RSA_BITS
/// [`MAX_RSA_BITS`]: crate::limits::MAX_RSA_BITS
/// [`EcPublicKey::to_sec1`]: crate::EcPublicKey::to_sec1
/// [`Verifier::verify`]: crate::Verifier::verify
/// [`KeyProblem::Point`]: crate::KeyProblem::Point
/// [`KeyProblem::Encoding`]: crate::KeyProblem::Encoding
/// [`KeyProblem::Unsupported`]: crate::KeyProblem::Unsupported
pub trait SignatureBackend {
    /// A verifying key prepared for exactly one algorithm.
    type Key;

    /// Prepares `key` (match on [`BoundKey::input`]) once, when it is loaded. Errors: see
    /// [what to return when](SignatureBackend#the-contract).
    fn prepare(&self, key: &BoundKey<'_>) -> Result<Self::Key, Error>;

    /// Verifies `signature` over `signing_input` (the ASCII bytes `header.payload`). Any
    /// failure is [`BadSignature`]; HMAC comparisons must be constant-time.
    fn verify(
        &self,
        key: &Self::Key,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<(), BadSignature>;
}

impl<B: SignatureBackend + ?Sized> SignatureBackend for &B {
    type Key = B::Key;
    fn prepare(&self, key: &BoundKey<'_>) -> Result<Self::Key, Error> {
        (**self).prepare(key)
    }
    fn verify(
        &self,
        key: &Self::Key,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<(), BadSignature> {
        (**self).verify(key, signing_input, signature)
    }
}

/// Verifies one signature as [`Verifier::verify`](crate::Verifier::verify) does once it has
/// chosen `bound` (prepared by `backend` as `key`): the core's per-signature rules
/// ([`BoundKey::admits_signature`]: exact length, no small-order Ed25519 `R`), then the
/// backend. For callers that use a backend without a verifier, and for backend tests.
pub fn verify_signature<B: SignatureBackend + ?Sized>(
    backend: &B,
    bound: &BoundKey<'_>,
    key: &B::Key,
    signing_input: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    if !bound.admits_signature(signature) {
        return Err(Error::BadSignature);
    }
    Ok(backend.verify(key, signing_input, signature)?)
}
