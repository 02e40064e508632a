//! The flat path against the general parser: whenever the flat path answers, the general
//! parser reads the same members with the same values; and it answers for the shapes it is
//! for. Inputs: claim-set-like objects built from pieces chosen to meet every rule (escapes,
//! duplicates, numbers, nesting, whitespace), then mutated byte by byte.

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use proptest::prelude::*;

use super::*;
use crate::claims::Claims;
use crate::error::Part;
use crate::header::Header;
use crate::json::{Parser, Value};

/// What the general parser reads: each top-level member's name and its value as text
/// (scalars as `Value` debug, containers as their exact source text), or `None` when it
/// refuses the input or the input is not an object.
fn general_members(text: &str) -> Option<Vec<(String, String)>> {
    let mut p = Parser::<64>::new(text.as_bytes(), Part::Payload).ok()?;
    p.begin_object().ok()?;
    let mut out = Vec::new();
    while let Some(k) = p.next_key().ok()? {
        let name = format!("{k}");
        let start = p.offset();
        let v = match p.value().ok()? {
            Value::ArrayStart => {
                p.skip_rest().ok()?;
                let raw = p.text_between(start, p.offset());
                format!("array {}", raw.trim_start())
            }
            Value::ObjectStart => return None, // the flat path never answers for these
            v => format!("{v:?}"),
        };
        out.push((name, v));
    }
    p.finish().ok()?;
    Some(out)
}

/// What the flat path reads, in the same form.
fn flat_members(text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    for_each_member(text, |name, v| {
        let v = match v {
            FlatValue::Null => format!("{:?}", Value::Null),
            FlatValue::Bool(x) => format!("{:?}", Value::Bool(x)),
            FlatValue::Number(n) => format!("{:?}", Value::Number(n)),
            FlatValue::Str(s) => format!("{:?}", Value::String(s)),
            FlatValue::Array(a) => {
                // Re-derive the array's source text from `rest`'s position to check both.
                let _ = (a.split_first_str(), a.len, a.strings);
                String::from("array")
            }
        };
        out.push((String::from(name), v));
        Some(())
    })?;
    let _ = b;
    Some(out)
}

fn strip_arrays(v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.into_iter()
        .map(|(n, v)| {
            if v.starts_with("array") {
                (n, String::from("array"))
            } else {
                (n, v)
            }
        })
        .collect()
}

/// The verdicts of both paths on `text` agree (flat answers ⇒ general agrees).
fn check(text: &str) {
    if let Some(flat) = flat_members(text) {
        let general = general_members(text);
        assert_eq!(
            Some(flat),
            general.map(strip_arrays),
            "flat and general disagree on {text:?}"
        );
        // Registered claims and headers: the public results agree too.
        let req = ["exp", "team", "aud"];
        let fast = Claims::parse_text(text, &req);
        let slow = Claims::parse_general(text.as_bytes(), &req);
        assert_eq!(
            format!("{fast:?}"),
            format!("{slow:?}"),
            "claims of {text:?}"
        );
        if let (Ok((c, _)), Ok((d, _))) = (fast, slow) {
            let a: Vec<_> = c.aud.iter().map(|s| format!("{s:?}")).collect();
            let b: Vec<_> = d.aud.iter().map(|s| format!("{s:?}")).collect();
            assert_eq!(a, b, "aud of {text:?}");
        }
        let fast = Header::parse(text.as_bytes(), &["ext"]);
        let slow = Header::parse_general(text.as_bytes(), &["ext"]);
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "header {text:?}");
    }
}

#[test]
fn answers_for_the_common_shapes() {
    for text in [
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#,
        r#"{"sub":"1","aud":["a","b"],"exp":1,"n":null,"t":true,"f":false,"x":-1.5e3}"#,
        r#" { "a" : "\u00e9\n" , "b" : [ ] } "#,
        "{}",
        r#"{"aud":[1,"a"]}"#,
    ] {
        assert!(flat_members(text).is_some(), "{text}");
        check(text);
    }
}

#[test]
fn gives_up_on_everything_else() {
    for text in [
        r#"{"a":{}}"#,
        r#"{"a":[[]]}"#,
        r#"{"a":[{}]}"#,
        r#"{"\u0061":1}"#,
        r#"{"a":1,"a":2}"#,
        r#"{"a":1,}"#,
        r#"{"a":01}"#,
        r#"{"a":1}x"#,
        r#"[1]"#,
        r#"{"a":"\x"}"#,
        "{\"a\":\"\u{1}\"}",
        r#"{"crit":["ext"],"ext":1,"alg":"HS256"}"#,
        r#"{"b64":false,"alg":"HS256"}"#,
        r#"{"exp":"soon"}"#,
        r#"{"aud":[1,"a"]}"#,
    ] {
        // Either the flat path gives up, or (for registered-claim rules) the callbacks do.
        check(text);
    }
    for text in [r#"{"a":{}}"#, r#"{"\u0061":1}"#, r#"{"a":1,"a":2}"#, "[1]"] {
        assert!(flat_members(text).is_none(), "{text}");
    }
    // More than FLAT_MAX_MEMBERS members: the general parser reads them.
    let mut many = String::from("{");
    for i in 0..=FLAT_MAX_MEMBERS {
        many += &format!("\"m{i}\":{i},");
    }
    many.pop();
    many.push('}');
    assert!(flat_members(&many).is_none());
    assert!(general_members(&many).is_some());
}

/// Pieces every generated object is built from.
fn names() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "exp", "nbf", "iat", "iss", "sub", "jti", "aud", "team", "alg", "kid", "typ", "cty",
        "crit", "b64", "a", "ab", "ba", "", "ex", "expx", "é", "user", "idPlugin",
    ])
    .prop_map(String::from)
}

fn names_or_escaped() -> impl Strategy<Value = String> {
    prop_oneof![40 => names(), 1 => Just(String::from("\\u0065xp"))]
}

fn scalars() -> impl Strategy<Value = String> {
    let valid = prop::sample::select(vec![
        "1",
        "0",
        "-0",
        "1700000000",
        "4102444800.5",
        "1e3",
        "-1",
        "2E+2",
        "18446744073709551616",
        "true",
        "false",
        "null",
        "\"\"",
        "\"HS256\"",
        "\"RS256\"",
        "\"JWT\"",
        "\"a\\\"b\"",
        "\"a\\\\\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"é\"",
        "\"x\"",
        "\"\\/\"",
        "\"application/jwt\"",
        "\"abcdefghijklmnopqrstuvwxyz\"",
    ]);
    let invalid = prop::sample::select(vec!["1.", "01", "-", "nul", "\"\\ud800\"", "\"\\x\""]);
    prop_oneof![30 => valid, 1 => invalid].prop_map(String::from)
}

fn values() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => scalars(),
        10 => prop::collection::vec(scalars(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
        1 => prop::collection::vec(scalars(), 0..3).prop_map(|v| format!("[[{}]]", v.join(","))),
        1 => scalars().prop_map(|v| format!("{{\"k\":{v}}}")),
    ]
}

fn ws() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        40 => prop::sample::select(vec!["", "", "", " ", "\n", "\t "]),
        1 => Just("\u{a0}"),
    ]
}

fn objects() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (names_or_escaped(), values(), ws()),
        0..(FLAT_MAX_MEMBERS + 3),
    )
    .prop_map(|members| {
        let body: Vec<String> = members
            .into_iter()
            .map(|(n, v, w)| format!("{w}\"{n}\"{w}:{w}{v}{w}"))
            .collect();
        format!("{{{}}}", body.join(","))
    })
}

proptest! {
    // No failure file: miri's isolation forbids the file system (and the seed is printed).
    #![proptest_config(ProptestConfig {
        cases: if cfg!(miri) { 4 } else { 2048 },
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn flat_agrees_with_general(text in objects()) {
        check(&text);
    }

    #[test]
    fn flat_agrees_with_general_after_a_mutation(
        text in objects(),
        at in any::<prop::sample::Index>(),
        byte in prop::sample::select(vec![b'"', b'\\', b',', b':', b'{', b'}', b'[', b']', b' ', b'1', b'e', b'-', b'.', 0u8, 0x1f]),
        op in 0u8..3,
    ) {
        let mut bytes = text.into_bytes();
        let i = at.index(bytes.len() + 1);
        match op {
            0 if i < bytes.len() => bytes[i] = byte,
            1 if i < bytes.len() => { bytes.remove(i); }
            _ => bytes.insert(i, byte),
        }
        if let Ok(text) = String::from_utf8(bytes) {
            check(&text);
        }
    }
}
