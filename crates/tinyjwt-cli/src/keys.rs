//! Loading the keys named on the command line into a [`Verifier`], with the library's own
//! parsers (JWK, JWK Set, PEM, DER). Every failure here is a configuration error (exit 2).

use tinyjwt::error::KeyProblem;
use tinyjwt::jwk::JwkOptions;
use tinyjwt::limits::{MAX_DER_LEN, MAX_JWK_LEN, MAX_JWKS_LEN, MAX_PEM_LEN, PEM_SCRATCH_LEN};
use tinyjwt::{
    Algorithm, BoundKey, Error, Family, HmacSecret, KeyMaterial, SignatureBackend, Strength,
    Verifier,
};

use crate::input::read_capped;
use crate::{Failure, VerifyArgs, config_error};

/// How many keys the CLI's verifier holds: enough for any JWK Set the library accepts
/// ([`MAX_JWKS_LEN`] bytes hold at most a few hundred keys).
pub const KEY_CAPACITY: usize = 256;

/// The verifier type the CLI uses.
pub type CliVerifier<'p, B> = Verifier<'p, B, KEY_CAPACITY>;

/// Loads every key option into `verifier`. Returns a description of each key added, in the
/// verifier's order (so `Verified::key_index` can name the key that matched).
pub fn load<B: SignatureBackend>(
    verifier: &mut CliVerifier<'_, B>,
    args: &VerifyArgs,
) -> Result<Vec<String>, Failure> {
    let strength = if args.allow_weak_key {
        Strength::AllowWeak
    } else {
        Strength::Enforce
    };
    let mut names = Vec::new();

    let has_pem_or_secret =
        !args.key.is_empty() || !args.secret_file.is_empty() || !args.secret_env.is_empty();
    if has_pem_or_secret && args.alg.is_empty() {
        return Err(Failure::Usage(
            "--alg is required with --key, --secret-file and --secret-env: PEM, DER and raw \
             secrets carry no algorithm (for example --alg RS256 or --alg HS256)"
                .to_owned(),
        ));
    }

    let mut secrets: Vec<(String, Vec<u8>)> = Vec::new();
    for path in &args.secret_file {
        // An HMAC secret has no library size limit; 64 KiB is far beyond any real one.
        let bytes = read_capped(path, 64 * 1024, "--secret-file")?;
        if bytes.len() > 64 * 1024 {
            return Err(Failure::Usage(format!(
                "--secret-file {}: larger than 64 KiB; is this really a secret?",
                path.display()
            )));
        }
        secrets.push((format!("--secret-file {}", path.display()), bytes));
    }
    for var in &args.secret_env {
        let value = std::env::var_os(var).ok_or_else(|| {
            Failure::Usage(format!(
                "--secret-env {}: the environment variable is not set",
                var.to_string_lossy()
            ))
        })?;
        secrets.push((
            format!("--secret-env {}", var.to_string_lossy()),
            value.into_encoded_bytes(),
        ));
    }
    for (name, bytes) in &secrets {
        let secret = HmacSecret::new(bytes).map_err(|e| config_error(name, e))?;
        bind_each(
            verifier,
            &mut names,
            name,
            KeyMaterial::Hmac(secret),
            &args.alg,
            strength,
        )?;
    }

    for path in &args.key {
        let name = format!("--key {}", path.display());
        let bytes = read_capped(path, MAX_PEM_LEN.max(MAX_DER_LEN), "--key")?;
        let mut scratch = [0u8; PEM_SCRATCH_LEN];
        // PEM (explanatory text allowed) if a line starts with -----BEGIN, else DER if it
        // starts with 0x30, else neither: a text file is never reported as bad DER.
        let material = tinyjwt::pem::parse_pem_or_der(&bytes, &mut scratch)
            .map_err(|e| config_error(&name, e))?;
        bind_each(verifier, &mut names, &name, material, &args.alg, strength)?;
    }

    for path in &args.jwk {
        let name = format!("--jwk {}", path.display());
        let json = read_capped(path, MAX_JWK_LEN, "--jwk")?;
        let base = JwkOptions::new().strength(strength);
        if args.alg.is_empty() {
            verifier.add_jwk(&json, base).map_err(|e| match e {
                Error::InvalidKey(KeyProblem::Missing) => config_error(
                    &format!("{name} (an RSA or oct JWK without \"alg\" needs --alg)"),
                    e,
                ),
                e => config_error(&name, e),
            })?;
            names.push(name);
            continue;
        }
        // Bind the key once per --alg it can serve; a JWK declaring another alg is skipped
        // for that --alg, and an error if it serves none of them.
        let mut added = 0usize;
        let mut mismatch = None;
        for &alg in &args.alg {
            match verifier.add_jwk(&json, base.alg(alg)) {
                Ok(_) => {
                    names.push(name.clone());
                    added += 1;
                }
                Err(e @ Error::KeyMismatch) => mismatch = Some(e),
                Err(e) => return Err(config_error(&name, e)),
            }
        }
        if added == 0 {
            return Err(config_error(
                &format!("{name} does not fit any --alg given"),
                mismatch.unwrap_or(Error::KeyMismatch),
            ));
        }
    }

    for path in &args.jwks {
        let name = format!("--jwks {}", path.display());
        let json = read_capped(path, MAX_JWKS_LEN, "--jwks")?;
        let base = JwkOptions::new().strength(strength);
        let mut added = 0usize;
        let opts: Vec<JwkOptions> = if args.alg.is_empty() {
            vec![base]
        } else {
            args.alg.iter().map(|&a| base.alg(a)).collect()
        };
        for opts in opts {
            // The same parse as `add_jwks` below, in the same order, with the backend's
            // `prepare` deciding the same skips: only to name the keys.
            let mut kids = Vec::new();
            let _ = tinyjwt::jwks::for_each(&json, opts, |jwk| {
                verifier.backend().prepare(jwk.key())?;
                kids.push(jwk.kid().map(str::to_owned));
                Ok(())
            });
            // One --alg finding no key in the set is not an error while another --alg does
            // (the check after this loop).
            let n = match verifier.add_jwks(&json, opts) {
                Ok(summary) => summary.used(),
                Err(Error::NoUsableKey) => 0,
                Err(e) => return Err(config_error(&name, e)),
            };
            for i in 0..n {
                names.push(match kids.get(i) {
                    Some(Some(kid)) => format!("{name}, kid {kid:?}"),
                    _ => format!("{name}, key without kid"),
                });
            }
            added += n;
        }
        if added == 0 {
            return Err(Failure::Usage(format!(
                "{name}: the set has no key usable for signature verification{}",
                if args.alg.is_empty() {
                    " (RSA keys without \"alg\" need --alg)"
                } else {
                    " with the --alg given"
                }
            )));
        }
    }

    if names.is_empty() {
        return Err(Failure::Usage(
            "no key given: use --key, --jwk, --jwks, --secret-file or --secret-env".to_owned(),
        ));
    }
    Ok(names)
}

/// Binds `material` once for each of `algs` that its key type can serve (an RSA key given
/// `--alg RS256 --alg PS256 --alg HS256` becomes an RS256 and a PS256 entry; never an HS256
/// one). A key that fits none of them is a configuration error.
fn bind_each<B: SignatureBackend>(
    verifier: &mut CliVerifier<'_, B>,
    names: &mut Vec<String>,
    name: &str,
    material: KeyMaterial<'_>,
    algs: &[Algorithm],
    strength: Strength,
) -> Result<(), Failure> {
    let mut added = 0usize;
    for &alg in algs {
        let key = match BoundKey::new(alg, material, strength) {
            Ok(k) => k,
            Err(Error::KeyMismatch) => continue,
            Err(e) => return Err(config_error(&format!("{name} for {}", alg.name()), e)),
        };
        verifier
            .add_key(&key, None)
            .map_err(|e| config_error(name, e))?;
        names.push(name.to_owned());
        added += 1;
    }
    if added == 0 {
        let given: Vec<&str> = algs.iter().map(|a| a.name()).collect();
        return Err(Failure::Usage(format!(
            "{name}: {} cannot verify any --alg given ({}); it needs one of {}",
            kind(&material),
            given.join(", "),
            fitting(&material).join(", ")
        )));
    }
    Ok(())
}

fn kind(material: &KeyMaterial<'_>) -> String {
    match material {
        KeyMaterial::Hmac(_) => "an HMAC secret".to_owned(),
        KeyMaterial::Rsa(k) => format!("a {}-bit RSA key", k.bits()),
        KeyMaterial::Ec(k) => format!("an EC {} key", k.curve().name()),
        KeyMaterial::Ed25519(_) => "an Ed25519 key".to_owned(),
    }
}

/// The algorithms a key type can serve (strength aside).
fn fitting(material: &KeyMaterial<'_>) -> Vec<&'static str> {
    Algorithm::ALL
        .iter()
        .filter(|a| {
            matches!(
                (a.family(), material),
                (Family::Hmac(_), KeyMaterial::Hmac(_))
                    | (Family::RsaPkcs1(_) | Family::RsaPss(_), KeyMaterial::Rsa(_))
                    | (Family::Ed25519, KeyMaterial::Ed25519(_))
            ) || matches!((a.family(), material), (Family::Ecdsa(c), KeyMaterial::Ec(k)) if c == k.curve())
        })
        .map(|a| a.name())
        .collect()
}
