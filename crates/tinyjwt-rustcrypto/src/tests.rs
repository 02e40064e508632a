//! Which keys the backend takes, for whichever algorithm families this build has: a key of a
//! family whose feature is off is `unsupported_alg`, never a panic. `scripts/feature-matrix.sh`
//! runs this with each family alone.

use super::*;
use tinyjwt_core::jwk::{self, JWK_SCRATCH_LEN, JwkOptions};

/// One public key (or secret) per family, as JWKs with `alg`, and the feature that enables it.
const KEYS: [(&str, bool); 6] = [
    (
        r#"{"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#,
        cfg!(feature = "hs256"),
    ),
    // RFC 7515 appendix A.2.
    (
        r#"{"kty":"RSA","alg":"PS256","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}"#,
        cfg!(feature = "ps256"),
    ),
    // The curves' generators (public constants).
    (
        r#"{"kty":"EC","crv":"P-256","x":"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY","y":"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"}"#,
        cfg!(feature = "es256"),
    ),
    (
        r#"{"kty":"EC","crv":"P-384","x":"qofKIr6LBTeOscce8yCtdG4dO2KLp5uYWfdB4IJUKjhVAvJdv1UpbDpUXjhydgq3","y":"NhfeSpYmLG9dnpi_kpLcKfj0Hb0omhR86doxE7XwuMAKYLHOHX6BnXpDHXyQ6g5f"}"#,
        cfg!(feature = "es384"),
    ),
    (
        r#"{"kty":"EC","crv":"P-521","x":"AMaFjga3BATpzZ4-y2YjlbRCnGSBOQU_tSH4KK9ga009uqFLXnfv51ko_h3BJ6L_qN4zSLPBhWpCm_l-fjHC5b1m","y":"ARg5KWp4mjvABFyKX7QsfRvZmPVESVebRGgXr70XJz5mLJfucple9CZAxVC5AT-tB2E1PHCGonLCQIi-lHaf0WZQ"}"#,
        cfg!(feature = "es512"),
    ),
    // RFC 8037 appendix A.2.
    (
        r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
        cfg!(feature = "eddsa"),
    ),
];

#[test]
fn a_family_that_is_off_is_unsupported_alg() {
    for (text, on) in KEYS {
        let mut scratch = [0u8; JWK_SCRATCH_LEN];
        let parsed = jwk::parse(text.as_bytes(), JwkOptions::new(), &mut scratch).unwrap();
        let prepared = RustCrypto.prepare(parsed.key());
        if on {
            let key = prepared.unwrap_or_else(|e| panic!("{text}: {e:?}"));
            // A signature of zeros, as long as the algorithm's, is refused, not a panic.
            let zeros = [0u8; 256];
            let sig = &zeros[..parsed.key().signature_len().min(256)];
            assert_eq!(
                RustCrypto.verify(&key, b"a.b", sig),
                Err(BadSignature),
                "{text}"
            );
        } else {
            assert_eq!(prepared.err(), Some(Error::UnsupportedAlg), "{text}");
        }
    }
}
