/* C model of the HVA's virtual interrupt controller (VIC), cycle-exact with
 * rtl/vic/vic.sv. Pure C, no allocation, freestanding-compatible.
 *
 * One vic_model_cycle() call is one clock: the outputs and the bus response
 * are those of the current state, then the state moves to the next cycle
 * (what the RTL's flops hold after the rising edge).
 *
 * Semantics (PLIC gateway rules, per interrupt file f = guest 0..G-1 or the
 * hypervisor's file G):
 *  - a target (file, id) is busy while pending or claimed-not-completed; a
 *    source forwards a request to its target only when the target is idle;
 *  - level source: forwards while asserted, so it pends again after complete
 *    if still asserted;
 *  - edge source: a rising edge while the target is busy is latched (one
 *    latch; further edges merge) and forwarded once the target is idle;
 *  - claim returns the enabled pending id with priority > threshold, highest
 *    priority first, lowest id on ties, and moves it pending -> claimed;
 *    complete (write of the id) ends the claim;
 *  - complete (a write of the id to the claim register) ends the claim of
 *    that id whether or not it is still enabled (a PLIC would ignore it; a
 *    guest that masks a claimed id must still be able to complete it);
 *  - re-routing a source leaves an already-forwarded request in the old file
 *    (claimed there); its latched edge follows the source to the new target;
 *    a disabled or invalid route forwards nothing and drops a latched edge;
 *  - INJECT sets a pending bit directly (no gateway), even on a busy id;
 *  - guest g's output (hgeip line) = file g deliverable & running[g];
 *    hypervisor interrupt = its own file deliverable | any file deliverable
 *    whose guest is not running.
 */
#ifndef CHIPVISOR_VIC_MODEL_H
#define CHIPVISOR_VIC_MODEL_H

#include <stdint.h>
#include "vic_model/vic_layout.h"

struct vic_params {
    uint32_t guests;     /* 1..VIC_MAX_GUESTS */
    uint32_t ids;        /* ids per file incl. the reserved id 0, 2..VIC_MAX_IDS */
    uint32_t sources;    /* physical sources, 1..VIC_MAX_SOURCES */
    uint32_t vcpus;      /* vCPUs per guest (routing hint), 1..VIC_MAX_VCPUS */
    uint32_t prio_bits;  /* priority width, 1..VIC_MAX_PRIO_BITS */
};

struct vic_file {
    uint64_t pending;
    uint64_t claimed;
    uint64_t enable;
    uint32_t threshold;
    uint8_t prio[VIC_MAX_IDS];
};

struct vic_model {
    struct vic_params p;
    struct vic_file file[VIC_MAX_GUESTS + 1];   /* [guests] = the hypervisor's */
    uint32_t route[VIC_MAX_SOURCES];
    uint32_t src_prev[VIC_MAX_SOURCES / 32];
    uint32_t latch[VIC_MAX_SOURCES / 32];
    uint32_t running;
    uint32_t guest_eip_q;                        /* registered outputs */
    uint32_t hyp_irq_q;
};

struct vic_bus_req {
    int valid;
    int we;
    uint32_t addr;       /* HVA register offset */
    uint32_t wdata;
    uint32_t wstrb;      /* 4 bits */
};

struct vic_bus_rsp {
    uint32_t rdata;
    int err;
};

/* A decoded routing table entry (or INJECT command). */
struct vic_route {
    int valid;       /* enabled, and names an existing file and id != 0 */
    int edge;
    uint32_t file;   /* 0..guests-1, or guests for the hypervisor's file */
    uint32_t vid;
};

/* fills d from a route word; returns d->valid */
int vic_model_route_decode(const struct vic_params *p, uint32_t route, struct vic_route *d);

/* 0 on success, -1 if a parameter is out of range (ids must be a power of
 * two, as in the RTL). Resets the state. */
int vic_model_init(struct vic_model *m, const struct vic_params *p);

/* One clock. src: bitmap of source levels (bit s of word s/32). req may be
 * NULL (idle bus); rsp may be NULL. */
void vic_model_cycle(struct vic_model *m, const uint32_t *src,
                     const struct vic_bus_req *req, struct vic_bus_rsp *rsp);

/* registered outputs (what the RTL drives this cycle) */
static inline uint32_t vic_model_guest_eip(const struct vic_model *m) { return m->guest_eip_q; }
static inline uint32_t vic_model_hyp_irq(const struct vic_model *m) { return m->hyp_irq_q; }

/* the id a claim of file f would return now (0: none) */
uint32_t vic_model_best(const struct vic_model *m, uint32_t f);

/* true if addr is in one of the VIC's regions for these parameters */
int vic_model_decodes(const struct vic_params *p, uint32_t addr);

#endif
