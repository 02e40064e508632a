#!/usr/bin/env bash
# Builds (and unit-tests) the `tinyjwt` facade under every feature combination:
# no backend, each of the three backends alone, every pair, all three; each with and without
# serde and std/alloc. The facade's tests check `DefaultBackend`'s rule in each (the first of
# rustcrypto, ring, aws-lc-rs that is on).
# Usage: scripts/feature-matrix.sh [--check-only]
#   --check-only   `cargo check` instead of `cargo test` (faster; proves it compiles).
# Honours CARGO_TARGET_DIR. Exits non-zero on the first failing combination.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=test
if [[ "${1:-}" == "--check-only" ]]; then mode=check; fi

# `rustcrypto` with every algorithm family; the families one by one come after the loop.
rc="rustcrypto,all-algorithms"
backends=("" "$rc" "ring" "aws-lc-rs" "$rc,ring" "$rc,aws-lc-rs" "ring,aws-lc-rs"
          "$rc,ring,aws-lc-rs")
extras=("" "serde" "alloc" "std" "serde,std")

n=0
for b in "${backends[@]}"; do
  for x in "${extras[@]}"; do
    feats="$b${b:+${x:+,}}$x"
    n=$((n + 1))
    echo "== tinyjwt features: [${feats:-none}]"
    if ! out=$(cargo "$mode" -q -p tinyjwt --no-default-features --features "$feats" --all-targets 2>&1); then
      echo "$out" | tail -40
      echo "FAILED: tinyjwt with features [${feats:-none}]"
      exit 1
    fi
    if [[ "$mode" == test ]]; then
      if ! out=$(cargo test -q -p tinyjwt --no-default-features --features "$feats" --doc 2>&1); then
        echo "$out" | tail -40
        echo "FAILED: tinyjwt doctests with features [${feats:-none}]"
        exit 1
      fi
    fi
  done
done
# The RustCrypto backend's algorithm families one at a time, and none: through the facade
# (its tests check a key of a family that is off is `unsupported_alg`) and in the backend
# itself (each must build alone and pass its own tests).
for fam in "" hs hs256 rs rs256 ps512 es256 es384 es512 eddsa; do
  n=$((n + 1))
  echo "== tinyjwt features: [rustcrypto${fam:+,$fam}]; tinyjwt-rustcrypto features: [${fam:-none}]"
  if ! out=$(cargo "$mode" -q -p tinyjwt --no-default-features --features "rustcrypto${fam:+,$fam}" --all-targets 2>&1 &&
             cargo "$mode" -q -p tinyjwt-rustcrypto --no-default-features --features "$fam" --lib 2>&1); then
    echo "$out" | tail -40
    echo "FAILED: RustCrypto family [${fam:-none}]"
    exit 1
  fi
done
# The default feature set, as users get it.
cargo "$mode" -q -p tinyjwt >/dev/null 2>&1 || { echo "FAILED: tinyjwt default features"; exit 1; }
echo "feature matrix OK: $((n + 1)) combinations of tinyjwt features built and tested"
