// Test top of the walker (Verilated): hva_walker with its struct ports
// flattened to plain signals, so the C++ shim stays a copy loop.
//
// IN_REG 1 (the optimized replay build, sim/walker/README.md "Speed"): the
// ports are registered on the rising edge and the walker sees the registers,
// so the shim applies a cycle's inputs and gives the edge that ends the cycle
// before in one evaluation: Verilator then settles the walker's logic once
// per cycle (after the edge), not three times (input region twice, after the
// edge once). The walker sees the same inputs at the same edges; the shim
// holds reset over the first edge, which the registers' reset value would
// otherwise feed in.
//
// quiet_o: with the inputs held as they are, the next rising edge changes no
// flip-flop and no memory of the walker (so the harness may skip the cycle
// and keep the outputs: walker_harness.c). It holds when every engine waits
// (idle without a request to load, or waits for its R or B that does not
// come this cycle), no request or fence is taken, the hit registers, the fence counter
// and the AXI grant registers keep their values and no cache is filled:
// walker_walk changes no register in SIdle without take_i, nor in SMemR /
// SMemB without r_valid_i / b_valid_i (its tlb_fill_q is 0 outside SResp).
// Read through hierarchical names (simulation only; hva_walker is unchanged).
// WALKER_SKIP=check proves it at run time: the cycle is evaluated and the
// whole Verilated model must come out bit for bit unchanged.
module walker_tb import walker_pkg::*; #(
  parameter int unsigned TLB_ENTRIES   = 16,
  parameter int unsigned TLB_WAYS      = 4,
  parameter int unsigned GTLB_ENTRIES  = 16,
  parameter int unsigned GTLB_WAYS     = 4,
  parameter int unsigned PWC_ENTRIES   = 8,
  parameter bit          TLB_EN        = 1'b1,
  parameter bit          GTLB_EN       = 1'b1,
  parameter bit          PWC_EN        = 1'b1,
  parameter int unsigned MAX_PTE_READS = 255,
  parameter int unsigned MAX_INFLIGHT  = 2,
  parameter int unsigned IN_REG        = 0   // 1: ports registered (above)
) (
  input  logic        clk_i,
  /* verilator lint_off SYNCASYNCNET */  // the asynchronous reset, also the assertions' disable iff
  input  logic        rst_ni,
  /* verilator lint_on SYNCASYNCNET */
  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [63:0] req_vsatp_i,
  input  logic [63:0] req_hgatp_i,
  input  logic [6:0]  req_flags_i,   // {ad_update, hlvx, mxr, vmxr, sum, user, virt}
  input  logic [1:0]  req_access_i,
  input  logic [63:0] req_addr_i,
  input  logic [7:0]  req_id_i,
  output logic        rsp_valid_o,
  input  logic        rsp_ready_i,
  output logic [7:0]  rsp_id_o,
  output logic [5:0]  rsp_exc_o,
  output logic [63:0] rsp_hpa_o,
  output logic [63:0] rsp_gpa_o,
  output logic [63:0] rsp_tval_o,
  output logic [63:0] rsp_htval_o,
  output logic [3:0]  rsp_flags_o,   // {pwc_hit, gtlb_hit, tlb_hit, implicit}
  output logic [3:0]  rsp_vs_perm_o,
  output logic [3:0]  rsp_g_perm_o,
  output logic [5:0]  rsp_page_size_log2_o,
  output logic [7:0]  rsp_pte_reads_o,
  input  logic        inv_valid_i,
  output logic        inv_ready_o,
  input  logic [3:0]  inv_flags_i,   // {use_addr, use_asid, all_vmid, kind}
  input  logic [13:0] inv_vmid_i,
  input  logic [15:0] inv_asid_i,
  input  logic [63:0] inv_addr_i,
  output logic        ar_valid_o,
  input  logic        ar_ready_i,
  output logic [63:0] ar_addr_o,
  output logic [13:0] ar_attr_o,     // {lock, size[2:0], len[7:0], burst[1:0]}
  output logic [4:0]  ar_id_o,
  output logic [4:0]  aw_id_o,
  input  logic [4:0]  r_id_i,
  input  logic [4:0]  b_id_i,
  input  logic        r_valid_i,
  output logic        r_ready_o,
  input  logic [63:0] r_data_i,
  input  logic [1:0]  r_resp_i,
  output logic        aw_valid_o,
  input  logic        aw_ready_i,
  output logic [63:0] aw_addr_o,
  output logic [13:0] aw_attr_o,
  output logic        w_valid_o,
  input  logic        w_ready_i,
  output logic [63:0] w_data_o,
  output logic [8:0]  w_strb_last_o, // {last, strb[7:0]}
  input  logic        b_valid_i,
  output logic        b_ready_o,
  input  logic [1:0]  b_resp_i,
  output logic [7:0]  perf_o,        // perf_evt_t, busy in bit 0
  output logic        quiet_o,
  output logic        in_reg_o       // IN_REG (the shim checks it)
);
  // ---- the ports as the walker sees them: wires, or registered (IN_REG) ----
  localparam int unsigned InW = 1 + 64 + 64 + 7 + 2 + 64 + 8 + 1 + 1 + 4 + 14 + 16 + 64 +
                                1 + 1 + 64 + 2 + 1 + 1 + 1 + 2 + 5 + 5;
  logic [InW-1:0] in_d, in_q;
  logic        req_valid, rsp_ready, inv_valid, ar_ready, r_valid, aw_ready, w_ready, b_valid;
  logic [63:0] req_vsatp, req_hgatp, req_addr, inv_addr, r_data;
  logic [6:0]  req_flags;
  logic [1:0]  req_access, r_resp, b_resp;
  logic [7:0]  req_id;
  logic [3:0]  inv_flags;
  logic [13:0] inv_vmid;
  logic [15:0] inv_asid;
  logic [4:0]  r_id, b_id;
  assign in_d = {req_valid_i, req_vsatp_i, req_hgatp_i, req_flags_i, req_access_i, req_addr_i,
                 req_id_i, rsp_ready_i, inv_valid_i, inv_flags_i, inv_vmid_i, inv_asid_i,
                 inv_addr_i, ar_ready_i, r_valid_i, r_data_i, r_resp_i, aw_ready_i, w_ready_i,
                 b_valid_i, b_resp_i, r_id_i, b_id_i};
  if (IN_REG != 0) begin : g_in_reg
    always_ff @(posedge clk_i) in_q <= in_d;
  end else begin : g_in_wire
    assign in_q = in_d;
  end
  assign {req_valid, req_vsatp, req_hgatp, req_flags, req_access, req_addr, req_id, rsp_ready,
          inv_valid, inv_flags, inv_vmid, inv_asid, inv_addr, ar_ready, r_valid, r_data, r_resp,
          aw_ready, w_ready, b_valid, b_resp, r_id, b_id} = in_q;
  assign in_reg_o = IN_REG != 0;

  xlate_req_t req;
  xlate_rsp_t rsp;
  inv_req_t   inv;
  axi_req_t   axi_req;
  axi_rsp_t   axi_rsp;
  perf_evt_t  perf;

  always_comb begin
    req = '0;
    req.vsatp = req_vsatp;
    req.hgatp = req_hgatp;
    {req.ad_update, req.hlvx, req.mxr, req.vmxr, req.sum, req.user, req.virt} = req_flags;
    req.access = access_e'(req_access);
    req.addr = req_addr;
    req.id = req_id;
    inv = '0;
    {inv.use_addr, inv.use_asid, inv.all_vmid} = inv_flags[3:1];
    inv.kind = inv_kind_e'(inv_flags[0]);
    inv.vmid = inv_vmid;
    inv.asid = inv_asid;
    inv.addr = inv_addr;
    axi_rsp = '0;
    axi_rsp.ar_ready = ar_ready;
    axi_rsp.r_valid = r_valid;
    axi_rsp.r_data = r_data;
    axi_rsp.r_resp = r_resp;
    axi_rsp.r_id = r_id;
    axi_rsp.b_id = b_id;
    axi_rsp.r_last = 1'b1;
    axi_rsp.aw_ready = aw_ready;
    axi_rsp.w_ready = w_ready;
    axi_rsp.b_valid = b_valid;
    axi_rsp.b_resp = b_resp;
  end

  hva_walker #(
    .TLB_ENTRIES(TLB_ENTRIES), .TLB_WAYS(TLB_WAYS), .GTLB_ENTRIES(GTLB_ENTRIES),
    .GTLB_WAYS(GTLB_WAYS), .PWC_ENTRIES(PWC_ENTRIES), .TLB_EN(TLB_EN), .GTLB_EN(GTLB_EN),
    .PWC_EN(PWC_EN), .MAX_PTE_READS(MAX_PTE_READS), .MAX_INFLIGHT(MAX_INFLIGHT)
  ) u_walker (
    .clk_i, .rst_ni,
    .req_valid_i(req_valid), .req_ready_o, .req_i(req),
    .rsp_valid_o, .rsp_ready_i(rsp_ready), .rsp_o(rsp),
    .inv_valid_i(inv_valid), .inv_ready_o, .inv_i(inv),
    .axi_req_o(axi_req), .axi_rsp_i(axi_rsp),
    .perf_o(perf)
  );

  assign rsp_id_o = rsp.id;
  assign rsp_exc_o = rsp.exc;
  assign rsp_hpa_o = rsp.hpa;
  assign rsp_gpa_o = rsp.gpa;
  assign rsp_tval_o = rsp.tval;
  assign rsp_htval_o = rsp.htval;
  assign rsp_flags_o = {rsp.pwc_hit, rsp.gtlb_hit, rsp.tlb_hit, rsp.implicit};
  assign rsp_vs_perm_o = rsp.vs_perm;
  assign rsp_g_perm_o = rsp.g_perm;
  assign rsp_page_size_log2_o = rsp.page_size_log2;
  assign rsp_pte_reads_o = rsp.pte_reads;
  assign ar_valid_o = axi_req.ar_valid;
  assign ar_addr_o = axi_req.ar.addr;
  assign ar_attr_o = {axi_req.ar.lock, axi_req.ar.size, axi_req.ar.len, axi_req.ar.burst};
  assign ar_id_o = axi_req.ar.id;
  assign aw_id_o = axi_req.aw.id;
  assign r_ready_o = axi_req.r_ready;
  assign aw_valid_o = axi_req.aw_valid;
  assign aw_addr_o = axi_req.aw.addr;
  assign aw_attr_o = {axi_req.aw.lock, axi_req.aw.size, axi_req.aw.len, axi_req.aw.burst};
  assign w_valid_o = axi_req.w_valid;
  assign w_data_o = axi_req.w_data;
  assign w_strb_last_o = {axi_req.w_last, axi_req.w_strb};
  assign b_ready_o = axi_req.b_ready;
  assign perf_o = perf;

  // ---- quiet_o (above) ----
  always_comb begin
    logic eng_quiet;
    quiet_o = !u_walker.req_fire && !u_walker.inv_sweep_q && !u_walker.inv_sweep_d &&
              u_walker.inv_cnt_q == '0 &&
              u_walker.hit_d == u_walker.hit_q && u_walker.hit_rsp_d == u_walker.hit_rsp_q &&
              u_walker.ar_hold_d == u_walker.ar_hold_q && u_walker.ar_sel == u_walker.ar_sel_q &&
              u_walker.w_hold_d == u_walker.w_hold_q && u_walker.w_sel == u_walker.w_sel_q &&
              !u_walker.tlb_fill && !u_walker.gtlb_fill && !u_walker.pwc_fill;
    for (int unsigned e = 0; e < MAX_INFLIGHT; e++) begin
      eng_quiet = (u_walker.eng_idle[e] && !u_walker.eng_take[e]) ||
                  (u_walker.e_r_ready[e] && !u_walker.e_r_valid[e]) ||
                  (u_walker.e_b_ready[e] && !u_walker.e_b_valid[e]);
      quiet_o = quiet_o && eng_quiet;
    end
  end

  // cache/prot attributes are constants of the walker: not checked here
  logic unused;
  assign unused = ^{axi_req.ar.cache, axi_req.ar.prot, axi_req.aw.cache, axi_req.aw.prot};
endmodule
