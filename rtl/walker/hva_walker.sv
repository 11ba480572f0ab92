// HVA page-table walker: two-stage (VS-stage over G-stage) translation of one
// request at a time, exactly as the C golden model hypervisor/lib/xlate does
// it (its header lists the choices), with three caches in front:
//   walker_tlb   combined GVA->HPA leaves (VMID/ASID/global tagged)
//   walker_gtlb  G-stage leaves (VMID tagged), for implicit and final accesses
//   walker_pwc   non-leaf PTEs of both stages
// A cache answer is only taken when the walk would give the same: leaves are
// re-checked against the request's privilege bits, a write needs D already
// set, and an entry whose walk relied on sstatus.MXR for an implicit PTE read
// serves only MXR requests. Anything else walks.
//
// Memory: one AXI4 transaction at a time, single 64-bit beats. An A/D update
// is an exclusive pair: exclusive read (ARLOCK), compare with the PTE the walk
// used, exclusive write (AWLOCK) of the PTE with A (and D) set. A changed PTE
// or a failed exclusive write (BRESP OKAY) walks the stage again, at most
// MaxWalks times per stage translation, like the model's compare-and-swap.
// SLVERR/DECERR -> access fault. MAX_PTE_READS bounds PTE reads per request
// (a further guard besides MaxWalks; beyond it: access fault).
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
  parameter int unsigned AXI_ID_W      = 4
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
  /* verilator lint_off UNUSEDSIGNAL */  // one transaction at a time: IDs and RLAST unused
  input  walker_pkg::axi_rsp_t   axi_rsp_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output walker_pkg::perf_evt_t  perf_o
);
  // the package's names used here (Yosys 0.23 reads no package import)
  localparam int unsigned PpnW     = walker_pkg::PpnW;
  localparam int unsigned VpnW     = walker_pkg::VpnW;
  localparam int unsigned LvlW     = walker_pkg::LvlW;
  localparam int unsigned MaxWalks = walker_pkg::MaxWalks;
  localparam int unsigned PermR    = walker_pkg::PermR;
  typedef walker_pkg::access_e access_e;
  localparam access_e    AccRead    = walker_pkg::AccRead;
  localparam access_e    AccWrite   = walker_pkg::AccWrite;
  localparam logic [1:0] RespExOkay = walker_pkg::RespExOkay;

  if (AXI_ID_W != walker_pkg::AxiIdW) begin : g_bad_id_w
    $error("AXI_ID_W must equal AxiIdW");
  end
  if (MAX_PTE_READS < 1 || MAX_PTE_READS > 255) begin : g_bad_bound
    $error("MAX_PTE_READS must be 1..255");
  end

  typedef enum logic [4:0] {
    SIdle, SLookup,
    SVsWalk, SVsPte, SVsCheck, SVsCas, SVsCasDone, SFinal,
    SGStart, SGWalk, SGCheck, SGCas, SGCasDone, SGDone,
    SMemAr, SMemR, SMemAw, SMemB,
    SDone, SFault, SResp
  } state_e;

  // what a G-stage translation is for
  typedef enum logic [1:0] { GImplRead, GImplWrite, GFinal } g_purpose_e;
  typedef enum logic [1:0] { FaultPage, FaultGuest, FaultAccess } fault_e;
  typedef enum logic [1:0] { MemRead, MemExRead, MemExWrite } mem_kind_e;

  state_e          state_q, state_d;
  walker_pkg::xlate_req_t      req_q, req_d;
  // VS-stage walk
  logic [LvlW-1:0] vs_level_q, vs_level_d;
  logic [PpnW-1:0] vs_table_q, vs_table_d;      // GPA page of the table being read
  logic [2:0]      vs_walks_q, vs_walks_d;
  logic [63:0]     vs_pte_q, vs_pte_d;
  logic [63:0]     vs_pte_gpa_q, vs_pte_gpa_d;
  logic            vs_need_mxr_q, vs_need_mxr_d;  // an implicit PTE read relied on MXR
  logic [63:0]     vs_pa_q, vs_pa_d;              // the GPA of the access
  logic [LvlW-1:0] vs_leaf_level_q, vs_leaf_level_d;
  // G-stage translation
  g_purpose_e      g_purpose_q, g_purpose_d;
  logic [63:0]     g_addr_q, g_addr_d;            // GPA being translated
  logic [LvlW-1:0] g_level_q, g_level_d;
  logic [PpnW-1:0] g_table_q, g_table_d;
  logic [2:0]      g_walks_q, g_walks_d;
  logic [63:0]     g_pte_q, g_pte_d;
  logic [63:0]     g_pa_q, g_pa_d;                // its result
  logic [3:0]      g_perm_q, g_perm_d;
  logic [LvlW-1:0] g_leaf_level_q, g_leaf_level_d;
  logic            g_d_q, g_d_d;
  // memory operation
  mem_kind_e       mem_kind_q, mem_kind_d;
  logic [63:0]     mem_addr_q, mem_addr_d;
  logic [63:0]     mem_wdata_q, mem_wdata_d;
  state_e          mem_ret_q, mem_ret_d;
  logic [63:0]     mem_rdata_q, mem_rdata_d;
  logic [1:0]      mem_resp_q, mem_resp_d;
  logic            aw_done_q, aw_done_d, w_done_q, w_done_d;
  // result
  fault_e          fault_q, fault_d;
  logic [7:0]      pte_reads_q, pte_reads_d;
  logic            tlb_hit_q, tlb_hit_d, gtlb_hit_q, gtlb_hit_d, pwc_hit_q, pwc_hit_d;
  walker_pkg::xlate_rsp_t      rsp_q, rsp_d;

  // ---- request decode -----------------------------------------------------
  logic [13:0]     vmid;
  logic [15:0]     asid;
  logic [2:0]      vs_lv, g_lv;       // levels of each stage (0: Bare)
  logic [63:0]     addr;
  access_e         acc;

  assign vmid  = req_q.hgatp[57:44];
  assign asid  = req_q.vsatp[59:44];
  assign vs_lv = req_q.virt ? walker_pkg::mode_levels(req_q.vsatp[63:60]) : 3'd0;
  assign g_lv  = walker_pkg::mode_levels(req_q.hgatp[63:60]);
  assign addr  = req_q.addr;
  assign acc   = req_q.access;

  // Page offset mask, table index and page size of a level (0: 4 KiB ..
  // 4: 256 TiB). Cases, not shifts by 12 + 9 * level: Yosys would keep the
  // 32-bit product.
  function automatic logic [63:0] size_mask(logic [LvlW-1:0] level);
    unique case (level)
      3'd0:    size_mask = 64'h0000_0000_0000_0fff;
      3'd1:    size_mask = 64'h0000_0000_001f_ffff;
      3'd2:    size_mask = 64'h0000_0000_3fff_ffff;
      3'd3:    size_mask = 64'h0000_007f_ffff_ffff;
      default: size_mask = 64'h0000_ffff_ffff_ffff;
    endcase
  endfunction

  // 11 address bits from the level's index on (the x4 root's index is 11 bits)
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [10:0] table_index(logic [63:0] a, logic [LvlW-1:0] level);
    unique case (level)
      3'd0:    table_index = a[22:12];
      3'd1:    table_index = a[31:21];
      3'd2:    table_index = a[40:30];
      3'd3:    table_index = a[49:39];
      default: table_index = a[58:48];
    endcase
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  function automatic logic [5:0] page_log2(logic [LvlW-1:0] level);
    unique case (level)
      3'd0:    page_log2 = 6'd12;
      3'd1:    page_log2 = 6'd21;
      3'd2:    page_log2 = 6'd30;
      3'd3:    page_log2 = 6'd39;
      default: page_log2 = 6'd48;
    endcase
  endfunction

  // a VA must be the sign extension of its top bit (Sv39: bit 38, Sv48: bit
  // 47, Sv57: bit 56)
  function automatic logic va_ok(logic [63:0] va, logic [2:0] lv);
    logic [63:0] ext;
    unique case (lv)
      3'd5:    ext = {{7{va[56]}}, va[56:0]};
      3'd4:    ext = {{16{va[47]}}, va[47:0]};
      default: ext = {{25{va[38]}}, va[38:0]};
    endcase
    va_ok = ext == va;
  endfunction

  // The PTE helpers and range checks each read only some bits.
  /* verilator lint_off UNUSEDSIGNAL */
  // a GPA must fit the x4 mode (Sv39x4: 41 bits, Sv48x4: 50, Sv57x4: 59)
  function automatic logic gpa_ok(logic [63:0] gpa, logic [2:0] lv);
    unique case (lv)
      3'd5:    gpa_ok = gpa[63:59] == '0;
      3'd4:    gpa_ok = gpa[63:50] == '0;
      default: gpa_ok = gpa[63:41] == '0;
    endcase
  endfunction

  function automatic logic [5:0] exc_code(fault_e f, access_e a);
    unique case (f)   // read : write : execute
      FaultPage:  exc_code = a == AccRead ? 6'd13 : a == AccWrite ? 6'd15 : 6'd12;
      FaultGuest: exc_code = a == AccRead ? 6'd21 : a == AccWrite ? 6'd23 : 6'd20;
      default:    exc_code = a == AccRead ? 6'd5  : a == AccWrite ? 6'd7  : 6'd1;
    endcase
  endfunction

  // PTE checks shared by both stages (xlate.c walk_once)
  function automatic logic pte_invalid(logic [63:0] pte);
    pte_invalid = !pte[0] || pte[63:54] != '0 || (pte[2] && !pte[1]);
  endfunction
  function automatic logic pte_leaf(logic [63:0] pte);
    pte_leaf = pte[1] || pte[3];
  endfunction
  function automatic logic [3:0] pte_perm(logic [63:0] pte);
    pte_perm = pte[4:1];
  endfunction
  function automatic logic [PpnW-1:0] pte_ppn(logic [63:0] pte);
    pte_ppn = pte[53:10];
  endfunction
  function automatic logic misaligned(logic [63:0] pte, logic [LvlW-1:0] level);
    misaligned = (pte_ppn(pte) & PpnW'(size_mask(level) >> 12)) != '0;
  endfunction
  function automatic logic [63:0] leaf_pa(logic [63:0] pte, logic [LvlW-1:0] level, logic [63:0] va);
    leaf_pa = ({8'd0, pte_ppn(pte), 12'd0} & ~size_mask(level)) | (va & size_mask(level));
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // ---- the G-stage request of the current purpose -------------------------
  access_e g_acc;
  logic    g_hlvx;
  assign g_acc  = g_purpose_q == GFinal ? acc : g_purpose_q == GImplWrite ? AccWrite : AccRead;
  assign g_hlvx = g_purpose_q == GFinal && req_q.hlvx;

  // ---- caches ---------------------------------------------------------------
  // a lookup answer is used field by field; tag fields are not needed here
  /* verilator lint_off UNUSEDSIGNAL */
  logic        tlb_hit, tlb_fill;
  walker_pkg::tlb_entry_t  tlb_entry, tlb_fill_entry;
  logic        gtlb_hit, gtlb_fill;
  walker_pkg::gtlb_entry_t gtlb_entry, gtlb_fill_entry;
  logic        pwc_hit, pwc_fill, pwc_lk_stage;
  logic [VpnW-1:0] pwc_lk_vpn;
  walker_pkg::pwc_entry_t  pwc_entry, pwc_fill_entry;
  /* verilator lint_on UNUSEDSIGNAL */
  logic        inv_fire;

  assign inv_fire = inv_valid_i && inv_ready_o;

  walker_tlb #(.ENTRIES(TLB_ENTRIES), .WAYS(TLB_WAYS), .EN(TLB_EN)) u_tlb (
    .clk_i, .rst_ni,
    .lk_vmid_i(vmid), .lk_asid_i(asid), .lk_vs_lv_i(vs_lv), .lk_g_lv_i(g_lv),
    .lk_vpn_i(addr[12 +: VpnW]),
    .hit_o(tlb_hit), .hit_entry_o(tlb_entry),
    .fill_i(tlb_fill), .fill_entry_i(tlb_fill_entry),
    .inv_i(inv_fire), .inv_req_i(inv_i)
  );

  walker_gtlb #(.ENTRIES(GTLB_ENTRIES), .WAYS(GTLB_WAYS), .EN(GTLB_EN)) u_gtlb (
    .clk_i, .rst_ni,
    .lk_vmid_i(vmid), .lk_g_lv_i(g_lv), .lk_vpn_i(g_addr_q[12 +: VpnW]),
    .hit_o(gtlb_hit), .hit_entry_o(gtlb_entry),
    .fill_i(gtlb_fill), .fill_entry_i(gtlb_fill_entry),
    .inv_i(inv_fire), .inv_req_i(inv_i)
  );

  assign pwc_lk_stage = state_q == SGWalk;
  assign pwc_lk_vpn   = pwc_lk_stage ? g_addr_q[12 +: VpnW] : addr[12 +: VpnW];

  walker_pwc #(.ENTRIES(PWC_ENTRIES), .EN(PWC_EN)) u_pwc (
    .clk_i, .rst_ni,
    .lk_stage_i(pwc_lk_stage), .lk_vmid_i(vmid), .lk_asid_i(asid),
    .lk_lv_i(pwc_lk_stage ? g_lv : vs_lv), .lk_vpn_i(pwc_lk_vpn), .lk_mxr_i(req_q.mxr),
    .hit_o(pwc_hit), .hit_entry_o(pwc_entry),
    .fill_i(pwc_fill), .fill_entry_i(pwc_fill_entry),
    .inv_i(inv_fire), .inv_req_i(inv_i)
  );

  // A combined-TLB answer: tag match, the address in range (the tag keeps
  // only bits 58:12), and a walk would neither fault nor update A/D.
  logic tlb_use;
  always_comb begin
    logic vs_ok, g_ok, range_ok;
    vs_ok = tlb_entry.vs_lv == 3'd0 ||
            (walker_pkg::perm_ok(tlb_entry.vs_perm, acc, req_q.user, req_q.sum, req_q.mxr || req_q.vmxr,
                     req_q.hlvx) && (acc != AccWrite || tlb_entry.vs_d));
    g_ok = tlb_entry.g_lv == 3'd0 ||
           (walker_pkg::perm_ok(tlb_entry.g_perm, acc, 1'b1, 1'b0, req_q.mxr, req_q.hlvx) &&
            (acc != AccWrite || tlb_entry.g_d));
    range_ok = vs_lv != 3'd0 ? va_ok(addr, vs_lv) : gpa_ok(addr, g_lv);
    tlb_use = req_q.virt && (vs_lv != 3'd0 || g_lv != 3'd0) && tlb_hit && range_ok &&
              vs_ok && g_ok && (!tlb_entry.need_mxr || req_q.mxr);
  end

  logic gtlb_use;
  assign gtlb_use = gtlb_hit && walker_pkg::perm_ok(gtlb_entry.perm, g_acc, 1'b1, 1'b0, req_q.mxr, g_hlvx) &&
                    (g_acc != AccWrite || gtlb_entry.d);

  // combined level of the two leaves (a Bare stage sets no limit)
  logic [LvlW-1:0] leaf_level;
  always_comb begin
    if (vs_lv == 3'd0)      leaf_level = g_lv == 3'd0 ? 3'd0 : g_leaf_level_q;
    else if (g_lv == 3'd0)  leaf_level = vs_leaf_level_q;
    else leaf_level = vs_leaf_level_q < g_leaf_level_q ? vs_leaf_level_q : g_leaf_level_q;
  end

  always_comb begin
    tlb_fill_entry.vmid     = vmid;
    tlb_fill_entry.asid     = asid;
    tlb_fill_entry.global   = vs_lv != 3'd0 && vs_pte_q[5];
    tlb_fill_entry.vs_lv    = vs_lv;
    tlb_fill_entry.g_lv     = g_lv;
    tlb_fill_entry.level    = leaf_level;
    tlb_fill_entry.vpn      = addr[12 +: VpnW];
    tlb_fill_entry.ppn      = g_pa_q[12 +: PpnW];
    tlb_fill_entry.gpn      = vs_pa_q[12 +: PpnW];
    tlb_fill_entry.vs_perm  = vs_lv != 3'd0 ? pte_perm(vs_pte_q) : 4'hf;
    tlb_fill_entry.g_perm   = g_perm_q;
    tlb_fill_entry.vs_d     = vs_pte_q[7];
    tlb_fill_entry.g_d      = g_d_q;
    tlb_fill_entry.need_mxr = vs_need_mxr_q;

    gtlb_fill_entry.vmid  = vmid;
    gtlb_fill_entry.g_lv  = g_lv;
    gtlb_fill_entry.level = g_level_q;
    gtlb_fill_entry.vpn   = g_addr_q[12 +: VpnW];
    gtlb_fill_entry.ppn   = pte_ppn(g_pte_q);
    gtlb_fill_entry.perm  = pte_perm(g_pte_q);
    gtlb_fill_entry.d     = g_pte_q[7];

    // a pointer PTE of the G-stage (in SGCheck) or of the VS-stage
    pwc_fill_entry.stage    = state_q == SGCheck;
    pwc_fill_entry.vmid     = vmid;
    pwc_fill_entry.asid     = state_q == SGCheck ? '0 : asid;
    pwc_fill_entry.lv       = state_q == SGCheck ? g_lv : vs_lv;
    // the pointer's table level (0..3: below the root, fits the entry's 2 bits)
    pwc_fill_entry.level    = 2'((state_q == SGCheck ? g_level_q : vs_level_q) - 3'd1);
    pwc_fill_entry.vpn      = state_q == SGCheck ? g_addr_q[12 +: VpnW] : addr[12 +: VpnW];
    pwc_fill_entry.ppn      = pte_ppn(mem_rdata_q);
    pwc_fill_entry.need_mxr = state_q == SGCheck ? 1'b0 : vs_need_mxr_q;
  end

  // ---- the walk -------------------------------------------------------------
  always_comb begin
    logic [10:0] idx;
    logic        need_ad;
    logic [63:0] want;

    state_d = state_q;
    req_d = req_q;
    vs_level_d = vs_level_q;
    vs_table_d = vs_table_q;
    vs_walks_d = vs_walks_q;
    vs_pte_d = vs_pte_q;
    vs_pte_gpa_d = vs_pte_gpa_q;
    vs_need_mxr_d = vs_need_mxr_q;
    vs_pa_d = vs_pa_q;
    vs_leaf_level_d = vs_leaf_level_q;
    g_purpose_d = g_purpose_q;
    g_addr_d = g_addr_q;
    g_level_d = g_level_q;
    g_table_d = g_table_q;
    g_walks_d = g_walks_q;
    g_pte_d = g_pte_q;
    g_pa_d = g_pa_q;
    g_perm_d = g_perm_q;
    g_leaf_level_d = g_leaf_level_q;
    g_d_d = g_d_q;
    mem_kind_d = mem_kind_q;
    mem_addr_d = mem_addr_q;
    mem_wdata_d = mem_wdata_q;
    mem_ret_d = mem_ret_q;
    mem_rdata_d = mem_rdata_q;
    mem_resp_d = mem_resp_q;
    aw_done_d = aw_done_q;
    w_done_d = w_done_q;
    fault_d = fault_q;
    pte_reads_d = pte_reads_q;
    tlb_hit_d = tlb_hit_q;
    gtlb_hit_d = gtlb_hit_q;
    pwc_hit_d = pwc_hit_q;
    rsp_d = rsp_q;

    tlb_fill = 1'b0;
    gtlb_fill = 1'b0;
    pwc_fill = 1'b0;
    idx = '0;
    need_ad = 1'b0;
    want = '0;

    unique case (state_q)
      SIdle: begin
        if (req_valid_i && req_ready_o) begin
          req_d = req_i;
          pte_reads_d = '0;
          tlb_hit_d = 1'b0;
          gtlb_hit_d = 1'b0;
          pwc_hit_d = 1'b0;
          vs_pte_d = '0;
          vs_need_mxr_d = 1'b0;
          state_d = SLookup;
        end
      end

      SLookup: begin
        vs_walks_d = '0;
        if (tlb_use) begin
          tlb_hit_d = 1'b1;
          rsp_d = '0;
          rsp_d.id  = req_q.id;
          rsp_d.hpa = ({8'd0, tlb_entry.ppn, 12'd0} & ~size_mask(tlb_entry.level)) |
                      (addr & size_mask(tlb_entry.level));
          rsp_d.gpa = vs_lv == 3'd0 ? addr :
                      ({8'd0, tlb_entry.gpn, 12'd0} & ~size_mask(tlb_entry.level)) |
                      (addr & size_mask(tlb_entry.level));
          rsp_d.vs_perm        = tlb_entry.vs_perm;
          rsp_d.g_perm         = tlb_entry.g_perm;
          rsp_d.page_size_log2 = page_log2(tlb_entry.level);
          rsp_d.tlb_hit        = 1'b1;
          state_d = SResp;
        end else if (vs_lv == 3'd0) begin
          vs_pa_d = addr;            // VS-stage Bare (or no VS-stage at all)
          state_d = SFinal;
        end else if (!va_ok(addr, vs_lv)) begin
          fault_d = FaultPage;
          state_d = SFault;
        end else begin
          state_d = SVsWalk;
        end
      end

      // one VS-stage walk from the root, or from the deepest cached table
      SVsWalk: begin
        if (vs_walks_q == 3'(MaxWalks)) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else begin
          vs_walks_d = vs_walks_q + 3'd1;
          if (pwc_hit) begin
            pwc_hit_d = 1'b1;
            vs_level_d = LvlW'(pwc_entry.level);
            vs_table_d = pwc_entry.ppn;
            vs_need_mxr_d = pwc_entry.need_mxr;
          end else begin
            vs_level_d = vs_lv - 3'd1;
            vs_table_d = req_q.vsatp[PpnW-1:0];
            vs_need_mxr_d = 1'b0;
          end
          state_d = SVsPte;
        end
      end

      // the PTE's GPA, then its HPA through the G-stage
      SVsPte: begin
        idx = table_index(addr, vs_level_q) & 11'h1ff;
        // tables are page aligned (the x4 root 16 KiB): OR, no carry chain
        vs_pte_gpa_d = {8'd0, vs_table_q, 12'd0} | {50'd0, idx, 3'd0};
        g_addr_d = vs_pte_gpa_d;
        g_purpose_d = GImplRead;
        state_d = SGStart;
      end

      SVsCheck: begin
        vs_pte_d = mem_rdata_q;
        if (mem_resp_q[1]) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else if (pte_invalid(mem_rdata_q)) begin
          fault_d = FaultPage;
          state_d = SFault;
        end else if (pte_leaf(mem_rdata_q)) begin
          need_ad = !mem_rdata_q[6] || (acc == AccWrite && !mem_rdata_q[7]);
          vs_leaf_level_d = vs_level_q;
          vs_pa_d = leaf_pa(mem_rdata_q, vs_level_q, addr);
          if (!walker_pkg::perm_ok(pte_perm(mem_rdata_q), acc, req_q.user, req_q.sum,
                       req_q.mxr || req_q.vmxr, req_q.hlvx) ||
              misaligned(mem_rdata_q, vs_level_q) || (need_ad && !req_q.ad_update)) begin
            fault_d = FaultPage;
            state_d = SFault;
          end else if (need_ad) begin
            g_addr_d = vs_pte_gpa_q;   // the A/D write goes through the G-stage
            g_purpose_d = GImplWrite;
            state_d = SGStart;
          end else begin
            state_d = SFinal;
          end
        end else if (mem_rdata_q[7:6] != '0 || mem_rdata_q[4] || vs_level_q == 3'd0) begin
          fault_d = FaultPage;       // A/D/U on a pointer, or a pointer at level 0
          state_d = SFault;
        end else begin
          pwc_fill = 1'b1;
          vs_level_d = vs_level_q - 3'd1;
          vs_table_d = pte_ppn(mem_rdata_q);
          state_d = SVsPte;
        end
      end

      // exclusive read back: still the PTE the walk checked?
      SVsCas: begin
        want = vs_pte_q | 64'h40 | (acc == AccWrite ? 64'h80 : 64'h0);
        if (mem_resp_q[1]) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else if (mem_rdata_q != vs_pte_q) begin
          state_d = SVsWalk;
        end else begin
          mem_kind_d = MemExWrite;
          mem_addr_d = mem_addr_q;
          mem_wdata_d = want;
          mem_ret_d = SVsCasDone;
          aw_done_d = 1'b0;
          w_done_d = 1'b0;
          state_d = SMemAw;
        end
      end

      SVsCasDone: begin
        if (mem_resp_q[1]) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else if (mem_resp_q != RespExOkay) begin
          state_d = SVsWalk;         // lost the reservation: walk again
        end else begin
          vs_pte_d = mem_wdata_q;
          state_d = SFinal;
        end
      end

      SFinal: begin
        g_addr_d = vs_pa_q;
        g_purpose_d = GFinal;
        state_d = SGStart;
      end

      // ---- one G-stage translation of g_addr_q ----
      SGStart: begin
        g_walks_d = '0;
        if (g_lv == 3'd0) begin
          g_pa_d = g_addr_q;
          g_perm_d = 4'hf;
          g_d_d = 1'b1;
          g_leaf_level_d = '0;
          state_d = SGDone;
        end else if (!gpa_ok(g_addr_q, g_lv)) begin
          fault_d = FaultGuest;
          state_d = SFault;
        end else if (gtlb_use) begin
          gtlb_hit_d = 1'b1;
          g_pa_d = ({8'd0, gtlb_entry.ppn, 12'd0} & ~size_mask(gtlb_entry.level)) |
                   (g_addr_q & size_mask(gtlb_entry.level));
          g_perm_d = gtlb_entry.perm;
          g_d_d = gtlb_entry.d;
          g_leaf_level_d = gtlb_entry.level;
          state_d = SGDone;
        end else begin
          state_d = SGWalk;
        end
      end

      SGWalk: begin
        if (g_walks_q == 3'(MaxWalks)) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else begin
          g_walks_d = g_walks_q + 3'd1;
          if (pwc_hit) begin
            pwc_hit_d = 1'b1;
            g_level_d = LvlW'(pwc_entry.level);
            g_table_d = pwc_entry.ppn;
          end else begin
            g_level_d = g_lv - 3'd1;
            g_table_d = req_q.hgatp[PpnW-1:0] & ~PpnW'(3);   // 16 KiB root
          end
          state_d = SGCheck;   // via a PTE read
          mem_ret_d = SGCheck;
          mem_kind_d = MemRead;
          // the address is formed from the level/table chosen just above
          idx = table_index(g_addr_q, g_level_d) &
                (g_level_d == g_lv - 3'd1 ? 11'h7ff : 11'h1ff);
          mem_addr_d = {8'd0, g_table_d, 12'd0} | {50'd0, idx, 3'd0};
          if (pte_reads_q == 8'(MAX_PTE_READS)) begin
            fault_d = FaultAccess;
            state_d = SFault;
          end else begin
            state_d = SMemAr;
          end
        end
      end

      SGCheck: begin
        g_pte_d = mem_rdata_q;
        if (mem_resp_q[1]) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else if (pte_invalid(mem_rdata_q)) begin
          fault_d = FaultGuest;
          state_d = SFault;
        end else if (pte_leaf(mem_rdata_q)) begin
          need_ad = !mem_rdata_q[6] || (g_acc == AccWrite && !mem_rdata_q[7]);
          g_leaf_level_d = g_level_q;
          if (!walker_pkg::perm_ok(pte_perm(mem_rdata_q), g_acc, 1'b1, 1'b0, req_q.mxr, g_hlvx) ||
              misaligned(mem_rdata_q, g_level_q) || (need_ad && !req_q.ad_update)) begin
            fault_d = FaultGuest;
            state_d = SFault;
          end else if (need_ad) begin
            mem_kind_d = MemExRead;
            mem_addr_d = mem_addr_q;
            mem_ret_d = SGCas;
            state_d = SMemAr;
          end else begin
            state_d = SGDone;
            g_pa_d = leaf_pa(mem_rdata_q, g_level_q, g_addr_q);
            g_perm_d = pte_perm(mem_rdata_q);
            g_d_d = mem_rdata_q[7];
          end
        end else if (mem_rdata_q[7:6] != '0 || mem_rdata_q[4] || g_level_q == 3'd0) begin
          fault_d = FaultGuest;
          state_d = SFault;
        end else begin
          pwc_fill = 1'b1;
          g_level_d = g_level_q - 3'd1;
          g_table_d = pte_ppn(mem_rdata_q);
          idx = table_index(g_addr_q, g_level_d) & 11'h1ff;
          mem_kind_d = MemRead;
          mem_addr_d = {8'd0, g_table_d, 12'd0} | {50'd0, idx, 3'd0};
          mem_ret_d = SGCheck;
          if (pte_reads_q == 8'(MAX_PTE_READS)) begin
            fault_d = FaultAccess;
            state_d = SFault;
          end else begin
            state_d = SMemAr;
          end
        end
      end

      SGCas: begin
        want = g_pte_q | 64'h40 | (g_acc == AccWrite ? 64'h80 : 64'h0);
        if (mem_resp_q[1]) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else if (mem_rdata_q != g_pte_q) begin
          state_d = SGWalk;
        end else begin
          mem_kind_d = MemExWrite;
          mem_wdata_d = want;
          mem_ret_d = SGCasDone;
          aw_done_d = 1'b0;
          w_done_d = 1'b0;
          state_d = SMemAw;
        end
      end

      SGCasDone: begin
        if (mem_resp_q[1]) begin
          fault_d = FaultAccess;
          state_d = SFault;
        end else if (mem_resp_q != RespExOkay) begin
          state_d = SGWalk;
        end else begin
          g_pte_d = mem_wdata_q;
          g_pa_d = leaf_pa(mem_wdata_q, g_level_q, g_addr_q);
          g_perm_d = pte_perm(mem_wdata_q);
          g_d_d = mem_wdata_q[7];
          state_d = SGDone;
        end
      end

      // a G-stage translation finished: fill the G-TLB if it walked, and go
      // back to whoever asked
      SGDone: begin
        gtlb_fill = g_lv != 3'd0 && g_walks_q != '0;
        if (g_purpose_q != GFinal && !g_perm_q[PermR]) vs_need_mxr_d = 1'b1;
        unique case (g_purpose_q)
          GImplRead: begin
            mem_kind_d = MemRead;
            mem_addr_d = g_pa_q;
            mem_ret_d = SVsCheck;
            if (pte_reads_q == 8'(MAX_PTE_READS)) begin
              fault_d = FaultAccess;
              state_d = SFault;
            end else begin
              state_d = SMemAr;
            end
          end
          GImplWrite: begin
            mem_kind_d = MemExRead;
            mem_addr_d = g_pa_q;
            mem_ret_d = SVsCas;
            state_d = SMemAr;
          end
          default: state_d = SDone;
        endcase
      end

      // ---- AXI4: one transaction at a time ----
      SMemAr: begin
        if (axi_rsp_i.ar_ready) state_d = SMemR;
      end
      SMemR: begin
        if (axi_rsp_i.r_valid) begin
          mem_rdata_d = axi_rsp_i.r_data;
          mem_resp_d = axi_rsp_i.r_resp;
          if (mem_kind_q == MemRead && !axi_rsp_i.r_resp[1] && pte_reads_q != 8'hff)
            pte_reads_d = pte_reads_q + 8'd1;
          state_d = mem_ret_q;
        end
      end
      SMemAw: begin
        if (axi_rsp_i.aw_ready) aw_done_d = 1'b1;
        if (axi_rsp_i.w_ready) w_done_d = 1'b1;
        if ((aw_done_q || axi_rsp_i.aw_ready) && (w_done_q || axi_rsp_i.w_ready)) state_d = SMemB;
      end
      SMemB: begin
        if (axi_rsp_i.b_valid) begin
          mem_resp_d = axi_rsp_i.b_resp;
          state_d = mem_ret_q;
        end
      end

      SDone: begin
        tlb_fill = req_q.virt && (vs_lv != 3'd0 || g_lv != 3'd0);
        rsp_d = '0;
        rsp_d.id             = req_q.id;
        rsp_d.hpa            = g_pa_q;
        rsp_d.gpa            = vs_pa_q;
        rsp_d.vs_perm        = vs_lv != 3'd0 ? pte_perm(vs_pte_q) : 4'hf;
        rsp_d.g_perm         = g_perm_q;
        rsp_d.page_size_log2 = page_log2(leaf_level);
        rsp_d.pte_reads      = pte_reads_q;
        rsp_d.gtlb_hit       = gtlb_hit_q;
        rsp_d.pwc_hit        = pwc_hit_q;
        state_d = SResp;
      end

      SFault: begin
        rsp_d = '0;
        rsp_d.id        = req_q.id;
        rsp_d.exc       = exc_code(fault_q, acc);
        rsp_d.gpa       = fault_q == FaultGuest ? g_addr_q : '0;
        rsp_d.tval      = addr;
        rsp_d.htval     = fault_q == FaultGuest ? {2'b0, g_addr_q[63:2]} : '0;
        rsp_d.implicit  = fault_q == FaultGuest && g_purpose_q != GFinal;
        rsp_d.pte_reads = pte_reads_q;
        rsp_d.gtlb_hit  = gtlb_hit_q;
        rsp_d.pwc_hit   = pwc_hit_q;
        state_d = SResp;
      end

      SResp: begin
        if (rsp_ready_i) state_d = SIdle;
      end

      default: state_d = SIdle;
    endcase
  end

  // ---- outputs ----------------------------------------------------------------
  assign req_ready_o = state_q == SIdle && !inv_valid_i;   // a fence goes first
  assign inv_ready_o = state_q == SIdle;
  assign rsp_valid_o = state_q == SResp;
  assign rsp_o       = rsp_q;

  always_comb begin
    axi_req_o = '0;
    // single 8-byte INCR beats, ID 0; cache: modifiable; prot: privileged, non-secure
    axi_req_o.ar.addr  = mem_addr_q;
    axi_req_o.ar.size  = 3'd3;
    axi_req_o.ar.burst = 2'b01;
    axi_req_o.ar.lock  = mem_kind_q == MemExRead;
    axi_req_o.ar.cache = 4'b0010;
    axi_req_o.ar.prot  = 3'b011;
    axi_req_o.aw.addr  = mem_addr_q;
    axi_req_o.aw.size  = 3'd3;
    axi_req_o.aw.burst = 2'b01;
    axi_req_o.aw.lock  = 1'b1;
    axi_req_o.aw.cache = 4'b0010;
    axi_req_o.aw.prot  = 3'b011;
    axi_req_o.ar_valid = state_q == SMemAr;
    axi_req_o.r_ready  = state_q == SMemR;
    axi_req_o.aw_valid = state_q == SMemAw && !aw_done_q;
    axi_req_o.w_valid  = state_q == SMemAw && !w_done_q;
    axi_req_o.w_data   = mem_wdata_q;
    axi_req_o.w_strb   = 8'hff;
    axi_req_o.w_last   = 1'b1;
    axi_req_o.b_ready  = state_q == SMemB;
  end

  always_comb begin
    perf_o.req       = req_valid_i && req_ready_o;
    perf_o.tlb_hit   = state_q == SLookup && tlb_use;
    perf_o.gtlb_hit  = state_q == SGStart && g_lv != 3'd0 && gpa_ok(g_addr_q, g_lv) && gtlb_use;
    perf_o.pwc_hit   = (state_q == SVsWalk || state_q == SGWalk) && pwc_hit;
    perf_o.pte_read  = state_q == SMemR && axi_rsp_i.r_valid && mem_kind_q == MemRead &&
                       !axi_rsp_i.r_resp[1];
    perf_o.ad_update = state_q == SMemB && axi_rsp_i.b_valid &&
                       axi_rsp_i.b_resp == RespExOkay;
    perf_o.fault     = state_q == SResp && rsp_ready_i && rsp_q.exc != '0;
    perf_o.busy      = state_q != SIdle;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= SIdle;
      req_q <= '0;
      vs_level_q <= '0;
      vs_table_q <= '0;
      vs_walks_q <= '0;
      vs_pte_q <= '0;
      vs_pte_gpa_q <= '0;
      vs_need_mxr_q <= 1'b0;
      vs_pa_q <= '0;
      vs_leaf_level_q <= '0;
      g_purpose_q <= GFinal;
      g_addr_q <= '0;
      g_level_q <= '0;
      g_table_q <= '0;
      g_walks_q <= '0;
      g_pte_q <= '0;
      g_pa_q <= '0;
      g_perm_q <= '0;
      g_leaf_level_q <= '0;
      g_d_q <= 1'b0;
      mem_kind_q <= MemRead;
      mem_addr_q <= '0;
      mem_wdata_q <= '0;
      mem_ret_q <= SIdle;
      mem_rdata_q <= '0;
      mem_resp_q <= '0;
      aw_done_q <= 1'b0;
      w_done_q <= 1'b0;
      fault_q <= FaultPage;
      pte_reads_q <= '0;
      tlb_hit_q <= 1'b0;
      gtlb_hit_q <= 1'b0;
      pwc_hit_q <= 1'b0;
      rsp_q <= '0;
    end else begin
      state_q <= state_d;
      req_q <= req_d;
      vs_level_q <= vs_level_d;
      vs_table_q <= vs_table_d;
      vs_walks_q <= vs_walks_d;
      vs_pte_q <= vs_pte_d;
      vs_pte_gpa_q <= vs_pte_gpa_d;
      vs_need_mxr_q <= vs_need_mxr_d;
      vs_pa_q <= vs_pa_d;
      vs_leaf_level_q <= vs_leaf_level_d;
      g_purpose_q <= g_purpose_d;
      g_addr_q <= g_addr_d;
      g_level_q <= g_level_d;
      g_table_q <= g_table_d;
      g_walks_q <= g_walks_d;
      g_pte_q <= g_pte_d;
      g_pa_q <= g_pa_d;
      g_perm_q <= g_perm_d;
      g_leaf_level_q <= g_leaf_level_d;
      g_d_q <= g_d_d;
      mem_kind_q <= mem_kind_d;
      mem_addr_q <= mem_addr_d;
      mem_wdata_q <= mem_wdata_d;
      mem_ret_q <= mem_ret_d;
      mem_rdata_q <= mem_rdata_d;
      mem_resp_q <= mem_resp_d;
      aw_done_q <= aw_done_d;
      w_done_q <= w_done_d;
      fault_q <= fault_d;
      pte_reads_q <= pte_reads_d;
      tlb_hit_q <= tlb_hit_d;
      gtlb_hit_q <= gtlb_hit_d;
      pwc_hit_q <= pwc_hit_d;
      rsp_q <= rsp_d;
    end
  end

endmodule
