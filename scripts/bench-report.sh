#!/usr/bin/env bash
# Runs the verification benches (tinyjwt with ring, RustCrypto and aws-lc-rs, each backend's raw primitive,
# parse-only, jsonwebtoken with rust_crypto and with aws_lc_rs, jwt-compact and jwt-simple; and the
# HS256 user path of issue 15) in ONE `cargo bench` invocation,
# then writes BENCHMARKS.md at the repository root from criterion's estimates and the
# allocation counts the benches record.
#
#   scripts/bench-report.sh                 run, then write BENCHMARKS.md
#   scripts/bench-report.sh ARGS...         criterion arguments instead of the default
#                                           `--warm-up-time 1 --measurement-time 3`
#   BENCH_REPORT_ONLY=1 scripts/bench-report.sh   only rebuild BENCHMARKS.md from the last run
#
# Criterion output is read from $CARGO_TARGET_DIR/criterion (default target/criterion).
# The whole run takes about 5-8 minutes on the project's 2-core machine, plus the build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$ROOT/$CARGO_TARGET_DIR" ;; esac
CRIT="$CARGO_TARGET_DIR/criterion"

ARGS=("$@")
((${#ARGS[@]})) || ARGS=(--warm-up-time 1 --measurement-time 3)

if [[ -z "${BENCH_REPORT_ONLY:-}" ]]; then
    # Stale results of an earlier run must not leak into this table.
    rm -rf "$CRIT"/verify_* "$CRIT"/user-path_* "$CRIT/tinyjwt-allocs"
    mkdir -p "$CRIT/tinyjwt-allocs"
    # The commit measured (the report may be rebuilt later, at another HEAD).
    {
        git rev-parse --short=12 HEAD
        git status --porcelain --untracked-files=no -- crates benches Cargo.toml Cargo.lock | head -c 1000
    } >"$CRIT/tinyjwt-allocs/commit.txt" || true
    cargo bench -p tinyjwt-benches --bench verify --bench jwt_rust_crypto --bench jwt_aws_lc_rs --bench peers \
        -- "${ARGS[@]}"
fi

python3 "$ROOT/scripts/bench_report.py" \
    --criterion "$CRIT" \
    --lock "$ROOT/Cargo.lock" \
    --args "${ARGS[*]}" \
    --out "$ROOT/BENCHMARKS.md"
echo "wrote $ROOT/BENCHMARKS.md"
