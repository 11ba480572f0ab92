/* Traps: from a guest (guest_trap, called by trap.S on the hypervisor stack)
 * and from the hypervisor itself (hs_trap: expected probe faults, else panic). */
#include "console.h"
#include "csr.h"
#include "hext.h"
#include "mmio.h"
#include "panic.h"
#include "platform.h"
#include "sbi_fast.h"
#include "sbi_guest.h"
#include "sched.h"
#include "vcpu.h"
#include "vcpu_ctx.h"
#include "vcpu_irq.h"
#include "cpu.h"
#include "util.h"
#include "sbi_defs.h"

#define INSN_WFI 0x10500073U

static const char *const gpr_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

void panic(const char *why, const struct vcpu_regs *f)
{
    hv_log("PANIC: %s\n", why);
    if (f) {
        hv_log("sepc 0x%016lx scause 0x%lx stval 0x%lx\n", f->sepc, f->scause, f->stval);
        hv_log("htval 0x%lx htinst 0x%lx sstatus 0x%lx hstatus 0x%lx\n", f->htval, f->htinst,
               f->sstatus, f->hstatus);
        for (int i = 1; i < 32; i += 4)
            hv_log("%-4s 0x%016lx %-4s 0x%016lx %-4s 0x%016lx %-4s 0x%016lx\n",
                   gpr_names[i], f->x[i], gpr_names[i + 1], f->x[i + 1],
                   gpr_names[i + 2], f->x[i + 2], gpr_names[(i + 3) % 32], f->x[(i + 3) % 32]);
    }
    platform_exit(100);
}

void early_trap(uint64_t scause, uint64_t sepc, uint64_t stval) __attribute__((noreturn));
void early_trap(uint64_t scause, uint64_t sepc, uint64_t stval)
{
    hv_log("PANIC: trap during early boot: scause 0x%lx sepc 0x%lx stval 0x%lx\n", scause, sepc, stval);
    platform_exit(100);
}

void hs_trap(struct vcpu_regs *f)
{
    /* OpenSBI may redirect a fault to us with hstatus.SPV left set; we
     * return to HS-mode, so SPV must be 0 before sret */
    f->hstatus &= ~HSTATUS_SPV;
    if (!(f->scause & SCAUSE_INTERRUPT) && hs_fixup_pc) {
        f->sepc = hs_fixup_pc;
        return;
    }
    panic("unexpected trap in the hypervisor", f);
}

static void virtual_instruction(struct vcpu *v)
{
    struct vcpu_regs *r = &v->regs;
    uint32_t insn = (uint32_t)r->stval;

    if (insn == INSN_WFI) {
        r->sepc += 4;
        vcpu_wait(v);
        return;
    }
    /* anything else is not offered to guests: what a hart without it does */
    vcpu_inject_exception(v, EXC_ILLEGAL_INST, insn);
}

static void stop_for(struct vcpu *v, const char *what)
{
    char why[160];
    hv_snprintf(why, sizeof(why), "%s (scause %lu) at pc 0x%lx, stval 0x%lx, vCPU %u", what,
                v->regs.scause, v->regs.sepc, v->regs.stval, v->id);
    vm_stop(v->vm, VM_OUTCOME_KILLED, why);
}

static void guest_exception(struct vcpu *v, uint64_t cause)
{
    switch (cause) {
    case EXC_ECALL_VS:
        sbi_guest_ecall(v);
        break;
    case EXC_LOAD_GUEST_PAGE_FAULT:
    case EXC_STORE_GUEST_PAGE_FAULT:
    case EXC_INST_GUEST_PAGE_FAULT:
        mmio_guest_page_fault(v);  /* kicks the scheduler itself where a device needs it */
        break;
    case EXC_VIRTUAL_INST:
        virtual_instruction(v);
        break;
    case EXC_INST_ACCESS:
    case EXC_LOAD_ACCESS:
    case EXC_STORE_ACCESS:
        stop_for(v, "access fault");
        break;
    case EXC_ILLEGAL_INST:
        /* not delegated by the firmware below us: the guest's own to handle */
        vcpu_inject_exception(v, cause, v->regs.stval);
        break;
    default:
        stop_for(v, "unexpected exception");
        break;
    }
}

/* The fast path, before anything but the caller-saved registers is saved
 * (trap.S) and without the hypervisor lock: SBI calls that touch nothing but
 * the calling vCPU and the hart it runs on, answered in place. True: done,
 * back to the same guest; false: the whole trap goes to guest_trap. */
bool guest_trap_fast(struct vcpu_regs *r, uint64_t cause);
bool guest_trap_fast(struct vcpu_regs *r, uint64_t cause)
{
    if (cause != EXC_ECALL_VS)
        return false;
    uint64_t ext = r->x[17], fid = r->x[16];
    long value = 0;
    bool answered = ext == SBI_EXT_TIME ? fid == 0 && vcpu_set_own_timer(r->x[10]) :
                    ext == SBI_EXT_BASE && sbi_base_fast(fid, &value);
    if (!answered)
        return false;
    struct vm *vm = container_of(r, struct vcpu, regs)->vm;
    __atomic_fetch_add(&vm->stats.traps, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&vm->stats.sbi_calls, 1, __ATOMIC_RELAXED);
    r->x[10] = 0;
    r->x[11] = (uint64_t)value;
    csr_write(sepc, csr_read(sepc) + 4);
    return true;
}

/* Runs on this hart's stack with tp = its struct cpu; takes the hypervisor
 * lock for the whole of its work and gives it back before the guest entry. */
struct vcpu_regs *guest_trap(struct vcpu_regs *r)
{
    struct vcpu *v = container_of(r, struct vcpu, regs);
    uint64_t cause = r->scause;

    hv_lock();
    __atomic_fetch_add(&v->vm->stats.traps, 1, __ATOMIC_RELAXED);
    if (cause & SCAUSE_INTERRUPT) {
        v->vm->stats.host_irqs++;
        switch (cause & ~SCAUSE_INTERRUPT) {
        case IRQ_S_TIMER:
            sched_timer_irq();
            break;
        case IRQ_S_SOFT:
            sched_ipi();
            break;
        default:
            /* nothing else is enabled at HS-level */
            panic("unexpected interrupt while a guest ran", r);
        }
    } else if (v->vm->state == VM_RUNNABLE && v->state != VCPU_STOPPED) {
        /* (a VM stopped by another hart meanwhile: its trap is dropped) */
        v->vm->progress_at = read_time();
        guest_exception(v, cause);
    }
    struct vcpu *next = sched_next(v);
    hv_unlock();
    return &next->regs;
}
