//! RFC 7515 A.1–A.3, RFC 7520 §4.1–4.4 and RFC 8037 A.4–A.5 at the signature layer: split
//! the token, decode the signature, verify `header.payload` with each of the three backends.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use common::{Vector, bind, key_bytes, vectors};
use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_conformance::Supports;
use tinyjwt_core::{Algorithm, Error, SignatureBackend};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

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
    assert_eq!(
        b.verify(&prepared, &tampered, &sig),
        Err(tinyjwt_core::BadSignature),
        "{}",
        v.name
    );
    Ok(())
}

#[test]
fn rfc_vectors_at_the_signature_layer() {
    let vs = vectors();
    assert_eq!(vs.len(), 8);
    for v in &vs {
        let alg = Algorithm::from_name(&v.alg).unwrap();
        assert_eq!(v.expect, "valid", "{}", v.name);
        // What a backend does not support it refuses with unsupported_alg (RFC 7520 4.3,
        // ES512, on ring).
        let want = |s: Supports| {
            if s.contains(alg) {
                Ok(())
            } else {
                Err(Error::UnsupportedAlg)
            }
        };
        let ring = signature_layer(&Ring, v);
        let rc = signature_layer(&RustCrypto, v);
        let aws = signature_layer(&AwsLcRs, v);
        assert_eq!(ring, want(Supports::RING), "ring: {}", v.name);
        assert_eq!(rc, want(Supports::RUSTCRYPTO), "rustcrypto: {}", v.name);
        assert_eq!(aws, want(Supports::AWS_LC_RS), "aws-lc-rs: {}", v.name);
        println!(
            "{}: ring {:?}, rustcrypto {:?}, aws-lc-rs {:?}",
            v.name,
            ring.map_err(|e| e.code()),
            rc.map_err(|e| e.code()),
            aws.map_err(|e| e.code())
        );
    }
}
