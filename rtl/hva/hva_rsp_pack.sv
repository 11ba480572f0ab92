// The RSP_STATUS and RSP_INFO words of a walker response (layout:
// hva_regs.map); the 64-bit fields go to their own registers / slot words.
module hva_rsp_pack (
  /* verilator lint_off UNUSEDSIGNAL */  // hpa, gpa, tval, htval: elsewhere
  input  walker_pkg::xlate_rsp_t rsp_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                   done_i,
  output logic [31:0]            status_o,
  output logic [31:0]            info_o
);
  always_comb begin
    status_o = '0;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_EXC_LSB +: 6] = rsp_i.exc;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_IMPLICIT_LSB] = rsp_i.implicit;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_TLB_HIT_LSB]  = rsp_i.tlb_hit;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_GTLB_HIT_LSB] = rsp_i.gtlb_hit;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_PWC_HIT_LSB]  = rsp_i.pwc_hit;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_ID_LSB +: 8]  = rsp_i.id;
    status_o[hva_regs_pkg::HVA_RSP_STATUS_DONE_LSB]     = done_i;

    info_o = '0;
    info_o[hva_regs_pkg::HVA_RSP_INFO_PTE_READS_LSB +: 8] = rsp_i.pte_reads;
    info_o[hva_regs_pkg::HVA_RSP_INFO_PAGE_LOG2_LSB +: 8] = 8'(rsp_i.page_size_log2);
    info_o[hva_regs_pkg::HVA_RSP_INFO_VS_PERM_LSB +: 4]   = rsp_i.vs_perm;
    info_o[hva_regs_pkg::HVA_RSP_INFO_G_PERM_LSB +: 4]    = rsp_i.g_perm;
  end
endmodule
