//! Custom claims without serde: one member of the verified payload, found by name.
//!
//! [`Verified::claim`] and its typed getters read the payload the verifier has already
//! validated with its strict parser (UTF-8, RFC 8259 grammar, no duplicate members at any
//! level, depth at most [`MAX_PAYLOAD_DEPTH`](crate::limits::MAX_PAYLOAD_DEPTH), an object at
//! the top). Reading validated text again needs no validation, only a cursor: this module's
//! walks whitespace, jumps over strings to their closing quote, and skips a nested value by
//! counting brackets. It is linear, does not recurse, allocates nothing and never panics; on
//! anything it does not expect (impossible for validated text) it answers `None`.
//!
//! A lookup walks the top-level members once and compares names with a length check first;
//! [`Verified::claim_many`] finds several claims in that one walk. Names are compared on
//! their unescaped text, so `"\u0074eam"` is the claim `team`.

use crate::json::{JsonStr, Number};
use crate::verify::Verified;

/// One claim's value, borrowed from the verified payload.
#[derive(Clone, Copy, Debug)]
pub enum ClaimValue<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its literal text (see [`Number`] for exact conversions).
    Number(Number<'a>),
    /// A string, still escaped (see [`JsonStr`]).
    Str(JsonStr<'a>),
    /// An array.
    Array(JsonArray<'a>),
    /// An object.
    Object(JsonObject<'a>),
}

impl<'a> ClaimValue<'a> {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        match *self {
            ClaimValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<Number<'a>> {
        match *self {
            ClaimValue::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            ClaimValue::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, ClaimValue::Null)
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<JsonArray<'a>> {
        match *self {
            ClaimValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<JsonObject<'a>> {
        match *self {
            ClaimValue::Object(o) => Some(o),
            _ => None,
        }
    }
}

/// A JSON array inside the verified payload: its validated text, brackets included.
#[derive(Clone, Copy, Debug)]
pub struct JsonArray<'a> {
    raw: &'a str,
}

impl<'a> JsonArray<'a> {
    /// The array's text, from `[` to `]`.
    pub fn raw(&self) -> &'a [u8] {
        self.raw.as_bytes()
    }

    /// The elements, in order. Nested arrays and objects are yielded whole, not walked.
    pub fn iter(&self) -> ArrayIter<'a> {
        ArrayIter {
            cur: Cursor::new(self.raw, 1),
        }
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl<'a> IntoIterator for JsonArray<'a> {
    type Item = ClaimValue<'a>;
    type IntoIter = ArrayIter<'a>;
    fn into_iter(self) -> ArrayIter<'a> {
        self.iter()
    }
}

/// The elements of a [`JsonArray`].
#[derive(Clone, Debug)]
pub struct ArrayIter<'a> {
    cur: Cursor<'a>,
}

impl<'a> Iterator for ArrayIter<'a> {
    type Item = ClaimValue<'a>;

    fn next(&mut self) -> Option<ClaimValue<'a>> {
        let c = &mut self.cur;
        if c.peek_ws()? == b',' {
            c.pos += 1;
            c.peek_ws()?;
        }
        c.value()
    }
}

impl core::iter::FusedIterator for ArrayIter<'_> {}

/// A JSON object inside the verified payload: its validated text, braces included.
#[derive(Clone, Copy, Debug)]
pub struct JsonObject<'a> {
    raw: &'a str,
}

impl<'a> JsonObject<'a> {
    /// The object's text, from `{` to `}`.
    pub fn raw(&self) -> &'a [u8] {
        self.raw.as_bytes()
    }

    /// The member named `name` (compared on unescaped text). Members are unique: the payload
    /// was checked for duplicates at every level.
    pub fn get(&self, name: &str) -> Option<ClaimValue<'a>> {
        let [v] = self.get_many([name]);
        v
    }

    /// Several members found in one walk: `out[i]` is [`get`](Self::get)`(names[i])`.
    pub fn get_many<const N: usize>(&self, names: [&str; N]) -> [Option<ClaimValue<'a>>; N] {
        let mut out = [None; N];
        // `None` only on text the validator would not have passed: what was found stays.
        let _ = self.find_into(names, &mut out);
        out
    }

    /// The member `name` if it is a string.
    pub fn get_str(&self, name: &str) -> Option<JsonStr<'a>> {
        self.get(name)?.as_str()
    }

    /// The member `name` if it is an integer literal (digits only: no sign, fraction or
    /// exponent, so `-0` and `1e3` are `None`) that fits a `u64`.
    pub fn get_u64(&self, name: &str) -> Option<u64> {
        self.get(name)?.as_number()?.as_u64()
    }

    /// The member `name` if it is an integer literal (optional `-`, digits; no fraction or
    /// exponent) that fits an `i64`; `-0` is `0`.
    pub fn get_i64(&self, name: &str) -> Option<i64> {
        self.get(name)?.as_number()?.as_i64()
    }

    /// The member `name` if it is `true` or `false`.
    pub fn get_bool(&self, name: &str) -> Option<bool> {
        self.get(name)?.as_bool()
    }

    /// The member `name` if it is an array whose elements are all strings (an empty array
    /// included).
    pub fn get_str_array(&self, name: &str) -> Option<StrArray<'a>> {
        let array = self.get(name)?.as_array()?;
        if array.iter().all(|v| matches!(v, ClaimValue::Str(_))) {
            Some(StrArray { array })
        } else {
            None
        }
    }

    /// The members, in order: each name and its value.
    pub fn members(&self) -> Members<'a> {
        Members {
            cur: Cursor::new(self.raw, 1),
        }
    }

    /// One walk over the members, filling `out[i]` with the member named `names[i]`.
    fn find_into<const N: usize>(
        &self,
        names: [&str; N],
        out: &mut [Option<ClaimValue<'a>>; N],
    ) -> Option<()> {
        let mut cur = Cursor::new(self.raw, 1);
        let mut left = N;
        while left > 0 {
            let (start, end, escaped) = cur.next_name()?;
            let raw = self.raw.as_bytes().get(start..end)?;
            let mut value = None;
            for (name, slot) in names.iter().zip(out.iter_mut()) {
                if slot.is_none() && name_eq(raw, escaped, name) {
                    if value.is_none() {
                        value = Some(cur.value()?);
                    }
                    *slot = value;
                    left -= 1;
                }
            }
            if value.is_none() {
                cur.skip_value()?;
            }
        }
        Some(())
    }
}

/// The members of a [`JsonObject`].
#[derive(Clone, Debug)]
pub struct Members<'a> {
    cur: Cursor<'a>,
}

impl<'a> Iterator for Members<'a> {
    type Item = (JsonStr<'a>, ClaimValue<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let (start, end, escaped) = self.cur.next_name()?;
        let name = json_str(self.cur.t, start, end, escaped)?;
        let value = self.cur.value()?;
        Some((name, value))
    }
}

impl core::iter::FusedIterator for Members<'_> {}

/// A claim that is an array of strings (such as `roles` or `groups`), from
/// [`Verified::claim_str_array`].
#[derive(Clone, Copy, Debug)]
pub struct StrArray<'a> {
    array: JsonArray<'a>,
}

impl<'a> StrArray<'a> {
    /// The strings, in order.
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        self.array.iter().filter_map(|v| v.as_str())
    }

    /// Whether one of the strings equals `s` (unescaped comparison).
    pub fn contains(&self, s: &str) -> bool {
        self.iter().any(|e| e.eq_str(s))
    }

    /// The array as a [`JsonArray`].
    pub fn as_array(&self) -> JsonArray<'a> {
        self.array
    }
}

/// Whether the raw name text `raw` (with escapes if `escaped`) unescapes to `want`.
///
/// An escape is always longer than what it decodes to, so an escaped name matches only if
/// its raw text is longer than `want`, and an unescaped one only if it is `want` byte for
/// byte: the length check settles most names.
#[inline]
fn name_eq(raw: &[u8], escaped: bool, want: &str) -> bool {
    let want_b = want.as_bytes();
    if !escaped {
        bytes_eq(raw, want_b)
    } else if raw.len() > want_b.len() {
        core::str::from_utf8(raw).is_ok_and(|s| JsonStr::new(s, true).eq_str(want))
    } else {
        false
    }
}

/// Byte equality; short inputs (names) without a `memcmp` call.
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    /// Longer inputs go to `memcmp`.
    const SHORT: usize = 16;
    if a.len() != b.len() {
        return false;
    }
    if a.len() > SHORT {
        return a == b;
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// The string whose text (between the quotes) is `t[start..end]`: a slice of text that is
/// already UTF-8, so no second UTF-8 check.
fn json_str(t: &str, start: usize, end: usize, escaped: bool) -> Option<JsonStr<'_>> {
    Some(JsonStr::new(t.get(start..end)?, escaped))
}

/// A position in validated JSON text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    /// The text, and the same as bytes.
    pub(crate) t: &'a str,
    pub(crate) b: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) const fn new(t: &'a str, pos: usize) -> Self {
        Cursor {
            t,
            b: t.as_bytes(),
            pos,
        }
    }

    /// Skips whitespace; the next byte, not consumed.
    #[inline]
    pub(crate) fn peek_ws(&mut self) -> Option<u8> {
        loop {
            let c = *self.b.get(self.pos)?;
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(c);
            }
            self.pos += 1;
        }
    }

    /// Inside an object (after `{` or after a member's value): moves past the next member's
    /// name and colon, onto its value, and returns the name's raw text range. `None` at the
    /// closing brace (which is consumed).
    #[inline]
    pub(crate) fn next_name(&mut self) -> Option<(usize, usize, bool)> {
        let mut c = self.peek_ws()?;
        if c == b',' {
            self.pos += 1;
            c = self.peek_ws()?;
        }
        if c != b'"' {
            // `}`: the end of the object.
            self.pos += 1;
            return None;
        }
        let start = self.pos + 1;
        let (end, escaped) = name_end(self.b, self.pos)?;
        self.pos = end + 1;
        if self.peek_ws()? != b':' {
            return None;
        }
        self.pos += 1;
        self.peek_ws()?;
        Some((start, end, escaped))
    }

    /// Skips the value at the cursor (after whitespace).
    #[inline]
    pub(crate) fn skip_value(&mut self) -> Option<()> {
        self.pos = value_end(self.b, self.pos)?;
        Some(())
    }

    /// Reads the value at the cursor (after whitespace) and moves past it.
    pub(crate) fn value(&mut self) -> Option<ClaimValue<'a>> {
        let (t, b) = (self.t, self.b);
        let start = self.pos;
        let first = *b.get(start)?;
        if first == b'"' {
            let (end, escaped) = string_end_escaped(b, start)?;
            self.pos = end + 1;
            return Some(ClaimValue::Str(json_str(t, start + 1, end, escaped)?));
        }
        let end = value_end(b, start)?;
        self.pos = end;
        let v = match first {
            b'{' => ClaimValue::Object(JsonObject {
                raw: t.get(start..end)?,
            }),
            b'[' => ClaimValue::Array(JsonArray {
                raw: t.get(start..end)?,
            }),
            b't' => ClaimValue::Bool(true),
            b'f' => ClaimValue::Bool(false),
            b'n' => ClaimValue::Null,
            b'-' | b'0'..=b'9' => ClaimValue::Number(Number::new(t.get(start..end)?)),
            _ => return None,
        };
        Some(v)
    }
}

/// [`string_end_escaped`] for a string at `i` that is probably a short member name: a plain
/// byte loop, cheaper than the eight-bytes-at-a-time scan on a few bytes, then that scan
/// for longer names or names with escapes.
#[inline]
pub(crate) fn name_end(b: &[u8], i: usize) -> Option<(usize, bool)> {
    /// Names up to this many bytes take the byte loop.
    const SHORT: usize = 12;
    let start = i + 1;
    let mut j = start;
    while let Some(&c) = b.get(j) {
        if c == b'"' {
            return Some((j, false));
        }
        if c == b'\\' || j - start >= SHORT {
            break;
        }
        j += 1;
    }
    string_end_escaped(b, i)
}

/// For validated text with a `"` at `i`: the index of the closing quote, and whether the
/// string has an escape.
///
/// The text is validated, so only quotes and backslashes matter (no control characters
/// to look for): eight bytes at a time for those two.
#[inline]
pub(crate) fn string_end_escaped(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i + 1;
    let mut escaped = false;
    loop {
        j = quote_or_backslash(b, j);
        match b.get(j)? {
            b'"' => return Some((j, escaped)),
            _ => {
                // A backslash: the escaped byte is never the closing quote.
                escaped = true;
                j += 2;
            }
        }
    }
}

/// [`string_end_escaped`] without the escape flag.
#[inline]
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    string_end_escaped(b, i).map(|(end, _)| end)
}

/// Index of the first `"` or `\` at or after `i`, or `b.len()`.
#[inline]
fn quote_or_backslash(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const QUOTE: u64 = LO * b'"' as u64;
    const BACKSLASH: u64 = LO * b'\\' as u64;
    // `i <= b.len() <= isize::MAX`, so `i + 8` does not overflow.
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(arr) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(arr);
        let q = x ^ QUOTE;
        let s = x ^ BACKSLASH;
        // "Has a zero byte": a flag can be spurious only above a genuine one, so the lowest
        // flag is exact.
        let t = ((q.wrapping_sub(LO) & !q) | (s.wrapping_sub(LO) & !s)) & HI;
        if t != 0 {
            // trailing_zeros / 8 < 8
            return i + (t.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// For validated text with a value starting at `i`: the index just after it.
///
/// Containers are skipped by counting brackets (strings jumped over whole, so brackets in
/// them do not count): linear and without recursion.
pub(crate) fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => Some(string_end(b, i)? + 1),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match *b.get(i)? {
                    b'"' => i = string_end(b, i)?,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        b't' | b'n' => Some(i + 4),
        b'f' => Some(i + 5),
        b'-' | b'0'..=b'9' => {
            // A number: digits, then maybe a fraction and an exponent (checked by the
            // validator; here only where it ends).
            // Runs of digits, joined by the few other characters a number may hold.
            i += 1;
            loop {
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                match b.get(i) {
                    Some(b'.' | b'e' | b'E' | b'+' | b'-') => i += 1,
                    _ => return Some(i),
                }
            }
        }
        // `]`, `}`, `,` or the end: no value here.
        _ => None,
    }
}

/// The top-level object of a verified payload (leading whitespace allowed).
pub(crate) fn top(payload: &str) -> JsonObject<'_> {
    let mut c = Cursor::new(payload, 0);
    let start = match c.peek_ws() {
        Some(b'{') => c.pos,
        _ => payload.len(),
    };
    JsonObject {
        raw: payload.get(start..).unwrap_or_default(),
    }
}

/// Custom claims without serde (see the [module documentation](crate::payload)).
///
/// The examples share this verifier and token (a backend that accepts every signature
/// stands in for a real one):
///
/// ```
/// # use tinyjwt_core::{Algorithm, BoundKey, Error, HmacSecret, KeyMaterial, Policy, SignatureBackend, Strength, Verifier};
/// # struct AcceptAll;
/// # impl SignatureBackend for AcceptAll {
/// #     type Key = ();
/// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
/// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
/// # }
/// # let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
/// # let mut verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
/// # verifier.keys_mut().add_key(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?, None)?;
/// // {"alg":"HS256"}.{"exp":2000000000,"t\u0065am":"t1","user":"u1","n":-5,
/// //                  "admin":true,"roles":["a","b"],"org":{"id":7}}
/// let token = "eyJhbGciOiJIUzI1NiJ9.\
///     eyJleHAiOjIwMDAwMDAwMDAsInRcdTAwNjVhbSI6InQxIiwidXNlciI6InUxIiwibiI6LTUsImFkbWluIjp0cnVl\
///     LCJyb2xlcyI6WyJhIiwiYiJdLCJvcmciOnsiaWQiOjd9fQ.\
///     AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
/// let mut buf = [0u8; 1024];
/// let verified = verifier.verify(token, 1_700_000_000, &mut buf)?;
///
/// assert!(verified.claim_eq("team", "t1"));          // the name was escaped: still `team`
/// assert_eq!(verified.claim_str("user").and_then(|s| s.as_str()), Some("u1"));
/// assert_eq!(verified.claim_i64("n"), Some(-5));
/// assert_eq!(verified.claim_u64("n"), None);         // negative
/// assert_eq!(verified.claim_bool("admin"), Some(true));
/// assert!(verified.claim_str_array("roles").is_some_and(|r| r.contains("b")));
/// let org = verified.claim("org").and_then(|v| v.as_object()).unwrap();
/// assert_eq!(org.get("id").and_then(|v| v.as_number()).and_then(|n| n.as_u64()), Some(7));
/// let [team, user, missing] = verified.claim_many(["team", "user", "nope"]);
/// assert!(team.is_some() && user.is_some() && missing.is_none());
/// # Ok::<(), Error>(())
/// ```
impl<'b> Verified<'b> {
    /// The whole payload as a [`JsonObject`]: every claim by name, or all of them in order
    /// with [`JsonObject::members`].
    pub fn claims_object(&self) -> JsonObject<'b> {
        top(self.payload_text())
    }

    /// The top-level claim named `name` (unescaped comparison), of any type; `None` when
    /// absent. Registered claims are here too, as written.
    ///
    /// ```
    /// # use tinyjwt_core::{Algorithm, BoundKey, Error, HmacSecret, KeyMaterial, Policy, SignatureBackend, Strength, Verifier};
    /// # use tinyjwt_core::payload::ClaimValue;
    /// # struct AcceptAll;
    /// # impl SignatureBackend for AcceptAll {
    /// #     type Key = ();
    /// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
    /// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
    /// # }
    /// # let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
    /// # let mut verifier: Verifier<_> = Verifier::new(AcceptAll, Policy::new())?;
    /// # verifier.keys_mut().add_key(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?, None)?;
    /// # let token = "eyJhbGciOiJIUzI1NiJ9.\
    /// #     eyJleHAiOjIwMDAwMDAwMDAsInRcdTAwNjVhbSI6InQxIiwidXNlciI6InUxIiwibiI6LTUsImFkbWluIjp0cnVl\
    /// #     LCJyb2xlcyI6WyJhIiwiYiJdLCJvcmciOnsiaWQiOjd9fQ.\
    /// #     AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    /// # let mut buf = [0u8; 1024];
    /// # let verified = verifier.verify(token, 1_700_000_000, &mut buf)?;
    /// // Payload: {"exp":2000000000,"t\u0065am":"t1","user":"u1","n":-5,"admin":true,
    /// //           "roles":["a","b"],"org":{"id":7}}
    /// match verified.claim("roles") {
    ///     Some(ClaimValue::Array(roles)) => assert_eq!(roles.iter().count(), 2),
    ///     _ => unreachable!(),
    /// }
    /// assert!(matches!(verified.claim("admin"), Some(ClaimValue::Bool(true))));
    /// assert!(verified.claim("missing").is_none());
    /// # Ok::<(), Error>(())
    /// ```
    pub fn claim(&self, name: &str) -> Option<ClaimValue<'b>> {
        top(self.payload_text()).get(name)
    }

    /// Several top-level claims found in one walk over the payload: `out[i]` is
    /// [`claim`](Self::claim)`(names[i])`.
    pub fn claim_many<const N: usize>(&self, names: [&str; N]) -> [Option<ClaimValue<'b>>; N] {
        top(self.payload_text()).get_many(names)
    }

    /// The claim `name` if it is a string (still escaped: see [`JsonStr::as_str`],
    /// [`JsonStr::eq_str`], [`JsonStr::unescape_into`]); `None` if absent or not a string.
    pub fn claim_str(&self, name: &str) -> Option<JsonStr<'b>> {
        top(self.payload_text()).get_str(name)
    }

    /// Whether the claim `name` is a string whose unescaped text equals `expected`: the
    /// one-line check of an app id such as Trello's `idPlugin`.
    pub fn claim_eq(&self, name: &str, expected: &str) -> bool {
        self.claim_str(name).is_some_and(|s| s.eq_str(expected))
    }

    /// The claim `name` if it is an integer literal (digits only: no sign, fraction or
    /// exponent, so `-0` and `1e3` are `None`) that fits a `u64`.
    pub fn claim_u64(&self, name: &str) -> Option<u64> {
        top(self.payload_text()).get_u64(name)
    }

    /// The claim `name` if it is an integer literal (optional `-`, digits; no fraction or
    /// exponent) that fits an `i64`; `-0` is `0`.
    pub fn claim_i64(&self, name: &str) -> Option<i64> {
        top(self.payload_text()).get_i64(name)
    }

    /// The claim `name` if it is `true` or `false`.
    pub fn claim_bool(&self, name: &str) -> Option<bool> {
        top(self.payload_text()).get_bool(name)
    }

    /// The claim `name` if it is an array whose elements are all strings (an empty array
    /// included); `None` if absent, not an array, or any element is not a string.
    pub fn claim_str_array(&self, name: &str) -> Option<StrArray<'b>> {
        top(self.payload_text()).get_str_array(name)
    }
}

#[cfg(test)]
mod tests;
