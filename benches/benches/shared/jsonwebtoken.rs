//! jsonwebtoken doing the same verification as tinyjwt: signature, `exp`, `iss` and `aud`
//! (one accepted value each, leeway 0), with the `DecodingKey` and `Validation` built once.
//!
//! Included (`#[path]`) by `jwt_rust_crypto.rs` and `jwt_aws_lc_rs.rs`. jsonwebtoken 10+
//! chooses its crypto provider once per process: with exactly one of its `rust_crypto` and
//! `aws_lc_rs` features it uses that one; with both (as here, since Cargo unifies features in
//! one package) it panics unless the program calls `CryptoProvider::install_default` first,
//! and that can succeed only once. So each provider gets its own bench binary, and both run
//! in the same `cargo bench` invocation.

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use criterion::Criterion;

use crate::cpu_time::ThreadCpuTime;
use jsonwebtoken::crypto::CryptoProvider;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
use tinyjwt_benches::alloc_count::{AllocReport, measure};
use tinyjwt_benches::{PublicKey, all_fixtures};

/// What the caller gets back: the registered claims tinyjwt's `Verified::claims()` exposes
/// (`sub`, `iss`, `aud`, `exp`, `iat`), owned, since jsonwebtoken needs `DeserializeOwned`.
/// The other claims are skipped, as tinyjwt skips them.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // read only through black_box
struct Registered {
    sub: String,
    iss: String,
    aud: String,
    exp: u64,
    iat: u64,
}

/// The Miro user path (group `user-path/HS256`): the claims jsonwebtoken validates (`iss`, `aud`,
/// `exp`) and the two custom claims, owned.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // `iss`, `aud`, `exp` read only through black_box
struct Miro {
    iss: String,
    aud: String,
    exp: u64,
    team: String,
    user: String,
}

/// The Miro fixture's `team` and `user`.
const MIRO_TEAM_USER: (&str, &str) = ("3074457345618265000", "3458764513820540928");

fn alg(a: tinyjwt_core::Algorithm) -> Algorithm {
    use tinyjwt_core::Algorithm as T;
    match a {
        T::HS256 => Algorithm::HS256,
        T::RS256 => Algorithm::RS256,
        T::PS256 => Algorithm::PS256,
        T::ES256 => Algorithm::ES256,
        T::ES384 => Algorithm::ES384,
        T::EdDSA => Algorithm::EdDSA,
        other => unimplemented!("no fixture uses {other}"),
    }
}

/// Benchmarks every fixture with `provider` installed, as criterion function `id`
/// (`jsonwebtoken rust_crypto`, `jsonwebtoken aws_lc_rs`), and writes the allocation counts
/// to `<criterion home>/tinyjwt-allocs/<bench>.json`.
pub fn bench(
    c: &mut Criterion<ThreadCpuTime>,
    provider: &'static CryptoProvider,
    id: &str,
    bench: &str,
) {
    // A second call (criterion may call the bench function again) finds it installed.
    let _ = provider.install_default();
    let mut report = AllocReport::default();
    for f in all_fixtures() {
        let group = format!("verify/{}", f.name);
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
        let mut validation = Validation::new(alg(f.alg));
        validation.leeway = 0; // tinyjwt's default; jsonwebtoken's is 60 s
        validation.set_issuer(&[f.issuer]);
        validation.set_audience(&[f.audience]);
        // `exp` is required and checked by default (`required_spec_claims` = {"exp"}).
        let token = f.token.as_str();
        let mut check = || decode::<Registered>(black_box(token), &key, &validation).is_ok();
        if let Err(e) = decode::<Registered>(token, &key, &validation) {
            panic!("{group}/{id}: {e}");
        }
        report.add(&group, id, measure(32, &mut check));
        let mut g = c.benchmark_group(&group);
        g.bench_function(id, |b| b.iter(&mut check));
        g.finish();
        if f.name != "HS256" {
            continue;
        }
        // The user path: the same decode into a struct that also has `team` and `user`.
        let group = "user-path/HS256";
        let mut user_path = || {
            decode::<Miro>(black_box(token), &key, &validation).is_ok_and(|t| {
                let c = black_box(t.claims);
                (c.team.as_str(), c.user.as_str()) == MIRO_TEAM_USER
            })
        };
        assert!(user_path(), "{group}/{id}: the fixture does not verify");
        report.add(group, id, measure(32, &mut user_path));
        let mut g = c.benchmark_group(group);
        g.bench_function(id, |b| b.iter(&mut user_path));
        g.finish();
    }
    report.write(bench).expect("write allocation report");
}
