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
//!   carries them is a leak that must be noticed, not loaded. (In a JWK Set such a member is
//!   skipped and reported as [`SkipReason::PrivateMaterial`], see [`crate::jwks`].)
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
use crate::jwks::SkipReason;
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
    /// published, and a shared secret in it is either leaked or a mistake, so such a member is
    /// skipped and reported ([`SkipReason::Symmetric`], detail
    /// [`KeyProblem::SymmetricInSet`]). A single JWK loaded on purpose may always be `oct`.
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
    raw.bind(opts, Context::Single, scratch)
        .map_err(|r| r.error)
}

/// Whether a JWK stands alone (every refusal is an error) or sits in a set (a refused member
/// is skipped with its [`SkipReason`], and `oct` keys need [`JwkOptions::allow_symmetric`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    Single,
    Set,
}

/// Why a JWK cannot be used: the error a lone JWK returns, and the reason a set gives when it
/// skips the member. Both are decided in one place ([`RawJwk::bind`]) so they never disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) reason: SkipReason,
    pub(crate) error: Error,
}

const fn refuse(reason: SkipReason, error: Error) -> Refusal {
    Refusal { reason, error }
}

impl From<Error> for Refusal {
    /// Classifies the errors of the field decoders and key constructors.
    fn from(error: Error) -> Self {
        let reason = match error {
            Error::TooLarge(Limit::Kid) => SkipReason::KidInvalid,
            Error::TooLarge(_) => SkipReason::TooLarge,
            Error::InvalidKey(KeyProblem::Point) => SkipReason::BadPoint,
            Error::WeakKey => SkipReason::Weak,
            Error::KeyMismatch => SkipReason::AlgMismatch,
            _ => SkipReason::Malformed,
        };
        Refusal { reason, error }
    }
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
///
/// Reading never stops at a member it dislikes (a private member, a wrong JSON type, a bad
/// `key_ops`): it notes the problem and reads on, so that a set can skip this member and go
/// on with the next one. Only invalid JSON stops it.
#[derive(Debug, Default)]
pub(crate) struct RawJwk<'a> {
    /// A private member (`d`, `p`, ...) is present.
    private: bool,
    /// The first member of the wrong JSON type (or a malformed `key_ops`).
    problem: Option<Refusal>,
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

/// Reads a value that should be a string; `Ok(None)` (with the value consumed) if it is not.
fn string<'a>(p: &mut Parser<'a>) -> Result<Option<JsonStr<'a>>, Error> {
    match p.value()? {
        Value::String(s) => Ok(Some(s)),
        Value::ArrayStart | Value::ObjectStart => p.skip_rest().map(|()| None),
        _ => Ok(None),
    }
}

// The refusal details `bind`'s steps share.
const UNSUPPORTED: Error = Error::InvalidKey(KeyProblem::Unsupported);
const NOT_FOR_VERIFY: Error = Error::InvalidKey(KeyProblem::NotForVerify);
const MISSING: Error = Error::InvalidKey(KeyProblem::Missing);
const PRIVATE: Error = Error::InvalidKey(KeyProblem::PrivateMaterial);

impl<'a> RawJwk<'a> {
    /// Reads the members of an object whose `{` the parser has just consumed, through `}`.
    /// Errors are JSON errors only; problems with the members are kept for [`Self::bind`].
    pub(crate) fn read(p: &mut Parser<'a>) -> Result<Self, Error> {
        let mut raw = RawJwk::default();
        while let Some(name) = p.next_key()? {
            if PRIVATE_MEMBERS.iter().any(|m| name.eq_str(m)) {
                raw.private = true;
                p.skip_value()?;
                continue;
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
                    match read_key_ops(p)? {
                        Some(ops) => raw.key_ops = Some(ops),
                        None => raw.note(refuse(SkipReason::Malformed, WRONG_TYPE)),
                    }
                    continue;
                }
                () => {
                    p.skip_value()?;
                    continue;
                }
            };
            let is_kid = name.eq_str("kid");
            match string(p)? {
                Some(s) => *slot = Some(s),
                None if is_kid => raw.note(refuse(SkipReason::KidInvalid, WRONG_TYPE)),
                None => raw.note(refuse(SkipReason::Malformed, WRONG_TYPE)),
            }
        }
        Ok(raw)
    }

    /// Keeps the first problem found (members are reported in document order).
    fn note(&mut self, problem: Refusal) {
        self.problem.get_or_insert(problem);
    }

    /// The `kid` member as written, if it is a string (for reporting a skipped member).
    pub(crate) fn raw_kid(&self) -> Option<JsonStr<'a>> {
        self.kid
    }

    /// Interprets the members. A refusal carries both the error a lone JWK reports and the
    /// reason a set skips the member for. The checks run in a fixed order, so a member with
    /// several faults always reports the same one: private material first, then an `oct`
    /// key in a set, a member of the wrong JSON type, `use`/`key_ops`, the key type, curve
    /// and algorithm, the `kid`, and last the key material itself.
    pub(crate) fn bind<'s>(
        &self,
        opts: JwkOptions,
        ctx: Context,
        scratch: &'s mut [u8],
    ) -> Result<Jwk<'s>, Refusal> {
        let kty = self.usable_kty(opts, ctx)?;
        let (curve, alg) = self.algorithm(kty, opts)?;
        let kid = match self.kid {
            Some(k) => Some(kid_string(k)?),
            None => None,
        };
        let material = self.material(kty, curve, scratch)?;
        let key = BoundKey::new(alg, material, opts.strength)?;
        Ok(Jwk { key, kid })
    }

    /// Step 1: is this member a verification key at all? Private material, a refused
    /// symmetric key, a malformed member, `use`/`key_ops` that forbid verifying, an unknown
    /// `kty`: each is a refusal with its reason, checked in this order.
    fn usable_kty(&self, opts: JwkOptions, ctx: Context) -> Result<Kty, Refusal> {
        let in_set = ctx == Context::Set;
        let skip = refuse;
        use SkipReason as R;

        if self.private {
            return Err(skip(R::PrivateMaterial, PRIVATE));
        }
        let Some(kty_str) = self.kty else {
            return Err(self.problem.unwrap_or(skip(R::Malformed, MISSING)));
        };
        let kty = match () {
            () if kty_str.eq_str("RSA") => Some(Kty::Rsa),
            () if kty_str.eq_str("EC") => Some(Kty::Ec),
            () if kty_str.eq_str("OKP") => Some(Kty::Okp),
            () if kty_str.eq_str("oct") => Some(Kty::Oct),
            () => None,
        };
        // `k` is the secret itself on anything but an `oct` key.
        if self.k.is_some() && kty != Some(Kty::Oct) {
            return Err(skip(R::PrivateMaterial, PRIVATE));
        }
        if in_set && kty == Some(Kty::Oct) && !opts.allow_symmetric {
            return Err(skip(
                R::Symmetric,
                Error::InvalidKey(KeyProblem::SymmetricInSet),
            ));
        }
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        if self.use_.is_some_and(|u| !u.eq_str("sig")) {
            return Err(skip(R::NotForSignature, NOT_FOR_VERIFY));
        }
        if self.key_ops.is_some_and(|ops| ops & VERIFY_OP == 0) {
            return Err(skip(R::NotForSignature, NOT_FOR_VERIFY));
        }
        let Some(kty) = kty else {
            return Err(skip(R::UnsupportedKty, UNSUPPORTED));
        };
        Ok(kty)
    }

    /// Step 2: the algorithm the key is bound to, from its curve (which implies one), its own
    /// `alg` and the caller's ([`JwkOptions::alg`]); a contradiction is a refusal.
    fn algorithm(&self, kty: Kty, opts: JwkOptions) -> Result<(Option<Curve>, Algorithm), Refusal> {
        let skip = refuse;
        use SkipReason as R;

        // The curve, and the algorithm it implies.
        let (curve, implied) = match kty {
            Kty::Ec | Kty::Okp => {
                let crv = self.crv.ok_or(skip(R::Malformed, MISSING))?;
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
                    _ => return Err(skip(R::UnsupportedCurve, UNSUPPORTED)),
                }
            }
            Kty::Rsa | Kty::Oct => (None, None),
        };
        let declared = match self.alg {
            Some(a) => match Algorithm::ALL.iter().find(|x| a.eq_str(x.name())) {
                Some(&alg) => Some(alg),
                None => return Err(skip(R::UnsupportedAlg, UNSUPPORTED)),
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
            (Some(d), Some(i), _) if d != i => {
                return Err(skip(R::AlgMismatch, Error::KeyMismatch));
            }
            (Some(a), _, _) | (None, Some(a), _) | (None, None, Some(a)) => a,
            (None, None, None) => return Err(skip(R::NoAlg, MISSING)),
        };
        // A JWK whose own `alg` contradicts its type is malformed; the caller's algorithm
        // not fitting this key (type) only means the key is not for this caller.
        if declared.is_some() && !kty.serves(alg) {
            return Err(skip(R::AlgMismatch, Error::KeyMismatch));
        }
        if opts.alg.is_some_and(|want| want != alg) || !kty.serves(alg) {
            return Err(skip(R::OtherAlg, Error::KeyMismatch));
        }
        Ok((curve, alg))
    }

    /// Step 3: the key material, decoded from base64url into `scratch`.
    fn material<'s>(
        &self,
        kty: Kty,
        curve: Option<Curve>,
        scratch: &'s mut [u8],
    ) -> Result<KeyMaterial<'s>, Refusal> {
        let skip = refuse;
        use SkipReason as R;

        Ok(match kty {
            Kty::Rsa => {
                let (n_buf, e_buf) = split(scratch, MAX_RSA_BITS / 8 + 1)?;
                let n = decode(self.n, n_buf)?;
                let e = decode(self.e, e_buf)?;
                // A modulus over MAX_RSA_BITS is a key too large, not a malformed one.
                KeyMaterial::Rsa(RsaPublicKey::new(n, e).map_err(|e| match e {
                    Error::InvalidKey(KeyProblem::Unsupported) => skip(R::TooLarge, e),
                    e => e.into(),
                })?)
            }
            Kty::Ec => {
                let curve = curve.ok_or(skip(R::UnsupportedCurve, UNSUPPORTED))?;
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
        })
    }
}

/// Reads a `key_ops` array into a bitmask of the registered operations it lists; `Ok(None)`
/// (with the whole value consumed) if it is not an array of distinct strings.
fn read_key_ops(p: &mut Parser<'_>) -> Result<Option<u8>, Error> {
    match p.value()? {
        Value::ArrayStart => {}
        Value::ObjectStart => return p.skip_rest().map(|()| None),
        _ => return Ok(None),
    }
    let mut ops = 0u8;
    let mut valid = true;
    while let Some(v) = p.next_element()? {
        let op = match v {
            Value::String(op) => op,
            Value::ArrayStart | Value::ObjectStart => {
                p.skip_rest()?;
                valid = false;
                continue;
            }
            _ => {
                valid = false;
                continue;
            }
        };
        if let Some(i) = KEY_OPS.iter().position(|k| op.eq_str(k)) {
            let bit = 1u8 << i;
            // RFC 7517 §4.3: duplicate values MUST NOT be present.
            valid &= ops & bit == 0;
            ops |= bit;
        }
    }
    Ok(valid.then_some(ops))
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
