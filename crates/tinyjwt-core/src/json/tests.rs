extern crate std;

use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use super::*;
use crate::error::Limit;

const P: Part = Part::Header;
const BAD: Error = Error::BadJson(P);
const DUP: Error = Error::DuplicateMember(P);
const DEEP: Error = Error::TooDeep(P);

fn v(s: &str) -> Result<(), Error> {
    validate::<16>(s.as_bytes(), P)
}

fn vb(s: &[u8]) -> Result<(), Error> {
    validate::<16>(s, P)
}

/// Parses a document that is one string and returns its unescaped text via `chars`.
fn one_str(doc: &str) -> (JsonStr<'_>, String) {
    let mut p = Parser::<16>::new(doc.as_bytes(), P).unwrap();
    let Value::String(s) = p.value().unwrap() else {
        panic!("not a string: {doc}")
    };
    p.finish().unwrap();
    (s, s.chars().collect())
}

// ----- accepted documents ------------------------------------------------------------------

#[test]
fn accepts_valid_documents() {
    for doc in [
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "10",
        "0.5",
        "-0.0e-0",
        "1E+2",
        "1e-2",
        "123456789012345678901234567890",
        "\"\"",
        "\"a\"",
        "[]",
        "{}",
        " \t\r\n[ 1 , 2 ]\n ",
        r#"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        r#"{"a":{},"b":{}}"#,
        r#"[{"a":1},{"a":1}]"#,
        r#"{"a":{"a":{"a":1}}}"#,
        r#""\"\\\/\b\f\n\r\t\u0000\u001f\uffff\uD834\uDD1E\ud834\udd1e""#,
        "\"\u{7f}é€𝄞\"",
        r#"{"":0}"#,
    ] {
        assert_eq!(v(doc), Ok(()), "{doc}");
    }
}

// ----- grammar errors --------------------------------------------------------------------------

#[test]
fn rejects_bad_numbers() {
    for doc in [
        "-",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1E-",
        "+1",
        "01",
        "00",
        "-01",
        "1.e5",
        "0x10",
        "1e5.0",
        "--1",
        "- 1",
        "NaN",
        "Infinity",
        "-Infinity",
        "1.5.",
        "[01]",
        "[-]",
        "{\"a\":01}",
    ] {
        assert_eq!(v(doc), Err(BAD), "{doc}");
    }
}

#[test]
fn rejects_bad_literals_and_structure() {
    for doc in [
        "",
        " ",
        "nul",
        "nulll",
        "tru",
        "True",
        "FALSE",
        "undefined",
        "'a'",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[",
        "]",
        "[[]",
        "[]]",
        "{",
        "}",
        "{\"a\":1,}",
        "{,\"a\":1}",
        "{\"a\" 1}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1 \"b\":2}",
        "{a:1}",
        "{'a':1}",
        "{1:1}",
        "{\"a\":1]",
        "[1}",
        "1 2",
        "{} x",
        "{}{}",
        "[] []",
        "null,",
        "// c\n1",
        "1 // c",
        "/* c */ 1",
        "[1,/*c*/2]",
        "\u{a0}1",
        "\u{feff}1",
        "\x0c1",
        "\x0b1",
    ] {
        assert_eq!(v(doc), Err(BAD), "{doc:?}");
    }
}

#[test]
fn rejects_bad_strings() {
    for doc in [
        "\"",
        "\"abc",
        "\"\\\"",
        "\"\\",
        "\"\\a\"",
        "\"\\x41\"",
        "\"\\'\"",
        "\"\\0\"",
        "\"\\U0041\"",
        "\"\\u\"",
        "\"\\u12\"",
        "\"\\u123\"",
        "\"\\u12g4\"",
        "\"\\u 123\"",
        "\"\\u-123\"",
        "\"\\\n\"",
        "\"\\v\"",
        "\"\\e\"",
        // lone high surrogate: at the end, before text, before a non-surrogate escape
        "\"\\uD800\"",
        "\"\\uD800x\"",
        "\"\\uDBFF\\u0041\"",
        "\"\\uD800\\n\"",
        "\"\\uD800\\\"",
        "\"\\uD800\\u\"",
        "\"\\uD800\\uDC0\"",
        // high followed by another high
        "\"\\uD800\\uD800\"",
        // lone low surrogate, reversed pair
        "\"\\uDC00\"",
        "\"\\uDFFF\"",
        "\"x\\uDC00\"",
        "\"\\uDC00\\uD800\"",
        // raw control characters
        "\"\u{0}\"",
        "\"\u{1}\"",
        "\"a\tb\"",
        "\"a\nb\"",
        "\"a\rb\"",
        "\"\u{1f}\"",
        "\"a\u{1f}bcdefghijklmnop\"",
    ] {
        assert_eq!(v(doc), Err(BAD), "{doc:?}");
    }
}

#[test]
fn every_single_char_escape() {
    for c in 0u8..=127 {
        let doc = [b'"', b'\\', c, b'"'];
        let ok = matches!(c, b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't');
        assert_eq!(vb(&doc).is_ok(), ok, "escape {:?}", c as char);
    }
}

#[test]
fn control_chars_in_strings() {
    for c in 0u8..0x20 {
        // Short and long strings take different scanning paths.
        assert_eq!(vb(&[b'"', c, b'"']), Err(BAD), "{c}");
        let mut long = Vec::from(&b"\"abcdefghijklmnopqrstu"[..]);
        long.push(c);
        long.extend_from_slice(b"vwxyz\"");
        assert_eq!(vb(&long), Err(BAD), "{c}");
    }
    assert_eq!(vb(b"\"\x7f\x20\""), Ok(()));
}

#[test]
fn rejects_invalid_utf8() {
    for doc in [
        &b"\"\xff\""[..],
        b"\"\xc0\xaf\"",                 // overlong '/'
        b"\"\xe0\x80\xaf\"",             // overlong
        b"\"\xf0\x80\x80\xaf\"",         // overlong
        b"\"\xc3\"",                     // truncated
        b"\"\xe2\x82\"",                 // truncated
        b"\"\xe2\x82",                   // truncated at end
        b"\"\xed\xa0\x80\"",             // UTF-8-encoded surrogate U+D800
        b"\"\xed\xbf\xbf\"",             // U+DFFF
        b"\"\xed\xa0\xbd\xed\xb2\xa9\"", // CESU-8 pair
        b"\"\xf4\x90\x80\x80\"",         // above U+10FFFF
        b"\"\x80\"",                     // stray continuation
        b"1\xff",                        // outside a string
    ] {
        assert_eq!(vb(doc), Err(BAD), "{doc:?}");
        assert_eq!(Parser::<16>::new(doc, P).err(), Some(BAD));
    }
}

#[test]
fn errors_carry_the_part() {
    assert_eq!(
        validate::<16>(b"[1,]", Part::Payload),
        Err(Error::BadJson(Part::Payload))
    );
    assert_eq!(
        validate::<16>(b"{\"a\":1,\"a\":2}", Part::Key),
        Err(Error::DuplicateMember(Part::Key))
    );
    assert_eq!(
        validate::<1>(b"[[]]", Part::Payload),
        Err(Error::TooDeep(Part::Payload))
    );
}

// ----- depth -----------------------------------------------------------------------------------

fn nested(open: &[&str], depth: usize) -> String {
    // Build an alternating/mixed nesting `depth` levels deep, closing correctly.
    let mut s = String::new();
    let mut closes = Vec::new();
    for i in 0..depth {
        match open[i % open.len()] {
            "[" => {
                s.push('[');
                closes.push(']');
            }
            _ => {
                s.push_str("{\"k\":");
                closes.push('}');
            }
        }
    }
    s.push('1');
    while let Some(c) = closes.pop() {
        s.push(c);
    }
    s
}

#[test]
fn depth_limit_is_exact() {
    for pattern in [
        &["["][..],
        &["{"],
        &["[", "{"],
        &["{", "["],
        &["{", "{", "["],
    ] {
        let ok = nested(pattern, 16);
        assert_eq!(v(&ok), Ok(()), "{ok}");
        let deep = nested(pattern, 17);
        assert_eq!(v(&deep), Err(DEEP), "{deep}");
        assert_eq!(validate::<4>(nested(pattern, 4).as_bytes(), P), Ok(()));
        assert_eq!(validate::<4>(nested(pattern, 5).as_bytes(), P), Err(DEEP));
    }
    assert_eq!(validate::<0>(b"1", P), Ok(()));
    assert_eq!(validate::<0>(b"[]", P), Err(DEEP));
    assert_eq!(validate::<0>(b"{}", P), Err(DEEP));
    assert_eq!(validate::<1>(b"[1,[]]", P), Err(DEEP));
    assert_eq!(validate::<1>(b"[1,2]", P), Ok(()));
    // Siblings do not add up.
    assert_eq!(validate::<2>(b"[[],[],{\"a\":1}]", P), Ok(()));
    // Deeply nested unterminated input fails on depth, not stack.
    let huge = "[".repeat(100_000);
    assert_eq!(v(&huge), Err(DEEP));
    let huge = "{\"a\":".repeat(100_000);
    assert_eq!(v(&huge), Err(DEEP));
}

#[test]
fn depth_limit_via_pull_api() {
    let doc = nested(&["["], 3);
    let mut p = Parser::<2>::new(doc.as_bytes(), P).unwrap();
    assert_eq!(p.value(), Ok(Value::ArrayStart));
    assert_eq!(p.next_element(), Ok(Some(Value::ArrayStart)));
    assert_eq!(p.depth(), 2);
    assert_eq!(p.next_element(), Err(DEEP));
    // The parser stays failed.
    assert_eq!(p.next_element(), Err(DEEP));
    assert_eq!(p.finish(), Err(DEEP));
}

// ----- duplicates --------------------------------------------------------------------------------

#[test]
fn duplicates_are_rejected() {
    for doc in [
        r#"{"a":1,"a":2}"#,
        r#"{"alg":1,"\u0061lg":2}"#,
        r#"{"\u0061lg":1,"alg":2}"#,
        r#"{"\u0061lg":1,"\u0061\u006c\u0067":2}"#,
        r#"{"a/b":1,"a\/b":2}"#,
        r#"{"a\/b":1,"a/b":2}"#,
        r#"{"é":1,"\u00e9":2}"#,
        r#"{"𝄞":1,"\ud834\udd1e":2}"#,
        r#"{"\uD834\uDD1E":1,"\ud834\udd1e":2}"#,
        r#"{"":1,"":2}"#,
        r#"{"a":1,"b":2,"c":3,"b":4}"#,
        r#"{"a":{"x":1,"x":2}}"#,
        r#"[{"x":1},{"y":1,"y":2}]"#,
        r#"{"a":[{"b":{"c":[1,{"d":1,"e":2,"d":3}]}}]}"#,
        r#"{"a":{"a":1},"a":2}"#,
        r#"{"a":"}","b":"{","a":1}"#,
        r#"{"a":"\"","b":[1,"]",{"c":"}"}],"a":1}"#,
        r#"{ "a" : 1 , "a" : 2 }"#,
    ] {
        assert_eq!(v(doc), Err(DUP), "{doc}");
    }
}

#[test]
fn same_names_in_different_objects_are_fine() {
    for doc in [
        r#"{"a":{"a":{"a":1}},"b":{"a":1}}"#,
        r#"[{"a":1},{"a":2},{"a":3}]"#,
        r#"{"a":1,"A":2,"a ":3," a":4,"\u0061\u0062":5}"#,
        r#"{"ab":1,"a":{"b":1}}"#,
        r#"{"a\\":1,"a":2,"a\"":3}"#,
    ] {
        assert_eq!(v(doc), Ok(()), "{doc}");
    }
}

#[test]
fn many_members_with_filter_saturation() {
    // MAX_OBJECT_MEMBERS distinct names fill the filter, forcing rescans, and must still be
    // accepted.
    let mut s = String::from("{");
    for i in 0..crate::limits::MAX_OBJECT_MEMBERS - 1 {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!("\"k{i}\":{{\"n\":[{i},\"}}\"]}}"));
    }
    s.push('}');
    assert_eq!(v(&s), Ok(()));
    // ... and a duplicate at the very end is still found, also escaped.
    let mut d = s.clone();
    d.pop();
    d.push_str(",\"\\u006b17\":0}");
    assert_eq!(v(&d), Err(DUP));
}

#[test]
fn duplicates_found_in_skipped_values() {
    let doc = br#"{"skip":{"x":[{"y":1,"y":2}]},"want":1}"#;
    let mut p = Parser::<16>::new(doc, P).unwrap();
    p.begin_object().unwrap();
    assert!(p.next_key().unwrap().unwrap().eq_str("skip"));
    assert_eq!(p.skip_value(), Err(DUP));

    // Via skip_rest after ObjectStart.
    let doc = br#"{"o":{"a":1,"b":2,"a":3}}"#;
    let mut p = Parser::<16>::new(doc, P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap().unwrap();
    assert_eq!(p.value(), Ok(Value::ObjectStart));
    assert!(p.next_key().unwrap().unwrap().eq_str("a"));
    assert_eq!(p.skip_rest(), Err(DUP));

    // The top-level object itself, left via skip_rest.
    let doc = br#"{"a":1,"b":2,"\u0061":3}"#;
    let mut p = Parser::<16>::new(doc, P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap().unwrap();
    assert_eq!(p.skip_rest(), Err(DUP));
}

// ----- pull API ----------------------------------------------------------------------------------

#[test]
fn walks_a_claims_object() {
    let doc = br#" {"iss":"me","exp":1700000000.5,"aud":["a","b\/c"],"nested":{"x":[1,{"y":null}]},"n":-3 } "#;
    let mut p = Parser::<16>::new(doc, Part::Payload).unwrap();
    p.begin_object().unwrap();
    let mut seen = Vec::new();
    while let Some(k) = p.next_key().unwrap() {
        seen.push(k.to_string());
        match k.as_str().unwrap() {
            "iss" => assert_eq!(p.value().unwrap(), Value::String(JsonStr::new("me", false))),
            "exp" => {
                let Value::Number(n) = p.value().unwrap() else {
                    panic!()
                };
                assert_eq!(n.raw(), "1700000000.5");
                assert_eq!(n.as_u64(), None);
                assert_eq!(n.as_f64(), Some(1_700_000_000.5));
            }
            "aud" => {
                assert_eq!(p.value().unwrap(), Value::ArrayStart);
                let mut auds = Vec::new();
                while let Some(e) = p.next_element().unwrap() {
                    let Value::String(s) = e else { panic!() };
                    auds.push(s.to_string());
                }
                assert_eq!(auds, ["a", "b/c"]);
            }
            "nested" => {
                assert_eq!(p.value().unwrap(), Value::ObjectStart);
                assert!(p.next_key().unwrap().unwrap().eq_str("x"));
                assert_eq!(p.value().unwrap(), Value::ArrayStart);
                let Some(Value::Number(one)) = p.next_element().unwrap() else {
                    panic!()
                };
                assert_eq!(one.as_u64(), Some(1));
                p.skip_rest().unwrap(); // rest of the array
                assert_eq!(p.next_key().unwrap(), None); // end of "nested"
            }
            _ => p.skip_value().unwrap(),
        }
    }
    assert_eq!(seen, ["iss", "exp", "aud", "nested", "n"]);
    assert_eq!(p.depth(), 0);
    p.finish().unwrap();
}

#[test]
fn skip_rest_after_containers() {
    let doc = br#"[[1,[2,{"a":[3]}]],{"b":{"c":4}},5]"#;
    let mut p = Parser::<16>::new(doc, P).unwrap();
    assert_eq!(p.value(), Ok(Value::ArrayStart));
    assert_eq!(p.next_element(), Ok(Some(Value::ArrayStart)));
    p.skip_rest().unwrap();
    assert_eq!(p.next_element(), Ok(Some(Value::ObjectStart)));
    p.skip_rest().unwrap();
    let Ok(Some(Value::Number(n))) = p.next_element() else {
        panic!()
    };
    assert_eq!(n.as_i64(), Some(5));
    assert_eq!(p.next_element(), Ok(None));
    assert_eq!(p.offset(), doc.len());
    p.finish().unwrap();
}

#[test]
fn skip_rest_with_pending_value_and_top_level() {
    // After next_key, skip_rest skips the pending value too, then the rest of the object.
    let mut p = Parser::<16>::new(br#"{"a":[1,2],"b":3} "#, P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap();
    p.skip_rest().unwrap();
    assert_eq!(p.depth(), 0);
    p.finish().unwrap();
    // skip_rest still validates what it skips.
    let mut p = Parser::<16>::new(br#"{"a":1,"b":[1,]}"#, P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap();
    assert_eq!(p.skip_rest(), Err(BAD));
}

#[test]
fn misuse_is_an_error_not_a_panic() {
    // value() twice at top level.
    let mut p = Parser::<16>::new(b"1", P).unwrap();
    p.value().unwrap();
    assert_eq!(p.value(), Err(BAD));

    // next_key outside an object; next_element outside an array.
    let mut p = Parser::<16>::new(b"[1]", P).unwrap();
    assert_eq!(p.next_key(), Err(BAD));
    let mut p = Parser::<16>::new(b"[1]", P).unwrap();
    p.value().unwrap();
    assert_eq!(p.next_key(), Err(BAD));
    let mut p = Parser::<16>::new(b"{}", P).unwrap();
    p.value().unwrap();
    assert_eq!(p.next_element(), Err(BAD));

    // next_key twice without reading the value.
    let mut p = Parser::<16>::new(br#"{"a":1}"#, P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap();
    assert_eq!(p.next_key(), Err(BAD));

    // value() inside an object where a name is expected.
    let mut p = Parser::<16>::new(br#"{"a":1}"#, P).unwrap();
    p.begin_object().unwrap();
    assert_eq!(p.value(), Err(BAD));

    // skip_rest with nothing open; skip_value with no value expected.
    let mut p = Parser::<16>::new(b"1", P).unwrap();
    assert_eq!(p.skip_rest(), Err(BAD));
    let mut p = Parser::<16>::new(b"1", P).unwrap();
    p.skip_value().unwrap();
    assert_eq!(p.skip_value(), Err(BAD));

    // begin_object on a non-object, begin_array on a non-array.
    let mut p = Parser::<16>::new(b"[]", P).unwrap();
    assert_eq!(p.begin_object(), Err(BAD));
    let mut p = Parser::<16>::new(b"{}", P).unwrap();
    assert_eq!(p.begin_array(), Err(BAD));
    let mut p = Parser::<16>::new(b"", P).unwrap();
    assert_eq!(p.begin_object(), Err(BAD));

    // finish too early: nothing read, value pending, container open.
    assert_eq!(Parser::<16>::new(b"1", P).unwrap().finish(), Err(BAD));
    let mut p = Parser::<16>::new(b"{\"a\":1}", P).unwrap();
    p.begin_object().unwrap();
    assert_eq!(p.finish(), Err(BAD));
    let mut p = Parser::<16>::new(b"{\"a\":1}", P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap();
    assert_eq!(p.finish(), Err(BAD));

    // After an error, every call repeats it.
    let mut p = Parser::<16>::new(br#"{"a":1,"a":2}"#, P).unwrap();
    p.begin_object().unwrap();
    p.next_key().unwrap();
    p.value().unwrap();
    assert_eq!(p.next_key(), Err(DUP));
    assert_eq!(p.value(), Err(DUP));
    assert_eq!(p.skip_rest(), Err(DUP));
    assert_eq!(p.next_element(), Err(DUP));
    assert_eq!(p.finish(), Err(DUP));
}

#[test]
fn trailing_garbage_after_pull() {
    let mut p = Parser::<16>::new(b"{} x", P).unwrap();
    p.begin_object().unwrap();
    assert_eq!(p.next_key(), Ok(None));
    assert_eq!(p.finish(), Err(BAD));
    let mut p = Parser::<16>::new(b"{}  \n", P).unwrap();
    p.begin_object().unwrap();
    assert_eq!(p.next_key(), Ok(None));
    assert_eq!(p.finish(), Ok(()));
}

#[test]
fn default_depth_parameter() {
    let mut p: Parser<'_> = Parser::new(b"[]", P).unwrap();
    p.begin_array().unwrap();
    assert_eq!(p.next_element(), Ok(None));
    p.finish().unwrap();
    let deep = nested(&["["], crate::limits::MAX_PAYLOAD_DEPTH + 1);
    let mut p: Parser<'_> = Parser::new(deep.as_bytes(), P).unwrap();
    assert_eq!(p.skip_value(), Err(DEEP));
}

// ----- numbers -----------------------------------------------------------------------------------

fn num(doc: &str) -> Number<'_> {
    let mut p = Parser::<16>::new(doc.as_bytes(), P).unwrap();
    let Value::Number(n) = p.value().unwrap() else {
        panic!("{doc}")
    };
    p.finish().unwrap();
    n
}

#[test]
fn numbers_are_raw_text() {
    let big = "123456789012345678901234567890.123e-456";
    assert_eq!(num(big).raw(), big);
    assert_eq!(num(big).as_u64(), None);
    assert_eq!(num(big).as_i64(), None);
    assert!(!num(big).is_integer_literal());

    assert_eq!(num("0").as_u64(), Some(0));
    assert_eq!(num("18446744073709551615").as_u64(), Some(u64::MAX));
    assert_eq!(num("18446744073709551616").as_u64(), None);
    assert_eq!(num("99999999999999999999").as_u64(), None);
    assert_eq!(num("-1").as_u64(), None);
    assert_eq!(num("-0").as_u64(), None);
    assert_eq!(num("1.0").as_u64(), None);
    assert_eq!(num("1e3").as_u64(), None);
    assert!(num("-0").is_integer_literal());
    assert!(num("-0").is_negative());
    assert!(!num("1E3").is_integer_literal());

    assert_eq!(num("-0").as_i64(), Some(0));
    assert_eq!(num("9223372036854775807").as_i64(), Some(i64::MAX));
    assert_eq!(num("9223372036854775808").as_i64(), None);
    assert_eq!(num("-9223372036854775808").as_i64(), Some(i64::MIN));
    assert_eq!(num("-9223372036854775809").as_i64(), None);
    assert_eq!(num("-18446744073709551616").as_i64(), None);

    assert_eq!(num("1e300").as_f64(), Some(1e300));
    assert_eq!(num("1e400").as_f64(), None);
    assert_eq!(num("-1e400").as_f64(), None);
    assert_eq!(
        num("9007199254740993").as_f64(),
        Some(9_007_199_254_740_992.0)
    );
    assert_eq!(num("2.5E-1").as_f64(), Some(0.25));
    assert_eq!(num("-12.5e1").to_string(), "-12.5e1");
}

#[test]
fn number_followed_by_structure() {
    // Numbers end exactly where their grammar ends.
    let mut p = Parser::<16>::new(b"[1,-2.5e3,0]", P).unwrap();
    p.begin_array().unwrap();
    let mut raws = Vec::new();
    while let Some(Value::Number(n)) = p.next_element().unwrap() {
        raws.push(n.raw());
    }
    assert_eq!(raws, ["1", "-2.5e3", "0"]);
}

// ----- strings -----------------------------------------------------------------------------------

#[test]
fn strings_unescape() {
    let (s, text) = one_str(r#""a\"b\\c\/d\be\ff\ng\rh\ti""#);
    assert!(s.has_escapes());
    assert_eq!(s.as_str(), None);
    assert_eq!(s.raw(), br#"a\"b\\c\/d\be\ff\ng\rh\ti"#);
    assert_eq!(text, "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti");
    assert!(s.eq_str("a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti"));
    assert_eq!(s.unescaped_len(), text.len());
    assert_eq!(s.to_string(), text);

    let (s, text) = one_str(r#""\u00e9\u20AC\uD834\uDD1E\u0000x""#);
    assert_eq!(text, "é€𝄞\0x");
    assert!(s.eq_str("é€𝄞\0x"));
    assert!(!s.eq_str("é€𝄞\0"));
    assert!(!s.eq_str("é€𝄞\0xy"));
    assert_eq!(s.unescaped_len(), "é€𝄞\0x".len());
    assert_eq!(s.to_string(), "é€𝄞\0x");

    let (s, _) = one_str("\"plain é𝄞\"");
    assert!(!s.has_escapes());
    assert_eq!(s.as_str(), Some("plain é𝄞"));
    assert!(s.eq_str("plain é𝄞"));
    assert_eq!(s.unescaped_len(), "plain é𝄞".len());

    // Mixed raw multi-byte text and escapes.
    let (s, text) = one_str(r#""é\u00e9𝄞\ud834\udd1e/\/""#);
    assert_eq!(text, "éé𝄞𝄞//");
    assert!(s.eq_str("éé𝄞𝄞//"));
    assert_eq!(s, JsonStr::new("éé𝄞𝄞//", false));
}

#[test]
fn eq_ignore_ascii_case() {
    let (s, _) = one_str(r#""application/JWT""#);
    assert!(s.eq_ignore_ascii_case("APPLICATION/jwt"));
    assert!(!s.eq_ignore_ascii_case("application/jw"));
    let (s, _) = one_str(r#""\u004aw\u0054\/É""#);
    assert!(s.eq_ignore_ascii_case("jwt/É"));
    assert!(!s.eq_ignore_ascii_case("jwt/é")); // non-ASCII must match exactly
    assert!(!s.eq_ignore_ascii_case("jwt/"));
}

#[test]
fn unescape_into_buffers() {
    let (s, _) = one_str(r#""a\u00e9b""#); // "aéb", 4 bytes
    let mut buf = [0u8; 4];
    assert_eq!(s.unescape_into(&mut buf), Ok("aéb"));
    let mut small = [0u8; 3];
    assert_eq!(
        s.unescape_into(&mut small),
        Err(Error::TooLarge(Limit::Value))
    );
    let mut empty = [0u8; 0];
    assert_eq!(
        s.unescape_into(&mut empty),
        Err(Error::TooLarge(Limit::Value))
    );
    let (s, _) = one_str(r#""abc""#);
    let mut buf = [0u8; 8];
    assert_eq!(s.unescape_into(&mut buf), Ok("abc"));
    assert_eq!(
        s.unescape_into(&mut buf[..2]),
        Err(Error::TooLarge(Limit::Value))
    );
    let (s, _) = one_str(r#""""#);
    assert_eq!(s.unescape_into(&mut []), Ok(""));
}

#[test]
fn long_strings_use_the_fast_scan() {
    for len in 0..40 {
        for special in ["\\n", "\\\"", "\\u00e9", "é"] {
            for at in 0..=len {
                let body: String = (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect();
                let raw = format!("{}{}{}", &body[..at], special, &body[at..]);
                let doc = format!("\"{raw}\"");
                let (s, text) = one_str(&doc);
                assert_eq!(s.raw(), raw.as_bytes());
                let expect = raw
                    .replace("\\n", "\n")
                    .replace("\\\"", "\"")
                    .replace("\\u00e9", "é");
                assert_eq!(text, expect);
            }
        }
    }
}

#[test]
fn decode_escape_directly() {
    assert_eq!(decode_escape(b"n"), Some(('\n', 1)));
    assert_eq!(decode_escape(b"u0041rest"), Some(('A', 5)));
    assert_eq!(decode_escape(b"uD83D\\uDE00"), Some(('😀', 11)));
    assert_eq!(decode_escape(b"uD83D\\uD83D"), None);
    assert_eq!(decode_escape(b"uD83D"), None);
    assert_eq!(decode_escape(b"uDE00"), None);
    assert_eq!(decode_escape(b""), None);
    assert_eq!(decode_escape(b"u004"), None);
}

#[test]
fn find_special_matches_naive() {
    let mut bytes = Vec::new();
    for i in 0..300u32 {
        bytes.push(b"abc\"\\\x01\x1f \x7f\xc3\xa9"[(i * 7 % 11) as usize]);
    }
    for start in 0..bytes.len() {
        for end in start..bytes.len().min(start + 24) {
            let b = &bytes[..end];
            let naive = (start..end)
                .find(|&i| b[i] == b'"' || b[i] == b'\\' || b[i] < 0x20)
                .unwrap_or(end);
            assert_eq!(find_special(b, start), naive);
        }
    }
}

#[test]
fn name_hashes_agree_across_spellings_and_paths() {
    use super::string::short_name_hash;
    for len in 0..24usize {
        let plain: String = (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect();
        // The same name with every character escaped, and with one escape in the middle.
        let all: String = plain
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let mut one = plain.clone();
        if len > 0 {
            let c = one.remove(len / 2);
            one.insert_str(len / 2, &format!("\\u{:04X}", c as u32));
        }
        let h = JsonStr::new(&plain, false).name_hash();
        assert_eq!(JsonStr::new(&all, len > 0).name_hash(), h, "{plain}");
        assert_eq!(JsonStr::new(&one, len > 0).name_hash(), h, "{plain}");
        if len < 8 {
            let mut chunk = [b'"'; 8];
            chunk[..len].copy_from_slice(plain.as_bytes());
            assert_eq!(short_name_hash(chunk, len), h, "{plain}");
        }
        // And the parser finds the duplicate whichever spelling comes first.
        for (a, b) in [
            (&plain, &all),
            (&all, &plain),
            (&one, &plain),
            (&plain, &one),
        ] {
            let doc = format!("{{\"x\":0,\"{a}\":1,\"y\":2,\"{b}\":3}}");
            assert_eq!(v(&doc), Err(DUP), "{doc}");
        }
    }
    // Multi-byte characters, escaped and raw.
    let raw = JsonStr::new("é𝄞€", false).name_hash();
    assert_eq!(
        JsonStr::new("\\u00e9\\ud834\\udd1e\\u20ac", true).name_hash(),
        raw
    );
}

#[test]
#[cfg_attr(miri, ignore = "240 documents: slow under miri")]
fn names_compare_alike_across_spellings() {
    for len in 0..24usize {
        let plain: String = (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect();
        // The same name with every character escaped, and with one escape in the middle.
        let all: String = plain
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let mut one = plain.clone();
        if len > 0 {
            let c = one.remove(len / 2);
            one.insert_str(len / 2, &format!("\\u{:04X}", c as u32));
        }
        // The parser finds the duplicate whichever spelling comes first, among other names
        // sorting before and after it (so the binary search compares across spellings).
        for (a, b) in [
            (&plain, &all),
            (&all, &plain),
            (&one, &plain),
            (&plain, &one),
            (&one, &all),
        ] {
            let doc = format!("{{\"x\":0,\"{a}\":1,\"\":2,\"a~\":3,\"{b}\":4}}");
            assert_eq!(v(&doc), Err(DUP), "{doc}");
            let doc = format!("{{\"{a}\":1,\"{a}x\":2,\"{b}\\u0000\":3}}");
            assert_eq!(v(&doc), Ok(()), "{doc}");
        }
    }
    // Multi-byte characters, escaped and raw; ' ' and '!' sort before the quote byte.
    assert_eq!(v(r#"{"é𝄞€":1,"\u00e9\ud834\udd1e\u20ac":2}"#), Err(DUP));
    assert_eq!(v(r#"{"\u00e9\ud834\udd1e\u20ac":1,"é𝄞€":2}"#), Err(DUP));
    assert_eq!(v(r#"{"a":1,"a ":2,"a!":3,"a\u0020":4}"#), Err(DUP));
    assert_eq!(v(r#"{"a ":1,"a":2,"a!":3,"a\"":4,"a\u0021":5}"#), Err(DUP));
    assert_eq!(v(r#"{"a ":1,"a":2,"a!":3,"a\"":4,"\u0061":5}"#), Err(DUP));
    assert_eq!(v(r#"{"a ":1,"a":2,"a!":3,"a\"":4,"a\\":5}"#), Ok(()));
}

#[test]
#[cfg_attr(
    miri,
    ignore = "hundreds of rescans: minutes under miri; runs natively and on WASM"
)]
fn object_member_count_is_capped() {
    use crate::error::Limit;
    use crate::limits::MAX_OBJECT_MEMBERS;
    let object = |n: usize| {
        let members: std::vec::Vec<std::string::String> =
            (0..n).map(|i| std::format!("\"m{i}\":{i}")).collect();
        std::format!("{{{}}}", members.join(","))
    };
    let at_cap = object(MAX_OBJECT_MEMBERS);
    assert_eq!(validate::<16>(at_cap.as_bytes(), Part::Payload), Ok(()));
    let over = object(MAX_OBJECT_MEMBERS + 1);
    let want = Err(Error::TooLarge(Limit::ObjectMembers));
    assert_eq!(validate::<16>(over.as_bytes(), Part::Payload), want);
    // Also inside a value that is skipped, and through the pull API.
    let nested = std::format!("{{\"a\":[1,{over}]}}");
    assert_eq!(validate::<16>(nested.as_bytes(), Part::Payload), want);
    let mut p = Parser::<16>::new(over.as_bytes(), Part::Payload).unwrap();
    p.begin_object().unwrap();
    let mut seen = 0;
    let r = loop {
        match p.next_key() {
            Ok(Some(_)) => {
                seen += 1;
                p.skip_value().unwrap();
            }
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    assert_eq!((r, seen), (want, MAX_OBJECT_MEMBERS));
    // Sibling objects each have their own count.
    let two = std::format!("[{at_cap},{at_cap}]");
    assert_eq!(validate::<16>(two.as_bytes(), Part::Payload), Ok(()));
}

// ----- duplicate detection: counted work (issue 11, point 10) ------------------------------------

/// The bound the module docs state: duplicate-detection steps per input byte.
const DUP_STEPS_PER_BYTE: u64 = 44;

/// Validates `doc` like [`validate`] and returns the verdict with the duplicate-detection
/// steps it took.
fn counted<const D: usize>(doc: &[u8]) -> (Result<(), Error>, u64) {
    let mut p = Parser::<D>::new(doc, Part::Payload).unwrap();
    let r = p.skip_value();
    let steps = p.dup_steps();
    (r.and_then(|()| p.finish()), steps)
}

/// The names an object at each of `levels` levels can have: the open objects hold 256.
fn room(levels: usize) -> usize {
    crate::limits::MAX_OBJECT_MEMBERS - (levels - 1)
}

/// The worst shape for the sorted name runs: `levels` nested objects of `members` members
/// each, names sharing a `prefix`-byte prefix (every comparison reads all of it) and written
/// in descending order (every insertion shifts the whole run), the nested object first (so
/// the open objects hold few names, and every run is sorted from its first name on: the
/// innermost object holds `{}`). With `escaped`, every other name spells its first character
/// as `\u0070`, so comparisons go character by character. Nesting depth `levels + 1`.
fn hostile(levels: usize, members: usize, prefix: usize, escaped: bool) -> String {
    let mut doc = "{\"~\":".repeat(levels);
    doc.push_str("{}");
    let body = "p".repeat(prefix);
    for _ in 0..levels {
        for j in (0..members - 1).rev() {
            let first = if escaped && j % 2 == 1 {
                "\\u0070"
            } else {
                "p"
            };
            doc.push_str(&format!(",\"{first}{body}{j:04}\":{j}"));
        }
        doc.push('}');
    }
    doc
}

/// Like [`hostile`] with the shortest names there are (empty, one, then two characters), so
/// the shifts weigh most per byte.
fn hostile_short(levels: usize, members: usize) -> String {
    let chars: Vec<char> = ('!'..='}').filter(|c| !matches!(c, '"' | '\\')).collect();
    let mut names = std::vec![String::new()];
    names.extend(chars.iter().map(|c| c.to_string()));
    for a in &chars {
        for b in &chars {
            names.push(format!("{a}{b}"));
        }
    }
    names.truncate(members - 1);
    names.sort();
    let mut doc = "{\"~\":".repeat(levels);
    doc.push_str("{}");
    for _ in 0..levels {
        for name in names.iter().rev() {
            doc.push_str(&format!(",\"{name}\":0"));
        }
        doc.push('}');
    }
    doc
}

/// Like [`hostile`] with names (`c` and a number, ascending) whose hashes all set the same
/// two filter bits: every name after the first is a filter hit.
fn colliding(levels: usize, members: usize) -> String {
    let bits = |name: &str| {
        let h = JsonStr::new(name, false).name_hash();
        (h >> 58, (h >> 52) & 63)
    };
    let target = bits("c0");
    let names: Vec<String> = (0u32..)
        .map(|i| format!("c{i}"))
        .filter(|n| bits(n) == target)
        .take(members - 1)
        .collect();
    let mut doc = "{\"~\":".repeat(levels);
    doc.push_str("{}");
    for _ in 0..levels {
        for name in &names {
            doc.push_str(&format!(",\"{name}\":0"));
        }
        doc.push('}');
    }
    doc
}

#[test]
#[cfg_attr(miri, ignore = "megabyte documents: minutes under miri")]
fn duplicate_detection_is_linear_whatever_the_nesting() {
    use crate::limits::MAX_PAYLOAD_DEPTH;
    let mut worst = 0.0f64;
    for (levels, prefix, escaped) in [
        (1, 200, false),
        (15, 200, false), // the issue's shape: ~0.8 MB, 15 levels of 256 members
        (15, 0, false),
        (15, 60, true),
        (MAX_PAYLOAD_DEPTH - 1, 32, false), // at the depth cap
        (MAX_PAYLOAD_DEPTH - 1, 0, true),
    ] {
        let doc = hostile(levels, room(levels), prefix, escaped);
        let (r, steps) = counted::<MAX_PAYLOAD_DEPTH>(doc.as_bytes());
        assert_eq!(r, Ok(()), "{levels} {prefix} {escaped}");
        let n = doc.len() as u64;
        assert!(
            steps <= DUP_STEPS_PER_BYTE * n,
            "{levels} levels, prefix {prefix}: {steps} steps for {n} bytes"
        );
        worst = worst.max(steps as f64 / n as f64);
        std::println!(
            "{levels} levels, prefix {prefix}, escaped {escaped}: {steps} steps, {n} bytes"
        );
        // And a duplicate at the very end (of the outermost object) is still found.
        let dup = format!("{}0007\":0}}", doc.strip_suffix("0000\":0}").unwrap());
        assert_eq!(
            counted::<MAX_PAYLOAD_DEPTH>(dup.as_bytes()).0,
            Err(DUP_PAYLOAD)
        );
    }
    for levels in [1, 15, MAX_PAYLOAD_DEPTH - 1] {
        let doc = hostile_short(levels, room(levels));
        let (r, steps) = counted::<MAX_PAYLOAD_DEPTH>(doc.as_bytes());
        assert_eq!(r, Ok(()));
        let n = doc.len() as u64;
        std::println!("short names, {levels} levels: {steps} steps, {n} bytes");
        assert!(
            steps <= DUP_STEPS_PER_BYTE * n,
            "{levels}: {steps} steps for {n} bytes"
        );
        worst = worst.max(steps as f64 / n as f64);
    }
    // Without a nested object first, each object starts unsorted behind its filter and is
    // sorted on the first filter hit: the same bound.
    for doc in [
        hostile(1, 256, 200, false),
        hostile_short(1, 256),
        colliding(1, 256),
    ] {
        let flat = doc.replacen("{\"~\":{}", "{\"~\":0", 1);
        let (r, steps) = counted::<MAX_PAYLOAD_DEPTH>(flat.as_bytes());
        assert_eq!(r, Ok(()));
        let n = flat.len() as u64;
        std::println!("flat: {steps} steps, {n} bytes");
        assert!(
            steps <= DUP_STEPS_PER_BYTE * n,
            "{steps} steps for {n} bytes"
        );
        worst = worst.max(steps as f64 / n as f64);
    }
    // The issue's shape: names whose hashes all set the same filter bits, at 15 levels and
    // at the depth cap.
    for levels in [15, MAX_PAYLOAD_DEPTH - 1] {
        let doc = colliding(levels, room(levels));
        let (r, steps) = counted::<MAX_PAYLOAD_DEPTH>(doc.as_bytes());
        assert_eq!(r, Ok(()));
        let n = doc.len() as u64;
        std::println!("colliding, {levels} levels: {steps} steps, {n} bytes");
        assert!(
            steps <= DUP_STEPS_PER_BYTE * n,
            "{steps} steps for {n} bytes"
        );
    }
    // The shapes are real worst cases, not lucky ones: over half the bound.
    assert!(worst > (DUP_STEPS_PER_BYTE / 2) as f64, "{worst}");
}

const DUP_PAYLOAD: Error = Error::DuplicateMember(Part::Payload);

#[test]
#[cfg_attr(miri, ignore = "hundreds of kilobytes of names: minutes under miri")]
fn duplicate_detection_steps_do_not_grow_with_depth() {
    // The same objects, alone and nested: the steps per object are the same, since nested
    // values are never read again (the old rescan read them once per enclosing object).
    for levels in [2, 15, 63] {
        let members = room(levels);
        let (r, one) = counted::<64>(hostile(1, members, 8, false).as_bytes());
        assert_eq!(r, Ok(()));
        let (r, nested) = counted::<64>(hostile(levels, members, 8, false).as_bytes());
        assert_eq!(r, Ok(()));
        assert_eq!(nested, one * levels as u64, "{levels}");
    }
}

#[test]
fn ordinary_objects_take_a_few_steps_per_member() {
    let doc = br#"{"sub":"3458764517517852417","iss":"miro","team":"3074457349056199734","user":"3458764517517852417","exp":4000000000,"iat":1700000000}"#;
    let (r, steps) = counted::<64>(doc);
    assert_eq!(r, Ok(()));
    assert!(steps <= 6 * 8, "{steps}");
}

#[test]
#[cfg_attr(miri, ignore = "hundreds of kilobytes of names: minutes under miri")]
fn open_objects_share_the_name_stack() {
    use crate::limits::MAX_OBJECT_MEMBERS;
    let members = |n: usize, tag: &str| -> String {
        (0..n)
            .map(|i| format!("\"{tag}{i}\":{i},"))
            .collect::<String>()
    };
    let object = |n: usize| format!("{{{}\"last\":0}}", members(n - 1, "m"));
    // An outer object holding `outer` names (the nested object's own included) around an
    // object of `MAX_OBJECT_MEMBERS - outer`: exactly the stack.
    for outer in [1, 2, 100, MAX_OBJECT_MEMBERS - 1] {
        let inner = object(MAX_OBJECT_MEMBERS - outer);
        let fits = format!("{{{}\"in\":{inner}}}", members(outer - 1, "o"));
        assert_eq!(validate::<4>(fits.as_bytes(), P), Ok(()), "{outer}");
        let over = format!("{{{}\"in\":{inner}}}", members(outer, "o"));
        assert_eq!(
            validate::<4>(over.as_bytes(), P),
            Err(Error::TooLarge(Limit::ObjectMembers))
        );
        // Names of closed objects are dropped: siblings in an array do not add up.
        let siblings = format!(
            "{{{}\"in\":[{inner},{inner},{inner}]}}",
            members(outer - 1, "o")
        );
        assert_eq!(validate::<4>(siblings.as_bytes(), P), Ok(()));
    }
    // The outer object's names after a nested one are still checked against those before it.
    let inner = object(100);
    let dup = format!("{{\"o1\":0,\"a\":{inner},\"m1\":0,\"o1\":1}}");
    assert_eq!(validate::<4>(dup.as_bytes(), P), Err(DUP));
    let full = object(MAX_OBJECT_MEMBERS);
    let arrays = format!("[{full},[{full},[[{full}]]]]");
    assert_eq!(validate::<8>(arrays.as_bytes(), P), Ok(()));
    // The shape of issue 11 (objects of 256 members, each nested in the last member of the
    // one around it, 15 levels): the open objects would hold 15 × 256 names; refused once
    // they hold 256, in one pass.
    let mut deep = String::new();
    for _ in 0..15 {
        deep.push_str(&format!(
            "{{{}\"next\":",
            members(MAX_OBJECT_MEMBERS - 1, "m")
        ));
    }
    deep.push('0');
    deep.push_str(&"}".repeat(15));
    let (r, steps) = counted::<64>(deep.as_bytes());
    assert_eq!(r, Err(Error::TooLarge(Limit::ObjectMembers)));
    assert!(steps <= DUP_STEPS_PER_BYTE * deep.len() as u64);
}

#[test]
fn payload_depth_cap_and_one_past() {
    use crate::limits::{MAX_HEADER_DEPTH, MAX_PAYLOAD_DEPTH};
    const PD: Error = Error::TooDeep(Part::Payload);
    for pattern in [&["["][..], &["{\"a\":"], &["[", "{\"a\":"]] {
        let at = nested(pattern, MAX_PAYLOAD_DEPTH);
        assert_eq!(
            validate::<MAX_PAYLOAD_DEPTH>(at.as_bytes(), Part::Payload),
            Ok(())
        );
        let past = nested(pattern, MAX_PAYLOAD_DEPTH + 1);
        assert_eq!(
            validate::<MAX_PAYLOAD_DEPTH>(past.as_bytes(), Part::Payload),
            Err(PD)
        );
        // The default parameter is the payload's cap.
        let mut p: Parser<'_> = Parser::new(past.as_bytes(), Part::Payload).unwrap();
        assert_eq!(p.skip_value(), Err(PD));
        // The header's stays small.
        let h = nested(pattern, MAX_HEADER_DEPTH + 1);
        assert_eq!(validate::<MAX_HEADER_DEPTH>(h.as_bytes(), P), Err(DEEP));
        let h = nested(pattern, MAX_HEADER_DEPTH);
        assert_eq!(validate::<MAX_HEADER_DEPTH>(h.as_bytes(), P), Ok(()));
    }
}
