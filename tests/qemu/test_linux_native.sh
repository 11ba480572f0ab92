#!/bin/bash
# Debian 13's riscv64 kernel with the busybox + cvtest initramfs, natively on
# QEMU (no hypervisor): init loads the modules, cvtest checks what the kernel
# was given (memory, CPUs, devices, initrd) and that timer and UART interrupts
# arrive, a typed command is answered, and poweroff ends QEMU through SBI SRST.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
exec "$EXPECT" -t 300 -l "$LOGS/qemu_linux_native.console" \
    -n 'Kernel panic|Oops|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR' \
    -e '^cv-init: stage initramfs, kernel 6\.' \
    -e '^cv-init: modules loaded: .*ext4 virtio_mmio virtio_blk' \
    -e '^CHECK kernel ok Linux 6\.[0-9.]+\+deb13-riscv64 riscv64' \
    -e '^CHECK mem ok ' \
    -e '^CHECK cpus ok online=1 expected 1' \
    -e '^CHECK dev-uart ok ttyS0 uart:16550A' \
    -e '^CHECK dev-plic ok' \
    -e '^CHECK initrd ok' \
    -e '^CHECK-SUMMARY 6 ok 0 failed: PASS' \
    -e '^IRQ timer .* rose' \
    -e '^IRQ uart .* rose' \
    -e '^IRQ-SUMMARY PASS' \
    -e '^cv-ready' \
    -e '^cv# ' \
    -s 'echo answer-$((6*7)) from $(uname -m)\r' \
    -e '^answer-42 from riscv64' \
    -e '^cv-init: command exit status 0' \
    -e '^cv-init: poweroff' \
    -x 0 \
    -- "$QEMU" -M virt -smp 1 -m 512M -nographic -bios "$OPENSBI_FW" \
       -kernel "$BUILD/linux/Image" -initrd "$BUILD/linux/initramfs.cpio" \
       -append "console=ttyS0 quiet cv.mem=512 cv.cpus=1 cv.devs=uart,plic cv.initrd=1 cv.end=poweroff"
