//! Loading the keys named on the command line into a [`Verifier`], with the library's own
//! parsers (JWK, JWK Set, PEM, DER). Every failure here is a configuration error (exit 2).

use tinyjwt::advanced::{BoundKey, Family, HmacSecret, KeyMaterial};
use tinyjwt::error::KeyProblem;
use tinyjwt::limits::{
    MAX_DER_LEN, MAX_JWK_LEN, MAX_JWKS_KEYS, MAX_JWKS_LEN, MAX_PEM_LEN, PEM_SCRATCH_LEN,
};
use tinyjwt::{Algorithm, Error, JwkOptions, SignatureBackend, SkipReason, Strength, Verifier};

use crate::input::read_capped;
use crate::{Failure, VerifyArgs, config_error};

/// How many keys the CLI's verifier holds: derived from the library's limits, so that any one
/// JWK Set the library accepts fits ([`MAX_JWKS_KEYS`]: the most keys [`MAX_JWKS_LEN`] bytes
/// can hold). More keys than this over all key options and `--alg`s of one command is a
/// configuration error naming the limit. The verifier is a few MiB at this capacity; it lives
/// on the heap, built on a thread with [`VERIFY_STACK`] of stack (see `verify::run`).
pub const KEY_CAPACITY: usize = MAX_JWKS_KEYS;

/// Stack for the thread that builds the CLI's verifier: the verifier is built on the stack
/// before it is boxed (safe Rust cannot build it in place), and debug builds keep several
/// copies of it in one frame. Only the pages touched are ever committed.
pub const VERIFY_STACK: usize = 256 << 20;

/// The verifier type the CLI uses.
pub type CliVerifier<'p, B> = Verifier<'p, B, KEY_CAPACITY>;

/// Loads every key option into `verifier`: the keys' names in the verifier's order, and the
/// JWK Set members that were skipped (printed on stderr as they are found).
pub fn load<B: SignatureBackend>(
    verifier: &mut CliVerifier<'_, B>,
    args: &VerifyArgs,
) -> Result<Loaded, Failure> {
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

    let secrets = read_secrets(args)?;
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
        load_key_file(verifier, &mut names, path, &args.alg, strength)?;
    }

    for path in &args.jwk {
        let name = format!("--jwk {}", path.display());
        let json = read_capped(path, MAX_JWK_LEN, "--jwk")?;
        load_jwk(verifier, &mut names, &name, &json, &args.alg, strength)?;
    }

    let mut skipped = Vec::new();
    for path in &args.jwks {
        let name = format!("--jwks {}", path.display());
        let json = read_capped(path, MAX_JWKS_LEN, "--jwks")?;
        load_jwks(
            verifier,
            &mut names,
            &mut skipped,
            &name,
            &json,
            args,
            strength,
        )?;
    }

    for url in &args.jwks_url {
        let name = format!("--jwks-url {url}");
        let json = fetch_jwks(url, args)?;
        load_jwks(
            verifier,
            &mut names,
            &mut skipped,
            &name,
            &json,
            args,
            strength,
        )?;
    }

    if names.is_empty() {
        return Err(Failure::Usage(
            "no key given: use --key, --jwk, --jwks, --jwks-url, --secret-file or --secret-env"
                .to_owned(),
        ));
    }
    Ok(Loaded { names, skipped })
}

/// Loads one `--key` file (PEM, with explanatory text allowed, or DER), bound once per
/// `--alg` it can serve.
fn load_key_file<B: SignatureBackend>(
    verifier: &mut CliVerifier<'_, B>,
    names: &mut Vec<String>,
    path: &std::path::Path,
    algs: &[Algorithm],
    strength: Strength,
) -> Result<(), Failure> {
    let name = format!("--key {}", path.display());
    let bytes = read_capped(path, MAX_PEM_LEN.max(MAX_DER_LEN), "--key")?;
    let mut scratch = [0u8; PEM_SCRATCH_LEN];
    // PEM (explanatory text allowed) if a line starts with -----BEGIN, else DER if it
    // starts with 0x30, else neither: a text file is never reported as bad DER.
    let material = tinyjwt::advanced::pem::parse_pem_or_der(&bytes, &mut scratch)
        .map_err(|e| config_error(&name, e))?;
    bind_each(verifier, names, &name, material, algs, strength)
}

/// The raw bytes of every `--secret-file` and `--secret-env`, each with its name.
fn read_secrets(args: &VerifyArgs) -> Result<Vec<(String, Vec<u8>)>, Failure> {
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
    Ok(secrets)
}

/// Loads one `--jwk`: bound by its own `alg` when no `--alg` is given, otherwise once per
/// `--alg` it can serve (an `--alg` it cannot serve — another type, a declared alg, too weak —
/// is skipped with a note, and an error only if none fits).
fn load_jwk<B: SignatureBackend>(
    verifier: &mut CliVerifier<'_, B>,
    names: &mut Vec<String>,
    name: &str,
    json: &[u8],
    algs: &[Algorithm],
    strength: Strength,
) -> Result<(), Failure> {
    let base = JwkOptions::new().strength(strength);
    if algs.is_empty() {
        verifier
            .keys_mut()
            .add_jwk(json, base)
            .map_err(|e| match e {
                Error::InvalidKey(KeyProblem::Missing) => config_error(
                    &format!("{name} (an RSA or oct JWK without \"alg\" needs --alg)"),
                    e,
                ),
                e => load_error(name, e),
            })?;
        names.push(name.to_owned());
        return Ok(());
    }
    let mut added = 0usize;
    let mut refused = Vec::new();
    for &alg in algs {
        match verifier.keys_mut().add_jwk(json, base.alg(alg)) {
            Ok(()) => {
                names.push(name.to_owned());
                added += 1;
            }
            Err(e @ (Error::KeyMismatch | Error::WeakKey)) => refused.push((alg, e)),
            Err(e) => return Err(load_error(name, e)),
        }
    }
    if added == 0 {
        return Err(Failure::Usage(format!(
            "{name}: the JWK cannot verify any --alg given: {}",
            refusals(&refused)
        )));
    }
    skipped_notes(name, &refused);
    Ok(())
}

/// Fetches one `--jwks-url` with tinyjwt-jwks's fetcher: plain `http` only to loopback
/// addresses unless `--allow-http`; the body capped at the library's JWK Set limit
/// ([`MAX_JWKS_LEN`]), so an oversized set is refused while it downloads. Every failure is a
/// configuration error naming the URL and the reason, reached within `--fetch-timeout`.
fn fetch_jwks(url: &str, args: &VerifyArgs) -> Result<Vec<u8>, Failure> {
    use tinyjwt_jwks::fetch::{FetchOptions, Fetched, Fetcher};
    let fail = |why: String| Failure::Usage(format!("--jwks-url {url}: {why}"));
    let parsed = url::Url::parse(url).map_err(|e| fail(format!("not a usable URL: {e}")))?;
    let http_ok = http_allowed(&parsed, args.allow_http);
    if parsed.scheme() == "http" && !http_ok {
        return Err(fail(
            "plain http is allowed only to a loopback address (127.0.0.0/8, ::1, localhost); \
             use https, or --allow-http to accept keys anyone on the network path could replace"
                .to_owned(),
        ));
    }
    let opts = FetchOptions::default()
        .allow_http(http_ok)
        .max_body(MAX_JWKS_LEN)
        .timeout(std::time::Duration::from_secs_f64(args.fetch_timeout));
    let fetcher = Fetcher::new(url, opts).map_err(|e| fail(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start the HTTP runtime: {e}")))?;
    match runtime.block_on(fetcher.fetch(None)) {
        Ok(Fetched::Body(body, _)) => Ok(body),
        // Only sent in answer to If-None-Match, which this fetch does not send.
        Ok(Fetched::NotModified(_)) => Err(fail("unexpected 304 Not Modified".to_owned())),
        Err(e) => Err(fail(e.to_string())),
    }
}

/// Whether `--jwks-url` may use plain http to `url`: to a loopback address always, elsewhere
/// only with `--allow-http`.
fn http_allowed(url: &url::Url, allow_http: bool) -> bool {
    allow_http || tinyjwt_jwks::is_loopback(url)
}

/// What [`load`] loaded.
pub struct Loaded {
    /// A description of each key added, in the verifier's order (so `Verified::key_index`
    /// can name the key that matched).
    pub names: Vec<String>,
    /// The JWK Set members no key was made from, each already printed on stderr.
    pub skipped: Vec<SkippedMember>,
}

/// A JWK Set member the CLI did not load, and why (from the library's `jwks::Skipped`).
pub struct SkippedMember {
    /// The option that named the set (`--jwks PATH`).
    pub source: String,
    /// The member's position in `keys`, from 0.
    pub index: usize,
    /// Its `kid`, unescaped, if it had a string one.
    pub kid: Option<String>,
    /// The stable skip code (`jwks::SkipReason::code`).
    pub reason: &'static str,
    /// The stable code of the precise error (`Error::code`).
    pub error: &'static str,
    /// The library's one-line description.
    pub message: String,
}

impl SkippedMember {
    /// The member as a JSON object for `--json` output.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "source": self.source,
            "index": self.index,
            "kid": self.kid,
            "reason": self.reason,
            "error": self.error,
            "message": self.message,
        })
    }
}

/// Loads one JWK Set once per `--alg` (or once, binding each key by its own `alg`); returns
/// how many keys were added, and fails (`no_usable_key`) when that is none. A member is reported as skipped only when no pass used it; its
/// reason is the first one that is not "bound to another --alg" (`other_alg`), so a P-256 key
/// given `--alg RS256 --alg ES256` is not reported, and one off the curve says `bad_point`.
fn load_jwks<B: SignatureBackend>(
    verifier: &mut CliVerifier<'_, B>,
    names: &mut Vec<String>,
    skipped: &mut Vec<SkippedMember>,
    name: &str,
    json: &[u8],
    args: &VerifyArgs,
    strength: Strength,
) -> Result<usize, Failure> {
    let base = JwkOptions::new().strength(strength);
    let passes: Vec<JwkOptions> = if args.alg.is_empty() {
        vec![base]
    } else {
        args.alg.iter().map(|&a| base.alg(a)).collect()
    };
    let mut used = std::collections::BTreeSet::new();
    let mut refused: std::collections::BTreeMap<usize, SkippedMember> = Default::default();
    let mut added = 0usize;
    for opts in passes {
        let before = verifier.keys().len();
        let mut skips = Vec::new();
        let result = verifier.keys_mut().add_jwks_with(json, opts, |s| {
            skips.push(SkippedMember {
                source: name.to_owned(),
                index: s.index(),
                kid: s.kid().map(|k| k.to_string()),
                reason: s.reason().code(),
                error: s.error().code(),
                message: s.to_string(),
            });
        });
        match result {
            // One --alg finding no key in the set is not an error while another one does.
            Ok(_) | Err(Error::NoUsableKey) => {}
            Err(e) => return Err(load_error(name, e)),
        }
        let mut skipped_here = std::collections::BTreeSet::new();
        for s in skips {
            skipped_here.insert(s.index);
            let keep = refused
                .get(&s.index)
                .is_none_or(|r| r.reason == SkipReason::OtherAlg.code());
            if keep {
                refused.insert(s.index, s);
            }
        }
        // The members this pass used are the ones it did not skip, in order.
        let members = (0..).filter(|i| !skipped_here.contains(i));
        for ((kid, _), index) in verifier.keys().iter().skip(before).zip(members) {
            used.insert(index);
            names.push(match kid {
                Some(kid) => format!("{name}, kid {kid:?}"),
                None => format!("{name}, key without kid"),
            });
        }
        added += verifier.keys().len() - before;
    }
    for (index, s) in refused {
        if !used.contains(&index) {
            eprintln!("tinyjwt: note: {name}: skipped {}", s.message);
            skipped.push(s);
        }
    }
    if added == 0 {
        return Err(Failure::Usage(format!(
            "{name}: the set has no key usable for signature verification{} [{}]",
            if args.alg.is_empty() {
                " (RSA keys without \"alg\" need --alg)"
            } else {
                " with the --alg given"
            },
            Error::NoUsableKey.code()
        )));
    }
    Ok(added)
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
    let mut weak = Vec::new();
    for &alg in algs {
        let key = match BoundKey::new(alg, material, strength) {
            Ok(k) => k,
            // Another key type: not a candidate for this --alg, silently.
            Err(Error::KeyMismatch) => continue,
            // Right type, too weak for this --alg (a 32-byte secret and HS512): skipped.
            Err(e @ Error::WeakKey) => {
                weak.push((alg, e));
                continue;
            }
            Err(e) => return Err(config_error(&format!("{name} for {}", alg.name()), e)),
        };
        verifier
            .keys_mut()
            .add_key(&key, None)
            .map_err(|e| load_error(name, e))?;
        names.push(name.to_owned());
        added += 1;
    }
    if added == 0 {
        let given: Vec<&str> = algs.iter().map(|a| a.name()).collect();
        if !weak.is_empty() {
            return Err(Failure::Usage(format!(
                "{name}: {} is too weak for every --alg it could serve: {} \
                 (--allow-weak-key accepts it)",
                kind(&material),
                refusals(&weak)
            )));
        }
        return Err(Failure::Usage(format!(
            "{name}: {} cannot verify any --alg given ({}); it needs one of {}",
            kind(&material),
            given.join(", "),
            fitting(&material).join(", ")
        )));
    }
    skipped_notes(name, &weak);
    Ok(())
}

/// `HS512: <why>; HS384: <why>` for the --alg values a key could not be bound to.
fn refusals(refused: &[(Algorithm, Error)]) -> String {
    let parts: Vec<String> = refused
        .iter()
        .map(|(alg, e)| format!("{}: {} [{}]", alg.name(), load_message(*e), e.code()))
        .collect();
    parts.join("; ")
}

/// One stderr note per --alg a key was not bound to, when it was bound to another one.
fn skipped_notes(name: &str, refused: &[(Algorithm, Error)]) {
    for (alg, e) in refused {
        eprintln!(
            "tinyjwt: note: {name} is not used for {}: {} [{}]",
            alg.name(),
            load_message(*e),
            e.code()
        );
    }
}

/// What an error means while a key is being *loaded*. `Error::KeyMismatch`'s own text is
/// about verification (a token's kid selecting a key of another alg); at load time it means
/// the key cannot serve the algorithm.
fn load_message(e: Error) -> String {
    match e {
        Error::KeyMismatch => "the key's type or curve cannot serve this algorithm, or its \
                               declared \"alg\" contradicts its \"kty\"/\"crv\""
            .to_owned(),
        e => e.to_string(),
    }
}

/// [`config_error`] with the load-time meaning of the error.
fn load_error(context: &str, e: Error) -> Failure {
    if e == Error::TooLarge(tinyjwt::error::Limit::Keys) {
        return Failure::Usage(format!(
            "{context}: more than {KEY_CAPACITY} keys in all; the CLI holds at most \
             {KEY_CAPACITY} (the most keys one JWK Set can hold) [{}]",
            e.code()
        ));
    }
    Failure::Usage(format!("{context}: {} [{}]", load_message(e), e.code()))
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

#[cfg(test)]
mod tests {
    #[test]
    fn http_rule() {
        let ok = |u: &str, allow| super::http_allowed(&url::Url::parse(u).unwrap(), allow);
        assert!(ok("http://127.0.0.1:8080/jwks", false));
        assert!(ok("http://127.9.9.9/jwks", false));
        assert!(ok("http://[::1]/jwks", false));
        assert!(ok("http://localhost/jwks", false));
        assert!(!ok("http://10.0.0.1/jwks", false));
        assert!(!ok("http://issuer.example/jwks", false));
        assert!(ok("http://issuer.example/jwks", true));
    }
}
