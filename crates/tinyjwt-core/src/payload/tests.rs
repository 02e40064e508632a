use super::*;
use crate::error::Part;
use crate::json::validate;
use crate::limits::MAX_PAYLOAD_DEPTH;
use std::vec::Vec;

/// The top-level object of `text`, which must be what the verifier would have accepted.
fn obj(text: &str) -> JsonObject<'_> {
    validate::<MAX_PAYLOAD_DEPTH>(text.as_bytes(), Part::Payload).unwrap();
    top(text)
}

#[test]
fn escaped_names_match_unescaped() {
    let o = obj(r#"{"\u0074eam":"t1","us\u0065r":"u1","a\"b":1,"c\\":2,"\ud83d\ude00":3}"#);
    assert!(o.get_str("team").unwrap().eq_str("t1"));
    assert!(o.get_str("user").unwrap().eq_str("u1"));
    assert_eq!(o.get_u64("a\"b"), Some(1));
    assert_eq!(o.get_u64("c\\"), Some(2));
    assert_eq!(o.get_u64("\u{1F600}"), Some(3));
    // Raw text is not the name.
    assert!(o.get("\\u0074eam").is_none());
    assert!(o.get("a\\\"b").is_none());
    assert!(o.get("tea").is_none());
    assert!(o.get("teams").is_none());
}

#[test]
fn nested_values_are_skipped() {
    let o = obj(
        r#" { "a" : { "team" : "no", "x" : [ 1, {"team":"no"}, "]}\"" ] } , "b":[[[]],{}],
            "s":"}]\\", "team" : "yes" , "n":null } "#,
    );
    assert!(o.get_str("team").unwrap().eq_str("yes"));
    assert!(o.get("n").unwrap().is_null());
    let a = o.get("a").unwrap().as_object().unwrap();
    assert!(a.get_str("team").unwrap().eq_str("no"));
    let x: Vec<_> = a.get("x").unwrap().as_array().unwrap().iter().collect();
    assert_eq!(x.len(), 3);
    assert_eq!(x[0].as_number().unwrap().raw(), "1");
    assert!(
        x[1].as_object()
            .unwrap()
            .get_str("team")
            .unwrap()
            .eq_str("no")
    );
    assert!(x[2].as_str().unwrap().eq_str("]}\""));
    assert_eq!(o.get_str("s").unwrap().raw_str(), "}]\\\\");
    let b = o.get("b").unwrap().as_array().unwrap();
    assert_eq!(b.raw(), b"[[[]],{}]");
    assert_eq!(b.iter().count(), 2);
    assert!(o.get("missing").is_none());
    let names: Vec<_> = o.members().map(|(n, _)| std::format!("{n}")).collect();
    assert_eq!(names, ["a", "b", "s", "team", "n"]);
}

#[test]
fn strings_with_escaped_quotes_and_backslashes() {
    let o = obj(r#"{"a":"x\\","b":"\\\"","c":"\"\\\\","d":"plain"}"#);
    let a = o.get_str("a").unwrap();
    assert!(a.has_escapes() && a.eq_str("x\\"));
    assert!(o.get_str("b").unwrap().eq_str("\\\""));
    assert!(o.get_str("c").unwrap().eq_str("\"\\\\"));
    assert_eq!(o.get_str("d").unwrap().as_str(), Some("plain"));
}

#[test]
fn wrong_types_are_none() {
    let o = obj(r#"{"s":"1","n":1,"b":true,"z":null,"a":["x",1],"e":[],"o":{}}"#);
    assert!(o.get_str("n").is_none());
    assert!(o.get_u64("s").is_none());
    assert!(o.get_bool("n").is_none());
    assert!(o.get_bool("z").is_none());
    assert_eq!(o.get_bool("b"), Some(true));
    assert!(o.get_str_array("a").is_none(), "an element is not a string");
    assert_eq!(o.get_str_array("e").unwrap().iter().count(), 0);
    assert!(o.get_str_array("o").is_none());
    assert!(o.get_str_array("s").is_none());
    assert!(
        o.get("o")
            .unwrap()
            .as_object()
            .unwrap()
            .members()
            .next()
            .is_none()
    );
    assert!(o.get("e").unwrap().as_array().unwrap().is_empty());
}

#[test]
fn numbers() {
    let o = obj(
        r#"{"z":-0,"e":1e3,"f":1.0,"big":18446744073709551616,"max":18446744073709551615,
            "imax":9223372036854775807,"imin":-9223372036854775808,"under":-9223372036854775809,
            "over":9223372036854775808}"#,
    );
    assert_eq!(o.get_u64("z"), None);
    assert_eq!(o.get_i64("z"), Some(0));
    assert_eq!(o.get_u64("e"), None);
    assert_eq!(o.get_i64("e"), None);
    assert_eq!(o.get_u64("f"), None);
    assert_eq!(
        o.get("e").unwrap().as_number().unwrap().as_f64(),
        Some(1000.0)
    );
    assert_eq!(o.get_u64("big"), None);
    assert_eq!(o.get_u64("max"), Some(u64::MAX));
    assert_eq!(o.get_i64("max"), None);
    assert_eq!(o.get_i64("imax"), Some(i64::MAX));
    assert_eq!(o.get_i64("imin"), Some(i64::MIN));
    assert_eq!(o.get_i64("under"), None);
    assert_eq!(o.get_i64("over"), None);
    assert_eq!(o.get_u64("over"), Some(1 << 63));
}

#[test]
fn many_in_one_walk() {
    let o = obj(r#"{"a":1,"b":[2],"c":"3"}"#);
    let [c, a, x, a2] = o.get_many(["c", "a", "x", "a"]);
    assert!(c.unwrap().as_str().unwrap().eq_str("3"));
    assert_eq!(a.unwrap().as_number().unwrap().as_u64(), Some(1));
    assert!(x.is_none());
    assert_eq!(a2.unwrap().as_number().unwrap().as_u64(), Some(1));
    let [] = o.get_many([]);
}

#[test]
fn str_array() {
    let o = obj(r#"{"roles":["admin", "r\u006f", "a\"b"]}"#);
    let r = o.get_str_array("roles").unwrap();
    assert!(r.contains("admin") && r.contains("ro") && r.contains("a\"b"));
    assert!(!r.contains("r\\u006f") && !r.contains("adm"));
    assert_eq!(r.iter().count(), 3);
}

#[test]
fn unexpected_text_is_none_not_a_panic() {
    // Not reachable through `Verified` (the text is validated), but never a panic.
    for t in [
        "",
        "{",
        "{\"",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":[",
        "{\"a\":\"",
        "}",
        "]",
        "{\"a\":]}",
        "{\"a\":[1,",
        "{\"a\"1}",
        "{\"a\":{\"b\":}",
        "[\"a\"]",
        "{\"a\":\"\\",
    ] {
        let o = top(t);
        let _ = o.get("a");
        let _ = o.get_many(["a", "b"]);
        let _ = o.members().count();
        if let Some(ClaimValue::Array(a)) = o.get("a") {
            let _ = a.iter().count();
        }
    }
}

#[test]
fn iterators_stay_ended() {
    let o = obj(r#"{"a":[1, "x" ,[]],"b":{"c":1}}"#);
    let a = o.get("a").unwrap().as_array().unwrap();
    let mut it = a.iter();
    assert_eq!(it.by_ref().count(), 3);
    assert!(it.next().is_none() && it.next().is_none());
    let b = o.get("b").unwrap().as_object().unwrap();
    let mut m = b.members();
    assert!(m.next().is_some());
    assert!(m.next().is_none() && m.next().is_none());
}

#[test]
fn string_ends_across_eight_byte_chunks() {
    // Backslashes and quotes at every offset around the eight-byte scan's chunk edges (some
    // of them under miri, which is slow).
    for k in (0..20).step_by(if cfg!(miri) { 5 } else { 1 }) {
        let pad = "a".repeat(k);
        for (tail, unescaped) in [
            (r#"\\"#, "\\"),
            (r#"\""#, "\""),
            (r#"\\\""#, "\\\""),
            (r#"\u0022"#, "\""),
            ("", ""),
        ] {
            let text = std::format!(r#"{{"s":"{pad}{tail}","t":"{tail}{pad}x","n":1}}"#);
            let o = obj(&text);
            let want = std::format!("{pad}{unescaped}");
            assert!(o.get_str("s").unwrap().eq_str(&want), "{text}");
            assert_eq!(o.get_str("s").unwrap().has_escapes(), !tail.is_empty());
            let t = std::format!("{unescaped}{pad}x");
            assert!(o.get_str("t").unwrap().eq_str(&t), "{text}");
            assert_eq!(o.get_u64("n"), Some(1), "{text}");
        }
    }
}
