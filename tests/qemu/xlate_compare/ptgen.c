/*
 * Random two-stage page tables for the comparison. Everything is built in the
 * arena with plain stores (HS-mode runs with satp Bare, so an HPA is a
 * pointer). The G-stage maps a GPA window one to one onto host memory (leaves
 * of random size and random, mostly usable, permissions); the VS-stage maps
 * random GVAs onto data pages in that window, onto GPAs the G-stage does not
 * map, and onto misaligned superpages. Junk PTEs (reserved bits, A/D/U on
 * pointers, pointers outside RAM, noise) are dropped into empty slots last.
 */
#include "xc.h"

static volatile uint64_t *word(uint64_t hpa)
{
    return (volatile uint64_t *)(uintptr_t)hpa;
}

static uint64_t pool_alloc(struct xc_gen *g, uint64_t bytes)
{
    uint64_t hpa = (g->pool_next + bytes - 1) & ~(bytes - 1);

    if (hpa + bytes > POOL_END) {
        g->pool_full = true;
        return 0;
    }
    for (uint64_t a = hpa; a < hpa + bytes; a += 8)
        *word(a) = 0;
    g->pool_next = hpa + bytes;
    return hpa;
}

static unsigned levels_of(const struct xc_gen *g, int stage)
{
    return stage == XLATE_STAGE_VS ? g->vs_levels : g->g_levels;
}

static unsigned addr_bits(const struct xc_gen *g, int stage)
{
    return 12 + 9 * levels_of(g, stage) + (stage == XLATE_STAGE_G ? 2 : 0);
}

static uint64_t canonical(const struct xc_gen *g, uint64_t va)
{
    unsigned unused = 64 - addr_bits(g, XLATE_STAGE_VS);

    return (uint64_t)((int64_t)(va << unused) >> unused);
}

static uint64_t index_of(const struct xc_gen *g, int stage, uint64_t addr, int level)
{
    unsigned bits = 9;

    if (stage == XLATE_STAGE_G && level == (int)g->g_levels - 1)
        bits += 2;   /* the x4 root */
    return (addr >> (12 + 9 * level)) & ((1ull << bits) - 1);
}

static void note_table(struct xc_gen *g, uint64_t hpa, uint64_t prefix, int stage, int level)
{
    if (g->n_tables < XC_MAX_TABLES)
        g->tables[g->n_tables++] = (struct xc_table){ hpa, prefix, (uint8_t)stage, (int8_t)level };
}

/* A pointer PTE this builder wrote (and can follow): V only, to a pool page. */
static bool own_pointer(const struct xc_gen *g, int stage, uint64_t pte, uint64_t *child)
{
    uint64_t a = xlate_pte_ppn(pte) << 12;

    if ((pte & 0x3ff) != XLATE_PTE_V || (pte & XLATE_PTE_RESERVED))
        return false;
    if (stage == XLATE_STAGE_VS) {
        if (a >= g->window && a - g->window < WINDOW_SIZE)
            a -= g->window;
        else if (a >= g->unmapped_window && a - g->unmapped_window < WINDOW_SIZE)
            a -= g->unmapped_window;
        else
            return false;
    }
    if (a < POOL_BASE || a >= POOL_END)
        return false;
    *child = a;
    return true;
}

static void g_ensure(struct xc_gen *g, uint64_t gpa);

/*
 * The slot for `addr` at `level`, creating tables on the way; 0 when the
 * path is blocked by a leaf or junk, or the pool is full. A new VS table is
 * usually seen by the guest inside the G-stage window (and mapped there), and
 * sometimes at a GPA the G-stage does not map (an implicit-access fault).
 */
static uint64_t slot_for(struct xc_gen *g, int stage, uint64_t addr, int level)
{
    uint64_t table = stage == XLATE_STAGE_VS ? g->vs_root : g->g_root;

    for (int l = (int)levels_of(g, stage) - 1; l > level; l--) {
        uint64_t slot = table + 8 * index_of(g, stage, addr, l);
        uint64_t pte = *word(slot), child;

        if (pte == 0) {
            uint64_t seen_at;

            child = pool_alloc(g, KIB4);
            if (!child)
                return 0;
            seen_at = child;
            if (stage == XLATE_STAGE_VS) {
                bool hidden = rng_percent(g->rng, 3);
                seen_at += hidden ? g->unmapped_window : g->window;
                if (!hidden)
                    g_ensure(g, seen_at);
            }
            *word(slot) = xlate_make_pte(seen_at >> 12, XLATE_PTE_V);
            note_table(g, child, addr & ~((1ull << (12 + 9 * l)) - 1), stage, l - 1);
        } else if (!own_pointer(g, stage, pte, &child)) {
            return 0;
        }
        table = child;
    }
    return table + 8 * index_of(g, stage, addr, level);
}

/* Leaf permissions: usually usable, sometimes broken in one way. A/D random
 * (QEMU and the model both set them in hardware). */
static uint64_t leaf_flags(struct xc_gen *g, int stage, int level, bool pt_pages, bool *misalign)
{
    struct rng *r = g->rng;
    unsigned kind;
    uint64_t f = XLATE_PTE_V | XLATE_PTE_R;
    unsigned bad = stage == XLATE_STAGE_G ? (level == 0 ? 12 : 4) : 15;

    *misalign = false;
    if (rng_percent(r, 50)) f |= XLATE_PTE_A;
    if (rng_percent(r, 50)) f |= XLATE_PTE_D;
    if (stage == XLATE_STAGE_G) {
        f |= XLATE_PTE_W | XLATE_PTE_U;
        if (rng_percent(r, 60)) f |= XLATE_PTE_X;
    } else {
        static const uint8_t rwx[] = { 2, 6, 6, 6, 10, 14, 14, 8, 8 };  /* R RW RX RWX X */
        f = (f & ~(uint64_t)0xe) | rwx[rng_below(r, sizeof(rwx))];
        if (rng_percent(r, 50)) f |= XLATE_PTE_U;
        if (rng_percent(r, 20)) f |= XLATE_PTE_G;
    }
    if (!rng_percent(r, bad))
        return f;
    if (pt_pages) {
        /* readable means writable here: QEMU sets A/D in VS PTEs without a
         * G-stage write (dev6), so a read-only G page under VS tables would
         * be a difference in kind, not in A/D bits */
        static const uint8_t kinds[] = { 0, 3, 4, 5, 6 };
        kind = kinds[rng_below(r, sizeof(kinds))];
    } else {
        kind = (unsigned)rng_below(r, 7);
    }
    switch (kind) {
    case 0: return f ^ XLATE_PTE_U;                                  /* U flipped */
    case 1: return (f & ~(XLATE_PTE_R | XLATE_PTE_W)) | XLATE_PTE_X; /* execute-only */
    case 2: return f & ~XLATE_PTE_W;                                 /* read-only */
    case 3: return (f & ~(XLATE_PTE_R | XLATE_PTE_X)) | XLATE_PTE_W; /* W-only: reserved */
    case 4: return f & ~XLATE_PTE_V;                                 /* invalid */
    case 5: return f | (1ull << (54 + rng_below(r, 10)));            /* reserved bits 63:54 */
    default:
        *misalign = level > 0;
        return f;
    }
}

static uint64_t misaligned_ppn(struct xc_gen *g, uint64_t ppn, int level)
{
    return ppn | (1ull << rng_below(g->rng, 9 * level));
}

/* Map the G-stage window page holding `gpa` (mirror: HPA = GPA - window) with a
 * leaf of random size, unless something already covers or blocks it. Never
 * maps host addresses below RAM (devices), and never the window's top part
 * that a 512 GiB leaf would stretch to. */
static void g_ensure(struct xc_gen *g, uint64_t gpa)
{
    uint64_t table = g->g_root, off = gpa - g->window;

    if (gpa < g->window || off >= WINDOW_SIZE || off < RAM_BASE)
        return;
    for (int l = (int)g->g_levels - 1; l >= 0; l--) {
        uint64_t slot = table + 8 * index_of(g, XLATE_STAGE_G, gpa, l);
        uint64_t pte = *word(slot), size = xlate_level_size(l), base = gpa & ~(size - 1);

        if (pte == 0) {
            /* a leaf only where it maps no device space (a 512 GiB or 256 TiB
             * leaf only at a window aligned to its size: it maps HPA 0 up, but
             * every probe through it aims at RAM or is skipped) */
            bool can_leaf = l >= 3 ? base == g->window : base - g->window >= RAM_BASE;

            if (l == 0 || (can_leaf && rng_percent(g->rng, g->g_leaf_percent[l]))) {
                bool mis;
                bool pt = base - g->window < POOL_END && base - g->window + size > POOL_BASE;
                uint64_t f = leaf_flags(g, XLATE_STAGE_G, l, pt, &mis);
                uint64_t ppn = (base - g->window) >> 12;

                if (mis)
                    ppn = misaligned_ppn(g, ppn, l);
                *word(slot) = xlate_make_pte(ppn, f);
                g->n_g_leaves++;
                return;
            }
            uint64_t child = pool_alloc(g, KIB4);
            if (!child)
                return;
            *word(slot) = xlate_make_pte(child >> 12, XLATE_PTE_V);
            note_table(g, child, base, XLATE_STAGE_G, l - 1);
            table = child;
        } else if (!own_pointer(g, XLATE_STAGE_G, pte, &table)) {
            return;   /* a leaf (covers it, perhaps badly) or junk */
        }
    }
}

static void add_addr(struct xc_gen *g, uint64_t gva)
{
    if (g->n_addrs < XC_MAX_ADDRS)
        g->addrs[g->n_addrs++] = gva & ~7ull;
}

/* A probe address inside a leaf mapping GVA `va` -> GPA `gpa` of `size`; the
 * G-stage gets a mapping for the page actually probed. */
static void probe_in_leaf(struct xc_gen *g, uint64_t va, uint64_t gpa, uint64_t size)
{
    uint64_t off = rng_below(g->rng, size);
    uint64_t scratch_off = SCRATCH_BASE + rng_below(g->rng, RAM_END - SCRATCH_BASE);

    /* big leaves: aim mostly at the scratch area of the mirror */
    if (size >= GIB1 && rng_percent(g->rng, 85) && gpa <= g->window + scratch_off &&
        g->window + scratch_off - gpa < size)
        off = g->window + scratch_off - gpa;
    g_ensure(g, gpa + off);
    add_addr(g, va + off);
}

static int pick_level(struct xc_gen *g)
{
    unsigned r = (unsigned)rng_below(g->rng, 100);

    if (r < 50) return 0;
    if (r < 75) return 1;
    if (r < 92 || g->vs_levels < 4) return 2;
    if (r < 96 || g->vs_levels < 5) return 3;
    return 4;                               /* Sv57: a 256 TiB leaf */
}

/* GPAs a VS-stage PTE can name: its PPN has 44 bits */
static uint64_t vs_gpa_space(const struct xc_gen *g)
{
    uint64_t s = 1ull << addr_bits(g, XLATE_STAGE_G);

    return s > (1ull << 56) ? 1ull << 56 : s;
}

/* The GPA a new VS leaf of `level` points at (aligned to its size). */
static uint64_t vs_target(struct xc_gen *g, int level)
{
    uint64_t size = xlate_level_size(level);
    uint64_t gpa_space = vs_gpa_space(g);
    unsigned r = (unsigned)rng_below(g->rng, 100);

    if (r < 88) {
        uint64_t lo = (SCRATCH_BASE + size - 1) & ~(size - 1);
        uint64_t h = RAM_END > lo + size ? lo + rng_below(g->rng, (RAM_END - lo) / size) * size : 0;
        if (level >= 2)
            return (g->window + RAM_BASE) & ~(size - 1);
        return g->window + h;
    }
    /* somewhere the G-stage most likely does not map */
    return rng_below(g->rng, gpa_space) & ~(size - 1);
}

static void add_vs_leaf(struct xc_gen *g)
{
    int level = pick_level(g);
    uint64_t size = xlate_level_size(level);
    uint64_t va = canonical(g, rng_next(g->rng) & ~(size - 1));
    uint64_t slot = slot_for(g, XLATE_STAGE_VS, va, level);
    uint64_t gpa, ppn, f;
    bool mis;

    if (!slot || *word(slot) != 0)
        return;
    gpa = vs_target(g, level);
    f = leaf_flags(g, XLATE_STAGE_VS, level, false, &mis);
    ppn = gpa >> 12;
    if (mis)
        ppn = misaligned_ppn(g, ppn, level);
    *word(slot) = xlate_make_pte(ppn, f);
    g->n_vs_leaves++;
    for (unsigned k = level == 0 ? 2 : 4; k; k--)
        probe_in_leaf(g, va, gpa, size);
}

/* A junk PTE for an empty slot of a table at `level`. */
static uint64_t junk_pte(struct xc_gen *g, int stage, int level)
{
    struct rng *r = g->rng;
    uint64_t hole = (HOLE_PTE_BASE >> 12) + rng_below(r, 4096);
    uint64_t rwx_all = XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U;
    uint64_t ad = XLATE_PTE_A | XLATE_PTE_D;

    switch (rng_below(r, 5)) {
    case 0:   /* a pointer to a table outside RAM: the next PTE read is an access fault */
        if (stage == XLATE_STAGE_VS) {
            uint64_t gpa = g->window + (hole << 12);
            g_ensure(g, gpa);
            return xlate_make_pte(gpa >> 12, XLATE_PTE_V);
        }
        return xlate_make_pte(hole, XLATE_PTE_V);
    case 1:   /* a usable-looking leaf with a reserved bit */
        return xlate_make_pte((g->window + SCRATCH_BASE) >> 12, XLATE_PTE_V | rwx_all | ad) |
               (1ull << (54 + rng_below(r, 10)));
    case 2:   /* a pointer with A, D or U set (reserved on non-leaf PTEs) */
    {
        unsigned bits = 1 + (unsigned)rng_below(r, 7);   /* a nonzero subset of A, D, U */
        return xlate_make_pte(g->vs_root >> 12, XLATE_PTE_V | (bits & 1 ? XLATE_PTE_A : 0) |
                              (bits & 2 ? XLATE_PTE_D : 0) | (bits & 4 ? XLATE_PTE_U : 0));
    }
    case 3:   /* a leaf whose superpage is misaligned (a pointer at level 0) */
        return xlate_make_pte(((g->window + SCRATCH_BASE) >> 12) | 1,
                              XLATE_PTE_V | (level > 0 ? rwx_all | ad : 0));
    default:  /* flag noise over an in-window page */
        return xlate_make_pte((g->window + SCRATCH_BASE) >> 12, rng_below(r, 256) | XLATE_PTE_V);
    }
}

static void add_junk(struct xc_gen *g)
{
    const struct xc_table *t = &g->tables[rng_below(g->rng, g->n_tables)];
    unsigned n_idx = (t->stage == XLATE_STAGE_G && t->level == (int)g->g_levels - 1) ? 2048 : 512;
    uint64_t idx = rng_below(g->rng, n_idx);
    uint64_t slot = t->hpa + 8 * idx, shift = 12 + 9 * (uint64_t)t->level;
    uint64_t addr = t->prefix | idx << shift | (rng_next(g->rng) & ((1ull << shift) - 1));

    if (*word(slot) != 0)
        return;
    *word(slot) = junk_pte(g, t->stage, t->level);
    g->n_junk++;
    if (t->stage == XLATE_STAGE_VS) {
        add_addr(g, canonical(g, addr));
        return;
    }
    /* reach the G-stage junk from a fresh, well-formed VS leaf */
    uint64_t va = canonical(g, rng_next(g->rng) & ~(KIB4 - 1));
    uint64_t vslot = slot_for(g, XLATE_STAGE_VS, va, 0);
    if (!vslot || *word(vslot) != 0)
        return;
    *word(vslot) = xlate_make_pte(addr >> 12, XLATE_PTE_V | XLATE_PTE_R | XLATE_PTE_W |
                                  XLATE_PTE_X | XLATE_PTE_U);
    add_addr(g, va | (addr & (KIB4 - 1)));
}

void xc_gen_build(struct xc_gen *g, unsigned vs_mode, unsigned g_mode, uint16_t asid,
                  uint16_t vmid, unsigned n_leaves, unsigned n_junk)
{
    struct rng *r = g->rng;
    uint64_t gpa_space;

    g->vs_mode = vs_mode;
    g->g_mode = g_mode;
    g->vs_levels = xlate_satp_levels(xlate_make_satp(vs_mode, 0, 0));
    g->g_levels = xlate_hgatp_levels(xlate_make_hgatp(g_mode, 0, 0));
    g->pool_next = POOL_BASE;
    g->pool_full = false;
    g->n_tables = g->n_addrs = 0;
    g->n_vs_leaves = g->n_g_leaves = g->n_junk = 0;

    /* two distinct windows in the guest physical space a VS PTE can name
     * (Sv57x4's GPAs above 2^56 are reached only by junk and random probes) */
    gpa_space = vs_gpa_space(g);
    /* mostly in the lower half of the GPA space: QEMU 7.2 faults on every GPA
     * with the top bit set (dev10), which would hide the rest of the walk */
    g->window = rng_below(r, gpa_space / 2 / WINDOW_SIZE) * WINDOW_SIZE;
    if (rng_percent(r, 20))
        g->window += gpa_space / 2;
    if (g->g_levels >= 4 && rng_percent(r, 30))
        g->window &= ~(xlate_level_size(3) - 1);   /* room for a 512 GiB G-stage leaf */
    if (g->g_levels == 5 && rng_percent(r, 30))
        g->window &= ~(xlate_level_size(4) - 1);   /* room for a 256 TiB G-stage leaf */
    do {
        g->unmapped_window = rng_below(r, gpa_space / WINDOW_SIZE) * WINDOW_SIZE;
    } while (g->unmapped_window == g->window);

    /* how eagerly this round's G-stage uses superpages */
    g->g_leaf_percent[0] = 100;
    g->g_leaf_percent[1] = (unsigned)rng_below(r, 3) * 40;   /* 0, 40 or 80 % */
    g->g_leaf_percent[2] = (unsigned)rng_below(r, 2) * 50;   /* 0 or 50 % */
    g->g_leaf_percent[3] = 50;
    g->g_leaf_percent[4] = 50;

    g->g_root = pool_alloc(g, 4 * KIB4);   /* the x4 root: 16 KiB, 16 KiB aligned */
    note_table(g, g->g_root, 0, XLATE_STAGE_G, (int)g->g_levels - 1);
    g->vs_root = pool_alloc(g, KIB4);
    note_table(g, g->vs_root, 0, XLATE_STAGE_VS, (int)g->vs_levels - 1);
    g_ensure(g, g->window + g->vs_root);

    for (unsigned i = 0; i < n_leaves && !g->pool_full; i++)
        add_vs_leaf(g);
    for (unsigned i = 0; i < n_junk && !g->pool_full; i++)
        add_junk(g);
    /* a few addresses nobody mapped, some of them not even canonical */
    for (unsigned i = 0; i < 16; i++)
        add_addr(g, rng_percent(r, 50) ? rng_next(r) : canonical(g, rng_next(r)));

    g->vsatp = xlate_make_satp(vs_mode, asid, (g->window + g->vs_root) >> 12);
    g->hgatp = xlate_make_hgatp(g_mode, vmid, g->g_root >> 12);
}
