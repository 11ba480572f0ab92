# sim/fpga: the FPGA tops in simulation, and their tests (in make check):
#   $(BUILD)/sim/fpga/ice40_uart_server <link> [s]   the Verilated iCE40 board behind a pty
#   $(BUILD)/fpga/test_ice40_bridge    server + host-tools/hvaboard: probe, registers,
#                                      memory, one translation and `selftest` (random
#                                      translations compared with the model)
#   $(BUILD)/fpga/test_hva_axi_top     tests/rtl/hva through rtl/fpga/hva_axi_top.v
#                                      (its flat ports' bit layout)
#   $(BUILD)/fpga/test_hva_axi_gls     the same on Yosys' reading of hva_axi_top (as
#                                      test_hva_gls for hva_top, sim/hva/hva.mk)
#   $(BUILD)/fpga/test_ice40_board     the board top through the whole open flow
#                                      (rtl/fpga/ice40-flow.sh full): synth_ice40,
#                                      nextpnr-ice40 places and routes it on the HX8K,
#                                      its fmax must reach the 12 MHz board clock,
#                                      icepack writes the bitstream
#   $(BUILD)/fpga/test_fpga_xilinx     make fpga-xilinx's flow on hva_axi_top
#                                      (rtl/walker/synth-report.sh): Yosys reads the
#                                      Verilog-2001 top and the RTL, maps it for the
#                                      7-series and reports LUT/FF and depth
# The UART runs at ICE40_SIM_CPB clocks per bit in simulation (104 on the board).
ICE40_SIM_OUT := $(BUILD)/sim/fpga
ICE40_SIM_EXE := $(ICE40_SIM_OUT)/ice40_uart_server
ICE40_SIM_CPB := 4
ICE40_SIM_VFLAGS := -Wall -Wno-fatal -O3 --x-assign fast --x-initial fast --assert

$(ICE40_SIM_EXE): sim/fpga/ice40_uart_server.c sim/fpga/ice40_sim.cpp sim/fpga/ice40_sim.h \
                  $(HVA_REGS_PKG) $(HVA_RTL_SRC) $(FPGA_BOARD_SRC) sim/fpga/fpga.mk
	@mkdir -p $(@D)
	$(VERILATOR) --cc --exe --build -j 2 $(ICE40_SIM_VFLAGS) --top-module hva_ice40_top \
	    -GCLKS_PER_BIT=$(ICE40_SIM_CPB) --Mdir $(ICE40_SIM_OUT)/verilated -o $(TOP)/$@ \
	    -CFLAGS "-I$(TOP)/sim/fpga -DICE40_CLKS_PER_BIT=$(ICE40_SIM_CPB)" \
	    $(HVA_RTL_SRC) $(FPGA_BOARD_SRC) $(TOP)/sim/fpga/ice40_sim.cpp \
	    $(TOP)/sim/fpga/ice40_uart_server.c \
	    >$(ICE40_SIM_OUT)/build.log 2>&1 || { tail -30 $(ICE40_SIM_OUT)/build.log; exit 1; }

$(FPGA_OUT)/test_ice40_bridge: sim/fpga/test_ice40_bridge.sh $(ICE40_SIM_EXE) $(HVABOARD_BIN)
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec %s/sim/fpga/test_ice40_bridge.sh %s %s %s\n' "$(TOP)" \
	    "$(TOP)/$(ICE40_SIM_EXE)" "$(TOP)/$(HVABOARD_BIN)" "$(TOP)/$(FPGA_OUT)/bridge-run" >$@
	@chmod +x $@

# tests/rtl/hva against the flat Verilog-2001 top: a wrapper with hva_sim_top's
# ports around hva_axi_top, built under the name the C++ shim expects, with
# sim/hva's objects (sim/hva/hva.mk is read after this file: its variables
# are used in the recipe only, and its test stands for its objects)
HVA_AXI_SIM_OUT := $(BUILD)/sim/fpga/axi_top
$(FPGA_OUT)/test_hva_axi_top: $(BUILD)/sim/hva/test_hva_rtl $(HVA_REGS_PKG) sim/fpga/hva_axi_sim_top.sv \
                              sim/hva/hva_sim.cpp $(HVA_RTL_SRC) $(FPGA_AXI_TOP) sim/fpga/fpga.mk
	@mkdir -p $(@D) $(HVA_AXI_SIM_OUT)
	@rm -f $@
	$(VERILATOR) --cc --exe --build -j 2 $(HVA_SIM_VFLAGS) --top-module hva_axi_sim_top \
	    --prefix Vhva_sim_top --Mdir $(HVA_AXI_SIM_OUT) -o $(TOP)/$@ \
	    -CFLAGS "-I$(TOP)/$(HVA_SIM_DIR)" \
	    -LDFLAGS "$(addprefix $(TOP)/,$(HVA_SIM_OBJ)) $(HOST_LDFLAGS)" \
	    $(HVA_RTL_SRC) $(FPGA_AXI_TOP) sim/fpga/hva_axi_sim_top.sv $(TOP)/$(HVA_SIM_DIR)/hva_sim.cpp \
	    >$(HVA_AXI_SIM_OUT)/build.log 2>&1 || { tail -30 $(HVA_AXI_SIM_OUT)/build.log; exit 1; }

# test_hva_axi_gls: the same test on Yosys' reading of hva_axi_top: the
# drop-in top's wrapper under test_hva_gls' check (a construct Yosys reads
# differently from Verilator fails it), with its steps (sim/hva/hva.mk, read
# after this file: used in the recipes only). The netlist's ports are flat:
# only the wrapper needs the packages.
HVA_AXI_GLS_OUT     := $(BUILD)/sim/fpga/axi_gls
HVA_AXI_GLS_NETLIST := $(HVA_AXI_GLS_OUT)/hva_axi_top_yosys.v
$(HVA_AXI_GLS_NETLIST): $(HVA_REGS_PKG) $(HVA_RTL_SRC) $(FPGA_AXI_TOP) sim/fpga/fpga.mk
	@mkdir -p $(@D)
	$(call HVA_GLS_READ,hva_axi_top,$(HVA_RTL_SRC) $(FPGA_AXI_TOP))

$(FPGA_OUT)/test_hva_axi_gls: $(BUILD)/sim/hva/test_hva_rtl $(HVA_AXI_GLS_NETLIST) sim/fpga/hva_axi_sim_top.sv \
                              sim/hva/hva_sim.cpp sim/fpga/fpga.mk
	@mkdir -p $(@D)
	@rm -f $@
	$(call HVA_GLS_BUILD,hva_axi_sim_top,$(HVA_AXI_GLS_NETLIST) sim/fpga/hva_axi_sim_top.sv,$(HVA_AXI_GLS_OUT))

$(FPGA_OUT)/test_ice40_board: $(FPGA_DIR)/ice40-flow.sh sim/fpga/fpga.mk
	@mkdir -p $(@D)
	@printf '#!/bin/sh\ncd %s && exec %s/ice40-flow.sh %s %s/ice40-test %s\n' "$(TOP)" "$(FPGA_DIR)" \
	    "$(ICE40_TEST_MODE)" "$(FPGA_OUT)" "$(HVA_RTL_SRC) $(FPGA_BOARD_SRC)" >$@
	@chmod +x $@
ICE40_TEST_MODE ?= full

$(FPGA_OUT)/test_fpga_xilinx: rtl/walker/synth-report.sh $(HVA_REGS_PKG) sim/fpga/fpga.mk
	@mkdir -p $(@D)
	@printf '#!/bin/sh\ncd %s && RST=aresetn exec rtl/walker/synth-report.sh hva_axi_top %s/xilinx-test %s\n' \
	    "$(TOP)" "$(FPGA_OUT)" "$(HVA_RTL_SRC) $(FPGA_AXI_TOP)" >$@
	@chmod +x $@

FPGA_TESTS := $(FPGA_OUT)/test_ice40_bridge $(FPGA_OUT)/test_hva_axi_top $(FPGA_OUT)/test_hva_axi_gls \
              $(FPGA_OUT)/test_ice40_board $(FPGA_OUT)/test_fpga_xilinx
ALL   += $(ICE40_SIM_EXE) $(FPGA_TESTS)
TESTS += $(FPGA_TESTS)
