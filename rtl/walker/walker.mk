# rtl/walker: the HVA page-table walker (two-stage walk, TLB, G-TLB, page-walk
# cache, AXI4 master).
#   lint-walker   Verilator -Wall lint: default parameters, caches off, tiny caches
# No synth-walker yet: Yosys 0.23 does not read this SystemVerilog (package
# import in the module header, assignment patterns, struct-typed function
# arguments, member access on a variably indexed array of structs).
WALKER_RTL_DIR := rtl/walker
# package first, top last
WALKER_RTL_SRC := $(WALKER_RTL_DIR)/walker_pkg.sv $(WALKER_RTL_DIR)/walker_tlb.sv \
                  $(WALKER_RTL_DIR)/walker_gtlb.sv $(WALKER_RTL_DIR)/walker_pwc.sv \
                  $(WALKER_RTL_DIR)/hva_walker.sv
WALKER_LINT_PARAMS := "" \
    "-GTLB_EN=0 -GGTLB_EN=0 -GPWC_EN=0" \
    "-GTLB_ENTRIES=2 -GTLB_WAYS=2 -GGTLB_ENTRIES=1 -GGTLB_WAYS=1 -GPWC_ENTRIES=1 -GMAX_PTE_READS=255" \
    "-GTLB_ENTRIES=64 -GTLB_WAYS=4 -GGTLB_ENTRIES=32 -GGTLB_WAYS=8 -GPWC_ENTRIES=16"

.PHONY: lint-walker
lint-walker: $(WALKER_RTL_SRC)
	@set -e; for p in $(WALKER_LINT_PARAMS); do \
	    echo "verilator --lint-only -Wall --top-module hva_walker $$p"; \
	    $(VERILATOR) --lint-only -Wall --top-module hva_walker $$p $(WALKER_RTL_SRC); \
	done

LINTS  += lint-walker
