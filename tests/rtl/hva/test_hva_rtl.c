/* The HVA in Verilator, driven through its C driver: the driver's register
 * hook runs AXI4-Lite transactions on the RTL's port, and the AXI4 memory
 * model serves the RTL's page-table and ring accesses from the same memory
 * the golden model (xlate_translate) reads. Every translation -- single
 * requests and ring batches -- is compared with the model; then bus errors
 * (SLVERR on an unmapped offset, on a ring slot), the VIC window, the
 * interrupt and the counters. Prints cycles per translation.
 * Env: HVA_TRACE=1 writes build/sim/hva/hva.fst; HVA_SEED, HVA_N (requests). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hva/hva.h"
#include "hva_axi_mem.h"
#include "hva_regs.h"
#include "hva_sim.h"
#include "vic_model/vic_layout.h"

/* the map's VIC windows are the VIC's own layout (no drift) */
_Static_assert(HVA_VIC_HYP_OFFSET == VIC_HYP_BASE && HVA_VIC_HYP_SIZE == VIC_HYP_SIZE, "VIC hyp");
_Static_assert(HVA_VIC_GUEST_OFFSET == VIC_GUEST_BASE && HVA_VIC_GUEST_STRIDE == VIC_GUEST_STRIDE &&
               HVA_VIC_GUEST_SIZE == VIC_MAX_GUESTS * VIC_GUEST_STRIDE, "VIC guests");

#define MEM_BASE 0x80000000ull
#define MEM_SIZE (16ull << 20)
#define LATENCY  4

static struct hva_sim *sim;
static struct hva_sim_pins pin;
static struct hva_mem mem;
static struct hva_axi_mem axm;
static uint64_t cycles;
static unsigned failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
    fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* ---- one clock: memory outputs, settle, memory takes handshakes, edge */

static void step(void)
{
    hva_axi_mem_drive(&axm, &pin);
    hva_sim_eval(sim, &pin);
    hva_axi_mem_update(&axm, &pin);
    hva_sim_tick(sim);
    cycles++;
}

/* ---- the driver's hook: AXI4-Lite transactions */

static bool lite_err;

static void lite_fail(const char *what)
{
    fprintf(stderr, "FAIL: AXI4-Lite %s timed out\n", what);
    exit(1);
}

static uint32_t lite_read32(void *ctx, uint32_t off)
{
    (void)ctx;
    pin.s_ar_addr = off;
    pin.s_ar_valid = 1;
    pin.s_r_ready = 1;
    for (int i = 0;; i++) {
        if (i > 1000)
            lite_fail("read");
        hva_axi_mem_drive(&axm, &pin);
        hva_sim_eval(sim, &pin);
        int ar = pin.s_ar_valid && pin.s_ar_ready, r = pin.s_r_valid && pin.s_r_ready;
        uint32_t data = pin.s_r_data, resp = pin.s_r_resp;
        hva_axi_mem_update(&axm, &pin);
        hva_sim_tick(sim);
        cycles++;
        if (ar)
            pin.s_ar_valid = 0;
        if (r) {
            pin.s_r_ready = 0;
            if (resp != 0)
                lite_err = true;
            return data;
        }
    }
}

static uint64_t write_waits;   /* cycles a write's AW was offered and not taken */
static uint32_t lite_strb = 0xf;   /* WSTRB of the writes */

static void lite_write32(void *ctx, uint32_t off, uint32_t v)
{
    (void)ctx;
    pin.s_aw_addr = off;
    pin.s_aw_valid = 1;
    pin.s_w_data = v;
    pin.s_w_strb = lite_strb;
    pin.s_w_valid = 1;
    pin.s_b_ready = 1;
    for (int i = 0;; i++) {
        if (i > 1000)
            lite_fail("write");
        hva_axi_mem_drive(&axm, &pin);
        hva_sim_eval(sim, &pin);
        int aw = pin.s_aw_valid && pin.s_aw_ready, w = pin.s_w_valid && pin.s_w_ready;
        int b = pin.s_b_valid && pin.s_b_ready;
        uint32_t resp = pin.s_b_resp;
        hva_axi_mem_update(&axm, &pin);
        hva_sim_tick(sim);
        cycles++;
        if (aw)
            pin.s_aw_valid = 0;
        else if (pin.s_aw_valid)
            write_waits++;
        if (w)
            pin.s_w_valid = 0;
        if (b) {
            pin.s_b_ready = 0;
            if (resp != 0)
                lite_err = true;
            return;
        }
    }
}

static bool lite_bus_error(void *ctx)
{
    (void)ctx;
    bool e = lite_err;
    lite_err = false;
    return e;
}

static const struct hva_io io = { lite_read32, lite_write32, lite_bus_error, NULL };

/* ---- a random world in memory */

static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

#define NVA 64
static uint64_t vas[NVA];
static uint64_t vsatp_sv39, vsatp_sv48, hgatp_x4;
#define GPA_DATA 0x4000000000ull

static void build_world(void)
{
    const uint64_t gfull = XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U | XLATE_PTE_A |
                           XLATE_PTE_D;
    uint64_t groot = hva_mem_alloc(&mem, 4);
    hva_mem_map(&mem, groot, 3, true, MEM_BASE, MEM_BASE, 2, gfull);   /* tables: GPA == HPA */
    /* data GPAs: 2 MiB and 4 KiB G leaves with random permissions and A/D */
    for (unsigned i = 0; i < 16; i++) {
        uint64_t flags = (rnd() & (XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_A |
                                   XLATE_PTE_D)) | XLATE_PTE_U | XLATE_PTE_R;
        if ((flags & XLATE_PTE_W) && !(flags & XLATE_PTE_R))
            flags |= XLATE_PTE_R;
        int level = i < 4 ? 1 : 0;
        uint64_t gpa = GPA_DATA + (i < 4 ? i * 0x200000ull : 0x800000 + i * 0x1000ull);
        hva_mem_map(&mem, groot, 3, true, gpa, 0x900000000ull + (rnd() & 0xfff) * 0x200000, level,
                    flags);
    }
    uint64_t r39 = hva_mem_alloc(&mem, 1), r48 = hva_mem_alloc(&mem, 1);
    for (unsigned i = 0; i < NVA; i++) {
        uint64_t va = (rnd() & 0x3fffff000ull) | (i & 1 ? 0 : 0);
        uint64_t flags = rnd() & (XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U |
                                  XLATE_PTE_G | XLATE_PTE_A | XLATE_PTE_D);
        if (!(flags & (XLATE_PTE_R | XLATE_PTE_X)))
            flags |= XLATE_PTE_R;
        if ((flags & XLATE_PTE_W) && !(flags & XLATE_PTE_R))
            flags |= XLATE_PTE_R;
        uint64_t gpa = GPA_DATA + (rnd() % 5 == 0 ? 0x40000000ull : 0) +   /* some unmapped */
                       (i % 16 < 4 ? (i % 4) * 0x200000ull : 0x800000 + (i % 16) * 0x1000ull);
        vas[i] = va;
        hva_mem_map(&mem, r39, 3, false, va, gpa, 0, flags);
        hva_mem_map(&mem, r48, 4, false, va | 0x7f0000000000ull, gpa, 0, flags);
    }
    vsatp_sv39 = xlate_make_satp(XLATE_SATP_MODE_SV39, 5, r39 >> 12);
    vsatp_sv48 = xlate_make_satp(XLATE_SATP_MODE_SV48, 6, r48 >> 12);
    hgatp_x4 = xlate_make_hgatp(XLATE_HGATP_MODE_SV39X4, 2, groot >> 12);
}

static void random_request(struct hva_ring_req *q, bool allow_ad_update)
{
    unsigned k = rnd() % 8;
    q->ctx = (struct xlate_ctx){
        .vsatp = k == 0 ? 0 : (k & 1) ? vsatp_sv48 : vsatp_sv39,
        .hgatp = k == 7 ? 0 : hgatp_x4,
        .virt = k != 6,
        .user = rnd() & 1, .sum = rnd() & 1, .mxr = rnd() % 4 == 0, .vmxr = rnd() % 4 == 0,
        .hlvx = rnd() % 8 == 0,
        .ad_mode = allow_ad_update && (rnd() & 1) ? XLATE_AD_UPDATE : XLATE_AD_FAULT,
    };
    uint64_t va = vas[rnd() % NVA] | (rnd() & 0xff8);
    if (q->ctx.vsatp == vsatp_sv48)
        va |= 0x7f0000000000ull;
    if (!q->ctx.virt || q->ctx.vsatp == 0)
        va = GPA_DATA + (rnd() % 4) * 0x200000ull + (rnd() & 0x1ffff8);
    if (rnd() % 16 == 0)
        va = rnd() & 0x7ffffffffff8ull;   /* anywhere */
    q->addr = va;
    q->acc = (enum xlate_access)(rnd() % 3);
    if (q->ctx.hlvx)
        q->acc = XLATE_READ;
}

static bool same(const struct xlate_result *got, const struct xlate_result *want)
{
    return got->exc == want->exc && got->hpa == want->hpa && got->gpa == want->gpa &&
           got->tval == want->tval && got->htval == want->htval &&
           got->implicit == want->implicit && got->vs_perm == want->vs_perm &&
           got->g_perm == want->g_perm && got->page_size == want->page_size;
}

static void report(const char *what, const struct hva_ring_req *q, const struct xlate_result *got,
                   const struct xlate_result *want)
{
    failures++;
    if (failures > 10)
        return;
    fprintf(stderr, "MISMATCH (%s): vsatp %016" PRIx64 " hgatp %016" PRIx64 " addr %016" PRIx64
            " acc %d virt %d user %d sum %d mxr %d vmxr %d hlvx %d ad %d\n", what, q->ctx.vsatp,
            q->ctx.hgatp, q->addr, q->acc, q->ctx.virt, q->ctx.user, q->ctx.sum, q->ctx.mxr,
            q->ctx.vmxr, q->ctx.hlvx, q->ctx.ad_mode);
    for (uint32_t i = 0; i < want->n_steps && i < XLATE_MAX_STEPS; i++)
        fprintf(stderr, "  step %u: stage %s level %d pte@%" PRIx64 " = %016" PRIx64 "\n", i,
                want->steps[i].stage ? "G" : "VS", want->steps[i].level, want->steps[i].pte_addr,
                want->steps[i].pte);
    const struct xlate_result *r[2] = { got, want };
    for (int i = 0; i < 2; i++)
        fprintf(stderr, "  %s: exc %u hpa %" PRIx64 " gpa %" PRIx64 " tval %" PRIx64 " htval %" PRIx64
                " implicit %d perm %x/%x page %" PRIx64 " pte_reads %u\n", i ? "model" : "rtl  ",
                r[i]->exc, r[i]->hpa, r[i]->gpa, r[i]->tval, r[i]->htval, r[i]->implicit,
                r[i]->vs_perm, r[i]->g_perm, r[i]->page_size, r[i]->pte_reads);
}

/* The model runs first; its A/D writes are undone (from the walk path) so the
 * RTL starts from the same memory, and the memory both leave must agree. */
static void single_requests(struct hva *h, unsigned n, uint64_t *cyc_total)
{
    static uint64_t post[XLATE_MAX_STEPS];
    for (unsigned i = 0; i < n; i++) {
        struct hva_ring_req q;
        struct xlate_result want, got;
        random_request(&q, true);
        xlate_translate(&q.ctx, &mem.xm, q.addr, q.acc, &want);
        uint32_t ns = want.n_steps < XLATE_MAX_STEPS ? want.n_steps : XLATE_MAX_STEPS;
        for (uint32_t s = 0; s < ns; s++)
            post[s] = hva_mem_read(&mem, want.steps[s].pte_addr);
        for (uint32_t s = ns; s-- > 0;)
            hva_mem_write(&mem, want.steps[s].pte_addr, want.steps[s].pte);
        uint64_t c0 = cycles;
        int e = hva_translate(h, &q.ctx, q.addr, q.acc, &got, NULL);
        *cyc_total += cycles - c0;
        CHECK(e == HVA_OK, "hva_translate: %d", e);
        if (!same(&got, &want))
            report("single", &q, &got, &want);
        for (uint32_t s = 0; s < ns; s++)
            if (hva_mem_read(&mem, want.steps[s].pte_addr) != post[s]) {
                failures++;
                fprintf(stderr, "A/D state differs at %" PRIx64 ": rtl %016" PRIx64
                        " model %016" PRIx64 "\n", want.steps[s].pte_addr,
                        hva_mem_read(&mem, want.steps[s].pte_addr), post[s]);
                break;
            }
    }
}

/* Through the context slots: each slot holds one of the world's contexts
 * (random flags); a translation is hva_translate_fast (one write, one read,
 * plus ADDR_HI when the upper half changes), its HPA or exception compared
 * with the model, then the whole result (RSP_*, outside the count) and the
 * A/D state as for single requests. */
static void fast_requests(struct hva *h, unsigned n, uint64_t *cyc_total)
{
    static uint64_t post[XLATE_MAX_STEPS];
    struct hva_ring_req slot_req[HVA_CTX_MAX_SLOTS];
    unsigned slots = h->caps.ctx_slots;
    for (unsigned k = 0; k < slots; k++) {
        random_request(&slot_req[k], true);
        CHECK(hva_ctx_load(h, k, &slot_req[k].ctx) == HVA_OK, "ctx load %u", k);
    }
    for (unsigned i = 0; i < n; i++) {
        unsigned k = (unsigned)(rnd() % slots);
        struct hva_ring_req q;
        if (rnd() % 64 == 0) {   /* now and then a slot gets a new context */
            random_request(&slot_req[k], true);
            CHECK(hva_ctx_load(h, k, &slot_req[k].ctx) == HVA_OK, "ctx load %u", k);
        }
        random_request(&q, true);   /* an address and access fitting some context */
        q.ctx = slot_req[k].ctx;
        if (q.ctx.hlvx)
            q.acc = XLATE_READ;
        struct xlate_result want, got;
        xlate_translate(&q.ctx, &mem.xm, q.addr, q.acc, &want);
        uint32_t ns = want.n_steps < XLATE_MAX_STEPS ? want.n_steps : XLATE_MAX_STEPS;
        for (uint32_t st = 0; st < ns; st++)
            post[st] = hva_mem_read(&mem, want.steps[st].pte_addr);
        for (uint32_t st = ns; st-- > 0;)
            hva_mem_write(&mem, want.steps[st].pte_addr, want.steps[st].pte);
        uint64_t hpa = 0, c0 = cycles;
        int exc = hva_translate_fast(h, k, q.addr, q.acc, &hpa);
        *cyc_total += cycles - c0;
        CHECK(exc >= 0, "hva_translate_fast: %d", exc);
        CHECK(hva_last_result(h, q.addr, &got, NULL) == HVA_OK, "last result");
        if ((unsigned)exc != want.exc || (exc == 0 && hpa != want.hpa) || !same(&got, &want)) {
            fprintf(stderr, "fast: exc %d hpa %" PRIx64 "\n", exc, hpa);
            report("fast", &q, &got, &want);
        }
        for (uint32_t st = 0; st < ns; st++)
            if (hva_mem_read(&mem, want.steps[st].pte_addr) != post[st]) {
                failures++;
                fprintf(stderr, "fast: A/D state differs at %" PRIx64 "\n",
                        want.steps[st].pte_addr);
                break;
            }
    }
}

/* Batches through the ring (A/D fault mode: the requests of a batch all see
 * the memory as it is now). */
static void ring_batches(struct hva *h, unsigned n, unsigned log2)
{
    struct hva_ring ring;
    static struct hva_ring_req reqs[4096];
    static struct xlate_result res[4096];
    uint64_t pa = hva_mem_alloc(&mem, (64u << log2) / 4096 ? (64u << log2) / 4096 : 1);
    CHECK(hva_ring_init(h, &ring, hva_mem_ptr(&mem, pa), pa, log2) == HVA_OK, "ring init");
    if (n > 4096)
        n = 4096;
    for (unsigned i = 0; i < n; i++)
        random_request(&reqs[i], false);
    unsigned sent = 0, got = 0;
    uint64_t c0 = cycles;
    while (got < n) {
        if (sent < n) {
            int s = hva_ring_submit(h, &ring, &reqs[sent], n - sent);
            CHECK(s >= 0, "submit %d", s);
            sent += s > 0 ? (unsigned)s : 0;
        }
        int c = hva_ring_collect(h, &ring, &res[got], n - got);
        if (c < 0) {
            CHECK(c >= 0, "collect %d", c);
            return;
        }
        got += (unsigned)c;
    }
    printf("ring: %u translations, %.1f cycles each (register polling included)\n", n,
           (double)(cycles - c0) / n);
    for (unsigned i = 0; i < n; i++) {
        struct xlate_result want;
        xlate_translate(&reqs[i].ctx, &mem.xm, reqs[i].addr, reqs[i].acc, &want);
        if (!same(&res[i], &want))
            report("ring", &reqs[i], &res[i], &want);
    }
}

/* The ring and the registers at once (A/D fault mode: no request changes
 * memory, so the order does not matter): the walker's request register is
 * shared (hva_req_arb), so a REQ_GO or XLATE_* write is held back while a
 * ring request waits in it; every answer must still be the model's, and the
 * hold-back must have happened. XLATE_* leaves REQ_* as software wrote them. */
static void mixed(struct hva *h, unsigned n)
{
    enum { LOG2 = 6 };
    struct hva_ring ring;
    static struct hva_ring_req reqs[256];
    static struct xlate_result res[256];
    struct hva_ring_req slot;
    uint64_t pa = hva_mem_alloc(&mem, 1);   /* 64 slots of 64 bytes */
    unsigned sent = 0, got = 0, singles = 0;
    uint64_t waits0 = write_waits;

    CHECK(hva_ring_init(h, &ring, hva_mem_ptr(&mem, pa), pa, LOG2) == HVA_OK, "ring init");
    if (n > 256)
        n = 256;
    for (unsigned i = 0; i < n; i++)
        random_request(&reqs[i], false);
    random_request(&slot, false);
    CHECK(hva_ctx_load(h, 0, &slot.ctx) == HVA_OK, "ctx load");
    while (got < n) {
        if (sent < n) {
            int s = hva_ring_submit(h, &ring, &reqs[sent], n - sent);
            CHECK(s >= 0, "submit %d", s);
            sent += s > 0 ? (unsigned)s : 0;
        }
        struct hva_ring_req q;
        struct xlate_result want, r;
        random_request(&q, false);
        xlate_translate(&q.ctx, &mem.xm, q.addr, q.acc, &want);
        CHECK(hva_translate(h, &q.ctx, q.addr, q.acc, &r, NULL) == HVA_OK, "mixed single");
        if (!same(&r, &want))
            report("mixed single", &q, &r, &want);
        random_request(&q, false);
        q.ctx = slot.ctx;
        if (q.ctx.hlvx)
            q.acc = XLATE_READ;
        xlate_translate(&q.ctx, &mem.xm, q.addr, q.acc, &want);
        uint64_t hpa = 0;
        int exc = hva_translate_fast(h, 0, q.addr, q.acc, &hpa);
        CHECK(exc >= 0, "mixed fast: %d", exc);
        if ((unsigned)exc != want.exc || (exc == 0 && hpa != want.hpa)) {
            fprintf(stderr, "mixed fast: exc %d hpa %" PRIx64 "\n", exc, hpa);
            report("mixed fast", &q, &r, &want);
        }
        singles++;
        int c = hva_ring_collect(h, &ring, &res[got], n - got);
        CHECK(c >= 0, "collect %d", c);
        got += c > 0 ? (unsigned)c : 0;
    }
    for (unsigned i = 0; i < n; i++) {
        struct xlate_result want;
        xlate_translate(&reqs[i].ctx, &mem.xm, reqs[i].addr, reqs[i].acc, &want);
        if (!same(&res[i], &want))
            report("mixed ring", &reqs[i], &res[i], &want);
    }
    printf("mixed: %u ring translations beside %u single and %u slot ones, %" PRIu64
           " write cycles held back\n", n, singles, singles, write_waits - waits0);
    CHECK(write_waits - waits0 >= 10, "a GO / XLATE_* write was never held back");

    /* XLATE_* leaves REQ_* alone: a GO after it translates REQ_*'s request
       again. REQ_* are write-only (read 0). */
    struct hva_ring_req q;
    struct xlate_result want, r;
    random_request(&q, false);
    xlate_translate(&q.ctx, &mem.xm, q.addr, q.acc, &want);
    CHECK(hva_translate(h, &q.ctx, q.addr, q.acc, &r, NULL) == HVA_OK && same(&r, &want), "single");
    uint64_t hpa = 0;
    CHECK(hva_translate_fast(h, 0, q.addr ^ 0x1000u, XLATE_READ, &hpa) >= 0, "fast");
    CHECK(lite_read32(NULL, HVA_REQ_ADDR_LO_OFFSET) == 0 && lite_read32(NULL, HVA_REQ_CTRL_OFFSET) == 0,
          "REQ_* read back");
    lite_write32(NULL, HVA_REQ_GO_OFFSET, 1);
    for (int i = 0; i < 1000 && (lite_read32(NULL, HVA_STATUS_OFFSET) & HVA_STATUS_REQ_BUSY_MASK); i++)
        ;
    memset(&r, 0, sizeof r);
    CHECK(hva_last_result(h, q.addr, &r, NULL) == HVA_OK, "GO after XLATE_*");
    if (!same(&r, &want))
        report("XLATE_* changed REQ_*", &q, &r, &want);
}

/* Byte strobes: a register keeps its unstrobed bytes (IRQ_ENABLE read back;
 * REQ_ADDR_LO through a translation of the address it then holds). */
static void strobes(struct hva *h)
{
    lite_strb = 0xe;
    lite_write32(NULL, HVA_IRQ_ENABLE_OFFSET, 7);
    CHECK(lite_read32(NULL, HVA_IRQ_ENABLE_OFFSET) == 0, "IRQ_ENABLE took an unstrobed byte");
    lite_strb = 0x1;
    lite_write32(NULL, HVA_IRQ_ENABLE_OFFSET, 7);
    CHECK(lite_read32(NULL, HVA_IRQ_ENABLE_OFFSET) == 7, "IRQ_ENABLE strobed byte");
    lite_strb = 0xf;
    lite_write32(NULL, HVA_IRQ_ENABLE_OFFSET, 0);

    for (int i = 0; i < 20; i++) {
        struct hva_ring_req q;
        struct xlate_result want, r;
        random_request(&q, false);
        CHECK(hva_translate(h, &q.ctx, q.addr, q.acc, &r, NULL) == HVA_OK, "strobes single");
        uint32_t b = (uint32_t)rnd() & 3, v = (uint32_t)rnd();
        uint64_t mask = 0xffull << (8 * b);
        uint64_t addr = (q.addr & ~mask) | ((uint64_t)v & mask);
        lite_strb = 1u << b;
        lite_write32(NULL, HVA_REQ_ADDR_LO_OFFSET, v);
        lite_strb = 0xf;
        lite_write32(NULL, HVA_REQ_GO_OFFSET, 1);
        for (int k = 0; k < 1000 && (lite_read32(NULL, HVA_STATUS_OFFSET) & HVA_STATUS_REQ_BUSY_MASK); k++)
            ;
        xlate_translate(&q.ctx, &mem.xm, addr, q.acc, &want);
        CHECK(hva_last_result(h, addr, &r, NULL) == HVA_OK, "strobes GO");
        if (!same(&r, &want))
            report("REQ_ADDR_LO byte strobe", &q, &r, &want);
    }
}

/* Cycles per translation through the registers, for one Sv39-over-Sv39x4
 * read: cold (after a fence) and on a combined-TLB hit, one at a time through
 * the single-request registers and 32 at a time through a ring of 64 slots
 * (the first of them walks, the rest hit). All must agree with the model. */
static void latencies(struct hva *h)
{
    enum { NRING = 32 };
    static struct hva_ring_req reqs[NRING];
    static struct xlate_result res[NRING];
    struct hva_ring_req q = { .ctx = { .vsatp = vsatp_sv39, .hgatp = hgatp_x4, .virt = true,
                                       .sum = true }, .acc = XLATE_READ };
    struct xlate_result want, got;
    struct hva_hits hits;
    struct hva_inval all = { .gvma = true };
    bool found = false;

    /* a GVA the model translates (user or supervisor page) */
    for (unsigned i = 0; i < 2 * NVA && !found; i++) {
        q.ctx.user = i & 1;
        q.addr = vas[i / 2];
        xlate_translate(&q.ctx, &mem.xm, q.addr, q.acc, &want);
        found = want.exc == 0;
    }
    CHECK(found, "no translatable GVA in the world");
    if (!found)
        return;

    uint64_t cyc[2];
    unsigned reads = 0;
    CHECK(hva_invalidate(h, &all) == HVA_OK, "invalidate");
    for (int i = 0; i < 2; i++) {
        uint64_t c0 = cycles;
        CHECK(hva_translate(h, &q.ctx, q.addr, q.acc, &got, &hits) == HVA_OK, "translate");
        cyc[i] = cycles - c0;
        if (!same(&got, &want))
            report("latency", &q, &got, &want);
        if (i == 0)
            reads = got.pte_reads;
        CHECK(hits.tlb == (i == 1), "request %d: TLB hit %d", i, hits.tlb);
    }
    /* the G-TLB already serves later PTE accesses of the same walk */
    CHECK(reads > 0 && reads <= want.pte_reads, "cold walk: %u PTE reads, model %u", reads,
          want.pte_reads);

    /* the same through a context slot: one write, one read */
    uint64_t fcyc[2];
    CHECK(hva_ctx_load(h, 0, &q.ctx) == HVA_OK, "ctx load");
    CHECK(hva_invalidate(h, &all) == HVA_OK, "invalidate");
    uint64_t hpa = 0;
    (void)hva_translate_fast(h, 0, q.addr ^ 0x8, q.acc, &hpa);   /* ADDR_HI written, cold */
    CHECK(hva_invalidate(h, &all) == HVA_OK, "invalidate");
    for (int i = 0; i < 2; i++) {
        uint64_t c0 = cycles;
        int exc = hva_translate_fast(h, 0, q.addr, q.acc, &hpa);
        fcyc[i] = cycles - c0;
        CHECK(exc == 0 && hpa == want.hpa, "fast %d: exc %d hpa %" PRIx64, i, exc, hpa);
    }

    struct hva_ring ring;
    uint64_t pa = hva_mem_alloc(&mem, 1);
    CHECK(hva_ring_init(h, &ring, hva_mem_ptr(&mem, pa), pa, 6) == HVA_OK, "ring init");
    for (unsigned i = 0; i < NRING; i++)
        reqs[i] = q;
    CHECK(hva_invalidate(h, &all) == HVA_OK, "invalidate");
    uint64_t c0 = cycles;
    int sent = hva_ring_submit(h, &ring, reqs, NRING);
    CHECK(sent == NRING, "submit %d", sent);
    if (sent != NRING)
        return;
    unsigned n = 0;
    while (n < NRING) {
        int c = hva_ring_collect(h, &ring, &res[n], NRING - n);
        CHECK(c > 0, "collect %d", c);
        if (c <= 0)
            return;
        n += (unsigned)c;
    }
    uint64_t ring_cyc = cycles - c0;
    for (unsigned i = 0; i < NRING; i++)
        if (!same(&res[i], &want))
            report("latency ring", &q, &res[i], &want);
    printf("registers, memory latency %u, Sv39 over Sv39x4: single request cold %" PRIu64
           " cycles (%u PTE reads, model %u), TLB hit %" PRIu64 " cycles; ring of %d (1 cold, then "
           "hits) %.1f cycles each\n", LATENCY, cyc[0], reads, want.pte_reads, cyc[1], NRING,
           (double)ring_cyc / NRING);
    printf("registers, context slot (one write, one read): cold %" PRIu64 " cycles, TLB hit %"
           PRIu64 " cycles\n", fcyc[0], fcyc[1]);
}

static void bus_errors(struct hva *h)
{
    struct xlate_result r;
    struct xlate_ctx c = { .hgatp = hgatp_x4 };

    /* an unmapped offset: SLVERR, seen by the hook, nothing else disturbed */
    (void)lite_read32(NULL, 0x0fc);
    CHECK(lite_bus_error(NULL), "read of 0x0fc not an error");
    lite_write32(NULL, 0x800, 1);
    CHECK(lite_bus_error(NULL), "write of 0x800 not an error");
    (void)lite_read32(NULL, HVA_REQ_CTRL_OFFSET + 1);   /* misaligned */
    CHECK(lite_bus_error(NULL), "misaligned read not an error");
    /* a request started, an error in between, the response still there */
    lite_write32(NULL, HVA_REQ_ADDR_LO_OFFSET, (uint32_t)GPA_DATA);
    lite_write32(NULL, HVA_REQ_ADDR_HI_OFFSET, (uint32_t)(GPA_DATA >> 32));
    lite_write32(NULL, HVA_REQ_HGATP_LO_OFFSET, (uint32_t)hgatp_x4);
    lite_write32(NULL, HVA_REQ_HGATP_HI_OFFSET, (uint32_t)(hgatp_x4 >> 32));
    lite_write32(NULL, HVA_REQ_VSATP_LO_OFFSET, 0);
    lite_write32(NULL, HVA_REQ_VSATP_HI_OFFSET, 0);
    lite_write32(NULL, HVA_REQ_CTRL_OFFSET, 0x42u << HVA_REQ_CTRL_ID_LSB);
    lite_write32(NULL, HVA_REQ_GO_OFFSET, 1);
    (void)lite_read32(NULL, 0x3000);
    CHECK(lite_bus_error(NULL), "read of 0x3000 not an error");
    for (int i = 0; i < 200 && (lite_read32(NULL, HVA_STATUS_OFFSET) & 1); i++)
        ;
    uint32_t st = lite_read32(NULL, HVA_RSP_STATUS_OFFSET);
    CHECK((st >> HVA_RSP_STATUS_ID_LSB & 0xff) == 0x42 && (st & HVA_RSP_STATUS_DONE_MASK),
          "response lost: status %08x", st);
    CHECK(!lite_bus_error(NULL), "good accesses flagged");

    /* the driver still works after all that */
    struct hva again;
    CHECK(hva_probe(&again, &io) == HVA_OK, "probe after errors");
    /* a ring in memory that answers SLVERR: the engine stops, the driver says so */
    struct hva_ring ring;
    struct hva_ring_req q = { .ctx = c, .addr = GPA_DATA, .acc = XLATE_READ };
    uint64_t pa = hva_mem_alloc(&mem, 1);
    mem.err_lo = pa + 0x20;           /* the response word of slot 0 */
    mem.err_hi = pa + 0x28;
    CHECK(hva_ring_init(h, &ring, hva_mem_ptr(&mem, pa), pa, 2) == HVA_OK, "ring init");
    CHECK(hva_ring_submit(h, &ring, &q, 1) == 1, "submit");
    int e = hva_ring_collect(h, &ring, &r, 1);
    CHECK(e == HVA_ERR_RING, "collect gave %d, not HVA_ERR_RING", e);
    CHECK(lite_read32(NULL, HVA_IRQ_STATUS_OFFSET) & HVA_IRQ_STATUS_RING_ERR_MASK, "no RING_ERR");
    mem.err_lo = mem.err_hi = 0;
    CHECK(hva_ring_recover(h, &ring) == HVA_OK, "recover");
    CHECK(hva_ring_submit(h, &ring, &q, 1) == 1, "submit after recover");
    CHECK(hva_ring_collect(h, &ring, &r, 1) == 1, "collect after recover");
    CHECK(r.exc == 0 && r.gpa == GPA_DATA, "result after recover: exc %u", r.exc);
    lite_write32(NULL, HVA_IRQ_STATUS_OFFSET, ~0u);   /* W1C all */
}

int main(void)
{
    const char *seed = getenv("HVA_SEED"), *nenv = getenv("HVA_N");
    unsigned n = nenv ? (unsigned)atoi(nenv) : 3000;
    struct hva h;
    struct hva_counters k;
    int e;

    rng_state = seed ? strtoull(seed, NULL, 0) : 0x2545f4914f6cdd1dull;
    sim = hva_sim_new(getenv("HVA_TRACE") ? "build/sim/hva/hva.fst" : NULL);
    hva_mem_init(&mem, MEM_BASE, MEM_SIZE);
    hva_axi_mem_init(&axm, &mem, LATENCY);
    build_world();
    for (int i = 0; i < 4; i++)
        step();

    e = hva_probe(&h, &io);
    CHECK(e == HVA_OK, "probe: %d", e);
    printf("HVA %x.%02x: TLB %u/%u-way, G-TLB %u/%u-way, PWC %u, max PTE reads %u, AXI ID %u, "
           "ring <= 2^%u, VIC %d (%u guests, %u ids, %u sources)\n", h.caps.version >> 8,
           h.caps.version & 0xff, h.caps.tlb_entries, h.caps.tlb_ways, h.caps.gtlb_entries,
           h.caps.gtlb_ways, h.caps.pwc_entries, h.caps.max_pte_reads, h.caps.axi_id_w,
           h.caps.ring_max_log2, h.caps.vic, h.caps.vic_guests, h.caps.vic_ids, h.caps.vic_sources);
    CHECK(h.caps.axi_id_w == 5 && h.caps.ring_max_log2 == 15 && h.caps.vic_guests == 4 &&
          h.caps.ctx_slots == 4, "capabilities");

    /* the slots' words are write-only (read 0, no SLVERR); the counters (no
       reset pin, cleared in the reset's first cycle) read 0 */
    for (uint32_t k = 0; k < h.caps.ctx_slots; k++) {
        for (uint32_t w = 0; w < 6; w++) {
            uint32_t off = HVA_CTX_VSATP_LO_OFFSET + k * HVA_CTX_STRIDE + 4 * w;
            lite_write32(NULL, off, 0xa5a5a5a5u);
            uint32_t v = lite_read32(NULL, off);
            CHECK(!lite_bus_error(NULL) && v == 0, "slot word %#x read back: %08x", off, v);
        }
    }
    for (uint32_t off = HVA_PERF_REQUESTS_OFFSET; off <= HVA_PERF_BUSY_CYCLES_OFFSET; off += 4) {
        uint32_t v = lite_read32(NULL, off);
        CHECK(!lite_bus_error(NULL) && v == 0, "counter %#x after reset: %08x", off, v);
    }

    /* the VIC answers through its window */
    uint32_t info0 = lite_read32(NULL, HVA_VIC_HYP_OFFSET + VIC_INFO0);
    CHECK(!lite_bus_error(NULL) && (info0 & 0xff) == 4 && info0 >> 24 == VIC_VERSION,
          "VIC INFO0 %08x", info0);

    CHECK(hva_clear_counters(&h) == HVA_OK, "clear");
    uint64_t single_cycles = 0;
    clock_t t0 = clock();
    uint64_t c0 = cycles;
    single_requests(&h, n, &single_cycles);
    printf("single: %u translations, %.1f cycles each through the AXI4-Lite hook\n", n,
           (double)single_cycles / n);
    CHECK(hva_read_counters(&h, &k) == HVA_OK, "counters");
    printf("counters: requests %u TLB hits %u G-TLB hits %u PWC hits %u PTE reads %u busy %u\n",
           k.requests, k.tlb_hits, k.gtlb_hits, k.pwc_hits, k.pte_reads, k.busy_cycles);
    CHECK(k.requests == n, "requests counter %u != %u", k.requests, n);

    uint64_t fast_cycles = 0;
    fast_requests(&h, n, &fast_cycles);
    printf("context slots: %u translations, %.1f cycles each through the AXI4-Lite hook\n", n,
           (double)fast_cycles / n);

    /* invalidations between batches, then the ring */
    struct hva_inval all_g = { .gvma = true };
    CHECK(hva_invalidate(&h, &all_g) == HVA_OK, "invalidate");
    lite_write32(NULL, HVA_IRQ_ENABLE_OFFSET, HVA_IRQ_ENABLE_RING_DONE_MASK);
    ring_batches(&h, n, 6);
    mixed(&h, n / 10);
    CHECK(pin.irq, "no ring interrupt");
    lite_write32(NULL, HVA_IRQ_STATUS_OFFSET, HVA_IRQ_STATUS_RING_DONE_MASK);
    step();
    CHECK(!pin.irq, "ring interrupt not cleared");
    lite_write32(NULL, HVA_IRQ_ENABLE_OFFSET, 0);

    latencies(&h);
    strobes(&h);
    bus_errors(&h);
    CHECK(axm.protocol_errors == 0, "%" PRIu64 " AXI protocol errors", axm.protocol_errors);

    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("simulated %" PRIu64 " cycles, %.0f cycles/s\n", cycles - c0,
           secs > 0 ? (cycles - c0) / secs : 0.0);
    hva_sim_free(sim);
    hva_mem_free(&mem);
    if (failures) {
        printf("%u failures\n", failures);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
