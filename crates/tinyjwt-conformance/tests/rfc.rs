//! RFC 7515 A.1–A.3, RFC 7520 §4.1–4.4 and RFC 8037 A.4–A.5 at the signature layer: split
//! the token, decode the signature, verify `header.payload` with each backend.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::Value;
use tinyjwt_core::alg::Curve;
use tinyjwt_core::{
    Algorithm, BoundKey, EcPublicKey, Ed25519PublicKey, Error, HmacSecret, KeyMaterial,
    RsaPublicKey, SignatureBackend, Strength,
};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

pub struct Vector {
    pub name: String,
    pub alg: String,
    pub key: Value,
    pub token: String,
    pub expect: String,
}

pub fn vectors() -> Vec<Vector> {
    let text = include_str!("vectors/rfc_jws.json");
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
pub struct KeyBytes(Vec<Vec<u8>>);

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
                _ => return Err(Error::UnsupportedAlg),
            };
            KeyMaterial::Ec(EcPublicKey::new(curve, &k.0[0], &k.0[1])?)
        }
        _ => KeyMaterial::Ed25519(Ed25519PublicKey::new(&k.0[0])?),
    };
    BoundKey::new(alg, m, Strength::Enforce)
}

fn signature_layer<B: SignatureBackend>(b: &B, v: &Vector) -> Result<(), Error> {
    let alg = Algorithm::from_name(&v.alg)?;
    let kb = key_bytes(&v.key);
    let key = bind(alg, &v.key, &kb)?;
    let prepared = b.prepare(&key)?;
    let (input, sig) = v.token.rsplit_once('.').unwrap();
    let sig = B64.decode(sig).unwrap();
    assert_eq!(sig.len(), key.signature_len(), "{}", v.name);
    b.verify(&prepared, input.as_bytes(), &sig)?;
    // One flipped bit anywhere in the signing input must break it.
    let mut tampered = input.as_bytes().to_vec();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert_eq!(b.verify(&prepared, &tampered, &sig), Err(Error::BadSignature), "{}", v.name);
    Ok(())
}

#[test]
fn rfc_vectors_at_the_signature_layer() {
    let vs = vectors();
    assert_eq!(vs.len(), 8);
    for v in &vs {
        let ring = signature_layer(&Ring, v);
        let rc = signature_layer(&RustCrypto, v);
        let want = match v.expect.as_str() {
            "valid" => Ok(()),
            "unsupported_alg" => Err(Error::UnsupportedAlg),
            other => panic!("unknown expectation {other}"),
        };
        assert_eq!(ring, want, "ring: {}", v.name);
        assert_eq!(rc, want, "rustcrypto: {}", v.name);
        println!("{}: {:?} (both backends)", v.name, ring.map_err(|e| e.code()));
    }
}
