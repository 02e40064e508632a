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

/// The exact floor and fraction flag of a date, for comparisons.
fn exact(s: &str) -> (i128, bool) {
    let d = date(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
    (d.floor_i128(), d.has_fraction())
}

const SAT: i128 = NumericDate::SATURATION;

#[test]
fn numeric_date_is_any_json_number() {
    // RFC 7519 §2: before 1970 and after 9999 are NumericDates too (issue 11).
    for (s, want) in [
        ("-100", (-100, false)),
        ("-1", (-1, false)),
        ("-0.5", (-1, true)),
        ("-100.25", (-101, true)),
        ("-1e-300", (-1, true)),
        ("-1e-400", (-1, true)),
        ("1e-400", (0, true)),
        ("0.5", (0, true)),
        ("253402300800", (253_402_300_800, false)), // 10000-01-01
        ("9007199254740993", (9_007_199_254_740_993, false)), // 2^53 + 1, exact
        ("9223372036854775807", (i64::MAX as i128, false)),
        ("9223372036854775808", (1 << 63, false)), // 2^63
        ("18446744073709551615", (u64::MAX as i128, false)),
        ("18446744073709551616", (1 << 64, false)), // 2^64
        ("18446744073709551616.5", ((1 << 64), true)),
        ("1.8446744073709551616e19", (1 << 64, false)),
        ("-9223372036854775808", (i64::MIN as i128, false)),
        ("-9223372036854775809", (i64::MIN as i128 - 1, false)),
        ("-18446744073709551616", (-(1 << 64), false)),
        ("73786976294838206463", (SAT - 1, false)), // 2^66 - 1
        ("73786976294838206463.1", (SAT - 1, true)), // just below the saturation
        ("73786976294838206464", (SAT, false)),     // 2^66
        ("73786976294838206465", (SAT, false)),     // saturated
        ("-73786976294838206464", (-SAT, false)),   // -2^66
        ("-73786976294838206463.5", (-SAT, true)),  // floor -2^66, ceil -2^66 + 1
        ("-73786976294838206464.5", (-SAT, false)), // saturated
        ("1e20", (SAT, false)),
        ("1e21", (SAT, false)),
        ("1e22", (SAT, false)),
        ("1e300", (SAT, false)),
        ("1E+300", (SAT, false)),
        ("-1e300", (-SAT, false)),
        ("1e1048577", (SAT, false)),
        ("1e99999999999999999999", (SAT, false)),
        ("1e-99999999999999999999", (0, true)),
        ("-1e99999999999999999999", (-SAT, false)),
        (
            "99999999999999999999999999999999999999999999999999999999",
            (SAT, false),
        ),
        (
            "0.00000000000000000000000000000000000000000000000000000001e56",
            (1, false),
        ),
    ] {
        assert_eq!(exact(s), want, "{s}");
    }
    let d = date("-100.25").unwrap();
    assert_eq!((d.secs(), d.ceil()), (-101, -100));
    let d = date("1e300").unwrap();
    assert_eq!((d.secs(), d.ceil()), (i64::MAX, i64::MAX));
    let d = date("-1e300").unwrap();
    assert_eq!((d.secs(), d.ceil()), (i64::MIN, i64::MIN));
    assert_eq!(date("-100"), Ok(NumericDate::from_i64(-100)));
    assert_eq!(NumericDate::from_i64(i64::MIN).secs(), i64::MIN);
    assert_eq!(NumericDate::from_i64(7), NumericDate::from_secs(7));
}

#[test]
fn numeric_date_stays_compact() {
    // Two bytes and a word, as before the range was lifted: `Claims` holds three of them and
    // the Cortex-M stack bounds count them.
    assert_eq!(core::mem::size_of::<NumericDate>(), 16);
    assert_eq!(core::mem::size_of::<Option<NumericDate>>(), 16);
    assert_eq!(
        format!("{:?}", date("-100.5").unwrap()),
        "NumericDate { floor: -101, fraction: true }"
    );
}

#[test]
fn numeric_date_order_is_numeric() {
    let order = [
        "-1e300",
        "-18446744073709551616",
        "-9223372036854775809",
        "-100.5",
        "-100",
        "-0.5",
        "0",
        "0.5",
        "1",
        "1.5",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "1e300",
    ];
    for w in order.windows(2) {
        assert!(
            date(w[0]).unwrap() < date(w[1]).unwrap(),
            "{} < {}",
            w[0],
            w[1]
        );
    }
    // Within one open second, the dates are equal: no integer clock tells them apart.
    assert_eq!(date("1e-400"), date("0.999"));
    assert_eq!(date("-1e-400"), date("-0.5"));
}

#[test]
fn numeric_date_not_a_number_literal() {
    for s in [
        "", "-", "+1", ".5", "1e", "1e+", "1e-", "1x", "1.5.5", "1e5e5", " 1", "--1", "0x10",
    ] {
        assert_eq!(date(s), Err(ClaimReason::WrongType), "{s:?}");
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "megabyte literals: minutes under miri; native and WASM runs keep it"
)]
fn numeric_date_huge_mantissas_with_matching_exponents() {
    // Issue 11: `exp` = 2 spelled with a mantissa of about 2^20 digits was read as 2e9, and
    // `nbf` = 10^20 spelled `0.000…1e1048591` as 100000.
    let zeros = "0".repeat(1_048_585);
    assert_eq!(exact(&format!("2{zeros}e-1048585")), (2, false));
    assert_eq!(exact(&format!("2{zeros}E-1048584")), (20, false));
    assert_eq!(exact(&format!("2{zeros}e-1048586")), (0, true)); // 0.2
    assert_eq!(exact(&format!("2{zeros}1e-1048586")), (2, true)); // 2.000…01
    assert_eq!(exact(&format!("-2{zeros}1e-1048586")), (-3, true));
    // 0.(1048570 zeros)1 = 10^-1048571, times 10^1048591 = 10^20.
    let point_zeros = "0".repeat(1_048_570);
    assert_eq!(exact(&format!("0.{point_zeros}1e1048591")), (SAT, false));
    assert_eq!(
        exact(&format!("0.{point_zeros}1e1048590")),
        (10_000_000_000_000_000_000, false) // 10^19
    );
    assert_eq!(exact(&format!("0.{point_zeros}1e1048572")), (10, false));
    assert_eq!(exact(&format!("0.{point_zeros}1e1048571")), (1, false));
    assert_eq!(exact(&format!("0.{point_zeros}1e1048570")), (0, true));
    assert_eq!(exact(&format!("0.{point_zeros}15e1048572")), (15, false));
    assert_eq!(exact(&format!("0.{point_zeros}15e1048571")), (1, true));
    // Leading zeros of the integer part, millions of them.
    let many = "0".repeat(3_000_000);
    assert_eq!(exact(&format!("{many}1700000000")), (1_700_000_000, false));
    assert_eq!(exact(&format!("{many}.{many}")), (0, false));
    assert_eq!(exact(&format!("-{many}1.{many}e{many}")), (-1, false));
    // A 3-million-digit integer part is saturated, however it ends.
    assert_eq!(exact(&format!("1{many}")), (SAT, false));
    assert_eq!(exact(&format!("-1{many}")), (-SAT, false));
    assert_eq!(exact(&format!("1{many}e-3000000")), (1, false));
    assert_eq!(exact(&format!("1{many}e-2999999")), (10, false));
    assert_eq!(exact(&format!("1{many}1e-3000001")), (1, true));
}

#[test]
#[cfg_attr(
    miri,
    ignore = "megabyte literals: minutes under miri; native and WASM runs keep it"
)]
fn numeric_date_huge_exponent_digit_strings() {
    let many = "0".repeat(2_000_000);
    assert_eq!(exact(&format!("1e{many}5")), (100_000, false));
    assert_eq!(exact(&format!("1.5e+{many}1")), (15, false));
    assert_eq!(exact(&format!("15e-{many}1")), (1, true));
    assert_eq!(exact(&format!("1e-{many}")), (1, false)); // e-0
    let nines = "9".repeat(2_000_000);
    assert_eq!(exact(&format!("1e{nines}")), (SAT, false));
    assert_eq!(exact(&format!("1e-{nines}")), (0, true));
    assert_eq!(exact(&format!("-1e-{nines}")), (-1, true));
    assert_eq!(exact(&format!("-1e{nines}")), (-SAT, false));
    assert_eq!(exact(&format!("0e{nines}")), (0, false));
    assert_eq!(exact(&format!("-0.0e{nines}")), (0, false));
    // Exponents just around the saturation of the exponent itself (2^64 - 1).
    assert_eq!(exact("1e18446744073709551615"), (SAT, false));
    assert_eq!(exact("1e18446744073709551616"), (SAT, false));
    assert_eq!(exact("1e-18446744073709551616"), (0, true));
}

#[test]
fn numeric_date_digit_fast_path_agrees_with_general_path() {
    // Plain digit strings of up to 19 bytes take a fast path; the same value spelled with a
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
        "9999999999999999999",
        "0000000000000000001",
        "10000000000000000000",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
    ] {
        let want = date(&format!("{s}.0"));
        assert!(want.is_ok(), "{s}");
        assert_eq!(date(s), want, "{s}");
        assert_eq!(date(&format!("{s}e0")), want, "{s}");
        assert_eq!(date(&format!("{s}0e-1")), want, "{s}");
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
    // Any number is a NumericDate (issue 11); strings, booleans and null stay wrong types.
    let c = parse(r#"{"exp":-1,"nbf":1e300,"iat":18446744073709551616}"#).unwrap();
    assert_eq!(c.exp, Some(NumericDate::from_i64(-1)));
    assert_eq!(c.nbf.map(|d| d.floor_i128()), Some(NumericDate::SATURATION));
    assert_eq!(c.iat.map(|d| d.floor_i128()), Some(1 << 64));
    for v in [r#""1""#, "true", "null"] {
        assert_eq!(
            parse(&format!(r#"{{"iat":{v}}}"#)).unwrap_err(),
            invalid("iat", ClaimReason::WrongType)
        );
    }
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

#[test]
fn eight_digits_agrees_with_a_digit_loop() {
    let slow = |b: &[u8; 8]| -> Option<u64> {
        b.iter().try_fold(0u64, |v, &c| {
            c.is_ascii_digit().then(|| v * 10 + u64::from(c - b'0'))
        })
    };
    let mut cases: std::vec::Vec<[u8; 8]> =
        std::vec![*b"00000000", *b"99999999", *b"17672256", *b"41024448"];
    // Every byte value at every position, around a valid number.
    for pos in 0..8 {
        for byte in 0..=255u8 {
            let mut c = *b"12345678";
            c[pos] = byte;
            cases.push(c);
        }
    }
    for c in cases {
        assert_eq!(
            super::eight_digits(u64::from_le_bytes(c)),
            slow(&c),
            "{c:?}"
        );
    }
}
