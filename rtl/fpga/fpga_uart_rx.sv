// UART receiver, 8N1, CLKS_PER_BIT clocks per bit: a byte is sampled in the
// middle of each bit after a start bit that is still low half a bit in; a
// missing stop bit drops the byte. rx_i goes through two flip-flops first
// (it comes from another clock domain: the host's UART).
module fpga_uart_rx #(
  parameter int unsigned CLKS_PER_BIT = 104   // 12 MHz / 115200 baud
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       rx_i,
  output logic       valid_o,   // one cycle: data_o is a received byte
  output logic [7:0] data_o
);
  localparam int unsigned CntW = $clog2(CLKS_PER_BIT + 1);

  typedef enum logic [1:0] {StIdle, StStart, StData, StStop} state_e;

  state_e          state_q, state_d;
  logic [CntW-1:0] cnt_q, cnt_d;
  logic [2:0]      bit_q, bit_d;
  logic [7:0]      shift_q, shift_d;
  logic [1:0]      sync_q;
  logic            valid_d, valid_q;

  always_comb begin
    state_d = state_q;
    cnt_d   = cnt_q;
    bit_d   = bit_q;
    shift_d = shift_q;
    valid_d = 1'b0;
    unique case (state_q)
      StIdle: if (!sync_q[1]) begin
        state_d = StStart;
        cnt_d   = CntW'(CLKS_PER_BIT / 2);
      end
      StStart: begin
        if (cnt_q != '0) cnt_d = cnt_q - 1'b1;
        else if (sync_q[1]) state_d = StIdle;     // a glitch, not a start bit
        else begin
          state_d = StData;
          cnt_d   = CntW'(CLKS_PER_BIT - 1);
          bit_d   = '0;
        end
      end
      StData: begin
        if (cnt_q != '0) cnt_d = cnt_q - 1'b1;
        else begin
          shift_d = {sync_q[1], shift_q[7:1]};   // LSB first
          cnt_d   = CntW'(CLKS_PER_BIT - 1);
          bit_d   = bit_q + 1'b1;
          if (bit_q == 3'd7) state_d = StStop;
        end
      end
      StStop: begin
        if (cnt_q != '0) cnt_d = cnt_q - 1'b1;
        else begin
          state_d = StIdle;
          valid_d = sync_q[1];
        end
      end
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      cnt_q   <= '0;
      bit_q   <= '0;
      shift_q <= '0;
      sync_q  <= 2'b11;
      valid_q <= 1'b0;
    end else begin
      state_q <= state_d;
      cnt_q   <= cnt_d;
      bit_q   <= bit_d;
      shift_q <= shift_d;
      sync_q  <= {sync_q[0], rx_i};
      valid_q <= valid_d;
    end
  end

  assign valid_o = valid_q;
  assign data_o  = shift_q;

`ifndef SYNTHESIS
  a_state_legal: assert property (@(posedge clk_i) disable iff (!rst_ni)
      state_q inside {StIdle, StStart, StData, StStop});
`endif
endmodule
