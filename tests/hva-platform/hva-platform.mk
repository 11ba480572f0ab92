# tests/hva-platform: the bare-metal probe of the HVA platform (hva_probe.c),
# run by tests/qemu/test_hva_platform_*.sh with the patched QEMU and the simulator.
#   $(BUILD)/tests/hva-platform/hva_probe.elf   M-mode, -bios none -kernel
HVAP_OUT   := $(BUILD)/tests/hva-platform
HVAP_PROBE := $(HVAP_OUT)/hva_probe.elf
HVAP_OBJS   = $(BUILD)/obj-rv/tests/hva-platform/probe_start.S.o \
              $(BUILD)/obj-rv/tests/hva-platform/hva_probe.c.o \
              $(BUILD)/obj-rv/hypervisor/core/fdt_min.c.o \
              $(BUILD)/obj-rv/hypervisor/core/string.c.o \
              $(XLATE_RV_OBJS) $(HVA_RV_OBJS)

$(HVAP_PROBE): $(HVAP_OBJS) tests/hva-platform/probe.ld
	@mkdir -p $(@D)
	$(RV_CC) $(RV_LDFLAGS) -T tests/hva-platform/probe.ld -o $@ $(HVAP_OBJS) $(RV_LIBS)

ALL += $(HVAP_PROBE)
# the HVA platform tests need the probe, the simulator and the patched QEMU
check: $(HVAP_PROBE) $(HVADEV_EXE) qemu-hva
# the benches run on the HVA platform too (bench_irq, bench_irqlat, bench_walkcheck)
bench-run: $(HVAP_PROBE) $(HVADEV_EXE) $(WALKCHECK_EXE) qemu-hva
