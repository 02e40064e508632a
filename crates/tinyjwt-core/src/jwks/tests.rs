use super::*;
use crate::alg::Algorithm;
use std::format;
use std::string::String;
use std::vec::Vec;

const X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
const Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";

fn ec(kid: &str, extra: &str) -> String {
    format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}","kid":"{kid}"{extra}}}"#)
}

fn kids(json: &str, opts: JwkOptions) -> Result<Vec<(String, Algorithm)>, Error> {
    let mut out = Vec::new();
    for_each(json.as_bytes(), opts, |j| {
        out.push((String::from(j.kid().unwrap_or("")), j.key().alg()));
        Ok(())
    })?;
    Ok(out)
}

#[test]
fn skips_what_cannot_verify() {
    let set = format!(
        r#"{{"other":{{"a":[1]}},"keys":[{},{},{},{},{},{},{}]}}"#,
        ec("enc", r#","use":"enc""#),
        ec("ops", r#","key_ops":["encrypt"]"#),
        ec("p192", "").replace("P-256", "P-192"),
        r#"{"kty":"XYZ","kid":"xyz"}"#,
        ec("es256k", r#","alg":"ES256K""#),
        r#"{"kty":"RSA","kid":"no-alg","n":"AQAB","e":"AQAB"}"#,
        ec("good", r#","use":"sig""#),
    );
    assert_eq!(
        kids(&set, JwkOptions::new()),
        Ok(std::vec![("good".into(), Algorithm::ES256)])
    );
    // With a caller algorithm, keys bound to another one are skipped too.
    assert_eq!(
        kids(&set, JwkOptions::new().alg(Algorithm::ES384)),
        Ok(Vec::new())
    );
}

#[test]
fn never_skips_private_or_symmetric_keys() {
    let private = format!(
        r#"{{"keys":[{},{}]}}"#,
        ec("a", ""),
        ec("b", r#","use":"enc","d":"AA""#)
    );
    assert_eq!(
        kids(&private, JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::PrivateMaterial))
    );
    let unknown_private = r#"{"keys":[{"kty":"foo","p":"AA"}]}"#;
    assert_eq!(
        kids(unknown_private, JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::PrivateMaterial))
    );
    let oct = r#"{"keys":[{"kty":"oct","alg":"HS256","kid":"s","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"}]}"#;
    assert_eq!(
        kids(oct, JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::SymmetricInSet))
    );
    let oct_enc = oct.replace(r#""kid""#, r#""use":"enc","kid""#);
    assert_eq!(
        kids(&oct_enc, JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::SymmetricInSet))
    );
    assert_eq!(
        kids(oct, JwkOptions::new().allow_symmetric(true)),
        Ok(std::vec![("s".into(), Algorithm::HS256)])
    );
}

#[test]
fn malformed_usable_keys_are_errors() {
    let bad = format!(r#"{{"keys":[{}]}}"#, ec("a", "").replace(X, "AAAA"));
    assert_eq!(
        kids(&bad, JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::Encoding))
    );
    let contradiction = format!(r#"{{"keys":[{}]}}"#, ec("a", r#","alg":"ES384""#));
    assert_eq!(
        kids(&contradiction, JwkOptions::new()),
        Err(Error::KeyMismatch)
    );
    let no_kty = r#"{"keys":[{"kid":"a"}]}"#;
    assert_eq!(
        kids(no_kty, JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::Missing))
    );
}

#[test]
fn set_shape_errors() {
    let enc = Error::InvalidKey(KeyProblem::Encoding);
    assert_eq!(
        kids("{}", JwkOptions::new()),
        Err(Error::InvalidKey(KeyProblem::Missing))
    );
    assert_eq!(kids(r#"{"keys":{}}"#, JwkOptions::new()), Err(enc));
    assert_eq!(kids(r#"{"keys":["a"]}"#, JwkOptions::new()), Err(enc));
    assert_eq!(kids(r#"{"keys":[[]]}"#, JwkOptions::new()), Err(enc));
    assert_eq!(
        kids("[]", JwkOptions::new()),
        Err(Error::BadJson(Part::Key))
    );
    assert_eq!(
        kids(r#"{"keys":[],"keys":[]}"#, JwkOptions::new()),
        Err(Error::DuplicateMember(Part::Key))
    );
    assert_eq!(
        kids(r#"{"keys":[]}x"#, JwkOptions::new()),
        Err(Error::BadJson(Part::Key))
    );
    assert_eq!(kids(r#"{"keys":[]}"#, JwkOptions::new()), Ok(Vec::new()));
    let big = format!(r#"{{"keys":[]}}{}"#, " ".repeat(MAX_JWKS_LEN));
    assert_eq!(
        kids(&big, JwkOptions::new()),
        Err(Error::TooLarge(Limit::KeyMaterial))
    );
    // An error from the callback stops the walk.
    let set = format!(r#"{{"keys":[{},{}]}}"#, ec("a", ""), ec("b", ""));
    let mut n = 0;
    let r = for_each(set.as_bytes(), JwkOptions::new(), |_| {
        n += 1;
        Err(Error::TooLarge(Limit::Keys))
    });
    assert_eq!((r, n), (Err(Error::TooLarge(Limit::Keys)), 1));
}
