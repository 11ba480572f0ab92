# vplic: host unit test, plus a lint that compiles the library freestanding
# the way the hypervisor build does. (The hypervisor build itself links the .c.)
VPLIC_SRC  := hypervisor/lib/vplic/vplic.c
VPLIC_HDR  := hypervisor/lib/vplic/vplic.h
VPLIC_TEST := $(BUILD)/tests/unit/test_vplic

$(VPLIC_TEST): tests/unit/test_vplic.c $(VPLIC_SRC) $(VPLIC_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib \
	    tests/unit/test_vplic.c $(VPLIC_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

.PHONY: lint-vplic
lint-vplic: $(VPLIC_SRC) $(VPLIC_HDR)
	@mkdir -p $(BUILD)/lint
	$(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -c $(VPLIC_SRC) \
	    -o $(BUILD)/lint/vplic.o

ALL   += $(VPLIC_TEST)
TESTS += $(VPLIC_TEST)
LINTS += lint-vplic
