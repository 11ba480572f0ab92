// The comparator of one G-TLB way (as walker_tlb_tag): the entry read from
// its set against a key, each field compared only when its care bit is set.
module walker_gtlb_tag (
  input  logic                          en_i,       // 0: no lookup (match_o 0)
  // only the tag fields are compared
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::gtlb_entry_t       entry_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                          c_vmid_i,
  input  logic                          c_lv_i,
  input  logic                          c_vpn_i,
  input  logic [13:0]                   vmid_i,
  input  logic [2:0]                    g_lv_i,
  input  logic [walker_pkg::VpnW-1:0]   vpn_i,
  output logic                          match_o,
  // the re-check of a hit for an access (its permissions and D), beside the
  // compare, so a hit's use waits only for the first-match choice (issue 9:
  // logic depth)
  input  walker_pkg::access_e           acc_i,
  input  logic                          mxr_i,
  input  logic                          hlvx_i,
  output logic                          ok_o
);

  // (an if, not an AND: Verilator then skips an unused comparator and the
  // re-check; ok_o matters only with match_o. 0, not a don't-care: with
  // 'x ABC9 mapped hva_top to 146 LUT more and 3 LUT levels deeper)
  always_comb begin
    match_o = 1'b0;
    ok_o    = 1'b0;
    if (en_i) begin
      ok_o = walker_pkg::perm_ok(entry_i.perm, acc_i, 1'b1, 1'b0, mxr_i, hlvx_i) &&
             (acc_i != walker_pkg::AccWrite || entry_i.d);
      match_o = (!c_vmid_i || entry_i.vmid == vmid_i) && (!c_lv_i || entry_i.g_lv == g_lv_i) &&
                (!c_vpn_i || ((entry_i.vpn ^ vpn_i) & walker_pkg::vpn_mask(entry_i.level)) == '0);
    end
  end

endmodule
