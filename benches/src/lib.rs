//! Shared fixtures for the tinyjwt criterion benches (`cargo bench -p tinyjwt-benches`).
//!
//! Not published. Each bench file in `benches/` measures one thing beside its peers; the tokens,
//! keys and signatures they share live here so every bench measures the same inputs, and the
//! counting allocator ([`alloc_count`]) that reports heap allocations per verification.
//!
//! Every fixture is built deterministically at start-up: HMAC, EC and Ed25519 keys come from
//! fixed bytes, the RSA keys from the test-only files under `keys/`. ECDSA and Ed25519
//! signatures are deterministic (RFC 6979, RFC 8032), RSASSA-PKCS1 too; only the PSS salt is
//! random, which changes no verification cost.
#![deny(unsafe_code)] // allowed in `alloc_count` only: a `GlobalAlloc` impl is unsafe by nature
#![deny(missing_docs)]

pub mod alloc_count;
pub mod fixtures;

pub use fixtures::{Fixture, NOW, PublicKey, all_fixtures};

use tinyjwt_core::{BadSignature, BoundKey, Error, SignatureBackend};

/// A backend that accepts every signature: what is left of a verification is tinyjwt's own
/// work (split, base64url, header, key selection, claims, policy). The parse-only rows.
#[derive(Debug, Clone, Copy)]
pub struct NoCrypto;

impl SignatureBackend for NoCrypto {
    type Key = ();
    fn prepare(&self, _key: &BoundKey<'_>) -> Result<(), Error> {
        Ok(())
    }
    fn verify(&self, _key: &(), _input: &[u8], _signature: &[u8]) -> Result<(), BadSignature> {
        Ok(())
    }
}

/// A realistic HS256 token of 301 bytes: segments of 36, 220 and 43 characters, a 165-byte JSON
/// payload with the usual registered claims, signed with [`HS256_SECRET`].
///
/// Header `{"alg":"HS256","typ":"JWT"}`, payload
/// `{"iss":"https://auth.example.com/","sub":"user-1234567890","aud":"api.example.com",
/// "exp":1767225600,"iat":1735689600,"jti":"a1b2c3d4-e5f6-7890","scope":"read write"}`
/// (one line, no spaces); valid at [`HS256_NOW`].
pub const HS256_TOKEN: &str = concat!(
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
    ".",
    "eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20vIiwic3ViIjoidXNlci0xMjM0NTY3ODkwIiwiYXVkIjoiYX",
    "BpLmV4YW1wbGUuY29tIiwiZXhwIjoxNzY3MjI1NjAwLCJpYXQiOjE3MzU2ODk2MDAsImp0aSI6ImExYjJjM2Q0LWU1",
    "ZjYtNzg5MCIsInNjb3BlIjoicmVhZCB3cml0ZSJ9",
    ".",
    "bno9oGOR1R8Uw4h105K04tsFqMRx_ka6t49vRc06I9k",
);

/// The HMAC secret [`HS256_TOKEN`] is signed with (33 bytes, above the 32-byte minimum).
pub const HS256_SECRET: &[u8] = b"tinyjwt-bench-secret-0123456789ab";

/// A time (seconds since the epoch) at which [`HS256_TOKEN`] is valid: after `iat`, before `exp`.
pub const HS256_NOW: u64 = 1_750_000_000;

/// The three segments of a compact JWS (header, payload, signature), as bytes.
///
/// # Panics
/// If `token` does not have exactly three segments (fixtures only).
pub fn segments(token: &str) -> [&[u8]; 3] {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        panic!("not a three-segment token: {token}");
    };
    [h.as_bytes(), p.as_bytes(), s.as_bytes()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_shape() {
        assert_eq!(HS256_TOKEN.len(), 301);
        let lens = segments(HS256_TOKEN).map(<[u8]>::len);
        assert_eq!(lens, [36, 220, 43]);
    }
}
