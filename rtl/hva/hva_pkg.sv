// Types of the HVA top: the AXI4-Lite register port (the AXI4 memory port's
// types are walker_pkg's, whose ID has the arbiter's master bit on top of the
// masters' IDs). Users name things as hva_pkg::x
// (no import: Yosys 0.23 reads none; see walker_pkg for the subset).
package hva_pkg;

  localparam int unsigned RegAddrW = 20;                       // 1 MiB register space
  // walker_pkg::AxiIdW (the AXI4 port's ID width; hva_top checks it: Yosys
  // 0.23 takes no other package's name in a package)
  localparam int unsigned AxiIdW   = 5;

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

  // ---- AXI4 master port: walker_pkg::axi_req_t / axi_rsp_t (defined once there)

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

  // A translation request as the registers and a ring slot hold it: the
  // REQ_CTRL word and the three 64-bit operands (a slot's words in order)
  typedef struct packed {
    logic [31:0] ctrl;
    logic [63:0] addr;
    logic [63:0] hgatp;
    logic [63:0] vsatp;
  } req_words_t;

  // The register words shared by the register block and the ring engine
  // (REQ_CTRL, RSP_STATUS, RSP_INFO) are packed and unpacked by the modules
  // hva_req_unpack and hva_rsp_pack (Yosys 0.23 takes no struct-typed
  // function arguments or results).

endpackage
