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
//! | `rustcrypto` (default) | [`rustcrypto::RustCrypto`]: pure Rust, `no_std`; HS*, ES256/384/512, EdDSA/Ed25519 without a heap |
//! | `alloc` (default) | RS*/PS* in the RustCrypto backend (the `rsa` crate needs a heap) |
//! | `ring` | [`ring::Ring`]: every algorithm but ES512 (ring has no P-521); fastest on servers |
//! | `std` | standard-library conveniences; implies `alloc` |
//! | `serde` | typed claims through serde (forwards to `tinyjwt-core/serde`) |
//!
//! **Which backend?** Servers: `ring` (its assembly makes RSA and ECDSA fastest). WASM and
//! microcontrollers: `rustcrypto` (pure Rust; with `default-features = false, features =
//! ["rustcrypto"]` it needs no allocator at all). Both give the same verdict and the same
//! error code for every input; a shared conformance suite checks that.
//!
//! Both backend features may be on at once (Cargo unifies features across a dependency
//! graph, so this must work): each backend is then usable by name, and
//! [`DefaultBackend`] is chosen by a fixed rule rather than at run time. There is no
//! process-global provider to install.
//!
//! ```
//! # #[cfg(any(feature = "rustcrypto", feature = "ring"))] {
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
    Algorithm, Audience, Claims, Error, Header, JsonStr, KeyLoader, KeySet, NumericDate, Policy,
    SignatureBackend, Strength, Verified, Verifier, bearer,
};
pub use tinyjwt_core::{error, limits};

pub use tinyjwt_core::jwk::JwkOptions;
pub use tinyjwt_core::jwks::{JwksSummary, SkipReason, Skipped};

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
#[cfg(all(doctest, feature = "serde", feature = "rustcrypto", feature = "alloc"))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The RustCrypto backend (feature `rustcrypto`): pure Rust, runs on WASM and Cortex-M.
#[cfg(feature = "rustcrypto")]
#[cfg_attr(docsrs, doc(cfg(feature = "rustcrypto")))]
pub mod rustcrypto {
    pub use tinyjwt_rustcrypto::*;
}

/// The ring backend (feature `ring`): every algorithm but ES512, fastest on servers.
#[cfg(feature = "ring")]
#[cfg_attr(docsrs, doc(cfg(feature = "ring")))]
pub mod ring {
    pub use tinyjwt_ring::*;
}

/// The backend used when you do not name one: [`rustcrypto::RustCrypto`] whenever the
/// `rustcrypto` feature is on (even if `ring` is on too), otherwise [`ring::Ring`]. Absent
/// when neither backend feature is enabled.
///
/// The rule is fixed at compile time so that turning on `ring` somewhere else in a dependency
/// graph never silently changes which crypto code verifies your tokens; name
/// `tinyjwt::ring::Ring` explicitly to use ring while both are on.
#[cfg(feature = "rustcrypto")]
#[cfg_attr(docsrs, doc(cfg(any(feature = "rustcrypto", feature = "ring"))))]
pub type DefaultBackend = tinyjwt_rustcrypto::RustCrypto;

/// The backend used when you do not name one: [`ring::Ring`], because the `rustcrypto`
/// feature is off. With `rustcrypto` on, this is `tinyjwt::rustcrypto::RustCrypto` instead.
#[cfg(all(feature = "ring", not(feature = "rustcrypto")))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "rustcrypto", feature = "ring"))))]
pub type DefaultBackend = tinyjwt_ring::Ring;

#[cfg(test)]
mod tests {
    #[cfg(any(feature = "rustcrypto", feature = "ring"))]
    #[test]
    fn default_backend_is_deterministic() {
        let name = core::any::type_name::<super::DefaultBackend>();
        if cfg!(feature = "rustcrypto") {
            assert!(name.ends_with("RustCrypto"), "{name}");
        } else {
            assert!(name.ends_with("Ring"), "{name}");
        }
    }

    #[cfg(all(feature = "rustcrypto", feature = "ring"))]
    #[test]
    fn both_backends_usable_by_name() {
        use super::advanced::{BoundKey, HmacSecret, KeyMaterial};
        use super::{Algorithm, SignatureBackend, Strength};
        let secret = KeyMaterial::Hmac(HmacSecret::new(&[1; 32]).unwrap());
        let k = BoundKey::new(Algorithm::HS256, secret, Strength::Enforce).unwrap();
        let a = super::ring::Ring.prepare(&k).unwrap();
        let b = super::rustcrypto::RustCrypto.prepare(&k).unwrap();
        assert_eq!(
            super::ring::Ring.verify(&a, b"x", &[0; 32]),
            super::rustcrypto::RustCrypto.verify(&b, b"x", &[0; 32])
        );
    }
}
