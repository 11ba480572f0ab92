# rtl/fpga: the HVA for FPGAs (rtl/fpga/README.md).
#   make fpga          both targets below
#   make fpga-xilinx   hva_axi_top.v (Verilog-2001, flat AXI ports) through Yosys
#                      synth_xilinx: LUT / FF / LUTRAM / BRAM / depth (a few minutes)
#   make fpga-ice40    hva_ice40_top on an iCE40-HX8K: synth_ice40, nextpnr-ice40,
#                      icepack: bitstream, utilisation, fmax
#   make lint-fpga     verilator --lint-only -Wall of both tops
# The tests (sim/fpga/fpga.mk): the UART bridge and host-tools/hvaboard against the
# Verilated board, the flat top under tests/rtl/hva, and the board through the
# whole iCE40 flow (placed, routed, timed, bitstream).
# This file is read before rtl/hva/hva.mk: the HVA's source list is used in
# recipes only (expanded late); the register package is named here too.
FPGA_DIR      := rtl/fpga
FPGA_OUT      := $(BUILD)/fpga
FPGA_REGS_PKG := $(BUILD)/rtl/hva/hva_regs_pkg.sv
FPGA_BOARD_SRC := $(FPGA_DIR)/fpga_uart_rx.sv $(FPGA_DIR)/fpga_uart_tx.sv \
                  $(FPGA_DIR)/fpga_uart_bridge.sv $(FPGA_DIR)/fpga_mem.sv $(FPGA_DIR)/hva_ice40_top.sv
FPGA_AXI_TOP  := $(FPGA_DIR)/hva_axi_top.v

.PHONY: fpga fpga-xilinx fpga-ice40 lint-fpga
fpga: fpga-xilinx fpga-ice40

fpga-xilinx: $(FPGA_REGS_PKG) rtl/walker/synth-report.sh
	@RST=aresetn YOSYS=$(YOSYS) rtl/walker/synth-report.sh hva_axi_top $(FPGA_OUT)/xilinx \
	    $(HVA_RTL_SRC) $(FPGA_AXI_TOP)

fpga-ice40: $(FPGA_REGS_PKG) $(FPGA_DIR)/ice40-flow.sh
	@YOSYS=$(YOSYS) $(FPGA_DIR)/ice40-flow.sh full $(FPGA_OUT)/ice40 $(HVA_RTL_SRC) $(FPGA_BOARD_SRC)

lint-fpga: $(FPGA_REGS_PKG)
	@set -e; for t in hva_axi_top hva_ice40_top; do \
	    echo "verilator --lint-only -Wall --top-module $$t"; \
	    $(VERILATOR) --lint-only -Wall --top-module $$t $(HVA_RTL_SRC) $(FPGA_AXI_TOP) $(FPGA_BOARD_SRC); \
	done

LINTS += lint-fpga
