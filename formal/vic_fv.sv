// Formal harness of the VIC (rtl/vic/vic.sv) for formal/prove.sh: small
// parameters, free sources and bus requests, reset in the first cycle only.
// The properties are the VIC's own assertions (its ASSERT section: legal
// states, a best id always pending, a forward only to an idle target through
// an active route, no edge lost, one set per cycle, the claim answer); this
// harness adds a few about the outputs.
module vic_fv (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic [1:0] src_i,
  input  logic       req_i,
  input  logic       we_i,
  input  logic [19:0] addr_i,
  input  logic [31:0] wdata_i,
  input  logic [3:0] wstrb_i
);
  logic [31:0] rdata;
  logic        err;
  logic [1:0]  guest_eip;
  logic        hyp_irq;

  vic #(
    .NumGuests (2),
    .NumIds    (4),
    .NumSources(2),
    .NumVcpus  (1),
    .NumCtxs   (2),
    .PrioBits  (1)
  ) u_vic (
    .clk_i,
    .rst_ni,
    .src_i,
    .req_i,
    .we_i,
    .addr_i,
    .wdata_i,
    .wstrb_i,
    .rdata_o    (rdata),
    .err_o      (err),
    .guest_eip_o(guest_eip),
    .hyp_irq_o  (hyp_irq)
  );

  // reset in the first cycle, never again
  logic init_q = 1'b1;
  always_ff @(posedge clk_i) init_q <= 1'b0;

  // the previous cycle's request and outputs
  logic req_q = 1'b0;
  logic we_q;
  always_ff @(posedge clk_i) begin
    req_q <= req_i;
    we_q  <= we_i;
  end

  always_comb begin
    assume (rst_ni == !init_q);
    if (!init_q) begin
      // an answer only to a request, and no data for a write or an error
`ifdef FV_REACH
      // must fail: a claim that takes an id (route, enable, priority,
      // forward, arbitration and claim all within the depth)
      fv_reach: assert (!(u_vic.claim_now && u_vic.claim_v));
`endif
      fv_no_rsp:      assert (req_q || (rdata == '0 && !err));
      fv_write_rdata: assert (!(req_q && we_q) || rdata == '0);
      fv_err_rdata:   assert (!err || rdata == '0);
    end
  end

  logic unused_irq;
  assign unused_irq = ^{guest_eip, hyp_irq};

endmodule
