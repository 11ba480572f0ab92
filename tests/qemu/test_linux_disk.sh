#!/bin/bash
# configs/linux-disk: Linux mounts its ext4 root from the virtio-mmio disk the
# hypervisor emulates (the image in host RAM, out of the guest's reach), runs
# its benchmarks on it, writes through the virtio console (hvc0), writes a
# token on the root, and reboots its VM: the hypervisor restarts that VM alone
# with the disk as the guest left it, and the second boot reads the token back.
. "$(dirname "$0")/common.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio" "$BUILD/linux/rootfs.ext4"
token="cv-$(date +%s)-$$-$RANDOM"
QEMU_MEM=1G
exec "$EXPECT" -t 900 -l "$LOGS/qemu_linux_disk.console" \
    -n 'Kernel panic|Oops|WARNING|CHECK [^ ]+ FAIL|IRQ-SUMMARY FAIL|cv-init: ERROR|EXT4-fs error|PANIC|driver error' \
    -e '^\[linux\] cv-init: stage initramfs' \
    -e '^\[linux\] cv-init: modules loaded: .*ext4 virtio_mmio virtio_blk' \
    -e '^\[linux\] cv-init: switch_root to ext4 on /dev/vda' \
    -e '^\[linux\] cv-init: stage rootfs' \
    -e '^\[linux\] CHECK dev-virtio-blk ok virtio[0-9]+ /sys/block/vda' \
    -e '^\[linux\] CHECK dev-virtio-console ok' \
    -e '^\[linux\] CHECK root ok / is ext4 on /dev/vda' \
    -e '^\[linux\] CHECK-SUMMARY [0-9]+ ok 0 failed: PASS' \
    -e '^\[linux\] IRQ-SUMMARY PASS' \
    -e '^\[linux\] METRIC disk_seq_read=' \
    -e '^\[linux\] METRIC disk_seq_write=' \
    -e '^\[linux\] BENCH-DONE' \
    -e '^\[linux\] cv-ready' \
    -e '^\[linux\] cv# ' \
    -s "echo hello-over-hvc0 > /dev/hvc0; echo virtio-irqs-\$(awk '/virtio/ {s += \$2} END {print s + 0}' /proc/interrupts); cvtest disk-read /cv-token $token; cvtest disk-write /cv-token $token && reboot -f\r" \
    -e '^\[linux\] hello-over-hvc0' \
    -e '^\[linux\] virtio-irqs-[1-9][0-9]*$' \
    -e "^\[linux\] DISK read /cv-token $token FAIL" \
    -e "^\[linux\] DISK write /cv-token $token ok" \
    -e '^\[chipvisor\] vm linux: (cold|warm) reboot requested \(SBI SRST\); restarting it' \
    -e '^\[linux\] cv-init: stage initramfs' \
    -e '^\[linux\] cv-init: stage rootfs' \
    -e '^\[linux\] CHECK root ok' \
    -e '^\[linux\] cv# ' \
    -s "cvtest disk-read /cv-token $token\r" \
    -e "^\[linux\] DISK read /cv-token $token ok" \
    -e '^\[linux\] cv-init: poweroff' \
    -e '^\[chipvisor\] vm linux: stopped \(passed\)' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd linux-disk)
