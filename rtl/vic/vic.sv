// Virtual interrupt controller of the HVA: per-source gateways, a routing
// table (physical source -> guest file or the hypervisor's file, virtual id,
// level/edge, vCPU hint), one interrupt file per guest plus the hypervisor's,
// and a register port on the HVA's internal register bus. Each guest file has
// NumCtxs contexts (one per vCPU, as a PLIC has one per hart): its own
// enables, threshold, claim/complete page and output line; the pending and
// claimed bits and the priorities are the file's. Layout: the HVA
// register map (rtl/hva/hva_regs.map -> hva_regs_pkg), read by C through
// hypervisor/lib/vic_model/vic_layout.h. The C model hypervisor/lib/vic_model
// matches this module cycle by cycle; its header states the rules.
//
// Area: the routing table, the priorities and the enables live in LUTRAM
// (vic_lutram), so only the pending and claimed bits, the thresholds and the
// per-source gateway bits are flip-flops, and the logic is shared:
//  - the sources are scanned one per cycle, in turn (no priority encoder):
//    the scanned source forwards if it wants to (an active route and an edge,
//    a latched edge or a high level), its route is read from the table and
//    its target is idle; an edge that rises meanwhile is latched;
//  - one context (a "unit": guest g's context k, or the hypervisor's file)
//    is arbitrated per cycle (one shared arbiter tree): the unit the bus
//    touches this cycle, else the next unit in turn. Its result, the
//    context's best id, is registered (best_q); the context's line and a
//    claim use that register. A write to the context's enables or threshold
//    empties it until it is arbitrated again, a write to the file's
//    priorities empties all the file's contexts, and a claim empties every
//    context of the file that holds the claimed id (its own is arbitrated
//    again the next cycle, unless the bus touches a unit then), so best_q always
//    names an id that is still pending, enabled and above the threshold (it
//    may lag a newer, better one by up to NumUnits cycles without bus
//    accesses).
//  - outputs: each context has a line register (LINE: which guest_eip_o bit
//    it drives, and RUN); a line is the OR of the running contexts on it.
//
// Register bus: registered. A request (req_i with we_i/addr_i/wdata_i/
// wstrb_i) is taken at the clock edge; in the following cycle it is decoded
// and answered (rdata_o/err_o, for the request of the previous cycle), and
// its side effects (writes, claim, complete, inject) take place at the end of
// that cycle. A request may come every cycle.
module vic #(
  parameter int unsigned NumGuests  = 4,
  parameter int unsigned NumIds     = 32,  // per file, id 0 reserved
  parameter int unsigned NumSources = 32,
  parameter int unsigned NumVcpus   = 4,   // per guest; a routing hint for the hypervisor
  parameter int unsigned NumCtxs    = 2,   // contexts per guest file (vCPUs served), 1, 2 or 4
  parameter int unsigned PrioBits   = 3,
  parameter int unsigned AddrW      = 20
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic [NumSources-1:0] src_i,        // synchronous physical interrupt sources
  // internal register bus
  input  logic                  req_i,
  input  logic                  we_i,
  input  logic [AddrW-1:0]      addr_i,
  input  logic [31:0]           wdata_i,
  input  logic [3:0]            wstrb_i,
  output logic [31:0]           rdata_o,      // answer to the request of the previous cycle
  output logic                  err_o,
  // outputs
  output logic [NumGuests-1:0]  guest_eip_o,  // NumGuests lines, each to an hgeip bit
  output logic                  hyp_irq_o     // to the hypervisor (its sources, or wake a guest)
);

  localparam int unsigned NumFiles = NumGuests + 1;
  localparam int unsigned HypFile  = NumGuests;
  localparam int unsigned IdW      = $clog2(NumIds);
  localparam int unsigned FileW    = $clog2(NumFiles);
  localparam int unsigned SrcW     = (NumSources > 1) ? $clog2(NumSources) : 1;
  localparam int unsigned PrioW    = NumIds * PrioBits;
  // contexts: unit u = g * NumCtxs + k for guest g's context k, NumGUnits for
  // the hypervisor's file; a unit's file is u >> CtxB (the hypervisor's too)
  localparam int unsigned CtxB     = $clog2(NumCtxs);
  localparam int unsigned NumGUnits = NumGuests * NumCtxs;
  localparam int unsigned NumUnits = NumGUnits + 1;
  localparam int unsigned HypUnit  = NumGUnits;
  localparam int unsigned UnitW    = $clog2(NumUnits);
  localparam int unsigned LineW    = (NumGuests > 1) ? $clog2(NumGuests) : 1;

  // The register layout, every value from the HVA's register map
  // (rtl/hva/hva_regs.map -> hva_regs_pkg). Module-level, because Yosys 0.23
  // cannot read one package's parameters from another's.
  localparam int unsigned HypBase     = hva_regs_pkg::HVA_VIC_HYP_OFFSET;
  localparam int unsigned HypSize     = hva_regs_pkg::HVA_VIC_HYP_SIZE;
  localparam int unsigned GuestBase   = hva_regs_pkg::HVA_VIC_GUEST_OFFSET;
  localparam int unsigned GuestStride = hva_regs_pkg::HVA_VIC_GUEST_STRIDE;
  localparam int unsigned GShift      = $clog2(GuestStride);   // a power of two
  localparam int unsigned GPage0      = GuestBase >> GShift;

  // hypervisor region, offsets from HypBase
  localparam int unsigned HypInfo0     = hva_regs_pkg::VIC_HYP_INFO0_OFFSET - HypBase;
  localparam int unsigned HypInfo1     = hva_regs_pkg::VIC_HYP_INFO1_OFFSET - HypBase;
  localparam int unsigned HypRunning   = hva_regs_pkg::VIC_HYP_RUNNING_OFFSET - HypBase;
  localparam int unsigned HypGuestEip  = hva_regs_pkg::VIC_HYP_GUEST_EIP_OFFSET - HypBase;
  localparam int unsigned HypWake      = hva_regs_pkg::VIC_HYP_WAKE_OFFSET - HypBase;
  localparam int unsigned HypThreshold = hva_regs_pkg::VIC_HYP_THRESHOLD_OFFSET - HypBase;
  localparam int unsigned HypClaim     = hva_regs_pkg::VIC_HYP_CLAIM_OFFSET - HypBase;
  localparam int unsigned HypInject    = hva_regs_pkg::VIC_HYP_INJECT_OFFSET - HypBase;
  localparam int unsigned HypPending   = hva_regs_pkg::VIC_HYP_PENDING_OFFSET - HypBase;
  localparam int unsigned HypEnable    = hva_regs_pkg::VIC_HYP_ENABLE_OFFSET - HypBase;
  localparam int unsigned HypPriority  = hva_regs_pkg::VIC_HYP_PRIORITY_OFFSET - HypBase;
  localparam int unsigned HypSrcLevel  = hva_regs_pkg::VIC_HYP_SRC_LEVEL_OFFSET - HypBase;
  localparam int unsigned HypRoute     = hva_regs_pkg::VIC_HYP_ROUTE_OFFSET - HypBase;
  localparam int unsigned HypInfo2     = hva_regs_pkg::VIC_HYP_INFO2_OFFSET - HypBase;
  localparam int unsigned HypLine      = hva_regs_pkg::VIC_HYP_LINE_OFFSET - HypBase;
  localparam int unsigned LineRunBit   = $clog2(hva_regs_pkg::VIC_HYP_LINE_RUN);
  localparam int unsigned LineEipBit   = $clog2(hva_regs_pkg::VIC_HYP_LINE_EIP);
  localparam int unsigned MaxCtxs      = hva_regs_pkg::HVA_VIC_MAX_CTXS;

  // guest window, offsets from GuestBase + g * GuestStride (PLIC context 1
  // pages; context k's enables and page CtxEnStride / CtxPage apart)
  localparam int unsigned GPending     = hva_regs_pkg::VIC_GUEST_PENDING_OFFSET - GuestBase;
  localparam int unsigned GEnable      = hva_regs_pkg::VIC_GUEST_ENABLE_S_OFFSET - GuestBase;
  localparam int unsigned GThreshold   = hva_regs_pkg::VIC_GUEST_THRESHOLD_OFFSET - GuestBase;
  localparam int unsigned GClaim       = hva_regs_pkg::VIC_GUEST_CLAIM_OFFSET - GuestBase;
  localparam int unsigned CtxEnStride  = hva_regs_pkg::VIC_GUEST_CTX_ENABLE_STRIDE;
  localparam int unsigned CtxPage      = hva_regs_pkg::VIC_GUEST_CTX_PAGE_STRIDE;

  localparam int unsigned Version      = hva_regs_pkg::HVA_VIC_VERSION;

  // routing table entry fields (the INJECT command's layout)
  localparam int unsigned RouteVidLsb   = hva_regs_pkg::VIC_HYP_INJECT_VID_LSB;
  localparam int unsigned RouteVidW     = hva_regs_pkg::VIC_HYP_INJECT_VID_WIDTH;
  localparam int unsigned RouteVcpuLsb  = hva_regs_pkg::VIC_HYP_INJECT_VCPU_LSB;
  localparam int unsigned RouteVcpuW    = hva_regs_pkg::VIC_HYP_INJECT_VCPU_WIDTH;
  localparam int unsigned RouteGuestLsb = hva_regs_pkg::VIC_HYP_INJECT_GUEST_LSB;
  localparam int unsigned RouteGuestW   = hva_regs_pkg::VIC_HYP_INJECT_GUEST_WIDTH;
  localparam int unsigned RouteToHyp    = hva_regs_pkg::VIC_HYP_INJECT_TO_HYP_LSB;
  localparam int unsigned RouteEdge     = hva_regs_pkg::VIC_HYP_INJECT_EDGE_LSB;
  localparam int unsigned RouteEnable   = hva_regs_pkg::VIC_HYP_INJECT_ENABLE_LSB;
  // a table entry keeps only the fields (RouteStored): vid, vcpu, guest and
  // the three flags, packed
  localparam int unsigned RouteW        = RouteVidW + RouteVcpuW + RouteGuestW + 3;

  // implementation limits
  localparam int unsigned MaxGuests   = hva_regs_pkg::HVA_VIC_MAX_GUESTS;
  localparam int unsigned MaxIds      = hva_regs_pkg::HVA_VIC_MAX_IDS;
  localparam int unsigned MaxSources  = hva_regs_pkg::HVA_VIC_MAX_SOURCES;
  localparam int unsigned MaxVcpus    = hva_regs_pkg::HVA_VIC_MAX_VCPUS;
  localparam int unsigned MaxPrioBits = hva_regs_pkg::HVA_VIC_MAX_PRIO_BITS;

  // parameters this implementation supports (layout limits); Yosys 0.23 has
  // no elaboration-time $error, so only simulators check them
`ifndef SYNTHESIS
  if (NumGuests < 1 || NumGuests > MaxGuests) begin : gen_bad_guests
    $error("vic: NumGuests out of range");
  end
  if (NumIds < 2 || NumIds > MaxIds || (1 << IdW) != NumIds) begin : gen_bad_ids
    $error("vic: NumIds must be a power of two in 2..64");
  end
  if (NumSources < 1 || NumSources > MaxSources) begin : gen_bad_sources
    $error("vic: NumSources out of range");
  end
  if (NumVcpus < 1 || NumVcpus > MaxVcpus || PrioBits < 1 || PrioBits > MaxPrioBits) begin : gen_bad_misc
    $error("vic: NumVcpus or PrioBits out of range");
  end
  if (NumCtxs < 1 || NumCtxs > MaxCtxs || (1 << CtxB) != NumCtxs || MaxCtxs != 4) begin : gen_bad_ctxs
    $error("vic: NumCtxs must be 1, 2 or 4");
  end
  if (GuestStride != 'h8000 || (GuestBase % GuestStride) != 0 || HypSize != 4096 ||
      (HypBase % HypSize) != 0 || GThreshold != 'h4000 || GClaim != GThreshold + 4 ||
      CtxPage != 'h1000 || CtxEnStride != 'h100 || GEnable != 'h2080 ||
      HypLine != 'h800) begin : gen_bad_layout
    $error("vic: the register map's VIC regions must be aligned powers of two");
  end
`endif

  // ---------------------------------------------------------------- the registered request
  logic             req_q, we_q;
  logic [9:2]       addr_q;    // the word in a region (decoded: dec_q, bus_*_q)
  logic [31:0]      wdata_q;
  logic [3:0]       wstrb_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      req_q <= 1'b0;
    end else begin
      req_q <= req_i;
    end
  end

  // the payload is don't-care without req_q
  always_ff @(posedge clk_i) begin
    if (req_i) begin
      we_q    <= we_i;
      addr_q  <= addr_i[9:2];
      wdata_q <= wdata_i;
      wstrb_q <= wstrb_i;
    end
  end

  // ---------------------------------------------------------------- state (flip-flops)
  logic [NumFiles*NumIds-1:0]   pending_q, pending_d;
  logic [NumFiles-1:0]          clm_ok_q, clm_ok_d;     // claimed word written since reset
  logic [NumUnits*PrioBits-1:0] thresh_q, thresh_d;
  logic [NumUnits-1:0]          best_v_q, best_v_d;     // the context's registered arbitration
  logic [NumUnits*IdW-1:0]      best_id_q, best_id_d;
  logic [NumFiles-1:0]          prio_ok_q, prio_ok_d;   // LUTRAM word written since reset
  logic [NumUnits-1:0]          en_ok_q, en_ok_d;
  logic [UnitW-1:0]             scan_q, scan_d;         // next unit arbitrated in turn
  logic [NumSources-1:0]        src_q, latch_q, latch_d;
  logic [NumSources-1:0]        act_q, act_d, edge_q, edge_d, route_ok_q, route_ok_d;
  logic [SrcW-1:0]              rr_q, rr_d;             // the source scanned this cycle
  logic [NumGUnits-1:0]         run_q, run_d;           // per context: its vCPU runs
  logic [NumGUnits*LineW-1:0]   line_q, line_d;         // per context: its output line
  logic [NumGuests-1:0]         guest_eip_q, guest_eip_d;
  logic                         hyp_irq_q, hyp_irq_d;

  // ---------------------------------------------------------------- register decode
  logic               err, err_dec, wr, rd_req, touch;
  logic [FileW-1:0]   bus_f, mem_f;
  logic [UnitW-1:0]   bus_u, mem_u;
  logic [31:0]        rd_raw, rd_single, wmask, wmerged;

  // The region, the file and the context (unit) an access names are decoded
  // before the request register: they start the VIC's deepest path (the
  // touched unit's enables and threshold, the arbiter, its best).
  logic                    in_hyp_i, in_guest_i, err_i;
  logic [UnitW-1:0]        bus_u_i;
  logic [AddrW-GShift-1:0] g_page_i;
  logic [GShift-1:3]       g_off_i;
  logic [CtxB:0]           bus_k_i;   // the context a guest access names (0 for file pages)
  logic                    err_q;
  logic [FileW-1:0]        bus_f_q;
  logic [UnitW-1:0]        bus_u_q;
  assign g_page_i   = addr_i[AddrW-1:GShift];
  assign g_off_i    = addr_i[GShift-1:3];
  assign in_hyp_i   = addr_i[AddrW-1:12] == (AddrW-12)'(HypBase >> 12);
  assign in_guest_i = g_page_i >= (AddrW-GShift)'(GPage0) &&
                      g_page_i < (AddrW-GShift)'(GPage0 + NumGuests);
  // a context's enables (page 2, + k * 0x100) or its threshold / claim page
  assign err_i      = addr_i[1:0] != 2'b00 || !(in_hyp_i || in_guest_i);
  assign bus_u_i    = in_guest_i ? UnitW'((32'(FileW'(g_page_i - (AddrW-GShift)'(GPage0))) << CtxB) |
                                          32'(bus_k_i))
                                 : UnitW'(HypUnit);
  assign bus_k_i    = (g_off_i[14:12] == 3'(GEnable >> 12) && g_off_i[7:3] == 5'(GEnable >> 3) &&
                       32'(g_off_i[11:8]) < NumCtxs) ? (CtxB+1)'(g_off_i[11:8]) :
                      (g_off_i[14] && 32'(g_off_i[13:12]) < NumCtxs) ? (CtxB+1)'(g_off_i[13:12]) : '0;
  always_ff @(posedge clk_i) begin
    if (req_i) begin
      err_q      <= err_i;
      bus_f_q    <= in_guest_i ? FileW'(g_page_i - (AddrW-GShift)'(GPage0)) : FileW'(HypFile);
      bus_u_q    <= bus_u_i;   // (bus_k_i < NumCtxs: an OR, no adder)
    end
  end
  assign bus_f    = bus_f_q;
  assign bus_u    = bus_u_q;
  assign err      = err_q;
  assign wr       = req_q & we_q & (wstrb_q != 4'b0) & ~err;
  assign rd_req   = req_q & ~we_q & ~err;
  // the file the bus touches is the file arbitrated this cycle
  assign touch    = req_q & ~err;
  // the unit arbitrated this cycle (touch ? bus_u : redo_q ? the claimed
  // context : scan_q), registered: the next cycle's is known from the request
  // coming in, a claim taken now and scan_d
  logic [UnitW-1:0] mem_u_q, redo_u_q;   // redo_u_q: for an assertion only
  logic             claim_taken, redo_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mem_u_q  <= '0;
      redo_q   <= 1'b0;
      redo_u_q <= '0;
    end else begin
      mem_u_q  <= (req_i && !err_i) ? bus_u_i : claim_taken ? bus_u : scan_d;
      redo_q   <= claim_taken && !(req_i && !err_i);
      redo_u_q <= bus_u;
    end
  end
  assign mem_u    = mem_u_q;
  assign mem_f    = FileW'(mem_u >> CtxB);

  always_comb begin
    for (int unsigned b = 0; b < 4; b++) wmask[b*8 +: 8] = {8{wstrb_q[b]}};
  end
  assign wmerged = (rd_raw & ~wmask) | (wdata_q & wmask);

  // what the access names: kind (1 priority, 2 pending, 3 enable, 0 other),
  // id or word idx, or one of the single registers
  logic [1:0]  kind;
  logic [9:0]  idx;
  logic        claim_reg, thresh_reg, running_reg, route_reg, inject_reg, line_reg;
  logic [UnitW-1:0] line_u;      // the context a LINE register names
  logic [7:0]  src_idx;

  assign src_idx = addr_q[9:2];

  // the touched (or scanned) file's words
  logic [NumIds-1:0]   f_pending, f_enable, en_rd;
  logic [PrioW-1:0]    f_prio, prio_rd;   // f_prio: undefined unless f_prio_ok
  logic                f_prio_ok, f_en_ok;
  assign f_enable = en_rd;   // undefined unless f_en_ok

  assign f_prio = prio_rd;
  logic [PrioBits-1:0] f_thresh;
  logic [RouteW-1:0]   route_rd, route_sel;
  logic [31:0]         route_word;
  logic [63:0]         pend64, en64;

  always_comb begin
    f_pending = '0;
    f_thresh  = '0;
    f_en_ok   = 1'b0;
    f_prio_ok = 1'b0;
    for (int unsigned f = 0; f < NumFiles; f++) begin
      if (mem_f == FileW'(f)) begin
        f_pending = pending_q[f*NumIds +: NumIds];
        f_prio_ok = prio_ok_q[f];
      end
    end
    for (int unsigned u = 0; u < NumUnits; u++) begin
      if (mem_u == UnitW'(u)) begin
        f_thresh  = thresh_q[u*PrioBits +: PrioBits];
        f_en_ok   = en_ok_q[u];
      end
    end
    pend64    = 64'(f_pending);
    en64      = f_en_ok ? 64'(f_enable) : '0;
  end

  // a route entry as the register reads it
  always_comb begin
    route_word = '0;
    route_word[RouteVidLsb +: RouteVidW]     = route_rd[0 +: RouteVidW];
    route_word[RouteVcpuLsb +: RouteVcpuW]   = route_rd[RouteVidW +: RouteVcpuW];
    route_word[RouteGuestLsb +: RouteGuestW] = route_rd[RouteVidW + RouteVcpuW +: RouteGuestW];
    route_word[RouteToHyp]                   = route_rd[RouteW-3];
    route_word[RouteEdge]                    = route_rd[RouteW-2];
    route_word[RouteEnable]                  = route_rd[RouteW-1];
    if (!route_ok_q[SrcW'(src_idx)]) route_word = '0;
  end

  // the touched file's best id and the addressed priority
  logic [IdW-1:0]      claim_id;
  logic                claim_v;
  logic [PrioBits-1:0] f_prio_at;
  always_comb begin
    claim_id  = '0;
    claim_v   = 1'b0;
    f_prio_at = '0;
    for (int unsigned u = 0; u < NumUnits; u++) begin
      if (bus_u == UnitW'(u)) begin
        claim_id = best_id_q[u*IdW +: IdW];
        claim_v  = best_v_q[u];
      end
    end
    for (int unsigned i = 0; i < NumIds; i++) begin
      if (idx[IdW-1:0] == IdW'(i)) f_prio_at = f_prio[i*PrioBits +: PrioBits];
    end
  end

  // per guest: a context with a deliverable interrupt; one that does not run
  logic [NumGuests-1:0] file_eip, wake, running;
  logic [31:0]          line_word;
  always_comb begin
    for (int unsigned g = 0; g < NumGuests; g++) begin
      file_eip[g] = |best_v_q[g*NumCtxs +: NumCtxs];
      wake[g]     = |(best_v_q[g*NumCtxs +: NumCtxs] & ~run_q[g*NumCtxs +: NumCtxs]);
      running[g]  = run_q[g*NumCtxs];
    end
    line_word = '0;
    for (int unsigned u = 0; u < NumGUnits; u++) begin
      if (line_u == UnitW'(u)) begin
        line_word[LineW-1:0]  = line_q[u*LineW +: LineW];
        line_word[LineRunBit] = run_q[u];
        line_word[LineEipBit] = best_v_q[u];
      end
    end
  end

  // The decode of an access (address only: before the request register,
  // it would otherwise start the VIC's deepest path, through err_dec and the
  // writes' effects on the arbitration)
  typedef enum logic [3:0] {
    RdNone, RdInfo0, RdInfo1, RdInfo2, RdRunning, RdGuestEip, RdWake, RdSrcLevel, RdRoute, RdLine
  } rsel_e;
  typedef struct packed {
    logic [1:0] kind;
    logic [9:0] idx;
    logic       claim_reg, thresh_reg, running_reg, route_reg, inject_reg, line_reg, err_dec;
    rsel_e      rsel;   // the single register read
  } dec_t;
  dec_t              dec_i, dec_q;
  logic [11:0]       hyp_off_i;
  logic [GShift-1:0] g_off_a;
  assign hyp_off_i = addr_i[11:0];
  assign g_off_a   = addr_i[GShift-1:0];
  always_comb begin
    dec_i         = '0;
    dec_i.kind    = 2'd0;
    dec_i.rsel    = RdNone;

    if (in_hyp_i) begin
      if (hyp_off_i == 12'(HypInfo0)) begin
        dec_i.rsel = RdInfo0;
      end else if (hyp_off_i == 12'(HypInfo1)) begin
        dec_i.rsel = RdInfo1;
      end else if (hyp_off_i == 12'(HypInfo2)) begin
        dec_i.rsel = RdInfo2;
      end else if (hyp_off_i == 12'(HypRunning)) begin
        dec_i.running_reg = 1'b1;
        dec_i.rsel        = RdRunning;
      end else if (hyp_off_i == 12'(HypGuestEip)) begin
        dec_i.rsel = RdGuestEip;
      end else if (hyp_off_i == 12'(HypWake)) begin
        dec_i.rsel = RdWake;
      end else if (hyp_off_i == 12'(HypThreshold)) begin
        dec_i.thresh_reg = 1'b1;
      end else if (hyp_off_i == 12'(HypClaim)) begin
        dec_i.claim_reg = 1'b1;
      end else if (hyp_off_i == 12'(HypInject)) begin
        dec_i.inject_reg = 1'b1;
      end else if (hyp_off_i[11:3] == 9'(HypPending >> 3)) begin
        dec_i.kind = 2'd2;
        dec_i.idx  = 10'(hyp_off_i[2]);
      end else if (hyp_off_i[11:3] == 9'(HypEnable >> 3)) begin
        dec_i.kind = 2'd3;
        dec_i.idx  = 10'(hyp_off_i[2]);
      end else if (hyp_off_i[11:8] == 4'(HypPriority >> 8)) begin   // 4 * MaxIds bytes
        dec_i.kind = 2'd1;
        dec_i.idx  = 10'(hyp_off_i[7:2]);
      end else if (hyp_off_i[11:5] == 7'(HypSrcLevel >> 5)) begin   // MaxSources / 8 bytes
        dec_i.rsel = RdSrcLevel;
      end else if (hyp_off_i[11:10] == 2'(HypRoute >> 10) && 32'(hyp_off_i[9:2]) < NumSources) begin
        dec_i.route_reg = 1'b1;                                    // 4 * MaxSources bytes
        dec_i.rsel      = RdRoute;
      end else if (hyp_off_i[11:8] == 4'(HypLine >> 8) && 32'(hyp_off_i[7:4]) < NumGuests &&
                   32'(hyp_off_i[3:2]) < NumCtxs) begin                // 4 * MaxCtxs per guest
        dec_i.line_reg = 1'b1;
        dec_i.rsel     = RdLine;
      end else begin
        dec_i.err_dec = 1'b1;
      end
    end else begin
      // guest window: the PLIC pages of S contexts 1, 3, ...; anything else
      // reads 0, ignores writes
      if (g_off_a[14:12] == 3'd0) begin
        dec_i.kind = 2'd1;
        dec_i.idx  = g_off_a[11:2];
      end else if (g_off_a[14:3] == 12'(GPending >> 3)) begin
        dec_i.kind = 2'd2;
        dec_i.idx  = 10'(g_off_a[2]);
      end else if (g_off_a[14:12] == 3'(GEnable >> 12) && g_off_a[7:3] == 5'(GEnable >> 3) &&
                   32'(g_off_a[11:8]) < NumCtxs) begin                 // context k at + k * 0x100
        dec_i.kind  = 2'd3;
        dec_i.idx   = 10'(g_off_a[2]);
      end else if (g_off_a[14] && 32'(g_off_a[13:12]) < NumCtxs) begin  // context k's page (bus_k_i)
        if (g_off_a[11:0] == 12'(GThreshold)) begin
          dec_i.thresh_reg = 1'b1;
        end else if (g_off_a[11:0] == 12'(GClaim)) begin
          dec_i.claim_reg = 1'b1;
        end
      end
    end

  end

  always_ff @(posedge clk_i) begin
    if (req_i) dec_q <= dec_i;
  end
  assign kind        = dec_q.kind;
  assign idx         = dec_q.idx;
  assign claim_reg   = dec_q.claim_reg;
  assign thresh_reg  = dec_q.thresh_reg;
  assign running_reg = dec_q.running_reg;
  assign route_reg   = dec_q.route_reg;
  assign inject_reg  = dec_q.inject_reg;
  assign line_reg    = dec_q.line_reg;
  assign err_dec     = dec_q.err_dec;
  assign line_u      = UnitW'((32'(addr_q[7:4]) << CtxB) + 32'(addr_q[3:2]));

  always_comb begin
    rd_single = '0;
    unique case (dec_q.rsel)
      RdInfo0:    rd_single = {8'(Version), 8'(PrioBits), 8'(NumVcpus), 8'(NumGuests)};
      RdInfo1:    rd_single = {16'(NumSources), 16'(NumIds)};
      RdInfo2:    rd_single = {16'd0, 8'(NumGuests), 8'(NumCtxs)};
      RdRunning:  rd_single = 32'(running);
      RdGuestEip: rd_single = 32'(file_eip);
      RdWake:     rd_single = 32'(wake);
      RdSrcLevel: begin
        for (int unsigned b = 0; b < 32; b++) begin
          if (32 * 32'(addr_q[4:2]) + b < NumSources) begin
            rd_single[b] = src_q[32 * 32'(addr_q[4:2]) + b];
          end
        end
      end
      RdRoute:    rd_single = route_word;
      RdLine:     rd_single = line_word;
      default:    rd_single = '0;
    endcase
  end

  always_comb begin
    rd_raw = rd_single;
    // a file's registers
    case (kind)
      2'd1: if (idx < 10'(NumIds)) begin
        rd_raw = f_prio_ok ? 32'(f_prio_at) : '0;
      end
      2'd2: rd_raw = idx[0] ? pend64[63:32] : pend64[31:0];
      2'd3: rd_raw = idx[0] ? en64[63:32] : en64[31:0];
      default: ;
    endcase
    if (thresh_reg) rd_raw = 32'(f_thresh);
    if (claim_reg && claim_v) rd_raw = 32'(claim_id);
  end

  // the hypervisor region's other offsets answer with an error
  logic err_all;
  assign err_all = err || err_dec;

  assign rdata_o = (req_q && !we_q && !err_all) ? rd_raw : '0;
  assign err_o   = req_q & err_all;

  // ---------------------------------------------------------------- side effects
  logic ok_wr, ok_rd;   // an access without error
  logic prio_we, en_we, claim_now, complete_now, inval;
  logic inject;
  logic [FileW-1:0] inject_f;
  logic [IdW-1:0]   inject_id;
  logic [PrioW-1:0]  prio_wd;
  logic [NumIds-1:0] en_wd;
  // two enable words whatever NumIds is; bits above NumIds are dropped
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0]       en_wide;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [RouteW-1:0] route_wd;
  logic              route_valid;

  assign ok_wr = wr & ~err_dec;
  assign ok_rd = rd_req & ~err_dec;

  assign prio_we      = ok_wr && kind == 2'd1 && idx < 10'(NumIds) && idx != '0;
  assign en_we        = ok_wr && kind == 2'd3;
  assign claim_now    = ok_rd && claim_reg;
  assign complete_now = ok_wr && claim_reg;
  // a write that may change which id is the file's best (the arbiter sees
  // the old value this cycle)
  assign inval        = ok_wr && (kind == 2'd1 || kind == 2'd3 || thresh_reg);
  // a claim that returns an id, and that id one-hot (the pending and claimed
  // bits' update)
  logic [NumIds-1:0] claim_1h;
  assign claim_taken = claim_now && claim_v;
  always_comb begin
    for (int unsigned i = 0; i < NumIds; i++) begin
      claim_1h[i] = claim_taken && claim_id == IdW'(i);
    end
  end

  always_comb begin
    prio_wd = f_prio_ok ? f_prio : '0;
    for (int unsigned i = 0; i < NumIds; i++) begin
      if (idx[IdW-1:0] == IdW'(i)) prio_wd[i*PrioBits +: PrioBits] = wmerged[PrioBits-1:0];
    end
    en_wide = en64;
    if (idx[0]) en_wide[63:32] = wmerged;
    else        en_wide[31:0]  = wmerged;
    en_wd = en_wide[NumIds-1:0] & {{(NumIds-1){1'b1}}, 1'b0};
  end

  // a route write keeps the fields; an enabled route to an existing target
  // is active (its gateway forwards)
  always_comb begin
    route_wd = {wmerged[RouteEnable], wmerged[RouteEdge], wmerged[RouteToHyp],
                wmerged[RouteGuestLsb +: RouteGuestW], wmerged[RouteVcpuLsb +: RouteVcpuW],
                wmerged[RouteVidLsb +: RouteVidW]};
    route_valid = wmerged[RouteEnable] && wmerged[RouteVidLsb +: RouteVidW] != '0 &&
                  wmerged[RouteVidLsb +: RouteVidW] < RouteVidW'(NumIds) &&
                  (wmerged[RouteToHyp] || wmerged[RouteGuestLsb +: RouteGuestW] < RouteGuestW'(NumGuests));
  end

  // inject: set a pending bit by software (same fields as a route)
  assign inject_f  = wdata_q[RouteToHyp] ? FileW'(HypFile) : FileW'(wdata_q[RouteGuestLsb +: RouteGuestW]);
  assign inject_id = wdata_q[RouteVidLsb +: IdW];
  assign inject    = ok_wr && inject_reg &&
                     wdata_q[RouteVidLsb +: RouteVidW] != '0 &&
                     wdata_q[RouteVidLsb +: RouteVidW] < RouteVidW'(NumIds) &&
                     (wdata_q[RouteToHyp] || wdata_q[RouteGuestLsb +: RouteGuestW] < RouteGuestW'(NumGuests));

  // ---------------------------------------------------------------- memories
  // priorities and enables: one address (the touched or scanned file), so
  // the second read port is left unused
  logic [PrioW-1:0]  unused_prio_a;
  logic [NumIds-1:0] unused_en_a;
  vic_lutram #(.Depth(NumFiles), .Width(PrioW)) u_prio (
    .clk_i,
    .we_i     (prio_we),
    .waddr_i  (mem_f),
    .wdata_i  (prio_wd),
    .rdata_w_o(prio_rd),
    .raddr_a_i(mem_f),
    .rdata_a_o(unused_prio_a)
  );

  vic_lutram #(.Depth(NumUnits), .Width(NumIds)) u_enable (
    .clk_i,
    .we_i     (en_we),
    .waddr_i  (mem_u),
    .wdata_i  (en_wd),
    .rdata_w_o(en_rd),
    .raddr_a_i(mem_u),
    .rdata_a_o(unused_en_a)
  );

  vic_lutram #(.Depth(NumSources), .Width(RouteW)) u_route (
    .clk_i,
    .we_i     (ok_wr && route_reg),
    .waddr_i  (SrcW'(src_idx)),
    .wdata_i  (route_wd),
    .rdata_w_o(route_rd),
    .raddr_a_i(rr_q),
    .rdata_a_o(route_sel)
  );

  // ---------------------------------------------------------------- gateways: one source per cycle
  logic [NumSources-1:0] rise, want, fwd_1h;
  logic                  fwd, sel_busy;
  logic [FileW-1:0]      sel_f;
  logic [IdW-1:0]        sel_id;
  localparam int unsigned BusyW = (1 << FileW) * NumIds;
  logic [BusyW-1:0]      pend_pad;
  logic [(1 << FileW)-1:0] clm_ok_pad;
  logic [NumIds-1:0]     clm_sel;   // the claimed bits of the file sel_f

  assign rise = src_i & ~src_q;
  // an active edge route forwards a rising edge or its latch, a level route its level
  assign want = act_q & ((edge_q & (latch_q | rise)) | (~edge_q & src_i));


  assign sel_f    = route_sel[RouteW-3] ? FileW'(HypFile)
                                        : FileW'(route_sel[RouteVidW + RouteVcpuW +: RouteGuestW]);
  assign sel_id   = route_sel[0 +: IdW];
  assign pend_pad   = BusyW'(pending_q);
  assign clm_ok_pad = (1 << FileW)'(clm_ok_q);
  assign sel_busy   = pend_pad[{sel_f, sel_id}] || (clm_ok_pad[sel_f] && clm_sel[sel_id]);
  // the scanned source forwards if it wants to and its target is idle; an
  // injection takes the files' set port this cycle
  logic sel_wants;
  always_comb begin
    sel_wants = 1'b0;
    for (int unsigned s = 0; s < NumSources; s++) begin
      if (rr_q == SrcW'(s)) sel_wants = want[s];
    end
  end
  assign fwd = sel_wants & ~sel_busy & ~inject;

  always_comb begin
    for (int unsigned s = 0; s < NumSources; s++) fwd_1h[s] = fwd && rr_q == SrcW'(s);
  end
  assign latch_d = act_q & edge_q & (latch_q | rise) & ~fwd_1h;
  assign rr_d    = 32'(rr_q) == NumSources - 1 ? '0 : rr_q + 1'b1;

  always_comb begin
    act_d      = act_q;
    edge_d     = edge_q;
    route_ok_d = route_ok_q;
    if (ok_wr && route_reg) begin
      act_d[SrcW'(src_idx)]      = route_valid;
      edge_d[SrcW'(src_idx)]     = wmerged[RouteEdge];
      route_ok_d[SrcW'(src_idx)] = 1'b1;
    end
  end

  // ---------------------------------------------------------------- files
  logic             set_v;
  logic [FileW-1:0] set_f;
  logic [IdW-1:0]   set_id, complete_id;
  logic             complete_ok;
  logic             arb_v;
  logic [IdW-1:0]   arb_id;
  logic [NumIds-1:0] cand;

  assign set_v       = fwd | inject;
  assign set_f       = inject ? inject_f : sel_f;
  assign set_id      = inject ? inject_id : sel_id;
  assign complete_id = wdata_q[IdW-1:0];
  assign complete_ok = complete_now && wdata_q[31:IdW] == '0;

  // per (file, id): one decoded set, claim and complete (one bus access a cycle)
  always_comb begin
    for (int unsigned f = 0; f < NumFiles; f++) begin
      for (int unsigned i = 0; i < NumIds; i++) begin
        logic at_bus, clm, set;
        at_bus = bus_f == FileW'(f);
        clm    = at_bus && claim_1h[i];
        set    = set_v && set_f == FileW'(f) && set_id == IdW'(i);
        pending_d[f*NumIds + i] = i != 0 && ((pending_q[f*NumIds + i] && !clm) || set);
      end
    end
  end

  // The claimed bits are in LUTRAM, a word per file (flip-flops and their
  // update and lookup cost about 200 LUT; issue 9, area): only a claim
  // (sets) or a complete (clears) changes them, in the bus's file, so one
  // write port at bus_f does (read-modify-write, the valid bit clm_ok_q
  // making a never-written word read 0); the second read port serves the
  // scanned source's busy check.
  logic              clm_we;
  logic [NumIds-1:0] clm_w, clm_wd, cpl_1h;
  always_comb begin
    for (int unsigned i = 0; i < NumIds; i++) begin
      cpl_1h[i] = complete_ok && complete_id == IdW'(i);
    end
  end
  assign clm_we = claim_taken || complete_ok;
  // (id 0 is never claimed)
  assign clm_wd = (((clm_ok_pad[bus_f] ? clm_w : '0) & ~cpl_1h) | claim_1h) &
                  {{(NumIds-1){1'b1}}, 1'b0};

  vic_lutram #(.Depth(NumFiles), .Width(NumIds)) u_claimed (
    .clk_i,
    .we_i     (clm_we),
    .waddr_i  (bus_f),
    .wdata_i  (clm_wd),
    .rdata_w_o(clm_w),
    .raddr_a_i(sel_f),
    .rdata_a_o(clm_sel)
  );

  always_comb begin
    thresh_d  = thresh_q;
    prio_ok_d = prio_ok_q;
    clm_ok_d  = clm_ok_q;
    en_ok_d   = en_ok_q;
    for (int unsigned f = 0; f < NumFiles; f++) begin
      if (bus_f == FileW'(f) && prio_we) prio_ok_d[f] = 1'b1;
      if (bus_f == FileW'(f) && clm_we)  clm_ok_d[f]  = 1'b1;
    end
    for (int unsigned u = 0; u < NumUnits; u++) begin
      if (bus_u == UnitW'(u)) begin
        if (ok_wr && thresh_reg) thresh_d[u*PrioBits +: PrioBits] = wmerged[PrioBits-1:0];
        if (en_we)   en_ok_d[u]   = 1'b1;
      end
    end
  end

  // the shared arbiter, on the touched or scanned file: the best pending and
  // enabled id, delivered if its priority is above the threshold. A claim
  // empties its context's best and arbitrates it again the next cycle (a
  // "redo", unless a bus access takes that cycle), once the claimed id has
  // left pending: taking the id out of this cycle's candidates instead put
  // the best's unit mux and an id compare at the head of the VIC's deepest
  // path (the touched unit's best, the arbiter, the threshold).
  logic                arb_any;
  logic [PrioBits-1:0] arb_prio;
  assign cand = f_pending & f_enable;

  vic_arbiter #(.NumIds(NumIds), .PrioBits(PrioBits)) u_arbiter (
    .cand_i (cand),
    .prio_i (f_prio),
    .valid_o(arb_any),
    .id_o   (arb_id),
    .prio_o (arb_prio)
  );
  assign arb_v = arb_any && f_prio_ok && f_en_ok && arb_prio > f_thresh;

  // a priority write empties every context of the file; a claim every
  // context of the file that holds the claimed id (it is no longer pending)
  logic prio_wr;
  assign prio_wr = ok_wr && kind == 2'd1;
  always_comb begin
    best_v_d  = best_v_q;
    best_id_d = best_id_q;
    for (int unsigned u = 0; u < NumUnits; u++) begin
      if (bus_f == FileW'(u >> CtxB) &&
          (prio_wr || (claim_taken && best_id_q[u*IdW +: IdW] == claim_id))) begin
        best_v_d[u] = 1'b0;
      end
    end
    for (int unsigned u = 0; u < NumUnits; u++) begin
      if (mem_u == UnitW'(u)) begin
        best_v_d[u]             = arb_v && !(touch && (inval || claim_taken));
        best_id_d[u*IdW +: IdW] = arb_id;
      end
    end
    scan_d = (touch || redo_q) ? scan_q : (32'(scan_q) == NumUnits - 1 ? '0 : scan_q + 1'b1);
  end

  // ---------------------------------------------------------------- outputs
  always_comb begin
    run_d  = run_q;
    line_d = line_q;
    for (int unsigned g = 0; g < NumGuests; g++) begin
      if (ok_wr && running_reg) run_d[g*NumCtxs] = wmerged[g];
    end
    for (int unsigned u = 0; u < NumGUnits; u++) begin
      if (ok_wr && line_reg && line_u == UnitW'(u)) begin
        run_d[u]                 = wmerged[LineRunBit];
        line_d[u*LineW +: LineW] = wmerged[LineW-1:0];
      end
    end
    // a line is the OR of the running contexts with a deliverable interrupt on it
    guest_eip_d = '0;
    for (int unsigned u = 0; u < NumGUnits; u++) begin
      for (int unsigned j = 0; j < NumGuests; j++) begin
        if (line_q[u*LineW +: LineW] == LineW'(j) && run_q[u] && best_v_q[u]) guest_eip_d[j] = 1'b1;
      end
    end
  end
  assign hyp_irq_d = best_v_q[HypUnit] | |(best_v_q[NumGUnits-1:0] & ~run_q);

  // reset: context k of guest g on line g (one context per guest needs no LINE write)
  logic [NumGUnits*LineW-1:0] line_rst;
  always_comb begin
    for (int unsigned u = 0; u < NumGUnits; u++) line_rst[u*LineW +: LineW] = LineW'(u >> CtxB);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pending_q   <= '0;
      clm_ok_q    <= '0;
      thresh_q    <= '0;
      best_v_q    <= '0;
      best_id_q   <= '0;
      prio_ok_q   <= '0;
      en_ok_q     <= '0;
      scan_q      <= '0;
      src_q       <= '0;
      latch_q     <= '0;
      act_q       <= '0;
      edge_q      <= '0;
      route_ok_q  <= '0;
      rr_q        <= '0;
      run_q       <= '0;
      line_q      <= line_rst;
      guest_eip_q <= '0;
      hyp_irq_q   <= 1'b0;
    end else begin
      pending_q   <= pending_d;
      clm_ok_q    <= clm_ok_d;
      thresh_q    <= thresh_d;
      best_v_q    <= best_v_d;
      best_id_q   <= best_id_d;
      prio_ok_q   <= prio_ok_d;
      en_ok_q     <= en_ok_d;
      scan_q      <= scan_d;
      src_q       <= src_i;
      latch_q     <= latch_d;
      act_q       <= act_d;
      edge_q      <= edge_d;
      route_ok_q  <= route_ok_d;
      rr_q        <= rr_d;
      run_q       <= run_d;
      line_q      <= line_d;
      guest_eip_q <= guest_eip_d;
      hyp_irq_q   <= hyp_irq_d;
    end
  end

  assign guest_eip_o = guest_eip_q;
  assign hyp_irq_o   = hyp_irq_q;

  // the vCPU field is stored for the hypervisor only; the routed source's
  // vid bits above IdW are zero for an active route
  logic unused_route;
  assign unused_route = ^{src_idx, route_sel[RouteVidW +: RouteVcpuW], route_sel[RouteW-1 -: 2],
                          route_sel[IdW +: RouteVidW - IdW], unused_prio_a, unused_en_a};

  // ---------------------------------------------------------------- assertions
`ifndef SYNTHESIS
  // "no lost interrupt" per context needs the LUTRAM contents: a shadow of
  // the enables and priorities, written as the memories are
  logic [NumUnits*NumIds-1:0] sh_en_q;
  logic [NumFiles*PrioW-1:0]  sh_prio_q;
  logic [NumUnits-1:0]        deliverable;
  logic [NumUnits*8-1:0]      starve_q, starve_d;
  // the claimed bits as flip-flops (as before they moved to LUTRAM)
  logic [NumFiles*NumIds-1:0] claimed_q, claimed_d;
  logic [NumFiles*NumIds-1:0] sh_busy;
  logic [BusyW-1:0]           sh_busy_pad;
  assign sh_busy     = pending_q | claimed_q;
  assign sh_busy_pad = BusyW'(sh_busy);
  always_comb begin
    for (int unsigned f = 0; f < NumFiles; f++) begin
      for (int unsigned i = 0; i < NumIds; i++) begin
        claimed_d[f*NumIds + i] = i != 0 &&
            ((claimed_q[f*NumIds + i] && !(bus_f == FileW'(f) && cpl_1h[i])) ||
             (bus_f == FileW'(f) && claim_1h[i]));
      end
    end
  end
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sh_en_q   <= '0;
      sh_prio_q <= '0;
      claimed_q <= '0;
      starve_q  <= '0;
    end else begin
      if (en_we)   sh_en_q[32'(mem_u)*NumIds +: NumIds] <= en_wd;
      if (prio_we) sh_prio_q[32'(mem_f)*PrioW +: PrioW] <= prio_wd;
      starve_q <= starve_d;
      claimed_q <= claimed_d;
    end
  end
  // a context with a deliverable interrupt and an empty best counts the
  // cycles the arbiter scans (no bus access) until it holds one
  always_comb begin
    for (int unsigned u = 0; u < NumUnits; u++) begin
      deliverable[u] = 1'b0;
      for (int unsigned i = 1; i < NumIds; i++) begin
        if (pending_q[(u >> CtxB)*NumIds + i] && sh_en_q[u*NumIds + i] &&
            sh_prio_q[(u >> CtxB)*PrioW + i*PrioBits +: PrioBits] >
            thresh_q[u*PrioBits +: PrioBits]) begin
          deliverable[u] = 1'b1;
        end
      end
      starve_d[u*8 +: 8] = (deliverable[u] && !best_v_q[u]) ?
                           starve_q[u*8 +: 8] + 8'(!touch && !redo_q) : 8'd0;
    end
  end

  always_comb begin
    if (rst_ni) begin
      // legal states
      a_scan_range: assert (32'(scan_q) < NumUnits);
      a_mem_u:      assert (mem_u == (touch ? bus_u : redo_q ? redo_u_q : scan_q));
      a_redo:       assert (!(touch && redo_q));
      a_rr_range:   assert (32'(rr_q) < NumSources);
      for (int unsigned f = 0; f < NumFiles; f++) begin
        // (no labels in loops: Yosys names each assertion by its label)
        // id 0 is never pending nor claimed
        assert (!pending_q[f*NumIds] && !claimed_q[f*NumIds]);
      end
      for (int unsigned u = 0; u < NumUnits; u++) begin
        // no doubled interrupt per context: a context's best is an id that
        // is pending in its file (a claim from any context takes it out of
        // every other context's best, so no two claims return it)
        assert (!best_v_q[u] ||
                                (best_id_q[u*IdW +: IdW] != '0 &&
                                 pending_q[(u >> CtxB)*NumIds + 32'(best_id_q[u*IdW +: IdW])]));
        // no lost interrupt per context: one that is deliverable reaches
        // the context's best (its line, its claim) within one scan
        assert (32'(starve_q[u*8 +: 8]) <= NumUnits);
      end
      a_active_route_stored: assert ((act_q & ~route_ok_q) == '0);
      // no doubled interrupt: a request is forwarded only to an idle target,
      // through an active route
      // the LUTRAM's claimed bits are the shadow's
      a_busy_shadow: assert (sel_busy == sh_busy_pad[{sel_f, sel_id}]);
      a_fwd_idle:   assert (!fwd || (!sel_busy && act_q[rr_q] && want[rr_q]));
      a_fwd_valid:  assert (!fwd || (32'(sel_f) < NumFiles && sel_id != '0));
      // no lost interrupt: an edge (new or latched) of an active edge route
      // is forwarded this cycle or stays latched
      for (int unsigned s = 0; s < NumSources; s++) begin
        assert (!(act_q[s] && edge_q[s] && (rise[s] || latch_q[s])) ||
                             fwd_1h[s] || latch_d[s]);
      end
      // a claim answers the registered best, and only it leaves pending
      a_claim_rsp: assert (!claim_now || rdata_o == (claim_v ? 32'(claim_id) : 32'd0));
      a_pending_only_claim: assert (((pending_q & ~pending_d) & ~claimed_d) == '0);
      a_one_set: assert ($countones(pending_d & ~pending_q) <= 1);
    end
  end
`endif

endmodule
