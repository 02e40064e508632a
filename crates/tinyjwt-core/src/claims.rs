//! The registered claims of RFC 7519 §4.1, read from a verified payload.
//!
//! Only called after the signature has verified. Strings stay borrowed and escaped in the
//! payload ([`JsonStr`]); comparisons are done on their unescaped text, so `"a\/b"` equals
//! `a/b`. A registered claim of the wrong type is an error naming it, never "absent".

use crate::error::{ClaimReason, Error, Limit, Part};
use crate::json::{JsonStr, Number, Parser, Value};
use crate::limits::{MAX_AUDIENCES, MAX_NUMERIC_DATE, MAX_PAYLOAD_DEPTH};

/// A NumericDate (RFC 7519 §2): whole seconds since the Unix epoch, and whether the JSON
/// value had a non-zero fractional part (`1300819380.5`).
///
/// Comparisons against the integer clock are exact: `exp = 100.5` is still valid at 100
/// and expired at 101.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NumericDate {
    secs: u64,
    fraction: bool,
}

impl NumericDate {
    /// A whole-second date.
    pub const fn from_secs(secs: u64) -> Self {
        Self {
            secs,
            fraction: false,
        }
    }

    /// Whole seconds (the value rounded down).
    pub const fn secs(self) -> u64 {
        self.secs
    }

    /// Whether the value had a non-zero fractional part.
    pub const fn has_fraction(self) -> bool {
        self.fraction
    }

    /// The value rounded up to whole seconds.
    pub const fn ceil(self) -> u64 {
        self.secs + self.fraction as u64
    }

    /// Parses a JSON number as a NumericDate in `0..=MAX_NUMERIC_DATE`.
    ///
    /// Integers, fractions and exponents are all accepted (`1.3e9`); negative values,
    /// values above [`MAX_NUMERIC_DATE`] (`2^53`, `1e300`, ...) are
    /// [`ClaimReason::OutOfRange`]. Exact decimal arithmetic: no float rounding, no overflow.
    ///
    /// ```
    /// use tinyjwt_core::claims::NumericDate;
    /// let d = NumericDate::parse("1300819380.25").unwrap();
    /// assert_eq!((d.secs(), d.has_fraction(), d.ceil()), (1300819380, true, 1300819381));
    /// assert_eq!(NumericDate::parse("13e8").unwrap().secs(), 1_300_000_000);
    /// assert!(NumericDate::parse("-1").is_err());
    /// assert!(NumericDate::parse("1e300").is_err());
    /// ```
    #[inline]
    pub fn parse(raw: &str) -> Result<Self, ClaimReason> {
        let s = raw.as_bytes();
        // Fast path: 1 to 12 plain digits, which covers every whole-second date up to
        // MAX_NUMERIC_DATE and gives what `parse_general` gives. Below 10^12, so the
        // accumulator cannot overflow.
        if (1..=12).contains(&s.len()) {
            let mut secs = 0u64;
            let mut digits = true;
            for &c in s {
                let d = c.wrapping_sub(b'0');
                digits &= d <= 9;
                secs = secs.wrapping_mul(10).wrapping_add(u64::from(d));
            }
            if digits {
                return if secs > MAX_NUMERIC_DATE {
                    Err(ClaimReason::OutOfRange)
                } else {
                    Ok(Self::from_secs(secs))
                };
            }
        }
        Self::parse_general(s)
    }

    /// [`parse`](Self::parse) for any number literal: exact decimal arithmetic.
    #[inline(never)]
    fn parse_general(s: &[u8]) -> Result<Self, ClaimReason> {
        let (negative, s) = match s.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, s),
        };
        let int_end = s
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(s.len());
        let (int_digits, rest) = s.split_at(int_end);
        let (frac_digits, rest) = match rest.split_first() {
            Some((b'.', r)) => {
                let end = r
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(r.len());
                r.split_at(end)
            }
            _ => (&[][..], rest),
        };
        let exponent = match rest.split_first() {
            Some((b'e' | b'E', r)) => parse_exponent(r).ok_or(ClaimReason::WrongType)?,
            None => 0,
            Some(_) => return Err(ClaimReason::WrongType),
        };
        if int_digits.is_empty() {
            return Err(ClaimReason::WrongType);
        }
        // The value is digits(int ++ frac) * 10^(exponent - frac.len()).
        let digits = Digits {
            int: int_digits,
            frac: frac_digits,
        };
        let (first, last) = match (digits.first_nonzero(), digits.last_nonzero()) {
            (Some(f), Some(l)) => (f, l),
            _ => return Ok(Self::from_secs(0)), // zero, also "-0"
        };
        if negative {
            return Err(ClaimReason::OutOfRange);
        }
        // Position of the decimal point in the digit string, shifted by the exponent.
        let point = int_digits.len() as i64 + exponent;
        // Count of integer digits from the first significant one.
        let int_len = point - first as i64;
        if int_len > 12 {
            return Err(ClaimReason::OutOfRange); // > 999_999_999_999 > MAX_NUMERIC_DATE
        }
        let mut secs: u64 = 0;
        for i in first as i64..point {
            let d = if i <= last as i64 {
                digits.get(i as usize)
            } else {
                0
            };
            secs = secs * 10 + u64::from(d);
        }
        if secs > MAX_NUMERIC_DATE {
            return Err(ClaimReason::OutOfRange);
        }
        Ok(Self {
            secs,
            fraction: (last as i64) >= point,
        })
    }
}

/// Parses an exponent's `[+-]digits`, saturating far beyond any meaningful range.
fn parse_exponent(s: &[u8]) -> Option<i64> {
    const CAP: i64 = 1 << 20;
    let (neg, digits) = match s.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits
        .iter()
        .fold(0i64, |acc, d| (acc * 10 + i64::from(d - b'0')).min(CAP));
    Some(if neg { -v } else { v })
}

/// The concatenated digit string `int ++ frac`, indexed without copying.
struct Digits<'a> {
    int: &'a [u8],
    frac: &'a [u8],
}

impl Digits<'_> {
    fn get(&self, i: usize) -> u8 {
        let b = match i.checked_sub(self.int.len()) {
            None => self.int.get(i),
            Some(j) => self.frac.get(j),
        };
        b.map_or(0, |b| b - b'0')
    }
    fn len(&self) -> usize {
        self.int.len() + self.frac.len()
    }
    fn first_nonzero(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.get(i) != 0)
    }
    fn last_nonzero(&self) -> Option<usize> {
        (0..self.len()).rev().find(|&i| self.get(i) != 0)
    }
}

/// The `aud` claim: absent, one string, or an array of strings.
///
/// Compact (a few words, whatever the number of values), so that [`Claims`] and
/// [`Verified`](crate::Verified) are cheap to return: it keeps the first value and, for an
/// array, the validated text of the remaining elements, which [`iter`](Self::iter) walks again
/// on demand. No destructor, so their borrow of the caller's buffer ends at their last use.
#[derive(Clone, Copy)]
pub struct Audience<'a> {
    /// The first value, when `len >= 1`.
    first: JsonStr<'a>,
    /// For an array, the text after the first element up to its closing `]` (already
    /// validated by the parser: `,` separated strings and whitespace); empty otherwise.
    rest: &'a str,
    /// Number of values, at most [`MAX_AUDIENCES`].
    len: u8,
    present: bool,
}

impl core::fmt::Debug for Audience<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if !self.present {
            return f.write_str("Audience(absent)");
        }
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Default for Audience<'_> {
    fn default() -> Self {
        Self {
            first: JsonStr::new("", false),
            rest: "",
            len: 0,
            present: false,
        }
    }
}

impl<'a> Audience<'a> {
    /// Whether the token has an `aud` claim at all (an empty array counts as present).
    pub fn is_present(&self) -> bool {
        self.present
    }

    /// The audience values, in token order.
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + '_ {
        AudienceIter {
            first: (self.len > 0).then_some(self.first),
            rest: self.rest.as_bytes(),
            text: self.rest,
            pos: 0,
            left: usize::from(self.len).saturating_sub(1),
        }
    }

    /// Whether any audience equals `s` (unescaped comparison).
    pub fn contains(&self, s: &str) -> bool {
        self.iter().any(|v| v.eq_str(s))
    }

    /// Counts one more value (the first is stored, the others are re-read from `rest`).
    fn count(&mut self) -> Result<(), Error> {
        if usize::from(self.len) >= MAX_AUDIENCES {
            return Err(Error::TooLarge(Limit::Audiences));
        }
        self.len += 1;
        Ok(())
    }
}

// `len` is a `u8`.
const _: () = assert!(MAX_AUDIENCES < 256);

/// Walks the values of an [`Audience`]: the first, then the strings of `rest`.
struct AudienceIter<'a> {
    first: Option<JsonStr<'a>>,
    rest: &'a [u8],
    text: &'a str,
    pos: usize,
    /// Values still to read from `rest`.
    left: usize,
}

impl<'a> Iterator for AudienceIter<'a> {
    type Item = JsonStr<'a>;

    fn next(&mut self) -> Option<JsonStr<'a>> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        self.left = self.left.checked_sub(1)?;
        // Validated text: whitespace and one comma, then a string.
        let b = self.rest;
        let mut i = self.pos;
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r' | b',')) {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let end = crate::json::string_end(b, i)?;
        let raw = self.text.get(i + 1..end)?;
        self.pos = end + 1;
        Some(JsonStr::new(raw, raw.as_bytes().contains(&b'\\')))
    }
}

/// The registered claims of a verified token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Claims<'a> {
    /// `exp`: expiration time.
    pub exp: Option<NumericDate>,
    /// `nbf`: not before.
    pub nbf: Option<NumericDate>,
    /// `iat`: issued at.
    pub iat: Option<NumericDate>,
    /// `iss`: issuer.
    pub iss: Option<JsonStr<'a>>,
    /// `sub`: subject.
    pub sub: Option<JsonStr<'a>>,
    /// `jti`: token id.
    pub jti: Option<JsonStr<'a>>,
    /// `aud`: audience(s).
    pub aud: Audience<'a>,
}

/// A bit set of which `required` names were present, bit `i` for `required[i]`.
pub(crate) type Found = u32;

impl<'a> Claims<'a> {
    /// Parses the registered claims from a payload, and notes which of `required` appear.
    ///
    /// A payload that is not a JSON object is [`Error::ClaimsNotJson`]; duplicate members,
    /// excessive depth and over-long `aud` keep their specific errors.
    pub(crate) fn parse(json: &'a [u8], required: &[&str]) -> Result<(Self, Found), Error> {
        let not_json = |e: Error| match e {
            Error::BadJson(_) => Error::ClaimsNotJson,
            e => e,
        };
        let mut p = Parser::<MAX_PAYLOAD_DEPTH>::new(json, Part::Payload).map_err(not_json)?;
        p.begin_object().map_err(not_json)?;
        let mut claims = Claims::default();
        let mut found: Found = 0;
        while let Some(name) = p.next_key().map_err(not_json)? {
            for (i, r) in required.iter().enumerate().take(Found::BITS as usize) {
                if name.eq_str(r) {
                    found |= 1 << i;
                }
            }
            let registered = if name.has_escapes() {
                // Registered names spelled with escapes are still those claims.
                registered_escaped(&name)
            } else {
                registered_plain(name.raw())
            };
            let slot = match registered {
                Some(r) => r.pick(&mut claims),
                None => Slot::Skip,
            };
            slot.fill(&mut p).map_err(not_json)?;
        }
        p.finish().map_err(not_json)?;
        Ok((claims, found))
    }
}

/// Where a member's value goes.
enum Slot<'c, 'a> {
    Date(&'c mut Option<NumericDate>, &'static str),
    Str(&'c mut Option<JsonStr<'a>>, &'static str),
    Aud(&'c mut Audience<'a>),
    Skip,
}

#[derive(Clone, Copy)]
enum Registered {
    Exp,
    Nbf,
    Iat,
    Iss,
    Sub,
    Jti,
    Aud,
}

impl Registered {
    fn pick<'c, 'a>(self, c: &'c mut Claims<'a>) -> Slot<'c, 'a> {
        match self {
            Registered::Exp => Slot::Date(&mut c.exp, "exp"),
            Registered::Nbf => Slot::Date(&mut c.nbf, "nbf"),
            Registered::Iat => Slot::Date(&mut c.iat, "iat"),
            Registered::Iss => Slot::Str(&mut c.iss, "iss"),
            Registered::Sub => Slot::Str(&mut c.sub, "sub"),
            Registered::Jti => Slot::Str(&mut c.jti, "jti"),
            Registered::Aud => Slot::Aud(&mut c.aud),
        }
    }
}

/// The registered claim named by an unescaped name: one compare of its three bytes.
#[inline]
fn registered_plain(name: &[u8]) -> Option<Registered> {
    let &[a, b, c] = name else {
        return None;
    };
    Some(match &[a, b, c] {
        b"exp" => Registered::Exp,
        b"nbf" => Registered::Nbf,
        b"iat" => Registered::Iat,
        b"iss" => Registered::Iss,
        b"sub" => Registered::Sub,
        b"jti" => Registered::Jti,
        b"aud" => Registered::Aud,
        _ => return None,
    })
}

fn registered_escaped(name: &JsonStr<'_>) -> Option<Registered> {
    [
        ("exp", Registered::Exp),
        ("nbf", Registered::Nbf),
        ("iat", Registered::Iat),
        ("iss", Registered::Iss),
        ("sub", Registered::Sub),
        ("jti", Registered::Jti),
        ("aud", Registered::Aud),
    ]
    .into_iter()
    .find(|(n, _)| name.eq_str(n))
    .map(|(_, r)| r)
}

fn wrong_type(claim: &'static str) -> Error {
    Error::InvalidClaim {
        claim,
        reason: ClaimReason::WrongType,
    }
}

impl<'a> Slot<'_, 'a> {
    fn fill<const D: usize>(self, p: &mut Parser<'a, D>) -> Result<(), Error> {
        match self {
            Slot::Skip => p.skip_value(),
            Slot::Date(out, claim) => match p.value()? {
                Value::Number(n) => {
                    *out = Some(date(n).map_err(|reason| Error::InvalidClaim { claim, reason })?);
                    Ok(())
                }
                other => Err(reject(p, other, claim)),
            },
            Slot::Str(out, claim) => match p.value()? {
                Value::String(s) => {
                    *out = Some(s);
                    Ok(())
                }
                other => Err(reject(p, other, claim)),
            },
            Slot::Aud(aud) => {
                aud.present = true;
                match p.value()? {
                    Value::String(s) => {
                        aud.first = s;
                        aud.count()
                    }
                    Value::ArrayStart => {
                        let mut after_first = None;
                        while let Some(v) = p.next_element()? {
                            match v {
                                Value::String(s) => {
                                    aud.count()?;
                                    if after_first.is_none() {
                                        aud.first = s;
                                        after_first = Some(p.offset());
                                    }
                                }
                                other => return Err(reject(p, other, "aud")),
                            }
                        }
                        if let Some(from) = after_first {
                            // `offset` is now just past the `]`.
                            aud.rest = p.text_between(from, p.offset().saturating_sub(1));
                        }
                        Ok(())
                    }
                    other => Err(reject(p, other, "aud")),
                }
            }
        }
    }
}

/// A wrong-typed claim value. A container is still skipped so that a JSON error inside it
/// (which would be the more fundamental problem) is reported instead.
fn reject<const D: usize>(p: &mut Parser<'_, D>, v: Value<'_>, claim: &'static str) -> Error {
    if matches!(v, Value::ArrayStart | Value::ObjectStart) {
        if let Err(e) = p.skip_rest() {
            return e;
        }
    }
    wrong_type(claim)
}

fn date(n: Number<'_>) -> Result<NumericDate, ClaimReason> {
    NumericDate::parse(n.raw())
}

#[cfg(test)]
mod tests;
