// HVA page-table walker: two-stage (VS-stage over G-stage) translation, as
// the C golden model hypervisor/lib/xlate does it, with three caches, each a
// walker_cache (set-associative, payloads in LUTRAM, one comparator per way
// and lookup port):
//   walker_tlb   combined GVA->HPA leaves (VMID/ASID/global tagged)
//   walker_gtlb  G-stage leaves (VMID tagged), for implicit and final accesses
//   walker_pwc   non-leaf PTEs of both stages
// and MAX_INFLIGHT walk engines (walker_walk), each with its own G-TLB and
// PWC lookup ports and its own AXI ID, so that many translations walk at once.
//
// The combined TLB is looked up as a request is taken: a hit answers in the
// next cycle from a register of its own (one hit per cycle, also while walks
// are in flight); a miss goes to a free engine, which looks up the VS PWC in
// the same cycle. A TLB answer is only taken when the walk would give the
// same (privilege re-checked, D set for writes, MXR of implicit reads).
// Answers leave as they are ready (the id tells them apart): engines first,
// lowest first, then the TLB's.
//
// Memory: one AXI4 master; each engine has one transaction at a time on ID
// = its number; AR and AW/W are arbitrated (a grant held until its handshake,
// AW/W until both), R and B go back by ID. Fills are arbitrated too (the
// lowest engine's; the others' dropped: a cache may forget).
// A fence waits until no engine is busy, then is held on inv_valid_i while the
// walker sweeps the caches' sets, one per cycle from the next (inv_ready_o in
// the last); requests wait while a fence is offered.
module hva_walker #(
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
  parameter int unsigned AXI_ID_W      = 4,
  // 1: ready only while no translation is in the walker (hva_top, whose
  // hva_req_arb offers one at a time anyway): ready then does not wait for
  // the combined-TLB lookup, a long path (issue 9: logic depth)
  parameter bit          SERIAL_REQ    = 1'b0
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic                   req_valid_i,
  output logic                   req_ready_o,
  input  walker_pkg::xlate_req_t req_i,
  output logic                   rsp_valid_o,
  input  logic                   rsp_ready_i,
  output walker_pkg::xlate_rsp_t rsp_o,
  input  logic                   inv_valid_i,
  output logic                   inv_ready_o,
  input  walker_pkg::inv_req_t   inv_i,
  output walker_pkg::axi_req_t   axi_req_o,
  /* verilator lint_off UNUSEDSIGNAL */  // single beats: RLAST unused; IDs above the engines' too
  input  walker_pkg::axi_rsp_t   axi_rsp_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output walker_pkg::perf_evt_t  perf_o
);
  localparam int unsigned VpnW     = walker_pkg::VpnW;
  localparam int unsigned LvlW     = walker_pkg::LvlW;
  localparam int unsigned IdW      = walker_pkg::AxiIdW;
  localparam int unsigned N        = MAX_INFLIGHT;
  localparam int unsigned EngW     = N > 1 ? $clog2(N) : 1;
  localparam int unsigned TlbWayW  = TLB_WAYS > 1 ? $clog2(TLB_WAYS) : 1;
  localparam int unsigned GtlbWayW = GTLB_WAYS > 1 ? $clog2(GTLB_WAYS) : 1;
  // a fence sweeps the sets of the largest cache (the PWC has two)
  localparam int unsigned TlbSets  = TLB_ENTRIES / TLB_WAYS;
  localparam int unsigned GtlbSets = GTLB_ENTRIES / GTLB_WAYS;
  localparam int unsigned InvSets0 = TlbSets > GtlbSets ? TlbSets : GtlbSets;
  localparam int unsigned InvSets  = InvSets0 > 2 ? InvSets0 : 2;

  if (AXI_ID_W != walker_pkg::MstIdW) begin : g_bad_id_w
    $error("AXI_ID_W must equal MstIdW");
  end
  if (N < 1 || N > 4) begin : g_bad_inflight
    $error("MAX_INFLIGHT must be 1..4 (4 LUTRAM read ports per cache)");
  end
  if (InvSets > 256) begin : g_bad_sets
    $error("at most 256 sets per cache");
  end

  // cache entries as signals (their widths size the flat per-engine vectors)
  /* verilator lint_off UNUSEDSIGNAL */  // a lookup answer is used field by field
  walker_pkg::tlb_entry_t  tlb_entry;
  /* verilator lint_on UNUSEDSIGNAL */
  walker_pkg::tlb_entry_t  tlb_fill_entry;
  walker_pkg::gtlb_entry_t gtlb_fill_entry;
  walker_pkg::pwc_entry_t  pwc_fill_entry;
  walker_pkg::xlate_rsp_t  hit_rsp_q, hit_rsp_d;
  localparam int unsigned TlbEntW  = $bits(tlb_entry);
  localparam int unsigned GtlbEntW = $bits(gtlb_fill_entry);
  localparam int unsigned PwcEntW  = $bits(pwc_fill_entry);
  localparam int unsigned RspW     = $bits(hit_rsp_q);

  // page offset mask and page size of a level, VA / GPA range (as walker_walk)
  function automatic logic [63:0] size_mask(logic [LvlW-1:0] level);
    unique case (level)
      3'd0:    size_mask = 64'h0000_0000_0000_0fff;
      3'd1:    size_mask = 64'h0000_0000_001f_ffff;
      3'd2:    size_mask = 64'h0000_0000_3fff_ffff;
      3'd3:    size_mask = 64'h0000_007f_ffff_ffff;
      default: size_mask = 64'h0000_ffff_ffff_ffff;
    endcase
  endfunction
  function automatic logic [5:0] page_log2(logic [LvlW-1:0] level);
    unique case (level)
      3'd0:    page_log2 = 6'd12;
      3'd1:    page_log2 = 6'd21;
      3'd2:    page_log2 = 6'd30;
      3'd3:    page_log2 = 6'd39;
      default: page_log2 = 6'd48;
    endcase
  endfunction
  function automatic logic va_ok(logic [63:0] va, logic [2:0] lv);
    logic [63:0] ext;
    unique case (lv)
      3'd5:    ext = {{7{va[56]}}, va[56:0]};
      3'd4:    ext = {{16{va[47]}}, va[47:0]};
      default: ext = {{25{va[38]}}, va[38:0]};
    endcase
    va_ok = ext == va;
  endfunction
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic gpa_ok(logic [63:0] gpa, logic [2:0] lv);
    unique case (lv)
      3'd5:    gpa_ok = gpa[63:59] == '0;
      3'd4:    gpa_ok = gpa[63:50] == '0;
      default: gpa_ok = gpa[63:41] == '0;
    endcase
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // the lowest set bit (one-hot; a priority chain, not x & -x: no carry
  // chain) and its index
  function automatic logic [N-1:0] first_of(logic [N-1:0] x);
    logic [N-1:0] r;
    logic         seen;
    seen = 1'b0;
    for (int unsigned e = 0; e < N; e++) begin
      r[e] = x[e] && !seen;
      seen = seen || x[e];
    end
    first_of = r;
  endfunction
  function automatic logic [EngW-1:0] index_of(logic [N-1:0] onehot);
    index_of = '0;
    for (int unsigned e = 0; e < N; e++) if (onehot[e]) index_of = EngW'(e);
  endfunction

  // ---- the request being taken: combined-TLB lookup ----------------------------
  logic [13:0]     i_vmid;
  logic [15:0]     i_asid;
  logic [2:0]      i_vs_lv, i_g_lv;
  assign i_vmid  = req_i.hgatp[57:44];
  assign i_asid  = req_i.vsatp[59:44];
  assign i_vs_lv = req_i.virt ? walker_pkg::mode_levels(req_i.vsatp[63:60]) : 3'd0;
  assign i_g_lv  = walker_pkg::mode_levels(req_i.hgatp[63:60]);

  logic                tlb_hit, tlb_fill, tlb_fill_global, tlb_fill_hint;
  logic [TlbWayW-1:0]  tlb_hit_way, tlb_fill_hint_way;
  logic                gtlb_fill, gtlb_fill_hint;
  logic [GtlbWayW-1:0] gtlb_fill_hint_way;
  logic                pwc_fill;
  logic [7:0]          inv_cnt_q, inv_cnt_d;
  logic                inv_sweep_q, inv_sweep_d, inv_last, req_fire, all_idle;

  walker_tlb #(.ENTRIES(TLB_ENTRIES), .WAYS(TLB_WAYS), .EN(TLB_EN)) u_tlb (
    .clk_i, .rst_ni,
    .lk_en_i(req_valid_i), .lk_vmid_i(i_vmid), .lk_asid_i(i_asid), .lk_vs_lv_i(i_vs_lv), .lk_g_lv_i(i_g_lv),
    .lk_vpn_i(req_i.addr[12 +: VpnW]),
    .lk_acc_i(req_i.access), .lk_user_i(req_i.user), .lk_sum_i(req_i.sum), .lk_mxr_i(req_i.mxr),
    .lk_vmxr_i(req_i.vmxr), .lk_hlvx_i(req_i.hlvx),
    .hit_o(tlb_hit), .use_o(tlb_hit_ok), .hit_way_o(tlb_hit_way), .hit_entry_o(tlb_entry),
    .fill_i(tlb_fill), .fill_global_i(tlb_fill_global), .fill_hint_i(tlb_fill_hint),
    .fill_hint_way_i(tlb_fill_hint_way), .fill_entry_i(tlb_fill_entry),
    .inv_i(inv_sweep_q), .inv_set_i(inv_cnt_q), .inv_req_i(inv_i)
  );

  // A combined-TLB answer: tag match, the address in range (the tag keeps
  // only bits 58:12), and a walk would neither fault nor update A/D.
  // (walker_tlb re-checks each way's permissions, D and MXR bits beside its
  // compare: tlb_hit_ok, the first hit allows the request; a hit matched
  // both modes, so a Bare stage is Bare in the entry too)
  logic tlb_use, tlb_hit_ok;
  always_comb begin
    logic range_ok;
    range_ok = i_vs_lv != 3'd0 ? va_ok(req_i.addr, i_vs_lv) : gpa_ok(req_i.addr, i_g_lv);
    tlb_use = req_i.virt && (i_vs_lv != 3'd0 || i_g_lv != 3'd0) && tlb_hit_ok && range_ok;
  end

  // ---- the engines ---------------------------------------------------------------
  logic [N-1:0]          eng_free, eng_idle, eng_take, eng_start;
  logic [N*14-1:0]       gtlb_vmid, pwc_vmid;
  logic [N*3-1:0]        gtlb_g_lv, pwc_lv;
  logic [N*VpnW-1:0]     gtlb_vpn, pwc_vpn;
  logic [N-1:0]          gtlb_hit, pwc_hit, pwc_stage, pwc_mxr, gtlb_lk, pwc_lk;
  logic [N*2-1:0]        gtlb_acc;
  logic [N-1:0]          gtlb_mxr, gtlb_hlvx, gtlb_use;
  logic [N*16-1:0]       pwc_asid;
  logic [N*GtlbWayW-1:0] gtlb_hit_way;
  logic [N*GtlbEntW-1:0] gtlb_entry;
  logic [N*PwcEntW-1:0]  pwc_entry;
  logic [N-1:0]          e_tlb_fill, e_tlb_global, e_tlb_hint, e_gtlb_fill, e_gtlb_hint, e_pwc_fill;
  logic [N*TlbWayW-1:0]  e_tlb_hint_way;
  logic [N*GtlbWayW-1:0] e_gtlb_hint_way;
  logic [N*TlbEntW-1:0]  e_tlb_entry;
  logic [N*GtlbEntW-1:0] e_gtlb_entry;
  logic [N*PwcEntW-1:0]  e_pwc_entry;
  logic [N-1:0]          e_ar_valid, e_ar_lock, e_ar_ready, e_r_valid, e_r_ready;
  logic [N-1:0]          e_aw_valid, e_aw_ready, e_w_valid, e_w_ready, e_b_valid, e_b_ready;
  logic [N*64-1:0]       e_ar_addr, e_aw_addr, e_w_data;
  logic [N-1:0]          e_rsp_valid, e_rsp_ready;
  logic [N*RspW-1:0]     e_rsp;
  logic [N-1:0]          e_perf_gtlb, e_perf_pwc, e_perf_read, e_perf_ad;

  for (genvar e = 0; e < N; e++) begin : g_eng
    walker_walk #(.MAX_PTE_READS(MAX_PTE_READS), .TlbWayW(TlbWayW), .GtlbWayW(GtlbWayW)) u_walk (
      .clk_i, .rst_ni,
      .req_i, .req_valid_i, .take_i(eng_take[e]), .start_i(eng_start[e]),
      .tlb_hint_i(tlb_hit), .tlb_hint_way_i(tlb_hit_way),
      .free_o(eng_free[e]), .idle_o(eng_idle[e]),
      .gtlb_lk_o(gtlb_lk[e]), .gtlb_vmid_o(gtlb_vmid[e*14 +: 14]), .gtlb_g_lv_o(gtlb_g_lv[e*3 +: 3]),
      .gtlb_vpn_o(gtlb_vpn[e*VpnW +: VpnW]), .gtlb_hit_i(gtlb_hit[e]),
      .gtlb_acc_o(gtlb_acc[e*2 +: 2]), .gtlb_mxr_o(gtlb_mxr[e]), .gtlb_hlvx_o(gtlb_hlvx[e]),
      .gtlb_use_i(gtlb_use[e]),
      .gtlb_hit_way_i(gtlb_hit_way[e*GtlbWayW +: GtlbWayW]),
      .gtlb_entry_i(gtlb_entry[e*GtlbEntW +: GtlbEntW]),
      .pwc_lk_o(pwc_lk[e]), .pwc_stage_o(pwc_stage[e]), .pwc_vmid_o(pwc_vmid[e*14 +: 14]), .pwc_asid_o(pwc_asid[e*16 +: 16]),
      .pwc_lv_o(pwc_lv[e*3 +: 3]), .pwc_vpn_o(pwc_vpn[e*VpnW +: VpnW]), .pwc_mxr_o(pwc_mxr[e]),
      .pwc_hit_i(pwc_hit[e]), .pwc_entry_i(pwc_entry[e*PwcEntW +: PwcEntW]),
      .tlb_fill_o(e_tlb_fill[e]), .tlb_fill_global_o(e_tlb_global[e]), .tlb_fill_hint_o(e_tlb_hint[e]),
      .tlb_fill_hint_way_o(e_tlb_hint_way[e*TlbWayW +: TlbWayW]),
      .tlb_fill_entry_o(e_tlb_entry[e*TlbEntW +: TlbEntW]),
      .gtlb_fill_o(e_gtlb_fill[e]), .gtlb_fill_hint_o(e_gtlb_hint[e]),
      .gtlb_fill_hint_way_o(e_gtlb_hint_way[e*GtlbWayW +: GtlbWayW]),
      .gtlb_fill_entry_o(e_gtlb_entry[e*GtlbEntW +: GtlbEntW]),
      .pwc_fill_o(e_pwc_fill[e]), .pwc_fill_entry_o(e_pwc_entry[e*PwcEntW +: PwcEntW]),
      .ar_valid_o(e_ar_valid[e]), .ar_addr_o(e_ar_addr[e*64 +: 64]), .ar_lock_o(e_ar_lock[e]),
      .ar_ready_i(e_ar_ready[e]),
      .r_valid_i(e_r_valid[e]), .r_data_i(axi_rsp_i.r_data), .r_resp_i(axi_rsp_i.r_resp),
      .r_ready_o(e_r_ready[e]),
      .aw_valid_o(e_aw_valid[e]), .aw_addr_o(e_aw_addr[e*64 +: 64]), .aw_ready_i(e_aw_ready[e]),
      .w_valid_o(e_w_valid[e]), .w_data_o(e_w_data[e*64 +: 64]), .w_ready_i(e_w_ready[e]),
      .b_valid_i(e_b_valid[e]), .b_resp_i(axi_rsp_i.b_resp), .b_ready_o(e_b_ready[e]),
      .rsp_valid_o(e_rsp_valid[e]), .rsp_ready_i(e_rsp_ready[e]), .rsp_o(e_rsp[e*RspW +: RspW]),
      .perf_gtlb_hit_o(e_perf_gtlb[e]), .perf_pwc_hit_o(e_perf_pwc[e]),
      .perf_pte_read_o(e_perf_read[e]), .perf_ad_update_o(e_perf_ad[e])
    );
  end

  walker_gtlb #(.ENTRIES(GTLB_ENTRIES), .WAYS(GTLB_WAYS), .EN(GTLB_EN), .PORTS(N),
                .ENT_W(GtlbEntW)) u_gtlb (
    .clk_i, .rst_ni,
    .lk_en_i(gtlb_lk), .lk_vmid_i(gtlb_vmid), .lk_g_lv_i(gtlb_g_lv), .lk_vpn_i(gtlb_vpn),
    .lk_acc_i(gtlb_acc), .lk_mxr_i(gtlb_mxr), .lk_hlvx_i(gtlb_hlvx),
    .hit_o(gtlb_hit), .use_o(gtlb_use), .hit_way_o(gtlb_hit_way), .hit_entry_o(gtlb_entry),
    .fill_i(gtlb_fill), .fill_hint_i(gtlb_fill_hint), .fill_hint_way_i(gtlb_fill_hint_way),
    .fill_entry_i(gtlb_fill_entry),
    .inv_i(inv_sweep_q), .inv_set_i(inv_cnt_q), .inv_req_i(inv_i)
  );

  walker_pwc #(.ENTRIES(PWC_ENTRIES), .EN(PWC_EN), .PORTS(N), .ENT_W(PwcEntW)) u_pwc (
    .clk_i, .rst_ni,
    .lk_en_i(pwc_lk), .lk_stage_i(pwc_stage), .lk_vmid_i(pwc_vmid), .lk_asid_i(pwc_asid), .lk_lv_i(pwc_lv),
    .lk_vpn_i(pwc_vpn), .lk_mxr_i(pwc_mxr),
    .hit_o(pwc_hit), .hit_entry_o(pwc_entry),
    .fill_i(pwc_fill), .fill_entry_i(pwc_fill_entry),
    .inv_i(inv_sweep_q), .inv_set_i(inv_cnt_q), .inv_req_i(inv_i)
  );

  // ---- fills: the lowest engine's ----
  // A priority multiplexer on engine 0's offer, not an AND-OR that zeroes the
  // others: a fill's data only counts with its valid, and with one engine
  // (hva_top) these are wires (issue 9: the AND gates were ~300 LUTs).
  always_comb begin
    logic [N-1:0] ft, fg, fp;
    ft = first_of(e_tlb_fill);
    fg = first_of(e_gtlb_fill);
    fp = first_of(e_pwc_fill);
    tlb_fill = |e_tlb_fill;
    gtlb_fill = |e_gtlb_fill;
    pwc_fill = |e_pwc_fill;
    tlb_fill_global = e_tlb_global[0];
    tlb_fill_hint = e_tlb_hint[0];
    gtlb_fill_hint = e_gtlb_hint[0];
    tlb_fill_hint_way = e_tlb_hint_way[0 +: TlbWayW];
    gtlb_fill_hint_way = e_gtlb_hint_way[0 +: GtlbWayW];
    tlb_fill_entry = e_tlb_entry[0 +: TlbEntW];
    gtlb_fill_entry = e_gtlb_entry[0 +: GtlbEntW];
    pwc_fill_entry = e_pwc_entry[0 +: PwcEntW];
    for (int unsigned e = 1; e < N; e++) begin
      if (ft[e]) begin
        tlb_fill_global = e_tlb_global[e];
        tlb_fill_hint = e_tlb_hint[e];
        tlb_fill_hint_way = e_tlb_hint_way[e*TlbWayW +: TlbWayW];
        tlb_fill_entry = e_tlb_entry[e*TlbEntW +: TlbEntW];
      end
      if (fg[e]) begin
        gtlb_fill_hint = e_gtlb_hint[e];
        gtlb_fill_hint_way = e_gtlb_hint_way[e*GtlbWayW +: GtlbWayW];
        gtlb_fill_entry = e_gtlb_entry[e*GtlbEntW +: GtlbEntW];
      end
      if (fp[e]) pwc_fill_entry = e_pwc_entry[e*PwcEntW +: PwcEntW];
    end
  end

  // ---- requests and answers ----
  logic              hit_q, hit_d, hit_take, hit_free;
  logic [N-1:0]      rsp_first;
  walker_pkg::xlate_rsp_t eng_rsp;

  assign all_idle  = &eng_idle;
  assign rsp_first = first_of(e_rsp_valid);
  assign hit_take  = rsp_ready_i && hit_q && e_rsp_valid == '0;
  assign hit_free  = !hit_q || hit_take;
  // a fence goes first; a hit needs the hit register, a miss a free engine
  assign req_ready_o = !inv_valid_i && (SERIAL_REQ ? all_idle && !hit_q :
                                        tlb_use ? hit_free : eng_free != '0);
  assign req_fire    = req_valid_i && req_ready_o;
  // The engine a miss would go to loads the request whenever one is offered
  // that it could take (eng_take), whatever the TLB says; the lookup's answer
  // only decides whether it starts (eng_start: its state). So the TLB's long
  // compare drives a few state flip-flops, not the enable of the engine's
  // wide request registers (issue 9: logic depth). Loading them in vain is
  // harmless: an idle engine reads none of them.
  assign eng_take    = req_valid_i && !inv_valid_i && (!SERIAL_REQ || (all_idle && !hit_q)) ?
                       first_of(eng_free) : '0;
  assign eng_start   = tlb_use ? '0 : eng_take;
  assign e_rsp_ready = rsp_ready_i ? rsp_first : '0;

  // the first answering engine's (a priority multiplexer: wires with one engine)
  always_comb begin
    eng_rsp = e_rsp[0 +: RspW];
    for (int unsigned e = 1; e < N; e++)
      if (rsp_first[e]) eng_rsp = e_rsp[e*RspW +: RspW];
  end
  assign rsp_valid_o = e_rsp_valid != '0 || hit_q;
  assign rsp_o       = e_rsp_valid != '0 ? eng_rsp : hit_rsp_q;

  always_comb begin
    hit_d = hit_q && !hit_take;
    hit_rsp_d = hit_rsp_q;
    if (req_fire && tlb_use) hit_d = 1'b1;
    // (loaded whenever the register is free and a request is offered, hit
    // or not, as the engines' requests: tlb_use only drives hit_d)
    if (req_valid_i && hit_free) begin
      hit_rsp_d = '0;
      hit_rsp_d.id  = req_i.id;
      hit_rsp_d.hpa = ({8'd0, tlb_entry.ppn, 12'd0} & ~size_mask(tlb_entry.level)) |
                      (req_i.addr & size_mask(tlb_entry.level));
      hit_rsp_d.gpa = i_vs_lv == 3'd0 ? req_i.addr :
                      ({8'd0, tlb_entry.gpn, 12'd0} & ~size_mask(tlb_entry.level)) |
                      (req_i.addr & size_mask(tlb_entry.level));
      hit_rsp_d.vs_perm        = tlb_entry.vs_perm;
      hit_rsp_d.g_perm         = tlb_entry.g_perm;
      hit_rsp_d.page_size_log2 = page_log2(tlb_entry.level);
      hit_rsp_d.tlb_hit        = 1'b1;
    end
  end

  // ---- fences: when no engine is busy ----
  // The sweep starts the cycle after the fence found every engine idle: the
  // caches' port 0 (a fence's compare or a lookup) then switches on a
  // flip-flop, not on inv_valid_i and the engines' states (issue 9: logic
  // depth; a fence costs one cycle more). No engine starts meanwhile.
  assign inv_sweep_d = inv_valid_i && all_idle && !(inv_sweep_q && inv_last);
  assign inv_last    = inv_cnt_q == 8'(InvSets - 1);
  assign inv_cnt_d   = inv_sweep_q && !inv_last ? inv_cnt_q + 8'd1 : '0;
  assign inv_ready_o = inv_sweep_q && inv_last;

  // ---- AXI: AR and AW/W arbitrated (a grant held until done), R and B by ID ----
  logic            ar_hold_q, ar_hold_d, w_hold_q, w_hold_d;
  logic [EngW-1:0] ar_sel_q, ar_sel, w_sel_q, w_sel, r_sel, b_sel;
  assign ar_sel = ar_hold_q ? ar_sel_q : index_of(first_of(e_ar_valid));
  assign w_sel  = w_hold_q ? w_sel_q : index_of(first_of(e_aw_valid | e_w_valid));
  assign r_sel  = EngW'(axi_rsp_i.r_id);
  assign b_sel  = EngW'(axi_rsp_i.b_id);

  always_comb begin
    axi_req_o = '0;
    // single 8-byte INCR beats, ID = engine; cache: modifiable; prot: privileged, non-secure
    axi_req_o.ar.id    = IdW'(ar_sel);
    axi_req_o.ar.addr  = e_ar_addr[32'(ar_sel)*64 +: 64];
    axi_req_o.ar.size  = 3'd3;
    axi_req_o.ar.burst = 2'b01;
    axi_req_o.ar.lock  = e_ar_lock[ar_sel];
    axi_req_o.ar.cache = 4'b0010;
    axi_req_o.ar.prot  = 3'b011;
    axi_req_o.ar_valid = e_ar_valid[ar_sel];
    axi_req_o.aw.id    = IdW'(w_sel);
    axi_req_o.aw.addr  = e_aw_addr[32'(w_sel)*64 +: 64];
    axi_req_o.aw.size  = 3'd3;
    axi_req_o.aw.burst = 2'b01;
    axi_req_o.aw.lock  = 1'b1;
    axi_req_o.aw.cache = 4'b0010;
    axi_req_o.aw.prot  = 3'b011;
    axi_req_o.aw_valid = e_aw_valid[w_sel];
    axi_req_o.w_data   = e_w_data[32'(w_sel)*64 +: 64];
    axi_req_o.w_strb   = 8'hff;
    axi_req_o.w_last   = 1'b1;
    axi_req_o.w_valid  = e_w_valid[w_sel];
    // R and B only come for an engine that waits for them (a_r_owner,
    // a_b_owner): ready while any waits, not from the ID (no path R -> AR)
    axi_req_o.r_ready  = e_r_ready != '0;
    axi_req_o.b_ready  = e_b_ready != '0;
  end

  always_comb begin
    e_ar_ready = '0;
    e_aw_ready = '0;
    e_w_ready = '0;
    e_r_valid = '0;
    e_b_valid = '0;
    e_ar_ready[ar_sel] = axi_rsp_i.ar_ready;
    e_aw_ready[w_sel] = axi_rsp_i.aw_ready;
    e_w_ready[w_sel] = axi_rsp_i.w_ready;
    e_r_valid[r_sel] = axi_rsp_i.r_valid;
    e_b_valid[b_sel] = axi_rsp_i.b_valid;
    ar_hold_d = axi_req_o.ar_valid && !axi_rsp_i.ar_ready;
    w_hold_d = (axi_req_o.aw_valid && !axi_rsp_i.aw_ready) || (axi_req_o.w_valid && !axi_rsp_i.w_ready);
  end

  always_comb begin
    perf_o.req       = req_fire;
    perf_o.tlb_hit   = req_fire && tlb_use;
    perf_o.gtlb_hit  = e_perf_gtlb != '0;
    perf_o.pwc_hit   = e_perf_pwc != '0;
    perf_o.pte_read  = e_perf_read != '0;
    perf_o.ad_update = e_perf_ad != '0;
    perf_o.fault     = rsp_valid_o && rsp_ready_i && rsp_o.exc != '0;
    perf_o.busy      = !all_idle || hit_q;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      hit_q <= 1'b0;
      hit_rsp_q <= '0;
      inv_cnt_q <= '0;
      inv_sweep_q <= 1'b0;
      ar_hold_q <= 1'b0;
      ar_sel_q <= '0;
      w_hold_q <= 1'b0;
      w_sel_q <= '0;
    end else begin
      hit_q <= hit_d;
      hit_rsp_q <= hit_rsp_d;
      inv_cnt_q <= inv_cnt_d;
      inv_sweep_q <= inv_sweep_d;
      ar_hold_q <= ar_hold_d;
      ar_sel_q <= ar_sel;
      w_hold_q <= w_hold_d;
      w_sel_q <= w_sel;
    end
  end

  // ---- assertions (Verilator --assert; not read by synthesis) -----------------
`ifndef SYNTHESIS
`ifndef FORMAL   // Yosys reads no SVA sequences: formal/hva_walker_fv.sv proves these
  // AXI: a valid stays up, and its payload stable, until its ready
  a_ar_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    axi_req_o.ar_valid && !axi_rsp_i.ar_ready |=> axi_req_o.ar_valid && $stable(axi_req_o.ar));
  a_aw_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    axi_req_o.aw_valid && !axi_rsp_i.aw_ready |=> axi_req_o.aw_valid && $stable(axi_req_o.aw));
  a_w_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    axi_req_o.w_valid && !axi_rsp_i.w_ready |=>
      axi_req_o.w_valid && $stable(axi_req_o.w_data) && $stable(axi_req_o.w_strb));
  // responses only to the engine that waits for one
  a_r_owner: assert property (@(posedge clk_i) disable iff (!rst_ni)
    axi_rsp_i.r_valid |-> 32'(axi_rsp_i.r_id) < N && e_r_ready[r_sel]);
  a_b_owner: assert property (@(posedge clk_i) disable iff (!rst_ni)
    axi_rsp_i.b_valid |-> 32'(axi_rsp_i.b_id) < N && e_b_ready[b_sel]);
  // the answer is held until taken
  a_rsp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_o && !rsp_ready_i |=> rsp_valid_o && $stable(rsp_o));
  // a fence is not taken with a request, nor while an engine is busy
  a_inv_idle: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !(inv_ready_o && inv_valid_i && (req_fire || !all_idle)));
  // ... and no engine starts while the caches sweep
  a_sweep_idle: assert property (@(posedge clk_i) disable iff (!rst_ni)
    inv_sweep_q |-> all_idle && !req_fire);
  // a TLB hit is answered from the hit register, the next cycle, without memory
  a_hit_one_cycle: assert property (@(posedge clk_i) disable iff (!rst_ni)
    req_fire && tlb_use |=> hit_q && hit_rsp_q.tlb_hit);
  a_one_start: assert property (@(posedge clk_i) disable iff (!rst_ni) $onehot0(eng_start));
`endif
`endif

endmodule
