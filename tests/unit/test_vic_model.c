/* Host tests for the VIC's C model. The expectations come from the rules in
 * vic_model.h (PLIC gateway and claim/complete rules, registered outputs)
 * and the register map in vic_layout.h, counted by hand: a source high in
 * cycle t is picked in t, forwarded in t+1 (pending from t+2), arbitrated in
 * one of the next guests + 1 cycles and on the registered output a cycle
 * after that. A bus access takes two cycles (request, registered answer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vic_model/vic_model.h"

#define GUESTS 2
#define HYP    GUESTS   /* the hypervisor's file */

static struct vic_model vm;
static uint32_t src[VIC_MAX_SOURCES / 32];

static int setup(void **state)
{
    (void)state;
    struct vic_params p = { .guests = GUESTS, .ids = 32, .sources = 8, .vcpus = 2, .prio_bits = 3, .ctxs = 2 };
    for (unsigned i = 0; i < VIC_MAX_SOURCES / 32; i++)
        src[i] = 0;
    return vic_model_init(&vm, &p);
}

static void idle(int n)
{
    while (n-- > 0)
        vic_model_cycle(&vm, src, NULL, NULL);
}

/* long enough for any file to be arbitrated and its line to follow */
static void settle(void) { idle(8 + GUESTS * 2 + 5); }   /* 8 sources scanned, 2 contexts */

static struct vic_bus_rsp access(int we, uint32_t addr, uint32_t wdata, uint32_t wstrb)
{
    struct vic_bus_req r = { .valid = 1, .we = we, .addr = addr, .wdata = wdata, .wstrb = wstrb };
    struct vic_bus_rsp rsp;
    /* the bus is registered: the answer comes in the next cycle */
    vic_model_cycle(&vm, src, &r, NULL);
    vic_model_cycle(&vm, src, NULL, &rsp);
    return rsp;
}

static void wr(uint32_t addr, uint32_t v) { assert_int_equal(access(1, addr, v, 0xf).err, 0); }

static uint32_t rd(uint32_t addr)
{
    struct vic_bus_rsp r = access(0, addr, 0, 0);
    assert_int_equal(r.err, 0);
    return r.rdata;
}

static uint32_t gwin(uint32_t g, uint32_t off) { return VIC_GUEST_BASE + g * VIC_GUEST_STRIDE + off; }
static uint32_t hreg(uint32_t off) { return VIC_HYP_BASE + off; }

static uint32_t route(uint32_t guest, uint32_t vid, int edge)
{
    return VIC_ROUTE_ENABLE | (edge ? VIC_ROUTE_EDGE : 0) | guest << VIC_ROUTE_GUEST_SHIFT | vid;
}

/* guest g: id vid at priority prio, enabled, threshold 0 */
static void arm(uint32_t g, uint32_t vid, uint32_t prio)
{
    wr(gwin(g, VIC_G_PRIORITY + 4 * vid), prio);
    wr(gwin(g, VIC_G_ENABLE + 4 * (vid / 32)), rd(gwin(g, VIC_G_ENABLE + 4 * (vid / 32))) | 1u << (vid % 32));
}

static uint32_t claim(uint32_t g) { return rd(gwin(g, VIC_G_CLAIM)); }
static void complete(uint32_t g, uint32_t id) { wr(gwin(g, VIC_G_CLAIM), id); }
static void set_src(uint32_t s, int v) { src[s / 32] = (src[s / 32] & ~(1u << s % 32)) | (uint32_t)(v != 0) << s % 32; }

static void test_params(void **state)
{
    (void)state;
    struct vic_model m;
    struct vic_params ok = { 4, 32, 32, 4, 3, 4 };
    assert_int_equal(vic_model_init(&m, &ok), 0);
    struct vic_params bad[] = {
        { 0, 32, 32, 4, 3, 2 }, { 16, 32, 32, 4, 3, 2 }, { 4, 1, 32, 4, 3, 2 }, { 4, 48, 32, 4, 3, 2 },
        { 4, 128, 32, 4, 3, 2 }, { 4, 32, 0, 4, 3, 2 }, { 4, 32, 257, 4, 3, 2 }, { 4, 32, 32, 0, 3, 2 },
        { 4, 32, 32, 17, 3, 2 }, { 4, 32, 32, 4, 0, 2 }, { 4, 32, 32, 4, 8, 2 },
        { 4, 32, 32, 4, 3, 0 }, { 4, 32, 32, 4, 3, 3 }, { 4, 32, 32, 4, 3, 8 },
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(vic_model_init(&m, &bad[i]), -1);
}

static void test_info_and_decode(void **state)
{
    (void)state;
    assert_int_equal(rd(hreg(VIC_INFO0)), GUESTS | 2 << 8 | 3 << 16 | VIC_VERSION << 24);
    assert_int_equal(rd(hreg(VIC_INFO1)), 32 | 8 << 16);
    assert_int_equal(access(0, hreg(VIC_INFO0) + 2, 0, 0).err, 1);        /* unaligned */
    assert_int_equal(access(0, 0x0, 0, 0).err, 1);                        /* outside */
    assert_int_equal(access(0, hreg(0x3fc), 0, 0).err, 1);                /* hole */
    assert_int_equal(access(0, hreg(VIC_ROUTE + 4 * 8), 0, 0).err, 1);    /* source 8 of 8 */
    assert_int_equal(access(0, gwin(GUESTS, 0), 0, 0).err, 1);            /* no guest 2 */
    struct vic_bus_rsp r = access(0, gwin(1, 0x2000), 0, 0);              /* context 0 enables */
    assert_int_equal(r.err, 0);
    assert_int_equal(r.rdata, 0);
    assert_int_equal(access(1, gwin(1, 0x2000), ~0u, 0xf).err, 0);
    assert_int_equal(rd(gwin(1, 0x2000)), 0);
    /* an error has no side effect: this would complete id 0 of nothing, and a
     * route write past the last source must not land anywhere */
    assert_int_equal(access(1, hreg(VIC_ROUTE + 4 * 8), ~0u, 0xf).err, 1);
    for (uint32_t s = 0; s < 8; s++)
        assert_int_equal(rd(hreg(VIC_ROUTE + 4 * s)), 0);
}

static void test_register_fields(void **state)
{
    (void)state;
    /* route keeps only its defined fields; byte strobes merge */
    wr(hreg(VIC_ROUTE + 4 * 3), ~0u);
    assert_int_equal(rd(hreg(VIC_ROUTE + 4 * 3)), VIC_ROUTE_STORED);
    assert_int_equal(access(1, hreg(VIC_ROUTE + 4 * 3), 0, 0x2).err, 0);
    assert_int_equal(rd(hreg(VIC_ROUTE + 4 * 3)), VIC_ROUTE_STORED & ~0x0000ff00u);
    /* priorities are prio_bits wide, id 0 has none */
    wr(gwin(0, 4 * 5), 0xff);
    assert_int_equal(rd(gwin(0, 4 * 5)), 7);
    wr(gwin(0, 0), 7);
    assert_int_equal(rd(gwin(0, 0)), 0);
    /* enable bit 0 (reserved id) never sticks; word 1 is empty with 32 ids */
    wr(gwin(1, VIC_G_ENABLE), ~0u);
    assert_int_equal(rd(gwin(1, VIC_G_ENABLE)), ~1u);
    wr(gwin(1, VIC_G_ENABLE + 4), ~0u);
    assert_int_equal(rd(gwin(1, VIC_G_ENABLE + 4)), 0);
    /* the hypervisor file's enables are its own */
    assert_int_equal(rd(hreg(VIC_HYP_ENABLE)), 0);
    /* running: one bit per guest */
    wr(hreg(VIC_RUNNING), ~0u);
    assert_int_equal(rd(hreg(VIC_RUNNING)), 3);
    /* pending is read-only */
    wr(gwin(0, VIC_G_PENDING), ~0u);
    assert_int_equal(rd(gwin(0, VIC_G_PENDING)), 0);
    /* source levels are the registered inputs */
    set_src(6, 1);
    idle(1);
    assert_int_equal(rd(hreg(VIC_SRC_LEVEL)), 1u << 6);
}

static void test_edge_latency_and_claim(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE + 4 * 2), route(1, 5, 1));
    wr(hreg(VIC_RUNNING), 2);
    arm(1, 5, 3);
    settle();
    int n = 0;
    while (!vm.file[1].pending && n < 20) {     /* forwarded when the scan reaches source 2 */
        if (n == 0)
            set_src(2, 1);
        idle(1);
        n++;
    }
    assert_in_range(n, 1, 8);                   /* 8 sources scanned one per cycle */
    assert_int_equal(vic_model_guest_eip(&vm), 0);
    assert_int_equal(vm.file[1].pending, 1u << 5);
    n = 0;
    while (!vic_model_guest_eip(&vm) && n < 20) {
        idle(1);
        n++;
    }
    assert_in_range(n, 2, 2 + GUESTS * 2);     /* arbitrated within guests * ctxs + 1 cycles */
    assert_int_equal(rd(gwin(1, VIC_G_PENDING)), 1u << 5);
    assert_int_equal(vic_model_guest_eip(&vm), 2);
    assert_int_equal(vic_model_hyp_irq(&vm), 0);
    assert_int_equal(claim(1), 5);
    assert_int_equal(claim(1), 0);            /* claimed: not pending any more */
    idle(1);
    assert_int_equal(vic_model_guest_eip(&vm), 0);
    complete(1, 5);
    settle();                                  /* source still high, but no new edge */
    assert_int_equal(rd(gwin(1, VIC_G_PENDING)), 0);
    assert_int_equal(vic_model_guest_eip(&vm), 0);
}

static void test_level_repends(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE), route(0, 9, 0));
    wr(hreg(VIC_RUNNING), 1);
    arm(0, 9, 1);
    set_src(0, 1);
    settle();
    assert_int_equal(claim(0), 9);
    complete(0, 9);
    settle();
    assert_int_equal(claim(0), 9);             /* still asserted: pends again */
    set_src(0, 0);
    complete(0, 9);
    settle();
    assert_int_equal(claim(0), 0);
}

static void test_threshold_and_mask(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE), route(0, 4, 0));
    wr(hreg(VIC_RUNNING), 1);
    arm(0, 4, 2);
    wr(gwin(0, VIC_G_THRESHOLD), 2);
    set_src(0, 1);
    settle();
    assert_int_equal(rd(gwin(0, VIC_G_PENDING)), 1u << 4);
    assert_int_equal(vic_model_guest_eip(&vm), 0);   /* priority must exceed threshold */
    assert_int_equal(claim(0), 0);
    wr(gwin(0, VIC_G_THRESHOLD), 1);
    settle();
    assert_int_equal(vic_model_guest_eip(&vm), 1);
    wr(gwin(0, VIC_G_ENABLE), 0);                     /* masked */
    settle();
    assert_int_equal(vic_model_guest_eip(&vm), 0);
    assert_int_equal(claim(0), 0);
    wr(gwin(0, 4 * 4), 0);                            /* priority 0 never interrupts */
    wr(gwin(0, VIC_G_ENABLE), 1u << 4);
    wr(gwin(0, VIC_G_THRESHOLD), 0);
    settle();
    assert_int_equal(claim(0), 0);
}

static void test_priority_and_ties(void **state)
{
    (void)state;
    wr(hreg(VIC_INJECT), 0u << VIC_ROUTE_GUEST_SHIFT | 3);
    wr(hreg(VIC_INJECT), 0u << VIC_ROUTE_GUEST_SHIFT | 9);
    wr(hreg(VIC_INJECT), 0u << VIC_ROUTE_GUEST_SHIFT | 7);
    arm(0, 3, 2);
    arm(0, 7, 5);
    arm(0, 9, 5);
    settle();
    assert_int_equal(claim(0), 7);   /* highest priority, lowest id of the tie */
    assert_int_equal(claim(0), 9);
    assert_int_equal(claim(0), 3);
    assert_int_equal(claim(0), 0);
}

static void test_edges_while_busy(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE + 4), route(0, 2, 1));
    arm(0, 2, 1);
    for (int i = 0; i < 3; i++) {         /* three edges: one forwarded, two merge */
        set_src(1, 1);
        idle(1);
        set_src(1, 0);
        idle(1);
    }
    settle();
    assert_int_equal(claim(0), 2);
    assert_int_equal(claim(0), 0);         /* the latched edge waits for complete */
    set_src(1, 1);                         /* an edge while claimed merges too */
    idle(1);
    set_src(1, 0);
    complete(0, 2);
    settle();
    assert_int_equal(claim(0), 2);
    complete(0, 2);
    settle();
    assert_int_equal(claim(0), 0);
}

static void test_not_running_wakes_hypervisor(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE + 4 * 7), route(1, 3, 1));
    arm(1, 3, 1);
    set_src(7, 1);
    settle();
    assert_int_equal(vic_model_guest_eip(&vm), 0);
    assert_int_equal(vic_model_hyp_irq(&vm), 1);
    assert_int_equal(rd(hreg(VIC_GUEST_EIP)), 2);
    assert_int_equal(rd(hreg(VIC_WAKE)), 2);
    wr(hreg(VIC_RUNNING), 2);
    idle(1);                                 /* the lines are registered */
    assert_int_equal(vic_model_guest_eip(&vm), 2);
    assert_int_equal(vic_model_hyp_irq(&vm), 0);
    assert_int_equal(rd(hreg(VIC_WAKE)), 0);
}

static void test_hypervisor_file(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE + 4 * 5), VIC_ROUTE_ENABLE | VIC_ROUTE_TO_HYP | 6);
    wr(hreg(VIC_HYP_PRIORITY + 4 * 6), 4);
    wr(hreg(VIC_HYP_ENABLE), 1u << 6);
    wr(hreg(VIC_HYP_THRESHOLD), 3);
    set_src(5, 1);
    settle();
    assert_int_equal(rd(hreg(VIC_HYP_PENDING)), 1u << 6);
    assert_int_equal(vic_model_hyp_irq(&vm), 1);
    assert_int_equal(vic_model_guest_eip(&vm), 0);
    assert_int_equal(rd(hreg(VIC_HYP_CLAIM)), 6);
    idle(1);
    assert_int_equal(vic_model_hyp_irq(&vm), 0);
    /* inject into the hypervisor file, and an invalid inject (guest 5) */
    wr(hreg(VIC_INJECT), VIC_ROUTE_TO_HYP | 9);
    wr(hreg(VIC_INJECT), 5u << VIC_ROUTE_GUEST_SHIFT | 9);
    assert_int_equal(rd(hreg(VIC_HYP_PENDING)), 1u << 9);
    for (uint32_t g = 0; g < GUESTS; g++)
        assert_int_equal(rd(gwin(g, VIC_G_PENDING)), 0);
}

static void test_reroute_while_pending(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE + 4 * 4), route(0, 8, 1));
    arm(0, 8, 1);
    arm(1, 8, 1);
    set_src(4, 1);
    for (int n = 0; n < 10 && !vm.file[0].pending; n++)   /* until the scan forwards it */
        idle(1);
    set_src(4, 0);
    idle(1);
    set_src(4, 1);                                   /* latched: id 8 of guest 0 busy */
    idle(1);
    wr(hreg(VIC_ROUTE + 4 * 4), route(1, 8, 1));     /* the latch follows the source */
    settle();
    assert_int_equal(rd(gwin(0, VIC_G_PENDING)), 1u << 8);   /* the old request stays */
    assert_int_equal(rd(gwin(1, VIC_G_PENDING)), 1u << 8);
    assert_int_equal(claim(0), 8);
    assert_int_equal(claim(1), 8);
    complete(0, 8);
    complete(1, 8);
    settle();
    assert_int_equal(claim(0), 0);
    assert_int_equal(claim(1), 0);
}

static void test_disabled_route_drops_latch(void **state)
{
    (void)state;
    wr(hreg(VIC_ROUTE + 4 * 3), route(0, 1, 1));
    arm(0, 1, 1);
    set_src(3, 1);
    idle(1);
    set_src(3, 0);
    idle(1);
    set_src(3, 1);                          /* latched behind the pending one */
    idle(1);
    wr(hreg(VIC_ROUTE + 4 * 3), route(0, 1, 1) & ~VIC_ROUTE_ENABLE);
    settle();
    assert_int_equal(claim(0), 1);
    complete(0, 1);
    wr(hreg(VIC_ROUTE + 4 * 3), route(0, 1, 1));
    settle();
    assert_int_equal(claim(0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params),
        cmocka_unit_test_setup(test_info_and_decode, setup),
        cmocka_unit_test_setup(test_register_fields, setup),
        cmocka_unit_test_setup(test_edge_latency_and_claim, setup),
        cmocka_unit_test_setup(test_level_repends, setup),
        cmocka_unit_test_setup(test_threshold_and_mask, setup),
        cmocka_unit_test_setup(test_priority_and_ties, setup),
        cmocka_unit_test_setup(test_edges_while_busy, setup),
        cmocka_unit_test_setup(test_not_running_wakes_hypervisor, setup),
        cmocka_unit_test_setup(test_hypervisor_file, setup),
        cmocka_unit_test_setup(test_reroute_while_pending, setup),
        cmocka_unit_test_setup(test_disabled_route_drops_latch, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
