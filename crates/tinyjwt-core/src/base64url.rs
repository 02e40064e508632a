//! Strict RFC 7515 §2 base64url decoding for token segments (being written).
