//! JWK Sets (RFC 7517 §5): `{"keys":[...]}` parsed straight into a [`Verifier`], without
//! allocating.
//!
//! # A set survives members it cannot use
//!
//! RFC 7517 §5 says implementations SHOULD ignore JWKs they do not understand, and real sets
//! mix signing keys with encryption keys, shared secrets, curves and algorithms tinyjwt does
//! not implement, and now and then a broken member. So **every member that cannot serve
//! signature verification is skipped, with a reason** ([`SkipReason`]), and the good keys
//! of the set are loaded: one bad member never turns into an outage for tokens signed by a
//! good one. A member is skipped when it:
//! - is not a JSON object ([`SkipReason::NotAnObject`]);
//! - carries private material, `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or `k` on a non-`oct`
//!   key ([`SkipReason::PrivateMaterial`], see below);
//! - is an `oct` (shared secret) key and [`JwkOptions::allow_symmetric`] is off
//!   ([`SkipReason::Symmetric`]): a published set never legitimately carries one;
//! - has a `kid` that is not a string or is longer than [`MAX_KID_LEN`]
//!   ([`SkipReason::KidInvalid`]);
//! - has a member of the wrong JSON type, a malformed `use` or `key_ops`, a missing field,
//!   a field of the wrong length (a compressed or missing EC coordinate), base64url that is
//!   not strict (padded, standard alphabet, escaped), an RSA exponent that is even or below
//!   3 ([`SkipReason::Malformed`]);
//! - says `use` other than `sig`, or `key_ops` without `verify` ([`SkipReason::NotForSignature`]);
//! - has an unknown `kty`, `crv` or `alg` ([`SkipReason::UnsupportedKty`],
//!   [`SkipReason::UnsupportedCurve`], [`SkipReason::UnsupportedAlg`]);
//! - has an `alg` that contradicts its `crv` or `kty` ([`SkipReason::AlgMismatch`]);
//! - is an RSA (or `oct`) key without `alg` while the caller names none ([`SkipReason::NoAlg`]),
//!   or is bound to another algorithm than the one the caller names ([`SkipReason::OtherAlg`]);
//! - is weak (RSA under 2048 bits, with [`Strength::Enforce`](crate::Strength)) or too large
//!   (RSA over [`MAX_RSA_BITS`](crate::limits::MAX_RSA_BITS)) ([`SkipReason::Weak`],
//!   [`SkipReason::TooLarge`]);
//! - is not a valid point (off the curve, or of small order) ([`SkipReason::BadPoint`]; the
//!   on-curve check is the backend's, in its `prepare`);
//! - is refused by the backend's `prepare` for another reason, such as an algorithm that
//!   backend does not implement ([`SkipReason::Backend`]).
//!
//! A member with several faults reports the first of this order: private material, `oct`,
//! a member of the wrong type (in document order), `use`/`key_ops`, `kty`, `crv`, `alg`,
//! `kid` length, then the key material.
//!
//! Loading fails only when
//! - the set itself is malformed: over [`MAX_JWKS_LEN`], not strict JSON anywhere (a
//!   duplicate member name or excessive nesting inside a member too, since then the document
//!   has no single meaning), no `keys` member or `keys` not an array;
//! - no usable key remains ([`Error::NoUsableKey`], from [`Verifier::add_jwks`]);
//! - the verifier is full ([`Error::TooLarge`]`(`[`Limit::Keys`]`)`).
//!
//! Loading is all-or-nothing: on any error, the keys added by that call are removed again.
//! Two keys may share a `kid`; both are candidates for a token with that `kid`.
//!
//! # Private material
//!
//! A member with a private part is **skipped, never loaded, not even its public half**, and
//! reported as [`SkipReason::PrivateMaterial`] so the caller can say so loudly (the CLI warns
//! on stderr). Failing the whole set instead would turn an identity provider's publishing
//! mistake into an outage for every token of the good keys; loading the public half would
//! trust a key whose private part is now public, so anyone may hold it and sign with it.
//!
//! # What the caller learns
//!
//! Each call returns a [`JwksSummary`]: how many members the set has and how many keys were
//! used, a count per [`SkipReason`] (for metrics), and the first [`MAX_SKIPPED_LISTED`] skipped
//! members with their index, `kid` and reason (plus how many did not fit). To see every
//! skipped member, even when the call then fails with [`Error::NoUsableKey`], pass a callback
//! to [`Verifier::add_jwks_with`] or [`visit`]. Nothing is allocated: the summary borrows the
//! `kid`s from the input.

use core::fmt;

use crate::backend::SignatureBackend;
use crate::error::{Error, KeyProblem, Limit, Part};
use crate::json::{JsonStr, Parser, Value};
use crate::jwk::{self, Context, JWK_SCRATCH_LEN, Jwk, JwkOptions, RawJwk};
#[cfg(doc)]
use crate::limits::MAX_KID_LEN;
use crate::verify::Verifier;

/// Maximum length of a JWK Set's JSON text. Real sets are a few KiB; a larger input is
/// refused before any parsing ([`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)`), so a huge
/// or hostile download costs nothing.
pub const MAX_JWKS_LEN: usize = 64 * 1024;

/// How many skipped members a [`JwksSummary`] lists individually (index, `kid`, reason). Real
/// sets skip a handful at most; the rest are still counted per reason
/// ([`JwksSummary::unlisted`]), and a callback ([`visit`], [`Verifier::add_jwks_with`]) sees
/// every one.
pub const MAX_SKIPPED_LISTED: usize = 8;

/// Why a member of a JWK Set was skipped. Each reason has a stable [`code`](Self::code) for
/// logs, metrics and machine-readable output; [`Skipped::error`] gives the precise detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// The member is not a JSON object.
    NotAnObject,
    /// The member carries private key material (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or
    /// `k` on a non-`oct` key). It is never loaded, not even its public half.
    PrivateMaterial,
    /// An `oct` (shared secret) key, in a set not allowed to carry one
    /// ([`JwkOptions::allow_symmetric`]).
    Symmetric,
    /// `kid` is not a string, or is longer than [`MAX_KID_LEN`] bytes.
    KidInvalid,
    /// A member of the wrong JSON type, a malformed `use` or `key_ops`, a missing field, a
    /// field of the wrong length or not strict base64url, an RSA exponent that is even or < 3.
    Malformed,
    /// `use` other than `sig`, or `key_ops` without `verify` (an encryption key, say).
    NotForSignature,
    /// A `kty` tinyjwt does not know.
    UnsupportedKty,
    /// A `crv` tinyjwt does not support for this `kty`.
    UnsupportedCurve,
    /// An `alg` that is not a JWS algorithm tinyjwt supports (`RSA-OAEP`, `ECDH-ES`, ...).
    UnsupportedAlg,
    /// The member's `alg` contradicts its `crv` or `kty` (`ES384` on a P-256 key).
    AlgMismatch,
    /// An RSA or `oct` key without `alg`, and the caller named no algorithm
    /// ([`JwkOptions::alg`]).
    NoAlg,
    /// The key is bound to another algorithm than the one the caller named.
    OtherAlg,
    /// Below the minimum strength (RSA under 2048 bits with [`Strength::Enforce`](crate::Strength)).
    Weak,
    /// A field larger than any supported key (an RSA modulus over
    /// [`MAX_RSA_BITS`](crate::limits::MAX_RSA_BITS)).
    TooLarge,
    /// Not a valid curve point (off the curve, non-canonical, or of small order).
    BadPoint,
    /// The backend's `prepare` refused the key for another reason (for one, an algorithm
    /// this backend does not implement); [`Skipped::error`] says which.
    Backend,
}

impl SkipReason {
    /// Every reason, in declaration order (the order of [`JwksSummary::counts`]).
    pub const ALL: [SkipReason; 16] = [
        SkipReason::NotAnObject,
        SkipReason::PrivateMaterial,
        SkipReason::Symmetric,
        SkipReason::KidInvalid,
        SkipReason::Malformed,
        SkipReason::NotForSignature,
        SkipReason::UnsupportedKty,
        SkipReason::UnsupportedCurve,
        SkipReason::UnsupportedAlg,
        SkipReason::AlgMismatch,
        SkipReason::NoAlg,
        SkipReason::OtherAlg,
        SkipReason::Weak,
        SkipReason::TooLarge,
        SkipReason::BadPoint,
        SkipReason::Backend,
    ];

    /// A stable, short, snake_case code, like [`Error::code`].
    ///
    /// ```
    /// use tinyjwt_core::jwks::SkipReason;
    /// assert_eq!(SkipReason::PrivateMaterial.code(), "private_material");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            SkipReason::NotAnObject => "not_an_object",
            SkipReason::PrivateMaterial => "private_material",
            SkipReason::Symmetric => "symmetric",
            SkipReason::KidInvalid => "kid_invalid",
            SkipReason::Malformed => "malformed",
            SkipReason::NotForSignature => "not_for_signature",
            SkipReason::UnsupportedKty => "unsupported_kty",
            SkipReason::UnsupportedCurve => "unsupported_curve",
            SkipReason::UnsupportedAlg => "unsupported_alg",
            SkipReason::AlgMismatch => "alg_mismatch",
            SkipReason::NoAlg => "no_alg",
            SkipReason::OtherAlg => "other_alg",
            SkipReason::Weak => "weak",
            SkipReason::TooLarge => "too_large",
            SkipReason::BadPoint => "bad_point",
            SkipReason::Backend => "backend_refused",
        }
    }

    /// The position in [`Self::ALL`] (and in the summary's counts). A `match`, not a cast, so
    /// a new variant cannot be added without giving it its place.
    const fn index(self) -> usize {
        match self {
            SkipReason::NotAnObject => 0,
            SkipReason::PrivateMaterial => 1,
            SkipReason::Symmetric => 2,
            SkipReason::KidInvalid => 3,
            SkipReason::Malformed => 4,
            SkipReason::NotForSignature => 5,
            SkipReason::UnsupportedKty => 6,
            SkipReason::UnsupportedCurve => 7,
            SkipReason::UnsupportedAlg => 8,
            SkipReason::AlgMismatch => 9,
            SkipReason::NoAlg => 10,
            SkipReason::OtherAlg => 11,
            SkipReason::Weak => 12,
            SkipReason::TooLarge => 13,
            SkipReason::BadPoint => 14,
            SkipReason::Backend => 15,
        }
    }

    /// How an error of the backend's `prepare` (or of a [`visit`] callback) skips a member;
    /// `None` for errors that are not about the key and stop loading.
    const fn from_prepare(e: Error) -> Option<SkipReason> {
        match e {
            Error::InvalidKey(KeyProblem::Point) => Some(SkipReason::BadPoint),
            Error::WeakKey => Some(SkipReason::Weak),
            Error::InvalidKey(_) | Error::UnsupportedAlg | Error::KeyMismatch => {
                Some(SkipReason::Backend)
            }
            _ => None,
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::NotAnObject => "not a JSON object",
            SkipReason::PrivateMaterial => {
                "it contains PRIVATE key material (never loaded; the key should be rotated)"
            }
            SkipReason::Symmetric => "a symmetric (oct) key, not allowed in this key set",
            SkipReason::KidInvalid => "its kid is not a string or is too long",
            SkipReason::Malformed => "a member is malformed",
            SkipReason::NotForSignature => "its use/key_ops are not for signature verification",
            SkipReason::UnsupportedKty => "its kty is not supported",
            SkipReason::UnsupportedCurve => "its crv is not supported",
            SkipReason::UnsupportedAlg => "its alg is not a supported signature algorithm",
            SkipReason::AlgMismatch => "its alg contradicts its kty or crv",
            SkipReason::NoAlg => "it has no alg and none was named by the caller",
            SkipReason::OtherAlg => "it is bound to another algorithm than the one requested",
            SkipReason::Weak => "the key is too weak",
            SkipReason::TooLarge => "the key is larger than supported",
            SkipReason::BadPoint => "not a valid curve point",
            SkipReason::Backend => "the signature backend refused the key",
        })
    }
}

/// One skipped member of a JWK Set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped<'j> {
    index: usize,
    kid: Option<JsonStr<'j>>,
    reason: SkipReason,
    error: Error,
}

impl<'j> Skipped<'j> {
    /// The member's position in the `keys` array, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The member's `kid` as written in the set (borrowed, escapes intact: print it with
    /// `Display`, which unescapes, or [`JsonStr::unescape_into`]), if it is a string, even
    /// one longer than [`MAX_KID_LEN`].
    pub fn kid(&self) -> Option<JsonStr<'j>> {
        self.kid
    }

    /// Why it was skipped.
    pub fn reason(&self) -> SkipReason {
        self.reason
    }

    /// The precise problem: the error this member would give loaded alone with
    /// [`jwk::parse`] (or the backend's error, for [`SkipReason::Backend`] and
    /// [`SkipReason::BadPoint`] found by the backend).
    pub fn error(&self) -> Error {
        self.error
    }
}

impl fmt::Display for Skipped<'_> {
    /// `member 3 (kid "enc-1"): its use/key_ops are not for signature verification (the key
    /// is unusable: ...)`, one line for a log or stderr. The `kid` is unescaped, shown with
    /// Rust's debug escapes (no control characters reach a terminal) and cut after
    /// [`KID_SHOWN`] characters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "member {}", self.index)?;
        if let Some(kid) = self.kid {
            f.write_str(" (kid \"")?;
            for (i, c) in kid.chars().enumerate() {
                if i == KID_SHOWN {
                    f.write_str("...")?;
                    break;
                }
                write!(f, "{}", c.escape_debug())?;
            }
            f.write_str("\")")?;
        }
        write!(f, ": {} ({})", self.reason, self.error)
    }
}

/// How many characters of a skipped member's `kid` its [`Display`](fmt::Display) shows.
pub const KID_SHOWN: usize = 64;

/// What loading a JWK Set did: members seen, keys used, and every skipped member counted
/// per [`SkipReason`], the first [`MAX_SKIPPED_LISTED`] of them listed.
///
/// It borrows the set's text (for the skipped members' `kid`s) and allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JwksSummary<'j> {
    members: usize,
    used: usize,
    counts: [usize; SkipReason::ALL.len()],
    listed: heapless::Vec<Skipped<'j>, MAX_SKIPPED_LISTED>,
    unlisted: usize,
}

impl fmt::Display for JwksSummary<'_> {
    /// `3 of 21 members used, 18 skipped (not_an_object 1, private_material 2, ...)`: one line
    /// for a log; the reasons by [code](SkipReason::code), as metrics would label them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} members used", self.used, self.members)?;
        if self.skipped() > 0 {
            write!(f, ", {} skipped (", self.skipped())?;
            for (i, (r, n)) in self.counts().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{} {n}", r.code())?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl<'j> JwksSummary<'j> {
    /// How many members the `keys` array has.
    pub fn members(&self) -> usize {
        self.members
    }

    /// How many keys were used: added to the verifier, or accepted by the [`for_each`]
    /// callback.
    pub fn used(&self) -> usize {
        self.used
    }

    /// How many members were skipped (`members() - used()`).
    pub fn skipped(&self) -> usize {
        self.counts.iter().sum()
    }

    /// How many members were skipped for `reason`.
    pub fn count(&self, reason: SkipReason) -> usize {
        self.counts.get(reason.index()).copied().unwrap_or(0)
    }

    /// Each reason with its count, in [`SkipReason::ALL`] order, zero counts left out.
    pub fn counts(&self) -> impl Iterator<Item = (SkipReason, usize)> + '_ {
        SkipReason::ALL
            .iter()
            .map(|&r| (r, self.count(r)))
            .filter(|&(_, n)| n > 0)
    }

    /// The first [`MAX_SKIPPED_LISTED`] skipped members, in set order.
    pub fn listed(&self) -> &[Skipped<'j>] {
        &self.listed
    }

    /// How many skipped members are counted but not [listed](Self::listed).
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }

    fn skip(&mut self, s: Skipped<'j>) {
        if let Some(n) = self.counts.get_mut(s.reason.index()) {
            *n += 1;
        }
        if self.listed.push(s).is_err() {
            self.unlisted += 1;
        }
    }
}

/// Parses a JWK Set and calls `f` with each usable key, in order; returns what was used and
/// skipped. The rules are in the [module docs](self). A set with no usable key is not an
/// error here (check [`JwksSummary::used`]); [`Verifier::add_jwks`] makes it one.
///
/// This is the building block of [`Verifier::add_jwks`]; use it to load keys elsewhere
/// (to log the `kid`s of a set, or to fill your own key store).
///
/// ```
/// use tinyjwt_core::jwks::{self, SkipReason};
/// use tinyjwt_core::jwk::JwkOptions;
/// use tinyjwt_core::{Algorithm, Error};
/// // RFC 7517 Appendix A.1: an EC key for encryption (skipped) and an RSA key for RS256.
/// let set = br#"{"keys":[
///   {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
///    "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"},
///   {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
///    "e":"AQAB","alg":"RS256","kid":"2011-04-29"}]}"#;
/// let mut kids = heapless::Vec::<heapless::String<16>, 4>::new();
/// let summary = jwks::for_each(set, JwkOptions::new(), |jwk| {
///     assert_eq!(jwk.key().alg(), Algorithm::RS256);
///     kids.push(jwk.kid().unwrap().try_into().unwrap()).unwrap();
///     Ok(())
/// })?;
/// assert_eq!((summary.used(), kids[0].as_str()), (1, "2011-04-29"));
/// assert_eq!(summary.count(SkipReason::NotForSignature), 1);
/// let skipped = &summary.listed()[0];
/// assert_eq!((skipped.index(), skipped.kid().unwrap().as_str()), (0, Some("1")));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` over [`MAX_JWKS_LEN`]; JSON errors
/// ([`Part::Key`]) anywhere in the text; [`KeyProblem::Missing`] without a `keys` member;
/// [`KeyProblem::Encoding`] when `keys` is not an array. An error `f` returns that is
/// about the key (`InvalidKey`, `WeakKey`, `UnsupportedAlg`, `KeyMismatch`, as a backend's
/// `prepare` gives) skips that member ([`SkipReason::BadPoint`], [`SkipReason::Weak`] or
/// [`SkipReason::Backend`]); any other error of `f` stops the walk and is returned.
pub fn for_each<'j, F>(json: &'j [u8], opts: JwkOptions, f: F) -> Result<JwksSummary<'j>, Error>
where
    F: FnMut(&Jwk<'_>) -> Result<(), Error>,
{
    visit(json, opts, f, |_| {})
}

/// [`for_each`], also calling `on_skip` with every skipped member as it is met (including
/// those beyond [`MAX_SKIPPED_LISTED`], and also when the walk then fails).
///
/// # Errors
/// As [`for_each`].
pub fn visit<'j, F, S>(
    json: &'j [u8],
    opts: JwkOptions,
    mut f: F,
    mut on_skip: S,
) -> Result<JwksSummary<'j>, Error>
where
    F: FnMut(&Jwk<'_>) -> Result<(), Error>,
    S: FnMut(&Skipped<'j>),
{
    if json.len() > MAX_JWKS_LEN {
        return Err(Error::TooLarge(Limit::KeyMaterial));
    }
    let mut p: Parser<'j> = Parser::new(json, Part::Key)?;
    p.begin_object()?;
    let mut seen_keys = false;
    let mut summary = JwksSummary::default();
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    while let Some(name) = p.next_key()? {
        if !name.eq_str("keys") {
            p.skip_value()?;
            continue;
        }
        // The parser already refuses a second `keys` member.
        seen_keys = true;
        if p.value()? != Value::ArrayStart {
            return Err(Error::InvalidKey(KeyProblem::Encoding));
        }
        while let Some(v) = p.next_element()? {
            let index = summary.members;
            summary.members += 1;
            let mut skip = |kid, reason, error| {
                let s = Skipped {
                    index,
                    kid,
                    reason,
                    error,
                };
                on_skip(&s);
                summary.skip(s);
            };
            match v {
                Value::ObjectStart => {}
                other => {
                    if matches!(other, Value::ArrayStart) {
                        p.skip_rest()?;
                    }
                    skip(None, SkipReason::NotAnObject, Error::BadJson(Part::Key));
                    continue;
                }
            }
            let raw = RawJwk::read(&mut p)?;
            let kid = raw.raw_kid();
            let refused = match raw.bind(opts, Context::Set, &mut scratch) {
                Ok(jwk) => match f(&jwk) {
                    Ok(()) => None,
                    Err(e) => match SkipReason::from_prepare(e) {
                        Some(reason) => Some((reason, e)),
                        None => return Err(e),
                    },
                },
                Err(r) => Some((r.reason, r.error)),
            };
            match refused {
                None => summary.used += 1,
                Some((reason, error)) => skip(kid, reason, error),
            }
        }
    }
    p.finish()?;
    if !seen_keys {
        return Err(Error::InvalidKey(KeyProblem::Missing));
    }
    Ok(summary)
}

impl<'p, B: SignatureBackend, const K: usize> Verifier<'p, B, K> {
    /// Adds every usable key of a JWK Set (see the [`jwks`](crate::jwks) module for which
    /// members are skipped and why) and returns the [`JwksSummary`]: keys added, members
    /// skipped per reason, and the first skipped members with their `kid`s.
    ///
    /// All-or-nothing: on error no key of this set stays added. A key the backend's `prepare`
    /// refuses (a point off the curve, an algorithm it lacks) is skipped like any other
    /// unusable member. Keys are prepared by the backend here, once; decoding uses
    /// [`JWK_SCRATCH_LEN`] bytes of stack.
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
    /// let summary = verifier.add_jwks(set, JwkOptions::new().alg(Algorithm::RS256))?;
    /// assert_eq!((summary.used(), summary.count(SkipReason::Symmetric)), (1, 1));
    /// assert!(summary.listed()[0].kid().unwrap() == "s1");
    /// // Only unusable members: nothing to verify with.
    /// let bad = br#"{"keys":[{"kid":"s1","kty":"oct","k":"c2VjcmV0"}]}"#;
    /// assert_eq!(verifier.add_jwks(bad, JwkOptions::new()), Err(Error::NoUsableKey));
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`jwks::for_each`](for_each); [`Error::NoUsableKey`] when no member was added (the
    /// set is empty or every member was skipped); [`Error::TooLarge`]`(`[`Limit::Keys`]`)`
    /// when the verifier's capacity `K` is reached.
    pub fn add_jwks<'j>(
        &mut self,
        json: &'j [u8],
        opts: JwkOptions,
    ) -> Result<JwksSummary<'j>, Error> {
        self.add_jwks_with(json, opts, |_| {})
    }

    /// [`add_jwks`](Self::add_jwks), also calling `on_skip` with every skipped member as it is
    /// met: all of them, beyond [`MAX_SKIPPED_LISTED`] too, and also when the call then fails
    /// (with [`Error::NoUsableKey`], say), so a caller can always tell why.
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
        let before = self.key_count();
        let r = visit(
            json,
            opts,
            |jwk| self.add_key(jwk.key(), jwk.kid()).map(|_| ()),
            on_skip,
        )
        .and_then(|summary| {
            if summary.used == 0 {
                Err(Error::NoUsableKey)
            } else {
                Ok(summary)
            }
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
