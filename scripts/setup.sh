#!/usr/bin/env bash
# Installs everything scripts/test.sh needs on a fresh machine. Idempotent: each step checks
# first and is skipped (in well under a second) when already done. Runs as root, no sudo.
#
#   stable : targets thumbv7em-none-eabihf (no-alloc proof), thumbv7m-none-eabi (Cortex-M3
#            stack check and footprint firmwares under QEMU), wasm32-wasip1 (WASM tests),
#            thumbv6m-none-eabi and riscv32imc-unknown-none-elf (build-only: cores without
#            atomic compare-and-swap), wasm32-unknown-unknown (ci/wasm-size); components
#            clippy, rustfmt
#   nightly: components miri, rust-src (miri on tinyjwt-core)
#   apt    : nodejs (runs the wasm32-wasip1 test binaries), only if `node` is missing;
#            qemu-system-arm (runs ci/cortex-m and ci/footprint), only if `qemu-system-arm`
#            is missing; binaryen (`wasm-opt`, sizes ci/wasm-size), only if `wasm-opt` is
#            missing; python3 (reads the firmwares' ELF section sizes in
#            scripts/footprint.sh), only if `python3` is missing;
#            gcc, only if no `cc` is found: aws-lc-sys (tinyjwt-aws-lc-rs, and jsonwebtoken's
#            aws_lc_rs provider in the benches) compiles AWS-LC with the `cc` crate. On
#            x86_64/aarch64 Linux it needs nothing else: no cmake, clang, nasm or go
#            (pregenerated sources and bindings; checked by building it on a machine with none
#            of them; its cc builder does not call perl either). Setting AWS_LC_SYS_CMAKE_BUILDER=1 or AWS_LC_SYS_SANITIZER would need cmake.
set -euo pipefail

STABLE_TARGETS=(thumbv7em-none-eabihf thumbv7m-none-eabi wasm32-wasip1 thumbv6m-none-eabi
    riscv32imc-unknown-none-elf wasm32-unknown-unknown)
STABLE_COMPONENTS=(clippy rustfmt)
NIGHTLY_COMPONENTS=(miri rust-src)

say() { printf 'setup: %s\n' "$*"; }

# missing PATTERN_SUFFIX INSTALLED NAME...: prints each NAME not in the newline-separated
# INSTALLED list. Targets match exactly (suffix ''); component names from rustup carry a host
# suffix (clippy-x86_64-unknown-linux-gnu), matched by HOST_SUFFIX.
HOST_SUFFIX='(-[a-z0-9_]+-[a-z0-9_]+-[a-z0-9_]+(-[a-z0-9_]+)?)?'
missing() {
    local suffix=$1 installed=$2 want
    shift 2
    for want in "$@"; do
        if ! grep -Eq "^${want}${suffix}\$" <<<"$installed"; then
            printf '%s\n' "$want"
        fi
    done
}

command -v rustup >/dev/null || { echo "setup: rustup not found; install Rust with rustup first" >&2; exit 1; }

# --- stable ---------------------------------------------------------------------------------
mapfile -t want < <(missing "" "$(rustup target list --installed)" "${STABLE_TARGETS[@]}")
if ((${#want[@]})); then
    say "adding targets: ${want[*]}"
    rustup target add "${want[@]}"
else
    say "targets ok: ${STABLE_TARGETS[*]}"
fi

mapfile -t want < <(missing "$HOST_SUFFIX" "$(rustup component list --installed)" "${STABLE_COMPONENTS[@]}")
if ((${#want[@]})); then
    say "adding components: ${want[*]}"
    rustup component add "${want[@]}"
else
    say "components ok: ${STABLE_COMPONENTS[*]}"
fi

# --- nightly (miri) -------------------------------------------------------------------------
if ! rustup toolchain list | grep -q '^nightly-'; then
    say "installing the nightly toolchain (minimal) with ${NIGHTLY_COMPONENTS[*]}"
    rustup toolchain install nightly --profile minimal --component miri,rust-src
else
    mapfile -t want < <(missing "$HOST_SUFFIX" "$(rustup component list --installed --toolchain nightly)" "${NIGHTLY_COMPONENTS[@]}")
    if ((${#want[@]})); then
        say "adding nightly components: ${want[*]}"
        rustup component add --toolchain nightly "${want[@]}"
    else
        say "nightly components ok: ${NIGHTLY_COMPONENTS[*]}"
    fi
fi
# miri's own sysroot; quick when it is already built.
cargo +nightly miri setup >/dev/null 2>&1 || cargo +nightly miri setup

# --- apt ------------------------------------------------------------------------------------
apt_missing=()
command -v node >/dev/null || apt_missing+=(nodejs)
command -v qemu-system-arm >/dev/null || apt_missing+=(qemu-system-arm)
command -v cc >/dev/null || apt_missing+=(gcc)
command -v wasm-opt >/dev/null || apt_missing+=(binaryen)
command -v python3 >/dev/null || apt_missing+=(python3)
if ((${#apt_missing[@]})); then
    say "installing apt packages: ${apt_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi
say "node $(node --version)"
say "$(qemu-system-arm --version | head -n 1)"
say "$(wasm-opt --version)"
