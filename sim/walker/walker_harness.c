/* The walker's test bench in C: AXI4 slave, protocol checks, request driver. */
#include "walker_harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIMEOUT_CYCLES 100000u
#define ATTR_OK 0xc01u        /* lock 0, size 3 (8 bytes), len 0, burst INCR */
#define ATTR_LOCK (1u << 13)

void wh_init(struct walker_h *h, struct mem_model *mem, unsigned latency, const char *fst_path)
{
    const char *skip = getenv("WALKER_SKIP");

    memset(h, 0, sizeof(*h));
    h->mem = mem;
    h->latency = latency ? latency : 1;
    h->dut = wsim_new(fst_path);
    h->in.rsp_ready = 1;
    h->r_cur = -1;
    h->debug = getenv("WALKER_DEBUG") != NULL;
    h->skip = WH_SKIP_DEFAULT == 2 ? WH_SKIP_CHECK : WH_SKIP_DEFAULT ? WH_SKIP_ON : WH_SKIP_OFF;
    if (skip && !strcmp(skip, "check"))
        h->skip = WH_SKIP_CHECK;
    else if (skip)
        h->skip = strcmp(skip, "0") ? WH_SKIP_ON : WH_SKIP_OFF;
    if (fst_path && h->skip == WH_SKIP_ON)
        h->skip = WH_SKIP_OFF;          /* a waveform shows every cycle */
    if (h->skip == WH_SKIP_CHECK) {
        h->state_buf = malloc(wsim_state_size());
        if (!h->state_buf)
            abort();
    }
}

void wh_free(struct walker_h *h, const char *coverage_path)
{
    wsim_free(h->dut, coverage_path);
    free(h->state_buf);
}

static void proto_error(struct walker_h *h, const char *fmt, ...)
{
    va_list ap;

    if (h->n_errors++)
        return;
    va_start(ap, fmt);
    vsnprintf(h->error, sizeof(h->error), fmt, ap);
    va_end(ap);
}

static uint64_t axi_rand(struct walker_h *h)
{
    uint64_t x = h->axi_rng;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    h->axi_rng = x;
    return x;
}

void wh_axi_random(struct walker_h *h, uint64_t seed)
{
    h->axi_random = true;
    h->axi_rng = seed ? seed : 0x9e3779b97f4a7c15ull;
}

/* a response's wait after its handshake: the latency, or 1..2*latency */
static unsigned axi_wait(struct walker_h *h)
{
    if (!h->axi_random)
        return h->latency - 1;
    return (unsigned)(axi_rand(h) % (2 * h->latency));
}

/* a ready the slave could give: held off at random (1 in 3) */
static int axi_ready(struct walker_h *h, int can)
{
    return can && !(h->axi_random && axi_rand(h) % 3 == 0);
}

static void check_protocol(struct walker_h *h)
{
    const struct wsim_out *o = &h->out, *p = &h->prev_out;
    const struct wsim_in *pi = &h->prev_in;
    unsigned long long cyc = (unsigned long long)h->cnt.cycles;

    if (p->ar_valid && !pi->ar_ready &&
        (!o->ar_valid || o->ar_addr != p->ar_addr || o->ar_attr != p->ar_attr))
        proto_error(h, "cycle %llu: AR dropped or changed before ARREADY", cyc);
    if (p->aw_valid && !pi->aw_ready &&
        (!o->aw_valid || o->aw_addr != p->aw_addr || o->aw_attr != p->aw_attr))
        proto_error(h, "cycle %llu: AW dropped or changed before AWREADY", cyc);
    if (p->w_valid && !pi->w_ready &&
        (!o->w_valid || o->w_data != p->w_data || o->w_strb_last != p->w_strb_last))
        proto_error(h, "cycle %llu: W dropped or changed before WREADY", cyc);
    if (o->ar_valid && h->open[o->ar_id % WH_IDS])
        proto_error(h, "cycle %llu: AR on ID %u while it has a transaction open", cyc, o->ar_id);
    if (o->aw_valid && !h->aw_have && h->open[o->aw_id % WH_IDS])
        proto_error(h, "cycle %llu: AW on ID %u while it has a transaction open", cyc, o->aw_id);
    if (o->ar_valid && ((o->ar_attr & ~ATTR_LOCK) != ATTR_OK || (o->ar_addr & 7)))
        proto_error(h, "cycle %llu: AR not a single aligned 8-byte beat (attr %x addr %llx)",
                    cyc, o->ar_attr, (unsigned long long)o->ar_addr);
    if (o->aw_valid && ((o->aw_attr & ~ATTR_LOCK) != ATTR_OK || (o->aw_addr & 7)))
        proto_error(h, "cycle %llu: AW not a single aligned 8-byte beat", cyc);
    if (o->w_valid && o->w_strb_last != 0x1ff)
        proto_error(h, "cycle %llu: W not a full last beat", cyc);
    if (o->aw_valid && !(o->aw_attr & ATTR_LOCK))
        proto_error(h, "cycle %llu: a plain write (the walker only writes exclusively)", cyc);
    if (o->aw_valid && (!h->last_ex_valid[o->aw_id % WH_IDS] ||
                        h->last_ex_addr[o->aw_id % WH_IDS] != o->aw_addr))
        proto_error(h, "cycle %llu: exclusive write without an exclusive read of %llx", cyc,
                    (unsigned long long)o->aw_addr);
}

/* The slave's side of the handshakes of the cycle just run. */
static void slave_update(struct walker_h *h)
{
    const struct wsim_in *i = &h->in;
    const struct wsim_out *o = &h->out;

    for (unsigned k = 0; k < h->n_rd; k++)
        if ((int)k != h->r_cur && h->rd[k].wait)
            h->rd[k].wait--;
    if (i->r_valid && o->r_ready) {
        unsigned k = (unsigned)h->r_cur;

        h->open[h->rd[k].id]--;
        h->r_reordered += k != 0;
        memmove(&h->rd[k], &h->rd[k + 1], (h->n_rd - k - 1) * sizeof(h->rd[0]));
        h->n_rd--;
        h->r_cur = -1;
    } else if (h->r_cur >= 0 && h->rd[h->r_cur].wait) {
        h->rd[h->r_cur].wait--;
    }
    if (i->ar_ready && o->ar_valid) {
        struct wh_rd *r = &h->rd[h->n_rd++];
        unsigned id = o->ar_id % WH_IDS;
        enum mem_status st = mem_read64(h->mem, o->ar_addr, &r->data);
        bool lock = o->ar_attr & ATTR_LOCK;

        r->id = id;
        r->resp = st;
        if (lock && st == MEM_OK) {
            r->resp = 1;        /* EXOKAY: the ID's monitor is armed */
            h->mon_valid[id] = true;
            h->mon_addr[id] = o->ar_addr;
        }
        if (h->debug)
            fprintf(stderr, "  axi: read%s id %u %llx -> %016llx resp %u\n", lock ? " (exclusive)" : "",
                    id, (unsigned long long)o->ar_addr, (unsigned long long)r->data, r->resp);
        h->last_ex_valid[id] = lock;
        h->last_ex_addr[id] = o->ar_addr;
        h->open[id]++;
        r->wait = axi_wait(h);
    }

    if (i->b_valid && o->b_ready) {
        h->wr_busy = h->aw_have = h->w_have = false;
        h->last_ex_valid[h->aw_id] = false;
        h->open[h->aw_id]--;
    } else if (h->wr_busy && h->wr_wait) {
        h->wr_wait--;
    }
    if (i->aw_ready && o->aw_valid) {
        h->aw_have = true;
        h->aw_addr = o->aw_addr;
        h->aw_attr = o->aw_attr;
        h->aw_id = o->aw_id % WH_IDS;
        h->open[h->aw_id]++;
    }
    if (i->w_ready && o->w_valid) {
        h->w_have = true;
        h->w_data = o->w_data;
    }
    if (h->aw_have && h->w_have && !h->wr_busy) {
        unsigned id = h->aw_id;

        if (h->fail_exclusive) {
            h->fail_exclusive--;    /* as if another master had stored there */
            h->b_resp = 0;
        } else if (h->mon_valid[id] && h->mon_addr[id] == h->aw_addr) {
            enum mem_status st = mem_write64(h->mem, h->aw_addr, h->w_data);
            h->b_resp = st == MEM_OK ? 1 : st;
            for (unsigned k = 0; k < WH_IDS; k++)     /* a store clears the word's monitors */
                if (st == MEM_OK && h->mon_addr[k] == h->aw_addr)
                    h->mon_valid[k] = false;
        } else {
            h->b_resp = 0;      /* OKAY on an exclusive write: it failed */
        }
        if (h->debug)
            fprintf(stderr, "  axi: exclusive write id %u %llx <- %016llx resp %u\n", id,
                    (unsigned long long)h->aw_addr, (unsigned long long)h->w_data, h->b_resp);
        h->mon_valid[id] = false;
        h->wr_busy = true;
        h->wr_wait = axi_wait(h);
    }
}

/* The read to answer on R: the oldest one due, or (random slave) any due
 * read that no older read of its ID precedes. Held until taken. */
static void pick_r(struct walker_h *h)
{
    unsigned cand[WH_MAX_RD], n = 0;

    if (h->r_cur >= 0)
        return;
    for (unsigned k = 0; k < h->n_rd; k++) {
        bool older = false;

        for (unsigned j = 0; j < k; j++)
            older |= h->rd[j].id == h->rd[k].id;
        if (!h->rd[k].wait && !older)
            cand[n++] = k;
    }
    if (n)
        h->r_cur = (int)cand[h->axi_random ? axi_rand(h) % n : 0];
}

static void count_perf(struct walker_h *h)
{
    uint32_t p = h->out.perf;
    struct wh_counters *c = &h->cnt;

    c->cycles++;
    c->busy_cycles += !!(p & WSIM_PERF_BUSY);
    c->faults += !!(p & WSIM_PERF_FAULT);
    c->ad_updates += !!(p & WSIM_PERF_AD_UPDATE);
    c->pte_reads += !!(p & WSIM_PERF_PTE_READ);
    c->pwc_hits += !!(p & WSIM_PERF_PWC_HIT);
    c->gtlb_hits += !!(p & WSIM_PERF_GTLB_HIT);
    c->tlb_hits += !!(p & WSIM_PERF_TLB_HIT);
    c->requests += !!(p & WSIM_PERF_REQ);
}

static bool in_same(const struct wsim_in *a, const struct wsim_in *b)
{
    return a->req_valid == b->req_valid && a->vsatp == b->vsatp && a->hgatp == b->hgatp &&
           a->addr == b->addr && a->flags == b->flags && a->access == b->access && a->id == b->id &&
           a->rsp_ready == b->rsp_ready && a->inv_valid == b->inv_valid &&
           a->inv_flags == b->inv_flags && a->inv_vmid == b->inv_vmid && a->inv_asid == b->inv_asid &&
           a->inv_addr == b->inv_addr && a->ar_ready == b->ar_ready && a->r_valid == b->r_valid &&
           a->aw_ready == b->aw_ready && a->w_ready == b->w_ready && a->b_valid == b->b_valid &&
           a->r_data == b->r_data && a->r_resp == b->r_resp && a->b_resp == b->b_resp &&
           a->r_id == b->r_id && a->b_id == b->b_id;
}

/* One clock of the walker. A quiet cycle (the walker said quiet_o with the
 * same inputs last cycle: nothing changed at that edge, so with the inputs
 * held nothing changes now either and the outputs are the same) need not be
 * evaluated: the harness's own part (slave, checks, counters) runs as ever. */
static void run_cycle(struct walker_h *h, const struct wsim_in *i)
{
    bool quiet = h->skip != WH_SKIP_OFF && h->cnt.cycles && h->out.quiet && in_same(i, &h->prev_in);
    struct wsim_out before;

    if (!quiet)
        h->quiet_run = 0;
    if (quiet && h->skip == WH_SKIP_ON) {
        h->skipped++;
        return;
    }
    if (quiet) {
        wsim_state_save(h->dut, h->state_buf);
        memcpy(&before, &h->out, sizeof(before));   /* padding too: compared below */
    }
    wsim_cycle(h->dut, i, &h->out);
    if (quiet) {
        h->skipped++;
        h->quiet_run++;
        if ((h->quiet_run >= WH_CHECK_STATE_AFTER && !wsim_state_same(h->dut, h->state_buf)) ||
            memcmp(&before, &h->out, sizeof(before))) {
            fprintf(stderr, "walker harness: cycle %llu: a quiet cycle changed the model "
                    "(walker_tb.sv quiet_o is wrong: WALKER_SKIP=1 would not be exact)\n",
                    (unsigned long long)h->cnt.cycles);
            exit(3);
        }
    }
}

static void step(struct walker_h *h)
{
    struct wsim_in *i = &h->in;

    pick_r(h);
    i->ar_ready = axi_ready(h, h->n_rd < WH_MAX_RD);
    i->r_valid = h->r_cur >= 0;
    i->r_data = i->r_valid ? h->rd[h->r_cur].data : 0;
    i->r_resp = i->r_valid ? h->rd[h->r_cur].resp : 0;
    i->r_id = i->r_valid ? h->rd[h->r_cur].id : 0;
    i->b_id = h->aw_id;
    i->aw_ready = axi_ready(h, !h->aw_have && !h->wr_busy);
    i->w_ready = axi_ready(h, !h->w_have && !h->wr_busy);
    i->b_valid = h->wr_busy && h->wr_wait == 0;
    i->b_resp = h->b_resp;
    run_cycle(h, i);
    h->axi_stalls[0] += h->out.ar_valid && !i->ar_ready;
    h->axi_stalls[1] += h->out.aw_valid && !i->aw_ready;
    h->axi_stalls[2] += h->out.w_valid && !i->w_ready;
    h->axi_stalls[3] += (h->out.r_ready && !i->r_valid) || (h->out.b_ready && !i->b_valid);
    check_protocol(h);
    slave_update(h);
    count_perf(h);
    h->prev_out = h->out;
    h->prev_in = *i;
}

void wh_idle(struct walker_h *h, unsigned cycles)
{
    while (cycles--)
        step(h);
}

static void set_req(struct wsim_in *i, const struct wh_req *r, unsigned id)
{
    const struct xlate_ctx *c = &r->c;

    i->vsatp = c->vsatp;
    i->hgatp = c->hgatp;
    i->addr = r->addr;
    i->access = r->acc;
    i->id = id & 0xff;
    i->flags = c->virt | c->user << 1 | c->sum << 2 | c->vmxr << 3 | c->mxr << 4 |
               c->hlvx << 5 | (c->ad_mode == XLATE_AD_UPDATE) << 6;
}

static void rsp_from_out(const struct wsim_out *o, struct wh_rsp *out)
{
    out->exc = o->exc;
    out->hpa = o->hpa;
    out->gpa = o->gpa;
    out->tval = o->tval;
    out->htval = o->htval;
    out->implicit = o->flags & 1;
    out->tlb_hit = o->flags >> 1 & 1;
    out->gtlb_hit = o->flags >> 2 & 1;
    out->pwc_hit = o->flags >> 3 & 1;
    out->vs_perm = (uint8_t)(o->vs_perm << 1);
    out->g_perm = (uint8_t)(o->g_perm << 1);
    out->page_size = o->exc ? 0 : 1ull << o->page_size_log2;
    out->pte_reads = o->pte_reads;
}

int wh_translate(struct walker_h *h, const struct wh_req *r, struct wh_rsp *out)
{
    struct wsim_in *i = &h->in;
    uint64_t start = 0;
    unsigned n;

    i->req_valid = 1;
    set_req(i, r, i->id + 1);
    for (n = 0; n < TIMEOUT_CYCLES; n++) {
        step(h);
        if (i->req_valid && h->out.req_ready) {
            i->req_valid = 0;
            start = h->cnt.cycles;
        } else if (!i->req_valid && h->out.rsp_valid) {
            break;
        }
    }
    if (n == TIMEOUT_CYCLES || h->out.id != i->id)
        return -1;
    rsp_from_out(&h->out, out);
    out->cycles = h->cnt.cycles - start;
    return 0;
}

int wh_translate_batch(struct walker_h *h, const struct wh_req *q, unsigned n,
                       struct wh_rsp *rsp, uint64_t *cycles, unsigned *overtaken)
{
    struct wsim_in *i = &h->in;
    uint64_t start[256], first = 0;
    bool done[256] = { false };
    unsigned next = 0, n_done = 0, t;

    if (n > 256)
        return -1;
    *overtaken = 0;
    for (t = 0; t < TIMEOUT_CYCLES && n_done < n; t++) {
        const struct wsim_out *o = &h->out;

        i->req_valid = next < n;
        if (next < n)
            set_req(i, &q[next], next);
        step(h);
        if (i->req_valid && o->req_ready) {
            start[next] = h->cnt.cycles;
            if (!next)
                first = h->cnt.cycles;
            next++;
        }
        if (o->rsp_valid) {
            unsigned id = o->id;

            if (id >= next || done[id])
                return -1;
            for (unsigned k = 0; k < id; k++)
                *overtaken += !done[k];
            done[id] = true;
            n_done++;
            rsp_from_out(o, &rsp[id]);
            rsp[id].cycles = h->cnt.cycles - start[id];
        }
    }
    i->req_valid = 0;
    *cycles = h->cnt.cycles - first;
    return n_done == n ? 0 : -1;
}

int wh_invalidate(struct walker_h *h, const struct wh_inv *v)
{
    struct wsim_in *i = &h->in;
    unsigned n;

    i->inv_valid = 1;
    i->inv_flags = v->gvma | v->all_vmid << 1 | v->use_asid << 2 | v->use_addr << 3;
    i->inv_vmid = v->vmid;
    i->inv_asid = v->asid;
    i->inv_addr = v->addr;
    for (n = 0; n < TIMEOUT_CYCLES; n++) {
        int ready;
        step(h);
        ready = h->out.inv_ready;
        if (ready)
            break;
    }
    i->inv_valid = 0;
    return n == TIMEOUT_CYCLES ? -1 : 0;
}
