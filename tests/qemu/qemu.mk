# QEMU integration tests: each boots a configuration under OpenSBI and walks a
# console script with qemu-expect (the script is the test; see tests/qemu/*.sh).

QEMU_EXPECT := $(BUILD)/tests/qemu/qemu-expect

$(QEMU_EXPECT): tests/qemu/qemu_expect.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(HOST_LDFLAGS)

QEMU_TESTS := $(sort $(wildcard tests/qemu/test_*.sh))
TESTS += $(QEMU_TESTS)
ALL += $(QEMU_EXPECT)

# what the scripts run must be built before `make check` runs them
check: $(QEMU_EXPECT) $(foreach c,$(HV_CONFIGS),$(call hv_config_dir,$(c))/chipvisor.bin)
