#!/bin/bash
# configs/linux-aia: Linux as a VM on the platform's AIA (QEMU aia=aplic-imsic):
# its interrupts arrive in an IMSIC guest interrupt file of the hart, which it
# claims without trapping, fed by the emulated APLIC (MSI mode) that Linux's
# own APLIC driver programs. Init checks, interrupts rise, benchmark, a typed
# command, poweroff.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
QEMU_MEM=1G
exec "$EXPECT" -t 600 -l "$LOGS/qemu_linux_aia.console" \
    -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|PANIC|unexpected' \
    -e '^\[chipvisor\] vm linux: vCPU 0: IMSIC guest file 1 of hart 0 at GPA 0x28000000' \
    -e '^\[linux\] cv-init: stage initramfs, kernel 6\.' \
    -e '^\[linux\] CHECK dev-uart ok ttyS0' \
    -e '^\[linux\] CHECK dev-aplic ok' \
    -e '^\[linux\] CHECK dev-imsic ok' \
    -e '^\[linux\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -e '^\[linux\] IRQ timer .* rose' \
    -e '^\[linux\] IRQ uart .* rose' \
    -e '^\[linux\] IRQ-SUMMARY PASS' \
    -e '^\[linux\] BENCH-DONE' \
    -e '^\[linux\] cv# ' \
    -s 'echo msi-$(grep -c "APLIC-MSI" /proc/interrupts)-ttyS0-$(grep -c "ttyS0" /proc/interrupts)\r' \
    -e '^\[linux\] msi-[1-9][0-9]*-ttyS0-1' \
    -e '^\[linux\] cv-init: poweroff' \
    -e '^\[chipvisor\] vm linux: stopped \(passed\)' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd linux-aia -M virt,aia=aplic-imsic,aia-guests=4)
