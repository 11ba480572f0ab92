#!/bin/bash
# configs/linux-pair: two Linux VMs and the SBI test guest side by side on one
# hart. Both kernels reach init and pass their checks; each answers a command
# typed on its own console (Ctrl-] moves input from linux-a to linux-b); the
# test guest passes in between; each Linux powers off its own VM.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
QEMU_MEM=1G
exec "$EXPECT" -t 900 -l "$LOGS/qemu_linux_pair.console" \
    -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|PANIC|unexpected' \
    -a '^\[sbi\] [0-9]+ checks, 0 failed: PASS' \
    -a '^\[linux-a\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -a '^\[linux-b\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -a '^\[linux-a\] IRQ-SUMMARY PASS' \
    -a '^\[linux-a\] BENCH-DONE' \
    -a '^\[linux-b\] IRQ-SUMMARY PASS' \
    -a '^\[linux-b\] BENCH-DONE' \
    -e '^\[linux-a\] cv# ' \
    -s 'echo i-am-$(hostname)-a-$((20+22))\r' \
    -e '^\[linux-a\] i-am-.*-a-42' \
    -s '\x1d' \
    -e 'console input goes to vm linux-b' \
    -s 'echo i-am-b-$((40+2))\r' \
    -e '^\[linux-b\] i-am-b-42' \
    -a '^\[chipvisor\] vm linux-a: stopped \(passed\)' \
    -a '^\[chipvisor\] vm linux-b: stopped \(passed\)' \
    -e '^\[chipvisor\] result: PASS \(0 of 3 VMs did not pass\)' \
    -x 0 \
    -- $(qemu_cmd linux-pair)
