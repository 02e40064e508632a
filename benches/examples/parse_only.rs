//! Parse-only verification of the Miro-like HS256 fixture, in a loop, for instruction counts.
//!
//! `Verifier::verify` with a backend whose `verify` returns `Ok` (the `parse-only` row of
//! `benches/verify.rs`), the same policy (`iss`, `aud`, `exp` required). Meant for callgrind,
//! whose counts do not move with the machine's load:
//!
//! ```text
//! cargo build --release -p tinyjwt-benches --example parse_only
//! valgrind --tool=callgrind --toggle-collect='*parse_only::run*' \
//!     target/release/examples/parse_only 10000
//! callgrind_annotate callgrind.out.<pid>
//! ```
//!
//! Instructions per verify: the total of the collected run divided by the iteration count
//! (argument 1, default 10 000). Argument 2 picks another fixture by name (`ES256`, ...).
//! Argument 3 adds work after each verify (issue 15): `claims` reads `team` and `user` with
//! `Verified::claim_many` (no serde), `serde` deserializes them into a struct of two borrowed
//! `&str` (`Verified::deserialize`). Without it, the loop is verify alone.

use std::hint::black_box;

use tinyjwt_benches::{NOW, NoCrypto, all_fixtures};
use tinyjwt_core::{Policy, Verifier};

/// What the Miro backend reads (issue 15): two borrowed strings.
#[derive(serde::Deserialize)]
struct Miro<'a> {
    team: &'a str,
    user: &'a str,
}

/// The measured loop (callgrind's `--toggle-collect` target).
#[inline(never)]
fn run(verifier: &Verifier<'_, NoCrypto>, token: &str, n: u64) -> u64 {
    let mut buf = [0u8; tinyjwt_core::limits::DEFAULT_BUFFER_LEN];
    let mut ok = 0;
    for _ in 0..n {
        // As the criterion `parse-only` row does.
        let v = verifier.verify(black_box(token), black_box(NOW), &mut buf);
        ok += u64::from(v.is_ok());
    }
    ok
}

/// [`run`] plus `team` and `user` read by name (no serde).
#[inline(never)]
fn run_claims(verifier: &Verifier<'_, NoCrypto>, token: &str, n: u64) -> u64 {
    let mut buf = [0u8; tinyjwt_core::limits::DEFAULT_BUFFER_LEN];
    let mut ok = 0;
    for _ in 0..n {
        if let Ok(v) = verifier.verify(black_box(token), black_box(NOW), &mut buf) {
            let [team, user] = v.claim_many(black_box(["team", "user"]));
            ok += u64::from(black_box(team).is_some() && black_box(user).is_some());
        }
    }
    ok
}

/// [`run`] plus `team` and `user` deserialized into a borrowed struct (serde).
#[inline(never)]
fn run_serde(verifier: &Verifier<'_, NoCrypto>, token: &str, n: u64) -> u64 {
    let mut buf = [0u8; tinyjwt_core::limits::DEFAULT_BUFFER_LEN];
    let mut ok = 0;
    for _ in 0..n {
        if let Ok(v) = verifier.verify(black_box(token), black_box(NOW), &mut buf) {
            if let Ok(m) = v.deserialize::<Miro<'_>>() {
                ok += u64::from(!black_box(m.team).is_empty() && !black_box(m.user).is_empty());
            }
        }
    }
    ok
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .map_or(10_000, |a| a.parse().expect("iteration count"));
    let name = args.next().unwrap_or_else(|| "HS256".into());
    let mode = args.next().unwrap_or_default();
    let f = all_fixtures()
        .into_iter()
        .find(|f| f.name == name)
        .expect("fixture name");
    let issuers = [f.issuer];
    let audiences = [f.audience];
    let policy = Policy::new().issuers(&issuers).audiences(&audiences);
    let mut verifier: Verifier<'_, NoCrypto> = Verifier::new(NoCrypto, policy).expect("policy");
    verifier
        .keys_mut()
        .add_key(&f.bound_key(), f.kid)
        .expect("key");
    let ok = match mode.as_str() {
        "" => run(&verifier, &f.token, n),
        "claims" => run_claims(&verifier, &f.token, n),
        "serde" => run_serde(&verifier, &f.token, n),
        other => panic!("unknown mode {other:?} (claims, serde)"),
    };
    assert_eq!(ok, n, "{}: the fixture does not verify", f.name);
    println!(
        "{}: {n} parse-only verifications of a {}-byte token",
        f.name,
        f.token.len()
    );
}
