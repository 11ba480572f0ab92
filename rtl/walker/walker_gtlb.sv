// G-stage TLB: GPA->HPA leaves tagged by VMID and hgatp mode, ENTRIES
// entries in ENTRIES/WAYS sets (set from the low bits of the 4 KiB GPA page,
// as in walker_tlb), PORTS lookup ports (one per walk engine), one
// walker_gtlb_tag comparator per way and port. Serves the implicit VS-stage
// PTE accesses and the final G-stage translation; the walker re-checks
// permissions and D on a hit. Only HFENCE.GVMA touches it (on port 0).
module walker_gtlb #(
  parameter int unsigned ENTRIES = 16,
  parameter int unsigned WAYS    = 4,
  parameter bit          EN      = 1'b1,
  parameter int unsigned PORTS   = 1,
  parameter int unsigned ENT_W   = 116,                          // $bits(gtlb_entry_t)
  parameter int unsigned WayW    = WAYS > 1 ? $clog2(WAYS) : 1   // derived
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,
  // lookups (combinational), port p in bits [p*width +: width]
  input  logic [PORTS-1:0]                  lk_en_i,   // the port looks up this cycle
  input  logic [PORTS*14-1:0]               lk_vmid_i,
  input  logic [PORTS*3-1:0]                lk_g_lv_i,
  input  logic [PORTS*walker_pkg::VpnW-1:0] lk_vpn_i,
  // the access of each port's lookup: use_o, a hit whose entry allows it
  input  logic [PORTS*2-1:0]                lk_acc_i,
  input  logic [PORTS-1:0]                  lk_mxr_i,
  input  logic [PORTS-1:0]                  lk_hlvx_i,
  output logic [PORTS-1:0]                  hit_o,
  output logic [PORTS-1:0]                  use_o,
  output logic [PORTS*WayW-1:0]             hit_way_o,
  output logic [PORTS*ENT_W-1:0]            hit_entry_o,   // gtlb_entry_t each
  // fill: the hinted way (a lookup's tag hit), else a free or the next way
  input  logic                              fill_i,
  input  logic                              fill_hint_i,
  input  logic [WayW-1:0]                   fill_hint_way_i,
  input  walker_pkg::gtlb_entry_t           fill_entry_i,
  // invalidation: one set per cycle (the sweep index's low bits; G-stage leaves: no ASID)
  input  logic                              inv_i,
  /* verilator lint_off UNUSEDSIGNAL */
  input  logic [7:0]                        inv_set_i,
  input  walker_pkg::inv_req_t              inv_req_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  localparam int unsigned VpnW = walker_pkg::VpnW;
  localparam int unsigned Sets = ENTRIES / WAYS;
  localparam int unsigned SetW = Sets > 1 ? $clog2(Sets) : 1;

  if (ENT_W != $bits(fill_entry_i)) begin : g_bad_ent_w
    $error("ENT_W must be $bits(gtlb_entry_t)");
  end

  logic [PORTS-1:0]            rd_en;
  logic [PORTS*SetW-1:0]       rd_set;
  logic [SetW-1:0]             fill_set;
  logic [PORTS*WAYS*ENT_W-1:0] rd_data;
  logic [PORTS*WAYS-1:0]       match;
  logic [ENT_W-1:0]            fill_data;
  logic                        gvma;

  /* verilator lint_off UNUSEDSIGNAL */
  logic [PORTS*WAYS-1:0]       unused_global;   // G-stage leaves have no G bit
  /* verilator lint_on UNUSEDSIGNAL */
  logic [PORTS*WAYS-1:0]       rd_valid;

  assign gvma     = inv_req_i.kind == walker_pkg::InvGvma;
  assign fill_set = SetW'(fill_entry_i.vpn) & SetW'(Sets - 1);

  for (genvar p = 0; p < PORTS; p++) begin : g_port
    logic fence;   // port 0 compares a fence's fields while one sweeps
    logic [WAYS-1:0] tag_match, ok;
    assign fence = p == 0 && inv_i;
    assign rd_en[p] = fence || lk_en_i[p];
    assign rd_set[p*SetW +: SetW] =
        (fence ? SetW'(inv_set_i) : SetW'(lk_vpn_i[p*VpnW +: VpnW])) & SetW'(Sets - 1);
    for (genvar w = 0; w < WAYS; w++) begin : g_tag
      walker_gtlb_tag u_tag (
        .en_i    (rd_en[p]),
        .entry_i (rd_data[(p*WAYS+w)*ENT_W +: ENT_W]),
        .c_vmid_i(!fence || !inv_req_i.all_vmid),
        .c_lv_i  (!fence),
        .c_vpn_i (!fence || inv_req_i.use_addr),
        .vmid_i  (fence ? inv_req_i.vmid : lk_vmid_i[p*14 +: 14]),
        .g_lv_i  (lk_g_lv_i[p*3 +: 3]),
        .vpn_i   (fence ? inv_req_i.addr[12 +: VpnW] : lk_vpn_i[p*VpnW +: VpnW]),
        .match_o (tag_match[w]),
        .acc_i   (lk_acc_i[p*2 +: 2]),
        .mxr_i   (lk_mxr_i[p]),
        .hlvx_i  (lk_hlvx_i[p]),
        .ok_o    (ok[w])
      );
    end
    // the first valid match (the store's hit way) allows the access
    always_comb begin
      logic seen;
      use_o[p] = 1'b0;
      seen = 1'b0;
      for (int unsigned w = 0; w < WAYS; w++) begin
        if (EN && tag_match[w] && rd_valid[p*WAYS + w] && !seen) use_o[p] = ok[w];
        seen = seen || (tag_match[w] && rd_valid[p*WAYS + w]);
      end
    end
    // HFENCE.VVMA leaves G-stage leaves alone
    assign match[p*WAYS +: WAYS] = tag_match & {WAYS{!fence || gvma}};
  end

  assign fill_data = fill_entry_i;

  walker_cache #(.SETS(Sets), .WAYS(WAYS), .DATA_W(ENT_W), .PAY_W(walker_pkg::GtlbPayW), .EN(EN),
                 .PORTS(PORTS)) u_store (
    .clk_i, .rst_ni,
    .rd_en_i(rd_en), .rd_set_i(rd_set), .rd_data_o(rd_data), .rd_valid_o(rd_valid), .rd_global_o(unused_global),
    .rd_match_i(match),
    .hit_o, .hit_way_o, .hit_data_o(hit_entry_o),
    .fill_i, .fill_set_i(fill_set), .fill_hint_i, .fill_hint_way_i, .fill_global_i(1'b0),
    .fill_data_i(fill_data),
    .inv_i
  );

endmodule
