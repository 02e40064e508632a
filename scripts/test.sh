#!/usr/bin/env bash
# Runs every test of tinyjwt: the README's test command, and what CI runs (.ci/run).
#
#   scripts/test.sh            all steps
#   scripts/test.sh STEP...    only the named steps (see `step` calls below), setup included
#
# All cargo builds share one target directory (CARGO_TARGET_DIR, default target/), and no
# step changes RUSTFLAGS, so nothing is rebuilt twice for different flags.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
if [[ "${CI:-}" == "true" ]]; then
    # A cold build on CI gains nothing from incremental compilation.
    export CARGO_INCREMENTAL=0
fi

# Miri: the core's unit tests (--lib: the integration tests are property tests against
# serde_json/base64, and each doctest is a separate interpreted program; the native and WASM
# runs cover both). Miri is ~1000x slower than native, so proptest is cut to a few cases and
# tests that loop over every byte or length are left out: mark such a test
# `#[cfg_attr(miri, ignore)]`; MIRI_SKIP lists the ones not marked yet (substring filters).
# Isolation stays on: the core touches no OS API. MIRI_BUDGET caps the step (seconds).
MIRI_PROPTEST_CASES="${MIRI_PROPTEST_CASES:-4}"
MIRI_BUDGET="${MIRI_BUDGET:-420}"
MIRI_SKIP=(
    base64url::tests::every_byte_value
    base64url::tests::invalid_byte_detected_at_every_position_and_length
    json::tests::long_strings_use_the_fast_scan
    json::tests::many_members_with_filter_saturation
    json::tests::name_hashes_agree_across_spellings_and_paths
)
# The core never allocates, so a leak under miri can only be test scaffolding (tests leak
# scratch buffers on purpose to get 'static borrows).
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-ignore-leaks}"

mkdir -p "$CARGO_TARGET_DIR"
LOG="$CARGO_TARGET_DIR/test-sh.log"
: >"$LOG"

ONLY=("$@")
STEPS_RUN=()
STEPS_SKIPPED=()
CURRENT=""
T_START=$SECONDS

wanted() {
    ((${#ONLY[@]} == 0)) && return 0
    [[ "$1" == setup ]] && return 0
    local s
    for s in "${ONLY[@]}"; do [[ "$s" == "$1" ]] && return 0; done
    return 1
}

# step NAME COMMAND...: runs COMMAND under a header, output also appended to $LOG.
step() {
    local name=$1
    shift
    wanted "$name" || return 0
    CURRENT=$name
    printf '\n==== [%s] %s\n' "$name" "$*" | tee -a "$LOG"
    local t0=$SECONDS
    "$@" 2>&1 | tee -a "$LOG"
    local dt=$((SECONDS - t0))
    STEPS_RUN+=("$(printf '%-14s %4ds' "$name" "$dt")")
    printf '==== [%s] ok (%ds)\n' "$name" "$dt" | tee -a "$LOG"
    CURRENT=""
}

skip() {
    wanted "$1" || return 0
    STEPS_SKIPPED+=("$1: $2")
    printf '\n==== [%s] skipped: %s\n' "$1" "$2"
}

# Sums libtest's "test result:" lines of every cargo test run in this script.
test_totals() {
    awk '/^test result: /{
            for (i = 1; i <= NF; i++) {
                if ($(i+1) ~ /^passed/) p += $i
                if ($(i+1) ~ /^failed/) f += $i
                if ($(i+1) ~ /^ignored/) ig += $i
            }
         }
         END { printf "%d %d %d\n", p, f, ig }' "$LOG"
}

summary() {
    local rc=$?
    local s
    echo
    echo "==== summary ($((SECONDS - T_START))s)"
    for s in "${STEPS_RUN[@]}"; do echo "  ok    $s"; done
    for s in "${STEPS_SKIPPED[@]}"; do echo "  skip  $s"; done
    [[ -n "$CURRENT" ]] && echo "  FAIL  $CURRENT"
    if [[ "$CURRENT" == miri && $rc == 124 ]]; then
        echo "  miri ran past MIRI_BUDGET=${MIRI_BUDGET}s: mark slow tests #[cfg_attr(miri, ignore)]"
    fi
    read -r passed failed ignored < <(test_totals)
    if ((rc == 0)); then
        echo "all ${#STEPS_RUN[@]} steps passed"
    else
        echo "step '$CURRENT' failed (exit $rc)"
    fi
    # The closing line: every libtest result of this run, added up.
    echo "tests: ${passed} passed, ${failed} failed, ${ignored} skipped"
}
trap summary EXIT

has_bench_targets() {
    cargo metadata --no-deps --format-version 1 | grep -q '"kind":\["bench"\]'
}

# --- steps ----------------------------------------------------------------------------------

step setup scripts/setup.sh

step fmt cargo fmt --all -- --check
step fmt-ci cargo fmt --manifest-path ci/no-alloc/Cargo.toml -- --check
step fmt-cortex-m cargo fmt --manifest-path ci/cortex-m/Cargo.toml -- --check
step fmt-footprint cargo fmt --manifest-path ci/footprint/Cargo.toml -- --check
step fmt-wasm-size cargo fmt --manifest-path ci/wasm-size/Cargo.toml -- --check

step clippy cargo clippy --workspace --all-targets --all-features -- -D warnings

step test cargo test --workspace --all-features --no-fail-fast

step doc env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

if [[ -f scripts/feature-matrix.sh ]]; then
    step features bash scripts/feature-matrix.sh
else
    skip features "no scripts/feature-matrix.sh"
fi

# The standing proof that nothing links `alloc`: a no_std final binary with no allocator.
NO_ALLOC=(--release --target thumbv7em-none-eabihf --manifest-path ci/no-alloc/Cargo.toml)
step no-alloc cargo build "${NO_ALLOC[@]}"
# ... and with the RustCrypto backend (its `alloc` feature off: HS*, ES*, EdDSA).
step no-alloc-rc cargo build "${NO_ALLOC[@]}" --features rustcrypto
step no-alloc-lint cargo clippy "${NO_ALLOC[@]}" --all-features -- -D warnings

# The verifier on an emulated Cortex-M3 (QEMU lm3s6965evb, 64 KiB RAM, no allocator): real
# HS256/ES256/ES384/EdDSA (and ES512) tokens verify, tampered ones fail, and the stack each verify
# and add_jwk call uses stays under the bounds in ci/cortex-m/src/main.rs. Run from ci/cortex-m so
# cargo reads its .cargo/config.toml (target, QEMU runner, link script); the timeout is for
# QEMU, which never exits if the program hangs.
# ES512 runs in a second build (p384 and p521 do not both fit the board's flash; see
# ci/cortex-m/README.md).
# The third build, `rs`, verifies the RSA seed flows with no allocator: a Trello-style
# RS256-4096 token against a PEM list and a Canva-style RS256 token chosen by `kid` (ES384 left
# out again, for flash).
step cortex-m bash -c 'cd ci/cortex-m && cargo build --release && timeout 120 cargo run --release && timeout 120 cargo run --release --no-default-features --features es512 && timeout 120 cargo run --release --no-default-features --features rs'
step cortex-m-lint bash -c 'cd ci/cortex-m && cargo clippy --release -- -D warnings && cargo clippy --release --no-default-features --features es512 -- -D warnings && cargo clippy --release --no-default-features --features rs -- -D warnings'

# Footprint (issue 16): minimal firmwares per algorithm set (ci/footprint) on the emulated
# Cortex-M3, their flash, static RAM and `verify` stack checked against the named bounds in
# scripts/footprint.sh (figures in EMBEDDED.md, which `scripts/footprint.sh --write` updates);
# then the WASM verifier (ci/wasm-size) after `wasm-opt -Oz`, run once under Node.
step footprint scripts/footprint.sh cortex-m
# One clippy run over every firmware (the union of their features: lints, not figures).
step footprint-lint bash -c 'cd ci/footprint && cargo clippy --release --all-features --bins -- -D warnings'
step wasm-size scripts/footprint.sh wasm
step wasm-size-lint cargo clippy --release --target wasm32-unknown-unknown --manifest-path ci/wasm-size/Cargo.toml --features all -- -D warnings

# More targets (issue 16): the no-allocator binary with the RustCrypto backend (every
# algorithm) builds for a Cortex-M0 (thumbv6m) and RISC-V (riscv32imc), neither of which has
# atomic compare-and-swap. Built, not run. wasm32-unknown-unknown is built by the wasm-size
# step (the verifier through the public API, both feature sets).
step targets bash -c 'for t in thumbv6m-none-eabi riscv32imc-unknown-none-elf; do cargo build "$@" --target "$t" || exit 1; done' targets --release --manifest-path ci/no-alloc/Cargo.toml --features rustcrypto

# The core's tests (unit, integration, doctests) on wasm32-wasip1, run by Node's WASI.
export CARGO_TARGET_WASM32_WASIP1_RUNNER="node --no-warnings $ROOT/scripts/wasi-runner.mjs"
step wasm cargo test -p tinyjwt-core --all-features --target wasm32-wasip1

miri_args=()
for t in "${MIRI_SKIP[@]}"; do miri_args+=(--skip "$t"); done
step miri env PROPTEST_CASES="$MIRI_PROPTEST_CASES" timeout "$MIRI_BUDGET" \
    cargo +nightly miri test -p tinyjwt-core --all-features --lib -- "${miri_args[@]}"
# The RustCrypto backend's own unit tests (key preparation, encodings; ~3 s under miri).
step miri-rc timeout "$MIRI_BUDGET" cargo +nightly miri test -p tinyjwt-rustcrypto --all-features --lib

# Fuzzing smoke runs, owned by the fuzz crate's authors (they install cargo-fuzz there).
if [[ -f scripts/fuzz-smoke.sh ]]; then
    step fuzz bash scripts/fuzz-smoke.sh
else
    skip fuzz "no scripts/fuzz-smoke.sh"
fi

if has_bench_targets; then
    # Each benchmark once, as a test (criterion's --test): proves they build and run. Built
    # with the test profile, whose dependencies the `test` step already compiled; a release
    # build (`cargo bench`) would cost ~7 minutes more for the same check.
    step bench cargo test --workspace --all-features --bench '*' -- --test
else
    skip bench "no bench targets in the workspace"
fi
