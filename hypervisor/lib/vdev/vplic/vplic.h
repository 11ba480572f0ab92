/*
 * Virtual PLIC (sifive,plic-1.0.0 register layout) for a guest of up to
 * VPLIC_NHARTS vCPUs: sources 1..31 (id 0 means "none"), two contexts per
 * vCPU as on QEMU virt: context 2i = vCPU i's M-mode external (never
 * delivered: the guest runs in VS-mode), 2i+1 = its S-mode external. All
 * sources are level-triggered; the hypervisor reports device lines with
 * vplic_set_level and samples vplic_irq(p, VPLIC_CTX_S_OF(i)) to drive vCPU
 * i's external interrupt (VS-level SEIP), for every vCPU after a change.
 *
 * Gateway (PLIC spec): a source whose level is high and that has no claim in
 * progress becomes pending; the pending bit then stays set until claimed,
 * even if the level drops. The pending bit is shared by every context: when
 * several contexts enable a source, all of them see it (vplic_irq), the first
 * claim takes it (clears pending, in service) and a later claim by another
 * context returns 0 (or its next source). A completion is accepted from any
 * context that has the id enabled. Freestanding: no libc.
 */
#ifndef VPLIC_H
#define VPLIC_H

#include <stdbool.h>
#include <stdint.h>

#define VPLIC_NSRC   32 /* ids 1..31; id 0 reserved */
#define VPLIC_NHARTS 8  /* vCPUs 0..7 */
#define VPLIC_NCTX   (2 * VPLIC_NHARTS) /* 2i = vCPU i M-mode (never delivered), 2i+1 = S-mode */
#define VPLIC_CTX_M_OF(vcpu) (2u * (vcpu))
#define VPLIC_CTX_S_OF(vcpu) (2u * (vcpu) + 1u)

#define VPLIC_PRIO_MASK 7u /* 3 priority bits */

/* register layout */
#define VPLIC_PRIORITY_BASE   0x000000u /* + 4 * id */
#define VPLIC_PENDING_BASE    0x001000u
#define VPLIC_ENABLE_BASE     0x002000u /* + 0x80 * ctx */
#define VPLIC_ENABLE_STRIDE   0x80u
#define VPLIC_CONTEXT_BASE    0x200000u /* + 0x1000 * ctx */
#define VPLIC_CONTEXT_STRIDE  0x1000u
#define VPLIC_THRESHOLD       0x0u      /* within a context */
#define VPLIC_CLAIM           0x4u      /* within a context */
#define VPLIC_SIZE            0x4000000u /* the node's usual reg size */

struct vplic {
    uint8_t  priority[VPLIC_NSRC];
    uint32_t level;      /* line level per source, bit id */
    uint32_t pending;    /* bit id */
    uint32_t in_service; /* claimed and not yet completed, bit id */
    uint32_t enable[VPLIC_NCTX];
    uint32_t threshold[VPLIC_NCTX];
};

void vplic_init(struct vplic *p);
/* 32-bit guest accesses at byte offset off; 0, or -1 for a bad offset. */
int  vplic_read(struct vplic *p, uint32_t off, uint32_t *val);
int  vplic_write(struct vplic *p, uint32_t off, uint32_t val);
/* Level of source id (1..31); other ids are ignored. */
void vplic_set_level(struct vplic *p, uint32_t id, bool level);
/* External interrupt line of context ctx (false for ctx >= VPLIC_NCTX). */
bool vplic_irq(const struct vplic *p, uint32_t ctx);

#endif
