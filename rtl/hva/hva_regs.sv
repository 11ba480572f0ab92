// The HVA's register block: an AXI4-Lite slave (32-bit data) holding the
// registers of build/rtl/hva/hva_regs_pkg.sv (source: rtl/hva/hva_regs.map),
// forwarding the VIC's windows to the VIC's register bus, and answering any
// other offset with SLVERR.
//
// Context slots (block hva_ctx): CtxSlots translation contexts; a write to a
// slot's XLATE_READ/WRITE/EXEC starts a translation of the slot's context
// (address: the slot's ADDR_HI and the written word) as REQ_GO does with
// the REQ_* registers (which it leaves as they are). A read of XLATE_RESULT
// is not taken (ARREADY low) while the request is busy, so one write and one
// read make a translation.
//
// The request goes to hva_req_arb's request register, loaded in the cycle
// of the GO / XLATE_* write; while that register is not free (a request
// waits in it for the walker, or the ring loads it), such a write is held
// back (AWREADY / WREADY low).
//
// One access at a time: a write is taken when AW and W are both valid (AXI
// lets a slave wait for both), else a read; the response is registered and
// held until the master takes it. The access itself is decoded in the cycle
// it is accepted, which is also the cycle the VIC sees it. The VIC's bus is
// registered: it answers (and acts) in the next cycle, so a VIC access waits
// one cycle in StVicRead/StVicWrite before its response.
module hva_regs #(
  parameter logic [31:0] Cap0 = '0,
  parameter logic [31:0] Cap1 = '0,
  parameter logic [31:0] Cap2 = '0,
  parameter logic [31:0] Cap3 = '0,
  parameter int unsigned RingMaxLog2 = 15,
  parameter int unsigned CtxSlots    = 4    // 1 .. HVA_CTX_MAX_SLOTS
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,
  input  hva_pkg::axil_req_t        axil_req_i,
  output hva_pkg::axil_rsp_t        axil_rsp_o,
  // single-request interface, towards the walker port
  input  logic                      sreq_free_i,   // the request register can be loaded
  output logic                      sreq_go_o,     // load sreq_o (GO)
  output hva_pkg::req_words_t       sreq_o,        // the REQ_* registers
  output logic                      sreq_xlate_o,  // load xreq_o (a slot's XLATE_*)
  output hva_pkg::req_words_t       xreq_o,
  input  logic                      srsp_valid_i,
  input  walker_pkg::xlate_rsp_t    srsp_i,
  // invalidation commands
  output logic                      inv_valid_o,
  input  logic                      inv_ready_i,
  output walker_pkg::inv_req_t      inv_o,
  // ring engine
  output hva_pkg::ring_cfg_t        ring_cfg_o,
  input  hva_pkg::ring_status_t     ring_status_i,
  // walker events for the counters (ad_update and fault have no counter)
  /* verilator lint_off UNUSEDSIGNAL */
  input  walker_pkg::perf_evt_t     perf_i,
  /* verilator lint_on UNUSEDSIGNAL */
  // the VIC's register bus (same protocol as rtl/vic)
  output logic                      vic_req_o,
  output logic                      vic_we_o,
  output logic [hva_pkg::RegAddrW-1:0] vic_addr_o,
  output logic [31:0]               vic_wdata_o,
  output logic [3:0]                vic_wstrb_o,
  input  logic [31:0]               vic_rdata_i,
  input  logic                      vic_err_i,
  // ring completion / error and single-request done, as enabled
  output logic                      irq_o
);
  localparam int unsigned AddrW = hva_pkg::RegAddrW;

  // ---------------------------------------------------------------- AXI4-Lite handshake
  typedef enum logic [2:0] {
    StIdle,
    StWriteResp,
    StReadResp,
    StVicRead,
    StVicWrite
  } axil_state_e;

  axil_state_e state_q, state_d;
  logic [31:0] rdata_q, rdata_d;
  logic        err_q, err_d;

  logic             acc, acc_we;
  logic [AddrW-1:0] acc_addr;
  logic [31:0]      wmask;           // byte strobes as a bit mask
  logic [31:0]      acc_rdata;
  logic             acc_err;

  // a read of XLATE_RESULT waits for the request in flight; a write that
  // may start a request (REQ_GO, a slot's XLATE_* or its neighbour 0x2c)
  // waits for the request register
  // a write of INV_* or INV_CMD (0x0c0..0x0df) waits while a command does
  // (the command's operands are INV_* themselves)
  logic rd_wait, idle, start_wr, inv_wr;
  assign start_wr = 32'(axil_req_i.aw.addr) == hva_regs_pkg::HVA_REQ_GO_OFFSET ||
                    (axil_req_i.aw.addr[AddrW-1:8] == (AddrW-8)'(hva_regs_pkg::HVA_CTX_BASE >> 8) &&
                     axil_req_i.aw.addr[5:4] == 2'(hva_regs_pkg::HVA_CTX_XLATE_READ_OFFSET >> 4));
  assign inv_wr   = axil_req_i.aw.addr[AddrW-1:5] == (AddrW-5)'(hva_regs_pkg::HVA_INV_VMID_OFFSET >> 5);
  assign idle     = state_q == StIdle && !init_q;   // (after the counters' clearing)
  assign rd_wait  = 32'(axil_req_i.ar.addr) == hva_regs_pkg::HVA_XLATE_RESULT_OFFSET && req_busy_q;
  assign acc_we   = idle && axil_req_i.aw_valid && axil_req_i.w_valid && !(start_wr && !sreq_free_i) &&
                    !(inv_wr && inv_valid_q);
  assign acc      = acc_we || (idle && axil_req_i.ar_valid && !rd_wait);
  assign acc_addr = acc_we ? axil_req_i.aw.addr : axil_req_i.ar.addr;

  always_comb begin
    for (int unsigned b = 0; b < 4; b++) wmask[b*8 +: 8] = {8{axil_req_i.w_strb[b]}};
  end

  always_comb begin
    axil_rsp_o          = '0;
    axil_rsp_o.aw_ready = acc_we;
    axil_rsp_o.w_ready  = acc_we;
    axil_rsp_o.ar_ready = acc && !acc_we;
    axil_rsp_o.b_valid  = state_q == StWriteResp;
    axil_rsp_o.b_resp   = err_q ? hva_pkg::RespSlvErr : hva_pkg::RespOkay;
    axil_rsp_o.r_valid  = state_q == StReadResp;
    axil_rsp_o.r_resp   = err_q ? hva_pkg::RespSlvErr : hva_pkg::RespOkay;
    axil_rsp_o.r_data   = rdata_q;
  end

  always_comb begin
    state_d = state_q;
    rdata_d = rdata_q;
    err_d   = err_q;
    unique case (state_q)
      // rdata_q is seen only in StReadResp: it takes the read data in every
      // idle cycle (no hold, no zero for writes: fewer LUTs per bit)
      StIdle: begin
        rdata_d = acc_rdata;
        if (acc && in_vic) begin
          state_d = acc_we ? StVicWrite : StVicRead;
        end else if (acc) begin
          state_d = acc_we ? StWriteResp : StReadResp;
          err_d   = acc_err;
        end
      end
      // the VIC answers the access of the last cycle
      StVicRead: begin
        state_d = StReadResp;
        rdata_d = vic_rdata_i;
        err_d   = vic_err_i;
      end
      StVicWrite: begin
        state_d = StWriteResp;
        err_d   = vic_err_i;
      end
      StWriteResp: if (axil_req_i.b_ready) state_d = StIdle;
      StReadResp:  if (axil_req_i.r_ready) state_d = StIdle;
      default:     state_d = StIdle;
    endcase
  end

  // ---------------------------------------------------------------- decode
  logic in_vic, in_local;
  logic [8:0] off;   // local offset (the HVA block 0x000..0x0ff, the context slots 0x100..0x1ff)

  assign in_vic = (32'(acc_addr) >= hva_regs_pkg::HVA_VIC_HYP_OFFSET &&
                   32'(acc_addr) < hva_regs_pkg::HVA_VIC_HYP_OFFSET + hva_regs_pkg::HVA_VIC_HYP_SIZE) ||
                  (32'(acc_addr) >= hva_regs_pkg::HVA_VIC_GUEST_OFFSET &&
                   32'(acc_addr) < hva_regs_pkg::HVA_VIC_GUEST_OFFSET + hva_regs_pkg::HVA_VIC_GUEST_SIZE);
  assign in_local = acc_addr[AddrW-1:9] == '0 && acc_addr[1:0] == 2'b00;
  assign off      = acc_addr[8:0];

  // a context slot's register: slot ctx_slot, offset ctx_off within it
  localparam int unsigned SlotW = 2;   // HVA_CTX_MAX_SLOTS = 4
  logic             in_ctx;
  logic [SlotW-1:0] ctx_slot;
  logic [5:0]       ctx_off;
  assign ctx_slot = off[6 +: SlotW];
  assign ctx_off  = off[5:0];
  assign in_ctx   = off[8] && 32'(ctx_slot) < CtxSlots;

  assign vic_req_o   = acc && in_vic;
  assign vic_we_o    = acc_we;
  assign vic_addr_o  = acc_addr;
  assign vic_wdata_o = axil_req_i.w_data;
  assign vic_wstrb_o = axil_req_i.w_strb;

  // ---------------------------------------------------------------- state
  logic [63:0] req_vsatp_q, req_vsatp_d, req_hgatp_q, req_hgatp_d, req_addr_q, req_addr_d;
  logic [31:0] req_ctrl_q, req_ctrl_d;
  logic        req_busy_q, req_busy_d;     // GO seen, response not yet
  logic        rsp_done_q, rsp_done_d;
  // the answer; its tval and htval are not read (software derives them:
  // hva_regs.map), so synthesis keeps no flip-flops for them
  /* verilator lint_off UNUSEDSIGNAL */
  walker_pkg::xlate_rsp_t rsp_q, rsp_d;
  /* verilator lint_on UNUSEDSIGNAL */

  logic [63:0] ring_base_q, ring_base_d;
  logic [3:0]  ring_size_q, ring_size_d;
  logic [15:0] ring_tail_q, ring_tail_d;
  logic        doorbell, ring_reset;

  logic [2:0]  irq_en_q, irq_en_d, irq_st_q, irq_st_d;

  logic [13:0] inv_vmid_q, inv_vmid_d;
  logic [15:0] inv_asid_q, inv_asid_d;
  logic [63:0] inv_addr_q, inv_addr_d;
  logic        inv_valid_q, inv_valid_d;
  // the command's kind and scope bits; its operands are INV_* themselves,
  // which a write cannot change while the command waits (no copy: issue 9)
  logic [3:0]  inv_cmd_q, inv_cmd_d;

  // the six PERF_* counters, in map order (PERF_REQUESTS first)
  localparam int unsigned NumCnt = 6;
  logic [NumCnt*32-1:0] cnt_q;

  // Context slots in LUTRAM: one memory per byte of each word (VSATP_LO/HI,
  // HGATP_LO/HI, CTRL, ADDR_HI; word i at offset 4 * i), a slot per row, no
  // reset. Every access names one slot (ctx_slot), so one read port serves
  // XLATE_*. The words are write-only (issue 9, area: their read multiplexer
  // and the read-modify-write of a strobed write cost about 100 LUT; a
  // memory per byte takes the strobes); a slot's words are undefined until
  // software loads it.
  localparam int unsigned CtxWords = 6;
  localparam int unsigned CtxCtrlW = 4;   // word index of CTRL
  logic [CtxWords*32-1:0]       ctx_row;  // the words of slot ctx_slot
  logic [CtxWords-1:0]          ctx_we;
  logic                         ctx_in_words;
  logic [2:0]                   ctx_wi;   // word index of the access

  // ---------------------------------------------------------------- reads
  logic [31:0] local_rdata;
  logic        local_err;
  logic [31:0] rsp_status, rsp_info, xlate_result;
  logic        ctx_err;

  always_comb begin
    xlate_result = '0;
    xlate_result[hva_regs_pkg::HVA_XLATE_RESULT_HPA_PPN_LSB +: hva_regs_pkg::HVA_XLATE_RESULT_HPA_PPN_WIDTH] =
        rsp_q.hpa[12 +: hva_regs_pkg::HVA_XLATE_RESULT_HPA_PPN_WIDTH];
    xlate_result[hva_regs_pkg::HVA_XLATE_RESULT_WIDE_LSB]  = rsp_q.hpa[63:42] != '0;
    xlate_result[hva_regs_pkg::HVA_XLATE_RESULT_FAULT_LSB] = rsp_q.exc != '0;
  end

  if (hva_regs_pkg::HVA_CTX_VSATP_LO_OFFSET != hva_regs_pkg::HVA_CTX_BASE ||
      hva_regs_pkg::HVA_CTX_ADDR_HI_OFFSET != hva_regs_pkg::HVA_CTX_BASE + 4 * (CtxWords - 1) ||
      hva_regs_pkg::HVA_CTX_CTRL_OFFSET != hva_regs_pkg::HVA_CTX_BASE + 4 * CtxCtrlW) begin : g_bad_ctx
    $error("the slot's words must be VSATP_LO .. ADDR_HI at 4-byte steps, CTRL the fifth");
  end

  assign ctx_wi       = ctx_off[4:2];
  assign ctx_in_words = ctx_off[5] == 1'b0 && 32'(ctx_wi) < CtxWords;

  // rows: CtxSlots rounded up to a power of two (one slot: a plain register,
  // as on the iCE40 board, which has no LUTRAM)
  localparam int unsigned CtxRowW = CtxSlots > 1 ? $clog2(CtxSlots) : 1;
  logic               init_q;    // the reset's first cycle: clears the counters
  logic [CtxRowW-1:0] ctx_addr;
  assign ctx_addr = ctx_slot[CtxRowW-1:0];
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) init_q <= 1'b1;
    else         init_q <= 1'b0;
  end
  if (CtxSlots == 1) begin : g_one_slot   // plain registers: no address
    /* verilator lint_off UNUSEDSIGNAL */
    logic unused_addr;
    assign unused_addr = ^ctx_addr;
    /* verilator lint_on UNUSEDSIGNAL */
  end
  for (genvar i = 0; i < CtxWords; i++) begin : g_ctx
    for (genvar b = 0; b < 4; b++) begin : g_byte
      logic [7:0] byte_v;
      logic       we;
      assign we = ctx_we[i] && axil_req_i.w_strb[b];
      if (CtxSlots > 1) begin : g_mem
        (* ram_style = "distributed" *) logic [7:0] mem_q [1 << CtxRowW];
        always_ff @(posedge clk_i) begin
          if (we) mem_q[ctx_addr] <= axil_req_i.w_data[b*8 +: 8];
        end
        assign byte_v = mem_q[ctx_addr];
      end else begin : g_reg
        // one slot: a register (with a reset, as on the iCE40 board)
        logic [7:0] byte_q;
        always_ff @(posedge clk_i or negedge rst_ni) begin
          if (!rst_ni) begin
            byte_q <= '0;
          end else if (we) begin
            byte_q <= axil_req_i.w_data[b*8 +: 8];
          end
        end
        assign byte_v = byte_q;
      end
      assign ctx_row[i*32 + b*8 +: 8] = byte_v;
    end
  end

  always_comb begin   // (the words are write-only: read 0)
    ctx_err   = 1'b0;
    if (!ctx_in_words) begin
      unique case (32'(ctx_off) + hva_regs_pkg::HVA_CTX_BASE)
        hva_regs_pkg::HVA_CTX_XLATE_READ_OFFSET,
        hva_regs_pkg::HVA_CTX_XLATE_WRITE_OFFSET,
        hva_regs_pkg::HVA_CTX_XLATE_EXEC_OFFSET: ;
        default: ctx_err = 1'b1;
      endcase
    end
  end

  hva_rsp_pack u_rsp_pack (
    .rsp_i   (rsp_q),
    .done_i  (rsp_done_q),
    .status_o(rsp_status),
    .info_o  (rsp_info)
  );

  // The read data: a word per offset of the HVA block, indexed by the
  // offset's bits 7:2 -- a multiplexer tree on the address packs more inputs
  // per LUT than the decoded case before (issue 9, area). Write-only and
  // unmapped words are 0; the slots' words are write-only.
  localparam int unsigned NumWords = 64;
  logic [NumWords*32-1:0] rd_words;
  always_comb begin
    rd_words = '0;
    rd_words[hva_regs_pkg::HVA_ID_OFFSET * 8 +: 32] = hva_regs_pkg::HVA_ID_RESVAL;
    rd_words[hva_regs_pkg::HVA_CAP0_OFFSET * 8 +: 32] = Cap0;
    rd_words[hva_regs_pkg::HVA_CAP1_OFFSET * 8 +: 32] = Cap1;
    rd_words[hva_regs_pkg::HVA_CAP2_OFFSET * 8 +: 32] = Cap2;
    rd_words[hva_regs_pkg::HVA_CAP3_OFFSET * 8 +: 32] = Cap3;
    rd_words[hva_regs_pkg::HVA_RSP_STATUS_OFFSET * 8 +: 32] = rsp_status;
    rd_words[hva_regs_pkg::HVA_RSP_INFO_OFFSET * 8 +: 32] = rsp_info;
    rd_words[hva_regs_pkg::HVA_XLATE_RESULT_OFFSET * 8 +: 32] = xlate_result;
    rd_words[hva_regs_pkg::HVA_RSP_HPA_LO_OFFSET * 8 +: 32] = rsp_q.hpa[31:0];
    rd_words[hva_regs_pkg::HVA_RSP_HPA_HI_OFFSET * 8 +: 32] = rsp_q.hpa[63:32];
    rd_words[hva_regs_pkg::HVA_RSP_GPA_LO_OFFSET * 8 +: 32] = rsp_q.gpa[31:0];
    rd_words[hva_regs_pkg::HVA_RSP_GPA_HI_OFFSET * 8 +: 32] = rsp_q.gpa[63:32];
    rd_words[hva_regs_pkg::HVA_RING_HEAD_OFFSET * 8 +: 32] = 32'(ring_status_i.head);
    rd_words[hva_regs_pkg::HVA_IRQ_ENABLE_OFFSET * 8 +: 32] = 32'(irq_en_q);
    rd_words[hva_regs_pkg::HVA_IRQ_STATUS_OFFSET * 8 +: 32] = 32'(irq_st_q);
    rd_words[hva_regs_pkg::HVA_PERF_REQUESTS_OFFSET * 8 +: 32] = cnt_q[0*32 +: 32];
    rd_words[hva_regs_pkg::HVA_PERF_TLB_HITS_OFFSET * 8 +: 32] = cnt_q[1*32 +: 32];
    rd_words[hva_regs_pkg::HVA_PERF_GTLB_HITS_OFFSET * 8 +: 32] = cnt_q[2*32 +: 32];
    rd_words[hva_regs_pkg::HVA_PERF_PWC_HITS_OFFSET * 8 +: 32] = cnt_q[3*32 +: 32];
    rd_words[hva_regs_pkg::HVA_PERF_PTE_READS_OFFSET * 8 +: 32] = cnt_q[4*32 +: 32];
    rd_words[hva_regs_pkg::HVA_PERF_BUSY_CYCLES_OFFSET * 8 +: 32] = cnt_q[5*32 +: 32];
    rd_words[hva_regs_pkg::HVA_STATUS_OFFSET * 8 + hva_regs_pkg::HVA_STATUS_REQ_BUSY_LSB]  = req_busy_q;
    rd_words[hva_regs_pkg::HVA_STATUS_OFFSET * 8 + hva_regs_pkg::HVA_STATUS_RING_BUSY_LSB] = ring_status_i.busy;
    rd_words[hva_regs_pkg::HVA_STATUS_OFFSET * 8 + hva_regs_pkg::HVA_STATUS_INV_BUSY_LSB]  = inv_valid_q;
    rd_words[hva_regs_pkg::HVA_STATUS_OFFSET * 8 + hva_regs_pkg::HVA_STATUS_RING_ERR_LSB]  = ring_status_i.err;
  end
  assign local_rdata = off[8] ? '0 : rd_words[32'(off[7:2]) * 32 +: 32];

  // the offsets that answer OKAY
  always_comb begin
    local_err = 1'b0;
    unique case (32'(off))
      hva_regs_pkg::HVA_ID_OFFSET,
      hva_regs_pkg::HVA_CAP0_OFFSET,
      hva_regs_pkg::HVA_CAP1_OFFSET,
      hva_regs_pkg::HVA_CAP2_OFFSET,
      hva_regs_pkg::HVA_CAP3_OFFSET,
      hva_regs_pkg::HVA_REQ_VSATP_LO_OFFSET,
      hva_regs_pkg::HVA_REQ_VSATP_HI_OFFSET,
      hva_regs_pkg::HVA_REQ_HGATP_LO_OFFSET,
      hva_regs_pkg::HVA_REQ_HGATP_HI_OFFSET,
      hva_regs_pkg::HVA_REQ_ADDR_LO_OFFSET,
      hva_regs_pkg::HVA_REQ_ADDR_HI_OFFSET,
      hva_regs_pkg::HVA_REQ_CTRL_OFFSET,
      hva_regs_pkg::HVA_REQ_GO_OFFSET,
      hva_regs_pkg::HVA_RING_BASE_LO_OFFSET,
      hva_regs_pkg::HVA_RING_BASE_HI_OFFSET,
      hva_regs_pkg::HVA_RING_SIZE_OFFSET,
      hva_regs_pkg::HVA_RING_TAIL_OFFSET,
      hva_regs_pkg::HVA_RING_DOORBELL_OFFSET,
      hva_regs_pkg::HVA_RING_CTRL_OFFSET,
      hva_regs_pkg::HVA_INV_VMID_OFFSET,
      hva_regs_pkg::HVA_INV_ASID_OFFSET,
      hva_regs_pkg::HVA_INV_ADDR_LO_OFFSET,
      hva_regs_pkg::HVA_INV_ADDR_HI_OFFSET,
      hva_regs_pkg::HVA_INV_CMD_OFFSET,
      hva_regs_pkg::HVA_PERF_CTRL_OFFSET,
      hva_regs_pkg::HVA_STATUS_OFFSET,
      hva_regs_pkg::HVA_RSP_STATUS_OFFSET,
      hva_regs_pkg::HVA_RSP_INFO_OFFSET,
      hva_regs_pkg::HVA_XLATE_RESULT_OFFSET,
      hva_regs_pkg::HVA_RSP_HPA_LO_OFFSET,
      hva_regs_pkg::HVA_RSP_HPA_HI_OFFSET,
      hva_regs_pkg::HVA_RSP_GPA_LO_OFFSET,
      hva_regs_pkg::HVA_RSP_GPA_HI_OFFSET,
      hva_regs_pkg::HVA_RING_HEAD_OFFSET,
      hva_regs_pkg::HVA_IRQ_ENABLE_OFFSET,
      hva_regs_pkg::HVA_IRQ_STATUS_OFFSET,
      hva_regs_pkg::HVA_PERF_REQUESTS_OFFSET,
      hva_regs_pkg::HVA_PERF_TLB_HITS_OFFSET,
      hva_regs_pkg::HVA_PERF_GTLB_HITS_OFFSET,
      hva_regs_pkg::HVA_PERF_PWC_HITS_OFFSET,
      hva_regs_pkg::HVA_PERF_PTE_READS_OFFSET,
      hva_regs_pkg::HVA_PERF_BUSY_CYCLES_OFFSET: ;
      default: local_err = !in_ctx || ctx_err;
    endcase
  end

  assign acc_rdata = local_rdata;
  assign acc_err   = !in_local || local_err;

  // ---------------------------------------------------------------- writes
  logic        lwr;       // a write to a local register, this cycle
  logic [31:0] wd;

  assign lwr = acc_we && in_local && !local_err;
  assign wd  = axil_req_i.w_data & wmask;

  // new value of a register: its strobed bytes from W. A multiplexer per bit
  // with the old value on one side, so synthesis makes the strobe a
  // flip-flop enable and takes the data straight from W (the AND-OR form
  // with a mask cost a LUT per bit; issue 9, area). No mask argument: Yosys
  // 0.23 passes a constant '1 (even through a localparam) into a function as
  // 32'd1, which made every register written with the mask '1 (REQ_VSATP,
  // REQ_HGATP, REQ_ADDR, RING_BASE_HI, INV_ADDR) a constant in synthesis
  // but bit 0. Bits a register does not keep are dropped where it is used.
  function automatic logic [31:0] merge(logic [31:0] q, logic [31:0] d, logic [31:0] m);
    for (int unsigned i = 0; i < 32; i++) merge[i] = m[i] ? d[i] : q[i];
  endfunction

  always_comb begin
    ctx_we   = '0;
    for (int unsigned i = 0; i < CtxWords; i++) begin
      if (lwr && in_ctx && ctx_in_words && 32'(ctx_wi) == i) begin
        ctx_we[i] = 1'b1;
      end
    end
  end

  logic [31:0] ring_size_wr;   // clamped to the largest ring below
  assign ring_size_wr = merge(32'(ring_size_q), axil_req_i.w_data, wmask) & hva_regs_pkg::HVA_RING_SIZE_WOMASK;

  function automatic logic wr_at(logic w, logic [8:0] o, int unsigned reg_off);
    wr_at = w && 32'(o) == reg_off;
  endfunction

  always_comb begin
    req_vsatp_d = req_vsatp_q;
    req_hgatp_d = req_hgatp_q;
    req_addr_d  = req_addr_q;
    req_ctrl_d  = req_ctrl_q;
    req_busy_d  = req_busy_q;
    rsp_done_d  = rsp_done_q;
    rsp_d       = rsp_q;
    ring_base_d = ring_base_q;
    ring_size_d = ring_size_q;
    ring_tail_d = ring_tail_q;
    doorbell    = 1'b0;
    sreq_go_o   = 1'b0;
    sreq_xlate_o = 1'b0;
    ring_reset  = 1'b0;
    irq_en_d    = irq_en_q;
    irq_st_d    = irq_st_q;
    inv_vmid_d  = inv_vmid_q;
    inv_asid_d  = inv_asid_q;
    inv_addr_d  = inv_addr_q;
    inv_valid_d = inv_valid_q;
    inv_cmd_d   = inv_cmd_q;

    // register writes
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_VSATP_LO_OFFSET))
      req_vsatp_d[31:0]  = merge(req_vsatp_q[31:0], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_VSATP_HI_OFFSET))
      req_vsatp_d[63:32] = merge(req_vsatp_q[63:32], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_HGATP_LO_OFFSET))
      req_hgatp_d[31:0]  = merge(req_hgatp_q[31:0], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_HGATP_HI_OFFSET))
      req_hgatp_d[63:32] = merge(req_hgatp_q[63:32], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_ADDR_LO_OFFSET))
      req_addr_d[31:0]   = merge(req_addr_q[31:0], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_ADDR_HI_OFFSET))
      req_addr_d[63:32]  = merge(req_addr_q[63:32], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_CTRL_OFFSET))
      req_ctrl_d = merge(req_ctrl_q, axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_RING_BASE_LO_OFFSET))
      ring_base_d[31:0]  = merge(ring_base_q[31:0], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_RING_BASE_HI_OFFSET))
      ring_base_d[63:32] = merge(ring_base_q[63:32], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_RING_SIZE_OFFSET)) begin
      ring_size_d = ring_size_wr > RingMaxLog2 ? 4'(RingMaxLog2) : 4'(ring_size_wr);
    end
    if (wr_at(lwr, off, hva_regs_pkg::HVA_RING_TAIL_OFFSET))
      ring_tail_d = 16'(merge(32'(ring_tail_q), axil_req_i.w_data, wmask));
    if (wr_at(lwr, off, hva_regs_pkg::HVA_IRQ_ENABLE_OFFSET))
      irq_en_d = 3'(merge(32'(irq_en_q), axil_req_i.w_data, wmask));
    if (wr_at(lwr, off, hva_regs_pkg::HVA_INV_VMID_OFFSET))
      inv_vmid_d = 14'(merge(32'(inv_vmid_q), axil_req_i.w_data, wmask));
    if (wr_at(lwr, off, hva_regs_pkg::HVA_INV_ASID_OFFSET))
      inv_asid_d = 16'(merge(32'(inv_asid_q), axil_req_i.w_data, wmask));
    if (wr_at(lwr, off, hva_regs_pkg::HVA_INV_ADDR_LO_OFFSET))
      inv_addr_d[31:0]   = merge(inv_addr_q[31:0], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_INV_ADDR_HI_OFFSET))
      inv_addr_d[63:32]  = merge(inv_addr_q[63:32], axil_req_i.w_data, wmask);
    if (wr_at(lwr, off, hva_regs_pkg::HVA_RING_DOORBELL_OFFSET))
      doorbell   = wd[hva_regs_pkg::HVA_RING_DOORBELL_RING_LSB];
    if (wr_at(lwr, off, hva_regs_pkg::HVA_RING_CTRL_OFFSET))
      ring_reset = wd[hva_regs_pkg::HVA_RING_CTRL_RESET_LSB];

    // single request: GO (ignored while one is in flight), accept, response
    if (srsp_valid_i) begin
      rsp_d      = srsp_i;
      req_busy_d = 1'b0;
      rsp_done_d = 1'b1;
    end
    if (wr_at(lwr, off, hva_regs_pkg::HVA_REQ_GO_OFFSET) && wd[hva_regs_pkg::HVA_REQ_GO_GO_LSB] && !req_busy_q)
      begin
      req_busy_d  = 1'b1;
      rsp_done_d  = 1'b0;
      sreq_go_o   = 1'b1;
    end

    // context slots: XLATE_* starts the slot's translation (as GO does)
    if (lwr && in_ctx && !req_busy_q) begin
      unique case (32'(ctx_off) + hva_regs_pkg::HVA_CTX_BASE)
        hva_regs_pkg::HVA_CTX_XLATE_READ_OFFSET,
        hva_regs_pkg::HVA_CTX_XLATE_WRITE_OFFSET,
        hva_regs_pkg::HVA_CTX_XLATE_EXEC_OFFSET: begin
          req_busy_d   = 1'b1;
          rsp_done_d   = 1'b0;
          sreq_xlate_o = 1'b1;
        end
        default: ;
      endcase
    end

    // invalidation: GO latches the command (the write waits while one does)
    if (inv_valid_q && inv_ready_i) inv_valid_d = 1'b0;
    if (wr_at(lwr, off, hva_regs_pkg::HVA_INV_CMD_OFFSET) && wd[hva_regs_pkg::HVA_INV_CMD_GO_LSB])
      begin
      inv_valid_d = 1'b1;
      inv_cmd_d   = {wd[hva_regs_pkg::HVA_INV_CMD_GVMA_LSB], !wd[hva_regs_pkg::HVA_INV_CMD_BY_VMID_LSB],
                     wd[hva_regs_pkg::HVA_INV_CMD_BY_ASID_LSB], wd[hva_regs_pkg::HVA_INV_CMD_BY_ADDR_LSB]};
    end

    // interrupt status: events set, write-1 clears (an event in the same cycle wins)
    if (wr_at(lwr, off, hva_regs_pkg::HVA_IRQ_STATUS_OFFSET))
      irq_st_d = irq_st_q & ~(3'(wd & hva_regs_pkg::HVA_IRQ_STATUS_W1CMASK));
    if (ring_status_i.done)    irq_st_d[hva_regs_pkg::HVA_IRQ_STATUS_RING_DONE_LSB] = 1'b1;
    if (ring_status_i.err_evt) irq_st_d[hva_regs_pkg::HVA_IRQ_STATUS_RING_ERR_LSB]  = 1'b1;
    if (srsp_valid_i)          irq_st_d[hva_regs_pkg::HVA_IRQ_STATUS_REQ_DONE_LSB]  = 1'b1;
  end

  // counters: CLEAR wins over this cycle's events. The walker's events are
  // registered first (counted a cycle later): they come from its lookups,
  // and the counters' carry chains would lengthen the walker's deepest path.
  /* verilator lint_off UNUSEDSIGNAL */  // ad_update and fault have no counter
  walker_pkg::perf_evt_t perf_q;
  /* verilator lint_on UNUSEDSIGNAL */
  logic perf_clear;
  assign perf_clear = wr_at(lwr, off, hva_regs_pkg::HVA_PERF_CTRL_OFFSET) && wd[hva_regs_pkg::HVA_PERF_CTRL_CLEAR_LSB];

  logic [NumCnt-1:0] cnt_evt;
  assign cnt_evt = {perf_q.busy, perf_q.pte_read, perf_q.pwc_hit, perf_q.gtlb_hit, perf_q.tlb_hit,
                    perf_q.req};

  // The counters have no reset pin: the reset's clearing (init_q) and
  // CLEAR zero them through the flip-flops' synchronous reset (with an
  // asynchronous reset, the clear was a LUT per bit: about 240 LUT; issue
  // 9, area). The bus waits until init_q is over.
  for (genvar c = 0; c < NumCnt; c++) begin : g_cnt
    always_ff @(posedge clk_i) begin
      if (init_q || perf_clear) cnt_q[c*32 +: 32] <= '0;
      else if (cnt_evt[c])         cnt_q[c*32 +: 32] <= cnt_q[c*32 +: 32] + 32'd1;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= StIdle;
      rdata_q     <= '0;
      err_q       <= 1'b0;
      req_vsatp_q <= '0;
      req_hgatp_q <= '0;
      req_addr_q  <= '0;
      req_ctrl_q  <= hva_regs_pkg::HVA_REQ_CTRL_RESVAL;
      req_busy_q  <= 1'b0;
      rsp_done_q  <= 1'b0;
      rsp_q       <= '0;
      ring_base_q <= '0;
      ring_size_q <= '0;
      ring_tail_q <= '0;
      irq_en_q    <= '0;
      irq_st_q    <= '0;
      inv_vmid_q  <= '0;
      inv_asid_q  <= '0;
      inv_addr_q  <= '0;
      inv_valid_q <= 1'b0;
      inv_cmd_q   <= '0;
      perf_q      <= '0;
    end else begin
      state_q     <= state_d;
      rdata_q     <= rdata_d;
      err_q       <= err_d;
      req_vsatp_q <= req_vsatp_d;
      req_hgatp_q <= req_hgatp_d;
      req_addr_q  <= req_addr_d;
      req_ctrl_q  <= req_ctrl_d;
      req_busy_q  <= req_busy_d;
      rsp_done_q  <= rsp_done_d;
      rsp_q       <= rsp_d;
      ring_base_q <= ring_base_d;
      ring_size_q <= ring_size_d;
      ring_tail_q <= ring_tail_d;
      irq_en_q    <= irq_en_d;
      irq_st_q    <= irq_st_d;
      inv_vmid_q  <= inv_vmid_d;
      inv_asid_q  <= inv_asid_d;
      inv_addr_q  <= inv_addr_d;
      inv_valid_q <= inv_valid_d;
      inv_cmd_q   <= inv_cmd_d;
      perf_q      <= perf_i;
    end
  end

  // ---------------------------------------------------------------- outputs
  // the request: the REQ_* registers (GO), or the slot's words (XLATE_*;
  // the access from which of the three was written)
  always_comb begin
    sreq_o.vsatp = req_vsatp_q;
    sreq_o.hgatp = req_hgatp_q;
    sreq_o.addr  = req_addr_q;
    sreq_o.ctrl  = req_ctrl_q;
    xreq_o.vsatp = ctx_row[0 +: 64];
    xreq_o.hgatp = ctx_row[64 +: 64];
    // (the XLATE_* write's whole word: its strobes are not applied, which
    // would cost a LUT per bit)
    xreq_o.addr  = {ctx_row[5*32 +: 32], axil_req_i.w_data};
    xreq_o.ctrl  = ctx_row[CtxCtrlW*32 +: 32] & hva_regs_pkg::HVA_CTX_CTRL_WOMASK;
    xreq_o.ctrl[hva_regs_pkg::HVA_REQ_CTRL_ACCESS_LSB +: 2] =
        ctx_off[3:2] == 2'd0 ? walker_pkg::AccRead :
        ctx_off[3:2] == 2'd1 ? walker_pkg::AccWrite : walker_pkg::AccExec;
  end

  assign inv_valid_o  = inv_valid_q;
  always_comb begin
    inv_o          = '0;
    inv_o.kind     = inv_cmd_q[3] ? walker_pkg::InvGvma : walker_pkg::InvVvma;
    inv_o.all_vmid = inv_cmd_q[2];
    inv_o.use_asid = inv_cmd_q[1];
    inv_o.use_addr = inv_cmd_q[0];
    inv_o.vmid     = inv_vmid_q;
    inv_o.asid     = inv_asid_q;
    inv_o.addr     = inv_addr_q;
  end
  assign irq_o        = |(irq_st_q & irq_en_q);

  always_comb begin
    ring_cfg_o           = '0;
    ring_cfg_o.base      = ring_base_q;
    ring_cfg_o.size_log2 = ring_size_q;
    ring_cfg_o.tail      = ring_tail_q;
    ring_cfg_o.doorbell  = doorbell;
    ring_cfg_o.reset     = ring_reset;
  end

endmodule
