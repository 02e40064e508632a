//! Typed claims: the verified payload deserialized into the caller's own struct.
//!
//! serde-json-core does the work without allocating. Two details make it safe here:
//! the payload was already checked by tinyjwt's strict parser (no duplicate members, depth
//! capped, valid UTF-8), and strings are deserialized with an unescape buffer, so a
//! `heapless::String` field receives unescaped text and a borrowed `&str` field refuses
//! escaped text instead of silently returning it still escaped (`a\/b`).
//!
//! serde-json-core recurses once per nesting level, also through members the target type
//! ignores, so the payload's depth cap ([`MAX_PAYLOAD_DEPTH`](crate::limits::MAX_PAYLOAD_DEPTH),
//! 64) bounds its stack (x86_64: a payload 64 deep verifies and deserializes in a 16 KiB
//! thread stack in release, 48 KiB in debug; `tests/typed.rs` asserts 64 KiB).

use crate::error::Error;

/// Size of the stack buffer used to unescape one string (or member name) during
/// [`Verified::deserialize`](crate::Verified::deserialize).
pub const UNESCAPE_BUF_LEN: usize = 512;

pub(crate) fn deserialize<'b, T: serde::Deserialize<'b>>(payload: &'b [u8]) -> Result<T, Error> {
    let mut scratch = [0u8; UNESCAPE_BUF_LEN];
    deserialize_with(payload, &mut scratch)
}

pub(crate) fn deserialize_with<'b, T: serde::Deserialize<'b>>(
    payload: &'b [u8],
    scratch: &mut [u8],
) -> Result<T, Error> {
    serde_json_core::from_slice_escaped(payload, scratch)
        .map(|(value, _)| value)
        .map_err(|_| Error::ClaimsMismatch)
}
