// hva_sim_top's ports (sim/hva/hva_sim_top.sv, the pins sim/hva/hva_sim.cpp
// drives) around the flat Verilog-2001 top rtl/fpga/hva_axi_top.v, so
// tests/rtl/hva runs through the flat ports' bit layout. Simulation only.
module hva_axi_sim_top (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [19:0] s_aw_addr,
  input  logic        s_aw_valid,
  output logic        s_aw_ready,
  input  logic [31:0] s_w_data,
  input  logic [3:0]  s_w_strb,
  input  logic        s_w_valid,
  output logic        s_w_ready,
  output logic [1:0]  s_b_resp,
  output logic        s_b_valid,
  input  logic        s_b_ready,
  input  logic [19:0] s_ar_addr,
  input  logic        s_ar_valid,
  output logic        s_ar_ready,
  output logic [31:0] s_r_data,
  output logic [1:0]  s_r_resp,
  output logic        s_r_valid,
  input  logic        s_r_ready,
  output logic [4:0]  m_aw_id,
  output logic [63:0] m_aw_addr,
  output logic        m_aw_lock,
  output logic [7:0]  m_aw_len,
  output logic        m_aw_valid,
  input  logic        m_aw_ready,
  output logic [63:0] m_w_data,
  output logic [7:0]  m_w_strb,
  output logic        m_w_last,
  output logic        m_w_valid,
  input  logic        m_w_ready,
  input  logic [4:0]  m_b_id,
  input  logic [1:0]  m_b_resp,
  input  logic        m_b_valid,
  output logic        m_b_ready,
  output logic [4:0]  m_ar_id,
  output logic [63:0] m_ar_addr,
  output logic        m_ar_lock,
  output logic [7:0]  m_ar_len,
  output logic        m_ar_valid,
  input  logic        m_ar_ready,
  input  logic [4:0]  m_r_id,
  input  logic [63:0] m_r_data,
  input  logic [1:0]  m_r_resp,
  input  logic        m_r_last,
  input  logic        m_r_valid,
  output logic        m_r_ready,
  input  logic [31:0] irq_src_i,
  output logic        irq_o,
  output logic [3:0]  guest_eip_o,
  output logic        hyp_irq_o
);
  // fields the C harness does not look at; they must still be what AXI says
  logic [2:0] aw_size, ar_size, aw_prot, ar_prot;
  logic [1:0] aw_burst, ar_burst;
  logic [3:0] aw_cache, ar_cache;

  hva_axi_top u_top (
    .aclk         (clk_i),
    .aresetn      (rst_ni),
    .s_axi_awaddr (s_aw_addr),
    .s_axi_awprot (3'b000),
    .s_axi_awvalid(s_aw_valid),
    .s_axi_awready(s_aw_ready),
    .s_axi_wdata  (s_w_data),
    .s_axi_wstrb  (s_w_strb),
    .s_axi_wvalid (s_w_valid),
    .s_axi_wready (s_w_ready),
    .s_axi_bresp  (s_b_resp),
    .s_axi_bvalid (s_b_valid),
    .s_axi_bready (s_b_ready),
    .s_axi_araddr (s_ar_addr),
    .s_axi_arprot (3'b000),
    .s_axi_arvalid(s_ar_valid),
    .s_axi_arready(s_ar_ready),
    .s_axi_rdata  (s_r_data),
    .s_axi_rresp  (s_r_resp),
    .s_axi_rvalid (s_r_valid),
    .s_axi_rready (s_r_ready),
    .m_axi_awid   (m_aw_id),
    .m_axi_awaddr (m_aw_addr),
    .m_axi_awlen  (m_aw_len),
    .m_axi_awsize (aw_size),
    .m_axi_awburst(aw_burst),
    .m_axi_awlock (m_aw_lock),
    .m_axi_awcache(aw_cache),
    .m_axi_awprot (aw_prot),
    .m_axi_awvalid(m_aw_valid),
    .m_axi_awready(m_aw_ready),
    .m_axi_wdata  (m_w_data),
    .m_axi_wstrb  (m_w_strb),
    .m_axi_wlast  (m_w_last),
    .m_axi_wvalid (m_w_valid),
    .m_axi_wready (m_w_ready),
    .m_axi_bid    (m_b_id),
    .m_axi_bresp  (m_b_resp),
    .m_axi_bvalid (m_b_valid),
    .m_axi_bready (m_b_ready),
    .m_axi_arid   (m_ar_id),
    .m_axi_araddr (m_ar_addr),
    .m_axi_arlen  (m_ar_len),
    .m_axi_arsize (ar_size),
    .m_axi_arburst(ar_burst),
    .m_axi_arlock (m_ar_lock),
    .m_axi_arcache(ar_cache),
    .m_axi_arprot (ar_prot),
    .m_axi_arvalid(m_ar_valid),
    .m_axi_arready(m_ar_ready),
    .m_axi_rid    (m_r_id),
    .m_axi_rdata  (m_r_data),
    .m_axi_rresp  (m_r_resp),
    .m_axi_rlast  (m_r_last),
    .m_axi_rvalid (m_r_valid),
    .m_axi_rready (m_r_ready),
    .irq_src      (irq_src_i),
    .irq_hva      (irq_o),
    .irq_guest    (guest_eip_o),
    .irq_hyp      (hyp_irq_o)
  );

  // 64-bit beats, INCR, and the layout puts each field where it belongs: a
  // field shifted in the concatenation would put other bits here
  a_ar_fields: assert property (@(posedge clk_i) disable iff (!rst_ni)
      m_ar_valid |-> ar_size == 3'd3 && ar_burst == 2'b01);
  a_aw_fields: assert property (@(posedge clk_i) disable iff (!rst_ni)
      m_aw_valid |-> aw_size == 3'd3 && aw_burst == 2'b01);
  /* verilator lint_off UNUSEDSIGNAL */
  logic unused;
  assign unused = ^{aw_prot, ar_prot, aw_cache, ar_cache};
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
