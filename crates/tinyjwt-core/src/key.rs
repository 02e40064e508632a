//! Key material, already parsed, and bound to the one algorithm it may verify.
//!
//! The core parses every key format (JWK, PEM, DER, raw secrets) down to these few shapes, so
//! a [`SignatureBackend`](crate::SignatureBackend) never sees a file format. A [`BoundKey`]
//! pairs material with one [`Algorithm`]; it can only be built when the material can serve
//! that algorithm and is strong enough, which is what makes algorithm confusion (an RSA
//! public key used as an HMAC secret) impossible by construction.

use crate::alg::{Algorithm, Curve, Family, Hash};
use crate::error::{Error, KeyProblem};
use crate::limits::{MAX_RSA_BITS, MIN_RSA_BITS};

mod ed25519;
pub use ed25519::is_small_order_encoding;

/// The smallest RSA modulus accepted even with [`Strength::AllowWeak`], in bits.
pub const MIN_LEGACY_RSA_BITS: usize = 1024;

/// Whether minimum key strengths are enforced when a key is bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strength {
    /// RSA moduli ≥ 2048 bits, HMAC secrets ≥ the hash output size (RFC 7518 §3.2).
    #[default]
    Enforce,
    /// Accept legacy keys: RSA moduli down to [`MIN_LEGACY_RSA_BITS`], HMAC secrets of any
    /// non-zero length. Only for systems you cannot fix; such keys can be brute-forced or
    /// factored far more cheaply.
    AllowWeak,
}

/// An HMAC secret: raw bytes, never text-decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HmacSecret<'a>(&'a [u8]);

impl<'a> HmacSecret<'a> {
    /// Wraps raw secret bytes. An empty secret is refused.
    pub fn new(secret: &'a [u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(Error::InvalidKey(KeyProblem::Empty));
        }
        Ok(Self(secret))
    }

    /// The secret bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }
}

impl core::fmt::Debug for HmacSecret<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "HmacSecret({} bytes, redacted)", self.0.len())
    }
}

/// An RSA public key: modulus `n` and exponent `e`, big-endian, without leading zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RsaPublicKey<'a> {
    n: &'a [u8],
    e: &'a [u8],
}

fn strip_leading_zeros(mut b: &[u8]) -> &[u8] {
    while let [0, rest @ ..] = b {
        b = rest;
    }
    b
}

impl<'a> RsaPublicKey<'a> {
    /// Builds an RSA key from big-endian `n` and `e` (leading zero bytes are ignored).
    ///
    /// Refuses an empty or even modulus, a modulus over [`MAX_RSA_BITS`], and an exponent that
    /// is even, below 3 or longer than 32 bits. Strength is checked later, by [`BoundKey`].
    pub fn new(n: &'a [u8], e: &'a [u8]) -> Result<Self, Error> {
        let n = strip_leading_zeros(n);
        let e = strip_leading_zeros(e);
        match n.last() {
            None => return Err(Error::InvalidKey(KeyProblem::Encoding)),
            Some(last) if last & 1 == 0 => return Err(Error::InvalidKey(KeyProblem::Encoding)),
            _ => {}
        }
        if n.len() * 8 > MAX_RSA_BITS {
            return Err(Error::InvalidKey(KeyProblem::Unsupported));
        }
        let odd = e.last().is_some_and(|b| b & 1 == 1);
        if e.is_empty() || e.len() > 4 || !odd || matches!(e, [x] if *x < 3) {
            return Err(Error::InvalidKey(KeyProblem::Exponent));
        }
        Ok(Self { n, e })
    }

    /// The modulus, big-endian, no leading zeros.
    pub fn n(&self) -> &'a [u8] {
        self.n
    }

    /// The public exponent, big-endian, no leading zeros.
    pub fn e(&self) -> &'a [u8] {
        self.e
    }

    /// The public exponent as an integer (at most 32 bits by construction).
    pub fn e_u32(&self) -> u32 {
        self.e
            .iter()
            .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        // `n` has no leading zero byte, so its first byte is non-zero.
        let lead = self.n.first().copied().unwrap_or(0);
        (self.n.len() - 1) * 8 + (8 - lead.leading_zeros() as usize)
    }

    /// The signature length this key produces: the modulus length in bytes.
    pub fn signature_len(&self) -> usize {
        self.n.len()
    }
}

/// An uncompressed elliptic-curve public point on P-256, P-384 or P-521.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EcPublicKey<'a> {
    curve: Curve,
    x: &'a [u8],
    y: &'a [u8],
}

impl<'a> EcPublicKey<'a> {
    /// Builds a point from affine coordinates of exactly the curve's size (RFC 7518 §6.2.1.2:
    /// 32, 48 or 66 bytes; a P-521 coordinate written in 65 bytes, without its leading zero
    /// octet, is refused, as the RFC requires the full length). Whether the point is on the
    /// curve is checked by the backend when the key is prepared.
    pub fn new(curve: Curve, x: &'a [u8], y: &'a [u8]) -> Result<Self, Error> {
        let len = curve.coordinate_len();
        if x.len() != len || y.len() != len {
            return Err(Error::InvalidKey(KeyProblem::Encoding));
        }
        Ok(Self { curve, x, y })
    }

    /// Builds a point from the SEC1 uncompressed encoding `04 || x || y`.
    pub fn from_sec1(curve: Curve, point: &'a [u8]) -> Result<Self, Error> {
        let len = curve.coordinate_len();
        match point.split_first() {
            Some((4, xy)) if xy.len() == 2 * len => match xy.split_at_checked(len) {
                Some((x, y)) => Self::new(curve, x, y),
                None => Err(Error::InvalidKey(KeyProblem::Encoding)),
            },
            _ => Err(Error::InvalidKey(KeyProblem::Encoding)),
        }
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        self.curve
    }

    /// The x coordinate, big-endian, exactly the curve's size.
    pub fn x(&self) -> &'a [u8] {
        self.x
    }

    /// The y coordinate, big-endian, exactly the curve's size.
    pub fn y(&self) -> &'a [u8] {
        self.y
    }

    /// The SEC1 uncompressed encoding `04 || x || y` (65, 97 or 133 bytes), the form most
    /// crypto libraries take a public point in.
    ///
    /// ```
    /// use tinyjwt_core::{Curve, EcPublicKey};
    /// let k = EcPublicKey::new(Curve::P256, &[1; 32], &[2; 32])?;
    /// let sec1 = k.to_sec1();
    /// assert_eq!(sec1.as_bytes().len(), 65);
    /// assert_eq!(EcPublicKey::from_sec1(Curve::P256, sec1.as_bytes())?, k);
    /// # Ok::<(), tinyjwt_core::Error>(())
    /// ```
    pub fn to_sec1(&self) -> Sec1Point {
        let mut buf = [0u8; MAX_SEC1_LEN];
        buf[0] = 4;
        // `new` fixed both coordinates to the curve's size, so they fit (zip cannot overrun).
        for (out, b) in buf[1..].iter_mut().zip(self.x.iter().chain(self.y)) {
            *out = *b;
        }
        Sec1Point {
            buf,
            len: 1 + self.x.len() + self.y.len(),
        }
    }
}

/// The longest SEC1 uncompressed point: `04` and two 66-byte P-521 coordinates.
pub const MAX_SEC1_LEN: usize = 1 + 2 * 66;

/// An EC public point in SEC1 uncompressed form, built by [`EcPublicKey::to_sec1`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sec1Point {
    buf: [u8; MAX_SEC1_LEN],
    len: usize,
}

impl Sec1Point {
    /// `04 || x || y`.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&self.buf)
    }
}

/// An Ed25519 public key (RFC 8032 encoding, 32 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ed25519PublicKey<'a>(&'a [u8; 32]);

impl<'a> Ed25519PublicKey<'a> {
    /// Wraps exactly 32 bytes, refusing non-canonical encodings (y ≥ p) and points of small
    /// order ([`KeyProblem::Point`]). Whether the bytes are a curve point at all is checked by
    /// the backend when the key is prepared.
    pub fn new(x: &'a [u8]) -> Result<Self, Error> {
        let x: &'a [u8; 32] = x
            .try_into()
            .map_err(|_| Error::InvalidKey(KeyProblem::Encoding))?;
        if !ed25519::is_canonical(x) || is_small_order_encoding(x) {
            return Err(Error::InvalidKey(KeyProblem::Point));
        }
        Ok(Self(x))
    }

    /// The encoded point.
    pub fn as_bytes(&self) -> &'a [u8; 32] {
        self.0
    }
}

/// Parsed key material of any supported type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMaterial<'a> {
    /// A shared HMAC secret.
    Hmac(HmacSecret<'a>),
    /// An RSA public key.
    Rsa(RsaPublicKey<'a>),
    /// An ECDSA public key.
    Ec(EcPublicKey<'a>),
    /// An Ed25519 public key.
    Ed25519(Ed25519PublicKey<'a>),
}

/// What a [`SignatureBackend`](crate::SignatureBackend) is given to prepare: a key the core
/// has fully checked, in the one shape its algorithm needs ([`BoundKey::input`]).
///
/// Each variant is one JWS algorithm family with its parameters, so a backend matches it
/// exhaustively — there is no combination of material and algorithm left for it to refuse as
/// a mismatch, and nothing left to re-check. What each variant guarantees:
///
/// | variant | algorithms | already checked by the core |
/// |---|---|---|
/// | `Hmac` | HS256/384/512 | secret non-empty; ≥ the hash output size unless [`Strength::AllowWeak`] |
/// | `RsaPkcs1` | RS256/384/512 | `n` odd, no leading zeros, ≤ [`MAX_RSA_BITS`]; `e` odd, 3 ≤ e < 2³²; ≥ [`MIN_RSA_BITS`], or ≥ [`MIN_LEGACY_RSA_BITS`] with `legacy_size` set (RS256 and RS512 only) |
/// | `RsaPss` | PS256/384/512 | as `RsaPkcs1`, always ≥ [`MIN_RSA_BITS`] |
/// | `Ecdsa` | ES256/384/512 | `key` is on `curve`'s *size*: both coordinates exactly [`Curve::coordinate_len`] bytes (not that the point is on the curve) |
/// | `Ed25519` | EdDSA, Ed25519 | 32 bytes, canonical `y` (< p), not one of the small-order encodings (not that it decodes to a point) |
///
/// Adding a variant (a new algorithm family) is a breaking change on purpose: every backend
/// must then say what it does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyInput<'a> {
    /// HMAC with `hash` (RFC 7518 §3.2).
    Hmac {
        /// The hash.
        hash: Hash,
        /// The secret.
        secret: HmacSecret<'a>,
    },
    /// RSASSA-PKCS1-v1_5 with `hash` (RFC 7518 §3.3).
    RsaPkcs1 {
        /// The hash.
        hash: Hash,
        /// The public key.
        key: RsaPublicKey<'a>,
        /// The modulus has 1024–2047 bits ([`MIN_LEGACY_RSA_BITS`] up to [`MIN_RSA_BITS`]),
        /// allowed because the caller bound it with [`Strength::AllowWeak`], and only for
        /// SHA-256 and SHA-512 (the sizes *ring* has legacy parameter sets for, so that every
        /// backend accepts the same keys). A backend with separate legacy parameters (ring's
        /// `*_FOR_LEGACY_USE_ONLY`) uses them exactly when this is set.
        legacy_size: bool,
    },
    /// RSASSA-PSS with `hash`, MGF1 with the same hash, salt length = hash length
    /// (RFC 7518 §3.5). The modulus always has at least [`MIN_RSA_BITS`] bits.
    RsaPss {
        /// The hash.
        hash: Hash,
        /// The public key.
        key: RsaPublicKey<'a>,
    },
    /// ECDSA on `curve` with its JWS hash (SHA-256, -384, -512; RFC 7518 §3.4); signatures are
    /// `r || s`, each [`Curve::coordinate_len`] bytes. `key.curve() == curve`.
    Ecdsa {
        /// The curve.
        curve: Curve,
        /// The public point (coordinates of the curve's size; on-curve not yet checked).
        key: EcPublicKey<'a>,
    },
    /// Ed25519 (RFC 8032), for both `EdDSA` (RFC 8037) and `Ed25519` (RFC 9864).
    Ed25519 {
        /// The public key (canonical, not of small order; decoding not yet checked).
        key: Ed25519PublicKey<'a>,
    },
}

/// Key material bound to the one algorithm it may verify, with strength checked.
///
/// ```
/// use tinyjwt_core::{Algorithm, BoundKey, Error, HmacSecret, KeyMaterial, Strength};
/// let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
/// let key = BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?;
/// assert_eq!(key.signature_len(), 32);
/// // The same secret may not be used for HS512: it is shorter than SHA-512's output.
/// assert_eq!(BoundKey::new(Algorithm::HS512, secret, Strength::Enforce), Err(Error::WeakKey));
/// // And an HMAC secret can never serve an RSA algorithm.
/// assert_eq!(BoundKey::new(Algorithm::RS256, secret, Strength::Enforce), Err(Error::KeyMismatch));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoundKey<'a> {
    alg: Algorithm,
    material: KeyMaterial<'a>,
    input: KeyInput<'a>,
}

impl<'a> BoundKey<'a> {
    /// Binds `material` to `alg`.
    ///
    /// An Ed25519 key may be bound to [`Algorithm::EdDSA`] or to [`Algorithm::Ed25519`]
    /// (RFC 9864), to one of them per `BoundKey`; to accept both names, add the key twice.
    ///
    /// Errors: [`Error::KeyMismatch`] if the material's type (or curve) cannot serve `alg`;
    /// [`Error::WeakKey`] if it is below the minimum strength for `strength`. With
    /// [`Strength::AllowWeak`], an RSA modulus of 1024–2047 bits is accepted for RS256 and
    /// RS512 only, and is weak for RS384 and PS* (every backend agrees, because *ring* has
    /// legacy parameter sets for those two alone).
    pub fn new(
        alg: Algorithm,
        material: KeyMaterial<'a>,
        strength: Strength,
    ) -> Result<Self, Error> {
        let weak_ok = strength == Strength::AllowWeak;
        let input = match (alg.family(), material) {
            (Family::Hmac(hash), KeyMaterial::Hmac(secret)) => {
                if !weak_ok && secret.as_bytes().len() < hash.output_len() {
                    return Err(Error::WeakKey);
                }
                KeyInput::Hmac { hash, secret }
            }
            (Family::RsaPkcs1(hash), KeyMaterial::Rsa(key)) => {
                let legacy_size = rsa_legacy_size(key, weak_ok, legacy_hash(hash))?;
                KeyInput::RsaPkcs1 {
                    hash,
                    key,
                    legacy_size,
                }
            }
            (Family::RsaPss(hash), KeyMaterial::Rsa(key)) => {
                rsa_legacy_size(key, weak_ok, false)?;
                KeyInput::RsaPss { hash, key }
            }
            (Family::Ecdsa(curve), KeyMaterial::Ec(key)) if key.curve() == curve => {
                KeyInput::Ecdsa { curve, key }
            }
            (Family::Ed25519, KeyMaterial::Ed25519(key)) => KeyInput::Ed25519 { key },
            _ => return Err(Error::KeyMismatch),
        };
        Ok(Self {
            alg,
            material,
            input,
        })
    }

    /// The algorithm this key may verify.
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The material.
    pub fn material(&self) -> &KeyMaterial<'a> {
        &self.material
    }

    /// The key as a backend needs it: the algorithm's parameters with the checked material
    /// (see [`KeyInput`] for what is already guaranteed).
    pub fn input(&self) -> KeyInput<'a> {
        self.input
    }

    /// The exact length a valid signature under this key has. A signature of any other
    /// length is rejected before the backend runs, identically for every backend.
    pub fn signature_len(&self) -> usize {
        match &self.input {
            KeyInput::Hmac { hash, .. } => hash.output_len(),
            KeyInput::RsaPkcs1 { key, .. } | KeyInput::RsaPss { key, .. } => key.signature_len(),
            KeyInput::Ecdsa { curve, .. } => 2 * curve.coordinate_len(),
            KeyInput::Ed25519 { .. } => 64,
        }
    }

    /// Whether `signature` passes the core's per-signature rules for this key, which every
    /// backend relies on and none re-checks: its length is [`signature_len`](Self::signature_len),
    /// and for Ed25519 its `R` half is not of small order (refused by `ed25519-dalek`'s
    /// `verify_strict`, accepted by *ring*). [`Verifier::verify`](crate::Verifier::verify)
    /// and [`backend::verify_signature`](crate::backend::verify_signature) apply it before
    /// the backend runs.
    pub fn admits_signature(&self, signature: &[u8]) -> bool {
        signature_admitted(self.alg, self.signature_len(), signature)
    }
}

/// The per-signature rules of [`BoundKey::admits_signature`], for a key known by its
/// algorithm and signature length (what the verifier keeps of a [`BoundKey`]).
pub(crate) fn signature_admitted(alg: Algorithm, len: usize, signature: &[u8]) -> bool {
    if signature.len() != len {
        return false;
    }
    match alg.family() {
        Family::Ed25519 => !signature.get(..32).is_none_or(is_small_order_encoding),
        _ => true,
    }
}

/// Whether RSA-PKCS1-v1_5 with `hash` may take a legacy-size (1024–2047-bit) key.
const fn legacy_hash(hash: Hash) -> bool {
    matches!(hash, Hash::Sha256 | Hash::Sha512)
}

/// The RSA strength rule: `Ok(false)` for a modulus of at least [`MIN_RSA_BITS`], `Ok(true)`
/// for a legacy size (1024–2047 bits) where `legacy_ok` and `weak_ok` allow it, otherwise
/// [`Error::WeakKey`].
fn rsa_legacy_size(key: RsaPublicKey<'_>, weak_ok: bool, legacy_ok: bool) -> Result<bool, Error> {
    let bits = key.bits();
    if bits >= MIN_RSA_BITS {
        Ok(false)
    } else if weak_ok && legacy_ok && bits >= MIN_LEGACY_RSA_BITS {
        Ok(true)
    } else {
        Err(Error::WeakKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rsa_n(bits: usize) -> [u8; 1024] {
        let mut n = [0u8; 1024];
        let len = bits.div_ceil(8);
        let start = 1024 - len;
        n[start..].fill(0xff);
        let top = bits - (len - 1) * 8;
        n[start] = ((1u16 << top) - 1) as u8;
        n
    }

    #[test]
    fn rsa_bits_and_strength() {
        let n = rsa_n(2048);
        let k = RsaPublicKey::new(&n, &[1, 0, 1]).unwrap();
        assert_eq!(k.bits(), 2048);
        assert_eq!(k.signature_len(), 256);
        assert_eq!(k.e_u32(), 65537);
        assert!(BoundKey::new(Algorithm::RS256, KeyMaterial::Rsa(k), Strength::Enforce).is_ok());
        // A full-size key is never legacy-size, even allowed weak.
        let b = BoundKey::new(Algorithm::RS512, KeyMaterial::Rsa(k), Strength::AllowWeak).unwrap();
        assert_eq!(
            b.input(),
            KeyInput::RsaPkcs1 {
                hash: Hash::Sha512,
                key: k,
                legacy_size: false
            }
        );
        let b = BoundKey::new(Algorithm::PS384, KeyMaterial::Rsa(k), Strength::Enforce).unwrap();
        assert_eq!(
            b.input(),
            KeyInput::RsaPss {
                hash: Hash::Sha384,
                key: k
            }
        );

        let n = rsa_n(2047);
        let k = RsaPublicKey::new(&n, &[3]).unwrap();
        assert_eq!(k.bits(), 2047);
        assert_eq!(
            BoundKey::new(Algorithm::PS256, KeyMaterial::Rsa(k), Strength::Enforce),
            Err(Error::WeakKey)
        );
        // Allowed weak, a 1024–2047-bit key serves RS256 and RS512 only, marked legacy-size.
        for alg in [Algorithm::RS256, Algorithm::RS512] {
            let b = BoundKey::new(alg, KeyMaterial::Rsa(k), Strength::AllowWeak).unwrap();
            assert!(matches!(
                b.input(),
                KeyInput::RsaPkcs1 {
                    legacy_size: true,
                    ..
                }
            ));
        }
        for alg in [
            Algorithm::RS384,
            Algorithm::PS256,
            Algorithm::PS384,
            Algorithm::PS512,
        ] {
            assert_eq!(
                BoundKey::new(alg, KeyMaterial::Rsa(k), Strength::AllowWeak),
                Err(Error::WeakKey),
                "{alg}"
            );
        }

        let n = rsa_n(1023);
        let k = RsaPublicKey::new(&n, &[3]).unwrap();
        assert_eq!(
            BoundKey::new(Algorithm::RS256, KeyMaterial::Rsa(k), Strength::AllowWeak),
            Err(Error::WeakKey)
        );
    }

    #[test]
    fn rsa_rejects_bad_integers() {
        let n = rsa_n(2048);
        assert_eq!(
            RsaPublicKey::new(&[], &[3]),
            Err(Error::InvalidKey(KeyProblem::Encoding))
        );
        assert_eq!(
            RsaPublicKey::new(&[0, 0], &[3]),
            Err(Error::InvalidKey(KeyProblem::Encoding))
        );
        assert_eq!(
            RsaPublicKey::new(&[0xff, 0xfe], &[3]),
            Err(Error::InvalidKey(KeyProblem::Encoding))
        );
        for e in [&[][..], &[1], &[2], &[0, 1], &[1, 0], &[1, 0, 0, 0, 1]] {
            assert_eq!(
                RsaPublicKey::new(&n, e),
                Err(Error::InvalidKey(KeyProblem::Exponent)),
                "{e:?}"
            );
        }
        let big = [0xffu8; 1025];
        assert_eq!(
            RsaPublicKey::new(&big, &[3]),
            Err(Error::InvalidKey(KeyProblem::Unsupported))
        );
        // Leading zeros are not part of the size.
        let mut padded = [0u8; 257];
        padded[1..].copy_from_slice(&n[1024 - 256..]);
        assert_eq!(
            RsaPublicKey::new(&padded, &[0, 1, 0, 1]).unwrap().bits(),
            2048
        );
    }

    #[test]
    fn hmac_strength_follows_hash() {
        let s32 = KeyMaterial::Hmac(HmacSecret::new(&[7; 32]).unwrap());
        let s31 = KeyMaterial::Hmac(HmacSecret::new(&[7; 31]).unwrap());
        assert!(BoundKey::new(Algorithm::HS256, s32, Strength::Enforce).is_ok());
        assert_eq!(
            BoundKey::new(Algorithm::HS256, s31, Strength::Enforce),
            Err(Error::WeakKey)
        );
        assert_eq!(
            BoundKey::new(Algorithm::HS384, s32, Strength::Enforce),
            Err(Error::WeakKey)
        );
        assert!(BoundKey::new(Algorithm::HS512, s31, Strength::AllowWeak).is_ok());
        assert_eq!(
            HmacSecret::new(&[]),
            Err(Error::InvalidKey(KeyProblem::Empty))
        );
    }

    #[test]
    fn material_must_fit_alg() {
        let x = [1u8; 32];
        let ec = KeyMaterial::Ec(EcPublicKey::new(Curve::P256, &x, &x).unwrap());
        assert!(BoundKey::new(Algorithm::ES256, ec, Strength::Enforce).is_ok());
        assert_eq!(
            BoundKey::new(Algorithm::ES384, ec, Strength::Enforce),
            Err(Error::KeyMismatch)
        );
        assert_eq!(
            BoundKey::new(Algorithm::HS256, ec, Strength::AllowWeak),
            Err(Error::KeyMismatch)
        );
        let ed = KeyMaterial::Ed25519(Ed25519PublicKey::new(&x).unwrap());
        for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
            let k = BoundKey::new(alg, ed, Strength::Enforce).unwrap();
            assert_eq!((k.alg(), k.signature_len()), (alg, 64));
        }
        assert_eq!(
            BoundKey::new(Algorithm::ES256, ed, Strength::Enforce),
            Err(Error::KeyMismatch)
        );
        assert_eq!(
            EcPublicKey::new(Curve::P384, &x, &x),
            Err(Error::InvalidKey(KeyProblem::Encoding))
        );
        assert_eq!(
            Ed25519PublicKey::new(&x[..31]),
            Err(Error::InvalidKey(KeyProblem::Encoding))
        );
        let mut sec1 = [4u8; 65];
        sec1[1..].fill(9);
        assert!(EcPublicKey::from_sec1(Curve::P256, &sec1).is_ok());
        sec1[0] = 2;
        assert!(EcPublicKey::from_sec1(Curve::P256, &sec1).is_err());
    }

    #[test]
    fn p521_sizes() {
        let c66 = [1u8; 66];
        let ec = KeyMaterial::Ec(EcPublicKey::new(Curve::P521, &c66, &c66).unwrap());
        let k = BoundKey::new(Algorithm::ES512, ec, Strength::Enforce).unwrap();
        assert_eq!(k.signature_len(), 132);
        for alg in [Algorithm::ES256, Algorithm::ES384, Algorithm::EdDSA] {
            assert_eq!(
                BoundKey::new(alg, ec, Strength::Enforce),
                Err(Error::KeyMismatch)
            );
        }
        // A P-384 point cannot serve ES512, nor can coordinates of 65 or 67 bytes make a
        // P-521 point.
        let c48 = [1u8; 48];
        let p384 = KeyMaterial::Ec(EcPublicKey::new(Curve::P384, &c48, &c48).unwrap());
        assert_eq!(
            BoundKey::new(Algorithm::ES512, p384, Strength::Enforce),
            Err(Error::KeyMismatch)
        );
        for len in [65, 67, 64, 0] {
            let c = [1u8; 67];
            assert_eq!(
                EcPublicKey::new(Curve::P521, &c[..len], &c66),
                Err(Error::InvalidKey(KeyProblem::Encoding)),
                "{len}"
            );
            assert_eq!(
                EcPublicKey::new(Curve::P521, &c66, &c[..len]),
                Err(Error::InvalidKey(KeyProblem::Encoding)),
                "{len}"
            );
        }
        let mut sec1 = [9u8; 133];
        sec1[0] = 4;
        assert!(EcPublicKey::from_sec1(Curve::P521, &sec1).is_ok());
        assert!(EcPublicKey::from_sec1(Curve::P521, &sec1[..132]).is_err());
        assert!(EcPublicKey::from_sec1(Curve::P384, &sec1).is_err());
    }

    #[test]
    fn input_carries_the_family_parameters() {
        let s = HmacSecret::new(&[7; 48]).unwrap();
        let b = BoundKey::new(Algorithm::HS384, KeyMaterial::Hmac(s), Strength::Enforce).unwrap();
        assert_eq!(
            b.input(),
            KeyInput::Hmac {
                hash: Hash::Sha384,
                secret: s
            }
        );
        let c = [3u8; 48];
        let ec = EcPublicKey::new(Curve::P384, &c, &c).unwrap();
        let b = BoundKey::new(Algorithm::ES384, KeyMaterial::Ec(ec), Strength::Enforce).unwrap();
        assert_eq!(
            b.input(),
            KeyInput::Ecdsa {
                curve: Curve::P384,
                key: ec
            }
        );
        let sec1 = ec.to_sec1();
        assert_eq!(sec1.as_bytes().len(), 97);
        assert_eq!(sec1.as_bytes()[0], 4);
        assert_eq!(EcPublicKey::from_sec1(Curve::P384, sec1.as_bytes()), Ok(ec));
        let c66 = [1u8; 66];
        let p521 = EcPublicKey::new(Curve::P521, &c66, &[2; 66]).unwrap();
        let sec1 = p521.to_sec1();
        assert_eq!(sec1.as_bytes().len(), MAX_SEC1_LEN);
        assert_eq!(&sec1.as_bytes()[67..], &[2; 66]);
        let ed = Ed25519PublicKey::new(&[9; 32]).unwrap();
        for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
            let b = BoundKey::new(alg, KeyMaterial::Ed25519(ed), Strength::Enforce).unwrap();
            assert_eq!(b.input(), KeyInput::Ed25519 { key: ed });
        }
    }

    #[test]
    fn signature_rules_before_any_backend() {
        let ed = Ed25519PublicKey::new(&[9; 32]).unwrap();
        let b = BoundKey::new(
            Algorithm::EdDSA,
            KeyMaterial::Ed25519(ed),
            Strength::Enforce,
        )
        .unwrap();
        let mut sig = [5u8; 64];
        assert!(b.admits_signature(&sig));
        assert!(!b.admits_signature(&sig[..63]));
        assert!(!b.admits_signature(&[5; 65]));
        // R = the identity (y = 1), and R = a point of order 8 with the sign bit set.
        sig[..32].fill(0);
        sig[0] = 1;
        assert!(!b.admits_signature(&sig));
        sig[..32].copy_from_slice(&SMALL_ORDER_R8);
        sig[31] |= 0x80;
        assert!(!b.admits_signature(&sig));
        // Only Ed25519 has an `R`: the same bytes are fine as an HS512 tag.
        let s = HmacSecret::new(&[7; 64]).unwrap();
        let h = BoundKey::new(Algorithm::HS512, KeyMaterial::Hmac(s), Strength::Enforce).unwrap();
        assert!(h.admits_signature(&sig));
        assert!(!h.admits_signature(&sig[..32]));
    }

    /// A y-coordinate of order 8 (from the table in `ed25519.rs`).
    const SMALL_ORDER_R8: [u8; 32] = [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ];
}
