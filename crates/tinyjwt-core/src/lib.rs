//! # tinyjwt-core
//!
//! The format half of tinyjwt: everything about JSON Web Tokens except the cryptography.
//! `no_std`, no `alloc`, no `unsafe`; it builds for a Cortex-M with no allocator.
//!
//! Most users depend on the `tinyjwt` facade, which re-exports this crate together with a
//! crypto backend. This crate is what a backend (or a hardware secure element) implements
//! against: [`SignatureBackend`].
//!
//! # One verification, as data flows
//!
//! ```text
//! "Bearer eyJ..." ─► token::bearer ─► Token::parse: 3 borrowed segments, length-capped
//!   header ─► base64url::decode (strict) ─► Header::parse (json, small depth cap)
//!   alg + kid ─► KeySet::check_selectable, then KeySet::candidates   (keyset: where a key is chosen)
//!   signature ─► base64url ─► SignatureBackend::verify, per candidate
//!   ── only after a signature holds ──
//!   payload ─► base64url ─► Claims::parse ─► Policy::check_claims    (claims, policy: where a claim is checked)
//!   ─► Verified { header, claims, payload }
//! ```
//!
//! The modules, in that order (see [`verify`] for why the order is a security property):
//! - [`token`]: the compact serialization, `Bearer` values, segment and size rules;
//! - [`base64url`]: strict RFC 7515 §2 decoding;
//! - [`json`]: a strict, bounded, non-recursive RFC 8259 pull parser;
//! - [`header`]: `alg` (never `none`), `kid`, `typ`, `crit`, `b64`, `cty`;
//! - [`keyset`]: the prepared keys, the one rule that picks the candidates for a token, and
//!   every way to add keys, each all-or-nothing;
//! - [`key`] and [`alg`]: key material bound to exactly one [`Algorithm`], strength checked,
//!   handed to a backend as a [`KeyInput`] that says what was checked;
//! - [`pem`], [`der`], [`jwk`], [`jwks`]: the key formats; they only parse;
//! - [`claims`] and [`policy`]: registered claims and their validation;
//! - [`verify`]: the [`Verifier`], which orders the steps without allocating;
//! - [`payload`]: custom claims read from the verified payload by name, without serde
//!   ([`Verified::claim`] and its typed getters);
//! - [`backend`]: the [`SignatureBackend`] contract (what the core checks, what a backend
//!   must, what it returns), and the per-signature rules applied before it runs.
//! - [`cache`]: the [`KeyCache`], a sans-I/O state machine that keeps a key set fetched from
//!   a URL (JWKS or PEM list) fresh: the caller brings the clock and the bytes.
//!
//! Every limit is a named constant in [`limits`]; every failure is a precise [`Error`] with a
//! stable [`Error::code`].
#![no_std]
// Unit tests may truncate in casts (clippy.toml frees them of the other panic lints).
#![cfg_attr(test, allow(clippy::cast_possible_truncation))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(test)]
extern crate std;

pub mod alg;
pub mod backend;
pub mod base64url;
pub mod cache;
pub mod claims;
pub mod der;
pub mod error;
pub mod header;
pub mod json;
pub mod jwk;
pub mod jwks;
pub mod key;
pub mod keyset;
pub mod limits;
pub mod payload;
pub mod pem;
pub mod policy;
pub mod token;
#[cfg(feature = "serde")]
pub mod typed;
pub mod verify;

pub use alg::{Algorithm, Curve, Family, Hash};
pub use backend::{BadSignature, SignatureBackend};
pub use cache::{CachePolicy, CacheStats, Decision, FetchMeta, KeyCache, LoadStats, SetFormat};
pub use claims::{Audience, Claims, NumericDate};
pub use error::{Claim, ClaimReason, Error, HeaderParam, KeyProblem, Limit, Malformed, Part};
pub use header::Header;
pub use json::JsonStr;
pub use jwk::{Jwk, JwkOptions};
pub use key::{
    BoundKey, EcPublicKey, Ed25519PublicKey, HmacSecret, KeyInput, KeyMaterial, RsaPublicKey,
    Strength,
};
pub use keyset::{KeyLoader, KeySet};
pub use payload::{ClaimValue, JsonArray, JsonObject, StrArray};
pub use policy::Policy;
pub use token::{Token, bearer};
pub use verify::{Verified, Verifier};
