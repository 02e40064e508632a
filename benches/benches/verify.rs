//! Token verification, per algorithm: tinyjwt with each backend beside that backend's raw
//! primitive (the floor), and tinyjwt's parsing alone (no crypto).
//!
//! Criterion ids: group `verify/<ALG>` (`HS256`, `RS256-2048`, `RS256-4096`, `PS256`,
//! `ES256`, `ES384`, `EdDSA`), functions:
//! - `ring floor`, `rustcrypto floor`, `aws-lc-rs floor`: the primitive on the decoded
//!   signature and the signing input, key parsed once outside the loop (bytes of the
//!   signature in, verdict out; for aws-lc-rs its pre-parsed `ParsedPublicKey`). For RS*/PS*
//!   the RustCrypto floor is the `rsa` crate's verify, the RustCrypto project's RSA, which
//!   tinyjwt no longer calls: its backend has a heap-free path on `crypto-bigint` (the
//!   arithmetic `rsa` uses, without the heap), faster than `rsa`, so that ratio is below 1;
//! - `ring tinyjwt`, `rustcrypto tinyjwt`, `aws-lc-rs tinyjwt`: `Verifier::verify` on the
//!   whole token, with
//!   `exp`, `iss` and `aud` checked (`Policy::new().issuers(..).audiences(..)`);
//! - `parse-only`: the same `Verifier::verify` over a backend whose `verify` returns `Ok`.
//!
//! Group `user-path/HS256`, the whole Miro user path on the HS256 fixture (issue 15 point 4):
//! verify, then read the custom claims `team` and `user`. Functions: the three HMAC floors
//! again (same code as above, so the ratios come from this one process), and per backend
//! `<backend> tinyjwt verify` (the verify alone, for reference), `<backend> tinyjwt getters`
//! (`verify` + [`read_team_user`]) and `<backend> tinyjwt serde`
//! (`verify` + `Verified::deserialize::<MiroClaims>`). The peers' rows of the same group come
//! from `jwt_*.rs` and `peers.rs`.
//!
//! The jsonwebtoken rows come from `jwt_rust_crypto.rs` and `jwt_aws_lc_rs.rs` (one crypto
//! provider per process is all jsonwebtoken allows). Heap allocations per call of every row
//! are counted outside the timing loop and written for `scripts/bench-report.sh`. Times are
//! the benchmarking thread's CPU time (`shared/cpu_time.rs`): the machine is shared.

use std::hint::black_box;

use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use tinyjwt::advanced::Curve;
use tinyjwt::{Algorithm, Policy, SignatureBackend, Verified, Verifier};
use tinyjwt_benches::alloc_count::{AllocReport, CountingAlloc, measure};
use tinyjwt_benches::{Fixture, NOW, NoCrypto, PublicKey, all_fixtures};

#[path = "shared/cpu_time.rs"]
mod cpu_time;
use cpu_time::ThreadCpuTime;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Calls per allocation measurement (the counts are deterministic; this only averages).
const ALLOC_RUNS: u32 = 32;

/// Checks that `check` succeeds, counts its allocations, then times it.
fn row(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    id: &str,
    mut check: impl FnMut() -> bool,
) {
    assert!(check(), "{group}/{id}: the fixture does not verify");
    report.add(group, id, measure(ALLOC_RUNS, &mut check));
    g.bench_function(id, |b| b.iter(&mut check));
}

/// tinyjwt's full verification with `backend`.
fn tinyjwt_row<B: SignatureBackend>(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    id: &str,
    f: &Fixture,
    backend: B,
) {
    let issuers = [f.issuer];
    let audiences = [f.audience];
    let policy = Policy::new().issuers(&issuers).audiences(&audiences);
    let mut verifier: Verifier<'_, B> = Verifier::new(backend, policy).expect("policy");
    verifier
        .keys_mut()
        .add_key(&f.bound_key(), f.kid)
        .expect("key");
    let token = f.token.as_str();
    let mut buf = [0u8; tinyjwt::limits::DEFAULT_BUFFER_LEN];
    if let Err(e) = verifier.verify(token, NOW, &mut buf) {
        panic!("{group}/{id}: {e}");
    }
    row(g, report, group, id, || {
        verifier
            .verify(black_box(token), black_box(NOW), &mut buf)
            .is_ok()
    });
}

/// A `verify` row's verifier for `f`: its key, `exp` required, `iss` and `aud` checked.
fn verifier_for<'k, B: SignatureBackend>(
    f: &'k Fixture,
    backend: B,
    issuers: &'k [&'k str; 1],
    audiences: &'k [&'k str; 1],
) -> Verifier<'k, B> {
    let policy = Policy::new().issuers(issuers).audiences(audiences);
    let mut verifier: Verifier<'_, B> = Verifier::new(backend, policy).expect("policy");
    verifier
        .keys_mut()
        .add_key(&f.bound_key(), f.kid)
        .expect("key");
    verifier
}

/// The Miro fixture's `team` and `user`, what the user path must hand back.
const MIRO_TEAM_USER: (&str, &str) = ("3074457345618265000", "3458764513820540928");

/// The user path's serde struct: the two custom claims, borrowed from the verified payload.
#[derive(serde::Deserialize)]
struct MiroClaims<'a> {
    team: &'a str,
    user: &'a str,
}

/// Reads `team` and `user` from a verified token without serde: the getters a Miro backend
/// calls (`Verified::claim_str`, one walk of the verified payload each).
fn read_team_user<'b>(v: &Verified<'b>) -> (Option<&'b str>, Option<&'b str>) {
    (
        v.claim_str("team").and_then(|s| s.as_str()),
        v.claim_str("user").and_then(|s| s.as_str()),
    )
}

/// The `user-path/HS256` rows of one backend: tinyjwt's getters and its serde path.
fn user_path_rows<B: SignatureBackend>(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    name: &str,
    f: &Fixture,
    backend: B,
) {
    let (issuers, audiences) = ([f.issuer], [f.audience]);
    let verifier = verifier_for(f, backend, &issuers, &audiences);
    let token = f.token.as_str();
    let mut buf = [0u8; tinyjwt::limits::DEFAULT_BUFFER_LEN];
    // The verify alone, in this group too: what reading the two claims adds is the difference.
    row(g, report, group, &format!("{name} tinyjwt verify"), || {
        verifier
            .verify(black_box(token), black_box(NOW), &mut buf)
            .is_ok()
    });
    row(g, report, group, &format!("{name} tinyjwt getters"), || {
        verifier
            .verify(black_box(token), black_box(NOW), &mut buf)
            .is_ok_and(|v| {
                let (team, user) = black_box(read_team_user(&v));
                (team, user) == (Some(MIRO_TEAM_USER.0), Some(MIRO_TEAM_USER.1))
            })
    });
    row(g, report, group, &format!("{name} tinyjwt serde"), || {
        verifier
            .verify(black_box(token), black_box(NOW), &mut buf)
            .is_ok_and(|v| {
                v.deserialize::<MiroClaims<'_>>().is_ok_and(|c| {
                    let c = black_box(c);
                    (c.team, c.user) == MIRO_TEAM_USER
                })
            })
    });
}

fn ring_floor(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    f: &Fixture,
) {
    use ring::signature as rs;
    let (input, sig) = (f.signing_input(), f.signature.as_slice());
    let id = "ring floor";
    match &f.key {
        PublicKey::Hmac(secret) => {
            let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret);
            row(g, report, group, id, || {
                ring::hmac::verify(&key, black_box(input), black_box(sig)).is_ok()
            });
        }
        PublicKey::Rsa { n, e } => {
            let params = match f.alg {
                Algorithm::PS256 => &rs::RSA_PSS_2048_8192_SHA256,
                _ => &rs::RSA_PKCS1_2048_8192_SHA256,
            };
            // ring 0.17 has no pre-parsed RSA public key type: the components are its
            // fastest public form (tinyjwt-ring keeps the same).
            let key = rs::RsaPublicKeyComponents {
                n: n.as_slice(),
                e: e.as_slice(),
            };
            row(g, report, group, id, || {
                key.verify(params, black_box(input), black_box(sig)).is_ok()
            });
        }
        PublicKey::Ec { curve, .. } => {
            let alg = match curve {
                Curve::P256 => &rs::ECDSA_P256_SHA256_FIXED,
                Curve::P384 => &rs::ECDSA_P384_SHA384_FIXED,
                // ring has no P-521, and there is no ES512 fixture.
                Curve::P521 => return,
            };
            let point = f.key.sec1();
            let key = rs::UnparsedPublicKey::new(alg, point.as_slice());
            row(g, report, group, id, || {
                key.verify(black_box(input), black_box(sig)).is_ok()
            });
        }
        PublicKey::Ed25519(pk) => {
            let key = rs::UnparsedPublicKey::new(&rs::ED25519, pk);
            row(g, report, group, id, || {
                key.verify(black_box(input), black_box(sig)).is_ok()
            });
        }
    }
}

/// aws-lc-rs's fastest public form of each key: `ParsedPublicKey` (RSA built from `n`/`e`
/// with `to_parsed_public_key`, as tinyjwt-aws-lc-rs does), a prepared `hmac::Key`.
fn aws_lc_floor(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    f: &Fixture,
) {
    use aws_lc_rs::signature::{self as s, ParsedPublicKey, RsaPublicKeyComponents};
    let (input, sig) = (f.signing_input(), f.signature.as_slice());
    let id = "aws-lc-rs floor";
    let key = match &f.key {
        PublicKey::Hmac(secret) => {
            let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret);
            row(g, report, group, id, || {
                aws_lc_rs::hmac::verify(&key, black_box(input), black_box(sig)).is_ok()
            });
            return;
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
    row(g, report, group, id, || {
        key.verify_sig(black_box(input), black_box(sig)).is_ok()
    });
}

fn rustcrypto_floor(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    f: &Fixture,
) {
    let (input, sig) = (f.signing_input(), f.signature.as_slice());
    let id = "rustcrypto floor";
    match &f.key {
        PublicKey::Hmac(secret) => {
            use hmac::{Hmac, Mac};
            let keyed = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any length");
            row(g, report, group, id, || {
                let mut mac = keyed.clone();
                mac.update(black_box(input));
                mac.verify_slice(black_box(sig)).is_ok()
            });
        }
        PublicKey::Rsa { n, e } => {
            use rsa::signature::Verifier as _;
            let public = rsa::RsaPublicKey::new(
                rsa::BoxedUint::from_be_slice_vartime(n),
                rsa::BoxedUint::from_be_slice_vartime(e),
            )
            .expect("RSA key");
            if f.alg == Algorithm::PS256 {
                let key = rsa::pss::VerifyingKey::<rsa::sha2::Sha256>::new(public);
                row(g, report, group, id, || {
                    rsa::pss::Signature::try_from(black_box(sig))
                        .is_ok_and(|s| key.verify(black_box(input), &s).is_ok())
                });
            } else {
                let key = rsa::pkcs1v15::VerifyingKey::<rsa::sha2::Sha256>::new(public);
                row(g, report, group, id, || {
                    rsa::pkcs1v15::Signature::try_from(black_box(sig))
                        .is_ok_and(|s| key.verify(black_box(input), &s).is_ok())
                });
            }
        }
        PublicKey::Ec {
            curve: Curve::P256, ..
        } => {
            use p256::ecdsa::signature::Verifier as _;
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&f.key.sec1()).expect("point");
            row(g, report, group, id, || {
                p256::ecdsa::Signature::from_slice(black_box(sig))
                    .is_ok_and(|s| key.verify(black_box(input), &s).is_ok())
            });
        }
        PublicKey::Ec {
            curve: Curve::P384, ..
        } => {
            use p384::ecdsa::signature::Verifier as _;
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(&f.key.sec1()).expect("point");
            row(g, report, group, id, || {
                p384::ecdsa::Signature::from_slice(black_box(sig))
                    .is_ok_and(|s| key.verify(black_box(input), &s).is_ok())
            });
        }
        // No ES512 fixture (the rows compare with ring, which has no P-521).
        PublicKey::Ec {
            curve: Curve::P521, ..
        } => {}
        PublicKey::Ed25519(pk) => {
            // `verify_strict`, as tinyjwt-rustcrypto uses.
            let key = ed25519_dalek::VerifyingKey::from_bytes(pk).expect("point");
            row(g, report, group, id, || {
                ed25519_dalek::Signature::from_slice(black_box(sig))
                    .is_ok_and(|s| key.verify_strict(black_box(input), &s).is_ok())
            });
        }
    }
}

fn bench(c: &mut Criterion<ThreadCpuTime>) {
    let mut report = AllocReport::default();
    for f in all_fixtures() {
        let group = format!("verify/{}", f.name);
        let mut g = c.benchmark_group(&group);
        ring_floor(&mut g, &mut report, &group, &f);
        tinyjwt_row(
            &mut g,
            &mut report,
            &group,
            "ring tinyjwt",
            &f,
            tinyjwt::ring::Ring,
        );
        rustcrypto_floor(&mut g, &mut report, &group, &f);
        tinyjwt_row(
            &mut g,
            &mut report,
            &group,
            "rustcrypto tinyjwt",
            &f,
            tinyjwt::rustcrypto::RustCrypto,
        );
        aws_lc_floor(&mut g, &mut report, &group, &f);
        tinyjwt_row(
            &mut g,
            &mut report,
            &group,
            "aws-lc-rs tinyjwt",
            &f,
            tinyjwt::aws_lc_rs::AwsLcRs,
        );
        tinyjwt_row(&mut g, &mut report, &group, "parse-only", &f, NoCrypto);
        g.finish();
        // Not a timing: allocation counts are deterministic, so this holds in `--test` runs
        // too and keeps the zero-allocation property from regressing unseen. (AWS-LC's own
        // mallocs bypass the Rust allocator; `examples/aws_lc_allocs.rs` counts those.)
        for backend in ["ring", "rustcrypto", "aws-lc-rs"] {
            let floor = report.get(&group, &format!("{backend} floor"));
            let ours = report.get(&group, &format!("{backend} tinyjwt"));
            // At most what the primitive does: equal for ring and aws-lc-rs; for RS*/PS* the
            // RustCrypto floor is the `rsa` crate (heap integers), while tinyjwt's RustCrypto
            // backend runs its own heap-free path on crypto-bigint and allocates nothing.
            let (ours, floor) = (ours.expect("measured"), floor.expect("measured"));
            assert!(
                ours.count <= floor.count && ours.bytes <= floor.bytes,
                "{group}: tinyjwt adds allocations to {backend}: {ours:?} against {floor:?}"
            );
        }
        let rc = report.get(&group, "rustcrypto tinyjwt").expect("measured");
        assert_eq!(rc.count, 0.0, "{group}: the RustCrypto backend allocates");
        let parse = report.get(&group, "parse-only").expect("measured");
        assert_eq!(parse.count, 0.0, "{group}: parsing allocates");
    }
    // The user path (issue 15 point 4): the HMAC floors and tinyjwt's two ways of reading the
    // custom claims, in this one process.
    let fixtures = all_fixtures();
    let f = fixtures
        .iter()
        .find(|f| f.name == "HS256")
        .expect("HS256 fixture");
    let group = "user-path/HS256";
    let mut g = c.benchmark_group(group);
    ring_floor(&mut g, &mut report, group, f);
    user_path_rows(&mut g, &mut report, group, "ring", f, tinyjwt::ring::Ring);
    rustcrypto_floor(&mut g, &mut report, group, f);
    user_path_rows(
        &mut g,
        &mut report,
        group,
        "rustcrypto",
        f,
        tinyjwt::rustcrypto::RustCrypto,
    );
    aws_lc_floor(&mut g, &mut report, group, f);
    user_path_rows(
        &mut g,
        &mut report,
        group,
        "aws-lc-rs",
        f,
        tinyjwt::aws_lc_rs::AwsLcRs,
    );
    g.finish();
    for backend in ["ring", "rustcrypto", "aws-lc-rs"] {
        for way in ["getters", "serde"] {
            let a = report
                .get(group, &format!("{backend} tinyjwt {way}"))
                .expect("measured");
            assert_eq!(
                a.count, 0.0,
                "{group}: the {way} path allocates ({backend})"
            );
        }
    }
    report.write("verify").expect("write allocation report");
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench
}
criterion_main!(benches);
