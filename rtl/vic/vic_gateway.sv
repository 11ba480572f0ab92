// One physical source's PLIC-style gateway. A level source forwards a request
// while asserted and its target is idle (so it pends again after complete if
// still asserted); an edge source forwards a rising edge when the target is
// idle, or latches it (one latch, further edges merge) until it is.
module vic_gateway (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic src_i,          // synchronous source level
  input  logic route_valid_i,  // enabled route to an existing target
  input  logic route_edge_i,
  input  logic target_busy_i,  // target pending or claimed
  output logic level_o,        // registered source level
  output logic fwd_o           // set the target's pending bit
);

  logic src_q, latch_q, latch_d, rise;

  assign rise    = src_i & ~src_q;
  assign level_o = src_q;

  always_comb begin
    fwd_o   = 1'b0;
    latch_d = 1'b0;
    if (route_valid_i) begin
      if (route_edge_i) begin
        fwd_o   = ~target_busy_i & (rise | latch_q);
        latch_d =  target_busy_i & (rise | latch_q);
      end else begin
        fwd_o   = ~target_busy_i & src_i;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      src_q   <= 1'b0;
      latch_q <= 1'b0;
    end else begin
      src_q   <= src_i;
      latch_q <= latch_d;
    end
  end

endmodule
