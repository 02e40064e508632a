//! Wycheproof vectors through all three backends: expectations met, and identical verdicts
//! for every pair of backends wherever both support the algorithm. What each supports is
//! stated, not inferred: [`Supports::RING`] (no ES512), [`Supports::RUSTCRYPTO`] and
//! [`Supports::AWS_LC_RS`] (everything); a vector of an algorithm outside a backend's table
//! must be refused by it with `unsupported_alg` at prepare, which [`Report::violations`]
//! checks.

use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_conformance::{Report, Stage, Suite, Supports, run_suites_for};
use tinyjwt_core::Algorithm;
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

/// The three reports of one run.
struct Reports {
    ring: Report,
    rc: Report,
    aws: Report,
}

fn check(suites: &[Suite]) -> Reports {
    let ring = run_suites_for(&Ring, Supports::RING, suites);
    let rc = run_suites_for(&RustCrypto, Supports::RUSTCRYPTO, suites);
    let aws = run_suites_for(&AwsLcRs, Supports::AWS_LC_RS, suites);
    println!("ring:       {}", ring.summary());
    println!("rustcrypto: {}", rc.summary());
    println!("aws-lc-rs:  {}", aws.summary());
    let named = [("ring", &ring), ("rustcrypto", &rc), ("aws-lc-rs", &aws)];
    let mut failed = false;
    for (name, r) in named {
        for o in r.violations() {
            println!("VIOLATION {name}: {o}");
            failed = true;
        }
        for o in r.refused_by_core() {
            println!("note {name}: valid vector's key refused by the core: {o}");
        }
    }
    for (i, j) in [(0, 1), (2, 1), (2, 0)] {
        let ((na, a), (nb, b)) = (named[i], named[j]);
        for (x, y) in a.differences(b) {
            println!("DISAGREE\n  {na:<11} {x}\n  {nb:<11} {y}");
            failed = true;
        }
    }
    assert!(!failed, "conformance failures, see above");
    assert!(!ring.outcomes.is_empty());
    // RustCrypto and aws-lc-rs claim every algorithm, so they have no unsupported vector.
    assert!(rc.unsupported().is_empty());
    assert!(aws.unsupported().is_empty());
    Reports { ring, rc, aws }
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
        // ES512 is compared between two backends, every other algorithm among all three.
        assert!(Supports::AWS_LC_RS.contains(alg), "{alg}");
    }
    assert_eq!(Supports::RING.missing(), &[Algorithm::ES512]);
    assert!(Supports::RUSTCRYPTO.missing().is_empty());
    assert!(Supports::AWS_LC_RS.missing().is_empty());
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

/// ES512: every vector through RustCrypto and aws-lc-rs, which must agree; ring refuses every
/// one of its keys as `unsupported_alg` at prepare (checked in `check`) and is left out of
/// the comparison.
#[test]
fn ecdsa_p521_p1363() {
    let Reports { ring, rc, aws } = check(&[Suite::EcdsaP521P1363]);
    assert_eq!(ring.unsupported().len(), ring.outcomes.len());
    assert!(ring.outcomes.iter().any(
        |o| o.stage == Stage::Prepare && o.verdict == Err(tinyjwt_core::Error::UnsupportedAlg)
    ));
    let accepted = rc.outcomes.iter().filter(|o| o.verdict.is_ok()).count();
    assert!(accepted > 0, "no valid ES512 vector accepted");
    assert!(aws.differences(&rc).is_empty());
    assert_eq!(
        aws.outcomes.iter().filter(|o| o.verdict.is_ok()).count(),
        accepted
    );
    println!(
        "ES512: {} vectors, {accepted} accepted by RustCrypto and by aws-lc-rs",
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
