/* SBI HSM: start, stop, status and suspend of the VM's own vCPUs. */
#include "sbi_ext.h"
#include "vcpu.h"
#include "vm_mem.h"

#define SBI_HSM_SUSPEND_NONRETENTIVE 0x80000000UL

static enum sbi_flow sbi_hsm_handle(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    uint8_t *unused;
    switch (c->fid) {
    case SBI_HSM_HART_START:
        if (c->arg[0] >= vm->n_vcpus)
            c->error = SBI_ERR_INVALID_PARAM;
        else if (!vm_gpa_to_hva(vm, c->arg[1], 4, false, &unused))
            c->error = SBI_ERR_INVALID_ADDRESS;
        else
            c->error = vcpu_hart_start(&vm->vcpus[c->arg[0]], c->arg[1], c->arg[2]);
        break;
    case SBI_HSM_HART_STOP:
        vcpu_hart_stop(v);
        return SBI_FLOW_NONE;
    case SBI_HSM_HART_STATUS:
        if (c->arg[0] < vm->n_vcpus)
            c->value = vcpu_hart_status(&vm->vcpus[c->arg[0]]);
        else
            c->error = SBI_ERR_INVALID_PARAM;
        break;
    case SBI_HSM_HART_SUSPEND:
        if (c->arg[0] == SBI_HSM_SUSPEND_RETENTIVE) {
            /* like WFI: resumes after the ecall once an interrupt is pending */
            vcpu_wait(v);
            v->hsm_suspended = v->state == VCPU_IDLE;     /* HSM status: SUSPENDED */
        } else if (c->arg[0] == SBI_HSM_SUSPEND_NONRETENTIVE) {
            if (!vm_gpa_to_hva(vm, c->arg[1], 4, false, &unused)) {
                c->error = SBI_ERR_INVALID_ADDRESS;
                break;
            }
            vcpu_suspend_nonretentive(v, c->arg[1], c->arg[2]);
            return SBI_FLOW_NONE;
        } else {
            /* reserved, or a platform-specific type this platform lacks */
            c->error = SBI_ERR_INVALID_PARAM;
        }
        break;
    default:
        c->error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    return SBI_FLOW_RETURN;
}

SBI_EXTENSION(sbi_ext_hsm) = {
    .eid_first = SBI_EXT_HSM, .eid_last = SBI_EXT_HSM, .name = "HSM",
    .handle = sbi_hsm_handle,
};
