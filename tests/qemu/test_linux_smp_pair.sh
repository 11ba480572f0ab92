#!/bin/bash
# configs/linux-smp-pair on -smp 4: two Linux VMs of 2 vCPUs each and the SBI
# test guest. Both kernels bring up both vCPUs and pass their checks; linux-b
# is told to reboot (its two vCPUs stop on whichever harts they run, the VM
# starts again from its image) while linux-a goes on; linux-a powers off its
# own VM, then linux-b, after its second boot, powers off too.
# (qemu-expect: -a lines may come in any order and are checked by the end;
# sends follow the -e line before them.)
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
QEMU_MEM=1G QEMU_SMP=4
exec "$EXPECT" -t 900 -l "$LOGS/qemu_linux_smp_pair.console" \
    -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|PANIC|unexpected|failed to start' \
    -e 'SMP: 4 hart\(s\) in the device tree, 4 started' \
    -a '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[linux-a\] CHECK smp-ipi ok' \
    -a '^\[linux-a\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -a '^\[linux-a\] cv# ' \
    -e '^\[linux-b\] CHECK smp-ipi ok' \
    -e '^\[linux-b\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -e '^\[linux-b\] cv# ' \
    -s '\x1d' \
    -e 'console input goes to vm linux-b' \
    -s 'reboot -f\r' \
    -e '^\[chipvisor\] vm linux-b: (cold|warm) reboot requested' \
    -e '^\[linux-b\] cv-init: stage initramfs' \
    -e '^\[linux-b\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -e '^\[linux-b\] cv# ' \
    -s '\x1d\x1d' \
    -e 'console input goes to vm linux-a' \
    -s 'echo a-$((6*7))\r' \
    -e '^\[linux-a\] a-42' \
    -e '^\[chipvisor\] vm linux-a: stopped \(passed\)' \
    -s '\x1d' \
    -e 'console input goes to vm linux-b' \
    -s 'echo b-$((6*7))\r' \
    -e '^\[linux-b\] b-42' \
    -e '^\[chipvisor\] vm linux-b: stopped \(passed\)' \
    -e '^\[chipvisor\] result: PASS \(0 of 3 VMs did not pass\)' \
    -x 0 \
    -- $(qemu_cmd linux-smp-pair)
