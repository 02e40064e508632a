//! Wycheproof vectors through both backends: expectations met, and identical verdicts
//! wherever both support the algorithm. What each supports is stated, not inferred:
//! [`Supports::RING`] (no ES512) and [`Supports::RUSTCRYPTO`] (everything); a vector of an
//! algorithm outside a backend's table must be refused by it with `unsupported_alg` at
//! prepare, which [`Report::violations`] checks.

use tinyjwt_conformance::{Report, Stage, Suite, Supports, run_suites_for};
use tinyjwt_core::Algorithm;
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

fn check(suites: &[Suite]) -> (Report, Report) {
    let ring = run_suites_for(&Ring, Supports::RING, suites);
    let rc = run_suites_for(&RustCrypto, Supports::RUSTCRYPTO, suites);
    println!("ring:       {}", ring.summary());
    println!("rustcrypto: {}", rc.summary());
    let mut failed = false;
    for (name, r) in [("ring", &ring), ("rustcrypto", &rc)] {
        for o in r.violations() {
            println!("VIOLATION {name}: {o}");
            failed = true;
        }
        for o in r.refused_by_core() {
            println!("note {name}: valid vector's key refused by the core: {o}");
        }
    }
    for (a, b) in ring.differences(&rc) {
        println!("DISAGREE\n  ring:       {a}\n  rustcrypto: {b}");
        failed = true;
    }
    assert!(!failed, "conformance failures, see above");
    assert!(!ring.outcomes.is_empty());
    // RustCrypto claims every algorithm, so it has no unsupported vector.
    assert!(rc.unsupported().is_empty());
    (ring, rc)
}

/// Every algorithm is claimed by at least one backend, and the tables say what the backends
/// do: each algorithm outside a table is refused with `unsupported_alg` when its key is
/// prepared (asserted by `violations` on every vector of it).
#[test]
fn support_tables() {
    for alg in Algorithm::ALL {
        assert!(
            Supports::RING.contains(alg) || Supports::RUSTCRYPTO.contains(alg),
            "{alg}"
        );
    }
    assert_eq!(Supports::RING.missing(), &[Algorithm::ES512]);
    assert!(Supports::RUSTCRYPTO.missing().is_empty());
}

fn _assert_report_is_send(r: Report) -> impl Send {
    r
}

#[test]
fn hmac() {
    check(&[Suite::Hmac]);
}

#[test]
fn rsa_pkcs1() {
    check(&[Suite::RsaPkcs1]);
}

#[test]
fn rsa_pkcs1_8192() {
    check(&[Suite::RsaPkcs1_8192]);
}

#[test]
fn rsa_pss() {
    check(&[Suite::RsaPss]);
}

#[test]
fn ecdsa_p1363() {
    check(&[Suite::EcdsaP1363]);
}

/// ES512: every vector through RustCrypto; ring refuses every one of its keys as
/// `unsupported_alg` at prepare (checked in `check`) and is left out of the comparison.
#[test]
fn ecdsa_p521_p1363() {
    let (ring, rc) = check(&[Suite::EcdsaP521P1363]);
    assert_eq!(ring.unsupported().len(), ring.outcomes.len());
    assert!(ring.outcomes.iter().any(
        |o| o.stage == Stage::Prepare && o.verdict == Err(tinyjwt_core::Error::UnsupportedAlg)
    ));
    let accepted = rc.outcomes.iter().filter(|o| o.verdict.is_ok()).count();
    assert!(accepted > 0, "no valid ES512 vector accepted");
    println!(
        "ES512: {} vectors, {accepted} accepted by RustCrypto",
        rc.outcomes.len()
    );
}

#[test]
fn ecdsa_der_is_rejected() {
    check(&[Suite::EcdsaDer]);
}

#[test]
fn ed25519() {
    check(&[Suite::Ed25519]);
}
