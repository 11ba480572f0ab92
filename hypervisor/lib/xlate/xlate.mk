# xlate: the two-stage translation golden model. Host unit test, plus the
# library built freestanding exactly as the hypervisor build compiles it.
XLATE_SRC  := hypervisor/lib/xlate/xlate.c hypervisor/lib/xlate/xlate_pte.c
XLATE_HDR  := hypervisor/lib/xlate/xlate.h
XLATE_TEST := $(BUILD)/tests/unit/test_xlate
XLATE_RV_OBJ := $(patsubst hypervisor/lib/xlate/%.c,$(BUILD)/xlate/rv/%.o,$(XLATE_SRC))

$(XLATE_TEST): tests/unit/test_xlate.c $(XLATE_SRC) $(XLATE_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib \
	    tests/unit/test_xlate.c $(XLATE_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

$(BUILD)/xlate/rv/%.o: hypervisor/lib/xlate/%.c $(XLATE_HDR)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -c $< -o $@

.PHONY: lint-xlate
lint-xlate: $(XLATE_RV_OBJ)

ALL   += $(XLATE_TEST) $(XLATE_RV_OBJ)
TESTS += $(XLATE_TEST)
LINTS += lint-xlate
