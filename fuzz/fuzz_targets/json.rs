//! The strict JSON parser against serde_json.
//!
//! Reference: serde_json (with `arbitrary_precision`, so numbers arrive as their literal
//! text) through a visitor that rejects duplicate member names and nesting deeper than
//! `MAX_PAYLOAD_DEPTH`, building a tree that keeps member order. Then:
//!
//! - `json::validate` accepts exactly what the reference accepts;
//! - a full walk with `Parser` builds the same tree (names and strings unescaped, numbers as
//!   literal text) and fails with exactly `validate`'s error;
//! - a walk that skips members and container tails at input-derived places fails with
//!   exactly `validate`'s error too.
//!
//! Differences from serde_json that are principled and handled here (the reasoning of
//! `crates/tinyjwt-core/tests/json_props.rs`):
//! - serde_json accepts duplicate names (last wins): the reference visitor rejects them;
//! - serde_json rejects numbers outside the f64 range (`1e400`) that RFC 8259 allows: with
//!   `arbitrary_precision` it keeps them as text and accepts them, as we do;
//! - serde_json's recursion limit is 128, ours `MAX_PAYLOAD_DEPTH`: the visitor enforces ours;
//! - serde_json has no member-count limit, ours is `MAX_OBJECT_MEMBERS` names in the open
//!   objects together: the visitor enforces it too;
//! - `arbitrary_precision` encodes a number as a one-member object named
//!   `$serde_json::private::Number`: a document using that name is skipped.
#![no_main]

use std::fmt;

use libfuzzer_sys::fuzz_target;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use tinyjwt_core::json::{Parser, Value, validate};
use tinyjwt_core::limits::{MAX_OBJECT_MEMBERS, MAX_PAYLOAD_DEPTH};
use tinyjwt_core::{Error, JsonStr, Part};

const D: usize = MAX_PAYLOAD_DEPTH;
const MAGIC: &str = "$serde_json::private::Number";

#[derive(Debug, Clone, PartialEq)]
enum Tree {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Tree>),
    Obj(Vec<(String, Tree)>),
}

// ----- reference ---------------------------------------------------------------------------

struct Seed {
    depth: usize,
    /// Member names held by the enclosing open objects (theirs so far, this one's included).
    open: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Tree;
    fn deserialize<De: Deserializer<'de>>(self, d: De) -> Result<Tree, De::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    // arbitrary_precision still hands integers that fit 64 bits over as integers; their
    // decimal text is exactly the literal (no sign but `-`, no leading zeros; `-0` comes as
    // text).
    fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Num(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Num(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        if self.depth >= D {
            return Err(de::Error::custom("too deep"));
        }
        let mut items = Vec::new();
        while let Some(t) = seq.next_element_seed(Seed {
            depth: self.depth + 1,
            open: self.open,
        })? {
            items.push(t);
        }
        Ok(Tree::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut members: Vec<(String, Tree)> = Vec::new();
        let mut first = true;
        while let Some(k) = map.next_key::<String>()? {
            if first && k == MAGIC {
                // arbitrary_precision's number, or a document using that name (skipped by
                // the caller, which sees the name in our own walk).
                let text: String = map.next_value()?;
                return Ok(Tree::Num(text));
            }
            if self.depth >= D {
                return Err(de::Error::custom("too deep"));
            }
            first = false;
            if self.open + members.len() >= MAX_OBJECT_MEMBERS {
                return Err(de::Error::custom("too many members"));
            }
            if members.iter().any(|(n, _)| *n == k) {
                return Err(de::Error::custom("duplicate member name"));
            }
            let v = map.next_value_seed(Seed {
                depth: self.depth + 1,
                open: self.open + members.len() + 1,
            })?;
            members.push((k, v));
        }
        if self.depth >= D {
            return Err(de::Error::custom("too deep"));
        }
        Ok(Tree::Obj(members))
    }
}

fn reference(doc: &[u8]) -> Result<Tree, String> {
    let mut d = serde_json::Deserializer::from_slice(doc);
    let t = Seed { depth: 0, open: 0 }
        .deserialize(&mut d)
        .map_err(|e| e.to_string())?;
    d.end().map_err(|e| e.to_string())?;
    Ok(t)
}

// ----- ours ----------------------------------------------------------------------------------

fn text(s: JsonStr<'_>) -> String {
    let t: String = s.chars().collect();
    assert_eq!(t.len(), s.unescaped_len());
    assert!(s.eq_str(&t));
    if !s.has_escapes() {
        assert_eq!(s.as_str(), Some(t.as_str()));
    }
    let mut buf = vec![0u8; t.len()];
    assert_eq!(s.unescape_into(&mut buf).unwrap(), t);
    t
}

enum Frame {
    Arr(Vec<Tree>),
    Obj(Vec<(String, Tree)>, Option<String>),
}

/// Reads the whole document into a tree. `skips` (when given) decides, at each member,
/// element and container start, whether to skip instead; the tree is then partial.
fn walk(doc: &[u8], mut skips: Option<&mut dyn FnMut() -> bool>) -> Result<Tree, Error> {
    let mut p = Parser::<D>::new(doc, Part::Payload)?;
    let mut stack: Vec<Frame> = Vec::new();
    let mut skip = move || skips.as_mut().is_some_and(|f| f());
    let mut v = p.value()?;
    loop {
        let mut done = match v {
            Value::Null => Some(Tree::Null),
            Value::Bool(b) => Some(Tree::Bool(b)),
            Value::Number(n) => {
                let _ = (n.as_u64(), n.as_i64(), n.as_f64(), n.is_integer_literal());
                if let Some(u) = n.as_u64() {
                    assert_eq!(n.raw().parse::<u64>().ok(), Some(u));
                }
                Some(Tree::Num(norm_num(n.raw())))
            }
            Value::String(s) => Some(Tree::Str(text(s))),
            Value::ArrayStart if skip() => {
                p.skip_rest()?;
                Some(Tree::Null)
            }
            Value::ObjectStart if skip() => {
                p.skip_rest()?;
                Some(Tree::Null)
            }
            Value::ArrayStart => {
                stack.push(Frame::Arr(Vec::new()));
                None
            }
            Value::ObjectStart => {
                stack.push(Frame::Obj(Vec::new(), None));
                None
            }
        };
        loop {
            if let Some(t) = done.take() {
                match stack.last_mut() {
                    None => {
                        assert_eq!(p.depth(), 0);
                        p.finish()?;
                        return Ok(t);
                    }
                    Some(Frame::Arr(items)) => items.push(t),
                    Some(Frame::Obj(members, name)) => members.push((name.take().unwrap(), t)),
                }
            }
            assert_eq!(p.depth(), stack.len());
            match stack.last_mut().unwrap() {
                Frame::Arr(_) => match p.next_element()? {
                    Some(x) => {
                        v = x;
                        break;
                    }
                    None => {
                        let Some(Frame::Arr(items)) = stack.pop() else {
                            unreachable!()
                        };
                        done = Some(Tree::Arr(items));
                    }
                },
                Frame::Obj(_, name) => match p.next_key()? {
                    Some(k) => {
                        *name = Some(text(k));
                        if skip() {
                            p.skip_value()?;
                            done = Some(Tree::Null);
                        } else {
                            v = p.value()?;
                            break;
                        }
                    }
                    None => {
                        let Some(Frame::Obj(members, _)) = stack.pop() else {
                            unreachable!()
                        };
                        done = Some(Tree::Obj(members));
                    }
                },
            }
        }
    }
}

/// serde_json's spelling of a number literal under `arbitrary_precision`: the exponent marker
/// lower-case and its sign explicit (`1E5` becomes `1e+5`); everything else verbatim.
fn norm_num(raw: &str) -> String {
    match raw.find(['e', 'E']) {
        Some(i) => {
            let (mantissa, exp) = (&raw[..i], &raw[i + 1..]);
            let sign = if exp.starts_with(['+', '-']) { "" } else { "+" };
            format!("{mantissa}e{sign}{exp}")
        }
        None => raw.to_owned(),
    }
}

fn uses_magic(t: &Tree) -> bool {
    match t {
        Tree::Arr(items) => items.iter().any(uses_magic),
        Tree::Obj(m) => m.iter().any(|(k, v)| k == MAGIC || uses_magic(v)),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let ours = validate::<D>(data, Part::Payload);
    let tree = walk(data, None);
    assert_eq!(
        ours.err(),
        tree.as_ref().err().copied(),
        "validate and a full walk disagree"
    );

    // A walk that skips at pseudo-random places (from the input) fails the same way.
    let mut h = data.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut coin = move || {
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h & 3 == 0
    };
    let skipped = walk(data, Some(&mut coin));
    assert_eq!(
        ours.err(),
        skipped.err(),
        "validate and a skipping walk disagree"
    );

    if let Ok(t) = &tree {
        if uses_magic(t) {
            return;
        }
    }
    if data.windows(MAGIC.len()).any(|w| w == MAGIC.as_bytes()) {
        return;
    }
    let reference = reference(data);
    match (&tree, &reference) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "values differ"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "verdicts differ on {:?}: ours {:?}, serde_json {:?}",
            String::from_utf8_lossy(data),
            a.as_ref().map(|_| ()),
            b.as_ref().map(|_| ())
        ),
    }
});
