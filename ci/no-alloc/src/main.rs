//! A final `no_std` binary with no global allocator that calls into tinyjwt-core and, with
//! the `rustcrypto` feature, the RustCrypto backend with every algorithm family (RS*/PS*
//! included: they need no heap).
//!
//! It is never run: linking it is the test. Every input goes through `black_box`, so the
//! optimizer cannot fold the calls away and the code really is linked.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::panic::PanicInfo;

use tinyjwt_core::jwk::{self, JWK_SCRATCH_LEN, JwkOptions};
use tinyjwt_core::limits::{DEFAULT_BUFFER_LEN, MAX_PAYLOAD_DEPTH};
use tinyjwt_core::pem::{self, PEM_SCRATCH_LEN};
use tinyjwt_core::{
    Algorithm, BadSignature, BoundKey, CachePolicy, Decision, Error, FetchMeta, HmacSecret,
    KeyCache, KeyInput, KeyMaterial, Part, Policy, SetFormat, SignatureBackend, Strength, Verifier,
    base64url, bearer, json,
};
use tinyjwt_core::{der, jwks};

/// RFC 7515 appendix A.1: an HS256 token, its key as a JWK.
const TOKEN: &str = "Bearer eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
    eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
    dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const HS256_JWK: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
/// The same key in a JWK Set, as a key cache fetches it.
const HS256_SET: &str = r#"{"keys":[{"kty":"oct","kid":"a1","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#;
/// The P-256 generator as an ES256 key (public constants).
#[cfg(feature = "rustcrypto")]
const ES256_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY","y":"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"}"#;
/// The P-521 generator as an ES512 key (public constants, 66-byte coordinates).
#[cfg(feature = "rustcrypto")]
const ES512_JWK: &str = r#"{"kty":"EC","crv":"P-521","x":"AMaFjga3BATpzZ4-y2YjlbRCnGSBOQU_tSH4KK9ga009uqFLXnfv51ko_h3BJ6L_qN4zSLPBhWpCm_l-fjHC5b1m","y":"ARg5KWp4mjvABFyKX7QsfRvZmPVESVebRGgXr70XJz5mLJfucple9CZAxVC5AT-tB2E1PHCGonLCQIi-lHaf0WZQ"}"#;
/// RFC 7515 appendix A.2: an RSA-2048 public key (RS256 with no heap).
#[cfg(feature = "rustcrypto")]
const RSA_JWK: &str = r#"{"kty":"RSA","alg":"RS256","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}"#;
/// RFC 8037 appendix A.2: an Ed25519 public key.
#[cfg(feature = "rustcrypto")]
const ED25519_JWK: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

/// A JWK Set: RFC 8037's Ed25519 key beside a member of an unknown type (skipped).
const JWKS: &str = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},{"kty":"foo"}]}"#;
/// RFC 8037 appendix A.2's Ed25519 public key as an SPKI `PUBLIC KEY`, in PEM and DER.
const ED25519_PEM: &str = "-----BEGIN PUBLIC KEY-----\n\
    MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n\
    -----END PUBLIC KEY-----\n";
const ED25519_DER: [u8; 44] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, 0xd7, 0x5a, 0x98, 0x01,
    0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3,
    0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
];

/// Folds a result into the accumulator, so no call is dead code.
fn fold<T>(acc: &mut usize, r: Result<T, Error>, ok: impl FnOnce(T) -> usize) {
    *acc = acc.wrapping_add(match r {
        Ok(v) => ok(v),
        Err(e) => e.code().len(),
    });
}

/// A stand-in backend with no cryptography (the core alone has none): it accepts a
/// signature equal to the HMAC secret's first bytes. Enough to link the whole verify path.
struct Toy;

impl SignatureBackend for Toy {
    type Key = [u8; 32];
    fn prepare(&self, key: &BoundKey<'_>) -> Result<[u8; 32], Error> {
        match key.input() {
            KeyInput::Hmac { secret: s, .. } => {
                let mut k = [0u8; 32];
                let n = s.as_bytes().len().min(32);
                k[..n].copy_from_slice(&s.as_bytes()[..n]);
                Ok(k)
            }
            _ => Err(Error::UnsupportedAlg),
        }
    }
    fn verify(&self, key: &[u8; 32], _input: &[u8], sig: &[u8]) -> Result<(), BadSignature> {
        if sig == &key[..] {
            Ok(())
        } else {
            Err(BadSignature)
        }
    }
}

/// Builds a verifier for `backend` from the HS256 JWK and verifies the RFC token.
#[inline(never)]
fn verify_with<B: SignatureBackend>(backend: B, acc: &mut usize) {
    let mut scratch = [0u8; JWK_SCRATCH_LEN];
    let opts = JwkOptions::new().alg(Algorithm::HS256);
    let key = match jwk::parse(black_box(HS256_JWK.as_bytes()), opts, &mut scratch) {
        Ok(jwk) => *jwk.key(),
        Err(e) => return *acc = acc.wrapping_add(e.code().len()),
    };
    let policy = Policy::new().issuers(&["joe"]).leeway(black_box(30));
    let verifier = Verifier::<B, 4>::new(backend, policy).and_then(|mut v| {
        v.keys_mut().add_key(&key, None)?;
        Ok(v)
    });
    let verifier = match verifier {
        Ok(v) => v,
        Err(e) => return *acc = acc.wrapping_add(e.code().len()),
    };
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    let verified = verifier.verify_bearer(black_box(TOKEN), black_box(1_300_819_000), &mut buf);
    fold(acc, verified, |v| {
        v.payload().len()
            + v.claims().iss.map_or(0, |s| s.raw().len())
            // Custom claims without serde (issue 15): the claim lookup links too.
            + v.claim_str(black_box("iss")).map_or(0, |s| s.raw().len())
            + usize::from(v.claim_bool("http://example.com/is_root") == Some(true))
    });
}

/// The key cache (issue 13): decide, a fetch of the JWK Set, verify through the cache.
#[inline(never)]
fn cache_with<B: SignatureBackend>(backend: B, acc: &mut usize) {
    let Ok(verifier) = Verifier::<B, 2>::new(backend, Policy::new().issuers(&["joe"])) else {
        return;
    };
    let format = SetFormat::Jwks(
        JwkOptions::new()
            .alg(Algorithm::HS256)
            .allow_symmetric(true),
    );
    let mut cache = KeyCache::new(verifier, format, CachePolicy::DEFAULT);
    let token = bearer(black_box(TOKEN)).unwrap_or("");
    let now = black_box(1_300_819_000);
    if cache.decide(token, now) == Decision::Refresh {
        cache.fetch_started(now);
    }
    let meta = FetchMeta::new()
        .with_cache_control(black_box("public, max-age=600"))
        .with_expires(black_box("Tue, 22 Mar 2011 18:43:00 GMT"), None, now)
        .with_etag(black_box("\"v1\""));
    let loaded = cache.fetch_succeeded(black_box(HS256_SET.as_bytes()), meta, now);
    fold(acc, loaded, |s| s.used() + s.skipped());
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    fold(acc, cache.verify(token, now + 1, &mut buf), |v| {
        v.payload().len()
    });
    if let Decision::Reject(e) = cache.after_failure(Error::BadSignature, now + 2) {
        *acc = acc.wrapping_add(e.code().len());
    }
    cache.fetch_failed(Error::KeysUnavailable, now + 3);
    *acc = acc
        .wrapping_add(cache.etag().map_or(0, str::len))
        .wrapping_add(cache.stats().failures as usize);
}

#[inline(never)]
fn exercise() -> usize {
    let mut acc = 0usize;

    for name in [
        "HS256", "RS256", "PS512", "ES384", "ES512", "EdDSA", "Ed25519", "none",
    ] {
        fold(&mut acc, Algorithm::from_name(black_box(name)), |a| {
            a.name().len()
        });
    }

    let secret: &[u8] = black_box(b"0123456789abcdef0123456789abcdef");
    let key = HmacSecret::new(secret)
        .and_then(|s| BoundKey::new(Algorithm::HS256, KeyMaterial::Hmac(s), Strength::Enforce));
    fold(&mut acc, key, |k| k.signature_len());

    let doc = black_box(br#"{"a":[1,2.5e3,{"b":"\u00e9\ud83d\ude00"}],"c":null}"#);
    fold(
        &mut acc,
        json::validate::<MAX_PAYLOAD_DEPTH>(doc, Part::Payload),
        |()| 1,
    );

    let mut out = [0u8; 64];
    let decoded = base64url::decode(black_box(b"eyJhbGciOiJIUzI1NiJ9"), &mut out);
    acc = acc.wrapping_add(decoded.map_or(0, <[u8]>::len));

    fold(&mut acc, bearer(black_box(TOKEN)), str::len);

    // The key parsers: PEM, DER and a JWK Set, each into borrowed material.
    let mut pem_scratch = [0u8; PEM_SCRATCH_LEN];
    let material = pem::parse(black_box(ED25519_PEM.as_bytes()), &mut pem_scratch);
    fold(&mut acc, material, |m| {
        usize::from(matches!(m, KeyMaterial::Ed25519(_)))
    });
    let material = der::parse(black_box(&ED25519_DER));
    fold(&mut acc, material, |m| {
        usize::from(matches!(m, KeyMaterial::Ed25519(_)))
    });
    let loaded = jwks::for_each(black_box(JWKS.as_bytes()), JwkOptions::new(), |jwk| {
        acc = acc.wrapping_add(jwk.key().signature_len());
        Ok(())
    });
    fold(&mut acc, loaded, |summary| {
        summary.used() + summary.skipped()
    });

    verify_with(Toy, &mut acc);
    cache_with(Toy, &mut acc);

    #[cfg(feature = "rustcrypto")]
    {
        use tinyjwt_rustcrypto::RustCrypto;
        verify_with(RustCrypto, &mut acc);
        cache_with(RustCrypto, &mut acc);
        for text in [ES256_JWK, ES512_JWK, ED25519_JWK, RSA_JWK] {
            let mut scratch = [0u8; JWK_SCRATCH_LEN];
            let prepared = jwk::parse(black_box(text.as_bytes()), JwkOptions::new(), &mut scratch)
                .and_then(|jwk| Ok((RustCrypto.prepare(jwk.key())?, jwk.key().signature_len())));
            // Long enough for every key's signature (RSA-2048: 256 bytes), cut to its length.
            let sig = [black_box(7u8); 256];
            fold(&mut acc, prepared, |(k, len)| {
                let sig = sig.get(..len).unwrap_or(&sig);
                usize::from(RustCrypto.verify(&k, black_box(b"h.p"), sig).is_ok())
            });
        }
    }

    acc
}

/// Entry point. The linker's default entry symbol is `_start`, so no script is needed.
#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    black_box(exercise());
    loop {
        core::hint::spin_loop();
    }
}

#[panic_handler]
fn panic(_info: &PanicInfo) -> ! {
    loop {
        core::hint::spin_loop();
    }
}
