// Picks the highest-priority candidate, lowest id on ties, with a binary
// tree (depth log2(NumIds)) rather than a linear scan, and gives its priority
// (the caller compares that one with the threshold: the best candidate is
// above the threshold exactly when any candidate is). A candidate of
// priority 0 counts as none: it is never above a threshold.
module vic_arbiter #(
  parameter int unsigned NumIds   = 32,
  parameter int unsigned PrioBits = 3
) (
  input  logic [NumIds-1:0]          cand_i,   // pending & enabled
  input  logic [NumIds*PrioBits-1:0] prio_i,
  output logic                       valid_o,
  output logic [$clog2(NumIds)-1:0]  id_o,
  output logic [PrioBits-1:0]        prio_o
);

  localparam int unsigned IdW    = $clog2(NumIds);
  localparam int unsigned Levels = $clog2(NumIds);
  localparam int unsigned Leaves = 1 << Levels;

  // heap-ordered nodes: node k combines 2k (lower ids) and 2k+1; leaves at
  // Leaves... A node's value is its best candidate's priority, 0 for none
  // (a candidate of priority 0 can never be delivered: the caller wants one
  // above the threshold), so a node's compare and each bit of its value are
  // one LUT of the children's values (a valid bit beside the priority made
  // the compare two LUTs deep; issue 9, depth).
  logic [2*Leaves*PrioBits-1:0] pri;
  logic [2*Leaves*IdW-1:0]      idx;

  always_comb begin
    pri = '0;
    idx = '0;
    for (int unsigned i = 0; i < Leaves; i++) begin
      // NumIds is a power of two: every leaf is an id
      pri[(Leaves + i)*PrioBits +: PrioBits] = cand_i[i] ? prio_i[i*PrioBits +: PrioBits] : '0;
      idx[(Leaves + i)*IdW +: IdW] = IdW'(i);
    end
    for (int unsigned k = Leaves - 1; k >= 1; k--) begin
      // the left (lower-id) child wins unless the right one is strictly better
      if (pri[(2*k+1)*PrioBits +: PrioBits] > pri[(2*k)*PrioBits +: PrioBits]) begin
        pri[k*PrioBits +: PrioBits] = pri[(2*k+1)*PrioBits +: PrioBits];
        idx[k*IdW +: IdW]           = idx[(2*k+1)*IdW +: IdW];
      end else begin
        pri[k*PrioBits +: PrioBits] = pri[(2*k)*PrioBits +: PrioBits];
        idx[k*IdW +: IdW]           = idx[(2*k)*IdW +: IdW];
      end
    end
  end

  // valid: a candidate of a priority above 0 (id_o is of no meaning without)
  assign valid_o = pri[PrioBits +: PrioBits] != '0;
  assign id_o    = idx[IdW +: IdW];
  assign prio_o  = pri[PrioBits +: PrioBits];

endmodule
