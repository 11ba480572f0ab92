// hva_top with flat ports, so the Verilated model's C++ ports are plain
// integers the C harness (sim/hva/hva_sim.cpp) can set without knowing the
// struct layouts. Simulation only.
module hva_sim_top (
  input  logic        clk_i,
  input  logic        rst_ni,
  // AXI4-Lite slave
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
  // AXI4 master
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
  // interrupts
  input  logic [31:0] irq_src_i,
  output logic        irq_o,
  output logic [3:0]  guest_eip_o,
  output logic        hyp_irq_o
);
  hva_pkg::axil_req_t axil_req;
  hva_pkg::axil_rsp_t axil_rsp;
  walker_pkg::axi_req_t axi_req;
  walker_pkg::axi_rsp_t axi_rsp;

  always_comb begin
    axil_req          = '0;
    axil_req.aw.addr  = s_aw_addr;
    axil_req.aw_valid = s_aw_valid;
    axil_req.w_data   = s_w_data;
    axil_req.w_strb   = s_w_strb;
    axil_req.w_valid  = s_w_valid;
    axil_req.b_ready  = s_b_ready;
    axil_req.ar.addr  = s_ar_addr;
    axil_req.ar_valid = s_ar_valid;
    axil_req.r_ready  = s_r_ready;
    axi_rsp           = '0;
    axi_rsp.aw_ready  = m_aw_ready;
    axi_rsp.w_ready   = m_w_ready;
    axi_rsp.b_id      = m_b_id;
    axi_rsp.b_resp    = m_b_resp;
    axi_rsp.b_valid   = m_b_valid;
    axi_rsp.ar_ready  = m_ar_ready;
    axi_rsp.r_id      = m_r_id;
    axi_rsp.r_data    = m_r_data;
    axi_rsp.r_resp    = m_r_resp;
    axi_rsp.r_last    = m_r_last;
    axi_rsp.r_valid   = m_r_valid;
  end

  assign s_aw_ready = axil_rsp.aw_ready;
  assign s_w_ready  = axil_rsp.w_ready;
  assign s_b_resp   = axil_rsp.b_resp;
  assign s_b_valid  = axil_rsp.b_valid;
  assign s_ar_ready = axil_rsp.ar_ready;
  assign s_r_data   = axil_rsp.r_data;
  assign s_r_resp   = axil_rsp.r_resp;
  assign s_r_valid  = axil_rsp.r_valid;

  assign m_aw_id    = axi_req.aw.id;
  assign m_aw_addr  = axi_req.aw.addr;
  assign m_aw_lock  = axi_req.aw.lock;
  assign m_aw_len   = axi_req.aw.len;
  assign m_aw_valid = axi_req.aw_valid;
  assign m_w_data   = axi_req.w_data;
  assign m_w_strb   = axi_req.w_strb;
  assign m_w_last   = axi_req.w_last;
  assign m_w_valid  = axi_req.w_valid;
  assign m_b_ready  = axi_req.b_ready;
  assign m_ar_id    = axi_req.ar.id;
  assign m_ar_addr  = axi_req.ar.addr;
  assign m_ar_lock  = axi_req.ar.lock;
  assign m_ar_len   = axi_req.ar.len;
  assign m_ar_valid = axi_req.ar_valid;
  assign m_r_ready  = axi_req.r_ready;

  hva_top u_hva (
    .clk_i,
    .rst_ni,
    .axil_req_i(axil_req),
    .axil_rsp_o(axil_rsp),
    .axi_req_o (axi_req),
    .axi_rsp_i (axi_rsp),
    .irq_src_i,
    .irq_o,
    .guest_eip_o,
    .hyp_irq_o
  );

endmodule
