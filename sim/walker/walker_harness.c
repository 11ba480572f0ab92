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
    memset(h, 0, sizeof(*h));
    h->mem = mem;
    h->latency = latency ? latency : 1;
    h->dut = wsim_new(fst_path);
    h->in.rsp_ready = 1;
    h->debug = getenv("WALKER_DEBUG") != NULL;
}

void wh_free(struct walker_h *h, const char *coverage_path)
{
    wsim_free(h->dut, coverage_path);
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
    if (o->ar_valid && (h->rd_busy || h->wr_busy || h->aw_have || h->w_have))
        proto_error(h, "cycle %llu: AR while a transaction is in flight", cyc);
    if ((o->aw_valid || o->w_valid) && (h->rd_busy || h->wr_busy))
        proto_error(h, "cycle %llu: AW/W while a transaction is in flight", cyc);
    if (o->ar_valid && ((o->ar_attr & ~ATTR_LOCK) != ATTR_OK || (o->ar_addr & 7)))
        proto_error(h, "cycle %llu: AR not a single aligned 8-byte beat (attr %x addr %llx)",
                    cyc, o->ar_attr, (unsigned long long)o->ar_addr);
    if (o->aw_valid && ((o->aw_attr & ~ATTR_LOCK) != ATTR_OK || (o->aw_addr & 7)))
        proto_error(h, "cycle %llu: AW not a single aligned 8-byte beat", cyc);
    if (o->w_valid && o->w_strb_last != 0x1ff)
        proto_error(h, "cycle %llu: W not a full last beat", cyc);
    if (o->aw_valid && !(o->aw_attr & ATTR_LOCK))
        proto_error(h, "cycle %llu: a plain write (the walker only writes exclusively)", cyc);
    if (o->aw_valid && (!h->last_ex_valid || h->last_ex_addr != o->aw_addr))
        proto_error(h, "cycle %llu: exclusive write without an exclusive read of %llx", cyc,
                    (unsigned long long)o->aw_addr);
}

/* The slave's side of the handshakes of the cycle just run. */
static void slave_update(struct walker_h *h)
{
    const struct wsim_in *i = &h->in;
    const struct wsim_out *o = &h->out;

    if (i->r_valid && o->r_ready)
        h->rd_busy = false;
    else if (h->rd_busy && h->rd_wait)
        h->rd_wait--;
    if (i->ar_ready && o->ar_valid) {
        enum mem_status st = mem_read64(h->mem, o->ar_addr, &h->rd_data);
        bool lock = o->ar_attr & ATTR_LOCK;

        h->rd_resp = st;
        if (lock && st == MEM_OK) {
            h->rd_resp = 1;     /* EXOKAY: the monitor is armed */
            h->mon_valid = true;
            h->mon_addr = o->ar_addr;
        }
        if (h->debug)
            fprintf(stderr, "  axi: read%s %llx -> %016llx resp %u\n", lock ? " (exclusive)" : "",
                    (unsigned long long)o->ar_addr, (unsigned long long)h->rd_data, h->rd_resp);
        h->last_ex_valid = lock;
        h->last_ex_addr = o->ar_addr;
        h->rd_busy = true;
        h->rd_wait = axi_wait(h);
    }

    if (i->b_valid && o->b_ready) {
        h->wr_busy = h->aw_have = h->w_have = false;
        h->last_ex_valid = false;
    } else if (h->wr_busy && h->wr_wait) {
        h->wr_wait--;
    }
    if (i->aw_ready && o->aw_valid) {
        h->aw_have = true;
        h->aw_addr = o->aw_addr;
        h->aw_attr = o->aw_attr;
    }
    if (i->w_ready && o->w_valid) {
        h->w_have = true;
        h->w_data = o->w_data;
    }
    if (h->aw_have && h->w_have && !h->wr_busy) {
        if (h->fail_exclusive) {
            h->fail_exclusive--;    /* as if another master had stored there */
            h->b_resp = 0;
        } else if (h->mon_valid && h->mon_addr == h->aw_addr) {
            enum mem_status st = mem_write64(h->mem, h->aw_addr, h->w_data);
            h->b_resp = st == MEM_OK ? 1 : st;
        } else {
            h->b_resp = 0;      /* OKAY on an exclusive write: it failed */
        }
        if (h->debug)
            fprintf(stderr, "  axi: exclusive write %llx <- %016llx resp %u\n",
                    (unsigned long long)h->aw_addr, (unsigned long long)h->w_data, h->b_resp);
        h->mon_valid = false;
        h->wr_busy = true;
        h->wr_wait = axi_wait(h);
    }
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

static void step(struct walker_h *h)
{
    struct wsim_in *i = &h->in;

    i->ar_ready = axi_ready(h, !h->rd_busy);
    i->r_valid = h->rd_busy && h->rd_wait == 0;
    i->r_data = h->rd_data;
    i->r_resp = h->rd_resp;
    i->aw_ready = axi_ready(h, !h->aw_have && !h->wr_busy);
    i->w_ready = axi_ready(h, !h->w_have && !h->wr_busy);
    i->b_valid = h->wr_busy && h->wr_wait == 0;
    i->b_resp = h->b_resp;
    wsim_cycle(h->dut, i, &h->out);
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

int wh_translate(struct walker_h *h, const struct wh_req *r, struct wh_rsp *out)
{
    struct wsim_in *i = &h->in;
    const struct xlate_ctx *c = &r->c;
    uint64_t start = 0;
    unsigned n;

    i->req_valid = 1;
    i->vsatp = c->vsatp;
    i->hgatp = c->hgatp;
    i->addr = r->addr;
    i->access = r->acc;
    i->id = (i->id + 1) & 0xff;
    i->flags = c->virt | c->user << 1 | c->sum << 2 | c->vmxr << 3 | c->mxr << 4 |
               c->hlvx << 5 | (c->ad_mode == XLATE_AD_UPDATE) << 6;
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
    out->exc = h->out.exc;
    out->hpa = h->out.hpa;
    out->gpa = h->out.gpa;
    out->tval = h->out.tval;
    out->htval = h->out.htval;
    out->implicit = h->out.flags & 1;
    out->tlb_hit = h->out.flags >> 1 & 1;
    out->gtlb_hit = h->out.flags >> 2 & 1;
    out->pwc_hit = h->out.flags >> 3 & 1;
    out->vs_perm = (uint8_t)(h->out.vs_perm << 1);
    out->g_perm = (uint8_t)(h->out.g_perm << 1);
    out->page_size = h->out.exc ? 0 : 1ull << h->out.page_size_log2;
    out->pte_reads = h->out.pte_reads;
    out->cycles = h->cnt.cycles - start;
    return 0;
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
