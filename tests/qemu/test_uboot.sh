#!/bin/bash
# Debian's U-Boot (S-mode payload) as a guest beside the ticker guest: it boots
# to its prompt on the DTB, SBI, timer and UART chipvisor gives it, answers
# commands, and its `reset` restarts that VM alone while the ticker goes on.
# UBOOT_PLATFORM=hva: the same on the HVA platform (test_hva_uboot.sh).
. "$(dirname "$0")/common.sh"
UBOOT_BIN=${UBOOT_BIN:-/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin}
need "$UBOOT_BIN"
if [ "${UBOOT_PLATFORM:-}" = hva ]; then
    . "$(dirname "$0")/hva_platform.sh"
    name=qemu_hva_uboot
    cmd=$(hva_cmd uboot -icount shift=0 -append chipvisor.hva.walker=off)
    platform=(-n 'software paths'
              -e '^\[chipvisor\] HVA [0-9.]+ \(device at 0x10200000.*walker off'
              -e '^\[chipvisor\] vm uboot: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage')
else
    name=qemu_uboot
    cmd=$(qemu_cmd uboot)
    platform=()
fi
exec "$EXPECT" -t 240 -l "$LOGS/$name.console" \
    -n 'PANIC|stopped \(killed\)|unexpected' "${platform[@]}" \
    -e '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -e '^\[uboot\] Model: chipvisor VM uboot' \
    -e '^\[uboot\] DRAM: +128 MiB' \
    -e '^\[uboot\] (In|Out): +serial@10000000' \
    -e 'Hit any key to stop autoboot' \
    -s '\r' \
    -e '^\[uboot\] => ' \
    -s 'version\r' \
    -e '^\[uboot\] U-Boot 20[0-9][0-9]' \
    -e '^\[uboot\] => ' \
    -s 'bdinfo\r' \
    -e '^\[uboot\] -> start += 0x0*80000000' \
    -e '^\[uboot\] -> size += 0x0*8000000' \
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
    -e '^\[ticker\] tick' \
    -- $cmd
