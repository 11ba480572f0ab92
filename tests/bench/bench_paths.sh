#!/bin/bash
# Hypervisor paths in retired instructions (instret under -icount shift=0: no
# dependence on host load), each counted by a guest around its own accesses:
#   configs/probe     SBI BASE and TIME round trips, UART read and write, PLIC
#                     claim, the UART read on the guest's Sv39 4 KiB pages, the
#                     timer interrupt round trip (firmware/guests/probe.c)
#   configs/smp-ipi   an IPI between the two vCPUs of a VM on one host hart: the
#                     sender's sbi_send_ipi, and from that call to the handler of
#                     the vCPU it woke (firmware/guests/smp_ipilat.c)
. "$(dirname "$0")/../qemu/common.sh"
for cfg in probe smp-ipi; do
    log="$LOGS/bench_paths_$cfg.console"
    "$EXPECT" -t 120 -l "$log" -e '^\[chipvisor\] result: PASS' -x 0 -- $(qemu_cmd $cfg) >/dev/null 2>&1 ||
        { echo "bench_paths: $cfg did not pass (log: $log)"; exit 1; }
    grep -E 'METRIC' "$log"
done
