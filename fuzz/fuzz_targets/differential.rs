//! Differential: `tinyjwt-ring`, `tinyjwt-rustcrypto` and `tinyjwt-aws-lc-rs` must give the
//! same verdict, the same `Error::code()` and the same key index for every token.
//!
//! Start-up loads the committed key set (`vectors/diff_keys.json`, one key per algorithm)
//! into a verifier per backend; the input picks one of the committed valid tokens (two per
//! algorithm, `vectors/diff_tokens.txt`) and a mutation:
//!
//! 0. byte edits (set/insert/delete/xor) on the token text;
//! 1. byte edits on the decoded signature;
//! 2. the signature replaced by input bytes;
//! 3. boundary values in the signature: ECDSA `r`/`s` = 0, 1, n-1, n, n+1, p, all ones,
//!    n - s (high S); Ed25519 `S` + L, `S` = L, small-order and non-canonical `R`; RSA
//!    signatures 0, 1, n-1, n, all ones;
//! 4. another token's signature (other algorithm, other length);
//! 5. the header replaced by input JSON (payload and signature kept);
//! 6. byte edits on the decoded payload;
//! 7. key preparation: the input is a JWK loaded into a fresh verifier per backend; all
//!    must accept or refuse it alike, then verify the token alike. The one allowed
//!    difference is ring's table: an ES512 key that RustCrypto and aws-lc-rs load, ring
//!    refuses with `unsupported_alg` (`tinyjwt_conformance::Supports::RING`), and ring is then
//!    left out of that input's comparison.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::{Algorithm, Error, Policy, SignatureBackend, Strength, Verifier};
use tinyjwt_fuzz::{Bytes, DIFF_KEYS, DIFF_NOW, b64, diff_tokens, unb64};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

const POLICY: Policy<'static> = Policy::new().issuers(&["fuzz"]).audiences(&["a"]);

struct State {
    tokens: Vec<&'static str>,
    ring: Verifier<'static, Ring, 16>,
    rc: Verifier<'static, RustCrypto, 16>,
    aws: Verifier<'static, AwsLcRs, 16>,
}

fn load<B: SignatureBackend>(b: B) -> Verifier<'static, B, 16> {
    let mut v = Verifier::new(b, POLICY).unwrap();
    let n = v
        .keys_mut()
        .add_jwks(DIFF_KEYS, JwkOptions::new().allow_symmetric(true))
        .unwrap()
        .used();
    assert_eq!(n, 12);
    v
}

fn state() -> &'static State {
    static S: OnceLock<State> = OnceLock::new();
    S.get_or_init(|| {
        let s = State {
            tokens: diff_tokens(),
            ring: load(Ring),
            rc: load(RustCrypto),
            aws: load(AwsLcRs),
        };
        // The seeds are valid under every backend.
        for t in &s.tokens {
            let mut buf = [0u8; 4096];
            s.ring
                .verify(t, DIFF_NOW, &mut buf)
                .expect("ring accepts seed");
            s.rc.verify(t, DIFF_NOW, &mut buf)
                .expect("rustcrypto accepts seed");
            s.aws
                .verify(t, DIFF_NOW, &mut buf)
                .expect("aws-lc-rs accepts seed");
        }
        s
    })
}

fuzz_target!(|data: &[u8]| {
    let s = state();
    let mut b = Bytes(data);
    let index = usize::from(b.u8()) % s.tokens.len();
    let mode = b.u8();
    let now = match mode >> 6 {
        0 | 1 => DIFF_NOW,
        2 => 4_000_000_000,
        _ => 1_500_000_000,
    };
    let base = s.tokens[index];
    let mut segs = base.split('.');
    let (h, p, sig) = (
        segs.next().unwrap(),
        segs.next().unwrap(),
        segs.next().unwrap(),
    );
    let sig_bytes = unb64(sig).unwrap();

    let token = match mode % 8 {
        0 => {
            let mut t = base.as_bytes().to_vec();
            edit(&mut t, &mut b);
            String::from_utf8_lossy(&t).into_owned()
        }
        1 => {
            let mut sb = sig_bytes;
            edit(&mut sb, &mut b);
            format!("{h}.{p}.{}", b64(&sb))
        }
        2 => format!("{h}.{p}.{}", b64(b.rest())),
        3 => format!("{h}.{p}.{}", b64(&boundary(index, &sig_bytes, &mut b))),
        4 => {
            let other = s.tokens[usize::from(b.u8()) % s.tokens.len()];
            format!("{h}.{p}.{}", other.rsplit('.').next().unwrap())
        }
        5 => format!("{}.{p}.{sig}", b64(b.rest())),
        6 => {
            let mut pb = unb64(p).unwrap();
            edit(&mut pb, &mut b);
            format!("{h}.{}.{sig}", b64(&pb))
        }
        _ => {
            key_differential(base, now, b.rest());
            return;
        }
    };
    compare(Some(&s.ring), &s.rc, &s.aws, &token, now);
});

/// One backend's answer: the key index, or the error and its code.
fn outcome<B: SignatureBackend, const K: usize>(
    v: &Verifier<'_, B, K>,
    token: &str,
    now: u64,
) -> Result<usize, (Error, &'static str)> {
    let mut buf = [0u8; 4096];
    v.verify(token, now, &mut buf)
        .map(|v| v.key_index())
        .map_err(|e| (e, e.code()))
}

/// Verifies with every backend given (ring may be left out, see `key_differential`) and
/// panics on any difference of verdict, code or key index.
fn compare<const K: usize>(
    ring: Option<&Verifier<'_, Ring, K>>,
    rc: &Verifier<'_, RustCrypto, K>,
    aws: &Verifier<'_, AwsLcRs, K>,
    token: &str,
    now: u64,
) {
    let r2 = outcome(rc, token, now);
    let r3 = outcome(aws, token, now);
    let code = |r: &Result<usize, (Error, &'static str)>| r.map_err(|e| e.1);
    if code(&r2) != code(&r3) {
        panic!("backends disagree on {token:?} at {now}: rustcrypto {r2:?}, aws-lc-rs {r3:?}");
    }
    if let Some(ring) = ring {
        let r1 = outcome(ring, token, now);
        if code(&r1) != code(&r2) {
            panic!("backends disagree on {token:?} at {now}: ring {r1:?}, rustcrypto {r2:?}");
        }
    }
}

/// Applies (kind, position, value) edits from the input to `t`.
fn edit(t: &mut Vec<u8>, b: &mut Bytes<'_>) {
    let n = usize::from(b.u8() % 8) + 1;
    for _ in 0..n {
        let kind = b.u8();
        let pos = usize::from(b.u16());
        let val = b.u8();
        let len = t.len();
        match kind % 5 {
            0 if len > 0 => t[pos % len] = val,
            1 => t.insert(pos % (len + 1), val),
            2 if len > 0 => {
                t.remove(pos % len);
            }
            3 if len > 0 => t[pos % len] ^= val,
            4 => t.truncate(pos % (len + 1)),
            _ => {}
        }
    }
}

const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P256_P: &str = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
const P384_N: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";
const P384_P: &str = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff";
/// Ed25519 group order L, big-endian.
const ED_L: &str = "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed";
/// Small-order or non-canonical `R` encodings (little-endian, as in signatures).
const ED_BAD_R: [&str; 5] = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
];

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// a + b (big-endian, same length; carry out dropped) and a - b (borrow dropped).
fn add_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    out
}

fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = 0;
        if d < 0 {
            d += 256;
            borrow = 1;
        }
        out[i] = d as u8;
    }
    out
}

fn one(len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    v[len - 1] = 1;
    v
}

/// A boundary value for one scalar of `len` bytes, given the group order, field prime and
/// the current scalar.
fn scalar(choice: u8, n: &[u8], p: &[u8], cur: &[u8], input: &[u8]) -> Vec<u8> {
    let len = n.len();
    match choice % 10 {
        0 => vec![0; len],
        1 => one(len),
        2 => sub_be(n, &one(len)),
        3 => n.to_vec(),
        4 => add_be(n, &one(len)),
        5 => p.to_vec(),
        6 => vec![0xff; len],
        7 => sub_be(n, cur), // n - s: the other (high/low) S
        8 => add_be(cur, n), // s + n (wraps modulo 2^len)
        _ => {
            let mut v = input.to_vec();
            v.resize(len, 0);
            v
        }
    }
}

fn boundary(index: usize, sig: &[u8], b: &mut Bytes<'_>) -> Vec<u8> {
    let alg = index / 2; // tokens: two per algorithm, in diff_keys.json order
    let choice = b.u8();
    let which = b.u8();
    let input = b.take(128);
    match alg {
        9 | 10 => {
            let (n, p) = if alg == 9 {
                (hex(P256_N), hex(P256_P))
            } else {
                (hex(P384_N), hex(P384_P))
            };
            let l = n.len();
            let (r, s) = sig.split_at(l);
            let mut out = Vec::with_capacity(2 * l);
            match which % 3 {
                0 => {
                    out.extend(scalar(choice, &n, &p, r, input));
                    out.extend_from_slice(s);
                }
                1 => {
                    out.extend_from_slice(r);
                    out.extend(scalar(choice, &n, &p, s, input));
                }
                _ => {
                    out.extend(scalar(choice, &n, &p, r, input));
                    out.extend(scalar(choice >> 4, &n, &p, s, input));
                }
            }
            out
        }
        11 => {
            let (r, s) = sig.split_at(32);
            let mut s_be: Vec<u8> = s.iter().rev().copied().collect();
            let l = hex(ED_L);
            let mut r = r.to_vec();
            match choice % 6 {
                0 => s_be = add_be(&s_be, &l),
                1 => s_be = l.clone(),
                2 => s_be = vec![0; 32],
                3 => r = hex(ED_BAD_R[usize::from(which) % ED_BAD_R.len()]),
                4 => {
                    r = hex(ED_BAD_R[usize::from(which) % ED_BAD_R.len()]);
                    s_be = vec![0; 32];
                }
                _ => s_be = sub_be(&l, &s_be),
            }
            let mut out = r;
            out.extend(s_be.iter().rev());
            out
        }
        3..=8 => {
            // RSA: the modulus from the key set.
            static N: OnceLock<Vec<u8>> = OnceLock::new();
            let n = N
                .get_or_init(|| {
                    let keys: serde_json::Value = serde_json::from_slice(DIFF_KEYS).unwrap();
                    unb64(keys["keys"][3]["n"].as_str().unwrap()).unwrap()
                })
                .clone();
            let len = n.len();
            match choice % 6 {
                0 => vec![0; len],
                1 => one(len),
                2 => sub_be(&n, &one(len)),
                3 => n,
                4 => vec![0xff; len],
                _ => add_be(sig, &one(len)),
            }
        }
        _ => {
            // HMAC: the tag truncated or extended.
            let mut t = sig.to_vec();
            t.resize(usize::from(which % 80), choice);
            t
        }
    }
}

/// Key preparation differential: a fuzzed JWK into fresh verifiers of every backend.
fn key_differential(token: &str, now: u64, jwk: &[u8]) {
    let opts = JwkOptions::new().allow_symmetric(true).strength(
        if jwk.first().is_some_and(|b| b & 1 == 1) {
            Strength::AllowWeak
        } else {
            Strength::Enforce
        },
    );
    let mut ring: Verifier<'static, Ring, 4> = Verifier::new(Ring, POLICY).unwrap();
    let mut rc: Verifier<'static, RustCrypto, 4> = Verifier::new(RustCrypto, POLICY).unwrap();
    let mut aws: Verifier<'static, AwsLcRs, 4> = Verifier::new(AwsLcRs, POLICY).unwrap();
    let r1 = ring.keys_mut().add_jwk(jwk, opts).map(|_| ());
    let r2 = rc.keys_mut().add_jwk(jwk, opts).map(|_| ());
    let r3 = aws.keys_mut().add_jwk(jwk, opts).map(|_| ());
    let key = String::from_utf8_lossy(jwk);
    if r2.map_err(|e| e.code()) != r3.map_err(|e| e.code()) {
        panic!("backends disagree on key {key:?}: rustcrypto {r2:?}, aws-lc-rs {r3:?}");
    }
    // ring has no P-521: it refuses an ES512 key the others load, and only that.
    let es512 = r2.is_ok() && rc.keys().iter().any(|(_, alg)| alg == Algorithm::ES512);
    let ring_out = es512 && r1 == Err(Error::UnsupportedAlg);
    if !ring_out && r1.map_err(|e| e.code()) != r2.map_err(|e| e.code()) {
        panic!("backends disagree on key {key:?}: ring {r1:?}, rustcrypto {r2:?}");
    }
    if r2.is_ok() {
        compare((!ring_out).then_some(&ring), &rc, &aws, token, now);
    }
}
