#!/bin/bash
# configs/linux-smp-aia: Debian's kernel with 2 vCPUs on AIA (QEMU -M
# virt,aia=aplic-imsic): each vCPU has an IMSIC guest file of its own host
# hart; Linux's IPIs are MSIs into the other vCPU's file. See linux_smp.sh.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/linux_smp.sh"
need "$BUILD/linux/Image" "$BUILD/linux/initramfs.cpio"
linux_smp_run qemu_linux_smp_aia linux-smp-aia 2 2 -M virt,aia=aplic-imsic,aia-guests=4
linux_smp_run qemu_linux_smp4_aia linux-smp4-aia 2 4 -M virt,aia=aplic-imsic,aia-guests=4
