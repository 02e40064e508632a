//! Shared by the RFC tests: the vector file and key binding.
#![allow(dead_code)]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::Value;
use tinyjwt_core::alg::Curve;
use tinyjwt_core::{
    Algorithm, BoundKey, EcPublicKey, Ed25519PublicKey, Error, HmacSecret, KeyMaterial,
    RsaPublicKey, Strength,
};

pub struct Vector {
    pub name: String,
    pub alg: String,
    pub key: Value,
    pub token: String,
    pub expect: String,
}

pub fn vectors() -> Vec<Vector> {
    let text = include_str!("../vectors/rfc_jws.json");
    let doc: Value = serde_json::from_str(text).unwrap();
    doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| Vector {
            name: v["name"].as_str().unwrap().into(),
            alg: v["alg"].as_str().unwrap().into(),
            key: v["key"].clone(),
            token: v["token"].as_str().unwrap().into(),
            expect: v["expect"].as_str().unwrap().into(),
        })
        .collect()
}

fn b64(v: &Value, field: &str) -> Vec<u8> {
    B64.decode(v[field].as_str().unwrap()).unwrap()
}

/// Owned key bytes for a JWK-shaped vector key.
pub struct KeyBytes(pub Vec<Vec<u8>>);

pub fn key_bytes(jwk: &Value) -> KeyBytes {
    KeyBytes(match jwk["kty"].as_str().unwrap() {
        "oct" => vec![b64(jwk, "k")],
        "RSA" => vec![b64(jwk, "n"), b64(jwk, "e")],
        "EC" | "OKP" if jwk.get("y").is_some() => vec![b64(jwk, "x"), b64(jwk, "y")],
        _ => vec![b64(jwk, "x")],
    })
}

pub fn bind<'a>(alg: Algorithm, jwk: &Value, k: &'a KeyBytes) -> Result<BoundKey<'a>, Error> {
    let m = match jwk["kty"].as_str().unwrap() {
        "oct" => KeyMaterial::Hmac(HmacSecret::new(&k.0[0])?),
        "RSA" => KeyMaterial::Rsa(RsaPublicKey::new(&k.0[0], &k.0[1])?),
        "EC" => {
            let curve = match jwk["crv"].as_str().unwrap() {
                "P-256" => Curve::P256,
                "P-384" => Curve::P384,
                "P-521" => Curve::P521,
                _ => return Err(Error::UnsupportedAlg),
            };
            KeyMaterial::Ec(EcPublicKey::new(curve, &k.0[0], &k.0[1])?)
        }
        _ => KeyMaterial::Ed25519(Ed25519PublicKey::new(&k.0[0])?),
    };
    BoundKey::new(alg, m, Strength::Enforce)
}
