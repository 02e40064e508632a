//! JWK Sets (RFC 7517 §5): `{"keys":[...]}` parsed straight into a [`Verifier`], without
//! allocating.
//!
//! Real sets mix keys, so members that cannot serve signature verification are **skipped**:
//! an unknown `kty` or `crv`, an `alg` tinyjwt does not support, `use` other than `sig`,
//! `key_ops` without `verify`, an RSA key without `alg` when the caller names none, and a key
//! bound to another algorithm than the one the caller names ([`JwkOptions::alg`]).
//!
//! Some things are never skipped, because skipping would hide a real problem:
//! - private material in *any* member (even one that would be skipped) is
//!   [`KeyProblem::PrivateMaterial`]: a leaked private key must be noticed;
//! - an `oct` (shared secret) key is [`KeyProblem::SymmetricInSet`] unless
//!   [`JwkOptions::allow_symmetric`]: a published set never legitimately carries one;
//! - a supported key that is malformed (bad base64url, wrong length, wrong JSON type, weak,
//!   `alg` contradicting its curve) is an error, as is malformed JSON anywhere.
//!
//! Loading is all-or-nothing: on any error, the keys added by that call are removed again.
//! Two keys may share a `kid`; both are candidates for a token with that `kid`. A set larger
//! than the verifier's capacity `K` is [`Error::TooLarge`]`(`[`Limit::Keys`]`)`.

use crate::backend::SignatureBackend;
use crate::error::{Error, KeyProblem, Limit, Part};
use crate::json::{Parser, Value};
use crate::jwk::{self, Context, JWK_SCRATCH_LEN, Jwk, JwkOptions, RawJwk};
use crate::verify::Verifier;

/// Maximum length of a JWK Set's JSON text. Real sets are a few KiB; a larger input is
/// refused before any parsing ([`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)`), so a huge
/// or hostile download costs nothing.
pub const MAX_JWKS_LEN: usize = 64 * 1024;

/// Parses a JWK Set and calls `f` with each usable key, in order; returns how many keys were
/// passed to `f`. Skipped members are described in the [module docs](self).
///
/// This is the building block of [`Verifier::add_jwks`]; use it to load keys elsewhere
/// (to log the `kid`s of a set, or to fill your own key store).
///
/// ```
/// use tinyjwt_core::jwks;
/// use tinyjwt_core::jwk::JwkOptions;
/// use tinyjwt_core::{Algorithm, Error};
/// // RFC 7517 Appendix A.1: an EC key for encryption (skipped) and an RSA key for RS256.
/// let set = br#"{"keys":[
///   {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
///    "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"},
///   {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
///    "e":"AQAB","alg":"RS256","kid":"2011-04-29"}]}"#;
/// let mut kids = heapless::Vec::<heapless::String<16>, 4>::new();
/// let n = jwks::for_each(set, JwkOptions::new(), |jwk| {
///     assert_eq!(jwk.key().alg(), Algorithm::RS256);
///     kids.push(jwk.kid().unwrap().try_into().unwrap()).unwrap();
///     Ok(())
/// })?;
/// assert_eq!((n, kids[0].as_str()), (1, "2011-04-29"));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` over [`MAX_JWKS_LEN`]; JSON errors
/// ([`Part::Key`]); [`KeyProblem::Missing`] without a `keys` member (or a member without
/// `kty`); [`KeyProblem::Encoding`] when `keys` is not an array of objects; every error of
/// [`jwk::parse`] for keys that are not skipped; any error `f` returns.
pub fn for_each<F>(json: &[u8], opts: JwkOptions, mut f: F) -> Result<usize, Error>
where
    F: FnMut(&Jwk<'_>) -> Result<(), Error>,
{
    if json.len() > MAX_JWKS_LEN {
        return Err(Error::TooLarge(Limit::KeyMaterial));
    }
    const WRONG_TYPE: Error = Error::InvalidKey(KeyProblem::Encoding);
    let mut p: Parser<'_> = Parser::new(json, Part::Key)?;
    p.begin_object()?;
    let mut seen_keys = false;
    let mut count = 0usize;
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    while let Some(name) = p.next_key()? {
        if !name.eq_str("keys") {
            p.skip_value()?;
            continue;
        }
        // The parser already refuses a second `keys` member.
        seen_keys = true;
        if p.value()? != Value::ArrayStart {
            return Err(WRONG_TYPE);
        }
        while let Some(v) = p.next_element()? {
            if v != Value::ObjectStart {
                return Err(WRONG_TYPE);
            }
            let raw = RawJwk::read(&mut p)?;
            if let Some(jwk) = raw.bind(opts, Context::Set, &mut scratch)? {
                f(&jwk)?;
                count += 1;
            }
        }
    }
    p.finish()?;
    if !seen_keys {
        return Err(Error::InvalidKey(KeyProblem::Missing));
    }
    Ok(count)
}

impl<'p, B: SignatureBackend, const K: usize> Verifier<'p, B, K> {
    /// Adds every usable key of a JWK Set (see the [`jwks`](crate::jwks) module for which
    /// members are skipped and which are errors) and returns how many were added.
    ///
    /// All-or-nothing: on error no key of this set stays added. Zero keys added is not an
    /// error; check the count if your set must contain some. Keys are prepared by the
    /// backend here, once; decoding uses [`JWK_SCRATCH_LEN`] bytes of stack.
    ///
    /// ```
    /// # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
    /// # struct AcceptAll;
    /// # impl SignatureBackend for AcceptAll {
    /// #     type Key = ();
    /// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
    /// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), Error> { Ok(()) }
    /// # }
    /// use tinyjwt_core::jwk::JwkOptions;
    /// use tinyjwt_core::{Algorithm, Policy, Verifier};
    /// // A Canva-style set: `kid`, `kty`, `n`, `e` and nothing else; the caller names RS256.
    /// let set = br#"{"keys":[{"kid":"k1","kty":"RSA","e":"AQAB",
    ///   "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}]}"#;
    /// let mut verifier: Verifier<_, 8> = Verifier::new(AcceptAll, Policy::new())?;
    /// assert_eq!(verifier.add_jwks(set, JwkOptions::new().alg(Algorithm::RS256))?, 1);
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`jwks::for_each`](for_each), plus [`Error::TooLarge`]`(`[`Limit::Keys`]`)` when
    /// the verifier's capacity `K` is reached, and any error of the backend's `prepare`.
    pub fn add_jwks(&mut self, json: &[u8], opts: JwkOptions) -> Result<usize, Error> {
        let before = self.key_count();
        let r = for_each(json, opts, |jwk| {
            self.add_key(jwk.key(), jwk.kid()).map(|_| ())
        });
        if r.is_err() {
            self.truncate_keys(before);
        }
        r
    }

    /// Adds one JWK (see [`jwk::parse`] for the rules; unlike in a set, any key that cannot
    /// serve verification is an error, and an `oct` key is allowed).
    ///
    /// # Errors
    /// As [`jwk::parse`], [`Verifier::add_key`].
    pub fn add_jwk(&mut self, json: &[u8], opts: JwkOptions) -> Result<&mut Self, Error> {
        let mut scratch = [0u8; JWK_SCRATCH_LEN];
        let jwk = jwk::parse(json, opts, &mut scratch)?;
        self.add_key(jwk.key(), jwk.kid())
    }
}

#[cfg(test)]
mod tests;
