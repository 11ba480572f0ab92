/* vCPU life cycle and what one vCPU asks for another: SBI HSM (start, stop,
 * status, suspend), IPIs and WFI. */
#include "vm.h"
#include "aia.h"
#include "csr.h"
#include "hext.h"
#include "console.h"
#include "sbi_defs.h"
#include "vcpu.h"
#include "cpu.h"
#include "vcpu_ctx.h"
#include "vcpu_irq.h"
#include "util.h"

long vcpu_hart_start(struct vcpu *v, uint64_t addr, uint64_t opaque)
{
    if (v->state != VCPU_STOPPED)
        return SBI_ERR_ALREADY_AVAILABLE;
    vcpu_start_at(v, addr, opaque);
    wake_a_hart_for(v);
    cpu_resched();
    return 0;
}

void vcpu_hart_stop(struct vcpu *v)
{
    struct vm *vm = v->vm;
    v->state = VCPU_STOPPED;
    cpu_resched();
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
    cpu_resched();
    if (!vcpu_irq_pending(v)) {
        v->state = VCPU_IDLE;           /* the scheduler wakes it on an interrupt */
        v->hsm_suspended = false;
    }
}

void vcpu_suspend_nonretentive(struct vcpu *v, uint64_t addr, uint64_t opaque)
{
    v->vm->stats.wfi_exits++;
    cpu_resched();
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
