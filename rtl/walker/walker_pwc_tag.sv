// The comparator of one page-walk-cache way (as walker_tlb_tag). An entry's
// table is reached by the address bits above its parent's level; an entry
// whose walk needed MXR for an implicit read serves only MXR walks.
module walker_pwc_tag (
  input  logic                          en_i,       // 0: no lookup (match_o 0)
  // only the tag fields are compared
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::pwc_entry_t        entry_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                          c_stage_i,
  input  logic                          c_vmid_i,
  input  logic                          c_asid_i,
  input  logic                          c_lv_i,   // also: the mode, the address and MXR
  input  logic                          stage_i,
  input  logic [13:0]                   vmid_i,
  input  logic [15:0]                   asid_i,
  input  logic [2:0]                    lv_i,
  input  logic [walker_pkg::VpnW-1:0]   vpn_i,
  input  logic                          mxr_i,
  output logic                          match_o,
  output logic [1:0]                    level_o   // the entry's table level
);
  assign level_o = entry_i.level;

  // the address bits above the parent's level (vpn_mask(level + 1) without
  // the adder: Yosys put a carry chain after the tag read, issue 9: depth)
  logic [walker_pkg::VpnW-1:0] vpn_mask_above;
  always_comb begin
    unique case (entry_i.level)
      2'd0:    vpn_mask_above = walker_pkg::vpn_mask(3'd1);
      2'd1:    vpn_mask_above = walker_pkg::vpn_mask(3'd2);
      2'd2:    vpn_mask_above = walker_pkg::vpn_mask(3'd3);
      default: vpn_mask_above = walker_pkg::vpn_mask(3'd4);
    endcase
  end

  // (an if, not an AND: Verilator then skips an unused comparator)
  always_comb begin
    match_o = 1'b0;
    if (en_i) begin
      // the parent's level: 1..4 (3 bits; the entry keeps its own level, 0..3, in 2)
      match_o = (!c_stage_i || entry_i.stage == stage_i) &&
                (!c_vmid_i || entry_i.vmid == vmid_i) &&
                (!c_asid_i || entry_i.asid == asid_i) &&
                (!c_lv_i || (entry_i.lv == lv_i && (!entry_i.need_mxr || mxr_i) &&
                             ((entry_i.vpn ^ vpn_i) & vpn_mask_above) == '0));
    end
  end

endmodule
