//! Public keys in DER: X.509 `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7), PKCS#1
//! `RSAPublicKey` (RFC 8017 §A.1.1), and the SPKI inside an X.509 certificate.
//!
//! Parsing uses the RustCrypto formats crates (`der`, `spki`, `pkcs1`) with default features
//! off: they decode into borrowed slices and never allocate, and they are strict DER
//! (X.690 §10): definite, minimal lengths; minimal, non-negative INTEGERs; no trailing bytes,
//! neither after the structure nor inside any SEQUENCE. On top of that this module checks:
//! - the algorithm OID: `rsaEncryption` (parameters must be NULL, RFC 3279 §2.3.1),
//!   `id-ecPublicKey` with the named curve `prime256v1`, `secp384r1` or `secp521r1` as
//!   parameters (explicit
//!   curve parameters, `implicitCA` and every other curve are refused, RFC 5480 §2.1.1),
//!   `id-Ed25519` (parameters absent, RFC 8410 §3); any other OID is
//!   [`KeyProblem::Unsupported`];
//! - the public key BIT STRING has no unused bits;
//! - EC points are SEC1 *uncompressed* (`04 || x || y`) of exactly the curve's size;
//!   compressed and hybrid points are refused.
//!
//! # Certificates: the key only, no trust
//!
//! [`certificate`] returns the public key of a certificate **and checks nothing else**: not
//! its signature, issuer, chain, validity dates, key usage or revocation. It exists because
//! some platforms publish their signing key wrapped in a self-signed certificate. Loading a
//! certificate this way trusts its key exactly as much as a bare `PUBLIC KEY` from the same
//! source; if you need X.509 trust decisions, make them with an X.509 library first.
//!
//! DER carries no JWS algorithm, so the caller names it when binding the key
//! ([`KeyLoader::add_der`](crate::KeyLoader::add_der)).

use ::der::asn1::{AnyRef, BitStringRef, ObjectIdentifier};
use ::der::{Decode, Reader, Tag, Tagged};
use spki::SubjectPublicKeyInfoRef;

use crate::alg::Curve;
use crate::error::{Error, KeyProblem, Limit};
use crate::key::{EcPublicKey, Ed25519PublicKey, KeyMaterial, RsaPublicKey};

/// Maximum length of DER input (a certificate for an RSA-8192 key with ordinary extensions
/// is about 2.5 KiB). Longer input is [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)`.
pub const MAX_DER_LEN: usize = 6 * 1024;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const SECP521R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

const DER: Error = Error::InvalidKey(KeyProblem::Der);
const UNSUPPORTED: Error = Error::InvalidKey(KeyProblem::Unsupported);

fn der_err(_: ::der::Error) -> Error {
    DER
}

fn check_len(der: &[u8]) -> Result<(), Error> {
    if der.len() > MAX_DER_LEN {
        Err(Error::TooLarge(Limit::KeyMaterial))
    } else {
        Ok(())
    }
}

/// Which DER structure holds a public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DerKind {
    /// X.509 `SubjectPublicKeyInfo` (PEM label `PUBLIC KEY`).
    Spki,
    /// PKCS#1 `RSAPublicKey` (PEM label `RSA PUBLIC KEY`).
    Pkcs1,
    /// An X.509 certificate (PEM label `CERTIFICATE`); only its key is used.
    Certificate,
}

/// Parses a DER `SubjectPublicKeyInfo` (RSA, EC P-256/P-384/P-521 or Ed25519).
///
/// # Errors
/// [`KeyProblem::Der`] for anything not strict DER of this structure;
/// [`KeyProblem::Unsupported`] for another algorithm or curve; [`KeyProblem::Encoding`] for
/// a compressed or wrong-size EC point or Ed25519 key; [`KeyProblem::Exponent`];
/// [`Error::TooLarge`] over [`MAX_DER_LEN`].
pub fn spki(der: &[u8]) -> Result<KeyMaterial<'_>, Error> {
    check_len(der)?;
    let info = SubjectPublicKeyInfoRef::from_der(der).map_err(der_err)?;
    from_spki(&info)
}

/// Parses a DER PKCS#1 `RSAPublicKey` (`SEQUENCE { modulus, publicExponent }`).
///
/// # Errors
/// As [`spki`](spki()).
pub fn pkcs1(der: &[u8]) -> Result<KeyMaterial<'_>, Error> {
    check_len(der)?;
    let key = pkcs1::RsaPublicKeyRef::from_der(der).map_err(der_err)?;
    Ok(KeyMaterial::Rsa(RsaPublicKey::new(
        key.modulus.as_bytes(),
        key.public_exponent.as_bytes(),
    )?))
}

/// Extracts the public key of a DER X.509 certificate. **Nothing else is checked** (see the
/// [module docs](self#certificates-the-key-only-no-trust)): no signature, chain or dates.
///
/// The certificate's outer structure (`SEQUENCE { tbsCertificate, signatureAlgorithm,
/// signatureValue }`) and the fields of `tbsCertificate` up to its key must be strict DER of
/// the right types; the contents of the skipped fields are not interpreted.
///
/// # Errors
/// As [`spki`](spki()).
pub fn certificate(der: &[u8]) -> Result<KeyMaterial<'_>, Error> {
    check_len(der)?;
    let cert = AnyRef::from_der(der).map_err(der_err)?;
    let tbs = cert.sequence(|r| -> Result<AnyRef<'_>, ::der::Error> {
        let tbs: AnyRef<'_> = r.decode()?;
        let sig_alg: AnyRef<'_> = r.decode()?;
        sig_alg.tag().assert_eq(Tag::Sequence)?;
        let _signature: BitStringRef<'_> = r.decode()?;
        Ok(tbs)
    });
    let tbs = tbs.map_err(der_err)?;
    let info = tbs
        .sequence(|r| -> Result<SubjectPublicKeyInfoRef<'_>, ::der::Error> {
            // version [0] EXPLICIT, absent for v1.
            if Tag::peek(r)?.is_context_specific() {
                let version: AnyRef<'_> = r.decode()?;
                let tag = version.tag();
                if !tag.is_constructed() || tag.number().value() != 0 {
                    return Err(tag.unexpected_error(None).into());
                }
            }
            let serial: AnyRef<'_> = r.decode()?;
            serial.tag().assert_eq(Tag::Integer)?;
            // signature, issuer, validity, subject.
            for _ in 0..4 {
                let field: AnyRef<'_> = r.decode()?;
                field.tag().assert_eq(Tag::Sequence)?;
            }
            let info: SubjectPublicKeyInfoRef<'_> = r.decode()?;
            // issuerUniqueID [1], subjectUniqueID [2], extensions [3]: context-specific only.
            while !r.is_finished() {
                let rest: AnyRef<'_> = r.decode()?;
                let tag = rest.tag();
                if !tag.is_context_specific() || !(1..=3).contains(&tag.number().value()) {
                    return Err(tag.unexpected_error(None).into());
                }
            }
            Ok(info)
        })
        .map_err(der_err)?;
    from_spki(&info)
}

/// Recognizes the structure of a DER public key without trusting it: an outer SEQUENCE whose
/// first element is an INTEGER is PKCS#1, a SEQUENCE starting with an OID is an SPKI, a
/// SEQUENCE starting with anything else is a certificate. The chosen parser then checks
/// everything.
///
/// # Errors
/// [`KeyProblem::Der`] if it is none of these.
pub fn kind(der: &[u8]) -> Result<DerKind, Error> {
    check_len(der)?;
    let outer = AnyRef::from_der(der).map_err(der_err)?;
    outer
        .sequence(|r| -> Result<DerKind, ::der::Error> {
            let first: AnyRef<'_> = r.decode()?;
            let kind = match first.tag() {
                Tag::Integer => DerKind::Pkcs1,
                Tag::Sequence => {
                    let inner = first.sequence(|r2| -> Result<Tag, ::der::Error> {
                        let tag = Tag::peek(r2)?;
                        while !r2.is_finished() {
                            let _: AnyRef<'_> = r2.decode()?;
                        }
                        Ok(tag)
                    })?;
                    if inner == Tag::ObjectIdentifier {
                        DerKind::Spki
                    } else {
                        DerKind::Certificate
                    }
                }
                tag => return Err(tag.unexpected_error(Some(Tag::Sequence)).into()),
            };
            while !r.is_finished() {
                let _: AnyRef<'_> = r.decode()?;
            }
            Ok(kind)
        })
        .map_err(der_err)
}

/// Parses a DER public key of any supported structure ([`kind`], then [`spki`](spki()), [`pkcs1`](pkcs1())
/// or [`certificate`]).
///
/// ```
/// use tinyjwt_core::{der, Curve, KeyMaterial};
/// // An SPKI for a P-256 key (the RFC 7517 A.1 point), as `openssl pkey -pubout -outform DER`
/// // would write it.
/// let mut spki = [0u8; 91];
/// spki[..27].copy_from_slice(&[
///     0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
///     0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04]);
/// spki[27..].fill(7);
/// let KeyMaterial::Ec(key) = der::parse(&spki)? else { unreachable!() };
/// assert_eq!(key.curve(), Curve::P256);
/// // One byte too many is an error, never ignored.
/// let mut longer = [0u8; 92];
/// longer[..91].copy_from_slice(&spki);
/// assert!(der::parse(&longer).is_err());
/// # Ok::<(), tinyjwt_core::Error>(())
/// ```
///
/// # Errors
/// As [`kind`] and the chosen parser.
pub fn parse(der: &[u8]) -> Result<KeyMaterial<'_>, Error> {
    match kind(der)? {
        DerKind::Spki => spki(der),
        DerKind::Pkcs1 => pkcs1(der),
        DerKind::Certificate => certificate(der),
    }
}

fn from_spki<'a>(info: &SubjectPublicKeyInfoRef<'a>) -> Result<KeyMaterial<'a>, Error> {
    let oid = info.algorithm.oid;
    let params = info.algorithm.parameters;
    let key = info.subject_public_key.as_bytes().ok_or(DER)?;
    if oid == RSA_ENCRYPTION {
        match params {
            Some(p) if p.is_null() => pkcs1(key),
            _ => Err(DER),
        }
    } else if oid == EC_PUBLIC_KEY {
        let Some(p) = params else { return Err(DER) };
        if p.tag() != Tag::ObjectIdentifier {
            // Explicit curve parameters (a SEQUENCE) or implicitCA (NULL): never accepted.
            return Err(UNSUPPORTED);
        }
        let curve_oid: ObjectIdentifier = p.decode_as().map_err(der_err)?;
        let curve = if curve_oid == SECP256R1 {
            Curve::P256
        } else if curve_oid == SECP384R1 {
            Curve::P384
        } else if curve_oid == SECP521R1 {
            Curve::P521
        } else {
            return Err(UNSUPPORTED);
        };
        Ok(KeyMaterial::Ec(EcPublicKey::from_sec1(curve, key)?))
    } else if oid == ED25519 {
        if params.is_some() {
            return Err(DER);
        }
        Ok(KeyMaterial::Ed25519(Ed25519PublicKey::new(key)?))
    } else {
        Err(UNSUPPORTED)
    }
}

#[cfg(test)]
mod tests;
