// Types of the HVA page-table walker (hva_walker). The translation rules are
// those of the C golden model, hypervisor/lib/xlate/xlate.h: no Svnapot or
// Svpbmt (PTE bits 63:54 nonzero fault), non-leaf A/D/U fault, an A/D update
// of a VS-stage PTE is a G-stage *write*, at most MaxWalks walks of one stage
// per translation (A/D retries included), an unknown MODE is Bare.
//
// Written in the SystemVerilog subset that both Verilator 5.006 and Yosys 0.23
// read: users name things as walker_pkg::x (no import), functions take plain
// vectors, structs are only whole module-level signals or ports (no struct
// locals, no members of struct array elements), no assignment patterns. Yosys
// needs the package prefix even on this package's own enum values.
package walker_pkg;

  // The HVA's AXI4 memory port (the types below, the only AXI4 types): ID
  // width AxiIdW. Its masters (walker, ring engine) use the IDs below
  // 2^MstIdW; hva_axi_arb puts the master's number in the top bit.
  localparam int unsigned AxiIdW   = 5;
  localparam int unsigned MstIdW   = 4;   // AxiIdW - 1; hva_walker's AXI_ID_W must match
  localparam int unsigned MaxWalks = 4;   // XLATE_MAX_WALKS
  localparam int unsigned PpnW     = 44;  // PTE / satp PPN
  localparam int unsigned VpnW     = 47;  // address bits 58:12 (Sv57x4 GPA is 59 bits)
  localparam int unsigned LvlW     = 3;   // a leaf's level: 0 (4 KiB) .. 4 (256 TiB)

  // The access type: a 2-bit code, not an enum (Yosys 0.23 has no casts to
  // a named type, and the request registers hold the code as bits).
  typedef logic [1:0] access_e;
  localparam logic [1:0] AccRead  = 2'd0;
  localparam logic [1:0] AccWrite = 2'd1;
  localparam logic [1:0] AccExec  = 2'd2;

  // One translation: the hart's context and the access.
  typedef struct packed {
    logic [63:0] vsatp;      // MODE Bare/Sv39/Sv48/Sv57, ASID 59:44, PPN 43:0
    logic [63:0] hgatp;      // MODE Bare/Sv39x4/Sv48x4/Sv57x4, VMID 57:44, PPN 43:0
    logic        virt;       // 1: two-stage; 0: G-stage only (addr is a GPA)
    logic        user;       // effective privilege U
    logic        sum;        // vsstatus.SUM
    logic        vmxr;       // vsstatus.MXR (VS-stage)
    logic        mxr;        // sstatus.MXR (both stages)
    logic        hlvx;       // HLVX: the read needs X instead of R
    logic        ad_update;  // 1: hardware A/D update; 0: Svade (A/D missing -> fault)
    access_e     access;
    logic [63:0] addr;
    logic [7:0]  id;
  } xlate_req_t;

  // exc is the scause code (0 = ok). Permissions are {U, X, W, R} of the leaf
  // (a Bare stage reports 4'b1111). On a fault hpa/perm/page size are 0.
  typedef struct packed {
    logic [7:0]  id;
    logic [5:0]  exc;
    logic [63:0] hpa;
    logic [63:0] gpa;        // ok: the GPA; guest-page fault: the faulting GPA
    logic [63:0] tval;
    logic [63:0] htval;      // guest-page fault: faulting GPA >> 2
    logic        implicit;   // guest-page fault on an implicit VS-stage PTE access
    logic [3:0]  vs_perm;
    logic [3:0]  g_perm;
    logic [5:0]  page_size_log2;
    logic [7:0]  pte_reads;  // PTE reads of this translation, both stages (saturates)
    logic        tlb_hit;    // answered by the combined TLB
    logic        gtlb_hit;   // some G-stage translation hit the G-stage TLB
    logic        pwc_hit;    // some walk started from the page-walk cache
  } xlate_rsp_t;

  // HFENCE.VVMA (kind 0: VS-stage entries of one VMID, or all VMIDs with
  // all_vmid) and HFENCE.GVMA (kind 1: G-stage entries and everything built
  // on them). use_asid / use_addr narrow VVMA to an ASID (global mappings
  // stay) or a GVA; GVMA by address takes a GPA.
  typedef enum logic {
    InvVvma = 1'b0,
    InvGvma = 1'b1
  } inv_kind_e;

  typedef struct packed {
    inv_kind_e   kind;
    logic        all_vmid;
    logic        use_asid;
    logic        use_addr;
    logic [13:0] vmid;
    logic [15:0] asid;
    logic [63:0] addr;
  } inv_req_t;

  // AXI4 (64-bit data, single beats only): the HVA's port and its masters' ports
  localparam logic [1:0] RespExOkay = 2'b01;

  typedef struct packed {
    logic [AxiIdW-1:0] id;
    logic [63:0]       addr;
    logic [7:0]        len;
    logic [2:0]        size;
    logic [1:0]        burst;
    logic              lock;
    logic [3:0]        cache;
    logic [2:0]        prot;
  } axi_ax_t;

  typedef struct packed {
    axi_ax_t     aw;
    logic        aw_valid;
    logic [63:0] w_data;
    logic [7:0]  w_strb;
    logic        w_last;
    logic        w_valid;
    logic        b_ready;
    axi_ax_t     ar;
    logic        ar_valid;
    logic        r_ready;
  } axi_req_t;

  typedef struct packed {
    logic              aw_ready;
    logic              w_ready;
    logic [AxiIdW-1:0] b_id;
    logic [1:0]        b_resp;
    logic              b_valid;
    logic              ar_ready;
    logic [AxiIdW-1:0] r_id;
    logic [63:0]       r_data;
    logic [1:0]        r_resp;
    logic              r_last;
    logic              r_valid;
  } axi_rsp_t;

  // One-cycle increments for the performance counters.
  typedef struct packed {
    logic req;        // a translation accepted
    logic tlb_hit;    // answered by the combined TLB
    logic gtlb_hit;   // a G-stage TLB hit
    logic pwc_hit;    // a walk shortened by the page-walk cache
    logic pte_read;   // a PTE read completed
    logic ad_update;  // an A/D update written
    logic fault;      // a translation answered with an exception
    logic busy;       // a translation in progress this cycle
  } perf_evt_t;

  // Leaf permission bits as kept in the caches: {U, X, W, R}
  localparam int unsigned PermR = 0;
  localparam int unsigned PermW = 1;
  localparam int unsigned PermX = 2;
  localparam int unsigned PermU = 3;

  // Does a leaf allow the access? (xlate.c perm_ok)
  function automatic logic perm_ok(logic [3:0] perm, access_e acc, logic user, logic sum,
                                   logic mxr, logic hlvx);
    logic priv_ok;
    if (perm[PermU]) priv_ok = user || (acc != walker_pkg::AccExec && sum);
    else             priv_ok = !user;
    unique case (acc)
      walker_pkg::AccRead:  perm_ok = priv_ok && (hlvx ? perm[PermX] : (perm[PermR] || (mxr && perm[PermX])));
      walker_pkg::AccWrite: perm_ok = priv_ok && perm[PermW];
      default:  perm_ok = priv_ok && perm[PermX];
    endcase
  endfunction

  // Page-table levels of a vsatp / hgatp MODE (0: Bare; unknown counts as Bare):
  // 8 Sv39 / Sv39x4, 9 Sv48 / Sv48x4, 10 Sv57 / Sv57x4.
  function automatic logic [2:0] mode_levels(logic [3:0] mode);
    unique case (mode)
      4'd8:    mode_levels = 3'd3;
      4'd9:    mode_levels = 3'd4;
      4'd10:   mode_levels = 3'd5;
      default: mode_levels = 3'd0;
    endcase
  endfunction

  // Mask of the VPN bits (address bits 58:12) above a page of `level` (0..4).
  // (a case, not a shift by 9 * level: Yosys keeps the 32-bit product)
  function automatic logic [VpnW-1:0] vpn_mask(logic [LvlW-1:0] level);
    unique case (level)
      3'd0:    vpn_mask = {VpnW{1'b1}};
      3'd1:    vpn_mask = {VpnW{1'b1}} << 9;
      3'd2:    vpn_mask = {VpnW{1'b1}} << 18;
      3'd3:    vpn_mask = {VpnW{1'b1}} << 27;
      default: vpn_mask = {VpnW{1'b1}} << 36;
    endcase
  endfunction


  // ---- cache entries -------------------------------------------------------
  // Combined GVA->HPA entry. It covers a page of `level` (the smaller of the
  // two leaves) and keeps what a hit must re-check: both leaves' permissions
  // and D bits, and whether an implicit PTE read of its walk needed MXR.
  typedef struct packed {
    logic [13:0]     vmid;
    logic [15:0]     asid;      // (the VS leaf's G bit is a flip-flop of walker_cache)
    logic [2:0]      vs_lv;     // levels of the vsatp / hgatp mode (0: Bare)
    logic [2:0]      g_lv;
    logic [LvlW-1:0] level;
    logic [3:0]      vs_perm;   // (what a hit re-checks sits in the tag part:
    logic [3:0]      g_perm;    // its multiplexer runs beside the payload read)
    logic            vs_d;
    logic            g_d;
    logic            need_mxr;
    logic [VpnW-1:0] vpn;       // GVA bits 58:12 (GPA bits with a Bare VS-stage)
    logic [PpnW-1:0] ppn;       // HPA page
    logic [PpnW-1:0] gpn;       // GPA page of the VS leaf (56-bit GPA)
  } tlb_entry_t;

  // G-stage leaf (GPA->HPA) of one VMID.
  typedef struct packed {
    logic [13:0]     vmid;
    logic [2:0]      g_lv;
    logic [LvlW-1:0] level;
    logic [3:0]      perm;
    logic            d;
    logic [VpnW-1:0] vpn;       // GPA bits 58:12 (Sv57x4: 59-bit GPA)
    logic [PpnW-1:0] ppn;
  } gtlb_entry_t;

  // Page-walk cache: a non-leaf PTE of either stage. The walk of `vpn`
  // (address bits above the table's level) continues at table `ppn`, level
  // `level`. VS entries hold the next table's GPA page. A pointer's table is
  // below the root, so `level` is 0..3 (2 bits) even in the 5-level modes.
  typedef struct packed {
    logic            stage;     // 0 VS, 1 G
    logic [13:0]     vmid;
    logic [15:0]     asid;      // VS only
    logic [2:0]      lv;        // levels of the stage's mode
    logic [1:0]      level;
    logic            need_mxr;  // VS: an implicit read above needed MXR
    logic [VpnW-1:0] vpn;
    logic [PpnW-1:0] ppn;
  } pwc_entry_t;

  // Payload bits of each entry (its low fields, from ppn on): walker_cache
  // reads them only at the way that hits; the fields above are the tag.
  localparam int unsigned TlbPayW  = 2 * PpnW;       // ppn gpn
  localparam int unsigned GtlbPayW = PpnW;            // ppn
  localparam int unsigned PwcPayW  = PpnW;            // ppn

endpackage
