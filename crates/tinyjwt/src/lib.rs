//! # tinyjwt
//!
//! Small, allocation-free verification of JSON Web Tokens (compact JWS), with the
//! cryptography supplied by a backend you choose with a feature.
//!
//! The root holds what an application needs: [`Verifier`] (keys and a [`Policy`], then any
//! number of allocation-free verifications), [`KeySet`] / [`KeyLoader`] (every key format),
//! [`Verified`] and its [`Claims`], [`Error`] and its detail enums in [`error`], the named
//! [`limits`], and the backends. Everything a backend author or a format hacker needs (the
//! JSON parser, DER, base64url, raw key material, the backend contract's input types) is
//! under [`advanced`].
//!
//! | feature | what it adds |
//! |---|---|
//! | `rustcrypto` (default) | [`rustcrypto::RustCrypto`]: pure Rust, `no_std`, no heap for any algorithm |
//! | `hs`, `rs`, `es256`, `es384`, `es512`, `eddsa` (default: all, as `all-algorithms`) | the RustCrypto backend's algorithm families: HS*, RS*/PS*, ES256, ES384, ES512, EdDSA/Ed25519; `hs256` … `ps512` one algorithm each. A firmware names only what it verifies and links nothing else; a key of an algorithm that is off is refused with `unsupported_alg`. They do not trim ring or aws-lc-rs |
//! | `alloc` (default) | nothing any more (RS*/PS* used to need it); kept so feature lists still build |
//! | `ring` | [`ring::Ring`]: every algorithm but ES512 (ring has no P-521) |
//! | `aws-lc-rs` | [`aws_lc_rs::AwsLcRs`]: every algorithm, keys pre-parsed once; the fastest |
//! | `std` | standard-library conveniences; implies `alloc` and `simd` |
//! | `simd` | token segments base64url-decoded with SIMD (AVX2, SSSE3, NEON, WASM simd128), detected at run time; needs `std` |
//! | `serde` | typed claims through serde (forwards to `tinyjwt-core/serde`) |
//!
//! **Which backend?**
//!
//! | backend | where it fits | algorithms | needs |
//! |---|---|---|---|
//! | `aws-lc-rs` | servers; the fastest (RSA keys pre-parsed once, assembly for P-256/P-384/P-521) | all 14 | `std`, a heap, a C compiler to build AWS-LC (aws-lc-sys; no CMake on Linux x86_64/aarch64) |
//! | `ring` | servers; smaller, no CMake-style C build (ring compiles its own C and assembly with `cc`) | all but ES512 | a heap, a ring-supported target |
//! | `rustcrypto` | everywhere: WASM, microcontrollers, any target Rust compiles to; no allocator | all 14, each family behind its feature | nothing (`no_std`, no heap) |
//!
//! All three give the same verdict and the same error code for every input; a shared
//! conformance suite (Wycheproof, RFC vectors) checks that, backend pair by backend pair.
//!
//! Any backend features may be on at once (Cargo unifies features across a dependency graph,
//! so this must work): each backend is then usable by name, and [`DefaultBackend`] is chosen
//! by a fixed compile-time rule rather than at run time. There is no process-global provider
//! to install.
//!
//! ```
//! # #[cfg(any(
//! #     all(feature = "rustcrypto", feature = "hs256"),
//! #     all(not(feature = "rustcrypto"), any(feature = "ring", feature = "aws-lc-rs"))
//! # ))] {
//! use tinyjwt::{Algorithm, DefaultBackend, Error, Policy, Strength, Verifier};
//!
//! let mut verifier: Verifier<_> = Verifier::new(DefaultBackend::default(), Policy::new())?;
//! verifier.keys_mut().add_secret(Algorithm::HS256, b"0123456789abcdef0123456789abcdef", None, Strength::Enforce)?;
//! let mut buf = [0u8; tinyjwt::limits::DEFAULT_BUFFER_LEN];
//! // {"alg":"HS256"}.{"exp":2000000000} with a signature made by another secret.
//! let token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjIwMDAwMDAwMDB9.\
//!              AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
//! assert_eq!(verifier.verify(token, 1_700_000_000, &mut buf).err(), Some(Error::BadSignature));
//! # }
//! # Ok::<(), tinyjwt::Error>(())
//! ```
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use tinyjwt_core::{
    Algorithm, Audience, ClaimValue, Claims, Error, Header, JsonArray, JsonObject, JsonStr,
    KeyLoader, KeySet, NumericDate, Policy, SignatureBackend, StrArray, Strength, Verified,
    Verifier, bearer,
};
pub use tinyjwt_core::{error, limits};

pub use tinyjwt_core::jwk::JwkOptions;
pub use tinyjwt_core::jwks::{JwksSummary, SkipReason, Skipped};

/// A key set that stays fresh: the sans-I/O cache behind a JWKS or PEM-list URL (drive it
/// yourself on a microcontroller, or let `tinyjwt-jwks` drive it over HTTP).
pub mod cache {
    pub use tinyjwt_core::cache::*;
}
pub use tinyjwt_core::cache::{CachePolicy, Decision, FetchMeta, KeyCache, SetFormat};

/// For backend authors and format work: the whole core, module by module (the JSON parser,
/// base64url, DER, PEM, JWK and JWK Set parsers, raw key material, the backend contract).
/// An application verifying tokens should not need anything from here.
pub mod advanced {
    pub use tinyjwt_core::*;
}

#[cfg(feature = "std")]
extern crate std;

/// The current time as Unix seconds, for [`Verifier::verify`]'s `now` (feature `std`).
///
/// Time is an explicit input everywhere else so that `no_std` targets can pass their own
/// clock and tests can pass any instant. A system clock set before 1970 reads as 0, which
/// makes every token with `exp` look valid for no longer than it really is.
///
/// ```
/// assert!(tinyjwt::now() > 1_700_000_000);
/// ```
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(all(
    doctest,
    feature = "serde",
    feature = "rustcrypto",
    feature = "all-algorithms"
))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The RustCrypto backend (feature `rustcrypto`): pure Rust, runs on WASM and Cortex-M.
#[cfg(feature = "rustcrypto")]
#[cfg_attr(docsrs, doc(cfg(feature = "rustcrypto")))]
pub mod rustcrypto {
    pub use tinyjwt_rustcrypto::*;
}

/// The ring backend (feature `ring`): every algorithm but ES512; servers, smaller build.
#[cfg(feature = "ring")]
#[cfg_attr(docsrs, doc(cfg(feature = "ring")))]
pub mod ring {
    pub use tinyjwt_ring::*;
}

/// The aws-lc-rs backend (feature `aws-lc-rs`): every algorithm, keys pre-parsed once; the
/// fastest on servers.
#[cfg(feature = "aws-lc-rs")]
#[cfg_attr(docsrs, doc(cfg(feature = "aws-lc-rs")))]
pub mod aws_lc_rs {
    pub use tinyjwt_aws_lc_rs::*;
}

/// The backend used when you do not name one, fixed at compile time by the backend features
/// that are on — the first of `rustcrypto`, `ring`, `aws-lc-rs`:
///
/// | backend features on | `DefaultBackend` |
/// |---|---|
/// | `rustcrypto`, with or without the others | [`rustcrypto::RustCrypto`] |
/// | `ring`, with or without `aws-lc-rs` | [`ring::Ring`] |
/// | `aws-lc-rs` alone | [`aws_lc_rs::AwsLcRs`] |
/// | none | absent |
///
/// The order is that in which the backends were added, so a newer backend never takes the
/// default from an older one: turning on `aws-lc-rs` anywhere in a dependency graph never
/// changes which crypto code verifies your tokens, nor does turning on `ring` while
/// `rustcrypto` is on — and no feature set that existed before `aws-lc-rs` got another
/// default when it came. The converse cannot hold for any fixed rule (Cargo features only
/// add up): if you picked `ring` or `aws-lc-rs` with `default-features = false`, another crate
/// depending on `tinyjwt` with its default features turns `rustcrypto` on. So when the
/// backend matters to you, name it — `tinyjwt::aws_lc_rs::AwsLcRs`, `tinyjwt::ring::Ring` —
/// instead of using this alias.
#[cfg(feature = "rustcrypto")]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "rustcrypto", feature = "ring", feature = "aws-lc-rs")))
)]
pub type DefaultBackend = tinyjwt_rustcrypto::RustCrypto;

/// The backend used when you do not name one: [`ring::Ring`], because the `rustcrypto`
/// feature is off (`aws-lc-rs`, if on, comes after `ring`). With `rustcrypto` on, this is
/// `tinyjwt::rustcrypto::RustCrypto` instead; the rule is in the `rustcrypto` build's docs
/// (and on docs.rs).
#[cfg(all(feature = "ring", not(feature = "rustcrypto")))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "rustcrypto", feature = "ring", feature = "aws-lc-rs")))
)]
pub type DefaultBackend = tinyjwt_ring::Ring;

/// The backend used when you do not name one: [`aws_lc_rs::AwsLcRs`], because it is the only
/// backend feature on. Turning on `rustcrypto` or `ring` anywhere in the dependency graph
/// makes this `RustCrypto` or `Ring` (see the rule in the `rustcrypto` build's docs, also on
/// docs.rs); name `tinyjwt::aws_lc_rs::AwsLcRs` if you need aws-lc-rs whatever else is on.
#[cfg(all(
    feature = "aws-lc-rs",
    not(feature = "rustcrypto"),
    not(feature = "ring")
))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "rustcrypto", feature = "ring", feature = "aws-lc-rs")))
)]
pub type DefaultBackend = tinyjwt_aws_lc_rs::AwsLcRs;

#[cfg(test)]
mod tests {
    /// The rule in `DefaultBackend`'s docs, for whichever feature set this is built with.
    #[cfg(any(feature = "rustcrypto", feature = "ring", feature = "aws-lc-rs"))]
    #[test]
    fn default_backend_is_deterministic() {
        let name = core::any::type_name::<super::DefaultBackend>();
        let want = if cfg!(feature = "rustcrypto") {
            "RustCrypto"
        } else if cfg!(feature = "ring") {
            "Ring"
        } else {
            "AwsLcRs"
        };
        assert!(name.ends_with(want), "{name}, want {want}");
    }

    /// Every backend that is on is usable by name, whatever the default, and they agree.
    #[cfg(any(feature = "rustcrypto", feature = "ring", feature = "aws-lc-rs"))]
    #[test]
    fn every_enabled_backend_usable_by_name() {
        use super::advanced::{BoundKey, HmacSecret, KeyMaterial};
        use super::{Algorithm, Error, SignatureBackend, Strength};
        fn verdict<B: SignatureBackend>(b: B, k: &BoundKey<'_>) -> Result<(), Error> {
            let key = b.prepare(k)?;
            Ok(b.verify(&key, b"x", &[0; 32])?)
        }
        let secret = KeyMaterial::Hmac(HmacSecret::new(&[1; 32]).unwrap());
        let k = BoundKey::new(Algorithm::HS256, secret, Strength::Enforce).unwrap();
        // The RustCrypto backend refuses a key of a family whose feature is off.
        let rustcrypto_hs = if cfg!(feature = "hs256") {
            Err(Error::BadSignature)
        } else {
            Err(Error::UnsupportedAlg)
        };
        #[cfg(feature = "rustcrypto")]
        assert_eq!(verdict(super::rustcrypto::RustCrypto, &k), rustcrypto_hs);
        #[cfg(feature = "ring")]
        assert_eq!(verdict(super::ring::Ring, &k), Err(Error::BadSignature));
        #[cfg(feature = "aws-lc-rs")]
        assert_eq!(
            verdict(super::aws_lc_rs::AwsLcRs, &k),
            Err(Error::BadSignature)
        );
        let default = if cfg!(feature = "rustcrypto") {
            rustcrypto_hs
        } else {
            Err(Error::BadSignature)
        };
        assert_eq!(verdict(super::DefaultBackend::default(), &k), default);
    }
}
