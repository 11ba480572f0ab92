// The board's UART bridge: frames from the host (host-tools/hvaboard) become
// register accesses on the HVA's AXI4-Lite port or word accesses to the
// board memory (fpga_mem), and each frame gets one answer.
//
//   host -> board: cmd, address (4 bytes, little endian), payload
//     'W' 0x57  register write, 4 data bytes  -> status
//     'R' 0x52  register read                 -> status, 4 data bytes
//     'M' 0x4d  memory write, 8 data bytes    -> status
//     'm' 0x6d  memory read                   -> status, 8 data bytes
//   status: bits 1:0 the AXI response (0 OKAY, 2 SLVERR), bit 7 set
//   (0x80 | resp) so a host can tell an answer from line noise; an unknown
//   command byte is answered 0xee at once (the host resynchronises on it).
//   Memory addresses are physical (fpga_mem's MEM_BASE on), 8-byte aligned.
module fpga_uart_bridge (
  input  logic               clk_i,
  input  logic               rst_ni,
  // UART bytes
  input  logic               rx_valid_i,
  input  logic [7:0]         rx_data_i,
  output logic               tx_valid_o,
  output logic [7:0]         tx_data_o,
  input  logic               tx_ready_i,
  // AXI4-Lite master: the HVA's registers
  output hva_pkg::axil_req_t axil_req_o,
  input  hva_pkg::axil_rsp_t axil_rsp_i,
  // the board memory's host port
  output logic               mem_req_o,
  output logic               mem_we_o,
  output logic [63:0]        mem_addr_o,
  output logic [63:0]        mem_wdata_o,
  input  logic               mem_gnt_i,
  input  logic               mem_rvalid_i,
  input  logic [63:0]        mem_rdata_i,
  input  logic               mem_err_i
);
  localparam logic [7:0] CmdRegWrite = 8'h57;
  localparam logic [7:0] CmdRegRead  = 8'h52;
  localparam logic [7:0] CmdMemWrite = 8'h4d;
  localparam logic [7:0] CmdMemRead  = 8'h6d;
  localparam logic [7:0] AnsUnknown  = 8'hee;

  typedef enum logic [2:0] {
    StCmd,       // waiting for a command byte
    StAddr,      // 4 address bytes
    StData,      // payload bytes
    StRegWrite,  // AW/W offered (aw_sent_q, w_sent_q: taken), then B awaited
    StRegRead,   // AR offered (ar_sent_q: taken), then R awaited
    StMem,       // memory request offered, then its read data awaited
    StReply      // answer bytes going out
  } state_e;

  state_e      state_q, state_d;
  logic [7:0]  cmd_q, cmd_d;
  logic [31:0] addr_q, addr_d;
  logic [63:0] data_q, data_d;
  logic [3:0]  cnt_q, cnt_d;          // bytes received in this part / still to send
  logic [71:0] reply_q, reply_d;      // LSB byte goes out next
  logic        aw_sent_q, aw_sent_d, w_sent_q, w_sent_d, ar_sent_q, ar_sent_d, gnt_q, gnt_d;

  logic [3:0]  payload_bytes;
  assign payload_bytes = cmd_q == CmdRegWrite ? 4'd4 : cmd_q == CmdMemWrite ? 4'd8 : 4'd0;

  function automatic logic [7:0] status(logic [1:0] resp);
    status = {6'b100000, resp};
  endfunction

  always_comb begin
    state_d   = state_q;
    cmd_d     = cmd_q;
    addr_d    = addr_q;
    data_d    = data_q;
    cnt_d     = cnt_q;
    reply_d   = reply_q;
    aw_sent_d = aw_sent_q;
    w_sent_d  = w_sent_q;
    ar_sent_d = ar_sent_q;
    gnt_d     = gnt_q;

    axil_req_o          = '0;
    axil_req_o.aw.addr  = addr_q[hva_pkg::RegAddrW-1:0];
    axil_req_o.ar.addr  = addr_q[hva_pkg::RegAddrW-1:0];
    axil_req_o.w_data   = data_q[31:0];
    axil_req_o.w_strb   = '1;
    mem_req_o           = 1'b0;
    mem_we_o            = cmd_q == CmdMemWrite;
    mem_addr_o          = {32'd0, addr_q};
    mem_wdata_o         = data_q;
    tx_valid_o          = 1'b0;
    tx_data_o           = reply_q[7:0];

    unique case (state_q)
      StCmd: if (rx_valid_i) begin
        if (rx_data_i == CmdRegWrite || rx_data_i == CmdRegRead ||
            rx_data_i == CmdMemWrite || rx_data_i == CmdMemRead) begin
          cmd_d   = rx_data_i;
          cnt_d   = '0;
          state_d = StAddr;
        end else begin
          reply_d = {64'd0, AnsUnknown};
          cnt_d   = 4'd1;
          state_d = StReply;
        end
      end
      StAddr: if (rx_valid_i) begin
        addr_d = {rx_data_i, addr_q[31:8]};
        cnt_d  = cnt_q + 1'b1;
        if (cnt_q == 4'd3) begin
          cnt_d     = '0;
          aw_sent_d = 1'b0;
          w_sent_d  = 1'b0;
          ar_sent_d = 1'b0;
          gnt_d     = 1'b0;
          state_d   = payload_bytes != '0 ? StData :
                      cmd_q == CmdRegRead ? StRegRead : StMem;
        end
      end
      StData: if (rx_valid_i) begin
        // little endian: each byte goes in at the top of the payload
        data_d = cmd_q == CmdRegWrite ? {32'd0, rx_data_i, data_q[31:8]}
                                      : {rx_data_i, data_q[63:8]};
        cnt_d  = cnt_q + 1'b1;
        if (cnt_q == payload_bytes - 1'b1) state_d = cmd_q == CmdRegWrite ? StRegWrite : StMem;
      end
      StRegWrite: begin
        axil_req_o.aw_valid = !aw_sent_q;
        axil_req_o.w_valid  = !w_sent_q;
        axil_req_o.b_ready  = aw_sent_q && w_sent_q;
        if (axil_rsp_i.aw_ready) aw_sent_d = 1'b1;
        if (axil_rsp_i.w_ready)  w_sent_d  = 1'b1;
        if (aw_sent_q && w_sent_q && axil_rsp_i.b_valid) begin
          reply_d = {64'd0, status(axil_rsp_i.b_resp)};
          cnt_d   = 4'd1;
          state_d = StReply;
        end
      end
      StRegRead: begin
        axil_req_o.ar_valid = !ar_sent_q;
        axil_req_o.r_ready  = ar_sent_q;
        if (axil_rsp_i.ar_ready) ar_sent_d = 1'b1;
        if (ar_sent_q && axil_rsp_i.r_valid) begin
          reply_d = {32'd0, axil_rsp_i.r_data, status(axil_rsp_i.r_resp)};
          cnt_d   = 4'd5;
          state_d = StReply;
        end
      end
      StMem: begin
        mem_req_o = !gnt_q;
        if (mem_gnt_i) gnt_d = 1'b1;
        if (mem_rvalid_i) begin
          reply_d = {mem_rdata_i, status(mem_err_i ? hva_pkg::RespSlvErr : hva_pkg::RespOkay)};
          cnt_d   = cmd_q == CmdMemRead ? 4'd9 : 4'd1;
          state_d = StReply;
        end
      end
      StReply: begin
        tx_valid_o = 1'b1;
        if (tx_ready_i) begin
          reply_d = {8'd0, reply_q[71:8]};
          cnt_d   = cnt_q - 1'b1;
          if (cnt_q == 4'd1) state_d = StCmd;
        end
      end
      default: state_d = StCmd;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q   <= StCmd;
      cmd_q     <= '0;
      addr_q    <= '0;
      data_q    <= '0;
      cnt_q     <= '0;
      reply_q   <= '0;
      aw_sent_q <= 1'b0;
      w_sent_q  <= 1'b0;
      ar_sent_q <= 1'b0;
      gnt_q     <= 1'b0;
    end else begin
      state_q   <= state_d;
      cmd_q     <= cmd_d;
      addr_q    <= addr_d;
      data_q    <= data_d;
      cnt_q     <= cnt_d;
      reply_q   <= reply_d;
      aw_sent_q <= aw_sent_d;
      w_sent_q  <= w_sent_d;
      ar_sent_q <= ar_sent_d;
      gnt_q     <= gnt_d;
    end
  end

`ifndef SYNTHESIS
  a_state_legal: assert property (@(posedge clk_i) disable iff (!rst_ni)
      state_q inside {StCmd, StAddr, StData, StRegWrite, StRegRead, StMem, StReply});
  // bytes arriving while the bridge works on a frame would be lost: the host
  // waits for each answer, so none may come
  a_no_overrun: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rx_valid_i |-> state_q inside {StCmd, StAddr, StData});
`endif
endmodule
