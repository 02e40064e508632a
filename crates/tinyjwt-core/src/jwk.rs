//! One JSON Web Key (RFC 7517, with the key types of RFC 7518 §6 and RFC 8037) parsed into
//! [`BoundKey`] material, without allocating.
//!
//! Supported: `kty` `RSA` (`n`, `e`), `EC` (`crv` `P-256`/`P-384`/`P-521`, `x`/`y` of exactly
//! the curve's size — 32, 48, 66 bytes — RFC 7518 §6.2.1.2), `OKP` (`crv` `Ed25519`, `x`),
//! `oct` (`k`).
//!
//! The rules, and why:
//! - **One algorithm per key.** A JWK's `alg` binds it. EC and OKP keys imply theirs from
//!   `crv` (`P-256` → ES256, `P-384` → ES384, `P-521` → ES512, `Ed25519` → EdDSA). An
//!   Ed25519 key may also serve RFC 9864's fully-specified `Ed25519`: `"alg":"Ed25519"` binds
//!   it to [`Algorithm::Ed25519`], and without an `alg` it stays `EdDSA` unless
//!   [`JwkOptions::alg`] asks for `Ed25519` (a key serves one of the two, never both, so
//!   loading an `alg`-less Ed25519 JWK for both names means loading it twice). RSA and `oct`
//!   keys without `alg` take the algorithm the caller names in [`JwkOptions::alg`], and without
//!   one they are refused: guessing RS256 vs PS256 (or HS256 vs HS512) is how confusion bugs
//!   start. A JWK whose `alg` differs from the caller's is [`Error::KeyMismatch`].
//! - **Only verification keys.** `use` other than `sig`, or `key_ops` without `verify`, is
//!   [`KeyProblem::NotForVerify`].
//! - **Never private material.** `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth` (and `k` on anything but
//!   `oct`) are [`KeyProblem::PrivateMaterial`], whatever their value: a published key that
//!   carries them is a leak that must be noticed, not loaded.
//! - **Strict encoding.** The JSON is strict RFC 8259 with duplicate members refused; every
//!   base64url field is strict RFC 7515 §2 base64url, decoded in constant time (`base64ct`),
//!   and may not be written with JSON escapes. `kid` is kept (at most
//!   [`MAX_KID_LEN`] bytes after unescaping). `x5c`, `x5u`, `jku` and other members are ignored:
//!   a key is never fetched or trusted because a JWK points somewhere.
//! - A leading zero octet in `n` or `e` is tolerated (some encoders emit one; RFC 7518 says
//!   they should not) and ignored; it cannot change the key.
//!
//! Decoded bytes go into a scratch buffer the caller provides (the returned key borrows it);
//! [`JWK_SCRATCH_LEN`] bytes hold any supported key.
//!
//! ```
//! use tinyjwt_core::jwk::{self, JwkOptions, JWK_SCRATCH_LEN};
//! use tinyjwt_core::{Algorithm, Error};
//! // RFC 7517 Appendix A.1, the EC key.
//! let json = br#"{"kty":"EC","crv":"P-256",
//!   "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
//!   "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
//!   "use":"enc","kid":"1"}"#;
//! let mut scratch = [0u8; JWK_SCRATCH_LEN];
//! // It is an encryption key: never used to verify.
//! assert!(jwk::parse(json, JwkOptions::new(), &mut scratch).is_err());
//!
//! let json = br#"{"kty":"EC","crv":"P-256","kid":"1",
//!   "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
//!   "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}"#;
//! let key = jwk::parse(json, JwkOptions::new(), &mut scratch)?;
//! assert_eq!(key.key().alg(), Algorithm::ES256);
//! assert_eq!(key.kid(), Some("1"));
//! # Ok::<(), Error>(())
//! ```

use crate::alg::{Algorithm, Curve};
use crate::base64url::{self, DecodeError};
use crate::error::{Error, KeyProblem, Limit, Part};
use crate::json::{JsonStr, Parser, Value};
use crate::key::{
    BoundKey, EcPublicKey, Ed25519PublicKey, HmacSecret, KeyMaterial, RsaPublicKey, Strength,
};
use crate::limits::{MAX_KID_LEN, MAX_RSA_BITS};

/// Scratch bytes that hold the decoded fields of any supported JWK: an RSA modulus of
/// [`MAX_RSA_BITS`] plus a tolerated leading zero, and its exponent (the largest case).
/// An `oct` secret may use all of it.
pub const JWK_SCRATCH_LEN: usize = MAX_RSA_BITS / 8 + 16;

/// Maximum length of one JWK's JSON text (a JWK with an `x5c` chain runs to a few KiB).
/// Longer input is [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` before it is parsed.
pub const MAX_JWK_LEN: usize = 16 * 1024;

/// How a JWK (or each member of a JWK Set) is turned into a key.
///
/// ```
/// use tinyjwt_core::jwk::JwkOptions;
/// use tinyjwt_core::{Algorithm, Strength};
/// // A Canva-style set: RSA keys without `alg`, to be used for RS256 only.
/// let opts = JwkOptions::new().alg(Algorithm::RS256);
/// // A legacy HMAC secret shorter than the hash, in a set that may carry symmetric keys.
/// let legacy = JwkOptions::new().alg(Algorithm::HS256).strength(Strength::AllowWeak).allow_symmetric(true);
/// # let _ = (opts, legacy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JwkOptions {
    alg: Option<Algorithm>,
    strength: Strength,
    allow_symmetric: bool,
}

impl JwkOptions {
    /// No caller algorithm, strength enforced, no `oct` keys in sets.
    pub const fn new() -> Self {
        Self {
            alg: None,
            strength: Strength::Enforce,
            allow_symmetric: false,
        }
    }

    /// The algorithm the caller expects. It binds RSA and `oct` keys that have no `alg` (and
    /// an `alg`-less Ed25519 key to [`Algorithm::Ed25519`] rather than `EdDSA`); a
    /// key that declares (or, for EC/OKP, implies) another algorithm is [`Error::KeyMismatch`]
    /// for a single JWK and skipped in a JWK Set.
    pub const fn alg(mut self, alg: Algorithm) -> Self {
        self.alg = Some(alg);
        self
    }

    /// Minimum key strength (default [`Strength::Enforce`]).
    pub const fn strength(mut self, strength: Strength) -> Self {
        self.strength = strength;
        self
    }

    /// Whether a JWK *Set* may carry `oct` (HMAC) keys. Off by default: a key set is usually
    /// published, and a shared secret in it is either leaked or a mistake, so such a set is
    /// refused with [`KeyProblem::SymmetricInSet`]. A single JWK loaded on purpose may always
    /// be `oct`.
    pub const fn allow_symmetric(mut self, allow: bool) -> Self {
        self.allow_symmetric = allow;
        self
    }

    /// The caller's algorithm, if any.
    pub const fn expected_alg(&self) -> Option<Algorithm> {
        self.alg
    }

    /// The strength setting.
    pub const fn key_strength(&self) -> Strength {
        self.strength
    }

    /// Whether `oct` keys are allowed in a set.
    pub const fn symmetric_allowed(&self) -> bool {
        self.allow_symmetric
    }
}

/// A parsed JWK: the key bound to its algorithm, and its `kid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk<'s> {
    key: BoundKey<'s>,
    kid: Option<heapless::String<MAX_KID_LEN>>,
}

impl<'s> Jwk<'s> {
    /// The key, bound to its one algorithm, strength checked.
    pub fn key(&self) -> &BoundKey<'s> {
        &self.key
    }

    /// The `kid`, unescaped.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
}

/// Parses one JWK, decoding its fields into `scratch` (see [`JWK_SCRATCH_LEN`]).
///
/// # Errors
/// - [`Error::TooLarge`]: input over [`MAX_JWK_LEN`] ([`Limit::KeyMaterial`]), `kid` over
///   [`MAX_KID_LEN`] ([`Limit::Kid`]), or decoded fields that do not fit `scratch`
///   ([`Limit::KeyMaterial`]);
/// - [`Error::BadJson`], [`Error::DuplicateMember`], [`Error::TooDeep`] (all [`Part::Key`]);
/// - [`Error::BadBase64`]`(`[`Part::Key`]`)` for a field that is not strict base64url;
/// - [`Error::InvalidKey`]: [`KeyProblem::PrivateMaterial`], [`KeyProblem::NotForVerify`],
///   [`KeyProblem::Unsupported`] (`kty`, `crv` or `alg`), [`KeyProblem::Missing`] (`kty`, a
///   key field, or an algorithm for an RSA/`oct` key), [`KeyProblem::Encoding`] (a member of
///   the wrong JSON type or a field of the wrong length), [`KeyProblem::Exponent`];
/// - [`Error::KeyMismatch`]: `alg` differs from [`JwkOptions::alg`] or cannot serve the key
///   type; [`Error::WeakKey`].
pub fn parse<'s>(json: &[u8], opts: JwkOptions, scratch: &'s mut [u8]) -> Result<Jwk<'s>, Error> {
    if json.len() > MAX_JWK_LEN {
        return Err(Error::TooLarge(Limit::KeyMaterial));
    }
    let mut p: Parser<'_> = Parser::new(json, Part::Key)?;
    p.begin_object()?;
    let raw = RawJwk::read(&mut p)?;
    p.finish()?;
    match raw.bind(opts, Context::Single, scratch)? {
        Some(jwk) => Ok(jwk),
        // `Context::Single` turns every skip into an error; this is unreachable in practice.
        None => Err(Error::InvalidKey(KeyProblem::Unsupported)),
    }
}

/// Whether a JWK stands alone (every refusal is an error) or sits in a set (keys that cannot
/// serve verification are skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    Single,
    Set,
}

/// The supported key types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kty {
    Rsa,
    Ec,
    Okp,
    Oct,
}

impl Kty {
    /// Whether a key of this type can serve `alg` at all (the curve is checked by
    /// [`BoundKey::new`]).
    fn serves(self, alg: Algorithm) -> bool {
        use crate::alg::Family;
        matches!(
            (self, alg.family()),
            (Kty::Rsa, Family::RsaPkcs1(_) | Family::RsaPss(_))
                | (Kty::Ec, Family::Ecdsa(_))
                | (Kty::Okp, Family::Ed25519)
                | (Kty::Oct, Family::Hmac(_))
        )
    }
}

/// `key_ops` values RFC 7517 §4.3 registers; each may appear at most once.
const KEY_OPS: [&str; 8] = [
    "sign",
    "verify",
    "encrypt",
    "decrypt",
    "wrapKey",
    "unwrapKey",
    "deriveKey",
    "deriveBits",
];
const VERIFY_OP: u8 = 1 << 1;

/// Members that only a private key has (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// The members of one JWK object, read but not yet interpreted.
#[derive(Debug, Default)]
pub(crate) struct RawJwk<'a> {
    kty: Option<JsonStr<'a>>,
    crv: Option<JsonStr<'a>>,
    alg: Option<JsonStr<'a>>,
    use_: Option<JsonStr<'a>>,
    kid: Option<JsonStr<'a>>,
    /// `Some(bitmask of KEY_OPS)` when `key_ops` is present.
    key_ops: Option<u8>,
    n: Option<JsonStr<'a>>,
    e: Option<JsonStr<'a>>,
    x: Option<JsonStr<'a>>,
    y: Option<JsonStr<'a>>,
    k: Option<JsonStr<'a>>,
}

const WRONG_TYPE: Error = Error::InvalidKey(KeyProblem::Encoding);

fn string<'a>(p: &mut Parser<'a>) -> Result<JsonStr<'a>, Error> {
    match p.value()? {
        Value::String(s) => Ok(s),
        _ => Err(WRONG_TYPE),
    }
}

impl<'a> RawJwk<'a> {
    /// Reads the members of an object whose `{` the parser has just consumed, through `}`.
    pub(crate) fn read(p: &mut Parser<'a>) -> Result<Self, Error> {
        let mut raw = RawJwk::default();
        while let Some(name) = p.next_key()? {
            if PRIVATE_MEMBERS.iter().any(|m| name.eq_str(m)) {
                return Err(Error::InvalidKey(KeyProblem::PrivateMaterial));
            }
            let slot = match () {
                () if name.eq_str("kty") => &mut raw.kty,
                () if name.eq_str("crv") => &mut raw.crv,
                () if name.eq_str("alg") => &mut raw.alg,
                () if name.eq_str("use") => &mut raw.use_,
                () if name.eq_str("kid") => &mut raw.kid,
                () if name.eq_str("n") => &mut raw.n,
                () if name.eq_str("e") => &mut raw.e,
                () if name.eq_str("x") => &mut raw.x,
                () if name.eq_str("y") => &mut raw.y,
                () if name.eq_str("k") => &mut raw.k,
                () if name.eq_str("key_ops") => {
                    raw.key_ops = Some(read_key_ops(p)?);
                    continue;
                }
                () => {
                    p.skip_value()?;
                    continue;
                }
            };
            *slot = Some(string(p)?);
        }
        Ok(raw)
    }

    /// Interprets the members: `Ok(None)` means "skip this key" and only happens in
    /// [`Context::Set`].
    pub(crate) fn bind<'s>(
        &self,
        opts: JwkOptions,
        ctx: Context,
        scratch: &'s mut [u8],
    ) -> Result<Option<Jwk<'s>>, Error> {
        let in_set = ctx == Context::Set;
        // Skipping is only for sets; a lone JWK reports why it cannot be used.
        let skip = |e: Error| if in_set { Ok(None) } else { Err(e) };
        const UNSUPPORTED: Error = Error::InvalidKey(KeyProblem::Unsupported);
        const NOT_FOR_VERIFY: Error = Error::InvalidKey(KeyProblem::NotForVerify);

        let kty_str = self.kty.ok_or(Error::InvalidKey(KeyProblem::Missing))?;
        let kty = match () {
            () if kty_str.eq_str("RSA") => Some(Kty::Rsa),
            () if kty_str.eq_str("EC") => Some(Kty::Ec),
            () if kty_str.eq_str("OKP") => Some(Kty::Okp),
            () if kty_str.eq_str("oct") => Some(Kty::Oct),
            () => None,
        };
        // Private material is an error wherever it is, even on a key that would be skipped.
        if self.k.is_some() && kty != Some(Kty::Oct) {
            return Err(Error::InvalidKey(KeyProblem::PrivateMaterial));
        }
        if in_set && kty == Some(Kty::Oct) && !opts.allow_symmetric {
            return Err(Error::InvalidKey(KeyProblem::SymmetricInSet));
        }
        if self.use_.is_some_and(|u| !u.eq_str("sig")) {
            return skip(NOT_FOR_VERIFY);
        }
        if self.key_ops.is_some_and(|ops| ops & VERIFY_OP == 0) {
            return skip(NOT_FOR_VERIFY);
        }
        let Some(kty) = kty else {
            return skip(UNSUPPORTED);
        };

        // The curve, and the algorithm it implies.
        let (curve, implied) = match kty {
            Kty::Ec | Kty::Okp => {
                let crv = self.crv.ok_or(Error::InvalidKey(KeyProblem::Missing))?;
                match (kty, crv) {
                    (Kty::Ec, c) if c.eq_str("P-256") => {
                        (Some(Curve::P256), Some(Algorithm::ES256))
                    }
                    (Kty::Ec, c) if c.eq_str("P-384") => {
                        (Some(Curve::P384), Some(Algorithm::ES384))
                    }
                    (Kty::Ec, c) if c.eq_str("P-521") => {
                        (Some(Curve::P521), Some(Algorithm::ES512))
                    }
                    (Kty::Okp, c) if c.eq_str("Ed25519") => (None, Some(Algorithm::EdDSA)),
                    _ => return skip(UNSUPPORTED),
                }
            }
            Kty::Rsa | Kty::Oct => (None, None),
        };
        let declared = match self.alg {
            Some(a) => match Algorithm::ALL.iter().find(|x| a.eq_str(x.name())) {
                Some(&alg) => Some(alg),
                None => return skip(UNSUPPORTED),
            },
            None => None,
        };
        // RFC 9864: an Ed25519 key serves `EdDSA` and the fully-specified `Ed25519`. The
        // JWK's own `alg` picks, else the caller's; `EdDSA` stays the default.
        let implied = match (implied, declared, opts.alg) {
            (Some(Algorithm::EdDSA), Some(Algorithm::Ed25519), _)
            | (Some(Algorithm::EdDSA), None, Some(Algorithm::Ed25519)) => Some(Algorithm::Ed25519),
            (i, _, _) => i,
        };
        let alg = match (declared, implied, opts.alg) {
            (Some(d), Some(i), _) if d != i => return Err(Error::KeyMismatch),
            (Some(a), _, _) | (None, Some(a), _) | (None, None, Some(a)) => a,
            (None, None, None) => return skip(Error::InvalidKey(KeyProblem::Missing)),
        };
        if opts.alg.is_some_and(|want| want != alg) {
            return skip(Error::KeyMismatch);
        }
        if !kty.serves(alg) {
            // A JWK whose own `alg` contradicts its type is malformed wherever it is; the
            // caller's algorithm not fitting this key type only means the key is not for us.
            return if declared.is_some() {
                Err(Error::KeyMismatch)
            } else {
                skip(Error::KeyMismatch)
            };
        }

        let kid = match self.kid {
            Some(k) => Some(kid_string(k)?),
            None => None,
        };

        let material = match kty {
            Kty::Rsa => {
                let (n_buf, e_buf) = split(scratch, MAX_RSA_BITS / 8 + 1)?;
                let n = decode(self.n, n_buf)?;
                let e = decode(self.e, e_buf)?;
                KeyMaterial::Rsa(RsaPublicKey::new(n, e)?)
            }
            Kty::Ec => {
                let curve = curve.ok_or(UNSUPPORTED)?;
                // Halves, not exact sizes: a coordinate of the wrong length is an encoding
                // error (checked by `EcPublicKey::new`), not a capacity one.
                let half = scratch.len() / 2;
                let (x_buf, y_buf) = split(scratch, half)?;
                let x = decode(self.x, x_buf)?;
                let y = decode(self.y, y_buf)?;
                KeyMaterial::Ec(EcPublicKey::new(curve, x, y)?)
            }
            Kty::Okp => KeyMaterial::Ed25519(Ed25519PublicKey::new(decode(self.x, scratch)?)?),
            Kty::Oct => KeyMaterial::Hmac(HmacSecret::new(decode(self.k, scratch)?)?),
        };
        let key = BoundKey::new(alg, material, opts.strength)?;
        Ok(Some(Jwk { key, kid }))
    }
}

/// Reads a `key_ops` array into a bitmask of the registered operations it lists.
fn read_key_ops(p: &mut Parser<'_>) -> Result<u8, Error> {
    if p.value()? != Value::ArrayStart {
        return Err(WRONG_TYPE);
    }
    let mut ops = 0u8;
    while let Some(v) = p.next_element()? {
        let Value::String(op) = v else {
            return Err(WRONG_TYPE);
        };
        if let Some(i) = KEY_OPS.iter().position(|k| op.eq_str(k)) {
            let bit = 1u8 << i;
            // RFC 7517 §4.3: duplicate values MUST NOT be present.
            if ops & bit != 0 {
                return Err(WRONG_TYPE);
            }
            ops |= bit;
        }
    }
    Ok(ops)
}

/// Unescapes a `kid` into an owned, capped string.
pub(crate) fn kid_string(kid: JsonStr<'_>) -> Result<heapless::String<MAX_KID_LEN>, Error> {
    let mut buf = [0u8; MAX_KID_LEN];
    let s = kid.unescape_into(&mut buf).map_err(|e| match e {
        Error::TooLarge(_) => Error::TooLarge(Limit::Kid),
        e => e,
    })?;
    heapless::String::try_from(s).map_err(|_| Error::TooLarge(Limit::Kid))
}

/// Splits `scratch` at `first` (or reports that it is too small).
fn split(scratch: &mut [u8], first: usize) -> Result<(&mut [u8], &mut [u8]), Error> {
    if scratch.len() < first {
        return Err(Error::TooLarge(Limit::KeyMaterial));
    }
    Ok(scratch.split_at_mut(first))
}

/// Decodes a required base64url member in constant time into `out`.
fn decode<'o>(field: Option<JsonStr<'_>>, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    let field = field.ok_or(Error::InvalidKey(KeyProblem::Missing))?;
    // Escapes are never needed in base64url; refusing them keeps one spelling per key.
    let text = field.as_str().ok_or(Error::BadBase64(Part::Key))?;
    base64url::decode_ct(text.as_bytes(), out).map_err(|e| match e {
        DecodeError::Invalid => Error::BadBase64(Part::Key),
        DecodeError::OutputTooSmall => Error::TooLarge(Limit::KeyMaterial),
    })
}

#[cfg(test)]
mod tests;
