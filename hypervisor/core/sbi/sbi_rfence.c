/* SBI RFENCE: remote FENCE.I and SFENCE.VMA on the VM's own vCPUs. */
#include "sbi_ext.h"
#include "fence.h"

static enum sbi_flow sbi_rfence_handle(struct vcpu *v, struct sbi_call *c)
{
    uint64_t set;
    unsigned kind;
    switch (c->fid) {
    case 0:   /* remote FENCE.I */
        kind = VM_FENCE_I;
        break;
    case 1:   /* remote SFENCE.VMA: the guest's VS-stage entries of this VMID */
    case 2:   /* ... with ASID: all of this VMID's VS-stage entries is a correct superset */
        kind = VM_FENCE_VVMA;
        break;
    default:  /* HFENCE.* for nested guests: this hypervisor offers no H to its guests */
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    if (!sbi_named_harts(v->vm, c->arg[0], c->arg[1], &set)) {
        c->error = SBI_ERR_INVALID_PARAM;
        return SBI_FLOW_RETURN;
    }
    if (set)
        vm_remote_fence(v, set, kind);
    return SBI_FLOW_RETURN;
}

SBI_EXTENSION(sbi_ext_rfence) = {
    .eid_first = SBI_EXT_RFENCE, .eid_last = SBI_EXT_RFENCE, .name = "RFENCE",
    .handle = sbi_rfence_handle,
};
