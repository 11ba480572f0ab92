// The HVA's request-ring engine. The ring is 2^size_log2 slots of 64 bytes in
// memory (layout: SLOT_* in hva_regs.map). Software fills slots from TAIL on,
// advances TAIL and rings the doorbell; the engine then, slot by slot from
// HEAD: reads the request (one INCR burst of four 64-bit beats) into the
// walker's request register (hva_req_arb: reserved first, a word per beat;
// the ring keeps no copy: issue 9, area), waits for the answer, writes the
// response into the slot -- HPA and GPA first (a burst of two) and the
// STATUS word (with DONE) last (a single beat) -- and
// advances HEAD once that last write is acknowledged, so a HEAD that software
// reads never points past a slot whose response is not in memory, and DONE
// is never seen before the rest. When HEAD reaches TAIL it pulses done.
//
// An AXI error on a slot access stops the engine (err) until a reset pulse
// (after the rest of a read burst is taken); HEAD then still names the slot
// that failed.
module hva_ring (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  hva_pkg::ring_cfg_t     cfg_i,
  output hva_pkg::ring_status_t  status_o,
  // the walker's request register (hva_req_arb) and its answer
  output logic                   fill_req_o,    // reserve the register for a slot's burst
  input  logic                   fill_gnt_i,
  output logic                   beat_o,        // a beat of it: request word beat_idx_o
  output logic [1:0]             beat_idx_o,
  output logic [63:0]            beat_data_o,
  output logic                   beat_err_o,    // (last beat) the burst failed
  input  logic                   rsp_valid_i,
  output logic                   rsp_ready_o,   // the answer taken: once it is in memory
  input  walker_pkg::xlate_rsp_t rsp_i,
  // AXI4 master (bursts, one transaction at a time, ID 0: the IDs and
  // r_last of the responses carry nothing new: the beats are counted)
  output walker_pkg::axi_req_t   axi_req_o,
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::axi_rsp_t   axi_rsp_i
  /* verilator lint_on UNUSEDSIGNAL */
);
  typedef enum logic [2:0] {
    StIdle,
    StReadAddr,    // the request's burst offered (the request register reserved)
    StReadData,    // word_q: which request word comes next
    StWait,        // response awaited
    StWrite,       // AW and W offered (aw_done_q / w_done_q: taken); status_q: the
                   // STATUS beat, else the HPA/GPA burst (word_q: its beat)
    StWriteResp,
    StError
  } state_e;

  state_e      state_q, state_d;
  logic [1:0]  word_q, word_d;
  logic [15:0] head_q, head_d;
  logic        run_q, run_d;         // doorbell seen, HEAD has not caught up yet
  logic        aw_done_q, aw_done_d, w_done_q, w_done_d;
  logic        status_q, status_d;   // writing the STATUS word
  logic        rerr_q, rerr_d;       // a beat of this read burst answered an error
  logic        done, err_evt;

  logic [15:0] idx_mask, tail;
  logic [63:6] slot_addr;   // the slot's 64-byte block (base: 64-byte aligned)

  assign idx_mask  = 16'((32'd1 << cfg_i.size_log2) - 1);
  assign tail      = cfg_i.tail & idx_mask;
  assign slot_addr = cfg_i.base[63:6] + 58'(head_q);

  // the response word written in each write step (STATUS last)
  logic [63:0] wr_data;
  logic [31:0] rsp_status, rsp_info;

  hva_rsp_pack u_rsp_pack (
    .rsp_i   (rsp_i),
    .done_i  (1'b1),
    .status_o(rsp_status),
    .info_o  (rsp_info)
  );

  // The walker's answer is held on rsp_i (rsp_ready_o low) until its last
  // word is written: the ring keeps no copy (issue 9, area). The walker has
  // one translation at a time from here and the registers (hva_req_arb), and
  // the ring reads its next slot only after this one's STATUS is written.
  // No HTVAL word (issue 9, area: a third 64-bit input of this multiplexer,
  // formed per bit from the GPA): software derives it from the GPA.
  assign wr_data = status_q  ? {rsp_info, rsp_status} :
                   word_q[0] ? rsp_i.gpa : rsp_i.hpa;
  // taken with the STATUS write's response, or with an error's
  assign rsp_ready_o = state_q == StWriteResp && axi_rsp_i.b_valid && (status_q || axi_rsp_i.b_resp[1]);

  // request words come in slot order: VSATP, HGATP, ADDR, CTRL (hva_req_arb
  // takes each beat)

  always_comb begin
    state_d   = state_q;
    word_d    = word_q;
    head_d    = head_q;
    run_d     = run_q;
    aw_done_d = aw_done_q;
    w_done_d  = w_done_q;
    status_d  = status_q;
    rerr_d    = rerr_q;
    done      = 1'b0;
    err_evt   = 1'b0;
    fill_req_o = 1'b0;

    if (cfg_i.doorbell) run_d = 1'b1;

    unique case (state_q)
      StIdle: begin
        if (cfg_i.reset) begin
          head_d = '0;
          run_d  = 1'b0;
        end else if (run_q) begin
          if ((head_q & idx_mask) == tail) begin
            run_d = 1'b0;
            done  = 1'b1;
          end else begin
            fill_req_o = 1'b1;
            if (fill_gnt_i) begin
              state_d = StReadAddr;
              word_d  = 2'd0;
              rerr_d  = 1'b0;
            end
          end
        end
      end
      StReadAddr: if (axi_rsp_i.ar_ready) state_d = StReadData;
      StReadData: begin
        if (axi_rsp_i.r_valid) begin
          rerr_d = rerr_q || axi_rsp_i.r_resp[1];
          word_d = word_q + 2'd1;
          if (word_q == 2'd3) begin   // the burst's last beat
            state_d = rerr_d ? StError : StWait;
            err_evt = rerr_d;
          end
        end
      end
      StWait: begin
        if (rsp_valid_i) begin   // (held until rsp_ready_o)
          state_d   = StWrite;
          word_d    = 2'd0;
          status_d  = 1'b0;
          aw_done_d = 1'b0;
          w_done_d  = 1'b0;
        end
      end
      StWrite: begin
        if (!aw_done_q && axi_rsp_i.aw_ready) aw_done_d = 1'b1;
        if (!w_done_q && axi_rsp_i.w_ready) begin
          if (status_q || word_q[0]) w_done_d = 1'b1;   // the last beat
          else word_d = word_q + 2'd1;
        end
        if (aw_done_d && w_done_d) state_d = StWriteResp;
      end
      StWriteResp: begin
        if (axi_rsp_i.b_valid) begin
          if (axi_rsp_i.b_resp[1]) begin
            state_d = StError;
            err_evt = 1'b1;
          end else if (status_q) begin
            head_d  = (head_q + 16'd1) & idx_mask;
            state_d = StIdle;
          end else begin   // the burst is in memory: now STATUS
            word_d    = 2'd3;
            status_d  = 1'b1;
            aw_done_d = 1'b0;
            w_done_d  = 1'b0;
            state_d   = StWrite;
          end
        end
      end
      StError: begin
        run_d = 1'b0;
        if (cfg_i.reset) begin
          head_d  = '0;
          state_d = StIdle;
        end
      end
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q   <= StIdle;
      word_q    <= '0;
      head_q    <= '0;
      run_q     <= 1'b0;
      aw_done_q <= 1'b0;
      w_done_q  <= 1'b0;
      status_q  <= 1'b0;
      rerr_q    <= 1'b0;
    end else begin
      state_q   <= state_d;
      word_q    <= word_d;
      head_q    <= head_d;
      run_q     <= run_d;
      aw_done_q <= aw_done_d;
      w_done_q  <= w_done_d;
      status_q  <= status_d;
      rerr_q    <= rerr_d;
    end
  end

  // ---------------------------------------------------------------- outputs
  assign beat_o      = state_q == StReadData && axi_rsp_i.r_valid;
  assign beat_idx_o  = word_q;
  assign beat_data_o = axi_rsp_i.r_data;
  assign beat_err_o  = rerr_q || axi_rsp_i.r_resp[1];

  always_comb begin
    axi_req_o          = '0;
    // a slot word's offset is its low 6 bits: no adder
    axi_req_o.ar.addr  = {slot_addr, 6'(hva_regs_pkg::HVA_SLOT_VSATP)};
    axi_req_o.ar.len   = 8'd3;     // 4 beats: VSATP, HGATP, ADDR, CTRL
    axi_req_o.ar.size  = 3'd3;     // 8 bytes
    axi_req_o.ar.burst = 2'b01;    // INCR
    axi_req_o.ar_valid = state_q == StReadAddr;
    axi_req_o.r_ready  = state_q == StReadData;
    // HPA, GPA as one burst (its address held while word_q counts the
    // beats), then STATUS
    axi_req_o.aw.addr  = {slot_addr, status_q ? 6'(hva_regs_pkg::HVA_SLOT_STATUS)
                                                    : 6'(hva_regs_pkg::HVA_SLOT_HPA)};
    axi_req_o.aw.len   = status_q ? 8'd0 : 8'd1;
    axi_req_o.aw.size  = 3'd3;
    axi_req_o.aw.burst = 2'b01;
    axi_req_o.aw_valid = state_q == StWrite && !aw_done_q;
    axi_req_o.w_data   = wr_data;
    axi_req_o.w_strb   = 8'hff;
    axi_req_o.w_last   = status_q || word_q[0];
    axi_req_o.w_valid  = state_q == StWrite && !w_done_q;
    axi_req_o.b_ready  = state_q == StWriteResp;
  end

  always_comb begin
    status_o         = '0;
    status_o.head    = head_q;
    status_o.busy    = (state_q != StIdle && state_q != StError) || run_q;
    status_o.err     = state_q == StError;
    status_o.done    = done;
    status_o.err_evt = err_evt;
  end

endmodule
