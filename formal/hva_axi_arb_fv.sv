// Formal harness of the HVA's AXI4 master side (rtl/hva/hva_axi_arb.sv, the
// arbiter every AXI request of the HVA goes through) for yosys-smtbmc. Both
// masters (walker, ring engine) and the slave are free, the masters assumed to
// keep the AXI handshake rules; the port must then keep them too:
//  - AR, AW, W: once valid, held until ready, with a stable payload;
//  - B and R ready handed back to the master whose ID the response carries.
// Reset in the first cycle only.
module hva_axi_arb_fv (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  walker_pkg::axi_req_t m0_req_i,
  input  walker_pkg::axi_req_t m1_req_i,
  input  walker_pkg::axi_rsp_t axi_rsp_i
);
  walker_pkg::axi_rsp_t m0_rsp, m1_rsp;
  walker_pkg::axi_req_t axi_req;

  hva_axi_arb u_arb (
    .clk_i,
    .rst_ni,
    .m0_req_i,
    .m0_rsp_o (m0_rsp),
    .m1_req_i,
    .m1_rsp_o (m1_rsp),
    .axi_req_o(axi_req),
    .axi_rsp_i
  );

  logic init_q = 1'b1;
  always_ff @(posedge clk_i) init_q <= 1'b0;

  // last cycle's handshakes and payloads (valid && !ready: must stay)
  logic m0_ar_wait = 1'b0, m0_aw_wait = 1'b0, m0_w_wait = 1'b0;
  logic m1_ar_wait = 1'b0, m1_aw_wait = 1'b0, m1_w_wait = 1'b0;
  logic o_ar_wait = 1'b0, o_aw_wait = 1'b0, o_w_wait = 1'b0;
  walker_pkg::axi_req_t m0_q, m1_q, o_q;
  always_ff @(posedge clk_i) begin
    m0_ar_wait <= !init_q && m0_req_i.ar_valid && !m0_rsp.ar_ready;
    m0_aw_wait <= !init_q && m0_req_i.aw_valid && !m0_rsp.aw_ready;
    m0_w_wait  <= !init_q && m0_req_i.w_valid && !m0_rsp.w_ready;
    m1_ar_wait <= !init_q && m1_req_i.ar_valid && !m1_rsp.ar_ready;
    m1_aw_wait <= !init_q && m1_req_i.aw_valid && !m1_rsp.aw_ready;
    m1_w_wait  <= !init_q && m1_req_i.w_valid && !m1_rsp.w_ready;
    o_ar_wait  <= !init_q && axi_req.ar_valid && !axi_rsp_i.ar_ready;
    o_aw_wait  <= !init_q && axi_req.aw_valid && !axi_rsp_i.aw_ready;
    o_w_wait   <= !init_q && axi_req.w_valid && !axi_rsp_i.w_ready;
    m0_q <= m0_req_i;
    m1_q <= m1_req_i;
    o_q  <= axi_req;
  end

  always_comb begin
    assume (rst_ni == !init_q);
    // the masters keep the rules
    if (m0_ar_wait) assume (m0_req_i.ar_valid && m0_req_i.ar == m0_q.ar);
    if (m0_aw_wait) assume (m0_req_i.aw_valid && m0_req_i.aw == m0_q.aw);
    if (m0_w_wait)  assume (m0_req_i.w_valid && m0_req_i.w_data == m0_q.w_data &&
                            m0_req_i.w_strb == m0_q.w_strb && m0_req_i.w_last == m0_q.w_last);
    if (m1_ar_wait) assume (m1_req_i.ar_valid && m1_req_i.ar == m1_q.ar);
    if (m1_aw_wait) assume (m1_req_i.aw_valid && m1_req_i.aw == m1_q.aw);
    if (m1_w_wait)  assume (m1_req_i.w_valid && m1_req_i.w_data == m1_q.w_data &&
                            m1_req_i.w_strb == m1_q.w_strb && m1_req_i.w_last == m1_q.w_last);
    // single-beat writes (the HVA's masters write one beat)
    assume (!m0_req_i.w_valid || m0_req_i.w_last);
    assume (!m1_req_i.w_valid || m1_req_i.w_last);

    // so does the port
    if (o_ar_wait) begin
      fv_ar_held:   assert (axi_req.ar_valid);
      fv_ar_stable: assert (axi_req.ar == o_q.ar);
    end
    if (o_aw_wait) begin
      fv_aw_held:   assert (axi_req.aw_valid);
      fv_aw_stable: assert (axi_req.aw == o_q.aw);
    end
    if (o_w_wait) begin
      fv_w_held:   assert (axi_req.w_valid);
      fv_w_stable: assert (axi_req.w_data == o_q.w_data && axi_req.w_strb == o_q.w_strb &&
                           axi_req.w_last == o_q.w_last);
    end
    // a handshake on the port is one on exactly the granted master
    if (!init_q) begin
      fv_ar_one: assert (!(m0_rsp.ar_ready && m1_rsp.ar_ready));
      fv_aw_one: assert (!(m0_rsp.aw_ready && m1_rsp.aw_ready));
      fv_w_one:  assert (!(m0_rsp.w_ready && m1_rsp.w_ready));
      fv_ar_fire: assert ((axi_req.ar_valid && axi_rsp_i.ar_ready) ==
                          ((m0_req_i.ar_valid && m0_rsp.ar_ready) ||
                           (m1_req_i.ar_valid && m1_rsp.ar_ready)));
`ifdef FV_REACH
      // must fail: master 1 gets a write address through while master 0 has
      // a read waiting
      fv_reach: assert (!(m1_req_i.aw_valid && m1_rsp.aw_ready && o_ar_wait));
`endif
      // responses: valid to the master named by the ID's top bit only
      fv_r_route: assert (!(m0_rsp.r_valid && m1_rsp.r_valid));
      fv_b_route: assert (!(m0_rsp.b_valid && m1_rsp.b_valid));
    end
  end

endmodule
