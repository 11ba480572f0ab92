/* Host tests for the virtual PLIC. Offsets are computed here from the
 * sifive,plic-1.0.0 layout (priority 4*id, pending 0x1000, enables
 * 0x2000+0x80*ctx, threshold 0x200000+0x1000*ctx, claim +4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vplic/vplic.h"

#define S 1 /* the S-mode context the guest uses */

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
    for (uint32_t c = 0; c < 2; c++) {
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
        0x2100,     /* enables of context 2 */
        0x1ffffc,
        0x200008,   /* reserved word in a context */
        0x200ffc,
        0x202000,   /* context 2 */
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
    assert_false(vplic_irq(p, 2)); /* no such context */
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
