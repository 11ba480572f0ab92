// Formal harness of the page-table walker (rtl/walker/hva_walker.sv): one
// engine, caches off (FV_CACHES: tiny caches on), requests and the AXI slave
// free but legal. Proved for every request, every PTE value and every slave
// timing within the depth:
//  - AXI: AR / AW / W held until ready with a stable payload; one transaction
//    at a time (no AR while a read is unanswered, no AW/W while a write is);
//  - the walk bound: a translation of n VS levels over m G levels (Bare = 0)
//    without A/D updates issues at most (n+1)(m+1)-1 reads, and every
//    translation at most MaxWalks per stage translation times that with them
//    (here: within MAX_PTE_READS);
//  - no dead time: from the request or a memory response to the next AXI
//    request or the answer takes at most FV_GAP cycles (so a walk finishes
//    within FV_GAP cycles of its last memory response);
//  - the answer is held until taken.
// Reset in the first cycle only. Modes: Bare, Sv39 and Sv39x4 (the read
// counts grow with the depth a proof needs, not with the logic).
module hva_walker_fv (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic                   req_valid_i,
  input  walker_pkg::xlate_req_t req_i,
  input  logic                   rsp_ready_i,
  input  logic                   inv_valid_i,
  input  walker_pkg::inv_req_t   inv_i,
  input  walker_pkg::axi_rsp_t   axi_rsp_i
);
  localparam int unsigned FvGap = 2;
`ifdef FV_CACHES
  localparam bit CachesEn = 1'b1;
`else
  localparam bit CachesEn = 1'b0;
`endif

  logic                   req_ready, rsp_valid, inv_ready;
  walker_pkg::xlate_rsp_t rsp;
  walker_pkg::axi_req_t   axi_req;
  /* verilator lint_off UNUSEDSIGNAL */
  walker_pkg::perf_evt_t  perf;
  /* verilator lint_on UNUSEDSIGNAL */

  hva_walker #(
    .TLB_ENTRIES(2), .TLB_WAYS(2), .GTLB_ENTRIES(1), .GTLB_WAYS(1), .PWC_ENTRIES(2),
    .TLB_EN(CachesEn), .GTLB_EN(CachesEn), .PWC_EN(CachesEn),
    .MAX_PTE_READS(255), .MAX_INFLIGHT(1), .AXI_ID_W(walker_pkg::MstIdW)
  ) u_walker (
    .clk_i, .rst_ni,
    .req_valid_i, .req_ready_o(req_ready), .req_i,
    .rsp_valid_o(rsp_valid), .rsp_ready_i, .rsp_o(rsp),
    .inv_valid_i, .inv_ready_o(inv_ready), .inv_i,
    .axi_req_o(axi_req), .axi_rsp_i,
    .perf_o(perf)
  );

  logic init_q = 1'b1;
  always_ff @(posedge clk_i) init_q <= 1'b0;

  // ---- what happened last cycle, and what is outstanding
  logic ar_fire, r_fire, aw_fire, w_fire, b_fire, req_fire, rsp_fire;
  assign ar_fire  = axi_req.ar_valid && axi_rsp_i.ar_ready;
  assign r_fire   = axi_rsp_i.r_valid && axi_req.r_ready;
  assign aw_fire  = axi_req.aw_valid && axi_rsp_i.aw_ready;
  assign w_fire   = axi_req.w_valid && axi_rsp_i.w_ready;
  assign b_fire   = axi_rsp_i.b_valid && axi_req.b_ready;
  assign req_fire = req_valid_i && req_ready;
  assign rsp_fire = rsp_valid && rsp_ready_i;

  logic ar_wait_q = 1'b0, aw_wait_q = 1'b0, w_wait_q = 1'b0, rsp_wait_q = 1'b0;
  logic r_wait_q = 1'b0, b_wait_q = 1'b0, rv_wait_q = 1'b0, bv_wait_q = 1'b0;
  logic req_wait_q = 1'b0, inv_wait_q = 1'b0;
  logic aw_got_q = 1'b0, w_got_q = 1'b0;   // halves of a write accepted
  logic busy_q = 1'b0;                     // a translation taken, not yet answered
  walker_pkg::axi_req_t   axi_q;
  walker_pkg::axi_rsp_t   slv_q;
  walker_pkg::xlate_rsp_t rsp_q;
  walker_pkg::xlate_req_t req_q;
  walker_pkg::inv_req_t   inv_q;
  logic [7:0] reads_q = '0;                // AR handshakes of this translation
  logic [7:0] bound_q = '0;                // its bound
  logic [3:0] gap_q = '0;                  // cycles without a transaction in flight

  function automatic logic [7:0] levels(logic [3:0] mode);
    levels = mode == 4'd8 ? 8'd3 : 8'd0;
  endfunction

  logic [7:0] n_vs, n_g, bound_now;
  assign n_vs = req_i.virt ? levels(req_i.vsatp[63:60]) : 8'd0;
  assign n_g  = levels(req_i.hgatp[63:60]);
  // (n+1)(m+1)-1 without A/D updates; with them each stage translation may
  // walk MaxWalks times (and the exclusive pairs read once more each)
  assign bound_now = req_i.ad_update ? 8'd255 : (n_vs + 8'd1) * (n_g + 8'd1) - 8'd1;

  logic in_flight;   // a transaction the slave has not answered, or a request not yet taken
  assign in_flight = axi_req.ar_valid || axi_req.aw_valid || axi_req.w_valid ||
                     r_wait_q || b_wait_q || aw_got_q || w_got_q;

  always_ff @(posedge clk_i) begin
    if (init_q) begin
      busy_q <= 1'b0;
      reads_q <= '0;
      gap_q <= '0;
    end else begin
      ar_wait_q  <= axi_req.ar_valid && !axi_rsp_i.ar_ready;
      aw_wait_q  <= axi_req.aw_valid && !axi_rsp_i.aw_ready;
      w_wait_q   <= axi_req.w_valid && !axi_rsp_i.w_ready;
      rv_wait_q  <= axi_rsp_i.r_valid && !axi_req.r_ready;
      bv_wait_q  <= axi_rsp_i.b_valid && !axi_req.b_ready;
      rsp_wait_q <= rsp_valid && !rsp_ready_i;
      req_wait_q <= req_valid_i && !req_ready;
      inv_wait_q <= inv_valid_i && !inv_ready;
      r_wait_q   <= (r_wait_q && !r_fire) || ar_fire;
      b_wait_q   <= (b_wait_q && !b_fire) || ((aw_fire || aw_got_q) && (w_fire || w_got_q));
      aw_got_q   <= (aw_got_q || aw_fire) && !(w_fire || w_got_q);
      w_got_q    <= (w_got_q || w_fire) && !(aw_fire || aw_got_q);
      if (req_fire) begin
        busy_q  <= 1'b1;
        reads_q <= '0;
        bound_q <= bound_now;
      end else begin
        if (rsp_fire) busy_q <= 1'b0;
        if (ar_fire && reads_q != 8'hff) reads_q <= reads_q + 8'd1;
      end
      // the gap: busy, nothing in flight, no answer offered
      if (req_fire || r_fire || b_fire || in_flight || rsp_valid || !busy_q) gap_q <= '0;
      else if (gap_q != 4'hf) gap_q <= gap_q + 4'd1;
    end
    axi_q <= axi_req;
    slv_q <= axi_rsp_i;
    rsp_q <= rsp;
    req_q <= req_i;
    inv_q <= inv_i;
  end

  always_comb begin
    assume (rst_ni == !init_q);
    // the requester and the fence keep valid and payload until ready
    if (req_wait_q) assume (req_valid_i && req_i == req_q);
    if (inv_wait_q) assume (inv_valid_i && inv_i == inv_q);
    // modes: Bare, Sv39, Sv39x4 (any other MODE is Bare too)
    assume (req_i.vsatp[63:60] == 4'd0 || req_i.vsatp[63:60] == 4'd8);
    assume (req_i.hgatp[63:60] == 4'd0 || req_i.hgatp[63:60] == 4'd8);
    // the slave: responses only to what was asked, on the engine's ID 0,
    // single beats, held until ready
    assume (!axi_rsp_i.r_valid || (r_wait_q && axi_rsp_i.r_id == '0 && axi_rsp_i.r_last));
    assume (!axi_rsp_i.b_valid || (b_wait_q && axi_rsp_i.b_id == '0));
    if (rv_wait_q) assume (axi_rsp_i.r_valid && axi_rsp_i.r_data == slv_q.r_data &&
                           axi_rsp_i.r_resp == slv_q.r_resp);
    if (bv_wait_q) assume (axi_rsp_i.b_valid && axi_rsp_i.b_resp == slv_q.b_resp);

    if (!init_q) begin
      // AXI: valid held until ready, payload stable
      if (ar_wait_q) begin
        fv_ar_held:   assert (axi_req.ar_valid);
        fv_ar_stable: assert (axi_req.ar == axi_q.ar);
      end
      if (aw_wait_q) begin
        fv_aw_held:   assert (axi_req.aw_valid);
        fv_aw_stable: assert (axi_req.aw == axi_q.aw);
      end
      if (w_wait_q) begin
        fv_w_held:   assert (axi_req.w_valid);
        fv_w_stable: assert (axi_req.w_data == axi_q.w_data && axi_req.w_strb == axi_q.w_strb &&
                             axi_req.w_last == axi_q.w_last);
      end
      // one transaction at a time, single aligned 8-byte beats
      fv_one_read:  assert (!(axi_req.ar_valid && r_wait_q));
      fv_one_write: assert (!((axi_req.aw_valid || axi_req.w_valid) && b_wait_q));
      fv_no_mix:    assert (!(axi_req.ar_valid && (axi_req.aw_valid || axi_req.w_valid)));
      if (axi_req.ar_valid) begin
        fv_ar_beat: assert (axi_req.ar.len == '0 && axi_req.ar.size == 3'd3 &&
                            axi_req.ar.addr[2:0] == '0 && axi_req.ar.id == '0);
      end
      if (axi_req.aw_valid) begin
        fv_aw_beat: assert (axi_req.aw.len == '0 && axi_req.aw.size == 3'd3 &&
                            axi_req.aw.addr[2:0] == '0 && axi_req.aw.id == '0);
      end
      // the walk bound
      fv_reads:   assert (reads_q <= bound_q || !busy_q);
      fv_no_gap:  assert (gap_q <= 4'(FvGap));
      fv_rsp_busy: assert (!rsp_valid || busy_q);
      // the answer is held until taken
      if (rsp_wait_q) begin
        fv_rsp_held:   assert (rsp_valid);
        fv_rsp_stable: assert (rsp == rsp_q);
      end
`ifdef FV_REACH
      // must fail: a translation answered without a fault after a walk
      fv_reach: assert (!(rsp_fire && reads_q != '0 && rsp.exc == '0));
`endif
    end
  end

endmodule
