/* SBI dispatch (hypervisor/core/sbi_guest.c) on the host: each call is made
 * the way a guest's ecall arrives (a7/a6/a0..a5 in the saved registers), and
 * the answer (a0/a1, sepc) and the effect on the VM are checked against the
 * SBI v2.0 spec. The VM operations below are recording fakes; guest buffer
 * checks (vm_mem.c, through real Sv39x4 G-stage tables and the xlate
 * walker) and the input ring (input.c) are the real code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "console.h"
#include "sbi_defs.h"
#include "sbi_guest.h"
#include "vm.h"
#include "xlate/xlate.h"

/* ---- fakes of the hypervisor around the SBI layer ---- */
struct vm vms[MAX_VMS];
uint32_t vm_count;

static char console_out[16384];
static size_t console_len;
static uint64_t timer_set_to;
static int soft_irqs, fences_i, tlb_flushes, resets;
static enum vm_outcome stopped_with;
static bool irq_pending;

void console_write_from(const char *name, uint8_t ch)
{
    (void)name;
    if (console_len < sizeof(console_out) - 1)
        console_out[console_len++] = (char)ch;
}
void hv_printf(const char *fmt, ...) { (void)fmt; }
int console_getc(void) { return -1; }
void vm_input_feed_uart(struct vm *vm) { (void)vm; }
void vm_set_timer(struct vm *vm, uint64_t when) { (void)vm; timer_set_to = when; }
void vm_raise_soft_irq(struct vm *vm) { (void)vm; soft_irqs++; }
void vm_fence_i(struct vm *vm) { (void)vm; fences_i++; }
void vm_flush_guest_tlb(struct vm *vm) { (void)vm; tlb_flushes++; }
bool vm_irq_pending(const struct vm *vm) { (void)vm; return irq_pending; }
uint32_t vm_irq_backend(const struct vm *vm) { (void)vm; return SBI_CHIPVISOR_IRQ_AIA; }
void vm_stop(struct vm *vm, enum vm_outcome outcome, const char *why)
{
    (void)why;
    vm->state = VM_STOPPED;
    stopped_with = outcome;
}
void vm_reset(struct vm *vm) { vm->regs.sepc = vm->cfg->image_gpa; resets++; }

/* host memory for the walker: plain pointers on the host */
static int host_read64(void *ctx, uint64_t hpa, uint64_t *val)
{
    (void)ctx;
    *val = *(uint64_t *)(uintptr_t)hpa;
    return 0;
}
static int host_cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    (void)ctx;
    *old = *(uint64_t *)(uintptr_t)hpa;
    if (*old == expect)
        *(uint64_t *)(uintptr_t)hpa = desired;
    return 0;
}
const struct xlate_mem host_mem = { host_read64, host_cas64, NULL };

/* ---- a VM with 1 MiB of "RAM" at GPA 0x80000000, mapped with 4 KiB G-stage
 * pages (Sv39x4), but for one page left out and one read-only ---- */
#define RAM_GPA 0x80000000UL
#define RAM_SIZE 0x100000UL
#define HOLE_PAGE 200
#define RO_PAGE 255
static uint8_t ram[RAM_SIZE] __attribute__((aligned(4096)));
static uint64_t g_root[2048] __attribute__((aligned(16384)));
static uint64_t g_l1[512] __attribute__((aligned(4096)));
static uint64_t g_l0[512] __attribute__((aligned(4096)));

static uint64_t build_gstage(void)
{
    const uint64_t nonleaf = XLATE_PTE_V;
    const uint64_t rw = XLATE_PTE_V | XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_U | XLATE_PTE_A | XLATE_PTE_D;
    memset(g_root, 0, sizeof(g_root));
    memset(g_l1, 0, sizeof(g_l1));
    memset(g_l0, 0, sizeof(g_l0));
    g_root[RAM_GPA >> 30] = xlate_make_pte((uintptr_t)g_l1 >> 12, nonleaf);
    g_l1[(RAM_GPA >> 21) & 511] = xlate_make_pte((uintptr_t)g_l0 >> 12, nonleaf);
    for (unsigned i = 0; i < RAM_SIZE / 4096; i++) {
        if (i == HOLE_PAGE)
            continue;
        uint64_t flags = i == RO_PAGE ? (rw & ~(XLATE_PTE_W | XLATE_PTE_D)) : rw;
        g_l0[i] = xlate_make_pte(((uintptr_t)ram >> 12) + i, flags);
    }
    return xlate_make_hgatp(XLATE_HGATP_MODE_SV39X4, 1, (uintptr_t)g_root >> 12);
}
static const struct vm_config cfg = {
    .name = "t", .ram_gpa = RAM_GPA, .ram_size = RAM_SIZE, .image_gpa = RAM_GPA,
};
static struct vm *vm = &vms[0];

static int setup(void **state)
{
    (void)state;
    memset(vm, 0, sizeof(*vm));
    vm->cfg = &cfg;
    vm->ram_hpa = (uint64_t)(uintptr_t)ram;
    vm->csr.hgatp = build_gstage();
    vm->state = VM_RUNNABLE;
    vm_count = 1;
    console_len = 0;
    memset(console_out, 0, sizeof(console_out));
    timer_set_to = 0;
    soft_irqs = fences_i = tlb_flushes = resets = 0;
    stopped_with = VM_OUTCOME_RUNNING;
    irq_pending = false;
    return 0;
}

#define SEPC0 0x80001000UL

/* makes the call; returns a0 (error) and sets *value to a1 */
static long call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2, long *value)
{
    vm->regs.sepc = SEPC0;
    vm->regs.x[17] = ext;
    vm->regs.x[16] = fid;
    vm->regs.x[10] = a0;
    vm->regs.x[11] = a1;
    vm->regs.x[12] = a2;
    sbi_guest_ecall(vm);
    if (value)
        *value = (long)vm->regs.x[11];
    return (long)vm->regs.x[10];
}

static void test_base(void **state)
{
    (void)state;
    long v;
    assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, &v), 0);
    assert_int_equal(v >> 24, 2);                       /* major 2 */
    assert_int_equal(v & 0xffffff, 0);                  /* minor 0 */
    assert_int_equal(vm->regs.sepc, SEPC0 + 4);         /* steps over the ecall */
    const uint64_t present[] = { SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE,
                                 SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN, 0x00, 0x01, 0x02, 0x08 };
    for (size_t i = 0; i < sizeof(present) / sizeof(present[0]); i++) {
        assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, present[i], 0, 0, &v), 0);
        assert_int_equal(v, 1);
    }
    const uint64_t absent[] = { 0x03, 0x04, 0x05, 0x06, 0x07, 0x09, 0x504D55, 0x4E41434C, 0xdeadbeef };
    for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, absent[i], 0, 0, &v), 0);
        assert_int_equal(v, 0);
    }
    assert_int_equal(call(SBI_EXT_BASE, 99, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_MVENDORID, 0, 0, 0, &v), 0);
    /* chipvisor's own extension: the VM's trap count */
    vm->stats.traps = 41;
    assert_int_equal(call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_TRAP_COUNT, 0, 0, 0, &v), 0);
    assert_int_equal(v, 41);
    assert_int_equal(call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_IRQ_BACKEND, 0, 0, 0, &v), 0);
    assert_int_equal(v, SBI_CHIPVISOR_IRQ_AIA);
    assert_int_equal(call(SBI_EXT_CHIPVISOR, 9, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
}

static void test_unknown_extension(void **state)
{
    (void)state;
    assert_int_equal(call(0x4E41434C, 0, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);   /* NACL */
    assert_int_equal(vm->regs.sepc, SEPC0 + 4);
    assert_int_equal(call(0x504D55, 0, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);     /* PMU */
    assert_int_equal(call(SBI_EXT_TIME, 1, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call(SBI_EXT_DBCN, 3, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(vm->state, VM_RUNNABLE);
}

static void test_time_and_ipi(void **state)
{
    (void)state;
    assert_int_equal(call(SBI_EXT_TIME, 0, 123456, 0, 0, NULL), 0);
    assert_int_equal(timer_set_to, 123456);
    assert_int_equal(call(SBI_EXT_LEGACY_SET_TIMER, 0, 777, 0, 0, NULL), 0);
    assert_int_equal(timer_set_to, 777);
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, 0, 0, NULL), 0);
    assert_int_equal(soft_irqs, 1);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0, ~0UL, 0, NULL), 0);     /* all harts */
    assert_int_equal(soft_irqs, 2);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0, 0, 0, NULL), 0);        /* empty mask: nothing */
    assert_int_equal(soft_irqs, 2);
    assert_int_equal(call(SBI_EXT_IPI, 0, 2, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, 1, 0, NULL), SBI_ERR_INVALID_PARAM);  /* hart 1 */
    assert_int_equal(soft_irqs, 2);
}

static void test_rfence(void **state)
{
    (void)state;
    assert_int_equal(call(SBI_EXT_RFENCE, 0, 1, 0, 0, NULL), 0);
    assert_int_equal(fences_i, 1);
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 1, 0, 0, NULL), 0);
    assert_int_equal(call(SBI_EXT_RFENCE, 2, 0, ~0UL, 0, NULL), 0);
    assert_int_equal(tlb_flushes, 2);
    for (uint64_t fid = 3; fid <= 6; fid++)
        assert_int_equal(call(SBI_EXT_RFENCE, fid, 1, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 8, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(tlb_flushes, 2);
}

static void test_hsm(void **state)
{
    (void)state;
    long v;
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 0, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STATE_STARTED);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 3, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 0, RAM_GPA, 0, NULL),
                     SBI_ERR_ALREADY_AVAILABLE);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 1, RAM_GPA, 0, NULL), SBI_ERR_INVALID_PARAM);
    /* retentive suspend: the vCPU waits for an interrupt, then returns success */
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0, 0, 0, NULL), 0);
    assert_int_equal(vm->state, VM_IDLE);
    vm->state = VM_RUNNABLE;
    irq_pending = true;
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0, 0, 0, NULL), 0);
    assert_int_equal(vm->state, VM_RUNNABLE);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x80000000UL, 0, 0, NULL),
                     SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x1234, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    /* stopping the only hart stops the VM; the guest's registers are left alone */
    call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, NULL);
    assert_int_equal(vm->state, VM_STOPPED);
    assert_int_equal(vm->regs.sepc, SEPC0);
}

static void test_srst(void **state)
{
    (void)state;
    assert_int_equal(call(SBI_EXT_SRST, 0, 3, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_SRST, 0, 0, 2, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_SRST, 1, 0, 0, 0, NULL), SBI_ERR_NOT_SUPPORTED);
    assert_int_equal(vm->state, VM_RUNNABLE);
    call(SBI_EXT_SRST, 0, SBI_SRST_COLD_REBOOT, 0, 0, NULL);
    assert_int_equal(resets, 1);
    assert_int_equal(vm->regs.sepc, RAM_GPA);           /* restarted, not returned to */
    call(SBI_EXT_SRST, 0, SBI_SRST_WARM_REBOOT, 0xE0000001UL, 0, NULL);   /* vendor reason */
    assert_int_equal(resets, 2);
    call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, SBI_SRST_REASON_FAILURE, 0, NULL);
    assert_int_equal(vm->state, VM_STOPPED);
    assert_int_equal(stopped_with, VM_OUTCOME_FAIL);
    setup(NULL);
    call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, SBI_SRST_REASON_NONE, 0, NULL);
    assert_int_equal(stopped_with, VM_OUTCOME_PASS);
    setup(NULL);
    call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, NULL);
    assert_int_equal(vm->state, VM_STOPPED);
}

static void test_dbcn(void **state)
{
    (void)state;
    long v;
    memcpy(ram + 0x100, "hello", 5);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 5, RAM_GPA + 0x100, 0, &v), 0);
    assert_int_equal(v, 5);
    assert_string_equal(console_out, "hello");
    /* the buffer must lie wholly in the VM's RAM */
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 5, 0x1000, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 16, RAM_GPA + RAM_SIZE - 8, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 8, RAM_GPA + RAM_SIZE - 8, 0, NULL), 0);
    /* a page the G-stage does not map, in the middle of the buffer */
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 3 * 4096, RAM_GPA + (HOLE_PAGE - 1) * 4096UL, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 2 * 4096, RAM_GPA + (HOLE_PAGE + 1) * 4096UL, 0, &v), 0);
    assert_int_equal(v, 2 * 4096);
    /* reading input into a page the guest may only read is refused */
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, 4, RAM_GPA + RO_PAGE * 4096UL, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, ~0UL, RAM_GPA, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 1, RAM_GPA, 1, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 1, RAM_GPA - 1, 0, NULL), SBI_ERR_INVALID_PARAM);
    size_t before = console_len;
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, 'x', 0, 0, NULL), 0);
    assert_int_equal(console_len, before + 1);
    assert_int_equal(console_out[before], 'x');
    /* read takes what the console input ring holds, no more than asked */
    vm_input_push(vm, 'a');
    vm_input_push(vm, 'b');
    vm_input_push(vm, 'c');
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, 2, RAM_GPA + 0x200, 0, &v), 0);
    assert_int_equal(v, 2);
    assert_memory_equal(ram + 0x200, "ab", 2);
    assert_int_equal(call(SBI_EXT_LEGACY_CONSOLE_GETCHAR, 0, 0, 0, 0, NULL), 'c');
    assert_int_equal(call(SBI_EXT_LEGACY_CONSOLE_GETCHAR, 0, 0, 0, 0, NULL), -1);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, 4, RAM_GPA + 0x200, 0, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, 4, RAM_GPA + RAM_SIZE, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_LEGACY_CONSOLE_PUTCHAR, 0, 'z', 0, 0, NULL), 0);
    assert_int_equal(console_out[console_len - 1], 'z');
}

static void test_input_ring_keeps_what_does_not_fit(void **state)
{
    (void)state;
    int pushed = 0;
    while (vm_input_push(vm, (uint8_t)pushed))
        pushed++;
    assert_int_equal(pushed, VM_INPUT_RING - 1);
    for (int i = 0; i < pushed; i++)
        assert_int_equal(vm_input_pop(vm), (uint8_t)i);
    assert_int_equal(vm_input_pop(vm), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_base, setup),
        cmocka_unit_test_setup(test_unknown_extension, setup),
        cmocka_unit_test_setup(test_time_and_ipi, setup),
        cmocka_unit_test_setup(test_rfence, setup),
        cmocka_unit_test_setup(test_hsm, setup),
        cmocka_unit_test_setup(test_srst, setup),
        cmocka_unit_test_setup(test_dbcn, setup),
        cmocka_unit_test_setup(test_input_ring_keeps_what_does_not_fit, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
