// The Hypervisor Assist (HVA): the register block (AXI4-Lite slave), the
// page-table walker, the request-ring engine, and the virtual interrupt
// controller, with one AXI4 master port shared by the walker and the ring
// engine. Register map: rtl/hva/hva_regs.map.
//
//   axil --> hva_regs --single request--> hva_req_arb --> hva_walker --+
//               |  \----ring cfg/status--> hva_ring ---/               |
//               |                             |                        |
//               +--VIC windows--> vic          +--> hva_axi_arb <-------+--> axi
module hva_top #(
  // the walker's (rtl/walker: hva_walker)
  parameter int unsigned TLB_ENTRIES   = 16,
  parameter int unsigned TLB_WAYS      = 4,
  parameter int unsigned GTLB_ENTRIES  = 16,
  parameter int unsigned GTLB_WAYS     = 4,
  parameter int unsigned PWC_ENTRIES   = 8,
  parameter bit          TLB_EN        = 1,
  parameter bit          GTLB_EN       = 1,
  parameter bit          PWC_EN        = 1,
  parameter int unsigned MAX_PTE_READS = 255,
  // translation context slots of the register block (1 .. 4)
  parameter int unsigned CTX_SLOTS     = 4,
  // the VIC's (rtl/vic: vic); VIC_EN = 0 leaves its windows answering SLVERR
  parameter bit          VIC_EN        = 1,
  parameter int unsigned VIC_GUESTS    = 4,
  parameter int unsigned VIC_IDS       = 32,
  parameter int unsigned VIC_SOURCES   = 32,
  parameter int unsigned VIC_VCPUS     = 4,
  parameter int unsigned VIC_CTXS      = 2,   // contexts per guest file (vCPUs it serves)
  parameter int unsigned VIC_PRIO_BITS = 3
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  // registers
  input  hva_pkg::axil_req_t     axil_req_i,
  output hva_pkg::axil_rsp_t     axil_rsp_o,
  // memory (page tables and the request ring)
  output walker_pkg::axi_req_t   axi_req_o,
  input  walker_pkg::axi_rsp_t   axi_rsp_i,
  // interrupts
  input  logic [VIC_SOURCES-1:0] irq_src_i,     // physical sources into the VIC
  output logic                   irq_o,         // HVA: ring done/error, request done
  output logic [VIC_GUESTS-1:0]  guest_eip_o,   // VIC: per guest, to hgeip
  output logic                   hyp_irq_o      // VIC: to the hypervisor
);
  localparam int unsigned RingMaxLog2 = 15;

  if (hva_pkg::AxiIdW != walker_pkg::AxiIdW) begin : gen_bad_id_w
    $error("hva_pkg::AxiIdW must be walker_pkg::AxiIdW");
  end

  localparam logic [31:0] Cap0 =
      (32'(TLB_EN ? TLB_ENTRIES : 0) << hva_regs_pkg::HVA_CAP0_TLB_ENTRIES_LSB) |
      (32'(TLB_WAYS)                 << hva_regs_pkg::HVA_CAP0_TLB_WAYS_LSB) |
      (32'(PWC_EN ? PWC_ENTRIES : 0) << hva_regs_pkg::HVA_CAP0_PWC_ENTRIES_LSB);
  localparam logic [31:0] Cap1 =
      (32'(GTLB_EN ? GTLB_ENTRIES : 0) << hva_regs_pkg::HVA_CAP1_GTLB_ENTRIES_LSB) |
      (32'(GTLB_WAYS)                  << hva_regs_pkg::HVA_CAP1_GTLB_WAYS_LSB) |
      (32'(MAX_PTE_READS)              << hva_regs_pkg::HVA_CAP1_MAX_PTE_READS_LSB);
  localparam logic [31:0] Cap2 =
      (32'(hva_pkg::AxiIdW) << hva_regs_pkg::HVA_CAP2_AXI_ID_W_LSB) |
      (32'(RingMaxLog2)     << hva_regs_pkg::HVA_CAP2_RING_MAX_LOG2_LSB) |
      (32'(VIC_EN)          << hva_regs_pkg::HVA_CAP2_VIC_LSB) |
      (32'(CTX_SLOTS)       << hva_regs_pkg::HVA_CAP2_CTX_SLOTS_LSB);
  localparam logic [31:0] Cap3 = !VIC_EN ? '0 :
      (32'(VIC_GUESTS)  << hva_regs_pkg::HVA_CAP3_VIC_GUESTS_LSB) |
      (32'(VIC_IDS)     << hva_regs_pkg::HVA_CAP3_VIC_IDS_LSB) |
      (32'(VIC_SOURCES) << hva_regs_pkg::HVA_CAP3_VIC_SOURCES_LSB);

  // ---------------------------------------------------------------- wires
  logic                   sreq_free, sreq_go, sreq_xlate, srsp_valid;
  hva_pkg::req_words_t    sreq, xreq;
  logic                   fill_req, fill_gnt, beat, beat_err, rrsp_valid, rrsp_ready;
  logic [1:0]             beat_idx;
  logic [63:0]            beat_data;

  logic                   wreq_valid, wreq_ready, wrsp_valid, wrsp_ready;
  walker_pkg::xlate_req_t wreq;
  walker_pkg::xlate_rsp_t wrsp;

  logic                   inv_valid, inv_ready;
  walker_pkg::inv_req_t   inv;
  walker_pkg::perf_evt_t  perf, regs_perf;

  hva_pkg::ring_cfg_t     ring_cfg;
  hva_pkg::ring_status_t  ring_status;

  walker_pkg::axi_req_t   walker_axi_req, ring_axi_req;
  walker_pkg::axi_rsp_t   walker_axi_rsp, ring_axi_rsp;

  logic                   vic_req, vic_we, vic_err;
  logic [hva_pkg::RegAddrW-1:0] vic_addr;
  logic [31:0]            vic_wdata, vic_rdata;
  logic [3:0]             vic_wstrb;

  // ---------------------------------------------------------------- blocks
  hva_regs #(
    .Cap0       (Cap0),
    .Cap1       (Cap1),
    .Cap2       (Cap2),
    .Cap3       (Cap3),
    .RingMaxLog2(RingMaxLog2),
    .CtxSlots   (CTX_SLOTS)
  ) u_regs (
    .clk_i,
    .rst_ni,
    .axil_req_i,
    .axil_rsp_o,
    .sreq_free_i  (sreq_free),
    .sreq_go_o    (sreq_go),
    .sreq_o       (sreq),
    .sreq_xlate_o (sreq_xlate),
    .xreq_o       (xreq),
    .srsp_valid_i (srsp_valid),
    .srsp_i       (wrsp),
    .inv_valid_o  (inv_valid),
    .inv_ready_i  (inv_ready),
    .inv_o        (inv),
    .ring_cfg_o   (ring_cfg),
    .ring_status_i(ring_status),
    .perf_i       (regs_perf),
    .vic_req_o    (vic_req),
    .vic_we_o     (vic_we),
    .vic_addr_o   (vic_addr),
    .vic_wdata_o  (vic_wdata),
    .vic_wstrb_o  (vic_wstrb),
    .vic_rdata_i  (vic_rdata),
    .vic_err_i    (vic_err),
    .irq_o
  );

  hva_ring u_ring (
    .clk_i,
    .rst_ni,
    .cfg_i      (ring_cfg),
    .status_o   (ring_status),
    .fill_req_o (fill_req),
    .fill_gnt_i (fill_gnt),
    .beat_o     (beat),
    .beat_idx_o (beat_idx),
    .beat_data_o(beat_data),
    .beat_err_o (beat_err),
    .rsp_valid_i(rrsp_valid),
    .rsp_ready_o(rrsp_ready),
    .rsp_i      (wrsp),
    .axi_req_o  (ring_axi_req),
    .axi_rsp_i  (ring_axi_rsp)
  );

  hva_req_arb u_req_arb (
    .clk_i,
    .rst_ni,
    .free_o     (sreq_free),
    .go_i       (sreq_go),
    .go_req_i   (sreq),
    .xlate_i    (sreq_xlate),
    .xlate_req_i(xreq),
    .fill_req_i (fill_req),
    .fill_gnt_o (fill_gnt),
    .beat_i     (beat),
    .beat_idx_i (beat_idx),
    .beat_data_i(beat_data),
    .beat_err_i (beat_err),
    .rsp_valid_o({rrsp_valid, srsp_valid}),
    .rsp_ready_i({rrsp_ready, 1'b1}),
    .req_valid_o(wreq_valid),
    .req_ready_i(wreq_ready),
    .req_o      (wreq),
    .rsp_valid_i(wrsp_valid),
    .rsp_ready_o(wrsp_ready)
  );

  hva_walker #(
    .TLB_ENTRIES  (TLB_ENTRIES),
    .TLB_WAYS     (TLB_WAYS),
    .GTLB_ENTRIES (GTLB_ENTRIES),
    .GTLB_WAYS    (GTLB_WAYS),
    .PWC_ENTRIES  (PWC_ENTRIES),
    .TLB_EN       (TLB_EN),
    .GTLB_EN      (GTLB_EN),
    .PWC_EN       (PWC_EN),
    .MAX_PTE_READS(MAX_PTE_READS),
    .MAX_INFLIGHT (1),   // hva_req_arb offers one translation at a time
    .AXI_ID_W     (walker_pkg::MstIdW),
    .SERIAL_REQ   (1'b1)
  ) u_walker (
    .clk_i,
    .rst_ni,
    .req_valid_i(wreq_valid),
    .req_ready_o(wreq_ready),
    .req_i      (wreq),
    .rsp_valid_o(wrsp_valid),
    .rsp_ready_i(wrsp_ready),
    .rsp_o      (wrsp),
    .inv_valid_i(inv_valid),
    .inv_ready_o(inv_ready),
    .inv_i      (inv),
    .axi_req_o  (walker_axi_req),
    .axi_rsp_i  (walker_axi_rsp),
    .perf_o     (perf)
  );

  // BUSY_CYCLES counts translations in progress: not the cycles in which
  // the ring holds an answer while it writes it out
  always_comb begin
    regs_perf = perf;
    regs_perf.busy = perf.busy && !(wrsp_valid && !wrsp_ready);
  end

  hva_axi_arb u_axi_arb (
    .clk_i,
    .rst_ni,
    .m0_req_i (walker_axi_req),
    .m0_rsp_o (walker_axi_rsp),
    .m1_req_i (ring_axi_req),
    .m1_rsp_o (ring_axi_rsp),
    .axi_req_o,
    .axi_rsp_i
  );

  if (VIC_EN) begin : gen_vic
    vic #(
      .NumGuests (VIC_GUESTS),
      .NumIds    (VIC_IDS),
      .NumSources(VIC_SOURCES),
      .NumVcpus  (VIC_VCPUS),
      .NumCtxs   (VIC_CTXS),
      .PrioBits  (VIC_PRIO_BITS),
      .AddrW     (hva_pkg::RegAddrW)
    ) u_vic (
      .clk_i,
      .rst_ni,
      .src_i      (irq_src_i),
      .req_i      (vic_req),
      .we_i       (vic_we),
      .addr_i     (vic_addr),
      .wdata_i    (vic_wdata),
      .wstrb_i    (vic_wstrb),
      .rdata_o    (vic_rdata),
      .err_o      (vic_err),
      .guest_eip_o,
      .hyp_irq_o
    );
  end else begin : gen_no_vic
    // the register bus and the sources have nowhere to go
    /* verilator lint_off UNUSEDSIGNAL */
    logic unused;
    assign unused = ^{irq_src_i, vic_req, vic_we, vic_addr, vic_wdata, vic_wstrb};
    /* verilator lint_on UNUSEDSIGNAL */
    assign vic_rdata   = '0;
    assign vic_err     = 1'b1;
    assign guest_eip_o = '0;
    assign hyp_irq_o   = 1'b0;
  end

endmodule
