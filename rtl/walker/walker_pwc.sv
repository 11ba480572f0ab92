// Page-walk cache: non-leaf PTEs of both stages, fully associative, round
// robin replacement. A lookup returns the deepest cached table on the path of
// an address, so a walk resumes as low as it can. Flat flip-flop storage as
// walker_tlb; walker_pwc_tag names the fields.
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
  input  walker_pkg::inv_req_t        inv_req_i
);
  localparam int unsigned EntW = $bits(fill_entry_i);
  localparam int unsigned IdxW = ENTRIES > 1 ? $clog2(ENTRIES) : 1;

  logic [ENTRIES*EntW-1:0] entry_q, entry_d;
  logic [ENTRIES-1:0]      valid_q, valid_d;
  logic [IdxW-1:0]         next_q, next_d;
  logic [ENTRIES-1:0]      lk_match, fill_match, inv_match;
  logic [ENTRIES*2-1:0]    level;   // table levels 0..3

  for (genvar e = 0; e < ENTRIES; e++) begin : g_tag
    walker_pwc_tag u_tag (
      .entry_i     (entry_q[e*EntW +: EntW]),
      .fill_entry_i,
      .inv_req_i,
      .lk_stage_i, .lk_vmid_i, .lk_asid_i, .lk_lv_i, .lk_vpn_i, .lk_mxr_i,
      .lk_match_o  (lk_match[e]),
      .level_o     (level[e*2 +: 2]),
      .fill_match_o(fill_match[e]),
      .inv_match_o (inv_match[e])
    );
  end

  // the matching entry of the lowest level (the first of them): the lowest
  // level, the first entry of it (one-hot), an AND-OR multiplexer
  logic [ENTRIES-1:0] lk_cand, lk_low, lk_first;
  logic [EntW-1:0]    hit_entry;
  always_comb begin
    logic [1:0] low;
    low = 2'd3;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      lk_cand[e] = EN && valid_q[e] && lk_match[e];
      if (lk_cand[e] && level[e*2 +: 2] < low) low = level[e*2 +: 2];
    end
    for (int unsigned e = 0; e < ENTRIES; e++) lk_low[e] = lk_cand[e] && level[e*2 +: 2] == low;
    lk_first = lk_low & (~lk_low + 1'b1);
    hit_entry = '0;
    for (int unsigned e = 0; e < ENTRIES; e++)
      hit_entry = hit_entry | (entry_q[e*EntW +: EntW] & {EntW{lk_first[e]}});
  end
  assign hit_o       = |lk_cand;
  assign hit_entry_o = hit_entry;

  always_comb begin
    logic [IdxW-1:0] idx;
    logic            found;
    entry_d = entry_q;
    valid_d = valid_q;
    next_d = next_q;
    idx = next_q;
    found = 1'b0;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      if (!found && valid_q[e] && fill_match[e]) begin
        found = 1'b1;
        idx = IdxW'(e);
      end
    end
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      if (!found && !valid_q[e]) begin
        found = 1'b1;
        idx = IdxW'(e);
      end
    end
    if (EN && fill_i) begin
      for (int unsigned e = 0; e < ENTRIES; e++) begin
        if (e == 32'(idx)) begin
          entry_d[e*EntW +: EntW] = fill_entry_i;
          valid_d[e] = 1'b1;
        end
      end
      if (idx == next_q) next_d = IdxW'((32'(idx) + 1) % ENTRIES);
    end
    if (inv_i) valid_d = valid_d & ~inv_match;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
      next_q  <= '0;
      for (int unsigned e = 0; e < ENTRIES; e++) entry_q[e*EntW +: EntW] <= '0;
    end else begin
      valid_q <= valid_d;
      next_q  <= next_d;
      entry_q <= entry_d;
    end
  end

endmodule
