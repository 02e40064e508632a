//! The flat fast path: one object of scalar (or array-of-scalar) members, the shape of nearly
//! every JOSE header and JWT claims set, read in one pass without the general [`Parser`]'s
//! state machine and name stack.
//!
//! It reads a strict *subset* of what the parser accepts, and gives up (`None`) on anything
//! else: a nested object, an array holding a container, a member name with an escape, more
//! than [`FLAT_MAX_MEMBERS`] members, a repeated name, any grammar error, an input over the
//! parser's size limit, or a `None` from the caller's callback. The caller then runs the
//! general parser on the same text, which gives the precise verdict and error. So whenever
//! this path answers, the general parser would have read the same members with the same
//! values (`tests.rs` checks this on generated and mutated input), and every strictness rule
//! of [`crate::json`] still holds: strings are validated by the same scanner, numbers by the
//! same grammar, UTF-8 by the caller's `&str`.
//!
//! **Cost.** Each input byte is read once (strings eight at a time). Duplicate detection
//! compares each name with the earlier ones (at most `FLAT_MAX_MEMBERS - 1` of them) by
//! length and first and last byte, and only on a match by text: at most 120 comparisons per
//! object, each reading at most the name's length, over an input of at least 16 names plus
//! their quotes, colons and commas: under 8 byte comparisons per input byte.
//!
//! [`Parser`]: super::Parser

use super::string::find_special;
use super::{JsonStr, Number, literal_end, names, number_end, scan_string, skip_ws};

/// Members an object may have on the flat path (more: the general parser reads it).
pub(crate) const FLAT_MAX_MEMBERS: usize = 16;

/// A member value on the flat path.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FlatValue<'a> {
    Null,
    Bool(bool),
    Number(Number<'a>),
    Str(JsonStr<'a>),
    Array(FlatArray<'a>),
}

/// An array of scalars. Small (the whole value is passed by value to the caller's callback
/// for every member): the elements are re-read from `inner`, validated text, on demand.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlatArray<'a> {
    /// The text from the first element to the closing `]` (excluded); empty for `[]`.
    pub(crate) inner: &'a str,
    /// Number of elements (saturating).
    pub(crate) len: u32,
    /// Whether every element is a string.
    pub(crate) strings: bool,
}

impl<'a> FlatArray<'a> {
    /// The first element when it is a string, and the text after it (as
    /// [`Audience`](crate::claims::Audience) keeps it).
    pub(crate) fn split_first_str(&self) -> Option<(JsonStr<'a>, &'a str)> {
        let close = super::string_end(self.inner.as_bytes(), 0)?;
        let raw = self.inner.get(1..close)?;
        let rest = self.inner.get(close + 1..)?;
        Some((JsonStr::new(raw, raw.contains('\\')), rest))
    }
}

/// Calls `f(name, value)` for each member of the object `text`, in order, and returns
/// `Some(())` when `text` is a flat object (see the [module docs](self)) and `f` accepted
/// every member; `None` as soon as either is not so (the caller then parses `text` the
/// general way, discarding what `f` gathered).
pub(crate) fn for_each_member<'a>(
    text: &'a str,
    mut f: impl FnMut(&'a str, FlatValue<'a>) -> Option<()>,
) -> Option<()> {
    if text.len() > names::MAX_OFFSET {
        return None;
    }
    let b = text.as_bytes();
    // Per name seen so far: its tag (length, first and last byte) in the high half, where it
    // starts in the low half (`text.len() <= MAX_OFFSET < 2^32`).
    let mut seen = [0u64; FLAT_MAX_MEMBERS];
    let mut count = 0usize;
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let start = i + 1;
            // A name with an escape (or a control character) is the general parser's.
            let close = find_special(b, start);
            if b.get(close) != Some(&b'"') {
                return None;
            }
            let name = text.get(start..close)?;
            let nb = name.as_bytes();
            let tag = u64::from(tag(nb)) << 32;
            for &s in seen.get(..count)? {
                if s & !0xFFFF_FFFF == tag {
                    let earlier = usize::try_from(s & 0xFFFF_FFFF).ok()?;
                    if b.get(earlier..earlier + nb.len()) == Some(nb) {
                        return None; // a duplicate: the general parser reports it
                    }
                }
            }
            *seen.get_mut(count)? = tag | u64::try_from(start).ok()?;
            count += 1;
            i = skip_ws(b, close + 1);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_ws(b, i + 1);
            let (v, end) = match b.get(i)? {
                b'[' => array(text, i)?,
                _ => scalar(text, i)?,
            };
            f(name, v)?;
            i = skip_ws(b, end);
            match b.get(i)? {
                b',' => i = skip_ws(b, i + 1),
                b'}' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_ws(b, i) == b.len()).then_some(())
}

/// Length, first and last byte of a name (the last two are 0 for an empty name).
#[inline]
fn tag(name: &[u8]) -> u32 {
    let first = name.first().copied().unwrap_or(0);
    let last = name.last().copied().unwrap_or(0);
    // Names of 2^16 bytes or more share tags by length; the text comparison still decides.
    let len = u32::try_from(name.len()).unwrap_or(u32::MAX);
    (len << 16) | (u32::from(first) << 8) | u32::from(last)
}

/// A string, number or literal at `i`: the value and the index after it.
#[inline]
fn scalar(text: &str, i: usize) -> Option<(FlatValue<'_>, usize)> {
    let b = text.as_bytes();
    Some(match *b.get(i)? {
        b'"' => {
            // Most strings have no escape: their first special byte is the closing quote.
            let close = find_special(b, i + 1);
            let (close, escaped) = if b.get(close) == Some(&b'"') {
                (close, false)
            } else {
                scan_string(b, i).ok()?
            };
            let raw = text.get(i + 1..close)?;
            (FlatValue::Str(JsonStr::new(raw, escaped)), close + 1)
        }
        b'-' | b'0'..=b'9' => {
            let end = number_end(b, i).ok()?;
            (FlatValue::Number(Number::new(text.get(i..end)?)), end)
        }
        b't' => (FlatValue::Bool(true), literal_end(b, i, b"true").ok()?),
        b'f' => (FlatValue::Bool(false), literal_end(b, i, b"false").ok()?),
        b'n' => (FlatValue::Null, literal_end(b, i, b"null").ok()?),
        _ => return None,
    })
}

/// An array of scalars whose `[` is at `open`: the value and the index after its `]`.
fn array(text: &str, open: usize) -> Option<(FlatValue<'_>, usize)> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, open + 1);
    let start = i;
    let mut len = 0u32;
    let mut strings = true;
    if b.get(i) != Some(&b']') {
        loop {
            let (v, end) = scalar(text, i)?;
            strings &= matches!(v, FlatValue::Str(_));
            len = len.saturating_add(1);
            i = skip_ws(b, end);
            match b.get(i)? {
                b',' => i = skip_ws(b, i + 1),
                b']' => break,
                _ => return None,
            }
        }
    }
    let inner = text.get(start..i)?;
    Some((
        FlatValue::Array(FlatArray {
            inner,
            len,
            strings,
        }),
        i + 1,
    ))
}

#[cfg(test)]
mod tests;
