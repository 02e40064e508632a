use super::*;
use crate::error::{ClaimReason, Error, Limit, Part};
use std::format;

fn date(s: &str) -> Result<NumericDate, ClaimReason> {
    NumericDate::parse(s)
}

fn invalid(claim: &'static str, reason: ClaimReason) -> Error {
    Error::InvalidClaim { claim, reason }
}

#[test]
fn numeric_date_integers_and_fractions() {
    assert_eq!(date("0"), Ok(NumericDate::from_secs(0)));
    assert_eq!(date("-0"), Ok(NumericDate::from_secs(0)));
    assert_eq!(date("-0.0e7"), Ok(NumericDate::from_secs(0)));
    assert_eq!(date("1300819380"), Ok(NumericDate::from_secs(1300819380)));
    let d = date("1300819380.5").unwrap();
    assert_eq!(
        (d.secs(), d.has_fraction(), d.ceil()),
        (1300819380, true, 1300819381)
    );
    let d = date("1300819380.000").unwrap();
    assert_eq!((d.secs(), d.has_fraction()), (1300819380, false));
    assert_eq!(date("1.30081938e9"), Ok(NumericDate::from_secs(1300819380)));
    assert_eq!(
        date("13008193800E-1"),
        Ok(NumericDate::from_secs(1300819380))
    );
    let d = date("13008193805e-1").unwrap();
    assert_eq!((d.secs(), d.has_fraction()), (1300819380, true));
    let d = date("1e-300").unwrap();
    assert_eq!((d.secs(), d.has_fraction()), (0, true));
    let d = date("0.000001").unwrap();
    assert_eq!((d.secs(), d.has_fraction()), (0, true));
    assert_eq!(
        date("253402300799"),
        Ok(NumericDate::from_secs(253_402_300_799))
    );
    let d = date("253402300799.9").unwrap();
    assert_eq!(d.ceil(), 253_402_300_800);
}

#[test]
fn numeric_date_out_of_range() {
    for s in [
        "253402300800",
        "9007199254740992",     // 2^53
        "9007199254740993",     // 2^53 + 1
        "9223372036854775808",  // 2^63
        "18446744073709551616", // 2^64
        "1e300",
        "1E+300",
        "1e1048577",
        "1e99999999999999999999",
        "-1",
        "-0.5",
        "-1e-300",
        "-9223372036854775808",
        "99999999999999999999999999999999999999999999999999999999",
    ] {
        assert_eq!(date(s), Err(ClaimReason::OutOfRange), "{s}");
    }
}

#[test]
fn numeric_date_digit_fast_path_agrees_with_general_path() {
    // Plain digit strings of up to 12 bytes take a fast path; the same value spelled with a
    // fraction or an exponent takes the general one.
    for s in [
        "0",
        "00",
        "7",
        "000000000001",
        "1767225600",
        "4102444800",
        "099999999999",
        "253402300799",
        "253402300800",
        "999999999999",
        "0000000000001",
        "1000000000000",
    ] {
        let want = date(&format!("{s}.0"));
        assert_eq!(date(s), want, "{s}");
        assert_eq!(date(&format!("{s}e0")), want, "{s}");
    }
}

fn parse(json: &str) -> Result<Claims<'_>, Error> {
    Claims::parse(json.as_bytes(), &[]).map(|(c, _)| c)
}

#[test]
fn registered_claims() {
    let c = parse(
        r#"{"iss":"joe","sub":"a\/b","jti":"x","exp":1300819380,"nbf":1,"iat":2.5,"aud":"app","other":{"x":[1,2]}}"#,
    )
    .unwrap();
    assert!(c.iss.unwrap().eq_str("joe"));
    assert!(c.sub.unwrap().eq_str("a/b"));
    assert!(c.jti.unwrap().eq_str("x"));
    assert_eq!(c.exp, Some(NumericDate::from_secs(1300819380)));
    assert_eq!(c.nbf, Some(NumericDate::from_secs(1)));
    assert_eq!(c.iat.map(|d| (d.secs(), d.has_fraction())), Some((2, true)));
    assert!(c.aud.is_present() && c.aud.contains("app") && !c.aud.contains("ap"));
    let c = parse(r#"{"aud":["a","b\u0063"]}"#).unwrap();
    assert!(c.aud.contains("bc"));
    assert_eq!(c.aud.iter().count(), 2);
    let c = parse(r#"{"aud":[]}"#).unwrap();
    assert!(c.aud.is_present() && c.aud.iter().next().is_none());
    let c = parse("{}").unwrap();
    assert!(!c.aud.is_present() && c.exp.is_none());
}

#[test]
fn escaped_names_are_the_registered_claims() {
    let c = parse(r#"{"\u0065xp":5,"i\u0073s":"me"}"#).unwrap();
    assert_eq!(c.exp, Some(NumericDate::from_secs(5)));
    assert!(c.iss.unwrap().eq_str("me"));
    assert_eq!(
        parse(r#"{"\u0065xp":"5"}"#).unwrap_err(),
        invalid("exp", ClaimReason::WrongType)
    );
}

#[test]
fn wrong_types_name_the_claim() {
    for claim in ["exp", "nbf", "iat"] {
        for v in [r#""1""#, "true", "false", "null", "[1]", r#"{"a":1}"#] {
            let json = format!(r#"{{"{claim}":{v}}}"#);
            assert_eq!(
                Claims::parse(json.as_bytes(), &[]).map(|_| ()),
                Err(Error::InvalidClaim {
                    claim: match claim {
                        "exp" => "exp",
                        "nbf" => "nbf",
                        _ => "iat",
                    },
                    reason: ClaimReason::WrongType
                }),
                "{json}"
            );
        }
    }
    for v in ["1", "true", "null", r#"{"a":1}"#] {
        let json = format!(r#"{{"iss":{v}}}"#);
        assert_eq!(
            Claims::parse(json.as_bytes(), &[]).map(|_| ()),
            Err(invalid("iss", ClaimReason::WrongType))
        );
    }
    assert_eq!(
        parse(r#"{"sub":1}"#).unwrap_err(),
        invalid("sub", ClaimReason::WrongType)
    );
    assert_eq!(
        parse(r#"{"jti":[]}"#).unwrap_err(),
        invalid("jti", ClaimReason::WrongType)
    );
    assert_eq!(
        parse(r#"{"aud":1}"#).unwrap_err(),
        invalid("aud", ClaimReason::WrongType)
    );
    assert_eq!(
        parse(r#"{"aud":["a",1]}"#).unwrap_err(),
        invalid("aud", ClaimReason::WrongType)
    );
    assert_eq!(
        parse(r#"{"aud":["a",["b"]]}"#).unwrap_err(),
        invalid("aud", ClaimReason::WrongType)
    );
    assert_eq!(
        parse(r#"{"aud":null}"#).unwrap_err(),
        invalid("aud", ClaimReason::WrongType)
    );
    assert_eq!(
        parse(r#"{"exp":-1}"#).unwrap_err(),
        invalid("exp", ClaimReason::OutOfRange)
    );
    assert_eq!(
        parse(r#"{"nbf":1e300}"#).unwrap_err(),
        invalid("nbf", ClaimReason::OutOfRange)
    );
    assert_eq!(
        parse(r#"{"iat":18446744073709551616}"#).unwrap_err(),
        invalid("iat", ClaimReason::OutOfRange)
    );
}

#[test]
fn audience_count_is_capped() {
    let mut json = std::string::String::from(r#"{"aud":["#);
    for i in 0..MAX_AUDIENCES {
        json.push_str(&format!(r#""a{i}","#));
    }
    let ok = format!("{}]}}", json.trim_end_matches(','));
    assert_eq!(parse(&ok).unwrap().aud.iter().count(), MAX_AUDIENCES);
    let over = format!("{json}\"x\"]}}");
    assert_eq!(parse(&over).unwrap_err(), Error::TooLarge(Limit::Audiences));
}

#[test]
fn audience_values_are_re_read_in_order() {
    use std::string::ToString;
    use std::vec::Vec;
    let values = |json: &str| -> Vec<std::string::String> {
        let c = parse(json).unwrap();
        c.aud.iter().map(|v| v.to_string()).collect()
    };
    assert_eq!(values(r#"{"aud":"x"}"#), ["x"]);
    assert_eq!(values(r#"{"aud":[]}"#), Vec::<std::string::String>::new());
    assert_eq!(values(r#"{"aud":[ ]}"#), Vec::<std::string::String>::new());
    assert_eq!(values(r#"{"aud":["a"]}"#), ["a"]);
    assert_eq!(
        values(
            "{\"aud\" : [ \"a\" ,\n\t\"b,c\"\r, \"\\\"]\\\\\" , \"\",\"\\u00e9\" ] , \"x\":[\"y\"]}"
        ),
        ["a", "b,c", "\"]\\", "", "\u{e9}"]
    );
    let mut json = std::string::String::from(r#"{"aud":["#);
    for i in 0..MAX_AUDIENCES {
        json.push_str(&format!(r#" "a{i}" ,"#));
    }
    let all = values(&format!("{}]}}", json.trim_end_matches(',')));
    let want: Vec<_> = (0..MAX_AUDIENCES).map(|i| format!("a{i}")).collect();
    assert_eq!(all, want);
    let c = parse(r#"{"aud":["a","b\u0063"],"sub":"s"}"#).unwrap();
    assert_eq!(format!("{:?}", c.aud.iter().collect::<Vec<_>>().len()), "2");
    assert!(c.aud.contains("a") && c.aud.contains("bc") && !c.aud.contains("s"));
    assert_eq!(format!("{:?}", Audience::default()), "Audience(absent)");
}

#[test]
fn payload_shape_errors() {
    assert_eq!(
        parse("It\u{2019}s a dangerous business").unwrap_err(),
        Error::ClaimsNotJson
    );
    assert_eq!(parse("[1,2]").unwrap_err(), Error::ClaimsNotJson);
    assert_eq!(parse(r#""str""#).unwrap_err(), Error::ClaimsNotJson);
    assert_eq!(parse(r#"{"a":1,}"#).unwrap_err(), Error::ClaimsNotJson);
    assert_eq!(parse(r#"{"a":1} x"#).unwrap_err(), Error::ClaimsNotJson);
    assert_eq!(parse("").unwrap_err(), Error::ClaimsNotJson);
    assert_eq!(
        Claims::parse(b"{\"a\":\"\xff\"}", &[]).map(|_| ()),
        Err(Error::ClaimsNotJson)
    );
    assert_eq!(
        parse(r#"{"exp":1,"exp":2}"#).unwrap_err(),
        Error::DuplicateMember(Part::Payload)
    );
    assert_eq!(
        parse(r#"{"exp":1,"\u0065xp":2}"#).unwrap_err(),
        Error::DuplicateMember(Part::Payload)
    );
    let deep = format!(
        r#"{{"a":{}1{}}}"#,
        "[".repeat(MAX_PAYLOAD_DEPTH),
        "]".repeat(MAX_PAYLOAD_DEPTH)
    );
    assert_eq!(parse(&deep).unwrap_err(), Error::TooDeep(Part::Payload));
    let ok = format!(
        r#"{{"a":{}1{}}}"#,
        "[".repeat(MAX_PAYLOAD_DEPTH - 1),
        "]".repeat(MAX_PAYLOAD_DEPTH - 1)
    );
    assert!(parse(&ok).is_ok());
}

#[test]
fn required_names_are_found_by_unescaped_name() {
    let (_, found) = Claims::parse(
        br#"{"idPlugin":"p","t\u0065am":1,"exp":3}"#,
        &["team", "idPlugin", "user", "exp"],
    )
    .unwrap();
    assert_eq!(found, 0b1011);
}
