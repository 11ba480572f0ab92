/* C model of the VIC: see vic_model.h. Mirrors rtl/vic/ cycle by cycle.
 *
 * A cycle first computes everything from the current state (bus response,
 * the one register write a bus access can make, gateway requests, outputs)
 * and then updates the state in place, as the RTL's flops do at the edge.
 * No struct copies or array initialisers: they would become memcpy/memset
 * calls, which the freestanding hypervisor does not have. */
#include "vic_model/vic_model.h"

#define BIT64(i) ((uint64_t)1 << (i))

static int bit_get(const uint32_t *map, uint32_t i) { return (map[i / 32] >> (i % 32)) & 1; }

static void bit_put(uint32_t *map, uint32_t i, int v)
{
    map[i / 32] = (map[i / 32] & ~(1u << (i % 32))) | ((uint32_t)(v != 0) << (i % 32));
}

static uint32_t strb_mask(uint32_t wstrb)
{
    uint32_t m = 0;
    for (uint32_t b = 0; b < 4; b++)
        if (wstrb & (1u << b))
            m |= 0xffu << (8 * b);
    return m;
}

/* what a partial write leaves in a register that reads `old` */
static uint32_t merge(uint32_t old, const struct vic_bus_req *r)
{
    uint32_t m = strb_mask(r->wstrb);
    return (old & ~m) | (r->wdata & m);
}

int vic_model_init(struct vic_model *m, const struct vic_params *p)
{
    if (p->guests < 1 || p->guests > VIC_MAX_GUESTS || p->ids < 2 || p->ids > VIC_MAX_IDS ||
        (p->ids & (p->ids - 1)) != 0 || p->sources < 1 || p->sources > VIC_MAX_SOURCES ||
        p->vcpus < 1 || p->vcpus > VIC_MAX_VCPUS || p->prio_bits < 1 ||
        p->prio_bits > VIC_MAX_PRIO_BITS || p->ctxs < 1 || p->ctxs > VIC_MAX_CTXS ||
        (p->ctxs & (p->ctxs - 1)) != 0)
        return -1;
    volatile uint8_t *raw = (volatile uint8_t *)m;   /* volatile: no memset */
    for (uint32_t i = 0; i < sizeof(*m); i++)
        raw[i] = 0;
    m->p = *p;
    for (uint32_t u = 0; u < p->guests * p->ctxs; u++)
        m->ctx[u].line = u / p->ctxs;   /* context k of guest g on line g */
    return 0;
}

static uint64_t ids_mask(const struct vic_model *m)
{
    uint64_t all = m->p.ids >= 64 ? ~(uint64_t)0 : BIT64(m->p.ids) - 1;
    return all & ~(uint64_t)1;   /* id 0 is reserved */
}

static uint32_t prio_mask(const struct vic_model *m) { return (1u << m->p.prio_bits) - 1; }

static uint32_t line_mask(const struct vic_model *m)
{
    uint32_t w = 1;
    while ((1u << w) < m->p.guests)
        w++;
    return (1u << w) - 1;
}

/* unit u's best id */
static uint32_t file_best(const struct vic_model *m, uint32_t u)
{
    const struct vic_file *fl = &m->file[vic_model_unit_file(m, u)];
    const struct vic_ctx *cx = &m->ctx[u];
    uint32_t best = 0, best_prio = 0;
    uint64_t cand = fl->pending & cx->enable;
    for (uint32_t id = 1; id < m->p.ids; id++) {
        uint32_t pr = fl->prio[id];
        /* strictly greater: the lowest id wins a tie */
        if ((cand & BIT64(id)) && pr > cx->threshold && pr > best_prio) {
            best = id;
            best_prio = pr;
        }
    }
    return best;
}

uint32_t vic_model_best(const struct vic_model *m, uint32_t u) { return file_best(m, u); }

/* guests with a context whose registered best is valid (GUEST_EIP); with
 * `idle`, only contexts that do not run (WAKE) */
static uint32_t guests_eip(const struct vic_model *m, int idle)
{
    uint32_t eip = 0;
    for (uint32_t u = 0; u < m->p.guests * m->p.ctxs; u++)
        if (m->best_v[u] && !(idle && m->ctx[u].run))
            eip |= 1u << vic_model_unit_file(m, u);
    return eip;
}

static uint32_t running_bits(const struct vic_model *m)
{
    uint32_t r = 0;
    for (uint32_t g = 0; g < m->p.guests; g++)
        r |= (uint32_t)(m->ctx[g * m->p.ctxs].run != 0) << g;
    return r;
}

int vic_model_route_decode(const struct vic_params *p, uint32_t r, struct vic_route *d)
{
    uint32_t guest = (r >> VIC_ROUTE_GUEST_SHIFT) & VIC_ROUTE_GUEST_MASK;
    int to_hyp = (r & VIC_ROUTE_TO_HYP) != 0;
    d->vid = (r >> VIC_ROUTE_VID_SHIFT) & VIC_ROUTE_VID_MASK;
    d->edge = (r & VIC_ROUTE_EDGE) != 0;
    d->file = to_hyp ? p->guests : guest;
    d->valid = (r & VIC_ROUTE_ENABLE) && d->vid != 0 && d->vid < p->ids &&
               (to_hyp || guest < p->guests);
    return d->valid;
}

int vic_model_decodes(const struct vic_params *p, uint32_t addr)
{
    if (addr >= VIC_HYP_BASE && addr < VIC_HYP_BASE + VIC_HYP_SIZE)
        return 1;
    return addr >= VIC_GUEST_BASE && addr < VIC_GUEST_BASE + p->guests * VIC_GUEST_STRIDE;
}

/* The state change one bus access asks for; applied at the end of the cycle. */
enum vic_write {
    W_NONE, W_RUNNING, W_THRESH, W_PRIO, W_ENABLE, W_ROUTE, W_CLAIM, W_COMPLETE, W_INJECT,
    W_LINE
};

struct bus_effect {
    enum vic_write what;
    uint32_t file;    /* the file concerned */
    uint32_t unit;    /* the context concerned (threshold, enables, claim, LINE) */
    uint32_t idx;     /* id, enable word or source */
    uint32_t value;   /* merged write data, or the claimed / completed / injected id */
    int inval;        /* a write to the context's enables or threshold or the
                       * file's priorities: its registered best is emptied */
    int inval_file;   /* a write to the file's priorities: every context's is */
};

/* A file's PLIC-like registers, common to the guest windows and the
 * hypervisor region. */
enum file_reg { R_PRIO, R_PENDING, R_ENABLE };

static uint32_t file_read(const struct vic_model *m, uint32_t u, enum file_reg k, uint32_t idx)
{
    const struct vic_file *fl = &m->file[vic_model_unit_file(m, u)];
    if (k == R_PRIO)
        return idx < m->p.ids ? fl->prio[idx] : 0;
    if (idx >= 2)
        return 0;
    return (uint32_t)((k == R_PENDING ? fl->pending : m->ctx[u].enable) >> (32 * idx));
}

/* a read or write of a file register of unit u (priorities and pending: its
 * file's): rd is the current value */
static void file_access(const struct vic_model *m, uint32_t u, enum file_reg k, uint32_t idx,
                        int wr, const struct vic_bus_req *r, uint32_t *rd,
                        struct bus_effect *fx)
{
    *rd = file_read(m, u, k, idx);
    if (!wr || k == R_PENDING)
        return;                               /* pending bits are read-only */
    fx->inval = 1;                            /* even a write that changes nothing */
    fx->inval_file = k == R_PRIO;
    if (k == R_PRIO && (idx == 0 || idx >= m->p.ids))
        return;                               /* id 0 and absent ids: no priority */
    fx->what = k == R_PRIO ? W_PRIO : W_ENABLE;
    fx->file = vic_model_unit_file(m, u);
    fx->unit = u;
    fx->idx = idx;
    fx->value = merge(*rd, r);
}

static void claim_access(const struct vic_model *m, uint32_t u, const struct vic_bus_req *r,
                         int wr, uint32_t *rd, struct bus_effect *fx)
{
    fx->file = vic_model_unit_file(m, u);
    fx->unit = u;
    if (r->we) {
        if (wr) {
            fx->what = W_COMPLETE;
            fx->value = r->wdata;             /* the full word: an id, not a mask */
        }
    } else {
        /* the context's registered best, still pending by construction */
        *rd = m->best_v[u] ? m->best_id[u] : 0;
        if (*rd) {
            fx->what = W_CLAIM;
            fx->value = *rd;
        }
    }
}

/* hypervisor region; returns 1 on a bus error */
static int hyp_access(const struct vic_model *m, uint32_t o, const struct vic_bus_req *r,
                      int wr, uint32_t *rd, struct bus_effect *fx)
{
    const uint32_t hf = m->p.guests * m->p.ctxs;   /* the hypervisor file's unit */

    if (o == VIC_INFO0) {
        *rd = m->p.guests | m->p.vcpus << 8 | m->p.prio_bits << 16 | VIC_VERSION << 24;
    } else if (o == VIC_INFO1) {
        *rd = m->p.ids | m->p.sources << 16;
    } else if (o == VIC_INFO2) {
        *rd = m->p.ctxs | m->p.guests << 8;
    } else if (o == VIC_RUNNING) {
        *rd = running_bits(m);
        if (wr) {
            fx->what = W_RUNNING;
            fx->value = merge(*rd, r) & ((1u << m->p.guests) - 1);
        }
    } else if (o == VIC_GUEST_EIP) {
        *rd = guests_eip(m, 0);
    } else if (o == VIC_WAKE) {
        *rd = guests_eip(m, 1);
    } else if (o >= VIC_LINE && o < VIC_LINE + 4 * VIC_MAX_GUESTS * VIC_MAX_CTXS &&
               (o - VIC_LINE) / 4 / VIC_MAX_CTXS < m->p.guests &&
               (o - VIC_LINE) / 4 % VIC_MAX_CTXS < m->p.ctxs) {
        uint32_t u = (o - VIC_LINE) / 4 / VIC_MAX_CTXS * m->p.ctxs + (o - VIC_LINE) / 4 % VIC_MAX_CTXS;
        const struct vic_ctx *cx = &m->ctx[u];
        *rd = cx->line | (cx->run ? VIC_LINE_RUN : 0) | (m->best_v[u] ? VIC_LINE_EIP : 0);
        if (wr) {
            fx->what = W_LINE;
            fx->unit = u;
            fx->value = merge(*rd, r);
        }
    } else if (o == VIC_HYP_THRESHOLD) {
        *rd = m->ctx[hf].threshold;
        if (wr) {
            fx->what = W_THRESH;
            fx->inval = 1;
            fx->file = m->p.guests;
            fx->unit = hf;
            fx->value = merge(*rd, r) & prio_mask(m);
        }
    } else if (o == VIC_HYP_CLAIM) {
        claim_access(m, hf, r, wr, rd, fx);
    } else if (o == VIC_INJECT) {
        struct vic_route d;
        /* the command's vid/guest/to_hyp fields from the full word */
        if (wr && vic_model_route_decode(&m->p, r->wdata | VIC_ROUTE_ENABLE, &d)) {
            fx->what = W_INJECT;
            fx->file = d.file;
            fx->value = d.vid;
        }
    } else if (o >= VIC_HYP_PENDING && o < VIC_HYP_PENDING + 8) {
        file_access(m, hf, R_PENDING, (o - VIC_HYP_PENDING) / 4, wr, r, rd, fx);
    } else if (o >= VIC_HYP_ENABLE && o < VIC_HYP_ENABLE + 8) {
        file_access(m, hf, R_ENABLE, (o - VIC_HYP_ENABLE) / 4, wr, r, rd, fx);
    } else if (o >= VIC_HYP_PRIORITY && o < VIC_HYP_PRIORITY + 4 * VIC_MAX_IDS) {
        file_access(m, hf, R_PRIO, (o - VIC_HYP_PRIORITY) / 4, wr, r, rd, fx);
    } else if (o >= VIC_SRC_LEVEL && o < VIC_SRC_LEVEL + VIC_MAX_SOURCES / 8) {
        *rd = m->src_prev[(o - VIC_SRC_LEVEL) / 4];   /* the registered inputs */
    } else if (o >= VIC_ROUTE && o < VIC_ROUTE + 4 * VIC_MAX_SOURCES &&
               (o - VIC_ROUTE) / 4 < m->p.sources) {
        uint32_t s = (o - VIC_ROUTE) / 4;
        *rd = m->route[s];
        if (wr) {
            fx->what = W_ROUTE;
            fx->idx = s;
            fx->value = merge(*rd, r) & VIC_ROUTE_STORED;
        }
    } else {
        return 1;
    }
    return 0;
}

/* the context a guest window offset names: a context's enable words or page
 * (k < ctxs); anything else names context 0 (the unit the bus touches) */
static uint32_t guest_ctx(const struct vic_model *m, uint32_t o)
{
    for (uint32_t k = 0; k < m->p.ctxs; k++) {
        if (o >= VIC_G_ENABLE_K(k) && o < VIC_G_ENABLE_K(k) + 8)
            return k;
        if (o >= VIC_G_THRESHOLD_K(k) && o < VIC_G_THRESHOLD_K(k) + VIC_G_CTX_PAGE_STRIDE)
            return k;
    }
    return 0;
}

/* guest g's window: the PLIC pages of its contexts; other offsets read 0,
 * ignore writes */
static void guest_access(const struct vic_model *m, uint32_t g, uint32_t o,
                         const struct vic_bus_req *r, int wr, uint32_t *rd,
                         struct bus_effect *fx)
{
    uint32_t k = guest_ctx(m, o), u = g * m->p.ctxs + k;
    if (o < VIC_G_PENDING) {
        file_access(m, u, R_PRIO, o / 4, wr, r, rd, fx);
    } else if (o >= VIC_G_PENDING && o < VIC_G_PENDING + 8) {
        file_access(m, u, R_PENDING, (o - VIC_G_PENDING) / 4, wr, r, rd, fx);
    } else if (o >= VIC_G_ENABLE_K(k) && o < VIC_G_ENABLE_K(k) + 8) {
        file_access(m, u, R_ENABLE, (o - VIC_G_ENABLE_K(k)) / 4, wr, r, rd, fx);
    } else if (o == VIC_G_THRESHOLD_K(k)) {
        *rd = m->ctx[u].threshold;
        if (wr) {
            fx->what = W_THRESH;
            fx->inval = 1;
            fx->file = g;
            fx->unit = u;
            fx->value = merge(*rd, r) & prio_mask(m);
        }
    } else if (o == VIC_G_CLAIM_K(k)) {
        claim_access(m, u, r, wr, rd, fx);
    }
}

/* Response from the current state; the side effect goes to fx. Returns the
 * unit the access touches (arbitrated this cycle), or -1: a misaligned access
 * or one outside the regions touches none (a hole in the hypervisor region
 * touches the hypervisor's file). */
static int bus_access(const struct vic_model *m, const struct vic_bus_req *r,
                      struct vic_bus_rsp *rsp, struct bus_effect *fx)
{
    uint32_t a = r->addr, rd = 0;
    int err = 0, wr = r->we && (r->wstrb & 0xf) != 0, touched = -1;

    if ((a & 3) || !vic_model_decodes(&m->p, a)) {
        err = 1;
    } else if (a < VIC_GUEST_BASE) {
        touched = (int)(m->p.guests * m->p.ctxs);
        err = hyp_access(m, a - VIC_HYP_BASE, r, wr, &rd, fx);
    } else {
        uint32_t g = (a - VIC_GUEST_BASE) / VIC_GUEST_STRIDE, o = (a - VIC_GUEST_BASE) % VIC_GUEST_STRIDE;
        touched = (int)(g * m->p.ctxs + guest_ctx(m, o));
        guest_access(m, g, o, r, wr, &rd, fx);
    }
    if (err) {
        fx->what = W_NONE;           /* an error has no side effect */
        fx->inval = fx->inval_file = 0;
    }
    rsp->rdata = (err || r->we) ? 0 : rd;
    rsp->err = err;
    return touched;
}

static void apply_write(struct vic_model *m, const struct bus_effect *fx)
{
    struct vic_file *fl = &m->file[fx->file];
    struct vic_ctx *cx = &m->ctx[fx->unit];
    switch (fx->what) {
    case W_RUNNING:
        for (uint32_t g = 0; g < m->p.guests; g++)
            m->ctx[g * m->p.ctxs].run = (fx->value >> g) & 1;
        break;
    case W_LINE:
        cx->line = fx->value & line_mask(m);
        cx->run = (fx->value & VIC_LINE_RUN) != 0;
        break;
    case W_THRESH:
        cx->threshold = fx->value;
        break;
    case W_PRIO:
        fl->prio[fx->idx] = (uint8_t)(fx->value & prio_mask(m));
        break;
    case W_ENABLE: {
        uint64_t word = (uint64_t)0xffffffffu << (32 * fx->idx);
        cx->enable = ((cx->enable & ~word) | ((uint64_t)fx->value << (32 * fx->idx))) &
                     ids_mask(m);
        break;
    }
    case W_ROUTE:
        m->route[fx->idx] = fx->value;
        break;
    default:   /* claim, complete and inject act on the pending/claimed bits */
        break;
    }
}

static int src_want(const struct vic_model *m, const uint32_t *src, uint32_t s)
{
    struct vic_route d;
    if (!vic_model_route_decode(&m->p, m->route[s], &d))
        return 0;
    int level = bit_get(src, s);
    int rise = level && !bit_get(m->src_prev, s);
    return d.edge ? rise || bit_get(m->latch, s) : level;
}

void vic_model_cycle(struct vic_model *m, const uint32_t *src,
                     const struct vic_bus_req *req, struct vic_bus_rsp *rsp)
{
    struct bus_effect fx;
    struct vic_bus_rsp rsp_local;
    const uint32_t nfiles = m->p.guests + 1, nunits = vic_model_units(m);
    uint32_t latch_next[VIC_MAX_SOURCES / 32];
    int touched = -1;

    /* the request registered last cycle is decoded and answered now */
    fx.what = W_NONE;
    fx.file = fx.unit = fx.idx = fx.value = 0;
    fx.inval = fx.inval_file = 0;
    if (!rsp)
        rsp = &rsp_local;
    rsp->rdata = 0;
    rsp->err = 0;
    if (m->req_q.valid)
        touched = bus_access(m, &m->req_q, rsp, &fx);

    /* the arbiter: the touched unit, else the last cycle's claim's (a redo),
     * else the next one in turn */
    int redo = touched < 0 && m->redo;
    uint32_t af = touched >= 0 ? (uint32_t)touched : redo ? m->redo_unit : m->scan;
    uint32_t best = file_best(m, af);
    uint32_t scan_next = touched >= 0 || redo ? m->scan : (m->scan + 1 == nunits ? 0 : m->scan + 1);

    /* gateways: the source scanned this cycle forwards if it wants to and
     * its target is idle; an injection takes the set port */
    int fwd = 0;
    struct vic_route fd;
    fd.file = fd.vid = 0;
    if (src_want(m, src, m->rr)) {
        vic_model_route_decode(&m->p, m->route[m->rr], &fd);
        const struct vic_file *fl = &m->file[fd.file];
        fwd = !((fl->pending | fl->claimed) & BIT64(fd.vid)) && fx.what != W_INJECT;
    }
    for (uint32_t w = 0; w < VIC_MAX_SOURCES / 32; w++)
        latch_next[w] = 0;
    for (uint32_t s = 0; s < m->p.sources; s++) {
        struct vic_route d;
        int rise = bit_get(src, s) && !bit_get(m->src_prev, s);
        if (vic_model_route_decode(&m->p, m->route[s], &d) && d.edge &&
            (rise || bit_get(m->latch, s)) && !(fwd && s == m->rr))
            bit_put(latch_next, s, 1);
    }

    /* registered outputs, from the current state: a line is the OR of the
     * running contexts on it */
    uint32_t guest_eip_next = 0;
    for (uint32_t u = 0; u + 1 < nunits; u++)
        if (m->best_v[u] && m->ctx[u].run && m->ctx[u].line < m->p.guests)
            guest_eip_next |= 1u << m->ctx[u].line;
    uint32_t hyp_irq_next = m->best_v[nunits - 1] || guests_eip(m, 1) != 0;

    /* clock edge */
    for (uint32_t f = 0; f < nfiles; f++) {
        struct vic_file *fl = &m->file[f];
        uint64_t claim = 0, complete = 0, set = 0;
        if (fx.file == f) {
            if (fx.what == W_CLAIM)
                claim = BIT64(fx.value);
            else if (fx.what == W_COMPLETE && fx.value < m->p.ids)
                complete = BIT64(fx.value);
            else if (fx.what == W_INJECT)
                set = BIT64(fx.value);
        }
        if (fwd && fd.file == f)
            set |= BIT64(fd.vid);
        fl->pending = ((fl->pending & ~claim) | set) & ids_mask(m);
        fl->claimed = ((fl->claimed & ~complete) | claim) & ids_mask(m);
    }
    apply_write(m, &fx);
    /* a priority write empties the file's contexts; a claim the others that
     * hold the claimed id (no longer pending) */
    for (uint32_t u = 0; u < nunits && touched >= 0; u++)
        if (vic_model_unit_file(m, u) == vic_model_unit_file(m, (uint32_t)touched) &&
            (fx.inval_file || (fx.what == W_CLAIM && m->best_id[u] == fx.value)))
            m->best_v[u] = 0;
    /* a claim's context: its id is still in this cycle's candidates */
    m->best_v[af] = best != 0 && fx.what != W_CLAIM;
    m->best_id[af] = best;
    m->redo = fx.what == W_CLAIM;
    m->redo_unit = af;
    if (touched >= 0 && fx.inval)
        m->best_v[touched] = 0;
    m->scan = scan_next;
    m->rr = m->rr + 1 == m->p.sources ? 0 : m->rr + 1;   /* the next source in turn */
    for (uint32_t s = 0; s < m->p.sources; s++)
        bit_put(m->src_prev, s, bit_get(src, s));
    for (uint32_t w = 0; w < VIC_MAX_SOURCES / 32; w++)
        m->latch[w] = latch_next[w];
    m->guest_eip_q = guest_eip_next;
    m->hyp_irq_q = hyp_irq_next;
    if (req && req->valid) {
        m->req_q.valid = 1;
        m->req_q.we = req->we;
        m->req_q.addr = req->addr;
        m->req_q.wdata = req->wdata;
        m->req_q.wstrb = req->wstrb;
    } else {
        m->req_q.valid = 0;
    }
}
