#!/bin/bash
# configs/linux: Debian 13's riscv64 kernel as a VM on the software PLIC, with
# an initramfs and a command line from the VM configuration. Init checks what
# it was given (memory, CPUs, devices, initrd), sees timer and UART interrupt
# counts rise, runs the benchmark program briefly, answers a typed command and
# powers off: the VM passes. Every MMIO instruction fetch is cross-checked by
# the software walker (Linux runs on Sv57 where QEMU offers it): 0 disagreements.
# LINUX_PLATFORM=hva: the same on the HVA platform, the PLIC a VIC guest file
# in the VM's G-stage (test_hva_linux.sh; instructions read with HLVX there).
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
QEMU_MEM=1G
if [ "${LINUX_PLATFORM:-}" = hva ]; then
    HVA_MEM=1G
    . "$(dirname "$0")/hva_platform.sh"
    name=qemu_hva_linux
    cmd=$(hva_cmd linux -append chipvisor.xcheck=on,chipvisor.hva.walker=off)
    platform=(-n 'software paths'
              -e '^\[chipvisor\] vm linux: PLIC at GPA 0xc000000 served by the HVA VIC \(guest file 0 in its G-stage')
else
    name=qemu_linux
    cmd=$(qemu_cmd linux -append chipvisor.xcheck=on)
    platform=()
fi
exec "$EXPECT" -t 600 -l "$LOGS/$name.console" \
    -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|disagree on|PANIC|unexpected' \
    "${platform[@]}" \
    -e '^\[linux\] cv-init: stage initramfs, kernel 6\.' \
    -e '^\[linux\] CHECK kernel ok Linux 6\.[0-9.]+\+deb13-riscv64 riscv64' \
    -e '^\[linux\] CHECK mem ok ' \
    -e '^\[linux\] CHECK cpus ok online=1 expected 1' \
    -e '^\[linux\] CHECK dev-uart ok ttyS0 uart:16550A' \
    -e '^\[linux\] CHECK dev-plic ok' \
    -e '^\[linux\] CHECK initrd ok' \
    -e '^\[linux\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -e '^\[linux\] IRQ timer .* rose' \
    -e '^\[linux\] IRQ uart .* rose' \
    -e '^\[linux\] IRQ-SUMMARY PASS' \
    -e '^\[linux\] METRIC syscall_getppid=' \
    -e '^\[linux\] BENCH-DONE' \
    -e '^\[linux\] cv-ready' \
    -e '^\[linux\] cv# ' \
    -s 'grep -c . /proc/cpuinfo >/dev/null && echo answer-$((6*7)) mmu $(sed -n "s/^mmu.*: //p" /proc/cpuinfo)\r' \
    -e '^\[linux\] answer-42 mmu sv(39|48|57)' \
    -e '^\[linux\] cv-init: poweroff' \
    -e '^\[chipvisor\] vm linux: stopped \(passed\)' \
    -e '^\[chipvisor\] result: PASS' \
    -e 'cross-check: [1-9][0-9]* fetches by HLVX and the software walker, 0 disagreements' \
    -x 0 \
    -- $cmd
