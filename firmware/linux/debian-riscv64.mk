# Debian 13 riscv64 binary packages for the Linux guest: the kernel
# (linux-image-riscv64 -> linux-image-6.12.*-riscv64) and busybox-static, fetched
# with a private apt configuration by host-tools/linux-guest/fetch-debian-riscv64.sh
# into a cache outside the tree (reused: only the first build goes to the network).
#   $(DEB_RV_CURRENT)/{Image,config,modules/,busybox,paths.mk}
# (This fragment sorts before linux.mk, which uses these names in prerequisites.)
DEB_RV_CACHE   := $(or $(CHIPVISOR_CACHE),$(HOME)/.cache/chipvisor)/debian-riscv64
DEB_RV_CURRENT := $(DEB_RV_CACHE)/current
DEB_RV_STAMP   := $(DEB_RV_CURRENT)/.complete
DEB_RV_FETCH   := host-tools/linux-guest/fetch-debian-riscv64.sh

# No prerequisites: the cache is fetched once; `$(DEB_RV_FETCH) --refresh` updates it.
$(DEB_RV_STAMP):
	CHIPVISOR_CACHE='$(patsubst %/debian-riscv64,%,$(DEB_RV_CACHE))' $(DEB_RV_FETCH)

.PHONY: debian-riscv64
debian-riscv64: $(DEB_RV_STAMP)
