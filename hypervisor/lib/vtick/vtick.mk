# vtick: host unit test (the hypervisor links vtick.c through HV_LIBS).
VTICK_TEST := $(BUILD)/tests/unit/test_vtick
$(VTICK_TEST): tests/unit/test_vtick.c hypervisor/lib/vtick/vtick.c hypervisor/lib/vtick/vtick.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/lib -o $@ tests/unit/test_vtick.c hypervisor/lib/vtick/vtick.c $(HOST_LDFLAGS) -lcmocka
TESTS += $(VTICK_TEST)
ALL += $(VTICK_TEST)
