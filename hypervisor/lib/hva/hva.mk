# hypervisor/lib/hva: the HVA register driver. It includes the header generated
# from rtl/hva/hva_regs.map ($(HVA_REGS_H), from rtl/hva/hva.mk), so every
# build of it adds -I$(HVA_GEN_DIR).
#   $(BUILD)/tests/unit/test_hva   host test against a fake device (cmocka)
#   lint-hva_driver                freestanding compile + no undefined symbols
HVA_DRV_SRC  := hypervisor/lib/hva/hva.c
HVA_DRV_HDR  := hypervisor/lib/hva/hva.h
HVA_DRV_TEST := $(BUILD)/tests/unit/test_hva
HVA_MEM_SRC  := sim/hva/hva_mem.c
HVA_MEM_HDR  := sim/hva/hva_mem.h
# this fragment is read before rtl/hva/hva.mk: name the generated header here
# too, or the rules below would see it empty
HVA_GEN_DIR  := $(BUILD)/rtl/hva
HVA_REGS_H   := $(HVA_GEN_DIR)/hva_regs.h

$(HVA_DRV_TEST): tests/unit/test_hva.c $(HVA_DRV_SRC) $(HVA_DRV_HDR) $(HVA_REGS_H) \
                 $(HVA_MEM_SRC) $(HVA_MEM_HDR) $(XLATE_SRC) $(XLATE_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -I$(HVA_GEN_DIR) -Isim/hva \
	    tests/unit/test_hva.c $(HVA_DRV_SRC) $(HVA_MEM_SRC) $(XLATE_SRC) -o $@ $(HOST_LDFLAGS) -lcmocka

.PHONY: lint-hva_driver
lint-hva_driver: $(HVA_DRV_SRC) $(HVA_DRV_HDR) $(HVA_REGS_H)
	@mkdir -p $(BUILD)/lint
	$(RV_CC) $(RV_CFLAGS) -Ihypervisor/include -Ihypervisor/lib -I$(HVA_GEN_DIR) -c $(HVA_DRV_SRC) \
	    -o $(BUILD)/lint/hva.o
	@undef=$$($(CROSS)nm -u $(BUILD)/lint/hva.o); \
	 if [ -n "$$undef" ]; then echo "hva: undefined symbols: $$undef"; exit 1; fi

ALL   += $(HVA_DRV_TEST)
TESTS += $(HVA_DRV_TEST)
LINTS += lint-hva_driver
