// The walker's request register, shared by the single-request registers
// (requester 0) and the ring engine (requester 1). One translation is in the
// walker at a time; its response goes back to whoever sent it. The
// registers take a response in the cycle it is offered; the ring holds it
// (its rsp_ready) until it has written it to memory.
//
// One register, not one per requester and a 209-bit multiplexer behind them
// (issue 9, area): the registers load it in one cycle (GO: the REQ_*
// words; a context slot's XLATE_*: the slot's words), the ring a 64-bit
// word per beat of its slot's read burst, after it has reserved the
// register (fill). A requester loads it only while it is free (no request
// waiting for the walker, no fill): the registers hold a GO / XLATE_* write
// back until then, the ring its burst. While the walker works on one
// request, the next may wait in the register.
module hva_req_arb (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  // the registers: a load in one cycle, only while free_o
  output logic                   free_o,
  input  logic                   go_i,         // load go_req_i (GO)
  input  hva_pkg::req_words_t    go_req_i,
  input  logic                   xlate_i,      // load xlate_req_i (a slot's XLATE_*)
  input  hva_pkg::req_words_t    xlate_req_i,
  // the ring: reserve, then a word per beat; the last beat completes it
  input  logic                   fill_req_i,
  output logic                   fill_gnt_o,
  input  logic                   beat_i,       // a beat of the burst: word beat_idx_i
  input  logic [1:0]             beat_idx_i,
  input  logic [63:0]            beat_data_i,
  input  logic                   beat_err_i,   // with the last beat: the burst failed, no request
  // responses, per requester
  output logic [1:0]             rsp_valid_o,
  input  logic [1:0]             rsp_ready_i,
  // the walker
  output logic                   req_valid_o,
  input  logic                   req_ready_i,
  output walker_pkg::xlate_req_t req_o,
  input  logic                   rsp_valid_i,
  output logic                   rsp_ready_o
);
  hva_pkg::req_words_t req_q, req_d;
  logic full_q, full_d;      // req_q waits for the walker
  logic owner_q, owner_d;    // ... on behalf of
  logic fill_q, fill_d;      // the ring is loading req_q
  logic busy_q, busy_d;      // a translation is in the walker
  logic bowner_q, bowner_d;  // ... on behalf of

  assign free_o     = !full_q && !fill_q;
  // the registers' load wins a tie (the ring asks again)
  assign fill_gnt_o = free_o && fill_req_i && !go_i && !xlate_i;

  logic last_beat;
  assign last_beat = beat_i && beat_idx_i == 2'd3;

  always_comb begin
    req_d    = req_q;
    full_d   = full_q;
    owner_d  = owner_q;
    fill_d   = fill_q;
    busy_d   = busy_q;
    bowner_d = bowner_q;
    if (beat_i) begin
      unique case (beat_idx_i)
        2'd0:    req_d.vsatp = beat_data_i;
        2'd1:    req_d.hgatp = beat_data_i;
        2'd2:    req_d.addr  = beat_data_i;
        default: req_d.ctrl  = beat_data_i[31:0];
      endcase
    end else if (xlate_i) begin
      req_d = xlate_req_i;
    end else begin
      req_d = go_req_i;   // (taken only with go_i)
    end
    if (go_i || xlate_i) begin
      full_d  = 1'b1;
      owner_d = 1'b0;
    end
    if (fill_gnt_o) fill_d = 1'b1;
    if (last_beat) begin
      fill_d  = 1'b0;
      full_d  = !beat_err_i;
      owner_d = 1'b1;
    end
    if (req_valid_o && req_ready_i) begin
      full_d   = 1'b0;
      busy_d   = 1'b1;
      bowner_d = owner_q;
    end
    if (busy_q && rsp_valid_i && rsp_ready_o) busy_d = 1'b0;
  end

  // the request payload has no reset: it is read only while full_q
  logic ld;
  assign ld = beat_i || go_i || xlate_i;
  always_ff @(posedge clk_i) begin
    if (ld) req_q <= req_d;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      full_q   <= 1'b0;
      owner_q  <= 1'b0;
      fill_q   <= 1'b0;
      busy_q   <= 1'b0;
      bowner_q <= 1'b0;
    end else begin
      full_q   <= full_d;
      owner_q  <= owner_d;
      fill_q   <= fill_d;
      busy_q   <= busy_d;
      bowner_q <= bowner_d;
    end
  end

  // one translation at a time (the walker runs with SERIAL_REQ)
  assign req_valid_o = full_q && !busy_q;
  assign rsp_ready_o = rsp_ready_i[bowner_q];

  hva_req_unpack u_req_unpack (
    .ctrl_i (req_q.ctrl),
    .vsatp_i(req_q.vsatp),
    .hgatp_i(req_q.hgatp),
    .addr_i (req_q.addr),
    .req_o
  );

  always_comb begin
    rsp_valid_o           = '0;
    rsp_valid_o[bowner_q] = busy_q && rsp_valid_i;
  end

`ifndef SYNTHESIS
  // a load only into a free register (the ring's beats: after its grant)
  always_comb begin
    if (rst_ni) begin
      assert (!(go_i || xlate_i) || free_o);
      assert (!(go_i && xlate_i));
      assert (!beat_i || fill_q);
      assert (!(full_q && fill_q));
    end
  end
`endif

endmodule
