// Two AXI4 masters (single beats, 64-bit) onto one port: master 0 is the
// walker, master 1 the ring engine. All three ports have walker_pkg's types;
// a master's IDs are its low MstIdW bits, the master's number becomes the top
// ID bit, and responses go back by that bit, so each master sees its own IDs.
//
// Read and write address channels are arbitrated separately, master 0 first.
// A grant is held while the granted master's request waits for ready (AXI
// forbids withdrawing a valid), and for writes until both its AW and its W
// beat are taken, so W beats always follow their AW's master.
//
// Each channel's master is selected into a whole struct first (Yosys 0.23
// takes no member of an indexed struct array).
module hva_axi_arb (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  walker_pkg::axi_req_t m0_req_i,
  output walker_pkg::axi_rsp_t m0_rsp_o,
  input  walker_pkg::axi_req_t m1_req_i,
  output walker_pkg::axi_rsp_t m1_rsp_o,
  output walker_pkg::axi_req_t axi_req_o,
  input  walker_pkg::axi_rsp_t axi_rsp_i
);
  // the masters' IDs are MstIdW bits; the port's top ID bit is the master
  localparam int unsigned IdW = walker_pkg::MstIdW;

  // the master of each channel (selects below)
  logic ar_sel, w_sel, b_sel, r_sel;
  /* verilator lint_off UNUSEDSIGNAL */  // each takes its channel's fields
  walker_pkg::axi_req_t ar_m, w_m, b_m, r_m;
  /* verilator lint_on UNUSEDSIGNAL */
  assign ar_m = ar_sel ? m1_req_i : m0_req_i;
  assign w_m  = w_sel ? m1_req_i : m0_req_i;
  assign b_m  = b_sel ? m1_req_i : m0_req_i;
  assign r_m  = r_sel ? m1_req_i : m0_req_i;

  // ---------------------------------------------------------------- read address
  logic ar_hold_q, ar_hold_d, ar_sel_q, ar_sel_d;

  assign ar_sel = ar_hold_q ? ar_sel_q : !m0_req_i.ar_valid;

  always_comb begin
    ar_hold_d = ar_hold_q;
    ar_sel_d  = ar_sel_q;
    if (ar_m.ar_valid) begin
      ar_hold_d = !axi_rsp_i.ar_ready;
      ar_sel_d  = ar_sel;
    end
  end

  // ---------------------------------------------------------------- write address + data
  logic w_busy_q, w_busy_d, w_sel_q, w_sel_d;
  logic aw_taken_q, aw_taken_d, w_taken_q, w_taken_d;
  logic aw_fire, w_fire;

  // a write starts with either AW or W of a master
  assign w_sel = w_busy_q ? w_sel_q : !(m0_req_i.aw_valid || m0_req_i.w_valid);

  assign aw_fire = w_m.aw_valid && !aw_taken_q && axi_rsp_i.aw_ready;
  assign w_fire  = w_m.w_valid && !w_taken_q && axi_rsp_i.w_ready;

  always_comb begin
    w_busy_d   = w_busy_q;
    w_sel_d    = w_sel_q;
    aw_taken_d = aw_taken_q || aw_fire;
    w_taken_d  = w_taken_q || (w_fire && w_m.w_last);
    if (!w_busy_q && (w_m.aw_valid || w_m.w_valid)) begin
      w_busy_d = 1'b1;
      w_sel_d  = w_sel;
    end
    if (aw_taken_d && w_taken_d) begin   // both parts done: release
      w_busy_d   = 1'b0;
      aw_taken_d = 1'b0;
      w_taken_d  = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ar_hold_q  <= 1'b0;
      ar_sel_q   <= 1'b0;
      w_busy_q   <= 1'b0;
      w_sel_q    <= 1'b0;
      aw_taken_q <= 1'b0;
      w_taken_q  <= 1'b0;
    end else begin
      ar_hold_q  <= ar_hold_d;
      ar_sel_q   <= ar_sel_d;
      w_busy_q   <= w_busy_d;
      w_sel_q    <= w_sel_d;
      aw_taken_q <= aw_taken_d;
      w_taken_q  <= w_taken_d;
    end
  end

  // ---------------------------------------------------------------- the shared port
  // the master's number becomes the top ID bit
  assign b_sel = axi_rsp_i.b_id[IdW];
  assign r_sel = axi_rsp_i.r_id[IdW];

  always_comb begin
    axi_req_o          = '0;
    axi_req_o.ar.id    = {ar_sel, ar_m.ar.id[IdW-1:0]};
    axi_req_o.ar.addr  = ar_m.ar.addr;
    axi_req_o.ar.len   = ar_m.ar.len;
    axi_req_o.ar.size  = ar_m.ar.size;
    axi_req_o.ar.burst = ar_m.ar.burst;
    axi_req_o.ar.lock  = ar_m.ar.lock;
    axi_req_o.ar.cache = ar_m.ar.cache;
    axi_req_o.ar.prot  = ar_m.ar.prot;
    axi_req_o.ar_valid = ar_m.ar_valid;
    axi_req_o.aw.id    = {w_sel, w_m.aw.id[IdW-1:0]};
    axi_req_o.aw.addr  = w_m.aw.addr;
    axi_req_o.aw.len   = w_m.aw.len;
    axi_req_o.aw.size  = w_m.aw.size;
    axi_req_o.aw.burst = w_m.aw.burst;
    axi_req_o.aw.lock  = w_m.aw.lock;
    axi_req_o.aw.cache = w_m.aw.cache;
    axi_req_o.aw.prot  = w_m.aw.prot;
    axi_req_o.aw_valid = w_m.aw_valid && !aw_taken_q;
    axi_req_o.w_data   = w_m.w_data;
    axi_req_o.w_strb   = w_m.w_strb;
    axi_req_o.w_last   = w_m.w_last;
    axi_req_o.w_valid  = w_m.w_valid && !w_taken_q;
    axi_req_o.b_ready  = b_m.b_ready;
    axi_req_o.r_ready  = r_m.r_ready;
  end

  // both masters see the response payloads; valids and readies go to one
  walker_pkg::axi_rsp_t rsp_common;
  always_comb begin
    rsp_common        = '0;
    rsp_common.b_id   = {1'b0, axi_rsp_i.b_id[IdW-1:0]};
    rsp_common.b_resp = axi_rsp_i.b_resp;
    rsp_common.r_id   = {1'b0, axi_rsp_i.r_id[IdW-1:0]};
    rsp_common.r_data = axi_rsp_i.r_data;
    rsp_common.r_resp = axi_rsp_i.r_resp;
    rsp_common.r_last = axi_rsp_i.r_last;

    m0_rsp_o          = rsp_common;
    m0_rsp_o.ar_ready = !ar_sel && axi_rsp_i.ar_ready;
    m0_rsp_o.aw_ready = !w_sel && !aw_taken_q && axi_rsp_i.aw_ready;
    m0_rsp_o.w_ready  = !w_sel && !w_taken_q && axi_rsp_i.w_ready;
    m0_rsp_o.b_valid  = !b_sel && axi_rsp_i.b_valid;
    m0_rsp_o.r_valid  = !r_sel && axi_rsp_i.r_valid;

    m1_rsp_o          = rsp_common;
    m1_rsp_o.ar_ready = ar_sel && axi_rsp_i.ar_ready;
    m1_rsp_o.aw_ready = w_sel && !aw_taken_q && axi_rsp_i.aw_ready;
    m1_rsp_o.w_ready  = w_sel && !w_taken_q && axi_rsp_i.w_ready;
    m1_rsp_o.b_valid  = b_sel && axi_rsp_i.b_valid;
    m1_rsp_o.r_valid  = r_sel && axi_rsp_i.r_valid;
  end

endmodule
