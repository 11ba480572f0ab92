# sim/hva: the HVA top in Verilator, driven by the C driver through the
# AXI4-Lite port, compared with the golden model (tests/rtl/hva/test_hva_rtl.c).
#   $(BUILD)/sim/hva/test_hva_rtl     HVA_TRACE=1 at run time: build/sim/hva/hva.fst
#   $(BUILD)/sim/hva/test_hva_gls     the same test on Yosys' reading of hva_top (below)
#   env HVA_N (requests per part, default 3000), HVA_SEED
HVA_SIM_DIR  := sim/hva
HVA_SIM_OUT  := $(BUILD)/sim/hva
HVA_SIM_EXE  := $(HVA_SIM_OUT)/test_hva_rtl
HVA_SIM_CSRC := tests/rtl/hva/test_hva_rtl.c $(HVA_SIM_DIR)/hva_mem.c $(HVA_SIM_DIR)/hva_axi_mem.c \
                $(HVA_SRC) $(XLATE_SRC)
HVA_SIM_INC  := -Ihypervisor/include $(HV_LIB_INC) -I$(HVA_GEN_DIR) -I$(HVA_SIM_DIR)
HVA_SIM_OBJ  := $(patsubst %.c,$(HVA_SIM_OUT)/obj/%.o,$(notdir $(HVA_SIM_CSRC)))
HVA_SIM_VFLAGS := -Wall -Wno-fatal --assert --trace-fst -O3 --x-assign fast --x-initial fast

HVA_SIM_HDRS := $(HVA_REGS_H) $(HVA_SIM_DIR)/hva_mem.h $(HVA_SIM_DIR)/hva_axi_mem.h \
                $(HVA_SIM_DIR)/hva_sim.h $(HVA_HDR) $(XLATE_HDR)

define HVA_SIM_C_RULE
$(HVA_SIM_OUT)/obj/$(basename $(notdir $(1))).o: $(1) $(HVA_SIM_HDRS)
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(HVA_SIM_INC) -c $$< -o $$@
endef
$(foreach c,$(HVA_SIM_CSRC),$(eval $(call HVA_SIM_C_RULE,$(c))))

$(HVA_SIM_EXE): $(HVA_SIM_OBJ) $(HVA_REGS_PKG) $(HVA_SIM_DIR)/hva_sim_top.sv $(HVA_SIM_DIR)/hva_sim.cpp \
                $(HVA_RTL_SRC) $(HVA_SIM_DIR)/hva.mk
	@rm -f $@   # Verilator's make does not see the C objects change
	$(VERILATOR) --cc --exe --build -j 2 $(HVA_SIM_VFLAGS) --top-module hva_sim_top \
	    --Mdir $(HVA_SIM_OUT)/verilated -o $(TOP)/$@ \
	    -CFLAGS "-I$(TOP)/$(HVA_SIM_DIR)" \
	    -LDFLAGS "$(addprefix $(TOP)/,$(HVA_SIM_OBJ)) $(HOST_LDFLAGS)" \
	    $(HVA_RTL_SRC) $(HVA_SIM_DIR)/hva_sim_top.sv $(TOP)/$(HVA_SIM_DIR)/hva_sim.cpp \
	    >$(HVA_SIM_OUT)/build.log 2>&1 || { tail -30 $(HVA_SIM_OUT)/build.log; exit 1; }

# Built and run only with rtl/walker's hva_walker present (the stand-in is
# Bare-only). In TESTS with HVA_N's default (3000 single + 3000 ring
# requests, about 10 s); more: HVA_N=30000 build/sim/hva/test_hva_rtl
ifneq ($(wildcard rtl/walker/hva_walker.sv),)
ALL   += $(HVA_SIM_EXE)
TESTS += $(HVA_SIM_EXE)
endif

# test_hva_gls: test_hva_rtl on Yosys' reading of hva_top instead of
# Verilator's: Yosys' front end, proc, flatten and opt, written back as
# Verilog (the packages kept for hva_sim_top's ports) and Verilated with the
# same C test. A construct the two tools read differently fails it (Yosys
# 0.23's '1 into a function and ~PpnW'(3), rtl/walker/README.md). About 2
# minutes, most of it Verilator compiling the flat netlist.
HVA_GLS_OUT  := $(HVA_SIM_OUT)/gls
HVA_GLS_EXE  := $(HVA_SIM_OUT)/test_hva_gls
HVA_GLS_NETLIST := $(HVA_GLS_OUT)/hva_top_yosys.v
HVA_GLS_PKGS = $(filter %_pkg.sv,$(HVA_RTL_SRC))

# The two steps, shared with sim/fpga's test_hva_axi_gls (hva_axi_top):
# $(call HVA_GLS_READ,<top>,<sources>) writes the recipe's target, Yosys'
# reading of <top>, with its log beside it;
# $(call HVA_GLS_BUILD,<wrapper top>,<sources>,<work dir>) Verilates the
# recipe's target from the netlist, the packages and a wrapper with
# hva_sim_top's pins, with the C test's objects (the work dir deep enough
# that the top Makefile's */*/*/*.mk misses Verilator's). (Lint warnings of a
# generated netlist say nothing about the RTL: off.)
HVA_GLS_READ = $(YOSYS) -q -l $(@D)/yosys.log -p "read_verilog -sv -DSYNTHESIS $(2); \
    hierarchy -check -top $(1); proc; flatten; opt -fast; opt_clean; \
    write_verilog -noattr $@" >/dev/null || { tail -20 $(@D)/yosys.log; exit 1; }
HVA_GLS_BUILD = $(VERILATOR) --cc --exe --build -j 2 -Wno-fatal -Wno-lint -Wno-style --assert -O2 \
    --x-assign fast --x-initial fast --top-module $(1) --prefix Vhva_sim_top --Mdir $(3)/verilated \
    -o $(TOP)/$@ -CFLAGS "-I$(TOP)/$(HVA_SIM_DIR)" \
    -LDFLAGS "$(addprefix $(TOP)/,$(HVA_SIM_OBJ)) $(HOST_LDFLAGS)" \
    $(HVA_GLS_PKGS) $(2) $(TOP)/$(HVA_SIM_DIR)/hva_sim.cpp \
    >$(3)/build.log 2>&1 || { tail -30 $(3)/build.log; exit 1; }

$(HVA_GLS_NETLIST): $(HVA_REGS_PKG) $(HVA_RTL_SRC) $(HVA_SIM_DIR)/hva.mk
	@mkdir -p $(@D)
	$(call HVA_GLS_READ,hva_top,$(HVA_RTL_SRC))

$(HVA_GLS_EXE): $(HVA_SIM_OBJ) $(HVA_GLS_NETLIST) $(HVA_SIM_DIR)/hva_sim_top.sv $(HVA_SIM_DIR)/hva_sim.cpp
	@rm -f $@
	$(call HVA_GLS_BUILD,hva_sim_top,$(HVA_GLS_NETLIST) $(HVA_SIM_DIR)/hva_sim_top.sv,$(HVA_GLS_OUT))

ifneq ($(wildcard rtl/walker/hva_walker.sv),)
ALL   += $(HVA_GLS_EXE)
TESTS += $(HVA_GLS_EXE)
endif
