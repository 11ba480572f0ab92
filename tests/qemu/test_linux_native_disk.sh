#!/bin/bash
# Debian 13's riscv64 kernel natively on QEMU with the ext4 root on a virtio-mmio
# disk (a copy of rootfs.ext4: the build output stays pristine): the initramfs
# loads virtio_blk and ext4 and switch_roots into the disk, cvtest checks the
# root and runs its benchmarks (with the disk), a token written on the ext4 root
# survives `reboot -f` (QEMU restarts the machine), and the second boot reads it.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/linux/rootfs.ext4"
disk=$(mktemp "${TMPDIR:-/tmp}/chipvisor-rootfs.XXXXXX.ext4")
trap 'rm -f "$disk"' EXIT
cp "$BUILD/linux/rootfs.ext4" "$disk"
token="cv-$(date +%s)-$$-$RANDOM"
"$EXPECT" -t 600 -l "$LOGS/qemu_linux_native_disk.console" \
    -n 'Kernel panic|Oops|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|EXT4-fs error' \
    -e '^cv-init: stage initramfs' \
    -e '^cv-init: switch_root to ext4 on /dev/vda' \
    -e '^cv-init: stage rootfs' \
    -e '^CHECK dev-virtio-blk ok virtio[0-9]+ /sys/block/vda' \
    -e '^CHECK root ok / is ext4 on /dev/vda' \
    -e '^CHECK-SUMMARY 8 ok 0 failed: PASS' \
    -e '^IRQ virtio .* rose' \
    -e '^IRQ-SUMMARY PASS' \
    -e '^METRIC syscall_getppid=' \
    -e '^METRIC disk_seq_read=' \
    -e '^METRIC disk_seq_write=' \
    -e '^BENCH-DONE' \
    -e '^cv-ready' \
    -e '^cv# ' \
    -s "cvtest disk-read /cv-token $token; cvtest disk-write /cv-token $token\r" \
    -e "^DISK read /cv-token $token FAIL" \
    -e "^DISK write /cv-token $token ok" \
    -e '^cv-init: reboot' \
    -e '^cv-init: stage initramfs' \
    -e '^cv-init: stage rootfs' \
    -e '^CHECK root ok' \
    -e '^cv-ready' \
    -e '^cv# ' \
    -s "cvtest disk-read /cv-token $token && poweroff -f\r" \
    -e "^DISK read /cv-token $token ok" \
    -x 0 \
    -- "$QEMU" -M virt -smp 1 -m 512M -nographic -bios "$OPENSBI_FW" \
       -kernel "$BUILD/linux/Image" -initrd "$BUILD/linux/initramfs.cpio" \
       -drive "file=$disk,if=none,id=d0,format=raw" -device virtio-blk-device,drive=d0 \
       -append "console=ttyS0 quiet root=/dev/vda cv.root=ext4 cv.mem=512 cv.cpus=1 cv.devs=uart,plic,virtio-blk cv.initrd=1 cv.bench=1 cv.end=reboot"
