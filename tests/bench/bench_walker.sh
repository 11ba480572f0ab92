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
SYNTH=$BUILD/host-tools/hva-trace-synth
for f in "$REPLAY" "$SYNTH"; do
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
