//! The registered claims of RFC 7519 §4.1, read from a verified payload.
//!
//! Only called after the signature has verified. Strings stay borrowed and escaped in the
//! payload ([`JsonStr`]); comparisons are done on their unescaped text, so `"a\/b"` equals
//! `a/b`. A registered claim of the wrong type is an error naming it, never "absent".

use crate::error::{ClaimReason, Error, Limit, Part};
use crate::json::flat::{self, FlatValue};
use crate::json::{JsonStr, Number, Parser, Value};
use crate::limits::{MAX_AUDIENCES, MAX_PAYLOAD_DEPTH};

/// A NumericDate (RFC 7519 §2): any JSON number, read exactly as seconds since the Unix
/// epoch, before 1970 (negative) or after year 9999 (`2^64`, `1e300`) included.
///
/// The value is kept as its floor (whole seconds, rounded towards minus infinity) and whether
/// it had a non-zero fractional part. Floors beyond ±2^66 s (±[`NumericDate::SATURATION`])
/// saturate there: every comparison against a `u64` clock plus a `u64` leeway or maximum age
/// reaches at most 2^65 in magnitude, so a saturated value gives the verdict its exact value
/// would (a far-future `exp` never expires within `u64` time, a date before `-2^66` is in
/// the past of every clock). Nothing wraps and nothing rounds like a float.
///
/// Comparisons against the integer clock are exact real-number comparisons, so a fractional
/// date takes effect at the next whole second: `exp = 100.5` is still valid at 100 and expired
/// at 101; `nbf = 100.5` is not yet valid at 100 and valid at 101. Two values strictly
/// between the same whole seconds (`0.25` and `0.5`) are equal as NumericDates: no integer
/// clock tells them apart. Otherwise the derived order is the numeric one
/// (`-1 < -0.5 < 0 < 0.5 < 1`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NumericDate {
    // ⌊value⌋ = hi * 2^64 + lo, in -SATURATION..=SATURATION. Field order makes the derived
    // `Ord` numeric: (hi, lo) lexicographically, then the fraction.
    hi: i8,
    lo: u64,
    fraction: bool,
}

impl NumericDate {
    /// Where floors saturate: 2^66 seconds (about 2.3 × 10^12 years), beyond the reach of any
    /// `u64` clock plus leeway.
    pub const SATURATION: i128 = 1 << 66;

    /// A whole-second date at or after the epoch.
    pub const fn from_secs(secs: u64) -> Self {
        Self {
            hi: 0,
            lo: secs,
            fraction: false,
        }
    }

    /// A whole-second date, before the epoch when negative.
    pub const fn from_i64(secs: i64) -> Self {
        Self::from_floor(secs as i128, false)
    }

    /// `floor` clamped to ±[`SATURATION`](Self::SATURATION); `fraction` is dropped at the
    /// clamp.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the split of a clamped floor (|floor| <= 2^66) into hi (fits i8) and lo (the low 64 bits, wanted)"
    )]
    const fn from_floor(floor: i128, fraction: bool) -> Self {
        let (floor, fraction) = if floor >= Self::SATURATION {
            (Self::SATURATION, false)
        } else if floor < -Self::SATURATION {
            (-Self::SATURATION, false)
        } else {
            (floor, fraction)
        };
        Self {
            hi: (floor >> 64) as i8,
            lo: floor as u64,
            fraction,
        }
    }

    /// Whole seconds rounded down (`-0.5` is `-1`), exact within
    /// ±[`SATURATION`](Self::SATURATION) and saturated beyond.
    pub const fn floor_i128(self) -> i128 {
        ((self.hi as i128) << 64) | self.lo as i128
    }

    /// Whole seconds rounded up (`-0.5` is `0`, `100.5` is `101`), exact within
    /// ±[`SATURATION`](Self::SATURATION) and saturated beyond.
    pub const fn ceil_i128(self) -> i128 {
        self.floor_i128() + self.fraction as i128
    }

    /// Whole seconds rounded down, saturated to the `i64` range (dates beyond about
    /// 292 billion years from 1970 either way).
    pub const fn secs(self) -> i64 {
        saturate_i64(self.floor_i128())
    }

    /// Whole seconds rounded up, saturated to the `i64` range.
    pub const fn ceil(self) -> i64 {
        saturate_i64(self.ceil_i128())
    }

    /// Whether the value had a non-zero fractional part.
    pub const fn has_fraction(self) -> bool {
        self.fraction
    }

    /// Parses a JSON number as a NumericDate, exactly.
    ///
    /// Every number literal (`-?digits(.digits)?([eE][+-]?digits)?`) is a valid date, however
    /// many digits its mantissa or exponent has: `2` spelled as `2` and a million zeros with
    /// the exponent `e-1000000` is 2. Time O(literal length), no allocation, no float.
    /// [`ClaimReason::WrongType`] only for text that is not a number literal.
    ///
    /// ```
    /// use tinyjwt_core::claims::NumericDate;
    /// let d = NumericDate::parse("1300819380.25").unwrap();
    /// assert_eq!((d.secs(), d.has_fraction(), d.ceil()), (1300819380, true, 1300819381));
    /// assert_eq!(NumericDate::parse("13e8").unwrap().secs(), 1_300_000_000);
    /// assert_eq!(NumericDate::parse("-100").unwrap().secs(), -100);
    /// assert_eq!(NumericDate::parse("-0.5").unwrap().secs(), -1);
    /// assert_eq!(NumericDate::parse("1e300").unwrap().floor_i128(), NumericDate::SATURATION);
    /// ```
    #[inline]
    pub fn parse(raw: &str) -> Result<Self, ClaimReason> {
        let s = raw.as_bytes();
        // Fast path: 1 to 19 plain digits, which covers every real whole-second date and gives
        // what `parse_general` gives. Below 10^19 < 2^64, so the accumulator cannot overflow.
        if (1..=19).contains(&s.len()) {
            let mut secs = 0u64;
            let mut digits = true;
            // Real dates have ten digits: the first eight in a few word operations.
            let mut rest = s;
            if let Some((head, tail)) = s.split_first_chunk::<8>() {
                if let Some(v) = eight_digits(u64::from_le_bytes(*head)) {
                    secs = v;
                    rest = tail;
                }
            }
            for &c in rest {
                let d = c.wrapping_sub(b'0');
                digits &= d <= 9;
                secs = secs.wrapping_mul(10).wrapping_add(u64::from(d));
            }
            if digits {
                return Ok(Self::from_secs(secs));
            }
        }
        Self::parse_general(s)
    }

    /// [`parse`](Self::parse) for any number literal: exact decimal arithmetic in one pass
    /// over the digits and constant space.
    #[inline(never)]
    fn parse_general(s: &[u8]) -> Result<Self, ClaimReason> {
        let (negative, s) = match s.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, s),
        };
        let (int, rest) = s.split_at(digit_run(s));
        let (frac, rest) = match rest.split_first() {
            Some((b'.', r)) => r.split_at(digit_run(r)),
            _ => (&[][..], rest),
        };
        let exponent = match rest.split_first() {
            Some((b'e' | b'E', r)) => parse_exponent(r).ok_or(ClaimReason::WrongType)?,
            None => 0,
            Some(_) => return Err(ClaimReason::WrongType),
        };
        if int.is_empty() {
            return Err(ClaimReason::WrongType);
        }
        // The value is 0.d1 d2 d3 ... × 10^point over the digit string d = int ++ frac, with
        // `point = int.len() + exponent` (digits before index `point` are the integer part).
        let digits = Digits { int, frac };
        let Some(first) = digits.first_nonzero() else {
            return Ok(Self::from_secs(0)); // zero, also "-0" and "0.000e999"
        };
        // i128: lengths are below 2^63 and a saturated exponent has magnitude 2^64, so the
        // sign and size of `int_len` stay right even then.
        let point = int.len() as i128 + exponent;
        // Integer digits from the first significant one: the magnitude is in
        // [10^(int_len-1), 10^int_len).
        let int_len = point - first as i128;
        let (magnitude, fraction) = if int_len <= 0 {
            (0, true) // 0 < |value| < 1
        } else if int_len > 21 {
            (u128::MAX, false) // |value| >= 10^21 > 2^66: saturates
        } else {
            // At most 21 digits (< 10^21 < 2^70), digits past the string's end being zeros.
            let point = point as usize; // first + 21 at most
            let mut m = 0u128;
            for i in first..point {
                m = m * 10 + u128::from(digits.get(i));
            }
            (m, digits.any_nonzero_from(point))
        };
        let magnitude = if magnitude > Self::SATURATION as u128 {
            Self::SATURATION
        } else {
            magnitude as i128
        };
        Ok(if negative {
            // ⌊-(m + f)⌋ = -m - 1 when the fraction f is non-zero.
            Self::from_floor(-magnitude - fraction as i128, fraction)
        } else {
            Self::from_floor(magnitude, fraction)
        })
    }
}

impl core::fmt::Debug for NumericDate {
    /// The floor as one number, not its two halves.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NumericDate")
            .field("floor", &self.floor_i128())
            .field("fraction", &self.fraction)
            .finish()
    }
}

impl core::fmt::Display for NumericDate {
    /// Seconds since the epoch: `1700000000`, `-100`; a fractional date as the whole seconds
    /// around it (`100..101`); a saturated one as `>= 2^66` / `<= -2^66`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let floor = self.floor_i128();
        if floor >= Self::SATURATION {
            f.write_str(">= 2^66")
        } else if floor <= -Self::SATURATION {
            f.write_str("<= -2^66")
        } else if self.fraction {
            write!(f, "{floor}..{}", floor + 1)
        } else {
            write!(f, "{floor}")
        }
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "the cast runs only once v is within the i64 range"
)]
const fn saturate_i64(v: i128) -> i64 {
    if v > i64::MAX as i128 {
        i64::MAX
    } else if v < i64::MIN as i128 {
        i64::MIN
    } else {
        v as i64
    }
}

/// The value of eight ASCII digits loaded little-endian (the first digit in the low byte), or
/// `None` if any byte is not a digit (the SWAR method of Lemire's and simdjson's number
/// parsers: pairs, then quadruples, then the whole, by three multiplications).
#[inline]
fn eight_digits(chunk: u64) -> Option<u64> {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    // A byte is a digit iff its high nibble is 3 and adding 6 keeps it so.
    let digits = (chunk & HIGH) | ((chunk.wrapping_add(0x0606_0606_0606_0606) & HIGH) >> 4);
    if digits != 0x3333_3333_3333_3333 {
        return None;
    }
    let v = chunk.wrapping_sub(0x3030_3030_3030_3030);
    let v = v.wrapping_mul(10).wrapping_add(v >> 8); // each even byte: two digits
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    const MUL1: u64 = 100 + (1_000_000 << 32);
    const MUL2: u64 = 1 + (10_000 << 32);
    let v = (v & MASK)
        .wrapping_mul(MUL1)
        .wrapping_add(((v >> 16) & MASK).wrapping_mul(MUL2))
        >> 32;
    Some(v)
}

/// Length of the leading run of ASCII digits.
fn digit_run(s: &[u8]) -> usize {
    s.iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len())
}

/// Parses an exponent's `[+-]digits` (any number of them), saturating at ±2^64: beyond the
/// length of any digit string, so a saturated exponent still puts the first significant
/// digit far past either end of the range a date can tell apart.
fn parse_exponent(s: &[u8]) -> Option<i128> {
    const CAP: u64 = u64::MAX;
    let (neg, digits) = match s.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, s),
    };
    if digits.is_empty() || digit_run(digits) != digits.len() {
        return None;
    }
    let mut v = 0u64;
    for d in digits {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
            .unwrap_or(CAP);
    }
    let v = i128::from(v);
    Some(if neg { -v } else { v })
}

/// The concatenated digit string `int ++ frac`, indexed without copying; indices past its end
/// read as `0`.
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

    fn first_nonzero(&self) -> Option<usize> {
        match self.int.iter().position(|&b| b != b'0') {
            Some(i) => Some(i),
            None => Some(self.int.len() + self.frac.iter().position(|&b| b != b'0')?),
        }
    }

    /// Whether a digit at index `i` or later is non-zero.
    fn any_nonzero_from(&self, i: usize) -> bool {
        let nonzero = |s: &[u8]| s.iter().any(|&b| b != b'0');
        match i.checked_sub(self.int.len()) {
            None => self.int.get(i..).is_some_and(nonzero) || nonzero(self.frac),
            Some(j) => self.frac.get(j..).is_some_and(nonzero),
        }
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

// Every required name has its bit: the policy refuses more than MAX_REQUIRED_CLAIMS names.
const _: () = assert!(crate::limits::MAX_REQUIRED_CLAIMS <= Found::BITS as usize);

impl<'a> Claims<'a> {
    /// Parses the registered claims from a payload, and notes which of `required` appear.
    ///
    /// A payload that is not a JSON object is [`Error::ClaimsNotJson`]; duplicate members,
    /// excessive depth and over-long `aud` keep their specific errors.
    ///
    /// Most claim sets are one flat object; they take [`flat`](crate::json::flat)'s single
    /// pass. Anything else, errors included, is read by the general parser, which has the
    /// last word on every verdict.
    #[cfg(test)]
    pub(crate) fn parse(json: &'a [u8], required: &[&str]) -> Result<(Self, Found), Error> {
        match core::str::from_utf8(json) {
            Ok(text) => Self::parse_text(text, required),
            Err(_) => Self::parse_general(json, required),
        }
    }

    /// [`parse`](Self::parse) for a payload already checked to be UTF-8.
    pub(crate) fn parse_text(json: &'a str, required: &[&str]) -> Result<(Self, Found), Error> {
        if let Some(parsed) = Self::parse_flat(json, required) {
            return Ok(parsed);
        }
        Self::parse_general(json.as_bytes(), required)
    }

    /// The flat path: `None` when the payload is not a flat object or a registered claim is
    /// not plainly valid (the general path then finds out which error it is).
    fn parse_flat(text: &'a str, required: &[&str]) -> Option<(Self, Found)> {
        let mut claims = Claims::default();
        let mut found: Found = 0;
        flat::for_each_member(text, |name, value| {
            found |= required_bits(required, &JsonStr::new(name, false));
            match registered_plain(name.as_bytes()) {
                None => Some(()),
                Some(r) => claims.set_flat(r, value),
            }
        })?;
        Some((claims, found))
    }

    /// Stores a registered claim read by the flat path, if its value is valid.
    #[inline]
    fn set_flat(&mut self, r: Registered, value: FlatValue<'a>) -> Option<()> {
        let date = |v: FlatValue<'_>| match v {
            FlatValue::Number(n) => date(n).ok(),
            _ => None,
        };
        let string = |v: FlatValue<'a>| match v {
            FlatValue::Str(s) => Some(s),
            _ => None,
        };
        match r {
            Registered::Exp => self.exp = Some(date(value)?),
            Registered::Nbf => self.nbf = Some(date(value)?),
            Registered::Iat => self.iat = Some(date(value)?),
            Registered::Iss => self.iss = Some(string(value)?),
            Registered::Sub => self.sub = Some(string(value)?),
            Registered::Jti => self.jti = Some(string(value)?),
            Registered::Aud => {
                self.aud = match value {
                    FlatValue::Str(first) => Audience {
                        first,
                        rest: "",
                        len: 1,
                        present: true,
                    },
                    FlatValue::Array(a) if a.strings => {
                        let len = u8::try_from(a.len)
                            .ok()
                            .filter(|&n| usize::from(n) <= MAX_AUDIENCES)?;
                        let (first, rest) = match len {
                            0 => (JsonStr::new("", false), ""),
                            _ => a.split_first_str()?,
                        };
                        Audience {
                            first,
                            rest,
                            len,
                            present: true,
                        }
                    }
                    _ => return None,
                }
            }
        }
        Some(())
    }

    /// The general path: any JSON, every error.
    ///
    /// Not inlined: its parser (with the duplicate-name stack) must not add to the frame of
    /// the flat path, which is what nearly every token takes.
    #[inline(never)]
    pub(crate) fn parse_general(json: &'a [u8], required: &[&str]) -> Result<(Self, Found), Error> {
        let not_json = |e: Error| match e {
            Error::BadJson(_) => Error::ClaimsNotJson,
            e => e,
        };
        let mut p = Parser::<MAX_PAYLOAD_DEPTH>::new(json, Part::Payload).map_err(not_json)?;
        p.begin_object().map_err(not_json)?;
        let mut claims = Claims::default();
        let mut found: Found = 0;
        while let Some(name) = p.next_key().map_err(not_json)? {
            found |= required_bits(required, &name);
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

/// The bits of the `required` names equal to `name`.
#[inline]
fn required_bits(required: &[&str], name: &JsonStr<'_>) -> Found {
    let mut found: Found = 0;
    for (i, r) in required.iter().enumerate().take(Found::BITS as usize) {
        if name.eq_str(r) {
            found |= 1 << i;
        }
    }
    found
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
