#!/usr/bin/env bash
# Footprint of tinyjwt on small targets (issue 16, points 3, 6 and 7), measured and checked.
#
#   scripts/footprint.sh [--write] [cortex-m|wasm]...   (no part named: both)
#
# cortex-m: builds each ci/footprint firmware (one per algorithm set, opt-level "z", fat LTO,
#   panic=abort, no core::fmt), runs it under QEMU (Cortex-M3, lm3s6965evb: 64 KiB RAM), reads
#   the stack figures it prints (painted stack, see ci/footprint/src/lib.rs) and its flash and
#   static RAM from the ELF's sections, and checks each against the bounds below.
# wasm: builds ci/wasm-size (HS256 alone; every algorithm), shrinks it with
#   `wasm-opt -Oz` (binaryen), checks the sizes, and runs each module once under Node: a real
#   token verifies, a tampered copy is refused.
#
# Prints a markdown table per part; with --write it also puts them into EMBEDDED.md (between
# its `<!-- footprint:PART -->` and `<!-- /footprint:PART -->` lines). Exits non-zero if a
# check fails or a figure exceeds its CI bound.
#
# Two numbers per figure: the issue's TARGET, and the CI BOUND. Where our code meets the
# target, the bound is the target; where it misses it, the bound is the figure measured when
# the bound was set, rounded up to the next KiB (a regression still fails CI), and EMBEDDED.md
# says by how much the target is missed. Lower a bound when a figure drops.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

KIB=1024

# --- the Cortex-M firmwares ------------------------------------------------------------------
# name | cargo feature of ci/footprint | what it verifies
FIRMWARES=(hs256 hs-es-eddsa rs2048 rs4096)
declare -A DESCRIBE=(
    [hs256]="HS256 alone"
    [hs-es-eddsa]="HS256 + ES256 + EdDSA"
    [rs2048]="RS256, 2048-bit key"
    [rs4096]="RS256, 4096-bit keys (Trello PEM list, 2 keys)"
)
# Issue 16's targets: flash (.text + .rodata + .data, vector table included) and the peak
# stack of one `verify` call. RS256-4096 has no flash or stack target of its own: it must fit
# the 64 KiB board's RAM "with room for the application", read here as RAM_ROOM_TARGET free
# at the deepest point of the run (static RAM + the whole stack, Verifier and buffers included).
declare -A TARGET_FLASH=([hs256]=$((16 * KIB)) [hs-es-eddsa]=$((56 * KIB)) [rs2048]=$((24 * KIB)))
declare -A TARGET_VERIFY_STACK=([hs256]=$((2 * KIB)) [hs-es-eddsa]=$((10 * KIB)) [rs2048]=$((10 * KIB)))
BOARD_RAM=$((64 * KIB))
RAM_ROOM_TARGET=$((16 * KIB))
# The CI bounds (see the header): the targets where met, else the figure measured 2026-12-02
# (Rust 1.95, QEMU 7.2) rounded up to the next KiB, in the comment.
declare -A BOUND_FLASH=(
    [hs256]=$((34 * KIB))       # 34352: the core's verification path is ~21 KiB (EMBEDDED.md)
    [hs-es-eddsa]=$((79 * KIB)) # 80788
    [rs2048]=$((65 * KIB))      # 65864: crypto-bigint's fixed-size Montgomery arithmetic
    [rs4096]=$((73 * KIB))      # 74640 (no target)
)
declare -A BOUND_VERIFY_STACK=(
    [hs256]=${TARGET_VERIFY_STACK[hs256]}             # met: 2004
    [hs-es-eddsa]=${TARGET_VERIFY_STACK[hs-es-eddsa]} # met: 8992 (EdDSA)
    [rs2048]=${TARGET_VERIFY_STACK[rs2048]}           # met: 8412
    [rs4096]=$((16 * KIB))                            # 15908 (no target)
)
# Key loading (`add_secret`, `add_jwk`, `add_pem`, `add_pem_list_json`; every `stack.load*`
# figure): bounded so a regression shows. Point 7 of the issue asks that the PEM loaders stay
# under the `verify` bound: every load bound is checked to be at most its verify bound.
declare -A BOUND_LOAD_STACK=(
    [hs256]=$((1 * KIB))        # 932 (add_secret)
    [hs-es-eddsa]=$((8 * KIB))  # 7672 (add_jwk, EdDSA the deepest)
    [rs2048]=$((6 * KIB))       # 5504 (add_jwk)
    [rs4096]=$((16 * KIB))      # 15928 (add_pem_list_json), 12592 (add_pem)
)
# RAM in use at the deepest point of the run (static RAM + peak stack from its top).
declare -A BOUND_RAM=(
    [hs256]=$((6 * KIB))        # 5888
    [hs-es-eddsa]=$((14 * KIB)) # 13612
    [rs2048]=$((13 * KIB))      # 13096
    [rs4096]=$((BOARD_RAM - RAM_ROOM_TARGET)) # the target, met: 21784
)

# --- WebAssembly -----------------------------------------------------------------------------
WASM_BUILDS=(hs256 all)
declare -A WASM_DESCRIBE=([hs256]="HS256 alone" [all]="every algorithm (HS*, RS*, PS*, ES256/384/512, EdDSA)")
# Issue 16: HS256 alone at most 24 KiB after `wasm-opt -Oz`. No target for all algorithms.
declare -A TARGET_WASM=([hs256]=$((24 * KIB)))
# The CI bounds: the figures measured 2026-12-02 rounded up to the next KiB (target missed).
declare -A BOUND_WASM=(
    [hs256]=$((41 * KIB))       # 41101
    [all]=$((289 * KIB))        # 295428 (no target)
)
# The tokens each module must verify (and refuse when tampered with).
TOKENS=ci/footprint/tokens
declare -A WASM_TOKENS=(
    [hs256]="$TOKENS/hs256.jwt"
    [all]="$TOKENS/hs256.jwt $TOKENS/rs256.jwt $TOKENS/es256.jwt $TOKENS/es384.jwt $TOKENS/eddsa.jwt ci/cortex-m/tokens/es512.jwt"
)
# binaryen 108 refuses the features rustc's wasm32 target enables by default unless told.
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals
    --enable-nontrapping-float-to-int)

QEMU_TIMEOUT=60

WRITE=0
PARTS=()
for arg in "$@"; do
    case $arg in
        --write) WRITE=1 ;;
        cortex-m | wasm) PARTS+=("$arg") ;;
        *) echo "usage: $0 [--write] [cortex-m|wasm]..." >&2; exit 2 ;;
    esac
done
((${#PARTS[@]})) || PARTS=(cortex-m wasm)

FAILURES=0
problem() {
    echo "FAIL $*" >&2
    FAILURES=$((FAILURES + 1))
}

# kib BYTES: "12345 B (12.1 KiB)", for the tables.
kib() { awk -v b="$1" 'BEGIN { printf "%d B (%.1f KiB)", b, b / 1024 }'; }

# versus FIGURE TARGET: "target 16 KiB: met", or "... **missed** by 2.5 KiB"; "" without one.
versus() {
    [[ -n "${2:-}" ]] || return 0
    awk -v f="$1" -v t="$2" 'BEGIN {
        printf "; target %g KiB: ", t / 1024
        if (f <= t) printf "met"; else printf "**missed** by %.1f KiB", (f - t) / 1024
    }'
}

# check NAME FIGURE BOUND: counts a failure if FIGURE is over BOUND.
check() {
    if (($2 > $3)); then
        problem "$1: $2 bytes, above its bound $3 (scripts/footprint.sh)"
    fi
}

# elf_sizes ELF: prints "FLASH RAM": flash is every section loaded from flash (vector table,
# .text, .rodata, and .data's initial values), RAM is .data + .bss + .uninit. Read from the
# ELF32 section headers with Python's standard library (no binutils needed).
elf_sizes() {
    python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:4] == b"\x7fELF" and data[4] == 1, "not an ELF32 file"
shoff, = struct.unpack_from("<I", data, 0x20)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
def section(i):
    return struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize)
names = section(shstrndx)[4]
def name(off):
    return data[names + off:data.index(b"\0", names + off)].decode()
SHF_ALLOC, SHT_NOBITS = 0x2, 8
flash = ram = 0
for i in range(shnum):
    sh_name, sh_type, sh_flags, sh_addr, _, sh_size = section(i)[:6]
    if not sh_flags & SHF_ALLOC or sh_size == 0:
        continue
    in_ram = sh_addr >= 0x2000_0000  # the lm3s6965evb's SRAM starts there
    if sh_type != SHT_NOBITS:
        flash += sh_size             # .data is stored in flash and copied at reset
    if in_ram:
        ram += sh_size
print(flash, ram)
PY
}

# figure NAME OUTPUT: the value of `figure NAME VALUE` in a firmware's output.
figure() { awk -v n="$1" '$1 == "figure" && $2 == n { print $3 }' <<<"$2"; }

CORTEX_TABLE=""
run_cortex_m() {
    local fw out flash ram verify load peak total rows="" stacks="" alg v loads=""
    cd "$ROOT/ci/footprint"
    for fw in "${FIRMWARES[@]}"; do
        local args=(--release --no-default-features --features "$fw" --bin "$fw")
        cargo build "${args[@]}"
        echo "== $fw"
        if ! out=$(timeout "$QEMU_TIMEOUT" cargo run -q "${args[@]}" 2>/dev/null); then
            printf '%s\n' "$out"
            problem "$fw: the firmware failed under QEMU"
            continue
        fi
        printf '%s\n' "$out"
        grep -q '^footprint: all checks passed$' <<<"$out" || problem "$fw: no success line"
        read -r flash ram < <(elf_sizes "$CARGO_TARGET_DIR/thumbv7m-none-eabi/release/$fw")
        verify=0
        while read -r alg v; do
            stacks+="| ${DESCRIBE[$fw]} | $alg | $(kib "$v") |"$'\n'
            ((v > verify)) && verify=$v
        done < <(awk '$1 == "figure" && $2 ~ /^stack\.verify\./ { sub(/^stack\.verify\./, "", $2); print $2, $3 }' <<<"$out")
        load=$(figure stack.load "$out")
        peak=$(figure stack.peak "$out")
        total=$((ram + peak))
        check "$fw flash" "$flash" "${BOUND_FLASH[$fw]}"
        check "$fw verify stack" "$verify" "${BOUND_VERIFY_STACK[$fw]}"
        while read -r name v; do
            check "$fw $name" "$v" "${BOUND_LOAD_STACK[$fw]}"
        done < <(awk '$1 == "figure" && $2 ~ /^stack\.load/ { print $2, $3 }' <<<"$out")
        check "$fw RAM at peak" "$total" "${BOUND_RAM[$fw]}"
        # Point 7: loading keys must not set the board's peak.
        check "$fw key loading stack against its verify bound" "${BOUND_LOAD_STACK[$fw]}" "${BOUND_VERIFY_STACK[$fw]}"
        local ram_note
        ram_note="$(kib "$total")"
        if [[ $fw == rs4096 ]]; then
            ram_note+="$(versus "$total" $((BOARD_RAM - RAM_ROOM_TARGET)))"
        fi
        rows+="| ${DESCRIBE[$fw]} | $(kib "$flash")$(versus "$flash" "${TARGET_FLASH[$fw]:-}") | $(kib "$ram") | $(kib "$verify")$(versus "$verify" "${TARGET_VERIFY_STACK[$fw]:-}") | $(kib "$load") | $(kib "$peak") | $ram_note | $(kib "$(figure size.verifier "$out")") |"$'\n'
        v=$(figure stack.load.add_pem "$out")
        if [[ -n $v ]]; then
            loads+="| \`add_pem\` (one 4096-bit key) | $(kib "$v") |"$'\n'
            loads+="| \`add_pem_list_json\` (two 4096-bit keys) | $(kib "$load") |"$'\n'
        fi
    done
    cd "$ROOT"
    CORTEX_TABLE="| firmware | flash (target) | static RAM | \`verify\` stack, deepest algorithm (target) | key loading stack | stack, whole run | RAM at the deepest point (static + stack) | \`Verifier\` |
|---|---|---|---|---|---|---|---|
${rows}
| firmware | algorithm | \`verify\` stack |
|---|---|---|
${stacks}"
    if [[ -n $loads ]]; then
        CORTEX_TABLE+="
| PEM loader (RS256-4096 firmware) | stack |
|---|---|
${loads}"
    fi
}

WASM_TABLE=""
run_wasm() {
    local b raw opt gz rows="" dir=$CARGO_TARGET_DIR/wasm-size
    mkdir -p "$dir"
    for b in "${WASM_BUILDS[@]}"; do
        cargo build --release --target wasm32-unknown-unknown \
            --manifest-path ci/wasm-size/Cargo.toml --features "$b"
        cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/tinyjwt_wasm_size.wasm" "$dir/$b.wasm"
        wasm-opt "${WASM_OPT_FLAGS[@]}" "$dir/$b.wasm" -o "$dir/$b.opt.wasm"
        raw=$(stat -c %s "$dir/$b.wasm")
        opt=$(stat -c %s "$dir/$b.opt.wasm")
        gz=$(gzip -9 -c "$dir/$b.opt.wasm" | wc -c)
        echo "== wasm $b: $raw bytes, $opt after wasm-opt -Oz, $gz gzipped"
        # shellcheck disable=SC2086 # the token list is split on purpose
        node ci/wasm-size/verify.mjs "$dir/$b.opt.wasm" ${WASM_TOKENS[$b]} || problem "wasm $b: verify.mjs"
        check "wasm $b after wasm-opt" "$opt" "${BOUND_WASM[$b]}"
        rows+="| ${WASM_DESCRIBE[$b]} | $(kib "$raw") | $(kib "$opt")$(versus "$opt" "${TARGET_WASM[$b]:-}") | $(kib "$gz") |"$'\n'
    done
    WASM_TABLE="| module | \`cargo build --release\` | after \`wasm-opt -Oz\` (target) | gzip -9 of that |
|---|---|---|---|
${rows}"
}

# write_section PART TEXT: replaces what lies between PART's markers in EMBEDDED.md.
write_section() {
    python3 - "$1" "$2" <<'PY'
import re, sys
part, text = sys.argv[1], sys.argv[2].rstrip("\n")
path = "EMBEDDED.md"
doc = open(path).read()
begin, end = f"<!-- footprint:{part} -->", f"<!-- /footprint:{part} -->"
if begin not in doc or end not in doc:
    sys.exit(f"{path}: no {begin} ... {end} section")
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(f"{head}{begin}\n{text}\n{end}{tail}")
PY
}

for part in "${PARTS[@]}"; do
    case $part in
        cortex-m)
            run_cortex_m
            printf '\n%s\n' "$CORTEX_TABLE"
            if ((WRITE)); then write_section cortex-m "$CORTEX_TABLE"; fi
            ;;
        wasm)
            run_wasm
            printf '\n%s\n' "$WASM_TABLE"
            if ((WRITE)); then write_section wasm "$WASM_TABLE"; fi
            ;;
    esac
done

if ((FAILURES)); then
    echo "footprint: $FAILURES check(s) failed" >&2
    exit 1
fi
echo "footprint: all figures within their bounds"
