use super::*;
use std::format;

fn parse(json: &str) -> Result<Header<'_>, Error> {
    Header::parse(json.as_bytes(), &[])
}

#[test]
fn minimal_and_full_headers() {
    let h = parse(r#"{"alg":"HS256"}"#).unwrap();
    assert_eq!(h.alg(), Algorithm::HS256);
    assert!(h.kid().is_none() && h.typ().is_none() && h.cty().is_none());
    let h = parse(
        r#"{"typ":"JWT","alg":"ES384","kid":"k\/1","cty":"text/plain","jku":"https://evil","jwk":{"kty":"oct"},"x5c":["AA"],"x5u":"u","b64":true}"#,
    )
    .unwrap();
    assert_eq!(h.alg(), Algorithm::ES384);
    assert!(h.kid().unwrap().eq_str("k/1"));
    assert!(h.typ_is("JWT") && h.typ_is("application/jwt") && h.typ_is("jwt"));
    assert!(!h.typ_is("at+jwt"));
    // RFC 7515 A.1's header, with its CRLF whitespace.
    let h = parse("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}").unwrap();
    assert_eq!(h.alg(), Algorithm::HS256);
}

#[test]
fn alg_rules() {
    assert_eq!(
        parse("{}").unwrap_err(),
        Error::InvalidHeader(HeaderParam::Alg)
    );
    assert_eq!(
        parse(r#"{"kid":"a"}"#).unwrap_err(),
        Error::InvalidHeader(HeaderParam::Alg)
    );
    for v in ["1", "null", "true", "[\"HS256\"]", "{\"a\":1}"] {
        assert_eq!(
            parse(&format!(r#"{{"alg":{v}}}"#)).unwrap_err(),
            Error::InvalidHeader(HeaderParam::Alg),
            "{v}"
        );
    }
    for v in [
        "none",
        "None",
        "",
        "HS256\u{0000}",
        "hs256",
        "RSA-OAEP",
        "dir",
        "ES256K",
    ] {
        let json = format!(r#"{{"alg":"{}"}}"#, v.replace('\u{0}', "\\u0000"));
        assert_eq!(parse(&json).unwrap_err(), Error::UnsupportedAlg, "{v}");
    }
    assert_eq!(
        parse(r#"{"alg":"HS\u0032\u0035\u0036"}"#).unwrap().alg(),
        Algorithm::HS256
    );
    assert_eq!(
        parse(r#"{"alg":"HS256","alg":"none"}"#).unwrap_err(),
        Error::DuplicateMember(Part::Header)
    );
    assert_eq!(
        parse(r#"{"alg":"HS256","\u0061lg":"RS256"}"#).unwrap_err(),
        Error::DuplicateMember(Part::Header)
    );
}

#[test]
fn other_params_have_types() {
    for (p, e) in [
        ("kid", HeaderParam::Kid),
        ("typ", HeaderParam::Typ),
        ("cty", HeaderParam::Cty),
    ] {
        let json = format!(r#"{{"alg":"HS256","{p}":7}}"#);
        assert_eq!(parse(&json).unwrap_err(), Error::InvalidHeader(e));
    }
    assert_eq!(
        parse(r#"{"alg":"HS256","b64":"false"}"#).unwrap_err(),
        Error::InvalidHeader(HeaderParam::B64)
    );
    let long = "k".repeat(MAX_KID_LEN);
    assert!(parse(&format!(r#"{{"alg":"HS256","kid":"{long}"}}"#)).is_ok());
    assert_eq!(
        parse(&format!(r#"{{"alg":"HS256","kid":"{long}x"}}"#)).unwrap_err(),
        Error::TooLarge(Limit::Kid)
    );
}

#[test]
fn b64_false_and_nested_are_refused() {
    assert_eq!(
        parse(r#"{"alg":"HS256","b64":false}"#).unwrap_err(),
        Error::B64Unsupported
    );
    assert_eq!(
        parse(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#).unwrap_err(),
        Error::B64Unsupported
    );
    for cty in ["JWT", "jwt", "application/JWT", "Application/jwt"] {
        let json = format!(r#"{{"alg":"HS256","cty":"{cty}"}}"#);
        assert_eq!(parse(&json).unwrap_err(), Error::NestedUnsupported, "{cty}");
    }
    assert!(parse(r#"{"alg":"HS256","cty":"application/json"}"#).is_ok());
}

#[test]
fn crit_rules() {
    let c =
        |json: &str, understood: &[&str]| Header::parse(json.as_bytes(), understood).map(|_| ());
    let bad_crit = Err(Error::InvalidHeader(HeaderParam::Crit));
    assert_eq!(
        c(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &[]),
        Err(Error::CritUnsupported)
    );
    assert_eq!(c(r#"{"alg":"HS256","crit":[]}"#, &[]), bad_crit);
    assert_eq!(c(r#"{"alg":"HS256","crit":["alg"]}"#, &["alg"]), bad_crit);
    assert_eq!(
        c(r#"{"alg":"HS256","crit":["kid"],"kid":"a"}"#, &[]),
        bad_crit
    );
    assert_eq!(c(r#"{"alg":"HS256","crit":"exp"}"#, &["exp"]), bad_crit);
    assert_eq!(c(r#"{"alg":"HS256","crit":[1]}"#, &[]), bad_crit);
    // Understood and present: accepted. Understood but absent: refused.
    assert_eq!(
        c(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &["exp"]),
        Ok(())
    );
    assert_eq!(c(r#"{"alg":"HS256","crit":["exp"]}"#, &["exp"]), bad_crit);
    assert_eq!(
        c(
            r#"{"alg":"HS256","crit":["e\u0078p"],"\u0065xp":1}"#,
            &["exp"]
        ),
        Ok(())
    );
    let many = format!(
        r#"{{"alg":"HS256","crit":[{}]}}"#,
        std::vec!["\"x\""; MAX_CRIT + 1].join(",")
    );
    assert_eq!(c(&many, &["x"]), Err(Error::TooLarge(Limit::Crit)));
}

#[test]
fn json_errors_are_header_errors() {
    assert_eq!(parse("[]").unwrap_err(), Error::BadJson(Part::Header));
    assert_eq!(
        parse(r#"{"alg":"HS256",}"#).unwrap_err(),
        Error::BadJson(Part::Header)
    );
    assert_eq!(
        Header::parse(b"{\"alg\":\"HS256\",\"x\":\"\xc3\"}", &[]).unwrap_err(),
        Error::BadJson(Part::Header)
    );
    let deep = format!(
        r#"{{"alg":"HS256","x":{}{}}}"#,
        "[".repeat(MAX_HEADER_DEPTH),
        "]".repeat(MAX_HEADER_DEPTH)
    );
    assert_eq!(parse(&deep).unwrap_err(), Error::TooDeep(Part::Header));
}

#[test]
fn media_types() {
    let h = parse(r#"{"alg":"HS256","typ":"application/at+jwt"}"#).unwrap();
    assert!(h.typ_is("at+jwt") && h.typ_is("AT+JWT") && h.typ_is("application/at+jwt"));
    assert!(!h.typ_is("jwt"));
    let h = parse(r#"{"alg":"HS256","typ":"application/foo/bar"}"#).unwrap();
    assert!(h.typ_is("application/foo/bar") && !h.typ_is("foo/bar"));
    let h = parse(r#"{"alg":"HS256","typ":"J\u0057T"}"#).unwrap();
    assert!(h.typ_is("jwt"));
}
