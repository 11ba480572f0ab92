/* Host tests for the virtual APLIC (MSI delivery mode). Offsets are written
 * out here from the AIA 1.0 register table (chapter 4.5) rather than taken
 * from vaplic.h, and the Linux sequences follow drivers/irqchip/
 * irq-riscv-aplic-main.c and irq-riscv-aplic-msi.c (6.12; the newer re-trigger
 * after set_type too). Random test: VAPLIC_SEED=<n> replays a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "vaplic/vaplic.h"

#define DOMAINCFG    0x0000u
#define MMSICFG      0x1bc0u
#define MMSICFGH     0x1bc4u
#define SMSICFG      0x1bc8u
#define SMSICFGH     0x1bccu
#define SETIPNUM     0x1cdcu
#define CLRIPNUM     0x1ddcu
#define SETIENUM     0x1edcu
#define CLRIENUM     0x1fdcu
#define SETIPNUM_LE  0x2000u
#define SETIPNUM_BE  0x2004u
#define GENMSI       0x3000u

static uint32_t sourcecfg(uint32_t i) { return 0x0004 + 4 * (i - 1); }
static uint32_t target(uint32_t i) { return 0x3004 + 4 * (i - 1); }
static uint32_t setip(uint32_t k) { return 0x1c00 + 4 * k; }
static uint32_t in_clrip(uint32_t k) { return 0x1d00 + 4 * k; }
static uint32_t setie(uint32_t k) { return 0x1e00 + 4 * k; }
static uint32_t clrie(uint32_t k) { return 0x1f00 + 4 * k; }

/* target in MSI mode: hart 31:18, guest 17:12, EIID 10:0 */
static uint32_t tgt(uint32_t hart, uint32_t guest, uint32_t eiid)
{
    return hart << 18 | guest << 12 | eiid;
}

enum { INACTIVE = 0, DETACHED = 1, EDGE1 = 4, EDGE0 = 5, LEVEL1 = 6, LEVEL0 = 7 };

#define DOMAINCFG_IE 0x100u
#define DOMAINCFG_DM 0x4u

static int setup(void **state)
{
    static struct vaplic a;
    vaplic_init(&a, 63);
    *state = &a;
    return 0;
}

static uint32_t rd(struct vaplic *a, uint32_t off)
{
    uint32_t v = 0xdeadbeef;
    if (vaplic_read(a, off, 4, &v) != 0)
        fail_msg("read %#x rejected", off);
    return v;
}

static void wr(struct vaplic *a, uint32_t off, uint32_t v)
{
    if (vaplic_write(a, off, 4, v) != 0)
        fail_msg("write %#x rejected", off);
}

static void expect_msi(struct vaplic *a, uint32_t hart, uint32_t guest, uint32_t eiid)
{
    struct vaplic_msi m;
    if (!vaplic_next_msi(a, &m))
        fail_msg("expected MSI eiid %u, got none", eiid);
    assert_int_equal(m.eiid, eiid);
    assert_int_equal(m.hart_index, hart);
    assert_int_equal(m.guest_index, guest);
}

static void expect_none(struct vaplic *a)
{
    struct vaplic_msi m;
    if (vaplic_next_msi(a, &m))
        fail_msg("unexpected MSI eiid %u hart %u guest %u", m.eiid, m.hart_index, m.guest_index);
}

/* ---- Linux's driver, step by step ------------------------------------------ */

/* aplic_setup_priv -> aplic_init_hw_irqs, then aplic_init_hw_global(msi) */
static void linux_probe(struct vaplic *a, uint32_t nr_irqs)
{
    for (uint32_t i = 0; i <= nr_irqs; i += 32)
        wr(a, clrie(i / 32), 0xffffffff);
    for (uint32_t i = 1; i <= nr_irqs; i++) {
        wr(a, sourcecfg(i), 0);
        wr(a, target(i), 1); /* APLIC_DEFAULT_PRIORITY */
    }
    wr(a, DOMAINCFG, 0);
    uint32_t v = rd(a, DOMAINCFG);
    v |= DOMAINCFG_IE | DOMAINCFG_DM;
    wr(a, DOMAINCFG, v);
    assert_int_equal(rd(a, DOMAINCFG), v); /* else "unable to write 0x%x in domaincfg" */
}

/* irq_set_type (masked), write_msg, unmask; retrigger = the 6.13+ driver's
 * setipnum_le after set_type for a level source */
static void linux_irq_setup(struct vaplic *a, uint32_t hwirq, uint32_t sm, uint32_t hart,
                            uint32_t eiid, bool retrigger)
{
    wr(a, sourcecfg(hwirq), sm);
    if (retrigger && (sm == LEVEL1 || sm == LEVEL0))
        wr(a, SETIPNUM_LE, hwirq);
    wr(a, target(hwirq), tgt(hart, 0, eiid));
    wr(a, SETIENUM, hwirq); /* aplic_irq_unmask */
}

/* aplic_msi_irq_eoi: level sources only */
static void linux_eoi(struct vaplic *a, uint32_t hwirq, uint32_t sm)
{
    if (sm == LEVEL1 || sm == LEVEL0)
        wr(a, SETIPNUM_LE, hwirq);
}

static void linux_mask(struct vaplic *a, uint32_t hwirq) { wr(a, CLRIENUM, hwirq); }
static void linux_unmask(struct vaplic *a, uint32_t hwirq) { wr(a, SETIENUM, hwirq); }

/* ---- registers ------------------------------------------------------------ */

static void test_reset(void **state)
{
    struct vaplic *a = *state;
    assert_int_equal(rd(a, DOMAINCFG), 0x80000004); /* 0x80 byte, DM = 1, IE = 0 */
    for (uint32_t i = 1; i <= 1023; i++) {
        assert_int_equal(rd(a, sourcecfg(i)), 0);
        assert_int_equal(rd(a, target(i)), 0);
    }
    for (uint32_t k = 0; k < 32; k++) {
        assert_int_equal(rd(a, setip(k)), 0);
        assert_int_equal(rd(a, in_clrip(k)), 0);
        assert_int_equal(rd(a, setie(k)), 0);
        assert_int_equal(rd(a, clrie(k)), 0);
    }
    assert_int_equal(rd(a, GENMSI), 0);
    assert_int_equal(rd(a, MMSICFG), 0);
    assert_int_equal(rd(a, MMSICFGH), 0);
    expect_none(a);
}

static void test_domaincfg(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, 0xffffffff);
    assert_int_equal(rd(a, DOMAINCFG), 0x80000104); /* BE stays 0, reserved 0 */
    wr(a, DOMAINCFG, 0);
    assert_int_equal(rd(a, DOMAINCFG), 0x80000004); /* DM stays 1 */
    wr(a, DOMAINCFG, DOMAINCFG_IE << 24 | DOMAINCFG_IE); /* the (x<<24)|x trick */
    assert_int_equal(rd(a, DOMAINCFG), 0x80000104);
}

static void test_linux_probe(void **state)
{
    struct vaplic *a = *state;
    vaplic_set_level(a, 3, true); /* a line already high at probe */
    linux_probe(a, 63);
    assert_int_equal(rd(a, DOMAINCFG), 0x80000104);
    for (uint32_t i = 1; i <= 63; i++) {
        assert_int_equal(rd(a, sourcecfg(i)), 0);
        assert_int_equal(rd(a, target(i)), 0); /* inactive: the write of 1 was ignored */
    }
    assert_int_equal(rd(a, setie(0)), 0);
    assert_int_equal(rd(a, setie(1)), 0);
    assert_int_equal(rd(a, setip(0)), 0);
    expect_none(a);
}

/* A UART on wire 10, level-high, EIID 5 (interrupts = <10 4>). */
static void linux_level_flow(struct vaplic *a, bool retrigger)
{
    linux_probe(a, 63);
    linux_irq_setup(a, 10, LEVEL1, 0, 5, retrigger);
    assert_int_equal(rd(a, sourcecfg(10)), LEVEL1);
    assert_int_equal(rd(a, target(10)), 5);
    assert_int_equal(rd(a, setie(0)), 1u << 10);
    expect_none(a);

    vaplic_set_level(a, 10, true); /* the UART raises its line */
    expect_msi(a, 0, 0, 5);
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 0); /* forwarded: pending cleared */
    assert_int_equal(rd(a, in_clrip(0)), 1u << 10);
    vaplic_set_level(a, 10, true); /* still high: no second MSI */
    expect_none(a);

    /* handle_fasteoi_irq: the handler took one byte, more remain: EOI re-triggers */
    linux_eoi(a, 10, LEVEL1);
    expect_msi(a, 0, 0, 5);
    expect_none(a);
    /* the handler drains the UART: the line drops; EOI: nothing */
    vaplic_set_level(a, 10, false);
    expect_none(a);
    linux_eoi(a, 10, LEVEL1);
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 0);
    assert_int_equal(rd(a, in_clrip(0)), 0);

    /* disable_irq (mask), line rises, enable_irq (unmask): delivered then */
    linux_mask(a, 10);
    vaplic_set_level(a, 10, true);
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 1u << 10);
    linux_unmask(a, 10);
    expect_msi(a, 0, 0, 5);
    expect_none(a);

    /* masked while pending and the line drops: the pending bit goes too */
    vaplic_set_level(a, 10, false);
    linux_eoi(a, 10, LEVEL1);
    linux_mask(a, 10);
    vaplic_set_level(a, 10, true);
    vaplic_set_level(a, 10, false);
    assert_int_equal(rd(a, setip(0)), 0);
    linux_unmask(a, 10);
    expect_none(a);

    /* free_irq: a zeroed message writes target 0 */
    wr(a, target(10), 0);
    assert_int_equal(rd(a, target(10)), 0);
}

static void test_linux_level_flow(void **state) { linux_level_flow(*state, false); }
static void test_linux_level_flow_retrigger(void **state) { linux_level_flow(*state, true); }

/* A line already high when Linux configures the source is not lost, with or
 * without the driver's re-trigger after set_type. */
static void linux_line_high_at_setup(struct vaplic *a, bool retrigger)
{
    linux_probe(a, 63);
    vaplic_set_level(a, 7, true);
    linux_irq_setup(a, 7, LEVEL1, 2, 33, retrigger);
    expect_msi(a, 2, 0, 33);
    expect_none(a);
    linux_eoi(a, 7, LEVEL1);
    expect_msi(a, 2, 0, 33);
    vaplic_set_level(a, 7, false);
    linux_eoi(a, 7, LEVEL1);
    expect_none(a);
}

static void test_linux_line_high_at_setup(void **state) { linux_line_high_at_setup(*state, false); }
static void test_linux_line_high_at_setup_retrigger(void **state) { linux_line_high_at_setup(*state, true); }

static void test_linux_edge_flow(void **state)
{
    struct vaplic *a = *state;
    linux_probe(a, 63);
    linux_irq_setup(a, 40, EDGE1, 1, 100, false);
    vaplic_set_level(a, 40, true);
    expect_msi(a, 1, 0, 100);
    expect_none(a);
    linux_eoi(a, 40, EDGE1); /* nothing for edge */
    vaplic_set_level(a, 40, true);
    expect_none(a);
    vaplic_set_level(a, 40, false);
    expect_none(a);
    vaplic_set_level(a, 40, true);
    expect_msi(a, 1, 0, 100);
    /* edges while masked are kept (one pending bit), delivered on unmask */
    vaplic_set_level(a, 40, false);
    linux_mask(a, 40);
    vaplic_set_level(a, 40, true);
    vaplic_set_level(a, 40, false);
    vaplic_set_level(a, 40, true);
    expect_none(a);
    assert_int_equal(rd(a, setip(1)), 1u << 8);
    linux_unmask(a, 40);
    expect_msi(a, 1, 0, 100);
    expect_none(a);
}

/* ---- pending bits, per source mode ------------------------------------------ */

static void test_level_low_cannot_pend(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    wr(a, sourcecfg(5), LEVEL1);
    wr(a, target(5), 9);
    wr(a, SETIENUM, 5);
    wr(a, SETIPNUM, 5);
    wr(a, SETIPNUM_LE, 5);
    wr(a, setip(0), 1u << 5);
    assert_int_equal(rd(a, setip(0)), 0);
    expect_none(a);
    /* Level0: a low wire is an asserted interrupt */
    wr(a, sourcecfg(6), LEVEL0);
    wr(a, target(6), 10);
    assert_int_equal(rd(a, in_clrip(0)), 1u << 6);
    assert_int_equal(rd(a, setip(0)), 1u << 6); /* pended by the sourcecfg write */
    wr(a, SETIENUM, 6);
    expect_msi(a, 0, 0, 10);
    wr(a, SETIPNUM, 6);
    expect_msi(a, 0, 0, 10);
    vaplic_set_level(a, 6, true); /* de-asserted */
    wr(a, SETIPNUM, 6);
    expect_none(a);
    assert_int_equal(rd(a, in_clrip(0)), 0);
}

static void test_level_drop_clears_pending(void **state)
{
    struct vaplic *a = *state;
    wr(a, sourcecfg(2), LEVEL1);
    vaplic_set_level(a, 2, true);
    assert_int_equal(rd(a, setip(0)), 1u << 2);
    vaplic_set_level(a, 2, false);
    assert_int_equal(rd(a, setip(0)), 0);
    /* switching an edge source with a pending bit to level with a low wire */
    wr(a, sourcecfg(3), EDGE1);
    wr(a, SETIPNUM, 3);
    assert_int_equal(rd(a, setip(0)), 1u << 3);
    wr(a, sourcecfg(3), LEVEL1);
    assert_int_equal(rd(a, setip(0)), 0);
}

static void test_edge0_and_detached(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    vaplic_set_level(a, 8, true);
    wr(a, sourcecfg(8), EDGE0);
    wr(a, target(8), 80);
    wr(a, SETIENUM, 8);
    expect_none(a); /* configuring is no edge */
    vaplic_set_level(a, 8, true);
    expect_none(a);
    vaplic_set_level(a, 8, false); /* falling wire = rising rectified input */
    expect_msi(a, 0, 0, 80);
    vaplic_set_level(a, 8, true);
    expect_none(a);
    wr(a, SETIPNUM, 8); /* edge: software may always pend */
    expect_msi(a, 0, 0, 80);

    wr(a, sourcecfg(9), DETACHED);
    wr(a, target(9), 90);
    wr(a, SETIENUM, 9);
    vaplic_set_level(a, 9, true);
    vaplic_set_level(a, 9, false);
    vaplic_set_level(a, 9, true);
    expect_none(a);
    assert_int_equal(rd(a, in_clrip(0)), 0); /* detached: rectified input 0 */
    wr(a, SETIPNUM, 9);
    expect_msi(a, 0, 0, 90);
    wr(a, setip(0), 1u << 9);
    expect_msi(a, 0, 0, 90);
}

static void test_inactive_sources(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    /* never active */
    wr(a, target(4), 44);
    wr(a, SETIENUM, 4);
    wr(a, SETIPNUM, 4);
    wr(a, setie(0), 0xffffffff);
    wr(a, setip(0), 0xffffffff);
    vaplic_set_level(a, 4, true);
    assert_int_equal(rd(a, target(4)), 0);
    assert_int_equal(rd(a, setie(0)), 0);
    assert_int_equal(rd(a, setip(0)), 0);
    assert_int_equal(rd(a, in_clrip(0)), 0);
    expect_none(a);
    /* active, enabled, pending; then made inactive: all read zero */
    wr(a, DOMAINCFG, 0);
    wr(a, sourcecfg(4), EDGE1);
    wr(a, target(4), tgt(3, 1, 44));
    wr(a, SETIENUM, 4);
    wr(a, SETIPNUM, 4);
    assert_int_equal(rd(a, setip(0)), 1u << 4);
    wr(a, sourcecfg(4), INACTIVE);
    assert_int_equal(rd(a, sourcecfg(4)), 0);
    assert_int_equal(rd(a, setip(0)), 0);
    assert_int_equal(rd(a, setie(0)), 0);
    assert_int_equal(rd(a, target(4)), 0);
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    expect_none(a);
    /* active again: pending, enable and target start at zero */
    wr(a, sourcecfg(4), EDGE1);
    assert_int_equal(rd(a, target(4)), 0);
    assert_int_equal(rd(a, setie(0)), 0);
    /* D = 1 in a leaf domain sets the whole register to 0 */
    wr(a, sourcecfg(4), 0x400 | LEVEL1);
    assert_int_equal(rd(a, sourcecfg(4)), 0);
    /* reserved modes 2 and 3 leave the register as it was */
    wr(a, sourcecfg(4), EDGE0);
    wr(a, sourcecfg(4), 2);
    assert_int_equal(rd(a, sourcecfg(4)), EDGE0);
    wr(a, sourcecfg(4), 3);
    assert_int_equal(rd(a, sourcecfg(4)), EDGE0);
    /* only SM is kept */
    wr(a, sourcecfg(4), 0xfffff3f8 | LEVEL0);
    assert_int_equal(rd(a, sourcecfg(4)), LEVEL0);
}

static void test_sources_beyond_n(void **state)
{
    struct vaplic *a = *state;
    vaplic_init(a, 40);
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    for (uint32_t i = 41; i <= 1023; i++) {
        wr(a, sourcecfg(i), EDGE1);
        assert_int_equal(rd(a, sourcecfg(i)), 0);
        wr(a, target(i), 7);
        assert_int_equal(rd(a, target(i)), 0);
    }
    for (uint32_t i = 1; i <= 40; i++)
        wr(a, sourcecfg(i), EDGE1);
    wr(a, setie(0), 0xffffffff);
    wr(a, setie(1), 0xffffffff);
    wr(a, setie(2), 0xffffffff);
    assert_int_equal(rd(a, setie(0)), 0xfffffffe); /* no source 0 */
    assert_int_equal(rd(a, setie(1)), 0x1ff);      /* 32..40 */
    wr(a, clrie(0), 0xffffffff);
    wr(a, clrie(1), 0xffffffff);
    wr(a, setip(1), 0xffffffff);
    assert_int_equal(rd(a, setip(1)), 0x1ff);
    wr(a, in_clrip(1), 0xffffffff);
    wr(a, SETIPNUM, 41);
    wr(a, SETIENUM, 41);
    wr(a, SETIPNUM, 0);
    vaplic_set_level(a, 41, true);
    vaplic_set_level(a, 0, true);
    vaplic_set_level(a, 0xffffffff, true);
    assert_int_equal(rd(a, setip(1)), 0);
    assert_int_equal(rd(a, in_clrip(1)), 0);
    expect_none(a);
    /* nr_sources is clamped to 1..VAPLIC_MAX_SOURCES */
    vaplic_init(a, 0);
    assert_int_equal(a->nr_sources, 1);
    vaplic_init(a, 5000);
    assert_int_equal(a->nr_sources, VAPLIC_MAX_SOURCES);
    wr(a, sourcecfg(64), EDGE1);
    assert_int_equal(rd(a, sourcecfg(64)), 0);
}

/* ---- delivery ----------------------------------------------------------- */

static void test_ie_holds_msis(void **state)
{
    struct vaplic *a = *state;
    for (uint32_t i = 1; i <= 63; i++) {
        wr(a, sourcecfg(i), EDGE1);
        wr(a, target(i), tgt(i % 4, 0, 200 + i));
    }
    wr(a, setie(0), 0xffffffff);
    wr(a, setie(1), 0xffffffff);
    wr(a, SETIPNUM, 63);
    vaplic_set_level(a, 1, true);
    vaplic_set_level(a, 33, true);
    wr(a, setip(0), 1u << 20);
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 1u << 1 | 1u << 20);
    assert_int_equal(rd(a, setip(1)), 1u << 1 | 1u << 31);
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    expect_msi(a, 1, 0, 201); /* lowest source first */
    expect_msi(a, 0, 0, 220);
    expect_msi(a, 1, 0, 233);
    expect_msi(a, 3, 0, 263);
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 0);
    assert_int_equal(rd(a, setip(1)), 0);
    /* IE back to 0: new ones wait again */
    wr(a, DOMAINCFG, 0);
    wr(a, SETIPNUM, 2);
    expect_none(a);
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    expect_msi(a, 2, 0, 202);
}

static void test_clrip_clrie(void **state)
{
    struct vaplic *a = *state;
    for (uint32_t i = 1; i <= 10; i++) {
        wr(a, sourcecfg(i), i & 1 ? EDGE1 : DETACHED);
        wr(a, target(i), i);
    }
    wr(a, setip(0), 0x7fe);
    assert_int_equal(rd(a, setip(0)), 0x7fe);
    wr(a, in_clrip(0), 0x00c);
    assert_int_equal(rd(a, setip(0)), 0x7f2);
    wr(a, CLRIPNUM, 10);
    wr(a, CLRIPNUM, 11); /* inactive: ignored */
    assert_int_equal(rd(a, setip(0)), 0x3f2);
    wr(a, setie(0), 0x7fe);
    assert_int_equal(rd(a, setie(0)), 0x7fe);
    wr(a, clrie(0), 0x0f0);
    assert_int_equal(rd(a, setie(0)), 0x70e);
    assert_int_equal(rd(a, clrie(0)), 0);
    wr(a, CLRIENUM, 1);
    wr(a, SETIENUM, 4);
    assert_int_equal(rd(a, setie(0)), 0x71c);
    /* write-only number registers read 0 */
    assert_int_equal(rd(a, SETIPNUM), 0);
    assert_int_equal(rd(a, CLRIPNUM), 0);
    assert_int_equal(rd(a, SETIENUM), 0);
    assert_int_equal(rd(a, CLRIENUM), 0);
    assert_int_equal(rd(a, SETIPNUM_LE), 0);
    assert_int_equal(rd(a, SETIPNUM_BE), 0);
    /* pending 1,4,5,6,7,8,9 & enabled 2,3,4,8,9,10 */
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    expect_msi(a, 0, 0, 4);
    expect_msi(a, 0, 0, 8);
    expect_msi(a, 0, 0, 9);
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 0x0e2);
}

static void test_target_fields_and_changes(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    wr(a, sourcecfg(12), EDGE1);
    wr(a, SETIENUM, 12);
    wr(a, target(12), 0xffffffff);
    assert_int_equal(rd(a, target(12)), 0xfffff7ff); /* bit 11 reserved */
    wr(a, SETIPNUM, 12);
    expect_msi(a, 0x3fff, 0x3f, 0x7ff);
    wr(a, target(12), tgt(5, 2, 17));
    wr(a, SETIPNUM, 12);
    expect_msi(a, 5, 2, 17);
    /* the target at forwarding time counts, not the one when it pended */
    wr(a, DOMAINCFG, 0);
    wr(a, SETIPNUM, 12);
    wr(a, target(12), tgt(6, 0, 18));
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    expect_msi(a, 6, 0, 18);
    expect_none(a);
}

static void test_eiid_zero_goes_nowhere(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    wr(a, sourcecfg(1), EDGE1);
    wr(a, sourcecfg(2), EDGE1);
    wr(a, target(2), 22);
    wr(a, setie(0), 6);
    wr(a, setip(0), 6);
    expect_msi(a, 0, 0, 22); /* source 1 (EIID 0) forwarded to nobody */
    expect_none(a);
    assert_int_equal(rd(a, setip(0)), 0);
}

static void test_setipnum_be(void **state)
{
    struct vaplic *a = *state;
    wr(a, sourcecfg(0x21), DETACHED);
    wr(a, SETIPNUM_BE, 0x21); /* little-endian 0x21 is 0x21000000 big-endian */
    assert_int_equal(rd(a, setip(1)), 0);
    wr(a, SETIPNUM_BE, 0x21000000);
    assert_int_equal(rd(a, setip(1)), 2);
    wr(a, CLRIPNUM, 0x21);
    wr(a, SETIPNUM_LE, 0x21);
    assert_int_equal(rd(a, setip(1)), 2);
}

static void test_genmsi(void **state)
{
    struct vaplic *a = *state;
    wr(a, sourcecfg(3), EDGE1);
    wr(a, target(3), tgt(1, 0, 30));
    wr(a, SETIENUM, 3);
    wr(a, SETIPNUM, 3);
    wr(a, GENMSI, 0xffffffff);
    assert_int_equal(rd(a, GENMSI), 0xfffc17ff); /* hart, Busy, EIID */
    wr(a, GENMSI, tgt(2, 0, 5)); /* ignored while Busy */
    assert_int_equal(rd(a, GENMSI), 0xfffc17ff);
    expect_msi(a, 0x3fff, 0, 0x7ff); /* sent with IE = 0; source 3 is held */
    expect_none(a);
    assert_int_equal(rd(a, GENMSI), 0xfffc07ff);
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    wr(a, GENMSI, tgt(1, 7, 31)); /* no guest index in genmsi */
    expect_msi(a, 1, 0, 30);      /* earlier source MSIs go first */
    expect_msi(a, 1, 0, 31);
    expect_none(a);
    /* EIID 0: Busy clears, nothing sent */
    wr(a, GENMSI, tgt(1, 0, 0));
    assert_int_equal(rd(a, GENMSI), tgt(1, 0, 0) | 0x1000);
    expect_none(a);
    assert_int_equal(rd(a, GENMSI), tgt(1, 0, 0));
}

static void test_msiaddrcfg(void **state)
{
    struct vaplic *a = *state;
    wr(a, MMSICFG, 0x12345678);
    wr(a, MMSICFGH, 0x7fffffff);
    wr(a, SMSICFG, 0x9abcdef0);
    wr(a, SMSICFGH, 0xffffffff);
    assert_int_equal(rd(a, MMSICFG), 0x12345678);
    assert_int_equal(rd(a, MMSICFGH), 0x1f77ffff);
    assert_int_equal(rd(a, SMSICFG), 0x9abcdef0);
    assert_int_equal(rd(a, SMSICFGH), 0x00700fff);
    wr(a, MMSICFGH, 0x80000123); /* lock */
    wr(a, MMSICFG, 0);
    wr(a, MMSICFGH, 0);
    wr(a, SMSICFG, 0);
    wr(a, SMSICFGH, 0);
    assert_int_equal(rd(a, MMSICFG), 0x12345678);
    assert_int_equal(rd(a, MMSICFGH), 0x80000123);
    assert_int_equal(rd(a, SMSICFG), 0x9abcdef0);
    assert_int_equal(rd(a, SMSICFGH), 0x00700fff);
}

/* ---- several harts: one IMSIC guest file per vCPU ------------------------------ */

/* An SMP guest: Linux spreads its sources over the CPUs, each source's target
 * naming the hart of its affinity, and moves them (aplic_msi_write_msg
 * rewrites the target). Every MSI carries the hart it was aimed at. */
static void test_smp_targets(void **state)
{
    struct vaplic *a = *state;
    linux_probe(a, 63);
    for (uint32_t i = 1; i <= 16; i++)
        linux_irq_setup(a, i, EDGE1, (i - 1) % 8, 0x20 + i, false);
    for (uint32_t i = 16; i >= 1; i--)      /* raised in reverse: sent lowest source first */
        vaplic_set_level(a, i, true);
    for (uint32_t i = 1; i <= 16; i++) {
        struct vaplic_msi m;
        uint32_t v = 99;
        if (!vaplic_next_msi(a, &m))
            fail_msg("source %u: no MSI", i);
        assert_int_equal(m.eiid, 0x20 + i);
        assert_int_equal(m.hart_index, (i - 1) % 8);
        assert_int_equal(m.guest_index, 0);
        assert_true(vaplic_msi_vcpu(&m, 8, &v));
        assert_int_equal(v, (i - 1) % 8);
    }
    expect_none(a);

    /* affinity moves while the source is held pending: the target when it
     * is forwarded counts */
    wr(a, DOMAINCFG, DOMAINCFG_DM);
    vaplic_set_level(a, 3, false);
    vaplic_set_level(a, 3, true);
    expect_none(a);
    wr(a, target(3), tgt(7, 0, 0x40));
    wr(a, DOMAINCFG, DOMAINCFG_IE | DOMAINCFG_DM);
    expect_msi(a, 7, 0, 0x40);
    expect_none(a);

    /* a level source on vCPU 5: the EOI re-trigger goes to vCPU 5 too, and
     * after a move to vCPU 0 the next one goes there */
    linux_irq_setup(a, 20, LEVEL1, 5, 0x55, false);
    vaplic_set_level(a, 20, true);
    expect_msi(a, 5, 0, 0x55);
    linux_eoi(a, 20, LEVEL1);
    expect_msi(a, 5, 0, 0x55);
    wr(a, target(20), tgt(0, 0, 0x56));
    linux_eoi(a, 20, LEVEL1);
    expect_msi(a, 0, 0, 0x56);
    expect_none(a);

    /* genmsi to every hart, one at a time (Busy until it leaves) */
    for (uint32_t h = 0; h < 8; h++) {
        wr(a, GENMSI, tgt(h, 0, 0x100 + h));
        assert_int_equal(rd(a, GENMSI), tgt(h, 0, 0x100 + h) | 0x1000);
        expect_msi(a, h, 0, 0x100 + h);
        expect_none(a);
    }
}

/* The hart index Linux writes (irq-riscv-aplic-msi.c aplic_msi_write_msg,
 * with irq-riscv-imsic-state.c's defaults: hart-index-bits = ceil(log2 n),
 * no guest or group bits, base rounded down to 2^(bits + 12)) for the MSI
 * address of vCPU i's file in vmconfig's layout (base + i * 4 KiB, base
 * aligned to the power of two at or above n * 4 KiB) is i. */
static uint32_t linux_hart_index(uint64_t imsic_base, uint32_t n, uint64_t file_addr,
                                 bool *ppn_ok)
{
    uint32_t lhxw = 0;
    while ((1u << lhxw) < n)
        lhxw++;
    uint64_t base_ppn = (imsic_base & ~((1ull << (lhxw + 12)) - 1)) >> 12;
    uint64_t ppn = file_addr >> 12;
    *ppn_ok = (ppn & ~((1ull << lhxw) - 1)) == base_ppn;   /* its WARN_ON */
    return (uint32_t)(ppn & ((1ull << lhxw) - 1));
}

static void test_hart_index_is_vcpu(void **state)
{
    struct vaplic *a = *state;
    wr(a, DOMAINCFG, DOMAINCFG_IE);
    wr(a, sourcecfg(1), EDGE1);
    wr(a, SETIENUM, 1);
    for (uint32_t n = 1; n <= 8; n++) {
        uint64_t align = 0x1000;
        while (align < 0x1000ull * n)
            align <<= 1;
        uint64_t base = 0x28000000 + align;     /* aligned, not to more than it needs */
        for (uint32_t i = 0; i < n; i++) {
            bool ok;
            uint32_t h = linux_hart_index(base, n, base + 0x1000ull * i, &ok), v = 99;
            assert_true(ok);
            wr(a, target(1), tgt(h, 0, 7));
            wr(a, SETIPNUM, 1);
            struct vaplic_msi m;
            assert_true(vaplic_next_msi(a, &m));
            assert_true(vaplic_msi_vcpu(&m, n, &v));
            assert_int_equal(v, i);
            expect_none(a);
        }
    }
    /* why vmconfig refuses a base that is not aligned so: 2 vCPUs at
     * 0x28001000 would make vCPU 0's file hart index 1 */
    bool ok;
    assert_int_equal(linux_hart_index(0x28001000, 2, 0x28001000, &ok), 1);
}

static void test_msi_vcpu_edges(void **state)
{
    (void)state;
    struct vaplic_msi m = { 0, 0, 1 };
    uint32_t v = 99;
    assert_true(vaplic_msi_vcpu(&m, 1, &v));
    assert_int_equal(v, 0);
    m.hart_index = 7;
    assert_true(vaplic_msi_vcpu(&m, 8, &v));
    assert_int_equal(v, 7);
    v = 99;
    assert_false(vaplic_msi_vcpu(&m, 7, &v));   /* no vCPU 7 in a 7-vCPU VM */
    assert_int_equal(v, 99);                     /* untouched */
    m.hart_index = 8;
    assert_false(vaplic_msi_vcpu(&m, 8, &v));
    m.hart_index = 0x3fff;
    assert_false(vaplic_msi_vcpu(&m, 8, &v));
    m.hart_index = 1;
    m.guest_index = 1;                           /* a guest file of a guest's guest */
    assert_false(vaplic_msi_vcpu(&m, 8, &v));
    m.guest_index = 0;
    assert_false(vaplic_msi_vcpu(&m, 0, &v));
    assert_true(vaplic_msi_vcpu(&m, 2, &v));
    assert_int_equal(v, 1);
}

/* ---- bad and reserved accesses -------------------------------------------- */

static void test_bad_accesses(void **state)
{
    struct vaplic *a = *state;
    static const uint32_t good[] = {
        DOMAINCFG, 0x0004, 0x00f8, 0x0ffc, MMSICFG, SMSICFGH, 0x1c00, 0x1c7c, SETIPNUM,
        0x1d00, CLRIPNUM, 0x1e00, SETIENUM, 0x1f00, CLRIENUM, SETIPNUM_LE, SETIPNUM_BE,
        GENMSI, 0x3004, 0x30fc, 0x3ffc,
    };
    static const uint32_t sizes[] = { 0, 1, 2, 3, 5, 8, 16 };
    uint32_t v;
    unsigned rejected = 0;
    wr(a, sourcecfg(1), EDGE1);
    for (size_t g = 0; g < sizeof(good) / sizeof(good[0]); g++) {
        for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
            if (vaplic_read(a, good[g], sizes[s], &v) != -1)
                fail_msg("read %#x size %u accepted", good[g], sizes[s]);
            if (vaplic_write(a, good[g], sizes[s], 0xffffffff) != -1)
                fail_msg("write %#x size %u accepted", good[g], sizes[s]);
            rejected += 2;
        }
        for (uint32_t mis = 1; mis < 4; mis++) {
            if (vaplic_read(a, good[g] + mis, 4, &v) != -1)
                fail_msg("read %#x accepted", good[g] + mis);
            if (vaplic_write(a, good[g] + mis, 4, 0xffffffff) != -1)
                fail_msg("write %#x accepted", good[g] + mis);
            rejected += 2;
        }
    }
    static const uint32_t outside[] = {
        0x4000, 0x4004, 0x4018, 0x401c, 0x4020, 0x7ffc, 0x8000, 0xfffc, 0x10000,
        0x7ffffffc, 0xfffffffc,
    };
    for (size_t o = 0; o < sizeof(outside) / sizeof(outside[0]); o++) {
        if (vaplic_read(a, outside[o], 4, &v) != -1)
            fail_msg("read %#x accepted", outside[o]);
        if (vaplic_write(a, outside[o], 4, 1) != -1)
            fail_msg("write %#x accepted", outside[o]);
        rejected += 2;
    }
    /* none of them changed anything */
    assert_int_equal(rd(a, DOMAINCFG), 0x80000004);
    assert_int_equal(rd(a, sourcecfg(1)), EDGE1);
    assert_int_equal(rd(a, setip(0)), 0);
    assert_int_equal(rd(a, setie(0)), 0);
    assert_int_equal(rd(a, target(1)), 0);
    assert_int_equal(rd(a, GENMSI), 0);
    assert_int_equal(rd(a, MMSICFG), 0);
    expect_none(a);
    assert_true(rejected > 300);
}

static void test_reserved_offsets(void **state)
{
    struct vaplic *a = *state;
    for (uint32_t i = 1; i <= 63; i++)
        wr(a, sourcecfg(i), EDGE1);
    /* every word that is no register reads 0 and ignores writes */
    for (uint32_t off = 0x1000; off < 0x3000; off += 4) {
        bool reg = (off >= 0x1bc0 && off <= 0x1bcc) || (off >= 0x1c00 && off < 0x1c80) ||
                   off == SETIPNUM || (off >= 0x1d00 && off < 0x1d80) || off == CLRIPNUM ||
                   (off >= 0x1e00 && off < 0x1e80) || off == SETIENUM ||
                   (off >= 0x1f00 && off < 0x1f80) || off == CLRIENUM || off == SETIPNUM_LE ||
                   off == SETIPNUM_BE;
        if (reg)
            continue;
        wr(a, off, 0xffffffff);
        assert_int_equal(rd(a, off), 0);
    }
    for (uint32_t k = 0; k < 32; k++) {
        assert_int_equal(rd(a, setip(k)), 0);
        assert_int_equal(rd(a, setie(k)), 0);
    }
    assert_int_equal(rd(a, DOMAINCFG), 0x80000004);
    expect_none(a);
}

/* ---- randomized, against a reference model ----------------------------------- */

/* Per-source records and the spec's sentences, written without bitmaps. */
struct ref_src {
    uint32_t sm, target;
    bool wire, pend, en;
};

struct ref {
    uint32_t n;
    bool ie;
    struct ref_src s[1024];
    uint32_t genmsi_hart, genmsi_eiid;
    bool busy;
    uint32_t mcfg, mcfgh, scfg, scfgh;
};

static bool ref_active(const struct ref *r, uint32_t i)
{
    return i >= 1 && i <= r->n && r->s[i].sm != INACTIVE;
}

static bool ref_level(const struct ref *r, uint32_t i)
{
    return r->s[i].sm == LEVEL1 || r->s[i].sm == LEVEL0;
}

static bool ref_rect(const struct ref *r, uint32_t i)
{
    if (!ref_active(r, i))
        return false;
    switch (r->s[i].sm) {
    case EDGE1: case LEVEL1: return r->s[i].wire;
    case EDGE0: case LEVEL0: return !r->s[i].wire;
    default: return false;
    }
}

/* returns whether a level source was (re)pended by software */
static bool ref_setip(struct ref *r, uint32_t i)
{
    if (!ref_active(r, i))
        return false;
    if (ref_level(r, i) && !ref_rect(r, i))
        return false;
    bool retrig = ref_level(r, i) && !r->s[i].pend;
    r->s[i].pend = true;
    return retrig;
}

static void ref_clrip(struct ref *r, uint32_t i)
{
    if (ref_active(r, i))
        r->s[i].pend = false;
}

static void ref_sourcecfg(struct ref *r, uint32_t i, uint32_t v)
{
    if (i < 1 || i > r->n)
        return;
    uint32_t sm = (v & 0x400) ? 0 : v & 7;
    if (sm == 2 || sm == 3)
        return;
    r->s[i].sm = sm;
    if (sm == INACTIVE) {
        r->s[i].pend = r->s[i].en = false;
        r->s[i].target = 0;
    } else if (ref_level(r, i)) {
        r->s[i].pend = ref_rect(r, i);
    }
}

static void ref_set_level(struct ref *r, uint32_t i, bool level)
{
    if (i < 1 || i > r->n)
        return;
    bool was = ref_rect(r, i);
    r->s[i].wire = level;
    bool now = ref_rect(r, i);
    if (!was && now)
        r->s[i].pend = true;
    if (ref_level(r, i) && !now)
        r->s[i].pend = false;
}

static uint32_t ref_read(const struct ref *r, uint32_t off)
{
    if (off == DOMAINCFG)
        return 0x80000004u | (r->ie ? 0x100u : 0);
    if (off >= 0x4 && off <= 0xffc) {
        uint32_t i = off / 4;
        return i <= r->n ? r->s[i].sm : 0;
    }
    if (off == MMSICFG) return r->mcfg;
    if (off == MMSICFGH) return r->mcfgh;
    if (off == SMSICFG) return r->scfg;
    if (off == SMSICFGH) return r->scfgh;
    uint32_t v = 0;
    for (uint32_t b = 0; b < 32; b++) {
        uint32_t i = (off & 0x7f) / 4 * 32 + b;
        bool on = false;
        if (off >= 0x1c00 && off < 0x1c80)
            on = ref_active(r, i) && r->s[i].pend;
        else if (off >= 0x1d00 && off < 0x1d80)
            on = ref_rect(r, i);
        else if (off >= 0x1e00 && off < 0x1e80)
            on = ref_active(r, i) && r->s[i].en;
        v |= on ? 1u << b : 0;
    }
    if (off == GENMSI)
        return r->genmsi_hart << 18 | (r->busy ? 0x1000u : 0) | r->genmsi_eiid;
    if (off >= 0x3004 && off <= 0x3ffc) {
        uint32_t i = (off - 0x3000) / 4;
        return ref_active(r, i) ? r->s[i].target : 0;
    }
    return v;
}

/* returns whether the write re-pended a level source (a Linux-style EOI that hit) */
static bool ref_write(struct ref *r, uint32_t off, uint32_t v)
{
    bool retrig = false;
    if (off == DOMAINCFG)
        r->ie = (v & 0x100) != 0;
    else if (off >= 0x4 && off <= 0xffc)
        ref_sourcecfg(r, off / 4, v);
    else if (off >= MMSICFG && off <= SMSICFGH) {
        if (!(r->mcfgh >> 31)) {
            if (off == MMSICFG) r->mcfg = v;
            if (off == MMSICFGH) r->mcfgh = v & 0x9f77ffff;
            if (off == SMSICFG) r->scfg = v;
            if (off == SMSICFGH) r->scfgh = v & 0x00700fff;
        }
    } else if (off == SETIPNUM || off == SETIPNUM_LE)
        retrig = ref_setip(r, v);
    else if (off == SETIPNUM_BE)
        retrig = ref_setip(r, __builtin_bswap32(v));
    else if (off == CLRIPNUM)
        ref_clrip(r, v);
    else if (off == SETIENUM) {
        if (ref_active(r, v))
            r->s[v].en = true;
    } else if (off == CLRIENUM) {
        if (ref_active(r, v))
            r->s[v].en = false;
    } else if (off == GENMSI) {
        if (!r->busy) {
            r->busy = true;
            r->genmsi_hart = v >> 18;
            r->genmsi_eiid = v & 0x7ff;
        }
    } else if (off >= 0x3004 && off <= 0x3ffc) {
        uint32_t i = (off - 0x3000) / 4;
        if (ref_active(r, i))
            r->s[i].target = v & 0xfffff7ffu;
    } else {
        for (uint32_t b = 0; b < 32; b++) {
            uint32_t i = (off & 0x7f) / 4 * 32 + b;
            if (!(v >> b & 1))
                continue;
            if (off >= 0x1c00 && off < 0x1c80)
                retrig |= ref_setip(r, i);
            else if (off >= 0x1d00 && off < 0x1d80)
                ref_clrip(r, i);
            else if (off >= 0x1e00 && off < 0x1e80) {
                if (ref_active(r, i))
                    r->s[i].en = true;
            } else if (off >= 0x1f00 && off < 0x1f80) {
                if (ref_active(r, i))
                    r->s[i].en = false;
            }
        }
    }
    return retrig;
}

/* The model forwards eagerly: what the library must give, in order. */
static uint32_t ref_forward(struct ref *r, struct vaplic_msi *out)
{
    uint32_t n = 0;
    for (uint32_t i = 1; r->ie && i <= r->n; i++) {
        if (!(ref_active(r, i) && r->s[i].pend && r->s[i].en))
            continue;
        r->s[i].pend = false;
        uint32_t t = r->s[i].target;
        if (t & 0x7ff)
            out[n++] = (struct vaplic_msi){ t >> 18, (t >> 12) & 0x3f, t & 0x7ff };
    }
    if (r->busy) {
        r->busy = false;
        if (r->genmsi_eiid)
            out[n++] = (struct vaplic_msi){ r->genmsi_hart, 0, r->genmsi_eiid };
    }
    return n;
}

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}
static uint32_t rnd_n(uint32_t n) { return rnd() % n; }

/* A register offset: mostly ones that matter for sources 0..n+2. */
static uint32_t rnd_offset(uint32_t n)
{
    uint32_t i = rnd_n(n + 3), k = rnd_n(4) ? rnd_n(n / 32 + 2) : rnd_n(32);
    switch (rnd_n(20)) {
    case 0: return DOMAINCFG;
    case 1: case 2: return i ? sourcecfg(i) : 0x0ffc;
    case 3: return MMSICFG + 4 * rnd_n(4);
    case 4: return setip(k);
    case 5: case 6: return SETIPNUM;
    case 7: return in_clrip(k);
    case 8: return CLRIPNUM;
    case 9: return setie(k);
    case 10: return SETIENUM;
    case 11: return clrie(k);
    case 12: return CLRIENUM;
    case 13: case 14: return SETIPNUM_LE;
    case 15: return SETIPNUM_BE;
    case 16: return GENMSI;
    case 17: case 18: return i ? target(i) : 0x3ffc;
    default: return rnd_n(VAPLIC_SIZE / 4) * 4; /* anything, reserved words included */
    }
}

/* A value for off: a source number for the *num registers, a mode for sourcecfg. */
static uint32_t rnd_value(uint32_t off, uint32_t n)
{
    uint32_t num = rnd_n(8) ? rnd_n(n + 3) : rnd();
    switch (off) {
    case SETIPNUM: case SETIPNUM_LE: case CLRIPNUM: case SETIENUM: case CLRIENUM:
        return num;
    case SETIPNUM_BE:
        return rnd_n(4) ? __builtin_bswap32(num) : num;
    case DOMAINCFG:
        return rnd_n(4) ? 0x100 : rnd();
    case GENMSI:
        return rnd_n(2) ? tgt(rnd_n(8), rnd_n(64), rnd_n(2048)) : rnd();
    case MMSICFGH:
        return rnd_n(8) ? rnd() & 0x7fffffff : rnd();
    default:
        break;
    }
    if (off >= 0x4 && off <= 0xffc) {
        static const uint32_t modes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 6, 6, 0x400 };
        uint32_t m = modes[rnd_n(sizeof(modes) / sizeof(modes[0]))];
        return rnd_n(8) ? m : m | (rnd() & ~7u);
    }
    if (off >= 0x3004 && off <= 0x3ffc)
        return rnd_n(8) ? tgt(rnd_n(8), rnd_n(2), 1 + rnd_n(2047)) : rnd();
    return rnd_n(2) ? rnd() : 1u << rnd_n(32);
}

/* A rejected access: a wrong size, misaligned, or beyond the 16 KiB page. */
static void rnd_bad(uint32_t *off, uint32_t *size)
{
    static const uint32_t sizes[] = { 0, 1, 2, 3, 8 };
    *off = rnd_n(VAPLIC_SIZE / 4) * 4;
    *size = 4;
    switch (rnd_n(3)) {
    case 0: *size = sizes[rnd_n(5)]; break;
    case 1: *off |= 1 + rnd_n(3); break;
    default: *off = VAPLIC_SIZE + rnd_n(0x10000) * 4; break;
    }
}

static void check_all_registers(struct vaplic *a, const struct ref *r, uint64_t seed, int iter)
{
    for (uint32_t off = 0; off < VAPLIC_SIZE; off += 4) {
        uint32_t want = ref_read(r, off), got = rd(a, off);
        if (got != want)
            fail_msg("VAPLIC_SEED=%llu iter %d: register %#x reads %#x, model %#x",
                     (unsigned long long)seed, iter, off, got, want);
    }
}

static void test_random(void **state)
{
    struct vaplic *a = *state;
    const char *env = getenv("VAPLIC_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
    printf("test_random: VAPLIC_SEED=%llu\n", (unsigned long long)seed);
    rng_state = seed;

    static const uint32_t sizes[] = { 1, 31, 32, 33, 40, 63 };
    static struct ref r;
    unsigned msis = 0, retriggers = 0, rejected = 0, genmsis = 0, ops = 0, resets = 0;
    unsigned per_vcpu[8] = { 0 };
    const int iters = 60000;

    for (int iter = 0; iter < iters; iter++) {
        if (iter % 6000 == 0) {
            /* a new domain, set up the way Linux would, with random modes */
            uint32_t n = sizes[rnd_n(6)];
            vaplic_init(a, n);
            memset(&r, 0, sizeof(r));
            r.n = n;
            resets++;
            for (uint32_t i = 1; i <= n; i++) {
                bool lvl = rnd_n(2);
                vaplic_set_level(a, i, lvl);
                ref_set_level(&r, i, lvl);
            }
            linux_probe(a, n);
            for (uint32_t i = 0; i <= n; i += 32)
                ref_write(&r, clrie(i / 32), 0xffffffff);
            r.ie = true;
            for (uint32_t i = 1; i <= n; i++) {
                static const uint32_t modes[] = { EDGE1, EDGE0, LEVEL1, LEVEL0, DETACHED, INACTIVE };
                uint32_t sm = modes[rnd_n(6)], t = tgt(rnd_n(8), 0, 1 + rnd_n(255));
                linux_irq_setup(a, i, sm, t >> 18, t & 0x7ff, rnd_n(2));
                ref_sourcecfg(&r, i, sm);
                ref_write(&r, target(i), t);
                ref_write(&r, SETIENUM, i);
            }
        }

        struct vaplic_msi want[VAPLIC_MAX_SOURCES + 2], got;
        bool retrig = false;
        uint32_t p = rnd_n(100);
        if (p < 35) {
            /* a device line moves; level sources are mostly Linux-driven below */
            uint32_t i = rnd_n(r.n + 3);
            bool lvl = rnd_n(2);
            vaplic_set_level(a, i, lvl);
            ref_set_level(&r, i, lvl);
        } else if (p < 50) {
            /* Linux's EOI for a level source: setipnum_le */
            uint32_t i = 1 + rnd_n(r.n);
            wr(a, SETIPNUM_LE, i);
            retrig = ref_write(&r, SETIPNUM_LE, i);
        } else if (p < 85) {
            uint32_t off = rnd_offset(r.n), v = rnd_value(off, r.n);
            wr(a, off, v);
            retrig = ref_write(&r, off, v);
            genmsis += off == GENMSI;
        } else if (p < 93) {
            uint32_t off = rnd_offset(r.n);
            uint32_t want_v = ref_read(&r, off), got_v = rd(a, off);
            if (got_v != want_v)
                fail_msg("VAPLIC_SEED=%llu iter %d: read %#x = %#x, model %#x",
                         (unsigned long long)seed, iter, off, got_v, want_v);
        } else {
            uint32_t off, size, v = 0x5a5a5a5a;
            rnd_bad(&off, &size);
            if (rnd_n(2)) {
                if (vaplic_read(a, off, size, &v) != -1)
                    fail_msg("VAPLIC_SEED=%llu iter %d: read %#x size %u accepted",
                             (unsigned long long)seed, iter, off, size);
            } else if (vaplic_write(a, off, size, rnd()) != -1) {
                fail_msg("VAPLIC_SEED=%llu iter %d: write %#x size %u accepted",
                         (unsigned long long)seed, iter, off, size);
            }
            rejected++;
        }
        ops++;

        uint32_t nw = ref_forward(&r, want), ng = 0;
        while (vaplic_next_msi(a, &got)) {
            if (ng >= nw)
                fail_msg("VAPLIC_SEED=%llu iter %d: extra MSI eiid %u hart %u guest %u",
                         (unsigned long long)seed, iter, got.eiid, got.hart_index,
                         got.guest_index);
            if (got.eiid != want[ng].eiid || got.hart_index != want[ng].hart_index ||
                got.guest_index != want[ng].guest_index)
                fail_msg("VAPLIC_SEED=%llu iter %d: MSI %u is eiid %u hart %u guest %u, "
                         "model eiid %u hart %u guest %u",
                         (unsigned long long)seed, iter, ng, got.eiid, got.hart_index,
                         got.guest_index, want[ng].eiid, want[ng].hart_index,
                         want[ng].guest_index);
            uint32_t v = 99;
            bool mine = vaplic_msi_vcpu(&got, 8, &v);
            if (mine != (got.guest_index == 0 && got.hart_index < 8) || (mine && v != got.hart_index))
                fail_msg("VAPLIC_SEED=%llu iter %d: vaplic_msi_vcpu(hart %u guest %u) = %d, vcpu %u",
                         (unsigned long long)seed, iter, got.hart_index, got.guest_index, mine, v);
            if (mine)
                per_vcpu[v]++;
            ng++;
            if (ng > VAPLIC_MAX_SOURCES + 1)
                fail_msg("VAPLIC_SEED=%llu iter %d: drain does not end",
                         (unsigned long long)seed, iter);
        }
        if (ng != nw)
            fail_msg("VAPLIC_SEED=%llu iter %d: %u MSIs, model %u",
                     (unsigned long long)seed, iter, ng, nw);
        msis += ng;
        /* a software re-pend of a level source that went out as an MSI */
        if (retrig && nw)
            retriggers++;
        if (iter % 3000 == 2999)
            check_all_registers(a, &r, seed, iter);
    }
    printf("test_random: %u ops, %u domains, %u MSIs, %u level re-triggers, %u genmsi writes, "
           "%u rejected accesses\n", ops, resets, msis, retriggers, genmsis, rejected);
    printf("test_random: MSIs per vCPU 0..7:");
    for (int v = 0; v < 8; v++)
        printf(" %u", per_vcpu[v]);
    printf("\n");
    for (int v = 0; v < 8; v++)
        if (per_vcpu[v] < 100)
            fail_msg("VAPLIC_SEED=%llu: vCPU %d got %u MSIs (floor 100)",
                     (unsigned long long)seed, v, per_vcpu[v]);
    if (msis < 3000 || retriggers < 400 || rejected < 2000 || genmsis < 200)
        fail_msg("VAPLIC_SEED=%llu: floors not reached (MSIs %u >= 3000, level re-triggers "
                 "%u >= 400, rejected %u >= 2000, genmsi %u >= 200)",
                 (unsigned long long)seed, msis, retriggers, rejected, genmsis);
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_reset),
        T(test_domaincfg),
        T(test_linux_probe),
        T(test_linux_level_flow),
        T(test_linux_level_flow_retrigger),
        T(test_linux_line_high_at_setup),
        T(test_linux_line_high_at_setup_retrigger),
        T(test_linux_edge_flow),
        T(test_level_low_cannot_pend),
        T(test_level_drop_clears_pending),
        T(test_edge0_and_detached),
        T(test_inactive_sources),
        T(test_sources_beyond_n),
        T(test_ie_holds_msis),
        T(test_clrip_clrie),
        T(test_target_fields_and_changes),
        T(test_eiid_zero_goes_nowhere),
        T(test_setipnum_be),
        T(test_genmsi),
        T(test_msiaddrcfg),
        T(test_smp_targets),
        T(test_hart_index_is_vcpu),
        T(test_msi_vcpu_edges),
        T(test_bad_accesses),
        T(test_reserved_offsets),
        T(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
