// Types of the HVA top: the AXI4-Lite register port and the AXI4 memory port
// as seen outside the HVA (one ID bit wider than the walker's: the arbiter
// puts the master's number in the top bit). Users name things as hva_pkg::x
// (no import: Yosys 0.23 reads none; see walker_pkg for the subset).
package hva_pkg;

  localparam int unsigned RegAddrW = 20;                       // 1 MiB register space
  // walker_pkg::AxiIdW + 1 (walker + ring engine; hva_top checks it: Yosys
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

  // The register words shared by the register block and the ring engine
  // (REQ_CTRL, RSP_STATUS, RSP_INFO) are packed and unpacked by the modules
  // hva_req_unpack and hva_rsp_pack (Yosys 0.23 takes no struct-typed
  // function arguments or results).

endpackage
