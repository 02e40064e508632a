//! A final `no_std` binary with no global allocator that calls into tinyjwt-core.
//!
//! It is never run: linking it is the test. Every input goes through `black_box`, so the
//! optimizer cannot fold the calls away and the code really is linked.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::panic::PanicInfo;

use tinyjwt_core::{Algorithm, BoundKey, HmacSecret, KeyMaterial, Strength};

/// Exercises the core; returns a value derived from every result so nothing is dead.
#[inline(never)]
fn exercise() -> usize {
    let mut acc = 0usize;

    // Algorithm names.
    for name in ["HS256", "RS256", "PS512", "ES384", "EdDSA", "none"] {
        match Algorithm::from_name(black_box(name)) {
            Ok(alg) => acc = acc.wrapping_add(alg.name().len()),
            Err(e) => acc = acc.wrapping_add(e.code().len()),
        }
    }

    // Key material bound to an algorithm, strength enforced.
    let secret: &[u8] = black_box(b"0123456789abcdef0123456789abcdef");
    if let Ok(secret) = HmacSecret::new(secret) {
        match BoundKey::new(
            Algorithm::HS256,
            KeyMaterial::Hmac(secret),
            Strength::Enforce,
        ) {
            Ok(key) => acc = acc.wrapping_add(key.signature_len()),
            Err(e) => acc = acc.wrapping_add(e.code().len()),
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
