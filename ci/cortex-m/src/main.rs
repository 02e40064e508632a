//! Stack high-water of `Verifier::verify` on a Cortex-M3 (QEMU `lm3s6965evb`, 64 KiB RAM),
//! with tinyjwt-core and the RustCrypto backend and no allocator at all.
//!
//! For HS256 (a Miro-like token: `sub iss team user exp iat`), ES256, ES384 (default build) or
//! ES512 (`--no-default-features --features es512`: p384 and p521 do not both fit 256 KiB of
//! flash), and EdDSA it loads the key with `Verifier::add_jwk`, verifies a real token under a
//! realistic `Policy` (issuer, audience, required claims, `exp`), and checks that a copy with one
//! signature character changed fails with `Error::BadSignature` (and the Miro token, once expired,
//! with `Error::Expired`). Each `add_jwk` and `verify` call runs with the stack below the current
//! stack pointer painted; the deepest word it overwrote gives the bytes it used. The figures are
//! printed through semihosting (`stack verify HS256: 1234 bytes`) and the program exits with
//! failure if a check fails or a figure exceeds its bound (the `*_BOUND` constants).
//!
//! What a figure covers: the call itself and everything it calls. The caller's token buffer
//! (`DEFAULT_BUFFER_LEN` bytes) and the `Verifier` value (its prepared keys) are the
//! caller's and are not in it; `size_of` of the verifiers is printed beside.
//!
//! Then it drives a `KeyCache` (tinyjwt-core's sans-I/O JWKS cache, issue 13) through a key
//! rotation with canned bytes (`run_cache`: `tokens/rotation_{a,b}.jwks.json`, the ES256 and
//! EdDSA tokens): cold start, an unknown `kid` refused within the cooldown and fetched after
//! it, a truncated refresh that keeps the keys, the rotation, a `304`, stale-while-error then
//! `keys_unavailable`, a clock at 0 and at `u64::MAX`; and measures the stack of `decide`,
//! `fetch_succeeded` and the cache's `verify`.
//!
//! RSA runs in the `rs` build (`--no-default-features --features rs`; with ES384 beside it the
//! firmware would not fit the board's flash): a Trello-style RS256-4096 token against Trello's
//! published list of PEM keys (`add_pem_list_json`) and a Canva-style RS256 token chosen by `kid`
//! from a JWK Set, with no allocator, in `rsa.rs`.
//!
//! Tokens and keys come from the repository: `fuzz/vectors/diff_tokens.txt` and
//! `fuzz/vectors/diff_keys.json` (valid tokens of every algorithm with their JWKs), and
//! `tokens/miro-hs256.jwt` here (signed with that file's `hs256` key; see README.md), and
//! `tokens/es512.{jwt,jwks.json}` (made by `jose`, see README.md).
#![no_std]
#![no_main]

use core::hint::black_box;
use core::mem::size_of;
use core::panic::PanicInfo;
use core::ptr;

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};
use tinyjwt_core::jwk::JwkOptions;
use tinyjwt_core::limits::DEFAULT_BUFFER_LEN;
use tinyjwt_core::{
    Algorithm, CachePolicy, Decision, Error, FetchMeta, KeyCache, Policy, SetFormat, Verified,
    Verifier, base64url,
};
use tinyjwt_rustcrypto::RustCrypto;

#[cfg(feature = "rs")]
mod rsa;

/// Bytes of stack one `verify` call may use, per algorithm: the figures measured when this
/// was written (README.md) plus 30-40 %, rounded up to a KiB; lower a bound when a figure
/// drops. (Each algorithm has its own frame in the RustCrypto backend: when one `match` held
/// them all, HS256 paid for P-384 and used 7.4 KiB.)
/// HS256: measured 1908 since the general JSON parser (the fallback the flat path never takes
/// on this token) got a frame of its own; 3768 before, when its duplicate-name stack sat in
/// `verify`'s frame. The bound stays above what a token needing that fallback uses.
const VERIFY_STACK_BOUND_HS256: usize = 4 * 1024; // measured 1908
const VERIFY_STACK_BOUND_ES256: usize = 8 * 1024; // measured 5544
const VERIFY_STACK_BOUND_ES384: usize = 10 * 1024; // measured 7588
const VERIFY_STACK_BOUND_EDDSA: usize = 12 * 1024; // measured 8800
/// ES512 (P-521, `p521` 0.13), in the `es512` build (see `ES512_CASE`).
const VERIFY_STACK_BOUND_ES512: usize = 15 * 1024; // measured 11168
/// Bytes of stack one `add_jwk` call may use, any algorithm (it parses into a
/// `JWK_SCRATCH_LEN` scratch buffer on its own stack, then prepares the key with the
/// backend; measured 5612 to 6088, EdDSA highest; 5060 to 6576 in the `es512` build).
/// In the `rs` build every prepared key is 1 KiB bigger (the RSA modulus is held inline, no
/// heap) and `add_jwk` moves a few of them: measured 7212 to 8608.
const ADD_JWK_STACK_BOUND: usize = if cfg!(feature = "rs") {
    10 * 1024
} else {
    8 * 1024
};

/// Bytes of stack the key cache's calls may use (`run_cache`): `decide` parses the header
/// into a `MAX_HEADER_LEN` buffer; `fetch_succeeded` builds a `KeySet<RustCrypto, 2>` beside
/// the one in force and loads a two-key JWK Set into it (JWK scratch, then the backend's
/// `prepare`); `KeyCache::verify` is `Verifier::verify` (EdDSA, the deepest) behind one check.
const CACHE_DECIDE_STACK_BOUND: usize = 5 * 1024; // measured 3708
/// (measured 8792, 9288 in the es512 build, 14304 in the rs build: its key set copy holds
/// 1 KiB keys)
const CACHE_FETCH_STACK_BOUND: usize = if cfg!(feature = "rs") {
    18 * 1024
} else {
    12 * 1024
};
const CACHE_VERIFY_STACK_BOUND: usize = VERIFY_STACK_BOUND_EDDSA; // measured 8472

/// The fuzz crate's differential vectors: one token per line, and their JWKs.
const DIFF_TOKENS: &str = include_str!("../../../fuzz/vectors/diff_tokens.txt");
const DIFF_KEYS: &str = include_str!("../../../fuzz/vectors/diff_keys.json");
/// `{"alg":"HS256","typ":"JWT","kid":"hs256"}` . `{"sub":"3458764517517852417","iss":"miro",
/// "team":"3074457349056199734","user":"3458764517517852417","exp":4000000000,"iat":1700000000}`
const MIRO_TOKEN: &str = include_str!("../tokens/miro-hs256.jwt");
/// ES512 (P-521) token and key made by panva `jose`
/// (`crates/tinyjwt-core/tests/vectors/gen_es512.mjs`), with the differential vectors' claims.
const ES512_TOKEN: &str = include_str!("../tokens/es512.jwt");
const ES512_KEYS: &str = include_str!("../tokens/es512.jwks.json");

/// The key cache's rotation (`run_cache`): the set before (`es256`, and the Ed25519 key under
/// the kid `eddsa-2025`) and after (the Ed25519 key as `eddsa`, the P-256 key as `es256-2026`),
/// made from diff_keys.json by renaming kids (README.md).
const ROTATION_A: &str = include_str!("../tokens/rotation_a.jwks.json");
const ROTATION_B: &str = include_str!("../tokens/rotation_b.jwks.json");

/// "Now" for every check: after the tokens' `iat`/`nbf`, before their `exp` (4000000000).
const NOW: u64 = 1_700_000_100;
/// Past every token's `exp` (and the leeway).
const LATER: u64 = 4_000_000_100;

/// Miro: HS256 with the app secret; `team` and `user` must be present.
const MIRO_POLICY: Policy<'static> = Policy::new()
    .leeway(30)
    .issuers(&["miro"])
    .require(&["team", "user"]);
/// The differential vectors' claims: `iss` "fuzz", `aud` ["a","b"], `sub`, `exp`, `nbf`, `iat`.
const DIFF_POLICY: Policy<'static> = Policy::new()
    .leeway(30)
    .issuers(&["fuzz"])
    .audiences(&["a"])
    .require(&["sub"]);

/// The longest token a case has (the Trello RS256-4096 one: 1032 bytes).
const MAX_TOKEN_LEN: usize = 1536;

/// The pattern written below the stack pointer before a measured call.
const PAINT: u32 = 0xCCCC_CCCC;

unsafe extern "C" {
    /// cortex-m-rt's linker script: the lowest address the stack may grow down to (the end of
    /// `.bss`/`.uninit`; there is no heap).
    static _stack_end: u32;
    /// Where `.data`'s initial values sit in flash, and `.data`'s bounds in RAM.
    static __sidata: u32;
    static __sdata: u32;
    static __edata: u32;
}

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

/// Runs `f` with the free stack painted and returns how many bytes below this function's
/// stack pointer it used (its call frame included). `f` is called through `dyn`, so it can
/// never be inlined into this frame, above the painted region.
#[inline(never)]
fn stack_used(f: &mut dyn FnMut()) -> usize {
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
    sp - p
}

/// One algorithm's case.
struct Case {
    name: &'static str,
    alg: Algorithm,
    /// The JWK's `kid` in diff_keys.json.
    kid: &'static str,
    /// The token; `None`: the diff_tokens.txt line whose header carries `kid`.
    token: Option<&'static str>,
    verify_bound: usize,
}

const CASES: [Case; 4] = [
    Case {
        name: "HS256",
        alg: Algorithm::HS256,
        kid: "hs256",
        token: Some(MIRO_TOKEN),
        verify_bound: VERIFY_STACK_BOUND_HS256,
    },
    Case {
        name: "ES256",
        alg: Algorithm::ES256,
        kid: "es256",
        token: None,
        verify_bound: VERIFY_STACK_BOUND_ES256,
    },
    Case {
        name: "ES384",
        alg: Algorithm::ES384,
        kid: "es384",
        token: None,
        verify_bound: VERIFY_STACK_BOUND_ES384,
    },
    Case {
        name: "EdDSA",
        alg: Algorithm::EdDSA,
        kid: "eddsa",
        token: None,
        verify_bound: VERIFY_STACK_BOUND_EDDSA,
    },
];

/// ES512, in a verifier of its own (its key is not in diff_keys.json). Only in the build
/// with the `es512` feature, which leaves ES384 out: p384 and p521 together do not fit the
/// board's 256 KiB of flash.
#[cfg_attr(not(feature = "es512"), allow(dead_code))]
const ES512_CASE: Case = Case {
    name: "ES512",
    alg: Algorithm::ES512,
    kid: "es512",
    token: Some(ES512_TOKEN),
    verify_bound: VERIFY_STACK_BOUND_ES512,
};

/// The JSON text of the object in `set` (diff_keys.json: `{"keys":[{..},..]}`, no braces
/// inside strings) that contains the string `"kid"`.
fn jwk_text(set: &'static str, kid: &str) -> &'static str {
    let bytes = set.as_bytes();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' => {
                depth += 1;
                if depth == 2 {
                    start = i;
                }
            }
            b'}' => {
                if depth == 2 && quoted_in(&bytes[start..=i], kid) {
                    return &set[start..=i];
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    fail("a kid is missing from fuzz/vectors/diff_keys.json")
}

/// Whether `hay` contains `"needle"`.
fn quoted_in(hay: &[u8], needle: &str) -> bool {
    let n = needle.len() + 2;
    hay.windows(n)
        .any(|w| w[0] == b'"' && w[n - 1] == b'"' && &w[1..n - 1] == needle.as_bytes())
}

/// The diff_tokens.txt line whose (decoded) header names `kid`.
fn diff_token(kid: &str) -> &'static str {
    for line in DIFF_TOKENS.lines() {
        let header = line.split('.').next().unwrap_or("");
        let mut out = [0u8; 128];
        if let Ok(json) = base64url::decode(header.as_bytes(), &mut out)
            && quoted_in(json, kid)
        {
            return line;
        }
    }
    fail("a kid is missing from fuzz/vectors/diff_tokens.txt")
}

#[inline(never)]
fn add_jwk<const K: usize>(
    v: &mut Verifier<'static, RustCrypto, K>,
    jwk: &str,
    alg: Algorithm,
) -> Result<(), Error> {
    v.keys_mut()
        .add_jwk(black_box(jwk.as_bytes()), JwkOptions::new().alg(alg))
        .map(|_| ())
}

#[inline(never)]
fn verify<'b, const K: usize>(
    v: &Verifier<'static, RustCrypto, K>,
    token: &str,
    now: u64,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    v.verify(black_box(token), black_box(now), buf)
}

/// Loads the case's key into `v`, verifies its token (and two bad variants), prints the
/// figures and returns how many bounds were exceeded.
fn run<const K: usize>(v: &mut Verifier<'static, RustCrypto, K>, case: &Case) -> usize {
    let mut over = 0;
    let keys = if case.alg == Algorithm::ES512 {
        ES512_KEYS
    } else {
        DIFF_KEYS
    };
    let jwk = jwk_text(keys, case.kid);
    let mut loaded = Ok(());
    let used = stack_used(&mut || loaded = add_jwk(v, jwk, case.alg));
    if let Err(e) = loaded {
        hprintln!("FAIL {}: add_jwk: {}", case.name, e.code());
        return over + 1;
    }
    hprintln!("stack add_jwk {}: {} bytes", case.name, used);
    if used > ADD_JWK_STACK_BOUND {
        hprintln!("FAIL above ADD_JWK_STACK_BOUND = {}", ADD_JWK_STACK_BOUND);
        over += 1;
    }

    let token = case
        .token
        .unwrap_or_else(|| diff_token(case.kid))
        .trim_end();
    over + check_token(v, case.name, case.alg, token, case.verify_bound)
}

/// Verifies `token` (measuring the stack of `verify` against `bound`), then checks that a copy
/// with one signature character changed fails with `BadSignature` and that the token fails with
/// `Expired` past its `exp`. Returns how many checks failed.
fn check_token<const K: usize>(
    v: &Verifier<'static, RustCrypto, K>,
    name: &str,
    alg: Algorithm,
    token: &str,
    bound: usize,
) -> usize {
    let mut over = 0;
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    let mut ok = false;
    let used = stack_used(&mut || {
        ok = match verify(v, token, NOW, &mut buf) {
            Ok(verified) => verified.header().alg() == alg,
            Err(e) => {
                hprintln!("FAIL {}: verify: {}", name, e.code());
                false
            }
        }
    });
    if !ok {
        return over + 1;
    }
    hprintln!("stack verify {}: {} bytes", name, used);
    if used > bound {
        hprintln!("FAIL above the bound {}", bound);
        over += 1;
    }

    // One base64url character in the middle of the signature changed (still canonical).
    let mut copy = [0u8; MAX_TOKEN_LEN];
    let t = token.as_bytes();
    let Some(dst) = copy.get_mut(..t.len()) else {
        fail("a token is over MAX_TOKEN_LEN bytes");
    };
    dst.copy_from_slice(t);
    let at = token.rfind('.').unwrap_or(0) + 6;
    dst[at] = if dst[at] == b'A' { b'B' } else { b'A' };
    let tampered = core::str::from_utf8(dst).unwrap_or("");
    let r = verify(v, tampered, NOW, &mut buf).map(|_| ());
    if r != Err(Error::BadSignature) {
        hprintln!("FAIL {}: tampered signature gave {:?}", name, r);
        over += 1;
    }
    let r = verify(v, token, LATER, &mut buf).map(|_| ());
    if !matches!(r, Err(Error::Expired { .. })) {
        hprintln!("FAIL {}: expired token gave {:?}", name, r);
        over += 1;
    }
    over
}

#[inline(never)]
fn cache_decide(c: &KeyCache<'static, RustCrypto, 2>, token: &str, now: u64) -> Decision {
    c.decide(black_box(token), black_box(now))
}

#[inline(never)]
fn cache_fetch(
    c: &mut KeyCache<'static, RustCrypto, 2>,
    body: &str,
    meta: FetchMeta<'_>,
    now: u64,
) -> Result<usize, Error> {
    c.fetch_succeeded(black_box(body.as_bytes()), meta, black_box(now))
        .map(|s| s.used())
}

/// `KeyCache::verify` with the caller's buffer (outside the measured frame, as for `verify`).
#[inline(never)]
fn cache_verify_in(
    c: &KeyCache<'static, RustCrypto, 2>,
    token: &str,
    now: u64,
    buf: &mut [u8],
) -> Result<(), Error> {
    c.verify(black_box(token), black_box(now), buf).map(|_| ())
}

fn cache_verify(c: &KeyCache<'static, RustCrypto, 2>, token: &str, now: u64) -> Result<(), Error> {
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    cache_verify_in(c, token, now, &mut buf)
}

/// Drives a `KeyCache` through a rotation with canned bytes (issue 13): a cold start, an
/// unknown `kid` refused within the cooldown and fetched after it, a malformed refresh that
/// keeps the keys, the rotation, a `304` revalidation, stale-while-error up to the staleness
/// bound and then `keys_unavailable`, and a clock reset to 0. Real ES256 and EdDSA tokens
/// (diff_tokens.txt) verify through the cache. Returns how many checks failed.
fn run_cache() -> usize {
    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        if !ok {
            hprintln!("FAIL cache: {}", what);
            failures += 1;
        }
    };
    let verifier = match Verifier::<RustCrypto, 2>::new(RustCrypto, DIFF_POLICY) {
        Ok(v) => v,
        Err(_) => fail("Verifier::new (cache)"),
    };
    let mut c = KeyCache::new(
        verifier,
        SetFormat::Jwks(JwkOptions::new()),
        CachePolicy::DEFAULT,
    );
    let es = diff_token("es256").trim_end();
    let ed = diff_token("eddsa").trim_end();
    let max_age = FetchMeta::new().with_cache_control("public, max-age=600");
    let t = NOW;

    // Cold start: fetch first.
    let mut d = Decision::UseKeys;
    let decide_used = stack_used(&mut || d = cache_decide(&c, es, t));
    check(d == Decision::Refresh, "cold start asks for a fetch");
    c.fetch_started(t);
    check(
        cache_decide(&c, es, t) == Decision::Wait,
        "wait while in flight",
    );
    let mut loaded = Err(Error::NoUsableKey);
    let fetch_used = stack_used(&mut || loaded = cache_fetch(&mut c, ROTATION_A, max_age, t));
    check(loaded == Ok(2), "set A loads two keys");
    check(
        cache_decide(&c, es, t + 1) == Decision::UseKeys,
        "es256 in set A",
    );
    // The EdDSA token names `eddsa`; set A has the key only as `eddsa-2025`.
    check(
        cache_verify(&c, ed, t + 1) == Err(Error::UnknownKid),
        "eddsa unknown in set A",
    );
    check(
        cache_verify(&c, es, t + 1).is_ok(),
        "ES256 verifies from set A",
    );

    // The EdDSA token's kid is unknown: refused within the cooldown, one fetch after it.
    check(
        cache_decide(&c, ed, t + 29) == Decision::Reject(Error::UnknownKid),
        "unknown kid within the cooldown",
    );
    check(
        cache_decide(&c, ed, t + 30) == Decision::Refresh,
        "refresh after the cooldown",
    );
    c.fetch_started(t + 30);
    // A truncated body: refused, the keys stay.
    check(
        cache_fetch(&mut c, &ROTATION_B[..40], max_age, t + 31).is_err(),
        "truncated set refused",
    );
    check(
        cache_verify(&c, es, t + 31).is_ok(),
        "old keys kept after a bad refresh",
    );
    check(
        cache_decide(&c, ed, t + 31) == Decision::Reject(Error::UnknownKid),
        "one refresh per cooldown",
    );
    // The rotation.
    check(
        cache_decide(&c, ed, t + 60) == Decision::Refresh,
        "second refresh",
    );
    c.fetch_started(t + 60);
    check(
        cache_fetch(&mut c, ROTATION_B, max_age, t + 61) == Ok(2),
        "set B loads",
    );
    check(
        cache_decide(&c, ed, t + 62) == Decision::UseKeys,
        "eddsa in set B",
    );
    let mut verified = Err(Error::BadSignature);
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    let verify_used = stack_used(&mut || verified = cache_verify_in(&c, ed, t + 62, &mut buf));
    check(verified.is_ok(), "EdDSA verifies from set B");
    check(
        cache_decide(&c, es, t + 62) == Decision::Reject(Error::UnknownKid),
        "es256 left the set",
    );

    // 304 after the max age: the keys stay and their age restarts.
    let t2 = t + 61 + 600;
    check(
        cache_decide(&c, ed, t2) == Decision::UseKeysAndRefresh,
        "stale set: use and refresh",
    );
    c.fetch_started(t2);
    check(
        c.fetch_not_modified(max_age, t2 + 1).is_ok(),
        "304 accepted",
    );
    check(
        cache_decide(&c, ed, t2 + 2) == Decision::UseKeys,
        "304 resets the age",
    );

    // The key server goes down: the set serves 24 h past its max age, then keys_unavailable.
    let t3 = t2 + 1 + 600;
    check(
        cache_decide(&c, ed, t3) == Decision::UseKeysAndRefresh,
        "stale again: refresh",
    );
    c.fetch_started(t3);
    c.fetch_failed(Error::KeysUnavailable, t3 + 5);
    let end = t2 + 1 + 600 + 86_400;
    check(
        cache_verify(&c, ed, end - 1).is_ok(),
        "stale-while-error serves",
    );
    check(
        cache_verify(&c, ed, end) == Err(Error::KeysUnavailable),
        "keys_unavailable past the bound",
    );
    check(
        cache_decide(&c, ed, end) == Decision::Refresh,
        "refresh when unavailable",
    );
    // A clock reset to 0 (no RTC): the set is too old to trust; no overflow.
    check(cache_decide(&c, ed, 0) == Decision::Refresh, "clock at 0");
    check(
        cache_decide(&c, ed, u64::MAX) == Decision::Refresh,
        "clock at u64::MAX",
    );
    let s = c.stats();
    check(
        (s.fetches, s.successes, s.not_modified, s.failures, s.keys) == (5, 2, 1, 2, 2),
        "stats",
    );

    hprintln!(
        "stack cache decide: {} bytes, fetch_succeeded: {} bytes, verify (EdDSA): {} bytes",
        decide_used,
        fetch_used,
        verify_used
    );
    hprintln!(
        "size KeyCache<RustCrypto, 2>: {} bytes",
        size_of::<KeyCache<'static, RustCrypto, 2>>()
    );
    for (used, bound, what) in [
        (
            decide_used,
            CACHE_DECIDE_STACK_BOUND,
            "CACHE_DECIDE_STACK_BOUND",
        ),
        (
            fetch_used,
            CACHE_FETCH_STACK_BOUND,
            "CACHE_FETCH_STACK_BOUND",
        ),
        (
            verify_used,
            CACHE_VERIFY_STACK_BOUND,
            "CACHE_VERIFY_STACK_BOUND",
        ),
    ] {
        if used > bound {
            hprintln!("FAIL above {} = {}", what, bound);
            failures += 1;
        }
    }
    failures
}

#[entry]
fn main() -> ! {
    let mut failures = 0;
    let mut miro = match Verifier::<RustCrypto, 1>::new(RustCrypto, MIRO_POLICY) {
        Ok(v) => v,
        Err(_) => fail("Verifier::new (Miro policy)"),
    };
    failures += run(&mut miro, &CASES[0]);

    let mut diff = match Verifier::<RustCrypto, 3>::new(RustCrypto, DIFF_POLICY) {
        Ok(v) => v,
        Err(_) => fail("Verifier::new (diff policy)"),
    };
    for case in &CASES[1..] {
        if case.alg == Algorithm::ES384 && !cfg!(feature = "es384") {
            hprintln!("skip ES384: built without the es384 feature");
            continue;
        }
        failures += run(&mut diff, case);
    }

    #[cfg(feature = "es512")]
    {
        let mut es512 = match Verifier::<RustCrypto, 1>::new(RustCrypto, DIFF_POLICY) {
            Ok(v) => v,
            Err(_) => fail("Verifier::new (ES512)"),
        };
        failures += run(&mut es512, &ES512_CASE);
    }

    #[cfg(feature = "rs")]
    {
        failures += rsa::run_rsa();
    }

    failures += run_cache();

    hprintln!(
        "size Verifier<RustCrypto, 1>: {} bytes, Verifier<RustCrypto, 3>: {} bytes",
        size_of::<Verifier<'static, RustCrypto, 1>>(),
        size_of::<Verifier<'static, RustCrypto, 3>>()
    );
    // Addresses of linker symbols only (no reads).
    let (flash, data, ram) = {
        let sdata = ptr::addr_of!(__sdata) as usize;
        let data = ptr::addr_of!(__edata) as usize - sdata;
        let flash = ptr::addr_of!(__sidata) as usize + data;
        (flash, data, stack_limit() - sdata)
    };
    hprintln!(
        "flash: {} bytes (.data {} bytes), static RAM: {} bytes",
        flash,
        data,
        ram
    );

    if failures == 0 {
        hprintln!("cortex-m: all checks passed");
        exit(debug::EXIT_SUCCESS)
    }
    hprintln!("cortex-m: {} check(s) failed", failures);
    exit(debug::EXIT_FAILURE)
}

/// Ends the QEMU run with `status` (semihosting); spins if no debugger is there to exit.
fn exit(status: debug::ExitStatus) -> ! {
    debug::exit(status);
    loop {
        cortex_m::asm::nop();
    }
}

fn fail(what: &str) -> ! {
    hprintln!("FAIL {}", what);
    exit(debug::EXIT_FAILURE)
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    hprintln!("panic: {}", info);
    exit(debug::EXIT_FAILURE)
}
