# The HVA platform's QEMU (README: sim/hva-device/README.md):
#   make qemu-hva    build (or find in ~/.cache/chipvisor/qemu-hva) QEMU 7.2 from Debian's
#                    source package with host-tools/qemu-hva/*.patch; prints the binary's path
.PHONY: qemu-hva
qemu-hva:
	@host-tools/qemu-hva/build-qemu-hva.sh

# make run-hva: sim/hva-device/hva-device.mk (it needs the hypervisor's RUN_DIR, read later)
