// A small memory for distributed RAM (LUTRAM): one synchronous write port,
// asynchronous reads at the write address (rdata_w_o) and at a second
// address (rdata_a_o). No reset: the contents are undefined until written,
// so the owner keeps a valid bit per entry where it must read zeros.
module vic_lutram #(
  parameter int unsigned Depth = 32,
  parameter int unsigned Width = 8,
  localparam int unsigned AW   = (Depth > 1) ? $clog2(Depth) : 1
) (
  input  logic             clk_i,
  input  logic             we_i,
  input  logic [AW-1:0]    waddr_i,
  input  logic [Width-1:0] wdata_i,
  output logic [Width-1:0] rdata_w_o,   // at waddr_i
  input  logic [AW-1:0]    raddr_a_i,
  output logic [Width-1:0] rdata_a_o    // at raddr_a_i
);

  logic [Width-1:0] mem [Depth];

  always_ff @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
  end

  // addresses at or past Depth (Depth not a power of two) are never used;
  // they read entry 0 rather than outside the array
  assign rdata_w_o = mem[32'(waddr_i) < Depth ? waddr_i : '0];
  assign rdata_a_o = mem[32'(raddr_a_i) < Depth ? raddr_a_i : '0];

endmodule
