//! Strict RFC 8259 JSON pull parser: zero-copy, allocation-free, no recursion.
//!
//! The parser reads attacker-controlled bytes, so it is strict and bounded:
//!
//! - The input must be UTF-8 (checked up front with [`core::str::from_utf8`]).
//! - Exactly RFC 8259: no comments, trailing commas, single quotes, `NaN`/`Infinity`, leading
//!   zeros or `+` signs; only space, tab, LF and CR as whitespace; control characters in strings
//!   must be escaped; escapes are exactly `\" \\ \/ \b \f \n \r \t \uXXXX`, and `\u` surrogates
//!   must form a high-then-low pair (lone or reversed surrogates are rejected).
//! - Exactly one value, then only whitespace.
//! - Nesting depth is capped by the const generic `D` (default
//!   [`MAX_PAYLOAD_DEPTH`](crate::limits::MAX_PAYLOAD_DEPTH); token headers use
//!   [`MAX_HEADER_DEPTH`](crate::limits::MAX_HEADER_DEPTH)); depth `D` is accepted, `D + 1`
//!   is [`Error::TooDeep`]. The parser keeps two bytes per level and never recurses.
//! - A member name repeated in *any* object is [`Error::DuplicateMember`], comparing
//!   unescaped names (`{"alg":1,"\u0061lg":2}` is a duplicate), also inside values that are
//!   skipped.
//!
//! Strings come back as [`JsonStr`], the raw bytes between the quotes (no copy); numbers as
//! [`Number`], the literal text.
//!
//! # Duplicate detection and its cost
//!
//! After the UTF-8 check the parser reads the input in one forward pass, each byte once
//! (strings eight bytes at a time). Duplicate detection never reads a value again: it keeps,
//! for every open object, the input offsets of the member names read so far, one run per
//! object on a fixed stack of [`MAX_OBJECT_MEMBERS`] entries (an object's run is dropped when
//! it closes). Names are compared unescaped (`{"alg":1,"\u0061lg":2}` is a duplicate).
//!
//! - The innermost object's run starts unsorted, behind a 128-bit filter of name hashes: a
//!   name the filter has not seen is appended (one hash, the common case). A filter hit
//!   compares the name with the run's names one by one, at most 4 times per object.
//! - After that, or as soon as an object opens inside it, the run is sorted (binary
//!   insertion), and every later name is a binary search of its own object's run plus an
//!   insertion, comparing text. Runs of the objects around the innermost one are sorted.
//!
//! Hashes only decide when to stop being fast: an input that makes every name collide gets
//! sorted runs, whose cost does not depend on hashes at all.
//!
//! **Bound.** Counting as one step each filter check, each comparison of two names (probe or
//! linear), each character pair a comparison looks at (a step reads at most 12 input bytes
//! per side: an escaped surrogate pair) and each entry shifted by an insertion, duplicate
//! detection takes at most **44 steps per input byte**, whatever the nesting. A member's
//! name, quotes and colon, and the comma before every member but the first, are `e >= r + 3`
//! bytes (`r`: the name's raw length) that no other member shares. Each name is inserted into
//! a sorted run once at most (when it arrives, or when its run is sorted), and inserting the
//! `i`-th name of an object (`i <= 255` earlier names) takes at most 8 probes of at most
//! `r + 2` steps, which with the filter check is at most `8e`; and at most `i` shifts: an object
//! of `k <= 256` members shifts at most `k(k - 1)/2` entries over at least `4k - 1` such
//! bytes, under 32 per byte. A linear check costs under `e` steps per earlier name (a
//! comparison stops at the end of the shorter name), so at most 4 of them cost under 4 per
//! byte. The cap of [`MAX_OBJECT_MEMBERS`] names held by the open objects together (more is
//! [`Error::TooLarge`]`(`[`Limit::ObjectMembers`]`)`) keeps the shifts per byte and the
//! memory bounded. The unit tests count these steps on adversarial shapes (long shared
//! prefixes, names in descending order, escapes, names whose hashes collide, 15 and 63
//! levels) and check the bound; the worst found takes 22 steps per byte. (The scheme before
//! this one, a filter per level with a rescan of the object's text, nested values included,
//! on every hit, took about 256 × depth steps per byte on crafted input.)
//!
//! # The flat fast path
//!
//! Token headers and claims sets are nearly always one flat object. [`Claims`] and
//! [`Header`] first try a single pass (`json/flat.rs`), which reads a strict subset of this grammar
//! (no nested objects, plain member names, at most 16 members) and gives up on anything else;
//! the general parser then reads the text again and has the last word, so no verdict or
//! error depends on which path ran. Work stays linear: at most two passes.
//!
//! [`Claims`]: crate::claims::Claims
//! [`Header`]: crate::header::Header
//!
//! # Use
//!
//! ```
//! use tinyjwt_core::json::{Parser, Value};
//! use tinyjwt_core::{Error, Part};
//!
//! # fn main() -> Result<(), Error> {
//! let mut p = Parser::<16>::new(br#"{"exp":1700000000,"aud":["a","b"],"x":{"y":[1]}}"#, Part::Payload)?;
//! let mut exp = None;
//! p.begin_object()?;
//! while let Some(k) = p.next_key()? {
//!     if k.eq_str("exp") {
//!         match p.value()? {
//!             Value::Number(n) => exp = n.as_u64(),
//!             Value::ArrayStart | Value::ObjectStart => p.skip_rest()?,
//!             _ => {}
//!         }
//!     } else {
//!         p.skip_value()?;
//!     }
//! }
//! p.finish()?;
//! assert_eq!(exp, Some(1_700_000_000));
//! # Ok(()) }
//! ```

pub(crate) mod flat;
mod names;
mod number;
mod string;
#[cfg(test)]
mod tests;

pub use number::Number;
pub use string::{Chars, JsonStr};

use crate::error::{Error, Limit, Part};
#[cfg(doc)]
use crate::limits::MAX_OBJECT_MEMBERS;
use names::Names;
use string::{decode_escape, find_special};

/// One JSON value, or the start of a container, as read by [`Parser::value`] and
/// [`Parser::next_element`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its literal text.
    Number(Number<'a>),
    /// A string, raw (escapes intact).
    String(JsonStr<'a>),
    /// `[` was read: continue with [`Parser::next_element`] or [`Parser::skip_rest`].
    ArrayStart,
    /// `{` was read: continue with [`Parser::next_key`] or [`Parser::skip_rest`].
    ObjectStart,
}

/// Marks a frame as an array (objects store where their run of names begins).
const ARRAY: u16 = u16::MAX;

/// Internal failure, one byte; turned into an [`Error`] tagged with the part at the API edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    Bad,
    Duplicate,
    Deep,
    Members,
}

type R<T> = Result<T, Fail>;

/// A pull parser over one JSON document, nesting at most `D` levels deep.
///
/// The parser is a small state machine. At any moment it expects one of:
///
/// - a **value** (at the start, and after [`next_key`](Self::next_key) returned a name):
///   call [`value`](Self::value), [`begin_object`](Self::begin_object),
///   [`begin_array`](Self::begin_array) or [`skip_value`](Self::skip_value);
/// - the **next member** of the innermost object (after `{` or a member's value): call
///   [`next_key`](Self::next_key);
/// - the **next element** of the innermost array: call [`next_element`](Self::next_element);
/// - the **end**, once the top-level value is complete: call [`finish`](Self::finish).
///
/// [`skip_rest`](Self::skip_rest) leaves the innermost open container from any of the middle
/// three states. Calling a method in the wrong state is an error ([`Error::BadJson`]), never a
/// panic. After any error the parser is spent: every later call returns that same error.
///
/// The parser itself holds `D` frames of 2 bytes and the names of the open objects
/// ([`MAX_OBJECT_MEMBERS`] entries of 4 bytes), about 1.2 KiB with the default `D`.
#[derive(Debug, Clone)]
pub struct Parser<'a, const D: usize = { crate::limits::MAX_PAYLOAD_DEPTH }> {
    text: &'a str,
    pos: usize,
    part: Part,
    /// A value must be read next.
    need_value: bool,
    /// The innermost container has no member/element yet.
    first: bool,
    failed: Option<Fail>,
    /// Number of open containers; `<= D`.
    depth: usize,
    /// Per level: [`ARRAY`], or for an object where its run in `names` begins.
    frames: [u16; D],
    /// The member names of the open objects, for duplicate detection.
    names: Names,
}

impl<'a, const D: usize> Parser<'a, D> {
    /// Starts parsing `input`, a whole JSON document. `part` tags the errors.
    ///
    /// # Errors
    /// [`Error::BadJson`] if `input` is not UTF-8;
    /// [`Error::TooLarge`]`(`[`Limit::Value`]`)` if it is 2 GiB or longer.
    // Always inlined, so that the caller's `?` need not copy the parser (1.2 KiB) out of the
    // `Result` (on the Cortex-M3, with `header::has_member` kept out of line, this took
    // HS256's verify stack from 4692 to 3724 bytes).
    #[inline(always)]
    pub fn new(input: &'a [u8], part: Part) -> Result<Self, Error> {
        if input.len() > names::MAX_OFFSET {
            return Err(Error::TooLarge(Limit::Value));
        }
        let text = core::str::from_utf8(input).map_err(|_| Error::BadJson(part))?;
        Ok(Parser {
            text,
            pos: 0,
            part,
            need_value: true,
            first: false,
            failed: None,
            depth: 0,
            // Written by `push` before they are read; zero keeps the new parser one `memset`.
            frames: [0; D],
            names: Names::new(),
        })
    }

    /// The byte offset of the next unread input.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The number of currently open arrays and objects.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The input text in `[from, to)`, or `""` if that is not a range of the input.
    pub(crate) fn text_between(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    /// The input part this parser reports errors for.
    pub fn part(&self) -> Part {
        self.part
    }

    /// Reads the value at the current position: the top-level value, a member's value after
    /// [`next_key`](Self::next_key). For `[` and `{` it returns [`Value::ArrayStart`] or
    /// [`Value::ObjectStart`] and the parser is then inside that container.
    ///
    /// # Errors
    /// [`Error::BadJson`] for invalid JSON or when no value is expected here;
    /// [`Error::TooDeep`] when a container would exceed depth `D`.
    pub fn value(&mut self) -> Result<Value<'a>, Error> {
        self.check()?;
        let r = self.value_inner();
        self.record(r)
    }

    /// Reads a value that must be an object (`{`), like [`value`](Self::value) returning
    /// [`Value::ObjectStart`]; continue with [`next_key`](Self::next_key).
    ///
    /// # Errors
    /// [`Error::BadJson`] if the next value is not an object; as [`value`](Self::value).
    pub fn begin_object(&mut self) -> Result<(), Error> {
        self.check()?;
        let r = self.begin(b'{');
        self.record(r)
    }

    /// Reads a value that must be an array (`[`), like [`value`](Self::value) returning
    /// [`Value::ArrayStart`]; continue with [`next_element`](Self::next_element).
    ///
    /// # Errors
    /// [`Error::BadJson`] if the next value is not an array; as [`value`](Self::value).
    pub fn begin_array(&mut self) -> Result<(), Error> {
        self.check()?;
        let r = self.begin(b'[');
        self.record(r)
    }

    /// Inside an object: reads the next member's name (handling `,` and `:`), after which the
    /// member's value must be read ([`value`](Self::value)) or skipped
    /// ([`skip_value`](Self::skip_value)). Returns `None` after consuming the closing `}`.
    ///
    /// # Errors
    /// [`Error::DuplicateMember`] if the object already has a member of this (unescaped) name;
    /// [`Error::BadJson`] for invalid JSON or when the parser is not between members of an
    /// object.
    pub fn next_key(&mut self) -> Result<Option<JsonStr<'a>>, Error> {
        self.check()?;
        let r = self.next_key_inner();
        self.record(r)
    }

    /// Inside an array: reads the next element (handling `,`), or returns `None` after
    /// consuming the closing `]`.
    ///
    /// # Errors
    /// As [`value`](Self::value); [`Error::BadJson`] also when the parser is not between
    /// elements of an array.
    pub fn next_element(&mut self) -> Result<Option<Value<'a>>, Error> {
        self.check()?;
        let r = self.next_element_inner();
        self.record(r)
    }

    /// Skips the value at the current position (typically a member's value after
    /// [`next_key`](Self::next_key)), validating all of it, nested containers included, and
    /// checking their objects for duplicate names.
    ///
    /// # Errors
    /// As [`value`](Self::value), [`next_key`](Self::next_key) and
    /// [`next_element`](Self::next_element), for anything inside the skipped value.
    pub fn skip_value(&mut self) -> Result<(), Error> {
        self.check()?;
        let r = self.skip_value_inner();
        self.record(r)
    }

    /// Skips, validating, the rest of the innermost open array or object, through its closing
    /// bracket (typically right after [`value`](Self::value) returned [`Value::ArrayStart`] or
    /// [`Value::ObjectStart`], or to leave an object once the wanted members were read).
    ///
    /// # Errors
    /// As [`skip_value`](Self::skip_value); [`Error::BadJson`] if no container is open.
    pub fn skip_rest(&mut self) -> Result<(), Error> {
        self.check()?;
        let r = match self.depth.checked_sub(1) {
            Some(target) => self.skip_to(target),
            None => Err(Fail::Bad),
        };
        self.record(r)
    }

    /// Ends parsing: the top-level value must be complete (all containers closed) and only
    /// whitespace may follow it.
    ///
    /// # Errors
    /// [`Error::BadJson`] otherwise (or the error that stopped the parser before).
    // Always inlined: `self` is taken by value, and a call would copy the parser (1.2 KiB).
    #[inline(always)]
    pub fn finish(mut self) -> Result<(), Error> {
        self.check()?;
        let r = if self.need_value || self.depth != 0 {
            Err(Fail::Bad)
        } else {
            self.skip_ws();
            if self.pos == self.text.len() {
                Ok(())
            } else {
                Err(Fail::Bad)
            }
        };
        self.record(r)
    }

    // ----- internals -------------------------------------------------------------------------

    #[inline]
    fn error(&self, f: Fail) -> Error {
        match f {
            Fail::Bad => Error::BadJson(self.part),
            Fail::Duplicate => Error::DuplicateMember(self.part),
            Fail::Deep => Error::TooDeep(self.part),
            Fail::Members => Error::TooLarge(Limit::ObjectMembers),
        }
    }

    #[inline]
    fn check(&self) -> Result<(), Error> {
        match self.failed {
            Some(f) => Err(self.error(f)),
            None => Ok(()),
        }
    }

    #[inline]
    fn record<T>(&mut self, r: R<T>) -> Result<T, Error> {
        match r {
            Ok(v) => Ok(v),
            Err(f) => {
                self.failed = Some(f);
                Err(self.error(f))
            }
        }
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        self.pos = skip_ws(self.bytes(), self.pos);
    }

    /// Skips whitespace and returns the next byte (not consumed).
    #[inline]
    fn peek_token(&mut self) -> Option<u8> {
        self.skip_ws();
        self.peek()
    }

    fn begin(&mut self, open: u8) -> R<()> {
        if self.need_value && self.peek_token() == Some(open) {
            self.value_inner().map(|_| ())
        } else {
            Err(Fail::Bad)
        }
    }

    /// Kind of the innermost open container: `Some(true)` object, `Some(false)` array.
    #[inline]
    fn top_is_object(&self) -> Option<bool> {
        let i = self.depth.checked_sub(1)?;
        self.frames.get(i).map(|&f| f != ARRAY)
    }

    /// Opens an object (`object`) or an array.
    #[inline]
    fn push(&mut self, object: bool) -> R<()> {
        let d = self.depth;
        let frame = self.frames.get_mut(d).ok_or(Fail::Deep)?;
        *frame = if object {
            self.names.open(self.text)?
        } else {
            ARRAY
        };
        self.depth = d + 1; // d < D
        self.first = true;
        Ok(())
    }

    #[inline]
    fn pop(&mut self) {
        let d = self.depth.saturating_sub(1);
        if let Some(&f) = self.frames.get(d) {
            if f != ARRAY {
                self.names.close(f);
            }
        }
        self.depth = d;
        // The parent (if any) now has at least one member or element: this container.
        self.first = false;
    }

    fn value_inner(&mut self) -> R<Value<'a>> {
        if !self.need_value {
            return Err(Fail::Bad);
        }
        let v = match self.peek_token().ok_or(Fail::Bad)? {
            b'{' => {
                self.pos += 1;
                self.push(true)?;
                Value::ObjectStart
            }
            b'[' => {
                self.pos += 1;
                self.push(false)?;
                Value::ArrayStart
            }
            b'"' => Value::String(self.string()?),
            b't' => self.literal(b"true", Value::Bool(true))?,
            b'f' => self.literal(b"false", Value::Bool(false))?,
            b'n' => self.literal(b"null", Value::Null)?,
            b'-' | b'0'..=b'9' => Value::Number(self.number()?),
            _ => return Err(Fail::Bad),
        };
        self.need_value = false;
        Ok(v)
    }

    #[inline]
    fn literal(&mut self, word: &[u8], v: Value<'a>) -> R<Value<'a>> {
        self.pos = literal_end(self.bytes(), self.pos, word)?;
        Ok(v)
    }

    /// A number at `pos`.
    #[inline]
    fn number(&mut self) -> R<Number<'a>> {
        let end = number_end(self.bytes(), self.pos)?;
        let raw = self.text.get(self.pos..end).ok_or(Fail::Bad)?;
        self.pos = end;
        Ok(Number::new(raw))
    }

    /// A string starting at `pos` (which holds `"`).
    #[inline]
    fn string(&mut self) -> R<JsonStr<'a>> {
        let (close, escaped) = scan_string(self.bytes(), self.pos)?;
        let raw = self.text.get(self.pos + 1..close).ok_or(Fail::Bad)?;
        self.pos = close + 1;
        Ok(JsonStr::new(raw, escaped))
    }

    fn next_key_inner(&mut self) -> R<Option<JsonStr<'a>>> {
        if self.need_value || self.top_is_object() != Some(true) {
            return Err(Fail::Bad);
        }
        let mut c = self.peek_token();
        if c == Some(b'}') {
            // `{}` or after a member; never after a comma (that path expects a name below).
            self.pos += 1;
            self.pop();
            return Ok(None);
        }
        if !self.first {
            if c != Some(b',') {
                return Err(Fail::Bad);
            }
            self.pos += 1;
            c = self.peek_token();
        }
        if c != Some(b'"') {
            return Err(Fail::Bad);
        }
        let key_start = self.pos;
        let key = self.string()?;
        if self.peek_token() != Some(b':') {
            return Err(Fail::Bad);
        }
        self.pos += 1;
        self.first = false;
        self.check_duplicate(key, key_start)?;
        self.need_value = true;
        Ok(Some(key))
    }

    fn next_element_inner(&mut self) -> R<Option<Value<'a>>> {
        if self.need_value || self.top_is_object() != Some(false) {
            return Err(Fail::Bad);
        }
        let c = self.peek_token();
        if c == Some(b']') {
            self.pos += 1;
            self.pop();
            return Ok(None);
        }
        if self.first {
            self.first = false;
        } else if c == Some(b',') {
            self.pos += 1;
        } else {
            return Err(Fail::Bad);
        }
        self.need_value = true;
        self.value_inner().map(Some)
    }

    fn skip_value_inner(&mut self) -> R<()> {
        let target = self.depth;
        match self.value_inner()? {
            Value::ArrayStart | Value::ObjectStart => self.skip_to(target),
            _ => Ok(()),
        }
    }

    /// Reads (validating) until only `target` containers are open and no value is pending.
    ///
    /// This is the hot loop of [`validate`] and of skipping: the same grammar as
    /// `value_inner`/`next_key_inner`/`next_element_inner`, with the cursor and flags in locals.
    fn skip_to(&mut self, target: usize) -> R<()> {
        let b = self.bytes();
        let mut pos = self.pos;
        let mut first = self.first;
        let mut need_value = self.need_value;
        let r = loop {
            if need_value {
                pos = skip_ws(b, pos);
                let Some(&c) = b.get(pos) else {
                    break Err(Fail::Bad);
                };
                let end = match c {
                    b'{' | b'[' => {
                        pos += 1;
                        if let Err(f) = self.push(c == b'{') {
                            break Err(f);
                        }
                        first = true;
                        need_value = false;
                        continue;
                    }
                    c => scalar_end(b, pos, c),
                };
                match end {
                    Ok(e) => pos = e,
                    Err(f) => break Err(f),
                }
                need_value = false;
            }
            if self.depth <= target {
                break Ok(());
            }
            pos = skip_ws(b, pos);
            let c = b.get(pos).copied();
            let is_object = self.top_is_object() == Some(true);
            let close = if is_object { b'}' } else { b']' };
            if c == Some(close) {
                pos += 1;
                self.pop();
                first = false;
                continue;
            }
            if !first {
                if c != Some(b',') {
                    break Err(Fail::Bad);
                }
                pos = skip_ws(b, pos + 1);
            }
            first = false;
            need_value = true;
            if is_object {
                match self.skip_member_name(pos) {
                    Ok(after_colon) => pos = after_colon,
                    Err(f) => break Err(f),
                }
            }
        };
        self.pos = pos;
        self.first = first;
        self.need_value = need_value;
        r
    }

    /// In an object being skipped: reads the member name `"..."` and its `:` at `pos`, checks
    /// the name is not a duplicate, and returns the position after the colon.
    fn skip_member_name(&mut self, pos: usize) -> R<usize> {
        let b = self.bytes();
        if b.get(pos) != Some(&b'"') {
            return Err(Fail::Bad);
        }
        let (close, escaped) = scan_string(b, pos)?;
        let raw = self.text.get(pos + 1..close).ok_or(Fail::Bad)?;
        let colon = skip_ws(b, close + 1);
        if b.get(colon) != Some(&b':') {
            return Err(Fail::Bad);
        }
        self.check_duplicate(JsonStr::new(raw, escaped), pos)?;
        Ok(colon + 1)
    }

    /// Records `key` (whose opening quote is at `key_start`) among the innermost object's
    /// names, failing if it is already there.
    #[inline]
    fn check_duplicate(&mut self, key: JsonStr<'a>, key_start: usize) -> R<()> {
        let i = self.depth.checked_sub(1).ok_or(Fail::Bad)?;
        let base = *self.frames.get(i).ok_or(Fail::Bad)?;
        self.names.insert(self.text, base, key, key_start + 1)
    }

    /// The duplicate-detection steps taken so far (see the bound in the module docs).
    #[cfg(test)]
    pub(crate) fn dup_steps(&self) -> u64 {
        self.names.steps
    }
}

/// Index of the first non-whitespace byte at or after `i` (or `b.len()`).
#[inline]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        // Every byte but these four ends whitespace; most are above the space (one compare).
        if c > b' ' || !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        i += 1; // i < len
    }
    i
}

/// The end of the scalar (string, `true`/`false`/`null`, number) that starts with `c` at
/// `pos`, while skipping a value.
fn scalar_end(b: &[u8], pos: usize, c: u8) -> R<usize> {
    match c {
        b'"' => scan_string(b, pos).map(|(close, _)| close + 1),
        b't' => literal_end(b, pos, b"true"),
        b'f' => literal_end(b, pos, b"false"),
        b'n' => literal_end(b, pos, b"null"),
        b'-' | b'0'..=b'9' => number_end(b, pos),
        _ => Err(Fail::Bad),
    }
}

/// `word` at `i`: the index after it.
#[inline]
fn literal_end(b: &[u8], i: usize, word: &[u8]) -> R<usize> {
    if b.get(i..).unwrap_or_default().starts_with(word) {
        Ok(i + word.len())
    } else {
        Err(Fail::Bad)
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at `i`: the index after it.
#[inline]
fn number_end(b: &[u8], mut i: usize) -> R<usize> {
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i + 1),
        _ => return Err(Fail::Bad),
    }
    if b.get(i) == Some(&b'.') {
        let j = digits(b, i + 1);
        if j == i + 1 {
            return Err(Fail::Bad);
        }
        i = j;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let j = digits(b, i);
        if j == i {
            return Err(Fail::Bad);
        }
        i = j;
    }
    Ok(i)
}

/// Validates the string whose opening quote is at `open`: returns the index of its closing
/// quote and whether it contains escapes.
#[inline]
fn scan_string(b: &[u8], open: usize) -> R<(usize, bool)> {
    let mut i = open + 1;
    let mut escaped = false;
    loop {
        i = find_special(b, i);
        match b.get(i) {
            Some(b'"') => return Ok((i, escaped)),
            Some(b'\\') => {
                let rest = b.get(i + 1..).unwrap_or_default();
                let (_, used) = decode_escape(rest).ok_or(Fail::Bad)?;
                escaped = true;
                i += 1 + used; // stays <= len: `used` bytes exist after the backslash
            }
            // A control character, or the end of input inside the string.
            _ => return Err(Fail::Bad),
        }
    }
}

/// `[0-9]*` from `i`; returns the index after the last digit.
#[inline]
fn digits(b: &[u8], mut i: usize) -> usize {
    while let Some(c) = b.get(i) {
        if !c.is_ascii_digit() {
            break;
        }
        i += 1;
    }
    i
}

/// For validated input with a `"` at `i`: the index of the closing quote.
pub(crate) fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j = find_special(b, j);
        match b.get(j)? {
            b'"' => return Some(j),
            b'\\' => j += 2, // the escaped byte is never a quote that ends the string
            _ => return None,
        }
    }
}

/// Validates a whole document: strict RFC 8259, depth at most `D`, no duplicate member names
/// in any object, nothing but whitespace after the value.
///
/// # Errors
/// [`Error::BadJson`], [`Error::TooDeep`] or [`Error::DuplicateMember`], tagged with `part`.
pub fn validate<const D: usize>(input: &[u8], part: Part) -> Result<(), Error> {
    let mut p = Parser::<D>::new(input, part)?;
    p.skip_value()?;
    p.finish()
}
