#!/bin/bash
# configs/smp-stress on 2 and on 4 host harts: three VMs of 3 vCPUs each run
# the SMP stress guest at once (IPIs in a ring and all to all, each round a
# remote fence.i or sfence.vma the next vCPU must observe), so the vCPUs are
# time-sliced and move between harts under load; every guest's checks pass
# (no IPI lost or doubled, no stale translation or code), the vCPUs did move,
# and the run ends on its own within its time limit. On a 2-core host -smp 4
# is slower (the ring waits on harts whose QEMU threads share the cores).
. "$(dirname "$0")/common.sh"
QEMU_MEM=512M
for smp in 2 4; do
    QEMU_SMP=$smp
    "$EXPECT" -t 400 -l "$LOGS/qemu_smp_stress_$smp.console" \
        -n 'CHECK [^ ]+ FAIL|stopping the run|PANIC|unexpected|not started' \
        -e "SMP: $smp hart\\(s\\) in the device tree, $smp started" \
        -a '^\[stress-a\] SMP-SUMMARY pass=[0-9]+ fail=0' \
        -a '^\[stress-b\] SMP-SUMMARY pass=[0-9]+ fail=0' \
        -a '^\[stress-c\] SMP-SUMMARY pass=[0-9]+ fail=0' \
        -e '^\[chipvisor\]   stress-a +passed .* moves [1-9][0-9]*' \
        -e '^\[chipvisor\] result: PASS \(0 of 3 VMs did not pass\)' \
        -x 0 \
        -- $(qemu_cmd smp-stress)
done
