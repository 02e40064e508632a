//! The shared backend contract (`tinyjwt_conformance::check_backend`), run against ring: the
//! checks every backend must pass, written once in the conformance crate.

use tinyjwt_conformance::{Supports, check_backend};
use tinyjwt_ring::Ring;

#[test]
fn ring_keeps_the_backend_contract() {
    let failures = check_backend(&Ring, Supports::RING);
    for f in &failures {
        eprintln!("{f}");
    }
    assert_eq!(failures, []);
}
