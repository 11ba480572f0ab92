# sim/vic: the VIC's Verilator harness and its lockstep test against the C
# model (tests/rtl/vic/test_vic_rtl.c). One test executable per parameter set;
# each builds its own Verilated model under build/vic/sim_<name>/.
#   VIC_TRACE=1 at run time writes build/vic/<name>.fst (built with --trace-fst)
#   make VIC_SIM_COVERAGE=1 ...  builds with --coverage (build/vic/coverage_<n>.dat, one per test)
VIC_SIM_DIR  := sim/vic
VIC_SIM_TEST_SRC := tests/rtl/vic/test_vic_rtl.c
VIC_SIM_DEPS := $(VIC_RTL_SRC) $(VIC_SIM_DIR)/vic_sim.cpp $(VIC_SIM_DIR)/vic_sim.h \
                $(VIC_SIM_TEST_SRC) $(VIC_MODEL_SRC) $(VIC_MODEL_HDR) $(VIC_SIM_DIR)/vic.mk
VIC_SIM_VFLAGS := -Wall -Wno-fatal --assert --trace-fst -O3 --x-assign fast --x-initial fast \
                  $(if $(filter 1,$(VIC_SIM_COVERAGE)),--coverage)

# $(1) name, $(2) guests, $(3) ids, $(4) sources, $(5) vcpus, $(6) priority bits
define VIC_SIM_CONFIG
VIC_SIM_EXE_$(1) := $(BUILD)/vic/sim_$(1)/test_vic_rtl
VIC_SIM_DEFS_$(1) := -DVIC_SIM_NAME='"$(1)"' -DVIC_SIM_GUESTS=$(2) -DVIC_SIM_IDS=$(3) \
    -DVIC_SIM_SOURCES=$(4) -DVIC_SIM_VCPUS=$(5) -DVIC_SIM_PRIO_BITS=$(6)

$(BUILD)/vic/sim_$(1)/obj/test_vic_rtl.o: $(VIC_SIM_DEPS)
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) $$(VIC_SIM_DEFS_$(1)) -I$(VIC_SIM_DIR) -Ihypervisor/lib -I$(BUILD)/rtl/hva \
	    -c $(VIC_SIM_TEST_SRC) -o $$@

$(BUILD)/vic/sim_$(1)/obj/vic_model.o: $(VIC_MODEL_SRC) $(VIC_MODEL_HDR)
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) -Ihypervisor/lib -I$(BUILD)/rtl/hva -c $(VIC_MODEL_SRC) -o $$@

$$(VIC_SIM_EXE_$(1)): $(BUILD)/vic/sim_$(1)/obj/test_vic_rtl.o $(BUILD)/vic/sim_$(1)/obj/vic_model.o $(VIC_SIM_DEPS)
	@rm -f $$@   # Verilator's make does not see the C objects change
	$(VERILATOR) --cc --exe --build -j 1 $(VIC_SIM_VFLAGS) --top-module vic \
	    -GNumGuests=$(2) -GNumIds=$(3) -GNumSources=$(4) -GNumVcpus=$(5) -GPrioBits=$(6) \
	    --Mdir $(BUILD)/vic/sim_$(1)/verilated -o $(TOP)/$$@ \
	    -CFLAGS "-DVIC_SIM_SOURCES=$(4) -I$(TOP)/$(VIC_SIM_DIR)" \
	    -LDFLAGS "$(TOP)/$(BUILD)/vic/sim_$(1)/obj/test_vic_rtl.o $(TOP)/$(BUILD)/vic/sim_$(1)/obj/vic_model.o $(HOST_LDFLAGS)" \
	    $(VIC_RTL_SRC) $(TOP)/$(VIC_SIM_DIR)/vic_sim.cpp >$(BUILD)/vic/sim_$(1)/build.log 2>&1 \
	    || { tail -30 $(BUILD)/vic/sim_$(1)/build.log; exit 1; }

ALL   += $$(VIC_SIM_EXE_$(1))
TESTS += $$(VIC_SIM_EXE_$(1))
endef

# the HVA's default, and an odd one (64 ids: two enable words; 40 sources:
# a 64-bit source vector; 3 guests: a file index that is not a power of two)
$(eval $(call VIC_SIM_CONFIG,base,4,32,32,4,3))
$(eval $(call VIC_SIM_CONFIG,odd,3,64,40,2,2))
