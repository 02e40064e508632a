//! Custom claims without serde (`Verified::claim` and its typed getters) against serde_json.
//!
//! Random claim objects are written as JSON (by serde_json, or by a writer that escapes
//! characters of strings and names as `\uXXXX`), verified through a [`Verifier`], and every
//! getter is checked to agree with serde_json's view of the same text: the value found by
//! name, compared all the way down, and each typed getter.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod claims_gen;
mod common;

use claims_gen::*;

use common::*;
use proptest::prelude::*;
use serde_json::{Map, Value as J};
use tinyjwt_core::*;

const SECRET: &[u8] = b"an app secret of at least 32 bytes!";
const NOW: u64 = 1_700_000_000;

fn verifier() -> Verifier<'static, TestBackend> {
    let key = BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(SECRET).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
    v.keys_mut().add_key(&key, None).unwrap();
    v
}

fn unescaped(s: JsonStr<'_>) -> String {
    s.to_string()
}

/// `ours` is the same JSON value as `theirs`, all the way down.
fn agree(ours: ClaimValue<'_>, theirs: &J) {
    match (ours, theirs) {
        (ClaimValue::Null, J::Null) => {}
        (ClaimValue::Bool(a), J::Bool(b)) => assert_eq!(a, *b),
        (ClaimValue::Number(n), J::Number(m)) => {
            assert_eq!(n.as_u64(), m.as_u64(), "{n}");
            assert_eq!(n.as_i64(), m.as_i64(), "{n}");
            // serde_json (without `float_roundtrip`) may be an ulp or so off; core is exact.
            let (a, b) = (n.as_f64().unwrap(), m.as_f64().unwrap());
            // (Absolute among subnormals, whose precision is less.)
            let tolerance = (b.abs() * 1e-15).max(f64::MIN_POSITIVE);
            assert!((a - b).abs() <= tolerance, "{n}: {a} vs {b}");
        }
        (ClaimValue::Str(s), J::String(t)) => {
            assert!(s.eq_str(t));
            assert_eq!(unescaped(s), *t);
            assert_eq!(s.as_str().is_some(), !s.raw_str().contains('\\'));
        }
        (ClaimValue::Array(a), J::Array(b)) => {
            assert_eq!(a.iter().count(), b.len());
            for (x, y) in a.iter().zip(b) {
                agree(x, y);
            }
        }
        (ClaimValue::Object(o), J::Object(m)) => {
            assert_eq!(o.members().count(), m.len());
            for (k, v) in o.members() {
                agree(v, &m[&unescaped(k)]);
            }
            for (k, v) in m {
                agree(o.get(k).unwrap(), v);
            }
        }
        (a, b) => panic!("{a:?} is not {b}"),
    }
}

fn check(text: &str, probe: [&str; 4]) {
    let theirs: Map<String, J> = serde_json::from_str(text).unwrap();
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, text);
    let mut buf = vec![0u8; token.len() + 64];
    let v = verifier();
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    for name in NAMES.iter().chain(&["exp", "missing", ""]) {
        let t = theirs.get(*name);
        match (verified.claim(name), t) {
            (None, None) => {}
            (Some(ours), Some(t)) => agree(ours, t),
            (a, b) => panic!("{name}: {a:?} vs {b:?}"),
        }
        let t_str = t.and_then(J::as_str);
        assert_eq!(verified.claim_str(name).map(unescaped).as_deref(), t_str);
        assert_eq!(verified.claim_u64(name), t.and_then(J::as_u64), "{name}");
        assert_eq!(verified.claim_i64(name), t.and_then(J::as_i64), "{name}");
        assert_eq!(verified.claim_bool(name), t.and_then(J::as_bool), "{name}");
        if let Some(s) = t_str {
            assert!(verified.claim_eq(name, s));
            assert!(!verified.claim_eq(name, &format!("{s}x")));
        } else {
            assert!(!verified.claim_eq(name, ""));
        }
        let t_arr: Option<Vec<&str>> = t
            .and_then(J::as_array)
            .and_then(|a| a.iter().map(J::as_str).collect());
        let ours = verified.claim_str_array(name);
        assert_eq!(ours.is_some(), t_arr.is_some(), "{name}");
        if let (Some(ours), Some(t_arr)) = (ours, t_arr) {
            let got: Vec<String> = ours.iter().map(unescaped).collect();
            assert_eq!(got, t_arr);
            for s in &t_arr {
                assert!(ours.contains(s));
            }
        }
    }
    let many = verified.claim_many(probe);
    for (name, got) in probe.iter().zip(many) {
        match (got, theirs.get(*name)) {
            (None, None) => {}
            (Some(ours), Some(t)) => agree(ours, t),
            (a, b) => panic!("{name}: {a:?} vs {b:?}"),
        }
    }
    assert_eq!(verified.claim_u64("exp"), Some(EXP));
    assert_eq!(verified.claims_object().members().count(), theirs.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    #[cfg_attr(miri, ignore)]
    fn getters_agree_with_serde_json(
        m in claims(),
        escape in any::<bool>(),
        probe in prop::array::uniform4(prop::sample::select(NAMES)),
    ) {
        let mut text = String::new();
        write(&J::Object(m), escape, &mut text);
        check(&text, probe);
        // serde_json's own compact writing, too.
        let compact = serde_json::to_string(&serde_json::from_str::<J>(&text).unwrap()).unwrap();
        check(&compact, probe);
    }
}

#[test]
fn readme_examples() {
    let v = verifier();
    let text = format!(
        r#"{{"idPlugin":"5f1","team":"t\u0031","user":"u1","roles":["a","b"],"exp":{EXP}}}"#
    );
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, &text);
    let mut buf = [0u8; 1024];
    let verified = v.verify(&token, NOW, &mut buf).unwrap();
    assert!(verified.claim_eq("idPlugin", "5f1"));
    assert!(!verified.claim_eq("idPlugin", "5f"));
    assert!(verified.claim_eq("team", "t1"));
    assert_eq!(
        verified.claim_str("team").unwrap().as_str(),
        None,
        "escaped"
    );
    assert_eq!(verified.claim_str("user").unwrap().as_str(), Some("u1"));
}
