// One interrupt file (a guest's, or the hypervisor's): pending, claimed and
// enable bits, a priority per id, a threshold, claim/complete. A target id is
// busy (its gateways hold new requests) while pending or claimed. Id 0 is
// reserved: never pending, enable and priority read 0.
module vic_file #(
  parameter int unsigned NumIds   = 32,
  parameter int unsigned PrioBits = 3
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  input  logic [NumIds-1:0]          set_i,         // gateway requests and injections
  input  logic                       claim_i,       // claim the best id (if any)
  input  logic                       complete_i,
  input  logic [31:0]                complete_id_i,
  input  logic                       prio_we_i,
  input  logic [$clog2(NumIds)-1:0]  prio_id_i,
  input  logic                       enable_we_i,
  input  logic                       enable_word_i, // ids 32..63
  input  logic                       thresh_we_i,
  input  logic [31:0]                wdata_i,       // already merged with wstrb
  output logic [NumIds-1:0]          busy_o,
  output logic [NumIds-1:0]          pending_o,
  output logic [NumIds-1:0]          enable_o,
  output logic [NumIds*PrioBits-1:0] prio_o,
  output logic [PrioBits-1:0]        thresh_o,
  output logic                       eip_o,         // a claim would return an id
  output logic [$clog2(NumIds)-1:0]  best_id_o
);

  localparam int unsigned IdW = $clog2(NumIds);
  localparam logic [NumIds-1:0] IdMask = {{(NumIds-1){1'b1}}, 1'b0};

  logic [NumIds-1:0]          pending_q, pending_d, claimed_q, claimed_d, enable_q, enable_d;
  logic [NumIds*PrioBits-1:0] prio_q, prio_d;
  logic [PrioBits-1:0]        thresh_q, thresh_d;
  logic [NumIds-1:0]          cand, claim_bit, complete_bit;
  // two enable words whatever NumIds is; bits above NumIds are dropped
  /* verilator lint_off UNUSEDSIGNAL */
  logic [63:0]                enable_wide;
  /* verilator lint_on UNUSEDSIGNAL */

  always_comb begin
    for (int unsigned i = 0; i < NumIds; i++) begin
      cand[i] = pending_q[i] & enable_q[i] & (prio_q[i*PrioBits +: PrioBits] > thresh_q);
    end
  end

  vic_arbiter #(.NumIds(NumIds), .PrioBits(PrioBits)) u_arbiter (
    .cand_i (cand),
    .prio_i (prio_q),
    .valid_o(eip_o),
    .id_o   (best_id_o)
  );

  always_comb begin
    claim_bit    = '0;
    complete_bit = '0;
    for (int unsigned i = 0; i < NumIds; i++) begin
      claim_bit[i]    = claim_i & eip_o & (best_id_o == IdW'(i));
      complete_bit[i] = complete_i & (complete_id_i == i);
    end
    pending_d = ((pending_q & ~claim_bit) | set_i) & IdMask;
    claimed_d = ((claimed_q & ~complete_bit) | claim_bit) & IdMask;

    // enables are addressed as two 32-bit words whatever NumIds is
    enable_wide = 64'(enable_q);
    if (enable_we_i) begin
      if (enable_word_i) enable_wide[63:32] = wdata_i;
      else               enable_wide[31:0]  = wdata_i;
    end
    enable_d = enable_wide[NumIds-1:0] & IdMask;

    prio_d = prio_q;
    if (prio_we_i && prio_id_i != '0) begin
      prio_d[prio_id_i*PrioBits +: PrioBits] = wdata_i[PrioBits-1:0];
    end

    thresh_d = thresh_we_i ? wdata_i[PrioBits-1:0] : thresh_q;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pending_q <= '0;
      claimed_q <= '0;
      enable_q  <= '0;
      prio_q    <= '0;
      thresh_q  <= '0;
    end else begin
      pending_q <= pending_d;
      claimed_q <= claimed_d;
      enable_q  <= enable_d;
      prio_q    <= prio_d;
      thresh_q  <= thresh_d;
    end
  end

  assign busy_o    = pending_q | claimed_q;
  assign pending_o = pending_q;
  assign enable_o  = enable_q;
  assign prio_o    = prio_q;
  assign thresh_o  = thresh_q;

endmodule
