// Page-walk cache: non-leaf PTEs of both stages in walker_cache, two sets
// (VS-stage, G-stage: the stage of a lookup is its set) of ENTRIES/2 ways,
// one walker_pwc_tag comparator per way. A lookup returns the deepest cached
// table on the path of an address, so a walk resumes as low as it can.
// A fence sweeps both sets (inv_set_i); it ignores the address.
module walker_pwc #(
  parameter int unsigned ENTRIES = 8,
  parameter bit          EN      = 1'b1
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  input  logic                        lk_stage_i,
  input  logic [13:0]                 lk_vmid_i,
  input  logic [15:0]                 lk_asid_i,    // ignored for G-stage lookups
  input  logic [2:0]                  lk_lv_i,
  input  logic [walker_pkg::VpnW-1:0] lk_vpn_i,
  input  logic                        lk_mxr_i,     // VS: entries that needed MXR only serve MXR walks
  output logic                        hit_o,
  output walker_pkg::pwc_entry_t      hit_entry_o,
  input  logic                        fill_i,
  input  walker_pkg::pwc_entry_t      fill_entry_i,
  input  logic                        inv_i,
  // invalidation: one set per cycle (the sweep index's low bits; no address: any address goes)
  /* verilator lint_off UNUSEDSIGNAL */
  input  logic [7:0]                  inv_set_i,
  input  walker_pkg::inv_req_t        inv_req_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  localparam int unsigned EntW = $bits(fill_entry_i);
  localparam int unsigned Sets = ENTRIES >= 2 ? 2 : 1;
  localparam int unsigned Ways = ENTRIES / Sets;
  localparam int unsigned WayW = Ways > 1 ? $clog2(Ways) : 1;

  logic                 rd_set, fill_set, vvma;
  logic [Ways*EntW-1:0] rd_data;
  logic [Ways-1:0]      rd_valid, tag_match, lk_cand, lk_low, match;
  logic [Ways*2-1:0]    level;   // table levels 0..3
  logic [EntW-1:0]      hit_data, fill_data;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [Ways-1:0]      unused_global;   // no global bit here
  logic [WayW-1:0]      unused_way;      // no fill hint
  /* verilator lint_on UNUSEDSIGNAL */

  assign vvma     = inv_req_i.kind == walker_pkg::InvVvma;
  assign rd_set   = Sets > 1 && (inv_i ? inv_set_i[0] : lk_stage_i);
  assign fill_set = Sets > 1 && fill_entry_i.stage;

  // VVMA: VS entries (of an ASID if asked; any address: the walk path of an
  // address is not known here). GVMA: every entry of the VMID, VS ones too,
  // as their PTEs were read through the old G-stage mapping.
  for (genvar w = 0; w < Ways; w++) begin : g_tag
    walker_pwc_tag u_tag (
      .entry_i  (rd_data[w*EntW +: EntW]),
      .c_stage_i(!inv_i || vvma),
      .c_vmid_i (!inv_i || !inv_req_i.all_vmid),
      .c_asid_i (inv_i ? vvma && inv_req_i.use_asid : !lk_stage_i),
      .c_lv_i   (!inv_i),
      .stage_i  (inv_i ? 1'b0 : lk_stage_i),
      .vmid_i   (inv_i ? inv_req_i.vmid : lk_vmid_i),
      .asid_i   (inv_i ? inv_req_i.asid : lk_asid_i),
      .lv_i     (lk_lv_i),
      .vpn_i    (lk_vpn_i),
      .mxr_i    (lk_mxr_i),
      .match_o  (tag_match[w]),
      .level_o  (level[w*2 +: 2])
    );
  end

  // a lookup: the valid matches of the lowest level (the store takes the first)
  always_comb begin
    logic [1:0] low;
    low = 2'd3;
    lk_cand = tag_match & rd_valid;
    for (int unsigned w = 0; w < Ways; w++)
      if (lk_cand[w] && level[w*2 +: 2] < low) low = level[w*2 +: 2];
    for (int unsigned w = 0; w < Ways; w++) lk_low[w] = lk_cand[w] && level[w*2 +: 2] == low;
  end
  assign match = inv_i ? tag_match : lk_low;

  assign fill_data   = fill_entry_i;
  assign hit_entry_o = hit_data;

  walker_cache #(.SETS(Sets), .WAYS(Ways), .DATA_W(EntW), .EN(EN)) u_store (
    .clk_i, .rst_ni,
    .rd_set_i(rd_set), .rd_data_o(rd_data), .rd_valid_o(rd_valid), .rd_global_o(unused_global),
    .rd_match_i(match),
    .hit_o, .hit_way_o(unused_way), .hit_data_o(hit_data),
    .fill_i, .fill_set_i(fill_set), .fill_hint_i(1'b0), .fill_hint_way_i('0), .fill_global_i(1'b0),
    .fill_data_i(fill_data),
    .inv_i
  );

endmodule
