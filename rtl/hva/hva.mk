# rtl/hva: the HVA's register map, register block, ring engine, AXI arbiter and top.
#   $(HVA_REGS_PKG) $(HVA_REGS_H)  generated from rtl/hva/hva_regs.map by host-tools/regmap
#   lint-hva   Verilator -Wall lint of hva_top (with the walker and the VIC)
#   synth-hva  Yosys 0.23 synth_xilinx of hva_top (default parameters): LUT, FF,
#              BRAM, LUTRAM, depth estimate (a few minutes)
HVA_RTL_DIR  := rtl/hva
HVA_GEN_DIR  := $(BUILD)/rtl/hva
HVA_REGS_MAP := $(HVA_RTL_DIR)/hva_regs.map
HVA_REGS_PKG := $(HVA_GEN_DIR)/hva_regs_pkg.sv
HVA_REGS_H   := $(HVA_GEN_DIR)/hva_regs.h

# one rule writes both (a grouped target)
$(HVA_REGS_PKG) $(HVA_REGS_H) &: $(HVA_REGS_MAP) $(REGMAP_BIN)
	@mkdir -p $(HVA_GEN_DIR)
	$(REGMAP_BIN) $(HVA_REGS_MAP) $(HVA_REGS_PKG) $(HVA_REGS_H)

ALL += $(HVA_REGS_PKG) $(HVA_REGS_H)

# Sources of hva_top, packages first. The walker is rtl/walker's once its
# hva_walker exists, else the Bare-only stand-in in sim/hva; the lists are
# expanded when used, so fragments included later still count.
HVA_WALKER_SRC = rtl/walker/walker_pkg.sv \
    $(if $(wildcard rtl/walker/hva_walker.sv),$(filter-out rtl/walker/walker_pkg.sv,$(wildcard rtl/walker/*.sv)),sim/hva/hva_walker_stub.sv)
HVA_VIC_SRC = $(wildcard rtl/vic/*.sv)
HVA_OWN_SRC := $(HVA_RTL_DIR)/hva_pkg.sv $(HVA_RTL_DIR)/hva_req_unpack.sv $(HVA_RTL_DIR)/hva_rsp_pack.sv \
               $(HVA_RTL_DIR)/hva_regs.sv $(HVA_RTL_DIR)/hva_ring.sv \
               $(HVA_RTL_DIR)/hva_req_arb.sv $(HVA_RTL_DIR)/hva_axi_arb.sv $(HVA_RTL_DIR)/hva_top.sv
HVA_RTL_SRC = $(HVA_REGS_PKG) $(HVA_WALKER_SRC) $(HVA_VIC_SRC) $(HVA_OWN_SRC)
HVA_LINT_PARAMS := "" "-GVIC_EN=0 -GTLB_EN=0 -GPWC_EN=0"

.PHONY: lint-hva synth-hva
lint-hva: $(HVA_REGS_PKG)
	@set -e; for p in $(HVA_LINT_PARAMS); do \
	    echo "verilator --lint-only -Wall --top-module hva_top $$p"; \
	    $(VERILATOR) --lint-only -Wall --top-module hva_top $$p $(HVA_RTL_SRC); \
	done

# the whole HVA (walker and VIC included), flattened: rtl/walker/synth-report.sh
synth-hva: $(HVA_REGS_PKG) rtl/walker/synth-report.sh
	@YOSYS=$(YOSYS) rtl/walker/synth-report.sh hva_top $(HVA_GEN_DIR)/synth $(HVA_RTL_SRC)

LINTS  += lint-hva
SYNTHS += synth-hva
