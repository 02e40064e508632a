//! Zero-copy JSON strings: the raw (still escaped) text between the quotes, decoded lazily.

use core::fmt;

use crate::error::{Error, Limit};

/// A JSON string as it appears in the input: the bytes between the quotes, escapes intact.
///
/// Only the parser creates values of this type, and only after it has validated the string
/// (every escape is one of RFC 8259's, `\u` surrogates are paired, no control characters), so
/// every method here works on known-good text. Comparisons ([`eq_str`](Self::eq_str),
/// [`PartialEq`]) and [`Display`](fmt::Display) use the *unescaped* text: `"\u0061lg"`
/// equals `"alg"`.
#[derive(Clone, Copy, Debug)]
pub struct JsonStr<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> JsonStr<'a> {
    /// Wraps validated raw text. `escaped` must be true when `raw` contains a backslash.
    pub(crate) const fn new(raw: &'a str, escaped: bool) -> Self {
        JsonStr { raw, escaped }
    }

    /// The bytes between the quotes, with escapes as they were written.
    pub fn raw(&self) -> &'a [u8] {
        self.raw.as_bytes()
    }

    /// The text between the quotes, with escapes as they were written.
    pub fn raw_str(&self) -> &'a str {
        self.raw
    }

    /// Whether the string contains at least one escape sequence.
    pub fn has_escapes(&self) -> bool {
        self.escaped
    }

    /// The string's text, borrowed from the input, when it has no escapes (so the raw text
    /// *is* the value); `None` otherwise (use [`unescape_into`](Self::unescape_into),
    /// [`chars`](Self::chars) or [`Display`](fmt::Display)).
    pub fn as_str(&self) -> Option<&'a str> {
        if self.escaped { None } else { Some(self.raw) }
    }

    /// Whether the unescaped text equals `s`, without a buffer.
    #[inline]
    pub fn eq_str(&self, s: &str) -> bool {
        if self.escaped {
            // An escape is at least two bytes and decodes to at most four, so no shortcut on
            // length; compare character by character.
            self.chars().eq(s.chars())
        } else {
            bytes_eq(self.raw.as_bytes(), s.as_bytes())
        }
    }

    /// Whether the unescaped text equals `s`, ignoring ASCII case (non-ASCII characters must
    /// match exactly).
    pub fn eq_ignore_ascii_case(&self, s: &str) -> bool {
        if self.escaped {
            let mut a = self.chars();
            let mut b = s.chars();
            loop {
                match (a.next(), b.next()) {
                    (None, None) => return true,
                    (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
                    _ => return false,
                }
            }
        } else {
            self.raw.eq_ignore_ascii_case(s)
        }
    }

    /// The unescaped characters.
    pub fn chars(&self) -> Chars<'a> {
        Chars { rest: self.raw }
    }

    /// The length in bytes of the unescaped text encoded as UTF-8.
    pub fn unescaped_len(&self) -> usize {
        if self.escaped {
            self.chars().map(char::len_utf8).sum()
        } else {
            self.raw.len()
        }
    }

    /// Writes the unescaped text into `buf` and returns it.
    ///
    /// # Errors
    /// [`Error::TooLarge`]`(`[`Limit::Value`]`)` when `buf` is shorter than
    /// [`unescaped_len`](Self::unescaped_len).
    pub fn unescape_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, Error> {
        const TOO_LARGE: Error = Error::TooLarge(Limit::Value);
        let mut n = 0usize;
        if self.escaped {
            for c in self.chars() {
                let len = c.len_utf8();
                // n <= buf.len(), so n + len cannot overflow (len <= 4).
                let dst = buf.get_mut(n..n + len).ok_or(TOO_LARGE)?;
                c.encode_utf8(dst);
                n += len;
            }
        } else {
            n = self.raw.len();
            buf.get_mut(..n)
                .ok_or(TOO_LARGE)?
                .copy_from_slice(self.raw.as_bytes());
        }
        let out = buf.get(..n).ok_or(TOO_LARGE)?;
        // Always valid: we wrote whole UTF-8 encoded characters only.
        core::str::from_utf8(out).map_err(|_| TOO_LARGE)
    }

    /// Hash of the unescaped text (its UTF-8 bytes), used by the duplicate-member filter.
    #[inline]
    pub(crate) fn name_hash(&self) -> u64 {
        let mut h = NameHasher::new();
        if self.escaped {
            for c in self.chars() {
                let mut b = [0u8; 4];
                h.write(c.encode_utf8(&mut b).as_bytes());
            }
        } else {
            h.write_all(self.raw.as_bytes());
        }
        h.finish()
    }
}

/// Byte equality; short inputs (member names) without a `memcmp` call.
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() > 16 {
        return a == b;
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// [`JsonStr::name_hash`] of an unescaped name of `len < 8` bytes, given `chunk`: the eight
/// input bytes starting with the name (the bytes after the name are masked off).
#[inline]
pub(crate) fn short_name_hash(chunk: [u8; 8], len: usize) -> u64 {
    let mask = if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    };
    let h = NameHasher {
        h: NameHasher::new().h,
        word: u64::from_le_bytes(chunk) & mask,
        fill: 0,
        len: len as u64,
    };
    h.finish()
}

/// A small, fast, non-cryptographic streaming hash over a byte sequence, eight bytes per
/// multiply. Only used to *filter*: collisions cost a rescan, never a wrong answer.
struct NameHasher {
    h: u64,
    word: u64,
    /// Bytes in `word` (0..8).
    fill: u32,
    len: u64,
}

impl NameHasher {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    const fn new() -> Self {
        NameHasher {
            h: 0x243f_6a88_85a3_08d3,
            word: 0,
            fill: 0,
            len: 0,
        }
    }

    #[inline]
    fn mix(&mut self, w: u64) {
        self.h = (self.h ^ w).wrapping_mul(Self::K).rotate_left(31);
    }

    /// Feeds bytes one at a time.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.word |= u64::from(b) << (8 * self.fill);
            self.fill += 1;
            if self.fill == 8 {
                self.mix(self.word);
                self.word = 0;
                self.fill = 0;
            }
        }
        self.len = self.len.wrapping_add(bytes.len() as u64);
    }

    /// Feeds a whole byte string into a fresh hasher (same result as `write`).
    #[inline]
    fn write_all(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            if let Ok(arr) = <[u8; 8]>::try_from(c) {
                self.mix(u64::from_le_bytes(arr));
            }
        }
        let rest = chunks.remainder();
        let mut w = 0u64;
        for (k, &b) in rest.iter().enumerate() {
            w |= u64::from(b) << (8 * k);
        }
        self.word = w;
        // A remainder of chunks of 8, so below 8: the conversion cannot fail.
        self.fill = u32::try_from(rest.len()).unwrap_or(0);
        self.len = bytes.len() as u64;
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = (self.h ^ self.word ^ self.len.rotate_right(8)).wrapping_mul(Self::K);
        h ^= h >> 32;
        h = h.wrapping_mul(Self::K);
        h ^ (h >> 29)
    }
}

impl PartialEq for JsonStr<'_> {
    /// Compares the unescaped texts.
    fn eq(&self, other: &Self) -> bool {
        if !self.escaped && !other.escaped {
            bytes_eq(self.raw.as_bytes(), other.raw.as_bytes())
        } else {
            self.chars().eq(other.chars())
        }
    }
}

impl Eq for JsonStr<'_> {}

impl PartialEq<str> for JsonStr<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for JsonStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

impl fmt::Display for JsonStr<'_> {
    /// Writes the unescaped text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.escaped {
            return f.write_str(self.raw);
        }
        let mut rest = self.raw;
        while let Some(i) = rest.find('\\') {
            let (plain, esc) = rest.split_at(i);
            f.write_str(plain)?;
            let Some((c, used)) = esc.as_bytes().get(1..).and_then(decode_escape) else {
                return Err(fmt::Error);
            };
            fmt::Write::write_char(f, c)?;
            rest = esc.get(1 + used..).ok_or(fmt::Error)?;
        }
        f.write_str(rest)
    }
}

/// The unescaped characters of a [`JsonStr`], from [`JsonStr::chars`].
#[derive(Clone, Debug)]
pub struct Chars<'a> {
    rest: &'a str,
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let mut it = self.rest.chars();
        let c = it.next()?;
        let after = it.as_str();
        if c != '\\' {
            self.rest = after;
            return Some(c);
        }
        match decode_escape(after.as_bytes()) {
            Some((c, used)) => {
                self.rest = after.get(used..).unwrap_or("");
                Some(c)
            }
            None => {
                // Unreachable for parser-made strings; end rather than panic.
                self.rest = "";
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Each char takes 1 to 12 bytes of raw text.
        (self.rest.len().div_ceil(12), Some(self.rest.len()))
    }
}

impl core::iter::FusedIterator for Chars<'_> {}

/// Decodes one escape. `b` starts just after the backslash. Returns the character and how
/// many bytes of `b` it used, or `None` if the escape is not valid RFC 8259 (unknown escape,
/// bad hex, lone or reversed surrogate).
pub(crate) fn decode_escape(b: &[u8]) -> Option<(char, usize)> {
    let c = match *b.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let hi = hex4(b.get(1..5)?)?;
            return match hi {
                0xD800..=0xDBFF => {
                    // Must be followed by `\u` and a low surrogate.
                    if b.get(5..7)? != b"\\u" {
                        return None;
                    }
                    let lo = hex4(b.get(7..11)?)?;
                    if !(0xDC00..=0xDFFF).contains(&lo) {
                        return None;
                    }
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    Some((char::from_u32(cp)?, 11))
                }
                0xDC00..=0xDFFF => None,
                _ => Some((char::from_u32(hi)?, 5)),
            };
        }
        _ => return None,
    };
    Some((c, 1))
}

fn hex4(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        v = (v << 4) | u32::from(d);
    }
    if b.len() == 4 { Some(v) } else { None }
}

/// Index of the first `"`, `\` or control character (< 0x20) in `b` at or after `i`, or
/// `b.len()` if there is none. Eight bytes at a time while at least eight remain.
#[inline]
pub(crate) fn find_special(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const QUOTE: u64 = LO * b'"' as u64;
    const BACKSLASH: u64 = LO * b'\\' as u64;
    const SPACE: u64 = LO * 0x20;
    // `i <= b.len() <= isize::MAX`, so `i + 8` does not overflow.
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(arr) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(arr);
        let q = x ^ QUOTE;
        let s = x ^ BACKSLASH;
        // The classic "has a zero byte" / "has a byte < n" tests. A flag can be spurious only
        // *above* a genuine one (borrows run upwards), so the lowest flag is exact.
        let t =
            ((q.wrapping_sub(LO) & !q) | (s.wrapping_sub(LO) & !s) | (x.wrapping_sub(SPACE) & !x))
                & HI;
        if t != 0 {
            // trailing_zeros / 8 < 8
            return i + (t.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    b.len()
}
