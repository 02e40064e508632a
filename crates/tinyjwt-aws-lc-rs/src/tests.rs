use super::*;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{EcdsaKeyPair, KeyPair as _};
use tinyjwt_core::{Algorithm, KeyMaterial, Strength};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

fn ec_key(alg: Algorithm, curve: Curve, x: &[u8], y: &[u8]) -> Result<AwsLcRsKey, Error> {
    let k = BoundKey::new(
        alg,
        KeyMaterial::Ec(EcPublicKey::new(curve, x, y)?),
        Strength::Enforce,
    )?;
    AwsLcRs.prepare(&k)
}

#[test]
fn hmac_round_trip_and_full_tag_only() {
    let secret = [7u8; 64];
    for (alg, hmac_alg) in [
        (Algorithm::HS256, hmac::HMAC_SHA256),
        (Algorithm::HS384, hmac::HMAC_SHA384),
        (Algorithm::HS512, hmac::HMAC_SHA512),
    ] {
        let k = BoundKey::new(
            alg,
            KeyMaterial::Hmac(HmacSecret::new(&secret).unwrap()),
            Strength::Enforce,
        )
        .unwrap();
        let key = AwsLcRs.prepare(&k).unwrap();
        let tag = hmac::sign(&hmac::Key::new(hmac_alg, &secret), b"a.b");
        let tag = tag.as_ref();
        assert_eq!(tag.len(), k.signature_len());
        assert_eq!(AwsLcRs.verify(&key, b"a.b", tag), Ok(()));
        assert_eq!(AwsLcRs.verify(&key, b"a.c", tag), Err(BadSignature));
        assert_eq!(AwsLcRs.verify(&key, b"a.b", &tag[..16]), Err(BadSignature));
        assert_eq!(AwsLcRs.verify(&key, b"a.b", &[]), Err(BadSignature));
        assert_eq!(format!("{key:?}"), "AwsLcRsKey(Hmac(redacted))");
    }
}

/// ES256, ES384 and ES512 round trips with keys and signatures made by aws-lc-rs itself
/// (independent vectors for each run in the conformance suite), then the same signature in
/// DER form, truncated, or under another message.
#[test]
fn ecdsa_round_trip_fixed_only() {
    let rng = SystemRandom::new();
    for (alg, curve, signing) in [
        (
            Algorithm::ES256,
            Curve::P256,
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        ),
        (
            Algorithm::ES384,
            Curve::P384,
            &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
        ),
        (
            Algorithm::ES512,
            Curve::P521,
            &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
        ),
    ] {
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(signing, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(signing, pkcs8.as_ref()).unwrap();
        let point = pair.public_key().as_ref();
        let c = curve.coordinate_len();
        let key = ec_key(alg, curve, &point[1..1 + c], &point[1 + c..]).unwrap();
        let sig = pair.sign(&rng, b"h.p").unwrap();
        let sig = sig.as_ref();
        assert_eq!(sig.len(), 2 * c);
        assert_eq!(AwsLcRs.verify(&key, b"h.p", sig), Ok(()), "{alg}");
        assert_eq!(AwsLcRs.verify(&key, b"h.q", sig), Err(BadSignature));
        assert_eq!(
            AwsLcRs.verify(&key, b"h.p", &sig[..2 * c - 1]),
            Err(BadSignature)
        );
        let der = aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(
            match curve {
                Curve::P256 => &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                Curve::P384 => &signature::ECDSA_P384_SHA384_ASN1_SIGNING,
                Curve::P521 => &signature::ECDSA_P521_SHA512_ASN1_SIGNING,
            },
            pkcs8.as_ref(),
        )
        .unwrap()
        .sign(&rng, b"h.p")
        .unwrap();
        assert_eq!(
            AwsLcRs.verify(&key, b"h.p", der.as_ref()),
            Err(BadSignature),
            "{alg}: DER"
        );
        assert_eq!(format!("{key:?}"), "AwsLcRsKey(Ecdsa)");
    }
}

const P256_GX: &str = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
const P256_GY: &str = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P521_GX: &str = "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66";
const P521_GY: &str = "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650";
const P521_N: &str = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

/// CVE-2022-21449: r or s equal to 0 or ≥ n never verify, on P-256 and P-521.
#[test]
fn ecdsa_r_s_zero_or_at_least_n_refused() {
    for (alg, curve, gx, gy, n) in [
        (Algorithm::ES256, Curve::P256, P256_GX, P256_GY, P256_N),
        (Algorithm::ES512, Curve::P521, P521_GX, P521_GY, P521_N),
    ] {
        let key = ec_key(alg, curve, &hex(gx), &hex(gy)).unwrap();
        let c = curve.coordinate_len();
        let n = hex(n);
        let zero = vec![0u8; c];
        let mut one = vec![0u8; c];
        one[c - 1] = 1;
        let ff = vec![0xffu8; c];
        for (r, s) in [
            (&zero, &one),
            (&one, &zero),
            (&zero, &zero),
            (&n, &one),
            (&one, &n),
            (&ff, &one),
            (&one, &one),
        ] {
            let sig = [r.as_slice(), s.as_slice()].concat();
            assert_eq!(AwsLcRs.verify(&key, b"m", &sig), Err(BadSignature), "{alg}");
        }
        for len in [0, 8, 64, 96, 131, 2 * c + 1] {
            assert_eq!(
                AwsLcRs.verify(&key, b"m", &vec![1u8; len]),
                Err(BadSignature),
                "{alg} len {len}"
            );
        }
    }
}

#[test]
fn ec_point_off_curve_or_out_of_range_is_invalid_key() {
    assert_eq!(
        ec_key(Algorithm::ES256, Curve::P256, &[1; 32], &[2; 32]).map(|_| ()),
        Err(Error::InvalidKey(KeyProblem::Point))
    );
    let (gx, mut gy) = (hex(P521_GX), hex(P521_GY));
    gy[65] ^= 1;
    assert_eq!(
        ec_key(Algorithm::ES512, Curve::P521, &gx, &gy).map(|_| ()),
        Err(Error::InvalidKey(KeyProblem::Point))
    );
    // A coordinate ≥ p (p = 2^521 - 1; 66 bytes of 0xff exceed it).
    assert_eq!(
        ec_key(Algorithm::ES512, Curve::P521, &[0xff; 66], &hex(P521_GY)).map(|_| ()),
        Err(Error::InvalidKey(KeyProblem::Point))
    );
    // The generators themselves are fine.
    assert!(ec_key(Algorithm::ES256, Curve::P256, &hex(P256_GX), &hex(P256_GY)).is_ok());
    assert!(ec_key(Algorithm::ES512, Curve::P521, &hex(P521_GX), &hex(P521_GY)).is_ok());
}

#[test]
fn ed25519_alg_is_served_like_eddsa() {
    // RFC 8032 §7.1 TEST 1: the empty message.
    let pk = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    let sig = hex(concat!(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155",
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    ));
    let ed = KeyMaterial::Ed25519(tinyjwt_core::Ed25519PublicKey::new(&pk).unwrap());
    for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
        let key = AwsLcRs
            .prepare(&BoundKey::new(alg, ed, Strength::Enforce).unwrap())
            .unwrap();
        assert_eq!(AwsLcRs.verify(&key, b"", &sig), Ok(()));
        assert_eq!(AwsLcRs.verify(&key, b"x", &sig), Err(BadSignature));
        assert_eq!(AwsLcRs.verify(&key, b"", &sig[..63]), Err(BadSignature));
        assert_eq!(format!("{key:?}"), "AwsLcRsKey(Ed25519)");
    }
}

#[test]
fn ed25519_key_not_on_the_curve_refused() {
    // y = 2 is canonical, not small order, and has no x on the curve: only the backend's
    // decoding check sees it.
    let mut pk = [0u8; 32];
    pk[0] = 2;
    let k = BoundKey::new(
        Algorithm::EdDSA,
        KeyMaterial::Ed25519(tinyjwt_core::Ed25519PublicKey::new(&pk).unwrap()),
        Strength::Enforce,
    )
    .unwrap();
    assert_eq!(
        AwsLcRs.prepare(&k).map(|_| ()),
        Err(Error::InvalidKey(KeyProblem::Point))
    );
}

/// A 1024–2047-bit key reaches a backend only for RS256 and RS512, marked `legacy_size`
/// (the core refuses the others); it then goes through the legacy parameter sets, so a
/// wrong signature is `bad_signature` and not a refusal of the key.
#[test]
fn weak_rsa_follows_the_legacy_sets() {
    let mut n = [0xffu8; 160]; // 1280 bits, odd
    n[0] = 0xc3;
    let rsa = RsaPublicKey::new(&n, &[1, 0, 1]).unwrap();
    for (alg, reaches_backend) in [
        (Algorithm::RS256, true),
        (Algorithm::RS384, false),
        (Algorithm::RS512, true),
        (Algorithm::PS256, false),
        (Algorithm::PS384, false),
        (Algorithm::PS512, false),
    ] {
        let k = BoundKey::new(alg, KeyMaterial::Rsa(rsa), Strength::AllowWeak);
        if !reaches_backend {
            assert_eq!(k.err(), Some(Error::WeakKey), "{alg}");
            continue;
        }
        let k = k.unwrap();
        assert!(matches!(
            k.input(),
            KeyInput::RsaPkcs1 {
                legacy_size: true,
                ..
            }
        ));
        let key = AwsLcRs.prepare(&k).unwrap();
        assert_eq!(AwsLcRs.verify(&key, b"x", &[1; 160]), Err(BadSignature));
        assert_eq!(AwsLcRs.verify(&key, b"x", &[1; 3]), Err(BadSignature));
        assert_eq!(format!("{key:?}"), "AwsLcRsKey(Rsa)");
    }
}

#[test]
fn rsa_round_trip_with_a_key_made_by_aws_lc() {
    use aws_lc_rs::rsa::KeySize;
    use aws_lc_rs::signature::RsaKeyPair;
    let rng = SystemRandom::new();
    let pair = RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
    let public = pair.public_key();
    let comps: RsaPublicKeyComponents<Vec<u8>> = public.into();
    let rsa = RsaPublicKey::new(&comps.n, &comps.e).unwrap();
    for (alg, enc) in [
        (
            Algorithm::RS256,
            &signature::RSA_PKCS1_SHA256 as &dyn signature::RsaEncoding,
        ),
        (Algorithm::RS384, &signature::RSA_PKCS1_SHA384),
        (Algorithm::RS512, &signature::RSA_PKCS1_SHA512),
        (Algorithm::PS256, &signature::RSA_PSS_SHA256),
        (Algorithm::PS384, &signature::RSA_PSS_SHA384),
        (Algorithm::PS512, &signature::RSA_PSS_SHA512),
    ] {
        let mut sig = vec![0u8; pair.public_modulus_len()];
        pair.sign(enc, &rng, b"h.p", &mut sig).unwrap();
        let k = BoundKey::new(alg, KeyMaterial::Rsa(rsa), Strength::Enforce).unwrap();
        let key = AwsLcRs.prepare(&k).unwrap();
        assert_eq!(AwsLcRs.verify(&key, b"h.p", &sig), Ok(()), "{alg}");
        assert_eq!(AwsLcRs.verify(&key, b"h.q", &sig), Err(BadSignature));
        let mut longer = vec![0u8];
        longer.extend_from_slice(&sig);
        assert_eq!(AwsLcRs.verify(&key, b"h.p", &longer), Err(BadSignature));
    }
}

#[test]
fn prepared_keys_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<AwsLcRsKey>();
}

/// A verifier keeps prepared keys inline: the HMAC key (about 1.2 KiB in aws-lc-rs) is
/// boxed so that no slot pays for it.
#[test]
fn prepared_key_is_small() {
    assert!(
        core::mem::size_of::<AwsLcRsKey>() <= 80,
        "{}",
        core::mem::size_of::<AwsLcRsKey>()
    );
}
