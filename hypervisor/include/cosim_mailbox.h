/* The co-simulation mailbox: how the hypervisor in QEMU reaches the HVA RTL
 * in Verilator. QEMU's RAM is a shared file (-object memory-backend-file,
 * share=on); the simulator (sim/cosim/hva_cosim.c) maps the same file, serves
 * the HVA's AXI4 master from it (so the walker reads the real page tables),
 * and drives the HVA's AXI4-Lite port from this mailbox, which sits in the
 * last 64 KiB of the host RAM (the hypervisor keeps guests out of it).
 *
 * One register access at a time: the hypervisor fills op/addr/wdata, then
 * increments req_seq; the simulator performs the AXI4-Lite transaction and
 * sets rsp_seq = req_seq. Interrupt wires go both ways as words: the
 * hypervisor writes the physical source levels (its emulated devices' lines)
 * to irq_src, the simulator publishes the HVA's outputs every few cycles. */
#ifndef CHIPVISOR_COSIM_MAILBOX_H
#define CHIPVISOR_COSIM_MAILBOX_H

#include <stdint.h>

#define COSIM_MAILBOX_SIZE   0x10000u      /* from the end of host RAM */
#define COSIM_MAGIC          0x48564153u   /* "HVAS": the simulator is up */
#define COSIM_VERSION        1u

#define COSIM_OP_READ  1u
#define COSIM_OP_WRITE 2u

struct cosim_mailbox {
    uint32_t magic;          /* sim: COSIM_MAGIC once the RTL is out of reset */
    uint32_t version;        /* sim */
    uint32_t req_seq;        /* hyp: incremented after the request is written */
    uint32_t rsp_seq;        /* sim: = req_seq when the response is written */
    uint32_t op;             /* hyp: COSIM_OP_* */
    uint32_t addr;           /* hyp: AXI4-Lite offset */
    uint32_t wdata;          /* hyp */
    uint32_t rdata;          /* sim */
    uint32_t resp;           /* sim: AXI response (0 OKAY, 2 SLVERR, 3 DECERR) */
    uint32_t irq_src;        /* hyp: physical source levels into the VIC, bit s */
    uint32_t guest_eip;      /* sim: VIC per-guest outputs */
    uint32_t hva_irq;        /* sim: bit 0 HVA interrupt, bit 1 VIC hypervisor interrupt */
    uint64_t cycles;         /* sim: clock cycles simulated */
    uint32_t stop;           /* hyp: nonzero asks the simulator to finish */
    uint32_t reserved[17];
};

#endif
