/*
 * One comparison: the model's answer against the hart's for one access.
 *
 * The model runs first, over the real memory but with its A/D writes kept
 * aside (so the hart still finds the PTEs as they were). Then the hart runs
 * the same access from empty TLBs, and the two are compared: the value read
 * or written at the model's HPA, or scause/stval/htval/hstatus.GVA; and the
 * A/D bits the hart left in each PTE of the model's walk against the ones
 * the model would have set.
 *
 * A known deviation (xc.h) is tolerated only in its exact form: either as a
 * rewrite of the expected answer (deviations 1, 2, 4, 6, 9, 10), or by
 * running the model again with the context QEMU effectively uses
 * (deviations 5, 7, 8), which must then agree in everything.
 */
#include "xc.h"
#include "xc_trap.h"
#include "console.h"

#define TAG "[xlate-qemu] "
#ifdef XC_DIAG
#define MAX_PRINTED_MISMATCHES 100000
#else
#define MAX_PRINTED_MISMATCHES 12
#endif

const char *const xc_dev_text[N_DEV] = {
    [DEV_IMPLICIT_AS_LOAD] =
        "dev1: a G-stage fault on an implicit VS-stage PTE access is reported as a load "
        "guest-page fault (21); spec: the guest-page fault of the original access type "
        "(store 23 / fetch 20)",
    [DEV_VS_FAULT_AS_ACCESS] =
        "dev2: a VS-stage fault of HLV/HLVX/HSV while HS satp is Bare is reported as an "
        "access fault (5 / 7); spec: a page fault (13 / 15)",
    [DEV_HTVAL_STALE] =
        "dev4: an access fault (5/7) reaches HS-mode with htval and hstatus.GVA as the "
        "previous trap taken directly in HS-mode left them (OpenSBI v1.1 does not delegate "
        "access faults and its redirect rewrites neither); spec: htval = 0, GVA = 1",
    [DEV_SUM_FORCED] =
        "dev5: HLV/HLVX/HSV with hstatus.SPVP=1 may access VS-stage U=1 pages whatever "
        "vsstatus.SUM is (QEMU uses SUM=1 for these); spec: vsstatus.SUM governs them "
        "like VS-mode accesses",
    [DEV_VS_AD_NO_G_WRITE] =
        "dev6: setting A/D in a VS-stage PTE is not a G-stage write: the G-stage leaf of "
        "the PTE's page gets no D bit; spec (Svadu): the G-stage pages of VS page tables "
        "are \"accessed or written by implicit accesses\"",
    [DEV_MXR_SWAPPED] =
        "dev7: for HLV/HLVX from HS-mode the VS-stage uses only sstatus.MXR and the G-stage "
        "only vsstatus.MXR; spec: VS-stage sstatus.MXR|vsstatus.MXR, G-stage sstatus.MXR "
        "(contexts with vsstatus.MXR=1, sstatus.MXR=0 are not generated: no model context "
        "reproduces QEMU there)",
    [DEV_HLVX_NEEDS_READ] =
        "dev8: HLVX.HU is a plain load: it needs read permission (R, or X with MXR) like "
        "HLV.HU; spec: \"execute permission takes the place of read permission\" in both stages",
    [DEV_GPA_MSB] =
        "dev10: a GPA with its top bit set (bit 40 Sv39x4, bit 49 Sv48x4, bit 58 Sv57x4) "
        "fails G-stage translation (a guest-page fault; on a VS-stage table: load GPF 21 on "
        "the PTE's GPA); spec: only GPA bits 63:41 (63:50, 63:59) must be zero",
    [DEV_G_PTE_BUS_ERROR] =
        "dev9: a G-stage PTE read from an address with no memory is reported as a guest-page "
        "fault (21/23); spec: an access fault (5/7)",
};

static const char *const op_name[N_OP] = { "hlv.d", "hsv.d", "hlvx.hu" };
static unsigned printed_mismatches;
/* htval and hstatus.GVA of the last trap QEMU delivered to HS-mode itself:
 * what an access fault redirected by OpenSBI finds there (dev4) */
static uint64_t last_direct_htval, last_direct_gva;

/* ---- the model's memory: real memory plus its own pending A/D writes ------ */

#define MM_LOG 64
struct model_mem {
    uint64_t addr[MM_LOG], val[MM_LOG];
    unsigned n;
    bool device;   /* the walk wanted memory that a real read must not touch */
};

static inline volatile uint64_t *mem64(uint64_t hpa)
{
    return (volatile uint64_t *)(uintptr_t)hpa;
}

static int mm_read(void *ctx, uint64_t hpa, uint64_t *val)
{
    struct model_mem *m = ctx;

    for (unsigned i = 0; i < m->n; i++) {
        if (m->addr[i] == hpa) {
            *val = m->val[i];
            return 0;
        }
    }
    if (hpa >= ARENA_BASE && hpa < RAM_END) {
        *val = *mem64(hpa);
        return 0;
    }
    if (!(hpa >= HOLE_BASE && hpa < HOLE_END))
        m->device = true;
    return -1;
}

static int mm_cas(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    struct model_mem *m = ctx;
    unsigned i;

    if (mm_read(ctx, hpa, old))
        return -1;
    if (*old != expect)
        return 0;
    for (i = 0; i < m->n && m->addr[i] != hpa; i++)
        ;
    if (i == MM_LOG)
        return -1;   /* cannot happen: a walk is far shorter */
    m->addr[i] = hpa;
    m->val[i] = desired;
    if (i == m->n)
        m->n++;
    return 0;
}

enum region { REG_SCRATCH, REG_POOL, REG_HOLE, REG_OTHER };

static enum region region_of(uint64_t hpa)
{
    if (hpa >= SCRATCH_BASE && hpa < RAM_END)
        return REG_SCRATCH;
    if (hpa >= POOL_BASE && hpa < POOL_END)
        return REG_POOL;
    if (hpa >= HOLE_BASE && hpa < HOLE_END)
        return REG_HOLE;
    return REG_OTHER;
}

/* ---- the model's prediction ----------------------------------------------- */

struct prediction {
    struct xlate_ctx ctx;
    struct xlate_result r;
    struct model_mem mm;
    uint64_t cause, tval, htval;   /* what the hart should report (cause 0: no trap) */
    uint64_t data_hpa;             /* the data word, ~0 when none */
    bool skip;                     /* the hart must not try this access */
};

static void predict(struct prediction *p, uint64_t gva, enum xc_op op)
{
    struct xlate_mem mem = { mm_read, mm_cas, &p->mm };
    enum xlate_access acc = op == OP_HSV_D ? XLATE_WRITE : XLATE_READ;
    struct xlate_result *r = &p->r;

    p->mm.n = 0;
    p->mm.device = false;
    xlate_translate(&p->ctx, &mem, gva, acc, r);
    p->cause = r->exc;
    p->tval = r->tval;
    p->htval = r->htval;
    p->data_hpa = ~0ull;
    p->skip = p->mm.device;
    if (r->exc != XLATE_EXC_NONE || p->skip)
        return;
    switch (region_of(r->hpa)) {
    case REG_SCRATCH:
        p->data_hpa = r->hpa;
        break;
    case REG_POOL:
        p->data_hpa = r->hpa;
        p->skip = op == OP_HSV_D;   /* a store would overwrite page tables */
        break;
    case REG_HOLE:
        /* translated, but nothing answers there: the access itself faults */
        p->cause = acc == XLATE_WRITE ? XLATE_EXC_STORE_ACCESS : XLATE_EXC_LOAD_ACCESS;
        p->tval = gva;
        p->htval = 0;
        break;
    default:
        p->skip = true;   /* device, firmware (PMP) or this payload */
        break;
    }
}

/* ---- the hart's answer ------------------------------------------------------ */

struct hart_outcome {
    uint64_t cause, tval, htval, htinst, hstatus, value;
};

static void run_on_hart(uint64_t gva, enum xc_op op, uint64_t store_value, struct hart_outcome *h)
{
    h->value = 0;
    xc_hfence_all();   /* from empty TLBs: the hart walks the tables now */
    switch (op) {
    case OP_HLV_D:   h->value = xc_probe_hlv_d(gva); break;
    case OP_HLVX_HU: h->value = xc_probe_hlvx_hu(gva); break;
    case OP_HSV_D:   xc_probe_hsv_d(gva, store_value); break;
    default: break;
    }
    h->cause = xc_trap.cause;
    h->tval = xc_trap.tval;
    h->htval = xc_trap.htval;
    h->htinst = xc_trap.htinst;
    h->hstatus = xc_trap.hstatus;
}

/* ---- comparison ------------------------------------------------------------- */

static bool is_access_fault(uint64_t cause)
{
    return cause == XLATE_EXC_LOAD_ACCESS || cause == XLATE_EXC_STORE_ACCESS;
}

static uint64_t gva_bit(const struct hart_outcome *h)
{
    return (h->hstatus >> 6) & 1;   /* hstatus.GVA */
}

/*
 * The A/D bits the hart left in each PTE of the model's walk must be those
 * the model would have set, for the steps before `cut` (the hart stopped
 * there, dev10); the PTEs first read at or after `cut` must be untouched.
 * The only tolerated difference (dev6): a G-stage leaf the model set D in
 * for a VS-stage A/D write, which QEMU leaves clean.
 */
static const char *compare_ad(const struct prediction *p, enum xc_op op, unsigned cut,
                              unsigned *devs, unsigned *writes)
{
    const struct xlate_result *r = &p->r;
    uint64_t skip = p->data_hpa & ~7ull;
    uint64_t last_g = 0;

    for (unsigned i = 0; i < r->n_steps; i++)
        if (r->steps[i].stage == XLATE_STAGE_G)
            last_g = r->steps[i].pte_addr;
    for (unsigned i = 0; i < r->n_steps + p->mm.n; i++) {
        bool step = i < r->n_steps;
        uint64_t a = step ? r->steps[i].pte_addr : p->mm.addr[i - r->n_steps];
        uint64_t want = step ? r->steps[i].pte : p->mm.val[i - r->n_steps];
        bool g_step = step && r->steps[i].stage == XLATE_STAGE_G;
        unsigned first = i;
        bool written = !step;
        uint64_t have;

        if (a == skip)
            continue;   /* the data word itself, which the probe wrote */
        for (unsigned j = 0; j < r->n_steps; j++) {
            if (r->steps[j].pte_addr == a) {
                first = j;
                break;
            }
        }
        if (first < i)
            continue;   /* checked at its first step */
        if (first < cut) {
            for (unsigned j = 0; j < p->mm.n; j++) {
                if (p->mm.addr[j] == a) {
                    want = p->mm.val[j];
                    written = true;
                }
            }
        }
        have = *mem64(a);
        if (have == want) {
            *writes += written;
            continue;
        }
        for (unsigned j = 0; j < r->n_steps && !g_step; j++)
            g_step = r->steps[j].pte_addr == a && r->steps[j].stage == XLATE_STAGE_G;
        if (g_step && want == (have | XLATE_PTE_D) && !(op == OP_HSV_D && a == last_g)) {
            *devs |= 1u << DEV_VS_AD_NO_G_WRITE;
            continue;
        }
        return "A/D bits in memory differ from the model's";
    }
    return 0;
}

/* What the hart should report: the model's answer, or QEMU's form of it. */
struct expect {
    uint64_t cause, tval, htval;
    bool implicit;
    unsigned cut;   /* the hart's walk stops before this step of the model's */
};

static unsigned g_levels_of(uint64_t hgatp)
{
    return xlate_hgatp_levels(hgatp);
}

/*
 * dev10: QEMU 7.2 checks a GPA like a sign-extended virtual address
 * (target/riscv/cpu_helper.c, get_physical_address(), the masked_msbs test
 * runs for the G-stage too; fixed upstream in 8.1 by "target/riscv: Fix
 * Guest Physical Address Translation"). So every GPA with its top bit set
 * (bit 40 for Sv39x4, 49 for Sv48x4, 58 for Sv57x4) fails G-stage
 * translation, though the spec makes only bits 63:41 (63:50, 63:59)
 * must-be-zero. Replays the model's
 * walk in QEMU's order: the first G-stage translation of such a GPA, a
 * VS-stage table (riscv_cpu_tlb_fill(): TRANSLATE_G_STAGE_FAIL, a load
 * guest-page fault on the PTE's GPA) or the final GPA (a guest-page fault of
 * the access type), is where the hart stops. False when QEMU never reaches one.
 */
static bool gpa_msb_fault(const struct prediction *p, uint64_t gva, enum xc_op op,
                          struct expect *e)
{
    const struct xlate_result *r = &p->r;
    unsigned g_bits = 12 + 9 * g_levels_of(p->ctx.hgatp) + 2;
    uint64_t msb = 1ull << (g_bits - 1);
    uint64_t table = (p->ctx.vsatp & ((1ull << 44) - 1)) << 12;   /* the VS root's GPA */
    uint64_t leaf = 0, gpa;
    unsigned prev_vs_end = 0;
    int leaf_level = -1;

    if ((p->ctx.vsatp >> 60) == XLATE_SATP_MODE_BARE)
        return false;
    for (unsigned i = 0; i < r->n_steps; i++) {
        const struct xlate_step *s = &r->steps[i];
        uint64_t idx;

        if (s->stage != XLATE_STAGE_VS)
            continue;
        idx = (gva >> (12 + 9 * s->level)) & 0x1ff;
        if ((table & msb) && table < (msb << 1)) {
            e->cause = XLATE_EXC_LOAD_GUEST_PAGE;   /* QEMU's access_type = MMU_DATA_LOAD */
            e->tval = gva;
            e->htval = (table + 8 * idx) >> 2;
            e->implicit = true;
            e->cut = prev_vs_end;
            return true;
        }
        prev_vs_end = i + 1;
        if (s->pte & (XLATE_PTE_R | XLATE_PTE_X)) {
            leaf = s->pte;
            leaf_level = s->level;
            break;
        }
        table = xlate_pte_ppn(s->pte) << 12;
    }
    /* the final GPA: only when the model's VS-stage walk succeeded */
    if (leaf_level < 0 || r->implicit || r->exc == XLATE_EXC_LOAD_PAGE ||
        r->exc == XLATE_EXC_STORE_PAGE)
        return false;
    gpa = ((xlate_pte_ppn(leaf) << 12) & ~(xlate_level_size(leaf_level) - 1)) |
          (gva & (xlate_level_size(leaf_level) - 1));
    if (!(gpa & msb) || gpa >= (msb << 1))
        return false;
    e->cause = op == OP_HSV_D ? XLATE_EXC_STORE_GUEST_PAGE : XLATE_EXC_LOAD_GUEST_PAGE;
    e->tval = gva;
    e->htval = gpa >> 2;
    e->implicit = false;
    e->cut = prev_vs_end;
    return true;
}

/* NULL when the hart's outcome is the prediction (up to the named deviations). */
static const char *compare(const struct prediction *p, uint64_t gva, enum xc_op op,
                           const struct hart_outcome *h, uint64_t marker, unsigned *devs,
                           unsigned *writes)
{
    struct expect e = { p->cause, p->tval, p->htval, p->r.implicit, p->r.n_steps };

    *devs = 0;
    *writes = 0;
    if (gpa_msb_fault(p, gva, op, &e) &&
        (e.cause != p->cause || e.htval != p->htval || e.implicit != p->r.implicit))
        *devs |= 1u << DEV_GPA_MSB;   /* counted only where it changes the answer */
    if (h->cause == 0 && e.cause == 0) {
        uint64_t want = op == OP_HLV_D ? *mem64(p->data_hpa)
                      : op == OP_HLVX_HU ? *(volatile uint16_t *)(uintptr_t)p->data_hpa
                      : marker;
        uint64_t have = op == OP_HSV_D ? *mem64(p->data_hpa) : h->value;
        if (have != want)
            return "value differs (not the model's HPA)";
        return compare_ad(p, op, e.cut, devs, writes);
    }
    if (h->cause != e.cause) {
        if (e.implicit && h->cause == XLATE_EXC_LOAD_GUEST_PAGE &&
            (e.cause == XLATE_EXC_STORE_GUEST_PAGE || e.cause == XLATE_EXC_INST_GUEST_PAGE))
            *devs |= 1u << DEV_IMPLICIT_AS_LOAD;
        else if ((e.cause == XLATE_EXC_LOAD_PAGE && h->cause == XLATE_EXC_LOAD_ACCESS) ||
                 (e.cause == XLATE_EXC_STORE_PAGE && h->cause == XLATE_EXC_STORE_ACCESS))
            *devs |= 1u << DEV_VS_FAULT_AS_ACCESS;
        else
            return h->cause == 0 ? "the hart translated, the model faults"
                 : e.cause == 0 ? "the model translated, the hart faults" : "different exception";
    }
    if (h->tval != e.tval)
        return "stval differs";
    if (is_access_fault(h->cause)) {
        /* redirected by the firmware: both exactly as the last direct trap left them */
        if (h->htval != last_direct_htval || gva_bit(h) != last_direct_gva)
            return "htval/hstatus.GVA not the previous trap's (access fault, dev4)";
        if (h->htval != e.htval || !gva_bit(h))
            *devs |= 1u << DEV_HTVAL_STALE;
        return compare_ad(p, op, e.cut, devs, writes);
    }
    if (h->htval != e.htval)
        return "htval differs";
    if (!gva_bit(h))
        return "hstatus.GVA clear (stval holds a guest virtual address)";
    return compare_ad(p, op, e.cut, devs, writes);
}

static void print_mismatch(const struct prediction *p, const char *pair, uint64_t gva,
                           enum xc_op op, const char *why, const struct hart_outcome *h)
{
    const struct xlate_result *r = &p->r;
    const struct xlate_ctx *c = &p->ctx;

#ifdef XC_DIAG
    {
        uint64_t vs = 0, gl = 0;
        for (unsigned i = 0; i < r->n_steps; i++) {
            if (r->steps[i].stage == XLATE_STAGE_VS) vs = (r->steps[i].pte & 0x3ff) | (uint64_t)r->steps[i].level << 12;
            else gl = (r->steps[i].pte & 0x3ff) | (uint64_t)r->steps[i].level << 12;
        }
        hv_printf("DIAG gva=%lx gvabit=%lu htinst=%lx op=%s why=%s mexc=%lu qexc=%lu impl=%d U=%d sum=%d vmxr=%d mxr=%d vsleaf=%lx gleaf=%lx last=%d qhtval=%lx mhtval=%lx\n",
                  gva, (h->hstatus >> 6) & 1, h->htinst, op_name[op], why, p->cause, h->cause, r->implicit, c->user, c->sum, c->vmxr, c->mxr, vs, gl,
                  r->steps[r->n_steps ? r->n_steps - 1 : 0].stage, h->htval, r->htval);
    }
#endif
    if (printed_mismatches++ >= MAX_PRINTED_MISMATCHES)
        return;
    hv_printf(TAG "MISMATCH %s %s gva=0x%lx: %s\n", pair, op_name[op], gva, why);
    hv_printf(TAG "  context: vsatp=0x%lx hgatp=0x%lx SPVP=%d vsstatus.SUM=%d vsstatus.MXR=%d "
              "sstatus.MXR=%d\n", c->vsatp, c->hgatp, !c->user, c->sum, c->vmxr, c->mxr);
    hv_printf(TAG "  model: exc=%u (the hart should report %lu) hpa=0x%lx gpa=0x%lx tval=0x%lx "
              "htval=0x%lx implicit=%d\n", r->exc, p->cause, r->hpa, r->gpa, r->tval, r->htval,
              r->implicit);
    for (unsigned i = 0; i < r->n_steps; i++)
        hv_printf(TAG "    step %u: %s level %d pte@0x%lx = 0x%lx (now 0x%lx)\n", i,
                  r->steps[i].stage == XLATE_STAGE_VS ? "VS" : "G ", r->steps[i].level,
                  r->steps[i].pte_addr, r->steps[i].pte, *mem64(r->steps[i].pte_addr));
    for (unsigned j = 0; j < p->mm.n; j++)
        hv_printf(TAG "    model A/D write: 0x%lx <- 0x%lx\n", p->mm.addr[j], p->mm.val[j]);
    hv_printf(TAG "  qemu: scause=%lu stval=0x%lx htval=0x%lx htinst=0x%lx hstatus.GVA=%lu "
              "value=0x%lx\n", h->cause, h->tval, h->htval, h->htinst, (h->hstatus >> 6) & 1,
              h->value);
}

/*
 * The model's answers for the spec's context and for the contexts QEMU 7.2
 * effectively uses (every subset of the rewrites below that changes
 * something, fewest rewrites first): the first one that agrees names the
 * deviations needed.
 */
enum rewrite { RW_SUM, RW_MXR, RW_HLVX, N_RW };
static const uint8_t rw_dev[N_RW] = { DEV_SUM_FORCED, DEV_MXR_SWAPPED, DEV_HLVX_NEEDS_READ };
#define N_PRED (1u << N_RW)
static struct prediction pred[N_PRED];
static unsigned pred_rw[N_PRED];

static bool rewrite_ctx(struct xlate_ctx *c, unsigned rw, enum xc_op op)
{
    bool changed = false;

    if (rw & (1u << RW_SUM)) {          /* dev5: QEMU's sum = mstatus.SUM || use_background */
        changed |= !c->user && !c->sum;
        c->sum = true;
    }
    if (rw & (1u << RW_MXR)) {          /* dev7: VS-stage sstatus.MXR, G-stage vsstatus.MXR */
        bool s = c->mxr, v = c->vmxr;
        changed |= s != v;
        c->mxr = v;
        c->vmxr = s;
    }
    if (rw & (1u << RW_HLVX)) {         /* dev8: an HLVX is an ordinary load */
        changed |= op == OP_HLVX_HU;
        c->hlvx = false;
    }
    return changed;
}

static unsigned popcount3(unsigned x)
{
    return (x & 1) + ((x >> 1) & 1) + ((x >> 2) & 1);
}

/* dev9: the model's access fault came from reading a G-stage table that its
 * last G-stage pointer placed where no memory is; QEMU reports that as a
 * guest-page fault of the (dev1-adjusted) access type. */
static bool g_pte_bus_error(const struct prediction *p, const struct hart_outcome *h)
{
    const struct xlate_result *r = &p->r;
    const struct xlate_step *s = r->n_steps ? &r->steps[r->n_steps - 1] : 0;
    uint64_t table = s ? xlate_pte_ppn(s->pte) << 12 : 0;

    if ((p->cause != XLATE_EXC_LOAD_ACCESS && p->cause != XLATE_EXC_STORE_ACCESS) ||
        p->r.exc != p->cause || !s || s->stage != XLATE_STAGE_G ||
        (s->pte & (XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X)) || region_of(table) != REG_HOLE)
        return false;
    return h->cause == XLATE_EXC_LOAD_GUEST_PAGE ||
           (h->cause == XLATE_EXC_STORE_GUEST_PAGE && p->cause == XLATE_EXC_STORE_ACCESS);
}

void xc_check(const struct xlate_ctx *ctx, struct rng *rng, const char *pair, uint64_t gva,
              enum xc_op op, struct xc_counts *cnt)
{
    uint64_t marker = rng_next(rng);
    struct hart_outcome h;
    const char *why = 0;
    unsigned devs = 0, n_pred = 0;
    struct xlate_ctx base = *ctx;

    base.hlvx = op == OP_HLVX_HU;   /* set before the rewrites: dev8 clears it */
    for (unsigned n = 0; n <= N_RW; n++) {
        for (unsigned rw = 0; rw < N_PRED; rw++) {
            struct xlate_ctx c = base;
            bool useful = true;

            if (popcount3(rw) != n)
                continue;
            for (unsigned b = 0; b < N_RW; b++) {
                struct xlate_ctx one = base;
                if ((rw & (1u << b)) && !rewrite_ctx(&one, 1u << b, op))
                    useful = false;   /* that rewrite changes nothing here */
            }
            rewrite_ctx(&c, rw, op);
            if (!useful)
                continue;
            pred[n_pred].ctx = c;
            pred_rw[n_pred] = rw;
            predict(&pred[n_pred], gva, op);
            if (pred[n_pred].skip) {
                cnt->skipped++;
                return;
            }
            n_pred++;
        }
    }
    /* a fresh value at each predicted data word proves which HPA the hart used */
    for (unsigned i = 0; i < n_pred && op != OP_HSV_D; i++)
        if (pred[i].cause == 0 && region_of(pred[i].data_hpa) == REG_SCRATCH)
            *mem64(pred[i].data_hpa) = rng_next(rng);

    run_on_hart(gva, op, marker, &h);
    cnt->checks++;

    for (unsigned i = 0; i < n_pred; i++) {
        unsigned writes;
        const char *w = compare(&pred[i], gva, op, &h, marker, &devs, &writes);
        if (w && g_pte_bus_error(&pred[i], &h) && h.tval == pred[i].tval) {
            w = 0;
            devs = 1u << DEV_G_PTE_BUS_ERROR;
        }
        if (!w) {
            for (unsigned b = 0; b < N_RW; b++)
                if (pred_rw[i] & (1u << b))
                    devs |= 1u << rw_dev[b];
            cnt->ad_writes += writes;
            why = 0;
            break;
        }
#ifdef XC_DIAG
        hv_printf("DIAGP rw=%u exc=%lu why=%s\n", pred_rw[i], pred[i].cause, w);
#endif
        if (i == 0)
            why = w;   /* report against the spec's answer */
    }
    if (h.cause && !is_access_fault(h.cause)) {
        last_direct_htval = h.htval;
        last_direct_gva = gva_bit(&h);
    }
    if (why) {
        cnt->mismatches++;
        print_mismatch(&pred[0], pair, gva, op, why, &h);
        return;
    }
    for (unsigned d = 0; d < N_DEV; d++)
        if (devs & (1u << d))
            cnt->dev[d]++;
    cnt->with_dev += devs != 0;
    if (devs & ~(1u << DEV_HTVAL_STALE))
        return;   /* counted as a deviation */
    if (h.cause == 0)
        cnt->ok++;
    else
        cnt->exc[h.cause < 24 ? h.cause : 0]++;
}
