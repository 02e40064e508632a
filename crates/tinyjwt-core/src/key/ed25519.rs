//! Ed25519 public-key encoding rules that need no curve arithmetic (RFC 8032 §5.1.3).
//!
//! Kept in the core so every backend, including third-party ones, refuses the same keys:
//! a non-canonical encoding (y ≥ p) is not a valid RFC 8032 encoding, and a small-order key
//! lets anyone forge signatures that lax verifiers accept (the identity key with `R = identity,
//! S = 0` verifies any message under ring's verifier). Whether the bytes decode to a curve
//! point at all is left to the backend, which has the arithmetic.

/// The y-coordinates (little-endian, sign bit cleared) of the eight points of small order,
/// plus the two non-canonical encodings `p` (≡ 0) and `p + 1` (≡ 1) that decode to them.
/// With the sign bit either way, these 7 × 2 encodings are every 32-byte string that decodes
/// to a point of small order (checked against curve25519-dalek in the tests).
const SMALL_ORDER_Y: [[u8; 32]; 7] = [
    // y = 0 (order 4)
    [0; 32],
    // y = 1 (identity)
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    // y = p - 1 (order 2)
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // order 8
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    // order 8
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    // y = p (non-canonical 0)
    [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // y = p + 1 (non-canonical 1)
    [
        0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
];

/// Whether `enc` (32 bytes) encodes a point of small order, whatever its sign bit.
///
/// Backends use this for the `R` half of a signature as well: a signature whose `R` has small
/// order is refused by `ed25519-dalek`'s `verify_strict`, and must be refused identically
/// by every backend.
///
/// ```
/// use tinyjwt_core::key::is_small_order_encoding;
/// let mut identity = [0u8; 32];
/// identity[0] = 1;
/// assert!(is_small_order_encoding(&identity));
/// assert!(!is_small_order_encoding(&[9u8; 32]));
/// ```
pub fn is_small_order_encoding(enc: &[u8]) -> bool {
    let Ok(mut y) = <[u8; 32]>::try_from(enc) else {
        return false;
    };
    y[31] &= 0x7f;
    SMALL_ORDER_Y.contains(&y)
}

/// Whether the y-coordinate (sign bit cleared) is below p = 2^255 - 19.
pub(super) fn is_canonical(enc: &[u8; 32]) -> bool {
    let top = enc[31] & 0x7f;
    let high_all_ones = enc[1..31].iter().all(|&b| b == 0xff);
    !(top == 0x7f && high_all_ones && enc[0] >= 0xed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::constants::EIGHT_TORSION;
    use curve25519_dalek::edwards::CompressedEdwardsY;

    #[test]
    fn table_matches_the_torsion_subgroup() {
        for p in EIGHT_TORSION {
            assert!(is_small_order_encoding(p.compress().as_bytes()));
        }
        for y in SMALL_ORDER_Y {
            for sign in [0u8, 0x80] {
                let mut e = y;
                e[31] |= sign;
                if let Some(p) = CompressedEdwardsY(e).decompress() {
                    assert!(p.is_small_order());
                }
            }
        }
    }

    #[test]
    fn non_canonical_encodings() {
        let mut e = [0xffu8; 32];
        e[31] = 0x7f;
        for low in 0xed..=0xff {
            e[0] = low;
            assert!(!is_canonical(&e));
            e[31] = 0xff;
            assert!(!is_canonical(&e));
            e[31] = 0x7f;
        }
        e[0] = 0xec;
        assert!(is_canonical(&e));
    }
}
