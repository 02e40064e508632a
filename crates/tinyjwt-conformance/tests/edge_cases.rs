//! Edge cases where the underlying crypto crates differ (or could), measured on the raw
//! crates and then on the three adapters, which must agree with each other and take the
//! stricter answer.

mod common;

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT as B, EIGHT_TORSION};
use curve25519_dalek::edwards::CompressedEdwardsY;
use curve25519_dalek::scalar::Scalar;
use sha2::{Digest, Sha512};
use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_conformance::Supports;
use tinyjwt_core::alg::Curve;
use tinyjwt_core::backend::verify_signature;
use tinyjwt_core::{
    Algorithm, BoundKey, EcPublicKey, Ed25519PublicKey, Error, KeyMaterial, KeyProblem,
    RsaPublicKey, SignatureBackend, Strength,
};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

type Verdict = Result<(), Error>;

/// Runs the three adapters as the verifier does (the core's per-signature rules, then the
/// backend: `backend::verify_signature`); `m` is `Err` when the core already refused the
/// material. (The name is older than the third backend.)
fn both(
    alg: Algorithm,
    m: Result<KeyMaterial<'_>, Error>,
    strength: Strength,
    msg: &[u8],
    sig: &[u8],
) -> Verdict {
    let key = BoundKey::new(alg, m?, strength)?;
    let a = Ring
        .prepare(&key)
        .and_then(|k| verify_signature(&Ring, &key, &k, msg, sig));
    let b = RustCrypto
        .prepare(&key)
        .and_then(|k| verify_signature(&RustCrypto, &key, &k, msg, sig));
    let c = AwsLcRs
        .prepare(&key)
        .and_then(|k| verify_signature(&AwsLcRs, &key, &k, msg, sig));
    assert!(Supports::AWS_LC_RS.contains(alg) && Supports::RUSTCRYPTO.contains(alg));
    assert_eq!(
        c,
        b,
        "aws-lc-rs and rustcrypto disagree: {alg} sig {} bytes",
        sig.len()
    );
    // An algorithm outside ring's table (ES512) is refused when the key is prepared; the
    // answer is then the other two's.
    if !Supports::RING.contains(alg) {
        assert_eq!(a, Err(Error::UnsupportedAlg), "ring: {alg}");
        return b;
    }
    assert_eq!(a, b, "backends disagree: {alg} sig {} bytes", sig.len());
    a
}

/// Ed25519 material; the core refuses non-canonical and small-order encodings itself.
fn ed_material(pk: &[u8; 32]) -> Result<KeyMaterial<'_>, Error> {
    Ed25519PublicKey::new(pk).map(KeyMaterial::Ed25519)
}

fn raw_ring_ed25519(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, pk)
        .verify(msg, sig)
        .is_ok()
}

fn raw_aws_lc_ed25519(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::ED25519, pk)
        .verify(msg, sig)
        .is_ok()
}

fn raw_dalek_strict(pk: &[u8; 32], msg: &[u8], sig: &[u8]) -> bool {
    let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(pk) else {
        return false;
    };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
        return false;
    };
    vk.verify_strict(msg, &sig).is_ok()
}

fn challenge(r: &[u8; 32], a: &[u8; 32], msg: &[u8]) -> Scalar {
    let mut h = Sha512::new();
    h.update(r);
    h.update(a);
    h.update(msg);
    Scalar::from_bytes_mod_order_wide(&h.finalize().into())
}

fn sig_bytes(r: &[u8; 32], s: &Scalar) -> [u8; 64] {
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(r);
    sig[32..].copy_from_slice(s.as_bytes());
    sig
}

/// The identity as a public key: with R = identity and S = 0, the cofactorless equation
/// [S]B = R + [k]A holds for every message. Raw ring and raw aws-lc accept this universal
/// forgery; ed25519-dalek's `verify_strict` refuses it. All adapters refuse the key when it is
/// loaded.
#[test]
fn ed25519_identity_key_forgery() {
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let sig = sig_bytes(&identity, &Scalar::ZERO);
    for msg in [&b"a.b"[..], b"anything at all"] {
        assert!(
            raw_ring_ed25519(&identity, msg, &sig),
            "raw ring accepts (measured)"
        );
        assert!(
            !raw_dalek_strict(&identity, msg, &sig),
            "raw dalek strict refuses"
        );
        assert!(
            raw_aws_lc_ed25519(&identity, msg, &sig),
            "raw aws-lc accepts too (measured)"
        );
    }
    assert_eq!(
        both(
            Algorithm::EdDSA,
            ed_material(&identity),
            Strength::Enforce,
            b"a.b",
            &sig
        ),
        Err(Error::InvalidKey(KeyProblem::Point))
    );
    // Every small-order point, both sign bits: refused at load time by both adapters.
    for t in EIGHT_TORSION {
        for sign in [0, 0x80] {
            let mut pk = t.compress().to_bytes();
            pk[31] |= sign;
            assert!(matches!(
                both(
                    Algorithm::EdDSA,
                    ed_material(&pk),
                    Strength::Enforce,
                    b"m",
                    &sig
                ),
                Err(Error::InvalidKey(_))
            ));
        }
    }
}

/// A genuine key holder can sign with R = identity (S = k·a). Raw ring and raw aws-lc accept
/// it; dalek's `verify_strict` refuses small-order R. The ring and aws-lc-rs adapters add the
/// R check, so all three refuse.
#[test]
fn ed25519_small_order_r() {
    let a = Scalar::from_bytes_mod_order([7u8; 32]);
    let pk = (B * a).compress().to_bytes();
    let mut r = [0u8; 32];
    r[0] = 1; // identity
    let msg = b"eyJhbGciOiJFZERTQSJ9.e30";
    let s = challenge(&r, &pk, msg) * a;
    let sig = sig_bytes(&r, &s);
    assert!(
        raw_ring_ed25519(&pk, msg, &sig),
        "raw ring accepts (measured)"
    );
    assert!(
        !raw_dalek_strict(&pk, msg, &sig),
        "raw dalek strict refuses"
    );
    assert!(
        raw_aws_lc_ed25519(&pk, msg, &sig),
        "raw aws-lc accepts too (measured)"
    );
    assert_eq!(
        both(
            Algorithm::EdDSA,
            ed_material(&pk),
            Strength::Enforce,
            msg,
            &sig
        ),
        Err(Error::BadSignature)
    );

    // An honest signature under the same key verifies with both.
    let nonce = Scalar::from_bytes_mod_order([9u8; 32]);
    let r = (B * nonce).compress().to_bytes();
    let s = nonce + challenge(&r, &pk, msg) * a;
    let good = sig_bytes(&r, &s);
    assert_eq!(
        both(
            Algorithm::EdDSA,
            ed_material(&pk),
            Strength::Enforce,
            msg,
            &good
        ),
        Ok(())
    );

    // S + L (non-canonical S): refused by both raw crates and both adapters.
    let mut s_plus_l = [0u8; 32];
    let l: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for i in 0..32 {
        let v = u16::from(s.as_bytes()[i]) + u16::from(l[i]) + carry;
        s_plus_l[i] = v as u8;
        carry = v >> 8;
    }
    let mut malleable = good;
    malleable[32..].copy_from_slice(&s_plus_l);
    assert!(!raw_ring_ed25519(&pk, msg, &malleable));
    assert!(!raw_aws_lc_ed25519(&pk, msg, &malleable));
    assert!(!raw_dalek_strict(&pk, msg, &malleable));
    assert_eq!(
        both(
            Algorithm::EdDSA,
            ed_material(&pk),
            Strength::Enforce,
            msg,
            &malleable
        ),
        Err(Error::BadSignature)
    );
}

/// A key with a torsion component (A + T, T of order 8) is not of small order, so both
/// accept the key; both verify cofactorless and must give the same verdict per message.
#[test]
fn ed25519_mixed_order_key_agrees() {
    let a = Scalar::from_bytes_mod_order([3u8; 32]);
    let point = B * a + EIGHT_TORSION[1];
    let pk = point.compress().to_bytes();
    let mut accepted = 0;
    for i in 0u8..32 {
        let msg = [i; 5];
        let nonce = Scalar::from_bytes_mod_order([i.wrapping_add(11); 32]);
        let r = (B * nonce).compress().to_bytes();
        let s = nonce + challenge(&r, &pk, &msg) * a;
        let sig = sig_bytes(&r, &s);
        let raw = (
            raw_ring_ed25519(&pk, &msg, &sig),
            raw_dalek_strict(&pk, &msg, &sig),
        );
        assert_eq!(raw.0, raw.1, "raw crates differ on a mixed-order key");
        assert_eq!(
            raw_aws_lc_ed25519(&pk, &msg, &sig),
            raw.1,
            "raw aws-lc differs on a mixed-order key"
        );
        if both(
            Algorithm::EdDSA,
            ed_material(&pk),
            Strength::Enforce,
            &msg,
            &sig,
        )
        .is_ok()
        {
            accepted += 1;
        }
    }
    // Cofactorless verification accepts exactly when 8 divides the challenge: rare, not never.
    assert!(accepted < 32);
}

/// Non-canonical encodings (y ≥ p) are refused when the key is loaded, by both.
#[test]
fn ed25519_non_canonical_keys() {
    for low in 0xed..=0xffu8 {
        let mut pk = [0xffu8; 32];
        pk[0] = low;
        pk[31] = 0x7f;
        for sign in [0, 0x80] {
            pk[31] = 0x7f | sign;
            let decodable = CompressedEdwardsY(pk).decompress().is_some();
            let got = both(
                Algorithm::EdDSA,
                ed_material(&pk),
                Strength::Enforce,
                b"m",
                &[0; 64],
            );
            assert_eq!(
                got,
                Err(Error::InvalidKey(KeyProblem::Point)),
                "decodable={decodable}"
            );
        }
    }
}

/// CVE-2022-21449 ("psychic signatures"): r = s = 0 and r, s ≥ n never verify.
#[test]
fn ecdsa_zero_and_out_of_range_scalars() {
    // RFC 7515 A.3's P-256 key.
    let v = common::vectors()
        .into_iter()
        .find(|v| v.alg == "ES256")
        .unwrap();
    let kb = common::key_bytes(&v.key);
    let key = common::bind(Algorithm::ES256, &v.key, &kb).unwrap();
    let n = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    let mut one = [0u8; 32];
    one[31] = 1;
    let msg = b"a.b";
    for (r, s) in [
        ([0u8; 32], [0u8; 32]),
        ([0u8; 32], one),
        (one, [0u8; 32]),
        (n, n),
        (n, one),
        (one, n),
        ([0xff; 32], [0xff; 32]),
    ] {
        let mut sig = [0u8; 64];
        sig[..32].copy_from_slice(&r);
        sig[32..].copy_from_slice(&s);
        assert_eq!(
            both(
                Algorithm::ES256,
                Ok(*key.material()),
                Strength::Enforce,
                msg,
                &sig
            ),
            Err(Error::BadSignature)
        );
    }
    // A point off the curve: invalid_key from both, at load time.
    let mut y = [0u8; 32];
    y[31] = 5;
    let m = KeyMaterial::Ec(EcPublicKey::new(Curve::P256, &one, &y).unwrap());
    assert_eq!(
        both(Algorithm::ES256, Ok(m), Strength::Enforce, msg, &[1; 64]),
        Err(Error::InvalidKey(KeyProblem::Point))
    );
}

fn hex(s: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

/// RSA: a signature one byte short or long (even with a leading zero), or numerically ≥ n,
/// is bad_signature from both, never a panic.
#[test]
fn rsa_signature_lengths_and_range() {
    use base64::Engine as _;
    let v = common::vectors()
        .into_iter()
        .find(|v| v.alg == "RS256")
        .unwrap();
    let kb = common::key_bytes(&v.key);
    let key = common::bind(Algorithm::RS256, &v.key, &kb).unwrap();
    let (input, sig) = v.token.rsplit_once('.').unwrap();
    let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sig)
        .unwrap();
    let m = *key.material();
    let input = input.as_bytes();
    assert_eq!(
        both(Algorithm::RS256, Ok(m), Strength::Enforce, input, &sig),
        Ok(())
    );
    let mut longer = vec![0u8];
    longer.extend_from_slice(&sig);
    assert_eq!(
        both(Algorithm::RS256, Ok(m), Strength::Enforce, input, &longer),
        Err(Error::BadSignature)
    );
    assert_eq!(
        both(Algorithm::RS256, Ok(m), Strength::Enforce, input, &sig[1..]),
        Err(Error::BadSignature)
    );
    assert_eq!(
        both(Algorithm::RS256, Ok(m), Strength::Enforce, input, &[]),
        Err(Error::BadSignature)
    );
    // s = n and s = all-ones (both ≥ n).
    assert_eq!(
        both(
            Algorithm::RS256,
            Ok(m),
            Strength::Enforce,
            input,
            &kb_n(&kb)
        ),
        Err(Error::BadSignature)
    );
    assert_eq!(
        both(
            Algorithm::RS256,
            Ok(m),
            Strength::Enforce,
            input,
            &vec![0xff; sig.len()]
        ),
        Err(Error::BadSignature)
    );
}

fn kb_n(kb: &common::KeyBytes) -> Vec<u8> {
    kb.0[0].clone()
}

/// Keys of 1024–2047 bits exist only with Strength::AllowWeak. Both backends accept them
/// for RS256/RS512 (ring's legacy sets); the core refuses them as weak_key otherwise; with
/// Strength::Enforce the core refuses them for every algorithm before a backend runs.
#[test]
fn weak_rsa_keys_agree() {
    for bits in [1024usize, 1536, 2047] {
        let len = bits.div_ceil(8);
        let mut n = vec![0xffu8; len];
        n[0] = 0xff >> (len * 8 - bits);
        let rsa = RsaPublicKey::new(&n, &[1, 0, 1]).unwrap();
        for alg in [
            Algorithm::RS256,
            Algorithm::RS384,
            Algorithm::RS512,
            Algorithm::PS256,
            Algorithm::PS384,
            Algorithm::PS512,
        ] {
            assert_eq!(
                BoundKey::new(alg, KeyMaterial::Rsa(rsa), Strength::Enforce),
                Err(Error::WeakKey)
            );
            // Allowed weak, RS384 and PS* are refused by the core (`BoundKey::new`), so no
            // backend can answer differently; RS256 and RS512 reach all three backends.
            let a =
                BoundKey::new(alg, KeyMaterial::Rsa(rsa), Strength::AllowWeak).and_then(|key| {
                    let a = Ring.prepare(&key).map(|_| ());
                    let b = RustCrypto.prepare(&key).map(|_| ());
                    let c = AwsLcRs.prepare(&key).map(|_| ());
                    assert_eq!(a, b, "{alg} {bits}");
                    assert_eq!(c, b, "{alg} {bits}");
                    a
                });
            let legacy = matches!(alg, Algorithm::RS256 | Algorithm::RS512);
            assert_eq!(
                a,
                if legacy { Ok(()) } else { Err(Error::WeakKey) },
                "{alg} {bits}"
            );
            if legacy {
                let sig = vec![1u8; len];
                assert_eq!(
                    both(
                        alg,
                        Ok(KeyMaterial::Rsa(rsa)),
                        Strength::AllowWeak,
                        b"x",
                        &sig
                    ),
                    Err(Error::BadSignature)
                );
            }
        }
    }
}

/// Garbage signatures of every length up to 1100 bytes, for every algorithm: the same
/// bad_signature from both backends, never a panic.
#[test]
fn garbage_signatures_never_panic() {
    let vs = common::vectors();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as u8
    };
    for v in vs.iter().filter(|v| v.expect == "valid") {
        let alg = Algorithm::from_name(&v.alg).unwrap();
        let kb = common::key_bytes(&v.key);
        let key = common::bind(alg, &v.key, &kb).unwrap();
        let step = if matches!(alg, Algorithm::HS256 | Algorithm::ES256 | Algorithm::EdDSA) {
            1
        } else {
            37
        };
        for len in (0..1100).step_by(step) {
            let sig: Vec<u8> = (0..len).map(|_| next()).collect();
            assert_eq!(
                both(alg, Ok(*key.material()), Strength::Enforce, b"h.p", &sig),
                Err(Error::BadSignature),
                "{} len {len}",
                v.name
            );
        }
    }
}
