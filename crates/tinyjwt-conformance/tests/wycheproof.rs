//! Wycheproof vectors through both backends: expectations met, and identical verdicts.

use tinyjwt_conformance::{Report, Suite, run_suites};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

fn check(suites: &[Suite]) {
    let ring = run_suites(&Ring, suites);
    let rc = run_suites(&RustCrypto, suites);
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

#[test]
fn ecdsa_der_is_rejected() {
    check(&[Suite::EcdsaDer]);
}

#[test]
fn ed25519() {
    check(&[Suite::Ed25519]);
}
