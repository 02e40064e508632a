//! A `serde::Deserializer` over the verified payload: text the strict parser has already
//! validated (UTF-8, RFC 8259 grammar, no duplicate members, depth capped), so reading it
//! needs no checks, only the claim lookup's cursor ([`crate::payload`]).
//!
//! - No allocation. A string without escapes is handed to the visitor borrowed from the
//!   payload (`visit_borrowed_str`, so `&str` fields work); one with escapes is unescaped into
//!   the caller's scratch buffer and handed over with `visit_str`, which a `heapless::String`
//!   or `String` field accepts and a borrowed `&str` field refuses (never still-escaped text).
//! - Member names without escapes reach `deserialize_identifier`'s visitor as borrowed
//!   bytes, which skips a UTF-8 check per name (about 650 of 2,650 instructions on the Miro
//!   fixture). serde's derived field visitors (also through `flatten` and tagged enums) take
//!   bytes; a hand-written identifier visitor must implement `visit_bytes` as well as
//!   `visit_str`. Names with escapes are unescaped and visited with `visit_str`.
//! - Members the target type ignores are skipped with the cursor (brackets counted, strings
//!   jumped over), without visiting them.
//! - The deserializer recurses once per nesting level the *target type* walks into, so its
//!   depth is bounded by the payload's validated depth,
//!   [`MAX_PAYLOAD_DEPTH`](crate::limits::MAX_PAYLOAD_DEPTH) (64); skipped values cost no
//!   recursion at all.
//! - Numbers keep serde_json's conventions: an integer literal is visited as `u64` (or `i64`
//!   when negative), any other number (a fraction, an exponent, an integer beyond 64 bits) as
//!   the nearest `f64`; integer fields take integer literals only, range checked by serde;
//!   a number beyond the finite `f64` range (`1e400`) is an error.

use core::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

use crate::error::{Error, Limit};
use crate::json::JsonStr;
use crate::payload::{Cursor, name_end, string_end_escaped, value_end};

/// The error inside serde, one byte (so every `Result` serde passes around stays small);
/// [`Verified::deserialize`](crate::Verified::deserialize) returns it as an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeError {
    /// [`Error::ClaimsMismatch`].
    Mismatch,
    /// [`Error::TooLarge`]`(`[`Limit::Value`]`)`: an escaped string longer than the buffer.
    TooLarge,
}

impl From<DeError> for Error {
    fn from(e: DeError) -> Error {
        match e {
            DeError::Mismatch => Error::ClaimsMismatch,
            DeError::TooLarge => Error::TooLarge(Limit::Value),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Error::from(*self), f)
    }
}

impl core::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        DeError::Mismatch
    }
}

type Result<T> = core::result::Result<T, DeError>;

const MISMATCH: DeError = DeError::Mismatch;

/// A string read from the payload: borrowed when it had no escapes.
enum Text<'de, 's> {
    Borrowed(&'de str),
    Unescaped(&'s str),
}

/// Deserializes from validated JSON text.
pub(crate) struct Deserializer<'de, 's> {
    cur: Cursor<'de>,
    scratch: &'s mut [u8],
    /// Set when a string did not fit `scratch` (even if the target type then swallowed the
    /// error): the caller may retry with a larger buffer.
    pub(crate) scratch_short: bool,
}

impl<'de, 's> Deserializer<'de, 's> {
    /// `text` must be JSON the strict parser validated (anything else gives an error, never
    /// a panic).
    pub(crate) fn new(text: &'de str, scratch: &'s mut [u8]) -> Self {
        Deserializer {
            cur: Cursor::new(text, 0),
            scratch,
            scratch_short: false,
        }
    }

    #[inline]
    fn peek(&mut self) -> Result<u8> {
        self.cur.peek_ws().ok_or(MISMATCH)
    }

    /// Consumes `c` (after whitespace) or fails.
    #[inline]
    fn expect(&mut self, c: u8) -> Result<()> {
        if self.peek()? == c {
            self.cur.pos += 1;
            Ok(())
        } else {
            Err(MISMATCH)
        }
    }

    /// The raw string at the cursor (a `"` after whitespace): its text and whether it has
    /// escapes.
    #[inline]
    fn raw_str(&mut self) -> Result<JsonStr<'de>> {
        if self.peek()? != b'"' {
            return Err(MISMATCH);
        }
        let start = self.cur.pos;
        let (end, escaped) = string_end_escaped(self.cur.b, start).ok_or(MISMATCH)?;
        self.cur.pos = end + 1;
        let raw = self.cur.t.get(start + 1..end).ok_or(MISMATCH)?;
        Ok(JsonStr::new(raw, escaped))
    }

    /// The string at the cursor as raw bytes and whether it has escapes, without the UTF-8
    /// check a `&str` costs (for identifiers, which serde's derived field visitors also
    /// accept as bytes).
    #[inline]
    fn raw_bytes(&mut self) -> Result<(&'de [u8], bool)> {
        if self.peek()? != b'"' {
            return Err(MISMATCH);
        }
        let start = self.cur.pos;
        let (end, escaped) = name_end(self.cur.b, start).ok_or(MISMATCH)?;
        self.cur.pos = end + 1;
        Ok((self.cur.b.get(start + 1..end).ok_or(MISMATCH)?, escaped))
    }

    #[inline]
    fn text(&mut self) -> Result<Text<'de, '_>> {
        let s = self.raw_str()?;
        match s.as_str() {
            Some(b) => Ok(Text::Borrowed(b)),
            None => unescape(s, self.scratch, &mut self.scratch_short).map(Text::Unescaped),
        }
    }

    /// The number literal at the cursor (after whitespace).
    fn number(&mut self) -> Result<&'de str> {
        let b = self.cur.b;
        let start = self.cur.pos;
        if !matches!(b.get(start), Some(b'-' | b'0'..=b'9')) {
            return Err(MISMATCH);
        }
        let end = value_end(b, start).ok_or(MISMATCH)?;
        self.cur.pos = end;
        self.cur.t.get(start..end).ok_or(MISMATCH)
    }

    /// Consumes the literal `word` (`null`, `true`, `false`) at the cursor.
    fn literal(&mut self, word: &[u8]) -> Result<()> {
        let end = self.cur.pos + word.len();
        if self.cur.b.get(self.cur.pos..end) == Some(word) {
            self.cur.pos = end;
            Ok(())
        } else {
            Err(MISMATCH)
        }
    }

    fn visit_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let n = crate::json::Number::new(self.number()?);
        if n.is_integer_literal() {
            if n.is_negative() {
                if let Some(v) = n.as_i64() {
                    return visitor.visit_i64(v);
                }
            } else if let Some(v) = n.as_u64() {
                return visitor.visit_u64(v);
            }
        }
        visitor.visit_f64(n.as_f64().ok_or(MISMATCH)?)
    }

    /// An integer literal for a `u128`/`i128` target.
    fn int128<T: core::str::FromStr>(&mut self) -> Result<T> {
        let n = crate::json::Number::new(self.number()?);
        if !n.is_integer_literal() {
            return Err(MISMATCH);
        }
        n.raw().parse().map_err(|_| MISMATCH)
    }

    /// An integer literal (for every integer target): `u64` or `i64` for serde's primitive
    /// visitors, which check the target's range.
    fn visit_int<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.peek()?;
        let n = crate::json::Number::new(self.number()?);
        if n.is_negative() {
            visitor.visit_i64(n.as_i64().ok_or(MISMATCH)?)
        } else {
            visitor.visit_u64(n.as_u64().ok_or(MISMATCH)?)
        }
    }

    fn visit_float<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.peek()?;
        let v = crate::json::Number::new(self.number()?)
            .as_f64()
            .ok_or(MISMATCH)?;
        visitor.visit_f64(v)
    }
}

/// `s` unescaped into `scratch`; notes in `short` when it does not fit.
fn unescape<'s>(s: JsonStr<'_>, scratch: &'s mut [u8], short: &mut bool) -> Result<&'s str> {
    s.unescape_into(scratch).map_err(|_| {
        *short = true;
        DeError::TooLarge
    })
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'"' => self.deserialize_str(visitor),
            b'[' => self.deserialize_seq(visitor),
            b'{' => self.deserialize_map(visitor),
            _ => self.visit_number(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            _ => Err(MISMATCH),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_int(visitor)
    }
    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.peek()?;
        visitor.visit_i128(self.int128()?)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.peek()?;
        visitor.visit_u128(self.int128()?)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_float(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_float(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // serde's char visitor takes a one-character string.
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.text()? {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Unescaped(s) => visitor.visit_str(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// A string's (unescaped) UTF-8 bytes, or an array of numbers as a sequence.
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'[' => self.deserialize_seq(visitor),
            _ => match self.text()? {
                Text::Borrowed(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
                Text::Unescaped(s) => visitor.visit_bytes(s.as_bytes()),
            },
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.peek()?;
        self.literal(b"null")?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = visitor.visit_seq(Seq { de: self })?;
        // A visitor that stopped early (a tuple shorter than the array) leaves elements:
        // serde_json calls that an error too.
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'{')?;
        let value = visitor.visit_map(Map { de: self })?;
        self.expect(b'}')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek()? {
            b'[' => self.deserialize_seq(visitor),
            _ => self.deserialize_map(visitor),
        }
    }

    /// `"Variant"` is a unit variant; `{"Variant": value}` a newtype, tuple or struct one.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek()? {
            b'"' => visitor.visit_enum(Enum {
                de: self,
                unit: true,
            }),
            b'{' => {
                self.cur.pos += 1;
                let value = visitor.visit_enum(Enum {
                    de: &mut *self,
                    unit: false,
                })?;
                self.expect(b'}')?;
                Ok(value)
            }
            _ => Err(MISMATCH),
        }
    }

    /// A name without escapes goes to the visitor as bytes: serde's derived field visitors
    /// match bytes as well as strings, and bytes need no UTF-8 check.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (raw, escaped) = self.raw_bytes()?;
        if !escaped {
            return visitor.visit_borrowed_bytes(raw);
        }
        let raw = core::str::from_utf8(raw).map_err(|_| MISMATCH)?;
        let s = unescape(
            JsonStr::new(raw, true),
            self.scratch,
            &mut self.scratch_short,
        )?;
        visitor.visit_str(s)
    }

    /// Skips the value with the cursor: nothing inside it is visited.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.peek()?;
        self.cur.skip_value().ok_or(MISMATCH)?;
        visitor.visit_unit()
    }
}

/// The elements of an array (after its `[`).
struct Seq<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.de.peek()? {
            b']' => return Ok(None),
            b',' => self.de.cur.pos += 1,
            _ => {}
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The members of an object (after its `{`).
struct Map<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.de.peek()? {
            b'}' => return Ok(None),
            b',' => self.de.cur.pos += 1,
            _ => {}
        }
        seed.deserialize(Key { de: &mut *self.de }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.expect(b':')?;
        seed.deserialize(&mut *self.de)
    }
}

/// A member name: a string, which serde may want as an identifier, a string, or (for maps
/// keyed by numbers or enums) parsed from its text.
struct Key<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.de.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_identifier(self.de, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Enum {
            de: self.de,
            unit: true,
        })
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.de.text()? {
            Text::Borrowed("true") | Text::Unescaped("true") => visitor.visit_bool(true),
            Text::Borrowed("false") | Text::Unescaped("false") => visitor.visit_bool(false),
            _ => Err(MISMATCH),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(key_parse(self.de)?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(key_parse(self.de)?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(key_parse(self.de)?)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(key_parse(self.de)?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(key_parse(self.de)?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(key_parse(self.de)?)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(key_parse(self.de)?)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(key_parse(self.de)?)
    }
    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i128(key_parse(self.de)?)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u128(key_parse(self.de)?)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(key_parse(self.de)?)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(key_parse(self.de)?)
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        ignored_any
    }
}

/// A member name's text parsed as a number (maps keyed by numbers, as serde_json allows).
fn key_parse<T: core::str::FromStr>(de: &mut Deserializer<'_, '_>) -> Result<T> {
    match de.text()? {
        Text::Borrowed(s) | Text::Unescaped(s) => s.parse().map_err(|_| MISMATCH),
    }
}

/// An enum: a variant name, then (for `{"V": value}`) its content.
struct Enum<'a, 'de, 's> {
    de: &'a mut Deserializer<'de, 's>,
    /// Written as a bare string: a unit variant, no content.
    unit: bool,
}

impl<'de> de::EnumAccess<'de> for Enum<'_, 'de, '_> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(&mut *self.de)?;
        if !self.unit {
            self.de.expect(b':')?;
        }
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        if self.unit {
            Ok(())
        } else {
            de::Deserialize::deserialize(&mut *self.de)
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        if self.unit {
            return Err(MISMATCH);
        }
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        if self.unit {
            return Err(MISMATCH);
        }
        de::Deserializer::deserialize_seq(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.unit {
            return Err(MISMATCH);
        }
        de::Deserializer::deserialize_map(&mut *self.de, visitor)
    }
}
