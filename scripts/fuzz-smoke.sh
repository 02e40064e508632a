#!/usr/bin/env bash
# Fuzz smoke test (issue 6): builds the cargo-fuzz targets under fuzz/ and runs each one
# briefly; any crash, panic, sanitizer report, timeout or OOM fails the script.
#
#   scripts/fuzz-smoke.sh                 every target, 30 s each
#   scripts/fuzz-smoke.sh json keys       only these targets
#   FUZZ_SECONDS=60 scripts/fuzz-smoke.sh longer runs
#
# Needs the nightly toolchain (libFuzzer + AddressSanitizer). Installs cargo-fuzz if missing.
# The committed seeds (fuzz/corpus/TARGET) are only read; new inputs go to fuzz/corpus-run/
# (gitignored), which carries coverage over from one run to the next. Crash inputs land in
# fuzz/artifacts/TARGET/; reproduce with `cargo +nightly fuzz run TARGET <file>`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SECONDS_EACH="${FUZZ_SECONDS:-30}"
TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then
    TARGETS=(verify keys differential json)
fi
# The fuzz crate builds with sanitizer RUSTFLAGS into its own target dir, never the
# workspace's (a shared CARGO_TARGET_DIR would be rebuilt with different flags).
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$ROOT/fuzz/target}"
unset CARGO_TARGET_DIR

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz-smoke: the nightly toolchain is required (rustup toolchain install nightly)" >&2
    exit 1
fi

cargo +nightly fuzz build --target-dir "$FUZZ_TARGET_DIR"

for t in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus-run/$t" "fuzz/artifacts/$t"
    echo "fuzz-smoke: $t for ${SECONDS_EACH}s"
    log="fuzz/artifacts/$t/smoke.log"
    # cargo fuzz exits non-zero when libFuzzer reports a crash, leak, timeout or OOM.
    rc=0
    cargo +nightly fuzz run --target-dir "$FUZZ_TARGET_DIR" "$t" \
        "fuzz/corpus-run/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -dict="$ROOT/fuzz/jwt.dict" -artifact_prefix="$ROOT/fuzz/artifacts/$t/" \
        -print_final_stats=1 >"$log" 2>&1 || rc=$?
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    if ((rc != 0)); then
        tail -n 60 "$log" >&2
        echo "fuzz-smoke: $t FAILED (exit $rc; input in fuzz/artifacts/$t/, log $log)" >&2
        exit 1
    fi
done
echo "fuzz-smoke: all ${#TARGETS[@]} targets ran ${SECONDS_EACH}s without a finding"
