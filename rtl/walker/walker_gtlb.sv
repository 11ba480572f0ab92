// G-stage TLB: GPA->HPA leaves tagged by VMID and hgatp mode, ENTRIES
// entries in ENTRIES/WAYS sets (set from the low bits of the 4 KiB GPA page,
// as in walker_tlb). Serves the implicit VS-stage PTE accesses and the final
// G-stage translation; the walker re-checks permissions and D on a hit.
// Flat flip-flop storage as walker_tlb; walker_gtlb_tag names the fields.
module walker_gtlb #(
  parameter int unsigned ENTRIES = 16,
  parameter int unsigned WAYS    = 4,
  parameter bit          EN      = 1'b1
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  // lookup (combinational)
  input  logic [13:0]                 lk_vmid_i,
  input  logic [2:0]                  lk_g_lv_i,
  input  logic [walker_pkg::VpnW-1:0] lk_vpn_i,
  output logic                        hit_o,
  output walker_pkg::gtlb_entry_t     hit_entry_o,
  // fill: replaces an entry with the same tag, else a free or the next way
  input  logic                        fill_i,
  input  walker_pkg::gtlb_entry_t     fill_entry_i,
  // invalidation
  input  logic                        inv_i,
  input  walker_pkg::inv_req_t        inv_req_i
);
  localparam int unsigned EntW = $bits(fill_entry_i);
  localparam int unsigned Sets = ENTRIES / WAYS;
  localparam int unsigned SetW = Sets > 1 ? $clog2(Sets) : 1;
  localparam int unsigned WayW = WAYS > 1 ? $clog2(WAYS) : 1;

  logic [ENTRIES*EntW-1:0] entry_q, entry_d;
  logic [ENTRIES-1:0]      valid_q, valid_d;
  logic [Sets*WayW-1:0]    next_way_q, next_way_d;
  logic [ENTRIES-1:0]      lk_match, fill_match, inv_match;

  for (genvar e = 0; e < ENTRIES; e++) begin : g_tag
    walker_gtlb_tag u_tag (
      .entry_i     (entry_q[e*EntW +: EntW]),
      .fill_entry_i,
      .inv_req_i,
      .lk_vmid_i, .lk_g_lv_i, .lk_vpn_i,
      .lk_match_o  (lk_match[e]),
      .fill_match_o(fill_match[e]),
      .inv_match_o (inv_match[e])
    );
  end

  // the set of a page number (its low bits)
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [SetW-1:0] set_of(logic [walker_pkg::VpnW-1:0] vpn);
    set_of = Sets > 1 ? vpn[SetW-1:0] : '0;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // lookup: the first matching way of the set (one-hot), then an AND-OR
  // multiplexer (an indexed part-select of the flat vector synthesizes badly)
  logic [ENTRIES-1:0] lk_cand, lk_first;
  logic [EntW-1:0]    hit_entry;
  always_comb begin
    logic [SetW-1:0] set;
    set = set_of(lk_vpn_i);
    for (int unsigned e = 0; e < ENTRIES; e++)
      lk_cand[e] = EN && valid_q[e] && lk_match[e] && SetW'(e / WAYS) == set;
    lk_first = lk_cand & (~lk_cand + 1'b1);   // lowest set bit: first way
    hit_entry = '0;
    for (int unsigned e = 0; e < ENTRIES; e++)
      hit_entry = hit_entry | (entry_q[e*EntW +: EntW] & {EntW{lk_first[e]}});
  end
  assign hit_o       = |lk_cand;
  assign hit_entry_o = hit_entry;

  // fill and invalidation
  always_comb begin
    logic [SetW-1:0] set;
    logic [WayW-1:0] way;
    logic            found;
    entry_d = entry_q;
    valid_d = valid_q;
    next_way_d = next_way_q;
    set = set_of(fill_entry_i.vpn);
    way = next_way_q[32'(set) * WayW +: WayW];
    found = 1'b0;
    // same tag first, then a free way, then round robin
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (!found && valid_q[32'(set) * WAYS + w] && fill_match[32'(set) * WAYS + w]) begin
        found = 1'b1;
        way = WayW'(w);
      end
    end
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (!found && !valid_q[32'(set) * WAYS + w]) begin
        found = 1'b1;
        way = WayW'(w);
      end
    end
    if (EN && fill_i) begin
      for (int unsigned e = 0; e < ENTRIES; e++) begin
        if (e == 32'(set) * WAYS + 32'(way)) begin
          entry_d[e*EntW +: EntW] = fill_entry_i;
          valid_d[e] = 1'b1;
        end
      end
      if (way == next_way_q[32'(set) * WayW +: WayW])
        next_way_d[32'(set) * WayW +: WayW] = WayW'((32'(way) + 1) % WAYS);
    end
    if (inv_i) valid_d = valid_d & ~inv_match;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q    <= '0;
      next_way_q <= '0;
      for (int unsigned e = 0; e < ENTRIES; e++) entry_q[e*EntW +: EntW] <= '0;
    end else begin
      valid_q    <= valid_d;
      next_way_q <= next_way_d;
      entry_q    <= entry_d;
    end
  end

endmodule
