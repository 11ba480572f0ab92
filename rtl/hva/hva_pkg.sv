// Types of the HVA top: the AXI4-Lite register port and the AXI4 memory port
// as seen outside the HVA (one ID bit wider than the walker's: the arbiter
// puts the master's number in the top bit).
package hva_pkg;

  localparam int unsigned RegAddrW = 20;                       // 1 MiB register space
  localparam int unsigned AxiIdW   = walker_pkg::AxiIdW + 1;   // walker + ring engine

  localparam logic [1:0] RespOkay   = 2'b00;
  localparam logic [1:0] RespSlvErr = 2'b10;

  // ---- AXI4-Lite slave port (32-bit data), one struct per direction
  typedef struct packed {
    logic [RegAddrW-1:0] addr;
    logic [2:0]          prot;
  } axil_ax_t;

  typedef struct packed {
    axil_ax_t    aw;
    logic        aw_valid;
    logic [31:0] w_data;
    logic [3:0]  w_strb;
    logic        w_valid;
    logic        b_ready;
    axil_ax_t    ar;
    logic        ar_valid;
    logic        r_ready;
  } axil_req_t;

  typedef struct packed {
    logic        aw_ready;
    logic        w_ready;
    logic [1:0]  b_resp;
    logic        b_valid;
    logic        ar_ready;
    logic [31:0] r_data;
    logic [1:0]  r_resp;
    logic        r_valid;
  } axil_rsp_t;

  // ---- AXI4 master port (64-bit data, single beats), walker_pkg's with a wider ID
  typedef struct packed {
    logic [AxiIdW-1:0] id;
    logic [63:0]       addr;
    logic [7:0]        len;
    logic [2:0]        size;
    logic [1:0]        burst;
    logic              lock;
    logic [3:0]        cache;
    logic [2:0]        prot;
  } axi_ax_t;

  typedef struct packed {
    axi_ax_t     aw;
    logic        aw_valid;
    logic [63:0] w_data;
    logic [7:0]  w_strb;
    logic        w_last;
    logic        w_valid;
    logic        b_ready;
    axi_ax_t     ar;
    logic        ar_valid;
    logic        r_ready;
  } axi_req_t;

  typedef struct packed {
    logic              aw_ready;
    logic              w_ready;
    logic [AxiIdW-1:0] b_id;
    logic [1:0]        b_resp;
    logic              b_valid;
    logic              ar_ready;
    logic [AxiIdW-1:0] r_id;
    logic [63:0]       r_data;
    logic [1:0]        r_resp;
    logic              r_last;
    logic              r_valid;
  } axi_rsp_t;

  // ---- between the register block and the ring engine
  typedef struct packed {
    logic [63:0] base;       // slot 0's address (64-byte aligned)
    logic [3:0]  size_log2;  // 2^size_log2 slots (already clamped)
    logic [15:0] tail;       // software's producer index
    logic        doorbell;   // one-cycle pulse
    logic        reset;      // one-cycle pulse: head := 0, clear the error
  } ring_cfg_t;

  typedef struct packed {
    logic [15:0] head;
    logic        busy;
    logic        err;        // stopped on an AXI error
    logic        done;       // one-cycle pulse: head reached tail
    logic        err_evt;    // one-cycle pulse: the error happened
  } ring_status_t;

  // ---- register words shared by the register block and the ring engine
  // (layouts: REQ_CTRL, RSP_STATUS, RSP_INFO in hva_regs.map)

  // A request from the CTRL word and the three 64-bit operands.
  function automatic walker_pkg::xlate_req_t ctrl_to_req(logic [31:0] ctrl, logic [63:0] vsatp,
                                                         logic [63:0] hgatp, logic [63:0] addr);
    import hva_regs_pkg::*;
    walker_pkg::xlate_req_t r;
    r.vsatp     = vsatp;
    r.hgatp     = hgatp;
    r.addr      = addr;
    r.access    = walker_pkg::access_e'(ctrl[HVA_REQ_CTRL_ACCESS_LSB +: 2]);
    r.virt      = ctrl[HVA_REQ_CTRL_VIRT_LSB];
    r.user      = ctrl[HVA_REQ_CTRL_USER_LSB];
    r.sum       = ctrl[HVA_REQ_CTRL_SUM_LSB];
    r.mxr       = ctrl[HVA_REQ_CTRL_MXR_LSB];
    r.vmxr      = ctrl[HVA_REQ_CTRL_VMXR_LSB];
    r.hlvx      = ctrl[HVA_REQ_CTRL_HLVX_LSB];
    r.ad_update = ctrl[HVA_REQ_CTRL_AD_UPDATE_LSB];
    r.id        = ctrl[HVA_REQ_CTRL_ID_LSB +: 8];
    return r;
  endfunction

  // Each word takes a few fields of the response; the rest go elsewhere.
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [31:0] rsp_status_word(walker_pkg::xlate_rsp_t rsp, logic done);
    import hva_regs_pkg::*;
    logic [31:0] w;
    w = '0;
    w[HVA_RSP_STATUS_EXC_LSB +: 6]  = rsp.exc;
    w[HVA_RSP_STATUS_IMPLICIT_LSB]  = rsp.implicit;
    w[HVA_RSP_STATUS_TLB_HIT_LSB]   = rsp.tlb_hit;
    w[HVA_RSP_STATUS_GTLB_HIT_LSB]  = rsp.gtlb_hit;
    w[HVA_RSP_STATUS_PWC_HIT_LSB]   = rsp.pwc_hit;
    w[HVA_RSP_STATUS_ID_LSB +: 8]   = rsp.id;
    w[HVA_RSP_STATUS_DONE_LSB]      = done;
    return w;
  endfunction

  function automatic logic [31:0] rsp_info_word(walker_pkg::xlate_rsp_t rsp);
    import hva_regs_pkg::*;
    logic [31:0] w;
    w = '0;
    w[HVA_RSP_INFO_PTE_READS_LSB +: 8] = rsp.pte_reads;
    w[HVA_RSP_INFO_PAGE_LOG2_LSB +: 8] = 8'(rsp.page_size_log2);
    w[HVA_RSP_INFO_VS_PERM_LSB +: 4]   = rsp.vs_perm;
    w[HVA_RSP_INFO_G_PERM_LSB +: 4]    = rsp.g_perm;
    return w;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

endpackage
