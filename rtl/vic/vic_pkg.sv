// Register layout of the VIC; must agree with hypervisor/lib/vic_model/vic_layout.h
// (tests/rtl/vic compares the RTL with the C model register by register).
package vic_pkg;

  // regions, as offsets in the HVA register space
  localparam int unsigned HypBase     = 32'h0_1000;
  localparam int unsigned HypSize     = 32'h0_1000;
  localparam int unsigned GuestBase   = 32'h1_0000;
  localparam int unsigned GuestStride = 32'h0_4000;

  // hypervisor region, offsets from HypBase
  localparam int unsigned HypInfo0     = 32'h000;
  localparam int unsigned HypInfo1     = 32'h004;
  localparam int unsigned HypRunning   = 32'h010;
  localparam int unsigned HypGuestEip  = 32'h014;
  localparam int unsigned HypWake      = 32'h018;
  localparam int unsigned HypThreshold = 32'h020;
  localparam int unsigned HypClaim     = 32'h024;
  localparam int unsigned HypInject    = 32'h028;
  localparam int unsigned HypPending   = 32'h080;  // 2 words
  localparam int unsigned HypEnable    = 32'h0c0;  // 2 words
  localparam int unsigned HypPriority  = 32'h100;  // 64 words
  localparam int unsigned HypSrcLevel  = 32'h200;  // 8 words
  localparam int unsigned HypRoute     = 32'h400;  // 256 words

  // guest window, offsets from GuestBase + g * GuestStride (PLIC context 1 pages)
  localparam int unsigned GPending     = 32'h1000;
  localparam int unsigned GEnable      = 32'h2080;
  localparam int unsigned GThreshold   = 32'h3000;
  localparam int unsigned GClaim       = 32'h3004;

  localparam int unsigned Version      = 1;

  // routing table entry fields (also the inject command)
  localparam int unsigned RouteVidLsb   = 0;
  localparam int unsigned RouteVidW     = 10;
  // The vCPU field (bits 19:16) is only stored for the hypervisor (which vCPU
  // to wake); no logic reads it, hence the waiver.
  /* verilator lint_off UNUSEDPARAM */
  localparam int unsigned RouteVcpuLsb  = 16;
  /* verilator lint_on UNUSEDPARAM */
  localparam int unsigned RouteGuestLsb = 24;
  localparam int unsigned RouteToHyp    = 29;
  localparam int unsigned RouteEdge     = 30;
  localparam int unsigned RouteEnable   = 31;
  localparam logic [31:0] RouteStored   = 32'hef0f_03ff;

  // implementation limits
  localparam int unsigned MaxGuests   = 15;
  localparam int unsigned MaxIds      = 64;
  localparam int unsigned MaxSources  = 256;
  localparam int unsigned MaxVcpus    = 16;
  localparam int unsigned MaxPrioBits = 7;

endpackage
