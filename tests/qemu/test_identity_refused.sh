#!/bin/bash
# `memory ... identity` (RAM GPA = HPA, for a passthrough device's DMA) where
# that host RAM is not free: over the firmware and the hypervisor
# (0x80000000), and beyond the machine's RAM (0xa0000000 with 256 MiB). Each
# VM is refused with the range and the free pool; the VM beside them runs
# (configs/identity_refused).
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_identity_refused.console" \
    -n 'PANIC|unexpected trap' \
    -e '^\[chipvisor\] vm firmware: RAM GPA = HPA \[0x80000000, 0x81000000\) is not free host RAM \(free: \[0x8[0-9a-f]+, 0x90000000\)\); not started' \
    -e '^\[chipvisor\] vm beyond: RAM GPA = HPA \[0xa0000000, 0xa1000000\) is not free host RAM \(free: \[0x8[0-9a-f]+, 0x90000000\)\); not started' \
    -e '^\[chipvisor\] vm sbi: 16 MiB at GPA 0x80000000 -> HPA 0x8[0-9a-f]+, VMID' \
    -e '^\[chipvisor\] vm sbi: stopped \(passed\)' \
    -e '^\[chipvisor\]   firmware +killed +traps 0,' \
    -e '^\[chipvisor\]   beyond +killed +traps 0,' \
    -e '^\[chipvisor\] result: FAIL \(2 of 3 VMs did not pass\)' \
    -x 2 \
    -- $(qemu_cmd identity_refused)
