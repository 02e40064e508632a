//! The other Rust peers, jwt-compact and jwt-simple (both pure Rust here), doing the same
//! verification as the tinyjwt and jsonwebtoken rows on the same fixtures: signature, `exp`
//! required and checked (leeway 0, at the fixtures' `NOW`), `iss` and `aud` (one accepted value
//! each), and the registered claims read into an owned struct.
//!
//! Criterion ids: groups `verify/<ALG>` (as `verify.rs`), functions `jwt-compact` and
//! `jwt-simple`, for every algorithm each supports (jwt-compact has no ES384); and group
//! `user-path/HS256` (the Miro user path: verify and read `team` and `user`, see `verify.rs`).
//! Allocations per call are counted outside the timing loop and written to
//! `<criterion home>/tinyjwt-allocs/peers.json`.
//!
//! Neither peer needs a process-wide provider, so both share this one binary.

use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use tinyjwt_benches::alloc_count::{AllocReport, CountingAlloc, measure};
use tinyjwt_benches::{Fixture, all_fixtures};

#[path = "shared/cpu_time.rs"]
mod cpu_time;
use cpu_time::ThreadCpuTime;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Calls per allocation measurement (the counts are deterministic; this only averages).
const ALLOC_RUNS: u32 = 32;

/// The claim values every fixture carries that the peers must hand back (checked once, before
/// timing, so a peer that silently skipped a claim would fail the `--test` run).
const MIRO_TEAM: &str = "3074457345618265000";
/// See [`MIRO_TEAM`].
const MIRO_USER: &str = "3458764513820540928";

/// A boxed verification: `true` when the token verified and its claims were read.
type Check<'a> = Box<dyn FnMut() -> bool + 'a>;

/// Checks that `check` succeeds, counts its allocations, then times it.
fn row(
    g: &mut BenchmarkGroup<'_, ThreadCpuTime>,
    report: &mut AllocReport,
    group: &str,
    id: &str,
    mut check: Check<'_>,
) {
    assert!(
        check(),
        "{group}/{id}: the peer does not accept the fixture"
    );
    report.add(group, id, measure(ALLOC_RUNS, &mut check));
    g.bench_function(id, |b| b.iter(&mut check));
}

/// jwt-compact 0.8. It validates the signature (and the header's `alg`) and, on request, `exp`;
/// it has no `iss`/`aud` checks, so those are string comparisons on the claims it returns, as
/// its documentation shows. The registered claims it does not model (`sub`, `iss`, `aud`) are
/// the custom claims type.
mod compact {
    use std::borrow::Cow;

    use chrono::{DateTime, Duration, Utc};
    use jwt_compact::Algorithm;
    use jwt_compact::alg::{Ed25519, Es256, Hs256, Hs256Key, Rsa, RsaPublicKey};
    use jwt_compact::jwk::JsonWebKey;
    use jwt_compact::prelude::*;
    use serde::de::DeserializeOwned;
    use tinyjwt::Algorithm as A;
    use tinyjwt_benches::{Fixture, NOW, PublicKey};

    use super::Check;

    /// `sub iss aud` (owned); `exp` and `iat` are jwt-compact's own `Claims` fields.
    #[derive(serde::Deserialize)]
    #[allow(dead_code)] // read only through black_box
    pub struct Registered {
        pub sub: String,
        pub iss: String,
        pub aud: String,
    }

    /// The Miro user path: the registered claims it checks plus `team` and `user`.
    #[derive(serde::Deserialize)]
    pub struct Miro {
        pub iss: String,
        pub aud: String,
        pub team: String,
        pub user: String,
    }

    /// What the closure checks beside the signature: the custom claims' `iss` and `aud`.
    pub trait IssAud {
        fn iss_aud(&self) -> (&str, &str);
    }
    impl IssAud for Registered {
        fn iss_aud(&self) -> (&str, &str) {
            (&self.iss, &self.aud)
        }
    }
    impl IssAud for Miro {
        fn iss_aud(&self) -> (&str, &str) {
            (&self.iss, &self.aud)
        }
    }

    fn fixed_now() -> DateTime<Utc> {
        DateTime::from_timestamp(i64::try_from(NOW).expect("fits"), 0).expect("in range")
    }

    /// One verification of `token` with `alg` and `key`, returning the claims.
    fn check<'a, Al, T>(
        alg: Al,
        key: Al::VerifyingKey,
        f: &'a Fixture,
        read: impl Fn(&Claims<T>) -> bool + 'a,
    ) -> Check<'a>
    where
        Al: Algorithm + 'a,
        T: DeserializeOwned + IssAud + 'a,
    {
        let time = TimeOptions::new(Duration::zero(), fixed_now as fn() -> DateTime<Utc>);
        let token = f.token.as_str();
        Box::new(move || {
            let Ok(untrusted) = UntrustedToken::new(std::hint::black_box(token)) else {
                return false;
            };
            let Ok(verified) = alg.validator::<T>(&key).validate(&untrusted) else {
                return false;
            };
            let claims = verified.claims();
            let (iss, aud) = claims.custom.iss_aud();
            claims.validate_expiration(&time).is_ok()
                && iss == f.issuer
                && aud == f.audience
                && read(std::hint::black_box(claims))
        })
    }

    /// The `verify/<ALG>` row, or `None` for an algorithm jwt-compact lacks (ES384).
    pub fn verify(f: &Fixture) -> Option<Check<'_>> {
        let read = |c: &Claims<Registered>| c.issued_at.is_some();
        Some(match (&f.key, f.alg) {
            (PublicKey::Hmac(secret), _) => check(Hs256, Hs256Key::new(secret), f, read),
            (PublicKey::Rsa { n, e }, alg) => {
                let jwk = JsonWebKey::Rsa {
                    modulus: Cow::Borrowed(n),
                    public_exponent: Cow::Borrowed(e),
                    private_parts: None,
                };
                let key = RsaPublicKey::try_from(&jwk).expect("RSA key");
                let rsa = if alg == A::PS256 {
                    Rsa::ps256()
                } else {
                    Rsa::rs256()
                };
                check(rsa, key, f, read)
            }
            (PublicKey::Ec { .. }, A::ES256) => {
                let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&f.key.sec1()).expect("point");
                check(Es256, key, f, read)
            }
            (PublicKey::Ec { .. }, _) => return None,
            (PublicKey::Ed25519(pk), _) => {
                let key = ed25519_dalek::VerifyingKey::from_bytes(pk).expect("point");
                check(Ed25519, key, f, read)
            }
        })
    }

    /// The `user-path/HS256` row: `verify` plus `team` and `user`.
    pub fn user_path(f: &Fixture) -> Check<'_> {
        let PublicKey::Hmac(secret) = &f.key else {
            panic!("the user path is HS256")
        };
        check(Hs256, Hs256Key::new(secret), f, |c: &Claims<Miro>| {
            c.custom.team == super::MIRO_TEAM && c.custom.user == super::MIRO_USER
        })
    }
}

/// jwt-simple 0.15 with `pure-rust`. It checks the signature, `iss` and `aud` (allowed sets)
/// and `exp` when present, with `time_tolerance` 0 at an `artificial_time` of `NOW`; it does not
/// require `exp`, so the closure checks that `expires_at` is set. `verify_token` takes its
/// `VerificationOptions` by value, so each call passes a clone of options built once.
mod simple {
    use jwt_simple::prelude::*;
    use tinyjwt::Algorithm as A;
    use tinyjwt_benches::{Fixture, NOW, PublicKey};

    use super::Check;

    /// The Miro user path's custom claims (jwt-simple's `JWTClaims` holds the registered ones).
    #[derive(serde::Deserialize)]
    pub struct Miro {
        pub team: String,
        pub user: String,
    }

    fn options(f: &Fixture) -> VerificationOptions {
        VerificationOptions {
            allowed_issuers: Some(HashSet::from_strings(&[f.issuer])),
            allowed_audiences: Some(HashSet::from_strings(&[f.audience])),
            time_tolerance: Some(Duration::from_secs(0)),
            artificial_time: Some(UnixTimeStamp::from_secs(NOW)),
            ..VerificationOptions::default()
        }
    }

    /// `verify_token` of any jwt-simple key type, returning whether it verified and `read`
    /// accepted the claims.
    macro_rules! check {
        ($f:expr, $key:expr, $claims:ty, $read:expr) => {{
            let key = $key;
            let opts = options($f);
            let token = $f.token.as_str();
            let read = $read;
            let c: Check<'_> = Box::new(move || {
                key.verify_token::<$claims>(std::hint::black_box(token), Some(opts.clone()))
                    .is_ok_and(|c| c.expires_at.is_some() && read(&std::hint::black_box(c)))
            });
            c
        }};
    }

    /// The `verify/<ALG>` row (jwt-simple has every fixture's algorithm).
    pub fn verify(f: &Fixture) -> Check<'_> {
        let read = |c: &JWTClaims<NoCustomClaims>| {
            c.subject.is_some() && c.issuer.is_some() && c.issued_at.is_some()
        };
        match (&f.key, f.alg) {
            (PublicKey::Hmac(s), _) => check!(f, HS256Key::from_bytes(s), NoCustomClaims, read),
            (PublicKey::Rsa { n, e }, A::PS256) => check!(
                f,
                PS256PublicKey::from_components(n, e).expect("RSA key"),
                NoCustomClaims,
                read
            ),
            (PublicKey::Rsa { n, e }, _) => check!(
                f,
                RS256PublicKey::from_components(n, e).expect("RSA key"),
                NoCustomClaims,
                read
            ),
            (PublicKey::Ec { .. }, A::ES256) => check!(
                f,
                ES256PublicKey::from_bytes(&f.key.sec1()).expect("point"),
                NoCustomClaims,
                read
            ),
            (PublicKey::Ec { .. }, _) => check!(
                f,
                ES384PublicKey::from_bytes(&f.key.sec1()).expect("point"),
                NoCustomClaims,
                read
            ),
            (PublicKey::Ed25519(pk), _) => check!(
                f,
                Ed25519PublicKey::from_bytes(pk).expect("point"),
                NoCustomClaims,
                read
            ),
        }
    }

    /// The `user-path/HS256` row: `verify` plus `team` and `user`.
    pub fn user_path(f: &Fixture) -> Check<'_> {
        let PublicKey::Hmac(s) = &f.key else {
            panic!("the user path is HS256")
        };
        check!(f, HS256Key::from_bytes(s), Miro, |c: &JWTClaims<Miro>| {
            c.custom.team == super::MIRO_TEAM && c.custom.user == super::MIRO_USER
        })
    }
}

fn bench(c: &mut Criterion<ThreadCpuTime>) {
    let mut report = AllocReport::default();
    let fixtures = all_fixtures();
    for f in &fixtures {
        let group = format!("verify/{}", f.name);
        // The claim checks are real: another issuer or audience is refused by both peers.
        for (iss, aud) in [("someone-else", f.audience), (f.issuer, "someone-else")] {
            let wrong = Fixture {
                issuer: iss,
                audience: aud,
                ..f.clone()
            };
            if let Some(mut check) = compact::verify(&wrong) {
                assert!(
                    !check(),
                    "{group}: jwt-compact accepts iss {iss}, aud {aud}"
                );
            }
            assert!(
                !simple::verify(&wrong)(),
                "{group}: jwt-simple accepts iss {iss}, aud {aud}"
            );
        }
        let mut g = c.benchmark_group(&group);
        if let Some(check) = compact::verify(f) {
            row(&mut g, &mut report, &group, "jwt-compact", check);
        }
        row(&mut g, &mut report, &group, "jwt-simple", simple::verify(f));
        g.finish();
    }
    let hs = user_path_fixture(&fixtures);
    let group = "user-path/HS256";
    let mut g = c.benchmark_group(group);
    row(
        &mut g,
        &mut report,
        group,
        "jwt-compact",
        compact::user_path(hs),
    );
    row(
        &mut g,
        &mut report,
        group,
        "jwt-simple",
        simple::user_path(hs),
    );
    g.finish();
    report.write("peers").expect("write allocation report");
}

/// The Miro-like HS256 fixture.
fn user_path_fixture(fixtures: &[Fixture]) -> &Fixture {
    fixtures
        .iter()
        .find(|f| f.name == "HS256")
        .expect("HS256 fixture")
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench
}
criterion_main!(benches);
