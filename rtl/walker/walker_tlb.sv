// Combined GVA->HPA TLB of the walker: ENTRIES entries in ENTRIES/WAYS sets
// of WAYS ways (walker_cache), tagged by VMID, ASID (or global) and both
// stages' modes; one walker_tlb_tag comparator per way.
//
// The set is chosen by the low bits of the 4 KiB page number, also for a
// superpage entry: such an entry then serves the addresses of its superpage
// that fall in its set (with one set, WAYS == ENTRIES, it serves them all).
// This keeps lookup to one probe per set whatever the page size.
//
// The hit is only a tag match; the walker re-checks permissions and D bits.
// A fence (inv_i, held while the walker sweeps inv_set_i over the sets)
// compares the set's ways with the fence's VMID / ASID / address instead.
module walker_tlb #(
  parameter int unsigned ENTRIES = 16,
  parameter int unsigned WAYS    = 4,
  parameter bit          EN      = 1'b1,
  parameter int unsigned WayW    = WAYS > 1 ? $clog2(WAYS) : 1   // derived
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  // lookup (combinational; lk_en_i: a request is offered)
  input  logic                        lk_en_i,
  input  logic [13:0]                 lk_vmid_i,
  input  logic [15:0]                 lk_asid_i,
  input  logic [2:0]                  lk_vs_lv_i,
  input  logic [2:0]                  lk_g_lv_i,
  input  logic [walker_pkg::VpnW-1:0] lk_vpn_i,
  // the request's access bits: use_o, a hit whose entry allows it
  input  walker_pkg::access_e         lk_acc_i,
  input  logic                        lk_user_i,
  input  logic                        lk_sum_i,
  input  logic                        lk_mxr_i,
  input  logic                        lk_vmxr_i,
  input  logic                        lk_hlvx_i,
  output logic                        hit_o,
  output logic                        use_o,
  output logic [WayW-1:0]             hit_way_o,
  output walker_pkg::tlb_entry_t      hit_entry_o,
  // fill: the hinted way (a lookup's tag hit), else a free or the next way
  input  logic                        fill_i,
  input  logic                        fill_global_i,
  input  logic                        fill_hint_i,
  input  logic [WayW-1:0]             fill_hint_way_i,
  input  walker_pkg::tlb_entry_t      fill_entry_i,
  // invalidation: one set per cycle (the sweep index's low bits)
  input  logic                        inv_i,
  /* verilator lint_off UNUSEDSIGNAL */
  input  logic [7:0]                  inv_set_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  walker_pkg::inv_req_t        inv_req_i
);
  localparam int unsigned VpnW = walker_pkg::VpnW;
  localparam int unsigned EntW = $bits(fill_entry_i);
  localparam int unsigned Sets = ENTRIES / WAYS;
  localparam int unsigned SetW = Sets > 1 ? $clog2(Sets) : 1;

  logic [SetW-1:0]      rd_set, fill_set;
  logic [WAYS*EntW-1:0] rd_data;
  logic [WAYS-1:0]      rd_global, match, rd_valid, ok;
  logic [EntW-1:0]      hit_data, fill_data;
  logic                 vvma;

  assign vvma     = inv_req_i.kind == walker_pkg::InvVvma;
  assign rd_set   = (inv_i ? SetW'(inv_set_i) : SetW'(lk_vpn_i)) & SetW'(Sets - 1);
  assign fill_set = SetW'(fill_entry_i.vpn) & SetW'(Sets - 1);

  // a fence: VMID unless all; VVMA: ASID (not global entries) and address if
  // asked; GVMA: the whole VMID (its entries hold G-stage results of any GPA)
  logic rd_en;
  assign rd_en = lk_en_i || inv_i;
  for (genvar w = 0; w < WAYS; w++) begin : g_tag
    walker_tlb_tag u_tag (
      .en_i     (rd_en),
      .entry_i  (rd_data[w*EntW +: EntW]),
      .global_i (rd_global[w]),
      .c_vmid_i (!inv_i || !inv_req_i.all_vmid),
      .c_asid_i (!inv_i || (vvma && inv_req_i.use_asid)),
      .glob_ok_i(!inv_i),
      .c_lv_i   (!inv_i),
      .c_vpn_i  (!inv_i || (vvma && inv_req_i.use_addr)),
      .vmid_i   (inv_i ? inv_req_i.vmid : lk_vmid_i),
      .asid_i   (inv_i ? inv_req_i.asid : lk_asid_i),
      .vs_lv_i  (lk_vs_lv_i),
      .g_lv_i   (lk_g_lv_i),
      .vpn_i    (inv_i ? inv_req_i.addr[12 +: VpnW] : lk_vpn_i),
      .match_o  (match[w]),
      .acc_i    (lk_acc_i),
      .user_i   (lk_user_i),
      .sum_i    (lk_sum_i),
      .mxr_i    (lk_mxr_i),
      .vmxr_i   (lk_vmxr_i),
      .hlvx_i   (lk_hlvx_i),
      .vs_bare_i(lk_vs_lv_i == 3'd0),
      .g_bare_i (lk_g_lv_i == 3'd0),
      .ok_o     (ok[w])
    );
  end

  // the first valid match (the store's hit way) allows the access
  always_comb begin
    logic seen;
    use_o = 1'b0;
    seen = 1'b0;
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (EN && match[w] && rd_valid[w] && !seen) use_o = ok[w];
      seen = seen || (match[w] && rd_valid[w]);
    end
  end

  assign fill_data   = fill_entry_i;
  assign hit_entry_o = hit_data;

  walker_cache #(.SETS(Sets), .WAYS(WAYS), .DATA_W(EntW), .PAY_W(walker_pkg::TlbPayW),
                 .EN(EN)) u_store (
    .clk_i, .rst_ni,
    .rd_en_i(rd_en), .rd_set_i(rd_set), .rd_data_o(rd_data), .rd_valid_o(rd_valid), .rd_global_o(rd_global), .rd_match_i(match),
    .hit_o, .hit_way_o, .hit_data_o(hit_data),
    .fill_i, .fill_set_i(fill_set), .fill_hint_i, .fill_hint_way_i, .fill_global_i,
    .fill_data_i(fill_data),
    .inv_i
  );

endmodule
