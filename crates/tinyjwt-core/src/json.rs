//! Strict RFC 8259 JSON pull parser (being written).
