//! Every capacity limit in one place.
//!
//! Limits bound the work an attacker can cause before the signature is checked, and the
//! stack a verification needs. Exceeding one gives [`crate::Error::TooLarge`] naming it.

/// Default maximum length of a whole compact token, in bytes (see
/// [`crate::Verifier::max_token_len`] to change it per verifier).
pub const DEFAULT_MAX_TOKEN_LEN: usize = 16 * 1024;

/// Maximum decoded header length. The header is parsed before the signature is checked, so
/// it is kept small; real headers are under 200 bytes.
pub const MAX_HEADER_LEN: usize = 1024;

/// Maximum decoded signature length: a 8192-bit RSA signature.
pub const MAX_SIGNATURE_LEN: usize = 1024;

/// Maximum length of a `kid`, in bytes after unescaping.
pub const MAX_KID_LEN: usize = 128;

/// Maximum number of entries in an `aud` array.
pub const MAX_AUDIENCES: usize = 16;

/// Maximum JSON nesting depth (objects and arrays) of a token's header. The header is parsed
/// before the signature is checked and real ones are flat, so it stays small.
pub const MAX_HEADER_DEPTH: usize = 16;

/// Maximum JSON nesting depth (objects and arrays) of a token's payload, and the default of
/// [`crate::json::Parser`] (key documents: JWK, JWK Set, PEM lists). Depth 64 is accepted,
/// 65 is [`crate::Error::TooDeep`]. jose and PyJWT have no limit and serde_json's is 128;
/// the parser keeps no recursion and two bytes per level, so depth is cheap.
pub const MAX_PAYLOAD_DEPTH: usize = 64;

/// Maximum number of member names the JSON objects open at one time hold together: an
/// object's members so far plus those read so far of every object around it (the member
/// whose value is open included). So one object has at most 256 members, a nested one 256
/// less its ancestors' count; siblings and array elements do not add up (a closed object's
/// names are dropped). The parser keeps these names (4 bytes each) for duplicate detection,
/// and the cap bounds that to at most 44 steps per input byte in the worst case, whatever the
/// nesting (the proof is in [`crate::json`]). More is
/// [`crate::Error::TooLarge`]`(`[`crate::Limit::ObjectMembers`]`)`. Real headers, claim sets
/// and JWKs have a few dozen members at most.
pub const MAX_OBJECT_MEMBERS: usize = 256;

/// Maximum number of names in a header's `crit` list.
pub const MAX_CRIT: usize = 8;

/// Maximum number of extra claim names a policy can require.
pub const MAX_REQUIRED_CLAIMS: usize = 32;

// No limit on NumericDates: any JSON number is one (RFC 7519 §2), read exactly and saturated
// at ±2^66 s where no `u64` clock can tell the difference (see `crate::NumericDate`). The
// `MAX_NUMERIC_DATE` of earlier versions (9999-12-31) is gone.

/// Smallest RSA modulus accepted by default, in bits.
pub const MIN_RSA_BITS: usize = 2048;

/// Largest RSA modulus accepted, in bits.
pub const MAX_RSA_BITS: usize = 8192;

/// A good default size for the buffer passed to [`crate::Verifier::verify`]: it holds the
/// decoded header and payload of typical platform tokens with room to spare.
pub const DEFAULT_BUFFER_LEN: usize = 2048;

// Limits of the key parsers, defined beside the code they bound and gathered here.
pub use crate::der::MAX_DER_LEN;
pub use crate::jwk::{JWK_SCRATCH_LEN, MAX_JWK_LEN};
pub use crate::jwks::MAX_JWKS_LEN;
pub use crate::pem::{MAX_PEM_LEN, MAX_PEM_LIST_LEN, PEM_SCRATCH_LEN};

/// The shortest JWK Set member that can yield a key, with the comma that separates it from
/// the next: `{"kty":"oct","k":"AA"},` (23 bytes: a one-byte HMAC secret, loadable only with
/// weak keys and symmetric members allowed). Every other usable member is longer.
pub const MIN_JWK_MEMBER_LEN: usize = 23;

/// The most keys one JWK Set of at most [`MAX_JWKS_LEN`] bytes can yield: a verifier with
/// this capacity `K` never runs out of room for a set the parser accepts.
pub const MAX_JWKS_KEYS: usize = MAX_JWKS_LEN / MIN_JWK_MEMBER_LEN;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_usable_member_is_min_jwk_member_len() {
        assert_eq!(r#"{"kty":"oct","k":"AA"},"#.len(), MIN_JWK_MEMBER_LEN);
        assert_eq!(MAX_JWKS_KEYS, 2849);
    }
}
