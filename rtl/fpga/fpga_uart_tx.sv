// UART transmitter, 8N1, CLKS_PER_BIT clocks per bit. A byte is taken when
// valid_i && ready_o; the line idles high.
module fpga_uart_tx #(
  parameter int unsigned CLKS_PER_BIT = 104
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       valid_i,
  input  logic [7:0] data_i,
  output logic       ready_o,
  output logic       tx_o
);
  localparam int unsigned CntW = $clog2(CLKS_PER_BIT + 1);

  logic [CntW-1:0] cnt_q, cnt_d;
  logic [3:0]      bits_q, bits_d;    // bits still to send (start, 8 data, stop)
  logic [9:0]      shift_q, shift_d;  // LSB goes out next

  assign ready_o = bits_q == '0;
  assign tx_o    = bits_q == '0 ? 1'b1 : shift_q[0];

  always_comb begin
    cnt_d   = cnt_q;
    bits_d  = bits_q;
    shift_d = shift_q;
    if (bits_q == '0) begin
      if (valid_i) begin
        shift_d = {1'b1, data_i, 1'b0};
        bits_d  = 4'd10;
        cnt_d   = CntW'(CLKS_PER_BIT - 1);
      end
    end else if (cnt_q != '0) begin
      cnt_d = cnt_q - 1'b1;
    end else begin
      shift_d = {1'b1, shift_q[9:1]};
      bits_d  = bits_q - 1'b1;
      cnt_d   = CntW'(CLKS_PER_BIT - 1);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q   <= '0;
      bits_q  <= '0;
      shift_q <= '1;
    end else begin
      cnt_q   <= cnt_d;
      bits_q  <= bits_d;
      shift_q <= shift_d;
    end
  end

`ifndef SYNTHESIS
  a_bits_bound: assert property (@(posedge clk_i) disable iff (!rst_ni) bits_q <= 4'd10);
`endif
endmodule
