/* SBI IPI: send_ipi to the VM's own vCPUs. */
#include "sbi_ext.h"
#include "vcpu.h"

static enum sbi_flow sbi_ipi_handle(struct vcpu *v, struct sbi_call *c)
{
    uint64_t set;
    if (c->fid != 0) {
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    if (!sbi_named_harts(v->vm, c->arg[0], c->arg[1], &set)) {
        c->error = SBI_ERR_INVALID_PARAM;
        return SBI_FLOW_RETURN;
    }
    for (uint32_t id = 0; id < v->vm->n_vcpus; id++)
        if (set & (1UL << id))
            vcpu_send_ipi(&v->vm->vcpus[id]);
    return SBI_FLOW_RETURN;
}

SBI_EXTENSION(sbi_ext_ipi) = {
    .eid_first = SBI_EXT_IPI, .eid_last = SBI_EXT_IPI, .name = "IPI",
    .handle = sbi_ipi_handle,
};
