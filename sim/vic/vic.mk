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

# $(1) name, $(2) guests, $(3) ids, $(4) sources, $(5) vcpus, $(6) priority bits, $(7) contexts per guest
define VIC_SIM_CONFIG
VIC_SIM_EXE_$(1) := $(BUILD)/vic/sim_$(1)/test_vic_rtl
VIC_SIM_DEFS_$(1) := -DVIC_SIM_NAME='"$(1)"' -DVIC_SIM_GUESTS=$(2) -DVIC_SIM_IDS=$(3) \
    -DVIC_SIM_SOURCES=$(4) -DVIC_SIM_VCPUS=$(5) -DVIC_SIM_PRIO_BITS=$(6) -DVIC_SIM_CTXS=$(7)

$(BUILD)/vic/sim_$(1)/obj/test_vic_rtl.o: $(VIC_SIM_DEPS)
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) $$(VIC_SIM_DEFS_$(1)) -I$(VIC_SIM_DIR) $(HV_LIB_INC) -I$(BUILD)/rtl/hva \
	    -c $(VIC_SIM_TEST_SRC) -o $$@

$(BUILD)/vic/sim_$(1)/obj/vic_model.o: $(VIC_MODEL_SRC) $(VIC_MODEL_HDR)
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(HV_LIB_INC) -I$(BUILD)/rtl/hva -c $(VIC_MODEL_SRC) -o $$@

$$(VIC_SIM_EXE_$(1)): $(BUILD)/vic/sim_$(1)/obj/test_vic_rtl.o $(BUILD)/vic/sim_$(1)/obj/vic_model.o $(VIC_SIM_DEPS)
	@rm -f $$@   # Verilator's make does not see the C objects change
	$(VERILATOR) --cc --exe --build -j 1 $(VIC_SIM_VFLAGS) --top-module vic \
	    -GNumGuests=$(2) -GNumIds=$(3) -GNumSources=$(4) -GNumVcpus=$(5) -GPrioBits=$(6) -GNumCtxs=$(7) \
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
$(eval $(call VIC_SIM_CONFIG,base,4,32,32,4,3,2))
$(eval $(call VIC_SIM_CONFIG,odd,3,64,40,2,2,4))

# make coverage-vic: the base test built with --coverage under $(BUILD)/cov-vic,
# run (directed tests and VIC_COV_CYCLES random cycles), merged and annotated
# (annotated sources in $(BUILD)/cov-vic/annotate); prints the share of line
# points (every block and branch arm of the RTL) and toggle points hit, and
# fails below VIC_COV_MIN percent of line points.
VIC_COV_DIR    := $(BUILD)/cov-vic
VIC_COV_CYCLES ?= 300000
VIC_COV_MIN    ?= 90
.PHONY: coverage-vic
coverage-vic:
	@$(MAKE) --no-print-directory BUILD=$(VIC_COV_DIR) VIC_SIM_COVERAGE=1 $(VIC_COV_DIR)/vic/sim_base/test_vic_rtl
	@rm -f $(VIC_COV_DIR)/coverage_*.dat
	VIC_COVERAGE_DIR=$(VIC_COV_DIR) VIC_CYCLES=$(VIC_COV_CYCLES) $(VIC_COV_DIR)/vic/sim_base/test_vic_rtl >$(VIC_COV_DIR)/run.log
	verilator_coverage --write $(VIC_COV_DIR)/vic.dat $(VIC_COV_DIR)/coverage_*.dat
	verilator_coverage --annotate $(VIC_COV_DIR)/annotate $(VIC_COV_DIR)/vic.dat
	@sim/vic/coverage-summary.sh $(VIC_COV_DIR)/vic.dat $(VIC_COV_MIN)
