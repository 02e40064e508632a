//! Public keys in PEM (RFC 7468): `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1) and
//! `CERTIFICATE` (its key only — read the caveat in [`crate::der`]).
//!
//! # PEM as people have it on disk
//!
//! Parsing follows RFC 7468's *lax* rules (§2, §3), because key files are pasted, edited on
//! Windows, and written by `openssl x509 -text`:
//! - **explanatory text** before, after and between blocks is ignored: any line that does not
//!   begin with `-----` (after optional spaces or tabs);
//! - a **UTF-8 BOM** at the start of the input is ignored;
//! - lines may end in **LF or CRLF**, carry **trailing spaces or tabs**, and have **any
//!   width** (64, 76, or irregular); **blank lines** and whitespace (space, tab, CR, LF, VT,
//!   FF) inside the base64 are ignored;
//! - the boundaries are exact: `-----BEGIN <label>-----` and `-----END <label>-----` on lines
//!   of their own (only whitespace around them), with the same label.
//!
//! What stays strict:
//! - **exactly one block** for a single key ([`decode`], [`parse`], [`KeyLoader::add_pem`](crate::KeyLoader::add_pem));
//!   bundles go through [`blocks`] / [`KeyLoader::add_pem_bundle`](crate::KeyLoader::add_pem_bundle), one key per block;
//! - a line outside a block that begins with `-----` but is not a `BEGIN` boundary (a stray
//!   `END`, a mangled boundary), and a block without its `END`, are [`Malformed::KeyFormat`]:
//!   such a file is damaged, not annotated;
//! - the base64 is the standard alphabet with `=` padding only at the very end, canonical
//!   (no stray bits), decoded in constant time with `base64ct`; anything else is
//!   [`Error::BadBase64`]`(`[`Part::Key`]`)`. RFC 1421 headers (`Proc-Type:`, used only by
//!   encrypted private keys) are [`Malformed::KeyFormat`];
//! - private key labels (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED
//!   PRIVATE KEY`, ...) are [`KeyProblem::PrivateMaterial`], before a byte of them is decoded;
//!   every other unknown label is [`Malformed::KeyFormat`];
//! - the DER inside is parsed strictly by [`crate::der`].
//!
//! The decoded DER goes into a caller buffer ([`PEM_SCRATCH_LEN`] bytes hold any accepted
//! PEM); no other buffer is used.
//!
//! # PEM or DER?
//!
//! [`is_pem`] tells a PEM text from a DER file by one rule: the input is PEM if a line begins
//! (after optional whitespace) with `-----BEGIN`; otherwise it is DER if its first byte is
//! `0x30` (every accepted DER key is a SEQUENCE); anything else is neither (parse it as PEM to
//! get [`Malformed::KeyFormat`]). A text file whose first line is prose is therefore never
//! read as DER.
//!
//! PEM carries no JWS algorithm, so the caller names it when binding the key
//! ([`KeyLoader::add_pem`](crate::KeyLoader::add_pem)).

use crate::der::{self, DerKind, MAX_DER_LEN};
use crate::error::{Error, KeyProblem, Limit, Malformed, Part};
use crate::json::{Parser, Value};
use crate::key::KeyMaterial;
use base64ct::Encoding as _;

/// Maximum length of one PEM document's text (and of a bundle of them, per block).
pub const MAX_PEM_LEN: usize = 8 * 1024;

/// Scratch bytes that hold the DER of any PEM document accepted ([`MAX_DER_LEN`]).
pub const PEM_SCRATCH_LEN: usize = MAX_DER_LEN;

/// Maximum length of a JSON list of PEM strings ([`KeyLoader::add_pem_list_json`](crate::KeyLoader::add_pem_list_json)).
pub const MAX_PEM_LIST_LEN: usize = 64 * 1024;

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";
const BOM: &[u8] = b"\xEF\xBB\xBF";
pub(crate) const FORMAT: Error = Error::Malformed(Malformed::KeyFormat);

/// Whether `input` is PEM text: a line of it begins, after optional whitespace, with
/// `-----BEGIN`. See the [module docs](self) for the PEM-or-DER rule.
///
/// ```
/// use tinyjwt_core::pem::is_pem;
/// assert!(is_pem(b"Certificate:\n    Data: ...\n-----BEGIN CERTIFICATE-----\n..."));
/// assert!(!is_pem(&[0x30, 0x2a, 0x30, 0x05]));
/// ```
pub fn is_pem(input: &[u8]) -> bool {
    lines(strip_bom(input)).any(|(_, line)| line.trim_ascii_start().starts_with(BEGIN))
}

/// Parses a key file that may be PEM or DER, telling them apart by the rule in the
/// [module docs](self): PEM if [`is_pem`], else DER if it starts with `0x30`, else
/// [`Malformed::KeyFormat`]. A text file is never reported as bad DER.
///
/// ```
/// use tinyjwt_core::pem::{self, PEM_SCRATCH_LEN};
/// use tinyjwt_core::{Error, Malformed};
/// let mut scratch = [0u8; PEM_SCRATCH_LEN];
/// let prose = b"Public-Key: (256 bit)\n    00:ff\n";
/// assert_eq!(pem::parse_pem_or_der(prose, &mut scratch), Err(Error::Malformed(Malformed::KeyFormat)));
/// ```
///
/// # Errors
/// As [`parse`] or [`der::parse`](der::parse()); [`Malformed::KeyFormat`] for neither.
pub fn parse_pem_or_der<'s>(
    input: &'s [u8],
    scratch: &'s mut [u8],
) -> Result<KeyMaterial<'s>, Error> {
    if is_pem(input) {
        parse(input, scratch)
    } else if input.first() == Some(&0x30) {
        der::parse(input)
    } else {
        Err(FORMAT)
    }
}

fn strip_bom(text: &[u8]) -> &[u8] {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// The lines of `text` with their start offsets (without the `\n`; a `\r` stays).
fn lines(text: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0usize;
    core::iter::from_fn(move || {
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let at = start;
        start += len + 1;
        Some((at, rest.get(..len)?))
    })
}

/// Decodes one PEM public key document into `scratch`, returning what it holds and its DER.
///
/// # Errors
/// [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` over [`MAX_PEM_LEN`] or when the DER does
/// not fit `scratch`; [`Malformed::KeyFormat`] for no block or more than one, a broken or
/// mismatched boundary, an unknown label, RFC 1421 headers; [`KeyProblem::PrivateMaterial`]
/// for a private key label; [`KeyProblem::Empty`] for a block without base64;
/// [`Error::BadBase64`]`(`[`Part::Key`]`)` for a bad body.
pub fn decode<'s>(pem: &[u8], scratch: &'s mut [u8]) -> Result<(DerKind, &'s [u8]), Error> {
    let (start, end) = only_block(pem)?;
    let mut io = Split {
        text: pem,
        out: scratch,
    };
    let (kind, len) = decode_block(&mut io, start, end)?;
    Ok((kind, scratch.get(..len).ok_or(Error::BadBase64(Part::Key))?))
}

/// [`decode`] for a document held in `buf[..len]`, writing the DER over the text from the
/// start of `buf`: one buffer of [`MAX_PEM_LEN`] bytes instead of the text's plus a
/// [`PEM_SCRATCH_LEN`] scratch. Why it is sound: the DER of a quantum (3 bytes) is written
/// only after its 4 characters were read, and the `-----BEGIN` line (at least 11 bytes)
/// precedes the first of them, so the write position stays behind the read position.
fn decode_in_place(buf: &mut [u8], len: usize) -> Result<(DerKind, &[u8]), Error> {
    let (start, end) = only_block(buf.get(..len).ok_or(Error::TooLarge(Limit::KeyMaterial))?)?;
    let mut io = InPlace { buf: &mut *buf };
    let (kind, der_len) = decode_block(&mut io, start, end)?;
    Ok((kind, buf.get(..der_len).ok_or(Error::BadBase64(Part::Key))?))
}

/// The offsets of the one block of `pem` (explanatory text around it allowed), as [`decode`]
/// requires.
fn only_block(pem: &[u8]) -> Result<(usize, usize), Error> {
    if pem.len() > MAX_PEM_LEN {
        return Err(Error::TooLarge(Limit::KeyMaterial));
    }
    let text = strip_bom(pem);
    let bom = pem.len() - text.len();
    let (start, end, after) = next_block(text).unwrap_or(Err(FORMAT))?;
    // Exactly one block: a second one, or a damaged boundary after the first, is an error.
    if next_block(text.get(after..).unwrap_or_default()).is_some() {
        return Err(FORMAT);
    }
    Ok((bom + start, bom + end))
}

/// Where a block is read from and where its DER goes.
trait BlockIo {
    /// The text holding the block.
    fn text(&self) -> &[u8];
    /// The buffer the DER is written to, from its start.
    fn out(&mut self) -> &mut [u8];
}

/// The text and the DER in separate buffers ([`decode`]).
struct Split<'t, 's> {
    text: &'t [u8],
    out: &'s mut [u8],
}

impl BlockIo for Split<'_, '_> {
    fn text(&self) -> &[u8] {
        self.text
    }
    fn out(&mut self) -> &mut [u8] {
        self.out
    }
}

/// The text and the DER in one buffer ([`decode_in_place`]).
struct InPlace<'b> {
    buf: &'b mut [u8],
}

impl BlockIo for InPlace<'_> {
    fn text(&self) -> &[u8] {
        self.buf
    }
    fn out(&mut self) -> &mut [u8] {
        self.buf
    }
}

/// The label text of each kind, for the `END` line's check.
fn label_of(kind: DerKind) -> &'static [u8] {
    match kind {
        DerKind::Spki => b"PUBLIC KEY",
        DerKind::Pkcs1 => b"RSA PUBLIC KEY",
        DerKind::Certificate => b"CERTIFICATE",
    }
}

/// Decodes one block, `text[start..end]` from its `-----BEGIN` through the dashes closing its
/// `-----END` line (as [`next_block`] finds it); returns its kind and the DER's length in `out`.
/// Lines are found by offset and each character is read just before its quantum is written,
/// which is what lets [`InPlace`] share one buffer.
fn decode_block<I: BlockIo>(
    io: &mut I,
    start: usize,
    end: usize,
) -> Result<(DerKind, usize), Error> {
    let (kind, first_len) = {
        let block = io.text().get(start..end).ok_or(FORMAT)?;
        let (_, first) = lines(block).next().ok_or(FORMAT)?;
        let kind = match boundary(first, BEGIN).ok_or(FORMAT)? {
            b"PUBLIC KEY" => DerKind::Spki,
            b"RSA PUBLIC KEY" => DerKind::Pkcs1,
            b"CERTIFICATE" => DerKind::Certificate,
            l if l.ends_with(b"PRIVATE KEY") => {
                return Err(Error::InvalidKey(KeyProblem::PrivateMaterial));
            }
            _ => return Err(FORMAT),
        };
        (kind, first.len())
    };
    let mut body = Base64Body::new();
    let mut at = start + first_len + 1;
    let mut ended = false;
    while at < end {
        // The next line's trimmed bounds, found with a short borrow of the text.
        let (t_start, t_end, next) = {
            let rest = io.text().get(at..end).ok_or(FORMAT)?;
            let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let line = rest.get(..len).ok_or(FORMAT)?;
            let t = line.trim_ascii();
            if t.starts_with(DASHES) {
                // `next_block` ends the block at its first `-----` line: the END boundary.
                if boundary(t, END) != Some(label_of(kind)) {
                    return Err(FORMAT);
                }
                ended = true;
                break;
            }
            if t.contains(&b':') {
                return Err(FORMAT); // an RFC 1421 header
            }
            let lead = line.len() - line.trim_ascii_start().len();
            (at + lead, at + lead + t.len(), at + len + 1)
        };
        for i in t_start..t_end {
            let c = io.text().get(i).copied().ok_or(FORMAT)?;
            body.push(c, io.out())?;
        }
        at = next;
    }
    if !ended {
        return Err(FORMAT);
    }
    Ok((kind, body.finish()?))
}

/// The label of a boundary line `-----BEGIN <label>-----` (or `END`), surrounding whitespace
/// allowed; `None` if the line is not exactly that.
fn boundary<'l>(line: &'l [u8], kind: &[u8]) -> Option<&'l [u8]> {
    let label = line.trim_ascii().strip_prefix(kind)?.strip_suffix(DASHES)?;
    // RFC 7468 §2: a label has no hyphen at either end and no runs of spaces; ours are fixed
    // strings anyway, so only refuse what would make the boundary itself ambiguous.
    (!label.is_empty() && !label.starts_with(b"-") && !label.ends_with(b"-")).then_some(label)
}

/// Streams base64 text (whitespace ignored) into an output buffer, four characters at a time,
/// so no copy of the text is needed. Each quantum is decoded by `base64ct` in constant time.
struct Base64Body {
    len: usize,
    quad: [u8; 4],
    filled: usize,
    /// A quantum with `=` padding was decoded: nothing may follow.
    done: bool,
}

impl Base64Body {
    fn new() -> Self {
        Self {
            len: 0,
            quad: [0; 4],
            filled: 0,
            done: false,
        }
    }

    /// Takes one character; a completed quantum's bytes go to `out` at the running length.
    fn push(&mut self, c: u8, out: &mut [u8]) -> Result<(), Error> {
        const BAD: Error = Error::BadBase64(Part::Key);
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c) {
            return Ok(());
        }
        if self.done {
            return Err(BAD);
        }
        *self.quad.get_mut(self.filled).ok_or(BAD)? = c;
        self.filled += 1;
        if self.filled == 4 {
            self.filled = 0;
            let mut three = [0u8; 3];
            let bytes = base64ct::Base64::decode(self.quad, &mut three).map_err(|_| BAD)?;
            self.done = bytes.len() < 3;
            let dst = out
                .get_mut(self.len..self.len + bytes.len())
                .ok_or(Error::TooLarge(Limit::KeyMaterial))?;
            dst.copy_from_slice(bytes);
            self.len += bytes.len();
        }
        Ok(())
    }

    /// The DER's length, once the text has ended on a whole quantum.
    fn finish(self) -> Result<usize, Error> {
        if self.filled != 0 {
            return Err(Error::BadBase64(Part::Key));
        }
        if self.len == 0 {
            return Err(Error::InvalidKey(KeyProblem::Empty));
        }
        Ok(self.len)
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
/// // The same key as a person may have it: a BOM, a note, CRLF, odd widths, trailing blanks.
/// let edited = b"\xEF\xBB\xBFour signing key (RFC 8410)\r\n\
///                -----BEGIN PUBLIC KEY-----  \r\n\
///                MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7\t\r\n\r\n\
///                lshQhqowtrbLDFw4rXAxZuE=\r\n\
///                -----END PUBLIC KEY-----\r\nrotated 2026-01\r\n";
/// assert_eq!(pem::parse(edited, &mut [0u8; PEM_SCRATCH_LEN])?, pem::parse(ed, &mut scratch)?);
/// let private = b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
/// assert_eq!(pem::parse(private, &mut scratch), Err(Error::InvalidKey(KeyProblem::PrivateMaterial)));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// As [`decode`], [`der::spki`](der::spki()), [`der::pkcs1`](der::pkcs1()) and [`der::certificate`].
pub fn parse<'s>(pem: &[u8], scratch: &'s mut [u8]) -> Result<KeyMaterial<'s>, Error> {
    let (kind, der) = decode(pem, scratch)?;
    material(kind, der)
}

/// The key in a decoded block's DER.
fn material(kind: DerKind, der: &[u8]) -> Result<KeyMaterial<'_>, Error> {
    match kind {
        DerKind::Spki => der::spki(der),
        DerKind::Pkcs1 => der::pkcs1(der),
        DerKind::Certificate => der::certificate(der),
    }
}

/// The PEM blocks of a text (several documents one after the other, as in a `.pem` file
/// with a key per rotation, perhaps with explanatory text around them). Each item is one
/// block's text, from `-----BEGIN` through the dashes that close its `-----END` line.
/// Explanatory text is skipped; a stray boundary line or a block without its `END` line is an
/// error and ends the iteration. The blocks' contents are checked by [`decode`].
pub fn blocks(text: &[u8]) -> Blocks<'_> {
    Blocks {
        rest: Some(strip_bom(text)),
    }
}

/// Iterator returned by [`blocks`].
#[derive(Debug, Clone)]
pub struct Blocks<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Result<&'a [u8], Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.rest?;
        let r = next_block(text);
        match r {
            Some(Ok((start, end, after))) => {
                self.rest = text.get(after..);
                Some(text.get(start..end).ok_or(FORMAT))
            }
            Some(Err(e)) => {
                self.rest = None;
                Some(Err(e))
            }
            None => {
                self.rest = None;
                None
            }
        }
    }
}

/// Finds the next block of `text`: the block's start and end offsets (from `-----BEGIN`
/// through the dashes closing its END line) and the offset just after its END line.
fn next_block(text: &[u8]) -> Option<Result<(usize, usize, usize), Error>> {
    let mut ls = lines(text);
    let start = loop {
        let (at, line) = ls.next()?;
        let t = line.trim_ascii_start();
        if t.starts_with(BEGIN) {
            break at + (line.len() - t.len());
        }
        if t.starts_with(DASHES) {
            return Some(Err(FORMAT)); // a stray or mangled boundary: the file is damaged
        }
    };
    // The first `-----` line after BEGIN must be its END boundary.
    for (at, line) in ls {
        let t = line.trim_ascii_start();
        if !t.starts_with(DASHES) {
            continue;
        }
        if !t.starts_with(END) {
            return Some(Err(FORMAT));
        }
        let lead = line.len() - t.len();
        // The block ends with the dashes closing the label; only whitespace may follow.
        let label_at = at + lead + END.len();
        let line_end = at + line.len();
        let Some(rest) = text.get(label_at..line_end) else {
            return Some(Err(FORMAT));
        };
        let Some(d) = rest.windows(DASHES.len()).position(|w| w == DASHES) else {
            return Some(Err(FORMAT));
        };
        let end = label_at + d + DASHES.len();
        let Some(after) = text.get(end..line_end) else {
            return Some(Err(FORMAT));
        };
        if !after.trim_ascii().is_empty() {
            return Some(Err(FORMAT));
        }
        return Some(Ok((start, end, line_end)));
    }
    Some(Err(FORMAT)) // no END line
}

/// Calls `f` with each PEM text of a JSON array of PEM strings (`["-----BEGIN PUBLIC
/// KEY-----\n...", ...]`, the shape Trello publishes its rotating 4096-bit keys in), in
/// order; returns how many there were.
///
/// The JSON is parsed strictly; each string is unescaped (`\n`, `\/`, ...) into a stack
/// buffer of [`MAX_PEM_LEN`] bytes before `f` sees it. An error from `f` stops the walk and is
/// returned.
///
/// # Errors
/// [`Error::TooLarge`]`(`[`Limit::KeyMaterial`]`)` for input over [`MAX_PEM_LIST_LEN`] or
/// a string over [`MAX_PEM_LEN`]; JSON errors ([`Part::Key`]); [`KeyProblem::Encoding`] when
/// it is not an array of strings; [`Malformed::KeyFormat`] for an empty array.
pub fn for_each_in_list(
    json: &[u8],
    mut f: impl FnMut(&[u8]) -> Result<(), Error>,
) -> Result<usize, Error> {
    walk_list(json, |text, len| {
        f(text.get(..len).ok_or(Error::TooLarge(Limit::KeyMaterial))?)
    })
}

/// [`for_each_in_list`] with each entry decoded and parsed as by [`parse`]: `f` gets each key.
///
/// Why it exists: it needs one stack buffer of [`MAX_PEM_LEN`] bytes, where
/// `for_each_in_list` plus [`parse`] need that and a [`PEM_SCRATCH_LEN`] scratch. Each entry
/// is unescaped into the buffer and its DER decoded over the text in place (the write position
/// stays behind the read position), which is what a board with 64 KiB of RAM loading Trello's
/// list wants. The rules are [`parse`]'s, entry by entry.
///
/// ```
/// use tinyjwt_core::pem;
/// use tinyjwt_core::KeyMaterial;
/// let list = br#"["-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"]"#;
/// let mut kinds = 0;
/// let n = pem::for_each_key_in_list(list, |key| {
///     kinds += usize::from(matches!(key, KeyMaterial::Ed25519(_)));
///     Ok(())
/// })?;
/// assert_eq!((n, kinds), (1, 1));
/// # Ok::<(), tinyjwt_core::Error>(())
/// ```
///
/// # Errors
/// As [`for_each_in_list`] and [`parse`].
pub fn for_each_key_in_list(
    json: &[u8],
    mut f: impl FnMut(KeyMaterial<'_>) -> Result<(), Error>,
) -> Result<usize, Error> {
    walk_list(json, |text, len| {
        let (kind, der) = decode_in_place(text, len)?;
        f(material(kind, der)?)
    })
}

/// The JSON walk of both list readers: each string unescaped into one [`MAX_PEM_LEN`]
/// buffer, handed to `f` with its length.
fn walk_list(
    json: &[u8],
    mut f: impl FnMut(&mut [u8], usize) -> Result<(), Error>,
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
        let len = s
            .unescape_into(&mut text)
            .map_err(|_| Error::TooLarge(Limit::KeyMaterial))?
            .len();
        f(&mut text, len)?;
        count += 1;
    }
    p.finish()?;
    if count == 0 {
        return Err(FORMAT);
    }
    Ok(count)
}

#[cfg(test)]
mod tests;
