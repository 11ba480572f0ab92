/* How the hypervisor's register accesses reach the HVA: the register hook of
 * lib/driver/hva plus the few wires that differ between transports. One table
 * per transport (hva_mmio.c: the device on the bus; hva_mailbox.c: the
 * co-simulation mailbox in shared RAM); hva_hw.c picks one at boot. */
#ifndef CHIPVISOR_HVA_TRANSPORT_H
#define CHIPVISOR_HVA_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>
#include "hva/hva.h"

struct hva_transport {
    const char *name;
    struct hva_io io;
    /* Where the harts see the register block (0: they do not; the VIC's
     * guest pages cannot then be given to guests, and reads have no side
     * effects, so guest claims must be forwarded). */
    uint64_t regs_hpa;
    /* Physical source levels driven by the hypervisor (the mailbox's word);
     * NULL: the sources are wires of the machine, and emulated devices
     * reach the VIC through INJECT. */
    void (*set_source)(uint32_t src, bool level);
    /* The VIC's guest outputs as a word the hypervisor polls; NULL: they are
     * wires into the harts' hgeip. */
    uint32_t (*guest_eip)(void);
    void (*shutdown)(void);          /* at the end of the run; may be NULL */
    /* The HVA stopped answering for good (a simulator that died); NULL: never. */
    bool (*lost)(void);
};

/* The device at `hpa` (plain loads and stores). */
const struct hva_transport *hva_mmio_transport(uint64_t hpa);
/* The mailbox at `mailbox_hpa` once a simulator answers there; NULL (the
 * reason logged) when none does within the wait. */
const struct hva_transport *hva_mailbox_transport(uint64_t mailbox_hpa);

#endif
