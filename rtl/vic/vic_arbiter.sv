// Picks the highest-priority candidate, lowest id on ties, with a binary
// tree (depth log2(NumIds)) rather than a linear scan, and gives its priority
// (the caller compares that one with the threshold: the best candidate is
// above the threshold exactly when any candidate is).
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

  // heap-ordered nodes: node k combines 2k (lower ids) and 2k+1; leaves at Leaves..
  logic [2*Leaves-1:0]          vld;
  logic [2*Leaves*PrioBits-1:0] pri;
  logic [2*Leaves*IdW-1:0]      idx;

  always_comb begin
    vld = '0;
    pri = '0;
    idx = '0;
    for (int unsigned i = 0; i < Leaves; i++) begin
      // NumIds is a power of two: every leaf is an id
      vld[Leaves + i] = cand_i[i];
      pri[(Leaves + i)*PrioBits +: PrioBits] = prio_i[i*PrioBits +: PrioBits];
      idx[(Leaves + i)*IdW +: IdW] = IdW'(i);
    end
    for (int unsigned k = Leaves - 1; k >= 1; k--) begin
      // the left (lower-id) child wins unless the right one is strictly better
      if (vld[2*k+1] && (!vld[2*k] ||
          pri[(2*k+1)*PrioBits +: PrioBits] > pri[(2*k)*PrioBits +: PrioBits])) begin
        vld[k] = 1'b1;
        pri[k*PrioBits +: PrioBits] = pri[(2*k+1)*PrioBits +: PrioBits];
        idx[k*IdW +: IdW]           = idx[(2*k+1)*IdW +: IdW];
      end else begin
        vld[k] = vld[2*k];
        pri[k*PrioBits +: PrioBits] = pri[(2*k)*PrioBits +: PrioBits];
        idx[k*IdW +: IdW]           = idx[(2*k)*IdW +: IdW];
      end
    end
  end

  assign valid_o = vld[1];
  assign id_o    = idx[IdW +: IdW];
  assign prio_o  = pri[PrioBits +: PrioBits];

endmodule
