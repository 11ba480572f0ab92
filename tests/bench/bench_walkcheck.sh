#!/bin/bash
# The hart's guest walks on the RTL, measured: Debian's Linux (configs/linux)
# boots on the HVA platform, runs its benchmark program (cvtest bench) and
# powers off, with hva-walk-check beside the hart (every two-stage TLB fill
# translated by the Verilated walker too and compared; a disagreement stops
# the run). Prints the checker's METRIC lines (walkcheck_*: translations,
# mismatches, cycles per translation, walks per 1000 translations, PTE reads
# per walk, TLB / G-TLB / PWC hits; trace:linux-boot-bench; timing=wall:
# the walker's cycles are exact, but the stream itself depends on timer
# interrupts, there is no -icount on the HVA platform) and records WALK_BENCH_REQUESTS (500000)
# translations from the benchmark's start into $BUILD/bench/traces/linux-bench
# (the sweep's `linux-bench` trace: `make sweep`).
# 8 minutes (13.7 M translations, 491 s, on the shared 2-core machine, with
# the checker at 24-30 us of CPU each; 12 us since it skips quiet cycles).
. "$(dirname "$0")/../qemu/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/sim/walker/hva-walk-check"
HVA_MEM=1G
. tests/qemu/hva_platform.sh
set +e
traces=$BUILD/bench/traces
mkdir -p "$traces"
log=$LOGS/bench_walkcheck.console
HVA_WALK=$LOGS/bench_walkcheck.walk
HVA_WALK_RECORD=$traces/linux-bench
HVA_WALK_RECORD_MAX=${WALK_BENCH_REQUESTS:-500000}
HVA_WALK_RECORD_ON_SIGNAL=1
HVA_WALK_LABEL=linux-boot-bench
rm -f "$HVA_WALK" "$log"
cmd=$(hva_cmd linux -append chipvisor.hva.walker=off)
start=$(date +%s)
"$EXPECT" -t "${WALK_BENCH_TIMEOUT:-2400}" -l "$log" \
    -n 'Kernel panic|Oops|PANIC|hva-walk:' \
    -e '^\[linux\] cv-init: stage initramfs' -e '^\[linux\] BENCH-DONE' \
    -e '^\[linux\] cv# ' -s 'true\r' -e '^\[linux\] cv-init: poweroff' \
    -e '^\[chipvisor\] result: PASS' -x 0 -- $cmd >/dev/null &
epid=$!
# the recording starts with the benchmark (its first line)
while kill -0 "$epid" 2>/dev/null; do
    if grep -qa '^\[linux\] METRIC bench_scale' "$log" 2>/dev/null; then
        kill -USR1 "$(sed -n 's/^run-hva-platform: walker checker pid //p' "$log" | head -n1)"
        break
    fi
    sleep 0.2
done
wait "$epid"; rc=$?
for i in $(seq 100); do grep -q '^counters: ' "$HVA_WALK" 2>/dev/null && break; sleep 0.2; done
grep -v '^METRIC' "$HVA_WALK"
[ "$rc" -eq 0 ] || { echo "bench_walkcheck: the run failed ($log):" >&2; tail -20 "$log" >&2; exit 1; }
grep -q ' 0 disagree,' "$HVA_WALK" || { echo "bench_walkcheck: the walker disagreed with QEMU" >&2; exit 1; }
# the walker's cycles per request are exact, but the stream itself depends on
# when timer interrupts came (no -icount on the HVA platform): timing=wall
sed -n 's/^METRIC \(.*\) \(trace:.*\)$/METRIC \1 timing=wall \2/p' "$HVA_WALK"
echo "METRIC walkcheck_run_time=$(( $(date +%s) - start )) unit=s timing=wall trace:linux-boot-bench"
