// Shares the walker's request port between the single-request registers
// (requester 0, first) and the ring engine (requester 1). One translation is
// in the walker at a time; its response goes back to whoever sent it. The
// registers take a response in the cycle it is offered; the ring holds it
// (its rsp_ready) until it has written it to memory.
module hva_req_arb (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic [1:0]             req_valid_i,
  output logic [1:0]             req_ready_o,
  input  walker_pkg::xlate_req_t req0_i,
  input  walker_pkg::xlate_req_t req1_i,
  output logic [1:0]             rsp_valid_o,
  input  logic [1:0]             rsp_ready_i,
  // the walker
  output logic                   req_valid_o,
  input  logic                   req_ready_i,
  output walker_pkg::xlate_req_t req_o,
  input  logic                   rsp_valid_i,
  output logic                   rsp_ready_o
);
  logic busy_q, busy_d, owner_q, owner_d, hold_q, hold_d, sel;

  // an offered request stays selected until the walker takes it (stable payload)
  assign sel = hold_q ? owner_q : !req_valid_i[0];

  always_comb begin
    busy_d  = busy_q;
    owner_d = owner_q;
    hold_d  = req_valid_o && !req_ready_i;
    if (hold_d) owner_d = sel;
    if (!busy_q && req_valid_o && req_ready_i) begin
      busy_d  = 1'b1;
      owner_d = sel;
    end
    if (busy_q && rsp_valid_i && rsp_ready_o) busy_d = 1'b0;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q  <= 1'b0;
      owner_q <= 1'b0;
      hold_q  <= 1'b0;
    end else begin
      busy_q  <= busy_d;
      owner_q <= owner_d;
      hold_q  <= hold_d;
    end
  end

  assign req_valid_o = !busy_q && req_valid_i[sel];
  assign req_o       = sel ? req1_i : req0_i;
  assign rsp_ready_o = rsp_ready_i[owner_q];

  always_comb begin
    req_ready_o = '0;
    rsp_valid_o = '0;
    req_ready_o[sel]     = !busy_q && req_ready_i;
    rsp_valid_o[owner_q] = busy_q && rsp_valid_i;
  end

endmodule
