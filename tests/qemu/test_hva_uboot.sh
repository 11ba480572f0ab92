#!/bin/bash
# Debian's U-Boot as a guest on the HVA platform, beside the ticker guest: its
# PLIC window is a VIC guest file in its G-stage; it boots to its prompt,
# answers, and its `reset` restarts that VM alone. The instructions of its
# UART accesses are read with HLVX (chipvisor.hva.walker=off): U-Boot's console
# makes thousands of device accesses, and a walk by the simulated RTL costs
# some 10 ms of wall time (test_hva_demo covers the walker).
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/hva_platform.sh"
UBOOT_BIN=${UBOOT_BIN:-/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin}
need "$UBOOT_BIN"
exec "$EXPECT" -t 600 -l "$LOGS/qemu_hva_uboot.console" \
    -n 'PANIC|stopped \(killed\)|unexpected|software paths' \
    -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000.*walker off' \
    -e '^\[chipvisor\] vm uboot: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage' \
    -e '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -e '^\[uboot\] DRAM: +128 MiB' \
    -e 'Hit any key to stop autoboot' \
    -s '\r' \
    -e '^\[uboot\] => ' \
    -s 'mw.l 0x81000000 0xc0ffee42 4\r' \
    -e '^\[uboot\] => ' \
    -s 'md.l 0x81000000 4\r' \
    -e '^\[uboot\] 81000000: c0ffee42 c0ffee42 c0ffee42 c0ffee42' \
    -e '^\[ticker\] tick' \
    -s 'reset\r' \
    -e '^\[chipvisor\] vm uboot: (cold|warm) reboot requested \(SBI SRST\); restarting it' \
    -e '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -e 'Hit any key to stop autoboot' \
    -s '\r' \
    -e '^\[uboot\] => ' \
    -s 'md.l 0x81000000 1\r' \
    -e '^\[uboot\] 81000000: 00000000' \
    -- $(hva_cmd uboot -icount shift=0 -append chipvisor.hva.walker=off)
