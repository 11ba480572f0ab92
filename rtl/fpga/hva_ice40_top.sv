// The HVA on an iCE40-HX8K board (iCE40-HX8K Breakout: 12 MHz oscillator,
// the FTDI chip's second port as UART): a small HVA (hva_top with small
// caches and a small VIC, parameters below) beside MEM_BYTES of block RAM
// holding page tables and the request ring, and a UART bridge through which
// the host (host-tools/hvaboard) reads and writes the HVA's registers and
// that memory. The LEDs show the HVA's interrupt lines.
//
//   uart --> fpga_uart_rx --> fpga_uart_bridge --AXI4-Lite--> hva_top --AXI4--> fpga_mem
//   uart <-- fpga_uart_tx <--/        \------------host port---------------------/
module hva_ice40_top #(
  parameter int unsigned CLKS_PER_BIT = 104,            // 12 MHz / 115200 baud
  parameter int unsigned MEM_BYTES    = 16384,
  parameter logic [63:0] MEM_BASE     = 64'h8000_0000,
  parameter bit          TLB_EN       = 0,    // 1: + ~880 logic cells (does not fit)
  parameter bit          VIC_EN       = 1     // 0: - ~760 logic cells
) (
  input  logic       clk_i,
  input  logic       uart_rx_i,
  output logic       uart_tx_o,
  output logic [7:0] led_o
);
  // ---------------------------------------------------------------- reset
  // no reset button on the board: held for 15 cycles after configuration
  // (the flip-flops start at their init values)
  logic [3:0] por_q = '0;
  logic       rst_n;
  always_ff @(posedge clk_i) if (por_q != 4'hf) por_q <= por_q + 1'b1;
  assign rst_n = por_q == 4'hf;

  // ---------------------------------------------------------------- wires
  logic                 rx_valid, tx_valid, tx_ready;
  logic [7:0]           rx_data, tx_data;
  hva_pkg::axil_req_t   axil_req;
  hva_pkg::axil_rsp_t   axil_rsp;
  walker_pkg::axi_req_t axi_req;
  walker_pkg::axi_rsp_t axi_rsp;
  logic                 mem_req, mem_we, mem_gnt, mem_rvalid, mem_err;
  logic [63:0]          mem_addr, mem_wdata, mem_rdata;
  logic                 irq, hyp_irq;
  logic                 guest_eip;

  fpga_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (
    .clk_i,
    .rst_ni (rst_n),
    .rx_i   (uart_rx_i),
    .valid_o(rx_valid),
    .data_o (rx_data)
  );

  fpga_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (
    .clk_i,
    .rst_ni (rst_n),
    .valid_i(tx_valid),
    .data_i (tx_data),
    .ready_o(tx_ready),
    .tx_o   (uart_tx_o)
  );

  fpga_uart_bridge u_bridge (
    .clk_i,
    .rst_ni      (rst_n),
    .rx_valid_i  (rx_valid),
    .rx_data_i   (rx_data),
    .tx_valid_o  (tx_valid),
    .tx_data_o   (tx_data),
    .tx_ready_i  (tx_ready),
    .axil_req_o  (axil_req),
    .axil_rsp_i  (axil_rsp),
    .mem_req_o   (mem_req),
    .mem_we_o    (mem_we),
    .mem_addr_o  (mem_addr),
    .mem_wdata_o (mem_wdata),
    .mem_gnt_i   (mem_gnt),
    .mem_rvalid_i(mem_rvalid),
    .mem_rdata_i (mem_rdata),
    .mem_err_i   (mem_err)
  );

  // The small configuration: the walker without caches (TLB_EN 0, no G-TLB,
  // no page-walk cache), one context slot, and a VIC of 1 guest x 8 ids x 4
  // sources. The iCE40 has no distributed RAM, so cache payloads become
  // flip-flops and multiplexers: a 2-entry combined TLB alone costs about 880
  // of the HX8K's 7680 logic cells, and with it the design needs 108 %
  // (rtl/fpga/README.md has the figures of each variant).
  hva_top #(
    .TLB_ENTRIES  (2),
    .TLB_WAYS     (2),
    .TLB_EN       (TLB_EN),
    .GTLB_EN      (0),
    .PWC_EN       (0),
    .CTX_SLOTS    (1),
    .VIC_EN       (VIC_EN),
    .VIC_GUESTS   (1),
    .VIC_IDS      (8),
    .VIC_SOURCES  (4),
    .VIC_VCPUS    (1),
    .VIC_CTXS     (1),
    .VIC_PRIO_BITS(2)
  ) u_hva (
    .clk_i,
    .rst_ni     (rst_n),
    .axil_req_i (axil_req),
    .axil_rsp_o (axil_rsp),
    .axi_req_o  (axi_req),
    .axi_rsp_i  (axi_rsp),
    .irq_src_i  ('0),
    .irq_o      (irq),
    .guest_eip_o(guest_eip),
    .hyp_irq_o  (hyp_irq)
  );

  fpga_mem #(
    .MEM_BYTES(MEM_BYTES),
    .MEM_BASE (MEM_BASE)
  ) u_mem (
    .clk_i,
    .rst_ni       (rst_n),
    .axi_req_i    (axi_req),
    .axi_rsp_o    (axi_rsp),
    .host_req_i   (mem_req),
    .host_we_i    (mem_we),
    .host_addr_i  (mem_addr),
    .host_wdata_i (mem_wdata),
    .host_gnt_o   (mem_gnt),
    .host_rvalid_o(mem_rvalid),
    .host_rdata_o (mem_rdata),
    .host_err_o   (mem_err)
  );

  assign led_o = {4'd0, hyp_irq, guest_eip, irq, rx_valid};

endmodule
