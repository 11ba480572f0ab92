// The board's memory: MEM_BYTES of block RAM at MEM_BASE (64-bit words),
// seen by the HVA's AXI4 master (page tables, A/D updates, the ring) and by
// the UART bridge (loading page tables, reading them back).
//
// One RAM port, so one access per cycle: the bridge's when the AXI side is
// idle, else the AXI side's. AXI: INCR bursts of any length, a beat per cycle;
// exclusive pairs (the walker's A/D updates) through one monitor: a locked
// read arms it for its address and answers EXOKAY, a locked write writes and
// answers EXOKAY only if the monitor is still armed for its address (else
// OKAY and no write), and any write to that word disarms it. Addresses
// outside [MEM_BASE, MEM_BASE + MEM_BYTES) answer SLVERR (read data 0).
module fpga_mem #(
  parameter int unsigned MEM_BYTES = 16384,             // a power of two
  parameter logic [63:0] MEM_BASE  = 64'h8000_0000      // MEM_BYTES aligned
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // AXI4 slave (walker_pkg's types: the HVA's master port)
  input  walker_pkg::axi_req_t axi_req_i,
  output walker_pkg::axi_rsp_t axi_rsp_o,
  // the bridge: req until gnt; rvalid (one cycle) the cycle after gnt
  input  logic                 host_req_i,
  input  logic                 host_we_i,
  input  logic [63:0]          host_addr_i,
  input  logic [63:0]          host_wdata_i,
  output logic                 host_gnt_o,
  output logic                 host_rvalid_o,
  output logic [63:0]          host_rdata_o,
  output logic                 host_err_o
);
  localparam int unsigned Words = MEM_BYTES / 8;
  localparam int unsigned IdxW  = $clog2(Words);
  localparam int unsigned IdW   = walker_pkg::AxiIdW;

  // ---------------------------------------------------------------- the RAM
  logic            ram_re, ram_we;
  logic [IdxW-1:0] ram_idx;
  logic [63:0]     ram_wdata, ram_rdata;
  logic [7:0]      ram_wstrb;
  logic [63:0]     mem_q [Words];

  always_ff @(posedge clk_i) begin
    for (int unsigned b = 0; b < 8; b++) begin
      if (ram_we && ram_wstrb[b]) mem_q[ram_idx][b*8 +: 8] <= ram_wdata[b*8 +: 8];
    end
    if (ram_re) ram_rdata <= mem_q[ram_idx];
  end

  function automatic logic in_range(logic [63:0] a);
    in_range = (a & ~(64'(MEM_BYTES) - 64'd1)) == MEM_BASE;
  endfunction

  // ---------------------------------------------------------------- control
  typedef enum logic [2:0] {
    StIdle,
    StHost,      // the bridge's read data is on ram_rdata
    StRead,      // ram_rdata holds the beat; R offered (the next beat's read on its handshake)
    StWrite,     // W beats taken
    StResp       // B offered
  } state_e;

  state_e          state_q, state_d;
  logic [63:0]     addr_q, addr_d;
  logic [7:0]      len_q, len_d;        // beats left after this one
  logic [IdW-1:0]  id_q, id_d;
  logic            lock_q, lock_d;
  logic [1:0]      resp_q, resp_d;      // this beat's (read) or the burst's (write) answer
  logic            host_err_q, host_err_d;
  logic            excl_q, excl_d;      // the monitor: armed for excl_addr_q
  logic [63:0]     excl_addr_q, excl_addr_d;

  logic            excl_ok;
  assign excl_ok = excl_q && excl_addr_q == addr_q;

  // Idle offers AR and AW in turn (ready depends on state only, never on
  // valid: the HVA's arbiter computes its outputs from the whole response
  // struct, so a ready that looked at valid would close a combinational loop)
  logic turn_aw_q, turn_aw_d;
  logic ar_take, aw_take;
  assign ar_take = state_q == StIdle && !host_req_i && !turn_aw_q && axi_req_i.ar_valid;
  assign aw_take = state_q == StIdle && !host_req_i && turn_aw_q && axi_req_i.aw_valid;

  always_comb begin
    axi_rsp_o          = '0;
    axi_rsp_o.ar_ready = state_q == StIdle && !host_req_i && !turn_aw_q;
    axi_rsp_o.aw_ready = state_q == StIdle && !host_req_i && turn_aw_q;
    axi_rsp_o.w_ready  = state_q == StWrite;
    axi_rsp_o.r_valid  = state_q == StRead;
    axi_rsp_o.r_id     = id_q;
    axi_rsp_o.r_data   = resp_q == hva_pkg::RespSlvErr ? '0 : ram_rdata;
    axi_rsp_o.r_resp   = resp_q;
    axi_rsp_o.r_last   = len_q == '0;
    axi_rsp_o.b_valid  = state_q == StResp;
    axi_rsp_o.b_id     = id_q;
    axi_rsp_o.b_resp   = resp_q;
  end

  always_comb begin
    state_d     = state_q;
    addr_d      = addr_q;
    len_d       = len_q;
    id_d        = id_q;
    lock_d      = lock_q;
    resp_d      = resp_q;
    host_err_d  = host_err_q;
    excl_d      = excl_q;
    excl_addr_d = excl_addr_q;
    turn_aw_d   = turn_aw_q;
    ram_re      = 1'b0;
    ram_we      = 1'b0;
    ram_idx     = addr_q[3 +: IdxW];
    ram_wdata   = axi_req_i.w_data;
    ram_wstrb   = axi_req_i.w_strb;
    host_gnt_o  = 1'b0;

    unique case (state_q)
      StIdle: begin
        turn_aw_d = !turn_aw_q;
        if (host_req_i) begin
          host_gnt_o = 1'b1;
          ram_idx    = host_addr_i[3 +: IdxW];
          ram_wdata  = host_wdata_i;
          ram_wstrb  = '1;
          host_err_d = !in_range(host_addr_i) || host_addr_i[2:0] != '0;
          ram_re     = !host_we_i && !host_err_d;
          ram_we     = host_we_i && !host_err_d;
          if (ram_we && excl_addr_q == host_addr_i) excl_d = 1'b0;
          state_d    = StHost;
        end else if (ar_take) begin
          addr_d  = axi_req_i.ar.addr;
          len_d   = axi_req_i.ar.len;
          id_d    = axi_req_i.ar.id;
          ram_idx = axi_req_i.ar.addr[3 +: IdxW];
          ram_re  = 1'b1;
          resp_d  = !in_range(axi_req_i.ar.addr) ? hva_pkg::RespSlvErr :
                    axi_req_i.ar.lock ? walker_pkg::RespExOkay : hva_pkg::RespOkay;
          if (axi_req_i.ar.lock && in_range(axi_req_i.ar.addr)) begin
            excl_d      = 1'b1;
            excl_addr_d = axi_req_i.ar.addr;
          end
          state_d = StRead;
        end else if (aw_take) begin
          addr_d  = axi_req_i.aw.addr;
          len_d   = axi_req_i.aw.len;
          id_d    = axi_req_i.aw.id;
          lock_d  = axi_req_i.aw.lock;
          resp_d  = !in_range(axi_req_i.aw.addr) ? hva_pkg::RespSlvErr :
                    axi_req_i.aw.lock ? walker_pkg::RespExOkay : hva_pkg::RespOkay;
          state_d = StWrite;
        end
      end
      StHost: state_d = StIdle;
      StRead: begin
        if (axi_req_i.r_ready) begin
          if (len_q == '0) state_d = StIdle;
          else begin
            addr_d  = addr_q + 64'd8;
            len_d   = len_q - 1'b1;
            resp_d  = in_range(addr_q + 64'd8) ? hva_pkg::RespOkay : hva_pkg::RespSlvErr;
            ram_idx = addr_d[3 +: IdxW];
            ram_re  = 1'b1;
          end
        end
      end
      StWrite: begin
        if (axi_req_i.w_valid) begin
          // a locked write lands only while the monitor holds its address
          ram_we = resp_q != hva_pkg::RespSlvErr && (!lock_q || excl_ok);
          if (lock_q && !excl_ok) resp_d = hva_pkg::RespOkay;
          if (lock_q || excl_addr_q == addr_q) excl_d = 1'b0;
          addr_d = addr_q + 64'd8;
          if (!in_range(addr_d)) resp_d = hva_pkg::RespSlvErr;
          if (axi_req_i.w_last) begin
            addr_d  = addr_q;
            state_d = StResp;
          end
        end
      end
      StResp: if (axi_req_i.b_ready) state_d = StIdle;
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= StIdle;
      addr_q      <= '0;
      len_q       <= '0;
      id_q        <= '0;
      lock_q      <= 1'b0;
      resp_q      <= '0;
      host_err_q  <= 1'b0;
      excl_q      <= 1'b0;
      excl_addr_q <= '0;
      turn_aw_q   <= 1'b0;
    end else begin
      state_q     <= state_d;
      addr_q      <= addr_d;
      len_q       <= len_d;
      id_q        <= id_d;
      lock_q      <= lock_d;
      resp_q      <= resp_d;
      host_err_q  <= host_err_d;
      excl_q      <= excl_d;
      excl_addr_q <= excl_addr_d;
      turn_aw_q   <= turn_aw_d;
    end
  end

  assign host_rvalid_o = state_q == StHost;
  assign host_rdata_o  = host_err_q ? '0 : ram_rdata;
  assign host_err_o    = host_err_q;

`ifndef SYNTHESIS
  a_state_legal: assert property (@(posedge clk_i) disable iff (!rst_ni)
      state_q inside {StIdle, StHost, StRead, StWrite, StResp});
  // R and B held until taken (AXI)
  a_r_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      axi_rsp_o.r_valid && !axi_req_i.r_ready |=> axi_rsp_o.r_valid && $stable(axi_rsp_o.r_data));
  a_b_held: assert property (@(posedge clk_i) disable iff (!rst_ni)
      axi_rsp_o.b_valid && !axi_req_i.b_ready |=> axi_rsp_o.b_valid);
`endif
endmodule
