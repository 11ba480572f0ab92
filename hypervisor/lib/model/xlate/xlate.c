/*
 * The two-stage page-table walk (privileged spec: "Virtual Address
 * Translation Process" run once per stage, and "Two-Stage Address
 * Translation" for how the stages nest). See xlate.h for the choices made.
 */
#include "xlate/xlate.h"

#define PAGE_SHIFT 12
#define PTE_PERM_BITS (XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U)

enum walk_status {
    WALK_OK,
    WALK_PAGE_FAULT,    /* VS-stage fault */
    WALK_GUEST_FAULT,   /* G-stage fault; walk.fault_gpa says where */
    WALK_ACCESS_FAULT,  /* the memory hook refused a PTE access, or walk bound hit */
    WALK_RETRY,         /* A/D compare-and-swap lost a race: walk the stage again */
};

/* What one stage must allow. */
struct perm_req {
    enum xlate_access acc;
    bool user, sum, mxr, hlvx;
};

/* The shape of one stage's page table. */
struct pt_format {
    unsigned levels;
    unsigned addr_bits;   /* VA bits (VS) or GPA bits (G) */
    unsigned top_extra;   /* extra index bits of the root table (2 for the x4 modes) */
    uint64_t root;
};

struct leaf {
    uint64_t pa;
    uint64_t size;        /* 0: Bare stage, no limit */
    uint8_t perm;
};

struct walk {
    const struct xlate_ctx *c;
    const struct xlate_mem *m;
    struct xlate_result *r;
    uint64_t fault_gpa;
    bool implicit;
};

static enum walk_status stage_walk(struct walk *w, int stage, uint64_t addr,
                                   const struct perm_req *q, struct leaf *out);

static bool stage_format(const struct xlate_ctx *c, int stage, struct pt_format *f)
{
    uint64_t csr = stage == XLATE_STAGE_VS ? c->vsatp : c->hgatp;
    uint64_t ppn = csr & ((1ull << 44) - 1);

    f->levels = stage == XLATE_STAGE_VS ? xlate_satp_levels(csr) : xlate_hgatp_levels(csr);
    if (f->levels == 0)
        return false;
    if (stage == XLATE_STAGE_VS) {
        f->addr_bits = PAGE_SHIFT + 9 * f->levels;
        f->top_extra = 0;
        f->root = ppn << PAGE_SHIFT;
    } else {
        /* The x4 root table is 16 KiB: 2 more GPA bits, 16 KiB aligned. */
        f->addr_bits = PAGE_SHIFT + 9 * f->levels + 2;
        f->top_extra = 2;
        f->root = (ppn & ~3ull) << PAGE_SHIFT;
    }
    return true;
}

/* VS: a VA must be sign-extended from its top bit. G: a GPA must fit. */
static bool addr_in_range(int stage, const struct pt_format *f, uint64_t addr)
{
    unsigned unused = 64 - f->addr_bits;

    if (stage == XLATE_STAGE_G)
        return (addr >> f->addr_bits) == 0;
    return (uint64_t)((int64_t)(addr << unused) >> unused) == addr;
}

static enum walk_status stage_fault(struct walk *w, int stage, uint64_t addr)
{
    if (stage == XLATE_STAGE_VS)
        return WALK_PAGE_FAULT;
    w->fault_gpa = addr;
    return WALK_GUEST_FAULT;
}

static void record_step(struct walk *w, int stage, int level, uint64_t hpa, uint64_t pte)
{
    struct xlate_result *r = w->r;

    if (r->n_steps < XLATE_MAX_STEPS) {
        struct xlate_step *s = &r->steps[r->n_steps++];
        s->stage = (uint8_t)stage;
        s->level = (int8_t)level;
        s->pte_addr = hpa;
        s->pte = pte;
    }
    r->pte_reads++;
}

static void g_req(const struct xlate_ctx *c, enum xlate_access acc, bool hlvx,
                  struct perm_req *q)
{
    q->acc = acc;
    q->user = true;     /* every G-stage access is a U-mode access */
    q->sum = false;
    q->mxr = c->mxr;    /* only sstatus.MXR reaches the G-stage */
    q->hlvx = hlvx;
}

/*
 * The HPA of a PTE. VS-stage PTEs sit at GPAs: the access goes through the
 * G-stage (a read for the walk, a write for an A/D update), and a fault
 * there is a guest-page fault on an implicit access.
 */
static enum walk_status pte_hpa(struct walk *w, int stage, uint64_t pte_addr,
                                enum xlate_access acc, uint64_t *hpa)
{
    struct perm_req q;
    struct leaf l;
    enum walk_status st;

    if (stage == XLATE_STAGE_G) {
        *hpa = pte_addr;
        return WALK_OK;
    }
    g_req(w->c, acc, false, &q);
    st = stage_walk(w, XLATE_STAGE_G, pte_addr, &q, &l);
    if (st == WALK_GUEST_FAULT)
        w->implicit = true;
    *hpa = l.pa;
    return st;
}

static bool perm_ok(uint64_t pte, const struct perm_req *q)
{
    if (pte & XLATE_PTE_U) {
        /* S-mode on a U page: data only with SUM, never execute */
        if (!q->user && (q->acc == XLATE_EXEC || !q->sum))
            return false;
    } else if (q->user) {
        return false;
    }
    switch (q->acc) {
    case XLATE_READ:
        if (q->hlvx)
            return pte & XLATE_PTE_X;
        return (pte & XLATE_PTE_R) || (q->mxr && (pte & XLATE_PTE_X));
    case XLATE_WRITE:
        return pte & XLATE_PTE_W;
    case XLATE_EXEC:
        return pte & XLATE_PTE_X;
    }
    return false;
}

static enum walk_status leaf_pte(struct walk *w, int stage, uint64_t addr, int level,
                                 uint64_t pte_addr, uint64_t pte,
                                 const struct perm_req *q, struct leaf *out)
{
    uint64_t ppn = xlate_pte_ppn(pte);
    uint64_t size = xlate_level_size(level);
    bool write = q->acc == XLATE_WRITE;

    if (!perm_ok(pte, q))
        return stage_fault(w, stage, addr);
    if (level > 0 && (ppn & ((1ull << (9 * level)) - 1)))
        return stage_fault(w, stage, addr);   /* misaligned superpage */

    if (!(pte & XLATE_PTE_A) || (write && !(pte & XLATE_PTE_D))) {
        uint64_t want = pte | XLATE_PTE_A | (write ? XLATE_PTE_D : 0);
        uint64_t cas_hpa, old;
        enum walk_status st;

        if (w->c->ad_mode == XLATE_AD_FAULT)
            return stage_fault(w, stage, addr);
        st = pte_hpa(w, stage, pte_addr, XLATE_WRITE, &cas_hpa);
        if (st != WALK_OK)
            return st;
        if (w->m->cas64(w->m->ctx, cas_hpa, pte, want, &old))
            return WALK_ACCESS_FAULT;
        if (old != pte)
            return WALK_RETRY;
        pte = want;
    }

    out->pa = ((ppn << PAGE_SHIFT) & ~(size - 1)) | (addr & (size - 1));
    out->size = size;
    out->perm = (uint8_t)(pte & PTE_PERM_BITS);
    return WALK_OK;
}

/* One walk of one stage, from the root down to a leaf or a fault. */
static enum walk_status walk_once(struct walk *w, int stage, const struct pt_format *f,
                                  uint64_t addr, const struct perm_req *q, struct leaf *out)
{
    uint64_t table = f->root;

    for (int level = (int)f->levels - 1; level >= 0; level--) {
        unsigned idx_bits = 9 + (level == (int)f->levels - 1 ? f->top_extra : 0);
        uint64_t idx = (addr >> (PAGE_SHIFT + 9 * level)) & ((1ull << idx_bits) - 1);
        uint64_t pte_addr = table + idx * 8;
        uint64_t hpa, pte;
        enum walk_status st;

        st = pte_hpa(w, stage, pte_addr, XLATE_READ, &hpa);
        if (st != WALK_OK)
            return st;
        if (w->m->read64(w->m->ctx, hpa, &pte))
            return WALK_ACCESS_FAULT;
        record_step(w, stage, level, hpa, pte);

        if (!(pte & XLATE_PTE_V) || (pte & XLATE_PTE_RESERVED) ||
            ((pte & XLATE_PTE_W) && !(pte & XLATE_PTE_R)))
            return stage_fault(w, stage, addr);
        if (pte & (XLATE_PTE_R | XLATE_PTE_X))
            return leaf_pte(w, stage, addr, level, pte_addr, pte, q, out);
        /* pointer to the next level: A/D/U are reserved there */
        if (pte & (XLATE_PTE_A | XLATE_PTE_D | XLATE_PTE_U))
            return stage_fault(w, stage, addr);
        table = xlate_pte_ppn(pte) << PAGE_SHIFT;
    }
    return stage_fault(w, stage, addr);   /* a pointer at level 0: no level left */
}

static enum walk_status stage_walk(struct walk *w, int stage, uint64_t addr,
                                   const struct perm_req *q, struct leaf *out)
{
    struct pt_format f;

    if (!stage_format(w->c, stage, &f)) {
        out->pa = addr;
        out->size = 0;
        out->perm = (uint8_t)PTE_PERM_BITS;
        return WALK_OK;
    }
    if (!addr_in_range(stage, &f, addr))
        return stage_fault(w, stage, addr);
    for (unsigned n = 0; n < XLATE_MAX_WALKS; n++) {
        enum walk_status st = walk_once(w, stage, &f, addr, q, out);
        if (st != WALK_RETRY)
            return st;
    }
    return WALK_ACCESS_FAULT;   /* the walk bound: the PTE kept changing */
}

static uint32_t exc_code(enum walk_status st, enum xlate_access acc)
{
    static const uint32_t code[3][3] = {
        /*                 READ                        WRITE                        EXEC */
        [0] = { XLATE_EXC_LOAD_PAGE,       XLATE_EXC_STORE_PAGE,       XLATE_EXC_INST_PAGE },
        [1] = { XLATE_EXC_LOAD_GUEST_PAGE, XLATE_EXC_STORE_GUEST_PAGE, XLATE_EXC_INST_GUEST_PAGE },
        [2] = { XLATE_EXC_LOAD_ACCESS,     XLATE_EXC_STORE_ACCESS,     XLATE_EXC_INST_ACCESS },
    };
    unsigned kind = st == WALK_PAGE_FAULT ? 0 : st == WALK_GUEST_FAULT ? 1 : 2;

    return code[kind][acc];
}

static void set_fault(struct walk *w, enum walk_status st, enum xlate_access acc, uint64_t addr)
{
    struct xlate_result *r = w->r;

    r->exc = exc_code(st, acc);
    r->tval = addr;
    if (st == WALK_GUEST_FAULT) {
        r->gpa = w->fault_gpa;
        r->htval = w->fault_gpa >> 2;
        r->implicit = w->implicit;
    }
}

void xlate_translate(const struct xlate_ctx *c, const struct xlate_mem *m, uint64_t addr,
                     enum xlate_access acc, struct xlate_result *r)
{
    struct walk w = { .c = c, .m = m, .r = r, .fault_gpa = 0, .implicit = false };
    struct leaf vs = { .pa = addr, .size = 0, .perm = (uint8_t)PTE_PERM_BITS };
    struct leaf g;
    struct perm_req q;
    enum walk_status st;

    /* no memset in the freestanding build: clear field by field */
    r->exc = XLATE_EXC_NONE;
    r->hpa = r->gpa = r->tval = r->htval = 0;
    r->implicit = false;
    r->vs_perm = r->g_perm = 0;
    r->page_size = 0;
    r->pte_reads = r->n_steps = 0;

    if (c->virt) {
        q.acc = acc;
        q.user = c->user;
        q.sum = c->sum;
        q.mxr = c->mxr || c->vmxr;
        q.hlvx = c->hlvx;
        st = stage_walk(&w, XLATE_STAGE_VS, addr, &q, &vs);
        if (st != WALK_OK) {
            set_fault(&w, st, acc, addr);
            return;
        }
    }
    g_req(c, acc, c->hlvx, &q);
    st = stage_walk(&w, XLATE_STAGE_G, vs.pa, &q, &g);
    if (st != WALK_OK) {
        set_fault(&w, st, acc, addr);
        return;
    }

    r->hpa = g.pa;
    r->gpa = vs.pa;
    r->vs_perm = vs.perm;
    r->g_perm = g.perm;
    if (vs.size && g.size)
        r->page_size = vs.size < g.size ? vs.size : g.size;
    else if (vs.size || g.size)
        r->page_size = vs.size | g.size;
    else
        r->page_size = xlate_level_size(0);
}
