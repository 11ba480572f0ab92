# The Linux guest: Debian 13's own riscv64 kernel, a busybox + cvtest initramfs,
# and the same tree as an ext4 root filesystem (see firmware/linux/init).
#   $(BUILD)/linux/Image            the kernel (plain RISC-V Image, from the Debian package)
#   $(BUILD)/linux/initramfs.cpio   cpio newc (uncompressed): /init, busybox, cvtest, modules
#   $(BUILD)/linux/rootfs.ext4      32 MiB ext4 (mkfs.ext4 -d, no root or loop mount needed)
#   $(BUILD)/firmware/linux/cvtest  static riscv64 test/benchmark program
LINUX_OUT     := $(BUILD)/linux
LINUX_CVTEST  := $(BUILD)/firmware/linux/cvtest
LINUX_CC      := riscv64-linux-gnu-gcc
LINUX_CFLAGS  := -static -O2 -Wall -Wextra -Werror
LINUX_INIT    := firmware/linux/init
# built by host-tools/mkinitramfs/mkinitramfs.mk (make reads it after this file)
LINUX_MKCPIO  := $(BUILD)/host-tools/mkinitramfs
LINUX_ROOTFS_MIB := 32
# Modules Debian builds as modules (=m) that the guest needs; their dependencies
# (jbd2, mbcache, crc16) come from each module's modinfo. The 8250 UART and its
# console, PLIC, APLIC/IMSIC, virtio and virtio_console are built in.
# crc32c_generic: ext4 and jbd2 softdep on crypto-crc32c (no modprobe to follow it).
LINUX_MODULES := crc32c_generic ext4 virtio_mmio virtio_blk
LINUX_APPLETS := sh ash cat cp dd df dmesg echo env false find free grep halt head \
                 hexdump id insmod kill ln ls lsmod mkdir mknod mount mountpoint mv \
                 poweroff printf ps reboot rm rmmod sed setsid cttyhack sleep stat sync \
                 sysctl tail test true umount uname uptime wc xargs awk date tr cut \
                 sort seq md5sum touch chmod du which nproc time vi switch_root blockdev
LINUX_STAGE_DEPS := firmware/linux/stage-root.sh $(LINUX_INIT) $(LINUX_CVTEST) \
                    $(LINUX_OUT)/modules/load.list $(DEB_RV_STAMP) firmware/linux/linux.mk

$(LINUX_CVTEST): firmware/linux/cvtest.c
	@mkdir -p $(@D)
	$(LINUX_CC) $(LINUX_CFLAGS) -o $@ $<

$(LINUX_OUT)/Image: $(DEB_RV_STAMP)
	@mkdir -p $(@D)
	cp $(DEB_RV_CURRENT)/Image $@

$(LINUX_OUT)/modules/load.list: $(DEB_RV_STAMP) host-tools/linux-guest/guest-modules.sh firmware/linux/linux.mk
	host-tools/linux-guest/guest-modules.sh $(DEB_RV_CURRENT)/modules $(@D) $(LINUX_MODULES)

$(LINUX_OUT)/root/init: $(LINUX_STAGE_DEPS)
	firmware/linux/stage-root.sh $(LINUX_OUT)/root $(DEB_RV_CURRENT)/busybox $(LINUX_CVTEST) \
	    $(LINUX_INIT) $(LINUX_OUT)/modules $(LINUX_APPLETS)

$(LINUX_OUT)/initramfs.list: $(LINUX_OUT)/root/init firmware/linux/tree-to-list.sh
	firmware/linux/tree-to-list.sh $(LINUX_OUT)/root > $@

$(LINUX_OUT)/initramfs.cpio: $(LINUX_OUT)/initramfs.list $(LINUX_MKCPIO)
	$(LINUX_MKCPIO) $< $@

# Fixed UUID, hash seed and time: the same tree gives the same image.
$(LINUX_OUT)/rootfs.ext4: $(LINUX_OUT)/root/init
	rm -f $@
	truncate -s $(LINUX_ROOTFS_MIB)M $@
	E2FSPROGS_FAKE_TIME=1700000000 mkfs.ext4 -q -F -L cvroot -U 6c76a9d0-3c1e-4b7a-9f6e-63686970766d \
	    -E hash_seed=6c76a9d0-3c1e-4b7a-9f6e-63686970766d,root_owner=0:0 -d $(LINUX_OUT)/root $@

LINUX_OUTPUTS := $(LINUX_OUT)/Image $(LINUX_OUT)/initramfs.cpio $(LINUX_OUT)/rootfs.ext4 $(LINUX_CVTEST)
ALL += $(LINUX_OUTPUTS)

.PHONY: linux
linux: $(LINUX_OUTPUTS)

# tests/qemu/test_linux_*.sh boot these
check: $(LINUX_OUTPUTS)
