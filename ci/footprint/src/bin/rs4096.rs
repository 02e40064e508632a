//! Footprint firmware (d): RS256 with Trello's kind of keys, 4096-bit, published as a JSON
//! array of PEM strings. Loads the list with `add_pem_list_json` (two keys, as during a
//! rotation), verifies one real token (signed by Python `cryptography`, see tokens/gen.py)
//! under an issuer, audience and `exp` policy, and checks a tampered copy fails.
//!
//! Issue 16 point 7: the PEM loaders' stack buffers (`PEM_SCRATCH_LEN` for the DER, and
//! `MAX_PEM_LEN` more for the unescaped text in a list) are measured here too: `add_pem` of
//! one PEM text (`stack.load.add_pem`) and the list (`stack.load`).
#![no_std]
#![no_main]

use core::hint::black_box;
use core::mem::size_of;

use cortex_m_rt::entry;
use tinyjwt_core::limits::DEFAULT_BUFFER_LEN;
use tinyjwt_core::{Algorithm, KeySet, Policy, Strength, Verifier};
use tinyjwt_footprint::{fail, finish, print_figure, stack_used, verify_case};
use tinyjwt_rustcrypto::RustCrypto;

const TOKEN: &str = include_str!("../../tokens/rs4096.jwt");
/// Two SPKI `PUBLIC KEY` PEM texts in a JSON array; the token is signed by the second.
const PEM_LIST: &str = include_str!("../../tokens/trello_pem_list.json");
/// The second key's PEM text alone.
const PEM: &str = include_str!("../../tokens/rs4096.pub.pem");
/// The keys a Trello list holds during a rotation.
const KEYS: usize = 2;

/// "Now": after the token's `iat`, before its `exp`.
const NOW: u64 = 1_700_000_100;
const POLICY: Policy<'static> = Policy::new()
    .leeway(30)
    .issuers(&["https://trello.com"])
    .audiences(&["footprint"]);

#[entry]
fn main() -> ! {
    let mut v = match Verifier::<RustCrypto, KEYS>::new(RustCrypto, POLICY) {
        Ok(v) => v,
        Err(_) => fail("Verifier::new"),
    };
    // One PEM text: the DER scratch (PEM_SCRATCH_LEN) and the backend's `prepare`.
    let mut loaded = false;
    let used = stack_used(&mut || {
        loaded = v
            .keys_mut()
            .add_pem(
                black_box(PEM.as_bytes()),
                Algorithm::RS256,
                None,
                Strength::Enforce,
            )
            .is_ok();
    });
    if !loaded {
        fail("add_pem");
    }
    print_figure("stack.load.add_pem", used);
    let _ = v.replace_keys(KeySet::new());

    // The list: the unescaped text (MAX_PEM_LEN) beside add_pem's scratch.
    let mut added = 0;
    let used = stack_used(&mut || {
        added = v
            .keys_mut()
            .add_pem_list_json(
                black_box(PEM_LIST.as_bytes()),
                Algorithm::RS256,
                Strength::Enforce,
            )
            .unwrap_or(0);
    });
    if added != KEYS {
        fail("add_pem_list_json");
    }
    print_figure("stack.load", used);
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    verify_case(&v, "RS256-4096", TOKEN, NOW, &mut buf);
    print_figure(
        "size.verifier",
        size_of::<Verifier<'static, RustCrypto, KEYS>>(),
    );
    print_figure("size.buffer", buf.len());
    finish()
}
