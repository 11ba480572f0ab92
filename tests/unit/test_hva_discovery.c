/* hva_hw_init (hypervisor/core/hva_hw.c) finds the HVA where the board
 * description says it may be: the host device tree's "chipvisor,hva" node
 * (register block, interrupt, guest lines; sim/hva-device/README.md), else the
 * co-simulation mailbox when asked, else none; and says which in one line.
 * The device is a register file in host memory behind the real MMIO
 * transport (hva_mmio.c: plain loads and stores); the device trees are built
 * with libfdt; the mailbox transport and the console are faked here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "cosim_mailbox.h"
#include "hva_hw.h"
#include "hva_regs.h"
#include "hva_transport.h"
#include "platform.h"

const struct platform platform = {
    .name = "test",
    .hva = { .compatible = "chipvisor,hva", .mailbox = true, .hgei_prop = "chipvisor,guest-lines" },
};

/* ---- the console: the last line logged ---- */
static char last_log[512];

void hv_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_log, sizeof(last_log), fmt, ap);
    va_end(ap);
}

int hv_snprintf(char *buf, uint64_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- the device: a register file (1 MiB, as HVA_REGS_SIZE) ---- */
static uint32_t *regs;

static void device_reset(uint32_t id)
{
    memset(regs, 0, HVA_REGS_SIZE);
    regs[HVA_ID_OFFSET / 4] = id;
    regs[HVA_CAP0_OFFSET / 4] = 16 | 4 << 16 | 8 << 24;
    regs[HVA_CAP2_OFFSET / 4] = 1u << 16;                   /* a VIC */
    regs[HVA_CAP3_OFFSET / 4] = 4 | 32 << 8 | 32 << 16;     /* 4 guests, 32 ids, 32 sources */
}

#define GOOD_ID ((uint32_t)HVA_MAGIC << 16 | HVA_VERSION)

/* ---- the mailbox, faked: answers from the same register file ---- */
static bool mailbox_up;
static uint64_t mailbox_asked_at;

static uint32_t mb_read32(void *ctx, uint32_t off) { (void)ctx; return regs[off / 4]; }
static void mb_write32(void *ctx, uint32_t off, uint32_t v) { (void)ctx; regs[off / 4] = v; }
static uint32_t mb_guest_eip(void) { return 0x5; }

static const struct hva_transport fake_mailbox = {
    .name = "co-simulated",
    .io = { mb_read32, mb_write32, NULL, NULL },
    .guest_eip = mb_guest_eip,
};

const struct hva_transport *hva_mailbox_transport(uint64_t mailbox_hpa)
{
    mailbox_asked_at = mailbox_hpa;
    return mailbox_up ? &fake_mailbox : NULL;
}

/* ---- host device trees ---- */
static char dtb[8192];

/* a tree with a UART under /soc (a `reg` in a node that is not the HVA) and,
 * when `hva`, the HVA's node with `compat` and guest lines <first count> */
static const void *tree(bool hva, const char *compat, uint32_t compat_len, uint32_t first, uint32_t count)
{
    assert_int_equal(fdt_create_empty_tree(dtb, sizeof(dtb)), 0);
    int soc = fdt_add_subnode(dtb, 0, "soc");
    int uart = fdt_add_subnode(dtb, soc, "serial@10000000");
    fdt32_t ureg[4] = { 0, cpu_to_fdt32(0x10000000), 0, cpu_to_fdt32(0x100) };
    assert_int_equal(fdt_setprop_string(dtb, uart, "compatible", "ns16550a"), 0);
    assert_int_equal(fdt_setprop(dtb, uart, "reg", ureg, sizeof(ureg)), 0);
    if (hva) {
        uint64_t a = (uintptr_t)regs;
        int n = fdt_add_subnode(dtb, soc, "hva@10200000");
        fdt32_t reg[4] = { cpu_to_fdt32(a >> 32), cpu_to_fdt32((uint32_t)a), 0, cpu_to_fdt32(HVA_REGS_SIZE) };
        fdt32_t irqs[2] = { cpu_to_fdt32(12), cpu_to_fdt32(13) };
        fdt32_t lines[2] = { cpu_to_fdt32(first), cpu_to_fdt32(count) };
        assert_int_equal(fdt_setprop(dtb, n, "compatible", compat, compat_len), 0);
        assert_int_equal(fdt_setprop(dtb, n, "reg", reg, sizeof(reg)), 0);
        assert_int_equal(fdt_setprop(dtb, n, "interrupts", irqs, sizeof(irqs)), 0);
        assert_int_equal(fdt_setprop(dtb, n, "chipvisor,guest-lines", lines, sizeof(lines)), 0);
    }
    assert_int_equal(fdt_pack(dtb), 0);
    return dtb;
}

#define RAM_END 0x90000000UL

static int setup(void **state)
{
    (void)state;
    device_reset(GOOD_ID);
    mailbox_up = false;
    mailbox_asked_at = 0;
    last_log[0] = 0;
    return 0;
}

static void test_device_in_tree(void **state)
{
    (void)state;
    static const char compat[] = "vendor,other\0chipvisor,hva";   /* a list: any entry counts */
    assert_int_equal(hva_hw_init(tree(true, compat, sizeof(compat), 1, 4), false, -1, RAM_END), 0);
    assert_true(hva_hw_present());
    assert_non_null(strstr(last_log, "from the device tree, irq 12"));
    assert_non_null(strstr(last_log, "outputs on hgeip 1..4"));
    assert_non_null(strstr(last_log, "walker serves translations"));
    assert_int_equal(hva_hw_vic_guests(), 4);
    /* the guest files' pages where the harts see them, and their lines */
    assert_int_equal(hva_hw_vic_guest_hpa(2), (uintptr_t)regs + HVA_VIC_GUEST_OFFSET + 2 * HVA_VIC_GUEST_STRIDE);
    assert_int_equal(hva_hw_vic_guest_hpa(4), 0);
    assert_int_equal(hva_hw_vic_hgei(0), 1);
    assert_int_equal(hva_hw_vic_hgei(3), 4);
    assert_int_equal(hva_hw_vic_lines(), 0x1e);
    assert_false(hva_hw_drives_sources());       /* the machine's wires are the sources */
    assert_true(hva_hw_walker_on());
    /* registers are plain loads and stores */
    uint32_t v = 0;
    assert_true(hva_hw_read(HVA_ID_OFFSET, &v));
    assert_int_equal(v, GOOD_ID);
    assert_true(hva_hw_write(HVA_VIC_HYP_OFFSET + 0x10, 0x3));
    assert_int_equal(regs[(HVA_VIC_HYP_OFFSET + 0x10) / 4], 0x3);
    /* with GUEST_EIP a register, not a mailbox word */
    regs[VIC_HYP_GUEST_EIP_OFFSET / 4] = 0x9;
    assert_int_equal(hva_hw_guest_eip(), 0x9);
}

static void test_lines_after_imsic_files(void **state)
{
    (void)state;
    static const char compat[] = "chipvisor,hva";
    hva_hw_init(tree(true, compat, sizeof(compat), 5, 4), false, 0, RAM_END);
    assert_int_equal(hva_hw_vic_hgei(0), 5);
    assert_int_equal(hva_hw_vic_lines(), 0x1e0);
    assert_false(hva_hw_walker_on());            /* chipvisor.hva.walker=off */
}

static void test_device_wins_over_mailbox(void **state)
{
    (void)state;
    static const char compat[] = "chipvisor,hva";
    mailbox_up = true;
    assert_int_equal(hva_hw_init(tree(true, compat, sizeof(compat), 1, 4), true, -1, RAM_END), 0);
    assert_int_equal(mailbox_asked_at, 0);
    assert_non_null(strstr(last_log, "device at"));
}

static void test_mailbox_when_asked(void **state)
{
    (void)state;
    mailbox_up = true;
    assert_int_equal(hva_hw_init(tree(false, NULL, 0, 0, 0), true, -1, RAM_END), COSIM_MAILBOX_SIZE);
    assert_int_equal(mailbox_asked_at, RAM_END - COSIM_MAILBOX_SIZE);
    assert_true(hva_hw_present());
    assert_non_null(strstr(last_log, "co-simulated, mailbox 0x8fff0000"));
    assert_non_null(strstr(last_log, "outputs polled"));
    assert_non_null(strstr(last_log, "walker off"));
    /* nothing the harts could map, no lines: claims are forwarded, outputs polled */
    assert_int_equal(hva_hw_vic_guest_hpa(0), 0);
    assert_int_equal(hva_hw_vic_hgei(0), 0);
    assert_int_equal(hva_hw_vic_lines(), 0);
    assert_int_equal(hva_hw_guest_eip(), 0x5);
    assert_false(hva_hw_walker_on());
}

static void test_mailbox_silent(void **state)
{
    (void)state;
    assert_int_equal(hva_hw_init(tree(false, NULL, 0, 0, 0), true, -1, RAM_END), COSIM_MAILBOX_SIZE);
    assert_false(hva_hw_present());
    assert_int_equal(hva_hw_vic_guests(), 0);
}

static void test_none(void **state)
{
    (void)state;
    assert_int_equal(hva_hw_init(tree(false, NULL, 0, 0, 0), false, 1, RAM_END), 0);
    assert_false(hva_hw_present());
    assert_false(hva_hw_walker_on());
    assert_non_null(strstr(last_log, "HVA: none"));
    assert_non_null(strstr(last_log, "software paths"));
    uint32_t v;
    assert_false(hva_hw_read(0, &v));
}

static void test_not_an_hva(void **state)
{
    (void)state;
    static const char compat[] = "chipvisor,hva";
    device_reset(0x12345678);
    assert_int_equal(hva_hw_init(tree(true, compat, sizeof(compat), 1, 4), false, -1, RAM_END), 0);
    assert_false(hva_hw_present());
    assert_non_null(strstr(last_log, "HVA: none"));
}

int main(void)
{
    regs = aligned_alloc(4096, HVA_REGS_SIZE);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_device_in_tree, setup),
        cmocka_unit_test_setup(test_lines_after_imsic_files, setup),
        cmocka_unit_test_setup(test_device_wins_over_mailbox, setup),
        cmocka_unit_test_setup(test_mailbox_when_asked, setup),
        cmocka_unit_test_setup(test_mailbox_silent, setup),
        cmocka_unit_test_setup(test_none, setup),
        cmocka_unit_test_setup(test_not_an_hva, setup),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    free(regs);
    return failed;
}
