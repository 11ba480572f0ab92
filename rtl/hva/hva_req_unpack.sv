// A walker request from the REQ_CTRL word and the three 64-bit operands, as
// the register block and each ring slot hold them (layout: hva_regs.map).
module hva_req_unpack (
  /* verilator lint_off UNUSEDSIGNAL */  // reserved CTRL bits
  input  logic [31:0]            ctrl_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic [63:0]            vsatp_i,
  input  logic [63:0]            hgatp_i,
  input  logic [63:0]            addr_i,
  output walker_pkg::xlate_req_t req_o
);
  always_comb begin
    req_o.vsatp     = vsatp_i;
    req_o.hgatp     = hgatp_i;
    req_o.addr      = addr_i;
    req_o.access    = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_ACCESS_LSB +: 2];
    req_o.virt      = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_VIRT_LSB];
    req_o.user      = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_USER_LSB];
    req_o.sum       = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_SUM_LSB];
    req_o.mxr       = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_MXR_LSB];
    req_o.vmxr      = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_VMXR_LSB];
    req_o.hlvx      = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_HLVX_LSB];
    req_o.ad_update = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_AD_UPDATE_LSB];
    req_o.id        = ctrl_i[hva_regs_pkg::HVA_REQ_CTRL_ID_LSB +: 8];
  end
endmodule
