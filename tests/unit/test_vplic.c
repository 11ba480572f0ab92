/* Host tests for the virtual PLIC. Offsets are computed here from the
 * sifive,plic-1.0.0 layout (priority 4*id, pending 0x1000, enables
 * 0x2000+0x80*ctx, threshold 0x200000+0x1000*ctx, claim +4), 16 contexts:
 * 2i = vCPU i's M-mode, 2i+1 its S-mode. Random test: VPLIC_SEED=<n>
 * replays a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "vplic/vplic.h"

#define S 1 /* the S-mode context of vCPU 0 */
#define NCTX 16
static uint32_t s_ctx(uint32_t vcpu) { return 2 * vcpu + 1; }

static uint32_t prio_off(uint32_t id) { return 4 * id; }
static uint32_t enable_off(uint32_t ctx) { return 0x2000 + 0x80 * ctx; }
static uint32_t thresh_off(uint32_t ctx) { return 0x200000 + 0x1000 * ctx; }
static uint32_t claim_off(uint32_t ctx) { return 0x200004 + 0x1000 * ctx; }
#define PENDING_OFF 0x1000u

static int setup(void **state)
{
    static struct vplic p;
    vplic_init(&p);
    *state = &p;
    return 0;
}

static uint32_t rd(struct vplic *p, uint32_t off)
{
    uint32_t v = 0xdeadbeef;
    assert_int_equal(vplic_read(p, off, &v), 0);
    return v;
}

static void wr(struct vplic *p, uint32_t off, uint32_t v)
{
    assert_int_equal(vplic_write(p, off, v), 0);
}

static uint32_t claim(struct vplic *p, uint32_t ctx) { return rd(p, claim_off(ctx)); }
static void complete(struct vplic *p, uint32_t ctx, uint32_t id) { wr(p, claim_off(ctx), id); }

/* enable id for S with priority prio */
static void arm(struct vplic *p, uint32_t id, uint32_t prio)
{
    wr(p, prio_off(id), prio);
    wr(p, enable_off(S), rd(p, enable_off(S)) | 1u << id);
}

/* ---- registers ------------------------------------------------------------ */

static void test_reset(void **state)
{
    struct vplic *p = *state;
    for (uint32_t id = 0; id < 32; id++)
        assert_int_equal(rd(p, prio_off(id)), 0);
    assert_int_equal(rd(p, PENDING_OFF), 0);
    for (uint32_t c = 0; c < NCTX; c++) {
        assert_int_equal(rd(p, enable_off(c)), 0);
        assert_int_equal(rd(p, thresh_off(c)), 0);
        assert_int_equal(claim(p, c), 0);
        assert_false(vplic_irq(p, c));
    }
}

static void test_priority_warl(void **state)
{
    struct vplic *p = *state;
    wr(p, prio_off(1), 5);
    assert_int_equal(rd(p, prio_off(1)), 5);
    wr(p, prio_off(31), 0xffffffff);
    assert_int_equal(rd(p, prio_off(31)), 7);
    wr(p, prio_off(7), 0x9); /* only 3 bits kept */
    assert_int_equal(rd(p, prio_off(7)), 1);
    wr(p, prio_off(0), 7);   /* id 0 does not exist */
    assert_int_equal(rd(p, prio_off(0)), 0);
}

static void test_threshold_warl_and_enable_bit0(void **state)
{
    struct vplic *p = *state;
    wr(p, thresh_off(S), 0xff);
    assert_int_equal(rd(p, thresh_off(S)), 7);
    assert_int_equal(rd(p, thresh_off(0)), 0); /* contexts independent */
    wr(p, enable_off(S), 0xffffffff);
    assert_int_equal(rd(p, enable_off(S)), 0xfffffffe); /* id 0 hardwired off */
    assert_int_equal(rd(p, enable_off(0)), 0);
}

static void test_pending_read_only(void **state)
{
    struct vplic *p = *state;
    wr(p, PENDING_OFF, 0xffffffff);
    assert_int_equal(rd(p, PENDING_OFF), 0);
    vplic_set_level(p, 3, true);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 3);
    wr(p, PENDING_OFF, 0);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 3);
}

static void test_bad_offsets(void **state)
{
    struct vplic *p = *state;
    static const uint32_t bad[] = {
        0x2,        /* unaligned */
        0x80,       /* priority of id 32: no such source */
        0x0ffc,
        0x1004,     /* second pending word */
        0x2004,     /* second enable word of context 0 */
        0x2084,
        0x2784,     /* second enable word of context 15 */
        0x2800,     /* enables of context 16: no such context */
        0x1ffffc,
        0x200008,   /* reserved word in a context */
        0x200ffc,
        0x20f008,   /* reserved word in context 15 */
        0x20fffc,
        0x210000,   /* threshold of context 16 */
        0x210004,   /* claim of context 16 */
        0x3fffffc,
        0xffffffff,
    };
    uint32_t v;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (vplic_read(p, bad[i], &v) != -1)
            fail_msg("read %x accepted", bad[i]);
        if (vplic_write(p, bad[i], 1) != -1)
            fail_msg("write %x accepted", bad[i]);
    }
}

/* ---- gateway, claim, complete --------------------------------------------- */

static void test_level_pends_and_irq(void **state)
{
    struct vplic *p = *state;
    arm(p, 10, 1);
    assert_false(vplic_irq(p, S));
    vplic_set_level(p, 10, true);
    assert_true(vplic_irq(p, S));
    assert_false(vplic_irq(p, 0)); /* not enabled for context 0 */
    assert_int_equal(rd(p, PENDING_OFF), 1u << 10);
    assert_int_equal(claim(p, S), 10);
    assert_int_equal(rd(p, PENDING_OFF), 0);
    assert_false(vplic_irq(p, S));
    assert_int_equal(claim(p, S), 0); /* nothing left */
    vplic_set_level(p, 10, false);
    complete(p, S, 10);
    assert_int_equal(rd(p, PENDING_OFF), 0); /* level low: no re-pend */
    assert_false(vplic_irq(p, S));
}

static void test_level_high_after_complete_pends_again(void **state)
{
    struct vplic *p = *state;
    arm(p, 4, 2);
    vplic_set_level(p, 4, true);
    assert_int_equal(claim(p, S), 4);
    /* in service: the still-high level must not pend again yet */
    vplic_set_level(p, 4, true);
    assert_int_equal(rd(p, PENDING_OFF), 0);
    assert_false(vplic_irq(p, S));
    complete(p, S, 4);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 4);
    assert_true(vplic_irq(p, S));
    assert_int_equal(claim(p, S), 4);
}

static void test_pending_latched_when_level_drops(void **state)
{
    struct vplic *p = *state;
    arm(p, 6, 1);
    vplic_set_level(p, 6, true);
    vplic_set_level(p, 6, false);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 6);
    assert_int_equal(claim(p, S), 6);
    complete(p, S, 6);
    assert_int_equal(rd(p, PENDING_OFF), 0);
}

static void test_complete_wrong_id_ignored(void **state)
{
    struct vplic *p = *state;
    arm(p, 2, 1);
    arm(p, 3, 1);
    vplic_set_level(p, 2, true);
    assert_int_equal(claim(p, S), 2);
    complete(p, S, 3);   /* enabled but not in service */
    complete(p, S, 0);   /* no source */
    complete(p, S, 32);  /* out of range */
    complete(p, S, 0xffffffff);
    /* 2 still in service: its high level must not pend */
    assert_int_equal(rd(p, PENDING_OFF), 0);
    /* and 3, completed before it was ever claimed, still works normally */
    vplic_set_level(p, 3, true);
    assert_int_equal(claim(p, S), 3);
    complete(p, S, 2);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 2);
}

static void test_complete_of_disabled_id_ignored(void **state)
{
    struct vplic *p = *state;
    arm(p, 9, 1);
    vplic_set_level(p, 9, true);
    assert_int_equal(claim(p, S), 9);
    wr(p, enable_off(S), 0);      /* masked while in service */
    complete(p, S, 9);            /* spec: ignored */
    assert_int_equal(rd(p, PENDING_OFF), 0);
    /* Linux plic_irq_eoi for a disabled irq: enable, complete, disable */
    wr(p, enable_off(S), 1u << 9);
    complete(p, S, 9);
    wr(p, enable_off(S), 0);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 9); /* level still high */
    assert_false(vplic_irq(p, S));                 /* but masked */
}

static void test_priority_zero_never_interrupts(void **state)
{
    struct vplic *p = *state;
    arm(p, 5, 0);
    vplic_set_level(p, 5, true);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 5); /* pending, but ... */
    assert_false(vplic_irq(p, S));
    assert_int_equal(claim(p, S), 0);
    wr(p, prio_off(5), 1);
    assert_true(vplic_irq(p, S));
    assert_int_equal(claim(p, S), 5);
}

static void test_masking(void **state)
{
    struct vplic *p = *state;
    wr(p, prio_off(12), 3);
    vplic_set_level(p, 12, true);
    assert_false(vplic_irq(p, S)); /* pending but not enabled */
    assert_int_equal(claim(p, S), 0);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 12); /* the failed claim left it */
    wr(p, enable_off(S), 1u << 12);
    assert_true(vplic_irq(p, S));
    wr(p, enable_off(0), 1u << 12);
    assert_true(vplic_irq(p, 0));   /* both contexts see it */
    assert_int_equal(claim(p, 0), 12);
    assert_false(vplic_irq(p, S)); /* claimed by context 0 */
    complete(p, 0, 12);
    assert_true(vplic_irq(p, S));
}

static void test_threshold(void **state)
{
    struct vplic *p = *state;
    arm(p, 1, 3);
    vplic_set_level(p, 1, true);
    wr(p, thresh_off(S), 3);        /* must be strictly above threshold */
    assert_false(vplic_irq(p, S));
    assert_int_equal(claim(p, S), 0);
    wr(p, thresh_off(S), 2);
    assert_true(vplic_irq(p, S));
    wr(p, thresh_off(S), 7);
    arm(p, 2, 7);
    vplic_set_level(p, 2, true);
    assert_false(vplic_irq(p, S));  /* 7 is not above 7: everything masked */
    wr(p, thresh_off(S), 0);
    assert_int_equal(claim(p, S), 2);
}

static void test_highest_priority_then_lowest_id(void **state)
{
    struct vplic *p = *state;
    arm(p, 3, 2);
    arm(p, 8, 5);
    arm(p, 20, 5);
    arm(p, 31, 1);
    arm(p, 1, 2);
    vplic_set_level(p, 31, true);
    vplic_set_level(p, 20, true);
    vplic_set_level(p, 3, true);
    vplic_set_level(p, 8, true);
    vplic_set_level(p, 1, true);
    assert_int_equal(claim(p, S), 8);   /* prio 5, lower id than 20 */
    assert_int_equal(claim(p, S), 20);
    assert_int_equal(claim(p, S), 1);   /* prio 2, lower id than 3 */
    assert_int_equal(claim(p, S), 3);
    assert_int_equal(claim(p, S), 31);
    assert_int_equal(claim(p, S), 0);
}

static void test_set_level_bad_ids_ignored(void **state)
{
    struct vplic *p = *state;
    vplic_set_level(p, 0, true);
    vplic_set_level(p, 32, true);
    vplic_set_level(p, 0xffffffff, true);
    assert_int_equal(rd(p, PENDING_OFF), 0);
    assert_false(vplic_irq(p, NCTX)); /* no such context */
    assert_false(vplic_irq(p, 0xffffffff));
}

/* Linux irq-sifive-plic flow for a UART on id 10 */
static void test_linux_flow(void **state)
{
    struct vplic *p = *state;
    /* plic_init: threshold 0, all disabled; plic_irq_enable: priority 1, enable */
    wr(p, thresh_off(S), 0);
    for (uint32_t id = 1; id < 32; id++)
        wr(p, prio_off(id), 1);
    wr(p, enable_off(S), 0);
    wr(p, enable_off(S), 1u << 10);
    vplic_set_level(p, 10, true);
    /* plic_handle_irq: claim until 0 */
    assert_true(vplic_irq(p, S));
    uint32_t id, handled = 0;
    while ((id = claim(p, S)) != 0) {
        assert_int_equal(id, 10);
        vplic_set_level(p, 10, false); /* the driver's handler drains the UART */
        complete(p, S, id);
        handled++;
    }
    assert_int_equal(handled, 1);
    assert_false(vplic_irq(p, S));
}

/* ---- several vCPUs: 16 contexts -------------------------------------------- */

static void test_macros_match_layout(void **state)
{
    (void)state;
    assert_int_equal(VPLIC_NCTX, NCTX);
    for (uint32_t v = 0; v < 8; v++) {
        assert_int_equal(VPLIC_CTX_M_OF(v), 2 * v);
        assert_int_equal(VPLIC_CTX_S_OF(v), s_ctx(v));
    }
}

/* Every context's enable and threshold is its own register, at its own offset. */
static void test_contexts_independent(void **state)
{
    struct vplic *p = *state;
    for (uint32_t c = 0; c < NCTX; c++) {
        wr(p, enable_off(c), 0x2u << c);        /* a different id per context */
        wr(p, thresh_off(c), c & 7);
    }
    for (uint32_t c = 0; c < NCTX; c++) {
        assert_int_equal(rd(p, enable_off(c)), 0x2u << c);
        assert_int_equal(rd(p, thresh_off(c)), c & 7);
    }
    /* source 1 + c, priority 7, pends: only context c sees it */
    for (uint32_t id = 1; id <= NCTX; id++)
        wr(p, prio_off(id), 7);
    vplic_set_level(p, 6, true);                /* enabled for context 5 only */
    for (uint32_t c = 0; c < NCTX; c++)
        assert_int_equal(vplic_irq(p, c), c == 5);
    for (uint32_t c = 0; c < NCTX; c++)
        if (c != 5)
            assert_int_equal(claim(p, c), 0);
    assert_int_equal(claim(p, 5), 6);
    for (uint32_t c = 0; c < NCTX; c++)
        assert_false(vplic_irq(p, c));
}

/* One source enabled for the S-mode contexts of vCPUs 0 and 1: both see it,
 * the first claim takes it, the other context's claim gets 0. */
static void test_claim_race_between_vcpus(void **state)
{
    struct vplic *p = *state;
    wr(p, prio_off(5), 1);
    wr(p, enable_off(s_ctx(0)), 1u << 5);
    wr(p, enable_off(s_ctx(1)), 1u << 5);
    vplic_set_level(p, 5, true);
    assert_true(vplic_irq(p, s_ctx(0)));
    assert_true(vplic_irq(p, s_ctx(1)));
    assert_false(vplic_irq(p, s_ctx(2)));
    assert_int_equal(claim(p, s_ctx(1)), 5);
    assert_false(vplic_irq(p, s_ctx(0)));       /* pending cleared for everyone */
    assert_false(vplic_irq(p, s_ctx(1)));
    assert_int_equal(claim(p, s_ctx(0)), 0);    /* lost the race */
    assert_int_equal(rd(p, PENDING_OFF), 0);
    /* a completion by the loser's context is accepted too (enabled there) */
    complete(p, s_ctx(0), 5);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 5); /* level still high: pends again */
    assert_true(vplic_irq(p, s_ctx(0)));
    assert_true(vplic_irq(p, s_ctx(1)));
    assert_int_equal(claim(p, s_ctx(0)), 5);
    assert_int_equal(claim(p, s_ctx(1)), 0);
    /* a context without the id enabled cannot complete it */
    complete(p, s_ctx(2), 5);
    assert_int_equal(rd(p, PENDING_OFF), 0);
    assert_false(vplic_irq(p, s_ctx(1)));
    complete(p, s_ctx(1), 5);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 5);
}

/* Two sources enabled for two contexts: each context's claim takes the best
 * one left, so the second claimer gets the second source. */
static void test_claim_takes_best_left(void **state)
{
    struct vplic *p = *state;
    wr(p, prio_off(4), 5);
    wr(p, prio_off(6), 2);
    wr(p, enable_off(s_ctx(3)), 1u << 4 | 1u << 6);
    wr(p, enable_off(s_ctx(7)), 1u << 4 | 1u << 6);
    vplic_set_level(p, 6, true);
    vplic_set_level(p, 4, true);
    assert_int_equal(claim(p, s_ctx(7)), 4);
    assert_true(vplic_irq(p, s_ctx(3)));        /* 6 is still there */
    assert_int_equal(claim(p, s_ctx(3)), 6);
    assert_int_equal(claim(p, s_ctx(7)), 0);
    assert_int_equal(claim(p, s_ctx(3)), 0);
    /* the threshold is per context: 3 masks 6 (prio 2) for one vCPU only */
    complete(p, s_ctx(3), 6);
    wr(p, thresh_off(s_ctx(3)), 3);
    assert_false(vplic_irq(p, s_ctx(3)));
    assert_true(vplic_irq(p, s_ctx(7)));
    assert_int_equal(claim(p, s_ctx(3)), 0);
    assert_int_equal(claim(p, s_ctx(7)), 6);
}

/* Linux's irq-sifive-plic with 4 CPUs: every context gets threshold 0, an
 * irq is enabled on the context of the CPU of its affinity; moving the
 * affinity (plic_set_affinity) disables it on the old, enables on the new. */
static void test_linux_smp_affinity(void **state)
{
    struct vplic *p = *state;
    for (uint32_t v = 0; v < 4; v++) {
        wr(p, thresh_off(s_ctx(v)), 0);
        wr(p, enable_off(s_ctx(v)), 0);
    }
    wr(p, prio_off(10), 1);
    wr(p, enable_off(s_ctx(2)), 1u << 10);
    vplic_set_level(p, 10, true);
    for (uint32_t v = 0; v < 4; v++)
        assert_int_equal(vplic_irq(p, s_ctx(v)), v == 2);
    for (uint32_t v = 0; v < 8; v++)
        assert_false(vplic_irq(p, 2 * v));      /* M-mode contexts: nothing enabled */
    assert_int_equal(claim(p, s_ctx(2)), 10);
    vplic_set_level(p, 10, false);
    complete(p, s_ctx(2), 10);
    /* affinity to CPU 3 */
    wr(p, enable_off(s_ctx(2)), 0);
    wr(p, enable_off(s_ctx(3)), 1u << 10);
    vplic_set_level(p, 10, true);
    assert_false(vplic_irq(p, s_ctx(2)));
    assert_true(vplic_irq(p, s_ctx(3)));
    assert_int_equal(claim(p, s_ctx(3)), 10);
    /* moved again while in service: the completion comes from the new CPU's
     * context after the move; Linux enables it there first */
    wr(p, enable_off(s_ctx(3)), 0);
    wr(p, enable_off(s_ctx(0)), 1u << 10);
    complete(p, s_ctx(0), 10);
    assert_int_equal(rd(p, PENDING_OFF), 1u << 10);
    assert_true(vplic_irq(p, s_ctx(0)));
    assert_false(vplic_irq(p, s_ctx(3)));
}

/* ---- random, against a reference model --------------------------------------- */

enum src_state { IDLE, PENDING, IN_SERVICE };

struct ref {
    uint32_t prio[32];
    bool level[32];
    enum src_state st[32];
    uint32_t claimer[32];    /* the context whose claim put it in service */
    uint32_t enable[NCTX], thresh[NCTX];
};

/* The spec's choice, written the other way round from the library: highest
 * priority first, then the lowest id with it. */
static uint32_t ref_best(const struct ref *r, uint32_t ctx)
{
    for (uint32_t prio = 7; prio > r->thresh[ctx]; prio--)
        for (uint32_t id = 1; id < 32; id++)
            if (r->st[id] == PENDING && (r->enable[ctx] >> id & 1) && r->prio[id] == prio)
                return id;
    return 0;
}

static void ref_gateway(struct ref *r, uint32_t id)
{
    if (r->level[id] && r->st[id] == IDLE)
        r->st[id] = PENDING;
}

static uint32_t ref_pending(const struct ref *r)
{
    uint32_t v = 0;
    for (uint32_t id = 1; id < 32; id++)
        if (r->st[id] == PENDING)
            v |= 1u << id;
    return v;
}

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}
static uint32_t rnd_n(uint32_t n) { return rnd() % n; }

/* mostly the few ids and contexts a test round uses, so claims collide */
static uint32_t rnd_id(void) { return rnd_n(8) ? 1 + rnd_n(6) : rnd_n(34); }
static uint32_t rnd_ctx(void) { return rnd_n(8) ? rnd_n(6) : rnd_n(NCTX + 2); }

static void test_random(void **state)
{
    struct vplic *p = *state;
    const char *env = getenv("VPLIC_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
    printf("test_random: VPLIC_SEED=%llu\n", (unsigned long long)seed);
    rng_state = seed;

    static struct ref r;
    unsigned claims = 0, lost = 0, completes = 0, multi = 0, ops = 0;
    const int iters = 200000;

    for (int iter = 0; iter < iters; iter++) {
        if (iter % 20000 == 0) {
            vplic_init(p);
            memset(&r, 0, sizeof(r));
        }
        uint32_t op = rnd_n(100), id = rnd_id(), ctx = rnd_ctx();
        if (op < 25) {
            bool lvl = rnd_n(2);
            vplic_set_level(p, id, lvl);
            if (id >= 1 && id < 32) {
                r.level[id] = lvl;
                ref_gateway(&r, id);
            }
        } else if (op < 30) {
            uint32_t v = rnd_n(4) ? rnd_n(8) : rnd();
            if (id < 32) {
                wr(p, prio_off(id), v);
                if (id)
                    r.prio[id] = v & 7;
            }
        } else if (op < 40) {
            uint32_t v = rnd_n(4) ? rnd() & 0x7e : rnd();
            if (ctx < NCTX) {
                wr(p, enable_off(ctx), v);
                r.enable[ctx] = v & ~1u;
            } else {
                assert_int_equal(vplic_write(p, enable_off(ctx), v), -1);
            }
        } else if (op < 44) {
            uint32_t v = rnd_n(4) ? rnd_n(4) : rnd();
            if (ctx < NCTX) {
                wr(p, thresh_off(ctx), v);
                r.thresh[ctx] = v & 7;
            } else {
                assert_int_equal(vplic_write(p, thresh_off(ctx), v), -1);
            }
        } else if (op < 72) {
            if (ctx >= NCTX) {
                uint32_t v;
                assert_int_equal(vplic_read(p, claim_off(ctx), &v), -1);
                continue;
            }
            /* was it visible to another context too? then a race is on */
            uint32_t want = ref_best(&r, ctx), got = claim(p, ctx);
            if (got != want)
                fail_msg("VPLIC_SEED=%llu iter %d: claim ctx %u = %u, model %u",
                         (unsigned long long)seed, iter, ctx, got, want);
            if (got) {
                if (r.st[got] != PENDING)   /* never twice before a completion */
                    fail_msg("VPLIC_SEED=%llu iter %d: id %u claimed twice",
                             (unsigned long long)seed, iter, got);
                unsigned seen = 0;
                for (uint32_t c = 0; c < NCTX; c++)
                    seen += ref_best(&r, c) == got;
                multi += seen > 1;
                r.st[got] = IN_SERVICE;
                r.claimer[got] = ctx;
                claims++;
            } else {
                for (uint32_t i = 1; i < 32; i++)   /* enabled here, but another took it */
                    if ((r.enable[ctx] >> i & 1) && r.st[i] == IN_SERVICE &&
                        r.claimer[i] != ctx && r.prio[i] > r.thresh[ctx]) {
                        lost++;
                        break;
                    }
            }
        } else if (op < 95) {
            /* completions: mostly of an id in service */
            if (rnd_n(4)) {
                for (uint32_t k = 0; k < 32; k++) {
                    uint32_t i = (id + k) % 32;
                    if (r.st[i] == IN_SERVICE) {
                        id = i;
                        break;
                    }
                }
            }
            if (ctx >= NCTX) {
                assert_int_equal(vplic_write(p, claim_off(ctx), id), -1);
                continue;
            }
            complete(p, ctx, id);
            if (id >= 1 && id < 32 && (r.enable[ctx] >> id & 1) && r.st[id] == IN_SERVICE) {
                r.st[id] = IDLE;
                ref_gateway(&r, id);
                completes++;
            }
        } else {
            if (id < 32)
                assert_int_equal(rd(p, prio_off(id)), id ? r.prio[id] : 0);
            if (ctx < NCTX) {
                assert_int_equal(rd(p, enable_off(ctx)), r.enable[ctx]);
                assert_int_equal(rd(p, thresh_off(ctx)), r.thresh[ctx]);
            }
        }
        ops++;
        uint32_t pend = rd(p, PENDING_OFF);
        if (pend != ref_pending(&r))
            fail_msg("VPLIC_SEED=%llu iter %d: pending %#x, model %#x",
                     (unsigned long long)seed, iter, pend, ref_pending(&r));
        for (uint32_t c = 0; c < NCTX + 2; c++) {
            bool want = c < NCTX && ref_best(&r, c) != 0;
            if (vplic_irq(p, c) != want)
                fail_msg("VPLIC_SEED=%llu iter %d: irq ctx %u = %d, model %d",
                         (unsigned long long)seed, iter, c, !want, want);
        }
    }
    printf("test_random: %u ops, %u claims (%u of a source two contexts saw), "
           "%u claims lost to another context, %u completions\n",
           ops, claims, multi, lost, completes);
    if (claims < 5000 || multi < 1000 || lost < 1000 || completes < 5000)
        fail_msg("VPLIC_SEED=%llu: floors not reached (claims %u >= 5000, shared %u >= 1000, "
                 "lost %u >= 1000, completions %u >= 5000)",
                 (unsigned long long)seed, claims, multi, lost, completes);
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_reset),
        T(test_priority_warl),
        T(test_threshold_warl_and_enable_bit0),
        T(test_pending_read_only),
        T(test_bad_offsets),
        T(test_level_pends_and_irq),
        T(test_level_high_after_complete_pends_again),
        T(test_pending_latched_when_level_drops),
        T(test_complete_wrong_id_ignored),
        T(test_complete_of_disabled_id_ignored),
        T(test_priority_zero_never_interrupts),
        T(test_masking),
        T(test_threshold),
        T(test_highest_priority_then_lowest_id),
        T(test_set_level_bad_ids_ignored),
        T(test_linux_flow),
        T(test_macros_match_layout),
        T(test_contexts_independent),
        T(test_claim_race_between_vcpus),
        T(test_claim_takes_best_left),
        T(test_linux_smp_affinity),
        T(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
