//! The whole verify path with a backend that accepts every signature, so the fuzzer reaches
//! the header, claims and policy code; keys of several algorithms and kids are loaded and the
//! policy is drawn from the input.
//!
//! The token is either raw text from the input, or built from fuzzed header JSON, payload
//! JSON and signature bytes (see `Input` for the layout) (base64url-encoded here, so the fuzzer works on the JSON
//! directly). Invariants checked on success: the claims satisfy the policy, the payload is
//! strict JSON, and the key that verified is bound to the header's `alg`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tinyjwt_core::json::validate;
use tinyjwt_core::jwk::{self, JWK_SCRATCH_LEN, Jwk, JwkOptions};
use tinyjwt_core::limits::{MAX_HEADER_DEPTH, MAX_PAYLOAD_DEPTH};
use tinyjwt_core::{Algorithm, Error, Part, Policy, Verifier};
use tinyjwt_fuzz::{AcceptAll, Bytes, DIFF_KEYS, b64};

const ALGS: [Algorithm; Algorithm::ALL.len()] = Algorithm::ALL;

/// Claim names a policy may require (the policy API takes `&'static str`).
const NAMES: [&str; 10] = [
    "exp", "iat", "nbf", "iss", "aud", "sub", "jti", "role", "", "\u{e9}",
];

/// Plausible signature lengths (every algorithm's), or fuzzer bytes.
const SIG_LENS: [usize; 8] = [32, 48, 64, 96, 256, 512, 0, 1];

/// The input, sliced by hand so that seeds are easy to write: a 20-byte header of numbers,
/// then text fields separated by 0xFF (never in UTF-8):
/// `token-or-header \xff payload \xff signature \xff issuers \xff audiences \xff subject
/// \xff typ \xff crit` (lists comma-separated). Mode 0 uses the first field as the whole
/// token; mode 1 base64url-encodes header, payload and signature.
#[derive(Debug)]
struct Input {
    flags: u16,
    leeway: u16,
    now: u32,
    max_age: u16,
    required: u16,
    algs: u16,
    max_token_len: u16,
    buf_len: u16,
    sig_len: u8,
    mode: u8,
    fields: Vec<String>,
}

impl Input {
    fn parse(data: &[u8]) -> Self {
        let mut b = Bytes(data);
        let mut i = Input {
            flags: b.u16(),
            leeway: b.u16(),
            now: u32::from(b.u16()) | u32::from(b.u16()) << 16,
            max_age: b.u16(),
            required: b.u16(),
            algs: b.u16(),
            max_token_len: b.u16(),
            buf_len: b.u16(),
            sig_len: b.u8(),
            mode: b.u8(),
            fields: Vec::new(),
        };
        i.fields = b
            .rest()
            .split(|&c| c == 0xff)
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        i
    }

    fn field(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }

    fn list(&self, i: usize) -> Vec<&str> {
        self.field(i).split(',').take(4).collect()
    }
}

/// The harness keys, parsed once: every algorithm with a kid (the differential target's key
/// set: an accept-all backend takes it as well), plus kid-less HS256, ES256 and EdDSA keys.
/// Parsing them (base64 of three RSA moduli among them) per input used to dominate the
/// execution time; the key *parsers* are the `keys` target's business. Each input still
/// builds a fresh verifier and loads the 15 keys through `add_key`.
fn harness_keys() -> &'static [Jwk<'static>] {
    static KEYS: OnceLock<Vec<Jwk<'static>>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let opts = JwkOptions::new().allow_symmetric(true);
        let set: serde_json::Value = serde_json::from_slice(DIFF_KEYS).expect("key set is JSON");
        let mut jsons: Vec<Vec<u8>> = set["keys"]
            .as_array()
            .expect("keys array")
            .iter()
            .map(|k| serde_json::to_vec(k).expect("re-encode"))
            .collect();
        assert_eq!(jsons.len(), 12);
        jsons.push(br#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow","alg":"HS256"}"#.to_vec());
        jsons.push(br#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#.to_vec());
        jsons.push(br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#.to_vec());
        jsons
            .iter()
            .map(|json| {
                let scratch: &'static mut [u8] = Vec::leak(vec![0u8; JWK_SCRATCH_LEN]);
                jwk::parse(json, opts, scratch).expect("harness key parses")
            })
            .collect()
    })
}

fn verifier<'p>(policy: Policy<'p>) -> Result<Verifier<'p, AcceptAll, 16>, Error> {
    let mut v: Verifier<'p, AcceptAll, 16> = Verifier::new(AcceptAll, policy)?;
    for k in harness_keys() {
        v.keys_mut().add_key(k.key(), k.kid())?;
    }
    Ok(v)
}

fn flag(flags: u16, bit: u32) -> bool {
    flags & (1 << bit) != 0
}

fuzz_target!(|data: &[u8]| {
    static CHECK: OnceLock<()> = OnceLock::new();
    CHECK.get_or_init(|| {
        verifier(Policy::new()).expect("harness keys load");
    });
    run(&Input::parse(data));
});

fn run(input: &Input) {
    let f = input.flags;
    let issuers = input.list(3);
    let audiences = input.list(4);
    let subject = input.field(5);
    let typ = input.field(6);
    let crit = input.list(7);
    let required: Vec<&'static str> = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| input.required & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect();
    let algs: Vec<Algorithm> = ALGS
        .iter()
        .enumerate()
        .filter(|(i, _)| input.algs & (1 << i) != 0)
        .map(|(_, a)| *a)
        .collect();

    let mut policy = Policy::new().leeway(u64::from(input.leeway));
    if flag(f, 0) {
        policy = policy.issuers(&issuers);
    }
    if flag(f, 1) {
        policy = policy.audiences(&audiences);
    }
    if flag(f, 2) {
        policy = policy.subject(subject);
    }
    if flag(f, 3) {
        policy = policy.typ(typ);
    }
    if flag(f, 4) {
        policy = policy.max_age(u64::from(input.max_age));
    }
    if flag(f, 5) {
        policy = policy.allow_missing_exp();
    }
    if flag(f, 6) {
        policy = policy.reject_future_iat();
    }
    if flag(f, 7) {
        policy = policy.ignore_unexpected_audience();
    }
    if flag(f, 8) {
        policy = policy.algorithms(&algs);
    }
    if flag(f, 9) {
        policy = policy.understood_crit(&crit);
    }
    policy = policy.require(&required);
    // Times mostly near the present, sometimes anywhere in u64.
    let now = if flag(f, 10) {
        u64::from(input.now).wrapping_mul(0x1_0000_0001)
    } else {
        1_600_000_000 + u64::from(input.now)
    };

    let Ok(mut verifier) = verifier(policy) else {
        panic!("harness keys must load under any policy");
    };
    if flag(f, 11) {
        verifier = verifier.max_token_len(usize::from(input.max_token_len));
    }

    let token = if input.mode & 1 == 0 {
        input.field(0).to_owned()
    } else {
        let sig = match SIG_LENS.get(usize::from(input.sig_len % 16)) {
            Some(&n) => vec![0u8; n],
            None => input.field(2).as_bytes().to_vec(),
        };
        let mut t = format!(
            "{}.{}.{}",
            b64(input.field(0).as_bytes()),
            b64(input.field(1).as_bytes()),
            b64(&sig)
        );
        for _ in 0..(input.mode >> 1) % 4 {
            t.push('.');
        }
        t
    };

    // Buffer: default, or a fuzzed (possibly too small) size.
    let buf_len = if flag(f, 12) {
        usize::from(input.buf_len)
    } else {
        4096
    };
    let mut buf = vec![0u8; buf_len];
    let result = verifier.verify(&token, now, &mut buf);
    let code = result.as_ref().map(|_| ()).map_err(|e| e.code());
    match result {
        Ok(v) => {
            let c = v.claims();
            // The policy holds for what was accepted.
            let leeway = i128::from(input.leeway);
            let now_wide = i128::from(now);
            match c.exp {
                Some(exp) => assert!(now_wide < exp.ceil_i128() + leeway),
                None => assert!(flag(f, 5)),
            }
            if let Some(nbf) = c.nbf {
                assert!(now_wide + leeway >= nbf.ceil_i128());
            }
            if flag(f, 0) {
                let iss = c.iss.expect("iss required");
                assert!(issuers.iter().any(|i| iss.eq_str(i)));
            }
            if flag(f, 1) {
                assert!(audiences.iter().any(|a| c.aud.contains(a)));
            } else if !flag(f, 7) {
                assert!(!c.aud.is_present());
            }
            if flag(f, 2) {
                assert!(c.sub.expect("sub required").eq_str(subject));
            }
            if flag(f, 4) {
                assert!(c.iat.is_some());
            }
            if flag(f, 8) {
                assert!(algs.contains(&v.header().alg()));
            }
            assert!(v.key_index() < verifier.keys().len());
            assert!(validate::<MAX_PAYLOAD_DEPTH>(v.payload(), Part::Payload).is_ok());
            assert!(validate::<MAX_HEADER_DEPTH>(v.header().json(), Part::Header).is_ok());
            // Typed claims over the verified payload: may fail, must not panic.
            #[derive(serde::Deserialize)]
            #[allow(dead_code)]
            struct Typed<'a> {
                sub: Option<&'a str>,
                iss: Option<heapless::String<64>>,
                exp: Option<f64>,
                role: Option<heapless::String<16>>,
            }
            let _ = v.deserialize::<Typed<'_>>();
            let mut small = [0u8; 8];
            let _ = v.deserialize_with::<Typed<'_>>(&mut small);
        }
        Err(e) => {
            let _ = e.code();
            let _ = format!("{e}");
        }
    }
    // The bearer form: `bearer()` extracts the token (RFC 6750: optional whitespace around,
    // one or more spaces after the scheme, b64token characters only), then the verdict is
    // exactly the plain one for what it extracted. A token that is already plain b64token text
    // comes back unchanged.
    let value = format!("Bearer {token}");
    let mut buf2 = vec![0u8; buf_len];
    let r2 = verifier
        .verify_bearer(&value, now, &mut buf2)
        .map(|_| ())
        .map_err(|e| e.code());
    match tinyjwt_core::bearer(&value) {
        Ok(extracted) => {
            let b64token = |c: u8| c.is_ascii_alphanumeric() || b"-._~+/=".contains(&c);
            if !token.is_empty() && token.bytes().all(b64token) && !token.starts_with('=') {
                assert_eq!(extracted, token);
                assert_eq!(r2, code, "verify_bearer differs from verify");
            }
            let mut buf3 = vec![0u8; buf_len];
            let r3 = verifier
                .verify(extracted, now, &mut buf3)
                .map(|_| ())
                .map_err(|e| e.code());
            assert_eq!(r2, r3, "verify_bearer differs from verify(bearer())");
        }
        Err(e) => assert_eq!(r2, Err(e.code())),
    }
}
