//! The verifier end to end, with a test-only HMAC backend built from dev-dependencies.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod common;

use common::*;
use tinyjwt_core::limits::{DEFAULT_MAX_TOKEN_LEN, MAX_HEADER_LEN, MAX_SIGNATURE_LEN};
use tinyjwt_core::*;

/// RFC 7515 Appendix A.1 (also RFC 7519 §3.1): HS256 with the JWK `k` below.
const A1_KEY: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

const SECRET: &[u8] = b"an app secret of at least 32 bytes!";
const NOW: u64 = 1_700_000_000;

fn hs256(secret: &[u8]) -> BoundKey<'_> {
    BoundKey::new(
        Algorithm::HS256,
        KeyMaterial::Hmac(HmacSecret::new(secret).unwrap()),
        Strength::Enforce,
    )
    .unwrap()
}

fn verifier(policy: Policy<'_>) -> Verifier<'_, TestBackend> {
    {
        let mut v = Verifier::new(TestBackend::default(), policy).unwrap();
        v.keys_mut().add_key(&hs256(SECRET), None).unwrap();
        v
    }
}

fn verify(v: &Verifier<'_, TestBackend>, token: &str) -> Result<(), Error> {
    let mut buf = [0u8; 2048];
    v.verify(token, NOW, &mut buf).map(|_| ())
}

#[test]
fn rfc7515_a1_verifies() {
    let key = unb64(A1_KEY);
    let bound = hs256(&key);
    let v: Verifier<'_, _> = {
        let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
        v.keys_mut().add_key(&bound, None).unwrap();
        v
    };
    let mut buf = [0u8; 512];
    let ok = v.verify(A1_TOKEN, 1300819379, &mut buf).unwrap();
    assert_eq!(ok.header().alg(), Algorithm::HS256);
    assert!(ok.header().typ_is("JWT"));
    assert!(ok.claims().iss.unwrap().eq_str("joe"));
    assert_eq!(ok.claims().exp, Some(NumericDate::from_secs(1300819380)));
    assert!(
        ok.payload()
            .ends_with(b"\"http://example.com/is_root\":true}")
    );
    assert_eq!(ok.key_index(), 0);
    // One second later it has expired; with leeway it has not.
    assert_eq!(
        v.verify(A1_TOKEN, 1300819380, &mut buf).unwrap_err(),
        Error::Expired {
            exp: NumericDate::from_secs(1300819380)
        }
    );
    let lenient = Policy::new().leeway(60);
    let v2: Verifier<'_, _> = {
        let mut v = Verifier::new(TestBackend::default(), lenient).unwrap();
        v.keys_mut().add_key(&bound, None).unwrap();
        v
    };
    assert!(v2.verify(A1_TOKEN, 1300819439, &mut buf).is_ok());
    assert_eq!(
        v2.verify(A1_TOKEN, 1300819440, &mut buf).unwrap_err(),
        Error::Expired {
            exp: NumericDate::from_secs(1300819380)
        }
    );
}

#[test]
fn rfc7515_a1_tampering_is_bad_signature() {
    let key = unb64(A1_KEY);
    let v: Verifier<'_, _> = {
        let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
        v.keys_mut().add_key(&hs256(&key), None).unwrap();
        v
    };
    let mut buf = [0u8; 512];
    // Flip one signature character (keeping canonical base64).
    let bad = A1_TOKEN.replace("dBjftJeZ4CVP", "dBjftJeZ4CVQ");
    assert_eq!(
        v.verify(&bad, 0, &mut buf).unwrap_err(),
        Error::BadSignature
    );
    // Truncated tag (HMAC must be full length).
    let short = &A1_TOKEN[..A1_TOKEN.len() - 3];
    assert_eq!(
        v.verify(short, 0, &mut buf).unwrap_err(),
        Error::BadSignature
    );
    // Non-canonical last character of the signature: same bytes, different text.
    let noncanon = A1_TOKEN.replace("jXk", "jXl");
    assert_eq!(
        v.verify(&noncanon, 0, &mut buf).unwrap_err(),
        Error::BadBase64(Part::Signature)
    );
}

#[test]
fn signature_is_checked_before_the_payload_is_parsed() {
    let v = verifier(Policy::new());
    let header = b64(br#"{"alg":"HS256"}"#);
    for payload in [
        "!!!garbage",
        "e30",
        "W10",
        "bm90IGpzb24",
        "eyJleHAiOiJ4In0",
        "AA",
    ] {
        let token = format!("{header}.{payload}.{}", b64(&[7u8; 32]));
        assert_eq!(verify(&v, &token), Err(Error::BadSignature), "{payload}");
    }
    // With a valid signature, the same garbage payload gets its precise error.
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, "not json");
    assert_eq!(verify(&v, &token), Err(Error::ClaimsNotJson));
    let token = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256"}"#,
        r#"{"exp":"soon"}"#,
    );
    assert_eq!(
        verify(&v, &token),
        Err(Error::InvalidClaim {
            claim: "exp",
            reason: ClaimReason::WrongType
        })
    );
    let token = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256"}"#,
        r#"{"exp":1,"exp":2}"#,
    );
    assert_eq!(
        verify(&v, &token),
        Err(Error::DuplicateMember(Part::Payload))
    );
}

#[test]
fn miro_like_token() {
    const MIRO: Policy<'static> = Policy::new()
        .leeway(30)
        .issuers(&["miro"])
        .require(&["team", "user"]);
    let v = verifier(MIRO);
    let claims = format!(
        r#"{{"sub":"3458764517517852417","iss":"miro","team":"3074457349056199734","user":"3458764517517852417","exp":{},"iat":{}}}"#,
        NOW + 3600,
        NOW - 10
    );
    let token = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256","typ":"JWT"}"#,
        &claims,
    );
    let mut buf = [0u8; 1024];
    let ok = v
        .verify_bearer(&format!("Bearer {token}"), NOW, &mut buf)
        .unwrap();
    assert!(ok.claims().sub.unwrap().eq_str("3458764517517852417"));
    let no_team = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256"}"#,
        &claims.replace("\"team\"", "\"tea\""),
    );
    assert_eq!(
        verify(&v, &no_team),
        Err(Error::MissingClaim(Claim::Required(0)))
    );
    let wrong_secret = hs_token(
        Algorithm::HS256,
        b"another secret, also 32 bytes long",
        r#"{"alg":"HS256"}"#,
        &claims,
    );
    assert_eq!(verify(&v, &wrong_secret), Err(Error::BadSignature));
    assert_eq!(
        v.verify_bearer(&format!("Basic {token}"), NOW, &mut buf)
            .unwrap_err(),
        Error::Malformed(Malformed::NotBearer)
    );
}

#[test]
fn header_rules_apply_before_crypto() {
    let v = verifier(Policy::new().typ("JWT"));
    let payload = format!(r#"{{"exp":{}}}"#, NOW + 10);
    let cases: &[(&str, Error)] = &[
        (r#"{"alg":"none"}"#, Error::UnsupportedAlg),
        (r#"{"alg":"HS256"}"#, Error::UnexpectedTyp),
        (r#"{"alg":"HS256","typ":"at+jwt"}"#, Error::UnexpectedTyp),
        (
            r#"{"alg":"HS256","typ":"JWT","crit":["x"],"x":1}"#,
            Error::CritUnsupported,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","b64":false}"#,
            Error::B64Unsupported,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","cty":"JWT"}"#,
            Error::NestedUnsupported,
        ),
        (r#"{"alg":"HS384","typ":"JWT"}"#, Error::AlgNotAllowed),
        (r#"{"alg":"RS256","typ":"JWT"}"#, Error::AlgNotAllowed),
        (
            r#"{"alg":"HS256","alg":"HS256"}"#,
            Error::DuplicateMember(Part::Header),
        ),
        (r#"{"alg":"HS256""#, Error::BadJson(Part::Header)),
    ];
    for (header, err) in cases {
        let token = hs_token(Algorithm::HS256, SECRET, header, &payload);
        assert_eq!(verify(&v, &token), Err(*err), "{header}");
        assert_eq!(v.backend().calls.get(), 0, "no crypto for {header}");
    }
    let ok = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256","typ":"application/JWT"}"#,
        &payload,
    );
    assert_eq!(verify(&v, &ok), Ok(()));
}

#[test]
fn segment_and_size_errors() {
    let v = verifier(Policy::new());
    let sig = b64(&[0u8; 32]);
    let hdr = b64(br#"{"alg":"HS256"}"#);
    assert_eq!(verify(&v, ""), Err(Error::Malformed(Malformed::Empty)));
    assert_eq!(
        verify(&v, "a.b"),
        Err(Error::Malformed(Malformed::SegmentCount))
    );
    assert_eq!(verify(&v, "a.b.c.d.e"), Err(Error::EncryptedUnsupported));
    assert_eq!(
        verify(&v, &format!("{hdr}.e30.")),
        Err(Error::Malformed(Malformed::EmptySegment))
    );
    assert_eq!(
        verify(&v, &format!("{hdr}=.e30.{sig}")),
        Err(Error::BadBase64(Part::Header))
    );
    assert_eq!(
        verify(&v, &format!("a.e30.{sig}")),
        Err(Error::BadBase64(Part::Header))
    );
    assert_eq!(
        verify(&v, &format!("{hdr}.e30.{sig}=")),
        Err(Error::BadBase64(Part::Signature))
    );
    assert_eq!(
        verify(&v, &format!("{hdr}.e30.a+b/")),
        Err(Error::BadBase64(Part::Signature))
    );
    let big_header =
        b64(format!(r#"{{"alg":"HS256","x":"{}"}}"#, "a".repeat(MAX_HEADER_LEN)).as_bytes());
    assert_eq!(
        verify(&v, &format!("{big_header}.e30.{sig}")),
        Err(Error::TooLarge(Limit::Header))
    );
    let big_sig = b64(&vec![0u8; MAX_SIGNATURE_LEN + 1]);
    assert_eq!(
        verify(&v, &format!("{hdr}.e30.{big_sig}")),
        Err(Error::TooLarge(Limit::Signature))
    );
    let long = format!("{hdr}.{}.{sig}", "A".repeat(DEFAULT_MAX_TOKEN_LEN));
    assert_eq!(verify(&v, &long), Err(Error::TooLarge(Limit::Token)));
    // The payload segment is base64-checked only after the signature.
    let token = hs_token(Algorithm::HS256, SECRET, r#"{"alg":"HS256"}"#, "{}");
    let (input, s) = token.rsplit_once('.').unwrap();
    let bad_payload = format!("{}.{}!", input.split('.').next().unwrap(), "e30");
    let _ = s;
    assert_eq!(
        verify(&v, &format!("{bad_payload}.{sig}")),
        Err(Error::BadSignature)
    );
}

#[test]
fn buffer_too_small_is_an_error_not_a_panic() {
    let v = verifier(Policy::new());
    let token = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"exp":{},"pad":"{}"}}"#, NOW + 1, "x".repeat(100)),
    );
    for len in [0usize, 5, 15, 16, 40, 100, 120] {
        let mut buf = vec![0u8; len];
        assert_eq!(
            v.verify(&token, NOW, &mut buf).map(|_| ()),
            Err(Error::TooLarge(Limit::Payload)),
            "{len}"
        );
    }
    let mut buf = vec![0u8; 15 + 128];
    assert!(v.verify(&token, NOW, &mut buf).is_ok());
    let small: Verifier<'_, _> = verifier(Policy::new()).max_token_len(10);
    assert_eq!(verify(&small, &token), Err(Error::TooLarge(Limit::Token)));
}

#[test]
fn kid_selection_and_rotation() {
    let old = b"old secret old secret old secret!!";
    let new = b"new secret new secret new secret!!";
    let third = b"third secret third secret third se";
    let mut v: Verifier<'_, _, 3> = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
    v.keys_mut().add_key(&hs256(old), Some("2024")).unwrap();
    v.keys_mut().add_key(&hs256(new), Some("2025")).unwrap();
    assert_eq!(
        v.keys_mut()
            .add_key(&hs256(third), Some(&"k".repeat(200)))
            .map(|_| ()),
        Err(Error::TooLarge(Limit::Kid))
    );
    v.keys_mut().add_key(&hs256(third), None).unwrap();
    assert_eq!(
        v.keys_mut().add_key(&hs256(third), None).map(|_| ()),
        Err(Error::TooLarge(Limit::Keys))
    );
    let claims = format!(r#"{{"exp":{}}}"#, NOW + 60);
    let mut buf = [0u8; 512];
    // Kid-less tokens try every HS256 key in order.
    for (i, secret) in [&old[..], &new[..], &third[..]].iter().enumerate() {
        let t = hs_token(Algorithm::HS256, secret, r#"{"alg":"HS256"}"#, &claims);
        assert_eq!(v.verify(&t, NOW, &mut buf).unwrap().key_index(), i);
    }
    // A kid restricts the candidates to that kid.
    let t = hs_token(
        Algorithm::HS256,
        new,
        r#"{"alg":"HS256","kid":"2025"}"#,
        &claims,
    );
    assert_eq!(v.verify(&t, NOW, &mut buf).unwrap().key_index(), 1);
    let t = hs_token(
        Algorithm::HS256,
        new,
        r#"{"alg":"HS256","kid":"2024"}"#,
        &claims,
    );
    assert_eq!(
        v.verify(&t, NOW, &mut buf).unwrap_err(),
        Error::BadSignature
    );
    let t = hs_token(
        Algorithm::HS256,
        new,
        r#"{"alg":"HS256","kid":"20\u00325"}"#,
        &claims,
    );
    assert_eq!(v.verify(&t, NOW, &mut buf).unwrap().key_index(), 1);
    // The third key has no kid: it serves tokens with any kid (RFC 7515 §4.1.4, a hint),
    // after the keys whose kid matches.
    let t = hs_token(
        Algorithm::HS256,
        third,
        r#"{"alg":"HS256","kid":"2026"}"#,
        &claims,
    );
    assert_eq!(v.verify(&t, NOW, &mut buf).unwrap().key_index(), 2);
    let t = hs_token(
        Algorithm::HS256,
        third,
        r#"{"alg":"HS256","kid":"2024"}"#,
        &claims,
    );
    assert_eq!(v.verify(&t, NOW, &mut buf).unwrap().key_index(), 2);
    // ... but a key with another kid is never tried: only 'third' is a candidate here.
    let t = hs_token(
        Algorithm::HS256,
        new,
        r#"{"alg":"HS256","kid":"2026"}"#,
        &claims,
    );
    assert_eq!(
        v.verify(&t, NOW, &mut buf).unwrap_err(),
        Error::BadSignature
    );
    let other = b"some other secret, never loaded!!";
    let t = hs_token(Algorithm::HS256, other, r#"{"alg":"HS256"}"#, &claims);
    assert_eq!(
        v.verify(&t, NOW, &mut buf).unwrap_err(),
        Error::BadSignature
    );
    v.replace_keys(Default::default());
    assert_eq!(v.keys().len(), 0);
}

/// An RSA modulus of 2048 bits for key-selection tests (not a real key).
fn fake_modulus() -> Vec<u8> {
    let mut n = vec![0xc5u8; 256];
    n[255] = 0x01;
    n
}

#[test]
fn algorithm_confusion_is_impossible() {
    let n = fake_modulus();
    let rsa = KeyMaterial::Rsa(RsaPublicKey::new(&n, &[1, 0, 1]).unwrap());
    let rs256 = BoundKey::new(Algorithm::RS256, rsa, Strength::Enforce).unwrap();
    // The RSA key can never be bound to HMAC, whatever the caller asks.
    assert_eq!(
        BoundKey::new(Algorithm::HS256, rsa, Strength::AllowWeak),
        Err(Error::KeyMismatch)
    );
    let v: Verifier<'_, _> = {
        let mut v = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
        v.keys_mut().add_key(&rs256, Some("rsa")).unwrap();
        v
    };
    let claims = format!(r#"{{"exp":{}}}"#, NOW + 60);
    let mut buf = [0u8; 1024];
    // HS256 tokens keyed with the modulus bytes, or with text a PEM would hold, are refused
    // before any crypto runs.
    for secret in [
        &n[..],
        b"-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n".as_slice(),
    ] {
        for header in [r#"{"alg":"HS256"}"#, r#"{"alg":"HS256","kid":"rsa"}"#] {
            let t = hs_token(Algorithm::HS256, secret, header, &claims);
            assert_eq!(
                v.verify(&t, NOW, &mut buf).unwrap_err(),
                Error::AlgNotAllowed,
                "{header}"
            );
        }
    }
    assert_eq!(v.backend().calls.get(), 0);
    // A real RS256 token (under the test backend's rule) verifies.
    let t = fake_token(&n, 256, r#"{"alg":"RS256","kid":"rsa"}"#, &claims);
    assert!(v.verify(&t, NOW, &mut buf).is_ok());
    // PS256 names the same key type but not the key's bound algorithm.
    let t = fake_token(&n, 256, r#"{"alg":"PS256","kid":"rsa"}"#, &claims);
    assert_eq!(
        v.verify(&t, NOW, &mut buf).unwrap_err(),
        Error::AlgNotAllowed
    );
    // A wrong-length RSA signature never reaches the backend.
    let calls = v.backend().calls.get();
    let t = fake_token(&n, 255, r#"{"alg":"RS256","kid":"rsa"}"#, &claims);
    assert_eq!(
        v.verify(&t, NOW, &mut buf).unwrap_err(),
        Error::BadSignature
    );
    assert_eq!(v.backend().calls.get(), calls);
}

#[test]
fn kid_pointing_at_a_key_of_another_alg_is_kid_alg_mismatch() {
    let n = fake_modulus();
    let rsa = KeyMaterial::Rsa(RsaPublicKey::new(&n, &[1, 0, 1]).unwrap());
    let mut v: Verifier<'_, _> = Verifier::new(TestBackend::default(), Policy::new()).unwrap();
    v.keys_mut()
        .add_key(
            &BoundKey::new(Algorithm::RS256, rsa, Strength::Enforce).unwrap(),
            Some("rsa"),
        )
        .unwrap();
    v.keys_mut().add_key(&hs256(SECRET), Some("hmac")).unwrap();
    let claims = format!(r#"{{"exp":{}}}"#, NOW + 60);
    let mut buf = [0u8; 1024];
    let t = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256","kid":"rsa"}"#,
        &claims,
    );
    assert_eq!(
        v.verify(&t, NOW, &mut buf).unwrap_err(),
        Error::KidAlgMismatch
    );
    let t = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256","kid":"hmac"}"#,
        &claims,
    );
    assert!(v.verify(&t, NOW, &mut buf).is_ok());
}

#[test]
fn policy_restricts_algorithms() {
    let v = verifier(Policy::new().algorithms(&[Algorithm::HS512]));
    let t = hs_token(
        Algorithm::HS256,
        SECRET,
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"exp":{}}}"#, NOW + 1),
    );
    assert_eq!(verify(&v, &t), Err(Error::AlgNotAllowed));
}

#[test]
fn verifier_rejects_over_limit_policy() {
    static MANY: [&str; 33] = ["x"; 33];
    assert_eq!(
        Verifier::<'_, TestBackend>::new(TestBackend::default(), Policy::new().require(&MANY))
            .err(),
        Some(Error::TooLarge(Limit::RequiredClaims))
    );
}

/// The small-order Ed25519 `R` rule is the verifier's, not each backend's: a signature whose
/// `R` half encodes a point of small order is `bad_signature` before the backend runs, even
/// with a backend that would accept anything (ring would accept some such signatures).
#[test]
fn small_order_ed25519_r_never_reaches_the_backend() {
    struct AcceptAll(std::cell::Cell<usize>);
    impl SignatureBackend for AcceptAll {
        type Key = ();
        fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> {
            Ok(())
        }
        fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), BadSignature> {
            self.0.set(self.0.get() + 1);
            Ok(())
        }
    }
    let pk = [9u8; 32];
    let ed = KeyMaterial::Ed25519(Ed25519PublicKey::new(&pk).unwrap());
    let claims = format!(r#"{{"exp":{}}}"#, NOW + 60);
    let mut buf = [0u8; 1024];
    for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
        let key = BoundKey::new(alg, ed, Strength::Enforce).unwrap();
        let v: Verifier<'_, _> = {
            let mut v = Verifier::new(AcceptAll(Default::default()), Policy::new()).unwrap();
            v.keys_mut().add_key(&key, None).unwrap();
            v
        };
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let token = |r: [u8; 32]| {
            let mut sig = [7u8; 64];
            sig[..32].copy_from_slice(&r);
            format!(
                "{}.{}.{}",
                b64(header.as_bytes()),
                b64(claims.as_bytes()),
                b64(&sig)
            )
        };
        // R = the identity (y = 1), and y = 0 (order 4) with the sign bit set.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut order4 = [0u8; 32];
        order4[31] = 0x80;
        for r in [identity, order4] {
            assert_eq!(
                v.verify(&token(r), NOW, &mut buf).unwrap_err(),
                Error::BadSignature,
                "{alg}"
            );
        }
        assert_eq!(v.backend().0.get(), 0);
        assert!(v.verify(&token([5; 32]), NOW, &mut buf).is_ok());
        assert_eq!(v.backend().0.get(), 1);
    }
}
