//! The Ed25519 public-key check that needs curve arithmetic. The encoding rules (canonical
//! y, small-order encodings) are enforced by `tinyjwt-core` when the key is built; this adds
//! the point-decoding check so a bad key is `invalid_key` when loaded, as in the other two
//! backends (AWS-LC stores a raw Ed25519 key without decoding it).

use curve25519_dalek::edwards::CompressedEdwardsY;
use tinyjwt_core::{Error, KeyProblem};

/// Refuses (as `invalid_key`) bytes that do not decode to a curve point of large order.
pub(crate) fn check_public_key(pk: &[u8; 32]) -> Result<(), Error> {
    match CompressedEdwardsY(*pk).decompress() {
        Some(point) if !point.is_small_order() => Ok(()),
        _ => Err(Error::InvalidKey(KeyProblem::Point)),
    }
}
