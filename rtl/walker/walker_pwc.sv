// Page-walk cache: non-leaf PTEs of both stages, fully associative, round
// robin replacement. A lookup returns the deepest cached table on the path of
// an address, so a walk resumes as low as it can.
module walker_pwc import walker_pkg::*; #(
  parameter int unsigned ENTRIES = 8,
  parameter bit          EN      = 1'b1
) (
  input  logic            clk_i,
  input  logic            rst_ni,
  input  logic            lk_stage_i,
  input  logic [13:0]     lk_vmid_i,
  input  logic [15:0]     lk_asid_i,    // ignored for G-stage lookups
  input  logic [2:0]      lk_lv_i,
  input  logic [VpnW-1:0] lk_vpn_i,
  input  logic            lk_mxr_i,     // VS: entries that needed MXR only serve MXR walks
  output logic            hit_o,
  output pwc_entry_t      hit_entry_o,
  input  logic            fill_i,
  input  pwc_entry_t      fill_entry_i,
  input  logic            inv_i,
  /* verilator lint_off UNUSEDSIGNAL */  // no address: non-leaf entries go whatever the address
  input  inv_req_t        inv_req_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  localparam int unsigned IdxW = ENTRIES > 1 ? $clog2(ENTRIES) : 1;

  pwc_entry_t         entry_q [ENTRIES];
  pwc_entry_t         entry_d [ENTRIES];
  logic [ENTRIES-1:0] valid_q, valid_d;
  logic [IdxW-1:0]    next_q, next_d;

  // The entry's table is reached by the address bits above its parent's level.
  /* verilator lint_off UNUSEDSIGNAL */  // the tag compare ignores the entry's data
  function automatic logic tag_match(pwc_entry_t e, logic stage, logic [13:0] vmid,
                                     logic [15:0] asid, logic [2:0] lv, logic [VpnW-1:0] vpn);
    tag_match = e.stage == stage && e.vmid == vmid && (stage || e.asid == asid) && e.lv == lv &&
                ((e.vpn ^ vpn) & vpn_mask(e.level + 2'd1)) == '0;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  always_comb begin
    hit_o = 1'b0;
    hit_entry_o = entry_q[0];
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      if (EN && valid_q[e] && (!entry_q[e].need_mxr || lk_mxr_i) &&
          tag_match(entry_q[e], lk_stage_i, lk_vmid_i, lk_asid_i, lk_lv_i, lk_vpn_i) &&
          (!hit_o || entry_q[e].level < hit_entry_o.level)) begin
        hit_o = 1'b1;
        hit_entry_o = entry_q[e];
      end
    end
  end

  always_comb begin
    logic [IdxW-1:0] idx;
    logic            found;
    entry_d = entry_q;
    valid_d = valid_q;
    next_d = next_q;
    idx = next_q;
    found = 1'b0;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      if (!found && valid_q[e] && entry_q[e].level == fill_entry_i.level &&
          tag_match(entry_q[e], fill_entry_i.stage, fill_entry_i.vmid, fill_entry_i.asid,
                    fill_entry_i.lv, fill_entry_i.vpn)) begin
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
      entry_d[idx] = fill_entry_i;
      valid_d[idx] = 1'b1;
      if (idx == next_q) next_d = IdxW'((32'(idx) + 1) % ENTRIES);
    end
    // VVMA: VS entries (of an ASID if asked; any address: the walk path of an
    // address is not known here). GVMA: every entry of the VMID, VS ones too,
    // as their PTEs were read through the old G-stage mapping.
    if (inv_i) begin
      for (int unsigned e = 0; e < ENTRIES; e++) begin
        if ((inv_req_i.all_vmid || entry_q[e].vmid == inv_req_i.vmid) &&
            (inv_req_i.kind == InvGvma ||
             (!entry_q[e].stage && (!inv_req_i.use_asid || entry_q[e].asid == inv_req_i.asid))))
          valid_d[e] = 1'b0;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
      next_q <= '0;
      for (int unsigned e = 0; e < ENTRIES; e++) entry_q[e] <= '0;
    end else begin
      valid_q <= valid_d;
      next_q <= next_d;
      entry_q <= entry_d;
    end
  end

endmodule
