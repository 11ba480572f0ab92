#!/bin/bash
# One replay of a translation trace through a Verilated walker, as METRIC lines:
#   tests/bench/replay-metrics.sh <hva-trace-replay> <trace prefix> <latency> <config name>
# (<prefix>.mem and <prefix>.req, the format of sim/walker/README.md). A walk
# is a request the combined TLB did not answer.
set -euo pipefail
replay=$1 trace=$2 latency=$3 config=$4
out=$("$replay" --quiet --latency "$latency" "$trace.mem" "$trace.req")
echo "$out" | awk -v t="trace:$(basename "$trace")" -v c="config:$config" -v l="latency:$latency" '
/^counters:/ {
    for (i = 2; i < NF; i += 2) v[$i] = $(i + 1)
    req = v["requests"]; walks = req - v["tlb_hits"]
    if (req == 0) { print "replay-metrics: no requests" > "/dev/stderr"; exit 1 }
    lab = t " " c " " l
    printf "METRIC translations=%d unit=translations %s\n", req, lab
    printf "METRIC walks=%d unit=walks %s\n", walks, lab
    printf "METRIC walks_per_1k=%.3f unit=walks/1000_translations %s\n", 1000 * walks / req, lab
    printf "METRIC pte_reads=%d unit=reads %s\n", v["pte_reads"], lab
    printf "METRIC pte_reads_per_walk=%.4f unit=reads/walk %s\n", walks ? v["pte_reads"] / walks : 0, lab
    printf "METRIC pte_reads_per_translation=%.4f unit=reads/translation %s\n", v["pte_reads"] / req, lab
    printf "METRIC cycles_per_translation=%.3f unit=cycles/translation %s\n", v["busy_cycles"] / req, lab
    printf "METRIC gtlb_hits=%d unit=hits %s\n", v["gtlb_hits"], lab
    printf "METRIC pwc_hits=%d unit=hits %s\n", v["pwc_hits"], lab
    printf "METRIC faults=%d unit=faults %s\n", v["faults"], lab
    found = 1
}
END { if (!found) { print "replay-metrics: no counters line" > "/dev/stderr"; exit 1 } }'
