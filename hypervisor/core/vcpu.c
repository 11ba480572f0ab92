/* vCPU life cycle and what one vCPU asks for another: SBI HSM (start, stop,
 * status, suspend), IPIs and WFI. */
#include "vm.h"
#include "aia.h"
#include "csr.h"
#include "hext.h"
#include "console.h"
#include "sbi_defs.h"
#include "sched.h"
#include "util.h"

void vcpu_start_at(struct vcpu *v, uint64_t addr, uint64_t arg)
{
    struct vm *vm = v->vm;
    /* a resume from a non-retentive suspend keeps what woke it pending */
    uint64_t keep_hvip = v->resume_nonretentive ? v->csr.hvip & (MIP_VSSIP | MIP_VSEIP | MIP_VSTIP) : 0;
    sched_forget(v);    /* whatever a hart held of it is stale now */
    memset(&v->regs, 0, sizeof(v->regs));
    memset(&v->fp, 0, sizeof(v->fp));
    memset(&v->csr, 0, sizeof(v->csr));
    v->regs.x[10] = v->id;              /* a0: hart id */
    v->regs.x[11] = arg;                /* a1 */
    v->regs.sepc = addr;
    v->regs.sstatus = SSTATUS_SPP | SSTATUS_FS_INITIAL;     /* enter in VS-mode */
    v->regs.hstatus = HSTATUS_VSXL_64 | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW |
                      (uint64_t)v->hgei << HSTATUS_VGEIN_SHIFT;
    v->csr.hgatp = vm->hgatp;
    v->csr.hvip = keep_hvip;
    v->csr.henvcfg = hart.sstc ? HENVCFG_STCE : 0;
    v->csr.hcounteren = 0x7;            /* cycle, time, instret readable by the guest */
    v->csr.vstimecmp = ~0UL;
    v->timer_deadline = ~0UL;
    v->hvip_set = v->hvip_clear = 0;
    v->resume_nonretentive = false;
    v->hsm_suspended = false;
    v->imsic_reset = v->imsic_file != 0;
    /* it may land on a hart that ran this VM before: drop what that hart holds */
    for (uint32_t i = 0; i < cpu_count; i++)
        vm->fence_pending[i] |= VM_FENCE_VVMA | VM_FENCE_I;
    v->state = VCPU_RUNNABLE;
    v->runnable_at = read_time();
}

long vcpu_hart_start(struct vcpu *v, uint64_t addr, uint64_t opaque)
{
    if (v->state != VCPU_STOPPED)
        return SBI_ERR_ALREADY_AVAILABLE;
    vcpu_start_at(v, addr, opaque);
    wake_a_hart_for(v);
    sched_kick();
    return 0;
}

void vcpu_hart_stop(struct vcpu *v)
{
    struct vm *vm = v->vm;
    v->state = VCPU_STOPPED;
    sched_kick();
    for (uint32_t i = 0; i < vm->n_vcpus; i++)
        if (vm->vcpus[i].state != VCPU_STOPPED)
            return;
    vm_stop(vm, VM_OUTCOME_PASS, "its last hart stopped (SBI HSM hart_stop)");
}

long vcpu_hart_status(const struct vcpu *v)
{
    if (v->state == VCPU_STOPPED)
        return SBI_HSM_STATE_STOPPED;
    if (v->state == VCPU_IDLE && v->hsm_suspended)
        return SBI_HSM_STATE_SUSPENDED;
    return SBI_HSM_STATE_STARTED;
}

void vcpu_wait(struct vcpu *v)
{
    v->vm->stats.wfi_exits++;
    sched_kick();
    if (!vcpu_irq_pending(v)) {
        v->state = VCPU_IDLE;           /* the scheduler wakes it on an interrupt */
        v->hsm_suspended = false;
    }
}

void vcpu_suspend_nonretentive(struct vcpu *v, uint64_t addr, uint64_t opaque)
{
    v->vm->stats.wfi_exits++;
    sched_kick();
    v->resume_addr = addr;
    v->resume_opaque = opaque;
    v->resume_nonretentive = true;
    v->hsm_suspended = true;
    v->state = VCPU_IDLE;
    vcpu_wake_if_pending(v);            /* already pending: resumes at once */
}

void vcpu_send_ipi(struct vcpu *v)
{
    if (v->state == VCPU_STOPPED)
        return;                         /* a stopped hart takes no interrupt */
    v->vm->stats.ipis++;
    vcpu_hvip_update(v, MIP_VSSIP, true);
    vcpu_wake_if_pending(v);
}
