#!/bin/bash
# make test's sweep: tests/bench/sweep.sh on a small grid (5000-translation
# synthetic traces, the walkers make built as <walkers>/sweep-<config>), then
# checks that can fail:
#  - results.json parses and has the config block and every field of every figure;
#  - a bigger combined TLB (same ways) never walks more on the same trace;
#  - a smaller G-TLB never reads fewer PTEs;
#  - without caches every translation walks and the walker reads exactly the PTEs
#    the golden model read for the stream (the trace's "# model:" line), per
#    walk of Sv39 over Sv39x4 (n+1)(m+1)-1 = 15 for 4 KiB leaves in both stages,
#    fewer for superpages: 11..15 with 4 KiB G-stage leaves, 8..11 with 2 MiB;
#  - cycles per translation grow with the memory latency; no faults.
# And a recorded Linux trace (linux-boot: the first 20000 two-stage translations
# of Debian's Linux booting on the HVA platform, recorded by hva-walk-check
# through record-linux-trace.sh, ~10 s): the default walker replays it to the
# counters the live walker had beside QEMU; without caches every translation
# walks, 3..29 reads per walk (Sv57 over Sv48x4: (5+1)(4+1)-1 = 29); a TLB of
# 64 walks no more than one of 4; cycles grow with the latency.
#   tests/bench/test_sweep.sh <out dir> <walkers dir> <BUILD dir>
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1 walkers=$2 build=$3
command -v jq >/dev/null || { echo "MISSING: jq (host-tools/install-deps.sh)" >&2; exit 1; }
rm -rf "$out"
SWEEP_PREBUILT=$walkers SWEEP_TOOLS=$build SWEEP_REQUESTS=5000 SWEEP_SYNTH= SWEEP_WALKER_SRC=unused \
SWEEP_TRACES="g2m g4k linux-boot" SWEEP_LINUX_REQUESTS=20000 \
SWEEP_CONFIGS="t4w4-g16w4-p8 t16w4-g16w4-p8 t64w4-g16w4-p8 t16w4-g4w4-p8 off" \
SWEEP_LAT_CONFIGS="t16w4-g16w4-p8" SWEEP_LAT_SERIES="1 4 16" BUILD=$build \
    tests/bench/sweep.sh "$out"
json=$out/results.json
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
# the value of a figure: fig <name> <config> <latency> <trace>
fig() {
    jq -e -r --arg f "$1" --arg c "$2" --arg l "$3" --arg t "$4" \
        '.tables.sweep[] | select(.figure == $f and .labels.config == $c and .labels.latency == $l and .labels.trace == $t) | .median' "$json"
}
check "results.json parses" "jq -e . '$json' >/dev/null"
for k in git_commit qemu opensbi_package verilator yosys walker_tlb walker_gtlb walker_pwc sweep_configs sweep_requests; do
    check "config has $k" "jq -e --arg k $k '.config[\$k] | length > 0' '$json' >/dev/null"
done
check "every figure has every field" \
    "jq -e '[.tables[][] | has(\"figure\", \"labels\", \"unit\", \"timing\", \"repeats\", \"median\", \"min\", \"max\", \"q1\", \"q3\", \"values\")] | all' '$json' >/dev/null"
check "sweep table: 5 configurations + 2 more latencies, 3 traces, 10 figures each" \
    "[ \$(jq '.tables.sweep | length' '$json') -eq 210 ]"
check "no faults on the synthetic traces" \
    "jq -e '[.tables.sweep[] | select(.figure == \"faults\" and (.labels.trace | startswith(\"linuxlike\"))) | .median == 0] | all' '$json' >/dev/null"
for tr in g2m g4k; do
    t=linuxlike-$tr-5000
    w4=$(fig walks t4w4-g16w4-p8 4 $t); w16=$(fig walks t16w4-g16w4-p8 4 $t); w64=$(fig walks t64w4-g16w4-p8 4 $t)
    check "$t: walks TLB 4 >= 16 >= 64 ($w4 $w16 $w64)" "[ $w4 -ge $w16 ] && [ $w16 -ge $w64 ] && [ $w4 -gt $w64 ]"
    r16=$(fig pte_reads t16w4-g16w4-p8 4 $t); r4=$(fig pte_reads t16w4-g4w4-p8 4 $t)
    check "$t: PTE reads G-TLB 4 >= 16 ($r4 $r16)" "[ $r4 -ge $r16 ]"
    n=$(fig translations off 4 $t); w=$(fig walks off 4 $t); r=$(fig pte_reads off 4 $t)
    model=$(sed -n 's/^# model: [0-9]* requests, \([0-9]*\) PTE reads without caches$/\1/p' "$out/traces/$t.req")
    check "$t: without caches every translation walks ($w of $n)" "[ $w -eq $n ]"
    check "$t: without caches PTE reads = the golden model's ($r, model $model)" "[ '$r' = '$model' ]"
    [ $tr = g4k ] && lo=11 hi=15 || lo=8 hi=11
    check "$t: $lo <= PTE reads per walk <= $hi without caches ($r / $n)" "[ $r -ge $((lo * n)) ] && [ $r -le $((hi * n)) ]"
    c1=$(fig cycles_per_translation t16w4-g16w4-p8 1 $t); c4=$(fig cycles_per_translation t16w4-g16w4-p8 4 $t)
    c16=$(fig cycles_per_translation t16w4-g16w4-p8 16 $t)
    check "$t: cycles per translation grow with latency ($c1 $c4 $c16)" \
        "awk 'BEGIN { exit !($c1 < $c4 && $c4 < $c16) }'"
done
t=linux-boot-20000
live=$(sed -n 's/^recorded counters: //p' "$out/traces/$t.walk")
read -r lreq ltlb lgtlb lpwc lreads lfaults lbusy < <(echo "$live" |
    awk '{ for (i = 1; i < NF; i += 2) v[$i] = $(i + 1)
           print v["requests"], v["tlb_hits"], v["gtlb_hits"], v["pwc_hits"], v["pte_reads"], v["faults"], v["busy_cycles"] }')
check "$t: recorded live ($live)" "[ '$lreq' = 20000 ]"
n=$(fig translations t16w4-g16w4-p8 4 $t); w=$(fig walks t16w4-g16w4-p8 4 $t); r=$(fig pte_reads t16w4-g16w4-p8 4 $t)
g=$(fig gtlb_hits t16w4-g16w4-p8 4 $t); p=$(fig pwc_hits t16w4-g16w4-p8 4 $t); f=$(fig faults t16w4-g16w4-p8 4 $t)
c=$(fig cycles_per_translation t16w4-g16w4-p8 4 $t)
lc=$(awk -v b="$lbusy" -v n="$lreq" 'BEGIN { printf "%.3f", b / n }')
check "$t: the default walker's replay = the live walker beside QEMU (walks $w/$((lreq - ltlb)) reads $r/$lreads gtlb $g/$lgtlb pwc $p/$lpwc faults $f/$lfaults cycles $c/$lc)" \
    "[ $n -eq $lreq ] && [ $w -eq $((lreq - ltlb)) ] && [ $r -eq $lreads ] && [ $g -eq $lgtlb ] && [ $p -eq $lpwc ] && [ $f -eq $lfaults ] && awk 'BEGIN { exit !($c == $lc) }'"
n=$(fig translations off 4 $t); w=$(fig walks off 4 $t); r=$(fig pte_reads off 4 $t)
check "$t: without caches every translation walks ($w of $n)" "[ $w -eq $n ]"
check "$t: 3 <= PTE reads per walk <= 29 without caches ($r / $n)" "[ $r -ge $((3 * n)) ] && [ $r -le $((29 * n)) ]"
w4=$(fig walks t4w4-g16w4-p8 4 $t); w64=$(fig walks t64w4-g16w4-p8 4 $t)
check "$t: walks TLB 4 >= 64 ($w4 $w64)" "[ $w4 -ge $w64 ]"
c1=$(fig cycles_per_translation t16w4-g16w4-p8 1 $t); c16=$(fig cycles_per_translation t16w4-g16w4-p8 16 $t)
check "$t: cycles per translation grow with latency ($c1 $c16)" "awk 'BEGIN { exit !($c1 < $c16) }'"
check "sweep.csv written" "[ \$(wc -l < '$out/sweep.csv') -eq 211 ]"
[ "$fail" -eq 0 ] && echo "test_sweep: PASS" || { echo "test_sweep: FAIL"; exit 1; }
