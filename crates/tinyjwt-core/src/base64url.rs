//! Strict RFC 7515 §2 base64url decoding.
//!
//! JWS segments are base64url *without padding* (RFC 7515 §2, RFC 4648 §5). This module accepts
//! exactly the canonical encodings and nothing else:
//!
//! - the alphabet is `A-Z a-z 0-9 - _`; padding `=`, whitespace, `+`, `/`, and every other byte
//!   (including non-ASCII) is rejected, wherever it appears;
//! - an input whose length is `1` modulo 4 cannot be produced by any encoder and is rejected;
//! - the unused low bits of the last character of a 2- or 3-character tail must be zero, so
//!   every byte string has exactly one accepted encoding (`"QQ"` decodes to `[0x41]`, `"QR"` is
//!   rejected);
//! - the empty input decodes to the empty output.
//!
//! Two decoders with *identical* acceptance rules are provided:
//!
//! - [`decode`] — the fast one, for token segments (header, payload, signature). These are public
//!   data, so its running time may depend on the input's content: it is **not constant-time**.
//! - [`decode_ct`] — a thin wrapper over [`base64ct`]'s `Base64UrlUnpadded`, whose running time
//!   does not depend on the content of the input (only on its length). Use it for secrets, such
//!   as the `k` of an HMAC JWK.
//!
//! Both write into a caller-provided buffer and never allocate. Size the buffer with
//! [`decoded_len`]; on an error the contents of the buffer are unspecified.

use core::fmt;

/// Length of the decoded output for an encoded length, or `None` if the length is impossible
/// (`encoded_len % 4 == 1`).
///
/// ```
/// use tinyjwt_core::base64url::decoded_len;
/// assert_eq!(decoded_len(0), Some(0));
/// assert_eq!(decoded_len(2), Some(1));
/// assert_eq!(decoded_len(3), Some(2));
/// assert_eq!(decoded_len(4), Some(3));
/// assert_eq!(decoded_len(5), None);
/// assert_eq!(decoded_len(43), Some(32)); // an HS256 signature
/// ```
pub const fn decoded_len(encoded_len: usize) -> Option<usize> {
    // `encoded_len / 4 * 3` is at most `3/4 * usize::MAX`: no overflow.
    let full = encoded_len / 4 * 3;
    match encoded_len % 4 {
        0 => Some(full),
        2 => Some(full + 1),
        3 => Some(full + 2),
        _ => None,
    }
}

/// Why a decode failed.
///
/// Callers map [`DecodeError::Invalid`] to `Error::BadBase64(part)` and
/// [`DecodeError::OutputTooSmall`] to the capacity error of the buffer they passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The input is not strict base64url: a byte outside the alphabet (padding, whitespace, `+`,
    /// `/`, non-ASCII ...), an impossible length (`len % 4 == 1`), or non-zero unused bits in the
    /// last character.
    Invalid,
    /// The output buffer is shorter than [`decoded_len`] of the input.
    ///
    /// This is decided from the lengths alone, before the content is looked at (only an
    /// impossible length is reported first, as [`DecodeError::Invalid`]), so an oversized input
    /// is refused without being scanned, whatever it contains.
    OutputTooSmall,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::Invalid => {
                "not strict base64url (no padding, no whitespace, canonical trailing bits)"
            }
            DecodeError::OutputTooSmall => "the decoded data does not fit in the buffer",
        })
    }
}

/// Marks a byte outside the alphabet. Valid entries are below `1 << 24`, so after OR-ing the
/// entries of a whole input, a non-zero top byte means at least one byte was invalid.
const INVALID: u32 = 0xFF00_0000;

/// The 6-bit value of an alphabet byte, or `None`.
const fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// A lookup table giving each byte's sextet already shifted into place for position `shift` of a
/// 24-bit group, or [`INVALID`].
#[cfg(any(test, target_pointer_width = "64"))]
#[expect(
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    reason = "i < 256: a valid index and a byte value; a const fn, so any panic would be a build error"
)]
const fn table(shift: u32) -> [u32; 256] {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(v) = sextet(i as u8) {
            t[i] = (v as u32) << shift;
        }
        i += 1;
    }
    t
}

// One table per position in a 4-character group (4 × 1 KiB): the decode of a group is four loads
// and three ORs, with no shifts and no per-character branch. On 64-bit hosts only: on
// microcontrollers and wasm32, where 4 KiB is a quarter of an HS256 verifier's flash, `group`
// uses `SEXTETS` (256 bytes) and three shifts instead.
#[cfg(any(test, target_pointer_width = "64"))]
static T0: [u32; 256] = table(18);
#[cfg(any(test, target_pointer_width = "64"))]
static T1: [u32; 256] = table(12);
#[cfg(any(test, target_pointer_width = "64"))]
static T2: [u32; 256] = table(6);
#[cfg(any(test, target_pointer_width = "64"))]
static T3: [u32; 256] = table(0);

/// Each byte's sextet, or `0xFF` if it is not in the alphabet (the compact table).
#[cfg(any(test, not(target_pointer_width = "64")))]
static SEXTETS: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut i = 0;
    while i < 256 {
        #[expect(
            clippy::indexing_slicing,
            clippy::cast_possible_truncation,
            reason = "i < 256: a valid index and a byte value; a const, so any panic would be a build error"
        )]
        if let Some(v) = sextet(i as u8) {
            t[i] = v;
        }
        i += 1;
    }
    t
};

/// Decodes one 4-character group into the low 24 bits (top byte non-zero if invalid).
#[inline(always)]
fn group(a: u8, b: u8, c: u8, d: u8) -> u32 {
    #[cfg(target_pointer_width = "64")]
    {
        group_wide(a, b, c, d)
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        group_compact(a, b, c, d)
    }
}

/// [`group`] with the four shifted tables.
#[cfg(any(test, target_pointer_width = "64"))]
#[inline(always)]
#[expect(
    clippy::indexing_slicing,
    reason = "a u8 always indexes a 256-entry table"
)]
fn group_wide(a: u8, b: u8, c: u8, d: u8) -> u32 {
    T0[usize::from(a)] | T1[usize::from(b)] | T2[usize::from(c)] | T3[usize::from(d)]
}

/// [`group`] with the one sextet table: an invalid byte's `0xFF` sets bit 7 of the OR of the
/// four, which becomes [`INVALID`]'s top byte.
#[cfg(any(test, not(target_pointer_width = "64")))]
#[inline(always)]
#[expect(
    clippy::indexing_slicing,
    reason = "a u8 always indexes a 256-entry table"
)]
fn group_compact(a: u8, b: u8, c: u8, d: u8) -> u32 {
    let (a, b, c, d) = (
        SEXTETS[usize::from(a)],
        SEXTETS[usize::from(b)],
        SEXTETS[usize::from(c)],
        SEXTETS[usize::from(d)],
    );
    let bad = u32::from((a | b | c | d) >> 7) * INVALID;
    bad | u32::from(a & 0x3f) << 18
        | u32::from(b & 0x3f) << 12
        | u32::from(c & 0x3f) << 6
        | u32::from(d & 0x3f)
}

/// Decodes strict base64url `input` into the start of `out` and returns the filled prefix.
///
/// Accepts exactly the encodings described in the [module documentation](self). **Not
/// constant-time**: meant for token segments, which are public data; use [`decode_ct`] for
/// secrets.
///
/// # Errors
/// - [`DecodeError::Invalid`] if `input` is not strict base64url.
/// - [`DecodeError::OutputTooSmall`] if `out` is shorter than [`decoded_len`]`(input.len())`.
///   Callers are expected to check capacity first (and report their own capacity error); this
///   variant is the decoder's guard, never a silent truncation.
///
/// On an error the contents of `out` are unspecified (it may have been partly written).
///
/// ```
/// use tinyjwt_core::base64url::{decode, DecodeError};
/// let mut buf = [0u8; 16];
/// assert_eq!(decode(b"eyJhbGciOiJIUzI1NiJ9", &mut buf), Ok(&br#"{"alg":"HS256"}"#[..]));
/// assert_eq!(decode(b"QQ", &mut buf), Ok(&b"A"[..]));
/// assert_eq!(decode(b"QR", &mut buf), Err(DecodeError::Invalid)); // non-canonical
/// assert_eq!(decode(b"QQ==", &mut buf), Err(DecodeError::Invalid)); // padding
/// assert_eq!(decode(b"QUJD", &mut [0u8; 2]), Err(DecodeError::OutputTooSmall));
/// ```
pub fn decode<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], DecodeError> {
    #[cfg(feature = "simd")]
    {
        let out = exact_out(input, out)?;
        // `out` is exactly the decoded length, which `base64-simd` asserts: that panic
        // cannot be reached. Its alphabet and its canonical-tail rule (unused bits of the
        // last character must be zero) are this module's; the tests compare the two.
        base64_simd::URL_SAFE_NO_PAD
            .decode(input, base64_simd::Out::from_slice(out))
            .map(|o| &*o)
            .map_err(|_| DecodeError::Invalid)
    }
    #[cfg(not(feature = "simd"))]
    decode_portable(input, out)
}

/// The prefix of `out` that `input` decodes into, or the error for its length.
#[inline(always)]
fn exact_out<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o mut [u8], DecodeError> {
    let len = decoded_len(input.len()).ok_or(DecodeError::Invalid)?;
    out.get_mut(..len).ok_or(DecodeError::OutputTooSmall)
}

/// [`decode`] without SIMD: what it is unless the `simd` feature is on, and the reference the
/// SIMD decoder is tested against.
#[cfg_attr(feature = "simd", allow(dead_code))]
#[inline]
fn decode_portable<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], DecodeError> {
    let out = exact_out(input, out)?;

    // OR of every group decoded: its top byte is non-zero iff some byte was outside the alphabet.
    // Checked once at the end; valid input is the case worth making fast.
    let mut acc = 0u32;

    // Main loop: 8 characters → 6 bytes. With `len` exact, both iterators yield the same number
    // of chunks (a remainder of r < 8 characters decodes to fewer than 6 bytes).
    let mut src = input.chunks_exact(8);
    let mut dst = out.chunks_exact_mut(6);
    for (s, d) in (&mut src).zip(&mut dst) {
        if let &[a, b, c, e, f, g, h, i] = s {
            let x = group(a, b, c, e);
            let y = group(f, g, h, i);
            acc |= x | y;
            let both = (u64::from(x) << 24) | u64::from(y);
            let [_, _, bytes @ ..] = both.to_be_bytes();
            d.copy_from_slice(&bytes);
        }
    }

    // At most one more whole group (remainder of 4, 6 or 7 characters).
    let (src, dst) = match (src.remainder(), dst.into_remainder()) {
        (&[a, b, c, e, ref s @ ..], [d0, d1, d2, d @ ..]) => {
            let x = group(a, b, c, e);
            acc |= x;
            let [_, b0, b1, b2] = x.to_be_bytes();
            (*d0, *d1, *d2) = (b0, b1, b2);
            (s, d)
        }
        (s, d) => (s, d),
    };

    // The 0-, 2- or 3-character tail. `unused` holds the bits of the last character that do not
    // reach the output; they must be zero (canonical encoding).
    let unused = match (src, dst) {
        ([], []) => 0,
        (&[a, b], [d0]) => {
            let x = group(a, b, b'A', b'A');
            acc |= x;
            let [_, b0, _, _] = x.to_be_bytes();
            *d0 = b0;
            x & 0xFFFF
        }
        (&[a, b, c], [d0, d1]) => {
            let x = group(a, b, c, b'A');
            acc |= x;
            let [_, b0, b1, _] = x.to_be_bytes();
            (*d0, *d1) = (b0, b1);
            x & 0xFF
        }
        // Unreachable: `decoded_len` fixed the output length from the input length.
        _ => return Err(DecodeError::Invalid),
    };

    if acc & INVALID != 0 || unused != 0 {
        return Err(DecodeError::Invalid);
    }
    Ok(out)
}

/// Decodes strict base64url `input` into the start of `out` in constant time with respect to the
/// content of `input`, and returns the filled prefix.
///
/// Accepts and rejects exactly the same inputs as [`decode`] (a property test checks this),
/// through [`base64ct`]'s `Base64UrlUnpadded`. Only the input's length, which is public, decides
/// the early returns. Use it for key material (an HMAC secret from a JWK `k`, ...); it is several
/// times slower than [`decode`].
///
/// # Errors
/// As [`decode`]: [`DecodeError::Invalid`] if `input` is not strict base64url,
/// [`DecodeError::OutputTooSmall`] if `out` is shorter than [`decoded_len`]`(input.len())`.
/// On an error the contents of `out` are unspecified.
pub fn decode_ct<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], DecodeError> {
    use base64ct::Encoding as _;

    // base64ct rejects `len % 4 == 1` too, but would report a short buffer first; checking the
    // lengths here gives both decoders the same error for every input.
    let Some(len) = decoded_len(input.len()) else {
        return Err(DecodeError::Invalid);
    };
    let Some(out) = out.get_mut(..len) else {
        return Err(DecodeError::OutputTooSmall);
    };
    // base64ct checks the alphabet (no `=` in the unpadded variant, no `+` `/`) and the
    // canonical trailing bits (it re-encodes the last block and compares).
    base64ct::Base64UrlUnpadded::decode(input, out).map_err(|_| DecodeError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Decoder = for<'o> fn(&[u8], &'o mut [u8]) -> Result<&'o [u8], DecodeError>;
    const DECODERS: [(&str, Decoder); 3] = [
        ("decode", decode),
        ("decode_portable", decode_portable),
        ("decode_ct", decode_ct),
    ];

    fn check_ok(input: &[u8], expected: &[u8]) {
        for (name, f) in DECODERS {
            let mut buf = [0u8; 128];
            assert_eq!(f(input, &mut buf), Ok(expected), "{name}: {input:?}");
            // An exactly-sized buffer is enough.
            let mut exact = [0u8; 128];
            let exact = &mut exact[..expected.len()];
            assert_eq!(
                f(input, exact),
                Ok(expected),
                "{name} (exact buffer): {input:?}"
            );
        }
    }

    fn check_invalid(input: &[u8]) {
        for (name, f) in DECODERS {
            let mut buf = [0u8; 128];
            assert_eq!(
                f(input, &mut buf),
                Err(DecodeError::Invalid),
                "{name} accepted {input:?}"
            );
        }
    }

    #[test]
    fn compact_and_wide_groups_agree() {
        let good = b"QUJD";
        for pos in 0..4 {
            for byte in 0..=255u8 {
                let mut g = *good;
                g[pos] = byte;
                let (w, c) = (
                    group_wide(g[0], g[1], g[2], g[3]),
                    group_compact(g[0], g[1], g[2], g[3]),
                );
                // An invalid group fails the whole decode, so only its flag matters.
                assert_eq!(w & INVALID != 0, c & INVALID != 0, "{g:?}");
                if w & INVALID == 0 {
                    assert_eq!(w, c, "{g:?}");
                }
            }
        }
    }

    #[test]
    fn decoded_len_table() {
        let expect = [
            Some(0),
            None,
            Some(1),
            Some(2),
            Some(3),
            None,
            Some(4),
            Some(5),
            Some(6),
        ];
        for (n, e) in expect.into_iter().enumerate() {
            assert_eq!(decoded_len(n), e, "{n}");
        }
        assert_eq!(decoded_len(usize::MAX), Some(usize::MAX / 4 * 3 + 2));
        assert_eq!(decoded_len(usize::MAX - 2), None);
    }

    #[test]
    fn empty_input_is_empty_output() {
        check_ok(b"", b"");
        // Even with no room at all.
        assert_eq!(decode(b"", &mut []), Ok(&b""[..]));
        assert_eq!(decode_ct(b"", &mut []), Ok(&b""[..]));
    }

    #[test]
    fn rfc4648_section10_vectors_unpadded() {
        check_ok(b"Zg", b"f");
        check_ok(b"Zm8", b"fo");
        check_ok(b"Zm9v", b"foo");
        check_ok(b"Zm9vYg", b"foob");
        check_ok(b"Zm9vYmE", b"fooba");
        check_ok(b"Zm9vYmFy", b"foobar");
    }

    #[test]
    fn url_safe_alphabet_vectors() {
        check_ok(b"----", &[0xFB, 0xEF, 0xBE]);
        check_ok(b"____", &[0xFF, 0xFF, 0xFF]);
        check_ok(b"-_8", &[0xFB, 0xFF]);
        check_ok(b"_w", &[0xFF]);
        check_ok(b"AAAA", &[0, 0, 0]);
        check_ok(
            b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",
            &[
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31,
            ],
        );
        // RFC 7515 Appendix A.1: the JOSE header, with its CR LF.
        check_ok(
            b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9",
            b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
        );
    }

    #[test]
    fn every_byte_value() {
        // Each byte at each position of a 12-character input (main loop, extra group, tail):
        // accepted exactly when it is in the alphabet, with the right value.
        for c in 0..=255u8 {
            for pos in 0..12 {
                let mut input = [b'A'; 12];
                input[pos] = c;
                let mut buf = [0u8; 9];
                let got = decode(&input, &mut buf);
                let mut buf_ct = [0u8; 9];
                assert_eq!(got, decode_ct(&input, &mut buf_ct), "{c:#x} at {pos}");
                match sextet(c) {
                    None => assert_eq!(got, Err(DecodeError::Invalid), "{c:#x} at {pos}"),
                    Some(v) => {
                        let mut expected = [0u8; 9];
                        let bit = pos * 6; // big-endian bit offset of this sextet
                        let word = u32::from(v) << (18 - (bit % 24));
                        let base = bit / 24 * 3;
                        expected[base..base + 3].copy_from_slice(&word.to_be_bytes()[1..]);
                        assert_eq!(got, Ok(&expected[..]), "{c:#x} at {pos}");
                    }
                }
            }
        }
    }

    #[test]
    fn rejects_padding() {
        check_invalid(b"Zg==");
        check_invalid(b"Zm8=");
        check_invalid(b"Zg=");
        check_invalid(b"Zm9v====");
        check_invalid(b"====");
        check_invalid(b"=");
        check_invalid(b"Zm=v");
    }

    #[test]
    fn rejects_whitespace() {
        check_invalid(b"Zm9v Yg");
        check_invalid(b"Zm9vYmFy\n");
        check_invalid(b"Zm9vYmF\n");
        check_invalid(b"Zm9vYmFy\r\n");
        check_invalid(b" Zm9v");
        check_invalid(b"Zm9\tv");
        check_invalid(b"Zm9vYmFyZm9vYmFy ");
    }

    #[test]
    fn rejects_standard_alphabet_chars() {
        check_invalid(b"+-__");
        check_invalid(b"/-__");
        check_invalid(b"-_8+");
        check_invalid(b"-_/");
        check_invalid(b"AAAAAAAA+w");
        check_invalid(b"AAAAAAAA/w");
    }

    #[test]
    fn rejects_non_ascii_and_controls() {
        check_invalid("Zm9vYé".as_bytes());
        check_invalid(b"Zm9v\xFF\xFF");
        check_invalid(b"Zm9v\x80A");
        check_invalid(b"Zm9v\0AAA");
        check_invalid(b"Zm.v");
    }

    #[test]
    fn rejects_impossible_lengths() {
        check_invalid(b"A");
        check_invalid(b"Z");
        check_invalid(b"AAAAA");
        check_invalid(b"Zm9vYmFyZ");
        check_invalid(b"Zm9vYmFyZm9vY");
        // Reported as invalid even when the buffer is also too small.
        assert_eq!(decode(b"AAAAA", &mut []), Err(DecodeError::Invalid));
        assert_eq!(decode_ct(b"AAAAA", &mut []), Err(DecodeError::Invalid));
    }

    #[test]
    fn rejects_nonzero_trailing_bits_two_char_tail() {
        // One byte: the second character's low 4 bits are unused.
        check_ok(b"QQ", b"A");
        for c in [
            b"QR", b"QS", b"QT", b"QU", b"QV", b"QW", b"Qf", b"Q_", b"Q-",
        ] {
            check_invalid(c);
        }
        check_ok(b"Zm9vYmFyZg", b"foobarf");
        check_invalid(b"Zm9vYmFyZh");
        check_ok(b"Zm9vYg", b"foob");
        check_invalid(b"Zm9vYh");
        // Exhaustively: exactly the 4 characters with the low 4 bits clear are accepted.
        let mut accepted = 0;
        for &c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" {
            let ok = decode(&[b'Q', c], &mut [0u8; 1]).is_ok();
            assert_eq!(ok, decode_ct(&[b'Q', c], &mut [0u8; 1]).is_ok());
            assert_eq!(ok, matches!(c, b'A' | b'Q' | b'g' | b'w'), "{}", c as char);
            accepted += usize::from(ok);
        }
        assert_eq!(accepted, 4);
    }

    #[test]
    fn rejects_nonzero_trailing_bits_three_char_tail() {
        // Two bytes: the third character's low 2 bits are unused.
        check_ok(b"Zm8", b"fo");
        check_invalid(b"Zm9");
        check_invalid(b"Zm-");
        check_ok(b"Zm9vYmFyZm8", b"foobarfo");
        check_invalid(b"Zm9vYmFyZm9");
        check_ok(b"AAAAAA_8", &[0, 0, 0, 0, 15, 0xFC]);
        let mut accepted = 0;
        for &c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" {
            let ok = decode(&[b'Z', b'm', c], &mut [0u8; 2]).is_ok();
            assert_eq!(ok, decode_ct(&[b'Z', b'm', c], &mut [0u8; 2]).is_ok());
            assert_eq!(
                ok,
                sextet(c).is_some_and(|v| v & 0b11 == 0),
                "{}",
                c as char
            );
            accepted += usize::from(ok);
        }
        assert_eq!(accepted, 16);
    }

    #[test]
    fn output_too_small() {
        for (name, f) in DECODERS {
            assert_eq!(
                f(b"Zm9vYmFy", &mut [0u8; 5]),
                Err(DecodeError::OutputTooSmall),
                "{name}"
            );
            assert_eq!(
                f(b"Zg", &mut []),
                Err(DecodeError::OutputTooSmall),
                "{name}"
            );
            assert_eq!(
                f(b"Zm8", &mut [0u8; 1]),
                Err(DecodeError::OutputTooSmall),
                "{name}"
            );
            // Decided on lengths alone: an invalid input that does not fit is "too small".
            assert_eq!(
                f(b"Zm9v====", &mut [0u8; 3]),
                Err(DecodeError::OutputTooSmall),
                "{name}"
            );
            // A larger buffer is fine, and only the prefix is returned.
            let mut big = [0xAAu8; 10];
            assert_eq!(f(b"Zm9vYmFy", &mut big), Ok(&b"foobar"[..]), "{name}");
            assert_eq!(big[6..], [0xAA; 4], "{name} wrote past the decoded length");
        }
    }

    #[test]
    fn invalid_byte_detected_at_every_position_and_length() {
        // Every length that exercises the 8-char loop, the extra group and each tail, with a
        // bad byte at every position.
        let valid = *b"Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy"; // 40 chars, 30 bytes
        for len in (0..=valid.len()).filter(|n| n % 4 != 1) {
            // The prefixes with a 2/3-char tail may have non-zero trailing bits; zero them.
            let mut input = [0u8; 40];
            input[..len].copy_from_slice(&valid[..len]);
            let input = &mut input[..len];
            if let Some(last) = input.last_mut() {
                let mask = match len % 4 {
                    2 => 0b1111,
                    3 => 0b11,
                    _ => 0,
                };
                let v = sextet(*last).unwrap() & !mask;
                *last = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                    [usize::from(v)];
            }
            let mut buf = [0u8; 30];
            assert!(decode(input, &mut buf).is_ok(), "len {len}");
            for pos in 0..len {
                for bad in [b'=', b'+', b'/', b' ', b'\n', 0x80, 0xFF, 0] {
                    let saved = input[pos];
                    input[pos] = bad;
                    check_invalid(input);
                    input[pos] = saved;
                }
            }
        }
    }

    /// Long inputs, where the `simd` feature's decoder takes SIMD steps (32 characters each
    /// while 38 remain): every decoder agrees on every length, and on a bad byte or a
    /// non-canonical tail anywhere.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn long_inputs_agree_across_decoders() {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let valid: [u8; 260] = core::array::from_fn(|i| A[(i * 7 + i / 64) % 64]);
        let agree = |input: &[u8]| {
            let (mut a, mut b, mut c) = ([0u8; 200], [0u8; 200], [0u8; 200]);
            let got = decode(input, &mut a);
            assert_eq!(got, decode_portable(input, &mut b), "{input:?}");
            assert_eq!(got, decode_ct(input, &mut c), "{input:?}");
            got.is_ok()
        };
        for len in 0..=valid.len() {
            let input = &valid[..len];
            let canonical = match len % 4 {
                0 => true,
                1 => false,
                2 => sextet(input[len - 1]).unwrap() & 0b1111 == 0,
                _ => sextet(input[len - 1]).unwrap() & 0b11 == 0,
            };
            assert_eq!(agree(input), canonical, "len {len}");
        }
        for len in [38, 40, 69, 70, 71, 72, 104, 200, 260] {
            let mut input = valid;
            let input = &mut input[..len];
            for pos in 0..len {
                for bad in [b'=', b'+', b'/', b'.', 0x80] {
                    let saved = input[pos];
                    input[pos] = bad;
                    assert!(!agree(input), "{bad} at {pos} of {len}");
                    input[pos] = saved;
                }
            }
        }
    }

    #[test]
    fn display() {
        use core::fmt::Write;
        struct Buf([u8; 128], usize);
        impl Write for Buf {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let end = self.1 + s.len();
                self.0
                    .get_mut(self.1..end)
                    .ok_or(fmt::Error)?
                    .copy_from_slice(s.as_bytes());
                self.1 = end;
                Ok(())
            }
        }
        let mut b = Buf([0; 128], 0);
        write!(b, "{}", DecodeError::Invalid).unwrap();
        assert!(b.0[..b.1].starts_with(b"not strict base64url"));
    }
}
