/* vtick: expiries are counted exactly, acknowledged exactly, and the line
 * follows PENDING. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vtick/vtick.h"

static uint32_t rd(struct vtick *t, uint32_t off, uint64_t now)
{
    uint32_t v = 0xdeadbeef;
    assert_int_equal(vtick_read(t, off, now, &v), 0);
    return v;
}

static void test_id_and_reset_state(void **state)
{
    (void)state;
    struct vtick t;
    vtick_init(&t);
    assert_int_equal(rd(&t, VTICK_ID, 0), VTICK_ID_VALUE);
    assert_int_equal(rd(&t, VTICK_CTRL, 0), 0);
    assert_false(vtick_irq(&t));
    assert_true(vtick_next_event(&t) == ~0ULL);
    vtick_advance(&t, 1000000);
    assert_int_equal(rd(&t, VTICK_FIRED, 1000000), 0);     /* disabled: nothing fires */
}

static void test_periods_are_counted(void **state)
{
    (void)state;
    struct vtick t;
    vtick_init(&t);
    assert_int_equal(vtick_write(&t, VTICK_PERIOD, 100, 0), 0);
    assert_int_equal(vtick_write(&t, VTICK_CTRL, VTICK_CTRL_EN, 1000), 0);
    assert_int_equal(vtick_next_event(&t), 1100);
    assert_int_equal(rd(&t, VTICK_PENDING, 1099), 0);
    assert_false(vtick_irq(&t));
    assert_int_equal(rd(&t, VTICK_PENDING, 1100), 1);
    assert_true(vtick_irq(&t));
    /* 3.5 more periods while nobody looked: 3 more expiries, none lost */
    assert_int_equal(rd(&t, VTICK_PENDING, 1450), 4);
    assert_int_equal(rd(&t, VTICK_FIRED, 1450), 4);
    assert_int_equal(vtick_next_event(&t), 1500);
}

static void test_ack(void **state)
{
    (void)state;
    struct vtick t;
    vtick_init(&t);
    vtick_write(&t, VTICK_PERIOD, 10, 0);
    vtick_write(&t, VTICK_CTRL, VTICK_CTRL_EN, 0);
    assert_int_equal(rd(&t, VTICK_PENDING, 35), 3);
    vtick_write(&t, VTICK_ACK, 2, 35);
    assert_int_equal(rd(&t, VTICK_PENDING, 35), 1);
    assert_true(vtick_irq(&t));
    vtick_write(&t, VTICK_ACK, 100, 35);                   /* more than pending: clamps */
    assert_int_equal(rd(&t, VTICK_PENDING, 35), 0);
    assert_false(vtick_irq(&t));
    assert_int_equal(rd(&t, VTICK_FIRED, 35), 3);           /* acks do not change FIRED */
}

static void test_disable_and_reenable(void **state)
{
    (void)state;
    struct vtick t;
    vtick_init(&t);
    vtick_write(&t, VTICK_PERIOD, 10, 0);
    vtick_write(&t, VTICK_CTRL, VTICK_CTRL_EN, 0);
    assert_int_equal(rd(&t, VTICK_FIRED, 25), 2);
    vtick_write(&t, VTICK_CTRL, 0, 25);
    assert_int_equal(rd(&t, VTICK_FIRED, 1000), 2);         /* stopped */
    assert_int_equal(rd(&t, VTICK_PENDING, 1000), 2);       /* unacknowledged ones stay */
    vtick_write(&t, VTICK_CTRL, VTICK_CTRL_EN, 1000);       /* restart: counters cleared */
    assert_int_equal(rd(&t, VTICK_FIRED, 1005), 0);
    assert_int_equal(rd(&t, VTICK_PENDING, 1010), 1);
}

static void test_bad_offsets_and_readonly(void **state)
{
    (void)state;
    struct vtick t;
    uint32_t v;
    vtick_init(&t);
    assert_int_equal(vtick_read(&t, 0x18, 0, &v), -1);
    assert_int_equal(vtick_write(&t, 0x800, 1, 0), -1);
    assert_int_equal(vtick_write(&t, VTICK_FIRED, 55, 0), 0);
    assert_int_equal(rd(&t, VTICK_FIRED, 0), 0);
    vtick_write(&t, VTICK_PERIOD, 0, 0);                   /* 0 is taken as 1 */
    assert_int_equal(rd(&t, VTICK_PERIOD, 0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_and_reset_state),
        cmocka_unit_test(test_periods_are_counted),
        cmocka_unit_test(test_ack),
        cmocka_unit_test(test_disable_and_reenable),
        cmocka_unit_test(test_bad_offsets_and_readonly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
