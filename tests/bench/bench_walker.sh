#!/bin/bash
# The HVA walker (default parameters, rtl/walker/hva_walker.sv) on Linux-like
# synthetic translation streams (host-tools/trace-synth: Sv39 over Sv39x4, G-stage
# with chipvisor's 2 MiB leaves and with 4 KiB leaves), replayed cycle-accurately
# (hva-trace-replay) at memory latencies from 1 to 64 cycles: walks per 1000
# translations, PTE reads per walk, cycles per translation (simulated cycles:
# deterministic). Until the HVA platform's QEMU records real guest streams
# (tests/bench/README.md, "Traces"), these are the walker's stream figures.
#   WALKER_BENCH_REQUESTS (default 20000), WALKER_BENCH_LATENCIES ("1 2 4 8 16 32 64")
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
REPLAY=$BUILD/sim/walker/hva-trace-replay
REPLAY_OPT=$BUILD/sim/walker/hva-trace-replay-opt.exe
SYNTH=$BUILD/host-tools/hva-trace-synth
NOCACHE=$BUILD/sim/walker/sweep-off       # caches off (tests/bench/sweep.mk)
for f in "$REPLAY" "$REPLAY_OPT" "$SYNTH" "$NOCACHE"; do
    [ -x "$f" ] || { echo "MISSING: $f (make bench builds it)" >&2; exit 1; }
done
traces=$BUILD/bench/traces
mkdir -p "$traces"
n=${WALKER_BENCH_REQUESTS:-20000}
for g in 2m 4k; do
    "$SYNTH" --seed 1 --requests "$n" --gpage "$g" "$traces/linuxlike-g$g-$n" >&2
    for lat in ${WALKER_BENCH_LATENCIES:-1 2 4 8 16 32 64}; do
        tests/bench/replay-metrics.sh "$REPLAY" "$traces/linuxlike-g$g-$n" "$lat" default
    done
done

# PTE reads of one nested walk without caches, 4 KiB leaves in both stages
# (user pages) and a 2 MiB VS-stage leaf over 4 KiB G-stage leaves (the
# kernel's linear map): (n+1)(m+1)-1 = 15 for Sv39 over Sv39x4, 24 for Sv48
# over Sv48x4 (Bhargava et al., ASPLOS 2008, for x86-64's 4 x 4)
for mode in sv39 sv48; do
    t=$traces/nested-$mode-g4k-2000
    "$SYNTH" --seed 1 --requests 2000 --gpage 4k --mode "$mode" "$t" >&2
    "$NOCACHE" --latency 4 "$t.mem" "$t.req" | awk -v m="mode:$mode/${mode}x4" '
        / ok / { split($3, a, "x"); user = length(a[2]) <= 10          # user VAs are below 2^40
                 for (i = 1; i <= NF; i++) if ($i ~ /^reads=/) { sub("reads=", "", $i); r = $i }
                 k = user ? "4k_4k" : "2m_4k"; n[k]++; s[k] += r; if (r > mx[k]) mx[k] = r }
        END { for (k in n) printf "METRIC nested_walk_reads_%s=%.2f unit=reads/walk max=%d %s walks:%d\n", k, s[k] / n[k], mx[k], m, n[k] }'
done

# Simulation speed of the Verilated walker (issue 9): simulated cycles per
# second of CPU time (user + sys of the whole run: parsing, harness, model;
# not the wall clock, but still the machine's: timing=wall), the first 30000
# lines of the 4 KiB-leaf stream of seed 1 at memory latency 4, default walker.
# opt: hva-trace-replay-opt (registered inputs, quiet cycles not evaluated);
# opt-noskip: the same with WALKER_SKIP=0; checked: hva-trace-replay
# (assertions, sanitizers). One line per run (BENCH_REPEATS runs each): the
# figure is the median of the runs.
"$SYNTH" --seed 1 --requests 200000 --gpage 4k "$traces/speed-g4k-200000" >&2
head -30000 "$traces/speed-g4k-200000.req" >"$traces/speed-g4k-30000.req"
cp "$traces/speed-g4k-200000.mem" "$traces/speed-g4k-30000.mem"
for run in $(seq "${BENCH_REPEATS:-3}"); do
    for b in opt opt-noskip checked; do
        exe=$REPLAY_OPT skip=1
        [ "$b" = opt-noskip ] && skip=0
        [ "$b" = checked ] && exe=$REPLAY skip=0
        WALKER_SKIP=$skip HVA_REPLAY_SPEED=1 "$exe" --quiet --latency 4 \
            "$traces/speed-g4k-30000.mem" "$traces/speed-g4k-30000.req" 2>&1 >/dev/null |
            awk -v b="build:$b" '/^speed:/ {
                printf "METRIC walker_sim_speed=%s unit=Mcycles/s cycles=%s cpu_s=%s timing=wall %s trace:speed-g4k-30000 latency:4 (CPU time)\n", $11, $2, $6, b }'
    done
done
