// One entry of the combined TLB against the lookup, the fill and the fence
// of this cycle. An entry is a plain vector in walker_tlb's storage; this
// module's struct port gives its fields names (Yosys 0.23 cannot take a
// member of a struct array element or a struct-typed function argument).
module walker_tlb_tag (
  // only the tag fields are compared
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::tlb_entry_t        entry_i,
  input  walker_pkg::tlb_entry_t        fill_entry_i,
  input  walker_pkg::inv_req_t          inv_req_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic [13:0]                   lk_vmid_i,
  input  logic [15:0]                   lk_asid_i,
  input  logic [2:0]                    lk_vs_lv_i,
  input  logic [2:0]                    lk_g_lv_i,
  input  logic [walker_pkg::VpnW-1:0]   lk_vpn_i,
  output logic                          lk_match_o,    // serves the lookup
  output logic                          fill_match_o,  // same tag, level and G as the fill
  output logic                          inv_match_o    // removed by the fence
);
  localparam int unsigned VpnW = walker_pkg::VpnW;

  logic [VpnW-1:0] mask;
  assign mask = walker_pkg::vpn_mask(entry_i.level);

  assign lk_match_o = entry_i.vmid == lk_vmid_i && (entry_i.global || entry_i.asid == lk_asid_i) &&
                      entry_i.vs_lv == lk_vs_lv_i && entry_i.g_lv == lk_g_lv_i &&
                      ((entry_i.vpn ^ lk_vpn_i) & mask) == '0;

  assign fill_match_o = entry_i.level == fill_entry_i.level && entry_i.global == fill_entry_i.global &&
                        entry_i.vmid == fill_entry_i.vmid &&
                        (entry_i.global || entry_i.asid == fill_entry_i.asid) &&
                        entry_i.vs_lv == fill_entry_i.vs_lv && entry_i.g_lv == fill_entry_i.g_lv &&
                        ((entry_i.vpn ^ fill_entry_i.vpn) & mask) == '0;

  // GVMA: a combined entry holds G-stage results for unknown GPAs, so any
  // GVMA of its VMID removes it whatever the address.
  logic vmid_hit, asid_hit, addr_hit;
  assign vmid_hit = inv_req_i.all_vmid || entry_i.vmid == inv_req_i.vmid;
  assign asid_hit = !inv_req_i.use_asid || (!entry_i.global && entry_i.asid == inv_req_i.asid);
  assign addr_hit = !inv_req_i.use_addr || ((entry_i.vpn ^ inv_req_i.addr[12 +: VpnW]) & mask) == '0;
  assign inv_match_o = vmid_hit && (inv_req_i.kind == walker_pkg::InvGvma || (asid_hit && addr_hit));

endmodule
