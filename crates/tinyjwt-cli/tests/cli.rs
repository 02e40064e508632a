//! Runs the built `tinyjwt` binary: RFC vectors, every key option, every exit status, the
//! `--json` shape, and hostile input. Every command has a timeout, so a hang fails the test.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use predicates::prelude::*;
use serde_json::Value;
use sha2::Sha256;

const TIMEOUT: Duration = Duration::from_secs(20);
const BIN: &str = env!("CARGO_BIN_EXE_tinyjwt");

/// Exit status of a rejected token / a usage error.
const REJECTED: i32 = 1;
const USAGE: i32 = 2;

/// The repository root: every example path below is relative to it, as in the README.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tinyjwt() -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(root()).timeout(TIMEOUT);
    c
}

fn example(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

fn tmp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tinyjwt-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tmp_file(name: &str, content: &[u8]) -> PathBuf {
    let path = tmp_dir().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn b64(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

fn hs256(secret: &[u8], header: &str, claims: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.as_bytes()));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-cli-test";

fn hs_token(claims: &str) -> String {
    hs256(SECRET, r#"{"alg":"HS256","typ":"JWT"}"#, claims)
}

/// Runs a command and parses its single stdout line as JSON.
fn json_of(cmd: &mut Command, status: i32) -> Value {
    let out = cmd.assert().code(status).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one line: {text:?}");
    assert!(text.ends_with('\n'));
    serde_json::from_str(&text).unwrap()
}

fn assert_rejected_json(v: &Value, code: &str) {
    let obj = v.as_object().unwrap();
    assert_eq!(obj.len(), 3, "{v}");
    assert_eq!(v["valid"], Value::Bool(false), "{v}");
    assert_eq!(v["error"], code, "{v}");
    assert!(!v["message"].as_str().unwrap().is_empty());
}

// ---------------------------------------------------------------- the README's main job

#[test]
fn readme_main_job_command() {
    tinyjwt()
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
        ])
        .args(["--iss", "trello", "examples/tokens/trello.jwt"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("VALID"))
        .stdout(predicate::str::contains(
            r#""idBoard": "60a1b2c3d4e5f60718293a4b""#,
        ))
        .stdout(predicate::str::contains(
            "exp  2100-01-01 00:00:00 UTC  (expires in",
        ))
        .stderr("");
}

// ---------------------------------------------------------------- RFC vectors

#[test]
fn rfc7515_a1_hs256_oct_jwk() {
    for backend in ["rustcrypto", "ring", "aws-lc-rs"] {
        let v = json_of(
            tinyjwt()
                .args([
                    "verify",
                    "--jwk",
                    "examples/keys/rfc7515-a1.jwk.json",
                    "--alg",
                ])
                .args([
                    "HS256",
                    "--now",
                    "1300819379",
                    "--json",
                    "--backend",
                    backend,
                ])
                .arg("examples/tokens/rfc7515-a1.jwt"),
            0,
        );
        assert_eq!(v["valid"], true);
        assert_eq!(v["claims"]["iss"], "joe");
        assert_eq!(v["claims"]["http://example.com/is_root"], true);
        assert_eq!(v["header"]["typ"], "JWT");
        // One second later it has expired.
        let v = json_of(
            tinyjwt()
                .args([
                    "verify",
                    "--jwk",
                    "examples/keys/rfc7515-a1.jwk.json",
                    "--alg",
                ])
                .args([
                    "HS256",
                    "--now",
                    "1300819380",
                    "--json",
                    "--backend",
                    backend,
                ])
                .arg("examples/tokens/rfc7515-a1.jwt"),
            REJECTED,
        );
        assert_rejected_json(&v, "expired");
    }
}

#[test]
fn rfc7515_a2_rs256_public_jwk_both_backends() {
    for backend in ["rustcrypto", "ring", "aws-lc-rs"] {
        tinyjwt()
            .args([
                "verify",
                "--jwk",
                "examples/keys/rfc7515-a2.jwk.json",
                "--alg",
                "RS256",
            ])
            .args(["--now", "1300819379", "--backend", backend])
            .write_stdin(example("examples/tokens/rfc7515-a2.jwt"))
            .assert()
            .code(0)
            .stdout(predicate::str::contains(r#""iss": "joe""#));
    }
    // The JWK has no "alg": an RSA key is never guessed to be RS256.
    tinyjwt()
        .args(["verify", "--jwk", "examples/keys/rfc7515-a2.jwk.json"])
        .args(["--now", "1300819379", "examples/tokens/rfc7515-a2.jwt"])
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("without \"alg\" needs --alg"))
        .stdout("");
    // Expired at exp, with the dates shown.
    tinyjwt()
        .args([
            "verify",
            "--jwk",
            "examples/keys/rfc7515-a2.jwk.json",
            "--alg",
            "RS256",
        ])
        .args(["--now", "1300905780", "examples/tokens/rfc7515-a2.jwt"])
        .assert()
        .code(REJECTED)
        .stdout(predicate::str::starts_with("INVALID [expired]"))
        .stdout(predicate::str::contains("expired 1 day ago"));
}

#[test]
fn rfc7515_a3_es256_jwk_implies_alg() {
    for backend in ["rustcrypto", "ring", "aws-lc-rs"] {
        tinyjwt()
            .args([
                "verify",
                "--jwk",
                "examples/keys/rfc7515-a3.jwk.json",
                "--backend",
            ])
            .args([
                backend,
                "--now",
                "1300819379",
                "examples/tokens/rfc7515-a3.jwt",
            ])
            .assert()
            .code(0);
    }
    // --alg restricts: an ES256 key with --alg RS256 fits nothing.
    tinyjwt()
        .args([
            "verify",
            "--jwk",
            "examples/keys/rfc7515-a3.jwk.json",
            "--alg",
            "RS256",
        ])
        .args(["--now", "1300819379", "examples/tokens/rfc7515-a3.jwt"])
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("key_mismatch"));
}

/// ES512 and RFC 9864 `Ed25519` tokens made by `jose`
/// (crates/tinyjwt-core/tests/vectors/gen_es512.mjs): ES512 with RustCrypto, refused at key
/// load by ring (no P-521); Ed25519 with both, one algorithm per key.
#[test]
fn es512_and_ed25519_jose_tokens() {
    const DIR: &str = "crates/tinyjwt-core/tests/vectors";
    let tokens: Value =
        serde_json::from_str(&example(&format!("{DIR}/es512_ed25519_tokens.json"))).unwrap();
    let token = |name: &str| tokens[name].as_str().unwrap().to_owned();
    let run = |jwk: &str, extra: &[&str], tok: &str| {
        tinyjwt()
            .args([
                "verify",
                "--jwk",
                &format!("{DIR}/{jwk}"),
                "--now",
                "1700000100",
            ])
            .args(extra)
            .arg(tok)
            .assert()
    };
    // ES512: the P-521 JWK implies it; RustCrypto and aws-lc-rs verify, ring refuses the key
    // (exit 2).
    run("p521.jwk.json", &[], &token("es512")).code(0);
    run("p521.jwk.json", &["--alg", "ES512"], &token("es512")).code(0);
    run(
        "p521.jwk.json",
        &["--backend", "aws-lc-rs"],
        &token("es512"),
    )
    .code(0)
    .stdout(predicate::str::contains("(backend aws-lc-rs)"));
    run("p521.jwk.json", &["--backend", "ring"], &token("es512"))
        .code(USAGE)
        .stderr(predicate::str::contains("unsupported_alg"))
        .stdout("");
    for backend in ["rustcrypto", "ring", "aws-lc-rs"] {
        let b = ["--backend", backend];
        // "alg":"Ed25519" in the JWK binds it to Ed25519: the RFC 9864 token verifies, the
        // EdDSA token of the same key does not.
        run("ed25519_jose_alg.jwk.json", &b, &token("ed25519")).code(0);
        run("ed25519_jose_alg.jwk.json", &b, &token("eddsa"))
            .code(REJECTED)
            .stdout(predicate::str::contains("alg_not_allowed"));
        // Without "alg" the key is EdDSA, unless --alg names Ed25519; both --alg bind it twice.
        run("ed25519_jose.jwk.json", &b, &token("eddsa")).code(0);
        run("ed25519_jose.jwk.json", &b, &token("ed25519"))
            .code(REJECTED)
            .stdout(predicate::str::contains("alg_not_allowed"));
        let both = ["--backend", backend, "--alg", "EdDSA", "--alg", "Ed25519"];
        run("ed25519_jose.jwk.json", &both, &token("ed25519")).code(0);
        run("ed25519_jose.jwk.json", &both, &token("eddsa")).code(0);
    }
}

// ---------------------------------------------------------------- each key option

fn trello_with(key_args: &[&str]) -> Value {
    json_of(
        tinyjwt().arg("verify").args(key_args).args([
            "--iss",
            "trello",
            "--json",
            "examples/tokens/trello.jwt",
        ]),
        0,
    )
}

#[test]
fn trello_pem_der_certificate_jwk_jwks() {
    for args in [
        &["--key", "examples/keys/trello.pem", "--alg", "RS256"][..],
        &["--key", "examples/keys/trello.der", "--alg", "RS256"],
        &["--key", "examples/keys/trello.crt", "--alg", "RS256"],
        &["--jwk", "examples/keys/trello.jwk.json"],
        &["--jwks", "examples/keys/jwks.json"],
        &["--jwks", "examples/keys/jwks.json", "--alg", "RS256"],
        &[
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
            "--backend",
            "ring",
        ],
        &[
            "--jwks",
            "examples/keys/jwks.json",
            "--backend",
            "aws-lc-rs",
        ],
    ] {
        let v = trello_with(args);
        let obj = v.as_object().unwrap();
        assert_eq!(
            obj.keys().collect::<Vec<_>>(),
            ["valid", "header", "claims"],
            "{args:?}"
        );
        assert_eq!(v["valid"], true);
        assert_eq!(v["claims"]["idPlugin"], "5f8b1c2d3e4f5a6b7c8d9e0f");
        assert_eq!(v["claims"]["exp"], 4_102_444_800u64);
        assert_eq!(v["header"]["alg"], "RS256");
    }
}

#[test]
fn several_keys_for_rotation() {
    // Each --key is a candidate: the token signed by either key verifies.
    for token in ["examples/tokens/trello.jwt", "examples/tokens/other.jwt"] {
        tinyjwt()
            .args(["verify", "--key", "examples/keys/other.pem", "--key"])
            .args([
                "examples/keys/trello.pem",
                "--alg",
                "RS256",
                "--iss",
                "trello",
                token,
            ])
            .assert()
            .code(0);
    }
    // With only the other key, the trello token's signature does not verify.
    let v = json_of(
        tinyjwt()
            .args([
                "verify",
                "--key",
                "examples/keys/other.pem",
                "--alg",
                "RS256",
                "--json",
            ])
            .arg("examples/tokens/trello.jwt"),
        REJECTED,
    );
    assert_rejected_json(&v, "bad_signature");
    // The JWKS holds both keys too, with kids; the trello token has no kid, so both are
    // tried and the report names the one that verified.
    trello_with(&["--jwks", "examples/keys/jwks.json"]);
    tinyjwt()
        .args([
            "verify",
            "--jwks",
            "examples/keys/jwks.json",
            "--iss",
            "trello",
        ])
        .arg("examples/tokens/trello.jwt")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            r#"with --jwks examples/keys/jwks.json, kid "trello-sample""#,
        ));
}

#[test]
fn pem_key_bound_once_per_fitting_alg() {
    // An RSA key with --alg RS256 --alg HS256: bound to RS256 only.
    tinyjwt()
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "HS256",
        ])
        .args([
            "--alg",
            "RS256",
            "--alg",
            "PS256",
            "examples/tokens/trello.jwt",
        ])
        .args(["--iss", "trello"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "RS256 signature verified with --key examples/keys/trello.pem",
        ));
    // A key that fits none of the --alg values is a configuration error.
    tinyjwt()
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "HS256",
        ])
        .arg("examples/tokens/trello.jwt")
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("RSA key cannot verify"));
}

#[test]
fn secret_file_and_secret_env() {
    let token = hs_token(r#"{"sub":"u1","exp":4102444800}"#);
    let secret = tmp_file("secret.bin", SECRET);
    tinyjwt()
        .args(["verify", "--alg", "HS256", "--secret-file"])
        .arg(&secret)
        .arg(&token)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""sub": "u1""#));
    tinyjwt()
        .args([
            "verify",
            "--alg",
            "HS256",
            "--secret-env",
            "TINYJWT_TEST_SECRET",
        ])
        .env("TINYJWT_TEST_SECRET", std::str::from_utf8(SECRET).unwrap())
        .write_stdin(format!("{token}\n"))
        .assert()
        .code(0);
    // The file's bytes are the secret, exactly: a trailing newline is part of it.
    let with_newline = tmp_file("secret-nl.bin", &[SECRET, b"\n"].concat());
    let v = json_of(
        tinyjwt()
            .args(["verify", "--alg", "HS256", "--json", "--secret-file"])
            .arg(&with_newline)
            .arg(&token),
        REJECTED,
    );
    assert_rejected_json(&v, "bad_signature");
    // A wrong secret.
    let v = json_of(
        tinyjwt()
            .args([
                "verify",
                "--alg",
                "HS256",
                "--json",
                "--secret-env",
                "TINYJWT_TEST_SECRET",
            ])
            .env(
                "TINYJWT_TEST_SECRET",
                "another secret, long enough for hs256!!",
            )
            .arg(&token),
        REJECTED,
    );
    assert_rejected_json(&v, "bad_signature");
}

#[test]
fn secret_configuration_errors() {
    let token = hs_token(r#"{"exp":4102444800}"#);
    // Unset variable.
    tinyjwt()
        .args([
            "verify",
            "--alg",
            "HS256",
            "--secret-env",
            "TINYJWT_TEST_UNSET_VAR",
        ])
        .env_remove("TINYJWT_TEST_UNSET_VAR")
        .arg(&token)
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("not set"));
    // No --alg.
    tinyjwt()
        .args(["verify", "--secret-env", "TINYJWT_TEST_SECRET"])
        .env("TINYJWT_TEST_SECRET", std::str::from_utf8(SECRET).unwrap())
        .arg(&token)
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("--alg is required"));
    // A short secret is weak unless --allow-weak-key.
    let short = hs256(b"short", r#"{"alg":"HS256"}"#, r#"{"exp":4102444800}"#);
    tinyjwt()
        .args([
            "verify",
            "--alg",
            "HS256",
            "--secret-env",
            "TINYJWT_TEST_SECRET",
            &short,
        ])
        .env("TINYJWT_TEST_SECRET", "short")
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("weak_key"));
    tinyjwt()
        .args([
            "verify",
            "--alg",
            "HS256",
            "--secret-env",
            "TINYJWT_TEST_SECRET",
            &short,
        ])
        .arg("--allow-weak-key")
        .env("TINYJWT_TEST_SECRET", "short")
        .assert()
        .code(0);
    // An empty secret file.
    let empty = tmp_file("empty-secret", b"");
    tinyjwt()
        .args(["verify", "--alg", "HS256", "--secret-file"])
        .arg(&empty)
        .arg(&token)
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("invalid_key"));
}

#[test]
fn alg_confusion_is_refused() {
    // The classic attack: an HS256 token "signed" with the RSA public key's PEM text.
    let pem = example("examples/keys/trello.pem");
    let forged = hs256(
        pem.as_bytes(),
        r#"{"alg":"HS256"}"#,
        r#"{"iss":"trello","exp":4102444800}"#,
    );
    for algs in [
        &["--alg", "RS256"][..],
        &["--alg", "RS256", "--alg", "HS256"],
    ] {
        let v = json_of(
            tinyjwt()
                .args(["verify", "--key", "examples/keys/trello.pem", "--json"])
                .args(algs)
                .arg(&forged),
            REJECTED,
        );
        assert_rejected_json(&v, "alg_not_allowed");
    }
}

// ---------------------------------------------------------------- policy flags

fn verify_hs(claims: &str, extra: &[&str]) -> (i32, Value) {
    let token = hs_token(claims);
    let out = tinyjwt()
        .args(["verify", "--alg", "HS256", "--secret-env", "S", "--json"])
        .args(if extra.contains(&"--now") {
            &[][..]
        } else {
            &["--now", "1700000000"][..]
        })
        .args(extra)
        .env("S", std::str::from_utf8(SECRET).unwrap())
        .arg(&token)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (code, v)
}

#[test]
fn policy_flags() {
    let claims =
        r#"{"iss":"a","aud":["x","y"],"sub":"u1","iat":1699999000,"exp":1700000100,"team":"t"}"#;
    let ok = |extra: &[&str]| {
        let (code, v) = verify_hs(claims, extra);
        assert_eq!(
            (code, &v["valid"]),
            (0, &Value::Bool(true)),
            "{extra:?} {v}"
        );
    };
    let bad = |extra: &[&str], expected: &str| {
        let (code, v) = verify_hs(claims, extra);
        assert_eq!(code, REJECTED, "{extra:?} {v}");
        assert_rejected_json(&v, expected);
    };
    ok(&["--aud", "y"]);
    ok(&[
        "--aud", "z", "--aud", "x", "--iss", "b", "--iss", "a", "--sub", "u1",
    ]);
    bad(&[], "audience_not_configured");
    bad(&["--aud", "z"], "wrong_audience");
    bad(&["--aud", "x", "--iss", "b"], "wrong_issuer");
    bad(&["--aud", "x", "--sub", "u2"], "wrong_subject");
    ok(&["--aud", "x", "--require", "team"]);
    bad(
        &["--aud", "x", "--require", "team", "--require", "org"],
        "missing_claim",
    );
    // The library's error holds the name's index, not the string; the CLI names it.
    let (_, v) = verify_hs(
        claims,
        &["--aud", "x", "--require", "team", "--require", "org"],
    );
    assert_eq!(
        v["message"],
        "the required claim \"org\" (--require) is missing"
    );
    bad(&["--aud", "x", "--typ", "at+jwt"], "wrong_type");
    ok(&["--aud", "x", "--typ", "application/JWT"]);
    ok(&["--aud", "x", "--max-age", "1000"]);
    bad(&["--aud", "x", "--max-age", "999"], "too_old");
    ok(&["--aud", "x", "--max-age", "999", "--leeway", "1"]);
    bad(&["--aud", "x", "--now", "1700000100"], "expired");
    ok(&["--aud", "x", "--now", "1700000100", "--leeway", "1"]);

    let (code, v) = verify_hs(r#"{"sub":"u1"}"#, &[]);
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "missing_claim");
    let (code, _) = verify_hs(r#"{"sub":"u1"}"#, &["--allow-missing-exp"]);
    assert_eq!(code, 0);
    let (code, v) = verify_hs(r#"{"nbf":1700000001,"exp":1800000000}"#, &[]);
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "not_yet_valid");
}

// ---------------------------------------------------------------- token input

#[test]
fn stdin_strips_exactly_one_newline() {
    let token = example("examples/tokens/trello.jwt");
    let token = token.trim_end();
    let run = |input: String| {
        tinyjwt()
            .args([
                "verify",
                "--key",
                "examples/keys/trello.pem",
                "--alg",
                "RS256",
                "-",
            ])
            .args(["--iss", "trello", "--json"])
            .write_stdin(input)
            .output()
            .unwrap()
    };
    for ok in [
        token.to_owned(),
        format!("{token}\n"),
        format!("{token}\r\n"),
    ] {
        assert_eq!(run(ok).status.code(), Some(0));
    }
    for bad in [
        format!("{token}\n\n"),
        format!("{token} \n"),
        format!("{token}\n\r\n"),
        format!(" {token}\n"),
    ] {
        let out = run(bad);
        assert_eq!(out.status.code(), Some(REJECTED));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_rejected_json(&v, "bad_base64");
    }
}

#[test]
fn bearer_prefix() {
    let token = example("examples/tokens/trello.jwt");
    let token = token.trim_end();
    let base = [
        "verify",
        "--key",
        "examples/keys/trello.pem",
        "--alg",
        "RS256",
        "--iss",
    ];
    tinyjwt()
        .args(base)
        .args(["trello", &format!("Bearer {token}")])
        .assert()
        .code(0);
    tinyjwt()
        .args(base)
        .arg("trello")
        .write_stdin(format!("bearer   {token}\n"))
        .assert()
        .code(0);
    let v = json_of(
        tinyjwt()
            .args(base)
            .args(["trello", "--json", &format!("Bearer\t{token}")]),
        REJECTED,
    );
    assert_rejected_json(&v, "malformed");
}

#[test]
fn decode_command() {
    tinyjwt()
        .args(["decode", "examples/tokens/trello.jwt"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("UNVERIFIED"))
        .stdout(predicate::str::contains(
            r#""idMember": "5c6d7e8f9a0b1c2d3e4f5a6b""#,
        ));
    let v = json_of(
        tinyjwt()
            .args(["decode", "--json"])
            .write_stdin(example("examples/tokens/rfc7515-a1.jwt")),
        0,
    );
    assert_eq!(v["verified"], false);
    assert_eq!(v["claims"]["exp"], 1_300_819_380u64);
    // alg "none" decodes, with a note that verification would refuse it.
    let none = format!("{}.{}.AA", b64(br#"{"alg":"none"}"#), b64(br#"{"a":1}"#));
    tinyjwt()
        .args(["decode", &none])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("unsupported_alg"));
    // Malformed tokens are refused, with the library's codes.
    for (token, code) in [
        ("abc".to_owned(), "malformed"),
        (format!("{}.e30", b64(b"{}")), "malformed"),
        (
            format!("{}.e30.AA", b64(br#"{"alg":"HS256",}"#)),
            "bad_json",
        ),
        (
            format!("{}.e30.AA", b64(br#"{"a":1,"a":2}"#)),
            "duplicate_member",
        ),
        (format!("{}.e30.AA", b64(br#"[1]"#)), "bad_json"),
        ("eyJhbGciOiJIUzI1NiJ9.e30=.AA".to_owned(), "bad_base64"),
        ("eyJhbGciOiJIUzI1NiJ9.e30.A".to_owned(), "bad_base64"),
        (
            format!("eyJhbGciOiJIUzI1NiJ9.{}.AA", b64(b"not json")),
            "bad_json",
        ),
    ] {
        let v = json_of(tinyjwt().args(["decode", "--json", &token]), REJECTED);
        assert_eq!(v["verified"], false);
        assert_eq!(v["error"], code, "{token}");
    }
}

// ---------------------------------------------------------------- exit statuses

#[test]
fn usage_errors_exit_2() {
    let trello = "examples/tokens/trello.jwt";
    for args in [
        &["--bogus"][..],
        &[],
        &["verify", "--bogus", trello],
        &["verify", trello],
        &[
            "verify",
            "--alg",
            "none",
            "--key",
            "examples/keys/trello.pem",
            trello,
        ],
        &[
            "verify",
            "--alg",
            "rs256",
            "--key",
            "examples/keys/trello.pem",
            trello,
        ],
        &["verify", "--key", "examples/keys/trello.pem", trello],
        &[
            "verify",
            "--key",
            "examples/keys/missing.pem",
            "--alg",
            "RS256",
            trello,
        ],
        &["verify", "--key", "examples/keys", "--alg", "RS256", trello],
        &["verify", "--jwks", "examples/keys/trello.pem", trello],
        &["verify", "--jwk", "examples/keys/jwks.json", trello],
        &[
            "verify",
            "--key",
            "examples/keys/trello.jwk.json",
            "--alg",
            "RS256",
            trello,
        ],
        &[
            "verify",
            "--backend",
            "openssl",
            "--jwks",
            "examples/keys/jwks.json",
            trello,
        ],
        &[
            "verify",
            "--leeway",
            "-1",
            "--jwks",
            "examples/keys/jwks.json",
            trello,
        ],
        &[
            "verify",
            "--now",
            "soon",
            "--jwks",
            "examples/keys/jwks.json",
            trello,
        ],
        &["decode", "--alg", "RS256", trello],
    ] {
        tinyjwt()
            .args(args)
            .assert()
            .code(USAGE)
            .stdout("")
            .stderr(predicate::str::is_empty().not());
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        &["--help"][..],
        &["verify", "--help"],
        &["decode", "-h"],
        &["--version"],
    ] {
        tinyjwt()
            .args(args)
            .assert()
            .code(0)
            .stdout(predicate::str::is_empty().not());
    }
}

/// `--backend aws-lc-rs` (issue 14): listed in the help, named in the human output, and
/// giving the other backends' verdicts and error codes — valid RS256 from the Trello PEM, a
/// tampered signature `bad_signature`, an HS256 secret token, and a jose ES512 token that
/// ring cannot verify.
#[test]
fn aws_lc_rs_backend() {
    tinyjwt()
        .args(["verify", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("aws-lc-rs"));
    let trello = example("examples/tokens/trello.jwt");
    let pem = ["--key", "examples/keys/trello.pem", "--alg", "RS256"];
    tinyjwt()
        .arg("verify")
        .args(pem)
        .args(["--iss", "trello", "--backend", "aws-lc-rs"])
        .arg(trello.trim())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("VALID"))
        .stdout(predicate::str::contains("(backend aws-lc-rs)"));
    let mut tampered = trello.trim().as_bytes().to_vec();
    let at = trello.rfind('.').unwrap() + 10;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for backend in ["rustcrypto", "ring", "aws-lc-rs"] {
        let v = json_of(
            tinyjwt()
                .arg("verify")
                .args(pem)
                .args(["--iss", "trello", "--json", "--backend", backend])
                .arg(&tampered),
            REJECTED,
        );
        assert_rejected_json(&v, "bad_signature");
    }
    let secret = tmp_file("aws-lc-rs.secret", SECRET);
    let token = hs_token(r#"{"sub":"s","exp":4102444800}"#);
    let v = json_of(
        tinyjwt()
            .args(["verify", "--alg", "HS256", "--secret-file"])
            .arg(&secret)
            .args(["--json", "--backend", "aws-lc-rs"])
            .arg(&token),
        0,
    );
    assert_eq!(v["claims"]["sub"], "s");
}

#[test]
fn unusable_keys_exit_2_with_code() {
    let private = tmp_file(
        "private.pem",
        b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n",
    );
    tinyjwt()
        .args(["verify", "--alg", "RS256", "--key"])
        .arg(&private)
        .arg("examples/tokens/trello.jwt")
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("invalid_key"));
    let jwk_with_d = tmp_file(
        "private.jwk",
        br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#,
    );
    tinyjwt()
        .args(["verify", "--jwk"])
        .arg(&jwk_with_d)
        .arg("examples/tokens/trello.jwt")
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("invalid_key"));
    let garbage = tmp_file("garbage.der", &[0x30, 0x82, 0xff, 0xff, 1, 2, 3]);
    tinyjwt()
        .args(["verify", "--alg", "RS256", "--key"])
        .arg(&garbage)
        .arg("examples/tokens/trello.jwt")
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("[invalid_key]"));
}

// ---------------------------------------------------------------- hostile input

fn verify_stdin(input: Vec<u8>) -> (i32, Value) {
    let out = tinyjwt()
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
            "--json",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v)
}

#[test]
fn one_megabyte_tokens_on_stdin() {
    // Garbage of 1 MB: rejected, not a panic.
    let (code, v) = verify_stdin(vec![b'a'; 1_000_000]);
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "malformed");
    // Three 1 MB-ish segments of junk: the header is over its cap.
    let junk = format!(
        "{}.{}.{}",
        "A".repeat(400_000),
        "B".repeat(400_000),
        "C".repeat(200_000)
    );
    let (code, v) = verify_stdin(junk.into_bytes());
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "too_large");
    // Over the CLI's 1 MiB limit.
    let big = hs_token(&format!(
        r#"{{"exp":4102444800,"pad":"{}"}}"#,
        "x".repeat(800_000)
    ));
    assert!(big.len() > 1 << 20);
    let (code, v) = verify_stdin(format!("{big}\n").into_bytes());
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "too_large");

    // A genuine token of almost 1 MiB verifies through stdin.
    let claims = format!(r#"{{"exp":4102444800,"pad":"{}"}}"#, "x".repeat(780_000));
    let token = hs_token(&claims);
    assert!(token.len() > 1_000_000 && token.len() <= 1 << 20);
    let out = tinyjwt()
        .args(["verify", "--alg", "HS256", "--secret-env", "S", "--json"])
        .env("S", std::str::from_utf8(SECRET).unwrap())
        .write_stdin(format!("{token}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["claims"]["pad"].as_str().unwrap().len(), 780_000);
}

#[test]
fn binary_garbage_invalid_utf8_and_empty_stdin() {
    // Deterministic pseudo-random bytes.
    let mut x = 0x1234_5678_u32;
    let garbage: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let (code, v) = verify_stdin(garbage);
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "malformed");

    let token = example("examples/tokens/trello.jwt");
    let mut bad_utf8 = token.trim_end().as_bytes().to_vec();
    bad_utf8.insert(10, 0xff);
    let (code, v) = verify_stdin(bad_utf8);
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "malformed");
    assert!(v["message"].as_str().unwrap().contains("UTF-8"));

    // Control characters and NULs in an otherwise ASCII token.
    let (code, v) = verify_stdin(b"eyJ\0.\x01\x02.\x7f".to_vec());
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "bad_base64");

    for empty in [&b""[..], b"\n", b"\r\n"] {
        let (code, v) = verify_stdin(empty.to_vec());
        assert_eq!(code, REJECTED);
        assert_rejected_json(&v, "malformed");
    }
    // decode refuses it the same way.
    tinyjwt()
        .arg("decode")
        .write_stdin(b"\xc3\x28.e30.AA".to_vec())
        .assert()
        .code(REJECTED)
        .stdout(predicate::str::contains("[malformed]"));
}

#[cfg(unix)]
#[test]
fn invalid_utf8_argument() {
    use std::os::unix::ffi::OsStrExt;
    let arg = std::ffi::OsStr::from_bytes(b"eyJ\xff.e30.AA");
    let v = json_of(
        tinyjwt()
            .args(["verify", "--jwks", "examples/keys/jwks.json", "--json"])
            .arg(arg),
        REJECTED,
    );
    assert_rejected_json(&v, "malformed");
}

#[test]
fn ten_megabyte_jwks() {
    let mut big = br#"{"keys":[{"kty":"RSA","e":"AQAB","n":""#.to_vec();
    big.resize(10 * 1024 * 1024, b'A');
    big.extend_from_slice(br#""}]}"#);
    let path = tmp_file("big.jwks", &big);
    tinyjwt()
        .args(["verify", "--jwks"])
        .arg(&path)
        .arg("examples/tokens/trello.jwt")
        .assert()
        .code(USAGE)
        .stdout("")
        .stderr(predicate::str::contains("[too_large]"));
    // Also as --jwk and --key.
    for opt in ["--jwk", "--key"] {
        tinyjwt()
            .args(["verify", "--alg", "RS256", opt])
            .arg(&path)
            .arg("examples/tokens/trello.jwt")
            .assert()
            .code(USAGE)
            .stderr(
                predicate::str::contains("too_large").or(predicate::str::contains("malformed")),
            );
    }
}

/// Spawns the binary with `stdin` connected to `input` and kills it after the timeout.
#[cfg(unix)]
fn run_with_stdin_file(args: &[&str], input: &Path) -> (i32, Vec<u8>) {
    let mut child = std::process::Command::new(BIN)
        .current_dir(root())
        .args(args)
        .stdin(Stdio::from(std::fs::File::open(input).unwrap()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut child.stdout.take().unwrap(), &mut out).unwrap();
            return (status.code().unwrap(), out);
        }
        if start.elapsed() > TIMEOUT {
            child.kill().unwrap();
            panic!("tinyjwt {args:?} hung on endless stdin");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn endless_stdin_and_device_key_files_do_not_hang() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let (code, out) = run_with_stdin_file(
        &["verify", "--jwks", "examples/keys/jwks.json", "--json"],
        Path::new("/dev/zero"),
    );
    assert_eq!(code, REJECTED);
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_rejected_json(&v, "too_large");

    for opt in ["--jwks", "--jwk", "--key", "--secret-file"] {
        tinyjwt()
            .args([
                "verify",
                "--alg",
                "RS256",
                opt,
                "/dev/zero",
                "examples/tokens/trello.jwt",
            ])
            .assert()
            .code(USAGE);
    }
}

#[test]
fn closed_stdout_is_not_a_panic() {
    // `tinyjwt ... | head -c0`: the exit status still carries the verdict.
    let mut child = std::process::Command::new(BIN)
        .current_dir(root())
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
            "--iss",
        ])
        .args(["trello", "examples/tokens/trello.jwt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn token_file_argument_and_stdin_dash() {
    let token = example("examples/tokens/trello.jwt");
    let file = tmp_file(
        "token-crlf.jwt",
        format!("{}\r\n", token.trim_end()).as_bytes(),
    );
    tinyjwt()
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
            "--iss",
        ])
        .arg("trello")
        .arg(&file)
        .assert()
        .code(0);
    let mut stdin = tinyjwt();
    stdin
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
            "--iss",
        ])
        .args(["trello", "-"])
        .write_stdin(token);
    stdin.assert().code(0);
    // A mistyped file name is a malformed token, and says so.
    tinyjwt()
        .args([
            "verify",
            "--key",
            "examples/keys/trello.pem",
            "--alg",
            "RS256",
        ])
        .arg("examples/tokens/trello.jwtx")
        .assert()
        .code(REJECTED)
        .stdout(predicate::str::contains("not an existing file"));
    let _ = std::io::stdout().flush();
}

// ---------------------------------------------------------------- binding keys to --alg values

#[test]
fn a_secret_too_weak_for_one_alg_serves_the_others() {
    // 32 bytes: enough for HS256, too short for HS384/HS512 (RFC 7518 §3.2).
    let secret = "0123456789abcdef0123456789abcdef";
    let token = hs256(
        secret.as_bytes(),
        r#"{"alg":"HS256"}"#,
        r#"{"exp":4102444800}"#,
    );
    tinyjwt()
        .args(["verify", "--alg", "HS256", "--alg", "HS512"])
        .args(["--secret-env", "TINYJWT_TEST_SECRET", &token])
        .env("TINYJWT_TEST_SECRET", secret)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("VALID"))
        .stderr(predicate::str::contains(
            "note: --secret-env TINYJWT_TEST_SECRET is not used for HS512",
        ))
        .stderr(predicate::str::contains("weak_key"));
    // Too weak for every --alg: exit 2, and the message says so (not "cannot verify").
    tinyjwt()
        .args(["verify", "--alg", "HS384", "--alg", "HS512"])
        .args(["--secret-env", "TINYJWT_TEST_SECRET", &token])
        .env("TINYJWT_TEST_SECRET", secret)
        .assert()
        .code(USAGE)
        .stderr(predicate::str::contains("too weak for every --alg"))
        .stderr(predicate::str::contains("HS384: the key is too weak"))
        .stderr(predicate::str::contains("HS512: the key is too weak"));
    // The same for a JWK: an oct JWK of 32 bytes given --alg HS256 --alg HS512.
    let jwk = format!(r#"{{"kty":"oct","k":"{}"}}"#, b64(secret.as_bytes()));
    let jwk = tmp_file("oct32.jwk.json", jwk.as_bytes());
    tinyjwt()
        .args(["verify", "--alg", "HS512", "--alg", "HS256", "--jwk"])
        .arg(&jwk)
        .arg(&token)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("is not used for HS512"));
}

#[test]
fn a_jwk_whose_alg_contradicts_its_curve_is_named_as_such() {
    // RFC 7515 A.3's P-256 key, declaring ES384.
    let text = example("examples/keys/rfc7515-a3.jwk.json");
    let mut jwk: Value = serde_json::from_str(&text).unwrap();
    jwk["alg"] = "ES384".into();
    let path = tmp_file("p256-es384.jwk.json", jwk.to_string().as_bytes());
    let out = tinyjwt()
        .args(["verify", "--jwk"])
        .arg(&path)
        .arg(example("examples/tokens/rfc7515-a3.jwt").trim())
        .assert()
        .code(USAGE)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("contradicts"), "{err}");
    assert!(!err.contains("selected by kid"), "{err}");
}

#[test]
fn a_jwk_set_of_300_keys_loads() {
    // More keys than the CLI's old fixed capacity (256): the capacity now follows the
    // library's limits (MAX_JWKS_KEYS).
    let tokens: Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("crates/tinyjwt-cli/tests/vectors/ed25519_300.tokens.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for (name, key) in [
        ("k299_kid", "kid \"k299\""),
        ("k299_no_kid", "kid \"k299\""),
        ("k150_no_kid", "kid \"k150\""),
    ] {
        tinyjwt()
            .args([
                "verify",
                "--jwks",
                "crates/tinyjwt-cli/tests/vectors/ed25519_300.jwks.json",
            ])
            .arg(tokens[name].as_str().unwrap())
            .assert()
            .code(0)
            .stdout(predicate::str::contains(key));
    }
}

#[test]
fn dates_before_1970_and_past_9999_are_valid() {
    // RFC 7519 §2: a NumericDate is any JSON number (issue 11, point 2).
    let token = hs_token(r#"{"iat":-100,"nbf":-5.5,"exp":1e300}"#);
    tinyjwt()
        .args([
            "verify",
            "--alg",
            "HS256",
            "--secret-env",
            "TINYJWT_TEST_SECRET",
            &token,
        ])
        .env("TINYJWT_TEST_SECRET", std::str::from_utf8(SECRET).unwrap())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("iat  1969-12-31 23:58:20 UTC"))
        .stdout(predicate::str::contains(
            "exp  beyond 2^66 seconds after 1970",
        ));
    let expired = hs_token(r#"{"exp":-1}"#);
    let (code, v) = verify_hs_token(&expired);
    assert_eq!(code, REJECTED);
    assert_rejected_json(&v, "expired");
}

fn verify_hs_token(token: &str) -> (i32, Value) {
    let out = tinyjwt()
        .args([
            "verify",
            "--json",
            "--alg",
            "HS256",
            "--secret-env",
            "TINYJWT_TEST_SECRET",
            token,
        ])
        .env("TINYJWT_TEST_SECRET", std::str::from_utf8(SECRET).unwrap())
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v)
}

#[test]
fn skipped_jwks_members_are_reported_on_stderr_and_in_json() {
    // The jose-made mixed set of the core's vectors: 3 usable keys, 18 members to skip.
    let set = "crates/tinyjwt-core/tests/vectors/mixed_jwks.json";
    let expect: Value = serde_json::from_str(&example(
        "crates/tinyjwt-core/tests/vectors/mixed_jwks.expect.json",
    ))
    .unwrap();
    let want: Vec<(u64, &str)> = expect["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["reason"] != "used")
        .map(|m| (m["index"].as_u64().unwrap(), m["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(want.len(), 18);
    let token = expect["tokens"]["good-es256"].as_str().unwrap();
    for algs in [
        &[][..],
        &["--alg", "RS256", "--alg", "ES256", "--alg", "EdDSA"][..],
    ] {
        let out = tinyjwt()
            .args(["verify", "--json", "--jwks", set])
            .args(algs)
            .arg(token)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{algs:?}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["valid"], true);
        let got: Vec<(u64, &str)> = v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["index"].as_u64().unwrap(), s["reason"].as_str().unwrap()))
            .collect();
        assert_eq!(got, want, "{algs:?}");
        let skipped = v["skipped"].as_array().unwrap();
        assert!(
            skipped
                .iter()
                .all(|s| s["source"] == format!("--jwks {set}"))
        );
        assert!(
            skipped
                .iter()
                .any(|s| s["kid"] == "off-curve" && s["error"] == "invalid_key")
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 18, "{stderr}");
        assert!(
            stderr
                .lines()
                .all(|l| l.starts_with(&format!("tinyjwt: note: --jwks {set}: skipped member "))),
            "{stderr}"
        );
    }
    // A token signed by a skipped (leaked private) member: no key answers to its kid.
    let leaked = expect["tokens"]["leaked-private"].as_str().unwrap();
    let v = json_of(
        tinyjwt().args(["verify", "--json", "--jwks", set, leaked]),
        REJECTED,
    );
    assert_eq!(v["error"], "unknown_kid");
    assert_eq!(v["skipped"].as_array().unwrap().len(), 18);
    // Only unusable members: exit 2, no_usable_key, and each member still reported.
    let full: Value = serde_json::from_str(&example(set)).unwrap();
    let bad: Vec<Value> = full["keys"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(i, _)| want.iter().any(|(w, _)| *w as usize == *i))
        .map(|(_, m)| m.clone())
        .collect();
    let path = tmp_file(
        "only-bad.jwks.json",
        serde_json::json!({ "keys": bad }).to_string().as_bytes(),
    );
    let out = tinyjwt()
        .args(["verify", "--jwks"])
        .arg(&path)
        .arg(token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(USAGE));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no_usable_key"), "{stderr}");
    assert_eq!(stderr.matches("skipped member").count(), 18, "{stderr}");
}
