//! Public keys in PEM (RFC 7468): `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1) and
//! `CERTIFICATE` (its key only — read the caveat in [`crate::der`]).
//!
//! Decoding uses `pem-rfc7468` with default features off (no `alloc`): RFC 7468's strict
//! grammar, base64 in constant time, `BEGIN` and `END` labels that match, no RFC 1421 headers
//! (`Proc-Type:`, which only encrypted private keys use). On top of that this module refuses:
//! - anything but whitespace before `-----BEGIN` or after the `-----END ...-----` line (RFC 7468
//!   tolerates "explanatory text"; a key file is not the place for it);
//! - private key labels (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED
//!   PRIVATE KEY`, ...) with [`KeyProblem::PrivateMaterial`], before decoding a byte of them;
//! - every other label, with [`Malformed::KeyFormat`].
//!
//! Lines must all have the width of the first (64 for OpenSSL and most tools), the last one
//! shorter. The decoded DER goes into a caller buffer ([`PEM_SCRATCH_LEN`] bytes hold any
//! accepted PEM) and is then parsed strictly by [`crate::der`].
//!
//! PEM carries no JWS algorithm, so the caller names it when binding the key
//! ([`Verifier::add_pem`]).

use crate::alg::Algorithm;
use crate::backend::SignatureBackend;
use crate::der::{self, DerKind, MAX_DER_LEN};
use crate::error::{Error, KeyProblem, Limit, Malformed, Part};
use crate::json::{Parser, Value};
use crate::key::{BoundKey, KeyMaterial, Strength};
use crate::verify::Verifier;

/// Maximum length of one PEM document's text (and of a bundle of them, per block).
pub const MAX_PEM_LEN: usize = 8 * 1024;

/// Scratch bytes that hold the DER of any PEM document accepted ([`MAX_DER_LEN`]).
pub const PEM_SCRATCH_LEN: usize = MAX_DER_LEN;

/// Maximum length of a JSON list of PEM strings ([`Verifier::add_pem_list_json`]).
pub const MAX_PEM_LIST_LEN: usize = 64 * 1024;

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";
const FORMAT: Error = Error::Malformed(Malformed::KeyFormat);

/// Decodes one PEM public key document into `scratch`, returning what it holds and its DER.
///
/// # Errors
/// [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` over [`MAX_PEM_LEN`] or when the DER does
/// not fit `scratch`; [`Malformed::KeyFormat`] for bad armour, an unknown label, headers or
/// text around the block; [`KeyProblem::PrivateMaterial`] for a private key label;
/// [`Error::BadBase64`]`(`[`Part::Key`]`)` for a bad body.
pub fn decode<'s>(pem: &[u8], scratch: &'s mut [u8]) -> Result<(DerKind, &'s [u8]), Error> {
    if pem.len() > MAX_PEM_LEN {
        return Err(Error::TooLarge(Limit::KeyMaterial));
    }
    // Exactly one block, with nothing but whitespace around it.
    let mut all = blocks(pem);
    let pem = all.next().unwrap_or(Err(FORMAT))?;
    if all.next().is_some() {
        return Err(FORMAT);
    }
    let label = pem_rfc7468::decode_label(pem).map_err(pem_err)?;
    let kind = match label {
        "PUBLIC KEY" => DerKind::Spki,
        "RSA PUBLIC KEY" => DerKind::Pkcs1,
        "CERTIFICATE" => DerKind::Certificate,
        l if l.ends_with("PRIVATE KEY") => {
            return Err(Error::InvalidKey(KeyProblem::PrivateMaterial));
        }
        _ => return Err(FORMAT),
    };
    let mut decoder = pem_rfc7468::Decoder::new_detect_wrap(pem).map_err(pem_err)?;
    let out = scratch
        .get_mut(..decoder.remaining_len())
        .ok_or(Error::TooLarge(Limit::KeyMaterial))?;
    let der = decoder.decode(out).map_err(pem_err)?;
    if !decoder.is_finished() {
        return Err(FORMAT);
    }
    Ok((kind, der))
}

fn pem_err(e: pem_rfc7468::Error) -> Error {
    match e {
        pem_rfc7468::Error::Base64(_) => Error::BadBase64(Part::Key),
        _ => FORMAT,
    }
}

/// Decodes and parses one PEM public key (see [`decode`] and [`crate::der`]).
///
/// ```
/// use tinyjwt_core::pem::{self, PEM_SCRATCH_LEN};
/// use tinyjwt_core::{Error, KeyMaterial, KeyProblem};
/// let ed = b"-----BEGIN PUBLIC KEY-----\n\
///            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
///            -----END PUBLIC KEY-----\n";
/// let mut scratch = [0u8; PEM_SCRATCH_LEN];
/// assert!(matches!(pem::parse(ed, &mut scratch)?, KeyMaterial::Ed25519(_)));
/// let private = b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
/// assert_eq!(pem::parse(private, &mut scratch), Err(Error::InvalidKey(KeyProblem::PrivateMaterial)));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// As [`decode`], [`der::spki`](der::spki()), [`der::pkcs1`](der::pkcs1()) and [`der::certificate`].
pub fn parse<'s>(pem: &[u8], scratch: &'s mut [u8]) -> Result<KeyMaterial<'s>, Error> {
    let (kind, der) = decode(pem, scratch)?;
    match kind {
        DerKind::Spki => der::spki(der),
        DerKind::Pkcs1 => der::pkcs1(der),
        DerKind::Certificate => der::certificate(der),
    }
}

/// The PEM blocks of a bundle (several documents one after the other, as in a `.pem` file
/// with a key per rotation). Each item is one block's text, from `-----BEGIN` through its
/// `-----END ...-----` line; anything but whitespace between blocks is an error (and ends the
/// iteration). The blocks themselves are checked by [`decode`].
pub fn blocks(text: &[u8]) -> Blocks<'_> {
    Blocks { rest: Some(text) }
}

/// Iterator returned by [`blocks`].
#[derive(Debug, Clone)]
pub struct Blocks<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Result<&'a [u8], Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.rest?.trim_ascii_start();
        if text.is_empty() {
            self.rest = None;
            return None;
        }
        let block_end = if text.starts_with(BEGIN) {
            find(text, END).and_then(|end| {
                let label_start = end + END.len();
                let tail = text.get(label_start..)?;
                find(tail, DASHES).map(|d| label_start + d + DASHES.len())
            })
        } else {
            None
        };
        match block_end.and_then(|e| text.split_at_checked(e)) {
            Some((block, rest)) => {
                self.rest = Some(rest);
                Some(Ok(block))
            }
            None => {
                self.rest = None;
                Some(Err(FORMAT))
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl<'p, B: SignatureBackend, const K: usize> Verifier<'p, B, K> {
    /// Adds a PEM public key (`PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE` — for the last,
    /// read the caveat in [`crate::der`]: nothing but the key is used or checked), bound to
    /// `alg`, which the caller must name: PEM carries no JWS algorithm. Uses
    /// [`PEM_SCRATCH_LEN`] bytes of stack.
    ///
    /// ```
    /// # use tinyjwt_core::{BoundKey, Error, SignatureBackend};
    /// # struct AcceptAll;
    /// # impl SignatureBackend for AcceptAll {
    /// #     type Key = ();
    /// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
    /// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), Error> { Ok(()) }
    /// # }
    /// use tinyjwt_core::{Algorithm, Policy, Strength, Verifier};
    /// let pem = b"-----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
    /// -----END PUBLIC KEY-----
    /// ";
    /// let mut verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
    /// verifier.add_pem(pem, Algorithm::EdDSA, Some("ed-1"), Strength::Enforce)?;
    /// // The same key can never serve an HMAC algorithm, whatever bytes it is made of.
    /// assert_eq!(
    ///     verifier.add_pem(pem, Algorithm::HS256, None, Strength::AllowWeak).err(),
    ///     Some(Error::KeyMismatch)
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`pem::parse`](parse), [`BoundKey::new`] and [`Verifier::add_key`].
    pub fn add_pem(
        &mut self,
        pem: &[u8],
        alg: Algorithm,
        kid: Option<&str>,
        strength: Strength,
    ) -> Result<&mut Self, Error> {
        let mut scratch = [0u8; PEM_SCRATCH_LEN];
        let material = parse(pem, &mut scratch)?;
        self.add_key(&BoundKey::new(alg, material, strength)?, kid)
    }

    /// Adds every key of a PEM bundle (blocks one after the other, see [`blocks`]), each
    /// bound to `alg`, without `kid`; returns how many were added. All-or-nothing. A token
    /// without `kid` is tried against each in order — how a verifier rides out rotation.
    ///
    /// # Errors
    /// As [`add_pem`](Self::add_pem) for each block, [`Malformed::KeyFormat`] for text
    /// between blocks or an empty bundle.
    pub fn add_pem_bundle(
        &mut self,
        text: &[u8],
        alg: Algorithm,
        strength: Strength,
    ) -> Result<usize, Error> {
        let before = self.key_count();
        let r = self.add_pem_bundle_inner(text, alg, strength);
        if r.is_err() {
            self.truncate_keys(before);
        }
        r
    }

    fn add_pem_bundle_inner(
        &mut self,
        text: &[u8],
        alg: Algorithm,
        strength: Strength,
    ) -> Result<usize, Error> {
        let mut count = 0usize;
        for block in blocks(text) {
            self.add_pem(block?, alg, None, strength)?;
            count += 1;
        }
        if count == 0 {
            return Err(FORMAT);
        }
        Ok(count)
    }

    /// Adds every key of a JSON array of PEM strings (`["-----BEGIN PUBLIC KEY-----\n...",
    /// ...]`, the shape Trello publishes its rotating 4096-bit keys in), each bound to `alg`,
    /// without `kid`; returns how many were added. All-or-nothing.
    ///
    /// The JSON is parsed strictly; each string is unescaped (`\n`, `\/`, ...) into a stack
    /// buffer of [`MAX_PEM_LEN`] bytes, then decoded like [`add_pem`](Self::add_pem), using
    /// [`PEM_SCRATCH_LEN`] more.
    ///
    /// # Errors
    /// [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` for input over [`MAX_PEM_LIST_LEN`] or
    /// a string over [`MAX_PEM_LEN`]; JSON errors ([`Part::Key`]);
    /// [`KeyProblem::Encoding`] when it is not an array of strings; [`Malformed::KeyFormat`]
    /// for an empty array; as [`add_pem`](Self::add_pem) for each entry.
    pub fn add_pem_list_json(
        &mut self,
        json: &[u8],
        alg: Algorithm,
        strength: Strength,
    ) -> Result<usize, Error> {
        let before = self.key_count();
        let r = self.add_pem_list_inner(json, alg, strength);
        if r.is_err() {
            self.truncate_keys(before);
        }
        r
    }

    fn add_pem_list_inner(
        &mut self,
        json: &[u8],
        alg: Algorithm,
        strength: Strength,
    ) -> Result<usize, Error> {
        if json.len() > MAX_PEM_LIST_LEN {
            return Err(Error::TooLarge(Limit::KeyMaterial));
        }
        let mut p: Parser<'_> = Parser::new(json, Part::Key)?;
        if p.value()? != Value::ArrayStart {
            return Err(Error::InvalidKey(KeyProblem::Encoding));
        }
        let mut text = [0u8; MAX_PEM_LEN];
        let mut count = 0usize;
        while let Some(v) = p.next_element()? {
            let Value::String(s) = v else {
                return Err(Error::InvalidKey(KeyProblem::Encoding));
            };
            let pem = s
                .unescape_into(&mut text)
                .map_err(|_| Error::TooLarge(Limit::KeyMaterial))?;
            self.add_pem(pem.as_bytes(), alg, None, strength)?;
            count += 1;
        }
        p.finish()?;
        if count == 0 {
            return Err(FORMAT);
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests;
