//! # tinyjwt-core
//!
//! The format half of tinyjwt: everything about JSON Web Tokens except the cryptography.
//! `no_std`, no `alloc`, no `unsafe`.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod alg;
pub mod backend;
pub mod base64url;
pub mod error;
pub mod json;
pub mod key;
pub mod limits;

pub use alg::{Algorithm, Curve, Family, Hash};
pub use backend::SignatureBackend;
pub use error::{ClaimReason, Error, HeaderParam, KeyProblem, Limit, Malformed, Part};
pub use key::{
    BoundKey, EcPublicKey, Ed25519PublicKey, HmacSecret, KeyMaterial, RsaPublicKey, Strength,
};
