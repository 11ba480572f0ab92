/*
 * Virtual PLIC (sifive,plic-1.0.0 register layout) for one guest hart:
 * sources 1..31 (id 0 means "none"), two contexts (0 = M-mode external,
 * which the hypervisor never delivers, 1 = S-mode external). All sources are
 * level-triggered; the hypervisor reports device lines with vplic_set_level
 * and samples vplic_irq(p, 1) to drive the guest's external interrupt.
 *
 * Gateway (PLIC spec): a source whose level is high and that has no claim in
 * progress becomes pending; the pending bit then stays set until claimed,
 * even if the level drops. Freestanding: no libc.
 */
#ifndef VPLIC_H
#define VPLIC_H

#include <stdbool.h>
#include <stdint.h>

#define VPLIC_NSRC 32 /* ids 1..31; id 0 reserved */
#define VPLIC_NCTX 2  /* context 0 = M-mode external (never delivered), 1 = S-mode external */

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
/* External interrupt line of context ctx. */
bool vplic_irq(const struct vplic *p, uint32_t ctx);

#endif
