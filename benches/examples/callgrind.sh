#!/usr/bin/env bash
# Instructions per parse-only verification (benches/examples/parse_only.rs) under callgrind.
#   benches/examples/callgrind.sh [ITERATIONS [FIXTURE [MODE]]]   prints Ir/verify and the top functions
# MODE (parse_only.rs): `claims` or `serde` adds reading `team` and `user` to each verify.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
N=${1:-10000}
FIX=${2:-HS256}
MODE=${3:-}
# Line tables only: function names and lines for callgrind_annotate, same code generation.
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
    cargo build -q --release -p tinyjwt-benches --example parse_only
OUT=$(mktemp /tmp/callgrind.parse_only.XXXXXX)
valgrind -q --tool=callgrind --callgrind-out-file="$OUT" --toggle-collect='*parse_only::run*' \
    "$CARGO_TARGET_DIR/release/examples/parse_only" "$N" "$FIX" $MODE
TOTAL=$(callgrind_annotate "$OUT" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "instructions per verify: $((TOTAL / N)) (total $TOTAL over $N)"
# Self cost per function, inlined code counted in the function it was inlined into.
callgrind_annotate --inclusive=no --auto=no "$OUT" 2>/dev/null | python3 -c '
import re, sys
n = int(sys.argv[1]); tot = {}; on = False
for line in sys.stdin:
    if "file:function" in line: on = True; continue
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)", line)
    if not (on and m): continue
    f = re.sub(r" \[.*\]$", "", m.group(2))
    f = re.sub(r"^.*?\.(rs|S|c|h):", "", f)
    tot[f] = tot.get(f, 0) + int(m.group(1).replace(",", ""))
for f, v in sorted(tot.items(), key=lambda kv: -kv[1])[:20]:
    print(f"{v / n:8.1f}  {f}")
' "$N"
echo "profile: $OUT"
