//! The shared backend contract (`tinyjwt_conformance::check_backend`), run against RustCrypto
//! with the features this build has: without `alloc` there is no RSA, without `es384` or
//! `es512` no P-384 or P-521, and the contract then requires `unsupported_alg` at prepare.

use tinyjwt_conformance::{Supports, check_backend};
use tinyjwt_core::{Algorithm, Family};
use tinyjwt_rustcrypto::RustCrypto;

/// What this build of the backend lacks.
fn missing() -> &'static [Algorithm] {
    let mut m = Vec::new();
    if !cfg!(feature = "alloc") {
        let rsa = |a: &Algorithm| matches!(a.family(), Family::RsaPkcs1(_) | Family::RsaPss(_));
        m.extend(Algorithm::ALL.into_iter().filter(rsa));
    }
    if !cfg!(feature = "es384") {
        m.push(Algorithm::ES384);
    }
    if !cfg!(feature = "es512") {
        m.push(Algorithm::ES512);
    }
    Vec::leak(m)
}

#[test]
fn rustcrypto_keeps_the_backend_contract() {
    let failures = check_backend(&RustCrypto, Supports::all_but(missing()));
    for f in &failures {
        eprintln!("{f}");
    }
    assert_eq!(failures, []);
}
