# rtl/walker: the HVA page-table walker (two-stage walk, TLB, G-TLB, page-walk
# cache, AXI4 master).
#   lint-walker   Verilator -Wall lint: default parameters, caches off, tiny caches
#   synth-walker  Yosys 0.23 synth_xilinx of the default parameters: LUT, FF,
#                 BRAM, LUTRAM and a depth estimate (rtl/walker/synth-report.sh;
#                 about 40 s)
# The RTL keeps to what both Verilator 5.006 and Yosys 0.23 read (walker_pkg).
WALKER_RTL_DIR := rtl/walker
# package first, top last
WALKER_RTL_SRC := $(WALKER_RTL_DIR)/walker_pkg.sv $(WALKER_RTL_DIR)/walker_cache.sv \
                  $(WALKER_RTL_DIR)/walker_tlb_tag.sv $(WALKER_RTL_DIR)/walker_tlb.sv \
                  $(WALKER_RTL_DIR)/walker_gtlb_tag.sv $(WALKER_RTL_DIR)/walker_gtlb.sv \
                  $(WALKER_RTL_DIR)/walker_pwc_tag.sv $(WALKER_RTL_DIR)/walker_pwc.sv \
                  $(WALKER_RTL_DIR)/walker_walk.sv $(WALKER_RTL_DIR)/hva_walker.sv
WALKER_LINT_PARAMS := "" "-GMAX_INFLIGHT=1" "-GMAX_INFLIGHT=4" "-GMAX_INFLIGHT=1 -GSERIAL_REQ=1'b1" \
    "-GTLB_EN=0 -GGTLB_EN=0 -GPWC_EN=0" \
    "-GTLB_ENTRIES=2 -GTLB_WAYS=2 -GGTLB_ENTRIES=1 -GGTLB_WAYS=1 -GPWC_ENTRIES=1 -GMAX_PTE_READS=8" \
    "-GTLB_ENTRIES=64 -GTLB_WAYS=4 -GGTLB_ENTRIES=32 -GGTLB_WAYS=8 -GPWC_ENTRIES=16 -GMAX_INFLIGHT=3"

.PHONY: lint-walker synth-walker
lint-walker: $(WALKER_RTL_SRC)
	@set -e; for p in $(WALKER_LINT_PARAMS); do \
	    echo "verilator --lint-only -Wall --top-module hva_walker $$p"; \
	    $(VERILATOR) --lint-only -Wall --top-module hva_walker $$p $(WALKER_RTL_SRC); \
	done

LINTS  += lint-walker

synth-walker: $(WALKER_RTL_SRC) $(WALKER_RTL_DIR)/synth-report.sh
	@YOSYS=$(YOSYS) $(WALKER_RTL_DIR)/synth-report.sh hva_walker $(BUILD)/rtl/walker $(WALKER_RTL_SRC)

SYNTHS += synth-walker
