# sim/cosim: the HVA RTL in Verilator beside the hypervisor in QEMU (shared RAM
# file + mailbox; see hypervisor/include/cosim_mailbox.h).
#   $(BUILD)/sim/cosim/hva-cosim <shared RAM file>
COSIM_OUT  := $(BUILD)/sim/cosim
COSIM_EXE  := $(COSIM_OUT)/hva-cosim
COSIM_CSRC := sim/cosim/hva_cosim.c sim/hva/hva_mem.c sim/hva/hva_axi_mem.c $(XLATE_SRC)
COSIM_OBJ  := $(patsubst %.c,$(COSIM_OUT)/obj/%.o,$(notdir $(COSIM_CSRC)))
COSIM_INC  := -Ihypervisor/include $(HV_LIB_INC) -Isim/hva -I$(BUILD)/rtl/hva

define COSIM_C_RULE
$(COSIM_OUT)/obj/$(basename $(notdir $(1))).o: $(1) $(wildcard sim/hva/*.h) hypervisor/include/cosim_mailbox.h
	@mkdir -p $$(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(COSIM_INC) -c $$< -o $$@
endef
$(foreach c,$(COSIM_CSRC),$(eval $(call COSIM_C_RULE,$(c))))

# the same Verilated top as sim/hva's test (sim/hva/hva_sim_top.sv + hva_sim.cpp)
$(COSIM_EXE): $(COSIM_OBJ) $(BUILD)/rtl/hva/hva_regs_pkg.sv sim/hva/hva_sim_top.sv sim/hva/hva_sim.cpp \
              $(HVA_RTL_SRC) sim/cosim/cosim.mk
	@mkdir -p $(COSIM_OUT)
	@rm -f $@
	$(VERILATOR) --cc --exe --build -j 2 -Wall -Wno-fatal --assert --trace-fst -O3 --x-assign fast --x-initial fast \
	    --top-module hva_sim_top --Mdir $(COSIM_OUT)/verilated -o $(TOP)/$@ \
	    -CFLAGS "-I$(TOP)/sim/hva" \
	    -LDFLAGS "$(addprefix $(TOP)/,$(COSIM_OBJ)) $(HOST_LDFLAGS)" \
	    $(HVA_RTL_SRC) sim/hva/hva_sim_top.sv $(TOP)/sim/hva/hva_sim.cpp \
	    >$(COSIM_OUT)/build.log 2>&1 || { tail -30 $(COSIM_OUT)/build.log; exit 1; }

ALL += $(COSIM_EXE)
check: $(COSIM_EXE)
