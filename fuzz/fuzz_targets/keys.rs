//! Key parsing: JWK, JWK Set, PEM, PEM bundle, JSON list of PEMs and DER, each called plainly
//! and loaded into a `Verifier` (accept-all backend, and sometimes the three real backends,
//! whose `prepare` must never panic on any parsed key material either).
//!
//! Input: byte 0 picks the format, byte 1 the options (algorithm, strength, symmetric keys in
//! sets, real backends), the rest is the key text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tinyjwt_aws_lc_rs::AwsLcRs;
use tinyjwt_core::jwk::{self, JWK_SCRATCH_LEN, JwkOptions};
use tinyjwt_core::pem::{self, PEM_SCRATCH_LEN};
use tinyjwt_core::{
    Algorithm, BoundKey, Error, KeyMaterial, Limit, Policy, SignatureBackend, Strength, Verifier,
    der, jwks,
};
use tinyjwt_fuzz::{AcceptAll, Bytes};
use tinyjwt_ring::Ring;
use tinyjwt_rustcrypto::RustCrypto;

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let format = b.u8();
    let opts_byte = b.u8();
    let text = b.rest();

    let alg = Algorithm::ALL[usize::from(opts_byte & 0x0f) % Algorithm::ALL.len()];
    let strength = if opts_byte & 0x10 != 0 {
        Strength::AllowWeak
    } else {
        Strength::Enforce
    };
    let mut opts = JwkOptions::new().strength(strength);
    if opts_byte & 0x20 != 0 {
        opts = opts.alg(alg);
    }
    if opts_byte & 0x40 != 0 {
        opts = opts.allow_symmetric(true);
    }
    let real_backends = opts_byte & 0x80 != 0;
    let kid = (format & 0x80 != 0).then_some("k");

    match format % 6 {
        0 => {
            let mut scratch = [0u8; JWK_SCRATCH_LEN];
            let parsed = jwk::parse(text, opts, &mut scratch);
            if let Ok(j) = &parsed {
                assert!(
                    j.kid()
                        .is_none_or(|k| k.len() <= tinyjwt_core::limits::MAX_KID_LEN)
                );
                check_material(j.key());
            }
            let ok = parsed.is_ok();
            load(
                real_backends,
                |v| v.add_jwk(text, opts).map(|_| 1),
                Some(ok),
            );
        }
        1 => {
            let mut count = 0usize;
            let r = jwks::for_each(text, opts, |j| {
                check_material(j.key());
                count += 1;
                Ok(())
            });
            if let Ok(summary) = r {
                assert_eq!(summary.used(), count);
                assert_eq!(summary.used() + summary.skipped(), summary.members());
            }
            load(real_backends, |v| v.add_jwks(text, opts), None);
        }
        2 => {
            let mut scratch = [0u8; PEM_SCRATCH_LEN];
            let _ = pem::decode(text, &mut scratch);
            let parsed = pem::parse(text, &mut scratch).map(|m| bind(alg, m, strength));
            load(
                real_backends,
                |v| v.add_pem(text, alg, kid, strength).map(|_| 1),
                Some(matches!(parsed, Ok(Ok(_)))),
            );
        }
        3 => {
            // A bundle: every block is a slice of the input, blocks never overlap.
            let mut end = 0usize;
            for block in pem::blocks(text).take(64) {
                let Ok(block) = block else { break };
                let start = block.as_ptr() as usize - text.as_ptr() as usize;
                assert!(start >= end && start + block.len() <= text.len());
                end = start + block.len();
                let mut scratch = [0u8; PEM_SCRATCH_LEN];
                let _ = pem::parse(block, &mut scratch);
            }
            load(
                real_backends,
                |v| v.add_pem_bundle(text, alg, strength),
                None,
            );
        }
        4 => {
            // The list reader decodes each entry in place over its text; the same entries
            // through `parse` (a separate DER scratch) must give the same keys and errors.
            let mut split = Vec::new();
            let a = pem::for_each_in_list(text, |entry| {
                let mut scratch = [0u8; PEM_SCRATCH_LEN];
                let key = pem::parse(entry, &mut scratch)?;
                split.push(format!("{key:?}"));
                Ok(())
            });
            let mut in_place = Vec::new();
            let b = pem::for_each_key_in_list(text, |key| {
                in_place.push(format!("{key:?}"));
                Ok(())
            });
            assert_eq!(a, b, "list readers disagree");
            assert_eq!(split, in_place, "list readers disagree on the keys");
            load(
                real_backends,
                |v| v.add_pem_list_json(text, alg, strength),
                None,
            );
        }
        _ => {
            let _ = der::kind(text);
            let _ = der::spki(text);
            let _ = der::pkcs1(text);
            let _ = der::certificate(text);
            let parsed = der::parse(text).map(|m| bind(alg, m, strength));
            load(
                real_backends,
                |v| v.add_der(text, alg, kid, strength).map(|_| 1),
                Some(matches!(parsed, Ok(Ok(_)))),
            );
        }
    }
});

fn bind(alg: Algorithm, m: KeyMaterial<'_>, strength: Strength) -> Result<(), Error> {
    let key = BoundKey::new(alg, m, strength)?;
    check_material(&key);
    Ok(())
}

/// Facts every parsed key must satisfy.
fn check_material(key: &BoundKey<'_>) {
    assert!(key.signature_len() > 0);
    match key.material() {
        KeyMaterial::Rsa(k) => {
            assert!(k.bits() <= tinyjwt_core::limits::MAX_RSA_BITS);
            assert_eq!(key.signature_len(), k.signature_len());
        }
        KeyMaterial::Ec(k) => {
            assert_eq!(k.x().len(), k.curve().coordinate_len());
            assert_eq!(k.y().len(), k.curve().coordinate_len());
        }
        KeyMaterial::Ed25519(_) | KeyMaterial::Hmac(_) => {}
    }
}

/// Loads with `add` into a small verifier (capacity 4, pre-filled with one key so that the
/// all-or-nothing rollback is checked), with the accept-all backend and, if asked, the three
/// real backends. `expect_ok`: the plain parse's verdict, which loading with the accept-all
/// backend must match.
fn load<F>(real: bool, add: F, expect_ok: Option<bool>)
where
    F: Fn(&mut dyn Load) -> Result<usize, Error>,
{
    let mut a = Loader::<AcceptAll>::new(AcceptAll);
    let r = a.run(&add);
    if let Some(ok) = expect_ok {
        assert_eq!(r.is_ok(), ok, "plain parse and Verifier disagree: {r:?}");
    }
    if real {
        let mut ring = Loader::<Ring>::new(Ring);
        let mut rc = Loader::<RustCrypto>::new(RustCrypto);
        let mut aws = Loader::<AwsLcRs>::new(AwsLcRs);
        let r1 = ring.run(&add);
        let r2 = rc.run(&add);
        let r3 = aws.run(&add);
        // Key *preparation* verdicts may legitimately differ only where documented; require
        // both to be sane: if the accept-all load failed, the real ones fail too — except
        // when it ran out of room. In a JWK Set a member a real backend refuses (a point off
        // the curve) is skipped, not an error (RFC 7517 §5), so a real backend may load fewer
        // keys into the same capacity and succeed where accepting every member overflowed.
        if r.is_err() && r != Err(Error::TooLarge(Limit::Keys)) {
            assert!(
                r1.is_err() && r2.is_err() && r3.is_err(),
                "{r:?} / ring {r1:?} / rustcrypto {r2:?} / aws-lc-rs {r3:?}"
            );
        }
    }
}

/// Object-safe view of `Verifier`'s key-loading methods.
trait Load {
    fn add_jwk(&mut self, json: &[u8], opts: JwkOptions) -> Result<(), Error>;
    fn add_jwks(&mut self, json: &[u8], opts: JwkOptions) -> Result<usize, Error>;
    fn add_pem(
        &mut self,
        t: &[u8],
        a: Algorithm,
        k: Option<&str>,
        s: Strength,
    ) -> Result<(), Error>;
    fn add_pem_bundle(&mut self, t: &[u8], a: Algorithm, s: Strength) -> Result<usize, Error>;
    fn add_pem_list_json(&mut self, t: &[u8], a: Algorithm, s: Strength) -> Result<usize, Error>;
    fn add_der(
        &mut self,
        t: &[u8],
        a: Algorithm,
        k: Option<&str>,
        s: Strength,
    ) -> Result<(), Error>;
}

struct Loader<B: SignatureBackend>(Verifier<'static, B, 4>);

impl<B: SignatureBackend> Loader<B> {
    fn new(b: B) -> Self {
        let mut v: Verifier<'static, B, 4> = Verifier::new(b, Policy::new()).unwrap();
        v.keys_mut().add_jwk(
            br#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow","alg":"HS256","kid":"pre"}"#,
            JwkOptions::new(),
        )
        .unwrap();
        Self(v)
    }

    fn run<F>(&mut self, add: &F) -> Result<usize, Error>
    where
        F: Fn(&mut dyn Load) -> Result<usize, Error>,
        Verifier<'static, B, 4>: Load,
    {
        let r = add(&mut self.0);
        match &r {
            Ok(n) => assert!(self.0.keys().len() == 1 + n),
            // All-or-nothing: a failed load leaves the keys as they were.
            Err(_) => assert_eq!(self.0.keys().len(), 1),
        }
        r
    }
}

impl<B: SignatureBackend> Load for Verifier<'static, B, 4> {
    fn add_jwk(&mut self, json: &[u8], opts: JwkOptions) -> Result<(), Error> {
        self.keys_mut().add_jwk(json, opts).map(|_| ())
    }
    fn add_jwks(&mut self, json: &[u8], opts: JwkOptions) -> Result<usize, Error> {
        self.keys_mut().add_jwks(json, opts).map(|s| s.used())
    }
    fn add_pem(
        &mut self,
        t: &[u8],
        a: Algorithm,
        k: Option<&str>,
        s: Strength,
    ) -> Result<(), Error> {
        self.keys_mut().add_pem(t, a, k, s).map(|_| ())
    }
    fn add_pem_bundle(&mut self, t: &[u8], a: Algorithm, s: Strength) -> Result<usize, Error> {
        self.keys_mut().add_pem_bundle(t, a, s)
    }
    fn add_pem_list_json(&mut self, t: &[u8], a: Algorithm, s: Strength) -> Result<usize, Error> {
        self.keys_mut().add_pem_list_json(t, a, s)
    }
    fn add_der(
        &mut self,
        t: &[u8],
        a: Algorithm,
        k: Option<&str>,
        s: Strength,
    ) -> Result<(), Error> {
        self.keys_mut().add_der(t, a, k, s).map(|_| ())
    }
}
