/* The wire between QEMU's chipvisor-hva device (host-tools/qemu-hva/ patch,
 * hw/misc/chipvisor_hva.c, which keeps its own copy of these numbers) and
 * hva-device-sim: fixed 32-byte messages on a Unix SOCK_SEQPACKET socket the
 * simulator listens on. Little-endian host order (both ends run on one host).
 *
 *   sim  -> QEMU  HELLO   once, on connect: version, guests, sources, RAM window
 *   QEMU -> sim   READ    addr            answered by RSP (synchronous)
 *   QEMU -> sim   WRITE   addr, data      answered by RSP (synchronous)
 *   QEMU -> sim   SRC     data = the VIC's physical source levels (no answer)
 *   sim  -> QEMU  RSP     data (read data), resp (AXI: 0 OKAY, 2 SLVERR, 3 DECERR), lines
 *   sim  -> QEMU  LINES   lines, whenever they change between accesses
 *
 * lines: bit 0 irq_o (the HVA's own interrupt), bit 1 hyp_irq_o (the VIC's
 * hypervisor file), bits 8 + g: guest_eip_o[g]. */
#ifndef HVA_DEV_PROTO_H
#define HVA_DEV_PROTO_H

#include <stdint.h>

#define HVA_DEV_VERSION 1u

enum hva_dev_type {
    HVA_DEV_HELLO = 1,
    HVA_DEV_READ  = 2,
    HVA_DEV_WRITE = 3,
    HVA_DEV_SRC   = 4,
    HVA_DEV_RSP   = 5,
    HVA_DEV_LINES = 6,
};

#define HVA_DEV_LINE_IRQ     (1u << 0)
#define HVA_DEV_LINE_HYP     (1u << 1)
#define HVA_DEV_LINE_GUEST0  8u          /* bit of guest 0's line */

struct hva_dev_msg {
    uint32_t type;
    uint32_t addr;     /* READ/WRITE: offset in the register space; HELLO: version */
    uint32_t data;     /* WRITE/RSP data, SRC levels; HELLO: guests | sources << 16 */
    uint32_t resp;     /* RSP: AXI response */
    uint32_t lines;    /* RSP/LINES/HELLO: the interrupt lines now */
    uint32_t reserved;
    uint64_t cycles;   /* RSP/LINES: simulated cycles so far; HELLO: RAM base */
};

_Static_assert(sizeof(struct hva_dev_msg) == 32, "the wire format is 32 bytes");

#endif
