/* The VIC's RTL (Verilated, sim/vic) against its C model (vic_model), in
 * lockstep: every cycle both get the same source levels and bus request, and
 * the interrupt outputs and every bus response must agree.
 *
 * On top of that lockstep comparison:
 *  - directed tests check the behaviour itself against the rules in
 *    vic_model.h (masking, threshold, priorities and ties, claim/complete,
 *    level vs edge, edges racing claims, re-routing while pending, a guest
 *    that is not running), and measure the latencies;
 *  - a seeded random test drives many sources, claims, completes and register
 *    writes at once, and checks from the outside that no edge is lost or
 *    delivered twice.
 * Env: VIC_SEED (random seed, printed), VIC_CYCLES (random cycles, default
 * 1000000), VIC_TRACE=1 (FST waveform of each test in build/vic/), VIC_ONLY
 * (run one test: a directed test's name, or "random"). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vic_sim.h"
#include "vic_model/vic_model.h"

#define GUESTS   VIC_SIM_GUESTS
#define IDS      VIC_SIM_IDS
#define SOURCES  VIC_SIM_SOURCES
#define HYP      GUESTS                        /* the hypervisor's file */
#define NFILES   (GUESTS + 1)
#define CTXS     VIC_SIM_CTXS                  /* contexts per guest file */
#define HYPU     (GUESTS * CTXS)               /* the hypervisor file's unit */
#define NUNITS   (GUESTS * CTXS + 1)           /* contexts (units) */
#define PRIO_MAX ((1u << VIC_SIM_PRIO_BITS) - 1)
#define ADDR_W   20                            /* the RTL's AddrW */

static struct vic_sim *dut;
static struct vic_model model;
static uint32_t src[VIC_MAX_SOURCES / 32];
static struct vic_sim_out out;                 /* the DUT's outputs in the last cycle */
static uint64_t cycle;
static const char *test_name = "";

static void fail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "FAIL [%s %s] cycle %llu: ", VIC_SIM_NAME, test_name,
            (unsigned long long)cycle);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

#define CHECK(cond) do { if (!(cond)) fail("%s (line %d)", #cond, __LINE__); } while (0)
#define CHECK_EQ(a, b) do { uint64_t a_ = (a), b_ = (b); \
    if (a_ != b_) fail("%s = 0x%llx, expected %s = 0x%llx (line %d)", #a, \
                       (unsigned long long)a_, #b, (unsigned long long)b_, __LINE__); } while (0)

static void start(const char *name)
{
    char fst[128];
    struct vic_params p = { GUESTS, IDS, SOURCES, VIC_SIM_VCPUS, VIC_SIM_PRIO_BITS, CTXS };
    const char *trace = getenv("VIC_TRACE");
    test_name = name;
    if (dut)
        vic_sim_free(dut);
    snprintf(fst, sizeof(fst), "build/vic/%s_%s.fst", VIC_SIM_NAME, name);
    dut = vic_sim_new(trace && trace[0] == '1' ? fst : NULL);
    if (vic_model_init(&model, &p) != 0)
        fail("model rejects the RTL's parameters");
    memset(src, 0, sizeof(src));
    memset(&out, 0, sizeof(out));
    cycle = 0;
}

/* One clock of both, compared. Returns the (agreed) bus response. */
static struct vic_bus_rsp step(const struct vic_bus_req *r)
{
    static const struct vic_bus_req none;
    struct vic_bus_rsp mrsp;
    if (!r)
        r = &none;
    struct vic_sim_in in = { src, r->valid, r->we, r->addr, r->wdata, r->wstrb };
    uint32_t m_eip = vic_model_guest_eip(&model), m_hyp = vic_model_hyp_irq(&model);

    vic_sim_cycle(dut, &in, &out);
    vic_model_cycle(&model, src, r, &mrsp);
    if (out.guest_eip != m_eip || (uint32_t)out.hyp_irq != m_hyp)
        fail("outputs: rtl guest_eip %x hyp_irq %d, model %x %d", out.guest_eip, out.hyp_irq,
             m_eip, m_hyp);
    if (out.rdata != mrsp.rdata || out.err != mrsp.err)
        fail("bus %s 0x%05x wdata %08x strb %x: rtl %08x err %d, model %08x err %d",
             r->valid ? (r->we ? "write" : "read") : "idle", r->addr, r->wdata, r->wstrb,
             out.rdata, out.err, mrsp.rdata, mrsp.err);
    cycle++;
    return mrsp;
}

static void idle(int n)
{
    while (n-- > 0)
        step(NULL);
}

/* Long enough for anything to take effect: a write requested in cycle t acts
 * at the end of t+1; a source is picked, forwarded, its file arbitrated (up
 * to NFILES cycles later) and the line registered; a burst of sources into
 * one file is forwarded one per cycle. After settle() `out` shows it all. */
static void settle(void) { idle(SOURCES + NUNITS + 12); }

/* the bus is registered: a request in one cycle, its answer in the next */
static struct vic_bus_rsp bus(int we, uint32_t addr, uint32_t wdata, uint32_t wstrb)
{
    struct vic_bus_req r = { 1, we, addr, wdata, wstrb };
    step(&r);
    return step(NULL);
}

static void wr(uint32_t addr, uint32_t v) { CHECK_EQ(bus(1, addr, v, 0xf).err, 0); }

static uint32_t rd(uint32_t addr)
{
    struct vic_bus_rsp r = bus(0, addr, 0, 0);
    CHECK_EQ(r.err, 0);
    return r.rdata;
}

static uint32_t gwin(uint32_t g, uint32_t off) { return VIC_GUEST_BASE + g * VIC_GUEST_STRIDE + off; }
static uint32_t hreg(uint32_t off) { return VIC_HYP_BASE + off; }

static uint32_t claim_addr(uint32_t f) { return f == HYP ? hreg(VIC_HYP_CLAIM) : gwin(f, VIC_G_CLAIM); }
static uint32_t prio_addr(uint32_t f, uint32_t id)
{
    return f == HYP ? hreg(VIC_HYP_PRIORITY + 4 * id) : gwin(f, VIC_G_PRIORITY + 4 * id);
}
static uint32_t enable_addr(uint32_t f, uint32_t word)
{
    return f == HYP ? hreg(VIC_HYP_ENABLE + 4 * word) : gwin(f, VIC_G_ENABLE + 4 * word);
}
static uint32_t thresh_addr(uint32_t f) { return f == HYP ? hreg(VIC_HYP_THRESHOLD) : gwin(f, VIC_G_THRESHOLD); }
static uint32_t pending_addr(uint32_t f, uint32_t word)
{
    return f == HYP ? hreg(VIC_HYP_PENDING + 4 * word) : gwin(f, VIC_G_PENDING + 4 * word);
}
/* a context (unit u: guest u / CTXS's vCPU u % CTXS, or HYPU) */
static uint32_t ufile(uint32_t u) { return u / CTXS; }
static uint32_t claim_addr_u(uint32_t u)
{
    return u == HYPU ? hreg(VIC_HYP_CLAIM) : gwin(ufile(u), VIC_G_CLAIM_K(u % CTXS));
}
static uint32_t enable_addr_u(uint32_t u, uint32_t word)
{
    return u == HYPU ? hreg(VIC_HYP_ENABLE + 4 * word) : gwin(ufile(u), VIC_G_ENABLE_K(u % CTXS) + 4 * word);
}
static uint32_t thresh_addr_u(uint32_t u)
{
    return u == HYPU ? hreg(VIC_HYP_THRESHOLD) : gwin(ufile(u), VIC_G_THRESHOLD_K(u % CTXS));
}
static uint32_t line_addr(uint32_t g, uint32_t k) { return hreg(VIC_LINE + 4 * (g * VIC_MAX_CTXS + k)); }

static uint32_t route_word(uint32_t f, uint32_t vid, int edge)
{
    return VIC_ROUTE_ENABLE | (edge ? VIC_ROUTE_EDGE : 0) | vid |
           (f == HYP ? VIC_ROUTE_TO_HYP : f << VIC_ROUTE_GUEST_SHIFT);
}

static void set_route(uint32_t s, uint32_t f, uint32_t vid, int edge)
{
    wr(hreg(VIC_ROUTE + 4 * s), route_word(f, vid, edge));
}

/* file f: id at priority prio, enabled */
static void arm(uint32_t f, uint32_t id, uint32_t prio)
{
    wr(prio_addr(f, id), prio);
    wr(enable_addr(f, id / 32), rd(enable_addr(f, id / 32)) | 1u << (id % 32));
}

static uint32_t claim(uint32_t f) { return rd(claim_addr(f)); }
static void complete(uint32_t f, uint32_t id) { wr(claim_addr(f), id); }
static void set_src(uint32_t s, int v) { src[s / 32] = (src[s / 32] & ~(1u << s % 32)) | (uint32_t)(v != 0) << s % 32; }
static int pending(uint32_t f, uint32_t id) { return (rd(pending_addr(f, id / 32)) >> (id % 32)) & 1; }
/* until the source scan has forwarded a request to (f, id) */
static void wait_pending(uint32_t f, uint32_t id)
{
    for (int n = 0; n < 2 * SOURCES && !((model.file[f].pending >> id) & 1); n++)
        idle(1);
}

/* ---- directed tests ---------------------------------------------------------- */

static void test_registers(void)
{
    start("registers");
    CHECK_EQ(rd(hreg(VIC_INFO0)), GUESTS | VIC_SIM_VCPUS << 8 | VIC_SIM_PRIO_BITS << 16 | VIC_VERSION << 24);
    CHECK_EQ(rd(hreg(VIC_INFO1)), IDS | SOURCES << 16);
    CHECK_EQ(rd(hreg(VIC_INFO2)), CTXS | GUESTS << 8);
    for (uint32_t g = 0; g < GUESTS; g++)          /* reset: every context on its guest's line */
        CHECK_EQ(rd(line_addr(g, CTXS - 1)), g);
    if (CTXS < VIC_MAX_CTXS)
        CHECK_EQ(bus(0, line_addr(0, CTXS), 0, 0).err, 1);
    /* every word of the hypervisor region and of one guest window, read and
     * written with all ones, then read again: the lockstep compares each */
    for (uint32_t o = 0; o < VIC_HYP_SIZE; o += 4) {
        if (o == VIC_HYP_CLAIM || o == VIC_INJECT)
            continue;
        bus(0, hreg(o), 0, 0);
        bus(1, hreg(o), 0xffffffffu, 0x5);
        bus(0, hreg(o), 0, 0);
    }
    for (uint32_t o = 0; o < VIC_GUEST_STRIDE; o += 4) {
        if (o >= VIC_G_THRESHOLD && (o - VIC_G_THRESHOLD) % VIC_G_CTX_PAGE_STRIDE == 4)
            continue;                               /* every context's claim */
        bus(1, gwin(GUESTS - 1, o), 0xa5a5a5a5u, 0xf);
        bus(0, gwin(GUESTS - 1, o), 0, 0);
    }
    /* errors: unaligned, below and between regions, past the last guest */
    CHECK_EQ(bus(0, hreg(2), 0, 0).err, 1);
    CHECK_EQ(bus(0, 0, 0, 0).err, 1);
    CHECK_EQ(bus(1, 0x8000, 1, 0xf).err, 1);
    CHECK_EQ(bus(0, gwin(GUESTS, 0), 0, 0).err, 1);
    if (SOURCES < VIC_MAX_SOURCES)
        CHECK_EQ(bus(1, hreg(VIC_ROUTE + 4 * SOURCES), ~0u, 0xf).err, 1);
    CHECK_EQ(rd(hreg(VIC_ROUTE)), VIC_ROUTE_STORED & 0x00ff00ffu);   /* strobe 0x5, fields only */
    CHECK_EQ(rd(hreg(VIC_RUNNING)), (1u << GUESTS) - 1);   /* byte 0 written */
}

/* source -> output and source -> claim latencies, in cycles from the first
 * cycle the source is high at the VIC's input */
static int lat_eip, lat_claim, lat_hyp;

static void test_latency(void)
{
    start("latency");
    set_route(0, 1, 5, 1);
    arm(1, 5, 1);
    wr(hreg(VIC_RUNNING), 1u << 1);
    settle();
    set_src(0, 1);
    for (lat_eip = 0; lat_eip < 30 + SOURCES && !(out.guest_eip & 2); lat_eip++)
        idle(1);
    CHECK(out.guest_eip & 2);
    /* the cycle the output is seen high is lat_eip cycles after the assertion */
    lat_eip -= 1;
    CHECK_EQ(claim(1), 5);
    complete(1, 5);
    set_src(0, 0);
    settle();

    /* claim polled back to back from the assertion on: the cycle whose
     * answer first has the id, counted from the assertion */
    set_src(0, 1);
    uint64_t c0 = cycle;
    for (lat_claim = 0; lat_claim < 30 + SOURCES; lat_claim++)
        if (claim(1) == 5)
            break;
    CHECK(lat_claim < 30 + SOURCES);
    lat_claim = (int)(cycle - 1 - c0);
    complete(1, 5);
    set_src(0, 0);

    /* to the hypervisor: guest 0 not running */
    set_route(1, 0, 3, 0);
    arm(0, 3, 1);
    settle();
    set_src(1, 1);
    for (lat_hyp = 0; lat_hyp < 30 + SOURCES && !out.hyp_irq; lat_hyp++)
        idle(1);
    CHECK(out.hyp_irq);
    lat_hyp -= 1;
    CHECK_EQ(out.guest_eip, 0);
    printf("%s: latency source -> guest_eip_o %d cycles, source -> claim returns the id %d "
           "cycles, source -> hyp_irq_o (guest not running) %d cycles\n",
           VIC_SIM_NAME, lat_eip, lat_claim, lat_hyp);
    /* the design's promise (vic.sv): the source scanned within SOURCES
     * cycles and forwarded then (pending a cycle later), arbitrated within
     * NUNITS cycles (every context is scanned), line a cycle later; a claim
     * answers a cycle after its request */
    CHECK(lat_eip >= 2 && lat_eip <= 2 + SOURCES + NUNITS);
    CHECK(lat_claim >= 2 && lat_claim <= 3 + SOURCES + NUNITS);
    CHECK(lat_hyp >= 2 && lat_hyp <= 2 + SOURCES + NUNITS);
}

static void test_masking_threshold(void)
{
    start("masking");
    wr(hreg(VIC_RUNNING), 1);
    set_route(2, 0, 7, 0);
    wr(prio_addr(0, 7), 2);
    set_src(2, 1);
    settle();
    CHECK(pending(0, 7));
    CHECK_EQ(out.guest_eip, 0);                 /* not enabled */
    CHECK_EQ(claim(0), 0);
    arm(0, 7, 2);
    settle();
    CHECK_EQ(out.guest_eip, 1);
    wr(thresh_addr(0), 2);                      /* priority must exceed the threshold */
    settle();
    CHECK_EQ(out.guest_eip, 0);
    CHECK_EQ(claim(0), 0);
    wr(thresh_addr(0), 1);
    settle();
    CHECK_EQ(out.guest_eip, 1);
    wr(enable_addr(0, 0), 0);                   /* masked while pending */
    settle();
    CHECK_EQ(out.guest_eip, 0);
    CHECK(pending(0, 7));                       /* ... but not forgotten */
    wr(enable_addr(0, 0), 1u << 7);
    wr(prio_addr(0, 7), 0);                     /* priority 0: never */
    wr(thresh_addr(0), 0);
    settle();
    CHECK_EQ(out.guest_eip, 0);
    wr(prio_addr(0, 7), 1);
    settle();
    CHECK_EQ(out.guest_eip, 1);
    CHECK_EQ(claim(0), 7);
}

static void test_priorities(void)
{
    start("priorities");
    wr(hreg(VIC_RUNNING), 1u << 2);
    /* four sources into guest 2 in the same cycle */
    uint32_t id[4] = { 9, 3, 12, 6 }, pr[4] = { 1, PRIO_MAX, PRIO_MAX, 1 };
    for (int i = 0; i < 4; i++) {
        set_route(10 + i, 2, id[i], 1);
        arm(2, id[i], pr[i]);
    }
    for (int i = 0; i < 4; i++)
        set_src(10 + i, 1);
    settle();
    /* highest priority first, the lowest id of a tie first */
    CHECK_EQ(claim(2), 3);
    CHECK_EQ(claim(2), 12);
    CHECK_EQ(claim(2), 6);
    CHECK_EQ(claim(2), 9);
    CHECK_EQ(claim(2), 0);
    for (int i = 0; i < 4; i++)
        complete(2, id[i]);
    settle();
    CHECK_EQ(out.guest_eip, 0);
    /* ids above 31 (second pending/enable word) where there are any */
    if (IDS > 32) {
        set_route(14, 2, IDS - 2, 1);
        arm(2, IDS - 2, PRIO_MAX);
        set_src(14, 1);
        settle();
        CHECK_EQ(rd(pending_addr(2, 1)), 1u << ((IDS - 2) % 32));
        CHECK_EQ(claim(2), IDS - 2);
    }
}

static void test_level_vs_edge(void)
{
    start("level_edge");
    wr(hreg(VIC_RUNNING), 1);
    set_route(4, 0, 1, 0);      /* level */
    set_route(5, 0, 2, 1);      /* edge */
    arm(0, 1, 1);
    arm(0, 2, 1);
    set_src(4, 1);
    set_src(5, 1);
    settle();
    CHECK_EQ(claim(0), 1);
    CHECK_EQ(claim(0), 2);
    complete(0, 1);
    complete(0, 2);
    settle();
    CHECK_EQ(claim(0), 1);      /* the level is still high: again */
    CHECK_EQ(claim(0), 0);      /* the edge is not */
    set_src(4, 0);
    complete(0, 1);
    settle();
    CHECK_EQ(claim(0), 0);
    /* a level that drops before it is claimed stays pending (PLIC rule);
     * it must be high in the cycle the scan reaches it */
    set_src(4, 1);
    for (int n = 0; n < 2 * SOURCES && !((model.file[0].pending >> 1) & 1); n++)
        idle(1);
    set_src(4, 0);
    settle();
    CHECK_EQ(claim(0), 1);
    complete(0, 1);
    settle();
    CHECK_EQ(claim(0), 0);
}

/* a second edge in each cycle around a claim, and one in the cycle of the
 * complete: each gives exactly one more request */
static void test_claim_races_edge(void)
{
    start("claim_race");
    wr(hreg(VIC_RUNNING), 1);
    set_route(6, 0, 4, 1);
    arm(0, 4, 1);
    for (int offset = -2; offset <= 2; offset++) {
        set_src(6, 1);                    /* the first edge */
        idle(1);
        set_src(6, 0);
        settle();
        CHECK(pending(0, 4));
        /* second edge `offset` cycles from the claim (negative: before) */
        struct vic_bus_req c = { 1, 0, claim_addr(0), 0, 0 };
        uint32_t got = 0;
        for (int t = -3; t <= 3; t++) {
            set_src(6, t == offset);
            struct vic_bus_rsp r = step(t == 0 ? &c : NULL);
            if (t == 1)
                got = r.rdata;    /* the claim's answer */
        }
        CHECK_EQ(got, 4);
        complete(0, 4);
        settle();
        /* pending or claimed, the id is busy: the second edge is latched and
         * comes once more after the complete, exactly once */
        CHECK_EQ(claim(0), 4);
        complete(0, 4);
        settle();
        CHECK_EQ(claim(0), 0);
    }
    /* more edges while busy merge into the one latch */
    set_src(6, 1);
    for (int n = 0; n < 2 * SOURCES && !((model.file[0].pending >> 4) & 1); n++)
        idle(1);                          /* the first one forwarded when scanned */
    for (int i = 0; i < 3; i++) {
        set_src(6, 0);
        idle(1);
        set_src(6, 1);
        idle(1);
    }
    set_src(6, 0);
    settle();
    CHECK_EQ(claim(0), 4);
    complete(0, 4);
    settle();
    CHECK_EQ(claim(0), 4);
    complete(0, 4);
    settle();
    CHECK_EQ(claim(0), 0);
    /* an edge in the very cycle of the complete */
    set_src(6, 1);
    settle();
    set_src(6, 0);
    CHECK_EQ(claim(0), 4);
    idle(1);
    set_src(6, 1);
    complete(0, 4);
    set_src(6, 0);
    settle();
    CHECK_EQ(claim(0), 4);
    complete(0, 4);
    settle();
    CHECK_EQ(claim(0), 0);
}

static void test_reroute_pending(void)
{
    start("reroute");
    wr(hreg(VIC_RUNNING), (1u << GUESTS) - 1);
    set_route(7, 0, 8, 1);
    arm(0, 8, 1);
    arm(1, 8, 1);
    arm(HYP, 8, 1);
    set_src(7, 1);
    wait_pending(0, 8);
    set_src(7, 0);
    idle(1);
    set_src(7, 1);              /* latched: guest 0's id 8 is busy */
    idle(1);
    set_route(7, 1, 8, 1);      /* the latch follows the source */
    set_src(7, 0);
    settle();
    CHECK(pending(0, 8));       /* the old request stays where it was */
    CHECK(pending(1, 8));
    set_route(7, HYP, 8, 1);    /* to the hypervisor, while both are pending */
    set_src(7, 1);
    settle();
    CHECK(out.hyp_irq);
    CHECK_EQ(claim(HYP), 8);
    CHECK_EQ(claim(0), 8);
    CHECK_EQ(claim(1), 8);
    complete(0, 8);
    complete(1, 8);
    complete(HYP, 8);
    set_src(7, 0);
    settle();
    for (uint32_t f = 0; f <= HYP; f++)
        CHECK_EQ(claim(f), 0);
    /* a disabled route forwards nothing and drops its latch */
    set_route(7, 0, 8, 1);
    set_src(7, 1);
    wait_pending(0, 8);
    set_src(7, 0);
    idle(1);
    set_src(7, 1);
    idle(1);
    wr(hreg(VIC_ROUTE + 4 * 7), route_word(0, 8, 1) & ~VIC_ROUTE_ENABLE);
    settle();
    CHECK_EQ(claim(0), 8);
    complete(0, 8);
    set_route(7, 0, 8, 1);
    settle();
    CHECK_EQ(claim(0), 0);
}

static void test_not_running(void)
{
    start("not_running");
    set_route(3, 2, 5, 0);
    arm(2, 5, 1);
    set_src(3, 1);
    settle();
    CHECK_EQ(out.guest_eip, 0);
    CHECK_EQ(out.hyp_irq, 1);
    CHECK_EQ(rd(hreg(VIC_WAKE)), 1u << 2);
    CHECK_EQ(rd(hreg(VIC_GUEST_EIP)), 1u << 2);
    wr(hreg(VIC_RUNNING), 1u << 2);             /* the hypervisor schedules guest 2 */
    settle();
    CHECK_EQ(out.guest_eip, 1u << 2);
    CHECK_EQ(out.hyp_irq, 0);
    CHECK_EQ(rd(hreg(VIC_WAKE)), 0);
    wr(hreg(VIC_RUNNING), 0);                   /* descheduled with it pending */
    settle();
    CHECK_EQ(out.guest_eip, 0);
    CHECK_EQ(out.hyp_irq, 1);
    /* the hypervisor's own file and INJECT */
    wr(hreg(VIC_RUNNING), 1u << 2);
    wr(hreg(VIC_INJECT), VIC_ROUTE_TO_HYP | 2);
    settle();
    CHECK_EQ(out.hyp_irq, 0);                   /* not enabled yet */
    arm(HYP, 2, 1);
    settle();
    CHECK_EQ(out.hyp_irq, 1);
    CHECK_EQ(claim(HYP), 2);
    settle();
    CHECK_EQ(out.hyp_irq, 0);
}

/* An SMP guest: guest 1's two vCPUs as PLIC contexts 1 and 3, each with its
 * own enables, threshold, claim and line; a vCPU that moves to another hart
 * takes its line along (LINE rewritten); one pending id claimed by one
 * context only. */
static void test_contexts(void)
{
    start("contexts");
    const uint32_t g = 1, u0 = g * CTXS, u1 = g * CTXS + 1;
    wr(line_addr(g, 0), VIC_LINE_RUN | 0);
    wr(line_addr(g, 1), VIC_LINE_RUN | 2);
    CHECK_EQ(rd(hreg(VIC_RUNNING)), 1u << g);     /* context 0's RUN */
    set_route(0, g, 3, 0);
    set_route(1, g, 5, 0);
    wr(prio_addr(g, 3), 2);
    wr(prio_addr(g, 5), 2);
    wr(prio_addr(g, 7), 1);
    wr(enable_addr_u(u0, 0), 1u << 3 | 1u << 7);  /* vCPU 0: ids 3 and 7 */
    wr(enable_addr_u(u1, 0), 1u << 5 | 1u << 7);  /* vCPU 1: ids 5 and 7 */
    CHECK_EQ(rd(gwin(g, VIC_G_ENABLE_K(1))), 1u << 5 | 1u << 7);
    CHECK_EQ(rd(gwin(g, VIC_G_ENABLE - 0x80)), 0);  /* an M context: reads 0 */
    set_src(1, 1);
    settle();
    CHECK_EQ(out.guest_eip, 1u << 2);             /* only vCPU 1's line */
    CHECK_EQ(rd(line_addr(g, 1)), VIC_LINE_EIP | VIC_LINE_RUN | 2);
    CHECK_EQ(rd(line_addr(g, 0)), VIC_LINE_RUN | 0);
    CHECK_EQ(rd(claim_addr_u(u0)), 0);            /* not its id */
    set_src(0, 1);
    settle();
    CHECK_EQ(out.guest_eip, 1u << 0 | 1u << 2);
    /* per-context threshold */
    wr(thresh_addr_u(u1), 2);
    settle();
    CHECK_EQ(out.guest_eip, 1u << 0);
    wr(thresh_addr_u(u1), 0);
    settle();
    /* vCPU 1 moves to the hart of line 1 */
    wr(line_addr(g, 1), VIC_LINE_RUN | 1);
    settle();
    CHECK_EQ(out.guest_eip, 1u << 0 | 1u << 1);
    CHECK_EQ(rd(claim_addr_u(u1)), 5);
    CHECK_EQ(rd(claim_addr_u(u0)), 3);
    set_src(0, 0);
    set_src(1, 0);
    wr(claim_addr_u(u0), 5);                      /* complete from another context */
    wr(claim_addr_u(u1), 3);
    settle();
    CHECK_EQ(out.guest_eip, 0);
    /* id 7, enabled in both: one claim gets it, the other none */
    wr(hreg(VIC_INJECT), g << VIC_ROUTE_GUEST_SHIFT | 7);
    settle();
    CHECK_EQ(out.guest_eip, 1u << 0 | 1u << 1);
    struct vic_bus_req c0 = { 1, 0, claim_addr_u(u0), 0, 0 }, c1 = { 1, 0, claim_addr_u(u1), 0, 0 };
    step(&c0);                                    /* back to back: no idle cycle between */
    uint32_t a = step(&c1).rdata;
    uint32_t b = step(NULL).rdata;
    CHECK_EQ(a + b, 7);
    CHECK(a == 0 || b == 0);
    settle();
    CHECK_EQ(out.guest_eip, 0);
    wr(claim_addr_u(a ? u0 : u1), 7);
    /* a context that does not run wakes the hypervisor */
    wr(line_addr(g, 1), 1);
    wr(hreg(VIC_INJECT), g << VIC_ROUTE_GUEST_SHIFT | 5);
    settle();
    CHECK_EQ(out.guest_eip, 0);
    CHECK_EQ(out.hyp_irq, 1);
    CHECK_EQ(rd(hreg(VIC_WAKE)), 1u << g);
    /* a priority write empties both contexts' best until each is arbitrated */
    wr(prio_addr(g, 5), 3);
    CHECK_EQ(rd(line_addr(g, 1)) & VIC_LINE_EIP, 0);
    settle();
    CHECK_EQ(rd(line_addr(g, 1)), VIC_LINE_EIP | 1);
}

/* ---- random test ------------------------------------------------------------- */

static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static uint32_t rnd_below(uint32_t n) { return (uint32_t)(rnd() % n); }
static int chance(uint32_t one_in) { return rnd_below(one_in) == 0; }

#define INJ_VID (IDS - 1)      /* reserved for INJECT; routes use 1..IDS-2 */
#define NO_OWNER (-1)

struct rsrc {
    int edge, strict;          /* strict: fires again only once all its edges were claimed */
    uint32_t file, vid;        /* current route */
    int route_on;              /* only level routes are ever disabled */
    int high_left;             /* edge: cycles until the pulse ends */
    int64_t last_rise, last_claim;
    uint64_t edges, claims;
    int episode_open;          /* level: raised, not claimed yet */
    int64_t drop_at;           /* level: deasserts then (the device was serviced) */
    uint64_t rerouted_at;      /* the cycle its last route write was requested */
};

struct held { uint32_t id; uint64_t until; };
struct agent { struct held h[2]; int n; int inflight; /* a claim awaits its answer */ };

static struct rsrc rs[SOURCES];
static int owner[NFILES][IDS];
static struct agent agents[NUNITS];
static uint32_t inj_outstanding[NFILES];
static struct {
    uint64_t edges, merged, claims, empty_claims, completes, reroutes, reroutes_busy, races,
        level_claims, injects, errors, writes, reads, running_changes, edge_claims, inj_claims,
        line_changes, unit_claims[NUNITS];
} st;

static int slot_busy(uint32_t f, uint32_t v)
{
    return ((model.file[f].pending | model.file[f].claimed) >> v) & 1;
}

/* a slot no source routes to and nothing holds any more is free again */
static void release_slots(void)
{
    for (uint32_t f = 0; f < NFILES; f++)
        for (uint32_t v = 1; v < INJ_VID; v++) {
            int s = owner[f][v];
            /* the old route still forwards until the write acts (the cycle
             * after the request), and its request pends the cycle after */
            if (s == NO_OWNER || slot_busy(f, v) || (rs[s].file == f && rs[s].vid == v) ||
                cycle < rs[s].rerouted_at + 4)
                continue;
            owner[f][v] = NO_OWNER;
        }
}

static void route_source(uint32_t s, struct vic_bus_req *r)
{
    uint32_t f, v;
    do {
        f = rnd_below(NFILES);
        v = 1 + rnd_below(INJ_VID - 1);
    } while (owner[f][v] != NO_OWNER && owner[f][v] != (int)s);
    if (slot_busy(rs[s].file, rs[s].vid))
        st.reroutes_busy++;
    st.reroutes++;
    rs[s].rerouted_at = cycle;
    owner[f][v] = (int)s;
    rs[s].file = f;
    rs[s].vid = v;
    r->addr = hreg(VIC_ROUTE + 4 * s);
    r->wdata = route_word(f, v, rs[s].edge) | rnd_below(VIC_SIM_VCPUS) << VIC_ROUTE_VCPU_SHIFT;
    if (!rs[s].route_on)
        r->wdata &= ~VIC_ROUTE_ENABLE;
}

/* the claim a context's agent made: whose request was it? (each id is
 * claimed by one context only: a second claim of a request would fail the
 * edge count below or the claim of an id no source owns) */
static void claimed(uint32_t u, uint32_t id)
{
    uint32_t f = ufile(u);
    if (id == 0) {
        st.empty_claims++;
        return;
    }
    st.claims++;
    st.unit_claims[u]++;
    struct agent *a = &agents[u];
    CHECK(a->n < 2);
    a->h[a->n].id = id;
    a->h[a->n].until = cycle + rnd_below(12);
    a->n++;
    if (id == INJ_VID) {
        st.inj_claims++;
        CHECK(inj_outstanding[f] > 0);
        inj_outstanding[f]--;
        return;
    }
    int s = owner[f][id];
    if (s == NO_OWNER)
        fail("claim of file %u id %u that no source owns", f, id);
    struct rsrc *x = &rs[s];
    if (x->edge) {
        st.edge_claims++;
        x->claims++;
        if (x->claims > x->edges)
            fail("source %d: claim %llu but only %llu edges (delivered twice)", s,
                 (unsigned long long)x->claims, (unsigned long long)x->edges);
        if (x->last_rise == (int64_t)cycle - 1)
            st.races++;       /* an edge in the claim's own cycle */
        x->last_claim = (int64_t)cycle - 1;
    } else {
        /* the driver services the device: it drops its line soon after
         * (a claim of an older request while the line is high counts too) */
        st.level_claims++;
        x->episode_open = 0;
        if (((src[s / 32] >> (s % 32)) & 1) && x->drop_at < 0)
            x->drop_at = (int64_t)cycle + rnd_below(8);
    }
}

/* source levels for the next cycle */
static void drive_sources(int quiet, int burst)
{
    for (uint32_t s = 0; s < SOURCES; s++) {
        struct rsrc *x = &rs[s];
        int level = (src[s / 32] >> (s % 32)) & 1;
        if (x->edge) {
            if (level) {
                if (--x->high_left <= 0)
                    set_src(s, 0);
            } else if (!quiet && (burst || chance(48)) && (!x->strict || x->claims == x->edges)) {
                set_src(s, 1);
                x->high_left = 1 + (int)rnd_below(3);
                x->edges++;
                st.edges++;
                x->last_rise = (int64_t)cycle;
            }
        } else {
            if (level) {
                if (x->drop_at >= 0 && (int64_t)cycle >= x->drop_at) {
                    set_src(s, 0);
                    x->drop_at = -1;
                }
            } else if (!quiet && !x->episode_open && (burst || chance(64))) {
                set_src(s, 1);
                x->episode_open = 1;
            }
        }
    }
}

/* what a context's agent wants to do on the bus now, if anything */
static int agent_request(uint32_t u, int eager, struct vic_bus_req *r)
{
    struct agent *a = &agents[u];
    if (a->inflight)
        return 0;
    for (int i = 0; i < a->n; i++)
        if (a->h[i].until <= cycle) {
            r->we = 1;
            r->addr = claim_addr_u(u);            /* completes through its own context */
            r->wdata = a->h[i].id;
            r->wstrb = 1 + rnd_below(15);     /* complete takes the whole word */
            a->h[i] = a->h[--a->n];
            st.completes++;
            return 1;
        }
    int line = u == HYPU ? out.hyp_irq : model.best_v[u];
    if (a->n < 2 && (line || vic_model_best(&model, u)) && (eager || chance(3))) {
        r->we = 0;
        r->addr = claim_addr_u(u);
        return 2;
    }
    if (a->n < 2 && chance(200)) {            /* a claim with nothing there */
        r->we = 0;
        r->addr = claim_addr_u(u);
        return 2;
    }
    return 0;
}

/* a register write or read that keeps the bookkeeping valid */
static void random_config(struct vic_bus_req *r)
{
    uint32_t f = rnd_below(NFILES), k = rnd_below(16), u = rnd_below(NUNITS);
    r->we = 1;
    r->wstrb = chance(4) ? rnd_below(16) : 0xf;
    r->wdata = (uint32_t)rnd();
    switch (k) {
    case 0: case 1:
        r->addr = prio_addr(f, rnd_below(IDS));
        r->wdata = chance(8) ? 0 : 1 + rnd_below(PRIO_MAX);
        break;
    case 2: case 3:
        r->addr = enable_addr_u(u, rnd_below(2));
        if (!chance(4))
            r->wdata = ~0u;
        break;
    case 4:
        r->addr = thresh_addr_u(u);
        r->wdata = chance(3) ? rnd_below(PRIO_MAX + 1) : 0;
        break;
    case 5:
        if (chance(2)) {                      /* a vCPU moves: its context to another line */
            r->addr = line_addr(rnd_below(GUESTS), rnd_below(CTXS));
            r->wdata = rnd_below(GUESTS + 1) | (chance(4) ? 0 : VIC_LINE_RUN) | (uint32_t)rnd() << 17;
            st.line_changes++;
            break;
        }
        r->addr = hreg(VIC_RUNNING);
        st.running_changes++;
        break;
    case 6: case 7: {
        uint32_t s = rnd_below(SOURCES);
        r->wstrb = 0xf;
        if (!rs[s].edge && chance(3))
            rs[s].route_on = !rs[s].route_on;
        route_source(s, r);
        break;
    }
    case 8:
        if (!inj_outstanding[f] && !slot_busy(f, INJ_VID)) {
            r->addr = hreg(VIC_INJECT);
            r->wdata = route_word(f, INJ_VID, 0) & ~VIC_ROUTE_ENABLE;
            r->wstrb = 0xf;
            inj_outstanding[f]++;
            st.injects++;
            break;
        }
        /* fall through */
    case 9: case 10: {
        /* the registers that show the state: compared in lockstep */
        static const uint32_t hyp_state[] = { VIC_GUEST_EIP, VIC_WAKE, VIC_SRC_LEVEL,
                                              VIC_SRC_LEVEL + 4, VIC_HYP_PENDING,
                                              VIC_HYP_PENDING + 4, VIC_RUNNING };
        r->we = 0;
        if (chance(3))
            r->addr = line_addr(rnd_below(GUESTS), rnd_below(CTXS));   /* LINE.EIP */
        else if (chance(2))
            r->addr = hreg(hyp_state[rnd_below(sizeof(hyp_state) / sizeof(hyp_state[0]))]);
        else if (chance(2))
            r->addr = gwin(rnd_below(GUESTS), VIC_G_PENDING + 4 * rnd_below(2));
        else
            r->addr = chance(2) ? enable_addr_u(u, rnd_below(2)) : thresh_addr_u(u);
        break;
    }
    default: {
        /* any address: errors, read-only and reserved words, plain reads;
         * side effects (claim, complete, inject, route) are left to the above */
        uint32_t a = rnd_below(4) ? (uint32_t)rnd() & ((1u << ADDR_W) - 1) & ~0x3u
                                  : (uint32_t)rnd() & ((1u << ADDR_W) - 1);
        if (chance(2))
            a = chance(2) ? hreg(0) + (a & 0xfff & ~3u) : gwin(rnd_below(GUESTS), 0) + (a & 0x7fff & ~3u);
        uint32_t go = (a - VIC_GUEST_BASE) % VIC_GUEST_STRIDE;
        int effect = !(a & 3) && vic_model_decodes(&model.p, a) &&
                     ((a >= VIC_GUEST_BASE && go >= VIC_G_THRESHOLD &&
                       (go - VIC_G_THRESHOLD) % VIC_G_CTX_PAGE_STRIDE == 4) ||
                      a == hreg(VIC_HYP_CLAIM) || a == hreg(VIC_INJECT) ||
                      (a >= hreg(VIC_ROUTE) && a < VIC_HYP_BASE + VIC_HYP_SIZE));
        r->addr = effect ? hreg(VIC_INFO0) : a;
        r->we = chance(2);
        break;
    }
    }
}

/* the request of the last cycle, answered in this one */
static struct vic_bus_req last_req;
static int last_kind;

static uint32_t claim_unit(uint32_t addr)
{
    if (addr == hreg(VIC_HYP_CLAIM))
        return HYPU;
    uint32_t g = (addr - VIC_GUEST_BASE) / VIC_GUEST_STRIDE;
    uint32_t o = (addr - VIC_GUEST_BASE) % VIC_GUEST_STRIDE;
    return g * CTXS + (o - VIC_G_CLAIM) / VIC_G_CTX_PAGE_STRIDE;
}

/* one cycle: a new request (or none) goes out, the last one's answer comes in */
static void random_step(struct vic_bus_req *r, int kind)
{
    struct vic_bus_rsp rsp = step(r);
    if (last_kind) {
        if (rsp.err)
            st.errors++;
        if (last_kind == 2) {
            agents[claim_unit(last_req.addr)].inflight = 0;
            claimed(claim_unit(last_req.addr), rsp.rdata);
        }
    }
    last_req = *r;
    last_kind = kind;
    if (kind == 2)
        agents[claim_unit(r->addr)].inflight = 1;
}

/* answers the last request (before directed bus accesses) */
static void random_flush(void)
{
    struct vic_bus_req none = { 0 };
    random_step(&none, 0);
}

static void random_cycle(int quiet, int eager)
{
    struct vic_bus_req r = { 0 };
    int kind = 0;
    uint32_t u0 = rnd_below(NUNITS);

    drive_sources(quiet, !quiet && chance(2000));
    r.valid = 1;
    /* many contexts keep the bus busy with claims: configuration gets a share first */
    if (!quiet && chance(16))
        random_config(&r), kind = 3;
    for (uint32_t i = 0; i < NUNITS && !kind; i++)
        kind = agent_request((u0 + i) % NUNITS, eager, &r);
    if (!kind && !quiet && chance(4))
        random_config(&r), kind = 3;
    if (!kind)
        r.valid = 0;
    if (kind == 3)
        r.we ? st.writes++ : st.reads++;
    random_step(&r, kind);
    if ((cycle & 15) == 0)
        release_slots();
}

static int all_quiet(void)
{
    if (last_kind)
        return 0;
    for (uint32_t f = 0; f < NFILES; f++)
        if (model.file[f].pending || model.file[f].claimed)
            return 0;
    for (uint32_t u = 0; u < NUNITS; u++)
        if (agents[u].n)
            return 0;
    for (uint32_t w = 0; w < VIC_MAX_SOURCES / 32; w++)
        if (model.latch[w] || src[w])
            return 0;
    return 1;
}

static void test_random(uint64_t seed, uint64_t cycles)
{
    start("random");
    rng_state = seed ? seed : 1;
    memset(rs, 0, sizeof(rs));
    memset(agents, 0, sizeof(agents));
    memset(inj_outstanding, 0, sizeof(inj_outstanding));
    memset(&st, 0, sizeof(st));
    for (uint32_t f = 0; f < NFILES; f++)
        for (uint32_t v = 0; v < IDS; v++)
            owner[f][v] = NO_OWNER;

    /* set-up: two thirds edge sources (a quarter of those strict) */
    /* every context of a guest enables every id: they compete for each claim */
    for (uint32_t u = 0; u < HYPU; u++)
        wr(line_addr(ufile(u), u % CTXS), VIC_LINE_RUN | u % GUESTS);
    for (uint32_t u = 0; u < NUNITS; u++) {
        wr(enable_addr_u(u, 0), ~0u);
        wr(enable_addr_u(u, 1), ~0u);
    }
    for (uint32_t f = 0; f < NFILES; f++)
        for (uint32_t v = 1; v < IDS; v++)
            wr(prio_addr(f, v), 1 + rnd_below(PRIO_MAX));
    for (uint32_t s = 0; s < SOURCES; s++) {
        struct vic_bus_req r = { 1, 1, 0, 0, 0xf };
        rs[s].edge = s % 3 != 2;
        rs[s].strict = rs[s].edge && s % 4 == 0;
        rs[s].route_on = 1;
        rs[s].last_rise = rs[s].last_claim = -1;
        rs[s].drop_at = -1;
        rs[s].file = 0;
        rs[s].vid = 0;
        route_source(s, &r);
        CHECK_EQ(step(&r).err, 0);
    }
    st.reroutes = st.reroutes_busy = 0;

    last_kind = 0;
    for (uint64_t i = 0; i < cycles; i++)
        random_cycle(0, 0);
    random_flush();

    /* drain: everything deliverable and running, no new edges, claim eagerly */
    for (uint32_t u = 0; u < HYPU; u++)
        wr(line_addr(ufile(u), u % CTXS), VIC_LINE_RUN | u % GUESTS);
    for (uint32_t u = 0; u < NUNITS; u++) {
        wr(thresh_addr_u(u), 0);
        wr(enable_addr_u(u, 0), ~0u);
        wr(enable_addr_u(u, 1), ~0u);
    }
    for (uint32_t f = 0; f < NFILES; f++)
        for (uint32_t v = 1; v < IDS; v++)
            wr(prio_addr(f, v), 1 + rnd_below(PRIO_MAX));
    for (uint32_t s = 0; s < SOURCES; s++)
        if (!rs[s].route_on) {
            rs[s].route_on = 1;
            wr(hreg(VIC_ROUTE + 4 * s), route_word(rs[s].file, rs[s].vid, rs[s].edge));
        }
    uint64_t drain = 0;
    for (; drain < 100000 && !all_quiet(); drain++)
        random_cycle(1, 1);
    if (!all_quiet())
        fail("not drained after %llu cycles", (unsigned long long)drain);

    /* no edge lost: every source's last edge came before its last claim */
    for (uint32_t s = 0; s < SOURCES; s++) {
        struct rsrc *x = &rs[s];
        if (x->edge && x->last_rise >= 0 && x->last_rise >= x->last_claim)
            fail("source %u: edge at cycle %lld never claimed (lost)", s, (long long)x->last_rise);
        if (x->strict && x->edges != x->claims)
            fail("strict source %u: %llu edges, %llu claims", s,
                 (unsigned long long)x->edges, (unsigned long long)x->claims);
        if (!x->edge && x->episode_open)
            fail("level source %u: raised, never claimed (lost)", s);
        st.merged += x->edges - x->claims;     /* edges merged into one latch */
    }
    for (uint32_t f = 0; f < NFILES; f++)
        CHECK_EQ(inj_outstanding[f], 0);

    printf("%s: random seed %llu: %llu cycles + %llu drain; %llu edges (%llu merged), "
           "%llu claims (%llu of levels, %llu empty), %llu completes, %llu injects, "
           "%llu re-routes (%llu while busy), %llu claims racing an edge, %llu config "
           "writes, %llu reads, %llu bus errors, %llu line moves\n",
           VIC_SIM_NAME, (unsigned long long)seed, (unsigned long long)cycles,
           (unsigned long long)drain, (unsigned long long)st.edges,
           (unsigned long long)st.merged, (unsigned long long)st.claims,
           (unsigned long long)st.level_claims, (unsigned long long)st.empty_claims,
           (unsigned long long)st.completes, (unsigned long long)st.injects,
           (unsigned long long)st.reroutes, (unsigned long long)st.reroutes_busy,
           (unsigned long long)st.races, (unsigned long long)st.writes,
           (unsigned long long)st.reads, (unsigned long long)st.errors,
           (unsigned long long)st.line_changes);
    printf("%s: claims per context:", VIC_SIM_NAME);
    for (uint32_t u = 0; u < NUNITS; u++)
        printf(" %llu", (unsigned long long)st.unit_claims[u]);
    printf("\n");
    /* the traffic must have exercised what it claims to test: floors on the
     * interrupts of each kind delivered and claimed (per 100k cycles about
     * 20k edge, 4.6k level, 300 injected claims with the base parameters) */
    if (cycles >= 100000) {
        uint64_t k = cycles / 100000;
        CHECK(st.merged && st.reroutes_busy && st.races && st.injects && st.errors &&
              st.empty_claims);
        CHECK(st.edge_claims >= 2000 * k);
        CHECK(st.level_claims >= 500 * k);
        CHECK(st.inj_claims >= 30 * k);
        CHECK(st.line_changes >= 50 * k);
        for (uint32_t u = 0; u < NUNITS; u++)   /* every context claims (they compete) */
            CHECK(st.unit_claims[u] >= 300 * k / CTXS);
    }
}

int main(void)
{
    const char *e = getenv("VIC_SEED");
    uint64_t seed = e ? strtoull(e, NULL, 0) : (uint64_t)time(NULL) ^ (uint64_t)getpid() << 16;
    e = getenv("VIC_CYCLES");
    uint64_t cycles = e ? strtoull(e, NULL, 0) : 1000000;

    printf("%s: guests %d ids %d sources %d vcpus %d priority bits %d contexts %d; VIC_SEED=%llu\n",
           VIC_SIM_NAME, GUESTS, IDS, SOURCES, VIC_SIM_VCPUS, VIC_SIM_PRIO_BITS, CTXS,
           (unsigned long long)seed);
    fflush(stdout);
    /* VIC_ONLY=<name> runs one test (directed names as in start(), or random) */
    const char *only = getenv("VIC_ONLY");
    static const struct { const char *name; void (*fn)(void); } directed[] = {
        { "registers", test_registers }, { "latency", test_latency },
        { "masking", test_masking_threshold }, { "priorities", test_priorities },
        { "level_edge", test_level_vs_edge }, { "claim_race", test_claim_races_edge },
        { "reroute", test_reroute_pending }, { "not_running", test_not_running },
        { "contexts", test_contexts },
    };
    for (unsigned i = 0; i < sizeof(directed) / sizeof(directed[0]); i++)
        if (!only || !strcmp(only, directed[i].name))
            directed[i].fn();
    printf("%s: directed tests passed\n", VIC_SIM_NAME);
    fflush(stdout);
    if (!only || !strcmp(only, "random"))
        test_random(seed, cycles);
    if (dut)
        vic_sim_free(dut);
    printf("%s: PASS\n", VIC_SIM_NAME);
    return 0;
}
