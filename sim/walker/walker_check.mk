# hva-walk-check: the walker beside the HVA platform QEMU's hart (the CPU
# property hva-walk of host-tools/qemu-hva/0002 patch; sim/walker/README.md).
#   $(BUILD)/sim/walker/hva-walk-check    optimized, no sanitizers, no tracing
#   (it runs once per TLB fill of a Linux boot: its speed is the run's), built
#   with the optimized replay tool's flags (walker.mk, read before this file:
#   WALKER_OPT_CFLAGS / _VFLAGS): walker_tb's inputs registered
#   (IN_REG) and quiet cycles not evaluated (WH_SKIP_DEFAULT), cycle-exact with
#   the checked build (test_hva_walkcheck and test_sweep replay its recordings
#   on the checked walker and require the live checker's counters, cycles too)
WALKCHECK_OUT  := $(BUILD)/sim/walker/hva-walk-check.d
WALKCHECK_EXE  := $(BUILD)/sim/walker/hva-walk-check
WALKCHECK_CSRC := $(WALKER_SIM_DIR)/hva_walk_check.c $(WALKER_SIM_C) $(WALKER_XLATE_C)
WALKCHECK_OBJ  := $(patsubst %.c,$(WALKCHECK_OUT)/obj/%.o,$(notdir $(WALKCHECK_CSRC)))
WALKCHECK_CFLAGS := $(WALKER_OPT_CFLAGS)

$(WALKCHECK_OUT)/obj/%.o: $(WALKCHECK_CSRC) $(WALKER_SIM_H) $(WALKER_SIM_DIR)/hva_walk_proto.h $(XLATE_HDR)
	@mkdir -p $(@D)
	$(HOST_CC) $(WALKCHECK_CFLAGS) -I$(WALKER_SIM_DIR) $(HV_LIB_INC) \
	    -c $(filter %/$*.c,$(WALKCHECK_CSRC)) -o $@

$(WALKCHECK_EXE): $(WALKCHECK_OBJ) $(WALKER_SIM_SV) $(WALKER_SIM_DIR)/walker_sim.cpp $(WALKER_SIM_DIR)/walker_check.mk
	@mkdir -p $(@D)
	@rm -f $@
	$(VERILATOR) --cc --exe --build -j 2 $(WALKER_OPT_VFLAGS) \
	    --top-module walker_tb --Mdir $(WALKCHECK_OUT)/verilated -o $(TOP)/$@ \
	    -CFLAGS "-I$(TOP)/$(WALKER_SIM_DIR)" -MAKEFLAGS "OPT_FAST=-O2 OPT_SLOW=-O1" \
	    -LDFLAGS "$(addprefix $(TOP)/,$(WALKCHECK_OBJ))" \
	    $(WALKER_SIM_SV) $(TOP)/$(WALKER_SIM_DIR)/walker_sim.cpp \
	    >$(WALKCHECK_OUT)/build.log 2>&1 || { tail -30 $(WALKCHECK_OUT)/build.log; exit 1; }

ALL += $(WALKCHECK_EXE)
