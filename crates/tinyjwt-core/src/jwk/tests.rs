use super::*;
use std::format;
use std::string::String;

const X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
const Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
/// 32 bytes of secret.
const K32: &str = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8";

fn ec(extra: &str) -> String {
    format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}"{extra}}}"#)
}

fn run(json: &str, opts: JwkOptions) -> Result<(Algorithm, Option<String>), Error> {
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    parse(json.as_bytes(), opts, &mut scratch).map(|j| (j.key().alg(), j.kid().map(String::from)))
}

fn err(json: &str) -> Error {
    run(json, JwkOptions::new()).unwrap_err()
}

#[test]
fn ec_okp_imply_their_alg() {
    assert_eq!(
        run(&ec(""), JwkOptions::new()),
        Ok((Algorithm::ES256, None))
    );
    assert_eq!(
        run(
            &ec(r#","alg":"ES256","use":"sig","key_ops":["verify"],"kid":"a\/b""#),
            JwkOptions::new()
        ),
        Ok((Algorithm::ES256, Some("a/b".into())))
    );
    let ed = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{X}"}}"#);
    assert_eq!(run(&ed, JwkOptions::new()).unwrap().0, Algorithm::EdDSA);
    // A P-384 key needs 48-byte coordinates.
    let p384 = format!(r#"{{"kty":"EC","crv":"P-384","x":"{X}","y":"{Y}"}}"#);
    assert_eq!(err(&p384), Error::InvalidKey(KeyProblem::Encoding));
}

#[test]
fn p521_needs_66_byte_coordinates() {
    let c = |n: usize| {
        // Base64url of `n` bytes of 0x01.
        "AQEB".repeat(n / 3) + ["", "AQ", "AQE"][n % 3]
    };
    let p521 = |x: &str, y: &str, extra: &str| {
        format!(r#"{{"kty":"EC","crv":"P-521","x":"{x}","y":"{y}"{extra}}}"#)
    };
    let (c66, c65, c67) = (c(66), c(65), c(67));
    assert_eq!(c66.len(), 88);
    assert_eq!(
        run(&p521(&c66, &c66, ""), JwkOptions::new()),
        Ok((Algorithm::ES512, None))
    );
    assert_eq!(
        run(&p521(&c66, &c66, r#","alg":"ES512""#), JwkOptions::new()),
        Ok((Algorithm::ES512, None))
    );
    // A coordinate without its leading zero octet (65 bytes) or one byte long is an encoding
    // error (RFC 7518 §6.2.1.2: the full length, always).
    let enc = Error::InvalidKey(KeyProblem::Encoding);
    for (x, y) in [
        (&c65, &c66),
        (&c66, &c65),
        (&c67, &c66),
        (&c66, &c67),
        (&c66, &c(48)),
    ] {
        assert_eq!(err(&p521(x, y, "")), enc, "{} {}", x.len(), y.len());
    }
    // P-256-sized coordinates under `P-521`, and `alg` contradicting the curve.
    assert_eq!(err(&ec("").replace("P-256", "P-521")), enc);
    assert_eq!(
        err(&p521(&c66, &c66, r#","alg":"ES384""#)),
        Error::KeyMismatch
    );
    assert_eq!(
        run(
            &p521(&c66, &c66, ""),
            JwkOptions::new().alg(Algorithm::ES256)
        ),
        Err(Error::KeyMismatch)
    );
}

#[test]
fn ed25519_jwk_binds_to_eddsa_or_ed25519() {
    let ed = |extra: &str| format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{X}"{extra}}}"#);
    let opts = |a: Algorithm| JwkOptions::new().alg(a);
    let (eddsa, ed25519) = (Algorithm::EdDSA, Algorithm::Ed25519);
    // The JWK's `alg` binds; without one, EdDSA unless the caller asks for Ed25519.
    assert_eq!(run(&ed(""), JwkOptions::new()).unwrap().0, eddsa);
    assert_eq!(run(&ed(""), opts(eddsa)).unwrap().0, eddsa);
    assert_eq!(run(&ed(""), opts(ed25519)).unwrap().0, ed25519);
    let with_ed25519 = ed(r#","alg":"Ed25519""#);
    let with_eddsa = ed(r#","alg":"EdDSA""#);
    assert_eq!(run(&with_ed25519, JwkOptions::new()).unwrap().0, ed25519);
    assert_eq!(run(&with_ed25519, opts(ed25519)).unwrap().0, ed25519);
    assert_eq!(run(&with_eddsa, JwkOptions::new()).unwrap().0, eddsa);
    // A JWK declaring one name does not serve a caller that wants the other.
    assert_eq!(run(&with_ed25519, opts(eddsa)), Err(Error::KeyMismatch));
    assert_eq!(run(&with_eddsa, opts(ed25519)), Err(Error::KeyMismatch));
    // Neither name fits another key type.
    assert_eq!(err(&ec(r#","alg":"Ed25519""#)), Error::KeyMismatch);
    assert_eq!(err(&ed(r#","alg":"ES256""#)), Error::KeyMismatch);
    let oct = format!(r#"{{"kty":"oct","k":"{K32}","alg":"Ed25519"}}"#);
    assert_eq!(err(&oct), Error::KeyMismatch);
}

#[test]
fn caller_alg_binds_or_mismatches() {
    let oct = format!(r#"{{"kty":"oct","k":"{K32}"}}"#);
    assert_eq!(err(&oct), Error::InvalidKey(KeyProblem::Missing));
    assert_eq!(
        run(&oct, JwkOptions::new().alg(Algorithm::HS256))
            .unwrap()
            .0,
        Algorithm::HS256
    );
    assert_eq!(
        run(&oct, JwkOptions::new().alg(Algorithm::HS384)),
        Err(Error::WeakKey)
    );
    assert_eq!(
        run(
            &oct,
            JwkOptions::new()
                .alg(Algorithm::HS384)
                .strength(Strength::AllowWeak)
        )
        .unwrap()
        .0,
        Algorithm::HS384
    );
    assert_eq!(
        run(&oct, JwkOptions::new().alg(Algorithm::RS256)),
        Err(Error::KeyMismatch)
    );
    let oct256 = format!(r#"{{"kty":"oct","k":"{K32}","alg":"HS256"}}"#);
    assert_eq!(
        run(&oct256, JwkOptions::new().alg(Algorithm::HS512)),
        Err(Error::KeyMismatch)
    );
    assert_eq!(
        run(&ec(""), JwkOptions::new().alg(Algorithm::ES384)),
        Err(Error::KeyMismatch)
    );
    // `alg` contradicting the curve or the key type.
    assert_eq!(err(&ec(r#","alg":"ES384""#)), Error::KeyMismatch);
    assert_eq!(err(&ec(r#","alg":"HS256""#)), Error::KeyMismatch);
    let oct_rs = format!(r#"{{"kty":"oct","k":"{K32}","alg":"RS256"}}"#);
    assert_eq!(err(&oct_rs), Error::KeyMismatch);
}

#[test]
fn unsupported_types_curves_and_algs() {
    let u = Error::InvalidKey(KeyProblem::Unsupported);
    assert_eq!(err(r#"{"kty":"RSA-X","n":"AQAB","e":"AQAB"}"#), u);
    assert_eq!(err(&ec("").replace("P-256", "P-192")), u);
    assert_eq!(err(&ec("").replace("P-256", "secp256k1")), u);
    assert_eq!(
        err(&format!(r#"{{"kty":"OKP","crv":"X25519","x":"{X}"}}"#)),
        u
    );
    assert_eq!(
        err(&format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{X}"}}"#)),
        u
    );
    for alg in ["none", "ES256K", "RSA-OAEP", "A128KW", "es256", ""] {
        assert_eq!(err(&ec(&format!(r#","alg":"{alg}""#))), u, "{alg}");
    }
}

#[test]
fn use_and_key_ops() {
    let nv = Error::InvalidKey(KeyProblem::NotForVerify);
    assert_eq!(err(&ec(r#","use":"enc""#)), nv);
    assert_eq!(err(&ec(r#","use":"SIG""#)), nv);
    assert_eq!(err(&ec(r#","key_ops":["sign"]"#)), nv);
    assert_eq!(err(&ec(r#","key_ops":[]"#)), nv);
    assert_eq!(err(&ec(r#","key_ops":["encrypt","foo"]"#)), nv);
    assert!(
        run(
            &ec(r#","key_ops":["sign","verify","custom"]"#),
            JwkOptions::new()
        )
        .is_ok()
    );
    let enc = Error::InvalidKey(KeyProblem::Encoding);
    assert_eq!(err(&ec(r#","key_ops":["verify","verify"]"#)), enc);
    assert_eq!(err(&ec(r#","key_ops":"verify""#)), enc);
    assert_eq!(err(&ec(r#","key_ops":[1]"#)), enc);
    assert_eq!(err(&ec(r#","use":1"#)), enc);
}

#[test]
fn private_members_are_errors() {
    for m in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
        assert_eq!(
            err(&ec(&format!(r#","{m}":"AAAA""#))),
            Error::InvalidKey(KeyProblem::PrivateMaterial),
            "{m}"
        );
        // Whatever the value's type, and even on a key that is otherwise unusable.
        assert_eq!(
            err(&format!(r#"{{"kty":"foo","{m}":[1]}}"#)),
            Error::InvalidKey(KeyProblem::PrivateMaterial)
        );
    }
    // Escaped names are the same names.
    assert_eq!(
        err(&ec(r#","\u0064":"AAAA""#)),
        Error::InvalidKey(KeyProblem::PrivateMaterial)
    );
    // `k` is the secret itself on anything but an oct key.
    assert_eq!(
        err(&ec(r#","k":"AAAA""#)),
        Error::InvalidKey(KeyProblem::PrivateMaterial)
    );
    assert_eq!(
        err(r#"{"kty":"RSA","n":"AQAB","e":"AQAB","k":"AAAA"}"#),
        Error::InvalidKey(KeyProblem::PrivateMaterial)
    );
}

#[test]
fn encoding_errors() {
    let enc = Error::InvalidKey(KeyProblem::Encoding);
    let missing = Error::InvalidKey(KeyProblem::Missing);
    // Wrong JSON types.
    assert_eq!(err(r#"{"kty":1}"#), enc);
    assert_eq!(err(&ec("").replace(&format!(r#""{X}""#), "12")), enc);
    assert_eq!(err(&ec(r#","kid":7"#)), enc);
    assert_eq!(err(&ec(r#","alg":null"#)), enc);
    // Missing members.
    assert_eq!(err(r#"{"crv":"P-256"}"#), missing);
    assert_eq!(
        err(&format!(r#"{{"kty":"EC","x":"{X}","y":"{Y}"}}"#)),
        missing
    );
    assert_eq!(
        err(&format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}"}}"#)),
        missing
    );
    assert_eq!(err(r#"{"kty":"RSA","alg":"RS256","e":"AQAB"}"#), missing);
    assert_eq!(err(r#"{"kty":"oct","alg":"HS256"}"#), missing);
    // Lengths: a coordinate one byte short, an Ed25519 key of 33 bytes.
    let short = &X[..X.len() - 3]; // 30 bytes
    assert_eq!(err(&ec("").replace(X, short)), enc);
    let long = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{X}AA"}}"#);
    assert_eq!(err(&long), Error::BadBase64(Part::Key)); // 45 chars: impossible length
    let long = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{X}AAAA"}}"#);
    assert_eq!(err(&long), enc);
    // Empty secret.
    assert_eq!(
        run(
            r#"{"kty":"oct","k":""}"#,
            JwkOptions::new().alg(Algorithm::HS256)
        ),
        Err(Error::InvalidKey(KeyProblem::Empty))
    );
}

#[test]
fn base64_is_strict() {
    let bad = Error::BadBase64(Part::Key);
    let last = X.len() - 1;
    for x in [
        format!("{X}="),               // padding
        X.replacen('M', "+", 1),       // standard alphabet
        format!("{} ", &X[..last]),    // whitespace
        format!("{}5", &X[..last]),    // non-zero trailing bits ("4" -> "5")
        X.replacen('M', "\\u004d", 1), // a JSON escape, even of a valid character
    ] {
        let json = ec("").replace(X, &x);
        assert_eq!(err(&json), bad, "{x}");
    }
}

#[test]
fn rsa_fields() {
    // e = 1 and e even are refused; a leading zero in n is tolerated.
    let n = String::from("AP") + &"_".repeat(340) + "8";
    let ok = format!(r#"{{"kty":"RSA","alg":"RS256","n":"{n}","e":"AQAB"}}"#);
    let (alg, _) = run(&ok, JwkOptions::new()).unwrap();
    assert_eq!(alg, Algorithm::RS256);
    assert_eq!(
        err(&ok.replace("AQAB", "AQ")),
        Error::InvalidKey(KeyProblem::Exponent)
    );
    assert_eq!(
        err(&ok.replace("AQAB", "AQAA")),
        Error::InvalidKey(KeyProblem::Exponent)
    );
    // A modulus too large for any buffer is a capacity error.
    let huge = format!(
        r#"{{"kty":"RSA","alg":"RS256","n":"{}","e":"AQAB"}}"#,
        "A".repeat(1400)
    );
    assert_eq!(err(&huge), Error::TooLarge(Limit::KeyMaterial));
    // A 1024-bit modulus is weak unless allowed.
    let n1024 = "_".repeat(170) + "8";
    let weak = format!(r#"{{"kty":"RSA","alg":"RS256","n":"{n1024}","e":"AQAB"}}"#);
    assert_eq!(err(&weak), Error::WeakKey);
    assert!(run(&weak, JwkOptions::new().strength(Strength::AllowWeak)).is_ok());
}

#[test]
fn json_errors_and_limits() {
    assert_eq!(
        err(&ec(r#","kty":"EC""#)),
        Error::DuplicateMember(Part::Key)
    );
    assert_eq!(
        err(&ec(r#","\u006bty":"EC""#)),
        Error::DuplicateMember(Part::Key)
    );
    assert_eq!(err("[]"), Error::BadJson(Part::Key));
    assert_eq!(err(&(ec("") + "x")), Error::BadJson(Part::Key));
    assert_eq!(err(r#"{"kty":"EC",}"#), Error::BadJson(Part::Key));
    assert_eq!(
        err(&ec(&format!(
            r#","x5c":{}{}"#,
            "[".repeat(64),
            "]".repeat(64)
        ))),
        Error::TooDeep(Part::Key)
    );
    let kid = "k".repeat(MAX_KID_LEN);
    assert!(run(&ec(&format!(r#","kid":"{kid}""#)), JwkOptions::new()).is_ok());
    assert_eq!(
        err(&ec(&format!(r#","kid":"{kid}k""#))),
        Error::TooLarge(Limit::Kid)
    );
    let pad = " ".repeat(MAX_JWK_LEN);
    assert_eq!(err(&(ec("") + &pad)), Error::TooLarge(Limit::KeyMaterial));
    let mut tiny = [0u8; 8];
    assert_eq!(
        parse(ec("").as_bytes(), JwkOptions::new(), &mut tiny).unwrap_err(),
        Error::TooLarge(Limit::KeyMaterial)
    );
}
