/* Virtual PLIC: see vplic.h. Rules per the RISC-V PLIC specification. */
#include "vplic/vplic.h"

/* bit 0 (id 0) is never a source */
#define SRC_MASK 0xfffffffeu

static uint32_t bit(uint32_t id) { return 1u << id; }

static bool valid_id(uint32_t id) { return id > 0 && id < VPLIC_NSRC; }

/* Highest-priority enabled pending source above the context's threshold,
 * lowest id on ties; 0 if none. Priority 0 never qualifies (threshold >= 0). */
static uint32_t best_source(const struct vplic *p, uint32_t ctx)
{
    uint32_t cand = p->pending & p->enable[ctx] & SRC_MASK;
    uint32_t best = 0, best_prio = p->threshold[ctx];
    for (uint32_t id = 1; id < VPLIC_NSRC; id++)
        if ((cand & bit(id)) && p->priority[id] > best_prio) {
            best = id;
            best_prio = p->priority[id];
        }
    return best;
}

/* The gateway forwards a high level unless a claim is in progress. */
static void gateway(struct vplic *p, uint32_t id)
{
    if ((p->level & bit(id)) && !(p->in_service & bit(id)))
        p->pending |= bit(id);
}

static uint32_t claim(struct vplic *p, uint32_t ctx)
{
    uint32_t id = best_source(p, ctx);
    if (id) {
        p->pending &= ~bit(id);
        p->in_service |= bit(id);
    }
    return id;
}

static void complete(struct vplic *p, uint32_t ctx, uint32_t id)
{
    /* the spec ignores completions for ids not enabled for this context;
     * Linux's plic_irq_eoi enables a masked id around its completion for this */
    if (!valid_id(id) || !(p->enable[ctx] & bit(id)) || !(p->in_service & bit(id)))
        return;
    p->in_service &= ~bit(id);
    gateway(p, id);
}

void vplic_init(struct vplic *p)
{
    uint8_t *raw = (uint8_t *)p; /* no memset in freestanding builds */
    for (uint32_t i = 0; i < sizeof(*p); i++)
        raw[i] = 0;
}

/* Which register off names; *index gets the id (priority) or the context. */
enum reg_kind { REG_BAD, REG_PRIORITY, REG_PENDING, REG_ENABLE, REG_THRESHOLD, REG_CLAIM };

static enum reg_kind decode(uint32_t off, uint32_t *index)
{
    if (off & 3)
        return REG_BAD;
    if (off < VPLIC_PRIORITY_BASE + 4 * VPLIC_NSRC) {
        *index = off / 4;
        return REG_PRIORITY;
    }
    if (off == VPLIC_PENDING_BASE)
        return REG_PENDING;
    if (off >= VPLIC_ENABLE_BASE && off < VPLIC_ENABLE_BASE + VPLIC_ENABLE_STRIDE * VPLIC_NCTX) {
        uint32_t rel = off - VPLIC_ENABLE_BASE;
        if (rel % VPLIC_ENABLE_STRIDE != 0) /* only the first word: 32 sources */
            return REG_BAD;
        *index = rel / VPLIC_ENABLE_STRIDE;
        return REG_ENABLE;
    }
    if (off >= VPLIC_CONTEXT_BASE && off < VPLIC_CONTEXT_BASE + VPLIC_CONTEXT_STRIDE * VPLIC_NCTX) {
        uint32_t rel = off - VPLIC_CONTEXT_BASE;
        *index = rel / VPLIC_CONTEXT_STRIDE;
        switch (rel % VPLIC_CONTEXT_STRIDE) {
        case VPLIC_THRESHOLD: return REG_THRESHOLD;
        case VPLIC_CLAIM:     return REG_CLAIM;
        default:              return REG_BAD;
        }
    }
    return REG_BAD;
}

int vplic_read(struct vplic *p, uint32_t off, uint32_t *val)
{
    uint32_t i = 0;
    switch (decode(off, &i)) {
    case REG_PRIORITY:  *val = p->priority[i]; return 0;
    case REG_PENDING:   *val = p->pending; return 0;
    case REG_ENABLE:    *val = p->enable[i]; return 0;
    case REG_THRESHOLD: *val = p->threshold[i]; return 0;
    case REG_CLAIM:     *val = claim(p, i); return 0;
    default:            return -1;
    }
}

int vplic_write(struct vplic *p, uint32_t off, uint32_t val)
{
    uint32_t i = 0;
    switch (decode(off, &i)) {
    case REG_PRIORITY:
        if (i != 0) /* id 0 has no priority register worth keeping */
            p->priority[i] = (uint8_t)(val & VPLIC_PRIO_MASK);
        return 0;
    case REG_PENDING:
        return 0; /* read-only */
    case REG_ENABLE:
        p->enable[i] = val & SRC_MASK;
        return 0;
    case REG_THRESHOLD:
        p->threshold[i] = val & VPLIC_PRIO_MASK;
        return 0;
    case REG_CLAIM:
        complete(p, i, val);
        return 0;
    default:
        return -1;
    }
}

void vplic_set_level(struct vplic *p, uint32_t id, bool level)
{
    if (!valid_id(id))
        return;
    if (level)
        p->level |= bit(id);
    else
        p->level &= ~bit(id);
    gateway(p, id);
}

bool vplic_irq(const struct vplic *p, uint32_t ctx)
{
    return ctx < VPLIC_NCTX && best_source(p, ctx) != 0;
}
