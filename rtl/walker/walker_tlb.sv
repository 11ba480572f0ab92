// Combined GVA->HPA TLB of the walker: ENTRIES entries in ENTRIES/WAYS sets
// of WAYS ways, tagged by VMID, ASID (or global) and both stages' modes.
//
// The set is chosen by the low bits of the 4 KiB page number, also for a
// superpage entry: such an entry then serves the addresses of its superpage
// that fall in its set (with one set, WAYS == ENTRIES, it serves them all).
// This keeps lookup to one probe per set whatever the page size.
//
// The hit is only a tag match; the walker re-checks permissions and D bits.
module walker_tlb import walker_pkg::*; #(
  parameter int unsigned ENTRIES = 16,
  parameter int unsigned WAYS    = 4,
  parameter bit          EN      = 1'b1
) (
  input  logic            clk_i,
  input  logic            rst_ni,
  // lookup (combinational)
  input  logic [13:0]     lk_vmid_i,
  input  logic [15:0]     lk_asid_i,
  input  logic [2:0]      lk_vs_lv_i,
  input  logic [2:0]      lk_g_lv_i,
  input  logic [VpnW-1:0] lk_vpn_i,
  output logic            hit_o,
  output tlb_entry_t      hit_entry_o,
  // fill: replaces an entry with the same tag, else a free or the next way
  input  logic            fill_i,
  input  tlb_entry_t      fill_entry_i,
  // invalidation
  input  logic            inv_i,
  input  inv_req_t        inv_req_i
);
  localparam int unsigned Sets = ENTRIES / WAYS;
  localparam int unsigned SetW = Sets > 1 ? $clog2(Sets) : 1;
  localparam int unsigned WayW = WAYS > 1 ? $clog2(WAYS) : 1;

  tlb_entry_t             entry_q [ENTRIES];
  tlb_entry_t             entry_d [ENTRIES];
  logic [ENTRIES-1:0]     valid_q, valid_d;
  logic [WayW-1:0]        next_way_q [Sets];
  logic [WayW-1:0]        next_way_d [Sets];

  // set index and tag compare read only some bits of their arguments
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [SetW-1:0] set_of(logic [VpnW-1:0] vpn);
    set_of = Sets > 1 ? vpn[SetW-1:0] : '0;
  endfunction

  function automatic logic tag_match(tlb_entry_t e, logic [13:0] vmid, logic [15:0] asid,
                                     logic [2:0] vs_lv, logic [2:0] g_lv, logic [VpnW-1:0] vpn);
    tag_match = e.vmid == vmid && (e.global || e.asid == asid) && e.vs_lv == vs_lv &&
                e.g_lv == g_lv && ((e.vpn ^ vpn) & vpn_mask(e.level)) == '0;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // lookup
  always_comb begin
    logic [SetW-1:0] set;
    set = set_of(lk_vpn_i);
    hit_o = 1'b0;
    hit_entry_o = entry_q[0];
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (EN && !hit_o && valid_q[set * WAYS + w] &&
          tag_match(entry_q[set * WAYS + w], lk_vmid_i, lk_asid_i, lk_vs_lv_i, lk_g_lv_i,
                    lk_vpn_i)) begin
        hit_o = 1'b1;
        hit_entry_o = entry_q[set * WAYS + w];
      end
    end
  end

  // fill and invalidation
  always_comb begin
    logic [SetW-1:0] set;
    logic [WayW-1:0] way;
    logic            found;
    logic            vmid_hit, asid_hit, addr_hit;
    vmid_hit = 1'b0;
    asid_hit = 1'b0;
    addr_hit = 1'b0;
    entry_d = entry_q;
    valid_d = valid_q;
    next_way_d = next_way_q;
    set = set_of(fill_entry_i.vpn);
    way = next_way_q[set];
    found = 1'b0;
    // same tag first, then a free way, then round robin
    for (int unsigned w = 0; w < WAYS; w++) begin
      if (!found && valid_q[set * WAYS + w] && entry_q[set * WAYS + w].level == fill_entry_i.level &&
          entry_q[set * WAYS + w].global == fill_entry_i.global &&
          tag_match(entry_q[set * WAYS + w], fill_entry_i.vmid, fill_entry_i.asid,
                    fill_entry_i.vs_lv, fill_entry_i.g_lv, fill_entry_i.vpn)) begin
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
    if (inv_i) begin
      for (int unsigned e = 0; e < ENTRIES; e++) begin
        vmid_hit = inv_req_i.all_vmid || entry_q[e].vmid == inv_req_i.vmid;
        asid_hit = !inv_req_i.use_asid || (!entry_q[e].global && entry_q[e].asid == inv_req_i.asid);
        addr_hit = !inv_req_i.use_addr ||
                   ((entry_q[e].vpn ^ inv_req_i.addr[12 +: VpnW]) & vpn_mask(entry_q[e].level)) == '0;
        // GVMA: a combined entry holds G-stage results for unknown GPAs, so
        // any GVMA of its VMID removes it whatever the address.
        if (vmid_hit && (inv_req_i.kind == InvGvma || (asid_hit && addr_hit))) valid_d[e] = 1'b0;
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
