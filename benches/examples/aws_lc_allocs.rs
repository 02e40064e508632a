//! Heap allocations per verification on the aws-lc-rs path, **including AWS-LC's own**: the
//! bench binaries' counting global allocator only sees Rust allocations, and AWS-LC allocates
//! with `OPENSSL_malloc` (libc `malloc`) — its `EVP_PKEY_CTX`, digest state, the DER form of
//! an ECDSA `r||s`. This program routes those through counting functions
//! (`CRYPTO_set_mem_functions`, which must run before AWS-LC allocates anything) and prints,
//! per fixture, the Rust and C allocations of one call of
//!
//! - `aws-lc-rs floor`: `ParsedPublicKey::verify_sig` (or `hmac::verify`), key parsed once;
//! - `aws-lc-rs tinyjwt`: `Verifier::verify` with `tinyjwt::aws_lc_rs::AwsLcRs`;
//! - `jsonwebtoken aws_lc_rs`: `jsonwebtoken::decode` with its aws-lc provider;
//!
//! and exits non-zero if tinyjwt allocates more than the floor, in Rust or in C.
//!
//! `cargo run --release -p tinyjwt-benches --example aws_lc_allocs` (a few seconds; no
//! timing). Not part of the criterion run because the counting functions replace AWS-LC's
//! allocator for the whole process, which a timed run must not measure.

use std::ffi::{c_char, c_int, c_void};
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

use tinyjwt::advanced::Curve;
use tinyjwt::{Algorithm, Policy, Verifier};
use tinyjwt_benches::alloc_count::{CountingAlloc, measure};
use tinyjwt_benches::{Fixture, NOW, PublicKey, all_fixtures};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

static C_ON: AtomicBool = AtomicBool::new(false);
static C_COUNT: AtomicU64 = AtomicU64::new(0);

fn c_record() {
    if C_ON.load(Relaxed) {
        C_COUNT.fetch_add(1, Relaxed);
    }
}

unsafe extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
}

unsafe extern "C" fn count_malloc(size: usize, _: *const c_char, _: c_int) -> *mut c_void {
    c_record();
    // SAFETY: libc malloc, any size.
    unsafe { malloc(size) }
}

unsafe extern "C" fn count_realloc(
    ptr: *mut c_void,
    size: usize,
    _: *const c_char,
    _: c_int,
) -> *mut c_void {
    c_record();
    // SAFETY: `ptr` came from `count_malloc`/`count_realloc` (installed before any use).
    unsafe { realloc(ptr, size) }
}

unsafe extern "C" fn count_free(ptr: *mut c_void, _: *const c_char, _: c_int) {
    // SAFETY: as for `count_realloc`.
    unsafe { free(ptr) }
}

/// Rust and C allocations per call of `f` (mean of 32 calls after one warm-up call).
fn both(mut f: impl FnMut() -> bool) -> (f64, f64) {
    assert!(f(), "the fixture does not verify");
    const RUNS: u32 = 32;
    C_COUNT.store(0, Relaxed);
    C_ON.store(true, Relaxed);
    let rust = measure(RUNS, &mut f);
    C_ON.store(false, Relaxed);
    // `measure` makes one uncounted warm-up call of its own, then RUNS counted ones; the C
    // counter ran for all RUNS + 1.
    let c = C_COUNT.load(Relaxed) as f64 / f64::from(RUNS + 1);
    (rust.count, c)
}

fn floor(f: &Fixture) -> (f64, f64) {
    use aws_lc_rs::signature::{self as s, ParsedPublicKey, RsaPublicKeyComponents};
    let (input, sig) = (f.signing_input(), f.signature.as_slice());
    let key = match &f.key {
        PublicKey::Hmac(secret) => {
            let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret);
            return both(|| aws_lc_rs::hmac::verify(&key, black_box(input), sig).is_ok());
        }
        PublicKey::Rsa { n, e } => {
            let params = match f.alg {
                Algorithm::PS256 => &s::RSA_PSS_2048_8192_SHA256,
                _ => &s::RSA_PKCS1_2048_8192_SHA256,
            };
            RsaPublicKeyComponents {
                n: n.as_slice(),
                e: e.as_slice(),
            }
            .to_parsed_public_key(params)
            .expect("RSA key")
        }
        PublicKey::Ec { curve, .. } => {
            let alg = match curve {
                Curve::P256 => &s::ECDSA_P256_SHA256_FIXED,
                Curve::P384 => &s::ECDSA_P384_SHA384_FIXED,
                Curve::P521 => &s::ECDSA_P521_SHA512_FIXED,
            };
            ParsedPublicKey::new(alg, f.key.sec1()).expect("EC point")
        }
        PublicKey::Ed25519(pk) => ParsedPublicKey::new(&s::ED25519, pk).expect("Ed25519 key"),
    };
    both(|| key.verify_sig(black_box(input), sig).is_ok())
}

fn tinyjwt_aws(f: &Fixture) -> (f64, f64) {
    let issuers = [f.issuer];
    let audiences = [f.audience];
    let policy = Policy::new().issuers(&issuers).audiences(&audiences);
    let mut verifier: Verifier<'_, tinyjwt::aws_lc_rs::AwsLcRs> =
        Verifier::new(tinyjwt::aws_lc_rs::AwsLcRs, policy).expect("policy");
    verifier
        .keys_mut()
        .add_key(&f.bound_key(), f.kid)
        .expect("key");
    let mut buf = [0u8; tinyjwt::limits::DEFAULT_BUFFER_LEN];
    let token = f.token.as_str();
    both(|| verifier.verify(black_box(token), NOW, &mut buf).is_ok())
}

#[derive(serde::Deserialize)]
#[allow(dead_code)] // read only through black_box
struct Registered {
    sub: String,
    iss: String,
    aud: String,
    exp: u64,
    iat: u64,
}

fn jsonwebtoken_aws(f: &Fixture) -> (f64, f64) {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use jsonwebtoken::{Algorithm as A, DecodingKey, Validation, decode};
    let key = match &f.key {
        PublicKey::Hmac(secret) => DecodingKey::from_secret(secret),
        PublicKey::Rsa { n, e } => DecodingKey::from_rsa_raw_components(n, e),
        PublicKey::Ec { x, y, .. } => {
            DecodingKey::from_ec_components(&B64.encode(x), &B64.encode(y)).expect("EC key")
        }
        PublicKey::Ed25519(pk) => {
            DecodingKey::from_ed_components(&B64.encode(pk)).expect("Ed25519 key")
        }
    };
    let alg = match f.alg {
        Algorithm::HS256 => A::HS256,
        Algorithm::RS256 => A::RS256,
        Algorithm::PS256 => A::PS256,
        Algorithm::ES256 => A::ES256,
        Algorithm::ES384 => A::ES384,
        Algorithm::EdDSA => A::EdDSA,
        other => unimplemented!("no fixture uses {other}"),
    };
    let mut validation = Validation::new(alg);
    validation.leeway = 0;
    validation.set_issuer(&[f.issuer]);
    validation.set_audience(&[f.audience]);
    let token = f.token.as_str();
    both(|| decode::<Registered>(black_box(token), &key, &validation).is_ok())
}

fn main() -> ExitCode {
    // SAFETY: three functions with the documented signatures; called before AWS-LC has
    // allocated anything (nothing in this process has used it yet).
    let installed = unsafe {
        aws_lc_sys::CRYPTO_set_mem_functions(
            Some(count_malloc),
            Some(count_realloc),
            Some(count_free),
        )
    };
    assert_eq!(installed, 1, "CRYPTO_set_mem_functions refused");
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();

    println!(
        "| Algorithm | aws-lc-rs floor (Rust + C) | aws-lc-rs tinyjwt (Rust + C) | jsonwebtoken aws_lc_rs (Rust + C) |"
    );
    println!("|---|---:|---:|---:|");
    let mut worse = false;
    for f in all_fixtures() {
        let fl = floor(&f);
        let ours = tinyjwt_aws(&f);
        let jwt = jsonwebtoken_aws(&f);
        let cell = |(r, c): (f64, f64)| format!("{} ({r} + {c})", r + c);
        println!(
            "| {} | {} | {} | {} |",
            f.name,
            cell(fl),
            cell(ours),
            cell(jwt)
        );
        if ours.0 > fl.0 || ours.1 > fl.1 {
            eprintln!("{}: tinyjwt allocates more than the floor", f.name);
            worse = true;
        }
    }
    if worse {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
