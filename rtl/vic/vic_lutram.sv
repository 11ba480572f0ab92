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

  // rounded up to a power of two (LUTRAM comes in 32 and 64 entries anyway),
  // so no address needs a range check; entries past Depth are never used
  logic [Width-1:0] mem [1 << AW];

  always_ff @(posedge clk_i) begin
    if (we_i) mem[waddr_i] <= wdata_i;
  end

  assign rdata_w_o = mem[waddr_i];
  assign rdata_a_o = mem[raddr_a_i];

endmodule
