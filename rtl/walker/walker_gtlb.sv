// G-stage TLB: GPA->HPA leaves tagged by VMID and hgatp mode, ENTRIES
// entries in ENTRIES/WAYS sets (set from the low bits of the 4 KiB GPA page,
// as in walker_tlb). Serves the implicit VS-stage PTE accesses and the final
// G-stage translation; the walker re-checks permissions and D on a hit.
module walker_gtlb import walker_pkg::*; #(
  parameter int unsigned ENTRIES = 16,
  parameter int unsigned WAYS    = 4,
  parameter bit          EN      = 1'b1
) (
  input  logic            clk_i,
  input  logic            rst_ni,
  input  logic [13:0]     lk_vmid_i,
  input  logic [2:0]      lk_g_lv_i,
  input  logic [VpnW-1:0] lk_vpn_i,
  output logic            hit_o,
  output gtlb_entry_t     hit_entry_o,
  input  logic            fill_i,
  input  gtlb_entry_t     fill_entry_i,
  input  logic            inv_i,
  /* verilator lint_off UNUSEDSIGNAL */  // no ASID in G-stage entries
  input  inv_req_t        inv_req_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  localparam int unsigned Sets = ENTRIES / WAYS;
  localparam int unsigned SetW = Sets > 1 ? $clog2(Sets) : 1;
  localparam int unsigned WayW = WAYS > 1 ? $clog2(WAYS) : 1;

  gtlb_entry_t            entry_q [ENTRIES];
  gtlb_entry_t            entry_d [ENTRIES];
  logic [ENTRIES-1:0]     valid_q, valid_d;
  logic [WayW-1:0]        next_way_q [Sets];
  logic [WayW-1:0]        next_way_d [Sets];

  // set index and tag compare read only some bits of their arguments
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [SetW-1:0] set_of(logic [VpnW-1:0] vpn);
    set_of = Sets > 1 ? vpn[SetW-1:0] : '0;
  endfunction

  function automatic logic tag_match(gtlb_entry_t e, logic [13:0] vmid, logic [2:0] g_lv,
                                     logic [VpnW-1:0] vpn);
    tag_match = e.vmid == vmid && e.g_lv == g_lv && ((e.vpn ^ vpn) & vpn_mask(e.level)) == '0;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  always_comb begin
    logic [SetW-1:0] set;
    set = set_of(lk_vpn_i);
    hit_o = 1'b0;
    hit_entry_o = entry_q[0];
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (EN && !hit_o && valid_q[set * WAYS + w] &&
          tag_match(entry_q[set * WAYS + w], lk_vmid_i, lk_g_lv_i, lk_vpn_i)) begin
        hit_o = 1'b1;
        hit_entry_o = entry_q[set * WAYS + w];
      end
    end
  end

  always_comb begin
    logic [SetW-1:0] set;
    logic [WayW-1:0] way;
    logic            found;
    entry_d = entry_q;
    valid_d = valid_q;
    next_way_d = next_way_q;
    set = set_of(fill_entry_i.vpn);
    way = next_way_q[set];
    found = 1'b0;
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (!found && valid_q[set * WAYS + w] && entry_q[set * WAYS + w].level == fill_entry_i.level &&
          tag_match(entry_q[set * WAYS + w], fill_entry_i.vmid, fill_entry_i.g_lv,
                    fill_entry_i.vpn)) begin
        found = 1'b1;
        way = WayW'(w);
      end
    end
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (!found && !valid_q[set * WAYS + w]) begin
        found = 1'b1;
        way = WayW'(w);
      end
    end
    if (EN && fill_i) begin
      entry_d[set * WAYS + 32'(way)] = fill_entry_i;
      valid_d[set * WAYS + 32'(way)] = 1'b1;
      if (way == next_way_q[set]) next_way_d[set] = WayW'((32'(way) + 1) % WAYS);
    end
    // only HFENCE.GVMA touches G-stage leaves
    if (inv_i && inv_req_i.kind == InvGvma) begin
      for (int unsigned e = 0; e < ENTRIES; e++) begin
        if ((inv_req_i.all_vmid || entry_q[e].vmid == inv_req_i.vmid) &&
            (!inv_req_i.use_addr ||
             ((entry_q[e].vpn ^ inv_req_i.addr[12 +: VpnW]) & vpn_mask(entry_q[e].level)) == '0))
          valid_d[e] = 1'b0;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
      for (int unsigned s = 0; s < Sets; s++) next_way_q[s] <= '0;
      for (int unsigned e = 0; e < ENTRIES; e++) entry_q[e] <= '0;
    end else begin
      valid_q <= valid_d;
      next_way_q <= next_way_d;
      entry_q <= entry_d;
    end
  end

endmodule
