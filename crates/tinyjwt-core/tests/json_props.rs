//! Property tests: the strict JSON pull parser against serde_json.
//!
//! - Generated values (no duplicate names) serialized by serde_json, and by a test writer that
//!   adds random escapes (`\uXXXX`, surrogate pairs, `\/`) and whitespace, are accepted by
//!   [`validate`] and walked back to an equal `serde_json::Value`, also when members and
//!   containers are skipped at random.
//! - Duplicated names (spelled differently) are rejected anywhere.
//! - Near-valid inputs (valid documents with bytes deleted, inserted or replaced) get the same
//!   accept/reject verdict from us as from serde_json with a duplicate-rejecting visitor.
//!
//! Principled differences from serde_json, accounted for below:
//! - serde_json accepts duplicate names (last wins); we reject them. The reference deserializer
//!   here (`Strict`) rejects them too, so verdicts compare directly.
//! - serde_json rejects numbers outside the finite `f64` range (`1e400`: "number out of range");
//!   RFC 8259 allows them and we keep numbers as text, so we accept them.
//! - serde_json's recursion limit is 128; our depth limit is `D`. The generated documents stay
//!   well below both (a mutation adds at most one level), so this never shows here.
//! - Lone surrogates: serde_json rejects them when deserializing to a string (checked in
//!   `serde_json_rejects_lone_surrogates`), as we do, so no exception is needed.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
use std::collections::HashSet;
use std::fmt::{self, Write as _};

use proptest::prelude::*;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as J};
use tinyjwt_core::json::{Parser, Value, validate};
use tinyjwt_core::{Error, Part};

const P: Part = Part::Payload;
const D: usize = 16;

// ----- reference: serde_json with duplicate names rejected ---------------------------------------

/// Accepts any JSON value whose objects have no duplicate names.
struct Strict;

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<Self, De::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_str<E>(self, _: &str) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(Strict)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut seen = HashSet::new();
        while let Some(k) = map.next_key::<String>()? {
            if !seen.insert(k) {
                return Err(de::Error::custom("duplicate member name"));
            }
            map.next_value::<Strict>()?;
        }
        Ok(Strict)
    }
}

/// serde_json's verdict (with duplicates rejected): `Ok`, or the error message.
fn reference(doc: &[u8]) -> Result<(), String> {
    serde_json::from_slice::<Strict>(doc)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

// ----- a deterministic RNG for the test writer and walker -------------------------------------

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// True with probability 1/n.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

// ----- generators ----------------------------------------------------------------------------

const CHARS: &[char] = &[
    'a',
    'b',
    'c',
    'A',
    ' ',
    '/',
    '"',
    '\\',
    '\0',
    '\u{1}',
    '\u{8}',
    '\t',
    '\n',
    '\u{c}',
    '\r',
    '\u{1f}',
    '\u{7f}',
    'é',
    '€',
    '\u{ffff}',
    '𝄞',
    '😀',
    '\u{10ffff}',
];

fn arb_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-e]{0,4}",
        prop::collection::vec(prop::sample::select(CHARS), 0..max)
            .prop_map(|v| v.into_iter().collect()),
    ]
}

fn arb_value() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        any::<u64>().prop_map(J::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(J::from),
        arb_text(12).prop_map(J::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            prop::collection::btree_map(arb_text(6), inner, 0..6)
                .prop_map(|m| J::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

// ----- a writer with random (valid) spellings --------------------------------------------------

fn ws(rng: &mut Rng, out: &mut String) {
    while rng.one_in(4) {
        out.push([' ', '\t', '\n', '\r'][(rng.next() % 4) as usize]);
    }
}

fn hex4(rng: &mut Rng, out: &mut String, u: u16) {
    if rng.one_in(2) {
        write!(out, "\\u{u:04x}").unwrap();
    } else {
        write!(out, "\\u{u:04X}").unwrap();
    }
}

fn write_str(s: &str, rng: &mut Rng, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must = c == '"' || c == '\\' || c < ' ';
        if must || rng.one_in(4) {
            match short {
                Some(e) if rng.one_in(2) || c == '/' => out.push_str(e),
                _ => {
                    let mut units = [0u16; 2];
                    for &u in c.encode_utf16(&mut units).iter() {
                        hex4(rng, out, u);
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
}

/// Serializes `v` with random escapes and whitespace (test-only recursion, bounded depth).
fn write_json(v: &J, rng: &mut Rng, out: &mut String) {
    ws(rng, out);
    match v {
        J::Null | J::Bool(_) | J::Number(_) => out.push_str(&v.to_string()),
        J::String(s) => write_str(s, rng, out),
        J::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(e, rng, out);
            }
            ws(rng, out);
            out.push(']');
        }
        J::Object(m) => {
            out.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                ws(rng, out);
                write_str(k, rng, out);
                ws(rng, out);
                out.push(':');
                write_json(e, rng, out);
            }
            ws(rng, out);
            out.push('}');
        }
    }
    ws(rng, out);
}

// ----- walking our parser back into a serde_json::Value -----------------------------------------

/// Stands in for a value the walker skipped.
fn skipped() -> J {
    J::String("<skipped>".into())
}

fn string_of(s: tinyjwt_core::json::JsonStr<'_>) -> String {
    let text: String = s.chars().collect();
    // Every view of the string agrees.
    assert_eq!(s.to_string(), text);
    assert!(s.eq_str(&text));
    assert_eq!(s.unescaped_len(), text.len());
    let mut buf = vec![0u8; text.len()];
    assert_eq!(s.unescape_into(&mut buf), Ok(text.as_str()));
    if text.is_empty() {
        assert!(s.unescape_into(&mut []).is_ok());
    } else {
        assert_eq!(
            s.unescape_into(&mut buf[..text.len() - 1]),
            Err(Error::TooLarge(tinyjwt_core::Limit::Value))
        );
    }
    if !s.has_escapes() {
        assert_eq!(s.as_str(), Some(text.as_str()));
    }
    text
}

/// Rebuilds the value that `first` starts. With `rng`, skips members (skip_value) and
/// container elements (skip_rest) at random, putting `skipped()` in their place.
fn walk(p: &mut Parser<'_, D>, first: Value<'_>, rng: &mut Option<Rng>) -> J {
    match first {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(b),
        Value::Number(n) => {
            // serde_json's own float parsing is not correctly rounded (without its
            // `float_roundtrip` feature); `core`'s, used by `as_f64`, is.
            let j: J = serde_json::from_str(n.raw()).expect("serde_json reads our number");
            if n.is_integer_literal() {
                assert_eq!(n.as_u64(), j.as_u64(), "{}", n.raw());
                assert_eq!(n.as_i64(), j.as_i64(), "{}", n.raw());
            }
            match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => J::from(u),
                (None, Some(i)) => J::from(i),
                (None, None) => J::from(n.as_f64().expect("finite")),
            }
        }
        Value::String(s) => J::String(string_of(s)),
        Value::ArrayStart => {
            let mut a = Vec::new();
            while let Some(e) = p.next_element().unwrap() {
                let skip = rng.as_mut().is_some_and(|r| r.one_in(3));
                if skip && matches!(e, Value::ArrayStart | Value::ObjectStart) {
                    p.skip_rest().unwrap();
                    a.push(skipped());
                } else {
                    a.push(walk(p, e, rng));
                }
            }
            J::Array(a)
        }
        Value::ObjectStart => {
            let mut m = Map::new();
            while let Some(k) = p.next_key().unwrap() {
                let k = string_of(k);
                let skip = rng.as_mut().is_some_and(|r| r.one_in(3));
                let v = if skip {
                    p.skip_value().unwrap();
                    skipped()
                } else {
                    let first = p.value().unwrap();
                    walk(p, first, rng)
                };
                assert!(m.insert(k, v).is_none(), "duplicate slipped through");
            }
            J::Object(m)
        }
    }
}

/// What `walk` returns for `v` given the same random decisions.
fn expect_skipped(v: &J, rng: &mut Rng) -> J {
    match v {
        J::Array(a) => J::Array(
            a.iter()
                .map(|e| {
                    let skip = rng.one_in(3);
                    if skip && (e.is_array() || e.is_object()) {
                        skipped()
                    } else {
                        expect_skipped(e, rng)
                    }
                })
                .collect(),
        ),
        J::Object(m) => J::Object(
            m.iter()
                .map(|(k, e)| {
                    let v = if rng.one_in(3) {
                        skipped()
                    } else {
                        expect_skipped(e, rng)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        _ => v.clone(),
    }
}

fn parse_with_walker(doc: &[u8], rng: Option<Rng>) -> J {
    let mut rng = rng;
    let mut p = Parser::<D>::new(doc, P).unwrap();
    let first = p.value().unwrap();
    let v = walk(&mut p, first, &mut rng);
    assert!(p.offset() <= doc.len());
    p.finish().unwrap();
    v
}

fn depth_of(v: &J) -> usize {
    match v {
        J::Array(a) => 1 + a.iter().map(depth_of).max().unwrap_or(0),
        J::Object(m) => 1 + m.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

// ----- properties --------------------------------------------------------------------------------

const INTERESTING: &[u8] =
    b"{}[],:\"\\/ \t\n\r0123456789-+.eEtrufalsn\x00\x1f\x7f\x80\xbf\xc3\xed\xff";

fn arb_byte() -> impl Strategy<Value = u8> {
    prop_oneof![3 => prop::sample::select(INTERESTING), 1 => any::<u8>()]
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(prop::sample::Index),
    Insert(prop::sample::Index, u8),
    Replace(prop::sample::Index, u8),
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Edit::Delete),
        (any::<prop::sample::Index>(), arb_byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<prop::sample::Index>(), arb_byte()).prop_map(|(i, b)| Edit::Replace(i, b)),
    ]
}

fn apply(doc: &mut Vec<u8>, e: &Edit) {
    match e {
        Edit::Delete(i) if !doc.is_empty() => {
            doc.remove(i.index(doc.len()));
        }
        Edit::Insert(i, b) => doc.insert(i.index(doc.len() + 1), *b),
        Edit::Replace(i, b) if !doc.is_empty() => {
            let i = i.index(doc.len());
            doc[i] = *b;
        }
        _ => {}
    }
}

/// Our verdict must match serde_json's, modulo the documented differences.
fn verdicts_agree(doc: &[u8]) -> Result<(), TestCaseError> {
    let ours = validate::<D>(doc, P);
    let theirs = reference(doc);
    match (&ours, &theirs) {
        (Ok(()), Ok(())) => {}
        (Err(Error::BadJson(_) | Error::DuplicateMember(_)), Err(_)) => {}
        // RFC 8259 allows numbers beyond f64; serde_json refuses them.
        (Ok(()), Err(e)) if e.starts_with("number out of range") => {}
        _ => {
            return Err(TestCaseError::fail(format!(
                "verdicts differ on {:?}: ours {ours:?}, serde_json {theirs:?}",
                String::from_utf8_lossy(doc)
            )));
        }
    }
    // The pull parser driven generically agrees with validate().
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Do not write regression files into the shared checkout.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn serde_json_output_is_accepted_and_round_trips(v in arb_value()) {
        let doc = serde_json::to_vec(&v).unwrap();
        prop_assert_eq!(validate::<D>(&doc, P), Ok(()));
        prop_assert_eq!(parse_with_walker(&doc, None), v.clone());
        let pretty = serde_json::to_vec_pretty(&v).unwrap();
        prop_assert_eq!(parse_with_walker(&pretty, None), v);
    }

    #[test]
    fn random_spellings_round_trip(v in arb_value(), seed in any::<u64>()) {
        let mut doc = String::new();
        write_json(&v, &mut Rng(seed), &mut doc);
        prop_assert_eq!(reference(doc.as_bytes()), Ok(()));
        prop_assert_eq!(validate::<D>(doc.as_bytes(), P), Ok(()));
        prop_assert_eq!(&parse_with_walker(doc.as_bytes(), None), &v);
        // Skipping at random leaves exactly the unskipped parts.
        let walked = parse_with_walker(doc.as_bytes(), Some(Rng(seed ^ 0x5555)));
        prop_assert_eq!(walked, expect_skipped(&v, &mut Rng(seed ^ 0x5555)));
    }

    #[test]
    fn depth_limit_matches_the_value(v in arb_value()) {
        let doc = serde_json::to_vec(&v).unwrap();
        let depth = depth_of(&v);
        let ok = validate::<3>(&doc, P);
        if depth <= 3 {
            prop_assert_eq!(ok, Ok(()));
        } else {
            prop_assert_eq!(ok, Err(Error::TooDeep(P)));
        }
    }

    #[test]
    fn duplicates_are_found_anywhere(
        v in arb_value(),
        name in arb_text(6),
        seed in any::<u64>(),
        wrap in 0usize..4,
    ) {
        // An object holding `name` twice (random spellings), at a random position among
        // generated members, wrapped in a few levels of containers.
        let mut rng = Rng(seed);
        let mut members = Vec::new();
        if let J::Object(m) = &v {
            for (k, e) in m {
                if *k != name {
                    let mut s = String::new();
                    write_str(k, &mut rng, &mut s);
                    s.push(':');
                    write_json(e, &mut rng, &mut s);
                    members.push(s);
                }
            }
        }
        for _ in 0..2 {
            let mut s = String::new();
            write_str(&name, &mut rng, &mut s);
            s.push(':');
            write_json(&v, &mut rng, &mut s);
            let at = (rng.next() % (members.len() as u64 + 1)) as usize;
            members.insert(at, s);
        }
        let mut doc = format!("{{{}}}", members.join(","));
        for _ in 0..wrap {
            doc = if rng.one_in(2) { format!("[1,{doc},2]") } else { format!("{{\"w\":{doc}}}") };
        }
        prop_assert!(reference(doc.as_bytes()).is_err());
        // The depth may exceed D only if the generated value is deep; both errors are refusals,
        // but with enough depth budget the duplicate must be what is reported.
        prop_assert_eq!(validate::<64>(doc.as_bytes(), P), Err(Error::DuplicateMember(P)));
    }

}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn near_valid_inputs_agree_with_serde_json(
        v in arb_value(),
        seed in any::<u64>(),
        spelled in any::<bool>(),
        edits in prop::collection::vec(arb_edit(), 1..4),
    ) {
        let mut doc = if spelled {
            let mut s = String::new();
            write_json(&v, &mut Rng(seed), &mut s);
            s.into_bytes()
        } else {
            serde_json::to_vec(&v).unwrap()
        };
        for e in &edits {
            apply(&mut doc, e);
            verdicts_agree(&doc)?;
        }
    }

    #[test]
    fn arbitrary_bytes_agree_with_serde_json(doc in prop::collection::vec(arb_byte(), 0..24)) {
        verdicts_agree(&doc)?;
    }
}

// ----- fixed checks of the assumptions above ------------------------------------------------

#[test]
fn serde_json_rejects_lone_surrogates() {
    for doc in [
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800x""#,
        r#""\ud800\u0041""#,
        r#""\udc00\ud800""#,
        r#"{"\ud800":1}"#,
    ] {
        assert!(reference(doc.as_bytes()).is_err(), "{doc}");
        assert_eq!(
            validate::<D>(doc.as_bytes(), P),
            Err(Error::BadJson(P)),
            "{doc}"
        );
    }
    assert_eq!(reference(br#""\ud834\udd1e""#), Ok(()));
}

#[test]
fn documented_differences() {
    // Numbers beyond f64: RFC 8259 grammar, so we accept; serde_json refuses, unless another
    // crate in the build turned on its `arbitrary_precision` feature (Cargo unifies features
    // across the workspace), in which case it accepts them as text, as we do.
    if let Err(e) = reference(b"1e400") {
        assert!(e.starts_with("number out of range"), "{e}");
    }
    assert_eq!(validate::<D>(b"1e400", P), Ok(()));
    // Duplicates: plain serde_json accepts (last wins), we refuse.
    assert!(serde_json::from_slice::<J>(br#"{"a":1,"a":2}"#).is_ok());
    assert_eq!(
        validate::<D>(br#"{"a":1,"a":2}"#, P),
        Err(Error::DuplicateMember(P))
    );
}

#[test]
fn mutation_corner_cases() {
    for doc in [
        &b"{\"a\":1}"[..],
        b"[1,2]",
        b"\"\\u00e9\"",
        b"-0.5e+10",
        b"\"\xc3\xa9\"",
        b"[\"\\ud834\\udd1e\"]",
    ] {
        for i in 0..=doc.len() {
            for &b in INTERESTING {
                let mut d = doc.to_vec();
                d.insert(i, b);
                verdicts_agree(&d).unwrap();
                if i < doc.len() {
                    let mut d = doc.to_vec();
                    d[i] = b;
                    verdicts_agree(&d).unwrap();
                    let mut d = doc.to_vec();
                    d.remove(i);
                    verdicts_agree(&d).unwrap();
                }
            }
        }
    }
}
