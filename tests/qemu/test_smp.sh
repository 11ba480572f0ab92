#!/bin/bash
# configs/smp on 2 and on 4 host harts: the bare-metal SMP test guest's SBI
# HSM / IPI / RFENCE / timer checks all pass, once with 4 floating vCPUs
# (more vCPUs than harts on -smp 2: they share and move between harts) and
# once with 2 vCPUs pinned crosswise to host harts 1 and 0; both VMs end on
# their own and the hypervisor reports every hart started.
. "$(dirname "$0")/common.sh"
QEMU_MEM=512M
for smp in 2 4; do
    QEMU_SMP=$smp
    "$EXPECT" -t 300 -l "$LOGS/qemu_smp_$smp.console" \
        -n 'CHECK [^ ]+ FAIL|PANIC|unexpected|not started' \
        -e "SMP: $smp hart\\(s\\) in the device tree, $smp started" \
        -a '^\[smp-test\] CHECK harts ok n=4' \
        -a '^\[smp-pinned\] CHECK harts ok n=2' \
        -a '^\[smp-test\] SMP-SUMMARY pass=[0-9]+ fail=0' \
        -a '^\[smp-pinned\] SMP-SUMMARY pass=[0-9]+ fail=0' \
        -e '^\[chipvisor\] result: PASS \(0 of 2 VMs did not pass\)' \
        -x 0 \
        -- $(qemu_cmd smp)
done
