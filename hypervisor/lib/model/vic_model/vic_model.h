/* C model of the HVA's virtual interrupt controller (VIC), cycle-exact with
 * rtl/vic/vic.sv. Pure C, no allocation, freestanding-compatible.
 *
 * One vic_model_cycle() call is one clock: the outputs and the bus response
 * are those of the current state, then the state moves to the next cycle
 * (what the RTL's flops hold after the rising edge). The bus is registered:
 * the request given to a cycle is answered by the next cycle's response, and
 * its side effects happen at the end of that next cycle.
 *
 * Timing (the RTL's sharing, modelled exactly):
 *  - the sources are scanned one per cycle, in turn (source rr, then rr + 1
 *    mod sources): the scanned source forwards if it wants to (an active
 *    route and an edge, a latched edge or a high level), its target is idle
 *    and no INJECT takes the set port in that cycle;
 *  - one unit is arbitrated per cycle. A unit is a context of a guest file
 *    (unit g * ctxs + k: guest g's vCPU k) or the hypervisor's file (unit
 *    guests * ctxs). The unit is the one the bus access of the cycle touches
 *    (a context's enables or page: that context; other guest window offsets:
 *    the guest's context 0; the hypervisor region: the hypervisor's file),
 *    else the next unit in turn. Its best id (below) is registered; the
 *    context's line, GUEST_EIP/WAKE, LINE.EIP and a claim use that register.
 *    A write to the context's enables or threshold empties it, a write to the
 *    file's priorities empties every context of the file (the arbiter saw
 *    the old value), a claim empties every other context of the file whose
 *    best is the claimed id; a claim also empties its own context and
 *    arbitrates it the next cycle (a redo, in the next unit in turn's place:
 *    the turn waits), unless a bus access touches a unit in that cycle, so a
 *    claim that follows at once can find the context empty;
 *
 * Semantics (PLIC gateway rules, per interrupt file f = guest 0..G-1 or the
 * hypervisor's file G; pending, claimed and priorities are the file's,
 * enables and threshold the context's, as in a PLIC with a context per hart):
 *  - a target (file, id) is busy while pending or claimed-not-completed; a
 *    source forwards a request to its target only when the target is idle;
 *  - level source: forwards while asserted, so it pends again after complete
 *    if still asserted;
 *  - edge source: a rising edge while the target is busy is latched (one
 *    latch; further edges merge) and forwarded once the target is idle;
 *  - a context's best id is the enabled pending id with priority > threshold,
 *    highest priority first, lowest id on ties; claim returns the registered
 *    best (0 if empty) and moves it pending -> claimed; complete (write of
 *    the id) ends the claim;
 *  - complete (a write of the id to the claim register) ends the claim of
 *    that id whether or not it is still enabled (a PLIC would ignore it; a
 *    guest that masks a claimed id must still be able to complete it);
 *  - re-routing a source leaves an already-forwarded request in the old file
 *    (claimed there); its latched edge follows the source to the new target;
 *    a disabled or invalid route forwards nothing and drops a latched edge;
 *  - INJECT sets a pending bit directly (no gateway), even on a busy id;
 *  - each context has a LINE register: line number (reset: its guest's
 *    number) and RUN (RUNNING bit g is context 0's RUN). Output line j = OR
 *    of the registered best valid of running contexts on line j; hypervisor
 *    interrupt = its own file's best valid | any context's best valid whose
 *    RUN is off.
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
    uint32_t ctxs;       /* contexts per guest file: 1, 2 or 4 (VIC_MAX_CTXS) */
};

struct vic_bus_req {
    int valid;
    int we;
    uint32_t addr;       /* HVA register offset */
    uint32_t wdata;
    uint32_t wstrb;      /* 4 bits */
};

struct vic_file {
    uint64_t pending;
    uint64_t claimed;
    uint8_t prio[VIC_MAX_IDS];
};

#define VIC_MAX_UNITS (VIC_MAX_GUESTS * VIC_MAX_CTXS + 1)

/* a context of a guest file (or the hypervisor file's one) */
struct vic_ctx {
    uint64_t enable;
    uint32_t threshold;
    uint32_t line;       /* output line (guest contexts) */
    int run;
};

struct vic_model {
    struct vic_params p;
    struct vic_file file[VIC_MAX_GUESTS + 1];   /* [guests] = the hypervisor's */
    struct vic_ctx ctx[VIC_MAX_UNITS];           /* [g * ctxs + k], [guests * ctxs] = the hypervisor's */
    uint32_t route[VIC_MAX_SOURCES];
    uint32_t src_prev[VIC_MAX_SOURCES / 32];
    uint32_t latch[VIC_MAX_SOURCES / 32];
    uint32_t guest_eip_q;                        /* registered outputs */
    uint32_t hyp_irq_q;
    struct vic_bus_req req_q;                    /* the registered bus request */
    uint8_t best_v[VIC_MAX_UNITS];               /* each unit's registered best id */
    uint8_t best_id[VIC_MAX_UNITS];
    uint32_t scan;                               /* next unit arbitrated in turn */
    uint32_t redo, redo_unit;                    /* a claim's context, arbitrated again */
    uint32_t rr;                                 /* the source scanned this cycle */
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

/* unit u's (guest u / ctxs's context u % ctxs, or the hypervisor's file at
 * guests * ctxs) best id from the current state (0: none); a claim returns
 * the registered one, which lags this by up to guests * ctxs + 1 cycles */
uint32_t vic_model_best(const struct vic_model *m, uint32_t u);

/* units of the model's parameters, and a unit's file */
static inline uint32_t vic_model_units(const struct vic_model *m) { return m->p.guests * m->p.ctxs + 1; }
static inline uint32_t vic_model_unit_file(const struct vic_model *m, uint32_t u) { return u / m->p.ctxs; }

/* true if addr is in one of the VIC's regions for these parameters */
int vic_model_decodes(const struct vic_params *p, uint32_t addr);

#endif
