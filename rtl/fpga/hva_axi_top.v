// The HVA with flat ports, in Verilog-2001, for SoC integration: an AXI4-Lite
// slave for the registers (s_axi_*), an AXI4 master for page tables and the
// request ring (m_axi_*), interrupt lines (irq_*). The names are the ones
// vendor block-design tools (Vivado's module reference, Quartus Platform
// Designer) recognise, so the HVA drops into a block design beside an
// H-extension core (CVA6-H, Rocket) and its interfaces are inferred.
//
// This file holds no SystemVerilog, since block-design tools take only
// Verilog or VHDL as the top. It instantiates hva_top (SystemVerilog) and
// passes its packed-struct ports as plain vectors. Their layout is fixed by
// hva_pkg::axil_req_t / axil_rsp_t and walker_pkg::axi_req_t / axi_rsp_t
// (first member = most significant bits), and `make fpga-xilinx` builds the
// whole HVA test (tests/rtl/hva) through this file to check it.
module hva_axi_top #(
  parameter TLB_ENTRIES   = 16,
  parameter TLB_WAYS      = 4,
  parameter GTLB_ENTRIES  = 16,
  parameter GTLB_WAYS     = 4,
  parameter PWC_ENTRIES   = 8,
  parameter TLB_EN        = 1,
  parameter GTLB_EN       = 1,
  parameter PWC_EN        = 1,
  parameter MAX_PTE_READS = 255,
  parameter CTX_SLOTS     = 4,
  parameter VIC_EN        = 1,
  parameter VIC_GUESTS    = 4,
  parameter VIC_IDS       = 32,
  parameter VIC_SOURCES   = 32,
  parameter VIC_VCPUS     = 4,
  parameter VIC_CTXS      = 2,
  parameter VIC_PRIO_BITS = 3
) (
  input  wire                   aclk,
  input  wire                   aresetn,
  // AXI4-Lite slave: registers (rtl/hva/hva_regs.map), 1 MiB, 32-bit data
  input  wire [19:0]            s_axi_awaddr,
  input  wire [2:0]             s_axi_awprot,
  input  wire                   s_axi_awvalid,
  output wire                   s_axi_awready,
  input  wire [31:0]            s_axi_wdata,
  input  wire [3:0]             s_axi_wstrb,
  input  wire                   s_axi_wvalid,
  output wire                   s_axi_wready,
  output wire [1:0]             s_axi_bresp,
  output wire                   s_axi_bvalid,
  input  wire                   s_axi_bready,
  input  wire [19:0]            s_axi_araddr,
  input  wire [2:0]             s_axi_arprot,
  input  wire                   s_axi_arvalid,
  output wire                   s_axi_arready,
  output wire [31:0]            s_axi_rdata,
  output wire [1:0]             s_axi_rresp,
  output wire                   s_axi_rvalid,
  input  wire                   s_axi_rready,
  // AXI4 master: memory, 64-bit data, 5-bit IDs, exclusive pairs for A/D
  output wire [4:0]             m_axi_awid,
  output wire [63:0]            m_axi_awaddr,
  output wire [7:0]             m_axi_awlen,
  output wire [2:0]             m_axi_awsize,
  output wire [1:0]             m_axi_awburst,
  output wire                   m_axi_awlock,
  output wire [3:0]             m_axi_awcache,
  output wire [2:0]             m_axi_awprot,
  output wire                   m_axi_awvalid,
  input  wire                   m_axi_awready,
  output wire [63:0]            m_axi_wdata,
  output wire [7:0]             m_axi_wstrb,
  output wire                   m_axi_wlast,
  output wire                   m_axi_wvalid,
  input  wire                   m_axi_wready,
  input  wire [4:0]             m_axi_bid,
  input  wire [1:0]             m_axi_bresp,
  input  wire                   m_axi_bvalid,
  output wire                   m_axi_bready,
  output wire [4:0]             m_axi_arid,
  output wire [63:0]            m_axi_araddr,
  output wire [7:0]             m_axi_arlen,
  output wire [2:0]             m_axi_arsize,
  output wire [1:0]             m_axi_arburst,
  output wire                   m_axi_arlock,
  output wire [3:0]             m_axi_arcache,
  output wire [2:0]             m_axi_arprot,
  output wire                   m_axi_arvalid,
  input  wire                   m_axi_arready,
  input  wire [4:0]             m_axi_rid,
  input  wire [63:0]            m_axi_rdata,
  input  wire [1:0]             m_axi_rresp,
  input  wire                   m_axi_rlast,
  input  wire                   m_axi_rvalid,
  output wire                   m_axi_rready,
  // interrupts
  input  wire [VIC_SOURCES-1:0] irq_src,      // physical sources into the VIC
  output wire                   irq_hva,      // ring done / error, request done
  output wire [VIC_GUESTS-1:0]  irq_guest,    // per guest, to the hart's hgeip
  output wire                   irq_hyp       // the VIC's hypervisor file
);
  // hva_pkg::axil_req_t (87 bits) / axil_rsp_t (41)
  wire [86:0]  axil_req;
  wire [40:0]  axil_rsp;
  // walker_pkg::axi_req_t (258 bits) / axi_rsp_t (84)
  wire [257:0] axi_req;
  wire [83:0]  axi_rsp;

  assign axil_req = {s_axi_awaddr, s_axi_awprot, s_axi_awvalid,
                     s_axi_wdata, s_axi_wstrb, s_axi_wvalid,
                     s_axi_bready,
                     s_axi_araddr, s_axi_arprot, s_axi_arvalid,
                     s_axi_rready};
  assign {s_axi_awready, s_axi_wready,
          s_axi_bresp, s_axi_bvalid,
          s_axi_arready,
          s_axi_rdata, s_axi_rresp, s_axi_rvalid} = axil_rsp;

  assign {m_axi_awid, m_axi_awaddr, m_axi_awlen, m_axi_awsize, m_axi_awburst,
          m_axi_awlock, m_axi_awcache, m_axi_awprot, m_axi_awvalid,
          m_axi_wdata, m_axi_wstrb, m_axi_wlast, m_axi_wvalid,
          m_axi_bready,
          m_axi_arid, m_axi_araddr, m_axi_arlen, m_axi_arsize, m_axi_arburst,
          m_axi_arlock, m_axi_arcache, m_axi_arprot, m_axi_arvalid,
          m_axi_rready} = axi_req;
  assign axi_rsp = {m_axi_awready, m_axi_wready,
                    m_axi_bid, m_axi_bresp, m_axi_bvalid,
                    m_axi_arready,
                    m_axi_rid, m_axi_rdata, m_axi_rresp, m_axi_rlast, m_axi_rvalid};

  hva_top #(
    .TLB_ENTRIES  (TLB_ENTRIES),
    .TLB_WAYS     (TLB_WAYS),
    .GTLB_ENTRIES (GTLB_ENTRIES),
    .GTLB_WAYS    (GTLB_WAYS),
    .PWC_ENTRIES  (PWC_ENTRIES),
    .TLB_EN       (TLB_EN),
    .GTLB_EN      (GTLB_EN),
    .PWC_EN       (PWC_EN),
    .MAX_PTE_READS(MAX_PTE_READS),
    .CTX_SLOTS    (CTX_SLOTS),
    .VIC_EN       (VIC_EN),
    .VIC_GUESTS   (VIC_GUESTS),
    .VIC_IDS      (VIC_IDS),
    .VIC_SOURCES  (VIC_SOURCES),
    .VIC_VCPUS    (VIC_VCPUS),
    .VIC_CTXS     (VIC_CTXS),
    .VIC_PRIO_BITS(VIC_PRIO_BITS)
  ) u_hva (
    .clk_i      (aclk),
    .rst_ni     (aresetn),
    .axil_req_i (axil_req),
    .axil_rsp_o (axil_rsp),
    .axi_req_o  (axi_req),
    .axi_rsp_i  (axi_rsp),
    .irq_src_i  (irq_src),
    .irq_o      (irq_hva),
    .guest_eip_o(irq_guest),
    .hyp_irq_o  (irq_hyp)
  );

endmodule
