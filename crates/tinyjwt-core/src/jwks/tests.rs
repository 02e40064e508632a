use super::*;
use crate::alg::Algorithm;
use crate::jwk;
use crate::limits::MAX_KID_LEN;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

const X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
const Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
/// A 2048-bit RSA modulus (RFC 7517 A.1) and a 1024-bit one (its first half, made odd).
const N2048: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

fn ec(kid: &str, extra: &str) -> String {
    format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}","kid":"{kid}"{extra}}}"#)
}

fn rsa(kid: &str, extra: &str) -> String {
    format!(r#"{{"kty":"RSA","alg":"RS256","n":"{N2048}","e":"AQAB","kid":"{kid}"{extra}}}"#)
}

type Used = Vec<(String, Algorithm)>;
type Skips = Vec<(usize, Option<String>, SkipReason)>;

fn walk(json: &str, opts: JwkOptions) -> Result<(Used, Skips), Error> {
    let mut used = Vec::new();
    let mut seen = Vec::new();
    let summary = visit(
        json.as_bytes(),
        opts,
        |j| {
            used.push((String::from(j.kid().unwrap_or("")), j.key().alg()));
            Ok(())
        },
        |s| seen.push((s.index(), s.kid().map(|k| k.to_string()), s.reason())),
    )?;
    // The summary agrees with the callbacks.
    assert_eq!(summary.used(), used.len());
    assert_eq!(summary.members(), used.len() + seen.len());
    assert_eq!(summary.skipped(), seen.len());
    let listed: Skips = summary
        .listed()
        .iter()
        .map(|s| (s.index(), s.kid().map(|k| k.to_string()), s.reason()))
        .collect();
    assert_eq!(listed[..], seen[..seen.len().min(MAX_SKIPPED_LISTED)]);
    assert_eq!(
        summary.unlisted(),
        seen.len().saturating_sub(MAX_SKIPPED_LISTED)
    );
    for r in SkipReason::ALL {
        assert_eq!(
            summary.count(r),
            seen.iter().filter(|s| s.2 == r).count(),
            "{r:?}"
        );
    }
    Ok((used, seen))
}

fn reasons(json: &str, opts: JwkOptions) -> Vec<SkipReason> {
    walk(json, opts)
        .unwrap()
        .1
        .into_iter()
        .map(|s| s.2)
        .collect()
}

fn set(members: &[&str]) -> String {
    format!(r#"{{"keys":[{}]}}"#, members.join(","))
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
    let (used, skipped) = walk(&set, JwkOptions::new()).unwrap();
    assert_eq!(used, std::vec![("good".into(), Algorithm::ES256)]);
    use SkipReason as R;
    let want: Skips = [
        (0, "enc", R::NotForSignature),
        (1, "ops", R::NotForSignature),
        (2, "p192", R::UnsupportedCurve),
        (3, "xyz", R::UnsupportedKty),
        (4, "es256k", R::UnsupportedAlg),
        (5, "no-alg", R::NoAlg),
    ]
    .iter()
    .map(|&(i, k, r)| (i, Some(k.into()), r))
    .collect();
    assert_eq!(skipped, want);
    // With a caller algorithm, keys bound to another one are skipped too.
    let (used, skipped) = walk(&set, JwkOptions::new().alg(Algorithm::ES384)).unwrap();
    assert!(used.is_empty());
    assert_eq!(skipped[6], (6, Some("good".into()), R::OtherAlg));
}

#[test]
fn every_reason_with_its_detail() {
    use SkipReason as R;
    let long_kid = "k".repeat(MAX_KID_LEN + 1);
    let cases: Vec<(String, R, Error)> = std::vec![
        (
            "\"a string\"".into(),
            R::NotAnObject,
            Error::BadJson(Part::Key)
        ),
        (
            "[1,[2],{}]".into(),
            R::NotAnObject,
            Error::BadJson(Part::Key)
        ),
        ("null".into(), R::NotAnObject, Error::BadJson(Part::Key)),
        (
            ec("d", r#","d":"AAAA""#),
            R::PrivateMaterial,
            Error::InvalidKey(KeyProblem::PrivateMaterial)
        ),
        (
            rsa("p", r#","p":{"x":1}"#),
            R::PrivateMaterial,
            Error::InvalidKey(KeyProblem::PrivateMaterial)
        ),
        (
            r#"{"kty":"foo","qi":"AA"}"#.into(),
            R::PrivateMaterial,
            Error::InvalidKey(KeyProblem::PrivateMaterial)
        ),
        (
            ec("k", r#","k":"AAAA""#),
            R::PrivateMaterial,
            Error::InvalidKey(KeyProblem::PrivateMaterial)
        ),
        (
            r#"{"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"}"#
                .into(),
            R::Symmetric,
            Error::InvalidKey(KeyProblem::SymmetricInSet)
        ),
        (
            ec(&long_kid, ""),
            R::KidInvalid,
            Error::TooLarge(Limit::Kid)
        ),
        (
            ec("x", "").replace(r#""kid":"x""#, r#""kid":5"#),
            R::KidInvalid,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("x", "").replace(r#""kid":"x""#, r#""kid":["a"]"#),
            R::KidInvalid,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("ops", r#","key_ops":"verify""#),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("ops2", r#","key_ops":["verify","verify"]"#),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("ops3", r#","key_ops":[["verify"]]"#),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("use", r#","use":{"sig":true}"#),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("no-y", "").replace(&format!(r#","y":"{Y}""#), ""),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Missing)
        ),
        (
            ec("short-x", "").replace(X, &X[..X.len() - 3]),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Encoding)
        ),
        (
            ec("pad", "").replace(X, &format!("{X}=")),
            R::Malformed,
            Error::BadBase64(Part::Key)
        ),
        (
            r#"{"kid":"no-kty"}"#.into(),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Missing)
        ),
        (
            rsa("e1", "").replace("AQAB", "AQ"),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Exponent)
        ),
        (
            rsa("e-even", "").replace("AQAB", "AQAA"),
            R::Malformed,
            Error::InvalidKey(KeyProblem::Exponent)
        ),
        (
            ec("enc", r#","use":"enc""#),
            R::NotForSignature,
            Error::InvalidKey(KeyProblem::NotForVerify)
        ),
        (
            r#"{"kty":"PQC"}"#.into(),
            R::UnsupportedKty,
            Error::InvalidKey(KeyProblem::Unsupported)
        ),
        (
            ec("k1", "").replace("P-256", "secp256k1"),
            R::UnsupportedCurve,
            Error::InvalidKey(KeyProblem::Unsupported)
        ),
        (
            ec("oaep", r#","alg":"RSA-OAEP""#),
            R::UnsupportedAlg,
            Error::InvalidKey(KeyProblem::Unsupported)
        ),
        (
            ec("es384", r#","alg":"ES384""#),
            R::AlgMismatch,
            Error::KeyMismatch
        ),
        (
            rsa("rs-es", "").replace("RS256", "ES256"),
            R::AlgMismatch,
            Error::KeyMismatch
        ),
        (
            rsa("no-alg", "").replace(r#""alg":"RS256","#, ""),
            R::NoAlg,
            Error::InvalidKey(KeyProblem::Missing)
        ),
        (
            rsa("weak", "").replace(N2048, &("_".repeat(170) + "8")),
            R::Weak,
            Error::WeakKey
        ),
        (
            rsa("huge", "").replace(N2048, &"_".repeat(1400)),
            R::TooLarge,
            Error::TooLarge(Limit::KeyMaterial)
        ),
        (
            format!(
                r#"{{"kty":"OKP","crv":"Ed25519","kid":"small","x":"{}"}}"#,
                "A".repeat(43)
            ),
            R::BadPoint,
            Error::InvalidKey(KeyProblem::Point)
        ),
    ];
    let mut all: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
    let good = ec("good", "");
    all.push(&good);
    let (mut errors, mut kids) = (Vec::new(), Vec::new());
    let text = set(&all);
    let summary = visit(
        text.as_bytes(),
        JwkOptions::new(),
        |_| Ok(()),
        |s| {
            errors.push((s.index(), s.reason(), s.error()));
            kids.push(s.kid().map(|k| k.to_string()));
        },
    )
    .unwrap();
    assert_eq!(summary.used(), 1);
    assert_eq!(summary.members(), cases.len() + 1);
    for (i, (json, reason, error)) in cases.iter().enumerate() {
        assert_eq!(errors[i], (i, *reason, *error), "{json}");
    }
    assert_eq!(summary.unlisted(), cases.len() - MAX_SKIPPED_LISTED);
    assert_eq!(summary.count(SkipReason::Malformed), 10);
    assert_eq!(summary.counts().map(|(_, n)| n).sum::<usize>(), cases.len());
    // The skipped member's kid is reported even when it is too long to load.
    assert_eq!(kids[8].as_deref(), Some(&*long_kid));
    assert_eq!(kids[9], None);
    assert_eq!(summary.listed()[3].kid().unwrap().as_str(), Some("d"));
    // Alone, each of these is the error its skip reports (not-an-object ones aside).
    for (json, reason, error) in &cases[3..] {
        if *reason == R::Symmetric {
            continue; // a lone oct JWK is allowed
        }
        let mut scratch = [0u8; JWK_SCRATCH_LEN];
        assert_eq!(
            jwk::parse(json.as_bytes(), JwkOptions::new(), &mut scratch).unwrap_err(),
            *error,
            "{json}"
        );
    }
}

#[test]
fn first_fault_wins() {
    use SkipReason as R;
    // Private material beats everything, even a member that would be skipped anyway.
    assert_eq!(
        reasons(
            &set(&[&ec("a", r#","use":"enc","d":"AA""#).replace(r#""a""#, "5")]),
            JwkOptions::new()
        ),
        [R::PrivateMaterial]
    );
    // A secret beats a malformed member; the first wrong-typed member beats use/key_ops.
    assert_eq!(
        reasons(
            &set(&[r#"{"kty":"oct","use":"enc","k":1}"#]),
            JwkOptions::new()
        ),
        [R::Symmetric]
    );
    assert_eq!(
        reasons(
            &set(&[&ec("a", r#","use":"enc","x5c":1,"key_ops":1"#)]),
            JwkOptions::new()
        ),
        [R::Malformed]
    );
    // In document order: the `kid` comes before `key_ops` here.
    assert_eq!(
        reasons(
            &set(&[&ec("a", r#","use":"enc","key_ops":1"#).replace(r#""a""#, "7")]),
            JwkOptions::new()
        ),
        [R::KidInvalid]
    );
    assert_eq!(
        reasons(
            &set(&[r#"{"kid":7,"kty":"XYZ","use":"enc"}"#]),
            JwkOptions::new()
        ),
        [R::KidInvalid]
    );
}

#[test]
fn private_and_symmetric_keys_are_skipped_and_reported() {
    use SkipReason as R;
    let private = set(&[&ec("a", ""), &ec("b", r#","use":"enc","d":"AA""#)]);
    let (used, skipped) = walk(&private, JwkOptions::new()).unwrap();
    assert_eq!(used, std::vec![("a".into(), Algorithm::ES256)]);
    assert_eq!(
        skipped,
        std::vec![(1, Some("b".into()), R::PrivateMaterial)]
    );
    let oct = r#"{"keys":[{"kty":"oct","alg":"HS256","kid":"s","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"}]}"#;
    assert_eq!(reasons(oct, JwkOptions::new()), [R::Symmetric]);
    let oct_enc = oct.replace(r#""kid""#, r#""use":"enc","kid""#);
    assert_eq!(reasons(&oct_enc, JwkOptions::new()), [R::Symmetric]);
    assert_eq!(
        walk(oct, JwkOptions::new().allow_symmetric(true))
            .unwrap()
            .0,
        std::vec![("s".into(), Algorithm::HS256)]
    );
}

#[test]
fn callback_errors_about_the_key_skip_it() {
    use SkipReason as R;
    let json = set(&[&ec("a", ""), &ec("b", ""), &ec("c", ""), &ec("d", "")]);
    let mut n = 0;
    let summary = for_each(json.as_bytes(), JwkOptions::new(), |_| {
        n += 1;
        match n {
            1 => Err(Error::InvalidKey(KeyProblem::Point)),
            2 => Err(Error::UnsupportedAlg),
            3 => Err(Error::WeakKey),
            _ => Ok(()),
        }
    })
    .unwrap();
    let got: Vec<_> = summary
        .listed()
        .iter()
        .map(|s| (s.reason(), s.error()))
        .collect();
    assert_eq!(
        got,
        [
            (R::BadPoint, Error::InvalidKey(KeyProblem::Point)),
            (R::Backend, Error::UnsupportedAlg),
            (R::Weak, Error::WeakKey),
        ]
    );
    assert_eq!(summary.used(), 1);
    // Any other error stops the walk.
    let mut n = 0;
    let r = for_each(json.as_bytes(), JwkOptions::new(), |_| {
        n += 1;
        Err(Error::TooLarge(Limit::Keys))
    });
    assert_eq!(
        (r.map(|s| s.used()), n),
        (Err(Error::TooLarge(Limit::Keys)), 1)
    );
}

#[test]
fn set_shape_errors() {
    let enc = Error::InvalidKey(KeyProblem::Encoding);
    let run = |json: &str| walk(json, JwkOptions::new()).map(|(u, s)| (u.len(), s.len()));
    assert_eq!(run("{}"), Err(Error::InvalidKey(KeyProblem::Missing)));
    assert_eq!(run(r#"{"keys":{}}"#), Err(enc));
    assert_eq!(run(r#"{"keys":"a"}"#), Err(enc));
    assert_eq!(run("[]"), Err(Error::BadJson(Part::Key)));
    assert_eq!(
        run(r#"{"keys":[],"keys":[]}"#),
        Err(Error::DuplicateMember(Part::Key))
    );
    assert_eq!(run(r#"{"keys":[]}x"#), Err(Error::BadJson(Part::Key)));
    // Invalid JSON inside a member fails the set: the document has no meaning.
    let good = ec("a", "");
    assert_eq!(
        run(&set(&[&good, r#"{"kty":"EC","kty":"EC"}"#])),
        Err(Error::DuplicateMember(Part::Key))
    );
    assert_eq!(
        run(&set(&[&good, r#"{"kty":"EC",}"#])),
        Err(Error::BadJson(Part::Key))
    );
    let deep = format!(r#"{{"x5c":{}{}}}"#, "[".repeat(70), "]".repeat(70));
    assert_eq!(run(&set(&[&good, &deep])), Err(Error::TooDeep(Part::Key)));
    assert_eq!(
        run(&set(&[&good, "\"a\" \"b\""])),
        Err(Error::BadJson(Part::Key))
    );
    // Shape problems of one member do not.
    assert_eq!(run(&set(&[&good, "[]", "1", "\"x\""])), Ok((1, 3)));
    assert_eq!(run(r#"{"keys":[]}"#), Ok((0, 0)));
    let big = format!(r#"{{"keys":[]}}{}"#, " ".repeat(MAX_JWKS_LEN));
    assert_eq!(run(&big), Err(Error::TooLarge(Limit::KeyMaterial)));
}

#[test]
fn reason_codes_are_stable_and_distinct() {
    for (i, a) in SkipReason::ALL.iter().enumerate() {
        assert_eq!(a.index(), i);
        for b in &SkipReason::ALL[i + 1..] {
            assert_ne!(a.code(), b.code());
            assert_ne!(a.to_string(), b.to_string());
        }
        assert!(
            a.code()
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c == b'_')
        );
    }
    assert_eq!(SkipReason::Backend.code(), "backend_refused");
    assert_eq!(Error::NoUsableKey.code(), "no_usable_key");
}

#[test]
fn summary_is_small() {
    // It is returned by value on small targets too (about half this size on 32-bit ones).
    assert!(core::mem::size_of::<JwksSummary<'_>>() <= 680);
}

#[test]
fn skipped_members_display_for_a_log() {
    let long = format!("{}\\u0007", "k".repeat(130));
    let json = set(&[
        &ec("enc", r#","use":"enc""#),
        &ec(&long, ""),
        "7",
        &ec("ok", ""),
    ]);
    let mut lines = Vec::new();
    let summary = visit(
        json.as_bytes(),
        JwkOptions::new(),
        |_| Ok(()),
        |s| lines.push(s.to_string()),
    )
    .unwrap();
    assert_eq!(
        lines[0],
        "member 0 (kid \"enc\"): its use/key_ops are not for signature verification \
         (the key is unusable: its use/key_ops forbid signature verification)"
    );
    assert_eq!(
        lines[1],
        format!(
            "member 1 (kid \"{}...\"): its kid is not a string or is too long \
             (input exceeds the kid length limit)",
            "k".repeat(KID_SHOWN)
        )
    );
    assert!(lines[2].starts_with("member 2: not a JSON object"));
    assert_eq!(
        summary.to_string(),
        "1 of 4 members used, 3 skipped (not_an_object 1, kid_invalid 1, not_for_signature 1)"
    );
    // A control character in a kid never reaches the output raw.
    let bell = set(&[&ec("a\\u0007b", r#","use":"enc""#)]);
    let mut line = String::new();
    visit(
        bell.as_bytes(),
        JwkOptions::new(),
        |_| Ok(()),
        |s| line = s.to_string(),
    )
    .unwrap();
    assert!(line.starts_with("member 0 (kid \"a\\u{7}b\")"), "{line}");
}
