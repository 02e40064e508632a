//! The key set: the prepared keys a [`Verifier`](crate::Verifier) holds, the one statement of
//! which of them a token is checked against, and every way to add keys.
//!
//! Three concerns live here and nowhere else:
//! - **ownership**: a [`KeySet`] owns up to `K` keys, each prepared once by the backend and
//!   bound to one algorithm, with an optional `kid`;
//! - **selection**: `KeySet::candidates` is the rule of RFC 7515 §4.1.4 (`kid` is a hint),
//!   documented on [`Verifier`](crate::Verifier#key-selection);
//! - **loading**: a [`KeyLoader`] adds keys from every format (raw material, PEM, DER, JWK,
//!   JWK Set, PEM bundle, JSON list of PEM strings). The format modules only parse; each
//!   `add_*` here is all-or-nothing through one helper, so a call that fails part-way leaves
//!   the set as it was.
//!
//! A set can be built beside a running verifier and swapped in whole with
//! [`Verifier::replace_keys`](crate::Verifier::replace_keys): a verifier never serves a
//! half-loaded set during a rotation.
//!
//! ```
//! # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
//! # #[derive(Clone, Copy)]
//! # struct AcceptAll;
//! # impl SignatureBackend for AcceptAll {
//! #     type Key = ();
//! #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
//! #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
//! # }
//! use tinyjwt_core::{Algorithm, KeySet, Policy, Strength, Verifier};
//! let pem = b"-----BEGIN PUBLIC KEY-----
//! MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
//! -----END PUBLIC KEY-----";
//! let mut verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
//! verifier.keys_mut().add_pem(pem, Algorithm::EdDSA, Some("2025"), Strength::Enforce)?;
//!
//! // Rotation: the new set is built beside the old one, then swapped in whole.
//! let mut next = KeySet::new();
//! next.loader(&AcceptAll).add_pem(pem, Algorithm::EdDSA, Some("2026"), Strength::Enforce)?;
//! let old = verifier.replace_keys(next);
//! assert_eq!(old.iter().next(), Some((Some("2025"), Algorithm::EdDSA)));
//! assert_eq!(verifier.keys().iter().next(), Some((Some("2026"), Algorithm::EdDSA)));
//! # Ok::<(), Error>(())
//! ```

use crate::alg::Algorithm;
use crate::backend::SignatureBackend;
use crate::der;
use crate::error::{Error, Limit};
use crate::json::JsonStr;
use crate::jwk::{self, JWK_SCRATCH_LEN, JwkOptions};
use crate::jwks::{self, JwksSummary, Skipped};
use crate::key::{BoundKey, HmacSecret, KeyMaterial, Strength};
use crate::limits::MAX_KID_LEN;
use crate::pem::{self, PEM_SCRATCH_LEN};
use heapless::{String, Vec};

/// Default number of keys a [`KeySet`] (and a [`Verifier`](crate::Verifier)) holds.
pub const DEFAULT_KEYS: usize = 4;

/// One prepared key with its binding.
pub(crate) struct Entry<K> {
    pub(crate) alg: Algorithm,
    pub(crate) signature_len: usize,
    kid: Option<String<MAX_KID_LEN>>,
    pub(crate) key: K,
}

impl<K> Entry<K> {
    fn kid_is(&self, kid: &JsonStr<'_>) -> bool {
        self.kid.as_deref().is_some_and(|k| kid.eq_str(k))
    }
}

/// Up to `K` prepared keys, each bound to one algorithm, with an optional `kid`.
///
/// The capacity is a const generic, as in `heapless`: a set that is full refuses the next key
/// with [`Error::TooLarge`]`(`[`Limit::Keys`]`)` rather than allocating. Keys are added through
/// a [`KeyLoader`] ([`KeySet::loader`], or [`Verifier::keys_mut`](crate::Verifier::keys_mut)),
/// which holds the backend that prepares them.
pub struct KeySet<B: SignatureBackend, const K: usize = DEFAULT_KEYS> {
    entries: Vec<Entry<B::Key>, K>,
}

impl<B: SignatureBackend, const K: usize> Default for KeySet<B, K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<B: SignatureBackend, const K: usize> KeySet<B, K> {
    /// An empty set.
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// A loader that adds keys to this set, prepared by `backend`.
    pub fn loader<'s>(&'s mut self, backend: &'s B) -> KeyLoader<'s, B, K> {
        KeyLoader { backend, set: self }
    }

    /// How many keys the set holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes every key.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The keys in the order they were added (the order
    /// [`Verified::key_index`](crate::Verified::key_index) counts in): each one's `kid`, if
    /// it has one, and the algorithm it is bound to.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Option<&str>, Algorithm)> + '_ {
        self.entries.iter().map(|k| (k.kid.as_deref(), k.alg))
    }

    /// The keys a token with header `alg` (and `kid`) is checked against, in the order they
    /// are tried, with their index: **the** statement of the selection rule (see
    /// [`Verifier`](crate::Verifier#key-selection)). With a `kid`: the keys that carry that
    /// `kid`, then the keys that carry none (they serve any token of their algorithm); a key
    /// with a different `kid` is never tried. Without one: every key of the algorithm, in the
    /// order they were added. A key bound to another algorithm is never a candidate.
    pub(crate) fn candidates<'s>(
        &'s self,
        alg: Algorithm,
        kid: Option<&'s JsonStr<'s>>,
    ) -> impl Iterator<Item = (usize, &'s Entry<B::Key>)> + 's {
        let keys = || self.entries.iter().enumerate();
        let first =
            keys().filter(move |(_, k)| k.alg == alg && kid.is_none_or(|kid| k.kid_is(kid)));
        let then = keys().filter(move |(_, k)| k.alg == alg && kid.is_some() && k.kid.is_none());
        first.chain(then)
    }

    /// Header-only checks, before any signature is decoded: is there a key the token could
    /// be checked against, and if not, the error that says why.
    pub(crate) fn check_selectable(
        &self,
        alg: Algorithm,
        kid: Option<&JsonStr<'_>>,
    ) -> Result<(), Error> {
        if !self.entries.iter().any(|k| k.alg == alg) {
            return Err(Error::AlgNotAllowed);
        }
        if let Some(kid) = kid {
            let serves =
                |k: &Entry<B::Key>| k.alg == alg && k.kid.as_ref().is_none_or(|_| k.kid_is(kid));
            if !self.entries.iter().any(serves) {
                // A key answers to this `kid` but is bound to another algorithm.
                if self.entries.iter().any(|k| k.kid_is(kid)) {
                    return Err(Error::KidAlgMismatch);
                }
                return Err(Error::UnknownKid);
            }
        }
        Ok(())
    }
}

/// Adds keys to a [`KeySet`], preparing each with the backend once.
///
/// Every method is all-or-nothing: when it fails, the keys it had already added are removed
/// again, so the set is exactly as it was before the call.
pub struct KeyLoader<'s, B: SignatureBackend, const K: usize> {
    backend: &'s B,
    set: &'s mut KeySet<B, K>,
}

impl<B: SignatureBackend, const K: usize> KeyLoader<'_, B, K> {
    /// The one all-or-nothing helper: runs `f`, and on error drops every key it added.
    fn atomically<R>(&mut self, f: impl FnOnce(&mut Self) -> Result<R, Error>) -> Result<R, Error> {
        let before = self.set.len();
        let r = f(self);
        if r.is_err() {
            self.set.entries.truncate(before);
        }
        r
    }

    /// Prepares `key` with the backend and adds it, with an optional `kid`. Which tokens the
    /// key then serves is the [key selection rule](crate::Verifier#key-selection): with a
    /// `kid`, only tokens naming that `kid`; without one, every token of its algorithm.
    ///
    /// # Errors
    /// [`Error::TooLarge`]`(`[`Limit::Kid`]`)` for a `kid` over [`MAX_KID_LEN`] bytes,
    /// [`Error::TooLarge`]`(`[`Limit::Keys`]`)` when the set holds `K` keys already, and any
    /// error of the backend's `prepare`.
    pub fn add_key(&mut self, key: &BoundKey<'_>, kid: Option<&str>) -> Result<(), Error> {
        if self.set.entries.is_full() {
            return Err(Error::TooLarge(Limit::Keys));
        }
        let kid = match kid {
            Some(k) => Some(String::try_from(k).map_err(|_| Error::TooLarge(Limit::Kid))?),
            None => None,
        };
        let prepared = self.backend.prepare(key)?;
        let entry = Entry {
            alg: key.alg(),
            signature_len: key.signature_len(),
            kid,
            key: prepared,
        };
        self.set
            .entries
            .push(entry)
            .map_err(|_| Error::TooLarge(Limit::Keys))
    }

    /// Adds a shared HMAC secret (raw bytes, never text-decoded) bound to `alg`, one of
    /// HS256/384/512: the Miro flow, where the app secret signs every token. Shorter than the
    /// hash output is [`Error::WeakKey`] unless [`Strength::AllowWeak`] (RFC 7518 §3.2).
    ///
    /// ```
    /// # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
    /// # struct AcceptAll;
    /// # impl SignatureBackend for AcceptAll {
    /// #     type Key = ();
    /// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
    /// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
    /// # }
    /// use tinyjwt_core::{Algorithm, Policy, Strength, Verifier};
    /// let mut verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
    /// verifier.keys_mut().add_secret(Algorithm::HS256, b"0123456789abcdef0123456789abcdef", None, Strength::Enforce)?;
    /// assert_eq!(
    ///     verifier.keys_mut().add_secret(Algorithm::HS512, b"only 32 bytes, HS512 needs 64!!!", None, Strength::Enforce),
    ///     Err(Error::WeakKey)
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyProblem::Empty`](crate::error::KeyProblem::Empty) for an empty secret; as
    /// [`BoundKey::new`] ([`Error::KeyMismatch`] for a non-HMAC `alg`) and
    /// [`add_key`](Self::add_key).
    pub fn add_secret(
        &mut self,
        alg: Algorithm,
        secret: &[u8],
        kid: Option<&str>,
        strength: Strength,
    ) -> Result<(), Error> {
        let material = KeyMaterial::Hmac(HmacSecret::new(secret)?);
        self.add_key(&BoundKey::new(alg, material, strength)?, kid)
    }

    /// Adds a PEM public key (`PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE`, read with
    /// RFC 7468's lax rules, see [`pem`]), bound to `alg`, which the caller must
    /// name: PEM carries no JWS algorithm. Uses [`PEM_SCRATCH_LEN`] bytes of stack.
    ///
    /// ```
    /// # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
    /// # struct AcceptAll;
    /// # impl SignatureBackend for AcceptAll {
    /// #     type Key = ();
    /// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
    /// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
    /// # }
    /// use tinyjwt_core::{Algorithm, Policy, Strength, Verifier};
    /// let pem = b"-----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
    /// -----END PUBLIC KEY-----
    /// ";
    /// let mut verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
    /// verifier.keys_mut().add_pem(pem, Algorithm::EdDSA, Some("ed-1"), Strength::Enforce)?;
    /// // The same key can never serve an HMAC algorithm, whatever bytes it is made of.
    /// assert_eq!(
    ///     verifier.keys_mut().add_pem(pem, Algorithm::HS256, None, Strength::AllowWeak).err(),
    ///     Some(Error::KeyMismatch)
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`pem::parse`], [`BoundKey::new`] and [`add_key`](Self::add_key).
    pub fn add_pem(
        &mut self,
        pem: &[u8],
        alg: Algorithm,
        kid: Option<&str>,
        strength: Strength,
    ) -> Result<(), Error> {
        let mut scratch = [0u8; PEM_SCRATCH_LEN];
        let material = pem::parse(pem, &mut scratch)?;
        self.add_key(&BoundKey::new(alg, material, strength)?, kid)
    }

    /// Adds a DER public key (SPKI, PKCS#1 `RSAPublicKey` or a certificate's key, see
    /// [`der::parse`] and the certificate caveat in [`der`]), bound to `alg`,
    /// which the caller must name: DER carries no JWS algorithm.
    ///
    /// # Errors
    /// As [`der::parse`], [`BoundKey::new`] and [`add_key`](Self::add_key).
    pub fn add_der(
        &mut self,
        der: &[u8],
        alg: Algorithm,
        kid: Option<&str>,
        strength: Strength,
    ) -> Result<(), Error> {
        let material = der::parse(der)?;
        self.add_key(&BoundKey::new(alg, material, strength)?, kid)
    }

    /// Adds one JWK (see [`jwk::parse`] for the rules; unlike in a set, any key that cannot
    /// serve verification is an error, and an `oct` key is allowed). Uses
    /// [`JWK_SCRATCH_LEN`] bytes of stack.
    ///
    /// # Errors
    /// As [`jwk::parse`] and [`add_key`](Self::add_key).
    pub fn add_jwk(&mut self, json: &[u8], opts: JwkOptions) -> Result<(), Error> {
        let mut scratch = [0u8; JWK_SCRATCH_LEN];
        let jwk = jwk::parse(json, opts, &mut scratch)?;
        self.add_key(jwk.key(), jwk.kid())
    }

    /// Adds every usable key of a JWK Set (see [`jwks`] for which members are
    /// skipped and why) and returns the [`JwksSummary`]: keys added, members skipped per
    /// reason, and the first skipped members with their `kid`s. A key the backend's `prepare`
    /// refuses (a point off the curve, an algorithm it lacks) is skipped like any other
    /// unusable member.
    ///
    /// ```
    /// # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
    /// # struct AcceptAll;
    /// # impl SignatureBackend for AcceptAll {
    /// #     type Key = ();
    /// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
    /// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
    /// # }
    /// use tinyjwt_core::jwk::JwkOptions;
    /// use tinyjwt_core::jwks::SkipReason;
    /// use tinyjwt_core::{Algorithm, Policy, Verifier};
    /// // A Canva-style set: `kid`, `kty`, `n`, `e` and nothing else; the caller names RS256.
    /// // A shared secret has slipped into it: skipped, and reported.
    /// let set = br#"{"keys":[{"kid":"k1","kty":"RSA","e":"AQAB",
    ///   "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"},
    ///   {"kid":"s1","kty":"oct","k":"c2VjcmV0"}]}"#;
    /// let mut verifier: Verifier<_, 8> = Verifier::new(AcceptAll, Policy::new())?;
    /// let summary = verifier.keys_mut().add_jwks(set, JwkOptions::new().alg(Algorithm::RS256))?;
    /// assert_eq!((summary.used(), summary.count(SkipReason::Symmetric)), (1, 1));
    /// assert!(summary.listed()[0].kid().unwrap() == "s1");
    /// // Only unusable members: nothing to verify with.
    /// let bad = br#"{"keys":[{"kid":"s1","kty":"oct","k":"c2VjcmV0"}]}"#;
    /// assert_eq!(verifier.keys_mut().add_jwks(bad, JwkOptions::new()), Err(Error::NoUsableKey));
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`jwks::for_each`]; [`Error::NoUsableKey`] when no member was added (the set is
    /// empty or every member was skipped); [`Error::TooLarge`]`(`[`Limit::Keys`]`)` when the
    /// set's capacity `K` is reached.
    pub fn add_jwks<'j>(
        &mut self,
        json: &'j [u8],
        opts: JwkOptions,
    ) -> Result<JwksSummary<'j>, Error> {
        self.add_jwks_with(json, opts, |_| {})
    }

    /// [`add_jwks`](Self::add_jwks), also calling `on_skip` with every skipped member as it is
    /// met: all of them, beyond [`MAX_SKIPPED_LISTED`](crate::jwks::MAX_SKIPPED_LISTED) too,
    /// and also when the call then fails (with [`Error::NoUsableKey`], say), so a caller can
    /// always tell why.
    ///
    /// # Errors
    /// As [`add_jwks`](Self::add_jwks).
    pub fn add_jwks_with<'j, S>(
        &mut self,
        json: &'j [u8],
        opts: JwkOptions,
        on_skip: S,
    ) -> Result<JwksSummary<'j>, Error>
    where
        S: FnMut(&Skipped<'j>),
    {
        self.atomically(|l| {
            let summary = jwks::visit(json, opts, |jwk| l.add_key(jwk.key(), jwk.kid()), on_skip)?;
            if summary.used() == 0 {
                return Err(Error::NoUsableKey);
            }
            Ok(summary)
        })
    }

    /// Adds every key of a PEM bundle (blocks one after the other, explanatory text between
    /// them allowed, see [`pem::blocks`]), each bound to `alg`, without `kid`; returns how
    /// many were added. Kid-less keys serve every token of their algorithm: how a verifier
    /// rides out a rotation.
    ///
    /// # Errors
    /// As [`add_pem`](Self::add_pem) for each block; [`Malformed::KeyFormat`] for a stray
    /// boundary line, a block without `END`, or a bundle without any block.
    ///
    /// [`Malformed::KeyFormat`]: crate::error::Malformed::KeyFormat
    pub fn add_pem_bundle(
        &mut self,
        text: &[u8],
        alg: Algorithm,
        strength: Strength,
    ) -> Result<usize, Error> {
        self.atomically(|l| {
            let mut count = 0usize;
            for block in pem::blocks(text) {
                l.add_pem(block?, alg, None, strength)?;
                count += 1;
            }
            if count == 0 {
                return Err(pem::FORMAT);
            }
            Ok(count)
        })
    }

    /// Adds every key of a JSON array of PEM strings (`["-----BEGIN PUBLIC KEY-----\n...",
    /// ...]`, the shape Trello publishes its rotating 4096-bit keys in, read by
    /// [`pem::for_each_in_list`]), each bound to `alg`, without `kid`; returns how many were
    /// added.
    ///
    /// # Errors
    /// As [`pem::for_each_in_list`], and as [`add_pem`](Self::add_pem) for each entry.
    pub fn add_pem_list_json(
        &mut self,
        json: &[u8],
        alg: Algorithm,
        strength: Strength,
    ) -> Result<usize, Error> {
        // Each entry is decoded in place (one `MAX_PEM_LEN` buffer, no `PEM_SCRATCH_LEN`
        // scratch beside it): this is the loader a 64 KiB board runs on Trello's list.
        self.atomically(|l| {
            pem::for_each_key_in_list(json, |key| {
                l.add_key(&BoundKey::new(alg, key, strength)?, None)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prepares every key; never verifies (selection is all these tests look at).
    struct Refuse;
    impl SignatureBackend for Refuse {
        type Key = ();
        fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> {
            Ok(())
        }
        fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), crate::BadSignature> {
            Err(crate::BadSignature)
        }
    }

    fn hs(alg: Algorithm) -> BoundKey<'static> {
        let m = KeyMaterial::Hmac(HmacSecret::new(&[7; 64]).unwrap());
        BoundKey::new(alg, m, Strength::Enforce).unwrap()
    }

    fn set(keys: &[(Algorithm, Option<&str>)]) -> KeySet<Refuse, 8> {
        let mut s = KeySet::new();
        for &(alg, kid) in keys {
            s.loader(&Refuse).add_key(&hs(alg), kid).unwrap();
        }
        s
    }

    fn candidates(
        s: &KeySet<Refuse, 8>,
        alg: Algorithm,
        kid: Option<&str>,
    ) -> std::vec::Vec<usize> {
        let json = kid.map(|k| std::format!("\"{k}\""));
        let mut p = json.as_ref().map(|j| {
            crate::json::Parser::<'_, 4>::new(j.as_bytes(), crate::error::Part::Header).unwrap()
        });
        let kid = p.as_mut().map(|p| match p.value().unwrap() {
            crate::json::Value::String(s) => s,
            _ => unreachable!(),
        });
        s.candidates(alg, kid.as_ref()).map(|(i, _)| i).collect()
    }

    #[test]
    fn kid_matches_first_then_kid_less_keys_never_another_kid_or_alg() {
        use Algorithm::{HS256, HS512};
        let s = set(&[
            (HS256, None),
            (HS256, Some("a")),
            (HS512, Some("a")),
            (HS256, Some("b")),
            (HS256, None),
        ]);
        assert_eq!(candidates(&s, HS256, Some("a")), [1, 0, 4]);
        assert_eq!(candidates(&s, HS256, Some("b")), [3, 0, 4]);
        assert_eq!(candidates(&s, HS256, Some("c")), [0, 4]);
        assert_eq!(candidates(&s, HS256, None), [0, 1, 3, 4]);
        assert_eq!(candidates(&s, HS512, Some("a")), [2]);
        assert_eq!(
            candidates(&s, HS512, Some("b")),
            std::vec::Vec::<usize>::new()
        );
        assert_eq!(
            candidates(&s, Algorithm::HS384, None),
            std::vec::Vec::<usize>::new()
        );
    }

    #[test]
    fn loading_is_all_or_nothing_and_capacity_is_k() {
        let mut s: KeySet<Refuse, 2> = KeySet::new();
        s.loader(&Refuse)
            .add_key(&hs(Algorithm::HS256), Some("x"))
            .unwrap();
        // A PEM list whose second entry is not PEM: the first is not kept either.
        let pem = "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\\n-----END PUBLIC KEY-----";
        let list = std::format!(r#"["{pem}", "not pem"]"#);
        let r = s.loader(&Refuse).add_pem_list_json(
            list.as_bytes(),
            Algorithm::EdDSA,
            Strength::Enforce,
        );
        assert!(r.is_err());
        assert_eq!(
            s.iter().collect::<std::vec::Vec<_>>(),
            [(Some("x"), Algorithm::HS256)]
        );
        // Full: the third key is refused, the set unchanged.
        let two = std::format!(r#"["{pem}", "{pem}"]"#);
        assert_eq!(
            s.loader(&Refuse).add_pem_list_json(
                two.as_bytes(),
                Algorithm::EdDSA,
                Strength::Enforce
            ),
            Err(Error::TooLarge(Limit::Keys))
        );
        assert_eq!(s.len(), 1);
        s.clear();
        assert!(s.is_empty());
    }
}
