//! Signature algorithms (RFC 7518 §3, RFC 8037, RFC 9864).
//!
//! `none` is deliberately not a value of [`Algorithm`]: an unsecured token cannot be
//! represented, so no code path can accept one.

use crate::Error;

/// A JWS signature algorithm tinyjwt can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256 and MGF1-SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384 and MGF1-SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512 and MGF1-SHA-512.
    PS512,
    /// ECDSA on P-256 with SHA-256, signature `r||s` (64 bytes).
    ES256,
    /// ECDSA on P-384 with SHA-384, signature `r||s` (96 bytes).
    ES384,
    /// ECDSA on P-521 with SHA-512, signature `r||s` (132 bytes, RFC 7518 §3.4).
    /// Not every backend has P-521: `tinyjwt-ring` refuses such keys with
    /// [`Error::UnsupportedAlg`] when they are added.
    ES512,
    /// EdDSA with Ed25519 (RFC 8037).
    EdDSA,
    /// Ed25519, the fully-specified name of the same signature (RFC 9864).
    ///
    /// A distinct algorithm, not an alias of [`Algorithm::EdDSA`]: a key is bound to exactly
    /// one of the two, and a token is checked only against keys bound to its own `alg`, so
    /// a key bound to `EdDSA` refuses an `"alg":"Ed25519"` token and vice versa.
    Ed25519,
}

/// The hash function an algorithm uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// Output size in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// An elliptic curve for ECDSA keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (secp256r1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1); coordinates and scalars are 66 bytes (521 bits, RFC 7518
    /// §6.2.1.2 pads them to the full length).
    P521,
}

impl Curve {
    /// Size in bytes of one coordinate or scalar.
    pub const fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The JWK `crv` name.
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }
}

/// The family an algorithm belongs to, which decides the key type it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// HMAC with the given hash.
    Hmac(Hash),
    /// RSASSA-PKCS1-v1_5 with the given hash.
    RsaPkcs1(Hash),
    /// RSASSA-PSS with the given hash (salt length = hash length, RFC 7518 §3.5).
    RsaPss(Hash),
    /// ECDSA on the given curve.
    Ecdsa(Curve),
    /// Ed25519 (both [`Algorithm::EdDSA`] and [`Algorithm::Ed25519`]).
    Ed25519,
}

impl Algorithm {
    /// Every algorithm, in a fixed order.
    pub const ALL: [Algorithm; 14] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::EdDSA,
        Algorithm::Ed25519,
    ];

    /// The `alg` header value.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// Parses an `alg` value, case-sensitively (RFC 7515 §4.1.1).
    ///
    /// `none` and every unknown name are [`Error::UnsupportedAlg`].
    ///
    /// ```
    /// use tinyjwt_core::{Algorithm, Error};
    /// assert_eq!(Algorithm::from_name("RS256"), Ok(Algorithm::RS256));
    /// assert_eq!(Algorithm::from_name("none"), Err(Error::UnsupportedAlg));
    /// assert_eq!(Algorithm::from_name("hs256"), Err(Error::UnsupportedAlg));
    /// ```
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Self::from_bytes(name.as_bytes())
    }

    pub(crate) fn from_bytes(name: &[u8]) -> Result<Self, Error> {
        Algorithm::ALL
            .iter()
            .copied()
            .find(|a| a.name().as_bytes() == name)
            .ok_or(Error::UnsupportedAlg)
    }

    /// The family, which fixes the key type and the hash.
    pub const fn family(self) -> Family {
        match self {
            Algorithm::HS256 => Family::Hmac(Hash::Sha256),
            Algorithm::HS384 => Family::Hmac(Hash::Sha384),
            Algorithm::HS512 => Family::Hmac(Hash::Sha512),
            Algorithm::RS256 => Family::RsaPkcs1(Hash::Sha256),
            Algorithm::RS384 => Family::RsaPkcs1(Hash::Sha384),
            Algorithm::RS512 => Family::RsaPkcs1(Hash::Sha512),
            Algorithm::PS256 => Family::RsaPss(Hash::Sha256),
            Algorithm::PS384 => Family::RsaPss(Hash::Sha384),
            Algorithm::PS512 => Family::RsaPss(Hash::Sha512),
            Algorithm::ES256 => Family::Ecdsa(Curve::P256),
            Algorithm::ES384 => Family::Ecdsa(Curve::P384),
            Algorithm::ES512 => Family::Ecdsa(Curve::P521),
            Algorithm::EdDSA | Algorithm::Ed25519 => Family::Ed25519,
        }
    }
}

impl core::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl core::str::FromStr for Algorithm {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_name(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.name()), Ok(a));
        }
        assert_eq!(Algorithm::from_name("ES512"), Ok(Algorithm::ES512));
        assert_eq!(Algorithm::from_name("Ed25519"), Ok(Algorithm::Ed25519));
    }

    #[test]
    fn none_and_lookalikes_are_unsupported() {
        for n in [
            "none", "None", "NONE", "", "HS256 ", "hs256", "es512", "ES521", "RS1", "ed25519",
            "Ed448", "EdDSA ", "ES256K",
        ] {
            assert_eq!(Algorithm::from_name(n), Err(Error::UnsupportedAlg), "{n}");
        }
    }

    #[test]
    fn families() {
        assert_eq!(Algorithm::PS384.family(), Family::RsaPss(Hash::Sha384));
        assert_eq!(Algorithm::ES384.family(), Family::Ecdsa(Curve::P384));
        assert_eq!(Curve::P384.coordinate_len(), 48);
        assert_eq!(Algorithm::ES512.family(), Family::Ecdsa(Curve::P521));
        assert_eq!(Curve::P521.coordinate_len(), 66);
        assert_eq!(Curve::P521.name(), "P-521");
        // RFC 9864: `Ed25519` is its own algorithm, with the same key type as `EdDSA`.
        assert_ne!(Algorithm::Ed25519, Algorithm::EdDSA);
        assert_eq!(Algorithm::Ed25519.family(), Algorithm::EdDSA.family());
        assert_eq!(Hash::Sha512.output_len(), 64);
    }
}
