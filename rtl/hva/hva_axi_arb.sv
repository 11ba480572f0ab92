// Two AXI4 masters (single beats, 64-bit) onto one port: master 0 is the
// walker, master 1 the ring engine. The master's number becomes the top ID
// bit, and responses go back by that bit, so each master sees its own IDs.
//
// Read and write address channels are arbitrated separately, master 0 first.
// A grant is held while the granted master's request waits for ready (AXI
// forbids withdrawing a valid), and for writes until both its AW and its W
// beat are taken, so W beats always follow their AW's master.
module hva_axi_arb (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  walker_pkg::axi_req_t m_req_i [2],
  output walker_pkg::axi_rsp_t m_rsp_o [2],
  output hva_pkg::axi_req_t    axi_req_o,
  input  hva_pkg::axi_rsp_t    axi_rsp_i
);
  localparam int unsigned IdW = walker_pkg::AxiIdW;

  // ---------------------------------------------------------------- read address
  logic ar_hold_q, ar_hold_d, ar_sel_q, ar_sel_d, ar_sel;

  assign ar_sel = ar_hold_q ? ar_sel_q : !m_req_i[0].ar_valid;

  always_comb begin
    ar_hold_d = ar_hold_q;
    ar_sel_d  = ar_sel_q;
    if (m_req_i[ar_sel].ar_valid) begin
      ar_hold_d = !axi_rsp_i.ar_ready;
      ar_sel_d  = ar_sel;
    end
  end

  // ---------------------------------------------------------------- write address + data
  logic w_busy_q, w_busy_d, w_sel_q, w_sel_d, w_sel;
  logic aw_taken_q, aw_taken_d, w_taken_q, w_taken_d;
  logic aw_fire, w_fire;

  // a write starts with either AW or W of a master
  assign w_sel = w_busy_q ? w_sel_q : !(m_req_i[0].aw_valid || m_req_i[0].w_valid);

  assign aw_fire = m_req_i[w_sel].aw_valid && !aw_taken_q && axi_rsp_i.aw_ready;
  assign w_fire  = m_req_i[w_sel].w_valid && !w_taken_q && axi_rsp_i.w_ready;

  always_comb begin
    w_busy_d   = w_busy_q;
    w_sel_d    = w_sel_q;
    aw_taken_d = aw_taken_q || aw_fire;
    w_taken_d  = w_taken_q || (w_fire && m_req_i[w_sel].w_last);
    if (!w_busy_q && (m_req_i[w_sel].aw_valid || m_req_i[w_sel].w_valid)) begin
      w_busy_d = 1'b1;
      w_sel_d  = w_sel;
    end
    if (aw_taken_d && w_taken_d) begin   // both parts done: release
      w_busy_d   = 1'b0;
      aw_taken_d = 1'b0;
      w_taken_d  = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ar_hold_q  <= 1'b0;
      ar_sel_q   <= 1'b0;
      w_busy_q   <= 1'b0;
      w_sel_q    <= 1'b0;
      aw_taken_q <= 1'b0;
      w_taken_q  <= 1'b0;
    end else begin
      ar_hold_q  <= ar_hold_d;
      ar_sel_q   <= ar_sel_d;
      w_busy_q   <= w_busy_d;
      w_sel_q    <= w_sel_d;
      aw_taken_q <= aw_taken_d;
      w_taken_q  <= w_taken_d;
    end
  end

  // ---------------------------------------------------------------- the shared port
  function automatic hva_pkg::axi_ax_t widen(walker_pkg::axi_ax_t ax, logic sel);
    hva_pkg::axi_ax_t o;
    o.id    = {sel, ax.id};
    o.addr  = ax.addr;
    o.len   = ax.len;
    o.size  = ax.size;
    o.burst = ax.burst;
    o.lock  = ax.lock;
    o.cache = ax.cache;
    o.prot  = ax.prot;
    return o;
  endfunction

  logic b_sel, r_sel;
  assign b_sel = axi_rsp_i.b_id[IdW];
  assign r_sel = axi_rsp_i.r_id[IdW];

  always_comb begin
    axi_req_o          = '0;
    axi_req_o.ar       = widen(m_req_i[ar_sel].ar, ar_sel);
    axi_req_o.ar_valid = m_req_i[ar_sel].ar_valid;
    axi_req_o.aw       = widen(m_req_i[w_sel].aw, w_sel);
    axi_req_o.aw_valid = m_req_i[w_sel].aw_valid && !aw_taken_q;
    axi_req_o.w_data   = m_req_i[w_sel].w_data;
    axi_req_o.w_strb   = m_req_i[w_sel].w_strb;
    axi_req_o.w_last   = m_req_i[w_sel].w_last;
    axi_req_o.w_valid  = m_req_i[w_sel].w_valid && !w_taken_q;
    axi_req_o.b_ready  = m_req_i[b_sel].b_ready;
    axi_req_o.r_ready  = m_req_i[r_sel].r_ready;

    for (int unsigned m = 0; m < 2; m++) begin
      m_rsp_o[m]          = '0;
      m_rsp_o[m].ar_ready = ar_sel == 1'(m) && axi_rsp_i.ar_ready;
      m_rsp_o[m].aw_ready = w_sel == 1'(m) && !aw_taken_q && axi_rsp_i.aw_ready;
      m_rsp_o[m].w_ready  = w_sel == 1'(m) && !w_taken_q && axi_rsp_i.w_ready;
      m_rsp_o[m].b_valid  = b_sel == 1'(m) && axi_rsp_i.b_valid;
      m_rsp_o[m].b_id     = axi_rsp_i.b_id[IdW-1:0];
      m_rsp_o[m].b_resp   = axi_rsp_i.b_resp;
      m_rsp_o[m].r_valid  = r_sel == 1'(m) && axi_rsp_i.r_valid;
      m_rsp_o[m].r_id     = axi_rsp_i.r_id[IdW-1:0];
      m_rsp_o[m].r_data   = axi_rsp_i.r_data;
      m_rsp_o[m].r_resp   = axi_rsp_i.r_resp;
      m_rsp_o[m].r_last   = axi_rsp_i.r_last;
    end
  end

endmodule
