//! Shared by the payload property tests: random claim objects and a JSON writer that
//! escapes characters as `\uXXXX`.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{Map, Value as J};

/// The `exp` every generated object carries (the default policy requires one); a minute
/// after the tests' clock.
pub const EXP: u64 = 1_700_000_000 + 60;

/// Names drawn for members: short and long, with quotes, backslashes and non-ASCII.
pub const NAMES: &[&str] = &[
    "team",
    "user",
    "a",
    "ab",
    "idPlugin",
    "roles",
    "a\"b",
    "c\\",
    "é",
    "\u{1F600}",
    "x/y",
    "n",
    "tea",
    "teams",
];

pub fn leaf() -> impl Strategy<Value = J> {
    prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<u64>().prop_map(J::from),
        any::<i64>().prop_map(J::from),
        (-1e6f64..1e6).prop_map(J::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(J::from),
        "[a-z]{0,6}".prop_map(J::String),
        "(\\PC|[\"\\\\/\u{0}-\u{1f}\u{7f}\u{10000}])*".prop_map(J::String),
        prop::sample::select(NAMES).prop_map(|s| J::String(s.into())),
    ]
}

pub fn value() -> impl Strategy<Value = J> {
    leaf().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            prop::collection::vec(("(team|user|[a-z\"\\\\]{0,4})", inner), 0..6)
                .prop_map(|kv| J::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A claims object (`exp` always there, for the default policy) of random members.
pub fn claims() -> impl Strategy<Value = Map<String, J>> {
    prop::collection::vec((prop::sample::select(NAMES), value()), 0..8).prop_map(|kv| {
        let mut m: Map<String, J> = kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        m.insert("exp".into(), J::from(EXP));
        m
    })
}

/// JSON text of `v`; with `escape`, every other character of each string and name is
/// written as `\uXXXX` (a surrogate pair above U+FFFF).
pub fn write(v: &J, escape: bool, out: &mut String) {
    match v {
        J::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(" ,");
                }
                write_str(k, escape, out);
                out.push_str(" : ");
                write(v, escape, out);
            }
            out.push('}');
        }
        J::Array(a) => {
            out.push_str("[ ");
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                write(v, escape, out);
            }
            out.push(']');
        }
        J::String(s) => write_str(s, escape, out),
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

pub fn write_str(s: &str, escape: bool, out: &mut String) {
    if !escape {
        out.push_str(&serde_json::to_string(s).unwrap());
        return;
    }
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i % 2 == 0 || c == '"' || c == '\\' || c < ' ' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
}
