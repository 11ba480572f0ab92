// One entry of the G-stage TLB against the lookup, the fill and the fence of
// this cycle (the fields of walker_gtlb's flat storage, as walker_tlb_tag).
module walker_gtlb_tag (
  // only the tag fields are compared
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::gtlb_entry_t       entry_i,
  input  walker_pkg::gtlb_entry_t       fill_entry_i,
  input  walker_pkg::inv_req_t          inv_req_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic [13:0]                   lk_vmid_i,
  input  logic [2:0]                    lk_g_lv_i,
  input  logic [walker_pkg::VpnW-1:0]   lk_vpn_i,
  output logic                          lk_match_o,
  output logic                          fill_match_o,  // same tag and level as the fill
  output logic                          inv_match_o    // removed by the fence
);
  localparam int unsigned VpnW = walker_pkg::VpnW;

  logic [VpnW-1:0] mask;
  assign mask = walker_pkg::vpn_mask(entry_i.level);

  assign lk_match_o = entry_i.vmid == lk_vmid_i && entry_i.g_lv == lk_g_lv_i &&
                      ((entry_i.vpn ^ lk_vpn_i) & mask) == '0;

  assign fill_match_o = entry_i.level == fill_entry_i.level && entry_i.vmid == fill_entry_i.vmid &&
                        entry_i.g_lv == fill_entry_i.g_lv &&
                        ((entry_i.vpn ^ fill_entry_i.vpn) & mask) == '0;

  // only HFENCE.GVMA touches G-stage leaves (no ASID in them)
  assign inv_match_o = inv_req_i.kind == walker_pkg::InvGvma &&
                       (inv_req_i.all_vmid || entry_i.vmid == inv_req_i.vmid) &&
                       (!inv_req_i.use_addr || ((entry_i.vpn ^ inv_req_i.addr[12 +: VpnW]) & mask) == '0);

endmodule
