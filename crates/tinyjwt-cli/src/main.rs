//! `tinyjwt`: verify and inspect JSON Web Tokens from the shell.
//!
//! ```text
//! tinyjwt verify --key examples/keys/trello.pem --alg RS256 --iss trello examples/tokens/trello.jwt
//! tinyjwt decode < token.txt
//! ```
//!
//! Exit status: 0 the token is valid (or, for `decode`, well-formed); 1 the token was rejected;
//! 2 usage or configuration error (unknown flag, unreadable file, unusable key, conflicting
//! options), with a message on stderr.
//!
//! Verification goes through exactly the library path a program uses: a
//! [`tinyjwt::Verifier`] built from a [`tinyjwt::Policy`] and keys loaded with the library's
//! JWK, JWK Set, PEM and DER parsers.
#![forbid(unsafe_code)]

mod dates;
mod decode;
mod input;
mod keys;
mod output;
mod verify;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tinyjwt::Algorithm;

/// Verify and inspect JSON Web Tokens (signed JWTs, compact JWS).
#[derive(Debug, Parser)]
#[command(name = "tinyjwt", version, about, max_term_width = 100)]
#[command(after_help = "Exit status: 0 valid, 1 token rejected, 2 usage or configuration error.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Verify a token's signature and claims.
    ///
    /// The token is the argument, or read from the file it names, or from stdin when the
    /// argument is absent or `-` (from a file or stdin exactly one trailing newline is
    /// stripped, nothing else). A `Bearer ` prefix is accepted. At least one key option is
    /// required.
    #[command(after_help = VERIFY_AFTER_HELP)]
    Verify(Box<VerifyArgs>),
    /// Print a token's header and claims WITHOUT verifying anything.
    ///
    /// Still refuses malformed tokens (segment count, base64url, JSON) with the same
    /// strictness as verification.
    Decode(DecodeArgs),
}

const VERIFY_AFTER_HELP: &str = "\
Examples:
  tinyjwt verify --key examples/keys/trello.pem --alg RS256 --iss trello examples/tokens/trello.jwt
  tinyjwt verify --jwks jwks.json --aud my-app --json < token.txt
  tinyjwt verify --jwks-url https://issuer.example/.well-known/jwks.json --aud my-app token.txt
  tinyjwt verify --secret-env JWT_SECRET --alg HS256 'Bearer eyJ...'

Exit status: 0 valid, 1 token rejected, 2 usage or configuration error.";

/// Arguments of `tinyjwt verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token, `Bearer <token>`, or a file holding it; `-` or absent: read stdin.
    #[arg(value_name = "TOKEN")]
    pub token: Option<OsString>,

    /// HMAC secret: the raw bytes of this file (no newline stripping). Repeatable.
    #[arg(long, value_name = "PATH", help_heading = "Keys")]
    pub secret_file: Vec<PathBuf>,

    /// HMAC secret: the raw bytes of this environment variable. Repeatable.
    #[arg(long, value_name = "VAR", help_heading = "Keys")]
    pub secret_env: Vec<OsString>,

    /// Public key or certificate, PEM or DER (SPKI, PKCS#1 RSA, X.509). Repeatable: each is a
    /// candidate, as with a rotating key list. Needs --alg.
    #[arg(long, value_name = "PATH", help_heading = "Keys")]
    pub key: Vec<PathBuf>,

    /// A JSON Web Key (one JSON object). Repeatable.
    #[arg(long, value_name = "PATH", help_heading = "Keys")]
    pub jwk: Vec<PathBuf>,

    /// A JWK Set ({"keys":[...]}); members that cannot verify signatures are skipped.
    /// Repeatable.
    #[arg(long, value_name = "PATH", help_heading = "Keys")]
    pub jwks: Vec<PathBuf>,

    /// A JWK Set fetched from this URL (once, with tinyjwt-jwks): `https://` always; `http://`
    /// only to a loopback address (127.0.0.0/8, ::1, localhost) unless --allow-http. A set
    /// that cannot be fetched or used (timeout, status other than 200, not JSON, larger than
    /// the library's JWK Set limit, a redirect to another origin) is exit status 2, with the
    /// URL and the reason. Repeatable.
    #[arg(long, value_name = "URL", help_heading = "Keys")]
    pub jwks_url: Vec<String>,

    /// Allow --jwks-url over plain http to any host (anyone on the network path could then
    /// choose the keys).
    #[arg(long, help_heading = "Keys")]
    pub allow_http: bool,

    /// The most time one --jwks-url fetch may take, connection to last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0, value_parser = parse_seconds, help_heading = "Keys")]
    pub fetch_timeout: f64,

    /// Algorithm to accept (HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384
    /// ES512 EdDSA Ed25519; ES512 needs --backend rustcrypto or aws-lc-rs). Repeatable.
    /// Required with secrets and PEM/DER keys; with JWK/JWKS it restricts.
    #[arg(long, value_name = "ALG", value_parser = parse_alg, help_heading = "Policy")]
    pub alg: Vec<Algorithm>,

    /// Accepted issuer (`iss`); repeatable, any may match. Makes `iss` required.
    #[arg(long, value_name = "VALUE", help_heading = "Policy")]
    pub iss: Vec<String>,

    /// Accepted audience (`aud`); repeatable, any may match. Makes `aud` required. Without it a
    /// token carrying `aud` is refused (RFC 7519 §4.1.3).
    #[arg(long, value_name = "VALUE", help_heading = "Policy")]
    pub aud: Vec<String>,

    /// Required subject (`sub`).
    #[arg(long, value_name = "VALUE", help_heading = "Policy")]
    pub sub: Option<String>,

    /// Clock skew tolerated on exp, nbf, iat and --max-age.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 0,
        help_heading = "Policy"
    )]
    pub leeway: u64,

    /// The time to verify at, in Unix seconds [default: the system clock].
    #[arg(long, value_name = "UNIX_SECONDS", help_heading = "Policy")]
    pub now: Option<u64>,

    /// Refuse tokens issued (`iat`) more than this long ago; makes `iat` required.
    #[arg(long, value_name = "SECONDS", help_heading = "Policy")]
    pub max_age: Option<u64>,

    /// A claim that must be present (any value). Repeatable.
    #[arg(long, value_name = "CLAIM", help_heading = "Policy")]
    pub require: Vec<String>,

    /// Required header `typ` (case-insensitive; `application/` optional), e.g. `JWT`.
    #[arg(long, value_name = "TYPE", help_heading = "Policy")]
    pub typ: Option<String>,

    /// Accept tokens without `exp` (they never expire).
    #[arg(long, help_heading = "Policy")]
    pub allow_missing_exp: bool,

    /// Accept legacy weak keys: RSA down to 1024 bits, HMAC secrets shorter than the hash.
    #[arg(long, help_heading = "Policy")]
    pub allow_weak_key: bool,

    /// Crypto backend. All give the same verdict; rustcrypto is the library's default
    /// backend (`tinyjwt::DefaultBackend`), aws-lc-rs is the fastest, ring is fast but has no
    /// ES512 (an ES512 key is refused with unsupported_alg when it is loaded).
    #[arg(long, value_enum, default_value_t = Backend::Rustcrypto)]
    pub backend: Backend,

    /// Print exactly one JSON line: {"valid":true,"header":{..},"claims":{..}} or
    /// {"valid":false,"error":CODE,"message":TEXT}. Usage errors (exit 2) print nothing on
    /// stdout, only a message on stderr.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tinyjwt decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The token, `Bearer <token>`, or a file holding it; `-` or absent: read stdin.
    #[arg(value_name = "TOKEN")]
    pub token: Option<OsString>,

    /// Print one JSON line: {"verified":false,"header":{..},"claims":{..}} or
    /// {"verified":false,"error":CODE,"message":TEXT}.
    #[arg(long)]
    pub json: bool,
}

/// The signature backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// RustCrypto: pure Rust (the library's default backend).
    Rustcrypto,
    /// ring: assembly-optimised; no ES512.
    Ring,
    /// aws-lc-rs: AWS-LC, keys pre-parsed once; every algorithm, the fastest.
    AwsLcRs,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if t.is_finite() && t > 0.0 && t <= 3600.0 => Ok(t),
        _ => Err("a number of seconds greater than 0 and at most 3600".to_owned()),
    }
}

fn parse_alg(s: &str) -> Result<Algorithm, String> {
    Algorithm::from_name(s).map_err(|_| {
        let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
        format!(
            "unknown algorithm (case-sensitive; one of {})",
            names.join(", ")
        )
    })
}

/// How a command ended, other than success.
#[derive(Debug)]
pub enum Failure {
    /// Usage or configuration error: exit 2, message on stderr.
    Usage(String),
    /// The token was rejected: exit 1.
    Rejected(Rejection),
}

/// Why a token was rejected: a stable code (the library's [`tinyjwt::Error::code`]) and a
/// sentence.
#[derive(Debug)]
pub struct Rejection {
    /// The stable code.
    pub code: &'static str,
    /// A sentence a person can act on.
    pub message: String,
    /// Extra lines for the human-readable output (dates of a time-related rejection).
    pub details: Vec<String>,
    /// JWK Set members that were skipped while loading keys (`--json` lists them).
    pub skipped: Vec<serde_json::Value>,
}

impl From<tinyjwt::Error> for Rejection {
    fn from(e: tinyjwt::Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
            details: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

impl From<tinyjwt::Error> for Failure {
    fn from(e: tinyjwt::Error) -> Self {
        Failure::Rejected(e.into())
    }
}

/// A configuration error caused by a library error: the message plus its stable code.
pub fn config_error(context: &str, e: tinyjwt::Error) -> Failure {
    Failure::Usage(format!("{context}: {e} [{}]", e.code()))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; every other clap error is a
            // usage error (exit 2).
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let (result, json) = match &cli.command {
        Command::Verify(args) => (verify::run(args), args.json),
        Command::Decode(args) => (decode::run(args), args.json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            let _ = std::io::stdout().flush();
            // A closed stderr must not turn a usage error into a panic.
            let _ = writeln!(std::io::stderr(), "tinyjwt: error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Rejected(r)) => {
            let verified = matches!(cli.command, Command::Verify(_));
            output::rejection(&r, json, verified);
            ExitCode::from(1)
        }
    }
}
