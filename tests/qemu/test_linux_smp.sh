#!/bin/bash
# configs/linux-smp and linux-smp4 on the software PLIC: Debian's kernel with
# 2 vCPUs on 2 host harts, then with 4 vCPUs on the same 2 harts (overcommit:
# time-sliced vCPUs that move between harts). See linux_smp.sh.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/linux_smp.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
linux_smp_run qemu_linux_smp linux-smp 2 2
linux_smp_run qemu_linux_smp4 linux-smp4 2 4
