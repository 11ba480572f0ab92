# sim/hva-device: the Verilated HVA behind QEMU's chipvisor-hva device (README.md).
#   $(BUILD)/sim/hva-device/hva-device-sim    optimized, no sanitizers (it is what runs and is measured); the RTL's assertions on (--assert)
HVADEV_OUT  := $(BUILD)/sim/hva-device
HVADEV_EXE  := $(HVADEV_OUT)/hva-device-sim
HVADEV_CSRC := sim/hva-device/hva_device_sim.c sim/hva/hva_mem.c sim/hva/hva_axi_mem.c $(XLATE_SRC)
HVADEV_OBJ  := $(patsubst %.c,$(HVADEV_OUT)/obj/%.o,$(notdir $(HVADEV_CSRC)))
HVADEV_INC  := -Ihypervisor/include $(HV_LIB_INC) -Isim/hva -Isim/hva-device -I$(HVA_GEN_DIR)
HVADEV_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror

define HVADEV_C_RULE
$(HVADEV_OUT)/obj/$(basename $(notdir $(1))).o: $(1) $(wildcard sim/hva/*.h sim/hva-device/*.h) $(HVA_REGS_H)
	@mkdir -p $$(@D)
	$(HOST_CC) $(HVADEV_CFLAGS) $(HVADEV_INC) -c $$< -o $$@
endef
$(foreach c,$(HVADEV_CSRC),$(eval $(call HVADEV_C_RULE,$(c))))

# sim/hva's flat-port top and C shim, Verilated without tracing (speed)
$(HVADEV_EXE): $(HVADEV_OBJ) $(HVA_REGS_PKG) sim/hva/hva_sim_top.sv sim/hva/hva_sim.cpp \
               $(HVA_RTL_SRC) sim/hva-device/hva-device.mk
	@mkdir -p $(HVADEV_OUT)
	@rm -f $@
	$(VERILATOR) --cc --exe --build -j 2 -Wall -Wno-fatal --assert -O3 --x-assign fast --x-initial fast \
	    --top-module hva_sim_top --Mdir $(HVADEV_OUT)/verilated -o $(TOP)/$@ \
	    -CFLAGS "-I$(TOP)/sim/hva" -MAKEFLAGS "OPT_FAST=-O2 OPT_SLOW=-O1" \
	    -LDFLAGS "$(addprefix $(TOP)/,$(HVADEV_OBJ))" \
	    $(HVA_RTL_SRC) sim/hva/hva_sim_top.sv $(TOP)/sim/hva/hva_sim.cpp \
	    >$(HVADEV_OUT)/build.log 2>&1 || { tail -30 $(HVADEV_OUT)/build.log; exit 1; }

ALL += $(HVADEV_EXE)


# make run-hva [CONFIG=configs/demo]   boot a configuration on the HVA platform
#                    (run-hva-platform.sh: the patched QEMU with -M virt,hva=on and
#                    the simulator; RUN_MEM, RUN_SMP as for make run)
.PHONY: run-hva
run-hva: deps
	@$(MAKE) --no-print-directory run-hva-platform CONFIG=$(CONFIG)

.PHONY: run-hva-platform
run-hva-platform: $(RUN_DIR)/chipvisor.bin $(HVADEV_EXE) qemu-hva
	@echo "chipvisor: booting $(CONFIG) on the HVA platform (quit: Ctrl-A x)"
	BUILD=$(BUILD) host-tools/qemu-hva/run-hva-platform.sh --mem $(RUN_MEM) -- \
	    -smp $(RUN_SMP) -nographic -bios $(OPENSBI_FW) -kernel $<
