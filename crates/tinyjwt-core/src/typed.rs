//! Typed claims: the verified payload deserialized into the caller's own struct.
//!
//! The payload was already checked by tinyjwt's strict parser (no duplicate members, depth
//! capped, valid UTF-8, RFC 8259 grammar), so serde reads it with tinyjwt's own
//! `Deserializer` over that text (`typed/de.rs`): no second validation, no allocation. Strings
//! without escapes are borrowed from the payload (a `&str` field works); strings with escapes
//! are unescaped into a buffer, so a `heapless::String` field receives unescaped text and a
//! borrowed `&str` field refuses escaped text ([`Error::ClaimsMismatch`]) instead of silently
//! returning it still escaped (`a\/b`).
//!
//! Member names without escapes are handed to serde's identifier visitors as bytes (no UTF-8
//! check per name): derived `Deserialize` impls accept that, also through `flatten` and tagged
//! enums; a hand-written identifier visitor must implement `visit_bytes` besides `visit_str`.
//!
//! The deserializer recurses once per nesting level the target type walks into (members it
//! ignores are skipped without recursion), so the payload's depth cap
//! ([`MAX_PAYLOAD_DEPTH`](crate::limits::MAX_PAYLOAD_DEPTH), 64) bounds its stack:
//! `tests/typed.rs` verifies and deserializes a payload 64 deep (the nesting skipped) in a
//! 64 KiB thread stack, `tests/typed_props.rs` one walked 64 deep into a
//! `serde_json::Value` in 128 KiB (debug build, x86_64).

mod de;

use crate::error::Error;

/// Size of the stack buffer used to unescape one string (or member name) during
/// [`Verified::deserialize`](crate::Verified::deserialize).
pub const UNESCAPE_BUF_LEN: usize = 512;

pub(crate) fn deserialize<'b, T: serde::Deserialize<'b>>(payload: &'b str) -> Result<T, Error> {
    // Most payloads have no escaped string the target type reads: try without a buffer
    // first (no 512-byte stack buffer to initialise), and only if some string needed one,
    // read again with it.
    let mut d = de::Deserializer::new(payload, &mut []);
    let first = T::deserialize(&mut d);
    if !d.scratch_short {
        return first.map_err(Error::from);
    }
    drop(first);
    let mut scratch = [0u8; UNESCAPE_BUF_LEN];
    deserialize_with(payload, &mut scratch)
}

pub(crate) fn deserialize_with<'b, T: serde::Deserialize<'b>>(
    payload: &'b str,
    scratch: &mut [u8],
) -> Result<T, Error> {
    let mut d = de::Deserializer::new(payload, scratch);
    T::deserialize(&mut d).map_err(Error::from)
}
