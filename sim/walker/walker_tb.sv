// Test top of the walker (Verilated): hva_walker with its struct ports
// flattened to plain signals, so the C++ shim stays a copy loop.
module walker_tb import walker_pkg::*; #(
  parameter int unsigned TLB_ENTRIES   = 16,
  parameter int unsigned TLB_WAYS      = 4,
  parameter int unsigned GTLB_ENTRIES  = 16,
  parameter int unsigned GTLB_WAYS     = 4,
  parameter int unsigned PWC_ENTRIES   = 8,
  parameter bit          TLB_EN        = 1'b1,
  parameter bit          GTLB_EN       = 1'b1,
  parameter bit          PWC_EN        = 1'b1,
  parameter int unsigned MAX_PTE_READS = 255,
  parameter int unsigned MAX_INFLIGHT  = 2
) (
  input  logic        clk_i,
  /* verilator lint_off SYNCASYNCNET */  // the asynchronous reset, also the assertions' disable iff
  input  logic        rst_ni,
  /* verilator lint_on SYNCASYNCNET */
  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [63:0] req_vsatp_i,
  input  logic [63:0] req_hgatp_i,
  input  logic [6:0]  req_flags_i,   // {ad_update, hlvx, mxr, vmxr, sum, user, virt}
  input  logic [1:0]  req_access_i,
  input  logic [63:0] req_addr_i,
  input  logic [7:0]  req_id_i,
  output logic        rsp_valid_o,
  input  logic        rsp_ready_i,
  output logic [7:0]  rsp_id_o,
  output logic [5:0]  rsp_exc_o,
  output logic [63:0] rsp_hpa_o,
  output logic [63:0] rsp_gpa_o,
  output logic [63:0] rsp_tval_o,
  output logic [63:0] rsp_htval_o,
  output logic [3:0]  rsp_flags_o,   // {pwc_hit, gtlb_hit, tlb_hit, implicit}
  output logic [3:0]  rsp_vs_perm_o,
  output logic [3:0]  rsp_g_perm_o,
  output logic [5:0]  rsp_page_size_log2_o,
  output logic [7:0]  rsp_pte_reads_o,
  input  logic        inv_valid_i,
  output logic        inv_ready_o,
  input  logic [3:0]  inv_flags_i,   // {use_addr, use_asid, all_vmid, kind}
  input  logic [13:0] inv_vmid_i,
  input  logic [15:0] inv_asid_i,
  input  logic [63:0] inv_addr_i,
  output logic        ar_valid_o,
  input  logic        ar_ready_i,
  output logic [63:0] ar_addr_o,
  output logic [13:0] ar_attr_o,     // {lock, size[2:0], len[7:0], burst[1:0]}
  output logic [4:0]  ar_id_o,
  output logic [4:0]  aw_id_o,
  input  logic [4:0]  r_id_i,
  input  logic [4:0]  b_id_i,
  input  logic        r_valid_i,
  output logic        r_ready_o,
  input  logic [63:0] r_data_i,
  input  logic [1:0]  r_resp_i,
  output logic        aw_valid_o,
  input  logic        aw_ready_i,
  output logic [63:0] aw_addr_o,
  output logic [13:0] aw_attr_o,
  output logic        w_valid_o,
  input  logic        w_ready_i,
  output logic [63:0] w_data_o,
  output logic [8:0]  w_strb_last_o, // {last, strb[7:0]}
  input  logic        b_valid_i,
  output logic        b_ready_o,
  input  logic [1:0]  b_resp_i,
  output logic [7:0]  perf_o         // perf_evt_t, busy in bit 0
);
  xlate_req_t req;
  xlate_rsp_t rsp;
  inv_req_t   inv;
  axi_req_t   axi_req;
  axi_rsp_t   axi_rsp;
  perf_evt_t  perf;

  always_comb begin
    req = '0;
    req.vsatp = req_vsatp_i;
    req.hgatp = req_hgatp_i;
    {req.ad_update, req.hlvx, req.mxr, req.vmxr, req.sum, req.user, req.virt} = req_flags_i;
    req.access = access_e'(req_access_i);
    req.addr = req_addr_i;
    req.id = req_id_i;
    inv = '0;
    {inv.use_addr, inv.use_asid, inv.all_vmid} = inv_flags_i[3:1];
    inv.kind = inv_kind_e'(inv_flags_i[0]);
    inv.vmid = inv_vmid_i;
    inv.asid = inv_asid_i;
    inv.addr = inv_addr_i;
    axi_rsp = '0;
    axi_rsp.ar_ready = ar_ready_i;
    axi_rsp.r_valid = r_valid_i;
    axi_rsp.r_data = r_data_i;
    axi_rsp.r_resp = r_resp_i;
    axi_rsp.r_id = r_id_i;
    axi_rsp.b_id = b_id_i;
    axi_rsp.r_last = 1'b1;
    axi_rsp.aw_ready = aw_ready_i;
    axi_rsp.w_ready = w_ready_i;
    axi_rsp.b_valid = b_valid_i;
    axi_rsp.b_resp = b_resp_i;
  end

  hva_walker #(
    .TLB_ENTRIES(TLB_ENTRIES), .TLB_WAYS(TLB_WAYS), .GTLB_ENTRIES(GTLB_ENTRIES),
    .GTLB_WAYS(GTLB_WAYS), .PWC_ENTRIES(PWC_ENTRIES), .TLB_EN(TLB_EN), .GTLB_EN(GTLB_EN),
    .PWC_EN(PWC_EN), .MAX_PTE_READS(MAX_PTE_READS), .MAX_INFLIGHT(MAX_INFLIGHT)
  ) u_walker (
    .clk_i, .rst_ni,
    .req_valid_i, .req_ready_o, .req_i(req),
    .rsp_valid_o, .rsp_ready_i, .rsp_o(rsp),
    .inv_valid_i, .inv_ready_o, .inv_i(inv),
    .axi_req_o(axi_req), .axi_rsp_i(axi_rsp),
    .perf_o(perf)
  );

  assign rsp_id_o = rsp.id;
  assign rsp_exc_o = rsp.exc;
  assign rsp_hpa_o = rsp.hpa;
  assign rsp_gpa_o = rsp.gpa;
  assign rsp_tval_o = rsp.tval;
  assign rsp_htval_o = rsp.htval;
  assign rsp_flags_o = {rsp.pwc_hit, rsp.gtlb_hit, rsp.tlb_hit, rsp.implicit};
  assign rsp_vs_perm_o = rsp.vs_perm;
  assign rsp_g_perm_o = rsp.g_perm;
  assign rsp_page_size_log2_o = rsp.page_size_log2;
  assign rsp_pte_reads_o = rsp.pte_reads;
  assign ar_valid_o = axi_req.ar_valid;
  assign ar_addr_o = axi_req.ar.addr;
  assign ar_attr_o = {axi_req.ar.lock, axi_req.ar.size, axi_req.ar.len, axi_req.ar.burst};
  assign ar_id_o = axi_req.ar.id;
  assign aw_id_o = axi_req.aw.id;
  assign r_ready_o = axi_req.r_ready;
  assign aw_valid_o = axi_req.aw_valid;
  assign aw_addr_o = axi_req.aw.addr;
  assign aw_attr_o = {axi_req.aw.lock, axi_req.aw.size, axi_req.aw.len, axi_req.aw.burst};
  assign w_valid_o = axi_req.w_valid;
  assign w_data_o = axi_req.w_data;
  assign w_strb_last_o = {axi_req.w_last, axi_req.w_strb};
  assign b_ready_o = axi_req.b_ready;
  assign perf_o = perf;

  // cache/prot attributes are constants of the walker: not checked here
  logic unused;
  assign unused = ^{axi_req.ar.cache, axi_req.ar.prot, axi_req.aw.cache, axi_req.aw.prot};
endmodule
