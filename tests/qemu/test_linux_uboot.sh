#!/bin/bash
# configs/linux-uboot: Linux beside Debian's U-Boot. Linux passes its checks
# and answers a command; Ctrl-] moves input to U-Boot, which answers at its
# prompt; U-Boot's `reset` restarts its VM alone while Linux goes on, and
# Linux's poweroff stops only its own VM.
. "$(dirname "$0")/common.sh"
UBOOT_BIN=${UBOOT_BIN:-/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin}
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$UBOOT_BIN"
QEMU_MEM=1G
exec "$EXPECT" -t 900 -l "$LOGS/qemu_linux_uboot.console" \
    -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|PANIC|unexpected|stopped \(killed\)' \
    -a '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -a '^\[linux\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -a '^\[linux\] IRQ-SUMMARY PASS' \
    -a '^\[linux\] BENCH-DONE' \
    -e '^\[linux\] cv# ' \
    -s '\x1d' \
    -e 'console input goes to vm uboot' \
    -s '\r' \
    -e '^\[uboot\] => ' \
    -s 'version\r' \
    -e '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -s 'reset\r' \
    -e '^\[chipvisor\] vm uboot: (cold|warm) reboot requested \(SBI SRST\); restarting it' \
    -e '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -s '\x1d' \
    -e 'console input goes to vm linux' \
    -s 'echo linux-still-here-$((6*7))\r' \
    -e '^\[linux\] linux-still-here-42' \
    -e '^\[chipvisor\] vm linux: stopped \(passed\)' \
    -- $(qemu_cmd linux-uboot)
