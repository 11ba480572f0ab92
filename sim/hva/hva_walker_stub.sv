// Stand-in for rtl/walker's hva_walker (same parameters and ports) until that
// module exists (the parameters are only there to match; the file name differs
// from the module's on purpose): it translates with both stages Bare only (hpa = gpa = addr),
// two cycles per request, and never uses its AXI port. sim/hva.mk picks it only
// when rtl/walker/hva_walker.sv is missing.
/* verilator lint_off DECLFILENAME */
/* verilator lint_off UNUSEDPARAM */
module hva_walker #(
  parameter int unsigned TLB_ENTRIES = 16, TLB_WAYS = 4, GTLB_ENTRIES = 16, GTLB_WAYS = 4,
  parameter int unsigned PWC_ENTRIES = 8,
  parameter bit TLB_EN = 1, GTLB_EN = 1, PWC_EN = 1,
  parameter int unsigned MAX_PTE_READS = 32, MAX_INFLIGHT = 1, AXI_ID_W = 4
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic                   req_valid_i,
  output logic                   req_ready_o,
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::xlate_req_t req_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output logic                   rsp_valid_o,
  input  logic                   rsp_ready_i,
  output walker_pkg::xlate_rsp_t rsp_o,
  input  logic                   inv_valid_i,
  output logic                   inv_ready_o,
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::inv_req_t   inv_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output walker_pkg::axi_req_t   axi_req_o,
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::axi_rsp_t   axi_rsp_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output walker_pkg::perf_evt_t  perf_o
);
  logic [1:0] state_q, state_d;   // 0 idle, 1 working, 2 answering
  walker_pkg::xlate_rsp_t rsp_q, rsp_d;

  always_comb begin
    state_d = state_q;
    rsp_d   = rsp_q;
    perf_o  = '0;
    unique case (state_q)
      2'd0: if (req_valid_i) begin
        state_d              = 2'd1;
        rsp_d                = '0;
        rsp_d.id             = req_i.id;
        rsp_d.hpa            = req_i.addr;
        rsp_d.gpa            = req_i.addr;
        rsp_d.vs_perm        = 4'hf;
        rsp_d.g_perm         = 4'hf;
        rsp_d.page_size_log2 = 6'd12;
        perf_o.req           = 1'b1;
      end
      2'd1: begin
        state_d     = 2'd2;
        perf_o.busy = 1'b1;
      end
      default: if (rsp_ready_i) state_d = 2'd0;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= '0;
      rsp_q   <= '0;
    end else begin
      state_q <= state_d;
      rsp_q   <= rsp_d;
    end
  end

  assign req_ready_o = state_q == 2'd0;
  assign rsp_valid_o = state_q == 2'd2;
  assign rsp_o       = rsp_q;
  assign inv_ready_o = inv_valid_i;
  assign axi_req_o   = '0;

endmodule
/* verilator lint_on UNUSEDPARAM */
/* verilator lint_on DECLFILENAME */
