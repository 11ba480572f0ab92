// One walk engine of hva_walker: a two-stage (VS-stage over G-stage)
// translation that missed the combined TLB, exactly as the C golden model
// hypervisor/lib/xlate does it (its header lists the choices). hva_walker
// has MAX_INFLIGHT of them, each with its own lookup ports on the G-TLB and
// the page-walk cache and its own AXI ID.
//
// A G-TLB or page-walk-cache answer is only taken when the walk would give
// the same: leaves are re-checked against the request's privilege bits, a
// write needs D already set, and an entry whose walk relied on sstatus.MXR for
// an implicit PTE read serves only MXR requests. Anything else walks.
//
// Timing: the VS page-walk cache is looked up as the request is taken (the
// engine's PWC port, idle until then, looks at the walker's request port). A
// PTE arriving on R is checked, and the next PTE address formed (through the
// G-TLB and the G-stage page-walk cache for a VS-stage table), in the same
// cycle, so a dependent PTE read costs the memory latency + 1.
//
// Memory: one AXI4 transaction at a time, single 64-bit beats. An A/D update
// is an exclusive pair: exclusive read (ARLOCK), compare with the PTE the walk
// used, exclusive write (AWLOCK) of the PTE with A (and D) set. A changed PTE
// or a failed exclusive write (BRESP OKAY) walks the stage again, at most
// MaxWalks times per stage translation, like the model's compare-and-swap.
// SLVERR/DECERR -> access fault. MAX_PTE_READS bounds PTE reads per request
// (a further guard besides MaxWalks; beyond it: access fault).
// Cache fills are offers: hva_walker drops one when another engine fills the
// same cache in the same cycle (a cache may always forget).
module walker_walk #(
  parameter int unsigned MAX_PTE_READS = 255,
  parameter int unsigned TlbWayW       = 2,   // hva_walker's cache geometry
  parameter int unsigned GtlbWayW      = 2
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // the walker's request port; take_i: this engine would take the request
  // if it missed the combined TLB (load its registers); start_i: it does
  // (take_i and a miss: start the walk; the TLB lookup of the same tag is
  // the hint)
  input  walker_pkg::xlate_req_t  req_i,
  input  logic                    req_valid_i,   // a request is offered (req_i is one)
  input  logic                    take_i,
  input  logic                    start_i,
  input  logic                    tlb_hint_i,
  input  logic [TlbWayW-1:0]      tlb_hint_way_i,
  output logic                    free_o,    // can take a request this cycle
  output logic                    idle_o,    // no walk, no answer, no fill
  // G-TLB lookup port (gtlb_lk_o: its answer may be used this cycle)
  output logic                    gtlb_lk_o,
  output logic [13:0]             gtlb_vmid_o,
  output logic [2:0]              gtlb_g_lv_o,
  output logic [walker_pkg::VpnW-1:0] gtlb_vpn_o,
  input  logic                    gtlb_hit_i,
  output walker_pkg::access_e     gtlb_acc_o,    // the lookup's access, mxr, hlvx:
  output logic                    gtlb_mxr_o,    // gtlb_use_i, the hit allows it
  output logic                    gtlb_hlvx_o,
  input  logic                    gtlb_use_i,
  input  logic [GtlbWayW-1:0]     gtlb_hit_way_i,
  /* verilator lint_off UNUSEDSIGNAL */  // a lookup answer is used field by field
  input  walker_pkg::gtlb_entry_t gtlb_entry_i,
  /* verilator lint_on UNUSEDSIGNAL */
  // page-walk-cache lookup port (pwc_lk_o: as gtlb_lk_o)
  output logic                    pwc_lk_o,
  output logic                    pwc_stage_o,
  output logic [13:0]             pwc_vmid_o,
  output logic [15:0]             pwc_asid_o,
  output logic [2:0]              pwc_lv_o,
  output logic [walker_pkg::VpnW-1:0] pwc_vpn_o,
  output logic                    pwc_mxr_o,
  input  logic                    pwc_hit_i,
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::pwc_entry_t  pwc_entry_i,
  /* verilator lint_on UNUSEDSIGNAL */
  // fills
  output logic                    tlb_fill_o,
  output logic                    tlb_fill_global_o,
  output logic                    tlb_fill_hint_o,
  output logic [TlbWayW-1:0]      tlb_fill_hint_way_o,
  output walker_pkg::tlb_entry_t  tlb_fill_entry_o,
  output logic                    gtlb_fill_o,
  output logic                    gtlb_fill_hint_o,
  output logic [GtlbWayW-1:0]     gtlb_fill_hint_way_o,
  output walker_pkg::gtlb_entry_t gtlb_fill_entry_o,
  output logic                    pwc_fill_o,
  output walker_pkg::pwc_entry_t  pwc_fill_entry_o,
  // memory (hva_walker adds the engine's AXI ID and arbitrates)
  output logic                    ar_valid_o,
  output logic [63:0]             ar_addr_o,
  output logic                    ar_lock_o,
  input  logic                    ar_ready_i,
  input  logic                    r_valid_i,
  input  logic [63:0]             r_data_i,
  /* verilator lint_off UNUSEDSIGNAL */  // RRESP: OKAY or an error (bit 1); no EXOKAY check on reads
  input  logic [1:0]              r_resp_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output logic                    r_ready_o,
  output logic                    aw_valid_o,
  output logic [63:0]             aw_addr_o,
  input  logic                    aw_ready_i,
  output logic                    w_valid_o,
  output logic [63:0]             w_data_o,
  input  logic                    w_ready_i,
  input  logic                    b_valid_i,
  input  logic [1:0]              b_resp_i,
  output logic                    b_ready_o,
  // the answer
  output logic                    rsp_valid_o,
  input  logic                    rsp_ready_i,
  output walker_pkg::xlate_rsp_t  rsp_o,
  // performance events
  output logic                    perf_gtlb_hit_o,
  output logic                    perf_pwc_hit_o,
  output logic                    perf_pte_read_o,
  output logic                    perf_ad_update_o
);
  // the package's names used here (Yosys 0.23 reads no package import)
  localparam int unsigned PpnW     = walker_pkg::PpnW;
  localparam int unsigned VpnW     = walker_pkg::VpnW;
  localparam int unsigned LvlW     = walker_pkg::LvlW;
  // narrower than 64 bits (issue 9, area): a physical address is 56 bits (a
  // 44-bit PPN), and a PTE that passed the checks has its bits 63:54 clear
  localparam int unsigned PaW      = 56;
  localparam int unsigned PteW     = 54;
  localparam int unsigned MaxWalks = walker_pkg::MaxWalks;
  localparam int unsigned PermR    = walker_pkg::PermR;
  typedef walker_pkg::access_e access_e;
  localparam access_e    AccRead    = walker_pkg::AccRead;
  localparam access_e    AccWrite   = walker_pkg::AccWrite;
  localparam logic [1:0] RespExOkay = walker_pkg::RespExOkay;

  if (MAX_PTE_READS < 1 || MAX_PTE_READS > 255) begin : g_bad_bound
    $error("MAX_PTE_READS must be 1..255");
  end

  typedef enum logic [3:0] {
    SIdle, SVsWalk, SVsPte, SGStart, SMemAr, SMemR, SMemAw, SMemB, SFault, SResp
  } state_e;

  // what a G-stage translation is for
  typedef enum logic [1:0] { GImplRead, GImplWrite, GFinal } g_purpose_e;
  // FaultNone: the walk ended with an answer (SResp shows it)
  typedef enum logic [1:0] { FaultPage, FaultGuest, FaultAccess, FaultNone } fault_e;
  typedef enum logic [1:0] { MemRead, MemExRead, MemExWrite } mem_kind_e;
  // what a memory access is for (an exclusive pair keeps it for both halves)
  typedef enum logic [1:0] { RetGPte, RetVsPte, RetGCas, RetVsCas } mem_ret_e;

  state_e          state_q, state_d;
  walker_pkg::xlate_req_t req_q, req_d;
  // VS-stage walk
  logic [LvlW-1:0] vs_level_q, vs_level_d;
  logic [2:0]      vs_walks_q, vs_walks_d;
  logic [PteW-1:0] vs_pte_q, vs_pte_d;       // (a PTE the walk used has 63:54 clear)
  logic            vs_need_mxr_q, vs_need_mxr_d;  // an implicit PTE read relied on MXR
  logic [LvlW-1:0] vs_leaf_level_q, vs_leaf_level_d;
  // G-stage translation
  g_purpose_e      g_purpose_q, g_purpose_d;
  logic [63:0]     g_addr_q, g_addr_d;            // GPA being translated (below)
  logic [LvlW-1:0] g_level_q, g_level_d;
  logic [2:0]      g_walks_q, g_walks_d;
  logic [PteW-1:0] g_pte_q, g_pte_d;
  logic [63:0]     g_pa_q, g_pa_d;                // its result
  logic [3:0]      g_perm_q, g_perm_d;
  logic [LvlW-1:0] g_leaf_level_q, g_leaf_level_d;
  logic            g_d_q, g_d_d;
  // memory operation
  mem_kind_e       mem_kind_q, mem_kind_d;
  logic [PaW-1:0]  mem_addr_q, mem_addr_d;     // a PA: 56 bits
  mem_ret_e        mem_ret_q, mem_ret_d;
  logic            aw_done_q, aw_done_d, w_done_q, w_done_d;
  // result
  fault_e          fault_q, fault_d;
  logic [7:0]      pte_reads_q, pte_reads_d;
  logic            gtlb_hit_q, gtlb_hit_d, pwc_hit_q, pwc_hit_d;
  // decodes kept in flip-flops for the R path's G-stage key (issue 9: logic
  // depth): the request is a write; SMemR waits for a VS PTE
  logic            acc_w_q, acc_w_d, r_vs_q, r_vs_d;
  // cache fills: the combined TLB one cycle after the answer; the ways the
  // lookups of the same tag found (replaced, not doubled)
  logic                tlb_fill_q, tlb_fill_d;
  logic                tlb_hint_q, tlb_hint_d, gtlb_hint_q, gtlb_hint_d;
  logic [TlbWayW-1:0]  tlb_hint_way_q, tlb_hint_way_d;
  logic [GtlbWayW-1:0] gtlb_hint_way_q, gtlb_hint_way_d;

  // ---- request decode: the request being taken (i_*) and the one held ----
  logic [13:0]     vmid, i_vmid;
  logic [15:0]     asid, i_asid;
  logic [2:0]      vs_lv, g_lv, i_vs_lv;   // levels of each stage (0: Bare)
  logic [63:0]     addr;
  access_e         acc;

  assign vmid    = req_q.hgatp[57:44];
  assign asid    = req_q.vsatp[59:44];
  assign vs_lv   = req_q.virt ? walker_pkg::mode_levels(req_q.vsatp[63:60]) : 3'd0;
  assign g_lv    = walker_pkg::mode_levels(req_q.hgatp[63:60]);
  assign addr    = req_q.addr;
  assign acc     = req_q.access;
  assign i_vmid  = req_i.hgatp[57:44];
  assign i_asid  = req_i.vsatp[59:44];
  assign i_vs_lv = req_i.virt ? walker_pkg::mode_levels(req_i.vsatp[63:60]) : 3'd0;


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
  // table_index(a, level - 1) without the subtraction (a carry chain on the
  // path from R to the G-TLB)
  function automatic logic [10:0] table_index_below(logic [63:0] a, logic [LvlW-1:0] level);
    unique case (level)
      3'd1:    table_index_below = a[22:12];
      3'd2:    table_index_below = a[31:21];
      3'd3:    table_index_below = a[40:30];
      3'd4:    table_index_below = a[49:39];
      default: table_index_below = a[58:48];
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


  // combined level of the two leaves (a Bare stage sets no limit)
  function automatic logic [LvlW-1:0] leaf_lv(logic [2:0] vsl, logic [2:0] gl,
                                              logic [LvlW-1:0] vs_leaf, logic [LvlW-1:0] g_leaf);
    if (vsl == 3'd0)      leaf_lv = gl == 3'd0 ? 3'd0 : g_leaf;
    else if (gl == 3'd0)  leaf_lv = vs_leaf;
    else                  leaf_lv = vs_leaf < g_leaf ? vs_leaf : g_leaf;
  endfunction

  // a PTE needs an A/D update for this access (reads bits 7:6)
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic need_ad(logic [63:0] pte, access_e a);
    need_ad = !pte[6] || (a == AccWrite && !pte[7]);
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // g_addr_q is the GPA the G-stage translates, or will translate next
  // without R: from a VS walk's start to SVsPte the page of the VS table
  // (its index in the table is added in SVsPte), from a G-stage
  // translation's start to its end its GPA, and from the VS leaf's A/D write
  // to SMemB the final GPA. So a lookup's key is R's or g_addr_q's (issue 9:
  // logic depth), and no register keeps a table or the final GPA apart
  // (issue 9, area): the final GPA stays in g_addr_q until the answer.
  // The VS leaf's PTE on R (vs_level_q: its level) gives the final GPA.
  // (Don't-cares, 'x, where a value is not used: synthesis keeps only the
  // value, and Verilator skips it elsewhere: issue 9, simulation speed.)
  logic [63:0] vs_leaf_gpa;
  always_comb begin
    vs_leaf_gpa = 'x;
    if (state_q == SMemR) vs_leaf_gpa = leaf_pa(r_data_i, vs_level_q, addr);
  end

  // ---- what the G-stage looks up this cycle ----------------------------------
  // The GPA a G-stage translation starts on (or walks again) in this cycle,
  // from registers and R only: a VS PTE's GPA, the GPA a VS leaf gives, or
  // g_addr_q. The walk below uses the same decisions.
  logic [63:0] g_key;
  g_purpose_e  g_key_purpose;
  always_comb begin
    logic [10:0] idx;
    g_key = g_addr_q;
    g_key_purpose = g_purpose_q;
    idx = '0;
    // An if chain, not a case on state_q: Yosys' pmux2shiftx turns that
    // case (states 2, 5, 7) into a shift by state_q - 2, a carry chain at
    // the head of the walker's longest path; and on R the choice reads two
    // flip-flops (r_vs_q, acc_w_q), not the state, mem_ret_q and the access
    // code (issue 9: logic depth).
    // (r_vs_q: state_q == SMemR && mem_ret_q == RetVsPte; acc_w_q: the
    // access is a write; need_ad of the VS PTE) The page, which the lookups
    // compare, is R's or g_addr_q's: r_vs_q alone chooses it.
    if (r_vs_q) begin
      if (pte_leaf(r_data_i)) begin
        if (!r_data_i[6] || (acc_w_q && !r_data_i[7])) begin
          g_key = g_addr_q;          // the A/D write goes through the G-stage
                                     // (g_addr_q: still this PTE's GPA)
          g_key_purpose = GImplWrite;
        end else begin
          g_key = vs_leaf_gpa;
          g_key_purpose = GFinal;
        end
      end else begin
        idx = table_index_below(addr, vs_level_q) & 11'h1ff;
        // tables are page aligned (the x4 root 16 KiB): OR, no carry chain
        g_key = {8'd0, pte_ppn(r_data_i), 12'd0} | {50'd0, idx, 3'd0};
        g_key_purpose = GImplRead;
      end
    end else if (state_q == SVsPte) begin
      // the VS PTE: the table's page (g_addr_q) and the index
      idx = table_index(addr, vs_level_q) & 11'h1ff;
      g_key = {g_addr_q[63:12], idx[8:0], 3'd0};
      g_key_purpose = GImplRead;
    end else if (state_q == SMemB && mem_ret_q == RetVsCas) begin
      g_key_purpose = GFinal;    // (g_addr_q: the final GPA, from SMemAw)
    end
  end

  // the G-stage access of a purpose
  access_e g_acc, g_key_acc;
  logic    g_hlvx, g_key_hlvx;
  assign g_acc      = g_purpose_q == GFinal ? acc : g_purpose_q == GImplWrite ? AccWrite : AccRead;
  assign g_hlvx     = g_purpose_q == GFinal && req_q.hlvx;
  assign g_key_acc  = g_key_purpose == GFinal ? acc :
                      g_key_purpose == GImplWrite ? AccWrite : AccRead;
  assign g_key_hlvx = g_key_purpose == GFinal && req_q.hlvx;

  // An A/D update's write data: the PTE the walk used with A (and D for a
  // write) set, from that PTE's register (stable during the exclusive pair)
  logic [63:0] mem_wdata;
  logic        ad_write;
  assign ad_write  = (mem_ret_q == RetGCas ? g_acc : acc) == AccWrite;
  assign mem_wdata = {10'd0, mem_ret_q == RetGCas ? g_pte_q : vs_pte_q} | 64'h40 | (ad_write ? 64'h80 : 64'h0);

  // ---- lookups and fills ---------------------------------------------------------
  logic                tlb_fill, gtlb_fill, pwc_fill;
  walker_pkg::tlb_entry_t  tlb_fill_entry;
  walker_pkg::gtlb_entry_t gtlb_fill_entry;
  walker_pkg::pwc_entry_t  pwc_fill_entry;
  logic                pwc_vs;   // this cycle's PWC lookup is a VS-stage one
  logic                pwc_req;  // ... for the request being taken

  assign pwc_req = state_q == SIdle || state_q == SResp;
  assign pwc_vs  = pwc_req || state_q == SVsWalk;

  // When a lookup's answer may be used (the G-stage starts in SVsPte and
  // SGStart, on R and on B; the PWC also in SVsWalk and for a request an
  // idle engine may take): else the caches skip the compare (Verilator)
  // and their hit is 0.
  assign gtlb_lk_o = state_q == SVsPte || state_q == SGStart || state_q == SMemR || state_q == SMemB;
  assign pwc_lk_o  = gtlb_lk_o || state_q == SVsWalk || (pwc_req && req_valid_i);
  assign gtlb_vmid_o = vmid;
  assign gtlb_g_lv_o = g_lv;
  assign gtlb_vpn_o  = g_key[12 +: VpnW];
  assign gtlb_acc_o  = g_key_acc;
  assign gtlb_mxr_o  = req_q.mxr;
  assign gtlb_hlvx_o = g_key_hlvx;
  assign pwc_stage_o = !pwc_vs;
  assign pwc_vmid_o  = pwc_req ? i_vmid : vmid;
  assign pwc_asid_o  = pwc_req ? i_asid : asid;
  assign pwc_lv_o    = pwc_req ? i_vs_lv : pwc_vs ? vs_lv : g_lv;
  assign pwc_vpn_o   = pwc_req ? req_i.addr[12 +: VpnW] : pwc_vs ? addr[12 +: VpnW] : g_key[12 +: VpnW];
  assign pwc_mxr_o   = pwc_req ? req_i.mxr : req_q.mxr;

  logic pwc_hit, gtlb_hit;
  /* verilator lint_off UNUSEDSIGNAL */  // used field by field
  walker_pkg::pwc_entry_t  pwc_entry;
  walker_pkg::gtlb_entry_t gtlb_entry;
  /* verilator lint_on UNUSEDSIGNAL */
  assign pwc_hit    = pwc_hit_i;
  assign pwc_entry  = pwc_entry_i;
  assign gtlb_hit   = gtlb_hit_i;
  assign gtlb_entry = gtlb_entry_i;

  // a G-TLB answer for g_key
  logic gtlb_use;
  always_comb begin
    gtlb_use = 'x;   // (read only in the states that look up: gtlb_lk_o)
    if (gtlb_lk_o)
      gtlb_use = gtlb_use_i;   // (walker_gtlb re-checks each way beside its compare)
  end

  // the combined TLB is filled in the first cycle of the answer, from registers
  logic [LvlW-1:0] leaf_level_q;
  assign leaf_level_q = leaf_lv(vs_lv, g_lv, vs_leaf_level_q, g_leaf_level_q);
  assign tlb_fill            = tlb_fill_q;
  assign tlb_fill_o          = tlb_fill;
  assign tlb_fill_global_o   = vs_lv != 3'd0 && vs_pte_q[5];
  assign tlb_fill_hint_o     = tlb_hint_q;
  assign tlb_fill_hint_way_o = tlb_hint_way_q;
  assign tlb_fill_entry_o    = tlb_fill_entry;
  assign gtlb_fill_o          = gtlb_fill;
  assign gtlb_fill_hint_o     = gtlb_hint_q;
  assign gtlb_fill_hint_way_o = gtlb_hint_way_q;
  assign gtlb_fill_entry_o    = gtlb_fill_entry;
  assign pwc_fill_o           = pwc_fill;
  assign pwc_fill_entry_o     = pwc_fill_entry;
  // (what a cache does not write is a don't-care: no logic in synthesis,
  // and Verilator skips it)
  always_comb begin
    tlb_fill_entry = 'x;
    if (tlb_fill_q) begin
      tlb_fill_entry.vmid     = vmid;
      tlb_fill_entry.asid     = asid;
      tlb_fill_entry.vs_lv    = vs_lv;
      tlb_fill_entry.g_lv     = g_lv;
      tlb_fill_entry.level    = leaf_level_q;
      tlb_fill_entry.vpn      = addr[12 +: VpnW];
      tlb_fill_entry.ppn      = g_pa_q[12 +: PpnW];
      tlb_fill_entry.gpn      = g_addr_q[12 +: PpnW];   // the final GPA (above)
      tlb_fill_entry.vs_perm  = vs_lv != 3'd0 ? vs_pte_q[4:1] : 4'hf;
      tlb_fill_entry.g_perm   = g_perm_q;
      tlb_fill_entry.vs_d     = vs_pte_q[7];
      tlb_fill_entry.g_d      = g_d_q;
      tlb_fill_entry.need_mxr = vs_need_mxr_q;
    end
  end

  // the G-TLB is filled when a G-stage walk ends on a leaf (read on R, or
  // written by an A/D update), the PWC when a walk reads a pointer on R
  logic [63:0] g_leaf_pte, g_leaf_pa;
  assign g_leaf_pte = state_q == SMemB ? mem_wdata : r_data_i;
  always_comb begin
    g_leaf_pa = 'x;   // one for both
    if (state_q == SMemR || state_q == SMemB) g_leaf_pa = leaf_pa(g_leaf_pte, g_level_q, g_addr_q);
  end
  always_comb begin
    gtlb_fill_entry = 'x;
    pwc_fill_entry = 'x;
    if (gtlb_fill) begin
      gtlb_fill_entry.vmid  = vmid;
      gtlb_fill_entry.g_lv  = g_lv;
      gtlb_fill_entry.level = g_level_q;
      gtlb_fill_entry.vpn   = g_addr_q[12 +: VpnW];
      gtlb_fill_entry.ppn   = pte_ppn(g_leaf_pte);
      gtlb_fill_entry.perm  = pte_perm(g_leaf_pte);
      gtlb_fill_entry.d     = g_leaf_pte[7];
    end
    if (pwc_fill) begin
      pwc_fill_entry.stage    = mem_ret_q == RetGPte;
      pwc_fill_entry.vmid     = vmid;
      pwc_fill_entry.asid     = mem_ret_q == RetGPte ? '0 : asid;
      pwc_fill_entry.lv       = mem_ret_q == RetGPte ? g_lv : vs_lv;
      // the pointer's table level (0..3: below the root, fits the entry's 2 bits)
      pwc_fill_entry.level    = 2'((mem_ret_q == RetGPte ? g_level_q : vs_level_q) - 3'd1);
      pwc_fill_entry.vpn      = mem_ret_q == RetGPte ? g_addr_q[12 +: VpnW] : addr[12 +: VpnW];
      pwc_fill_entry.ppn      = pte_ppn(r_data_i);
      pwc_fill_entry.need_mxr = mem_ret_q == RetGPte ? 1'b0 : vs_need_mxr_q;
    end
  end

  // ---- the walk -------------------------------------------------------------
  // The state's step raises actions; the blocks after the case carry them out
  // in order (G-stage start -> G-stage walk -> G-stage result -> memory).
  logic perf_gtlb_hit, perf_pwc_hit;
  // the read guard: pte_reads_d == MAX_PTE_READS, from the register's two
  // compares (no adder before the compare on the path to the next state)
  logic read_inc, reads_at_max;
  assign read_inc     = state_q == SMemR && r_valid_i && mem_kind_q == MemRead && !r_resp_i[1] &&
                        pte_reads_q != 8'hff;
  assign reads_at_max = read_inc ? pte_reads_q == 8'(MAX_PTE_READS - 1) : pte_reads_q == 8'(MAX_PTE_READS);
  always_comb begin
    logic        fault_go;
    fault_e      fault_kind;
    logic        g_go, g_walk_go, g_done, done_ok, vs_retry;
    logic        rd_go, exr_go, exw_go;
    logic [PaW-1:0] rd_addr, exr_addr;
    logic [63:0] data;
    mem_ret_e    rd_ret, exr_ret;
    logic [2:0]  gw;
    logic [10:0] idx;
    logic [LvlW-1:0] lvl;

    state_d = state_q;
    req_d = req_q;
    vs_level_d = vs_level_q;
    vs_walks_d = vs_walks_q;
    vs_pte_d = vs_pte_q;
    vs_need_mxr_d = vs_need_mxr_q;
    vs_leaf_level_d = vs_leaf_level_q;
    g_purpose_d = g_purpose_q;
    g_addr_d = g_addr_q;
    g_level_d = g_level_q;
    g_walks_d = g_walks_q;
    g_pte_d = g_pte_q;
    g_pa_d = g_pa_q;
    g_perm_d = g_perm_q;
    g_leaf_level_d = g_leaf_level_q;
    g_d_d = g_d_q;
    mem_kind_d = mem_kind_q;
    mem_addr_d = mem_addr_q;
    mem_ret_d = mem_ret_q;
    aw_done_d = aw_done_q;
    w_done_d = w_done_q;
    fault_d = fault_q;
    pte_reads_d = pte_reads_q;
    gtlb_hit_d = gtlb_hit_q;
    pwc_hit_d = pwc_hit_q;
    tlb_fill_d = 1'b0;
    acc_w_d = acc_w_q;
    // SMemR is entered from SMemAr on AR ready and left on R (mem_ret_q holds in both)
    r_vs_d = mem_ret_q == RetVsPte && ((state_q == SMemAr && ar_ready_i) || (state_q == SMemR && !r_valid_i));
    tlb_hint_d = tlb_hint_q;
    tlb_hint_way_d = tlb_hint_way_q;
    gtlb_hint_d = gtlb_hint_q;
    gtlb_hint_way_d = gtlb_hint_way_q;

    gtlb_fill = 1'b0;
    pwc_fill = 1'b0;
    perf_gtlb_hit = 1'b0;
    perf_pwc_hit = 1'b0;
    fault_go = 1'b0;
    fault_kind = FaultAccess;
    g_go = 1'b0;
    g_walk_go = 1'b0;
    g_done = 1'b0;
    done_ok = 1'b0;
    vs_retry = 1'b0;
    rd_go = 1'b0;
    exr_go = 1'b0;
    exw_go = 1'b0;
    rd_addr = '0;
    exr_addr = '0;
    rd_ret = RetGPte;
    exr_ret = RetGPte;
    gw = g_walks_q;
    idx = '0;
    lvl = '0;
    data = r_data_i;

    // An idle engine's step does nothing: its next state is only the start
    // below. (The condition is for Verilator, which then skips the step's
    // logic of an idle engine: issue 9, simulation speed.)
    if (state_q != SIdle) begin
      unique case (state_q)
        SIdle: ;   // requests: below

        // a VS-stage walk again (an A/D update lost its PTE): from the root,
        // or from the deepest cached table
        SVsWalk: begin
          if (vs_walks_q == 3'(MaxWalks)) begin
            fault_go = 1'b1;
          end else begin
            vs_walks_d = vs_walks_q + 3'd1;
            if (pwc_hit) begin
              pwc_hit_d = 1'b1;
              perf_pwc_hit = 1'b1;
              vs_level_d = LvlW'(pwc_entry.level);
              g_addr_d = {8'd0, pwc_entry.ppn, 12'd0};
              vs_need_mxr_d = pwc_entry.need_mxr;
            end else begin
              vs_level_d = vs_lv - 3'd1;
              g_addr_d = {8'd0, req_q.vsatp[PpnW-1:0], 12'd0};
              vs_need_mxr_d = 1'b0;
            end
            state_d = SVsPte;
          end
        end

        // the VS PTE's GPA (g_key) through the G-stage
        SVsPte: g_go = 1'b1;

        // the GPA of a request with a Bare VS-stage
        SGStart: g_go = 1'b1;

        // ---- AXI4: one transaction at a time; R and B are used as they come ----
        SMemAr: begin
          if (ar_ready_i) state_d = SMemR;
        end

        SMemR: begin
          if (r_valid_i) begin
            if (read_inc) pte_reads_d = pte_reads_q + 8'd1;
            unique case (mem_ret_q)
              // a G-stage PTE
              RetGPte: begin
                g_pte_d = data[PteW-1:0];
                if (r_resp_i[1]) begin
                  fault_go = 1'b1;
                end else if (pte_invalid(data)) begin
                  fault_go = 1'b1;
                  fault_kind = FaultGuest;
                end else if (pte_leaf(data)) begin
                  g_leaf_level_d = g_level_q;
                  if (!walker_pkg::perm_ok(pte_perm(data), g_acc, 1'b1, 1'b0, req_q.mxr, g_hlvx) ||
                      misaligned(data, g_level_q) || (need_ad(data, g_acc) && !req_q.ad_update)) begin
                    fault_go = 1'b1;
                    fault_kind = FaultGuest;
                  end else if (need_ad(data, g_acc)) begin
                    exr_go = 1'b1;
                    exr_addr = mem_addr_q;
                    exr_ret = RetGCas;
                  end else begin
                    gtlb_fill = 1'b1;
                    g_pa_d = g_leaf_pa;
                    g_perm_d = pte_perm(data);
                    g_d_d = data[7];
                    g_done = 1'b1;
                  end
                end else if (data[7:6] != '0 || data[4] || g_level_q == 3'd0) begin
                  fault_go = 1'b1;     // A/D/U on a pointer, or a pointer at level 0
                  fault_kind = FaultGuest;
                end else begin
                  pwc_fill = 1'b1;
                  g_level_d = g_level_q - 3'd1;
                  idx = table_index_below(g_addr_q, g_level_q) & 11'h1ff;
                  rd_go = 1'b1;
                  rd_addr = {pte_ppn(data), 12'd0} | {42'd0, idx, 3'd0};
                  rd_ret = RetGPte;
                end
              end

              // a VS-stage PTE (the next GPA is g_key)
              RetVsPte: begin
                vs_pte_d = data[PteW-1:0];
                if (r_resp_i[1]) begin
                  fault_go = 1'b1;
                end else if (pte_invalid(data)) begin
                  fault_go = 1'b1;
                  fault_kind = FaultPage;
                end else if (pte_leaf(data)) begin
                  vs_leaf_level_d = vs_level_q;
                  if (!walker_pkg::perm_ok(pte_perm(data), acc, req_q.user, req_q.sum,
                                           req_q.mxr || req_q.vmxr, req_q.hlvx) ||
                      misaligned(data, vs_level_q) || (need_ad(data, acc) && !req_q.ad_update)) begin
                    fault_go = 1'b1;
                    fault_kind = FaultPage;
                  end else begin
                    g_go = 1'b1;       // the A/D write's GPA, or the final GPA
                  end
                end else if (data[7:6] != '0 || data[4] || vs_level_q == 3'd0) begin
                  fault_go = 1'b1;     // A/D/U on a pointer, or a pointer at level 0
                  fault_kind = FaultPage;
                end else begin
                  pwc_fill = 1'b1;
                  vs_level_d = vs_level_q - 3'd1;
                  g_go = 1'b1;         // the next VS PTE's GPA
                end
              end

              // exclusive read back: still the PTE the walk checked?
              RetGCas: begin
                if (r_resp_i[1]) begin
                  fault_go = 1'b1;
                end else if (data != {10'd0, g_pte_q}) begin
                  g_walk_go = 1'b1;
                end else begin
                  exw_go = 1'b1;   // mem_wdata: g_pte_q with A (D)
                end
              end

              default: begin   // RetVsCas
                if (r_resp_i[1]) begin
                  fault_go = 1'b1;
                end else if (data != {10'd0, vs_pte_q}) begin
                  vs_retry = 1'b1;
                end else begin
                  exw_go = 1'b1;   // mem_wdata: vs_pte_q with A (D)
                end
              end
            endcase
          end
        end

        SMemAw: begin
          if (aw_ready_i) aw_done_d = 1'b1;
          if (w_ready_i) w_done_d = 1'b1;
          if ((aw_done_q || aw_ready_i) && (w_done_q || w_ready_i)) state_d = SMemB;
          // the VS leaf's final GPA, which SMemB translates (g_addr_q, above)
          if (mem_ret_q == RetVsCas) g_addr_d = leaf_pa({10'd0, vs_pte_q}, vs_level_q, addr);
        end

        // the exclusive write's answer
        SMemB: begin
          if (b_valid_i) begin
            if (b_resp_i[1]) begin
              fault_go = 1'b1;
            end else if (b_resp_i != RespExOkay) begin
              if (mem_ret_q == RetGCas) g_walk_go = 1'b1;   // lost the reservation: walk again
              else                      vs_retry = 1'b1;
            end else if (mem_ret_q == RetGCas) begin
              gtlb_fill = 1'b1;
              g_pa_d = g_leaf_pa;        // (g_pte_q is not read again)
              g_perm_d = pte_perm(mem_wdata);
              g_d_d = mem_wdata[7];
              g_done = 1'b1;
            end else begin
              vs_pte_d = mem_wdata[PteW-1:0];
              g_go = 1'b1;             // the final GPA
            end
          end
        end

        // (the answer is formed from the registers in SResp: rsp_o)
        SFault: state_d = SResp;

        SResp: begin
          if (rsp_ready_i) state_d = SIdle;
        end

        default: state_d = SIdle;
      endcase

      // ---- a G-stage translation of g_key: Bare, range, G-TLB, else walk ----
      if (g_go) begin
        g_addr_d = g_key;
        g_purpose_d = g_key_purpose;
        gw = '0;
        gtlb_hint_d = gtlb_hit;
        gtlb_hint_way_d = gtlb_hit_way_i;
        if (g_lv == 3'd0) begin
          g_pa_d = g_key;
          g_perm_d = 4'hf;
          g_d_d = 1'b1;
          g_leaf_level_d = '0;
          g_done = 1'b1;
        end else if (!gpa_ok(g_key, g_lv)) begin
          fault_go = 1'b1;
          fault_kind = FaultGuest;
        end else if (gtlb_use) begin
          gtlb_hit_d = 1'b1;
          perf_gtlb_hit = 1'b1;
          g_pa_d = ({8'd0, gtlb_entry.ppn, 12'd0} & ~size_mask(gtlb_entry.level)) |
                   (g_key & size_mask(gtlb_entry.level));
          g_perm_d = gtlb_entry.perm;
          g_d_d = gtlb_entry.d;
          g_leaf_level_d = gtlb_entry.level;
          g_done = 1'b1;
        end else begin
          g_walk_go = 1'b1;
        end
      end

      // ---- one G-stage walk of g_key, from the root or the deepest cached table ----
      if (g_walk_go) begin
        if (gw == 3'(MaxWalks)) begin
          fault_go = 1'b1;
          fault_kind = FaultAccess;
        end else begin
          g_walks_d = gw + 3'd1;
          if (pwc_hit) begin
            pwc_hit_d = 1'b1;
            perf_pwc_hit = 1'b1;
            lvl = LvlW'(pwc_entry.level);
            idx = table_index(g_key, lvl) & 11'h1ff;
            rd_addr = {pwc_entry.ppn, 12'd0} | {42'd0, idx, 3'd0};
          end else begin
            lvl = g_lv - 3'd1;
            idx = table_index_below(g_key, g_lv);          // the 16 KiB root: 11 bits
            // (not `& ~PpnW'(3)`: Yosys 0.23 reads that mask with PA bits 31+ cleared)
            rd_addr = {req_q.hgatp[PpnW-1:2], 2'b00, 12'd0} | {42'd0, idx, 3'd0};
          end
          g_level_d = lvl;
          rd_go = 1'b1;
          rd_ret = RetGPte;
        end
      end

      // ---- a G-stage translation done: back to whoever asked ----
      if (g_done) begin
        if (g_purpose_d != GFinal && !g_perm_d[PermR]) vs_need_mxr_d = 1'b1;
        unique case (g_purpose_d)
          GImplRead: begin
            rd_go = 1'b1;
            rd_addr = g_pa_d[PaW-1:0];
            rd_ret = RetVsPte;
          end
          GImplWrite: begin
            exr_go = 1'b1;
            exr_addr = g_pa_d[PaW-1:0];
            exr_ret = RetVsCas;
          end
          default: done_ok = 1'b1;
        endcase
      end

      // ---- memory, the answer, a fault ----
      if (rd_go) begin
        if (reads_at_max) begin
          fault_go = 1'b1;
          fault_kind = FaultAccess;
        end else begin
          mem_kind_d = MemRead;
          mem_addr_d = rd_addr;
          mem_ret_d = rd_ret;
          state_d = SMemAr;
        end
      end
      if (exr_go) begin
        mem_kind_d = MemExRead;
        mem_addr_d = exr_addr;
        mem_ret_d = exr_ret;
        state_d = SMemAr;
      end
      if (exw_go) begin
        mem_kind_d = MemExWrite;
        aw_done_d = 1'b0;
        w_done_d = 1'b0;
        state_d = SMemAw;
      end
      if (vs_retry) state_d = SVsWalk;
      if (done_ok) begin
        fault_d = FaultNone;   // the answer: rsp_o, from the registers
        tlb_fill_d = req_q.virt && (vs_lv != 3'd0 || g_lv != 3'd0);
        state_d = SResp;
      end
      if (fault_go) begin
        fault_d = fault_kind;
        state_d = SFault;
      end
    end

    // ---- a request that missed the combined TLB: the VS PWC looked up as it is taken ----
    // The registers load on take_i (a request this engine could take), the
    // state only on start_i (it missed the TLB): in an idle engine (or one
    // whose answer is taken) the registers are unused, so loading them for
    // a TLB hit changes nothing, and the TLB's compare only reaches the
    // state (issue 9: logic depth).
    if (take_i) begin
      req_d = req_i;
      acc_w_d = req_i.access == AccWrite;
      pte_reads_d = '0;
      gtlb_hit_d = 1'b0;
      pwc_hit_d = 1'b0;
      vs_pte_d = '0;
      vs_need_mxr_d = 1'b0;
      tlb_hint_d = tlb_hint_i;
      tlb_hint_way_d = tlb_hint_way_i;
      if (i_vs_lv == 3'd0) begin
        // VS-stage Bare (or no VS-stage at all): the GPA is the address
        g_addr_d = req_i.addr;
        g_purpose_d = GFinal;
        if (start_i) state_d = SGStart;
      end else if (!va_ok(req_i.addr, i_vs_lv)) begin
        fault_d = FaultPage;
        if (start_i) state_d = SFault;
      end else begin
        vs_walks_d = 3'd1;
        if (pwc_hit) begin
          pwc_hit_d = 1'b1;
          perf_pwc_hit = start_i;
          vs_level_d = LvlW'(pwc_entry.level);
          g_addr_d = {8'd0, pwc_entry.ppn, 12'd0};
          vs_need_mxr_d = pwc_entry.need_mxr;
        end else begin
          vs_level_d = i_vs_lv - 3'd1;
          g_addr_d = {8'd0, req_i.vsatp[PpnW-1:0], 12'd0};
        end
        if (start_i) state_d = SVsPte;
      end
    end
  end


  // ---- outputs ----------------------------------------------------------------
  // a new request is taken while the answer is handed over
  assign free_o      = state_q == SIdle || (state_q == SResp && rsp_ready_i);
  assign idle_o      = state_q == SIdle;
  assign rsp_valid_o = state_q == SResp;

  // The answer, formed from the walk's registers (they hold still in SResp;
  // no answer register: issue 9, area). A fault reports the address (tval)
  // and, for a guest-page fault, the GPA (gpa, htval = GPA >> 2).
  logic ok, guest_fault;
  assign ok          = fault_q == FaultNone;
  assign guest_fault = fault_q == FaultGuest;
  always_comb begin
    rsp_o = 'x;   // (only read with rsp_valid_o)
    if (state_q == SResp) begin
      rsp_o = '0;
      rsp_o.id        = req_q.id;
      rsp_o.pte_reads = pte_reads_q;
      rsp_o.gtlb_hit  = gtlb_hit_q;
      rsp_o.pwc_hit   = pwc_hit_q;
      // the final GPA, or the GPA of a guest-page fault
      rsp_o.gpa       = ok || guest_fault ? g_addr_q : '0;
      if (ok) begin
        rsp_o.hpa            = g_pa_q;
        rsp_o.vs_perm        = vs_lv != 3'd0 ? vs_pte_q[4:1] : 4'hf;
        rsp_o.g_perm         = g_perm_q;
        rsp_o.page_size_log2 = page_log2(leaf_level_q);
      end else begin
        rsp_o.exc      = exc_code(fault_q, acc);
        rsp_o.tval     = addr;
        rsp_o.htval    = guest_fault ? {2'b0, g_addr_q[63:2]} : '0;
        rsp_o.implicit = guest_fault && g_purpose_q != GFinal;
      end
    end
  end

  assign ar_valid_o = state_q == SMemAr;
  assign ar_addr_o  = {8'd0, mem_addr_q};
  assign ar_lock_o  = mem_kind_q == MemExRead;
  assign r_ready_o  = state_q == SMemR;
  assign aw_valid_o = state_q == SMemAw && !aw_done_q;
  assign aw_addr_o  = {8'd0, mem_addr_q};
  assign w_valid_o  = state_q == SMemAw && !w_done_q;
  assign w_data_o   = mem_wdata;
  assign b_ready_o  = state_q == SMemB;

  assign perf_gtlb_hit_o  = perf_gtlb_hit;
  assign perf_pwc_hit_o   = perf_pwc_hit;
  assign perf_pte_read_o  = state_q == SMemR && r_valid_i && mem_kind_q == MemRead && !r_resp_i[1];
  assign perf_ad_update_o = state_q == SMemB && b_valid_i && b_resp_i == RespExOkay;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= SIdle;
      req_q <= '0;
      vs_level_q <= '0;
      vs_walks_q <= '0;
      vs_pte_q <= '0;
      vs_need_mxr_q <= 1'b0;
      vs_leaf_level_q <= '0;
      g_purpose_q <= GFinal;
      g_addr_q <= '0;
      g_level_q <= '0;
      g_walks_q <= '0;
      g_pte_q <= '0;
      g_pa_q <= '0;
      g_perm_q <= '0;
      g_leaf_level_q <= '0;
      g_d_q <= 1'b0;
      mem_kind_q <= MemRead;
      mem_addr_q <= '0;
      mem_ret_q <= RetGPte;
      aw_done_q <= 1'b0;
      w_done_q <= 1'b0;
      fault_q <= FaultPage;
      pte_reads_q <= '0;
      gtlb_hit_q <= 1'b0;
      pwc_hit_q <= 1'b0;
      tlb_fill_q <= 1'b0;
      acc_w_q <= 1'b0;
      r_vs_q <= 1'b0;
      tlb_hint_q <= 1'b0;
      tlb_hint_way_q <= '0;
      gtlb_hint_q <= 1'b0;
      gtlb_hint_way_q <= '0;
    end else begin
      state_q <= state_d;
      req_q <= req_d;
      vs_level_q <= vs_level_d;
      vs_walks_q <= vs_walks_d;
      vs_pte_q <= vs_pte_d;
      vs_need_mxr_q <= vs_need_mxr_d;
      vs_leaf_level_q <= vs_leaf_level_d;
      g_purpose_q <= g_purpose_d;
      g_addr_q <= g_addr_d;
      g_level_q <= g_level_d;
      g_walks_q <= g_walks_d;
      g_pte_q <= g_pte_d;
      g_pa_q <= g_pa_d;
      g_perm_q <= g_perm_d;
      g_leaf_level_q <= g_leaf_level_d;
      g_d_q <= g_d_d;
      mem_kind_q <= mem_kind_d;
      mem_addr_q <= mem_addr_d;
      mem_ret_q <= mem_ret_d;
      aw_done_q <= aw_done_d;
      w_done_q <= w_done_d;
      fault_q <= fault_d;
      pte_reads_q <= pte_reads_d;
      gtlb_hit_q <= gtlb_hit_d;
      pwc_hit_q <= pwc_hit_d;
      tlb_fill_q <= tlb_fill_d;
      acc_w_q <= acc_w_d;
      r_vs_q <= r_vs_d;
      tlb_hint_q <= tlb_hint_d;
      tlb_hint_way_q <= tlb_hint_way_d;
      gtlb_hint_q <= gtlb_hint_d;
      gtlb_hint_way_q <= gtlb_hint_way_d;
    end
  end

  // ---- assertions (Verilator --assert; not read by synthesis) -----------------
`ifndef SYNTHESIS
`ifndef FORMAL   // Yosys reads no SVA sequences: formal/hva_walker_fv.sv proves these
  // a valid stays up, and its payload stable, until its ready
  a_ar_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    ar_valid_o && !ar_ready_i |=> ar_valid_o && $stable(ar_addr_o) && $stable(ar_lock_o));
  a_aw_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    aw_valid_o && !aw_ready_i |=> aw_valid_o && $stable(aw_addr_o));
  a_w_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    w_valid_o && !w_ready_i |=> w_valid_o && $stable(w_data_o));
  // one transaction at a time per engine (its AXI ID)
  a_one_txn: assert property (@(posedge clk_i) disable iff (!rst_ni)
    $onehot0({ar_valid_o, r_ready_o, aw_valid_o || w_valid_o, b_ready_o}));
  // the answer is held until taken; a request only when free
  a_rsp_stable: assert property (@(posedge clk_i) disable iff (!rst_ni)
    rsp_valid_o && !rsp_ready_i |=> rsp_valid_o && $stable(rsp_o));
  a_start_free: assert property (@(posedge clk_i) disable iff (!rst_ni) start_i |-> free_o && take_i);
  a_take_free: assert property (@(posedge clk_i) disable iff (!rst_ni) take_i |-> free_o);
  // legal states and enums
  a_state_legal: assert property (@(posedge clk_i) disable iff (!rst_ni)
    state_q inside {SIdle, SVsWalk, SVsPte, SGStart, SMemAr, SMemR, SMemAw, SMemB, SFault, SResp});
  a_enum_legal: assert property (@(posedge clk_i) disable iff (!rst_ni)
    mem_kind_q inside {MemRead, MemExRead, MemExWrite} && fault_q inside {FaultPage, FaultGuest, FaultAccess, FaultNone} &&
    g_purpose_q inside {GImplRead, GImplWrite, GFinal});
  // walk bound: PTE reads and walks per stage translation
  a_reads_bound: assert property (@(posedge clk_i) disable iff (!rst_ni)
    pte_reads_q <= 8'(MAX_PTE_READS));
  a_walks_bound: assert property (@(posedge clk_i) disable iff (!rst_ni)
    vs_walks_q <= 3'(MaxWalks) && g_walks_q <= 3'(MaxWalks));
  // the decodes in flip-flops match what they stand for
  a_r_vs: assert property (@(posedge clk_i) disable iff (!rst_ni)
    r_vs_q == (state_q == SMemR && mem_ret_q == RetVsPte));
  a_acc_w: assert property (@(posedge clk_i) disable iff (!rst_ni)
    state_q != SIdle |-> acc_w_q == (acc == AccWrite));
`endif
`endif

endmodule
