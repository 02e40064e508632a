//! `tinyjwt verify`: build a policy and a verifier from the arguments, verify, report.

use std::time::{SystemTime, UNIX_EPOCH};

use tinyjwt::limits::MAX_REQUIRED_CLAIMS;
use tinyjwt::{Policy, SignatureBackend, Verifier};

use crate::input::{self, MAX_TOKEN_LEN};
use crate::keys::{self, CliVerifier};
use crate::{Backend, Failure, VerifyArgs, config_error, output};

/// Runs `tinyjwt verify`.
pub fn run(args: &VerifyArgs) -> Result<(), Failure> {
    // On a thread of its own: see `keys::VERIFY_STACK`.
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("verify".to_owned())
            .stack_size(keys::VERIFY_STACK)
            .spawn_scoped(s, || match args.backend {
                Backend::Rustcrypto => run_with(tinyjwt::rustcrypto::RustCrypto, args),
                Backend::Ring => run_with(tinyjwt::ring::Ring, args),
                Backend::AwsLcRs => run_with(tinyjwt::aws_lc_rs::AwsLcRs, args),
            })
            .map_err(|e| Failure::Usage(format!("cannot start the verify thread: {e}")))?
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn run_with<B: SignatureBackend>(backend: B, args: &VerifyArgs) -> Result<(), Failure> {
    let now = match args.now {
        Some(now) => now,
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|_| Failure::Usage("the system clock is before 1970; pass --now".to_owned()))?
            .as_secs(),
    };

    if args.require.len() > MAX_REQUIRED_CLAIMS {
        return Err(Failure::Usage(format!(
            "at most {MAX_REQUIRED_CLAIMS} --require names are supported"
        )));
    }
    // A missing one is `Error::MissingClaim(Claim::Required(i))`: `output::explain` names it.
    let required: Vec<&str> = args.require.iter().map(String::as_str).collect();
    let issuers: Vec<&str> = args.iss.iter().map(String::as_str).collect();
    let audiences: Vec<&str> = args.aud.iter().map(String::as_str).collect();

    let mut policy = Policy::new().leeway(args.leeway).require(&required);
    if !issuers.is_empty() {
        policy = policy.issuers(&issuers);
    }
    if !audiences.is_empty() {
        policy = policy.audiences(&audiences);
    }
    if let Some(sub) = &args.sub {
        policy = policy.subject(sub);
    }
    if let Some(typ) = &args.typ {
        policy = policy.typ(typ);
    }
    if let Some(max_age) = args.max_age {
        policy = policy.max_age(max_age);
    }
    if args.allow_missing_exp {
        policy = policy.allow_missing_exp();
    }
    if !args.alg.is_empty() {
        policy = policy.algorithms(&args.alg);
    }

    // Boxed: the verifier holds up to KEY_CAPACITY prepared keys inline.
    let mut verifier: Box<CliVerifier<'_, B>> = Box::new(
        Verifier::new(backend, policy)
            .map_err(|e| config_error("policy", e))?
            .max_token_len(MAX_TOKEN_LEN),
    );
    let loaded = keys::load(&mut verifier, args)?;
    let skipped: Vec<serde_json::Value> = loaded.skipped.iter().map(|s| s.to_json()).collect();

    let token = input::token(args.token.as_ref())?;
    // Header, signature and payload decoded together never exceed 3/4 of the token length.
    let mut buf = vec![0u8; token.len() / 4 * 3 + 3];
    match verifier.verify(&token, now, &mut buf) {
        Ok(verified) => {
            let key = loaded
                .names
                .get(verified.key_index())
                .map_or("?", String::as_str);
            let backend = backend_name(args.backend);
            output::valid(&verified, key, backend, now, args.json, &skipped)
        }
        Err(e) => {
            let mut r = output::explain(e, now, &args.require);
            r.skipped = skipped;
            Err(Failure::Rejected(r))
        }
    }
}

fn backend_name(b: Backend) -> &'static str {
    match b {
        Backend::Rustcrypto => "rustcrypto",
        Backend::Ring => "ring",
        Backend::AwsLcRs => "aws-lc-rs",
    }
}
