/* SBI dispatch (hypervisor/core/sbi/, one file per extension) on the host:
 * each call is made the way a guest's ecall arrives (a7/a6/a0..a5 in the
 * saved registers), and the answer (a0/a1, sepc) and the effect on the VM are
 * checked against the SBI v2.0 spec, for a one-vCPU VM and for a 4-vCPU VM
 * (hart masks, HSM of the other harts). The vCPU operations below are
 * recording fakes; guest buffer checks (vm_mem.c, through real Sv39x4 G-stage
 * tables and the xlate walker) and the input ring (vm_input.c) are the real code. */
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
#include "devices.h"
#include "fence.h"
#include "irq_backend.h"
#include "vcpu.h"
#include "vm_input.h"
#include "xlate/xlate.h"

/* ---- fakes of the hypervisor around the SBI layer ---- */
struct vm vms[MAX_VMS];
uint32_t vm_count;

static char console_out[16384];
static size_t console_len, console_total;    /* kept / all bytes written */
static uint64_t timer_set_to;
static int soft_irqs, fences_i, tlb_flushes, resets;
static int ipis_to[VM_MAX_VCPUS];
static uint64_t fence_targets;
static struct { uint64_t addr, opaque; } started[VM_MAX_VCPUS];
static enum vm_outcome stopped_with;
static bool irq_pending;

void console_write_from(const char *name, uint8_t ch)
{
    (void)name;
    console_total++;
    if (console_len < sizeof(console_out) - 1)
        console_out[console_len++] = (char)ch;
}
void hv_printf(const char *fmt, ...) { (void)fmt; }
int console_getc(void) { return -1; }
void vm_input_feed_uart(struct vm *vm) { (void)vm; }
void vcpu_set_timer(struct vcpu *v, uint64_t when) { (void)v; timer_set_to = when; }
void vcpu_send_ipi(struct vcpu *v) { soft_irqs++; ipis_to[v->id]++; }
bool vcpu_irq_pending(const struct vcpu *v) { (void)v; return irq_pending; }
void vcpu_wait(struct vcpu *v)
{
    if (!irq_pending)
        v->state = VCPU_IDLE;
}
long vcpu_hart_start(struct vcpu *v, uint64_t addr, uint64_t opaque)
{
    if (v->state != VCPU_STOPPED)
        return SBI_ERR_ALREADY_AVAILABLE;
    v->state = VCPU_RUNNABLE;
    started[v->id].addr = addr;
    started[v->id].opaque = opaque;
    return 0;
}
void vcpu_hart_stop(struct vcpu *v)
{
    v->state = VCPU_STOPPED;
    for (uint32_t i = 0; i < v->vm->n_vcpus; i++)
        if (v->vm->vcpus[i].state != VCPU_STOPPED)
            return;
    vm_stop(v->vm, VM_OUTCOME_PASS, "last hart");
}
long vcpu_hart_status(const struct vcpu *v)
{
    if (v->state == VCPU_STOPPED)
        return SBI_HSM_STATE_STOPPED;
    return v->state == VCPU_IDLE && v->hsm_suspended ? SBI_HSM_STATE_SUSPENDED : SBI_HSM_STATE_STARTED;
}
void vcpu_suspend_nonretentive(struct vcpu *v, uint64_t addr, uint64_t opaque)
{
    v->state = VCPU_IDLE;
    v->hsm_suspended = true;
    v->resume_addr = addr;
    v->resume_opaque = opaque;
}
void vm_remote_fence(struct vcpu *caller, uint64_t targets, unsigned kind)
{
    (void)caller;
    fence_targets = targets;
    if (kind == VM_FENCE_I)
        fences_i++;
    else if (kind == VM_FENCE_VVMA)
        tlb_flushes++;
}
/* the interrupt path the chipvisor extension reports */
static const struct irq_backend fake_irq = { .name = "fake", .sbi_id = SBI_CHIPVISOR_IRQ_AIA };
void vm_stop(struct vm *vm, enum vm_outcome outcome, const char *why)
{
    (void)why;
    vm->state = VM_STOPPED;
    stopped_with = outcome;
}
void vm_reset(struct vm *vm) { vm->vcpus[0].regs.sepc = vm->cfg->image_gpa; resets++; }

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

/* the hypervisor's translation path without an HVA: the golden model */
bool guest_walk(const struct vm *vm, const struct xlate_ctx *c, uint64_t addr, int access, uint64_t *hpa)
{
    (void)vm;
    struct xlate_result r;
    xlate_translate(c, &host_mem, addr, (enum xlate_access)access, &r);
    *hpa = r.hpa;
    return r.exc == XLATE_EXC_NONE;
}

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
static struct vcpu *v0 = &vms[0].vcpus[0];    /* the caller */

static void make_vcpus(uint32_t n)
{
    vm->n_vcpus = n;
    for (uint32_t i = 0; i < VM_MAX_VCPUS; i++) {
        vm->vcpus[i].vm = vm;
        vm->vcpus[i].id = i;
        vm->vcpus[i].state = i == 0 ? VCPU_RUNNABLE : VCPU_STOPPED;
    }
}

static int setup(void **state)
{
    (void)state;
    memset(vm, 0, sizeof(*vm));
    vm->cfg = &cfg;
    vm->ram_hpa = (uint64_t)(uintptr_t)ram;
    vm->hgatp = build_gstage();
    vm->state = VM_RUNNABLE;
    vm->irq = &fake_irq;
    make_vcpus(1);
    memset(ipis_to, 0, sizeof(ipis_to));
    memset(started, 0, sizeof(started));
    fence_targets = 0;
    vm_count = 1;
    console_len = console_total = 0;
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
    v0->regs.sepc = SEPC0;
    v0->regs.x[17] = ext;
    v0->regs.x[16] = fid;
    v0->regs.x[10] = a0;
    v0->regs.x[11] = a1;
    v0->regs.x[12] = a2;
    sbi_guest_ecall(v0);
    if (value)
        *value = (long)v0->regs.x[11];
    return (long)v0->regs.x[10];
}

static void test_base(void **state)
{
    (void)state;
    long v;
    assert_int_equal(call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, &v), 0);
    assert_int_equal(v >> 24, 2);                       /* major 2 */
    assert_int_equal(v & 0xffffff, 0);                  /* minor 0 */
    assert_int_equal(v0->regs.sepc, SEPC0 + 4);         /* steps over the ecall */
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
    assert_int_equal(v0->regs.sepc, SEPC0 + 4);
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
    assert_int_equal(v0->state, VCPU_IDLE);
    v0->state = VCPU_RUNNABLE;
    irq_pending = true;
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0, 0, 0, NULL), 0);
    assert_int_equal(v0->state, VCPU_RUNNABLE);
    /* reserved and unimplemented platform types */
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x1234, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x80000001UL, RAM_GPA, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x90000000UL, RAM_GPA, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    /* non-retentive: a resume address outside the VM's RAM is refused */
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x80000000UL, 0x1000, 0, NULL),
                     SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(v0->state, VCPU_RUNNABLE);
    /* ... and one inside it suspends, no return value written */
    call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0x80000000UL, RAM_GPA + 0x40, 77, NULL);
    assert_int_equal(v0->state, VCPU_IDLE);
    assert_true(v0->hsm_suspended);
    assert_int_equal(v0->resume_addr, RAM_GPA + 0x40);
    assert_int_equal(v0->resume_opaque, 77);
    assert_int_equal(v0->regs.sepc, SEPC0);
    v0->state = VCPU_RUNNABLE;
    /* stopping the only hart stops the VM; the guest's registers are left alone */
    call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, NULL);
    assert_int_equal(vm->state, VM_STOPPED);
    assert_int_equal(v0->regs.sepc, SEPC0);
}

/* a VM with 4 vCPUs: HSM on the others, hart masks with a base */
static void test_smp(void **state)
{
    (void)state;
    long v;
    make_vcpus(4);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 2, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STATE_STOPPED);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 4, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    /* start: the address must be the VM's RAM; opaque is handed on */
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 2, 0x1000, 5, NULL), SBI_ERR_INVALID_ADDRESS);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 2, RAM_GPA + 0x80, 5, NULL), 0);
    assert_int_equal(started[2].addr, RAM_GPA + 0x80);
    assert_int_equal(started[2].opaque, 5);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 2, 0, 0, &v), 0);
    assert_int_equal(v, SBI_HSM_STATE_STARTED);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 2, RAM_GPA, 0, NULL), SBI_ERR_ALREADY_AVAILABLE);
    assert_int_equal(call(SBI_EXT_HSM, SBI_HSM_HART_START, 4, RAM_GPA, 0, NULL), SBI_ERR_INVALID_PARAM);
    /* IPIs: mask bits from the base */
    assert_int_equal(call(SBI_EXT_IPI, 0, 0x3, 2, 0, NULL), 0);         /* harts 2, 3 */
    assert_int_equal(ipis_to[2], 1);
    assert_int_equal(ipis_to[3], 1);
    assert_int_equal(ipis_to[0] + ipis_to[1], 0);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0x5, 0, 0, NULL), 0);         /* harts 0, 2 */
    assert_int_equal(ipis_to[0], 1);
    assert_int_equal(ipis_to[2], 2);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0, ~0UL, 0, NULL), 0);        /* all four */
    assert_int_equal(soft_irqs, 8);
    for (int i = 0; i < 4; i++)
        assert_true(ipis_to[i] >= 1);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0x3, 3, 0, NULL), SBI_ERR_INVALID_PARAM);   /* 3, 4 */
    assert_int_equal(call(SBI_EXT_IPI, 0, 1, 4, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0x10, 0, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_IPI, 0, 0, 7, 0, NULL), 0);            /* empty mask, any base */
    assert_int_equal(soft_irqs, 8);
    /* fences name their targets as a vCPU set */
    assert_int_equal(call(SBI_EXT_RFENCE, 1, 0x2, 1, 0, NULL), 0);      /* hart 2 */
    assert_int_equal(fence_targets, 1UL << 2);
    assert_int_equal(call(SBI_EXT_RFENCE, 0, 0, ~0UL, 0, NULL), 0);
    assert_int_equal(fence_targets, 0xf);
    assert_int_equal(call(SBI_EXT_RFENCE, 2, 0x1, 5, 0, NULL), SBI_ERR_INVALID_PARAM);
    /* the VM stops only when its last hart stops */
    vm->vcpus[2].state = VCPU_STOPPED;
    call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, NULL);
    assert_int_equal(vm->state, VM_STOPPED);
    setup(NULL);
    make_vcpus(2);
    vm->vcpus[1].state = VCPU_RUNNABLE;
    call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, NULL);
    assert_int_equal(v0->state, VCPU_STOPPED);
    assert_int_equal(vm->state, VM_RUNNABLE);
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
    assert_int_equal(v0->regs.sepc, RAM_GPA);           /* restarted, not returned to */
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
    /* a page the G-stage does not map: refused when the part a call takes
     * (SBI_GUEST_COPY_MAX bytes) reaches it, written up to it before */
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 3 * 4096, RAM_GPA + HOLE_PAGE * 4096UL, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 3 * 4096, RAM_GPA + HOLE_PAGE * 4096UL - 8, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 3 * 4096, RAM_GPA + (HOLE_PAGE - 1) * 4096UL, 0, &v), 0);
    assert_int_equal(v, SBI_GUEST_COPY_MAX);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 2 * 4096, RAM_GPA + (HOLE_PAGE + 1) * 4096UL, 0, &v), 0);
    assert_int_equal(v, SBI_GUEST_COPY_MAX);
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

/* DBCN bounded per call: a 1 MiB write takes SBI_GUEST_COPY_MAX bytes and
 * says so; a guest that calls again from where the count left off writes the
 * whole buffer, in order, up to the unmapped page (refused there) and on
 * from the page after it to the end of RAM */
static void test_dbcn_bounded(void **state)
{
    (void)state;
    long v;
    for (size_t i = 0; i < RAM_SIZE; i++)
        if (i / 4096 != HOLE_PAGE)
            ram[i] = (uint8_t)('a' + (i * 7 + i / 4096) % 26);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, RAM_SIZE, RAM_GPA, 0, &v), 0);
    assert_int_equal(v, SBI_GUEST_COPY_MAX);
    assert_int_equal(console_total, SBI_GUEST_COPY_MAX);
    assert_int_equal(v0->regs.sepc, SEPC0 + 4);
    assert_memory_equal(console_out, ram, SBI_GUEST_COPY_MAX);

    /* the guest's loop: again from where the count left off */
    uint64_t off = (uint64_t)v, calls = 1;
    long err;
    while ((err = call(SBI_EXT_DBCN, SBI_DBCN_WRITE, RAM_SIZE - off, RAM_GPA + off, 0, &v)) == 0) {
        assert_true(v > 0 && v <= SBI_GUEST_COPY_MAX);
        off += (uint64_t)v;
        calls++;
    }
    assert_int_equal(err, SBI_ERR_INVALID_PARAM);
    assert_int_equal(off, HOLE_PAGE * 4096UL);
    assert_int_equal(calls, HOLE_PAGE * 4096UL / SBI_GUEST_COPY_MAX);
    assert_int_equal(console_total, off);
    assert_memory_equal(console_out, ram, sizeof(console_out) - 1);

    /* past the hole, to the end of RAM: every call takes the cap, the last the rest */
    off = (HOLE_PAGE + 1) * 4096UL;
    while (off < RAM_SIZE) {
        assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, RAM_SIZE - off, RAM_GPA + off, 0, &v), 0);
        assert_int_equal(v, RAM_SIZE - off < SBI_GUEST_COPY_MAX ? RAM_SIZE - off : SBI_GUEST_COPY_MAX);
        off += (uint64_t)v;
    }
    assert_int_equal(console_total, RAM_SIZE - 4096);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 1, RAM_GPA + RAM_SIZE, 0, NULL), SBI_ERR_INVALID_PARAM);

    /* a buffer that runs past the end of RAM is refused whole, however far
     * its first part is from the end */
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, RAM_SIZE + 1, RAM_GPA, 0, NULL), SBI_ERR_INVALID_PARAM);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_WRITE, RAM_SIZE, RAM_GPA + 4096, 0, NULL), SBI_ERR_INVALID_PARAM);

    /* read: a 1 MiB buffer over the read-only page and the hole; only the part
     * the call takes must be writable, and it takes what the ring holds */
    vm_input_push(vm, 'x');
    vm_input_push(vm, 'y');
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, RAM_SIZE, RAM_GPA, 0, &v), 0);
    assert_int_equal(v, 2);
    assert_memory_equal(ram, "xy", 2);
    /* a full ring (VM_INPUT_RING - 1 bytes) in calls of at most the cap */
    int pushed = 0;
    while (vm_input_push(vm, (uint8_t)('0' + pushed % 10)))
        pushed++;
    uint64_t got = 0;
    while (got < (uint64_t)pushed) {
        assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, RAM_SIZE / 2, RAM_GPA + 0x1000 + got, 0, &v), 0);
        assert_true(v > 0 && v <= SBI_GUEST_COPY_MAX);
        got += (uint64_t)v;
    }
    assert_int_equal(got, pushed);
    assert_int_equal(ram[0x1000 + pushed - 1], '0' + (pushed - 1) % 10);
    assert_int_equal(call(SBI_EXT_DBCN, SBI_DBCN_READ, 4, RAM_GPA + RO_PAGE * 4096UL, 0, NULL),
                     SBI_ERR_INVALID_PARAM);
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
        cmocka_unit_test_setup(test_smp, setup),
        cmocka_unit_test_setup(test_srst, setup),
        cmocka_unit_test_setup(test_dbcn, setup),
        cmocka_unit_test_setup(test_dbcn_bounded, setup),
        cmocka_unit_test_setup(test_input_ring_keeps_what_does_not_fit, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
