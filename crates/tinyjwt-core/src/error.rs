//! The one error type of tinyjwt.
//!
//! Every way a token, a key or a policy can fail has its own variant, so a server can log
//! *why* a request was refused and a test can assert the exact reason. Each variant has a
//! stable short [`Error::code`] (for logs, metrics and the CLI's `--json` output) and a
//! [`Display`](core::fmt::Display) sentence a person can act on.
//!
//! The type is `Copy` and carries no borrowed data, so it can be returned from anywhere
//! without lifetimes and costs nothing to pass around on a microcontroller.

use core::fmt;

use crate::claims::NumericDate;

/// Which part of a token (or which input) an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The JOSE header (first segment).
    Header,
    /// The claims set (second segment).
    Payload,
    /// The signature (third segment).
    Signature,
    /// Key material: a JWK, a JWK Set, PEM or DER.
    Key,
}

impl Part {
    /// A lower-case name for messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::Key => "key",
        }
    }
}

/// Which capacity limit was exceeded (see [`crate::limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// The whole token is longer than the verifier's maximum token length.
    Token,
    /// The decoded header is longer than [`crate::limits::MAX_HEADER_LEN`].
    Header,
    /// The decoded payload does not fit the buffer the caller supplied.
    Payload,
    /// The decoded signature is longer than [`crate::limits::MAX_SIGNATURE_LEN`].
    Signature,
    /// A `kid` is longer than [`crate::limits::MAX_KID_LEN`].
    Kid,
    /// More audiences than [`crate::limits::MAX_AUDIENCES`] in `aud`.
    Audiences,
    /// A key set is full (its const-generic capacity).
    Keys,
    /// A header's `crit` list names more than [`crate::limits::MAX_CRIT`] parameters.
    Crit,
    /// Key material (JWK, JWKS, PEM, DER) larger than its limit.
    KeyMaterial,
    /// A JSON string or number longer than its limit.
    Value,
    /// More required claim names than [`crate::limits::MAX_REQUIRED_CLAIMS`].
    RequiredClaims,
    /// JSON objects holding more members than [`crate::limits::MAX_OBJECT_MEMBERS`] (one
    /// object, or the objects open at one time together).
    ObjectMembers,
}

impl Limit {
    /// A lower-case name for messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Limit::Token => "token length",
            Limit::Header => "header length",
            Limit::Payload => "payload buffer",
            Limit::Signature => "signature length",
            Limit::Kid => "kid length",
            Limit::Audiences => "audience count",
            Limit::Keys => "key capacity",
            Limit::Crit => "crit list length",
            Limit::KeyMaterial => "key material length",
            Limit::Value => "JSON value length",
            Limit::RequiredClaims => "required claim count",
            Limit::ObjectMembers => "JSON object member count",
        }
    }
}

/// Why a compact serialization is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Malformed {
    /// Not exactly three `.`-separated segments (and not the five of a JWE).
    SegmentCount,
    /// A segment is empty (an unsecured or detached-payload token).
    EmptySegment,
    /// The input is empty.
    Empty,
    /// An `Authorization` value without the `Bearer` scheme, or with nothing after it.
    NotBearer,
    /// Key input that is neither the expected PEM, DER nor JSON shape.
    KeyFormat,
}

/// Which header parameter is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderParam {
    /// `alg` is missing or is not a string.
    Alg,
    /// `kid` is not a string.
    Kid,
    /// `typ` is not a string.
    Typ,
    /// `cty` is not a string.
    Cty,
    /// `crit` is not a non-empty array of strings.
    Crit,
    /// `b64` is not a boolean.
    B64,
}

impl HeaderParam {
    /// The parameter's name as it appears in the header.
    pub const fn as_str(self) -> &'static str {
        match self {
            HeaderParam::Alg => "alg",
            HeaderParam::Kid => "kid",
            HeaderParam::Typ => "typ",
            HeaderParam::Cty => "cty",
            HeaderParam::Crit => "crit",
            HeaderParam::B64 => "b64",
        }
    }
}

/// Why a claim value is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClaimReason {
    /// A JSON type the claim does not allow (e.g. a string for `exp`, a number for `iss`).
    WrongType,
    /// No longer produced: every JSON number is a valid NumericDate (RFC 7519 §2), negative
    /// and far-future ones included (see [`crate::NumericDate`]). Kept so that code matching
    /// on it still compiles.
    OutOfRange,
}

/// Why key material was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyProblem {
    /// A field has the wrong length or encoding (EC coordinate, Ed25519 key, RSA integer).
    Encoding,
    /// A required member or field is missing.
    Missing,
    /// The key carries private material (`d`, `p`, `q`, ...); a published key never does.
    PrivateMaterial,
    /// The key's `use` or `key_ops` forbid verification.
    NotForVerify,
    /// The key type, curve or OID is not one tinyjwt supports.
    Unsupported,
    /// RSA public exponent out of range (must be odd and at least 3).
    Exponent,
    /// DER that is not minimal, has trailing bytes, or has the wrong structure.
    Der,
    /// A symmetric key found in a key set that was not allowed to carry one (such a member is
    /// skipped, [`crate::jwks::SkipReason::Symmetric`]; this is the detail it reports).
    SymmetricInSet,
    /// Empty key material.
    Empty,
    /// Not a valid point on the key's curve, a non-canonical encoding, or a point of small
    /// order.
    Point,
}

impl KeyProblem {
    const fn as_str(self) -> &'static str {
        match self {
            KeyProblem::Encoding => "a field has the wrong length or encoding",
            KeyProblem::Missing => "a required member is missing",
            KeyProblem::PrivateMaterial => "it contains private key material",
            KeyProblem::NotForVerify => "its use/key_ops forbid signature verification",
            KeyProblem::Unsupported => "its type, curve or algorithm is not supported",
            KeyProblem::Exponent => "the RSA public exponent is not odd and >= 3",
            KeyProblem::Der => "the DER encoding is not strict",
            KeyProblem::SymmetricInSet => "symmetric (oct) keys are not allowed in this key set",
            KeyProblem::Empty => "it is empty",
            KeyProblem::Point => "it is not a valid curve point (or has small order)",
        }
    }
}

/// Which claim a [`Error::MissingClaim`] is about, without carrying a string (so the error
/// stays `Copy` and `'static`-free, and a caller's claim names need not be `'static`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `exp` (required unless the policy allows its absence).
    Exp,
    /// `iat` (needed by a maximum age).
    Iat,
    /// `iss` (needed when the policy names issuers).
    Iss,
    /// `aud` (needed when the policy names audiences).
    Aud,
    /// `sub` (needed when the policy names a subject).
    Sub,
    /// The `i`-th name of [`Policy::require`](crate::Policy::require), counted from 0: the
    /// caller, who wrote the list, knows its name.
    Required(u8),
}

impl Claim {
    /// The registered claim's name, or `None` for a [`Claim::Required`] entry.
    pub const fn registered_name(self) -> Option<&'static str> {
        match self {
            Claim::Exp => Some("exp"),
            Claim::Iat => Some("iat"),
            Claim::Iss => Some("iss"),
            Claim::Aud => Some("aud"),
            Claim::Sub => Some("sub"),
            Claim::Required(_) => None,
        }
    }
}

/// Every way verification (or key loading) can fail.
///
/// Match on the variant for behaviour, use [`Error::code`] for logs. New variants may be
/// added in minor releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The compact serialization is not a JWS (segments, emptiness, bearer scheme).
    Malformed(Malformed),
    /// A segment or key field is not strict base64url (RFC 7515 §2).
    BadBase64(Part),
    /// Not strict RFC 8259 JSON, or not an object where one is required.
    BadJson(Part),
    /// A JSON object names the same member twice (also when spelled with escapes).
    DuplicateMember(Part),
    /// A capacity limit was exceeded.
    TooLarge(Limit),
    /// JSON nested deeper than its limit ([`crate::limits::MAX_HEADER_DEPTH`] for a header,
    /// [`crate::limits::MAX_PAYLOAD_DEPTH`] for a payload or key document).
    TooDeep(Part),
    /// A header parameter has the wrong type or is missing.
    InvalidHeader(HeaderParam),
    /// The header's `alg` is not a supported signature algorithm (this includes `none`).
    UnsupportedAlg,
    /// The token's algorithm is supported but not allowed by this verifier.
    AlgNotAllowed,
    /// The token names a `kid` that no candidate key answers to: no key of its `alg` carries
    /// that `kid`, and none of its `alg` is kid-less (see the key selection rule on
    /// [`Verifier`](crate::Verifier#key-selection)). With a remote key set, the moment to
    /// re-fetch it.
    UnknownKid,
    /// Loading a key: the material's type or curve cannot serve the algorithm asked for, or
    /// a JWK's declared `alg` contradicts its `kty`/`crv` (an RSA key for HS256, a P-256 key
    /// declaring ES384).
    KeyMismatch,
    /// Verifying: the token's `kid` names only keys bound to another algorithm than its
    /// `alg` (an HS256 token naming an RS256 key's `kid`).
    KidAlgMismatch,
    /// Key material is malformed or unusable.
    InvalidKey(KeyProblem),
    /// The key is below the minimum strength (RSA < 2048 bits, HMAC secret < hash size).
    WeakKey,
    /// A JWK Set has no member usable for signature verification: every member was skipped
    /// (see [`crate::jwks::SkipReason`]), or the set is empty.
    NoUsableKey,
    /// A [`KeyCache`](crate::KeyCache) has no key set it may verify with: none was ever
    /// fetched successfully, or the last good one is older than its max age plus the
    /// staleness bound ([`CachePolicy`](crate::CachePolicy)) while refreshes keep failing.
    /// An outage of the key server, not a bad token: an HTTP service answers `503`.
    KeysUnavailable,
    /// The signature does not verify under any candidate key.
    BadSignature,
    /// The header has a `crit` list naming an extension that is not understood.
    CritUnsupported,
    /// The header asks for an unencoded payload (RFC 7797 `b64: false`).
    B64Unsupported,
    /// The token is a JWE (five segments); only signed tokens are supported.
    EncryptedUnsupported,
    /// The header's `cty` says the payload is itself a JWT (nested tokens are not supported).
    NestedUnsupported,
    /// The header's `typ` differs from the one the policy expects.
    UnexpectedTyp,
    /// `exp` has passed (after leeway).
    Expired {
        /// The token's `exp`.
        exp: NumericDate,
    },
    /// `nbf` is still in the future (after leeway).
    NotYetValid {
        /// The token's `nbf`.
        nbf: NumericDate,
    },
    /// `iat` is in the future (after leeway) and the policy forbids that.
    IssuedInFuture {
        /// The token's `iat`.
        iat: NumericDate,
    },
    /// `iat` is older than the policy's maximum age.
    TooOld {
        /// The token's `iat`.
        iat: NumericDate,
    },
    /// `iss` is not one of the accepted issuers.
    WrongIssuer,
    /// No `aud` entry is one of the accepted audiences.
    WrongAudience,
    /// The token has `aud` but the verifier has no audience configured (RFC 7519 §4.1.3).
    AudienceNotConfigured,
    /// `sub` is not the expected subject.
    WrongSubject,
    /// A claim the policy requires is absent.
    MissingClaim(Claim),
    /// A claim is present but its value is unusable.
    InvalidClaim {
        /// The claim's name.
        claim: &'static str,
        /// Why it was refused.
        reason: ClaimReason,
    },
    /// The signature is valid but the payload is not a JSON object of claims.
    ClaimsNotJson,
    /// The verified claims do not fit the type requested from `Verified::deserialize`
    /// (feature `serde`).
    ClaimsMismatch,
}

impl Error {
    /// A stable, short, snake_case code for logs, metrics and machine-readable output.
    ///
    /// ```
    /// assert_eq!(tinyjwt_core::Error::BadSignature.code(), "bad_signature");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Error::Malformed(_) => "malformed",
            Error::BadBase64(_) => "bad_base64",
            Error::BadJson(_) => "bad_json",
            Error::DuplicateMember(_) => "duplicate_member",
            Error::TooLarge(_) => "too_large",
            Error::TooDeep(_) => "too_deep",
            Error::InvalidHeader(_) => "invalid_header",
            Error::UnsupportedAlg => "unsupported_alg",
            Error::AlgNotAllowed => "alg_not_allowed",
            Error::UnknownKid => "unknown_kid",
            Error::KeyMismatch => "key_mismatch",
            Error::KidAlgMismatch => "kid_alg_mismatch",
            Error::InvalidKey(_) => "invalid_key",
            Error::WeakKey => "weak_key",
            Error::NoUsableKey => "no_usable_key",
            Error::KeysUnavailable => "keys_unavailable",
            Error::BadSignature => "bad_signature",
            Error::CritUnsupported => "crit_unsupported",
            Error::B64Unsupported => "b64_unsupported",
            Error::EncryptedUnsupported => "encrypted_unsupported",
            Error::NestedUnsupported => "nested_unsupported",
            Error::UnexpectedTyp => "wrong_type",
            Error::Expired { .. } => "expired",
            Error::NotYetValid { .. } => "not_yet_valid",
            Error::IssuedInFuture { .. } => "issued_in_future",
            Error::TooOld { .. } => "too_old",
            Error::WrongIssuer => "wrong_issuer",
            Error::WrongAudience => "wrong_audience",
            Error::AudienceNotConfigured => "audience_not_configured",
            Error::WrongSubject => "wrong_subject",
            Error::MissingClaim(_) => "missing_claim",
            Error::InvalidClaim { .. } => "invalid_claim",
            Error::ClaimsNotJson => "claims_not_json",
            Error::ClaimsMismatch => "claims_mismatch",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::Malformed(m) => f.write_str(match m {
                Malformed::SegmentCount => {
                    "malformed token: a signed JWT has exactly three '.'-separated segments"
                }
                Malformed::EmptySegment => {
                    "malformed token: a segment is empty (unsigned or detached-payload tokens are refused)"
                }
                Malformed::Empty => "malformed token: the input is empty",
                Malformed::NotBearer => {
                    "malformed Authorization value: expected 'Bearer <token>'"
                }
                Malformed::KeyFormat => {
                    "malformed key: expected PEM, DER or JSON of the kind requested"
                }
            }),
            Error::BadBase64(p) => write!(
                f,
                "the {} is not strict base64url (no padding, no whitespace, canonical trailing bits)",
                p.as_str()
            ),
            Error::BadJson(p) => write!(f, "the {} is not a valid JSON object", p.as_str()),
            Error::DuplicateMember(p) => {
                write!(f, "the {} JSON names the same member twice", p.as_str())
            }
            Error::TooLarge(l) => write!(f, "input exceeds the {} limit", l.as_str()),
            Error::TooDeep(p) => write!(f, "the {} JSON is nested too deeply", p.as_str()),
            Error::InvalidHeader(h) => write!(
                f,
                "the header parameter '{}' is missing or has the wrong type",
                h.as_str()
            ),
            Error::UnsupportedAlg => f.write_str(
                "the token's alg is not a supported signature algorithm ('none' never is)",
            ),
            Error::AlgNotAllowed => {
                f.write_str("the token's alg is not allowed by this verifier's keys")
            }
            Error::UnknownKid => f.write_str(
                "no key answers to the token's kid (none carries it, none of its alg is kid-less); \
                 refresh the key set if it rotates",
            ),
            Error::KeyMismatch => f.write_str(
                "the key cannot serve this algorithm: its type or curve does not fit, or its \
                 declared alg contradicts its kty/crv",
            ),
            Error::KidAlgMismatch => {
                f.write_str("the token's kid names a key bound to a different algorithm")
            }
            Error::InvalidKey(p) => write!(f, "the key is unusable: {}", p.as_str()),
            Error::WeakKey => f.write_str(
                "the key is too weak (RSA needs >= 2048 bits, an HMAC secret >= the hash size)",
            ),
            Error::NoUsableKey => f.write_str(
                "the key set has no key usable for signature verification (every member was skipped)",
            ),
            Error::KeysUnavailable => f.write_str(
                "no usable key set: it was never fetched, or the last good one is past its \
                 staleness bound; check that the key set URL is reachable and serves a valid \
                 set, then retry",
            ),
            Error::BadSignature => f.write_str("the signature does not verify"),
            Error::CritUnsupported => {
                f.write_str("the header's crit list names an extension that is not understood")
            }
            Error::B64Unsupported => {
                f.write_str("unencoded payloads (RFC 7797 b64:false) are not supported")
            }
            Error::EncryptedUnsupported => f.write_str(
                "encrypted tokens (JWE, five segments) are not supported; expected a signed JWT",
            ),
            Error::NestedUnsupported => {
                f.write_str("nested JWTs (cty: JWT) are not supported")
            }
            Error::UnexpectedTyp => f.write_str("the header's typ is not the expected type"),
            Error::Expired { exp } => write!(f, "the token has expired (exp {exp})"),
            Error::NotYetValid { nbf } => write!(f, "the token is not valid yet (nbf {nbf})"),
            Error::IssuedInFuture { iat } => {
                write!(f, "the token was issued in the future (iat {iat})")
            }
            Error::TooOld { iat } => {
                write!(f, "the token is older than the maximum age (iat {iat})")
            }
            Error::WrongIssuer => f.write_str("the token's issuer (iss) is not accepted"),
            Error::WrongAudience => {
                f.write_str("the token's audience (aud) does not include an accepted audience")
            }
            Error::AudienceNotConfigured => f.write_str(
                "the token has an audience (aud) but the verifier has none configured",
            ),
            Error::WrongSubject => f.write_str("the token's subject (sub) is not the expected one"),
            Error::MissingClaim(c) => match c.registered_name() {
                Some(name) => write!(f, "the required claim '{name}' is missing"),
                None => match c {
                    Claim::Required(i) => {
                        write!(f, "the required claim #{i} of the policy's require list is missing")
                    }
                    _ => f.write_str("a required claim is missing"),
                },
            },
            Error::InvalidClaim { claim, reason } => match reason {
                ClaimReason::WrongType => {
                    write!(f, "the claim '{claim}' has the wrong JSON type")
                }
                ClaimReason::OutOfRange => {
                    write!(f, "the claim '{claim}' is not a NumericDate in range")
                }
            },
            Error::ClaimsNotJson => {
                f.write_str("the signature is valid but the payload is not a JSON claims object")
            }
            Error::ClaimsMismatch => f.write_str(
                "the claims do not fit the requested type (missing field, wrong type, or an \
                 escaped string for a borrowed &str field)",
            ),
        }
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_distinct() {
        let all = [
            Error::Malformed(Malformed::SegmentCount),
            Error::BadBase64(Part::Header),
            Error::BadJson(Part::Header),
            Error::DuplicateMember(Part::Header),
            Error::TooLarge(Limit::Token),
            Error::TooDeep(Part::Payload),
            Error::InvalidHeader(HeaderParam::Alg),
            Error::UnsupportedAlg,
            Error::AlgNotAllowed,
            Error::UnknownKid,
            Error::KeyMismatch,
            Error::KidAlgMismatch,
            Error::InvalidKey(KeyProblem::Encoding),
            Error::WeakKey,
            Error::NoUsableKey,
            Error::KeysUnavailable,
            Error::BadSignature,
            Error::CritUnsupported,
            Error::B64Unsupported,
            Error::EncryptedUnsupported,
            Error::NestedUnsupported,
            Error::UnexpectedTyp,
            Error::Expired {
                exp: NumericDate::from_secs(1),
            },
            Error::NotYetValid {
                nbf: NumericDate::from_secs(1),
            },
            Error::IssuedInFuture {
                iat: NumericDate::from_secs(1),
            },
            Error::TooOld {
                iat: NumericDate::from_secs(1),
            },
            Error::WrongIssuer,
            Error::WrongAudience,
            Error::AudienceNotConfigured,
            Error::WrongSubject,
            Error::MissingClaim(Claim::Exp),
            Error::InvalidClaim {
                claim: "exp",
                reason: ClaimReason::WrongType,
            },
            Error::ClaimsNotJson,
            Error::ClaimsMismatch,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.code(), b.code());
            }
            assert!(
                a.code()
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c == b'_' || c == b'6' || c == b'4')
            );
        }
        assert_eq!(Error::EncryptedUnsupported.code(), "encrypted_unsupported");
        assert_eq!(Error::ClaimsNotJson.code(), "claims_not_json");
    }

    #[test]
    fn display_names_the_claim() {
        extern crate std;
        use std::string::ToString;
        let e = Error::InvalidClaim {
            claim: "nbf",
            reason: ClaimReason::WrongType,
        };
        assert!(e.to_string().contains("'nbf'"));
        assert!(
            Error::MissingClaim(Claim::Exp)
                .to_string()
                .contains("'exp'")
        );
        assert!(
            Error::MissingClaim(Claim::Required(2))
                .to_string()
                .contains("#2")
        );
        let exp = NumericDate::from_secs(1_700_000_000);
        assert!(
            Error::Expired { exp }
                .to_string()
                .contains("exp 1700000000")
        );
        let frac = NumericDate::parse("100.5").unwrap();
        assert!(
            Error::NotYetValid { nbf: frac }
                .to_string()
                .contains("nbf 100..101")
        );
    }
}
