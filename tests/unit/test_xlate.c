/*
 * Host tests of the two-stage translation golden model (hypervisor/lib/model/xlate).
 *
 * A small host memory holds both stages' page tables. VS-stage tables sit at
 * fixed GPAs (VS_T0, VS_T1, ... in the order they are created), each G-mapped
 * to a host page, so the expected htval of a fault on an implicit PTE access
 * can be written by hand. Each directed case names the rule (and spec
 * section) it checks; expected values come from reading the spec, not from
 * running the model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlate/xlate.h"

#define PAGE     0x1000ull
#define HBASE    0x80000000ull          /* host memory: HBASE .. HBASE + NPAGES pages */
#define NPAGES   256
#define HOLE_HPA 0x10000000ull          /* no memory here: reads are access faults */

#define V XLATE_PTE_V
#define R XLATE_PTE_R
#define W XLATE_PTE_W
#define X XLATE_PTE_X
#define U XLATE_PTE_U
#define A XLATE_PTE_A
#define D XLATE_PTE_D
#define RSW0 (1ull << 8)

#define VS_LEAF (V | R | W | X | A | D)          /* supervisor page */
#define G_LEAF  (V | R | W | X | U | A | D)      /* G-stage leaves need U */

/* Fixed addresses of the standard world */
#define GVA_A    0x0000001234567abcull  /* Sv39, positive half */
#define GVA_48   0x00007f1234567abcull  /* Sv48, uses VPN[3] */
#define GPA_A    0x0000000246813000ull  /* data page GPA */
#define HPA_A    0x00000009abcde000ull  /* data page HPA (data is never read) */
#define VS_PT_GPA 0x100000000ull        /* VS-stage tables: VS_PT_GPA + n * PAGE */
#define VS_T0 (VS_PT_GPA + 0 * PAGE)    /* root */
#define VS_T1 (VS_PT_GPA + 1 * PAGE)
#define VS_T2 (VS_PT_GPA + 2 * PAGE)
#define VS_T3 (VS_PT_GPA + 3 * PAGE)
#define VS_T4 (VS_PT_GPA + 4 * PAGE)
#define OFF(a) ((a) & 0xfffull)
#define VPN(va, l) (((va) >> (12 + 9 * (l))) & 0x1ffull)

enum { VS = XLATE_STAGE_VS, G = XLATE_STAGE_G };

/* ---- host memory --------------------------------------------------------- */

static struct {
    uint64_t page[NPAGES][512];
    unsigned next;
    unsigned cas_interfere;    /* the next N CAS calls see a racing store */
    unsigned cas_calls;
    bool cas_refuse;           /* the CAS target refuses writes (e.g. read-only PMA) */
} tm;

static bool in_mem(uint64_t hpa)
{
    return hpa >= HBASE && hpa < HBASE + NPAGES * PAGE && (hpa & 7) == 0;
}

static uint64_t *host_ptr(uint64_t hpa)
{
    assert_true(in_mem(hpa));
    return &tm.page[(hpa - HBASE) / PAGE][(hpa & 0xfff) / 8];
}

static uint64_t host_alloc(unsigned n)
{
    uint64_t hpa = HBASE + tm.next * PAGE;

    assert_true(tm.next + n <= NPAGES);
    memset(tm.page[tm.next], 0, n * PAGE);
    tm.next += n;
    return hpa;
}

static int t_read64(void *ctx, uint64_t hpa, uint64_t *val)
{
    (void)ctx;
    if (!in_mem(hpa))
        return -1;
    *val = *host_ptr(hpa);
    return 0;
}

static int t_cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    uint64_t *p;

    (void)ctx;
    if (!in_mem(hpa))
        return -1;
    if (tm.cas_refuse)
        return -1;
    p = host_ptr(hpa);
    tm.cas_calls++;
    if (tm.cas_interfere) {     /* another hart flips a software bit first */
        tm.cas_interfere--;
        *p ^= RSW0;
    }
    *old = *p;
    if (*p == expect)
        *p = desired;
    return 0;
}

static const struct xlate_mem mem = { .read64 = t_read64, .cas64 = t_cas64, .ctx = NULL };

/* ---- page-table builder -------------------------------------------------- */

static struct world {
    struct xlate_ctx c;
    unsigned vs_levels, g_levels;
    uint64_t g_root;     /* HPA */
    uint64_t vs_root;    /* GPA */
    unsigned n_vs;
    uint64_t vs_gpa[16], vs_hpa[16];
} the_world;

static uint64_t *pte_at(struct world *w, int stage, uint64_t va, int level, uint64_t *addr);

static void g_map(struct world *w, uint64_t gpa, uint64_t hpa, int level, uint64_t flags)
{
    *pte_at(w, G, gpa, level, NULL) = xlate_make_pte(hpa >> 12, flags);
}

static void vs_map(struct world *w, uint64_t gva, uint64_t gpa, int level, uint64_t flags)
{
    *pte_at(w, VS, gva, level, NULL) = xlate_make_pte(gpa >> 12, flags);
}

/* A VS-stage table page: a host page, at the next fixed GPA, G-mapped. */
static uint64_t vs_alloc_table(struct world *w)
{
    uint64_t hpa = host_alloc(1);
    uint64_t gpa = w->g_levels ? VS_PT_GPA + w->n_vs * PAGE : hpa;

    assert_true(w->n_vs < 16);
    w->vs_gpa[w->n_vs] = gpa;
    w->vs_hpa[w->n_vs] = hpa;
    w->n_vs++;
    if (w->g_levels)
        g_map(w, gpa, hpa, 0, G_LEAF);
    return gpa;
}

static uint64_t vs_table_hpa(const struct world *w, uint64_t gpa)
{
    for (unsigned i = 0; i < w->n_vs; i++)
        if (w->vs_gpa[i] == (gpa & ~(PAGE - 1)))
            return w->vs_hpa[i] | (gpa & (PAGE - 1));
    fail_msg("no VS table at GPA %#llx", (unsigned long long)gpa);
    return 0;
}

/*
 * The PTE that maps `va` at `level` in one stage, creating pointer tables
 * above it. *addr gets the PTE's address in that stage's space (GPA for VS).
 */
static uint64_t *pte_at(struct world *w, int stage, uint64_t va, int level, uint64_t *addr)
{
    unsigned levels = stage == G ? w->g_levels : w->vs_levels;
    uint64_t table = stage == G ? w->g_root : w->vs_root;

    assert_true(level < (int)levels);
    for (int l = (int)levels - 1;; l--) {
        unsigned bits = 9 + (stage == G && l == (int)levels - 1 ? 2 : 0);
        uint64_t pte_a = table + ((va >> (12 + 9 * l)) & ((1ull << bits) - 1)) * 8;
        uint64_t *p = host_ptr(stage == G ? pte_a : vs_table_hpa(w, pte_a));

        if (l == level) {
            if (addr)
                *addr = pte_a;
            return p;
        }
        if (*p == 0) {
            uint64_t t = stage == G ? host_alloc(1) : vs_alloc_table(w);
            p = host_ptr(stage == G ? pte_a : vs_table_hpa(w, pte_a));
            *p = xlate_make_pte(t >> 12, V);
        }
        assert_true((*p & (R | W | X)) == 0);   /* builder never walks through a leaf */
        table = xlate_pte_ppn(*p) << 12;
    }
}

static void world_init(struct world *w, unsigned vs_mode, unsigned g_mode)
{
    tm.next = 0;
    tm.cas_interfere = 0;
    tm.cas_calls = 0;
    tm.cas_refuse = false;
    memset(w, 0, sizeof(*w));
    w->c.virt = true;
    w->c.ad_mode = XLATE_AD_FAULT;
    w->g_levels = xlate_hgatp_levels(xlate_make_hgatp(g_mode, 0, 0));
    w->vs_levels = xlate_satp_levels(xlate_make_satp(vs_mode, 0, 0));
    if (w->g_levels) {
        w->g_root = host_alloc(4);    /* 16 KiB, first in memory: 16 KiB aligned */
        w->c.hgatp = xlate_make_hgatp(g_mode, 5, w->g_root >> 12);
    }
    if (w->vs_levels) {
        w->vs_root = vs_alloc_table(w);
        w->c.vsatp = xlate_make_satp(vs_mode, 7, w->vs_root >> 12);
    }
}

/* VS 4K page gva -> GPA_A (S, RWX), G 4K page GPA_A -> HPA_A. */
static void std_world(struct world *w, unsigned vs_mode, unsigned g_mode, uint64_t gva)
{
    world_init(w, vs_mode, g_mode);
    if (w->vs_levels)
        vs_map(w, gva, GPA_A, 0, VS_LEAF);
    if (w->g_levels)
        g_map(w, GPA_A, HPA_A, 0, G_LEAF);
}

static void std39(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4, GVA_A);
}

static uint64_t *vs_leaf(struct world *w)  { return pte_at(w, VS, GVA_A, 0, NULL); }
static uint64_t *g_leaf(struct world *w)   { return pte_at(w, G, GPA_A, 0, NULL); }

static void print_result(const struct xlate_result *r)
{
    fprintf(stderr, "  exc=%u hpa=%#llx gpa=%#llx tval=%#llx htval=%#llx implicit=%d "
            "page_size=%#llx pte_reads=%u\n", r->exc, (unsigned long long)r->hpa,
            (unsigned long long)r->gpa, (unsigned long long)r->tval,
            (unsigned long long)r->htval, r->implicit, (unsigned long long)r->page_size,
            r->pte_reads);
    for (unsigned i = 0; i < r->n_steps; i++)
        fprintf(stderr, "  step %u: %s L%d pte@%#llx = %#llx\n", i,
                r->steps[i].stage == VS ? "VS" : "G ", r->steps[i].level,
                (unsigned long long)r->steps[i].pte_addr, (unsigned long long)r->steps[i].pte);
}

/* ---- directed cases -------------------------------------------------------- */

struct xcase {
    const char *rule;
    void (*setup)(struct world *w);
    enum xlate_access acc;
    uint64_t addr;
    uint32_t exc;
    uint64_t hpa;        /* checked when exc == 0 */
    uint64_t htval;      /* always checked */
    bool implicit;
    uint64_t page_size;  /* checked when nonzero */
    void (*check)(struct world *w, const struct xlate_result *r);  /* optional */
};

/* -- success paths, all mode pairs -- */
static void s_39_39x4(struct world *w) { std39(w); }
static void s_48_48x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV48, XLATE_HGATP_MODE_SV48X4, GVA_48);
}
static void s_39_48x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV48X4, GVA_A);
}
static void s_48_39x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV48, XLATE_HGATP_MODE_SV39X4, GVA_48);
}
static void s_bare_39x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV39X4, 0);
}
static void s_bare_48x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV48X4, 0);
}
static void s_39_bare(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_BARE, GVA_A);
}
static void s_48_bare(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV48, XLATE_HGATP_MODE_BARE, GVA_48);
}
static void s_bare_bare(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_BARE, 0);
}
static void s_gonly_39x4(struct world *w)
{
    s_bare_39x4(w);
    w->c.virt = false;
    w->c.vsatp = xlate_make_satp(XLATE_SATP_MODE_SV39, 1, 0x12345);  /* ignored at V=0 */
}

/* -- canonical / width -- */
#define GVA_NEG 0xffffffffc0001234ull   /* Sv39 negative half: bits 63:38 all ones */
static void s_39_neg(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_NEG, GPA_A, 0, VS_LEAF);
    g_map(w, GPA_A, HPA_A, 0, G_LEAF);
}
#define GPA_TOP39X4 0x1fffffff000ull    /* last 4K page below 2^41 */
static void s_bare_39x4_top(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV39X4);
    g_map(w, GPA_TOP39X4, HPA_A, 0, G_LEAF);
}
#define GPA_TOP48X4 0x3fffffffff000ull  /* last 4K page below 2^50 */
static void s_bare_48x4_top(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV48X4);
    g_map(w, GPA_TOP48X4, HPA_A, 0, G_LEAF);
}
#define GPA_WIDE 0x30000000000ull       /* 2^41 + 2^40: too wide for Sv39x4 */
static void s_vs_leaf_gpa_too_wide(struct world *w)
{
    std39(w);
    vs_map(w, GVA_A, GPA_WIDE, 0, VS_LEAF);
}

/* -- superpages -- */
#define GPA_2M   0x246800000ull         /* 2 MiB aligned */
#define GPA_1G   0x240000000ull         /* 1 GiB aligned */
#define GPA_512G 0x8000000000ull        /* 512 GiB aligned */
#define HPA_2M   0x9abc00000ull
#define HPA_1G   0x9c0000000ull
#define HPA_512G 0x10000000000ull
static void s_vs_2m(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_A, GPA_2M, 1, VS_LEAF);
    g_map(w, GPA_2M + (GVA_A & 0x1ff000), HPA_A, 0, G_LEAF);
}
static void s_vs_1g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_A, GPA_1G, 2, VS_LEAF);
    g_map(w, GPA_1G + (GVA_A & 0x3ffff000), HPA_A, 0, G_LEAF);
}
static void s_vs_512g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV48, XLATE_HGATP_MODE_SV48X4);
    vs_map(w, GVA_48, GPA_512G, 3, VS_LEAF);
    g_map(w, GPA_512G + (GVA_48 & 0x7ffffff000ull), HPA_A, 0, G_LEAF);
}
static void s_g_2m(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_A, GPA_A, 0, VS_LEAF);
    g_map(w, GPA_A & ~0x1fffffull, HPA_2M, 1, G_LEAF);
}
static void s_g_1g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_A, GPA_A, 0, VS_LEAF);
    g_map(w, GPA_A & ~0x3fffffffull, HPA_1G, 2, G_LEAF);
}
static void s_g_512g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV48X4);
    g_map(w, GPA_512G, HPA_512G, 3, G_LEAF);
}
static void s_vs_1g_g_2m(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_A, GPA_1G, 2, VS_LEAF);
    g_map(w, GPA_1G + (GVA_A & 0x3fe00000), HPA_2M, 1, G_LEAF);
}
static void s_vs_2m_misaligned(struct world *w)
{
    s_vs_2m(w);
    vs_map(w, GVA_A, GPA_2M + PAGE, 1, VS_LEAF);     /* PPN[0] != 0 */
}
static void s_vs_1g_misaligned(struct world *w)
{
    s_vs_1g(w);
    vs_map(w, GVA_A, GPA_1G + 0x200000, 2, VS_LEAF); /* PPN[1] != 0 */
}
static void s_vs_512g_misaligned(struct world *w)
{
    s_vs_512g(w);
    vs_map(w, GVA_48, GPA_512G + 0x40000000, 3, VS_LEAF);   /* PPN[2] != 0 */
}
static void s_g_512g_misaligned(struct world *w)
{
    s_g_512g(w);
    g_map(w, GPA_512G, HPA_512G + PAGE, 3, G_LEAF);           /* PPN[0] != 0 */
}
static void s_g_2m_misaligned(struct world *w)
{
    s_g_2m(w);
    g_map(w, GPA_A & ~0x1fffffull, HPA_2M + PAGE, 1, G_LEAF);
}
static void s_g_1g_misaligned(struct world *w)
{
    s_g_1g(w);
    g_map(w, GPA_A & ~0x3fffffffull, HPA_1G + 0x200000, 2, G_LEAF);
}

/* -- invalid / reserved encodings -- */
static void s_vs_leaf_v0(struct world *w) { std39(w); *vs_leaf(w) &= ~V; }
static void s_vs_root_v0(struct world *w) { std39(w); *pte_at(w, VS, GVA_A, 2, NULL) &= ~V; }
static void s_g_leaf_v0(struct world *w)  { std39(w); *g_leaf(w) &= ~V; }
static void s_vs_w_no_r(struct world *w)  { std39(w); *vs_leaf(w) &= ~R; }      /* W X, no R */
static void s_vs_wo(struct world *w)      { std39(w); *vs_leaf(w) &= ~(R | X); }/* W only */
static void s_g_w_no_r(struct world *w)   { std39(w); *g_leaf(w) &= ~R; }
static void s_vs_rsv63(struct world *w)   { std39(w); *vs_leaf(w) |= 1ull << 63; } /* Svnapot N */
static void s_vs_rsv61(struct world *w)   { std39(w); *vs_leaf(w) |= 1ull << 61; } /* Svpbmt PBMT */
static void s_vs_rsv54(struct world *w)   { std39(w); *vs_leaf(w) |= 1ull << 54; }
static void s_vs_nonleaf_rsv(struct world *w)
{
    std39(w);
    *pte_at(w, VS, GVA_A, 1, NULL) |= 1ull << 60;
}
static void s_g_rsv62(struct world *w)    { std39(w); *g_leaf(w) |= 1ull << 62; }
static void s_rsw_ignored(struct world *w)
{
    std39(w);
    *vs_leaf(w) |= 3ull << 8;
    *g_leaf(w) |= 3ull << 8;
}
static void s_vs_nonleaf_a(struct world *w) { std39(w); *pte_at(w, VS, GVA_A, 1, NULL) |= A; }
static void s_vs_nonleaf_d(struct world *w) { std39(w); *pte_at(w, VS, GVA_A, 2, NULL) |= D; }
static void s_vs_nonleaf_u(struct world *w) { std39(w); *pte_at(w, VS, GVA_A, 1, NULL) |= U; }
static void s_g_nonleaf_u(struct world *w)  { std39(w); *pte_at(w, G, GPA_A, 1, NULL) |= U; }
static void s_vs_l0_pointer(struct world *w)
{
    std39(w);
    *vs_leaf(w) = xlate_make_pte(VS_T0 >> 12, V);   /* points somewhere, but at level 0 */
}
static void s_g_l0_pointer(struct world *w)
{
    std39(w);
    *g_leaf(w) = xlate_make_pte(HPA_A >> 12, V);
}

/* -- U bit, SUM -- */
static void s_vs_upage(struct world *w)   { std39(w); *vs_leaf(w) |= U; }
static void s_vu(struct world *w)         { std39(w); w->c.user = true; }
static void s_vu_upage(struct world *w)   { s_vs_upage(w); w->c.user = true; }
static void s_vs_upage_sum(struct world *w) { s_vs_upage(w); w->c.sum = true; }
static void s_vu_sum(struct world *w)     { s_vu(w); w->c.sum = true; }
static void s_g_no_u(struct world *w)     { std39(w); *g_leaf(w) &= ~U; }
static void s_g_no_u_vs_root(struct world *w)
{
    std39(w);
    *pte_at(w, G, VS_T0, 0, NULL) &= ~U;
}

/* -- R/W/X, MXR, HLVX -- */
static void s_vs_xo(struct world *w)      { std39(w); *vs_leaf(w) &= ~(R | W); }
static void s_vs_xo_vmxr(struct world *w) { s_vs_xo(w); w->c.vmxr = true; }
static void s_vs_xo_mxr(struct world *w)  { s_vs_xo(w); w->c.mxr = true; }
static void s_g_xo(struct world *w)       { std39(w); *g_leaf(w) &= ~(R | W); }
static void s_g_xo_vmxr(struct world *w)  { s_g_xo(w); w->c.vmxr = true; }
static void s_g_xo_mxr(struct world *w)   { s_g_xo(w); w->c.mxr = true; }
static void s_vs_ro(struct world *w)      { std39(w); *vs_leaf(w) &= ~(W | X); }
static void s_g_ro(struct world *w)       { std39(w); *g_leaf(w) &= ~(W | X); }
static void s_vs_rw(struct world *w)      { std39(w); *vs_leaf(w) &= ~X; }
static void s_g_rw(struct world *w)       { std39(w); *g_leaf(w) &= ~X; }
static void s_hlvx_xo(struct world *w)
{
    std39(w);
    *vs_leaf(w) &= ~(R | W);
    *g_leaf(w) &= ~(R | W);
    w->c.hlvx = true;
}
static void s_hlvx_vs_rw(struct world *w) { s_vs_rw(w); w->c.hlvx = true; }
static void s_hlvx_g_rw(struct world *w)  { s_g_rw(w); w->c.hlvx = true; }
static void s_hlvx_vs_rw_mxr(struct world *w)
{
    s_hlvx_vs_rw(w);
    w->c.mxr = true;
    w->c.vmxr = true;
}
/* an implicit PTE read is a read, not HLVX: the VS root page may be R-only in G */
static void s_hlvx_pt_page_ro(struct world *w)
{
    s_hlvx_xo(w);
    *pte_at(w, G, VS_T0, 0, NULL) &= ~X;
}
/* the implicit PTE read needs R in G: sstatus.MXR lets an X-only page be read */
static void s_pt_page_xo(struct world *w)
{
    std39(w);
    *pte_at(w, G, VS_T1, 0, NULL) &= ~(R | W);
}
static void s_pt_page_xo_mxr(struct world *w) { s_pt_page_xo(w); w->c.mxr = true; }

/* -- A/D, fault mode (Svade) -- */
static void s_vs_no_a(struct world *w)    { std39(w); *vs_leaf(w) &= ~A; }
static void s_vs_no_d(struct world *w)    { std39(w); *vs_leaf(w) &= ~D; }
static void s_g_no_a(struct world *w)     { std39(w); *g_leaf(w) &= ~A; }
static void s_g_no_d(struct world *w)     { std39(w); *g_leaf(w) &= ~D; }
static void s_pt_page_no_a(struct world *w)
{
    std39(w);
    *pte_at(w, G, VS_T2, 0, NULL) &= ~A;
}

/* -- A/D, update mode -- */
static void s_upd_clear_ad(struct world *w)
{
    std39(w);
    *vs_leaf(w) &= ~(A | D);
    *g_leaf(w) &= ~(A | D);
    w->c.ad_mode = XLATE_AD_UPDATE;
}
static void c_a_only(struct world *w, const struct xlate_result *r)
{
    (void)r;
    assert_int_equal(*vs_leaf(w) & (A | D), A);
    assert_int_equal(*g_leaf(w) & (A | D), A);
}
static void c_a_and_d(struct world *w, const struct xlate_result *r)
{
    (void)r;
    assert_int_equal(*vs_leaf(w) & (A | D), A | D);
    assert_int_equal(*g_leaf(w) & (A | D), A | D);
    /* the VS PTE update is a G-stage write of the page holding it: D set there */
    assert_int_equal(*pte_at(w, G, VS_T2, 0, NULL) & (A | D), A | D);
}
static void s_upd_pt_page_clear_ad(struct world *w)
{
    s_upd_clear_ad(w);
    *pte_at(w, G, VS_T2, 0, NULL) &= ~(A | D);
}
static void s_upd_pt_page_ro(struct world *w)
{
    s_upd_clear_ad(w);
    *pte_at(w, G, VS_T2, 0, NULL) &= ~(W | X);
}
static void c_unchanged(struct world *w, const struct xlate_result *r)
{
    (void)r;
    assert_int_equal(*vs_leaf(w) & (A | D), 0);
}
static void s_upd_race_once(struct world *w) { s_upd_clear_ad(w); tm.cas_interfere = 1; }
static void c_race_once(struct world *w, const struct xlate_result *r)
{
    /* the lost CAS is followed by a fresh walk that sees the racing store */
    assert_int_equal(*vs_leaf(w) & (A | RSW0), A | RSW0);
    assert_true(r->pte_reads > 15);
}
static void s_upd_cas_refused(struct world *w) { s_upd_clear_ad(w); tm.cas_refuse = true; }
static void s_upd_race_forever(struct world *w) { s_upd_clear_ad(w); tm.cas_interfere = 1000; }
static void c_race_forever(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_true(tm.cas_calls <= XLATE_MAX_WALKS);
    assert_true(r->pte_reads < 100);
}
/* -- implicit accesses, access faults -- */
static void s_vs_root_unmapped(struct world *w) { std39(w); *pte_at(w, G, VS_T0, 0, NULL) = 0; }
static void s_vs_l1_unmapped(struct world *w)   { std39(w); *pte_at(w, G, VS_T1, 0, NULL) = 0; }
static void s_vs_l0_unmapped(struct world *w)   { std39(w); *pte_at(w, G, VS_T2, 0, NULL) = 0; }
static void s_vs_root_too_wide(struct world *w)
{
    std39(w);
    w->c.vsatp = xlate_make_satp(XLATE_SATP_MODE_SV39, 7, GPA_WIDE >> 12);
}
static void s_g_pte_hole(struct world *w)
{
    std39(w);
    /* the G pointer for GPA_A's 1G region now points at no memory */
    *pte_at(w, G, GPA_A, 2, NULL) = xlate_make_pte(HOLE_HPA >> 12, V);
}
static void s_vs_pte_hole(struct world *w)
{
    std39(w);
    g_map(w, VS_T1, HOLE_HPA, 0, G_LEAF);   /* VS level-1 table is "outside memory" */
}

/* -- hgatp root, x4 index -- */
static void s_hgatp_ppn_low_bits(struct world *w)
{
    std39(w);
    w->c.hgatp |= 3;     /* PPN[1:0] of a 16 KiB aligned root are ignored */
}
static void c_root_steps(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_true(r->n_steps > 0);
    assert_int_equal(r->steps[0].stage, G);
    assert_int_equal(r->steps[0].level, 2);
    /* GPA bits 40:30 = 0x7ff index the 4-page root: entry 0x7ff is at +0x3ff8 */
    assert_int_equal(r->steps[0].pte_addr, HBASE + 0x3ff8);
}
static void c_root_steps48(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->steps[0].level, 3);
    /* GPA bits 49:39 = 0x7ff */
    assert_int_equal(r->steps[0].pte_addr, HBASE + 0x3ff8);
}
static void c_reads_15(struct world *w, const struct xlate_result *r)
{
    (void)w;
    /* 3 VS PTEs, each behind a 3-level G walk, plus the final G walk: 3*(3+1)+3 */
    assert_int_equal(r->pte_reads, 15);
    assert_int_equal(r->n_steps, 15);
    assert_int_equal(r->steps[14].stage, G);
    assert_int_equal(r->steps[14].level, 0);
}
static void c_reads_24(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->pte_reads, 4 * (4 + 1) + 4);
}
static void c_reads_3(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->pte_reads, 3);
}
static void c_perms(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->vs_perm, R | W | X);
    assert_int_equal(r->g_perm, R | W | X | U);
    assert_int_equal(r->gpa, GPA_A + OFF(GVA_A));
}
static void s_unknown_hgatp_mode_bare(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_BARE, GVA_A);
    w->c.hgatp = xlate_make_hgatp(11, 5, 0x1234);   /* reserved: Bare, HPA = GPA */
}
static void s_unknown_mode_bare(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV39X4, 0);
    w->c.vsatp = xlate_make_satp(11, 0, 0x1234);     /* Sv64: reserved, not implemented */
}

/* ---- Sv57 (vsatp MODE 10) and Sv57x4 (hgatp MODE 10) ------------------------
 * Sv57: 5 levels, VA bits 56:0 sign-extended to 63; Sv57x4: GPA bits 58:0,
 * 2048-entry (16 KiB) root indexed by GPA bits 58:48; leaves at every level,
 * level 4 = 256 TiB. VPN[4] of GVA_57 is bits 56:48 = 0x0ab: the address is
 * canonical for Sv57 but not for Sv48. */
#define GVA_57     0x00ab123456789abcull
#define GVA_57NEG  0xff0a000012345abcull   /* bits 63:56 all ones: VPN[4] = 0x10a */
#define GPA_TOP57X4 0x7fffffffffff000ull   /* last 4K page below 2^59 */
#define GPA_B58    (0x0400000000000000ull | GPA_A)   /* bit 58: root index 0x400 */
#define GPA_B55    (0x0080000000000000ull | GPA_A)   /* bit 55: > Sv48x4, < 2^56 */
#define GPA_256T   0x0053000000000000ull   /* 2^48 aligned, < 2^56 (a VS leaf can hold it) */
#define GPA_256TG  0x0530000000000000ull   /* 2^48 aligned, bits 58:48 = 0x530 (root index) */
#define HPA_256T   0x0042000000000000ull   /* 2^48 aligned host address */
#define SZ_256T    (1ull << 48)
#define SZ_512G    (1ull << 39)
#define M48(a)     ((a) & (SZ_256T - 1))
#define M39(a)     ((a) & (SZ_512G - 1))

static void s_57_57x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4, GVA_57);
}
static void s_57_39x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV39X4, GVA_57);
}
static void s_57_48x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV48X4, GVA_57);
}
static void s_39_57x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV39, XLATE_HGATP_MODE_SV57X4, GVA_A);
}
static void s_48_57x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV48, XLATE_HGATP_MODE_SV57X4, GVA_48);
}
static void s_57_bare(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_BARE, GVA_57);
}
static void s_bare_57x4(struct world *w)
{
    std_world(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV57X4, 0);
}
static void s_gonly_57x4(struct world *w)
{
    s_bare_57x4(w);
    w->c.virt = false;
    w->c.vsatp = xlate_make_satp(XLATE_SATP_MODE_SV57, 1, 0x12345);  /* ignored at V=0 */
}
/* the table maps bits 56:0 of GVA_57 | bit 56: only the canonical check faults it */
static void s_57_b56_mapped(struct world *w)
{
    s_57_57x4(w);
    vs_map(w, GVA_57 | (1ull << 56), GPA_A, 0, VS_LEAF);
}
static void s_57_neg(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57NEG, GPA_A, 0, VS_LEAF);
    g_map(w, GPA_A, HPA_A, 0, G_LEAF);
}
static void s_bare_57x4_top(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV57X4);
    g_map(w, GPA_TOP57X4, HPA_A, 0, G_LEAF);
}
static void s_bare_57x4_b58(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV57X4);
    g_map(w, GPA_A, HPA_A, 0, G_LEAF);
    g_map(w, GPA_B58, HPA_A + PAGE, 0, G_LEAF);   /* differs from GPA_A in bit 58 only */
}
/* a VS leaf whose GPA has bit 55 set: fits Sv57x4, not Sv48x4 */
static void s_57_57x4_b55(struct world *w)
{
    s_57_57x4(w);
    vs_map(w, GVA_57, GPA_B55, 0, VS_LEAF);
    g_map(w, GPA_B55, HPA_A + 2 * PAGE, 0, G_LEAF);
}
static void s_57_48x4_b55(struct world *w)
{
    s_57_48x4(w);
    vs_map(w, GVA_57, GPA_B55, 0, VS_LEAF);
}
static void s_57_48x4_root_b55(struct world *w)
{
    s_57_48x4(w);
    w->c.vsatp = xlate_make_satp(XLATE_SATP_MODE_SV57, 7, GPA_B55 >> 12);
}
static void s_57_57x4_ppn_low_bits(struct world *w)
{
    s_57_57x4(w);
    w->c.hgatp |= 3;
}
/* VS superpages in Sv57 */
static void s_57_vs_256t(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57, GPA_256T, 4, VS_LEAF);
    g_map(w, GPA_256T + (M48(GVA_57) & ~0xfffull), HPA_A, 0, G_LEAF);
}
static void s_57_vs_512g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57, GPA_512G, 3, VS_LEAF);
    g_map(w, GPA_512G + (M39(GVA_57) & ~0xfffull), HPA_A, 0, G_LEAF);
}
static void s_57_vs_1g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57, GPA_1G, 2, VS_LEAF);
    g_map(w, GPA_1G + (GVA_57 & 0x3ffff000ull), HPA_A, 0, G_LEAF);
}
static void s_57_vs_2m(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57, GPA_2M, 1, VS_LEAF);
    g_map(w, GPA_2M + (GVA_57 & 0x1ff000ull), HPA_A, 0, G_LEAF);
}
static void s_57_vs_256t_mis3(struct world *w)
{
    s_57_vs_256t(w);
    vs_map(w, GVA_57, GPA_256T + SZ_512G, 4, VS_LEAF);   /* PPN[3] != 0 */
}
static void s_57_vs_256t_mis0(struct world *w)
{
    s_57_vs_256t(w);
    vs_map(w, GVA_57, GPA_256T + PAGE, 4, VS_LEAF);      /* PPN[0] != 0 */
}
static void s_57_vs_512g_mis1(struct world *w)
{
    s_57_vs_512g(w);
    vs_map(w, GVA_57, GPA_512G + 0x200000, 3, VS_LEAF);  /* PPN[1] != 0 */
}
/* a 256 TiB VS leaf at GPA 0 over Sv39x4: only offsets below 2^41 fit */
static void s_57_vs_256t_39x4(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV39X4);
    vs_map(w, GVA_57, 0, 4, VS_LEAF);
    g_map(w, GPA_A, HPA_A, 0, G_LEAF);
}
#define GVA_57_LOW ((GVA_57 & ~(SZ_256T - 1)) | GPA_A | 0xabc)
/* G superpages in Sv57x4 */
static void s_57x4_g_256t(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV57X4);
    g_map(w, GPA_256TG, HPA_256T, 4, G_LEAF);
}
static void s_57x4_g_512g(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_BARE, XLATE_HGATP_MODE_SV57X4);
    g_map(w, GPA_256TG + 3 * SZ_512G, HPA_512G, 3, G_LEAF);
}
static void s_57x4_g_256t_mis2(struct world *w)
{
    s_57x4_g_256t(w);
    g_map(w, GPA_256TG, HPA_256T + 0x40000000ull, 4, G_LEAF);   /* PPN[2] != 0 */
}
static void s_57x4_g_256t_mis0(struct world *w)
{
    s_57x4_g_256t(w);
    g_map(w, GPA_256TG, HPA_256T + PAGE, 4, G_LEAF);            /* PPN[0] != 0 */
}
/* VS 256 TiB over G 256 TiB: one 256 TiB combined page */
static void s_57_vs_256t_g_256t(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57, GPA_256T, 4, VS_LEAF);
    g_map(w, GPA_256T, HPA_256T, 4, G_LEAF);
}
/* VS 512 GiB over G 256 TiB: the VS leaf limits the page */
static void s_57_vs_512g_g_256t(struct world *w)
{
    world_init(w, XLATE_SATP_MODE_SV57, XLATE_HGATP_MODE_SV57X4);
    vs_map(w, GVA_57, GPA_256T + 5 * SZ_512G, 3, VS_LEAF);
    g_map(w, GPA_256T, HPA_256T, 4, G_LEAF);
}
/* encodings at the new top level */
static void s_57_l4_nonleaf_a(struct world *w)
{
    s_57_57x4(w);
    *pte_at(w, VS, GVA_57, 4, NULL) |= A;
}
static void s_57_l4_v0(struct world *w)
{
    s_57_57x4(w);
    *pte_at(w, VS, GVA_57, 4, NULL) &= ~V;
}
static void s_57x4_l4_nonleaf_d(struct world *w)
{
    s_57_57x4(w);
    *pte_at(w, G, GPA_A, 4, NULL) |= D;
}
static void s_57x4_l4_rsv(struct world *w)
{
    s_57_57x4(w);
    *pte_at(w, G, GPA_A, 4, NULL) |= 1ull << 62;
}
static void s_57_l0_pointer(struct world *w)
{
    s_57_57x4(w);
    *pte_at(w, VS, GVA_57, 0, NULL) = xlate_make_pte(VS_T0 >> 12, V);
}
/* A/D */
static uint64_t *vs_leaf57(struct world *w) { return pte_at(w, VS, GVA_57, 0, NULL); }
static void s_57_no_a(struct world *w)    { s_57_57x4(w); *vs_leaf57(w) &= ~A; }
static void s_57x4_no_d(struct world *w)  { s_57_57x4(w); *g_leaf(w) &= ~D; }
static void s_57_pt_page_no_a(struct world *w)
{
    s_57_57x4(w);
    *pte_at(w, G, VS_T4, 0, NULL) &= ~A;   /* the VS level-0 table page */
}
static void s_57_upd_clear_ad(struct world *w)
{
    s_57_57x4(w);
    *vs_leaf57(w) &= ~(A | D);
    *g_leaf(w) &= ~(A | D);
    *pte_at(w, G, VS_T4, 0, NULL) &= ~(A | D);
    w->c.ad_mode = XLATE_AD_UPDATE;
}
static void c_57_a_and_d(struct world *w, const struct xlate_result *r)
{
    assert_int_equal(*vs_leaf57(w) & (A | D), A | D);
    assert_int_equal(*g_leaf(w) & (A | D), A | D);
    assert_int_equal(*pte_at(w, G, VS_T4, 0, NULL) & (A | D), A | D);
    /* 35 reads of the walk; the A/D write of the VS leaf goes through a G-stage
     * walk for the write (5 more) */
    assert_int_equal(r->pte_reads, 35 + 5);
}
static void s_57_upd_superpages(struct world *w)
{
    s_57_vs_256t_g_256t(w);
    *pte_at(w, VS, GVA_57, 4, NULL) &= ~(A | D);
    *pte_at(w, G, GPA_256T, 4, NULL) &= ~(A | D);
    w->c.ad_mode = XLATE_AD_UPDATE;
}
static void c_57_a_only_superpages(struct world *w, const struct xlate_result *r)
{
    (void)r;
    assert_int_equal(*pte_at(w, VS, GVA_57, 4, NULL) & (A | D), A);
    assert_int_equal(*pte_at(w, G, GPA_256T, 4, NULL) & (A | D), A);
}
/* implicit accesses of Sv57 PTEs */
static void s_57_root_unmapped(struct world *w) { s_57_57x4(w); *pte_at(w, G, VS_T0, 0, NULL) = 0; }
static void s_57_l3_unmapped(struct world *w)   { s_57_57x4(w); *pte_at(w, G, VS_T1, 0, NULL) = 0; }
static void s_57_39x4_root_unmapped(struct world *w)
{
    s_57_39x4(w);
    *pte_at(w, G, VS_T0, 0, NULL) &= ~U;
}

static void c_reads_35(struct world *w, const struct xlate_result *r)
{
    (void)w;
    /* 5 VS PTEs, each behind a 5-level G walk, plus the final G walk: 5*(5+1)+5 */
    assert_int_equal(r->pte_reads, 35);
    assert_int_equal(r->n_steps, 35);
    assert_int_equal(r->steps[0].stage, G);
    assert_int_equal(r->steps[0].level, 4);
    assert_int_equal(r->steps[5].stage, VS);
    assert_int_equal(r->steps[5].level, 4);
    /* the VS root entry: VS_T0 (host page right after the 4-page G root) + 8 * VPN[4] */
    assert_int_equal(r->steps[5].pte_addr, HBASE + 4 * PAGE + 8 * VPN(GVA_57, 4));
    assert_int_equal(r->steps[34].stage, G);
    assert_int_equal(r->steps[34].level, 0);
}
static void c_reads_5(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->pte_reads, 5);
}
static void c_reads_39_57x4(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->pte_reads, 3 * (5 + 1) + 5);
}
static void c_reads_57_39x4(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->pte_reads, 5 * (3 + 1) + 3);
}
static void c_root_steps57(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->steps[0].level, 4);
    /* GPA bits 58:48 = 0x7ff: the last entry of the 4-page root */
    assert_int_equal(r->steps[0].pte_addr, HBASE + 0x3ff8);
}
static void c_root_b58(struct world *w, const struct xlate_result *r)
{
    (void)w;
    /* GPA bits 58:48 = 0x400: entry 0x400 at +0x2000, in the root's third page */
    assert_int_equal(r->steps[0].level, 4);
    assert_int_equal(r->steps[0].pte_addr, HBASE + 0x2000);
    assert_int_equal(r->pte_reads, 5);
}
static void c_g_256t(struct world *w, const struct xlate_result *r)
{
    (void)w;
    assert_int_equal(r->pte_reads, 1);
    assert_int_equal(r->g_perm, R | W | X | U);
    assert_int_equal(r->steps[0].pte_addr, HBASE + 8 * 0x530);
}
static void s_57_gonly_b58_bare_vs(struct world *w)
{
    s_bare_57x4_b58(w);
}

#define HT(gpa) ((uint64_t)(gpa) >> 2)
#define RD XLATE_READ
#define WR XLATE_WRITE
#define EX XLATE_EXEC

static const struct xcase cases[] = {
    /* success, all mode pairs (priv spec: Sv39, Sv48, Two-Stage Address Translation) */
    { "ok: Sv39 over Sv39x4, 4K pages (path 3*(3+1)+3 = 15 PTE reads)", s_39_39x4, RD, GVA_A,
      0, HPA_A + OFF(GVA_A), 0, false, PAGE, c_reads_15 },
    { "ok: Sv39 over Sv39x4 write", s_39_39x4, WR, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0, NULL },
    { "ok: Sv39 over Sv39x4 fetch; perms and GPA reported", s_39_39x4, EX, GVA_A, 0,
      HPA_A + OFF(GVA_A), 0, false, 0, c_perms },
    { "ok: Sv48 over Sv48x4 (4*(4+1)+4 = 24 PTE reads)", s_48_48x4, RD, GVA_48, 0,
      HPA_A + OFF(GVA_48), 0, false, PAGE, c_reads_24 },
    { "ok: Sv39 over Sv48x4", s_39_48x4, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0, NULL },
    { "ok: Sv48 over Sv39x4", s_48_39x4, RD, GVA_48, 0, HPA_A + OFF(GVA_48), 0, false, 0, NULL },
    { "ok: VS Bare over Sv39x4, GPA = GVA", s_bare_39x4, RD, GPA_A + 0x123, 0, HPA_A + 0x123, 0,
      false, PAGE, c_reads_3 },
    { "ok: VS Bare over Sv48x4", s_bare_48x4, WR, GPA_A + 0x8, 0, HPA_A + 0x8, 0, false, 0, NULL },
    { "ok: Sv39 over G Bare, HPA = GPA", s_39_bare, RD, GVA_A, 0, GPA_A + OFF(GVA_A), 0, false,
      PAGE, NULL },
    { "ok: Sv48 over G Bare", s_48_bare, WR, GVA_48, 0, GPA_A + OFF(GVA_48), 0, false, PAGE, NULL },
    { "ok: Bare over Bare, HPA = GVA", s_bare_bare, EX, 0x87654321ull, 0, 0x87654321ull, 0, false,
      PAGE, NULL },
    { "ok: V=0 G-stage only, GPA in, vsatp ignored", s_gonly_39x4, RD, GPA_A + 0x10, 0,
      HPA_A + 0x10, 0, false, 0, NULL },
    { "vsatp unknown MODE treated as Bare (WARL, see xlate.h)", s_unknown_mode_bare, RD,
      GPA_A + 4, 0, HPA_A + 4, 0, false, 0, NULL },

    /* canonical and width checks */
    { "Sv39: GVA bits 63:39 != bit 38 -> load page fault", s_39_39x4, RD, GVA_A | (1ull << 45),
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "Sv39: GVA bit 39 set, bit 38 clear -> fetch page fault", s_39_39x4, EX, GVA_A | (1ull << 39),
      XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "Sv39: negative canonical GVA (63:38 all ones) ok", s_39_neg, RD, GVA_NEG, 0,
      HPA_A + OFF(GVA_NEG), 0, false, 0, NULL },
    { "Sv48: GVA bits 63:48 != bit 47 -> store page fault", s_48_48x4, WR, GVA_48 | (1ull << 50),
      XLATE_EXC_STORE_PAGE, 0, 0, false, 0, NULL },
    { "Sv39x4: GPA >= 2^41 -> load guest-page fault, htval = GPA>>2", s_bare_39x4, RD,
      (1ull << 41) | 0x124, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT((1ull << 41) | 0x124), false, 0, NULL },
    { "Sv39x4: GPA bit 63 set -> store guest-page fault", s_bare_39x4, WR, (1ull << 63) | GPA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT((1ull << 63) | GPA_A), false, 0, NULL },
    { "Sv39x4: last page below 2^41 ok (root index 0x7ff, 4-page root)", s_bare_39x4_top, RD,
      GPA_TOP39X4 + 0xff8, 0, HPA_A + 0xff8, 0, false, 0, c_root_steps },
    { "Sv48x4: GPA >= 2^50 -> fetch guest-page fault", s_bare_48x4, EX, (1ull << 50) + GPA_A,
      XLATE_EXC_INST_GUEST_PAGE, 0, HT((1ull << 50) + GPA_A), false, 0, NULL },
    { "Sv48x4: last page below 2^50 ok (root index 0x7ff)", s_bare_48x4_top, RD,
      GPA_TOP48X4 + 0x10, 0, HPA_A + 0x10, 0, false, 0, c_root_steps48 },
    { "Sv39x4: GPA from a VS leaf >= 2^41 -> guest-page fault (explicit)", s_vs_leaf_gpa_too_wide,
      RD, GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_WIDE + OFF(GVA_A)), false, 0, NULL },
    { "Sv39x4: vsatp root GPA >= 2^41 -> guest-page fault (implicit)", s_vs_root_too_wide, RD,
      GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_WIDE + 8 * VPN(GVA_A, 2)), true, 0, NULL },

    /* superpages */
    { "superpage: VS 2 MiB leaf at level 1", s_vs_2m, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false,
      PAGE, NULL },
    { "superpage: VS 1 GiB leaf at level 2", s_vs_1g, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false,
      PAGE, NULL },
    { "superpage: VS Sv48 512 GiB leaf at level 3", s_vs_512g, RD, GVA_48, 0, HPA_A + OFF(GVA_48),
      0, false, PAGE, NULL },
    { "superpage: G 2 MiB leaf at level 1", s_g_2m, WR, GVA_A, 0,
      HPA_2M + (GPA_A & 0x1fffff) + OFF(GVA_A), 0, false, PAGE, NULL },
    { "superpage: G 1 GiB leaf at level 2", s_g_1g, RD, GVA_A, 0,
      HPA_1G + (GPA_A & 0x3fffffff) + OFF(GVA_A), 0, false, PAGE, NULL },
    { "superpage: G Sv48x4 512 GiB leaf at level 3 (page size 512 GiB)", s_g_512g, RD,
      GPA_512G + 0x123456789ull, 0, HPA_512G + 0x123456789ull, 0, false, 1ull << 39, NULL },
    { "superpage: VS 1 GiB over G 2 MiB -> combined page 2 MiB", s_vs_1g_g_2m, RD, GVA_A, 0,
      HPA_2M + (GVA_A & 0x1fffff), 0, false, 0x200000, NULL },
    { "misaligned superpage: VS 2 MiB with PPN[0] != 0 -> page fault", s_vs_2m_misaligned, RD,
      GVA_A, XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "misaligned superpage: VS 1 GiB with PPN[1] != 0 -> fetch page fault", s_vs_1g_misaligned,
      EX, GVA_A, XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "misaligned superpage: VS 512 GiB with PPN[2] != 0 -> page fault", s_vs_512g_misaligned, WR,
      GVA_48, XLATE_EXC_STORE_PAGE, 0, 0, false, 0, NULL },
    { "misaligned superpage: G 512 GiB with PPN[0] != 0 -> guest-page fault", s_g_512g_misaligned,
      RD, GPA_512G + 0x5008, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_512G + 0x5008), false, 0, NULL },
    { "misaligned superpage: G 2 MiB -> guest-page fault", s_g_2m_misaligned, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "misaligned superpage: G 1 GiB -> store guest-page fault", s_g_1g_misaligned, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },

    /* invalid and reserved encodings */
    { "V=0 VS leaf -> page fault", s_vs_leaf_v0, RD, GVA_A, XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "V=0 VS root entry -> store page fault", s_vs_root_v0, WR, GVA_A, XLATE_EXC_STORE_PAGE, 0, 0,
      false, 0, NULL },
    { "V=0 G leaf -> guest-page fault", s_g_leaf_v0, EX, GVA_A, XLATE_EXC_INST_GUEST_PAGE, 0,
      HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "W=1 R=0 reserved (with X) VS -> page fault", s_vs_w_no_r, EX, GVA_A, XLATE_EXC_INST_PAGE, 0,
      0, false, 0, NULL },
    { "W=1 R=0 X=0 reserved VS -> store page fault", s_vs_wo, WR, GVA_A, XLATE_EXC_STORE_PAGE, 0, 0,
      false, 0, NULL },
    { "W=1 R=0 reserved G -> guest-page fault", s_g_w_no_r, EX, GVA_A, XLATE_EXC_INST_GUEST_PAGE, 0,
      HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "reserved bit 63 (Svnapot N, not implemented) VS -> page fault", s_vs_rsv63, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "reserved bit 61 (Svpbmt, not implemented) VS -> page fault", s_vs_rsv61, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "reserved bit 54 VS -> page fault", s_vs_rsv54, WR, GVA_A, XLATE_EXC_STORE_PAGE, 0, 0, false,
      0, NULL },
    { "reserved bit 60 in a VS non-leaf -> page fault", s_vs_nonleaf_rsv, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "reserved bit 62 in a G leaf -> guest-page fault", s_g_rsv62, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "RSW bits 9:8 are ignored", s_rsw_ignored, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0,
      NULL },
    { "non-leaf VS with A set is reserved -> page fault", s_vs_nonleaf_a, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "non-leaf VS with D set is reserved -> page fault", s_vs_nonleaf_d, EX, GVA_A,
      XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "non-leaf VS with U set is reserved -> page fault", s_vs_nonleaf_u, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "non-leaf G with U set is reserved -> guest-page fault", s_g_nonleaf_u, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "level 0 must be a leaf: VS pointer at level 0 -> page fault", s_vs_l0_pointer, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "level 0 must be a leaf: G pointer at level 0 -> guest-page fault", s_g_l0_pointer, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },

    /* U bit and SUM (VS-stage), U in G-stage */
    { "U-mode (VU) on a U=0 page -> page fault", s_vu, RD, GVA_A, XLATE_EXC_LOAD_PAGE, 0, 0, false,
      0, NULL },
    { "U-mode (VU) on a U=0 page, SUM irrelevant -> page fault", s_vu_sum, EX, GVA_A,
      XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "U-mode (VU) on a U=1 page: read ok", s_vu_upage, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false,
      0, NULL },
    { "U-mode (VU) on a U=1 page: fetch ok", s_vu_upage, EX, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false,
      0, NULL },
    { "S-mode on a U=1 page without SUM -> load page fault", s_vs_upage, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "S-mode on a U=1 page with SUM: read ok", s_vs_upage_sum, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0,
      false, 0, NULL },
    { "S-mode on a U=1 page with SUM: write ok", s_vs_upage_sum, WR, GVA_A, 0, HPA_A + OFF(GVA_A),
      0, false, 0, NULL },
    { "S-mode never executes a U=1 page, even with SUM -> fetch page fault", s_vs_upage_sum, EX,
      GVA_A, XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "G-stage leaf must have U=1 (all G accesses are U-mode) -> guest-page fault", s_g_no_u, RD,
      GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "G-stage U=0 on the VS root page -> implicit guest-page fault", s_g_no_u_vs_root, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(VS_T0 + 8 * VPN(GVA_A, 2)), true, 0, NULL },

    /* R/W/X, MXR */
    { "read of an X-only VS page -> load page fault", s_vs_xo, RD, GVA_A, XLATE_EXC_LOAD_PAGE, 0, 0,
      false, 0, NULL },
    { "vsstatus.MXR: X-only VS page readable", s_vs_xo_vmxr, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0,
      false, 0, NULL },
    { "sstatus.MXR: X-only VS page readable", s_vs_xo_mxr, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0,
      false, 0, NULL },
    { "read of an X-only G page -> load guest-page fault", s_g_xo, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "vsstatus.MXR does not reach the G-stage -> guest-page fault", s_g_xo_vmxr, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "sstatus.MXR: X-only G page readable", s_g_xo_mxr, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false,
      0, NULL },
    { "MXR never grants write: X-only VS page -> store page fault", s_vs_xo_mxr, WR, GVA_A,
      XLATE_EXC_STORE_PAGE, 0, 0, false, 0, NULL },
    { "write to an R-only VS page -> store page fault", s_vs_ro, WR, GVA_A, XLATE_EXC_STORE_PAGE, 0,
      0, false, 0, NULL },
    { "write to an R-only G page -> store guest-page fault", s_g_ro, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "fetch from a non-X VS page -> fetch page fault", s_vs_rw, EX, GVA_A, XLATE_EXC_INST_PAGE, 0,
      0, false, 0, NULL },
    { "fetch from a non-X G page -> fetch guest-page fault", s_g_rw, EX, GVA_A,
      XLATE_EXC_INST_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },

    /* HLVX */
    { "HLVX: X-only pages at both stages readable", s_hlvx_xo, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0,
      false, 0, NULL },
    { "HLVX: VS page R, no X -> load page fault", s_hlvx_vs_rw, RD, GVA_A, XLATE_EXC_LOAD_PAGE, 0,
      0, false, 0, NULL },
    { "HLVX: G page R, no X -> load guest-page fault", s_hlvx_g_rw, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "HLVX: MXR does not replace X -> load page fault", s_hlvx_vs_rw_mxr, RD, GVA_A,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "HLVX: implicit PTE reads need R, not X (VS root page G-mapped R-only)", s_hlvx_pt_page_ro,
      RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0, NULL },
    { "implicit PTE read needs G-stage R: X-only page -> implicit guest-page fault",
      s_pt_page_xo, EX, GVA_A, XLATE_EXC_INST_GUEST_PAGE, 0, HT(VS_T1 + 8 * VPN(GVA_A, 1)), true,
      0, NULL },
    { "implicit PTE read with sstatus.MXR: X-only G page readable", s_pt_page_xo_mxr, EX, GVA_A, 0,
      HPA_A + OFF(GVA_A), 0, false, 0, NULL },

    /* A/D, Svade */
    { "Svade: VS A=0 -> load page fault", s_vs_no_a, RD, GVA_A, XLATE_EXC_LOAD_PAGE, 0, 0, false, 0,
      NULL },
    { "Svade: VS A=0 -> fetch page fault", s_vs_no_a, EX, GVA_A, XLATE_EXC_INST_PAGE, 0, 0, false, 0,
      NULL },
    { "Svade: VS D=0 on a write -> store page fault", s_vs_no_d, WR, GVA_A, XLATE_EXC_STORE_PAGE, 0,
      0, false, 0, NULL },
    { "Svade: VS D=0 on a read ok", s_vs_no_d, RD, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0, NULL },
    { "Svade: G A=0 -> load guest-page fault", s_g_no_a, RD, GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0,
      HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "Svade: G D=0 on a write -> store guest-page fault", s_g_no_d, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_A)), false, 0, NULL },
    { "Svade: G D=0 on a fetch ok", s_g_no_d, EX, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0, NULL },
    { "Svade: G A=0 on the VS leaf table page -> implicit guest-page fault", s_pt_page_no_a, RD,
      GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(VS_T2 + 8 * VPN(GVA_A, 0)), true, 0, NULL },

    /* A/D, hardware update */
    { "A/D update: read sets A (not D) at both stages", s_upd_clear_ad, RD, GVA_A, 0,
      HPA_A + OFF(GVA_A), 0, false, 0, c_a_only },
    { "A/D update: write sets A and D at both stages (VS PTE write is a G write)",
      s_upd_pt_page_clear_ad, WR, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0, c_a_and_d },
    { "A/D update: VS PTE page G-mapped read-only -> implicit guest-page fault, original type",
      s_upd_pt_page_ro, RD, GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(VS_T2 + 8 * VPN(GVA_A, 0)), true,
      0, c_unchanged },
    { "A/D update: CAS loses a race once -> walk again, then ok", s_upd_race_once, RD, GVA_A, 0,
      HPA_A + OFF(GVA_A), 0, false, 0, c_race_once },
    { "A/D update: CAS refused by memory -> access fault of the original type (store)",
      s_upd_cas_refused, WR, GVA_A, XLATE_EXC_STORE_ACCESS, 0, 0, false, 0, NULL },
    { "walk bound: CAS always loses -> load access fault, bounded", s_upd_race_forever, RD, GVA_A,
      XLATE_EXC_LOAD_ACCESS, 0, 0, false, 0, c_race_forever },
    { "A/D update: already set -> no CAS", s_39_39x4, WR, GVA_A, 0, HPA_A + OFF(GVA_A), 0, false, 0,
      NULL },

    /* implicit VS-stage PTE accesses through the G-stage */
    { "implicit: G fault on VS root PTE read, load -> 21, htval = PTE GPA>>2", s_vs_root_unmapped,
      RD, GVA_A, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(VS_T0 + 8 * VPN(GVA_A, 2)), true, 0, NULL },
    { "implicit: G fault on VS root PTE read, store -> 23", s_vs_root_unmapped, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(VS_T0 + 8 * VPN(GVA_A, 2)), true, 0, NULL },
    { "implicit: G fault on VS root PTE read, fetch -> 20", s_vs_root_unmapped, EX, GVA_A,
      XLATE_EXC_INST_GUEST_PAGE, 0, HT(VS_T0 + 8 * VPN(GVA_A, 2)), true, 0, NULL },
    { "implicit: G fault on VS level-1 PTE read", s_vs_l1_unmapped, RD, GVA_A,
      XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(VS_T1 + 8 * VPN(GVA_A, 1)), true, 0, NULL },
    { "implicit: G fault on VS level-0 PTE read", s_vs_l0_unmapped, WR, GVA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(VS_T2 + 8 * VPN(GVA_A, 0)), true, 0, NULL },

    /* access faults on PTE reads */
    { "access fault: G PTE read outside memory, load -> 5", s_g_pte_hole, RD, GVA_A,
      XLATE_EXC_LOAD_ACCESS, 0, 0, false, 0, NULL },
    { "access fault: G PTE read outside memory, store -> 7", s_g_pte_hole, WR, GVA_A,
      XLATE_EXC_STORE_ACCESS, 0, 0, false, 0, NULL },
    { "access fault: G PTE read outside memory, fetch -> 1", s_g_pte_hole, EX, GVA_A,
      XLATE_EXC_INST_ACCESS, 0, 0, false, 0, NULL },
    { "access fault: VS PTE at an HPA outside memory, load -> 5", s_vs_pte_hole, RD, GVA_A,
      XLATE_EXC_LOAD_ACCESS, 0, 0, false, 0, NULL },

    /* hgatp root */
    { "hgatp: root 16 KiB aligned, PPN[1:0] ignored", s_hgatp_ppn_low_bits, RD, GVA_A, 0,
      HPA_A + OFF(GVA_A), 0, false, 0, NULL },

    /* Sv57 / Sv57x4: all mode pairs with the new modes */
    { "ok: Sv57 over Sv57x4, 4K pages (path 5*(5+1)+5 = 35 PTE reads)", s_57_57x4, RD, GVA_57,
      0, HPA_A + OFF(GVA_57), 0, false, PAGE, c_reads_35 },
    { "ok: Sv57 over Sv57x4 write", s_57_57x4, WR, GVA_57, 0, HPA_A + OFF(GVA_57), 0, false, 0,
      NULL },
    { "ok: Sv57 over Sv57x4 fetch", s_57_57x4, EX, GVA_57, 0, HPA_A + OFF(GVA_57), 0, false, 0,
      NULL },
    { "ok: Sv57 over Sv39x4 (5*(3+1)+3 = 23 reads)", s_57_39x4, RD, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, PAGE, c_reads_57_39x4 },
    { "ok: Sv57 over Sv48x4", s_57_48x4, WR, GVA_57, 0, HPA_A + OFF(GVA_57), 0, false, 0, NULL },
    { "ok: Sv39 over Sv57x4 (3*(5+1)+5 = 23 reads)", s_39_57x4, RD, GVA_A, 0,
      HPA_A + OFF(GVA_A), 0, false, PAGE, c_reads_39_57x4 },
    { "ok: Sv48 over Sv57x4", s_48_57x4, EX, GVA_48, 0, HPA_A + OFF(GVA_48), 0, false, 0, NULL },
    { "ok: Sv57 over G Bare, HPA = GPA", s_57_bare, RD, GVA_57, 0, GPA_A + OFF(GVA_57), 0, false,
      PAGE, NULL },
    { "ok: VS Bare over Sv57x4 (5 reads)", s_bare_57x4, WR, GPA_A + 0x8, 0, HPA_A + 0x8, 0, false,
      PAGE, c_reads_5 },
    { "ok: V=0 G-stage only over Sv57x4, vsatp ignored", s_gonly_57x4, RD, GPA_A + 0x10, 0,
      HPA_A + 0x10, 0, false, 0, c_reads_5 },
    { "hgatp unknown MODE 11 treated as Bare", s_unknown_hgatp_mode_bare, RD, GVA_A, 0,
      GPA_A + OFF(GVA_A), 0, false, 0, NULL },

    /* Sv57 canonical addresses */
    { "Sv57: GVA with VPN[4] != 0 (not Sv48-canonical) translates", s_57_57x4, RD, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, 0, NULL },
    { "Sv48: the same GVA is not canonical -> load page fault", s_48_48x4, RD, GVA_57,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "Sv57: GVA bit 57 set, bit 56 clear -> load page fault", s_57_57x4, RD,
      GVA_57 | (1ull << 57), XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "Sv57: GVA bit 63 set, bit 56 clear -> store page fault", s_57_57x4, WR,
      GVA_57 | (1ull << 63), XLATE_EXC_STORE_PAGE, 0, 0, false, 0, NULL },
    { "Sv57: bit 56 set, bits 63:57 clear (entry mapped) -> fetch page fault", s_57_b56_mapped, EX,
      GVA_57 | (1ull << 56), XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "Sv57: negative canonical GVA (63:56 all ones) ok", s_57_neg, RD, GVA_57NEG, 0,
      HPA_A + OFF(GVA_57NEG), 0, false, 0, NULL },
    { "Sv57: negative GVA with bit 57 clear -> load page fault", s_57_neg, RD,
      GVA_57NEG & ~(1ull << 57), XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },

    /* Sv57x4 GPA width and root */
    { "Sv57x4: GPA bit 59 -> load guest-page fault, htval = GPA>>2", s_bare_57x4, RD,
      (1ull << 59) | 0x124, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT((1ull << 59) | 0x124), false, 0,
      NULL },
    { "Sv57x4: GPA bit 63 -> store guest-page fault", s_bare_57x4, WR, (1ull << 63) | GPA_A,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT((1ull << 63) | GPA_A), false, 0, NULL },
    { "Sv57x4, V=0: GPA bit 60 -> fetch guest-page fault", s_gonly_57x4, EX,
      (1ull << 60) | GPA_A, XLATE_EXC_INST_GUEST_PAGE, 0, HT((1ull << 60) | GPA_A), false, 0,
      NULL },
    { "Sv57x4: last page below 2^59 ok (root index 0x7ff, 4-page root)", s_bare_57x4_top, RD,
      GPA_TOP57X4 + 0x10, 0, HPA_A + 0x10, 0, false, 0, c_root_steps57 },
    { "Sv57x4: GPA bit 58 is a root index bit (entry 0x400)", s_bare_57x4_b58, RD, GPA_B58 + 8,
      0, HPA_A + PAGE + 8, 0, false, PAGE, c_root_b58 },
    { "Sv57x4: GPA without bit 58 is another mapping", s_57_gonly_b58_bare_vs, RD, GPA_A + 8, 0,
      HPA_A + 8, 0, false, PAGE, NULL },
    { "Sv57 over Sv57x4: VS leaf GPA with bit 55 ok", s_57_57x4_b55, RD, GVA_57, 0,
      HPA_A + 2 * PAGE + OFF(GVA_57), 0, false, 0, NULL },
    { "Sv57 over Sv48x4: VS leaf GPA >= 2^50 -> guest-page fault (explicit)", s_57_48x4_b55, WR,
      GVA_57, XLATE_EXC_STORE_GUEST_PAGE, 0, HT(GPA_B55 + OFF(GVA_57)), false, 0, NULL },
    { "Sv57 over Sv48x4: vsatp root GPA >= 2^50 -> guest-page fault (implicit)",
      s_57_48x4_root_b55, RD, GVA_57, XLATE_EXC_LOAD_GUEST_PAGE, 0,
      HT(GPA_B55 + 8 * VPN(GVA_57, 4)), true, 0, NULL },
    { "Sv57x4: root 16 KiB aligned, PPN[1:0] ignored", s_57_57x4_ppn_low_bits, RD, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, 0, NULL },

    /* Sv57 / Sv57x4 superpages */
    { "superpage: Sv57 VS 256 TiB leaf at level 4", s_57_vs_256t, RD, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, PAGE, NULL },
    { "superpage: Sv57 VS 512 GiB leaf at level 3", s_57_vs_512g, WR, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, PAGE, NULL },
    { "superpage: Sv57 VS 1 GiB leaf at level 2", s_57_vs_1g, EX, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, PAGE, NULL },
    { "superpage: Sv57 VS 2 MiB leaf at level 1", s_57_vs_2m, RD, GVA_57, 0,
      HPA_A + OFF(GVA_57), 0, false, PAGE, NULL },
    { "superpage: Sv57x4 G 256 TiB leaf at level 4 (page size 256 TiB, 1 read)", s_57x4_g_256t,
      RD, GPA_256TG + 0x123456789abcull, 0, HPA_256T + 0x123456789abcull, 0, false, SZ_256T,
      c_g_256t },
    { "superpage: Sv57x4 G 512 GiB leaf at level 3", s_57x4_g_512g, WR,
      GPA_256TG + 3 * SZ_512G + 0x12345678ull, 0, HPA_512G + 0x12345678ull, 0, false, SZ_512G,
      NULL },
    { "superpage: VS 256 TiB over G 256 TiB -> combined page 256 TiB", s_57_vs_256t_g_256t, RD,
      GVA_57, 0, HPA_256T + M48(GVA_57), 0, false, SZ_256T, NULL },
    { "superpage: VS 512 GiB over G 256 TiB -> combined page 512 GiB", s_57_vs_512g_g_256t, RD,
      GVA_57, 0, HPA_256T + 5 * SZ_512G + M39(GVA_57), 0, false, SZ_512G, NULL },
    { "superpage: Sv57 256 TiB at GPA 0 over Sv39x4, offset < 2^41 ok", s_57_vs_256t_39x4, RD,
      GVA_57_LOW, 0, HPA_A + 0xabc, 0, false, PAGE, NULL },
    { "superpage: Sv57 256 TiB at GPA 0 over Sv39x4, offset >= 2^41 -> guest-page fault",
      s_57_vs_256t_39x4, RD, GVA_57, XLATE_EXC_LOAD_GUEST_PAGE, 0, HT(M48(GVA_57)), false, 0,
      NULL },
    { "misaligned superpage: Sv57 VS 256 TiB with PPN[3] != 0 -> page fault", s_57_vs_256t_mis3,
      RD, GVA_57, XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "misaligned superpage: Sv57 VS 256 TiB with PPN[0] != 0 -> store page fault",
      s_57_vs_256t_mis0, WR, GVA_57, XLATE_EXC_STORE_PAGE, 0, 0, false, 0, NULL },
    { "misaligned superpage: Sv57 VS 512 GiB with PPN[1] != 0 -> fetch page fault",
      s_57_vs_512g_mis1, EX, GVA_57, XLATE_EXC_INST_PAGE, 0, 0, false, 0, NULL },
    { "misaligned superpage: Sv57x4 G 256 TiB with PPN[2] != 0 -> guest-page fault",
      s_57x4_g_256t_mis2, RD, GPA_256TG + 0x5008, XLATE_EXC_LOAD_GUEST_PAGE, 0,
      HT(GPA_256TG + 0x5008), false, 0, NULL },
    { "misaligned superpage: Sv57x4 G 256 TiB with PPN[0] != 0 -> guest-page fault",
      s_57x4_g_256t_mis0, WR, GPA_256TG + 0x5008, XLATE_EXC_STORE_GUEST_PAGE, 0,
      HT(GPA_256TG + 0x5008), false, 0, NULL },

    /* Sv57 / Sv57x4 encodings at level 4 */
    { "Sv57: V=0 at the level-4 root entry -> page fault", s_57_l4_v0, RD, GVA_57,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "Sv57: level-4 pointer with A -> page fault", s_57_l4_nonleaf_a, RD, GVA_57,
      XLATE_EXC_LOAD_PAGE, 0, 0, false, 0, NULL },
    { "Sv57x4: level-4 pointer with D -> guest-page fault (implicit: the VS root read)",
      s_57x4_l4_nonleaf_d, RD, GVA_57, XLATE_EXC_LOAD_GUEST_PAGE, 0,
      HT(VS_T0 + 8 * VPN(GVA_57, 4)), true, 0, NULL },
    { "Sv57x4: reserved bit 62 at level 4 -> guest-page fault", s_57x4_l4_rsv, WR, GVA_57,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(VS_T0 + 8 * VPN(GVA_57, 4)), true, 0, NULL },
    { "Sv57: pointer at level 0 -> page fault", s_57_l0_pointer, EX, GVA_57, XLATE_EXC_INST_PAGE,
      0, 0, false, 0, NULL },

    /* Sv57 / Sv57x4 A/D */
    { "Svade: Sv57 VS A=0 -> load page fault", s_57_no_a, RD, GVA_57, XLATE_EXC_LOAD_PAGE, 0, 0,
      false, 0, NULL },
    { "Svade: Sv57x4 G D=0 on a write -> store guest-page fault", s_57x4_no_d, WR, GVA_57,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(GPA_A + OFF(GVA_57)), false, 0, NULL },
    { "Svade: Sv57x4 G D=0 on a read ok", s_57x4_no_d, RD, GVA_57, 0, HPA_A + OFF(GVA_57), 0,
      false, 0, NULL },
    { "Svade: Sv57x4 A=0 on the Sv57 leaf table page -> implicit guest-page fault",
      s_57_pt_page_no_a, RD, GVA_57, XLATE_EXC_LOAD_GUEST_PAGE, 0,
      HT(VS_T4 + 8 * VPN(GVA_57, 0)), true, 0, NULL },
    { "A/D update: Sv57 over Sv57x4 write sets A and D at both stages and on the PTE page",
      s_57_upd_clear_ad, WR, GVA_57, 0, HPA_A + OFF(GVA_57), 0, false, 0, c_57_a_and_d },
    { "A/D update: 256 TiB leaves at both stages, read sets A only", s_57_upd_superpages, RD,
      GVA_57, 0, HPA_256T + M48(GVA_57), 0, false, SZ_256T, c_57_a_only_superpages },

    /* implicit Sv57 PTE accesses */
    { "implicit: G fault on the Sv57 root PTE read, htval = (VS_T0 + 8*VPN[4])>>2",
      s_57_root_unmapped, RD, GVA_57, XLATE_EXC_LOAD_GUEST_PAGE, 0,
      HT(VS_T0 + 8 * VPN(GVA_57, 4)), true, 0, NULL },
    { "implicit: G fault on the Sv57 level-3 PTE read", s_57_l3_unmapped, WR, GVA_57,
      XLATE_EXC_STORE_GUEST_PAGE, 0, HT(VS_T1 + 8 * VPN(GVA_57, 3)), true, 0, NULL },
    { "implicit: Sv57 over Sv39x4, root page not U in G -> fetch guest-page fault",
      s_57_39x4_root_unmapped, EX, GVA_57, XLATE_EXC_INST_GUEST_PAGE, 0,
      HT(VS_T0 + 8 * VPN(GVA_57, 4)), true, 0, NULL },
};

static void run_case(void **state)
{
    const struct xcase *k = *state;
    struct xlate_result r;

    k->setup(&the_world);
    xlate_translate(&the_world.c, &mem, k->addr, k->acc, &r);
    if (r.exc != k->exc || (k->exc == 0 && r.hpa != k->hpa) || r.htval != k->htval ||
        r.implicit != k->implicit || (k->page_size && r.page_size != k->page_size)) {
        fprintf(stderr, "case \"%s\": addr %#llx acc %d\n  want exc=%u hpa=%#llx htval=%#llx "
                "implicit=%d\n", k->rule, (unsigned long long)k->addr, k->acc, k->exc,
                (unsigned long long)k->hpa, (unsigned long long)k->htval, k->implicit);
        print_result(&r);
    }
    assert_int_equal(r.exc, k->exc);
    if (k->exc == 0)
        assert_int_equal(r.hpa, k->hpa);
    else
        assert_int_equal(r.tval, k->addr);
    assert_int_equal(r.htval, k->htval);
    assert_int_equal(r.implicit, k->implicit);
    if (k->exc == XLATE_EXC_LOAD_GUEST_PAGE || k->exc == XLATE_EXC_STORE_GUEST_PAGE ||
        k->exc == XLATE_EXC_INST_GUEST_PAGE)
        assert_int_equal(r.gpa >> 2, k->htval);
    if (k->page_size)
        assert_int_equal(r.page_size, k->page_size);
    if (k->check)
        k->check(&the_world, &r);
}

/* ---- builders -------------------------------------------------------------- */

static void test_builders(void **state)
{
    (void)state;
    assert_int_equal(xlate_make_pte(0x12345, V | R), (0x12345ull << 10) | 3);
    assert_int_equal(xlate_pte_ppn(xlate_make_pte(0xfffffffffffull, V)), 0xfffffffffffull);
    assert_int_equal(xlate_make_satp(XLATE_SATP_MODE_SV48, 0xabcd, 0x80000),
                     (9ull << 60) | (0xabcdull << 44) | 0x80000);
    /* hgatp VMID is 14 bits (57:44); bits 59:58 stay zero */
    assert_int_equal(xlate_make_hgatp(XLATE_HGATP_MODE_SV39X4, 0xffff, 0x80000),
                     (8ull << 60) | (0x3fffull << 44) | 0x80000);
    assert_int_equal(xlate_satp_levels(xlate_make_satp(XLATE_SATP_MODE_SV39, 0, 0)), 3);
    assert_int_equal(xlate_hgatp_levels(xlate_make_hgatp(XLATE_HGATP_MODE_SV48X4, 0, 0)), 4);
    assert_int_equal(xlate_satp_levels(0), 0);
    assert_int_equal(xlate_make_satp(XLATE_SATP_MODE_SV57, 1, 2), (10ull << 60) | (1ull << 44) | 2);
    assert_int_equal(xlate_satp_levels(xlate_make_satp(XLATE_SATP_MODE_SV57, 0, 0)), 5);
    assert_int_equal(xlate_hgatp_levels(xlate_make_hgatp(XLATE_HGATP_MODE_SV57X4, 0, 0)), 5);
    assert_int_equal(xlate_satp_levels(xlate_make_satp(11, 0, 0)), 0);
    assert_int_equal(xlate_hgatp_levels(xlate_make_hgatp(11, 0, 0)), 0);
    assert_int_equal(xlate_level_size(4), 1ull << 48);
}

/* ---- randomized self-consistency ------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/*
 * Random modes, random leaf levels at both stages, random addresses: any
 * address inside the combined page translates to the page's HPA base plus
 * the offset, and the page size is the smaller of the two leaves.
 */
static void test_random_mappings(void **state)
{
    static const unsigned vs_modes[] = { XLATE_SATP_MODE_BARE, XLATE_SATP_MODE_SV39,
                                         XLATE_SATP_MODE_SV48, XLATE_SATP_MODE_SV57 };
    static const unsigned g_modes[] = { XLATE_HGATP_MODE_BARE, XLATE_HGATP_MODE_SV39X4,
                                        XLATE_HGATP_MODE_SV48X4, XLATE_HGATP_MODE_SV57X4 };
    unsigned ok = 0, top_leaves[2] = { 0, 0 }, pairs[4][4];

    memset(pairs, 0, sizeof(pairs));

    (void)state;
    for (int iter = 0; iter < 3000; iter++) {
        struct world *w = &the_world;
        struct xlate_result r;
        unsigned vsi = (unsigned)(rnd() % 4), gi = (unsigned)(rnd() % 4);
        unsigned vsm = vs_modes[vsi], gm = g_modes[gi];
        uint64_t gva, gpa, vs_size = 0, g_size = 0, hpa_base = 0, gpa_limit;
        int vs_level = 0, g_level = 0;

        world_init(w, vsm, gm);
        pairs[vsi][gi]++;
        gpa_limit = w->g_levels ? 1ull << (12 + 9 * w->g_levels + 2) : 1ull << 56;
        if (w->vs_levels && gpa_limit > 1ull << 56)
            gpa_limit = 1ull << 56;     /* a VS leaf's PPN reaches 56-bit GPAs only */
        w->c.ad_mode = rnd() & 1 ? XLATE_AD_UPDATE : XLATE_AD_FAULT;
        w->c.user = rnd() & 1;

        /* G leaf first: a random aligned region not touching the VS tables */
        if (w->g_levels) {
            g_level = (int)(rnd() % w->g_levels);
            g_size = xlate_level_size(g_level);
            top_leaves[1] += g_level == 4;
            do {
                gpa = (rnd() % gpa_limit) & ~(g_size - 1);
            } while (overlaps(gpa, g_size, VS_PT_GPA, 16 * PAGE));
            hpa_base = (rnd() & ((1ull << 56) - 1)) & ~(g_size - 1);
            g_map(w, gpa, hpa_base, g_level, G_LEAF);
            gpa |= rnd() & (g_size - 1);
        } else {
            gpa = rnd() & ((1ull << 56) - 1);
        }

        /* VS leaf: a random canonical GVA whose page holds that GPA */
        if (w->vs_levels) {
            unsigned bits = 12 + 9 * w->vs_levels;
            vs_level = (int)(rnd() % w->vs_levels);
            vs_size = xlate_level_size(vs_level);
            top_leaves[0] += vs_level == 4;
            gva = rnd();
            gva = (uint64_t)((int64_t)(gva << (64 - bits)) >> (64 - bits));
            gva = (gva & ~(vs_size - 1)) | (gpa & (vs_size - 1));
            vs_map(w, gva, gpa & ~(vs_size - 1), vs_level,
                   VS_LEAF | (w->c.user ? U : 0));
        } else {
            gva = gpa;
        }

        uint64_t want_size = vs_size && g_size ? (vs_size < g_size ? vs_size : g_size)
                                               : (vs_size | g_size) ? (vs_size | g_size) : PAGE;
        uint64_t want_hpa = w->g_levels ? hpa_base + (gpa & (g_size - 1)) : gpa;
        enum xlate_access acc = (enum xlate_access)(rnd() % 3);

        xlate_translate(&w->c, &mem, gva, acc, &r);
        if (r.exc != 0 || r.hpa != want_hpa || r.page_size != want_size) {
            fprintf(stderr, "iter %d vs mode %u L%d g mode %u L%d gva %#llx gpa %#llx "
                    "want hpa %#llx size %#llx\n", iter, vsm, vs_level, gm, g_level,
                    (unsigned long long)gva, (unsigned long long)gpa,
                    (unsigned long long)want_hpa, (unsigned long long)want_size);
            print_result(&r);
        }
        assert_int_equal(r.exc, 0);
        assert_int_equal(r.hpa, want_hpa);
        assert_int_equal(r.gpa, gpa);
        assert_int_equal(r.page_size, want_size);

        /* another address in the same combined page: same base, its own offset */
        uint64_t off = rnd() & (want_size - 1);
        uint64_t gva2 = (gva & ~(want_size - 1)) | off;
        xlate_translate(&w->c, &mem, gva2, XLATE_READ, &r);
        assert_int_equal(r.exc, 0);
        assert_int_equal(r.hpa, (want_hpa & ~(want_size - 1)) | off);
        ok++;
    }
    assert_int_equal(ok, 3000);
    /* every mode pair, and 256 TiB leaves at both stages, were reached */
    for (unsigned i = 0; i < 4; i++)
        for (unsigned j = 0; j < 4; j++)
            assert_true(pairs[i][j] >= 50);
    assert_true(top_leaves[0] >= 50 && top_leaves[1] >= 50);
}

/*
 * Random page-table memory: whatever the PTEs hold, the walk ends within
 * the read bound, the exception code matches the access type and the stage
 * that can raise it, and a fault-mode walk is a pure function of memory.
 */
static bool exc_fits(uint32_t exc, enum xlate_access acc)
{
    static const uint32_t fits[3][4] = {
        [XLATE_READ]  = { 0, XLATE_EXC_LOAD_ACCESS, XLATE_EXC_LOAD_PAGE, XLATE_EXC_LOAD_GUEST_PAGE },
        [XLATE_WRITE] = { 0, XLATE_EXC_STORE_ACCESS, XLATE_EXC_STORE_PAGE,
                          XLATE_EXC_STORE_GUEST_PAGE },
        [XLATE_EXEC]  = { 0, XLATE_EXC_INST_ACCESS, XLATE_EXC_INST_PAGE, XLATE_EXC_INST_GUEST_PAGE },
    };
    for (int i = 0; i < 4; i++)
        if (fits[acc][i] == exc)
            return true;
    return false;
}

static uint64_t random_pte(void)
{
    uint64_t ppn = rnd() % 10 ? (HBASE >> 12) + rnd() % 16 : rnd() & XLATE_PTE_PPN_MASK;
    uint64_t flags = rnd() & 0x3ff;

    if (rnd() % 4)
        flags |= V;
    if (rnd() % 2)                       /* many pointers, so walks go deep */
        flags &= ~(R | W | X | A | D | U);
    else
        flags |= A | D | (rnd() % 4 ? U : 0);
    if (rnd() % 16 == 0)
        flags |= (rnd() & 0x3ff) << 54;  /* reserved bits */
    return xlate_make_pte(ppn, flags);
}

static void test_random_memory(void **state)
{
    static const unsigned vs_modes[] = { XLATE_SATP_MODE_BARE, XLATE_SATP_MODE_SV39,
                                         XLATE_SATP_MODE_SV48, XLATE_SATP_MODE_SV57 };
    static const unsigned g_modes[] = { XLATE_HGATP_MODE_BARE, XLATE_HGATP_MODE_SV39X4,
                                        XLATE_HGATP_MODE_SV48X4, XLATE_HGATP_MODE_SV57X4 };
    unsigned seen_ok = 0, seen_page = 0, seen_guest = 0, seen_implicit = 0, seen_access = 0;
    unsigned max_reads = 0;

    (void)state;
    for (int iter = 0; iter < 20000; iter++) {
        struct xlate_ctx c;
        struct xlate_result r, r2;
        enum xlate_access acc = (enum xlate_access)(rnd() % 3);
        uint64_t addr = rnd();

        if (iter % 200 == 0) {          /* fresh random memory now and then */
            for (unsigned pg = 0; pg < 16; pg++)
                for (unsigned i = 0; i < 512; i++)
                    tm.page[pg][i] = random_pte();
        }
        memset(&c, 0, sizeof(c));
        c.vsatp = xlate_make_satp(vs_modes[rnd() % 4], 1, (HBASE >> 12) + rnd() % 16);
        c.hgatp = xlate_make_hgatp(g_modes[rnd() % 4], 1, HBASE >> 12);
        c.virt = rnd() % 4 != 0;
        c.user = rnd() & 1;
        c.sum = rnd() & 1;
        c.vmxr = rnd() & 1;
        c.mxr = rnd() & 1;
        c.hlvx = acc == XLATE_READ && rnd() % 4 == 0;
        c.ad_mode = XLATE_AD_FAULT;
        if (rnd() & 1)                   /* small addresses reach mapped entries more often */
            addr &= rnd() % 2 ? 0x7fffffffffull : rnd() % 2 ? 0x1ffffffffffull : 0x7ffffffffffffffull;

        xlate_translate(&c, &mem, addr, acc, &r);
        assert_true(exc_fits(r.exc, acc));
        assert_true(r.pte_reads <= 5 * (5 + 1) + 5);
        if (r.pte_reads > max_reads)
            max_reads = r.pte_reads;
        if (r.exc == 0) {
            seen_ok++;
            assert_int_equal(r.hpa & 0xfff, addr & 0xfff);
            assert_true(r.page_size >= PAGE && (r.page_size & (r.page_size - 1)) == 0);
            assert_int_equal(r.hpa & (r.page_size - 1), r.gpa & (r.page_size - 1));
            if (c.virt)
                assert_int_equal(r.gpa & (r.page_size - 1), addr & (r.page_size - 1));
        } else {
            assert_int_equal(r.tval, addr);
        }
        if (r.exc == XLATE_EXC_LOAD_PAGE || r.exc == XLATE_EXC_STORE_PAGE ||
            r.exc == XLATE_EXC_INST_PAGE) {
            seen_page++;
            assert_true(c.virt && xlate_satp_levels(c.vsatp) != 0);
        }
        if (r.exc == XLATE_EXC_LOAD_GUEST_PAGE || r.exc == XLATE_EXC_STORE_GUEST_PAGE ||
            r.exc == XLATE_EXC_INST_GUEST_PAGE) {
            seen_guest++;
            seen_implicit += r.implicit;
            assert_int_equal(r.htval, r.gpa >> 2);
            assert_true(xlate_hgatp_levels(c.hgatp) != 0);
        } else {
            assert_int_equal(r.htval, 0);
            assert_false(r.implicit);
        }
        if (r.exc == XLATE_EXC_LOAD_ACCESS || r.exc == XLATE_EXC_STORE_ACCESS ||
            r.exc == XLATE_EXC_INST_ACCESS)
            seen_access++;

        xlate_translate(&c, &mem, addr, acc, &r2);   /* Svade walks write nothing */
        assert_int_equal(r2.exc, r.exc);
        assert_int_equal(r2.hpa, r.hpa);
        assert_int_equal(r2.pte_reads, r.pte_reads);
    }
    print_message("random memory: %u ok, %u page, %u guest-page (%u implicit), %u access faults; "
                  "max %u PTE reads\n", seen_ok, seen_page, seen_guest, seen_implicit, seen_access,
                  max_reads);
    /* the fuzz must reach every outcome, or it proves little */
    assert_true(seen_ok > 0 && seen_page > 0 && seen_guest > 0 && seen_implicit > 0 &&
                seen_access > 0);
}

int main(void)
{
    size_t n = sizeof(cases) / sizeof(cases[0]);
    struct CMUnitTest *t = calloc(n, sizeof(*t));
    const struct CMUnitTest other[] = {
        cmocka_unit_test(test_builders),
        cmocka_unit_test(test_random_mappings),
        cmocka_unit_test(test_random_memory),
    };
    int failed;

    assert_non_null(t);
    for (size_t i = 0; i < n; i++) {
        t[i].name = cases[i].rule;
        t[i].test_func = run_case;
        t[i].initial_state = (void *)&cases[i];
    }
    failed = _cmocka_run_group_tests("xlate_directed", t, n, NULL, NULL);
    failed += cmocka_run_group_tests_name("xlate_other", other, NULL, NULL);
    free(t);
    return failed ? 1 : 0;
}
