// Page-walk cache: non-leaf PTEs of both stages in walker_cache, two sets
// (VS-stage, G-stage: the stage of a lookup is its set) of ENTRIES/2 ways,
// PORTS lookup ports (one per walk engine), one walker_pwc_tag comparator per
// way and port. A lookup returns the deepest cached table on the path of an
// address, so a walk resumes as low as it can. A fence sweeps both sets
// (inv_set_i, on port 0); it ignores the address.
module walker_pwc #(
  parameter int unsigned ENTRIES = 8,
  parameter bit          EN      = 1'b1,
  parameter int unsigned PORTS   = 1,
  parameter int unsigned ENT_W   = 128   // $bits(pwc_entry_t)
) (
  input  logic                              clk_i,
  input  logic                              rst_ni,
  // lookups, port p in bits [p*width +: width]
  input  logic [PORTS-1:0]                  lk_en_i,    // the port looks up this cycle
  input  logic [PORTS-1:0]                  lk_stage_i,
  input  logic [PORTS*14-1:0]               lk_vmid_i,
  input  logic [PORTS*16-1:0]               lk_asid_i,  // ignored for G-stage lookups
  input  logic [PORTS*3-1:0]                lk_lv_i,
  input  logic [PORTS*walker_pkg::VpnW-1:0] lk_vpn_i,
  input  logic [PORTS-1:0]                  lk_mxr_i,   // VS: entries that needed MXR only serve MXR walks
  output logic [PORTS-1:0]                  hit_o,
  output logic [PORTS*ENT_W-1:0]            hit_entry_o,   // pwc_entry_t each
  input  logic                              fill_i,
  input  walker_pkg::pwc_entry_t            fill_entry_i,
  input  logic                              inv_i,
  // invalidation: one set per cycle (the sweep index's low bits; no address: any address goes)
  /* verilator lint_off UNUSEDSIGNAL */
  input  logic [7:0]                        inv_set_i,
  input  walker_pkg::inv_req_t              inv_req_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  localparam int unsigned VpnW = walker_pkg::VpnW;
  localparam int unsigned Sets = ENTRIES >= 2 ? 2 : 1;
  localparam int unsigned Ways = ENTRIES / Sets;
  localparam int unsigned WayW = Ways > 1 ? $clog2(Ways) : 1;

  if (ENT_W != $bits(fill_entry_i)) begin : g_bad_ent_w
    $error("ENT_W must be $bits(pwc_entry_t)");
  end

  logic [PORTS-1:0]            rd_set, rd_en;
  logic                        fill_set, vvma;
  logic [PORTS*Ways*ENT_W-1:0] rd_data;
  logic [PORTS*Ways-1:0]       rd_valid, match;
  logic [ENT_W-1:0]            fill_data;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [PORTS*Ways-1:0]       unused_global;   // no global bit here
  logic [PORTS*WayW-1:0]       unused_way;      // no fill hint
  logic [PORTS-1:0]            unused_hit;      // hit_o: below
  /* verilator lint_on UNUSEDSIGNAL */

  assign vvma     = inv_req_i.kind == walker_pkg::InvVvma;
  assign fill_set = Sets > 1 && fill_entry_i.stage;

  for (genvar p = 0; p < PORTS; p++) begin : g_port
    logic             fence;   // port 0 compares a fence's fields while one sweeps
    logic [Ways-1:0]  tag_match, lk_cand, lk_low;
    logic [Ways*2-1:0] level;  // table levels 0..3
    assign fence     = p == 0 && inv_i;
    assign rd_set[p] = Sets > 1 && (fence ? inv_set_i[0] : lk_stage_i[p]);
    assign rd_en[p]  = fence || lk_en_i[p];

    // VVMA: VS entries (of an ASID if asked; any address: the walk path of an
    // address is not known here). GVMA: every entry of the VMID, VS ones too,
    // as their PTEs were read through the old G-stage mapping.
    for (genvar w = 0; w < Ways; w++) begin : g_tag
      walker_pwc_tag u_tag (
        .en_i     (rd_en[p]),
        .entry_i  (rd_data[(p*Ways+w)*ENT_W +: ENT_W]),
        .c_stage_i(!fence || vvma),
        .c_vmid_i (!fence || !inv_req_i.all_vmid),
        .c_asid_i (fence ? vvma && inv_req_i.use_asid : !lk_stage_i[p]),
        .c_lv_i   (!fence),
        .stage_i  (fence ? 1'b0 : lk_stage_i[p]),
        .vmid_i   (fence ? inv_req_i.vmid : lk_vmid_i[p*14 +: 14]),
        .asid_i   (fence ? inv_req_i.asid : lk_asid_i[p*16 +: 16]),
        .lv_i     (lk_lv_i[p*3 +: 3]),
        .vpn_i    (lk_vpn_i[p*VpnW +: VpnW]),
        .mxr_i    (lk_mxr_i[p]),
        .match_o  (tag_match[w]),
        .level_o  (level[w*2 +: 2])
      );
    end

    // a lookup: the valid matches of the lowest level (the store takes the
    // first): a candidate that no other candidate undercuts, from pairwise
    // compares of the levels (read with the tags, beside the comparators),
    // not a running minimum after them (issue 9: logic depth)
    // (don't-cares on an idle port: its hit is not read)
    always_comb begin
      lk_cand = 'x;
      lk_low = 'x;
      if (rd_en[p]) begin
        lk_cand = tag_match & rd_valid[p*Ways +: Ways];
        for (int unsigned w = 0; w < Ways; w++) begin
          lk_low[w] = lk_cand[w];
          for (int unsigned v = 0; v < Ways; v++)
            if (v != w && level[v*2 +: 2] < level[w*2 +: 2]) lk_low[w] = lk_low[w] && !lk_cand[v];
        end
      end
    end
    assign match[p*Ways +: Ways] = fence ? tag_match : lk_low;
    // a hit is any valid match (some of them is of the lowest level): not
    // the store's, which would wait for the level choice (issue 9: depth)
    assign hit_o[p] = !EN ? 1'b0 : rd_en[p] ? |lk_cand : 1'bx;
  end

  assign fill_data = fill_entry_i;

  walker_cache #(.SETS(Sets), .WAYS(Ways), .DATA_W(ENT_W), .PAY_W(walker_pkg::PwcPayW), .EN(EN),
                 .PORTS(PORTS)) u_store (
    .clk_i, .rst_ni,
    .rd_en_i(rd_en), .rd_set_i(rd_set), .rd_data_o(rd_data), .rd_valid_o(rd_valid), .rd_global_o(unused_global),
    .rd_match_i(match),
    .hit_o(unused_hit), .hit_way_o(unused_way), .hit_data_o(hit_entry_o),
    .fill_i, .fill_set_i(fill_set), .fill_hint_i(1'b0), .fill_hint_way_i('0), .fill_global_i(1'b0),
    .fill_data_i(fill_data),
    .inv_i
  );

endmodule
