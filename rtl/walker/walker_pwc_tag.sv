// One page-walk-cache entry against the lookup, the fill and the fence of
// this cycle (the fields of walker_pwc's flat storage, as walker_tlb_tag).
// The entry's table is reached by the address bits above its parent's level.
module walker_pwc_tag (
  // only the tag fields are compared
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::pwc_entry_t        entry_i,
  input  walker_pkg::pwc_entry_t        fill_entry_i,
  input  walker_pkg::inv_req_t          inv_req_i,   // no address: any address goes
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                          lk_stage_i,
  input  logic [13:0]                   lk_vmid_i,
  input  logic [15:0]                   lk_asid_i,   // ignored for G-stage lookups
  input  logic [2:0]                    lk_lv_i,
  input  logic [walker_pkg::VpnW-1:0]   lk_vpn_i,
  input  logic                          lk_mxr_i,    // VS: entries that needed MXR only serve MXR walks
  output logic                          lk_match_o,
  output logic [1:0]                    level_o,     // the entry's table level
  output logic                          fill_match_o,  // same tag and level as the fill
  output logic                          inv_match_o
);
  logic [walker_pkg::VpnW-1:0] mask;
  // the parent's level: 1..4 (3 bits; the entry keeps its own level, 0..3, in 2)
  assign mask    = walker_pkg::vpn_mask({1'b0, entry_i.level} + 3'd1);
  assign level_o = entry_i.level;

  assign lk_match_o = (!entry_i.need_mxr || lk_mxr_i) && entry_i.stage == lk_stage_i &&
                      entry_i.vmid == lk_vmid_i && (lk_stage_i || entry_i.asid == lk_asid_i) &&
                      entry_i.lv == lk_lv_i && ((entry_i.vpn ^ lk_vpn_i) & mask) == '0;

  assign fill_match_o = entry_i.level == fill_entry_i.level && entry_i.stage == fill_entry_i.stage &&
                        entry_i.vmid == fill_entry_i.vmid &&
                        (fill_entry_i.stage || entry_i.asid == fill_entry_i.asid) &&
                        entry_i.lv == fill_entry_i.lv && ((entry_i.vpn ^ fill_entry_i.vpn) & mask) == '0;

  // VVMA: VS entries (of an ASID if asked; any address: the walk path of an
  // address is not known here). GVMA: every entry of the VMID, VS ones too,
  // as their PTEs were read through the old G-stage mapping.
  assign inv_match_o = (inv_req_i.all_vmid || entry_i.vmid == inv_req_i.vmid) &&
                       (inv_req_i.kind == walker_pkg::InvGvma ||
                        (!entry_i.stage && (!inv_req_i.use_asid || entry_i.asid == inv_req_i.asid)));

endmodule
