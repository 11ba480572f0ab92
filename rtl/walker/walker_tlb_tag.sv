// The comparator of one combined-TLB way: the entry read from its set against
// a key, each field compared only when its care bit is set. A lookup cares
// about every field (a global entry matches any ASID); a fence about the
// fields it names (an ASID fence leaves global entries: glob_ok_i 0).
module walker_tlb_tag (
  input  logic                          en_i,       // 0: no lookup (match_o 0)
  // only the tag fields are compared
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::tlb_entry_t        entry_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                          global_i,   // the entry's G (a flip-flop of the store)
  input  logic                          c_vmid_i,
  input  logic                          c_asid_i,
  input  logic                          glob_ok_i,  // a global entry: matches any ASID (1) or none (0)
  input  logic                          c_lv_i,
  input  logic                          c_vpn_i,
  input  logic [13:0]                   vmid_i,
  input  logic [15:0]                   asid_i,
  input  logic [2:0]                    vs_lv_i,
  input  logic [2:0]                    g_lv_i,
  input  logic [walker_pkg::VpnW-1:0]   vpn_i,
  output logic                          match_o,
  // the re-check of a hit for the request (both leaves' permissions and D,
  // MXR), beside the compare, so a hit's use waits only for the first-match
  // choice (issue 9: logic depth); a Bare stage has nothing to check
  input  walker_pkg::access_e           acc_i,
  input  logic                          user_i,
  input  logic                          sum_i,
  input  logic                          mxr_i,
  input  logic                          vmxr_i,
  input  logic                          hlvx_i,
  input  logic                          vs_bare_i,
  input  logic                          g_bare_i,
  output logic                          ok_o
);

  // (an if, not an AND: Verilator then skips an unused comparator and the
  // re-check; ok_o matters only with match_o. 0, not a don't-care: with
  // 'x ABC9 mapped hva_top to 146 LUT more and 3 LUT levels deeper)
  always_comb begin
    match_o = 1'b0;
    ok_o    = 1'b0;
    if (en_i) begin
      ok_o = (vs_bare_i ||
              (walker_pkg::perm_ok(entry_i.vs_perm, acc_i, user_i, sum_i, mxr_i || vmxr_i, hlvx_i) &&
               (acc_i != walker_pkg::AccWrite || entry_i.vs_d))) &&
             (g_bare_i ||
              (walker_pkg::perm_ok(entry_i.g_perm, acc_i, 1'b1, 1'b0, mxr_i, hlvx_i) &&
               (acc_i != walker_pkg::AccWrite || entry_i.g_d))) &&
             (!entry_i.need_mxr || mxr_i);
      match_o = (!c_vmid_i || entry_i.vmid == vmid_i) &&
                (!c_asid_i || (global_i ? glob_ok_i : entry_i.asid == asid_i)) &&
                (!c_lv_i || (entry_i.vs_lv == vs_lv_i && entry_i.g_lv == g_lv_i)) &&
                (!c_vpn_i || ((entry_i.vpn ^ vpn_i) & walker_pkg::vpn_mask(entry_i.level)) == '0);
    end
  end

endmodule
