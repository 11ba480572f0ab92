# rtl/hva: the HVA's register map, register block, ring engine, AXI arbiter and top.
#   $(HVA_REGS_PKG) $(HVA_REGS_H)  generated from rtl/hva/hva_regs.map by host-tools/regmap
#   lint-hva   Verilator -Wall lint of hva_top (with the walker and the VIC)
#   synth-hva  Yosys synth_xilinx; prints LUT/FF/BRAM
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
