# rtl/vic: the HVA's virtual interrupt controller.
#   lint-vic   Verilator -Wall lint (default parameters and the two extremes)
#   synth-vic  Yosys synth_xilinx; LUT/FF/LUTRAM/BRAM/DSP and depth, 4 and 5 guests (about 2 minutes)
VIC_RTL_DIR := rtl/vic
# the register map's package (generated) first, top last
VIC_RTL_SRC := $(BUILD)/rtl/hva/hva_regs_pkg.sv $(VIC_RTL_DIR)/vic_lutram.sv \
               $(VIC_RTL_DIR)/vic_arbiter.sv $(VIC_RTL_DIR)/vic.sv
VIC_LINT_PARAMS := "" "-GNumCtxs=4" \
    "-GNumGuests=15 -GNumIds=64 -GNumSources=256 -GNumVcpus=16 -GPrioBits=7 -GNumCtxs=4" \
    "-GNumGuests=1 -GNumIds=2 -GNumSources=1 -GNumVcpus=1 -GPrioBits=1 -GNumCtxs=1"

.PHONY: lint-vic synth-vic
lint-vic: $(VIC_RTL_SRC)
	@set -e; for p in $(VIC_LINT_PARAMS); do \
	    echo "verilator --lint-only -Wall --top-module vic $$p"; \
	    $(VERILATOR) --lint-only -Wall --top-module vic $$p $(VIC_RTL_SRC); \
	done

# -noiopad: the VIC sits inside the HVA, its ports are not chip pins.
# Default parameters (flattened, with Yosys' depth estimate via
# rtl/walker/synth-report.sh), then one guest more for the cost per guest.
synth-vic: $(VIC_RTL_SRC)
	@YOSYS=$(YOSYS) rtl/walker/synth-report.sh vic $(BUILD)/vic/synth $(VIC_RTL_SRC)
	@$(YOSYS) -q -l $(BUILD)/vic/synth/guests5.log -p "read_verilog -sv -DSYNTHESIS $(VIC_RTL_SRC); \
	    chparam -set NumGuests 5 vic; synth_xilinx -flatten -noiopad $${SYNTH_XILINX_OPTS--abc9} -top vic; stat" >/dev/null
	@rtl/vic/synth-summary.sh $(BUILD)/vic/synth/guests5.log "vic (5 guests)"

LINTS  += lint-vic
SYNTHS += synth-vic
