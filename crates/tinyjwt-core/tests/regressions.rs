//! Inputs found by the fuzz targets (`fuzz/`), kept as tests.
//!
//! Campaign of 2026-11-23 (see `fuzz/README.md`): no crash, hang or disagreement in
//! tinyjwt itself. The two inputs below stopped the `json` target's *harness* (its serde_json
//! reference spells numbers differently under `arbitrary_precision`); they are kept because
//! they pin down behaviour the differential relies on.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
use tinyjwt_core::json::{Parser, Value, validate};
use tinyjwt_core::{Error, Part};

const D: usize = tinyjwt_core::limits::MAX_PAYLOAD_DEPTH;

/// `x` and `x\u0000` are different names: no duplicate, even after the earlier member's value
/// held an escape.
#[test]
fn names_differing_by_an_escaped_nul_are_distinct() {
    let doc = br#"{"x":"\u00e9","x\u0000":1}"#;
    assert_eq!(validate::<D>(doc, Part::Payload), Ok(()));
    let mut p = Parser::<D>::new(doc, Part::Payload).unwrap();
    p.begin_object().unwrap();
    let k = p.next_key().unwrap().unwrap();
    assert!(k.eq_str("x"));
    p.skip_value().unwrap();
    let k = p.next_key().unwrap().unwrap();
    assert!(k.eq_str("x\0"));
    assert!(!k.eq_str("x"));
    // The same name spelled with and without the escape is a duplicate.
    assert_eq!(
        validate::<D>(br#"{"x\u0000":1,"x\u0000":2}"#, Part::Payload),
        Err(Error::DuplicateMember(Part::Payload))
    );
}

/// Numbers are kept as their literal text: out-of-f64-range, `-0`, upper-case exponents and
/// integers beyond u64 are valid RFC 8259 and come back verbatim.
#[test]
fn numbers_are_kept_verbatim() {
    let doc = b"[1e400,-0,0.5E-3,12345678901234567890123]";
    assert_eq!(validate::<D>(doc, Part::Payload), Ok(()));
    let mut p = Parser::<D>::new(doc, Part::Payload).unwrap();
    assert_eq!(p.value().unwrap(), Value::ArrayStart);
    let mut raw = Vec::new();
    while let Some(Value::Number(n)) = p.next_element().unwrap() {
        raw.push(n.raw());
        if n.raw() == "1e400" {
            assert_eq!(n.as_f64(), None);
        }
    }
    assert_eq!(raw, ["1e400", "-0", "0.5E-3", "12345678901234567890123"]);
    p.finish().unwrap();
}

/// From the `verify` target (a harness assumption, not a tinyjwt bug): `bearer()` skips any
/// number of spaces after the scheme (RFC 6750 `1*SP`), so `Bearer` + a token with leading
/// spaces verifies the token while the same text passed to `verify` directly is not base64url.
#[test]
fn bearer_skips_spaces_after_the_scheme() {
    use tinyjwt_core::{Malformed, bearer};
    let token = "InR5cCI6IkpXVCIsImtpZCI6InJzMjU2In0.eyJpc3MiOiIJ9.d+2";
    let spaced = format!("{}{token}", " ".repeat(16));
    assert_eq!(bearer(&format!("Bearer {spaced}")), Ok(token));
    assert_eq!(bearer(&format!("Bearer {token}  ")), Ok(token));
    // Anything but spaces before the token is refused, as are non-b64token bytes.
    assert_eq!(
        bearer("Bearer eyJ\0\0 abc.def.ghi"),
        Err(Error::Malformed(Malformed::NotBearer))
    );
    assert_eq!(
        tinyjwt_core::Token::parse(&spaced, 1024).map(|t| t.header().len()),
        Ok(16 + "InR5cCI6IkpXVCIsImtpZCI6InJzMjU2In0".len())
    );
}
