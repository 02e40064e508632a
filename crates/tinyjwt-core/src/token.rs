//! The compact serialization: `Authorization` values and the three segments of a JWS.
//!
//! Nothing here copies or decodes: segments are borrowed slices of the caller's token, so a
//! token that is refused for its shape costs one scan of its bytes.

use crate::error::{Error, Limit, Malformed};

/// A compact JWS split into its three segments, still base64url-encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    signing_input: &'t str,
    header_len: usize,
    signature: &'t str,
}

impl<'t> Token<'t> {
    /// Splits `token` into header, payload and signature.
    ///
    /// Refuses: tokens longer than `max_len` ([`Error::TooLarge`]), anything but three
    /// non-empty segments ([`Error::Malformed`]), five-segment JWEs
    /// ([`Error::EncryptedUnsupported`]). Segment contents are checked when decoded.
    ///
    /// ```
    /// use tinyjwt_core::{Error, Malformed, token::Token};
    /// let t = Token::parse("aGVhZA.Ym9keQ.c2ln", 1024)?;
    /// assert_eq!((t.header(), t.payload(), t.signature()), ("aGVhZA", "Ym9keQ", "c2ln"));
    /// assert_eq!(t.signing_input(), "aGVhZA.Ym9keQ");
    /// assert_eq!(Token::parse("a.b.", 1024), Err(Error::Malformed(Malformed::EmptySegment)));
    /// assert_eq!(Token::parse("a.b.c.d.e", 1024), Err(Error::EncryptedUnsupported));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse(token: &'t str, max_len: usize) -> Result<Self, Error> {
        if token.is_empty() {
            return Err(Error::Malformed(Malformed::Empty));
        }
        if token.len() > max_len {
            return Err(Error::TooLarge(Limit::Token));
        }
        // Count the dots in one branch-free pass, then find the two of an accepted token from
        // either end, eight bytes at a time. A byte loop recording positions was about a sixth
        // of a whole parse-only verification; `str::find`/`rfind` half as much again as these.
        match count_dots(token.as_bytes()) {
            2 => {}
            4 => return Err(Error::EncryptedUnsupported),
            _ => return Err(Error::Malformed(Malformed::SegmentCount)),
        }
        let bytes = token.as_bytes();
        let (Some(first), Some(second)) = (find_dot(bytes), rfind_dot(bytes)) else {
            return Err(Error::Malformed(Malformed::SegmentCount));
        };
        // Every segment must be non-empty: an empty signature is an unsecured JWS, an empty
        // payload a detached one; neither is a JWT we accept.
        if first == 0 || second == first + 1 || second + 1 == token.len() {
            return Err(Error::Malformed(Malformed::EmptySegment));
        }
        let (signing_input, rest) = token.split_at(second);
        Ok(Self {
            signing_input,
            header_len: first,
            signature: rest.get(1..).unwrap_or(""),
        })
    }

    /// The encoded header segment.
    pub fn header(&self) -> &'t str {
        self.signing_input.get(..self.header_len).unwrap_or("")
    }

    /// The encoded payload segment.
    pub fn payload(&self) -> &'t str {
        self.signing_input.get(self.header_len + 1..).unwrap_or("")
    }

    /// The encoded signature segment.
    pub fn signature(&self) -> &'t str {
        self.signature
    }

    /// `header.payload`: the exact bytes the signature covers.
    pub fn signing_input(&self) -> &'t str {
        self.signing_input
    }
}

/// The number of `.` bytes in `bytes`. Counting 64-byte blocks into a `u8` lets the compiler
/// compare and add 16 or 32 bytes per instruction; a `usize` count of single bytes does not.
fn count_dots(bytes: &[u8]) -> usize {
    let count_block = |block: &[u8]| block.iter().fold(0u8, |n, &b| n + u8::from(b == b'.'));
    let mut blocks = bytes.chunks_exact(64);
    let mut count = 0usize;
    for block in &mut blocks {
        count += usize::from(count_block(block));
    }
    count + usize::from(count_block(blocks.remainder()))
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;
const DOTS: u64 = LO * b'.' as u64;

/// Index of the first `.` in `bytes`, eight bytes at a time.
#[inline]
fn find_dot(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let y = word(w) ^ DOTS;
        // "Has a zero byte": a flag can be spurious only above a genuine one, so the lowest
        // flag is exact.
        let t = y.wrapping_sub(LO) & !y & HI;
        if t != 0 {
            return Some(at + (t.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == b'.')
        .map(|i| at + i)
}

/// Index of the last `.` in `bytes`, eight bytes at a time from the end.
#[inline]
fn rfind_dot(bytes: &[u8]) -> Option<usize> {
    const LOW7: u64 = !HI;
    let mut words = bytes.rchunks_exact(8);
    let mut end = bytes.len();
    for w in &mut words {
        let y = word(w) ^ DOTS;
        // Exact zero-byte flags (no borrow between bytes), so the highest flag is right too.
        let t = !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7);
        if t != 0 {
            return Some(end - 8 + (7 - t.leading_zeros() / 8) as usize);
        }
        end -= 8;
    }
    words.remainder().iter().rposition(|&b| b == b'.')
}

/// An 8-byte chunk as a little-endian word (0 for a shorter slice, which the callers never
/// pass).
#[inline]
fn word(chunk: &[u8]) -> u64 {
    <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes)
}

/// Extracts the token from an HTTP `Authorization` header value (RFC 6750 §2.1).
///
/// The scheme is matched case-insensitively and must be followed by one or more spaces; the
/// credentials must be a non-empty `b64token` with nothing after it. Surrounding optional
/// whitespace (as HTTP allows) is ignored.
///
/// ```
/// use tinyjwt_core::{bearer, Error, Malformed};
/// assert_eq!(bearer("Bearer eyJh.eyJz.c2ln"), Ok("eyJh.eyJz.c2ln"));
/// assert_eq!(bearer("bearer  eyJh.eyJz.c2ln "), Ok("eyJh.eyJz.c2ln"));
/// assert_eq!(bearer("Basic dXNlcjpwYXNz"), Err(Error::Malformed(Malformed::NotBearer)));
/// assert_eq!(bearer("Bearer"), Err(Error::Malformed(Malformed::NotBearer)));
/// ```
pub fn bearer(value: &str) -> Result<&str, Error> {
    const SCHEME: &str = "bearer";
    let not_bearer = Error::Malformed(Malformed::NotBearer);
    let value = value.trim_matches([' ', '\t']);
    let (scheme, rest) = value.split_at_checked(SCHEME.len()).ok_or(not_bearer)?;
    if !scheme.eq_ignore_ascii_case(SCHEME) || !rest.starts_with(' ') {
        return Err(not_bearer);
    }
    let token = rest.trim_start_matches(' ');
    let b64token = |c: u8| c.is_ascii_alphanumeric() || b"-._~+/".contains(&c);
    let body = token.trim_end_matches('=');
    if body.is_empty() || !body.bytes().all(b64token) {
        return Err(not_bearer);
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_rules() {
        let m = |e| Err(Error::Malformed(e));
        assert_eq!(Token::parse("", 10), m(Malformed::Empty));
        assert_eq!(Token::parse("abc", 10), m(Malformed::SegmentCount));
        assert_eq!(Token::parse("a.b", 10), m(Malformed::SegmentCount));
        assert_eq!(Token::parse("a.b.c.d", 10), m(Malformed::SegmentCount));
        assert_eq!(Token::parse("a.b.c.d.e.f", 20), m(Malformed::SegmentCount));
        assert_eq!(
            Token::parse("a.b.c.d.e", 20),
            Err(Error::EncryptedUnsupported)
        );
        assert_eq!(Token::parse(".b.c", 10), m(Malformed::EmptySegment));
        assert_eq!(Token::parse("a..c", 10), m(Malformed::EmptySegment));
        assert_eq!(Token::parse("a.b.", 10), m(Malformed::EmptySegment));
        assert_eq!(Token::parse("..", 10), m(Malformed::EmptySegment));
        assert_eq!(
            Token::parse("aa.bb.cc", 7),
            Err(Error::TooLarge(Limit::Token))
        );
        let t = Token::parse("aa.bb.cc", 8).unwrap();
        assert_eq!((t.header(), t.payload(), t.signature()), ("aa", "bb", "cc"));
    }

    #[test]
    fn dots_counted_across_blocks() {
        // Dots on both sides of the 64-byte block boundaries of `count_dots`.
        for (a, b) in [(63, 64), (64, 128), (1, 200), (127, 129), (190, 191)] {
            let mut t = [b'x'; 200];
            t[a - 1] = b'.';
            t[b - 1] = b'.';
            let t = core::str::from_utf8(&t).unwrap();
            let r = Token::parse(t, 1000);
            if a == 1 || b == a + 1 || b == 200 {
                assert_eq!(r, Err(Error::Malformed(Malformed::EmptySegment)), "{a} {b}");
            } else {
                let r = r.unwrap();
                assert_eq!((r.header().len(), r.signing_input().len()), (a - 1, b - 1));
            }
        }
        let mut t = [b'x'; 300];
        for (n, i) in [70, 130, 190, 250].into_iter().enumerate() {
            t[i] = b'.';
            let want = match n + 1 {
                2 => Ok(()),
                4 => Err(Error::EncryptedUnsupported),
                _ => Err(Error::Malformed(Malformed::SegmentCount)),
            };
            let s = core::str::from_utf8(&t).unwrap();
            assert_eq!(Token::parse(s, 1000).map(|_| ()), want, "{} dots", n + 1);
        }
    }

    #[test]
    fn dot_search_matches_str_find() {
        // Every length up to three words and every position of one or two dots.
        for len in 0..26 {
            for a in 0..=len {
                for b in a..=len {
                    let mut t = std::vec![b'x'; len];
                    if a < len {
                        t[a] = b'.';
                    }
                    if b < len {
                        t[b] = b'.';
                    }
                    let s = core::str::from_utf8(&t).unwrap();
                    assert_eq!(find_dot(&t), s.find('.'), "{s}");
                    assert_eq!(rfind_dot(&t), s.rfind('.'), "{s}");
                }
            }
        }
        // Bytes that only differ from '.' in one bit, and non-ASCII, are not dots.
        let t = b"\xae\x2f\x2c\x0e\xff.\x00\x80\xae\x6e\x2e\x8e";
        assert_eq!((find_dot(t), rfind_dot(t)), (Some(5), Some(10)));
    }

    #[test]
    fn bearer_rules() {
        let nb = Err(Error::Malformed(Malformed::NotBearer));
        assert_eq!(bearer("BEARER a.b.c"), Ok("a.b.c"));
        assert_eq!(bearer("\tBearer a.b.c\t"), Ok("a.b.c"));
        assert_eq!(bearer("Bearer abc=="), Ok("abc=="));
        assert_eq!(bearer("Bearer"), nb);
        assert_eq!(bearer("Bearer "), nb);
        assert_eq!(bearer("Bearera.b.c"), nb);
        assert_eq!(bearer("Bearer\ta.b.c"), nb);
        assert_eq!(bearer("Bearer a.b c"), nb);
        assert_eq!(bearer("Bearer =="), nb);
        assert_eq!(bearer("Bearer a=b"), nb);
        assert_eq!(bearer("Token a.b.c"), nb);
        assert_eq!(bearer(""), nb);
        assert_eq!(bearer("Beärer x"), nb);
        assert_eq!(bearer("a.b.c"), nb);
    }
}
