//! What every footprint firmware shares: stack painting, a printer without `core::fmt`, the
//! tampered-token check and the exit through semihosting.
//!
//! Kept small on purpose: whatever is here is in every firmware's flash figure. `core::fmt` is
//! never used (it costs 6–16 KiB of flash, more than HS256 itself): numbers are printed by
//! [`print_figure`]'s own decimal loop, and the panic handler prints a fixed line.
//!
//! A figure line reads `figure NAME VALUE` (bytes); scripts/footprint.sh reads them. The
//! figures:
//! - `stack.verify.ALG`: stack one `Verifier::verify` call used below its caller's frame (the
//!   call and everything it calls; the caller's token buffer and the `Verifier` are not in it).
//! - `stack.load`: the same for the call that loaded the keys (`add_secret`, `add_jwk`,
//!   `add_pem_list_json`).
//! - `stack.peak`: the deepest the stack went in the whole run, from its top (`main`'s frame,
//!   with the `Verifier` and the buffers, included): with the static RAM, the RAM in use.
//! - `size.verifier`, `size.buffer`: `size_of` the `Verifier` and the payload buffer.
#![no_std]

use core::hint::black_box;
use core::panic::PanicInfo;
use core::ptr;
use core::sync::atomic::{AtomicUsize, Ordering};

use cortex_m_semihosting::{debug, hio};
use tinyjwt_core::{Error, SignatureBackend, Verified, Verifier};

/// The pattern written below the stack pointer before a measured call.
const PAINT: u32 = 0xCCCC_CCCC;

/// Longest token a firmware copies to tamper with (RS256-4096: 873 bytes).
pub const MAX_TOKEN_LEN: usize = 1024;

/// How many signature characters in the tampered copy lie between the last `.` and the one
/// changed: inside the signature, clear of its last character (whose low bits may be padding).
const TAMPER_OFFSET: usize = 6;

unsafe extern "C" {
    /// cortex-m-rt's linker script: the lowest address the stack may grow down to (the end of
    /// `.bss`/`.uninit`; there is no heap), and where it starts (the top of RAM).
    static _stack_end: u32;
    static _stack_start: u32;
}

/// The deepest stack address seen so far, as a depth from the top of the stack.
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The stack pointer of the calling function (after its prologue).
#[inline(always)]
fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads a register, touches no memory.
    unsafe {
        core::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags))
    };
    sp
}

fn stack_limit() -> usize {
    // Only the address of the linker symbol is taken (no read: safe).
    ptr::addr_of!(_stack_end) as usize
}

fn stack_top() -> usize {
    ptr::addr_of!(_stack_start) as usize
}

/// Runs `f` with the free stack painted and returns how many bytes below this function's
/// stack pointer it used (its call frame included). `f` is called through `dyn`, so it can
/// never be inlined into this frame, above the painted region. Also records the depth reached
/// from the top of the stack (`stack.peak`).
#[inline(never)]
pub fn stack_used(f: &mut dyn FnMut()) -> usize {
    let bottom = stack_limit();
    let sp = stack_pointer();
    let mut p = bottom;
    while p < sp {
        // SAFETY: [bottom, sp) is the free part of the stack: no live data, word aligned
        // (`_stack_end` is 4-aligned, so is sp). Volatile, so the writes are not elided.
        unsafe { ptr::write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
    f();
    let mut p = bottom;
    // SAFETY: as above; reading a word of plain RAM.
    while p < sp && unsafe { ptr::read_volatile(p as *const u32) } == PAINT {
        p += 4;
    }
    if p == bottom {
        fail("the stack reached its limit (.bss): the figure would be a lower bound");
    }
    PEAK.fetch_max(stack_top() - p, Ordering::Relaxed);
    sp - p
}

/// Writes `text` to the host's stdout (nothing if no debugger is attached).
pub fn print(text: &str) {
    if let Ok(mut out) = hio::hstdout() {
        let _ = out.write_all(text.as_bytes());
    }
}

/// Prints `figure NAME VALUE\n`, the decimal digits made here (no `core::fmt`).
pub fn print_figure(name: &str, value: usize) {
    /// `usize::MAX` on a 32-bit target has 10 digits.
    const DIGITS: usize = 10;
    let mut digits = [0u8; DIGITS];
    let mut at = DIGITS;
    let mut v = value;
    loop {
        at -= 1;
        // The remainder of a division by 10 is below 10: the cast is exact.
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    print("figure ");
    print(name);
    print(" ");
    print(core::str::from_utf8(&digits[at..]).unwrap_or("?"));
    print("\n");
}

/// Prints the run-wide figures and exits with success.
pub fn finish() -> ! {
    print_figure("stack.peak", PEAK.load(Ordering::Relaxed));
    print("footprint: all checks passed\n");
    exit(debug::EXIT_SUCCESS)
}

/// `Verifier::verify` in a frame of its own, its inputs opaque to the optimizer, so the figure
/// is the call's and the call is really made.
#[inline(never)]
pub fn verify<'b, B: SignatureBackend, const K: usize>(
    v: &Verifier<'static, B, K>,
    token: &str,
    now: u64,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    v.verify(black_box(token), black_box(now), buf)
}

/// Verifies `token` with the stack painted, checks it passed, prints `stack.verify.NAME`, and
/// checks that a copy with one signature character changed fails with `BadSignature`.
pub fn verify_case<B: SignatureBackend, const K: usize>(
    v: &Verifier<'static, B, K>,
    name: &str,
    token: &str,
    now: u64,
    buf: &mut [u8],
) {
    let token = token.trim_ascii_end();
    let mut ok = false;
    let used = stack_used(&mut || ok = verify(v, token, now, buf).is_ok());
    if !ok {
        print(name);
        fail(": the token did not verify");
    }
    print("verified ");
    print(name);
    print("\n");
    let mut figure = [0u8; 32];
    print_figure(join(&mut figure, "stack.verify.", name), used);

    let mut copy = [0u8; MAX_TOKEN_LEN];
    let Some(dst) = copy.get_mut(..token.len()) else {
        fail("a token is over MAX_TOKEN_LEN bytes");
    };
    dst.copy_from_slice(token.as_bytes());
    let at = token.rfind('.').unwrap_or(0) + TAMPER_OFFSET;
    let Some(c) = dst.get_mut(at) else {
        fail("a signature is too short to tamper with");
    };
    *c = if *c == b'A' { b'B' } else { b'A' };
    let tampered = core::str::from_utf8(dst).unwrap_or("");
    if !matches!(verify(v, tampered, now, buf), Err(Error::BadSignature)) {
        print(name);
        fail(": a tampered copy did not fail with BadSignature");
    }
}

/// `a` then `b` in `out` (truncated to fit), as text.
fn join<'o>(out: &'o mut [u8], a: &str, b: &str) -> &'o str {
    let mut n = 0;
    for (dst, src) in out.iter_mut().zip(a.bytes().chain(b.bytes())) {
        *dst = src;
        n += 1;
    }
    core::str::from_utf8(out.get(..n).unwrap_or(&[])).unwrap_or("?")
}

/// Ends the QEMU run with `status` (semihosting); spins if no debugger is there to exit.
pub fn exit(status: debug::ExitStatus) -> ! {
    debug::exit(status);
    loop {
        cortex_m::asm::nop();
    }
}

/// Prints `FAIL what` and exits with failure.
pub fn fail(what: &str) -> ! {
    print("FAIL ");
    print(what);
    print("\n");
    exit(debug::EXIT_FAILURE)
}

/// Prints a fixed line (formatting the message would link `core::fmt`) and exits with failure.
#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    fail("panic")
}
