//! The shared backend contract (`tinyjwt_conformance::check_backend`), run against aws-lc-rs:
//! the checks every backend must pass, written once in the conformance crate.

use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_conformance::{Supports, check_backend};

#[test]
fn aws_lc_rs_keeps_the_backend_contract() {
    let failures = check_backend(&AwsLcRs, Supports::AWS_LC_RS);
    for f in &failures {
        eprintln!("{f}");
    }
    assert_eq!(failures, []);
}
