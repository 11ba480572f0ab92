// Virtual interrupt controller of the HVA: per-source gateways, a routing
// table (physical source -> guest file or the hypervisor's file, virtual id,
// level/edge, vCPU hint), one interrupt file per guest plus the hypervisor's,
// and a register port on the HVA's internal register bus. Layout: the HVA register map
// (rtl/hva/hva_regs.map -> hva_regs_pkg), read by C through
// hypervisor/lib/vic_model/vic_layout.h. The C model hypervisor/lib/vic_model
// matches this module cycle by cycle.
//
// Register bus: a request (req_i with we_i/addr_i/wdata_i/wstrb_i) is answered
// in the same cycle (rdata_o/err_o, combinational); its side effects (writes,
// claim, complete, inject) take place at the following clock edge.
module vic #(
  parameter int unsigned NumGuests  = 4,
  parameter int unsigned NumIds     = 32,  // per file, id 0 reserved
  parameter int unsigned NumSources = 32,
  parameter int unsigned NumVcpus   = 4,   // per guest; a routing hint for the hypervisor
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
  output logic [31:0]           rdata_o,
  output logic                  err_o,
  // outputs
  output logic [NumGuests-1:0]  guest_eip_o,  // per guest, to a hart's hgeip bit
  output logic                  hyp_irq_o     // to the hypervisor (its sources, or wake a guest)
);

  localparam int unsigned NumFiles = NumGuests + 1;
  localparam int unsigned HypFile  = NumGuests;
  localparam int unsigned IdW      = $clog2(NumIds);
  localparam int unsigned FileW    = $clog2(NumFiles);

  // The register layout, every value from the HVA's register map
  // (rtl/hva/hva_regs.map -> hva_regs_pkg; the C side reads the same map
  // through hypervisor/lib/vic_model/vic_layout.h). Module-level, because
  // Yosys 0.23 cannot read one package's parameters from another's.
  // regions, as offsets in the HVA register space
  localparam int unsigned HypBase     = hva_regs_pkg::HVA_VIC_HYP_OFFSET;
  localparam int unsigned HypSize     = hva_regs_pkg::HVA_VIC_HYP_SIZE;
  localparam int unsigned GuestBase   = hva_regs_pkg::HVA_VIC_GUEST_OFFSET;
  localparam int unsigned GuestStride = hva_regs_pkg::HVA_VIC_GUEST_STRIDE;

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

  // guest window, offsets from GuestBase + g * GuestStride (PLIC context 1 pages)
  localparam int unsigned GPending     = hva_regs_pkg::VIC_GUEST_PENDING_OFFSET - GuestBase;
  localparam int unsigned GEnable      = hva_regs_pkg::VIC_GUEST_ENABLE_S_OFFSET - GuestBase;
  localparam int unsigned GThreshold   = hva_regs_pkg::VIC_GUEST_THRESHOLD_OFFSET - GuestBase;
  localparam int unsigned GClaim       = hva_regs_pkg::VIC_GUEST_CLAIM_OFFSET - GuestBase;

  localparam int unsigned Version      = hva_regs_pkg::HVA_VIC_VERSION;

  // routing table entry fields (the INJECT command's layout)
  localparam int unsigned RouteVidLsb   = hva_regs_pkg::VIC_HYP_INJECT_VID_LSB;
  localparam int unsigned RouteVidW     = hva_regs_pkg::VIC_HYP_INJECT_VID_WIDTH;
  // The vCPU field is only stored for the hypervisor (which vCPU to wake); no
  // logic reads it, hence the waiver.
  /* verilator lint_off UNUSEDPARAM */
  localparam int unsigned RouteVcpuLsb  = hva_regs_pkg::VIC_HYP_INJECT_VCPU_LSB;
  /* verilator lint_on UNUSEDPARAM */
  localparam int unsigned RouteGuestLsb = hva_regs_pkg::VIC_HYP_INJECT_GUEST_LSB;
  localparam int unsigned RouteToHyp    = hva_regs_pkg::VIC_HYP_INJECT_TO_HYP_LSB;
  localparam int unsigned RouteEdge     = hva_regs_pkg::VIC_HYP_INJECT_EDGE_LSB;
  localparam int unsigned RouteEnable   = hva_regs_pkg::VIC_HYP_INJECT_ENABLE_LSB;
  localparam logic [31:0] RouteStored   = hva_regs_pkg::VIC_HYP_INJECT_WOMASK;   // the bits a route keeps

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
`endif

  // ---------------------------------------------------------------- state
  logic [NumSources*32-1:0] route_q, route_d;
  logic [NumGuests-1:0]     running_q, running_d;
  logic [NumGuests-1:0]     guest_eip_q, guest_eip_d;
  logic                     hyp_irq_q, hyp_irq_d;

  // per-file signals, flattened by file
  logic [NumFiles*NumIds-1:0]          file_set, file_busy, file_pending, file_enable;
  logic [NumFiles*NumIds*PrioBits-1:0] file_prio;
  logic [NumFiles*PrioBits-1:0]        file_thresh;
  logic [NumFiles-1:0]                 file_eip;
  logic [NumFiles*IdW-1:0]             file_best;
  logic [NumFiles-1:0]                 f_claim, f_complete, f_prio_we, f_enable_we, f_thresh_we;
  logic [IdW-1:0]                      prio_id;
  logic                                enable_word;

  // ---------------------------------------------------------------- gateways
  logic [NumSources-1:0] src_valid, src_edge, src_busy, src_fwd, src_level;
  logic [NumSources*FileW-1:0] src_file;
  logic [NumSources*IdW-1:0]   src_vid;

  always_comb begin
    for (int unsigned s = 0; s < NumSources; s++) begin
      logic [31:0] r;
      logic [3:0]  guest;
      logic [9:0]  vid;
      r     = route_q[s*32 +: 32];
      guest = r[RouteGuestLsb +: 4];
      vid   = r[RouteVidLsb +: RouteVidW];
      src_edge[s]  = r[RouteEdge];
      src_valid[s] = r[RouteEnable] && vid != '0 && vid < 10'(NumIds) &&
                     (r[RouteToHyp] || guest < 4'(NumGuests));
      src_file[s*FileW +: FileW] = r[RouteToHyp] ? FileW'(HypFile) : FileW'(guest);
      src_vid[s*IdW +: IdW]      = vid[IdW-1:0];
      src_busy[s] = src_valid[s] &&
                    file_busy[32'(src_file[s*FileW +: FileW])*NumIds + 32'(src_vid[s*IdW +: IdW])];
    end
  end

  for (genvar s = 0; s < NumSources; s++) begin : gen_gateway
    vic_gateway u_gateway (
      .clk_i,
      .rst_ni,
      .src_i        (src_i[s]),
      .route_valid_i(src_valid[s]),
      .route_edge_i (src_edge[s]),
      .target_busy_i(src_busy[s]),
      .level_o      (src_level[s]),
      .fwd_o        (src_fwd[s])
    );
  end

  // ---------------------------------------------------------------- register decode
  logic        in_hyp, in_guest, aligned, wr, rd_req;
  logic [11:0] hyp_off;
  logic [13:0] g_off;
  logic [AddrW-1:0] g_rel;
  logic [FileW-1:0] g_idx;
  logic [31:0] rd_raw, wmask, wmerged;
  logic        err;
  logic [NumGuests-1:0] wake;
  logic        inject;
  logic [FileW-1:0] inject_file;
  logic [IdW-1:0]   inject_id;

  assign in_hyp   = addr_i >= AddrW'(HypBase) && addr_i < AddrW'(HypBase + HypSize);
  assign in_guest = addr_i >= AddrW'(GuestBase) &&
                    addr_i < AddrW'(GuestBase + NumGuests * GuestStride);
  assign aligned  = addr_i[1:0] == 2'b00;
  assign hyp_off  = addr_i[11:0];
  assign g_rel    = addr_i - AddrW'(GuestBase);
  assign g_off    = g_rel[13:0];
  assign g_idx    = FileW'(g_rel >> 14);
  assign wr       = req_i & we_i & (wstrb_i != 4'b0);
  assign rd_req   = req_i & ~we_i;
  assign wake     = file_eip[NumGuests-1:0] & ~running_q;

  always_comb begin
    for (int unsigned b = 0; b < 4; b++) wmask[b*8 +: 8] = {8{wstrb_i[b]}};
  end
  assign wmerged = (rd_raw & ~wmask) | (wdata_i & wmask);

  // what the access names: file f, kind (1 priority, 2 pending, 3 enable,
  // 0 other), id or word idx, or one of the single registers
  logic [FileW-1:0] f;
  logic [1:0]       kind;
  logic [9:0]       idx;
  logic             claim_reg, thresh_reg, running_reg, route_reg, inject_reg;
  logic [7:0]       src_idx;

  always_comb begin

    rd_raw      = '0;
    err         = 1'b0;
    f           = '0;
    kind        = 2'd0;
    idx         = '0;
    claim_reg   = 1'b0;
    thresh_reg  = 1'b0;
    running_reg = 1'b0;
    route_reg   = 1'b0;
    inject_reg  = 1'b0;
    src_idx     = '0;

    if (!aligned || !(in_hyp || in_guest)) begin
      err = 1'b1;
    end else if (in_hyp) begin
      f = FileW'(HypFile);
      if (hyp_off == 12'(HypInfo0)) begin
        rd_raw = {8'(Version), 8'(PrioBits), 8'(NumVcpus), 8'(NumGuests)};
      end else if (hyp_off == 12'(HypInfo1)) begin
        rd_raw = {16'(NumSources), 16'(NumIds)};
      end else if (hyp_off == 12'(HypRunning)) begin
        running_reg = 1'b1;
        rd_raw      = 32'(running_q);
      end else if (hyp_off == 12'(HypGuestEip)) begin
        rd_raw = 32'(file_eip[NumGuests-1:0]);
      end else if (hyp_off == 12'(HypWake)) begin
        rd_raw = 32'(wake);
      end else if (hyp_off == 12'(HypThreshold)) begin
        thresh_reg = 1'b1;
      end else if (hyp_off == 12'(HypClaim)) begin
        claim_reg = 1'b1;
      end else if (hyp_off == 12'(HypInject)) begin
        inject_reg = 1'b1;
      end else if (hyp_off >= 12'(HypPending) && hyp_off < 12'(HypPending + 8)) begin
        kind = 2'd2;
        idx  = 10'(hyp_off[2]);
      end else if (hyp_off >= 12'(HypEnable) && hyp_off < 12'(HypEnable + 8)) begin
        kind = 2'd3;
        idx  = 10'(hyp_off[2]);
      end else if (hyp_off >= 12'(HypPriority) && hyp_off < 12'(HypPriority + 4 * MaxIds)) begin
        kind = 2'd1;
        idx  = 10'(hyp_off[7:2]);
      end else if (hyp_off >= 12'(HypSrcLevel) && hyp_off < 12'(HypSrcLevel + MaxSources / 8)) begin
        for (int unsigned b = 0; b < 32; b++) begin
          if (32 * 32'(hyp_off[4:2]) + b < NumSources) begin
            rd_raw[b] = src_level[32 * 32'(hyp_off[4:2]) + b];
          end
        end
      end else if (hyp_off >= 12'(HypRoute)) begin  // 0x400..0xfff: 768 words, 256 used
        src_idx = hyp_off[9:2];
        if (hyp_off < 12'(HypRoute + 4 * MaxSources) && 32'(src_idx) < NumSources) begin
          route_reg = 1'b1;
          rd_raw    = route_q[32'(src_idx)*32 +: 32];
        end else begin
          err = 1'b1;
        end
      end else begin
        err = 1'b1;
      end
    end else begin
      // guest window: PLIC context 1 pages; anything else reads 0, ignores writes
      f = g_idx;
      if (g_off[13:12] == 2'd0) begin
        kind = 2'd1;
        idx  = g_off[11:2];
      end else if (g_off >= 14'(GPending) && g_off < 14'(GPending + 8)) begin
        kind = 2'd2;
        idx  = 10'(g_off[2]);
      end else if (g_off >= 14'(GEnable) && g_off < 14'(GEnable + 8)) begin
        kind = 2'd3;
        idx  = 10'(g_off[2]);
      end else if (g_off == 14'(GThreshold)) begin
        thresh_reg = 1'b1;
      end else if (g_off == 14'(GClaim)) begin
        claim_reg = 1'b1;
      end
    end

    // a file's registers
    case (kind)
      2'd1: if (idx < 10'(NumIds)) begin
        rd_raw = 32'(file_prio[(32'(f)*NumIds + 32'(idx))*PrioBits +: PrioBits]);
      end
      2'd2: rd_raw = 32'(64'(file_pending[32'(f)*NumIds +: NumIds]) >> (32 * 32'(idx[0])));
      2'd3: rd_raw = 32'(64'(file_enable[32'(f)*NumIds +: NumIds]) >> (32 * 32'(idx[0])));
      default: ;
    endcase
    if (thresh_reg) rd_raw = 32'(file_thresh[32'(f)*PrioBits +: PrioBits]);
    if (claim_reg && file_eip[f]) rd_raw = 32'(file_best[32'(f)*IdW +: IdW]);
  end

  always_comb begin

    // side effects (none on error)
    f_claim     = '0;
    f_complete  = '0;
    f_prio_we   = '0;
    f_enable_we = '0;
    f_thresh_we = '0;
    if (!err) begin
      f_claim[f]     = rd_req & claim_reg;
      f_complete[f]  = wr & claim_reg;
      f_prio_we[f]   = wr & (kind == 2'd1) & (idx < 10'(NumIds));
      f_enable_we[f] = wr & (kind == 2'd3);
      f_thresh_we[f] = wr & thresh_reg;
    end
    prio_id     = idx[IdW-1:0];
    enable_word = idx[0];

    running_d = running_q;
    route_d   = route_q;
    if (!err && wr && running_reg) running_d = wmerged[NumGuests-1:0];
    if (!err && wr && route_reg)   route_d[32'(src_idx)*32 +: 32] = wmerged & RouteStored;

    // inject: set a pending bit by software (same fields as a route)
    inject      = 1'b0;
    inject_file = wdata_i[RouteToHyp] ? FileW'(HypFile) : FileW'(wdata_i[RouteGuestLsb +: 4]);
    inject_id   = wdata_i[RouteVidLsb +: IdW];
    if (!err && wr && inject_reg &&
        wdata_i[RouteVidLsb +: RouteVidW] != '0 &&
        wdata_i[RouteVidLsb +: RouteVidW] < 10'(NumIds) &&
        (wdata_i[RouteToHyp] || wdata_i[RouteGuestLsb +: 4] < 4'(NumGuests))) begin
      inject = 1'b1;
    end
  end

  assign rdata_o = (req_i && !we_i && !err) ? rd_raw : '0;
  assign err_o   = req_i & err;

  // ---------------------------------------------------------------- files
  always_comb begin
    file_set = '0;
    for (int unsigned fi = 0; fi < NumFiles; fi++) begin
      for (int unsigned i = 0; i < NumIds; i++) begin
        for (int unsigned s = 0; s < NumSources; s++) begin
          if (src_fwd[s] && src_file[s*FileW +: FileW] == FileW'(fi) &&
              src_vid[s*IdW +: IdW] == IdW'(i)) begin
            file_set[fi*NumIds + i] = 1'b1;
          end
        end
        if (inject && inject_file == FileW'(fi) && inject_id == IdW'(i)) begin
          file_set[fi*NumIds + i] = 1'b1;
        end
      end
    end
  end

  for (genvar gf = 0; gf < NumFiles; gf++) begin : gen_file
    vic_file #(.NumIds(NumIds), .PrioBits(PrioBits)) u_file (
      .clk_i,
      .rst_ni,
      .set_i        (file_set[gf*NumIds +: NumIds]),
      .claim_i      (f_claim[gf]),
      .complete_i   (f_complete[gf]),
      .complete_id_i(wdata_i),
      .prio_we_i    (f_prio_we[gf]),
      .prio_id_i    (prio_id),
      .enable_we_i  (f_enable_we[gf]),
      .enable_word_i(enable_word),
      .thresh_we_i  (f_thresh_we[gf]),
      .wdata_i      (wmerged),
      .busy_o       (file_busy[gf*NumIds +: NumIds]),
      .pending_o    (file_pending[gf*NumIds +: NumIds]),
      .enable_o     (file_enable[gf*NumIds +: NumIds]),
      .prio_o       (file_prio[gf*NumIds*PrioBits +: NumIds*PrioBits]),
      .thresh_o     (file_thresh[gf*PrioBits +: PrioBits]),
      .eip_o        (file_eip[gf]),
      .best_id_o    (file_best[gf*IdW +: IdW])
    );
  end

  // ---------------------------------------------------------------- outputs
  assign guest_eip_d = file_eip[NumGuests-1:0] & running_q;
  assign hyp_irq_d   = file_eip[HypFile] | |(file_eip[NumGuests-1:0] & ~running_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      route_q     <= '0;
      running_q   <= '0;
      guest_eip_q <= '0;
      hyp_irq_q   <= 1'b0;
    end else begin
      route_q     <= route_d;
      running_q   <= running_d;
      guest_eip_q <= guest_eip_d;
      hyp_irq_q   <= hyp_irq_d;
    end
  end

  assign guest_eip_o = guest_eip_q;
  assign hyp_irq_o   = hyp_irq_q;

endmodule
