use super::*;
use crate::claims::{Claims, NumericDate};
use crate::error::Claim;
use std::format;

const NOW: u64 = 1_700_000_000;

fn check(policy: &Policy<'_>, json: &str, now: u64) -> Result<(), Error> {
    let (claims, found) = Claims::parse(json.as_bytes(), policy.required())?;
    policy.check_claims(&claims, found, now)
}

#[test]
fn exp_boundaries_with_leeway() {
    for leeway in [0u64, 30] {
        let p = Policy::new().leeway(leeway);
        let at = |exp: u64| check(&p, &format!(r#"{{"exp":{exp}}}"#), NOW);
        assert!(
            matches!(at(NOW - leeway - 1), Err(Error::Expired { .. })),
            "leeway {leeway}"
        );
        assert!(
            matches!(at(NOW - leeway), Err(Error::Expired { .. })),
            "leeway {leeway}"
        );
        assert_eq!(at(NOW - leeway + 1), Ok(()), "leeway {leeway}");
    }
    // Fractions: exp 100.5 is valid at 100, expired at 101.
    let p = Policy::new();
    assert_eq!(check(&p, r#"{"exp":100.5}"#, 100), Ok(()));
    assert!(matches!(
        check(&p, r#"{"exp":100.5}"#, 101),
        Err(Error::Expired { .. })
    ));
    // A huge leeway neither wraps nor saturates: the sums are exact (i128).
    let p = Policy::new().leeway(u64::MAX);
    assert_eq!(check(&p, r#"{"exp":1}"#, u64::MAX - 1), Ok(()));
}

#[test]
fn exp_is_required_unless_opted_out() {
    assert_eq!(
        check(&Policy::new(), "{}", NOW),
        Err(Error::MissingClaim(Claim::Exp))
    );
    assert_eq!(check(&Policy::new().allow_missing_exp(), "{}", NOW), Ok(()));
    // Opting out of presence does not relax validity of a present exp.
    assert!(matches!(
        check(&Policy::new().allow_missing_exp(), r#"{"exp":1}"#, NOW),
        Err(Error::Expired { .. })
    ));
}

#[test]
fn nbf_boundaries() {
    let p = Policy::new().allow_missing_exp().leeway(10);
    let at = |nbf: u64| check(&p, &format!(r#"{{"nbf":{nbf}}}"#), NOW);
    assert_eq!(at(NOW + 10), Ok(()));
    assert!(matches!(at(NOW + 11), Err(Error::NotYetValid { .. })));
    assert!(matches!(
        check(&p, r#"{"nbf":1700000010.5}"#, NOW),
        Err(Error::NotYetValid { .. })
    ));
    assert_eq!(check(&p, r#"{"nbf":1700000009.5}"#, NOW), Ok(()));
}

#[test]
fn iat_future_and_max_age() {
    let p = Policy::new().allow_missing_exp();
    assert_eq!(
        check(&p, &format!(r#"{{"iat":{}}}"#, NOW + 100), NOW),
        Ok(()),
        "off by default"
    );
    let p = p.reject_future_iat().leeway(5);
    assert_eq!(check(&p, &format!(r#"{{"iat":{}}}"#, NOW + 5), NOW), Ok(()));
    assert!(matches!(
        check(&p, &format!(r#"{{"iat":{}}}"#, NOW + 6), NOW),
        Err(Error::IssuedInFuture { .. })
    ));
    let p = Policy::new().allow_missing_exp().max_age(300);
    assert_eq!(check(&p, "{}", NOW), Err(Error::MissingClaim(Claim::Iat)));
    assert_eq!(
        check(&p, &format!(r#"{{"iat":{}}}"#, NOW - 300), NOW),
        Ok(())
    );
    assert!(matches!(
        check(&p, &format!(r#"{{"iat":{}}}"#, NOW - 301), NOW),
        Err(Error::TooOld { .. })
    ));
    assert!(matches!(
        check(&p, &format!(r#"{{"iat":{}.5}}"#, NOW - 301), NOW),
        Err(Error::TooOld { .. })
    ));
    assert!(matches!(
        check(&p, &format!(r#"{{"iat":{}}}"#, NOW + 1), NOW),
        Err(Error::IssuedInFuture { .. })
    ));
}

/// Every JSON number is a NumericDate (issue 11): dates before 1970 are in the past, dates past
/// any `u64` clock in the future, compared exactly against `now` and the leeway.
#[test]
fn dates_before_1970_and_beyond_u64() {
    let exp = |v: &str, leeway: u64, now: u64| {
        check(
            &Policy::new().leeway(leeway),
            &format!(r#"{{"exp":{v}}}"#),
            now,
        )
    };
    // A negative exp has passed, unless the leeway reaches over it.
    assert!(matches!(exp("-100", 0, 0), Err(Error::Expired { .. })));
    assert_eq!(exp("-100", 200, 99), Ok(()));
    assert!(matches!(exp("-100", 200, 100), Err(Error::Expired { .. })));
    assert!(matches!(exp("-0.5", 0, 0), Err(Error::Expired { .. }))); // ceil(-0.5) = 0
    assert_eq!(exp("-0.5", 1, 0), Ok(()));
    assert!(matches!(
        exp("-1e300", u64::MAX, 0),
        Err(Error::Expired { .. })
    ));
    // 2^63 expires exactly at 2^63; 2^64 and beyond never within u64 time.
    assert_eq!(exp("9223372036854775808", 0, (1 << 63) - 1), Ok(()));
    assert!(matches!(
        exp("9223372036854775808", 0, 1 << 63),
        Err(Error::Expired { .. })
    ));
    assert!(matches!(
        exp("18446744073709551615", 0, u64::MAX),
        Err(Error::Expired { .. })
    ));
    assert!(matches!(
        exp("18446744073709551614.5", 0, u64::MAX),
        Err(Error::Expired { .. })
    ));
    assert_eq!(exp("18446744073709551615.5", 0, u64::MAX), Ok(()));
    for far in [
        "18446744073709551616",
        "1e20",
        "1e300",
        "1e99999999999999999999",
    ] {
        assert_eq!(exp(far, 0, u64::MAX), Ok(()), "{far}");
    }
    // A leeway past u64 time on top of u64 time: still no wrap.
    assert!(matches!(
        exp("0", u64::MAX, u64::MAX),
        Err(Error::Expired { .. })
    ));
    assert_eq!(exp("1", u64::MAX, u64::MAX), Ok(()));

    let nbf = |v: &str, leeway: u64, now: u64| {
        let p = Policy::new().allow_missing_exp().leeway(leeway);
        check(&p, &format!(r#"{{"nbf":{v}}}"#), now)
    };
    assert_eq!(nbf("-100", 0, 0), Ok(()));
    assert_eq!(nbf("-1e300", 0, 0), Ok(()));
    assert_eq!(nbf("-0.5", 0, 0), Ok(()));
    assert!(matches!(
        nbf("18446744073709551616", 0, u64::MAX),
        Err(Error::NotYetValid { .. })
    ));
    assert_eq!(nbf("18446744073709551616", 1, u64::MAX), Ok(()));
    // now + leeway reaches 2^65 - 2: exact there, and saturation (2^66) is beyond it.
    assert_eq!(nbf("36893488147419103230", u64::MAX, u64::MAX), Ok(()));
    assert!(matches!(
        nbf("36893488147419103230.5", u64::MAX, u64::MAX),
        Err(Error::NotYetValid { .. })
    ));
    assert!(matches!(
        nbf("36893488147419103231", u64::MAX, u64::MAX),
        Err(Error::NotYetValid { .. })
    ));
    assert!(matches!(
        nbf("1e300", u64::MAX, u64::MAX),
        Err(Error::NotYetValid { .. })
    ));

    // iat before 1970: fine unless a maximum age says it is too old.
    let p = Policy::new().allow_missing_exp().reject_future_iat();
    assert_eq!(check(&p, r#"{"iat":-100}"#, NOW), Ok(()));
    assert!(matches!(
        check(&p, r#"{"iat":1e300}"#, u64::MAX),
        Err(Error::IssuedInFuture { .. })
    ));
    let p = Policy::new().allow_missing_exp().max_age(100);
    assert_eq!(check(&p, r#"{"iat":-100}"#, 0), Ok(()));
    assert!(matches!(
        check(&p, r#"{"iat":-100}"#, 1),
        Err(Error::TooOld { .. })
    ));
    assert!(matches!(
        check(&p, r#"{"iat":-100.5}"#, 0),
        Err(Error::TooOld { .. })
    )); // floor -101
    let p = Policy::new()
        .allow_missing_exp()
        .max_age(u64::MAX)
        .leeway(u64::MAX);
    assert!(matches!(
        check(&p, r#"{"iat":-1e300}"#, 0),
        Err(Error::TooOld { .. })
    ));
    // -(2^64 - 1) + 2 (2^64 - 1) = 2^64 - 1: not too old even at the last u64 second.
    let iat = r#"{"iat":-18446744073709551615}"#;
    assert_eq!(check(&p, iat, u64::MAX), Ok(()));
    let iat = r#"{"iat":-18446744073709551615.5}"#;
    assert!(matches!(
        check(&p, iat, u64::MAX),
        Err(Error::TooOld { .. })
    ));
}

#[test]
fn issuer_audience_subject() {
    let p = Policy::new().allow_missing_exp().issuers(&["a", "b/c"]);
    assert_eq!(check(&p, r#"{"iss":"b\/c"}"#, NOW), Ok(()));
    assert_eq!(check(&p, r#"{"iss":"c"}"#, NOW), Err(Error::WrongIssuer));
    assert_eq!(
        check(&p, r#"{}"#, NOW),
        Err(Error::MissingClaim(Claim::Iss))
    );

    let p = Policy::new()
        .allow_missing_exp()
        .audiences(&["app1", "app2"]);
    assert_eq!(check(&p, r#"{"aud":"app2"}"#, NOW), Ok(()));
    assert_eq!(check(&p, r#"{"aud":["x","app1"]}"#, NOW), Ok(()));
    assert_eq!(
        check(&p, r#"{"aud":["x"]}"#, NOW),
        Err(Error::WrongAudience)
    );
    assert_eq!(check(&p, r#"{"aud":[]}"#, NOW), Err(Error::WrongAudience));
    assert_eq!(
        check(&p, r#"{}"#, NOW),
        Err(Error::MissingClaim(Claim::Aud))
    );

    let p = Policy::new().allow_missing_exp();
    assert_eq!(
        check(&p, r#"{"aud":"app"}"#, NOW),
        Err(Error::AudienceNotConfigured)
    );
    assert_eq!(
        check(&p, r#"{"aud":[]}"#, NOW),
        Err(Error::AudienceNotConfigured)
    );
    assert_eq!(
        check(&p.ignore_unexpected_audience(), r#"{"aud":"app"}"#, NOW),
        Ok(())
    );

    let p = Policy::new().allow_missing_exp().subject("u1");
    assert_eq!(check(&p, r#"{"sub":"u1"}"#, NOW), Ok(()));
    assert_eq!(check(&p, r#"{"sub":"u2"}"#, NOW), Err(Error::WrongSubject));
    assert_eq!(
        check(&p, r#"{}"#, NOW),
        Err(Error::MissingClaim(Claim::Sub))
    );
}

#[test]
fn required_claims_any_name() {
    let p = Policy::new()
        .allow_missing_exp()
        .require(&["idPlugin", "team"]);
    assert_eq!(check(&p, r#"{"idPlugin":null,"team":{}}"#, NOW), Ok(()));
    assert_eq!(
        check(&p, r#"{"idPlugin":"x"}"#, NOW),
        Err(Error::MissingClaim(Claim::Required(1)))
    );
    assert_eq!(
        check(&p, r#"{"team":1}"#, NOW),
        Err(Error::MissingClaim(Claim::Required(0)))
    );
    // A nested member of the same name does not count.
    assert_eq!(
        check(&p, r#"{"x":{"team":1},"idPlugin":1}"#, NOW),
        Err(Error::MissingClaim(Claim::Required(1)))
    );
    static MANY: [&str; MAX_REQUIRED_CLAIMS + 1] = ["c"; MAX_REQUIRED_CLAIMS + 1];
    assert_eq!(
        Policy::new().require(&MANY).check_config(),
        Err(Error::TooLarge(crate::error::Limit::RequiredClaims))
    );
    assert!(
        Policy::new()
            .require(&MANY[..MAX_REQUIRED_CLAIMS])
            .check_config()
            .is_ok()
    );
}

#[test]
fn time_errors_carry_the_instant() {
    let p = Policy::new();
    let d = |s: &str| NumericDate::parse(s).unwrap();
    assert_eq!(
        check(&p, r#"{"exp":100.5}"#, 101),
        Err(Error::Expired { exp: d("100.5") })
    );
    assert_eq!(
        check(&p, r#"{"exp":1e300,"nbf":2e9}"#, 1),
        Err(Error::NotYetValid { nbf: d("2e9") })
    );
    let old = Policy::new().allow_missing_exp().max_age(10);
    assert_eq!(
        check(&old, r#"{"iat":-100}"#, 1),
        Err(Error::TooOld { iat: d("-100") })
    );
    let future = Policy::new().allow_missing_exp().reject_future_iat();
    assert_eq!(
        check(&future, r#"{"iat":50}"#, 1),
        Err(Error::IssuedInFuture { iat: d("50") })
    );
}
