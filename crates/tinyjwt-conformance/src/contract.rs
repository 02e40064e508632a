//! The backend contract as executable checks: [`check_backend`] runs one backend through
//! every rule of [`SignatureBackend`]'s contract that Wycheproof ([`run_for`](crate::run_for))
//! does not cover — what `prepare` returns for a point off the curve, a key that does not
//! decode, an algorithm the backend lacks, a legacy-size RSA key; that `verify` refuses
//! out-of-range ECDSA scalars, DER, truncated tags and signatures of any length without
//! panicking; that a prepared key's `Debug` hides the secret.
//!
//! These were the backends' own unit tests, written twice; here they are written once, and a
//! new backend gets all of them with one call (`tests/contract.rs` in each backend crate).

use std::fmt;

use tinyjwt_core::alg::{Curve, Family};
use tinyjwt_core::{
    Algorithm, BadSignature, BoundKey, EcPublicKey, Ed25519PublicKey, Error, HmacSecret,
    KeyMaterial, KeyProblem, RsaPublicKey, SignatureBackend, Strength,
};

use crate::Supports;

/// One broken rule: which check, and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractFailure {
    /// The check's name, e.g. `ecdsa_scalars_out_of_range`.
    pub check: &'static str,
    /// What was expected and what the backend did.
    pub detail: String,
}

impl fmt::Display for ContractFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.check, self.detail)
    }
}

/// Runs `b`, which claims the algorithms in `supports`, through the contract checks and
/// returns every failure (empty when the backend keeps the contract).
///
/// ```
/// use tinyjwt_conformance::{Supports, check_backend};
/// use tinyjwt_core::{BadSignature, BoundKey, Error, SignatureBackend};
/// /// Claims nothing, and refuses every key as `unsupported_alg`: that keeps the contract.
/// struct Nothing;
/// impl SignatureBackend for Nothing {
///     type Key = ();
///     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Err(Error::UnsupportedAlg) }
///     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), BadSignature> { Err(BadSignature) }
/// }
/// assert_eq!(check_backend(&Nothing, Supports::all_but(&tinyjwt_core::Algorithm::ALL)), []);
/// // Claiming HS256 without verifying it is a failure.
/// assert!(!check_backend(&Nothing, Supports::ALL).is_empty());
/// ```
pub fn check_backend<B>(b: &B, supports: Supports) -> Vec<ContractFailure>
where
    B: SignatureBackend,
    B::Key: fmt::Debug,
{
    let mut cx = Cx {
        b,
        supports,
        failures: Vec::new(),
    };
    hmac(&mut cx);
    ed25519(&mut cx);
    ecdsa_points(&mut cx);
    ecdsa_scalars(&mut cx);
    rsa_legacy_size(&mut cx);
    cx.failures
}

struct Cx<'b, B> {
    b: &'b B,
    supports: Supports,
    failures: Vec<ContractFailure>,
}

impl<B: SignatureBackend> Cx<'_, B>
where
    B::Key: fmt::Debug,
{
    fn fail(&mut self, check: &'static str, detail: String) {
        self.failures.push(ContractFailure { check, detail });
    }

    /// Binds and prepares. For an algorithm the backend does not claim, requires
    /// `unsupported_alg` and returns `None`; otherwise requires `want` (`Ok` = prepared) and
    /// returns the key when there is one.
    fn prepare(
        &mut self,
        check: &'static str,
        alg: Algorithm,
        material: KeyMaterial<'_>,
        strength: Strength,
        want: Result<(), Error>,
    ) -> Option<B::Key> {
        let bound = match BoundKey::new(alg, material, strength) {
            Ok(k) => k,
            Err(e) => {
                self.fail(
                    check,
                    format!("{alg}: the core refused the test key ({e:?})"),
                );
                return None;
            }
        };
        let got = self.b.prepare(&bound);
        let got_unit = got.as_ref().map(|_| ()).map_err(|e| *e);
        if !self.supports.contains(alg) {
            if got_unit != Err(Error::UnsupportedAlg) {
                self.fail(
                    check,
                    format!(
                        "{alg} is not claimed: prepare must be unsupported_alg, got {got_unit:?}"
                    ),
                );
            }
            return None;
        }
        if got_unit != want {
            self.fail(
                check,
                format!("{alg}: prepare gave {got_unit:?}, want {want:?}"),
            );
        }
        got.ok()
    }

    /// Requires `verify` to give `want`.
    fn verify(
        &mut self,
        check: &'static str,
        key: &B::Key,
        msg: &[u8],
        sig: &[u8],
        want: Result<(), BadSignature>,
    ) {
        let got = self.b.verify(key, msg, sig);
        if got != want {
            self.fail(
                check,
                format!(
                    "verify of a {}-byte signature gave {got:?}, want {want:?}",
                    sig.len()
                ),
            );
        }
    }

    /// Signatures of every length from 0 to `max` (filled with `fill`) are `BadSignature`,
    /// without a panic: the core checks the length first, but a backend may not rely on it.
    fn garbage(&mut self, check: &'static str, key: &B::Key, max: usize, fill: u8) {
        let sig = vec![fill; max];
        for len in 0..=max {
            self.verify(check, key, b"h.p", &sig[..len], Err(BadSignature));
        }
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

/// HMAC: RFC 4231 test case 2 (key "Jefe", allowed weak) verifies with the full tag only.
fn hmac<B: SignatureBackend>(cx: &mut Cx<'_, B>)
where
    B::Key: fmt::Debug,
{
    const CHECK: &str = "hmac_rfc4231_full_tag_only";
    let msg = b"what do ya want for nothing?";
    for (alg, tag) in [
        (
            Algorithm::HS256,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        (
            Algorithm::HS384,
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
        ),
        (
            Algorithm::HS512,
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        ),
    ] {
        let tag = hex(tag);
        let secret = KeyMaterial::Hmac(HmacSecret::new(b"Jefe").expect("non-empty"));
        let Some(key) = cx.prepare(CHECK, alg, secret, Strength::AllowWeak, Ok(())) else {
            continue;
        };
        cx.verify(CHECK, &key, msg, &tag, Ok(()));
        cx.verify(
            CHECK,
            &key,
            b"what do ya want for nothing!",
            &tag,
            Err(BadSignature),
        );
        let mut flipped = tag.clone();
        flipped[tag.len() - 1] ^= 1;
        cx.verify(CHECK, &key, msg, &flipped, Err(BadSignature));
        // A truncated tag (a prefix of the right one) never verifies, nor does a longer one.
        for len in [0, 1, 16, tag.len() / 2, tag.len() - 1] {
            cx.verify(CHECK, &key, msg, &tag[..len], Err(BadSignature));
        }
        let mut longer = tag.clone();
        longer.push(0);
        cx.verify(CHECK, &key, msg, &longer, Err(BadSignature));
    }
    // The prepared key's `Debug` never shows the secret.
    let secret = [0x7au8; 32];
    let material = KeyMaterial::Hmac(HmacSecret::new(&secret).expect("non-empty"));
    if let Some(key) = cx.prepare(
        "hmac_debug_redacted",
        Algorithm::HS256,
        material,
        Strength::Enforce,
        Ok(()),
    ) {
        let shown = format!("{key:?}");
        if shown.contains("122")
            || shown.to_ascii_lowercase().contains("7a7a")
            || shown.contains("zz")
        {
            cx.fail(
                "hmac_debug_redacted",
                format!("Debug shows the secret: {shown}"),
            );
        }
        cx.garbage("hmac_garbage_lengths", &key, 80, 0);
    }
}

/// RFC 8032 §7.1 TEST 1: the empty message.
const ED_PK: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const ED_SIG: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

/// Ed25519 under both names; a key that is canonical and not of small order but is not a
/// point is `invalid_key(point)` at prepare.
fn ed25519<B: SignatureBackend>(cx: &mut Cx<'_, B>)
where
    B::Key: fmt::Debug,
{
    const CHECK: &str = "ed25519_rfc8032_both_names";
    let pk = hex(ED_PK);
    let sig = hex(ED_SIG);
    let material = KeyMaterial::Ed25519(Ed25519PublicKey::new(&pk).expect("RFC 8032 key"));
    for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
        let Some(key) = cx.prepare(CHECK, alg, material, Strength::Enforce, Ok(())) else {
            continue;
        };
        cx.verify(CHECK, &key, b"", &sig, Ok(()));
        cx.verify(CHECK, &key, b"x", &sig, Err(BadSignature));
        // S + L (S ≥ L, non-canonical): refused by every backend.
        let mut s_plus_l = sig.clone();
        add_l(&mut s_plus_l[32..]);
        cx.verify(
            "ed25519_s_at_least_l",
            &key,
            b"",
            &s_plus_l,
            Err(BadSignature),
        );
        cx.garbage("ed25519_garbage_lengths", &key, 130, 0x55);
    }
    // y = 2 is canonical and not of small order, but no x makes it a curve point.
    let mut y2 = [0u8; 32];
    y2[0] = 2;
    let material = KeyMaterial::Ed25519(Ed25519PublicKey::new(&y2).expect("core accepts y = 2"));
    cx.prepare(
        "ed25519_key_not_a_point",
        Algorithm::EdDSA,
        material,
        Strength::Enforce,
        Err(Error::InvalidKey(KeyProblem::Point)),
    );
}

/// Adds the group order L to a little-endian 32-byte scalar (no overflow for S < L).
fn add_l(s: &mut [u8]) {
    let l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    let mut carry = 0u16;
    for (a, b) in s.iter_mut().zip(l) {
        let v = u16::from(*a) + u16::from(b) + carry;
        *a = v as u8;
        carry = v >> 8;
    }
}

const P256_GX: &str = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
const P256_GY: &str = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P384_GX: &str = "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7";
const P384_GY: &str = "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f";
const P521_GX: &str = "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66";
const P521_GY: &str = "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650";
const P521_N: &str = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

fn ec(curve: Curve, x: &[u8], y: &[u8]) -> KeyMaterial<'static> {
    let x: &'static [u8] = Box::leak(x.to_vec().into_boxed_slice());
    let y: &'static [u8] = Box::leak(y.to_vec().into_boxed_slice());
    KeyMaterial::Ec(EcPublicKey::new(curve, x, y).expect("coordinates of the curve's size"))
}

/// Every curve: the generator prepares; a point off the curve, or a coordinate ≥ p, is
/// `invalid_key(point)` at prepare (not `bad_signature` at every verify).
fn ecdsa_points<B: SignatureBackend>(cx: &mut Cx<'_, B>)
where
    B::Key: fmt::Debug,
{
    const CHECK: &str = "ecdsa_point_validated_at_prepare";
    let point = Err(Error::InvalidKey(KeyProblem::Point));
    for (alg, curve, gx, gy) in [
        (Algorithm::ES256, Curve::P256, P256_GX, P256_GY),
        (Algorithm::ES384, Curve::P384, P384_GX, P384_GY),
        (Algorithm::ES512, Curve::P521, P521_GX, P521_GY),
    ] {
        let (gx, gy) = (hex(gx), hex(gy));
        let c = curve.coordinate_len();
        if let Some(key) = cx.prepare(CHECK, alg, ec(curve, &gx, &gy), Strength::Enforce, Ok(())) {
            cx.garbage("ecdsa_garbage_lengths", &key, 2 * c + 2, 1);
            // DER-shaped input is refused.
            cx.verify(
                "ecdsa_der_refused",
                &key,
                b"m",
                &[0x30, 6, 2, 1, 1, 2, 1, 1],
                Err(BadSignature),
            );
        }
        let mut off = gy.clone();
        off[c - 1] ^= 1;
        cx.prepare(CHECK, alg, ec(curve, &gx, &off), Strength::Enforce, point);
        cx.prepare(
            CHECK,
            alg,
            ec(curve, &vec![1; c], &vec![2; c]),
            Strength::Enforce,
            point,
        );
        // x = all ones is ≥ p on every curve.
        cx.prepare(
            CHECK,
            alg,
            ec(curve, &vec![0xff; c], &gy),
            Strength::Enforce,
            point,
        );
    }
}

/// Checks that `r || s` with r or s zero, equal to n or above it are refused (CVE-2022-21449),
/// and r = s = 1 (in range, simply wrong) too.
fn scalars<B: SignatureBackend>(cx: &mut Cx<'_, B>, check: &'static str, key: &B::Key, n: &[u8])
where
    B::Key: fmt::Debug,
{
    let c = n.len();
    let zero = vec![0u8; c];
    let mut one = vec![0u8; c];
    one[c - 1] = 1;
    let ones = vec![0xffu8; c];
    for (r, s) in [
        (&zero, &one),
        (&one, &zero),
        (&zero, &zero),
        (&n.to_vec(), &one),
        (&one, &n.to_vec()),
        (&ones, &one),
        (&one, &one),
    ] {
        let sig = [r.as_slice(), s.as_slice()].concat();
        cx.verify(check, key, b"m", &sig, Err(BadSignature));
    }
}

/// P-256 and P-521 (the shortest and the longest scalars): out-of-range `r`, `s` refused;
/// for P-521 also P-384's signature length and one byte short.
fn ecdsa_scalars<B: SignatureBackend>(cx: &mut Cx<'_, B>)
where
    B::Key: fmt::Debug,
{
    const CHECK: &str = "ecdsa_scalars_out_of_range";
    for (alg, curve, gx, gy, n) in [
        (Algorithm::ES256, Curve::P256, P256_GX, P256_GY, P256_N),
        (Algorithm::ES512, Curve::P521, P521_GX, P521_GY, P521_N),
    ] {
        let m = ec(curve, &hex(gx), &hex(gy));
        if let Some(key) = cx.prepare(CHECK, alg, m, Strength::Enforce, Ok(())) {
            scalars(cx, CHECK, &key, &hex(n));
            for len in [96, 2 * curve.coordinate_len() - 1] {
                cx.verify(CHECK, &key, b"m", &vec![1; len], Err(BadSignature));
            }
        }
    }
}

/// A 1280-bit key allowed weak is `legacy_size` for RS256 and RS512: prepared (through a
/// legacy parameter set where the library has one), then a wrong signature of the right or
/// any other length is `BadSignature`. A 2048-bit key takes every RSA algorithm.
fn rsa_legacy_size<B: SignatureBackend>(cx: &mut Cx<'_, B>)
where
    B::Key: fmt::Debug,
{
    const CHECK: &str = "rsa_legacy_size_rs256_rs512";
    let mut n = vec![0xffu8; 160]; // 1280 bits, odd
    n[0] = 0xc3;
    let n: &'static [u8] = Box::leak(n.into_boxed_slice());
    let rsa = KeyMaterial::Rsa(RsaPublicKey::new(n, &[1, 0, 1]).expect("odd modulus"));
    for alg in [Algorithm::RS256, Algorithm::RS512] {
        if let Some(key) = cx.prepare(CHECK, alg, rsa, Strength::AllowWeak, Ok(())) {
            cx.verify(CHECK, &key, b"x", &[1; 160], Err(BadSignature));
            cx.verify(CHECK, &key, b"x", &[1; 3], Err(BadSignature));
            cx.verify(CHECK, &key, b"x", &[], Err(BadSignature));
        }
    }
    let mut n = vec![0xffu8; 256];
    n[0] = 0xc3;
    let n: &'static [u8] = Box::leak(n.into_boxed_slice());
    let rsa = KeyMaterial::Rsa(RsaPublicKey::new(n, &[1, 0, 1]).expect("odd modulus"));
    for alg in Algorithm::ALL.into_iter().filter(|a| is_rsa(*a)) {
        if let Some(key) = cx.prepare("rsa_2048_every_alg", alg, rsa, Strength::Enforce, Ok(())) {
            for len in [0, 1, 255, 256, 257, 512] {
                cx.verify(
                    "rsa_garbage_lengths",
                    &key,
                    b"x",
                    &vec![1; len],
                    Err(BadSignature),
                );
            }
        }
    }
}

/// Whether `alg` is one of RS256/384/512, PS256/384/512.
pub(crate) fn is_rsa(alg: Algorithm) -> bool {
    matches!(alg.family(), Family::RsaPkcs1(_) | Family::RsaPss(_))
}
