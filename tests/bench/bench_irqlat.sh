#!/bin/bash
# Interrupt latency in instructions, from a device's line rising to the first
# instruction of the guest's handler, per interrupt backend: the software
# PLIC, an AIA IMSIC guest file, and the HVA VIC as a device of the HVA
# platform (configs/irqlat, irqlat-aia; firmware/guests/irqlat.c). Sources:
# the tick device's expiry and the UART's THR-empty raised by the guest's
# write. Under -icount shift=0,sleep=off (instret counts the hypervisor's
# instructions too; sleep=off: an idle hart's clock jumps to the next timer
# instead of following the host's, which moved where a tick fell in one run of
# three); the guest prints the median, min and max of 21 samples per run, and
# each run is repeated BENCH_REPEATS times (default 3) for the spread across
# runs (the counts are the same in every run).
. "$(dirname "$0")/../qemu/common.sh"
repeats=${BENCH_REPEATS:-3}
for r in $(seq "$repeats"); do
    for run in "irqlat" "irqlat-aia -M virt,aia=aplic-imsic,aia-guests=4"; do
        log="$LOGS/bench_irqlat_${run%% *}.console"
        "$EXPECT" -t 120 -l "$log" -e '^\[chipvisor\] result: PASS' -x 0 -- $(qemu_cmd $run -icount sleep=off) >/dev/null 2>&1 ||
            echo "bench_irqlat: ${run%% *} failed (log: $log)" >&2
        grep -E 'METRIC irq_latency' "$log" || true
    done
done

# the HVA VIC as a device (QEMU -M virt,hva=on, the RTL behind it)
. "$(dirname "$0")/../qemu/hva_platform.sh"
# the simulator answers each access 32 cycles after it (HVA_DEV_SETTLE,
# sim/hva-device): the VIC's line, within one round of its arbitration
# after an INJECT (9 cycles with 4 guests of 2 contexts: rtl/vic/README.md),
# is then in the answer, not a later message
export HVA_DEV_SETTLE=${HVA_DEV_SETTLE:-32}
for r in $(seq "$repeats"); do
    log="$LOGS/bench_irqlat_hva.console"
    "$EXPECT" -t 300 -l "$log" -e '^\[chipvisor\] result: PASS' -x 0 \
        -- $(hva_cmd irqlat -icount shift=0,sleep=off) >/dev/null 2>&1 ||
        echo "bench_irqlat: irqlat on the HVA platform failed (log: $log)" >&2
    grep -E 'METRIC irq_latency' "$log" || true
done
