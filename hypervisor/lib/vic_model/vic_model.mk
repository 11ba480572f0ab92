# vic_model: C model of rtl/vic (cycle-exact), host unit test, and a lint
# that compiles it freestanding the way the hypervisor build does.
VIC_MODEL_SRC  := hypervisor/lib/vic_model/vic_model.c
# vic_layout.h takes its values from the generated register-map header
VIC_MODEL_HDR  := hypervisor/lib/vic_model/vic_model.h hypervisor/lib/vic_model/vic_layout.h \
                  $(BUILD)/rtl/hva/hva_regs.h
VIC_MODEL_INC  := -Ihypervisor/include -Ihypervisor/lib -I$(BUILD)/rtl/hva
VIC_MODEL_TEST := $(BUILD)/tests/unit/test_vic_model

$(VIC_MODEL_TEST): tests/unit/test_vic_model.c $(VIC_MODEL_SRC) $(VIC_MODEL_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(VIC_MODEL_INC) \
	    tests/unit/test_vic_model.c $(VIC_MODEL_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

# also checks that no libc symbol (memset/memcpy from struct copies) slips in
.PHONY: lint-vic_model
lint-vic_model: $(VIC_MODEL_SRC) $(VIC_MODEL_HDR)
	@mkdir -p $(BUILD)/lint
	$(RV_CC) $(RV_CFLAGS) $(VIC_MODEL_INC) -c $(VIC_MODEL_SRC) \
	    -o $(BUILD)/lint/vic_model.o
	@undef=$$($(CROSS)nm -u $(BUILD)/lint/vic_model.o); \
	 if [ -n "$$undef" ]; then echo "vic_model: undefined symbols: $$undef"; exit 1; fi

ALL   += $(VIC_MODEL_TEST)
TESTS += $(VIC_MODEL_TEST)
LINTS += lint-vic_model
