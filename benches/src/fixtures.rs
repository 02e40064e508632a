//! The signed tokens every verification bench measures.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::rand::SystemRandom;
use ring::signature::{self as rsig, RsaKeyPair, RsaPublicKeyComponents};
use tinyjwt_core::{
    Algorithm, BoundKey, Curve, EcPublicKey, Ed25519PublicKey, HmacSecret, KeyMaterial,
    RsaPublicKey, Strength,
};

/// `iat` of every fixture token: 2026-01-01T00:00:00Z.
pub const IAT: u64 = 1_767_225_600;
/// `exp` of every fixture token: 2100-01-01T00:00:00Z, far enough that peers reading the
/// system clock (jsonwebtoken) accept the tokens for the life of this repository.
pub const EXP: u64 = 4_102_444_800;
/// The `now` tinyjwt verifies at (time is an input there): one day after [`IAT`].
pub const NOW: u64 = IAT + 86_400;

/// The Miro-like token's issuer and audience.
pub const MIRO_ISS: &str = "miro";
/// See [`MIRO_ISS`].
pub const MIRO_AUD: &str = "https://api.miro.com";
/// The Trello-like tokens' issuer, audience and key id.
pub const TRELLO_ISS: &str = "https://trello.com";
/// See [`TRELLO_ISS`].
pub const TRELLO_AUD: &str = "https://api.trello.com";
/// See [`TRELLO_ISS`].
pub const TRELLO_KID: &str = "trello-2026-01";

/// The HMAC secret of the HS256 fixture (32 bytes, the RFC 7518 minimum for HS256).
pub const HMAC_SECRET: &[u8] = b"tinyjwt-bench-hs256-secret-0123!";

const RSA2048_PKCS1: &[u8] = include_bytes!("../keys/rsa2048-TEST-ONLY.pkcs1.der");
const RSA4096_PKCS1: &[u8] = include_bytes!("../keys/rsa4096-TEST-ONLY.pkcs1.der");

/// A verification key in its raw form, for every library to parse its own way.
#[derive(Debug, Clone)]
pub enum PublicKey {
    /// HMAC secret bytes.
    Hmac(Vec<u8>),
    /// RSA modulus and exponent, big-endian.
    Rsa {
        /// Modulus.
        n: Vec<u8>,
        /// Public exponent.
        e: Vec<u8>,
    },
    /// An EC point's affine coordinates, big-endian, each of the curve's size.
    Ec {
        /// P-256 or P-384 (no fixture uses P-521).
        curve: Curve,
        /// x coordinate.
        x: Vec<u8>,
        /// y coordinate.
        y: Vec<u8>,
    },
    /// An Ed25519 public key.
    Ed25519([u8; 32]),
}

impl PublicKey {
    /// The SEC1 uncompressed encoding `04 || x || y` of an EC key (empty otherwise).
    pub fn sec1(&self) -> Vec<u8> {
        match self {
            PublicKey::Ec { x, y, .. } => [&[4u8][..], x, y].concat(),
            _ => Vec::new(),
        }
    }
}

/// One signed token with everything needed to verify it.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Row label: `HS256`, `RS256-2048`, `RS256-4096`, `PS256`, `ES256`, `ES384`, `EdDSA`.
    pub name: &'static str,
    /// The token's algorithm.
    pub alg: Algorithm,
    /// The compact token.
    pub token: String,
    /// The `kid` in its header, if any (the verifier's key is registered under it).
    pub kid: Option<&'static str>,
    /// The one accepted issuer.
    pub issuer: &'static str,
    /// The one accepted audience.
    pub audience: &'static str,
    /// The verification key.
    pub key: PublicKey,
    /// The signature, already base64url-decoded.
    pub signature: Vec<u8>,
}

impl Fixture {
    /// `header.payload`: the bytes the signature covers.
    pub fn signing_input(&self) -> &[u8] {
        let end = self.token.rfind('.').expect("three segments");
        &self.token.as_bytes()[..end]
    }

    /// The key bound to the fixture's algorithm, for a tinyjwt verifier.
    pub fn bound_key(&self) -> BoundKey<'_> {
        let material = match &self.key {
            PublicKey::Hmac(s) => KeyMaterial::Hmac(HmacSecret::new(s).unwrap()),
            PublicKey::Rsa { n, e } => KeyMaterial::Rsa(RsaPublicKey::new(n, e).unwrap()),
            PublicKey::Ec { curve, x, y } => {
                KeyMaterial::Ec(EcPublicKey::new(*curve, x, y).unwrap())
            }
            PublicKey::Ed25519(pk) => KeyMaterial::Ed25519(Ed25519PublicKey::new(pk).unwrap()),
        };
        BoundKey::new(self.alg, material, Strength::Enforce).expect("fixture key fits its alg")
    }

    /// The payload JSON (decoded), for display and checks.
    pub fn payload_json(&self) -> String {
        let p = self.token.split('.').nth(1).expect("three segments");
        String::from_utf8(B64.decode(p).expect("base64url")).expect("UTF-8")
    }
}

/// A Miro-like payload (`sub iss team user exp iat`, plus `aud`): 172 bytes of JSON.
fn miro_payload() -> String {
    format!(
        concat!(
            r#"{{"sub":"3458764513820540928","iss":"{iss}","aud":"{aud}","#,
            r#""team":"3074457345618265000","user":"3458764513820540928","#,
            r#""exp":{exp},"iat":{iat}}}"#
        ),
        iss = MIRO_ISS,
        aud = MIRO_AUD,
        exp = EXP,
        iat = IAT,
    )
}

/// A Trello-like payload: registered claims plus member, organisation and scope data.
fn trello_payload() -> String {
    format!(
        concat!(
            r#"{{"iss":"{iss}","sub":"5f1e2d3c4b5a697887766554","aud":"{aud}","#,
            r#""iat":{iat},"exp":{exp},"jti":"6c0ad5c2-0b0f-4e1b-9c5b-3f6a1d2e8b47","#,
            r#""idMember":"5f1e2d3c4b5a697887766554","username":"ada_lovelace","#,
            r#""idOrganization":"60a1b2c3d4e5f60718293a4b","#,
            r#""scope":["read","write","account"],"idBoards":["61b2c3d4e5f6071829304b5c","#,
            r#""62c3d4e5f60718293a4b5c6d"],"client":"trello-web","version":"2"}}"#
        ),
        iss = TRELLO_ISS,
        aud = TRELLO_AUD,
        exp = EXP,
        iat = IAT,
    )
}

fn header(alg: &str, kid: Option<&str>) -> String {
    match kid {
        Some(kid) => format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"{kid}"}}"#),
        None => format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
    }
}

fn signing_input(header: &str, payload: &str) -> String {
    format!("{}.{}", B64.encode(header), B64.encode(payload))
}

fn finish(
    name: &'static str,
    alg: Algorithm,
    kid: Option<&'static str>,
    (issuer, audience): (&'static str, &'static str),
    input: String,
    signature: Vec<u8>,
    key: PublicKey,
) -> Fixture {
    let token = format!("{input}.{}", B64.encode(&signature));
    Fixture {
        name,
        alg,
        token,
        kid,
        issuer,
        audience,
        key,
        signature,
    }
}

fn rsa(
    name: &'static str,
    alg: Algorithm,
    pkcs1: &[u8],
    padding: &'static dyn rsig::RsaEncoding,
) -> Fixture {
    let pair = RsaKeyPair::from_der(pkcs1).expect("test key parses");
    let input = signing_input(
        &header(&alg.to_string(), Some(TRELLO_KID)),
        &trello_payload(),
    );
    let mut sig = vec![0u8; pair.public().modulus_len()];
    pair.sign(padding, &SystemRandom::new(), input.as_bytes(), &mut sig)
        .expect("RSA signing");
    let RsaPublicKeyComponents { n, e } = RsaPublicKeyComponents::<Vec<u8>>::from(pair.public());
    let key = PublicKey::Rsa { n, e };
    finish(
        name,
        alg,
        Some(TRELLO_KID),
        (TRELLO_ISS, TRELLO_AUD),
        input,
        sig,
        key,
    )
}

/// Every verification fixture, in table order: HS256 (Miro-like), RS256-2048, RS256-4096,
/// PS256 (2048), ES256, ES384, EdDSA (all Trello-like, with a `kid`).
pub fn all_fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();

    // HS256, Miro-like, no kid.
    let input = signing_input(&header("HS256", None), &miro_payload());
    let tag = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, HMAC_SECRET),
        input.as_bytes(),
    );
    out.push(finish(
        "HS256",
        Algorithm::HS256,
        None,
        (MIRO_ISS, MIRO_AUD),
        input,
        tag.as_ref().to_vec(),
        PublicKey::Hmac(HMAC_SECRET.to_vec()),
    ));

    out.push(rsa(
        "RS256-2048",
        Algorithm::RS256,
        RSA2048_PKCS1,
        &rsig::RSA_PKCS1_SHA256,
    ));
    out.push(rsa(
        "RS256-4096",
        Algorithm::RS256,
        RSA4096_PKCS1,
        &rsig::RSA_PKCS1_SHA256,
    ));
    out.push(rsa(
        "PS256",
        Algorithm::PS256,
        RSA2048_PKCS1,
        &rsig::RSA_PSS_SHA256,
    ));

    // ES256: deterministic (RFC 6979) signature under a fixed scalar.
    {
        use p256::ecdsa::signature::Signer as _;
        let sk = p256::ecdsa::SigningKey::from_bytes(&[0x11; 32].into()).expect("scalar");
        let input = signing_input(&header("ES256", Some(TRELLO_KID)), &trello_payload());
        let sig: p256::ecdsa::Signature = sk.sign(input.as_bytes());
        let point = sk.verifying_key().to_encoded_point(false);
        let key = PublicKey::Ec {
            curve: Curve::P256,
            x: point.x().expect("affine").to_vec(),
            y: point.y().expect("affine").to_vec(),
        };
        let sig = sig.to_bytes().to_vec();
        out.push(finish(
            "ES256",
            Algorithm::ES256,
            Some(TRELLO_KID),
            (TRELLO_ISS, TRELLO_AUD),
            input,
            sig,
            key,
        ));
    }
    // ES384, likewise.
    {
        use p384::ecdsa::signature::Signer as _;
        let sk = p384::ecdsa::SigningKey::from_bytes(&[0x22; 48].into()).expect("scalar");
        let input = signing_input(&header("ES384", Some(TRELLO_KID)), &trello_payload());
        let sig: p384::ecdsa::Signature = sk.sign(input.as_bytes());
        let point = sk.verifying_key().to_encoded_point(false);
        let key = PublicKey::Ec {
            curve: Curve::P384,
            x: point.x().expect("affine").to_vec(),
            y: point.y().expect("affine").to_vec(),
        };
        let sig = sig.to_bytes().to_vec();
        out.push(finish(
            "ES384",
            Algorithm::ES384,
            Some(TRELLO_KID),
            (TRELLO_ISS, TRELLO_AUD),
            input,
            sig,
            key,
        ));
    }
    // EdDSA (Ed25519) from a fixed seed.
    {
        use ed25519_dalek::Signer as _;
        let sk = ed25519_dalek::SigningKey::from_bytes(&[0x33; 32]);
        let input = signing_input(&header("EdDSA", Some(TRELLO_KID)), &trello_payload());
        let sig = sk.sign(input.as_bytes()).to_bytes().to_vec();
        let key = PublicKey::Ed25519(sk.verifying_key().to_bytes());
        out.push(finish(
            "EdDSA",
            Algorithm::EdDSA,
            Some(TRELLO_KID),
            (TRELLO_ISS, TRELLO_AUD),
            input,
            sig,
            key,
        ));
    }
    out
}
