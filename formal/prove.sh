#!/bin/sh
# One bounded proof of a formal harness in formal/, and its non-vacuity check.
#   formal/prove.sh sat|smtbmc <top> <depth> <out dir> <sources...>
# sat:    Yosys' own SAT solver (sat -seq <depth> -prove-asserts), all
#         flip-flops zero at step 0 (the reset state of the designs here).
# smtbmc: yosys-smtbmc with z3 (write_smt2, <depth> steps, reset by the
#         harness in step 0).
# Each harness also compiles with -DFV_REACH, which adds an assertion that
# an interesting event (a claim, a handshake) never happens: that run must
# FAIL within the same depth, else the proof above could be vacuous.
# Exits non-zero on a failed proof, a passing reach check, or a missing tool.
set -eu
engine=$1 top=$2 depth=$3 out=$4
shift 4
yosys=${YOSYS:-yosys}
tools=$yosys
[ "$engine" = smtbmc ] && tools="$tools yosys-smtbmc z3"
for t in $tools; do
    command -v "$t" >/dev/null || { echo "prove: $t not found (host-tools/install-deps.sh)" >&2; exit 1; }
done
mkdir -p "$out"

# $1: log name, $2: extra define, then the sources; prints "proved" / "failed"
run() {
    name=$1 def=$2
    shift 2
    log=$out/$name.log
    prep="read_verilog -sv -formal $def $*; prep -flatten -top $top; async2sync; memory_map; opt"
    case $engine in
    sat)
        "$yosys" -q -l "$log" -p "$prep; sat -seq $depth -prove-asserts -set-assumes -set-init-zero -verify" \
            >/dev/null 2>&1 && echo proved || echo failed ;;
    smtbmc)
        "$yosys" -q -l "$log.yosys" -p "$prep; dffunmap; write_smt2 -wires $out/$name.smt2" >/dev/null 2>&1 ||
            { tail -20 "$log.yosys" >&2; echo "prove: yosys failed" >&2; exit 1; }
        yosys-smtbmc -s z3 -t "$depth" "$out/$name.smt2" >"$log" 2>&1 && echo proved || echo failed ;;
    *)  echo "prove: engine sat or smtbmc" >&2; exit 1 ;;
    esac
}

start=$(date +%s)
r=$(run proof "" "$@")
secs=$(( $(date +%s) - start ))
if [ "$r" != proved ]; then
    echo "$top: bounded proof FAILED ($engine, depth $depth; log $out/proof.log)"
    grep -E "failed|FAIL|Assert" "$out/proof.log" | head -20
    exit 1
fi
echo "$top: every assertion holds for $depth cycles ($engine$( [ "$engine" = smtbmc ] && echo " z3"), ${secs}s)"
r=$(run reach "-DFV_REACH" "$@")
if [ "$r" != failed ]; then
    echo "$top: the reach check passed: the proof may be vacuous (log $out/reach.log)"
    exit 1
fi
echo "$top: reach check: the event is reachable within $depth cycles"
